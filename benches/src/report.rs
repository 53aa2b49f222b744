//! Results and their presentation: the cross-engine checksum check, ratios
//! to wasmi (to wasmtime for the GC workloads), and the markdown written to
//! `docs/benchmarks.md`.

use std::fmt::Write as _;
use std::time::Duration;

use crate::engines::Sample;
use crate::stats::{geomean, median};
use crate::workloads::{Family, WORKLOADS, Workload};

/// The baseline engine: every ratio is relative to it, but the GC
/// workloads'.
pub const BASELINE: &str = "wasmi";

/// The reference of the GC workloads, which wasmi (and tinywasm) cannot
/// run: their ratios and their geometric mean are relative to it.
pub const GC_REFERENCE: &str = "wasmtime";

/// Medians of one engine's runs of one workload.
#[derive(Clone, Debug)]
pub struct Stats {
    pub exec: Duration,
    pub compile: Duration,
    /// Compile + instantiate on one thread, if the engine compiles on several.
    pub compile_1t: Option<Duration>,
    pub checksum: u64,
    pub output: String,
}

/// One engine on one workload.
#[derive(Clone, Debug)]
pub enum Cell {
    Ok(Stats),
    /// It ran, but computed a different checksum than the other engines.
    WrongChecksum(Stats),
    /// It failed (trap, unsupported feature, link error, panic, ...).
    Failed(String),
    /// It failed on a workload that needs a feature the engine does not
    /// have (wasmi and tinywasm on the GC workloads, wasmite before SIMD on
    /// the SIMD builds): shown as "not supported", left out of the ratios
    /// like a failure, but no failure of the run.
    Unsupported(String),
}

impl Cell {
    pub fn from_samples(s: Result<Vec<Sample>, String>) -> Cell {
        match s {
            Err(e) => Cell::Failed(e),
            Ok(v) if v.is_empty() => Cell::Failed("no samples".into()),
            Ok(v) => Cell::Ok(Stats {
                exec: median(v.iter().map(|s| s.exec).collect()),
                compile: median(v.iter().map(|s| s.compile).collect()),
                compile_1t: v.iter().map(|s| s.compile_1t).collect::<Option<Vec<_>>>().map(median),
                checksum: v[0].checksum,
                output: v[0].output.clone(),
            }),
        }
    }

    /// A failure becomes [`Cell::Unsupported`] if the engine `lacks` a
    /// feature that the workload needs. Anything else stays as it is: an
    /// engine that runs the workload after all is measured, and checked.
    pub fn unsupported_if(self, lacks: bool) -> Cell {
        match self {
            Cell::Failed(e) if lacks => Cell::Unsupported(e),
            c => c,
        }
    }

    /// Timings that may be compared (correct results only).
    pub fn ok(&self) -> Option<&Stats> {
        match self {
            Cell::Ok(s) => Some(s),
            _ => None,
        }
    }
}

/// One workload on every engine.
pub struct Row {
    pub name: &'static str,
    pub cells: Vec<Cell>,
    /// The workload's pinned checksum ([`Workload::checksum`]).
    pub checksum: u64,
    pub output: String,
}

impl Row {
    /// Marks every cell whose checksum is not the workload's pinned one as
    /// wrong: correctness does not depend on which engines ran, or on a
    /// majority among them.
    pub fn new(w: &Workload, mut cells: Vec<Cell>) -> Row {
        let mut output = String::new();
        for cell in &mut cells {
            if let Cell::Ok(s) = cell {
                if s.checksum == w.checksum {
                    if output.is_empty() {
                        output = s.output.clone();
                    }
                } else {
                    *cell = Cell::WrongChecksum(s.clone());
                }
            }
        }
        Row { name: w.name, cells, checksum: w.checksum, output }
    }

    fn workload(&self) -> &'static Workload {
        WORKLOADS.iter().find(|w| w.name == self.name).expect("known workload")
    }
}

/// Peak resident memory of one process per engine running one workload.
pub struct Peak {
    pub workload: String,
    pub idle_kb: Option<u64>,
    pub per_engine: Vec<(String, Result<u64, String>)>,
}

pub struct Report {
    pub engines: Vec<String>,
    pub rows: Vec<Row>,
    pub peak: Option<Peak>,
    pub runs: usize,
    pub command: String,
    pub elapsed: Duration,
    /// `/proc/loadavg` when the run started: other work on the machine
    /// makes the numbers noisier.
    pub load: String,
}

fn fmt_ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

fn fmt_ratio(r: f64) -> String {
    if r >= 10.0 { format!("{r:.1}×") } else { format!("{r:.2}×") }
}

impl Report {
    fn baseline(&self) -> usize {
        self.engines.iter().position(|e| e == BASELINE).expect("wasmi is always run")
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.engines.iter().position(|e| e == name)
    }

    /// Execution time of engine `e` over engine `base` on one row.
    pub fn ratio(&self, row: &Row, e: usize, base: usize) -> Option<f64> {
        let a = row.cells[e].ok()?.exec.as_secs_f64();
        let b = row.cells[base].ok()?.exec.as_secs_f64();
        (b > 0.0).then(|| a / b)
    }

    fn compile_ratio(&self, row: &Row, e: usize, base: usize) -> Option<f64> {
        let a = row.cells[e].ok()?.compile.as_secs_f64();
        let b = row.cells[base].ok()?.compile.as_secs_f64();
        (b > 0.0).then(|| a / b)
    }

