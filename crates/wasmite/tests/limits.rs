//! Fuel, resumable calls, resource limits, stack limits and NaN
//! canonicalisation, through the public API.

use wasmite::{
    AsContextMut, Caller, Config, Engine, Error, ErrorKind, Instance, Linker, Module,
    ResumableCall, Store, StoreLimits, StoreLimitsBuilder, TrapCode, Val,
};

const FIB: &str = r#"(module
  (func $fib (export "fib") (param i64) (result i64)
    (if (result i64) (i64.lt_u (local.get 0) (i64.const 2))
      (then (local.get 0))
      (else (i64.add (call $fib (i64.sub (local.get 0) (i64.const 1)))
                     (call $fib (i64.sub (local.get 0) (i64.const 2)))))))
  (func (export "spin") (loop (br 0)))
  (func $rec (export "recurse") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $rec (i32.sub (local.get 0) (i32.const 1)))))))
  (func $inf (export "infinite") (call $inf)))"#;

fn fuel_engine() -> Engine {
    Engine::new(Config::new().consume_fuel(true)).unwrap()
}

fn instance(engine: &Engine, store: &mut Store<()>, wat: &str) -> Instance {
    let module = Module::new(engine, wat).unwrap();
    Instance::new(store, &module, &[]).unwrap()
}

#[test]
fn infinite_loop_runs_out_of_fuel() {
    let engine = fuel_engine();
    let mut store = Store::new(&engine, ());
    let inst = instance(&engine, &mut store, FIB);
    store.set_fuel(10_000).unwrap();
    let spin = inst.get_typed_func::<(), ()>(&store, "spin").unwrap();
    let err = spin.call(&mut store, ()).unwrap_err();
    assert_eq!(err.trap_code(), Some(TrapCode::OutOfFuel));
    assert!(store.get_fuel().unwrap() < 10);
    // The store stays usable.
    store.set_fuel(1_000_000).unwrap();
    let fib = inst.get_typed_func::<i64, i64>(&store, "fib").unwrap();
    assert_eq!(fib.call(&mut store, 10).unwrap(), 55);
}

#[test]
fn fuel_is_an_error_when_disabled() {
    let mut store = Store::new(&Engine::default(), ());
    assert_eq!(store.set_fuel(1).unwrap_err().kind(), ErrorKind::Usage);
}

#[test]
fn resumed_call_matches_uninterrupted_run() {
    let engine = fuel_engine();
    let mut store = Store::new(&engine, ());
    let inst = instance(&engine, &mut store, FIB);
    let fib = inst.get_func(&store, "fib").unwrap();
    store.set_fuel(5_000).unwrap();
    let mut results = [Val::I64(0)];
    let mut call = fib.call_resumable(&mut store, &[Val::I64(22)], &mut results).unwrap();
    let mut suspensions = 0;
    while let ResumableCall::Resumable(inv) = call {
        assert!(inv.out_of_fuel());
        suspensions += 1;
        // Another call in between must not disturb the suspended one.
        store.set_fuel(1_000_000).unwrap();
        let mut r = [Val::I64(0)];
        fib.call(&mut store, &[Val::I64(5)], &mut r).unwrap();
        assert_eq!(r[0], Val::I64(5));
        store.set_fuel(5_000).unwrap();
        call = inv.resume(&mut store, &[], &mut results).unwrap();
    }
    assert!(suspensions > 10, "only {suspensions} suspensions");
    assert_eq!(results[0], Val::I64(17711));
}

#[test]
fn host_error_suspends_and_resumes_with_host_results() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, 0u32);
    let module = Module::new(
        &engine,
        r#"(module (import "host" "ask" (func $ask (param i32) (result i32)))
             (func (export "run") (result i32)
               (i32.add (call $ask (i32.const 1)) (call $ask (i32.const 2)))))"#,
    )
    .unwrap();
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("host", "ask", |mut c: Caller<'_, u32>, x: i32| -> Result<i32, Error> {
            *c.data_mut() += 1;
            if x == 2 { Err(Error::msg("need input")) } else { Ok(x * 10) }
        })
        .unwrap();
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let run = inst.get_func(&store, "run").unwrap();
    let mut results = [Val::I32(0)];
    let ResumableCall::Resumable(inv) = run.call_resumable(&mut store, &[], &mut results).unwrap()
    else {
        panic!("expected a suspension")
    };
    assert_eq!(inv.host_error().unwrap().message(), "need input");
    let done = inv.resume(&mut store, &[Val::I32(5)], &mut results).unwrap();
    assert!(matches!(done, ResumableCall::Finished));
    assert_eq!(results[0], Val::I32(15));
    assert_eq!(*store.data(), 2);
    // A plain call reports the host error.
    let err = run.call(&mut store, &[], &mut results).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Host);
}

