//! GC operators → IR ops: structs, arrays, `i31`, casts, `ref.eq` and the
//! `any`/`extern` conversions (which emit nothing: both hierarchies share
//! the cell encoding, `runtime/gc.rs`).

use wasmparser as wp;
use wasmparser::Operator as W;

use super::{ModuleEnv, Translator, unsupported};
use crate::error::Result;
use crate::ir::{Op, Slot, cast, gc_kind};
use crate::runtime::{Layout, Storage};

/// A cast's target as `(ht, flags)` (see `ir::cast`).
pub(super) fn cast_target(r: wp::RefType) -> (u32, u8) {
    let nullable = if r.is_nullable() { cast::NULLABLE } else { 0 };
    use wp::AbstractHeapType as A;
    match r.heap_type() {
        wp::HeapType::Concrete(i) | wp::HeapType::Exact(i) => {
            (i.as_module_index().unwrap_or(0), nullable | cast::CONCRETE)
        }
        wp::HeapType::Abstract { ty, .. } => {
            let ht = match ty {
                A::Any => cast::ANY,
                A::Eq => cast::EQ,
                A::I31 => cast::I31,
                A::Struct => cast::STRUCT,
                A::Array => cast::ARRAY,
                A::None | A::NoFunc | A::NoExtern | A::NoExn | A::NoCont => cast::BOTTOM,
                _ => cast::TOP,
            };
            (ht, nullable)
        }
    }
}

/// The element kind (`ir::gc_kind`) of a read of storage `st`, sign-extending
/// a packed one if `signed`.
fn kind_of(st: Storage, signed: bool) -> u8 {
    match (st, signed) {
        (Storage::I8, false) => gc_kind::U8,
        (Storage::I8, true) => gc_kind::S8,
        (Storage::I16, false) => gc_kind::U16,
        (Storage::I16, true) => gc_kind::S16,
        (Storage::I32, _) => gc_kind::I32,
        (Storage::V128, _) => gc_kind::V128,
        _ => gc_kind::I64,
    }
}

