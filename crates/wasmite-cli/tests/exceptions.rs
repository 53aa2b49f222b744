//! Programs that use Wasm exception handling, run through `wasmite run`: a
//! C++ program compiled by clang 19 with `-fwasm-exceptions` against
//! libc++abi, in the legacy encoding clang emits (`try`/`catch`/`rethrow`/
//! `delegate`) and in the exnref one (rewritten by binaryen), and a C
//! program whose setjmp/longjmp clang lowers to exceptions. The expected
//! transcripts are what node (legacy) and wasmtime 48 (exnref) print.
//! Sources, build script and provenance are in `programs/exceptions/`.

mod common;

use common::*;

fn exceptions(name: &str) -> String {
    program(&format!("exceptions/{name}"))
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(exceptions(name)).expect("expected output")
}

#[test]
fn cpp_exceptions_exnref_encoding() {
    let o = wasmite(&["run", &exceptions("eh_exnref.wasm")]);
    assert_code(&o, 0);
    assert_eq!(stdout(&o), expected("eh.stdout"));
}

#[test]
fn cpp_exceptions_need_the_proposal() {
    let o = wasmite(&["run", "-W", "exceptions=n", &exceptions("eh_exnref.wasm")]);
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("exception"), "{}", stderr(&o));
}

#[test]
fn cpp_exceptions_legacy_encoding() {
    let o = wasmite(&["run", &exceptions("eh_legacy.wasm")]);
    assert_code(&o, 0);
    assert_eq!(stdout(&o), expected("eh.stdout"));
}

#[test]
fn setjmp_longjmp_through_exceptions() {
    let o = wasmite(&["run", &exceptions("sjlj.wasm")]);
    assert_code(&o, 0);
    assert_eq!(stdout(&o), expected("sjlj.stdout"));
}

#[test]
fn uncaught_exception_ends_the_run_as_in_wasmtime() {
    // As wasmtime 48 does: exit 1 after the error and the Wasm backtrace
    // of the throw.
    let wat = br#"(module
      (tag $e (param i32))
      (func $thrower (throw $e (i32.const 7)))
      (func (export "_start") (call $thrower)))"#;
    let (_dir, path) = scratch("uncaught.wat", wat);
    let o = wasmite(&["run", path.to_str().unwrap()]);
    assert_eq!(assert_one_error(&o, 1), "error: thrown Wasm exception\n");
    let frames: Vec<String> = backtrace(&o).into_iter().map(|(_, name)| name).collect();
    assert_eq!(frames, ["thrower", "<wasm function 1>"]);
}
