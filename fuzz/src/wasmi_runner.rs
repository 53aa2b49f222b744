//! [`Runner`] for wasmi, the reference engine of the differential target:
//! the same limits and host imports as the wasmite runner, fuel on.

use std::fmt;

use wasmi::TrapCode;
use wasmi::errors::HostError;
use wasmi::{
    Config, Engine, Error, ExternType, FuncType, Global, Instance, Linker, Memory, MemoryType,
    Module, Ref, RefType, Store, StoreLimits, StoreLimitsBuilder, Table, TableType, Val, ValType,
};

use crate::outcome::{Exhaustion, FOREIGN_FUNC, Outcome, RefSummary, TrapKind, Ty, Value};
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
    fuel: u64,
    /// The module's functions by index (from the exports that
    /// [`rewrite::export_funcs`](crate::rewrite::export_funcs) adds), each
    /// as its `Debug` text: wasmi's `Func` has no `PartialEq`, and its
    /// `Debug` shows the store's handle, which is unique per function.
    funcs: Vec<String>,
}

impl WasmiRunner {
    /// Compile `wasm`, with [`FUEL`] per call and a call depth of
    /// [`MAX_CALL_DEPTH`](crate::MAX_CALL_DEPTH).
    ///
    /// # Errors
    /// The compile error.
    pub fn new(wasm: &[u8]) -> Result<Self, Error> {
        Self::with_limits(wasm, FUEL, crate::MAX_CALL_DEPTH)
    }

    /// Compile `wasm`, with `fuel` per call and a call depth of `depth`.
    ///
    /// # Errors
    /// The compile error.
    pub fn with_limits(wasm: &[u8], fuel: u64, depth: usize) -> Result<Self, Error> {
        let mut config = Config::default();
        // wasmi's default value stack (1,000,000 cells) for the default depth
        // of 1,000, scaled with it.
        // The proposals `smith::config` generates (wasmi leaves wide
        // arithmetic and custom page sizes off by default; SIMD and relaxed
        // SIMD need its `simd` feature).
        config
            .consume_fuel(true)
            .wasm_wide_arithmetic(true)
            .wasm_custom_page_sizes(true)
            .wasm_simd(true)
            .wasm_relaxed_simd(true)
            .set_max_recursion_depth(depth)
            .set_max_stack_height(depth.saturating_mul(1000));
        // Eager: wasmi translates every function here, where a panic of its
        // translator is caught (FINDINGS #10), not lazily inside a call.
        config.compilation_mode(wasmi::CompilationMode::Eager);
        let engine = Engine::new(&config);
        let module = catch_wasmi_panic(|| Module::new(&engine, wasm))
            .unwrap_or_else(|| Err(Error::new("wasmi's translator panicked (FINDINGS #10)")))?;
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
        Ok(WasmiRunner { module, store, linker, instance: None, fuel, funcs: Vec::new() })
    }

    /// `v` as a [`Value`], a `funcref` as its function's index.
    fn value(&self, v: &Val) -> Value {
        match v {
            Val::FuncRef(wasmi::Nullable::Val(f)) => {
                let f = format!("{f:?}");
                Value::FuncRef(Some(
                    self.funcs.iter().position(|g| *g == f).map_or(FOREIGN_FUNC, |i| i as u32),
                ))
            }
            v => value(v),
        }
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
        self.store.set_fuel(self.fuel).unwrap();
        match self.linker.instantiate_and_start(&mut self.store, &self.module) {
            Ok(i) => {
                self.instance = Some(i);
                self.funcs = (0..)
                    .map_while(|k| {
                        let name = format!("{}{k}", crate::rewrite::FUNC_EXPORT_PREFIX);
                        i.get_func(&self.store, &name).map(|f| format!("{f:?}"))
                    })
                    .collect();
                Outcome::Returned(Vec::new())
            }
            Err(e) => error_outcome(&e),
        }
    }

    fn exports(&self) -> Vec<(String, ExportKind)> {
        self.module
            .exports()
            .filter(|e| !crate::rewrite::is_identity_export(e.name()))
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
        self.store.set_fuel(self.fuel).unwrap();
        match f.call(&mut self.store, &params, &mut results) {
            Ok(()) => Outcome::Returned(results.iter().map(|v| self.value(v)).collect()),
            Err(e) => error_outcome(&e),
        }
    }

