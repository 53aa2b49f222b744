//! The threaded backend: every op carries a safe `fn` pointer to its
//! handler, and a handler ends by calling the next op's handler in tail
//! position. In optimised builds LLVM turns those calls into jumps (sibling
//! calls), so there is no central loop and no native stack growth; a trap, a
//! host call or the end of the call returns straight back to [`run`].
//!
//! Registers are a `&[Cell<u64>; WINDOW]` window of the value stack starting at
//! the frame base: a `u16` slot indexes it without a bounds check. The value
//! stack is allocated with `WINDOW` spare slots past its limit to make every
//! window valid.
//!
//! Handlers return a plain `u64` (never a `Result`, which would be returned
//! through memory and break the tail calls); how the chain ended is left in
//! [`State::exit`].

use alloc::boxed::Box;
use alloc::sync::Arc;

use alloc::vec::Vec;
use core::cell::Cell;
use core::sync::atomic::{AtomicU64, Ordering};

use super::ops::*;

use super::portable::trap_at;
use super::{CompiledFunc, FuncEntity, FuncKind, InstanceEntity, StoreInner};
use super::{Frame, Outcome};
use crate::error::{TrapAt, TrapCode};
use crate::ir::{ACC, Flat, Op, Slot, flat};
use crate::limits::ResourceLimiter;
use crate::runtime::{GcHeap, GlobalEntity, MemoryEntity, TableEntity, TypeRegistry};
use crate::semantics as sem;

mod thread;
pub(crate) use thread::compile;

/// Slots addressable from a frame base (`u16` slots).
pub(crate) const WINDOW: usize = 1 << 16;

type Regs<'a> = &'a [Cell<u64>; WINDOW];

/// A handler: the code from its op on (`ops[0]` is the op), the frame's
/// registers, the accumulator, the machine state.
pub(crate) type Handler = for<'a, 'b> fn(Ops<'a>, Regs<'a>, u64, &'b mut State<'a>) -> u64;

/// The ops from the running one on. An iterator (start and end pointers)
/// rather than a slice (start and length): stepping to the next op moves
/// one pointer, and the end stays put.
pub(crate) type Ops<'a> = core::slice::Iter<'a, TOp>;

/// The running op and the ones after it.
#[inline(always)]
fn split_first(mut ops: Ops<'_>) -> Option<(&TOp, Ops<'_>)> {
    let t = ops.next()?;
    Some((t, ops))
}

/// An op with the handler of the op *after* it: a handler continues with
/// `(t.next)(rest, ..)`, reading nothing of the next op but its own fields,
/// so the chain costs one bounds check per op and no register shuffling.
/// (The handler of op 0 is `CompiledFunc::entry`; of a jump target `k`,
/// op `k - 1`'s `next`. `br_table` ops and their entries, which are never
/// jump targets, differ: see [`thread_table`].)
#[derive(Clone, Copy)]
pub(crate) struct TOp {
    next: Handler,
    /// The op in flat encoding: handlers read their fields at fixed offsets
    /// (`ir::flat`), the portable backend and the disassembler decode it.
    raw: Flat,
}

impl TOp {
    /// The op.
    #[inline(always)]
    pub(crate) fn op(&self) -> Op {
        Op::decode(&self.raw)
    }
}

impl core::fmt::Debug for TOp {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}", self.op())
    }
}

/// The handler after the last op: execution fell off the code (the
/// translator always ends a function with a return, so never reached).
fn end_of_code<'a>(_: Ops<'a>, _: Regs<'a>, _: u64, st: &mut State<'a>) -> u64 {
    fell_off(st)
}

/// The running instance's index spaces (store addresses), copied out of
/// its `InstanceEntity` so a lookup loads the slice from `State` directly.
/// `inst!()` in the op bodies is this.
#[derive(Clone, Copy)]
struct InstView<'a> {
    funcs: &'a [u32],
    tables: &'a [u32],
    globals: &'a [u32],
    types: &'a [u32],
    elems: &'a [u32],
    datas: &'a [u32],
}

impl<'a> InstView<'a> {
    fn of(inst: &'a InstanceEntity) -> Self {
        InstView {
            funcs: &inst.funcs,
            tables: &inst.tables,
            globals: &inst.globals,
            types: &inst.types,
            elems: &inst.elems,
            datas: &inst.datas,
        }
    }
}

/// Everything a handler may touch.
pub(crate) struct State<'a> {
    code: &'a [TOp],
    func: &'a CompiledFunc,
    inst: &'a InstanceEntity,
    /// `inst`'s index spaces.
    view: InstView<'a>,
    inst_idx: u32,
    /// Memory 0 of the running instance, moved out of `memories` for the run
    /// (one indirection less per access); `mem_addr` is its store address.
    mem: MemoryEntity,
    mem_addr: usize,
    base: usize,
    stack: &'a [Cell<u64>],
    frames: &'a mut Vec<Frame>,
    funcs: &'a [FuncEntity],
    instances: &'a [InstanceEntity],
    memories: &'a mut Vec<MemoryEntity>,
    tables: &'a mut Vec<TableEntity>,
    globals: &'a mut [GlobalEntity],
    elems: &'a mut Vec<Box<[u64]>>,
    datas: &'a mut Vec<Arc<[u8]>>,
    fuel: &'a mut u64,
    /// The engine's epoch and the store's deadline (`CheckEpoch`).
    epoch: &'a AtomicU64,
    epoch_deadline: u64,
    limiter: Option<&'a mut dyn ResourceLimiter>,
    depth: usize,
    max_depth: usize,
    max_slots: usize,
    /// Always 0 (see `do_call`).
    zero: u64,
    /// How the chain ended (`None` while running).
    exit: Option<Result<Outcome, TrapAt>>,
    /// The `v128` register file (`Stack::vvalues`), read by SIMD handlers
    /// only (through [`vwindow`]).
    vstack: &'a [Cell<[u8; 16]>],
    /// The GC heap.
    heap: &'a mut GcHeap,
    /// The store's canonical types (a `call_indirect` subtype check, GC
    /// layouts and casts).
    types: &'a TypeRegistry,
}

