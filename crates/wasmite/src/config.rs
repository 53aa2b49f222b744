//! [`Config`] and [`Engine`]: the settings shared by every module and store.

use alloc::sync::Arc;
use core::sync::atomic::{AtomicU64, Ordering};

use crate::error::Result;

/// Engine settings. Build one, adjust it, then make an [`Engine`] from it.
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) max_call_depth: usize,
    pub(crate) max_stack_slots: usize,
    pub(crate) max_host_reentry: usize,
    pub(crate) consume_fuel: bool,
    pub(crate) epoch_interruption: bool,
    pub(crate) canonicalize_nans: bool,
    pub(crate) backend: Backend,
    pub(crate) parallel_compilation: bool,
    pub(crate) wasm_tail_call: bool,
    pub(crate) wasm_extended_const: bool,
    pub(crate) wasm_wide_arithmetic: bool,
    pub(crate) wasm_multi_memory: bool,
    pub(crate) wasm_memory64: bool,
    pub(crate) wasm_custom_page_sizes: bool,
    pub(crate) wasm_function_references: bool,
    pub(crate) wasm_exceptions: bool,
    pub(crate) wasm_legacy_exceptions: bool,
    pub(crate) wasm_gc: bool,
    pub(crate) wasm_simd: bool,
    pub(crate) wasm_relaxed_simd: bool,
}

/// How the IR is executed. Both backends run the same IR with the same results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// Threaded code: each op's handler tail-calls the next one. Fastest, but
    /// it relies on the optimiser turning those calls into jumps: use it in
    /// optimised builds only (the default there, on x86-64 and aarch64).
    Threaded,
    /// A `match` loop: portable and independent of optimisation (the default
    /// in debug builds and on other targets).
    Portable,
}

impl Default for Backend {
    fn default() -> Self {
        if cfg!(all(not(debug_assertions), any(target_arch = "x86_64", target_arch = "aarch64"))) {
            Backend::Threaded
        } else {
            Backend::Portable
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_call_depth: 100_000,
            max_stack_slots: 1 << 20,
            max_host_reentry: 256,
            consume_fuel: false,
            epoch_interruption: false,
            canonicalize_nans: false,
            backend: Backend::default(),
            parallel_compilation: cfg!(feature = "std"),
            wasm_tail_call: true,
            wasm_extended_const: true,
            wasm_wide_arithmetic: false,
            wasm_multi_memory: true,
            wasm_memory64: true,
            wasm_custom_page_sizes: false,
            wasm_function_references: true,
            wasm_exceptions: true,
            wasm_legacy_exceptions: true,
            wasm_gc: true,
            wasm_simd: true,
            wasm_relaxed_simd: true,
        }
    }
}

