//! The host process's own stdio: this test binary re-runs itself as a child
//! whose stdin is a pipe the parent writes to slowly, so `poll_oneoff` on a
//! real descriptor (timeouts, readiness, end of file) is exercised.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use wasmite::{Engine, Linker, Module, Store};
use wasmite_wasi::WasiCtx;

const CHILD: &str = "WASMITE_WASI_INHERIT_CHILD";

/// Runs only in the child: the guest gets this process's stdio.
#[test]
fn child_runs_poll_stdin() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let engine = Engine::default();
    let bytes = std::fs::read(common::program("poll_stdin.wasm")).unwrap();
    let module = Module::new(&engine, bytes).unwrap();
    let ctx = WasiCtx::builder().arg("poll_stdin.wasm").inherit_stdio().build();
    let mut store = Store::new(&engine, ctx);
    let mut linker = Linker::new(&engine);
    wasmite_wasi::add_to_linker(&mut linker, |c| c).unwrap();
    assert_eq!(wasmite_wasi::run_command(&mut store, &linker, &module).unwrap(), 0);
}

#[test]
fn inherited_stdin_is_polled_for_real() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_runs_poll_stdin", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    stdin.write_all(b"hello\n").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        stdout.contains(
            "poll 100ms: timeout\npoll 10000ms: ready\nread: hello\n\
             poll 10000ms: ready\nthen read returns 0\n"
        ),
        "{stdout}"
    );
}
