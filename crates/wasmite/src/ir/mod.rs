//! The register IR: the one list of ops every backend executes.
//!
//! Naming convention (see `define_ops!` below):
//! - operands are frame **slots** (`Slot`, relative to the frame base); a frame
//!   is `[params | locals | temps]`, temp `k` being operand-stack height `k`;
//! - `dst` is always the slot an op writes its (single) result to: only
//!   result-producing ops have a field named `dst` (the translator retargets it
//!   to fold a following `local.set`);
//! - a name ending in `Imm` takes its right operand as an immediate `imm`;
//! - `target` is an absolute op index in the same function (resolved at
//!   translation); fused `Br<Cmp>` ops compare and branch in one op;
//! - `func`, `global`, `table`, `mem`, `elem`, `data`, `ty` are module-level
//!   indices, mapped through the running instance.
//!
//! The list itself is in `list/`, one file per family of ops (control,
//! variables, memory, tables, numeric), chained into the one `define_ops!`
//! expansion here. An entry may carry attributes in brackets
//! (`Br { target: u32 } [control]`): the properties the translator and the
//! backends ask about (`props.rs`: [`attr`]) come from them, never from an
//! op's name.
//!
//! The enum is pinned to 16 bytes by a unit test: a bigger op is a slower op.

use crate::error::TrapCode;
use core::fmt;

mod gc_imm;
mod list;
pub(crate) use gc_imm::{cast, gc_kind};
pub(crate) mod mem_kind;
mod props;

pub(crate) use props::attr;

/// A frame-relative value slot.
pub type Slot = u16;

/// A frame-relative slot of the `v128` register file (the shadow file of
/// 16-byte slots under the same numbers as the `u64` one). A distinct name
/// for the op-list macros: a `VSlot` operand is never the accumulator's.
pub type VSlot = u16;

