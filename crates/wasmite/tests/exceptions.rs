//! Exception handling through the public API, on every backend this build
//! can run: exceptions caught across Wasm and host frames, host functions
//! that throw, uncaught exceptions as errors with their tag and payload,
//! traps staying uncatchable, and throws under fuel metering in resumable
//! calls.

use wasmite::{
    Backend, Caller, Config, Engine, ErrorKind, ExnRef, FuncType, Instance, Linker, Module,
    ResumableCall, Store, Tag, TagType, ThrownException, TrapCode, Val, ValType, WasmBacktrace,
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

/// Imports a host tag and a host function; throws, catches, and calls back.
const GUEST: &str = r#"(module
  (import "host" "e" (tag $e (param i32)))
  (import "host" "call_back" (func $call_back (param i32) (result i32)))
  (tag $local (export "local") (param i32 i64))
  ;; Catches $e thrown by the host (or by Wasm code the host called).
  (func (export "catch_host") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h)
        (drop (call $call_back (local.get 0))))
      (i32.const -1)))
  ;; Called by the host from inside call_back: throws $e.
  (func (export "inner") (param i32) (result i32)
    (throw $e (i32.mul (local.get 0) (i32.const 10))))
  ;; Escapes to the embedder.
  (func $deep (param i32)
    (throw $local (local.get 0) (i64.const 99)))
  (func (export "uncaught") (param i32)
    (call $deep (local.get 0)))
  ;; A trap is not an exception: catch_all does not catch it.
  (func (export "trap") (result i32)
    (block $h
      (try_table (catch_all $h) (unreachable)))
    (i32.const 7))
  ;; Throws and catches n times (a loop of allocations the collector
  ;; must keep up with), summing the payloads.
  (func (export "loop") (param $n i32) (result i64) (local $sum i64)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (block $h (result i32 i64)
          (try_table (catch $local $h)
            (throw $local (local.get $n) (i64.extend_i32_u (local.get $n))))
          (unreachable))
        (local.set $sum (i64.add (local.get $sum)))
        (drop)
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $sum)))"#;

struct Setup {
    store: Store<u32>,
    instance: Instance,
    tag: Tag,
}

/// `call_back(x)`: x = 0 throws $e(42) from the host; x > 0 calls the
/// guest's `inner(x)` (which throws through this host frame); x < 0
/// returns x.
fn setup(config: &mut Config, backend: Backend) -> Setup {
    let engine = engine(config, backend);
    let module = Module::new(&engine, GUEST).unwrap();
    let mut store = Store::new(&engine, 0u32);
    let tag =
        Tag::new(&mut store, &TagType::new(FuncType::new(&engine, [ValType::I32], []))).unwrap();
    let mut linker = Linker::new(&engine);
    linker.define(&store, "host", "e", tag).unwrap();
    linker
        .func_wrap("host", "call_back", move |mut caller: Caller<'_, u32>, x: i32| {
            *caller.data_mut() += 1;
            if x == 0 {
                let exn = ExnRef::new(&mut caller, &tag, &[Val::I32(42)])?;
                return Ok(caller.throw(exn)?);
            }
            if x < 0 {
                return Ok(x);
            }
            let inner = caller.get_export("inner").and_then(|e| e.into_func()).unwrap();
            let inner = inner.typed::<i32, i32>(&caller)?;
            inner.call(&mut caller, x)
        })
        .unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    Setup { store, instance, tag }
}

#[test]
fn host_throws_and_wasm_catches() {
    for backend in backends() {
        let Setup { mut store, instance, .. } = setup(&mut Config::new(), backend);
        let f = instance.get_typed_func::<i32, i32>(&store, "catch_host").unwrap();
        assert_eq!(f.call(&mut store, 0).unwrap(), 42, "{backend:?}");
        assert_eq!(f.call(&mut store, -5).unwrap(), -1, "{backend:?}");
        // Thrown by Wasm inside the host call, through the host frame.
        assert_eq!(f.call(&mut store, 3).unwrap(), 30, "{backend:?}");
        assert_eq!(*store.data(), 3);
        assert!(!store.has_pending_exception());
    }
}

