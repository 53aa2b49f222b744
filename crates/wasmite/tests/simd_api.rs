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
        let g = Global::new(&mut store, GlobalType::new(ValType::V128, Mutability::Const), v128(G))
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

/// FINDINGS #19: in the instrumented fuzz build, the threaded handlers of
/// `i8x16.shuffle`, `i8x16.swizzle` and the `f32x4`/`f64x2` rounding ops
/// called the next handler instead of jumping to it (a native frame per
/// op: a long loop overflows the stack). `.ci/check-tail-calls` on the
/// fuzz binaries is the guard for that build; this runs each of those ops
/// (and `relaxed_swizzle`, which shares their body) 100,000 times in a loop
/// on every backend this build can run, and checks the result.
#[test]
fn long_loops_of_gathers_and_rounding() {
    let wat = r#"(module
      (func (export "run") (param $n i32) (result v128)
        (local $v v128) (local $f v128) (local $d v128)
        (local.set $v (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15))
        (local.set $f (v128.const f32x4 0.5 -1.5 2.25 -0.75))
        (local.set $d (v128.const f64x2 1.5 -2.5))
        (loop $next
          (local.set $v (i8x16.shuffle 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 0
            (local.get $v) (local.get $v)))
          (local.set $v (i8x16.swizzle (local.get $v)
            (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)))
          (local.set $v (i8x16.relaxed_swizzle (local.get $v)
            (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)))
          (local.set $f (f32x4.ceil (f32x4.floor (f32x4.trunc (f32x4.nearest (local.get $f))))))
          (local.set $d (f64x2.ceil (f64x2.floor (f64x2.trunc (f64x2.nearest (local.get $d))))))
          (local.set $f (f32x4.add (local.get $f) (v128.const f32x4 0.5 0.5 0.5 0.5)))
          (local.set $d (f64x2.add (local.get $d) (v128.const f64x2 0.5 0.5)))
          (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        ;; The bytes rotated n times, with the float lanes' sums folded in.
        (i8x16.add (local.get $v)
          (i8x16.add (i32x4.trunc_sat_f32x4_s (local.get $f))
            (i32x4.trunc_sat_f64x2_s_zero (local.get $d))))))"#;
    let n = 100_000u32;
    // Rotating the 16 bytes n times (n % 16 == 0) leaves them in place.
    let bytes: u128 = u128::from_le_bytes(core::array::from_fn(|i| i as u8));
    // Each lane: round (integral already after the first pass), add 0.5;
    // nearest of x.5 goes to even, so the lanes settle into a cycle.
    let mut f = [0.5f32, -1.5, 2.25, -0.75];
    let mut d = [1.5f64, -2.5];
    for _ in 0..n {
        for x in &mut f {
            *x = x.round_ties_even().trunc().floor().ceil() + 0.5;
        }
        for x in &mut d {
            *x = x.round_ties_even().trunc().floor().ceil() + 0.5;
        }
    }
    let f: [u8; 16] = core::array::from_fn(|i| (f[i / 4] as i32).to_le_bytes()[i % 4]);
    let d: [u8; 16] =
        core::array::from_fn(|i| if i < 8 { (d[i / 4] as i32).to_le_bytes()[i % 4] } else { 0 });
    let want: [u8; 16] =
        core::array::from_fn(|i| (bytes.to_le_bytes()[i]).wrapping_add(f[i].wrapping_add(d[i])));
    for backend in backends() {
        let engine = Engine::new(Config::new().backend(backend)).unwrap();
        let module = Module::new(&engine, wat).unwrap();
        let mut store = Store::new(&engine, ());
        let inst = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
        let run = inst.get_typed_func::<i32, V128>(&store, "run").unwrap();
        let got = run.call(&mut store, n as i32).unwrap().as_u128();
        assert_eq!(got.to_le_bytes(), want, "{backend:?}");
    }
}

/// FINDINGS #23: a function with more results than locals and a `v128`
/// constant hoisted out of a loop returns its values in the right slots
/// (the return's moves wrote result slots the hoisted constants had pushed
/// up, so results came back scrambled).
#[test]
fn more_results_than_locals_with_hoisted_v128_constants() {
    let wat = r#"(module
      (func (export "f") (param i32) (result v128 v128 i32 f64)
        (loop (drop (v128.const i64x2 5 6)) (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
        (v128.const i64x2 1 2) (v128.const i64x2 3 4) (i32.const 7) (f64.const 2.5)))"#;
    let engine = wasmite::Engine::default();
    let module = wasmite::Module::new(&engine, wat).unwrap();
    let mut store = wasmite::Store::new(&engine, ());
    let instance = wasmite::Instance::new(&mut store, &module, &[]).unwrap();
    let f = instance.get_func(&mut store, "f").unwrap();
    let mut out = [wasmite::Val::I32(0); 4];
    f.call(&mut store, &[wasmite::Val::I32(3)], &mut out).unwrap();
    let v = |lo: u64, hi: u64| wasmite::Val::V128((u128::from(hi) << 64 | u128::from(lo)).into());
    assert_eq!(out, [v(1, 2), v(3, 4), wasmite::Val::I32(7), wasmite::Val::F64(2.5f64.to_bits())]);
}
