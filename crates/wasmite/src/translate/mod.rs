//! Translation of one Wasm function body into the register IR.
//!
//! The translator simulates the operand stack at compile time: an entry is a
//! local (`Local(slot)`), a constant (`Const(bits)`) or a value already in the
//! temp slot of its stack position (`Temp`). `local.get` and constants emit
//! nothing; ops read locals and constants directly (immediate variants) and
//! write their result to the temp of their stack position, or — when a
//! `local.set` follows — straight into the local (`dst` retargeting).
//!
//! Invariants that keep this correct across control flow:
//! - at every block/loop/if entry all `Local` entries are copied to their temps,
//!   so a `local.set` never has to preserve a value below the current block;
//! - branch targets (label positions) are the temps `label_base..`, written by
//!   explicit copies before the jump; block results always end up there;
//! - an `if` with parameters runs its then-branch on copies of the
//!   parameters, so the else-branch still finds the originals.

mod forward;
mod fuse;
mod gc;
mod ops;
mod simd;
mod tails;
mod visit;

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use wasmparser as wp;

use crate::error::{Error, ErrorKind, Result};
use crate::exec::{Catch, CompiledFunc, OpOffsets};
use crate::ir::{ACC, AccOperand, HOIST, Op, Renumber, Slot};
use crate::types::{FuncType, GlobalType, MemoryType, TableType, ValType};
use forward::forward_results;
use visit::{Fail, Visit};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Operand {
    Local(Slot),
    Temp,
    Const(u64),
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    Block,
    Loop,
    If,
    Else,
    /// A `try_table`: a block with catch clauses.
    Try,
    /// A legacy `try`, in its body.
    LegacyTry,
    /// A legacy `try`, in a `catch`/`catch_all` handler: the caught
    /// exception is in the slot of stack position `label_base` (for
    /// `rethrow`), the handler's operands above it.
    LegacyCatch,
}

/// A catch clause of an open `try_table`: its tag (module index, or
/// [`Catch::ALL`]), whether it passes the `exnref`, and its label (relative
/// to the `try_table`'s enclosing block).
#[derive(Clone, Copy, Debug)]
struct Handler {
    tag: u32,
    with_ref: bool,
    label: u32,
}

struct Ctrl {
    kind: Kind,
    /// First stack position of the label's values (results, or params for a loop).
    label_base: usize,
    /// Stack height where this block's operands begin (below: outer blocks).
    stack_base: usize,
    n_params: usize,
    n_results: usize,
    /// Loop start.
    start: u32,
    /// Forward jumps to this block's end.
    patches: Vec<usize>,
    /// The `if`'s jump to its else-branch.
    else_patch: Option<usize>,
    /// Whether the construct itself was reachable.
    reachable: bool,
    /// Whether some jump targets the end.
    label_used: bool,
    /// A `try_table`'s catch clauses (its body, and a legacy `try`'s,
    /// starts at `start`).
    handlers: Vec<Handler>,
    /// Where a legacy `try`'s body ended (at its first handler).
    body_end: u32,
}

/// Reusable translation state (buffers are kept between functions).
#[derive(Default)]
pub(crate) struct Translator {
    code: Vec<Op>,
    offsets: Vec<u32>,
    stack: Vec<Operand>,
    ctrl: Vec<Ctrl>,
    num_locals: usize,
    /// The first temp's slot: past the locals, and past the results when
    /// a return moves `v128` results to their slots itself
    /// ([`Self::emit_return_v`]; those slots must not be renumbered).
    temps: usize,
    max_height: usize,
    reachable: bool,
    offset: u32,
    /// Index of the last op if it wrote the temp at the top of the stack and
    /// nothing jumps between it and the current position (so it can be fused
    /// into a branch or retargeted to a local).
    last_result: Option<usize>,
    /// The last position taken as a jump target ([`Translator::here`]).
    label_at: usize,
    /// Emit fuel metering ops.
    pub fuel: bool,
    /// Emit epoch checks (at function entry and loop headers).
    pub epoch: bool,
    /// Canonicalise NaN results of float arithmetic.
    pub canonicalize_nans: bool,
    /// Multi-memory is on: a memory instruction's flags may carry a memory
    /// index (bit 6), so an alignment of 2^32 or more is invalid, not
    /// malformed.
    pub multi_memory: bool,
    /// The `ConsumeFuel` op of the current basic block.
    fuel_op: Option<usize>,
    /// Constants used inside loops, hoisted into slots set at function entry.
    consts: Vec<u64>,
    /// The hoisted `v128` constants: index in `consts` (whose entry is the
    /// low half, so a scalar constant equal to it may share the slot) and
    /// value.
    vconsts: Vec<(usize, u128)>,
    /// The new index of each op after tail duplication, if it moved them
    /// (targets are renumbered as the code is threaded).
    moved: Vec<u32>,
    /// Scratch space of `forward_results`: which ops are jump targets.
    is_target: Vec<bool>,
    /// The catch clauses of the `try_table`s translated so far (innermost
    /// first), op indices and slots as emitted.
    catches: Vec<Catch>,
    /// Legacy `delegate` entries of `catches` whose skip index is not known
    /// yet: the entry, and the control stack index of the block they
    /// delegate to (resolved when its innermost open child ends).
    delegates: Vec<(usize, usize)>,
    /// Number of `loop` frames on the control stack.
    open_loops: usize,
    /// The function touches `v128` values: every move copies both register
    /// files ([`Op::VCopy`]), so no operand needs a type (see `simd.rs`).
    simd: bool,
    /// In SIMD mode: which locals (params included) are `v128`, so a move
    /// to or from a local copies just the file its type lives in.
    v128_local: Vec<bool>,
    /// In SIMD mode: the function returns a `v128`.
    v128_results: bool,
    /// In SIMD mode, set before each `select`: whether it selects `v128`
    /// values, or values of a type the validator does not know (then
    /// [`Op::VSelect`]; a scalar `select` stays [`Op::Select`]).
    select_v128: bool,
    /// Translation without SIMD mode reached an operator that touches
    /// `v128` values: the function is translated again in SIMD mode.
    retry_simd: bool,
    /// No stack entry below this position is a `Local` (keeps the scans for
    /// locals linear in what changed, not in the stack height).
    local_floor: usize,
}

