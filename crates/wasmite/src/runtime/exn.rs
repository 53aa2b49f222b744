//! Exception objects: what `throw` creates and an `exnref` refers to (a
//! tag's store address and the payload's cells, a `v128` taking two).
//!
//! A store's objects live in one [`ExnHeap`], a slab whose entries are
//! reused. A reference is the handle `(epoch << 32) | index`: the heap's
//! epoch grows at every collection and an entry is reused only in a later
//! one, so a stale handle (kept by the host, or by a bug) finds no object
//! instead of a wrong one; handles are never 0 (null). The collector
//! (`exec::exn`) marks from the roots it is given and sweeps: garbage
//! exceptions, cycles included, are freed, so code that throws in a loop
//! runs in bounded memory.

use alloc::boxed::Box;
use alloc::vec::Vec;

/// An exception: its tag (store address) and payload cells.
pub(crate) struct Exn {
    pub tag: u32,
    pub payload: Box<[u64]>,
}

struct Entry {
    /// The epoch it was allocated in; 0 when free.
    epoch: u32,
    marked: bool,
    exn: Option<Exn>,
}

/// A collection runs at an allocation once this many objects were
/// allocated since the last one, or as many as were live after it.
const MIN_BUDGET: usize = 1024;

/// The exception objects of a store.
pub(crate) struct ExnHeap {
    entries: Vec<Entry>,
    free: Vec<u32>,
    epoch: u32,
    /// Objects alive after the last collection, and allocated since.
    live: usize,
    since_gc: usize,
}

impl Default for ExnHeap {
    fn default() -> Self {
        ExnHeap { entries: Vec::new(), free: Vec::new(), epoch: 1, live: 0, since_gc: 0 }
    }
}

impl ExnHeap {
    /// The object `handle` refers to, if it is alive.
    pub fn get(&self, handle: u64) -> Option<&Exn> {
        let (epoch, index) = ((handle >> 32) as u32, handle as u32);
        let e = self.entries.get(index as usize)?;
        if epoch != 0 && e.epoch == epoch { e.exn.as_ref() } else { None }
    }

    /// Whether the next allocation should collect first.
    pub fn wants_collection(&self) -> bool {
        self.since_gc >= MIN_BUDGET.max(self.live)
    }

    /// Allocate `exn`; its handle.
    pub fn alloc(&mut self, exn: Exn) -> u64 {
        self.since_gc += 1;
        let entry = Entry { epoch: self.epoch, marked: false, exn: Some(exn) };
        let index = match self.free.pop() {
            Some(i) => {
                self.entries[i as usize] = entry;
                i
            }
            None => {
                self.entries.push(entry);
                (self.entries.len() - 1) as u32
            }
        };
        (u64::from(self.epoch) << 32) | u64::from(index)
    }

    /// Collect: keep what `roots` (candidate handles: any value may be
    /// given, those that are not live handles are ignored) reach, through
    /// payloads too; free the rest.
    pub fn collect(&mut self, roots: impl Iterator<Item = u64>) {
        let mut work: Vec<u64> = roots.collect();
        while let Some(h) = work.pop() {
            let (epoch, index) = ((h >> 32) as u32, h as u32);
            let Some(e) = self.entries.get_mut(index as usize) else { continue };
            if epoch == 0 || e.epoch != epoch || e.marked {
                continue;
            }
            e.marked = true;
            if let Some(exn) = &e.exn {
                work.extend_from_slice(&exn.payload);
            }
        }
        self.live = 0;
        for (i, e) in self.entries.iter_mut().enumerate() {
            if e.marked {
                e.marked = false;
                self.live += 1;
            } else if e.epoch != 0 {
                *e = Entry { epoch: 0, marked: false, exn: None };
                self.free.push(i as u32);
            }
        }
        self.since_gc = 0;
        self.epoch = self.epoch.checked_add(1).unwrap_or(1);
    }

    /// Live objects (after the last collection) plus those allocated since.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.iter().filter(|e| e.epoch != 0).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exn(payload: &[u64]) -> Exn {
        Exn { tag: 0, payload: payload.into() }
    }

    #[test]
    fn collects_what_roots_do_not_reach_and_stale_handles_find_nothing() {
        let mut heap = ExnHeap::default();
        let a = heap.alloc(exn(&[1]));
        let b = heap.alloc(exn(&[a])); // b's payload holds a
        let c = heap.alloc(exn(&[]));
        // A cycle only the garbage reaches.
        let d = heap.alloc(exn(&[0]));
        let e = heap.alloc(exn(&[d]));
        assert!(a != 0 && b != 0 && heap.get(b).is_some());
        heap.collect([b, 7, u64::MAX].into_iter());
        assert!(heap.get(a).is_some() && heap.get(b).is_some());
        assert!(heap.get(c).is_none() && heap.get(d).is_none() && heap.get(e).is_none());
        assert_eq!(heap.len(), 2);
        // Freed entries are reused, under a new epoch.
        let f = heap.alloc(exn(&[]));
        assert_eq!(f as u32, e as u32);
        assert!(heap.get(e).is_none() && heap.get(f).is_some());
        heap.collect(core::iter::empty());
        assert_eq!(heap.len(), 0);
    }
}
