//! The op bodies both backends share: every op except control transfer
//! (branches to a fixed target, calls, returns, fuel, traps) is written once
//! here, as `Name { fields } => { body };`, and each backend expands the
//! list with [`for_each_shared_op!`] into its own dispatch (a `match` arm or a
//! handler function).
//!
//! Bodies reach the machine only through macros the backend defines:
//! `r!(slot)`/`w!(slot, value)` for registers (`w!(@keep dst, value)`: see
//! `Op::result_in_acc`), `trap!(code)`,
//! `br_if!(cond, target)`, `mem!()` (memory 0's bytes), `memory!(index)`,
//! `tables!()`, `globals!()`, `datas!()`, `elems!()`, `inst!()` (the running
//! instance) and `limiter!()`, plus the helper macros below.

use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;

use crate::limits::ResourceLimiter;
use crate::runtime::TableEntity;

/// Expand `$cb!((args) arms...)` with every shared op.
macro_rules! for_each_shared_op {
    ($cb:ident, $($args:tt)*) => {
        $cb! { ($($args)*)
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
        CanonF32 { dst, src } => {
            let v = r!(src);
            w!(dst, if f32_of(v).is_nan() { 0x7fc0_0000 } else { v })
        };
        CanonF64 { dst, src } => {
            let v = r!(src);
            w!(dst, if f64_of(v).is_nan() { 0x7ff8_0000_0000_0000 } else { v })
        };
        Copy { dst, src } => { w!(@keep dst, r!(src)) };
        Copy2 { to, from, to2, from2 } => {
            w!(to, r!(from));
            w!(to2, r!(from2))
        };
        CopyConst { to, from, to2, val2 } => {
            w!(to, r!(from));
            w!(to2, val2 as u64)
        };
        ConstCopy { to, val, to2, from2 } => {
            w!(to, val as u64);
            w!(to2, r!(from2))
        };
        Const2 { to, val, to2, val2 } => {
            w!(to, val as u64);
            w!(to2, val2 as u64)
        };
        Const32 { dst, val } => { w!(@keep dst, val as u64) };
        Const64 { dst, val } => { w!(@keep dst, val) };
        Select { dst, cond, a, b } => {
            w!(dst, if r!(cond) as u32 != 0 { r!(a) } else { r!(b) })
        };
        GlobalGet { dst, global } => {
            w!(dst, globals!()[inst!().globals[global as usize] as usize].value)
        };
        GlobalSet { src, global } => {
            globals!()[inst!().globals[global as usize] as usize].value = r!(src);
        };
        RefFunc { dst, func } => { w!(dst, inst!().funcs[func as usize] as u64 + 1) };
        I32Load { dst, addr, offset, add } => {
            ld!(dst, addr, offset, add, 4, |b| u32::from_le_bytes(b) as u64)
        };
        I64Load { dst, addr, offset, add } => {
            ld!(dst, addr, offset, add, 8, |b| u64::from_le_bytes(b))
        };
        Load32Idx { dst, a, shift, offset, add } => {
            let at = ((r!(a) as u32) << (shift & 31)).wrapping_add(add as u32);
            match $crate::exec::ops::load::<4>(mem!(), at, offset) {
                Some(b) => w!(dst, u32::from_le_bytes(b) as u64),
                None => trap!(TrapCode::MemoryOutOfBounds),
            }
        };
        Load64Idx { dst, a, shift, offset, add } => {
            let at = ((r!(a) as u32) << (shift & 31)).wrapping_add(add as u32);
            match $crate::exec::ops::load::<8>(mem!(), at, offset) {
                Some(b) => w!(dst, u64::from_le_bytes(b)),
                None => trap!(TrapCode::MemoryOutOfBounds),
            }
        };
        Load32Sum { dst, a, b, shift, offset } => {
            ld_sum!(dst, a, b, shift, offset, 4, |x| u32::from_le_bytes(x) as u64)
        };
        Load64Sum { dst, a, b, shift, offset } => {
            ld_sum!(dst, a, b, shift, offset, 8, |x| u64::from_le_bytes(x))
        };
        Load8USum { dst, a, b, shift, offset } => {
            ld_sum!(dst, a, b, shift, offset, 1, |x| x[0] as u64)
        };
        Load8SSum { dst, a, b, shift, offset } => {
            ld_sum!(dst, a, b, shift, offset, 1, |x| x[0] as i8 as i32 as u32 as u64)
        };
        Load16USum { dst, a, b, shift, offset } => {
            ld_sum!(dst, a, b, shift, offset, 2, |x| u16::from_le_bytes(x) as u64)
        };
        Load16SSum { dst, a, b, shift, offset } => {
            ld_sum!(dst, a, b, shift, offset, 2, |x| i16::from_le_bytes(x) as i32 as u32 as u64)
        };
        F64LoadAdd { dst, addr, b, offset, add } => {
            ld!(dst, addr, offset, add, 8, |x| of_f64(f64::from_le_bytes(x) + f64_of(r!(b))))
        };
        F64LoadSub { dst, addr, b, offset, add } => {
            ld!(dst, addr, offset, add, 8, |x| of_f64(f64::from_le_bytes(x) - f64_of(r!(b))))
        };
        F64LoadMul { dst, addr, b, offset, add } => {
            ld!(dst, addr, offset, add, 8, |x| of_f64(f64::from_le_bytes(x) * f64_of(r!(b))))
        };
        I32LoadAdd { dst, addr, b, offset, add } => {
            ld!(dst, addr, offset, add, 4, |x| u32::from_le_bytes(x).wrapping_add(r!(b) as u32) as u64)
        };
        I32Load8UAdd { dst, addr, b, offset, add } => {
            ld!(dst, addr, offset, add, 1, |x| (x[0] as u32).wrapping_add(r!(b) as u32) as u64)
        };
        F32Load { dst, addr, offset, add } => {
            ld!(dst, addr, offset, add, 4, |b| u32::from_le_bytes(b) as u64)
        };
        F64Load { dst, addr, offset, add } => {
            ld!(dst, addr, offset, add, 8, |b| u64::from_le_bytes(b))
        };
        I32Load8S { dst, addr, offset, add } => {
            ld!(dst, addr, offset, add, 1, |b| b[0] as i8 as i32 as u32 as u64)
        };
        I32Load8U { dst, addr, offset, add } => { ld!(dst, addr, offset, add, 1, |b| b[0] as u64) };
        I32Load16S { dst, addr, offset, add } => {
            ld!(dst, addr, offset, add, 2, |b| i16::from_le_bytes(b) as i32 as u32 as u64)
        };
        I32Load16U { dst, addr, offset, add } => {
            ld!(dst, addr, offset, add, 2, |b| u16::from_le_bytes(b) as u64)
        };
        I64Load8S { dst, addr, offset, add } => {
            ld!(dst, addr, offset, add, 1, |b| b[0] as i8 as i64 as u64)
        };
        I64Load8U { dst, addr, offset, add } => { ld!(dst, addr, offset, add, 1, |b| b[0] as u64) };
        I64Load16S { dst, addr, offset, add } => {
            ld!(dst, addr, offset, add, 2, |b| i16::from_le_bytes(b) as i64 as u64)
        };
        I64Load16U { dst, addr, offset, add } => {
            ld!(dst, addr, offset, add, 2, |b| u16::from_le_bytes(b) as u64)
        };
        I64Load32S { dst, addr, offset, add } => {
            ld!(dst, addr, offset, add, 4, |b| i32::from_le_bytes(b) as i64 as u64)
        };
        I64Load32U { dst, addr, offset, add } => {
            ld!(dst, addr, offset, add, 4, |b| u32::from_le_bytes(b) as u64)
        };
        Store32 { src, addr, offset, add } => {
            st!(addr, src, offset, add, |v: u64| (v as u32).to_le_bytes())
        };
        Store64 { src, addr, offset, add } => { st!(addr, src, offset, add, |v: u64| v.to_le_bytes()) };
        I32AddImmMem { addr, offset, add, imm } => {
            let a = (r!(addr) as u32).wrapping_add(add as u32);
            if $crate::exec::ops::add_u32(mem!(), a, offset, imm as u32).is_none() {
                trap!(TrapCode::MemoryOutOfBounds)
            }
        };
        Store8 { src, addr, offset, add } => { st!(addr, src, offset, add, |v: u64| [v as u8]) };
        Store16 { src, addr, offset, add } => {
            st!(addr, src, offset, add, |v: u64| (v as u16).to_le_bytes())
        };
        MemorySize { dst, mem } => {
            w!(dst, memory!(mem).pages())
        };
        MemoryGrow { dst, delta, mem } => {
            let m = &mut memory!(mem);
            let r = m
                .grow(r!(delta) as u32 as u64, limiter!())
                .map_or(u32::MAX as u64, |old| old);
            w!(dst, r)
        };
        MemoryFill { d, v, n, mem } => {
            let m = &mut memory!(mem).data;
            let Some(rg) = range(r!(d) as u32 as u64, r!(n) as u32 as u64, m.len()) else {
                trap!(TrapCode::MemoryOutOfBounds)
            };
            m[rg].fill(r!(v) as u8);
        };
        MemoryCopy { d, s, n, dst_mem, src_mem } => {
            let n = r!(n) as u32 as u64;
            let (d, s) = (r!(d) as u32 as u64, r!(s) as u32 as u64);
            // (Out of line, like the other bulk ops: see `copy_within`.)
            let done = if dst_mem == src_mem {
                copy_within(&mut memory!(dst_mem).data, d, s, n)
            } else {
                match copy_out(&memory!(src_mem).data, s, n) {
                    Some(bytes) => copy_in(&mut memory!(dst_mem).data, d, bytes),
                    None => false,
                }
            };
            if !done {
                trap!(TrapCode::MemoryOutOfBounds)
            }
        };
        MemoryInit { d, s, n, mem, data } => {
            let bytes = &datas!()[inst!().datas[data as usize] as usize];
            let m = &mut memory!(mem).data;
            let n = r!(n) as u32 as u64;
            let (Some(dr), Some(sr)) = (
                range(r!(d) as u32 as u64, n, m.len()),
                range(r!(s) as u32 as u64, n, bytes.len()),
            ) else {
                trap!(TrapCode::MemoryOutOfBounds)
            };
            m[dr].copy_from_slice(&bytes[sr]);
        };
        DataDrop { data } => {
            drop_segment(&mut datas!()[inst!().datas[data as usize] as usize]);
        };
        TableGet { dst, index, table } => {
            let t = &tables!()[inst!().tables[table as usize] as usize];
            match t.elems.get(r!(index) as u32 as usize) {
                Some(&v) => w!(dst, v),
                None => trap!(TrapCode::TableOutOfBounds),
            }
        };
        TableSet { index, src, table } => {
            let v = r!(src);
            let t = &mut tables!()[inst!().tables[table as usize] as usize];
            match t.elems.get_mut(r!(index) as u32 as usize) {
                Some(e) => *e = v,
                None => trap!(TrapCode::TableOutOfBounds),
            }
        };
        TableSize { dst, table } => {
            w!(dst, tables!()[inst!().tables[table as usize] as usize].elems.len() as u64)
        };
        TableGrow { dst, init, delta, table } => {
            let (v, n) = (r!(init), r!(delta) as u32 as u64);
            let t = &mut tables!()[inst!().tables[table as usize] as usize];
            w!(dst, t.grow(n, v, limiter!()).map_or(u32::MAX as u64, |old| old))
        };
        TableFill { d, v, n, table } => {
            let val = r!(v);
            let t = &mut tables!()[inst!().tables[table as usize] as usize];
            let Some(rg) = range(r!(d) as u32 as u64, r!(n) as u32 as u64, t.elems.len())
            else {
                trap!(TrapCode::TableOutOfBounds)
            };
            t.elems[rg].fill(val);
        };
        TableCopy { d, s, n, dst_table, src_table } => {
            let (dt, stb) = (inst!().tables[dst_table as usize], inst!().tables[src_table as usize]);
            let n = r!(n) as u32 as u64;
            let (d, s) = (r!(d) as u32 as u64, r!(s) as u32 as u64);
            if !table_copy(tables!(), dt as usize, stb as usize, d, s, n) {
                trap!(TrapCode::TableOutOfBounds)
            }
        };
        TableInit { d, s, n, table, elem } => {
            let items = &elems!()[inst!().elems[elem as usize] as usize];
            let t = &mut tables!()[inst!().tables[table as usize] as usize];
            let n = r!(n) as u32 as u64;
            let (Some(dr), Some(sr)) = (
                range(r!(d) as u32 as u64, n, t.elems.len()),
                range(r!(s) as u32 as u64, n, items.len()),
            ) else {
                trap!(TrapCode::TableOutOfBounds)
            };
            t.elems[dr].copy_from_slice(&items[sr]);
        };
        ElemDrop { elem } => {
            elems!()[inst!().elems[elem as usize] as usize] = Default::default();
        };
        I32Eqz { dst, src } => { w!(dst, (r!(src) as u32 == 0) as u64) };
        I32Clz { dst, src } => { w!(dst, (r!(src) as u32).leading_zeros() as u64) };
        I32Ctz { dst, src } => { w!(dst, (r!(src) as u32).trailing_zeros() as u64) };
        I32Popcnt { dst, src } => { w!(dst, (r!(src) as u32).count_ones() as u64) };
        I32Extend8S { dst, src } => { w!(dst, r!(src) as i8 as i32 as u32 as u64) };
        I32Extend16S { dst, src } => { w!(dst, r!(src) as i16 as i32 as u32 as u64) };
        I32Add { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_add(y)) };
        I32Sub { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_sub(y)) };
        I32Mul { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_mul(y)) };
        I32MulAdd { dst, a, b, c } => {
            w!(dst, (r!(a) as u32).wrapping_mul(r!(b) as u32).wrapping_add(r!(c) as u32) as u64)
        };
        I32DivS { dst, a, b } => {
            i32_bin!(dst, r!(a), r!(b), |x, y| try_trap!(sem::i32_div_s(x as i32, y as i32)))
        };
        I32DivU { dst, a, b } => {
            i32_bin!(dst, r!(a), r!(b), |x, y| try_trap!(sem::i32_div_u(x, y)))
        };
        I32RemS { dst, a, b } => {
            i32_bin!(dst, r!(a), r!(b), |x, y| try_trap!(sem::i32_rem_s(x as i32, y as i32)))
        };
        I32RemU { dst, a, b } => {
            i32_bin!(dst, r!(a), r!(b), |x, y| try_trap!(sem::i32_rem_u(x, y)))
        };
        I32And { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x & y) };
        I32Or { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x | y) };
        I32Xor { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x ^ y) };
        I32Shl { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_shl(y)) };
        I32ShrS { dst, a, b } => {
            i32_bin!(dst, r!(a), r!(b), |x, y| (x as i32).wrapping_shr(y))
        };
        I32ShrU { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_shr(y)) };
        I32Rotl { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x.rotate_left(y % 32)) };
        I32Rotr { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x.rotate_right(y % 32)) };
        I32Eq { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x == y) };
        I32Ne { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x != y) };
        I32LtS { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| (x as i32) < y as i32) };
        I32LtU { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x < y) };
        I32GtS { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x as i32 > y as i32) };
        I32GtU { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x > y) };
        I32LeS { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x as i32 <= y as i32) };
        I32LeU { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x <= y) };
        I32GeS { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x as i32 >= y as i32) };
        I32GeU { dst, a, b } => { i32_bin!(dst, r!(a), r!(b), |x, y| x >= y) };
        I32AddImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x.wrapping_add(y)) };
        I32SubImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x.wrapping_sub(y)) };
        I32MulImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x.wrapping_mul(y)) };
        I32DivSImm { dst, a, imm } => {
            i32_bin!(dst, r!(a), imm, |x, y| try_trap!(sem::i32_div_s(x as i32, y as i32)))
        };
        I32DivUImm { dst, a, imm } => {
            i32_bin!(dst, r!(a), imm, |x, y| try_trap!(sem::i32_div_u(x, y)))
        };
        I32RemSImm { dst, a, imm } => {
            i32_bin!(dst, r!(a), imm, |x, y| try_trap!(sem::i32_rem_s(x as i32, y as i32)))
        };
        I32RemUImm { dst, a, imm } => {
            i32_bin!(dst, r!(a), imm, |x, y| try_trap!(sem::i32_rem_u(x, y)))
        };
        I32AndImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x & y) };
        I32OrImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x | y) };
        I32XorImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x ^ y) };
        I32ShlImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x.wrapping_shl(y)) };
        I32ShlAddImm { dst, a, shift, imm } => {
            w!(dst, ((r!(a) as u32) << (shift & 31)).wrapping_add(imm as u32) as u64)
        };
        I32ShlAdd { dst, a, b, shift } => {
            w!(dst, ((r!(a) as u32) << (shift & 31)).wrapping_add(r!(b) as u32) as u64)
        };
        I32ShrSImm { dst, a, imm } => {
            i32_bin!(dst, r!(a), imm, |x, y| (x as i32).wrapping_shr(y))
        };
        I32ShrUImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x.wrapping_shr(y)) };
        I32ShrUAndImm { dst, a, shift, mask } => {
            w!(dst, ((r!(a) as u32).wrapping_shr(shift as u32) & mask as u32) as u64)
        };
        I32RotlImm { dst, a, imm } => {
            i32_bin!(dst, r!(a), imm, |x, y| x.rotate_left(y % 32))
        };
        I32RotrImm { dst, a, imm } => {
            i32_bin!(dst, r!(a), imm, |x, y| x.rotate_right(y % 32))
        };
        I32EqImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x == y) };
        I32NeImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x != y) };
        I32LtSImm { dst, a, imm } => {
            i32_bin!(dst, r!(a), imm, |x, y| (x as i32) < y as i32)
        };
        I32LtUImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x < y) };
        I32GtSImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x as i32 > y as i32) };
        I32GtUImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x > y) };
        I32LeSImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x as i32 <= y as i32) };
        I32LeUImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x <= y) };
        I32GeSImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x as i32 >= y as i32) };
        I32GeUImm { dst, a, imm } => { i32_bin!(dst, r!(a), imm, |x, y| x >= y) };
        I64Eqz { dst, src } => { w!(dst, (r!(src) == 0) as u64) };
        I64Clz { dst, src } => { w!(dst, r!(src).leading_zeros() as u64) };
        I64Ctz { dst, src } => { w!(dst, r!(src).trailing_zeros() as u64) };
        I64Popcnt { dst, src } => { w!(dst, r!(src).count_ones() as u64) };
        I64Extend8S { dst, src } => { w!(dst, r!(src) as i8 as i64 as u64) };
        I64Extend16S { dst, src } => { w!(dst, r!(src) as i16 as i64 as u64) };
        I64Extend32S { dst, src } => { w!(dst, r!(src) as i32 as i64 as u64) };
        I64Add { dst, a, b } => { i64_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_add(y)) };
        I64Sub { dst, a, b } => { i64_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_sub(y)) };
        I64Mul { dst, a, b } => { i64_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_mul(y)) };
        I64DivS { dst, a, b } => {
            i64_bin!(dst, r!(a), r!(b), |x, y| try_trap!(sem::i64_div_s(x as i64, y as i64)))
        };
        I64DivU { dst, a, b } => {
            i64_bin!(dst, r!(a), r!(b), |x, y| try_trap!(sem::i64_div_u(x, y)))
        };
        I64RemS { dst, a, b } => {
            i64_bin!(dst, r!(a), r!(b), |x, y| try_trap!(sem::i64_rem_s(x as i64, y as i64)))
        };
        I64RemU { dst, a, b } => {
            i64_bin!(dst, r!(a), r!(b), |x, y| try_trap!(sem::i64_rem_u(x, y)))
        };
        I64And { dst, a, b } => { i64_bin!(dst, r!(a), r!(b), |x, y| x & y) };
        I64Or { dst, a, b } => { i64_bin!(dst, r!(a), r!(b), |x, y| x | y) };
        I64Xor { dst, a, b } => { i64_bin!(dst, r!(a), r!(b), |x, y| x ^ y) };
        I64Shl { dst, a, b } => {
            i64_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_shl(y as u32))
        };
        I64ShrS { dst, a, b } => {
            i64_bin!(dst, r!(a), r!(b), |x, y| (x as i64).wrapping_shr(y as u32))
        };
        I64ShrU { dst, a, b } => {
            i64_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_shr(y as u32))
        };
        I64Rotl { dst, a, b } => {
            i64_bin!(dst, r!(a), r!(b), |x, y| x.rotate_left((y % 64) as u32))
        };
        I64Rotr { dst, a, b } => {
            i64_bin!(dst, r!(a), r!(b), |x, y| x.rotate_right((y % 64) as u32))
        };
        I64Eq { dst, a, b } => { i64_bin!(dst, r!(a), r!(b), |x, y| x == y) };
        I64Ne { dst, a, b } => { i64_bin!(dst, r!(a), r!(b), |x, y| x != y) };
        I64LtS { dst, a, b } => { i64_bin!(dst, r!(a), r!(b), |x, y| (x as i64) < y as i64) };
        I64LtU { dst, a, b } => { i64_bin!(dst, r!(a), r!(b), |x, y| x < y) };
        I64GtS { dst, a, b } => { i64_bin!(dst, r!(a), r!(b), |x, y| x as i64 > y as i64) };
        I64GtU { dst, a, b } => { i64_bin!(dst, r!(a), r!(b), |x, y| x > y) };
        I64LeS { dst, a, b } => { i64_bin!(dst, r!(a), r!(b), |x, y| x as i64 <= y as i64) };
        I64LeU { dst, a, b } => { i64_bin!(dst, r!(a), r!(b), |x, y| x <= y) };
        I64GeS { dst, a, b } => { i64_bin!(dst, r!(a), r!(b), |x, y| x as i64 >= y as i64) };
        I64GeU { dst, a, b } => { i64_bin!(dst, r!(a), r!(b), |x, y| x >= y) };
        I64AddImm { dst, a, imm } => {
            i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x.wrapping_add(y))
        };
        I64SubImm { dst, a, imm } => {
            i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x.wrapping_sub(y))
        };
        I64MulImm { dst, a, imm } => {
            i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x.wrapping_mul(y))
        };
        I64DivSImm { dst, a, imm } => {
            i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| try_trap!(sem::i64_div_s(
                x as i64, y as i64
            )))
        };
        I64DivUImm { dst, a, imm } => {
            i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| try_trap!(sem::i64_div_u(x, y)))
        };
        I64RemSImm { dst, a, imm } => {
            i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| try_trap!(sem::i64_rem_s(
                x as i64, y as i64
            )))
        };
        I64RemUImm { dst, a, imm } => {
            i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| try_trap!(sem::i64_rem_u(x, y)))
        };
        I64AndImm { dst, a, imm } => { i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x & y) };
        I64OrImm { dst, a, imm } => { i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x | y) };
        I64XorImm { dst, a, imm } => { i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x ^ y) };
        I64ShlImm { dst, a, imm } => {
            i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x.wrapping_shl(y as u32))
        };
        I64ShrSImm { dst, a, imm } => {
            i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| (x as i64).wrapping_shr(y as u32))
        };
        I64ShrUImm { dst, a, imm } => {
            i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x.wrapping_shr(y as u32))
        };
        I64RotlImm { dst, a, imm } => {
            i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x.rotate_left((y % 64) as u32))
        };
        I64RotrImm { dst, a, imm } => {
            i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x.rotate_right((y % 64) as u32))
        };
        I64EqImm { dst, a, imm } => { i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x == y) };
        I64NeImm { dst, a, imm } => { i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x != y) };
        I64LtSImm { dst, a, imm } => {
            i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| (x as i64) < y as i64)
        };
        I64LtUImm { dst, a, imm } => { i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x < y) };
        I64GtSImm { dst, a, imm } => {
            i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x as i64 > y as i64)
        };
        I64GtUImm { dst, a, imm } => { i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x > y) };
        I64LeSImm { dst, a, imm } => {
            i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x as i64 <= y as i64)
        };
        I64LeUImm { dst, a, imm } => { i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x <= y) };
        I64GeSImm { dst, a, imm } => {
            i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x as i64 >= y as i64)
        };
        I64GeUImm { dst, a, imm } => { i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x >= y) };
        F32Abs { dst, src } => { w!(dst, r!(src) & 0x7fff_ffff) };
        F32Neg { dst, src } => { w!(dst, (r!(src) as u32 ^ 0x8000_0000) as u64) };
        F32Ceil { dst, src } => {
            w!(dst, of_f32(sem::quiet_f32(libm::ceilf(f32_of(r!(src))))))
        };
        F32Floor { dst, src } => {
            w!(dst, of_f32(sem::quiet_f32(libm::floorf(f32_of(r!(src))))))
        };
        F32Trunc { dst, src } => {
            w!(dst, of_f32(sem::quiet_f32(libm::truncf(f32_of(r!(src))))))
        };
        F32Nearest { dst, src } => {
            w!(dst, of_f32(sem::quiet_f32(sem::f32_nearest(f32_of(r!(src))))))
        };
        F32Sqrt { dst, src } => {
            w!(dst, of_f32(sem::quiet_f32(libm::sqrtf(f32_of(r!(src))))))
        };
        F32Add { dst, a, b } => { w!(dst, of_f32(f32_of(r!(a)) + f32_of(r!(b)))) };
        F32Sub { dst, a, b } => { w!(dst, of_f32(f32_of(r!(a)) - f32_of(r!(b)))) };
        F32Mul { dst, a, b } => { w!(dst, of_f32(f32_of(r!(a)) * f32_of(r!(b)))) };
        F32Div { dst, a, b } => { w!(dst, of_f32(f32_of(r!(a)) / f32_of(r!(b)))) };
        F32Min { dst, a, b } => { w!(dst, of_f32(sem::f32_min(f32_of(r!(a)), f32_of(r!(b))))) };
        F32Max { dst, a, b } => { w!(dst, of_f32(sem::f32_max(f32_of(r!(a)), f32_of(r!(b))))) };
        F32Copysign { dst, a, b } => {
            w!(dst, (r!(a) & 0x7fff_ffff) | (r!(b) & 0x8000_0000))
        };
        F32Eq { dst, a, b } => { w!(dst, (f32_of(r!(a)) == f32_of(r!(b))) as u64) };
        F32Ne { dst, a, b } => { w!(dst, (f32_of(r!(a)) != f32_of(r!(b))) as u64) };
        F32Lt { dst, a, b } => { w!(dst, (f32_of(r!(a)) < f32_of(r!(b))) as u64) };
        F32Gt { dst, a, b } => { w!(dst, (f32_of(r!(a)) > f32_of(r!(b))) as u64) };
        F32Le { dst, a, b } => { w!(dst, (f32_of(r!(a)) <= f32_of(r!(b))) as u64) };
        F32Ge { dst, a, b } => { w!(dst, (f32_of(r!(a)) >= f32_of(r!(b))) as u64) };
        F64Abs { dst, src } => { w!(dst, r!(src) & 0x7fff_ffff_ffff_ffff) };
        F64Neg { dst, src } => { w!(dst, r!(src) ^ 0x8000_0000_0000_0000) };
        F64Ceil { dst, src } => {
            w!(dst, of_f64(sem::quiet_f64(libm::ceil(f64_of(r!(src))))))
        };
        F64Floor { dst, src } => {
            w!(dst, of_f64(sem::quiet_f64(libm::floor(f64_of(r!(src))))))
        };
        F64Trunc { dst, src } => {
            w!(dst, of_f64(sem::quiet_f64(libm::trunc(f64_of(r!(src))))))
        };
        F64Nearest { dst, src } => {
            w!(dst, of_f64(sem::quiet_f64(sem::f64_nearest(f64_of(r!(src))))))
        };
        F64Sqrt { dst, src } => {
            w!(dst, of_f64(sem::quiet_f64(libm::sqrt(f64_of(r!(src))))))
        };
        F64Add { dst, a, b } => { w!(dst, of_f64(f64_of(r!(a)) + f64_of(r!(b)))) };
        F64Sub { dst, a, b } => { w!(dst, of_f64(f64_of(r!(a)) - f64_of(r!(b)))) };
        F64Mul { dst, a, b } => { w!(dst, of_f64(f64_of(r!(a)) * f64_of(r!(b)))) };
        F64Div { dst, a, b } => { w!(dst, of_f64(f64_of(r!(a)) / f64_of(r!(b)))) };
        F64Min { dst, a, b } => { w!(dst, of_f64(sem::f64_min(f64_of(r!(a)), f64_of(r!(b))))) };
        F64Max { dst, a, b } => { w!(dst, of_f64(sem::f64_max(f64_of(r!(a)), f64_of(r!(b))))) };
        F64Copysign { dst, a, b } => {
            w!(dst, (r!(a) & 0x7fff_ffff_ffff_ffff) | (r!(b) & 0x8000_0000_0000_0000))
        };
        F64Eq { dst, a, b } => { w!(dst, (f64_of(r!(a)) == f64_of(r!(b))) as u64) };
        F64Ne { dst, a, b } => { w!(dst, (f64_of(r!(a)) != f64_of(r!(b))) as u64) };
        F64Lt { dst, a, b } => { w!(dst, (f64_of(r!(a)) < f64_of(r!(b))) as u64) };
        F64Gt { dst, a, b } => { w!(dst, (f64_of(r!(a)) > f64_of(r!(b))) as u64) };
        F64Le { dst, a, b } => { w!(dst, (f64_of(r!(a)) <= f64_of(r!(b))) as u64) };
        F64Ge { dst, a, b } => { w!(dst, (f64_of(r!(a)) >= f64_of(r!(b))) as u64) };
        I32WrapI64 { dst, src } => { w!(dst, r!(src) as u32 as u64) };
        I64ExtendI32S { dst, src } => { w!(dst, r!(src) as i32 as i64 as u64) };
        I64ExtendI32U { dst, src } => { w!(dst, r!(src) as u32 as u64) };
        I32TruncF32S { dst, src } => {
            w!(dst, try_trap!(sem::i32_trunc_f32_s(f32_of(r!(src)))) as u32 as u64)
        };
        I32TruncF32U { dst, src } => {
            w!(dst, try_trap!(sem::i32_trunc_f32_u(f32_of(r!(src)))) as u64)
        };
        I32TruncF64S { dst, src } => {
            w!(dst, try_trap!(sem::i32_trunc_f64_s(f64_of(r!(src)))) as u32 as u64)
        };
        I32TruncF64U { dst, src } => {
            w!(dst, try_trap!(sem::i32_trunc_f64_u(f64_of(r!(src)))) as u64)
        };
        I64TruncF32S { dst, src } => {
            w!(dst, try_trap!(sem::i64_trunc_f32_s(f32_of(r!(src)))) as u64)
        };
        I64TruncF32U { dst, src } => {
            w!(dst, try_trap!(sem::i64_trunc_f32_u(f32_of(r!(src)))))
        };
        I64TruncF64S { dst, src } => {
            w!(dst, try_trap!(sem::i64_trunc_f64_s(f64_of(r!(src)))) as u64)
        };
        I64TruncF64U { dst, src } => {
            w!(dst, try_trap!(sem::i64_trunc_f64_u(f64_of(r!(src)))))
        };
        I32TruncSatF32S { dst, src } => { w!(dst, f32_of(r!(src)) as i32 as u32 as u64) };
        I32TruncSatF32U { dst, src } => { w!(dst, f32_of(r!(src)) as u32 as u64) };
        I32TruncSatF64S { dst, src } => { w!(dst, f64_of(r!(src)) as i32 as u32 as u64) };
        I32TruncSatF64U { dst, src } => { w!(dst, f64_of(r!(src)) as u32 as u64) };
        I64TruncSatF32S { dst, src } => { w!(dst, f32_of(r!(src)) as i64 as u64) };
        I64TruncSatF32U { dst, src } => { w!(dst, f32_of(r!(src)) as u64) };
        I64TruncSatF64S { dst, src } => { w!(dst, f64_of(r!(src)) as i64 as u64) };
        I64TruncSatF64U { dst, src } => { w!(dst, f64_of(r!(src)) as u64) };
        F32ConvertI32S { dst, src } => { w!(dst, of_f32(r!(src) as i32 as f32)) };
        F32ConvertI32U { dst, src } => { w!(dst, of_f32(r!(src) as u32 as f32)) };
        F32ConvertI64S { dst, src } => { w!(dst, of_f32(r!(src) as i64 as f32)) };
        F32ConvertI64U { dst, src } => { w!(dst, of_f32(r!(src) as f32)) };
        F64ConvertI32S { dst, src } => { w!(dst, of_f64(r!(src) as i32 as f64)) };
        F64ConvertI32U { dst, src } => { w!(dst, of_f64(r!(src) as u32 as f64)) };
        F64ConvertI64S { dst, src } => { w!(dst, of_f64(r!(src) as i64 as f64)) };
        F64ConvertI64U { dst, src } => { w!(dst, of_f64(r!(src) as f64)) };
        F32DemoteF64 { dst, src } => { w!(dst, of_f32(f64_of(r!(src)) as f32)) };
        F64PromoteF32 { dst, src } => { w!(dst, of_f64(f32_of(r!(src)) as f64)) };
        }
    };
}
pub(crate) use for_each_shared_op;

