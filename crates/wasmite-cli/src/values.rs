//! Command-line values: parsing an argument by its parameter type and
//! printing a result.

use wasmite::{Val, ValType};

/// Parse `text` as a value of type `ty`.
///
/// Integers: decimal or `0x` hex, optionally negative; the unsigned range is
/// accepted too (`4294967295` is the `i32` -1). Floats: as Rust parses them,
/// including `nan`, `inf` and `-inf`. References: only `null`.
pub(crate) fn parse(text: &str, ty: ValType) -> Result<Val, String> {
    let bad = || format!("`{text}` is not a valid {ty}");
    Ok(match ty {
        ValType::I32 => Val::I32(parse_int(text, 32).ok_or_else(bad)? as i32),
        ValType::I64 => Val::I64(parse_int(text, 64).ok_or_else(bad)? as i64),
        ValType::F32 => Val::from(text.trim().parse::<f32>().map_err(|_| bad())?),
        ValType::F64 => Val::from(text.trim().parse::<f64>().map_err(|_| bad())?),
        ValType::V128 => Val::V128(parse_u128(text).ok_or_else(bad)?.into()),
        ValType::Ref(r) if text.trim() == "null" => Val::null_ref(&r.heap),
        ValType::Ref(_) => {
            return Err(format!(
                "cannot pass `{text}` as {ty}: only `null` references are supported"
            ));
        }
    })
}

/// Parse a `bits`-wide integer (signed or unsigned range) into its two's
/// complement bit pattern.
fn parse_int(text: &str, bits: u32) -> Option<u64> {
    let t = text.trim().replace('_', "");
    let (neg, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    let magnitude: u128 = match digits.strip_prefix("0x").or_else(|| digits.strip_prefix("0X")) {
        Some(hex) if !hex.is_empty() => u128::from_str_radix(hex, 16).ok()?,
        Some(_) => return None,
        None if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            digits.parse().ok()?
        }
        None => return None,
    };
    let max_unsigned = (1u128 << bits) - 1;
    let min_signed_mag = 1u128 << (bits - 1);
    if neg {
        if magnitude > min_signed_mag {
            return None;
        }
        Some((magnitude.wrapping_neg() & max_unsigned) as u64)
    } else {
        if magnitude > max_unsigned {
            return None;
        }
        Some(magnitude as u64)
    }
}

fn parse_u128(text: &str) -> Option<u128> {
    let t = text.trim().replace('_', "");
    match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(hex) => u128::from_str_radix(hex, 16).ok(),
        None => t.parse().ok(),
    }
}

/// A result as printed by `wasmite run`.
pub(crate) fn format(v: &Val) -> String {
    match v {
        Val::I32(x) => x.to_string(),
        Val::I64(x) => x.to_string(),
        Val::F32(b) => f32::from_bits(*b).to_string(),
        Val::F64(b) => f64::from_bits(*b).to_string(),
        Val::V128(x) => format!("{:#034x}", x.as_u128()),
        Val::FuncRef(None) | Val::ExternRef(None) | Val::ExnRef(None) | Val::AnyRef(None) => {
            "ref.null".into()
        }
        Val::FuncRef(Some(_)) => "ref.func".into(),
        Val::ExternRef(Some(_)) => "ref.extern".into(),
        Val::ExnRef(Some(_)) => "ref.exn".into(),
        Val::AnyRef(Some(_)) => "ref.any".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints() {
        assert_eq!(parse_int("5", 32), Some(5));
        assert_eq!(parse_int("-1", 32), Some(0xffff_ffff));
        assert_eq!(parse_int("4294967295", 32), Some(0xffff_ffff));
        assert_eq!(parse_int("4294967296", 32), None);
        assert_eq!(parse_int("-2147483648", 32), Some(0x8000_0000));
        assert_eq!(parse_int("-2147483649", 32), None);
        assert_eq!(parse_int("0x10", 32), Some(16));
        assert_eq!(parse_int("-0x10", 64), Some((-16i64) as u64));
        assert_eq!(parse_int("0x", 32), None);
        assert_eq!(parse_int("", 32), None);
        assert_eq!(parse_int("-", 32), None);
        assert_eq!(parse_int("1e3", 32), None);
        assert_eq!(parse_int("-9223372036854775808", 64), Some(1 << 63));
        assert_eq!(parse_int("18446744073709551615", 64), Some(u64::MAX));
    }

    #[test]
    fn floats() {
        assert_eq!(parse("1.5", ValType::F32), Ok(Val::from(1.5f32)));
        assert!(
            matches!(parse("nan", ValType::F64), Ok(Val::F64(b)) if f64::from_bits(b).is_nan())
        );
        assert_eq!(parse("-inf", ValType::F64), Ok(Val::from(f64::NEG_INFINITY)));
        assert!(parse("x", ValType::F32).is_err());
    }
}
