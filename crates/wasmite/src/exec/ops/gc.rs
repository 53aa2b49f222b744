//! The bodies of the GC ops, and the functions they call (allocation,
//! element access, casts).
//!
//! One family of the shared op bodies: `$crate::exec::ops::next_family!`
//! appends them to the families before and hands the list on (see
//! `ops/mod.rs`). They reach the heap through `heap!()`, the type registry
//! through `types!()`, the store's functions through `funcs!()`, and stop
//! the run to collect with `collect!()` (the op runs again afterwards, so
//! an allocating op checks before it changes anything).

use crate::exec::FuncEntity;
use crate::ir::{cast, gc_kind};
use crate::limits::ResourceLimiter;
use crate::runtime::{GcHeap, Kind, Layout, Storage, TypeRegistry, read};

/// Admit an allocation of `$n` bytes ([`admit`]): go on, stop to collect,
/// or trap.
macro_rules! gc_admit {
    ($n:expr) => {
        match gc::admit(heap!(), $n, limiter!()) {
            gc::Admit::Go => {}
            gc::Admit::Collect => collect!(),
            gc::Admit::Refuse => {
                heap!().refused();
                trap!(TrapCode::AllocationTooLarge)
            }
        }
    };
}
pub(crate) use gc_admit;

macro_rules! bodies {
    ([$($rest:ident),*] $cb:ident $args:tt $($arms:tt)*) => {
        $crate::exec::ops::next_family! { [$($rest),*] $cb $args $($arms)*
            StructNew { dst, base, ty } => {
                let id = inst!().types[ty as usize];
                let reg = types!();
                let Some(Layout::Struct { fields, size, .. }) = reg.layout(id) else {
                    trap!(TrapCode::Unreachable)
                };
                let size = *size as usize;
                gc_admit!(size);
                let Some(mut data) = zeroed(size) else {
                    trap!(TrapCode::AllocationTooLarge)
                };
                for (i, &(st, off)) in fields.iter().enumerate() {
                    let s = base as usize + i;
                    if st == Storage::V128 {
                        let v: [u8; 16] = vr!(s);
                        data[off as usize..off as usize + 16].copy_from_slice(&v);
                    } else {
                        write_cell(&mut data, st, off as usize, r!(s));
                    }
                }
                w!(dst, heap!().alloc(Kind::Struct, id, 0, data))
            };
            StructNewDefault { dst, ty } => {
                let id = inst!().types[ty as usize];
                let Some(Layout::Struct { size, .. }) = types!().layout(id) else {
                    trap!(TrapCode::Unreachable)
                };
                let size = *size as usize;
                gc_admit!(size);
                let Some(data) = zeroed(size) else {
                    trap!(TrapCode::AllocationTooLarge)
                };
                w!(dst, heap!().alloc(Kind::Struct, id, 0, data))
            };
            StructGet { dst, obj, off } => {
                match heap!().data(r!(obj)).and_then(|d| read::<8>(d, off as usize)) {
                    Some(b) => w!(dst, u64::from_le_bytes(b)),
                    None => trap!(TrapCode::NullStructReference),
                }
            };
            StructGet32 { dst, obj, off } => {
                match heap!().data(r!(obj)).and_then(|d| read::<4>(d, off as usize)) {
                    Some(b) => w!(dst, u64::from(u32::from_le_bytes(b))),
                    None => trap!(TrapCode::NullStructReference),
                }
            };
            StructGetI8S { dst, obj, off } => {
                match heap!().data(r!(obj)).and_then(|d| read::<1>(d, off as usize)) {
                    Some(b) => w!(dst, b[0] as i8 as i32 as u32 as u64),
                    None => trap!(TrapCode::NullStructReference),
                }
            };
            StructGetI8U { dst, obj, off } => {
                match heap!().data(r!(obj)).and_then(|d| read::<1>(d, off as usize)) {
                    Some(b) => w!(dst, u64::from(b[0])),
                    None => trap!(TrapCode::NullStructReference),
                }
            };
            StructGetI16S { dst, obj, off } => {
                match heap!().data(r!(obj)).and_then(|d| read::<2>(d, off as usize)) {
                    Some(b) => w!(dst, i16::from_le_bytes(b) as i32 as u32 as u64),
                    None => trap!(TrapCode::NullStructReference),
                }
            };
            StructGetI16U { dst, obj, off } => {
                match heap!().data(r!(obj)).and_then(|d| read::<2>(d, off as usize)) {
                    Some(b) => w!(dst, u64::from(u16::from_le_bytes(b))),
                    None => trap!(TrapCode::NullStructReference),
                }
            };
            StructGetV { vd, obj, off } => {
                match heap!().data(r!(obj)).and_then(|d| read::<16>(d, off as usize)) {
                    Some(b) => vw!(vd, b),
                    None => trap!(TrapCode::NullStructReference),
                }
            };
            StructSet { obj, src, off } => {
                let v = r!(src);
                if !gc::write(heap!(), r!(obj), off as usize, &v.to_le_bytes()) {
                    trap!(TrapCode::NullStructReference)
                }
            };
            StructSet32 { obj, src, off } => {
                let v = r!(src) as u32;
                if !gc::write(heap!(), r!(obj), off as usize, &v.to_le_bytes()) {
                    trap!(TrapCode::NullStructReference)
                }
            };
            StructSet8 { obj, src, off } => {
                let v = r!(src) as u8;
                if !gc::write(heap!(), r!(obj), off as usize, &[v]) {
                    trap!(TrapCode::NullStructReference)
                }
            };
            StructSet16 { obj, src, off } => {
                let v = r!(src) as u16;
                if !gc::write(heap!(), r!(obj), off as usize, &v.to_le_bytes()) {
                    trap!(TrapCode::NullStructReference)
                }
            };
            StructSetV { obj, vs, off } => {
                let v: [u8; 16] = vr!(vs);
                if !gc::write(heap!(), r!(obj), off as usize, &v) {
                    trap!(TrapCode::NullStructReference)
                }
            };

            ArrayNew { dst, init, len, ty } => {
                let id = inst!().types[ty as usize];
                let elem = gc::elem_of(types!(), id);
                let (n, size) = (r!(len) as u32, elem.size() as usize);
                let Some(bytes) = (n as usize).checked_mul(size) else {
                    trap!(TrapCode::AllocationTooLarge)
                };
                gc_admit!(bytes);
                let Some(mut data) = zeroed(bytes) else {
                    trap!(TrapCode::AllocationTooLarge)
                };
                if elem == Storage::V128 {
                    let v: [u8; 16] = vr!(init);
                    gc::fill(&mut data, &v);
                } else {
                    let v = r!(init).to_le_bytes();
                    gc::fill(&mut data, &v[..size]);
                }
                w!(dst, heap!().alloc(Kind::Array, id, n, data))
            };
            ArrayNewDefault { dst, len, ty } => {
                let id = inst!().types[ty as usize];
                let elem = gc::elem_of(types!(), id);
                let n = r!(len) as u32;
                let Some(bytes) = (n as usize).checked_mul(elem.size() as usize) else {
                    trap!(TrapCode::AllocationTooLarge)
                };
                gc_admit!(bytes);
                let Some(data) = zeroed(bytes) else {
                    trap!(TrapCode::AllocationTooLarge)
                };
                w!(dst, heap!().alloc(Kind::Array, id, n, data))
            };
            ArrayNewFixed { dst, base, n, ty } => {
                let id = inst!().types[ty as usize];
                let elem = gc::elem_of(types!(), id);
                let size = elem.size() as usize;
                let bytes = n as usize * size; // (n is at most 10,000)
                gc_admit!(bytes);
                let Some(mut data) = zeroed(bytes) else {
                    trap!(TrapCode::AllocationTooLarge)
                };
                for i in 0..n as usize {
                    let s = base as usize + i;
                    if elem == Storage::V128 {
                        let v: [u8; 16] = vr!(s);
                        data[i * 16..i * 16 + 16].copy_from_slice(&v);
                    } else {
                        write_cell(&mut data, elem, i * size, r!(s));
                    }
                }
                w!(dst, heap!().alloc(Kind::Array, id, n, data))
            };
            ArrayNewData { dst, s, n, ty, data } => {
                let id = inst!().types[ty as usize];
                let size = gc::elem_of(types!(), id).size() as usize;
                let (s, n) = (r!(s) as u32 as u64, r!(n) as u32);
                let Some(bytes) = (n as usize).checked_mul(size) else {
                    trap!(TrapCode::AllocationTooLarge)
                };
                let seg = &datas!()[inst!().datas[data as usize] as usize];
                let Some(rg) = range(s, bytes as u64, seg.len()) else {
                    trap!(TrapCode::MemoryOutOfBounds)
                };
                gc_admit!(bytes);
                let Some(mut d) = zeroed(bytes) else {
                    trap!(TrapCode::AllocationTooLarge)
                };
                let seg = &datas!()[inst!().datas[data as usize] as usize];
                d.copy_from_slice(&seg[rg]);
                w!(dst, heap!().alloc(Kind::Array, id, n, d))
            };
            ArrayNewElem { dst, s, n, ty, elem } => {
                let id = inst!().types[ty as usize];
                let (s, n) = (r!(s) as u32 as u64, r!(n) as u32);
                let seg = &elems!()[inst!().elems[elem as usize] as usize];
                let Some(rg) = range(s, u64::from(n), seg.len()) else {
                    trap!(TrapCode::TableOutOfBounds)
                };
                let Some(bytes) = (n as usize).checked_mul(8) else {
                    trap!(TrapCode::AllocationTooLarge)
                };
                gc_admit!(bytes);
                let Some(mut d) = zeroed(bytes) else {
                    trap!(TrapCode::AllocationTooLarge)
                };
                let seg = &elems!()[inst!().elems[elem as usize] as usize];
                for (i, c) in seg[rg].iter().enumerate() {
                    d[i * 8..i * 8 + 8].copy_from_slice(&c.to_le_bytes());
                }
                w!(dst, heap!().alloc(Kind::Array, id, n, d))
            };
            ArrayGet { dst, arr, idx, kind } => {
                let Some(o) = heap!().get(r!(arr)) else { trap!(TrapCode::NullArrayReference) };
                match gc::get(o.data, kind, r!(idx) as u32 as usize) {
                    Some(v) => w!(dst, v),
                    None => trap!(TrapCode::ArrayOutOfBounds),
                }
            };
            ArrayGetV { vd, arr, idx } => {
                let Some(d) = heap!().data(r!(arr)) else { trap!(TrapCode::NullArrayReference) };
                match read::<16>(d, gc::at(r!(idx), 16)) {
                    Some(v) => vw!(vd, v),
                    None => trap!(TrapCode::ArrayOutOfBounds),
                }
            };
            ArraySet { arr, idx, src, kind } => {
                let v = r!(src).to_le_bytes();
                let Some(d) = heap!().data_mut(r!(arr)) else {
                    trap!(TrapCode::NullArrayReference)
                };
                let size = gc_kind::size(kind);
                let at = gc::at(r!(idx), size);
                match d.get_mut(at..at.saturating_add(size)) {
                    Some(e) => e.copy_from_slice(&v[..size]),
                    None => trap!(TrapCode::ArrayOutOfBounds),
                }
            };
            ArraySetV { arr, idx, vs } => {
                let v: [u8; 16] = vr!(vs);
                let Some(d) = heap!().data_mut(r!(arr)) else {
                    trap!(TrapCode::NullArrayReference)
                };
                let at = gc::at(r!(idx), 16);
                match d.get_mut(at..at.saturating_add(16)) {
                    Some(e) => e.copy_from_slice(&v),
                    None => trap!(TrapCode::ArrayOutOfBounds),
                }
            };
            ArrayLen { dst, arr } => {
                match heap!().get(r!(arr)) {
                    Some(o) => w!(dst, u64::from(o.len)),
                    None => trap!(TrapCode::NullArrayReference),
                }
            };
            ArrayFill { arr, d, v, n, kind } => {
                let bytes: [u8; 16] = if kind == gc_kind::V128 {
                    vr!(v)
                } else {
                    (u128::from(r!(v))).to_le_bytes()
                };
                let size = gc_kind::size(kind);
                let (d, n) = (r!(d) as u32 as u64, r!(n) as u32 as u64);
                let Some(data) = heap!().data_mut(r!(arr)) else {
                    trap!(TrapCode::NullArrayReference)
                };
                let Some(rg) = range(d * size as u64, n * size as u64, data.len()) else {
                    trap!(TrapCode::ArrayOutOfBounds)
                };
                gc::fill(&mut data[rg], &bytes[..size]);
            };
            ArrayCopy { da, d, sa, s, n, size } => {
                let size = u64::from(size);
                let (d, s, n) = (r!(d) as u32 as u64 * size, r!(s) as u32 as u64 * size, r!(n) as u32 as u64 * size);
                let (a, b) = (r!(da), r!(sa));
                match heap!().data_pair(a, b) {
                    None => trap!(TrapCode::NullArrayReference),
                    Some(Ok((dst, src))) => {
                        let (Some(dr), Some(sr)) = (range(d, n, dst.len()), range(s, n, src.len())) else {
                            trap!(TrapCode::ArrayOutOfBounds)
                        };
                        dst[dr].copy_from_slice(&src[sr]);
                    }
                    Some(Err(same)) => {
                        let (Some(dr), Some(sr)) = (range(d, n, same.len()), range(s, n, same.len())) else {
                            trap!(TrapCode::ArrayOutOfBounds)
                        };
                        same.copy_within(sr, dr.start);
                    }
                }
            };
            ArrayInitData { arr, d, s, n, data, size } => {
                let size = u64::from(size);
                let (d, s, n) = (r!(d) as u32 as u64 * size, r!(s) as u32 as u64, r!(n) as u32 as u64 * size);
                let seg = &datas!()[inst!().datas[data as usize] as usize];
                let Some(dst) = heap!().data_mut(r!(arr)) else {
                    trap!(TrapCode::NullArrayReference)
                };
                let Some(dr) = range(d, n, dst.len()) else { trap!(TrapCode::ArrayOutOfBounds) };
                let Some(sr) = range(s, n, seg.len()) else { trap!(TrapCode::MemoryOutOfBounds) };
                dst[dr].copy_from_slice(&seg[sr]);
            };
            ArrayInitElem { arr, d, s, n, elem } => {
                let (d, s, n) = (r!(d) as u32 as u64, r!(s) as u32 as u64, r!(n) as u32 as u64);
                let seg = &elems!()[inst!().elems[elem as usize] as usize];
                let Some(dst) = heap!().data_mut(r!(arr)) else {
                    trap!(TrapCode::NullArrayReference)
                };
                let Some(dr) = range(d * 8, n * 8, dst.len()) else { trap!(TrapCode::ArrayOutOfBounds) };
                let Some(sr) = range(s, n, seg.len()) else { trap!(TrapCode::TableOutOfBounds) };
                for (e, c) in dst[dr].chunks_exact_mut(8).zip(&seg[sr]) {
                    e.copy_from_slice(&c.to_le_bytes());
                }
            };

            RefI31 { dst, src } => {
                w!(dst, crate::runtime::i31(r!(src) as u32))
            };
            I31GetS { dst, src } => {
                let c = r!(src);
                if c == 0 {
                    trap!(TrapCode::NullI31Reference)
                }
                w!(dst, ((c as u32 as i32) >> 1) as u32 as u64)
            };
            I31GetU { dst, src } => {
                let c = r!(src);
                if c == 0 {
                    trap!(TrapCode::NullI31Reference)
                }
                w!(dst, u64::from(c as u32 >> 1))
            };
            RefTest { dst, src, ht, flags } => {
                let ok = gc::test(heap!(), types!(), funcs!(), &inst!().types, r!(src), ht, flags);
                w!(dst, u64::from(ok != (flags & cast::NEGATE != 0)))
            };
            RefCast { src, ht, flags } => {
                if !gc::test(heap!(), types!(), funcs!(), &inst!().types, r!(src), ht, flags) {
                    trap!(TrapCode::CastFailure)
                }
            };
        }
    };
}
pub(crate) use bodies;

