//! Linear memories, tables and globals: the store entities the executor
//! touches, and the public handles ([`Memory`], [`Table`], [`Global`]).
//!
//! Growth uses `try_reserve`, so a grow the host cannot serve fails (Wasm sees
//! -1) instead of aborting the process.

use alloc::vec::Vec;

use crate::error::{Error, ErrorKind, Result, TrapCode};
use crate::limits::ResourceLimiter;
use crate::store::{AsContext, AsContextMut, StoreId};
use crate::types::{GlobalType, MemoryType, Mutability, TableType};
use crate::values::Val;

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
            return Err(Error::new(ErrorKind::Resource, "failed to allocate the initial memory"));
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
            return Err(Error::new(ErrorKind::Resource, "failed to allocate the initial table"));
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
        let abs = if self.ty.table64 { u64::MAX } else { u32::MAX as u64 };
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

/// A global in the store.
pub(crate) struct GlobalEntity {
    pub ty: GlobalType,
    pub value: u64,
}

/// A handle to a linear memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Memory {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

impl Memory {
    /// Create a new memory of type `ty` in the store.
    ///
    /// # Errors
    /// If the initial size cannot be allocated.
    pub fn new(mut store: impl AsContextMut, ty: MemoryType) -> Result<Memory> {
        let (inner, limiter) = store.as_context_mut().split();
        let index = inner.memories.len() as u32;
        inner.memories.push(MemoryEntity::new(ty, limiter)?);
        Ok(Memory { store: inner.id, index })
    }
    fn entity<'a, S: AsContext>(&self, store: &'a S) -> &'a MemoryEntity {
        let inner = &store.as_context().inner;
        assert_eq!(inner.id, self.store, "memory used with a foreign store");
        &inner.memories[self.index as usize]
    }
    fn entity_mut<'a, S: AsContextMut>(&self, store: &'a mut S) -> &'a mut MemoryEntity {
        let inner = &mut store.as_context_mut().inner;
        assert_eq!(inner.id, self.store, "memory used with a foreign store");
        &mut inner.memories[self.index as usize]
    }
    /// The memory's type (its minimum is the current size).
    pub fn ty(&self, store: impl AsContext) -> MemoryType {
        let m = self.entity(&store);
        MemoryType { minimum: m.pages(), ..m.ty }
    }
    /// The memory's contents.
    pub fn data<'a, S: AsContext + 'a>(&self, store: &'a S) -> &'a [u8] {
        &self.entity(store).data
    }
    /// The memory's contents, mutably.
    pub fn data_mut<'a, S: AsContextMut + 'a>(&self, store: &'a mut S) -> &'a mut [u8] {
        &mut self.entity_mut(store).data
    }
    /// The memory's contents and the store's user data, borrowed together
    /// (for host functions that work on guest memory and their own state).
    pub fn data_and_store_mut<'a, T: 'a>(
        &self,
        store: &'a mut impl AsContextMut<Data = T>,
    ) -> (&'a mut [u8], &'a mut T) {
        let store = store.as_context_mut();
        assert_eq!(store.inner.id, self.store, "memory used with a foreign store");
        let (inner, data) = store.inner_and_data_mut();
        (&mut inner.memories[self.index as usize].data, data)
    }
    /// Size in bytes.
    pub fn data_size(&self, store: impl AsContext) -> usize {
        self.entity(&store).data.len()
    }
    /// Size in pages.
    pub fn size(&self, store: impl AsContext) -> u64 {
        self.entity(&store).pages()
    }
    /// Copy `buf.len()` bytes at `offset` into `buf`.
    ///
    /// # Errors
    /// If the range is out of bounds.
    pub fn read(&self, store: impl AsContext, offset: usize, buf: &mut [u8]) -> Result<()> {
        let data = &self.entity(&store).data;
        let src = offset
            .checked_add(buf.len())
            .and_then(|end| data.get(offset..end))
            .ok_or_else(|| Error::from(TrapCode::MemoryOutOfBounds))?;
        buf.copy_from_slice(src);
        Ok(())
    }
    /// Copy `buf` into the memory at `offset`.
    ///
    /// # Errors
    /// If the range is out of bounds.
    pub fn write(&self, mut store: impl AsContextMut, offset: usize, buf: &[u8]) -> Result<()> {
        let data = &mut self.entity_mut(&mut store).data;
        let dst = offset
            .checked_add(buf.len())
            .and_then(|end| data.get_mut(offset..end))
            .ok_or_else(|| Error::from(TrapCode::MemoryOutOfBounds))?;
        dst.copy_from_slice(buf);
        Ok(())
    }
    /// Grow by `delta` pages, returning the previous size in pages.
    ///
    /// # Errors
    /// If the maximum would be exceeded or the host cannot allocate.
    pub fn grow(&self, mut store: impl AsContextMut, delta: u64) -> Result<u64> {
        let (inner, limiter) = store.as_context_mut().split();
        assert_eq!(inner.id, self.store, "memory used with a foreign store");
        inner.memories[self.index as usize]
            .grow(delta, limiter)
            .ok_or_else(|| Error::new(ErrorKind::Resource, "failed to grow memory"))
    }
}

/// A handle to a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Table {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

impl Table {
    /// Create a new table of type `ty` with every element set to `init`.
    ///
    /// # Errors
    /// If `init` does not match the element type or the table cannot be allocated.
    pub fn new(mut store: impl AsContextMut, ty: TableType, init: Val) -> Result<Table> {
        let (inner, limiter) = store.as_context_mut().split();
        check_val(inner.id, &init, crate::ValType::Ref(ty.element))?;
        let index = inner.tables.len() as u32;
        inner.tables.push(TableEntity::new(ty, init.to_cell(), limiter)?);
        Ok(Table { store: inner.id, index })
    }
    fn entity<'a, S: AsContext>(&self, store: &'a S) -> &'a TableEntity {
        let inner = &store.as_context().inner;
        assert_eq!(inner.id, self.store, "table used with a foreign store");
        &inner.tables[self.index as usize]
    }
    /// The table's type (its minimum is the current size).
    pub fn ty(&self, store: impl AsContext) -> TableType {
        let t = self.entity(&store);
        TableType { minimum: t.elems.len() as u64, ..t.ty }
    }
    /// Number of elements.
    pub fn size(&self, store: impl AsContext) -> u64 {
        self.entity(&store).elems.len() as u64
    }
    /// The element at `index`, or `None` if out of bounds.
    pub fn get(&self, store: impl AsContext, index: u64) -> Option<Val> {
        let t = self.entity(&store);
        let c = *t.elems.get(usize::try_from(index).ok()?)?;
        Some(Val::from_cell(self.store, crate::ValType::Ref(t.ty.element), c))
    }
    /// Set the element at `index`.
    ///
    /// # Errors
    /// If out of bounds or `val` has the wrong type.
    pub fn set(&self, mut store: impl AsContextMut, index: u64, val: Val) -> Result<()> {
        let inner = &mut store.as_context_mut().inner;
        let t = &mut inner.tables[self.index as usize];
        check_val(inner.id, &val, crate::ValType::Ref(t.ty.element))?;
        let slot = usize::try_from(index)
            .ok()
            .and_then(|i| t.elems.get_mut(i))
            .ok_or_else(|| Error::from(TrapCode::TableOutOfBounds))?;
        *slot = val.to_cell();
        Ok(())
    }
    /// Grow by `delta` elements set to `init`, returning the previous size.
    ///
    /// # Errors
    /// If the maximum would be exceeded, the host cannot allocate, or `init` has the wrong type.
    pub fn grow(&self, mut store: impl AsContextMut, delta: u64, init: Val) -> Result<u64> {
        let (inner, limiter) = store.as_context_mut().split();
        let t = &mut inner.tables[self.index as usize];
        check_val(inner.id, &init, crate::ValType::Ref(t.ty.element))?;
        t.grow(delta, init.to_cell(), limiter)
            .ok_or_else(|| Error::new(ErrorKind::Resource, "failed to grow table"))
    }
}

