//! Numeric ops: i32 and i64 arithmetic (with immediates and fused forms),
//! f32 and f64, and conversions.
//!
//! A family of the op list: its entries are appended to those of the
//! families before it and handed to the next (`ir::list`), so `define_ops!`
//! sees one list. Attributes in brackets are documented at `ir::attr`.

macro_rules! ops {
    ([$($rest:ident),*] $($acc:tt)*) => {
        $crate::ir::list::next! { [$($rest),*] $($acc)*
            // ---- i32 arithmetic ----
            /// i32.eqz
            I32Eqz { dst: Slot, src: Slot } [acc_i32],
            /// i32.clz
            I32Clz { dst: Slot, src: Slot } [acc_i32],
            /// i32.ctz
            I32Ctz { dst: Slot, src: Slot } [acc_i32],
            /// i32.popcnt
            I32Popcnt { dst: Slot, src: Slot } [acc_i32],
            /// i32.extend8_s
            I32Extend8S { dst: Slot, src: Slot } [acc_i32],
            /// i32.extend16_s
            I32Extend16S { dst: Slot, src: Slot } [acc_i32],
            /// i32.add
            I32Add { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.sub
            I32Sub { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.mul
            I32Mul { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32 `a * b + c` (wrapping): a fused `mul` and `add`.
            I32MulAdd { dst: Slot, a: Slot, b: Slot, c: Slot } [acc_i32],
            /// i32.div_s
            I32DivS { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.div_u
            I32DivU { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.rem_s
            I32RemS { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.rem_u
            I32RemU { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.and
            I32And { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.or
            I32Or { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.xor
            I32Xor { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.shl
            I32Shl { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.shr_s
            I32ShrS { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.shr_u
            I32ShrU { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.rotl
            I32Rotl { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.rotr
            I32Rotr { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.eq
            I32Eq { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.ne
            I32Ne { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.lt_s
            I32LtS { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.lt_u
            I32LtU { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.gt_s
            I32GtS { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.gt_u
            I32GtU { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.le_s
            I32LeS { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.le_u
            I32LeU { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.ge_s
            I32GeS { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.ge_u
            I32GeU { dst: Slot, a: Slot, b: Slot } [acc_i32],
            /// i32.add with immediate
            I32AddImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.sub with immediate
            I32SubImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.mul with immediate
            I32MulImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.div_s with immediate
            I32DivSImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.div_u with immediate
            I32DivUImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.rem_s with immediate
            I32RemSImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.rem_u with immediate
            I32RemUImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.and with immediate
            I32AndImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.or with immediate
            I32OrImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.xor with immediate
            I32XorImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.shl with immediate
            I32ShlImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32 `(a << shift) + imm` (`shift` < 32): a fused `shl` and `add` (array indexing).
            I32ShlAddImm { dst: Slot, a: Slot, shift: u16, imm: i32 } [acc_i32],
            /// i32 `(a << shift) + b` (`shift` < 32): a fused `shl` and `add` (array indexing).
            I32ShlAdd { dst: Slot, a: Slot, b: Slot, shift: u16 } [acc_i32],
            /// i32.shr_s with immediate
            I32ShrSImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.shr_u with immediate
            I32ShrUImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32 `(a >> shift) & mask` (logical shift, `shift` < 32): a bit field.
            I32ShrUAndImm { dst: Slot, a: Slot, shift: u16, mask: i32 } [acc_i32],
            /// i32.rotl with immediate
            I32RotlImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.rotr with immediate
            I32RotrImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.eq with immediate
            I32EqImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.ne with immediate
            I32NeImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.lt_s with immediate
            I32LtSImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.lt_u with immediate
            I32LtUImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.gt_s with immediate
            I32GtSImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.gt_u with immediate
            I32GtUImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.le_s with immediate
            I32LeSImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.le_u with immediate
            I32LeUImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.ge_s with immediate
            I32GeSImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],
            /// i32.ge_u with immediate
            I32GeUImm { dst: Slot, a: Slot, imm: i32 } [acc_i32],

            // ---- i64 arithmetic (immediates are sign-extended i32) ----
            /// i64.eqz
            I64Eqz { dst: Slot, src: Slot },
            /// i64.clz
            I64Clz { dst: Slot, src: Slot },
            /// i64.ctz
            I64Ctz { dst: Slot, src: Slot },
            /// i64.popcnt
            I64Popcnt { dst: Slot, src: Slot },
            /// i64.extend8_s
            I64Extend8S { dst: Slot, src: Slot },
            /// i64.extend16_s
            I64Extend16S { dst: Slot, src: Slot },
            /// i64.extend32_s
            I64Extend32S { dst: Slot, src: Slot },
            /// i64.add
            I64Add { dst: Slot, a: Slot, b: Slot },
            /// i64.sub
            I64Sub { dst: Slot, a: Slot, b: Slot },
            /// i64.mul
            I64Mul { dst: Slot, a: Slot, b: Slot },
            /// i64.div_s
            I64DivS { dst: Slot, a: Slot, b: Slot },
            /// i64.div_u
            I64DivU { dst: Slot, a: Slot, b: Slot },
            /// i64.rem_s
            I64RemS { dst: Slot, a: Slot, b: Slot },
            /// i64.rem_u
            I64RemU { dst: Slot, a: Slot, b: Slot },
            /// i64.and
            I64And { dst: Slot, a: Slot, b: Slot },
            /// i64.or
            I64Or { dst: Slot, a: Slot, b: Slot },
            /// i64.xor
            I64Xor { dst: Slot, a: Slot, b: Slot },
            /// i64.shl
            I64Shl { dst: Slot, a: Slot, b: Slot },
            /// i64.shr_s
            I64ShrS { dst: Slot, a: Slot, b: Slot },
            /// i64.shr_u
            I64ShrU { dst: Slot, a: Slot, b: Slot },
            /// i64.rotl
            I64Rotl { dst: Slot, a: Slot, b: Slot },
            /// i64.rotr
            I64Rotr { dst: Slot, a: Slot, b: Slot },
            /// i64.eq
            I64Eq { dst: Slot, a: Slot, b: Slot },
            /// i64.ne
            I64Ne { dst: Slot, a: Slot, b: Slot },
            /// i64.lt_s
            I64LtS { dst: Slot, a: Slot, b: Slot },
            /// i64.lt_u
            I64LtU { dst: Slot, a: Slot, b: Slot },
            /// i64.gt_s
            I64GtS { dst: Slot, a: Slot, b: Slot },
            /// i64.gt_u
            I64GtU { dst: Slot, a: Slot, b: Slot },
            /// i64.le_s
            I64LeS { dst: Slot, a: Slot, b: Slot },
            /// i64.le_u
            I64LeU { dst: Slot, a: Slot, b: Slot },
            /// i64.ge_s
            I64GeS { dst: Slot, a: Slot, b: Slot },
            /// i64.ge_u
            I64GeU { dst: Slot, a: Slot, b: Slot },
            /// i64.add with immediate
            I64AddImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.sub with immediate
            I64SubImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.mul with immediate
            I64MulImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.div_s with immediate
            I64DivSImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.div_u with immediate
            I64DivUImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.rem_s with immediate
            I64RemSImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.rem_u with immediate
            I64RemUImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.and with immediate
            I64AndImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.or with immediate
            I64OrImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.xor with immediate
            I64XorImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.shl with immediate
            I64ShlImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.shr_s with immediate
            I64ShrSImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.shr_u with immediate
            I64ShrUImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.rotl with immediate
            I64RotlImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.rotr with immediate
            I64RotrImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.eq with immediate
            I64EqImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.ne with immediate
            I64NeImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.lt_s with immediate
            I64LtSImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.lt_u with immediate
            I64LtUImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.gt_s with immediate
            I64GtSImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.gt_u with immediate
            I64GtUImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.le_s with immediate
            I64LeSImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.le_u with immediate
            I64LeUImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.ge_s with immediate
            I64GeSImm { dst: Slot, a: Slot, imm: i64 },
            /// i64.ge_u with immediate
            I64GeUImm { dst: Slot, a: Slot, imm: i64 },

            // ---- f32 ----
            /// f32.abs
            F32Abs { dst: Slot, src: Slot },
            /// f32.neg
            F32Neg { dst: Slot, src: Slot },
            /// f32.ceil
            F32Ceil { dst: Slot, src: Slot },
            /// f32.floor
            F32Floor { dst: Slot, src: Slot },
            /// f32.trunc
            F32Trunc { dst: Slot, src: Slot },
            /// f32.nearest
            F32Nearest { dst: Slot, src: Slot },
            /// f32.sqrt
            F32Sqrt { dst: Slot, src: Slot },
            /// f32.add
            F32Add { dst: Slot, a: Slot, b: Slot },
            /// f32.sub
            F32Sub { dst: Slot, a: Slot, b: Slot },
            /// f32.mul
            F32Mul { dst: Slot, a: Slot, b: Slot },
            /// f32.div
            F32Div { dst: Slot, a: Slot, b: Slot },
            /// f32.min
            F32Min { dst: Slot, a: Slot, b: Slot },
            /// f32.max
            F32Max { dst: Slot, a: Slot, b: Slot },
            /// f32.copysign
            F32Copysign { dst: Slot, a: Slot, b: Slot },
            /// f32.eq
            F32Eq { dst: Slot, a: Slot, b: Slot },
            /// f32.ne
            F32Ne { dst: Slot, a: Slot, b: Slot },
            /// f32.lt
            F32Lt { dst: Slot, a: Slot, b: Slot },
            /// f32.gt
            F32Gt { dst: Slot, a: Slot, b: Slot },
            /// f32.le
            F32Le { dst: Slot, a: Slot, b: Slot },
            /// f32.ge
            F32Ge { dst: Slot, a: Slot, b: Slot },

            // ---- f64 ----
            /// f64.abs
            F64Abs { dst: Slot, src: Slot },
            /// f64.neg
            F64Neg { dst: Slot, src: Slot },
            /// f64.ceil
            F64Ceil { dst: Slot, src: Slot },
            /// f64.floor
            F64Floor { dst: Slot, src: Slot },
            /// f64.trunc
            F64Trunc { dst: Slot, src: Slot },
            /// f64.nearest
            F64Nearest { dst: Slot, src: Slot },
            /// f64.sqrt
            F64Sqrt { dst: Slot, src: Slot },
            /// f64.add
            F64Add { dst: Slot, a: Slot, b: Slot },
            /// f64.sub
            F64Sub { dst: Slot, a: Slot, b: Slot },
            /// f64.mul
            F64Mul { dst: Slot, a: Slot, b: Slot },
            /// f64.div
            F64Div { dst: Slot, a: Slot, b: Slot },
            /// f64.min
            F64Min { dst: Slot, a: Slot, b: Slot },
            /// f64.max
            F64Max { dst: Slot, a: Slot, b: Slot },
            /// f64.copysign
            F64Copysign { dst: Slot, a: Slot, b: Slot },
            /// f64.eq
            F64Eq { dst: Slot, a: Slot, b: Slot },
            /// f64.ne
            F64Ne { dst: Slot, a: Slot, b: Slot },
            /// f64.lt
            F64Lt { dst: Slot, a: Slot, b: Slot },
            /// f64.gt
            F64Gt { dst: Slot, a: Slot, b: Slot },
            /// f64.le
            F64Le { dst: Slot, a: Slot, b: Slot },
            /// f64.ge
            F64Ge { dst: Slot, a: Slot, b: Slot },

            // ---- conversions ----
            /// i32.wrap_i64
            I32WrapI64 { dst: Slot, src: Slot },
            /// i64.extend_i32_s
            I64ExtendI32S { dst: Slot, src: Slot },
            /// i64.extend_i32_u
            I64ExtendI32U { dst: Slot, src: Slot },
            /// i32.trunc_f32_s
            I32TruncF32S { dst: Slot, src: Slot },
            /// i32.trunc_f32_u
            I32TruncF32U { dst: Slot, src: Slot },
            /// i32.trunc_f64_s
            I32TruncF64S { dst: Slot, src: Slot },
            /// i32.trunc_f64_u
            I32TruncF64U { dst: Slot, src: Slot },
            /// i64.trunc_f32_s
            I64TruncF32S { dst: Slot, src: Slot },
            /// i64.trunc_f32_u
            I64TruncF32U { dst: Slot, src: Slot },
            /// i64.trunc_f64_s
            I64TruncF64S { dst: Slot, src: Slot },
            /// i64.trunc_f64_u
            I64TruncF64U { dst: Slot, src: Slot },
            /// i32.trunc_sat_f32_s
            I32TruncSatF32S { dst: Slot, src: Slot },
            /// i32.trunc_sat_f32_u
            I32TruncSatF32U { dst: Slot, src: Slot },
            /// i32.trunc_sat_f64_s
            I32TruncSatF64S { dst: Slot, src: Slot },
            /// i32.trunc_sat_f64_u
            I32TruncSatF64U { dst: Slot, src: Slot },
            /// i64.trunc_sat_f32_s
            I64TruncSatF32S { dst: Slot, src: Slot },
            /// i64.trunc_sat_f32_u
            I64TruncSatF32U { dst: Slot, src: Slot },
            /// i64.trunc_sat_f64_s
            I64TruncSatF64S { dst: Slot, src: Slot },
            /// i64.trunc_sat_f64_u
            I64TruncSatF64U { dst: Slot, src: Slot },
            /// f32.convert_i32_s
            F32ConvertI32S { dst: Slot, src: Slot },
            /// f32.convert_i32_u
            F32ConvertI32U { dst: Slot, src: Slot },
            /// f32.convert_i64_s
            F32ConvertI64S { dst: Slot, src: Slot },
            /// f32.convert_i64_u
            F32ConvertI64U { dst: Slot, src: Slot },
            /// f64.convert_i32_s
            F64ConvertI32S { dst: Slot, src: Slot },
            /// f64.convert_i32_u
            F64ConvertI32U { dst: Slot, src: Slot },
            /// f64.convert_i64_s
            F64ConvertI64S { dst: Slot, src: Slot },
            /// f64.convert_i64_u
            F64ConvertI64U { dst: Slot, src: Slot },
            /// f32.demote_f64
            F32DemoteF64 { dst: Slot, src: Slot },
            /// f64.promote_f32
            F64PromoteF32 { dst: Slot, src: Slot },

            // ---- wide arithmetic: two results, in `out` and `out + 1` ----
            /// i64.add128: `(a_hi:a_lo) + (b_hi:b_lo)` mod 2^128, low half in
            /// `out`, high half in `out + 1`. (Named `out`, not `dst`: no
            /// retargeting to a local, no forwarding.)
            I64Add128 { out: Slot, a_lo: Slot, a_hi: Slot, b_lo: Slot, b_hi: Slot } [no_acc],
            /// i64.sub128: `(a_hi:a_lo) - (b_hi:b_lo)` mod 2^128 (as `I64Add128`).
            I64Sub128 { out: Slot, a_lo: Slot, a_hi: Slot, b_lo: Slot, b_hi: Slot } [no_acc],
            /// i64.mul_wide_s: the signed 128-bit product, low half in `out`.
            I64MulWideS { out: Slot, a: Slot, b: Slot } [no_acc],
            /// i64.mul_wide_u: the unsigned 128-bit product, low half in `out`.
            I64MulWideU { out: Slot, a: Slot, b: Slot } [no_acc],
        }
    };
}
pub(crate) use ops;