/// The element storage of array type `id`.
#[inline]
pub(crate) fn elem_of(types: &TypeRegistry, id: u32) -> Storage {
    match types.layout(id) {
        Some(Layout::Array { elem }) => *elem,
        _ => Storage::I64,
    }
}

/// What an allocation of some bytes may do now.
pub(crate) enum Admit {
    Go,
    /// Collect first (then the op runs again).
    Collect,
    /// Trap: the limits refuse it even after a collection.
    Refuse,
}

/// The bytes between two questions to the limiter.
const CHUNK: usize = 1 << 20;

/// Whether an allocation of `n` bytes may go ahead: the heap's budget, its
/// limit and the resource limiter (asked when the heap crosses a MiB
/// boundary) decide; a refusal collects first unless the heap has just
/// been collected.
#[inline]
pub(crate) fn admit(heap: &GcHeap, n: usize, limiter: Option<&mut dyn ResourceLimiter>) -> Admit {
    if heap.should_collect(n) {
        return Admit::Collect;
    }
    let (cur, want) = (heap.size(), heap.size().saturating_add(n));
    let ok = heap.fits(n)
        && (want / CHUNK == cur / CHUNK || limiter.is_none_or(|l| l.gc_heap_growing(cur, want)));
    match ok {
        true => Admit::Go,
        false if heap.may_free() => Admit::Collect,
        false => Admit::Refuse,
    }
}