/// The `v128` registers of the frame at `base` (`None` only if no module
/// using `v128` was instantiated, when no SIMD op can run).
#[inline(always)]
fn vwindow(stack: &[Cell<[u8; 16]>], base: usize) -> Option<&[Cell<[u8; 16]>; WINDOW]> {
    stack.get(base..base.checked_add(WINDOW)?).and_then(|s| s.try_into().ok())
}

/// The registers of the frame at `base`. Always `Some` (the value stack
/// keeps `WINDOW` spare slots); handlers end the chain on `None` with a
/// jump rather than panic, as a panic call would cost the hot path a stack
/// frame.
#[inline(always)]
fn window(stack: &[Cell<u64>], base: usize) -> Option<Regs<'_>> {
    stack.get(base..base.checked_add(WINDOW)?).and_then(|s| s.try_into().ok())
}

/// The code and instance of Wasm function `func` (`None`, never the case
/// for a frame, if it is a host function).
#[inline(always)]
fn code_of(funcs: &[FuncEntity], func: u32) -> Option<(&CompiledFunc, u32)> {
    match &funcs.get(func as usize)?.kind {
        FuncKind::Wasm { instance, code } => Some((code, *instance)),
        FuncKind::Host(_) => None,
    }
}

/// Continue with the op after `$t` (the rest of the code is `$rest`).
macro_rules! next {
    ($t:expr, $rest:expr, $regs:expr, $acc:expr, $st:expr) => {{
        let h = $t.next;
        return h($rest, $regs, $acc, $st);
    }};
}

/// Jump to op `$target` of the current function.
macro_rules! jump_to {
    ($target:expr, $regs:expr, $acc:expr, $st:expr) => {{
        let (code, t) = ($st.code, $target as usize);
        let h = match t.checked_sub(1) {
            None => $st.func.entry,
            Some(p) => match code.get(p) {
                Some(prev) => prev.next,
                None => return fell_off($st),
            },
        };
        match code.get(t..) {
            Some(ops) => return h(ops.iter(), $regs, $acc, $st),
            None => return fell_off($st),
        }
    }};
}

/// [`jump_to!`] for a branch: its target is never op 0 (the translator
/// makes sure), so the handler is always the one stored in the op before,
/// and one check finds both. (`nth` on the code's iterator: one compare,
/// and the end pointer is the code's, not recomputed from the target.)
macro_rules! branch_to {
    ($target:expr, $regs:expr, $acc:expr, $st:expr) => {{
        let mut ops = $st.code.iter();
        match ops.nth(($target as usize).wrapping_sub(1)) {
            Some(prev) => return (prev.next)(ops, $regs, $acc, $st),
            None => return fell_off($st),
        }
    }};
}

impl<'a> State<'a> {
    /// Return into frame `f`: make it the running one and continue at its
    /// `ip`, which is past its call op, so never 0 (a branch target, as far
    /// as finding the handler goes). The common case (same instance) stays
    /// in the caller's handler, call-free.
    #[inline(always)]
    fn enter(&mut self, f: Frame, acc: u64) -> u64 {
        let Some((func, inst)) = code_of(self.funcs, f.func) else { return fell_off(self) };
        if inst != self.inst_idx {
            return self.enter_other_instance(f.func, f.ip, f.base, acc);
        }
        self.func = func;
        self.code = &func.threaded;
        self.base = f.base as usize;
        let Some(regs) = window(self.stack, self.base) else { return fell_off(self) };
        branch_to!(f.ip, regs, acc, self)
    }

    /// [`State::enter`] for frame (`func`, `ip`, `base`) of another
    /// instance: swap the cached memory. (Scalars, not a `Frame`, so the
    /// callers pass them in registers and jump here.)
    #[cold]
    #[inline(never)]
    fn enter_other_instance(&mut self, func: u32, ip: u32, base: u32, acc: u64) -> u64 {
        let Some((code, inst)) = code_of(self.funcs, func) else { return fell_off(self) };
        self.func = code;
        self.code = &code.threaded;
        self.inst_idx = inst;
        self.inst = &self.instances[inst as usize];
        self.view = InstView::of(self.inst);
        self.swap_memory();
        self.base = base as usize;
        let Some(regs) = window(self.stack, self.base) else { return fell_off(self) };
        jump_to!(ip, regs, acc, self)
    }

