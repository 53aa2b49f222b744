//! The op bodies both backends share: every op except control transfer
//! (branches to a fixed target, calls, returns, fuel, traps) is written once
//! here, as `Name { fields } => { body };`, and each backend expands the
//! list with [`for_each_shared_op!`] into its own dispatch (a `match` arm or a
//! handler function).
//!
//! Bodies reach the machine only through macros the backend defines:
//! `r!(slot)`/`w!(slot, value)` for registers (`w!(@keep dst, value)`: see
//! `Op::result_in_acc`), `trap!(code)`,
//! `br_if!(cond, target)`, `mem!()` (memory 0's bytes), `memory!(index)`,
//! `tables!()`, `globals!()`, `datas!()`, `elems!()`, `inst!()` (the running
//! instance) and `limiter!()`, plus the helper macros below.

pub(crate) mod control;
pub(crate) mod gc;
pub(crate) mod memory;
pub(crate) mod numeric;
pub(crate) mod simd;
pub(crate) mod table;
pub(crate) mod variable;

use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;

pub(crate) use crate::ir::{cast, gc_kind};
use crate::limits::ResourceLimiter;
use crate::runtime::TableEntity;
pub(crate) use crate::runtime::{Kind, Layout, Storage, read};
pub(crate) use gc::{gc_alloc, gc_try};

/// Expand `$cb!((args) arms...)` with every shared op: the families'
/// bodies, chained in op-code order (the order of `ir::list`).
macro_rules! for_each_shared_op {
    ($cb:ident, $($args:tt)*) => {
        $crate::exec::ops::next_family! {
            [control, variable, memory, table, numeric, gc] $cb ($($args)*)
        }
    };
}
pub(crate) use for_each_shared_op;

/// Expand `$cb!((args) arms...)` with the SIMD ops' bodies (`simd.rs`):
/// apart from the shared list because the threaded backend builds their
/// handlers in the plain form only.
macro_rules! for_each_vector_op {
    ($cb:ident, $($args:tt)*) => {
        $crate::exec::ops::next_family! { [simd] $cb ($($args)*) }
    };
}
pub(crate) use for_each_vector_op;

/// Every op body: the shared ops and the SIMD ops (the portable backend's
/// one `match`).
macro_rules! for_each_op_body {
    ($cb:ident, $($args:tt)*) => {
        $crate::exec::ops::next_family! {
            [control, variable, memory, table, numeric, gc, simd] $cb ($($args)*)
        }
    };
}
pub(crate) use for_each_op_body;

/// Hand the arms gathered so far to the next family of bodies, or, at the
/// end of the chain, to the backend's `$cb`.
macro_rules! next_family {
    ([] $cb:ident ($($args:tt)*) $($arms:tt)*) => {
        $cb! { ($($args)*) $($arms)* }
    };
    ([$next:ident $(, $rest:ident)*] $cb:ident $args:tt $($arms:tt)*) => {
        $crate::exec::ops::$next::bodies! { [$($rest),*] $cb $args $($arms)* }
    };
}
pub(crate) use next_family;

/// Binary i32 op: operands as `u32`, result zero-extended.
macro_rules! i32_bin {
    ($dst:ident, $x:expr, $y:expr, |$a:ident, $b:ident| $e:expr) => {{
        let $a = $x as u32;
        let $b = $y as u32;
        w!($dst, ($e) as u32 as u64)
    }};
}
pub(crate) use i32_bin;

/// Binary i64 op.
macro_rules! i64_bin {
    ($dst:ident, $x:expr, $y:expr, |$a:ident, $b:ident| $e:expr) => {{
        let $a: u64 = $x;
        let $b: u64 = $y;
        w!($dst, ($e) as u64)
    }};
}
pub(crate) use i64_bin;

/// `Ok(v) => v`, `Err(code) => trap!(code)`.
macro_rules! try_trap {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(c) => trap!(c),
        }
    };
}
pub(crate) use try_trap;

/// Load `$n` bytes at `r!($addr) + $offset` from memory 0.
macro_rules! ld {
    ($dst:ident, $addr:ident, $offset:ident, $add:ident, $n:literal, |$b:ident| $conv:expr) => {{
        let a = (r!($addr) as u32).wrapping_add($add as u32);
        match $crate::exec::ops::load::<$n>(mem!(), a, $offset) {
            Some($b) => w!($dst, $conv),
            None => trap!(TrapCode::MemoryOutOfBounds),
        }
    }};
}
pub(crate) use ld;

