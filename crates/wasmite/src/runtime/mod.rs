//! The runtime entities a store holds and the executor touches: linear
//! memories, tables, globals, the registry of canonical types and the
//! GC heap (GC objects, exceptions, host values). Entities
//! only: the public handles ([`Memory`](crate::Memory), …) live in
//! `api/handles.rs`.
//!
//! Growth uses `try_reserve`, so a grow the host cannot serve fails (Wasm sees
//! -1) instead of aborting the process.

mod gc;
mod global;
mod memory;
mod table;
mod types;

pub(crate) use gc::{Admit, GcHeap, Kind, Layout, Obj, Storage};
pub(crate) use gc::{i31, is_handle, read, read_cell, write, zeroed};
pub(crate) use global::GlobalEntity;
pub(crate) use memory::MemoryEntity;
pub(crate) use table::TableEntity;
pub(crate) use types::TypeRegistry;
