//! The runner must not pass vacuously: each directive below is wrong on
//! purpose and must be reported as a failure, at its own line.

use wasmite_wast::{RunConfig, run_wast};

/// Run `script` and return `(passed, lines of the failures)`.
fn run(script: &str) -> (usize, Vec<usize>) {
    let report = run_wast("test.wast", script, &RunConfig::default());
    assert_eq!(report.failed, report.failures.len());
    (report.passed, report.failures.iter().map(|f| f.line).collect())
}

const MODULE: &str = r#"(module
  (func (export "one") (result i32) (i32.const 1))
  (func (export "nan") (result f32) (f32.const nan:0x600000))
  (func (export "trap") (unreachable))
  (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
  (func (export "loop") (call 4))
)
"#;

#[test]
fn wrong_assertions_fail() {
    let script = format!(
        "{MODULE}{}",
        r#"(assert_return (invoke "one") (i32.const 2))
(assert_return (invoke "one") (i64.const 1))
(assert_return (invoke "one"))
(assert_return (invoke "nan") (f32.const nan:arithmetic))
(assert_return (invoke "nan") (f32.const nan:canonical))
(assert_return (invoke "missing"))
(assert_trap (invoke "one") "unreachable")
(assert_trap (invoke "div" (i32.const 0)) "unreachable")
(assert_exhaustion (invoke "trap") "call stack exhausted")
(assert_invalid (module (func)) "type mismatch")
(assert_invalid (module binary "\00asm\02\00\00\00") "type mismatch")
(assert_malformed (module quote "(func)") "unexpected token")
(assert_malformed (module binary "\00asm\01\00\00\00") "unexpected end")
(assert_malformed (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_unlinkable (module) "unknown import")
(assert_unlinkable (module (func (unreachable)) (start 0)) "unknown import")
(assert_trap (module (func (result i32) (i64.const 0))) "unreachable")
(invoke "trap")
(module (func $s (unreachable)) (start $s))
(assert_return (invoke "one") (i32.const 1))
(assert_exception (invoke "one"))
"#
    );
    let (passed, lines) = run(&script);
    // The module, plus line 11 ("nan" is an arithmetic, non-canonical NaN).
    assert_eq!(passed, 2, "failures at {lines:?}");
    let mut want: Vec<usize> = (8..=28).collect();
    want.retain(|l| *l != 11);
    assert_eq!(lines, want);
}

#[test]
fn module_after_failed_module_is_not_current() {
    let script = format!(
        "{MODULE}{}",
        r#"(module (func (export "x") (unreachable)) (start 0))
(invoke "one")
"#
    );
    let (passed, lines) = run(&script);
    assert_eq!(passed, 1);
    assert_eq!(lines, [8, 9]);
}

#[test]
fn syntax_error_is_one_failure_at_its_position() {
    let report = run_wast(
        "bad.wast",
        "(module)\n(assert_return (invoke \"x\" (i32.const",
        &RunConfig::default(),
    );
    assert_eq!((report.passed, report.failed), (0, 1));
    assert_eq!(report.failures[0].line, 2);
    assert_eq!(report.failures[0].directive, "script");
}

#[test]
fn spectest_module_is_provided() {
    let (passed, lines) = run(r#"(module
  (import "spectest" "memory" (memory 1 2))
  (import "spectest" "table" (table 10 20 funcref))
  (import "spectest" "global_i32" (global i32))
  (import "spectest" "global_i64" (global i64))
  (import "spectest" "global_f32" (global $f32 f32))
  (import "spectest" "global_f64" (global $f64 f64))
  (import "spectest" "print" (func))
  (import "spectest" "print_i32" (func (param i32)))
  (import "spectest" "print_i64" (func (param i64)))
  (import "spectest" "print_f32" (func (param f32)))
  (import "spectest" "print_f64" (func (param f64)))
  (import "spectest" "print_i32_f32" (func (param i32 f32)))
  (import "spectest" "print_f64_f64" (func (param f64 f64)))
  (func (export "f32") (result f32) (global.get $f32))
  (func (export "f64") (result f64) (global.get $f64))
)
(assert_return (invoke "f32") (f32.const 666.6))
(assert_return (invoke "f64") (f64.const 666.6))
"#);
    assert_eq!((passed, lines), (3, vec![]));
}

/// `assert_invalid` and binary `assert_malformed` check the message, not
/// only the kind of error: a module that fails for another reason than the
/// one the script names is a failure. (Before, the kind was enough: lines
/// 2 and 4 passed.)
#[test]
fn invalid_and_malformed_check_the_message() {
    let (passed, lines) =
        run(r#"(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_invalid (module (func (result i32) (i64.const 0))) "unknown local")
(assert_malformed (module binary "\00asm\01\00\00\00\01") "unexpected end")
(assert_malformed (module binary "\00asm\01\00\00\00\01") "magic header not detected")
(assert_malformed (module binary "\00asm\01\00\00\00" "\00\02\01\ff") "invalid UTF-8 encoding")
(assert_malformed (module binary "\00asm\01\00\00\00" "\00\02\01\ff") "invalid section id")
"#);
    // Line 5 passes through the table of wasmparser's wordings ("malformed
    // UTF-8 encoding"); the entry applies to its own message only (line 6).
    assert_eq!((passed, lines), (3, vec![2, 4, 6]));
}
