//! Linear memory: loads and stores (plain, indexed, fused with an add or an
//! arithmetic op), `memory.size`/`grow`, and the bulk memory ops.
//!
//! A family of the op list: its entries are appended to those of the
//! families before it and handed to the next (`ir::list`), so `define_ops!`
//! sees one list. Attributes in brackets are documented at `ir::attr`.

macro_rules! ops {
    ([$($rest:ident),*] $($acc:tt)*) => {
        $crate::ir::list::next! { [$($rest),*] $($acc)*
            // ---- memory (memory 0 unless `mem` says otherwise); address = addr + offset ----
            /// i32.load
            I32Load { dst: Slot, addr: Slot, offset: u32, add: i32 } [acc_i32],
            /// i64.load
            I64Load { dst: Slot, addr: Slot, offset: u32, add: i32 },
            /// i32.load or f32.load from an indexed address, `(a << shift) + add`
            /// (wrapping; `shift` < 32), plus `offset`: a fused `I32ShlAddImm`.
            Load32Idx { dst: Slot, a: Slot, shift: u16, offset: u32, add: i32 } [acc_i32],
            /// i64.load or f64.load from an indexed address (as [`Op::Load32Idx`]).
            Load64Idx { dst: Slot, a: Slot, shift: u16, offset: u32, add: i32 } [acc_i32],
            /// i32.load, f32.load or i64.load32_u at `(a << shift) + b` (wrapping;
            /// `shift` < 32) plus `offset`: a fused `I32Add` or `I32ShlAdd`.
            Load32Sum { dst: Slot, a: Slot, b: Slot, shift: u16, offset: u32 } [acc_i32],
            /// i64.load or f64.load at a sum (as [`Op::Load32Sum`]).
            Load64Sum { dst: Slot, a: Slot, b: Slot, shift: u16, offset: u32 } [acc_i32],
            /// i32.load8_u or i64.load8_u at a sum (as [`Op::Load32Sum`]).
            Load8USum { dst: Slot, a: Slot, b: Slot, shift: u16, offset: u32 } [acc_i32],
            /// i32.load8_s at a sum (as [`Op::Load32Sum`]).
            Load8SSum { dst: Slot, a: Slot, b: Slot, shift: u16, offset: u32 } [acc_i32],
            /// i32.load16_u or i64.load16_u at a sum (as [`Op::Load32Sum`]).
            Load16USum { dst: Slot, a: Slot, b: Slot, shift: u16, offset: u32 } [acc_i32],
            /// i32.load16_s at a sum (as [`Op::Load32Sum`]).
            Load16SSum { dst: Slot, a: Slot, b: Slot, shift: u16, offset: u32 } [acc_i32],
            /// `dst = f64.load(addr) + b`: a fused load and add.
            F64LoadAdd { dst: Slot, addr: Slot, b: Slot, offset: u32, add: i32 },
            /// `dst = f64.load(addr) - b`: a fused load and subtract.
            F64LoadSub { dst: Slot, addr: Slot, b: Slot, offset: u32, add: i32 },
            /// `dst = f64.load(addr) * b`: a fused load and multiply.
            F64LoadMul { dst: Slot, addr: Slot, b: Slot, offset: u32, add: i32 },
            /// `dst = i32.load(addr) + b`: a fused load and add.
            I32LoadAdd { dst: Slot, addr: Slot, b: Slot, offset: u32, add: i32 } [acc_i32],
            /// `dst = i32.load8_u(addr) + b`: a fused load and add.
            I32Load8UAdd { dst: Slot, addr: Slot, b: Slot, offset: u32, add: i32 } [acc_i32],
            /// f32.load
            F32Load { dst: Slot, addr: Slot, offset: u32, add: i32 },
            /// f64.load
            F64Load { dst: Slot, addr: Slot, offset: u32, add: i32 },
            /// i32.load8_s
            I32Load8S { dst: Slot, addr: Slot, offset: u32, add: i32 } [acc_i32],
            /// i32.load8_u
            I32Load8U { dst: Slot, addr: Slot, offset: u32, add: i32 } [acc_i32],
            /// i32.load16_s
            I32Load16S { dst: Slot, addr: Slot, offset: u32, add: i32 } [acc_i32],
            /// i32.load16_u
            I32Load16U { dst: Slot, addr: Slot, offset: u32, add: i32 } [acc_i32],
            /// i64.load8_s
            I64Load8S { dst: Slot, addr: Slot, offset: u32, add: i32 },
            /// i64.load8_u
            I64Load8U { dst: Slot, addr: Slot, offset: u32, add: i32 },
            /// i64.load16_s
            I64Load16S { dst: Slot, addr: Slot, offset: u32, add: i32 },
            /// i64.load16_u
            I64Load16U { dst: Slot, addr: Slot, offset: u32, add: i32 },
            /// i64.load32_s
            I64Load32S { dst: Slot, addr: Slot, offset: u32, add: i32 },
            /// i64.load32_u
            I64Load32U { dst: Slot, addr: Slot, offset: u32, add: i32 },
            /// i32.store / f32.store
            Store32 { src: Slot, addr: Slot, offset: u32, add: i32 } [acc_i32],
            /// i64.store / f64.store
            Store64 { src: Slot, addr: Slot, offset: u32, add: i32 },
            /// `i32.load`, `i32.add` of a constant and `i32.store` back to the same
            /// address (`p->count += imm`), fused: one bounds check.
            I32AddImmMem { addr: Slot, offset: u32, add: i32, imm: i32 } [acc_i32],
            /// i32.store8 / i64.store8
            Store8 { src: Slot, addr: Slot, offset: u32, add: i32 } [acc_i32],
            /// i32.store16 / i64.store16
            Store16 { src: Slot, addr: Slot, offset: u32, add: i32 } [acc_i32],
            /// memory.size
            MemorySize { dst: Slot, mem: u32 },
            /// memory.grow: `dst = old size in pages, or -1`
            MemoryGrow { dst: Slot, delta: Slot, mem: u32 },
            /// memory.fill(d, v, n)
            MemoryFill { d: Slot, v: Slot, n: Slot, mem: u32 },
            /// memory.copy(d, s, n) from `src_mem` to `dst_mem`
            MemoryCopy { d: Slot, s: Slot, n: Slot, dst_mem: u32, src_mem: u32 },
            /// memory.init(d, s, n) from data segment `data`
            MemoryInit { d: Slot, s: Slot, n: Slot, mem: u32, data: u32 },
            /// data.drop
            DataDrop { data: u32 },
        }
    };
}
pub(crate) use ops;
