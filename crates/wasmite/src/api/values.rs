//! Runtime values as the embedder sees them ([`Val`]), and their raw 64-bit
//! cell encoding inside the engine.
//!
//! Inside the engine every value is an untyped `u64` cell: `i32`/`f32` are kept
//! zero-extended (so reinterpretations are free), function references are
//! `store index + 1`, GC references (`anyref`, `externref`, `exnref`) are
//! the GC heap's cells (`runtime/gc.rs`), with `0` for null.
//!
//! The GC references the API hands to the host are rooted (`root_vals`):
//! see [`RootScope`](crate::RootScope).

use super::func::Func;
use super::handles::Tag;
use super::store::{AsContext, AsContextMut};
use crate::error::{Error, Result};
use crate::exec::{StoreId, StoreInner};
use crate::types::{HeapType, RefType, ValType};

/// A host value referenced from Wasm through `externref` (wasmtime's
/// `ExternRef`): a GC object holding the value. Rooted in the scope of the
/// API call that handed it out (see [`RootScope`](crate::RootScope)); a
/// reference that is no longer rooted stays valid while Wasm can still
/// reach its object, after which [`ExternRef::data`] finds nothing (never
/// another value).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExternRef {
    pub(crate) store: StoreId,
    /// Its cell: a host value's handle, or (after `extern.convert_any`)
    /// any `anyref` cell.
    pub(crate) cell: u64,
}

/// A reference of the `any` hierarchy (GC's `anyref`, `eqref`, `i31ref`,
/// struct and array references, and host values converted from
/// `externref`), as wasmtime's `AnyRef`. The narrower views are
/// [`EqRef`](crate::EqRef), [`StructRef`](crate::StructRef) and
/// [`ArrayRef`](crate::ArrayRef) ([`AnyRef::as_struct`], ...).
///
/// Rooted in the scope of the API call that handed it out (see
/// [`RootScope`](crate::RootScope)); [`AnyRef::to_owned_rooted`] roots it
/// for longer. A reference that is no longer rooted stays valid while Wasm
/// code can still reach its object; once a collection freed it, using it
/// is an error, never another object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AnyRef {
    pub(crate) store: StoreId,
    pub(crate) cell: u64,
}

/// An unboxed 31-bit integer (what an `i31ref` holds), as wasmtime's `I31`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct I31(u32);

impl I31 {
    /// The `i31` of the low 31 bits of `v`.
    pub fn wrapping_u32(v: u32) -> I31 {
        I31(v & 0x7fff_ffff)
    }
    /// The `i31` of the low 31 bits of `v`.
    pub fn wrapping_i32(v: i32) -> I31 {
        I31::wrapping_u32(v as u32)
    }
    /// Its value zero-extended (`i31.get_u`).
    pub fn get_u32(self) -> u32 {
        self.0
    }
    /// Its value sign-extended (`i31.get_s`).
    pub fn get_i32(self) -> i32 {
        ((self.0 << 1) as i32) >> 1
    }
}

impl AnyRef {
    /// The reference to `i31` value `v`.
    pub fn from_i31(store: impl AsContext, v: I31) -> AnyRef {
        AnyRef { store: store.as_context().inner.id, cell: crate::runtime::i31(v.0) }
    }

    /// `any.convert_extern`: the `anyref` of an external reference (the
    /// same object: converting back gives it again), rooted in the current
    /// scope if `store` is held mutably.
    ///
    /// # Errors
    /// If the reference belongs to another store.
    pub fn convert_extern(mut store: impl AsContext, e: ExternRef) -> Result<AnyRef> {
        store.as_context().inner.check(e.store)?;
        let a = AnyRef { store: e.store, cell: e.cell };
        super::store::root_through(&mut store, &[Val::AnyRef(Some(a))]);
        Ok(a)
    }

    /// Whether this reference is of heap type `ty` (a concrete type as its
    /// canonical id, as [`Func::ty`](crate::Func::ty) and the export types
    /// give it): what `ref.test` answers.
    ///
    /// # Errors
    /// If the reference belongs to another store, or its object is gone.
    pub fn matches_ty(&self, store: impl AsContext, ty: &HeapType) -> Result<bool> {
        let inner = &store.as_context().inner;
        self.object(inner)?;
        Ok(any_is(inner, self.cell, *ty))
    }

