//! Exceptions in the executor: allocating the object a `throw` raises
//! (admitted like any GC object: collecting the store's garbage first when
//! its budget is spent, refused past the heap's limits), and the unwinder,
//! which finds the handler of a raised exception in the catch tables of the
//! frames above the run's entry depth.
//!
//! Out of line and cold: code that does not throw pays nothing for this,
//! as entering and leaving a `try_table` emits no op (its clauses are the
//! function's [`Catch`] table).

use alloc::vec::Vec;

use super::code::Catch;
use super::machine::{FuncKind, StoreInner};
use super::ops::reborrow;
use crate::error::{TrapAt, TrapCode};
use crate::limits::ResourceLimiter;
use crate::runtime::Admit;
use crate::types::ValType;

/// The exception of tag `tag` (store address) whose payload is at
/// `values[base..]` (a `v128` from the shadow file): allocated, its handle;
/// if the limits refuse it, the trap of the throw.
pub(crate) fn alloc_thrown(
    store: &mut StoreInner,
    limiter: Option<&mut dyn ResourceLimiter>,
    tag: u32,
    base: usize,
) -> Result<u64, TrapAt> {
    let ty = &store.tags[tag as usize].ty;
    let stack = &store.stack;
    let mut payload = Vec::with_capacity(ty.params().len());
    for (i, t) in ty.params().iter().enumerate() {
        if *t == ValType::V128 {
            let v = u128::from_le_bytes(stack.vvalues.get(base + i).copied().unwrap_or_default());
            payload.extend([v as u64, (v >> 64) as u64]);
        } else {
            payload.push(stack.values[base + i]);
        }
    }
    alloc(store, limiter, tag, payload).ok_or_else(|| {
        // At the throw: the top frame stopped past it.
        let f = store.stack.frames.last().copied();
        let code = f.and_then(|f| match &store.funcs[f.func as usize].kind {
            FuncKind::Wasm { instance, code } => Some((f.ip, code, *instance)),
            FuncKind::Host(_) => None,
        });
        match code {
            Some((ip, code, i)) => super::portable::trap_at(
                TrapCode::AllocationTooLarge,
                code,
                &store.instances[i as usize],
                ip as usize,
            ),
            None => TrapAt::new(TrapCode::AllocationTooLarge),
        }
    })
}

/// Allocate the exception of tag `tag` with payload cells `payload` (a
/// `v128` taking two, low half first), admitted as any GC object (a
/// collection may run first); its handle, or `None` if the limits refuse
/// it.
pub(crate) fn alloc(
    store: &mut StoreInner,
    mut limiter: Option<&mut dyn ResourceLimiter>,
    tag: u32,
    payload: Vec<u64>,
) -> Option<u64> {
    // Twice at most: after a collection, the heap answers Go or Refuse.
    loop {
        match store.heap.admit(payload.len() * 8, reborrow(&mut limiter), true) {
            Admit::Go => return Some(store.heap.alloc_exn(tag, &payload)),
            Admit::Collect => super::collect::collect(store, &payload),
            Admit::Refuse => return None,
        }
    }
}

/// Find the handler of exception `exn` in the frames above `depth`,
/// innermost first: on a match, drop the frames above the handler's, put
/// the payload (and the reference, for a `_ref` clause) in the clause's
/// slots and resume the frame at its landing pad; `true`. Otherwise
/// nothing changes (the frames stay for the backtrace); `false`.
pub(crate) fn catch(store: &mut StoreInner, depth: usize, exn: u64) -> bool {
    let Some((tag, _)) = store.heap.exn(exn) else { return false };
    let frames = &store.stack.frames;
    for k in (depth..frames.len()).rev() {
        let f = frames[k];
        let FuncKind::Wasm { instance, code } = &store.funcs[f.func as usize].kind else {
            continue;
        };
        // The raising op: the throw, or the call this frame waits in.
        let at = f.ip.wrapping_sub(1);
        let tags = &store.instances[*instance as usize].tags;
        let catches = &code.catches;
        let mut i = 0;
        let mut hit = None;
        while let Some(c) = catches.get(i) {
            i += 1;
            if c.start > at || at >= c.end {
                continue;
            }
            if c.tag == Catch::DELEGATE {
                i = c.pad as usize;
            } else if c.tag == Catch::ALL || tags.get(c.tag as usize) == Some(&tag) {
                hit = Some(*c);
                break;
            }
        }
        let Some(c) = hit else { continue };
        let dst = f.base as usize + c.dst as usize;
        deliver(store, exn, tag, &c, dst);
        let frames = &mut store.stack.frames;
        frames.truncate(k + 1);
        frames[k].ip = c.pad;
        return true;
    }
    false
}

/// Write what clause `c` passes to its label at `values[dst..]`.
fn deliver(store: &mut StoreInner, exn: u64, tag: u32, c: &Catch, dst: usize) {
    let mut at = dst;
    if c.tag != Catch::ALL {
        let ty = &store.tags[tag as usize].ty;
        let payload: Vec<u64> = store.heap.exn(exn).map(|(_, c)| c.collect()).unwrap_or_default();
        let stack = &mut store.stack;
        if ty.has_v128() {
            stack.ensure_simd();
        }
        let mut cells = payload.into_iter();
        for t in ty.params() {
            let lo = cells.next().unwrap_or(0);
            if *t == ValType::V128 {
                let hi = cells.next().unwrap_or(0);
                let v = u128::from(lo) | u128::from(hi) << 64;
                if let Some(slot) = stack.vvalues.get_mut(at) {
                    *slot = v.to_le_bytes();
                }
                stack.values[at] = lo;
            } else {
                stack.values[at] = lo;
            }
            at += 1;
        }
    }
    if c.ref_at != Catch::NO_REF {
        let base = dst - c.dst as usize;
        store.stack.values[base + c.ref_at as usize] = exn;
    }
}
