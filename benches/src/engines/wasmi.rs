//! wasmi 2.x, the baseline: default features plus `simd`, eager compilation
//! (so that compile + instantiate is measured in full and execution never
//! translates).

use std::time::Instant;

use wasmi::{Caller, CompilationMode, Config, Engine, Linker, Module, Store};

use super::{Kind, Runner, Sample, finish_wasi};
use crate::wasi::{self, WasiCtx, for_each_wasi_fn};

pub struct Wasmi {
    engine: Engine,
}

impl Wasmi {
    pub fn new() -> Self {
        let mut config = Config::default();
        config.compilation_mode(CompilationMode::Eager);
        // On by default with the `simd` feature; said here so that the SIMD
        // workloads do not depend on that default.
        config.wasm_simd(true);
        Wasmi { engine: Engine::new(&config) }
    }
}

fn link_wasi(linker: &mut Linker<WasiCtx>) -> Result<(), wasmi::Error> {
    macro_rules! define {
        ($name:ident, $ret:ty, ($($arg:ident: $ty:ty),*)) => {
            linker.func_wrap(
                wasi::MODULE,
                stringify!($name),
                |mut caller: Caller<'_, WasiCtx>, $($arg: $ty),*| -> Result<$ret, wasmi::Error> {
                    let memory = caller
                        .get_export("memory")
                        .and_then(|e| e.into_memory())
                        .ok_or_else(|| wasmi::Error::new("WASI: no exported memory"))?;
                    let (mem, ctx) = memory.data_and_store_mut(&mut caller);
                    ctx.$name(mem, $($arg),*).map_err(|exit| wasmi::Error::i32_exit(exit.0))
                },
            )?;
        };
    }
    for_each_wasi_fn!(define);
    Ok(())
}

impl Runner for Wasmi {
    fn name(&self) -> &'static str {
        "wasmi"
    }

    fn run(&self, wasm: &[u8], kind: Kind, _gc: bool) -> Result<Sample, String> {
        let t0 = Instant::now();
        let module = Module::new(&self.engine, wasm).map_err(|e| format!("compile: {e}"))?;
        let mut store = Store::new(&self.engine, WasiCtx::new());
        let mut linker = Linker::new(&self.engine);
        if kind == Kind::Wasi {
            link_wasi(&mut linker).map_err(|e| format!("link: {e}"))?;
        }
        let instance = linker
            .instantiate_and_start(&mut store, &module)
            .map_err(|e| format!("instantiate: {e}"))?;
        let compile = t0.elapsed();
        match kind {
            Kind::Run => {
                let run = instance
                    .get_typed_func::<(), i64>(&store, "run")
                    .map_err(|e| format!("export `run`: {e}"))?;
                let t1 = Instant::now();
                let r = run.call(&mut store, ()).map_err(|e| format!("run: {e}"))?;
                let exec = t1.elapsed();
                Ok(Sample::new(compile, exec, r as u64, String::new()))
            }
            Kind::Wasi => {
                let start = instance
                    .get_typed_func::<(), ()>(&store, "_start")
                    .map_err(|e| format!("export `_start`: {e}"))?;
                let t1 = Instant::now();
                let r = start.call(&mut store, ());
                let exec = t1.elapsed();
                let exit = match &r {
                    Ok(()) => Ok(()),
                    Err(e) => Err(e.i32_exit_status()),
                };
                let (checksum, output) =
                    finish_wasi(store.data(), exit, || format!("_start: {}", r.unwrap_err()))?;
                Ok(Sample::new(compile, exec, checksum, output))
            }
        }
    }
}
