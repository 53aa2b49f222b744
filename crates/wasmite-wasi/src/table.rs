//! The descriptor table: what each guest file descriptor refers to, with its
//! rights and flags.
//!
//! Rights carry the access mode: a file opened read-only has no `FD_WRITE`
//! right, so one check ([`Entry::require`]) covers both the guest's own
//! narrowing (`fd_fdstat_set_rights`) and the mode it opened the file with.

use std::fs::File;

use crate::sys::Dir;

use crate::errno::Errno;
use crate::limits;
use crate::stdio::{Input, Output};
use crate::types::rights;

/// An open directory: a capability, so every path is resolved beneath it.
pub(crate) struct OpenDir {
    pub dir: Dir,
    /// The guest name of a preopened directory.
    pub preopen: Option<String>,
    /// Opened through a read-only preopen: nothing beneath it may change.
    pub read_only: bool,
}

/// An open regular file (or other non-directory).
pub(crate) struct OpenFile {
    pub file: File,
    /// Opened through a read-only preopen.
    pub read_only: bool,
}

/// What a descriptor refers to.
pub(crate) enum Kind {
    Stdin(Input),
    Output(Output),
    File(OpenFile),
    Dir(OpenDir),
}

/// One open descriptor.
pub(crate) struct Entry {
    pub kind: Kind,
    pub rights_base: u64,
    pub rights_inheriting: u64,
    /// `fdflags` (append and nonblock are honoured; sync flags are reported).
    pub flags: u16,
}

impl Entry {
    pub fn new(kind: Kind, rights_base: u64, rights_inheriting: u64) -> Self {
        Entry { kind, rights_base, rights_inheriting, flags: 0 }
    }

    /// Fail unless the descriptor has every right in `r`: `EBADF` for a
    /// missing right that comes with the access mode (reading, writing,
    /// truncating: the POSIX answer for a file not open for that),
    /// `ENOTCAPABLE` for anything else.
    pub fn require(&self, r: u64) -> Result<(), Errno> {
        let missing = r & !self.rights_base;
        if missing == 0 {
            Ok(())
        } else if missing & (rights::NEED_READ | rights::NEED_WRITE) != 0 {
            Err(Errno::Badf)
        } else {
            Err(Errno::Notcapable)
        }
    }

    /// The directory, or `ENOTDIR`.
    pub fn dir(&self) -> Result<&OpenDir, Errno> {
        match &self.kind {
            Kind::Dir(d) => Ok(d),
            _ => Err(Errno::Notdir),
        }
    }

    /// The regular file: `EISDIR` for a directory, `ESPIPE` for a stream.
    pub fn file(&self) -> Result<&OpenFile, Errno> {
        match &self.kind {
            Kind::File(f) => Ok(f),
            Kind::Dir(_) => Err(Errno::Isdir),
            Kind::Stdin(_) | Kind::Output(_) => Err(Errno::Spipe),
        }
    }
}

/// Descriptor number → entry.
pub(crate) struct FdTable {
    entries: Vec<Option<Entry>>,
    open: usize,
}

impl FdTable {
    pub const fn new() -> Self {
        FdTable { entries: Vec::new(), open: 0 }
    }

    pub fn get(&self, fd: u32) -> Result<&Entry, Errno> {
        self.entries.get(fd as usize).and_then(Option::as_ref).ok_or(Errno::Badf)
    }

    pub fn get_mut(&mut self, fd: u32) -> Result<&mut Entry, Errno> {
        self.entries.get_mut(fd as usize).and_then(Option::as_mut).ok_or(Errno::Badf)
    }

    /// Add an entry at the lowest free number, like POSIX `open`.
    ///
    /// # Errors
    /// `EMFILE` when [`limits::MAX_OPEN_FDS`] descriptors are open.
    pub fn push(&mut self, entry: Entry) -> Result<u32, Errno> {
        if self.open >= limits::MAX_OPEN_FDS {
            return Err(Errno::Mfile);
        }
        Ok(self.push_unchecked(entry))
    }

    /// Whether [`push`](Self::push) would succeed.
    pub fn has_room(&self) -> bool {
        self.open < limits::MAX_OPEN_FDS
    }

    /// Add an entry ignoring the limit (the embedder's initial descriptors).
    pub fn push_unchecked(&mut self, entry: Entry) -> u32 {
        self.open += 1;
        match self.entries.iter().position(Option::is_none) {
            Some(i) => {
                self.entries[i] = Some(entry);
                i as u32
            }
            None => {
                self.entries.push(Some(entry));
                (self.entries.len() - 1) as u32
            }
        }
    }

    pub fn remove(&mut self, fd: u32) -> Result<Entry, Errno> {
        let e = self.entries.get_mut(fd as usize).and_then(Option::take).ok_or(Errno::Badf)?;
        self.open -= 1;
        while self.entries.last().is_some_and(Option::is_none) {
            self.entries.pop();
        }
        Ok(e)
    }

    /// Move `from` to `to`, closing what `to` referred to. Both must be open.
    pub fn renumber(&mut self, from: u32, to: u32) -> Result<(), Errno> {
        self.get(from)?;
        self.get(to)?;
        if from != to {
            // `remove` counts `from` as closed; `to` is replaced, not added.
            let e = self.remove(from)?;
            self.entries[to as usize] = Some(e);
        }
        Ok(())
    }

    /// Every open descriptor number.
    pub fn fds(&self) -> impl Iterator<Item = u32> + '_ {
        self.entries.iter().enumerate().filter(|(_, e)| e.is_some()).map(|(i, _)| i as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream() -> Entry {
        Entry::new(Kind::Stdin(Input::Empty), rights::READ_STREAM, 0)
    }

    #[test]
    fn lowest_free_number_and_renumber() {
        let mut t = FdTable::new();
        for i in 0..4 {
            assert_eq!(t.push(stream()).unwrap(), i);
        }
        t.remove(1).unwrap();
        assert_eq!(t.push(stream()).unwrap(), 1);
        t.renumber(3, 0).unwrap();
        assert_eq!(t.open, 3);
        assert!(t.get(3).is_err());
        assert_eq!(t.fds().collect::<Vec<_>>(), vec![0, 1, 2]);
        assert_eq!(t.renumber(0, 9).err(), Some(Errno::Badf));
        assert_eq!(t.push(stream()).unwrap(), 3);
    }

    #[test]
    fn open_descriptors_are_bounded() {
        let mut t = FdTable::new();
        for _ in 0..limits::MAX_OPEN_FDS {
            t.push(stream()).unwrap();
        }
        assert_eq!(t.push(stream()).err(), Some(Errno::Mfile));
        t.remove(5).unwrap();
        assert_eq!(t.push(stream()).unwrap(), 5);
    }

    #[test]
    fn rights_errors() {
        let e = stream();
        assert!(e.require(rights::FD_READ).is_ok());
        assert_eq!(e.require(rights::FD_WRITE), Err(Errno::Badf));
        assert_eq!(e.require(rights::FD_SEEK), Err(Errno::Notcapable));
    }
}
