//! The `path_*` functions. Every path is resolved by `cap-std` beneath the
//! directory descriptor it is relative to, so `..` past that directory,
//! absolute paths and symlinks leading out fail (`EPERM`) without
//! touching anything outside. Read-only preopens are checked here, before
//! the filesystem is touched: every change beneath one is `EROFS`.

#![allow(clippy::too_many_arguments, reason = "the parameters are those of the WASI function")]

use std::io;

#[cfg(not(target_os = "wasi"))]
use cap_fs_ext::{DirExt, OpenOptionsFollowExt, OpenOptionsMaybeDirExt, OpenOptionsSyncExt};

use crate::WasiCtx;
use crate::errno::Errno;
use crate::fd::{filestat, time_specs};
use crate::memory::GuestMemory;
use crate::sys::{Dir, FollowSymlinks, OpenOptions};
use crate::table::{Entry, Kind, OpenDir, OpenFile};
use crate::types::{LOOKUP_SYMLINK_FOLLOW, fdflags, oflags, rights};

type R = Result<(), Errno>;

impl WasiCtx {
    /// The directory `fd`, which must have right `r`.
    fn dir_with(&self, fd: u32, r: u64) -> Result<&OpenDir, Errno> {
        let entry = self.table.get(fd)?;
        let dir = entry.dir()?;
        entry.require(r)?;
        Ok(dir)
    }

    /// As [`dir_with`](Self::dir_with), and not beneath a read-only preopen.
    fn writable_dir(&self, fd: u32, r: u64) -> Result<&Dir, Errno> {
        let dir = self.dir_with(fd, r)?;
        if dir.read_only {
            return Err(Errno::Rofs);
        }
        Ok(&dir.dir)
    }

    pub(crate) fn path_create_directory(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        path: u32,
        path_len: u32,
    ) -> R {
        let path = mem.path(path, path_len)?;
        Ok(self.writable_dir(fd, rights::PATH_CREATE_DIRECTORY)?.create_dir(path)?)
    }

    pub(crate) fn path_remove_directory(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        path: u32,
        path_len: u32,
    ) -> R {
        let path = mem.path(path, path_len)?;
        Ok(self.writable_dir(fd, rights::PATH_REMOVE_DIRECTORY)?.remove_dir(path)?)
    }

    pub(crate) fn path_unlink_file(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        path: u32,
        path_len: u32,
    ) -> R {
        let path = mem.path(path, path_len)?;
        Ok(self.writable_dir(fd, rights::PATH_UNLINK_FILE)?.remove_file(path)?)
    }

    pub(crate) fn path_filestat_get(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        flags: u32,
        path: u32,
        path_len: u32,
        out: u32,
    ) -> R {
        let path = mem.path(path, path_len)?;
        let dir = &self.dir_with(fd, rights::PATH_FILESTAT_GET)?.dir;
        let meta = if flags & LOOKUP_SYMLINK_FOLLOW != 0 {
            dir.metadata(path)?
        } else {
            dir.symlink_metadata(path)?
        };
        mem.write(out, &filestat(&meta).encode())
    }

    pub(crate) fn path_filestat_set_times(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        flags: u32,
        path: u32,
        path_len: u32,
        atim: u64,
        mtim: u64,
        fst_flags: u32,
    ) -> R {
        let path = mem.path(path, path_len)?;
        let (a, m) = time_specs(atim, mtim, u16::try_from(fst_flags).map_err(|_| Errno::Inval)?)?;
        let dir = self.writable_dir(fd, rights::PATH_FILESTAT_SET_TIMES)?;
        if flags & LOOKUP_SYMLINK_FOLLOW != 0 {
            Ok(dir.set_times(path, a, m)?)
        } else {
            Ok(dir.set_symlink_times(path, a, m)?)
        }
    }

    pub(crate) fn path_readlink(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        path: u32,
        path_len: u32,
        buf: u32,
        buf_len: u32,
        bufused: u32,
    ) -> R {
        mem.slice(bufused, 4)?;
        mem.slice(buf, buf_len)?;
        let path = mem.path(path, path_len)?;
        let target = self.dir_with(fd, rights::PATH_READLINK)?.dir.read_link_contents(path)?;
        let bytes = target.as_os_str().as_encoded_bytes();
        let n = bytes.len().min(buf_len as usize);
        mem.write(buf, &bytes[..n])?;
        mem.write_u32(bufused, n as u32)
    }

    pub(crate) fn path_rename(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        old: u32,
        old_len: u32,
        new_fd: u32,
        new: u32,
        new_len: u32,
    ) -> R {
        let old = mem.path(old, old_len)?;
        let new = mem.path(new, new_len)?;
        let from = self.writable_dir(fd, rights::PATH_RENAME_SOURCE)?;
        let to = self.writable_dir(new_fd, rights::PATH_RENAME_TARGET)?;
        Ok(from.rename(old, to, new)?)
    }

    /// A hard link. The source must be writable too: a link from a
    /// read-only preopen into a writable one would make the file writable.
    pub(crate) fn path_link(
        &mut self,
        mem: &mut GuestMemory<'_>,
        old_fd: u32,
        old_flags: u32,
        old: u32,
        old_len: u32,
        new_fd: u32,
        new: u32,
        new_len: u32,
    ) -> R {
        let old = mem.path(old, old_len)?;
        let new = mem.path(new, new_len)?;
        let from = self.writable_dir(old_fd, rights::PATH_LINK_SOURCE)?;
        let to = self.writable_dir(new_fd, rights::PATH_LINK_TARGET)?;
        if old_flags & LOOKUP_SYMLINK_FOLLOW != 0 {
            // Linking the target of a symlink is not supported; the link itself is.
            return Err(Errno::Inval);
        }
        Ok(from.hard_link(old, to, new)?)
    }

