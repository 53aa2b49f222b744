//! Both execution backends on the benchmark suite's WASI programs (zstd,
//! zlib, QuickJS, and `selfhost`: wasmite built for WASI running a bytecode
//! VM; `benches/workloads/wasm`), run through `wasmite-wasi`:
//! each must print the same output and exit with the same status on the
//! portable and the threaded backend, and the digest of its output must be
//! the checksum pinned in `docs/benchmarks.md` (FNV-1a of stdout, a zero
//! byte, stderr and the exit status, as `benches/src/wasi.rs` computes it).
//! The freestanding workloads are compared in `crates/wasmite/tests/backends.rs`.
//!
//! The threaded backend needs an optimised build (its handlers must
//! tail-call), so debug builds run the portable backend alone; CI also runs
//! the suite in release, where both run.

use std::io::Write;
use std::sync::{Arc, Mutex};

use wasmite::{Backend, Config, Engine, Linker, Module, Store};
use wasmite_wasi::WasiCtx;

/// Workload and the checksum of its run (`docs/benchmarks.md`).
const WORKLOADS: &[(&str, u64)] = &[
    ("zstd", 0x0227_1ad8_b3c6_78ba),
    ("zlib", 0xda2e_1409_1bdf_e83b),
    ("quickjs", 0x6c40_5534_5774_ee25),
    ("selfhost", 0x5d48_6793_24d6_3a36),
];

fn backends() -> Vec<Backend> {
    if cfg!(debug_assertions) {
        vec![Backend::Portable]
    } else {
        vec![Backend::Portable, Backend::Threaded]
    }
}

/// A `Write` into a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// stdout, stderr and exit status of workload `name` on `backend`.
fn run(name: &str, backend: Backend) -> (Vec<u8>, Vec<u8>, i32) {
    let path = format!("{}/../../benches/workloads/wasm/{name}.wasm", env!("CARGO_MANIFEST_DIR"));
    let wasm = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let engine = Engine::new(Config::new().backend(backend)).unwrap();
    let module = Module::new(&engine, &wasm).unwrap();
    let (stdout, stderr) = (Captured::default(), Captured::default());
    let ctx = WasiCtx::builder().arg(name).stdout(stdout.clone()).stderr(stderr.clone()).build();
    let mut store = Store::new(&engine, ctx);
    let mut linker = Linker::new(&engine);
    wasmite_wasi::add_to_linker(&mut linker, |ctx| ctx).unwrap();
    let status = wasmite_wasi::run_command(&mut store, &linker, &module)
        .unwrap_or_else(|e| panic!("{name} on {backend:?}: {e}"));
    let out = stdout.0.lock().unwrap().clone();
    let err = stderr.0.lock().unwrap().clone();
    (out, err, status)
}

/// The benchmark suite's digest of a WASI run.
fn checksum(stdout: &[u8], stderr: &[u8], status: i32) -> u64 {
    stdout
        .iter()
        .chain(b"\0")
        .chain(stderr)
        .chain(&status.to_le_bytes())
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3))
}

#[test]
fn both_backends_agree_on_the_wasi_workloads() {
    for &(name, want) in WORKLOADS {
        let mut first = None;
        for backend in backends() {
            let (out, err, status) = run(name, backend);
            let sum = checksum(&out, &err, status);
            assert_eq!(
                sum,
                want,
                "{name} on {backend:?}: checksum {sum:016x}, want {want:016x}; exit {status}, \
                 printed {:?}",
                String::from_utf8_lossy(&out)
            );
            match &first {
                None => first = Some((backend, out, err, status)),
                Some((b, o, e, s)) => {
                    assert_eq!((&out, &err, status), (o, e, *s), "{name}: {backend:?} vs {b:?}")
                }
            }
        }
    }
}
