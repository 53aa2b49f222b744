//! The value stack and the frame stack of a store: every Wasm call pushes an
//! explicit [`Frame`], so Wasm recursion never grows the native stack; and
//! the moves that suspend and resume a call (`take_above`, `restore`).

use alloc::vec;
use alloc::vec::Vec;

use super::threaded::WINDOW;
use crate::config::{Backend, Config};

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
    pub(super) max_slots: usize,
    pub(super) max_depth: usize,
    pub(super) threaded: bool,
}

impl Stack {
    pub fn new(config: &Config) -> Self {
        Stack {
            values: Vec::new(),
            frames: Vec::new(),
            max_slots: config.max_stack_slots,
            max_depth: config.max_call_depth,
            threaded: config.backend == Backend::Threaded,
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
    pub(super) fn ensure(values: &mut Vec<u64>, max_slots: usize, need: usize) -> bool {
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
