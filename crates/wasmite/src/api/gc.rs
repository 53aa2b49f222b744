//! The host's side of WasmGC, in wasmtime's shape: rooting ([`RootScope`],
//! [`OwnedRooted`], [`Store::gc`](crate::Store::gc)) and the typed views of
//! the `any` hierarchy ([`EqRef`], [`StructRef`], [`ArrayRef`]), with which
//! the host reads and writes fields and elements.
//!
//! The rooting rules are documented on [`RootScope`] (the public place):
//! API calls push the references they hand out on the heap's LIFO root
//! list, scopes truncate it, `OwnedRooted` holds a token the heap's owned
//! roots watch (`runtime/gc.rs` has the lists).

use alloc::sync::Arc;
use alloc::vec::Vec;
use core::ops::{Deref, DerefMut};

use super::store::{AsContext, AsContextMut, Store};
use super::values::{AnyRef, ExnRef, ExternRef, I31, Ref, V128, Val, check_val, root_vals};
use crate::error::{Error, Result, TrapCode};
use crate::exec::{StoreId, StoreInner};
use crate::runtime::{Kind, Layout, Storage, is_handle, read, read_cell, write};
use crate::types::{HeapType, ValType};

/// A LIFO rooting scope (wasmtime's `RootScope`): the GC references the
/// API hands out through it (or through a context borrowed from it) are
/// rooted until it is dropped. It wraps anything that gives mutable access
/// to a store (`&mut Store<T>`, `&mut Caller<'_, T>`, another scope) and
/// can be used in its place: it implements [`AsContext`] and
/// [`AsContextMut`] and dereferences to the [`Store`].
///
/// # Rooting
///
/// A GC reference the host holds ([`AnyRef`], [`EqRef`], [`StructRef`],
/// [`ArrayRef`], [`ExternRef`], [`ExnRef`]) is a plain `Copy` handle: a
/// store id and a cell of the store's GC heap. What keeps its object alive
/// across collections is a root:
///
/// - Every GC reference the API hands out through a mutably held store
///   (results of [`Func::call`](crate::Func::call) and
///   [`TypedFunc::call`](crate::TypedFunc::call),
///   [`Global::get`](crate::Global::get), [`Table::get`](crate::Table::get),
///   host function parameters, [`ExternRef::new`], [`ExnRef::new`],
///   [`ExnRef::fields`], [`StructRef::field`], [`ArrayRef::get`],
///   [`Store::take_pending_exception`](crate::Store::take_pending_exception),
///   ...) is rooted in the innermost scope around the call, as wasmtime's
///   `Rooted<T>`: it stays rooted until that scope ends. A host function
///   call is a scope of its own: its parameters and what it reads stay
///   rooted until it returns. Outside any scope a reference stays rooted
///   until the store is dropped, so a host that reads references in a loop
///   should open a scope per iteration.
/// - An [`OwnedRooted<T>`] (from `to_owned_rooted`) roots its object while
///   it or any of its clones lives, across scopes: what to keep in the
///   store's data.
/// - Through a shared borrow (`&store`) the API cannot root anything: a
///   reference read so (for example by `global.get(&store)`) is not rooted.
///
/// A reference that is no longer rooted is still valid while anything else
/// (a global, a table, a field, a Wasm frame, another root) reaches its
/// object. Once a collection freed it, every use of the reference is an
/// error ([`ExternRef::data`] finds nothing): a handle never refers to
/// another object, because a freed slot is reused only under a new epoch.
///
/// Collections run when Wasm code allocates, when the host allocates
/// ([`ExternRef::new`], [`ExnRef::new`]), and on [`Store::gc`](crate::Store::gc).
/// Conversions between the typed views ([`AnyRef::as_struct`],
/// [`StructRef::to_anyref`], ...) give the same object, rooted as the
/// original is.
///
/// ```
/// # use wasmite::*;
/// # fn main() -> Result<()> {
/// let engine = Engine::default();
/// let mut store = Store::new(&engine, ());
/// let kept = ExternRef::new(&mut store, 1u32); // rooted until the store is dropped
/// let gone = {
///     let mut scope = RootScope::new(&mut store);
///     let e = ExternRef::new(&mut scope, 2u32);
///     assert_eq!(e.data::<u32, _>(&scope), Some(&2));
///     e
/// }; // unrooted here
/// store.gc();
/// assert_eq!(kept.data::<u32, _>(&store), Some(&1));
/// assert_eq!(gone.data::<u32, _>(&store), None);
/// # Ok(())
/// # }
/// ```
pub struct RootScope<C: AsContextMut> {
    store: C,
    /// The LIFO root list's length when the scope began.
    len: usize,
}

