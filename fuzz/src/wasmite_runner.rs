//! [`Runner`] for wasmite: fuel, [`StoreLimits`], the host imports of
//! [`smith`](crate::smith), and optionally resumable calls fed fuel in slices.

use wasmite::{
    AnyRef, AsContext, Backend, Caller, Config, Engine, Error, ErrorKind, ExnRef, ExternType, Func,
    FuncType, Global, HeapType, I31, Instance, Linker, Memory, MemoryType, Module, RefType,
    ResumableCall, Store, StoreLimits, StoreLimitsBuilder, Table, TableType, Tag, TagType,
    TrapCode, Val, ValType,
};

use crate::outcome::{Exhaustion, FOREIGN_FUNC, Outcome, RefSummary, TrapKind, Ty, Value};
use crate::runner::{ExportKind, Runner};
use crate::smith;

/// An arbitrary backend.
///
/// # Errors
/// If the input ran out.
pub fn arbitrary_backend(u: &mut arbitrary::Unstructured<'_>) -> arbitrary::Result<Backend> {
    Ok(if u.arbitrary()? { Backend::Threaded } else { Backend::Portable })
}

/// How to run.
#[derive(Clone, Debug)]
pub struct Options {
    /// Fuel for the start function and for each call.
    pub fuel: u64,
    /// Call exports with `call_resumable`, giving fuel in slices of this size
    /// until `fuel` is spent (`None`: plain `call` with all the fuel at once).
    pub fuel_slice: Option<u64>,
    /// `Config::max_call_depth`.
    pub max_call_depth: usize,
    /// `Config::max_wasm_stack` (`None`: the default).
    pub max_stack_bytes: Option<usize>,
    /// The execution backend.
    pub backend: Backend,
    /// `Config::canonicalize_nans`.
    pub canonicalize_nans: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            fuel: crate::FUEL,
            fuel_slice: None,
            max_call_depth: crate::MAX_CALL_DEPTH,
            max_stack_bytes: None,
            backend: Backend::default(),
            canonicalize_nans: true,
        }
    }
}

/// The data of the store.
pub struct Data {
    limits: StoreLimits,
}

/// A wasmite module in its own store.
pub struct WasmiteRunner {
    module: Module,
    store: Store<Data>,
    linker: Linker<Data>,
    instance: Option<Instance>,
    options: Options,
    /// The module's functions by index, from the exports that
    /// [`rewrite::export_funcs`](crate::rewrite::export_funcs) adds (empty
    /// without them).
    funcs: Vec<Func>,
}

/// The engine configuration the fuzz targets use.
pub fn engine(options: &Options) -> Engine {
    let mut config = Config::new();
    // The proposals `smith::config` generates (off by default: wide
    // arithmetic, custom page sizes, GC; on by default: SIMD, relaxed SIMD,
    // exceptions, typed function references).
    config
        .consume_fuel(true)
        .wasm_wide_arithmetic(true)
        .wasm_gc(true)
        .wasm_custom_page_sizes(true)
        .wasm_simd(true)
        .wasm_relaxed_simd(true)
        .canonicalize_nans(options.canonicalize_nans)
        .max_call_depth(options.max_call_depth)
        .backend(options.backend);
    if let Some(bytes) = options.max_stack_bytes {
        config.max_wasm_stack(bytes);
    }
    Engine::new(&config).expect("every wasmite configuration is accepted")
}

impl WasmiteRunner {
    /// Compile `wasm`.
    ///
    /// # Errors
    /// The compile error.
    pub fn new(wasm: &[u8], options: Options) -> Result<Self, Error> {
        let engine = engine(&options);
        let module = Module::from_binary(&engine, wasm)?;
        let limits = StoreLimitsBuilder::new()
            .memory_size(crate::MAX_MEMORY_BYTES)
            .table_elements(crate::MAX_TABLE_ELEMENTS)
            .gc_heap_size(crate::MAX_GC_HEAP_BYTES)
            .instances(10)
            .memories(10)
            .tables(10)
            .build();
        let mut store = Store::new(&engine, Data { limits });
        store.limiter(|d| &mut d.limits);
        let linker = linker(&engine, &mut store, &module)?;
        Ok(WasmiteRunner { module, store, linker, instance: None, options, funcs: Vec::new() })
    }

