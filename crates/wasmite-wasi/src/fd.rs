//! The `fd_*` functions: I/O, seeking, metadata and directory listing on
//! open descriptors.
//!
//! Reads and writes go straight between the descriptor and guest memory,
//! one iovec at a time (iovecs may overlap, so they cannot be borrowed
//! together), and stop at the first short transfer, like `readv`/`writev`.

#![allow(clippy::too_many_arguments, reason = "the parameters are those of the WASI function")]

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[cfg(not(target_os = "wasi"))]
use cap_fs_ext::DirExt;

use crate::WasiCtx;
use crate::errno::Errno;
use crate::memory::{GuestMemory, io_pieces};
use crate::sys::{self, SystemTimeSpec};
use crate::table::{Entry, Kind};
use crate::types::{
    Fdstat, Filestat, encode_dirent, fdflags, filetype, fstflags, rights, size, whence,
};

type R = Result<(), Errno>;

/// Run `op` until it is not interrupted.
fn retry<T>(mut op: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    loop {
        match op() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            r => return r,
        }
    }
}

/// Transfer the `pieces` one by one with `op` (which gets the piece and the
/// bytes done so far) until one comes up short. An error after some bytes
/// were moved ends the call with those bytes, as POSIX does.
fn transfer(
    pieces: &[(u32, u32)],
    mut op: impl FnMut(u32, u32, u64) -> Result<usize, Errno>,
) -> Result<u64, Errno> {
    let mut total = 0u64;
    for &(buf, len) in pieces {
        match op(buf, len, total) {
            Ok(n) => {
                total += n as u64;
                if n < len as usize {
                    break;
                }
            }
            Err(e) if total == 0 => return Err(e),
            Err(_) => break,
        }
    }
    Ok(total)
}

fn read_kind(kind: &mut Kind, dst: &mut [u8]) -> Result<usize, Errno> {
    match kind {
        Kind::File(f) => Ok(retry(|| f.file.read(dst))?),
        Kind::Stdin(i) => Ok(retry(|| i.read(dst))?),
        Kind::Dir(_) => Err(Errno::Isdir),
        Kind::Output(_) => Err(Errno::Badf),
    }
}

fn write_kind(kind: &mut Kind, src: &[u8]) -> Result<usize, Errno> {
    match kind {
        Kind::File(f) => Ok(retry(|| f.file.write(src))?),
        Kind::Output(o) => Ok(retry(|| o.write(src))?),
        Kind::Dir(_) => Err(Errno::Isdir),
        Kind::Stdin(_) => Err(Errno::Badf),
    }
}