    #[cold]
    #[inline(never)]
    fn trap(&mut self, code: TrapCode, at: usize) -> u64 {
        self.exit = Some(Err(trap_at(code, self.func, self.inst, at + 1)));
        opaque_zero()
    }

    /// Put the cached memory back and cache the running instance's memory 0.
    #[cold]
    fn swap_memory(&mut self) {
        put_back(self.memories, self.mem_addr, &mut self.mem);
        self.mem_addr = self.inst.memories.first().map_or(usize::MAX, |&a| a as usize);
        self.mem = take_memory(self.memories, self.mem_addr);
    }

    /// Index of `rest`'s first op in the current code.
    #[inline(always)]
    fn ip_of(&self, rest: &Ops<'_>) -> usize {
        self.code.len() - rest.len()
    }
}

/// Move memory `addr` out of the store (a dummy stays in its place).
fn take_memory(memories: &mut [MemoryEntity], addr: usize) -> MemoryEntity {
    let dummy = MemoryEntity { ty: crate::types::MemoryType::new(0, Some(0)), data: Vec::new() };
    match memories.get_mut(addr) {
        Some(m) => core::mem::replace(m, dummy),
        None => dummy,
    }
}

/// Return a memory taken by [`take_memory`].
fn put_back(memories: &mut [MemoryEntity], addr: usize, mem: &mut MemoryEntity) {
    if let Some(slot) = memories.get_mut(addr) {
        core::mem::swap(slot, mem);
    }
}

/// Memory `m` of `inst`: the cached one or one in the store.
#[inline(always)]
fn mem_of<'m>(
    cached: &'m mut MemoryEntity,
    cached_addr: usize,
    all: &'m mut [MemoryEntity],
    inst: &InstanceEntity,
    m: u32,
) -> &'m mut MemoryEntity {
    let addr = inst.memories[m as usize] as usize;
    if addr == cached_addr { cached } else { &mut all[addr] }
}

#[cold]
#[inline(never)]
fn fell_off(st: &mut State<'_>) -> u64 {
    st.exit = Some(Err(TrapAt::new(TrapCode::Unreachable)));
    opaque_zero()
}

/// End the chain with `outcome` (out of line: see [`opaque_zero`]).
#[cold]
#[inline(never)]
fn finish(st: &mut State<'_>, outcome: Outcome) -> u64 {
    st.exit = Some(Ok(outcome));
    opaque_zero()
}

/// End the chain: the entry frame returned.
#[cold]
#[inline(never)]
fn done(st: &mut State<'_>) -> u64 {
    finish(st, Outcome::Done)
}

/// End the chain to call host function `func` with arguments at `base`
/// (the caller resumes at `ip`).
#[cold]
#[inline(never)]
fn host_call(func: u32, base: usize, ip: usize, st: &mut State<'_>) -> u64 {
    if let Some(f) = st.frames.last_mut() {
        f.ip = ip as u32;
    }
    let instance = st.inst_idx;
    finish(st, Outcome::HostCall { func, base, instance })
}

/// End the chain to raise an exception (`outcome`); the running frame's
/// resume point is `ip`, the op after the raising one.
#[cold]
#[inline(never)]
fn raise(outcome: Outcome, ip: usize, st: &mut State<'_>) -> u64 {
    if let Some(f) = st.frames.last_mut() {
        f.ip = ip as u32;
    }
    finish(st, outcome)
}

/// A tail call to host function `func` from the op at `ops[0]`, arguments
/// at slot `b`: a host call as by `Call`, resuming at the op after (which
/// returns the results).
#[cold]
#[inline(never)]
fn tail_call_host(func: u32, b: u16, ops: Ops<'_>, st: &mut State<'_>) -> u64 {
    let ip = st.ip_of(&ops) + 1;
    host_call(func, st.base + b as usize, ip, st)
}

/// Suspend at op `at` for lack of `amount` fuel.
#[cold]
#[inline(never)]
fn out_of_fuel(amount: u64, at: usize, st: &mut State<'_>) -> u64 {
    if let Some(f) = st.frames.last_mut() {
        f.ip = at as u32;
    }
    let trap = trap_at(TrapCode::OutOfFuel, st.func, st.inst, at + 1);
    finish(st, Outcome::OutOfFuel { trap, required: amount })
}

/// [`bulk_len!`] of the bulk op `op`, with the accessor macros of the
/// shared bodies (out of line: a cold path; outside module `h`, so
/// `.ci/check-tail-calls` does not take it for a handler).
#[cold]
#[inline(never)]
fn bulk_len_of<'a>(op: Op, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> Option<u64> {
    macro_rules! r {
        ($s:expr) => {{
            let s: Slot = $s;
            if s == ACC { acc } else { regs[s as usize].get() }
        }};
    }
    macro_rules! memory {
        ($m:expr) => {
            (*mem_of(&mut st.mem, st.mem_addr, &mut st.memories[..], st.inst, $m))
        };
    }
    macro_rules! tables {
        () => {
            st.tables
        };
    }
    macro_rules! datas {
        () => {
            st.datas
        };
    }
    macro_rules! elems {
        () => {
            st.elems
        };
    }
    macro_rules! inst {
        () => {
            st.view
        };
    }
    bulk_len!(op)
}

