//! Replay fuzz inputs outside libFuzzer, with a summary of what was compared:
//!
//!     cargo +nightly run --release --example replay -- differential corpus/differential
//!
//! Targets: `differential`, `backends`, `execute`, and `modules` (each file
//! is a `.wat` or `.wasm` module run directly on wasmite and wasmi: the tool
//! for reducing a divergence by hand). `--wasm DIR` also writes
//! each generated module to DIR (to turn a crash into a `.wasm` reproducer).
//! `--wasm2` generates modules as the targets did before the 3.0 proposals
//! were fuzzed, `--wasm3` as they did before SIMD was, `--simd` with SIMD
//! but no exceptions (what `differential` generates), `--eh` with
//! exceptions too (what `execute` and `backends` generated in session 12),
//! `--gc` with GC too. Without a flag, `execute` and `backends` draw the
//! configuration from the input as the targets do (GC three times in four:
//! `Proposals::for_execution`). The inputs saved in `regressions/` reproduce
//! with the flag of their name's prefix: `wasm3-*`, `simd-*`, `eh-*`,
//! `gc-*`; the others `--wasm2`.
//!
//! Every generated module is also scanned for GC and typed-reference
//! instructions: the summary counts the modules with each kind (`has …`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use arbitrary::Unstructured;
use wasmite::Backend;
use wasmite_fuzz::differential::{self, Verdict};
use wasmite_fuzz::outcome::{Outcome, TrapKind};
use wasmite_fuzz::rewrite::Side;
use wasmite_fuzz::runner::{Ended, Exhaustion, ExportKind, Runner, diff};
use wasmite_fuzz::smith::Proposals;
use wasmite_fuzz::wasmi_runner::WasmiRunner;
use wasmite_fuzz::wasmite_runner::{
    Options, WasmiteRunner, arbitrary_backend, differential_options,
};

