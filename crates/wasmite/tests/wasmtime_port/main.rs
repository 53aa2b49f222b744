//! A port of a small wasmtime embedding: `original.rs` is written against
//! wasmtime 48 (host functions with a `Caller` reading guest memory, module
//! introspection and host functions made from a `FuncType`, typed and
//! untyped calls, globals, memory reads and writes, trap kinds, host errors,
//! backtraces, fuel, epoch interruption); `embedding.rs` is the
//! same file with only its `use` line changed, compiled and run here
//! against wasmite. `only_the_use_line_differs` keeps it so.
//!
//! `original.rs` is not compiled by `cargo test` (wasmtime is no dependency
//! of it); `check-with-wasmtime.sh` compiles it against wasmtime 48.0.8 in a
//! scratch crate and runs the same tests there.

// wasmtime's `Instance::exports` takes the store mutably, wasmite's does
// not: the port passes `&mut store`, as written for wasmtime.
#[allow(clippy::unnecessary_mut_passed)]
mod embedding;

#[test]
fn only_the_use_line_differs() {
    let original = include_str!("original.rs");
    let port = include_str!("embedding.rs");
    assert_eq!(original.lines().count(), port.lines().count());
    let differing: Vec<(&str, &str)> =
        original.lines().zip(port.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(differing, [("use wasmtime::*;", "use wasmite::*;")]);
}

#[test]
fn host_functions() {
    embedding::host_functions().unwrap();
}

#[test]
fn introspection() {
    embedding::introspection().unwrap();
}

#[test]
fn calls() {
    embedding::calls().unwrap();
}

#[test]
fn globals() {
    embedding::globals().unwrap();
}

#[test]
fn memory() {
    embedding::memory().unwrap();
}

#[test]
fn traps() {
    embedding::traps().unwrap();
}

#[test]
fn fuel() {
    embedding::fuel().unwrap();
}

#[test]
fn backtraces() {
    embedding::backtraces().unwrap();
}

#[test]
fn interruption() {
    embedding::interruption().unwrap();
}