    /// The module.
    pub fn module(&self) -> &Module {
        &self.module
    }

    /// `v` as a [`Value`], a `funcref` as its function's index.
    fn value(&self, v: &Val) -> Value {
        match v {
            Val::FuncRef(Some(f)) => Value::FuncRef(Some(
                self.funcs.iter().position(|g| g == f).map_or(FOREIGN_FUNC, |i| i as u32),
            )),
            v => value(&self.store, v),
        }
    }

    /// [`error_outcome`], and for an uncaught exception its payload.
    fn error_outcome(&mut self, e: &Error) -> Outcome {
        if e.kind() != ErrorKind::Exception {
            return error_outcome(e);
        }
        let exn = self.store.take_pending_exception().expect("an exception error leaves one");
        let fields = exn.fields(&self.store).expect("the pending exception is alive");
        Outcome::Exception(fields.iter().map(|v| self.value(v)).collect())
    }

    /// The argument a call passes for a parameter of type `t`: its default
    /// (zero or null), an `i31` 0 for a non-null reference the host can
    /// make one for (`any`, `eq`, `i31`), else a null `funcref` (the call
    /// then fails, on every backend alike).
    fn argument(&self, t: &ValType) -> Val {
        if let Some(v) = Val::default_for_ty(t) {
            return v;
        }
        match t {
            ValType::Ref(RefType {
                heap: HeapType::Any | HeapType::Eq | HeapType::I31, ..
            }) => Val::AnyRef(Some(AnyRef::from_i31(&self.store, I31::wrapping_u32(0)))),
            _ => Val::null_func_ref(),
        }
    }

    fn func(&self, name: &str) -> Func {
        self.instance.expect("instantiated").get_func(&self.store, name).expect("exported func")
    }

    fn call_resumable(
        &mut self,
        f: Func,
        params: &[Val],
        results: &mut [Val],
        slice: u64,
        fuel: u64,
    ) -> Outcome {
        let mut given = slice.min(fuel);
        self.store.set_fuel(given).unwrap();
        let mut call = match f.call_resumable(&mut self.store, params, results) {
            Ok(c) => c,
            Err(e) => return self.error_outcome(&e),
        };
        loop {
            match call {
                ResumableCall::Finished => {
                    return Outcome::Returned(results.iter().map(|v| self.value(v)).collect());
                }
                ResumableCall::Resumable(inv) => {
                    if let Some(e) = inv.host_error() {
                        return Outcome::HostError(e.to_string());
                    }
                    assert!(inv.out_of_fuel(), "suspended neither for fuel nor for a host error");
                    if given >= fuel {
                        return Outcome::Exhausted(Exhaustion::Fuel);
                    }
                    let more = slice.max(inv.required_fuel().unwrap_or(0));
                    given = given.saturating_add(more);
                    self.store.set_fuel(self.store.get_fuel().unwrap() + more).unwrap();
                    call = match inv.resume(&mut self.store, &[], results) {
                        Ok(c) => c,
                        Err(e) => return self.error_outcome(&e),
                    };
                }
            }
        }
    }
}

