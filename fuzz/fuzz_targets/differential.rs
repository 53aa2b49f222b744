//! `wasm-smith` modules (with wasm-smith's NaN canonicalisation) run on
//! wasmite and on wasmi: same results, traps, exported globals, memories and
//! tables (`funcref`s by function) after each call. What is excused (wasmi's
//! known bugs, re-checked on a rewritten module) and how running out of fuel
//! or stack on one side is judged: `wasmite_fuzz::differential`.

#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use wasmite_fuzz::smith::Proposals;
use wasmite_fuzz::wasmite_runner::arbitrary_backend;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(backend) = arbitrary_backend(&mut u) else { return };
    let Ok(wasm) = wasmite_fuzz::smith::module(&mut u, true, Proposals::Wasm3Simd) else { return };
    if let Err(d) = wasmite_fuzz::differential::check(&wasm, backend) {
        panic!("wasmite and wasmi diverge: {d}");
    }
});
