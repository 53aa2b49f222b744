//! The bodies of the GC ops, and the functions they call (allocation,
//! element access, casts).
//!
//! One family of the shared op bodies: `$crate::exec::ops::next_family!`
//! appends them to the families before and hands the list on (see
//! `ops/mod.rs`). They reach the heap through `heap!()`, the type registry
//! through `types!()`, the store's functions through `funcs!()`, and stop
//! the run to collect with `collect!()` (the op runs again afterwards, so
//! an allocating op checks before it changes anything).

use super::range;
use crate::error::TrapCode;
use crate::exec::FuncEntity;
use crate::ir::{cast, gc_kind};
use crate::limits::ResourceLimiter;
use crate::runtime::{Admit, GcHeap, Kind, Layout, Storage, TypeRegistry, read, write, zeroed};

/// The handle of a new object ([`alloc`]'s arguments after the heap and
/// limiter), or stop the run to collect, or trap.
macro_rules! gc_alloc {
    ($f:ident($($arg:expr),*)) => {
        match gc::$f(heap!(), limiter!(), $($arg),*) {
            Ok(h) => h,
            Err(None) => collect!(),
            Err(Some(code)) => trap!(code),
        }
    };
}
pub(crate) use gc_alloc;

/// `Ok(())`, or trap with the code.
macro_rules! gc_try {
    ($e:expr) => {
        if let Err(code) = $e {
            trap!(code)
        }
    };
}
pub(crate) use gc_try;