    pub(crate) fn object<'a>(
        &self,
        inner: &'a StoreInner,
    ) -> Result<Option<crate::runtime::Obj<'a>>> {
        inner.check(self.store)?;
        if !crate::runtime::is_handle(self.cell) {
            return Ok(None);
        }
        inner
            .heap
            .get(self.cell)
            .map(Some)
            .ok_or_else(|| Error::usage("the object was collected (the reference was not rooted)"))
    }

    /// The `i31` value, if this is an `i31ref`.
    ///
    /// # Errors
    /// If the reference belongs to another store, or its object is gone.
    pub fn as_i31(&self, store: impl AsContext) -> Result<Option<I31>> {
        store.as_context().inner.check(self.store)?;
        let c = self.cell;
        Ok((!crate::runtime::is_handle(c) && c & 1 == 1).then_some(I31(c as u32 >> 1)))
    }

    /// Whether this is an `i31ref`.
    ///
    /// # Errors
    /// As [`AnyRef::as_i31`].
    pub fn is_i31(&self, store: impl AsContext) -> Result<bool> {
        Ok(self.as_i31(store)?.is_some())
    }

    /// Whether this is a struct reference.
    ///
    /// # Errors
    /// As [`AnyRef::as_i31`].
    pub fn is_struct(&self, store: impl AsContext) -> Result<bool> {
        let o = self.object(&store.as_context().inner)?;
        Ok(o.is_some_and(|o| o.kind == crate::runtime::Kind::Struct))
    }

    /// Whether this is an array reference.
    ///
    /// # Errors
    /// As [`AnyRef::as_i31`].
    pub fn is_array(&self, store: impl AsContext) -> Result<bool> {
        let o = self.object(&store.as_context().inner)?;
        Ok(o.is_some_and(|o| o.kind == crate::runtime::Kind::Array))
    }

    /// Whether this is an `eqref` (an `i31`, a struct or an array; not a
    /// converted host value).
    ///
    /// # Errors
    /// As [`AnyRef::as_i31`].
    pub fn is_eqref(&self, store: impl AsContext) -> Result<bool> {
        let inner = &store.as_context().inner;
        Ok(self.as_i31(store.as_context())?.is_some()
            || self.object(inner)?.is_some_and(|o| {
                matches!(o.kind, crate::runtime::Kind::Struct | crate::runtime::Kind::Array)
            }))
    }
}

impl ExternRef {
    /// `extern.convert_any`: the `externref` of an `anyref` (the same
    /// object: converting back gives it again), rooted in the current scope
    /// if `store` is held mutably.
    ///
    /// # Errors
    /// If the reference belongs to another store.
    pub fn convert_any(mut store: impl AsContext, a: AnyRef) -> Result<ExternRef> {
        store.as_context().inner.check(a.store)?;
        let e = ExternRef { store: a.store, cell: a.cell };
        super::store::root_through(&mut store, &[Val::ExternRef(Some(e))]);
        Ok(e)
    }
}

/// A reference to an exception object (what an `exnref` holds), as the
/// host gets it from Wasm (wasmtime's `ExnRef`). Rooted in the scope of the
/// API call that handed it out (see [`RootScope`](crate::RootScope));
/// [`ExnRef::to_owned_rooted`] roots it for longer. A reference that is no
/// longer rooted stays valid while Wasm code can still reach the
/// exception; once a collection freed it, using it is an error, never
/// another object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExnRef {
    pub(crate) store: StoreId,
    pub(crate) handle: u64,
}

impl ExnRef {
    /// A new exception of tag `tag` with payload `fields` (one value per
    /// parameter of the tag's type), to throw with
    /// [`Store::throw`](crate::Store::throw); rooted in the current scope.
    /// (A collection may run first, if the heap's budget is spent.)
    ///
    /// # Errors
    /// If `fields` do not match the tag's type, or belong to another store;
    /// [`Trap::AllocationTooLarge`](crate::Trap::AllocationTooLarge) if the
    /// GC heap's limits refuse the object.
    pub fn new(mut store: impl AsContextMut, tag: &Tag, fields: &[Val]) -> Result<ExnRef> {
        let (inner, limiter) = store.as_context_mut().split();
        inner.check(tag.store)?;
        let ty = inner.tags[tag.index as usize].ty.clone();
        if fields.len() != ty.params().len() {
            return Err(Error::usage(alloc::format!(
                "the tag's payload is {} values, {} given",
                ty.params().len(),
                fields.len()
            )));
        }
        for (v, t) in fields.iter().zip(ty.params()) {
            inner.check(v.store().unwrap_or(inner.id))?;
            if !v.matches(*t) {
                return Err(Error::usage(alloc::format!(
                    "a payload value of type {t} expected, got {v:?}"
                )));
            }
        }
        let mut cells = alloc::vec![0; crate::types::cell_count(ty.params())];
        Val::to_cells(fields, &mut cells);
        let handle = crate::exec::exn::alloc(inner, limiter, tag.index, cells)
            .ok_or(crate::error::TrapCode::AllocationTooLarge)?;
        inner.heap.root(handle);
        Ok(ExnRef { store: inner.id, handle })
    }

