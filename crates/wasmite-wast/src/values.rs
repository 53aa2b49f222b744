//! Script values: turning `wast` arguments into [`Val`]s, matching results
//! against expected patterns (values, NaN patterns, reference kinds,
//! `either`), and printing both for failure messages.
//!
//! `ref.extern N` arguments become [`ExternRef`]s holding the `u32` `N`, so an
//! expected `ref.extern N` result is matched by payload.

use std::fmt::Write as _;

use wasmite::{AnyRef, ExternRef, Store, Val};
use wast::core::{AbstractHeapType, HeapType, NanPattern, V128Pattern, WastArgCore, WastRetCore};
use wast::token::{F32, F64};
use wast::{WastArg, WastRet};

/// Convert a script argument to a value (creating an extern ref for `ref.extern`).
pub(crate) fn arg(store: &mut Store<()>, a: &WastArg<'_>) -> Result<Val, String> {
    let WastArg::Core(a) = a else {
        return Err("component-model arguments are unsupported".into());
    };
    Ok(match a {
        WastArgCore::I32(v) => Val::I32(*v),
        WastArgCore::I64(v) => Val::I64(*v),
        WastArgCore::F32(v) => Val::F32(v.bits),
        WastArgCore::F64(v) => Val::F64(v.bits),
        WastArgCore::V128(v) => Val::V128(u128::from_le_bytes(v.to_le_bytes()).into()),
        WastArgCore::RefNull(ht) => match null_kind(ht) {
            Some(NullKind::Func) => Val::FuncRef(None),
            Some(NullKind::Extern) => Val::ExternRef(None),
            Some(NullKind::Exn) => Val::ExnRef(None),
            Some(NullKind::Any) => Val::AnyRef(None),
            None => return Err(format!("unsupported argument `ref.null {}`", heap_name(ht))),
        },
        WastArgCore::RefExtern(n) => Val::ExternRef(Some(ExternRef::new(&mut *store, *n))),
        WastArgCore::RefHost(n) => {
            let e = ExternRef::new(&mut *store, *n);
            Val::AnyRef(Some(AnyRef::convert_extern(&*store, e).map_err(|e| e.to_string())?))
        }
    })
}

/// Which null a `ref.null <heaptype>` denotes in our value model.
enum NullKind {
    Func,
    Extern,
    Exn,
    Any,
}

fn null_kind(ht: &HeapType<'_>) -> Option<NullKind> {
    match ht {
        HeapType::Abstract {
            shared: false,
            ty: AbstractHeapType::Func | AbstractHeapType::NoFunc,
        } => Some(NullKind::Func),
        HeapType::Abstract {
            shared: false,
            ty: AbstractHeapType::Extern | AbstractHeapType::NoExtern,
        } => Some(NullKind::Extern),
        HeapType::Abstract {
            shared: false,
            ty: AbstractHeapType::Exn | AbstractHeapType::NoExn,
        } => Some(NullKind::Exn),
        HeapType::Abstract {
            shared: false,
            ty:
                AbstractHeapType::Any
                | AbstractHeapType::Eq
                | AbstractHeapType::I31
                | AbstractHeapType::Struct
                | AbstractHeapType::Array
                | AbstractHeapType::None,
        } => Some(NullKind::Any),
        // Concrete heap types (typed function references) are function types.
        HeapType::Concrete(_) => Some(NullKind::Func),
        _ => None,
    }
}

fn heap_name(ht: &HeapType<'_>) -> String {
    match ht {
        HeapType::Abstract { shared, ty } => {
            let name = format!("{ty:?}").to_lowercase();
            if *shared { format!("(shared {name})") } else { name }
        }
        HeapType::Concrete(i) | HeapType::Exact(i) => format!("{i:?}"),
    }
}

/// Whether `actual` matches the expected `want`. `Err` for patterns this
/// runner cannot check (GC references and the like), with the reason.
pub(crate) fn matches(store: &Store<()>, actual: &Val, want: &WastRet<'_>) -> Result<bool, String> {
    let WastRet::Core(want) = want else {
        return Err("component-model results are unsupported".into());
    };
    match_core(store, actual, want)
}

