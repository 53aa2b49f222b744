//! The immediates of GC ops that are codes: an array element's kind, and a
//! cast's flags and target heap type.

/// How `ArrayGet`/`ArraySet`/`ArrayFill` read or write an element.
pub(crate) mod gc_kind {
    /// An i8, zero-extended.
    pub const U8: u8 = 0;
    /// An i8, sign-extended.
    pub const S8: u8 = 1;
    /// An i16, zero-extended.
    pub const U16: u8 = 2;
    /// An i16, sign-extended.
    pub const S16: u8 = 3;
    /// i32, f32.
    pub const I32: u8 = 4;
    /// i64, f64, a reference.
    pub const I64: u8 = 5;
    /// v128 (`ArrayFill` only).
    pub const V128: u8 = 6;

    /// The element's size in bytes.
    pub fn size(kind: u8) -> usize {
        match kind {
            U8 | S8 => 1,
            U16 | S16 => 2,
            I32 => 4,
            I64 => 8,
            _ => 16,
        }
    }
}

/// A cast's (`RefTest`, `RefCast`) flags and heap types: `ht` is a module
/// type index if `flags` has [`cast::CONCRETE`], else one of the abstract
/// heap type codes here.
pub(crate) mod cast {
    /// Null passes.
    pub const NULLABLE: u8 = 1;
    /// `ht` is a module type index.
    pub const CONCRETE: u8 = 2;
    /// The test's result is negated (`br_on_cast_fail`).
    pub const NEGATE: u8 = 4;

    pub const ANY: u32 = 0;
    pub const EQ: u32 = 1;
    pub const I31: u32 = 2;
    pub const STRUCT: u32 = 3;
    pub const ARRAY: u32 = 4;
    /// The bottom types (`none`, `nofunc`, `noextern`, `noexn`): only null.
    pub const BOTTOM: u32 = 5;
    /// The top types of the other hierarchies (`func`, `extern`, `exn`):
    /// every non-null value.
    pub const TOP: u32 = 6;
}