#[test]
fn uncaught_exception_is_an_error_with_tag_and_payload() {
    for backend in backends() {
        let Setup { mut store, instance, tag } = setup(&mut Config::new(), backend);
        let f = instance.get_typed_func::<i32, ()>(&store, "uncaught").unwrap();
        let err = f.call(&mut store, 5).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Exception, "{backend:?}: {err}");
        assert!(err.is::<ThrownException>());
        // The backtrace shows where it was thrown: $deep, called by uncaught.
        let bt = err.downcast_ref::<WasmBacktrace>().expect("a backtrace");
        assert_eq!(bt.frames().len(), 2, "{bt:?}");
        let exn = store.take_pending_exception().expect("the pending exception");
        let local = instance.get_tag(&store, "local").unwrap();
        assert_eq!(exn.tag(&store).unwrap(), local);
        assert_ne!(exn.tag(&store).unwrap(), tag);
        assert_eq!(exn.fields(&store).unwrap(), [Val::I32(5), Val::I64(99)]);
        assert_eq!(exn.field(&store, 1).unwrap(), Val::I64(99));
        assert!(store.take_pending_exception().is_none());
        // The host's tag is not the module's: the host exception escapes
        // a module that catches only $e if thrown with another tag.
        let ty = local.ty(&store);
        let other = Tag::new(&mut store, &ty).unwrap();
        assert_ne!(other, local);
    }
}

#[test]
fn traps_are_not_caught() {
    for backend in backends() {
        let Setup { mut store, instance, .. } = setup(&mut Config::new(), backend);
        let f = instance.get_typed_func::<(), i32>(&store, "trap").unwrap();
        let err = f.call(&mut store, ()).unwrap_err();
        assert_eq!(err.trap_code(), Some(TrapCode::Unreachable), "{backend:?}: {err}");
    }
}

#[test]
fn throwing_in_a_loop() {
    let n: u32 = 50_000;
    let want: i64 = (1..=i64::from(n)).sum();
    for backend in backends() {
        let Setup { mut store, instance, .. } = setup(&mut Config::new(), backend);
        let f = instance.get_typed_func::<i32, i64>(&store, "loop").unwrap();
        assert_eq!(f.call(&mut store, n as i32).unwrap(), want, "{backend:?}");
    }
}

#[test]
fn throwing_under_fuel_in_resumable_calls() {
    let n = 3_000;
    let want: i64 = (1..=n).sum();
    for backend in backends() {
        let Setup { mut store, instance, .. } = setup(Config::new().consume_fuel(true), backend);
        store.set_fuel(500).unwrap();
        let f = instance.get_func(&store, "loop").unwrap();
        let mut out = [Val::I64(0)];
        let mut call = f.call_resumable(&mut store, &[Val::I32(n as i32)], &mut out).unwrap();
        let mut suspensions = 0;
        while let ResumableCall::Resumable(inv) = call {
            assert!(inv.out_of_fuel());
            suspensions += 1;
            store.set_fuel(500).unwrap();
            call = inv.resume(&mut store, &[], &mut out).unwrap();
        }
        assert!(suspensions > 10, "{suspensions}");
        assert_eq!(out[0], Val::I64(want), "{backend:?}");
        // A host exception thrown into a resumable call is caught by Wasm
        // (not a suspension).
        store.set_fuel(1_000_000).unwrap();
        let g = instance.get_func(&store, "catch_host").unwrap();
        let mut out = [Val::I32(0)];
        let call = g.call_resumable(&mut store, &[Val::I32(0)], &mut out).unwrap();
        assert!(matches!(call, ResumableCall::Finished));
        assert_eq!(out[0], Val::I32(42));
    }
}

/// The README's example (kept in step with it).
#[test]
fn readme_example() -> wasmite::Result<()> {
    use wasmite::*;

    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"
    (module
      (import "host" "fail" (tag $fail (param i32)))
      (import "host" "check" (func $check (param i32)))
      (func (export "run") (param i32) (result i32)
        (block $caught (result i32)
          (try_table (catch $fail $caught)
            (call $check (local.get 0)))
          (i32.const 0))))
"#,
    )?;
    let mut store = Store::new(&engine, ());
    let fail = Tag::new(&mut store, &TagType::new(FuncType::new(&engine, [ValType::I32], [])))?;
    let mut linker = Linker::new(&engine);
    linker.define(&store, "host", "fail", fail)?;
    linker.func_wrap("host", "check", move |mut caller: Caller<'_, ()>, x: i32| -> Result<()> {
        if x < 0 {
            let exn = ExnRef::new(&mut caller, &fail, &[Val::I32(-x)])?;
            return Ok(caller.throw(exn)?);
        }
        Ok(())
    })?;
    let instance = linker.instantiate(&mut store, &module)?;
    let run = instance.get_typed_func::<i32, i32>(&mut store, "run")?;
    assert_eq!(run.call(&mut store, -7)?, 7); // thrown by the host, caught by Wasm
    assert_eq!(run.call(&mut store, 3)?, 0);
    Ok(())
}
