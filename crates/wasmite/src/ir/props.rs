//! Op properties the translator and the backends ask about: the ones
//! declared as attributes in the op list ([`attr`]) and the rewrites that
//! pair ops with each other (mirrored comparisons, negated branches).

use super::{Op, Slot};

/// The attributes an op may carry in the op list (`Name { .. } [a, b]`),
/// as bits of [`Op::attrs`]. No property of an op is derived from its name.
#[allow(non_upper_case_globals)]
pub(crate) mod attr {
    /// Executed by each backend itself (branches to a fixed target, calls,
    /// returns, fuel, traps), never from the shared op bodies, and never
    /// with [`ACC`](crate::ir::ACC) operands (but `BrTable`'s index may be).
    pub const control: u8 = 1 << 0;
    /// A return (`Return`, `Return1`, `ReturnN`).
    pub const returns: u8 = 1 << 1;
    /// Never takes its first operand from the accumulator (the fused
    /// moves, whose first fields are destinations, and the counter steps,
    /// which write their operand back).
    pub const no_acc: u8 = 1 << 2;
    /// Reads its accumulator operand ([`Op::acc_in_mut`]) as an i32: only
    /// its low 32 bits count (so an `i32.wrap_i64` before it can go).
    pub const acc_i32: u8 = 1 << 3;
    /// Leaves the accumulator alone (`w!(@keep dst, ..)`): the translator
    /// emits these to save locals and constants between an op that passes
    /// its result in the accumulator and the branch that reads it.
    pub const keep_acc: u8 = 1 << 4;
}

impl Op {
    /// Whether the op may take its first operand from the accumulator (not
    /// control ops, whose `BrTable` index is handled apart, nor the ops
    /// marked `no_acc`).
    #[inline(always)]
    pub(crate) fn may_read_acc(&self) -> bool {
        self.attrs() & (attr::control | attr::no_acc) == 0
    }

    /// Whether the operand the op may take from the accumulator
    /// ([`Op::acc_in_mut`]) is read as an i32: only its low 32 bits count.
    pub(crate) fn reads_acc_as_i32(&self) -> bool {
        self.attrs() & attr::acc_i32 != 0
    }

    /// Whether the op is a return (`Return`, `Return1`, `ReturnN`).
    pub(crate) fn is_return(&self) -> bool {
        self.attrs() & attr::returns != 0
    }

    /// Control ops: executed by each backend itself, never with
    /// [`ACC`](super::ACC) operands.
    pub(crate) fn is_control(&self) -> bool {
        self.attrs() & attr::control != 0
    }

    /// For a commutative binary op, swap its operands (so that the one in
    /// the accumulator can come first); a comparison becomes its mirror
    /// (`a < b` is `b > a`, for floats too: both are false on a NaN).
    /// Returns whether it did. Float `add` and `mul` count: their value is
    /// symmetric, and which NaN payload a NaN result carries is left open by
    /// the spec.
    pub(crate) fn swap_operands(&mut self) -> bool {
        use Op::*;
        // Each evaluates to whether the op was one of the pairs.
        macro_rules! mirror {
            ($($x:ident $y:ident),*) => {
                match *self {
                    $(
                        $x { dst, a, b } => { *self = $y { dst, a: b, b: a }; true }
                        $y { dst, a, b } => { *self = $x { dst, a: b, b: a }; true }
                    )*
                    _ => false,
                }
            };
        }
        macro_rules! mirror_branch {
            ($($x:ident $y:ident),*) => {
                match *self {
                    $(
                        $x { a, b, target } => { *self = $y { a: b, b: a, target }; true }
                        $y { a, b, target } => { *self = $x { a: b, b: a, target }; true }
                    )*
                    _ => false,
                }
            };
        }
        if mirror!(
            I32LtS I32GtS, I32LtU I32GtU, I32LeS I32GeS, I32LeU I32GeU,
            I64LtS I64GtS, I64LtU I64GtU, I64LeS I64GeS, I64LeU I64GeU,
            F32Lt F32Gt, F32Le F32Ge, F64Lt F64Gt, F64Le F64Ge
        ) || mirror_branch!(
            BrI32LtS BrI32GtS, BrI32LtU BrI32GtU, BrI32LeS BrI32GeS, BrI32LeU BrI32GeU,
            BrI64LtS BrI64GtS, BrI64LtU BrI64GtU, BrI64LeS BrI64GeS, BrI64LeU BrI64GeU
        ) {
            return true;
        }
        match self {
            BrI32Eq { a, b, .. }
            | BrI32Ne { a, b, .. }
            | BrI64Eq { a, b, .. }
            | BrI64Ne { a, b, .. }
            | F32Eq { a, b, .. }
            | F32Ne { a, b, .. }
            | F64Eq { a, b, .. }
            | F64Ne { a, b, .. }
            | F32Min { a, b, .. }
            | F32Max { a, b, .. }
            | F64Min { a, b, .. }
            | F64Max { a, b, .. }
            | I32Add { a, b, .. }
            | I32Mul { a, b, .. }
            | I32And { a, b, .. }
            | I32Or { a, b, .. }
            | I32Xor { a, b, .. }
            | I32Eq { a, b, .. }
            | I32Ne { a, b, .. }
            | I64Add { a, b, .. }
            | I64Mul { a, b, .. }
            | I64And { a, b, .. }
            | I64Or { a, b, .. }
            | I64Xor { a, b, .. }
            | I64Eq { a, b, .. }
            | I64Ne { a, b, .. }
            | F32Add { a, b, .. }
            | F32Mul { a, b, .. }
            | F64Add { a, b, .. }
            | F64Mul { a, b, .. } => {
                core::mem::swap(a, b);
                true
            }
            _ => false,
        }
    }