    fn object(&self, inner: &StoreInner) -> Result<(u32, alloc::vec::Vec<u64>)> {
        inner.check(self.store)?;
        inner.heap.exn(self.handle).map(|(tag, cells)| (tag, cells.collect())).ok_or_else(|| {
            Error::usage("the exception was collected (the reference was not rooted)")
        })
    }

    /// The exception's tag.
    ///
    /// # Errors
    /// If the reference belongs to another store, or its exception is gone.
    pub fn tag(&self, store: impl AsContext) -> Result<Tag> {
        let inner = &store.as_context().inner;
        let (tag, _) = self.object(inner)?;
        Ok(Tag { store: inner.id, index: tag })
    }

    /// The exception's payload values (its references rooted in the
    /// current scope if `store` is held mutably: pass `&mut store`).
    ///
    /// # Errors
    /// If the reference belongs to another store, or its exception is gone.
    pub fn fields(&self, mut store: impl AsContext) -> Result<alloc::vec::Vec<Val>> {
        let inner = &store.as_context().inner;
        let (tag, payload) = self.object(inner)?;
        let ty = &inner.tags[tag as usize].ty;
        let mut out = alloc::vec![Val::I32(0); ty.params().len()];
        Val::from_cells(inner, ty.params(), &payload, &mut out);
        super::store::root_through(&mut store, &out);
        Ok(out)
    }

    /// Payload value `index`.
    ///
    /// # Errors
    /// As [`ExnRef::fields`], or if there is no such field.
    pub fn field(&self, store: impl AsContext, index: usize) -> Result<Val> {
        self.fields(store)?
            .get(index)
            .copied()
            .ok_or_else(|| Error::usage("no such field in the exception"))
    }
}

/// A `v128` value (as wasmtime's `V128`): 128 bits, lane 0 in the low
/// bits (the little-endian byte order of memory).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct V128(u128);

impl V128 {
    /// The value as a `u128`.
    pub fn as_u128(&self) -> u128 {
        self.0
    }
    /// The value's 16 bytes, lane 0 first (as in memory).
    pub fn to_le_bytes(&self) -> [u8; 16] {
        self.0.to_le_bytes()
    }
}

impl From<u128> for V128 {
    fn from(v: u128) -> V128 {
        V128(v)
    }
}

impl From<V128> for u128 {
    fn from(v: V128) -> u128 {
        v.0
    }
}

/// A WebAssembly value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Val {
    /// An `i32`.
    I32(i32),
    /// An `i64`.
    I64(i64),
    /// An `f32`, as its bit pattern (NaN payloads are preserved).
    F32(u32),
    /// An `f64`, as its bit pattern (NaN payloads are preserved).
    F64(u64),
    /// A `v128`.
    V128(V128),
    /// A function reference, or null.
    FuncRef(Option<Func>),
    /// An external reference, or null.
    ExternRef(Option<ExternRef>),
    /// An exception reference, or null.
    ExnRef(Option<ExnRef>),
    /// A reference of the `any` hierarchy, or null.
    AnyRef(Option<AnyRef>),
}

/// Accessors as wasmtime's: `x()` is `Some` if the value is an `x`,
/// `unwrap_x()` panics if it is not.
macro_rules! accessors {
    ($(($variant:ident($ty:ty) $get:ident $unwrap:ident |$e:ident| $conv:expr))*) => {$(
        /// The value, if it is of this type.
        #[inline]
        pub fn $get(&self) -> Option<$ty> {
            if let Val::$variant($e) = self { Some($conv) } else { None }
        }
        /// The value.
        ///
        /// # Panics
        /// If it is of another type.
        #[inline]
        pub fn $unwrap(&self) -> $ty {
            self.$get().expect(concat!("expected ", stringify!($ty)))
        }
    )*};
}