fn linker(
    engine: &Engine,
    store: &mut Store<Data>,
    module: &Module,
) -> Result<Linker<Data>, Error> {
    let mut linker = Linker::new(engine);
    // The tags of `smith::EH_IMPORTS_WAT` (made whether the module imports
    // them or not: `throw_if_odd` throws `tag_i32` either way).
    let mut tags = std::collections::HashMap::new();
    for (name, params) in [
        ("tag0", &[][..]),
        ("tag_i32", &[ValType::I32][..]),
        ("tag_i64_f64", &[ValType::I64, ValType::F64][..]),
    ] {
        let ty = TagType::new(FuncType::new(engine, params.iter().copied(), []));
        tags.insert(name, Tag::new(&mut *store, &ty)?);
    }
    for import in module.imports() {
        if import.module() != "env" {
            continue; // Instantiation reports the missing import.
        }
        let name = import.name().to_string();
        match import.ty() {
            ExternType::Func(ft) if name == "any_id" => {
                linker.func_new("env", "any_id", ft, |_caller, params, out| {
                    out[0] = params[0];
                    Ok(())
                })?;
            }
            ExternType::Func(ft) if name == "i31_of" => {
                linker.func_new("env", "i31_of", ft, |caller, params, out| {
                    let v = I31::wrapping_i32(params[0].unwrap_i32());
                    out[0] = Val::AnyRef(Some(AnyRef::from_i31(&caller, v)));
                    Ok(())
                })?;
            }
            ExternType::Table(_) if name == "table_any" => {
                let any = RefType { nullable: true, heap: HeapType::Any };
                let table = Table::new(
                    &mut *store,
                    TableType::new(any, 2, Some(20)),
                    wasmite::Ref::Any(None),
                )?;
                linker.define(&*store, "env", &name, table)?;
            }
            ExternType::Func(_) if name == "throw_if_odd" => {
                let tag = tags["tag_i32"];
                linker.func_wrap(
                    "env",
                    "throw_if_odd",
                    move |mut caller: Caller<'_, Data>, x: i32| {
                        if x % 2 == 0 {
                            return Ok(());
                        }
                        let exn = ExnRef::new(&mut caller, &tag, &[Val::I32(x)])?;
                        Ok(caller.throw(exn)?)
                    },
                )?;
            }
            ExternType::Tag(_) => {
                if let Some(tag) = tags.get(name.as_str()) {
                    linker.define(&*store, "env", &name, *tag)?;
                }
            }
            ExternType::Func(ft) => {
                let results: Vec<Ty> = ft.results().iter().map(|t| ty_of(*t)).collect();
                linker.func_new("env", &name.clone(), ft, move |caller, params, out| {
                    let params: Vec<Value> = params.iter().map(|v| value(&caller, v)).collect();
                    let vals = smith::host_call(&name, &params, &results).map_err(Error::msg)?;
                    for (o, v) in out.iter_mut().zip(vals) {
                        *o = val(v);
                    }
                    Ok(())
                })?;
            }
            ExternType::Global(gt) => {
                let v = match smith::imported_global(&name) {
                    Value::AnyRef(RefSummary::I31(v)) => {
                        Val::AnyRef(Some(AnyRef::from_i31(&*store, I31::wrapping_u32(v))))
                    }
                    v => val(v),
                };
                let g = Global::new(&mut *store, gt, v)?;
                linker.define(&*store, "env", &name, g)?;
            }
            ExternType::Memory(_) => {
                let mem = Memory::new(&mut *store, MemoryType::new(1, Some(16)))?;
                linker.define(&*store, "env", &name, mem)?;
            }
            ExternType::Table(_) => {
                let ty = TableType::new(RefType::FUNCREF, 4, Some(100));
                let table = Table::new(&mut *store, ty, wasmite::Ref::Func(None))?;
                linker.define(&*store, "env", &name, table)?;
            }
        }
    }
    Ok(linker)
}