impl Translator {
    /// The GC operators; others go on to the SIMD table or are unsupported.
    pub(super) fn op_gc(&mut self, m: &ModuleEnv<'_>, op: &W<'_>) -> Result<()> {
        match *op {
            W::StructNew { struct_type_index: ty } => {
                let fields = match &m.layouts[ty as usize] {
                    Some(Layout::Struct { fields, .. }) => fields.clone(),
                    _ => return Err(unsupported("struct.new of a non-struct type")),
                };
                if fields.iter().any(|f| f.0 == Storage::V128) {
                    self.need_simd()?;
                }
                let base = self.args(fields.len());
                let dst = self.push_temp();
                self.emit_result(Op::StructNew { dst, base, ty });
            }
            W::StructNewDefault { struct_type_index: ty } => {
                let dst = self.push_temp();
                self.emit_result(Op::StructNewDefault { dst, ty });
            }
            W::StructGet { struct_type_index: ty, field_index: f } => {
                self.struct_get(m, ty, f, false)?
            }
            W::StructGetS { struct_type_index: ty, field_index: f } => {
                self.struct_get(m, ty, f, true)?
            }
            W::StructGetU { struct_type_index: ty, field_index: f } => {
                self.struct_get(m, ty, f, false)?
            }
            W::StructSet { struct_type_index: ty, field_index: f } => {
                let (st, off) = field(m, ty, f)?;
                if st == Storage::V128 {
                    self.need_simd()?;
                }
                let src = self.pop_slot();
                let obj = self.pop_slot();
                self.emit(match st {
                    Storage::I8 => Op::StructSet8 { obj, src, off },
                    Storage::I16 => Op::StructSet16 { obj, src, off },
                    Storage::I32 => Op::StructSet32 { obj, src, off },
                    Storage::V128 => Op::StructSetV { obj, vs: src, off },
                    _ => Op::StructSet { obj, src, off },
                });
            }
            W::ArrayNew { array_type_index: ty } => {
                if elem(m, ty)? == Storage::V128 {
                    self.need_simd()?;
                }
                let len = self.pop_slot();
                let init = self.pop_slot();
                let dst = self.push_temp();
                self.emit_result(Op::ArrayNew { dst, init, len, ty });
            }
            W::ArrayNewDefault { array_type_index: ty } => {
                let len = self.pop_slot();
                let dst = self.push_temp();
                self.emit_result(Op::ArrayNewDefault { dst, len, ty });
            }
            W::ArrayNewFixed { array_type_index: ty, array_size: n } => {
                if elem(m, ty)? == Storage::V128 {
                    self.need_simd()?;
                }
                let base = self.args(n as usize);
                let dst = self.push_temp();
                self.emit_result(Op::ArrayNewFixed { dst, base, n, ty });
            }
            W::ArrayNewData { array_type_index: ty, array_data_index: data } => {
                let n = self.pop_slot();
                let s = self.pop_slot();
                let dst = self.push_temp();
                self.emit_result(Op::ArrayNewData { dst, s, n, ty, data });
            }
            W::ArrayNewElem { array_type_index: ty, array_elem_index: elem } => {
                let n = self.pop_slot();
                let s = self.pop_slot();
                let dst = self.push_temp();
                self.emit_result(Op::ArrayNewElem { dst, s, n, ty, elem });
            }
            W::ArrayGet { array_type_index: ty } => self.array_get(m, ty, false)?,
            W::ArrayGetS { array_type_index: ty } => self.array_get(m, ty, true)?,
            W::ArrayGetU { array_type_index: ty } => self.array_get(m, ty, false)?,
            W::ArraySet { array_type_index: ty } => {
                let st = elem(m, ty)?;
                if st == Storage::V128 {
                    self.need_simd()?;
                }
                let src = self.pop_slot();
                let idx = self.pop_slot();
                let arr = self.pop_slot();
                self.emit(if st == Storage::V128 {
                    Op::ArraySetV { arr, idx, vs: src }
                } else {
                    Op::ArraySet { arr, idx, src, kind: kind_of(st, false) }
                });
            }
            W::ArrayLen => {
                let arr = self.pop_slot();
                let dst = self.push_temp();
                self.emit_result(Op::ArrayLen { dst, arr });
            }
            W::ArrayFill { array_type_index: ty } => {
                let st = elem(m, ty)?;
                if st == Storage::V128 {
                    self.need_simd()?;
                }
                let n = self.pop_slot();
                let v = self.pop_slot();
                let d = self.pop_slot();
                let arr = self.pop_slot();
                self.emit(Op::ArrayFill { arr, d, v, n, kind: kind_of(st, false) });
            }
            W::ArrayCopy { array_type_index_dst: ty, .. } => {
                let size = elem(m, ty)?.size() as u8;
                let n = self.pop_slot();
                let s = self.pop_slot();
                let sa = self.pop_slot();
                let d = self.pop_slot();
                let da = self.pop_slot();
                self.emit(Op::ArrayCopy { da, d, sa, s, n, size });
            }
            W::ArrayInitData { array_type_index: ty, array_data_index: data } => {
                let size = elem(m, ty)?.size() as u8;
                let n = self.pop_slot();
                let s = self.pop_slot();
                let d = self.pop_slot();
                let arr = self.pop_slot();
                self.emit(Op::ArrayInitData { arr, d, s, n, data, size });
            }
            W::ArrayInitElem { array_elem_index: elem, .. } => {
                let n = self.pop_slot();
                let s = self.pop_slot();
                let d = self.pop_slot();
                let arr = self.pop_slot();
                self.emit(Op::ArrayInitElem { arr, d, s, n, elem });
            }
            W::RefI31 | W::I31GetS | W::I31GetU => {
                let src = self.pop_slot();
                let dst = self.push_temp();
                self.emit_result(match op {
                    W::RefI31 => Op::RefI31 { dst, src },
                    W::I31GetS => Op::I31GetS { dst, src },
                    _ => Op::I31GetU { dst, src },
                });
            }
            W::RefEq => {
                let b = self.pop_slot();
                let a = self.pop_slot();
                let dst = self.push_temp();
                self.emit_result(Op::I64Eq { dst, a, b });
            }
            W::AnyConvertExtern | W::ExternConvertAny => {}
            W::RefTestNonNull { hty } | W::RefTestNullable { hty } => {
                let nullable = matches!(op, W::RefTestNullable { .. });
                let (ht, flags) = cast_target(ref_type(nullable, hty)?);
                let src = self.pop_slot();
                let dst = self.push_temp();
                self.emit_result(Op::RefTest { dst, src, ht, flags });
            }
            W::RefCastNonNull { hty } | W::RefCastNullable { hty } => {
                let nullable = matches!(op, W::RefCastNullable { .. });
                let (ht, flags) = cast_target(ref_type(nullable, hty)?);
                let (o, pos) = self.pop();
                let src = self.slot(o, pos);
                // (Pushed back first: the value is not the op's to take
                // from the accumulator.)
                self.push(o);
                self.emit(Op::RefCast { src, ht, flags });
            }
            W::BrOnCast { relative_depth, to_ref_type, .. } => {
                self.br_on_cast(relative_depth, to_ref_type, false)
            }
            W::BrOnCastFail { relative_depth, to_ref_type, .. } => {
                self.br_on_cast(relative_depth, to_ref_type, true)
            }
            ref other if self.simd => return self.op_simd(m, other),
            ref other => return Err(unsupported(alloc::format!("operator {other:?}"))),
        }
        Ok(())
    }

