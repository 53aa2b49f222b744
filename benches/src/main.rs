//! `wasmite-bench`: runs wasmite, wasmi, tinywasm and wasmtime on the same
//! workloads in one process, checks that they agree on every checksum, and
//! writes `docs/benchmarks.md` and `docs/benchmarks.svg`. Exits with status 1
//! if any engine fails a workload or computes a checksum other than the one
//! pinned for it (`workloads.rs`); an engine without SIMD that fails a SIMD
//! workload, or one without GC that fails a GC workload, is reported as
//! "not supported" instead, which is no failure.
//!
//! ```text
//! cargo run --release --manifest-path benches/Cargo.toml -- [OPTIONS]
//!   --filter NAME[,NAME]  only workloads whose name contains one of these
//!   --engines A[,B]       only these engines (wasmi is always kept: the baseline)
//!   --runs N              measured runs per engine and workload (default 5)
//!   --quick               one run, no warm-up, no peak-memory measurement
//!   --write / --no-write  force or suppress writing docs/ (default: write only
//!                         for a full run, i.e. without --filter/--engines/--quick)
//! ```
#![forbid(unsafe_code)]

mod chart;
mod engines;
mod report;
mod stats;
mod wasi;
mod workloads;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::Command;
use std::time::Instant;

use engines::{Runner, Sample};
use report::{Cell, Report, Row};
use workloads::{WORKLOADS, Workload};

struct Options {
    filters: Vec<String>,
    engines: Vec<String>,
    runs: usize,
    quick: bool,
    write: Option<bool>,
}

fn usage() -> ! {
    eprintln!(
        "usage: wasmite-bench [--filter NAME[,NAME]] [--engines A[,B]] [--runs N] [--quick] [--write|--no-write]\n\
         workloads: {}\nengines: {}",
        WORKLOADS.iter().map(|w| w.name).collect::<Vec<_>>().join(" "),
        engines::all().iter().map(|e| e.name()).collect::<Vec<_>>().join(" ")
    );
    std::process::exit(2)
}

fn parse_args(args: &[String]) -> Options {
    let mut o = Options { filters: vec![], engines: vec![], runs: 5, quick: false, write: None };
    let mut it = args.iter();
    let list = |v: Option<&String>| -> Vec<String> {
        v.unwrap_or_else(|| usage())
            .split(',')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--filter" => o.filters.extend(list(it.next())),
            "--engines" => o.engines.extend(list(it.next())),
            "--runs" => {
                o.runs = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .unwrap_or_else(|| usage())
            }
            "--quick" => o.quick = true,
            "--write" => o.write = Some(true),
            "--no-write" => o.write = Some(false),
            _ => usage(),
        }
    }
    if o.quick {
        o.runs = 1;
    }
    o
}

