//! Each `wasm-smith` module run on both wasmite backends and compared like
//! the differential target: one backend with plain calls, the other (chosen
//! by the input) with resumable calls fed fuel in slices. Same results,
//! traps, globals, memories and tables (`funcref`s by function, GC
//! references by what they are: `outcome::RefSummary`); and the resumable
//! run, which gets at least as much fuel in total, must not run out where
//! the plain one did not. Modules as the execute target's (GC in most).

#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use wasmite::Backend;
use wasmite_fuzz::runner::{Exhaustion, diff};
use wasmite_fuzz::smith::Proposals;
use wasmite_fuzz::wasmite_runner::{Options, WasmiteRunner};

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(slice) = u.int_in_range(1..=5000u64) else { return };
    let Ok(threaded_first) = u.arbitrary::<bool>() else { return };
    let Ok(proposals) = Proposals::for_execution(&mut u) else { return };
    let Ok(wasm) = wasmite_fuzz::smith::module(&mut u, false, proposals) else { return };
    // Every function exported under a reserved name: `funcref`s then compare
    // by which function they are.
    let Some(wasm) = wasmite_fuzz::rewrite::export_funcs(&wasm) else { return };
    let (first, second) = if threaded_first {
        (Backend::Threaded, Backend::Portable)
    } else {
        (Backend::Portable, Backend::Threaded)
    };
    let plain = Options { backend: first, ..Options::default() };
    let Ok(mut a) = WasmiteRunner::new(&wasm, plain) else {
        panic!("a valid wasm-smith module failed to compile")
    };
    let resumable = Options { backend: second, fuel_slice: Some(slice), ..Options::default() };
    let mut b = WasmiteRunner::new(&wasm, resumable).expect("compiled once already");
    if let Err(d) = diff(&mut a, &mut b, Exhaustion::BHasAtLeastAsMuch) {
        panic!("backends diverge: {d}");
    }
});
