//! Multi-memory, memory64, table64 and custom page sizes through the public
//! API, on every backend this build can run.

use wasmite::{Backend, Config, Engine, Instance, Module, Store, TrapCode};

fn backends() -> Vec<Backend> {
    let mut b = vec![Backend::Portable];
    if !cfg!(debug_assertions) {
        b.push(Backend::Threaded);
    }
    b
}

fn instance(backend: Backend, wat: &str) -> (Store<()>, Instance) {
    let engine = Engine::new(Config::new().backend(backend).wasm_custom_page_sizes(true)).unwrap();
    let mut store = Store::new(&engine, ());
    let module = Module::new(&engine, wat).unwrap();
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    (store, inst)
}

#[test]
fn two_memories_are_independent() {
    let wat = r#"(module
      (memory $a 1)
      (memory $b 2 3)
      (data (memory $b) (i32.const 65530) "\01\02\03\04\05\06")
      (func (export "store") (param i32 i64)
        (i64.store $b (local.get 0) (local.get 1))
        (i32.store8 $a (local.get 0) (i32.const 0x7f)))
      (func (export "load_b") (param i32) (result i64) (i64.load $b (local.get 0)))
      (func (export "load_a") (param i32) (result i32) (i32.load8_s $a (local.get 0)))
      (func (export "signed") (param i32) (result i64 i32 i64 i32)
        (i64.load8_s $b (local.get 0)) (i32.load16_s $b (local.get 0))
        (i64.load32_s $b (local.get 0)) (i32.load16_u $b offset=2 (local.get 0)))
      (func (export "sizes") (result i32 i32) (memory.size $a) (memory.size $b))
      (func (export "grow_b") (param i32) (result i32) (memory.grow $b (local.get 0)))
      (func (export "copy_b_to_a") (param i32 i32 i32)
        (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2))))"#;
    for backend in backends() {
        let (mut store, inst) = instance(backend, wat);
        let load_b = inst.get_typed_func::<i32, i64>(&store, "load_b").unwrap();
        let load_a = inst.get_typed_func::<i32, i32>(&store, "load_a").unwrap();
        // The data segment went to memory $b only.
        assert_eq!(load_b.call(&mut store, 65528).unwrap(), 0x0605_0403_0201_0000, "{backend:?}");
        assert_eq!(load_a.call(&mut store, 65530).unwrap(), 0, "{backend:?}");
        let store_fn = inst.get_typed_func::<(i32, i64), ()>(&store, "store").unwrap();
        // Memory $a has one page: the same address is out of bounds there,
        // after the store to $b happened.
        let err = store_fn.call(&mut store, (100_000, -2)).unwrap_err();
        assert_eq!(err.trap_code(), Some(TrapCode::MemoryOutOfBounds), "{backend:?}");
        assert_eq!(load_b.call(&mut store, 100_000).unwrap(), -2, "{backend:?}");
        store_fn.call(&mut store, (8, 0x8081_8283)).unwrap();
        assert_eq!(load_a.call(&mut store, 8).unwrap(), 0x7f, "{backend:?}");
        let signed = inst.get_typed_func::<i32, (i64, i32, i64, i32)>(&store, "signed").unwrap();
        assert_eq!(
            signed.call(&mut store, 8).unwrap(),
            (-0x7d, 0xffff_8283u32 as i32, 0xffff_ffff_8081_8283u64 as i64, 0x8081),
            "{backend:?}"
        );
        let err = load_b.call(&mut store, 2 * 65536 - 7).unwrap_err();
        assert_eq!(err.trap_code(), Some(TrapCode::MemoryOutOfBounds), "{backend:?}");

        let sizes = inst.get_typed_func::<(), (i32, i32)>(&store, "sizes").unwrap();
        let grow = inst.get_typed_func::<i32, i32>(&store, "grow_b").unwrap();
        assert_eq!(grow.call(&mut store, 1).unwrap(), 2, "{backend:?}");
        assert_eq!(grow.call(&mut store, 1).unwrap(), -1, "{backend:?}: maximum 3");
        assert_eq!(sizes.call(&mut store, ()).unwrap(), (1, 3), "{backend:?}");

        let copy = inst.get_typed_func::<(i32, i32, i32), ()>(&store, "copy_b_to_a").unwrap();
        copy.call(&mut store, (16, 100_000, 8)).unwrap();
        assert_eq!(load_a.call(&mut store, 16).unwrap(), -2, "{backend:?}");
        let err = copy.call(&mut store, (65530, 0, 8)).unwrap_err();
        assert_eq!(err.trap_code(), Some(TrapCode::MemoryOutOfBounds), "{backend:?}");
    }
}

