//! The check of the `differential` target: one module on wasmite and on
//! wasmi, with everything that is compared and everything that is excused
//! in one place.
//!
//! - Every function is exported under a reserved name first
//!   ([`rewrite::export_funcs`]), so `funcref`s (results, globals, table
//!   elements) compare by which function they are.
//! - A divergence is excused only if wasmi, running the module with its
//!   known miscompiles rewritten into equivalent code
//!   ([`rewrite::avoid_known_wasmi_bugs`]: FINDINGS #6, #8, #9, #12),
//!   agrees with wasmite on the original in everything: results, traps,
//!   globals, memories and tables. A divergence in anything the known bugs
//!   do not explain is still reported.
//! - Running out of fuel or stack on one engine only is not the end of the
//!   comparison: the run is repeated with [`GENEROUS`] times the limits for
//!   the engine that ran out (the two count fuel differently), and if it
//!   still runs out where the other did not, that is reported. (Nothing is
//!   excused there: FINDINGS #16, wasmite charging an out-of-bounds bulk
//!   operation's length before it trapped, is fixed.)
//! - Relaxed SIMD is compared against wasmite's documented choices: where
//!   wasmi 2.0.0 picks another result (`relaxed_madd`/`nmadd` fused, the
//!   relaxed dot products wrapping), wasmi runs standard SIMD code that
//!   computes wasmite's choice instead, and the NaN lanes of the relaxed
//!   float operators are made canonical on both sides
//!   ([`rewrite::relaxed_simd`]).

use wasmite::Backend;

use crate::outcome::Exhaustion as Resource;
use crate::rewrite::{self, Side};
use crate::runner::{Ended, Exhaustion, Runner, diff};
use crate::wasmi_runner::{self, WasmiRunner};
use crate::wasmite_runner::{WasmiteRunner, differential_options};

/// How many times the fuel (and the call depth and stack) the engine that
/// ran out alone gets in the repeated run.
pub const GENEROUS: usize = 20;

/// What [`check`] concluded, when the engines did not diverge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Everything compared agreed.
    Agreed,
    /// They diverged on the module, but agree once wasmi runs it with its
    /// known bugs' shapes rewritten.
    KnownWasmiBug,
    /// wasmi refuses the module (an implementation limit, or its translator
    /// panicked: FINDINGS #10).
    WasmiRefused,
    /// The module uses the reserved export names (never, from wasm-smith).
    Unrewritable,
}

/// Builds the wasmite runner for a module; `generous`: with [`GENEROUS`]
/// times the fuel, call depth and stack.
pub type MakeWasmite<'a> = dyn Fn(&[u8], bool) -> Box<dyn Runner> + 'a;

/// The wasmite runner of the differential target.
pub fn wasmite(backend: Backend) -> impl Fn(&[u8], bool) -> Box<dyn Runner> {
    move |wasm, generous| {
        let mut options = differential_options(backend);
        if generous {
            options.fuel *= GENEROUS as u64;
            options.max_call_depth *= GENEROUS;
            options.max_stack_bytes = Some(GENEROUS * (8 << 20));
        }
        match WasmiteRunner::new(wasm, options) {
            Ok(r) => Box::new(r),
            Err(e) => panic!("a valid wasm-smith module failed to compile: {e:?}"),
        }
    }
}

fn wasmi(wasm: &[u8], generous: bool) -> Result<WasmiRunner, String> {
    let (fuel, depth) = (wasmi_runner::FUEL, crate::MAX_CALL_DEPTH);
    let r = if generous {
        WasmiRunner::with_limits(wasm, fuel * GENEROUS as u64, depth * GENEROUS)
    } else {
        WasmiRunner::with_limits(wasm, fuel, depth)
    };
    r.map_err(|e| e.to_string())
}

/// Compare wasmite (on `backend`) and wasmi on `wasm`.
///
/// # Errors
/// The divergence, or the asymmetric exhaustion.
pub fn check(wasm: &[u8], backend: Backend) -> Result<Verdict, String> {
    check_with(wasm, &wasmite(backend))
}

