//! `v128` values through the public API, on every backend this build can
//! run: globals created, read and written by the host and by Wasm code.

use wasmite::{
    Backend, Config, Engine, Global, GlobalType, Linker, Module, Mutability, Store, V128, Val,
    ValType,
};

fn backends() -> Vec<Backend> {
    let mut b = vec![Backend::Portable];
    if !cfg!(debug_assertions) {
        b.push(Backend::Threaded);
    }
    b
}

/// Both halves differ, and the high one is not a sign extension of the low.
const G: u128 = 0x7fc0_0001_8000_0000_3f80_0000_0000_00ff;
const OWN: u128 = 0x7fc0_0000_8000_0001_0123_4567_89ab_cdef;

fn v128(v: u128) -> Val {
    Val::V128(V128::from(v))
}

fn bits(v: Val) -> u128 {
    match v {
        Val::V128(v) => v.as_u128(),
        v => panic!("not a v128: {v:?}"),
    }
}

/// FINDINGS #18: `Global::get` returned the low half of a `v128` global
/// (the high half zero) and `Global::set` wrote the low half only; the
/// Wasm code saw the whole value.
#[test]
fn v128_globals_keep_both_halves_through_the_api() {
    let wat = r#"(module
      (import "env" "g" (global $g v128))
      (import "env" "m" (global $m (mut v128)))
      (global $own (export "own") (mut v128)
        (v128.const i64x2 0x0123456789abcdef 0x7fc0000080000001))
      (global (export "copy") v128 (global.get $g))
      (func (export "read_g") (result v128) (global.get $g))
      (func (export "read_own") (result v128) (global.get $own))
      (func (export "bump_m")
        (global.set $m (i64x2.add (global.get $m) (v128.const i64x2 1 -1)))))"#;
    for backend in backends() {
        let engine = Engine::new(Config::new().backend(backend)).unwrap();
        let module = Module::new(&engine, wat).unwrap();
        let mut store = Store::new(&engine, ());
        let g =
            Global::new(&mut store, GlobalType::new(ValType::V128, Mutability::Const), v128(G))
                .unwrap();
        let m = Global::new(&mut store, GlobalType::new(ValType::V128, Mutability::Var), v128(0))
            .unwrap();
        assert_eq!(bits(g.get(&store)), G, "{backend:?}: a host global");
        let mut linker = Linker::new(&engine);
        linker.define(&store, "env", "g", g).unwrap();
        linker.define(&store, "env", "m", m).unwrap();
        let inst = linker.instantiate(&mut store, &module).unwrap();
        let read_g = inst.get_typed_func::<(), V128>(&store, "read_g").unwrap();
        assert_eq!(read_g.call(&mut store, ()).unwrap().as_u128(), G, "{backend:?}");
        // Exported: defined with a constant, and copied from the import.
        let own = inst.get_global(&store, "own").unwrap();
        assert_eq!(bits(own.get(&store)), OWN, "{backend:?}: a defined global");
        let copy = inst.get_global(&store, "copy").unwrap();
        assert_eq!(bits(copy.get(&store)), G, "{backend:?}: initialised from the import");
        // Written by the host, read by Wasm code.
        own.set(&mut store, v128(G)).unwrap();
        let read_own = inst.get_typed_func::<(), V128>(&store, "read_own").unwrap();
        assert_eq!(read_own.call(&mut store, ()).unwrap().as_u128(), G, "{backend:?}: set");
        assert_eq!(bits(own.get(&store)), G, "{backend:?}");
        // Written by Wasm code, read by the host: lane 0 + 1, lane 1 - 1.
        m.set(&mut store, v128(OWN)).unwrap();
        let bump = inst.get_typed_func::<(), ()>(&store, "bump_m").unwrap();
        bump.call(&mut store, ()).unwrap();
        let want = (OWN & (u128::MAX << 64)) - (1 << 64) + ((OWN as u64 + 1) as u128);
        assert_eq!(bits(m.get(&store)), want, "{backend:?}: set by Wasm code");
    }
}

