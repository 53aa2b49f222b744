//! `wasmite run` on WASI programs, through the real binary: stdio, argv,
//! environment, exit codes, preopened directories and their absence, fuel.

mod common;

use common::*;

/// The common head of `tour.wasm`'s output: arguments, environment, clocks.
fn tour_head(argv: &[&str], env: &[&str], greeting: &str) -> String {
    let mut s = format!("argc {}\n", argv.len());
    for (i, a) in argv.iter().enumerate() {
        s += &format!("argv[{i}] \"{a}\"\n");
    }
    s += &format!("environ {}\n", env.len());
    for e in env {
        s += &format!("  {e}\n");
    }
    s += &format!("GREETING {greeting}\n");
    s += "clock_getres realtime ok\n\
          time() agrees with realtime yes\n\
          realtime after 2020 yes\n\
          nanosleep 20ms ok\n\
          process cpu clock advances yes\n";
    s
}

/// The file part of `tour.wasm`'s output when DIR is preopened and holds
/// `input.txt` with `input`.
fn tour_files(input: &str, etc_passwd: &str) -> String {
    format!(
        "input.txt: {input}\
         out/result.txt size 21, mtime agrees with realtime yes\n\
         out: . .. result.txt\n\
         open missing.txt: No such file or directory\n\
         open ../outside: Operation not permitted\n\
         open /etc/passwd: {etc_passwd}\n"
    )
}

#[test]
fn hello_world_example() {
    let o = wasmite(&["run", &example("hello.wasm")]);
    assert_code(&o, 0);
    assert_eq!(stdout(&o), "Hello, world!\n");
    assert_eq!(stderr(&o), "");
}

#[test]
fn args_and_env_echo() {
    let prog = wasi_program("args_env.wasm");
    let o = wasmite(&[
        "run",
        "--env",
        "GREETING=hello there",
        "--env",
        "EMPTY=",
        "--env",
        "EQ=a=b",
        &prog,
        "one",
        "two words",
        "--dir",
        "-x",
    ]);
    assert_code(&o, 0);
    assert_eq!(
        stdout(&o),
        format!(
            "argc=5\nargv[0]=args_env.wasm\nargv[1]=one\nargv[2]=two words\nargv[3]=--dir\nargv[4]=-x\n\
             env GREETING=hello there\nenv EMPTY=\nenv EQ=a=b\nGREETING=hello there\n"
        )
    );
}

#[test]
fn argv0_is_the_files_name_or_given() {
    // The last component only, as in wasmtime: no host path reaches the guest.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../wasmite-wasi/tests");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_wasmite"))
        .args(["run", "./programs/args_env.wasm"])
        .current_dir(dir)
        .output()
        .expect("run wasmite");
    assert_code(&o, 0);
    assert!(stdout(&o).starts_with("argc=1\nargv[0]=args_env.wasm\n"), "{}", stdout(&o));
    let o = wasmite(&["run", "--argv0", "/bin/echo", &wasi_program("args_env.wasm"), "x"]);
    assert_code(&o, 0);
    assert!(stdout(&o).starts_with("argc=2\nargv[0]=/bin/echo\nargv[1]=x\n"), "{}", stdout(&o));
}

