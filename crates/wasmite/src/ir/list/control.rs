//! The control family: traps, branches (plain and fused with a comparison),
//! `br_table`, returns, calls, and fuel metering.
//!
//! A family of the op list: its entries are appended to those of the
//! families before it and handed to the next (`ir::list`), so `define_ops!`
//! sees one list. Attributes in brackets are documented at `ir::attr`.

macro_rules! ops {
    ([$($rest:ident),*] $($acc:tt)*) => {
        $crate::ir::list::next! { [$($rest),*] $($acc)*
            // ---- control ----
            /// Trap with `code`.
            Trap { code: TrapCode } [control],
            /// Jump to `target`.
            Br { target: u32 } [control],
            /// Jump if `cond` (i32) is not zero.
            BrNez { cond: Slot, target: u32 } [acc_i32],
            /// Jump if `cond` (i32) is zero.
            BrEqz { cond: Slot, target: u32 } [acc_i32],
            /// Jump to the `min(index + add, len - 1)`-th (i32 wrapping add) of the
            /// `len` `Br` ops that follow.
            BrTable { index: Slot, len: u32, add: i32 } [control, acc_i32],
            /// [`Op::BrTable`] with the entries of the `BrTable` at op `at`: a copy
            /// of a dispatch too big to copy with its entries (tail duplication).
            BrTableAt { index: Slot, len: u32, add: i32, at: u32 } [control],
            /// Return with no results.
            Return {} [control, returns],
            /// Return the one result in `src`.
            Return1 { src: Slot } [control, returns],
            /// Return the `count` results in slots `start..start + count`.
            ReturnN { start: Slot, count: u16 } [control, returns],
            /// Call function `func`; arguments are in `base..`, results land in `base..`.
            /// `ret` is the index of the op after it in the threaded code (where the
            /// caller resumes), filled in by `exec::compile` (0 until then).
            Call { func: u32, base: Slot, ret: u32 } [control],
            /// Call the function at `table[index]`, which must be of type `ty`; as `Call` otherwise.
            CallIndirect { base: Slot, index: Slot, ty: u32, table: u32 } [control],
            /// Tail call function `func` (`return_call`): the arguments in
            /// `base..` move to the frame's first slots and the callee replaces
            /// the running frame. A host callee is called as by `Call`, and the
            /// op after (the return of its results from `base..`) runs next.
            ReturnCall { func: u32, base: Slot } [control],
            /// `return_call_indirect`: `CallIndirect`'s checks, then as `ReturnCall`.
            ReturnCallIndirect { base: Slot, index: Slot, ty: u32, table: u32 } [control],
            /// `call_ref`: call the function `fref` refers to (trap if null); as
            /// `Call` otherwise (validation guarantees its type).
            CallRef { base: Slot, fref: Slot } [control],
            /// `return_call_ref`: `CallRef`'s check, then as `ReturnCall`.
            ReturnCallRef { base: Slot, fref: Slot } [control],
            /// `throw`: raise an exception of tag `tag` whose payload is in
            /// `base..` (the unwinder looks for a handler, `exec::exn`).
            Throw { tag: u32, base: Slot } [control],
            /// `throw_ref`: raise the exception `exn` refers to again (trap
            /// if it is null).
            ThrowRef { exn: Slot } [control],

            // ---- fused compare and branch: jump to `target` if `a <cmp> b` ----
            /// i32 `a == b`
            BrI32Eq { a: Slot, b: Slot, target: u32 } [acc_i32],
            /// i32 `a != b`
            BrI32Ne { a: Slot, b: Slot, target: u32 } [acc_i32],
            /// i32 signed `a < b`
            BrI32LtS { a: Slot, b: Slot, target: u32 } [acc_i32],
            /// i32 unsigned `a < b`
            BrI32LtU { a: Slot, b: Slot, target: u32 } [acc_i32],
            /// i32 signed `a > b`
            BrI32GtS { a: Slot, b: Slot, target: u32 } [acc_i32],
            /// i32 unsigned `a > b`
            BrI32GtU { a: Slot, b: Slot, target: u32 } [acc_i32],
            /// i32 signed `a <= b`
            BrI32LeS { a: Slot, b: Slot, target: u32 } [acc_i32],
            /// i32 unsigned `a <= b`
            BrI32LeU { a: Slot, b: Slot, target: u32 } [acc_i32],
            /// i32 signed `a >= b`
            BrI32GeS { a: Slot, b: Slot, target: u32 } [acc_i32],
            /// i32 unsigned `a >= b`
            BrI32GeU { a: Slot, b: Slot, target: u32 } [acc_i32],
            /// i64 `a == b`
            BrI64Eq { a: Slot, b: Slot, target: u32 },
            /// i64 `a != b`
            BrI64Ne { a: Slot, b: Slot, target: u32 },
            /// i64 signed `a < b`
            BrI64LtS { a: Slot, b: Slot, target: u32 },
            /// i64 unsigned `a < b`
            BrI64LtU { a: Slot, b: Slot, target: u32 },
            /// i64 signed `a > b`
            BrI64GtS { a: Slot, b: Slot, target: u32 },
            /// i64 unsigned `a > b`
            BrI64GtU { a: Slot, b: Slot, target: u32 },
            /// i64 signed `a <= b`
            BrI64LeS { a: Slot, b: Slot, target: u32 },
            /// i64 unsigned `a <= b`
            BrI64LeU { a: Slot, b: Slot, target: u32 },
            /// i64 signed `a >= b`
            BrI64GeS { a: Slot, b: Slot, target: u32 },
            /// i64 unsigned `a >= b`
            BrI64GeU { a: Slot, b: Slot, target: u32 },
            /// i32 `a == imm`
            BrI32EqImm { a: Slot, imm: i32, target: u32 } [acc_i32],
            /// i32 `a != imm`
            BrI32NeImm { a: Slot, imm: i32, target: u32 } [acc_i32],
            /// i32 signed `a < imm`
            BrI32LtSImm { a: Slot, imm: i32, target: u32 } [acc_i32],
            /// i32 unsigned `a < imm`
            BrI32LtUImm { a: Slot, imm: i32, target: u32 } [acc_i32],
            /// i32 signed `a > imm`
            BrI32GtSImm { a: Slot, imm: i32, target: u32 } [acc_i32],
            /// i32 unsigned `a > imm`
            BrI32GtUImm { a: Slot, imm: i32, target: u32 } [acc_i32],
            /// i32 signed `a <= imm`
            BrI32LeSImm { a: Slot, imm: i32, target: u32 } [acc_i32],
            /// i32 unsigned `a <= imm`
            BrI32LeUImm { a: Slot, imm: i32, target: u32 } [acc_i32],
            /// i32 signed `a >= imm`
            BrI32GeSImm { a: Slot, imm: i32, target: u32 } [acc_i32],
            /// i32 unsigned `a >= imm`
            BrI32GeUImm { a: Slot, imm: i32, target: u32 } [acc_i32],
            /// jump if `a & imm != 0` (i32): a fused bit test
            BrI32AndNez { a: Slot, imm: i32, target: u32 } [acc_i32],
            /// jump if `a & imm == 0` (i32): a fused bit test
            BrI32AndEqz { a: Slot, imm: i32, target: u32 } [acc_i32],
            /// A loop counter step: `a += imm` (i32), then jump if `a != b`
            I32AddImmBrNe { a: Slot, imm: i32, b: Slot, target: u32 } [no_acc],
            /// `a += imm`, then jump if unsigned `a < b`
            I32AddImmBrLtU { a: Slot, imm: i32, b: Slot, target: u32 } [no_acc],
            /// `a += imm`, then jump if unsigned `a >= b`
            I32AddImmBrGeU { a: Slot, imm: i32, b: Slot, target: u32 } [no_acc],
            /// `a += imm`, then jump if signed `a < b`
            I32AddImmBrLtS { a: Slot, imm: i32, b: Slot, target: u32 } [no_acc],
            /// `a += imm`, then jump if `a != n`
            I32AddImmBrNeImm { a: Slot, imm: i32, n: i32, target: u32 } [no_acc],
            /// `a += imm`, then jump if unsigned `a < n`
            I32AddImmBrLtUImm { a: Slot, imm: i32, n: i32, target: u32 } [no_acc],
            /// `a += imm`, then jump if unsigned `a > n`
            I32AddImmBrGtUImm { a: Slot, imm: i32, n: i32, target: u32 } [no_acc],
            /// i64 `a == imm`
            BrI64EqImm { a: Slot, imm: i64, target: u32 },
            /// i64 `a != imm`
            BrI64NeImm { a: Slot, imm: i64, target: u32 },
            /// i64 signed `a < imm`
            BrI64LtSImm { a: Slot, imm: i64, target: u32 },
            /// i64 unsigned `a < imm`
            BrI64LtUImm { a: Slot, imm: i64, target: u32 },
            /// i64 signed `a > imm`
            BrI64GtSImm { a: Slot, imm: i64, target: u32 },
            /// i64 unsigned `a > imm`
            BrI64GtUImm { a: Slot, imm: i64, target: u32 },
            /// i64 signed `a <= imm`
            BrI64LeSImm { a: Slot, imm: i64, target: u32 },
            /// i64 unsigned `a <= imm`
            BrI64LeUImm { a: Slot, imm: i64, target: u32 },
            /// i64 signed `a >= imm`
            BrI64GeSImm { a: Slot, imm: i64, target: u32 },
            /// i64 unsigned `a >= imm`
            BrI64GeUImm { a: Slot, imm: i64, target: u32 },

            // ---- fuel (emitted only when configured) ----
            /// Charge `amount` fuel for the basic block that starts here; suspend or
            /// trap when the store has less.
            ConsumeFuel { amount: u32 } [control],
            /// Right before a bulk memory or table op (the next op, never a jump
            /// target): if that op is in bounds, charge `n >> shift` fuel for its
            /// length `n`, suspending or trapping before anything is written;
            /// if it is out of bounds, charge nothing (it traps next).
            ConsumeFuelBulk { shift: u32 } [control],

            // ---- epoch interruption (emitted only when configured) ----
            /// At a function entry or loop header: stop if the engine's epoch has
            /// reached the store's deadline (trap, suspend a resumable call, or ask
            /// the store's callback); a resumed call runs this op again.
            CheckEpoch {} [control],
        }
    };
}
pub(crate) use ops;
