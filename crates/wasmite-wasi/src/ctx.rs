//! [`WasiCtx`], the state of one WASI program (arguments, environment,
//! descriptor table), and [`WasiCtxBuilder`], which sets it up.

use std::fmt;
use std::io::{self, Read, Write};
use std::path::Path;

use crate::sys::{Dir, ambient_authority};

use crate::stdio::{Input, Output};
use crate::table::{Entry, FdTable, Kind, OpenDir};
use crate::types::rights;

/// The state of one WASI program: its arguments, environment and open
/// descriptors (stdio and preopened directories first).
///
/// Build it with [`WasiCtx::builder`], keep it in the store's data, and give
/// [`add_to_linker`](crate::add_to_linker) a way to reach it.
pub struct WasiCtx {
    pub(crate) args: Vec<String>,
    pub(crate) env: Vec<String>,
    pub(crate) table: FdTable,
}

impl WasiCtx {
    /// A builder for a context with no arguments, no environment, empty
    /// stdin, discarded stdout and stderr, and no directories.
    pub fn builder() -> WasiCtxBuilder {
        WasiCtxBuilder::new()
    }
}

impl fmt::Debug for WasiCtx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WasiCtx")
            .field("args", &self.args)
            .field("env", &self.env)
            .field("fds", &self.table.fds().collect::<Vec<_>>())
            .finish()
    }
}

/// Whether the guest may change what is beneath a preopened directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirAccess {
    /// Read, write, create, rename and remove files and directories.
    ReadWrite,
    /// Only read: every change (opening for writing, creating, truncating,
    /// renaming, linking, removing, setting times) fails with `EROFS`.
    ReadOnly,
}

/// Sets up a [`WasiCtx`].
///
/// ```
/// use wasmite_wasi::{DirAccess, WasiCtx};
///
/// # fn main() -> std::io::Result<()> {
/// let dir = std::env::temp_dir();
/// let ctx = WasiCtx::builder()
///     .arg("prog.wasm")
///     .arg("--verbose")
///     .env("HOME", "/home")
///     .inherit_stdio()
///     .preopened_dir(&dir, "/tmp", DirAccess::ReadOnly)?
///     .build();
/// # drop(ctx);
/// # Ok(())
/// # }
/// ```
pub struct WasiCtxBuilder {
    args: Vec<String>,
    env: Vec<String>,
    stdin: Input,
    stdout: Output,
    stderr: Output,
    preopens: Vec<(Dir, String, DirAccess)>,
}

impl Default for WasiCtxBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for WasiCtxBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let preopens: Vec<_> = self.preopens.iter().map(|(_, g, a)| (g, a)).collect();
        f.debug_struct("WasiCtxBuilder")
            .field("args", &self.args)
            .field("env", &self.env)
            .field("preopens", &preopens)
            .finish_non_exhaustive()
    }
}

impl WasiCtxBuilder {
    /// See [`WasiCtx::builder`].
    pub fn new() -> Self {
        WasiCtxBuilder {
            args: Vec::new(),
            env: Vec::new(),
            stdin: Input::Empty,
            stdout: Output::Discard,
            stderr: Output::Discard,
            preopens: Vec::new(),
        }
    }

    /// Append one argument. The first is the program name (`argv[0]`).
    pub fn arg(&mut self, arg: impl Into<String>) -> &mut Self {
        self.args.push(arg.into());
        self
    }

    /// Append arguments.
    pub fn args<S: Into<String>>(&mut self, args: impl IntoIterator<Item = S>) -> &mut Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Add the environment variable `key=value`.
    ///
    /// # Panics
    /// If `key` is empty or contains `=`, or either contains a NUL byte.
    pub fn env(&mut self, key: &str, value: &str) -> &mut Self {
        assert!(
            !key.is_empty() && !key.contains(['=', '\0']) && !value.contains('\0'),
            "invalid environment variable {key:?}={value:?}"
        );
        self.env.push(format!("{key}={value}"));
        self
    }