/// Binary i32 op: operands as `u32`, result zero-extended.
macro_rules! i32_bin {
    ($dst:ident, $x:expr, $y:expr, |$a:ident, $b:ident| $e:expr) => {{
        let $a = $x as u32;
        let $b = $y as u32;
        w!($dst, ($e) as u32 as u64)
    }};
}
pub(crate) use i32_bin;

/// Binary i64 op.
macro_rules! i64_bin {
    ($dst:ident, $x:expr, $y:expr, |$a:ident, $b:ident| $e:expr) => {{
        let $a: u64 = $x;
        let $b: u64 = $y;
        w!($dst, ($e) as u64)
    }};
}
pub(crate) use i64_bin;

/// `Ok(v) => v`, `Err(code) => trap!(code)`.
macro_rules! try_trap {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(c) => trap!(c),
        }
    };
}
pub(crate) use try_trap;

/// Load `$n` bytes at `r!($addr) + $offset` from memory 0.
macro_rules! ld {
    ($dst:ident, $addr:ident, $offset:ident, $add:ident, $n:literal, |$b:ident| $conv:expr) => {{
        let a = (r!($addr) as u32).wrapping_add($add as u32);
        match $crate::exec::ops::load::<$n>(mem!(), a, $offset) {
            Some($b) => w!($dst, $conv),
            None => trap!(TrapCode::MemoryOutOfBounds),
        }
    }};
}
pub(crate) use ld;

