//! The numbers and memory layouts of `wasi_snapshot_preview1`: rights,
//! flags, file types, and the structures the guest reads (`fdstat`,
//! `filestat`, `dirent`, `prestat`, `event`) and writes (`iovec`,
//! `subscription`). Values are those of the WASI specification
//! (`wasi/api.h` in wasi-libc).

/// Rights (`rights` bit set).
pub(crate) mod rights {
    pub const FD_DATASYNC: u64 = 1 << 0;
    pub const FD_READ: u64 = 1 << 1;
    pub const FD_SEEK: u64 = 1 << 2;
    pub const FD_FDSTAT_SET_FLAGS: u64 = 1 << 3;
    pub const FD_SYNC: u64 = 1 << 4;
    pub const FD_TELL: u64 = 1 << 5;
    pub const FD_WRITE: u64 = 1 << 6;
    pub const FD_ADVISE: u64 = 1 << 7;
    pub const FD_ALLOCATE: u64 = 1 << 8;
    pub const PATH_CREATE_DIRECTORY: u64 = 1 << 9;
    pub const PATH_CREATE_FILE: u64 = 1 << 10;
    pub const PATH_LINK_SOURCE: u64 = 1 << 11;
    pub const PATH_LINK_TARGET: u64 = 1 << 12;
    pub const PATH_OPEN: u64 = 1 << 13;
    pub const FD_READDIR: u64 = 1 << 14;
    pub const PATH_READLINK: u64 = 1 << 15;
    pub const PATH_RENAME_SOURCE: u64 = 1 << 16;
    pub const PATH_RENAME_TARGET: u64 = 1 << 17;
    pub const PATH_FILESTAT_GET: u64 = 1 << 18;
    pub const PATH_FILESTAT_SET_SIZE: u64 = 1 << 19;
    pub const PATH_FILESTAT_SET_TIMES: u64 = 1 << 20;
    pub const FD_FILESTAT_GET: u64 = 1 << 21;
    pub const FD_FILESTAT_SET_SIZE: u64 = 1 << 22;
    pub const FD_FILESTAT_SET_TIMES: u64 = 1 << 23;
    pub const PATH_SYMLINK: u64 = 1 << 24;
    pub const PATH_REMOVE_DIRECTORY: u64 = 1 << 25;
    pub const PATH_UNLINK_FILE: u64 = 1 << 26;
    pub const POLL_FD_READWRITE: u64 = 1 << 27;

    /// The rights that only make sense on a regular file.
    pub const FILE: u64 = FD_DATASYNC
        | FD_READ
        | FD_SEEK
        | FD_FDSTAT_SET_FLAGS
        | FD_SYNC
        | FD_TELL
        | FD_WRITE
        | FD_ADVISE
        | FD_ALLOCATE
        | FD_FILESTAT_GET
        | FD_FILESTAT_SET_SIZE
        | FD_FILESTAT_SET_TIMES
        | POLL_FD_READWRITE;
    /// The rights that only make sense on a directory.
    pub const DIR: u64 = FD_FDSTAT_SET_FLAGS
        | FD_SYNC
        | FD_ADVISE
        | PATH_CREATE_DIRECTORY
        | PATH_CREATE_FILE
        | PATH_LINK_SOURCE
        | PATH_LINK_TARGET
        | PATH_OPEN
        | FD_READDIR
        | PATH_READLINK
        | PATH_RENAME_SOURCE
        | PATH_RENAME_TARGET
        | PATH_FILESTAT_GET
        | PATH_FILESTAT_SET_SIZE
        | PATH_FILESTAT_SET_TIMES
        | FD_FILESTAT_GET
        | FD_FILESTAT_SET_TIMES
        | PATH_SYMLINK
        | PATH_REMOVE_DIRECTORY
        | PATH_UNLINK_FILE;
    /// Rights of a readable stream (stdin).
    pub const READ_STREAM: u64 =
        FD_READ | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;
    /// Rights of a writable stream (stdout, stderr).
    pub const WRITE_STREAM: u64 =
        FD_WRITE | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;
    /// Rights that need a file opened for reading.
    pub const NEED_READ: u64 = FD_READ | FD_READDIR;
    /// Rights that need a file opened for writing.
    pub const NEED_WRITE: u64 = FD_DATASYNC | FD_WRITE | FD_ALLOCATE | FD_FILESTAT_SET_SIZE;
}

