//! Tail calls (`return_call`, `return_call_indirect`) through the public
//! API, on every backend this build can run (the threaded one needs an
//! optimised build: its handlers rely on tail calls themselves).

use wasmite::{Backend, Caller, Config, Engine, Instance, Linker, Module, Store, TrapCode, Val};

fn backends() -> Vec<Backend> {
    let mut b = vec![Backend::Portable];
    if !cfg!(debug_assertions) {
        b.push(Backend::Threaded);
    }
    b
}

fn engine(backend: Backend) -> Engine {
    Engine::new(Config::new().backend(backend)).unwrap()
}

const MUTUAL: &str = r#"(module
  (func $even (export "even") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
  (func $odd (export "odd") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))
  ;; The same through a table, with an accumulator and more parameters
  ;; than the caller has locals.
  (type $t (func (param i64 i64 i64) (result i64)))
  (table funcref (elem $sum3))
  (func $sum3 (type $t)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.add (local.get 1) (local.get 2)))
      (else (return_call_indirect (type $t)
        (i64.sub (local.get 0) (i64.const 1))
        (i64.add (local.get 1) (local.get 0))
        (local.get 2)
        (i32.const 0)))))
  (func (export "sum") (param i64) (result i64)
    (return_call $sum3 (local.get 0) (i64.const 0) (i64.const 1000))))"#;

#[test]
fn ten_million_mutual_tail_calls_run_in_constant_stack() {
    // Default limits (100,000 frames), on a 256 KiB native stack.
    for backend in backends() {
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let engine = engine(backend);
                let mut store = Store::new(&engine, ());
                let module = Module::new(&engine, MUTUAL).unwrap();
                let inst = Instance::new(&mut store, &module, &[]).unwrap();
                let even = inst.get_typed_func::<i64, i32>(&store, "even").unwrap();
                let odd = inst.get_typed_func::<i64, i32>(&store, "odd").unwrap();
                assert_eq!(even.call(&mut store, 10_000_000).unwrap(), 1, "{backend:?}");
                assert_eq!(odd.call(&mut store, 10_000_001).unwrap(), 1, "{backend:?}");
                assert_eq!(even.call(&mut store, 7).unwrap(), 0, "{backend:?}");
                let sum = inst.get_typed_func::<i64, i64>(&store, "sum").unwrap();
                let n = 1_000_000i64;
                assert_eq!(sum.call(&mut store, n).unwrap(), n * (n + 1) / 2 + 1000, "{backend:?}");
            })
            .unwrap()
            .join()
            .unwrap();
    }
}

#[test]
fn plain_recursion_of_the_same_depth_exhausts_the_stack() {
    // The contrast: without the tail call, the same recursion traps.
    let wat = r#"(module
      (func $f (export "f") (param i64) (result i32)
        (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 1))
          (else (call $f (i64.sub (local.get 0) (i64.const 1)))))))"#;
    for backend in backends() {
        let engine = engine(backend);
        let mut store = Store::new(&engine, ());
        let module = Module::new(&engine, wat).unwrap();
        let inst = Instance::new(&mut store, &module, &[]).unwrap();
        let f = inst.get_typed_func::<i64, i32>(&store, "f").unwrap();
        let err = f.call(&mut store, 10_000_000).unwrap_err();
        assert_eq!(err.trap_code(), Some(TrapCode::StackExhausted), "{backend:?}");
    }
}

#[test]
fn tail_call_to_a_host_function_returns_its_results() {
    let wat = r#"(module
      (import "host" "pair" (func $pair (param i32) (result i32 i64)))
      (import "host" "one" (func $one (param i32) (result i32)))
      (import "host" "none" (func $none (param i32)))
      (type $one (func (param i32) (result i32)))
      (table funcref (elem $one))
      (func (export "pair") (param i32) (result i32 i64)
        (return_call $pair (i32.add (local.get 0) (i32.const 1))))
      (func (export "one") (param i32) (result i32)
        (return_call_indirect (type $one) (local.get 0) (i32.const 0)))
      (func $inner (param i32) (result i32)
        (i32.add (call $one (local.get 0)) (i32.const 100)))
      (func (export "nested") (param i32) (result i32)
        (i32.mul (call $inner (local.get 0)) (i32.const 2)))
      (func (export "none") (param i32)
        (return_call $none (local.get 0))))"#;
    for backend in backends() {
        let engine = engine(backend);
        let mut store = Store::new(&engine, Vec::<i32>::new());
        let mut linker = Linker::new(&engine);
        linker.func_wrap("host", "pair", |x: i32| (x * 10, i64::from(x) << 40)).unwrap();
        linker.func_wrap("host", "one", |x: i32| x + 7).unwrap();
        linker
            .func_wrap("host", "none", |mut c: Caller<'_, Vec<i32>>, x: i32| c.data_mut().push(x))
            .unwrap();
        let module = Module::new(&engine, wat).unwrap();
        let inst = linker.instantiate(&mut store, &module).unwrap();
        let pair = inst.get_typed_func::<i32, (i32, i64)>(&store, "pair").unwrap();
        assert_eq!(pair.call(&mut store, 4).unwrap(), (50, 5 << 40), "{backend:?}");
        let one = inst.get_typed_func::<i32, i32>(&store, "one").unwrap();
        assert_eq!(one.call(&mut store, 5).unwrap(), 12, "{backend:?}");
        let nested = inst.get_typed_func::<i32, i32>(&store, "nested").unwrap();
        assert_eq!(nested.call(&mut store, 1).unwrap(), (1 + 7 + 100) * 2, "{backend:?}");
        let none = inst.get_typed_func::<i32, ()>(&store, "none").unwrap();
        none.call(&mut store, 9).unwrap();
        assert_eq!(store.data(), &[9], "{backend:?}");
    }
}

