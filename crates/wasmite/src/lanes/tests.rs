//! Tests of the lane functions: hand-computed cases per group, and
//! cross-checks against a scalar reference on pseudo-random vectors.

use super::*;

// Constructors and readers of lane arrays.
fn v8(l: [i8; 16]) -> V128 {
    put(l)
}
fn v16(l: [i16; 8]) -> V128 {
    put(l)
}
fn v32(l: [i32; 4]) -> V128 {
    put(l)
}
fn v64(l: [i64; 2]) -> V128 {
    put(l)
}
fn vf32(l: [f32; 4]) -> V128 {
    put(l)
}
fn vf64(l: [f64; 2]) -> V128 {
    put(l)
}
fn l8(v: V128) -> [i8; 16] {
    get(v)
}
fn l16(v: V128) -> [i16; 8] {
    get(v)
}
fn l32(v: V128) -> [i32; 4] {
    get(v)
}
fn l64(v: V128) -> [i64; 2] {
    get(v)
}
fn b32(v: V128) -> [u32; 4] {
    get(v)
}
fn b64(v: V128) -> [u64; 2] {
    get(v)
}
fn f32l(v: V128) -> [f32; 4] {
    get(v)
}
fn f64l(v: V128) -> [f64; 2] {
    get(v)
}

const CANON32: u32 = 0x7fc0_0000;
const CANON64: u64 = 0x7ff8_0000_0000_0000;

#[test]
fn lanes_are_little_endian() {
    let v = v32([0x0403_0201, 0, 0, -1]);
    assert_eq!(&v[..4], &[1, 2, 3, 4]);
    assert_eq!(v[15], 0xff);
    assert_eq!(l16(v)[0], 0x0201);
    assert_eq!(l64(v)[0], 0x0403_0201);
}

#[test]
fn bitwise() {
    let a = v32([0x0f0f_0f0f, -1, 0, 0x1234_5678]);
    let b = v32([0x00ff_00ff, 0, -1, 0x0000_ffff]);
    assert_eq!(l32(v128_not(a)), [!0x0f0f_0f0f, 0, -1, !0x1234_5678]);
    assert_eq!(l32(v128_and(a, b)), [0x000f_000f, 0, 0, 0x5678]);
    assert_eq!(l32(v128_andnot(a, b)), [0x0f00_0f00, -1, 0, 0x1234_0000]);
    assert_eq!(l32(v128_or(a, b)), [0x0fff_0fff, -1, -1, 0x1234_ffff]);
    assert_eq!(l32(v128_xor(a, b)), [0x0ff0_0ff0, -1, -1, 0x1234_a987]);
    let c = v32([0x00ff_ff00, -1, 0, 0x0f0f_0f0f]);
    // Bits of a where c is 1, of b where it is 0.
    assert_eq!(l32(v128_bitselect(a, b, c)), [0x000f_0fff, -1, -1, 0x0204_0608 | 0x0000_f0f0]);
    for f in [
        i8x16_relaxed_laneselect,
        i16x8_relaxed_laneselect,
        i32x4_relaxed_laneselect,
        i64x2_relaxed_laneselect,
    ] {
        assert_eq!(f(a, b, c), v128_bitselect(a, b, c));
    }
    assert_eq!(v128_any_true([0; 16]), 0);
    let mut one = [0; 16];
    one[15] = 0x80;
    assert_eq!(v128_any_true(one), 1);
}

#[test]
fn splat_extract_replace() {
    assert_eq!(l8(i8x16_splat(0x1_2380)), [-128; 16]);
    assert_eq!(l16(i16x8_splat(0xffff_8001)), [-32767; 8]);
    assert_eq!(l32(i32x4_splat(7)), [7; 4]);
    assert_eq!(l64(i64x2_splat(u64::MAX)), [-1; 2]);
    // A signalling NaN with a payload is kept bit for bit.
    assert_eq!(b32(f32x4_splat(0xff80_0001)), [0xff80_0001; 4]);
    assert_eq!(b64(f64x2_splat(0x7ff0_0000_0000_0001)), [0x7ff0_0000_0000_0001; 2]);

    let v = v8([0, -1, 2, -128, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 127]);
    assert_eq!(i8x16_extract_lane_s(v, 1), 0xffff_ffff);
    assert_eq!(i8x16_extract_lane_u(v, 1), 0xff);
    assert_eq!(i8x16_extract_lane_s(v, 3), -128i32 as u32);
    assert_eq!(i8x16_extract_lane_u(v, 3), 0x80);
    assert_eq!(i8x16_extract_lane_s(v, 15), 127);
    let w = v16([0, -2, 0x7fff, -32768, 4, 5, 6, 7]);
    assert_eq!(i16x8_extract_lane_s(w, 1), -2i32 as u32);
    assert_eq!(i16x8_extract_lane_u(w, 1), 0xfffe);
    assert_eq!(i16x8_extract_lane_s(w, 3), -32768i32 as u32);
    assert_eq!(i16x8_extract_lane_u(w, 2), 0x7fff);
    let x = v32([10, -20, 30, 40]);
    assert_eq!(i32x4_extract_lane(x, 1), -20i32 as u32);
    assert_eq!(i64x2_extract_lane(v64([1, i64::MIN]), 1), 1 << 63);
    let f = vf32([1.0, -0.0, 2.5, 3.0]);
    assert_eq!(f32x4_extract_lane(f, 1), 0x8000_0000);
    assert_eq!(f64x2_extract_lane(vf64([0.5, -2.0]), 1), (-2.0f64).to_bits());

    assert_eq!(l8(i8x16_replace_lane(v, 0, 0x1ff))[0], -1);
    assert_eq!(
        l16(i16x8_replace_lane(w, 7, 0xabcd_8000)),
        [0, -2, 0x7fff, -32768, 4, 5, 6, -32768]
    );
    assert_eq!(l32(i32x4_replace_lane(x, 2, 5)), [10, -20, 5, 40]);
    assert_eq!(l64(i64x2_replace_lane(v64([1, 2]), 0, 9)), [9, 2]);
    assert_eq!(b32(f32x4_replace_lane(f, 3, 0x7fa0_0001))[3], 0x7fa0_0001);
    assert_eq!(b64(f64x2_replace_lane(vf64([0.5, -2.0]), 1, 42)), [0.5f64.to_bits(), 42]);

    // Lane indices are masked, never a panic (validation keeps them in range).
    assert_eq!(i8x16_extract_lane_u(v, 16 + 3), 0x80);
    assert_eq!(i16x8_extract_lane_u(w, 255), 7);
    assert_eq!(i32x4_replace_lane(x, 6, 1), i32x4_replace_lane(x, 2, 1));
    assert_eq!(i64x2_extract_lane(v64([1, 2]), 3), 2);
}

#[test]
fn shuffle_and_swizzle() {
    let a: V128 = core::array::from_fn(|i| i as u8);
    let b: V128 = core::array::from_fn(|i| 100 + i as u8);
    let mut lanes = [0u8; 16];
    for (i, l) in lanes.iter_mut().enumerate() {
        // Alternate between a (even i) and b (odd i), reversed.
        *l = if i % 2 == 0 { 15 - i as u8 } else { 31 - i as u8 };
    }
    let r = i8x16_shuffle(a, b, lanes);
    assert_eq!(r[..4], [15, 100 + 14, 13, 100 + 12]);
    assert_eq!(r[15], 100);
    // Indices are masked with & 31.
    assert_eq!(i8x16_shuffle(a, b, [32 + 17; 16]), [101; 16]);

    let s = [0u8, 15, 16, 255, 0x80, 3, 31, 1, 2, 17, 14, 13, 100, 5, 6, 7];
    let r = i8x16_swizzle(b, s);
    assert_eq!(r, [100, 115, 0, 0, 0, 103, 0, 101, 102, 0, 114, 113, 0, 105, 106, 107]);
    assert_eq!(i8x16_relaxed_swizzle(b, s), r);
}

