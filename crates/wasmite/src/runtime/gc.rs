//! The GC heap: a store's garbage-collected objects (GC structs and arrays,
//! exceptions, and the host values `externref` carries), and their layouts.
//!
//! # Cells
//!
//! A reference is one `u64` cell: null is 0; an `i31` is `(v << 1) | 1`
//! (odd, below 2^32); an object is the handle `(epoch << 32) | index`, at
//! or above 2^32 because epochs start at 1. So the two conversions between
//! `anyref` and `externref` change no bit, `ref.eq` compares cells, and a
//! value below 2^32 is never mistaken for an object. (Function references,
//! `index + 1`, are a hierarchy of their own and never freed.)
//!
//! # Objects
//!
//! One slab of entries; an entry's bytes hold a struct's fields at the
//! offsets of its [`Layout`] or an array's elements (packed `i8`/`i16`
//! elements take one or two bytes), little-endian, so reading a field is a
//! bounds-checked load at a fixed offset. The heap's epoch grows at every
//! collection and a freed entry is reused only in a later epoch, so a stale
//! handle (a bug, or a host reference the collector could not see) finds no
//! object instead of a wrong one.
//!
//! # Collection
//!
//! Mark-sweep, non-moving: marking starts from the roots it is given (any
//! cell may be given; one that is not a live handle is ignored, so the value
//! stack can be scanned conservatively) and follows the reference fields of
//! each type's layout with an explicit work list (cycles are merely visited
//! objects); sweeping frees every unmarked object, cycles included. It runs
//! when the bytes allocated since the last collection reach the bytes live
//! after it (at least [`MIN_BUDGET`]): amortised constant time per byte.
//!
//! # Host roots
//!
//! The references the host holds are roots in two lists (the collector
//! marks from both; a stale entry is ignored like any dead cell):
//!
//! - `lifo`: a stack of cells. Every GC reference the API hands to the host
//!   (results of calls, `Global::get`, `Table::get`, host function
//!   parameters, `ExternRef::new`, field and element reads, ...) is pushed
//!   on it. A `RootScope` records its length and truncates it back when it
//!   ends, and so does every host function call (its parameters and what
//!   it reads stay rooted until it returns); a reference read outside any
//!   scope stays rooted until the store is dropped. Only object handles are
//!   pushed (null and `i31` need no root), and not twice in a row.
//! - `owned`: `(cell, token)` pairs, one per `OwnedRooted`: the object stays
//!   alive while the token's `Arc` (shared by the clones of the
//!   `OwnedRooted`) lives. Entries whose token is dead are dropped at each
//!   collection (and when the list has doubled since the last pruning).
//!
//! A reference that is no longer rooted stays valid while anything else
//! reaches its object; once a collection frees the object, using the
//! reference is an error (the epoch of its handle is gone), never another
//! object.

use alloc::boxed::Box;
use alloc::sync::Weak;
use alloc::vec::Vec;
use core::any::Any;

use wasmparser as wp;

use super::TypeRegistry;
use crate::limits::ResourceLimiter;
use crate::types::ValType;

/// How a struct field or array element is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Storage {
    I8,
    I16,
    /// `i32` and `f32`.
    I32,
    /// `i64` and `f64`.
    I64,
    V128,
    /// A reference (a cell).
    Ref,
}

impl Storage {
    /// Its size in bytes.
    pub fn size(self) -> u32 {
        match self {
            Storage::I8 => 1,
            Storage::I16 => 2,
            Storage::I32 => 4,
            Storage::I64 | Storage::Ref => 8,
            Storage::V128 => 16,
        }
    }

    pub fn of(t: wp::StorageType) -> Storage {
        match t {
            wp::StorageType::I8 => Storage::I8,
            wp::StorageType::I16 => Storage::I16,
            wp::StorageType::Val(wp::ValType::I32 | wp::ValType::F32) => Storage::I32,
            wp::StorageType::Val(wp::ValType::I64 | wp::ValType::F64) => Storage::I64,
            wp::StorageType::Val(wp::ValType::V128) => Storage::V128,
            wp::StorageType::Val(wp::ValType::Ref(_)) => Storage::Ref,
        }
    }
}

