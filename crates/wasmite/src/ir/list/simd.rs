//! SIMD ops: `v128` values, which live in the shadow register file (16-byte
//! slots under the same slot numbers as the `u64` file: `VSlot` fields).
//!
//! A family of the op list (see `ir::list`). Every entry is `no_acc`: the
//! threaded backend builds these handlers in the plain form only (no
//! accumulator operand, and a scalar result is named `out`, not `dst`, so it
//! is never forwarded or retargeted), and a `v128` value never passes through
//! the accumulator.

macro_rules! ops {
    ([$($rest:ident),*] $($acc:tt)*) => {
        $crate::ir::list::next! { [$($rest),*] $($acc)*
            // ---- moves, constants, globals (in functions that use v128) ----
            /// A copy of both register files (`u64` and `v128`): every move of
            /// a function that uses `v128` is one, so the translator need not
            /// know which values are vectors.
            VCopy { vd: VSlot, vs: VSlot } [no_acc],
            /// `select` of both register files (`cond` as an i32).
            VSelect { vd: VSlot, va: VSlot, vb: VSlot, cond: Slot } [no_acc],
            /// v128.const, low half: `vd = lo` zero-extended.
            V128Const { vd: VSlot, lo: u64 } [no_acc],
            /// v128.const, high half: the high 8 bytes of `vd` become `hi`.
            V128SetHigh { vd: VSlot, hi: u64 } [no_acc],
            /// global.get of a v128 global.
            GlobalGetV { vd: VSlot, global: u32 } [no_acc],
            /// global.set of a v128 global.
            GlobalSetV { vs: VSlot, global: u32 } [no_acc],
            /// With `Config::canonicalize_nans`: NaN lanes of `vd` (f32x4)
            /// become the canonical NaN.
            CanonF32x4 { vd: VSlot } [no_acc],
            /// With `Config::canonicalize_nans`: NaN lanes of `vd` (f64x2)
            /// become the canonical NaN.
            CanonF64x2 { vd: VSlot } [no_acc],

            // ---- memory 0 with a 32-bit index: v128.load and v128.store ----
            /// v128.load from memory 0 at `(addr + add) mod 2^32 + offset`.
            V128Load0 { vd: VSlot, addr: Slot, offset: u32, add: u32 } [no_acc],
            /// v128.load8x8_s from memory 0 (addressed as [`Op::V128Load0`]).
            V128Load8x8S0 { vd: VSlot, addr: Slot, offset: u32, add: u32 } [no_acc],
            /// v128.load8x8_u from memory 0 (addressed as [`Op::V128Load0`]).
            V128Load8x8U0 { vd: VSlot, addr: Slot, offset: u32, add: u32 } [no_acc],
            /// v128.load16x4_s from memory 0 (addressed as [`Op::V128Load0`]).
            V128Load16x4S0 { vd: VSlot, addr: Slot, offset: u32, add: u32 } [no_acc],
            /// v128.load16x4_u from memory 0 (addressed as [`Op::V128Load0`]).
            V128Load16x4U0 { vd: VSlot, addr: Slot, offset: u32, add: u32 } [no_acc],
            /// v128.load32x2_s from memory 0 (addressed as [`Op::V128Load0`]).
            V128Load32x2S0 { vd: VSlot, addr: Slot, offset: u32, add: u32 } [no_acc],
            /// v128.load32x2_u from memory 0 (addressed as [`Op::V128Load0`]).
            V128Load32x2U0 { vd: VSlot, addr: Slot, offset: u32, add: u32 } [no_acc],
            /// v128.load8_splat from memory 0 (addressed as [`Op::V128Load0`]).
            V128Load8Splat0 { vd: VSlot, addr: Slot, offset: u32, add: u32 } [no_acc],
            /// v128.load16_splat from memory 0 (addressed as [`Op::V128Load0`]).
            V128Load16Splat0 { vd: VSlot, addr: Slot, offset: u32, add: u32 } [no_acc],
            /// v128.load32_splat from memory 0 (addressed as [`Op::V128Load0`]).
            V128Load32Splat0 { vd: VSlot, addr: Slot, offset: u32, add: u32 } [no_acc],
            /// v128.load64_splat from memory 0 (addressed as [`Op::V128Load0`]).
            V128Load64Splat0 { vd: VSlot, addr: Slot, offset: u32, add: u32 } [no_acc],
            /// v128.load32_zero from memory 0 (addressed as [`Op::V128Load0`]).
            V128Load32Zero0 { vd: VSlot, addr: Slot, offset: u32, add: u32 } [no_acc],
            /// v128.load64_zero from memory 0 (addressed as [`Op::V128Load0`]).
            V128Load64Zero0 { vd: VSlot, addr: Slot, offset: u32, add: u32 } [no_acc],
            /// v128.store to memory 0 (addressed as [`Op::V128Load0`]).
            V128Store0 { vs: VSlot, addr: Slot, offset: u32, add: u32 } [no_acc],

            // ---- memory: any memory, 32- or 64-bit index (`ir::mem_kind`) ----
            /// v128.load and its extending, splatting and zeroing forms
            /// (`kind`: `mem_kind::V_*`, with `I64_INDEX`).
            V128Load { vd: VSlot, addr: Slot, mem: u16, kind: u16, offset: u32 } [no_acc],
            /// v128.store.
            V128Store { vs: VSlot, addr: Slot, mem: u16, kind: u16, offset: u32 } [no_acc],
            /// v128.loadN_lane: `vd` = `va` with lane `kind >> 4` loaded
            /// (`1 << (kind & 3)` bytes).
            V128LoadLane { vd: VSlot, va: VSlot, addr: Slot, mem: u16, kind: u16, offset: u32 } [no_acc],
            /// v128.storeN_lane: lane `kind >> 4` of `vs` (`1 << (kind & 3)` bytes).
            V128StoreLane { vs: VSlot, addr: Slot, mem: u16, kind: u16, offset: u32 } [no_acc],

            // ---- shuffles ----
            /// i8x16.shuffle: the 16 lane indices are a v128 operand `vm`
            /// (a constant the translator puts in a slot).
            I8x16Shuffle { vd: VSlot, va: VSlot, vb: VSlot, vm: VSlot } [no_acc],

            // ---- lanes, arithmetic, conversions (`lanes.rs`) ----
            /// i8x16.extract_lane_s
            I8x16ExtractLaneS { out: Slot, va: VSlot, lane: u8 } [no_acc],
            /// i8x16.extract_lane_u
            I8x16ExtractLaneU { out: Slot, va: VSlot, lane: u8 } [no_acc],
            /// i8x16.replace_lane
            I8x16ReplaceLane { vd: VSlot, va: VSlot, x: Slot, lane: u8 } [no_acc],
            /// i16x8.extract_lane_s
            I16x8ExtractLaneS { out: Slot, va: VSlot, lane: u8 } [no_acc],
            /// i16x8.extract_lane_u
            I16x8ExtractLaneU { out: Slot, va: VSlot, lane: u8 } [no_acc],
            /// i16x8.replace_lane
            I16x8ReplaceLane { vd: VSlot, va: VSlot, x: Slot, lane: u8 } [no_acc],
            /// i32x4.extract_lane
            I32x4ExtractLane { out: Slot, va: VSlot, lane: u8 } [no_acc],
            /// i32x4.replace_lane
            I32x4ReplaceLane { vd: VSlot, va: VSlot, x: Slot, lane: u8 } [no_acc],
            /// i64x2.extract_lane
            I64x2ExtractLane { out: Slot, va: VSlot, lane: u8 } [no_acc],
            /// i64x2.replace_lane
            I64x2ReplaceLane { vd: VSlot, va: VSlot, x: Slot, lane: u8 } [no_acc],
            /// f32x4.extract_lane
            F32x4ExtractLane { out: Slot, va: VSlot, lane: u8 } [no_acc],
            /// f32x4.replace_lane
            F32x4ReplaceLane { vd: VSlot, va: VSlot, x: Slot, lane: u8 } [no_acc],
            /// f64x2.extract_lane
            F64x2ExtractLane { out: Slot, va: VSlot, lane: u8 } [no_acc],
            /// f64x2.replace_lane
            F64x2ReplaceLane { vd: VSlot, va: VSlot, x: Slot, lane: u8 } [no_acc],
            /// i8x16.swizzle
            I8x16Swizzle { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.splat
            I8x16Splat { vd: VSlot, x: Slot } [no_acc],
            /// i16x8.splat
            I16x8Splat { vd: VSlot, x: Slot } [no_acc],
            /// i32x4.splat
            I32x4Splat { vd: VSlot, x: Slot } [no_acc],
            /// i64x2.splat
            I64x2Splat { vd: VSlot, x: Slot } [no_acc],
            /// f32x4.splat
            F32x4Splat { vd: VSlot, x: Slot } [no_acc],
            /// f64x2.splat
            F64x2Splat { vd: VSlot, x: Slot } [no_acc],
            /// i8x16.eq
            I8x16Eq { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.ne
            I8x16Ne { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.lt_s
            I8x16LtS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.lt_u
            I8x16LtU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.gt_s
            I8x16GtS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.gt_u
            I8x16GtU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.le_s
            I8x16LeS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.le_u
            I8x16LeU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.ge_s
            I8x16GeS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.ge_u
            I8x16GeU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.eq
            I16x8Eq { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.ne
            I16x8Ne { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.lt_s
            I16x8LtS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.lt_u
            I16x8LtU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.gt_s
            I16x8GtS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.gt_u
            I16x8GtU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.le_s
            I16x8LeS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.le_u
            I16x8LeU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.ge_s
            I16x8GeS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.ge_u
            I16x8GeU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.eq
            I32x4Eq { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.ne
            I32x4Ne { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.lt_s
            I32x4LtS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.lt_u
            I32x4LtU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.gt_s
            I32x4GtS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.gt_u
            I32x4GtU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.le_s
            I32x4LeS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.le_u
            I32x4LeU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.ge_s
            I32x4GeS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.ge_u
            I32x4GeU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i64x2.eq
            I64x2Eq { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i64x2.ne
            I64x2Ne { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i64x2.lt_s
            I64x2LtS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i64x2.gt_s
            I64x2GtS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i64x2.le_s
            I64x2LeS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i64x2.ge_s
            I64x2GeS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f32x4.eq
            F32x4Eq { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f32x4.ne
            F32x4Ne { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f32x4.lt
            F32x4Lt { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f32x4.gt
            F32x4Gt { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f32x4.le
            F32x4Le { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f32x4.ge
            F32x4Ge { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f64x2.eq
            F64x2Eq { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f64x2.ne
            F64x2Ne { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f64x2.lt
            F64x2Lt { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f64x2.gt
            F64x2Gt { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f64x2.le
            F64x2Le { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f64x2.ge
            F64x2Ge { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// v128.not
            V128Not { vd: VSlot, va: VSlot } [no_acc],
            /// v128.and
            V128And { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// v128.andnot
            V128AndNot { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// v128.or
            V128Or { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// v128.xor
            V128Xor { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// v128.bitselect
            V128Bitselect { vd: VSlot, va: VSlot, vb: VSlot, vc: VSlot } [no_acc],
            /// v128.any_true
            V128AnyTrue { out: Slot, va: VSlot } [no_acc],
            /// i8x16.abs
            I8x16Abs { vd: VSlot, va: VSlot } [no_acc],
            /// i8x16.neg
            I8x16Neg { vd: VSlot, va: VSlot } [no_acc],
            /// i8x16.popcnt
            I8x16Popcnt { vd: VSlot, va: VSlot } [no_acc],
            /// i8x16.all_true
            I8x16AllTrue { out: Slot, va: VSlot } [no_acc],
            /// i8x16.bitmask
            I8x16Bitmask { out: Slot, va: VSlot } [no_acc],
            /// i8x16.narrow_i16x8_s
            I8x16NarrowI16x8S { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.narrow_i16x8_u
            I8x16NarrowI16x8U { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.shl
            I8x16Shl { vd: VSlot, va: VSlot, s: Slot } [no_acc],
            /// i8x16.shr_s
            I8x16ShrS { vd: VSlot, va: VSlot, s: Slot } [no_acc],
            /// i8x16.shr_u
            I8x16ShrU { vd: VSlot, va: VSlot, s: Slot } [no_acc],
            /// i8x16.add
            I8x16Add { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.add_sat_s
            I8x16AddSatS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.add_sat_u
            I8x16AddSatU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.sub
            I8x16Sub { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.sub_sat_s
            I8x16SubSatS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.sub_sat_u
            I8x16SubSatU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.min_s
            I8x16MinS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.min_u
            I8x16MinU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.max_s
            I8x16MaxS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.max_u
            I8x16MaxU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i8x16.avgr_u
            I8x16AvgrU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.extadd_pairwise_i8x16_s
            I16x8ExtAddPairwiseI8x16S { vd: VSlot, va: VSlot } [no_acc],
            /// i16x8.extadd_pairwise_i8x16_u
            I16x8ExtAddPairwiseI8x16U { vd: VSlot, va: VSlot } [no_acc],
            /// i16x8.abs
            I16x8Abs { vd: VSlot, va: VSlot } [no_acc],
            /// i16x8.neg
            I16x8Neg { vd: VSlot, va: VSlot } [no_acc],
            /// i16x8.q15mulr_sat_s
            I16x8Q15MulrSatS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.all_true
            I16x8AllTrue { out: Slot, va: VSlot } [no_acc],
            /// i16x8.bitmask
            I16x8Bitmask { out: Slot, va: VSlot } [no_acc],
            /// i16x8.narrow_i32x4_s
            I16x8NarrowI32x4S { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.narrow_i32x4_u
            I16x8NarrowI32x4U { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.extend_low_i8x16_s
            I16x8ExtendLowI8x16S { vd: VSlot, va: VSlot } [no_acc],
            /// i16x8.extend_high_i8x16_s
            I16x8ExtendHighI8x16S { vd: VSlot, va: VSlot } [no_acc],
            /// i16x8.extend_low_i8x16_u
            I16x8ExtendLowI8x16U { vd: VSlot, va: VSlot } [no_acc],
            /// i16x8.extend_high_i8x16_u
            I16x8ExtendHighI8x16U { vd: VSlot, va: VSlot } [no_acc],
            /// i16x8.shl
            I16x8Shl { vd: VSlot, va: VSlot, s: Slot } [no_acc],
            /// i16x8.shr_s
            I16x8ShrS { vd: VSlot, va: VSlot, s: Slot } [no_acc],
            /// i16x8.shr_u
            I16x8ShrU { vd: VSlot, va: VSlot, s: Slot } [no_acc],
            /// i16x8.add
            I16x8Add { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.add_sat_s
            I16x8AddSatS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.add_sat_u
            I16x8AddSatU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.sub
            I16x8Sub { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.sub_sat_s
            I16x8SubSatS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.sub_sat_u
            I16x8SubSatU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.mul
            I16x8Mul { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.min_s
            I16x8MinS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.min_u
            I16x8MinU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.max_s
            I16x8MaxS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.max_u
            I16x8MaxU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.avgr_u
            I16x8AvgrU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.extmul_low_i8x16_s
            I16x8ExtMulLowI8x16S { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.extmul_high_i8x16_s
            I16x8ExtMulHighI8x16S { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.extmul_low_i8x16_u
            I16x8ExtMulLowI8x16U { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.extmul_high_i8x16_u
            I16x8ExtMulHighI8x16U { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.extadd_pairwise_i16x8_s
            I32x4ExtAddPairwiseI16x8S { vd: VSlot, va: VSlot } [no_acc],
            /// i32x4.extadd_pairwise_i16x8_u
            I32x4ExtAddPairwiseI16x8U { vd: VSlot, va: VSlot } [no_acc],
            /// i32x4.abs
            I32x4Abs { vd: VSlot, va: VSlot } [no_acc],
            /// i32x4.neg
            I32x4Neg { vd: VSlot, va: VSlot } [no_acc],
            /// i32x4.all_true
            I32x4AllTrue { out: Slot, va: VSlot } [no_acc],
            /// i32x4.bitmask
            I32x4Bitmask { out: Slot, va: VSlot } [no_acc],
            /// i32x4.extend_low_i16x8_s
            I32x4ExtendLowI16x8S { vd: VSlot, va: VSlot } [no_acc],
            /// i32x4.extend_high_i16x8_s
            I32x4ExtendHighI16x8S { vd: VSlot, va: VSlot } [no_acc],
            /// i32x4.extend_low_i16x8_u
            I32x4ExtendLowI16x8U { vd: VSlot, va: VSlot } [no_acc],
            /// i32x4.extend_high_i16x8_u
            I32x4ExtendHighI16x8U { vd: VSlot, va: VSlot } [no_acc],
            /// i32x4.shl
            I32x4Shl { vd: VSlot, va: VSlot, s: Slot } [no_acc],
            /// i32x4.shr_s
            I32x4ShrS { vd: VSlot, va: VSlot, s: Slot } [no_acc],
            /// i32x4.shr_u
            I32x4ShrU { vd: VSlot, va: VSlot, s: Slot } [no_acc],
            /// i32x4.add
            I32x4Add { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.sub
            I32x4Sub { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.mul
            I32x4Mul { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.min_s
            I32x4MinS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.min_u
            I32x4MinU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.max_s
            I32x4MaxS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.max_u
            I32x4MaxU { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.dot_i16x8_s
            I32x4DotI16x8S { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.extmul_low_i16x8_s
            I32x4ExtMulLowI16x8S { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.extmul_high_i16x8_s
            I32x4ExtMulHighI16x8S { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.extmul_low_i16x8_u
            I32x4ExtMulLowI16x8U { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.extmul_high_i16x8_u
            I32x4ExtMulHighI16x8U { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i64x2.abs
            I64x2Abs { vd: VSlot, va: VSlot } [no_acc],
            /// i64x2.neg
            I64x2Neg { vd: VSlot, va: VSlot } [no_acc],
            /// i64x2.all_true
            I64x2AllTrue { out: Slot, va: VSlot } [no_acc],
            /// i64x2.bitmask
            I64x2Bitmask { out: Slot, va: VSlot } [no_acc],
            /// i64x2.extend_low_i32x4_s
            I64x2ExtendLowI32x4S { vd: VSlot, va: VSlot } [no_acc],
            /// i64x2.extend_high_i32x4_s
            I64x2ExtendHighI32x4S { vd: VSlot, va: VSlot } [no_acc],
            /// i64x2.extend_low_i32x4_u
            I64x2ExtendLowI32x4U { vd: VSlot, va: VSlot } [no_acc],
            /// i64x2.extend_high_i32x4_u
            I64x2ExtendHighI32x4U { vd: VSlot, va: VSlot } [no_acc],
            /// i64x2.shl
            I64x2Shl { vd: VSlot, va: VSlot, s: Slot } [no_acc],
            /// i64x2.shr_s
            I64x2ShrS { vd: VSlot, va: VSlot, s: Slot } [no_acc],
            /// i64x2.shr_u
            I64x2ShrU { vd: VSlot, va: VSlot, s: Slot } [no_acc],
            /// i64x2.add
            I64x2Add { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i64x2.sub
            I64x2Sub { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i64x2.mul
            I64x2Mul { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i64x2.extmul_low_i32x4_s
            I64x2ExtMulLowI32x4S { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i64x2.extmul_high_i32x4_s
            I64x2ExtMulHighI32x4S { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i64x2.extmul_low_i32x4_u
            I64x2ExtMulLowI32x4U { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i64x2.extmul_high_i32x4_u
            I64x2ExtMulHighI32x4U { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f32x4.ceil
            F32x4Ceil { vd: VSlot, va: VSlot } [no_acc],
            /// f32x4.floor
            F32x4Floor { vd: VSlot, va: VSlot } [no_acc],
            /// f32x4.trunc
            F32x4Trunc { vd: VSlot, va: VSlot } [no_acc],
            /// f32x4.nearest
            F32x4Nearest { vd: VSlot, va: VSlot } [no_acc],
            /// f32x4.abs
            F32x4Abs { vd: VSlot, va: VSlot } [no_acc],
            /// f32x4.neg
            F32x4Neg { vd: VSlot, va: VSlot } [no_acc],
            /// f32x4.sqrt
            F32x4Sqrt { vd: VSlot, va: VSlot } [no_acc],
            /// f32x4.add
            F32x4Add { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f32x4.sub
            F32x4Sub { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f32x4.mul
            F32x4Mul { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f32x4.div
            F32x4Div { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f32x4.min
            F32x4Min { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f32x4.max
            F32x4Max { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f32x4.pmin
            F32x4PMin { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f32x4.pmax
            F32x4PMax { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f64x2.ceil
            F64x2Ceil { vd: VSlot, va: VSlot } [no_acc],
            /// f64x2.floor
            F64x2Floor { vd: VSlot, va: VSlot } [no_acc],
            /// f64x2.trunc
            F64x2Trunc { vd: VSlot, va: VSlot } [no_acc],
            /// f64x2.nearest
            F64x2Nearest { vd: VSlot, va: VSlot } [no_acc],
            /// f64x2.abs
            F64x2Abs { vd: VSlot, va: VSlot } [no_acc],
            /// f64x2.neg
            F64x2Neg { vd: VSlot, va: VSlot } [no_acc],
            /// f64x2.sqrt
            F64x2Sqrt { vd: VSlot, va: VSlot } [no_acc],
            /// f64x2.add
            F64x2Add { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f64x2.sub
            F64x2Sub { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f64x2.mul
            F64x2Mul { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f64x2.div
            F64x2Div { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f64x2.min
            F64x2Min { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f64x2.max
            F64x2Max { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f64x2.pmin
            F64x2PMin { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f64x2.pmax
            F64x2PMax { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.trunc_sat_f32x4_s
            I32x4TruncSatF32x4S { vd: VSlot, va: VSlot } [no_acc],
            /// i32x4.trunc_sat_f32x4_u
            I32x4TruncSatF32x4U { vd: VSlot, va: VSlot } [no_acc],
            /// f32x4.convert_i32x4_s
            F32x4ConvertI32x4S { vd: VSlot, va: VSlot } [no_acc],
            /// f32x4.convert_i32x4_u
            F32x4ConvertI32x4U { vd: VSlot, va: VSlot } [no_acc],
            /// i32x4.trunc_sat_f64x2_s_zero
            I32x4TruncSatF64x2SZero { vd: VSlot, va: VSlot } [no_acc],
            /// i32x4.trunc_sat_f64x2_u_zero
            I32x4TruncSatF64x2UZero { vd: VSlot, va: VSlot } [no_acc],
            /// f64x2.convert_low_i32x4_s
            F64x2ConvertLowI32x4S { vd: VSlot, va: VSlot } [no_acc],
            /// f64x2.convert_low_i32x4_u
            F64x2ConvertLowI32x4U { vd: VSlot, va: VSlot } [no_acc],
            /// f32x4.demote_f64x2_zero
            F32x4DemoteF64x2Zero { vd: VSlot, va: VSlot } [no_acc],
            /// f64x2.promote_low_f32x4
            F64x2PromoteLowF32x4 { vd: VSlot, va: VSlot } [no_acc],
            /// i8x16.relaxed_swizzle
            I8x16RelaxedSwizzle { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.relaxed_trunc_f32x4_s
            I32x4RelaxedTruncF32x4S { vd: VSlot, va: VSlot } [no_acc],
            /// i32x4.relaxed_trunc_f32x4_u
            I32x4RelaxedTruncF32x4U { vd: VSlot, va: VSlot } [no_acc],
            /// i32x4.relaxed_trunc_f64x2_s_zero
            I32x4RelaxedTruncF64x2SZero { vd: VSlot, va: VSlot } [no_acc],
            /// i32x4.relaxed_trunc_f64x2_u_zero
            I32x4RelaxedTruncF64x2UZero { vd: VSlot, va: VSlot } [no_acc],
            /// f32x4.relaxed_madd
            F32x4RelaxedMadd { vd: VSlot, va: VSlot, vb: VSlot, vc: VSlot } [no_acc],
            /// f32x4.relaxed_nmadd
            F32x4RelaxedNmadd { vd: VSlot, va: VSlot, vb: VSlot, vc: VSlot } [no_acc],
            /// f64x2.relaxed_madd
            F64x2RelaxedMadd { vd: VSlot, va: VSlot, vb: VSlot, vc: VSlot } [no_acc],
            /// f64x2.relaxed_nmadd
            F64x2RelaxedNmadd { vd: VSlot, va: VSlot, vb: VSlot, vc: VSlot } [no_acc],
            /// i8x16.relaxed_laneselect
            I8x16RelaxedLaneselect { vd: VSlot, va: VSlot, vb: VSlot, vc: VSlot } [no_acc],
            /// i16x8.relaxed_laneselect
            I16x8RelaxedLaneselect { vd: VSlot, va: VSlot, vb: VSlot, vc: VSlot } [no_acc],
            /// i32x4.relaxed_laneselect
            I32x4RelaxedLaneselect { vd: VSlot, va: VSlot, vb: VSlot, vc: VSlot } [no_acc],
            /// i64x2.relaxed_laneselect
            I64x2RelaxedLaneselect { vd: VSlot, va: VSlot, vb: VSlot, vc: VSlot } [no_acc],
            /// f32x4.relaxed_min
            F32x4RelaxedMin { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f32x4.relaxed_max
            F32x4RelaxedMax { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f64x2.relaxed_min
            F64x2RelaxedMin { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// f64x2.relaxed_max
            F64x2RelaxedMax { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.relaxed_q15mulr_s
            I16x8RelaxedQ15mulrS { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i16x8.relaxed_dot_i8x16_i7x16_s
            I16x8RelaxedDotI8x16I7x16S { vd: VSlot, va: VSlot, vb: VSlot } [no_acc],
            /// i32x4.relaxed_dot_i8x16_i7x16_add_s
            I32x4RelaxedDotI8x16I7x16AddS { vd: VSlot, va: VSlot, vb: VSlot, vc: VSlot } [no_acc],
        }
    };
}
pub(crate) use ops;
