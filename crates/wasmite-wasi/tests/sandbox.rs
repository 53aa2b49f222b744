//! Every way out of a preopened directory, attempted and refused; read-only
//! preopens stay read-only; guest-controlled sizes are bounded.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use common::run;
use wasmite_wasi::DirAccess;

/// Everything under `dir`: relative path → file contents, symlink target or "<dir>".
fn snapshot(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            let meta = fs::symlink_metadata(&p).unwrap();
            if meta.file_type().is_symlink() {
                out.insert(rel, format!("-> {}", fs::read_link(&p).unwrap().display()));
            } else if meta.is_dir() {
                out.insert(rel, "<dir>".into());
                walk(root, &p, out);
            } else {
                let mtime = meta.modified().unwrap();
                out.insert(rel, format!("{} @{mtime:?}", fs::read_to_string(&p).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

const ESCAPE_TRANSCRIPT: &str = "\
-- reading out
dotdot: EPERM
dotdot dir: EPERM
sub dotdot dotdot: EPERM
out and back in: EPERM
dotdot inside: ok inside
absolute: EPERM
absolute host path: EPERM
symlink dir out: EPERM
symlink dir out slash: EPERM
absolute symlink: EPERM
symlink file out: EPERM
symlink file out nofollow: ELOOP
symlink to /etc/passwd: EPERM
nested symlink up: EPERM
symlink inside: ok inside
symlink loop: ELOOP
self symlink: ELOOP
symlink loop slash: ELOOP
file slash: ENOTDIR
file slash dot: ENOTDIR
empty path: ENOENT
open sub: ok
dotdot from sub fd: EPERM
-- writing out
create dotdot: EPERM
create through symlink dir: EPERM
create through dangling symlink: EPERM
truncate through symlink: EPERM
mkdir dotdot: EPERM
mkdir through symlink: EPERM
rename out: EPERM
rename in: EPERM
link out: EPERM
link in: EPERM
symlink absolute target: EPERM
symlink relative target out: ok
follow created symlink: EPERM
symlink placed outside: EPERM
unlink out: EPERM
unlink through symlink: EPERM
rmdir out: EPERM
set times out: EPERM
set times through symlink: EPERM
-- metadata
stat out: EPERM
stat through symlink: EPERM
stat symlink follow: EPERM
stat symlink nofollow: ok
  filetype 7
readlink: ok
  target ../outside
readlink out: EPERM
-- bad paths
nul in path: EINVAL
invalid utf-8: EILSEQ
path too long: ENAMETOOLONG
-- read-only preopen
read: ok read only data
write: EROFS
read+write: EROFS
truncate: EROFS
append: EROFS
create: EROFS
create existing: ok read only data
create exclusive existing: EEXIST
mkdir: EROFS
rmdir: EROFS
unlink: EROFS
rename within: EROFS
rename into: EROFS
rename out of: EROFS
link into: EROFS
link out of: EROFS
symlink: EROFS
set times: EROFS
set times of preopen: EROFS
open for reading: ok
write to it: EBADF
truncate it: EBADF
set its times: EROFS
add rights: ENOTCAPABLE
libc fopen for writing: EROFS
-- libc paths
libc absolute outside preopens: ENOTCAPABLE
libc dotdot: EPERM
libc dotdot inside: ok
-- bounds
2000 iovecs: EINVAL
iovec out of memory: EFAULT
iovec array out of memory: EFAULT
result pointer out of memory: EFAULT
read into out of memory: EFAULT
random_get out of memory: EFAULT
random_get huge: EFAULT
path out of memory: EFAULT
readdir out of memory: EFAULT
args_get out of memory: EFAULT
poll nothing: EINVAL
open until refused: 1018 then EMFILE
open after closing: ok
-- descriptors
close unknown: EBADF
renumber to unknown: EBADF
seek stdout: ESPIPE
read a directory: EBADF
sock_accept stdin: ENOTSOCK
sock_shutdown unknown: EBADF
done
";

#[test]
fn escape_attempts_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let (outside, sandbox, ro) = (root.join("outside"), root.join("sandbox"), root.join("ro"));
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("secret.txt"), "TOP SECRET").unwrap();
    fs::create_dir_all(sandbox.join("sub")).unwrap();
    fs::write(sandbox.join("file.txt"), "inside").unwrap();
    symlink("../outside", sandbox.join("out")).unwrap();
    symlink(&outside, sandbox.join("abs")).unwrap();
    symlink("../outside/secret.txt", sandbox.join("secret_link")).unwrap();
    symlink("../outside/new.txt", sandbox.join("dangling")).unwrap();
    symlink("/etc/passwd", sandbox.join("etc_link")).unwrap();
    symlink("loop2", sandbox.join("loop1")).unwrap();
    symlink("loop1", sandbox.join("loop2")).unwrap();
    symlink("self", sandbox.join("self")).unwrap();
    symlink("../..", sandbox.join("sub/up")).unwrap();
    symlink("../file.txt", sandbox.join("sub/back")).unwrap();
    fs::create_dir_all(ro.join("subdir")).unwrap();
    fs::write(ro.join("data.txt"), "read only data").unwrap();

    let outside_before = snapshot(&outside);
    let ro_before = snapshot(&ro);
    let sandbox_before = snapshot(&sandbox);

    let r = run("escape.wasm", |b| {
        b.arg(root.to_str().unwrap())
            .preopened_dir(&sandbox, "/sandbox", DirAccess::ReadWrite)
            .unwrap()
            .preopened_dir(&ro, "/ro", DirAccess::ReadOnly)
            .unwrap();
    });
    assert_eq!(r.stdout, ESCAPE_TRANSCRIPT);
    assert_eq!(r.code, 0);

    // Nothing outside the preopens changed, the read-only one is untouched,
    // and the only change in the sandbox is the one symlink it may create.
    let names: Vec<_> = fs::read_dir(root).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert_eq!(snapshot(&outside), outside_before);
    assert_eq!(snapshot(&ro), ro_before);
    let mut sandbox_after = snapshot(&sandbox);
    assert_eq!(sandbox_after.remove("evil_rel").as_deref(), Some("-> ../outside/secret.txt"));
    assert_eq!(sandbox_after, sandbox_before);
}
