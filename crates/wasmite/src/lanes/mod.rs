//! Lane semantics of the fixed-width SIMD and relaxed SIMD instructions, as
//! pure functions on `v128` values: everything those instructions compute,
//! not the memory accesses themselves. Shared by both execution backends
//! (and constant folding, when it comes), as `semantics.rs` is for scalars.
//!
//! A [`V128`] is `[u8; 16]`; lanes are little-endian, lane 0 in bytes 0.. .
//! Floats travel as bit patterns (`u32`/`u64`) wherever they cross into a
//! scalar, so NaN payloads survive exactly.
//!
//! Why the bodies look as they do (DESIGN-WASM3.md §2.3): LLVM's SLP
//! vectoriser turns a loop over the lanes of an array that came from a
//! 16-byte value into packed SSE2 code (`paddusb`, `pcmpeqb`, `addps`, …).
//! So every op converts its operands to lane arrays (free: a bitcast on a
//! little-endian target), runs one straight loop with no early exit and no
//! branch a select can replace, and converts back. The same code on a
//! `u128` or on two `u64` halves would be scalarised. Every function is
//! `#[inline]`; the executor puts the heavy ones (gathers, float min/max,
//! rounding) out of line itself.
//!
//! Relaxed SIMD: each relaxed op has one deterministic result on every
//! platform, the one the spec's deterministic profile gives (DESIGN-WASM3.md
//! §2.5); each doc comment says which.
//!
//! No function panics: lane indices are masked (`& (N-1)`), integer
//! arithmetic wraps or saturates, and float→int conversions use Rust's
//! saturating `as` (NaN → 0), which is exactly Wasm's `trunc_sat`.

// Index loops over fixed-size lane arrays are the shape that vectorises.
#![allow(clippy::needless_range_loop)]

use crate::semantics::{f32_nearest, f64_nearest, quiet_f32, quiet_f64};

/// A `v128` value: 16 bytes, little-endian lanes.
pub(crate) type V128 = [u8; 16];

/// A lane array that a [`V128`] can be viewed as (`[i16; 8]`, `[f32; 4]`, …).
trait View: Sized {
    fn get(a: V128) -> Self;
    fn put(self) -> V128;
}

macro_rules! views {
    ($($t:ty, $n:literal, $w:literal, [$($k:literal),*];)*) => {$(
        impl View for [$t; $n] {
            #[inline]
            fn get(a: V128) -> Self {
                let mut r = [<$t>::default(); $n];
                for i in 0..$n {
                    r[i] = <$t>::from_le_bytes([$(a[i * $w + $k]),*]);
                }
                r
            }
            #[inline]
            fn put(self) -> V128 {
                let mut r = [0u8; 16];
                for i in 0..$n {
                    let b = self[i].to_le_bytes();
                    $(r[i * $w + $k] = b[$k];)*
                }
                r
            }
        }
    )*};
}
views! {
    i8, 16, 1, [0];
    u16, 8, 2, [0, 1];
    i16, 8, 2, [0, 1];
    u32, 4, 4, [0, 1, 2, 3];
    i32, 4, 4, [0, 1, 2, 3];
    f32, 4, 4, [0, 1, 2, 3];
    u64, 2, 8, [0, 1, 2, 3, 4, 5, 6, 7];
    i64, 2, 8, [0, 1, 2, 3, 4, 5, 6, 7];
    f64, 2, 8, [0, 1, 2, 3, 4, 5, 6, 7];
}
impl View for [u8; 16] {
    #[inline]
    fn get(a: V128) -> Self {
        a
    }
    #[inline]
    fn put(self) -> V128 {
        self
    }
}

/// `a` viewed as lanes of the inferred type.
#[inline]
fn get<T: View>(a: V128) -> T {
    T::get(a)
}
/// Lanes back to a `v128`.
#[inline]
fn put<T: View>(lanes: T) -> V128 {
    lanes.put()
}

/// All ones if `c`, else zero (a comparison's lane result).
#[inline]
fn m8(c: bool) -> i8 {
    -(c as i8)
}
/// See [`m8`].
#[inline]
fn m16(c: bool) -> i16 {
    -(c as i16)
}
/// See [`m8`].
#[inline]
fn m32(c: bool) -> i32 {
    -(c as i32)
}
/// See [`m8`].
#[inline]
fn m64(c: bool) -> i64 {
    -(c as i64)
}