#[cfg(unix)]
fn read_at(f: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(f, buf, offset)
}
#[cfg(unix)]
fn write_at(f: &File, buf: &[u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::write_at(f, buf, offset)
}
#[cfg(target_os = "wasi")]
fn read_at(f: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    Ok(rustix::io::pread(f, buf, offset)?)
}
#[cfg(target_os = "wasi")]
fn write_at(f: &File, buf: &[u8], offset: u64) -> io::Result<usize> {
    Ok(rustix::io::pwrite(f, buf, offset)?)
}
#[cfg(windows)]
fn read_at(f: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(f, buf, offset)
}
#[cfg(windows)]
fn write_at(f: &File, buf: &[u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_write(f, buf, offset)
}

/// Nanoseconds since the epoch (0 before it or when unknown).
#[cfg(not(any(unix, target_os = "wasi")))]
fn nanos(t: io::Result<SystemTime>) -> u64 {
    t.ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

fn cap_file_type(t: sys::FileType) -> u8 {
    #[cfg(not(target_os = "wasi"))]
    use cap_fs_ext::FileTypeExt;
    if t.is_dir() {
        filetype::DIRECTORY
    } else if t.is_file() {
        filetype::REGULAR_FILE
    } else if t.is_symlink() {
        filetype::SYMBOLIC_LINK
    } else if t.is_block_device() {
        filetype::BLOCK_DEVICE
    } else if t.is_char_device() {
        filetype::CHARACTER_DEVICE
    } else if t.is_socket() {
        filetype::SOCKET_STREAM
    } else {
        filetype::UNKNOWN
    }
}

/// The `filestat` of host metadata.
pub(crate) fn filestat(m: &sys::Metadata) -> Filestat {
    #[cfg(any(unix, target_os = "wasi"))]
    {
        #[cfg(unix)]
        use cap_fs_ext::OsMetadataExt;
        let ns = |s: i64, n: i64| {
            u64::try_from(s).unwrap_or(0).saturating_mul(1_000_000_000).saturating_add(n as u64)
        };
        Filestat {
            dev: m.dev(),
            ino: m.ino(),
            filetype: cap_file_type(m.file_type()),
            nlink: m.nlink(),
            size: m.len(),
            atim: ns(m.atime(), m.atime_nsec()),
            mtim: ns(m.mtime(), m.mtime_nsec()),
            ctim: ns(m.ctime(), m.ctime_nsec()),
        }
    }
    #[cfg(not(any(unix, target_os = "wasi")))]
    {
        use cap_fs_ext::MetadataExt;
        let t = |r: io::Result<cap_std::time::SystemTime>| nanos(r.map(|t| t.into_std()));
        Filestat {
            dev: m.dev(),
            ino: m.ino(),
            filetype: cap_file_type(m.file_type()),
            nlink: m.nlink(),
            size: m.len(),
            atim: t(m.accessed()),
            mtim: t(m.modified()),
            ctim: t(m.modified()),
        }
    }
}

/// The inode number of a directory entry (0 where the platform has none).
fn entry_ino(e: &sys::DirEntry) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::DirEntryExt::ino(e)
    }
    #[cfg(target_os = "wasi")]
    {
        e.ino()
    }
    #[cfg(not(any(unix, target_os = "wasi")))]
    {
        let _ = e;
        0
    }
}

fn name_bytes(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, [u8]> {
    #[cfg(unix)]
    {
        std::borrow::Cow::Borrowed(std::os::unix::ffi::OsStrExt::as_bytes(name))
    }
    #[cfg(target_os = "wasi")]
    {
        std::borrow::Cow::Borrowed(std::os::wasi::ffi::OsStrExt::as_bytes(name))
    }
    #[cfg(not(any(unix, target_os = "wasi")))]
    {
        std::borrow::Cow::Owned(name.to_string_lossy().into_owned().into_bytes())
    }
}

/// The timestamps `fstflags` asks for, checked (`EINVAL` for both a time and "now").
pub(crate) fn time_specs(
    atim: u64,
    mtim: u64,
    flags: u16,
) -> Result<(Option<SystemTimeSpec>, Option<SystemTimeSpec>), Errno> {
    let known = fstflags::ATIM | fstflags::ATIM_NOW | fstflags::MTIM | fstflags::MTIM_NOW;
    if flags & !known != 0 {
        return Err(Errno::Inval);
    }
    let one = |t: u64, set: u16, now: u16| -> Result<Option<SystemTimeSpec>, Errno> {
        match (flags & set != 0, flags & now != 0) {
            (true, true) => Err(Errno::Inval),
            (true, false) => {
                let t = UNIX_EPOCH.checked_add(Duration::from_nanos(t)).ok_or(Errno::Inval)?;
                Ok(Some(SystemTimeSpec::Absolute(sys::SystemTime::from_std(t))))
            }
            (false, true) => Ok(Some(SystemTimeSpec::SymbolicNow)),
            (false, false) => Ok(None),
        }
    };
    Ok((
        one(atim, fstflags::ATIM, fstflags::ATIM_NOW)?,
        one(mtim, fstflags::MTIM, fstflags::MTIM_NOW)?,
    ))
}

fn std_time(spec: Option<SystemTimeSpec>) -> Option<SystemTime> {
    spec.map(|s| match s {
        SystemTimeSpec::SymbolicNow => SystemTime::now(),
        SystemTimeSpec::Absolute(t) => t.into_std(),
    })
}

impl WasiCtx {
    pub(crate) fn fd_read(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        iovs: u32,
        iovs_len: u32,
        nread: u32,
    ) -> R {
        mem.slice(nread, 4)?;
        let pieces = io_pieces(mem, iovs, iovs_len)?;
        let entry = self.table.get_mut(fd)?;
        entry.require(rights::FD_READ)?;
        let n =
            transfer(&pieces, |buf, len, _| read_kind(&mut entry.kind, mem.slice_mut(buf, len)?))?;
        mem.write_u32(nread, n as u32)
    }

    pub(crate) fn fd_write(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        iovs: u32,
        iovs_len: u32,
        nwritten: u32,
    ) -> R {
        mem.slice(nwritten, 4)?;
        let pieces = io_pieces(mem, iovs, iovs_len)?;
        let entry = self.table.get_mut(fd)?;
        entry.require(rights::FD_WRITE)?;
        if entry.flags & fdflags::APPEND != 0
            && let Kind::File(f) = &mut entry.kind
        {
            f.file.seek(SeekFrom::End(0))?;
        }
        let n = transfer(&pieces, |buf, len, _| write_kind(&mut entry.kind, mem.slice(buf, len)?))?;
        mem.write_u32(nwritten, n as u32)
    }

    pub(crate) fn fd_pread(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        iovs: u32,
        iovs_len: u32,
        offset: u64,
        nread: u32,
    ) -> R {
        mem.slice(nread, 4)?;
        let pieces = io_pieces(mem, iovs, iovs_len)?;
        let entry = self.table.get(fd)?;
        entry.require(rights::FD_READ | rights::FD_SEEK)?;
        let file = &entry.file()?.file;
        let n = transfer(&pieces, |buf, len, done| {
            let at = offset.checked_add(done).ok_or(Errno::Inval)?;
            let dst = mem.slice_mut(buf, len)?;
            Ok(retry(|| read_at(file, dst, at))?)
        })?;
        mem.write_u32(nread, n as u32)
    }

    pub(crate) fn fd_pwrite(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        iovs: u32,
        iovs_len: u32,
        offset: u64,
        nwritten: u32,
    ) -> R {
        mem.slice(nwritten, 4)?;
        let pieces = io_pieces(mem, iovs, iovs_len)?;
        let entry = self.table.get(fd)?;
        entry.require(rights::FD_WRITE | rights::FD_SEEK)?;
        let file = &entry.file()?.file;
        let n = transfer(&pieces, |buf, len, done| {
            let at = offset.checked_add(done).ok_or(Errno::Inval)?;
            let src = mem.slice(buf, len)?;
            Ok(retry(|| write_at(file, src, at))?)
        })?;
        mem.write_u32(nwritten, n as u32)
    }

    pub(crate) fn fd_seek(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        offset: i64,
        how: u32,
        newoffset: u32,
    ) -> R {
        mem.slice(newoffset, 8)?;
        let entry = self.table.get_mut(fd)?;
        let pos = match how {
            whence::SET => SeekFrom::Start(u64::try_from(offset).map_err(|_| Errno::Inval)?),
            whence::CUR => SeekFrom::Current(offset),
            whence::END => SeekFrom::End(offset),
            _ => return Err(Errno::Inval),
        };
        let right = if pos == SeekFrom::Current(0) { rights::FD_TELL } else { rights::FD_SEEK };
        if matches!(entry.kind, Kind::Stdin(_) | Kind::Output(_)) {
            return Err(Errno::Spipe);
        }
        entry.require(right)?;
        let Kind::File(f) = &mut entry.kind else { return Err(Errno::Badf) };
        let new = f.file.seek(pos)?;
        mem.write_u64(newoffset, new)
    }

    pub(crate) fn fd_tell(&mut self, mem: &mut GuestMemory<'_>, fd: u32, offset: u32) -> R {
        self.fd_seek(mem, fd, 0, whence::CUR, offset)
    }

    pub(crate) fn fd_close(&mut self, _mem: &mut GuestMemory<'_>, fd: u32) -> R {
        let mut e = self.table.remove(fd)?;
        if let Kind::Output(o) = &mut e.kind {
            let _ = o.flush();
        }
        Ok(())
    }

    pub(crate) fn fd_renumber(&mut self, _mem: &mut GuestMemory<'_>, fd: u32, to: u32) -> R {
        self.table.renumber(fd, to)
    }

    pub(crate) fn fd_advise(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        fd: u32,
        offset: u64,
        len: u64,
        advice: u32,
    ) -> R {
        let entry = self.table.get(fd)?;
        entry.require(rights::FD_ADVISE)?;
        entry.file()?;
        if advice > 5 || offset.checked_add(len).is_none() {
            return Err(Errno::Inval);
        }
        // Advice is a hint; accepting it without acting on it is correct.
        Ok(())
    }

    pub(crate) fn fd_allocate(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        fd: u32,
        offset: u64,
        len: u64,
    ) -> R {
        let entry = self.table.get(fd)?;
        entry.require(rights::FD_ALLOCATE)?;
        let file = &entry.file()?.file;
        let end = offset.checked_add(len).ok_or(Errno::Fbig)?;
        if len == 0 {
            return Err(Errno::Inval);
        }
        if end > file.metadata()?.len() {
            file.set_len(end)?;
        }
        Ok(())
    }

    pub(crate) fn fd_datasync(&mut self, _mem: &mut GuestMemory<'_>, fd: u32) -> R {
        let entry = self.table.get(fd)?;
        entry.require(rights::FD_DATASYNC)?;
        Ok(entry.file().map_err(|_| Errno::Inval)?.file.sync_data()?)
    }

    pub(crate) fn fd_sync(&mut self, _mem: &mut GuestMemory<'_>, fd: u32) -> R {
        let entry = self.table.get(fd)?;
        entry.require(rights::FD_SYNC)?;
        match &entry.kind {
            Kind::File(f) => Ok(f.file.sync_all()?),
            Kind::Dir(d) => Ok(d.dir.try_clone()?.into_std_file().sync_all()?),
            Kind::Stdin(_) | Kind::Output(_) => Err(Errno::Inval),
        }
    }

    pub(crate) fn fd_fdstat_get(&mut self, mem: &mut GuestMemory<'_>, fd: u32, out: u32) -> R {
        let entry = self.table.get(fd)?;
        let ft = match &entry.kind {
            Kind::Stdin(i) => i.filetype(),
            Kind::Output(o) => o.filetype(),
            Kind::Dir(_) => filetype::DIRECTORY,
            Kind::File(f) => filestat(&sys::Metadata::from_file(&f.file)?).filetype,
        };
        let st = Fdstat {
            filetype: ft,
            flags: entry.flags,
            rights_base: entry.rights_base,
            rights_inheriting: entry.rights_inheriting,
        };
        mem.write(out, &st.encode())
    }

    pub(crate) fn fd_fdstat_set_flags(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        fd: u32,
        flags: u32,
    ) -> R {
        let entry = self.table.get_mut(fd)?;
        entry.require(rights::FD_FDSTAT_SET_FLAGS)?;
        let flags = u16::try_from(flags).map_err(|_| Errno::Inval)?;
        if flags & !fdflags::ALL != 0 {
            return Err(Errno::Inval);
        }
        let sync = fdflags::DSYNC | fdflags::RSYNC | fdflags::SYNC;
        if flags & sync != entry.flags & sync {
            return Err(Errno::Notsup);
        }
        if flags & fdflags::APPEND != 0 && !matches!(entry.kind, Kind::File(_) | Kind::Output(_)) {
            return Err(Errno::Inval);
        }
        entry.flags = flags;
        Ok(())
    }

    pub(crate) fn fd_fdstat_set_rights(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        fd: u32,
        base: u64,
        inheriting: u64,
    ) -> R {
        let entry = self.table.get_mut(fd)?;
        if base & !entry.rights_base != 0 || inheriting & !entry.rights_inheriting != 0 {
            return Err(Errno::Notcapable);
        }
        entry.rights_base = base;
        entry.rights_inheriting = inheriting;
        Ok(())
    }

    pub(crate) fn fd_filestat_get(&mut self, mem: &mut GuestMemory<'_>, fd: u32, out: u32) -> R {
        let entry = self.table.get(fd)?;
        entry.require(rights::FD_FILESTAT_GET)?;
        let st = match &entry.kind {
            Kind::File(f) => filestat(&sys::Metadata::from_file(&f.file)?),
            Kind::Dir(d) => filestat(&d.dir.dir_metadata()?),
            Kind::Stdin(i) => Filestat { filetype: i.filetype(), ..Filestat::default() },
            Kind::Output(o) => Filestat { filetype: o.filetype(), ..Filestat::default() },
        };
        mem.write(out, &st.encode())
    }

    pub(crate) fn fd_filestat_set_size(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        fd: u32,
        len: u64,
    ) -> R {
        let entry = self.table.get(fd)?;
        let f = entry.file().map_err(|e| if e == Errno::Spipe { Errno::Inval } else { e })?;
        entry.require(rights::FD_FILESTAT_SET_SIZE)?;
        if f.read_only {
            return Err(Errno::Rofs);
        }
        Ok(f.file.set_len(len)?)
    }

    pub(crate) fn fd_filestat_set_times(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        fd: u32,
        atim: u64,
        mtim: u64,
        flags: u32,
    ) -> R {
        let entry = self.table.get(fd)?;
        entry.require(rights::FD_FILESTAT_SET_TIMES)?;
        let (a, m) = time_specs(atim, mtim, u16::try_from(flags).map_err(|_| Errno::Inval)?)?;
        match &entry.kind {
            Kind::File(f) => {
                if f.read_only {
                    return Err(Errno::Rofs);
                }
                let mut times = std::fs::FileTimes::new();
                if let Some(t) = std_time(a) {
                    times = times.set_accessed(t);
                }
                if let Some(t) = std_time(m) {
                    times = times.set_modified(t);
                }
                Ok(f.file.set_times(times)?)
            }
            Kind::Dir(d) => {
                if d.read_only {
                    return Err(Errno::Rofs);
                }
                Ok(d.dir.set_times(".", a, m)?)
            }
            Kind::Stdin(_) | Kind::Output(_) => Err(Errno::Badf),
        }
    }

    pub(crate) fn fd_prestat_get(&mut self, mem: &mut GuestMemory<'_>, fd: u32, out: u32) -> R {
        let name = self.preopen_name(fd)?;
        let len = u32::try_from(name.len()).map_err(|_| Errno::Nametoolong)?;
        let mut b = [0u8; size::PRESTAT as usize];
        b[4..8].copy_from_slice(&len.to_le_bytes());
        mem.write(out, &b)
    }

    pub(crate) fn fd_prestat_dir_name(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        path: u32,
        path_len: u32,
    ) -> R {
        let name = self.preopen_name(fd)?;
        if (path_len as usize) < name.len() {
            return Err(Errno::Nametoolong);
        }
        mem.write(path, name.as_bytes())
    }

    fn preopen_name(&self, fd: u32) -> Result<&str, Errno> {
        match &self.table.get(fd)?.kind {
            Kind::Dir(d) => d.preopen.as_deref().ok_or(Errno::Badf),
            _ => Err(Errno::Badf),
        }
    }

    pub(crate) fn fd_readdir(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        buf: u32,
        buf_len: u32,
        cookie: u64,
        bufused: u32,
    ) -> R {
        mem.slice(bufused, 4)?;
        mem.slice(buf, buf_len)?;
        let entry: &Entry = self.table.get(fd)?;
        let dir = &entry.dir()?.dir;
        entry.require(rights::FD_READDIR)?;
        let mut out = DirentWriter { mem, buf, cap: buf_len as usize, used: 0 };
        let self_ino = dir.dir_metadata().map(|m| filestat(&m).ino).unwrap_or(0);
        let dots = [(".", self_ino), ("..", 0)];
        let mut index = 0u64;
        for (name, ino) in dots {
            if index >= cookie && !out.push(index + 1, ino, filetype::DIRECTORY, name.as_bytes())? {
                return out.finish(bufused);
            }
            index += 1;
        }
        for e in dir.entries()? {
            if index >= cookie {
                let e = e?;
                let ft = e.file_type().map(cap_file_type).unwrap_or(filetype::UNKNOWN);
                let name = e.file_name();
                if !out.push(index + 1, entry_ino(&e), ft, &name_bytes(&name))? {
                    break;
                }
            }
            index += 1;
        }
        out.finish(bufused)
    }
}

/// Fills the guest's `fd_readdir` buffer: `dirent` header then name, the
/// last one cut off where the buffer ends (the guest then retries with a
/// bigger buffer from that entry's cookie).
struct DirentWriter<'m, 'a> {
    mem: &'m mut GuestMemory<'a>,
    buf: u32,
    cap: usize,
    used: usize,
}

impl DirentWriter<'_, '_> {
    /// Append one entry; `false` once the buffer is full.
    fn push(&mut self, next: u64, ino: u64, ft: u8, name: &[u8]) -> Result<bool, Errno> {
        let namlen = u32::try_from(name.len()).map_err(|_| Errno::Nametoolong)?;
        let header = encode_dirent(next, ino, namlen, ft);
        for part in [&header[..], name] {
            let n = part.len().min(self.cap - self.used);
            if n > 0 {
                self.mem.write(self.buf + self.used as u32, &part[..n])?;
                self.used += n;
            }
        }
        Ok(self.used < self.cap)
    }

    fn finish(self, bufused: u32) -> R {
        self.mem.write_u32(bufused, self.used as u32)
    }
}
