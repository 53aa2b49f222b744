//! # wasmite-wast
//!
//! Runs WebAssembly `.wast` scripts (the format of the official spec test
//! suite) against the wasmite interpreter. The test suites and the CLI's
//! `wasmite wast` command both use it.
//!
//! A script runs in one [`wasmite::Store`] with a [`wasmite::Linker`] that
//! provides the `spectest` host module and every `register`ed instance. Each
//! directive is one assertion: it passes or fails on its own, and a failure
//! never stops the script. Phases are strict: an `assert_invalid` must fail in
//! validation, an `assert_trap` in execution, an `assert_unlinkable` in
//! linking — [`wasmite::ErrorKind`] tells which phase an error came from.
//!
//! ```
//! use wasmite_wast::{RunConfig, run_wast};
//!
//! let report = run_wast(
//!     "example.wast",
//!     r#"
//!     (module (func (export "one") (result i32) (i32.const 1)))
//!     (assert_return (invoke "one") (i32.const 1))
//!     "#,
//!     &RunConfig::default(),
//! );
//! # let _ = report.passed;
//! ```

#![forbid(unsafe_code)]

mod runner;
mod spectest;
mod values;

use std::fmt;

pub use runner::run_wast;

/// How to run a script.
#[derive(Clone, Debug)]
pub struct RunConfig {
    /// The engine configuration every module of the script is compiled with.
    pub engine: wasmite::Config,
    /// With fuel: every invocation runs as a resumable call that gets one
    /// unit of fuel first (so any call that does more than the least work
    /// is suspended at least once), then this much at a time, resumed until
    /// it finishes. [`Report::suspensions`] counts the suspensions.
    pub fuel_slice: Option<u64>,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig { engine: every_proposal(), fuel_slice: None }
    }
}

/// An engine configuration with every proposal wasmite implements on,
/// including those that are off by default (wide arithmetic, custom page
/// sizes, GC's type system).
pub fn every_proposal() -> wasmite::Config {
    let mut config = wasmite::Config::new();
    config
        .wasm_wide_arithmetic(true)
        .wasm_custom_page_sizes(true)
        .wasm_exceptions(true)
        .wasm_gc(true);
    config
}

impl RunConfig {
    /// The default configuration: every proposal wasmite implements, no fuel.
    pub fn new() -> Self {
        Self::default()
    }

    /// Meter with fuel, giving each invocation one unit of fuel, then
    /// `slice` at a time.
    pub fn with_fuel(slice: u64) -> Self {
        let mut engine = every_proposal();
        engine.consume_fuel(true);
        RunConfig { engine, fuel_slice: Some(slice.max(1)) }
    }
}

/// One failed directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// 1-based line of the directive in the script.
    pub line: usize,
    /// 1-based column of the directive in the script.
    pub col: usize,
    /// The directive's kind, e.g. `assert_return`.
    pub directive: &'static str,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}: {}", self.line, self.col, self.directive, self.message)
    }
}

/// The outcome of running one script.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The script's name, as given to [`run_wast`].
    pub name: String,
    /// Number of directives that passed.
    pub passed: usize,
    /// Number of directives that failed (`failures.len()`).
    pub failed: usize,
    /// Every failure, in script order.
    pub failures: Vec<Failure>,
    /// With fuel ([`RunConfig::fuel_slice`]): invocations run as resumable calls.
    pub calls: usize,
    /// With fuel: how many of those calls were suspended for fuel at least once.
    pub suspended_calls: usize,
    /// With fuel: suspensions for fuel, each followed by a resumption.
    pub suspensions: usize,
}

impl Report {
    /// Whether every directive passed.
    pub fn is_ok(&self) -> bool {
        self.failed == 0
    }

    /// The failures, one per line, each prefixed by `name:`.
    pub fn failure_lines(&self) -> String {
        let mut s = String::new();
        for f in &self.failures {
            s.push_str(&format!("{}:{f}\n", self.name));
        }
        s
    }
}

impl fmt::Display for Report {
    /// `NAME: N passed, M failed`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} passed, {} failed", self.name, self.passed, self.failed)
    }
}