    /// The scalar workloads, the SIMD builds or the GC workloads.
    fn rows_of(&self, family: Family) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(move |row| row.workload().family() == family)
    }

    /// The engine whose time a row's ratios are relative to: wasmi, or
    /// wasmtime for a GC workload (`None` if it was not run).
    pub fn reference(&self, row: &Row) -> Option<usize> {
        match row.workload().family() {
            Family::Gc => self.index(GC_REFERENCE),
            Family::Scalar | Family::Simd => Some(self.baseline()),
        }
    }

    /// Geometric mean of engine `e`'s execution-time ratio to `base` over the
    /// scalar workloads both ran correctly, and how many those were. The
    /// SIMD builds and the GC workloads have their own
    /// ([`Report::geomean_simd`], [`Report::geomean_gc`]).
    pub fn geomean(&self, e: usize, base: usize) -> (Option<f64>, usize) {
        self.geomean_of(Family::Scalar, e, base)
    }

    /// The same over the SIMD builds.
    pub fn geomean_simd(&self, e: usize, base: usize) -> (Option<f64>, usize) {
        self.geomean_of(Family::Simd, e, base)
    }

    /// The same over the GC workloads, relative to wasmtime (`None` without
    /// wasmtime in the run).
    pub fn geomean_gc(&self, e: usize) -> (Option<f64>, usize) {
        match self.index(GC_REFERENCE) {
            Some(base) => self.geomean_of(Family::Gc, e, base),
            None => (None, 0),
        }
    }

    fn geomean_of(&self, family: Family, e: usize, base: usize) -> (Option<f64>, usize) {
        let r: Vec<f64> = self.rows_of(family).filter_map(|row| self.ratio(row, e, base)).collect();
        (geomean(&r), r.len())
    }

    /// Whether any SIMD build was run.
    pub fn has_simd(&self) -> bool {
        self.rows_of(Family::Simd).next().is_some()
    }

    /// Whether any GC workload was run.
    pub fn has_gc(&self) -> bool {
        self.rows_of(Family::Gc).next().is_some()
    }

    /// Each SIMD build with its scalar twin, where both were run.
    fn simd_pairs(&self) -> Vec<(&Row, &Row)> {
        self.rows_of(Family::Simd)
            .filter_map(|row| {
                let twin = row.workload().simd_of?;
                Some((row, self.rows.iter().find(|r| r.name == twin)?))
            })
            .collect()
    }

    /// Engine `e`'s time on a SIMD build over its time on the scalar twin.
    fn simd_speedup(&self, simd: &Row, scalar: &Row, e: usize) -> Option<f64> {
        let a = simd.cells[e].ok()?.exec.as_secs_f64();
        let b = scalar.cells[e].ok()?.exec.as_secs_f64();
        (b > 0.0).then(|| a / b)
    }

    fn cell_text(&self, row: &Row, e: usize) -> String {
        let base = self.reference(row);
        match &row.cells[e] {
            Cell::Ok(s) if Some(e) == base => fmt_ms(s.exec),
            Cell::Ok(s) => match base.and_then(|base| self.ratio(row, e, base)) {
                Some(r) => format!("{} ({})", fmt_ms(s.exec), fmt_ratio(r)),
                None => fmt_ms(s.exec),
            },
            Cell::WrongChecksum(s) => format!("**wrong checksum** {:016x}", s.checksum),
            Cell::Failed(_) => "**failed**".into(),
            Cell::Unsupported(_) => "not supported".into(),
        }
    }

    /// The cells of a geometric-mean line of the execution-time table: each
    /// engine's mean ratio to wasmi over the scalar workloads or the SIMD
    /// builds, or to wasmtime over the GC workloads, with how many of them
    /// it ran if not all.
    fn geomean_cells(&self, family: Family) -> String {
        let base = self.index(GC_REFERENCE).filter(|_| family == Family::Gc);
        let total = self.rows_of(family).count();
        let mut t = String::new();
        for e in 0..self.engines.len() {
            let (g, n) = match (family, base) {
                (Family::Gc, Some(base)) => self.geomean_of(family, e, base),
                (Family::Gc, None) => (None, 0),
                _ => self.geomean_of(family, e, self.baseline()),
            };
            match g {
                Some(g) => {
                    let _ = write!(
                        t,
                        " **{}**{} |",
                        fmt_ratio(g),
                        if n == total { String::new() } else { format!(" ({n} of {total})") }
                    );
                }
                None => t.push_str(" - |"),
            }
        }
        t
    }

    /// The execution-time table (markdown).
    pub fn exec_table(&self) -> String {
        let mut t = String::new();
        let _ = write!(t, "| workload |");
        for e in &self.engines {
            let _ = write!(t, " {e} |");
        }
        t.push_str(" checksum |\n|---|");
        for _ in &self.engines {
            t.push_str("--:|");
        }
        t.push_str("---|\n");
        for row in &self.rows {
            let _ = write!(t, "| {} |", row.name);
            for e in 0..self.engines.len() {
                let _ = write!(t, " {} |", self.cell_text(row, e));
            }
            let _ = writeln!(t, " `{:016x}` |", row.checksum);
        }
        let _ = write!(t, "| **geometric mean** (vs {BASELINE}) |");
        t.push_str(&self.geomean_cells(Family::Scalar));
        t.push_str(" |\n");
        if self.has_simd() {
            let _ = write!(t, "| **geometric mean, SIMD builds** (vs {BASELINE}) |");
            t.push_str(&self.geomean_cells(Family::Simd));
            t.push_str(" |\n");
        }
        if self.has_gc() {
            let _ = write!(t, "| **geometric mean, GC** (vs {GC_REFERENCE}) |");
            t.push_str(&self.geomean_cells(Family::Gc));
            t.push_str(" |\n");
        }
        t
    }

    /// wasmite's execution time over each other engine's.
    pub fn relative_table(&self) -> Option<String> {
        let me = self.index("wasmite")?;
        let others: Vec<usize> = (0..self.engines.len()).filter(|&e| e != me).collect();
        let mut t = String::from("| workload |");
        for &o in &others {
            let _ = write!(t, " wasmite / {} |", self.engines[o]);
        }
        t.push_str("\n|---|");
        for _ in &others {
            t.push_str("--:|");
        }
        t.push('\n');
        for row in &self.rows {
            let _ = write!(t, "| {} |", row.name);
            for &o in &others {
                let s = self.ratio(row, me, o).map(fmt_ratio).unwrap_or_else(|| "-".into());
                let _ = write!(t, " {s} |");
            }
            t.push('\n');
        }
        t.push_str("| **geometric mean** |");
        for &o in &others {
            let s = self.geomean(me, o).0.map(fmt_ratio).unwrap_or_else(|| "-".into());
            let _ = write!(t, " **{s}** |");
        }
        t.push('\n');
        if self.has_simd() {
            t.push_str("| **geometric mean, SIMD builds** |");
            for &o in &others {
                let s = self.geomean_simd(me, o).0.map(fmt_ratio).unwrap_or_else(|| "-".into());
                let _ = write!(t, " **{s}** |");
            }
            t.push('\n');
        }
        if self.has_gc() {
            t.push_str("| **geometric mean, GC** |");
            for &o in &others {
                let g = self.geomean_of(Family::Gc, me, o).0;
                let s = g.map(fmt_ratio).unwrap_or_else(|| "-".into());
                let _ = write!(t, " **{s}** |");
            }
            t.push('\n');
        }
        Some(t)
    }

    /// Each engine's time on a SIMD build over its own time on the scalar
    /// twin (below 1: the SIMD build runs faster), with the geometric mean.
    pub fn simd_table(&self) -> Option<String> {
        let pairs = self.simd_pairs();
        if pairs.is_empty() {
            return None;
        }
        let mut t = String::from("| SIMD build / scalar build |");
        for e in &self.engines {
            let _ = write!(t, " {e} |");
        }
        t.push_str("\n|---|");
        for _ in &self.engines {
            t.push_str("--:|");
        }
        t.push('\n');
        let mut all: Vec<Vec<f64>> = vec![vec![]; self.engines.len()];
        for (simd, scalar) in &pairs {
            let _ = write!(t, "| {} / {} |", simd.name, scalar.name);
            for (e, all) in all.iter_mut().enumerate() {
                let s = match self.simd_speedup(simd, scalar, e) {
                    Some(r) => {
                        all.push(r);
                        fmt_ratio(r)
                    }
                    None if matches!(simd.cells[e], Cell::Unsupported(_)) => "not supported".into(),
                    None => "-".into(),
                };
                let _ = write!(t, " {s} |");
            }
            t.push('\n');
        }
        t.push_str("| **geometric mean** |");
        for r in &all {
            let s = match geomean(r) {
                Some(g) if r.len() == pairs.len() => fmt_ratio(g),
                Some(g) => format!("{} ({} of {})", fmt_ratio(g), r.len(), pairs.len()),
                None => "-".into(),
            };
            let _ = write!(t, " **{s}** |");
        }
        t.push('\n');
        Some(t)
    }

    fn compile_table(&self) -> String {
        let base = self.baseline();
        // Engines that compile on several threads get a one-thread column.
        let single: Vec<bool> = (0..self.engines.len())
            .map(|e| {
                self.rows.iter().any(|r| r.cells[e].ok().is_some_and(|s| s.compile_1t.is_some()))
            })
            .collect();
        let mut t = String::from("| workload | .wasm size |");
        for (e, name) in self.engines.iter().enumerate() {
            let _ = write!(t, " {name} |");
            if single[e] {
                let _ = write!(t, " {name}, 1 thread |");
            }
        }
        t.push_str("\n|---|--:|");
        for &one in &single {
            t.push_str(if one { "--:|--:|" } else { "--:|" });
        }
        t.push('\n');
        for row in &self.rows {
            let size = row.workload().load().map(|b| b.len()).unwrap_or(0);
            let _ = write!(t, "| {} | {} |", row.name, fmt_size(size as u64));
            for (e, &one) in single.iter().enumerate() {
                let s = match &row.cells[e] {
                    Cell::Ok(s) | Cell::WrongChecksum(s) if e == base => fmt_ms(s.compile),
                    Cell::Ok(s) | Cell::WrongChecksum(s) => {
                        match self.compile_ratio(row, e, base) {
                            Some(r) => format!("{} ({})", fmt_ms(s.compile), fmt_ratio(r)),
                            None => fmt_ms(s.compile),
                        }
                    }
                    Cell::Failed(_) => "**failed**".into(),
                    Cell::Unsupported(_) => "not supported".into(),
                };
                let _ = write!(t, " {s} |");
                if one {
                    let s = match (
                        row.cells[e].ok().and_then(|s| s.compile_1t),
                        row.cells[base].ok(),
                    ) {
                        (Some(c), Some(b)) if b.compile.as_secs_f64() > 0.0 => format!(
                            "{} ({})",
                            fmt_ms(c),
                            fmt_ratio(c.as_secs_f64() / b.compile.as_secs_f64())
                        ),
                        (Some(c), _) => fmt_ms(c),
                        _ => "-".into(),
                    };
                    let _ = write!(t, " {s} |");
                }
            }
            t.push('\n');
        }
        t
    }

    fn peak_table(&self) -> Option<String> {
        let p = self.peak.as_ref()?;
        let mut t = format!(
            "Peak resident set (VmHWM) of a fresh `wasmite-bench --child ENGINE {}` process that compiles, \
             instantiates and runs the largest workload once. The idle process (same binary, workload file \
             loaded, no engine run) peaks at {}.\n\n| engine | peak RSS | above idle |\n|---|--:|--:|\n",
            p.workload,
            p.idle_kb.map(fmt_kb).unwrap_or_else(|| "?".into())
        );
        for (e, kb) in &p.per_engine {
            match kb {
                Ok(kb) => {
                    let above = p
                        .idle_kb
                        .map(|i| fmt_kb(kb.saturating_sub(i)))
                        .unwrap_or_else(|| "?".into());
                    let _ = writeln!(t, "| {e} | {} | {above} |", fmt_kb(*kb));
                }
                Err(err) => {
                    let _ = writeln!(t, "| {e} | failed: {} | |", err.replace('|', "\\|"));
                }
            }
        }
        Some(t)
    }

    /// Whether any engine failed or computed a wrong checksum on any
    /// workload ("not supported" is neither).
    pub fn has_failures(&self) -> bool {
        self.rows
            .iter()
            .flat_map(|r| &r.cells)
            .any(|c| matches!(c, Cell::Failed(_) | Cell::WrongChecksum(_)))
    }

    /// The workloads an engine does not support, with its error.
    fn unsupported(&self) -> Vec<String> {
        let mut v = Vec::new();
        for row in &self.rows {
            let feature = row.workload().needs().unwrap_or("feature");
            for (e, cell) in row.cells.iter().enumerate() {
                if let Cell::Unsupported(err) = cell {
                    v.push(format!("{} on {} (no {feature}): {err}", self.engines[e], row.name));
                }
            }
        }
        v
    }

    fn failures(&self) -> Vec<String> {
        let mut v = Vec::new();
        for row in &self.rows {
            for (e, cell) in row.cells.iter().enumerate() {
                match cell {
                    Cell::Failed(err) => {
                        v.push(format!("{} on {}: {}", self.engines[e], row.name, err))
                    }
                    Cell::WrongChecksum(s) => v.push(format!(
                        "{} on {}: checksum {:016x}, expected {:016x} (pinned in benches/src/workloads.rs){}",
                        self.engines[e],
                        row.name,
                        s.checksum,
                        row.checksum,
                        if s.output.is_empty() {
                            String::new()
                        } else {
                            format!(" (printed \"{}\")", s.output.lines().next().unwrap_or(""))
                        }
                    )),
                    Cell::Ok(_) | Cell::Unsupported(_) => {}
                }
            }
        }
        v
    }

    /// What the terminal shows at the end of a run.
    /// wasmite's translated code against the Wasm code it came from.
    fn ir_table(&self) -> String {
        let mut t = String::from(
            "| workload | Wasm code | wasmite IR | IR bytes per Wasm byte |\n|---|--:|--:|--:|\n",
        );
        let plain = wasmite::Engine::default();
        let gc =
            wasmite::Engine::new(wasmite::Config::new().wasm_gc(true)).expect("wasmite engine");
        let (mut wasm_total, mut ir_total) = (0usize, 0usize);
        for row in &self.rows {
            let w = row.workload();
            let Ok(bytes) = w.load() else { continue };
            let engine = if w.uses_gc() { &gc } else { &plain };
            let Ok(m) = wasmite::Module::new(engine, &bytes) else { continue };
            let (w, ir) = (m.wasm_code_bytes(), m.ir_bytes());
            wasm_total += w;
            ir_total += ir;
            let _ = writeln!(
                t,
                "| {} | {} | {} | {:.1} |",
                row.name,
                fmt_size(w as u64),
                fmt_size(ir as u64),
                ir as f64 / w.max(1) as f64
            );
        }
        let _ = writeln!(
            t,
            "| **all** | {} | {} | **{:.1}** |",
            fmt_size(wasm_total as u64),
            fmt_size(ir_total as u64),
            ir_total as f64 / wasm_total.max(1) as f64
        );
        t
    }

    pub fn terminal_summary(&self) -> String {
        let mut s = String::from(if self.has_gc() {
            "\nExecution time (median), ratio to wasmi in parentheses (to wasmtime for the GC workloads):\n\n"
        } else {
            "\nExecution time (median), ratio to wasmi in parentheses:\n\n"
        });
        s.push_str(&self.exec_table());
        if let Some(rel) = self.relative_table() {
            s.push_str("\nwasmite relative to each engine (execution time; < 1 means wasmite is faster):\n\n");
            s.push_str(&rel);
        }
        if let Some(simd) = self.simd_table() {
            s.push_str("\nSIMD build vs scalar build, per engine (time of X_simd / time of X; < 1 means the SIMD build is faster):\n\n");
            s.push_str(&simd);
        }
        s.push_str("\nCompile + instantiate (median):\n\n");
        s.push_str(&self.compile_table());
        s.push_str("\nTranslated code size (wasmite):\n\n");
        s.push_str(&self.ir_table());
        if let Some(p) = self.peak_table() {
            s.push('\n');
            s.push_str(&p);
        }
        let f = self.failures();
        if !f.is_empty() {
            s.push_str("\nFailures:\n");
            for line in f {
                let _ = writeln!(s, "- {line}");
            }
        }
        let u = self.unsupported();
        if !u.is_empty() {
            s.push_str("\nNot supported (not counted as failures):\n");
            for line in u {
                let _ = writeln!(s, "- {}", first_line(&line));
            }
        }
        s
    }

    /// One line under the chart's title: what, where, when.
    pub fn chart_subtitle(&self) -> String {
        let env = Environment::detect();
        format!("median of {} runs · {} · {}", self.runs, env.machine_short, env.date)
    }

    /// The full `docs/benchmarks.md`.
    pub fn markdown(&self) -> String {
        let env = Environment::detect();
        let mut m = String::new();
        m.push_str("# Benchmarks\n\n");
        m.push_str(
            "wasmite against wasmi (the baseline), tinywasm and wasmtime (Cranelift, an optimizing \
             compiler, as the ceiling) on the same workloads in one run. Every engine gets the same \
             `.wasm` files and the same minimal WASI implementation; a result only counts when its \
             checksum is the one pinned for the workload (`benches/src/workloads.rs`). Times are medians; lower is better. This file and \
             the chart are generated by `benches/` (see `benches/README.md`); do not edit them by hand.\n\n",
        );
        let _ = writeln!(m, "| | |\n|---|---|");
        let _ = writeln!(m, "| machine | {} |", env.machine);
        let _ = writeln!(m, "| date | {} |", env.date);
        let _ = writeln!(m, "| command | `{}` |", self.command);
        let _ = writeln!(m, "| engines | {} |", env.engines);
        let _ = writeln!(
            m,
            "| compiler | {} (release profile: opt-level 3, fat LTO, 1 codegen unit) |",
            env.rustc
        );
        let _ = writeln!(
            m,
            "| runs | median of {} measured runs after 1 warm-up, engines interleaved |",
            self.runs
        );
        let _ = writeln!(m, "| suite time | {:.0} s |", self.elapsed.as_secs_f64());
        let _ = writeln!(m, "| load average at start | {} |", self.load);
        m.push_str("\n![Execution time relative to wasmi](benchmarks.svg)\n\n");

        m.push_str("## Execution time\n\nThe call of `run` (or WASI `_start`), after compilation and instantiation; ratio to wasmi in parentheses.");
        if self.has_simd() {
            m.push_str(" The first geometric mean is over the scalar workloads; the SIMD builds (the `_simd` workloads, built with `-msimd128`) have their own.");
        }
        if self.has_gc() {
            m.push_str(" The GC workloads (the `_gc` workloads, WasmGC structs and arrays) need WasmGC, which wasmi and tinywasm do not have: their ratios are to wasmtime (GC on, deferred reference-counting collector), with their own geometric mean, and they count in no other.");
        }
        m.push_str("\n\n");
        m.push_str(&self.exec_table());
        if let Some(rel) = self.relative_table() {
            m.push_str("\n## wasmite relative to each engine\n\nwasmite's execution time divided by the other engine's: below 1 means wasmite is faster.\n\n");
            m.push_str(&rel);
        }
        if let Some(simd) = self.simd_table() {
            m.push_str("\n## SIMD build vs scalar build, per engine\n\nEach engine's execution time on a SIMD build (`X_simd`, the same source built with `-msimd128`) divided by its own time on the scalar build (`X`): below 1 means the engine runs the SIMD build faster.\n\n");
            m.push_str(&simd);
        }
        m.push_str("\n## Compile + instantiate\n\nDecoding, validation and translation (wasmi in eager mode, so nothing is left for later) plus linking and instantiation; ratio to wasmi in parentheses. wasmite translates the functions of a large module on all available threads by default (`Config::parallel_compilation`); its \"1 thread\" column is the same work on the calling thread only.\n\n");
        m.push_str(&self.compile_table());
        m.push_str("\n## Translated code size\n\nwasmite's IR (each op with its handler, 24 bytes, plus a 4-byte source offset for trap locations) against the function bodies it was translated from.\n\n");
        m.push_str(&self.ir_table());
        if let Some(p) = self.peak_table() {
            m.push_str("\n## Peak memory\n\n");
            m.push_str(&p);
        }
        let f = self.failures();
        if !f.is_empty() {
            m.push_str("\n## Failures\n\nExcluded from the ratios and geometric means above.\n\n");
            for line in f {
                let _ = writeln!(m, "- {}", line.replace('\n', " "));
            }
        }
        let u = self.unsupported();
        if !u.is_empty() {
            m.push_str("\n## Not supported\n\nAn engine without SIMD on the SIMD builds, or without GC on the GC workloads: excluded from the ratios and geometric means, not counted as failures.\n\n");
            for line in u {
                let _ = writeln!(m, "- {}", first_line(&line));
            }
        }
        m.push_str("\n## Workloads\n\nSources and the rebuild script are in `benches/workloads/`.\n\n| workload | kind | what it does | output |\n|---|---|---|---|\n");
        for row in &self.rows {
            let w = row.workload();
            let out = if row.output.is_empty() {
                String::new()
            } else {
                format!("`{}`", row.output.replace('\n', " / "))
            };
            let kind = if w.uses_simd() {
                format!("{}, SIMD", w.group.label())
            } else {
                w.group.label().to_string()
            };
            let _ = writeln!(m, "| {} | {kind} | {} | {out} |", w.name, w.about);
        }
        m
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

fn fmt_kb(kb: u64) -> String {
    format!("{:.1} MiB", kb as f64 / 1024.0)
}

fn fmt_size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / (1u64 << 20) as f64)
    } else if bytes >= 1 << 10 {
        format!("{:.0} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} B")
    }
}