impl Val {
    accessors! {
        (I32(i32) i32 unwrap_i32 |e| *e)
        (I64(i64) i64 unwrap_i64 |e| *e)
        (F32(f32) f32 unwrap_f32 |e| f32::from_bits(*e))
        (F64(f64) f64 unwrap_f64 |e| f64::from_bits(*e))
        (V128(V128) v128 unwrap_v128 |e| *e)
        (FuncRef(Option<&Func>) func_ref unwrap_func_ref |e| e.as_ref())
        (ExternRef(Option<&ExternRef>) extern_ref unwrap_extern_ref |e| e.as_ref())
        (ExnRef(Option<&ExnRef>) exn_ref unwrap_exn_ref |e| e.as_ref())
        (AnyRef(Option<&AnyRef>) any_ref unwrap_any_ref |e| e.as_ref())
    }

    /// The null function reference.
    pub const fn null_func_ref() -> Val {
        Val::FuncRef(None)
    }
    /// The null external reference.
    pub const fn null_extern_ref() -> Val {
        Val::ExternRef(None)
    }
    /// The null reference of `heap_type`'s hierarchy.
    pub fn null_ref(heap_type: &HeapType) -> Val {
        Ref::null(heap_type).into()
    }
    /// The default value of a type: zero, or null for a nullable reference
    /// type (`None` for a non-nullable one, which has no default).
    pub fn default_for_ty(ty: &ValType) -> Option<Val> {
        match ty {
            ValType::Ref(r) if !r.nullable => None,
            _ => Some(Val::default_of(*ty)),
        }
    }
    /// The type of this value (a reference's is the nullable type of its
    /// hierarchy).
    ///
    /// # Errors
    /// If a reference belongs to another store.
    pub fn ty(&self, store: impl AsContext) -> Result<ValType> {
        check_store(&store, self.store())?;
        Ok(self.val_type())
    }
    /// Whether this value is of type `ty` (a null reference matches every
    /// nullable reference type of its hierarchy; a GC object matches the
    /// types its own type is a subtype of, concrete types given by their
    /// canonical ids, as [`Func::ty`](crate::Func::ty) gives them).
    ///
    /// # Errors
    /// If a reference belongs to another store.
    pub fn matches_ty(&self, store: impl AsContext, ty: &ValType) -> Result<bool> {
        check_store(&store, self.store())?;
        Ok(check_val(&store.as_context().inner, self, *ty).is_ok())
    }
    /// The reference, if this is one.
    pub fn ref_(self) -> Option<Ref> {
        match self {
            Val::FuncRef(f) => Some(Ref::Func(f)),
            Val::ExternRef(e) => Some(Ref::Extern(e)),
            Val::ExnRef(e) => Some(Ref::Exn(e)),
            Val::AnyRef(e) => Some(Ref::Any(e)),
            _ => None,
        }
    }
    /// The function reference (`Some(None)` if null), if this is a `funcref`.
    pub fn funcref(&self) -> Option<Option<&Func>> {
        self.func_ref()
    }
    /// The function reference, `None` if null.
    ///
    /// # Panics
    /// If this is not a `funcref`.
    pub fn unwrap_funcref(&self) -> Option<&Func> {
        self.unwrap_func_ref()
    }
    /// The extern reference (`Some(None)` if null), if this is an `externref`.
    pub fn externref(&self) -> Option<Option<&ExternRef>> {
        self.extern_ref()
    }
    /// The extern reference, `None` if null.
    ///
    /// # Panics
    /// If this is not an `externref`.
    pub fn unwrap_externref(&self) -> Option<&ExternRef> {
        self.unwrap_extern_ref()
    }
    /// The `any` reference (`Some(None)` if null), if this is an `anyref`
    /// (a struct, array, `i31`, ... reference).
    pub fn anyref(&self) -> Option<Option<&AnyRef>> {
        self.any_ref()
    }
    /// The `any` reference, `None` if null.
    ///
    /// # Panics
    /// If this is not an `anyref`.
    pub fn unwrap_anyref(&self) -> Option<&AnyRef> {
        self.unwrap_any_ref()
    }
    /// The exception reference (`Some(None)` if null), if this is an
    /// `exnref`.
    pub fn exnref(&self) -> Option<Option<&ExnRef>> {
        self.exn_ref()
    }
    /// The exception reference, `None` if null.
    ///
    /// # Panics
    /// If this is not an `exnref`.
    pub fn unwrap_exnref(&self) -> Option<&ExnRef> {
        self.unwrap_exn_ref()
    }