/// What the translator knows of the module a function belongs to (filled
/// by the module front end, which the translator never sees).
pub(crate) struct ModuleEnv<'a> {
    /// Function types by type index.
    pub types: &'a [FuncType],
    /// Struct and array layouts by type index (`None` for a function type).
    pub layouts: &'a [Option<crate::runtime::Layout>],
    /// Type index of every function, imports first.
    pub funcs: &'a [u32],
    /// Function names from the name section (for error messages).
    pub func_names: &'a BTreeMap<u32, String>,
    /// Memory types, imports first.
    pub memories: &'a [MemoryType],
    /// Table types, imports first.
    pub tables: &'a [TableType],
    /// Global types, imports first.
    pub globals: &'a [GlobalType],
    /// Type index of every tag, imports first.
    pub tags: &'a [u32],
    /// Whether the module has a data count section (required by
    /// `memory.init`/`data.drop`).
    pub has_data_count: bool,
}

impl ModuleEnv<'_> {
    /// The type of function `func`.
    pub fn func_type(&self, func: u32) -> &FuncType {
        &self.types[self.funcs[func as usize] as usize]
    }
    /// Whether table `table` has 64-bit indices.
    pub fn table64(&self, table: u32) -> bool {
        self.tables.get(table as usize).is_some_and(|t| t.table64)
    }
    /// The name of function `func`, if the name section gives one.
    pub fn func_name(&self, func: u32) -> Option<&str> {
        self.func_names.get(&func).map(String::as_str)
    }
}

/// At most this many constants are hoisted per function.
const MAX_HOISTED: usize = 0xff; // 0xffff is `ACC`

fn unsupported(what: impl core::fmt::Display) -> Error {
    Error::of(ErrorKind::Unsupported, format!("{what}"))
}

impl Translator {
    /// Validate and translate function `func` of module `m`, whose
    /// validator `fv` is (`allocs`: reusable validator allocations).
    ///
    /// A function is translated without SIMD mode unless its type or
    /// locals have a `v128`; if an operator touching `v128` values shows
    /// up, it is validated and translated again, in SIMD mode. (Deciding
    /// up front would mean decoding every body twice.)
    pub(crate) fn translate(
        &mut self,
        m: &ModuleEnv<'_>,
        func: u32,
        body: &wp::FunctionBody<'_>,
        fv: &wp::FuncToValidate<wp::ValidatorResources>,
        allocs: &mut wp::FuncValidatorAllocations,
    ) -> Result<CompiledFunc> {
        let validator = |allocs: &mut wp::FuncValidatorAllocations| {
            let fv = wp::FuncToValidate {
                resources: fv.resources.clone(),
                index: fv.index,
                ty: fv.ty,
                features: fv.features,
            };
            fv.into_validator(core::mem::take(allocs))
        };
        let mut v = validator(allocs);
        let mut r = self.translate_as(m, func, body, &mut v, false);
        if r.is_err() && self.retry_simd {
            *allocs = v.into_allocations();
            v = validator(allocs);
            r = self.translate_as(m, func, body, &mut v, true);
        }
        *allocs = v.into_allocations();
        r
    }

