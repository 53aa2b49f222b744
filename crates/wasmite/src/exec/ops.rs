//! The dispatch loop of the portable backend: one `match` arm per IR op.

use alloc::sync::Arc;
use alloc::vec::Vec;

use super::{Frame, Outcome, Stack};
use crate::error::{Trap, TrapCode};
use crate::ir::Op;
use crate::limits::ResourceLimiter;
use crate::module::CompiledFunc;
use crate::semantics as sem;
use crate::store::{FuncKind, InstanceEntity, StoreInner};

/// Effective address of an access of `n` bytes, if in bounds.
#[inline(always)]
fn ea(len: usize, addr: u64, offset: u64, n: usize) -> Option<usize> {
    let a = usize::try_from(addr.checked_add(offset)?).ok()?;
    (a.checked_add(n)? <= len).then_some(a)
}

#[inline(always)]
fn load<const N: usize>(mem: &[u8], addr: u64, offset: u64) -> Option<[u8; N]> {
    let a = ea(mem.len(), addr, offset, N)?;
    mem[a..a + N].try_into().ok()
}

#[inline(always)]
fn store_bytes<const N: usize>(
    mem: &mut [u8],
    addr: u64,
    offset: u64,
    bytes: [u8; N],
) -> Option<()> {
    let a = ea(mem.len(), addr, offset, N)?;
    mem[a..a + N].copy_from_slice(&bytes);
    Some(())
}

/// A range `[start, start + n)` within `len`, if in bounds.
#[inline]
fn range(start: u64, n: u64, len: usize) -> Option<core::ops::Range<usize>> {
    let end = start.checked_add(n)?;
    if end > len as u64 {
        return None;
    }
    Some(start as usize..end as usize)
}

/// Reborrow the optional limiter for one call (coercing the object lifetime).
fn reborrow<'a>(
    l: &'a mut Option<&mut dyn ResourceLimiter>,
) -> Option<&'a mut dyn ResourceLimiter> {
    match l {
        Some(l) => Some(&mut **l),
        None => None,
    }
}

fn f32_of(c: u64) -> f32 {
    f32::from_bits(c as u32)
}
fn f64_of(c: u64) -> f64 {
    f64::from_bits(c)
}
fn of_f32(v: f32) -> u64 {
    v.to_bits() as u64
}
fn of_f64(v: f64) -> u64 {
    v.to_bits()
}

#[cold]
fn trap_at(code: TrapCode, f: &CompiledFunc, inst: &InstanceEntity, ip: usize) -> Trap {
    let name = inst.module.func_name(f.index).map(alloc::string::String::from);
    Trap::at(code, f.index, name, f.offsets.get(ip.wrapping_sub(1)).copied())
}