/// Load `$n` bytes at `(r!($a) << $shift) + r!($b)` (wrapping in 32 bits)
/// plus `$offset` from memory 0 into `$dst`, converted by `$conv`.
macro_rules! ld_sum {
    ($dst:ident, $a:ident, $b:ident, $shift:ident, $offset:ident, $n:literal, |$x:ident| $conv:expr) => {{
        let at = ((r!($a) as u32) << ($shift & 31)).wrapping_add(r!($b) as u32);
        match $crate::exec::ops::load::<$n>(mem!(), at, $offset) {
            Some($x) => w!($dst, $conv),
            None => trap!(TrapCode::MemoryOutOfBounds),
        }
    }};
}
pub(crate) use ld_sum;

/// Write a 128-bit result: its low half to slot `$out`, its high half to
/// `$out + 1` (the two-result ops of wide arithmetic).
macro_rules! w128 {
    ($out:ident, $v:expr) => {{
        let v: u128 = $v;
        w!($out, v as u64);
        w!($out as usize + 1, (v >> 64) as u64)
    }};
}
pub(crate) use w128;

/// The 128-bit value of the halves `lo` and `hi`.
#[inline(always)]
pub(crate) fn u128_of(lo: u64, hi: u64) -> u128 {
    u128::from(lo) | u128::from(hi) << 64
}

/// A loop counter step: `$a += $imm` (i32), and the new value.
macro_rules! step {
    ($a:ident, $imm:ident) => {{
        let v = (r!($a) as u32).wrapping_add($imm as u32);
        w!($a, u64::from(v));
        v
    }};
}
pub(crate) use step;

/// Store the bytes `$bytes(r!($src))` at `r!($addr) + $offset` in memory 0.
macro_rules! st {
    ($addr:ident, $src:ident, $offset:ident, $add:ident, $bytes:expr) => {{
        let v = r!($src);
        let a = (r!($addr) as u32).wrapping_add($add as u32);
        if $crate::exec::ops::store_bytes(mem!(), a, $offset, $bytes(v)).is_none() {
            trap!(TrapCode::MemoryOutOfBounds)
        }
    }};
}
pub(crate) use st;

/// [`Op::ConsumeFuelBulk`](crate::ir::Op::ConsumeFuelBulk)'s measure of
/// the bulk op `$op` that follows it: `Some(n)`, its length in bytes or
/// elements, if it is in bounds, or `None` if it will trap out of bounds
/// (it then costs no more than its basic block, as in wasmi, which checks the
/// bounds before it charges). The checks are the ones the bodies make
/// (`memory.rs`, `table.rs`): the same operand widths, the same ranges.
/// Expanded by both backends' `ConsumeFuelBulk` (cold), with the accessor
/// macros of the shared bodies in scope.
macro_rules! bulk_len {
    ($op:expr) => {{
        use $crate::exec::ops::{index, range};
        use $crate::ir::Op;
        // Each memory's byte length and index width, each segment's length
        // (store addresses through `inst!()`, as in the bodies).
        macro_rules! memory_extent {
            ($m:expr) => {{
                let m = &memory!($m);
                (m.data.len(), m.ty.memory64)
            }};
        }
        macro_rules! table_len {
            ($t:expr) => {
                tables!()[inst!().tables[$t as usize] as usize].elems.len()
            };
        }
        // `n` if `[d, d + n)` fits in `dl` and `[s, s + n)` in `sl`.
        let both = |d: u64, dl: usize, s: u64, sl: usize, n: u64| {
            (range(d, n, dl).is_some() && range(s, n, sl).is_some()).then_some(n)
        };
        match $op {
            Op::MemoryFill { d, n, mem, .. } => {
                let (len, wide) = memory_extent!(mem);
                let n = index(r!(n), wide);
                range(index(r!(d), wide), n, len).map(|_| n)
            }
            Op::MemoryCopy { d, s, n, dst_mem, src_mem } => {
                let ((dl, dw), (sl, sw)) = (memory_extent!(dst_mem), memory_extent!(src_mem));
                both(index(r!(d), dw), dl, index(r!(s), sw), sl, index(r!(n), dw && sw))
            }
            Op::MemoryInit { d, s, n, mem, data } => {
                let (dl, dw) = memory_extent!(mem);
                let sl = datas!()[inst!().datas[data as usize] as usize].len();
                both(index(r!(d), dw), dl, r!(s) as u32 as u64, sl, r!(n) as u32 as u64)
            }
            // (A table64's operands are clamped to 32 bits by the translator.)
            Op::TableFill { d, n, table, .. } => {
                let n = r!(n) as u32 as u64;
                range(r!(d) as u32 as u64, n, table_len!(table)).map(|_| n)
            }
            Op::TableCopy { d, s, n, dst_table, src_table } => {
                let (dl, sl) = (table_len!(dst_table), table_len!(src_table));
                both(r!(d) as u32 as u64, dl, r!(s) as u32 as u64, sl, r!(n) as u32 as u64)
            }
            Op::TableInit { d, s, n, table, elem } => {
                let dl = table_len!(table);
                let sl = elems!()[inst!().elems[elem as usize] as usize].len();
                both(r!(d) as u32 as u64, dl, r!(s) as u32 as u64, sl, r!(n) as u32 as u64)
            }
            // (Never: the translator emits the bulk op right after.)
            _ => None,
        }
    }};
}
pub(crate) use bulk_len;