/// Load `$n` bytes at `(r!($a) << $shift) + r!($b)` (wrapping in 32 bits)
/// plus `$offset` from memory 0 into `$dst`, converted by `$conv`.
macro_rules! ld_sum {
    ($dst:ident, $a:ident, $b:ident, $shift:ident, $offset:ident, $n:literal, |$x:ident| $conv:expr) => {{
        let at = ((r!($a) as u32) << ($shift & 31)).wrapping_add(r!($b) as u32);
        match $crate::exec::ops::load::<$n>(mem!(), at, $offset) {
            Some($x) => w!($dst, $conv),
            None => trap!(TrapCode::MemoryOutOfBounds),
        }
    }};
}
pub(crate) use ld_sum;

/// A loop counter step: `$a += $imm` (i32), and the new value.
macro_rules! step {
    ($a:ident, $imm:ident) => {{
        let v = (r!($a) as u32).wrapping_add($imm as u32);
        w!($a, u64::from(v));
        v
    }};
}
pub(crate) use step;

/// Store the bytes `$bytes(r!($src))` at `r!($addr) + $offset` in memory 0.
macro_rules! st {
    ($addr:ident, $src:ident, $offset:ident, $add:ident, $bytes:expr) => {{
        let v = r!($src);
        let a = (r!($addr) as u32).wrapping_add($add as u32);
        if $crate::exec::ops::store_bytes(mem!(), a, $offset, $bytes(v)).is_none() {
            trap!(TrapCode::MemoryOutOfBounds)
        }
    }};
}
pub(crate) use st;

