//! Our own `.wast` scripts, in `tests/wast/`: behaviour the official suite
//! does not pin down (deep recursion, stack exhaustion, long loops, the
//! runner's own features). Every script must pass completely.

use std::path::Path;

use wasmite_wast::{RunConfig, run_wast};

#[test]
fn own_wast_files() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/wast"));
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/wast exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "wast"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no .wast files in {}", dir.display());
    let mut failures = String::new();
    for path in paths {
        let source = std::fs::read_to_string(&path).expect("readable script");
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let report = run_wast(&name, &source, &RunConfig::default());
        println!("{report}");
        assert!(report.passed > 0, "{name}: no directive ran");
        failures.push_str(&report.failure_lines());
    }
    assert!(failures.is_empty(), "failed assertions:\n{failures}");
}