/// An address or length operand of a memory whose addresses are 64-bit
/// (`wide`) or 32-bit.
#[inline(always)]
pub(crate) fn index(v: u64, wide: bool) -> u64 {
    if wide { v } else { v as u32 as u64 }
}

/// [`Op::LoadX`](crate::ir::Op::LoadX): the value of kind `kind` at
/// `addr + offset` of `mem`, if in bounds.
#[inline(never)]
pub(crate) fn load_x(mem: &[u8], addr: u64, offset: u32, kind: u16) -> Option<u64> {
    use crate::ir::mem_kind::*;
    let at = usize::try_from(addr.checked_add(u64::from(offset))?).ok()?;
    let bytes = |n: usize| mem.get(at..at.checked_add(n)?);
    Some(match kind & 0xff {
        U32 => u64::from(u32::from_le_bytes(bytes(4)?.try_into().ok()?)),
        U64 => u64::from_le_bytes(bytes(8)?.try_into().ok()?),
        S8_32 => u64::from(bytes(1)?[0] as i8 as i32 as u32),
        U8 => u64::from(bytes(1)?[0]),
        S16_32 => u64::from(i16::from_le_bytes(bytes(2)?.try_into().ok()?) as i32 as u32),
        U16 => u64::from(u16::from_le_bytes(bytes(2)?.try_into().ok()?)),
        S8_64 => bytes(1)?[0] as i8 as i64 as u64,
        S16_64 => i16::from_le_bytes(bytes(2)?.try_into().ok()?) as i64 as u64,
        S32_64 => i32::from_le_bytes(bytes(4)?.try_into().ok()?) as i64 as u64,
        _ => return None,
    })
}

/// [`Op::StoreX`](crate::ir::Op::StoreX): store the low `1 << (kind & 3)`
/// bytes of `v` at `addr + offset` of `mem`, if in bounds.
#[inline(never)]
pub(crate) fn store_x(mem: &mut [u8], addr: u64, offset: u32, kind: u16, v: u64) -> Option<()> {
    let at = usize::try_from(addr.checked_add(u64::from(offset))?).ok()?;
    let n = 1usize << (kind & 3);
    mem.get_mut(at..at.checked_add(n)?)?.copy_from_slice(&v.to_le_bytes()[..n]);
    Some(())
}

/// The `N` bytes at `addr + offset` of a 32-bit memory, if in bounds. The sum
/// of two `u32`s cannot overflow a `u64`: one bounds check is all it takes.
#[inline(always)]
pub(crate) fn load<const N: usize>(mem: &[u8], addr: u32, offset: u32) -> Option<[u8; N]> {
    let end = usize::try_from(u64::from(addr) + u64::from(offset) + N as u64).ok()?;
    mem.get(end - N..end)?.try_into().ok()
}

