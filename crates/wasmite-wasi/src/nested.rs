//! The filesystem backend inside a WASI guest (`target_os = "wasi"`): what
//! `wasmite run` uses when `wasmite` itself is built for `wasm32-wasip1`
//! and runs under another WASI runtime (or under itself).
//!
//! `cap-std` does not build there on stable Rust (its dependencies
//! `fs-set-times` and `io-extras` need nightly on WASI), and its job is
//! already done by the outer runtime: in `wasi_snapshot_preview1` every path
//! is resolved beneath a directory descriptor, by the runtime. So here every
//! directory is a descriptor of the outer runtime, and every operation is
//! an `*at` call relative to one (`rustix` over wasi-libc, which passes the
//! path through unchanged): `..` past that directory, absolute paths and
//! symlinks leading out are refused by the outer runtime's sandbox, per
//! descriptor, before anything outside is touched. An inner preopen that is a
//! subdirectory of an outer one is therefore closed at its own root, not at
//! the outer one's. Under native `wasmite` that sandbox is `cap-std`, so the
//! inner guest gets the errnos it gets natively (`EPERM` for an escape,
//! `ELOOP` for a symlink loop). Absolute paths and absolute symlink targets
//! are refused here too (`EPERM`, as `cap-std` does), without asking the
//! outer runtime.
//!
//! The types have the shape of the part of `cap-std` and `cap-fs-ext` that
//! `path.rs` and `fd.rs` use (`Dir`, `OpenOptions`, `Metadata`, …), so those
//! files are the same code on every target; `sys.rs` picks the backend.

use std::ffi::{CStr, OsString};
use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::os::wasi::ffi::OsStringExt;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rustix::fs::{self as rfs, AtFlags, Mode, OFlags, Timespec, Timestamps};

/// Stands for `cap_std::ambient_authority()`: opening a preopen by name uses
/// the process's own preopens (wasi-libc finds the one the path is under).
pub(crate) struct AmbientAuthority(());

/// See [`AmbientAuthority`].
pub(crate) fn ambient_authority() -> AmbientAuthority {
    AmbientAuthority(())
}

/// `cap-std`'s answer to a path that leads outside its directory.
fn escape() -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, "an absolute path leads outside the directory")
}

/// `path`, unless it is absolute.
fn relative(path: &str) -> io::Result<&str> {
    if Path::new(path).has_root() { Err(escape()) } else { Ok(path) }
}

/// Whether a symlink is followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FollowSymlinks {
    Yes,
    No,
}

/// An open directory: a descriptor of the outer runtime.
pub(crate) struct Dir {
    fd: OwnedFd,
}

impl Dir {
    /// Open the directory `path` of the process (beneath one of its preopens).
    pub fn open_ambient_dir(path: impl AsRef<Path>, _: AmbientAuthority) -> io::Result<Dir> {
        let flags = OFlags::RDONLY | OFlags::DIRECTORY;
        Ok(Dir { fd: rfs::open(path.as_ref(), flags, Mode::empty())? })
    }

    /// A directory from a descriptor that is one.
    pub fn from_std_file(file: std::fs::File) -> Dir {
        Dir { fd: file.into() }
    }

    /// The directory as a `std` file.
    pub fn into_std_file(self) -> std::fs::File {
        self.fd.into()
    }

    /// A second descriptor of the directory (WASI has no `dup`).
    pub fn try_clone(&self) -> io::Result<Dir> {
        self.open_dir(".")
    }

    pub fn create_dir(&self, path: &str) -> io::Result<()> {
        Ok(rfs::mkdirat(&self.fd, relative(path)?, Mode::from_raw_mode(0o777))?)
    }

    pub fn remove_dir(&self, path: &str) -> io::Result<()> {
        Ok(rfs::unlinkat(&self.fd, relative(path)?, AtFlags::REMOVEDIR)?)
    }

    pub fn remove_file(&self, path: &str) -> io::Result<()> {
        Ok(rfs::unlinkat(&self.fd, relative(path)?, AtFlags::empty())?)
    }

    pub fn metadata(&self, path: &str) -> io::Result<Metadata> {
        Ok(Metadata(rfs::statat(&self.fd, relative(path)?, AtFlags::empty())?))
    }

    pub fn symlink_metadata(&self, path: &str) -> io::Result<Metadata> {
        Ok(Metadata(rfs::statat(&self.fd, relative(path)?, AtFlags::SYMLINK_NOFOLLOW)?))
    }

    /// The directory's own metadata.
    pub fn dir_metadata(&self) -> io::Result<Metadata> {
        Ok(Metadata(rfs::fstat(&self.fd)?))
    }

    pub fn set_times(
        &self,
        path: &str,
        atime: Option<SystemTimeSpec>,
        mtime: Option<SystemTimeSpec>,
    ) -> io::Result<()> {
        let times = timestamps(atime, mtime)?;
        Ok(rfs::utimensat(&self.fd, relative(path)?, &times, AtFlags::empty())?)
    }

