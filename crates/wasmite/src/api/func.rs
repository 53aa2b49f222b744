//! Functions: [`Func`] handles, calls from the host ([`Func::call`],
//! [`TypedFunc::call`]), host functions ([`Func::new`], [`Func::wrap`]) and
//! the [`Caller`] they receive.
//!
//! Calls go through `call_cells`, the one driver loop: it runs the executor
//! until it finishes or asks for a host call, performs the host call with a
//! `Caller` on the whole store, and resumes.

use alloc::sync::Arc;
use alloc::vec;
use alloc::vec::Vec;
use core::marker::PhantomData;

pub(crate) use super::call::call_cells;
use super::instance::Extern;
use super::store::{AsContext, AsContextMut, Store};
use super::values::{AnyRef, ExnRef, ExternRef, V128, Val, check_val, root_cells, root_vals};
use crate::config::Engine;
use crate::error::{Error, Result};
use crate::exec::StoreId;
use crate::types::{FuncType, HeapType, RefType, ValType};

impl FuncType {
    /// A function type with these parameters and results, as wasmtime's
    /// `FuncType::new(&engine, params, results)`. The engine is not needed
    /// here (a type that names a concrete type index is checked against a
    /// store's registry when it is used, e.g. by [`Func::new`]); it is taken
    /// so that code written for wasmtime ports unchanged.
    pub fn new(
        _engine: &Engine,
        params: impl IntoIterator<Item = ValType>,
        results: impl IntoIterator<Item = ValType>,
    ) -> Self {
        FuncType::from_types(params, results)
    }
}

/// A host function on raw cells: parameters in, results out, in one slice of
/// length `max(params, results)`.
pub(crate) type HostFunc<T> = dyn Fn(Caller<'_, T>, &mut [u64]) -> Result<()> + Send + Sync;

/// A handle to a function (Wasm or host) in a store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Func {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

/// What a host function gets: the store (its data and the calling instance's exports).
pub struct Caller<'a, T> {
    pub(crate) store: &'a mut Store<T>,
    pub(crate) instance: Option<u32>,
}

impl<T> Caller<'_, T> {
    /// Throw `exn` into the Wasm code that called this host function
    /// ([`Store::throw`]): `return caller.throw(exn)`.
    ///
    /// # Errors
    /// Always: [`ThrownException`](crate::ThrownException).
    pub fn throw<R>(&mut self, exn: ExnRef) -> core::result::Result<R, crate::ThrownException> {
        self.store.throw(exn)
    }
    /// The store's user data.
    pub fn data(&self) -> &T {
        self.store.data()
    }
    /// The store's user data, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        self.store.data_mut()
    }
    /// An export of the calling instance (`None` when called directly from the host).
    pub fn get_export(&self, name: &str) -> Option<Extern> {
        let inst = self.instance?;
        self.store.exports[inst as usize].get(name)
    }
    /// The engine.
    pub fn engine(&self) -> &Engine {
        self.store.engine()
    }
    /// The fuel the store has left (see [`Store::get_fuel`]).
    ///
    /// # Errors
    /// If the engine does not consume fuel.
    pub fn get_fuel(&self) -> Result<u64> {
        self.store.get_fuel()
    }
    /// Set the fuel the store has left (see [`Store::set_fuel`]).
    ///
    /// # Errors
    /// If the engine does not consume fuel.
    pub fn set_fuel(&mut self, fuel: u64) -> Result<()> {
        self.store.set_fuel(fuel)
    }
    /// Collect the GC heap now (see [`Store::gc`]): the frames of the Wasm
    /// code that called this host function are roots, and so are this
    /// call's parameters.
    pub fn gc(&mut self) {
        self.store.gc();
    }
}

impl Func {
    /// A host function of type `ty` working on [`Val`]s: `f(caller, params, results)`.
    pub fn new<T>(
        mut store: impl AsContextMut<Data = T>,
        ty: FuncType,
        f: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<()> + Send + Sync + 'static,
    ) -> Func {
        let store = store.as_context_mut();
        let host = val_host_func(ty.clone(), f);
        store.add_host_func(ty, host)
    }

    /// A host function from a Rust closure with typed parameters and results;
    /// it may take a [`Caller`] as its first parameter.
    pub fn wrap<T, Params, Results>(
        mut store: impl AsContextMut<Data = T>,
        f: impl IntoFunc<T, Params, Results>,
    ) -> Func {
        let (ty, host) = f.into_func();
        store.as_context_mut().add_host_func(ty, host)
    }

