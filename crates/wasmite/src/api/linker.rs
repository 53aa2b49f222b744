//! [`Linker<T>`]: named definitions (host functions and store objects) that
//! satisfy a module's imports by `module`/`name`.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use super::func::{Caller, HostFunc, IntoFunc};
use super::instance::{Extern, Instance, instantiate};
use super::store::{AsContext, AsContextMut};
use super::values::Val;
use crate::config::Engine;
use crate::error::{Error, Result};
use crate::module::Module;
use crate::types::FuncType;

enum Definition<T> {
    Extern(Extern),
    /// A host function not yet placed in a store (done on first use per store).
    HostFunc(FuncType, Arc<HostFunc<T>>),
}

impl<T> Clone for Definition<T> {
    fn clone(&self) -> Self {
        match self {
            Definition::Extern(e) => Definition::Extern(*e),
            Definition::HostFunc(t, f) => Definition::HostFunc(t.clone(), f.clone()),
        }
    }
}

/// Resolves imports by name and instantiates modules.
pub struct Linker<T> {
    engine: Engine,
    defs: BTreeMap<(String, String), Definition<T>>,
    allow_shadowing: bool,
}

impl<T> Linker<T> {
    /// An empty linker.
    pub fn new(engine: &Engine) -> Self {
        Linker { engine: engine.clone(), defs: BTreeMap::new(), allow_shadowing: false }
    }

    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Whether a later definition of the same name replaces an earlier one
    /// (default: it is an error).
    pub fn allow_shadowing(&mut self, allow: bool) -> &mut Self {
        self.allow_shadowing = allow;
        self
    }

    fn insert(&mut self, module: &str, name: &str, def: Definition<T>) -> Result<&mut Self> {
        let key = (String::from(module), String::from(name));
        if !self.allow_shadowing && self.defs.contains_key(&key) {
            return Err(Error::link(format!("`{module}`::`{name}` is already defined")));
        }
        self.defs.insert(key, def);
        Ok(self)
    }

    /// Define `module`::`name` as a host function from a Rust closure.
    ///
    /// # Errors
    /// If the name is already defined and shadowing is off.
    pub fn func_wrap<Params, Results>(
        &mut self,
        module: &str,
        name: &str,
        f: impl IntoFunc<T, Params, Results>,
    ) -> Result<&mut Self> {
        let (ty, host) = f.into_func();
        self.insert(module, name, Definition::HostFunc(ty, host))
    }

    /// Define `module`::`name` as a host function of type `ty` on [`Val`]s.
    ///
    /// # Errors
    /// If the name is already defined and shadowing is off.
    pub fn func_new(
        &mut self,
        module: &str,
        name: &str,
        ty: FuncType,
        f: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<()> + Send + Sync + 'static,
    ) -> Result<&mut Self>
    where
        T: 'static,
    {
        let host = super::func::val_host_func(ty.clone(), f);
        self.insert(module, name, Definition::HostFunc(ty, host))
    }

    /// Define `module`::`name` as `item`, an object of a store.
    ///
    /// # Errors
    /// If the name is already defined and shadowing is off.
    pub fn define(
        &mut self,
        _store: impl AsContext<Data = T>,
        module: &str,
        name: &str,
        item: impl Into<Extern>,
    ) -> Result<&mut Self> {
        self.insert(module, name, Definition::Extern(item.into()))
    }

    /// Define every export of `instance` under module name `module`.
    ///
    /// # Errors
    /// If a name is already defined and shadowing is off.
    pub fn instance(
        &mut self,
        store: impl AsContext<Data = T>,
        module: &str,
        instance: Instance,
    ) -> Result<&mut Self> {
        let exports: Vec<(String, Extern)> =
            instance.exports(&store).map(|e| (String::from(e.name()), e.into_extern())).collect();
        for (name, ext) in exports {
            self.insert(module, &name, Definition::Extern(ext))?;
        }
        Ok(self)
    }

    /// The definition of `module`::`name`, placing a host function in `store` if needed.
    ///
    /// # Errors
    /// A link error if the name is not defined.
    pub fn get(
        &self,
        mut store: impl AsContextMut<Data = T>,
        module: &str,
        name: &str,
    ) -> Result<Extern> {
        match self.defs.get(&(String::from(module), String::from(name))) {
            Some(Definition::Extern(e)) => Ok(*e),
            Some(Definition::HostFunc(ty, f)) => {
                Ok(Extern::Func(store.as_context_mut().add_host_func(ty.clone(), f.clone())))
            }
            None => Err(Error::link(format!(
                "unknown import: `{module}`::`{name}` has not been defined"
            ))),
        }
    }

    /// Instantiate `module`, resolving its imports from this linker.
    ///
    /// # Errors
    /// A link error for a missing or mistyped import; otherwise as [`Instance::new`].
    pub fn instantiate(
        &self,
        mut store: impl AsContextMut<Data = T>,
        module: &Module,
    ) -> Result<Instance> {
        let store = store.as_context_mut();
        let mut imports = Vec::with_capacity(module.imports().len());
        for import in module.imports() {
            imports.push(self.get(&mut *store, import.module(), import.name())?);
        }
        instantiate(store, module, &imports)
    }
}
