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
    /// Hand-written WAT over WasmGC structs and arrays (the `_gc`
    /// workloads): only engines with GC run them (not wasmi or tinywasm),
    /// so their ratios are to wasmtime, with their own geometric mean.
    Gc,
}

impl Group {
    pub fn label(self) -> &'static str {
        match self {
            Group::Micro => "WAT micro kernel",
            Group::C => "C program",
            Group::Real => "real-world C (WASI)",
            Group::Rust => "Rust crates (WASI)",
            Group::SelfHost => "wasmite for WASI",
            Group::Gc => "WasmGC WAT kernel",
        }
    }
}

/// Which geometric mean a workload counts in: the scalar workloads', the
/// SIMD builds' or the GC workloads'.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Scalar,
    Simd,
    Gc,
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
    /// scalar twin's; for a GC workload: wasmtime's, which the tests below
    /// recompute in plain Rust). A run is correct only if it computes this,
    /// whatever the other engines compute.
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
    Workload {
        name: "binary_trees_gc",
        group: Group::Gc,
        kind: Kind::Run,
        about: "the benchmarks game's binary-trees on WasmGC structs, max depth 13: a stretch tree, a long-lived tree and 10,912 short-lived trees of depth 4-12, built bottom-up (`struct.new`) and walked (`struct.get`, `ref.is_null`): 1.35 M nodes",
        simd_of: None,
        checksum: 0xe59c_98ed_9803_2e76,
    },
    Workload {
        name: "arrays_gc",
        group: Group::Gc,
        kind: Kind::Run,
        about: "WasmGC arrays, 8 rounds: sieve below 2^18 over `(array (mut i8))`, heapsort of 16 K i32s in `(array (mut i32))`, stable merge sort of 16 K struct refs (`array.copy` for the runs' tails)",
        simd_of: None,
        checksum: 0x1af4_6f89_00c0_2e8b,
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

    /// Whether this is a GC workload (it needs WasmGC).
    pub fn uses_gc(&self) -> bool {
        self.group == Group::Gc
    }

    /// Which geometric mean it counts in.
    pub fn family(&self) -> Family {
        if self.uses_gc() {
            Family::Gc
        } else if self.uses_simd() {
            Family::Simd
        } else {
            Family::Scalar
        }
    }

    /// The Wasm proposal it needs beyond what every engine runs, if any:
    /// an engine without it that fails the workload is "not supported".
    pub fn needs(&self) -> Option<&'static str> {
        match self.family() {
            Family::Scalar => None,
            Family::Simd => Some("SIMD"),
            Family::Gc => Some("GC"),
        }
    }

    pub fn load(&self) -> Result<Vec<u8>, String> {
        let path = wasm_dir().join(format!("{}.wasm", self.name));
        std::fs::read(&path)
            .map_err(|e| format!("{}: {e} (run benches/workloads/build.sh)", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workload(name: &str) -> &'static Workload {
        WORKLOADS.iter().find(|w| w.name == name).unwrap()
    }

    /// FNV-1a over i64 values, as the GC workloads fold their results.
    fn mix(h: u64, v: i64) -> u64 {
        (h ^ v as u64).wrapping_mul(0x100000001b3)
    }

    const FNV_OFFSET: u64 = 0xcbf29ce484222325;

    /// binary_trees_gc's result from the numbers alone: a complete tree of
    /// depth d has 2^(d+1)-1 nodes, which is its check.
    fn binary_trees(max_depth: u32) -> u64 {
        let check = |d: u32| (1i64 << (d + 1)) - 1;
        let mut h = FNV_OFFSET;
        h = mix(h, i64::from(max_depth + 1));
        h = mix(h, check(max_depth + 1));
        for d in (4..=max_depth).step_by(2) {
            let iters = 1i64 << (max_depth - d + 4);
            h = mix(h, iters);
            h = mix(h, i64::from(d));
            h = mix(h, i64::from((iters * check(d)) as u32));
        }
        h = mix(h, i64::from(max_depth));
        mix(h, check(max_depth))
    }

    /// arrays_gc's result, computed with Rust's own sorts (the merge sort's
    /// order is a stable sort's).
    fn arrays(rounds: u32, sieve_n: usize, ints_n: usize, items_n: u32) -> u64 {
        let mut rng = 0x2545f491u32;
        let mut next = move || {
            rng = rng.wrapping_mul(1103515245).wrapping_add(12345);
            rng
        };
        let mut h = FNV_OFFSET;
        for _ in 0..rounds {
            let mut composite = vec![false; sieve_n];
            let mut i = 2;
            while i * i <= sieve_n {
                if !composite[i] {
                    (i * i..sieve_n).step_by(i).for_each(|j| composite[j] = true);
                }
                i += 1;
            }
            h = mix(h, composite[2..].iter().filter(|&&c| !c).count() as i64);
            let mut ints: Vec<i32> = (0..ints_n).map(|_| next() as i32).collect();
            ints.sort_unstable();
            h = ints.iter().fold(h, |h, &v| mix(h, i64::from(v)));
            let mut items: Vec<(u32, u32)> = (0..items_n).map(|id| (next() >> 20, id)).collect();
            items.sort_by_key(|&(key, _)| key);
            h = items.iter().fold(h, |h, &(_, id)| mix(h, i64::from(id)));
        }
        h
    }

    /// The GC workloads' pinned checksums are what their algorithms compute
    /// (with the parameters fixed in their `.wat` sources), not merely what
    /// wasmtime, the only engine that ran them when they were added,
    /// computed.
    #[test]
    fn gc_checksums_are_the_reference_values() {
        assert_eq!(workload("binary_trees_gc").checksum, binary_trees(13));
        assert_eq!(workload("arrays_gc").checksum, arrays(8, 1 << 18, 1 << 14, 1 << 14));
    }

    /// The committed GC `.wasm` files are their `.wat` sources assembled
    /// (`build.sh` does it with the `wat` crate, as here).
    #[test]
    fn gc_workloads_are_built_from_their_sources() {
        let wat_dir = wasm_dir().join("..").join("wat");
        for w in WORKLOADS.iter().filter(|w| w.uses_gc()) {
            let source = wat_dir.join(format!("{}.wat", w.name));
            let built = wat::parse_file(&source).unwrap();
            assert!(built == w.load().unwrap(), "{} is stale: run build.sh {}", w.name, w.name);
        }
    }
}