    /// The function's type.
    pub fn ty(&self, store: impl AsContext) -> FuncType {
        let inner = &store.as_context().inner;
        assert_eq!(inner.id, self.store, "function used with a foreign store");
        inner.funcs[self.index as usize].ty.clone()
    }

    /// Call the function with `params`, writing its results into `results`.
    ///
    /// # Errors
    /// A trap, a host error, or argument/result count or type mismatches.
    pub fn call(
        &self,
        mut store: impl AsContextMut,
        params: &[Val],
        results: &mut [Val],
    ) -> Result<()> {
        let store = store.as_context_mut();
        let mut cells = self.params_to_cells(store, params, results.len())?;
        call_cells(store, self.index, &mut cells)?;
        super::call::cells_to_results(store, self.index, &cells, results);
        Ok(())
    }

    /// Call the function so that running out of fuel, or a host function
    /// returning an error, suspends the call instead of ending it; resume it
    /// with [`ResumableInvocation::resume`](crate::ResumableInvocation::resume).
    ///
    /// # Errors
    /// A trap, or argument/result count or type mismatches.
    pub fn call_resumable(
        &self,
        mut store: impl AsContextMut,
        params: &[Val],
        results: &mut [Val],
    ) -> Result<super::call::ResumableCall> {
        let store = store.as_context_mut();
        let cells = self.params_to_cells(store, params, results.len())?;
        super::call::start_resumable(store, *self, cells, results)
    }

    pub(crate) fn params_to_cells<T>(
        &self,
        store: &Store<T>,
        params: &[Val],
        num_results: usize,
    ) -> Result<Vec<u64>> {
        store.inner.check(self.store)?;
        let ty = &store.inner.funcs[self.index as usize].ty;
        if params.len() != ty.params().len() {
            return Err(Error::usage(alloc::format!(
                "expected {} arguments, got {}",
                ty.params().len(),
                params.len()
            )));
        }
        if num_results != ty.results().len() {
            return Err(Error::usage(alloc::format!(
                "expected {} results, got space for {num_results}",
                ty.results().len(),
            )));
        }
        for (p, t) in params.iter().zip(ty.params()) {
            check_val(&store.inner, p, *t)?;
        }
        if ty.has_v128() {
            let n =
                crate::types::cell_count(ty.params()).max(crate::types::cell_count(ty.results()));
            let mut cells = vec![0u64; n];
            Val::to_cells(params, &mut cells);
            return Ok(cells);
        }
        let mut cells = vec![0u64; params.len().max(num_results)];
        for (p, c) in params.iter().zip(cells.iter_mut()) {
            *c = p.to_cell();
        }
        Ok(cells)
    }

    /// A typed view of this function.
    ///
    /// # Errors
    /// If the function's type is not `Params -> Results`.
    pub fn typed<Params: WasmTyList, Results: WasmTyList>(
        &self,
        store: impl AsContext,
    ) -> Result<TypedFunc<Params, Results>> {
        let ty = self.ty(&store);
        let want = FuncType::from_types(Params::types(), Results::types());
        if ty != want {
            return Err(Error::usage(alloc::format!(
                "function type mismatch: the function is {ty}, asked for {want}"
            )));
        }
        Ok(TypedFunc { func: *self, _marker: PhantomData })
    }
}

pub(crate) fn val_host_func<T>(
    ty: FuncType,
    f: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<()> + Send + Sync + 'static,
) -> Arc<HostFunc<T>> {
    Arc::new(move |caller: Caller<'_, T>, cells: &mut [u64]| {
        let Caller { store, instance } = caller;
        let mut params: Vec<Val> = ty.params().iter().map(|t| Val::default_of(*t)).collect();
        Val::from_cells(&store.inner, ty.params(), cells, &mut params);
        // (Until the call returns: it runs in a scope of its own.)
        root_vals(&mut store.inner, &params);
        let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_of(*t)).collect();
        f(Caller { store: &mut *store, instance }, &params, &mut results)?;
        for (r, t) in results.iter().zip(ty.results()) {
            check_val(&store.inner, r, *t).map_err(|e| {
                Error::msg(alloc::format!("host function returned a bad result: {e}"))
            })?;
        }
        Val::to_cells(&results, cells);
        Ok(())
    })
}

/// A function with statically known parameter and result types.
#[derive(Debug)]
pub struct TypedFunc<Params, Results> {
    func: Func,
    _marker: PhantomData<fn(Params) -> Results>,
}

