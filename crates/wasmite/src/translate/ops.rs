//! Per-operator translation rules: a table from wasmparser operators to IR ops.

use wasmparser::Operator as W;

use super::ModuleEnv;
use super::{Kind, Operand, Translator, unsupported};
use crate::error::{Result, TrapCode};
use crate::ir::mem_kind as K;
use crate::ir::{Op, Slot};

/// How a binary op with a constant right operand is encoded: `Some(imm ctor)`
/// if it has an immediate form; `mirror` is the op to use when the constant is
/// on the left (the same for commutative ops, the mirrored compare for
/// orderings, none otherwise).
type Ctor = fn(Slot, Slot, Slot) -> Op;
type ImmCtor = fn(Slot, Slot, i64) -> Op;

macro_rules! bin {
    ($name:ident) => {
        (|dst, a, b| Op::$name { dst, a, b }) as Ctor
    };
}
macro_rules! imm {
    ($name:ident) => {
        Some((|dst, a, imm| Op::$name { dst, a, imm: imm as _ }) as ImmCtor)
    };
}
macro_rules! un {
    ($name:ident) => {
        (|dst, src| Op::$name { dst, src }) as fn(Slot, Slot) -> Op
    };
}

/// Binary-format rules that wasmparser leaves to its validator, checked
/// before validation so the module is reported as malformed: a memory
/// instruction's alignment field in range.
#[inline(always)]
pub(super) fn check_memarg(
    memarg: &wasmparser::MemArg,
    pos: u64,
    multi_memory: bool,
) -> Result<()> {
    if memarg.align >= 32 && !multi_memory {
        return Err(malformed_at("malformed memop flags", pos));
    }
    Ok(())
}

/// `memory.init` and `data.drop` need a data count section.
#[inline(always)]
pub(super) fn check_data_count(m: &ModuleEnv<'_>, pos: u64) -> Result<()> {
    if !m.has_data_count {
        return Err(malformed_at("data count section required", pos));
    }
    Ok(())
}

#[cold]
fn malformed_at(what: &str, pos: u64) -> crate::error::Error {
    crate::error::Error::malformed(alloc::format!("{what} (at offset {pos:#x})"))
}

impl Translator {
    fn unary(&mut self, f: fn(Slot, Slot) -> Op) {
        let src = self.pop_slot();
        let dst = self.push_temp();
        self.emit_result(f(dst, src));
    }

    /// A float op whose NaN results are canonicalised when determinism is on.
    fn float(&mut self, wide: bool, emit: impl FnOnce(&mut Self)) {
        emit(self);
        if self.canonicalize_nans {
            let t = self.temp(self.stack.len() - 1);
            self.emit_result(if wide {
                Op::CanonF64 { dst: t, src: t }
            } else {
                Op::CanonF32 { dst: t, src: t }
            });
        }
    }

    /// A binary op; `wide` says the operands are i64.
    fn binary(&mut self, reg: Ctor, imm: Option<ImmCtor>, mirror: Option<ImmCtor>, wide: bool) {
        let (b, pb) = self.pop();
        let (a, pa) = self.pop();
        // Every constant fits: i64 ops take 64-bit immediates.
        let as_imm =
            |c: u64| -> Option<i64> { Some(if wide { c as i64 } else { c as u32 as i32 as i64 }) };
        let op = match (a, b, imm, mirror) {
            (_, Operand::Const(c), Some(f), _)
                if as_imm(c).is_some() && !matches!(a, Operand::Const(_)) =>
            {
                let a = self.slot(a, pa);
                let dst = self.temp(pa);
                f(dst, a, as_imm(c).unwrap())
            }
            (Operand::Const(c), _, _, Some(f))
                if as_imm(c).is_some() && !matches!(b, Operand::Const(_)) =>
            {
                let b = self.slot(b, pb);
                let dst = self.temp(pa);
                f(dst, b, as_imm(c).unwrap())
            }
            _ => {
                let a = self.slot(a, pa);
                let b = self.slot(b, pb);
                reg(self.temp(pa), a, b)
            }
        };
        self.push(Operand::Temp);
        self.emit_result(op);
    }

