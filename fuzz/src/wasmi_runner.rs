//! [`Runner`] for wasmi, the reference engine of the differential target:
//! the same limits and host imports as the wasmite runner, fuel on.

use std::fmt;

use wasmi::TrapCode;
use wasmi::errors::HostError;
use wasmi::{
    Config, Engine, Error, ExternType, FuncType, Global, Instance, Linker, Memory, MemoryType,
    Module, Ref, RefType, Store, StoreLimits, StoreLimitsBuilder, Table, TableType, Val, ValType,
};

use crate::outcome::{Exhaustion, Outcome, TrapKind, Ty, Value};
use crate::runner::{ExportKind, Runner};
use crate::smith;

/// Fuel wasmi gets per call: more than wasmite's, as the engines count
/// differently; whichever runs out first ends the comparison.
pub const FUEL: u64 = 2 * crate::FUEL;

/// A host failure, as a wasmi host error.
#[derive(Debug)]
struct HostFailure(String);

impl fmt::Display for HostFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl HostError for HostFailure {}

/// A wasmi module in its own store.
pub struct WasmiRunner {
    module: Module,
    store: Store<StoreLimits>,
    linker: Linker<StoreLimits>,
    instance: Option<Instance>,
}

impl WasmiRunner {
    /// Compile `wasm`.
    ///
    /// # Errors
    /// The compile error.
    pub fn new(wasm: &[u8]) -> Result<Self, Error> {
        let mut config = Config::default();
        config.consume_fuel(true).set_max_recursion_depth(crate::MAX_CALL_DEPTH);
        let engine = Engine::new(&config);
        let module = Module::new(&engine, wasm)?;
        let limits = StoreLimitsBuilder::new()
            .memory_size(crate::MAX_MEMORY_BYTES)
            .table_elements(crate::MAX_TABLE_ELEMENTS)
            .instances(10)
            .memories(10)
            .tables(10)
            .build();
        let mut store = Store::new(&engine, limits);
        store.limiter(|l| l);
        let mut linker = Linker::new(&engine);
        for import in module.imports() {
            if import.module() != "env" {
                continue;
            }
            let name = import.name().to_string();
            match import.ty() {
                ExternType::Func(ft) => {
                    let results: Vec<Ty> = ft.results().iter().map(|t| ty_of(*t)).collect();
                    let n = name.clone();
                    linker.func_new("env", &name, ft.clone(), move |_caller, params, out| {
                        let params: Vec<Value> = params.iter().map(value).collect();
                        let vals = smith::host_call(&n, &params, &results)
                            .map_err(|m| Error::host(HostFailure(m)))?;
                        for (o, v) in out.iter_mut().zip(vals) {
                            *o = val(v);
                        }
                        Ok(())
                    })?;
                }
                ExternType::Global(gt) => {
                    let g = Global::new(
                        &mut store,
                        val(smith::imported_global(&name)),
                        gt.mutability(),
                    );
                    linker.define("env", &name, g)?;
                }
                ExternType::Memory(_) => {
                    let mem = Memory::new(&mut store, MemoryType::new(1, Some(16)))?;
                    linker.define("env", &name, mem)?;
                }
                ExternType::Table(_) => {
                    let ty = TableType::new(RefType::Func, 4, Some(100));
                    let table = Table::new(&mut store, ty, Ref::null(RefType::Func))?;
                    linker.define("env", &name, table)?;
                }
            }
        }
        Ok(WasmiRunner { module, store, linker, instance: None })
    }

    fn instance(&self) -> Instance {
        self.instance.expect("instantiated")
    }
}