/// [`check`] with the wasmite runner built by `make` (tests pass one that
/// misbehaves on purpose).
///
/// # Errors
/// The divergence, or the asymmetric exhaustion.
pub fn check_with(wasm: &[u8], make: &MakeWasmite<'_>) -> Result<Verdict, String> {
    let Some(wasm) = rewrite::export_funcs(wasm) else { return Ok(Verdict::Unrewritable) };
    // Relaxed SIMD: wasmite's choices computed for wasmi, NaNs made canonical.
    let for_wasmite = rewrite::relaxed_simd(&wasm, Side::Wasmite).unwrap_or_else(|| wasm.clone());
    let for_wasmi = rewrite::relaxed_simd(&wasm, Side::Wasmi).unwrap_or(wasm);
    if wasmi(&for_wasmi, false).is_err() {
        return Ok(Verdict::WasmiRefused);
    }
    let Err(first) = compare(&for_wasmite, &for_wasmi, make) else { return Ok(Verdict::Agreed) };
    let Some(avoided) = rewrite::avoid_known_wasmi_bugs(&for_wasmi) else { return Err(first) };
    match compare(&for_wasmite, &avoided, make) {
        Ok(()) => Ok(Verdict::KnownWasmiBug),
        Err(again) => Err(format!(
            "{again}\n(wasmi ran the module with the shapes of its known bugs rewritten, \
             FINDINGS #6/#8/#9/#12; on the module as generated: {first})"
        )),
    }
}