    /// The type of this value, without a store.
    pub(crate) fn val_type(&self) -> ValType {
        match self {
            Val::I32(_) => ValType::I32,
            Val::I64(_) => ValType::I64,
            Val::F32(_) => ValType::F32,
            Val::F64(_) => ValType::F64,
            Val::V128(_) => ValType::V128,
            Val::FuncRef(_) => ValType::FUNCREF,
            Val::ExternRef(_) => ValType::EXTERNREF,
            Val::ExnRef(_) => ValType::Ref(RefType { nullable: true, heap: HeapType::Exn }),
            Val::AnyRef(_) => ValType::Ref(RefType { nullable: true, heap: HeapType::Any }),
        }
    }
    /// The default (zero or null) value of a type.
    pub(crate) fn default_of(ty: ValType) -> Val {
        match ty {
            ValType::I32 => Val::I32(0),
            ValType::I64 => Val::I64(0),
            ValType::F32 => Val::F32(0),
            ValType::F64 => Val::F64(0),
            ValType::V128 => Val::V128(V128(0)),
            ValType::Ref(r) => Ref::null(&r.heap).into(),
        }
    }

    /// Encode as a raw cell (the caller has checked the store of references).
    pub(crate) fn to_cell(self) -> u64 {
        match self {
            Val::I32(v) => v as u32 as u64,
            Val::I64(v) => v as u64,
            Val::F32(v) => v as u64,
            Val::F64(v) => v,
            Val::V128(v) => v.0 as u64,
            Val::FuncRef(f) => f.map_or(0, |f| f.index as u64 + 1),
            Val::ExternRef(e) => e.map_or(0, |e| e.cell),
            Val::ExnRef(e) => e.map_or(0, |e| e.handle),
            Val::AnyRef(e) => e.map_or(0, |e| e.cell),
        }
    }

    /// The high half of a `v128` (0 for other values).
    pub(crate) fn high_cell(self) -> u64 {
        match self {
            Val::V128(v) => (v.0 >> 64) as u64,
            _ => 0,
        }
    }

    /// Encode `vals` as cells (two for a `v128`, low half first) into
    /// `cells`, which has room for them.
    pub(crate) fn to_cells(vals: &[Val], cells: &mut [u64]) {
        let mut c = 0;
        for v in vals {
            if let Some(x) = cells.get_mut(c) {
                *x = v.to_cell();
            }
            c += 1;
            if let Val::V128(_) = v {
                if let Some(x) = cells.get_mut(c) {
                    *x = v.high_cell();
                }
                c += 1;
            }
        }
    }

    /// Decode values of types `tys` from `cells` (as [`Val::to_cells`]
    /// lays them out) into `out`.
    pub(crate) fn from_cells(store: &StoreInner, tys: &[ValType], cells: &[u64], out: &mut [Val]) {
        let mut c = 0;
        for (t, r) in tys.iter().zip(out) {
            let lo = cells.get(c).copied().unwrap_or(0);
            c += 1;
            *r = if *t == ValType::V128 {
                let hi = cells.get(c).copied().unwrap_or(0);
                c += 1;
                Val::V128(V128(u128::from(lo) | u128::from(hi) << 64))
            } else {
                Val::from_cell(store, *t, lo)
            };
        }
    }

    /// Decode a raw cell of type `ty` from store `inner`.
    pub(crate) fn from_cell(inner: &StoreInner, ty: ValType, c: u64) -> Val {
        let store = inner.id;
        match ty {
            ValType::I32 => Val::I32(c as u32 as i32),
            ValType::I64 => Val::I64(c as i64),
            ValType::F32 => Val::F32(c as u32),
            ValType::F64 => Val::F64(c),
            ValType::V128 => Val::V128(V128(u128::from(c))),
            ValType::Ref(r) => match r.heap {
                HeapType::Extern | HeapType::NoExtern => {
                    Val::ExternRef((c != 0).then_some(ExternRef { store, cell: c }))
                }
                HeapType::Exn | HeapType::NoExn => {
                    Val::ExnRef((c != 0).then_some(ExnRef { store, handle: c }))
                }
                HeapType::Any
                | HeapType::Eq
                | HeapType::I31
                | HeapType::Struct
                | HeapType::Array
                | HeapType::None => Val::AnyRef((c != 0).then_some(AnyRef { store, cell: c })),
                HeapType::Concrete(id) if inner.types.func_type(id).is_none() => {
                    Val::AnyRef((c != 0).then_some(AnyRef { store, cell: c }))
                }
                _ => Val::FuncRef(c.checked_sub(1).map(|i| Func { store, index: i as u32 })),
            },
        }
    }