macro_rules! define_ops {
    ($(
        $(#[doc = $doc:literal])* $name:ident { $($f:ident : $t:ident),* $(,)? }
        $([$($attr:ident),*])?
    ),* $(,)?) => {
        /// One instruction of the register IR.
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub enum Op {
            $( $(#[doc = $doc])* $name { $( #[allow(missing_docs)] $f: $t ),* } ),*
        }

        /// Op numbers: the tag of the flat encoding.
        #[allow(dead_code)]
        #[repr(u16)]
        enum OpCode { $( $name ),* }

        /// The tag of each op in the flat encoding, as a constant (for patterns).
        #[allow(non_upper_case_globals, dead_code)]
        mod tag {
            $( pub(super) const $name: u16 = super::OpCode::$name as u16; )*
        }

        /// Readers of the flat encoding: `flat::Name(raw)` is op `Name`'s fields,
        /// in declaration order, read from fixed offsets (no tag check).
        #[allow(non_snake_case, dead_code, unused_variables, unused_parens, clippy::unused_unit)]
        pub(crate) mod flat {
            use super::*;
            $(
                const _: () = assert!(2 $( + <$t as Field>::SIZE )* <= FLAT_BYTES);
                #[inline(always)]
                pub(crate) fn $name(raw: &Flat) -> ($($t,)*) {
                    let at = 2;
                    $(
                        let $f = <$t as Field>::get(raw, at);
                        let at = at + <$t as Field>::SIZE;
                    )*
                    ($($f,)*)
                }
            )*
        }

        impl Op {
            /// The flat encoding of the op.
            #[cfg(test)]
            pub(crate) fn encode(&self) -> Flat {
                let mut raw = [0; FLAT_BYTES];
                self.encode_into(&mut raw, Renumber::NONE);
                raw
            }

            /// Write the flat encoding of the op to `raw`: its tag, then its
            /// fields packed in declaration order. (Written in place: a
            /// returned `Flat` is assembled by narrow stores and copied by a
            /// wide load, a store forwarding stall per op.)
            /// Slots and targets are renumbered by `map` on the way.
            #[allow(unused_variables)]
            // (Not inlined in debug builds: `thread` inlines it into each of
            // its arms, and unoptimised, their locals took megabytes of stack.)
            #[cfg_attr(not(debug_assertions), inline(always))]
            pub(crate) fn encode_into(&self, raw: &mut Flat, map: Renumber<'_>) {
                *raw = [0; FLAT_BYTES];
                match *self {
                    $( Op::$name { $($f),* } => {
                        raw[..2].copy_from_slice(&tag::$name.to_le_bytes());
                        let at = 2;
                        $(
                            Field::put(renumbered!(map, $f, $f, $t), raw, at);
                            let at = at + <$t as Field>::SIZE;
                        )*
                    } ),*
                }
            }

            /// The op of a flat encoding made by [`Op::encode`].
            pub(crate) fn decode(raw: &Flat) -> Op {
                match u16::from_le_bytes([raw[0], raw[1]]) {
                    $( tag::$name => {
                        let ($($f,)*) = flat::$name(raw);
                        Op::$name { $($f),* }
                    } )*
                    t => unreachable!("flat op with tag {t}"),
                }
            }

            /// One op of each kind, fields zero, in op-code order.
            #[cfg(test)]
            pub(crate) fn every_kind() -> alloc::vec::Vec<Op> {
                alloc::vec![$({
                    let mut raw = [0; FLAT_BYTES];
                    raw[..2].copy_from_slice(&tag::$name.to_le_bytes());
                    Op::decode(&raw)
                }),*]
            }

            /// The op's attributes, as declared in the op list: [`attr`] bits.
            #[inline(always)]
            pub(crate) fn attrs(&self) -> u8 {
                match self { $( Op::$name { .. } => 0 $($(| attr::$attr)*)? ),* }
            }

            /// The op's name, as the disassembler prints it.
            pub fn name(&self) -> &'static str {
                match self { $( Op::$name { .. } => stringify!($name) ),* }
            }

            /// The jump target, for ops that have one (`BrTableAt`'s `at`, the
            /// op index of the table whose entries it uses, counts as one).
            pub(crate) fn target_mut(&mut self) -> Option<&mut u32> {
                $( target_of!(self, $name, $($f)*); )*
                None
            }

            /// The result slot, for ops that write one.
            pub fn dst_mut(&mut self) -> Option<&mut Slot> {
                $( dst_of!(self, $name, $($f)*); )*
                None
            }

            /// The `v128` result slot, for SIMD ops that write one (a first
            /// field named `vd`): the translator retargets it to fold a
            /// following `local.set`.
            pub(crate) fn vd_mut(&mut self) -> Option<&mut VSlot> {
                $( vd_of!(self, $name, $($f)*); )*
                None
            }

            /// The operand an op may take from the accumulator: its first
            /// field after `dst`, if that is a slot and the op is not a control
            /// op (but `BrTable`'s index may).
            #[allow(unused_variables)]
            pub(crate) fn acc_in_mut(&mut self) -> Option<&mut Slot> {
                if let Op::BrTable { index, .. } | Op::BrTableAt { index, .. } = self {
                    return Some(index);
                }
                if !self.may_read_acc() {
                    return None;
                }
                match self {
                    $( Op::$name { $($f),* } => first_slot!($($f : $t),*) ),*
                }
            }

            /// Whether the op reads its accumulator operand ([`Op::acc_in_mut`])
            /// from [`ACC`], and whether it writes its result ([`Op::dst_mut`])
            /// there: the accumulator form of its threaded handler. One match,
            /// which folds away where the op's kind is known.
            #[cfg_attr(not(debug_assertions), inline(always))]
            #[allow(unused_variables)]
            pub(crate) fn acc_use(&self) -> (bool, bool) {
                if let Op::BrTable { index, .. } | Op::BrTableAt { index, .. } = *self {
                    return (index == ACC, false);
                }
                let may_read = self.may_read_acc();
                match *self {
                    $( Op::$name { $($f),* } => {
                        (may_read && acc_in_is!($($f : $t),*), dst_is_acc!($($f),*))
                    } ),*
                }
            }

            /// The translator's accumulator pass on the op about to be
            /// emitted after one that wrote temp `d`, in one `match`: if the
            /// op reads `d` just once, as its accumulator operand
            /// ([`Op::acc_in_mut`]), that operand becomes [`ACC`]. With
            /// `dst_d`, the op must also write its result to `d`. `Swap`: the
            /// one read is another operand (a commutative op may swap them).
            #[allow(unused_variables)]
            pub(crate) fn take_acc_operand(&mut self, d: Slot, dst_d: bool) -> AccOperand {
                let may_read = self.may_read_acc()
                    || matches!(self, Op::BrTable { .. } | Op::BrTableAt { .. });
                match self {
                    $( Op::$name { $($f),* } => {
                        let dst_is_d = dst_is!(d, $($f),*);
                        let reads = 0 $( + slot_is!($t, $f, d) )* - usize::from(dst_is_d);
                        if reads != 1 || (dst_d && !dst_is_d) {
                            return AccOperand::No;
                        }
                        let acc: Option<&mut Slot> =
                            if may_read { first_slot!($($f : $t),*) } else { None };
                        match acc {
                            Some(s) if *s == d => {
                                *s = ACC;
                                AccOperand::Taken
                            }
                            Some(_) => AccOperand::Swap,
                            None => AccOperand::No,
                        }
                    } ),*
                }
            }

            /// The op's operands, for the disassembler.
            pub(crate) fn fmt_operands(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $( Op::$name { $($f),* } => {
                        let mut _first = true;
                        $(
                            if !_first { f.write_str(", ")?; }
                            _first = false;
                            show_field!(f, $f, $t);
                        )*
                        Ok(())
                    } ),*
                }
            }
        }
    };
}

pub(crate) use define_ops;

/// Bytes of an op's flat encoding ([`Op::encode`]): a `u16` tag, then the
/// fields packed without padding.
pub(crate) const FLAT_BYTES: usize = 16;

/// An op in flat encoding.
pub(crate) type Flat = [u8; FLAT_BYTES];

/// A field type of the flat encoding: `SIZE` bytes, little-endian, at any offset.
pub(crate) trait Field: Copy {
    /// Encoded size in bytes.
    const SIZE: usize;
    /// Read the field at byte `at`.
    fn get(raw: &Flat, at: usize) -> Self;
    /// Write the field at byte `at`.
    fn put(self, raw: &mut Flat, at: usize);
}

macro_rules! int_field {
    ($($t:ty),*) => {$(
        impl Field for $t {
            const SIZE: usize = core::mem::size_of::<$t>();
            // One load straight from `raw` (a reference into it, dereferenced):
            // no copy into a local buffer, which would keep a stack slot in
            // some builds and cost the handlers their tail calls (FINDINGS #4).
            #[inline(always)]
            fn get(raw: &Flat, at: usize) -> Self {
                const ZERO: [u8; core::mem::size_of::<$t>()] = [0; core::mem::size_of::<$t>()];
                <$t>::from_le_bytes(*raw[at..].first_chunk().unwrap_or(&ZERO))
            }
            #[inline(always)]
            fn put(self, raw: &mut Flat, at: usize) {
                raw[at..at + Self::SIZE].copy_from_slice(&self.to_le_bytes());
            }
        }
    )*};
}
int_field!(u8, u16, u32, i32, u64, i64);

impl Field for TrapCode {
    const SIZE: usize = 1;
    #[inline(always)]
    fn get(raw: &Flat, at: usize) -> Self {
        TrapCode::ALL.get(raw[at] as usize).copied().unwrap_or(TrapCode::Unreachable)
    }
    fn put(self, raw: &mut Flat, at: usize) {
        raw[at] = self.index();
    }
}

/// `Some(field)` for the first field after `dst` if it is a slot, else `None`.
macro_rules! first_slot {
    () => { None };
    (dst : Slot $(, $f:ident : $t:ident)*) => { first_slot!($($f : $t),*) };
    ($f:ident : Slot $(, $rf:ident : $rt:ident)*) => { Some($f) };
    ($f:ident : $t:ident $(, $rf:ident : $rt:ident)*) => { None };
}

/// Whether the operand [`first_slot!`] names is [`ACC`].
macro_rules! acc_in_is {
    () => { false };
    (dst : Slot $(, $f:ident : $t:ident)*) => { acc_in_is!($($f : $t),*) };
    ($f:ident : Slot $(, $rf:ident : $rt:ident)*) => { $f == ACC };
    ($f:ident : $t:ident $(, $rf:ident : $rt:ident)*) => { false };
}

/// Whether the op's `dst` (its first field, if so named) is [`ACC`].
macro_rules! dst_is_acc {
    () => { false };
    ($first:ident $(, $rest:ident)*) => { dst_is_acc!(@check $first, $first) };
    (@check dst, $d:ident) => { $d == ACC };
    (@check $other:ident, $d:ident) => { false };
}

/// Whether the op's `dst` (its first field, if so named; a reference) is `$d`.
macro_rules! dst_is {
    ($d:ident,) => { false };
    ($d:ident, $first:ident $(, $rest:ident)*) => { dst_is!(@check $d, $first, $first) };
    (@check $d:ident, dst, $v:ident) => { *$v == $d };
    (@check $d:ident, $other:ident, $v:ident) => { false };
}

/// 1 if field `$x` (a reference) is a slot equal to `$d`, else 0.
macro_rules! slot_is {
    (Slot, $x:ident, $d:ident) => {
        usize::from(*$x == $d)
    };
    ($other:ident, $x:ident, $d:ident) => {
        0
    };
}

macro_rules! target_of {
    ($self:ident, $name:ident,) => {};
    ($self:ident, $name:ident, target $($rest:ident)*) => {
        if let Op::$name { target, .. } = $self {
            return Some(target);
        }
    };
    ($self:ident, $name:ident, at $($rest:ident)*) => {
        if let Op::$name { at, .. } = $self {
            return Some(at);
        }
    };
    ($self:ident, $name:ident, $f:ident $($rest:ident)*) => {
        target_of!($self, $name, $($rest)*)
    };
}

/// Field `$f` (value `$v`, of type `$t`) as [`Renumber`] `$map` renumbers it.
macro_rules! renumbered {
    ($map:ident, target, $v:ident, $t:ident) => {
        $map.target($v)
    };
    ($map:ident, at, $v:ident, $t:ident) => {
        $map.target($v)
    };
    ($map:ident, $f:ident, $v:ident, Slot) => {
        $map.slot($v)
    };
    ($map:ident, $f:ident, $v:ident, VSlot) => {
        $map.slot($v)
    };
    ($map:ident, $f:ident, $v:ident, $t:ident) => {
        $v
    };
}

macro_rules! dst_of {
    ($self:ident, $name:ident, dst $($rest:tt)*) => {
        if let Op::$name { dst, .. } = $self {
            return Some(dst);
        }
    };
    ($self:ident, $name:ident, $($rest:tt)*) => {};
}

macro_rules! vd_of {
    ($self:ident, $name:ident, vd $($rest:tt)*) => {
        if let Op::$name { vd, .. } = $self {
            return Some(vd);
        }
    };
    ($self:ident, $name:ident, $($rest:tt)*) => {};
}

/// Writes `name=value`; a slot that is [`ACC`] shows as `acc`.
macro_rules! show_field {
    ($w:ident, $f:ident, Slot) => {
        if *$f == ACC {
            write!($w, "{}=acc", stringify!($f))?;
        } else {
            write!($w, "{}={}", stringify!($f), $f)?;
        }
    };
    ($w:ident, $f:ident, $t:ident) => {
        write!($w, "{}={}", stringify!($f), Show(*$f))?;
    };
}

/// Formats an operand for the disassembler.
struct Show<T>(T);
macro_rules! show_plain {
    ($($t:ty),*) => {$(
        impl fmt::Display for Show<$t> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{}", self.0) }
        }
    )*};
}
show_plain!(u8, u16, u32, i32, u64, i64);
impl fmt::Display for Show<TrapCode> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.name())?;
        self.fmt_operands(f)
    }
}

