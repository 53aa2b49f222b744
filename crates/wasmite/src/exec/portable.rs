//! The portable backend: a `match` over the op list, one arm per op. Used
//! by debug builds and on targets where the threaded backend's tail calls are
//! not guaranteed.

use alloc::sync::Arc;
use core::sync::atomic::{AtomicU64, Ordering};

use super::ops::*;
use super::{CompiledFunc, FuncEntity, FuncKind, InstanceEntity, StoreInner};
use super::{Frame, Outcome, Stack};
use crate::error::{TrapAt, TrapCode};
use crate::ir::{ACC, Op};
use crate::limits::ResourceLimiter;
use crate::semantics as sem;

/// Expand the shared op list into a `match` with the control arms first.
macro_rules! portable_match {
    (($op:expr, { $($extra:tt)* }) $( $name:ident { $($f:ident),* } => $body:block; )*) => {
        match $op {
            $($extra)*
            $( Op::$name { $($f),* } => $body )*
        }
    };
}

#[cold]
pub(super) fn trap_at(
    code: TrapCode,
    f: &CompiledFunc,
    inst: &InstanceEntity,
    ip: usize,
) -> TrapAt {
    let name = inst.names.get(&f.index).cloned();
    TrapAt::at(code, f.index, name, f.offsets.get(ip.wrapping_sub(1)))
}

pub(super) fn wasm_code_of(funcs: &[FuncEntity], func: u32) -> (&Arc<CompiledFunc>, u32) {
    match &funcs[func as usize].kind {
        FuncKind::Wasm { instance, code } => (code, *instance),
        FuncKind::Host(_) => unreachable!("frame of a host function"),
    }
}