impl<P, R> Clone for TypedFunc<P, R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P, R> Copy for TypedFunc<P, R> {}

impl<Params: WasmTyList, Results: WasmTyList> TypedFunc<Params, Results> {
    /// Call the function.
    ///
    /// # Errors
    /// A trap or a host error.
    pub fn call(&self, mut store: impl AsContextMut, params: Params) -> Result<Results> {
        let store = store.as_context_mut();
        store.inner.check(self.func.store)?;
        if Params::GC_REFS && !refs_ok(&store.inner, &params) {
            return Err(Error::usage(
                "a reference argument belongs to another store, or its object was collected",
            ));
        }
        let mut buf = [0u64; 16];
        let n = Params::CELLS.max(Results::CELLS);
        let mut heap;
        let cells: &mut [u64] = if n <= 16 {
            &mut buf[..n]
        } else {
            heap = vec![0u64; n];
            &mut heap
        };
        params.store_cells(cells);
        call_cells(store, self.func.index, cells)?;
        if Results::GC_REFS {
            root_cells(&mut store.inner, &Results::types(), cells);
        }
        Ok(Results::load_cells(store.inner.id, cells))
    }
    /// The untyped function.
    pub fn func(&self) -> &Func {
        &self.func
    }
}

/// A Rust type that maps to a Wasm value type.
pub trait WasmTy: Copy + Send + Sync + 'static {
    /// The Wasm type.
    fn ty() -> ValType;
    #[doc(hidden)]
    fn to_cell(self) -> u64;
    #[doc(hidden)]
    fn from_cell(store: StoreId, c: u64) -> Self;
    /// Takes two cells (a `v128`: `to_cell` is the low half).
    #[doc(hidden)]
    const WIDE: bool = false;
    /// The high half of a wide value.
    #[doc(hidden)]
    fn high_cell(self) -> u64 {
        0
    }
    /// A wide value from its halves.
    #[doc(hidden)]
    fn from_cells(store: StoreId, lo: u64, _hi: u64) -> Self {
        Self::from_cell(store, lo)
    }
    /// Is a GC reference (rooted when a call returns it; checked to belong
    /// to the store, and to be alive, when passed).
    #[doc(hidden)]
    const GC_REF: bool = false;
    /// A non-null GC reference's store and cell.
    #[doc(hidden)]
    fn gc_ref(&self) -> Option<(StoreId, u64)> {
        None
    }
}

impl WasmTy for V128 {
    fn ty() -> ValType {
        ValType::V128
    }
    fn to_cell(self) -> u64 {
        self.as_u128() as u64
    }
    fn from_cell(_store: StoreId, c: u64) -> Self {
        V128::from(u128::from(c))
    }
    const WIDE: bool = true;
    fn high_cell(self) -> u64 {
        (self.as_u128() >> 64) as u64
    }
    fn from_cells(_store: StoreId, lo: u64, hi: u64) -> Self {
        V128::from(u128::from(lo) | u128::from(hi) << 64)
    }
}

macro_rules! wasm_ty {
    ($t:ty, $vt:expr, |$s:ident| $to:expr, |$c:ident| $from:expr) => {
        impl WasmTy for $t {
            fn ty() -> ValType {
                $vt
            }
            fn to_cell(self) -> u64 {
                let $s = self;
                $to
            }
            fn from_cell(_store: StoreId, $c: u64) -> Self {
                $from
            }
        }
    };
}
wasm_ty!(i32, ValType::I32, |v| v as u32 as u64, |c| c as u32 as i32);
wasm_ty!(u32, ValType::I32, |v| v as u64, |c| c as u32);
wasm_ty!(i64, ValType::I64, |v| v as u64, |c| c as i64);
wasm_ty!(u64, ValType::I64, |v| v, |c| c);
wasm_ty!(f32, ValType::F32, |v| v.to_bits() as u64, |c| f32::from_bits(c as u32));
wasm_ty!(f64, ValType::F64, |v| v.to_bits(), |c| f64::from_bits(c));

