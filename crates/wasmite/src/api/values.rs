//! Runtime values as the embedder sees them ([`Val`]), and their raw 64-bit
//! cell encoding inside the engine.
//!
//! Inside the engine every value is an untyped `u64` cell: `i32`/`f32` are kept
//! zero-extended (so reinterpretations are free), references are
//! `store index + 1` with `0` for null.

use super::func::Func;
use crate::error::{Error, Result};
use crate::exec::{StoreId, StoreInner};
use crate::types::{HeapType, RefType, ValType};

/// A host value referenced from Wasm through `externref`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExternRef {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
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
    V128(u128),
    /// A function reference, or null.
    FuncRef(Option<Func>),
    /// An external reference, or null.
    ExternRef(Option<ExternRef>),
}

impl Val {
    /// An `f32` value.
    pub fn f32(v: f32) -> Val {
        Val::F32(v.to_bits())
    }
    /// An `f64` value.
    pub fn f64(v: f64) -> Val {
        Val::F64(v.to_bits())
    }
    /// The type of this value.
    pub fn ty(&self) -> ValType {
        match self {
            Val::I32(_) => ValType::I32,
            Val::I64(_) => ValType::I64,
            Val::F32(_) => ValType::F32,
            Val::F64(_) => ValType::F64,
            Val::V128(_) => ValType::V128,
            Val::FuncRef(_) => ValType::FUNCREF,
            Val::ExternRef(_) => ValType::EXTERNREF,
        }
    }
    /// The default (zero or null) value of a type.
    pub fn default_for(ty: ValType) -> Val {
        match ty {
            ValType::I32 => Val::I32(0),
            ValType::I64 => Val::I64(0),
            ValType::F32 => Val::F32(0),
            ValType::F64 => Val::F64(0),
            ValType::V128 => Val::V128(0),
            ValType::Ref(r) => null_of(r),
        }
    }
    /// The `i32`, if this is one.
    pub fn i32(&self) -> Option<i32> {
        if let Val::I32(v) = self { Some(*v) } else { None }
    }
    /// The `i64`, if this is one.
    pub fn i64(&self) -> Option<i64> {
        if let Val::I64(v) = self { Some(*v) } else { None }
    }
    /// The `f32`, if this is one.
    pub fn as_f32(&self) -> Option<f32> {
        if let Val::F32(v) = self { Some(f32::from_bits(*v)) } else { None }
    }
    /// The `f64`, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        if let Val::F64(v) = self { Some(f64::from_bits(*v)) } else { None }
    }
    /// The function reference, if this is a `funcref`.
    pub fn funcref(&self) -> Option<Option<&Func>> {
        if let Val::FuncRef(f) = self { Some(f.as_ref()) } else { None }
    }
    /// The extern reference, if this is an `externref`.
    pub fn externref(&self) -> Option<Option<&ExternRef>> {
        if let Val::ExternRef(f) = self { Some(f.as_ref()) } else { None }
    }

    /// Encode as a raw cell (the caller has checked the store of references).
    pub(crate) fn to_cell(self) -> u64 {
        match self {
            Val::I32(v) => v as u32 as u64,
            Val::I64(v) => v as u64,
            Val::F32(v) => v as u64,
            Val::F64(v) => v,
            Val::V128(v) => v as u64,
            Val::FuncRef(f) => f.map_or(0, |f| f.index as u64 + 1),
            Val::ExternRef(e) => e.map_or(0, |e| e.index as u64 + 1),
        }
    }

    /// Decode a raw cell of type `ty` from store `store`.
    pub(crate) fn from_cell(store: StoreId, ty: ValType, c: u64) -> Val {
        match ty {
            ValType::I32 => Val::I32(c as u32 as i32),
            ValType::I64 => Val::I64(c as i64),
            ValType::F32 => Val::F32(c as u32),
            ValType::F64 => Val::F64(c),
            ValType::V128 => Val::V128(c as u128),
            ValType::Ref(r) => match r.heap {
                HeapType::Extern | HeapType::NoExtern => {
                    Val::ExternRef(c.checked_sub(1).map(|i| ExternRef { store, index: i as u32 }))
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
            (Val::ExternRef(e), ValType::Ref(r)) => {
                matches!(r.heap, HeapType::Extern | HeapType::NoExtern)
                    && (e.is_some() || r.nullable)
                    && (e.is_none() || r.heap == HeapType::Extern)
            }
            _ => self.ty() == ty,
        }
    }
}

fn null_of(r: RefType) -> Val {
    match r.heap {
        HeapType::Extern | HeapType::NoExtern => Val::ExternRef(None),
        _ => Val::FuncRef(None),
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
        Val::f32(v)
    }
}
impl From<f64> for Val {
    fn from(v: f64) -> Val {
        Val::f64(v)
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
        _ => true,
    };
    if !val.matches(ty) || !concrete_ok {
        return Err(Error::usage(alloc::format!("expected a value of type {ty}, got {:?}", val)));
    }
    Ok(())
}
