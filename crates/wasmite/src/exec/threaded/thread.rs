//! Threading: a function's IR becomes threaded code, each op in its flat
//! encoding with the handler of the op after it ([`compile`]).

use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;

use super::{Handler, TOp, end_of_code, h};
use crate::exec::ops::{for_each_shared_op, for_each_vector_op};
use crate::ir::{ACC, FLAT_BYTES, Flat, Op, Renumber, flat};

/// Threaded code for a function: the `init` ops then its `code`, both
/// renumbered by `map` ([`Renumber`]), and the handler of the first op.
pub(crate) fn compile(init: &[Op], code: &[Op], map: Renumber<'_>) -> (Box<[TOp]>, Handler) {
    let mut ops = vec![TOp { next: end_of_code, raw: [0; FLAT_BYTES] }; init.len() + code.len()];
    // Each op's handler goes into the op before it.
    let mut entry = end_of_code as Handler;
    let mut before = &mut entry;
    let mut tables = Vec::new();
    let (init_ops, code_ops) = ops.split_at_mut(init.len());
    for (t, op) in init_ops.iter_mut().zip(init) {
        *before = thread(op, &mut t.raw, map);
        before = &mut t.next;
    }
    for (k, (t, op)) in code_ops.iter_mut().zip(code).enumerate() {
        let with_ret;
        let op = match *op {
            Op::Call { func, base, .. } => {
                with_ret = Op::Call { func, base, ret: (init.len() + k + 1) as u32 };
                &with_ret
            }
            _ => op,
        };
        *before = thread(op, &mut t.raw, map);
        before = &mut t.next;
        if let Op::BrTable { len, .. } = *op {
            tables.push((init.len() + k, len as usize));
        }
    }
    debug_assert!(no_jump_into_tables(code, map, &tables), "a jump to a br_table entry");
    for (k, len) in tables {
        thread_table(&mut ops, k, len, entry);
    }
    (ops.into_boxed_slice(), entry)
}

/// Shift the handlers of the `br_table` at op `k` and its `len` entries:
/// the `next` of op `k + i` (the table, or entry `i - 1`) becomes the
/// handler of entry `i`'s *target*, so the table jumps with the `next` of
/// the op before the chosen entry, loaded alongside the entry (rather than
/// after it, from the op before the target). Those `next`s otherwise hold
/// the handlers of entries, which only a jump to an entry would read, and
/// the translator never emits one (entries are emitted together, and a
/// label is placed past them). The last entry's `next`, read by jumps to
/// the op after the table, is left alone. `entry` is the handler of op 0.
fn thread_table(ops: &mut [TOp], k: usize, len: usize, entry: Handler) {
    for i in 0..len {
        let Some(TOp { raw, .. }) = ops.get(k + 1 + i) else { return };
        let (target,) = flat::Br(raw);
        let handler = match (target as usize).checked_sub(1) {
            None => entry,
            Some(p) => match ops.get(p) {
                Some(prev) => prev.next,
                None => continue,
            },
        };
        ops[k + i].next = handler;
    }
}

/// No op jumps to a `br_table` entry (`tables`: each table's op and length,
/// after renumbering by `map`).
fn no_jump_into_tables(code: &[Op], map: Renumber<'_>, tables: &[(usize, usize)]) -> bool {
    code.iter().all(|&(mut op)| {
        op.target_mut().is_none_or(|&mut t| {
            let t = map.target(t) as usize;
            // The last table at or before the target.
            let i = tables.partition_point(|&(k, _)| k <= t);
            i == 0 || {
                let (k, len) = tables[i - 1];
                t <= k || t > k + len
            }
        })
    })
}

/// Expand the shared op list into [`thread`]'s match: a shared op's handler
/// in the accumulator form of its fields, and its encoding. (Outside `mod
/// h`: `thread` is no handler, and `.ci/check-tail-calls` checks every
/// function there.)
macro_rules! thread_shared {
    (() $( $name:ident { $($f:ident),* } => $body:block; )*) => {
        /// The handler of `op`; writes its flat encoding to `raw`. One match
        /// on the op: [`Op::acc_use`] and [`Op::encode_into`] fold into each arm.
        fn thread(op: &Op, raw: &mut Flat, map: Renumber<'_>) -> Handler {
            let handler: Handler = match op {
                $( Op::$name { .. } => match op.acc_use() {
                    (false, false) => h::plain::$name,
                    (true, false) => h::acc_in::$name,
                    (false, true) => h::acc_out::$name,
                    (true, true) => h::acc_in_out::$name,
                }, )*
                _ => vector_handler(op),
            };
            debug_assert_eq!(op.acc_use(), {
                let mut op = *op;
                let reads = op.acc_in_mut().is_some_and(|s| *s == ACC);
                (reads, op.dst_mut().is_some_and(|s| *s == ACC))
            });
            debug_assert!(
                { let mut op = *op; op.target_mut().is_none_or(|t| map.target(*t) != 0) },
                "a jump to op 0: {op:?}"
            );
            op.encode_into(raw, map);
            handler
        }
    };
}
for_each_shared_op!(thread_shared,);

/// Expand the SIMD op list into [`vector_handler`].
macro_rules! thread_vector {
    (() $( $name:ident { $($f:ident),* } => $body:block; )*) => {
        /// The handler of a SIMD op (plain form), or of a control op.
        fn vector_handler(op: &Op) -> Handler {
            match op {
                $( Op::$name { .. } => h::vector::$name, )*
                _ => h::control_handler(op),
            }
        }
    };
}
for_each_vector_op!(thread_vector,);