impl WasmTy for Option<Func> {
    fn ty() -> ValType {
        ValType::FUNCREF
    }
    fn to_cell(self) -> u64 {
        self.map_or(0, |f| f.index as u64 + 1)
    }
    fn from_cell(store: StoreId, c: u64) -> Self {
        c.checked_sub(1).map(|i| Func { store, index: i as u32 })
    }
}
impl WasmTy for Option<ExternRef> {
    fn ty() -> ValType {
        ValType::EXTERNREF
    }
    fn to_cell(self) -> u64 {
        self.map_or(0, |f| f.cell)
    }
    fn from_cell(store: StoreId, c: u64) -> Self {
        (c != 0).then_some(ExternRef { store, cell: c })
    }
    const GC_REF: bool = true;
    fn gc_ref(&self) -> Option<(StoreId, u64)> {
        self.map(|e| (e.store, e.cell))
    }
}
impl WasmTy for Option<AnyRef> {
    fn ty() -> ValType {
        ValType::Ref(RefType { nullable: true, heap: HeapType::Any })
    }
    fn to_cell(self) -> u64 {
        self.map_or(0, |a| a.cell)
    }
    fn from_cell(store: StoreId, c: u64) -> Self {
        (c != 0).then_some(AnyRef { store, cell: c })
    }
    const GC_REF: bool = true;
    fn gc_ref(&self) -> Option<(StoreId, u64)> {
        self.map(|a| (a.store, a.cell))
    }
}
impl WasmTy for Option<ExnRef> {
    fn ty() -> ValType {
        ValType::Ref(RefType { nullable: true, heap: HeapType::Exn })
    }
    fn to_cell(self) -> u64 {
        self.map_or(0, |e| e.handle)
    }
    fn from_cell(store: StoreId, c: u64) -> Self {
        (c != 0).then_some(ExnRef { store, handle: c })
    }
    const GC_REF: bool = true;
    fn gc_ref(&self) -> Option<(StoreId, u64)> {
        self.map(|e| (e.store, e.handle))
    }
}

/// Whether the GC references in `vals` belong to the store and are alive.
fn refs_ok<L: WasmTyList>(inner: &crate::exec::StoreInner, vals: &L) -> bool {
    vals.all_refs(&mut |s, c| {
        s == inner.id && (!crate::runtime::is_handle(c) || inner.heap.get(c).is_some())
    })
}

/// Check the references a typed host function returns (see [`refs_ok`]).
fn check_results<L: WasmTyList>(inner: &crate::exec::StoreInner, r: &L) -> Result<()> {
    if L::GC_REFS && !refs_ok(inner, r) {
        return Err(Error::msg(
            "host function returned a reference from another store, or a collected one",
        ));
    }
    Ok(())
}

/// A list of Wasm values as a Rust type: `()`, a single [`WasmTy`], or a tuple of them.
pub trait WasmTyList: Sized + Send + Sync + 'static {
    /// Number of values.
    const LEN: usize;
    /// Number of cells they take (a `v128` takes two).
    #[doc(hidden)]
    const CELLS: usize;
    /// Their Wasm types.
    fn types() -> Vec<ValType>;
    #[doc(hidden)]
    fn store_cells(self, cells: &mut [u64]);
    #[doc(hidden)]
    fn load_cells(store: StoreId, cells: &[u64]) -> Self;
    /// Holds a GC reference type.
    #[doc(hidden)]
    const GC_REFS: bool;
    /// Whether `ok` holds for the store and cell of every non-null GC
    /// reference.
    #[doc(hidden)]
    fn all_refs(&self, ok: &mut dyn FnMut(StoreId, u64) -> bool) -> bool;
}

impl<A: WasmTy> WasmTyList for A {
    const LEN: usize = 1;
    const CELLS: usize = 1 + A::WIDE as usize;
    fn types() -> Vec<ValType> {
        vec![A::ty()]
    }
    fn store_cells(self, cells: &mut [u64]) {
        cells[0] = self.to_cell();
        if A::WIDE {
            cells[1] = self.high_cell();
        }
    }
    fn load_cells(store: StoreId, cells: &[u64]) -> Self {
        if A::WIDE {
            A::from_cells(store, cells[0], cells[1])
        } else {
            A::from_cell(store, cells[0])
        }
    }
    const GC_REFS: bool = A::GC_REF;
    fn all_refs(&self, ok: &mut dyn FnMut(StoreId, u64) -> bool) -> bool {
        self.gc_ref().is_none_or(|(s, c)| ok(s, c))
    }
}

/// What a host closure may return: values, or a `Result` of them.
pub trait HostResult: Send + Sync + 'static {
    /// The values' list type.
    type List: WasmTyList;
    #[doc(hidden)]
    fn into_result(self) -> Result<Self::List>;
}
impl<L: WasmTyList> HostResult for L {
    type List = L;
    fn into_result(self) -> Result<L> {
        Ok(self)
    }
}
impl<L: WasmTyList> HostResult for Result<L> {
    type List = L;
    fn into_result(self) -> Result<L> {
        self
    }
}

