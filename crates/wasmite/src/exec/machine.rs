//! The machine's state: every runtime object of a store, in arenas indexed
//! by `u32` ([`StoreInner`]), the part of `Store<T>` that does not depend on
//! the user data type. The executor runs on it; it names no API type (the
//! public handles and the exports live in `api/`).

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU64, Ordering};

use super::code::CompiledFunc;
use super::stack::Stack;
use crate::config::Engine;
use crate::error::{Error, Result};
use crate::runtime::{GcHeap, GlobalEntity, MemoryEntity, TableEntity, TypeRegistry};
use crate::types::FuncType;

/// Identifies a store; handles carry it so cross-store use is caught.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StoreId(u64);

impl StoreId {
    pub(crate) fn fresh() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        StoreId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// A function in the store.
pub(crate) struct FuncEntity {
    /// Its canonical type id in the store's [`TypeRegistry`] (for
    /// `call_indirect`; `u32::MAX` for a host type the registry refused).
    pub sig: u32,
    /// Its type, concrete heap types as canonical ids.
    pub ty: FuncType,
    pub kind: FuncKind,
}

pub(crate) enum FuncKind {
    /// A Wasm function: the instance it closes over and its code.
    Wasm { instance: u32, code: Arc<CompiledFunc> },
    /// A host function: index into `Store::host_funcs`.
    Host(u32),
}

/// An exception tag in the store.
pub(crate) struct TagEntity {
    /// Its canonical type id in the store's [`TypeRegistry`].
    pub sig: u32,
    /// Its type (the payload is its parameters).
    pub ty: FuncType,
}

/// An instantiated module: maps the module's index spaces to store addresses.
pub(crate) struct InstanceEntity {
    /// The module's function names (the name section), for trap messages.
    pub names: Arc<BTreeMap<u32, String>>,
    pub funcs: Vec<u32>,
    pub tables: Vec<u32>,
    pub memories: Vec<u32>,
    pub globals: Vec<u32>,
    pub tags: Vec<u32>,
    /// Module type index → canonical type id (the store's [`TypeRegistry`]).
    pub types: Vec<u32>,
    /// Element segment instances (store addresses into `StoreInner::elems`).
    pub elems: Vec<u32>,
    /// Data segment instances (store addresses into `StoreInner::datas`).
    pub datas: Vec<u32>,
}

/// The part of the store that does not depend on the user data type `T`;
/// the executor works on this.
pub(crate) struct StoreInner {
    pub id: StoreId,
    pub engine: Engine,
    pub funcs: Vec<FuncEntity>,
    pub memories: Vec<MemoryEntity>,
    pub tables: Vec<TableEntity>,
    pub globals: Vec<GlobalEntity>,
    pub tags: Vec<TagEntity>,
    pub instances: Vec<InstanceEntity>,
    /// Element segments: their references, empty once dropped.
    pub elems: Vec<Box<[u64]>>,
    /// Data segments: their bytes, empty once dropped.
    pub datas: Vec<Arc<[u8]>>,
    /// The canonical types of every instance and host function.
    pub types: TypeRegistry,
    pub stack: Stack,
    /// Current host → Wasm re-entry depth.
    pub reentry: usize,
    /// Remaining fuel (meaningful when the engine consumes fuel).
    pub fuel: u64,
    /// The epoch at which running code stops (with epoch interruption).
    pub epoch_deadline: u64,
    /// The GC heap: GC objects, exceptions, host values.
    pub heap: GcHeap,
    /// The exception a [`ThrownException`](crate::ThrownException) error
    /// stands for (a root of the collector until taken).
    pub pending_exn: Option<u64>,
    /// Held (cloned) by every suspended resumable call, whose values are
    /// out of the store, so no collection runs while one exists.
    pub suspended: Arc<()>,
}

impl StoreInner {
    /// An empty store of `engine`.
    pub fn new(engine: &Engine) -> Self {
        StoreInner {
            id: StoreId::fresh(),
            engine: engine.clone(),
            funcs: Vec::new(),
            memories: Vec::new(),
            tables: Vec::new(),
            globals: Vec::new(),
            tags: Vec::new(),
            instances: Vec::new(),
            elems: Vec::new(),
            datas: Vec::new(),
            types: TypeRegistry::default(),
            stack: Stack::new(engine.config()),
            reentry: 0,
            fuel: 0,
            epoch_deadline: 0,
            heap: GcHeap::default(),
            pending_exn: None,
            suspended: Arc::new(()),
        }
    }

    pub fn check(&self, id: StoreId) -> Result<()> {
        if id == self.id {
            Ok(())
        } else {
            Err(Error::usage("object used with a store it does not belong to"))
        }
    }
}
