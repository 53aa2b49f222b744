//! The call driver: runs the executor until the call finishes, performing the
//! host calls it asks for; and resumable calls, which suspend (instead of
//! failing) when fuel runs out or a host function returns an error.
//!
//! A suspended call's frames and values are moved out of the store's stack into
//! the [`ResumableInvocation`], so dropping it leaves nothing behind, and
//! resuming puts them back on top of whatever the stack holds then.

use alloc::vec;
use alloc::vec::Vec;

use super::func::{Caller, Func};
use super::store::{AsContext, AsContextMut, Store, UpdateDeadline};
use super::values::{Val, check_val, root_vals};
use crate::error::{Error, Result, ThrownException, TrapAt, TrapCode, WasmBacktrace};
use crate::exec::{self, FuncKind, Outcome, StoreId, Suspended};

/// Why a driven call stopped before finishing.
enum Suspend {
    /// The next basic block costs `required` fuel.
    OutOfFuel { trap: TrapAt, required: u64 },
    /// The store's epoch deadline is reached.
    Interrupt { trap: TrapAt },
    /// Host function `func` (arguments at `arg_base`) returned `error`.
    Host { error: Error, func: u32, arg_base: usize },
}

/// Run function `func` of `store` on `cells` (arguments in, results out).
pub(crate) fn call_cells<T>(store: &mut Store<T>, func: u32, cells: &mut [u64]) -> Result<()> {
    if let FuncKind::Host(h) = store.inner.funcs[func as usize].kind {
        let f = store.host_funcs[h as usize].clone();
        return in_scope(store, |store| f(Caller { store, instance: None }, cells));
    }
    let depth = store.inner.stack.depth();
    let base = enter(store, func, cells)?;
    let r = drive(store, depth, false);
    store.inner.reentry -= 1;
    match r {
        Ok(None) => {
            let ty = &store.inner.funcs[func as usize].ty;
            if ty.has_v128() {
                store.inner.stack.get_cells(base, ty.results(), cells);
            } else {
                let n = cells.len();
                cells.copy_from_slice(&store.inner.stack.values[base..base + n]);
            }
            Ok(())
        }
        Ok(Some(_)) => unreachable!("a non-resumable call never suspends"),
        Err(e) => Err(e),
    }
}

fn enter<T>(store: &mut Store<T>, func: u32, cells: &[u64]) -> Result<usize> {
    if store.inner.reentry >= store.inner.engine.config().max_host_reentry {
        return Err(trap_error(store, TrapAt::new(TrapCode::StackExhausted)));
    }
    let base = exec::enter(&mut store.inner, func, cells).map_err(|t| trap_error(store, t))?;
    store.inner.reentry += 1;
    Ok(base)
}

/// The error of `trap`, with the Wasm call stack it happened on (read
/// before the frames are unwound).
fn trap_error<T>(store: &Store<T>, trap: TrapAt) -> Error {
    let backtrace = exec::backtrace(&store.inner, Some(&trap));
    let mut error = Error::from(trap);
    error.set_backtrace_with(|| backtrace);
    error
}

