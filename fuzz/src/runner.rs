//! One instantiated module behind a common interface, and [`diff`], which
//! runs two of them side by side and reports the first divergence.

use crate::outcome::{self, Outcome, Value};

/// The kind of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExportKind {
    /// A function.
    Func,
    /// A global.
    Global,
    /// A linear memory.
    Memory,
    /// A table.
    Table,
}

/// A compiled module in a fresh store, on one engine.
pub trait Runner {
    /// The engine's name, for messages.
    fn name(&self) -> &'static str;
    /// Instantiate (running the start function); `Returned(vec![])` on success.
    fn instantiate(&mut self) -> Outcome;
    /// The exports in module order.
    fn exports(&self) -> Vec<(String, ExportKind)>;
    /// Call the exported function `name` with default (zero/null) arguments.
    fn call(&mut self, name: &str) -> Outcome;
    /// The value of the exported global `name`.
    fn global(&self, name: &str) -> Value;
    /// The bytes of the exported memory `name`.
    fn memory(&self, name: &str) -> &[u8];
    /// The elements of the exported table `name` (a `funcref` as the index of
    /// its function: see [`Value::FuncRef`]).
    fn table(&self, name: &str) -> Vec<Value>;
}

/// How [`diff`] treats running out of fuel or stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exhaustion {
    /// The engines count differently: if either runs out, stop comparing.
    Loose,
    /// Same engine and limits, but `b` may get more fuel than `a`: `b` may
    /// not run out where `a` did not.
    BHasAtLeastAsMuch,
}

/// The name of the step that calls export `name`, as [`diff`] reports it.
pub fn call_step(name: &str) -> String {
    format!("call `{name}`")
}

/// The name of the instantiation step, as [`diff`] reports it.
pub const INSTANTIATION: &str = "instantiation";

/// How a [`diff`] without divergence ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ended {
    /// Every step ran on both, and they agreed.
    Completed,
    /// They agreed until `step`, where one or both ran out of fuel or stack
    /// (`None`: that runner did not).
    Exhausted {
        /// What `a` ran out of.
        a: Option<outcome::Exhaustion>,
        /// What `b` ran out of.
        b: Option<outcome::Exhaustion>,
        /// How the runner that did not run out trapped at that step, if it did.
        other_trap: Option<outcome::TrapKind>,
        /// The step: "instantiation" or "call `name`".
        step: String,
    },
}

impl Ended {
    /// Whether `a` alone ran out of fuel or stack.
    pub fn a_alone_exhausted(&self) -> bool {
        matches!(self, Ended::Exhausted { a: Some(_), b: None, .. })
    }
    /// Whether `b` alone ran out of fuel or stack.
    pub fn b_alone_exhausted(&self) -> bool {
        matches!(self, Ended::Exhausted { a: None, b: Some(_), .. })
    }
}

fn exhausted(oa: &Outcome, ob: &Outcome, step: &str) -> Option<Ended> {
    let of = |o: &Outcome| match o {
        Outcome::Exhausted(e) => Some(*e),
        _ => None,
    };
    let (a, b) = (of(oa), of(ob));
    let other_trap = match (oa, ob) {
        (Outcome::Trapped(k, _), _) | (_, Outcome::Trapped(k, _)) => Some(*k),
        _ => None,
    };
    (a.is_some() || b.is_some()).then(|| Ended::Exhausted {
        a,
        b,
        other_trap,
        step: step.to_string(),
    })
}