/// The `N` bytes at `addr + offset` of a 32-bit memory, if in bounds. The sum
/// of two `u32`s cannot overflow a `u64`: one bounds check is all it takes.
#[inline(always)]
pub(crate) fn load<const N: usize>(mem: &[u8], addr: u32, offset: u32) -> Option<[u8; N]> {
    let end = usize::try_from(u64::from(addr) + u64::from(offset) + N as u64).ok()?;
    mem.get(end - N..end)?.try_into().ok()
}

/// Add `imm` to the little-endian `u32` at `addr + offset` of a 32-bit
/// memory, if in bounds (one check for the load and the store).
#[inline(always)]
pub(crate) fn add_u32(mem: &mut [u8], addr: u32, offset: u32, imm: u32) -> Option<()> {
    let end = usize::try_from(u64::from(addr) + u64::from(offset) + 4).ok()?;
    let b: &mut [u8; 4] = mem.get_mut(end - 4..end)?.try_into().ok()?;
    *b = u32::from_le_bytes(*b).wrapping_add(imm).to_le_bytes();
    Some(())
}

/// Write `bytes` at `addr + offset` of a 32-bit memory, if in bounds.
#[inline(always)]
pub(crate) fn store_bytes<const N: usize>(
    mem: &mut [u8],
    addr: u32,
    offset: u32,
    bytes: [u8; N],
) -> Option<()> {
    let end = usize::try_from(u64::from(addr) + u64::from(offset) + N as u64).ok()?;
    // An array assignment, not `copy_from_slice(&bytes)`: a reference to a
    // local would keep it in a stack slot, and a handler with an address-taken
    // local cannot tail-call (fuzz builds showed it).
    let dst: &mut [u8; N] = mem.get_mut(end - N..end)?.try_into().ok()?;
    *dst = bytes;
    Some(())
}