/// Stop at op `at` to collect the GC heap (the op runs again).
#[cold]
#[inline(never)]
fn collect_at(at: usize, st: &mut State<'_>) -> u64 {
    if let Some(f) = st.frames.last_mut() {
        f.ip = at as u32;
    }
    finish(st, Outcome::Collect)
}

/// Stop at op `at`: the epoch deadline is reached.
#[cold]
#[inline(never)]
fn epoch_deadline(at: usize, st: &mut State<'_>) -> u64 {
    if let Some(f) = st.frames.last_mut() {
        f.ip = at as u32;
    }
    let trap = trap_at(TrapCode::Interrupt, st.func, st.inst, at + 1);
    finish(st, Outcome::Interrupt { trap })
}

/// The value of a handler that ends the chain, hidden from the optimiser:
/// were it known to be 0, a handler calling a cold exit would keep a stack
/// frame to return that 0 itself, on its hot path too, instead of jumping to
/// the exit.
#[inline(always)]
fn opaque_zero() -> u64 {
    core::hint::black_box(0)
}

/// Expand the shared op list into handler functions, in one of the four
/// accumulator forms (`$in`: the first operand comes from the accumulator;
/// `$out`: the result goes to it).
macro_rules! threaded_handlers {
    (($in:ident, $out:ident) $( $name:ident { $($f:ident),* } => $body:block; )*) => {
        $( with_in_field!($in, ($out, $name { $($f),* } $body), $($f),*); )*
    };
}

/// Call `threaded_handler!` with the name of the operand read from the
/// accumulator (the first field after `dst`), or a name no field has.
macro_rules! with_in_field {
    (yes, $args:tt, dst, $first:ident $(, $rest:ident)*) => { threaded_handler!($args $first); };
    (yes, $args:tt, dst) => { threaded_handler!($args __no_acc_in); };
    (yes, $args:tt, $first:ident $(, $rest:ident)*) => { threaded_handler!($args $first); };
    (yes, $args:tt, ) => { threaded_handler!($args __no_acc_in); };
    (no, $args:tt, $($f:ident),*) => { threaded_handler!($args __no_acc_in); };
}

/// One handler, defining the accessor macros the bodies use (here, so their
/// names refer to the handler's parameters). `r!($acc_in)` reads the
/// accumulator; `w!(dst, ..)` writes it when `$out` is `yes`.
macro_rules! threaded_handler {
    (($out:ident, $name:ident { $($f:ident),* } $body:block) $acc_in:ident) => {
        #[allow(non_snake_case, unused_variables, unused_mut, unused_macros, unused_assignments)]
        pub(crate) fn $name<'a>(ops: Ops<'a>, regs: Regs<'a>, mut acc: u64, st: &mut State<'a>) -> u64 {
            let Some((t, rest)) = split_first(ops) else { return fell_off(st) };
            let ($($f,)*) = flat::$name(&t.raw);
            macro_rules! r {
                ($acc_in) => {
                    acc
                };
                ($s:expr) => {
                    regs[$s as usize].get()
                };
            }
            out_macro!($out, acc, regs);
            macro_rules! trap {
                ($c:expr) => {
                    return st.trap($c, st.ip_of(&rest) - 1)
                };
            }
            macro_rules! br_if {
                ($cond:expr, $target:expr) => {
                    if $cond {
                        branch_to!($target, regs, acc, st)
                    }
                };
            }
            macro_rules! mem {
                () => {
                    &mut st.mem.data
                };
            }
            macro_rules! memory {
                ($m:expr) => {
                    (*mem_of(&mut st.mem, st.mem_addr, &mut st.memories[..], st.inst, $m))
                };
            }
            macro_rules! tables {
                () => {
                    st.tables
                };
            }
            macro_rules! globals {
                () => {
                    st.globals
                };
            }
            macro_rules! datas {
                () => {
                    st.datas
                };
            }
            macro_rules! elems {
                () => {
                    st.elems
                };
            }
            macro_rules! inst {
                () => {
                    st.view
                };
            }
            macro_rules! limiter {
                () => {
                    reborrow(&mut st.limiter)
                };
            }
            macro_rules! heap {
                () => {
                    st.heap
                };
            }
            macro_rules! types {
                () => {
                    st.types
                };
            }
            macro_rules! funcs {
                () => {
                    st.funcs
                };
            }
            macro_rules! collect {
                () => {
                    return collect_at(st.ip_of(&rest) - 1, st)
                };
            }
            macro_rules! vcell {
                ($s:expr) => {
                    match vwindow(st.vstack, st.base) {
                        Some(v) => &v[$s as usize],
                        None => return fell_off(st),
                    }
                };
            }
            macro_rules! vr {
                ($s:expr) => {
                    vcell!($s).get()
                };
            }
            macro_rules! vw {
                ($s:expr, $v:expr) => {{
                    let v: [u8; 16] = $v;
                    vcell!($s).set(v)
                }};
            }
            $body
            next!(t, rest, regs, acc, st)
        }
    };
}

