//! A Rust program built with Debian's rustc 1.63 for wasm32-wasi.

mod common;

use std::io::Cursor;

use common::run;
use wasmite_wasi::DirAccess;

#[test]
fn rust_std_program() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run("rust_demo.wasm", |b| {
        b.args(["/data", "42"])
            .env("USER", "wasmite")
            .stdin(Cursor::new(b"first line\nsecond\n".to_vec()))
            .preopened_dir(tmp.path(), "/data", DirAccess::ReadWrite)
            .unwrap();
    });
    assert_eq!(
        r.stdout,
        "args: [\"/data\", \"42\"]\n\
         USER=Some(\"wasmite\")\n\
         > FIRST LINE\n\
         > SECOND\n\
         read: \"alpha\\nbeta\\n\"\n\
         from 6: \"beta\\n\"\n\
         len: 11\n\
         dir: [\"b.txt\", \"c.txt\"]\n\
         missing: Err(NotFound)\n\
         escape: Err(Some(63))\n\
         after 2020: true\n\
         slept: true\n"
    );
    assert_eq!(r.stderr, "exiting with 42\n");
    assert_eq!(r.code, 42);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("rust/done.txt")).unwrap(),
        "done by rust\n"
    );
    assert!(!tmp.path().join("rust/nested").exists());
}
