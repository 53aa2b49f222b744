//! [`Store<T>`]: owns every runtime object (functions, memories, tables,
//! globals, instances, segments, extern values) and the execution stack.
//!
//! Objects live in arenas indexed by `u32`; the public handles ([`Func`],
//! [`Memory`], …) are a store id plus an index, so they are `Copy` and a handle
//! used with the wrong store is an error rather than undefined behaviour.

use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::any::Any;

use super::func::{Caller, Func, HostFunc};
use super::instance::Exports;
use super::values::{ExnRef, ExternRef};
use crate::config::Engine;
use crate::error::{Error, Result};
use crate::exec::{FuncEntity, FuncKind, StoreInner};
use crate::limits::ResourceLimiter;
use crate::types::FuncType;

/// All runtime state of one or more instances, plus user data `T` that host
/// functions can reach through [`Caller::data`].
pub struct Store<T> {
    pub(crate) inner: StoreInner,
    pub(crate) host_funcs: Vec<Arc<HostFunc<T>>>,
    /// Each instance's exports, by store instance index (API-level values,
    /// so they live here and not in the executor's `InstanceEntity`).
    pub(crate) exports: Vec<Exports>,
    data: T,
    limiter: Option<LimiterFn<T>>,
    /// What to do when the epoch deadline is reached (`None`: trap).
    pub(crate) epoch_callback: Option<EpochCallback<T>>,
}

type LimiterFn<T> = Box<dyn (FnMut(&mut T) -> &mut dyn ResourceLimiter) + Send + Sync>;
pub(crate) type EpochCallback<T> =
    Box<dyn FnMut(StoreContextMut<'_, T>) -> Result<UpdateDeadline> + Send + Sync>;

/// A store borrowed for reading: what wasmtime calls `StoreContext`. In
/// wasmite it is a plain reference, so code naming the type ports as is.
pub type StoreContext<'a, T> = &'a Store<T>;

/// A store borrowed for writing: what wasmtime calls `StoreContextMut` (the
/// argument of [`Store::epoch_deadline_callback`]'s callback, the result of
/// [`AsContextMut::as_context_mut`]).
pub type StoreContextMut<'a, T> = &'a mut Store<T>;

/// What an [`epoch_deadline_callback`](Store::epoch_deadline_callback)
/// asks for when the epoch deadline is reached.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateDeadline {
    /// Stop: the call traps with [`Trap::Interrupt`](crate::Trap::Interrupt)
    /// (a resumable call is suspended), the deadline unchanged.
    Interrupt,
    /// Go on, with the deadline this many ticks after the current epoch.
    Continue(u64),
}

