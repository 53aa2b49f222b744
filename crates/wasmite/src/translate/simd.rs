//! SIMD translation. A function that touches `v128` values (params,
//! results or locals of type `v128`, a SIMD operator, a call returning
//! `v128`, a `v128` global) is translated in SIMD mode: every move copies
//! both register files ([`Op::VCopy`]: returns, block results, branch
//! values, `local.set`, `select` and tail-call arguments too), so the
//! operand stack needs no types. Functions without `v128` are translated
//! as before and never touch the v128 file. Which functions touch `v128`
//! shows only in their code, so a function whose type and locals have none
//! is translated without SIMD mode until its first such operator
//! ([`Translator::need_simd`]), then again from the start in SIMD mode.

use wasmparser as wp;
use wasmparser::Operator as W;

use super::{ModuleEnv, Translator};
use crate::error::Result;
use crate::ir::mem_kind as K;
use crate::ir::{HOIST, Op, Slot, VSlot};
use crate::types::{FuncType, ValType};

/// Whether an access goes to memory 0 with a 32-bit index (the family with
/// its own ops, [`Op::V128Load0`] and [`Op::V128Store0`]).
fn mem0_i32(m: &ModuleEnv<'_>, memarg: &wp::MemArg) -> bool {
    memarg.target == wp::MemArgTarget::Memory(0) && !m.memories.first().is_some_and(|t| t.memory64)
}

type Un = fn(VSlot, VSlot) -> Op;
type Bin = fn(VSlot, VSlot, VSlot) -> Op;
type Ter = fn(VSlot, VSlot, VSlot, VSlot) -> Op;

impl Translator {
    /// An operator touching `v128` values, in reachable code: fine in SIMD
    /// mode; otherwise an error that makes [`Translator::translate`] start
    /// the function over in SIMD mode.
    pub(super) fn need_simd(&mut self) -> Result<()> {
        if self.simd {
            return Ok(());
        }
        self.retry_simd = true;
        Err(super::unsupported("a v128 value outside SIMD mode"))
    }

    /// [`Translator::need_simd`] for a call to a function of type `t`, if
    /// it returns a `v128`.
    pub(super) fn call_v128(&mut self, t: &FuncType) -> Result<()> {
        if !self.simd && t.results().contains(&ValType::V128) {
            return self.need_simd();
        }
        Ok(())
    }

    /// [`Translator::need_simd`] for a block of type `bt`, if it takes or
    /// gives a `v128`.
    pub(super) fn block_v128(&mut self, m: &ModuleEnv<'_>, bt: wp::BlockType) -> Result<()> {
        if self.simd {
            return Ok(());
        }
        let v128 = match bt {
            wp::BlockType::Empty => false,
            wp::BlockType::Type(t) => t == wp::ValType::V128,
            wp::BlockType::FuncType(i) => m
                .types
                .get(i as usize)
                .is_some_and(|t| t.params().iter().chain(t.results()).any(|t| *t == ValType::V128)),
        };
        if v128 { self.need_simd() } else { Ok(()) }
    }

    /// Before a `return_call_indirect`/`return_call_ref` in SIMD mode: its
    /// table index or reference gets a temp of its own, so the `VCopy`s of
    /// the arguments to slot 0 cannot overwrite it (it may be a local).
    pub(super) fn tail_call_operand(&mut self) {
        if self.simd {
            let top = self.stack.len() - 1;
            self.materialize(top);
        }
    }

    /// Whether global `g` holds a `v128`.
    pub(super) fn is_v128_global(&self, m: &ModuleEnv<'_>, g: u32) -> bool {
        m.globals.get(g as usize).is_some_and(|g| g.content == ValType::V128)
    }

    /// After a float op with result in `vd`: canonicalise its NaN lanes if
    /// configured (`Some(wide)`: f64x2 if `wide`, else f32x4).
    fn v_canon(&mut self, vd: VSlot, canon: Option<bool>) {
        match canon {
            Some(wide) if self.canonicalize_nans => {
                self.emit(if wide { Op::CanonF64x2 { vd } } else { Op::CanonF32x4 { vd } });
            }
            _ => {}
        }
    }

    fn v_un(&mut self, f: Un, canon: Option<bool>) {
        let va = self.pop_slot();
        let vd = self.push_temp();
        self.emit_result(f(vd, va));
        self.v_canon(vd, canon);
    }

    fn v_bin(&mut self, f: Bin, canon: Option<bool>) {
        let vb = self.pop_slot();
        let va = self.pop_slot();
        let vd = self.push_temp();
        self.emit_result(f(vd, va, vb));
        self.v_canon(vd, canon);
    }

    fn v_ter(&mut self, f: Ter, canon: Option<bool>) {
        let vc = self.pop_slot();
        let vb = self.pop_slot();
        let va = self.pop_slot();
        let vd = self.push_temp();
        self.emit_result(f(vd, va, vb, vc));
        self.v_canon(vd, canon);
    }

    /// `f32x4.add` (`f64x2.add` if `wide`). An add of the product the op
    /// before it just computed into a temp (`acc + a * b`, the inner loop
    /// of dot products, filters and matrix products) becomes one op, the
    /// unfused multiply-add that `relaxed_madd` already is
    /// ([`crate::lanes::f32x4_relaxed_madd`]: two roundings, as the pair).
    /// Not across a jump target, nor with NaN canonicalisation (its op
    /// sits between the two).
    fn v_float_add(&mut self, wide: bool) {
        let vb = self.pop_slot();
        let va = self.pop_slot();
        let fused = match self.code.last() {
            _ if self.label_at == self.code.len() => None,
            Some(&Op::F32x4Mul { vd, va: x, vb: y }) if !wide => Some((vd, x, y)),
            Some(&Op::F64x2Mul { vd, va: x, vb: y }) if wide => Some((vd, x, y)),
            _ => None,
        };
        let temps = self.temps;
        let temp = |s: VSlot| (s as usize) >= temps && s < HOIST;
        let vd = self.push_temp();
        if let Some((t, x, y)) = fused
            && temp(t)
            && (va == t) != (vb == t)
        {
            let vc = if va == t { vb } else { va };
            self.code.pop();
            self.offsets.pop();
            self.last_result = None;
            self.emit_result(if wide {
                Op::F64x2RelaxedMadd { vd, va: x, vb: y, vc }
            } else {
                Op::F32x4RelaxedMadd { vd, va: x, vb: y, vc }
            });
            return;
        }
        self.emit_result(if wide {
            Op::F64x2Add { vd, va, vb }
        } else {
            Op::F32x4Add { vd, va, vb }
        });
        self.v_canon(vd, Some(wide));
    }