    /// The `dst` slot of an op that leaves its result in the accumulator as
    /// well (the backends' `w!(dst, ..)`), for the next op to read there
    /// (forwarding). Every op with a `dst` does but those marked `keep_acc`
    /// (`Copy`, `Const32`, `Const64`: `w!(@keep dst, ..)`).
    pub(crate) fn result_in_acc(&self) -> Option<Slot> {
        if self.attrs() & attr::keep_acc != 0 {
            return None;
        }
        { *self }.dst_mut().copied()
    }

    /// The conditional branch taken exactly when this one is not (same
    /// operands and target), for the conditional branches that have one.
    pub(crate) fn negated_branch(self) -> Option<Op> {
        use Op::*;
        macro_rules! pairs {
            ($( $x:ident $y:ident { $($f:ident),* } ),*) => {
                match self {
                    $(
                        $x { $($f),* } => $y { $($f),* },
                        $y { $($f),* } => $x { $($f),* },
                    )*
                    _ => return None,
                }
            };
        }
        Some(pairs!(
            BrEqz BrNez { cond, target },
            BrI32Eq BrI32Ne { a, b, target },
            BrI32LtS BrI32GeS { a, b, target },
            BrI32LtU BrI32GeU { a, b, target },
            BrI32GtS BrI32LeS { a, b, target },
            BrI32GtU BrI32LeU { a, b, target },
            BrI64Eq BrI64Ne { a, b, target },
            BrI64LtS BrI64GeS { a, b, target },
            BrI64LtU BrI64GeU { a, b, target },
            BrI64GtS BrI64LeS { a, b, target },
            BrI64GtU BrI64LeU { a, b, target },
            BrI32EqImm BrI32NeImm { a, imm, target },
            BrI32LtSImm BrI32GeSImm { a, imm, target },
            BrI32LtUImm BrI32GeUImm { a, imm, target },
            BrI32GtSImm BrI32LeSImm { a, imm, target },
            BrI32GtUImm BrI32LeUImm { a, imm, target },
            BrI32AndNez BrI32AndEqz { a, imm, target },
            BrI64EqImm BrI64NeImm { a, imm, target },
            BrI64LtSImm BrI64GeSImm { a, imm, target },
            BrI64LtUImm BrI64GeUImm { a, imm, target },
            BrI64GtSImm BrI64LeSImm { a, imm, target },
            BrI64GtUImm BrI64LeUImm { a, imm, target }
        ))
    }

    /// The address operand and wrapping address addend of a load or store.
    pub(crate) fn addr_add_mut(&mut self) -> Option<(&mut Slot, &mut i32)> {
        use Op::*;
        match self {
            I32Load { addr, add, .. }
            | I64Load { addr, add, .. }
            | F32Load { addr, add, .. }
            | F64Load { addr, add, .. }
            | I32Load8S { addr, add, .. }
            | I32Load8U { addr, add, .. }
            | I32Load16S { addr, add, .. }
            | I32Load16U { addr, add, .. }
            | I64Load8S { addr, add, .. }
            | I64Load8U { addr, add, .. }
            | I64Load16S { addr, add, .. }
            | I64Load16U { addr, add, .. }
            | I64Load32S { addr, add, .. }
            | I64Load32U { addr, add, .. }
            | Store32 { addr, add, .. }
            | Store64 { addr, add, .. }
            | Store8 { addr, add, .. }
            | Store16 { addr, add, .. } => Some((addr, add)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The attributes agree with the op's shape: what a new op's author
    /// could get wrong when adding it to the list.
    #[test]
    fn attributes_are_consistent() {
        for mut op in Op::every_kind() {
            let a = op.attrs();
            let name = op.name();
            if a & attr::returns != 0 {
                assert!(a & attr::control != 0, "{name}: a return is a control op");
            }
            if a & attr::keep_acc != 0 {
                assert!(op.dst_mut().is_some(), "{name}: keep_acc without a dst");
            }
            if a & attr::acc_i32 != 0 {
                let reads = op.acc_in_mut().is_some();
                assert!(reads, "{name}: acc_i32 but no accumulator operand");
            }
        }
    }
}