/// File types (`filetype`).
pub(crate) mod filetype {
    pub const UNKNOWN: u8 = 0;
    pub const BLOCK_DEVICE: u8 = 1;
    pub const CHARACTER_DEVICE: u8 = 2;
    pub const DIRECTORY: u8 = 3;
    pub const REGULAR_FILE: u8 = 4;
    pub const SOCKET_STREAM: u8 = 6;
    pub const SYMBOLIC_LINK: u8 = 7;
}

/// Descriptor flags (`fdflags`).
pub(crate) mod fdflags {
    pub const APPEND: u16 = 1 << 0;
    pub const DSYNC: u16 = 1 << 1;
    pub const NONBLOCK: u16 = 1 << 2;
    pub const RSYNC: u16 = 1 << 3;
    pub const SYNC: u16 = 1 << 4;
    pub const ALL: u16 = APPEND | DSYNC | NONBLOCK | RSYNC | SYNC;
}

/// Open flags (`oflags`).
pub(crate) mod oflags {
    pub const CREAT: u16 = 1 << 0;
    pub const DIRECTORY: u16 = 1 << 1;
    pub const EXCL: u16 = 1 << 2;
    pub const TRUNC: u16 = 1 << 3;
    pub const ALL: u16 = CREAT | DIRECTORY | EXCL | TRUNC;
}

/// Lookup flags (`lookupflags`).
pub(crate) const LOOKUP_SYMLINK_FOLLOW: u32 = 1;

/// Which timestamps to set (`fstflags`).
pub(crate) mod fstflags {
    pub const ATIM: u16 = 1 << 0;
    pub const ATIM_NOW: u16 = 1 << 1;
    pub const MTIM: u16 = 1 << 2;
    pub const MTIM_NOW: u16 = 1 << 3;
}

/// Clocks (`clockid`).
pub(crate) mod clockid {
    pub const REALTIME: u32 = 0;
    pub const MONOTONIC: u32 = 1;
    #[cfg_attr(not(unix), allow(dead_code, reason = "CPU-time clocks are read on Unix only"))]
    pub const PROCESS_CPUTIME: u32 = 2;
    #[cfg_attr(not(unix), allow(dead_code, reason = "CPU-time clocks are read on Unix only"))]
    pub const THREAD_CPUTIME: u32 = 3;
}

/// Seek origins (`whence`).
pub(crate) mod whence {
    pub const SET: u32 = 0;
    pub const CUR: u32 = 1;
    pub const END: u32 = 2;
}

/// Event and subscription kinds (`eventtype`).
pub(crate) mod eventtype {
    pub const CLOCK: u8 = 0;
    pub const FD_READ: u8 = 1;
    pub const FD_WRITE: u8 = 2;
}

/// `subclockflags::subscription_clock_abstime`.
pub(crate) const SUBCLOCK_ABSTIME: u16 = 1;

/// Byte sizes of the structures.
pub(crate) mod size {
    pub const IOVEC: u32 = 8;
    pub const FDSTAT: u32 = 24;
    pub const FILESTAT: u32 = 64;
    pub const DIRENT: usize = 24;
    pub const PRESTAT: u32 = 8;
    pub const SUBSCRIPTION: u32 = 48;
    pub const EVENT: u32 = 32;
}

/// `fdstat`: what `fd_fdstat_get` reports.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Fdstat {
    pub filetype: u8,
    pub flags: u16,
    pub rights_base: u64,
    pub rights_inheriting: u64,
}

impl Fdstat {
    pub fn encode(&self) -> [u8; size::FDSTAT as usize] {
        let mut b = [0u8; size::FDSTAT as usize];
        b[0] = self.filetype;
        b[2..4].copy_from_slice(&self.flags.to_le_bytes());
        b[8..16].copy_from_slice(&self.rights_base.to_le_bytes());
        b[16..24].copy_from_slice(&self.rights_inheriting.to_le_bytes());
        b
    }
}

/// `filestat`: what `fd_filestat_get` and `path_filestat_get` report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Filestat {
    pub dev: u64,
    pub ino: u64,
    pub filetype: u8,
    pub nlink: u64,
    pub size: u64,
    pub atim: u64,
    pub mtim: u64,
    pub ctim: u64,
}

