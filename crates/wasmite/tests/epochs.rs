//! Epoch interruption: another thread stops an endless loop, deadlines and
//! the callback, resumable calls, and no trace of it when it is off; on
//! every backend this build can run.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use wasmite::{
    Backend, Caller, Config, Engine, Instance, Linker, Module, ResumableCall, Store, Trap,
    UpdateDeadline, Val, WasmBacktrace,
};

fn backends() -> Vec<Backend> {
    let mut b = vec![Backend::Portable];
    if !cfg!(debug_assertions) {
        b.push(Backend::Threaded);
    }
    b
}

fn engine(backend: Backend, epochs: bool) -> Engine {
    Engine::new(Config::new().backend(backend).epoch_interruption(epochs)).unwrap()
}

const GUEST: &str = r#"(module
  (import "host" "tick" (func $tick))
  (func $spin (export "spin") (loop $forever (br $forever)))
  (func (export "spin_deep") (call $spin))
  (func (export "answer") (result i32) (i32.const 42))
  ;; Sum 1..n, calling the host (which advances the epoch) every iteration.
  (func (export "sum_ticking") (param $n i32) (result i32) (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (call $tick)
        (local.set $sum (i32.add (local.get $sum) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $sum)))"#;

fn instance(engine: &Engine) -> (Store<()>, Instance) {
    let module = Module::new(engine, GUEST).unwrap();
    let mut store = Store::new(engine, ());
    let mut linker = Linker::new(engine);
    linker
        .func_wrap("host", "tick", |caller: Caller<'_, ()>| caller.engine().increment_epoch())
        .unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    (store, instance)
}

#[test]
fn another_thread_stops_an_endless_loop() {
    for backend in backends() {
        let engine = engine(backend, true);
        let (mut store, instance) = instance(&engine);
        store.set_epoch_deadline(1);
        let spin = instance.get_typed_func::<(), ()>(&mut store, "spin_deep").unwrap();
        let ticker = engine.clone();
        let start = Instant::now();
        let thread = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            ticker.increment_epoch();
        });
        let e = spin.call(&mut store, ()).unwrap_err();
        thread.join().unwrap();
        assert!(start.elapsed() >= Duration::from_millis(50), "{backend:?}");
        assert_eq!(e.downcast_ref::<Trap>(), Some(&Trap::Interrupt), "{backend:?}");
        assert!(e.to_string().starts_with("wasm trap: interrupt in function `spin`"), "{e}");
        let frames = e.downcast_ref::<WasmBacktrace>().unwrap().frames();
        assert_eq!(frames.len(), 2);
        assert_eq!(frames[0].func_name(), Some("spin"));

        // A later deadline lets code run again; the store is usable.
        store.set_epoch_deadline(1);
        let answer = instance.get_typed_func::<(), i32>(&mut store, "answer").unwrap();
        assert_eq!(answer.call(&mut store, ()).unwrap(), 42);
    }
}

#[test]
fn the_deadline_counts_ticks_from_now_and_starts_reached() {
    for backend in backends() {
        let engine = engine(backend, true);
        let (mut store, instance) = instance(&engine);
        // A new store's deadline is 0: even a function without a loop stops
        // at its entry, as in wasmtime.
        let answer = instance.get_typed_func::<(), i32>(&mut store, "answer").unwrap();
        let e = answer.call(&mut store, ()).unwrap_err();
        assert_eq!(e.downcast_ref::<Trap>(), Some(&Trap::Interrupt));
        // Each iteration ticks once; a deadline of 5 ticks stops the sixth
        // loop header (the first is entered at tick 0).
        let sum = instance.get_typed_func::<i32, i32>(&mut store, "sum_ticking").unwrap();
        store.set_epoch_deadline(5);
        let e = sum.call(&mut store, 100).unwrap_err();
        assert_eq!(e.downcast_ref::<Trap>(), Some(&Trap::Interrupt), "{backend:?}");
        store.set_epoch_deadline(10);
        assert_eq!(sum.call(&mut store, 9).unwrap(), 45, "{backend:?}");
        store.set_epoch_deadline(1);
        assert_eq!(answer.call(&mut store, ()).unwrap(), 42);
    }
}

