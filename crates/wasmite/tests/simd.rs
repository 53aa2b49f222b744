//! SIMD through the public API, on every backend this build can run:
//! `v128` arguments and results of untyped and typed calls, host functions
//! taking and returning `v128` (both kinds), `v128` globals read and written
//! from Wasm and the host, resumable calls suspended in SIMD code, tail
//! calls with `v128` arguments, NaN canonicalisation of SIMD results, and
//! that functions without `v128` in a SIMD module are translated as before.

use wasmite::{
    Backend, Config, Engine, Func, FuncType, Global, GlobalType, Instance, Module, Mutability,
    ResumableCall, Store, V128, Val, ValType,
};

fn backends() -> Vec<Backend> {
    let mut b = vec![Backend::Portable];
    if !cfg!(debug_assertions) {
        b.push(Backend::Threaded);
    }
    b
}

fn engine(config: &mut Config, backend: Backend) -> Engine {
    Engine::new(config.backend(backend)).unwrap()
}

/// i32x4 lanes as a u128 (lane 0 lowest).
fn i32x4(l: [i32; 4]) -> u128 {
    l.iter().rev().fold(0u128, |acc, &x| acc << 32 | u128::from(x as u32))
}

fn lanes(v: u128) -> [i32; 4] {
    [0, 1, 2, 3].map(|i| (v >> (32 * i)) as u32 as i32)
}

