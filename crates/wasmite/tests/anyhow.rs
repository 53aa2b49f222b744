//! With the `anyhow` feature (`cargo test -p wasmite --features anyhow --test
//! anyhow`): wasmite errors flow into `anyhow::Result` code with `?` and keep
//! what they hold, as wasmtime's do with its `anyhow` feature.

#![cfg(feature = "anyhow")]

use wasmite::{Engine, Error, Linker, Module, Store, Trap, WasmBacktrace};

#[derive(Debug, PartialEq)]
struct Exit(i32);

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}", self.0)
    }
}

impl std::error::Error for Exit {}

fn call(name: &str, arg: i32) -> anyhow::Result<i32> {
    let engine = Engine::default();
    let module = Module::new(
        &engine,
        r#"(module
          (import "host" "exit" (func $exit (param i32)))
          (func $div (export "div") (param i32) (result i32) (i32.div_u (i32.const 7) (local.get 0)))
          (func (export "quit") (param i32) (result i32) (call $exit (local.get 0)) (i32.const 0)))"#,
    )?;
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("host", "exit", |code: i32| -> wasmite::Result<()> { Err(Exit(code).into()) })?;
    let instance = linker.instantiate(&mut store, &module)?;
    let f = instance.get_typed_func::<i32, i32>(&mut store, name)?;
    let r = f.call(&mut store, arg).map_err(|e| e.context(format!("calling {name}")))?;
    Ok(r)
}

#[test]
fn wasmite_errors_flow_into_anyhow_and_keep_what_they_hold() {
    assert_eq!(call("div", 7).unwrap(), 1);
    let e = call("div", 0).unwrap_err();
    assert_eq!(e.downcast_ref::<Trap>(), Some(&Trap::IntegerDivisionByZero));
    let frames = e.downcast_ref::<WasmBacktrace>().expect("the backtrace").frames();
    assert_eq!(frames[0].func_name(), Some("div"));
    assert_eq!(e.to_string(), "calling div");
    assert_eq!(e.root_cause().to_string(), "wasm trap: integer divide by zero");
    assert_eq!(e.chain().count(), 3);

    let e = call("quit", 3).unwrap_err();
    assert_eq!(e.downcast_ref::<Exit>(), Some(&Exit(3)));
    assert!(e.downcast_ref::<Trap>().is_none());

    let e = call("missing", 0).unwrap_err();
    assert!(e.to_string().contains("no exported function named `missing`"), "{e}");
}

#[test]
fn anyhow_errors_come_back_with_from_anyhow() {
    let e = Error::from_anyhow(anyhow::anyhow!("from anyhow"));
    assert_eq!(e.to_string(), "from anyhow");
    assert!(e.downcast_ref::<anyhow::Error>().is_some());
}
