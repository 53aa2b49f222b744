//! The value stack and the frame stack of a store: every Wasm call pushes an
//! explicit [`Frame`], so Wasm recursion never grows the native stack; and
//! the moves that suspend and resume a call (`take_above`, `restore`).

use alloc::vec;
use alloc::vec::Vec;

use super::threaded::WINDOW;
use crate::config::{Backend, Config};
use crate::types::ValType;

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

/// A suspended call's part of the stack ([`Stack::take_above`]).
pub(crate) struct Suspended {
    /// Its frames, their bases relative to `values`.
    pub frames: Vec<Frame>,
    pub values: Vec<u64>,
    /// The `v128` file's part (empty if the store has none).
    pub vvalues: Vec<[u8; 16]>,
    /// How many of `values` are in use.
    pub used: usize,
}

/// The value stack and the frame stack of a store.
pub(crate) struct Stack {
    /// The value stack: allocated once, at first use, to `max_slots` plus a
    /// window of spare slots (so every frame window is in bounds); zeroed
    /// memory from the allocator, so untouched pages cost nothing.
    pub values: Vec<u64>,
    /// The `v128` register file: a shadow of `values`, slot for slot (a
    /// `v128` in slot `s` of a frame lives in `vvalues[base + s]`),
    /// allocated (zeroed, as `values`) only once a module that uses `v128`
    /// is instantiated in the store ([`Stack::simd`]).
    pub vvalues: Vec<[u8; 16]>,
    /// Some module of the store uses `v128`: `vvalues` is kept as long as
    /// `values` whenever code runs.
    pub simd: bool,
    pub frames: Vec<Frame>,
    pub(super) max_slots: usize,
    pub(super) max_depth: usize,
    pub(super) threaded: bool,
}

impl Stack {
    pub fn new(config: &Config) -> Self {
        Stack {
            values: Vec::new(),
            vvalues: Vec::new(),
            simd: false,
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
    /// With [`Stack::simd`], give `vvalues` the length of `values` (before a
    /// run: a SIMD handler's window is then in bounds).
    #[inline]
    pub fn ensure_simd(&mut self) {
        if self.simd && self.vvalues.len() < self.values.len() {
            self.grow_simd();
        }
    }

    #[cold]
    fn grow_simd(&mut self) {
        let mut full = vec![[0u8; 16]; self.values.len()];
        full[..self.vvalues.len()].copy_from_slice(&self.vvalues);
        self.vvalues = full;
    }

    /// Write values of types `tys` from `cells` (two for a `v128`, low half
    /// first) to the slots from `base` (the v128 file must be allocated if
    /// one is a `v128`).
    pub fn put_cells(&mut self, base: usize, tys: &[ValType], cells: &[u64]) {
        let mut c = 0;
        for (i, t) in tys.iter().enumerate() {
            let lo = cells.get(c).copied().unwrap_or(0);
            self.values[base + i] = lo;
            c += 1;
            if *t == ValType::V128 {
                let hi = cells.get(c).copied().unwrap_or(0);
                if let Some(v) = self.vvalues.get_mut(base + i) {
                    *v = (u128::from(lo) | u128::from(hi) << 64).to_le_bytes();
                }
                c += 1;
            }
        }
    }

    /// Read values of types `tys` at the slots from `base` into `cells` (as
    /// [`Stack::put_cells`] lays them out).
    pub fn get_cells(&self, base: usize, tys: &[ValType], cells: &mut [u64]) {
        let mut c = 0;
        for (i, t) in tys.iter().enumerate() {
            if *t == ValType::V128 {
                let v = self.vvalues.get(base + i).map_or(0, |v| u128::from_le_bytes(*v));
                if let Some([lo, hi]) = cells.get_mut(c..c + 2) {
                    (*lo, *hi) = (v as u64, (v >> 64) as u64);
                }
                c += 2;
            } else {
                if let Some(x) = cells.get_mut(c) {
                    *x = self.values[base + i];
                }
                c += 1;
            }
        }
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
    /// out of the stack (frame bases become relative to `base`): the frames,
    /// the `u64` values, the `v128` values (empty if the store has none) and
    /// how many values are in use. When that is the whole stack (a
    /// suspended outermost call) the vectors are moved, not copied, so
    /// suspending and resuming cost O(1).
    pub fn take_above(&mut self, depth: usize, base: usize) -> Suspended {
        let top = self.top();
        if depth == 0 && base == 0 {
            return Suspended {
                frames: core::mem::take(&mut self.frames),
                values: core::mem::take(&mut self.values),
                vvalues: core::mem::take(&mut self.vvalues),
                used: top,
            };
        }
        let values = self.values[base..top].to_vec();
        let vvalues = self.vvalues.get(base..top).map_or(Vec::new(), <[_]>::to_vec);
        let frames =
            self.frames.drain(depth..).map(|f| Frame { base: f.base - base as u32, ..f }).collect();
        Suspended { frames, values, vvalues, used: top - base }
    }

    /// Put frames and values taken by [`Stack::take_above`] back at `base`.
    pub fn restore(&mut self, base: usize, saved: Suspended) -> bool {
        let Suspended { frames, values, vvalues, used } = saved;
        if self.frames.is_empty() && base == 0 && values.len() >= self.values.len() {
            self.frames = frames;
            self.values = values;
            self.vvalues = vvalues;
            return true;
        }
        if self.frames.len() + frames.len() > self.max_depth
            || !Self::ensure(&mut self.values, self.max_slots, base + used)
        {
            return false;
        }
        self.values[base..base + used].copy_from_slice(&values[..used]);
        if !vvalues.is_empty() {
            self.ensure_simd();
            if let (Some(to), Some(from)) =
                (self.vvalues.get_mut(base..base + used), vvalues.get(..used))
            {
                to.copy_from_slice(from);
            }
        }
        self.frames.extend(frames.iter().map(|f| Frame { base: f.base + base as u32, ..*f }));
        true
    }
}
