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
//! exceptions too (what `execute` and `backends` generate, the default for
//! them). The inputs saved in `regressions/` reproduce with the flag of
//! their name's prefix: `wasm3-*`, `simd-*`, `eh-*`; the others `--wasm2`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use arbitrary::Unstructured;
use wasmite::Backend;
use wasmite_fuzz::differential::{self, Verdict};
use wasmite_fuzz::outcome::Outcome;
use wasmite_fuzz::rewrite::Side;
use wasmite_fuzz::runner::{Ended, Exhaustion, ExportKind, Runner, diff};
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
        ("--wasm2", wasmite_fuzz::smith::Proposals::Wasm2),
        ("--wasm3", wasmite_fuzz::smith::Proposals::Wasm3),
        ("--simd", wasmite_fuzz::smith::Proposals::Wasm3Simd),
        ("--eh", wasmite_fuzz::smith::Proposals::Wasm3Eh),
    ] {
        if let Some(i) = args.iter().position(|a| a == flag) {
            args.remove(i);
            proposals = Some(p);
        }
    }
    let target = args.remove(0);
    let proposals = proposals.unwrap_or(match target.as_str() {
        "execute" | "backends" => wasmite_fuzz::smith::Proposals::Wasm3Eh,
        _ => wasmite_fuzz::smith::Proposals::Wasm3Simd,
    });
    let mut stats: BTreeMap<String, usize> = BTreeMap::new();
    let mut bump = |k: &str| *stats.entry(k.to_string()).or_default() += 1;
    for path in args.iter().flat_map(|a| files(Path::new(a))) {
        let data = std::fs::read(&path).unwrap();
        let mut u = Unstructured::new(&data);
        let wasm = match target.as_str() {
            "differential" => {
                let backend = arbitrary_backend(&mut u).unwrap_or(Backend::Portable);
                let Ok(wasm) = wasmite_fuzz::smith::module(&mut u, true, proposals) else {
                    continue;
                };
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
                if target == "backends" {
                    let _slice = u.int_in_range(1..=5000u64);
                    let _threaded_first = u.arbitrary::<bool>();
                }
                let Ok(wasm) = wasmite_fuzz::smith::module(&mut u, false, proposals) else {
                    continue;
                };
                let mut r = WasmiteRunner::new(&wasm, Options::default()).unwrap();
                match r.instantiate() {
                    Outcome::Returned(_) => {
                        bump("instantiated");
                        for (name, kind) in r.exports() {
                            if kind == ExportKind::Func {
                                let o = r.call(&name);
                                let k = match o {
                                    Outcome::Returned(_) => "call returned".to_string(),
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
                    o => bump(&format!(
                        "instantiation failed: {}",
                        o.to_string().split(' ').next().unwrap()
                    )),
                }
                wasm
            }
            t => panic!("unknown target {t}"),
        };
        if let Some(d) = &wasm_dir {
            let name = path.file_name().unwrap().to_string_lossy();
            std::fs::write(d.join(format!("{name}.wasm")), wasm).unwrap();
        }
    }
    for (k, v) in stats {
        println!("{v:8}  {k}");
    }
}