#[test]
fn store_limits_refuse_growth() {
    struct Data {
        limits: StoreLimits,
    }
    let engine = Engine::default();
    let limits =
        StoreLimitsBuilder::new().memory_size(2 << 16).table_elements(5).instances(1).build();
    let mut store = Store::new(&engine, Data { limits });
    store.limiter(|d| &mut d.limits);
    let module = Module::new(
        &engine,
        r#"(module (memory 1) (table 1 funcref)
             (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
             (func (export "tgrow") (param i32) (result i32)
               (table.grow (ref.null func) (local.get 0))))"#,
    )
    .unwrap();
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    let grow = inst.get_typed_func::<i32, i32>(&store, "grow").unwrap();
    assert_eq!(grow.call(&mut store, 1).unwrap(), 1);
    assert_eq!(grow.call(&mut store, 1).unwrap(), -1, "limit is 2 pages");
    assert_eq!(grow.call(&mut store, 65536).unwrap(), -1);
    let tgrow = inst.get_typed_func::<i32, i32>(&store, "tgrow").unwrap();
    assert_eq!(tgrow.call(&mut store, 4).unwrap(), 1);
    assert_eq!(tgrow.call(&mut store, 1).unwrap(), -1);
    let err = Instance::new(&mut store, &module, &[]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Resource);
}

#[test]
fn huge_grow_without_limits_returns_minus_one() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let inst = instance(
        &engine,
        &mut store,
        r#"(module (memory 1) (func (export "grow") (param i32) (result i32)
             (memory.grow (local.get 0))))"#,
    );
    let grow = inst.get_typed_func::<i32, i32>(&store, "grow").unwrap();
    assert_eq!(grow.call(&mut store, -1).unwrap(), -1);
    assert_eq!(grow.call(&mut store, 65536).unwrap(), -1);
}

#[test]
fn deep_recursion_and_exhaustion() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let inst = instance(&engine, &mut store, FIB);
    let rec = inst.get_typed_func::<i32, i32>(&store, "recurse").unwrap();
    assert_eq!(rec.call(&mut store, 10_000).unwrap(), 10_000);
    let inf = inst.get_typed_func::<(), ()>(&store, "infinite").unwrap();
    for _ in 0..2 {
        let err = inf.call(&mut store, ()).unwrap_err();
        assert_eq!(err.trap_code(), Some(TrapCode::StackExhausted));
        assert!(err.to_string().contains("call stack exhausted"), "{err}");
    }
    assert_eq!(rec.call(&mut store, 100).unwrap(), 100);
}

#[test]
fn small_call_depth_limit() {
    let engine = Engine::new(Config::new().max_call_depth(50)).unwrap();
    let mut store = Store::new(&engine, ());
    let inst = instance(&engine, &mut store, FIB);
    let rec = inst.get_typed_func::<i32, i32>(&store, "recurse").unwrap();
    assert_eq!(rec.call(&mut store, 40).unwrap(), 40);
    assert_eq!(rec.call(&mut store, 60).unwrap_err().trap_code(), Some(TrapCode::StackExhausted));
}

#[test]
fn nan_canonicalisation() {
    let wat = r#"(module
      (func (export "div") (param f32 f32) (result f32) (f32.div (local.get 0) (local.get 1)))
      (func (export "sqrt") (param f64) (result f64) (f64.sqrt (local.get 0)))
      (func (export "add") (param f64 f64) (result f64) (f64.add (local.get 0) (local.get 1))))"#;
    let engine = Engine::new(Config::new().canonicalize_nans(true)).unwrap();
    let mut store = Store::new(&engine, ());
    let inst = instance(&engine, &mut store, wat);
    let div = inst.get_typed_func::<(f32, f32), f32>(&store, "div").unwrap();
    assert_eq!(div.call(&mut store, (0.0, 0.0)).unwrap().to_bits(), 0x7fc0_0000);
    assert_eq!(div.call(&mut store, (1.0, 2.0)).unwrap(), 0.5);
    let sqrt = inst.get_typed_func::<f64, f64>(&store, "sqrt").unwrap();
    assert_eq!(sqrt.call(&mut store, -1.0).unwrap().to_bits(), 0x7ff8_0000_0000_0000);
    let add = inst.get_typed_func::<(f64, f64), f64>(&store, "add").unwrap();
    let nan = f64::from_bits(0xfff0_0000_0000_0001);
    assert_eq!(add.call(&mut store, (nan, 1.0)).unwrap().to_bits(), 0x7ff8_0000_0000_0000);
}