fn files(path: &Path) -> Vec<PathBuf> {
    if path.is_dir() {
        let mut v: Vec<PathBuf> =
            std::fs::read_dir(path).unwrap().map(|e| e.unwrap().path()).collect();
        v.sort();
        v
    } else {
        vec![path.to_path_buf()]
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let wasm_dir = args.iter().position(|a| a == "--wasm").map(|i| {
        let d = PathBuf::from(args.remove(i + 1));
        args.remove(i);
        std::fs::create_dir_all(&d).unwrap();
        d
    });
    let mut proposals = None;
    for (flag, p) in [
        ("--wasm2", Proposals::Wasm2),
        ("--wasm3", Proposals::Wasm3),
        ("--simd", Proposals::Wasm3Simd),
        ("--eh", Proposals::Wasm3Eh),
        ("--gc", Proposals::Wasm3Gc),
    ] {
        if let Some(i) = args.iter().position(|a| a == flag) {
            args.remove(i);
            proposals = Some(p);
        }
    }
    let target = args.remove(0);
    // `None`: drawn from each input, as `execute` and `backends` do.
    let fixed = proposals.or(match target.as_str() {
        "execute" | "backends" => None,
        _ => Some(Proposals::Wasm3Simd),
    });
    let mut stats: BTreeMap<String, usize> = BTreeMap::new();
    let mut bump = |k: &str| *stats.entry(k.to_string()).or_default() += 1;
    for path in args.iter().flat_map(|a| files(Path::new(a))) {
        // Written before it runs, so a module that crashes is kept.
        let save = |wasm: &[u8]| {
            if let Some(d) = &wasm_dir {
                let name = path.file_name().unwrap().to_string_lossy();
                std::fs::write(d.join(format!("{name}.wasm")), wasm).unwrap();
            }
        };
        let data = std::fs::read(&path).unwrap();
        let mut u = Unstructured::new(&data);
        let wasm = match target.as_str() {
            "differential" => {
                let proposals = fixed.expect("fixed for differential");
                let backend = arbitrary_backend(&mut u).unwrap_or(Backend::Portable);
                let Ok(wasm) = wasmite_fuzz::smith::module(&mut u, true, proposals) else {
                    continue;
                };
                save(&wasm);
                if wasmite_fuzz::wasmi_runner::has_if_param_with_nested_block(&wasm) {
                    bump("has the shape of FINDINGS #8/#9");
                }
                if wasmite_fuzz::wasmi_runner::has_select_on_eqz_of_local(&wasm) {
                    bump("has the shape of FINDINGS #6/#12");
                }
                if wasmite_fuzz::rewrite::relaxed_simd(&wasm, Side::Wasmi).is_some() {
                    bump("has relaxed SIMD rewritten for wasmi (rewrite::relaxed_simd)");
                }
                match differential::check(&wasm, backend) {
                    Ok(Verdict::Agreed) => bump("agreed"),
                    Ok(Verdict::KnownWasmiBug) => {
                        bump("known wasmi bug (FINDINGS #6, #8, #9, #12), agreed once avoided")
                    }
                    Ok(Verdict::WasmiRefused) => bump("wasmi refused"),
                    Ok(Verdict::Unrewritable) => bump("uses the reserved export names"),
                    Err(d) => {
                        bump("DIVERGED");
                        println!("{}: {d}", path.display());
                    }
                }
                wasm
            }
            "modules" => {
                let wasm = wat::parse_bytes(&data).unwrap().into_owned();
                let wasm = wasmite_fuzz::rewrite::export_funcs(&wasm).unwrap();
                save(&wasm);
                let mut a =
                    WasmiteRunner::new(&wasm, differential_options(Backend::Portable)).unwrap();
                let mut b = WasmiRunner::new(&wasm).unwrap();
                match diff(&mut a, &mut b, Exhaustion::Loose) {
                    Ok(Ended::Completed) => bump("agreed"),
                    Ok(e) => bump(&format!("agreed until {e:?}")),
                    Err(d) => {
                        bump("DIVERGED");
                        println!("{}: {d}", path.display());
                    }
                }
                wasm
            }
            "backends" | "execute" => {
                let (slice, threaded_first) = if target == "backends" {
                    (u.int_in_range(1..=5000u64).ok(), u.arbitrary::<bool>().unwrap_or(false))
                } else {
                    (None, false)
                };
                let proposals = match fixed {
                    Some(p) => p,
                    None => Proposals::for_execution(&mut u).unwrap_or(Proposals::Wasm3Gc),
                };
                bump(&format!("generated with {proposals:?}"));
                let Ok(wasm) = wasmite_fuzz::smith::module(&mut u, false, proposals) else {
                    continue;
                };
                save(&wasm);
                if let (Some(slice), Some(with_exports)) =
                    (slice, wasmite_fuzz::rewrite::export_funcs(&wasm))
                {
                    // The target's comparison, as it runs it.
                    let (first, second) = if threaded_first {
                        (Backend::Threaded, Backend::Portable)
                    } else {
                        (Backend::Portable, Backend::Threaded)
                    };
                    let plain = Options { backend: first, ..Options::default() };
                    let resumable =
                        Options { backend: second, fuel_slice: Some(slice), ..Options::default() };
                    let mut a = WasmiteRunner::new(&with_exports, plain).unwrap();
                    let mut b = WasmiteRunner::new(&with_exports, resumable).unwrap();
                    match diff(&mut a, &mut b, Exhaustion::BHasAtLeastAsMuch) {
                        Ok(_) => bump("backends agreed"),
                        Err(d) => {
                            bump("BACKENDS DIVERGED");
                            println!("{}: {d}", path.display());
                        }
                    }
                }
                let mut r = WasmiteRunner::new(&wasm, Options::default()).unwrap();
                match r.instantiate() {
                    Outcome::Returned(_) => {
                        bump("instantiated");
                        for (name, kind) in r.exports() {
                            if kind == ExportKind::Func {
                                let o = r.call(&name);
                                let k = match o {
                                    Outcome::Returned(_) => "call returned".to_string(),
                                    Outcome::Trapped(TrapKind::Other, m) => {
                                        format!("call trapped Other ({m})")
                                    }
                                    Outcome::Trapped(k, _) => format!("call trapped {k:?}"),
                                    Outcome::Exhausted(e) => format!("call exhausted {e:?}"),
                                    Outcome::HostError(_) => "call host error".into(),
                                    Outcome::Error(_) => "call error".into(),
                                    Outcome::Exception(_) => "call threw".into(),
                                };
                                bump(&k);
                            }
                        }
                    }
                    Outcome::Error(m) => bump(&format!("instantiation failed: error ({m})")),
                    Outcome::Trapped(k, m) => {
                        bump(&format!("instantiation failed: trapped {k:?} ({m})"))
                    }
                    o => bump(&format!(
                        "instantiation failed: {}",
                        o.to_string().split(' ').next().unwrap()
                    )),
                }
                wasm
            }
            t => panic!("unknown target {t}"),
        };
        let kinds = gc_instructions(&wasm);
        if kinds.iter().any(|k| *k != TYPED_REFS) {
            bump("has GC instructions (any of the below but the typed-reference ones)");
        }
        for k in kinds {
            bump(&format!("has {k}"));
        }
    }
    for (k, v) in stats {
        println!("{v:8}  {k}");
    }
}

/// The kind [`gc_instructions`] gives typed function references'
/// instructions (not GC's, though wasm-smith generates them only with GC).
const TYPED_REFS: &str = "call_ref/ref.as_non_null/br_on_null* (typed function references)";

/// The kinds of GC and typed-reference instructions in `wasm`'s function
/// bodies and constant expressions (globals, element items), each once.
fn gc_instructions(wasm: &[u8]) -> std::collections::BTreeSet<&'static str> {
    use wasmparser::{ElementItems, Operator as O, OperatorsReader, Payload};
    fn scan(ops: OperatorsReader<'_>, kinds: &mut std::collections::BTreeSet<&'static str>) {
        for op in ops.into_iter().flatten() {
            let k = match op {
                O::StructNew { .. } | O::StructNewDefault { .. } => "struct.new*",
                O::StructGet { .. }
                | O::StructGetS { .. }
                | O::StructGetU { .. }
                | O::StructSet { .. } => "struct.get*/set",
                O::ArrayNew { .. }
                | O::ArrayNewDefault { .. }
                | O::ArrayNewFixed { .. }
                | O::ArrayNewData { .. }
                | O::ArrayNewElem { .. } => "array.new*",
                O::ArrayGet { .. }
                | O::ArrayGetS { .. }
                | O::ArrayGetU { .. }
                | O::ArraySet { .. }
                | O::ArrayLen => "array.get*/set/len",
                O::ArrayFill { .. }
                | O::ArrayCopy { .. }
                | O::ArrayInitData { .. }
                | O::ArrayInitElem { .. } => "array.fill/copy/init*",
                O::RefTestNonNull { .. }
                | O::RefTestNullable { .. }
                | O::RefCastNonNull { .. }
                | O::RefCastNullable { .. } => "ref.test/ref.cast",
                O::BrOnCast { .. } | O::BrOnCastFail { .. } => "br_on_cast*",
                O::RefI31 | O::I31GetS | O::I31GetU => "ref.i31/i31.get*",
                O::RefEq => "ref.eq",
                O::AnyConvertExtern | O::ExternConvertAny => "any/extern.convert*",
                O::CallRef { .. }
                | O::ReturnCallRef { .. }
                | O::RefAsNonNull
                | O::BrOnNull { .. }
                | O::BrOnNonNull { .. } => TYPED_REFS,
                _ => continue,
            };
            kinds.insert(k);
        }
    }
    let mut kinds = std::collections::BTreeSet::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm).flatten() {
        match payload {
            Payload::CodeSectionEntry(body) => {
                if let Ok(ops) = body.get_operators_reader() {
                    scan(ops, &mut kinds);
                }
            }
            Payload::GlobalSection(globals) => {
                for g in globals.into_iter().flatten() {
                    scan(g.init_expr.get_operators_reader(), &mut kinds);
                }
            }
            Payload::ElementSection(elems) => {
                for e in elems.into_iter().flatten() {
                    if let ElementItems::Expressions(_, exprs) = e.items {
                        for expr in exprs.into_iter().flatten() {
                            scan(expr.get_operators_reader(), &mut kinds);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    kinds
}