    /// [`Translator::translate`] with validator `v`, in SIMD mode if `simd`
    /// or the function's type or locals have a `v128`.
    fn translate_as(
        &mut self,
        m: &ModuleEnv<'_>,
        func: u32,
        body: &wp::FunctionBody<'_>,
        v: &mut wp::FuncValidator<wp::ValidatorResources>,
        simd: bool,
    ) -> Result<CompiledFunc> {
        let ty = m.func_type(func).clone();
        let err_at = |e: Error| {
            let name = m.func_name(func).map(|n| format!(" `{n}`")).unwrap_or_default();
            Error::of(e.kind(), format!("in function #{func}{name}: {}", e.message()))
        };
        let mut num_locals = ty.params().len();
        let mut locals = body.get_locals_reader().map_err(|e| err_at(decode(e)))?;
        let mut declared = Vec::new();
        let mut total: u64 = 0;
        for _ in 0..locals.get_count() {
            let pos = locals.original_position();
            let (count, vt) = locals.read().map_err(|e| err_at(decode(e)))?;
            total += u64::from(count);
            if total > u64::from(u32::MAX) {
                return Err(err_at(Error::malformed("too many locals")));
            }
            declared.push((pos, count, vt));
        }
        let mut v128_locals = Vec::new();
        for (pos, count, vt) in declared {
            v.define_locals(pos, count, vt).map_err(|e| err_at(invalid(e)))?;
            if vt == wp::ValType::V128 {
                v128_locals.push((num_locals, count as usize));
            }
            num_locals += count as usize;
        }
        if num_locals > 60_000 {
            return Err(err_at(unsupported("too many locals")));
        }
        self.code.clear();
        self.offsets.clear();
        self.stack.clear();
        self.ctrl.clear();
        self.num_locals = num_locals;
        self.max_height = 0;
        self.reachable = true;
        self.last_result = None;
        self.label_at = 0;
        self.fuel_op = None;
        self.consts.clear();
        self.vconsts.clear();
        self.open_loops = 0;
        self.catches.clear();
        self.delegates.clear();
        self.local_floor = 0;
        self.simd = simd
            || !v128_locals.is_empty()
            || ty.params().iter().chain(ty.results()).any(|t| *t == ValType::V128);
        self.retry_simd = false;
        self.v128_results = ty.results().contains(&ValType::V128);
        self.temps = match self.v128_results {
            true => num_locals.max(ty.results().len()),
            false => num_locals,
        };
        self.v128_local.clear();
        if self.simd {
            self.v128_local.extend(ty.params().iter().map(|t| *t == ValType::V128));
            self.v128_local.resize(num_locals, false);
            for &(first, count) in &v128_locals {
                self.v128_local[first..first + count].fill(true);
            }
        }
        self.start_fuel_block();
        self.check_epoch();
        // Declared v128 locals start at zero in the v128 file too (the
        // call zeroes their u64 twins).
        // (`num_locals` is at most 60,000 here: every local is a slot.)
        for (first, count) in v128_locals {
            for l in first..first + count {
                self.emit(Op::V128Const { vd: l as Slot, lo: 0 });
            }
        }
        self.ctrl.push(Ctrl {
            kind: Kind::Block,
            label_base: 0,
            stack_base: 0,
            n_params: 0,
            n_results: ty.results().len(),
            start: 0,
            patches: Vec::new(),
            else_patch: None,
            reachable: true,
            label_used: false,
            handlers: Vec::new(),
            body_end: 0,
        });
        let mut ops = body.get_operators_reader().map_err(|e| err_at(decode(e)))?;
        let mut visit = Visit { t: self, m, v, pos: 0 };
        while !ops.eof() {
            visit.pos = ops.original_position();
            match ops.visit_operator(&mut visit).map_err(|e| err_at(decode(e)))? {
                Ok(()) => {}
                Err(Fail::Other(e)) => return Err(err_at(e)),
                Err(Fail::Invalid(e)) => {
                    // A decode error later in the body makes the module malformed.
                    while !ops.eof() {
                        ops.read().map_err(|e| err_at(decode(e)))?;
                    }
                    ops.finish().map_err(|e| err_at(decode(e)))?;
                    return Err(err_at(invalid(e)));
                }
            }
        }
        ops.finish().map_err(|e| err_at(decode(e)))?;
        tails::duplicate(&mut self.code, &mut self.offsets, &mut self.moved);
        // (Slot 0 of a function without params and locals is a temp, which
        // hoisted constants move up.)
        let slot0 = self.temps > 0;
        forward_results(&mut self.code, &self.moved, &mut self.is_target, slot0);
        // The frame is `[locals | constants | temps]`, with the result slots
        // a return of `v128` values moves them to below the constants
        // (FINDINGS #23): every temp moves up by the same number of slots,
        // so runs of temps (a `ReturnN`'s) stay runs (FINDINGS #26).
        let below = self.temps;
        let frame = below + self.consts.len() + self.max_height + 1;
        if frame > u16::MAX as usize
            || (!self.consts.is_empty() && below + self.max_height + 1 > HOIST as usize)
        {
            return Err(err_at(unsupported("function frame too large (over 65535 slots)")));
        }
        let init = self.hoisted_consts_init();
        let map = Renumber {
            locals: below as Slot,
            consts: self.consts.len() as Slot,
            shift: init.len() as u32,
            targets: &self.moved,
        };
        let (threaded, entry) = crate::exec::compile(&init, &self.code, map);
        let catches = self
            .catches
            .iter()
            .map(|c| Catch {
                start: map.target(c.start),
                end: map.target(c.end),
                // (A delegate's `pad` is an index in this table.)
                pad: if c.tag == Catch::DELEGATE { c.pad } else { map.target(c.pad) },
                dst: map.slot(c.dst),
                ref_at: if c.ref_at == Catch::NO_REF { c.ref_at } else { map.slot(c.ref_at) },
                ..*c
            })
            .collect();
        Ok(CompiledFunc {
            index: func,
            threaded,
            entry,
            offsets: OpOffsets::new(&self.offsets),
            frame_size: frame.max(ty.results().len()) as u32,
            num_params: ty.params().len() as u32,
            num_locals: num_locals as u32,
            simd: self.simd,
            catches,
        })
    }

    /// Lay out the frame as `[locals | constants | temps]`: the ops that
    /// set the hoisted constants at function entry (two 32-bit ones per op),
    /// with their offsets. The renumbering of the code's slots and targets
    /// that goes with them ([`Renumber`]) is applied by
    /// [`crate::exec::compile`] as it encodes the ops.
    fn hoisted_consts_init(&mut self) -> Vec<Op> {
        let mut init: Vec<Op> = Vec::with_capacity(self.consts.len());
        for (i, &c) in self.consts.iter().enumerate() {
            let op = const_op(HOIST + i as Slot, c);
            match init.last_mut() {
                Some(last) if let Some(pair) = fuse::fuse_pair(*last, op) => *last = pair,
                _ => init.push(op),
            }
        }
        for &(i, v) in &self.vconsts {
            let vd = HOIST + i as Slot;
            init.push(Op::V128Const { vd, lo: v as u64 });
            if v >> 64 != 0 {
                init.push(Op::V128SetHigh { vd, hi: (v >> 64) as u64 });
            }
        }
        let first = self.offsets.first().copied().unwrap_or(0);
        self.offsets.splice(0..0, core::iter::repeat_n(first, init.len()));
        init
    }

    /// The placeholder slot of constant `c`, hoisted if inside a loop.
    fn hoisted(&mut self, c: u64) -> Option<Slot> {
        if self.open_loops == 0 {
            return None;
        }
        let i = match self.consts.iter().position(|&k| k == c) {
            Some(i) => i,
            None if self.consts.len() < MAX_HOISTED => {
                self.consts.push(c);
                self.consts.len() - 1
            }
            None => return None,
        };
        Some(HOIST + i as Slot)
    }

    // ---- emission helpers ----

    fn emit(&mut self, mut op: Op) -> usize {
        self.pass_in_acc(&mut op);
        if let Some(i) = self.code.len().checked_sub(1)
            && self.label_at != self.code.len()
        {
            if let Some(fused) = fuse::fuse_pair(self.code[i], op) {
                self.code[i] = fused;
                self.last_result = None;
                return i;
            }
            if let Op::Store32 { src: ACC, .. } = op
                && let Some(h) = i.checked_sub(1)
                && self.label_at != i
                && let Some(fused) = fuse::fuse_triple(self.code[h], self.code[i], op)
            {
                self.code[h] = fused;
                self.code.truncate(i);
                self.offsets.truncate(i);
                self.last_result = None;
                return h;
            }
        }
        self.code.push(op);
        self.offsets.push(self.offset);
        self.last_result = None;
        self.code.len() - 1
    }

