//! Programs that use WebAssembly 3.0 features, run through `wasmite run`:
//! a C interpreter whose handlers tail-call each other (clang
//! `-mtail-call`, `[[clang::musttail]]`), freestanding C for wasm64, and a
//! hand-written multi-memory WASI command. Sources and build commands are in
//! `programs/proposals/`.

mod common;

use common::*;

fn proposal(name: &str) -> String {
    program(&format!("proposals/{name}"))
}

/// Trial division, as the interpreted bytecode does it.
fn primes_below(limit: u64) -> u64 {
    (2..limit).filter(|&n| (2..).take_while(|d| d * d <= n).all(|d| n % d != 0)).count() as u64
}

#[test]
fn tail_calling_interpreter() {
    for limit in [30_000u64, 1_000] {
        let arg = limit.to_string();
        let o = wasmite(&["run", &proposal("tailcall.wasm"), &arg]);
        assert_code(&o, 0);
        let expected = format!("primes below {limit}: {}\n50000001 is odd\n", primes_below(limit));
        assert_eq!(stdout(&o), expected);
    }
}

#[test]
fn tail_calling_interpreter_needs_tail_calls() {
    // The interpreter's handlers end in return_call_indirect (so the test
    // above exercises tail calls, not ordinary calls).
    let o = wasmite(&["inspect", "--ir", &proposal("tailcall.wasm")]);
    assert_code(&o, 0);
    assert!(stdout(&o).contains("ReturnCallIndirect"), "{}", stdout(&o));
}

#[test]
fn wasm64_c_program() {
    let n: u64 = 100_000;
    let o = wasmite(&["run", "--invoke", "run", &proposal("wasm64.wasm")]);
    assert_code(&o, 0);
    assert_eq!(stdout(&o), format!("{}\n", (n - 1) * n * (2 * n - 1) / 6));
    // 64-bit pointers and size_t: 8 * 8 + 8.
    let o = wasmite(&["run", "--invoke", "pointer_size", &proposal("wasm64.wasm")]);
    assert_eq!(stdout(&o), "72\n");
    let o = wasmite(&["inspect", &proposal("wasm64.wasm")]);
    assert!(stdout(&o).contains("(memory i64"), "{}", stdout(&o));
}

#[test]
fn multi_memory_command() {
    let o = wasmite(&["run", &proposal("multi_memory.wat")]);
    assert_code(&o, 0);
    assert_eq!(stdout(&o), "HELLO FROM MEMORY 1! (copied across memories)\n3 pages\n1\n");
}
