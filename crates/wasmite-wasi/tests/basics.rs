//! Hello world, arguments, environment, exit codes and stdio.

mod common;

use std::io::Cursor;

use common::{run, try_run};
use wasmite_wasi::I32Exit;

#[test]
fn hello_world() {
    let r = run("hello.wasm", |_| {});
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "Hello, world!\n");
}

#[test]
fn argv_and_environ_echo() {
    let r = run("args_env.wasm", |b| {
        b.args(["one", "two words", ""]).env("GREETING", "héllo").env("EMPTY", "");
    });
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        "argc=4\nargv[0]=args_env.wasm\nargv[1]=one\nargv[2]=two words\nargv[3]=\n\
         env GREETING=héllo\nenv EMPTY=\nGREETING=héllo\n"
    );
}

#[test]
fn no_arguments_no_environment() {
    let r = run("args_env.wasm", |_| {});
    assert_eq!(r.stdout, "argc=1\nargv[0]=args_env.wasm\nGREETING=(unset)\n");
}

#[test]
fn exit_codes() {
    for (how, code) in [("exit", 3), ("return", 7), ("raw", 3), ("exit", 0), ("raw", 255)] {
        let r = run("exit.wasm", |b| {
            b.args([how, &code.to_string()]);
        });
        assert_eq!(r.code, code, "{how} {code}");
        assert_eq!(r.stdout, format!("before {how}\n"), "{how} {code}");
    }
}

#[test]
fn proc_exit_reaches_the_embedder_as_i32exit() {
    // Calling `_start` directly (not through `run_command`) shows the raw error.
    let engine = wasmite::Engine::default();
    let module =
        wasmite::Module::new(&engine, std::fs::read(common::program("exit.wasm")).unwrap())
            .unwrap();
    let ctx = wasmite_wasi::WasiCtx::builder().args(["exit.wasm", "raw", "3"]).build();
    let mut store = wasmite::Store::new(&engine, ctx);
    let mut linker = wasmite::Linker::new(&engine);
    wasmite_wasi::add_to_linker(&mut linker, |c| c).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let start = instance.get_typed_func::<(), ()>(&store, "_start").unwrap();
    let err = start.call(&mut store, ()).unwrap_err();
    assert_eq!(err.downcast_ref::<I32Exit>(), Some(&I32Exit(3)));
    assert_eq!(err.to_string(), "exit with status 3");
}

#[test]
fn a_trap_is_an_error_not_an_exit() {
    let err = try_run("exit.wasm", |b| {
        b.arg("trap");
    })
    .unwrap_err();
    assert!(err.downcast_ref::<I32Exit>().is_none());
    assert!(err.to_string().contains("unreachable"), "{err}");
}

#[test]
fn stdin_to_stdout() {
    let input: Vec<u8> = (0..200_000u32).map(|i| b"wasmite\n"[i as usize % 8]).collect();
    let r = run("cat.wasm", |b| {
        b.stdin(Cursor::new(input.clone()));
    });
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.as_bytes(), &input[..]);
    assert_eq!(r.stderr, "200000 bytes\n");
}

#[test]
fn empty_stdin() {
    let r = run("cat.wasm", |_| {});
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", "0 bytes\n"));
}

#[test]
fn every_import_links_with_the_right_type() {
    let module = wasmite::Module::new(
        &wasmite::Engine::default(),
        std::fs::read(common::program("imports_all.wasm")).unwrap(),
    )
    .unwrap();
    let imported: Vec<_> =
        module.imports().map(|i| format!("{}::{}", i.module(), i.name())).collect();
    assert_eq!(imported.len(), 45, "{imported:?}");
    for name in wasmite_wasi::function_names() {
        let full = format!("{}::{name}", wasmite_wasi::MODULE);
        assert!(imported.contains(&full) || *name == "proc_raise", "{full} not imported");
    }
    let r = run("imports_all.wasm", |_| {});
    assert_eq!((r.code, r.stdout.as_str()), (0, "linked\n"));
}

/// The context can live anywhere in the store's data.
#[test]
fn context_inside_a_larger_store_data() {
    struct Host {
        calls: u32,
        wasi: wasmite_wasi::WasiCtx,
    }
    let engine = wasmite::Engine::default();
    let module =
        wasmite::Module::new(&engine, std::fs::read(common::program("hello.wasm")).unwrap())
            .unwrap();
    let out = wasmite_wasi::OutputPipe::new(1024);
    let wasi = wasmite_wasi::WasiCtx::builder().stdout(out.clone()).build();
    let mut store = wasmite::Store::new(&engine, Host { calls: 0, wasi });
    let mut linker = wasmite::Linker::new(&engine);
    wasmite_wasi::add_to_linker(&mut linker, |h: &mut Host| {
        h.calls += 1;
        &mut h.wasi
    })
    .unwrap();
    assert_eq!(wasmite_wasi::run_command(&mut store, &linker, &module).unwrap(), 0);
    assert_eq!(out.contents(), b"Hello, world!\n");
    assert!(store.data().calls > 0);
}