/// A struct field's or an array element's type, as the host API reads and
/// writes it (the registry keeps one per field, next to the [`Layout`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FieldType {
    /// Its value type, concrete heap types as canonical ids (`i32` for a
    /// packed `i8` or `i16`).
    pub ty: ValType,
    /// How it is stored.
    pub storage: Storage,
    /// Whether `struct.set`/`array.set` (and the host) may change it.
    pub mutable: bool,
}

/// Where a struct type's fields are, or what an array type's elements are.
#[derive(Clone, Debug)]
pub(crate) enum Layout {
    Struct {
        /// Each field's storage and byte offset.
        fields: Box<[(Storage, u32)]>,
        /// The struct's size in bytes.
        size: u32,
        /// The offsets of its reference fields (what the collector follows).
        refs: Box<[u32]>,
    },
    Array {
        elem: Storage,
    },
}

impl Layout {
    /// The layout of a composite type (`None` for a function type). Fields
    /// are laid out in order without padding (reads are byte-wise), so a
    /// subtype's layout starts with its supertype's.
    pub fn of(c: &wp::CompositeInnerType) -> Option<Layout> {
        match c {
            wp::CompositeInnerType::Struct(s) => {
                let mut off = 0;
                let mut fields = Vec::with_capacity(s.fields.len());
                let mut refs = Vec::new();
                for f in s.fields.iter() {
                    let st = Storage::of(f.element_type);
                    if st == Storage::Ref {
                        refs.push(off);
                    }
                    fields.push((st, off));
                    off += st.size();
                }
                Some(Layout::Struct { fields: fields.into(), size: off, refs: refs.into() })
            }
            wp::CompositeInnerType::Array(a) => {
                Some(Layout::Array { elem: Storage::of(a.0.element_type) })
            }
            _ => None,
        }
    }
}

/// What an object is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Struct,
    Array,
    /// An exception: `ty` is its tag (store address), the bytes its
    /// payload cells.
    Exn,
    /// A host value (`ExternRef::new`): `ty` indexes the host values.
    Host,
}

struct Entry {
    data: Box<[u8]>,
    /// The epoch it was allocated in; 0 when free.
    epoch: u32,
    /// A struct's or array's canonical type id, an exception's tag, a host
    /// value's index.
    ty: u32,
    /// An array's length.
    len: u32,
    kind: Kind,
    marked: bool,
}

/// A live object, as [`GcHeap::get`] finds it.
#[derive(Clone, Copy)]
pub(crate) struct Obj<'a> {
    pub kind: Kind,
    pub ty: u32,
    pub len: u32,
    pub data: &'a [u8],
}

/// The bytes of two objects to copy between (destination, source), or of
/// one object given twice.
pub(crate) type DataPair<'a> = Result<(&'a mut [u8], &'a [u8]), &'a mut [u8]>;

/// A collection runs once this many bytes were allocated since the last
/// one, or as many as were live after it if more.
pub(crate) const MIN_BUDGET: usize = 1 << 20;

/// What an object costs beyond its bytes (its entry).
const OVERHEAD: usize = core::mem::size_of::<Entry>();

/// The most bytes a heap may hold whatever the limits say: 4 GiB, as
/// wasmtime's 32-bit GC heap (so an untrusted program cannot take the
/// host's memory when the embedder sets no limit).
pub(crate) const MAX_HEAP: u64 = 1 << 32;

/// The bytes between two questions to the resource limiter.
const CHUNK: usize = 1 << 20;

/// What an allocation of some bytes may do now.
pub(crate) enum Admit {
    Go,
    /// Collect first (then the op runs again).
    Collect,
    /// Trap: the limits refuse it even after a collection.
    Refuse,
}

