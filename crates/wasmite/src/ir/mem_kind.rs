//! The `kind` field of [`Op::LoadX`](super::Op::LoadX) and
//! [`Op::StoreX`](super::Op::StoreX), the memory ops of any memory and
//! index width: the access width and conversion in the low byte, and
//! whether the address is 64-bit ([`I64_INDEX`]).

/// The address operand is an i64 (memory64); else an i32.
pub const I64_INDEX: u16 = 0x100;

/// Load 4 bytes, zero-extended (`i32.load`, `f32.load`, `i64.load32_u`).
pub const U32: u16 = 0;
/// Load 8 bytes (`i64.load`, `f64.load`).
pub const U64: u16 = 1;
/// `i32.load8_s`: sign-extended to 32 bits.
pub const S8_32: u16 = 2;
/// Load 1 byte, zero-extended (`i32.load8_u`, `i64.load8_u`).
pub const U8: u16 = 3;
/// `i32.load16_s`: sign-extended to 32 bits.
pub const S16_32: u16 = 4;
/// Load 2 bytes, zero-extended (`i32.load16_u`, `i64.load16_u`).
pub const U16: u16 = 5;
/// `i64.load8_s`.
pub const S8_64: u16 = 6;
/// `i64.load16_s`.
pub const S16_64: u16 = 7;
/// `i64.load32_s`.
pub const S32_64: u16 = 8;

/// Store the low byte.
pub const W8: u16 = 0;
/// Store the low 2 bytes.
pub const W16: u16 = 1;
/// Store the low 4 bytes.
pub const W32: u16 = 2;
/// Store 8 bytes.
pub const W64: u16 = 3;

/// `v128.load`: 16 bytes (the `kind` of [`Op::V128Load`](super::Op::V128Load)).
pub const V_FULL: u16 = 0;
/// `v128.load8x8_s`.
pub const V_8X8_S: u16 = 1;
/// `v128.load8x8_u`.
pub const V_8X8_U: u16 = 2;
/// `v128.load16x4_s`.
pub const V_16X4_S: u16 = 3;
/// `v128.load16x4_u`.
pub const V_16X4_U: u16 = 4;
/// `v128.load32x2_s`.
pub const V_32X2_S: u16 = 5;
/// `v128.load32x2_u`.
pub const V_32X2_U: u16 = 6;
/// `v128.load8_splat`.
pub const V_SPLAT8: u16 = 7;
/// `v128.load16_splat`.
pub const V_SPLAT16: u16 = 8;
/// `v128.load32_splat`.
pub const V_SPLAT32: u16 = 9;
/// `v128.load64_splat`.
pub const V_SPLAT64: u16 = 10;
/// `v128.load32_zero`.
pub const V_ZERO32: u16 = 11;
/// `v128.load64_zero`.
pub const V_ZERO64: u16 = 12;
