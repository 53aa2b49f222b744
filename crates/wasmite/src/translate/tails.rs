//! Tail duplication: an unconditional `Br` that leads, through at most two
//! short tails (a few straight ops ending in a `Br`), to a `br_table`, a
//! loop latch or a return is replaced by a copy of those tails and their
//! end. (A copy of a `br_table` with many entries is a `BrTableAt` that
//! shares them.)
//!
//! - In a switch loop (a bytecode interpreter) every case then has its own
//!   copy of the dispatch, whose indirect jump the branch predictor learns
//!   per case ("replicated dispatch"), and the jumps to the loop head are
//!   gone.
//! - A latch is a few straight ops ending in a conditional branch back to
//!   the loop (`i++; if (i < n) continue`). A `Br` to it (the end of an
//!   `if` arm, a `continue`) becomes a copy of it, and the copy's fallthrough
//!   an explicit `Br` taken once, when the loop ends: one dispatch less per
//!   iteration, and a back edge per arm for the branch predictor.
//! - A `Br` back to a loop head that is a conditional exit (a `while`
//!   loop) becomes the head's negated test ([`invert`]).
//! - A `Br` to the function's return (`if` arms that end the function, a
//!   `goto out`) becomes the return: one dispatch less.
//!
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

/// How a tail ends.
#[derive(Clone, Copy)]
enum End {
    /// In a `Br` to this op: the chain goes on there.
    Jump(u32),
    /// In a `br_table` and its entries.
    Table,
    /// In a `br_table` (this op) with more entries than are worth copying:
    /// the copy becomes a `BrTableAt` that shares them.
    TableAt,
    /// In a return.
    Return,
    /// In a conditional branch back to the loop head (this op); it falls
    /// through to the op after the tail.
    Latch(u32),
}

/// Where the tail starting at op `t` ends (exclusive: past its final op
/// and, for a `br_table`, past its entries), if it is short enough to copy,
/// and how.
fn tail_end(code: &[Op], t: usize) -> Option<(usize, End)> {
    let mut i = t;
    loop {
        let op = code.get(i)?;
        match *op {
            Op::Br { target } => return Some((i + 1, End::Jump(target))),
            Op::BrTable { len, .. } if len <= MAX_TABLE => {
                return Some((i + 1 + len as usize, End::Table));
            }
            Op::BrTable { .. } => return Some((i + 1, End::TableAt)),
            Op::Return {} | Op::Return1 { .. } | Op::ReturnN { .. } => {
                return Some((i + 1, End::Return));
            }
            // (A copy charges and checks as the original would.)
            Op::ConsumeFuel { .. } | Op::CheckEpoch {} => {}
            _ if op.is_control() => return None,
            _ => {
                let mut op = *op;
                match op.target_mut() {
                    Some(&mut target) if target as usize <= i => {
                        return Some((i + 1, End::Latch(target)));
                    }
                    Some(_) => return None,
                    None => {}
                }
            }
        }
        if i - t >= MAX_STRAIGHT {
            return None;
        }
        i += 1;
    }
}

/// What replaces the `Br` at op `at` to `from`: the code ranges of the tails
/// followed through their final `Br`s (which are left out) to a `br_table`
/// or the latch of a loop the `Br` is in, and for a latch the op it falls
/// through to. (A `Br` into a loop from before it, like the one the
/// translator puts before a loop at op 0, gains nothing from a copy.)
struct Chain {
    parts: [(usize, usize); MAX_CHAIN],
    n: usize,
    fallthrough: Option<u32>,
}

impl Chain {
    /// Ops in the copy.
    fn len(&self) -> usize {
        self.parts[..self.n].iter().map(|p| p.1 - p.0).sum::<usize>()
            + usize::from(self.fallthrough.is_some())
    }
}

fn chain(code: &[Op], at: usize, mut from: usize) -> Option<Chain> {
    let mut parts = [(0, 0); MAX_CHAIN];
    for n in 0..MAX_CHAIN {
        let (end, how) = tail_end(code, from)?;
        let fallthrough = match how {
            End::Jump(target) => {
                parts[n] = (from, end - 1);
                from = target as usize;
                continue;
            }
            End::Table | End::TableAt | End::Return => None,
            End::Latch(head) if head as usize <= at => Some(end as u32),
            End::Latch(_) => return None,
        };
        parts[n] = (from, end);
        return Some(Chain { parts, n: n + 1, fallthrough });
    }
    None
}

