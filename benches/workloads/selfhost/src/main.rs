//! The self-hosting workload: this program is wasmite (the core crate, as
//! the `wasmite` command uses it) built for `wasm32-wasip1`, and it runs the
//! benchmark suite's bytecode interpreter (`../c/interp.c`, built smaller
//! into `interp_small.wasm`) and prints its checksum. So an engine running
//! it runs an interpreter (wasmite) running an interpreter (the bytecode VM).
//!
//! It needs no file system and no arguments: the inner program is part of
//! the binary, so the suite's minimal WASI (`benches/src/wasi.rs`) runs it.
#![forbid(unsafe_code)]

use wasmite::{Engine, Instance, Module, Store};

/// `interp.c` built with the sizes of `build.sh` (`PRIME_LIMIT`, `COLLATZ_LIMIT`).
const INTERP: &[u8] = include_bytes!("../interp_small.wasm");

fn main() {
    let engine = Engine::default();
    let module = Module::new(&engine, INTERP).expect("interp_small.wasm compiles");
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).expect("instantiates");
    let run = instance.get_typed_func::<(), i64>(&store, "run").expect("exports run");
    let checksum = run.call(&mut store, ()).expect("runs");
    println!("interp inside wasmite: {:016x}", checksum as u64);
}
