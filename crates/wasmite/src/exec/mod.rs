//! The executor: runs the register IR on a store's machine state.
//!
//! All Wasm calls push an explicit [`Frame`] on [`Stack::frames`]; values live
//! in one `Vec<u64>` (`Stack::values`) where each frame is a window starting
//! at its `base`. Wasm recursion therefore never grows the native stack.
//! A call to a host function suspends the run (returning
//! [`Outcome::HostCall`]); the call driver in `api/call.rs` performs it and
//! resumes. Two backends run the same code: `portable` (a `match`) and
//! `threaded` (handlers that tail-call each other); `ops/` holds the op
//! bodies they share.
//!
//! Layer: the executor sees the IR and the runtime entities, never the
//! module front end or the API.

mod code;
pub(crate) mod collect;
pub(crate) mod exn;
mod machine;
pub(crate) mod ops;
mod portable;
mod stack;
mod threaded;

pub(crate) use code::{Catch, CompiledFunc, OpOffsets};
pub use machine::StoreId;
pub(crate) use machine::{FuncEntity, FuncKind, InstanceEntity, StoreInner, TagEntity};
pub(crate) use stack::{Frame, Stack, Suspended};
pub(crate) use threaded::{TOp, compile};

use alloc::vec::Vec;

use crate::error::{FrameInfo, TrapAt, TrapCode, WasmBacktrace};
use crate::limits::ResourceLimiter;

/// Why [`run`] returned without a trap.
pub(crate) enum Outcome {
    /// The entered function returned; its results are at the base `enter` gave.
    Done,
    /// The running code calls host function `func` with arguments at
    /// `values[base..]`; write the results there and call [`run`] again.
    HostCall { func: u32, base: usize, instance: u32 },
    /// A `ConsumeFuel` op needing `required` fuel found less; the top frame
    /// resumes at it.
    OutOfFuel { trap: TrapAt, required: u64 },
    /// A `CheckEpoch` op found the store's epoch deadline reached; the top
    /// frame resumes at it.
    Interrupt { trap: TrapAt },
    /// No handler above the run's entry depth caught exception `exn` (a
    /// handle into `StoreInner::exns`); the frames are still there (for
    /// the backtrace).
    Exception { exn: u64 },
    /// (Backends to [`run`] only.) A `throw` of tag `tag` (store address),
    /// its payload at `values[base..]`; the top frame's `ip` is past it.
    Throw { tag: u32, base: usize },
    /// (Backends to [`run`] only.) A `throw_ref` of `exn`.
    ThrowRef { exn: u64 },
    /// (Backends to [`run`] only.) An allocating op found the GC heap's
    /// budget spent; the top frame resumes at it once collected.
    Collect,
}

/// Push a frame for Wasm function `func` with arguments `args`; returns the
/// frame base, where the results will be.
pub(crate) fn enter(store: &mut StoreInner, func: u32, args: &[u64]) -> Result<usize, TrapAt> {
    let FuncKind::Wasm { code, .. } = &store.funcs[func as usize].kind else {
        unreachable!("enter() with a host function")
    };
    let stack = &mut store.stack;
    let base = stack.top();
    if stack.frames.len() >= stack.max_depth
        || !Stack::ensure(&mut stack.values, stack.max_slots, base + code.frame_size as usize)
    {
        return Err(TrapAt::new(TrapCode::StackExhausted));
    }
    let np = code.num_params as usize;
    let ty = &store.funcs[func as usize].ty;
    if ty.has_v128() {
        stack.ensure_simd();
        stack.put_cells(base, ty.params(), args);
    } else {
        stack.values[base..base + np].copy_from_slice(&args[..np]);
    }
    stack.values[base + np..base + code.num_locals as usize].fill(0);
    stack.frames.push(Frame { func, ip: 0, base: base as u32, size: code.frame_size });
    Ok(base)
}

/// Run from the top frame until the frame stack is back at `depth`.
/// An exception raised by running code is looked for a handler here
/// (`exn.rs`), and running goes on where one catches it.
pub(crate) fn run(
    store: &mut StoreInner,
    depth: usize,
    mut limiter: Option<&mut dyn ResourceLimiter>,
) -> Result<Outcome, TrapAt> {
    loop {
        store.stack.ensure_simd();
        let l = ops::reborrow(&mut limiter);
        let outcome = if store.stack.threaded {
            threaded::run(&mut *store, depth, l)
        } else {
            portable::run(&mut *store, depth, l)
        }?;
        let exn = match outcome {
            Outcome::Throw { tag, base } => {
                exn::alloc_thrown(store, ops::reborrow(&mut limiter), tag, base)?
            }
            Outcome::ThrowRef { exn } => exn,
            Outcome::Collect => {
                collect::collect(store, &[]);
                continue;
            }
            other => return Ok(other),
        };
        if !exn::catch(store, depth, exn) {
            return Ok(Outcome::Exception { exn });
        }
    }
}

/// The Wasm call stack, innermost frame first, read from the frame stack
/// (only when an error needs it: running code pays nothing for this).
/// Every frame but the running one is stopped at a call (its `ip` is past
/// the call op); so is the running one during a host call. A trap leaves
/// the running frame's `ip` stale, so its location comes from `trap`.
pub(crate) fn backtrace(store: &StoreInner, trap: Option<&TrapAt>) -> WasmBacktrace {
    let frames = &store.stack.frames;
    let mut out = Vec::with_capacity(frames.len());
    for (i, f) in frames.iter().enumerate().rev() {
        let FuncKind::Wasm { instance, code } = &store.funcs[f.func as usize].kind else {
            continue;
        };
        let offset = match trap {
            Some(TrapAt { func: Some(_), offset, .. }) if i + 1 == frames.len() => *offset,
            _ => code.offsets.get((f.ip as usize).wrapping_sub(1)),
        };
        out.push(FrameInfo {
            func_index: code.index,
            func_name: store.instances[*instance as usize].names.get(&code.index).cloned(),
            module_offset: offset.map(|o| o as usize),
        });
    }
    WasmBacktrace { frames: out }
}