    /// The family of a memory access ([`Op::LoadX`]): `None` for memory 0
    /// with a 32-bit address (today's ops, with every superinstruction),
    /// else the memory (as `u16`), the index-width bit of `kind`, and the
    /// offset's part above 32 bits, added to `addr` first by an
    /// [`Op::AddOffset64`] (into the address's temp).
    pub(super) fn family(
        &mut self,
        m: &ModuleEnv<'_>,
        memarg: &wasmparser::MemArg,
        addr: Slot,
        addr_pos: usize,
    ) -> Result<Option<(u16, u16, Slot)>> {
        let wasmparser::MemArgTarget::Memory(mem) = memarg.target else {
            return Err(unsupported("GC array memory operands"));
        };
        let wide = m.memories.get(mem as usize).is_some_and(|t| t.memory64);
        if mem == 0 && !wide {
            return Ok(None);
        }
        let mem = u16::try_from(mem).map_err(|_| unsupported("over 65,536 memories"))?;
        let kind = if wide { K::I64_INDEX } else { 0 };
        let high = memarg.offset & !(u32::MAX as u64);
        let addr = if high != 0 {
            let dst = self.temp(addr_pos);
            self.emit(Op::AddOffset64 { dst, a: addr, imm: high });
            dst
        } else {
            addr
        };
        Ok(Some((mem, kind, addr)))
    }

    fn load(
        &mut self,
        m: &ModuleEnv<'_>,
        kind: u16,
        f: fn(Slot, Slot, u32) -> Op,
        memarg: &wasmparser::MemArg,
    ) -> Result<()> {
        let (a, pos) = self.pop();
        let addr = self.slot(a, pos);
        if let Some((mem, wide, addr)) = self.family(m, memarg, addr, pos)? {
            let dst = self.push_temp();
            let offset = memarg.offset as u32;
            self.emit_result(Op::LoadX { dst, addr, mem, kind: kind | wide, offset });
            return Ok(());
        }
        let dst = self.push_temp();
        self.emit_result(f(dst, addr, offset32(memarg)?));
        Ok(())
    }

    fn store(
        &mut self,
        m: &ModuleEnv<'_>,
        kind: u16,
        f: fn(Slot, Slot, u32) -> Op,
        memarg: &wasmparser::MemArg,
    ) -> Result<()> {
        let src = self.pop_slot();
        let (a, pos) = self.pop();
        let addr = self.slot(a, pos);
        if let Some((mem, wide, addr)) = self.family(m, memarg, addr, pos)? {
            let offset = memarg.offset as u32;
            self.emit(Op::StoreX { src, addr, mem, kind: kind | wide, offset });
            return Ok(());
        }
        let mut op = f(addr, src, offset32(memarg)?);
        if addr != src
            && let Some((x, c)) = self.take_add_imm(addr, false)
            && let Some((a, add)) = op.addr_add_mut()
        {
            (*a, *add) = (x, c);
        }
        self.emit(op);
        Ok(())
    }

    /// Pop three operands (for fill/copy/init), returning their slots in push
    /// order. With fuel, a bulk op also pays for its length `n`, if it is in
    /// bounds: one unit per `1 << shift` bytes or elements, charged by the
    /// `ConsumeFuelBulk` emitted here, which the caller must follow with the
    /// bulk op at once (it reads its operands from there).
    /// `wide` says which are table64 indices or lengths, to clamp.
    fn pop3(&mut self, shift: u32, wide: [bool; 3]) -> (Slot, Slot, Slot) {
        let n = self.pop_index(wide[2]);
        let s = self.pop_index(wide[1]);
        let d = self.pop_index(wide[0]);
        if self.fuel {
            self.emit(Op::ConsumeFuelBulk { shift });
        }
        (d, s, n)
    }

    /// Pop a table index or length; a table64's is clamped to 32 bits
    /// ([`Op::ClampU32`]), so the table ops and `call_indirect` read 32 bits.
    fn pop_index(&mut self, table64: bool) -> Slot {
        let (o, pos) = self.pop();
        let s = self.slot(o, pos);
        if !table64 {
            return s;
        }
        let dst = self.temp(pos);
        self.emit(Op::ClampU32 { dst, src: s });
        dst
    }

    /// [`Translator::op`], not inlined.
    #[inline(never)]
    pub(super) fn op_outlined(&mut self, m: &ModuleEnv<'_>, op: &W<'_>) -> Result<()> {
        self.op(m, op)
    }

    /// Translate one operator (already validated).
    #[inline(always)]
    pub(super) fn op(&mut self, m: &ModuleEnv<'_>, op: &W<'_>) -> Result<()> {
        if !self.reachable {
            return self.op_unreachable(m, op);
        }
        self.charge_fuel();
        self.op_reachable(m, op)
    }