/// Where and with what the numbers were taken.
pub struct Environment {
    pub machine: String,
    /// Architecture, CPU count and model only.
    pub machine_short: String,
    pub date: String,
    pub engines: String,
    pub rustc: String,
}

impl Environment {
    pub fn detect() -> Environment {
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines().find_map(|l| {
                    l.strip_prefix("model name")
                        .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
                })
            })
            .unwrap_or_else(|| "unknown CPU".into());
        let arch =
            command_output("uname", &["-m"]).unwrap_or_else(|| std::env::consts::ARCH.into());
        let nproc = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        let kernel = command_output("uname", &["-sr"]).unwrap_or_default();
        let machine_short = format!("{arch}, {nproc} CPUs, {cpu}");
        let machine = format!("{machine_short}, {kernel}");
        let date = command_output("date", &["-u", "+%Y-%m-%d %H:%M UTC"])
            .unwrap_or_else(|| "unknown".into());

        let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"))
            .unwrap_or_default();
        let version = |name: &str| locked_version(&lock, name).unwrap_or_else(|| "?".into());
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let rev = command_output("git", &["-C", root, "rev-parse", "--short", "HEAD"]);
        let dirty = command_output("git", &["-C", root, "status", "--porcelain", "--", "crates"])
            .is_some_and(|s| !s.is_empty());
        let wasmite = match rev {
            Some(r) => format!(
                "wasmite {} (git {r}{})",
                version("wasmite"),
                if dirty { ", modified" } else { "" }
            ),
            None => format!("wasmite {}", version("wasmite")),
        };
        let engines = format!(
            "{wasmite}, wasmi {} (eager compilation), tinywasm {}, wasmtime {} (Cranelift)",
            version("wasmi"),
            version("tinywasm"),
            version("wasmtime")
        );
        let rustc = command_output("rustc", &["--version"]).unwrap_or_else(|| "rustc".into());
        Environment { machine, machine_short, date, engines, rustc }
    }
}

