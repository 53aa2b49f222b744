//! The wide-arithmetic proposal (`i64.add128`, `i64.sub128`,
//! `i64.mul_wide_s/u`): two results per op, checked against Rust's `u128`
//! and `i128` on every backend this build can run.

use wasmite::{Backend, Config, Engine, Instance, Module, Store};

const WAT: &str = r#"(module
  ;; 128-bit Fibonacci: two results per add, kept in locals across a loop.
  (func (export "fib") (param $n i32) (result i64 i64)
    (local $alo i64) (local $ahi i64) (local $blo i64) (local $bhi i64)
    (local $tlo i64) (local $thi i64)
    (local.set $blo (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (i64.add128 (local.get $alo) (local.get $ahi) (local.get $blo) (local.get $bhi))
        (local.set $thi)
        (local.set $tlo)
        (local.set $alo (local.get $blo))
        (local.set $ahi (local.get $bhi))
        (local.set $blo (local.get $tlo))
        (local.set $bhi (local.get $thi))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $alo) (local.get $ahi))
  (func (export "sub") (param i64 i64 i64 i64) (result i64 i64)
    (i64.sub128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  ;; Results feeding the next op straight from the operand stack.
  (func (export "mul_s_hi_plus_lo") (param i64 i64) (result i64)
    (i64.mul_wide_s (local.get 0) (local.get 1))
    (i64.add))
  (func (export "mul_u") (param i64 i64) (result i64 i64)
    (i64.mul_wide_u (local.get 0) (local.get 1))))"#;

fn split(v: u128) -> (i64, i64) {
    (v as u64 as i64, (v >> 64) as u64 as i64)
}

#[test]
fn wide_ops_match_128_bit_arithmetic() {
    let mut backends = vec![Backend::Portable];
    if !cfg!(debug_assertions) {
        backends.push(Backend::Threaded);
    }
    for backend in backends {
        let engine =
            Engine::new(Config::new().backend(backend).wasm_wide_arithmetic(true)).unwrap();
        let mut store = Store::new(&engine, ());
        let module = Module::new(&engine, WAT).unwrap();
        let inst = Instance::new(&mut store, &module, &[]).unwrap();

        let fib = inst.get_typed_func::<i32, (i64, i64)>(&store, "fib").unwrap();
        let (mut a, mut b) = (0u128, 1u128);
        for n in 0..=186 {
            assert_eq!(fib.call(&mut store, n).unwrap(), split(a), "{backend:?}: fib({n})");
            (a, b) = (b, a.wrapping_add(b));
        }

        let sub = inst.get_typed_func::<(i64, i64, i64, i64), (i64, i64)>(&store, "sub").unwrap();
        let cases = [(0u128, 1u128), (1 << 64, 1), (u128::MAX, u128::MAX - 5), (7, 1 << 100)];
        for (x, y) in cases {
            let (xl, xh) = split(x);
            let (yl, yh) = split(y);
            let got = sub.call(&mut store, (xl, xh, yl, yh)).unwrap();
            assert_eq!(got, split(x.wrapping_sub(y)), "{backend:?}: {x} - {y}");
        }

        let mul_s = inst.get_typed_func::<(i64, i64), i64>(&store, "mul_s_hi_plus_lo").unwrap();
        let mul_u = inst.get_typed_func::<(i64, i64), (i64, i64)>(&store, "mul_u").unwrap();
        for (x, y) in [(-1i64, -1i64), (i64::MIN, i64::MAX), (-3, 1 << 62), (12345, -678)] {
            let p = i128::from(x) * i128::from(y);
            let (lo, hi) = split(p as u128);
            assert_eq!(mul_s.call(&mut store, (x, y)).unwrap(), hi.wrapping_add(lo), "{backend:?}");
            let p = u128::from(x as u64) * u128::from(y as u64);
            assert_eq!(mul_u.call(&mut store, (x, y)).unwrap(), split(p), "{backend:?}");
        }
    }
}

#[test]
fn wide_arithmetic_is_off_by_default() {
    let err = Module::new(&Engine::default(), WAT).unwrap_err();
    assert!(err.to_string().contains("wide arithmetic"), "{err}");
}