/// Run until the frames are back at `depth`; `Some` if suspended (resumable only).
fn drive<T>(store: &mut Store<T>, depth: usize, resumable: bool) -> Result<Option<Suspend>> {
    loop {
        let (inner, limiter) = store.split();
        let suspend = match exec::run(inner, depth, limiter) {
            Ok(Outcome::Done) => return Ok(None),
            Ok(Outcome::OutOfFuel { trap, required }) => Suspend::OutOfFuel { trap, required },
            Ok(Outcome::Interrupt { trap }) => match epoch_callback(store) {
                Ok(UpdateDeadline::Continue(ticks)) => {
                    store.set_epoch_deadline(ticks);
                    continue;
                }
                Ok(_) => Suspend::Interrupt { trap },
                Err(mut error) => {
                    error.set_backtrace_with(|| exec::backtrace(&store.inner, Some(&trap)));
                    store.inner.stack.unwind(depth);
                    return Err(error);
                }
            },
            Ok(Outcome::Exception { exn }) => {
                return Err(uncaught(store, depth, exn));
            }
            Ok(Outcome::Throw { .. } | Outcome::ThrowRef { .. } | Outcome::Collect) => {
                unreachable!("exec::run raises exceptions and collects itself")
            }
            Ok(Outcome::HostCall { func, base, instance }) => {
                match host_call(store, func, base, instance) {
                    Ok(()) => continue,
                    Err(error) if error.is::<ThrownException>() => {
                        // The host function threw: raise its exception at
                        // the call (the caller's ip is past it).
                        let Some(exn) = store.inner.pending_exn.take() else {
                            store.inner.stack.unwind(depth);
                            return Err(error);
                        };
                        if exec::exn::catch(&mut store.inner, depth, exn) {
                            continue;
                        }
                        return Err(uncaught(store, depth, exn));
                    }
                    Err(mut error) => {
                        // (Kept if the error has one: it crossed this host
                        // function from deeper Wasm code.)
                        error.set_backtrace_with(|| exec::backtrace(&store.inner, None));
                        Suspend::Host { error, func, arg_base: base }
                    }
                }
            }
            Err(trap) => {
                let error = trap_error(store, trap);
                store.inner.stack.unwind(depth);
                return Err(error);
            }
        };
        if resumable {
            return Ok(Some(suspend));
        }
        let error = match suspend {
            Suspend::OutOfFuel { trap, .. } | Suspend::Interrupt { trap } => {
                trap_error(store, trap)
            }
            Suspend::Host { error, .. } => error,
        };
        store.inner.stack.unwind(depth);
        return Err(error);
    }
}

/// The error of exception `exn`, which no handler above `depth` caught:
/// it becomes the store's pending exception, the error carries the Wasm
/// call stack it was raised on, and the frames are unwound.
fn uncaught<T>(store: &mut Store<T>, depth: usize, exn: u64) -> Error {
    store.inner.pending_exn = Some(exn);
    let mut error = Error::new(ThrownException);
    error.set_backtrace_with(|| exec::backtrace(&store.inner, None));
    store.inner.stack.unwind(depth);
    error
}

/// What the store's epoch callback asks for (to interrupt, if it has none).
fn epoch_callback<T>(store: &mut Store<T>) -> Result<UpdateDeadline> {
    let Some(mut callback) = store.epoch_callback.take() else {
        return Ok(UpdateDeadline::Interrupt);
    };
    let update = callback(store);
    // (Unless the callback installed another.)
    store.epoch_callback.get_or_insert(callback);
    update
}

/// Run `f` (a host function call) in a rooting scope of its own: the GC
/// references it is handed or reads are unrooted when it returns (its
/// results are on the value stack by then).
fn in_scope<T, R>(store: &mut Store<T>, f: impl FnOnce(&mut Store<T>) -> R) -> R {
    let len = store.inner.heap.lifo_len();
    let r = f(store);
    store.inner.heap.truncate_lifo(len);
    r
}