impl Runner for WasmiRunner {
    fn name(&self) -> &'static str {
        "wasmi"
    }

    fn instantiate(&mut self) -> Outcome {
        self.store.set_fuel(FUEL).unwrap();
        match self.linker.instantiate_and_start(&mut self.store, &self.module) {
            Ok(i) => {
                self.instance = Some(i);
                Outcome::Returned(Vec::new())
            }
            Err(e) => error_outcome(&e),
        }
    }

    fn exports(&self) -> Vec<(String, ExportKind)> {
        self.module
            .exports()
            .map(|e| {
                let kind = match e.ty() {
                    ExternType::Func(_) => ExportKind::Func,
                    ExternType::Global(_) => ExportKind::Global,
                    ExternType::Memory(_) => ExportKind::Memory,
                    ExternType::Table(_) => ExportKind::Table,
                };
                (e.name().to_string(), kind)
            })
            .collect()
    }

    fn call(&mut self, name: &str) -> Outcome {
        let f = self.instance().get_func(&self.store, name).expect("exported func");
        let ty: FuncType = f.ty(&self.store);
        let params: Vec<Val> = ty.params().iter().map(|t| Val::default_for_ty(*t)).collect();
        let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for_ty(*t)).collect();
        self.store.set_fuel(FUEL).unwrap();
        match f.call(&mut self.store, &params, &mut results) {
            Ok(()) => Outcome::Returned(results.iter().map(value).collect()),
            Err(e) => error_outcome(&e),
        }
    }

    fn global(&self, name: &str) -> Value {
        value(
            &self
                .instance()
                .get_global(&self.store, name)
                .expect("exported global")
                .get(&self.store),
        )
    }

    fn memory(&self, name: &str) -> &[u8] {
        self.instance().get_memory(&self.store, name).expect("exported memory").data(&self.store)
    }

    fn table(&self, name: &str) -> (u64, Vec<bool>) {
        let t = self.instance().get_table(&self.store, name).expect("exported table");
        let size = t.size(&self.store);
        let nonnull =
            (0..size).map(|i| t.get(&self.store, i).expect("in bounds").is_non_null()).collect();
        (size, nonnull)
    }
}

fn error_outcome(e: &Error) -> Outcome {
    if let Some(code) = e.as_trap_code() {
        let kind = match code {
            TrapCode::OutOfFuel => return Outcome::Exhausted(Exhaustion::Fuel),
            TrapCode::StackOverflow => return Outcome::Exhausted(Exhaustion::Stack),
            TrapCode::UnreachableCodeReached => TrapKind::Unreachable,
            TrapCode::IntegerDivisionByZero => TrapKind::DivByZero,
            TrapCode::IntegerOverflow => TrapKind::IntOverflow,
            TrapCode::BadConversionToInteger => TrapKind::BadConversion,
            TrapCode::MemoryOutOfBounds => TrapKind::MemoryOob,
            TrapCode::TableOutOfBounds => TrapKind::TableOob,
            TrapCode::IndirectCallToNull => TrapKind::IndirectNull,
            TrapCode::BadSignature => TrapKind::BadSignature,
            _ => TrapKind::Other,
        };
        return Outcome::Trapped(kind, e.to_string());
    }
    if e.downcast_ref::<HostFailure>().is_some() {
        return Outcome::HostError(e.to_string());
    }
    Outcome::Error(e.to_string())
}

fn ty_of(t: ValType) -> Ty {
    match t {
        ValType::I32 => Ty::I32,
        ValType::I64 => Ty::I64,
        ValType::F32 => Ty::F32,
        ValType::F64 => Ty::F64,
        ValType::V128 => Ty::V128,
        ValType::FuncRef => Ty::FuncRef,
        ValType::ExternRef => Ty::ExternRef,
    }
}

fn value(v: &Val) -> Value {
    match v {
        Val::I32(x) => Value::I32(*x),
        Val::I64(x) => Value::I64(*x),
        Val::F32(x) => Value::F32(x.to_bits()),
        Val::F64(x) => Value::F64(x.to_bits()),
        Val::V128(x) => Value::V128(x.as_u128()),
        Val::FuncRef(f) => Value::FuncRef(!f.is_null()),
        Val::ExternRef(e) => Value::ExternRef(!e.is_null()),
    }
}

fn val(v: Value) -> Val {
    match v {
        Value::I32(x) => Val::I32(x),
        Value::I64(x) => Val::I64(x),
        Value::F32(x) => Val::F32(wasmi::F32::from_bits(x)),
        Value::F64(x) => Val::F64(wasmi::F64::from_bits(x)),
        Value::V128(x) => Val::V128(wasmi::V128::from(x)),
        Value::FuncRef(_) => Val::FuncRef(wasmi::Nullable::Null),
        Value::ExternRef(_) => Val::ExternRef(wasmi::Nullable::Null),
    }
}

/// Whether a divergence report is wasmi 2.0.0's known miscompile (FINDINGS
/// #6): it traps "integer divide by zero" on `x / select(1, y, y == 0)` with
/// `y == 0` when `x` comes from `memory.size` or `table.size`, where there is
/// no division by zero (wasmite and wabt's `wasm-interp` return `x`).
/// wasm-smith's guarded divisions produce exactly that shape. Such reports
/// are skipped; a wasmite division that fails to trap would still show in
/// the spec suite and the `backends` target.
pub fn is_known_wasmi_bug(report: &str) -> bool {
    report.contains("wasmite (")
        && report.ends_with("but wasmi trapped DivByZero (integer divide by zero)")
}