/// Lane-wise ops: `name(x, y, …): [T; N] -> O => expr` defines
/// `fn name(x: V128, y: V128, …) -> V128` that views each operand as
/// `[T; N]` and computes lane `i` of an `[O; N]` result by `expr`, with
/// `x`, `y`, … bound to the operands' lane `i`.
macro_rules! lanewise {
    ($($(#[$doc:meta])* $name:ident($($x:ident),+): [$t:ty; $n:literal] -> $o:ty => $e:expr;)*) => {$(
        $(#[$doc])*
        #[inline]
        pub(crate) fn $name($($x: V128),+) -> V128 {
            $(let $x: [$t; $n] = get($x);)+
            let mut r = [<$o>::default(); $n];
            for i in 0..$n {
                r[i] = {
                    $(let $x = $x[i];)+
                    $e
                };
            }
            put(r)
        }
    )*};
}

/// Shifts: `name(x, s): [T; N] => expr` defines `fn name(x: V128, s: u32)`.
/// `wrapping_shl`/`wrapping_shr` take the count modulo the lane width, as
/// Wasm does.
macro_rules! shifts {
    ($($(#[$doc:meta])* $name:ident($x:ident, $s:ident): [$t:ty; $n:literal] => $e:expr;)*) => {$(
        $(#[$doc])*
        #[inline]
        pub(crate) fn $name($x: V128, $s: u32) -> V128 {
            let $x: [$t; $n] = get($x);
            let mut r = [<$t>::default(); $n];
            for i in 0..$n {
                r[i] = {
                    let $x = $x[i];
                    $e
                };
            }
            put(r)
        }
    )*};
}

// ---------------------------------------------------------------------------
// v128: bitwise

lanewise! {
    /// `v128.not`
    v128_not(x): [u8; 16] -> u8 => !x;
    /// `v128.and`
    v128_and(x, y): [u8; 16] -> u8 => x & y;
    /// `v128.andnot`: `a & !b`.
    v128_andnot(x, y): [u8; 16] -> u8 => x & !y;
    /// `v128.or`
    v128_or(x, y): [u8; 16] -> u8 => x | y;
    /// `v128.xor`
    v128_xor(x, y): [u8; 16] -> u8 => x ^ y;
    /// `v128.bitselect`: bits of `a` where `c` is 1, of `b` where it is 0.
    v128_bitselect(x, y, c): [u8; 16] -> u8 => (x & c) | (y & !c);
}

/// `v128.any_true`: 1 if any bit is set.
#[inline]
pub(crate) fn v128_any_true(a: V128) -> u32 {
    let mut any = 0u8;
    for i in 0..16 {
        any |= a[i];
    }
    (any != 0) as u32
}

// ---------------------------------------------------------------------------
// Splat, extract_lane, replace_lane

/// `i8x16.splat`: the low 8 bits of `x` in every lane.
#[inline]
pub(crate) fn i8x16_splat(x: u32) -> V128 {
    [x as u8; 16]
}
/// `i16x8.splat`: the low 16 bits of `x` in every lane.
#[inline]
pub(crate) fn i16x8_splat(x: u32) -> V128 {
    put([x as u16; 8])
}
/// `i32x4.splat`
#[inline]
pub(crate) fn i32x4_splat(x: u32) -> V128 {
    put([x; 4])
}
/// `i64x2.splat`
#[inline]
pub(crate) fn i64x2_splat(x: u64) -> V128 {
    put([x; 2])
}
/// `f32x4.splat`, of the float's bits.
#[inline]
pub(crate) fn f32x4_splat(bits: u32) -> V128 {
    put([bits; 4])
}
/// `f64x2.splat`, of the float's bits.
#[inline]
pub(crate) fn f64x2_splat(bits: u64) -> V128 {
    put([bits; 2])
}

/// `i8x16.extract_lane_s`: the lane sign-extended to an i32 (as its bits).
#[inline]
pub(crate) fn i8x16_extract_lane_s(a: V128, lane: u8) -> u32 {
    a[(lane & 15) as usize] as i8 as i32 as u32
}
/// `i8x16.extract_lane_u`
#[inline]
pub(crate) fn i8x16_extract_lane_u(a: V128, lane: u8) -> u32 {
    a[(lane & 15) as usize] as u32
}
/// `i16x8.extract_lane_s`: the lane sign-extended to an i32 (as its bits).
#[inline]
pub(crate) fn i16x8_extract_lane_s(a: V128, lane: u8) -> u32 {
    get::<[i16; 8]>(a)[(lane & 7) as usize] as i32 as u32
}
/// `i16x8.extract_lane_u`
#[inline]
pub(crate) fn i16x8_extract_lane_u(a: V128, lane: u8) -> u32 {
    get::<[u16; 8]>(a)[(lane & 7) as usize] as u32
}
/// `i32x4.extract_lane`
#[inline]
pub(crate) fn i32x4_extract_lane(a: V128, lane: u8) -> u32 {
    get::<[u32; 4]>(a)[(lane & 3) as usize]
}
/// `i64x2.extract_lane`
#[inline]
pub(crate) fn i64x2_extract_lane(a: V128, lane: u8) -> u64 {
    get::<[u64; 2]>(a)[(lane & 1) as usize]
}
/// `f32x4.extract_lane`: the float's bits.
#[inline]
pub(crate) fn f32x4_extract_lane(a: V128, lane: u8) -> u32 {
    i32x4_extract_lane(a, lane)
}
/// `f64x2.extract_lane`: the float's bits.
#[inline]
pub(crate) fn f64x2_extract_lane(a: V128, lane: u8) -> u64 {
    i64x2_extract_lane(a, lane)
}

/// `i8x16.replace_lane`: the low 8 bits of `x`.
#[inline]
pub(crate) fn i8x16_replace_lane(a: V128, lane: u8, x: u32) -> V128 {
    let mut r = a;
    r[(lane & 15) as usize] = x as u8;
    r
}
/// `i16x8.replace_lane`: the low 16 bits of `x`.
#[inline]
pub(crate) fn i16x8_replace_lane(a: V128, lane: u8, x: u32) -> V128 {
    let mut r: [u16; 8] = get(a);
    r[(lane & 7) as usize] = x as u16;
    put(r)
}
/// `i32x4.replace_lane`
#[inline]
pub(crate) fn i32x4_replace_lane(a: V128, lane: u8, x: u32) -> V128 {
    let mut r: [u32; 4] = get(a);
    r[(lane & 3) as usize] = x;
    put(r)
}
/// `i64x2.replace_lane`
#[inline]
pub(crate) fn i64x2_replace_lane(a: V128, lane: u8, x: u64) -> V128 {
    let mut r: [u64; 2] = get(a);
    r[(lane & 1) as usize] = x;
    put(r)
}
/// `f32x4.replace_lane`, with the float's bits.
#[inline]
pub(crate) fn f32x4_replace_lane(a: V128, lane: u8, bits: u32) -> V128 {
    i32x4_replace_lane(a, lane, bits)
}
/// `f64x2.replace_lane`, with the float's bits.
#[inline]
pub(crate) fn f64x2_replace_lane(a: V128, lane: u8, bits: u64) -> V128 {
    i64x2_replace_lane(a, lane, bits)
}

// ---------------------------------------------------------------------------
// Shuffle and swizzle

/// `i8x16.shuffle`: lane `i` is byte `lanes[i]` of the 32 bytes `a ++ b`.
/// Indices are < 32 by validation; they are masked with `& 31`.
#[inline]
pub(crate) fn i8x16_shuffle(a: V128, b: V128, lanes: V128) -> V128 {
    let mut ab = [0u8; 32];
    ab[..16].copy_from_slice(&a);
    ab[16..].copy_from_slice(&b);
    let mut r = [0u8; 16];
    for i in 0..16 {
        r[i] = ab[(lanes[i] & 31) as usize];
    }
    r
}

/// `i8x16.swizzle`: lane `i` is `a[s[i]]`, or 0 if `s[i] >= 16`.
#[inline]
pub(crate) fn i8x16_swizzle(a: V128, s: V128) -> V128 {
    // Index a table of `a` and 16 zeros, so the bounds test becomes an index
    // bit (computed lane-parallel) instead of a select per lane.
    let mut t = [0u8; 32];
    t[..16].copy_from_slice(&a);
    let mut r = [0u8; 16];
    for i in 0..16 {
        let j = (s[i] & 15) | (((s[i] > 15) as u8) << 4);
        r[i] = t[(j & 31) as usize];
    }
    r
}

/// `i8x16.relaxed_swizzle`. Deterministic choice: as `i8x16.swizzle`
/// (an index >= 16 gives 0).
#[inline]
pub(crate) fn i8x16_relaxed_swizzle(a: V128, s: V128) -> V128 {
    i8x16_swizzle(a, s)
}

// ---------------------------------------------------------------------------
// Integer lane-wise arithmetic, min/max, average, comparisons

lanewise! {
    /// `i8x16.abs`: `-128` stays `-128`.
    i8x16_abs(x): [i8; 16] -> i8 => x.wrapping_abs();
    /// `i8x16.neg`
    i8x16_neg(x): [i8; 16] -> i8 => x.wrapping_neg();
    /// `i8x16.popcnt`
    i8x16_popcnt(x): [u8; 16] -> u8 => x.count_ones() as u8;
    /// `i8x16.add`
    i8x16_add(x, y): [u8; 16] -> u8 => x.wrapping_add(y);
    /// `i8x16.add_sat_s`
    i8x16_add_sat_s(x, y): [i8; 16] -> i8 => x.saturating_add(y);
    /// `i8x16.add_sat_u`
    i8x16_add_sat_u(x, y): [u8; 16] -> u8 => x.saturating_add(y);
    /// `i8x16.sub`
    i8x16_sub(x, y): [u8; 16] -> u8 => x.wrapping_sub(y);
    /// `i8x16.sub_sat_s`
    i8x16_sub_sat_s(x, y): [i8; 16] -> i8 => x.saturating_sub(y);
    /// `i8x16.sub_sat_u`
    i8x16_sub_sat_u(x, y): [u8; 16] -> u8 => x.saturating_sub(y);
    /// `i8x16.min_s`
    i8x16_min_s(x, y): [i8; 16] -> i8 => x.min(y);
    /// `i8x16.min_u`
    i8x16_min_u(x, y): [u8; 16] -> u8 => x.min(y);
    /// `i8x16.max_s`
    i8x16_max_s(x, y): [i8; 16] -> i8 => x.max(y);
    /// `i8x16.max_u`
    i8x16_max_u(x, y): [u8; 16] -> u8 => x.max(y);
    /// `i8x16.avgr_u`: `(a + b + 1) >> 1`, computed without overflow.
    i8x16_avgr_u(x, y): [u8; 16] -> u8 => ((x as u16 + y as u16 + 1) >> 1) as u8;
    /// `i8x16.eq`
    i8x16_eq(x, y): [i8; 16] -> i8 => m8(x == y);
    /// `i8x16.ne`
    i8x16_ne(x, y): [i8; 16] -> i8 => m8(x != y);
    /// `i8x16.lt_s`
    i8x16_lt_s(x, y): [i8; 16] -> i8 => m8(x < y);
    /// `i8x16.lt_u`
    i8x16_lt_u(x, y): [u8; 16] -> i8 => m8(x < y);
    /// `i8x16.gt_s`
    i8x16_gt_s(x, y): [i8; 16] -> i8 => m8(x > y);
    /// `i8x16.gt_u`
    i8x16_gt_u(x, y): [u8; 16] -> i8 => m8(x > y);
    /// `i8x16.le_s`
    i8x16_le_s(x, y): [i8; 16] -> i8 => m8(x <= y);
    /// `i8x16.le_u`
    i8x16_le_u(x, y): [u8; 16] -> i8 => m8(x <= y);
    /// `i8x16.ge_s`
    i8x16_ge_s(x, y): [i8; 16] -> i8 => m8(x >= y);
    /// `i8x16.ge_u`
    i8x16_ge_u(x, y): [u8; 16] -> i8 => m8(x >= y);

    /// `i16x8.abs`: `-32768` stays `-32768`.
    i16x8_abs(x): [i16; 8] -> i16 => x.wrapping_abs();
    /// `i16x8.neg`
    i16x8_neg(x): [i16; 8] -> i16 => x.wrapping_neg();
    /// `i16x8.add`
    i16x8_add(x, y): [u16; 8] -> u16 => x.wrapping_add(y);
    /// `i16x8.add_sat_s`
    i16x8_add_sat_s(x, y): [i16; 8] -> i16 => x.saturating_add(y);
    /// `i16x8.add_sat_u`
    i16x8_add_sat_u(x, y): [u16; 8] -> u16 => x.saturating_add(y);
    /// `i16x8.sub`
    i16x8_sub(x, y): [u16; 8] -> u16 => x.wrapping_sub(y);
    /// `i16x8.sub_sat_s`
    i16x8_sub_sat_s(x, y): [i16; 8] -> i16 => x.saturating_sub(y);
    /// `i16x8.sub_sat_u`
    i16x8_sub_sat_u(x, y): [u16; 8] -> u16 => x.saturating_sub(y);
    /// `i16x8.mul`: the low 16 bits of the product.
    i16x8_mul(x, y): [u16; 8] -> u16 => x.wrapping_mul(y);
    /// `i16x8.min_s`
    i16x8_min_s(x, y): [i16; 8] -> i16 => x.min(y);
    /// `i16x8.min_u`
    i16x8_min_u(x, y): [u16; 8] -> u16 => x.min(y);
    /// `i16x8.max_s`
    i16x8_max_s(x, y): [i16; 8] -> i16 => x.max(y);
    /// `i16x8.max_u`
    i16x8_max_u(x, y): [u16; 8] -> u16 => x.max(y);
    /// `i16x8.avgr_u`: `(a + b + 1) >> 1`, computed without overflow.
    i16x8_avgr_u(x, y): [u16; 8] -> u16 => ((x as u32 + y as u32 + 1) >> 1) as u16;
    /// `i16x8.q15mulr_sat_s`: `(a * b + 0x4000) >> 15`, saturated (only
    /// `-32768 * -32768` overflows, to `32767`).
    i16x8_q15mulr_sat_s(x, y): [i16; 8] -> i16 => q15mulr(x, y);
    /// `i16x8.eq`
    i16x8_eq(x, y): [i16; 8] -> i16 => m16(x == y);
    /// `i16x8.ne`
    i16x8_ne(x, y): [i16; 8] -> i16 => m16(x != y);
    /// `i16x8.lt_s`
    i16x8_lt_s(x, y): [i16; 8] -> i16 => m16(x < y);
    /// `i16x8.lt_u`
    i16x8_lt_u(x, y): [u16; 8] -> i16 => m16(x < y);
    /// `i16x8.gt_s`
    i16x8_gt_s(x, y): [i16; 8] -> i16 => m16(x > y);
    /// `i16x8.gt_u`
    i16x8_gt_u(x, y): [u16; 8] -> i16 => m16(x > y);
    /// `i16x8.le_s`
    i16x8_le_s(x, y): [i16; 8] -> i16 => m16(x <= y);
    /// `i16x8.le_u`
    i16x8_le_u(x, y): [u16; 8] -> i16 => m16(x <= y);
    /// `i16x8.ge_s`
    i16x8_ge_s(x, y): [i16; 8] -> i16 => m16(x >= y);
    /// `i16x8.ge_u`
    i16x8_ge_u(x, y): [u16; 8] -> i16 => m16(x >= y);

    /// `i32x4.abs`: `i32::MIN` stays `i32::MIN`.
    i32x4_abs(x): [i32; 4] -> i32 => x.wrapping_abs();
    /// `i32x4.neg`
    i32x4_neg(x): [i32; 4] -> i32 => x.wrapping_neg();
    /// `i32x4.add`
    i32x4_add(x, y): [u32; 4] -> u32 => x.wrapping_add(y);
    /// `i32x4.sub`
    i32x4_sub(x, y): [u32; 4] -> u32 => x.wrapping_sub(y);
    /// `i32x4.mul`: the low 32 bits of the product.
    i32x4_mul(x, y): [u32; 4] -> u32 => x.wrapping_mul(y);
    /// `i32x4.min_s`
    i32x4_min_s(x, y): [i32; 4] -> i32 => x.min(y);
    /// `i32x4.min_u`
    i32x4_min_u(x, y): [u32; 4] -> u32 => x.min(y);
    /// `i32x4.max_s`
    i32x4_max_s(x, y): [i32; 4] -> i32 => x.max(y);
    /// `i32x4.max_u`
    i32x4_max_u(x, y): [u32; 4] -> u32 => x.max(y);
    /// `i32x4.eq`
    i32x4_eq(x, y): [i32; 4] -> i32 => m32(x == y);
    /// `i32x4.ne`
    i32x4_ne(x, y): [i32; 4] -> i32 => m32(x != y);
    /// `i32x4.lt_s`
    i32x4_lt_s(x, y): [i32; 4] -> i32 => m32(x < y);
    /// `i32x4.lt_u`
    i32x4_lt_u(x, y): [u32; 4] -> i32 => m32(x < y);
    /// `i32x4.gt_s`
    i32x4_gt_s(x, y): [i32; 4] -> i32 => m32(x > y);
    /// `i32x4.gt_u`
    i32x4_gt_u(x, y): [u32; 4] -> i32 => m32(x > y);
    /// `i32x4.le_s`
    i32x4_le_s(x, y): [i32; 4] -> i32 => m32(x <= y);
    /// `i32x4.le_u`
    i32x4_le_u(x, y): [u32; 4] -> i32 => m32(x <= y);
    /// `i32x4.ge_s`
    i32x4_ge_s(x, y): [i32; 4] -> i32 => m32(x >= y);
    /// `i32x4.ge_u`
    i32x4_ge_u(x, y): [u32; 4] -> i32 => m32(x >= y);

    /// `i64x2.abs`: `i64::MIN` stays `i64::MIN`.
    i64x2_abs(x): [i64; 2] -> i64 => x.wrapping_abs();
    /// `i64x2.neg`
    i64x2_neg(x): [i64; 2] -> i64 => x.wrapping_neg();
    /// `i64x2.add`
    i64x2_add(x, y): [u64; 2] -> u64 => x.wrapping_add(y);
    /// `i64x2.sub`
    i64x2_sub(x, y): [u64; 2] -> u64 => x.wrapping_sub(y);
    /// `i64x2.mul`: the low 64 bits of the product.
    i64x2_mul(x, y): [u64; 2] -> u64 => x.wrapping_mul(y);
    /// `i64x2.eq`
    i64x2_eq(x, y): [i64; 2] -> i64 => m64(x == y);
    /// `i64x2.ne`
    i64x2_ne(x, y): [i64; 2] -> i64 => m64(x != y);
    /// `i64x2.lt_s`
    i64x2_lt_s(x, y): [i64; 2] -> i64 => m64(x < y);
    /// `i64x2.gt_s`
    i64x2_gt_s(x, y): [i64; 2] -> i64 => m64(x > y);
    /// `i64x2.le_s`
    i64x2_le_s(x, y): [i64; 2] -> i64 => m64(x <= y);
    /// `i64x2.ge_s`
    i64x2_ge_s(x, y): [i64; 2] -> i64 => m64(x >= y);
}

/// One lane of `q15mulr_sat_s`.
#[inline]
fn q15mulr(x: i16, y: i16) -> i16 {
    // |x * y| <= 2^30, so neither the product nor the rounding add overflows.
    let p = (x as i32 * y as i32 + 0x4000) >> 15;
    p.clamp(i16::MIN as i32, i16::MAX as i32) as i16
}

/// `i16x8.relaxed_q15mulr_s`. Deterministic choice: as
/// `i16x8.q15mulr_sat_s` (`-32768 * -32768` saturates to `32767`).
#[inline]
pub(crate) fn i16x8_relaxed_q15mulr_s(a: V128, b: V128) -> V128 {
    i16x8_q15mulr_sat_s(a, b)
}

// ---------------------------------------------------------------------------
// Shifts (the count is taken modulo the lane width)

shifts! {
    /// `i8x16.shl`: by `s % 8`.
    i8x16_shl(x, s): [u8; 16] => x.wrapping_shl(s);
    /// `i8x16.shr_s`: by `s % 8`.
    i8x16_shr_s(x, s): [i8; 16] => x.wrapping_shr(s);
    /// `i8x16.shr_u`: by `s % 8`.
    i8x16_shr_u(x, s): [u8; 16] => x.wrapping_shr(s);
    /// `i16x8.shl`: by `s % 16`.
    i16x8_shl(x, s): [u16; 8] => x.wrapping_shl(s);
    /// `i16x8.shr_s`: by `s % 16`.
    i16x8_shr_s(x, s): [i16; 8] => x.wrapping_shr(s);
    /// `i16x8.shr_u`: by `s % 16`.
    i16x8_shr_u(x, s): [u16; 8] => x.wrapping_shr(s);
    /// `i32x4.shl`: by `s % 32`.
    i32x4_shl(x, s): [u32; 4] => x.wrapping_shl(s);
    /// `i32x4.shr_s`: by `s % 32`.
    i32x4_shr_s(x, s): [i32; 4] => x.wrapping_shr(s);
    /// `i32x4.shr_u`: by `s % 32`.
    i32x4_shr_u(x, s): [u32; 4] => x.wrapping_shr(s);
    /// `i64x2.shl`: by `s % 64`.
    i64x2_shl(x, s): [u64; 2] => x.wrapping_shl(s);
    /// `i64x2.shr_s`: by `s % 64`.
    i64x2_shr_s(x, s): [i64; 2] => x.wrapping_shr(s);
    /// `i64x2.shr_u`: by `s % 64`.
    i64x2_shr_u(x, s): [u64; 2] => x.wrapping_shr(s);
}

// ---------------------------------------------------------------------------
// all_true, bitmask

/// `i8x16.all_true`: 1 if no lane is zero.
#[inline]
pub(crate) fn i8x16_all_true(a: V128) -> u32 {
    let mut zero = false;
    for i in 0..16 {
        zero |= a[i] == 0;
    }
    !zero as u32
}
/// `i16x8.all_true`: 1 if no lane is zero.
#[inline]
pub(crate) fn i16x8_all_true(a: V128) -> u32 {
    let a: [u16; 8] = get(a);
    let mut zero = false;
    for i in 0..8 {
        zero |= a[i] == 0;
    }
    !zero as u32
}
/// `i32x4.all_true`: 1 if no lane is zero.
#[inline]
pub(crate) fn i32x4_all_true(a: V128) -> u32 {
    let a: [u32; 4] = get(a);
    let mut zero = false;
    for i in 0..4 {
        zero |= a[i] == 0;
    }
    !zero as u32
}
/// `i64x2.all_true`: 1 if no lane is zero.
#[inline]
pub(crate) fn i64x2_all_true(a: V128) -> u32 {
    let a: [u64; 2] = get(a);
    (a[0] != 0 && a[1] != 0) as u32
}

/// `i8x16.bitmask`: bit `i` is the sign bit of lane `i`.
#[inline]
pub(crate) fn i8x16_bitmask(a: V128) -> u32 {
    // A lane loop here is vectorised badly (no `pmovmskb`); instead gather
    // the 8 sign bits of each half with one multiply: the bit of byte k
    // (bit 8k+7) times bit 7(7-k) of the constant lands on bit 56+k, and no
    // two partial products share a bit, so nothing carries.
    const GATHER: u64 = 0x0002_0408_1020_4081;
    let h: [u64; 2] = get(a);
    let half = |x: u64| ((x & 0x8080_8080_8080_8080).wrapping_mul(GATHER) >> 56) as u32;
    half(h[0]) | (half(h[1]) << 8)
}
/// `i16x8.bitmask`: bit `i` is the sign bit of lane `i`.
#[inline]
pub(crate) fn i16x8_bitmask(a: V128) -> u32 {
    // As for i8x16: lane k's sign, moved to bit 16k, times bit 15(3-k) of the
    // constant lands on bit 45+k; the partial products are distinct bits.
    const GATHER: u64 = 1 | 1 << 15 | 1 << 30 | 1 << 45;
    let h: [u64; 2] = get(a);
    let half =
        |x: u64| (((x >> 15) & 0x0001_0001_0001_0001).wrapping_mul(GATHER) >> 45) as u32 & 0xf;
    half(h[0]) | (half(h[1]) << 4)
}
/// `i32x4.bitmask`: bit `i` is the sign bit of lane `i`.
#[inline]
pub(crate) fn i32x4_bitmask(a: V128) -> u32 {
    let a: [u32; 4] = get(a);
    let mut m = 0;
    for i in 0..4 {
        m |= (a[i] >> 31) << i;
    }
    m
}
/// `i64x2.bitmask`: bit `i` is the sign bit of lane `i`.
#[inline]
pub(crate) fn i64x2_bitmask(a: V128) -> u32 {
    let a: [u64; 2] = get(a);
    ((a[0] >> 63) | ((a[1] >> 63) << 1)) as u32
}

// ---------------------------------------------------------------------------
// Narrowing (saturating), widening, pairwise and extending arithmetic

/// `i8x16.narrow_i16x8_s`: lanes of `a` then of `b`, each saturated to i8.
#[inline]
pub(crate) fn i8x16_narrow_i16x8_s(a: V128, b: V128) -> V128 {
    let (a, b): ([i16; 8], [i16; 8]) = (get(a), get(b));
    let mut r = [0i8; 16];
    for i in 0..8 {
        r[i] = a[i].clamp(i8::MIN as i16, i8::MAX as i16) as i8;
        r[i + 8] = b[i].clamp(i8::MIN as i16, i8::MAX as i16) as i8;
    }
    put(r)
}
/// `i8x16.narrow_i16x8_u`: signed lanes of `a` then of `b`, each saturated
/// to `0..=255`.
#[inline]
pub(crate) fn i8x16_narrow_i16x8_u(a: V128, b: V128) -> V128 {
    let (a, b): ([i16; 8], [i16; 8]) = (get(a), get(b));
    let mut r = [0u8; 16];
    for i in 0..8 {
        r[i] = a[i].clamp(0, u8::MAX as i16) as u8;
        r[i + 8] = b[i].clamp(0, u8::MAX as i16) as u8;
    }
    r
}
/// `i16x8.narrow_i32x4_s`: lanes of `a` then of `b`, each saturated to i16.
#[inline]
pub(crate) fn i16x8_narrow_i32x4_s(a: V128, b: V128) -> V128 {
    let (a, b): ([i32; 4], [i32; 4]) = (get(a), get(b));
    let mut r = [0i16; 8];
    for i in 0..4 {
        r[i] = a[i].clamp(i16::MIN as i32, i16::MAX as i32) as i16;
        r[i + 4] = b[i].clamp(i16::MIN as i32, i16::MAX as i32) as i16;
    }
    put(r)
}
/// `i16x8.narrow_i32x4_u`: signed lanes of `a` then of `b`, each saturated
/// to `0..=65535`.
#[inline]
pub(crate) fn i16x8_narrow_i32x4_u(a: V128, b: V128) -> V128 {
    let (a, b): ([i32; 4], [i32; 4]) = (get(a), get(b));
    let mut r = [0u16; 8];
    for i in 0..4 {
        r[i] = a[i].clamp(0, u16::MAX as i32) as u16;
        r[i + 4] = b[i].clamp(0, u16::MAX as i32) as u16;
    }
    put(r)
}

/// Widening ops that read half of their operands' lanes (`low`: lanes
/// `0..N`, `high`: lanes `N..2N`) of a `[T; 2N]` view and produce `[O; N]`:
/// `name(x, …): [T; 2N] @ start -> [O; N] => expr`.
macro_rules! widening {
    ($($(#[$doc:meta])* $name:ident($($x:ident),+): [$t:ty; $n2:literal] @ $h:literal -> [$o:ty; $n:literal] => $e:expr;)*) => {$(
        $(#[$doc])*
        #[inline]
        pub(crate) fn $name($($x: V128),+) -> V128 {
            $(let $x: [$t; $n2] = get($x);)+
            let mut r = [<$o>::default(); $n];
            for i in 0..$n {
                r[i] = {
                    $(let $x = $x[i + $h] as $o;)+
                    $e
                };
            }
            put(r)
        }
    )*};
}

widening! {
    /// `i16x8.extend_low_i8x16_s`
    i16x8_extend_low_i8x16_s(x): [i8; 16] @ 0 -> [i16; 8] => x;
    /// `i16x8.extend_high_i8x16_s`
    i16x8_extend_high_i8x16_s(x): [i8; 16] @ 8 -> [i16; 8] => x;
    /// `i16x8.extend_low_i8x16_u`
    i16x8_extend_low_i8x16_u(x): [u8; 16] @ 0 -> [u16; 8] => x;
    /// `i16x8.extend_high_i8x16_u`
    i16x8_extend_high_i8x16_u(x): [u8; 16] @ 8 -> [u16; 8] => x;
    /// `i32x4.extend_low_i16x8_s`
    i32x4_extend_low_i16x8_s(x): [i16; 8] @ 0 -> [i32; 4] => x;
    /// `i32x4.extend_high_i16x8_s`
    i32x4_extend_high_i16x8_s(x): [i16; 8] @ 4 -> [i32; 4] => x;
    /// `i32x4.extend_low_i16x8_u`
    i32x4_extend_low_i16x8_u(x): [u16; 8] @ 0 -> [u32; 4] => x;
    /// `i32x4.extend_high_i16x8_u`
    i32x4_extend_high_i16x8_u(x): [u16; 8] @ 4 -> [u32; 4] => x;
    /// `i64x2.extend_low_i32x4_s`
    i64x2_extend_low_i32x4_s(x): [i32; 4] @ 0 -> [i64; 2] => x;
    /// `i64x2.extend_high_i32x4_s`
    i64x2_extend_high_i32x4_s(x): [i32; 4] @ 2 -> [i64; 2] => x;
    /// `i64x2.extend_low_i32x4_u`
    i64x2_extend_low_i32x4_u(x): [u32; 4] @ 0 -> [u64; 2] => x;
    /// `i64x2.extend_high_i32x4_u`
    i64x2_extend_high_i32x4_u(x): [u32; 4] @ 2 -> [u64; 2] => x;

    // The widened product never overflows: at most 2^(2w - 2) in magnitude
    // signed, (2^w - 1)^2 unsigned.
    /// `i16x8.extmul_low_i8x16_s`
    i16x8_extmul_low_i8x16_s(x, y): [i8; 16] @ 0 -> [i16; 8] => x * y;
    /// `i16x8.extmul_high_i8x16_s`
    i16x8_extmul_high_i8x16_s(x, y): [i8; 16] @ 8 -> [i16; 8] => x * y;
    /// `i16x8.extmul_low_i8x16_u`
    i16x8_extmul_low_i8x16_u(x, y): [u8; 16] @ 0 -> [u16; 8] => x * y;
    /// `i16x8.extmul_high_i8x16_u`
    i16x8_extmul_high_i8x16_u(x, y): [u8; 16] @ 8 -> [u16; 8] => x * y;
    /// `i32x4.extmul_low_i16x8_s`
    i32x4_extmul_low_i16x8_s(x, y): [i16; 8] @ 0 -> [i32; 4] => x * y;
    /// `i32x4.extmul_high_i16x8_s`
    i32x4_extmul_high_i16x8_s(x, y): [i16; 8] @ 4 -> [i32; 4] => x * y;
    /// `i32x4.extmul_low_i16x8_u`
    i32x4_extmul_low_i16x8_u(x, y): [u16; 8] @ 0 -> [u32; 4] => x * y;
    /// `i32x4.extmul_high_i16x8_u`
    i32x4_extmul_high_i16x8_u(x, y): [u16; 8] @ 4 -> [u32; 4] => x * y;
    /// `i64x2.extmul_low_i32x4_s`
    i64x2_extmul_low_i32x4_s(x, y): [i32; 4] @ 0 -> [i64; 2] => x * y;
    /// `i64x2.extmul_high_i32x4_s`
    i64x2_extmul_high_i32x4_s(x, y): [i32; 4] @ 2 -> [i64; 2] => x * y;
    /// `i64x2.extmul_low_i32x4_u`
    i64x2_extmul_low_i32x4_u(x, y): [u32; 4] @ 0 -> [u64; 2] => x * y;
    /// `i64x2.extmul_high_i32x4_u`
    i64x2_extmul_high_i32x4_u(x, y): [u32; 4] @ 2 -> [u64; 2] => x * y;
}

/// Pairwise ops on a `[T; 2N]` view producing `[O; N]`: lane `i` of the
/// result is `expr` with `x0`/`x1` (and `y0`/`y1`) lanes `2i`/`2i+1` of the
/// operands, widened to `O`:
/// `name(x => x0 x1, …): [T; 2N] -> [O; N] => expr`.
macro_rules! pairwise {
    ($($(#[$doc:meta])* $name:ident($($x:ident => $x0:ident $x1:ident),+): [$t:ty; $n2:literal] -> [$o:ty; $n:literal] => $e:expr;)*) => {$(
        $(#[$doc])*
        #[inline]
        pub(crate) fn $name($($x: V128),+) -> V128 {
            $(let $x: [$t; $n2] = get($x);)+
            let mut r = [<$o>::default(); $n];
            for i in 0..$n {
                r[i] = {
                    $(let ($x0, $x1) = ($x[2 * i] as $o, $x[2 * i + 1] as $o);)+
                    $e
                };
            }
            put(r)
        }
    )*};
}

pairwise! {
    /// `i16x8.extadd_pairwise_i8x16_s`
    i16x8_extadd_pairwise_i8x16_s(x => x0 x1): [i8; 16] -> [i16; 8] => x0 + x1;
    /// `i16x8.extadd_pairwise_i8x16_u`
    i16x8_extadd_pairwise_i8x16_u(x => x0 x1): [u8; 16] -> [u16; 8] => x0 + x1;
    /// `i32x4.extadd_pairwise_i16x8_s`
    i32x4_extadd_pairwise_i16x8_s(x => x0 x1): [i16; 8] -> [i32; 4] => x0 + x1;
    /// `i32x4.extadd_pairwise_i16x8_u`
    i32x4_extadd_pairwise_i16x8_u(x => x0 x1): [u16; 8] -> [u32; 4] => x0 + x1;
    /// `i16x8.relaxed_dot_i8x16_i7x16_s`. Deterministic choice: `b`'s lanes
    /// are signed too (as `a`'s). The products (each fits an i16) are summed
    /// in pairs with i16 saturation, as the spec's `ivdotsat` does: only
    /// `2 * (-128 * -128)` saturates, to `32767`.
    i16x8_relaxed_dot_i8x16_i7x16_s(x => x0 x1, y => y0 y1): [i8; 16] -> [i16; 8] =>
        (x0 * y0).saturating_add(x1 * y1);
}

/// `i32x4.dot_i16x8_s`: products of signed i16 lanes, summed in pairs;
/// only the sum can overflow (`2 * (-32768)^2`), and wraps.
#[inline]
pub(crate) fn i32x4_dot_i16x8_s(a: V128, b: V128) -> V128 {
    // On the i32 view (each lane holds an i16 pair) so it stays lane-wise;
    // a loop over the i16 lanes is not vectorised.
    let (a, b): ([i32; 4], [i32; 4]) = (get(a), get(b));
    let mut r = [0i32; 4];
    for i in 0..4 {
        let (a0, a1) = ((a[i] << 16) >> 16, a[i] >> 16);
        let (b0, b1) = ((b[i] << 16) >> 16, b[i] >> 16);
        r[i] = (a0 * b0).wrapping_add(a1 * b1);
    }
    put(r)
}

/// `i32x4.relaxed_dot_i8x16_i7x16_add_s`: `c` plus the pairwise sums of
/// [`i16x8_relaxed_dot_i8x16_i7x16_s`]`(a, b)` (the same deterministic
/// choice: `b` signed, i16 sums saturated), adding with wrapping.
#[inline]
pub(crate) fn i32x4_relaxed_dot_i8x16_i7x16_add_s(a: V128, b: V128, c: V128) -> V128 {
    let d: [i16; 8] = get(i16x8_relaxed_dot_i8x16_i7x16_s(a, b));
    let c: [i32; 4] = get(c);
    let mut r = [0i32; 4];
    for i in 0..4 {
        r[i] = (d[2 * i] as i32 + d[2 * i + 1] as i32).wrapping_add(c[i]);
    }
    put(r)
}

// ---------------------------------------------------------------------------
// Relaxed lane select

/// `i8x16.relaxed_laneselect`. Deterministic choice: `v128.bitselect`.
#[inline]
pub(crate) fn i8x16_relaxed_laneselect(a: V128, b: V128, m: V128) -> V128 {
    v128_bitselect(a, b, m)
}
/// `i16x8.relaxed_laneselect`. Deterministic choice: `v128.bitselect`.
#[inline]
pub(crate) fn i16x8_relaxed_laneselect(a: V128, b: V128, m: V128) -> V128 {
    v128_bitselect(a, b, m)
}
/// `i32x4.relaxed_laneselect`. Deterministic choice: `v128.bitselect`.
#[inline]
pub(crate) fn i32x4_relaxed_laneselect(a: V128, b: V128, m: V128) -> V128 {
    v128_bitselect(a, b, m)
}
/// `i64x2.relaxed_laneselect`. Deterministic choice: `v128.bitselect`.
#[inline]
pub(crate) fn i64x2_relaxed_laneselect(a: V128, b: V128, m: V128) -> V128 {
    v128_bitselect(a, b, m)
}

// ---------------------------------------------------------------------------
// Floats

/// Wasm `min`/`max` of two floats given and returned as bits, written as
/// masks so a lane loop of them can vectorise: NaN (the canonical quiet NaN)
/// if either is NaN, `-0 < +0`.
macro_rules! float_min_max {
    ($min:ident, $max:ident, $f:ty, $u:ty, $canon:expr) => {
        /// Wasm `min` on bits: see [`float_min_max`].
        #[inline]
        fn $min(a: $u, b: $u) -> $u {
            let (x, y) = (<$f>::from_bits(a), <$f>::from_bits(b));
            let lt = ((x < y) as $u).wrapping_neg();
            let gt = ((y < x) as $u).wrapping_neg();
            let eq = ((x == y) as $u).wrapping_neg();
            let nan = !(lt | gt | eq);
            // Equal: the same bits, or ±0, where or-ing the sign picks -0.
            (a & lt) | (b & gt) | ((a | b) & eq) | ($canon & nan)
        }
        /// Wasm `max` on bits: see [`float_min_max`].
        #[inline]
        fn $max(a: $u, b: $u) -> $u {
            let (x, y) = (<$f>::from_bits(a), <$f>::from_bits(b));
            let lt = ((x < y) as $u).wrapping_neg();
            let gt = ((y < x) as $u).wrapping_neg();
            let eq = ((x == y) as $u).wrapping_neg();
            let nan = !(lt | gt | eq);
            // Equal: the same bits, or ±0, where and-ing the sign picks +0.
            (b & lt) | (a & gt) | ((a & b) & eq) | ($canon & nan)
        }
    };
}
float_min_max!(fmin32, fmax32, f32, u32, 0x7fc0_0000);
float_min_max!(fmin64, fmax64, f64, u64, 0x7ff8_0000_0000_0000);

const SIGN32: u32 = 0x8000_0000;
const SIGN64: u64 = 0x8000_0000_0000_0000;

lanewise! {
    /// `f32x4.eq`
    f32x4_eq(x, y): [f32; 4] -> i32 => m32(x == y);
    /// `f32x4.ne`: true if either is NaN.
    f32x4_ne(x, y): [f32; 4] -> i32 => m32(x != y);
    /// `f32x4.lt`
    f32x4_lt(x, y): [f32; 4] -> i32 => m32(x < y);
    /// `f32x4.gt`
    f32x4_gt(x, y): [f32; 4] -> i32 => m32(x > y);
    /// `f32x4.le`
    f32x4_le(x, y): [f32; 4] -> i32 => m32(x <= y);
    /// `f32x4.ge`
    f32x4_ge(x, y): [f32; 4] -> i32 => m32(x >= y);
    /// `f32x4.abs`: clears the sign bit (a NaN's payload is kept).
    f32x4_abs(x): [u32; 4] -> u32 => x & !SIGN32;
    /// `f32x4.neg`: flips the sign bit (a NaN's payload is kept).
    f32x4_neg(x): [u32; 4] -> u32 => x ^ SIGN32;
    /// `f32x4.ceil` (a NaN result is quiet)
    f32x4_ceil(x): [f32; 4] -> f32 => quiet_f32(libm::ceilf(x));
    /// `f32x4.floor` (a NaN result is quiet)
    f32x4_floor(x): [f32; 4] -> f32 => quiet_f32(libm::floorf(x));
    /// `f32x4.trunc` (a NaN result is quiet)
    f32x4_trunc(x): [f32; 4] -> f32 => quiet_f32(libm::truncf(x));
    /// `f32x4.nearest`: ties to even (a NaN result is quiet).
    f32x4_nearest(x): [f32; 4] -> f32 => quiet_f32(f32_nearest(x));
    /// `f32x4.sqrt` (a NaN result is quiet)
    f32x4_sqrt(x): [f32; 4] -> f32 => quiet_f32(libm::sqrtf(x));
    /// `f32x4.add`
    f32x4_add(x, y): [f32; 4] -> f32 => x + y;
    /// `f32x4.sub`
    f32x4_sub(x, y): [f32; 4] -> f32 => x - y;
    /// `f32x4.mul`
    f32x4_mul(x, y): [f32; 4] -> f32 => x * y;
    /// `f32x4.div`
    f32x4_div(x, y): [f32; 4] -> f32 => x / y;
    /// `f32x4.min`: NaN (canonical) if either is NaN; `-0 < +0`.
    f32x4_min(x, y): [u32; 4] -> u32 => fmin32(x, y);
    /// `f32x4.max`: NaN (canonical) if either is NaN; `-0 < +0`.
    f32x4_max(x, y): [u32; 4] -> u32 => fmax32(x, y);
    /// `f32x4.pmin`: `b < a ? b : a`, the operands' bits unchanged.
    f32x4_pmin(x, y): [u32; 4] -> u32 =>
        if f32::from_bits(y) < f32::from_bits(x) { y } else { x };
    /// `f32x4.pmax`: `a < b ? b : a`, the operands' bits unchanged.
    f32x4_pmax(x, y): [u32; 4] -> u32 =>
        if f32::from_bits(x) < f32::from_bits(y) { y } else { x };
    /// `f32x4.relaxed_madd`: `a * b + c`. Deterministic choice: unfused
    /// (two roundings).
    f32x4_relaxed_madd(x, y, z): [f32; 4] -> f32 => x * y + z;
    /// `f32x4.relaxed_nmadd`: `-(a * b) + c`. Deterministic choice: unfused
    /// (two roundings).
    f32x4_relaxed_nmadd(x, y, z): [f32; 4] -> f32 => -(x * y) + z;
    /// `f32x4.relaxed_min`. Deterministic choice: as `f32x4.min`.
    f32x4_relaxed_min(x, y): [u32; 4] -> u32 => fmin32(x, y);
    /// `f32x4.relaxed_max`. Deterministic choice: as `f32x4.max`.
    f32x4_relaxed_max(x, y): [u32; 4] -> u32 => fmax32(x, y);
    /// `f32x4.convert_i32x4_s`: rounded to nearest, ties to even.
    f32x4_convert_i32x4_s(x): [i32; 4] -> f32 => x as f32;
    /// `f32x4.convert_i32x4_u`: rounded to nearest, ties to even.
    f32x4_convert_i32x4_u(x): [u32; 4] -> f32 => x as f32;
    /// `i32x4.trunc_sat_f32x4_s`: NaN is 0, out of range saturates.
    i32x4_trunc_sat_f32x4_s(x): [f32; 4] -> i32 => x as i32;
    /// `i32x4.trunc_sat_f32x4_u`: NaN is 0, out of range saturates.
    i32x4_trunc_sat_f32x4_u(x): [f32; 4] -> u32 => x as u32;
    /// `i32x4.relaxed_trunc_f32x4_s`. Deterministic choice: as
    /// `i32x4.trunc_sat_f32x4_s` (NaN is 0, out of range saturates).
    i32x4_relaxed_trunc_f32x4_s(x): [f32; 4] -> i32 => x as i32;
    /// `i32x4.relaxed_trunc_f32x4_u`. Deterministic choice: as
    /// `i32x4.trunc_sat_f32x4_u` (NaN is 0, out of range saturates).
    i32x4_relaxed_trunc_f32x4_u(x): [f32; 4] -> u32 => x as u32;

    /// `f64x2.eq`
    f64x2_eq(x, y): [f64; 2] -> i64 => m64(x == y);
    /// `f64x2.ne`: true if either is NaN.
    f64x2_ne(x, y): [f64; 2] -> i64 => m64(x != y);
    /// `f64x2.lt`
    f64x2_lt(x, y): [f64; 2] -> i64 => m64(x < y);
    /// `f64x2.gt`
    f64x2_gt(x, y): [f64; 2] -> i64 => m64(x > y);
    /// `f64x2.le`
    f64x2_le(x, y): [f64; 2] -> i64 => m64(x <= y);
    /// `f64x2.ge`
    f64x2_ge(x, y): [f64; 2] -> i64 => m64(x >= y);
    /// `f64x2.abs`: clears the sign bit (a NaN's payload is kept).
    f64x2_abs(x): [u64; 2] -> u64 => x & !SIGN64;
    /// `f64x2.neg`: flips the sign bit (a NaN's payload is kept).
    f64x2_neg(x): [u64; 2] -> u64 => x ^ SIGN64;
    /// `f64x2.ceil` (a NaN result is quiet)
    f64x2_ceil(x): [f64; 2] -> f64 => quiet_f64(libm::ceil(x));
    /// `f64x2.floor` (a NaN result is quiet)
    f64x2_floor(x): [f64; 2] -> f64 => quiet_f64(libm::floor(x));
    /// `f64x2.trunc` (a NaN result is quiet)
    f64x2_trunc(x): [f64; 2] -> f64 => quiet_f64(libm::trunc(x));
    /// `f64x2.nearest`: ties to even (a NaN result is quiet).
    f64x2_nearest(x): [f64; 2] -> f64 => quiet_f64(f64_nearest(x));
    /// `f64x2.sqrt` (a NaN result is quiet)
    f64x2_sqrt(x): [f64; 2] -> f64 => quiet_f64(libm::sqrt(x));
    /// `f64x2.add`
    f64x2_add(x, y): [f64; 2] -> f64 => x + y;
    /// `f64x2.sub`
    f64x2_sub(x, y): [f64; 2] -> f64 => x - y;
    /// `f64x2.mul`
    f64x2_mul(x, y): [f64; 2] -> f64 => x * y;
    /// `f64x2.div`
    f64x2_div(x, y): [f64; 2] -> f64 => x / y;
    /// `f64x2.min`: NaN (canonical) if either is NaN; `-0 < +0`.
    f64x2_min(x, y): [u64; 2] -> u64 => fmin64(x, y);
    /// `f64x2.max`: NaN (canonical) if either is NaN; `-0 < +0`.
    f64x2_max(x, y): [u64; 2] -> u64 => fmax64(x, y);
    /// `f64x2.pmin`: `b < a ? b : a`, the operands' bits unchanged.
    f64x2_pmin(x, y): [u64; 2] -> u64 =>
        if f64::from_bits(y) < f64::from_bits(x) { y } else { x };
    /// `f64x2.pmax`: `a < b ? b : a`, the operands' bits unchanged.
    f64x2_pmax(x, y): [u64; 2] -> u64 =>
        if f64::from_bits(x) < f64::from_bits(y) { y } else { x };
    /// `f64x2.relaxed_madd`: `a * b + c`. Deterministic choice: unfused
    /// (two roundings).
    f64x2_relaxed_madd(x, y, z): [f64; 2] -> f64 => x * y + z;
    /// `f64x2.relaxed_nmadd`: `-(a * b) + c`. Deterministic choice: unfused
    /// (two roundings).
    f64x2_relaxed_nmadd(x, y, z): [f64; 2] -> f64 => -(x * y) + z;
    /// `f64x2.relaxed_min`. Deterministic choice: as `f64x2.min`.
    f64x2_relaxed_min(x, y): [u64; 2] -> u64 => fmin64(x, y);
    /// `f64x2.relaxed_max`. Deterministic choice: as `f64x2.max`.
    f64x2_relaxed_max(x, y): [u64; 2] -> u64 => fmax64(x, y);
}

widening! {
    /// `f64x2.promote_low_f32x4`: exact (a NaN stays a NaN, quiet).
    f64x2_promote_low_f32x4(x): [f32; 4] @ 0 -> [f64; 2] => x;
    /// `f64x2.convert_low_i32x4_s`: exact.
    f64x2_convert_low_i32x4_s(x): [i32; 4] @ 0 -> [f64; 2] => x;
    /// `f64x2.convert_low_i32x4_u`: exact.
    f64x2_convert_low_i32x4_u(x): [u32; 4] @ 0 -> [f64; 2] => x;
}

/// `f32x4.demote_f64x2_zero`: both lanes rounded to nearest, ties to even;
/// lanes 2 and 3 are +0.
#[inline]
pub(crate) fn f32x4_demote_f64x2_zero(a: V128) -> V128 {
    let a: [f64; 2] = get(a);
    put([a[0] as f32, a[1] as f32, 0.0, 0.0])
}
/// `i32x4.trunc_sat_f64x2_s_zero`: NaN is 0, out of range saturates; lanes
/// 2 and 3 are 0.
#[inline]
pub(crate) fn i32x4_trunc_sat_f64x2_s_zero(a: V128) -> V128 {
    let a: [f64; 2] = get(a);
    put([a[0] as i32, a[1] as i32, 0, 0])
}
/// `i32x4.trunc_sat_f64x2_u_zero`: NaN is 0, out of range saturates; lanes
/// 2 and 3 are 0.
#[inline]
pub(crate) fn i32x4_trunc_sat_f64x2_u_zero(a: V128) -> V128 {
    let a: [f64; 2] = get(a);
    put([a[0] as u32, a[1] as u32, 0, 0])
}
/// `i32x4.relaxed_trunc_f64x2_s_zero`. Deterministic choice: as
/// `i32x4.trunc_sat_f64x2_s_zero` (NaN is 0, out of range saturates, lanes 2
/// and 3 are 0).
#[inline]
pub(crate) fn i32x4_relaxed_trunc_f64x2_s_zero(a: V128) -> V128 {
    i32x4_trunc_sat_f64x2_s_zero(a)
}
/// `i32x4.relaxed_trunc_f64x2_u_zero`. Deterministic choice: as
/// `i32x4.trunc_sat_f64x2_u_zero` (NaN is 0, out of range saturates, lanes 2
/// and 3 are 0).
#[inline]
pub(crate) fn i32x4_relaxed_trunc_f64x2_u_zero(a: V128) -> V128 {
    i32x4_trunc_sat_f64x2_u_zero(a)
}

// ---------------------------------------------------------------------------
// The values of the extending and zero-filling loads, from the loaded bits

/// `v128.load8x8_s`, given the 8 loaded bytes as a little-endian `u64`:
/// each byte sign-extended to an i16 lane.
#[inline]
pub(crate) fn v128_load8x8_s(x: u64) -> V128 {
    i16x8_extend_low_i8x16_s(put([x, 0]))
}
/// `v128.load8x8_u`, given the 8 loaded bytes as a little-endian `u64`:
/// each byte zero-extended to an i16 lane.
#[inline]
pub(crate) fn v128_load8x8_u(x: u64) -> V128 {
    i16x8_extend_low_i8x16_u(put([x, 0]))
}
/// `v128.load16x4_s`, given the 8 loaded bytes as a little-endian `u64`:
/// each i16 sign-extended to an i32 lane.
#[inline]
pub(crate) fn v128_load16x4_s(x: u64) -> V128 {
    i32x4_extend_low_i16x8_s(put([x, 0]))
}
/// `v128.load16x4_u`, given the 8 loaded bytes as a little-endian `u64`:
/// each i16 zero-extended to an i32 lane.
#[inline]
pub(crate) fn v128_load16x4_u(x: u64) -> V128 {
    i32x4_extend_low_i16x8_u(put([x, 0]))
}
/// `v128.load32x2_s`, given the 8 loaded bytes as a little-endian `u64`:
/// each i32 sign-extended to an i64 lane.
#[inline]
pub(crate) fn v128_load32x2_s(x: u64) -> V128 {
    i64x2_extend_low_i32x4_s(put([x, 0]))
}
/// `v128.load32x2_u`, given the 8 loaded bytes as a little-endian `u64`:
/// each i32 zero-extended to an i64 lane.
#[inline]
pub(crate) fn v128_load32x2_u(x: u64) -> V128 {
    i64x2_extend_low_i32x4_u(put([x, 0]))
}
/// `v128.load32_zero`: `x` in lane 0 of an i32x4, the rest 0.
#[inline]
pub(crate) fn v128_load32_zero(x: u32) -> V128 {
    put([x, 0, 0, 0])
}
/// `v128.load64_zero`: `x` in lane 0 of an i64x2, the rest 0.
#[inline]
pub(crate) fn v128_load64_zero(x: u64) -> V128 {
    put([x, 0])
}

#[cfg(test)]
mod tests;