/// Perform the host call the executor asked for, in place on the value stack.
fn host_call<T>(store: &mut Store<T>, func: u32, base: usize, instance: u32) -> Result<()> {
    let FuncKind::Host(h) = store.inner.funcs[func as usize].kind else {
        unreachable!("host call to a Wasm function")
    };
    let ty = &store.inner.funcs[func as usize].ty;
    let wide = ty.has_v128();
    let n = if wide {
        crate::types::cell_count(ty.params()).max(crate::types::cell_count(ty.results()))
    } else {
        ty.params().len().max(ty.results().len())
    };
    if !store.inner.stack.ensure_args(base, n) {
        return Err(TrapCode::StackExhausted.into());
    }
    let mut buf = [0u64; 16];
    let mut heap;
    let args: &mut [u64] = if n <= 16 {
        &mut buf[..n]
    } else {
        heap = vec![0u64; n];
        &mut heap
    };
    if wide {
        let ty = store.inner.funcs[func as usize].ty.clone();
        store.inner.stack.get_cells(base, ty.params(), args);
        let f = store.host_funcs[h as usize].clone();
        in_scope(store, |store| f(Caller { store, instance: Some(instance) }, args))?;
        store.inner.stack.put_cells(base, ty.results(), args);
        return Ok(());
    }
    args.copy_from_slice(&store.inner.stack.values[base..base + n]);
    let f = store.host_funcs[h as usize].clone();
    in_scope(store, |store| f(Caller { store, instance: Some(instance) }, args))?;
    store.inner.stack.values[base..base + n].copy_from_slice(args);
    Ok(())
}

/// Decode result cells of function `func` into `results`, rooting the
/// GC references among them in the current scope.
pub(crate) fn cells_to_results<T>(
    store: &mut Store<T>,
    func: u32,
    cells: &[u64],
    results: &mut [Val],
) {
    let ty = &store.inner.funcs[func as usize].ty;
    Val::from_cells(&store.inner, ty.results(), cells, results);
    root_vals(&mut store.inner, results);
}

/// The outcome of a resumable call.
#[derive(Debug)]
pub enum ResumableCall {
    /// The call finished; the results are written.
    Finished,
    /// The call is suspended.
    Resumable(ResumableInvocation),
}

/// A suspended call: resume it with [`ResumableInvocation::resume`], or drop it.
pub struct ResumableInvocation {
    store: StoreId,
    func: Func,
    /// The suspended frames and their values.
    saved: Suspended,
    reason: Suspend,
    /// A clone of the store's `suspended` token: while it exists, no
    /// collection runs (`saved` holds references the collector cannot see).
    _pin: alloc::sync::Arc<()>,
}

impl core::fmt::Debug for ResumableInvocation {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ResumableInvocation")
            .field("out_of_fuel", &self.out_of_fuel())
            .field("interrupted", &self.interrupted())
            .field("host_error", &self.host_error())
            .finish_non_exhaustive()
    }
}

impl ResumableInvocation {
    /// Whether the call ran out of fuel.
    pub fn out_of_fuel(&self) -> bool {
        matches!(self.reason, Suspend::OutOfFuel { .. })
    }
    /// Whether the store's epoch deadline was reached
    /// ([`Config::epoch_interruption`](crate::Config::epoch_interruption)).
    pub fn interrupted(&self) -> bool {
        matches!(self.reason, Suspend::Interrupt { .. })
    }
    /// After running out of fuel: the fuel the next basic block needs; the
    /// call makes progress once the store has at least this much.
    pub fn required_fuel(&self) -> Option<u64> {
        match self.reason {
            Suspend::OutOfFuel { required, .. } => Some(required),
            Suspend::Host { .. } | Suspend::Interrupt { .. } => None,
        }
    }
    /// The error a host function returned, if that suspended the call.
    pub fn host_error(&self) -> Option<&Error> {
        match &self.reason {
            Suspend::Host { error, .. } => Some(error),
            Suspend::OutOfFuel { .. } | Suspend::Interrupt { .. } => None,
        }
    }
    /// Continue the call. After a host error, `host_results` are the results
    /// the failed host function should have returned; after running out of
    /// fuel or reaching the epoch deadline it must be empty (add fuel first
    /// with [`Store::set_fuel`], or move the deadline with
    /// [`Store::set_epoch_deadline`]).
    ///
    /// # Errors
    /// A trap, or mismatched `host_results`/`results`.
    pub fn resume(
        self,
        mut store: impl AsContextMut,
        host_results: &[Val],
        results: &mut [Val],
    ) -> Result<ResumableCall> {
        let store = store.as_context_mut();
        store.inner.check(self.store)?;
        if store.inner.reentry >= store.inner.engine.config().max_host_reentry {
            return Err(TrapCode::StackExhausted.into());
        }
        let depth = store.inner.stack.depth();
        let base = store.inner.stack.top();
        let host_cells: Vec<u64> = match &self.reason {
            Suspend::OutOfFuel { .. } | Suspend::Interrupt { .. } if host_results.is_empty() => {
                Vec::new()
            }
            Suspend::OutOfFuel { .. } | Suspend::Interrupt { .. } => {
                return Err(Error::usage(
                    "no host results expected after running out of fuel or time",
                ));
            }
            Suspend::Host { func, .. } => {
                let ty = &store.inner.funcs[*func as usize].ty;
                if host_results.len() != ty.results().len() {
                    return Err(Error::usage("wrong number of host results"));
                }
                for (r, t) in host_results.iter().zip(ty.results()) {
                    check_val(&store.inner, r, *t)?;
                }
                let mut v = vec![0; crate::types::cell_count(ty.results())];
                Val::to_cells(host_results, &mut v);
                v
            }
        };
        if !store.inner.stack.restore(base, self.saved) {
            return Err(TrapCode::StackExhausted.into());
        }
        if let Suspend::Host { func, arg_base, .. } = &self.reason {
            let ty = store.inner.funcs[*func as usize].ty.clone();
            store.inner.stack.put_cells(base + arg_base, ty.results(), &host_cells);
        }
        // Its values are back on the store's stack, where the collector
        // sees them: collections may run again (FINDINGS #20).
        drop(self._pin);
        store.inner.reentry += 1;
        let r = drive(store, depth, true);
        store.inner.reentry -= 1;
        finish(store, self.func, depth, base, r?, results)
    }
}