    /// Put the top `n` operands in consecutive temps; the first one's slot.
    fn args(&mut self, n: usize) -> Slot {
        let h = self.stack.len();
        for pos in h - n..h {
            self.materialize(pos);
        }
        let base = self.temp(h - n);
        for _ in 0..n {
            self.pop();
        }
        base
    }

    fn struct_get(&mut self, m: &ModuleEnv<'_>, ty: u32, f: u32, signed: bool) -> Result<()> {
        let (st, off) = field(m, ty, f)?;
        if st == Storage::V128 {
            self.need_simd()?;
        }
        let obj = self.pop_slot();
        let dst = self.push_temp();
        if st == Storage::V128 {
            self.emit(Op::StructGetV { vd: dst, obj, off });
            return Ok(());
        }
        self.emit_result(match (st, signed) {
            (Storage::I8, true) => Op::StructGetI8S { dst, obj, off },
            (Storage::I8, false) => Op::StructGetI8U { dst, obj, off },
            (Storage::I16, true) => Op::StructGetI16S { dst, obj, off },
            (Storage::I16, false) => Op::StructGetI16U { dst, obj, off },
            (Storage::I32, _) => Op::StructGet32 { dst, obj, off },
            _ => Op::StructGet { dst, obj, off },
        });
        Ok(())
    }

    fn array_get(&mut self, m: &ModuleEnv<'_>, ty: u32, signed: bool) -> Result<()> {
        let st = elem(m, ty)?;
        if st == Storage::V128 {
            self.need_simd()?;
        }
        let idx = self.pop_slot();
        let arr = self.pop_slot();
        let dst = self.push_temp();
        if st == Storage::V128 {
            self.emit(Op::ArrayGetV { vd: dst, arr, idx });
        } else {
            self.emit_result(Op::ArrayGet { dst, arr, idx, kind: kind_of(st, signed) });
        }
        Ok(())
    }

    /// `br_on_cast` (`fail`: `br_on_cast_fail`): branch with the reference
    /// if it is (is not) of type `to`; the reference stays in its slot.
    fn br_on_cast(&mut self, depth: u32, to: wp::RefType, fail: bool) {
        let (ht, mut flags) = cast_target(to);
        let (o, pos) = self.pop();
        let src = self.slot(o, pos);
        self.push(o);
        // Whether to branch goes to the temp above the stack.
        let t = self.push_temp();
        self.pop();
        if fail {
            flags |= cast::NEGATE;
        }
        self.emit(Op::RefTest { dst: t, src, ht, flags });
        if self.branch_is_plain(depth) {
            let p = self.emit(Op::BrI64NeImm { a: t, imm: 0, target: 0 });
            self.aim(p, depth);
        } else {
            let skip = self.emit(Op::BrI64EqImm { a: t, imm: 0, target: 0 });
            self.emit_branch(depth);
            self.bind(&[skip]);
        }
    }
}

/// The storage and byte offset of field `f` of struct type `ty`.
fn field(m: &ModuleEnv<'_>, ty: u32, f: u32) -> Result<(Storage, u32)> {
    match &m.layouts[ty as usize] {
        Some(Layout::Struct { fields, .. }) => {
            fields.get(f as usize).copied().ok_or_else(|| unsupported("no such field"))
        }
        _ => Err(unsupported("a field of a non-struct type")),
    }
}

/// The element storage of array type `ty`.
fn elem(m: &ModuleEnv<'_>, ty: u32) -> Result<Storage> {
    match &m.layouts[ty as usize] {
        Some(Layout::Array { elem }) => Ok(*elem),
        _ => Err(unsupported("an element of a non-array type")),
    }
}

fn ref_type(nullable: bool, hty: wp::HeapType) -> Result<wp::RefType> {
    wp::RefType::new(nullable, hty).ok_or_else(|| unsupported("reference type"))
}
