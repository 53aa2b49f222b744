//! Tail duplication for switch loops: an unconditional `Br` that leads,
//! through at most two short tails (a few straight ops ending in a `Br`), to
//! a `br_table` is replaced by a copy of those tails and the `br_table`.
//!
//! In a switch loop (a bytecode interpreter) every case then has its own
//! copy of the dispatch, whose indirect jump the branch predictor learns per
//! case ("replicated dispatch"), and the jumps to the loop head are gone.
//! Other tails are left alone: copying them saved no measurable time, and
//! the pass costs translation time only where it applies.

use alloc::vec::Vec;

use crate::ir::Op;

/// At most this many straight ops before the tail's final jump.
const MAX_STRAIGHT: usize = 4;
/// A `br_table` tail is copied only up to this many entries.
const MAX_TABLE: u32 = 64;
/// At most this many tails are followed from one `Br` (a tail ending in a
/// `Br` to another tail).
const MAX_CHAIN: usize = 2;
/// The code may grow by at most this many ops per op it had.
const MAX_GROWTH: usize = 1;

/// Where the tail starting at op `t` ends (exclusive: past its final op
/// and, for a `br_table`, past its entries), if it is short enough to copy,
/// and the target of its final op if that is a `Br`.
fn tail_end(code: &[Op], t: usize) -> Option<(usize, Option<u32>)> {
    let mut i = t;
    loop {
        let op = code.get(i)?;
        match *op {
            Op::Br { target } => return Some((i + 1, Some(target))),
            Op::BrTable { len, .. } if len <= MAX_TABLE => {
                return Some((i + 1 + len as usize, None));
            }
            Op::ConsumeFuel { .. } => {}
            _ if op.is_control() => return None,
            _ => {
                let mut op = *op;
                if op.target_mut().is_some() {
                    return None;
                }
            }
        }
        if i - t >= MAX_STRAIGHT {
            return None;
        }
        i += 1;
    }
}

/// The code ranges to copy in place of a `Br` to `from`: tails followed
/// through their final `Br`s (which are left out) to a `br_table`, if one is
/// reached.
fn chain(code: &[Op], mut from: usize) -> Option<([(usize, usize); MAX_CHAIN], usize)> {
    let mut parts = [(0, 0); MAX_CHAIN];
    for (n, part) in parts.iter_mut().enumerate() {
        let (end, follow) = tail_end(code, from)?;
        match follow {
            Some(target) => {
                *part = (from, end - 1);
                from = target as usize;
            }
            None => {
                *part = (from, end);
                return Some((parts, n + 1));
            }
        }
    }
    None
}

/// Each op's index, with the target of the op if it is an unconditional
/// `Br` that is not a `br_table` entry.
fn branches(code: &[Op]) -> impl Iterator<Item = (usize, Option<u32>)> + '_ {
    let mut entries_left = 0u32;
    code.iter().enumerate().map(move |(i, op)| {
        let is_entry = entries_left > 0;
        entries_left = entries_left.saturating_sub(1);
        match *op {
            Op::BrTable { len, .. } => {
                entries_left = len;
                (i, None)
            }
            Op::Br { target } if !is_entry => (i, Some(target)),
            _ => (i, None),
        }
    })
}

/// Replace each unconditional `Br` (not a `br_table` entry) that leads to a
/// `br_table` through short tails by a copy of them ([`chain`]). `offsets`
/// (the Wasm offset of each op) is kept in step. Targets are renumbered.
pub(super) fn duplicate(code: &mut Vec<Op>, offsets: &mut Vec<u32>) {
    // Is there anything to do? (Most functions: no; this scan is cheap.)
    if !branches(code).any(|(_, t)| t.is_some_and(|t| chain(code, t as usize).is_some())) {
        return;
    }
    let budget = code.len() * (1 + MAX_GROWTH);
    // Room for some growth; usually only a few `Br`s are replaced.
    let room = code.len() + code.len() / 4;
    let mut new_code = Vec::with_capacity(room);
    let mut new_offsets = Vec::with_capacity(room);
    // New index of each old op; copied ops keep old targets until the end.
    let mut map = Vec::with_capacity(code.len() + 1);
    for (i, br) in branches(code) {
        map.push(new_code.len() as u32);
        let op = &code[i];
        let copy = br.and_then(|t| chain(code, t as usize));
        match copy {
            Some((parts, n))
                if new_code.len() + parts[..n].iter().map(|p| p.1 - p.0).sum::<usize>()
                    <= budget =>
            {
                for &(from, to) in &parts[..n] {
                    new_code.extend_from_slice(&code[from..to]);
                    new_offsets.extend_from_slice(&offsets[from..to]);
                }
            }
            _ => {
                new_code.push(*op);
                new_offsets.push(offsets[i]);
            }
        }
    }
    map.push(new_code.len() as u32);
    for op in &mut new_code {
        if let Some(t) = op.target_mut() {
            *t = map[*t as usize];
        }
    }
    *code = new_code;
    *offsets = new_offsets;
}