    pub fn set_symlink_times(
        &self,
        path: &str,
        atime: Option<SystemTimeSpec>,
        mtime: Option<SystemTimeSpec>,
    ) -> io::Result<()> {
        let times = timestamps(atime, mtime)?;
        Ok(rfs::utimensat(&self.fd, relative(path)?, &times, AtFlags::SYMLINK_NOFOLLOW)?)
    }

    /// The target of the symlink `path`, as stored.
    pub fn read_link_contents(&self, path: &str) -> io::Result<PathBuf> {
        let target = rfs::readlinkat(&self.fd, relative(path)?, Vec::new())?;
        Ok(OsString::from_vec(target.into_bytes()).into())
    }

    pub fn rename(&self, from: &str, to_dir: &Dir, to: &str) -> io::Result<()> {
        Ok(rfs::renameat(&self.fd, relative(from)?, &to_dir.fd, relative(to)?)?)
    }

    pub fn hard_link(&self, from: &str, to_dir: &Dir, to: &str) -> io::Result<()> {
        let (from, to) = (relative(from)?, relative(to)?);
        Ok(rfs::linkat(&self.fd, from, &to_dir.fd, to, AtFlags::empty())?)
    }

    /// Create the symlink `link` pointing to `original`, which (as in
    /// `cap-std`) may not be absolute.
    pub fn symlink(&self, original: &str, link: &str) -> io::Result<()> {
        Ok(rfs::symlinkat(relative(original)?, &self.fd, relative(link)?)?)
    }

    pub fn open_dir(&self, path: &str) -> io::Result<Dir> {
        let flags = OFlags::RDONLY | OFlags::DIRECTORY;
        Ok(Dir { fd: rfs::openat(&self.fd, relative(path)?, flags, Mode::empty())? })
    }

    pub fn open_dir_nofollow(&self, path: &str) -> io::Result<Dir> {
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW;
        Ok(Dir { fd: rfs::openat(&self.fd, relative(path)?, flags, Mode::empty())? })
    }

    pub fn open_with(&self, path: &str, opts: &OpenOptions) -> io::Result<File> {
        let fd = rfs::openat(&self.fd, relative(path)?, opts.flags(), Mode::from_raw_mode(0o666))?;
        Ok(File(fd.into()))
    }

    /// The directory's entries, without `.` and `..`.
    pub fn entries(&self) -> io::Result<ReadDir> {
        Ok(ReadDir(rfs::Dir::read_from(&self.fd)?))
    }
}

/// The `rustix` timestamps for `utimensat`: omitted, now, or a time.
fn timestamps(
    atime: Option<SystemTimeSpec>,
    mtime: Option<SystemTimeSpec>,
) -> io::Result<Timestamps> {
    let spec = |t: Option<SystemTimeSpec>| -> io::Result<Timespec> {
        Ok(match t {
            None => Timespec { tv_sec: 0, tv_nsec: rfs::UTIME_OMIT },
            Some(SystemTimeSpec::SymbolicNow) => Timespec { tv_sec: 0, tv_nsec: rfs::UTIME_NOW },
            Some(SystemTimeSpec::Absolute(t)) => {
                let d = t.0.duration_since(UNIX_EPOCH).map_err(|_| io::ErrorKind::InvalidInput)?;
                Timespec {
                    tv_sec: i64::try_from(d.as_secs()).map_err(|_| io::ErrorKind::InvalidInput)?,
                    tv_nsec: d
                        .subsec_nanos()
                        .try_into()
                        .map_err(|_| io::ErrorKind::InvalidInput)?,
                }
            }
        })
    };
    Ok(Timestamps { last_access: spec(atime)?, last_modification: spec(mtime)? })
}

/// How to open a file, as `cap-std`'s `OpenOptions` with `cap-fs-ext`'s
/// extensions.
#[derive(Clone, Debug, Default)]
pub(crate) struct OpenOptions {
    read: bool,
    write: bool,
    truncate: bool,
    create: bool,
    create_new: bool,
    nofollow: bool,
    dsync: bool,
    rsync: bool,
    sync: bool,
}

impl OpenOptions {
    pub fn new() -> Self {
        OpenOptions::default()
    }

    pub fn read(&mut self, on: bool) -> &mut Self {
        self.read = on;
        self
    }

    pub fn write(&mut self, on: bool) -> &mut Self {
        self.write = on;
        self
    }

    pub fn truncate(&mut self, on: bool) -> &mut Self {
        self.truncate = on;
        self
    }

    pub fn create(&mut self, on: bool) -> &mut Self {
        self.create = on;
        self
    }

    pub fn create_new(&mut self, on: bool) -> &mut Self {
        self.create_new = on;
        self
    }

    pub fn follow(&mut self, follow: FollowSymlinks) -> &mut Self {
        self.nofollow = follow == FollowSymlinks::No;
        self
    }

    /// Opening a directory is always allowed (as on Unix); `path_open` turns
    /// one into a directory entry.
    pub fn maybe_dir(&mut self, _: bool) -> &mut Self {
        self
    }

    pub fn dsync(&mut self, on: bool) -> &mut Self {
        self.dsync = on;
        self
    }

