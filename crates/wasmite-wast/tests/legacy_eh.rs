//! The legacy form of exception handling (`try`, `catch`, `catch_all`,
//! `rethrow`, `delegate`), which the official testsuite does not cover:
//! our own scripts in `tests/legacy-eh/` (written from the legacy
//! proposal's specification and checked against node's V8, wasm-tools and
//! wabt; see the README there). Each runs plainly and metered with fuel
//! (so calls are suspended and resumed mid-exception), on the backend of
//! this build (the portable one in a debug build, the threaded one in a
//! release build, as CI runs both).

use std::path::Path;

use wasmite_wast::{RunConfig, run_wast};

fn check(file: &str) {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/legacy-eh")).join(file);
    let source = std::fs::read_to_string(&path).expect("readable script");
    let plain = run_wast(file, &source, &RunConfig::default());
    let fueled = run_wast(file, &source, &RunConfig::with_fuel(50));
    println!("{plain}\n(with fuel) {fueled}: {} suspended calls", fueled.suspended_calls);
    assert!(plain.passed > 0, "{file}: no directive ran");
    let failures = plain.failure_lines() + &fueled.failure_lines();
    assert!(failures.is_empty(), "failed assertions:\n{failures}");
}

macro_rules! legacy_tests {
    ($($test:ident: $file:literal;)*) => {
        $(
            #[test]
            fn $test() {
                check($file);
            }
        )*

        #[test]
        fn every_script_has_a_test() {
            let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/legacy-eh"));
            let mut files: Vec<String> = std::fs::read_dir(dir)
                .expect("tests/legacy-eh exists")
                .map(|e| e.expect("readable entry").file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".wast"))
                .collect();
            files.sort();
            let mut tested = vec![$($file),*];
            tested.sort();
            assert_eq!(files, tested);
        }
    };
}

legacy_tests! {
    catch_all: "catch_all.wast";
    control_flow: "control_flow.wast";
    cross_function: "cross_function.wast";
    delegate: "delegate.wast";
    mixed: "mixed.wast";
    rethrow: "rethrow.wast";
    throw_params: "throw_params.wast";
    try_catch: "try_catch.wast";
}