/// Runs one sample, turning a panic inside an engine into an error.
fn sample(engine: &dyn Runner, w: &Workload, wasm: &[u8]) -> Result<Sample, String> {
    match catch_unwind(AssertUnwindSafe(|| engine.run(wasm, w.kind, w.uses_gc()))) {
        Ok(r) => r,
        Err(p) => {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            Err(format!("panicked: {msg}"))
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        child(&args[1..]);
        return;
    }
    let opts = parse_args(&args);
    let started = Instant::now();
    let load = std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into());

    let mut engines = engines::all();
    if !opts.engines.is_empty() {
        engines.retain(|e| e.name() == "wasmi" || opts.engines.iter().any(|n| n == e.name()));
    }
    let selected: Vec<&Workload> = WORKLOADS
        .iter()
        .filter(|w| {
            opts.filters.is_empty() || opts.filters.iter().any(|f| w.name.contains(f.as_str()))
        })
        .collect();
    if selected.is_empty() {
        usage();
    }
    let names: Vec<&str> = engines.iter().map(|e| e.name()).collect();
    eprintln!(
        "wasmite-bench: {} workloads x {} engines ({}), {} run(s){}",
        selected.len(),
        engines.len(),
        names.join(", "),
        opts.runs,
        if opts.quick { ", quick" } else { " + 1 warm-up" }
    );

    let mut rows = Vec::new();
    for w in &selected {
        let wasm = match w.load() {
            Ok(b) => b,
            Err(e) => {
                eprintln!("  {e}");
                std::process::exit(1)
            }
        };
        rows.push(measure(w, &wasm, &engines, &opts));
    }

    let peak = if opts.quick {
        None
    } else {
        let largest =
            selected.iter().max_by_key(|w| w.load().map(|b| b.len()).unwrap_or(0)).unwrap();
        Some(peak_memory(largest.name, &names))
    };

    let full = opts.filters.is_empty() && opts.engines.is_empty() && !opts.quick;
    let report = Report {
        engines: names.iter().map(|s| s.to_string()).collect(),
        rows,
        peak,
        runs: opts.runs,
        command: command_line(&args),
        elapsed: started.elapsed(),
        load,
    };
    println!("{}", report.terminal_summary());
    if opts.write.unwrap_or(full) {
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("docs");
        std::fs::create_dir_all(&docs).expect("create docs/");
        let md = docs.join("benchmarks.md");
        let svg = docs.join("benchmarks.svg");
        std::fs::write(&md, report.markdown()).expect("write benchmarks.md");
        chart::render(&report, &report.chart_subtitle(), &svg).expect("write benchmarks.svg");
        eprintln!("wrote {} and {}", md.display(), svg.display());
    }
    eprintln!("total time {:.1} s", started.elapsed().as_secs_f64());
    if report.has_failures() {
        eprintln!(
            "wasmite-bench: FAILED: an engine failed or computed a wrong checksum (see Failures)"
        );
        std::process::exit(1);
    }
}

/// Measures one workload on every engine: a warm-up run (which is also the
/// first checksum check) then `runs` rounds, engines interleaved per round so
/// that slow drifts in machine speed hit every engine alike.
fn measure(w: &Workload, wasm: &[u8], engines: &[Box<dyn Runner>], opts: &Options) -> Row {
    eprintln!("{} ({} bytes)", w.name, wasm.len());
    let mut samples: Vec<Result<Vec<Sample>, String>> =
        engines.iter().map(|_| Ok(vec![])).collect();
    let rounds = opts.runs + usize::from(!opts.quick);
    for round in 0..rounds {
        for (e, engine) in engines.iter().enumerate() {
            let Ok(list) = &mut samples[e] else { continue };
            match sample(engine.as_ref(), w, wasm) {
                Ok(s) => {
                    if let Some(first) = list.first()
                        && first.checksum != s.checksum
                    {
                        samples[e] = Err(format!(
                            "checksum changed between runs: {:016x} then {:016x}",
                            first.checksum, s.checksum
                        ));
                        continue;
                    }
                    if round == 0 {
                        eprintln!(
                            "  {:<9} {:>9.1} ms  (compile {:.2} ms)  checksum {:016x}{}",
                            engine.name(),
                            ms(s.exec),
                            ms(s.compile),
                            s.checksum,
                            if s.output.is_empty() {
                                String::new()
                            } else {
                                format!("  \"{}\"", first_line(&s.output))
                            }
                        );
                    }
                    list.push(s);
                }
                Err(err) => {
                    if let Some(feature) = lacks_feature(w, engine.as_ref()) {
                        eprintln!("  {:<9} not supported (no {feature}): {err}", engine.name());
                    } else {
                        eprintln!("  {:<9} FAILED: {err}", engine.name());
                    }
                    samples[e] = Err(err);
                }
            }
        }
    }
    if !opts.quick {
        // The first sample of each engine was the warm-up: it only served as
        // the checksum reference for the measured runs.
        for s in samples.iter_mut().flatten() {
            s.remove(0);
        }
    }
    let cells: Vec<Cell> = samples
        .into_iter()
        .zip(engines)
        .map(|(s, engine)| {
            Cell::from_samples(s).unsupported_if(lacks_feature(w, engine.as_ref()).is_some())
        })
        .collect();
    Row::new(w, cells)
}

