//! The bodies of the memory ops: loads, stores (plain, indexed, fused),
//! `memory.size`/`grow`, bulk memory.
//!
//! One family of the shared op bodies: `$crate::exec::ops::next_family!` appends
//! them to the families before and hands the list on (see `ops/mod.rs`).

macro_rules! bodies {
    ([$($rest:ident),*] $cb:ident $args:tt $($arms:tt)*) => {
        $crate::exec::ops::next_family! { [$($rest),*] $cb $args $($arms)*
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
            // (The bulk ops read operands by the memory's index width: an
            // i32 operand's cell may hold garbage above bit 31.)
            MemoryGrow { dst, delta, mem } => {
                let m = &mut memory!(mem);
                let wide = m.ty.memory64;
                let r = m
                    .grow(index(r!(delta), wide), limiter!())
                    .unwrap_or(if wide { u64::MAX } else { u32::MAX as u64 });
                w!(dst, r)
            };
            MemoryFill { d, v, n, mem } => {
                let (d, v, n) = (r!(d), r!(v), r!(n));
                let m = &mut memory!(mem);
                let wide = m.ty.memory64;
                let m = &mut m.data;
                let Some(rg) = range(index(d, wide), index(n, wide), m.len()) else {
                    trap!(TrapCode::MemoryOutOfBounds)
                };
                m[rg].fill(v as u8);
            };
            MemoryCopy { d, s, n, dst_mem, src_mem } => {
                let (dw, sw) = (memory!(dst_mem).ty.memory64, memory!(src_mem).ty.memory64);
                let n = index(r!(n), dw && sw);
                let (d, s) = (index(r!(d), dw), index(r!(s), sw));
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
                let (d, s, n) = (r!(d), r!(s), r!(n) as u32 as u64);
                let bytes = &datas!()[inst!().datas[data as usize] as usize];
                let m = &mut memory!(mem);
                let d = index(d, m.ty.memory64);
                let m = &mut m.data;
                let (Some(dr), Some(sr)) = (
                    range(d, n, m.len()),
                    range(s as u32 as u64, n, bytes.len()),
                ) else {
                    trap!(TrapCode::MemoryOutOfBounds)
                };
                m[dr].copy_from_slice(&bytes[sr]);
            };
            LoadX { dst, addr, mem, kind, offset } => {
                let a = r!(addr);
                let a = if kind & $crate::ir::mem_kind::I64_INDEX != 0 { a } else { a as u32 as u64 };
                match $crate::exec::ops::load_x(&memory!(u32::from(mem)).data, a, offset, kind) {
                    Some(v) => w!(dst, v),
                    None => trap!(TrapCode::MemoryOutOfBounds),
                }
            };
            StoreX { src, addr, mem, kind, offset } => {
                let (a, v) = (r!(addr), r!(src));
                let a = if kind & $crate::ir::mem_kind::I64_INDEX != 0 { a } else { a as u32 as u64 };
                if $crate::exec::ops::store_x(&mut memory!(u32::from(mem)).data, a, offset, kind, v).is_none() {
                    trap!(TrapCode::MemoryOutOfBounds)
                }
            };
            AddOffset64 { dst, a, imm } => {
                match r!(a).checked_add(imm) {
                    Some(v) => w!(dst, v),
                    None => trap!(TrapCode::MemoryOutOfBounds),
                }
            };
            ClampU32 { dst, src } => { w!(dst, r!(src).min(u32::MAX as u64)) };
            DataDrop { data } => {
                drop_segment(&mut datas!()[inst!().datas[data as usize] as usize]);
            };
        }
    };
}
pub(crate) use bodies;