/// The threaded backend must not grow the native stack: run a 10-million
/// iteration loop and a 10,000-deep recursion on a 256 KiB thread. (Debug
/// builds use the portable backend, which is checked the same way.)
#[test]
fn long_runs_on_a_small_native_stack() {
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let engine = Engine::default();
            let mut store = Store::new(&engine, ());
            let inst = instance(
                &engine,
                &mut store,
                r#"(module
                  (func (export "count") (param i32) (result i32) (local i32)
                    (loop
                      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                      (br_if 0 (i32.lt_u (local.get 1) (local.get 0))))
                    (local.get 1))
                  (func $rec (export "recurse") (param i32) (result i32)
                    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                      (else (i32.add (i32.const 1)
                        (call $rec (i32.sub (local.get 0) (i32.const 1))))))))"#,
            );
            let count = inst.get_typed_func::<i32, i32>(&store, "count").unwrap();
            assert_eq!(count.call(&mut store, 10_000_000).unwrap(), 10_000_000);
            let rec = inst.get_typed_func::<i32, i32>(&store, "recurse").unwrap();
            assert_eq!(rec.call(&mut store, 10_000).unwrap(), 10_000);
        })
        .unwrap();
    handle.join().expect("ran out of native stack?");
}

/// A call suspended at the outermost level can be resumed from inside a host
/// function while another call is running.
#[test]
fn resume_inside_another_call() {
    use std::sync::{Arc, Mutex};
    let engine = fuel_engine();
    let slot: Arc<Mutex<Option<wasmite::ResumableInvocation>>> = Arc::default();
    let mut store = Store::new(&engine, ());
    let module = Module::new(
        &engine,
        r#"(module (import "host" "resume" (func $resume (result i64)))
             (func $fib (export "fib") (param i64) (result i64)
               (if (result i64) (i64.lt_u (local.get 0) (i64.const 2))
                 (then (local.get 0))
                 (else (i64.add (call $fib (i64.sub (local.get 0) (i64.const 1)))
                                (call $fib (i64.sub (local.get 0) (i64.const 2)))))))
             (func (export "outer") (result i64) (call $resume)))"#,
    )
    .unwrap();
    let mut linker = Linker::new(&engine);
    let held = slot.clone();
    linker
        .func_wrap("host", "resume", move |mut caller: Caller<'_, ()>| -> Result<i64, Error> {
            let mut inv = held.lock().unwrap().take().expect("a suspended call");
            let mut results = [Val::I64(0)];
            loop {
                caller.as_context_mut().set_fuel(1_000_000)?;
                match inv.resume(&mut caller, &[], &mut results)? {
                    ResumableCall::Finished => return Ok(results[0].i64().unwrap()),
                    ResumableCall::Resumable(next) => inv = next,
                }
            }
        })
        .unwrap();
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let fib = inst.get_func(&store, "fib").unwrap();
    store.set_fuel(100).unwrap();
    let mut results = [Val::I64(0)];
    match fib.call_resumable(&mut store, &[Val::I64(20)], &mut results).unwrap() {
        ResumableCall::Resumable(inv) => *slot.lock().unwrap() = Some(inv),
        ResumableCall::Finished => panic!("100 fuel cannot compute fib(20)"),
    }
    store.set_fuel(1_000_000).unwrap();
    let outer = inst.get_typed_func::<(), i64>(&store, "outer").unwrap();
    assert_eq!(outer.call(&mut store, ()).unwrap(), 6765);
}

/// Host calls stay cheap (each used to reallocate the whole value stack).
#[test]
fn many_host_calls() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, 0u64);
    let module = Module::new(
        &engine,
        r#"(module (import "host" "inc" (func $inc))
             (func (export "run") (param i32) (local i32)
               (loop (call $inc)
                 (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                 (br_if 0 (i32.lt_u (local.get 1) (local.get 0))))))"#,
    )
    .unwrap();
    let mut linker = Linker::new(&engine);
    linker.func_wrap("host", "inc", |mut c: Caller<'_, u64>| *c.data_mut() += 1).unwrap();
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let run = inst.get_typed_func::<i32, ()>(&store, "run").unwrap();
    let start = std::time::Instant::now();
    run.call(&mut store, 200_000).unwrap();
    assert_eq!(*store.data(), 200_000);
    // Generous even for a debug build; the bug made this take minutes.
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}