impl<C: AsContextMut> RootScope<C> {
    /// Open a scope on `store`.
    pub fn new(mut store: C) -> Self {
        let len = store.as_context_mut().inner.heap.lifo_len();
        RootScope { store, len }
    }
    /// Make room for `additional` more roots in the scope.
    pub fn reserve(&mut self, additional: usize) {
        self.store.as_context_mut().inner.heap.reserve_lifo(additional);
    }
}

impl<C: AsContextMut> Drop for RootScope<C> {
    fn drop(&mut self) {
        self.store.as_context_mut().inner.heap.truncate_lifo(self.len);
    }
}

impl<C: AsContextMut> AsContext for RootScope<C> {
    type Data = C::Data;
    fn as_context(&self) -> &Store<C::Data> {
        self.store.as_context()
    }
    fn rooting_context(&mut self) -> Option<&mut Store<C::Data>> {
        Some(self.store.as_context_mut())
    }
}

impl<C: AsContextMut> AsContextMut for RootScope<C> {
    fn as_context_mut(&mut self) -> &mut Store<C::Data> {
        self.store.as_context_mut()
    }
}

impl<C: AsContextMut> Deref for RootScope<C> {
    type Target = Store<C::Data>;
    fn deref(&self) -> &Store<C::Data> {
        self.store.as_context()
    }
}

impl<C: AsContextMut> DerefMut for RootScope<C> {
    fn deref_mut(&mut self) -> &mut Store<C::Data> {
        self.store.as_context_mut()
    }
}

/// A GC reference rooted for as long as it (or any of its clones) lives,
/// across [`RootScope`]s (wasmtime's `OwnedRooted<T>`): made by
/// `to_owned_rooted` ([`AnyRef::to_owned_rooted`], ...). It dereferences
/// to the plain reference `T`; [`OwnedRooted::to_rooted`] gives that back
/// rooted in the current scope as well. Dropping the last clone unroots the
/// object (at the next collection).
#[derive(Clone)]
pub struct OwnedRooted<T> {
    value: T,
    store: StoreId,
    cell: u64,
    /// The root lives while this does (the heap holds a `Weak` of it).
    _token: Arc<()>,
}

impl<T: core::fmt::Debug> core::fmt::Debug for OwnedRooted<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("OwnedRooted").field(&self.value).finish()
    }
}

impl<T: Copy> OwnedRooted<T> {
    /// Root `cell` (of `value`, a live reference of `inner`) while the
    /// result lives.
    fn new(inner: &mut StoreInner, value: T, cell: u64) -> Self {
        let token = Arc::new(());
        inner.heap.root_owned(cell, Arc::downgrade(&token));
        OwnedRooted { value, store: inner.id, cell, _token: token }
    }

    /// The plain reference, rooted in the current scope of `store` too (so
    /// it stays valid after this is dropped, until that scope ends).
    ///
    /// # Panics
    /// If `store` is not the store the reference belongs to.
    pub fn to_rooted(&self, mut store: impl AsContextMut) -> T {
        let inner = &mut store.as_context_mut().inner;
        assert_eq!(inner.id, self.store, "OwnedRooted used with a foreign store");
        inner.heap.root(self.cell);
        self.value
    }

