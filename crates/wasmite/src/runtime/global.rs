//! A global: its type and its value as a raw cell.

use crate::types::GlobalType;

/// A global in the store.
pub(crate) struct GlobalEntity {
    pub ty: GlobalType,
    pub value: u64,
    /// The high half of a `v128` value (`value` is the low half).
    pub high: u64,
}
