//! tinywasm: a safe, stack-based interpreter. Its store holds no user data,
//! so the WASI context is shared with the host closures through `Rc`.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Instant;

use tinywasm::{FuncContext, HostFunction, Imports, ModuleInstance, Store};

use super::{Kind, Runner, Sample, finish_wasi};
use crate::wasi::{self, GuestMemory, WasiCtx, for_each_wasi_fn};

pub struct Tinywasm;

impl Tinywasm {
    pub fn new() -> Self {
        Tinywasm
    }
}

/// The caller's exported memory, accessed through tinywasm's copy API.
struct Mem<'a> {
    memory: tinywasm::Memory,
    store: &'a mut Store,
}

impl GuestMemory for Mem<'_> {
    fn read(&self, addr: u32, buf: &mut [u8]) -> Result<(), i32> {
        self.memory.read_exact(self.store, addr as usize, buf).map_err(|_| wasi::errno::FAULT)
    }
    fn write(&mut self, addr: u32, data: &[u8]) -> Result<(), i32> {
        self.memory.copy_from_slice(self.store, addr as usize, data).map_err(|_| wasi::errno::FAULT)
    }
}

fn link_wasi(store: &mut Store, imports: &mut Imports, ctx: &Rc<RefCell<WasiCtx>>) {
    macro_rules! define {
        ($name:ident, $ret:ty, ($($arg:ident: $ty:ty),*)) => {{
            let ctx = Rc::clone(ctx);
            let f = HostFunction::from(store, move |mut fc: FuncContext<'_>, ($($arg,)*): ($($ty,)*)| -> tinywasm::Result<$ret> {
                let memory = fc.memory("memory")?;
                let mut mem = Mem { memory, store: fc.store_mut() };
                ctx.borrow_mut()
                    .$name(&mut mem, $($arg),*)
                    .map_err(|exit| tinywasm::Error::Other(exit.to_string()))
            });
            imports.define(wasi::MODULE, stringify!($name), f);
        }};
    }
    for_each_wasi_fn!(define);
}

impl Runner for Tinywasm {
    fn name(&self) -> &'static str {
        "tinywasm"
    }

    fn run(&self, wasm: &[u8], kind: Kind, _gc: bool) -> Result<Sample, String> {
        let t0 = Instant::now();
        let module = tinywasm::parse_bytes(wasm).map_err(|e| format!("compile: {e}"))?;
        let mut store = Store::default();
        let ctx = Rc::new(RefCell::new(WasiCtx::new()));
        let mut imports = Imports::new();
        if kind == Kind::Wasi {
            link_wasi(&mut store, &mut imports, &ctx);
        }
        let instance = ModuleInstance::instantiate(&mut store, &module, Some(imports))
            .map_err(|e| format!("instantiate: {e}"))?;
        let compile = t0.elapsed();
        match kind {
            Kind::Run => {
                let run = instance
                    .func::<(), i64>(&store, "run")
                    .map_err(|e| format!("export `run`: {e}"))?;
                let t1 = Instant::now();
                let r = run.call(&mut store, ()).map_err(|e| format!("run: {e}"))?;
                let exec = t1.elapsed();
                Ok(Sample::new(compile, exec, r as u64, String::new()))
            }
            Kind::Wasi => {
                let start = instance
                    .func::<(), ()>(&store, "_start")
                    .map_err(|e| format!("export `_start`: {e}"))?;
                let t1 = Instant::now();
                let r = start.call(&mut store, ());
                let exec = t1.elapsed();
                let ctx = ctx.borrow();
                // tinywasm has no typed host errors: `proc_exit` recorded the
                // status in the context before failing the call.
                let exit = match &r {
                    Ok(()) => Ok(()),
                    Err(_) => Err(ctx.exit),
                };
                let (checksum, output) =
                    finish_wasi(&ctx, exit, || format!("_start: {}", r.unwrap_err()))?;
                Ok(Sample::new(compile, exec, checksum, output))
            }
        }
    }
}