const MODULE: &str = r#"(module
  (import "host" "mix" (func $mix (param v128 i32 v128) (result v128 i64)))
  (import "host" "g" (global $hg (mut v128)))
  (global $g (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
  (func (export "add") (param v128 v128) (result v128)
    (i32x4.add (local.get 0) (local.get 1)))
  (func (export "sum") (param v128) (result i32)
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get 0)) (i32x4.extract_lane 1 (local.get 0)))
      (i32.add (i32x4.extract_lane 2 (local.get 0)) (i32x4.extract_lane 3 (local.get 0)))))
  (func (export "call-host") (param v128) (result v128 i64)
    (call $mix (local.get 0) (i32.const 10) (i32x4.splat (i32.const 7))))
  (func (export "bump-globals")
    (global.set $g (i32x4.add (global.get $g) (global.get $hg)))
    (global.set $hg (i32x4.mul (global.get $hg) (i32x4.splat (i32.const 2)))))
  ;; A loop keeping v128 values in locals across many basic blocks (and so
  ;; across fuel suspensions): sum of (i, 2i, 3i, 4i) for i < n.
  (func (export "loop") (param $n i32) (result v128)
    (local $acc v128) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i32x4.add (local.get $acc)
          (i32x4.mul (i32x4.splat (local.get $i)) (v128.const i32x4 1 2 3 4))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))
  ;; Tail calls passing v128 arguments: count down, adding 1 to every lane.
  (func $down (export "down") (param $v v128) (param $n i32) (result v128)
    (if (result v128) (i32.eqz (local.get $n))
      (then (local.get $v))
      (else (return_call $down (i32x4.add (local.get $v) (i32x4.splat (i32.const 1)))
                               (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "nan") (result v128)
    (f32x4.div (v128.const f32x4 0 1 0 1) (v128.const f32x4 0 1 0 1)))
  (func (export "scalar") (param i32 i32) (result i32)
    (local i32)
    (local.set 2 (i32.add (local.get 0) (local.get 1)))
    (block (result i32) (local.get 2))))
"#;

struct Setup {
    store: Store<()>,
    instance: Instance,
    host_global: Global,
}

fn setup(config: &mut Config, backend: Backend) -> Setup {
    let engine = engine(config, backend);
    let module = Module::new(&engine, MODULE).unwrap();
    let mut store = Store::new(&engine, ());
    // mix(a, k, b) = (a * k + b, sum of a's lanes)
    let mix = Func::new(
        &mut store,
        FuncType::new(
            &engine,
            [ValType::V128, ValType::I32, ValType::V128],
            [ValType::V128, ValType::I64],
        ),
        |_, params, results| {
            let a = lanes(params[0].unwrap_v128().as_u128());
            let k = params[1].unwrap_i32();
            let b = lanes(params[2].unwrap_v128().as_u128());
            let r = [0, 1, 2, 3].map(|i| a[i].wrapping_mul(k).wrapping_add(b[i]));
            results[0] = Val::V128(i32x4(r).into());
            results[1] = Val::I64(a.iter().map(|&x| i64::from(x)).sum());
            Ok(())
        },
    );
    let host_global = Global::new(
        &mut store,
        GlobalType::new(ValType::V128, Mutability::Var),
        Val::V128(i32x4([10, 20, 30, 40]).into()),
    )
    .unwrap();
    let instance = Instance::new(&mut store, &module, &[mix.into(), host_global.into()]).unwrap();
    Setup { store, instance, host_global }
}

#[test]
fn v128_arguments_and_results_untyped_and_typed() {
    for backend in backends() {
        let Setup { mut store, instance, .. } = setup(&mut Config::new(), backend);
        let add = instance.get_func(&store, "add").unwrap();
        let mut out = [Val::I32(0)];
        let (a, b) = (i32x4([1, -2, 3, i32::MAX]), i32x4([10, 20, -30, 1]));
        add.call(&mut store, &[Val::V128(a.into()), Val::V128(b.into())], &mut out).unwrap();
        assert_eq!(lanes(out[0].unwrap_v128().as_u128()), [11, 18, -27, i32::MIN], "{backend:?}");
        let typed = instance.get_typed_func::<(V128, V128), V128>(&store, "add").unwrap();
        let r = typed.call(&mut store, (a.into(), b.into())).unwrap();
        assert_eq!(lanes(r.as_u128()), [11, 18, -27, i32::MIN]);
        let sum = instance.get_typed_func::<V128, i32>(&store, "sum").unwrap();
        assert_eq!(sum.call(&mut store, i32x4([1, 2, 3, 4]).into()).unwrap(), 10);
    }
}

#[test]
fn host_functions_take_and_return_v128() {
    for backend in backends() {
        let Setup { mut store, instance, .. } = setup(&mut Config::new(), backend);
        let f = instance.get_typed_func::<V128, (V128, i64)>(&store, "call-host").unwrap();
        let (v, s) = f.call(&mut store, i32x4([1, 2, 3, -4]).into()).unwrap();
        assert_eq!(lanes(v.as_u128()), [17, 27, 37, -33], "{backend:?}");
        assert_eq!(s, 2);

        // A typed host closure with v128 in and out, called from Wasm.
        let engine = store.engine().clone();
        let module = Module::new(
            &engine,
            r#"(module
              (import "h" "swap" (func $swap (param v128 f64) (result f64 v128)))
              (func (export "run") (param v128) (result v128) (local $v v128)
                (call $swap (local.get 0) (f64.const 1.5))
                (local.set $v) (drop) (local.get $v)))"#,
        )
        .unwrap();
        let swap = Func::wrap(&mut store, |v: V128, x: f64| {
            (x * 2.0, V128::from(v.as_u128().rotate_left(32)))
        });
        let inst = Instance::new(&mut store, &module, &[swap.into()]).unwrap();
        let run = inst.get_typed_func::<V128, V128>(&store, "run").unwrap();
        let r = run.call(&mut store, i32x4([1, 2, 3, 4]).into()).unwrap();
        assert_eq!(lanes(r.as_u128()), [4, 1, 2, 3]);
    }
}

#[test]
fn v128_globals_from_wasm_and_host() {
    for backend in backends() {
        let Setup { mut store, instance, host_global } = setup(&mut Config::new(), backend);
        let g = instance.get_global(&store, "g").unwrap();
        assert_eq!(lanes(g.get(&store).unwrap_v128().as_u128()), [1, 2, 3, 4]);
        let bump = instance.get_typed_func::<(), ()>(&store, "bump-globals").unwrap();
        bump.call(&mut store, ()).unwrap();
        assert_eq!(lanes(g.get(&store).unwrap_v128().as_u128()), [11, 22, 33, 44]);
        assert_eq!(lanes(host_global.get(&store).unwrap_v128().as_u128()), [20, 40, 60, 80]);
        host_global.set(&mut store, Val::V128(i32x4([-1, -1, -1, -1]).into())).unwrap();
        bump.call(&mut store, ()).unwrap();
        assert_eq!(lanes(g.get(&store).unwrap_v128().as_u128()), [10, 21, 32, 43], "{backend:?}");
    }
}

#[test]
fn resumable_calls_keep_v128_values() {
    for backend in backends() {
        let Setup { mut store, instance, .. } = setup(Config::new().consume_fuel(true), backend);
        let f = instance.get_func(&store, "loop").unwrap();
        let mut out = [Val::I32(0)];
        store.set_fuel(5).unwrap();
        let mut call = f.call_resumable(&mut store, &[Val::I32(100)], &mut out).unwrap();
        let mut suspensions = 0;
        while let ResumableCall::Resumable(inv) = call {
            assert!(inv.out_of_fuel());
            suspensions += 1;
            // (At least what the next basic block costs.)
            store.set_fuel(inv.required_fuel().unwrap().max(7)).unwrap();
            call = inv.resume(&mut store, &[], &mut out).unwrap();
        }
        assert!(suspensions > 50, "{suspensions} suspensions");
        let s = 4950; // 0 + 1 + ... + 99
        assert_eq!(lanes(out[0].unwrap_v128().as_u128()), [s, 2 * s, 3 * s, 4 * s], "{backend:?}");
    }
}

#[test]
fn tail_calls_pass_v128_arguments() {
    for backend in backends() {
        let Setup { mut store, instance, .. } = setup(&mut Config::new(), backend);
        let down = instance.get_typed_func::<(V128, i32), V128>(&store, "down").unwrap();
        // A million tail calls in constant stack.
        let r = down.call(&mut store, (i32x4([0, 1, 2, 3]).into(), 1_000_000)).unwrap();
        assert_eq!(lanes(r.as_u128()), [1_000_000, 1_000_001, 1_000_002, 1_000_003], "{backend:?}");
    }
}

#[test]
fn simd_nans_are_canonical_when_configured() {
    for backend in backends() {
        let Setup { mut store, instance, .. } =
            setup(Config::new().canonicalize_nans(true), backend);
        let nan = instance.get_typed_func::<(), V128>(&store, "nan").unwrap();
        let v = nan.call(&mut store, ()).unwrap().as_u128();
        // 0/0 lanes: the canonical NaN 0x7fc00000 (x86 makes 0xffc00000); 1/1 lanes: 1.0.
        assert_eq!(
            lanes(v).map(|l| l as u32),
            [0x7fc0_0000, 0x3f80_0000, 0x7fc0_0000, 0x3f80_0000]
        );
    }
}

#[test]
fn scalar_functions_of_a_simd_module_never_touch_the_v128_file() {
    let engine = engine(&mut Config::new(), Backend::Portable);
    let module = Module::new(&engine, MODULE).unwrap();
    // Function 8 (imports first) is "scalar": plain copies, no V ops.
    let scalar = module.disassemble(8).unwrap();
    assert!(scalar.contains("I32Add"), "{scalar}");
    assert!(!scalar.contains("VCopy") && !scalar.contains("V128"), "{scalar}");
    // "loop" keeps its v128 local with v128 copies.
    let looped = module.disassemble(5).unwrap();
    assert!(looped.contains("VCopy") && looped.contains("I32x4Add"), "{looped}");
}

#[test]
fn a_simd_operator_after_scalar_code_retranslates_the_function_in_simd_mode() {
    // No function has a v128 in its type or locals: "late" reaches
    // SIMD operators after a loop with calls and stores, so its translation
    // starts over in SIMD mode; "dead" has them only in unreachable code
    // and stays scalar.
    const LATE: &str = r#"(module
      (memory 1)
      (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
      (func (export "late") (param i32) (result i32) (local i32)
        (block $done
          (loop $l
            (br_if $done (i32.ge_u (local.get 1) (local.get 0)))
            (i32.store (i32.shl (local.get 1) (i32.const 2)) (call $inc (local.get 1)))
            (local.set 1 (call $inc (local.get 1)))
            (br $l)))
        (select
          (i32x4.extract_lane 2
            (i32x4.add (v128.load (i32.const 0)) (i32x4.splat (local.get 1))))
          (i32.const -1)
          (local.get 0)))
      (func (export "dead") (param i32) (result i32)
        (if (local.get 0) (then (return (i32.const 5))))
        (return (i32.const 6))
        (drop (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))))
      (func (export "vsel") (param i32) (result i32)
        (i32x4.extract_lane 1
          (select (v128.const i32x4 1 2 3 4) (v128.const i32x4 5 6 7 8) (local.get 0)))))"#;
    for backend in backends() {
        let engine = engine(&mut Config::new(), backend);
        let module = Module::new(&engine, LATE).unwrap();
        let late = module.disassemble(1).unwrap();
        // Its scalar select stays a `Select`; an (untyped) v128 one is a
        // `VSelect`.
        assert!(late.contains("I32x4Add") && late.contains("Select"), "{late}");
        assert!(!late.contains("VSelect"), "{late}");
        assert!(module.disassemble(3).unwrap().contains("VSelect"));
        let dead = module.disassemble(2).unwrap();
        assert!(!["V128", "VCopy", "VSelect"].iter().any(|v| dead.contains(v)), "{dead}");
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let late = instance.get_typed_func::<i32, i32>(&mut store, "late").unwrap();
        assert_eq!(late.call(&mut store, 4).unwrap(), 3 + 4, "{backend:?}");
        assert_eq!(late.call(&mut store, 0).unwrap(), -1, "{backend:?}");
        let dead = instance.get_typed_func::<i32, i32>(&mut store, "dead").unwrap();
        assert_eq!(dead.call(&mut store, 1).unwrap(), 5);
        assert_eq!(dead.call(&mut store, 0).unwrap(), 6);
        let vsel = instance.get_typed_func::<i32, i32>(&mut store, "vsel").unwrap();
        assert_eq!((vsel.call(&mut store, 1).unwrap(), vsel.call(&mut store, 0).unwrap()), (2, 6));
    }
}