#[test]
fn memory64_addresses_offsets_and_growth() {
    let wat = r#"(module
      (memory i64 1)
      (func (export "load") (param i64) (result i32) (i32.load (local.get 0)))
      (func (export "store") (param i64 i32) (i32.store offset=4 (local.get 0) (local.get 1)))
      (func (export "far") (param i64) (result i64)
        (i64.load offset=0x1_0000_0000 (local.get 0)))
      (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
      (func (export "size") (result i64) (memory.size))
      (func (export "fill") (param i64 i32 i64)
        (memory.fill (local.get 0) (local.get 1) (local.get 2))))"#;
    for backend in backends() {
        let (mut store, inst) = instance(backend, wat);
        let load = inst.get_typed_func::<i64, i32>(&store, "load").unwrap();
        let store_fn = inst.get_typed_func::<(i64, i32), ()>(&store, "store").unwrap();
        store_fn.call(&mut store, (60, 77)).unwrap();
        assert_eq!(load.call(&mut store, 64).unwrap(), 77, "{backend:?}");
        // Addresses do not wrap at 32 bits, and an offset may exceed them.
        for at in [1 << 32, (1 << 32) + 64, -1i64 as u64 as i64, 65533] {
            let err = load.call(&mut store, at).unwrap_err();
            assert_eq!(err.trap_code(), Some(TrapCode::MemoryOutOfBounds), "{backend:?}: {at}");
        }
        let err = store_fn.call(&mut store, (-4, 1)).unwrap_err();
        assert_eq!(err.trap_code(), Some(TrapCode::MemoryOutOfBounds), "{backend:?}");
        let far = inst.get_typed_func::<i64, i64>(&store, "far").unwrap();
        for at in [0, -1, -0x1_0000_0000] {
            let err = far.call(&mut store, at).unwrap_err();
            assert_eq!(err.trap_code(), Some(TrapCode::MemoryOutOfBounds), "{backend:?}: {at}");
        }
        let grow = inst.get_typed_func::<i64, i64>(&store, "grow").unwrap();
        let size = inst.get_typed_func::<(), i64>(&store, "size").unwrap();
        assert_eq!(grow.call(&mut store, 1).unwrap(), 1, "{backend:?}");
        assert_eq!(grow.call(&mut store, 1 << 40).unwrap(), -1, "{backend:?}: an i64 -1");
        assert_eq!(size.call(&mut store, ()).unwrap(), 2, "{backend:?}");
        let fill = inst.get_typed_func::<(i64, i32, i64), ()>(&store, "fill").unwrap();
        fill.call(&mut store, (131068, 0x11, 4)).unwrap();
        assert_eq!(load.call(&mut store, 131068).unwrap(), 0x1111_1111, "{backend:?}");
        let err = fill.call(&mut store, (0, 0, 1 << 32)).unwrap_err();
        assert_eq!(err.trap_code(), Some(TrapCode::MemoryOutOfBounds), "{backend:?}");
    }
}

#[test]
fn table64_indices_are_not_truncated() {
    let wat = r#"(module
      (type $t (func (result i32)))
      (table $tab i64 2 funcref)
      (elem (table $tab) (i64.const 1) func $f)
      (func $f (result i32) (i32.const 42))
      (func (export "call") (param i64) (result i32)
        (call_indirect $tab (type $t) (local.get 0)))
      (func (export "grow") (param i64) (result i64)
        (table.grow $tab (ref.null func) (local.get 0)))
      (func (export "is_null") (param i64) (result i32)
        (ref.is_null (table.get $tab (local.get 0)))))"#;
    for backend in backends() {
        let (mut store, inst) = instance(backend, wat);
        let call = inst.get_typed_func::<i64, i32>(&store, "call").unwrap();
        assert_eq!(call.call(&mut store, 1).unwrap(), 42, "{backend:?}");
        // 2^32 + 1 would be index 1 if truncated.
        for at in [(1 << 32) + 1, -1] {
            let err = call.call(&mut store, at).unwrap_err();
            assert_eq!(err.trap_code(), Some(TrapCode::UndefinedElement), "{backend:?}: {at}");
        }
        let is_null = inst.get_typed_func::<i64, i32>(&store, "is_null").unwrap();
        assert_eq!(is_null.call(&mut store, 1).unwrap(), 0, "{backend:?}");
        let err = is_null.call(&mut store, (1 << 32) + 1).unwrap_err();
        assert_eq!(err.trap_code(), Some(TrapCode::TableOutOfBounds), "{backend:?}");
        let grow = inst.get_typed_func::<i64, i64>(&store, "grow").unwrap();
        assert_eq!(grow.call(&mut store, 3).unwrap(), 2, "{backend:?}");
        assert_eq!(grow.call(&mut store, 1 << 33).unwrap(), -1, "{backend:?}: an i64 -1");
    }
}

#[test]
fn one_byte_pages() {
    let wat = r#"(module
      (memory 3 (pagesize 1))
      (func (export "size") (result i32) (memory.size))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
      (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0))))"#;
    for backend in backends() {
        let (mut store, inst) = instance(backend, wat);
        let size = inst.get_typed_func::<(), i32>(&store, "size").unwrap();
        let grow = inst.get_typed_func::<i32, i32>(&store, "grow").unwrap();
        let load = inst.get_typed_func::<i32, i32>(&store, "load").unwrap();
        assert_eq!(size.call(&mut store, ()).unwrap(), 3, "{backend:?}");
        let err = load.call(&mut store, 3).unwrap_err();
        assert_eq!(err.trap_code(), Some(TrapCode::MemoryOutOfBounds), "{backend:?}");
        assert_eq!(grow.call(&mut store, 5).unwrap(), 3, "{backend:?}");
        assert_eq!(load.call(&mut store, 7).unwrap(), 0, "{backend:?}");
        assert_eq!(size.call(&mut store, ()).unwrap(), 8, "{backend:?}");
    }
}

