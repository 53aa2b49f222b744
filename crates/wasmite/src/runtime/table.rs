//! A table: raw reference cells and their growth.

use alloc::vec::Vec;

use crate::error::{Error, ErrorKind, Result};
use crate::limits::ResourceLimiter;
use crate::types::TableType;

/// A table in the store; elements are raw reference cells (0 = null).
pub(crate) struct TableEntity {
    pub ty: TableType,
    pub elems: Vec<u64>,
}

impl TableEntity {
    pub fn new(
        ty: TableType,
        init: u64,
        limiter: Option<&mut dyn ResourceLimiter>,
    ) -> Result<Self> {
        let mut t = TableEntity { ty, elems: Vec::new() };
        if t.grow(ty.minimum, init, limiter).is_none() {
            return Err(Error::of(ErrorKind::Resource, "failed to allocate the initial table"));
        }
        Ok(t)
    }
    /// Grow by `delta` elements set to `init`; the old size, or `None` if refused.
    pub fn grow(
        &mut self,
        delta: u64,
        init: u64,
        limiter: Option<&mut dyn ResourceLimiter>,
    ) -> Option<u64> {
        let old = self.elems.len() as u64;
        let new = old.checked_add(delta)?;
        // A table64 holds fewer than 2^32 - 1 elements (an implementation
        // limit, 32 GiB of references): the translator clamps its 64-bit
        // indices to 32 bits (`Op::ClampU32`).
        let abs = if self.ty.table64 { u32::MAX as u64 - 1 } else { u32::MAX as u64 };
        if new > self.ty.maximum.unwrap_or(abs).min(abs) {
            return None;
        }
        let new = usize::try_from(new).ok()?;
        if let Some(l) = limiter {
            let max = self.ty.maximum.and_then(|m| usize::try_from(m).ok());
            if !l.table_growing(self.elems.len(), new, max) {
                return None;
            }
        }
        self.elems.try_reserve_exact(new - self.elems.len()).ok()?;
        self.elems.resize(new, init);
        Some(old)
    }
}