#[test]
fn an_add_of_a_product_rounds_twice_as_the_pair_does() {
    // `acc + a * b` and `a * b + acc` are translated as one multiply-add
    // op; it must round the product before adding, as the two operators
    // do (a fused multiply-add would keep 2^-46 here).
    const M: &str = r#"(module
      (func (export "f32") (param f32 f32 f32) (result f32 f32)
        (local v128 v128 v128)
        (local.set 3 (f32x4.splat (local.get 0)))
        (local.set 4 (f32x4.splat (local.get 1)))
        (local.set 5 (f32x4.splat (local.get 2)))
        (f32x4.extract_lane 1 (f32x4.add (local.get 5) (f32x4.mul (local.get 3) (local.get 4))))
        (f32x4.extract_lane 2 (f32x4.add (f32x4.mul (local.get 3) (local.get 4)) (local.get 5))))
      (func (export "f64") (param f64 f64 f64) (result f64 f64)
        (local v128 v128 v128)
        (local.set 3 (f64x2.splat (local.get 0)))
        (local.set 4 (f64x2.splat (local.get 1)))
        (local.set 5 (f64x2.splat (local.get 2)))
        (f64x2.extract_lane 0 (f64x2.add (local.get 5) (f64x2.mul (local.get 3) (local.get 4))))
        (f64x2.extract_lane 1 (f64x2.add (f64x2.mul (local.get 3) (local.get 4)) (local.get 5)))))"#;
    let a32 = f32::from_bits(1.0f32.to_bits() + 1); // 1 + 2^-23
    let a64 = f64::from_bits(1.0f64.to_bits() + 1); // 1 + 2^-52
    for backend in backends() {
        for canon in [false, true] {
            let engine = engine(Config::new().canonicalize_nans(canon), backend);
            let module = Module::new(&engine, M).unwrap();
            let ir = module.disassemble(0).unwrap();
            assert_eq!(ir.contains("F32x4RelaxedMadd"), !canon, "{ir}");
            let mut store = Store::new(&engine, ());
            let instance = Instance::new(&mut store, &module, &[]).unwrap();
            let f32s =
                instance.get_typed_func::<(f32, f32, f32), (f32, f32)>(&mut store, "f32").unwrap();
            let f64s =
                instance.get_typed_func::<(f64, f64, f64), (f64, f64)>(&mut store, "f64").unwrap();
            for (a, b, c) in [(a32, a32, -(a32 * a32)), (2.5, -4.0, 1.0), (f32::INFINITY, 0.0, 1.0)]
            {
                let want = c + a * b;
                let (x, y) = f32s.call(&mut store, (a, b, c)).unwrap();
                assert!(
                    x.to_bits() == want.to_bits() || x.is_nan() && want.is_nan(),
                    "{x} vs {want}"
                );
                assert!(
                    y.to_bits() == want.to_bits() || y.is_nan() && want.is_nan(),
                    "{y} vs {want}"
                );
            }
            let (x, y) = f32s.call(&mut store, (a32, a32, -(a32 * a32))).unwrap();
            assert_eq!((x, y), (0.0, 0.0), "{backend:?}: rounded once, not twice");
            for (a, b, c) in [(a64, a64, -(a64 * a64)), (2.5, -4.0, 1.0), (f64::NAN, 1.0, 2.0)] {
                let want = c + a * b;
                let (x, y) = f64s.call(&mut store, (a, b, c)).unwrap();
                assert!(
                    x.to_bits() == want.to_bits() || x.is_nan() && want.is_nan(),
                    "{x} vs {want}"
                );
                assert!(
                    y.to_bits() == want.to_bits() || y.is_nan() && want.is_nan(),
                    "{y} vs {want}"
                );
            }
            let (x, _) = f64s.call(&mut store, (a64, a64, -(a64 * a64))).unwrap();
            assert_eq!(x, 0.0, "{backend:?}");
        }
    }
}