// The bulk ops' bodies, out of line: a threaded handler must not keep a
// local whose address is taken (a `Vec` built in place, a value dropped
// after a call), or it calls the next handler instead of jumping to it
// (instrumented fuzz builds showed it: `.ci/check-tail-calls`). These take
// and return values that travel in registers.

/// `memory.copy` within one memory: `n` bytes from `s` to `d`, if in bounds.
#[inline(never)]
pub(crate) fn copy_within(m: &mut [u8], d: u64, s: u64, n: u64) -> bool {
    match (range(d, n, m.len()), range(s, n, m.len())) {
        (Some(dr), Some(sr)) => {
            m.copy_within(sr, dr.start);
            true
        }
        _ => false,
    }
}

/// The `n` bytes at `s` of a memory, if in bounds (`memory.copy` between
/// two memories: the source is read before the destination is borrowed).
#[inline(never)]
pub(crate) fn copy_out(m: &[u8], s: u64, n: u64) -> Option<Box<[u8]>> {
    Some(m[range(s, n, m.len())?].into())
}

/// Write `bytes` at `d` of a memory, if in bounds.
#[inline(never)]
pub(crate) fn copy_in(m: &mut [u8], d: u64, bytes: Box<[u8]>) -> bool {
    match range(d, bytes.len() as u64, m.len()) {
        Some(dr) => {
            m[dr].copy_from_slice(&bytes);
            true
        }
        None => false,
    }
}

