//! `wasmite run` against `wasmtime run`: the same WASI programs with the
//! same flags must print the same stdout and stderr, exit with the same
//! code and leave the same files behind.
//!
//! wasmtime is not a dependency; these tests are ignored unless asked for:
//!
//! ```sh
//! cargo install wasmtime-cli --version 48.0.8 --locked --root /tmp/wasmtime
//! WASMTIME=/tmp/wasmtime/bin/wasmtime cargo test -p wasmite-cli --test wasmtime -- --ignored
//! ```
//!
//! Where the two are meant to differ, the test says so: the text of a
//! runtime's own error message (a trap, a refused exit status) is not
//! compared, only that there is one and the exit code; and
//! [`KNOWN_DIFFERENCES`] lists the output lines that differ on purpose.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use common::*;

/// One scenario: flags before FILE (with `{dir}` standing for a fresh
/// temporary directory holding `input.txt`), the program, its arguments
/// and its stdin.
struct Case<'a> {
    flags: &'a [&'a str],
    program: String,
    args: &'a [&'a str],
    stdin: &'a [u8],
}

/// What a run produced, including the files it left in its directory.
#[derive(Debug, PartialEq)]
struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    files: BTreeMap<String, String>,
}

fn wasmtime_path() -> String {
    std::env::var("WASMTIME")
        .expect("set WASMTIME to the path of a wasmtime binary (see this file's docs)")
}

fn run(runtime: &str, extra: &[&str], case: &Case<'_>) -> Ran {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::write(tmp.path().join("input.txt"), "from the host\n").expect("write input");
    let dir = tmp.path().to_str().expect("utf-8 path");
    let mut cmd = Command::new(runtime);
    cmd.arg("run").args(extra);
    for f in case.flags {
        cmd.arg(f.replace("{dir}", dir));
    }
    cmd.arg(&case.program).args(case.args);
    let o: Output = run_with_stdin(cmd.env_clear(), case.stdin);
    Ran {
        code: o.status.code(),
        stdout: stdout(&o),
        stderr: stderr(&o),
        files: files_in(tmp.path()),
    }
}