impl Runner for WasmiteRunner {
    fn name(&self) -> &'static str {
        match (self.options.backend, self.options.fuel_slice) {
            (Backend::Threaded, None) => "wasmite (threaded)",
            (Backend::Threaded, Some(_)) => "wasmite (threaded, resumable)",
            (_, None) => "wasmite (portable)",
            (_, Some(_)) => "wasmite (portable, resumable)",
        }
    }

    fn instantiate(&mut self) -> Outcome {
        self.store.set_fuel(self.options.fuel).unwrap();
        match self.linker.instantiate(&mut self.store, &self.module) {
            Ok(i) => {
                self.instance = Some(i);
                self.funcs = (0..)
                    .map_while(|k| {
                        let name = format!("{}{k}", crate::rewrite::FUNC_EXPORT_PREFIX);
                        i.get_func(&self.store, &name)
                    })
                    .collect();
                Outcome::Returned(Vec::new())
            }
            Err(e) => self.error_outcome(&e),
        }
    }

    fn exports(&self) -> Vec<(String, ExportKind)> {
        self.module
            .exports()
            .filter_map(|e| {
                let (name, ty) = (e.name(), e.ty());
                let kind = match ty {
                    ExternType::Func(_) => ExportKind::Func,
                    ExternType::Global(_) => ExportKind::Global,
                    ExternType::Memory(_) => ExportKind::Memory,
                    ExternType::Table(_) => ExportKind::Table,
                    ExternType::Tag(_) => return None,
                };
                if crate::rewrite::is_identity_export(name) {
                    return None;
                }
                Some((name.to_string(), kind))
            })
            .collect()
    }

    fn call(&mut self, name: &str) -> Outcome {
        let f = self.func(name);
        let ty = f.ty(&self.store);
        let params: Vec<Val> = ty.params().iter().map(|t| self.argument(t)).collect();
        let mut results: Vec<Val> = vec![Val::I32(0); ty.results().len()];
        let fuel = self.options.fuel;
        if let Some(slice) = self.options.fuel_slice {
            return self.call_resumable(f, &params, &mut results, slice, fuel);
        }
        self.store.set_fuel(fuel).unwrap();
        match f.call(&mut self.store, &params, &mut results) {
            Ok(()) => Outcome::Returned(results.iter().map(|v| self.value(v)).collect()),
            Err(e) => self.error_outcome(&e),
        }
    }

    fn global(&self, name: &str) -> Value {
        let inst = self.instance.expect("instantiated");
        self.value(&inst.get_global(&self.store, name).expect("exported global").get(&self.store))
    }

    fn memory(&self, name: &str) -> &[u8] {
        let inst = self.instance.expect("instantiated");
        inst.get_memory(&self.store, name).expect("exported memory").data(&self.store)
    }

    fn table(&self, name: &str) -> Vec<Value> {
        let inst = self.instance.expect("instantiated");
        let t = inst.get_table(&self.store, name).expect("exported table");
        (0..t.size(&self.store))
            .map(|i| self.value(&Val::from(t.get(&self.store, i).expect("in bounds"))))
            .collect()
    }
}

/// The [`Outcome`] of a wasmite error.
pub fn error_outcome(e: &Error) -> Outcome {
    match e.kind() {
        ErrorKind::Trap => {
            let code = e.trap_code().expect("trap errors have a code");
            let kind = match code {
                TrapCode::OutOfFuel => return Outcome::Exhausted(Exhaustion::Fuel),
                TrapCode::StackExhausted => return Outcome::Exhausted(Exhaustion::Stack),
                TrapCode::Unreachable => TrapKind::Unreachable,
                TrapCode::IntegerDivideByZero => TrapKind::DivByZero,
                TrapCode::IntegerOverflow => TrapKind::IntOverflow,
                TrapCode::InvalidConversionToInteger => TrapKind::BadConversion,
                TrapCode::MemoryOutOfBounds => TrapKind::MemoryOob,
                TrapCode::TableOutOfBounds | TrapCode::UndefinedElement => TrapKind::TableOob,
                TrapCode::UninitializedElement => TrapKind::IndirectNull,
                TrapCode::IndirectCallTypeMismatch => TrapKind::BadSignature,
                TrapCode::NullReference
                | TrapCode::NullFunctionReference
                | TrapCode::NullStructReference
                | TrapCode::NullArrayReference
                | TrapCode::NullI31Reference => TrapKind::NullRef,
                TrapCode::ArrayOutOfBounds => TrapKind::ArrayOob,
                TrapCode::CastFailure => TrapKind::CastFailure,
                TrapCode::AllocationTooLarge => TrapKind::AllocationTooLarge,
                _ => TrapKind::Other,
            };
            Outcome::Trapped(kind, e.to_string())
        }
        ErrorKind::Host => Outcome::HostError(e.to_string()),
        _ => Outcome::Error(e.to_string()),
    }
}