/// A memory64 of 1-byte pages: its address space is 2^64 pages, one more
/// than a `u64` counts (found by the fuzzer: the page limit overflowed).
#[test]
fn one_byte_pages_on_a_memory64() {
    let wat = r#"(module
      (memory i64 1 (pagesize 1))
      (func (export "size") (result i64) (memory.size))
      (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
      (func (export "store") (param i64 i32) (i32.store8 (local.get 0) (local.get 1)))
      (func (export "load") (param i64) (result i32) (i32.load8_u (local.get 0))))"#;
    for backend in backends() {
        let (mut store, inst) = instance(backend, wat);
        let size = inst.get_typed_func::<(), i64>(&store, "size").unwrap();
        let grow = inst.get_typed_func::<i64, i64>(&store, "grow").unwrap();
        let store8 = inst.get_typed_func::<(i64, i32), ()>(&store, "store").unwrap();
        let load = inst.get_typed_func::<i64, i32>(&store, "load").unwrap();
        assert_eq!(size.call(&mut store, ()).unwrap(), 1, "{backend:?}");
        assert_eq!(grow.call(&mut store, 99).unwrap(), 1, "{backend:?}");
        store8.call(&mut store, (99, 7)).unwrap();
        assert_eq!(load.call(&mut store, 99).unwrap(), 7, "{backend:?}");
        let err = load.call(&mut store, 100).unwrap_err();
        assert_eq!(err.trap_code(), Some(TrapCode::MemoryOutOfBounds), "{backend:?}");
        // Too much for the host: -1, not a panic.
        assert_eq!(grow.call(&mut store, -2).unwrap(), -1, "{backend:?}");
        assert_eq!(size.call(&mut store, ()).unwrap(), 100, "{backend:?}");
    }
}

#[test]
fn proposals_can_be_switched_off() {
    let multi = "(module (memory 1) (memory 1))";
    let wide = "(module (memory i64 1))";
    let pages = "(module (memory 1 (pagesize 1)))";
    assert!(Module::new(&Engine::default(), multi).is_ok());
    assert!(Module::new(&Engine::default(), wide).is_ok());
    assert!(Module::new(&Engine::default(), pages).is_err(), "custom pages are opt-in");
    let off = Engine::new(Config::new().wasm_multi_memory(false).wasm_memory64(false)).unwrap();
    assert!(Module::new(&off, multi).is_err());
    assert!(Module::new(&off, wide).is_err());
}

#[test]
fn host_memory64_and_table64_types() {
    use wasmite::{Extern, Memory, MemoryType, MemoryTypeBuilder, RefType, Table, TableType};
    let ty = MemoryTypeBuilder::new().min(1).max(Some(4)).memory64(true).build().unwrap();
    assert_eq!(ty, MemoryType::new64(1, Some(4)));
    assert!(ty.is_64() && ty.minimum() == 1 && ty.maximum() == Some(4));
    assert!(MemoryTypeBuilder::new().min(2).max(Some(1)).build().is_err());
    assert!(MemoryTypeBuilder::new().min(1 << 17).build().is_err(), "over 4 GiB of 32-bit memory");
    assert!(MemoryTypeBuilder::new().page_size_log2(3).build().is_err());

    let wat = r#"(module
      (import "" "mem" (memory i64 1))
      (import "" "tab" (table i64 1 funcref))
      (func (export "last") (result i32) (i32.load8_u (i64.const 65535)))
      (func (export "tab_size") (result i64) (table.size 0)))"#;
    for backend in backends() {
        let engine = Engine::new(Config::new().backend(backend)).unwrap();
        let mut store = Store::new(&engine, ());
        let mem = Memory::new(&mut store, ty).unwrap();
        mem.data_mut(&mut store)[65535] = 9;
        let tab_ty = TableType::new64(RefType::FUNCREF, 3, None);
        assert!(tab_ty.is_64());
        let tab = Table::new(&mut store, tab_ty, wasmite::Ref::Func(None)).unwrap();
        let module = Module::new(&engine, wat).unwrap();
        let imports = [Extern::Memory(mem), Extern::Table(tab)];
        let inst = Instance::new(&mut store, &module, &imports).unwrap();
        let last = inst.get_typed_func::<(), i32>(&store, "last").unwrap();
        assert_eq!(last.call(&mut store, ()).unwrap(), 9, "{backend:?}");
        let size = inst.get_typed_func::<(), i64>(&store, "tab_size").unwrap();
        assert_eq!(size.call(&mut store, ()).unwrap(), 3, "{backend:?}");
        // A 32-bit memory does not satisfy a memory64 import.
        let mem32 = Memory::new(&mut store, MemoryType::new(1, None)).unwrap();
        let imports = [Extern::Memory(mem32), Extern::Table(tab)];
        assert!(Instance::new(&mut store, &module, &imports).is_err(), "{backend:?}");
    }
}
