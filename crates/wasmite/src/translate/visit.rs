//! The wasmparser visitor that checks, validates and translates each
//! operator as the reader decodes it (one dispatch per operator).

use alloc::vec::Vec;

use wasmparser as wp;

use super::{ModuleEnv, Translator, ops};
use crate::error::{Error, Result};

/// Why visiting an operator failed.
pub(super) enum Fail {
    /// Validation failed (the body is still read to its end: a later decode
    /// error makes the module malformed instead).
    Invalid(wp::BinaryReaderError),
    /// An encoding rule or the translator failed.
    Other(Error),
}

/// Checks, validates and translates each operator the reader decodes. The
/// validator's visit method for the operator is called directly, and
/// [`Translator::op`] is inlined where its `match` folds (see
/// `translate_op!`), so the reader's decode is the one dispatch on an
/// operator.
pub(super) struct Visit<'t, 'm, 'v> {
    pub t: &'t mut Translator,
    pub m: &'m ModuleEnv<'m>,
    pub v: &'v mut wp::FuncValidator<wp::ValidatorResources>,
    /// Offset of the operator being visited.
    pub pos: u64,
}

macro_rules! define_visit {
    ($(@$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*))*) => {
        $(
            fn $visit(&mut self $($(, $arg: $argty)*)?) -> Self::Output {
                check_encoding!(self, $op $($(, $arg)*)?).map_err(Fail::Other)?;
                self.v.visitor(self.pos).$visit($($($arg.clone()),*)?).map_err(Fail::Invalid)?;
                operand_types!(self, $op);
                self.t.offset = self.pos as u32;
                translate_op!(@$proposal self, wp::Operator::$op $({ $($arg),* })?)
                    .map_err(Fail::Other)
            }
        )*
    };
}

/// The binary-format rules of operator `$op` (with fields `$arg`) that
/// wasmparser leaves to its validator.
macro_rules! check_encoding {
    ($s:ident, MemoryInit $(, $arg:ident)*) => {
        ops::check_data_count($s.m, $s.pos)
    };
    ($s:ident, DataDrop $(, $arg:ident)*) => {
        ops::check_data_count($s.m, $s.pos)
    };
    ($s:ident, $op:ident, $memarg:ident) => {
        check_encoding!(@one $s, $memarg, $memarg)
    };
    (@one $s:ident, memarg, $v:ident) => {
        ops::check_memarg(&$v, $s.pos, $s.t.multi_memory)
    };
    (@one $s:ident, $other:ident, $v:ident) => {
        Result::<()>::Ok(())
    };
    ($s:ident, $op:ident $(, $arg:ident)*) => {
        Result::<()>::Ok(())
    };
}

/// What the translator of operator `$op` learns from the validator (after
/// validating it): for a `select` in SIMD mode, whether its result is a
/// `v128` (the top of the validator's operand stack).
macro_rules! operand_types {
    ($s:ident, Select) => {
        operand_types!(@select $s)
    };
    ($s:ident, TypedSelect) => {
        operand_types!(@select $s)
    };
    ($s:ident, TypedSelectMulti) => {
        operand_types!(@select $s)
    };
    (@select $s:ident) => {
        if $s.t.simd {
            $s.t.select_v128 = !matches!(
                $s.v.get_operand_type(0),
                Some(Some(wp::ValType::I32 | wp::ValType::I64 | wp::ValType::F32 | wp::ValType::F64))
            );
        }
    };
    ($s:ident, $op:ident) => {};
}

/// Translate the operator `$new` builds, in a visit method: for the
/// proposals wasmite implements, with the translation's `match` inlined
/// ([`Translator::op_reachable`]) and given an operator built right before
/// it, so that the match folds to the operator's arm; by a call for the
/// others (fewer copies of the inlined match to build).
macro_rules! translate_op {
    (@mvp $($rest:tt)*) => { translate_op!(@inline $($rest)*) };
    (@sign_extension $($rest:tt)*) => { translate_op!(@inline $($rest)*) };
    (@saturating_float_to_int $($rest:tt)*) => { translate_op!(@inline $($rest)*) };
    (@bulk_memory $($rest:tt)*) => { translate_op!(@inline $($rest)*) };
    (@reference_types $($rest:tt)*) => { translate_op!(@inline $($rest)*) };
    (@inline $s:ident, $new:expr) => {{
        if !$s.t.reachable {
            $s.t.op_unreachable($s.m, &$new)
        } else {
            $s.t.charge_fuel();
            $s.t.op_reachable($s.m, &$new)
        }
    }};
    (@$other:ident $s:ident, $new:expr) => {
        $s.t.op_outlined($s.m, &$new)
    };
}

/// The SIMD operators' visit methods: as `define_visit!`, validated by the
/// validator's SIMD visitor, translated by `Translator::op_simd` (through
/// `Translator::op`, which handles unreachable code and fuel).
macro_rules! define_visit_simd {
    ($(@$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*))*) => {
        $(
            fn $visit(&mut self $($(, $arg: $argty)*)?) -> Self::Output {
                check_encoding!(self, $op $($(, $arg)*)?).map_err(Fail::Other)?;
                self.v.simd_visitor(self.pos).$visit($($($arg.clone()),*)?).map_err(Fail::Invalid)?;
                if self.t.reachable {
                    self.t.need_simd().map_err(Fail::Other)?;
                }
                self.t.offset = self.pos as u32;
                self.t.op_outlined(self.m, &wp::Operator::$op $({ $($arg),* })?).map_err(Fail::Other)
            }
        )*
    };
}

#[allow(clippy::clone_on_copy)]
impl<'a> wp::VisitOperator<'a> for Visit<'_, '_, '_> {
    type Output = core::result::Result<(), Fail>;
    wp::for_each_visit_operator!(define_visit);

    fn simd_visitor(
        &mut self,
    ) -> Option<&mut dyn wp::VisitSimdOperator<'a, Output = Self::Output>> {
        Some(self)
    }
}

#[allow(clippy::clone_on_copy)]
impl<'a> wp::VisitSimdOperator<'a> for Visit<'_, '_, '_> {
    wp::for_each_visit_simd_operator!(define_visit_simd);
}
