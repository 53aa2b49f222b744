//! `wasm-smith` modules (GC in most, exceptions in all: see
//! `Proposals::for_execution`) instantiated and every export called with
//! default arguments, under fuel and `StoreLimits`: never a panic (nor a
//! GC reference handed out that refers to a freed object). Half the inputs
//! call through `call_resumable`, feeding fuel in small slices; either
//! backend.

#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use wasmite_fuzz::outcome::Outcome;
use wasmite_fuzz::runner::{ExportKind, Runner};
use wasmite_fuzz::smith::Proposals;
use wasmite_fuzz::wasmite_runner::{Options, WasmiteRunner, arbitrary_backend};

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(proposals) = Proposals::for_execution(&mut u) else { return };
    let Ok(wasm) = wasmite_fuzz::smith::module(&mut u, false, proposals) else { return };
    let fuel_slice = match u.int_in_range(0..=3u8) {
        Ok(0) => Some(u.int_in_range(1..=64).unwrap_or(1)),
        Ok(1) => Some(1000),
        _ => None,
    };
    let Ok(backend) = arbitrary_backend(&mut u) else { return };
    let options = Options { fuel_slice, max_call_depth: 100_000, backend, ..Options::default() };
    let mut r = match WasmiteRunner::new(&wasm, options) {
        Ok(r) => r,
        Err(e) => panic!("a valid wasm-smith module failed to compile: {e:?}"),
    };
    if !matches!(r.instantiate(), Outcome::Returned(_)) {
        return;
    }
    let exports = r.exports();
    for (name, kind) in &exports {
        match kind {
            ExportKind::Func => {
                r.call(name);
            }
            ExportKind::Global => {
                r.global(name);
            }
            ExportKind::Memory => {
                r.memory(name);
            }
            ExportKind::Table => {
                r.table(name);
            }
        }
    }
});