pub(super) fn run(
    store: &mut StoreInner,
    depth: usize,
    mut limiter: Option<&mut dyn ResourceLimiter>,
) -> Result<Outcome, TrapAt> {
    let StoreInner {
        funcs,
        memories,
        tables,
        globals,
        instances,
        elems,
        datas,
        stack,
        fuel,
        types,
        engine,
        epoch_deadline,
        heap,
        ..
    } = store;
    let store_types = &*types;
    let (epoch, epoch_deadline): (&AtomicU64, u64) = (&engine.epoch, *epoch_deadline);
    let Stack { values, vvalues, frames, max_slots, max_depth, .. } = stack;
    let (max_slots, max_depth) = (*max_slots, *max_depth);

    let top = *frames.last().expect("run() without a frame");
    let (mut func, mut inst_idx) = match &funcs[top.func as usize].kind {
        FuncKind::Wasm { instance, code } => (code, *instance),
        FuncKind::Host(_) => unreachable!(),
    };
    let mut inst = &instances[inst_idx as usize];
    let mut code: &[super::TOp] = &func.threaded;
    let mut ip = top.ip as usize;
    let mut base = top.base as usize;
    let mut mem0 = inst.memories.first().copied().unwrap_or(u32::MAX) as usize;

    // The accumulator: slot `ACC` names it (checked at every access here;
    // the threaded backend has a handler per form instead).
    let mut acc: u64 = 0;
    macro_rules! r {
        ($s:expr) => {{
            let s = $s as usize;
            if s == ACC as usize { acc } else { values[base + s] }
        }};
    }
    macro_rules! w {
        // An op's result is left in the accumulator even when it goes to a
        // slot, except `@keep dst` (see `Op::result_in_acc`). (`dst` is matched as a literal in a
        // second step: the slot must keep its own token, which names the
        // arm's field.)
        ($s:ident, $v:expr) => {
            w!(@dst $s, $s, $v)
        };
        (@keep $s:ident, $v:expr) => {
            w!(@slot $s, $v)
        };
        (@dst dst, $s:ident, $v:expr) => {{
            let (s, v): (usize, u64) = ($s as usize, $v);
            if s != ACC as usize {
                values[base + s] = v;
            }
            acc = v;
        }};
        (@dst $other:ident, $s:ident, $v:expr) => {
            w!(@slot $s, $v)
        };
        (@slot $s:expr, $v:expr) => {{
            let (s, v): (usize, u64) = ($s as usize, $v);
            if s == ACC as usize {
                acc = v;
            } else {
                values[base + s] = v;
            }
        }};
        ($s:expr, $v:expr) => {
            w!(@slot $s, $v)
        };
    }
    macro_rules! trap {
        ($c:expr) => {
            return Err(trap_at($c, func, inst, ip))
        };
    }
    macro_rules! br_if {
        ($cond:expr, $target:expr) => {
            if $cond {
                ip = $target as usize;
            }
        };
    }
    macro_rules! mem {
        () => {
            &mut memories[mem0].data
        };
    }
    macro_rules! memory {
        ($m:expr) => {
            memories[inst.memories[$m as usize] as usize]
        };
    }
    macro_rules! tables {
        () => {
            tables
        };
    }
    macro_rules! globals {
        () => {
            globals
        };
    }
    macro_rules! datas {
        () => {
            datas
        };
    }
    macro_rules! elems {
        () => {
            elems
        };
    }
    macro_rules! inst {
        () => {
            inst
        };
    }
    macro_rules! limiter {
        () => {
            reborrow(&mut limiter)
        };
    }
    macro_rules! heap {
        () => {
            heap
        };
    }
    macro_rules! types {
        () => {
            store_types
        };
    }
    macro_rules! funcs {
        () => {
            &funcs[..]
        };
    }
    // Stop at the current op to collect the GC heap (it runs again).
    macro_rules! collect {
        () => {{
            if let Some(f) = frames.last_mut() {
                f.ip = (ip - 1) as u32;
            }
            return Ok(Outcome::Collect);
        }};
    }
    // The v128 register file (SIMD ops only).
    macro_rules! vcell {
        ($s:expr) => {
            core::cell::Cell::from_mut(&mut vvalues[base + $s as usize])
        };
    }
    macro_rules! vr {
        ($s:expr) => {
            vvalues[base + $s as usize]
        };
    }
    macro_rules! vw {
        ($s:expr, $v:expr) => {{
            let v: [u8; 16] = $v;
            vvalues[base + $s as usize] = v;
        }};
    }
    // Switch the loop's state to frame `$f`.
    macro_rules! enter_frame {
        ($f:expr) => {{
            let f: Frame = $f;
            let (c, i) = wasm_code_of(funcs, f.func);
            func = c;
            code = &func.threaded;
            if i != inst_idx {
                inst_idx = i;
                inst = &instances[i as usize];
                mem0 = inst.memories.first().copied().unwrap_or(u32::MAX) as usize;
            }
            ip = f.ip as usize;
            base = f.base as usize;
        }};
    }
    // Take fuel, or stop at the current op (a resumed call re-runs it).
    macro_rules! charge {
        ($amount:expr) => {{
            let amount: u64 = $amount;
            if *fuel < amount {
                if let Some(f) = frames.last_mut() {
                    f.ip = (ip - 1) as u32;
                }
                let trap = trap_at(TrapCode::OutOfFuel, func, inst, ip);
                return Ok(Outcome::OutOfFuel { trap, required: amount });
            }
            *fuel -= amount;
        }};
    }
    macro_rules! do_return {
        () => {{
            frames.pop();
            if frames.len() == depth {
                return Ok(Outcome::Done);
            }
            enter_frame!(*frames.last().unwrap());
        }};
    }
    macro_rules! call {
        ($addr:expr, $b:expr) => {{
            let addr: u32 = $addr;
            let new_base = base + $b as usize;
            if let Some(f) = frames.last_mut() {
                f.ip = ip as u32;
            }
            match &funcs[addr as usize].kind {
                FuncKind::Wasm { code: callee, .. } => {
                    let size = callee.frame_size as usize;
                    if frames.len() >= max_depth
                        || !Stack::ensure(values, max_slots, new_base + size)
                    {
                        trap!(TrapCode::StackExhausted);
                    }
                    values[new_base + callee.num_params as usize
                        ..new_base + callee.num_locals as usize]
                        .fill(0);
                    let f = Frame { func: addr, ip: 0, base: new_base as u32, size: size as u32 };
                    frames.push(f);
                    enter_frame!(f);
                }
                FuncKind::Host(_) => {
                    return Ok(Outcome::HostCall {
                        func: addr,
                        base: new_base,
                        instance: inst_idx,
                    });
                }
            }
        }};
    }

    // A tail call: the callee replaces the running frame (same base and
    // depth), its arguments moved from slot `$b..` down to the frame's start.
    macro_rules! tail_call {
        ($addr:expr, $b:expr) => {{
            let addr: u32 = $addr;
            let args = base + $b as usize;
            match &funcs[addr as usize].kind {
                FuncKind::Wasm { code: callee, .. } => {
                    let size = callee.frame_size as usize;
                    if !Stack::ensure(values, max_slots, base + size) {
                        trap!(TrapCode::StackExhausted);
                    }
                    let np = callee.num_params as usize;
                    values.copy_within(args..args + np, base);
                    values[base + np..base + callee.num_locals as usize].fill(0);
                    let f = Frame { func: addr, ip: 0, base: base as u32, size: size as u32 };
                    match frames.last_mut() {
                        Some(top) => *top = f,
                        None => trap!(TrapCode::Unreachable),
                    }
                    enter_frame!(f);
                }
                FuncKind::Host(_) => {
                    // Called as by `Call`; the return after this op returns
                    // its results.
                    if let Some(f) = frames.last_mut() {
                        f.ip = ip as u32;
                    }
                    return Ok(Outcome::HostCall { func: addr, base: args, instance: inst_idx });
                }
            }
        }};
    }
    // `call_indirect`'s checks: the store address of the callee.
    macro_rules! indirect {
        ($index:expr, $ty:expr, $table:expr) => {{
            let t = &tables[inst.tables[$table as usize] as usize];
            let Some(&fref) = t.elems.get(r!($index) as u32 as usize) else {
                trap!(TrapCode::UndefinedElement)
            };
            let Some(addr) = fref.checked_sub(1) else { trap!(TrapCode::UninitializedElement) };
            let (have, want) = (funcs[addr as usize].sig, inst.types[$ty as usize]);
            if have != want && !store_types.is_subtype(have, want) {
                trap!(TrapCode::IndirectCallTypeMismatch)
            }
            addr as u32
        }};
    }

    loop {
        let op = code[ip].op();
        ip += 1;
        for_each_op_body!(portable_match, op, {
            Op::Trap { code } => trap!(code),
            Op::Br { target } => ip = target as usize,
            Op::BrTable { index, len, add } => {
                ip += (r!(index) as u32).wrapping_add(add as u32).min(len - 1) as usize;
            },
            Op::BrTableAt { index, len, add, at } => {
                let i = (r!(index) as u32).wrapping_add(add as u32).min(len - 1) as usize;
                let Op::Br { target } = code[at as usize + 1 + i].op() else {
                    trap!(TrapCode::Unreachable)
                };
                ip = target as usize;
            },
            Op::Return {} => do_return!(),
            Op::Return1 { src } => {
                values[base] = r!(src);
                do_return!()
            },
            Op::ReturnN { start, count } => {
                let s = base + start as usize;
                values.copy_within(s..s + count as usize, base);
                do_return!()
            },
            Op::Call { func: f, base: b, .. } => call!(inst.funcs[f as usize], b),
            Op::CallIndirect { base: b, index, ty, table } => {
                call!(indirect!(index, ty, table), b)
            },
            Op::ReturnCall { func: f, base: b } => tail_call!(inst.funcs[f as usize], b),
            Op::ReturnCallIndirect { base: b, index, ty, table } => {
                tail_call!(indirect!(index, ty, table), b)
            },
            Op::CallRef { base: b, fref } => {
                let Some(addr) = r!(fref).checked_sub(1) else { trap!(TrapCode::NullFunctionReference) };
                call!(addr as u32, b)
            },
            Op::ReturnCallRef { base: b, fref } => {
                let Some(addr) = r!(fref).checked_sub(1) else { trap!(TrapCode::NullFunctionReference) };
                tail_call!(addr as u32, b)
            },
            Op::Throw { tag, base: b } => {
                if let Some(f) = frames.last_mut() {
                    f.ip = ip as u32;
                }
                let tag = inst.tags[tag as usize];
                return Ok(Outcome::Throw { tag, base: base + b as usize });
            },
            Op::ThrowRef { exn } => {
                let exn = r!(exn);
                if exn == 0 {
                    trap!(TrapCode::NullReference)
                }
                if let Some(f) = frames.last_mut() {
                    f.ip = ip as u32;
                }
                return Ok(Outcome::ThrowRef { exn });
            },
            Op::ConsumeFuelBulk { shift } => {
                // The bulk op after this one: its length, if in bounds.
                let n = match code.get(ip) {
                    Some(next) => bulk_len!(next.op()),
                    None => None,
                };
                charge!(n.map_or(0, |n| n >> shift))
            },
            Op::ConsumeFuel { amount } => charge!(u64::from(amount)),
            Op::CheckEpoch {} => {
                if epoch.load(Ordering::Relaxed) >= epoch_deadline {
                    // Stop at this op: a resumed call checks again.
                    if let Some(f) = frames.last_mut() {
                        f.ip = (ip - 1) as u32;
                    }
                    let trap = trap_at(TrapCode::Interrupt, func, inst, ip);
                    return Ok(Outcome::Interrupt { trap });
                }
            },
        });
    }
}