list::next! { [control, variable, memory, table, numeric, gc, simd] }

/// The accumulator, as an operand: an op with `dst == ACC` leaves its result
/// in the accumulator (a machine register in the threaded backend) instead of
/// a frame slot, and the next op reads it with its first operand
/// ([`Op::acc_in_mut`]) `== ACC`. The translator pairs them only where the
/// value has no other reader and nothing jumps in between. Never a frame slot:
/// frames are smaller than 65,535 slots.
pub(crate) const ACC: Slot = Slot::MAX;

/// What [`Op::take_acc_operand`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AccOperand {
    /// The op reads the slot from the accumulator now.
    Taken,
    /// The op reads the slot once, not as its accumulator operand.
    Swap,
    /// The op cannot take the slot from the accumulator.
    No,
}

/// Placeholder slots `HOIST..` name the constants the translator hoists out
/// of loops, until the frame layout `[locals | constants | temps]` is known
/// at the end of the function ([`Renumber`]).
pub(crate) const HOIST: Slot = 0xff00;

/// The renumbering from the translator's numbering to the frame's, applied
/// as ops are encoded (a pass of its own would cost a `match` per op): temps
/// move up past the `consts` hoisted constants, placeholders `HOIST + i`
/// become slot `locals + i`, and a target `t` becomes `targets[t]` (if tail
/// duplication moved the ops; else `t`) plus `shift`, the number of ops
/// that set the constants at function entry.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Renumber<'a> {
    /// The slots that keep their numbers: params and declared locals (or
    /// as many as the function has results, if more).
    pub locals: Slot,
    /// Hoisted constants.
    pub consts: Slot,
    /// Ops inserted before the code.
    pub shift: u32,
    /// The new index of each op, or empty if none moved.
    pub targets: &'a [u32],
}

