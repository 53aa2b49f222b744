//! The public API: the only layer where `Store<T>` (and so the user data
//! type) exists. [`Store`], [`Func`]/[`TypedFunc`]/[`Caller`], [`Instance`]
//! and instantiation, [`Linker`], the handles, [`Val`], and the call driver
//! that runs the executor and performs host calls; the host's side of
//! WasmGC (rooting, typed GC references) is in `gc.rs`.

mod call;
mod func;
mod gc;
mod handles;
mod instance;
mod linker;
mod store;
mod values;

pub use call::{ResumableCall, ResumableInvocation};
pub use func::{Caller, Func, HostResult, IntoFunc, TypedFunc, WasmTy, WasmTyList};
pub use gc::{ArrayRef, EqRef, OwnedRooted, RootScope, StructRef};
pub use handles::{Global, Memory, MemoryAccessError, Table, Tag};
pub use instance::{Export, Extern, Instance};
pub use linker::Linker;
pub use store::{AsContext, AsContextMut, Store, StoreContext, StoreContextMut, UpdateDeadline};
pub use values::{AnyRef, ExnRef, ExternRef, I31, Ref, V128, Val};