/// The Wasm feature (SIMD or GC) that `w` needs and `engine` does not
/// compile, if any: then its failure there is "not supported", not a
/// failure of the run. Such an engine is still given the workload (it fails
/// at compilation, in a moment), and measured if it runs it after all.
fn lacks_feature(w: &Workload, engine: &dyn Runner) -> Option<&'static str> {
    let feature = w.needs()?;
    let has = if w.uses_gc() { engine.supports_gc() } else { engine.supports_simd() };
    (!has).then_some(feature)
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn command_line(args: &[String]) -> String {
    let mut c = String::from("cargo run --release --manifest-path benches/Cargo.toml");
    if !args.is_empty() {
        c.push_str(" -- ");
        c.push_str(&args.join(" "));
    }
    c
}

/// Peak resident memory (VmHWM) of a fresh process that runs `workload` once
/// on each engine, plus an idle process as the baseline.
fn peak_memory(workload: &str, engines: &[&str]) -> report::Peak {
    eprintln!("peak memory: {workload}");
    let exe = std::env::current_exe().expect("current exe");
    let mut per_engine = Vec::new();
    let idle = run_child(&exe, "none", workload);
    for &e in engines {
        let kb = run_child(&exe, e, workload);
        eprintln!(
            "  {e:<9} {}",
            kb.as_ref()
                .map(|k| format!("{:.1} MiB", *k as f64 / 1024.0))
                .unwrap_or_else(|e| e.clone())
        );
        per_engine.push((e.to_string(), kb));
    }
    report::Peak { workload: workload.to_string(), idle_kb: idle.ok(), per_engine }
}