/// Add `imm` to the little-endian `u32` at `addr + offset` of a 32-bit
/// memory, if in bounds (one check for the load and the store).
#[inline(always)]
pub(crate) fn add_u32(mem: &mut [u8], addr: u32, offset: u32, imm: u32) -> Option<()> {
    let end = usize::try_from(u64::from(addr) + u64::from(offset) + 4).ok()?;
    let b: &mut [u8; 4] = mem.get_mut(end - 4..end)?.try_into().ok()?;
    *b = u32::from_le_bytes(*b).wrapping_add(imm).to_le_bytes();
    Some(())
}

/// Write `bytes` at `addr + offset` of a 32-bit memory, if in bounds.
#[inline(always)]
pub(crate) fn store_bytes<const N: usize>(
    mem: &mut [u8],
    addr: u32,
    offset: u32,
    bytes: [u8; N],
) -> Option<()> {
    let end = usize::try_from(u64::from(addr) + u64::from(offset) + N as u64).ok()?;
    // An array assignment, not `copy_from_slice(&bytes)`: a reference to a
    // local would keep it in a stack slot, and a handler with an address-taken
    // local cannot tail-call (fuzz builds showed it).
    let dst: &mut [u8; N] = mem.get_mut(end - N..end)?.try_into().ok()?;
    *dst = bytes;
    Some(())
}

// The bulk ops' bodies, out of line: a threaded handler must not keep a
// local whose address is taken (a `Vec` built in place, a value dropped
// after a call), or it calls the next handler instead of jumping to it
// (instrumented fuzz builds showed it: `.ci/check-tail-calls`). These take
// and return values that travel in registers.

/// `memory.copy` within one memory: `n` bytes from `s` to `d`, if in bounds.
#[inline(never)]
pub(crate) fn copy_within(m: &mut [u8], d: u64, s: u64, n: u64) -> bool {
    match (range(d, n, m.len()), range(s, n, m.len())) {
        (Some(dr), Some(sr)) => {
            m.copy_within(sr, dr.start);
            true
        }
        _ => false,
    }
}

/// The `n` bytes at `s` of a memory, if in bounds (`memory.copy` between
/// two memories: the source is read before the destination is borrowed).
#[inline(never)]
pub(crate) fn copy_out(m: &[u8], s: u64, n: u64) -> Option<Box<[u8]>> {
    Some(m[range(s, n, m.len())?].into())
}

/// Write `bytes` at `d` of a memory, if in bounds.
#[inline(never)]
pub(crate) fn copy_in(m: &mut [u8], d: u64, bytes: Box<[u8]>) -> bool {
    match range(d, bytes.len() as u64, m.len()) {
        Some(dr) => {
            m[dr].copy_from_slice(&bytes);
            true
        }
        None => false,
    }
}

/// `data.drop`: the segment becomes empty.
#[inline(never)]
pub(crate) fn drop_segment(data: &mut Arc<[u8]>) {
    *data = Arc::from(&[][..]);
}

/// `table.copy`: `n` elements from `s` of table `st` to `d` of table `dt`
/// (store addresses), if in bounds.
#[inline(never)]
pub(crate) fn table_copy(
    tables: &mut [TableEntity],
    dt: usize,
    st: usize,
    d: u64,
    s: u64,
    n: u64,
) -> bool {
    let (Some(dr), Some(sr)) =
        (range(d, n, tables[dt].elems.len()), range(s, n, tables[st].elems.len()))
    else {
        return false;
    };
    if dt == st {
        tables[dt].elems.copy_within(sr, dr.start);
    } else {
        let tmp: Vec<u64> = tables[st].elems[sr].to_vec();
        tables[dt].elems[dr].copy_from_slice(&tmp);
    }
    true
}

/// A range `[start, start + n)` within `len`, if in bounds.
#[inline]
pub(crate) fn range(start: u64, n: u64, len: usize) -> Option<core::ops::Range<usize>> {
    let end = start.checked_add(n)?;
    if end > len as u64 {
        return None;
    }
    Some(start as usize..end as usize)
}

pub(crate) fn f32_of(c: u64) -> f32 {
    f32::from_bits(c as u32)
}
pub(crate) fn f64_of(c: u64) -> f64 {
    f64::from_bits(c)
}
pub(crate) fn of_f32(v: f32) -> u64 {
    v.to_bits() as u64
}
pub(crate) fn of_f64(v: f64) -> u64 {
    v.to_bits()
}