/// `data.drop`: the segment becomes empty.
#[inline(never)]
pub(crate) fn drop_segment(data: &mut Arc<[u8]>) {
    *data = Arc::from(&[][..]);
}

/// `table.copy`: `n` elements from `s` of table `st` to `d` of table `dt`
/// (store addresses), if in bounds.
#[inline(never)]
pub(crate) fn table_copy(
    tables: &mut [TableEntity],
    dt: usize,
    st: usize,
    d: u64,
    s: u64,
    n: u64,
) -> bool {
    let (Some(dr), Some(sr)) =
        (range(d, n, tables[dt].elems.len()), range(s, n, tables[st].elems.len()))
    else {
        return false;
    };
    if dt == st {
        tables[dt].elems.copy_within(sr, dr.start);
    } else {
        let tmp: Vec<u64> = tables[st].elems[sr].to_vec();
        tables[dt].elems[dr].copy_from_slice(&tmp);
    }
    true
}

/// A range `[start, start + n)` within `len`, if in bounds.
#[inline]
pub(crate) fn range(start: u64, n: u64, len: usize) -> Option<core::ops::Range<usize>> {
    let end = start.checked_add(n)?;
    if end > len as u64 {
        return None;
    }
    Some(start as usize..end as usize)
}

pub(crate) fn f32_of(c: u64) -> f32 {
    f32::from_bits(c as u32)
}
pub(crate) fn f64_of(c: u64) -> f64 {
    f64::from_bits(c)
}
pub(crate) fn of_f32(v: f32) -> u64 {
    v.to_bits() as u64
}
pub(crate) fn of_f64(v: f64) -> u64 {
    v.to_bits()
}

/// Reborrow the optional limiter for one call (coercing the object lifetime).
pub(crate) fn reborrow<'a>(
    l: &'a mut Option<&mut dyn ResourceLimiter>,
) -> Option<&'a mut dyn ResourceLimiter> {
    match l {
        Some(l) => Some(&mut **l),
        None => None,
    }
}
