//! Superinstructions: the rules that fuse a compare into the branch after
//! it, and two or three ops passing values in the accumulator into one
//! (applied as each op is emitted, never across a jump target).

use crate::ir::{Op, Slot};

/// The branch op equivalent to "compare, then branch if (not, when `negate`) true".
pub(super) fn fuse_branch(op: Op, negate: bool) -> Option<Op> {
    macro_rules! pick {
        ($t:ident, $f:ident, $($x:tt)*) => {
            if negate { Op::$f { $($x)* } } else { Op::$t { $($x)* } }
        };
    }
    let target = 0;
    Some(match op {
        Op::I32Eqz { src, .. } => pick!(BrEqz, BrNez, cond: src, target),
        Op::I64Eqz { src, .. } => pick!(BrI64EqImm, BrI64NeImm, a: src, imm: 0, target),
        Op::I32Eq { a, b, .. } => pick!(BrI32Eq, BrI32Ne, a, b, target),
        Op::I32Ne { a, b, .. } => pick!(BrI32Ne, BrI32Eq, a, b, target),
        Op::I32LtS { a, b, .. } => pick!(BrI32LtS, BrI32GeS, a, b, target),
        Op::I32LtU { a, b, .. } => pick!(BrI32LtU, BrI32GeU, a, b, target),
        Op::I32GtS { a, b, .. } => pick!(BrI32GtS, BrI32LeS, a, b, target),
        Op::I32GtU { a, b, .. } => pick!(BrI32GtU, BrI32LeU, a, b, target),
        Op::I32LeS { a, b, .. } => pick!(BrI32LeS, BrI32GtS, a, b, target),
        Op::I32LeU { a, b, .. } => pick!(BrI32LeU, BrI32GtU, a, b, target),
        Op::I32GeS { a, b, .. } => pick!(BrI32GeS, BrI32LtS, a, b, target),
        Op::I32GeU { a, b, .. } => pick!(BrI32GeU, BrI32LtU, a, b, target),
        Op::I64Eq { a, b, .. } => pick!(BrI64Eq, BrI64Ne, a, b, target),
        Op::I64Ne { a, b, .. } => pick!(BrI64Ne, BrI64Eq, a, b, target),
        Op::I64LtS { a, b, .. } => pick!(BrI64LtS, BrI64GeS, a, b, target),
        Op::I64LtU { a, b, .. } => pick!(BrI64LtU, BrI64GeU, a, b, target),
        Op::I64GtS { a, b, .. } => pick!(BrI64GtS, BrI64LeS, a, b, target),
        Op::I64GtU { a, b, .. } => pick!(BrI64GtU, BrI64LeU, a, b, target),
        Op::I64LeS { a, b, .. } => pick!(BrI64LeS, BrI64GtS, a, b, target),
        Op::I64LeU { a, b, .. } => pick!(BrI64LeU, BrI64GtU, a, b, target),
        Op::I64GeS { a, b, .. } => pick!(BrI64GeS, BrI64LtS, a, b, target),
        Op::I64GeU { a, b, .. } => pick!(BrI64GeU, BrI64LtU, a, b, target),
        Op::I32EqImm { a, imm, .. } => pick!(BrI32EqImm, BrI32NeImm, a, imm, target),
        Op::I32NeImm { a, imm, .. } => pick!(BrI32NeImm, BrI32EqImm, a, imm, target),
        Op::I32LtSImm { a, imm, .. } => pick!(BrI32LtSImm, BrI32GeSImm, a, imm, target),
        Op::I32LtUImm { a, imm, .. } => pick!(BrI32LtUImm, BrI32GeUImm, a, imm, target),
        Op::I32GtSImm { a, imm, .. } => pick!(BrI32GtSImm, BrI32LeSImm, a, imm, target),
        Op::I32GtUImm { a, imm, .. } => pick!(BrI32GtUImm, BrI32LeUImm, a, imm, target),
        Op::I32LeSImm { a, imm, .. } => pick!(BrI32LeSImm, BrI32GtSImm, a, imm, target),
        Op::I32LeUImm { a, imm, .. } => pick!(BrI32LeUImm, BrI32GtUImm, a, imm, target),
        Op::I32GeSImm { a, imm, .. } => pick!(BrI32GeSImm, BrI32LtSImm, a, imm, target),
        Op::I32GeUImm { a, imm, .. } => pick!(BrI32GeUImm, BrI32LtUImm, a, imm, target),
        Op::I32AndImm { a, imm, .. } => pick!(BrI32AndNez, BrI32AndEqz, a, imm, target),
        Op::I64EqImm { a, imm, .. } => pick!(BrI64EqImm, BrI64NeImm, a, imm, target),
        Op::I64NeImm { a, imm, .. } => pick!(BrI64NeImm, BrI64EqImm, a, imm, target),
        Op::I64LtSImm { a, imm, .. } => pick!(BrI64LtSImm, BrI64GeSImm, a, imm, target),
        Op::I64LtUImm { a, imm, .. } => pick!(BrI64LtUImm, BrI64GeUImm, a, imm, target),
        Op::I64GtSImm { a, imm, .. } => pick!(BrI64GtSImm, BrI64LeSImm, a, imm, target),
        Op::I64GtUImm { a, imm, .. } => pick!(BrI64GtUImm, BrI64LeUImm, a, imm, target),
        Op::I64LeSImm { a, imm, .. } => pick!(BrI64LeSImm, BrI64GtSImm, a, imm, target),
        Op::I64LeUImm { a, imm, .. } => pick!(BrI64LeUImm, BrI64GtUImm, a, imm, target),
        Op::I64GeSImm { a, imm, .. } => pick!(BrI64GeSImm, BrI64LtSImm, a, imm, target),
        Op::I64GeUImm { a, imm, .. } => pick!(BrI64GeUImm, BrI64LtUImm, a, imm, target),
        _ => return None,
    })
}

