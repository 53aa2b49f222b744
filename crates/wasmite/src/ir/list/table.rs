//! Tables: `table.get`/`set`/`size`/`grow` and the bulk table ops.
//!
//! A family of the op list: its entries are appended to those of the
//! families before it and handed to the next (`ir::list`), so `define_ops!`
//! sees one list. Attributes in brackets are documented at `ir::attr`.

macro_rules! ops {
    ([$($rest:ident),*] $($acc:tt)*) => {
        $crate::ir::list::next! { [$($rest),*] $($acc)*
            // ---- tables ----
            /// `dst = table[index]`
            TableGet { dst: Slot, index: Slot, table: u32 },
            /// `table[index] = src`
            TableSet { index: Slot, src: Slot, table: u32 },
            /// table.size
            TableSize { dst: Slot, table: u32 },
            /// table.grow: `dst = old size, or -1`
            TableGrow { dst: Slot, init: Slot, delta: Slot, table: u32 },
            /// table.fill(d, v, n)
            TableFill { d: Slot, v: Slot, n: Slot, table: u32 },
            /// table.copy(d, s, n)
            TableCopy { d: Slot, s: Slot, n: Slot, dst_table: u32, src_table: u32 },
            /// table.init(d, s, n) from element segment `elem`
            TableInit { d: Slot, s: Slot, n: Slot, table: u32, elem: u32 },
            /// elem.drop
            ElemDrop { elem: u32 },
        }
    };
}
pub(crate) use ops;