    /// If `next` is the only reader of the temp the last op just wrote, pass
    /// the value through the accumulator instead of that temp's slot.
    fn pass_in_acc(&mut self, next: &mut Op) {
        let Some(i) = self.last_result else { return };
        if i + 1 != self.code.len() {
            return;
        }
        let Some(dst) = self.code[i].dst_mut() else { return };
        let d = *dst;
        let v = d as usize;
        if d == ACC || v < self.temps || v >= HOIST as usize {
            return;
        }
        // The temp must be off the stack (consumed by `next`), unless `next`
        // writes its own result to the same position.
        let pos = v - self.temps;
        let h = self.stack.len();
        if h > pos + 1 {
            return;
        }
        let taken = match next.take_acc_operand(d, h == pos + 1) {
            AccOperand::Taken => true,
            AccOperand::Swap => {
                next.swap_operands()
                    && next.acc_in_mut().is_some_and(|s| {
                        *s == d && {
                            *s = ACC;
                            true
                        }
                    })
            }
            AccOperand::No => false,
        };
        if taken {
            *dst = ACC;
        }
    }

    /// If the last op is `d = x + c` or `d = x - c` (i32, with `c` negated
    /// then) and temp `d` has just been popped
    /// (its one reader is about to be emitted), remove the op and return
    /// `(x, c)`, for the reader to add `c` itself.
    /// `x` may be [`ACC`] only if `acc_ok` (the reader takes it there).
    pub(super) fn take_add_imm(&mut self, d: Slot, acc_ok: bool) -> Option<(Slot, i32)> {
        let i = self.last_result?;
        let (dst, a, imm) = match *self.code.get(i)? {
            Op::I32AddImm { dst, a, imm } => (dst, a, imm),
            Op::I32SubImm { dst, a, imm } => (dst, a, imm.wrapping_neg()),
            _ => return None,
        };
        let v = d as usize;
        if i + 1 != self.code.len()
            || dst != d
            || (a == ACC && !acc_ok)
            || v < self.temps
            || v >= HOIST as usize
            || self.stack.len() > v - self.temps
        {
            return None;
        }
        self.code.pop();
        self.offsets.pop();
        self.last_result = None;
        Some((a, imm))
    }

    /// Emit an op whose result is the temp at the (new) top of the stack.
    fn emit_result(&mut self, op: Op) {
        let i = self.emit(op);
        self.last_result = Some(i);
    }

    /// The current position, as a jump target: no op is fused across it.
    fn here(&mut self) -> u32 {
        self.label_at = self.code.len();
        self.code.len() as u32
    }

    /// Bind a jump target at the current position.
    fn bind(&mut self, patches: &[usize]) {
        let here = self.here();
        for &p in patches {
            if let Some(t) = self.code[p].target_mut() {
                *t = here;
            }
        }
        self.last_result = None;
        if !patches.is_empty() {
            self.start_fuel_block();
        }
    }

    /// With fuel metering on, start a basic block: a `ConsumeFuel` op whose
    /// amount counts the Wasm operators translated until the next one.
    fn start_fuel_block(&mut self) {
        if self.fuel {
            self.fuel_op = Some(self.emit(Op::ConsumeFuel { amount: 0 }));
        }
    }

    /// With epoch interruption on, check the epoch deadline here (a
    /// function entry or loop header).
    fn check_epoch(&mut self) {
        if self.epoch {
            self.emit(Op::CheckEpoch {});
        }
    }

    /// Charge one Wasm operator to the current basic block.
    pub(super) fn charge_fuel(&mut self) {
        if let Some(Op::ConsumeFuel { amount }) = self.fuel_op.map(|i| &mut self.code[i]) {
            *amount = amount.saturating_add(1);
        }
    }

    /// `dst = src`: a [`Op::Copy`], or in a function that uses `v128` a
    /// [`Op::VCopy`] (both register files) unless a local at either end
    /// says which file the value lives in.
    fn emit_copy(&mut self, dst: Slot, src: Slot) {
        let kind = |s: Slot| -> Option<bool> {
            if s >= HOIST {
                // A hoisted constant: a v128 one or a scalar one.
                Some(self.vconsts.iter().any(|&(i, _)| HOIST + i as Slot == s))
            } else {
                self.v128_local.get(s as usize).copied()
            }
        };
        if self.simd && kind(dst).or(kind(src)) != Some(false) {
            self.emit(Op::VCopy { vd: dst, vs: src });
        } else {
            self.emit(Op::Copy { dst, src });
        }
    }

    /// In a function that uses `v128`: return the `n` values at slots
    /// `start..`, moved to slot 0 by [`Op::VCopy`]s (`Return1`/`ReturnN`
    /// move only the `u64` file).
    fn emit_return_v(&mut self, start: Slot, n: usize) {
        for i in 0..n as Slot {
            if start + i != i {
                self.emit(Op::VCopy { vd: i, vs: start + i });
            }
        }
        self.emit(Op::Return {});
    }

    fn temp(&self, pos: usize) -> Slot {
        (self.temps + pos) as Slot
    }

    #[inline(always)]
    fn push(&mut self, o: Operand) {
        self.stack.push(o);
        self.max_height = self.max_height.max(self.stack.len());
    }

    /// Push a temp and return its slot.
    /// Push the two results of a wide-arithmetic op: temps `out` and
    /// `out + 1`, returned as `out`.
    fn push_wide(&mut self) -> Slot {
        let out = self.push_temp();
        self.push_temp();
        out
    }

    fn push_temp(&mut self) -> Slot {
        self.push(Operand::Temp);
        self.temp(self.stack.len() - 1)
    }

    fn pop(&mut self) -> (Operand, usize) {
        let o = self.stack.pop().expect("validated: operand stack underflow");
        self.local_floor = self.local_floor.min(self.stack.len());
        (o, self.stack.len())
    }

    /// The slot holding operand `o` at position `pos`, materialising constants.
    fn slot(&mut self, o: Operand, pos: usize) -> Slot {
        match o {
            Operand::Local(l) => l,
            Operand::Temp => self.temp(pos),
            Operand::Const(c) => {
                if let Some(s) = self.hoisted(c) {
                    return s;
                }
                let dst = self.temp(pos);
                self.emit(const_op(dst, c));
                self.max_height = self.max_height.max(pos + 1);
                dst
            }
        }
    }

    fn pop_slot(&mut self) -> Slot {
        let (o, p) = self.pop();
        self.slot(o, p)
    }

