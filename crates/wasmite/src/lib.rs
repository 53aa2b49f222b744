//! # wasmite
//!
//! A WebAssembly interpreter in safe Rust. Modules are decoded and validated
//! with `wasmparser`, every function is translated once into a register-based
//! IR, and that IR is executed by a dispatch loop that never recurses on the
//! native stack.
//!
//! The API follows wasmtime's shape: an [`Engine`] (from a [`Config`]), a
//! [`Store<T>`] holding runtime objects and your data `T`, a [`Module`], a
//! [`Linker<T>`] to provide imports, and an [`Instance`] to reach exports.
//!
//! ```
//! use wasmite::{Caller, Engine, Linker, Module, Store};
//!
//! # fn main() -> Result<(), wasmite::Error> {
//! let engine = Engine::default();
//! let module = Module::new(&engine, r#"
//!     (module
//!       (import "host" "log" (func $log (param i32)))
//!       (memory (export "mem") 1)
//!       (func (export "sum") (param i32 i32) (result i32)
//!         (call $log (local.get 0))
//!         (i32.add (local.get 0) (local.get 1))))
//! "#)?;
//! let mut store = Store::new(&engine, Vec::<i32>::new());
//! let mut linker = Linker::new(&engine);
//! linker.func_wrap("host", "log", |mut caller: Caller<'_, Vec<i32>>, x: i32| {
//!     caller.data_mut().push(x);
//! })?;
//! let instance = linker.instantiate(&mut store, &module)?;
//! let sum = instance.get_typed_func::<(i32, i32), i32>(&mut store, "sum")?;
//! assert_eq!(sum.call(&mut store, (2, 40))?, 42);
//! assert_eq!(store.data(), &[2]);
//!
//! let mem = instance.get_memory(&mut store, "mem").unwrap();
//! mem.write(&mut store, 8, b"hi")?;
//! assert_eq!(&mem.data(&store)[8..10], b"hi");
//! # Ok(())
//! # }
//! ```
//!
//! ## Errors
//!
//! Every fallible operation returns a [`Result`] with wasmite's [`Error`],
//! which behaves as wasmtime's: `?` converts any error type into it,
//! [`bail!`], [`ensure!`] and [`format_err!`] make one from a message, and
//! [`Error::downcast_ref`] finds what it holds. A trap holds a [`Trap`]:
//!
//! ```
//! use wasmite::{Engine, Instance, Module, Store, Trap};
//!
//! # fn main() -> wasmite::Result<()> {
//! let engine = Engine::default();
//! let module = Module::new(&engine, r#"(module
//!     (func (export "div") (param i32 i32) (result i32)
//!       (i32.div_u (local.get 0) (local.get 1))))"#)?;
//! let mut store = Store::new(&engine, ());
//! let instance = Instance::new(&mut store, &module, &[])?;
//! let div = instance.get_typed_func::<(i32, i32), i32>(&mut store, "div")?;
//! let err = div.call(&mut store, (1, 0)).unwrap_err();
//! assert_eq!(err.downcast_ref::<Trap>(), Some(&Trap::IntegerDivisionByZero));
//! // Where: the Wasm call stack, innermost frame first.
//! let frames = err.downcast_ref::<wasmite::WasmBacktrace>().unwrap().frames();
//! assert_eq!(frames[0].func_index(), 0);
//! # Ok(())
//! # }
//! ```
//!
//! Every trap, and every error a host function returns to Wasm, carries a
//! [`WasmBacktrace`], read from the interpreter's frame stack when the error
//! happens: code that does not fail pays nothing for it.
//!
//! ## Features
//!
//! | feature | default | what it gives |
//! |---|---|---|
//! | `std` | yes | [`Module::new`] also accepts the text format; functions are compiled on several threads |
//! | `anyhow` | no | `?` from [`Error`] into `anyhow::Error` (keeping what it holds, the [`WasmBacktrace`] as context), and `Error::from_anyhow`, as wasmtime's `anyhow` feature |
//!
//! Without `std` the crate needs only `alloc`.
//!
//! ## Supported WebAssembly
//!
//! WebAssembly 2.0: the MVP, mutable globals, sign extension,
//! non-trapping float-to-int, multi-value, bulk memory, reference types and
//! fixed-width SIMD ([`V128`] values; [`Config::wasm_simd`]).
//! From WebAssembly 3.0, on by default: relaxed SIMD (one deterministic
//! result per operator, [`Config::wasm_relaxed_simd`]), tail calls, typed function
//! references, extended constant expressions, multi-memory, memory64 (with
//! 64-bit tables), exception handling ([`Config::wasm_exceptions`]:
//! [`Tag`], [`ExnRef`]) and GC ([`Config::wasm_gc`]: structs, arrays,
//! `i31`, casts, rec groups and declared subtypes, in a collected heap per
//! store); each has a [`Config`] switch. Types are matched
//! in a registry of canonical types per store, so a `(ref $t)`, an import,
//! a `call_indirect` or a cast compares types, not type indices, across
//! modules.
//! Opt-in: wide arithmetic and custom page sizes
//! ([`Config::wasm_wide_arithmetic`], [`Config::wasm_custom_page_sizes`]).
//!
//! ## GC references
//!
//! The host holds GC objects through [`AnyRef`] and its typed views
//! [`EqRef`], [`StructRef`], [`ArrayRef`] (fields and elements read and
//! written with [`StructRef::field`], [`ArrayRef::set`], ...), host values
//! through [`ExternRef`], exceptions through [`ExnRef`]. As in wasmtime,
//! what the API hands out is rooted until the enclosing [`RootScope`] ends
//! (or the store is dropped, outside any scope), and [`OwnedRooted`] keeps
//! an object alive for as long as it lives; see [`RootScope`] for the
//! rules. A reference used after its object was collected is an error,
//! never another object.
//!
//! ```
//! use wasmite::{Engine, Instance, Module, RootScope, Store, Val};
//!
//! # fn main() -> wasmite::Result<()> {
//! let engine = Engine::default();
//! let module = Module::new(&engine, r#"(module
//!     (type $point (struct (field $x (mut i32)) (field $y (mut i32))))
//!     (func (export "origin") (result (ref $point))
//!       (struct.new_default $point)))"#)?;
//! let mut store = Store::new(&engine, ());
//! let instance = Instance::new(&mut store, &module, &[])?;
//! let origin = instance.get_func(&mut store, "origin").unwrap();
//! let kept = {
//!     let mut scope = RootScope::new(&mut store);
//!     let mut r = [Val::I32(0)];
//!     origin.call(&mut scope, &[], &mut r)?;
//!     let p = r[0].unwrap_anyref().unwrap().unwrap_struct(&scope)?;
//!     p.set_field(&mut scope, 1, Val::I32(7))?;
//!     p.to_owned_rooted(&mut scope)?
//! }; // the scope's roots end here; the OwnedRooted's do not
//! store.gc();
//! assert_eq!(kept.field(&mut store, 1)?, Val::I32(7));
//! # Ok(())
//! # }
//! ```
//!
//! ## Limits
//!
//! Wasm calls never recurse on the native stack. [`Config::max_call_depth`] and
//! [`Config::max_wasm_stack`] bound the call stack; exceeding them traps with
//! "call stack exhausted". Memory and table growth that the host cannot serve
//! makes `memory.grow`/`table.grow` return -1. Running time is bounded by
//! fuel ([`Config::consume_fuel`], deterministic) or by epoch interruption
//! ([`Config::epoch_interruption`]: another thread calls
//! [`Engine::increment_epoch`] and code stops once its store's deadline is
//! reached; cheaper, and free when off).