    fn global(&self, name: &str) -> Value {
        self.value(
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

    fn table(&self, name: &str) -> Vec<Value> {
        let t = self.instance().get_table(&self.store, name).expect("exported table");
        (0..t.size(&self.store))
            .map(|i| {
                let r = t.get(&self.store, i).expect("in bounds");
                self.value(&Val::from(r))
            })
            .collect()
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
        Val::FuncRef(f) => Value::FuncRef((!f.is_null()).then_some(FOREIGN_FUNC)),
        Val::ExternRef(e) => {
            Value::ExternRef(if e.is_null() { RefSummary::Null } else { RefSummary::Host })
        }
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
        Value::ExnRef(_) | Value::AnyRef(_) => {
            unreachable!("the differential target generates no exceptions or GC types")
        }
    }
}

/// Run `f`, a call into wasmi; `None` if wasmi panicked. In the fuzz build
/// (debug assertions on) wasmi 2.0.0's translator asserts on some valid
/// modules (FINDINGS #10); that is wasmi's problem, so it must not end the
/// fuzzer as a crash would. libFuzzer's panic hook aborts the process, so it
/// is set aside meanwhile (the fuzzer runs on one thread).
fn catch_wasmi_panic<R>(f: impl FnOnce() -> R) -> Option<R> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    r.ok()
}

/// Whether a function of `wasm` has `local.get k; i32.eqz; select` with
/// `k` a declared local, not a parameter (the shape of FINDINGS #12, and of
/// wasm-smith's guarded divisions, where it causes #6). Invalid input has no
/// such function. [`rewrite::avoid_known_wasmi_bugs`](crate::rewrite::avoid_known_wasmi_bugs)
/// rewrites exactly these.
pub fn has_select_on_eqz_of_local(wasm: &[u8]) -> bool {
    crate::rewrite::known_bug_shapes(wasm).is_some_and(|s| s.select_on_eqz_of_local > 0)
}

/// Whether a function of `wasm` has an `if` with block parameters whose
/// then-arm opens a nested `block`, `loop` or `if` (the shape of FINDINGS
/// #8 and #9). Invalid input has no such function.
pub fn has_if_param_with_nested_block(wasm: &[u8]) -> bool {
    crate::rewrite::known_bug_shapes(wasm).is_some_and(|s| s.if_param_with_nested_block > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rewrite::tests::{BELOW_IF, IF_PARAM, SELECT_EQZ};

    #[test]
    fn if_param_shape_is_recognised_narrowly() {
        for wat in [IF_PARAM, BELOW_IF] {
            assert!(has_if_param_with_nested_block(&wat::parse_str(wat).unwrap()), "{wat}");
        }
        // The block in the else-arm, after the `if`, or under a
        // parameterless `if`: not the shape.
        for (from, to) in [
            (
                "if (param i32) (result i32)\n            block end",
                "if (param i32) (result i32) else block end",
            ),
            ("block end\n          end", "end block end"),
            (
                "memory.size\n          local.get 0\n          if (param i32) (result i32)",
                "local.get 0 if",
            ),
        ] {
            let other = BELOW_IF.replace(from, to);
            assert_ne!(other, BELOW_IF);
            let wasm = wat::parse_str(&other).unwrap();
            assert!(!has_if_param_with_nested_block(&wasm), "{other}");
        }
        assert!(!has_if_param_with_nested_block(b"not wasm"));
    }

    fn wasmi_result(wat: &str) -> Vec<Value> {
        let wasm = wat::parse_str(wat).unwrap();
        let mut r = WasmiRunner::new(&wasm).unwrap();
        assert!(matches!(r.instantiate(), Outcome::Returned(_)));
        let Outcome::Returned(v) = r.call("w") else { panic!() };
        v
    }

    #[test]
    fn wasmi_still_gets_the_reduced_cases_wrong() {
        // When a newer wasmi fixes #8 and #9, this fails: drop the filter then.
        assert_eq!(wasmi_result(IF_PARAM), vec![Value::I32(5.0f32.to_bits() as i32)]);
        assert_eq!(wasmi_result(BELOW_IF), vec![Value::I64(77)]);
        // And #12: when it fixes it, drop `has_select_on_eqz_of_local`.
        assert_eq!(wasmi_result(SELECT_EQZ), vec![Value::I32(1)]);
    }

    #[test]
    fn select_on_eqz_shape_is_recognised_narrowly() {
        let has = |wat: &str| has_select_on_eqz_of_local(&wat::parse_str(wat).unwrap());
        assert!(has(SELECT_EQZ));
        // A parameter, a condition not straight from `eqz` of a local, or
        // `eqz` of another value: not the shape.
        let param = SELECT_EQZ.replace("(result i32) (local i32)", "(param i32) (result i32)");
        assert!(!has(&param), "{param}");
        let stored = SELECT_EQZ
            .replace("(local i32)", "(local i32 i32)")
            .replace("(i32.eqz (local.get 0))", "(local.tee 1 (i32.eqz (local.get 0)))");
        assert!(!has(&stored), "{stored}");
        let computed = SELECT_EQZ.replace("(i32.eqz (local.get 0))", "(i32.eqz (i32.const 7))");
        assert!(!has(&computed), "{computed}");
        // In a second function, after imported ones: found.
        let second = SELECT_EQZ.replace(
            "(module",
            r#"(module (import "m" "f" (func (param i32))) (func (param i32 i32))"#,
        );
        assert!(has(&second), "{second}");
        assert!(!has_select_on_eqz_of_local(b"not wasm"));
    }

    #[test]
    fn a_panic_in_wasmi_is_caught() {
        assert_eq!(catch_wasmi_panic(|| 7), Some(7));
        assert_eq!(catch_wasmi_panic(|| -> u32 { panic!("as wasmi's translator may") }), None);
    }
}