    /// Add environment variables.
    ///
    /// # Panics
    /// As [`env`](Self::env).
    pub fn envs<K: AsRef<str>, V: AsRef<str>>(
        &mut self,
        vars: impl IntoIterator<Item = (K, V)>,
    ) -> &mut Self {
        for (k, v) in vars {
            self.env(k.as_ref(), v.as_ref());
        }
        self
    }

    /// Read the guest's stdin from `reader` (for example a
    /// `std::io::Cursor<Vec<u8>>`).
    pub fn stdin(&mut self, reader: impl Read + Send + 'static) -> &mut Self {
        self.stdin = Input::Reader(Box::new(reader));
        self
    }

    /// Send the guest's stdout to `writer` (for example an [`OutputPipe`](crate::OutputPipe)).
    pub fn stdout(&mut self, writer: impl Write + Send + 'static) -> &mut Self {
        self.stdout = Output::Writer(Box::new(writer));
        self
    }

    /// Send the guest's stderr to `writer`.
    pub fn stderr(&mut self, writer: impl Write + Send + 'static) -> &mut Self {
        self.stderr = Output::Writer(Box::new(writer));
        self
    }

    /// Give the guest the host process's stdin.
    pub fn inherit_stdin(&mut self) -> &mut Self {
        self.stdin = Input::Inherit;
        self
    }

    /// Give the guest the host process's stdout.
    pub fn inherit_stdout(&mut self) -> &mut Self {
        self.stdout = Output::Stdout;
        self
    }

    /// Give the guest the host process's stderr.
    pub fn inherit_stderr(&mut self) -> &mut Self {
        self.stderr = Output::Stderr;
        self
    }

    /// Give the guest the host process's stdin, stdout and stderr.
    pub fn inherit_stdio(&mut self) -> &mut Self {
        self.inherit_stdin().inherit_stdout().inherit_stderr()
    }

    /// Let the guest see the host directory `host_path` as `guest_path`
    /// (for example `/`, `.` or `/data`), and nothing outside it.
    ///
    /// # Errors
    /// If `host_path` cannot be opened as a directory.
    pub fn preopened_dir(
        &mut self,
        host_path: impl AsRef<Path>,
        guest_path: impl Into<String>,
        access: DirAccess,
    ) -> io::Result<&mut Self> {
        let dir = Dir::open_ambient_dir(host_path, ambient_authority())?;
        self.preopens.push((dir, guest_path.into(), access));
        Ok(self)
    }

    /// Like [`preopened_dir`](Self::preopened_dir) with a directory
    /// capability the embedder already holds. (Not inside a WASI guest,
    /// where there is no `cap-std`.)
    #[cfg(not(target_os = "wasi"))]
    pub fn preopened_cap_dir(
        &mut self,
        dir: Dir,
        guest_path: impl Into<String>,
        access: DirAccess,
    ) -> &mut Self {
        self.preopens.push((dir, guest_path.into(), access));
        self
    }

    /// The context. Descriptors 0, 1 and 2 are stdin, stdout and stderr;
    /// preopened directories follow from 3 in the order they were added.
    /// The builder is left empty, as from [`WasiCtxBuilder::new`].
    pub fn build(&mut self) -> WasiCtx {
        let b = std::mem::take(self);
        let mut table = FdTable::new();
        table.push_unchecked(Entry::new(Kind::Stdin(b.stdin), rights::READ_STREAM, 0));
        table.push_unchecked(Entry::new(Kind::Output(b.stdout), rights::WRITE_STREAM, 0));
        table.push_unchecked(Entry::new(Kind::Output(b.stderr), rights::WRITE_STREAM, 0));
        for (dir, name, access) in b.preopens {
            let read_only = access == DirAccess::ReadOnly;
            let kind = Kind::Dir(OpenDir { dir, preopen: Some(name), read_only });
            table.push_unchecked(Entry::new(kind, rights::DIR, rights::DIR | rights::FILE));
        }
        WasiCtx { args: b.args, env: b.env, table }
    }
}
