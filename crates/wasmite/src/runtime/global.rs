//! A global: its type and its value as a raw cell.

use crate::types::GlobalType;

/// A global in the store.
pub(crate) struct GlobalEntity {
    pub ty: GlobalType,
    pub value: u64,
}