/// A handle to a global.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Global {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

impl Global {
    /// Create a new global of type `ty` holding `val`.
    ///
    /// # Errors
    /// If `val` does not match `ty`.
    pub fn new(mut store: impl AsContextMut, ty: GlobalType, val: Val) -> Result<Global> {
        let inner = &mut store.as_context_mut().inner;
        check_val(inner.id, &val, ty.content)?;
        let index = inner.globals.len() as u32;
        inner.globals.push(GlobalEntity { ty, value: val.to_cell() });
        Ok(Global { store: inner.id, index })
    }
    fn entity<'a, S: AsContext>(&self, store: &'a S) -> &'a GlobalEntity {
        let inner = &store.as_context().inner;
        assert_eq!(inner.id, self.store, "global used with a foreign store");
        &inner.globals[self.index as usize]
    }
    /// The global's type.
    pub fn ty(&self, store: impl AsContext) -> GlobalType {
        self.entity(&store).ty
    }
    /// The current value.
    pub fn get(&self, store: impl AsContext) -> Val {
        let g = self.entity(&store);
        Val::from_cell(self.store, g.ty.content, g.value)
    }
    /// Set the value.
    ///
    /// # Errors
    /// If the global is immutable or `val` has the wrong type.
    pub fn set(&self, mut store: impl AsContextMut, val: Val) -> Result<()> {
        let inner = &mut store.as_context_mut().inner;
        let g = &mut inner.globals[self.index as usize];
        if g.ty.mutability == Mutability::Const {
            return Err(Error::usage("cannot set an immutable global"));
        }
        check_val(inner.id, &val, g.ty.content)?;
        g.value = val.to_cell();
        Ok(())
    }
}

/// Check that `val` has type `ty` and belongs to store `id`.
pub(crate) fn check_val(id: StoreId, val: &Val, ty: crate::ValType) -> Result<()> {
    if !val.matches(ty) {
        return Err(Error::usage(alloc::format!("expected a value of type {ty}, got {:?}", val)));
    }
    if val.store().is_some_and(|s| s != id) {
        return Err(Error::usage("reference from another store"));
    }
    Ok(())
}