impl Config {
    /// The default configuration.
    pub fn new() -> Self {
        Self::default()
    }
    /// Accept the tail-call proposal (`return_call`, `return_call_indirect`),
    /// part of WebAssembly 3.0: on by default. A tail call replaces the
    /// caller's frame, so tail recursion runs in constant stack.
    pub fn wasm_tail_call(&mut self, enable: bool) -> &mut Self {
        self.wasm_tail_call = enable;
        self
    }
    /// Accept the typed function references proposal (`(ref $t)` types,
    /// `call_ref`, `return_call_ref`, `ref.as_non_null`, `br_on_null`,
    /// `br_on_non_null`, non-nullable locals, table initialisers), part of
    /// WebAssembly 3.0: on by default. Function types are then matched by
    /// subtyping, in a registry of canonical types per store.
    pub fn wasm_function_references(&mut self, enable: bool) -> &mut Self {
        self.wasm_function_references = enable;
        self
    }
    /// Accept exception handling, part of WebAssembly 3.0 (tags, `throw`,
    /// `throw_ref`, `try_table`, `exnref`): on by default. Entering a
    /// `try_table` costs nothing; a throw searches the functions' catch
    /// tables.
    pub fn wasm_exceptions(&mut self, enable: bool) -> &mut Self {
        self.wasm_exceptions = enable;
        self
    }
    /// Accept the legacy form of exception handling (`try`, `catch`,
    /// `catch_all`, `rethrow`, `delegate`), which compilers still emit by
    /// default (clang 19's `-fwasm-exceptions`): on by default, with
    /// [`Config::wasm_exceptions`] (it is translated to the same catch
    /// tables). Not part of WebAssembly 3.0 (wasmtime has no such switch).
    pub fn wasm_legacy_exceptions(&mut self, enable: bool) -> &mut Self {
        self.wasm_legacy_exceptions = enable;
        self
    }
    /// Accept garbage collection (part of WebAssembly 3.0): recursive type
    /// groups, declared subtypes (`sub`, `final`), the abstract heap types,
    /// `struct`, `array` and `i31` objects and their instructions, casts,
    /// and allocating constant expressions. On by default (as in
    /// wasmtime). Objects live in the store's GC heap and are collected
    /// (cycles included) as programs allocate; the heap holds at most 4 GiB
    /// (as wasmtime's 32-bit GC heap) and can be bounded further with
    /// [`StoreLimitsBuilder::gc_heap_size`](crate::StoreLimitsBuilder::gc_heap_size).
    pub fn wasm_gc(&mut self, enable: bool) -> &mut Self {
        self.wasm_gc = enable;
        self
    }
    /// Accept fixed-width SIMD (the `v128` type and its operators), part of
    /// WebAssembly 2.0: on by default. `v128` values live in a second
    /// register file that only functions using `v128` touch.
    pub fn wasm_simd(&mut self, enable: bool) -> &mut Self {
        self.wasm_simd = enable;
        self
    }
    /// Accept relaxed SIMD, part of WebAssembly 3.0: on by default (needs
    /// [`Config::wasm_simd`]). Each relaxed operator gives one deterministic
    /// result, the same on every platform and backend: `relaxed_swizzle` is
    /// `swizzle`, `relaxed_trunc*` saturate like `trunc_sat`, `relaxed_madd`
    /// and `relaxed_nmadd` round twice (unfused), `relaxed_laneselect` is
    /// `bitselect`, `relaxed_min`/`max` are `min`/`max`, `relaxed_q15mulr`
    /// saturates, and the relaxed dot products treat both operands as
    /// signed.
    pub fn wasm_relaxed_simd(&mut self, enable: bool) -> &mut Self {
        self.wasm_relaxed_simd = enable;
        self
    }
    /// Accept the extended-const proposal (`i32`/`i64` `add`, `sub` and
    /// `mul` in constant expressions), part of WebAssembly 3.0: on by default.
    pub fn wasm_extended_const(&mut self, enable: bool) -> &mut Self {
        self.wasm_extended_const = enable;
        self
    }
    /// Accept the wide-arithmetic proposal (`i64.add128`, `i64.sub128`,
    /// `i64.mul_wide_s`, `i64.mul_wide_u`): off by default, as in wasmtime
    /// (not part of WebAssembly 3.0).
    pub fn wasm_wide_arithmetic(&mut self, enable: bool) -> &mut Self {
        self.wasm_wide_arithmetic = enable;
        self
    }
    /// Accept the multi-memory proposal (any number of memories), part of
    /// WebAssembly 3.0: on by default. Memory 0 keeps its own ops; the
    /// others go through one op family that names its memory.
    pub fn wasm_multi_memory(&mut self, enable: bool) -> &mut Self {
        self.wasm_multi_memory = enable;
        self
    }
    /// Accept the memory64 proposal (memories and tables with 64-bit
    /// addresses and indices), part of WebAssembly 3.0: on by default.
    pub fn wasm_memory64(&mut self, enable: bool) -> &mut Self {
        self.wasm_memory64 = enable;
        self
    }
    /// Accept the custom-page-sizes proposal (memories with 1-byte pages):
    /// off by default, as in wasmtime (not part of WebAssembly 3.0).
    pub fn wasm_custom_page_sizes(&mut self, enable: bool) -> &mut Self {
        self.wasm_custom_page_sizes = enable;
        self
    }
    /// Maximum number of nested Wasm call frames (default 100,000). Exceeding it
    /// traps with "call stack exhausted".
    pub fn max_call_depth(&mut self, depth: usize) -> &mut Self {
        self.max_call_depth = depth.max(1);
        self
    }
    /// Maximum size of the value stack in bytes (default 8 MiB). Exceeding it
    /// traps with "call stack exhausted" ([`Trap::StackOverflow`](crate::Trap::StackOverflow)).
    /// (wasmtime's name; the Wasm stack is wasmite's value stack, never the
    /// native one.)
    pub fn max_wasm_stack(&mut self, bytes: usize) -> &mut Self {
        self.max_stack_slots = (bytes / 8).max(64);
        self
    }
    /// Meter execution with fuel (default off): every Wasm operator costs one
    /// unit, charged per basic block. A bulk memory or table operation
    /// (`fill`, `copy`, `init`) in bounds also costs one unit per 64 bytes or
    /// 8 elements of its length, charged before it writes anything; one out
    /// of bounds traps without that charge. A store starts with no fuel; give
    /// it some with [`Store::set_fuel`](crate::Store::set_fuel). Running out traps with
    /// [`TrapCode::OutOfFuel`](crate::TrapCode::OutOfFuel), or suspends a
    /// [`Func::call_resumable`](crate::Func::call_resumable). Costs nothing when off.
    pub fn consume_fuel(&mut self, enable: bool) -> &mut Self {
        self.consume_fuel = enable;
        self
    }
    /// Let another thread stop running Wasm code (default off), as in
    /// wasmtime: each store has a deadline ([`Store::set_epoch_deadline`](crate::Store::set_epoch_deadline),
    /// in ticks of the engine's epoch from now), the engine's epoch advances
    /// with [`Engine::increment_epoch`] (from any thread: a timer, a
    /// supervisor), and Wasm code checks it at every function entry and loop
    /// header. Once the deadline is reached the call traps with
    /// [`Trap::Interrupt`](crate::Trap::Interrupt), or a resumable call
    /// ([`Func::call_resumable`](crate::Func::call_resumable)) is suspended,
    /// or the store's [`epoch_deadline_callback`](crate::Store::epoch_deadline_callback)
    /// decides. A store's deadline starts at 0, so set one before calling
    /// Wasm code, or it traps at once.
    ///
    /// Cheaper than fuel (a load and a compare per loop iteration instead of
    /// a subtraction per basic block) but not deterministic; costs nothing
    /// when off: the checks are not even emitted.
    pub fn epoch_interruption(&mut self, enable: bool) -> &mut Self {
        self.epoch_interruption = enable;
        self
    }
    /// Replace every NaN produced by float arithmetic with the canonical NaN
    /// (default off), so results are bit-identical on every host.
    pub fn canonicalize_nans(&mut self, enable: bool) -> &mut Self {
        self.canonicalize_nans = enable;
        self
    }
    /// Translate the functions of a large module on several threads (default
    /// on with the `std` feature; without it there are no threads). The
    /// result, errors included, is the same either way; only modules with
    /// enough code to repay starting threads are split.
    pub fn parallel_compilation(&mut self, enable: bool) -> &mut Self {
        self.parallel_compilation = enable && cfg!(feature = "std");
        self
    }
    /// Choose the execution backend (see [`Backend`] for the defaults).
    pub fn backend(&mut self, backend: Backend) -> &mut Self {
        self.backend = backend;
        self
    }
    /// Maximum nesting of host → Wasm re-entry (default 256). Each level uses a
    /// little native stack, so this bounds native stack use.
    pub fn max_host_reentry(&mut self, depth: usize) -> &mut Self {
        self.max_host_reentry = depth.max(1);
        self
    }
}

