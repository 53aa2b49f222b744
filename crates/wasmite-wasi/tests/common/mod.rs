//! Shared harness: run a committed program from `tests/programs/` with
//! captured stdio.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use wasmite::{Engine, Linker, Module, Store};
use wasmite_wasi::{OutputPipe, WasiCtx, WasiCtxBuilder};

/// How a program ended and what it printed.
#[derive(Debug)]
pub struct Run {
    /// Exit code (`proc_exit`, or 0 when `_start` returned).
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn program(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs").join(name)
}

/// Run `name` (a `.wasm` in `tests/programs/`) with `argv[0]` = `name`,
/// letting `setup` configure the context further; panics on a trap.
pub fn run(name: &str, setup: impl FnOnce(&mut WasiCtxBuilder)) -> Run {
    try_run(name, setup).unwrap_or_else(|e| panic!("{name} failed: {e}"))
}

/// As [`run`], returning the error of a trap or link failure.
pub fn try_run(name: &str, setup: impl FnOnce(&mut WasiCtxBuilder)) -> Result<Run, wasmite::Error> {
    let engine = Engine::default();
    let bytes = std::fs::read(program(name)).expect("program exists");
    let module = Module::new(&engine, bytes)?;
    let stdout = OutputPipe::new(1 << 24);
    let stderr = OutputPipe::new(1 << 24);
    let mut b = WasiCtx::builder();
    b.arg(name).stdout(stdout.clone()).stderr(stderr.clone());
    setup(&mut b);
    let mut store = Store::new(&engine, b.build());
    let mut linker = Linker::new(&engine);
    wasmite_wasi::add_to_linker(&mut linker, |ctx| ctx)?;
    let code = wasmite_wasi::run_command(&mut store, &linker, &module)?;
    let text = |p: &OutputPipe| String::from_utf8_lossy(&p.contents()).into_owned();
    Ok(Run { code, stdout: text(&stdout), stderr: text(&stderr) })
}
