//! Runs the built `wasmite` binary: the examples print their results, and
//! every kind of bad input exits non-zero with one `error:` line (a trap's
//! followed by its Wasm backtrace) and no panic.

use std::path::PathBuf;
use std::process::{Command, Output};

fn example(name: &str) -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/").to_string() + name
}

/// A scratch file with `contents`, unique per test.
fn scratch(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wasmite-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write scratch file");
    path
}

fn wasmite(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wasmite")).args(args).output().expect("run wasmite")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Succeeds and prints exactly `want` (one line per result).
fn assert_prints(args: &[&str], want: &str) {
    let o = wasmite(args);
    assert!(o.status.success(), "{args:?} failed: {}", stderr(&o));
    assert_eq!(stdout(&o), want, "{args:?}");
}

/// Exits with code 1 and exactly one stderr line, starting with `error: `.
fn assert_one_error(args: &[&str]) -> String {
    let o = wasmite(args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{args:?}: stdout {} stderr {err}", stdout(&o));
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: not one line: {err}");
    assert!(err.starts_with("error: "), "{args:?}: {err}");
    err
}

#[test]
fn magic_num() {
    assert_prints(&["run", "--invoke", "magic_num", &example("magic_num.wasm")], "42\n");
}

#[test]
fn add() {
    assert_prints(&["run", "--invoke", "add", &example("add.wasm"), "2", "3"], "5\n");
    assert_prints(&["run", "--invoke", "add", &example("add.wasm"), "-2", "-0x3"], "-5\n");
    assert_prints(
        &["run", "--invoke", "add", &example("add.wasm"), "2147483647", "1"],
        "-2147483648\n",
    );
}

#[test]
fn fib_wat() {
    assert_prints(&["run", "--invoke", "fib", &example("fib.wat"), "20"], "6765\n");
    assert_prints(
        &["run", "--invoke", "fib_iter", &example("fib.wat"), "90"],
        "2880067194370816120\n",
    );
}

#[test]
fn results_of_every_type() {
    let wat = scratch(
        "types.wat",
        br#"(module
  (func (export "multi") (param i64 f32 f64) (result i32 i64 f32 f64)
    (i32.const -7) (local.get 0) (local.get 1) (local.get 2))
  (func (export "null") (result funcref externref) (ref.null func) (ref.null extern))
  (func $f (export "f"))
  (func (export "func") (result funcref) (ref.func $f))
  (func (export "_start")))"#,
    );
    let p = wat.to_str().expect("utf-8 path");
    assert_prints(
        &["run", "--invoke", "multi", p, "-9223372036854775808", "1.5", "-inf"],
        "-7\n-9223372036854775808\n1.5\n-inf\n",
    );
    assert_prints(&["run", "--invoke", "multi", p, "0", "nan", "0.1"], "-7\n0\nNaN\n0.1\n");
    assert_prints(&["run", "--invoke", "null", p], "ref.null\nref.null\n");
    assert_prints(&["run", "--invoke", "func", p], "ref.func\n");
    assert_prints(&["run", p], "");
}

#[test]
fn missing_file() {
    let err = assert_one_error(&["run", "--invoke", "f", "/nonexistent/x.wasm"]);
    assert!(err.contains("/nonexistent/x.wasm"), "{err}");
}

#[test]
fn malformed_module() {
    let bad = scratch("bad.wasm", b"\0asm\x01\0\0\0\x01");
    assert_one_error(&["run", "--invoke", "f", bad.to_str().expect("utf-8 path")]);
    let bad = scratch("bad.wat", b"(module (func (i32.add)))\n(oops");
    let err = assert_one_error(&["validate", bad.to_str().expect("utf-8 path")]);
    assert!(err.contains("bad.wat:2:"), "{err}");
    let bad = scratch("binary.bin", &[0xff, 0xfe, 0x00]);
    assert_one_error(&["inspect", bad.to_str().expect("utf-8 path")]);
}

#[test]
fn invalid_module() {
    let bad = scratch("invalid.wat", b"(module (func (result i32) (i64.const 0)))");
    let err = assert_one_error(&["validate", bad.to_str().expect("utf-8 path")]);
    assert!(err.contains("invalid"), "{err}");
}

#[test]
fn trapping_function() {
    let wat = scratch("trap.wat", br#"(module (func (export "boom") (unreachable)))"#);
    let o = wasmite(&["run", "--invoke", "boom", wat.to_str().expect("utf-8 path")]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(134), "{err}");
    assert!(err.starts_with("error: wasm trap: unreachable"), "{err}");
    // Then the Wasm call stack, as wasmtime prints it.
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert_eq!(lines[1], "wasm backtrace:");
    assert!(lines[2].starts_with("    0:") && lines[2].ends_with(" - <wasm function 0>"), "{err}");
}

#[test]
fn missing_import() {
    let wat = scratch("import.wat", br#"(module (import "env" "f" (func)) (func (export "g")))"#);
    let err = assert_one_error(&["run", "--invoke", "g", wat.to_str().expect("utf-8 path")]);
    assert!(err.contains("env") && err.contains("link"), "{err}");
}

#[test]
fn bad_arguments() {
    let add = example("add.wasm");
    let err = assert_one_error(&["run", "--invoke", "add", &add, "2", "x"]);
    assert!(err.contains("`x`"), "{err}");
    assert_one_error(&["run", "--invoke", "add", &add, "2"]);
    assert_one_error(&["run", "--invoke", "add", &add, "1", "2", "3"]);
    assert_one_error(&["run", "--invoke", "add", &add, "4294967296", "0"]);
    assert_one_error(&["run", "--invoke", "nope", &add]);
    assert_one_error(&["run", "--invoke", "memory", &add]);
    let err = assert_one_error(&["run", &add]);
    assert!(err.contains("no `_start` export; use --invoke"), "{err}");
}

#[test]
fn clap_usage_errors_exit_2() {
    let o = wasmite(&["run"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).contains("panicked"));
    let o = wasmite(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn validate() {
    let add = example("add.wasm");
    assert_prints(&["validate", &add], &format!("{add}: valid\n"));
}

#[test]
fn inspect() {
    let o = wasmite(&["inspect", &example("add.wasm")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(r#"(export "add" (func (param i32 i32) (result i32)))"#), "{out}");
    assert!(out.contains(r#"(export "memory" (memory 16))"#), "{out}");

    let fib = example("fib.wat");
    let o = wasmite(&["inspect", "--ir", &fib, "fib"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("func 0"), "{}", stdout(&o));
    let o = wasmite(&["inspect", "--ir", &fib, "1"]);
    assert!(stdout(&o).starts_with("func 1"), "{}", stdout(&o));
    let o = wasmite(&["inspect", "--ir", &fib]);
    let all = stdout(&o);
    assert!(all.contains("func 0") && all.contains("func 1"), "{all}");
    assert_one_error(&["inspect", "--ir", &fib, "7"]);
    assert_one_error(&["inspect", "--ir", &fib, "nope"]);
}

#[test]
fn wast_command() {
    let good = scratch(
        "good.wast",
        br#"(module (func (export "f") (result i32) (i32.const 1)))
(assert_return (invoke "f") (i32.const 1))"#,
    );
    let good = good.to_str().expect("utf-8 path");
    assert_prints(&["wast", good], &format!("{good}: 2 passed, 0 failed\n"));

    let bad = scratch(
        "bad.wast",
        br#"(module (func (export "f") (result i32) (i32.const 1)))
(assert_return (invoke "f") (i32.const 2))"#,
    );
    let bad = bad.to_str().expect("utf-8 path");
    let o = wasmite(&["wast", good, bad]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains(&format!("{bad}:2:2: assert_return")), "{out}");
    assert!(out.ends_with(&format!("{bad}: 1 passed, 1 failed\n")), "{out}");
    assert!(stderr(&o).is_empty());
}

#[test]
fn closed_stdout_is_not_a_panic() {
    // `wasmite inspect --ir big.wasm | head -1`: the reader goes away early.
    use std::io::Read;
    use std::process::Stdio;
    let wasm = concat!(env!("CARGO_MANIFEST_DIR"), "/../../benches/workloads/wasm/zlib.wasm");
    let mut child = Command::new(env!("CARGO_BIN_EXE_wasmite"))
        .args(["inspect", "--ir", wasm])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run wasmite");
    let mut first = [0u8; 16];
    child.stdout.take().expect("piped").read_exact(&mut first).expect("some output");
    // Dropping the read end closes the pipe.
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.success(), "status {:?}, stderr: {}", o.status, stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    assert!(first.starts_with(b"func "), "{:?}", String::from_utf8_lossy(&first));
}

#[test]
fn wasmtime_limits_max_memory_size_and_max_wasm_stack() {
    let grow = scratch(
        "grow.wat",
        br#"(module (memory 1)
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#,
    );
    let grow = grow.to_str().unwrap();
    assert_prints(&["run", "-W", "max-memory-size=131072", "--invoke", "grow", grow, "1"], "1\n");
    assert_prints(&["run", "-W", "max-memory-size=128K", "--invoke", "grow", grow, "2"], "-1\n");
    assert_prints(&["run", "--invoke", "grow", grow, "2"], "1\n");
    let rec = scratch(
        "rec.wat",
        br#"(module (func $f (export "f") (param i32) (result i32)
              (if (result i32) (local.get 0)
                (then (i32.add (call $f (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))
                (else (i32.const 0)))))"#,
    );
    let rec = rec.to_str().unwrap();
    assert_prints(&["run", "--invoke", "f", rec, "50000"], "50000\n");
    let o = wasmite(&["run", "-W", "max-wasm-stack=64K", "--invoke", "f", rec, "50000"]);
    assert_eq!(o.status.code(), Some(134), "{}", stderr(&o));
    assert!(stderr(&o).starts_with("error: wasm trap: call stack exhausted"), "{}", stderr(&o));
    let err = stderr(&wasmite(&["run", "-W", "max-memory-size=lots", "--invoke", "f", rec, "1"]));
    assert!(err.contains("not a size in bytes"), "{err}");
}

#[test]
fn wasmtime_proposal_switches() {
    let tail = scratch(
        "tail.wat",
        br#"(module (func $f (export "f") (param i32) (result i32)
              (if (result i32) (local.get 0)
                (then (return_call $f (i32.sub (local.get 0) (i32.const 1))))
                (else (i32.const 7)))))"#,
    );
    let tail = tail.to_str().unwrap();
    assert_prints(&["run", "--invoke", "f", tail, "1000000"], "7\n");
    assert_prints(&["run", "-W", "tail-call=y", "--invoke", "f", tail, "3"], "7\n");
    let err = assert_one_error(&["run", "-W", "tail-call=n", "--invoke", "f", tail, "3"]);
    assert!(err.contains("tail calls support is not enabled"), "{err}");
    let simd = scratch(
        "simd.wat",
        br#"(module (func (export "f") (result i32)
              (i32x4.extract_lane 2 (v128.const i32x4 1 2 3 4))))"#,
    );
    let simd = simd.to_str().unwrap();
    assert_prints(&["run", "--invoke", "f", simd], "3\n");
    assert_one_error(&["run", "-W", "simd=n,relaxed-simd=n", "--invoke", "f", simd]);
    // Proposals wasmite lacks may be switched off, not on.
    assert_prints(&["run", "-W", "gc=n", "-W", "exceptions=no", "--invoke", "f", simd], "3\n");
    assert_prints(&["run", "-W", "gc=y", "--invoke", "f", simd], "3\n");
    let o = wasmite(&["run", "-W", "threads=y", "--invoke", "f", simd]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does not implement the `threads` proposal"), "{}", stderr(&o));
    let o = wasmite(&["run", "-W", "simd=maybe", "--invoke", "f", simd]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn preload_links_another_modules_exports() {
    let lib = scratch(
        "lib.wat",
        br#"(module (global $n (mut i32) (i32.const 0))
              (func (export "_initialize") (global.set $n (i32.const 40)))
              (func (export "add") (param i32 i32) (result i32)
                (i32.add (i32.add (local.get 0) (local.get 1)) (global.get $n))))"#,
    );
    let main = scratch(
        "main.wat",
        br#"(module (import "lib" "add" (func $add (param i32 i32) (result i32)))
              (func (export "run") (param i32) (result i32) (call $add (local.get 0) (i32.const 2))))"#,
    );
    let (lib, main) = (lib.to_str().unwrap(), main.to_str().unwrap());
    // The reactor's `_initialize` ran: 5 + 2 + 40.
    assert_prints(
        &["run", "--preload", &format!("lib={lib}"), "--invoke", "run", main, "5"],
        "47\n",
    );
    let err = assert_one_error(&["run", "--invoke", "run", main, "5"]);
    assert!(err.contains("`lib`::`add`"), "{err}");
    let err =
        assert_one_error(&["run", "--preload", "lib=/nonexistent.wasm", "--invoke", "run", main]);
    assert!(err.contains("nonexistent"), "{err}");
    assert_eq!(wasmite(&["run", "--preload", "lib", main]).status.code(), Some(2));
}