    /// The store this value belongs to, if it is a non-null reference.
    pub(crate) fn store(&self) -> Option<StoreId> {
        match self {
            Val::FuncRef(Some(f)) => Some(f.store),
            Val::ExternRef(Some(e)) => Some(e.store),
            Val::ExnRef(Some(e)) => Some(e.store),
            Val::AnyRef(Some(e)) => Some(e.store),
            _ => None,
        }
    }

    /// Whether this value is of type `ty` (reference subtyping for nulls included).
    pub(crate) fn matches(&self, ty: ValType) -> bool {
        match (self, ty) {
            (Val::FuncRef(f), ValType::Ref(r)) => {
                matches!(r.heap, HeapType::Func | HeapType::Concrete(_) | HeapType::NoFunc)
                    && (f.is_some() || r.nullable)
                    && (f.is_none() || r.heap != HeapType::NoFunc)
            }
            (Val::AnyRef(e), ValType::Ref(r)) => {
                let any = matches!(
                    r.heap,
                    HeapType::Any
                        | HeapType::Eq
                        | HeapType::I31
                        | HeapType::Struct
                        | HeapType::Array
                        | HeapType::None
                );
                // (A non-null one's object type is checked by `check_val`;
                // a null one is a null of any nullable struct or array
                // type, as `Val::FuncRef(None)` is of a function type.)
                ((any || matches!(r.heap, HeapType::Concrete(_))) && r.nullable && e.is_none())
                    || (e.is_some()
                        && (matches!(
                            r.heap,
                            HeapType::Any
                                | HeapType::Eq
                                | HeapType::I31
                                | HeapType::Struct
                                | HeapType::Array
                        ) || matches!(r.heap, HeapType::Concrete(_))))
            }
            (Val::ExnRef(e), ValType::Ref(r)) => {
                matches!(r.heap, HeapType::Exn | HeapType::NoExn)
                    && (e.is_some() || r.nullable)
                    && (e.is_none() || r.heap == HeapType::Exn)
            }
            (Val::ExternRef(e), ValType::Ref(r)) => {
                matches!(r.heap, HeapType::Extern | HeapType::NoExtern)
                    && (e.is_some() || r.nullable)
                    && (e.is_none() || r.heap == HeapType::Extern)
            }
            _ => self.val_type() == ty,
        }
    }
}

impl From<i32> for Val {
    fn from(v: i32) -> Val {
        Val::I32(v)
    }
}
impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::I64(v)
    }
}
impl From<f32> for Val {
    fn from(v: f32) -> Val {
        Val::F32(v.to_bits())
    }
}
impl From<f64> for Val {
    fn from(v: f64) -> Val {
        Val::F64(v.to_bits())
    }
}
impl From<u128> for Val {
    fn from(v: u128) -> Val {
        Val::V128(V128(v))
    }
}
impl From<V128> for Val {
    fn from(v: V128) -> Val {
        Val::V128(v)
    }
}
impl From<Func> for Val {
    fn from(f: Func) -> Val {
        Val::FuncRef(Some(f))
    }
}
impl From<Option<Func>> for Val {
    fn from(f: Option<Func>) -> Val {
        Val::FuncRef(f)
    }
}
impl From<ExternRef> for Val {
    fn from(e: ExternRef) -> Val {
        Val::ExternRef(Some(e))
    }
}
impl From<Option<ExternRef>> for Val {
    fn from(e: Option<ExternRef>) -> Val {
        Val::ExternRef(e)
    }
}
impl From<AnyRef> for Val {
    fn from(e: AnyRef) -> Val {
        Val::AnyRef(Some(e))
    }
}
impl From<Option<AnyRef>> for Val {
    fn from(e: Option<AnyRef>) -> Val {
        Val::AnyRef(e)
    }
}
impl From<ExnRef> for Val {
    fn from(e: ExnRef) -> Val {
        Val::ExnRef(Some(e))
    }
}
impl From<Option<ExnRef>> for Val {
    fn from(e: Option<ExnRef>) -> Val {
        Val::ExnRef(e)
    }
}
impl From<Ref> for Val {
    fn from(r: Ref) -> Val {
        match r {
            Ref::Func(f) => Val::FuncRef(f),
            Ref::Extern(e) => Val::ExternRef(e),
            Ref::Exn(e) => Val::ExnRef(e),
            Ref::Any(e) => Val::AnyRef(e),
        }
    }
}