fn run_child(exe: &std::path::Path, engine: &str, workload: &str) -> Result<u64, String> {
    let out = Command::new(exe)
        .args(["--child", engine, workload])
        .output()
        .map_err(|e| format!("spawn: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.trim()
        .strip_prefix("VmHWM ")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("child failed: {}", String::from_utf8_lossy(&out.stderr).trim()))
}

/// `--child ENGINE WORKLOAD`: run once and print this process's VmHWM (kB).
/// ENGINE `none` only loads the workload (the baseline).
fn child(args: &[String]) {
    let [engine, workload] = args else { usage() };
    let w = WORKLOADS.iter().find(|w| w.name == workload).unwrap_or_else(|| usage());
    let wasm = w.load().unwrap_or_else(|e| panic!("{e}"));
    if engine != "none" {
        let all = engines::all();
        let runner = all.iter().find(|r| r.name() == engine).unwrap_or_else(|| usage());
        if let Err(e) = runner.run_once(&wasm, w.kind, w.uses_gc()) {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .unwrap_or(0);
    println!("VmHWM {kb}");
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use engines::Kind;
    use report::Cell;

    /// An engine that computes `checksum` on everything, or on nothing but
    /// scalar code (failing on SIMD, like wasmite before SIMD, or on GC,
    /// like wasmi).
    struct Fake {
        name: &'static str,
        simd: bool,
        gc: bool,
        checksum: u64,
    }

    impl Runner for Fake {
        fn name(&self) -> &'static str {
            self.name
        }
        fn run(&self, wasm: &[u8], _: Kind, gc: bool) -> Result<Sample, String> {
            if !self.simd && wasm == b"simd" {
                return Err("compile: unexpected SIMD opcode: 0xfd".into());
            }
            if !self.gc && wasm == b"gc" {
                return Err("compile: struct types need GC".into());
            }
            assert_eq!(gc, wasm == b"gc", "the runner is told whether the workload uses GC");
            let d = Duration::from_millis(1);
            Ok(Sample::new(d, d, self.checksum, String::new()))
        }
        fn supports_simd(&self) -> bool {
            self.simd
        }
        fn supports_gc(&self) -> bool {
            self.gc
        }
    }

    fn opts() -> Options {
        Options { filters: vec![], engines: vec![], runs: 2, quick: false, write: Some(false) }
    }

    /// An engine without SIMD is "not supported" on a SIMD workload, the
    /// others are still measured, and the run does not count it a failure;
    /// the same error on a scalar workload is a failure.
    #[test]
    fn an_engine_without_simd_is_not_supported_on_simd_workloads() {
        let simd = WORKLOADS.iter().find(|w| w.name == "imgblur_simd").unwrap();
        let scalar = WORKLOADS.iter().find(|w| w.name == "imgblur").unwrap();
        let engines: Vec<Box<dyn Runner>> = vec![
            Box::new(Fake { name: "wasmi", simd: true, gc: false, checksum: simd.checksum }),
            Box::new(Fake { name: "wasmite", simd: false, gc: false, checksum: simd.checksum }),
        ];
        let row = measure(simd, b"simd", &engines, &opts());
        assert!(matches!(row.cells[0], Cell::Ok(_)));
        assert!(matches!(&row.cells[1], Cell::Unsupported(e) if e.contains("SIMD opcode")));
        // The same engine failing a scalar workload has failed.
        let row = measure(scalar, b"simd", &engines, &opts());
        assert!(matches!(row.cells[1], Cell::Failed(_)));
        // An engine that says it lacks SIMD but runs the workload after all
        // is measured and checked like any other.
        let engines: Vec<Box<dyn Runner>> =
            vec![Box::new(Fake { name: "wasmite", simd: false, gc: false, checksum: 1 })];
        let row = measure(simd, b"scalar", &engines, &opts());
        assert!(matches!(row.cells[0], Cell::WrongChecksum(_)));
    }

    /// Engines without GC (wasmi, tinywasm; wasmite until its GC lands) are
    /// "not supported" on a GC workload, which still runs on the others and
    /// fails no run; the same engines failing a scalar workload have failed.
    #[test]
    fn an_engine_without_gc_is_not_supported_on_gc_workloads() {
        let gc = WORKLOADS.iter().find(|w| w.name == "binary_trees_gc").unwrap();
        let engines: Vec<Box<dyn Runner>> = vec![
            Box::new(Fake { name: "wasmi", simd: true, gc: false, checksum: gc.checksum }),
            Box::new(Fake { name: "wasmite", simd: true, gc: false, checksum: gc.checksum }),
            Box::new(Fake { name: "wasmtime", simd: true, gc: true, checksum: gc.checksum }),
        ];
        let row = measure(gc, b"gc", &engines, &opts());
        assert!(matches!(&row.cells[0], Cell::Unsupported(e) if e.contains("need GC")));
        assert!(matches!(row.cells[1], Cell::Unsupported(_)));
        assert!(matches!(row.cells[2], Cell::Ok(_)));
        let report = Report {
            engines: engines.iter().map(|e| e.name().to_string()).collect(),
            rows: vec![row],
            peak: None,
            runs: 2,
            command: String::new(),
            elapsed: Duration::ZERO,
            load: String::new(),
        };
        assert!(!report.has_failures());
        assert!(report.terminal_summary().contains("wasmite on binary_trees_gc (no GC)"));
        // The same error on a scalar workload is a failure.
        let scalar = WORKLOADS.iter().find(|w| w.name == "fib_rec").unwrap();
        let row = measure(scalar, b"gc", &engines[..1], &opts());
        assert!(matches!(row.cells[0], Cell::Failed(_)));
        // Once an engine has GC, its GC workloads are measured and checked.
        let engines: Vec<Box<dyn Runner>> =
            vec![Box::new(Fake { name: "wasmite", simd: true, gc: true, checksum: 1 })];
        let row = measure(gc, b"gc", &engines, &opts());
        assert!(matches!(row.cells[0], Cell::WrongChecksum(_)));
    }
}