    /// The same object under another view (the root is shared).
    fn map<U>(self, value: U) -> OwnedRooted<U> {
        OwnedRooted { value, store: self.store, cell: self.cell, _token: self._token }
    }
}

impl<T> Deref for OwnedRooted<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// The error of a reference whose object a collection freed.
fn collected() -> Error {
    Error::usage("the object was collected (the reference was not rooted)")
}

/// `to_owned_rooted` for the reference types (`$cell` names the field
/// holding the cell).
macro_rules! owned_rooted {
    ($($t:ident . $cell:ident)*) => {$(
        impl $t {
            /// This reference rooted for as long as the result (or a clone
            /// of it) lives: see [`OwnedRooted`].
            ///
            /// # Errors
            /// If the reference belongs to another store, or its object
            /// was collected.
            pub fn to_owned_rooted(&self, mut store: impl AsContextMut) -> Result<OwnedRooted<$t>> {
                let inner = &mut store.as_context_mut().inner;
                inner.check(self.store)?;
                if is_handle(self.$cell) && inner.heap.get(self.$cell).is_none() {
                    return Err(collected());
                }
                Ok(OwnedRooted::new(inner, *self, self.$cell))
            }
        }
    )*};
}
owned_rooted!(AnyRef.cell EqRef.cell StructRef.cell ArrayRef.cell ExternRef.cell ExnRef.handle);

/// A reference of GC's `eq` hierarchy: an `i31`, a struct or an array
/// (wasmtime's `EqRef`); rooted as [`AnyRef`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EqRef {
    pub(crate) store: StoreId,
    pub(crate) cell: u64,
}

/// A reference to a GC struct (wasmtime's `StructRef`); rooted as
/// [`AnyRef`] is. [`StructRef::field`] and [`StructRef::set_field`] read and
/// write its fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StructRef {
    pub(crate) store: StoreId,
    pub(crate) cell: u64,
}

/// A reference to a GC array (wasmtime's `ArrayRef`); rooted as [`AnyRef`]
/// is. [`ArrayRef::get`] and [`ArrayRef::set`] read and write its elements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ArrayRef {
    pub(crate) store: StoreId,
    pub(crate) cell: u64,
}

impl AnyRef {
    /// The object's kind, checking the reference (`None` for an `i31`).
    fn kind(&self, store: &impl AsContext) -> Result<Option<Kind>> {
        Ok(self.object(&store.as_context().inner)?.map(|o| o.kind))
    }

    /// This reference as an `eqref`, if it is one (an `i31`, a struct or
    /// an array; not a converted host value).
    ///
    /// # Errors
    /// If the reference belongs to another store, or its object is gone.
    pub fn as_eqref(&self, store: impl AsContext) -> Result<Option<EqRef>> {
        let eq = match self.kind(&store)? {
            None => true,
            Some(k) => matches!(k, Kind::Struct | Kind::Array),
        };
        Ok(eq.then_some(EqRef { store: self.store, cell: self.cell }))
    }

    /// This reference as an `eqref`.
    ///
    /// # Errors
    /// As [`AnyRef::as_eqref`].
    ///
    /// # Panics
    /// If it is not an `eqref`.
    pub fn unwrap_eqref(&self, store: impl AsContext) -> Result<EqRef> {
        Ok(self.as_eqref(store)?.expect("AnyRef::unwrap_eqref on a non-eq reference"))
    }

    /// This reference as a struct reference, if it is one.
    ///
    /// # Errors
    /// As [`AnyRef::as_eqref`].
    pub fn as_struct(&self, store: impl AsContext) -> Result<Option<StructRef>> {
        let s = self.kind(&store)? == Some(Kind::Struct);
        Ok(s.then_some(StructRef { store: self.store, cell: self.cell }))
    }

    /// This reference as a struct reference.
    ///
    /// # Errors
    /// As [`AnyRef::as_eqref`].
    ///
    /// # Panics
    /// If it is not a struct reference.
    pub fn unwrap_struct(&self, store: impl AsContext) -> Result<StructRef> {
        Ok(self.as_struct(store)?.expect("AnyRef::unwrap_struct on a non-struct reference"))
    }