    /// Make stack entry `pos` live in its own temp.
    fn materialize(&mut self, pos: usize) {
        let dst = self.temp(pos);
        match self.stack[pos] {
            Operand::Temp => return,
            Operand::Local(l) => {
                self.emit_copy(dst, l);
            }
            Operand::Const(c) => {
                self.emit(const_op(dst, c));
            }
        }
        self.stack[pos] = Operand::Temp;
    }

    fn materialize_locals(&mut self) {
        for pos in self.local_floor.min(self.stack.len())..self.stack.len() {
            if matches!(self.stack[pos], Operand::Local(_)) {
                self.materialize(pos);
            }
        }
        self.local_floor = self.stack.len();
    }

    fn truncate(&mut self, len: usize) {
        self.stack.truncate(len);
        self.local_floor = self.local_floor.min(len);
    }

    /// Copy the top `n` stack values to the temps `dst_base..dst_base + n`.
    fn copy_top_to(&mut self, n: usize, dst_base: usize) {
        let h = self.stack.len();
        for i in 0..n {
            let src_pos = h - n + i;
            let dst = self.temp(dst_base + i);
            match self.stack[src_pos] {
                Operand::Temp if src_pos == dst_base + i => {}
                Operand::Temp => {
                    let src = self.temp(src_pos);
                    self.emit_copy(dst, src);
                }
                Operand::Local(l) => {
                    self.emit_copy(dst, l);
                }
                Operand::Const(c) => {
                    self.emit(const_op(dst, c));
                }
            }
        }
    }

    fn label_arity(&self, depth: u32) -> (usize, usize, bool) {
        let c = &self.ctrl[self.ctrl.len() - 1 - depth as usize];
        let n = if c.kind == Kind::Loop { c.n_params } else { c.n_results };
        (n, c.label_base, self.ctrl.len() - 1 - depth as usize == 0)
    }

    /// Emit the return of the top `n` values.
    fn emit_return(&mut self) {
        let n = self.ctrl[0].n_results;
        let h = self.stack.len();
        match n {
            0 => {
                self.emit(Op::Return {});
            }
            1 => {
                let o = self.stack[h - 1];
                // The op that just computed the result can write it to slot 0
                // (where results go) itself. Not if slot 0 is a temp (no
                // params or locals): hoisted constants move temps up.
                let top = self.temp(h - 1);
                if let (Operand::Temp, Some(i)) = (o, self.last_result)
                    && self.temps > 0
                    && i + 1 == self.code.len()
                    && let Some(dst) = self.code[i].dst_mut()
                    && *dst == top
                {
                    *dst = 0;
                    self.emit(Op::Return {});
                    return;
                }
                let src = self.slot(o, h - 1);
                if self.v128_results {
                    self.emit_return_v(src, 1);
                } else {
                    self.emit(Op::Return1 { src });
                }
            }
            _ => {
                // Copy, don't materialise: this may be one of several branch
                // paths (br_if, br_table trampolines) that share the stack.
                self.copy_top_to(n, h - n);
                let start = self.temp(h - n);
                if self.v128_results {
                    self.emit_return_v(start, n);
                } else {
                    self.emit(Op::ReturnN { start, count: n as u16 });
                }
            }
        }
    }

    /// Emit an unconditional jump to label `depth` (with its values).
    fn emit_branch(&mut self, depth: u32) {
        let (n, base, is_fn) = self.label_arity(depth);
        if is_fn {
            return self.emit_return();
        }
        self.copy_top_to(n, base);
        let p = self.emit(Op::Br { target: 0 });
        self.aim(p, depth);
    }

    /// Point branch op `p` at the label `depth` blocks out: a loop's start
    /// now, a block's end when it is bound.
    fn aim(&mut self, p: usize, depth: u32) {
        let idx = self.ctrl.len() - 1 - depth as usize;
        if self.ctrl[idx].kind == Kind::Loop {
            if let Some(t) = self.code[p].target_mut() {
                *t = self.ctrl[idx].start;
            }
        } else {
            self.ctrl[idx].patches.push(p);
            self.ctrl[idx].label_used = true;
        }
    }

    /// Whether jumping to `depth` needs no copies (so a conditional branch can go straight there).
    fn branch_is_plain(&self, depth: u32) -> bool {
        let (n, base, is_fn) = self.label_arity(depth);
        if is_fn {
            return false;
        }
        let h = self.stack.len();
        (0..n).all(|i| self.stack[h - n + i] == Operand::Temp && h - n + i == base + i)
    }

    /// Pop the condition and emit a branch taken when it is true (`!negate`)
    /// or false (`negate`), with target 0 to be patched. Returns the op index.
    fn cond_branch(&mut self, negate: bool) -> usize {
        let (o, pos) = self.pop();
        if let (Operand::Temp, Some(i)) = (o, self.last_result)
            && i == self.code.len() - 1
            && self.code[i].dst_mut().copied() == Some(self.temp(pos))
            && let Some(br) = fuse::fuse_branch(self.code[i], negate)
        {
            self.code.pop();
            self.offsets.pop();
            return self.emit(br);
        }
        let cond = self.slot(o, pos);
        self.emit(if negate {
            Op::BrEqz { cond, target: 0 }
        } else {
            Op::BrNez { cond, target: 0 }
        })
    }

    fn block_arity(&self, m: &ModuleEnv<'_>, bt: wp::BlockType) -> (usize, usize) {
        match bt {
            wp::BlockType::Empty => (0, 0),
            wp::BlockType::Type(_) => (0, 1),
            wp::BlockType::FuncType(i) => {
                let t = &m.types[i as usize];
                (t.params().len(), t.results().len())
            }
        }
    }

    fn push_ctrl(&mut self, kind: Kind, np: usize, nr: usize, stack_base_extra: usize) {
        let base = self.stack.len() - np - stack_base_extra;
        self.open_loops += usize::from(kind == Kind::Loop);
        self.ctrl.push(Ctrl {
            kind,
            label_base: base,
            stack_base: base + stack_base_extra,
            n_params: np,
            n_results: nr,
            start: self.code.len() as u32, // loops set it (as a jump target)
            patches: Vec::new(),
            else_patch: None,
            reachable: self.reachable,
            label_used: false,
            handlers: Vec::new(),
            body_end: 0,
        });
    }