// The bodies keep to plain loads and stores and direct calls: a copy of a
// length known only at run time, or a call through the resource limiter,
// goes to an out-of-line function here, so that every threaded handler
// still ends in a jump (FINDINGS #22; `.ci/check-tail-calls`).
macro_rules! bodies {
    ([$($rest:ident),*] $cb:ident $args:tt $($arms:tt)*) => {
        $crate::exec::ops::next_family! { [$($rest),*] $cb $args $($arms)*
            StructNew { dst, base, ty } => {
                let id = inst!().types[ty as usize];
                let reg = types!();
                let Some(Layout::Struct { fields, size, .. }) = reg.layout(id) else {
                    trap!(TrapCode::Unreachable)
                };
                let h = gc_alloc!(alloc(Kind::Struct, id, 0, *size as usize));
                for (i, &(st, off)) in fields.iter().enumerate() {
                    let s = base as usize + i;
                    let v = if st == Storage::V128 {
                        u128::from_le_bytes(vr!(s))
                    } else {
                        u128::from(r!(s))
                    };
                    gc::put(heap!(), h, off as usize, v, st.size() as usize);
                }
                w!(dst, h)
            };
            StructNewDefault { dst, ty } => {
                let id = inst!().types[ty as usize];
                let Some(Layout::Struct { size, .. }) = types!().layout(id) else {
                    trap!(TrapCode::Unreachable)
                };
                let size = *size as usize;
                w!(dst, gc_alloc!(alloc(Kind::Struct, id, 0, size)))
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
                if !gc::put(heap!(), r!(obj), off as usize, u128::from(r!(src)), 8) {
                    trap!(TrapCode::NullStructReference)
                }
            };
            StructSet32 { obj, src, off } => {
                if !gc::put(heap!(), r!(obj), off as usize, u128::from(r!(src)), 4) {
                    trap!(TrapCode::NullStructReference)
                }
            };
            StructSet8 { obj, src, off } => {
                if !gc::put(heap!(), r!(obj), off as usize, u128::from(r!(src)), 1) {
                    trap!(TrapCode::NullStructReference)
                }
            };
            StructSet16 { obj, src, off } => {
                if !gc::put(heap!(), r!(obj), off as usize, u128::from(r!(src)), 2) {
                    trap!(TrapCode::NullStructReference)
                }
            };
            StructSetV { obj, vs, off } => {
                let v = u128::from_le_bytes(vr!(vs));
                if !gc::put(heap!(), r!(obj), off as usize, v, 16) {
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
                let v = if elem == Storage::V128 {
                    u128::from_le_bytes(vr!(init))
                } else {
                    u128::from(r!(init))
                };
                let h = gc_alloc!(alloc(Kind::Array, id, n, bytes));
                if v != 0 {
                    let _ = gc::fill_elems(heap!(), h, 0, u64::from(n), v, size);
                }
                w!(dst, h)
            };
            ArrayNewDefault { dst, len, ty } => {
                let id = inst!().types[ty as usize];
                let elem = gc::elem_of(types!(), id);
                let n = r!(len) as u32;
                let Some(bytes) = (n as usize).checked_mul(elem.size() as usize) else {
                    trap!(TrapCode::AllocationTooLarge)
                };
                w!(dst, gc_alloc!(alloc(Kind::Array, id, n, bytes)))
            };
            ArrayNewFixed { dst, base, n, ty } => {
                let id = inst!().types[ty as usize];
                let elem = gc::elem_of(types!(), id);
                let size = elem.size() as usize;
                // (n is at most 10,000, by validation.)
                let h = gc_alloc!(alloc(Kind::Array, id, n, n as usize * size));
                for i in 0..n as usize {
                    let s = base as usize + i;
                    let v = if elem == Storage::V128 {
                        u128::from_le_bytes(vr!(s))
                    } else {
                        u128::from(r!(s))
                    };
                    gc::put(heap!(), h, i * size, v, size);
                }
                w!(dst, h)
            };
            ArrayNewData { dst, s, n, ty, data } => {
                let id = inst!().types[ty as usize];
                let size = gc::elem_of(types!(), id).size() as u64;
                let (s, n) = (r!(s) as u32 as u64, r!(n) as u32);
                let seg = &datas!()[inst!().datas[data as usize] as usize];
                let Some(rg) = range(s, u64::from(n) * size, seg.len()) else {
                    trap!(TrapCode::MemoryOutOfBounds)
                };
                w!(dst, gc_alloc!(alloc_bytes(id, n, &seg[rg])))
            };
            ArrayNewElem { dst, s, n, ty, elem } => {
                let id = inst!().types[ty as usize];
                let (s, n) = (r!(s) as u32 as u64, r!(n) as u32);
                let seg = &elems!()[inst!().elems[elem as usize] as usize];
                let Some(rg) = range(s, u64::from(n), seg.len()) else {
                    trap!(TrapCode::TableOutOfBounds)
                };
                w!(dst, gc_alloc!(alloc_cells(id, &seg[rg])))
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
                let size = gc_kind::size(kind);
                gc_try!(gc::set_elem(heap!(), r!(arr), r!(idx), u128::from(r!(src)), size));
            };
            ArraySetV { arr, idx, vs } => {
                let v = u128::from_le_bytes(vr!(vs));
                gc_try!(gc::set_elem(heap!(), r!(arr), r!(idx), v, 16));
            };
            ArrayLen { dst, arr } => {
                match heap!().get(r!(arr)) {
                    Some(o) => w!(dst, u64::from(o.len)),
                    None => trap!(TrapCode::NullArrayReference),
                }
            };
            ArrayFill { arr, d, v, n, kind } => {
                let v = if kind == gc_kind::V128 {
                    u128::from_le_bytes(vr!(v))
                } else {
                    u128::from(r!(v))
                };
                let size = gc_kind::size(kind);
                let (d, n) = (r!(d) as u32 as u64, r!(n) as u32 as u64);
                gc_try!(gc::fill_elems(heap!(), r!(arr), d, n, v, size));
            };
            ArrayCopy { da, d, sa, s, n, size } => {
                let (d, s, n) = (r!(d) as u32, r!(s) as u32, r!(n) as u32);
                gc_try!(gc::array_copy(heap!(), r!(da), d, r!(sa), s, n, size));
            };
            ArrayInitData { arr, d, s, n, data, size } => {
                let (d, s, n) = (r!(d) as u32, r!(s) as u32, r!(n) as u32);
                let seg = &datas!()[inst!().datas[data as usize] as usize];
                gc_try!(gc::init_bytes(heap!(), r!(arr), d, s, n, size, seg));
            };
            ArrayInitElem { arr, d, s, n, elem } => {
                let (d, s, n) = (r!(d) as u32, r!(s) as u32, r!(n) as u32);
                let seg = &elems!()[inst!().elems[elem as usize] as usize];
                gc_try!(gc::init_cells(heap!(), r!(arr), d, s, n, seg));
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

/// Why no object was allocated: collect first (`None`), or trap.
pub(crate) type Refused = Option<TrapCode>;

/// A new object of `bytes` zeroed bytes, once [`admit`]ted; its handle.
#[inline(never)]
pub(crate) fn alloc(
    heap: &mut GcHeap,
    limiter: Option<&mut dyn ResourceLimiter>,
    kind: Kind,
    ty: u32,
    len: u32,
    bytes: usize,
) -> Result<u64, Refused> {
    match heap.admit(bytes, limiter, true) {
        Admit::Go => {}
        Admit::Collect => return Err(None),
        Admit::Refuse => return Err(Some(TrapCode::AllocationTooLarge)),
    }
    let data = zeroed(bytes).ok_or(Some(TrapCode::AllocationTooLarge))?;
    Ok(heap.alloc(kind, ty, len, data))
}

/// A new array of type `ty`, `n` elements whose bytes are `src`.
#[inline(never)]
pub(crate) fn alloc_bytes(
    heap: &mut GcHeap,
    limiter: Option<&mut dyn ResourceLimiter>,
    ty: u32,
    n: u32,
    src: &[u8],
) -> Result<u64, Refused> {
    let h = alloc(heap, limiter, Kind::Array, ty, n, src.len())?;
    if let Some(d) = heap.data_mut(h) {
        d.copy_from_slice(src);
    }
    Ok(h)
}

/// A new array of type `ty` (of references) whose elements are `cells`.
#[inline(never)]
pub(crate) fn alloc_cells(
    heap: &mut GcHeap,
    limiter: Option<&mut dyn ResourceLimiter>,
    ty: u32,
    cells: &[u64],
) -> Result<u64, Refused> {
    let bytes = cells.len().checked_mul(8).ok_or(Some(TrapCode::AllocationTooLarge))?;
    let h = alloc(heap, limiter, Kind::Array, ty, cells.len() as u32, bytes)?;
    if let Some(d) = heap.data_mut(h) {
        for (e, c) in d.chunks_exact_mut(8).zip(cells) {
            e.copy_from_slice(&c.to_le_bytes());
        }
    }
    Ok(h)
}

/// The element storage of array type `id`.
#[inline]
pub(crate) fn elem_of(types: &TypeRegistry, id: u32) -> Storage {
    match types.layout(id) {
        Some(Layout::Array { elem }) => *elem,
        _ => Storage::I64,
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

/// Write the low `n` bytes of `v` at byte `off` of object `h`; `false` if
/// `h` is null (or not live).
#[inline(never)]
pub(crate) fn put(heap: &mut GcHeap, h: u64, off: usize, v: u128, n: usize) -> bool {
    heap.data_mut(h).is_some_and(|d| write(d, off, v, n))
}

/// `array.set` of element `i` (an i32 cell) of `size` bytes to `v`.
#[inline(never)]
pub(crate) fn set_elem(
    heap: &mut GcHeap,
    h: u64,
    i: u64,
    v: u128,
    size: usize,
) -> Result<(), TrapCode> {
    let Some(d) = heap.data_mut(h) else { return Err(TrapCode::NullArrayReference) };
    match write(d, at(i, size), v, size) {
        true => Ok(()),
        false => Err(TrapCode::ArrayOutOfBounds),
    }
}

/// `array.fill` of elements `[d, d + n)` of `size` bytes with `v`.
#[inline(never)]
pub(crate) fn fill_elems(
    heap: &mut GcHeap,
    h: u64,
    d: u64,
    n: u64,
    v: u128,
    size: usize,
) -> Result<(), TrapCode> {
    let Some(data) = heap.data_mut(h) else { return Err(TrapCode::NullArrayReference) };
    let size64 = size as u64;
    let rg = range(d * size64, n * size64, data.len()).ok_or(TrapCode::ArrayOutOfBounds)?;
    fill(&mut data[rg], &v.to_le_bytes()[..size.min(16)]);
    Ok(())
}

/// `array.copy` of `n` elements of `size` bytes from element `s` of `sa`
/// to element `d` of `da` (the same array, overlapping, too).
#[inline(never)]
pub(crate) fn array_copy(
    heap: &mut GcHeap,
    da: u64,
    d: u32,
    sa: u64,
    s: u32,
    n: u32,
    size: u8,
) -> Result<(), TrapCode> {
    let size = u64::from(size);
    let (d, s, n) = (u64::from(d) * size, u64::from(s) * size, u64::from(n) * size);
    match heap.data_pair(da, sa) {
        None => Err(TrapCode::NullArrayReference),
        Some(Ok((dst, src))) => {
            let dr = range(d, n, dst.len()).ok_or(TrapCode::ArrayOutOfBounds)?;
            let sr = range(s, n, src.len()).ok_or(TrapCode::ArrayOutOfBounds)?;
            dst[dr].copy_from_slice(&src[sr]);
            Ok(())
        }
        Some(Err(same)) => {
            let dr = range(d, n, same.len()).ok_or(TrapCode::ArrayOutOfBounds)?;
            let sr = range(s, n, same.len()).ok_or(TrapCode::ArrayOutOfBounds)?;
            same.copy_within(sr, dr.start);
            Ok(())
        }
    }
}

/// `array.init_data`: `n` elements of `size` bytes from byte `s` of `seg`
/// to element `d` of `h`.
#[inline(never)]
pub(crate) fn init_bytes(
    heap: &mut GcHeap,
    h: u64,
    d: u32,
    s: u32,
    n: u32,
    size: u8,
    seg: &[u8],
) -> Result<(), TrapCode> {
    let size = u64::from(size);
    let (d, n) = (u64::from(d) * size, u64::from(n) * size);
    let dst = heap.data_mut(h).ok_or(TrapCode::NullArrayReference)?;
    let dr = range(d, n, dst.len()).ok_or(TrapCode::ArrayOutOfBounds)?;
    let sr = range(u64::from(s), n, seg.len()).ok_or(TrapCode::MemoryOutOfBounds)?;
    dst[dr].copy_from_slice(&seg[sr]);
    Ok(())
}

/// `array.init_elem`: `n` references from item `s` of `seg` to element
/// `d` of `h`.
#[inline(never)]
pub(crate) fn init_cells(
    heap: &mut GcHeap,
    h: u64,
    d: u32,
    s: u32,
    n: u32,
    seg: &[u64],
) -> Result<(), TrapCode> {
    let (d, n) = (u64::from(d), u64::from(n));
    let dst = heap.data_mut(h).ok_or(TrapCode::NullArrayReference)?;
    let dr = range(d * 8, n * 8, dst.len()).ok_or(TrapCode::ArrayOutOfBounds)?;
    let sr = range(u64::from(s), n, seg.len()).ok_or(TrapCode::TableOutOfBounds)?;
    for (e, c) in dst[dr].chunks_exact_mut(8).zip(&seg[sr]) {
        e.copy_from_slice(&c.to_le_bytes());
    }
    Ok(())
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