    /// This reference as an array reference, if it is one.
    ///
    /// # Errors
    /// As [`AnyRef::as_eqref`].
    pub fn as_array(&self, store: impl AsContext) -> Result<Option<ArrayRef>> {
        let a = self.kind(&store)? == Some(Kind::Array);
        Ok(a.then_some(ArrayRef { store: self.store, cell: self.cell }))
    }

    /// This reference as an array reference.
    ///
    /// # Errors
    /// As [`AnyRef::as_eqref`].
    ///
    /// # Panics
    /// If it is not an array reference.
    pub fn unwrap_array(&self, store: impl AsContext) -> Result<ArrayRef> {
        Ok(self.as_array(store)?.expect("AnyRef::unwrap_array on a non-array reference"))
    }
}

impl EqRef {
    /// The reference to `i31` value `v`.
    pub fn from_i31(store: impl AsContext, v: I31) -> EqRef {
        let a = AnyRef::from_i31(store, v);
        EqRef { store: a.store, cell: a.cell }
    }
    /// This reference as an `anyref`.
    pub fn to_anyref(self) -> AnyRef {
        AnyRef { store: self.store, cell: self.cell }
    }
    /// Whether this is an `i31ref`.
    ///
    /// # Errors
    /// If the reference belongs to another store.
    pub fn is_i31(&self, store: impl AsContext) -> Result<bool> {
        self.to_anyref().is_i31(store)
    }
    /// The `i31` value, if this is an `i31ref`.
    ///
    /// # Errors
    /// If the reference belongs to another store.
    pub fn as_i31(&self, store: impl AsContext) -> Result<Option<I31>> {
        self.to_anyref().as_i31(store)
    }
    /// Whether this is a struct reference.
    ///
    /// # Errors
    /// If the reference belongs to another store, or its object is gone.
    pub fn is_struct(&self, store: impl AsContext) -> Result<bool> {
        self.to_anyref().is_struct(store)
    }
    /// This reference as a struct reference, if it is one.
    ///
    /// # Errors
    /// As [`EqRef::is_struct`].
    pub fn as_struct(&self, store: impl AsContext) -> Result<Option<StructRef>> {
        self.to_anyref().as_struct(store)
    }
    /// This reference as a struct reference.
    ///
    /// # Errors
    /// As [`EqRef::is_struct`].
    ///
    /// # Panics
    /// If it is not a struct reference.
    pub fn unwrap_struct(&self, store: impl AsContext) -> Result<StructRef> {
        self.to_anyref().unwrap_struct(store)
    }
    /// Whether this is an array reference.
    ///
    /// # Errors
    /// As [`EqRef::is_struct`].
    pub fn is_array(&self, store: impl AsContext) -> Result<bool> {
        self.to_anyref().is_array(store)
    }
    /// This reference as an array reference, if it is one.
    ///
    /// # Errors
    /// As [`EqRef::is_struct`].
    pub fn as_array(&self, store: impl AsContext) -> Result<Option<ArrayRef>> {
        self.to_anyref().as_array(store)
    }
    /// This reference as an array reference.
    ///
    /// # Errors
    /// As [`EqRef::is_struct`].
    ///
    /// # Panics
    /// If it is not an array reference.
    pub fn unwrap_array(&self, store: impl AsContext) -> Result<ArrayRef> {
        self.to_anyref().unwrap_array(store)
    }
    /// Whether this reference is of heap type `ty` (see
    /// [`AnyRef::matches_ty`]).
    ///
    /// # Errors
    /// As [`EqRef::is_struct`].
    pub fn matches_ty(&self, store: impl AsContext, ty: &HeapType) -> Result<bool> {
        self.to_anyref().matches_ty(store, ty)
    }
}