    /// A symbolic link. `cap-std` refuses absolute targets (`EPERM`);
    /// relative ones are stored as given and only ever followed beneath a
    /// descriptor, so one pointing outside cannot be used to escape.
    pub(crate) fn path_symlink(
        &mut self,
        mem: &mut GuestMemory<'_>,
        old: u32,
        old_len: u32,
        fd: u32,
        new: u32,
        new_len: u32,
    ) -> R {
        let old = mem.path(old, old_len)?;
        let new = mem.path(new, new_len)?;
        let dir = self.writable_dir(fd, rights::PATH_SYMLINK)?;
        Ok(dir.symlink(old, new)?)
    }

    pub(crate) fn path_open(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: u32,
        dirflags: u32,
        path: u32,
        path_len: u32,
        oflags: u32,
        base: u64,
        inheriting: u64,
        fdflags: u32,
        opened: u32,
    ) -> R {
        mem.slice(opened, 4)?;
        let path = mem.path(path, path_len)?;
        let oflags =
            u16::try_from(oflags).ok().filter(|o| o & !oflags::ALL == 0).ok_or(Errno::Inval)?;
        let fdflags =
            u16::try_from(fdflags).ok().filter(|f| f & !fdflags::ALL == 0).ok_or(Errno::Inval)?;
        let follow = dirflags & LOOKUP_SYMLINK_FOLLOW != 0;
        let creat = oflags & oflags::CREAT != 0;
        let excl = oflags & oflags::EXCL != 0;
        let trunc = oflags & oflags::TRUNC != 0;
        let want_write = base & rights::NEED_WRITE != 0 || fdflags & fdflags::APPEND != 0 || trunc;
        let want_read = base & rights::NEED_READ != 0 || !want_write;

        let parent_entry = self.table.get(fd)?;
        let parent = parent_entry.dir()?;
        parent_entry.require(rights::PATH_OPEN)?;
        if creat {
            parent_entry.require(rights::PATH_CREATE_FILE)?;
        }
        if trunc {
            parent_entry.require(rights::PATH_FILESTAT_SET_SIZE)?;
        }
        if !self.table.has_room() {
            return Err(Errno::Mfile);
        }
        let read_only = parent.read_only;
        let mut creat = creat;
        if read_only {
            if want_write {
                return Err(Errno::Rofs);
            }
            if creat {
                // O_CREAT of an existing file only opens it; creating is what is refused.
                let meta = if follow && !excl {
                    parent.dir.metadata(path)
                } else {
                    parent.dir.symlink_metadata(path)
                };
                match meta {
                    Ok(_) if excl => return Err(Errno::Exist),
                    Ok(_) => creat = false,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Errno::Rofs),
                    Err(e) => return Err(e.into()),
                }
            }
        }
        let inheriting = inheriting & parent_entry.rights_inheriting;
        let mut mode_mask = !0u64;
        if !want_read {
            mode_mask &= !rights::NEED_READ;
        }
        if !want_write {
            mode_mask &= !rights::NEED_WRITE;
        }
        let base = base & parent_entry.rights_inheriting & mode_mask;

        let entry = if oflags & oflags::DIRECTORY != 0 {
            if creat || trunc || fdflags & fdflags::APPEND != 0 {
                return Err(Errno::Inval);
            }
            if base & rights::FD_WRITE != 0 {
                return Err(Errno::Isdir);
            }
            let dir = if follow {
                parent.dir.open_dir(path)?
            } else {
                parent.dir.open_dir_nofollow(path)?
            };
            Entry::new(
                Kind::Dir(OpenDir { dir, preopen: None, read_only }),
                base & rights::DIR,
                inheriting,
            )
        } else {
            let mut opts = OpenOptions::new();
            opts.read(want_read).write(want_write).truncate(trunc);
            if creat && !want_write {
                // `O_CREAT|O_RDONLY`: create first, then open read-only.
                let mut create = OpenOptions::new();
                create.write(true).create_new(true).follow(FollowSymlinks::No);
                match parent.dir.open_with(path, &create) {
                    Ok(_) => {}
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists && !excl => {}
                    Err(e) => return Err(e.into()),
                }
            } else if excl && creat {
                opts.create_new(true);
            } else if creat {
                opts.create(true);
            }
            opts.follow(if follow { FollowSymlinks::Yes } else { FollowSymlinks::No });
            opts.maybe_dir(!want_write);
            opts.dsync(fdflags & fdflags::DSYNC != 0)
                .rsync(fdflags & fdflags::RSYNC != 0)
                .sync(fdflags & fdflags::SYNC != 0);
            let file = parent.dir.open_with(path, &opts)?;
            if file.metadata()?.is_dir() {
                let dir = Dir::from_std_file(file.into_std());
                Entry::new(
                    Kind::Dir(OpenDir { dir, preopen: None, read_only }),
                    base & rights::DIR,
                    inheriting,
                )
            } else {
                let file = OpenFile { file: file.into_std(), read_only };
                Entry::new(Kind::File(file), base & rights::FILE, inheriting)
            }
        };
        let mut entry = entry;
        entry.flags = fdflags;
        let new_fd = self.table.push(entry)?;
        mem.write_u32(opened, new_fd)
    }
}