/// Start a resumable call of `func` with argument `cells`.
pub(crate) fn start_resumable<T>(
    store: &mut Store<T>,
    func: Func,
    mut cells: Vec<u64>,
    results: &mut [Val],
) -> Result<ResumableCall> {
    if let FuncKind::Host(_) = store.inner.funcs[func.index as usize].kind {
        call_cells(store, func.index, &mut cells)?;
        cells_to_results(store, func.index, &cells, results);
        return Ok(ResumableCall::Finished);
    }
    let depth = store.inner.stack.depth();
    let base = enter(store, func.index, &cells)?;
    let r = drive(store, depth, true);
    store.inner.reentry -= 1;
    finish(store, func, depth, base, r?, results)
}

fn finish<T>(
    store: &mut Store<T>,
    func: Func,
    depth: usize,
    base: usize,
    suspended: Option<Suspend>,
    results: &mut [Val],
) -> Result<ResumableCall> {
    match suspended {
        None => {
            let ty = &store.inner.funcs[func.index as usize].ty;
            let mut cells = vec![0; crate::types::cell_count(ty.results())];
            store.inner.stack.get_cells(base, ty.results(), &mut cells);
            cells_to_results(store, func.index, &cells, results);
            Ok(ResumableCall::Finished)
        }
        Some(mut reason) => {
            let saved = store.inner.stack.take_above(depth, base);
            if let Suspend::Host { arg_base, .. } = &mut reason {
                *arg_base -= base;
            }
            Ok(ResumableCall::Resumable(ResumableInvocation {
                store: store.inner.id,
                func,
                saved,
                reason,
                _pin: store.inner.suspended.clone(),
            }))
        }
    }
}

impl WasmBacktrace {
    /// The Wasm call stack now, innermost frame first: in a host function,
    /// the Wasm frames that led to it.
    pub fn capture(store: impl AsContext) -> WasmBacktrace {
        exec::backtrace(&store.as_context().inner, None)
    }
    /// The same as [`WasmBacktrace::capture`] (wasmtime's `capture` can be
    /// turned off by its configuration; wasmite's cannot).
    pub fn force_capture(store: impl AsContext) -> WasmBacktrace {
        Self::capture(store)
    }
}