/// Define `w!(slot, value)`: to the accumulator for `dst` if `$out` is
/// `yes`; else to the slot, and for `dst` to the accumulator as well (an op
/// leaves its result there for the next op to read), except `@keep dst`
/// (see `Op::result_in_acc`).
#[rustfmt::skip] // (it misindents the inner macro)
macro_rules! out_macro {
    (yes, $acc:ident, $regs:ident) => {
        macro_rules! w {
            (dst, $v:expr) => {{
                $acc = $v;
            }};
            (@keep dst, $v:expr) => {{
                $acc = $v;
            }};
            ($s:expr, $v:expr) => {{
                let v: u64 = $v;
                $regs[$s as usize].set(v);
            }};
        }
    };
    (no, $acc:ident, $regs:ident) => {
        // (`dst` is matched as a literal in a second step: the slot must
        // keep its own token, which names the handler's field.)
        macro_rules! w {
            ($s:ident, $v:expr) => {
                w!(@dst $s, $s, $v)
            };
            (@keep $s:ident, $v:expr) => {{
                let v: u64 = $v;
                $regs[$s as usize].set(v);
            }};
            (@dst dst, $s:ident, $v:expr) => {{
                let v: u64 = $v;
                $regs[$s as usize].set(v);
                $acc = v;
            }};
            (@dst $other:ident, $s:ident, $v:expr) => {{
                let v: u64 = $v;
                $regs[$s as usize].set(v);
            }};
            ($s:expr, $v:expr) => {{
                let v: u64 = $v;
                $regs[$s as usize].set(v);
            }};
        }
    };
}

mod h {
    //! The handlers (one per op, named after it; shared ops in four
    //! accumulator forms).
    use super::*;

    pub(super) mod plain {
        use super::*;
        for_each_shared_op!(threaded_handlers, no, no);
    }
    pub(super) mod acc_in {
        use super::*;
        for_each_shared_op!(threaded_handlers, yes, no);
    }
    pub(super) mod acc_out {
        use super::*;
        for_each_shared_op!(threaded_handlers, no, yes);
    }
    pub(super) mod acc_in_out {
        use super::*;
        for_each_shared_op!(threaded_handlers, yes, yes);
    }
    /// The SIMD ops: plain form only (they never use the accumulator).
    pub(super) mod vector {
        use super::*;
        for_each_vector_op!(threaded_handlers, no, no);
    }

    /// The handler of an op not in the shared list.
    pub(super) fn control_handler(op: &Op) -> Handler {
        match op {
            Op::Trap { .. } => Trap,
            Op::Br { .. } => Br,
            Op::BrTable { index: ACC, .. } => BrTableAcc,
            Op::BrTable { .. } => BrTable,
            Op::BrTableAt { index: ACC, .. } => BrTableAtAcc,
            Op::BrTableAt { .. } => BrTableAt,
            Op::Return {} => Return,
            Op::Return1 { .. } => Return1,
            Op::ReturnN { .. } => ReturnN,
            Op::Call { .. } => Call,
            Op::CallIndirect { .. } => CallIndirect,
            Op::ReturnCall { .. } => ReturnCall,
            Op::ReturnCallIndirect { .. } => ReturnCallIndirect,
            Op::CallRef { .. } => CallRef,
            Op::ReturnCallRef { .. } => ReturnCallRef,
            Op::Throw { .. } => Throw,
            Op::ThrowRef { .. } => ThrowRef,
            Op::ConsumeFuel { .. } => ConsumeFuel,
            Op::ConsumeFuelBulk { .. } => ConsumeFuelBulk,
            Op::CheckEpoch {} => CheckEpoch,
            _ => unreachable!("every op has a handler"),
        }
    }

