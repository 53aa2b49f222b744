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

            // ---- any memory, any index width (multi-memory, memory64) ----
            /// A load from memory `mem` at `addr + offset` (no wrapping: past
            /// the end is out of bounds), of the width and conversion `kind`
            /// gives ([`mem_kind`](crate::ir::mem_kind)), with a 32- or 64-bit
            /// address. Memory 0 with a 32-bit address and offset uses the
            /// ops above instead.
            LoadX { dst: Slot, addr: Slot, mem: u16, kind: u16, offset: u32 } [no_acc],
            /// A store of `src` to memory `mem` (as [`Op::LoadX`]).
            StoreX { src: Slot, addr: Slot, mem: u16, kind: u16, offset: u32 } [no_acc],
            /// `dst = a + imm` as an address: traps when the sum overflows 64
            /// bits (an address past 2^64 is out of bounds). The part of a
            /// memory64 offset above 32 bits.
            AddOffset64 { dst: Slot, a: Slot, imm: u64 } [no_acc],
            /// `dst = min(src, u32::MAX)`: a table64 index or length clamped to
            /// 32 bits (a table64 holds fewer than 2^32 - 1 elements, so the
            /// clamped value is out of bounds exactly when the original is).
            ClampU32 { dst: Slot, src: Slot } [no_acc],
        }
    };
}
pub(crate) use ops;