impl<T> Store<T> {
    /// A new store for `engine` holding `data`.
    pub fn new(engine: &Engine, data: T) -> Self {
        Store {
            inner: StoreInner::new(engine),
            exports: Vec::new(),
            host_funcs: Vec::new(),
            data,
            limiter: None,
            epoch_callback: None,
        }
    }
    /// The engine this store belongs to.
    pub fn engine(&self) -> &Engine {
        &self.inner.engine
    }
    /// The user data.
    pub fn data(&self) -> &T {
        &self.data
    }
    /// The user data, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        &mut self.data
    }
    /// Consume the store, returning its user data.
    pub fn into_data(self) -> T {
        self.data
    }

    /// Install a resource limiter: `f` returns it from the store's data, e.g.
    /// `store.limiter(|data| &mut data.limits)` with a [`StoreLimits`](crate::StoreLimits) field.
    pub fn limiter(
        &mut self,
        f: impl (FnMut(&mut T) -> &mut dyn ResourceLimiter) + Send + Sync + 'static,
    ) {
        self.limiter = Some(Box::new(f));
    }

    pub(crate) fn inner_and_data_mut(&mut self) -> (&mut StoreInner, &mut T) {
        (&mut self.inner, &mut self.data)
    }

    /// The runtime state and the limiter, borrowed apart.
    pub(crate) fn split(&mut self) -> (&mut StoreInner, Option<&mut dyn ResourceLimiter>) {
        let limiter = match &mut self.limiter {
            Some(f) => Some(f(&mut self.data)),
            None => None,
        };
        (&mut self.inner, limiter)
    }

    /// Make `exn` the store's pending exception and return the error a
    /// host function returns to throw it into the Wasm code that called it
    /// (as wasmtime's `Store::throw`): `return store.throw(exn)`.
    ///
    /// # Errors
    /// Always: [`ThrownException`](crate::ThrownException).
    pub fn throw<R>(&mut self, exn: ExnRef) -> core::result::Result<R, crate::ThrownException> {
        self.inner.pending_exn = Some(exn.handle);
        Err(crate::ThrownException)
    }

    /// Take the exception a [`ThrownException`](crate::ThrownException)
    /// error stands for (after a call failed with one), rooted in the
    /// current scope (see [`RootScope`](crate::RootScope)).
    pub fn take_pending_exception(&mut self) -> Option<ExnRef> {
        let store = self.inner.id;
        let handle = self.inner.pending_exn.take()?;
        self.inner.heap.root(handle);
        Some(ExnRef { store, handle })
    }

    /// Collect the GC heap now: free every GC object (struct, array,
    /// exception, host value of an [`ExternRef`]) that neither the
    /// instances (globals, tables, element segments, the frames of running
    /// calls) nor the host's roots reach. The host's roots are the
    /// references the API handed out in a live [`RootScope`](crate::RootScope)
    /// (or outside any scope), and every live
    /// [`OwnedRooted`](crate::OwnedRooted); see
    /// [`RootScope`](crate::RootScope) for the rules.
    ///
    /// Collections also run on their own when Wasm code allocates. None
    /// runs while a [`ResumableInvocation`](crate::ResumableInvocation)
    /// is suspended (its values are outside the store): then this does
    /// nothing.
    pub fn gc(&mut self) {
        crate::exec::collect::collect(&mut self.inner, &[]);
    }

    /// How many objects the GC heap holds: those alive after the last
    /// collection plus those allocated since (a statistic, for tests and
    /// tuning; right after [`Store::gc`] it counts the live objects).
    pub fn gc_heap_objects(&self) -> usize {
        self.inner.heap.len()
    }

    /// Whether there is a pending exception
    /// ([`Store::take_pending_exception`]).
    pub fn has_pending_exception(&self) -> bool {
        self.inner.pending_exn.is_some()
    }

    /// Set the fuel the store has left.
    ///
    /// # Errors
    /// If the engine was not configured with [`Config::consume_fuel`](crate::Config::consume_fuel).
    pub fn set_fuel(&mut self, fuel: u64) -> Result<()> {
        self.check_fuel()?;
        self.inner.fuel = fuel;
        Ok(())
    }

    /// The fuel the store has left.
    ///
    /// # Errors
    /// If the engine was not configured with [`Config::consume_fuel`](crate::Config::consume_fuel).
    pub fn get_fuel(&self) -> Result<u64> {
        self.check_fuel()?;
        Ok(self.inner.fuel)
    }

    /// Set the epoch deadline `ticks_beyond_current` ticks of
    /// [`Engine::increment_epoch`] after the current epoch: Wasm code of
    /// this store stops at its next function entry or loop header once the
    /// engine's epoch reaches it (see [`Config::epoch_interruption`](crate::Config::epoch_interruption)).
    /// A store starts with a deadline of 0, always reached. Has no effect
    /// unless the engine has epoch interruption on.
    pub fn set_epoch_deadline(&mut self, ticks_beyond_current: u64) {
        let now = self.inner.engine.current_epoch();
        self.inner.epoch_deadline = now.saturating_add(ticks_beyond_current);
    }

    /// When the epoch deadline is reached, trap with
    /// [`Trap::Interrupt`](crate::Trap::Interrupt), or suspend a resumable
    /// call (the default; undoes [`Store::epoch_deadline_callback`]).
    pub fn epoch_deadline_trap(&mut self) {
        self.epoch_callback = None;
    }

    /// When the epoch deadline is reached, call `callback` with the store:
    /// it returns [`UpdateDeadline::Continue`] with a new deadline (the code
    /// goes on), [`UpdateDeadline::Interrupt`] (as [`Store::epoch_deadline_trap`]),
    /// or an error, which ends the call.
    pub fn epoch_deadline_callback(
        &mut self,
        callback: impl FnMut(StoreContextMut<'_, T>) -> Result<UpdateDeadline> + Send + Sync + 'static,
    ) {
        self.epoch_callback = Some(Box::new(callback));
    }

    fn check_fuel(&self) -> Result<()> {
        if self.inner.engine.config().consume_fuel {
            Ok(())
        } else {
            Err(Error::usage("fuel is not enabled: use Config::consume_fuel(true)"))
        }
    }

    pub(crate) fn add_host_func(&mut self, ty: FuncType, f: Arc<HostFunc<T>>) -> Func {
        let host = self.host_funcs.len() as u32;
        self.host_funcs.push(f);
        // A type the registry refuses (a concrete heap type that is not a
        // canonical id of this store) matches no `call_indirect`.
        let sig = self.inner.types.intern_func(&ty).unwrap_or(u32::MAX);
        let index = self.inner.funcs.len() as u32;
        self.inner.funcs.push(FuncEntity { sig, ty, kind: FuncKind::Host(host) });
        Func { store: self.inner.id, index }
    }
}