/// A Rust closure usable as a host function (see [`Func::wrap`], [`crate::Linker::func_wrap`]).
pub trait IntoFunc<T, Params, Results>: Send + Sync + 'static {
    #[doc(hidden)]
    fn into_func(self) -> (FuncType, Arc<HostFunc<T>>);
}

/// Marker for closures taking a [`Caller`] first.
#[doc(hidden)]
pub struct WithCaller<P>(PhantomData<P>);

macro_rules! tuples {
    ($($n:literal: $($a:ident)*;)*) => {$(
        #[allow(non_snake_case, unused_variables, unused_mut, unused_assignments)]
        impl<$($a: WasmTy),*> WasmTyList for ($($a,)*) {
            const LEN: usize = $n;
            const CELLS: usize = 0 $( + 1 + $a::WIDE as usize )*;
            const GC_REFS: bool = false $( || $a::GC_REF )*;
            fn all_refs(&self, ok: &mut dyn FnMut(StoreId, u64) -> bool) -> bool {
                let ($($a,)*) = self;
                true $( && $a.gc_ref().is_none_or(|(s, c)| ok(s, c)) )*
            }
            fn types() -> Vec<ValType> { vec![$($a::ty()),*] }
            fn store_cells(self, cells: &mut [u64]) {
                let ($($a,)*) = self;
                let mut i = 0;
                $(
                    cells[i] = $a.to_cell();
                    if $a::WIDE {
                        cells[i + 1] = $a.high_cell();
                    }
                    i += 1 + $a::WIDE as usize;
                )*
            }
            #[allow(clippy::unused_unit)]
            fn load_cells(store: StoreId, cells: &[u64]) -> Self {
                let mut i = 0;
                ($( {
                    let v = if $a::WIDE {
                        $a::from_cells(store, cells[i], cells[i + 1])
                    } else {
                        $a::from_cell(store, cells[i])
                    };
                    i += 1 + $a::WIDE as usize;
                    v
                }, )*)
            }
        }

        #[allow(non_snake_case, unused_variables, unused_mut, unused_assignments)]
        impl<T, F, R, $($a: WasmTy),*> IntoFunc<T, ($($a,)*), R> for F
        where F: Fn($($a),*) -> R + Send + Sync + 'static, R: HostResult {
            fn into_func(self) -> (FuncType, Arc<HostFunc<T>>) {
                let ty = FuncType::from_types(vec![$($a::ty()),*], R::List::types());
                let f = move |caller: Caller<'_, T>, cells: &mut [u64]| {
                    let id = caller.store.inner.id;
                    let ($($a,)*) = <($($a,)*)>::load_cells(id, cells);
                    let r = (self)($($a),*).into_result()?;
                    check_results(&caller.store.inner, &r)?;
                    r.store_cells(cells);
                    Ok(())
                };
                (ty, Arc::new(f))
            }
        }

        #[allow(non_snake_case, unused_variables, unused_mut, unused_assignments)]
        impl<T, F, R, $($a: WasmTy),*> IntoFunc<T, WithCaller<($($a,)*)>, R> for F
        where F: Fn(Caller<'_, T>, $($a),*) -> R + Send + Sync + 'static, R: HostResult {
            fn into_func(self) -> (FuncType, Arc<HostFunc<T>>) {
                let ty = FuncType::from_types(vec![$($a::ty()),*], R::List::types());
                let f = move |caller: Caller<'_, T>, cells: &mut [u64]| {
                    let Caller { store, instance } = caller;
                    let ($($a,)*) = <($($a,)*)>::load_cells(store.inner.id, cells);
                    let r = (self)(Caller { store: &mut *store, instance }, $($a),*)
                        .into_result()?;
                    check_results(&store.inner, &r)?;
                    r.store_cells(cells);
                    Ok(())
                };
                (ty, Arc::new(f))
            }
        }
    )*};
}

tuples! {
    0: ;
    1: A1;
    2: A1 A2;
    3: A1 A2 A3;
    4: A1 A2 A3 A4;
    5: A1 A2 A3 A4 A5;
    6: A1 A2 A3 A4 A5 A6;
    7: A1 A2 A3 A4 A5 A6 A7;
    8: A1 A2 A3 A4 A5 A6 A7 A8;
    9: A1 A2 A3 A4 A5 A6 A7 A8 A9;
    10: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10;
    11: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11;
    12: A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11 A12;
}