/// Loop inversion: a loop whose head is a conditional exit (`while (c) {
/// .. }`, as `loop { br_if $exit !c; ..; br $loop }`) runs the head's test
/// twice per iteration, with the `Br` back to it. The `Br` at `at` back to
/// `head` becomes the negated test, jumping back past the head, and a `Br`
/// to the exit (or the return there), taken once. (Old numbering, like all
/// copies.)
fn invert(code: &[Op], at: usize, head: usize) -> Option<[Op; 2]> {
    if head > at {
        return None;
    }
    let mut test = code.get(head)?.negated_branch()?;
    let target = test.target_mut()?;
    let exit = *target;
    if exit as usize <= head {
        return None;
    }
    *target = head as u32 + 1;
    // (A jump to a return is the return.)
    let leave = code.get(exit as usize).copied().filter(Op::is_return);
    Some([test, leave.unwrap_or(Op::Br { target: exit })])
}

/// Set `is_target[i]` (`code.len() + 1` entries) for each op `i` some op of
/// `code` jumps to. Targets are mapped through `moved` if it is not empty
/// (code after [`duplicate`], whose targets keep the old numbering).
pub(super) fn mark_targets(code: &[Op], moved: &[u32], is_target: &mut Vec<bool>) {
    is_target.clear();
    is_target.resize(code.len() + 1, false);
    for mut op in code.iter().copied() {
        if let Some(&mut t) = op.target_mut() {
            let t = moved.get(t as usize).copied().unwrap_or(t) as usize;
            if let Some(b) = is_target.get_mut(t) {
                *b = true;
            }
        }
    }
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
/// `br_table` or a latch through short tails by a copy of them ([`chain`]). `offsets`
/// (the Wasm offset of each op) is kept in step. Targets keep the old
/// numbering: `map` becomes the new index of each old op (and of the end)
/// if the code was rebuilt, else is left empty.
pub(super) fn duplicate(code: &mut Vec<Op>, offsets: &mut Vec<u32>, map: &mut Vec<u32>) {
    map.clear();
    // A `Br` to a return becomes the return (in place: same size). Is there
    // anything else to do? (Most functions: no; this scan is cheap.)
    let mut copies = false;
    let mut entries_left = 0u32;
    for i in 0..code.len() {
        let is_entry = entries_left > 0;
        entries_left = entries_left.saturating_sub(1);
        match code[i] {
            Op::BrTable { len, .. } => entries_left = len,
            Op::Br { target } if !is_entry => match code.get(target as usize) {
                Some(&ret) if ret.is_return() => code[i] = ret,
                // The copying below replaces the remaining ones.
                _ if chain(code, i, target as usize).is_some()
                    || invert(code, i, target as usize).is_some() =>
                {
                    copies = true;
                    break;
                }
                _ => {}
            },
            _ => {}
        }
    }
    if !copies {
        return;
    }
    let budget = code.len() * (1 + MAX_GROWTH);
    // Room for some growth; usually only a few `Br`s are replaced.
    let room = code.len() + code.len() / 4;
    let mut new_code = Vec::with_capacity(room);
    let mut new_offsets = Vec::with_capacity(room);
    // New index of each old op; copied ops keep old targets.
    map.reserve(code.len() + 1);
    let mut is_target = Vec::new();
    mark_targets(code, &[], &mut is_target);
    for (i, br) in branches(code) {
        map.push(new_code.len() as u32);
        let op = &code[i];
        if let Some([test, exit]) = br.and_then(|t| invert(code, i, t as usize))
            && new_code.len() + 2 <= budget
        {
            // The test may fuse with the op before (a loop counter step),
            // unless a jump lands between them.
            let fused = match new_code.last_mut() {
                Some(prev) if !is_target[i] => {
                    super::fuse::fuse_pair(*prev, test).map(|f| *prev = f)
                }
                _ => None,
            };
            if fused.is_none() {
                new_code.push(test);
                new_offsets.push(offsets[i]);
            }
            new_code.push(exit);
            new_offsets.push(offsets[i]);
            continue;
        }
        let copy = br.and_then(|t| chain(code, i, t as usize));
        match copy {
            Some(c) if new_code.len() + c.len() <= budget => {
                for &(from, to) in &c.parts[..c.n] {
                    new_code.extend_from_slice(&code[from..to]);
                    new_offsets.extend_from_slice(&offsets[from..to]);
                }
                // A big table's copy shares its entries (renumbered below).
                if let Some(last) = new_code.last_mut()
                    && let Op::BrTable { index, len, add } = *last
                    && len > MAX_TABLE
                {
                    let at = (c.parts[c.n - 1].1 - 1) as u32;
                    *last = Op::BrTableAt { index, len, add, at };
                }
                if let Some(target) = c.fallthrough {
                    new_code.push(Op::Br { target });
                    new_offsets.push(offsets[i]);
                }
            }
            _ => {
                let ret = br.and_then(|t| code.get(t as usize)).filter(|op| op.is_return());
                new_code.push(*ret.unwrap_or(op));
                new_offsets.push(offsets[i]);
            }
        }
    }
    map.push(new_code.len() as u32);
    *code = new_code;
    *offsets = new_offsets;
}
