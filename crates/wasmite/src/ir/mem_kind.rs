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
