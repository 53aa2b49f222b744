//! A linear memory: its bytes and growth (fallible, and asking the
//! embedder's resource limiter first).

use alloc::vec::Vec;

use crate::error::{Error, ErrorKind, Result};
use crate::limits::ResourceLimiter;
use crate::types::MemoryType;

/// Up to this size a new memory's bytes come straight from zeroed allocator
/// pages; above it growth is fallible (`try_reserve`) so a huge request fails
/// cleanly instead of aborting.
const LAZY_ZEROED_MAX: usize = 1 << 30;

/// A linear memory in the store.
pub(crate) struct MemoryEntity {
    pub ty: MemoryType,
    pub data: Vec<u8>,
}

impl MemoryEntity {
    pub fn new(ty: MemoryType, limiter: Option<&mut dyn ResourceLimiter>) -> Result<Self> {
        let mut m = MemoryEntity { ty, data: Vec::new() };
        if m.grow(ty.minimum, limiter).is_none() {
            return Err(Error::of(ErrorKind::Resource, "failed to allocate the initial memory"));
        }
        Ok(m)
    }
    /// Size in pages.
    pub fn pages(&self) -> u64 {
        self.data.len() as u64 >> self.ty.page_size_log2
    }
    /// Grow by `delta` pages; the old size in pages, or `None` if refused.
    pub fn grow(&mut self, delta: u64, limiter: Option<&mut dyn ResourceLimiter>) -> Option<u64> {
        let old = self.pages();
        let new = old.checked_add(delta)?;
        let max = self.ty.maximum.unwrap_or(u64::MAX).min(self.ty.absolute_max_pages());
        if new > max {
            return None;
        }
        let bytes = usize::try_from(new.checked_mul(self.ty.page_size())?).ok()?;
        if let Some(l) = limiter {
            let max_bytes = self
                .ty
                .maximum
                .and_then(|m| usize::try_from(m.saturating_mul(self.ty.page_size())).ok());
            if !l.memory_growing(self.data.len(), bytes, max_bytes) {
                return None;
            }
        }
        if self.data.is_empty() && bytes <= LAZY_ZEROED_MAX {
            // Zeroed pages from the allocator: a large initial memory costs
            // nothing until the program touches it.
            self.data = alloc::vec![0u8; bytes];
        } else {
            let extra = bytes - self.data.len();
            self.data.try_reserve_exact(extra).ok()?;
            self.data.resize(bytes, 0);
        }
        Some(old)
    }
}
