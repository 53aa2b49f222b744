//! Engine-neutral values and call outcomes.

use std::fmt;

/// A value type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `f32`
    F32,
    /// `f64`
    F64,
    /// `v128`
    V128,
    /// `funcref`
    FuncRef,
    /// `externref`
    ExternRef,
}

/// What a reference of the `any` hierarchy (GC's `anyref`, `eqref`,
/// `i31ref`, struct and array references) or an `externref` refers to,
/// without its handle bits: two backends (or two runs) may allocate the
/// same objects under other handles, but they must agree on this.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefSummary {
    /// Null.
    Null,
    /// An `i31` with this (zero-extended) value.
    I31(u32),
    /// A GC struct.
    Struct,
    /// A GC array.
    Array,
    /// A host value (an `externref` the host made, or one converted to
    /// `anyref` with `any.convert_extern`).
    Host,
}

impl RefSummary {
    /// Whether non-null.
    pub fn is_non_null(self) -> bool {
        self != RefSummary::Null
    }
}

/// A value; floats as bits; a `funcref` as the index of the function it
/// refers to in the module's function index space, so that two engines
/// holding different functions disagree; GC references (and `externref`s,
/// which may be converted ones) by [`RefSummary`].
#[derive(Clone, Copy, Debug)]
pub enum Value {
    /// `i32`
    I32(i32),
    /// `i64`
    I64(i64),
    /// `f32` bits
    F32(u32),
    /// `f64` bits
    F64(u64),
    /// `v128`
    V128(u128),
    /// `funcref`: `None` if null, else the function's index
    /// ([`FOREIGN_FUNC`] if it is none of the module's functions)
    FuncRef(Option<u32>),
    /// `externref`: what it refers to (an `i31`, struct or array once
    /// converted with `extern.convert_any`)
    ExternRef(RefSummary),
    /// `exnref`: whether non-null
    ExnRef(bool),
    /// A reference of GC's `any` hierarchy: what it refers to
    AnyRef(RefSummary),
}

impl PartialEq for Value {
    /// Bitwise, except that any NaN equals any NaN.
    fn eq(&self, other: &Self) -> bool {
        match (*self, *other) {
            (Value::I32(a), Value::I32(b)) => a == b,
            (Value::I64(a), Value::I64(b)) => a == b,
            (Value::F32(a), Value::F32(b)) => {
                a == b || (f32::from_bits(a).is_nan() && f32::from_bits(b).is_nan())
            }
            (Value::F64(a), Value::F64(b)) => {
                a == b || (f64::from_bits(a).is_nan() && f64::from_bits(b).is_nan())
            }
            (Value::V128(a), Value::V128(b)) => a == b,
            (Value::FuncRef(a), Value::FuncRef(b)) => a == b,
            (Value::ExternRef(a), Value::ExternRef(b)) => a == b,
            (Value::ExnRef(a), Value::ExnRef(b)) => a == b,
            (Value::AnyRef(a), Value::AnyRef(b)) => a == b,
            _ => false,
        }
    }
}

/// The index a [`Value::FuncRef`] gets for a non-null function whose index
/// is unknown (not one of the module's, or a runner without identity exports).
pub const FOREIGN_FUNC: u32 = u32::MAX;

/// Why execution trapped, grouped so that engines that name the same
/// failure differently compare equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrapKind {
    /// `unreachable`
    Unreachable,
    /// Integer division or remainder by zero.
    DivByZero,
    /// Integer overflow (division, float-to-int).
    IntOverflow,
    /// NaN to integer.
    BadConversion,
    /// Out-of-bounds memory access.
    MemoryOob,
    /// Out-of-bounds table access, including `call_indirect` past the end.
    TableOob,
    /// `call_indirect` to a null entry.
    IndirectNull,
    /// `call_indirect` with the wrong signature.
    BadSignature,
    /// A null reference was dereferenced (a function, struct, array or
    /// `i31` reference).
    NullRef,
    /// An array index (or range) out of bounds (GC).
    ArrayOob,
    /// A failed `ref.cast` (GC).
    CastFailure,
    /// A GC allocation the heap refused: too large for the store's limits
    /// or for the host.
    AllocationTooLarge,
    /// Anything else (the string says what).
    Other,
}

/// A resource that ran out; the runs stop being comparable from there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exhaustion {
    /// Out of fuel.
    Fuel,
    /// Call stack exhausted.
    Stack,
}

/// How a call (or an instantiation) ended.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// Returned these values.
    Returned(Vec<Value>),
    /// Trapped.
    Trapped(TrapKind, String),
    /// A host function failed.
    HostError(String),
    /// Fuel or stack ran out.
    Exhausted(Exhaustion),
    /// Another error (link, resource limit at instantiation, …).
    Error(String),
    /// An exception no handler caught: its payload.
    Exception(Vec<Value>),
}

impl Outcome {
    /// Whether two outcomes agree: same values, or both a trap of the same
    /// kind, or both a host error, or both some other error.
    pub fn agrees_with(&self, other: &Outcome) -> bool {
        match (self, other) {
            (Outcome::Returned(a), Outcome::Returned(b)) => a == b,
            (Outcome::Trapped(a, _), Outcome::Trapped(b, _)) => a == b,
            (Outcome::HostError(_), Outcome::HostError(_)) => true,
            (Outcome::Exhausted(a), Outcome::Exhausted(b)) => a == b,
            (Outcome::Error(_), Outcome::Error(_)) => true,
            (Outcome::Exception(a), Outcome::Exception(b)) => a == b,
            _ => false,
        }
    }
    /// Whether this outcome ran out of fuel or stack.
    pub fn is_exhausted(&self) -> bool {
        matches!(self, Outcome::Exhausted(_))
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Returned(v) => write!(f, "returned {v:?}"),
            Outcome::Trapped(k, m) => write!(f, "trapped {k:?} ({m})"),
            Outcome::HostError(m) => write!(f, "host error ({m})"),
            Outcome::Exhausted(e) => write!(f, "exhausted {e:?}"),
            Outcome::Error(m) => write!(f, "error ({m})"),
            Outcome::Exception(v) => write!(f, "uncaught exception {v:?}"),
        }
    }
}