/// Instantiate `a` and `b`, call every exported function on both in order,
/// and compare outcomes and exported state (globals, memories, tables) after
/// each step. Stops at the first step where either ran out of fuel or stack,
/// since the two are not comparable from there (except as `exhaustion`
/// says), and says so in the [`Ended`] it returns: a caller that can judge
/// an asymmetric exhaustion (one ran out, the other did not) must look.
///
/// # Errors
/// A description of the first divergence.
pub fn diff(
    a: &mut dyn Runner,
    b: &mut dyn Runner,
    exhaustion: Exhaustion,
) -> Result<Ended, String> {
    let (ia, ib) = (a.instantiate(), b.instantiate());
    check_exhaustion(a, b, &ia, &ib, exhaustion, INSTANTIATION)?;
    if let Some(end) = exhausted(&ia, &ib, INSTANTIATION) {
        return Ok(end);
    }
    // Engines report failed instantiations differently (a trap, or an error
    // for an out-of-bounds segment): both failing is enough, unless both trapped.
    let both_failed = !matches!(ia, Outcome::Returned(_)) && !matches!(ib, Outcome::Returned(_));
    let both_trapped = matches!(ia, Outcome::Trapped(..)) && matches!(ib, Outcome::Trapped(..));
    if !ia.agrees_with(&ib) && (!both_failed || both_trapped) {
        return Err(format!("instantiation: {} {ia}, but {} {ib}", a.name(), b.name()));
    }
    if !matches!(ia, Outcome::Returned(_)) {
        return Ok(Ended::Completed);
    }
    // Compared as sets (engines list them in different orders); both are
    // called in `a`'s order.
    let exports = a.exports();
    let (mut sa, mut sb) = (exports.clone(), b.exports());
    sa.sort();
    sb.sort();
    if sa != sb {
        return Err(format!("exports differ: {sa:?} vs {sb:?}"));
    }
    compare_state(a, b, &exports, "after instantiation")?;
    for (name, kind) in &exports {
        if *kind != ExportKind::Func {
            continue;
        }
        let (oa, ob) = (a.call(name), b.call(name));
        let step = call_step(name);
        check_exhaustion(a, b, &oa, &ob, exhaustion, &step)?;
        if let Some(end) = exhausted(&oa, &ob, &step) {
            return Ok(end);
        }
        if !oa.agrees_with(&ob) {
            return Err(format!("call `{name}`: {} {oa}, but {} {ob}", a.name(), b.name()));
        }
        compare_state(a, b, &exports, &format!("after call `{name}`"))?;
    }
    Ok(Ended::Completed)
}

fn check_exhaustion(
    a: &dyn Runner,
    b: &dyn Runner,
    oa: &Outcome,
    ob: &Outcome,
    exhaustion: Exhaustion,
    what: &str,
) -> Result<(), String> {
    use crate::outcome::Exhaustion::{Fuel, Stack};
    // With at least as much fuel, `b` gets at least as far as `a`: it may hit
    // the stack limit where `a` ran out of fuel, but not the other way round.
    let wrong = match (oa, ob) {
        (_, Outcome::Exhausted(_)) if !oa.is_exhausted() => true,
        (Outcome::Exhausted(Stack), Outcome::Exhausted(Fuel)) => true,
        _ => false,
    };
    if exhaustion == Exhaustion::BHasAtLeastAsMuch && wrong {
        return Err(format!(
            "{what}: {} {oa}, but {} (with at least as much fuel) {ob}",
            a.name(),
            b.name()
        ));
    }
    Ok(())
}

