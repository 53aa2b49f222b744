//! wasmtime with Cranelift: the optimizing-compiler ceiling. The GC
//! workloads run on a second engine with WasmGC on and the deferred
//! reference-counting collector; the others on one configured as wasmtime
//! was before the suite had GC workloads (built without its `gc` feature).

use std::time::Instant;

use wasmtime::{Caller, Collector, Config, Engine, Linker, Module, Store, Strategy};

use super::{GC_PROBE, Kind, Runner, Sample, finish_wasi};
use crate::wasi::{self, Exit, WasiCtx, for_each_wasi_fn};

pub struct Wasmtime {
    /// For everything but the GC workloads.
    engine: Engine,
    /// For the GC workloads.
    gc: Engine,
    /// Whether `gc` compiles GC code (probed).
    supports_gc: bool,
}

impl Wasmtime {
    pub fn new() -> Self {
        let mut config = Config::new();
        config.strategy(Strategy::Cranelift);
        // As without the `gc` cargo feature, which wasmtime was built
        // without until the GC workloads came: no GC heap or collector in
        // the engine, and no exceptions (they need GC support in wasmtime).
        config.gc_support(false);
        config.wasm_exceptions(false);
        let engine = Engine::new(&config).expect("wasmtime engine");

        let mut config = Config::new();
        config.strategy(Strategy::Cranelift);
        config.wasm_gc(true);
        config.wasm_function_references(true);
        // Named, not left to `Collector::Auto`: the deferred
        // reference-counting collector frees an object when its last
        // reference goes (and finds the references on the Wasm stack when
        // it collects); it cannot free cycles, which the GC workloads do
        // not make. The only one compiled in (the `gc-drc` feature).
        config.collector(Collector::DeferredReferenceCounting);
        let gc = Engine::new(&config).expect("wasmtime engine with GC");
        let supports_gc = Module::new(&gc, GC_PROBE).is_ok();
        Wasmtime { engine, gc, supports_gc }
    }
}

fn link_wasi(linker: &mut Linker<WasiCtx>) -> wasmtime::Result<()> {
    macro_rules! define {
        ($name:ident, $ret:ty, ($($arg:ident: $ty:ty),*)) => {
            linker.func_wrap(
                wasi::MODULE,
                stringify!($name),
                |mut caller: Caller<'_, WasiCtx>, $($arg: $ty),*| -> wasmtime::Result<$ret> {
                    let memory = caller
                        .get_export("memory")
                        .and_then(|e| e.into_memory())
                        .ok_or_else(|| wasmtime::Error::msg("WASI: no exported memory"))?;
                    let (mem, ctx) = memory.data_and_store_mut(&mut caller);
                    ctx.$name(mem, $($arg),*).map_err(wasmtime::Error::new)
                },
            )?;
        };
    }
    for_each_wasi_fn!(define);
    Ok(())
}

impl Runner for Wasmtime {
    fn name(&self) -> &'static str {
        "wasmtime"
    }

    fn supports_gc(&self) -> bool {
        self.supports_gc
    }

    fn run(&self, wasm: &[u8], kind: Kind, gc: bool) -> Result<Sample, String> {
        let engine = if gc { &self.gc } else { &self.engine };
        let t0 = Instant::now();
        let module = Module::new(engine, wasm).map_err(|e| format!("compile: {e}"))?;
        let mut store = Store::new(engine, WasiCtx::new());
        let mut linker = Linker::new(engine);
        if kind == Kind::Wasi {
            link_wasi(&mut linker).map_err(|e| format!("link: {e}"))?;
        }
        let instance =
            linker.instantiate(&mut store, &module).map_err(|e| format!("instantiate: {e}"))?;
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
                    finish_wasi(store.data(), exit, || format!("_start: {:?}", r.unwrap_err()))?;
                Ok(Sample::new(compile, exec, checksum, output))
            }
        }
    }
}
