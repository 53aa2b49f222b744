//! Arbitrary bytes through decode, validation and translation: never a panic.
//!
//! The first byte picks the input: odd → the remaining bytes as they are;
//! even → a `wasm-smith` module that may contain invalid function bodies
//! (which reaches deeper into the validator and translator than random bytes).

#![no_main]

use std::sync::OnceLock;

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use wasmite::{Config, Engine, ErrorKind, Module};
use wasmite_fuzz::smith::Proposals;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::new(
            Config::new()
                .consume_fuel(true)
                .wasm_wide_arithmetic(true)
                .wasm_custom_page_sizes(true)
                .wasm_simd(true)
                .wasm_relaxed_simd(true),
        )
        .expect("engine")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    if mode % 2 == 1 {
        if let Err(e) = Module::from_binary(engine(), rest) {
            // Random bytes are never a link error, a trap, etc.
            assert!(
                matches!(
                    e.kind(),
                    ErrorKind::Malformed
                        | ErrorKind::Invalid
                        | ErrorKind::Unsupported
                        | ErrorKind::Resource
                ),
                "unexpected error kind: {e:?}"
            );
        }
        return;
    }
    let mut u = Unstructured::new(rest);
    let Ok(mut config) = wasmite_fuzz::smith::config(&mut u, Proposals::Wasm3Simd) else { return };
    config.allow_invalid_funcs = true;
    let Ok(module) = wasm_smith::Module::new(config, &mut u) else { return };
    let wasm = module.to_bytes();
    let valid = wasmparser_valid(&wasm);
    match Module::from_binary(engine(), &wasm) {
        Ok(_) => assert!(valid, "wasmite accepted an invalid module"),
        Err(e) => assert!(!valid, "wasmite rejected a valid module: {e:?}"),
    }
});

/// Whether the module is valid (as wasmi's validator, with the proposals
/// `smith::config` generates, sees it).
fn wasmparser_valid(wasm: &[u8]) -> bool {
    let mut config = wasmi::Config::default();
    config
        .wasm_tail_call(true)
        .wasm_extended_const(true)
        .wasm_custom_page_sizes(true)
        .wasm_memory64(true)
        .wasm_multi_memory(true)
        .wasm_wide_arithmetic(true)
        .wasm_simd(true)
        .wasm_relaxed_simd(true);
    wasmi::Module::validate(&wasmi::Engine::new(&config), wasm).is_ok()
}