fn compare_state(
    a: &dyn Runner,
    b: &dyn Runner,
    exports: &[(String, ExportKind)],
    when: &str,
) -> Result<(), String> {
    for (name, kind) in exports {
        match kind {
            ExportKind::Func => {}
            ExportKind::Global => {
                let (ga, gb) = (a.global(name), b.global(name));
                if ga != gb {
                    return Err(format!("{when}: global `{name}` is {ga:?} vs {gb:?}"));
                }
            }
            ExportKind::Memory => {
                let (ma, mb) = (a.memory(name), b.memory(name));
                if ma != mb {
                    let first = ma.iter().zip(mb).position(|(x, y)| x != y);
                    return Err(format!(
                        "{when}: memory `{name}` differs: sizes {} vs {}, first differing byte {first:?}{}",
                        ma.len(),
                        mb.len(),
                        first.map_or(String::new(), |i| format!(": {:#x} vs {:#x}", ma[i], mb[i]))
                    ));
                }
            }
            ExportKind::Table => {
                let (ta, tb) = (a.table(name), b.table(name));
                if ta != tb {
                    let first = ta.iter().zip(&tb).position(|(x, y)| x != y);
                    return Err(format!(
                        "{when}: table `{name}` differs: size {} vs {}, first differing element {first:?}{}",
                        ta.len(),
                        tb.len(),
                        first.map_or(String::new(), |i| format!(": {:?} vs {:?}", ta[i], tb[i]))
                    ));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasmi_runner::WasmiRunner;
    use crate::wasmite_runner::{Options, WasmiteRunner};

    fn runners(wat: &str) -> (WasmiteRunner, WasmiRunner) {
        let wasm = crate::rewrite::export_funcs(&wat::parse_str(wat).unwrap()).unwrap();
        (WasmiteRunner::new(&wasm, Options::default()).unwrap(), WasmiRunner::new(&wasm).unwrap())
    }

    /// GC references compare by what they are (null, the `i31`'s value,
    /// struct, array), across backends, in results, globals, tables and
    /// exception payloads; allocations too large for the host trap alike.
    #[test]
    fn gc_references_compare_by_summary() {
        use crate::outcome::{Outcome, RefSummary, TrapKind};
        use wasmite::Backend;
        let wat = r#"(module
            (type $s (struct (field i32) (field (mut anyref))))
            (type $a (array (mut i64)))
            (tag $t (param eqref))
            (import "env" "any_id" (func $any_id (param anyref) (result anyref)))
            (import "env" "i31_of" (func $i31_of (param i32) (result i31ref)))
            (import "env" "g_anyref" (global $host anyref))
            (import "env" "table_any" (table $host_t 2 20 anyref))
            (global $g (export "g") (mut eqref) (ref.i31 (i32.const -1)))
            (table $t (export "t") 3 anyref)
            (func (export "null") (result anyref) (ref.null any))
            (func (export "i31") (result i31ref) (call $i31_of (i32.const 5)))
            (func (export "host") (result anyref) (global.get $host))
            (func (export "struct") (result anyref)
                (call $any_id (struct.new $s (i32.const 1) (ref.null any))))
            (func (export "array") (result (ref $a)) (array.new $a (i64.const 7) (i32.const 3)))
            (func (export "extern") (result externref)
                (extern.convert_any (array.new_default $a (i32.const 0))))
            (func (export "set") (param eqref)
                (global.set $g (struct.new $s (i32.const 2) (ref.i31 (i32.const 3))))
                (table.set $t (i32.const 1) (array.new_fixed $a 0))
                (table.set $host_t (i32.const 0) (struct.new_default $s)))
            (func (export "throw") (throw $t (ref.i31 (i32.const 9))))
            (func (export "huge") (result anyref) (array.new_default $a (i32.const -1))))"#;
        let wasm = crate::rewrite::export_funcs(&wat::parse_str(wat).unwrap()).unwrap();
        let run = |backend, fuel_slice| {
            let options = Options { backend, fuel_slice, ..Options::default() };
            WasmiteRunner::new(&wasm, options).unwrap()
        };
        let (mut a, mut b) = (run(Backend::Portable, None), run(Backend::Threaded, Some(3)));
        assert_eq!(diff(&mut a, &mut b, Exhaustion::BHasAtLeastAsMuch), Ok(Ended::Completed));
        let mut r = run(Backend::Threaded, None);
        assert!(matches!(r.instantiate(), Outcome::Returned(_)));
        let returned = |r: &mut WasmiteRunner, name: &str| match r.call(name) {
            Outcome::Returned(v) => v,
            o => panic!("{name}: {o}"),
        };
        use RefSummary::*;
        for (name, v) in [
            ("null", Value::AnyRef(Null)),
            ("i31", Value::AnyRef(I31(5))),
            ("host", Value::AnyRef(I31(7))),
            ("struct", Value::AnyRef(Struct)),
            ("array", Value::AnyRef(Array)),
            ("extern", Value::ExternRef(Array)),
        ] {
            assert_eq!(returned(&mut r, name), [v], "{name}");
        }
        assert_eq!(r.global("g"), Value::AnyRef(I31(0x7fff_ffff)));
        returned(&mut r, "set");
        assert_eq!(r.global("g"), Value::AnyRef(Struct));
        assert_eq!(r.table("t"), [Value::AnyRef(Null), Value::AnyRef(Array), Value::AnyRef(Null)]);
        assert!(
            matches!(r.call("throw"), Outcome::Exception(v) if v == [Value::AnyRef(I31(9))]),
            "the payload by its summary"
        );
        assert!(
            matches!(r.call("huge"), Outcome::Trapped(TrapKind::AllocationTooLarge, _)),
            "an array of 2^32 - 1 i64s"
        );
        // A summary that differs is a divergence.
        let other = wat.replace("(i32.const 5)", "(i32.const 6)");
        let other = crate::rewrite::export_funcs(&wat::parse_str(other).unwrap()).unwrap();
        let mut c = WasmiteRunner::new(&other, Options::default()).unwrap();
        let d = diff(&mut run(Backend::Portable, None), &mut c, Exhaustion::Loose).unwrap_err();
        assert!(d.contains("returned [AnyRef(I31(5))], but wasmite"), "{d}");
    }

    /// A call allocating more garbage than the GC heap limit runs, plain
    /// or resumable: FINDINGS #20 (resumed calls never collected, so the
    /// resumable one trapped "allocation size too large").
    #[test]
    fn resumed_calls_collect() {
        use wasmite::Backend;
        let wat = r#"(module
            (type $a (array (mut i64)))
            (func (export "churn") (result i32) (local i32)
                ;; 128 MiB of garbage (64 KiB arrays), twice the heap limit.
                (loop
                    (drop (array.new_default $a (i32.const 8192)))
                    (br_if 0 (i32.lt_u (local.tee 0 (i32.add (local.get 0) (i32.const 1)))
                                       (i32.const 2048))))
                (local.get 0)))"#;
        let wasm = wat::parse_str(wat).unwrap();
        for backend in [Backend::Portable, Backend::Threaded] {
            let run = |fuel_slice| {
                let options = Options { backend, fuel_slice, ..Options::default() };
                WasmiteRunner::new(&wasm, options).unwrap()
            };
            // Slices of 3: suspended and resumed thousands of times.
            let (mut a, mut b) = (run(None), run(Some(3)));
            assert_eq!(diff(&mut a, &mut b, Exhaustion::BHasAtLeastAsMuch), Ok(Ended::Completed));
        }
    }

    /// FINDINGS #21: an array a constant expression allocates at
    /// instantiation counts against the GC heap limit like any other (80
    /// MB of `i64`s under the harness's 64 MiB).
    #[test]
    fn arrays_allocated_at_instantiation_count_against_the_limit() {
        use crate::outcome::{Outcome, TrapKind};
        let wat = r#"(module
            (type $a (array i64))
            (table 1 anyref (array.new_default $a (i32.const 10000000))))"#;
        let wasm = wat::parse_str(wat).unwrap();
        let mut r = WasmiteRunner::new(&wasm, Options::default()).unwrap();
        let o = r.instantiate();
        assert!(matches!(o, Outcome::Trapped(TrapKind::AllocationTooLarge, _)), "{o}");
    }

    /// Tables and `funcref`s compare by which function they hold: before,
    /// any two non-null entries were equal.
    #[test]
    fn funcrefs_compare_by_function() {
        let base = r#"(module
            (table (export "t") 3 funcref)
            (elem (i32.const 0) func $a $b)
            (global (export "g") funcref (ref.func $b))
            (func $a) (func $b)
            (func (export "r") (result funcref) (ref.func $a)))"#;
        let (mut a, mut b) = runners(base);
        assert_eq!(diff(&mut a, &mut b, Exhaustion::Loose), Ok(Ended::Completed));
        assert_eq!(
            a.table("t"),
            vec![Value::FuncRef(Some(0)), Value::FuncRef(Some(1)), Value::FuncRef(None)]
        );
        for (from, to, what) in [
            (
                "func $a $b",
                "func $b $a",
                "table `t` differs: size 3 vs 3, first differing element Some(0): FuncRef(Some(1)) vs FuncRef(Some(0))",
            ),
            (
                "(ref.func $b))",
                "(ref.func $a))",
                "global `g` is FuncRef(Some(0)) vs FuncRef(Some(1))",
            ),
            (
                "(ref.func $a)))",
                "(ref.func $b)))",
                "returned [FuncRef(Some(1))], but wasmi returned [FuncRef(Some(0))]",
            ),
        ] {
            let other = base.replace(from, to);
            assert_ne!(other, base);
            let (mut a, _) = runners(&other);
            let (_, mut b) = runners(base);
            let d = diff(&mut a, &mut b, Exhaustion::Loose).unwrap_err();
            assert!(d.contains(what), "{d}");
        }
    }
}
