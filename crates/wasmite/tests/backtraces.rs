//! Wasm backtraces: every trap and every error a host function returns to
//! Wasm carries the call stack (function index, name, module offset of each
//! frame), on every backend this build can run.

use wasmite::{
    Backend, Caller, Config, Engine, Error, FrameInfo, Linker, Module, Store, Trap, TrapCode,
    WasmBacktrace,
};

fn backends() -> Vec<Backend> {
    let mut b = vec![Backend::Portable];
    if !cfg!(debug_assertions) {
        b.push(Backend::Threaded);
    }
    b
}

fn frames(e: &Error) -> &[FrameInfo] {
    e.downcast_ref::<WasmBacktrace>().unwrap_or_else(|| panic!("no backtrace: {e:?}")).frames()
}

/// `(index, name)` of each frame.
fn names(e: &Error) -> Vec<(u32, Option<&str>)> {
    frames(e).iter().map(|f| (f.func_index(), f.func_name())).collect()
}

/// Asserts that frame `i` (not the innermost) is at a `call` of function
/// `callee`: opcode 0x10 and the callee's index at its module offset.
#[track_caller]
fn assert_at_call(wasm: &[u8], e: &Error, i: usize, callee: u8) {
    let off = frames(e)[i].module_offset().expect("an offset");
    assert_eq!(&wasm[off..off + 2], &[0x10, callee], "frame {i} of {e:?}");
}

const DEEP: &str = r#"(module
  (import "host" "check" (func $check (param i32)))
  (import "host" "reenter" (func $reenter (param i32) (result i32)))
  (func $divide (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $average (param i32 i32) (result i32) (call $divide (local.get 0) (local.get 1)))
  (func $report (export "report") (param i32) (result i32)
    (call $average (i32.const 10) (local.get 0)))
  (func $validate (param i32) (call $check (local.get 0)))
  (func $entry (export "entry") (param i32) (call $validate (local.get 0)))
  (func $outer (export "outer") (param i32) (result i32)
    (i32.add (call $reenter (local.get 0)) (i32.const 1)))
  (func (export "nameless") (unreachable)))"#;

fn setup(backend: Backend) -> (Vec<u8>, Store<Vec<WasmBacktrace>>, wasmite::Instance) {
    let engine = Engine::new(Config::new().backend(backend)).unwrap();
    let wasm = wat::parse_str(DEEP).unwrap();
    let module = Module::new(&engine, &wasm).unwrap();
    let mut store = Store::new(&engine, Vec::new());
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("host", "check", |mut caller: Caller<'_, Vec<WasmBacktrace>>, x: i32| {
            let here = WasmBacktrace::capture(&caller);
            caller.data_mut().push(here);
            wasmite::ensure!(x >= 0, "negative: {x}");
            Ok(())
        })
        .unwrap();
    linker
        .func_wrap("host", "reenter", |mut caller: Caller<'_, Vec<WasmBacktrace>>, x: i32| {
            let report = caller.get_export("report").and_then(|e| e.into_func()).unwrap();
            report.typed::<i32, i32>(&caller)?.call(&mut caller, x)
        })
        .unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    (wasm, store, instance)
}

#[test]
fn a_trap_three_calls_deep_names_every_frame() {
    for backend in backends() {
        let (wasm, mut store, instance) = setup(backend);
        let report = instance.get_typed_func::<i32, i32>(&mut store, "report").unwrap();
        assert_eq!(report.call(&mut store, 5).unwrap(), 2);
        let e = report.call(&mut store, 0).unwrap_err();
        assert_eq!(e.downcast_ref::<Trap>(), Some(&Trap::IntegerDivisionByZero));
        assert_eq!(
            names(&e),
            [(2, Some("divide")), (3, Some("average")), (4, Some("report"))],
            "{backend:?}"
        );
        // The innermost frame is at the `i32.div_s` (0x6d), the others at their calls.
        let div = frames(&e)[0].module_offset().unwrap();
        assert_eq!(wasm[div], 0x6d, "{backend:?}");
        assert!(e.to_string().ends_with(&format!("at offset {div:#x}")), "{e}");
        assert_at_call(&wasm, &e, 1, 2);
        assert_at_call(&wasm, &e, 2, 3);
        // Printed as wasmtime prints it, under the error in `{:?}`.
        let bt = e.downcast_ref::<WasmBacktrace>().unwrap().to_string();
        let lines: Vec<&str> = bt.lines().collect();
        assert_eq!(lines[0], "wasm backtrace:");
        assert_eq!(lines[1], format!("    0: {div:#8x} - divide"));
        assert!(lines[3].ends_with(" - report"), "{bt}");
        assert!(format!("{e:?}").ends_with(&format!("\n\n{bt}")), "{e:?}");
        // The stack is clean afterwards: a later trap has only its own frames.
        let nameless = instance.get_typed_func::<(), ()>(&mut store, "nameless").unwrap();
        let e = nameless.call(&mut store, ()).unwrap_err();
        assert_eq!(names(&e), [(8, None)]);
        let bt = e.downcast_ref::<WasmBacktrace>().unwrap().to_string();
        assert!(bt.ends_with(" - <wasm function 8>"), "{bt}");
    }
}

