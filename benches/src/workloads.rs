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
}

impl Group {
    pub fn label(self) -> &'static str {
        match self {
            Group::Micro => "WAT micro kernel",
            Group::C => "C program",
            Group::Real => "real-world C (WASI)",
        }
    }
}

pub struct Workload {
    pub name: &'static str,
    pub group: Group,
    pub kind: Kind,
    pub about: &'static str,
}

pub const WORKLOADS: &[Workload] = &[
    Workload {
        name: "fib_rec",
        group: Group::Micro,
        kind: Kind::Run,
        about: "recursive Fibonacci, fib(32): calls and returns",
    },
    Workload {
        name: "fib_iter",
        group: Group::Micro,
        kind: Kind::Run,
        about: "iterative Fibonacci (i64) 4,000 times: a tight loop over locals",
    },
    Workload {
        name: "loop",
        group: Group::Micro,
        kind: Kind::Run,
        about: "counter loop with an LCG, 30 M iterations",
    },
    Workload {
        name: "memory",
        group: Group::Micro,
        kind: Kind::Run,
        about: "fill and sum 1 MiB with i32/i64/byte loads and stores, 30 passes",
    },
    Workload {
        name: "calls",
        group: Group::Micro,
        kind: Kind::Run,
        about: "small direct calls with 1-4 parameters plus call_indirect",
    },
    Workload {
        name: "br_table",
        group: Group::Micro,
        kind: Kind::Run,
        about: "br_table state machine over pseudo-random bits",
    },
    Workload {
        name: "coremark",
        group: Group::C,
        kind: Kind::Run,
        about: "CoreMark-style mix: linked list, matrix, state machine, CRC-16",
    },
    Workload {
        name: "sha256",
        group: Group::C,
        kind: Kind::Run,
        about: "SHA-256 over 2 MiB of generated data",
    },
    Workload {
        name: "nbody",
        group: Group::C,
        kind: Kind::Run,
        about: "5-body gravity simulation, f64 arithmetic and sqrt",
    },
    Workload {
        name: "matmul",
        group: Group::C,
        kind: Kind::Run,
        about: "matrix multiply: naive f64 and blocked i32",
    },
    Workload {
        name: "sort",
        group: Group::C,
        kind: Kind::Run,
        about: "quicksort, heapsort and merge sort of 100,000 ints",
    },
    Workload {
        name: "interp",
        group: Group::C,
        kind: Kind::Run,
        about: "switch-dispatch bytecode VM: primes and Collatz lengths",
    },
    Workload {
        name: "zstd",
        group: Group::Real,
        kind: Kind::Wasi,
        about: "zstd 1.5.7 (zstd-sys): compress 1 MiB text at levels 1 and 5, decompress",
    },
    Workload {
        name: "zlib",
        group: Group::Real,
        kind: Kind::Wasi,
        about: "zlib 1.3.2 (libz-sys): deflate 512 KiB text at levels 1 and 6, inflate",
    },
    Workload {
        name: "quickjs",
        group: Group::Real,
        kind: Kind::Wasi,
        about: "QuickJS-ng 0.8 (rquickjs-sys) running a mixed JavaScript benchmark",
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