/// The compilation and execution environment; cheap to clone (clones share
/// the configuration and the epoch).
#[derive(Clone, Debug, Default)]
pub struct Engine {
    pub(crate) config: Arc<Config>,
    /// The epoch ([`Engine::increment_epoch`]).
    pub(crate) epoch: Arc<AtomicU64>,
}

impl Engine {
    /// An engine with the given configuration.
    ///
    /// # Errors
    /// None today: every combination of settings is accepted. It returns a
    /// `Result`, as wasmtime's does, so that code written for either works
    /// with both and a setting that can be refused later breaks no caller.
    pub fn new(config: &Config) -> Result<Engine> {
        Ok(Engine { config: Arc::new(config.clone()), epoch: Arc::default() })
    }
    /// Advance the epoch by one tick: code running in any store of this
    /// engine whose deadline is reached stops at its next function entry or
    /// loop header (see [`Config::epoch_interruption`]). Cheap, and callable
    /// from any thread, also while the engine runs code on another.
    pub fn increment_epoch(&self) {
        self.epoch.fetch_add(1, Ordering::Relaxed);
    }
    /// The current epoch.
    pub(crate) fn current_epoch(&self) -> u64 {
        self.epoch.load(Ordering::Relaxed)
    }
    /// The engine's configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }
}
