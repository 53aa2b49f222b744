//! The bodies of the SIMD ops: `v128` values in the shadow register file,
//! read with `vr!(slot)` and written with `vw!(slot, value)` (each backend
//! defines them; a handler that never uses them never touches the file).
//! The lane arithmetic is in `crate::lanes`, shared with constant folding.
//!
//! One family of the op bodies, kept out of the shared chain: the threaded
//! backend expands it in the plain form only (see `ir/list/simd.rs`).

macro_rules! bodies {
    ([$($rest:ident),*] $cb:ident $args:tt $($arms:tt)*) => {
        $crate::exec::ops::next_family! { [$($rest),*] $cb $args $($arms)*
            VCopy { vd, vs } => {
                w!(vd, r!(vs));
                vw!(vd, vr!(vs))
            };
            VSelect { vd, va, vb, cond } => {
                let s = if r!(cond) as u32 != 0 { va } else { vb };
                w!(vd, r!(s));
                vw!(vd, vr!(s))
            };
            V128Const { vd, lo } => { vw!(vd, $crate::exec::ops::v128_of(lo, 0)) };
            V128SetHigh { vd, hi } => {
                let (lo, _) = $crate::exec::ops::halves(vr!(vd));
                vw!(vd, $crate::exec::ops::v128_of(lo, hi))
            };
            GlobalGetV { vd, global } => {
                let g = &globals!()[inst!().globals[global as usize] as usize];
                vw!(vd, $crate::exec::ops::v128_of(g.value, g.high))
            };
            GlobalSetV { vs, global } => {
                let (lo, hi) = $crate::exec::ops::halves(vr!(vs));
                let g = &mut globals!()[inst!().globals[global as usize] as usize];
                g.value = lo;
                g.high = hi;
            };
            CanonF32x4 { vd } => { $crate::exec::ops::f32x4_canon(vcell!(vd)) };
            CanonF64x2 { vd } => { $crate::exec::ops::f64x2_canon(vcell!(vd)) };
            V128Load0 { vd, addr, offset, add } => {
                let a = (r!(addr) as u32).wrapping_add(add);
                match $crate::exec::ops::load::<16>(mem!(), a, offset) {
                    Some(b) => vw!(vd, b),
                    None => trap!(TrapCode::MemoryOutOfBounds),
                }
            };
            V128Load8x8S0 { vd, addr, offset, add } => { vld0!(vd, addr, offset, add, 8, |b| $crate::lanes::v128_load8x8_s(u64::from_le_bytes(b))) };
            V128Load8x8U0 { vd, addr, offset, add } => { vld0!(vd, addr, offset, add, 8, |b| $crate::lanes::v128_load8x8_u(u64::from_le_bytes(b))) };
            V128Load16x4S0 { vd, addr, offset, add } => { vld0!(vd, addr, offset, add, 8, |b| $crate::lanes::v128_load16x4_s(u64::from_le_bytes(b))) };
            V128Load16x4U0 { vd, addr, offset, add } => { vld0!(vd, addr, offset, add, 8, |b| $crate::lanes::v128_load16x4_u(u64::from_le_bytes(b))) };
            V128Load32x2S0 { vd, addr, offset, add } => { vld0!(vd, addr, offset, add, 8, |b| $crate::lanes::v128_load32x2_s(u64::from_le_bytes(b))) };
            V128Load32x2U0 { vd, addr, offset, add } => { vld0!(vd, addr, offset, add, 8, |b| $crate::lanes::v128_load32x2_u(u64::from_le_bytes(b))) };
            V128Load8Splat0 { vd, addr, offset, add } => { vld0!(vd, addr, offset, add, 1, |b| $crate::lanes::i8x16_splat(u32::from(b[0]))) };
            V128Load16Splat0 { vd, addr, offset, add } => { vld0!(vd, addr, offset, add, 2, |b| $crate::lanes::i16x8_splat(u32::from(u16::from_le_bytes(b)))) };
            V128Load32Splat0 { vd, addr, offset, add } => { vld0!(vd, addr, offset, add, 4, |b| $crate::lanes::i32x4_splat(u32::from_le_bytes(b))) };
            V128Load64Splat0 { vd, addr, offset, add } => { vld0!(vd, addr, offset, add, 8, |b| $crate::lanes::i64x2_splat(u64::from_le_bytes(b))) };
            V128Load32Zero0 { vd, addr, offset, add } => { vld0!(vd, addr, offset, add, 4, |b| $crate::lanes::v128_load32_zero(u32::from_le_bytes(b))) };
            V128Load64Zero0 { vd, addr, offset, add } => { vld0!(vd, addr, offset, add, 8, |b| $crate::lanes::v128_load64_zero(u64::from_le_bytes(b))) };
            V128Store0 { vs, addr, offset, add } => {
                let a = (r!(addr) as u32).wrapping_add(add);
                if $crate::exec::ops::store_bytes(mem!(), a, offset, vr!(vs)).is_none() {
                    trap!(TrapCode::MemoryOutOfBounds)
                }
            };
            V128Load { vd, addr, mem, kind, offset } => {
                let a = r!(addr);
                let a = if kind & $crate::ir::mem_kind::I64_INDEX != 0 { a } else { a as u32 as u64 };
                if !$crate::exec::ops::load_v128(&memory!(u32::from(mem)).data, a, offset, kind, vcell!(vd)) {
                    trap!(TrapCode::MemoryOutOfBounds)
                }
            };
            V128Store { vs, addr, mem, kind, offset } => {
                let a = r!(addr);
                let a = if kind & $crate::ir::mem_kind::I64_INDEX != 0 { a } else { a as u32 as u64 };
                if !$crate::exec::ops::store_v128(&mut memory!(u32::from(mem)).data, a, offset, vcell!(vs)) {
                    trap!(TrapCode::MemoryOutOfBounds)
                }
            };
            V128LoadLane { vd, va, addr, mem, kind, offset } => {
                let a = r!(addr);
                let a = if kind & $crate::ir::mem_kind::I64_INDEX != 0 { a } else { a as u32 as u64 };
                let v = vr!(va);
                if !$crate::exec::ops::load_lane(&memory!(u32::from(mem)).data, a, offset, kind, v, vcell!(vd)) {
                    trap!(TrapCode::MemoryOutOfBounds)
                }
            };
            V128StoreLane { vs, addr, mem, kind, offset } => {
                let a = r!(addr);
                let a = if kind & $crate::ir::mem_kind::I64_INDEX != 0 { a } else { a as u32 as u64 };
                if !$crate::exec::ops::store_lane(&mut memory!(u32::from(mem)).data, a, offset, kind, vcell!(vs)) {
                    trap!(TrapCode::MemoryOutOfBounds)
                }
            };
            I8x16Shuffle { vd, va, vb, vm } => {
                $crate::exec::ops::out_of_line::i8x16_shuffle(u128::from_le_bytes(vr!(va)), u128::from_le_bytes(vr!(vb)), u128::from_le_bytes(vr!(vm)), vcell!(vd))
            };
            I8x16ExtractLaneS { out, va, lane } => { w!(out, u64::from($crate::lanes::i8x16_extract_lane_s(vr!(va), lane))) };
            I8x16ExtractLaneU { out, va, lane } => { w!(out, u64::from($crate::lanes::i8x16_extract_lane_u(vr!(va), lane))) };
            I8x16ReplaceLane { vd, va, x, lane } => { vw!(vd, $crate::lanes::i8x16_replace_lane(vr!(va), lane, r!(x) as u32)) };
            I16x8ExtractLaneS { out, va, lane } => { w!(out, u64::from($crate::lanes::i16x8_extract_lane_s(vr!(va), lane))) };
            I16x8ExtractLaneU { out, va, lane } => { w!(out, u64::from($crate::lanes::i16x8_extract_lane_u(vr!(va), lane))) };
            I16x8ReplaceLane { vd, va, x, lane } => { vw!(vd, $crate::lanes::i16x8_replace_lane(vr!(va), lane, r!(x) as u32)) };
            I32x4ExtractLane { out, va, lane } => { w!(out, u64::from($crate::lanes::i32x4_extract_lane(vr!(va), lane))) };
            I32x4ReplaceLane { vd, va, x, lane } => { vw!(vd, $crate::lanes::i32x4_replace_lane(vr!(va), lane, r!(x) as u32)) };
            I64x2ExtractLane { out, va, lane } => { w!(out, u64::from($crate::lanes::i64x2_extract_lane(vr!(va), lane))) };
            I64x2ReplaceLane { vd, va, x, lane } => { vw!(vd, $crate::lanes::i64x2_replace_lane(vr!(va), lane, r!(x))) };
            F32x4ExtractLane { out, va, lane } => { w!(out, u64::from($crate::lanes::f32x4_extract_lane(vr!(va), lane))) };
            F32x4ReplaceLane { vd, va, x, lane } => { vw!(vd, $crate::lanes::f32x4_replace_lane(vr!(va), lane, r!(x) as u32)) };
            F64x2ExtractLane { out, va, lane } => { w!(out, u64::from($crate::lanes::f64x2_extract_lane(vr!(va), lane))) };
            F64x2ReplaceLane { vd, va, x, lane } => { vw!(vd, $crate::lanes::f64x2_replace_lane(vr!(va), lane, r!(x))) };
            I8x16Swizzle { vd, va, vb } => { $crate::exec::ops::out_of_line::i8x16_swizzle(u128::from_le_bytes(vr!(va)), u128::from_le_bytes(vr!(vb)), vcell!(vd)) };
            I8x16Splat { vd, x } => { vw!(vd, $crate::lanes::i8x16_splat(r!(x) as u32)) };
            I16x8Splat { vd, x } => { vw!(vd, $crate::lanes::i16x8_splat(r!(x) as u32)) };
            I32x4Splat { vd, x } => { vw!(vd, $crate::lanes::i32x4_splat(r!(x) as u32)) };
            I64x2Splat { vd, x } => { vw!(vd, $crate::lanes::i64x2_splat(r!(x))) };
            F32x4Splat { vd, x } => { vw!(vd, $crate::lanes::f32x4_splat(r!(x) as u32)) };
            F64x2Splat { vd, x } => { vw!(vd, $crate::lanes::f64x2_splat(r!(x))) };
            I8x16Eq { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_eq(vr!(va), vr!(vb))) };
            I8x16Ne { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_ne(vr!(va), vr!(vb))) };
            I8x16LtS { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_lt_s(vr!(va), vr!(vb))) };
            I8x16LtU { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_lt_u(vr!(va), vr!(vb))) };
            I8x16GtS { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_gt_s(vr!(va), vr!(vb))) };
            I8x16GtU { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_gt_u(vr!(va), vr!(vb))) };
            I8x16LeS { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_le_s(vr!(va), vr!(vb))) };
            I8x16LeU { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_le_u(vr!(va), vr!(vb))) };
            I8x16GeS { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_ge_s(vr!(va), vr!(vb))) };
            I8x16GeU { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_ge_u(vr!(va), vr!(vb))) };
            I16x8Eq { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_eq(vr!(va), vr!(vb))) };
            I16x8Ne { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_ne(vr!(va), vr!(vb))) };
            I16x8LtS { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_lt_s(vr!(va), vr!(vb))) };
            I16x8LtU { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_lt_u(vr!(va), vr!(vb))) };
            I16x8GtS { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_gt_s(vr!(va), vr!(vb))) };
            I16x8GtU { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_gt_u(vr!(va), vr!(vb))) };
            I16x8LeS { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_le_s(vr!(va), vr!(vb))) };
            I16x8LeU { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_le_u(vr!(va), vr!(vb))) };
            I16x8GeS { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_ge_s(vr!(va), vr!(vb))) };
            I16x8GeU { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_ge_u(vr!(va), vr!(vb))) };
            I32x4Eq { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_eq(vr!(va), vr!(vb))) };
            I32x4Ne { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_ne(vr!(va), vr!(vb))) };
            I32x4LtS { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_lt_s(vr!(va), vr!(vb))) };
            I32x4LtU { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_lt_u(vr!(va), vr!(vb))) };
            I32x4GtS { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_gt_s(vr!(va), vr!(vb))) };
            I32x4GtU { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_gt_u(vr!(va), vr!(vb))) };
            I32x4LeS { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_le_s(vr!(va), vr!(vb))) };
            I32x4LeU { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_le_u(vr!(va), vr!(vb))) };
            I32x4GeS { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_ge_s(vr!(va), vr!(vb))) };
            I32x4GeU { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_ge_u(vr!(va), vr!(vb))) };
            I64x2Eq { vd, va, vb } => { vw!(vd, $crate::lanes::i64x2_eq(vr!(va), vr!(vb))) };
            I64x2Ne { vd, va, vb } => { vw!(vd, $crate::lanes::i64x2_ne(vr!(va), vr!(vb))) };
            I64x2LtS { vd, va, vb } => { vw!(vd, $crate::lanes::i64x2_lt_s(vr!(va), vr!(vb))) };
            I64x2GtS { vd, va, vb } => { vw!(vd, $crate::lanes::i64x2_gt_s(vr!(va), vr!(vb))) };
            I64x2LeS { vd, va, vb } => { vw!(vd, $crate::lanes::i64x2_le_s(vr!(va), vr!(vb))) };
            I64x2GeS { vd, va, vb } => { vw!(vd, $crate::lanes::i64x2_ge_s(vr!(va), vr!(vb))) };
            F32x4Eq { vd, va, vb } => { vw!(vd, $crate::lanes::f32x4_eq(vr!(va), vr!(vb))) };
            F32x4Ne { vd, va, vb } => { vw!(vd, $crate::lanes::f32x4_ne(vr!(va), vr!(vb))) };
            F32x4Lt { vd, va, vb } => { vw!(vd, $crate::lanes::f32x4_lt(vr!(va), vr!(vb))) };
            F32x4Gt { vd, va, vb } => { vw!(vd, $crate::lanes::f32x4_gt(vr!(va), vr!(vb))) };
            F32x4Le { vd, va, vb } => { vw!(vd, $crate::lanes::f32x4_le(vr!(va), vr!(vb))) };
            F32x4Ge { vd, va, vb } => { vw!(vd, $crate::lanes::f32x4_ge(vr!(va), vr!(vb))) };
            F64x2Eq { vd, va, vb } => { vw!(vd, $crate::lanes::f64x2_eq(vr!(va), vr!(vb))) };
            F64x2Ne { vd, va, vb } => { vw!(vd, $crate::lanes::f64x2_ne(vr!(va), vr!(vb))) };
            F64x2Lt { vd, va, vb } => { vw!(vd, $crate::lanes::f64x2_lt(vr!(va), vr!(vb))) };
            F64x2Gt { vd, va, vb } => { vw!(vd, $crate::lanes::f64x2_gt(vr!(va), vr!(vb))) };
            F64x2Le { vd, va, vb } => { vw!(vd, $crate::lanes::f64x2_le(vr!(va), vr!(vb))) };
            F64x2Ge { vd, va, vb } => { vw!(vd, $crate::lanes::f64x2_ge(vr!(va), vr!(vb))) };
            V128Not { vd, va } => { vw!(vd, $crate::lanes::v128_not(vr!(va))) };
            V128And { vd, va, vb } => { vw!(vd, $crate::lanes::v128_and(vr!(va), vr!(vb))) };
            V128AndNot { vd, va, vb } => { vw!(vd, $crate::lanes::v128_andnot(vr!(va), vr!(vb))) };
            V128Or { vd, va, vb } => { vw!(vd, $crate::lanes::v128_or(vr!(va), vr!(vb))) };
            V128Xor { vd, va, vb } => { vw!(vd, $crate::lanes::v128_xor(vr!(va), vr!(vb))) };
            V128Bitselect { vd, va, vb, vc } => { vw!(vd, $crate::lanes::v128_bitselect(vr!(va), vr!(vb), vr!(vc))) };
            V128AnyTrue { out, va } => { w!(out, u64::from($crate::lanes::v128_any_true(vr!(va)))) };
            I8x16Abs { vd, va } => { vw!(vd, $crate::lanes::i8x16_abs(vr!(va))) };
            I8x16Neg { vd, va } => { vw!(vd, $crate::lanes::i8x16_neg(vr!(va))) };
            I8x16Popcnt { vd, va } => { vw!(vd, $crate::lanes::i8x16_popcnt(vr!(va))) };
            I8x16AllTrue { out, va } => { w!(out, u64::from($crate::lanes::i8x16_all_true(vr!(va)))) };
            I8x16Bitmask { out, va } => { w!(out, u64::from($crate::lanes::i8x16_bitmask(vr!(va)))) };
            I8x16NarrowI16x8S { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_narrow_i16x8_s(vr!(va), vr!(vb))) };
            I8x16NarrowI16x8U { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_narrow_i16x8_u(vr!(va), vr!(vb))) };
            I8x16Shl { vd, va, s } => { vw!(vd, $crate::lanes::i8x16_shl(vr!(va), r!(s) as u32)) };
            I8x16ShrS { vd, va, s } => { vw!(vd, $crate::lanes::i8x16_shr_s(vr!(va), r!(s) as u32)) };
            I8x16ShrU { vd, va, s } => { vw!(vd, $crate::lanes::i8x16_shr_u(vr!(va), r!(s) as u32)) };
            I8x16Add { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_add(vr!(va), vr!(vb))) };
            I8x16AddSatS { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_add_sat_s(vr!(va), vr!(vb))) };
            I8x16AddSatU { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_add_sat_u(vr!(va), vr!(vb))) };
            I8x16Sub { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_sub(vr!(va), vr!(vb))) };
            I8x16SubSatS { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_sub_sat_s(vr!(va), vr!(vb))) };
            I8x16SubSatU { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_sub_sat_u(vr!(va), vr!(vb))) };
            I8x16MinS { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_min_s(vr!(va), vr!(vb))) };
            I8x16MinU { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_min_u(vr!(va), vr!(vb))) };
            I8x16MaxS { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_max_s(vr!(va), vr!(vb))) };
            I8x16MaxU { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_max_u(vr!(va), vr!(vb))) };
            I8x16AvgrU { vd, va, vb } => { vw!(vd, $crate::lanes::i8x16_avgr_u(vr!(va), vr!(vb))) };
            I16x8ExtAddPairwiseI8x16S { vd, va } => { vw!(vd, $crate::lanes::i16x8_extadd_pairwise_i8x16_s(vr!(va))) };
            I16x8ExtAddPairwiseI8x16U { vd, va } => { vw!(vd, $crate::lanes::i16x8_extadd_pairwise_i8x16_u(vr!(va))) };
            I16x8Abs { vd, va } => { vw!(vd, $crate::lanes::i16x8_abs(vr!(va))) };
            I16x8Neg { vd, va } => { vw!(vd, $crate::lanes::i16x8_neg(vr!(va))) };
            I16x8Q15MulrSatS { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_q15mulr_sat_s(vr!(va), vr!(vb))) };
            I16x8AllTrue { out, va } => { w!(out, u64::from($crate::lanes::i16x8_all_true(vr!(va)))) };
            I16x8Bitmask { out, va } => { w!(out, u64::from($crate::lanes::i16x8_bitmask(vr!(va)))) };
            I16x8NarrowI32x4S { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_narrow_i32x4_s(vr!(va), vr!(vb))) };
            I16x8NarrowI32x4U { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_narrow_i32x4_u(vr!(va), vr!(vb))) };
            I16x8ExtendLowI8x16S { vd, va } => { vw!(vd, $crate::lanes::i16x8_extend_low_i8x16_s(vr!(va))) };
            I16x8ExtendHighI8x16S { vd, va } => { vw!(vd, $crate::lanes::i16x8_extend_high_i8x16_s(vr!(va))) };
            I16x8ExtendLowI8x16U { vd, va } => { vw!(vd, $crate::lanes::i16x8_extend_low_i8x16_u(vr!(va))) };
            I16x8ExtendHighI8x16U { vd, va } => { vw!(vd, $crate::lanes::i16x8_extend_high_i8x16_u(vr!(va))) };
            I16x8Shl { vd, va, s } => { vw!(vd, $crate::lanes::i16x8_shl(vr!(va), r!(s) as u32)) };
            I16x8ShrS { vd, va, s } => { vw!(vd, $crate::lanes::i16x8_shr_s(vr!(va), r!(s) as u32)) };
            I16x8ShrU { vd, va, s } => { vw!(vd, $crate::lanes::i16x8_shr_u(vr!(va), r!(s) as u32)) };
            I16x8Add { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_add(vr!(va), vr!(vb))) };
            I16x8AddSatS { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_add_sat_s(vr!(va), vr!(vb))) };
            I16x8AddSatU { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_add_sat_u(vr!(va), vr!(vb))) };
            I16x8Sub { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_sub(vr!(va), vr!(vb))) };
            I16x8SubSatS { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_sub_sat_s(vr!(va), vr!(vb))) };
            I16x8SubSatU { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_sub_sat_u(vr!(va), vr!(vb))) };
            I16x8Mul { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_mul(vr!(va), vr!(vb))) };
            I16x8MinS { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_min_s(vr!(va), vr!(vb))) };
            I16x8MinU { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_min_u(vr!(va), vr!(vb))) };
            I16x8MaxS { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_max_s(vr!(va), vr!(vb))) };
            I16x8MaxU { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_max_u(vr!(va), vr!(vb))) };
            I16x8AvgrU { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_avgr_u(vr!(va), vr!(vb))) };
            I16x8ExtMulLowI8x16S { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_extmul_low_i8x16_s(vr!(va), vr!(vb))) };
            I16x8ExtMulHighI8x16S { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_extmul_high_i8x16_s(vr!(va), vr!(vb))) };
            I16x8ExtMulLowI8x16U { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_extmul_low_i8x16_u(vr!(va), vr!(vb))) };
            I16x8ExtMulHighI8x16U { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_extmul_high_i8x16_u(vr!(va), vr!(vb))) };
            I32x4ExtAddPairwiseI16x8S { vd, va } => { vw!(vd, $crate::lanes::i32x4_extadd_pairwise_i16x8_s(vr!(va))) };
            I32x4ExtAddPairwiseI16x8U { vd, va } => { vw!(vd, $crate::lanes::i32x4_extadd_pairwise_i16x8_u(vr!(va))) };
            I32x4Abs { vd, va } => { vw!(vd, $crate::lanes::i32x4_abs(vr!(va))) };
            I32x4Neg { vd, va } => { vw!(vd, $crate::lanes::i32x4_neg(vr!(va))) };
            I32x4AllTrue { out, va } => { w!(out, u64::from($crate::lanes::i32x4_all_true(vr!(va)))) };
            I32x4Bitmask { out, va } => { w!(out, u64::from($crate::lanes::i32x4_bitmask(vr!(va)))) };
            I32x4ExtendLowI16x8S { vd, va } => { vw!(vd, $crate::lanes::i32x4_extend_low_i16x8_s(vr!(va))) };
            I32x4ExtendHighI16x8S { vd, va } => { vw!(vd, $crate::lanes::i32x4_extend_high_i16x8_s(vr!(va))) };
            I32x4ExtendLowI16x8U { vd, va } => { vw!(vd, $crate::lanes::i32x4_extend_low_i16x8_u(vr!(va))) };
            I32x4ExtendHighI16x8U { vd, va } => { vw!(vd, $crate::lanes::i32x4_extend_high_i16x8_u(vr!(va))) };
            I32x4Shl { vd, va, s } => { vw!(vd, $crate::lanes::i32x4_shl(vr!(va), r!(s) as u32)) };
            I32x4ShrS { vd, va, s } => { vw!(vd, $crate::lanes::i32x4_shr_s(vr!(va), r!(s) as u32)) };
            I32x4ShrU { vd, va, s } => { vw!(vd, $crate::lanes::i32x4_shr_u(vr!(va), r!(s) as u32)) };
            I32x4Add { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_add(vr!(va), vr!(vb))) };
            I32x4Sub { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_sub(vr!(va), vr!(vb))) };
            I32x4Mul { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_mul(vr!(va), vr!(vb))) };
            I32x4MinS { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_min_s(vr!(va), vr!(vb))) };
            I32x4MinU { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_min_u(vr!(va), vr!(vb))) };
            I32x4MaxS { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_max_s(vr!(va), vr!(vb))) };
            I32x4MaxU { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_max_u(vr!(va), vr!(vb))) };
            I32x4DotI16x8S { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_dot_i16x8_s(vr!(va), vr!(vb))) };
            I32x4ExtMulLowI16x8S { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_extmul_low_i16x8_s(vr!(va), vr!(vb))) };
            I32x4ExtMulHighI16x8S { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_extmul_high_i16x8_s(vr!(va), vr!(vb))) };
            I32x4ExtMulLowI16x8U { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_extmul_low_i16x8_u(vr!(va), vr!(vb))) };
            I32x4ExtMulHighI16x8U { vd, va, vb } => { vw!(vd, $crate::lanes::i32x4_extmul_high_i16x8_u(vr!(va), vr!(vb))) };
            I64x2Abs { vd, va } => { vw!(vd, $crate::lanes::i64x2_abs(vr!(va))) };
            I64x2Neg { vd, va } => { vw!(vd, $crate::lanes::i64x2_neg(vr!(va))) };
            I64x2AllTrue { out, va } => { w!(out, u64::from($crate::lanes::i64x2_all_true(vr!(va)))) };
            I64x2Bitmask { out, va } => { w!(out, u64::from($crate::lanes::i64x2_bitmask(vr!(va)))) };
            I64x2ExtendLowI32x4S { vd, va } => { vw!(vd, $crate::lanes::i64x2_extend_low_i32x4_s(vr!(va))) };
            I64x2ExtendHighI32x4S { vd, va } => { vw!(vd, $crate::lanes::i64x2_extend_high_i32x4_s(vr!(va))) };
            I64x2ExtendLowI32x4U { vd, va } => { vw!(vd, $crate::lanes::i64x2_extend_low_i32x4_u(vr!(va))) };
            I64x2ExtendHighI32x4U { vd, va } => { vw!(vd, $crate::lanes::i64x2_extend_high_i32x4_u(vr!(va))) };
            I64x2Shl { vd, va, s } => { vw!(vd, $crate::lanes::i64x2_shl(vr!(va), r!(s) as u32)) };
            I64x2ShrS { vd, va, s } => { vw!(vd, $crate::lanes::i64x2_shr_s(vr!(va), r!(s) as u32)) };
            I64x2ShrU { vd, va, s } => { vw!(vd, $crate::lanes::i64x2_shr_u(vr!(va), r!(s) as u32)) };
            I64x2Add { vd, va, vb } => { vw!(vd, $crate::lanes::i64x2_add(vr!(va), vr!(vb))) };
            I64x2Sub { vd, va, vb } => { vw!(vd, $crate::lanes::i64x2_sub(vr!(va), vr!(vb))) };
            I64x2Mul { vd, va, vb } => { vw!(vd, $crate::lanes::i64x2_mul(vr!(va), vr!(vb))) };
            I64x2ExtMulLowI32x4S { vd, va, vb } => { vw!(vd, $crate::lanes::i64x2_extmul_low_i32x4_s(vr!(va), vr!(vb))) };
            I64x2ExtMulHighI32x4S { vd, va, vb } => { vw!(vd, $crate::lanes::i64x2_extmul_high_i32x4_s(vr!(va), vr!(vb))) };
            I64x2ExtMulLowI32x4U { vd, va, vb } => { vw!(vd, $crate::lanes::i64x2_extmul_low_i32x4_u(vr!(va), vr!(vb))) };
            I64x2ExtMulHighI32x4U { vd, va, vb } => { vw!(vd, $crate::lanes::i64x2_extmul_high_i32x4_u(vr!(va), vr!(vb))) };
            F32x4Ceil { vd, va } => { $crate::exec::ops::out_of_line::f32x4_ceil(u128::from_le_bytes(vr!(va)), vcell!(vd)) };
            F32x4Floor { vd, va } => { $crate::exec::ops::out_of_line::f32x4_floor(u128::from_le_bytes(vr!(va)), vcell!(vd)) };
            F32x4Trunc { vd, va } => { $crate::exec::ops::out_of_line::f32x4_trunc(u128::from_le_bytes(vr!(va)), vcell!(vd)) };
            F32x4Nearest { vd, va } => { $crate::exec::ops::out_of_line::f32x4_nearest(u128::from_le_bytes(vr!(va)), vcell!(vd)) };
            F32x4Abs { vd, va } => { vw!(vd, $crate::lanes::f32x4_abs(vr!(va))) };
            F32x4Neg { vd, va } => { vw!(vd, $crate::lanes::f32x4_neg(vr!(va))) };
            F32x4Sqrt { vd, va } => { vw!(vd, $crate::lanes::f32x4_sqrt(vr!(va))) };
            F32x4Add { vd, va, vb } => { vw!(vd, $crate::lanes::f32x4_add(vr!(va), vr!(vb))) };
            F32x4Sub { vd, va, vb } => { vw!(vd, $crate::lanes::f32x4_sub(vr!(va), vr!(vb))) };
            F32x4Mul { vd, va, vb } => { vw!(vd, $crate::lanes::f32x4_mul(vr!(va), vr!(vb))) };
            F32x4Div { vd, va, vb } => { vw!(vd, $crate::lanes::f32x4_div(vr!(va), vr!(vb))) };
            F32x4Min { vd, va, vb } => { vw!(vd, $crate::lanes::f32x4_min(vr!(va), vr!(vb))) };
            F32x4Max { vd, va, vb } => { vw!(vd, $crate::lanes::f32x4_max(vr!(va), vr!(vb))) };
            F32x4PMin { vd, va, vb } => { vw!(vd, $crate::lanes::f32x4_pmin(vr!(va), vr!(vb))) };
            F32x4PMax { vd, va, vb } => { vw!(vd, $crate::lanes::f32x4_pmax(vr!(va), vr!(vb))) };
            F64x2Ceil { vd, va } => { $crate::exec::ops::out_of_line::f64x2_ceil(u128::from_le_bytes(vr!(va)), vcell!(vd)) };
            F64x2Floor { vd, va } => { $crate::exec::ops::out_of_line::f64x2_floor(u128::from_le_bytes(vr!(va)), vcell!(vd)) };
            F64x2Trunc { vd, va } => { $crate::exec::ops::out_of_line::f64x2_trunc(u128::from_le_bytes(vr!(va)), vcell!(vd)) };
            F64x2Nearest { vd, va } => { $crate::exec::ops::out_of_line::f64x2_nearest(u128::from_le_bytes(vr!(va)), vcell!(vd)) };
            F64x2Abs { vd, va } => { vw!(vd, $crate::lanes::f64x2_abs(vr!(va))) };
            F64x2Neg { vd, va } => { vw!(vd, $crate::lanes::f64x2_neg(vr!(va))) };
            F64x2Sqrt { vd, va } => { vw!(vd, $crate::lanes::f64x2_sqrt(vr!(va))) };
            F64x2Add { vd, va, vb } => { vw!(vd, $crate::lanes::f64x2_add(vr!(va), vr!(vb))) };
            F64x2Sub { vd, va, vb } => { vw!(vd, $crate::lanes::f64x2_sub(vr!(va), vr!(vb))) };
            F64x2Mul { vd, va, vb } => { vw!(vd, $crate::lanes::f64x2_mul(vr!(va), vr!(vb))) };
            F64x2Div { vd, va, vb } => { vw!(vd, $crate::lanes::f64x2_div(vr!(va), vr!(vb))) };
            F64x2Min { vd, va, vb } => { vw!(vd, $crate::lanes::f64x2_min(vr!(va), vr!(vb))) };
            F64x2Max { vd, va, vb } => { vw!(vd, $crate::lanes::f64x2_max(vr!(va), vr!(vb))) };
            F64x2PMin { vd, va, vb } => { vw!(vd, $crate::lanes::f64x2_pmin(vr!(va), vr!(vb))) };
            F64x2PMax { vd, va, vb } => { vw!(vd, $crate::lanes::f64x2_pmax(vr!(va), vr!(vb))) };
            I32x4TruncSatF32x4S { vd, va } => { vw!(vd, $crate::lanes::i32x4_trunc_sat_f32x4_s(vr!(va))) };
            I32x4TruncSatF32x4U { vd, va } => { vw!(vd, $crate::lanes::i32x4_trunc_sat_f32x4_u(vr!(va))) };
            F32x4ConvertI32x4S { vd, va } => { vw!(vd, $crate::lanes::f32x4_convert_i32x4_s(vr!(va))) };
            F32x4ConvertI32x4U { vd, va } => { vw!(vd, $crate::lanes::f32x4_convert_i32x4_u(vr!(va))) };
            I32x4TruncSatF64x2SZero { vd, va } => { vw!(vd, $crate::lanes::i32x4_trunc_sat_f64x2_s_zero(vr!(va))) };
            I32x4TruncSatF64x2UZero { vd, va } => { vw!(vd, $crate::lanes::i32x4_trunc_sat_f64x2_u_zero(vr!(va))) };
            F64x2ConvertLowI32x4S { vd, va } => { vw!(vd, $crate::lanes::f64x2_convert_low_i32x4_s(vr!(va))) };
            F64x2ConvertLowI32x4U { vd, va } => { vw!(vd, $crate::lanes::f64x2_convert_low_i32x4_u(vr!(va))) };
            F32x4DemoteF64x2Zero { vd, va } => { vw!(vd, $crate::lanes::f32x4_demote_f64x2_zero(vr!(va))) };
            F64x2PromoteLowF32x4 { vd, va } => { vw!(vd, $crate::lanes::f64x2_promote_low_f32x4(vr!(va))) };
            I8x16RelaxedSwizzle { vd, va, vb } => { $crate::exec::ops::out_of_line::i8x16_relaxed_swizzle(u128::from_le_bytes(vr!(va)), u128::from_le_bytes(vr!(vb)), vcell!(vd)) };
            I32x4RelaxedTruncF32x4S { vd, va } => { vw!(vd, $crate::lanes::i32x4_relaxed_trunc_f32x4_s(vr!(va))) };
            I32x4RelaxedTruncF32x4U { vd, va } => { vw!(vd, $crate::lanes::i32x4_relaxed_trunc_f32x4_u(vr!(va))) };
            I32x4RelaxedTruncF64x2SZero { vd, va } => { vw!(vd, $crate::lanes::i32x4_relaxed_trunc_f64x2_s_zero(vr!(va))) };
            I32x4RelaxedTruncF64x2UZero { vd, va } => { vw!(vd, $crate::lanes::i32x4_relaxed_trunc_f64x2_u_zero(vr!(va))) };
            F32x4RelaxedMadd { vd, va, vb, vc } => { vw!(vd, $crate::lanes::f32x4_relaxed_madd(vr!(va), vr!(vb), vr!(vc))) };
            F32x4RelaxedNmadd { vd, va, vb, vc } => { vw!(vd, $crate::lanes::f32x4_relaxed_nmadd(vr!(va), vr!(vb), vr!(vc))) };
            F64x2RelaxedMadd { vd, va, vb, vc } => { vw!(vd, $crate::lanes::f64x2_relaxed_madd(vr!(va), vr!(vb), vr!(vc))) };
            F64x2RelaxedNmadd { vd, va, vb, vc } => { vw!(vd, $crate::lanes::f64x2_relaxed_nmadd(vr!(va), vr!(vb), vr!(vc))) };
            I8x16RelaxedLaneselect { vd, va, vb, vc } => { vw!(vd, $crate::lanes::i8x16_relaxed_laneselect(vr!(va), vr!(vb), vr!(vc))) };
            I16x8RelaxedLaneselect { vd, va, vb, vc } => { vw!(vd, $crate::lanes::i16x8_relaxed_laneselect(vr!(va), vr!(vb), vr!(vc))) };
            I32x4RelaxedLaneselect { vd, va, vb, vc } => { vw!(vd, $crate::lanes::i32x4_relaxed_laneselect(vr!(va), vr!(vb), vr!(vc))) };
            I64x2RelaxedLaneselect { vd, va, vb, vc } => { vw!(vd, $crate::lanes::i64x2_relaxed_laneselect(vr!(va), vr!(vb), vr!(vc))) };
            F32x4RelaxedMin { vd, va, vb } => { vw!(vd, $crate::lanes::f32x4_relaxed_min(vr!(va), vr!(vb))) };
            F32x4RelaxedMax { vd, va, vb } => { vw!(vd, $crate::lanes::f32x4_relaxed_max(vr!(va), vr!(vb))) };
            F64x2RelaxedMin { vd, va, vb } => { vw!(vd, $crate::lanes::f64x2_relaxed_min(vr!(va), vr!(vb))) };
            F64x2RelaxedMax { vd, va, vb } => { vw!(vd, $crate::lanes::f64x2_relaxed_max(vr!(va), vr!(vb))) };
            I16x8RelaxedQ15mulrS { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_relaxed_q15mulr_s(vr!(va), vr!(vb))) };
            I16x8RelaxedDotI8x16I7x16S { vd, va, vb } => { vw!(vd, $crate::lanes::i16x8_relaxed_dot_i8x16_i7x16_s(vr!(va), vr!(vb))) };
            I32x4RelaxedDotI8x16I7x16AddS { vd, va, vb, vc } => { vw!(vd, $crate::lanes::i32x4_relaxed_dot_i8x16_i7x16_add_s(vr!(va), vr!(vb), vr!(vc))) };
        }
    };
}
pub(crate) use bodies;