/// Where a field (or an element) is and what it holds.
#[derive(Clone, Copy)]
struct Slot {
    /// Its value type (canonical; `i32` for packed storage).
    ty: ValType,
    storage: Storage,
    mutable: bool,
    /// Its byte offset in the object.
    off: usize,
}

/// The type id and length of the live object of kind `kind` that `cell`
/// (of store `store`) refers to.
fn live(inner: &StoreInner, store: StoreId, cell: u64, kind: Kind) -> Result<(u32, u32)> {
    inner.check(store)?;
    match inner.heap.get(cell) {
        Some(o) if o.kind == kind => Ok((o.ty, o.len)),
        Some(_) => Err(Error::usage("the reference is not of the expected kind")),
        None => Err(collected()),
    }
}

/// Read the value in `slot` of object `cell`, rooting it.
fn read_slot(inner: &mut StoreInner, cell: u64, slot: Slot) -> Result<Val> {
    let d = inner.heap.data(cell).ok_or_else(collected)?;
    let v = if slot.storage == Storage::V128 {
        let b = read::<16>(d, slot.off).unwrap_or_default();
        Val::V128(V128::from(u128::from_le_bytes(b)))
    } else {
        let c = read_cell(d, slot.storage, slot.off);
        Val::from_cell(inner, slot.ty, c)
    };
    root_vals(inner, &[v]);
    Ok(v)
}

/// Write `value` (checked against the slot's type) into `slot` of object
/// `cell`; `what` names the slot in errors.
fn write_slot(
    inner: &mut StoreInner,
    cell: u64,
    slot: Slot,
    value: Val,
    what: core::fmt::Arguments<'_>,
) -> Result<()> {
    if !slot.mutable {
        return Err(Error::usage(alloc::format!("{what} is immutable")));
    }
    check_val(inner, &value, slot.ty)
        .map_err(|e| Error::usage(alloc::format!("cannot write {what}: {e}")))?;
    let d = inner.heap.data_mut(cell).ok_or_else(collected)?;
    let v = match value {
        Val::V128(v) => u128::from(v),
        _ => u128::from(value.to_cell()),
    };
    write(d, slot.off, v, slot.storage.size() as usize);
    Ok(())
}

impl StructRef {
    /// This reference as an `anyref`.
    pub fn to_anyref(self) -> AnyRef {
        AnyRef { store: self.store, cell: self.cell }
    }
    /// This reference as an `eqref`.
    pub fn to_eqref(self) -> EqRef {
        EqRef { store: self.store, cell: self.cell }
    }
    /// Whether this struct is of heap type `ty` (see [`AnyRef::matches_ty`]).
    ///
    /// # Errors
    /// If the reference belongs to another store, or its object is gone.
    pub fn matches_ty(&self, store: impl AsContext, ty: &HeapType) -> Result<bool> {
        self.to_anyref().matches_ty(store, ty)
    }

    /// Field `index` of struct type `ty`.
    fn slot(inner: &StoreInner, ty: u32, index: usize) -> Result<Slot> {
        let f = inner.types.fields(ty).get(index);
        let off = match inner.types.layout(ty) {
            Some(Layout::Struct { fields, .. }) => fields.get(index).map(|&(_, off)| off),
            _ => None,
        };
        match (f, off) {
            (Some(f), Some(off)) => {
                Ok(Slot { ty: f.ty, storage: f.storage, mutable: f.mutable, off: off as usize })
            }
            _ => Err(Error::usage(alloc::format!("the struct has no field {index}"))),
        }
    }

    /// The number of fields.
    ///
    /// # Errors
    /// If the reference belongs to another store, or its object is gone.
    pub fn field_count(&self, store: impl AsContext) -> Result<usize> {
        let inner = &store.as_context().inner;
        let (ty, _) = live(inner, self.store, self.cell, Kind::Struct)?;
        Ok(inner.types.fields(ty).len())
    }