    #[allow(non_snake_case)]
    fn Trap<'a>(ops: Ops<'a>, _: Regs<'a>, _: u64, st: &mut State<'a>) -> u64 {
        let Some((t, rest)) = split_first(ops) else { return fell_off(st) };
        let (code,) = flat::Trap(&t.raw);
        st.trap(code, st.ip_of(&rest) - 1)
    }

    #[allow(non_snake_case)]
    fn Br<'a>(ops: Ops<'a>, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        let Some((t, _)) = split_first(ops) else { return fell_off(st) };
        let (target,) = flat::Br(&t.raw);
        branch_to!(target, regs, acc, st)
    }

    #[allow(non_snake_case)]
    fn BrTable<'a>(ops: Ops<'a>, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        let Some((t, _)) = split_first(ops.clone()) else { return fell_off(st) };
        let (index, _, _) = flat::BrTable(&t.raw);
        br_table(regs[index as usize].get(), ops, regs, acc, st)
    }

    /// `BrTable` with its index in the accumulator.
    #[allow(non_snake_case)]
    fn BrTableAcc<'a>(ops: Ops<'a>, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        br_table(acc, ops, regs, acc, st)
    }

    /// [`Op::BrTableAt`]: the table at op `table` does the jump.
    #[allow(non_snake_case)]
    fn BrTableAt<'a>(ops: Ops<'a>, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        let Some((t, _)) = split_first(ops) else { return fell_off(st) };
        let (index, _, _, table) = flat::BrTableAt(&t.raw);
        let Some(at) = st.code.get(table as usize..) else { return fell_off(st) };
        br_table(regs[index as usize].get(), at.iter(), regs, acc, st)
    }

    /// `BrTableAt` with its index in the accumulator.
    #[allow(non_snake_case)]
    fn BrTableAtAcc<'a>(ops: Ops<'a>, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        let Some((t, _)) = split_first(ops) else { return fell_off(st) };
        let (_, _, _, table) = flat::BrTableAt(&t.raw);
        let Some(at) = st.code.get(table as usize..) else { return fell_off(st) };
        br_table(acc, at.iter(), regs, acc, st)
    }

    /// Jump to the target of entry `min(index + add, len - 1)` of the table
    /// at `ops[0]`. The entries are `Br` ops (see `Op::BrTable`), not
    /// dispatched: entry `i` is `ops[i + 1]`, and the handler of its target
    /// is in `ops[i]` (see `thread_table`).
    #[inline(always)]
    fn br_table<'a>(index: u64, ops: Ops<'a>, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        let ops = ops.as_slice();
        let Some(t) = ops.first() else { return fell_off(st) };
        let (_, len, add) = flat::BrTable(&t.raw);
        let i = (index as u32).wrapping_add(add as u32).min(len.wrapping_sub(1)) as usize;
        match ops.get(i..i + 2) {
            Some([via, br]) => {
                let (target,) = flat::Br(&br.raw);
                match st.code.get(target as usize..) {
                    Some(to) => (via.next)(to.iter(), regs, acc, st),
                    None => fell_off(st),
                }
            }
            _ => fell_off(st),
        }
    }

    /// Pop the frame; resume the caller, or end the chain at the entry depth.
    #[inline(always)]
    fn do_return<'a>(acc: u64, st: &mut State<'a>) -> u64 {
        st.frames.pop();
        if st.frames.len() == st.depth {
            return done(st);
        }
        let f = match st.frames.last() {
            Some(f) => *f,
            None => return fell_off(st),
        };
        st.enter(f, acc)
    }

    #[allow(non_snake_case)]
    fn Return<'a>(_: Ops<'a>, _: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        do_return(acc, st)
    }

    #[allow(non_snake_case)]
    fn Return1<'a>(ops: Ops<'a>, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        let Some((t, _)) = split_first(ops) else { return fell_off(st) };
        let (src,) = flat::Return1(&t.raw);
        regs[0].set(regs[src as usize].get());
        do_return(acc, st)
    }

    #[allow(non_snake_case)]
    fn ReturnN<'a>(ops: Ops<'a>, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        let Some((t, _)) = split_first(ops) else { return fell_off(st) };
        let (start, count) = flat::ReturnN(&t.raw);
        for i in 0..count as usize {
            regs[i].set(regs[start as usize + i].get());
        }
        do_return(acc, st)
    }

    /// Call store function `addr` with arguments at slot `b`; the caller
    /// resumes at op `ip` (the op after the call). The hot path (a Wasm
    /// function of the same instance) makes no calls, so it needs no stack
    /// frame and ends in a jump.
    #[inline(always)]
    fn do_call<'a>(addr: u32, b: u16, ip: usize, acc: u64, st: &mut State<'a>) -> u64 {
        let new_base = st.base + b as usize;
        let funcs: &'a [FuncEntity] = st.funcs;
        let FuncKind::Wasm { code: callee, instance } = &funcs[addr as usize].kind else {
            return host_call(addr, new_base, ip, st);
        };
        let size = callee.frame_size as usize;
        let n = st.frames.len();
        if n >= st.max_depth || new_base + size > st.max_slots {
            return st.trap(TrapCode::StackExhausted, ip - 1);
        }
        if n == st.frames.capacity() {
            return grow_frames_and_call(addr, b, ip, acc, st);
        }
        // (Pushed before any other store, so the push needs no capacity check.)
        st.frames.push(Frame { func: addr, ip: 0, base: new_base as u32, size: size as u32 });
        if let Some(caller) = st.frames.get_mut(n.wrapping_sub(1)) {
            caller.ip = ip as u32;
        }
        // Zero the declared locals: a plain loop, one slot per step. (Storing
        // `st.zero`, which the optimiser cannot see is 0, keeps it from
        // becoming a call to `memset`, and the bounds check in the loop from
        // being vectorised: either needs registers that every call would
        // then save and restore.)
        let zero = st.zero;
        // (The end is read once: a store to the stack might alias `callee`.)
        let end = new_base + callee.num_locals as usize;
        let mut i = new_base + callee.num_params as usize;
        while i < end {
            st.stack[i].set(zero);
            i += 1;
        }
        if *instance != st.inst_idx {
            return st.enter_other_instance(addr, 0, new_base as u32, acc);
        }
        st.func = callee;
        st.code = &callee.threaded;
        st.base = new_base;
        let Some(regs) = window(st.stack, new_base) else { return fell_off(st) };
        let entry = callee.entry;
        entry(st.code.iter(), regs, acc, st)
    }

    /// [`do_call`] when the frame stack is full: grow it first.
    #[cold]
    #[inline(never)]
    fn grow_frames_and_call<'a>(addr: u32, b: u16, ip: usize, acc: u64, st: &mut State<'a>) -> u64 {
        st.frames.reserve(st.frames.len().clamp(16, 4096));
        do_call(addr, b, ip, acc, st)
    }

    #[allow(non_snake_case)]
    fn Call<'a>(ops: Ops<'a>, _: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        let Some(t) = ops.as_slice().first() else { return fell_off(st) };
        let (func, base, ret) = flat::Call(&t.raw);
        let addr = st.view.funcs[func as usize];
        do_call(addr, base, ret as usize, acc, st)
    }

    #[allow(non_snake_case)]
    fn CallIndirect<'a>(ops: Ops<'a>, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        let Some((t, rest)) = split_first(ops) else { return fell_off(st) };
        let (base, index, ty, table) = flat::CallIndirect(&t.raw);
        let at = st.ip_of(&rest) - 1;
        match indirect(index, ty, table, regs, st) {
            Ok(addr) => do_call(addr, base, at + 1, acc, st),
            Err(code) => st.trap(code, at),
        }
    }

    /// `call_indirect`'s checks: the store address of the function at
    /// `table[regs[index]]`, if it has type `ty`.
    #[inline(always)]
    fn indirect(
        index: u16,
        ty: u32,
        table: u32,
        regs: Regs<'_>,
        st: &State<'_>,
    ) -> Result<u32, TrapCode> {
        let tbl = &st.tables[st.view.tables[table as usize] as usize];
        let Some(&fref) = tbl.elems.get(regs[index as usize].get() as u32 as usize) else {
            return Err(TrapCode::UndefinedElement);
        };
        let Some(addr) = fref.checked_sub(1) else {
            return Err(TrapCode::UninitializedElement);
        };
        let (have, want) = (st.funcs[addr as usize].sig, st.view.types[ty as usize]);
        if have != want && !st.types.is_subtype(have, want) {
            return Err(TrapCode::IndirectCallTypeMismatch);
        }
        Ok(addr as u32)
    }

    #[allow(non_snake_case)]
    fn ReturnCall<'a>(ops: Ops<'a>, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        let Some(t) = ops.as_slice().first() else { return fell_off(st) };
        let (func, base) = flat::ReturnCall(&t.raw);
        let addr = st.view.funcs[func as usize];
        do_tail_call(addr, base, ops, regs, acc, st)
    }

    #[allow(non_snake_case)]
    fn ReturnCallIndirect<'a>(ops: Ops<'a>, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        let Some(t) = ops.as_slice().first() else { return fell_off(st) };
        let (base, index, ty, table) = flat::ReturnCallIndirect(&t.raw);
        match indirect(index, ty, table, regs, st) {
            Ok(addr) => do_tail_call(addr, base, ops, regs, acc, st),
            Err(code) => {
                let at = st.ip_of(&ops);
                st.trap(code, at)
            }
        }
    }

    #[allow(non_snake_case)]
    fn CallRef<'a>(ops: Ops<'a>, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        let Some((t, rest)) = split_first(ops) else { return fell_off(st) };
        let (base, fref) = flat::CallRef(&t.raw);
        let at = st.ip_of(&rest) - 1;
        match regs[fref as usize].get().checked_sub(1) {
            Some(addr) => do_call(addr as u32, base, at + 1, acc, st),
            None => st.trap(TrapCode::NullFunctionReference, at),
        }
    }

    #[allow(non_snake_case)]
    fn Throw<'a>(ops: Ops<'a>, _: Regs<'a>, _: u64, st: &mut State<'a>) -> u64 {
        let Some((t, rest)) = split_first(ops) else { return fell_off(st) };
        let (tag, base) = flat::Throw(&t.raw);
        let tag = st.inst.tags[tag as usize];
        let base = st.base + base as usize;
        raise(Outcome::Throw { tag, base }, st.ip_of(&rest), st)
    }

    #[allow(non_snake_case)]
    fn ThrowRef<'a>(ops: Ops<'a>, regs: Regs<'a>, _: u64, st: &mut State<'a>) -> u64 {
        let Some((t, rest)) = split_first(ops) else { return fell_off(st) };
        let (exn,) = flat::ThrowRef(&t.raw);
        let at = st.ip_of(&rest);
        match regs[exn as usize].get() {
            0 => st.trap(TrapCode::NullReference, at - 1),
            exn => raise(Outcome::ThrowRef { exn }, at, st),
        }
    }

    #[allow(non_snake_case)]
    fn ReturnCallRef<'a>(ops: Ops<'a>, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        let Some(t) = ops.as_slice().first() else { return fell_off(st) };
        let (base, fref) = flat::ReturnCallRef(&t.raw);
        match regs[fref as usize].get().checked_sub(1) {
            Some(addr) => do_tail_call(addr as u32, base, ops, regs, acc, st),
            None => {
                let at = st.ip_of(&ops);
                st.trap(TrapCode::NullFunctionReference, at)
            }
        }
    }

    /// Tail-call store function `addr` with arguments at slot `b`, from the
    /// op at `ops[0]`: the callee takes over the running frame (same base,
    /// same depth; the frame below keeps its resume point, so the callee
    /// returns where the caller would have). The arguments move down to the
    /// frame's first slots, in ascending order (the destination is never
    /// above the source).
    #[inline(always)]
    fn do_tail_call<'a>(
        addr: u32,
        b: u16,
        ops: Ops<'a>,
        regs: Regs<'a>,
        acc: u64,
        st: &mut State<'a>,
    ) -> u64 {
        let funcs: &'a [FuncEntity] = st.funcs;
        let FuncKind::Wasm { code: callee, instance } = &funcs[addr as usize].kind else {
            return tail_call_host(addr, b, ops, st);
        };
        let size = callee.frame_size as usize;
        if st.base + size > st.max_slots {
            let at = st.ip_of(&ops);
            return st.trap(TrapCode::StackExhausted, at);
        }
        for i in 0..callee.num_params as usize {
            regs[i].set(regs[b as usize + i].get());
        }
        let Some(top) = st.frames.last_mut() else { return fell_off(st) };
        top.func = addr;
        top.size = size as u32;
        // Zero the declared locals (as in `do_call`).
        let zero = st.zero;
        let end = st.base + callee.num_locals as usize;
        let mut i = st.base + callee.num_params as usize;
        while i < end {
            st.stack[i].set(zero);
            i += 1;
        }
        if *instance != st.inst_idx {
            return st.enter_other_instance(addr, 0, st.base as u32, acc);
        }
        st.func = callee;
        st.code = &callee.threaded;
        let entry = callee.entry;
        entry(st.code.iter(), regs, acc, st)
    }

    #[allow(non_snake_case)]
    fn ConsumeFuelBulk<'a>(ops: Ops<'a>, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        let Some((t, rest)) = split_first(ops) else { return fell_off(st) };
        let (shift,) = flat::ConsumeFuelBulk(&t.raw);
        let n = match rest.as_slice().first() {
            Some(next) => bulk_len_of(next.op(), regs, acc, st),
            None => None,
        };
        charge(n.map_or(0, |n| n >> shift), t, rest, regs, acc, st)
    }

    /// Take `amount` fuel and continue, or stop at this op.
    #[inline(always)]
    fn charge<'a>(
        amount: u64,
        t: &'a TOp,
        rest: Ops<'a>,
        regs: Regs<'a>,
        acc: u64,
        st: &mut State<'a>,
    ) -> u64 {
        if *st.fuel < amount {
            return out_of_fuel(amount, st.ip_of(&rest) - 1, st);
        }
        *st.fuel -= amount;
        next!(t, rest, regs, acc, st)
    }

    #[allow(non_snake_case)]
    fn ConsumeFuel<'a>(ops: Ops<'a>, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        let Some((t, rest)) = split_first(ops) else { return fell_off(st) };
        let (amount,) = flat::ConsumeFuel(&t.raw);
        charge(u64::from(amount), t, rest, regs, acc, st)
    }

    #[allow(non_snake_case)]
    fn CheckEpoch<'a>(ops: Ops<'a>, regs: Regs<'a>, acc: u64, st: &mut State<'a>) -> u64 {
        let Some((t, rest)) = split_first(ops) else { return fell_off(st) };
        if st.epoch.load(Ordering::Relaxed) >= st.epoch_deadline {
            return epoch_deadline(st.ip_of(&rest) - 1, st);
        }
        next!(t, rest, regs, acc, st)
    }
}

