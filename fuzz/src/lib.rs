//! Shared machinery of wasmite's fuzz targets.
//!
//! - [`smith`]: the `wasm-smith` configurations (WebAssembly 2.0, then the
//!   3.0 proposals, then SIMD and relaxed SIMD, exceptions, GC) and the
//!   fixed set of host imports generated modules may use.
//! - [`outcome`]: engine-neutral values and call outcomes, with the loose
//!   comparisons the differential targets need (any NaN equals any NaN, trap
//!   kinds grouped where engines legitimately differ, GC references by what
//!   they refer to rather than by handle).
//! - [`runner`]: the [`Runner`](runner::Runner) trait, one instantiated module
//!   whose exports can be called and whose exported state can be read, plus
//!   [`diff`](runner::diff), which runs two runners side by side.
//! - [`wasmite_runner`] and [`wasmi_runner`]: the two implementations.
//! - [`rewrite`]: semantics-preserving module rewrites (identity exports for
//!   comparing `funcref`s; wasmi's known miscompiles avoided).
//! - [`differential`]: the `differential` target's check, with what it
//!   excuses and how it handles one engine running out of fuel or stack.

#![forbid(unsafe_code)]

pub mod differential;
pub mod outcome;
pub mod rewrite;
pub mod runner;
pub mod smith;
pub mod wasmi_runner;
pub mod wasmite_runner;

/// Fuel each wasmite call (and the start function) gets.
pub const FUEL: u64 = 100_000;
/// Largest linear memory a store may have (64 MiB).
pub const MAX_MEMORY_BYTES: usize = 64 << 20;
/// Largest GC heap a store may have (64 MiB): beyond it allocations trap
/// ("allocation size too large") at the same point on every backend,
/// whatever the host's memory (without it, wasm-smith's arbitrary array
/// lengths allocate gigabytes).
pub const MAX_GC_HEAP_BYTES: usize = 64 << 20;
/// Largest table a store may have.
pub const MAX_TABLE_ELEMENTS: usize = 10_000;
/// Call depth both engines allow in the differential targets.
pub const MAX_CALL_DEPTH: usize = 1_000;