    /// A v128 and a scalar in (a shift count, a lane's new value), a v128 out.
    fn v_scalar_in(&mut self, f: impl FnOnce(VSlot, VSlot, Slot) -> Op) {
        let x = self.pop_slot();
        let va = self.pop_slot();
        let vd = self.push_temp();
        self.emit_result(f(vd, va, x));
    }

    /// A v128 in, a scalar out (a lane, a test, a bitmask).
    fn v_out(&mut self, f: impl FnOnce(Slot, VSlot) -> Op) {
        let va = self.pop_slot();
        let out = self.push_temp();
        self.emit_result(f(out, va));
    }

    fn v_splat(&mut self, f: fn(VSlot, Slot) -> Op) {
        let x = self.pop_slot();
        let vd = self.push_temp();
        self.emit_result(f(vd, x));
    }

    /// Set `vd` to the constant `v` (one op, or two with a high half).
    /// Inside a loop: the slot of `v128` constant `v`, set once at
    /// function entry (as scalar constants are: `Translator::hoisted`).
    fn v_hoisted(&mut self, v: u128) -> Option<VSlot> {
        if self.open_loops == 0 {
            return None;
        }
        let i = match self.vconsts.iter().find(|&&(_, k)| k == v) {
            Some(&(i, _)) => i,
            None if self.consts.len() < super::MAX_HOISTED => {
                self.consts.push(v as u64);
                self.vconsts.push((self.consts.len() - 1, v));
                self.consts.len() - 1
            }
            None => return None,
        };
        Some(HOIST + i as VSlot)
    }

    fn v_const(&mut self, vd: VSlot, v: u128) {
        self.emit(Op::V128Const { vd, lo: v as u64 });
        if v >> 64 != 0 {
            self.emit(Op::V128SetHigh { vd, hi: (v >> 64) as u64 });
        }
    }

    /// The memory, index-width `kind` bit, address slot and offset of a
    /// SIMD memory access whose address is at stack position `pos`.
    fn v_mem(
        &mut self,
        m: &ModuleEnv<'_>,
        memarg: &wp::MemArg,
        addr: Slot,
        pos: usize,
    ) -> Result<(u16, u16, Slot, u32)> {
        match self.family(m, memarg, addr, pos)? {
            Some((mem, wide, addr)) => Ok((mem, wide, addr, memarg.offset as u32)),
            None => Ok((0, 0, addr, super::ops::offset32(memarg)?)),
        }
    }

    fn v_load(&mut self, m: &ModuleEnv<'_>, memarg: &wp::MemArg, kind: u16) -> Result<()> {
        let (a, pos) = self.pop();
        let addr = self.slot(a, pos);
        if mem0_i32(m, memarg) {
            let (addr, add) = self.take_add_imm(addr, false).unwrap_or((addr, 0));
            let (offset, add) = (super::ops::offset32(memarg)?, add as u32);
            let vd = self.push_temp();
            self.emit_result(match kind {
                K::V_8X8_S => Op::V128Load8x8S0 { vd, addr, offset, add },
                K::V_8X8_U => Op::V128Load8x8U0 { vd, addr, offset, add },
                K::V_16X4_S => Op::V128Load16x4S0 { vd, addr, offset, add },
                K::V_16X4_U => Op::V128Load16x4U0 { vd, addr, offset, add },
                K::V_32X2_S => Op::V128Load32x2S0 { vd, addr, offset, add },
                K::V_32X2_U => Op::V128Load32x2U0 { vd, addr, offset, add },
                K::V_SPLAT8 => Op::V128Load8Splat0 { vd, addr, offset, add },
                K::V_SPLAT16 => Op::V128Load16Splat0 { vd, addr, offset, add },
                K::V_SPLAT32 => Op::V128Load32Splat0 { vd, addr, offset, add },
                K::V_SPLAT64 => Op::V128Load64Splat0 { vd, addr, offset, add },
                K::V_ZERO32 => Op::V128Load32Zero0 { vd, addr, offset, add },
                K::V_ZERO64 => Op::V128Load64Zero0 { vd, addr, offset, add },
                _ => Op::V128Load0 { vd, addr, offset, add },
            });
            return Ok(());
        }
        let (mem, wide, addr, offset) = self.v_mem(m, memarg, addr, pos)?;
        let vd = self.push_temp();
        self.emit_result(Op::V128Load { vd, addr, mem, kind: kind | wide, offset });
        Ok(())
    }

    /// `v128.loadN_lane` (`log` = log2 of the lane's bytes).
    fn v_load_lane(
        &mut self,
        m: &ModuleEnv<'_>,
        memarg: &wp::MemArg,
        log: u16,
        lane: u8,
    ) -> Result<()> {
        let va = self.pop_slot();
        let (a, pos) = self.pop();
        let addr = self.slot(a, pos);
        let (mem, wide, addr, offset) = self.v_mem(m, memarg, addr, pos)?;
        let vd = self.push_temp();
        let kind = log | u16::from(lane) << 4 | wide;
        self.emit_result(Op::V128LoadLane { vd, va, addr, mem, kind, offset });
        Ok(())
    }

