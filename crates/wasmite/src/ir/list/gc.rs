//! GC ops: structs, arrays, `i31` and casts (`runtime/gc.rs` holds the
//! objects).
//!
//! A family of the op list (see `ir::list`). A struct field is addressed by
//! its byte offset in the object (`off`, from the type's layout, the same
//! in every subtype); an op that allocates names its type by the module's
//! type index (`ty`, made canonical through the instance) and is `no_acc`:
//! it may stop the run to collect first and be run again, so its operands
//! must be in slots (where the collector sees them). An array element's
//! `kind` is a `gc_kind` constant.

macro_rules! ops {
    ([$($rest:ident),*] $($acc:tt)*) => {
        $crate::ir::list::next! { [$($rest),*] $($acc)*
            // ---- structs ----
            /// struct.new: the fields from `base..`.
            StructNew { dst: Slot, base: Slot, ty: u32 } [no_acc],
            /// struct.new_default
            StructNewDefault { dst: Slot, ty: u32 } [no_acc],
            /// struct.get of an 8-byte field (i64, f64, reference).
            StructGet { dst: Slot, obj: Slot, off: u32 },
            /// struct.get of a 4-byte field (i32, f32).
            StructGet32 { dst: Slot, obj: Slot, off: u32 },
            /// struct.get_s of an i8 field.
            StructGetI8S { dst: Slot, obj: Slot, off: u32 },
            /// struct.get_u of an i8 field.
            StructGetI8U { dst: Slot, obj: Slot, off: u32 },
            /// struct.get_s of an i16 field.
            StructGetI16S { dst: Slot, obj: Slot, off: u32 },
            /// struct.get_u of an i16 field.
            StructGetI16U { dst: Slot, obj: Slot, off: u32 },
            /// struct.get of a v128 field.
            StructGetV { vd: VSlot, obj: Slot, off: u32 } [no_acc],
            /// struct.set of an 8-byte field.
            StructSet { obj: Slot, src: Slot, off: u32 },
            /// struct.set of a 4-byte field.
            StructSet32 { obj: Slot, src: Slot, off: u32 },
            /// struct.set of an i8 field.
            StructSet8 { obj: Slot, src: Slot, off: u32 },
            /// struct.set of an i16 field.
            StructSet16 { obj: Slot, src: Slot, off: u32 },
            /// struct.set of a v128 field.
            StructSetV { obj: Slot, vs: VSlot, off: u32 } [no_acc],

            // ---- arrays ----
            /// array.new: `len` elements, each `init` (of a v128 array,
            /// from the v128 file).
            ArrayNew { dst: Slot, init: Slot, len: Slot, ty: u32 } [no_acc],
            /// array.new_default
            ArrayNewDefault { dst: Slot, len: Slot, ty: u32 } [no_acc],
            /// array.new_fixed: `n` elements from `base..`.
            ArrayNewFixed { dst: Slot, base: Slot, n: u32, ty: u32 } [no_acc],
            /// array.new_data: `n` elements from byte `s` of data segment `data`.
            ArrayNewData { dst: Slot, s: Slot, n: Slot, ty: u32, data: u32 } [no_acc],
            /// array.new_elem: `n` elements from item `s` of element segment `elem`.
            ArrayNewElem { dst: Slot, s: Slot, n: Slot, ty: u32, elem: u32 } [no_acc],
            /// array.get (`_s`, `_u`) of a scalar or reference element.
            ArrayGet { dst: Slot, arr: Slot, idx: Slot, kind: u8 },
            /// array.get of a v128 element.
            ArrayGetV { vd: VSlot, arr: Slot, idx: Slot } [no_acc],
            /// array.set of a scalar or reference element.
            ArraySet { arr: Slot, idx: Slot, src: Slot, kind: u8 },
            /// array.set of a v128 element.
            ArraySetV { arr: Slot, idx: Slot, vs: VSlot } [no_acc],
            /// array.len
            ArrayLen { dst: Slot, arr: Slot },
            /// array.fill(arr, d, v, n) (of a v128 array, `v` from the v128 file).
            ArrayFill { arr: Slot, d: Slot, v: Slot, n: Slot, kind: u8 } [no_acc],
            /// array.copy(da, d, sa, s, n) of elements of `size` bytes.
            ArrayCopy { da: Slot, d: Slot, sa: Slot, s: Slot, n: Slot, size: u8 },
            /// array.init_data(arr, d, s, n) of elements of `size` bytes.
            ArrayInitData { arr: Slot, d: Slot, s: Slot, n: Slot, data: u32, size: u8 },
            /// array.init_elem(arr, d, s, n)
            ArrayInitElem { arr: Slot, d: Slot, s: Slot, n: Slot, elem: u32 },

            // ---- i31 and casts ----
            /// ref.i31
            RefI31 { dst: Slot, src: Slot } [acc_i32],
            /// i31.get_s
            I31GetS { dst: Slot, src: Slot },
            /// i31.get_u
            I31GetU { dst: Slot, src: Slot },
            /// ref.test: `dst = src` is of heap type `ht` (a `cast` flags
            /// and heap type encoding, see `exec::ops::gc`).
            RefTest { dst: Slot, src: Slot, ht: u32, flags: u8 },
            /// ref.cast: trap unless `src` is of heap type `ht` (the value
            /// stays where it is).
            RefCast { src: Slot, ht: u32, flags: u8 },
        }
    };
}
pub(crate) use ops;