    /// The value of field `index`: a packed `i8`/`i16` field as a
    /// zero-extended [`Val::I32`] (as `struct.get_u`), a reference by its
    /// declared type's hierarchy, rooted in the current scope.
    ///
    /// # Errors
    /// If the reference belongs to another store, its object is gone, or
    /// there is no such field.
    pub fn field(&self, mut store: impl AsContextMut, index: usize) -> Result<Val> {
        let inner = &mut store.as_context_mut().inner;
        let (ty, _) = live(inner, self.store, self.cell, Kind::Struct)?;
        let slot = Self::slot(inner, ty, index)?;
        read_slot(inner, self.cell, slot)
    }

    /// The values of all fields, in order (as [`StructRef::field`]).
    ///
    /// # Errors
    /// If the reference belongs to another store, or its object is gone.
    pub fn fields(
        &self,
        mut store: impl AsContextMut,
    ) -> Result<impl ExactSizeIterator<Item = Val> + 'static> {
        let inner = &mut store.as_context_mut().inner;
        let (ty, _) = live(inner, self.store, self.cell, Kind::Struct)?;
        let n = inner.types.fields(ty).len();
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let slot = Self::slot(inner, ty, i)?;
            out.push(read_slot(inner, self.cell, slot)?);
        }
        Ok(out.into_iter())
    }

    /// Set field `index` to `value`, which must be of the field's type (an
    /// [`Val::I32`] for a packed field, which keeps its low bits).
    ///
    /// # Errors
    /// If a reference belongs to another store, the object is gone, there
    /// is no such field, the field is immutable, or `value` is not of its
    /// type.
    pub fn set_field(&self, mut store: impl AsContextMut, index: usize, value: Val) -> Result<()> {
        let inner = &mut store.as_context_mut().inner;
        let (ty, _) = live(inner, self.store, self.cell, Kind::Struct)?;
        let slot = Self::slot(inner, ty, index)?;
        write_slot(inner, self.cell, slot, value, format_args!("field {index} of the struct"))
    }
}

impl ArrayRef {
    /// This reference as an `anyref`.
    pub fn to_anyref(self) -> AnyRef {
        AnyRef { store: self.store, cell: self.cell }
    }
    /// This reference as an `eqref`.
    pub fn to_eqref(self) -> EqRef {
        EqRef { store: self.store, cell: self.cell }
    }
    /// Whether this array is of heap type `ty` (see [`AnyRef::matches_ty`]).
    ///
    /// # Errors
    /// If the reference belongs to another store, or its object is gone.
    pub fn matches_ty(&self, store: impl AsContext, ty: &HeapType) -> Result<bool> {
        self.to_anyref().matches_ty(store, ty)
    }

    /// Element `index` of an array of type `ty` and length `len`.
    fn slot(inner: &StoreInner, ty: u32, len: u32, index: u32) -> Result<Slot> {
        if index >= len {
            return Err(TrapCode::ArrayOutOfBounds.into());
        }
        let f = inner
            .types
            .fields(ty)
            .first()
            .ok_or_else(|| Error::usage("the array's type is not an array type"))?;
        let off = (index as usize).saturating_mul(f.storage.size() as usize);
        Ok(Slot { ty: f.ty, storage: f.storage, mutable: f.mutable, off })
    }

    /// The number of elements.
    ///
    /// # Errors
    /// If the reference belongs to another store, or its object is gone.
    pub fn len(&self, store: impl AsContext) -> Result<u32> {
        Ok(live(&store.as_context().inner, self.store, self.cell, Kind::Array)?.1)
    }

    /// Whether the array has no elements.
    ///
    /// # Errors
    /// As [`ArrayRef::len`].
    pub fn is_empty(&self, store: impl AsContext) -> Result<bool> {
        Ok(self.len(store)? == 0)
    }