    /// Enter unreachable code: drop the block's operands.
    fn set_unreachable(&mut self) {
        self.reachable = false;
        let base = self.ctrl.last().map_or(0, |c| c.stack_base);
        self.truncate(base);
    }

    fn op_block(&mut self, m: &ModuleEnv<'_>, bt: wp::BlockType, kind: Kind) {
        let (np, nr) = self.block_arity(m, bt);
        if !self.reachable {
            self.open_loops += usize::from(kind == Kind::Loop);
            self.ctrl.push(Ctrl {
                kind,
                label_base: self.stack.len(),
                stack_base: self.stack.len(),
                n_params: np,
                n_results: nr,
                start: 0,
                patches: Vec::new(),
                else_patch: None,
                reachable: false,
                label_used: false,
                handlers: Vec::new(),
                body_end: 0,
            });
            return;
        }
        match kind {
            Kind::Block | Kind::Try | Kind::LegacyTry => {
                self.materialize_locals();
                self.push_ctrl(kind, np, nr, 0);
                if kind != Kind::Block {
                    // The body's ops are a range of their own.
                    let start = self.here();
                    self.ctrl.last_mut().expect("just pushed").start = start;
                }
            }
            Kind::Loop => {
                self.materialize_locals();
                let h = self.stack.len();
                for pos in h - np..h {
                    self.materialize(pos);
                }
                self.last_result = None;
                if self.code.is_empty() {
                    // Op 0 is never a jump target: the threaded backend's
                    // branches rely on it (`branch_to!`).
                    self.code.push(Op::Br { target: 1 });
                    self.offsets.push(self.offset);
                }
                // The back edge must land on the fuel op and the epoch
                // check, so every iteration pays and checks.
                let start = self.here();
                self.start_fuel_block();
                self.check_epoch();
                self.push_ctrl(kind, np, nr, 0);
                self.ctrl.last_mut().expect("just pushed").start = start;
            }
            _ => {
                // `if`: condition first (fusable), then make locals safe, then branch.
                let fused = self.take_fusable_cond();
                let cond = if fused.is_none() { Some(self.pop()) } else { None };
                self.materialize_locals();
                let h = self.stack.len();
                for pos in h - np..h {
                    self.materialize(pos);
                }
                let p = match (fused, cond) {
                    (Some(op), _) => self.emit(op),
                    (None, Some((o, pos))) => {
                        let cond = self.slot(o, pos);
                        self.emit(Op::BrEqz { cond, target: 0 })
                    }
                    (None, None) => unreachable!(),
                };
                // The then-branch works on copies of the params.
                let h = self.stack.len();
                for i in 0..np {
                    let (dst, src) = (self.temp(h + i), self.temp(h - np + i));
                    self.emit_copy(dst, src);
                    self.push(Operand::Temp);
                }
                self.push_ctrl(Kind::If, np, nr, np);
                self.ctrl.last_mut().unwrap().else_patch = Some(p);
            }
        }
    }

    /// If the condition on top is a compare just emitted, remove it and return
    /// the equivalent "branch if false" op (target to patch); pops the condition.
    fn take_fusable_cond(&mut self) -> Option<Op> {
        let pos = self.stack.len() - 1;
        let i = self.last_result?;
        if self.stack[pos] != Operand::Temp
            || i != self.code.len() - 1
            || self.code[i].dst_mut().copied() != Some(self.temp(pos))
        {
            return None;
        }
        let br = fuse::fuse_branch(self.code[i], true)?;
        self.code.pop();
        self.offsets.pop();
        self.last_result = None;
        self.stack.pop();
        self.local_floor = self.local_floor.min(self.stack.len());
        Some(br)
    }

    fn op_else(&mut self) {
        let reachable = self.reachable;
        let c = self.ctrl.last().expect("validated");
        let (np, nr, base) = (c.n_params, c.n_results, c.label_base);
        if reachable {
            self.copy_top_to(nr, base);
            let p = self.emit(Op::Br { target: 0 });
            let c = self.ctrl.last_mut().unwrap();
            c.patches.push(p);
            c.label_used = true;
        }
        let c = self.ctrl.last_mut().unwrap();
        c.kind = Kind::Else;
        c.stack_base = base;
        let ep = c.else_patch.take();
        self.reachable = c.reachable;
        if let Some(p) = ep {
            self.bind(&[p]);
        }
        self.truncate(base);
        for _ in 0..np {
            self.push(Operand::Temp);
        }
    }

    fn op_end(&mut self) {
        if self.ctrl.len() == 1 {
            if self.reachable {
                self.emit_return();
            }
            self.ctrl.pop();
            return;
        }
        let mut c = self.ctrl.pop().expect("validated");
        self.open_loops -= usize::from(c.kind == Kind::Loop);
        if self.reachable {
            self.copy_top_to(c.n_results, c.label_base);
        }
        let reachable_end = self.reachable;
        let mut reachable = self.reachable || c.label_used;
        if c.kind == Kind::Try && c.reachable && !c.handlers.is_empty() {
            let end = self.code.len() as u32;
            if reachable_end {
                // The body falls through past the pads.
                let p = self.emit(Op::Br { target: 0 });
                c.patches.push(p);
            }
            self.catch_pads(c.start, end, &c.handlers);
        }
        if let Some(p) = c.else_patch {
            // `if` without `else`: the false path falls through to the end.
            self.bind(&[p]);
            reachable |= c.reachable;
        }
        if c.kind != Kind::Loop {
            self.bind(&c.patches);
        }
        self.last_result = None;
        self.reachable = reachable && c.reachable;
        self.truncate(c.label_base);
        if self.reachable {
            for _ in 0..c.n_results {
                self.push(Operand::Temp);
            }
        }
        // Delegates to the block around this one skip its entries (and
        // those of everything inside it).
        let parent = self.ctrl.len() - 1;
        let next = self.catches.len() as u32;
        let catches = &mut self.catches;
        self.delegates.retain(|&(entry, target)| {
            let done = target == parent;
            if done {
                catches[entry].pad = next;
            }
            !done
        });
    }

