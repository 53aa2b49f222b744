//! The bodies of the control family that both backends share: the fused
//! compare-and-branch ops and loop counter steps (`br_if!` jumps).
//!
//! One family of the shared op bodies: `$crate::exec::ops::next_family!` appends
//! them to the families before and hands the list on (see `ops/mod.rs`).

macro_rules! bodies {
    ([$($rest:ident),*] $cb:ident $args:tt $($arms:tt)*) => {
        $crate::exec::ops::next_family! { [$($rest),*] $cb $args $($arms)*
            BrNez { cond, target } => { br_if!(r!(cond) as u32 != 0, target) };
            BrEqz { cond, target } => { br_if!(r!(cond) as u32 == 0, target) };
            BrI32Eq { a, b, target } => { br_if!(r!(a) as u32 == r!(b) as u32, target) };
            BrI32Ne { a, b, target } => { br_if!(r!(a) as u32 != r!(b) as u32, target) };
            BrI32LtS { a, b, target } => { br_if!((r!(a) as i32) < r!(b) as i32, target) };
            BrI32LtU { a, b, target } => { br_if!((r!(a) as u32) < r!(b) as u32, target) };
            BrI32GtS { a, b, target } => { br_if!(r!(a) as i32 > r!(b) as i32, target) };
            BrI32GtU { a, b, target } => { br_if!(r!(a) as u32 > r!(b) as u32, target) };
            BrI32LeS { a, b, target } => { br_if!(r!(a) as i32 <= r!(b) as i32, target) };
            BrI32LeU { a, b, target } => { br_if!(r!(a) as u32 <= r!(b) as u32, target) };
            BrI32GeS { a, b, target } => { br_if!(r!(a) as i32 >= r!(b) as i32, target) };
            BrI32GeU { a, b, target } => { br_if!(r!(a) as u32 >= r!(b) as u32, target) };
            BrI64Eq { a, b, target } => { br_if!(r!(a) == r!(b), target) };
            BrI64Ne { a, b, target } => { br_if!(r!(a) != r!(b), target) };
            BrI64LtS { a, b, target } => { br_if!((r!(a) as i64) < r!(b) as i64, target) };
            BrI64LtU { a, b, target } => { br_if!(r!(a) < r!(b), target) };
            BrI64GtS { a, b, target } => { br_if!(r!(a) as i64 > r!(b) as i64, target) };
            BrI64GtU { a, b, target } => { br_if!(r!(a) > r!(b), target) };
            BrI64LeS { a, b, target } => { br_if!(r!(a) as i64 <= r!(b) as i64, target) };
            BrI64LeU { a, b, target } => { br_if!(r!(a) <= r!(b), target) };
            BrI64GeS { a, b, target } => { br_if!(r!(a) as i64 >= r!(b) as i64, target) };
            BrI64GeU { a, b, target } => { br_if!(r!(a) >= r!(b), target) };
            BrI32EqImm { a, imm, target } => { br_if!(r!(a) as u32 == imm as u32, target) };
            BrI32NeImm { a, imm, target } => { br_if!(r!(a) as u32 != imm as u32, target) };
            BrI32LtSImm { a, imm, target } => { br_if!((r!(a) as i32) < imm, target) };
            BrI32LtUImm { a, imm, target } => { br_if!((r!(a) as u32) < imm as u32, target) };
            BrI32GtSImm { a, imm, target } => { br_if!(r!(a) as i32 > imm, target) };
            BrI32GtUImm { a, imm, target } => { br_if!(r!(a) as u32 > imm as u32, target) };
            BrI32LeSImm { a, imm, target } => { br_if!(r!(a) as i32 <= imm, target) };
            BrI32LeUImm { a, imm, target } => { br_if!(r!(a) as u32 <= imm as u32, target) };
            BrI32GeSImm { a, imm, target } => { br_if!(r!(a) as i32 >= imm, target) };
            BrI32GeUImm { a, imm, target } => { br_if!(r!(a) as u32 >= imm as u32, target) };
            BrI32AndNez { a, imm, target } => { br_if!(r!(a) as u32 & imm as u32 != 0, target) };
            BrI32AndEqz { a, imm, target } => { br_if!(r!(a) as u32 & imm as u32 == 0, target) };
            I32AddImmBrNe { a, imm, b, target } => {
                let v = step!(a, imm);
                br_if!(v != r!(b) as u32, target)
            };
            I32AddImmBrLtU { a, imm, b, target } => {
                let v = step!(a, imm);
                br_if!(v < r!(b) as u32, target)
            };
            I32AddImmBrGeU { a, imm, b, target } => {
                let v = step!(a, imm);
                br_if!(v >= r!(b) as u32, target)
            };
            I32AddImmBrLtS { a, imm, b, target } => {
                let v = step!(a, imm);
                br_if!((v as i32) < r!(b) as i32, target)
            };
            I32AddImmBrNeImm { a, imm, n, target } => { br_if!(step!(a, imm) != n as u32, target) };
            I32AddImmBrLtUImm { a, imm, n, target } => { br_if!(step!(a, imm) < n as u32, target) };
            I32AddImmBrGtUImm { a, imm, n, target } => { br_if!(step!(a, imm) > n as u32, target) };
            BrI64EqImm { a, imm, target } => { br_if!(r!(a) as i64 == imm as i64, target) };
            BrI64NeImm { a, imm, target } => { br_if!(r!(a) as i64 != imm as i64, target) };
            BrI64LtSImm { a, imm, target } => { br_if!((r!(a) as i64) < imm as i64, target) };
            BrI64LtUImm { a, imm, target } => { br_if!(r!(a) < imm as i64 as u64, target) };
            BrI64GtSImm { a, imm, target } => { br_if!(r!(a) as i64 > imm as i64, target) };
            BrI64GtUImm { a, imm, target } => { br_if!(r!(a) > imm as i64 as u64, target) };
            BrI64LeSImm { a, imm, target } => { br_if!(r!(a) as i64 <= imm as i64, target) };
            BrI64LeUImm { a, imm, target } => { br_if!(r!(a) <= imm as i64 as u64, target) };
            BrI64GeSImm { a, imm, target } => { br_if!(r!(a) as i64 >= imm as i64, target) };
            BrI64GeUImm { a, imm, target } => { br_if!(r!(a) >= imm as i64 as u64, target) };
        }
    };
}
pub(crate) use bodies;