/// wasmite on `for_wasmite`, wasmi on `for_wasmi`, repeated with more fuel
/// and stack for an engine that ran out alone.
fn compare(for_wasmite: &[u8], for_wasmi: &[u8], make: &MakeWasmite<'_>) -> Result<(), String> {
    let (mut generous_wasmite, mut generous_wasmi) = (false, false);
    loop {
        let mut a = make(for_wasmite, generous_wasmite);
        let mut b = wasmi(for_wasmi, generous_wasmi)
            .map_err(|e| format!("wasmi refused the rewritten module: {e}"))?;
        let end = diff(&mut *a, &mut b, Exhaustion::Loose)?;
        let Ended::Exhausted { a: ea, b: eb, other_trap, step } = &end else { return Ok(()) };
        let what = |r: &Option<Resource>| match r {
            Some(Resource::Fuel) => "fuel",
            _ => "stack",
        };
        if end.a_alone_exhausted() {
            if generous_wasmite && !generous_wasmi {
                return Err(format!(
                    "{step}: {} ran out of {} with {GENEROUS}x the fuel, call depth and stack, \
                     but wasmi did not run out{}",
                    a.name(),
                    what(ea),
                    other_trap.map_or(String::new(), |k| format!(" (it trapped {k:?})"))
                ));
            }
            if generous_wasmite {
                return Ok(());
            }
            generous_wasmite = true;
        } else if end.b_alone_exhausted() {
            if generous_wasmi && !generous_wasmite {
                return Err(format!(
                    "{step}: wasmi ran out of {} with {GENEROUS}x the fuel, call depth and stack, \
                     but {} did not run out",
                    what(eb),
                    a.name()
                ));
            }
            if generous_wasmi {
                return Ok(());
            }
            generous_wasmi = true;
        } else {
            // Both ran out: not comparable from here.
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::{Outcome, TrapKind, Value};
    use crate::rewrite::tests::SELECT_EQZ;
    use crate::runner::ExportKind;

    /// A wasmite runner that misbehaves on purpose, as a wasmite bug would.
    struct Tampered {
        inner: Box<dyn Runner>,
        generous: bool,
        tamper: Tamper,
        /// Whether `w` was called (globals are tampered with after that).
        called_w: bool,
    }

    #[derive(Clone, Copy)]
    enum Tamper {
        /// Global `g` reads one more than it holds.
        GlobalOffByOne,
        /// A division by zero returns 0 instead of trapping.
        NoDivByZeroTrap,
        /// Call `w` runs out of fuel.
        WRunsOutOfFuel,
        /// Call `w` runs out of fuel, unless generous; then global `g` is off by one.
        WRunsOutOfFuelThenGlobalOffByOne,
    }

    impl Runner for Tampered {
        fn name(&self) -> &'static str {
            self.inner.name()
        }
        fn instantiate(&mut self) -> Outcome {
            self.inner.instantiate()
        }
        fn exports(&self) -> Vec<(String, ExportKind)> {
            self.inner.exports()
        }
        fn call(&mut self, name: &str) -> Outcome {
            self.called_w |= name == "w";
            let out = self.inner.call(name);
            match (self.tamper, out) {
                (Tamper::NoDivByZeroTrap, Outcome::Trapped(TrapKind::DivByZero, _)) => {
                    Outcome::Returned(vec![Value::I32(0)])
                }
                (Tamper::WRunsOutOfFuel, _) if name == "w" => Outcome::Exhausted(Resource::Fuel),
                (Tamper::WRunsOutOfFuelThenGlobalOffByOne, _) if name == "w" && !self.generous => {
                    Outcome::Exhausted(Resource::Fuel)
                }
                (_, out) => out,
            }
        }
        fn global(&self, name: &str) -> Value {
            if !self.called_w {
                return self.inner.global(name);
            }
            match (self.tamper, self.inner.global(name)) {
                (Tamper::GlobalOffByOne, Value::I32(v)) if name == "g" => Value::I32(v + 1),
                (Tamper::WRunsOutOfFuelThenGlobalOffByOne, Value::I32(v))
                    if name == "g" && self.generous =>
                {
                    Value::I32(v + 1)
                }
                (_, v) => v,
            }
        }
        fn memory(&self, name: &str) -> &[u8] {
            self.inner.memory(name)
        }
        fn table(&self, name: &str) -> Vec<Value> {
            self.inner.table(name)
        }
    }

    fn tampered(tamper: Tamper) -> impl Fn(&[u8], bool) -> Box<dyn Runner> {
        move |wasm, generous| {
            let inner = wasmite(Backend::Portable)(wasm, generous);
            Box::new(Tampered { inner, generous, tamper, called_w: false })
        }
    }

    fn check_wat(wat: &str, make: &MakeWasmite<'_>) -> Result<Verdict, String> {
        check_with(&wat::parse_str(wat).unwrap(), make)
    }

    /// [`SELECT_EQZ`] (which wasmi gets wrong) that also stores into a global.
    fn select_and_global() -> String {
        SELECT_EQZ
            .replace(
                "(local.set 0 (i32.const 7))",
                "(global.set $g (i32.const 5)) (local.set 0 (i32.const 7))",
            )
            .replace("(module", r#"(module (global $g (export "g") (mut i32) (i32.const 0))"#)
    }

    #[test]
    fn wasmis_known_bug_alone_is_excused() {
        let wasmite = wasmite(Backend::Portable);
        assert_eq!(check_wat(SELECT_EQZ, &wasmite), Ok(Verdict::KnownWasmiBug));
        assert_eq!(check_wat(&select_and_global(), &wasmite), Ok(Verdict::KnownWasmiBug));
        let plain = r#"(module (func (export "w") (result i32) i32.const 1))"#;
        assert_eq!(check_wat(plain, &wasmite), Ok(Verdict::Agreed));
    }

    /// The old filter skipped every non-trap divergence of a module with
    /// the `select`/`eqz` shape: here a global wasmi gets right.
    #[test]
    fn a_divergence_beside_a_known_bug_is_reported() {
        let d = check_wat(&select_and_global(), &tampered(Tamper::GlobalOffByOne)).unwrap_err();
        assert!(d.contains("global `g` is I32(6) vs I32(5)"), "{d}");
    }

    /// The old filter skipped any report of wasmite returning where wasmi
    /// trapped "integer divide by zero", in any module.
    #[test]
    fn wasmite_not_trapping_on_a_division_by_zero_is_reported() {
        let div = r#"(module (func (export "w") (result i32) (local i32)
            (i32.div_u (i32.const 1) (local.get 0))))"#;
        let d = check_wat(div, &tampered(Tamper::NoDivByZeroTrap)).unwrap_err();
        assert!(d.contains("returned [I32(0)], but wasmi trapped DivByZero"), "{d}");
        // Also beside a guarded division of wasm-smith's shape (wasmi's #6/#12).
        let both = r#"(module
            (func (export "guarded") (result i32) (local i32)
              (local.set 0 (i32.const 7))
              (i32.div_u (i32.const 14)
                (select (i32.const 1) (local.get 0) (i32.eqz (local.get 0)))))
            (func (export "w") (result i32) (local i32)
              (i32.div_u (i32.const 1) (local.get 0))))"#;
        assert_eq!(check_wat(both, &wasmite(Backend::Portable)), Ok(Verdict::KnownWasmiBug));
        let d = check_wat(both, &tampered(Tamper::NoDivByZeroTrap)).unwrap_err();
        assert!(d.contains("call `w`"), "{d}");
    }

    /// The old comparison stopped, successfully, when either engine ran out.
    #[test]
    fn running_out_where_wasmi_returns_is_reported() {
        let wat = r#"(module (func (export "w") (result i32) i32.const 1))"#;
        let d = check_wat(wat, &tampered(Tamper::WRunsOutOfFuel)).unwrap_err();
        assert!(d.contains("call `w`: wasmite (portable) ran out of fuel with 20x"), "{d}");
        // Running out with the ordinary limits only is not a divergence,
        // but the comparison goes on past it (with more fuel) and finds
        // what comes after.
        let wat = r#"(module (global $g (export "g") (mut i32) (i32.const 0))
            (func (export "w") (global.set $g (i32.const 3))))"#;
        let d = check_wat(wat, &tampered(Tamper::WRunsOutOfFuelThenGlobalOffByOne)).unwrap_err();
        assert!(d.contains("after call `w`: global `g` is I32(4) vs I32(3)"), "{d}");
        // Both running out (an endless loop) ends the comparison.
        let endless = r#"(module (func (export "w") (loop (br 0))))"#;
        assert_eq!(check_wat(endless, &wasmite(Backend::Portable)), Ok(Verdict::Agreed));
        // A deep recursion both engines finish with their limits.
        let deep = r#"(module
            (func $down (param i32) (result i32)
              (if (result i32) (local.get 0)
                (then (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))
                (else (i32.const 0))))
            (func (export "w") (result i32) (call $down (i32.const 900))))"#;
        assert_eq!(check_wat(deep, &wasmite(Backend::Threaded)), Ok(Verdict::Agreed));
    }

    /// Every input saved from the differential target is judged as its
    /// FINDINGS entry says (generated as when it was saved: with the 3.0
    /// proposals if its name starts with `wasm3-`, and SIMD too if with
    /// `simd-`): wasmi's known bugs excused on the rewritten
    /// module (including #6, the division the old report filter matched),
    /// everything else agreeing.
    #[test]
    fn saved_inputs_are_judged_as_documented() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/regressions/differential");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let data = std::fs::read(&path).unwrap();
            let mut u = arbitrary::Unstructured::new(&data);
            let backend = crate::wasmite_runner::arbitrary_backend(&mut u).unwrap();
            // Inputs saved since the 3.0 proposals (or SIMD) are fuzzed say so.
            let proposals = crate::smith::Proposals::of_saved_input(&name);
            let wasm = crate::smith::module(&mut u, true, proposals).unwrap();
            let verdict = check(&wasm, backend);
            let want = if name.starts_with("known-wasmi-bug") {
                Verdict::KnownWasmiBug
            } else if name == "wasmi-translator-panic" {
                // Refused by wasmi's debug build only (FINDINGS #10).
                if cfg!(debug_assertions) { Verdict::WasmiRefused } else { Verdict::Agreed }
            } else {
                Verdict::Agreed
            };
            assert_eq!(verdict, Ok(want), "{name}");
            seen += 1;
        }
        assert!(seen >= 9, "{seen} inputs");
    }

    /// FINDINGS #16, fixed: with fuel, an out-of-bounds bulk operation
    /// traps out of bounds at once on both backends, as on wasmi (it used to
    /// charge its length first and run out of fuel), and the finding's
    /// modules agree with wasmi with nothing excused.
    #[test]
    fn finding_16_agrees_with_wasmi() {
        let copy = r#"(module (memory 0)
            (func (export "w") (memory.copy (i32.const 0) (i32.const 0) (i32.const -1))))"#;
        let wasm = rewrite::export_funcs(&wat::parse_str(copy).unwrap()).unwrap();
        for backend in [Backend::Portable, Backend::Threaded] {
            let mut r = wasmite(backend)(&wasm, false);
            r.instantiate();
            let out = r.call("w");
            assert!(
                matches!(out, Outcome::Trapped(TrapKind::MemoryOob, _)),
                "{backend:?}: {out:?}"
            );
        }
        let mut wasmi = wasmi(&wasm, false).unwrap();
        wasmi.instantiate();
        assert!(matches!(wasmi.call("w"), Outcome::Trapped(TrapKind::MemoryOob, _)));
        let fill = r#"(module (memory 0) (global $g (export "g") (mut i32) (i32.const 0))
            (func (export "w")
              (global.set $g (i32.const 3))
              (memory.fill (i32.const 0) (i32.const 0) (i32.const -1))))"#;
        // An endless loop after the bulk operation: both run out there.
        let then_loop = fill.replace(
            "(memory.fill (i32.const 0) (i32.const 0) (i32.const -1))))",
            "(memory.fill (i32.const 0) (i32.const 0) (i32.const -1)))
             (func (export \"z\") (loop (br 0))))",
        );
        assert_ne!(then_loop, fill);
        let table = r#"(module (table 0 funcref)
            (func (export "w") (table.fill 0 (i32.const 0) (ref.null func) (i32.const -1))))"#;
        for wat in [copy, fill, table] {
            for backend in [Backend::Portable, Backend::Threaded] {
                assert_eq!(check_wat(wat, &wasmite(backend)), Ok(Verdict::Agreed), "{backend:?}");
            }
        }
        // (The threaded backend runs an endless loop in optimised builds
        // only: its handlers must tail-call.)
        let optimised = !cfg!(debug_assertions);
        for backend in [Backend::Portable].into_iter().chain(optimised.then_some(Backend::Threaded))
        {
            assert_eq!(
                check_wat(&then_loop, &wasmite(backend)),
                Ok(Verdict::Agreed),
                "{backend:?}"
            );
        }
        // The comparison goes on past the trap: a wrong global is reported.
        let d = check_wat(fill, &tampered(Tamper::GlobalOffByOne)).unwrap_err();
        assert!(d.contains("after call `w`: global `g` is I32(4) vs I32(3)"), "{d}");
        // Running out of fuel where wasmi traps out of bounds is reported
        // now, as running out where it traps otherwise always was.
        let d = check_wat(copy, &tampered(Tamper::WRunsOutOfFuel)).unwrap_err();
        assert!(
            d.contains("ran out of fuel with 20x") && d.contains("(it trapped MemoryOob)"),
            "{d}"
        );
        let other = r#"(module (func (export "w") unreachable))"#;
        let d = check_wat(other, &tampered(Tamper::WRunsOutOfFuel)).unwrap_err();
        assert!(d.contains("(it trapped Unreachable)"), "{d}");
    }
}