/// The GC heap of a store; see the module docs.
pub(crate) struct GcHeap {
    entries: Vec<Entry>,
    free: Vec<u32>,
    epoch: u32,
    hosts: Vec<Option<Box<dyn Any + Send + Sync>>>,
    free_hosts: Vec<u32>,
    /// The host's scoped roots (see the module docs).
    lifo: Vec<u64>,
    /// The host's owned roots: each cell stays a root while its token
    /// lives.
    owned: Vec<(u64, Weak<()>)>,
    /// The length of `owned` after its last pruning.
    owned_pruned: usize,
    /// Bytes alive after the last collection, and allocated since.
    live: usize,
    since: usize,
    /// No object was allocated since the last collection (or postponed
    /// one): collecting again would free nothing.
    fresh: bool,
}

impl Default for GcHeap {
    fn default() -> Self {
        GcHeap {
            entries: Vec::new(),
            free: Vec::new(),
            epoch: 1,
            hosts: Vec::new(),
            free_hosts: Vec::new(),
            lifo: Vec::new(),
            owned: Vec::new(),
            owned_pruned: 0,
            live: 0,
            since: 0,
            fresh: true,
        }
    }
}

/// Whether cell `c` may be an object handle (not null, not an `i31`).
#[inline(always)]
pub(crate) fn is_handle(c: u64) -> bool {
    c >> 32 != 0
}

/// The cell of `i31` value `v` (its low 31 bits).
#[inline(always)]
pub(crate) fn i31(v: u32) -> u64 {
    u64::from(v << 1 | 1)
}

/// Zeroed bytes, `None` if the host cannot allocate them.
pub(crate) fn zeroed(n: usize) -> Option<Box<[u8]>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).ok()?;
    v.resize(n, 0);
    Some(v.into_boxed_slice())
}

/// Read the `N` bytes at `off` of `d`.
#[inline(always)]
pub(crate) fn read<const N: usize>(d: &[u8], off: usize) -> Option<[u8; N]> {
    d.get(off..off.checked_add(N)?)?.try_into().ok()
}

/// The value of storage `st` at `off` of `d` as a cell (packed values
/// zero-extended; `v128` low half).
#[inline]
pub(crate) fn read_cell(d: &[u8], st: Storage, off: usize) -> u64 {
    match st {
        Storage::I8 => read::<1>(d, off).map_or(0, |b| u64::from(b[0])),
        Storage::I16 => read::<2>(d, off).map_or(0, |b| u64::from(u16::from_le_bytes(b))),
        Storage::I32 => read::<4>(d, off).map_or(0, |b| u64::from(u32::from_le_bytes(b))),
        Storage::I64 | Storage::Ref | Storage::V128 => {
            read::<8>(d, off).map_or(0, u64::from_le_bytes)
        }
    }
}

/// Write the low `n` bytes of `v` (a cell, or a `v128`) at `off` of `d`
/// (packed values truncated); false if they do not fit.
#[inline(always)]
pub(crate) fn write(d: &mut [u8], off: usize, v: u128, n: usize) -> bool {
    let bytes = v.to_le_bytes();
    match (d.get_mut(off..off.saturating_add(n)), bytes.get(..n)) {
        (Some(dst), Some(src)) => {
            dst.copy_from_slice(src);
            true
        }
        _ => false,
    }
}

impl GcHeap {
    #[inline(always)]
    fn entry(&self, h: u64) -> Option<&Entry> {
        let (epoch, index) = ((h >> 32) as u32, h as u32);
        let e = self.entries.get(index as usize)?;
        if epoch != 0 && e.epoch == epoch { Some(e) } else { None }
    }