/// Reborrow the optional limiter for one call (coercing the object lifetime).
pub(crate) fn reborrow<'a>(
    l: &'a mut Option<&mut dyn ResourceLimiter>,
) -> Option<&'a mut dyn ResourceLimiter> {
    match l {
        Some(l) => Some(&mut **l),
        None => None,
    }
}

// ---- v128 helpers of the SIMD bodies (`simd.rs`) ----

/// Load `$n` bytes at `(r!($addr) + $add) mod 2^32 + $offset` from memory 0
/// into v128 register `$vd`, converted by `$conv`.
macro_rules! vld0 {
    ($vd:ident, $addr:ident, $offset:ident, $add:ident, $n:literal, |$b:ident| $conv:expr) => {{
        let a = (r!($addr) as u32).wrapping_add($add);
        match $crate::exec::ops::load::<$n>(mem!(), a, $offset) {
            Some($b) => vw!($vd, $conv),
            None => trap!(TrapCode::MemoryOutOfBounds),
        }
    }};
}
pub(crate) use vld0;

/// The v128 of the halves `lo` (bytes 0..8) and `hi`.
#[inline(always)]
pub(crate) fn v128_of(lo: u64, hi: u64) -> [u8; 16] {
    (u128::from(lo) | u128::from(hi) << 64).to_le_bytes()
}

/// The low and high halves of a v128.
#[inline(always)]
pub(crate) fn halves(v: [u8; 16]) -> (u64, u64) {
    let x = u128::from_le_bytes(v);
    (x as u64, (x >> 64) as u64)
}

/// The effective address `addr + offset` of an `n`-byte access, as a range
/// of `mem`, if in bounds.
#[inline(always)]
fn access(len: usize, addr: u64, offset: u32, n: usize) -> Option<core::ops::Range<usize>> {
    let at = usize::try_from(addr.checked_add(u64::from(offset))?).ok()?;
    let end = at.checked_add(n)?;
    (end <= len).then_some(at..end)
}

/// [`Op::V128Load`](crate::ir::Op::V128Load): load into `out` (written in
/// place: out of line, and no array returned through memory, so the
/// handler keeps its tail call). `false` if out of bounds.
#[inline(never)]
pub(crate) fn load_v128(
    mem: &[u8],
    addr: u64,
    offset: u32,
    kind: u16,
    out: &core::cell::Cell<[u8; 16]>,
) -> bool {
    use crate::ir::mem_kind::*;
    use crate::lanes as l;
    let k = kind & 0xff;
    let n = match k {
        V_FULL => 16,
        V_8X8_S..=V_32X2_U | V_SPLAT64 | V_ZERO64 => 8,
        V_SPLAT8 => 1,
        V_SPLAT16 => 2,
        _ => 4,
    };
    let Some(r) = access(mem.len(), addr, offset, n) else { return false };
    let b = &mem[r];
    let word = |b: &[u8]| {
        let mut w = [0u8; 8];
        w[..b.len()].copy_from_slice(b);
        u64::from_le_bytes(w)
    };
    let v = match k {
        V_FULL => <[u8; 16]>::try_from(b).unwrap_or([0; 16]),
        V_8X8_S => l::v128_load8x8_s(word(b)),
        V_8X8_U => l::v128_load8x8_u(word(b)),
        V_16X4_S => l::v128_load16x4_s(word(b)),
        V_16X4_U => l::v128_load16x4_u(word(b)),
        V_32X2_S => l::v128_load32x2_s(word(b)),
        V_32X2_U => l::v128_load32x2_u(word(b)),
        V_SPLAT8 => l::i8x16_splat(word(b) as u32),
        V_SPLAT16 => l::i16x8_splat(word(b) as u32),
        V_SPLAT32 => l::i32x4_splat(word(b) as u32),
        V_SPLAT64 => l::i64x2_splat(word(b)),
        V_ZERO32 => l::v128_load32_zero(word(b) as u32),
        _ => l::v128_load64_zero(word(b)),
    };
    out.set(v);
    true
}