#[test]
fn a_callback_extends_the_deadline_or_ends_the_call() {
    for backend in backends() {
        let engine = engine(backend, true);
        let (mut store, instance) = instance(&engine);
        let calls = Arc::new(AtomicU32::new(0));
        let seen = calls.clone();
        store.epoch_deadline_callback(move |_store| {
            seen.fetch_add(1, Ordering::Relaxed);
            Ok(UpdateDeadline::Continue(1))
        });
        store.set_epoch_deadline(1);
        let sum = instance.get_typed_func::<i32, i32>(&mut store, "sum_ticking").unwrap();
        // Ten iterations: the headers of the second to the tenth, and the
        // last (exit) test, each find the deadline reached.
        assert_eq!(sum.call(&mut store, 10).unwrap(), 55, "{backend:?}");
        assert_eq!(calls.load(Ordering::Relaxed), 10, "{backend:?}");

        store.epoch_deadline_callback(|_| Ok(UpdateDeadline::Interrupt));
        store.set_epoch_deadline(1);
        let e = sum.call(&mut store, 10).unwrap_err();
        assert_eq!(e.downcast_ref::<Trap>(), Some(&Trap::Interrupt));

        store.epoch_deadline_callback(|_| wasmite::bail!("out of time"));
        store.set_epoch_deadline(1);
        let e = sum.call(&mut store, 10).unwrap_err();
        assert_eq!(e.to_string(), "out of time");
        assert!(e.downcast_ref::<WasmBacktrace>().is_some());

        store.epoch_deadline_trap();
        store.set_epoch_deadline(1);
        let e = sum.call(&mut store, 10).unwrap_err();
        assert_eq!(e.downcast_ref::<Trap>(), Some(&Trap::Interrupt));
    }
}

#[test]
fn a_resumable_call_is_suspended_at_the_deadline() {
    for backend in backends() {
        let engine = engine(backend, true);
        let (mut store, instance) = instance(&engine);
        let sum = instance.get_func(&mut store, "sum_ticking").unwrap();
        store.set_epoch_deadline(3);
        let mut results = [Val::I32(0)];
        let mut call = sum.call_resumable(&mut store, &[Val::I32(100)], &mut results).unwrap();
        let mut suspensions = 0;
        while let ResumableCall::Resumable(inv) = call {
            assert!(inv.interrupted() && !inv.out_of_fuel(), "{inv:?}");
            assert_eq!(inv.required_fuel(), None);
            suspensions += 1;
            store.set_epoch_deadline(30);
            call = inv.resume(&mut store, &[], &mut results).unwrap();
        }
        assert_eq!(results[0].unwrap_i32(), 5050, "{backend:?}");
        assert_eq!(suspensions, 4, "{backend:?}");
    }
}

#[test]
fn off_it_emits_and_checks_nothing() {
    for backend in backends() {
        let engine = engine(backend, false);
        let (mut store, instance) = instance(&engine);
        // No deadline set (0, reached), the epoch moving: nothing stops.
        let sum = instance.get_typed_func::<i32, i32>(&mut store, "sum_ticking").unwrap();
        assert_eq!(sum.call(&mut store, 100).unwrap(), 5050);
        let ir = |epochs: bool| {
            let module = Module::new(&self::engine(backend, epochs), GUEST).unwrap();
            (1..=4).map(|f| module.disassemble(f).unwrap()).collect::<String>()
        };
        assert!(!ir(false).contains("CheckEpoch"));
        // On: at every function entry and loop header.
        assert_eq!(ir(true).matches("CheckEpoch").count(), 6);
    }
}

#[test]
fn engines_share_their_epoch_across_clones_and_threads() {
    fn send_sync<T: Send + Sync>(_: &T) {}
    let engine = engine(Backend::Portable, true);
    send_sync(&engine);
    let (mut store, instance) = instance(&engine);
    store.set_epoch_deadline(1);
    let answer = instance.get_typed_func::<(), i32>(&mut store, "answer").unwrap();
    assert_eq!(answer.call(&mut store, ()).unwrap(), 42);
    // A clone's tick, on another thread, reaches this store's deadline.
    let clone = engine.clone();
    std::thread::spawn(move || clone.increment_epoch()).join().unwrap();
    let e = answer.call(&mut store, ()).unwrap_err();
    assert_eq!(e.downcast_ref::<Trap>(), Some(&Trap::Interrupt));
}
