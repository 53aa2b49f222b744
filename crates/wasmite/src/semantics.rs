//! Instruction semantics as pure functions on raw values: the rules for
//! trapping integer ops, float min/max/nearest and float→int conversions.
//! Shared by the executor (and constant folding, when it comes).

use crate::error::TrapCode;

type R<T> = Result<T, TrapCode>;

/// i32.div_s
pub(crate) fn i32_div_s(a: i32, b: i32) -> R<i32> {
    if b == 0 {
        Err(TrapCode::IntegerDivideByZero)
    } else {
        a.checked_div(b).ok_or(TrapCode::IntegerOverflow)
    }
}
/// i32.div_u
pub(crate) fn i32_div_u(a: u32, b: u32) -> R<u32> {
    a.checked_div(b).ok_or(TrapCode::IntegerDivideByZero)
}
/// i32.rem_s (`MIN rem -1` is 0)
pub(crate) fn i32_rem_s(a: i32, b: i32) -> R<i32> {
    if b == 0 { Err(TrapCode::IntegerDivideByZero) } else { Ok(a.wrapping_rem(b)) }
}
/// i32.rem_u
pub(crate) fn i32_rem_u(a: u32, b: u32) -> R<u32> {
    a.checked_rem(b).ok_or(TrapCode::IntegerDivideByZero)
}
/// i64.div_s
pub(crate) fn i64_div_s(a: i64, b: i64) -> R<i64> {
    if b == 0 {
        Err(TrapCode::IntegerDivideByZero)
    } else {
        a.checked_div(b).ok_or(TrapCode::IntegerOverflow)
    }
}
/// i64.div_u
pub(crate) fn i64_div_u(a: u64, b: u64) -> R<u64> {
    a.checked_div(b).ok_or(TrapCode::IntegerDivideByZero)
}
/// i64.rem_s
pub(crate) fn i64_rem_s(a: i64, b: i64) -> R<i64> {
    if b == 0 { Err(TrapCode::IntegerDivideByZero) } else { Ok(a.wrapping_rem(b)) }
}
/// i64.rem_u
pub(crate) fn i64_rem_u(a: u64, b: u64) -> R<u64> {
    a.checked_rem(b).ok_or(TrapCode::IntegerDivideByZero)
}

macro_rules! float_ops {
    ($f:ident, $bits:ident, $min:ident, $max:ident, $nearest:ident, $rint:path, $canon:expr) => {
        /// Wasm `min`: NaN if either is NaN; `-0 < +0`.
        pub(crate) fn $min(a: $f, b: $f) -> $f {
            if a.is_nan() || b.is_nan() {
                <$f>::from_bits($canon)
            } else if a == b {
                <$f>::from_bits(a.to_bits() | b.to_bits())
            } else {
                a.min(b)
            }
        }
        /// Wasm `max`: NaN if either is NaN; `+0 > -0`.
        pub(crate) fn $max(a: $f, b: $f) -> $f {
            if a.is_nan() || b.is_nan() {
                <$f>::from_bits($canon)
            } else if a == b {
                <$f>::from_bits(a.to_bits() & b.to_bits())
            } else {
                a.max(b)
            }
        }
        /// Round to nearest, ties to even.
        pub(crate) fn $nearest(a: $f) -> $f {
            $rint(a)
        }
    };
}
float_ops!(f32, u32, f32_min, f32_max, f32_nearest, libm::rintf, 0x7fc0_0000);
float_ops!(f64, u64, f64_min, f64_max, f64_nearest, libm::rint, 0x7ff8_0000_0000_0000);

/// A NaN result of arithmetic must be quiet ("arithmetic NaN"); libm may pass
/// a signalling input through unchanged.
pub(crate) fn quiet_f32(x: f32) -> f32 {
    if x.is_nan() { f32::from_bits(x.to_bits() | 0x0040_0000) } else { x }
}
/// See [`quiet_f32`].
pub(crate) fn quiet_f64(x: f64) -> f64 {
    if x.is_nan() { f64::from_bits(x.to_bits() | 0x0008_0000_0000_0000) } else { x }
}

macro_rules! trunc {
    ($name:ident, $f:ty, $i:ty, $lo:expr, $hi:expr) => {
        /// Trapping float→int truncation: `lo < x < hi` must hold after truncation.
        pub(crate) fn $name(x: $f) -> R<$i> {
            if x.is_nan() {
                return Err(TrapCode::InvalidConversionToInteger);
            }
            if !(x > $lo && x < $hi) {
                return Err(TrapCode::IntegerOverflow);
            }
            Ok(x as $i)
        }
    };
}
// Bounds are exclusive and exactly representable in the float type.
trunc!(i32_trunc_f32_s, f32, i32, -2147483904.0f32, 2147483648.0f32);
trunc!(i32_trunc_f32_u, f32, u32, -1.0f32, 4294967296.0f32);
trunc!(i32_trunc_f64_s, f64, i32, -2147483649.0f64, 2147483648.0f64);
trunc!(i32_trunc_f64_u, f64, u32, -1.0f64, 4294967296.0f64);
trunc!(i64_trunc_f32_s, f32, i64, -9223373136366403584.0f32, 9223372036854775808.0f32);
trunc!(i64_trunc_f32_u, f32, u64, -1.0f32, 18446744073709551616.0f32);
trunc!(i64_trunc_f64_s, f64, i64, -9223372036854777856.0f64, 9223372036854775808.0f64);
trunc!(i64_trunc_f64_u, f64, u64, -1.0f64, 18446744073709551616.0f64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_traps() {
        assert_eq!(i32_div_s(i32::MIN, -1), Err(TrapCode::IntegerOverflow));
        assert_eq!(i32_rem_s(i32::MIN, -1), Ok(0));
        assert_eq!(i64_div_u(1, 0), Err(TrapCode::IntegerDivideByZero));
        assert_eq!(i32_div_s(-7, 2), Ok(-3));
        assert_eq!(i32_rem_s(-7, 2), Ok(-1));
    }

    #[test]
    fn float_rules() {
        assert!(f32_min(f32::NAN, 1.0).is_nan());
        assert_eq!(f32_min(0.0, -0.0).to_bits(), (-0.0f32).to_bits());
        assert_eq!(f64_max(-0.0, 0.0).to_bits(), 0.0f64.to_bits());
        assert_eq!(f64_nearest(2.5), 2.0);
        assert_eq!(f32_nearest(-3.5), -4.0);
    }

    #[test]
    fn conversions() {
        assert_eq!(i32_trunc_f32_s(-2147483648.0), Ok(i32::MIN));
        assert_eq!(i32_trunc_f32_s(2147483648.0), Err(TrapCode::IntegerOverflow));
        assert_eq!(i32_trunc_f64_u(-0.9), Ok(0));
        assert_eq!(i64_trunc_f64_s(f64::NAN), Err(TrapCode::InvalidConversionToInteger));
    }
}
