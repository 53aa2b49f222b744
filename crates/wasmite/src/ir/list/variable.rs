//! Moves, constants, `select`, globals, function references, and the NaN
//! canonicalisation ops.
//!
//! A family of the op list: its entries are appended to those of the
//! families before it and handed to the next (`ir::list`), so `define_ops!`
//! sees one list. Attributes in brackets are documented at `ir::attr`.

macro_rules! ops {
    ([$($rest:ident),*] $($acc:tt)*) => {
        $crate::ir::list::next! { [$($rest),*] $($acc)*
            // ---- NaN canonicalisation (emitted only when configured) ----
            /// `dst = src` as f32, with any NaN replaced by the canonical NaN.
            CanonF32 { dst: Slot, src: Slot },
            /// `dst = src` as f64, with any NaN replaced by the canonical NaN.
            CanonF64 { dst: Slot, src: Slot },

            // ---- moves, constants, select, globals, references ----
            /// `dst = src`
            Copy { dst: Slot, src: Slot } [keep_acc],
            /// `dst = val` (zero-extended)
            Const32 { dst: Slot, val: u32 } [keep_acc],
            /// `to = from; to2 = from2` (in that order): two fused `Copy`s (argument
            /// set-up). No `dst` field: never retargeted, never takes the accumulator.
            Copy2 { to: Slot, from: Slot, to2: Slot, from2: Slot } [no_acc],
            /// `to = from; to2 = val2`: a fused `Copy` and `Const32`.
            CopyConst { to: Slot, from: Slot, to2: Slot, val2: u32 } [no_acc],
            /// `to = val; to2 = from2`: a fused `Const32` and `Copy`.
            ConstCopy { to: Slot, val: u32, to2: Slot, from2: Slot } [no_acc],
            /// `to = val; to2 = val2`: two fused `Const32`s.
            Const2 { to: Slot, val: u32, to2: Slot, val2: u32 } [no_acc],
            /// `dst = val`
            Const64 { dst: Slot, val: u64 } [keep_acc],
            /// `dst = if cond != 0 { a } else { b }`
            Select { dst: Slot, cond: Slot, a: Slot, b: Slot } [acc_i32],
            /// `dst = global`
            GlobalGet { dst: Slot, global: u32 },
            /// `global = src`
            GlobalSet { src: Slot, global: u32 },
            /// `dst = ref.func func`
            RefFunc { dst: Slot, func: u32 },
            /// `ref.as_non_null`: trap if `src` is the null reference (the value
            /// stays where it is).
            RefAsNonNull { src: Slot },
        }
    };
}
pub(crate) use ops;
