//! Resource limits: a [`ResourceLimiter`] hook consulted before memories,
//! tables and the GC heap grow (and when instances, memories and tables are
//! created), and the ready-made [`StoreLimits`].
//!
//! A refused grow makes `memory.grow`/`table.grow` return -1, exactly like a
//! grow the host could not allocate; a refused GC allocation (after a
//! collection did not make room) traps with "allocation size too large".

/// Decides whether a store may grow its memories and tables.
pub trait ResourceLimiter {
    /// A memory wants to grow from `current` to `desired` bytes (`maximum`:
    /// its declared maximum in bytes, if any). Return `false` to refuse.
    fn memory_growing(&mut self, current: usize, desired: usize, maximum: Option<usize>) -> bool;
    /// A table wants to grow from `current` to `desired` elements.
    fn table_growing(&mut self, current: usize, desired: usize, maximum: Option<usize>) -> bool;
    /// The GC heap (GC objects, exceptions, host values, with their
    /// bookkeeping) wants to grow from `current` to `desired` bytes: asked
    /// when an allocation crosses a MiB boundary or is a MiB or more.
    /// Return `false` to refuse (the allocation traps unless a collection
    /// makes room). Allowed by default.
    fn gc_heap_growing(&mut self, current: usize, desired: usize) -> bool {
        let _ = (current, desired);
        true
    }
    /// Maximum number of instances in the store.
    fn instances(&self) -> usize {
        usize::MAX
    }
    /// Maximum number of memories in the store.
    fn memories(&self) -> usize {
        usize::MAX
    }
    /// Maximum number of tables in the store.
    fn tables(&self) -> usize {
        usize::MAX
    }
}

/// Limits for a store; build with [`StoreLimitsBuilder`] and install with
/// [`Store::limiter`](crate::Store::limiter).
#[derive(Clone, Debug)]
pub struct StoreLimits {
    memory_size: Option<usize>,
    table_elements: Option<usize>,
    gc_heap_size: Option<usize>,
    instances: usize,
    memories: usize,
    tables: usize,
}

impl Default for StoreLimits {
    fn default() -> Self {
        StoreLimits {
            memory_size: None,
            table_elements: None,
            gc_heap_size: None,
            instances: 10_000,
            memories: 10_000,
            tables: 10_000,
        }
    }
}

impl ResourceLimiter for StoreLimits {
    fn memory_growing(&mut self, _current: usize, desired: usize, _max: Option<usize>) -> bool {
        self.memory_size.is_none_or(|m| desired <= m)
    }
    fn table_growing(&mut self, _current: usize, desired: usize, _max: Option<usize>) -> bool {
        self.table_elements.is_none_or(|m| desired <= m)
    }
    fn gc_heap_growing(&mut self, _current: usize, desired: usize) -> bool {
        self.gc_heap_size.is_none_or(|m| desired <= m)
    }
    fn instances(&self) -> usize {
        self.instances
    }
    fn memories(&self) -> usize {
        self.memories
    }
    fn tables(&self) -> usize {
        self.tables
    }
}

/// Builder for [`StoreLimits`].
#[derive(Clone, Debug, Default)]
pub struct StoreLimitsBuilder(StoreLimits);

impl StoreLimitsBuilder {
    /// No limits beyond the defaults (10,000 instances, memories and tables).
    pub fn new() -> Self {
        Self::default()
    }
    /// Maximum size of each linear memory, in bytes.
    pub fn memory_size(mut self, bytes: usize) -> Self {
        self.0.memory_size = Some(bytes);
        self
    }
    /// Maximum number of elements of each table.
    pub fn table_elements(mut self, elements: usize) -> Self {
        self.0.table_elements = Some(elements);
        self
    }
    /// Maximum size of the GC heap, in bytes (objects and their
    /// bookkeeping, counted as the collector does: live after the last
    /// collection plus allocated since). The heap never exceeds 4 GiB
    /// whatever this says.
    pub fn gc_heap_size(mut self, bytes: usize) -> Self {
        self.0.gc_heap_size = Some(bytes);
        self
    }
    /// Maximum number of instances.
    pub fn instances(mut self, n: usize) -> Self {
        self.0.instances = n;
        self
    }
    /// Maximum number of memories.
    pub fn memories(mut self, n: usize) -> Self {
        self.0.memories = n;
        self
    }
    /// Maximum number of tables.
    pub fn tables(mut self, n: usize) -> Self {
        self.0.tables = n;
        self
    }
    /// The limits.
    pub fn build(self) -> StoreLimits {
        self.0
    }
}