/// Start the chain at op `ip` of the running function.
fn start<'a>(ip: u32, regs: Regs<'a>, st: &mut State<'a>) -> u64 {
    jump_to!(ip, regs, 0, st)
}

/// Run from the top frame until the frame stack is back at `depth`.
pub(super) fn run<'a>(
    store: &'a mut StoreInner,
    depth: usize,
    limiter: Option<&'a mut dyn ResourceLimiter>,
) -> Result<Outcome, TrapAt> {
    let StoreInner {
        funcs,
        memories,
        tables,
        globals,
        instances,
        elems,
        datas,
        stack,
        fuel,
        types,
        engine,
        epoch_deadline,
        heap,
        ..
    } = store;
    let (max_slots, max_depth) = (stack.max_slots, stack.max_depth);
    let top = *stack.frames.last().expect("run() without a frame");
    let values: &[Cell<u64>] = Cell::from_mut(&mut stack.values[..]).as_slice_of_cells();
    let (func, inst_idx) = code_of(funcs, top.func).expect("frame of a host function");
    let inst = &instances[inst_idx as usize];
    let mem_addr = inst.memories.first().map_or(usize::MAX, |&a| a as usize);
    let mem = take_memory(memories, mem_addr);
    let mut st = State {
        code: &func.threaded,
        func,
        inst,
        view: InstView::of(inst),
        inst_idx,
        mem,
        mem_addr,
        base: top.base as usize,
        stack: values,
        frames: &mut stack.frames,
        funcs,
        types,
        instances,
        memories,
        tables,
        globals: &mut globals[..],
        elems,
        datas,
        fuel,
        epoch: &engine.epoch,
        epoch_deadline: *epoch_deadline,
        limiter,
        depth,
        max_depth,
        max_slots,
        zero: 0,
        exit: None,
        vstack: Cell::from_mut(&mut stack.vvalues[..]).as_slice_of_cells(),
        heap,
    };
    let regs = window(st.stack, st.base).expect("the value stack keeps WINDOW spare slots");
    start(top.ip, regs, &mut st);
    put_back(st.memories, st.mem_addr, &mut st.mem);
    st.exit.unwrap_or(Err(TrapAt::new(TrapCode::Unreachable)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn threaded_op_is_24_bytes() {
        // A handler pointer plus the 16-byte op: a bigger op is a slower op.
        assert_eq!(core::mem::size_of::<super::TOp>(), 24);
    }
}