    /// Translate one operator in unreachable code: only the block structure
    /// counts.
    #[inline(always)]
    pub(super) fn op_unreachable(&mut self, m: &ModuleEnv<'_>, op: &W<'_>) -> Result<()> {
        match *op {
            W::Block { blockty } => self.op_block(m, blockty, Kind::Block),
            W::Loop { blockty } => self.op_block(m, blockty, Kind::Loop),
            W::If { blockty } => self.op_block(m, blockty, Kind::If),
            W::Else => self.op_else(),
            W::End => self.op_end(),
            W::TryTable { ref try_table } => self.op_block(m, try_table.ty, Kind::Try),
            W::Try { blockty } => self.op_block(m, blockty, Kind::LegacyTry),
            W::Catch { tag_index } => self.op_legacy_catch(m, Some(tag_index))?,
            W::CatchAll => self.op_legacy_catch(m, None)?,
            W::Delegate { relative_depth } => self.op_delegate(relative_depth),
            _ => {}
        }
        Ok(())
    }

    /// Translate one operator in reachable code, its fuel charged. Inlined
    /// into each visit method of `Visit`, where the match folds to the
    /// operator's arm: `op` must be built right before the call, with no
    /// store in between (the operator escapes, so a store through any
    /// pointer could have changed it, and the match would be made at run
    /// time: an indirect jump per operator).
    #[inline(always)]
    pub(super) fn op_reachable(&mut self, m: &ModuleEnv<'_>, op: &W<'_>) -> Result<()> {
        macro_rules! c {
            ($v:expr) => {
                self.push(Operand::Const($v))
            };
        }
        // A load or store: its memory-0 op (with an `add` of 0 to fold into)
        // and its `LoadX`/`StoreX` kind for the other families.
        macro_rules! ld {
            ($op:ident, $kind:ident, $memarg:ident) => {
                self.load(
                    m,
                    K::$kind,
                    |dst, addr, offset| Op::$op { dst, addr, offset, add: 0 },
                    &$memarg,
                )?
            };
        }
        macro_rules! st {
            ($op:ident, $kind:ident, $memarg:ident) => {
                self.store(
                    m,
                    K::$kind,
                    |addr, src, offset| Op::$op { addr, src, offset, add: 0 },
                    &$memarg,
                )?
            };
        }
        match *op {
            W::Nop => {}
            W::Unreachable => {
                self.emit(Op::Trap { code: TrapCode::Unreachable });
                self.set_unreachable();
            }
            W::Block { blockty } => {
                self.block_v128(m, blockty)?;
                self.op_block(m, blockty, Kind::Block);
            }
            W::Loop { blockty } => {
                self.block_v128(m, blockty)?;
                self.op_block(m, blockty, Kind::Loop);
            }
            W::If { blockty } => {
                self.block_v128(m, blockty)?;
                self.op_block(m, blockty, Kind::If);
            }
            W::Else => self.op_else(),
            W::End => self.op_end(),
            W::Br { relative_depth } => {
                self.emit_branch(relative_depth);
                self.set_unreachable();
            }
            W::BrIf { relative_depth } => self.op_br_if(relative_depth),
            W::BrTable { ref targets } => {
                self.op_br_table(targets)?;
                self.set_unreachable();
            }
            W::Return => {
                self.emit_return();
                self.set_unreachable();
            }
            W::Call { function_index } => {
                let t = m.func_type(function_index);
                self.call_v128(t)?;
                let (np, nr) = (t.params().len(), t.results().len());
                self.op_call(np, nr, |base| Op::Call { func: function_index, base, ret: 0 });
            }
            W::CallIndirect { type_index, table_index } => {
                let t = &m.types[type_index as usize];
                self.call_v128(t)?;
                let (np, nr) = (t.params().len(), t.results().len());
                let index = self.pop_index(m.table64(table_index));
                self.op_call(np, nr, |base| Op::CallIndirect {
                    base,
                    index,
                    ty: type_index,
                    table: table_index,
                });
            }
            W::ReturnCall { function_index } => {
                let t = m.func_type(function_index);
                self.call_v128(t)?;
                let (np, nr) = (t.params().len(), t.results().len());
                self.op_tail_call(np, nr, |base| Op::ReturnCall { func: function_index, base });
            }
            W::ReturnCallIndirect { type_index, table_index } => {
                let t = &m.types[type_index as usize];
                self.call_v128(t)?;
                let (np, nr) = (t.params().len(), t.results().len());
                self.tail_call_operand();
                let index = self.pop_index(m.table64(table_index));
                self.op_tail_call(np, nr, |base| Op::ReturnCallIndirect {
                    base,
                    index,
                    ty: type_index,
                    table: table_index,
                });
            }
            W::CallRef { type_index } => {
                let t = &m.types[type_index as usize];
                self.call_v128(t)?;
                let (np, nr) = (t.params().len(), t.results().len());
                let fref = self.pop_slot();
                self.op_call(np, nr, |base| Op::CallRef { base, fref });
            }
            W::ReturnCallRef { type_index } => {
                let t = &m.types[type_index as usize];
                self.call_v128(t)?;
                let (np, nr) = (t.params().len(), t.results().len());
                self.tail_call_operand();
                let fref = self.pop_slot();
                self.op_tail_call(np, nr, |base| Op::ReturnCallRef { base, fref });
            }
            W::TryTable { ref try_table } => self.op_try_table(m, try_table)?,
            W::Throw { tag_index } => self.op_throw(m, tag_index)?,
            W::Try { blockty } => {
                self.block_v128(m, blockty)?;
                self.op_block(m, blockty, Kind::LegacyTry);
            }
            W::Catch { tag_index } => self.op_legacy_catch(m, Some(tag_index))?,
            W::CatchAll => self.op_legacy_catch(m, None)?,
            W::Rethrow { relative_depth } => self.op_rethrow(relative_depth),
            W::Delegate { relative_depth } => self.op_delegate(relative_depth),
            W::ThrowRef => {
                let exn = self.pop_slot();
                self.emit(Op::ThrowRef { exn });
                self.set_unreachable();
            }
            W::BrOnNull { relative_depth } => self.op_br_on_null(relative_depth),
            W::BrOnNonNull { relative_depth } => self.op_br_on_non_null(relative_depth),
            W::I64Add128 | W::I64Sub128 => {
                let [b_hi, b_lo, a_hi, a_lo] = [0; 4].map(|_| self.pop_slot());
                let out = self.push_wide();
                self.emit(match *op {
                    W::I64Add128 => Op::I64Add128 { out, a_lo, a_hi, b_lo, b_hi },
                    _ => Op::I64Sub128 { out, a_lo, a_hi, b_lo, b_hi },
                });
            }
            W::I64MulWideS | W::I64MulWideU => {
                let [b, a] = [0; 2].map(|_| self.pop_slot());
                let out = self.push_wide();
                self.emit(match *op {
                    W::I64MulWideS => Op::I64MulWideS { out, a, b },
                    _ => Op::I64MulWideU { out, a, b },
                });
            }
            W::Drop => {
                self.pop();
            }
            W::Select | W::TypedSelect { .. } | W::TypedSelectMulti { .. } => {
                let cond = self.pop_slot();
                let b = self.pop_slot();
                let a = self.pop_slot();
                let dst = self.push_temp();
                if self.simd && self.select_v128 {
                    self.emit(Op::VSelect { vd: dst, va: a, vb: b, cond });
                } else {
                    self.emit_result(Op::Select { dst, cond, a, b });
                }
            }
            W::LocalGet { local_index } => self.push(Operand::Local(local_index as Slot)),
            W::LocalSet { local_index } => self.op_local_set(local_index, false),
            W::LocalTee { local_index } => self.op_local_set(local_index, true),
            W::GlobalGet { global_index } if self.is_v128_global(m, global_index) => {
                self.need_simd()?;
                let vd = self.push_temp();
                self.emit(Op::GlobalGetV { vd, global: global_index });
            }
            W::GlobalSet { global_index } if self.is_v128_global(m, global_index) => {
                self.need_simd()?;
                let vs = self.pop_slot();
                self.emit(Op::GlobalSetV { vs, global: global_index });
            }
            W::GlobalGet { global_index } => {
                let dst = self.push_temp();
                self.emit_result(Op::GlobalGet { dst, global: global_index });
            }
            W::GlobalSet { global_index } => {
                let src = self.pop_slot();
                self.emit(Op::GlobalSet { src, global: global_index });
            }

            W::I32Load { memarg } => ld!(I32Load, U32, memarg),
            W::I64Load { memarg } => ld!(I64Load, U64, memarg),
            W::F32Load { memarg } => ld!(F32Load, U32, memarg),
            W::F64Load { memarg } => ld!(F64Load, U64, memarg),
            W::I32Load8S { memarg } => ld!(I32Load8S, S8_32, memarg),
            W::I32Load8U { memarg } => ld!(I32Load8U, U8, memarg),
            W::I32Load16S { memarg } => ld!(I32Load16S, S16_32, memarg),
            W::I32Load16U { memarg } => ld!(I32Load16U, U16, memarg),
            W::I64Load8S { memarg } => ld!(I64Load8S, S8_64, memarg),
            W::I64Load8U { memarg } => ld!(I64Load8U, U8, memarg),
            W::I64Load16S { memarg } => ld!(I64Load16S, S16_64, memarg),
            W::I64Load16U { memarg } => ld!(I64Load16U, U16, memarg),
            W::I64Load32S { memarg } => ld!(I64Load32S, S32_64, memarg),
            W::I64Load32U { memarg } => ld!(I64Load32U, U32, memarg),
            W::I32Store { memarg } | W::F32Store { memarg } | W::I64Store32 { memarg } => {
                st!(Store32, W32, memarg)
            }
            W::I64Store { memarg } | W::F64Store { memarg } => st!(Store64, W64, memarg),
            W::I32Store8 { memarg } | W::I64Store8 { memarg } => st!(Store8, W8, memarg),
            W::I32Store16 { memarg } | W::I64Store16 { memarg } => st!(Store16, W16, memarg),
            W::MemorySize { mem } => {
                let dst = self.push_temp();
                self.emit_result(Op::MemorySize { dst, mem });
            }
            W::MemoryGrow { mem } => {
                let delta = self.pop_slot();
                let dst = self.push_temp();
                self.emit_result(Op::MemoryGrow { dst, delta, mem });
            }
            W::MemoryFill { mem } => {
                let (d, v, n) = self.pop3(6, [false; 3]);
                self.emit(Op::MemoryFill { d, v, n, mem });
            }
            W::MemoryCopy { dst_mem, src_mem } => {
                let (d, s, n) = self.pop3(6, [false; 3]);
                self.emit(Op::MemoryCopy { d, s, n, dst_mem, src_mem });
            }
            W::MemoryInit { data_index, mem } => {
                let (d, s, n) = self.pop3(6, [false; 3]);
                self.emit(Op::MemoryInit { d, s, n, mem, data: data_index });
            }
            W::DataDrop { data_index } => {
                self.emit(Op::DataDrop { data: data_index });
            }
            W::TableGet { table } => {
                let index = self.pop_index(m.table64(table));
                let dst = self.push_temp();
                self.emit_result(Op::TableGet { dst, index, table });
            }
            W::TableSet { table } => {
                let src = self.pop_slot();
                let index = self.pop_index(m.table64(table));
                self.emit(Op::TableSet { index, src, table });
            }
            W::TableSize { table } => {
                let dst = self.push_temp();
                self.emit_result(Op::TableSize { dst, table });
            }
            W::TableGrow { table } => {
                let delta = self.pop_index(m.table64(table));
                let init = self.pop_slot();
                let dst = self.push_temp();
                self.emit_result(Op::TableGrow { dst, init, delta, table });
            }
            W::TableFill { table } => {
                let w = m.table64(table);
                let (d, v, n) = self.pop3(3, [w, false, w]);
                self.emit(Op::TableFill { d, v, n, table });
            }
            W::TableCopy { dst_table, src_table } => {
                let (dw, sw) = (m.table64(dst_table), m.table64(src_table));
                let (d, s, n) = self.pop3(3, [dw, sw, dw && sw]);
                self.emit(Op::TableCopy { d, s, n, dst_table, src_table });
            }
            W::TableInit { elem_index, table } => {
                let (d, s, n) = self.pop3(3, [m.table64(table), false, false]);
                self.emit(Op::TableInit { d, s, n, table, elem: elem_index });
            }
            W::ElemDrop { elem_index } => {
                self.emit(Op::ElemDrop { elem: elem_index });
            }
            W::RefNull { .. } => c!(0),
            W::RefIsNull => self.unary(un!(I64Eqz)),
            W::RefAsNonNull => {
                // A check: the reference stays where it is.
                let (o, pos) = self.pop();
                let src = self.slot(o, pos);
                // (Pushed back first: the value is not the op's to take
                // from the accumulator.)
                self.push(o);
                self.emit(Op::RefAsNonNull { src });
            }
            W::RefFunc { function_index } => {
                let dst = self.push_temp();
                self.emit_result(Op::RefFunc { dst, func: function_index });
            }

            W::I32Const { value } => c!(value as u32 as u64),
            W::I64Const { value } => c!(value as u64),
            W::F32Const { value } => c!(value.bits() as u64),
            W::F64Const { value } => c!(value.bits()),

            W::I32Eqz => self.unary(un!(I32Eqz)),
            W::I32Clz => self.unary(un!(I32Clz)),
            W::I32Ctz => self.unary(un!(I32Ctz)),
            W::I32Popcnt => self.unary(un!(I32Popcnt)),
            W::I32Extend8S => self.unary(un!(I32Extend8S)),
            W::I32Extend16S => self.unary(un!(I32Extend16S)),
            W::I32Add => self.binary(bin!(I32Add), imm!(I32AddImm), imm!(I32AddImm), false),
            W::I32Sub => self.binary(bin!(I32Sub), imm!(I32SubImm), None, false),
            W::I32Mul => self.binary(bin!(I32Mul), imm!(I32MulImm), imm!(I32MulImm), false),
            W::I32DivS => self.binary(bin!(I32DivS), imm!(I32DivSImm), None, false),
            W::I32DivU => self.binary(bin!(I32DivU), imm!(I32DivUImm), None, false),
            W::I32RemS => self.binary(bin!(I32RemS), imm!(I32RemSImm), None, false),
            W::I32RemU => self.binary(bin!(I32RemU), imm!(I32RemUImm), None, false),
            W::I32And => self.binary(bin!(I32And), imm!(I32AndImm), imm!(I32AndImm), false),
            W::I32Or => self.binary(bin!(I32Or), imm!(I32OrImm), imm!(I32OrImm), false),
            W::I32Xor => self.binary(bin!(I32Xor), imm!(I32XorImm), imm!(I32XorImm), false),
            W::I32Shl => self.binary(bin!(I32Shl), imm!(I32ShlImm), None, false),
            W::I32ShrS => self.binary(bin!(I32ShrS), imm!(I32ShrSImm), None, false),
            W::I32ShrU => self.binary(bin!(I32ShrU), imm!(I32ShrUImm), None, false),
            W::I32Rotl => self.binary(bin!(I32Rotl), imm!(I32RotlImm), None, false),
            W::I32Rotr => self.binary(bin!(I32Rotr), imm!(I32RotrImm), None, false),
            W::I32Eq => self.binary(bin!(I32Eq), imm!(I32EqImm), imm!(I32EqImm), false),
            W::I32Ne => self.binary(bin!(I32Ne), imm!(I32NeImm), imm!(I32NeImm), false),
            W::I32LtS => self.binary(bin!(I32LtS), imm!(I32LtSImm), imm!(I32GtSImm), false),
            W::I32LtU => self.binary(bin!(I32LtU), imm!(I32LtUImm), imm!(I32GtUImm), false),
            W::I32GtS => self.binary(bin!(I32GtS), imm!(I32GtSImm), imm!(I32LtSImm), false),
            W::I32GtU => self.binary(bin!(I32GtU), imm!(I32GtUImm), imm!(I32LtUImm), false),
            W::I32LeS => self.binary(bin!(I32LeS), imm!(I32LeSImm), imm!(I32GeSImm), false),
            W::I32LeU => self.binary(bin!(I32LeU), imm!(I32LeUImm), imm!(I32GeUImm), false),
            W::I32GeS => self.binary(bin!(I32GeS), imm!(I32GeSImm), imm!(I32LeSImm), false),
            W::I32GeU => self.binary(bin!(I32GeU), imm!(I32GeUImm), imm!(I32LeUImm), false),

            W::I64Eqz => self.unary(un!(I64Eqz)),
            W::I64Clz => self.unary(un!(I64Clz)),
            W::I64Ctz => self.unary(un!(I64Ctz)),
            W::I64Popcnt => self.unary(un!(I64Popcnt)),
            W::I64Extend8S => self.unary(un!(I64Extend8S)),
            W::I64Extend16S => self.unary(un!(I64Extend16S)),
            W::I64Extend32S => self.unary(un!(I64Extend32S)),
            W::I64Add => self.binary(bin!(I64Add), imm!(I64AddImm), imm!(I64AddImm), true),
            W::I64Sub => self.binary(bin!(I64Sub), imm!(I64SubImm), None, true),
            W::I64Mul => self.binary(bin!(I64Mul), imm!(I64MulImm), imm!(I64MulImm), true),
            W::I64DivS => self.binary(bin!(I64DivS), imm!(I64DivSImm), None, true),
            W::I64DivU => self.binary(bin!(I64DivU), imm!(I64DivUImm), None, true),
            W::I64RemS => self.binary(bin!(I64RemS), imm!(I64RemSImm), None, true),
            W::I64RemU => self.binary(bin!(I64RemU), imm!(I64RemUImm), None, true),
            W::I64And => self.binary(bin!(I64And), imm!(I64AndImm), imm!(I64AndImm), true),
            W::I64Or => self.binary(bin!(I64Or), imm!(I64OrImm), imm!(I64OrImm), true),
            W::I64Xor => self.binary(bin!(I64Xor), imm!(I64XorImm), imm!(I64XorImm), true),
            W::I64Shl => self.binary(bin!(I64Shl), imm!(I64ShlImm), None, true),
            W::I64ShrS => self.binary(bin!(I64ShrS), imm!(I64ShrSImm), None, true),
            W::I64ShrU => self.binary(bin!(I64ShrU), imm!(I64ShrUImm), None, true),
            W::I64Rotl => self.binary(bin!(I64Rotl), imm!(I64RotlImm), None, true),
            W::I64Rotr => self.binary(bin!(I64Rotr), imm!(I64RotrImm), None, true),
            W::I64Eq => self.binary(bin!(I64Eq), imm!(I64EqImm), imm!(I64EqImm), true),
            W::I64Ne => self.binary(bin!(I64Ne), imm!(I64NeImm), imm!(I64NeImm), true),
            W::I64LtS => self.binary(bin!(I64LtS), imm!(I64LtSImm), imm!(I64GtSImm), true),
            W::I64LtU => self.binary(bin!(I64LtU), imm!(I64LtUImm), imm!(I64GtUImm), true),
            W::I64GtS => self.binary(bin!(I64GtS), imm!(I64GtSImm), imm!(I64LtSImm), true),
            W::I64GtU => self.binary(bin!(I64GtU), imm!(I64GtUImm), imm!(I64LtUImm), true),
            W::I64LeS => self.binary(bin!(I64LeS), imm!(I64LeSImm), imm!(I64GeSImm), true),
            W::I64LeU => self.binary(bin!(I64LeU), imm!(I64LeUImm), imm!(I64GeUImm), true),
            W::I64GeS => self.binary(bin!(I64GeS), imm!(I64GeSImm), imm!(I64LeSImm), true),
            W::I64GeU => self.binary(bin!(I64GeU), imm!(I64GeUImm), imm!(I64LeUImm), true),

            W::F32Abs => self.unary(un!(F32Abs)),
            W::F32Neg => self.unary(un!(F32Neg)),
            W::F32Ceil => self.float(false, |t| t.unary(un!(F32Ceil))),
            W::F32Floor => self.float(false, |t| t.unary(un!(F32Floor))),
            W::F32Trunc => self.float(false, |t| t.unary(un!(F32Trunc))),
            W::F32Nearest => self.float(false, |t| t.unary(un!(F32Nearest))),
            W::F32Sqrt => self.float(false, |t| t.unary(un!(F32Sqrt))),
            W::F32Add => self.float(false, |t| t.binary(bin!(F32Add), None, None, false)),
            W::F32Sub => self.float(false, |t| t.binary(bin!(F32Sub), None, None, false)),
            W::F32Mul => self.float(false, |t| t.binary(bin!(F32Mul), None, None, false)),
            W::F32Div => self.float(false, |t| t.binary(bin!(F32Div), None, None, false)),
            W::F32Min => self.float(false, |t| t.binary(bin!(F32Min), None, None, false)),
            W::F32Max => self.float(false, |t| t.binary(bin!(F32Max), None, None, false)),
            W::F32Copysign => self.binary(bin!(F32Copysign), None, None, false),
            W::F32Eq => self.binary(bin!(F32Eq), None, None, false),
            W::F32Ne => self.binary(bin!(F32Ne), None, None, false),
            W::F32Lt => self.binary(bin!(F32Lt), None, None, false),
            W::F32Gt => self.binary(bin!(F32Gt), None, None, false),
            W::F32Le => self.binary(bin!(F32Le), None, None, false),
            W::F32Ge => self.binary(bin!(F32Ge), None, None, false),
            W::F64Abs => self.unary(un!(F64Abs)),
            W::F64Neg => self.unary(un!(F64Neg)),
            W::F64Ceil => self.float(true, |t| t.unary(un!(F64Ceil))),
            W::F64Floor => self.float(true, |t| t.unary(un!(F64Floor))),
            W::F64Trunc => self.float(true, |t| t.unary(un!(F64Trunc))),
            W::F64Nearest => self.float(true, |t| t.unary(un!(F64Nearest))),
            W::F64Sqrt => self.float(true, |t| t.unary(un!(F64Sqrt))),
            W::F64Add => self.float(true, |t| t.binary(bin!(F64Add), None, None, false)),
            W::F64Sub => self.float(true, |t| t.binary(bin!(F64Sub), None, None, false)),
            W::F64Mul => self.float(true, |t| t.binary(bin!(F64Mul), None, None, false)),
            W::F64Div => self.float(true, |t| t.binary(bin!(F64Div), None, None, false)),
            W::F64Min => self.float(true, |t| t.binary(bin!(F64Min), None, None, false)),
            W::F64Max => self.float(true, |t| t.binary(bin!(F64Max), None, None, false)),
            W::F64Copysign => self.binary(bin!(F64Copysign), None, None, false),
            W::F64Eq => self.binary(bin!(F64Eq), None, None, false),
            W::F64Ne => self.binary(bin!(F64Ne), None, None, false),
            W::F64Lt => self.binary(bin!(F64Lt), None, None, false),
            W::F64Gt => self.binary(bin!(F64Gt), None, None, false),
            W::F64Le => self.binary(bin!(F64Le), None, None, false),
            W::F64Ge => self.binary(bin!(F64Ge), None, None, false),

            W::I32WrapI64 => self.unary(un!(I32WrapI64)),
            W::I64ExtendI32S => self.unary(un!(I64ExtendI32S)),
            W::I64ExtendI32U => self.unary(un!(I64ExtendI32U)),
            W::I32TruncF32S => self.unary(un!(I32TruncF32S)),
            W::I32TruncF32U => self.unary(un!(I32TruncF32U)),
            W::I32TruncF64S => self.unary(un!(I32TruncF64S)),
            W::I32TruncF64U => self.unary(un!(I32TruncF64U)),
            W::I64TruncF32S => self.unary(un!(I64TruncF32S)),
            W::I64TruncF32U => self.unary(un!(I64TruncF32U)),
            W::I64TruncF64S => self.unary(un!(I64TruncF64S)),
            W::I64TruncF64U => self.unary(un!(I64TruncF64U)),
            W::I32TruncSatF32S => self.unary(un!(I32TruncSatF32S)),
            W::I32TruncSatF32U => self.unary(un!(I32TruncSatF32U)),
            W::I32TruncSatF64S => self.unary(un!(I32TruncSatF64S)),
            W::I32TruncSatF64U => self.unary(un!(I32TruncSatF64U)),
            W::I64TruncSatF32S => self.unary(un!(I64TruncSatF32S)),
            W::I64TruncSatF32U => self.unary(un!(I64TruncSatF32U)),
            W::I64TruncSatF64S => self.unary(un!(I64TruncSatF64S)),
            W::I64TruncSatF64U => self.unary(un!(I64TruncSatF64U)),
            W::F32ConvertI32S => self.unary(un!(F32ConvertI32S)),
            W::F32ConvertI32U => self.unary(un!(F32ConvertI32U)),
            W::F32ConvertI64S => self.unary(un!(F32ConvertI64S)),
            W::F32ConvertI64U => self.unary(un!(F32ConvertI64U)),
            W::F64ConvertI32S => self.unary(un!(F64ConvertI32S)),
            W::F64ConvertI32U => self.unary(un!(F64ConvertI32U)),
            W::F64ConvertI64S => self.unary(un!(F64ConvertI64S)),
            W::F64ConvertI64U => self.unary(un!(F64ConvertI64U)),
            W::F32DemoteF64 => self.float(false, |t| t.unary(un!(F32DemoteF64))),
            W::F64PromoteF32 => self.float(true, |t| t.unary(un!(F64PromoteF32))),
            // Reinterpretations are free: f32/i32 share the zero-extended cell encoding.
            W::I32ReinterpretF32
            | W::F32ReinterpretI32
            | W::I64ReinterpretF64
            | W::F64ReinterpretI64 => {}
            ref other => return self.op_gc(m, other),
        }
        Ok(())
    }
}

/// The offset of a 32-bit memory access (validation keeps it below 2^32).
pub(super) fn offset32(memarg: &wasmparser::MemArg) -> Result<u32> {
    u32::try_from(memarg.offset).map_err(|_| unsupported("a memory offset of 2^32 or more"))
}
