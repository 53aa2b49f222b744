//! `wasm-smith` modules (with wasm-smith's NaN canonicalisation, and
//! wasmite's) run on wasmite and on wasmi: same results, traps, exported
//! globals, memories and tables after each call. Runs where either engine
//! runs out of fuel or stack stop being compared at that point.

#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use wasmite_fuzz::runner::{Exhaustion, diff};
use wasmite_fuzz::wasmi_runner::WasmiRunner;
use wasmite_fuzz::wasmite_runner::{WasmiteRunner, arbitrary_backend, differential_options};

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(backend) = arbitrary_backend(&mut u) else { return };
    let Ok(wasm) = wasmite_fuzz::smith::module(&mut u, true) else { return };
    let mut a = match WasmiteRunner::new(&wasm, differential_options(backend)) {
        Ok(r) => r,
        Err(e) => panic!("a valid wasm-smith module failed to compile: {e:?}"),
    };
    // wasmi has implementation limits of its own; skip what it refuses.
    let Ok(mut b) = WasmiRunner::new(&wasm) else { return };
    if let Err(d) = diff(&mut a, &mut b, Exhaustion::Loose)
        && !wasmite_fuzz::wasmi_runner::is_known_wasmi_bug(&wasm, &d)
    {
        panic!("wasmite and wasmi diverge: {d}");
    }
});