fn command_output(cmd: &str, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new(cmd).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The version of package `name` in a Cargo.lock.
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let needle = format!("name = \"{name}\"\n");
    let at = lock.find(&needle)? + needle.len();
    let rest = &lock[at..];
    let line = rest.lines().next()?;
    Some(line.strip_prefix("version = \"")?.trim_end_matches('"').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(checksum: u64) -> Cell {
        Cell::Ok(Stats {
            exec: Duration::from_millis(1),
            compile: Duration::from_millis(1),
            compile_1t: None,
            checksum,
            output: String::new(),
        })
    }

    fn fib_rec() -> &'static Workload {
        WORKLOADS.iter().find(|w| w.name == "fib_rec").unwrap()
    }

    fn report(rows: Vec<Row>, engines: &[&str]) -> Report {
        Report {
            engines: engines.iter().map(|e| e.to_string()).collect(),
            rows,
            peak: None,
            runs: 1,
            command: String::new(),
            elapsed: Duration::ZERO,
            load: String::new(),
        }
    }

    /// With `--engines wasmite` only wasmi and wasmite run: a wrong wasmite
    /// tied with a right wasmi, and the tie went to wasmite (the engine
    /// listed last), so wasmi was marked wrong and wasmite's time shown.
    #[test]
    fn a_wrong_checksum_is_wrong_whoever_else_ran() {
        let w = fib_rec();
        let row = Row::new(w, vec![ok(w.checksum), ok(w.checksum + 1)]);
        assert!(matches!(row.cells[0], Cell::Ok(_)));
        assert!(matches!(row.cells[1], Cell::WrongChecksum(_)));
        // A wrong majority is still wrong.
        let row = Row::new(w, vec![ok(7), ok(7), ok(w.checksum)]);
        assert!(matches!(row.cells[0], Cell::WrongChecksum(_)));
        assert!(matches!(row.cells[1], Cell::WrongChecksum(_)));
        assert!(matches!(row.cells[2], Cell::Ok(_)));
        assert_eq!(row.checksum, w.checksum);
    }

    #[test]
    fn a_failed_or_wrong_cell_fails_the_run() {
        let w = fib_rec();
        let engines = ["wasmi", "wasmite"];
        let good = report(vec![Row::new(w, vec![ok(w.checksum), ok(w.checksum)])], &engines);
        assert!(!good.has_failures());
        let wrong = report(vec![Row::new(w, vec![ok(w.checksum), ok(0)])], &engines);
        assert!(wrong.has_failures());
        assert!(
            wrong.failures()[0].contains(
                "wasmite on fib_rec: checksum 0000000000000000, expected 0000000000213d05"
            )
        );
        let failed =
            report(vec![Row::new(w, vec![Cell::Failed("trap".into()), ok(w.checksum)])], &engines);
        assert!(failed.has_failures());
    }

    /// Workloads added since the last full run wrote `docs/benchmarks.md`:
    /// they need not be in it yet (their checksums are checked once they
    /// are). Empty this list after the next full run.
    const UNPUBLISHED: &[&str] = &[];

    /// The pinned checksums are the ones the last full run published.
    #[test]
    fn pinned_checksums_match_docs() {
        let docs =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/benchmarks.md"))
                .unwrap();
        for w in WORKLOADS {
            let line = docs
                .lines()
                .find(|l| l.starts_with(&format!("| {} |", w.name)) && l.ends_with("` |"));
            let Some(line) = line else {
                assert!(UNPUBLISHED.contains(&w.name), "{} is not in docs/benchmarks.md", w.name);
                continue;
            };
            assert!(line.contains(&format!("`{:016x}`", w.checksum)), "{}: {line}", w.name);
        }
        for name in UNPUBLISHED {
            assert!(WORKLOADS.iter().any(|w| w.name == *name), "{name} is no workload");
        }
    }

    fn workload(name: &str) -> &'static Workload {
        WORKLOADS.iter().find(|w| w.name == name).unwrap()
    }

    fn ms(exec: u64, checksum: u64) -> Cell {
        Cell::Ok(Stats {
            exec: Duration::from_millis(exec),
            compile: Duration::from_millis(1),
            compile_1t: None,
            checksum,
            output: String::new(),
        })
    }

    /// Every SIMD build names a scalar twin that exists, is no SIMD build
    /// itself, and computes the same checksum.
    #[test]
    fn simd_builds_have_scalar_twins() {
        let simd: Vec<_> = WORKLOADS.iter().filter(|w| w.uses_simd()).collect();
        assert!(simd.len() >= 4);
        for w in simd {
            let twin = workload(w.simd_of.unwrap());
            assert!(!twin.uses_simd(), "{}", w.name);
            assert_eq!(w.checksum, twin.checksum, "{} and {}", w.name, twin.name);
            assert_eq!(w.kind, twin.kind, "{}", w.name);
            assert_eq!(w.name, format!("{}_simd", twin.name));
        }
    }

    /// An engine without SIMD fails the SIMD builds: "not supported", left
    /// out of every ratio, and no failure of the run; a real failure or a
    /// wrong checksum on the same workload still is one.
    #[test]
    fn unsupported_is_no_failure() {
        let (scalar, simd) = (workload("imgblur"), workload("imgblur_simd"));
        let no_simd = || Cell::Failed("unexpected SIMD opcode".into()).unsupported_if(true);
        assert!(matches!(no_simd(), Cell::Unsupported(_)));
        // Only a failure becomes "not supported".
        assert!(matches!(ms(1, simd.checksum).unsupported_if(true), Cell::Ok(_)));
        assert!(matches!(Cell::Failed("trap".into()).unsupported_if(false), Cell::Failed(_)));

        let engines = ["wasmi", "wasmite"];
        let r = report(
            vec![
                Row::new(scalar, vec![ms(100, scalar.checksum), ms(50, scalar.checksum)]),
                Row::new(simd, vec![ms(25, simd.checksum), no_simd()]),
            ],
            &engines,
        );
        assert!(!r.has_failures());
        assert!(r.failures().is_empty());
        assert_eq!(r.unsupported().len(), 1);
        assert!(r.unsupported()[0].starts_with("wasmite on imgblur_simd (no SIMD): unexpected"));
        assert_eq!(r.geomean(1, 0), (Some(0.5), 1));
        assert_eq!(r.geomean_simd(1, 0), (None, 0));
        let table = r.exec_table();
        assert!(table.contains("| imgblur_simd | 25.0 ms | not supported |"), "{table}");
        assert!(table.contains("| **geometric mean** (vs wasmi) | **1.00×** | **0.50×** |"));
        assert!(table.contains("| **geometric mean, SIMD builds** (vs wasmi) | **1.00×** | - |"));
        let md = r.markdown();
        assert!(md.contains("## Not supported"));
        assert!(!md.contains("## Failures"));

        let wrong = report(vec![Row::new(simd, vec![ms(25, simd.checksum), ms(9, 0)])], &engines);
        assert!(wrong.has_failures());
    }

    /// The SIMD builds are left out of the scalar geometric mean and have
    /// their own; the pair table divides each engine's SIMD time by its
    /// scalar time.
    #[test]
    fn simd_ratios_and_geomeans() {
        let engines = ["wasmi", "wasmite"];
        let mut rows = Vec::new();
        for (name, wasmi, wasmite) in [
            ("imgblur", 100, 50),
            ("imgblur_simd", 25, 20),
            ("f32dsp", 100, 200),
            ("f32dsp_simd", 50, 25),
        ] {
            let w = workload(name);
            rows.push(Row::new(w, vec![ms(wasmi, w.checksum), ms(wasmite, w.checksum)]));
        }
        let r = report(rows, &engines);
        assert_eq!(r.geomean(1, 0), (Some(1.0), 2));
        let (g, n) = r.geomean_simd(1, 0);
        assert_eq!(n, 2);
        assert!((g.unwrap() - 0.4f64.sqrt()).abs() < 1e-12);
        let t = r.simd_table().unwrap();
        assert!(t.contains("| imgblur_simd / imgblur | 0.25× | 0.40× |"), "{t}");
        assert!(t.contains("| f32dsp_simd / f32dsp | 0.50× | 0.12× |"), "{t}");
        assert!(t.contains("| **geometric mean** | **0.35×** | **0.22×** |"), "{t}");
        // The chart draws both means and a "not supported" label.
        let mut rows = r.rows;
        rows[1].cells[1] = Cell::Unsupported("no SIMD".into());
        let r = report(rows, &engines);
        let svg =
            std::env::temp_dir().join(format!("wasmite-bench-test-{}.svg", std::process::id()));
        crate::chart::render(&r, "test", &svg).unwrap();
        let text = std::fs::read_to_string(&svg).unwrap();
        std::fs::remove_file(&svg).unwrap();
        assert!(text.contains("geomean, SIMD builds") && text.contains("wasmite not supported"));
        // Without SIMD rows, no SIMD lines or table.
        let w = fib_rec();
        let plain = report(vec![Row::new(w, vec![ok(w.checksum), ok(w.checksum)])], &engines);
        assert!(plain.simd_table().is_none());
        assert!(!plain.exec_table().contains("SIMD"));
    }

    /// The GC workloads, which only wasmtime (and wasmite once its GC
    /// lands) runs, have their own geometric mean, relative to wasmtime;
    /// they change neither the scalar nor the SIMD one.
    #[test]
    fn gc_ratios_and_geomeans() {
        let engines = ["wasmi", "wasmite", "tinywasm", "wasmtime"];
        let no_gc = || Cell::Failed("no GC".into()).unsupported_if(true);
        // A scalar workload and a SIMD build, as the other tests have them.
        let others = || {
            [("fib_rec", 100, 50, 200, 10), ("imgblur_simd", 100, 25, 400, 5)].map(
                |(name, wasmi, wasmite, tinywasm, wasmtime)| {
                    let w = workload(name);
                    let c = w.checksum;
                    Row::new(
                        w,
                        vec![ms(wasmi, c), ms(wasmite, c), ms(tinywasm, c), ms(wasmtime, c)],
                    )
                },
            )
        };
        let scalar_only = report(others().into(), &engines);
        let mut rows = Vec::from(others());
        let (trees, arrays) = (workload("binary_trees_gc"), workload("arrays_gc"));
        rows.push(Row::new(
            trees,
            vec![no_gc(), ms(80, trees.checksum), no_gc(), ms(20, trees.checksum)],
        ));
        rows.push(Row::new(
            arrays,
            vec![no_gc(), ms(90, arrays.checksum), no_gc(), ms(10, arrays.checksum)],
        ));
        let r = report(rows, &engines);
        assert!(!r.has_failures());
        assert!(r.has_gc() && !scalar_only.has_gc());
        // The scalar and SIMD means are those without the GC workloads.
        for e in 0..engines.len() {
            assert_eq!(r.geomean(e, 0), scalar_only.geomean(e, 0));
            assert_eq!(r.geomean_simd(e, 0), scalar_only.geomean_simd(e, 0));
            assert_eq!(r.geomean(1, e), scalar_only.geomean(1, e));
        }
        assert_eq!(r.geomean(1, 0), (Some(0.5), 1));
        // GC: relative to wasmtime, over the engines that ran them.
        assert_eq!(r.geomean_gc(1), (Some(6.0), 2));
        assert_eq!(r.geomean_gc(3), (Some(1.0), 2));
        assert_eq!(r.geomean_gc(0), (None, 0));
        let t = r.exec_table();
        assert!(
            t.contains(
                "| binary_trees_gc | not supported | 80.0 ms (4.00×) | not supported | 20.0 ms |"
            ),
            "{t}"
        );
        assert!(
            t.contains(
                "| **geometric mean** (vs wasmi) | **1.00×** | **0.50×** | **2.00×** | **0.10×** |"
            ),
            "{t}"
        );
        assert!(
            t.contains("| **geometric mean, GC** (vs wasmtime) | - | **6.00×** | - | **1.00×** |"),
            "{t}"
        );
        let rel = r.relative_table().unwrap();
        assert!(rel.contains("| binary_trees_gc | - | - | 4.00× |"), "{rel}");
        assert!(
            rel.contains("| **geometric mean** | **0.50×** | **0.25×** | **5.00×** |"),
            "{rel}"
        );
        assert!(rel.contains("| **geometric mean, GC** | **-** | **-** | **6.00×** |"), "{rel}");
        let md = r.markdown();
        assert!(md.contains("their ratios are to wasmtime"));
        assert!(md.contains("- wasmi on arrays_gc (no GC): no GC"), "{md}");
        assert!(md.contains("| arrays_gc | WasmGC WAT kernel |"));
        // The chart labels the GC rows and their mean as relative to wasmtime.
        let svg =
            std::env::temp_dir().join(format!("wasmite-bench-gc-test-{}.svg", std::process::id()));
        crate::chart::render(&r, "test", &svg).unwrap();
        let text = std::fs::read_to_string(&svg).unwrap();
        std::fs::remove_file(&svg).unwrap();
        assert!(text.contains("binary_trees_gc (vs wasmtime)"));
        assert!(text.contains("geomean, GC (vs wasmtime)"));
        // Without wasmtime in the run the GC workloads have no ratios.
        let mut rows = r.rows;
        for row in &mut rows {
            row.cells.truncate(2);
        }
        let r = report(rows, &engines[..2]);
        assert_eq!(r.geomean_gc(1), (None, 0));
        assert!(r.exec_table().contains("| binary_trees_gc | not supported | 80.0 ms |"));
    }
}
