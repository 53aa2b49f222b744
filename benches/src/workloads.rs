//! The workload list: every `.wasm` in `workloads/wasm/` with what it does.
//! Sources and the rebuild script live next to them (see `workloads/build.sh`).

use std::path::PathBuf;

use crate::engines::Kind;

/// Where a workload comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Hand-written WAT kernels.
    Micro,
    /// Programs written in C for this suite (freestanding wasm32).
    C,
    /// Large third-party C code bases (wasm32-wasi).
    Real,
    /// wasmite itself, built for wasm32-wasip1, running another workload.
    SelfHost,
}

impl Group {
    pub fn label(self) -> &'static str {
        match self {
            Group::Micro => "WAT micro kernel",
            Group::C => "C program",
            Group::Real => "real-world C (WASI)",
            Group::SelfHost => "wasmite for WASI",
        }
    }
}

pub struct Workload {
    pub name: &'static str,
    pub group: Group,
    pub kind: Kind,
    pub about: &'static str,
    /// The checksum a correct run computes (`run`'s result, or the digest of
    /// a WASI program's output and exit status), pinned when the workload was
    /// added and all four engines agreed on it. A run is correct only if it
    /// computes this, whatever the other engines compute.
    pub checksum: u64,
}

pub const WORKLOADS: &[Workload] = &[
    Workload {
        name: "fib_rec",
        group: Group::Micro,
        kind: Kind::Run,
        about: "recursive Fibonacci, fib(32): calls and returns",
        checksum: 0x0000_0000_0021_3d05,
    },
    Workload {
        name: "fib_iter",
        group: Group::Micro,
        kind: Kind::Run,
        about: "iterative Fibonacci (i64) 4,000 times: a tight loop over locals",
        checksum: 0x6a4a_c679_2b49_1b79,
    },
    Workload {
        name: "loop",
        group: Group::Micro,
        kind: Kind::Run,
        about: "counter loop with an LCG, 30 M iterations",
        checksum: 0x9cc9_af81_ee12_c470,
    },
    Workload {
        name: "memory",
        group: Group::Micro,
        kind: Kind::Run,
        about: "fill and sum 1 MiB with i32/i64/byte loads and stores, 30 passes",
        checksum: 0x0160_009d_9ffb_8a60,
    },
    Workload {
        name: "calls",
        group: Group::Micro,
        kind: Kind::Run,
        about: "small direct calls with 1-4 parameters plus call_indirect",
        checksum: 0x0016_e0ae_924a_8c77,
    },
    Workload {
        name: "br_table",
        group: Group::Micro,
        kind: Kind::Run,
        about: "br_table state machine over pseudo-random bits",
        checksum: 0x7650_5cf0_1249_a8e8,
    },
    Workload {
        name: "coremark",
        group: Group::C,
        kind: Kind::Run,
        about: "CoreMark-style mix: linked list, matrix, state machine, CRC-16",
        checksum: 0xbdbb_e894_069c_c89d,
    },
    Workload {
        name: "sha256",
        group: Group::C,
        kind: Kind::Run,
        about: "SHA-256 over 2 MiB of generated data",
        checksum: 0x7e8f_c376_7eb5_f0ca,
    },
    Workload {
        name: "nbody",
        group: Group::C,
        kind: Kind::Run,
        about: "5-body gravity simulation, f64 arithmetic and sqrt",
        checksum: 0x7541_a89c_f36d_846f,
    },
    Workload {
        name: "matmul",
        group: Group::C,
        kind: Kind::Run,
        about: "matrix multiply: naive f64 and blocked i32",
        checksum: 0x5262_6819_9467_44e8,
    },
    Workload {
        name: "sort",
        group: Group::C,
        kind: Kind::Run,
        about: "quicksort, heapsort and merge sort of 100,000 ints",
        checksum: 0xa1b4_ebaf_e7bf_5d46,
    },
    Workload {
        name: "interp",
        group: Group::C,
        kind: Kind::Run,
        about: "switch-dispatch bytecode VM: primes and Collatz lengths",
        checksum: 0x1977_1744_7864_7395,
    },
    Workload {
        name: "tailcall",
        group: Group::C,
        kind: Kind::Run,
        about: "direct-threaded VM whose handlers tail-call each other (return_call_indirect): primes",
        checksum: 0x0000_140d_0736_843c,
    },
    Workload {
        name: "zstd",
        group: Group::Real,
        kind: Kind::Wasi,
        about: "zstd 1.5.7 (zstd-sys): compress 1 MiB text at levels 1 and 5, decompress",
        checksum: 0x0227_1ad8_b3c6_78ba,
    },
    Workload {
        name: "zlib",
        group: Group::Real,
        kind: Kind::Wasi,
        about: "zlib 1.3.2 (libz-sys): deflate 512 KiB text at levels 1 and 6, inflate",
        checksum: 0xda2e_1409_1bdf_e83b,
    },
    Workload {
        name: "quickjs",
        group: Group::Real,
        kind: Kind::Wasi,
        about: "QuickJS-ng 0.8 (rquickjs-sys) running a mixed JavaScript benchmark",
        checksum: 0x6c40_5534_5774_ee25,
    },
    Workload {
        name: "selfhost",
        group: Group::SelfHost,
        kind: Kind::Wasi,
        about: "wasmite built for wasm32-wasip1 (Rust, portable backend) running `interp` at 1/50 size: an interpreter in an interpreter",
        checksum: 0x5d48_6793_24d6_3a36,
    },
];

/// Directory of the committed `.wasm` files.
pub fn wasm_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("workloads").join("wasm")
}

impl Workload {
    pub fn load(&self) -> Result<Vec<u8>, String> {
        let path = wasm_dir().join(format!("{}.wasm", self.name));
        std::fs::read(&path)
            .map_err(|e| format!("{}: {e} (run benches/workloads/build.sh)", path.display()))
    }
}
