//! Both execution backends on real programs: the benchmark suite's
//! freestanding workloads (`benches/workloads/wasm`: the WAT kernels and the
//! C programs), each run to completion on the portable and on the threaded
//! backend. Both must compute the checksum pinned in `docs/benchmarks.md`
//! and leave the same linear memory behind.
//!
//! The threaded backend needs an optimised build (its handlers must
//! tail-call), so debug builds run the portable backend alone; CI runs the
//! suite in release too (`cargo test --release --workspace`), where both run.

use wasmite::{Backend, Config, Engine, Extern, Instance, Module, Store, Val};

/// Workload name and the checksum its `run` export returns (the
/// `checksum` column of `docs/benchmarks.md`, computed by four engines).
const WORKLOADS: &[(&str, u64)] = &[
    ("fib_rec", 0x0000_0000_0021_3d05),
    ("fib_iter", 0x6a4a_c679_2b49_1b79),
    ("loop", 0x9cc9_af81_ee12_c470),
    ("memory", 0x0160_009d_9ffb_8a60),
    ("calls", 0x0016_e0ae_924a_8c77),
    ("br_table", 0x7650_5cf0_1249_a8e8),
    ("coremark", 0xbdbb_e894_069c_c89d),
    ("sha256", 0x7e8f_c376_7eb5_f0ca),
    ("nbody", 0x7541_a89c_f36d_846f),
    ("matmul", 0x5262_6819_9467_44e8),
    ("sort", 0xa1b4_ebaf_e7bf_5d46),
    ("interp", 0x1977_1744_7864_7395),
    ("tailcall", 0x0000_140d_0736_843c),
    // SIMD builds and their scalar twins (the same checksum each).
    ("imgblur", 0x78a8_c499_e3a9_4076),
    ("imgblur_simd", 0x78a8_c499_e3a9_4076),
    ("f32dsp", 0x018a_3838_b08e_c1d1),
    ("f32dsp_simd", 0x018a_3838_b08e_c1d1),
    ("textscan", 0x02f1_c803_281a_f4d8),
    ("textscan_simd", 0x02f1_c803_281a_f4d8),
    // WasmGC (checksums recomputed in plain Rust by the bench crate's tests).
    ("binary_trees_gc", 0xe59c_98ed_9803_2e76),
    ("arrays_gc", 0x1af4_6f89_00c0_2e8b),
];

/// The backends this build can run.
fn backends() -> Vec<Backend> {
    if cfg!(debug_assertions) {
        vec![Backend::Portable]
    } else {
        vec![Backend::Portable, Backend::Threaded]
    }
}

fn wasm(name: &str) -> Vec<u8> {
    let path = format!("{}/../../benches/workloads/wasm/{name}.wasm", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// FNV-1a of a byte string.
fn fnv(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3))
}

/// Name, size and hash of each exported memory.
type Memories = Vec<(String, usize, u64)>;

/// Run workload `name` on `backend`: its checksum and a hash of every
/// exported memory afterwards.
fn run(name: &str, backend: Backend) -> (u64, Memories) {
    let engine = Engine::new(Config::new().backend(backend)).unwrap();
    let module = Module::from_binary(&engine, &wasm(name)).unwrap();
    let mut store = Store::new(&engine, ());
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    let f = inst.get_func(&store, "run").expect("exports `run`");
    let mut out = [Val::I64(0)];
    f.call(&mut store, &[], &mut out).unwrap_or_else(|e| panic!("{name} on {backend:?}: {e}"));
    let Val::I64(sum) = out[0] else { panic!("{name}: `run` returned {out:?}") };
    let memories = module
        .exports()
        .filter_map(|e| match inst.get_export(&store, e.name()) {
            Some(Extern::Memory(m)) => {
                let data = m.data(&store);
                Some((e.name().to_string(), data.len(), fnv(data)))
            }
            _ => None,
        })
        .collect();
    (sum as u64, memories)
}

#[test]
fn both_backends_agree() {
    for &(name, checksum) in WORKLOADS {
        let mut first: Option<(Backend, Memories)> = None;
        for backend in backends() {
            let (sum, memories) = run(name, backend);
            assert_eq!(
                sum, checksum,
                "{name} on {backend:?}: checksum {sum:016x}, want {checksum:016x}"
            );
            match &first {
                None => first = Some((backend, memories)),
                Some((b, m)) => {
                    assert_eq!(&memories, m, "{name}: memory after the run, {backend:?} vs {b:?}")
                }
            }
        }
    }
}

/// The list above is the whole freestanding suite: a workload added to
/// `benches/` without a pinned checksum here fails.
#[test]
fn every_freestanding_workload_is_compared() {
    let dir = format!("{}/../../benches/workloads/wasm", env!("CARGO_MANIFEST_DIR"));
    let engine = Engine::default();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let module = Module::from_binary(&engine, &std::fs::read(&path).unwrap()).unwrap();
        let freestanding = module.imports().next().is_none();
        let listed = WORKLOADS.iter().any(|(n, _)| *n == name);
        assert_eq!(freestanding, listed, "{name}: freestanding {freestanding}, listed {listed}");
    }
}