    /// Legacy `catch` (`tag`) or `catch_all` (`None`): end the `try`'s body
    /// or previous handler and start a handler, whose entry in the catch
    /// table covers the body. The handler gets the caught exception in a
    /// slot of its own (for `rethrow`) and the payload as operands.
    fn op_legacy_catch(&mut self, m: &ModuleEnv<'_>, tag: Option<u32>) -> Result<()> {
        let c = self.ctrl.last().expect("validated");
        let (nr, base, try_reachable) = (c.n_results, c.label_base, c.reachable);
        let params = tag.map_or(&[][..], |t| m.types[m.tags[t as usize] as usize].params());
        if try_reachable && params.contains(&ValType::V128) {
            self.need_simd()?;
        }
        if self.reachable {
            self.copy_top_to(nr, base);
            let p = self.emit(Op::Br { target: 0 });
            let c = self.ctrl.last_mut().expect("validated");
            c.patches.push(p);
            c.label_used = true;
        }
        let end = self.code.len() as u32;
        let c = self.ctrl.last_mut().expect("validated");
        if c.kind == Kind::LegacyTry {
            c.kind = Kind::LegacyCatch;
            c.body_end = end;
        }
        let (start, end) = (c.start, c.body_end);
        c.stack_base = base + 1;
        self.reachable = try_reachable;
        self.truncate(base);
        self.push(Operand::Temp);
        if try_reachable {
            let pad = self.here();
            self.last_result = None;
            self.start_fuel_block();
            self.catches.push(Catch {
                start,
                end,
                tag: tag.unwrap_or(Catch::ALL),
                pad,
                dst: self.temp(base + 1),
                ref_at: self.temp(base),
            });
        }
        for _ in 0..params.len() {
            self.push(Operand::Temp);
        }
        Ok(())
    }

    /// Legacy `rethrow`: raise again the exception the handler `depth`
    /// blocks out caught.
    fn op_rethrow(&mut self, depth: u32) {
        let c = &self.ctrl[self.ctrl.len() - 1 - depth as usize];
        let exn = self.temp(c.label_base);
        self.emit(Op::ThrowRef { exn });
        self.set_unreachable();
    }

    /// Legacy `delegate`: end the `try`; an exception raised in its body is
    /// handled as if raised by the block `depth` labels out of it (by the
    /// caller's handlers for the function's label).
    fn op_delegate(&mut self, depth: u32) {
        let c = self.ctrl.last().expect("validated");
        if c.reachable {
            let target = self.ctrl.len() - 2 - depth as usize;
            let entry = self.catches.len();
            self.catches.push(Catch {
                start: c.start,
                end: self.code.len() as u32,
                tag: Catch::DELEGATE,
                pad: u32::MAX,
                dst: 0,
                ref_at: Catch::NO_REF,
            });
            if target > 0 {
                self.delegates.push((entry, target));
            }
        }
        self.op_end();
    }

    /// After a `try_table`'s body (ops `start..end`): a landing pad per
    /// catch clause, a jump to its label (or a return), where the unwinder
    /// puts the payload in the label's slots; and the clauses' entries in
    /// the catch table. The control stack is the `try_table`'s enclosing
    /// one, against which the clauses' labels count.
    fn catch_pads(&mut self, start: u32, end: u32, handlers: &[Handler]) {
        for h in handlers {
            let pad = self.here();
            self.last_result = None;
            let (n, base, is_fn) = self.label_arity(h.label);
            let dst = self.temp(base);
            if is_fn {
                if self.v128_results {
                    self.emit_return_v(dst, n);
                } else {
                    self.emit(match n {
                        0 => Op::Return {},
                        1 => Op::Return1 { src: dst },
                        _ => Op::ReturnN { start: dst, count: n as u16 },
                    });
                }
            } else {
                let p = self.emit(Op::Br { target: 0 });
                self.aim(p, h.label);
            }
            // The `exnref` is the label's last value, after the payload.
            let ref_at = if h.with_ref { dst + (n - 1) as Slot } else { Catch::NO_REF };
            self.catches.push(Catch { start, end, tag: h.tag, pad, dst, ref_at });
        }
    }

    /// `throw`: the payload (the tag's parameters) goes to consecutive temps.
    fn op_throw(&mut self, m: &ModuleEnv<'_>, tag: u32) -> Result<()> {
        let t = &m.types[m.tags[tag as usize] as usize];
        if t.params().contains(&ValType::V128) {
            self.need_simd()?;
        }
        let np = t.params().len();
        let h = self.stack.len();
        for pos in h - np..h {
            self.materialize(pos);
        }
        let base = self.temp(h - np);
        self.emit(Op::Throw { tag, base });
        self.set_unreachable();
        Ok(())
    }

    /// `try_table`: a block whose catch clauses are noted for its end.
    fn op_try_table(&mut self, m: &ModuleEnv<'_>, t: &wp::TryTable) -> Result<()> {
        let mut handlers = Vec::with_capacity(t.catches.len());
        for c in &t.catches {
            let (tag, with_ref, label) = match *c {
                wp::Catch::One { tag, label } => (tag, false, label),
                wp::Catch::OneRef { tag, label } => (tag, true, label),
                wp::Catch::All { label } => (Catch::ALL, false, label),
                wp::Catch::AllRef { label } => (Catch::ALL, true, label),
            };
            if tag != Catch::ALL
                && m.types[m.tags[tag as usize] as usize].params().contains(&ValType::V128)
            {
                self.need_simd()?;
            }
            handlers.push(Handler { tag, with_ref, label });
        }
        self.block_v128(m, t.ty)?;
        self.op_block(m, t.ty, Kind::Try);
        if let Some(c) = self.ctrl.last_mut() {
            c.handlers = handlers;
        }
        Ok(())
    }

    fn op_br_if(&mut self, depth: u32) {
        if self.branch_is_plain_after_pop(depth) {
            let p = self.cond_branch(false);
            self.aim(p, depth);
        } else {
            let skip = self.cond_branch(true);
            self.emit_branch(depth);
            self.bind(&[skip]);
        }
    }