#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

// Layers, each importing only those below it (`.ci/check-layers` enforces
// it; ARCHITECTURE.md has the map):
//   api        the public API: Store<T>, Func, Instance, Linker, handles, the call driver
//   module     the front end: decoding, validation, const exprs, parallel compilation
//   translate  Wasm operators to the register IR
//   exec       the machine: state, stack and frames, compiled code, both backends
//   runtime    the entities: memories, tables, globals
//   leaves     ir (the op list), types, error, semantics, config, limits
mod api;
mod module;
mod translate;

mod exec;
mod runtime;

mod config;
pub mod error;
pub mod ir;
mod lanes;
mod limits;
mod semantics;
mod types;

pub use api::{
    AnyRef, ArrayRef, AsContext, AsContextMut, Caller, EqRef, ExnRef, Export, Extern, ExternRef,
    Func, Global, HostResult, I31, Instance, IntoFunc, Linker, Memory, MemoryAccessError,
    OwnedRooted, Ref, ResumableCall, ResumableInvocation, RootScope, Store, StoreContext,
    StoreContextMut, StructRef, Table, Tag, TypedFunc, UpdateDeadline, V128, Val, WasmTy,
    WasmTyList,
};
pub use config::{Backend, Config, Engine};
pub use error::{
    Error, ErrorKind, FrameInfo, Result, ThrownException, Trap, TrapCode, WasmBacktrace,
};
pub use exec::StoreId;
pub use limits::{ResourceLimiter, StoreLimits, StoreLimitsBuilder};
pub use module::{ExportType, ImportType, Module};
pub use types::{
    ExternType, FuncType, GlobalType, HeapType, MemoryType, MemoryTypeBuilder, Mutability, RefType,
    TableType, TagType, ValType,
};
