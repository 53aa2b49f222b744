//! # wasmite-wasi
//!
//! WASI preview1 (`wasi_snapshot_preview1`) for the
//! [wasmite](https://docs.rs/wasmite) WebAssembly interpreter: run programs
//! compiled for `wasm32-wasi` from C (wasi-libc), Rust, Zig, TinyGo, …
//!
//! ```no_run
//! use wasmite::{Engine, Linker, Module, Store};
//! use wasmite_wasi::{DirAccess, WasiCtx};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let engine = Engine::default();
//! let module = Module::new(&engine, std::fs::read("hello.wasm")?)?;
//! let ctx = WasiCtx::builder()
//!     .arg("hello.wasm")
//!     .env("LANG", "C")
//!     .inherit_stdio()
//!     .preopened_dir(".", ".", DirAccess::ReadWrite)?
//!     .build();
//! let mut store = Store::new(&engine, ctx);
//! let mut linker = Linker::new(&engine);
//! wasmite_wasi::add_to_linker(&mut linker, |ctx| ctx)?;
//! let exit_code = wasmite_wasi::run_command(&mut store, &linker, &module)?;
//! std::process::exit(exit_code);
//! # }
//! ```
//!
//! ## What is provided
//!
//! | area | functions | notes |
//! |---|---|---|
//! | args, environment | `args_*`, `environ_*` | from [`WasiCtxBuilder`] |
//! | clocks | `clock_res_get`, `clock_time_get` | realtime, monotonic, process and thread CPU time |
//! | randomness | `random_get` | the host's CSPRNG, written straight into guest memory |
//! | process | `proc_exit`, `proc_raise`, `sched_yield` | `proc_exit` ends the call with [`I32Exit`]; `proc_raise` is `ENOTSUP` |
//! | polling | `poll_oneoff` | clock subscriptions (sleep) and fd readiness; the host's stdin is really polled |
//! | descriptors | every `fd_*` | append is emulated; `fd_advise` accepts hints; `fd_allocate` extends the file |
//! | paths | every `path_*` | resolved by `cap-std` beneath a directory descriptor |
//! | sockets | `sock_*` | no descriptor is a socket: `ENOTSOCK` (`EBADF` if closed) |
//!
//! ## Sandboxing
//!
//! The guest reaches the filesystem only through preopened directories,
//! each a `cap_std::fs::Dir`; every path is resolved beneath one by
//! `cap-std`. A path that would leave it — `..` past its root, an absolute
//! path, a symlink pointing outside — fails with `EPERM` (as in wasmtime) before
//! anything outside is opened; symlink loops give `ELOOP`. Beneath a
//! [`DirAccess::ReadOnly`] preopen every change (open for writing or
//! truncation, create, rename or link from or to it, remove, set size or
//! times) fails with `EROFS`.
//!
//! Built for WASI itself (`target_os = "wasi"`, e.g. the `wasmite` command
//! for `wasm32-wasip1`), the crate has no `cap-std` (it does not build
//! there on stable Rust): each directory is then a descriptor of the outer
//! runtime and each path operation an `*at` call relative to it, so the
//! outer runtime's sandbox resolves every path beneath that descriptor
//! (`nested.rs`). The escapes above are refused with the same errnos under
//! a native `wasmite`; absolute paths are refused before the outer runtime
//! sees them. [`WasiCtxBuilder::preopened_cap_dir`] and the `cap_std`
//! re-export do not exist there, and the process and thread CPU-time
//! clocks are `EINVAL` (no safe way to read the outer runtime's).
//!
//! Guest-controlled sizes are bounded (see [`limits`]): at most
//! [`limits::MAX_IOVS`] iovecs and [`limits::MAX_IO_BYTES`] bytes per
//! read or write call (a larger request is a short read or write), paths of
//! at most [`limits::MAX_PATH_LEN`] bytes, [`limits::MAX_OPEN_FDS`] open
//! descriptors (`EMFILE`), [`limits::MAX_POLL_SUBSCRIPTIONS`] subscriptions.
//! Reads, writes, `random_get` and `fd_readdir` work in guest memory in
//! place, so the host allocates nothing in proportion to what the guest
//! asks. Every guest pointer is bounds-checked (`EFAULT`).
//!
//! ## Errors
//!
//! Host I/O errors map to the matching errno (by OS error number on Linux,
//! otherwise by [`std::io::ErrorKind`]).
//!
//! ## Code map
//!
//! | file | what lives there |
//! |---|---|
//! | `lib.rs` | [`add_to_linker`], [`run_command`], [`I32Exit`], [`limits`] |
//! | `linker.rs` | **the one list** of WASI functions and their Wasm signatures; the glue that lends each call the context and guest memory |
//! | `ctx.rs` | [`WasiCtx`], [`WasiCtxBuilder`], [`DirAccess`] |
//! | `table.rs` | the descriptor table: entries, rights checks, `EMFILE` bound |
//! | `stdio.rs` | stdin/stdout/stderr sources and sinks, [`OutputPipe`] |
//! | `memory.rs` | bounds-checked guest memory, iovec walking with the I/O bounds |
//! | `fd.rs` | `fd_*`: I/O, seek, stat, times, readdir, prestat |
//! | `path.rs` | `path_*`: open, create, remove, rename, link, symlink, stat; read-only checks |
//! | `sys.rs` | the filesystem backend, chosen by target: `cap-std`, or `nested.rs` |
//! | `nested.rs` | the backend inside a WASI guest: the outer runtime's descriptors, in `cap-std`'s shape |
//! | `misc.rs` | args, environ, clocks, `random_get`, `poll_oneoff`, `sock_*` |
//! | `types.rs` | WASI constants and structure layouts |
//! | `errno.rs` | [`Errno`] and the host error mapping |
//!
//! Each call borrows the context (inside the store's data) and the guest
//! memory at once, through `Memory::data_and_store_mut`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod ctx;
mod errno;
mod fd;
mod linker;
mod memory;
mod misc;
#[cfg(target_os = "wasi")]
mod nested;
mod path;
mod stdio;
mod sys;
mod table;
mod types;

