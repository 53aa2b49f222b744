//! Execution of the register IR: frames, calls, returns, traps.
//!
//! All Wasm calls push an explicit [`Frame`] on [`Stack::frames`]; values live
//! in one `Vec<u64>` (`Stack::values`) where each frame is a window starting
//! at its `base`. Wasm recursion therefore never grows the native stack.
//! A call to a host function suspends the loop (returning
//! [`Outcome::HostCall`]); the driver in `func.rs` performs it and resumes.
//!
//! This is the portable `enum` + `match` backend.

mod portable;
pub(crate) mod shared;
mod threaded;

use threaded::WINDOW;
pub(crate) use threaded::{Handler, TOp, compile};

use alloc::vec;
use alloc::vec::Vec;

use crate::engine::Config;
use crate::error::{Trap, TrapCode};
use crate::limits::ResourceLimiter;
use crate::store::{FuncKind, StoreInner};

/// A call frame.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    /// Store address of the running function.
    pub func: u32,
    /// Resume position (valid while the frame is not the running one).
    pub ip: u32,
    /// First value slot of the frame.
    pub base: u32,
    /// Number of slots of the frame.
    pub size: u32,
}

/// The value stack and the frame stack of a store.
pub(crate) struct Stack {
    /// The value stack: allocated once, at first use, to `max_slots` plus a
    /// window of spare slots (so every frame window is in bounds); zeroed
    /// memory from the allocator, so untouched pages cost nothing.
    pub values: Vec<u64>,
    pub frames: Vec<Frame>,
    max_slots: usize,
    max_depth: usize,
    threaded: bool,
}

/// Why [`run`] returned without a trap.
pub(crate) enum Outcome {
    /// The entered function returned; its results are at the base `enter` gave.
    Done,
    /// The running code calls host function `func` with arguments at
    /// `values[base..]`; write the results there and call [`run`] again.
    HostCall { func: u32, base: usize, instance: u32 },
    /// A `ConsumeFuel` op needing `required` fuel found less; the top frame
    /// resumes at it.
    OutOfFuel { trap: Trap, required: u64 },
}

impl Stack {
    pub fn new(config: &Config) -> Self {
        Stack {
            values: Vec::new(),
            frames: Vec::new(),
            max_slots: config.max_stack_slots,
            max_depth: config.max_call_depth,
            threaded: config.backend == crate::Backend::Threaded,
        }
    }
    pub fn depth(&self) -> usize {
        self.frames.len()
    }
    /// Drop the frames above `depth` (after a trap or host error).
    pub fn unwind(&mut self, depth: usize) {
        self.frames.truncate(depth);
    }
    /// Check that slots up to `need` fit the limit, allocating the stack on first use.
    #[inline]
    fn ensure(values: &mut Vec<u64>, max_slots: usize, need: usize) -> bool {
        if need > max_slots {
            return false;
        }
        if values.len() < max_slots + WINDOW {
            // `vec![0; n]` takes zeroed pages from the allocator: only the
            // pages a program touches are ever committed.
            let mut full = vec![0u64; max_slots + WINDOW];
            full[..values.len()].copy_from_slice(values);
            *values = full;
        }
        true
    }
    /// Make sure host-call arguments `base..base + n` are addressable.
    pub fn ensure_args(&mut self, base: usize, n: usize) -> bool {
        Self::ensure(&mut self.values, self.max_slots, 0) && base + n <= self.values.len()
    }

    /// First free slot above the frames.
    pub fn top(&self) -> usize {
        self.frames.last().map_or(0, |f| (f.base + f.size) as usize)
    }

    /// Move the frames above `depth` and the values from `base` to the top
    /// out of the stack (frame bases become relative to `base`); also returns
    /// how many values are in use. When that is the whole stack (a suspended
    /// outermost call) the vectors are moved, not copied, so suspending and
    /// resuming cost O(1).
    pub fn take_above(&mut self, depth: usize, base: usize) -> (Vec<Frame>, Vec<u64>, usize) {
        let top = self.top();
        if depth == 0 && base == 0 {
            return (core::mem::take(&mut self.frames), core::mem::take(&mut self.values), top);
        }
        let values = self.values[base..top].to_vec();
        let frames =
            self.frames.drain(depth..).map(|f| Frame { base: f.base - base as u32, ..f }).collect();
        (frames, values, top - base)
    }

    /// Put frames and values taken by [`Stack::take_above`] back at `base`.
    pub fn restore(
        &mut self,
        base: usize,
        frames: Vec<Frame>,
        values: Vec<u64>,
        used: usize,
    ) -> bool {
        if self.frames.is_empty() && base == 0 && values.len() >= self.values.len() {
            self.frames = frames;
            self.values = values;
            return true;
        }
        if self.frames.len() + frames.len() > self.max_depth
            || !Self::ensure(&mut self.values, self.max_slots, base + used)
        {
            return false;
        }
        self.values[base..base + used].copy_from_slice(&values[..used]);
        self.frames.extend(frames.iter().map(|f| Frame { base: f.base + base as u32, ..*f }));
        true
    }
}

/// Push a frame for Wasm function `func` with arguments `args`; returns the
/// frame base, where the results will be.
pub(crate) fn enter(store: &mut StoreInner, func: u32, args: &[u64]) -> Result<usize, Trap> {
    let FuncKind::Wasm { code, .. } = &store.funcs[func as usize].kind else {
        unreachable!("enter() with a host function")
    };
    let stack = &mut store.stack;
    let base = stack.top();
    if stack.frames.len() >= stack.max_depth
        || !Stack::ensure(&mut stack.values, stack.max_slots, base + code.frame_size as usize)
    {
        return Err(Trap::new(TrapCode::StackExhausted));
    }
    let np = code.num_params as usize;
    stack.values[base..base + np].copy_from_slice(&args[..np]);
    stack.values[base + np..base + code.num_locals as usize].fill(0);
    stack.frames.push(Frame { func, ip: 0, base: base as u32, size: code.frame_size });
    Ok(base)
}

/// Run from the top frame until the frame stack is back at `depth`.
pub(crate) fn run<'a>(
    store: &'a mut StoreInner,
    depth: usize,
    limiter: Option<&'a mut dyn ResourceLimiter>,
) -> Result<Outcome, Trap> {
    if store.stack.threaded {
        threaded::run(store, depth, limiter)
    } else {
        portable::run(store, depth, limiter)
    }
}