#[test]
fn i8x16_edges() {
    let a = v8([-128, -127, -1, 0, 1, 127, 100, -100, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(l8(i8x16_abs(a))[..8], [-128, 127, 1, 0, 1, 127, 100, 100]);
    assert_eq!(l8(i8x16_neg(a))[..8], [-128, 127, 1, 0, -1, -127, -100, 100]);
    assert_eq!(l8(i8x16_popcnt(a))[..8], [1, 2, 8, 0, 1, 7, 3, 4]);
    let b = v8([-1, -2, -128, 127, 127, 1, 100, -100, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(l8(i8x16_add_sat_s(a, b))[..8], [-128, -128, -128, 127, 127, 127, 127, -128]);
    assert_eq!(l8(i8x16_sub_sat_s(a, b))[..8], [-127, -125, 127, -127, -126, 126, 0, 0]);
    assert_eq!(l8(i8x16_add(a, b))[..8], [127, 127, 127, 127, -128, -128, -56, 56]);
    // Unsigned: 0x80 + 0xff saturates, 0x80 - 0xff saturates at 0.
    assert_eq!(i8x16_add_sat_u(a, b)[..4], [255, 255, 255, 127]);
    assert_eq!(i8x16_sub_sat_u(a, b)[..4], [0, 0, 127, 0]);
    assert_eq!(l8(i8x16_min_s(a, b))[..3], [-128, -127, -128]);
    assert_eq!(i8x16_min_u(a, b)[..3], [128, 129, 128]);
    assert_eq!(l8(i8x16_max_s(a, b))[..3], [-1, -2, -1]);
    assert_eq!(i8x16_max_u(a, b)[..3], [255, 254, 255]);
    assert_eq!(i8x16_avgr_u([255; 16], [254; 16]), [255; 16]);
    assert_eq!(i8x16_avgr_u([0; 16], [1; 16]), [1; 16]);
    assert_eq!(i8x16_avgr_u([2; 16], [5; 16]), [4; 16]);
    // -128 < 127 signed, 0x80 > 0x7f unsigned.
    let (x, y) = (v8([-128; 16]), v8([127; 16]));
    assert_eq!(l8(i8x16_lt_s(x, y)), [-1; 16]);
    assert_eq!(l8(i8x16_lt_u(x, y)), [0; 16]);
    assert_eq!(l8(i8x16_gt_u(x, y)), [-1; 16]);
    assert_eq!(l8(i8x16_le_s(x, x)), [-1; 16]);
    assert_eq!(l8(i8x16_ge_u(y, x)), [0; 16]);
    assert_eq!(l8(i8x16_eq(x, x)), [-1; 16]);
    assert_eq!(l8(i8x16_ne(x, x)), [0; 16]);
}

#[test]
fn shifts_take_the_count_modulo_the_width() {
    let a = v8([-128, 1, 0x40, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(l8(i8x16_shl(a, 1))[..4], [0, 2, -128, -2]);
    assert_eq!(i8x16_shl(a, 9), i8x16_shl(a, 1));
    assert_eq!(i8x16_shl(a, 8), a);
    assert_eq!(l8(i8x16_shr_s(a, 7))[..4], [-1, 0, 0, -1]);
    assert_eq!(l8(i8x16_shr_u(a, 7))[..4], [1, 0, 0, 1]);
    assert_eq!(i8x16_shr_u(a, 15), i8x16_shr_u(a, 7));
    let b = v16([-32768, 1, -1, 0x4000, 0, 0, 0, 0]);
    assert_eq!(l16(i16x8_shl(b, 17))[..4], [0, 2, -2, -32768]);
    assert_eq!(l16(i16x8_shr_s(b, 15))[..4], [-1, 0, -1, 0]);
    assert_eq!(l16(i16x8_shr_u(b, 31))[..4], [1, 0, 1, 0]);
    let c = v32([i32::MIN, 1, -1, 3]);
    assert_eq!(i32x4_shl(c, 32), c);
    assert_eq!(l32(i32x4_shl(c, 33)), [0, 2, -2, 6]);
    assert_eq!(l32(i32x4_shr_s(c, 31)), [-1, 0, -1, 0]);
    assert_eq!(l32(i32x4_shr_u(c, u32::MAX)), [1, 0, 1, 0]);
    let d = v64([i64::MIN, -1]);
    assert_eq!(i64x2_shl(d, 64), d);
    assert_eq!(l64(i64x2_shl(d, 65)), [0, -2]);
    assert_eq!(l64(i64x2_shr_s(d, 63)), [-1, -1]);
    assert_eq!(l64(i64x2_shr_u(d, 127)), [1, 1]);
}

#[test]
fn narrow_saturates() {
    let a = v16([-32768, -129, -128, -1, 0, 127, 128, 32767]);
    let b = v16([255, 256, 1, 2, 3, 4, 5, -5]);
    assert_eq!(
        l8(i8x16_narrow_i16x8_s(a, b)),
        [-128, -128, -128, -1, 0, 127, 127, 127, 127, 127, 1, 2, 3, 4, 5, -5]
    );
    assert_eq!(
        i8x16_narrow_i16x8_u(a, b),
        [0, 0, 0, 0, 0, 127, 128, 255, 255, 255, 1, 2, 3, 4, 5, 0]
    );
    let c = v32([i32::MIN, -32769, 32768, 65536]);
    let d = v32([65535, -1, 40000, 7]);
    assert_eq!(
        l16(i16x8_narrow_i32x4_s(c, d)),
        [-32768, -32768, 32767, 32767, 32767, -1, 32767, 7]
    );
    let u: [u16; 8] = get(i16x8_narrow_i32x4_u(c, d));
    assert_eq!(u, [0, 0, 32768, 65535, 65535, 0, 40000, 7]);
}

#[test]
fn bitmask_and_all_true() {
    let a = v8([-1, 0, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -2]);
    assert_eq!(i8x16_bitmask(a), 0b1000_0000_0000_0101);
    assert_eq!(i8x16_bitmask([0x80; 16]), 0xffff);
    assert_eq!(i8x16_all_true(a), 0);
    assert_eq!(i8x16_all_true([1; 16]), 1);
    let b = v16([-1, 1, 1, 1, 1, 1, 1, -32768]);
    assert_eq!(i16x8_bitmask(b), 0b1000_0001);
    assert_eq!(i16x8_all_true(b), 1);
    // A lane whose low byte alone is zero is still true.
    assert_eq!(i16x8_all_true(v16([0x100, 1, 1, 1, 1, 1, 1, 0])), 0);
    assert_eq!(i16x8_all_true(v16([0x100; 8])), 1);
    assert_eq!(i32x4_bitmask(v32([-1, 0, i32::MIN, 1])), 0b0101);
    assert_eq!(i32x4_all_true(v32([1, 2, 3, 0])), 0);
    assert_eq!(i32x4_all_true(v32([1 << 31, 1 << 16, 1 << 8, 1])), 1);
    assert_eq!(i64x2_bitmask(v64([1, -1])), 0b10);
    assert_eq!(i64x2_all_true(v64([1 << 40, -1])), 1);
    assert_eq!(i64x2_all_true(v64([1, 0])), 0);
}

#[test]
fn widening_and_pairwise() {
    let a = v8([-128, -1, 0, 1, 127, 2, 3, 4, -5, -6, 7, 8, 9, 10, 11, -128]);
    assert_eq!(l16(i16x8_extend_low_i8x16_s(a)), [-128, -1, 0, 1, 127, 2, 3, 4]);
    assert_eq!(l16(i16x8_extend_high_i8x16_s(a)), [-5, -6, 7, 8, 9, 10, 11, -128]);
    assert_eq!(l16(i16x8_extend_low_i8x16_u(a)), [128, 255, 0, 1, 127, 2, 3, 4]);
    assert_eq!(l16(i16x8_extend_high_i8x16_u(a))[7], 128);
    let b = v16([-32768, -1, 1, 2, 3, 4, 5, 32767]);
    assert_eq!(l32(i32x4_extend_low_i16x8_s(b)), [-32768, -1, 1, 2]);
    assert_eq!(l32(i32x4_extend_high_i16x8_u(b)), [3, 4, 5, 32767]);
    assert_eq!(l32(i32x4_extend_low_i16x8_u(b)), [32768, 65535, 1, 2]);
    let c = v32([-1, i32::MIN, 5, -7]);
    assert_eq!(l64(i64x2_extend_low_i32x4_s(c)), [-1, i32::MIN as i64]);
    assert_eq!(l64(i64x2_extend_low_i32x4_u(c)), [0xffff_ffff, 0x8000_0000]);
    assert_eq!(l64(i64x2_extend_high_i32x4_s(c)), [5, -7]);
    assert_eq!(l64(i64x2_extend_high_i32x4_u(c)), [5, 0xffff_fff9]);

    assert_eq!(l16(i16x8_extmul_low_i8x16_s(a, a))[..2], [16384, 1]);
    assert_eq!(l16(i16x8_extmul_high_i8x16_s(a, a))[7], 16384);
    let u: [u16; 8] = get(i16x8_extmul_low_i8x16_u(a, a));
    assert_eq!(u[..2], [16384, 65025]);
    assert_eq!(l32(i32x4_extmul_low_i16x8_s(b, b))[0], 1 << 30);
    assert_eq!(b32(i32x4_extmul_low_i16x8_u(b, b))[1], 65535 * 65535);
    assert_eq!(l32(i32x4_extmul_high_i16x8_s(b, b))[3], 32767 * 32767);
    assert_eq!(l64(i64x2_extmul_low_i32x4_s(c, c))[1], 1 << 62);
    assert_eq!(b64(i64x2_extmul_low_i32x4_u(c, c))[0], 0xffff_fffe_0000_0001);
    assert_eq!(l64(i64x2_extmul_high_i32x4_s(c, c)), [25, 49]);
    assert_eq!(l64(i64x2_extmul_high_i32x4_u(c, c))[0], 25);

    assert_eq!(l16(i16x8_extadd_pairwise_i8x16_s(a)), [-129, 1, 129, 7, -11, 15, 19, -117]);
    assert_eq!(l16(i16x8_extadd_pairwise_i8x16_u(a))[0], 128 + 255);
    assert_eq!(l32(i32x4_extadd_pairwise_i16x8_s(b)), [-32769, 3, 7, 32772]);
    assert_eq!(b32(i32x4_extadd_pairwise_i16x8_u(b))[0], 32768 + 65535);
    assert_eq!(b32(i32x4_extadd_pairwise_i16x8_u(v16([-1; 8])))[0], 2 * 65535);
}

#[test]
fn dot_and_q15() {
    // Only 2 * (-32768)^2 overflows, and wraps.
    let m = v16([-32768; 8]);
    assert_eq!(l32(i32x4_dot_i16x8_s(m, m)), [i32::MIN; 4]);
    let a = v16([1, 2, 3, 4, -5, 6, 7, 8]);
    let b = v16([10, 20, 30, 40, 50, 60, -70, 80]);
    assert_eq!(l32(i32x4_dot_i16x8_s(a, b)), [50, 250, 110, 150]);

    let q = i16x8_q15mulr_sat_s(m, v16([-32768, 32767, 16384, 1, -1, 0, -16384, 2]));
    assert_eq!(l16(q), [32767, -32767, -16384, -1, 1, 0, 16384, -2]);
    // Rounding: 0x4000 is added before the shift (0.5 ulp rounds up).
    let r = i16x8_q15mulr_sat_s(v16([16384; 8]), v16([1, 3, -1, -3, 2, 0, 32767, -32767]));
    assert_eq!(l16(r), [1, 2, 0, -1, 1, 0, 16384, -16383]);
    assert_eq!(i16x8_relaxed_q15mulr_s(m, m), i16x8_q15mulr_sat_s(m, m));

    // Relaxed dot: signed × signed, i16 pair sums saturate.
    let x = v8([-128, -128, 127, 127, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    let y = v8([-128, -128, 127, -128, -1, -2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    let d = i16x8_relaxed_dot_i8x16_i7x16_s(x, y);
    assert_eq!(l16(d), [32767, -127, -5, 25, 61, 113, 181, 265]);
    let c = v32([1, i32::MAX, -3, 4]);
    let r = i32x4_relaxed_dot_i8x16_i7x16_add_s(x, y, c);
    assert_eq!(
        l32(r),
        [32767 - 127 + 1, i32::MAX.wrapping_add(-5 + 25), -3 + 61 + 113, 4 + 181 + 265]
    );
}

#[test]
fn i32_and_i64_edges() {
    let a = v32([i32::MIN, -1, i32::MAX, 3]);
    assert_eq!(l32(i32x4_abs(a)), [i32::MIN, 1, i32::MAX, 3]);
    assert_eq!(l32(i32x4_neg(a)), [i32::MIN, 1, -i32::MAX, -3]);
    assert_eq!(l32(i32x4_mul(a, v32([2, 2, 2, -2]))), [0, -2, -2, -6]);
    assert_eq!(l32(i32x4_min_u(a, v32([0, 0, 0, 0]))), [0; 4]);
    assert_eq!(l32(i32x4_max_u(a, v32([0, 0, 0, 0]))), l32(a));
    assert_eq!(l32(i32x4_lt_s(a, v32([0; 4]))), [-1, -1, 0, 0]);
    assert_eq!(l32(i32x4_gt_u(a, v32([0; 4]))), [-1; 4]);
    let b = v64([i64::MIN, -5]);
    assert_eq!(l64(i64x2_abs(b)), [i64::MIN, 5]);
    assert_eq!(l64(i64x2_neg(b)), [i64::MIN, 5]);
    assert_eq!(l64(i64x2_mul(b, v64([-1, i64::MAX]))), [i64::MIN, i64::MAX.wrapping_mul(-5)]);
    assert_eq!(l64(i64x2_add(b, v64([-1, 5]))), [i64::MAX, 0]);
    assert_eq!(l64(i64x2_sub(b, v64([1, 0]))), [i64::MAX, -5]);
    assert_eq!(l64(i64x2_lt_s(b, v64([0, -5]))), [-1, 0]);
    assert_eq!(l64(i64x2_le_s(b, v64([0, -5]))), [-1, -1]);
    assert_eq!(l64(i64x2_gt_s(b, v64([0, -6]))), [0, -1]);
    assert_eq!(l64(i64x2_ge_s(b, v64([i64::MIN, -4]))), [-1, 0]);
    assert_eq!(l64(i64x2_eq(b, v64([i64::MIN, 5]))), [-1, 0]);
    assert_eq!(l64(i64x2_ne(b, v64([i64::MIN, 5]))), [0, -1]);
}

#[test]
fn float_min_max_nan_and_zeros() {
    let nan_payload = f32::from_bits(0x7fa0_0001); // signalling, with a payload
    let a = vf32([f32::NAN, 1.0, 0.0, -0.0]);
    let b = vf32([1.0, nan_payload, -0.0, 0.0]);
    assert_eq!(b32(f32x4_min(a, b)), [CANON32, CANON32, 0x8000_0000, 0x8000_0000]);
    assert_eq!(b32(f32x4_max(a, b)), [CANON32, CANON32, 0, 0]);
    assert_eq!(f32x4_relaxed_min(a, b), f32x4_min(a, b));
    assert_eq!(f32x4_relaxed_max(a, b), f32x4_max(a, b));
    let c = vf32([-1.0, 2.0, f32::NEG_INFINITY, f32::INFINITY]);
    let d = vf32([1.0, -2.0, 5.0, 5.0]);
    assert_eq!(f32l(f32x4_min(c, d)), [-1.0, -2.0, f32::NEG_INFINITY, 5.0]);
    assert_eq!(f32l(f32x4_max(c, d)), [1.0, 2.0, 5.0, f32::INFINITY]);

    // pmin = b < a ? b : a, pmax = a < b ? b : a: a NaN or an equal pair
    // gives a back, bits unchanged.
    assert_eq!(b32(f32x4_pmin(a, b)), [f32::NAN.to_bits(), 1.0f32.to_bits(), 0, 0x8000_0000]);
    assert_eq!(b32(f32x4_pmax(a, b))[1..], [1.0f32.to_bits(), 0, 0x8000_0000]);
    assert_eq!(b32(f32x4_pmin(b, a))[..2], [1.0f32.to_bits(), 0x7fa0_0001]);
    assert_eq!(f32l(f32x4_pmin(c, d)), [-1.0, -2.0, f32::NEG_INFINITY, 5.0]);
    assert_eq!(f32l(f32x4_pmax(c, d)), [1.0, 2.0, 5.0, f32::INFINITY]);

    let e = vf64([f64::NAN, -0.0]);
    let f = vf64([-0.0, 0.0]);
    assert_eq!(b64(f64x2_min(e, f)), [CANON64, 0x8000_0000_0000_0000]);
    assert_eq!(b64(f64x2_max(e, f)), [CANON64, 0]);
    assert_eq!(b64(f64x2_min(f, e)), [CANON64, 0x8000_0000_0000_0000]);
    assert_eq!(f64x2_relaxed_min(e, f), f64x2_min(e, f));
    assert_eq!(f64x2_relaxed_max(e, f), f64x2_max(e, f));
    assert_eq!(b64(f64x2_pmin(e, f)), [f64::NAN.to_bits(), 0x8000_0000_0000_0000]);
    assert_eq!(b64(f64x2_pmax(f, e)), [0x8000_0000_0000_0000, 0]);
    assert_eq!(f64l(f64x2_pmax(vf64([1.0, -3.0]), vf64([2.0, -4.0]))), [2.0, -3.0]);
}

#[test]
fn float_bit_ops_and_rounding() {
    let payload = 0xff80_0001u32; // a negative signalling NaN
    let a = put([payload, 0x8000_0000, 0x3f80_0000, 0x7fc0_0000]);
    assert_eq!(b32(f32x4_abs(a)), [0x7f80_0001, 0, 0x3f80_0000, 0x7fc0_0000]);
    assert_eq!(b32(f32x4_neg(a)), [0x7f80_0001, 0, 0xbf80_0000, 0xffc0_0000]);
    let b = put([0xfff0_0000_0000_0001u64, 0]);
    assert_eq!(b64(f64x2_abs(b)), [0x7ff0_0000_0000_0001, 0]);
    assert_eq!(b64(f64x2_neg(b)), [0x7ff0_0000_0000_0001, 1 << 63]);

    let x = vf32([2.5, -0.5, 3.5, -1.5]);
    assert_eq!(
        b32(f32x4_nearest(x)),
        [2.0f32.to_bits(), (-0.0f32).to_bits(), 4.0f32.to_bits(), (-2.0f32).to_bits()]
    );
    assert_eq!(f32l(f32x4_ceil(x)), [3.0, -0.0, 4.0, -1.0]);
    assert_eq!(b32(f32x4_ceil(x))[1], 0x8000_0000);
    assert_eq!(f32l(f32x4_floor(x)), [2.0, -1.0, 3.0, -2.0]);
    assert_eq!(
        b32(f32x4_trunc(x)),
        [2.0f32.to_bits(), 0x8000_0000, 3.0f32.to_bits(), (-1.0f32).to_bits()]
    );
    assert_eq!(
        f32l(f32x4_sqrt(vf32([4.0, 2.0, 0.0, f32::INFINITY]))),
        [2.0, core::f32::consts::SQRT_2, 0.0, f32::INFINITY]
    );
    assert_eq!(b32(f32x4_sqrt(vf32([-0.0, 1.0, 1.0, 1.0])))[0], 0x8000_0000);
    assert!(f32l(f32x4_sqrt(vf32([-1.0; 4])))[0].is_nan());
    let y = vf64([2.5, -0.5]);
    assert_eq!(b64(f64x2_nearest(y)), [2.0f64.to_bits(), (-0.0f64).to_bits()]);
    assert_eq!(b64(f64x2_ceil(y)), [3.0f64.to_bits(), (-0.0f64).to_bits()]);
    assert_eq!(f64l(f64x2_floor(y)), [2.0, -1.0]);
    assert_eq!(b64(f64x2_trunc(y)), [2.0f64.to_bits(), (-0.0f64).to_bits()]);
    assert_eq!(f64l(f64x2_sqrt(vf64([9.0, 0.25]))), [3.0, 0.5]);
    // A NaN result of a rounding op is quiet; a canonical one stays canonical.
    let n = put([0x7fa0_0000u32, CANON32, 0xffc0_0000, 0x7f80_0001]);
    for f in [f32x4_ceil, f32x4_floor, f32x4_trunc, f32x4_nearest, f32x4_sqrt] {
        let r = b32(f(n));
        assert!(r.iter().all(|&x| x & 0x7fc0_0000 == 0x7fc0_0000), "{r:x?}");
        assert_eq!(r[1], CANON32);
    }
    let n = put([0x7ff4_0000_0000_0000u64, CANON64]);
    for f in [f64x2_ceil, f64x2_floor, f64x2_trunc, f64x2_nearest, f64x2_sqrt] {
        let r = b64(f(n));
        assert_eq!(r[0] & 0x7ff8_0000_0000_0000, 0x7ff8_0000_0000_0000);
        assert_eq!(r[1], CANON64);
    }
}

#[test]
fn float_arithmetic_and_compare() {
    let a = vf32([1.5, -2.0, f32::INFINITY, f32::NAN]);
    let b = vf32([0.25, 4.0, f32::INFINITY, 1.0]);
    assert_eq!(f32l(f32x4_add(a, b))[..2], [1.75, 2.0]);
    assert!(f32l(f32x4_sub(a, b))[2].is_nan());
    assert_eq!(f32l(f32x4_mul(a, b))[..3], [0.375, -8.0, f32::INFINITY]);
    assert_eq!(f32l(f32x4_div(a, b))[..2], [6.0, -0.5]);
    assert!(f32l(f32x4_div(a, b))[2..].iter().all(|x| x.is_nan()));
    assert_eq!(l32(f32x4_eq(a, b)), [0, 0, -1, 0]);
    assert_eq!(l32(f32x4_ne(a, b)), [-1, -1, 0, -1]);
    assert_eq!(l32(f32x4_lt(a, b)), [0, -1, 0, 0]);
    assert_eq!(l32(f32x4_le(a, b)), [0, -1, -1, 0]);
    assert_eq!(l32(f32x4_gt(a, b)), [-1, 0, 0, 0]);
    assert_eq!(l32(f32x4_ge(a, b)), [-1, 0, -1, 0]);
    assert_eq!(l32(f32x4_eq(vf32([0.0; 4]), vf32([-0.0; 4]))), [-1; 4]);
    let c = vf64([f64::NAN, -0.0]);
    let d = vf64([f64::NAN, 0.0]);
    assert_eq!(l64(f64x2_eq(c, d)), [0, -1]);
    assert_eq!(l64(f64x2_ne(c, d)), [-1, 0]);
    assert_eq!(l64(f64x2_lt(c, d)), [0, 0]);
    assert_eq!(l64(f64x2_le(c, d)), [0, -1]);
    assert_eq!(l64(f64x2_gt(vf64([2.0, 1.0]), vf64([1.0, 2.0]))), [-1, 0]);
    assert_eq!(l64(f64x2_ge(vf64([2.0, 1.0]), vf64([2.0, 2.0]))), [-1, 0]);
    assert_eq!(f64l(f64x2_add(vf64([1.0, 0.1]), vf64([2.0, 0.2]))), [3.0, 0.1 + 0.2]);
    assert_eq!(f64l(f64x2_sub(vf64([1.0, 0.0]), vf64([2.0, 0.0]))), [-1.0, 0.0]);
    assert_eq!(f64l(f64x2_mul(vf64([1.5, -0.0]), vf64([2.0, 3.0]))), [3.0, -0.0]);
    assert_eq!(f64l(f64x2_div(vf64([1.0, -1.0]), vf64([0.0, 4.0]))), [f64::INFINITY, -0.25]);

    // madd/nmadd are unfused: (1 + 2^-13)(1 - 2^-13) = 1 - 2^-26 rounds
    // to 1 in f32, so adding -1 gives exactly 0 (fused: -2^-26). In f64,
    // with 2^-28: 1 - 2^-56 rounds to 1.
    let p = 1.0 + f32::EPSILON * 1024.0;
    let q = 1.0 - f32::EPSILON * 1024.0;
    let r = f32x4_relaxed_madd(
        vf32([p, 2.0, 1.0, 1.0]),
        vf32([q, 3.0, 1.0, 1.0]),
        vf32([-1.0, 1.0, 0.0, 0.0]),
    );
    assert_eq!(f32l(r)[..2], [0.0, 7.0]);
    let r = f32x4_relaxed_nmadd(
        vf32([p, 2.0, 1.0, 1.0]),
        vf32([q, 3.0, 1.0, 1.0]),
        vf32([1.0, 1.0, 0.0, 0.0]),
    );
    assert_eq!(f32l(r)[..2], [0.0, -5.0]);
    let p = 1.0 + f64::EPSILON * (1u64 << 24) as f64;
    let q = 1.0 - f64::EPSILON * (1u64 << 24) as f64;
    let r = f64x2_relaxed_madd(vf64([p, 2.0]), vf64([q, 3.0]), vf64([-1.0, 1.0]));
    assert_eq!(f64l(r), [0.0, 7.0]);
    let r = f64x2_relaxed_nmadd(vf64([p, 2.0]), vf64([q, 3.0]), vf64([1.0, 1.0]));
    assert_eq!(f64l(r), [0.0, -5.0]);
}

#[test]
fn conversions() {
    let a = vf32([f32::NAN, f32::INFINITY, f32::NEG_INFINITY, -0.9]);
    assert_eq!(l32(i32x4_trunc_sat_f32x4_s(a)), [0, i32::MAX, i32::MIN, 0]);
    assert_eq!(b32(i32x4_trunc_sat_f32x4_u(a)), [0, u32::MAX, 0, 0]);
    let b = vf32([2147483648.0, -2147483904.0, 4294967296.0, -1.5]);
    assert_eq!(l32(i32x4_trunc_sat_f32x4_s(b)), [i32::MAX, i32::MIN, i32::MAX, -1]);
    assert_eq!(b32(i32x4_trunc_sat_f32x4_u(b)), [0x8000_0000, 0, u32::MAX, 0]);
    let c = vf32([2147483520.0, -2147483648.0, 4294967040.0, 1.9]);
    assert_eq!(l32(i32x4_trunc_sat_f32x4_s(c)), [2147483520, i32::MIN, i32::MAX, 1]);
    assert_eq!(b32(i32x4_trunc_sat_f32x4_u(c)), [2147483520, 0, 4294967040, 1]);
    for v in [a, b, c] {
        assert_eq!(i32x4_relaxed_trunc_f32x4_s(v), i32x4_trunc_sat_f32x4_s(v));
        assert_eq!(i32x4_relaxed_trunc_f32x4_u(v), i32x4_trunc_sat_f32x4_u(v));
    }
    let d = vf64([f64::NAN, -2147483648.9]);
    assert_eq!(l32(i32x4_trunc_sat_f64x2_s_zero(d)), [0, i32::MIN, 0, 0]);
    assert_eq!(l32(i32x4_trunc_sat_f64x2_u_zero(d)), [0, 0, 0, 0]);
    let e = vf64([4294967295.9, -2147483649.0]);
    assert_eq!(b32(i32x4_trunc_sat_f64x2_u_zero(e)), [u32::MAX, 0, 0, 0]);
    assert_eq!(l32(i32x4_trunc_sat_f64x2_s_zero(e)), [i32::MAX, i32::MIN, 0, 0]);
    let f = vf64([f64::INFINITY, 4294967296.0]);
    assert_eq!(b32(i32x4_trunc_sat_f64x2_u_zero(f)), [u32::MAX, u32::MAX, 0, 0]);
    for v in [d, e, f] {
        assert_eq!(i32x4_relaxed_trunc_f64x2_s_zero(v), i32x4_trunc_sat_f64x2_s_zero(v));
        assert_eq!(i32x4_relaxed_trunc_f64x2_u_zero(v), i32x4_trunc_sat_f64x2_u_zero(v));
    }

    // Round to nearest, ties to even: 2^24 + 1 and 2^24 + 3 are ties.
    let g = v32([16777217, 16777219, -16777217, i32::MIN]);
    assert_eq!(
        f32l(f32x4_convert_i32x4_s(g)),
        [16777216.0, 16777220.0, -16777216.0, -2147483648.0]
    );
    let h = v32([-1, 16777217, 0, i32::MIN]);
    assert_eq!(f32l(f32x4_convert_i32x4_u(h)), [4294967296.0, 16777216.0, 0.0, 2147483648.0]);
    assert_eq!(f64l(f64x2_convert_low_i32x4_s(v32([-1, i32::MIN, 5, 5]))), [-1.0, -2147483648.0]);
    assert_eq!(
        f64l(f64x2_convert_low_i32x4_u(v32([-1, i32::MIN, 5, 5]))),
        [4294967295.0, 2147483648.0]
    );

    let big = f32::MAX as f64 * 2.0;
    let r = f32x4_demote_f64x2_zero(vf64([1.0 + f64::EPSILON, big]));
    assert_eq!(f32l(r), [1.0, f32::INFINITY, 0.0, 0.0]);
    assert_eq!(b32(r)[2..], [0, 0]);
    let r = f32x4_demote_f64x2_zero(vf64([f64::NAN, -0.0]));
    assert!(f32l(r)[0].is_nan());
    assert_eq!(b32(r)[1], 0x8000_0000);
    let r = f64x2_promote_low_f32x4(vf32([0.1, f32::NEG_INFINITY, 9.0, 9.0]));
    assert_eq!(f64l(r), [0.1f32 as f64, f64::NEG_INFINITY]);
    assert_eq!(b64(f64x2_promote_low_f32x4(put([CANON32, 0, 0, 0])))[0], CANON64);
}

#[test]
fn load_helpers() {
    let x = u64::from_le_bytes([0x80, 0x7f, 0xff, 0x01, 0x00, 0xfe, 0x02, 0x81]);
    assert_eq!(l16(v128_load8x8_s(x)), [-128, 127, -1, 1, 0, -2, 2, -127]);
    assert_eq!(l16(v128_load8x8_u(x)), [128, 127, 255, 1, 0, 254, 2, 129]);
    assert_eq!(l32(v128_load16x4_s(x)), [0x7f80, 0x01ff, -512, -32510]);
    assert_eq!(l32(v128_load16x4_u(x)), [0x7f80, 0x01ff, 0xfe00, 0x8102]);
    assert_eq!(l64(v128_load32x2_s(x)), [0x01ff_7f80, 0x8102_fe00u32 as i32 as i64]);
    assert_eq!(l64(v128_load32x2_u(x)), [0x01ff_7f80, 0x8102_fe00]);
    assert_eq!(l32(v128_load32_zero(0xdead_beef)), [0xdead_beefu32 as i32, 0, 0, 0]);
    assert_eq!(b64(v128_load64_zero(x)), [x, 0]);
}

// --- Cross-checks against a scalar reference written differently: lanes
// read and written with shifts on a u128, arithmetic in i128, over
// pseudo-random vectors biased towards edge values.

const N: usize = 400;

/// xorshift64
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// Random bytes, a quarter of them edge bytes; or, one time in four,
    /// lanes of a random width that are all edge values.
    fn v128(&mut self) -> V128 {
        let r = self.next();
        if r.is_multiple_of(4) {
            let bits = 8 << ((r >> 2) % 4);
            let n = 128 / bits;
            let vals: [i128; 16] = core::array::from_fn(|_| {
                let (lo, hi) = (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1);
                let x = self.next();
                [0, 1, -1, lo, hi, lo + 1, hi - 1, (x >> 8) as i128][(x % 8) as usize]
            });
            return from_lanes(&vals[..n as usize], bits);
        }
        core::array::from_fn(|_| {
            let x = self.next();
            if x.is_multiple_of(4) {
                [0, 1, 0x7f, 0x80, 0xff, 0xfe][(x >> 8) as usize % 6]
            } else {
                (x >> 16) as u8
            }
        })
    }
}

fn mask(bits: u32) -> u128 {
    if bits == 128 { u128::MAX } else { (1 << bits) - 1 }
}
/// Lane `i` of `bits` bits, signed or not (0 past the last lane).
fn lane(v: V128, bits: u32, i: u32, signed: bool) -> i128 {
    let x = u128::from_le_bytes(v).checked_shr(bits * i).unwrap_or(0) & mask(bits);
    if signed && x >> (bits - 1) == 1 { x as i128 - (1i128 << bits) } else { x as i128 }
}
fn lanes_of(v: V128, bits: u32, signed: bool) -> [i128; 16] {
    core::array::from_fn(
        |i| {
            if (i as u32) < 128 / bits { lane(v, bits, i as u32, signed) } else { 0 }
        },
    )
}
/// Lanes (each taken modulo 2^bits) back to a vector.
fn from_lanes(vals: &[i128], bits: u32) -> V128 {
    let mut x = 0u128;
    for (i, v) in vals.iter().enumerate() {
        x |= (*v as u128 & mask(bits)) << (bits * i as u32);
    }
    x.to_le_bytes()
}
fn sat(x: i128, bits: u32, signed: bool) -> i128 {
    let (lo, hi) = if signed {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    } else {
        (0, (1i128 << bits) - 1)
    };
    x.max(lo).min(hi)
}
fn t(c: bool) -> i128 {
    -(c as i128)
}

type Bin = fn(V128, V128) -> V128;
type Un = fn(V128) -> V128;
const S: bool = true;
const U: bool = false;

#[test]
fn integer_binary_ops_match_reference() {
    type Ref = fn(i128, i128, u32) -> i128;
    let ops: &[(&str, Bin, u32, bool, Ref)] = &[
        ("v128.and", v128_and, 8, U, |x, y, _| x & y),
        ("v128.andnot", v128_andnot, 8, U, |x, y, _| x & !y),
        ("v128.or", v128_or, 8, U, |x, y, _| x | y),
        ("v128.xor", v128_xor, 8, U, |x, y, _| x ^ y),
        ("i8x16.add", i8x16_add, 8, U, |x, y, _| x + y),
        ("i8x16.add_sat_s", i8x16_add_sat_s, 8, S, |x, y, b| sat(x + y, b, S)),
        ("i8x16.add_sat_u", i8x16_add_sat_u, 8, U, |x, y, b| sat(x + y, b, U)),
        ("i8x16.sub", i8x16_sub, 8, U, |x, y, _| x - y),
        ("i8x16.sub_sat_s", i8x16_sub_sat_s, 8, S, |x, y, b| sat(x - y, b, S)),
        ("i8x16.sub_sat_u", i8x16_sub_sat_u, 8, U, |x, y, b| sat(x - y, b, U)),
        ("i8x16.min_s", i8x16_min_s, 8, S, |x, y, _| if x < y { x } else { y }),
        ("i8x16.min_u", i8x16_min_u, 8, U, |x, y, _| if x < y { x } else { y }),
        ("i8x16.max_s", i8x16_max_s, 8, S, |x, y, _| if x > y { x } else { y }),
        ("i8x16.max_u", i8x16_max_u, 8, U, |x, y, _| if x > y { x } else { y }),
        ("i8x16.avgr_u", i8x16_avgr_u, 8, U, |x, y, _| (x + y + 1) / 2),
        ("i8x16.eq", i8x16_eq, 8, S, |x, y, _| t(x == y)),
        ("i8x16.ne", i8x16_ne, 8, S, |x, y, _| t(x != y)),
        ("i8x16.lt_s", i8x16_lt_s, 8, S, |x, y, _| t(x < y)),
        ("i8x16.lt_u", i8x16_lt_u, 8, U, |x, y, _| t(x < y)),
        ("i8x16.gt_s", i8x16_gt_s, 8, S, |x, y, _| t(x > y)),
        ("i8x16.gt_u", i8x16_gt_u, 8, U, |x, y, _| t(x > y)),
        ("i8x16.le_s", i8x16_le_s, 8, S, |x, y, _| t(x <= y)),
        ("i8x16.le_u", i8x16_le_u, 8, U, |x, y, _| t(x <= y)),
        ("i8x16.ge_s", i8x16_ge_s, 8, S, |x, y, _| t(x >= y)),
        ("i8x16.ge_u", i8x16_ge_u, 8, U, |x, y, _| t(x >= y)),
        ("i16x8.add", i16x8_add, 16, U, |x, y, _| x + y),
        ("i16x8.add_sat_s", i16x8_add_sat_s, 16, S, |x, y, b| sat(x + y, b, S)),
        ("i16x8.add_sat_u", i16x8_add_sat_u, 16, U, |x, y, b| sat(x + y, b, U)),
        ("i16x8.sub", i16x8_sub, 16, U, |x, y, _| x - y),
        ("i16x8.sub_sat_s", i16x8_sub_sat_s, 16, S, |x, y, b| sat(x - y, b, S)),
        ("i16x8.sub_sat_u", i16x8_sub_sat_u, 16, U, |x, y, b| sat(x - y, b, U)),
        ("i16x8.mul", i16x8_mul, 16, S, |x, y, _| x * y),
        ("i16x8.min_s", i16x8_min_s, 16, S, |x, y, _| if x < y { x } else { y }),
        ("i16x8.min_u", i16x8_min_u, 16, U, |x, y, _| if x < y { x } else { y }),
        ("i16x8.max_s", i16x8_max_s, 16, S, |x, y, _| if x > y { x } else { y }),
        ("i16x8.max_u", i16x8_max_u, 16, U, |x, y, _| if x > y { x } else { y }),
        ("i16x8.avgr_u", i16x8_avgr_u, 16, U, |x, y, _| (x + y + 1) / 2),
        ("i16x8.q15mulr_sat_s", i16x8_q15mulr_sat_s, 16, S, |x, y, b| {
            sat((x * y + (1 << 14)).div_euclid(1 << 15), b, S)
        }),
        ("i16x8.relaxed_q15mulr_s", i16x8_relaxed_q15mulr_s, 16, S, |x, y, b| {
            sat((x * y + (1 << 14)).div_euclid(1 << 15), b, S)
        }),
        ("i16x8.eq", i16x8_eq, 16, S, |x, y, _| t(x == y)),
        ("i16x8.ne", i16x8_ne, 16, S, |x, y, _| t(x != y)),
        ("i16x8.lt_s", i16x8_lt_s, 16, S, |x, y, _| t(x < y)),
        ("i16x8.lt_u", i16x8_lt_u, 16, U, |x, y, _| t(x < y)),
        ("i16x8.gt_s", i16x8_gt_s, 16, S, |x, y, _| t(x > y)),
        ("i16x8.gt_u", i16x8_gt_u, 16, U, |x, y, _| t(x > y)),
        ("i16x8.le_s", i16x8_le_s, 16, S, |x, y, _| t(x <= y)),
        ("i16x8.le_u", i16x8_le_u, 16, U, |x, y, _| t(x <= y)),
        ("i16x8.ge_s", i16x8_ge_s, 16, S, |x, y, _| t(x >= y)),
        ("i16x8.ge_u", i16x8_ge_u, 16, U, |x, y, _| t(x >= y)),
        ("i32x4.add", i32x4_add, 32, U, |x, y, _| x + y),
        ("i32x4.sub", i32x4_sub, 32, U, |x, y, _| x - y),
        ("i32x4.mul", i32x4_mul, 32, S, |x, y, _| x * y),
        ("i32x4.min_s", i32x4_min_s, 32, S, |x, y, _| if x < y { x } else { y }),
        ("i32x4.min_u", i32x4_min_u, 32, U, |x, y, _| if x < y { x } else { y }),
        ("i32x4.max_s", i32x4_max_s, 32, S, |x, y, _| if x > y { x } else { y }),
        ("i32x4.max_u", i32x4_max_u, 32, U, |x, y, _| if x > y { x } else { y }),
        ("i32x4.eq", i32x4_eq, 32, S, |x, y, _| t(x == y)),
        ("i32x4.ne", i32x4_ne, 32, S, |x, y, _| t(x != y)),
        ("i32x4.lt_s", i32x4_lt_s, 32, S, |x, y, _| t(x < y)),
        ("i32x4.lt_u", i32x4_lt_u, 32, U, |x, y, _| t(x < y)),
        ("i32x4.gt_s", i32x4_gt_s, 32, S, |x, y, _| t(x > y)),
        ("i32x4.gt_u", i32x4_gt_u, 32, U, |x, y, _| t(x > y)),
        ("i32x4.le_s", i32x4_le_s, 32, S, |x, y, _| t(x <= y)),
        ("i32x4.le_u", i32x4_le_u, 32, U, |x, y, _| t(x <= y)),
        ("i32x4.ge_s", i32x4_ge_s, 32, S, |x, y, _| t(x >= y)),
        ("i32x4.ge_u", i32x4_ge_u, 32, U, |x, y, _| t(x >= y)),
        ("i64x2.add", i64x2_add, 64, U, |x, y, _| x + y),
        ("i64x2.sub", i64x2_sub, 64, U, |x, y, _| x - y),
        ("i64x2.mul", i64x2_mul, 64, U, |x, y, _| x.wrapping_mul(y)),
        ("i64x2.eq", i64x2_eq, 64, S, |x, y, _| t(x == y)),
        ("i64x2.ne", i64x2_ne, 64, S, |x, y, _| t(x != y)),
        ("i64x2.lt_s", i64x2_lt_s, 64, S, |x, y, _| t(x < y)),
        ("i64x2.gt_s", i64x2_gt_s, 64, S, |x, y, _| t(x > y)),
        ("i64x2.le_s", i64x2_le_s, 64, S, |x, y, _| t(x <= y)),
        ("i64x2.ge_s", i64x2_ge_s, 64, S, |x, y, _| t(x >= y)),
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..N {
        let (a, b) = (rng.v128(), rng.v128());
        for &(name, f, bits, signed, r) in ops {
            let (x, y) = (lanes_of(a, bits, signed), lanes_of(b, bits, signed));
            let want: [i128; 16] = core::array::from_fn(|i| r(x[i], y[i], bits));
            let want = from_lanes(&want[..(128 / bits) as usize], bits);
            assert_eq!(f(a, b), want, "{name} {a:02x?} {b:02x?}");
        }
    }
}

#[test]
fn integer_unary_shift_and_reduce_ops_match_reference() {
    type Ref = fn(i128) -> i128;
    let unary: &[(&str, Un, u32, bool, Ref)] = &[
        ("v128.not", v128_not, 8, U, |x| !x),
        ("i8x16.abs", i8x16_abs, 8, S, |x| x.abs()),
        ("i8x16.neg", i8x16_neg, 8, S, |x| -x),
        ("i8x16.popcnt", i8x16_popcnt, 8, U, |x| (0..8).map(|k| x >> k & 1).sum()),
        ("i16x8.abs", i16x8_abs, 16, S, |x| x.abs()),
        ("i16x8.neg", i16x8_neg, 16, S, |x| -x),
        ("i32x4.abs", i32x4_abs, 32, S, |x| x.abs()),
        ("i32x4.neg", i32x4_neg, 32, S, |x| -x),
        ("i64x2.abs", i64x2_abs, 64, S, |x| x.abs()),
        ("i64x2.neg", i64x2_neg, 64, S, |x| -x),
    ];
    type Sh = fn(V128, u32) -> V128;
    // (op, width, signed input, shifts left)
    let shifts: &[(&str, Sh, u32, bool, bool)] = &[
        ("i8x16.shl", i8x16_shl, 8, U, true),
        ("i8x16.shr_s", i8x16_shr_s, 8, S, false),
        ("i8x16.shr_u", i8x16_shr_u, 8, U, false),
        ("i16x8.shl", i16x8_shl, 16, U, true),
        ("i16x8.shr_s", i16x8_shr_s, 16, S, false),
        ("i16x8.shr_u", i16x8_shr_u, 16, U, false),
        ("i32x4.shl", i32x4_shl, 32, U, true),
        ("i32x4.shr_s", i32x4_shr_s, 32, S, false),
        ("i32x4.shr_u", i32x4_shr_u, 32, U, false),
        ("i64x2.shl", i64x2_shl, 64, U, true),
        ("i64x2.shr_s", i64x2_shr_s, 64, S, false),
        ("i64x2.shr_u", i64x2_shr_u, 64, U, false),
    ];
    type Red = fn(V128) -> u32;
    let all_true: [(Red, u32); 4] =
        [(i8x16_all_true, 8), (i16x8_all_true, 16), (i32x4_all_true, 32), (i64x2_all_true, 64)];
    let bitmask: [(Red, u32); 4] =
        [(i8x16_bitmask, 8), (i16x8_bitmask, 16), (i32x4_bitmask, 32), (i64x2_bitmask, 64)];
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for _ in 0..N {
        let a = rng.v128();
        for &(name, f, bits, signed, r) in unary {
            let x = lanes_of(a, bits, signed);
            let want: [i128; 16] = core::array::from_fn(|i| r(x[i]));
            assert_eq!(f(a), from_lanes(&want[..(128 / bits) as usize], bits), "{name} {a:02x?}");
        }
        let s = match rng.next() % 4 {
            0 => rng.next() as u32,
            1 => rng.next() as u32 % 8,
            _ => rng.next() as u32 % 130,
        };
        for &(name, f, bits, signed, left) in shifts {
            let x = lanes_of(a, bits, signed);
            let k = s % bits;
            let want: [i128; 16] =
                core::array::from_fn(|i| if left { x[i] << k } else { x[i] >> k });
            assert_eq!(f(a, s), from_lanes(&want[..(128 / bits) as usize], bits), "{name} {s}");
        }
        for (f, bits) in all_true {
            let n = 128 / bits;
            assert_eq!(f(a), (0..n).all(|i| lane(a, bits, i, U) != 0) as u32, "all_true {bits}");
        }
        for (f, bits) in bitmask {
            let n = 128 / bits;
            let want = (0..n).map(|i| ((lane(a, bits, i, S) < 0) as u32) << i).sum::<u32>();
            assert_eq!(f(a), want, "bitmask {bits} {a:02x?}");
        }
        assert_eq!(v128_any_true(a), (u128::from_le_bytes(a) != 0) as u32);
    }
}

#[test]
fn widening_narrowing_and_dot_ops_match_reference() {
    // (op, input lane width, signed, first input lane): output lane i
    // is the widened input lane `first + i` (extend), or the widened
    // product of the two inputs' lanes (extmul).
    let extend: &[(&str, Un, u32, bool, u32)] = &[
        ("i16x8.extend_low_i8x16_s", i16x8_extend_low_i8x16_s, 8, S, 0),
        ("i16x8.extend_high_i8x16_s", i16x8_extend_high_i8x16_s, 8, S, 8),
        ("i16x8.extend_low_i8x16_u", i16x8_extend_low_i8x16_u, 8, U, 0),
        ("i16x8.extend_high_i8x16_u", i16x8_extend_high_i8x16_u, 8, U, 8),
        ("i32x4.extend_low_i16x8_s", i32x4_extend_low_i16x8_s, 16, S, 0),
        ("i32x4.extend_high_i16x8_s", i32x4_extend_high_i16x8_s, 16, S, 4),
        ("i32x4.extend_low_i16x8_u", i32x4_extend_low_i16x8_u, 16, U, 0),
        ("i32x4.extend_high_i16x8_u", i32x4_extend_high_i16x8_u, 16, U, 4),
        ("i64x2.extend_low_i32x4_s", i64x2_extend_low_i32x4_s, 32, S, 0),
        ("i64x2.extend_high_i32x4_s", i64x2_extend_high_i32x4_s, 32, S, 2),
        ("i64x2.extend_low_i32x4_u", i64x2_extend_low_i32x4_u, 32, U, 0),
        ("i64x2.extend_high_i32x4_u", i64x2_extend_high_i32x4_u, 32, U, 2),
    ];
    let extmul: &[(&str, Bin, u32, bool, u32)] = &[
        ("i16x8.extmul_low_i8x16_s", i16x8_extmul_low_i8x16_s, 8, S, 0),
        ("i16x8.extmul_high_i8x16_s", i16x8_extmul_high_i8x16_s, 8, S, 8),
        ("i16x8.extmul_low_i8x16_u", i16x8_extmul_low_i8x16_u, 8, U, 0),
        ("i16x8.extmul_high_i8x16_u", i16x8_extmul_high_i8x16_u, 8, U, 8),
        ("i32x4.extmul_low_i16x8_s", i32x4_extmul_low_i16x8_s, 16, S, 0),
        ("i32x4.extmul_high_i16x8_s", i32x4_extmul_high_i16x8_s, 16, S, 4),
        ("i32x4.extmul_low_i16x8_u", i32x4_extmul_low_i16x8_u, 16, U, 0),
        ("i32x4.extmul_high_i16x8_u", i32x4_extmul_high_i16x8_u, 16, U, 4),
        ("i64x2.extmul_low_i32x4_s", i64x2_extmul_low_i32x4_s, 32, S, 0),
        ("i64x2.extmul_high_i32x4_s", i64x2_extmul_high_i32x4_s, 32, S, 2),
        ("i64x2.extmul_low_i32x4_u", i64x2_extmul_low_i32x4_u, 32, U, 0),
        ("i64x2.extmul_high_i32x4_u", i64x2_extmul_high_i32x4_u, 32, U, 2),
    ];
    let pairwise: &[(&str, Un, u32, bool)] = &[
        ("i16x8.extadd_pairwise_i8x16_s", i16x8_extadd_pairwise_i8x16_s, 8, S),
        ("i16x8.extadd_pairwise_i8x16_u", i16x8_extadd_pairwise_i8x16_u, 8, U),
        ("i32x4.extadd_pairwise_i16x8_s", i32x4_extadd_pairwise_i16x8_s, 16, S),
        ("i32x4.extadd_pairwise_i16x8_u", i32x4_extadd_pairwise_i16x8_u, 16, U),
    ];
    // (op, input lane width, signed output)
    let narrow: &[(&str, Bin, u32, bool)] = &[
        ("i8x16.narrow_i16x8_s", i8x16_narrow_i16x8_s, 16, S),
        ("i8x16.narrow_i16x8_u", i8x16_narrow_i16x8_u, 16, U),
        ("i16x8.narrow_i32x4_s", i16x8_narrow_i32x4_s, 32, S),
        ("i16x8.narrow_i32x4_u", i16x8_narrow_i32x4_u, 32, U),
    ];
    let mut rng = Rng(0xd1b5_4a32_d192_ed03);
    for _ in 0..N {
        let (a, b, c) = (rng.v128(), rng.v128(), rng.v128());
        for &(name, f, bits, signed, first) in extend {
            let want: [i128; 8] = core::array::from_fn(|i| lane(a, bits, first + i as u32, signed));
            assert_eq!(f(a), from_lanes(&want[..(64 / bits) as usize], 2 * bits), "{name}");
        }
        for &(name, f, bits, signed, first) in extmul {
            let want: [i128; 8] = core::array::from_fn(|i| {
                let k = first + i as u32;
                lane(a, bits, k, signed) * lane(b, bits, k, signed)
            });
            assert_eq!(f(a, b), from_lanes(&want[..(64 / bits) as usize], 2 * bits), "{name}");
        }
        for &(name, f, bits, signed) in pairwise {
            let want: [i128; 8] = core::array::from_fn(|i| {
                let k = 2 * i as u32;
                lane(a, bits, k, signed) + lane(a, bits, k + 1, signed)
            });
            assert_eq!(f(a), from_lanes(&want[..(64 / bits) as usize], 2 * bits), "{name}");
        }
        for &(name, f, bits, signed) in narrow {
            let n = 128 / bits;
            let want: [i128; 16] = core::array::from_fn(|i| {
                let i = i as u32;
                let x = if i < n { lane(a, bits, i, S) } else { lane(b, bits, (i - n) % n, S) };
                sat(x, bits / 2, signed)
            });
            assert_eq!(f(a, b), from_lanes(&want[..(2 * n) as usize], bits / 2), "{name}");
        }
        let dot: [i128; 4] = core::array::from_fn(|i| {
            let k = 2 * i as u32;
            lane(a, 16, k, S) * lane(b, 16, k, S) + lane(a, 16, k + 1, S) * lane(b, 16, k + 1, S)
        });
        assert_eq!(i32x4_dot_i16x8_s(a, b), from_lanes(&dot, 32), "i32x4.dot_i16x8_s");
        let rdot: [i128; 8] = core::array::from_fn(|i| {
            let k = 2 * i as u32;
            let p =
                lane(a, 8, k, S) * lane(b, 8, k, S) + lane(a, 8, k + 1, S) * lane(b, 8, k + 1, S);
            sat(p, 16, S)
        });
        assert_eq!(i16x8_relaxed_dot_i8x16_i7x16_s(a, b), from_lanes(&rdot, 16), "relaxed_dot");
        let rdot_add: [i128; 4] =
            core::array::from_fn(|i| rdot[2 * i] + rdot[2 * i + 1] + lane(c, 32, i as u32, S));
        assert_eq!(
            i32x4_relaxed_dot_i8x16_i7x16_add_s(a, b, c),
            from_lanes(&rdot_add, 32),
            "relaxed_dot_add"
        );
        assert_eq!(
            v128_bitselect(a, b, c),
            from_lanes(
                &[(lane(a, 128, 0, U) & lane(c, 128, 0, U))
                    | (lane(b, 128, 0, U) & !lane(c, 128, 0, U))],
                128
            )
        );
    }
}

#[test]
fn lane_access_shuffle_and_swizzle_match_reference() {
    let mut rng = Rng(0x853c_49e6_748f_ea9b);
    for _ in 0..N {
        let (a, b, m) = (rng.v128(), rng.v128(), rng.v128());
        let lane_ix = rng.next() as u8;
        let x = rng.next();
        let ab: [i128; 32] = core::array::from_fn(|i| {
            if i < 16 { lane(a, 8, i as u32, U) } else { lane(b, 8, i as u32 - 16, U) }
        });
        let want: [i128; 16] = core::array::from_fn(|i| ab[(m[i] % 32) as usize]);
        assert_eq!(i8x16_shuffle(a, b, m), from_lanes(&want, 8));
        let want: [i128; 16] =
            core::array::from_fn(|i| if m[i] < 16 { ab[m[i] as usize] } else { 0 });
        assert_eq!(i8x16_swizzle(a, m), from_lanes(&want, 8));
        assert_eq!(i8x16_relaxed_swizzle(a, m), from_lanes(&want, 8));

        let k = |n: u8| (lane_ix % n) as u32;
        assert_eq!(i8x16_extract_lane_s(a, lane_ix), lane(a, 8, k(16), S) as u32);
        assert_eq!(i8x16_extract_lane_u(a, lane_ix), lane(a, 8, k(16), U) as u32);
        assert_eq!(i16x8_extract_lane_s(a, lane_ix), lane(a, 16, k(8), S) as u32);
        assert_eq!(i16x8_extract_lane_u(a, lane_ix), lane(a, 16, k(8), U) as u32);
        assert_eq!(i32x4_extract_lane(a, lane_ix), lane(a, 32, k(4), U) as u32);
        assert_eq!(f32x4_extract_lane(a, lane_ix), lane(a, 32, k(4), U) as u32);
        assert_eq!(i64x2_extract_lane(a, lane_ix), lane(a, 64, k(2), U) as u64);
        assert_eq!(f64x2_extract_lane(a, lane_ix), lane(a, 64, k(2), U) as u64);
        let replaced = |bits: u32, n: u8| {
            let mut l = lanes_of(a, bits, U);
            l[k(n) as usize] = (x as u128 & mask(bits)) as i128;
            from_lanes(&l[..n as usize], bits)
        };
        assert_eq!(i8x16_replace_lane(a, lane_ix, x as u32), replaced(8, 16));
        assert_eq!(i16x8_replace_lane(a, lane_ix, x as u32), replaced(16, 8));
        assert_eq!(i32x4_replace_lane(a, lane_ix, x as u32), replaced(32, 4));
        assert_eq!(f32x4_replace_lane(a, lane_ix, x as u32), replaced(32, 4));
        assert_eq!(i64x2_replace_lane(a, lane_ix, x), replaced(64, 2));
        assert_eq!(f64x2_replace_lane(a, lane_ix, x), replaced(64, 2));
        let splat = |bits: u32| from_lanes(&[x as i128; 16][..(128 / bits) as usize], bits);
        assert_eq!(i8x16_splat(x as u32), splat(8));
        assert_eq!(i16x8_splat(x as u32), splat(16));
        assert_eq!(i32x4_splat(x as u32), splat(32));
        assert_eq!(f32x4_splat(x as u32), splat(32));
        assert_eq!(i64x2_splat(x), splat(64));
        assert_eq!(f64x2_splat(x), splat(64));
        let low = |bits: u32, signed: bool| -> [i128; 8] {
            core::array::from_fn(|i| lane(from_lanes(&[x as i128], 64), bits, i as u32, signed))
        };
        assert_eq!(v128_load8x8_s(x), from_lanes(&low(8, S), 16));
        assert_eq!(v128_load8x8_u(x), from_lanes(&low(8, U), 16));
        assert_eq!(v128_load16x4_s(x), from_lanes(&low(16, S)[..4], 32));
        assert_eq!(v128_load16x4_u(x), from_lanes(&low(16, U)[..4], 32));
        assert_eq!(v128_load32x2_s(x), from_lanes(&low(32, S)[..2], 64));
        assert_eq!(v128_load32x2_u(x), from_lanes(&low(32, U)[..2], 64));
        assert_eq!(v128_load32_zero(x as u32), from_lanes(&[x as u32 as i128], 128));
        assert_eq!(v128_load64_zero(x), from_lanes(&[x as i128], 128));
    }
}

// --- Floats: lanes drawn from special values (NaNs with payloads, ±0,
// ±inf, ties, conversion bounds) or random bits.

const F32_SPECIALS: [u32; 26] = [
    0x0000_0000,
    0x8000_0000,
    0x3f80_0000,
    0xbf80_0000,
    0x3f00_0000,
    0xbf00_0000, // ±0 ±1 ±0.5
    0x4020_0000,
    0xc020_0000,
    0x3fc0_0000,
    0x3eff_ffff, // 2.5 -2.5 1.5 0.49999997
    0x7f80_0000,
    0xff80_0000,
    0x7f7f_ffff,
    0x0080_0000,
    0x0000_0001, // inf -inf max min-normal min-subnormal
    0x4f00_0000,
    0xcf00_0000,
    0x4eff_ffff,
    0x4f80_0000,
    0x4f7f_ffff, // 2^31 -2^31 2^31-128 2^32 2^32-256
    0x4b00_0001,
    0xcf00_0001, // 2^23+1, just below -2^31
    0x7fc0_0000,
    0xffc0_0000,
    0x7fa0_0001,
    0xff80_0001, // NaNs: canonical ±, signalling with payloads
];
const F64_SPECIALS: [u64; 20] = [
    0,
    1 << 63,
    0x3ff0_0000_0000_0000,
    0xbff0_0000_0000_0000,
    0x4004_0000_0000_0000,
    0xbfe0_0000_0000_0000,
    0x7ff0_0000_0000_0000,
    0xfff0_0000_0000_0000,
    0x7fef_ffff_ffff_ffff,
    1, // inf -inf max min-subnormal
    0x41e0_0000_0000_0000,
    0xc1e0_0000_0000_0000,
    0x41ef_ffff_ffff_ffff,
    0x41f0_0000_0000_0000, // 2^31 -2^31 2^32-eps 2^32
    0xc1e0_0000_0020_0000,
    0x4330_0000_0000_0001, // -2^31-1 2^52+1
    0x7ff8_0000_0000_0000,
    0xfff8_0000_0000_0000,
    0x7ff4_0000_0000_0001,
    0xfff0_0000_0000_0001,
];

impl Rng {
    fn f32_lane(&mut self) -> u32 {
        let r = self.next();
        match r % 4 {
            0 | 1 => F32_SPECIALS[(r >> 8) as usize % F32_SPECIALS.len()],
            2 => (((r >> 8) as i32 % 4096) as f32 / 4.0).to_bits(), // quarters, for rounding
            _ => (r >> 16) as u32,
        }
    }
    fn f64_lane(&mut self) -> u64 {
        let r = self.next();
        match r % 4 {
            0 | 1 => F64_SPECIALS[(r >> 8) as usize % F64_SPECIALS.len()],
            2 => (((r >> 8) as i32 % 4096) as f64 / 4.0).to_bits(),
            _ => self.next(),
        }
    }
    fn f32x4(&mut self) -> V128 {
        put([self.f32_lane(), self.f32_lane(), self.f32_lane(), self.f32_lane()])
    }
    fn f64x2(&mut self) -> V128 {
        put([self.f64_lane(), self.f64_lane()])
    }
}

/// A NaN result must be an arithmetic (quiet) NaN, and canonical when
/// every NaN input was canonical; anything else must be bit-exact.
fn check32(name: &str, got: u32, want: f32, inputs: &[u32]) {
    if want.is_nan() {
        assert_eq!(got & 0x7fc0_0000, 0x7fc0_0000, "{name}: {got:#x} is not an arithmetic NaN");
        if inputs.iter().all(|&x| !f32::from_bits(x).is_nan() || x & 0x7fff_ffff == CANON32) {
            assert_eq!(got & 0x7fff_ffff, CANON32, "{name}: {got:#x} is not canonical");
        }
    } else {
        assert_eq!(got, want.to_bits(), "{name} {inputs:#x?}: {} != {want}", f32::from_bits(got));
    }
}
fn check64(name: &str, got: u64, want: f64, inputs: &[u64]) {
    if want.is_nan() {
        assert_eq!(got & 0x7ff8 << 48, 0x7ff8 << 48, "{name}: {got:#x} is not an arithmetic NaN");
        if inputs.iter().all(|&x| !f64::from_bits(x).is_nan() || x & !(1 << 63) == CANON64) {
            assert_eq!(got & !(1 << 63), CANON64, "{name}: {got:#x} is not canonical");
        }
    } else {
        assert_eq!(got, want.to_bits(), "{name} {inputs:#x?}: {} != {want}", f64::from_bits(got));
    }
}

/// Round half to even, written without `rint`.
fn nearest_ref(x: f64) -> f64 {
    let f = libm::floor(x);
    let d = x - f;
    let r = if d > 0.5 || (d == 0.5 && libm::fmod(f, 2.0) != 0.0) { f + 1.0 } else { f };
    libm::copysign(r, x)
}

#[test]
fn f32x4_ops_match_reference() {
    // f32 arithmetic checked in f64: one f64 operation then rounding to
    // f32 is correctly rounded for + - * / sqrt (53 >= 2 * 24 + 2).
    type F = fn(f32, f32) -> f32;
    let bin: &[(&str, Bin, F)] = &[
        ("f32x4.add", f32x4_add, |x, y| (x as f64 + y as f64) as f32),
        ("f32x4.sub", f32x4_sub, |x, y| (x as f64 - y as f64) as f32),
        ("f32x4.mul", f32x4_mul, |x, y| (x as f64 * y as f64) as f32),
        ("f32x4.div", f32x4_div, |x, y| (x as f64 / y as f64) as f32),
        ("f32x4.min", f32x4_min, crate::semantics::f32_min),
        ("f32x4.max", f32x4_max, crate::semantics::f32_max),
        ("f32x4.relaxed_min", f32x4_relaxed_min, crate::semantics::f32_min),
        ("f32x4.relaxed_max", f32x4_relaxed_max, crate::semantics::f32_max),
    ];
    type G = fn(f32) -> f32;
    let un: &[(&str, Un, G)] = &[
        ("f32x4.sqrt", f32x4_sqrt, |x| libm::sqrt(x as f64) as f32),
        ("f32x4.ceil", f32x4_ceil, |x| libm::ceil(x as f64) as f32),
        ("f32x4.floor", f32x4_floor, |x| libm::floor(x as f64) as f32),
        ("f32x4.trunc", f32x4_trunc, |x| libm::trunc(x as f64) as f32),
        ("f32x4.nearest", f32x4_nearest, |x| nearest_ref(x as f64) as f32),
    ];
    type C = fn(f32, f32) -> bool;
    let cmp: &[(&str, Bin, C)] = &[
        ("f32x4.eq", f32x4_eq, |x, y| x.partial_cmp(&y) == Some(core::cmp::Ordering::Equal)),
        ("f32x4.ne", f32x4_ne, |x, y| x.partial_cmp(&y) != Some(core::cmp::Ordering::Equal)),
        ("f32x4.lt", f32x4_lt, |x, y| x.partial_cmp(&y) == Some(core::cmp::Ordering::Less)),
        ("f32x4.gt", f32x4_gt, |x, y| x.partial_cmp(&y) == Some(core::cmp::Ordering::Greater)),
        ("f32x4.le", f32x4_le, |x, y| matches!(x.partial_cmp(&y), Some(o) if o.is_le())),
        ("f32x4.ge", f32x4_ge, |x, y| matches!(x.partial_cmp(&y), Some(o) if o.is_ge())),
    ];
    let mut rng = Rng(0x6a09_e667_f3bc_c909);
    for _ in 0..N {
        let (a, b, c) = (rng.f32x4(), rng.f32x4(), rng.f32x4());
        let (x, y, z) = (b32(a), b32(b), b32(c));
        let f = |v: u32| f32::from_bits(v);
        for &(name, op, r) in bin {
            let got = b32(op(a, b));
            for i in 0..4 {
                check32(name, got[i], r(f(x[i]), f(y[i])), &[x[i], y[i]]);
            }
        }
        for &(name, op, r) in un {
            let got = b32(op(a));
            for i in 0..4 {
                check32(name, got[i], r(f(x[i])), &[x[i]]);
            }
        }
        for &(name, op, r) in cmp {
            let want: [i128; 4] = core::array::from_fn(|i| t(r(f(x[i]), f(y[i]))));
            assert_eq!(op(a, b), from_lanes(&want, 32), "{name}");
        }
        let (pmin, pmax) = (b32(f32x4_pmin(a, b)), b32(f32x4_pmax(a, b)));
        let (abs, neg) = (b32(f32x4_abs(a)), b32(f32x4_neg(a)));
        let (madd, nmadd) = (b32(f32x4_relaxed_madd(a, b, c)), b32(f32x4_relaxed_nmadd(a, b, c)));
        let (ts, tu) = (l32(i32x4_trunc_sat_f32x4_s(a)), b32(i32x4_trunc_sat_f32x4_u(a)));
        let (cs, cu) = (b32(f32x4_convert_i32x4_s(a)), b32(f32x4_convert_i32x4_u(a)));
        for i in 0..4 {
            let (p, q) = (f(x[i]), f(y[i]));
            assert_eq!(pmin[i], if q < p { y[i] } else { x[i] }, "pmin");
            assert_eq!(pmax[i], if p < q { y[i] } else { x[i] }, "pmax");
            assert_eq!(abs[i], x[i] & 0x7fff_ffff, "abs");
            assert_eq!(neg[i], x[i] ^ 0x8000_0000, "neg");
            // Unfused: the product is rounded to f32 before the add.
            let prod = (p as f64 * q as f64) as f32;
            let r = f(z[i]) as f64;
            check32("madd", madd[i], (prod as f64 + r) as f32, &[x[i], y[i], z[i]]);
            check32("nmadd", nmadd[i], (-prod as f64 + r) as f32, &[x[i], y[i], z[i]]);
            let tr = libm::trunc(p as f64);
            let want_s = if p.is_nan() { 0 } else { sat(tr.clamp(-1e300, 1e300) as i128, 32, S) };
            let want_u = if p.is_nan() { 0 } else { sat(tr.clamp(-1e300, 1e300) as i128, 32, U) };
            assert_eq!(ts[i] as i128, want_s, "trunc_sat_s {p}");
            assert_eq!(tu[i] as i128, want_u, "trunc_sat_u {p}");
            assert_eq!(f(cs[i]), (x[i] as i32 as f64) as f32, "convert_s");
            assert_eq!(f(cu[i]), (x[i] as f64) as f32, "convert_u");
        }
        assert_eq!(i32x4_relaxed_trunc_f32x4_s(a), i32x4_trunc_sat_f32x4_s(a));
        assert_eq!(i32x4_relaxed_trunc_f32x4_u(a), i32x4_trunc_sat_f32x4_u(a));
        let pro = b64(f64x2_promote_low_f32x4(a));
        for i in 0..2 {
            let p = f64::from_bits(pro[i]);
            if f(x[i]).is_nan() {
                assert_eq!(pro[i] & 0x7ff8 << 48, 0x7ff8 << 48, "promote: arithmetic NaN");
                if x[i] & 0x7fff_ffff == CANON32 {
                    assert_eq!(pro[i] & !(1 << 63), CANON64, "promote: canonical NaN");
                }
            } else {
                assert_eq!(p as f32, f(x[i]), "promote is exact");
                assert_eq!(p.is_sign_negative(), f(x[i]).is_sign_negative());
            }
        }
    }
}

#[test]
fn f64x2_ops_match_reference() {
    type F = fn(f64, f64) -> f64;
    let bin: &[(&str, Bin, F)] = &[
        ("f64x2.add", f64x2_add, |x, y| x + y),
        ("f64x2.sub", f64x2_sub, |x, y| x - y),
        ("f64x2.mul", f64x2_mul, |x, y| x * y),
        ("f64x2.div", f64x2_div, |x, y| x / y),
        ("f64x2.min", f64x2_min, crate::semantics::f64_min),
        ("f64x2.max", f64x2_max, crate::semantics::f64_max),
        ("f64x2.relaxed_min", f64x2_relaxed_min, crate::semantics::f64_min),
        ("f64x2.relaxed_max", f64x2_relaxed_max, crate::semantics::f64_max),
    ];
    type G = fn(f64) -> f64;
    let un: &[(&str, Un, G)] = &[
        ("f64x2.sqrt", f64x2_sqrt, libm::sqrt),
        ("f64x2.ceil", f64x2_ceil, |x| -libm::floor(-x)),
        ("f64x2.floor", f64x2_floor, |x| -libm::ceil(-x)),
        ("f64x2.trunc", f64x2_trunc, |x| if x < 0.0 { libm::ceil(x) } else { libm::floor(x) }),
        ("f64x2.nearest", f64x2_nearest, nearest_ref),
    ];
    let mut rng = Rng(0xbb67_ae85_84ca_a73b);
    for _ in 0..N {
        let (a, b, c) = (rng.f64x2(), rng.f64x2(), rng.f64x2());
        let (x, y, z) = (b64(a), b64(b), b64(c));
        let f = f64::from_bits;
        for &(name, op, r) in bin {
            let got = b64(op(a, b));
            for i in 0..2 {
                check64(name, got[i], r(f(x[i]), f(y[i])), &[x[i], y[i]]);
            }
        }
        for &(name, op, r) in un {
            let got = b64(op(a));
            for i in 0..2 {
                check64(name, got[i], r(f(x[i])), &[x[i]]);
            }
        }
        let cmp = [
            (f64x2_eq(a, b), [f(x[0]) == f(y[0]), f(x[1]) == f(y[1])]),
            (f64x2_ne(a, b), [f(x[0]) != f(y[0]), f(x[1]) != f(y[1])]),
            (f64x2_lt(a, b), [f(x[0]) < f(y[0]), f(x[1]) < f(y[1])]),
            (f64x2_gt(a, b), [f(x[0]) > f(y[0]), f(x[1]) > f(y[1])]),
            (f64x2_le(a, b), [f(x[0]) <= f(y[0]), f(x[1]) <= f(y[1])]),
            (f64x2_ge(a, b), [f(x[0]) >= f(y[0]), f(x[1]) >= f(y[1])]),
        ];
        for (got, want) in cmp {
            assert_eq!(got, from_lanes(&[t(want[0]), t(want[1])], 64));
        }
        let (pmin, pmax) = (b64(f64x2_pmin(a, b)), b64(f64x2_pmax(a, b)));
        let (abs, neg) = (b64(f64x2_abs(a)), b64(f64x2_neg(a)));
        let (madd, nmadd) = (b64(f64x2_relaxed_madd(a, b, c)), b64(f64x2_relaxed_nmadd(a, b, c)));
        for i in 0..2 {
            let (p, q, r) = (f(x[i]), f(y[i]), f(z[i]));
            assert_eq!(pmin[i], if q < p { y[i] } else { x[i] }, "pmin");
            assert_eq!(pmax[i], if p < q { y[i] } else { x[i] }, "pmax");
            assert_eq!(abs[i], x[i] & !(1 << 63), "abs");
            assert_eq!(neg[i], x[i] ^ (1 << 63), "neg");
            check64("madd", madd[i], p * q + r, &[x[i], y[i], z[i]]);
            check64("nmadd", nmadd[i], r - p * q, &[x[i], y[i], z[i]]);
        }
        let (ts, tu) = (l32(i32x4_trunc_sat_f64x2_s_zero(a)), b32(i32x4_trunc_sat_f64x2_u_zero(a)));
        for i in 0..2 {
            let p = f(x[i]);
            let tr = libm::trunc(p).clamp(-1e300, 1e300);
            assert_eq!(ts[i] as i128, if p.is_nan() { 0 } else { sat(tr as i128, 32, S) });
            assert_eq!(tu[i] as i128, if p.is_nan() { 0 } else { sat(tr as i128, 32, U) });
        }
        assert_eq!((ts[2], ts[3], tu[2], tu[3]), (0, 0, 0, 0));
        assert_eq!(i32x4_relaxed_trunc_f64x2_s_zero(a), i32x4_trunc_sat_f64x2_s_zero(a));
        assert_eq!(i32x4_relaxed_trunc_f64x2_u_zero(a), i32x4_trunc_sat_f64x2_u_zero(a));
        let dem = b32(f32x4_demote_f64x2_zero(a));
        for i in 0..2 {
            if f(x[i]).is_nan() {
                assert_eq!(dem[i] & 0x7fc0_0000, 0x7fc0_0000, "demote: arithmetic NaN");
                if x[i] & !(1 << 63) == CANON64 {
                    assert_eq!(dem[i] & 0x7fff_ffff, CANON32, "demote: canonical NaN");
                }
            } else {
                // Correctly rounded: no f32 lies strictly between the
                // result and the input on the other side... checked by
                // the neighbours: the input is within half an ulp.
                let d = f32::from_bits(dem[i]);
                let xi = f(x[i]);
                if d.is_finite() {
                    let ulp = f32::from_bits(d.abs().to_bits() + 1) as f64 - d.abs() as f64;
                    assert!((d as f64 - xi).abs() <= ulp / 2.0, "demote {xi} -> {d}");
                } else {
                    assert!(xi.abs() >= f32::MAX as f64, "demote {xi} -> {d}");
                }
            }
        }
        assert_eq!(dem[2..], [0, 0]);
        let ints = l32(b);
        let (cs, cu) = (f64l(f64x2_convert_low_i32x4_s(b)), f64l(f64x2_convert_low_i32x4_u(b)));
        for i in 0..2 {
            assert_eq!(cs[i], ints[i] as f64);
            assert_eq!(cu[i], ints[i] as u32 as f64);
            assert_eq!(cs[i] as i32, ints[i], "exact");
        }
    }
}
