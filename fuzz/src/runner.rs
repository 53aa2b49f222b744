//! One instantiated module behind a common interface, and [`diff`], which
//! runs two of them side by side and reports the first divergence.

use crate::outcome::{Outcome, Value};

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
    /// The size of the exported table `name`, and which elements are non-null.
    fn table(&self, name: &str) -> (u64, Vec<bool>);
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

/// Instantiate `a` and `b`, call every exported function on both in order,
/// and compare outcomes and exported state (globals, memories, tables) after
/// each step. Stops, successfully, at the first step where either ran out of
/// fuel or stack, since the two are not comparable from there (except as
/// `exhaustion` says).
///
/// # Errors
/// A description of the first divergence.
pub fn diff(a: &mut dyn Runner, b: &mut dyn Runner, exhaustion: Exhaustion) -> Result<(), String> {
    let (ia, ib) = (a.instantiate(), b.instantiate());
    check_exhaustion(a, b, &ia, &ib, exhaustion, "instantiation")?;
    if ia.is_exhausted() || ib.is_exhausted() {
        return Ok(());
    }
    // Engines report failed instantiations differently (a trap, or an error
    // for an out-of-bounds segment): both failing is enough, unless both trapped.
    let both_failed = !matches!(ia, Outcome::Returned(_)) && !matches!(ib, Outcome::Returned(_));
    let both_trapped = matches!(ia, Outcome::Trapped(..)) && matches!(ib, Outcome::Trapped(..));
    if !ia.agrees_with(&ib) && !(both_failed && !both_trapped) {
        return Err(format!("instantiation: {} {ia}, but {} {ib}", a.name(), b.name()));
    }
    if !matches!(ia, Outcome::Returned(_)) {
        return Ok(());
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
        check_exhaustion(a, b, &oa, &ob, exhaustion, &format!("call `{name}`"))?;
        if oa.is_exhausted() || ob.is_exhausted() {
            return Ok(());
        }
        if !oa.agrees_with(&ob) {
            return Err(format!("call `{name}`: {} {oa}, but {} {ob}", a.name(), b.name()));
        }
        compare_state(a, b, &exports, &format!("after call `{name}`"))?;
    }
    Ok(())
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
                    return Err(format!(
                        "{when}: table `{name}` differs: size {} vs {}, non-null {:?} vs {:?}",
                        ta.0,
                        tb.0,
                        ta.1.iter().positions(),
                        tb.1.iter().positions()
                    ));
                }
            }
        }
    }
    Ok(())
}

trait Positions {
    fn positions(self) -> Vec<usize>;
}

impl<'a, I: Iterator<Item = &'a bool>> Positions for I {
    fn positions(self) -> Vec<usize> {
        self.enumerate().filter(|(_, b)| **b).map(|(i, _)| i).collect()
    }
}