fn match_core(store: &Store<()>, actual: &Val, want: &WastRetCore<'_>) -> Result<bool, String> {
    Ok(match (want, actual) {
        (WastRetCore::I32(w), Val::I32(a)) => w == a,
        (WastRetCore::I64(w), Val::I64(a)) => w == a,
        (WastRetCore::F32(w), Val::F32(a)) => f32_matches(*a, w),
        (WastRetCore::F64(w), Val::F64(a)) => f64_matches(*a, w),
        (WastRetCore::V128(w), Val::V128(a)) => v128_matches(a.as_u128(), w),
        (WastRetCore::RefNull(None), Val::FuncRef(r)) => r.is_none(),
        (WastRetCore::RefNull(None), Val::ExternRef(r)) => r.is_none(),
        (WastRetCore::RefNull(None), Val::ExnRef(r)) => r.is_none(),
        (WastRetCore::RefNull(None), Val::AnyRef(r)) => r.is_none(),
        (WastRetCore::RefNull(Some(ht)), _) => match (null_kind(ht), actual) {
            (Some(NullKind::Func), Val::FuncRef(r)) => r.is_none(),
            (Some(NullKind::Extern), Val::ExternRef(r)) => r.is_none(),
            (Some(NullKind::Exn), Val::ExnRef(r)) => r.is_none(),
            (Some(NullKind::Any), Val::AnyRef(r)) => r.is_none(),
            (Some(_), _) => false,
            (None, _) => return Err(format!("unsupported result `ref.null {}`", heap_name(ht))),
        },
        (WastRetCore::RefExtern(None), Val::ExternRef(r)) => r.is_some(),
        (WastRetCore::RefExtern(Some(n)), Val::ExternRef(r)) => {
            r.and_then(|r| r.data::<u32, _>(store).copied()) == Some(*n)
        }
        // `ref.func` with an index names a function of the module; any
        // non-null function reference is accepted (as other runners do).
        (WastRetCore::RefFunc(_), Val::FuncRef(r)) => r.is_some(),
        (WastRetCore::Either(cases), _) => {
            for case in cases {
                if match_core(store, actual, case)? {
                    return Ok(true);
                }
            }
            false
        }
        (WastRetCore::RefHost(n), Val::AnyRef(Some(r))) => {
            let e = ExternRef::convert_any(store, *r).map_err(|e| e.to_string())?;
            e.data::<u32, _>(store).copied() == Some(*n)
        }
        (WastRetCore::RefAny, Val::AnyRef(r)) => r.is_some(),
        (WastRetCore::RefEq, Val::AnyRef(Some(r))) => {
            r.is_eqref(store).map_err(|e| e.to_string())?
        }
        (WastRetCore::RefArray, Val::AnyRef(Some(r))) => {
            r.is_array(store).map_err(|e| e.to_string())?
        }
        (WastRetCore::RefStruct, Val::AnyRef(Some(r))) => {
            r.is_struct(store).map_err(|e| e.to_string())?
        }
        (WastRetCore::RefI31, Val::AnyRef(Some(r))) => {
            r.is_i31(store).map_err(|e| e.to_string())?
        }
        (WastRetCore::RefI31Shared, _) => {
            return Err(format!("unsupported result pattern `{}`", expected(want)));
        }
        _ => false,
    })
}

/// Whether `bits` is a canonical NaN of a float with `bits_len` bits.
fn nan_matches<T: Into<u64>>(bits: T, pattern_canonical: bool, width: u32) -> bool {
    let bits: u64 = bits.into();
    let (exp_quiet, sign) = if width == 32 {
        (0x7fc0_0000u64, 0x8000_0000u64)
    } else {
        (0x7ff8_0000_0000_0000u64, 0x8000_0000_0000_0000u64)
    };
    if pattern_canonical { bits & !sign == exp_quiet } else { bits & exp_quiet == exp_quiet }
}

fn f32_matches(bits: u32, want: &NanPattern<F32>) -> bool {
    match want {
        NanPattern::CanonicalNan => nan_matches(bits, true, 32),
        NanPattern::ArithmeticNan => nan_matches(bits, false, 32),
        NanPattern::Value(v) => v.bits == bits,
    }
}

fn f64_matches(bits: u64, want: &NanPattern<F64>) -> bool {
    match want {
        NanPattern::CanonicalNan => nan_matches(bits, true, 64),
        NanPattern::ArithmeticNan => nan_matches(bits, false, 64),
        NanPattern::Value(v) => v.bits == bits,
    }
}

/// Lane `i` of width `bytes` of a little-endian `v128`.
fn lane(v: u128, bytes: u32, i: usize) -> u64 {
    let shift = bytes as usize * 8 * i;
    let mask = if bytes == 8 { u64::MAX as u128 } else { (1u128 << (bytes * 8)) - 1 };
    ((v >> shift) & mask) as u64
}

fn v128_matches(v: u128, want: &V128Pattern) -> bool {
    match want {
        V128Pattern::I8x16(l) => {
            l.iter().enumerate().all(|(i, w)| lane(v, 1, i) == *w as u8 as u64)
        }
        V128Pattern::I16x8(l) => {
            l.iter().enumerate().all(|(i, w)| lane(v, 2, i) == *w as u16 as u64)
        }
        V128Pattern::I32x4(l) => {
            l.iter().enumerate().all(|(i, w)| lane(v, 4, i) == *w as u32 as u64)
        }
        V128Pattern::I64x2(l) => l.iter().enumerate().all(|(i, w)| lane(v, 8, i) == *w as u64),
        V128Pattern::F32x4(l) => {
            l.iter().enumerate().all(|(i, w)| f32_matches(lane(v, 4, i) as u32, w))
        }
        V128Pattern::F64x2(l) => l.iter().enumerate().all(|(i, w)| f64_matches(lane(v, 8, i), w)),
    }
}