/// A superinstruction for three ops passing values in the accumulator:
/// `p->n += k` (`I32Load`, `I32AddImm` and `Store32` of one address).
pub(super) fn fuse_triple(first: Op, second: Op, next: Op) -> Option<Op> {
    use crate::ir::ACC;
    match (first, second, next) {
        (
            Op::I32Load { dst: ACC, addr, offset, add },
            Op::I32AddImm { dst: ACC, a: ACC, imm },
            Op::Store32 { src: ACC, addr: addr2, offset: offset2, add: add2 },
        ) if addr != ACC && (addr, offset, add) == (addr2, offset2, add2) => {
            Some(Op::I32AddImmMem { addr, offset, add, imm })
        }
        _ => None,
    }
}

/// A superinstruction for `first` followed by `next`, when `first` passes its
/// result to `next` alone, in the accumulator (so no one else sees it).
#[inline(always)]
pub(super) fn fuse_pair(first: Op, next: Op) -> Option<Op> {
    // Only these ops start one: a quick test of the tag, as most ops do not.
    use Op::*;
    let starts = matches!(
        first,
        Copy { .. }
            | Const32 { .. }
            | I64ShrUImm { .. }
            | I32WrapI64 { .. }
            | I32AddImm { .. }
            | I32SubImm { .. }
            | I32AndImm { .. }
            | I32ShlAddImm { .. }
            | I32ShlImm { .. }
            | I32Add { .. }
            | I32ShlAdd { .. }
            | I32ShrUImm { .. }
            | I32Mul { .. }
            | F64Load { .. }
            | I32Load { .. }
            | I32Load8U { .. }
    );
    if starts { fuse(first, next) } else { None }
}

