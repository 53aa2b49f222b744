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

#[test]

fn kotlin_program_runs() {
    let o = wasmite(&["run", "-W", "gc=y", &gc("kotlin.wasm")]);
    assert_code(&o, 0);
    let expected = std::fs::read_to_string(gc("kotlin.out")).expect("expected output");
    assert_eq!(stdout(&o), expected);
    assert_eq!(stderr(&o), "");
}

#[test]
fn kotlin_program_needs_the_proposal() {
    let o = wasmite(&["run", "-W", "gc=n", &gc("kotlin.wasm")]);
    let err = assert_one_error(&o, 1);
    assert!(err.contains("gc"), "{err}");
}