impl Filestat {
    pub fn encode(&self) -> [u8; size::FILESTAT as usize] {
        let mut b = [0u8; size::FILESTAT as usize];
        b[0..8].copy_from_slice(&self.dev.to_le_bytes());
        b[8..16].copy_from_slice(&self.ino.to_le_bytes());
        b[16] = self.filetype;
        b[24..32].copy_from_slice(&self.nlink.to_le_bytes());
        b[32..40].copy_from_slice(&self.size.to_le_bytes());
        b[40..48].copy_from_slice(&self.atim.to_le_bytes());
        b[48..56].copy_from_slice(&self.mtim.to_le_bytes());
        b[56..64].copy_from_slice(&self.ctim.to_le_bytes());
        b
    }
}

/// The fixed-size header of a `dirent`; the name follows it.
pub(crate) fn encode_dirent(next: u64, ino: u64, namlen: u32, filetype: u8) -> [u8; size::DIRENT] {
    let mut b = [0u8; size::DIRENT];
    b[0..8].copy_from_slice(&next.to_le_bytes());
    b[8..16].copy_from_slice(&ino.to_le_bytes());
    b[16..20].copy_from_slice(&namlen.to_le_bytes());
    b[20] = filetype;
    b
}

/// An `event`, the result of one subscription of `poll_oneoff`.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Event {
    pub userdata: u64,
    pub error: u16,
    pub kind: u8,
    pub nbytes: u64,
    pub flags: u16,
}

impl Event {
    pub fn encode(&self) -> [u8; size::EVENT as usize] {
        let mut b = [0u8; size::EVENT as usize];
        b[0..8].copy_from_slice(&self.userdata.to_le_bytes());
        b[8..10].copy_from_slice(&self.error.to_le_bytes());
        b[10] = self.kind;
        b[16..24].copy_from_slice(&self.nbytes.to_le_bytes());
        b[24..26].copy_from_slice(&self.flags.to_le_bytes());
        b
    }
}

/// What a `subscription` asks for.
#[derive(Clone, Copy, Debug)]
pub(crate) enum SubscriptionKind {
    /// Wake at a time of `clock`: `timeout` ns from now, or at `timeout` if absolute.
    Clock { clock: u32, timeout: u64, absolute: bool },
    /// Wake when `fd` is readable.
    Read(u32),
    /// Wake when `fd` is writable.
    Write(u32),
}

/// A decoded `subscription`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Subscription {
    pub userdata: u64,
    pub kind: SubscriptionKind,
}

impl Subscription {
    /// Decode; `None` for an unknown tag.
    pub fn decode(b: &[u8]) -> Option<Self> {
        let u64_at = |o: usize| u64::from_le_bytes(b[o..o + 8].try_into().expect("8 bytes"));
        let u32_at = |o: usize| u32::from_le_bytes(b[o..o + 4].try_into().expect("4 bytes"));
        let userdata = u64_at(0);
        let kind = match b[8] {
            eventtype::CLOCK => {
                let flags = u16::from_le_bytes([b[40], b[41]]);
                SubscriptionKind::Clock {
                    clock: u32_at(16),
                    timeout: u64_at(24),
                    absolute: flags & SUBCLOCK_ABSTIME != 0,
                }
            }
            eventtype::FD_READ => SubscriptionKind::Read(u32_at(16)),
            eventtype::FD_WRITE => SubscriptionKind::Write(u32_at(16)),
            _ => return None,
        };
        Some(Subscription { userdata, kind })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts() {
        let st = Filestat { ino: 7, filetype: 4, size: 3, ..Filestat::default() }.encode();
        assert_eq!(st[8], 7);
        assert_eq!(st[16], 4);
        assert_eq!(st[32], 3);
        let d = encode_dirent(1, 2, 3, 4);
        assert_eq!((d[0], d[8], d[16], d[20]), (1, 2, 3, 4));
        let mut sub = [0u8; size::SUBSCRIPTION as usize];
        sub[0] = 9;
        sub[8] = eventtype::CLOCK;
        sub[16] = clockid::MONOTONIC as u8;
        sub[24] = 100;
        sub[40] = 1;
        let s = Subscription::decode(&sub).unwrap();
        assert_eq!(s.userdata, 9);
        assert!(matches!(
            s.kind,
            SubscriptionKind::Clock { clock: 1, timeout: 100, absolute: true }
        ));
    }
}