pub(super) fn run(
    store: &mut StoreInner,
    depth: usize,
    mut limiter: Option<&mut dyn ResourceLimiter>,
) -> Result<Outcome, Trap> {
    let StoreInner {
        funcs, memories, tables, globals, instances, elems, datas, stack, fuel, ..
    } = store;
    let Stack { values, frames, max_slots, max_depth } = stack;
    let (max_slots, max_depth) = (*max_slots, *max_depth);

    let top = *frames.last().expect("run() without a frame");
    let (mut func, mut inst_idx) = match &funcs[top.func as usize].kind {
        FuncKind::Wasm { instance, code } => (code, *instance),
        FuncKind::Host(_) => unreachable!(),
    };
    let mut inst = &instances[inst_idx as usize];
    let mut code: &[Op] = &func.code;
    let mut ip = top.ip as usize;
    let mut base = top.base as usize;
    let mut mem0 = inst.memories.first().copied().unwrap_or(u32::MAX) as usize;

    macro_rules! r {
        ($s:expr) => {
            values[base + $s as usize]
        };
    }
    macro_rules! w {
        ($s:expr, $v:expr) => {{
            let v: u64 = $v;
            values[base + $s as usize] = v;
        }};
    }
    macro_rules! trap {
        ($c:expr) => {
            return Err(trap_at($c, func, inst, ip))
        };
    }
    macro_rules! try_trap {
        ($e:expr) => {
            match $e {
                Ok(v) => v,
                Err(c) => trap!(c),
            }
        };
    }
    macro_rules! i32_bin {
        ($dst:ident, $x:expr, $y:expr, |$a:ident, $b:ident| $e:expr) => {{
            let $a = $x as u32;
            let $b = $y as u32;
            w!($dst, ($e) as u32 as u64)
        }};
    }
    macro_rules! i64_bin {
        ($dst:ident, $x:expr, $y:expr, |$a:ident, $b:ident| $e:expr) => {{
            let $a: u64 = $x;
            let $b: u64 = $y;
            w!($dst, ($e) as u64)
        }};
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
    macro_rules! ld {
        ($dst:ident, $addr:ident, $offset:ident, $n:literal, |$b:ident| $conv:expr) => {{
            match load::<$n>(mem!(), r!($addr) as u32 as u64, $offset) {
                Some($b) => w!($dst, $conv),
                None => trap!(TrapCode::MemoryOutOfBounds),
            }
        }};
    }
    macro_rules! st {
        ($addr:ident, $src:ident, $offset:ident, $bytes:expr) => {{
            let v = r!($src);
            let _ = v;
            if store_bytes(mem!(), r!($addr) as u32 as u64, $offset, $bytes(v)).is_none() {
                trap!(TrapCode::MemoryOutOfBounds)
            }
        }};
    }
    // Switch the loop's state to frame `$f`.
    macro_rules! enter_frame {
        ($f:expr) => {{
            let f: Frame = $f;
            let (c, i) = wasm_code_of(funcs, f.func);
            func = c;
            code = &func.code;
            if i != inst_idx {
                inst_idx = i;
                inst = &instances[i as usize];
                mem0 = inst.memories.first().copied().unwrap_or(u32::MAX) as usize;
            }
            ip = f.ip as usize;
            base = f.base as usize;
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

    loop {
        let op = code[ip];
        ip += 1;
        match op {
            Op::Trap { code } => trap!(code),
            Op::Br { target } => ip = target as usize,
            Op::BrNez { cond, target } => br_if!(r!(cond) as u32 != 0, target),
            Op::BrEqz { cond, target } => br_if!(r!(cond) as u32 == 0, target),
            Op::BrTable { index, len } => {
                ip += (r!(index) as u32).min(len - 1) as usize;
            }
            Op::Return {} => do_return!(),
            Op::Return1 { src } => {
                values[base] = r!(src);
                do_return!()
            }
            Op::ReturnN { start, count } => {
                let s = base + start as usize;
                values.copy_within(s..s + count as usize, base);
                do_return!()
            }
            Op::Call { func: f, base: b } => call!(inst.funcs[f as usize], b),
            Op::CallIndirect { base: b, index, ty, table } => {
                let t = &tables[inst.tables[table as usize] as usize];
                let Some(&fref) = t.elems.get(r!(index) as u32 as usize) else {
                    trap!(TrapCode::UndefinedElement)
                };
                let Some(addr) = fref.checked_sub(1) else { trap!(TrapCode::UninitializedElement) };
                if funcs[addr as usize].sig != inst.sigs[ty as usize] {
                    trap!(TrapCode::IndirectCallTypeMismatch)
                }
                call!(addr as u32, b)
            }

            Op::BrI32Eq { a, b, target } => br_if!(r!(a) as u32 == r!(b) as u32, target),
            Op::BrI32Ne { a, b, target } => br_if!(r!(a) as u32 != r!(b) as u32, target),
            Op::BrI32LtS { a, b, target } => br_if!((r!(a) as i32) < r!(b) as i32, target),
            Op::BrI32LtU { a, b, target } => br_if!((r!(a) as u32) < r!(b) as u32, target),
            Op::BrI32GtS { a, b, target } => br_if!(r!(a) as i32 > r!(b) as i32, target),
            Op::BrI32GtU { a, b, target } => br_if!(r!(a) as u32 > r!(b) as u32, target),
            Op::BrI32LeS { a, b, target } => br_if!(r!(a) as i32 <= r!(b) as i32, target),
            Op::BrI32LeU { a, b, target } => br_if!(r!(a) as u32 <= r!(b) as u32, target),
            Op::BrI32GeS { a, b, target } => br_if!(r!(a) as i32 >= r!(b) as i32, target),
            Op::BrI32GeU { a, b, target } => br_if!(r!(a) as u32 >= r!(b) as u32, target),
            Op::BrI64Eq { a, b, target } => br_if!(r!(a) == r!(b), target),
            Op::BrI64Ne { a, b, target } => br_if!(r!(a) != r!(b), target),
            Op::BrI64LtS { a, b, target } => br_if!((r!(a) as i64) < r!(b) as i64, target),
            Op::BrI64LtU { a, b, target } => br_if!(r!(a) < r!(b), target),
            Op::BrI64GtS { a, b, target } => br_if!(r!(a) as i64 > r!(b) as i64, target),
            Op::BrI64GtU { a, b, target } => br_if!(r!(a) > r!(b), target),
            Op::BrI64LeS { a, b, target } => br_if!(r!(a) as i64 <= r!(b) as i64, target),
            Op::BrI64LeU { a, b, target } => br_if!(r!(a) <= r!(b), target),
            Op::BrI64GeS { a, b, target } => br_if!(r!(a) as i64 >= r!(b) as i64, target),
            Op::BrI64GeU { a, b, target } => br_if!(r!(a) >= r!(b), target),
            Op::BrI32EqImm { a, imm, target } => br_if!(r!(a) as u32 == imm as u32, target),
            Op::BrI32NeImm { a, imm, target } => br_if!(r!(a) as u32 != imm as u32, target),
            Op::BrI32LtSImm { a, imm, target } => br_if!((r!(a) as i32) < imm, target),
            Op::BrI32LtUImm { a, imm, target } => br_if!((r!(a) as u32) < imm as u32, target),
            Op::BrI32GtSImm { a, imm, target } => br_if!(r!(a) as i32 > imm, target),
            Op::BrI32GtUImm { a, imm, target } => br_if!(r!(a) as u32 > imm as u32, target),
            Op::BrI32LeSImm { a, imm, target } => br_if!(r!(a) as i32 <= imm, target),
            Op::BrI32LeUImm { a, imm, target } => br_if!(r!(a) as u32 <= imm as u32, target),
            Op::BrI32GeSImm { a, imm, target } => br_if!(r!(a) as i32 >= imm, target),
            Op::BrI32GeUImm { a, imm, target } => br_if!(r!(a) as u32 >= imm as u32, target),
            Op::BrI64EqImm { a, imm, target } => br_if!(r!(a) as i64 == imm as i64, target),
            Op::BrI64NeImm { a, imm, target } => br_if!(r!(a) as i64 != imm as i64, target),
            Op::BrI64LtSImm { a, imm, target } => br_if!((r!(a) as i64) < imm as i64, target),
            Op::BrI64LtUImm { a, imm, target } => br_if!(r!(a) < imm as i64 as u64, target),
            Op::BrI64GtSImm { a, imm, target } => br_if!(r!(a) as i64 > imm as i64, target),
            Op::BrI64GtUImm { a, imm, target } => br_if!(r!(a) > imm as i64 as u64, target),
            Op::BrI64LeSImm { a, imm, target } => br_if!(r!(a) as i64 <= imm as i64, target),
            Op::BrI64LeUImm { a, imm, target } => br_if!(r!(a) <= imm as i64 as u64, target),
            Op::BrI64GeSImm { a, imm, target } => br_if!(r!(a) as i64 >= imm as i64, target),
            Op::BrI64GeUImm { a, imm, target } => br_if!(r!(a) >= imm as i64 as u64, target),

            Op::ConsumeFuel { amount } => {
                let amount = u64::from(amount);
                if *fuel < amount {
                    if let Some(f) = frames.last_mut() {
                        f.ip = (ip - 1) as u32;
                    }
                    let trap = trap_at(TrapCode::OutOfFuel, func, inst, ip);
                    return Ok(Outcome::OutOfFuel { trap, required: amount });
                }
                *fuel -= amount;
            }
            Op::CanonF32 { dst, src } => {
                let v = r!(src);
                w!(dst, if f32_of(v).is_nan() { 0x7fc0_0000 } else { v })
            }
            Op::CanonF64 { dst, src } => {
                let v = r!(src);
                w!(dst, if f64_of(v).is_nan() { 0x7ff8_0000_0000_0000 } else { v })
            }
            Op::Copy { dst, src } => w!(dst, r!(src)),
            Op::Const32 { dst, val } => w!(dst, val as u64),
            Op::Const64 { dst, val } => w!(dst, val),
            Op::Select { dst, cond, a, b } => {
                w!(dst, if r!(cond) as u32 != 0 { r!(a) } else { r!(b) })
            }
            Op::GlobalGet { dst, global } => {
                w!(dst, globals[inst.globals[global as usize] as usize].value)
            }
            Op::GlobalSet { src, global } => {
                globals[inst.globals[global as usize] as usize].value = r!(src);
            }
            Op::RefFunc { dst, func: f } => w!(dst, inst.funcs[f as usize] as u64 + 1),

            Op::I32Load { dst, addr, offset } => {
                ld!(dst, addr, offset, 4, |b| u32::from_le_bytes(b) as u64)
            }
            Op::I64Load { dst, addr, offset } => {
                ld!(dst, addr, offset, 8, |b| u64::from_le_bytes(b))
            }
            Op::F32Load { dst, addr, offset } => {
                ld!(dst, addr, offset, 4, |b| u32::from_le_bytes(b) as u64)
            }
            Op::F64Load { dst, addr, offset } => {
                ld!(dst, addr, offset, 8, |b| u64::from_le_bytes(b))
            }
            Op::I32Load8S { dst, addr, offset } => {
                ld!(dst, addr, offset, 1, |b| b[0] as i8 as i32 as u32 as u64)
            }
            Op::I32Load8U { dst, addr, offset } => ld!(dst, addr, offset, 1, |b| b[0] as u64),
            Op::I32Load16S { dst, addr, offset } => {
                ld!(dst, addr, offset, 2, |b| i16::from_le_bytes(b) as i32 as u32 as u64)
            }
            Op::I32Load16U { dst, addr, offset } => {
                ld!(dst, addr, offset, 2, |b| u16::from_le_bytes(b) as u64)
            }
            Op::I64Load8S { dst, addr, offset } => {
                ld!(dst, addr, offset, 1, |b| b[0] as i8 as i64 as u64)
            }
            Op::I64Load8U { dst, addr, offset } => ld!(dst, addr, offset, 1, |b| b[0] as u64),
            Op::I64Load16S { dst, addr, offset } => {
                ld!(dst, addr, offset, 2, |b| i16::from_le_bytes(b) as i64 as u64)
            }
            Op::I64Load16U { dst, addr, offset } => {
                ld!(dst, addr, offset, 2, |b| u16::from_le_bytes(b) as u64)
            }
            Op::I64Load32S { dst, addr, offset } => {
                ld!(dst, addr, offset, 4, |b| i32::from_le_bytes(b) as i64 as u64)
            }
            Op::I64Load32U { dst, addr, offset } => {
                ld!(dst, addr, offset, 4, |b| u32::from_le_bytes(b) as u64)
            }
            Op::Store32 { addr, src, offset } => {
                st!(addr, src, offset, |v: u64| (v as u32).to_le_bytes())
            }
            Op::Store64 { addr, src, offset } => st!(addr, src, offset, |v: u64| v.to_le_bytes()),
            Op::Store8 { addr, src, offset } => st!(addr, src, offset, |v: u64| [v as u8]),
            Op::Store16 { addr, src, offset } => {
                st!(addr, src, offset, |v: u64| (v as u16).to_le_bytes())
            }
            Op::MemorySize { dst, mem } => {
                w!(dst, memories[inst.memories[mem as usize] as usize].pages())
            }
            Op::MemoryGrow { dst, delta, mem } => {
                let m = &mut memories[inst.memories[mem as usize] as usize];
                let r = m
                    .grow(r!(delta) as u32 as u64, reborrow(&mut limiter))
                    .map_or(u32::MAX as u64, |old| old);
                w!(dst, r)
            }
            Op::MemoryFill { d, v, n, mem } => {
                let m = &mut memories[inst.memories[mem as usize] as usize].data;
                let Some(rg) = range(r!(d) as u32 as u64, r!(n) as u32 as u64, m.len()) else {
                    trap!(TrapCode::MemoryOutOfBounds)
                };
                m[rg].fill(r!(v) as u8);
            }
            Op::MemoryCopy { d, s, n, dst_mem, src_mem } => {
                let (dm, sm) = (inst.memories[dst_mem as usize], inst.memories[src_mem as usize]);
                let n = r!(n) as u32 as u64;
                let (d, s) = (r!(d) as u32 as u64, r!(s) as u32 as u64);
                let (Some(dr), Some(sr)) = (
                    range(d, n, memories[dm as usize].data.len()),
                    range(s, n, memories[sm as usize].data.len()),
                ) else {
                    trap!(TrapCode::MemoryOutOfBounds)
                };
                if dm == sm {
                    memories[dm as usize].data.copy_within(sr, dr.start);
                } else {
                    let tmp: Vec<u8> = memories[sm as usize].data[sr].to_vec();
                    memories[dm as usize].data[dr].copy_from_slice(&tmp);
                }
            }
            Op::MemoryInit { d, s, n, mem, data } => {
                let bytes = &datas[inst.datas[data as usize] as usize];
                let m = &mut memories[inst.memories[mem as usize] as usize].data;
                let n = r!(n) as u32 as u64;
                let (Some(dr), Some(sr)) = (
                    range(r!(d) as u32 as u64, n, m.len()),
                    range(r!(s) as u32 as u64, n, bytes.len()),
                ) else {
                    trap!(TrapCode::MemoryOutOfBounds)
                };
                m[dr].copy_from_slice(&bytes[sr]);
            }
            Op::DataDrop { data } => {
                datas[inst.datas[data as usize] as usize] = Arc::from(&[][..]);
            }

            Op::TableGet { dst, index, table } => {
                let t = &tables[inst.tables[table as usize] as usize];
                match t.elems.get(r!(index) as u32 as usize) {
                    Some(&v) => w!(dst, v),
                    None => trap!(TrapCode::TableOutOfBounds),
                }
            }
            Op::TableSet { index, src, table } => {
                let v = r!(src);
                let t = &mut tables[inst.tables[table as usize] as usize];
                match t.elems.get_mut(r!(index) as u32 as usize) {
                    Some(e) => *e = v,
                    None => trap!(TrapCode::TableOutOfBounds),
                }
            }
            Op::TableSize { dst, table } => {
                w!(dst, tables[inst.tables[table as usize] as usize].elems.len() as u64)
            }
            Op::TableGrow { dst, init, delta, table } => {
                let (v, n) = (r!(init), r!(delta) as u32 as u64);
                let t = &mut tables[inst.tables[table as usize] as usize];
                w!(dst, t.grow(n, v, reborrow(&mut limiter)).map_or(u32::MAX as u64, |old| old))
            }
            Op::TableFill { d, v, n, table } => {
                let val = r!(v);
                let t = &mut tables[inst.tables[table as usize] as usize];
                let Some(rg) = range(r!(d) as u32 as u64, r!(n) as u32 as u64, t.elems.len())
                else {
                    trap!(TrapCode::TableOutOfBounds)
                };
                t.elems[rg].fill(val);
            }
            Op::TableCopy { d, s, n, dst_table, src_table } => {
                let (dt, stb) = (inst.tables[dst_table as usize], inst.tables[src_table as usize]);
                let n = r!(n) as u32 as u64;
                let (d, s) = (r!(d) as u32 as u64, r!(s) as u32 as u64);
                let (Some(dr), Some(sr)) = (
                    range(d, n, tables[dt as usize].elems.len()),
                    range(s, n, tables[stb as usize].elems.len()),
                ) else {
                    trap!(TrapCode::TableOutOfBounds)
                };
                if dt == stb {
                    tables[dt as usize].elems.copy_within(sr, dr.start);
                } else {
                    let tmp: Vec<u64> = tables[stb as usize].elems[sr].to_vec();
                    tables[dt as usize].elems[dr].copy_from_slice(&tmp);
                }
            }
            Op::TableInit { d, s, n, table, elem } => {
                let items = &elems[inst.elems[elem as usize] as usize];
                let t = &mut tables[inst.tables[table as usize] as usize];
                let n = r!(n) as u32 as u64;
                let (Some(dr), Some(sr)) = (
                    range(r!(d) as u32 as u64, n, t.elems.len()),
                    range(r!(s) as u32 as u64, n, items.len()),
                ) else {
                    trap!(TrapCode::TableOutOfBounds)
                };
                t.elems[dr].copy_from_slice(&items[sr]);
            }
            Op::ElemDrop { elem } => {
                elems[inst.elems[elem as usize] as usize] = Default::default();
            }

            Op::I32Eqz { dst, src } => w!(dst, (r!(src) as u32 == 0) as u64),
            Op::I32Clz { dst, src } => w!(dst, (r!(src) as u32).leading_zeros() as u64),
            Op::I32Ctz { dst, src } => w!(dst, (r!(src) as u32).trailing_zeros() as u64),
            Op::I32Popcnt { dst, src } => w!(dst, (r!(src) as u32).count_ones() as u64),
            Op::I32Extend8S { dst, src } => w!(dst, r!(src) as i8 as i32 as u32 as u64),
            Op::I32Extend16S { dst, src } => w!(dst, r!(src) as i16 as i32 as u32 as u64),
            Op::I32Add { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_add(y)),
            Op::I32Sub { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_sub(y)),
            Op::I32Mul { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_mul(y)),
            Op::I32DivS { dst, a, b } => {
                i32_bin!(dst, r!(a), r!(b), |x, y| try_trap!(sem::i32_div_s(x as i32, y as i32)))
            }
            Op::I32DivU { dst, a, b } => {
                i32_bin!(dst, r!(a), r!(b), |x, y| try_trap!(sem::i32_div_u(x, y)))
            }
            Op::I32RemS { dst, a, b } => {
                i32_bin!(dst, r!(a), r!(b), |x, y| try_trap!(sem::i32_rem_s(x as i32, y as i32)))
            }
            Op::I32RemU { dst, a, b } => {
                i32_bin!(dst, r!(a), r!(b), |x, y| try_trap!(sem::i32_rem_u(x, y)))
            }
            Op::I32And { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x & y),
            Op::I32Or { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x | y),
            Op::I32Xor { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x ^ y),
            Op::I32Shl { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_shl(y)),
            Op::I32ShrS { dst, a, b } => {
                i32_bin!(dst, r!(a), r!(b), |x, y| (x as i32).wrapping_shr(y))
            }
            Op::I32ShrU { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_shr(y)),
            Op::I32Rotl { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x.rotate_left(y % 32)),
            Op::I32Rotr { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x.rotate_right(y % 32)),
            Op::I32Eq { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x == y),
            Op::I32Ne { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x != y),
            Op::I32LtS { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| (x as i32) < y as i32),
            Op::I32LtU { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x < y),
            Op::I32GtS { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x as i32 > y as i32),
            Op::I32GtU { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x > y),
            Op::I32LeS { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x as i32 <= y as i32),
            Op::I32LeU { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x <= y),
            Op::I32GeS { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x as i32 >= y as i32),
            Op::I32GeU { dst, a, b } => i32_bin!(dst, r!(a), r!(b), |x, y| x >= y),
            Op::I32AddImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x.wrapping_add(y)),
            Op::I32SubImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x.wrapping_sub(y)),
            Op::I32MulImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x.wrapping_mul(y)),
            Op::I32DivSImm { dst, a, imm } => {
                i32_bin!(dst, r!(a), imm, |x, y| try_trap!(sem::i32_div_s(x as i32, y as i32)))
            }
            Op::I32DivUImm { dst, a, imm } => {
                i32_bin!(dst, r!(a), imm, |x, y| try_trap!(sem::i32_div_u(x, y)))
            }
            Op::I32RemSImm { dst, a, imm } => {
                i32_bin!(dst, r!(a), imm, |x, y| try_trap!(sem::i32_rem_s(x as i32, y as i32)))
            }
            Op::I32RemUImm { dst, a, imm } => {
                i32_bin!(dst, r!(a), imm, |x, y| try_trap!(sem::i32_rem_u(x, y)))
            }
            Op::I32AndImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x & y),
            Op::I32OrImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x | y),
            Op::I32XorImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x ^ y),
            Op::I32ShlImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x.wrapping_shl(y)),
            Op::I32ShrSImm { dst, a, imm } => {
                i32_bin!(dst, r!(a), imm, |x, y| (x as i32).wrapping_shr(y))
            }
            Op::I32ShrUImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x.wrapping_shr(y)),
            Op::I32RotlImm { dst, a, imm } => {
                i32_bin!(dst, r!(a), imm, |x, y| x.rotate_left(y % 32))
            }
            Op::I32RotrImm { dst, a, imm } => {
                i32_bin!(dst, r!(a), imm, |x, y| x.rotate_right(y % 32))
            }
            Op::I32EqImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x == y),
            Op::I32NeImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x != y),
            Op::I32LtSImm { dst, a, imm } => {
                i32_bin!(dst, r!(a), imm, |x, y| (x as i32) < y as i32)
            }
            Op::I32LtUImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x < y),
            Op::I32GtSImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x as i32 > y as i32),
            Op::I32GtUImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x > y),
            Op::I32LeSImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x as i32 <= y as i32),
            Op::I32LeUImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x <= y),
            Op::I32GeSImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x as i32 >= y as i32),
            Op::I32GeUImm { dst, a, imm } => i32_bin!(dst, r!(a), imm, |x, y| x >= y),

            Op::I64Eqz { dst, src } => w!(dst, (r!(src) == 0) as u64),
            Op::I64Clz { dst, src } => w!(dst, r!(src).leading_zeros() as u64),
            Op::I64Ctz { dst, src } => w!(dst, r!(src).trailing_zeros() as u64),
            Op::I64Popcnt { dst, src } => w!(dst, r!(src).count_ones() as u64),
            Op::I64Extend8S { dst, src } => w!(dst, r!(src) as i8 as i64 as u64),
            Op::I64Extend16S { dst, src } => w!(dst, r!(src) as i16 as i64 as u64),
            Op::I64Extend32S { dst, src } => w!(dst, r!(src) as i32 as i64 as u64),
            Op::I64Add { dst, a, b } => i64_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_add(y)),
            Op::I64Sub { dst, a, b } => i64_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_sub(y)),
            Op::I64Mul { dst, a, b } => i64_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_mul(y)),
            Op::I64DivS { dst, a, b } => {
                i64_bin!(dst, r!(a), r!(b), |x, y| try_trap!(sem::i64_div_s(x as i64, y as i64)))
            }
            Op::I64DivU { dst, a, b } => {
                i64_bin!(dst, r!(a), r!(b), |x, y| try_trap!(sem::i64_div_u(x, y)))
            }
            Op::I64RemS { dst, a, b } => {
                i64_bin!(dst, r!(a), r!(b), |x, y| try_trap!(sem::i64_rem_s(x as i64, y as i64)))
            }
            Op::I64RemU { dst, a, b } => {
                i64_bin!(dst, r!(a), r!(b), |x, y| try_trap!(sem::i64_rem_u(x, y)))
            }
            Op::I64And { dst, a, b } => i64_bin!(dst, r!(a), r!(b), |x, y| x & y),
            Op::I64Or { dst, a, b } => i64_bin!(dst, r!(a), r!(b), |x, y| x | y),
            Op::I64Xor { dst, a, b } => i64_bin!(dst, r!(a), r!(b), |x, y| x ^ y),
            Op::I64Shl { dst, a, b } => {
                i64_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_shl(y as u32))
            }
            Op::I64ShrS { dst, a, b } => {
                i64_bin!(dst, r!(a), r!(b), |x, y| (x as i64).wrapping_shr(y as u32))
            }
            Op::I64ShrU { dst, a, b } => {
                i64_bin!(dst, r!(a), r!(b), |x, y| x.wrapping_shr(y as u32))
            }
            Op::I64Rotl { dst, a, b } => {
                i64_bin!(dst, r!(a), r!(b), |x, y| x.rotate_left((y % 64) as u32))
            }
            Op::I64Rotr { dst, a, b } => {
                i64_bin!(dst, r!(a), r!(b), |x, y| x.rotate_right((y % 64) as u32))
            }
            Op::I64Eq { dst, a, b } => i64_bin!(dst, r!(a), r!(b), |x, y| x == y),
            Op::I64Ne { dst, a, b } => i64_bin!(dst, r!(a), r!(b), |x, y| x != y),
            Op::I64LtS { dst, a, b } => i64_bin!(dst, r!(a), r!(b), |x, y| (x as i64) < y as i64),
            Op::I64LtU { dst, a, b } => i64_bin!(dst, r!(a), r!(b), |x, y| x < y),
            Op::I64GtS { dst, a, b } => i64_bin!(dst, r!(a), r!(b), |x, y| x as i64 > y as i64),
            Op::I64GtU { dst, a, b } => i64_bin!(dst, r!(a), r!(b), |x, y| x > y),
            Op::I64LeS { dst, a, b } => i64_bin!(dst, r!(a), r!(b), |x, y| x as i64 <= y as i64),
            Op::I64LeU { dst, a, b } => i64_bin!(dst, r!(a), r!(b), |x, y| x <= y),
            Op::I64GeS { dst, a, b } => i64_bin!(dst, r!(a), r!(b), |x, y| x as i64 >= y as i64),
            Op::I64GeU { dst, a, b } => i64_bin!(dst, r!(a), r!(b), |x, y| x >= y),
            Op::I64AddImm { dst, a, imm } => {
                i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x.wrapping_add(y))
            }
            Op::I64SubImm { dst, a, imm } => {
                i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x.wrapping_sub(y))
            }
            Op::I64MulImm { dst, a, imm } => {
                i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x.wrapping_mul(y))
            }
            Op::I64DivSImm { dst, a, imm } => {
                i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| try_trap!(sem::i64_div_s(
                    x as i64, y as i64
                )))
            }
            Op::I64DivUImm { dst, a, imm } => {
                i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| try_trap!(sem::i64_div_u(x, y)))
            }
            Op::I64RemSImm { dst, a, imm } => {
                i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| try_trap!(sem::i64_rem_s(
                    x as i64, y as i64
                )))
            }
            Op::I64RemUImm { dst, a, imm } => {
                i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| try_trap!(sem::i64_rem_u(x, y)))
            }
            Op::I64AndImm { dst, a, imm } => i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x & y),
            Op::I64OrImm { dst, a, imm } => i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x | y),
            Op::I64XorImm { dst, a, imm } => i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x ^ y),
            Op::I64ShlImm { dst, a, imm } => {
                i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x.wrapping_shl(y as u32))
            }
            Op::I64ShrSImm { dst, a, imm } => {
                i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| (x as i64).wrapping_shr(y as u32))
            }
            Op::I64ShrUImm { dst, a, imm } => {
                i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x.wrapping_shr(y as u32))
            }
            Op::I64RotlImm { dst, a, imm } => {
                i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x.rotate_left((y % 64) as u32))
            }
            Op::I64RotrImm { dst, a, imm } => {
                i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x.rotate_right((y % 64) as u32))
            }
            Op::I64EqImm { dst, a, imm } => i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x == y),
            Op::I64NeImm { dst, a, imm } => i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x != y),
            Op::I64LtSImm { dst, a, imm } => {
                i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| (x as i64) < y as i64)
            }
            Op::I64LtUImm { dst, a, imm } => i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x < y),
            Op::I64GtSImm { dst, a, imm } => {
                i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x as i64 > y as i64)
            }
            Op::I64GtUImm { dst, a, imm } => i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x > y),
            Op::I64LeSImm { dst, a, imm } => {
                i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x as i64 <= y as i64)
            }
            Op::I64LeUImm { dst, a, imm } => i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x <= y),
            Op::I64GeSImm { dst, a, imm } => {
                i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x as i64 >= y as i64)
            }
            Op::I64GeUImm { dst, a, imm } => i64_bin!(dst, r!(a), imm as i64 as u64, |x, y| x >= y),

            Op::F32Abs { dst, src } => w!(dst, r!(src) & 0x7fff_ffff),
            Op::F32Neg { dst, src } => w!(dst, (r!(src) as u32 ^ 0x8000_0000) as u64),
            Op::F32Ceil { dst, src } => {
                w!(dst, of_f32(sem::quiet_f32(libm::ceilf(f32_of(r!(src))))))
            }
            Op::F32Floor { dst, src } => {
                w!(dst, of_f32(sem::quiet_f32(libm::floorf(f32_of(r!(src))))))
            }
            Op::F32Trunc { dst, src } => {
                w!(dst, of_f32(sem::quiet_f32(libm::truncf(f32_of(r!(src))))))
            }
            Op::F32Nearest { dst, src } => {
                w!(dst, of_f32(sem::quiet_f32(sem::f32_nearest(f32_of(r!(src))))))
            }
            Op::F32Sqrt { dst, src } => {
                w!(dst, of_f32(sem::quiet_f32(libm::sqrtf(f32_of(r!(src))))))
            }
            Op::F32Add { dst, a, b } => w!(dst, of_f32(f32_of(r!(a)) + f32_of(r!(b)))),
            Op::F32Sub { dst, a, b } => w!(dst, of_f32(f32_of(r!(a)) - f32_of(r!(b)))),
            Op::F32Mul { dst, a, b } => w!(dst, of_f32(f32_of(r!(a)) * f32_of(r!(b)))),
            Op::F32Div { dst, a, b } => w!(dst, of_f32(f32_of(r!(a)) / f32_of(r!(b)))),
            Op::F32Min { dst, a, b } => w!(dst, of_f32(sem::f32_min(f32_of(r!(a)), f32_of(r!(b))))),
            Op::F32Max { dst, a, b } => w!(dst, of_f32(sem::f32_max(f32_of(r!(a)), f32_of(r!(b))))),
            Op::F32Copysign { dst, a, b } => {
                w!(dst, (r!(a) & 0x7fff_ffff) | (r!(b) & 0x8000_0000))
            }
            Op::F32Eq { dst, a, b } => w!(dst, (f32_of(r!(a)) == f32_of(r!(b))) as u64),
            Op::F32Ne { dst, a, b } => w!(dst, (f32_of(r!(a)) != f32_of(r!(b))) as u64),
            Op::F32Lt { dst, a, b } => w!(dst, (f32_of(r!(a)) < f32_of(r!(b))) as u64),
            Op::F32Gt { dst, a, b } => w!(dst, (f32_of(r!(a)) > f32_of(r!(b))) as u64),
            Op::F32Le { dst, a, b } => w!(dst, (f32_of(r!(a)) <= f32_of(r!(b))) as u64),
            Op::F32Ge { dst, a, b } => w!(dst, (f32_of(r!(a)) >= f32_of(r!(b))) as u64),

            Op::F64Abs { dst, src } => w!(dst, r!(src) & 0x7fff_ffff_ffff_ffff),
            Op::F64Neg { dst, src } => w!(dst, r!(src) ^ 0x8000_0000_0000_0000),
            Op::F64Ceil { dst, src } => {
                w!(dst, of_f64(sem::quiet_f64(libm::ceil(f64_of(r!(src))))))
            }
            Op::F64Floor { dst, src } => {
                w!(dst, of_f64(sem::quiet_f64(libm::floor(f64_of(r!(src))))))
            }
            Op::F64Trunc { dst, src } => {
                w!(dst, of_f64(sem::quiet_f64(libm::trunc(f64_of(r!(src))))))
            }
            Op::F64Nearest { dst, src } => {
                w!(dst, of_f64(sem::quiet_f64(sem::f64_nearest(f64_of(r!(src))))))
            }
            Op::F64Sqrt { dst, src } => {
                w!(dst, of_f64(sem::quiet_f64(libm::sqrt(f64_of(r!(src))))))
            }
            Op::F64Add { dst, a, b } => w!(dst, of_f64(f64_of(r!(a)) + f64_of(r!(b)))),
            Op::F64Sub { dst, a, b } => w!(dst, of_f64(f64_of(r!(a)) - f64_of(r!(b)))),
            Op::F64Mul { dst, a, b } => w!(dst, of_f64(f64_of(r!(a)) * f64_of(r!(b)))),
            Op::F64Div { dst, a, b } => w!(dst, of_f64(f64_of(r!(a)) / f64_of(r!(b)))),
            Op::F64Min { dst, a, b } => w!(dst, of_f64(sem::f64_min(f64_of(r!(a)), f64_of(r!(b))))),
            Op::F64Max { dst, a, b } => w!(dst, of_f64(sem::f64_max(f64_of(r!(a)), f64_of(r!(b))))),
            Op::F64Copysign { dst, a, b } => {
                w!(dst, (r!(a) & 0x7fff_ffff_ffff_ffff) | (r!(b) & 0x8000_0000_0000_0000))
            }
            Op::F64Eq { dst, a, b } => w!(dst, (f64_of(r!(a)) == f64_of(r!(b))) as u64),
            Op::F64Ne { dst, a, b } => w!(dst, (f64_of(r!(a)) != f64_of(r!(b))) as u64),
            Op::F64Lt { dst, a, b } => w!(dst, (f64_of(r!(a)) < f64_of(r!(b))) as u64),
            Op::F64Gt { dst, a, b } => w!(dst, (f64_of(r!(a)) > f64_of(r!(b))) as u64),
            Op::F64Le { dst, a, b } => w!(dst, (f64_of(r!(a)) <= f64_of(r!(b))) as u64),
            Op::F64Ge { dst, a, b } => w!(dst, (f64_of(r!(a)) >= f64_of(r!(b))) as u64),

            Op::I32WrapI64 { dst, src } => w!(dst, r!(src) as u32 as u64),
            Op::I64ExtendI32S { dst, src } => w!(dst, r!(src) as i32 as i64 as u64),
            Op::I64ExtendI32U { dst, src } => w!(dst, r!(src) as u32 as u64),
            Op::I32TruncF32S { dst, src } => {
                w!(dst, try_trap!(sem::i32_trunc_f32_s(f32_of(r!(src)))) as u32 as u64)
            }
            Op::I32TruncF32U { dst, src } => {
                w!(dst, try_trap!(sem::i32_trunc_f32_u(f32_of(r!(src)))) as u64)
            }
            Op::I32TruncF64S { dst, src } => {
                w!(dst, try_trap!(sem::i32_trunc_f64_s(f64_of(r!(src)))) as u32 as u64)
            }
            Op::I32TruncF64U { dst, src } => {
                w!(dst, try_trap!(sem::i32_trunc_f64_u(f64_of(r!(src)))) as u64)
            }
            Op::I64TruncF32S { dst, src } => {
                w!(dst, try_trap!(sem::i64_trunc_f32_s(f32_of(r!(src)))) as u64)
            }
            Op::I64TruncF32U { dst, src } => {
                w!(dst, try_trap!(sem::i64_trunc_f32_u(f32_of(r!(src)))))
            }
            Op::I64TruncF64S { dst, src } => {
                w!(dst, try_trap!(sem::i64_trunc_f64_s(f64_of(r!(src)))) as u64)
            }
            Op::I64TruncF64U { dst, src } => {
                w!(dst, try_trap!(sem::i64_trunc_f64_u(f64_of(r!(src)))))
            }
            Op::I32TruncSatF32S { dst, src } => w!(dst, f32_of(r!(src)) as i32 as u32 as u64),
            Op::I32TruncSatF32U { dst, src } => w!(dst, f32_of(r!(src)) as u32 as u64),
            Op::I32TruncSatF64S { dst, src } => w!(dst, f64_of(r!(src)) as i32 as u32 as u64),
            Op::I32TruncSatF64U { dst, src } => w!(dst, f64_of(r!(src)) as u32 as u64),
            Op::I64TruncSatF32S { dst, src } => w!(dst, f32_of(r!(src)) as i64 as u64),
            Op::I64TruncSatF32U { dst, src } => w!(dst, f32_of(r!(src)) as u64),
            Op::I64TruncSatF64S { dst, src } => w!(dst, f64_of(r!(src)) as i64 as u64),
            Op::I64TruncSatF64U { dst, src } => w!(dst, f64_of(r!(src)) as u64),
            Op::F32ConvertI32S { dst, src } => w!(dst, of_f32(r!(src) as i32 as f32)),
            Op::F32ConvertI32U { dst, src } => w!(dst, of_f32(r!(src) as u32 as f32)),
            Op::F32ConvertI64S { dst, src } => w!(dst, of_f32(r!(src) as i64 as f32)),
            Op::F32ConvertI64U { dst, src } => w!(dst, of_f32(r!(src) as f32)),
            Op::F64ConvertI32S { dst, src } => w!(dst, of_f64(r!(src) as i32 as f64)),
            Op::F64ConvertI32U { dst, src } => w!(dst, of_f64(r!(src) as u32 as f64)),
            Op::F64ConvertI64S { dst, src } => w!(dst, of_f64(r!(src) as i64 as f64)),
            Op::F64ConvertI64U { dst, src } => w!(dst, of_f64(r!(src) as f64)),
            Op::F32DemoteF64 { dst, src } => w!(dst, of_f32(f64_of(r!(src)) as f32)),
            Op::F64PromoteF32 { dst, src } => w!(dst, of_f64(f32_of(r!(src)) as f64)),
        }
    }
}

fn wasm_code_of(funcs: &[crate::store::FuncEntity], func: u32) -> (&Arc<CompiledFunc>, u32) {
    match &funcs[func as usize].kind {
        FuncKind::Wasm { instance, code } => (code, *instance),
        FuncKind::Host(_) => unreachable!("frame of a host function"),
    }
}