/// Fill `data` with copies of `v` (whose length divides `data`'s): the
/// first copy, then the filled prefix doubled until done (a few `memcpy`s
/// however long the array).
#[inline]
pub(crate) fn fill(data: &mut [u8], v: &[u8]) {
    if v.iter().all(|&b| b == 0) {
        data.fill(0);
        return;
    }
    let Some(first) = data.get_mut(..v.len()) else { return };
    first.copy_from_slice(v);
    let mut done = v.len();
    while done < data.len() {
        let n = done.min(data.len() - done);
        data.copy_within(..n, done);
        done += n;
    }
}

/// Write `bytes` at `off` of object `h`; `false` if `h` is null (or not
/// live).
#[inline(always)]
pub(crate) fn write(heap: &mut GcHeap, h: u64, off: usize, bytes: &[u8]) -> bool {
    match heap.data_mut(h).and_then(|d| d.get_mut(off..off + bytes.len())) {
        Some(d) => {
            d.copy_from_slice(bytes);
            true
        }
        None => false,
    }
}

/// The byte offset of element `i` (an i32 cell) of `size` bytes (past
/// any array if it does not fit a `usize`).
#[inline(always)]
pub(crate) fn at(i: u64, size: usize) -> usize {
    (i as u32 as usize).saturating_mul(size)
}

