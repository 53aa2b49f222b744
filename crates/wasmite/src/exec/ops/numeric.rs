//! The bodies of the numeric ops: i32, i64, f32, f64, conversions.
//!
//! One family of the shared op bodies: `$crate::exec::ops::next_family!` appends
//! them to the families before and hands the list on (see `ops/mod.rs`).

macro_rules! bodies {
    ([$($rest:ident),*] $cb:ident $args:tt $($arms:tt)*) => {
        $crate::exec::ops::next_family! { [$($rest),*] $cb $args $($arms)*
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
            I64Add128 { out, a_lo, a_hi, b_lo, b_hi } => {
                let v = u128_of(r!(a_lo), r!(a_hi)).wrapping_add(u128_of(r!(b_lo), r!(b_hi)));
                w128!(out, v)
            };
            I64Sub128 { out, a_lo, a_hi, b_lo, b_hi } => {
                let v = u128_of(r!(a_lo), r!(a_hi)).wrapping_sub(u128_of(r!(b_lo), r!(b_hi)));
                w128!(out, v)
            };
            I64MulWideS { out, a, b } => {
                w128!(out, (i128::from(r!(a) as i64) * i128::from(r!(b) as i64)) as u128)
            };
            I64MulWideU { out, a, b } => { w128!(out, u128::from(r!(a)) * u128::from(r!(b))) };
        }
    };
}
pub(crate) use bodies;