/// Read access to a store: implemented by [`Store`], [`Caller`],
/// [`RootScope`](crate::RootScope) and references to them.
pub trait AsContext {
    /// The store's user data type.
    type Data;
    /// The store.
    fn as_context(&self) -> &Store<Self::Data>;
    /// The store mutably, if this context holds it so (a `&Store` does
    /// not): where the GC references a read-only API call (such as
    /// [`Global::get`](crate::Global::get)) returns are rooted. Through a
    /// shared borrow they are not rooted.
    #[doc(hidden)]
    fn rooting_context(&mut self) -> Option<&mut Store<Self::Data>> {
        None
    }
}

/// Root the GC references among `vals` in the current scope of `store`,
/// if it is held mutably (see [`AsContext::rooting_context`]).
pub(crate) fn root_through(store: &mut impl AsContext, vals: &[super::values::Val]) {
    if let Some(s) = store.rooting_context() {
        super::values::root_vals(&mut s.inner, vals);
    }
}

/// Write access to a store: implemented by [`Store`], [`Caller`] and `&mut` references to them.
pub trait AsContextMut: AsContext {
    /// The store, mutably.
    fn as_context_mut(&mut self) -> &mut Store<Self::Data>;
}

impl<T> AsContext for Store<T> {
    type Data = T;
    fn as_context(&self) -> &Store<T> {
        self
    }
    fn rooting_context(&mut self) -> Option<&mut Store<T>> {
        Some(self)
    }
}
impl<T> AsContextMut for Store<T> {
    fn as_context_mut(&mut self) -> &mut Store<T> {
        self
    }
}
impl<S: AsContext + ?Sized> AsContext for &S {
    type Data = S::Data;
    fn as_context(&self) -> &Store<S::Data> {
        (**self).as_context()
    }
}
impl<S: AsContext + ?Sized> AsContext for &mut S {
    type Data = S::Data;
    fn as_context(&self) -> &Store<S::Data> {
        (**self).as_context()
    }
    fn rooting_context(&mut self) -> Option<&mut Store<S::Data>> {
        (**self).rooting_context()
    }
}
impl<S: AsContextMut + ?Sized> AsContextMut for &mut S {
    fn as_context_mut(&mut self) -> &mut Store<S::Data> {
        (**self).as_context_mut()
    }
}
impl<T> AsContext for Caller<'_, T> {
    type Data = T;
    fn as_context(&self) -> &Store<T> {
        self.store
    }
    fn rooting_context(&mut self) -> Option<&mut Store<T>> {
        Some(self.store)
    }
}
impl<T> AsContextMut for Caller<'_, T> {
    fn as_context_mut(&mut self) -> &mut Store<T> {
        self.store
    }
}

impl ExternRef {
    /// A new external reference holding `value`, a GC object of `store`,
    /// rooted in the current scope (see [`RootScope`](crate::RootScope)):
    /// a collection frees it (and drops `value`) once neither Wasm nor a
    /// root of the host reaches it. (A collection may run first, if the
    /// heap's budget is spent.)
    pub fn new<T: Any + Send + Sync>(mut store: impl AsContextMut, value: T) -> ExternRef {
        let inner = &mut store.as_context_mut().inner;
        if inner.heap.wants_collection() {
            crate::exec::collect::collect(inner, &[]);
        }
        let cell = inner.heap.alloc_host(Box::new(value));
        inner.heap.root(cell);
        ExternRef { store: inner.id, cell }
    }
    /// The host value, if it is a `T` (`None` as well once the object was
    /// collected, or if this reference is an `anyref` converted by
    /// `extern.convert_any`, or belongs to another store).
    pub fn data<'a, T: Any, S: AsContext + 'a>(&self, store: &'a S) -> Option<&'a T> {
        let inner = &store.as_context().inner;
        if inner.id != self.store {
            return None;
        }
        inner.heap.host(self.cell)?.downcast_ref()
    }
    /// The host value, to change, if it is a `T` (`None` as
    /// [`ExternRef::data`] gives it).
    pub fn data_mut<'a, T: Any, S: AsContextMut + 'a>(
        &self,
        store: &'a mut S,
    ) -> Option<&'a mut T> {
        let inner = &mut store.as_context_mut().inner;
        if inner.id != self.store {
            return None;
        }
        inner.heap.host_mut(self.cell)?.downcast_mut()
    }
}