/// Element `i` of an array's bytes `d`, read as `kind`; `None` if out of
/// bounds.
#[inline(always)]
pub(crate) fn get(d: &[u8], kind: u8, i: usize) -> Option<u64> {
    Some(match kind {
        gc_kind::U8 => u64::from(*d.get(i)?),
        gc_kind::S8 => *d.get(i)? as i8 as i32 as u32 as u64,
        gc_kind::U16 => u64::from(u16::from_le_bytes(read(d, i.checked_mul(2)?)?)),
        gc_kind::S16 => i16::from_le_bytes(read(d, i.checked_mul(2)?)?) as i32 as u32 as u64,
        gc_kind::I32 => u64::from(u32::from_le_bytes(read(d, i.checked_mul(4)?)?)),
        _ => u64::from_le_bytes(read(d, i.checked_mul(8)?)?),
    })
}

/// Whether cell `c` is a reference of the heap type a cast names (`ht`
/// and `flags`, see `ir::cast`; a concrete type through the instance's
/// `inst_types`). The hierarchy is the target's: validation makes the
/// operand's the same.
pub(crate) fn test(
    heap: &GcHeap,
    types: &TypeRegistry,
    funcs: &[FuncEntity],
    inst_types: &[u32],
    c: u64,
    ht: u32,
    flags: u8,
) -> bool {
    if c == 0 {
        return flags & cast::NULLABLE != 0;
    }
    if flags & cast::CONCRETE != 0 {
        let want = inst_types[ht as usize];
        if types.func_type(want).is_some() {
            let f = funcs.get((c - 1) as usize);
            return f.is_some_and(|f| types.is_subtype(f.sig, want));
        }
        return heap.get(c).is_some_and(|o| {
            matches!(o.kind, Kind::Struct | Kind::Array) && types.is_subtype(o.ty, want)
        });
    }
    let i31 = c >> 32 == 0 && c & 1 == 1;
    match ht {
        cast::ANY | cast::TOP => true,
        cast::BOTTOM => false,
        cast::I31 => i31,
        _ => {
            if i31 {
                return ht == cast::EQ;
            }
            let kind = heap.get(c).map(|o| o.kind);
            match ht {
                cast::EQ => matches!(kind, Some(Kind::Struct | Kind::Array)),
                cast::STRUCT => kind == Some(Kind::Struct),
                _ => kind == Some(Kind::Array),
            }
        }
    }
}