    /// `v128.store` (`lane` `None`) or `v128.storeN_lane`.
    fn v_store(
        &mut self,
        m: &ModuleEnv<'_>,
        memarg: &wp::MemArg,
        lane: Option<(u16, u8)>,
    ) -> Result<()> {
        let vs = self.pop_slot();
        let (a, pos) = self.pop();
        let addr = self.slot(a, pos);
        if lane.is_none() && mem0_i32(m, memarg) {
            let offset = super::ops::offset32(memarg)?;
            self.emit(Op::V128Store0 { vs, addr, offset, add: 0 });
            return Ok(());
        }
        // (The address's temp is free: the value was above it.)
        let (mem, wide, addr, offset) = self.v_mem(m, memarg, addr, pos)?;
        self.emit(match lane {
            None => Op::V128Store { vs, addr, mem, kind: wide, offset },
            Some((log, lane)) => {
                let kind = log | u16::from(lane) << 4 | wide;
                Op::V128StoreLane { vs, addr, mem, kind, offset }
            }
        });
        Ok(())
    }

    /// Translate a SIMD operator (in SIMD mode; validated).
    pub(super) fn op_simd(&mut self, m: &ModuleEnv<'_>, op: &W<'_>) -> Result<()> {
        match *op {
            W::V128Load { memarg } => self.v_load(m, &memarg, K::V_FULL)?,
            W::V128Load8x8S { memarg } => self.v_load(m, &memarg, K::V_8X8_S)?,
            W::V128Load8x8U { memarg } => self.v_load(m, &memarg, K::V_8X8_U)?,
            W::V128Load16x4S { memarg } => self.v_load(m, &memarg, K::V_16X4_S)?,
            W::V128Load16x4U { memarg } => self.v_load(m, &memarg, K::V_16X4_U)?,
            W::V128Load32x2S { memarg } => self.v_load(m, &memarg, K::V_32X2_S)?,
            W::V128Load32x2U { memarg } => self.v_load(m, &memarg, K::V_32X2_U)?,
            W::V128Load8Splat { memarg } => self.v_load(m, &memarg, K::V_SPLAT8)?,
            W::V128Load16Splat { memarg } => self.v_load(m, &memarg, K::V_SPLAT16)?,
            W::V128Load32Splat { memarg } => self.v_load(m, &memarg, K::V_SPLAT32)?,
            W::V128Load64Splat { memarg } => self.v_load(m, &memarg, K::V_SPLAT64)?,
            W::V128Load32Zero { memarg } => self.v_load(m, &memarg, K::V_ZERO32)?,
            W::V128Load64Zero { memarg } => self.v_load(m, &memarg, K::V_ZERO64)?,
            W::V128Store { memarg } => self.v_store(m, &memarg, None)?,
            W::V128Load8Lane { memarg, lane } => self.v_load_lane(m, &memarg, 0, lane)?,
            W::V128Load16Lane { memarg, lane } => self.v_load_lane(m, &memarg, 1, lane)?,
            W::V128Load32Lane { memarg, lane } => self.v_load_lane(m, &memarg, 2, lane)?,
            W::V128Load64Lane { memarg, lane } => self.v_load_lane(m, &memarg, 3, lane)?,
            W::V128Store8Lane { memarg, lane } => self.v_store(m, &memarg, Some((0, lane)))?,
            W::V128Store16Lane { memarg, lane } => self.v_store(m, &memarg, Some((1, lane)))?,
            W::V128Store32Lane { memarg, lane } => self.v_store(m, &memarg, Some((2, lane)))?,
            W::V128Store64Lane { memarg, lane } => self.v_store(m, &memarg, Some((3, lane)))?,
            W::V128Const { value } => {
                if let Some(s) = self.v_hoisted(value.i128() as u128) {
                    self.push(super::Operand::Local(s));
                    return Ok(());
                }
                let vd = self.push_temp();
                self.v_const(vd, value.i128() as u128);
                // (A `local.set` retargets the last op only: one op, if the
                // high half is zero.)
                if value.i128() as u128 >> 64 == 0 {
                    self.last_result = Some(self.code.len() - 1);
                }
            }
            W::I8x16Shuffle { lanes } => {
                let vb = self.pop_slot();
                let (a, pos) = self.pop();
                let va = self.slot(a, pos);
                // The lane indices: a hoisted constant inside a loop, else
                // the temp above both operands.
                let mask = u128::from_le_bytes(lanes);
                let vm = match self.v_hoisted(mask) {
                    Some(s) => s,
                    None => {
                        let vm = self.temp(pos + 2);
                        self.max_height = self.max_height.max(pos + 3);
                        self.v_const(vm, mask);
                        vm
                    }
                };
                let vd = self.push_temp();
                self.emit_result(Op::I8x16Shuffle { vd, va, vb, vm });
            }
            W::I8x16ExtractLaneS { lane } => {
                self.v_out(|out, va| Op::I8x16ExtractLaneS { out, va, lane })
            }
            W::I8x16ExtractLaneU { lane } => {
                self.v_out(|out, va| Op::I8x16ExtractLaneU { out, va, lane })
            }
            W::I8x16ReplaceLane { lane } => {
                self.v_scalar_in(|vd, va, x| Op::I8x16ReplaceLane { vd, va, x, lane })
            }
            W::I16x8ExtractLaneS { lane } => {
                self.v_out(|out, va| Op::I16x8ExtractLaneS { out, va, lane })
            }
            W::I16x8ExtractLaneU { lane } => {
                self.v_out(|out, va| Op::I16x8ExtractLaneU { out, va, lane })
            }
            W::I16x8ReplaceLane { lane } => {
                self.v_scalar_in(|vd, va, x| Op::I16x8ReplaceLane { vd, va, x, lane })
            }
            W::I32x4ExtractLane { lane } => {
                self.v_out(|out, va| Op::I32x4ExtractLane { out, va, lane })
            }
            W::I32x4ReplaceLane { lane } => {
                self.v_scalar_in(|vd, va, x| Op::I32x4ReplaceLane { vd, va, x, lane })
            }
            W::I64x2ExtractLane { lane } => {
                self.v_out(|out, va| Op::I64x2ExtractLane { out, va, lane })
            }
            W::I64x2ReplaceLane { lane } => {
                self.v_scalar_in(|vd, va, x| Op::I64x2ReplaceLane { vd, va, x, lane })
            }
            W::F32x4ExtractLane { lane } => {
                self.v_out(|out, va| Op::F32x4ExtractLane { out, va, lane })
            }
            W::F32x4ReplaceLane { lane } => {
                self.v_scalar_in(|vd, va, x| Op::F32x4ReplaceLane { vd, va, x, lane })
            }
            W::F64x2ExtractLane { lane } => {
                self.v_out(|out, va| Op::F64x2ExtractLane { out, va, lane })
            }
            W::F64x2ReplaceLane { lane } => {
                self.v_scalar_in(|vd, va, x| Op::F64x2ReplaceLane { vd, va, x, lane })
            }
            W::I8x16Swizzle => self.v_bin(|vd, va, vb| Op::I8x16Swizzle { vd, va, vb }, None),
            W::I8x16Splat => self.v_splat(|vd, x| Op::I8x16Splat { vd, x }),
            W::I16x8Splat => self.v_splat(|vd, x| Op::I16x8Splat { vd, x }),
            W::I32x4Splat => self.v_splat(|vd, x| Op::I32x4Splat { vd, x }),
            W::I64x2Splat => self.v_splat(|vd, x| Op::I64x2Splat { vd, x }),
            W::F32x4Splat => self.v_splat(|vd, x| Op::F32x4Splat { vd, x }),
            W::F64x2Splat => self.v_splat(|vd, x| Op::F64x2Splat { vd, x }),
            W::I8x16Eq => self.v_bin(|vd, va, vb| Op::I8x16Eq { vd, va, vb }, None),
            W::I8x16Ne => self.v_bin(|vd, va, vb| Op::I8x16Ne { vd, va, vb }, None),
            W::I8x16LtS => self.v_bin(|vd, va, vb| Op::I8x16LtS { vd, va, vb }, None),
            W::I8x16LtU => self.v_bin(|vd, va, vb| Op::I8x16LtU { vd, va, vb }, None),
            W::I8x16GtS => self.v_bin(|vd, va, vb| Op::I8x16GtS { vd, va, vb }, None),
            W::I8x16GtU => self.v_bin(|vd, va, vb| Op::I8x16GtU { vd, va, vb }, None),
            W::I8x16LeS => self.v_bin(|vd, va, vb| Op::I8x16LeS { vd, va, vb }, None),
            W::I8x16LeU => self.v_bin(|vd, va, vb| Op::I8x16LeU { vd, va, vb }, None),
            W::I8x16GeS => self.v_bin(|vd, va, vb| Op::I8x16GeS { vd, va, vb }, None),
            W::I8x16GeU => self.v_bin(|vd, va, vb| Op::I8x16GeU { vd, va, vb }, None),
            W::I16x8Eq => self.v_bin(|vd, va, vb| Op::I16x8Eq { vd, va, vb }, None),
            W::I16x8Ne => self.v_bin(|vd, va, vb| Op::I16x8Ne { vd, va, vb }, None),
            W::I16x8LtS => self.v_bin(|vd, va, vb| Op::I16x8LtS { vd, va, vb }, None),
            W::I16x8LtU => self.v_bin(|vd, va, vb| Op::I16x8LtU { vd, va, vb }, None),
            W::I16x8GtS => self.v_bin(|vd, va, vb| Op::I16x8GtS { vd, va, vb }, None),
            W::I16x8GtU => self.v_bin(|vd, va, vb| Op::I16x8GtU { vd, va, vb }, None),
            W::I16x8LeS => self.v_bin(|vd, va, vb| Op::I16x8LeS { vd, va, vb }, None),
            W::I16x8LeU => self.v_bin(|vd, va, vb| Op::I16x8LeU { vd, va, vb }, None),
            W::I16x8GeS => self.v_bin(|vd, va, vb| Op::I16x8GeS { vd, va, vb }, None),
            W::I16x8GeU => self.v_bin(|vd, va, vb| Op::I16x8GeU { vd, va, vb }, None),
            W::I32x4Eq => self.v_bin(|vd, va, vb| Op::I32x4Eq { vd, va, vb }, None),
            W::I32x4Ne => self.v_bin(|vd, va, vb| Op::I32x4Ne { vd, va, vb }, None),
            W::I32x4LtS => self.v_bin(|vd, va, vb| Op::I32x4LtS { vd, va, vb }, None),
            W::I32x4LtU => self.v_bin(|vd, va, vb| Op::I32x4LtU { vd, va, vb }, None),
            W::I32x4GtS => self.v_bin(|vd, va, vb| Op::I32x4GtS { vd, va, vb }, None),
            W::I32x4GtU => self.v_bin(|vd, va, vb| Op::I32x4GtU { vd, va, vb }, None),
            W::I32x4LeS => self.v_bin(|vd, va, vb| Op::I32x4LeS { vd, va, vb }, None),
            W::I32x4LeU => self.v_bin(|vd, va, vb| Op::I32x4LeU { vd, va, vb }, None),
            W::I32x4GeS => self.v_bin(|vd, va, vb| Op::I32x4GeS { vd, va, vb }, None),
            W::I32x4GeU => self.v_bin(|vd, va, vb| Op::I32x4GeU { vd, va, vb }, None),
            W::I64x2Eq => self.v_bin(|vd, va, vb| Op::I64x2Eq { vd, va, vb }, None),
            W::I64x2Ne => self.v_bin(|vd, va, vb| Op::I64x2Ne { vd, va, vb }, None),
            W::I64x2LtS => self.v_bin(|vd, va, vb| Op::I64x2LtS { vd, va, vb }, None),
            W::I64x2GtS => self.v_bin(|vd, va, vb| Op::I64x2GtS { vd, va, vb }, None),
            W::I64x2LeS => self.v_bin(|vd, va, vb| Op::I64x2LeS { vd, va, vb }, None),
            W::I64x2GeS => self.v_bin(|vd, va, vb| Op::I64x2GeS { vd, va, vb }, None),
            W::F32x4Eq => self.v_bin(|vd, va, vb| Op::F32x4Eq { vd, va, vb }, None),
            W::F32x4Ne => self.v_bin(|vd, va, vb| Op::F32x4Ne { vd, va, vb }, None),
            W::F32x4Lt => self.v_bin(|vd, va, vb| Op::F32x4Lt { vd, va, vb }, None),
            W::F32x4Gt => self.v_bin(|vd, va, vb| Op::F32x4Gt { vd, va, vb }, None),
            W::F32x4Le => self.v_bin(|vd, va, vb| Op::F32x4Le { vd, va, vb }, None),
            W::F32x4Ge => self.v_bin(|vd, va, vb| Op::F32x4Ge { vd, va, vb }, None),
            W::F64x2Eq => self.v_bin(|vd, va, vb| Op::F64x2Eq { vd, va, vb }, None),
            W::F64x2Ne => self.v_bin(|vd, va, vb| Op::F64x2Ne { vd, va, vb }, None),
            W::F64x2Lt => self.v_bin(|vd, va, vb| Op::F64x2Lt { vd, va, vb }, None),
            W::F64x2Gt => self.v_bin(|vd, va, vb| Op::F64x2Gt { vd, va, vb }, None),
            W::F64x2Le => self.v_bin(|vd, va, vb| Op::F64x2Le { vd, va, vb }, None),
            W::F64x2Ge => self.v_bin(|vd, va, vb| Op::F64x2Ge { vd, va, vb }, None),
            W::V128Not => self.v_un(|vd, va| Op::V128Not { vd, va }, None),
            W::V128And => self.v_bin(|vd, va, vb| Op::V128And { vd, va, vb }, None),
            W::V128AndNot => self.v_bin(|vd, va, vb| Op::V128AndNot { vd, va, vb }, None),
            W::V128Or => self.v_bin(|vd, va, vb| Op::V128Or { vd, va, vb }, None),
            W::V128Xor => self.v_bin(|vd, va, vb| Op::V128Xor { vd, va, vb }, None),
            W::V128Bitselect => {
                self.v_ter(|vd, va, vb, vc| Op::V128Bitselect { vd, va, vb, vc }, None)
            }
            W::V128AnyTrue => self.v_out(|out, va| Op::V128AnyTrue { out, va }),
            W::I8x16Abs => self.v_un(|vd, va| Op::I8x16Abs { vd, va }, None),
            W::I8x16Neg => self.v_un(|vd, va| Op::I8x16Neg { vd, va }, None),
            W::I8x16Popcnt => self.v_un(|vd, va| Op::I8x16Popcnt { vd, va }, None),
            W::I8x16AllTrue => self.v_out(|out, va| Op::I8x16AllTrue { out, va }),
            W::I8x16Bitmask => self.v_out(|out, va| Op::I8x16Bitmask { out, va }),
            W::I8x16NarrowI16x8S => {
                self.v_bin(|vd, va, vb| Op::I8x16NarrowI16x8S { vd, va, vb }, None)
            }
            W::I8x16NarrowI16x8U => {
                self.v_bin(|vd, va, vb| Op::I8x16NarrowI16x8U { vd, va, vb }, None)
            }
            W::I8x16Shl => self.v_scalar_in(|vd, va, s| Op::I8x16Shl { vd, va, s }),
            W::I8x16ShrS => self.v_scalar_in(|vd, va, s| Op::I8x16ShrS { vd, va, s }),
            W::I8x16ShrU => self.v_scalar_in(|vd, va, s| Op::I8x16ShrU { vd, va, s }),
            W::I8x16Add => self.v_bin(|vd, va, vb| Op::I8x16Add { vd, va, vb }, None),
            W::I8x16AddSatS => self.v_bin(|vd, va, vb| Op::I8x16AddSatS { vd, va, vb }, None),
            W::I8x16AddSatU => self.v_bin(|vd, va, vb| Op::I8x16AddSatU { vd, va, vb }, None),
            W::I8x16Sub => self.v_bin(|vd, va, vb| Op::I8x16Sub { vd, va, vb }, None),
            W::I8x16SubSatS => self.v_bin(|vd, va, vb| Op::I8x16SubSatS { vd, va, vb }, None),
            W::I8x16SubSatU => self.v_bin(|vd, va, vb| Op::I8x16SubSatU { vd, va, vb }, None),
            W::I8x16MinS => self.v_bin(|vd, va, vb| Op::I8x16MinS { vd, va, vb }, None),
            W::I8x16MinU => self.v_bin(|vd, va, vb| Op::I8x16MinU { vd, va, vb }, None),
            W::I8x16MaxS => self.v_bin(|vd, va, vb| Op::I8x16MaxS { vd, va, vb }, None),
            W::I8x16MaxU => self.v_bin(|vd, va, vb| Op::I8x16MaxU { vd, va, vb }, None),
            W::I8x16AvgrU => self.v_bin(|vd, va, vb| Op::I8x16AvgrU { vd, va, vb }, None),
            W::I16x8ExtAddPairwiseI8x16S => {
                self.v_un(|vd, va| Op::I16x8ExtAddPairwiseI8x16S { vd, va }, None)
            }
            W::I16x8ExtAddPairwiseI8x16U => {
                self.v_un(|vd, va| Op::I16x8ExtAddPairwiseI8x16U { vd, va }, None)
            }
            W::I16x8Abs => self.v_un(|vd, va| Op::I16x8Abs { vd, va }, None),
            W::I16x8Neg => self.v_un(|vd, va| Op::I16x8Neg { vd, va }, None),
            W::I16x8Q15MulrSatS => {
                self.v_bin(|vd, va, vb| Op::I16x8Q15MulrSatS { vd, va, vb }, None)
            }
            W::I16x8AllTrue => self.v_out(|out, va| Op::I16x8AllTrue { out, va }),
            W::I16x8Bitmask => self.v_out(|out, va| Op::I16x8Bitmask { out, va }),
            W::I16x8NarrowI32x4S => {
                self.v_bin(|vd, va, vb| Op::I16x8NarrowI32x4S { vd, va, vb }, None)
            }
            W::I16x8NarrowI32x4U => {
                self.v_bin(|vd, va, vb| Op::I16x8NarrowI32x4U { vd, va, vb }, None)
            }
            W::I16x8ExtendLowI8x16S => {
                self.v_un(|vd, va| Op::I16x8ExtendLowI8x16S { vd, va }, None)
            }
            W::I16x8ExtendHighI8x16S => {
                self.v_un(|vd, va| Op::I16x8ExtendHighI8x16S { vd, va }, None)
            }
            W::I16x8ExtendLowI8x16U => {
                self.v_un(|vd, va| Op::I16x8ExtendLowI8x16U { vd, va }, None)
            }
            W::I16x8ExtendHighI8x16U => {
                self.v_un(|vd, va| Op::I16x8ExtendHighI8x16U { vd, va }, None)
            }
            W::I16x8Shl => self.v_scalar_in(|vd, va, s| Op::I16x8Shl { vd, va, s }),
            W::I16x8ShrS => self.v_scalar_in(|vd, va, s| Op::I16x8ShrS { vd, va, s }),
            W::I16x8ShrU => self.v_scalar_in(|vd, va, s| Op::I16x8ShrU { vd, va, s }),
            W::I16x8Add => self.v_bin(|vd, va, vb| Op::I16x8Add { vd, va, vb }, None),
            W::I16x8AddSatS => self.v_bin(|vd, va, vb| Op::I16x8AddSatS { vd, va, vb }, None),
            W::I16x8AddSatU => self.v_bin(|vd, va, vb| Op::I16x8AddSatU { vd, va, vb }, None),
            W::I16x8Sub => self.v_bin(|vd, va, vb| Op::I16x8Sub { vd, va, vb }, None),
            W::I16x8SubSatS => self.v_bin(|vd, va, vb| Op::I16x8SubSatS { vd, va, vb }, None),
            W::I16x8SubSatU => self.v_bin(|vd, va, vb| Op::I16x8SubSatU { vd, va, vb }, None),
            W::I16x8Mul => self.v_bin(|vd, va, vb| Op::I16x8Mul { vd, va, vb }, None),
            W::I16x8MinS => self.v_bin(|vd, va, vb| Op::I16x8MinS { vd, va, vb }, None),
            W::I16x8MinU => self.v_bin(|vd, va, vb| Op::I16x8MinU { vd, va, vb }, None),
            W::I16x8MaxS => self.v_bin(|vd, va, vb| Op::I16x8MaxS { vd, va, vb }, None),
            W::I16x8MaxU => self.v_bin(|vd, va, vb| Op::I16x8MaxU { vd, va, vb }, None),
            W::I16x8AvgrU => self.v_bin(|vd, va, vb| Op::I16x8AvgrU { vd, va, vb }, None),
            W::I16x8ExtMulLowI8x16S => {
                self.v_bin(|vd, va, vb| Op::I16x8ExtMulLowI8x16S { vd, va, vb }, None)
            }
            W::I16x8ExtMulHighI8x16S => {
                self.v_bin(|vd, va, vb| Op::I16x8ExtMulHighI8x16S { vd, va, vb }, None)
            }
            W::I16x8ExtMulLowI8x16U => {
                self.v_bin(|vd, va, vb| Op::I16x8ExtMulLowI8x16U { vd, va, vb }, None)
            }
            W::I16x8ExtMulHighI8x16U => {
                self.v_bin(|vd, va, vb| Op::I16x8ExtMulHighI8x16U { vd, va, vb }, None)
            }
            W::I32x4ExtAddPairwiseI16x8S => {
                self.v_un(|vd, va| Op::I32x4ExtAddPairwiseI16x8S { vd, va }, None)
            }
            W::I32x4ExtAddPairwiseI16x8U => {
                self.v_un(|vd, va| Op::I32x4ExtAddPairwiseI16x8U { vd, va }, None)
            }
            W::I32x4Abs => self.v_un(|vd, va| Op::I32x4Abs { vd, va }, None),
            W::I32x4Neg => self.v_un(|vd, va| Op::I32x4Neg { vd, va }, None),
            W::I32x4AllTrue => self.v_out(|out, va| Op::I32x4AllTrue { out, va }),
            W::I32x4Bitmask => self.v_out(|out, va| Op::I32x4Bitmask { out, va }),
            W::I32x4ExtendLowI16x8S => {
                self.v_un(|vd, va| Op::I32x4ExtendLowI16x8S { vd, va }, None)
            }
            W::I32x4ExtendHighI16x8S => {
                self.v_un(|vd, va| Op::I32x4ExtendHighI16x8S { vd, va }, None)
            }
            W::I32x4ExtendLowI16x8U => {
                self.v_un(|vd, va| Op::I32x4ExtendLowI16x8U { vd, va }, None)
            }
            W::I32x4ExtendHighI16x8U => {
                self.v_un(|vd, va| Op::I32x4ExtendHighI16x8U { vd, va }, None)
            }
            W::I32x4Shl => self.v_scalar_in(|vd, va, s| Op::I32x4Shl { vd, va, s }),
            W::I32x4ShrS => self.v_scalar_in(|vd, va, s| Op::I32x4ShrS { vd, va, s }),
            W::I32x4ShrU => self.v_scalar_in(|vd, va, s| Op::I32x4ShrU { vd, va, s }),
            W::I32x4Add => self.v_bin(|vd, va, vb| Op::I32x4Add { vd, va, vb }, None),
            W::I32x4Sub => self.v_bin(|vd, va, vb| Op::I32x4Sub { vd, va, vb }, None),
            W::I32x4Mul => self.v_bin(|vd, va, vb| Op::I32x4Mul { vd, va, vb }, None),
            W::I32x4MinS => self.v_bin(|vd, va, vb| Op::I32x4MinS { vd, va, vb }, None),
            W::I32x4MinU => self.v_bin(|vd, va, vb| Op::I32x4MinU { vd, va, vb }, None),
            W::I32x4MaxS => self.v_bin(|vd, va, vb| Op::I32x4MaxS { vd, va, vb }, None),
            W::I32x4MaxU => self.v_bin(|vd, va, vb| Op::I32x4MaxU { vd, va, vb }, None),
            W::I32x4DotI16x8S => self.v_bin(|vd, va, vb| Op::I32x4DotI16x8S { vd, va, vb }, None),
            W::I32x4ExtMulLowI16x8S => {
                self.v_bin(|vd, va, vb| Op::I32x4ExtMulLowI16x8S { vd, va, vb }, None)
            }
            W::I32x4ExtMulHighI16x8S => {
                self.v_bin(|vd, va, vb| Op::I32x4ExtMulHighI16x8S { vd, va, vb }, None)
            }
            W::I32x4ExtMulLowI16x8U => {
                self.v_bin(|vd, va, vb| Op::I32x4ExtMulLowI16x8U { vd, va, vb }, None)
            }
            W::I32x4ExtMulHighI16x8U => {
                self.v_bin(|vd, va, vb| Op::I32x4ExtMulHighI16x8U { vd, va, vb }, None)
            }
            W::I64x2Abs => self.v_un(|vd, va| Op::I64x2Abs { vd, va }, None),
            W::I64x2Neg => self.v_un(|vd, va| Op::I64x2Neg { vd, va }, None),
            W::I64x2AllTrue => self.v_out(|out, va| Op::I64x2AllTrue { out, va }),
            W::I64x2Bitmask => self.v_out(|out, va| Op::I64x2Bitmask { out, va }),
            W::I64x2ExtendLowI32x4S => {
                self.v_un(|vd, va| Op::I64x2ExtendLowI32x4S { vd, va }, None)
            }
            W::I64x2ExtendHighI32x4S => {
                self.v_un(|vd, va| Op::I64x2ExtendHighI32x4S { vd, va }, None)
            }
            W::I64x2ExtendLowI32x4U => {
                self.v_un(|vd, va| Op::I64x2ExtendLowI32x4U { vd, va }, None)
            }
            W::I64x2ExtendHighI32x4U => {
                self.v_un(|vd, va| Op::I64x2ExtendHighI32x4U { vd, va }, None)
            }
            W::I64x2Shl => self.v_scalar_in(|vd, va, s| Op::I64x2Shl { vd, va, s }),
            W::I64x2ShrS => self.v_scalar_in(|vd, va, s| Op::I64x2ShrS { vd, va, s }),
            W::I64x2ShrU => self.v_scalar_in(|vd, va, s| Op::I64x2ShrU { vd, va, s }),
            W::I64x2Add => self.v_bin(|vd, va, vb| Op::I64x2Add { vd, va, vb }, None),
            W::I64x2Sub => self.v_bin(|vd, va, vb| Op::I64x2Sub { vd, va, vb }, None),
            W::I64x2Mul => self.v_bin(|vd, va, vb| Op::I64x2Mul { vd, va, vb }, None),
            W::I64x2ExtMulLowI32x4S => {
                self.v_bin(|vd, va, vb| Op::I64x2ExtMulLowI32x4S { vd, va, vb }, None)
            }
            W::I64x2ExtMulHighI32x4S => {
                self.v_bin(|vd, va, vb| Op::I64x2ExtMulHighI32x4S { vd, va, vb }, None)
            }
            W::I64x2ExtMulLowI32x4U => {
                self.v_bin(|vd, va, vb| Op::I64x2ExtMulLowI32x4U { vd, va, vb }, None)
            }
            W::I64x2ExtMulHighI32x4U => {
                self.v_bin(|vd, va, vb| Op::I64x2ExtMulHighI32x4U { vd, va, vb }, None)
            }
            W::F32x4Ceil => self.v_un(|vd, va| Op::F32x4Ceil { vd, va }, Some(false)),
            W::F32x4Floor => self.v_un(|vd, va| Op::F32x4Floor { vd, va }, Some(false)),
            W::F32x4Trunc => self.v_un(|vd, va| Op::F32x4Trunc { vd, va }, Some(false)),
            W::F32x4Nearest => self.v_un(|vd, va| Op::F32x4Nearest { vd, va }, Some(false)),
            W::F32x4Abs => self.v_un(|vd, va| Op::F32x4Abs { vd, va }, None),
            W::F32x4Neg => self.v_un(|vd, va| Op::F32x4Neg { vd, va }, None),
            W::F32x4Sqrt => self.v_un(|vd, va| Op::F32x4Sqrt { vd, va }, Some(false)),
            W::F32x4Add => self.v_float_add(false),
            W::F32x4Sub => self.v_bin(|vd, va, vb| Op::F32x4Sub { vd, va, vb }, Some(false)),
            W::F32x4Mul => self.v_bin(|vd, va, vb| Op::F32x4Mul { vd, va, vb }, Some(false)),
            W::F32x4Div => self.v_bin(|vd, va, vb| Op::F32x4Div { vd, va, vb }, Some(false)),
            W::F32x4Min => self.v_bin(|vd, va, vb| Op::F32x4Min { vd, va, vb }, Some(false)),
            W::F32x4Max => self.v_bin(|vd, va, vb| Op::F32x4Max { vd, va, vb }, Some(false)),
            W::F32x4PMin => self.v_bin(|vd, va, vb| Op::F32x4PMin { vd, va, vb }, None),
            W::F32x4PMax => self.v_bin(|vd, va, vb| Op::F32x4PMax { vd, va, vb }, None),
            W::F64x2Ceil => self.v_un(|vd, va| Op::F64x2Ceil { vd, va }, Some(true)),
            W::F64x2Floor => self.v_un(|vd, va| Op::F64x2Floor { vd, va }, Some(true)),
            W::F64x2Trunc => self.v_un(|vd, va| Op::F64x2Trunc { vd, va }, Some(true)),
            W::F64x2Nearest => self.v_un(|vd, va| Op::F64x2Nearest { vd, va }, Some(true)),
            W::F64x2Abs => self.v_un(|vd, va| Op::F64x2Abs { vd, va }, None),
            W::F64x2Neg => self.v_un(|vd, va| Op::F64x2Neg { vd, va }, None),
            W::F64x2Sqrt => self.v_un(|vd, va| Op::F64x2Sqrt { vd, va }, Some(true)),
            W::F64x2Add => self.v_float_add(true),
            W::F64x2Sub => self.v_bin(|vd, va, vb| Op::F64x2Sub { vd, va, vb }, Some(true)),
            W::F64x2Mul => self.v_bin(|vd, va, vb| Op::F64x2Mul { vd, va, vb }, Some(true)),
            W::F64x2Div => self.v_bin(|vd, va, vb| Op::F64x2Div { vd, va, vb }, Some(true)),
            W::F64x2Min => self.v_bin(|vd, va, vb| Op::F64x2Min { vd, va, vb }, Some(true)),
            W::F64x2Max => self.v_bin(|vd, va, vb| Op::F64x2Max { vd, va, vb }, Some(true)),
            W::F64x2PMin => self.v_bin(|vd, va, vb| Op::F64x2PMin { vd, va, vb }, None),
            W::F64x2PMax => self.v_bin(|vd, va, vb| Op::F64x2PMax { vd, va, vb }, None),
            W::I32x4TruncSatF32x4S => self.v_un(|vd, va| Op::I32x4TruncSatF32x4S { vd, va }, None),
            W::I32x4TruncSatF32x4U => self.v_un(|vd, va| Op::I32x4TruncSatF32x4U { vd, va }, None),
            W::F32x4ConvertI32x4S => self.v_un(|vd, va| Op::F32x4ConvertI32x4S { vd, va }, None),
            W::F32x4ConvertI32x4U => self.v_un(|vd, va| Op::F32x4ConvertI32x4U { vd, va }, None),
            W::I32x4TruncSatF64x2SZero => {
                self.v_un(|vd, va| Op::I32x4TruncSatF64x2SZero { vd, va }, None)
            }
            W::I32x4TruncSatF64x2UZero => {
                self.v_un(|vd, va| Op::I32x4TruncSatF64x2UZero { vd, va }, None)
            }
            W::F64x2ConvertLowI32x4S => {
                self.v_un(|vd, va| Op::F64x2ConvertLowI32x4S { vd, va }, None)
            }
            W::F64x2ConvertLowI32x4U => {
                self.v_un(|vd, va| Op::F64x2ConvertLowI32x4U { vd, va }, None)
            }
            W::F32x4DemoteF64x2Zero => {
                self.v_un(|vd, va| Op::F32x4DemoteF64x2Zero { vd, va }, Some(false))
            }
            W::F64x2PromoteLowF32x4 => {
                self.v_un(|vd, va| Op::F64x2PromoteLowF32x4 { vd, va }, Some(true))
            }
            W::I8x16RelaxedSwizzle => {
                self.v_bin(|vd, va, vb| Op::I8x16RelaxedSwizzle { vd, va, vb }, None)
            }
            W::I32x4RelaxedTruncF32x4S => {
                self.v_un(|vd, va| Op::I32x4RelaxedTruncF32x4S { vd, va }, None)
            }
            W::I32x4RelaxedTruncF32x4U => {
                self.v_un(|vd, va| Op::I32x4RelaxedTruncF32x4U { vd, va }, None)
            }
            W::I32x4RelaxedTruncF64x2SZero => {
                self.v_un(|vd, va| Op::I32x4RelaxedTruncF64x2SZero { vd, va }, None)
            }
            W::I32x4RelaxedTruncF64x2UZero => {
                self.v_un(|vd, va| Op::I32x4RelaxedTruncF64x2UZero { vd, va }, None)
            }
            W::F32x4RelaxedMadd => {
                self.v_ter(|vd, va, vb, vc| Op::F32x4RelaxedMadd { vd, va, vb, vc }, Some(false))
            }
            W::F32x4RelaxedNmadd => {
                self.v_ter(|vd, va, vb, vc| Op::F32x4RelaxedNmadd { vd, va, vb, vc }, Some(false))
            }
            W::F64x2RelaxedMadd => {
                self.v_ter(|vd, va, vb, vc| Op::F64x2RelaxedMadd { vd, va, vb, vc }, Some(true))
            }
            W::F64x2RelaxedNmadd => {
                self.v_ter(|vd, va, vb, vc| Op::F64x2RelaxedNmadd { vd, va, vb, vc }, Some(true))
            }
            W::I8x16RelaxedLaneselect => {
                self.v_ter(|vd, va, vb, vc| Op::I8x16RelaxedLaneselect { vd, va, vb, vc }, None)
            }
            W::I16x8RelaxedLaneselect => {
                self.v_ter(|vd, va, vb, vc| Op::I16x8RelaxedLaneselect { vd, va, vb, vc }, None)
            }
            W::I32x4RelaxedLaneselect => {
                self.v_ter(|vd, va, vb, vc| Op::I32x4RelaxedLaneselect { vd, va, vb, vc }, None)
            }
            W::I64x2RelaxedLaneselect => {
                self.v_ter(|vd, va, vb, vc| Op::I64x2RelaxedLaneselect { vd, va, vb, vc }, None)
            }
            W::F32x4RelaxedMin => {
                self.v_bin(|vd, va, vb| Op::F32x4RelaxedMin { vd, va, vb }, Some(false))
            }
            W::F32x4RelaxedMax => {
                self.v_bin(|vd, va, vb| Op::F32x4RelaxedMax { vd, va, vb }, Some(false))
            }
            W::F64x2RelaxedMin => {
                self.v_bin(|vd, va, vb| Op::F64x2RelaxedMin { vd, va, vb }, Some(true))
            }
            W::F64x2RelaxedMax => {
                self.v_bin(|vd, va, vb| Op::F64x2RelaxedMax { vd, va, vb }, Some(true))
            }
            W::I16x8RelaxedQ15mulrS => {
                self.v_bin(|vd, va, vb| Op::I16x8RelaxedQ15mulrS { vd, va, vb }, None)
            }
            W::I16x8RelaxedDotI8x16I7x16S => {
                self.v_bin(|vd, va, vb| Op::I16x8RelaxedDotI8x16I7x16S { vd, va, vb }, None)
            }
            W::I32x4RelaxedDotI8x16I7x16AddS => self
                .v_ter(|vd, va, vb, vc| Op::I32x4RelaxedDotI8x16I7x16AddS { vd, va, vb, vc }, None),
            ref other => {
                return Err(super::unsupported(alloc::format!("operator {other:?}")));
            }
        }
        Ok(())
    }
}