#[test]
fn a_host_error_carries_the_frames_that_called_the_host() {
    for backend in backends() {
        let (wasm, mut store, instance) = setup(backend);
        let entry = instance.get_typed_func::<i32, ()>(&mut store, "entry").unwrap();
        entry.call(&mut store, 1).unwrap();
        let e = entry.call(&mut store, -1).unwrap_err();
        assert_eq!(e.root_cause().to_string(), "negative: -1");
        assert!(e.downcast_ref::<Trap>().is_none());
        assert_eq!(names(&e), [(5, Some("validate")), (6, Some("entry"))], "{backend:?}");
        assert_at_call(&wasm, &e, 0, 0);
        assert_at_call(&wasm, &e, 1, 5);
        // `WasmBacktrace::capture` in the host function saw the same frames.
        let seen = store.data();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[1].frames(), frames(&e), "{backend:?}");
    }
}

#[test]
fn a_trap_under_a_host_call_keeps_the_frames_below_the_host() {
    for backend in backends() {
        let (wasm, mut store, instance) = setup(backend);
        let outer = instance.get_typed_func::<i32, i32>(&mut store, "outer").unwrap();
        assert_eq!(outer.call(&mut store, 2).unwrap(), 6);
        // outer -> host reenter -> report -> average -> divide: the trap's
        // backtrace has both activations; the host function has no frame.
        let e = outer.call(&mut store, 0).unwrap_err();
        assert_eq!(e.trap_code(), Some(TrapCode::IntegerDivideByZero));
        assert_eq!(
            names(&e),
            [(2, Some("divide")), (3, Some("average")), (4, Some("report")), (7, Some("outer"))],
            "{backend:?}"
        );
        assert_at_call(&wasm, &e, 3, 1);
    }
}

#[test]
fn stack_exhaustion_and_fuel_have_backtraces() {
    for backend in backends() {
        let engine = Engine::new(Config::new().backend(backend).consume_fuel(true)).unwrap();
        let module = Module::new(
            &engine,
            r#"(module
              (func $deep (export "deep") (call $deep))
              (func $spin (loop $l (br $l)))
              (func $start (export "spin") (call $spin)))"#,
        )
        .unwrap();
        let mut store = Store::new(&engine, ());
        store.set_fuel(u64::MAX).unwrap();
        let instance = wasmite::Instance::new(&mut store, &module, &[]).unwrap();
        let deep = instance.get_typed_func::<(), ()>(&mut store, "deep").unwrap();
        let e = deep.call(&mut store, ()).unwrap_err();
        assert_eq!(e.downcast_ref::<Trap>(), Some(&Trap::StackOverflow));
        assert_eq!(frames(&e).len(), 100_000, "{backend:?}");
        assert!(frames(&e).iter().all(|f| f.func_name() == Some("deep")));

        store.set_fuel(1000).unwrap();
        let spin = instance.get_typed_func::<(), ()>(&mut store, "spin").unwrap();
        let e = spin.call(&mut store, ()).unwrap_err();
        assert_eq!(e.downcast_ref::<Trap>(), Some(&Trap::OutOfFuel));
        assert_eq!(names(&e), [(1, Some("spin")), (2, Some("start"))], "{backend:?}");
    }
}