#[test]
fn env_without_value_inherits_the_hosts() {
    let prog = wasi_program("args_env.wasm");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_wasmite"))
        .args(["run", "--env", "GREETING", "--env", "WASMITE_TEST_UNSET", &prog])
        .env("GREETING", "from the host")
        .env("OTHER", "not passed")
        .env_remove("WASMITE_TEST_UNSET")
        .output()
        .expect("run wasmite");
    assert_code(&o, 0);
    assert!(
        stdout(&o).ends_with("env GREETING=from the host\nGREETING=from the host\n"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("OTHER"), "{}", stdout(&o));
}

#[test]
fn bad_env_and_dir_flags_are_usage_errors() {
    let hello = example("hello.wasm");
    for (flag, value, says) in [
        ("--env", "=x", "variable name is empty"),
        ("--env", "", "variable name is empty"),
        ("--dir", "", "host directory is empty"),
        ("--dir", "::/guest", "host directory is empty"),
        ("--dir", ".::", "guest directory name"),
    ] {
        let o = wasmite(&["run", flag, value, &hello]);
        assert_code(&o, 2);
        let err = stderr(&o);
        assert!(err.contains(says), "{flag} {value:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(stdout(&o), "");
    }
}

#[test]
fn unopenable_dir_is_one_error() {
    let o = wasmite(&["run", "--dir", "/nonexistent/dir::/data", &example("hello.wasm")]);
    let err = assert_one_error(&o, 1);
    assert!(err.contains("/nonexistent/dir") && err.contains("--dir"), "{err}");
    assert_eq!(stdout(&o), "");
}

#[test]
fn exit_codes() {
    let prog = wasi_program("exit.wasm");
    for (how, n) in [("exit", "3"), ("return", "4"), ("raw", "5"), ("exit", "0"), ("raw", "125")] {
        let o = wasmite(&["run", &prog, how, n]);
        assert_code(&o, n.parse().unwrap());
        assert_eq!(stdout(&o), format!("before {how}\n"));
        assert_eq!(stderr(&o), "");
    }
}

#[test]
fn exit_codes_the_shell_reserves_are_refused() {
    let o = wasmite(&["run", &wasi_program("exit.wasm"), "raw", "200"]);
    let err = assert_one_error(&o, 1);
    assert!(err.contains("status 200"), "{err}");
    assert_eq!(stdout(&o), "before raw\n");
}

#[test]
fn trap_is_an_error_line_a_backtrace_and_exit_134() {
    let o = wasmite(&["run", &wasi_program("exit.wasm"), "trap"]);
    let err = assert_one_error(&o, 134);
    assert!(err.starts_with("error: wasm trap: unreachable in function #"), "{err}");
    assert!(err.contains(" at offset 0x"), "{err}");
    assert_eq!(stdout(&o), "before trap\n");
    // A stripped program: frames by number, the innermost at the trap.
    let frames = backtrace(&o);
    assert!(frames.len() >= 3, "{frames:?}");
    assert!(frames.iter().all(|(_, name)| name.starts_with("<wasm function ")), "{frames:?}");
    assert!(err.contains(&format!(" at offset {:#x}\n", frames[0].0)), "{err} {frames:?}");

    // With a name section the function is named.
    let (_dir, wat) = scratch(
        "trap.wat",
        br#"(module
  (func $inner (unreachable))
  (func $deep (call $deep))
  (func (export "_start") (call $inner))
  (func (export "recurse") (call $deep)))"#,
    );
    let wat = wat.to_str().unwrap();
    let o = wasmite(&["run", wat]);
    let err = assert_one_error(&o, 134);
    assert!(err.contains("unreachable in function `inner` (#0) at offset 0x"), "{err}");
    let names: Vec<String> = backtrace(&o).into_iter().map(|(_, name)| name).collect();
    assert_eq!(names, ["inner", "<wasm function 2>"]);
    // 100,000 frames deep: the innermost and outermost 50 are shown.
    let o = wasmite(&["run", "--invoke", "recurse", wat]);
    let err = assert_one_error(&o, 134);
    assert!(err.contains("call stack exhausted in function `deep`"), "{err}");
    let frames = backtrace(&o);
    assert_eq!(frames.len(), 100);
    assert_eq!(frames[99].1, "<wasm function 3>");
    assert!(stderr(&o).contains("\n      ... 99900 frames not shown ...\n"));
}

#[test]
fn a_trap_three_calls_deep_in_c_shows_the_call_stack() {
    // backtrace.c: main -> report -> average -> divide, which divides by
    // zero when given no numbers. The program keeps its name section.
    let prog = program("backtrace.wasm");
    let o = wasmite(&["run", &prog, "4", "8"]);
    assert_code(&o, 0);
    assert_eq!(stdout(&o), "average: 6\n");
    let o = wasmite(&["run", &prog]);
    let err = assert_one_error(&o, 134);
    assert!(err.starts_with("error: wasm trap: integer divide by zero in function `divide`"));
    let frames = backtrace(&o);
    let names: Vec<&str> = frames.iter().map(|(_, name)| name.as_str()).collect();
    assert_eq!(names[..4], ["divide", "average", "report", "main"], "{names:?}");
    assert_eq!(names.last(), Some(&"_start.command_export"), "{names:?}");
    // Each offset is the trapping `i32.div_s` (0x6d), then a `call` (0x10)
    // of the function of the frame above.
    let wasm = std::fs::read(&prog).unwrap();
    assert!(err.ends_with(&format!(" at offset {:#x}\n", frames[0].0)), "{err}");
    assert_eq!(wasm[frames[0].0], 0x6d);
    for (offset, _) in &frames[1..] {
        assert_eq!(wasm[*offset], 0x10, "{frames:?}");
    }
}

#[test]
fn stdin_to_stdout() {
    let input: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let o = wasmite_with_stdin(&["run", &wasi_program("cat.wasm")], &input);
    assert_code(&o, 0);
    assert!(o.stdout == input, "stdout differs from stdin ({} bytes)", o.stdout.len());
    assert_eq!(stderr(&o), "200000 bytes\n");
}

#[test]
fn preopened_dir_is_shared_with_the_host() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("input.txt"), "written by the host\n").unwrap();
    let spec = format!("{}::/data", tmp.path().display());
    let prog = program("tour.wasm");
    let o = wasmite(&["run", "--dir", &spec, "--env", "GREETING=hi", &prog, "/data", "7"]);
    assert_code(&o, 7);
    assert_eq!(
        stdout(&o),
        tour_head(&["tour.wasm", "/data", "7"], &["GREETING=hi"], "hi")
            + &tour_files("written by the host\n", "Capabilities insufficient")
    );
    assert_eq!(stderr(&o), "tour: exiting with 7\n");
    let result = std::fs::read_to_string(tmp.path().join("out/result.txt")).unwrap();
    assert_eq!(result, "written by the guest\n");
}