    /// The object `h` refers to, if it is a live handle.
    #[inline(always)]
    pub fn get(&self, h: u64) -> Option<Obj<'_>> {
        self.entry(h).map(|e| Obj { kind: e.kind, ty: e.ty, len: e.len, data: &e.data })
    }

    /// The bytes of object `h`, if it is a live handle.
    #[inline(always)]
    pub fn data(&self, h: u64) -> Option<&[u8]> {
        self.entry(h).map(|e| &e.data[..])
    }

    /// The bytes of object `h`, to write, if it is a live handle.
    #[inline(always)]
    pub fn data_mut(&mut self, h: u64) -> Option<&mut [u8]> {
        let (epoch, index) = ((h >> 32) as u32, h as u32);
        let e = self.entries.get_mut(index as usize)?;
        if epoch != 0 && e.epoch == epoch { Some(&mut e.data) } else { None }
    }

    /// The bytes of two objects, to copy between (the same object twice
    /// gives `Err(bytes)`).
    pub fn data_pair(&mut self, a: u64, b: u64) -> Option<DataPair<'_>> {
        self.entry(a)?;
        self.entry(b)?;
        let (ia, ib) = (a as u32 as usize, b as u32 as usize);
        if ia == ib {
            return Some(Err(&mut self.entries[ia].data));
        }
        let (lo, hi) = self.entries.split_at_mut(ia.max(ib));
        let (x, y) = (&mut lo[ia.min(ib)], &mut hi[0]);
        Some(Ok(if ia < ib { (&mut x.data, &y.data) } else { (&mut y.data, &x.data) }))
    }

    /// Whether an allocation should collect first.
    #[inline(always)]
    pub fn wants_collection(&self) -> bool {
        self.since >= MIN_BUDGET.max(self.live)
    }

    /// Whether an allocation of `bytes` may go ahead: the budget, the limit
    /// and the resource limiter (asked when the heap crosses a [`CHUNK`]
    /// boundary) decide. A spent budget or a refusal collects first, unless
    /// nothing was allocated since the last collection (or refused since:
    /// the program may have dropped references before trying again), or
    /// `may_collect` is false (instantiation), which never collects.
    pub fn admit(
        &mut self,
        bytes: usize,
        limiter: Option<&mut dyn ResourceLimiter>,
        may_collect: bool,
    ) -> Admit {
        let may_free = may_collect && !self.fresh;
        if may_free && (self.wants_collection() || !self.fits(bytes)) {
            return Admit::Collect;
        }
        // The heap grows by the object and its entry: the limiter sees
        // every boundary crossed (FINDINGS #25).
        let cur = self.size();
        let want = cur.saturating_add(bytes).saturating_add(OVERHEAD);
        let ok = self.fits(bytes)
            && (want / CHUNK == cur / CHUNK
                || limiter.is_none_or(|l| l.gc_heap_growing(cur, want)));
        match ok {
            true => Admit::Go,
            false if may_free => Admit::Collect,
            false => {
                self.fresh = false;
                Admit::Refuse
            }
        }
    }

    /// Whether `bytes` more may be allocated under the limit.
    pub fn fits(&self, bytes: usize) -> bool {
        let total = self.live.saturating_add(self.since).saturating_add(bytes);
        total.saturating_add(OVERHEAD) as u64 <= MAX_HEAP
    }

    /// Bytes the heap holds (live after the last collection, allocated
    /// since).
    pub fn size(&self) -> usize {
        self.live + self.since
    }

    /// Allocate an object; its handle.
    pub fn alloc(&mut self, kind: Kind, ty: u32, len: u32, data: Box<[u8]>) -> u64 {
        self.since += data.len() + OVERHEAD;
        self.fresh = false;
        let entry = Entry { data, epoch: self.epoch, ty, len, kind, marked: false };
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

    /// Allocate an exception of tag `tag` with payload `cells`.
    pub fn alloc_exn(&mut self, tag: u32, cells: &[u64]) -> u64 {
        let data: Vec<u8> = cells.iter().flat_map(|c| c.to_le_bytes()).collect();
        self.alloc(Kind::Exn, tag, cells.len() as u32, data.into())
    }

    /// The tag and payload cells of exception `h`.
    pub fn exn(&self, h: u64) -> Option<(u32, impl Iterator<Item = u64> + '_)> {
        let e = self.entry(h).filter(|e| e.kind == Kind::Exn)?;
        let cells = e.data.chunks_exact(8).map(|c| read::<8>(c, 0).map_or(0, u64::from_le_bytes));
        Some((e.ty, cells))
    }

    /// Allocate a host value; its handle.
    pub fn alloc_host(&mut self, value: Box<dyn Any + Send + Sync>) -> u64 {
        let i = match self.free_hosts.pop() {
            Some(i) => {
                self.hosts[i as usize] = Some(value);
                i
            }
            None => {
                self.hosts.push(Some(value));
                (self.hosts.len() - 1) as u32
            }
        };
        self.alloc(Kind::Host, i, 0, Box::default())
    }

    /// The host value `h` refers to.
    pub fn host(&self, h: u64) -> Option<&(dyn Any + Send + Sync)> {
        let e = self.entry(h).filter(|e| e.kind == Kind::Host)?;
        self.hosts.get(e.ty as usize)?.as_deref()
    }

    /// The host value `h` refers to, to change.
    pub fn host_mut(&mut self, h: u64) -> Option<&mut (dyn Any + Send + Sync)> {
        let i = self.entry(h).filter(|e| e.kind == Kind::Host)?.ty;
        self.hosts.get_mut(i as usize)?.as_deref_mut()
    }

    /// Root cell `c` in the LIFO list (nothing if it is not an object
    /// handle, or is already the list's last entry).
    #[inline]
    pub fn root(&mut self, c: u64) {
        if is_handle(c) && self.lifo.last() != Some(&c) {
            self.lifo.push(c);
        }
    }

    /// The length of the LIFO root list (what a scope truncates it back to).
    #[inline]
    pub fn lifo_len(&self) -> usize {
        self.lifo.len()
    }

    /// End a scope: drop the LIFO roots pushed since its length was `len`.
    #[inline]
    pub fn truncate_lifo(&mut self, len: usize) {
        self.lifo.truncate(len);
    }

    /// Room for `n` more LIFO roots.
    pub fn reserve_lifo(&mut self, n: usize) {
        self.lifo.reserve(n);
    }

    /// Root cell `c` while `token` lives (nothing if it is not an object
    /// handle).
    pub fn root_owned(&mut self, c: u64, token: Weak<()>) {
        if !is_handle(c) {
            return;
        }
        if self.owned.len() >= 2 * self.owned_pruned.max(32) {
            self.prune_owned();
        }
        self.owned.push((c, token));
    }

    fn prune_owned(&mut self) {
        self.owned.retain(|(_, t)| t.strong_count() > 0);
        self.owned_pruned = self.owned.len();
    }

    /// Collect: keep what `roots` (candidate cells) and the host's roots
    /// reach through the reference fields `types` lays out, exception
    /// payloads (scanned conservatively) included; free the rest.
    pub fn collect(&mut self, roots: impl Iterator<Item = u64>, types: &TypeRegistry) {
        self.prune_owned();
        let host = self.lifo.iter().copied().chain(self.owned.iter().map(|&(c, _)| c));
        let mut work: Vec<u64> = roots.chain(host).filter(|&c| is_handle(c)).collect();
        while let Some(h) = work.pop() {
            let (epoch, index) = ((h >> 32) as u32, h as u32);
            let Some(e) = self.entries.get_mut(index as usize) else { continue };
            if epoch == 0 || e.epoch != epoch || e.marked {
                continue;
            }
            e.marked = true;
            let cell = |off: usize| read::<8>(&e.data, off).map_or(0, u64::from_le_bytes);
            match e.kind {
                Kind::Struct => {
                    if let Some(Layout::Struct { refs, .. }) = types.layout(e.ty) {
                        work.extend(
                            refs.iter().map(|&o| cell(o as usize)).filter(|&c| is_handle(c)),
                        );
                    }
                }
                Kind::Array => {
                    if let Some(Layout::Array { elem: Storage::Ref }) = types.layout(e.ty) {
                        work.extend(
                            (0..e.len as usize).map(|i| cell(i * 8)).filter(|&c| is_handle(c)),
                        );
                    }
                }
                Kind::Exn => {
                    work.extend((0..e.len as usize).map(|i| cell(i * 8)).filter(|&c| is_handle(c)));
                }
                Kind::Host => {}
            }
        }
        self.live = 0;
        for (i, e) in self.entries.iter_mut().enumerate() {
            if e.marked {
                e.marked = false;
                self.live += e.data.len() + OVERHEAD;
            } else if e.epoch != 0 {
                if e.kind == Kind::Host
                    && let Some(slot) = self.hosts.get_mut(e.ty as usize)
                {
                    *slot = None;
                    self.free_hosts.push(e.ty);
                }
                e.epoch = 0;
                e.data = Box::default();
                self.free.push(i as u32);
            }
        }
        self.since = 0;
        self.fresh = true;
        self.epoch = self.epoch.checked_add(1).unwrap_or(1);
    }

    /// Do not collect before another budget is allocated (when a
    /// collection is not possible now).
    pub fn postpone(&mut self) {
        self.live = self.live.saturating_add(self.since);
        self.since = 0;
        self.fresh = true;
    }

    /// Objects alive after the last collection plus those allocated since.
    pub fn len(&self) -> usize {
        self.entries.len() - self.free.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_what_roots_do_not_reach_and_stale_handles_find_nothing() {
        let types = TypeRegistry::default();
        let mut heap = GcHeap::default();
        let a = heap.alloc_exn(0, &[1]);
        let b = heap.alloc_exn(0, &[a]); // b's payload holds a
        let c = heap.alloc_exn(0, &[]);
        // A cycle only the garbage reaches.
        let d = heap.alloc_exn(0, &[0]);
        let e = heap.alloc_exn(0, &[d]);
        if let Some(bytes) = heap.data_mut(d) {
            bytes.copy_from_slice(&e.to_le_bytes());
        }
        let h = heap.alloc_host(Box::new(5u8));
        assert!(is_handle(a) && heap.get(b).is_some());
        assert_eq!(heap.host(h).and_then(|v| v.downcast_ref::<u8>()), Some(&5));
        heap.collect([b, 7, u64::MAX, i31(3)].into_iter(), &types);
        assert!(heap.get(a).is_some() && heap.get(b).is_some());
        assert!(heap.get(c).is_none() && heap.get(d).is_none() && heap.get(e).is_none());
        assert!(heap.host(h).is_none());
        assert_eq!(heap.len(), 2);
        // Freed entries are reused, under a new epoch.
        let f = heap.alloc_exn(0, &[]);
        assert!(heap.get(h).is_none() && heap.get(f).is_some());
        assert_eq!(heap.exn(b).map(|(t, c)| (t, c.collect::<Vec<_>>())), Some((0, alloc::vec![a])));
        heap.collect(core::iter::empty(), &types);
        assert_eq!(heap.len(), 0);
    }

    #[test]
    fn host_roots_keep_objects_until_their_scope_ends_or_token_dies() {
        let types = TypeRegistry::default();
        let mut heap = GcHeap::default();
        let (a, b, c) = (heap.alloc_exn(0, &[]), heap.alloc_exn(0, &[]), heap.alloc_exn(0, &[]));
        let d = heap.alloc_exn(0, &[c]); // reaches c
        heap.root(a);
        let scope = heap.lifo_len();
        // Null, i31 and a repeat are not pushed.
        for cell in [b, b, i31(5), 0] {
            heap.root(cell);
        }
        assert_eq!(heap.lifo_len(), scope + 1);
        let token = alloc::sync::Arc::new(());
        heap.root_owned(d, alloc::sync::Arc::downgrade(&token));
        heap.root_owned(i31(1), alloc::sync::Arc::downgrade(&token));
        heap.collect(core::iter::empty(), &types);
        assert_eq!(heap.len(), 4);
        heap.truncate_lifo(scope);
        heap.collect(core::iter::empty(), &types);
        assert!(heap.get(b).is_none() && heap.get(c).is_some() && heap.get(d).is_some());
        drop(token);
        heap.collect(core::iter::empty(), &types);
        assert!(heap.get(a).is_some() && heap.get(c).is_none() && heap.get(d).is_none());
        assert!(heap.owned.is_empty());
        assert_eq!(heap.len(), 1);
    }
}
