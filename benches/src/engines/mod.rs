//! The engines under test, each behind the same small interface: compile and
//! instantiate a workload, run it once, and hand back timings and a checksum.

use std::time::Duration;

use crate::wasi::WasiCtx;

#[cfg(feature = "tinywasm")]
mod tinywasm;
mod wasmi;
mod wasmite;
#[cfg(feature = "wasmtime")]
mod wasmtime;

/// How a workload is entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Exports `run: [] -> [i64]`; the result is the checksum. No imports.
    Run,
    /// A WASI command: exports `_start`; the checksum digests its output.
    Wasi,
}

/// One measured run of one workload on one engine.
#[derive(Clone, Debug)]
pub struct Sample {
    /// Module compilation (decode, validate, translate) plus instantiation.
    pub compile: Duration,
    /// The same on one thread, for an engine that compiles on several.
    pub compile_1t: Option<Duration>,
    /// The call of `run`/`_start`.
    pub exec: Duration,
    pub checksum: u64,
    /// What a WASI program printed (empty for `run` workloads).
    pub output: String,
}

impl Sample {
    /// A sample with no one-thread compile time beside it.
    pub fn new(compile: Duration, exec: Duration, checksum: u64, output: String) -> Self {
        Sample { compile, compile_1t: None, exec, checksum, output }
    }
}

/// An engine under test.
pub trait Runner {
    /// Short name for tables and charts.
    fn name(&self) -> &'static str;
    /// Compiles, instantiates and runs `wasm` once; `gc`: the workload
    /// uses WasmGC (an engine that has it may keep a separate configuration
    /// for such workloads, leaving the others as they were).
    fn run(&self, wasm: &[u8], kind: Kind, gc: bool) -> Result<Sample, String>;
    /// The same with nothing else measured on the side (for peak memory).
    fn run_once(&self, wasm: &[u8], kind: Kind, gc: bool) -> Result<Sample, String> {
        self.run(wasm, kind, gc)
    }
    /// Whether this engine compiles fixed-width SIMD (`v128`) code. When it
    /// does not, its failure on a SIMD workload is reported as "not
    /// supported" instead of "failed" (see [`crate::report::Cell::Unsupported`]).
    fn supports_simd(&self) -> bool {
        true
    }
    /// Whether this engine compiles WasmGC code (structs and arrays). As
    /// with SIMD, its failure on a GC workload is then "not supported".
    fn supports_gc(&self) -> bool {
        false
    }
}

/// The smallest module with SIMD code, for engines to find out whether they
/// compile it: `(module (func (result v128) (i32x4.add (v128.const i32x4 0 0
/// 0 0) (v128.const i32x4 1 2 3 4))))`.
pub const SIMD_PROBE: &[u8] = &[
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
    0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: [] -> [v128]
    0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
    0x0a, 0x2b, 0x01, 0x29, 0x00, // code section: one body of 41 bytes, no locals
    0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // v128.const 0
    0xfd, 0x0c, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, // v128.const i32x4 1 2 3 4
    0xfd, 0xae, 0x01, // i32x4.add
    0x0b, // end
];

/// The smallest module with the WasmGC code the GC workloads use most, for
/// engines to find out whether they compile it (see the test below for its
/// text): a struct with a mutable i32 field and a nullable reference to its
/// own type, an `(array (mut i32))`, and one function that uses
/// `struct.new`, `struct.set`, `struct.get`, `array.new`, `array.set`,
/// `array.len`, `array.get`, `ref.null` and `ref.is_null`.
pub const GC_PROBE: &[u8] = &[
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
    0x01, 0x0f, 0x03, // type section: three types
    0x5f, 0x02, 0x7f, 0x01, 0x63, 0x00, 0x00, // 0: struct (mut i32) (ref null 0)
    0x5e, 0x7f, 0x01, // 1: array (mut i32)
    0x60, 0x00, 0x01, 0x7f, // 2: [] -> [i32]
    0x03, 0x02, 0x01, 0x02, // function section: one function of type 2
    0x0a, 0x42, 0x01, 0x40, // code section: one body of 64 bytes
    0x02, 0x01, 0x63, 0x00, 0x01, 0x63, 0x01, // locals (ref null 0), (ref null 1)
    0x41, 0x01, 0xd0, 0x00, 0xfb, 0x00, 0x00, 0x21, 0x00, // local 0 = struct.new 0 (1, null)
    0x20, 0x00, 0x41, 0x02, 0xfb, 0x05, 0x00, 0x00, // struct.set 0 0 (local 0, 2)
    0x20, 0x00, 0xfb, 0x02, 0x00, 0x00, 0x41, 0x03, // struct.get 0 0 (local 0), 3
    0xfb, 0x06, 0x01, 0x21, 0x01, // local 1 = array.new 1
    0x20, 0x01, 0x41, 0x00, 0x20, 0x01, 0xfb, 0x0f, // local 1, 0, array.len (local 1)
    0xfb, 0x0e, 0x01, // array.set 1
    0x20, 0x01, 0x41, 0x00, 0xfb, 0x0b, 0x01, // array.get 1 (local 1, 0)
    0x20, 0x00, 0xfb, 0x02, 0x00, 0x01, 0xd1, 0x6a, // ref.is_null (struct.get 0 1), i32.add
    0x0b, // end
];