/// A value as the script would write it, e.g. `i32:42`, `f32:1.5 (0x3fc00000)`.
pub(crate) fn actual(store: &Store<()>, v: &Val) -> String {
    match v {
        Val::I32(x) => format!("i32:{x}"),
        Val::I64(x) => format!("i64:{x}"),
        Val::F32(b) => format!("f32:{} ({b:#010x})", f32::from_bits(*b)),
        Val::F64(b) => format!("f64:{} ({b:#018x})", f64::from_bits(*b)),
        Val::V128(x) => format!("v128:{:#034x}", x.as_u128()),
        Val::FuncRef(None) => "ref.null func".into(),
        Val::FuncRef(Some(_)) => "ref.func".into(),
        Val::ExternRef(None) => "ref.null extern".into(),
        Val::ExternRef(Some(r)) => match r.data::<u32, _>(store) {
            Some(n) => format!("ref.extern {n}"),
            None => "ref.extern (foreign payload)".into(),
        },
        Val::ExnRef(None) => "ref.null exn".into(),
        Val::ExnRef(Some(_)) => "ref.exn".into(),
        Val::AnyRef(None) => "ref.null any".into(),
        Val::AnyRef(Some(_)) => "ref.any".into(),
    }
}

/// A list of values, comma separated.
pub(crate) fn actual_list(store: &Store<()>, vs: &[Val]) -> String {
    let parts: Vec<String> = vs.iter().map(|v| actual(store, v)).collect();
    format!("[{}]", parts.join(", "))
}

fn nan_pattern<T>(p: &NanPattern<T>, ty: &str, value: impl Fn(&T) -> String) -> String {
    match p {
        NanPattern::CanonicalNan => format!("{ty}:nan:canonical"),
        NanPattern::ArithmeticNan => format!("{ty}:nan:arithmetic"),
        NanPattern::Value(v) => format!("{ty}:{}", value(v)),
    }
}

fn f32_str(v: &F32) -> String {
    format!("{} ({:#010x})", f32::from_bits(v.bits), v.bits)
}

fn f64_str(v: &F64) -> String {
    format!("{} ({:#018x})", f64::from_bits(v.bits), v.bits)
}

/// An expected result pattern, in the same notation as [`actual`].
pub(crate) fn expected(w: &WastRetCore<'_>) -> String {
    match w {
        WastRetCore::I32(x) => format!("i32:{x}"),
        WastRetCore::I64(x) => format!("i64:{x}"),
        WastRetCore::F32(p) => nan_pattern(p, "f32", f32_str),
        WastRetCore::F64(p) => nan_pattern(p, "f64", f64_str),
        WastRetCore::V128(p) => format!("v128:{p:?}"),
        WastRetCore::RefNull(None) => "ref.null".into(),
        WastRetCore::RefNull(Some(ht)) => format!("ref.null {}", heap_name(ht)),
        WastRetCore::RefExtern(None) => "ref.extern".into(),
        WastRetCore::RefExtern(Some(n)) => format!("ref.extern {n}"),
        WastRetCore::RefHost(n) => format!("ref.host {n}"),
        WastRetCore::RefFunc(_) => "ref.func".into(),
        WastRetCore::RefAny => "ref.any".into(),
        WastRetCore::RefEq => "ref.eq".into(),
        WastRetCore::RefArray => "ref.array".into(),
        WastRetCore::RefStruct => "ref.struct".into(),
        WastRetCore::RefI31 => "ref.i31".into(),
        WastRetCore::RefI31Shared => "ref.i31_shared".into(),
        WastRetCore::Either(cases) => {
            let mut s = String::from("either(");
            for (i, c) in cases.iter().enumerate() {
                if i > 0 {
                    s.push_str(" | ");
                }
                let _ = write!(s, "{}", expected(c));
            }
            s.push(')');
            s
        }
    }
}

/// A list of expected patterns, comma separated.
pub(crate) fn expected_list(ws: &[WastRet<'_>]) -> String {
    let parts: Vec<String> = ws
        .iter()
        .map(|w| match w {
            WastRet::Core(c) => expected(c),
            #[allow(unreachable_patterns)]
            _ => "<component value>".into(),
        })
        .collect();
    format!("[{}]", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nan_patterns() {
        assert!(nan_matches(0x7fc0_0000u32, true, 32));
        assert!(nan_matches(0xffc0_0000u32, true, 32));
        assert!(!nan_matches(0x7fc0_0001u32, true, 32));
        assert!(nan_matches(0x7fc0_0001u32, false, 32));
        assert!(!nan_matches(0x7fa0_0000u32, false, 32));
        assert!(nan_matches(0x7ff8_0000_0000_0000u64, true, 64));
        assert!(nan_matches(0xfff8_0000_0000_0001u64, false, 64));
        assert!(!nan_matches(0x7ff0_0000_0000_0001u64, false, 64));
    }

    #[test]
    fn lanes() {
        let v = 0x0102_0304_0506_0708_090a_0b0c_0d0e_0f10u128;
        assert_eq!(lane(v, 1, 0), 0x10);
        assert_eq!(lane(v, 4, 3), 0x0102_0304);
        assert_eq!(lane(v, 8, 1), 0x0102_0304_0506_0708);
    }
}