#[test]
fn preopen_named_root() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("input.txt"), "root\n").unwrap();
    let spec = format!("{}::/", tmp.path().display());
    let prog = program("tour.wasm");
    let o = wasmite(&["run", "--dir", &spec, &prog, "/"]);
    assert_code(&o, 0);
    // `/etc/passwd` is looked up beneath the preopen, where there is none.
    assert_eq!(
        stdout(&o),
        tour_head(&["tour.wasm", "/"], &[], "(unset)")
            + &tour_files("root\n", "No such file or directory")
    );
    assert!(tmp.path().join("out/result.txt").is_file());
}

#[test]
fn preopen_without_guest_name_keeps_the_host_path() {
    let tmp = tempfile::tempdir().unwrap();
    let host = tmp.path().to_str().unwrap();
    let o = wasmite(&["run", "--dir", host, &program("tour.wasm"), host]);
    assert_code(&o, 0);
    assert!(stdout(&o).contains("input.txt: No such file or directory\n"), "{}", stdout(&o));
    assert!(tmp.path().join("out/result.txt").is_file());
}

#[test]
fn no_dir_no_filesystem() {
    let o = wasmite(&["run", &program("tour.wasm"), "/tmp"]);
    assert_code(&o, 1);
    assert!(
        stdout(&o).ends_with(
            "input.txt: Capabilities insufficient\nmkdir out: Capabilities insufficient\n"
        ),
        "{}",
        stdout(&o)
    );
    let o = wasmite(&["run", &wasi_program("files.wasm"), "."]);
    assert_code(&o, 1);
    assert!(stdout(&o).starts_with("FAILED line"), "{}", stdout(&o));
}

#[test]
fn fuel_runs_out_in_an_infinite_loop() {
    let (_dir, wat) =
        scratch("loop.wat", br#"(module (func $spin (export "_start") (loop $l (br $l))))"#);
    let o = wasmite(&["run", "--fuel", "1000", wat.to_str().unwrap()]);
    let err = assert_one_error(&o, 134);
    assert!(err.contains("all fuel consumed in function `spin`"), "{err}");
    assert!(err.ends_with("(--fuel 1000)\n"), "{err}");
}

#[test]
fn a_timeout_stops_an_endless_loop() {
    // wasmtime's `-W timeout=`: a thread advances the epoch when the time
    // is up, and the loop stops at its header.
    let (_dir, wat) =
        scratch("loop.wat", br#"(module (func $spin (export "_start") (loop $l (br $l))))"#);
    let start = std::time::Instant::now();
    let o = wasmite(&["run", "-W", "timeout=200ms", wat.to_str().unwrap()]);
    let took = start.elapsed();
    let err = assert_one_error(&o, 134);
    assert!(err.starts_with("error: wasm trap: interrupt in function `spin`"), "{err}");
    assert!(err.ends_with("(timed out: -W timeout=200ms)\n"), "{err}");
    assert_eq!(backtrace(&o).len(), 1);
    assert!(took >= std::time::Duration::from_millis(200), "{took:?}");
    assert!(took < std::time::Duration::from_secs(60), "{took:?}");
    // A program that ends in time ends normally, without waiting.
    let start = std::time::Instant::now();
    let o = wasmite(&["run", "-W", "timeout=100", &example("hello.wasm")]);
    assert_code(&o, 0);
    assert_eq!(stdout(&o), "Hello, world!\n");
    assert!(start.elapsed() < std::time::Duration::from_secs(50));
    // wasmtime's spellings: several options in one -W, and fuel.
    let o = wasmite(&["run", "-Wtimeout=1s,fuel=1_000", wat.to_str().unwrap()]);
    let err = assert_one_error(&o, 134);
    assert!(err.contains("all fuel consumed") && err.ends_with("(-W fuel=1000)\n"), "{err}");
    let err = assert_one_error(&wasmite(&["run", "--fuel", "5", "-W", "fuel=5", "x.wasm"]), 1);
    assert!(err.contains("both given"), "{err}");
    for bad in [
        "timeout=soon",
        "timeout=5h",
        "fuel=lots",
        "max-memory-size=lots",
        "tail-call=maybe",
        "threads=y",
        "bogus=1",
    ] {
        let o = wasmite(&["run", "-W", bad, wat.to_str().unwrap()]);
        assert_code(&o, 2);
        assert!(stderr(&o).contains("-W"), "{bad}: {}", stderr(&o));
    }
}

#[test]
fn fuel_enough_for_a_real_program() {
    let o = wasmite(&["run", "--fuel", "100000000", &example("hello.wasm")]);
    assert_code(&o, 0);
    assert_eq!(stdout(&o), "Hello, world!\n");
    let o = wasmite(&["run", "--fuel", "1000000000", &program("tour.wasm"), "-", "3"]);
    assert_code(&o, 3);
    assert_eq!(stdout(&o), tour_head(&["tour.wasm", "-", "3"], &[], "(unset)"));
    // Too little for the same program: output so far, then the fuel error.
    let o = wasmite(&["run", "--fuel", "100", &example("hello.wasm")]);
    let err = assert_one_error(&o, 134);
    assert!(err.contains("all fuel consumed") && err.contains("--fuel 100"), "{err}");
}

#[test]
fn invoke_with_wasi_linked() {
    // A reactor: `_initialize` runs first, then the export, which prints
    // through `fd_write` and returns a value that the CLI prints.
    let (_dir, wat) = scratch(
        "reactor.wat",
        br#"(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $ready (mut i32) (i32.const 0))
  (data (i32.const 16) "greetings\n")
  (func (export "_initialize") (global.set $ready (i32.const 1)))
  (func (export "greet") (param $times i32) (result i32)
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 10))
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $times)))
        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
        (local.set $times (i32.sub (local.get $times) (i32.const 1)))
        (br $again)))
    (global.get $ready)))"#,
    );
    let o = wasmite(&["run", "--invoke", "greet", wat.to_str().unwrap(), "2"]);
    assert_code(&o, 0);
    assert_eq!(stdout(&o), "greetings\ngreetings\n1\n");
}