/// A reference value: what a table holds (wasmtime's `Ref`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ref {
    /// A function reference, or null.
    Func(Option<Func>),
    /// An external reference, or null.
    Extern(Option<ExternRef>),
    /// An exception reference, or null.
    Exn(Option<ExnRef>),
    /// A reference of the `any` hierarchy, or null.
    Any(Option<AnyRef>),
}

impl Ref {
    /// The null reference of `heap_type`'s hierarchy.
    pub fn null(heap_type: &HeapType) -> Ref {
        match heap_type {
            HeapType::Extern | HeapType::NoExtern => Ref::Extern(None),
            HeapType::Exn | HeapType::NoExn => Ref::Exn(None),
            HeapType::Any
            | HeapType::Eq
            | HeapType::I31
            | HeapType::Struct
            | HeapType::Array
            | HeapType::None => Ref::Any(None),
            _ => Ref::Func(None),
        }
    }
    /// Whether this is a null reference.
    pub fn is_null(&self) -> bool {
        matches!(self, Ref::Func(None) | Ref::Extern(None) | Ref::Exn(None) | Ref::Any(None))
    }
    /// Whether this is a non-null reference.
    pub fn is_non_null(&self) -> bool {
        !self.is_null()
    }
    /// Whether this is an external reference (null or not).
    pub fn is_extern(&self) -> bool {
        matches!(self, Ref::Extern(_))
    }
    /// The external reference (`Some(None)` if null), if this is one.
    pub fn as_extern(&self) -> Option<Option<&ExternRef>> {
        if let Ref::Extern(e) = self { Some(e.as_ref()) } else { None }
    }
    /// The external reference, `None` if null.
    ///
    /// # Panics
    /// If this is not an external reference.
    pub fn unwrap_extern(&self) -> Option<&ExternRef> {
        self.as_extern().expect("Ref::unwrap_extern on non-extern reference")
    }
    /// Whether this is a function reference (null or not).
    pub fn is_func(&self) -> bool {
        matches!(self, Ref::Func(_))
    }
    /// The function reference (`Some(None)` if null), if this is one.
    pub fn as_func(&self) -> Option<Option<&Func>> {
        if let Ref::Func(f) = self { Some(f.as_ref()) } else { None }
    }
    /// The function reference, `None` if null.
    ///
    /// # Panics
    /// If this is not a function reference.
    pub fn unwrap_func(&self) -> Option<&Func> {
        self.as_func().expect("Ref::unwrap_func on non-func reference")
    }
    /// Whether this is a reference of the `any` hierarchy (null or not).
    pub fn is_any(&self) -> bool {
        matches!(self, Ref::Any(_))
    }
    /// The `any` reference (`Some(None)` if null), if this is one.
    pub fn as_any(&self) -> Option<Option<&AnyRef>> {
        if let Ref::Any(a) = self { Some(a.as_ref()) } else { None }
    }
    /// The `any` reference, `None` if null.
    ///
    /// # Panics
    /// If this is not a reference of the `any` hierarchy.
    pub fn unwrap_any(&self) -> Option<&AnyRef> {
        self.as_any().expect("Ref::unwrap_any on non-any reference")
    }
    /// Whether this is an exception reference (null or not).
    pub fn is_exn(&self) -> bool {
        matches!(self, Ref::Exn(_))
    }
    /// The exception reference (`Some(None)` if null), if this is one.
    pub fn as_exn(&self) -> Option<Option<&ExnRef>> {
        if let Ref::Exn(e) = self { Some(e.as_ref()) } else { None }
    }
    /// The exception reference, `None` if null.
    ///
    /// # Panics
    /// If this is not an exception reference.
    pub fn unwrap_exn(&self) -> Option<&ExnRef> {
        self.as_exn().expect("Ref::unwrap_exn on non-exn reference")
    }
    /// The type of this reference (the nullable type of its hierarchy).
    ///
    /// # Errors
    /// If it belongs to another store.
    pub fn ty(&self, store: impl AsContext) -> Result<RefType> {
        match Val::from(*self).ty(store)? {
            ValType::Ref(r) => Ok(r),
            _ => unreachable!("a reference has a reference type"),
        }
    }
    /// Whether this reference is of type `ty`.
    ///
    /// # Errors
    /// If it belongs to another store.
    pub fn matches_ty(&self, store: impl AsContext, ty: &RefType) -> Result<bool> {
        Val::from(*self).matches_ty(store, &ValType::Ref(*ty))
    }
}

