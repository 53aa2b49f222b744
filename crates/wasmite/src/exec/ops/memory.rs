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
        }
    };
}
pub(crate) use bodies;