/// [`Op::V128Store`](crate::ir::Op::V128Store): store `v`; `false` if out
/// of bounds.
#[inline(never)]
pub(crate) fn store_v128(
    mem: &mut [u8],
    addr: u64,
    offset: u32,
    v: &core::cell::Cell<[u8; 16]>,
) -> bool {
    let Some(r) = access(mem.len(), addr, offset, 16) else { return false };
    mem[r].copy_from_slice(&v.get());
    true
}

/// [`Op::V128LoadLane`](crate::ir::Op::V128LoadLane): `out` = `v` with lane
/// `kind >> 4` (of `1 << (kind & 3)` bytes) loaded; `false` if out of bounds.
#[inline(never)]
pub(crate) fn load_lane(
    mem: &[u8],
    addr: u64,
    offset: u32,
    kind: u16,
    v: [u8; 16],
    out: &core::cell::Cell<[u8; 16]>,
) -> bool {
    let n = 1usize << (kind & 3);
    let Some(r) = access(mem.len(), addr, offset, n) else { return false };
    let lane = usize::from(kind >> 4) & (16 / n - 1);
    let mut v = v;
    v[lane * n..lane * n + n].copy_from_slice(&mem[r]);
    out.set(v);
    true
}

/// [`Op::V128StoreLane`](crate::ir::Op::V128StoreLane): store lane
/// `kind >> 4` of `v`; `false` if out of bounds.
#[inline(never)]
pub(crate) fn store_lane(
    mem: &mut [u8],
    addr: u64,
    offset: u32,
    kind: u16,
    v: &core::cell::Cell<[u8; 16]>,
) -> bool {
    let n = 1usize << (kind & 3);
    let Some(r) = access(mem.len(), addr, offset, n) else { return false };
    let lane = usize::from(kind >> 4) & (16 / n - 1);
    mem[r].copy_from_slice(&v.get()[lane * n..lane * n + n]);
    true
}

/// NaN lanes of an f32x4 become the canonical NaN (`Config::canonicalize_nans`).
#[inline(never)]
pub(crate) fn f32x4_canon(cell: &core::cell::Cell<[u8; 16]>) {
    let mut r = cell.get();
    for c in r.chunks_exact_mut(4) {
        let x = f32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        if x.is_nan() {
            c.copy_from_slice(&0x7fc0_0000u32.to_le_bytes());
        }
    }
    cell.set(r);
}

/// NaN lanes of an f64x2 become the canonical NaN.
#[inline(never)]
pub(crate) fn f64x2_canon(cell: &core::cell::Cell<[u8; 16]>) {
    let mut r = cell.get();
    for c in r.chunks_exact_mut(8) {
        let x = f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        if x.is_nan() {
            c.copy_from_slice(&0x7ff8_0000_0000_0000u64.to_le_bytes());
        }
    }
    cell.set(r);
}

/// SIMD bodies kept out of the threaded handlers: each computes its
/// `crate::lanes` function of the same name into `out`. In instrumented
/// fuzz builds these bodies (a gather through a 32-byte local table, lanes
/// rounded by `libm` calls) kept an array in a stack slot whose address was
/// taken, and a handler with such a local calls the next handler instead of
/// jumping to it (FINDINGS #19, as #4 and #14 were). Out of line, with
/// the operands passed as `u128`s (in registers: a `[u8; 16]` argument
/// goes through a stack slot of the caller) and the result written in
/// place, the handler has no local of its own. A call per op, on ops that
/// are not cheap anyway.
pub(crate) mod out_of_line {
    use core::cell::Cell;

    macro_rules! out_of_line {
        ($($name:ident($($a:ident),*);)*) => {$(
            #[doc = concat!("`out` = [`crate::lanes::", stringify!($name), "`].")]
            #[inline(never)]
            pub(crate) fn $name($($a: u128,)* out: &Cell<[u8; 16]>) {
                out.set(crate::lanes::$name($($a.to_le_bytes()),*));
            }
        )*};
    }

    out_of_line! {
        i8x16_shuffle(a, b, lanes);
        i8x16_swizzle(a, s);
        i8x16_relaxed_swizzle(a, s);
        f32x4_ceil(a);
        f32x4_floor(a);
        f32x4_trunc(a);
        f32x4_nearest(a);
        f64x2_ceil(a);
        f64x2_floor(a);
        f64x2_trunc(a);
        f64x2_nearest(a);
    }
}