use std::fmt;

use wasmite::{Linker, Module, Store};

#[cfg(not(target_os = "wasi"))]
pub use cap_std;
pub use ctx::{DirAccess, WasiCtx, WasiCtxBuilder};
pub use errno::Errno;
pub use stdio::OutputPipe;

/// Bounds on what a guest may ask of the host.
pub mod limits {
    /// Most iovecs in one `fd_read`/`fd_write`/`fd_pread`/`fd_pwrite` (more is `EINVAL`).
    pub const MAX_IOVS: usize = 1024;
    /// Most bytes moved by one read or write call (more is a short transfer).
    pub const MAX_IO_BYTES: u32 = 16 << 20;
    /// Longest path argument in bytes (longer is `ENAMETOOLONG`).
    pub const MAX_PATH_LEN: usize = 4096;
    /// Most descriptors open at once, stdio and preopens included (more is `EMFILE`).
    pub const MAX_OPEN_FDS: usize = 1024;
    /// Most subscriptions in one `poll_oneoff` (more is `EINVAL`).
    pub const MAX_POLL_SUBSCRIPTIONS: usize = 4096;
}

/// The name of the WASI preview1 import module.
pub const MODULE: &str = linker::MODULE;

/// The payload of the error a guest's `proc_exit(code)` ends its call with.
///
/// ```
/// # fn f(err: wasmite::Error) {
/// if let Some(exit) = err.downcast_ref::<wasmite_wasi::I32Exit>() {
///     std::process::exit(exit.0);
/// }
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct I32Exit(pub i32);

impl fmt::Display for I32Exit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "exit with status {}", self.0)
    }
}

impl std::error::Error for I32Exit {}

/// Define every `wasi_snapshot_preview1` function in `linker`; `get` finds
/// the [`WasiCtx`] in the store's data (`|ctx| ctx` when the data is one).
///
/// # Errors
/// If one of the names is already defined in `linker` and shadowing is off.
pub fn add_to_linker<T: 'static>(
    linker: &mut Linker<T>,
    get: impl Fn(&mut T) -> &mut WasiCtx + Send + Sync + Copy + 'static,
) -> wasmite::Result<()> {
    linker::add_functions(linker, get)
}

/// The names of the functions [`add_to_linker`] defines.
pub fn function_names() -> &'static [&'static str] {
    linker::FUNCTIONS
}

/// Instantiate `module` as a WASI command and run it: call its `_start`
/// export and return the exit code (0 if `_start` returns, `code` if the
/// guest called `proc_exit(code)`).
///
/// # Errors
/// A link error (an import `linker` lacks), a missing or mistyped `_start`,
/// a trap, or any other host error.
pub fn run_command<T>(
    store: &mut Store<T>,
    linker: &Linker<T>,
    module: &Module,
) -> wasmite::Result<i32> {
    let instance = linker.instantiate(&mut *store, module)?;
    let start = instance.get_typed_func::<(), ()>(&*store, "_start")?;
    match start.call(&mut *store, ()) {
        Ok(()) => Ok(0),
        Err(e) => match e.downcast_ref::<I32Exit>() {
            Some(exit) => Ok(exit.0),
            None => Err(e),
        },
    }
}