impl From<Func> for Ref {
    fn from(f: Func) -> Ref {
        Ref::Func(Some(f))
    }
}
impl From<Option<Func>> for Ref {
    fn from(f: Option<Func>) -> Ref {
        Ref::Func(f)
    }
}
impl From<ExternRef> for Ref {
    fn from(e: ExternRef) -> Ref {
        Ref::Extern(Some(e))
    }
}
impl From<Option<ExternRef>> for Ref {
    fn from(e: Option<ExternRef>) -> Ref {
        Ref::Extern(e)
    }
}
impl From<AnyRef> for Ref {
    fn from(e: AnyRef) -> Ref {
        Ref::Any(Some(e))
    }
}
impl From<Option<AnyRef>> for Ref {
    fn from(e: Option<AnyRef>) -> Ref {
        Ref::Any(e)
    }
}
impl From<ExnRef> for Ref {
    fn from(e: ExnRef) -> Ref {
        Ref::Exn(Some(e))
    }
}
impl From<Option<ExnRef>> for Ref {
    fn from(e: Option<ExnRef>) -> Ref {
        Ref::Exn(e)
    }
}

/// Root the GC references among `vals` (any, extern and exception
/// references) in the store's current LIFO scope.
pub(crate) fn root_vals(inner: &mut StoreInner, vals: &[Val]) {
    for v in vals {
        match v {
            Val::AnyRef(Some(AnyRef { cell, .. }))
            | Val::ExternRef(Some(ExternRef { cell, .. }))
            | Val::ExnRef(Some(ExnRef { handle: cell, .. })) => inner.heap.root(*cell),
            _ => {}
        }
    }
}

/// Root the cells of GC reference types among `tys` (laid out as
/// [`Val::to_cells`] does) in the store's current LIFO scope.
pub(crate) fn root_cells(inner: &mut StoreInner, tys: &[ValType], cells: &[u64]) {
    let mut c = 0;
    for t in tys {
        if let ValType::Ref(r) = t
            && is_gc_heap(&inner.types, r.heap)
            && let Some(&x) = cells.get(c)
        {
            inner.heap.root(x);
        }
        c += 1 + usize::from(*t == ValType::V128);
    }
}

/// Whether references of heap type `h` (canonical) are GC heap cells (not
/// function references).
pub(crate) fn is_gc_heap(types: &crate::runtime::TypeRegistry, h: HeapType) -> bool {
    match h {
        HeapType::Func | HeapType::NoFunc => false,
        HeapType::Concrete(id) => types.func_type(id).is_none(),
        _ => true,
    }
}

/// Check that a reference of store `of` (if any) may be used with `store`.
fn check_store(store: &impl AsContext, of: Option<StoreId>) -> Result<()> {
    match of {
        Some(id) => store.as_context().inner.check(id),
        None => Ok(()),
    }
}

/// Whether `anyref` cell `c` (not null) is of heap type `h` (canonical).
pub(crate) fn any_is(store: &StoreInner, c: u64, h: HeapType) -> bool {
    use crate::runtime::Kind;
    if !crate::runtime::is_handle(c) {
        return matches!(h, HeapType::Any | HeapType::Eq | HeapType::I31);
    }
    let Some(o) = store.heap.get(c) else { return false };
    match (o.kind, h) {
        (_, HeapType::Any) => true,
        (Kind::Struct | Kind::Array, HeapType::Eq) => true,
        (Kind::Struct, HeapType::Struct) | (Kind::Array, HeapType::Array) => true,
        (Kind::Struct | Kind::Array, HeapType::Concrete(t)) => store.types.is_subtype(o.ty, t),
        _ => false,
    }
}

/// Check that `val` belongs to the store and has type `ty` (canonical: a
/// concrete heap type is a canonical id of the store's registry).
pub(crate) fn check_val(store: &StoreInner, val: &Val, ty: ValType) -> Result<()> {
    if val.store().is_some_and(|s| s != store.id) {
        return Err(Error::usage("reference from another store"));
    }
    let concrete_ok = match (val, ty) {
        (Val::FuncRef(Some(f)), ValType::Ref(RefType { heap: HeapType::Concrete(c), .. })) => {
            store.types.is_subtype(store.funcs[f.index as usize].sig, c)
        }
        (Val::AnyRef(Some(a)), ValType::Ref(r)) => any_is(store, a.cell, r.heap),
        _ => true,
    };
    if !val.matches(ty) || !concrete_ok {
        return Err(Error::usage(alloc::format!("expected a value of type {ty}, got {:?}", val)));
    }
    Ok(())
}
