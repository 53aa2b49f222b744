//! Compiled code: a function's IR as the backends run it ([`CompiledFunc`]),
//! with what a trap report needs (each op's Wasm offset, [`OpOffsets`]).

use alloc::boxed::Box;
use alloc::vec::Vec;

use super::threaded::{Handler, TOp};

/// A function translated to the register IR.
#[derive(Debug)]
pub(crate) struct CompiledFunc {
    /// Module-level function index (imports included).
    pub index: u32,
    /// The code: each op with its threaded-backend handler (the portable
    /// backend reads just the op).
    pub threaded: Box<[TOp]>,
    /// The threaded backend's handler of the first op.
    pub entry: Handler,
    /// Module byte offset of the Wasm instruction each op came from
    /// ([`OpOffsets`]: about a byte per op).
    pub offsets: OpOffsets,
    /// Slots the frame needs: params, locals and temps.
    pub frame_size: u32,
    pub num_params: u32,
    /// Params plus declared locals.
    pub num_locals: u32,
    /// The function uses `v128` (the store must keep its v128 register file).
    pub simd: bool,
    /// Its exception handlers (`try_table` catch clauses), innermost first.
    pub catches: Box<[Catch]>,
}

/// A catch clause (of a `try_table`, or of a legacy `try`): an exception
/// raised by an op in `start..end` (a throw, or a call it returns through)
/// whose tag is `tag` (a module tag index; [`Catch::ALL`]: any) lands at op
/// `pad`, its payload in slots `dst..` and, unless `ref_at` is
/// [`Catch::NO_REF`], its `exnref` in slot `ref_at`.
///
/// A legacy `delegate` is an entry of tag [`Catch::DELEGATE`]: an
/// exception raised in its range skips the entries before index `pad` of
/// the table (those of the blocks it delegates past).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Catch {
    pub start: u32,
    pub end: u32,
    pub tag: u32,
    pub pad: u32,
    pub dst: u16,
    pub ref_at: u16,
}

impl Catch {
    /// `tag` of a `catch_all` clause.
    pub const ALL: u32 = u32::MAX;
    /// `tag` of a `delegate`.
    pub const DELEGATE: u32 = u32::MAX - 1;
    /// `ref_at` of a clause without the `exnref`.
    pub const NO_REF: u16 = u16::MAX;
}

/// The module byte offset of each op of a function, for trap locations:
/// the differences between consecutive offsets as zigzag LEB128, usually one
/// byte per op (a `u32` each was 15% of a module's IR). Read only when a
/// trap is reported, by decoding from the start.
#[derive(Debug)]
pub(crate) struct OpOffsets(Box<[u8]>);

impl OpOffsets {
    pub(crate) fn new(offsets: &[u32]) -> Self {
        let mut bytes = Vec::with_capacity(offsets.len() + offsets.len() / 8);
        let mut prev = 0u32;
        for &o in offsets {
            let d = o.wrapping_sub(prev) as i32;
            let mut z = ((d << 1) ^ (d >> 31)) as u32;
            while z >= 0x80 {
                bytes.push(z as u8 | 0x80);
                z >>= 7;
            }
            bytes.push(z as u8);
            prev = o;
        }
        OpOffsets(bytes.into_boxed_slice())
    }

    /// The offset of op `i`, if the function has that many ops.
    pub(crate) fn get(&self, i: usize) -> Option<u32> {
        let mut bytes = self.0.iter();
        let mut offset = 0u32;
        for _ in 0..=i {
            let (mut z, mut shift) = (0u32, 0);
            loop {
                let b = *bytes.next()?;
                z |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
                shift += 7;
                if b < 0x80 {
                    break;
                }
            }
            let d = ((z >> 1) as i32) ^ -((z & 1) as i32);
            offset = offset.wrapping_add(d as u32);
        }
        Some(offset)
    }

    /// Bytes held.
    pub(crate) fn len_bytes(&self) -> usize {
        self.0.len()
    }
}

#[cfg(test)]
mod tests {
    use super::OpOffsets;

    #[test]
    fn offsets_round_trip_in_about_a_byte_each() {
        // Rising by small steps, a jump back (a copied tail), big jumps both
        // ways, and the extremes.
        let offsets = [0, 1, 3, 7, 7, 60, 63, 10, 200_000, 5, u32::MAX, 0, u32::MAX, 1 << 31];
        let t = OpOffsets::new(&offsets);
        for (i, &o) in offsets.iter().enumerate() {
            assert_eq!(t.get(i), Some(o), "op {i}");
        }
        assert_eq!(t.get(offsets.len()), None);
        assert_eq!(OpOffsets::new(&[]).get(0), None);
        let small: alloc::vec::Vec<u32> = (0..1000).map(|i| 100 + i * 3).collect();
        let t = OpOffsets::new(&small);
        assert!(t.len_bytes() <= small.len() + 2, "{}", t.len_bytes());
        assert_eq!(t.get(999), Some(100 + 999 * 3));
    }
}