/// [`fuse_pair`] for a `first` that may start a superinstruction.
fn fuse(first: Op, next: Op) -> Option<Op> {
    use crate::ir::ACC;
    match first {
        // Moves (argument set-up): pairs of copies and constants, without the
        // accumulator.
        Op::Copy { dst: to, src: from } => match next {
            Op::Copy { dst: to2, src: from2 } if ![to, from, to2, from2].contains(&ACC) => {
                Some(Op::Copy2 { to, from, to2, from2 })
            }
            Op::Const32 { dst: to2, val: val2 } if ![to, from, to2].contains(&ACC) => {
                Some(Op::CopyConst { to, from, to2, val2 })
            }
            _ => None,
        },
        Op::Const32 { dst: to, val } => match next {
            Op::Copy { dst: to2, src: from2 } if ![to, to2, from2].contains(&ACC) => {
                Some(Op::ConstCopy { to, val, to2, from2 })
            }
            Op::Const32 { dst: to2, val: val2 } if ![to, to2].contains(&ACC) => {
                Some(Op::Const2 { to, val, to2, val2 })
            }
            _ => None,
        },
        // `i32.wrap_i64` is a no-op after a shift right by 32 or more, and
        // for a reader of only the low 32 bits.
        Op::I64ShrUImm { dst: ACC, a, imm } => match next {
            Op::I32WrapI64 { dst, src: ACC } if imm as u32 & 63 >= 32 => {
                Some(Op::I64ShrUImm { dst, a, imm })
            }
            _ => None,
        },
        Op::I32WrapI64 { dst: ACC, src } if next.reads_acc_as_i32() => {
            let mut next = next;
            let s @ &mut ACC = next.acc_in_mut()? else { return None };
            *s = src;
            Some(next)
        }
        // A loop counter step and the loop's conditional branch on it.
        Op::I32AddImm { dst: d, a, imm } if d == a && d != ACC => match next {
            Op::BrI32Ne { a, b, target } if a == d && b != ACC => {
                Some(Op::I32AddImmBrNe { a, imm, b, target })
            }
            Op::BrI32LtU { a, b, target } if a == d && b != ACC => {
                Some(Op::I32AddImmBrLtU { a, imm, b, target })
            }
            Op::BrI32GeU { a, b, target } if a == d && b != ACC => {
                Some(Op::I32AddImmBrGeU { a, imm, b, target })
            }
            Op::BrI32LtS { a, b, target } if a == d && b != ACC => {
                Some(Op::I32AddImmBrLtS { a, imm, b, target })
            }
            Op::BrI32NeImm { a, imm: n, target } if a == d => {
                Some(Op::I32AddImmBrNeImm { a, imm, n, target })
            }
            Op::BrI32LtUImm { a, imm: n, target } if a == d => {
                Some(Op::I32AddImmBrLtUImm { a, imm, n, target })
            }
            Op::BrI32GtUImm { a, imm: n, target } if a == d => {
                Some(Op::I32AddImmBrGtUImm { a, imm, n, target })
            }
            Op::BrNez { cond, target } if cond == d => {
                Some(Op::I32AddImmBrNeImm { a: d, imm, n: 0, target })
            }
            _ => None,
        },
        Op::I32SubImm { dst: d, a, imm } if d == a && d != ACC => {
            fuse(Op::I32AddImm { dst: d, a, imm: imm.wrapping_neg() }, next)
        }
        Op::I32AddImm { dst: ACC, a, imm } => add_imm(a, imm, next),
        Op::I32SubImm { dst: ACC, a, imm } => add_imm(a, imm.wrapping_neg(), next),
        Op::I32AndImm { dst: ACC, a, imm } => match next {
            // A bit test: `(x & mask) == 0` or `!= 0`, then branch.
            Op::BrEqz { cond: ACC, target } => Some(Op::BrI32AndEqz { a, imm, target }),
            Op::BrNez { cond: ACC, target } => Some(Op::BrI32AndNez { a, imm, target }),
            // A bit field, `(a & mask) >> k`: that is `(a >> k) & (mask >> k)`.
            Op::I32ShrUImm { dst, a: ACC, imm: k } => {
                let shift = k as u32 & 31;
                let mask = ((imm as u32) >> shift) as i32;
                Some(Op::I32ShrUAndImm { dst, a, shift: shift as u16, mask })
            }
            _ => None,
        },
        // A bit field: `(a >> k) & mask`.
        Op::I32ShrUImm { dst: ACC, a, imm: k } => match next {
            Op::I32AndImm { dst, a: ACC, imm: mask } => {
                Some(Op::I32ShrUAndImm { dst, a, shift: (k as u32 & 31) as u16, mask })
            }
            _ => None,
        },
        // An indexed load: `base[a]` with the index scaled by `shift`.
        Op::I32ShlAddImm { dst: ACC, a, shift, imm } => match next {
            Op::I32Load { dst, addr: ACC, offset, add }
            | Op::F32Load { dst, addr: ACC, offset, add } => {
                Some(Op::Load32Idx { dst, a, shift, offset, add: imm.wrapping_add(add) })
            }
            Op::I64Load { dst, addr: ACC, offset, add }
            | Op::F64Load { dst, addr: ACC, offset, add } => {
                Some(Op::Load64Idx { dst, a, shift, offset, add: imm.wrapping_add(add) })
            }
            _ => None,
        },
        Op::I32Add { dst: ACC, a, b } => load_at_sum(a, b, 0, next),
        Op::I32ShlAdd { dst: ACC, a, b, shift } => load_at_sum(a, b, shift, next),
        Op::I32Mul { dst: ACC, a, b } => match next {
            Op::I32Add { dst, a: ACC, b: c } => Some(Op::I32MulAdd { dst, a, b, c }),
            _ => None,
        },
        // A load whose value is the first operand of an add, sub or mul.
        Op::F64Load { dst: ACC, addr, offset, add } => match next {
            Op::F64Add { dst, a: ACC, b } => Some(Op::F64LoadAdd { dst, addr, b, offset, add }),
            Op::F64Sub { dst, a: ACC, b } => Some(Op::F64LoadSub { dst, addr, b, offset, add }),
            Op::F64Mul { dst, a: ACC, b } => Some(Op::F64LoadMul { dst, addr, b, offset, add }),
            _ => None,
        },
        Op::I32Load { dst: ACC, addr, offset, add } => match next {
            Op::I32Add { dst, a: ACC, b } => Some(Op::I32LoadAdd { dst, addr, b, offset, add }),
            _ => None,
        },
        Op::I32Load8U { dst: ACC, addr, offset, add } => match next {
            Op::I32Add { dst, a: ACC, b } => Some(Op::I32Load8UAdd { dst, addr, b, offset, add }),
            _ => None,
        },
        Op::I32ShlImm { dst: ACC, a, imm: k } => {
            let shift = (k as u32 & 31) as u16;
            match next {
                Op::I32AddImm { dst, a: ACC, imm } => Some(Op::I32ShlAddImm { dst, a, shift, imm }),
                Op::I32Add { dst, a: ACC, b } => Some(Op::I32ShlAdd { dst, a, b, shift }),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `a + imm` (in the accumulator) followed by `next`.
fn add_imm(a: Slot, imm: i32, next: Op) -> Option<Op> {
    use crate::ir::ACC;
    // An address computed just for this load: fold the add into it.
    let mut next = next;
    if let Some((addr @ &mut ACC, add @ &mut 0)) = next.addr_add_mut() {
        (*addr, *add) = (a, imm);
        return Some(next);
    }
    // Two additions of constants: one (wrapping addition is associative).
    match next {
        Op::I32AddImm { dst, a: ACC, imm: k } => {
            Some(Op::I32AddImm { dst, a, imm: imm.wrapping_add(k) })
        }
        Op::I32SubImm { dst, a: ACC, imm: k } => {
            Some(Op::I32AddImm { dst, a, imm: imm.wrapping_sub(k) })
        }
        _ => None,
    }
}

/// A load from a computed sum, `b + (a << shift)` (array indexing).
fn load_at_sum(a: Slot, b: Slot, shift: u16, next: Op) -> Option<Op> {
    use crate::ir::ACC;
    match next {
        Op::I32Load { dst, addr: ACC, offset, add: 0 }
        | Op::F32Load { dst, addr: ACC, offset, add: 0 }
        | Op::I64Load32U { dst, addr: ACC, offset, add: 0 } => {
            Some(Op::Load32Sum { dst, a, b, shift, offset })
        }
        Op::I64Load { dst, addr: ACC, offset, add: 0 }
        | Op::F64Load { dst, addr: ACC, offset, add: 0 } => {
            Some(Op::Load64Sum { dst, a, b, shift, offset })
        }
        Op::I32Load8U { dst, addr: ACC, offset, add: 0 }
        | Op::I64Load8U { dst, addr: ACC, offset, add: 0 } => {
            Some(Op::Load8USum { dst, a, b, shift, offset })
        }
        Op::I32Load8S { dst, addr: ACC, offset, add: 0 } => {
            Some(Op::Load8SSum { dst, a, b, shift, offset })
        }
        Op::I32Load16U { dst, addr: ACC, offset, add: 0 }
        | Op::I64Load16U { dst, addr: ACC, offset, add: 0 } => {
            Some(Op::Load16USum { dst, a, b, shift, offset })
        }
        Op::I32Load16S { dst, addr: ACC, offset, add: 0 } => {
            Some(Op::Load16SSum { dst, a, b, shift, offset })
        }
        _ => None,
    }
}
