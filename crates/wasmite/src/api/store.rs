//! [`Store<T>`]: owns every runtime object (functions, memories, tables,
//! globals, instances, segments, extern values) and the execution stack.
//!
//! Objects live in arenas indexed by `u32`; the public handles ([`Func`],
//! [`Memory`], …) are a store id plus an index, so they are `Copy` and a handle
//! used with the wrong store is an error rather than undefined behaviour.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::any::Any;

use super::func::{Caller, Func, HostFunc};
use super::instance::Extern;
use super::values::ExternRef;
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
    pub(crate) exports: Vec<BTreeMap<String, Extern>>,
    data: T,
    limiter: Option<LimiterFn<T>>,
}

type LimiterFn<T> = Box<dyn (FnMut(&mut T) -> &mut dyn ResourceLimiter) + Send + Sync>;

impl<T> Store<T> {
    /// A new store for `engine` holding `data`.
    pub fn new(engine: &Engine, data: T) -> Self {
        Store {
            inner: StoreInner::new(engine),
            exports: Vec::new(),
            host_funcs: Vec::new(),
            data,
            limiter: None,
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

/// Read access to a store: implemented by [`Store`], [`Caller`] and references to them.
pub trait AsContext {
    /// The store's user data type.
    type Data;
    /// The store.
    fn as_context(&self) -> &Store<Self::Data>;
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
}
impl<T> AsContextMut for Caller<'_, T> {
    fn as_context_mut(&mut self) -> &mut Store<T> {
        self.store
    }
}

impl ExternRef {
    /// A new external reference holding `value`, owned by `store`.
    pub fn new<T: Any + Send + Sync>(mut store: impl AsContextMut, value: T) -> ExternRef {
        let inner = &mut store.as_context_mut().inner;
        let index = inner.externs.len() as u32;
        inner.externs.push(Box::new(value));
        ExternRef { store: inner.id, index }
    }
    /// The host value, if it is a `T`.
    pub fn data<'a, T: Any, S: AsContext + 'a>(&self, store: &'a S) -> Option<&'a T> {
        let inner = &store.as_context().inner;
        if inner.id != self.store {
            return None;
        }
        inner.externs.get(self.index as usize)?.downcast_ref()
    }
}
