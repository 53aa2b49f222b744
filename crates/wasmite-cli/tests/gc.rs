//! A program that uses Wasm GC, run through `wasmite run`: a Kotlin program
//! compiled by the Kotlin/Wasm compiler (kotlinc-wasm 2.4.20, target
//! wasm-wasi) to a WASI command using GC, function references, exceptions
//! (exnref encoding) and v128 struct fields. The expected transcript is what
//! wasmtime 48 prints. Source, build script and provenance are in
//! `programs/gc/`.

mod common;

use common::*;

fn gc(name: &str) -> String {
    program(&format!("gc/{name}"))
}

/// As wasmtime 48 prints it: with GC on by default and with `-W gc=y`,
/// on both backends (`--backend` is not a flag: the debug build runs the
/// portable backend, the release build the threaded one).
#[test]
fn kotlin_program_runs() {
    let expected = std::fs::read_to_string(gc("kotlin.out")).expect("expected output");
    for args in [&["run", &gc("kotlin.wasm")][..], &["run", "-W", "gc=y", &gc("kotlin.wasm")]] {
        let o = wasmite(args);
        assert_code(&o, 0);
        assert_eq!(stdout(&o), expected);
        assert_eq!(stderr(&o), "");
    }
}

#[test]
fn kotlin_program_needs_the_proposal() {
    let o = wasmite(&["run", "-W", "gc=n", &gc("kotlin.wasm")]);
    let err = assert_one_error(&o, 1);
    assert!(err.contains("gc"), "{err}");
}