#[test]
fn tail_call_into_another_instance() {
    let callee = r#"(module
      (memory 1)
      (func (export "load_plus") (param i32 i32) (result i32)
        (i32.add (i32.load (local.get 0)) (local.get 1)))
      (func (export "init") (i32.store (i32.const 8) (i32.const 1000))))"#;
    let caller = r#"(module
      (import "m" "load_plus" (func $lp (param i32 i32) (result i32)))
      (memory 1)
      (func (export "f") (param i32) (result i32)
        (i32.store (i32.const 8) (i32.const 5))
        (return_call $lp (i32.const 8) (local.get 0)))
      (func (export "g") (param i32) (result i32)
        ;; After the other instance returns, this instance's memory again.
        (i32.add (call 1 (local.get 0)) (i32.load (i32.const 8)))))"#;
    for backend in backends() {
        let engine = engine(backend);
        let mut store = Store::new(&engine, ());
        let mut linker = Linker::new(&engine);
        let m = Module::new(&engine, callee).unwrap();
        let m_inst = linker.instantiate(&mut store, &m).unwrap();
        m_inst.get_typed_func::<(), ()>(&store, "init").unwrap().call(&mut store, ()).unwrap();
        linker.instance(&mut store, "m", m_inst).unwrap();
        let c = Module::new(&engine, caller).unwrap();
        let inst = linker.instantiate(&mut store, &c).unwrap();
        let f = inst.get_typed_func::<i32, i32>(&store, "f").unwrap();
        assert_eq!(f.call(&mut store, 3).unwrap(), 1003, "{backend:?}");
        let g = inst.get_typed_func::<i32, i32>(&store, "g").unwrap();
        assert_eq!(g.call(&mut store, 3).unwrap(), 1003 + 5, "{backend:?}");
    }
}

#[test]
fn return_call_indirect_traps_like_call_indirect() {
    let wat = r#"(module
      (type $v (func (result i32)))
      (type $i (func (param i32) (result i32)))
      (table 3 funcref)
      (elem (i32.const 0) $seven $id)
      (func $seven (type $v) (i32.const 7))
      (func $id (type $i) (local.get 0))
      (func (export "call") (param i32) (result i32)
        (return_call_indirect (type $v) (local.get 0))))"#;
    for backend in backends() {
        let engine = engine(backend);
        let mut store = Store::new(&engine, ());
        let module = Module::new(&engine, wat).unwrap();
        let inst = Instance::new(&mut store, &module, &[]).unwrap();
        let call = inst.get_typed_func::<i32, i32>(&store, "call").unwrap();
        assert_eq!(call.call(&mut store, 0).unwrap(), 7);
        let trap = |store: &mut Store<()>, i| call.call(store, i).unwrap_err().trap_code();
        assert_eq!(trap(&mut store, 1), Some(TrapCode::IndirectCallTypeMismatch), "{backend:?}");
        assert_eq!(trap(&mut store, 2), Some(TrapCode::UninitializedElement), "{backend:?}");
        assert_eq!(trap(&mut store, 3), Some(TrapCode::UndefinedElement), "{backend:?}");
    }
}

#[test]
fn tail_calls_are_metered_and_resume() {
    let wat = r#"(module
      (func $count (export "count") (param i32 i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
          (else (return_call $count (i32.sub (local.get 0) (i32.const 1))
                                    (i32.add (local.get 1) (i32.const 2)))))))"#;
    for backend in backends() {
        let engine = Engine::new(Config::new().backend(backend).consume_fuel(true)).unwrap();
        let mut store = Store::new(&engine, ());
        let module = Module::new(&engine, wat).unwrap();
        let inst = Instance::new(&mut store, &module, &[]).unwrap();
        let count = inst.get_func(&store, "count").unwrap();
        store.set_fuel(1_000).unwrap();
        let mut results = [Val::I32(0)];
        let err = count.call(&mut store, &[Val::I32(100_000), Val::I32(0)], &mut results);
        assert_eq!(err.unwrap_err().trap_code(), Some(TrapCode::OutOfFuel), "{backend:?}");
        // Resumed in slices, it finishes with the same result.
        store.set_fuel(1_000).unwrap();
        let mut call = count
            .call_resumable(&mut store, &[Val::I32(100_000), Val::I32(0)], &mut results)
            .unwrap();
        let mut slices = 0;
        while let wasmite::ResumableCall::Resumable(inv) = call {
            assert!(inv.out_of_fuel());
            slices += 1;
            store.set_fuel(1_000).unwrap();
            call = inv.resume(&mut store, &[], &mut results).unwrap();
        }
        assert!(slices > 100, "{backend:?}: {slices} slices");
        assert_eq!(results[0], Val::I32(200_000), "{backend:?}");
    }
}

#[test]
fn tail_calls_can_be_switched_off() {
    let wat = r#"(module (func $f (return_call $f)))"#;
    let engine = Engine::new(Config::new().wasm_tail_call(false)).unwrap();
    let err = Module::new(&engine, wat).unwrap_err();
    assert!(err.to_string().contains("tail call"), "{err}");
    assert!(Module::new(&Engine::default(), wat).is_ok());
}