impl Renumber<'_> {
    /// No renumbering (placeholders map to themselves).
    #[cfg(test)]
    pub(crate) const NONE: Renumber<'static> =
        Renumber { locals: HOIST, consts: 0, shift: 0, targets: &[] };

    /// The frame slot of slot `s`.
    #[inline(always)]
    pub(crate) fn slot(self, s: Slot) -> Slot {
        if s >= HOIST {
            if s == ACC { ACC } else { self.locals + (s - HOIST) }
        } else if s >= self.locals {
            s + self.consts
        } else {
            s
        }
    }

    /// The op index of target `t`.
    #[inline(always)]
    pub(crate) fn target(self, t: u32) -> u32 {
        let t = if self.targets.is_empty() {
            t
        } else {
            self.targets.get(t as usize).copied().unwrap_or(t)
        };
        t + self.shift
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn renumbering_moves_temps_past_the_constants() {
        let map = Renumber { locals: 3, consts: 2, shift: 4, targets: &[] };
        let op = Op::I32Add { dst: 3, a: 2, b: HOIST + 1 };
        let mut raw = [0; FLAT_BYTES];
        op.encode_into(&mut raw, map);
        assert_eq!(Op::decode(&raw), Op::I32Add { dst: 5, a: 2, b: 4 });
        Op::BrI32LtS { a: ACC, b: HOIST, target: 7 }.encode_into(&mut raw, map);
        assert_eq!(Op::decode(&raw), Op::BrI32LtS { a: ACC, b: 3, target: 11 });
        Op::BrTableAt { index: 4, len: 70, add: 0, at: 9 }.encode_into(&mut raw, map);
        assert_eq!(Op::decode(&raw), Op::BrTableAt { index: 6, len: 70, add: 0, at: 13 });
        let moved = Renumber { targets: &[0, 1, 2, 5, 6, 7, 8, 9], ..map };
        Op::Br { target: 3 }.encode_into(&mut raw, moved);
        assert_eq!(Op::decode(&raw), Op::Br { target: 9 });
    }

    #[test]
    fn op_is_16_bytes() {
        assert_eq!(core::mem::size_of::<Op>(), 16);
    }

    #[test]
    fn flat_encoding_round_trips() {
        let ops = [
            Op::Return {},
            Op::I32Add { dst: 0xfff1, a: 2, b: 0x8003 },
            Op::Const64 { dst: 7, val: 0x0123_4567_89ab_cdef },
            Op::BrI32LtSImm { a: 9, imm: -5, target: 0xdead_beef },
            Op::MemoryCopy { d: 1, s: 2, n: 3, dst_mem: u32::MAX, src_mem: 6 },
            Op::CallIndirect { base: 4, index: 5, ty: 77, table: 1 << 31 },
        ];
        for op in ops {
            assert_eq!(Op::decode(&op.encode()), op);
        }
        for code in TrapCode::ALL {
            assert_eq!(TrapCode::ALL[code.index() as usize], code);
            assert_eq!(Op::decode(&Op::Trap { code }.encode()), Op::Trap { code });
        }
        let raw = Op::I32Add { dst: 1, a: 2, b: 3 }.encode();
        assert_eq!(flat::I32Add(&raw), (1, 2, 3));
    }

    #[test]
    fn dst_and_target_accessors() {
        let mut op = Op::I32Add { dst: 3, a: 1, b: 2 };
        *op.dst_mut().unwrap() = 0;
        assert_eq!(op, Op::I32Add { dst: 0, a: 1, b: 2 });
        assert!(Op::Store32 { addr: 0, src: 1, offset: 0, add: 0 }.clone().dst_mut().is_none());
        let mut br = Op::BrI64LtSImm { a: 1, imm: 5, target: 0 };
        *br.target_mut().unwrap() = 9;
        assert_eq!(br.to_string(), "BrI64LtSImm a=1, imm=5, target=9");
    }
}