#[test]
fn constants_in_loops_are_set_once_at_entry() {
    // Inside a loop a v128.const and a shuffle's lane indices live in
    // slots set at function entry; a scalar constant equal to a vector's
    // low half (1 | 2 << 32) may share its slot and must still read right.
    const M: &str = r#"(module
      (func (export "run") (param i32) (result i32 i64)
        (local v128 i64)
        (loop $l
          (local.set 1 (i32x4.add (local.get 1) (v128.const i32x4 1 2 3 4)))
          (local.set 2 (i64.add (local.get 2)
            (select (i64.const 0x200000001) (i64.const 0) (local.get 0))))
          (local.set 1 (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11
            (local.get 1) (local.get 1)))
          (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
        (i32.add (i32x4.extract_lane 0 (local.get 1)) (i32x4.extract_lane 3 (local.get 1)))
        (local.get 2))
      (func (export "scalar_first") (param i32) (result i64 i32)
        (local i64 v128)
        (loop $l
          (local.set 1 (i64.add (local.get 1)
            (select (i64.const 0x200000001) (i64.const 0) (local.get 0))))
          (local.set 2 (i32x4.add (local.get 2) (v128.const i32x4 1 2 3 4)))
          (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
        (local.get 1)
        (i32x4.extract_lane 1 (local.get 2))))"#;
    // The model: lanes swap pairwise after each add.
    let model = |n: i32| {
        let mut v = [0i32; 4];
        for _ in 0..n {
            v = [v[0] + 1, v[1] + 2, v[2] + 3, v[3] + 4];
            v = [v[1], v[0], v[3], v[2]];
        }
        (v[0] + v[3], i64::from(n) * 0x2_0000_0001)
    };
    for backend in backends() {
        let engine = engine(&mut Config::new(), backend);
        let module = Module::new(&engine, M).unwrap();
        for f in [0, 1] {
            // No constant is made between the loop's start (the back
            // branch's target) and the back branch.
            let ir = module.disassemble(f).unwrap();
            let ops: Vec<&str> = ir.lines().skip(1).collect();
            let back = ops.iter().rposition(|l| l.contains("target=")).unwrap();
            let target: usize = ops[back].rsplit("target=").next().unwrap().parse().unwrap();
            let start = ops.iter().position(|l| l.trim_start().starts_with(&format!("{target}:")));
            let lp = &ops[start.unwrap()..=back];
            assert!(!lp.iter().any(|l| l.contains("V128Const")), "{ir}");
            assert!(ops.iter().any(|l| l.contains("V128Const")), "{ir}");
        }
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let run = instance.get_typed_func::<i32, (i32, i64)>(&mut store, "run").unwrap();
        let first = instance.get_typed_func::<i32, (i64, i32)>(&mut store, "scalar_first").unwrap();
        for n in [1, 2, 7, 10] {
            assert_eq!(run.call(&mut store, n).unwrap(), model(n), "{backend:?} n={n}");
            assert_eq!(first.call(&mut store, n).unwrap(), (i64::from(n) * 0x2_0000_0001, 2 * n));
        }
    }
}
