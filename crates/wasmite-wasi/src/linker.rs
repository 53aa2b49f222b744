//! The `wasi_snapshot_preview1` import list and the glue that adds it to a
//! [`Linker`].
//!
//! [`wasi_functions!`] lists every function once with its Wasm-level
//! parameters; each becomes a host function that borrows the [`WasiCtx`]
//! (from the store's data) and the guest memory at the same time, calls the
//! method of the same name on the context, and returns the errno (0 for
//! success).

use wasmite::{Caller, Error, Extern, Linker};

use crate::errno::Errno;
use crate::memory::GuestMemory;
use crate::{I32Exit, WasiCtx};

/// The import module name.
pub(crate) const MODULE: &str = "wasi_snapshot_preview1";

/// Run `f` on the context and the caller's exported `memory` (an empty one
/// if there is none, so every access is `EFAULT`), borrowed apart with
/// [`Memory::data_and_store_mut`](wasmite::Memory::data_and_store_mut).
fn with_ctx<T>(
    caller: &mut Caller<'_, T>,
    get: impl Fn(&mut T) -> &mut WasiCtx,
    f: impl FnOnce(&mut WasiCtx, &mut GuestMemory<'_>) -> Result<(), Errno>,
) -> i32 {
    let result = match caller.get_export("memory").and_then(Extern::into_memory) {
        Some(memory) => {
            let (bytes, data) = memory.data_and_store_mut(caller);
            f(get(data), &mut GuestMemory::new(bytes))
        }
        None => f(get(caller.data_mut()), &mut GuestMemory::new(&mut [])),
    };
    match result {
        Ok(()) => 0,
        Err(e) => i32::from(e.raw()),
    }
}

macro_rules! wasi_functions {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        /// Every function name, in the order of the list.
        pub(crate) const FUNCTIONS: &[&str] = &[$(stringify!($name),)* "proc_exit"];

        pub(crate) fn add_functions<T: 'static>(
            linker: &mut Linker<T>,
            get: impl Fn(&mut T) -> &mut WasiCtx + Send + Sync + Copy + 'static,
        ) -> wasmite::Result<()> {
            $(
                linker.func_wrap(
                    MODULE,
                    stringify!($name),
                    move |mut caller: Caller<'_, T>, $($arg: $ty),*| -> i32 {
                        with_ctx(&mut caller, get, |ctx, mem| ctx.$name(mem, $($arg),*))
                    },
                )?;
            )*
            linker.func_wrap(MODULE, "proc_exit", |code: i32| -> wasmite::Result<()> {
                Err(Error::new(I32Exit(code)))
            })?;
            Ok(())
        }
    };
}

wasi_functions! {
    args_get(argv: u32, argv_buf: u32);
    args_sizes_get(argc: u32, argv_buf_size: u32);
    environ_get(environ: u32, environ_buf: u32);
    environ_sizes_get(count: u32, buf_size: u32);
    clock_res_get(clock: u32, out: u32);
    clock_time_get(clock: u32, precision: u64, out: u32);
    fd_advise(fd: u32, offset: u64, len: u64, advice: u32);
    fd_allocate(fd: u32, offset: u64, len: u64);
    fd_close(fd: u32);
    fd_datasync(fd: u32);
    fd_fdstat_get(fd: u32, out: u32);
    fd_fdstat_set_flags(fd: u32, flags: u32);
    fd_fdstat_set_rights(fd: u32, base: u64, inheriting: u64);
    fd_filestat_get(fd: u32, out: u32);
    fd_filestat_set_size(fd: u32, size: u64);
    fd_filestat_set_times(fd: u32, atim: u64, mtim: u64, flags: u32);
    fd_pread(fd: u32, iovs: u32, iovs_len: u32, offset: u64, nread: u32);
    fd_prestat_get(fd: u32, out: u32);
    fd_prestat_dir_name(fd: u32, path: u32, path_len: u32);
    fd_pwrite(fd: u32, iovs: u32, iovs_len: u32, offset: u64, nwritten: u32);
    fd_read(fd: u32, iovs: u32, iovs_len: u32, nread: u32);
    fd_readdir(fd: u32, buf: u32, buf_len: u32, cookie: u64, bufused: u32);
    fd_renumber(fd: u32, to: u32);
    fd_seek(fd: u32, offset: i64, whence: u32, newoffset: u32);
    fd_sync(fd: u32);
    fd_tell(fd: u32, offset: u32);
    fd_write(fd: u32, iovs: u32, iovs_len: u32, nwritten: u32);
    path_create_directory(fd: u32, path: u32, path_len: u32);
    path_filestat_get(fd: u32, flags: u32, path: u32, path_len: u32, out: u32);
    path_filestat_set_times(fd: u32, flags: u32, path: u32, path_len: u32, atim: u64, mtim: u64, fst_flags: u32);
    path_link(old_fd: u32, old_flags: u32, old: u32, old_len: u32, new_fd: u32, new: u32, new_len: u32);
    path_open(fd: u32, dirflags: u32, path: u32, path_len: u32, oflags: u32, base: u64, inheriting: u64, fdflags: u32, opened: u32);
    path_readlink(fd: u32, path: u32, path_len: u32, buf: u32, buf_len: u32, bufused: u32);
    path_remove_directory(fd: u32, path: u32, path_len: u32);
    path_rename(fd: u32, old: u32, old_len: u32, new_fd: u32, new: u32, new_len: u32);
    path_symlink(old: u32, old_len: u32, fd: u32, new: u32, new_len: u32);
    path_unlink_file(fd: u32, path: u32, path_len: u32);
    poll_oneoff(input: u32, output: u32, nsubs: u32, nevents: u32);
    proc_raise(sig: u32);
    random_get(buf: u32, len: u32);
    sched_yield();
    sock_accept(fd: u32, flags: u32, out: u32);
    sock_recv(fd: u32, data: u32, data_len: u32, flags: u32, out_len: u32, out_flags: u32);
    sock_send(fd: u32, data: u32, data_len: u32, flags: u32, out_len: u32);
    sock_shutdown(fd: u32, how: u32);
}