#[test]
fn invoke_proc_exit() {
    let (_dir, wat) = scratch(
        "exit.wat",
        br#"(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (func (export "quit") (param i32) (call $exit (local.get 0))))"#,
    );
    let o = wasmite(&["run", "--invoke", "quit", wat.to_str().unwrap(), "9"]);
    assert_code(&o, 9);
    assert_eq!(stdout(&o), "");
}

#[test]
fn non_wasi_import_is_a_link_error() {
    let (_dir, wat) = scratch(
        "imports.wat",
        br#"(module (import "wasi_unstable" "fd_write" (func (param i32 i32 i32 i32) (result i32))))"#,
    );
    let err = assert_one_error(&wasmite(&["run", wat.to_str().unwrap()]), 1);
    assert!(err.contains("wasi_unstable") && err.contains("WASI preview1"), "{err}");
}

#[test]
fn rust_std_program() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = format!("{}::/data", tmp.path().display());
    let prog = wasi_program("rust_demo.wasm");
    let o = wasmite_with_stdin(
        &["run", "--dir", &spec, "--env", "USER=wasmite", &prog, "/data", "42"],
        b"first line\nsecond\n",
    );
    assert_code(&o, 42);
    assert!(
        stdout(&o).starts_with("args: [\"/data\", \"42\"]\nUSER=Some(\"wasmite\")\n> FIRST LINE\n"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).ends_with("after 2020: true\nslept: true\n"), "{}", stdout(&o));
    assert_eq!(stderr(&o), "exiting with 42\n");
    let done = std::fs::read_to_string(tmp.path().join("rust/done.txt")).unwrap();
    assert_eq!(done, "done by rust\n");
}

#[test]
fn inherit_env_passes_the_hosts_variables_and_env_overrides() {
    let prog = wasi_program("args_env.wasm");
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_wasmite"))
            .args(args)
            .env_clear()
            .env("A", "1")
            .env("B", "two")
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    let all = run(&["run", "-S", "inherit-env", "--env", "B=three", "--env", "C=4", &prog]);
    assert!(all.contains("env A=1\nenv B=three\nenv C=4\n"), "{all}");
    assert!(!all.contains("B=two"), "{all}");
    let none = run(&["run", "-S", "inherit-env=n", &prog]);
    assert!(!none.contains("env "), "{none}");
    let o = wasmite(&["run", "-S", "network", &prog]);
    assert_eq!(o.status.code(), Some(2), "an unknown -S option is a usage error");
    assert!(stderr(&o).contains("not a -S option wasmite has"), "{}", stderr(&o));
}
