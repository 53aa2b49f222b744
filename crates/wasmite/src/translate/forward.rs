//! Forwarding, the last pass over a function's code: the op after one
//! that wrote a slot reads that slot from the accumulator.

use alloc::vec::Vec;

use super::tails;
use crate::ir::{ACC, Op, Slot};

/// Forwarding, the last pass over a function's code: an op that writes its
/// result to a slot leaves it in the accumulator too
/// ([`Op::result_in_acc`]), so the op after it, if no jump lands there, may read that
/// slot's value from the accumulator: no load, and no wait for the store to
/// reach it. (Reads of the slot by its other operands still load it.)
/// And an op followed by the return of its result writes it to slot 0, if
/// `slot0` (slot 0 is a local, not renumbered). Targets are in the numbering before `tails::duplicate`: `moved` maps them
/// (if not empty). `is_target` is scratch space.
pub(super) fn forward_results(
    code: &mut [Op],
    moved: &[u32],
    is_target: &mut Vec<bool>,
    slot0: bool,
) {
    tails::mark_targets(code, moved, is_target);
    for (i, &target) in is_target.iter().enumerate().take(code.len()).skip(1) {
        let (before, after) = code.split_at_mut(i);
        if let (Some(prev), Some(next)) = (before.last_mut(), after.first_mut())
            && !target
            && let Some(s) = prev.result_in_acc()
            && s != ACC
        {
            // An op whose result is returned right after writes it to slot 0
            // (where results go) itself.
            if slot0 && *next == (Op::Return1 { src: s }) {
                if let Some(dst) = prev.dst_mut() {
                    *dst = 0;
                }
                *next = Op::Return {};
            } else {
                forward_to(s, next);
            }
        }
    }
}

/// Make `next` read slot `s` from the accumulator, if `s` is the operand it
/// may take there (after swapping a commutative op's operands if need be).
fn forward_to(s: Slot, next: &mut Op) {
    match next.acc_in_mut() {
        Some(a) if *a == s => *a = ACC,
        // (Swapping only helps an op that reads `s` as its other operand.)
        Some(_) => {
            let mut swapped = *next;
            if swapped.swap_operands()
                && let Some(a) = swapped.acc_in_mut()
                && *a == s
            {
                *a = ACC;
                *next = swapped;
            }
        }
        None => {}
    }
}