    pub fn rsync(&mut self, on: bool) -> &mut Self {
        self.rsync = on;
        self
    }

    pub fn sync(&mut self, on: bool) -> &mut Self {
        self.sync = on;
        self
    }

    fn flags(&self) -> OFlags {
        let mut f = match (self.read, self.write) {
            (true, true) => OFlags::RDWR,
            (false, true) => OFlags::WRONLY,
            _ => OFlags::RDONLY,
        };
        for (on, flag) in [
            (self.truncate, OFlags::TRUNC),
            (self.create, OFlags::CREATE),
            (self.create_new, OFlags::CREATE | OFlags::EXCL),
            (self.nofollow, OFlags::NOFOLLOW),
            (self.dsync, OFlags::DSYNC),
            (self.rsync, OFlags::RSYNC),
            (self.sync, OFlags::SYNC),
        ] {
            if on {
                f |= flag;
            }
        }
        f
    }
}

/// A file just opened by [`Dir::open_with`] (which may be a directory).
pub(crate) struct File(std::fs::File);

impl File {
    pub fn metadata(&self) -> io::Result<std::fs::Metadata> {
        self.0.metadata()
    }

    pub fn into_std(self) -> std::fs::File {
        self.0
    }
}

/// A file's metadata, with the accessors of `cap-fs-ext`'s `OsMetadataExt`.
pub(crate) struct Metadata(rfs::Stat);

impl Metadata {
    /// The metadata of an open file.
    pub fn from_file(file: &std::fs::File) -> io::Result<Metadata> {
        Ok(Metadata(rfs::fstat(file.as_fd())?))
    }

    pub fn file_type(&self) -> FileType {
        FileType(rfs::FileType::from_raw_mode(self.0.st_mode))
    }

    pub fn len(&self) -> u64 {
        self.0.st_size as u64
    }

    pub fn dev(&self) -> u64 {
        self.0.st_dev
    }

    pub fn ino(&self) -> u64 {
        self.0.st_ino
    }

    pub fn nlink(&self) -> u64 {
        self.0.st_nlink
    }

    pub fn atime(&self) -> i64 {
        self.0.st_atim.tv_sec
    }

    pub fn atime_nsec(&self) -> i64 {
        self.0.st_atim.tv_nsec as i64
    }

    pub fn mtime(&self) -> i64 {
        self.0.st_mtim.tv_sec
    }

    pub fn mtime_nsec(&self) -> i64 {
        self.0.st_mtim.tv_nsec as i64
    }

    pub fn ctime(&self) -> i64 {
        self.0.st_ctim.tv_sec
    }

    pub fn ctime_nsec(&self) -> i64 {
        self.0.st_ctim.tv_nsec as i64
    }
}

/// A file's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FileType(rfs::FileType);

impl FileType {
    pub fn is_dir(&self) -> bool {
        self.0 == rfs::FileType::Directory
    }

    pub fn is_file(&self) -> bool {
        self.0 == rfs::FileType::RegularFile
    }

    pub fn is_symlink(&self) -> bool {
        self.0 == rfs::FileType::Symlink
    }

    pub fn is_block_device(&self) -> bool {
        self.0 == rfs::FileType::BlockDevice
    }

    pub fn is_char_device(&self) -> bool {
        self.0 == rfs::FileType::CharacterDevice
    }

    /// Always `false`: `rustix` has no socket type on WASI (a socket is
    /// of unknown type).
    pub fn is_socket(&self) -> bool {
        false
    }
}

/// The entries of a directory, `.` and `..` left out.
pub(crate) struct ReadDir(rfs::Dir);

impl Iterator for ReadDir {
    type Item = io::Result<DirEntry>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let e = match self.0.read()? {
                Ok(e) => e,
                Err(e) => return Some(Err(e.into())),
            };
            let name = e.file_name();
            if name != c"." && name != c".." {
                return Some(Ok(DirEntry::new(name, &e)));
            }
        }
    }
}

/// One directory entry.
pub(crate) struct DirEntry {
    name: OsString,
    ino: u64,
    file_type: FileType,
}

impl DirEntry {
    fn new(name: &CStr, e: &rfs::DirEntry) -> Self {
        DirEntry {
            name: OsString::from_vec(name.to_bytes().to_vec()),
            ino: e.ino(),
            file_type: FileType(e.file_type()),
        }
    }

    pub fn file_name(&self) -> OsString {
        self.name.clone()
    }

    pub fn file_type(&self) -> io::Result<FileType> {
        Ok(self.file_type)
    }

    pub fn ino(&self) -> u64 {
        self.ino
    }
}

/// A point in time, as `cap_std::time::SystemTime`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SystemTime(std::time::SystemTime);

impl SystemTime {
    pub fn from_std(t: std::time::SystemTime) -> Self {
        SystemTime(t)
    }

    pub fn into_std(self) -> std::time::SystemTime {
        self.0
    }
}

/// A time to set, as `cap-fs-ext`'s `SystemTimeSpec`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SystemTimeSpec {
    SymbolicNow,
    Absolute(SystemTime),
}
