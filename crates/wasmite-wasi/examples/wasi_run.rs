//! A minimal WASI runner: `wasi_run [--dir HOST[::GUEST]]... [--env K=V]... FILE [ARGS...]`.
//!
//! The guest gets this process's stdio; it exits with the guest's exit code.
//! This is the whole embedding a command line needs.

use std::process::ExitCode;

use wasmite::{Engine, Linker, Module, Store};
use wasmite_wasi::{DirAccess, WasiCtx};

fn main() -> ExitCode {
    match run() {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<i32, Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut wasi = WasiCtx::builder();
    let file = loop {
        match args.next().ok_or("usage: wasi_run [--dir D[::G]] [--env K=V] FILE [ARGS...]")? {
            flag if flag == "--dir" => {
                let spec = args.next().ok_or("--dir needs a value")?;
                let (host, guest) = spec.split_once("::").unwrap_or((&spec, &spec));
                wasi.preopened_dir(host, guest, DirAccess::ReadWrite)?;
            }
            flag if flag == "--env" => {
                let kv = args.next().ok_or("--env needs a value")?;
                let (k, v) = kv.split_once('=').ok_or("--env needs KEY=VALUE")?;
                wasi.env(k, v);
            }
            file => break file,
        }
    };
    wasi.inherit_stdio().arg(&file).args(args);
    let engine = Engine::default();
    let module = Module::new(&engine, std::fs::read(&file)?)?;
    let mut store = Store::new(&engine, wasi.build());
    let mut linker = Linker::new(&engine);
    wasmite_wasi::add_to_linker(&mut linker, |ctx| ctx)?;
    Ok(wasmite_wasi::run_command(&mut store, &linker, &module)?)
}