    /// `br_on_null`: branch if the reference on top is null (popping it
    /// first); else it stays.
    fn op_br_on_null(&mut self, depth: u32) {
        let (o, pos) = self.pop();
        let a = self.slot(o, pos);
        // The reference stays for the code after the branch: its producer
        // must write its slot, not pass it to the branch in the accumulator.
        self.last_result = None;
        self.ref_branch(depth, a, true);
        self.push(o);
    }

    /// `br_on_non_null`: branch with the reference if it is not null; else
    /// drop it.
    fn op_br_on_non_null(&mut self, depth: u32) {
        let (o, pos) = self.pop();
        let a = self.slot(o, pos);
        self.push(o);
        self.ref_branch(depth, a, false);
        self.pop();
    }

    /// Branch to `depth` (with the label's values on top of the stack) if
    /// the reference in slot `a` is null (`if_null`) or not.
    fn ref_branch(&mut self, depth: u32, a: Slot, if_null: bool) {
        let test = |target, taken_if_null: bool| {
            if taken_if_null {
                Op::BrI64EqImm { a, imm: 0, target }
            } else {
                Op::BrI64NeImm { a, imm: 0, target }
            }
        };
        if self.branch_is_plain(depth) {
            let p = self.emit(test(0, if_null));
            self.aim(p, depth);
        } else {
            let skip = self.emit(test(0, !if_null));
            self.emit_branch(depth);
            self.bind(&[skip]);
        }
    }

    fn branch_is_plain_after_pop(&mut self, depth: u32) -> bool {
        let cond = self.stack.pop().expect("validated");
        let plain = self.branch_is_plain(depth);
        self.stack.push(cond);
        plain
    }

    fn op_br_table(&mut self, targets: &wp::BrTable<'_>) -> Result<()> {
        let index = self.pop_slot();
        let (index, add) = self.take_add_imm(index, true).unwrap_or((index, 0));
        let mut all: Vec<u32> = Vec::with_capacity(targets.len() as usize + 1);
        for t in targets.targets() {
            all.push(t.map_err(decode)?);
        }
        all.push(targets.default());
        self.emit(Op::BrTable { index, len: all.len() as u32, add });
        let first = self.code.len();
        for _ in &all {
            self.emit(Op::Br { target: 0 });
        }
        for (i, &depth) in all.iter().enumerate() {
            let at = first + i;
            if self.branch_is_plain(depth) {
                let idx = self.ctrl.len() - 1 - depth as usize;
                if self.ctrl[idx].kind == Kind::Loop {
                    self.code[at] = Op::Br { target: self.ctrl[idx].start };
                } else {
                    self.ctrl[idx].patches.push(at);
                    self.ctrl[idx].label_used = true;
                }
            } else {
                self.code[at] = Op::Br { target: self.here() };
                self.emit_branch(depth);
            }
        }
        Ok(())
    }

    /// A tail call: as a call, then the return of the results a host callee
    /// leaves in the argument temps (a Wasm callee replaces the frame and
    /// returns from it itself).
    fn op_tail_call(&mut self, np: usize, nr: usize, call: impl FnOnce(Slot) -> Op) {
        if self.simd {
            // The arguments go to slot 0 by `VCopy`s (the tail call moves
            // only the u64 file), and the call takes them from there.
            let h = self.stack.len();
            for pos in h - np..h {
                self.materialize(pos);
            }
            let args = self.temp(h - np);
            for i in 0..np as Slot {
                if args + i != i {
                    self.emit(Op::VCopy { vd: i, vs: args + i });
                }
            }
            self.emit(call(0));
            self.truncate(h - np);
            self.emit_return_v(0, nr);
            self.set_unreachable();
            return;
        }
        let base = self.temp(self.stack.len() - np);
        self.op_call(np, nr, call);
        self.emit(match nr {
            0 => Op::Return {},
            1 => Op::Return1 { src: base },
            _ => Op::ReturnN { start: base, count: nr as u16 },
        });
        self.set_unreachable();
    }

    fn op_call(&mut self, np: usize, nr: usize, call: impl FnOnce(Slot) -> Op) {
        let h = self.stack.len();
        for pos in h - np..h {
            self.materialize(pos);
        }
        let base = self.temp(h - np);
        self.emit(call(base));
        self.truncate(h - np);
        for _ in 0..nr {
            self.push(Operand::Temp);
        }
    }

    fn op_local_set(&mut self, local: u32, tee: bool) {
        let l = local as Slot;
        let (o, pos) = self.pop();
        // Preserve stacked reads of the local before overwriting it.
        for p in self.local_floor.min(self.stack.len())..self.stack.len() {
            if self.stack[p] == Operand::Local(l) {
                self.materialize(p);
            }
        }
        match o {
            Operand::Local(src) if src == l => {}
            Operand::Local(src) => {
                self.emit_copy(l, src);
            }
            Operand::Const(c) => {
                self.emit(const_op(l, c));
            }
            Operand::Temp => {
                let t = self.temp(pos);
                match self.last_result {
                    Some(i)
                        if i == self.code.len() - 1
                            && self.code[i].dst_mut().copied() == Some(t) =>
                    {
                        *self.code[i].dst_mut().unwrap() = l;
                    }
                    Some(i)
                        if i == self.code.len() - 1
                            && self.code[i].vd_mut().copied() == Some(t) =>
                    {
                        *self.code[i].vd_mut().unwrap() = l;
                    }
                    _ => {
                        self.emit_copy(l, t);
                    }
                }
            }
        }
        self.last_result = None;
        if tee {
            self.push(Operand::Local(l));
        }
    }
}

fn const_op(dst: Slot, c: u64) -> Op {
    if c <= u32::MAX as u64 {
        Op::Const32 { dst, val: c as u32 }
    } else {
        Op::Const64 { dst, val: c }
    }
}

fn decode(e: wp::BinaryReaderError) -> Error {
    Error::malformed(format!("{} (at offset {:#x})", e.message(), e.offset()))
}

fn invalid(e: wp::BinaryReaderError) -> Error {
    Error::invalid(format!("{} (at offset {:#x})", e.message(), e.offset()))
}

#[cfg(test)]
mod tests;
