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
//! The enum is pinned to 16 bytes by a unit test: a bigger op is a slower op.

use crate::error::TrapCode;
use core::fmt;

/// A frame-relative value slot.
pub type Slot = u16;

macro_rules! define_ops {
    ($( $(#[doc = $doc:literal])* $name:ident { $($f:ident : $t:ident),* $(,)? } ),* $(,)?) => {
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
            #[inline(always)]
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
            #[inline(always)]
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
int_field!(u16, u32, i32, u64, i64);

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
show_plain!(u16, u32, i32, u64, i64);
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

define_ops! {
    // ---- control ----
    /// Trap with `code`.
    Trap { code: TrapCode },
    /// Jump to `target`.
    Br { target: u32 },
    /// Jump if `cond` (i32) is not zero.
    BrNez { cond: Slot, target: u32 },
    /// Jump if `cond` (i32) is zero.
    BrEqz { cond: Slot, target: u32 },
    /// Jump to the `min(index + add, len - 1)`-th (i32 wrapping add) of the
    /// `len` `Br` ops that follow.
    BrTable { index: Slot, len: u32, add: i32 },
    /// [`Op::BrTable`] with the entries of the `BrTable` at op `at`: a copy
    /// of a dispatch too big to copy with its entries (tail duplication).
    BrTableAt { index: Slot, len: u32, add: i32, at: u32 },
    /// Return with no results.
    Return {},
    /// Return the one result in `src`.
    Return1 { src: Slot },
    /// Return the `count` results in slots `start..start + count`.
    ReturnN { start: Slot, count: u16 },
    /// Call function `func`; arguments are in `base..`, results land in `base..`.
    /// `ret` is the index of the op after it in the threaded code (where the
    /// caller resumes), filled in by `exec::compile` (0 until then).
    Call { func: u32, base: Slot, ret: u32 },
    /// Call the function at `table[index]`, which must be of type `ty`; as `Call` otherwise.
    CallIndirect { base: Slot, index: Slot, ty: u32, table: u32 },

    // ---- fused compare and branch: jump to `target` if `a <cmp> b` ----
    /// i32 `a == b`
    BrI32Eq { a: Slot, b: Slot, target: u32 },
    /// i32 `a != b`
    BrI32Ne { a: Slot, b: Slot, target: u32 },
    /// i32 signed `a < b`
    BrI32LtS { a: Slot, b: Slot, target: u32 },
    /// i32 unsigned `a < b`
    BrI32LtU { a: Slot, b: Slot, target: u32 },
    /// i32 signed `a > b`
    BrI32GtS { a: Slot, b: Slot, target: u32 },
    /// i32 unsigned `a > b`
    BrI32GtU { a: Slot, b: Slot, target: u32 },
    /// i32 signed `a <= b`
    BrI32LeS { a: Slot, b: Slot, target: u32 },
    /// i32 unsigned `a <= b`
    BrI32LeU { a: Slot, b: Slot, target: u32 },
    /// i32 signed `a >= b`
    BrI32GeS { a: Slot, b: Slot, target: u32 },
    /// i32 unsigned `a >= b`
    BrI32GeU { a: Slot, b: Slot, target: u32 },
    /// i64 `a == b`
    BrI64Eq { a: Slot, b: Slot, target: u32 },
    /// i64 `a != b`
    BrI64Ne { a: Slot, b: Slot, target: u32 },
    /// i64 signed `a < b`
    BrI64LtS { a: Slot, b: Slot, target: u32 },
    /// i64 unsigned `a < b`
    BrI64LtU { a: Slot, b: Slot, target: u32 },
    /// i64 signed `a > b`
    BrI64GtS { a: Slot, b: Slot, target: u32 },
    /// i64 unsigned `a > b`
    BrI64GtU { a: Slot, b: Slot, target: u32 },
    /// i64 signed `a <= b`
    BrI64LeS { a: Slot, b: Slot, target: u32 },
    /// i64 unsigned `a <= b`
    BrI64LeU { a: Slot, b: Slot, target: u32 },
    /// i64 signed `a >= b`
    BrI64GeS { a: Slot, b: Slot, target: u32 },
    /// i64 unsigned `a >= b`
    BrI64GeU { a: Slot, b: Slot, target: u32 },
    /// i32 `a == imm`
    BrI32EqImm { a: Slot, imm: i32, target: u32 },
    /// i32 `a != imm`
    BrI32NeImm { a: Slot, imm: i32, target: u32 },
    /// i32 signed `a < imm`
    BrI32LtSImm { a: Slot, imm: i32, target: u32 },
    /// i32 unsigned `a < imm`
    BrI32LtUImm { a: Slot, imm: i32, target: u32 },
    /// i32 signed `a > imm`
    BrI32GtSImm { a: Slot, imm: i32, target: u32 },
    /// i32 unsigned `a > imm`
    BrI32GtUImm { a: Slot, imm: i32, target: u32 },
    /// i32 signed `a <= imm`
    BrI32LeSImm { a: Slot, imm: i32, target: u32 },
    /// i32 unsigned `a <= imm`
    BrI32LeUImm { a: Slot, imm: i32, target: u32 },
    /// i32 signed `a >= imm`
    BrI32GeSImm { a: Slot, imm: i32, target: u32 },
    /// i32 unsigned `a >= imm`
    BrI32GeUImm { a: Slot, imm: i32, target: u32 },
    /// jump if `a & imm != 0` (i32): a fused bit test
    BrI32AndNez { a: Slot, imm: i32, target: u32 },
    /// jump if `a & imm == 0` (i32): a fused bit test
    BrI32AndEqz { a: Slot, imm: i32, target: u32 },
    /// A loop counter step: `a += imm` (i32), then jump if `a != b`
    I32AddImmBrNe { a: Slot, imm: i32, b: Slot, target: u32 },
    /// `a += imm`, then jump if unsigned `a < b`
    I32AddImmBrLtU { a: Slot, imm: i32, b: Slot, target: u32 },
    /// `a += imm`, then jump if unsigned `a >= b`
    I32AddImmBrGeU { a: Slot, imm: i32, b: Slot, target: u32 },
    /// `a += imm`, then jump if signed `a < b`
    I32AddImmBrLtS { a: Slot, imm: i32, b: Slot, target: u32 },
    /// `a += imm`, then jump if `a != n`
    I32AddImmBrNeImm { a: Slot, imm: i32, n: i32, target: u32 },
    /// `a += imm`, then jump if unsigned `a < n`
    I32AddImmBrLtUImm { a: Slot, imm: i32, n: i32, target: u32 },
    /// `a += imm`, then jump if unsigned `a > n`
    I32AddImmBrGtUImm { a: Slot, imm: i32, n: i32, target: u32 },
    /// i64 `a == imm`
    BrI64EqImm { a: Slot, imm: i64, target: u32 },
    /// i64 `a != imm`
    BrI64NeImm { a: Slot, imm: i64, target: u32 },
    /// i64 signed `a < imm`
    BrI64LtSImm { a: Slot, imm: i64, target: u32 },
    /// i64 unsigned `a < imm`
    BrI64LtUImm { a: Slot, imm: i64, target: u32 },
    /// i64 signed `a > imm`
    BrI64GtSImm { a: Slot, imm: i64, target: u32 },
    /// i64 unsigned `a > imm`
    BrI64GtUImm { a: Slot, imm: i64, target: u32 },
    /// i64 signed `a <= imm`
    BrI64LeSImm { a: Slot, imm: i64, target: u32 },
    /// i64 unsigned `a <= imm`
    BrI64LeUImm { a: Slot, imm: i64, target: u32 },
    /// i64 signed `a >= imm`
    BrI64GeSImm { a: Slot, imm: i64, target: u32 },
    /// i64 unsigned `a >= imm`
    BrI64GeUImm { a: Slot, imm: i64, target: u32 },

    // ---- fuel and determinism (emitted only when configured) ----
    /// Charge `amount` fuel for the basic block that starts here; suspend or
    /// trap when the store has less.
    ConsumeFuel { amount: u32 },
    /// Before a bulk memory or table op of length `n` (a slot): charge
    /// `n >> shift` fuel, suspending or trapping before anything is written.
    ConsumeFuelBulk { n: Slot, shift: u32 },
    /// `dst = src` as f32, with any NaN replaced by the canonical NaN.
    CanonF32 { dst: Slot, src: Slot },
    /// `dst = src` as f64, with any NaN replaced by the canonical NaN.
    CanonF64 { dst: Slot, src: Slot },

    // ---- moves, constants, select, globals, references ----
    /// `dst = src`
    Copy { dst: Slot, src: Slot },
    /// `dst = val` (zero-extended)
    Const32 { dst: Slot, val: u32 },
    /// `to = from; to2 = from2` (in that order): two fused `Copy`s (argument
    /// set-up). No `dst` field: never retargeted, never takes the accumulator.
    Copy2 { to: Slot, from: Slot, to2: Slot, from2: Slot },
    /// `to = from; to2 = val2`: a fused `Copy` and `Const32`.
    CopyConst { to: Slot, from: Slot, to2: Slot, val2: u32 },
    /// `to = val; to2 = from2`: a fused `Const32` and `Copy`.
    ConstCopy { to: Slot, val: u32, to2: Slot, from2: Slot },
    /// `to = val; to2 = val2`: two fused `Const32`s.
    Const2 { to: Slot, val: u32, to2: Slot, val2: u32 },
    /// `dst = val`
    Const64 { dst: Slot, val: u64 },
    /// `dst = if cond != 0 { a } else { b }`
    Select { dst: Slot, cond: Slot, a: Slot, b: Slot },
    /// `dst = global`
    GlobalGet { dst: Slot, global: u32 },
    /// `global = src`
    GlobalSet { src: Slot, global: u32 },
    /// `dst = ref.func func`
    RefFunc { dst: Slot, func: u32 },

    // ---- memory (memory 0 unless `mem` says otherwise); address = addr + offset ----
    /// i32.load
    I32Load { dst: Slot, addr: Slot, offset: u32, add: i32 },
    /// i64.load
    I64Load { dst: Slot, addr: Slot, offset: u32, add: i32 },
    /// i32.load or f32.load from an indexed address, `(a << shift) + add`
    /// (wrapping; `shift` < 32), plus `offset`: a fused `I32ShlAddImm`.
    Load32Idx { dst: Slot, a: Slot, shift: u16, offset: u32, add: i32 },
    /// i64.load or f64.load from an indexed address (as [`Op::Load32Idx`]).
    Load64Idx { dst: Slot, a: Slot, shift: u16, offset: u32, add: i32 },
    /// i32.load, f32.load or i64.load32_u at `(a << shift) + b` (wrapping;
    /// `shift` < 32) plus `offset`: a fused `I32Add` or `I32ShlAdd`.
    Load32Sum { dst: Slot, a: Slot, b: Slot, shift: u16, offset: u32 },
    /// i64.load or f64.load at a sum (as [`Op::Load32Sum`]).
    Load64Sum { dst: Slot, a: Slot, b: Slot, shift: u16, offset: u32 },
    /// i32.load8_u or i64.load8_u at a sum (as [`Op::Load32Sum`]).
    Load8USum { dst: Slot, a: Slot, b: Slot, shift: u16, offset: u32 },
    /// i32.load8_s at a sum (as [`Op::Load32Sum`]).
    Load8SSum { dst: Slot, a: Slot, b: Slot, shift: u16, offset: u32 },
    /// i32.load16_u or i64.load16_u at a sum (as [`Op::Load32Sum`]).
    Load16USum { dst: Slot, a: Slot, b: Slot, shift: u16, offset: u32 },
    /// i32.load16_s at a sum (as [`Op::Load32Sum`]).
    Load16SSum { dst: Slot, a: Slot, b: Slot, shift: u16, offset: u32 },
    /// `dst = f64.load(addr) + b`: a fused load and add.
    F64LoadAdd { dst: Slot, addr: Slot, b: Slot, offset: u32, add: i32 },
    /// `dst = f64.load(addr) - b`: a fused load and subtract.
    F64LoadSub { dst: Slot, addr: Slot, b: Slot, offset: u32, add: i32 },
    /// `dst = f64.load(addr) * b`: a fused load and multiply.
    F64LoadMul { dst: Slot, addr: Slot, b: Slot, offset: u32, add: i32 },
    /// `dst = i32.load(addr) + b`: a fused load and add.
    I32LoadAdd { dst: Slot, addr: Slot, b: Slot, offset: u32, add: i32 },
    /// `dst = i32.load8_u(addr) + b`: a fused load and add.
    I32Load8UAdd { dst: Slot, addr: Slot, b: Slot, offset: u32, add: i32 },
    /// f32.load
    F32Load { dst: Slot, addr: Slot, offset: u32, add: i32 },
    /// f64.load
    F64Load { dst: Slot, addr: Slot, offset: u32, add: i32 },
    /// i32.load8_s
    I32Load8S { dst: Slot, addr: Slot, offset: u32, add: i32 },
    /// i32.load8_u
    I32Load8U { dst: Slot, addr: Slot, offset: u32, add: i32 },
    /// i32.load16_s
    I32Load16S { dst: Slot, addr: Slot, offset: u32, add: i32 },
    /// i32.load16_u
    I32Load16U { dst: Slot, addr: Slot, offset: u32, add: i32 },
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
    Store32 { src: Slot, addr: Slot, offset: u32, add: i32 },
    /// i64.store / f64.store
    Store64 { src: Slot, addr: Slot, offset: u32, add: i32 },
    /// `i32.load`, `i32.add` of a constant and `i32.store` back to the same
    /// address (`p->count += imm`), fused: one bounds check.
    I32AddImmMem { addr: Slot, offset: u32, add: i32, imm: i32 },
    /// i32.store8 / i64.store8
    Store8 { src: Slot, addr: Slot, offset: u32, add: i32 },
    /// i32.store16 / i64.store16
    Store16 { src: Slot, addr: Slot, offset: u32, add: i32 },
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

    // ---- i32 arithmetic ----
    /// i32.eqz
    I32Eqz { dst: Slot, src: Slot },
    /// i32.clz
    I32Clz { dst: Slot, src: Slot },
    /// i32.ctz
    I32Ctz { dst: Slot, src: Slot },
    /// i32.popcnt
    I32Popcnt { dst: Slot, src: Slot },
    /// i32.extend8_s
    I32Extend8S { dst: Slot, src: Slot },
    /// i32.extend16_s
    I32Extend16S { dst: Slot, src: Slot },
    /// i32.add
    I32Add { dst: Slot, a: Slot, b: Slot },
    /// i32.sub
    I32Sub { dst: Slot, a: Slot, b: Slot },
    /// i32.mul
    I32Mul { dst: Slot, a: Slot, b: Slot },
    /// i32 `a * b + c` (wrapping): a fused `mul` and `add`.
    I32MulAdd { dst: Slot, a: Slot, b: Slot, c: Slot },
    /// i32.div_s
    I32DivS { dst: Slot, a: Slot, b: Slot },
    /// i32.div_u
    I32DivU { dst: Slot, a: Slot, b: Slot },
    /// i32.rem_s
    I32RemS { dst: Slot, a: Slot, b: Slot },
    /// i32.rem_u
    I32RemU { dst: Slot, a: Slot, b: Slot },
    /// i32.and
    I32And { dst: Slot, a: Slot, b: Slot },
    /// i32.or
    I32Or { dst: Slot, a: Slot, b: Slot },
    /// i32.xor
    I32Xor { dst: Slot, a: Slot, b: Slot },
    /// i32.shl
    I32Shl { dst: Slot, a: Slot, b: Slot },
    /// i32.shr_s
    I32ShrS { dst: Slot, a: Slot, b: Slot },
    /// i32.shr_u
    I32ShrU { dst: Slot, a: Slot, b: Slot },
    /// i32.rotl
    I32Rotl { dst: Slot, a: Slot, b: Slot },
    /// i32.rotr
    I32Rotr { dst: Slot, a: Slot, b: Slot },
    /// i32.eq
    I32Eq { dst: Slot, a: Slot, b: Slot },
    /// i32.ne
    I32Ne { dst: Slot, a: Slot, b: Slot },
    /// i32.lt_s
    I32LtS { dst: Slot, a: Slot, b: Slot },
    /// i32.lt_u
    I32LtU { dst: Slot, a: Slot, b: Slot },
    /// i32.gt_s
    I32GtS { dst: Slot, a: Slot, b: Slot },
    /// i32.gt_u
    I32GtU { dst: Slot, a: Slot, b: Slot },
    /// i32.le_s
    I32LeS { dst: Slot, a: Slot, b: Slot },
    /// i32.le_u
    I32LeU { dst: Slot, a: Slot, b: Slot },
    /// i32.ge_s
    I32GeS { dst: Slot, a: Slot, b: Slot },
    /// i32.ge_u
    I32GeU { dst: Slot, a: Slot, b: Slot },
    /// i32.add with immediate
    I32AddImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.sub with immediate
    I32SubImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.mul with immediate
    I32MulImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.div_s with immediate
    I32DivSImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.div_u with immediate
    I32DivUImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.rem_s with immediate
    I32RemSImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.rem_u with immediate
    I32RemUImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.and with immediate
    I32AndImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.or with immediate
    I32OrImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.xor with immediate
    I32XorImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.shl with immediate
    I32ShlImm { dst: Slot, a: Slot, imm: i32 },
    /// i32 `(a << shift) + imm` (`shift` < 32): a fused `shl` and `add` (array indexing).
    I32ShlAddImm { dst: Slot, a: Slot, shift: u16, imm: i32 },
    /// i32 `(a << shift) + b` (`shift` < 32): a fused `shl` and `add` (array indexing).
    I32ShlAdd { dst: Slot, a: Slot, b: Slot, shift: u16 },
    /// i32.shr_s with immediate
    I32ShrSImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.shr_u with immediate
    I32ShrUImm { dst: Slot, a: Slot, imm: i32 },
    /// i32 `(a >> shift) & mask` (logical shift, `shift` < 32): a bit field.
    I32ShrUAndImm { dst: Slot, a: Slot, shift: u16, mask: i32 },
    /// i32.rotl with immediate
    I32RotlImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.rotr with immediate
    I32RotrImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.eq with immediate
    I32EqImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.ne with immediate
    I32NeImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.lt_s with immediate
    I32LtSImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.lt_u with immediate
    I32LtUImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.gt_s with immediate
    I32GtSImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.gt_u with immediate
    I32GtUImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.le_s with immediate
    I32LeSImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.le_u with immediate
    I32LeUImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.ge_s with immediate
    I32GeSImm { dst: Slot, a: Slot, imm: i32 },
    /// i32.ge_u with immediate
    I32GeUImm { dst: Slot, a: Slot, imm: i32 },

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
}

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
    /// Params plus declared locals.
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

impl Op {
    /// Whether the op may take its first operand from the accumulator (not
    /// control ops, whose `BrTable` index is handled apart, nor the fused
    /// moves).
    #[inline(always)]
    fn may_read_acc(&self) -> bool {
        !self.is_control()
            && !matches!(
                self,
                Op::Copy2 { .. }
                    | Op::CopyConst { .. }
                    | Op::ConstCopy { .. }
                    | Op::Const2 { .. }
                    | Op::I32AddImmBrNe { .. }
                    | Op::I32AddImmBrLtU { .. }
                    | Op::I32AddImmBrGeU { .. }
                    | Op::I32AddImmBrLtS { .. }
                    | Op::I32AddImmBrNeImm { .. }
                    | Op::I32AddImmBrLtUImm { .. }
                    | Op::I32AddImmBrGtUImm { .. }
            )
    }

    /// Whether the operand the op may take from the accumulator
    /// ([`Op::acc_in_mut`]) is read as an i32: only its low 32 bits count.
    pub(crate) fn reads_acc_as_i32(&self) -> bool {
        use Op::*;
        let name = self.name();
        (name.starts_with("I32")
            && !name.starts_with("I32Trunc")
            && !matches!(self, I32WrapI64 { .. }))
            || name.starts_with("BrI32")
            || name.starts_with("Load") // the indexed loads: an i32 index first
            || matches!(
                self,
                BrNez { .. }
                    | BrEqz { .. }
                    | BrTable { .. }
                    | Store32 { .. }
                    | Store16 { .. }
                    | Store8 { .. }
                    | Select { .. }
            )
    }

    /// Whether the op is a return (`Return`, `Return1`, `ReturnN`).
    pub(crate) fn is_return(&self) -> bool {
        matches!(self, Op::Return {} | Op::Return1 { .. } | Op::ReturnN { .. })
    }

    /// Control ops: executed by each backend itself, never with [`ACC`] operands.
    pub(crate) fn is_control(&self) -> bool {
        use Op::*;
        matches!(
            self,
            Trap { .. }
                | Br { .. }
                | BrTable { .. }
                | BrTableAt { .. }
                | Return {}
                | Return1 { .. }
                | ReturnN { .. }
                | Call { .. }
                | CallIndirect { .. }
                | ConsumeFuel { .. }
                | ConsumeFuelBulk { .. }
        )
    }

    /// For a commutative binary op, swap its operands (so that the one in
    /// the accumulator can come first); a comparison becomes its mirror
    /// (`a < b` is `b > a`, for floats too: both are false on a NaN).
    /// Returns whether it did. Float `add` and `mul` count: their value is
    /// symmetric, and which NaN payload a NaN result carries is left open by
    /// the spec.
    pub(crate) fn swap_operands(&mut self) -> bool {
        use Op::*;
        // Each evaluates to whether the op was one of the pairs.
        macro_rules! mirror {
            ($($x:ident $y:ident),*) => {
                match *self {
                    $(
                        $x { dst, a, b } => { *self = $y { dst, a: b, b: a }; true }
                        $y { dst, a, b } => { *self = $x { dst, a: b, b: a }; true }
                    )*
                    _ => false,
                }
            };
        }
        macro_rules! mirror_branch {
            ($($x:ident $y:ident),*) => {
                match *self {
                    $(
                        $x { a, b, target } => { *self = $y { a: b, b: a, target }; true }
                        $y { a, b, target } => { *self = $x { a: b, b: a, target }; true }
                    )*
                    _ => false,
                }
            };
        }
        if mirror!(
            I32LtS I32GtS, I32LtU I32GtU, I32LeS I32GeS, I32LeU I32GeU,
            I64LtS I64GtS, I64LtU I64GtU, I64LeS I64GeS, I64LeU I64GeU,
            F32Lt F32Gt, F32Le F32Ge, F64Lt F64Gt, F64Le F64Ge
        ) || mirror_branch!(
            BrI32LtS BrI32GtS, BrI32LtU BrI32GtU, BrI32LeS BrI32GeS, BrI32LeU BrI32GeU,
            BrI64LtS BrI64GtS, BrI64LtU BrI64GtU, BrI64LeS BrI64GeS, BrI64LeU BrI64GeU
        ) {
            return true;
        }
        match self {
            BrI32Eq { a, b, .. }
            | BrI32Ne { a, b, .. }
            | BrI64Eq { a, b, .. }
            | BrI64Ne { a, b, .. }
            | F32Eq { a, b, .. }
            | F32Ne { a, b, .. }
            | F64Eq { a, b, .. }
            | F64Ne { a, b, .. }
            | F32Min { a, b, .. }
            | F32Max { a, b, .. }
            | F64Min { a, b, .. }
            | F64Max { a, b, .. }
            | I32Add { a, b, .. }
            | I32Mul { a, b, .. }
            | I32And { a, b, .. }
            | I32Or { a, b, .. }
            | I32Xor { a, b, .. }
            | I32Eq { a, b, .. }
            | I32Ne { a, b, .. }
            | I64Add { a, b, .. }
            | I64Mul { a, b, .. }
            | I64And { a, b, .. }
            | I64Or { a, b, .. }
            | I64Xor { a, b, .. }
            | I64Eq { a, b, .. }
            | I64Ne { a, b, .. }
            | F32Add { a, b, .. }
            | F32Mul { a, b, .. }
            | F64Add { a, b, .. }
            | F64Mul { a, b, .. } => {
                core::mem::swap(a, b);
                true
            }
            _ => false,
        }
    }

    /// The `dst` slot of an op that leaves its result in the accumulator as
    /// well (the backends' `w!(dst, ..)`), for the next op to read there
    /// (forwarding). Every op with a `dst` does but `Copy`, `Const32` and
    /// `Const64` (`w!(@keep dst, ..)`): the translator emits those to save
    /// locals and constants between an op that passes its result in the
    /// accumulator and the branch that reads it (an `if` or `br_if`
    /// condition), so they must leave the accumulator alone.
    pub(crate) fn result_in_acc(&self) -> Option<Slot> {
        if matches!(self, Op::Copy { .. } | Op::Const32 { .. } | Op::Const64 { .. }) {
            return None;
        }
        { *self }.dst_mut().copied()
    }

    /// The conditional branch taken exactly when this one is not (same
    /// operands and target), for the conditional branches that have one.
    pub(crate) fn negated_branch(self) -> Option<Op> {
        use Op::*;
        macro_rules! pairs {
            ($( $x:ident $y:ident { $($f:ident),* } ),*) => {
                match self {
                    $(
                        $x { $($f),* } => $y { $($f),* },
                        $y { $($f),* } => $x { $($f),* },
                    )*
                    _ => return None,
                }
            };
        }
        Some(pairs!(
            BrEqz BrNez { cond, target },
            BrI32Eq BrI32Ne { a, b, target },
            BrI32LtS BrI32GeS { a, b, target },
            BrI32LtU BrI32GeU { a, b, target },
            BrI32GtS BrI32LeS { a, b, target },
            BrI32GtU BrI32LeU { a, b, target },
            BrI64Eq BrI64Ne { a, b, target },
            BrI64LtS BrI64GeS { a, b, target },
            BrI64LtU BrI64GeU { a, b, target },
            BrI64GtS BrI64LeS { a, b, target },
            BrI64GtU BrI64LeU { a, b, target },
            BrI32EqImm BrI32NeImm { a, imm, target },
            BrI32LtSImm BrI32GeSImm { a, imm, target },
            BrI32LtUImm BrI32GeUImm { a, imm, target },
            BrI32GtSImm BrI32LeSImm { a, imm, target },
            BrI32GtUImm BrI32LeUImm { a, imm, target },
            BrI32AndNez BrI32AndEqz { a, imm, target },
            BrI64EqImm BrI64NeImm { a, imm, target },
            BrI64LtSImm BrI64GeSImm { a, imm, target },
            BrI64LtUImm BrI64GeUImm { a, imm, target },
            BrI64GtSImm BrI64LeSImm { a, imm, target },
            BrI64GtUImm BrI64LeUImm { a, imm, target }
        ))
    }

    /// The address operand and wrapping address addend of a load or store.
    pub(crate) fn addr_add_mut(&mut self) -> Option<(&mut Slot, &mut i32)> {
        use Op::*;
        match self {
            I32Load { addr, add, .. }
            | I64Load { addr, add, .. }
            | F32Load { addr, add, .. }
            | F64Load { addr, add, .. }
            | I32Load8S { addr, add, .. }
            | I32Load8U { addr, add, .. }
            | I32Load16S { addr, add, .. }
            | I32Load16U { addr, add, .. }
            | I64Load8S { addr, add, .. }
            | I64Load8U { addr, add, .. }
            | I64Load16S { addr, add, .. }
            | I64Load16U { addr, add, .. }
            | I64Load32S { addr, add, .. }
            | I64Load32U { addr, add, .. }
            | Store32 { addr, add, .. }
            | Store64 { addr, add, .. }
            | Store8 { addr, add, .. }
            | Store16 { addr, add, .. } => Some((addr, add)),
            _ => None,
        }
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