/// Every file beneath `root` (relative path → contents).
fn files_in(root: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for e in std::fs::read_dir(&dir).expect("read_dir") {
            let p = e.expect("dir entry").path();
            let rel = p.strip_prefix(root).expect("beneath root").display().to_string();
            if p.is_dir() {
                out.insert(rel + "/", String::new());
                todo.push(p);
            } else {
                out.insert(rel, std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    out
}

/// Runs `case` under both and returns (wasmite, wasmtime).
fn both(case: &Case<'_>) -> (Ran, Ran) {
    let ours = run(env!("CARGO_BIN_EXE_wasmite"), &[], case);
    let theirs = run(&wasmtime_path(), &[], case);
    (ours, theirs)
}

/// Output lines that differ on purpose: (wasmite's line, wasmtime's line, why).
const KNOWN_DIFFERENCES: &[(&str, &str, &str)] = &[(
    "process cpu clock advances yes",
    "process cpu clock advances no",
    "wasmtime answers EBADF for the process and thread CPU-time clocks; \
     wasmite implements them (WASI preview1 defines them)",
)];

/// `ours` with each known difference replaced by wasmtime's line.
fn as_wasmtime_would(mut ours: Ran) -> Ran {
    for (mine, theirs, _) in KNOWN_DIFFERENCES {
        let lines: Vec<&str> =
            ours.stdout.split('\n').map(|l| if l == *mine { theirs } else { l }).collect();
        ours.stdout = lines.join("\n");
    }
    ours
}

#[track_caller]
fn same(case: Case<'_>) {
    let (ours, theirs) = both(&case);
    assert_eq!(as_wasmtime_would(ours), theirs, "wasmite (left) and wasmtime (right) differ");
}

const DATA: &[&str] = &["--dir", "{dir}::/data", "--env", "GREETING=hi", "--env", "B=2"];

#[test]
#[ignore = "needs wasmtime: see the file's docs"]
fn tour_with_a_preopen() {
    same(Case { flags: DATA, program: program("tour.wasm"), args: &["/data", "7"], stdin: b"" });
}

#[test]
#[ignore = "needs wasmtime: see the file's docs"]
fn tour_with_root_preopen() {
    same(Case {
        flags: &["--dir", "{dir}::/"],
        program: program("tour.wasm"),
        args: &["/", "0"],
        stdin: b"",
    });
}

#[test]
#[ignore = "needs wasmtime: see the file's docs"]
fn tour_without_preopen() {
    same(Case { flags: &[], program: program("tour.wasm"), args: &["/data"], stdin: b"" });
    same(Case { flags: &[], program: program("tour.wasm"), args: &["-", "3"], stdin: b"" });
    same(Case { flags: &[], program: program("tour.wasm"), args: &[], stdin: b"" });
}

#[test]
#[ignore = "needs wasmtime: see the file's docs"]
fn args_and_env() {
    same(Case {
        flags: &["--env", "GREETING=hello there", "--env", "EMPTY=", "--env", "EQ=a=b"],
        program: wasi_program("args_env.wasm"),
        args: &["one", "two words", "--dir", "-x", ""],
        stdin: b"",
    });
}

#[test]
#[ignore = "needs wasmtime: see the file's docs"]
fn exit_codes() {
    let prog = wasi_program("exit.wasm");
    for args in [&["exit", "3"][..], &["return", "4"], &["raw", "5"], &["raw", "125"], &[]] {
        same(Case { flags: &[], program: prog.clone(), args, stdin: b"" });
    }
}

#[test]
#[ignore = "needs wasmtime: see the file's docs"]
fn refused_exit_status_and_trap() {
    // The runtimes word their error lines differently; the exit code and the
    // guest's own output agree.
    let prog = wasi_program("exit.wasm");
    for args in [&["raw", "126"][..], &["raw", "200"], &["exit", "255"], &["trap"]] {
        let (ours, theirs) = both(&Case { flags: &[], program: prog.clone(), args, stdin: b"" });
        assert_eq!(ours.code, theirs.code, "{args:?}: {ours:?} {theirs:?}");
        assert_eq!(ours.stdout, theirs.stdout, "{args:?}");
        assert!(!ours.stderr.is_empty() && !theirs.stderr.is_empty(), "{args:?}");
    }
}

#[test]
#[ignore = "needs wasmtime: see the file's docs"]
fn stdin_to_stdout() {
    let input: Vec<u8> = (0..100_000u32).map(|i| (i * 13 % 256) as u8).collect();
    same(Case { flags: &[], program: wasi_program("cat.wasm"), args: &[], stdin: &input });
}

#[test]
#[ignore = "needs wasmtime: see the file's docs"]
fn file_operations() {
    same(Case {
        flags: &["--dir", "{dir}::/work"],
        program: wasi_program("files.wasm"),
        args: &["/work"],
        stdin: b"",
    });
}

#[test]
#[ignore = "needs wasmtime: see the file's docs"]
fn rust_program() {
    same(Case {
        flags: &["--dir", "{dir}::/data", "--env", "USER=wasmite"],
        program: wasi_program("rust_demo.wasm"),
        args: &["/data", "42"],
        stdin: b"first line\nsecond\n",
    });
}

#[test]
#[ignore = "needs wasmtime: see the file's docs"]
fn fuel() {
    // wasmtime spells `--fuel N` as `-W fuel=N`; the units differ a little,
    // so only the clear cases are compared: ample fuel, and an endless loop.
    let (_dir, spin) =
        scratch("spin.wat", br#"(module (func $spin (export "_start") (loop $l (br $l))))"#);
    let spin = spin.to_str().expect("utf-8 path").to_string();
    for (program, fuel, args) in
        [(program("tour.wasm"), "1000000000", &["-", "5"][..]), (spin, "1000", &[])]
    {
        let case = Case { flags: &[], program, args, stdin: b"" };
        let ours = run(env!("CARGO_BIN_EXE_wasmite"), &["--fuel", fuel], &case);
        let theirs = run(&wasmtime_path(), &["-W", &format!("fuel={fuel}")], &case);
        assert_eq!(ours.code, theirs.code, "{ours:?} {theirs:?}");
        assert_eq!(as_wasmtime_would(ours).stdout, theirs.stdout);
    }
}