fn ty_of(t: ValType) -> Ty {
    match t {
        ValType::I32 => Ty::I32,
        ValType::I64 => Ty::I64,
        ValType::F32 => Ty::F32,
        ValType::F64 => Ty::F64,
        ValType::V128 => Ty::V128,
        ValType::Ref(r) if matches!(r.heap, HeapType::Extern | HeapType::NoExtern) => Ty::ExternRef,
        ValType::Ref(_) => Ty::FuncRef,
    }
}

/// A wasmite value of `store` as a [`Value`]; a non-null `funcref` as
/// [`FOREIGN_FUNC`] (only a runner knows the module's functions), a GC
/// reference or an `externref` by [`ref_summary`].
pub fn value(store: impl AsContext, v: &Val) -> Value {
    match *v {
        Val::I32(x) => Value::I32(x),
        Val::I64(x) => Value::I64(x),
        Val::F32(x) => Value::F32(x),
        Val::F64(x) => Value::F64(x),
        Val::V128(x) => Value::V128(x.as_u128()),
        Val::FuncRef(f) => Value::FuncRef(f.map(|_| FOREIGN_FUNC)),
        Val::ExternRef(e) => Value::ExternRef(e.map_or(RefSummary::Null, |e| {
            let a = AnyRef::convert_extern(&store, e).expect("an externref of this store");
            ref_summary(&store, &a)
        })),
        Val::ExnRef(e) => Value::ExnRef(e.is_some()),
        Val::AnyRef(e) => Value::AnyRef(e.map_or(RefSummary::Null, |a| ref_summary(&store, &a))),
    }
}

/// What `a` refers to: an `i31` (and its value), a struct, an array or a
/// host value, which backends agree on (unlike handle bits).
///
/// # Panics
/// If `a`'s object is gone: the harness summarises a reference as soon
/// as wasmite hands it out (a call's result, a global, a table element, an
/// exception's payload), while something still holds it, so the collector
/// must not have freed it.
pub fn ref_summary(store: impl AsContext, a: &AnyRef) -> RefSummary {
    let dangling = |e: Error| -> ! {
        panic!("a reference wasmite just handed out refers to a freed object: {e}")
    };
    if let Some(v) = a.as_i31(&store).unwrap_or_else(|e| dangling(e)) {
        return RefSummary::I31(v.get_u32());
    }
    if a.is_struct(&store).unwrap_or_else(|e| dangling(e)) {
        RefSummary::Struct
    } else if a.is_array(&store).unwrap_or_else(|e| dangling(e)) {
        RefSummary::Array
    } else {
        RefSummary::Host
    }
}

/// A [`Value`] as a wasmite value (references must be null).
fn val(v: Value) -> Val {
    match v {
        Value::I32(x) => Val::I32(x),
        Value::I64(x) => Val::I64(x),
        Value::F32(x) => Val::F32(x),
        Value::F64(x) => Val::F64(x),
        Value::V128(x) => Val::V128(x.into()),
        Value::FuncRef(_) => Val::FuncRef(None),
        Value::ExternRef(_) => Val::ExternRef(None),
        Value::ExnRef(_) => Val::ExnRef(None),
        Value::AnyRef(_) => Val::AnyRef(None),
    }
}

/// The wasmite options of the differential target: wasm-smith canonicalises
/// the NaNs of float arithmetic for both engines, but not those of
/// `f64.promote_f32`/`f32.demote_f64`, whose NaN bits the spec leaves open.
/// wasmite's own canonicalisation makes them canonical, wasmi keeps the
/// payload (as the hardware does), and a reinterpretation carries the
/// difference into integers (FINDINGS #7). Without it both engines convert
/// the same way; the canonicalisation itself is covered by `execute` and the tests.
pub fn differential_options(backend: Backend) -> Options {
    Options { backend, canonicalize_nans: false, ..Options::default() }
}