/// All engines built in (tinywasm and wasmtime are cargo features, on by
/// default), in report order. wasmi comes first: it is the baseline.
pub fn all() -> Vec<Box<dyn Runner>> {
    vec![
        Box::new(wasmi::Wasmi::new()),
        Box::new(wasmite::Wasmite::new()),
        #[cfg(feature = "tinywasm")]
        Box::new(tinywasm::Tinywasm::new()),
        #[cfg(feature = "wasmtime")]
        Box::new(wasmtime::Wasmtime::new()),
    ]
}

/// Turns the end of a WASI run into a checksum: `Ok` means `_start`
/// returned (status 0); `Err(Some(code))` means `proc_exit(code)`.
/// A nonzero status is a failure of the workload.
pub(crate) fn finish_wasi(
    ctx: &WasiCtx,
    exit: Result<(), Option<i32>>,
    error: impl FnOnce() -> String,
) -> Result<(u64, String), String> {
    let output = String::from_utf8_lossy(&ctx.stdout).trim_end().to_string();
    let status = match exit {
        Ok(()) => 0,
        Err(Some(code)) => code,
        Err(None) => return Err(error()),
    };
    if status != 0 {
        let stderr = String::from_utf8_lossy(&ctx.stderr);
        return Err(format!("exit status {status}: {output} {stderr}"));
    }
    Ok((ctx.checksum(status), output))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The probe is a valid module whose validity depends on SIMD: wasmi
    /// (built with `simd`) accepts it, and rejects it with SIMD switched off.
    #[test]
    fn the_simd_probe_needs_simd() {
        let on = ::wasmi::Engine::default();
        ::wasmi::Module::new(&on, SIMD_PROBE).expect("wasmi with SIMD compiles the probe");
        let mut config = ::wasmi::Config::default();
        config.wasm_simd(false);
        let off = ::wasmi::Engine::new(&config);
        assert!(::wasmi::Module::new(&off, SIMD_PROBE).is_err());
        assert!(wasmi::Wasmi::new().supports_simd());
    }

    /// The GC probe is the text below, a valid module only with GC: wasmi
    /// (no GC) rejects it, and wasmtime's GC engine compiles it.
    #[test]
    fn the_gc_probe_needs_gc() {
        let text = "(module
            (type (struct (field (mut i32)) (field (ref null 0))))
            (type (array (mut i32)))
            (func (result i32) (local (ref null 0) (ref null 1))
              (local.set 0 (struct.new 0 (i32.const 1) (ref.null 0)))
              (struct.set 0 0 (local.get 0) (i32.const 2))
              (local.set 1 (array.new 1 (struct.get 0 0 (local.get 0)) (i32.const 3)))
              (array.set 1 (local.get 1) (i32.const 0) (array.len (local.get 1)))
              (i32.add
                (array.get 1 (local.get 1) (i32.const 0))
                (ref.is_null (struct.get 0 1 (local.get 0))))))";
        assert_eq!(wat::parse_str(text).unwrap(), GC_PROBE);
        assert!(::wasmi::Module::new(&::wasmi::Engine::default(), GC_PROBE).is_err());
        assert!(!wasmi::Wasmi::new().supports_gc());
        #[cfg(feature = "wasmtime")]
        assert!(wasmtime::Wasmtime::new().supports_gc());
    }
}
