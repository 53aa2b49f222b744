//! The public handles to a store's memories, tables, globals and tags
//! ([`Memory`], [`Table`], [`Global`], [`Tag`]): a store id and an index, so
//! they are `Copy`, and using one with another store is an error.

use super::store::{AsContext, AsContextMut};
use super::values::{Ref, Val, check_val};
use crate::error::{Error, ErrorKind, Result, TrapCode};
use crate::exec::{StoreId, TagEntity};
use crate::runtime::{GlobalEntity, MemoryEntity, TableEntity};
use crate::types::{GlobalType, MemoryType, Mutability, TableType, TagType, ValType};

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
    pub fn read(
        &self,
        store: impl AsContext,
        offset: usize,
        buf: &mut [u8],
    ) -> Result<(), MemoryAccessError> {
        let data = &self.entity(&store).data;
        let src = offset
            .checked_add(buf.len())
            .and_then(|end| data.get(offset..end))
            .ok_or(MemoryAccessError { _private: () })?;
        buf.copy_from_slice(src);
        Ok(())
    }
    /// Copy `buf` into the memory at `offset`.
    ///
    /// # Errors
    /// If the range is out of bounds.
    pub fn write(
        &self,
        mut store: impl AsContextMut,
        offset: usize,
        buf: &[u8],
    ) -> Result<(), MemoryAccessError> {
        let data = &mut self.entity_mut(&mut store).data;
        let dst = offset
            .checked_add(buf.len())
            .and_then(|end| data.get_mut(offset..end))
            .ok_or(MemoryAccessError { _private: () })?;
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
            .ok_or_else(|| Error::of(ErrorKind::Resource, "failed to grow memory"))
    }
}

/// The error of [`Memory::read`] and [`Memory::write`]: the range is out
/// of the memory's bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryAccessError {
    _private: (),
}

impl core::fmt::Display for MemoryAccessError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("out of bounds memory access")
    }
}

impl core::error::Error for MemoryAccessError {}

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
    pub fn new(mut store: impl AsContextMut, ty: TableType, init: Ref) -> Result<Table> {
        let (inner, limiter) = store.as_context_mut().split();
        let init = Val::from(init);
        check_val(inner, &init, ValType::Ref(ty.element))?;
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
    /// The element at `index`, or `None` if out of bounds. A GC reference
    /// is rooted in the current scope if `store` is held mutably (pass
    /// `&mut store`, as wasmtime requires; see [`RootScope`](crate::RootScope)).
    pub fn get(&self, mut store: impl AsContext, index: u64) -> Option<Ref> {
        let t = self.entity(&store);
        let c = *t.elems.get(usize::try_from(index).ok()?)?;
        let v = Val::from_cell(&store.as_context().inner, ValType::Ref(t.ty.element), c);
        super::store::root_through(&mut store, &[v]);
        v.ref_()
    }
    /// Set the element at `index`.
    ///
    /// # Errors
    /// If out of bounds or `val` has the wrong type.
    pub fn set(&self, mut store: impl AsContextMut, index: u64, val: Ref) -> Result<()> {
        let val = Val::from(val);
        let inner = &mut store.as_context_mut().inner;
        check_val(inner, &val, ValType::Ref(inner.tables[self.index as usize].ty.element))?;
        let t = &mut inner.tables[self.index as usize];
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
    pub fn grow(&self, mut store: impl AsContextMut, delta: u64, init: Ref) -> Result<u64> {
        let init = Val::from(init);
        let (inner, limiter) = store.as_context_mut().split();
        check_val(inner, &init, ValType::Ref(inner.tables[self.index as usize].ty.element))?;
        let t = &mut inner.tables[self.index as usize];
        t.grow(delta, init.to_cell(), limiter)
            .ok_or_else(|| Error::of(ErrorKind::Resource, "failed to grow table"))
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
        check_val(inner, &val, ty.content)?;
        let index = inner.globals.len() as u32;
        inner.globals.push(GlobalEntity { ty, value: val.to_cell(), high: val.high_cell() });
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
    /// The current value. A GC reference is rooted in the current scope if
    /// `store` is held mutably (pass `&mut store`, as wasmtime requires;
    /// see [`RootScope`](crate::RootScope)).
    pub fn get(&self, mut store: impl AsContext) -> Val {
        let g = self.entity(&store);
        let mut v = [Val::I32(0)];
        Val::from_cells(&store.as_context().inner, &[g.ty.content], &[g.value, g.high], &mut v);
        super::store::root_through(&mut store, &v);
        v[0]
    }
    /// Set the value.
    ///
    /// # Errors
    /// If the global is immutable or `val` has the wrong type.
    pub fn set(&self, mut store: impl AsContextMut, val: Val) -> Result<()> {
        let inner = &mut store.as_context_mut().inner;
        let ty = inner.globals[self.index as usize].ty;
        if ty.mutability == Mutability::Const {
            return Err(Error::usage("cannot set an immutable global"));
        }
        check_val(inner, &val, ty.content)?;
        let g = &mut inner.globals[self.index as usize];
        (g.value, g.high) = (val.to_cell(), val.high_cell());
        Ok(())
    }
}

/// A handle to an exception tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

impl Tag {
    /// Create a new tag of type `ty` in the store: a tag distinct from every
    /// other, even of the same type.
    ///
    /// # Errors
    /// If `ty` has results, or names a type the store does not know.
    pub fn new(mut store: impl AsContextMut, ty: &TagType) -> Result<Tag> {
        let inner = &mut store.as_context_mut().inner;
        let ft = ty.ty();
        if !ft.results().is_empty() {
            return Err(Error::usage("a tag's function type must have no results"));
        }
        let sig = inner.types.intern_func(ft)?;
        let index = inner.tags.len() as u32;
        inner.tags.push(TagEntity { sig, ty: ft.clone() });
        Ok(Tag { store: inner.id, index })
    }
    /// The tag's type.
    pub fn ty(&self, store: impl AsContext) -> TagType {
        let inner = &store.as_context().inner;
        assert_eq!(inner.id, self.store, "tag used with a foreign store");
        TagType::new(inner.tags[self.index as usize].ty.clone())
    }
    /// Whether `a` and `b` are the same tag (wasmtime's spelling of `==`).
    pub fn eq(a: &Tag, b: &Tag, _store: impl AsContext) -> bool {
        a == b
    }
}