    /// Element `index`, converted as [`StructRef::field`] converts a field.
    ///
    /// # Errors
    /// If the reference belongs to another store, its object is gone, or
    /// `index` is out of bounds ([`Trap::ArrayOutOfBounds`](crate::Trap::ArrayOutOfBounds)).
    pub fn get(&self, mut store: impl AsContextMut, index: u32) -> Result<Val> {
        let inner = &mut store.as_context_mut().inner;
        let (ty, len) = live(inner, self.store, self.cell, Kind::Array)?;
        let slot = Self::slot(inner, ty, len, index)?;
        read_slot(inner, self.cell, slot)
    }

    /// All elements, in order (as [`ArrayRef::get`]).
    ///
    /// # Errors
    /// If the reference belongs to another store, or its object is gone.
    pub fn elems(
        &self,
        mut store: impl AsContextMut,
    ) -> Result<impl ExactSizeIterator<Item = Val> + 'static> {
        let inner = &mut store.as_context_mut().inner;
        let (ty, len) = live(inner, self.store, self.cell, Kind::Array)?;
        let mut out = Vec::new();
        out.try_reserve_exact(len as usize)
            .map_err(|_| Error::usage("the array is too long to read whole"))?;
        for i in 0..len {
            let slot = Self::slot(inner, ty, len, i)?;
            out.push(read_slot(inner, self.cell, slot)?);
        }
        Ok(out.into_iter())
    }

    /// Set element `index` to `value`, which must be of the element type
    /// (as [`StructRef::set_field`]).
    ///
    /// # Errors
    /// If a reference belongs to another store, the object is gone,
    /// `index` is out of bounds, the elements are immutable, or `value` is
    /// not of their type.
    pub fn set(&self, mut store: impl AsContextMut, index: u32, value: Val) -> Result<()> {
        let inner = &mut store.as_context_mut().inner;
        let (ty, len) = live(inner, self.store, self.cell, Kind::Array)?;
        let slot = Self::slot(inner, ty, len, index)?;
        write_slot(inner, self.cell, slot, value, format_args!("element {index} of the array"))
    }
}

impl OwnedRooted<StructRef> {
    /// This reference as an `anyref` (the same root).
    pub fn to_anyref(self) -> OwnedRooted<AnyRef> {
        let a = self.value.to_anyref();
        self.map(a)
    }
    /// This reference as an `eqref` (the same root).
    pub fn to_eqref(self) -> OwnedRooted<EqRef> {
        let e = self.value.to_eqref();
        self.map(e)
    }
}

impl OwnedRooted<ArrayRef> {
    /// This reference as an `anyref` (the same root).
    pub fn to_anyref(self) -> OwnedRooted<AnyRef> {
        let a = self.value.to_anyref();
        self.map(a)
    }
    /// This reference as an `eqref` (the same root).
    pub fn to_eqref(self) -> OwnedRooted<EqRef> {
        let e = self.value.to_eqref();
        self.map(e)
    }
}

impl OwnedRooted<EqRef> {
    /// This reference as an `anyref` (the same root).
    pub fn to_anyref(self) -> OwnedRooted<AnyRef> {
        let a = self.value.to_anyref();
        self.map(a)
    }
}

/// The conversions of a typed view into the wider ones and into values.
macro_rules! conversions {
    ($($t:ident => $($wider:ident),*;)*) => {$(
        $(
            impl From<$t> for $wider {
                fn from(r: $t) -> $wider {
                    $wider { store: r.store, cell: r.cell }
                }
            }
        )*
        impl From<$t> for Val {
            fn from(r: $t) -> Val {
                Val::AnyRef(Some(r.into()))
            }
        }
        impl From<Option<$t>> for Val {
            fn from(r: Option<$t>) -> Val {
                Val::AnyRef(r.map(Into::into))
            }
        }
        impl From<$t> for Ref {
            fn from(r: $t) -> Ref {
                Ref::Any(Some(r.into()))
            }
        }
        impl From<Option<$t>> for Ref {
            fn from(r: Option<$t>) -> Ref {
                Ref::Any(r.map(Into::into))
            }
        }
    )*};
}
conversions! {
    EqRef => AnyRef;
    StructRef => AnyRef, EqRef;
    ArrayRef => AnyRef, EqRef;
}
