//! File operations in a preopened temporary directory.

mod common;

use common::run;
use wasmite_wasi::DirAccess;

/// The transcript `files.c` prints; identical to a native Linux build of the
/// same program run on a directory.
const FILES_TRANSCRIPT: &str = "\
read1: hello file
read2: second line
seek end: 23
seek set: 6
at 6: file
seek cur: 6
pread: HELLO FILE
tell after pread: 10
seek before start: -1 errno=EINVAL
fstat: size=23 reg=1 nlink=1
after truncate: size=5
close again: -1 errno=EBADF
after append: HELLO+tail
write to read-only fd: -1 errno=EBADF
excl existing: -1 errno=EEXIST
after O_TRUNC: size=0
open missing: -1 errno=ENOENT
stat missing: -1 errno=ENOENT
mkdir again: -1 errno=EEXIST
dir is dir: 1
rmdir non-empty: -1 errno=ENOTEMPTY
open dir for writing: -1 errno=EISDIR
file as dir: -1 errno=ENOTDIR
old name gone: -1 errno=ENOENT
nlink after link: 2
readlink: a.txt
lstat is link: 1
through symlink: bee
atime=1000000000 mtime=1234567890
list 6: [d .] [d ..] [d dir] [f a.txt] [f hard.txt] [l sym]
unlink missing: -1 errno=ENOENT
unlink dir: -1 errno=EISDIR
list 4: [d .] [d ..] [d dir] [f keep.txt]
done
";

#[test]
fn file_operations_in_a_preopened_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run("files.wasm", |b| {
        b.arg("/work").preopened_dir(tmp.path(), "/work", DirAccess::ReadWrite).unwrap();
    });
    assert_eq!(r.stdout, FILES_TRANSCRIPT, "stderr: {}", r.stderr);
    assert_eq!(r.code, 0);
    // The effects are on the host directory, and only there.
    assert_eq!(std::fs::read_to_string(tmp.path().join("keep.txt")).unwrap(), "kept\n");
    assert_eq!(std::fs::read_to_string(tmp.path().join("dir/inner.txt")).unwrap(), "inner\n");
    let mut names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["dir", "keep.txt"]);
}

#[test]
fn preopen_named_root_and_dot() {
    for guest in ["/", ".", "/deep/mount/point"] {
        let tmp = tempfile::tempdir().unwrap();
        let r = run("files.wasm", |b| {
            b.arg(guest).preopened_dir(tmp.path(), guest, DirAccess::ReadWrite).unwrap();
        });
        assert_eq!(r.stdout, FILES_TRANSCRIPT, "preopen {guest:?}; stderr: {}", r.stderr);
        assert_eq!(std::fs::read_to_string(tmp.path().join("keep.txt")).unwrap(), "kept\n");
    }
}

#[test]
fn readdir_of_a_large_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let mut name_bytes = 2 + 1; // "." and ".."
    for i in 0..600 {
        let name = format!("{i}-{}", "x".repeat(i % 200));
        name_bytes += name.len();
        std::fs::write(tmp.path().join(name), "").unwrap();
    }
    let r = run("listdir.wasm", |b| {
        b.arg("/big").preopened_dir(tmp.path(), "/big", DirAccess::ReadOnly).unwrap();
    });
    assert_eq!(r.stdout, format!("entries=602 name_bytes={name_bytes} duplicates=0\n"));
}
