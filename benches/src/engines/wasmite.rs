//! wasmite, the engine this suite exists for (path dependency). The GC
//! workloads run on engines with `Config::wasm_gc` on, the others on the
//! default configuration (GC off).

use std::time::Instant;

use wasmite::{Caller, Engine, Linker, Module, Store};

use super::{GC_PROBE, Kind, Runner, SIMD_PROBE, Sample, finish_wasi};
use crate::wasi::{self, Exit, WasiCtx, for_each_wasi_fn};

pub struct Wasmite {
    /// The default engine, which compiles large modules on all threads.
    engine: Engine,
    /// One that compiles on the calling thread only.
    serial: Engine,
    /// The same two with `Config::wasm_gc`, for the GC workloads.
    gc: Engine,
    gc_serial: Engine,
    /// Whether it compiles SIMD code (`Config::wasm_simd`, on by default;
    /// probed, as for the other engines).
    simd: bool,
    /// Whether `gc` compiles GC code (probed: until wasmite's GC
    /// instructions land, they fail to compile as unsupported).
    supports_gc: bool,
}

impl Wasmite {
    pub fn new() -> Self {
        // The default configuration, with GC on or compiling on one thread.
        let engine = |gc: bool, serial: bool| {
            let mut config = wasmite::Config::new();
            config.wasm_gc(gc);
            if serial {
                config.parallel_compilation(false);
            }
            Engine::new(&config).expect("wasmite engine")
        };
        let plain = Engine::default();
        let simd = Module::new(&plain, SIMD_PROBE).is_ok();
        let gc = engine(true, false);
        let supports_gc = Module::new(&gc, GC_PROBE).is_ok();
        Wasmite {
            engine: plain,
            serial: engine(false, true),
            gc,
            gc_serial: engine(true, true),
            simd,
            supports_gc,
        }
    }

    /// Compiles and instantiates `wasm` on `engine`.
    fn instantiate(
        engine: &Engine,
        wasm: &[u8],
        kind: Kind,
    ) -> Result<(Store<WasiCtx>, wasmite::Instance), String> {
        let module = Module::new(engine, wasm).map_err(|e| format!("compile: {e}"))?;
        let mut store = Store::new(engine, WasiCtx::new());
        let mut linker = Linker::new(engine);
        if kind == Kind::Wasi {
            link_wasi(&mut linker).map_err(|e| format!("link: {e}"))?;
        }
        let instance =
            linker.instantiate(&mut store, &module).map_err(|e| format!("instantiate: {e}"))?;
        Ok((store, instance))
    }
}

fn link_wasi(linker: &mut Linker<WasiCtx>) -> Result<(), wasmite::Error> {
    macro_rules! define {
        ($name:ident, $ret:ty, ($($arg:ident: $ty:ty),*)) => {
            linker.func_wrap(
                wasi::MODULE,
                stringify!($name),
                |mut caller: Caller<'_, WasiCtx>, $($arg: $ty),*| -> Result<$ret, wasmite::Error> {
                    let memory = caller
                        .get_export("memory")
                        .and_then(|e| e.into_memory())
                        .ok_or_else(|| wasmite::Error::msg("WASI: no exported memory"))?;
                    let (mem, ctx) = memory.data_and_store_mut(&mut caller);
                    ctx.$name(mem, $($arg),*).map_err(wasmite::Error::new)
                },
            )?;
        };
    }
    for_each_wasi_fn!(define);
    Ok(())
}

impl Runner for Wasmite {
    fn name(&self) -> &'static str {
        "wasmite"
    }

    fn supports_simd(&self) -> bool {
        self.simd
    }

    fn supports_gc(&self) -> bool {
        self.supports_gc
    }

    fn run(&self, wasm: &[u8], kind: Kind, gc: bool) -> Result<Sample, String> {
        let mut sample = self.run_once(wasm, kind, gc)?;
        // After the run, like the default engine's compile after the
        // previous engine's run: neither finds the caches warm.
        let serial = if gc { &self.gc_serial } else { &self.serial };
        let t0 = Instant::now();
        drop(Self::instantiate(serial, wasm, kind)?);
        sample.compile_1t = Some(t0.elapsed());
        Ok(sample)
    }

    fn run_once(&self, wasm: &[u8], kind: Kind, gc: bool) -> Result<Sample, String> {
        let engine = if gc { &self.gc } else { &self.engine };
        let t0 = Instant::now();
        let (mut store, instance) = Self::instantiate(engine, wasm, kind)?;
        let compile = t0.elapsed();
        match kind {
            Kind::Run => {
                let run = instance
                    .get_typed_func::<(), i64>(&mut store, "run")
                    .map_err(|e| format!("export `run`: {e}"))?;
                let t1 = Instant::now();
                let r = run.call(&mut store, ()).map_err(|e| format!("run: {e}"))?;
                let exec = t1.elapsed();
                Ok(Sample::new(compile, exec, r as u64, String::new()))
            }
            Kind::Wasi => {
                let start = instance
                    .get_typed_func::<(), ()>(&mut store, "_start")
                    .map_err(|e| format!("export `_start`: {e}"))?;
                let t1 = Instant::now();
                let r = start.call(&mut store, ());
                let exec = t1.elapsed();
                let exit = match &r {
                    Ok(()) => Ok(()),
                    Err(e) => Err(e.downcast_ref::<Exit>().map(|x| x.0)),
                };
                let (checksum, output) =
                    finish_wasi(store.data(), exit, || format!("_start: {}", r.unwrap_err()))?;
                Ok(Sample::new(compile, exec, checksum, output))
            }
        }
    }
}
