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
    /// Rust programs over registry crates (wasm32-wasip1).
    Rust,
    /// wasmite itself, built for wasm32-wasip1, running another workload.
    SelfHost,
}

impl Group {
    pub fn label(self) -> &'static str {
        match self {
            Group::Micro => "WAT micro kernel",
            Group::C => "C program",
            Group::Real => "real-world C (WASI)",
            Group::Rust => "Rust crates (WASI)",
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
    /// added and all four engines agreed on it (for a SIMD build: wasmi,
    /// tinywasm and wasmtime, as wasmite had no SIMD yet, and it equals its
    /// scalar twin's). A run is correct only if it computes this, whatever
    /// the other engines compute.
    pub checksum: u64,
    /// For a SIMD build (one that uses `v128`: built with `-msimd128`), the
    /// name of its scalar twin: the same source built without it, which
    /// computes the same checksum. `None` for the scalar workloads.
    pub simd_of: Option<&'static str>,
}

pub const WORKLOADS: &[Workload] = &[
    Workload {
        name: "fib_rec",
        group: Group::Micro,
        kind: Kind::Run,
        about: "recursive Fibonacci, fib(32): calls and returns",
        simd_of: None,
        checksum: 0x0000_0000_0021_3d05,
    },
    Workload {
        name: "fib_iter",
        group: Group::Micro,
        kind: Kind::Run,
        about: "iterative Fibonacci (i64) 4,000 times: a tight loop over locals",
        simd_of: None,
        checksum: 0x6a4a_c679_2b49_1b79,
    },
    Workload {
        name: "loop",
        group: Group::Micro,
        kind: Kind::Run,
        about: "counter loop with an LCG, 30 M iterations",
        simd_of: None,
        checksum: 0x9cc9_af81_ee12_c470,
    },
    Workload {
        name: "memory",
        group: Group::Micro,
        kind: Kind::Run,
        about: "fill and sum 1 MiB with i32/i64/byte loads and stores, 30 passes",
        simd_of: None,
        checksum: 0x0160_009d_9ffb_8a60,
    },
    Workload {
        name: "calls",
        group: Group::Micro,
        kind: Kind::Run,
        about: "small direct calls with 1-4 parameters plus call_indirect",
        simd_of: None,
        checksum: 0x0016_e0ae_924a_8c77,
    },
    Workload {
        name: "br_table",
        group: Group::Micro,
        kind: Kind::Run,
        about: "br_table state machine over pseudo-random bits",
        simd_of: None,
        checksum: 0x7650_5cf0_1249_a8e8,
    },
    Workload {
        name: "coremark",
        group: Group::C,
        kind: Kind::Run,
        about: "CoreMark-style mix: linked list, matrix, state machine, CRC-16",
        simd_of: None,
        checksum: 0xbdbb_e894_069c_c89d,
    },
    Workload {
        name: "sha256",
        group: Group::C,
        kind: Kind::Run,
        about: "SHA-256 over 2 MiB of generated data",
        simd_of: None,
        checksum: 0x7e8f_c376_7eb5_f0ca,
    },
    Workload {
        name: "nbody",
        group: Group::C,
        kind: Kind::Run,
        about: "5-body gravity simulation, f64 arithmetic and sqrt",
        simd_of: None,
        checksum: 0x7541_a89c_f36d_846f,
    },
    Workload {
        name: "matmul",
        group: Group::C,
        kind: Kind::Run,
        about: "matrix multiply: naive f64 and blocked i32",
        simd_of: None,
        checksum: 0x5262_6819_9467_44e8,
    },
    Workload {
        name: "sort",
        group: Group::C,
        kind: Kind::Run,
        about: "quicksort, heapsort and merge sort of 100,000 ints",
        simd_of: None,
        checksum: 0xa1b4_ebaf_e7bf_5d46,
    },
    Workload {
        name: "interp",
        group: Group::C,
        kind: Kind::Run,
        about: "switch-dispatch bytecode VM: primes and Collatz lengths",
        simd_of: None,
        checksum: 0x1977_1744_7864_7395,
    },
    Workload {
        name: "tailcall",
        group: Group::C,
        kind: Kind::Run,
        about: "direct-threaded VM whose handlers tail-call each other (return_call_indirect): primes",
        simd_of: None,
        checksum: 0x0000_140d_0736_843c,
    },
    Workload {
        name: "imgblur",
        group: Group::C,
        kind: Kind::Run,
        about: "u8 image filter: separable 5x5 binomial blur, saturating unsharp mask (scalar build of `imgblur_simd`)",
        simd_of: None,
        checksum: 0x78a8_c499_e3a9_4076,
    },
    Workload {
        name: "imgblur_simd",
        group: Group::C,
        kind: Kind::Run,
        about: "`imgblur` built with -msimd128: wasm_simd128.h intrinsics, 16 pixels per step (u16 lanes, saturating u8 add/sub, avgr)",
        simd_of: Some("imgblur"),
        checksum: 0x78a8_c499_e3a9_4076,
    },
    Workload {
        name: "f32dsp",
        group: Group::C,
        kind: Kind::Run,
        about: "f32 32-tap FIR filter over 16 K samples and a 64x64 matrix product (scalar build of `f32dsp_simd`)",
        simd_of: None,
        checksum: 0x018a_3838_b08e_c1d1,
    },
    Workload {
        name: "f32dsp_simd",
        group: Group::C,
        kind: Kind::Run,
        about: "`f32dsp` built with -msimd128: f32x4 splat/mul/add intrinsics, bit-identical results",
        simd_of: Some("f32dsp"),
        checksum: 0x018a_3838_b08e_c1d1,
    },
    Workload {
        name: "textscan",
        group: Group::C,
        kind: Kind::Run,
        about: "bytes: hex-encode 128 KiB of text, find every line break and every occurrence of five words (scalar build of `textscan_simd`)",
        simd_of: None,
        checksum: 0x02f1_c803_281a_f4d8,
    },
    Workload {
        name: "textscan_simd",
        group: Group::C,
        kind: Kind::Run,
        about: "`textscan` built with -msimd128: i8x16.swizzle/shuffle hex encoding, i8x16.eq + bitmask searches",
        simd_of: Some("textscan"),
        checksum: 0x02f1_c803_281a_f4d8,
    },
    Workload {
        name: "zstd",
        group: Group::Real,
        kind: Kind::Wasi,
        about: "zstd 1.5.7 (zstd-sys): compress 1 MiB text at levels 1 and 5, decompress",
        simd_of: None,
        checksum: 0x0227_1ad8_b3c6_78ba,
    },
    Workload {
        name: "zlib",
        group: Group::Real,
        kind: Kind::Wasi,
        about: "zlib 1.3.2 (libz-sys): deflate 512 KiB text at levels 1 and 6, inflate",
        simd_of: None,
        checksum: 0xda2e_1409_1bdf_e83b,
    },
    Workload {
        name: "memscan",
        group: Group::Rust,
        kind: Kind::Wasi,
        about: "memchr 2.8 and simdutf8 0.1 on 1 MiB of UTF-8 text: byte, byte-set and substring search, validation (scalar build of `memscan_simd`)",
        simd_of: None,
        checksum: 0x7c97_dbb1_bae4_7058,
    },
    Workload {
        name: "memscan_simd",
        group: Group::Rust,
        kind: Kind::Wasi,
        about: "`memscan` built with +simd128: the crates' own Wasm SIMD code (i8x16.eq, bitmask, any_true, swizzle)",
        simd_of: Some("memscan"),
        checksum: 0x7c97_dbb1_bae4_7058,
    },
    Workload {
        name: "quickjs",
        group: Group::Real,
        kind: Kind::Wasi,
        about: "QuickJS-ng 0.8 (rquickjs-sys) running a mixed JavaScript benchmark",
        simd_of: None,
        checksum: 0x6c40_5534_5774_ee25,
    },
    Workload {
        name: "selfhost",
        group: Group::SelfHost,
        kind: Kind::Wasi,
        about: "wasmite built for wasm32-wasip1 (Rust, portable backend) running `interp` at 1/50 size: an interpreter in an interpreter",
        simd_of: None,
        checksum: 0x5d48_6793_24d6_3a36,
    },
];

/// Directory of the committed `.wasm` files.
pub fn wasm_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("workloads").join("wasm")
}

impl Workload {
    /// Whether this is a SIMD build (see [`Workload::simd_of`]).
    pub fn uses_simd(&self) -> bool {
        self.simd_of.is_some()
    }

    pub fn load(&self) -> Result<Vec<u8>, String> {
        let path = wasm_dir().join(format!("{}.wasm", self.name));
        std::fs::read(&path)
            .map_err(|e| format!("{}: {e} (run benches/workloads/build.sh)", path.display()))
    }
}
