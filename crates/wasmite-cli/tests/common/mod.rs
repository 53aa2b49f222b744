//! Shared by the CLI tests: run the built `wasmite` binary and find the
//! committed programs.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The WASI test programs of `wasmite-wasi` (C and Rust, committed as `.wasm`).
pub fn wasi_program(name: &str) -> String {
    path(&format!("../wasmite-wasi/tests/programs/{name}"))
}

/// This crate's own test programs (`tests/programs/`).
pub fn program(name: &str) -> String {
    path(&format!("tests/programs/{name}"))
}

/// A file of the repository's `examples/`.
pub fn example(name: &str) -> String {
    path(&format!("../../examples/{name}"))
}

fn path(relative: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    p.to_str().expect("utf-8 path").to_string()
}

/// A file with `contents` in a fresh temporary directory (kept alive by the
/// returned guard).
pub fn scratch(name: &str, contents: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, contents).expect("write scratch file");
    (dir, path)
}

/// `wasmite ARGS` with stdin empty.
pub fn wasmite(args: &[&str]) -> Output {
    wasmite_with_stdin(args, b"")
}

/// `wasmite ARGS` with `input` on stdin.
pub fn wasmite_with_stdin(args: &[&str], input: &[u8]) -> Output {
    run_with_stdin(Command::new(env!("CARGO_BIN_EXE_wasmite")).args(args), input)
}

/// Run `cmd` with `input` on stdin, capturing stdout and stderr.
pub fn run_with_stdin(cmd: &mut Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin pipe");
    let input = input.to_vec();
    // Feed stdin from a thread so a large input cannot deadlock with output.
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait");
    feeder.join().expect("stdin feeder");
    out
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts the exit code, with both streams in the failure message.
#[track_caller]
pub fn assert_code(o: &Output, code: i32) {
    assert_eq!(o.status.code(), Some(code), "stdout:\n{}\nstderr:\n{}", stdout(o), stderr(o));
}

/// Asserts the exit code and one `error: ` line on stderr, followed, if the
/// error ended Wasm code, by a `wasm backtrace:` section of frame lines
/// (see [`backtrace`]); returns the error line (with its newline).
#[track_caller]
pub fn assert_one_error(o: &Output, code: i32) -> String {
    assert_code(o, code);
    let err = stderr(o);
    assert!(!err.contains("panicked"), "panicked: {err}");
    assert!(err.starts_with("error: "), "{err}");
    let first = err.lines().next().unwrap_or_default();
    let rest: Vec<&str> = err.lines().skip(1).collect();
    if let Some((head, frames)) = rest.split_first() {
        assert_eq!(*head, "wasm backtrace:", "not one error line: {err}");
        assert!(!frames.is_empty(), "an empty backtrace: {err}");
        for f in frames {
            let elided = f.trim().starts_with("... ") && f.ends_with(" frames not shown ...");
            let frame = f
                .split_once(": ")
                .is_some_and(|(_, r)| r.trim_start().starts_with("0x") && r.contains(" - "));
            assert!(frame || elided, "not a frame line: {f:?} in {err}");
        }
    }
    format!("{first}\n")
}

/// The frames of the `wasm backtrace:` section under an error: each line's
/// module offset and function name (a line for frames left out is skipped).
pub fn backtrace(o: &Output) -> Vec<(usize, String)> {
    stderr(o)
        .lines()
        .skip_while(|l| *l != "wasm backtrace:")
        .skip(1)
        .filter(|l| !l.trim().starts_with("... "))
        .map(|l| {
            let (_, frame) = l.split_once(": ").expect("a numbered frame");
            let (offset, name) = frame.trim().split_once(" - ").expect("offset - name");
            let offset = offset.trim_start_matches("0x");
            (usize::from_str_radix(offset, 16).expect("a hex offset"), name.to_string())
        })
        .collect()
}
