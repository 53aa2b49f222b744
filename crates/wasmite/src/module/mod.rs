//! [`Module`]: a decoded, validated and translated WebAssembly module.
//!
//! Decoding and validation are wasmparser's. We keep the phases apart so errors
//! are classified honestly: every section is first *decoded* (failure =
//! malformed), then handed to the validator (failure = invalid). Function
//! bodies are translated to the register IR as they are validated.

use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use wasmparser as wp;

use crate::config::Engine;
use crate::error::{Error, Result};
use crate::exec::CompiledFunc;
use crate::translate::ModuleEnv;
use crate::types::{ExternType, FuncType, GlobalType, MemoryType, TableType, TagType, conv};

/// An instruction of a constant expression.
#[derive(Clone, Copy, Debug)]
pub(crate) enum ConstOp {
    Value(u64),
    /// `v128.const`.
    V128(u128),
    RefFunc(u32),
    GlobalGet(u32),
    I32Add,
    I32Sub,
    I32Mul,
    I64Add,
    I64Sub,
    I64Mul,
    /// struct.new of the module type
    StructNew(u32),
    StructNewDefault(u32),
    /// array.new of the module type
    ArrayNew(u32),
    ArrayNewDefault(u32),
    /// array.new_fixed of the module type, with so many elements
    ArrayNewFixed(u32, u32),
    RefI31,
    /// `any.convert_extern`, `extern.convert_any`: no change.
    Nop,
}

/// A constant expression (global initialisers, segment offsets, element items).
#[derive(Clone, Debug)]
pub(crate) struct ConstExpr(pub Vec<ConstOp>);

pub(crate) enum ImportKind {
    Func(u32),
    Table(TableType),
    Memory(MemoryType),
    Global(GlobalType),
    Tag(u32),
}

pub(crate) struct Import {
    pub module: String,
    pub name: String,
    pub kind: ImportKind,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum ExportKind {
    Func,
    Table,
    Memory,
    Global,
    Tag,
}

pub(crate) enum ElemMode {
    Passive,
    Declared,
    Active { table: u32, offset: ConstExpr },
}

pub(crate) struct ElemSegment {
    pub mode: ElemMode,
    pub items: Vec<ConstExpr>,
}

pub(crate) enum DataMode {
    Passive,
    Active { mem: u32, offset: ConstExpr },
}

pub(crate) struct DataSegment {
    pub mode: DataMode,
    pub bytes: Arc<[u8]>,
}

#[derive(Default)]
pub(crate) struct ModuleInner {
    /// Function types by type index (non-function types hold an empty
    /// type); a concrete heap type in them is a type index of the module.
    pub types: Vec<FuncType>,
    /// Struct and array layouts by type index (`None` for a function type).
    pub layouts: Vec<Option<crate::runtime::Layout>>,
    /// The rec groups of the type section: the type index of each group's
    /// first type, and its sub types (interned in the store's registry when
    /// the module is instantiated).
    pub rec_groups: Vec<(u32, Box<[wp::SubType]>)>,
    /// Type index of every function, imports first.
    pub funcs: Vec<u32>,
    pub tables: Vec<TableType>,
    /// Initialisers of defined tables (`None`: null).
    pub table_inits: Vec<Option<ConstExpr>>,
    pub memories: Vec<MemoryType>,
    pub globals: Vec<GlobalType>,
    /// Type index of every tag, imports first.
    pub tags: Vec<u32>,
    /// Initialisers of defined globals.
    pub global_inits: Vec<ConstExpr>,
    pub imports: Vec<Import>,
    pub num_imported_funcs: u32,
    pub num_imported_tables: u32,
    pub num_imported_memories: u32,
    pub num_imported_globals: u32,
    pub num_imported_tags: u32,
    pub exports: Vec<(String, ExportKind, u32)>,
    pub start: Option<u32>,
    pub elems: Vec<ElemSegment>,
    pub datas: Vec<DataSegment>,
    pub code: Vec<Arc<CompiledFunc>>,
    /// Function names from the name section (shared with every instance,
    /// for trap messages).
    pub func_names: Arc<BTreeMap<u32, String>>,
    pub name: Option<String>,
    /// Whether the module has a data count section (required by `memory.init`/`data.drop`).
    pub has_data_count: bool,
    /// Bytes of the function bodies (the code section's entries).
    pub wasm_code_bytes: usize,
}

impl ModuleInner {
    pub fn func_type(&self, func: u32) -> &FuncType {
        &self.types[self.funcs[func as usize] as usize]
    }
    pub fn func_name(&self, func: u32) -> Option<&str> {
        self.func_names.get(&func).map(String::as_str)
    }
    /// What the translator needs to know of the module.
    pub fn env(&self) -> ModuleEnv<'_> {
        ModuleEnv {
            types: &self.types,
            layouts: &self.layouts,
            funcs: &self.funcs,
            func_names: &self.func_names,
            memories: &self.memories,
            tables: &self.tables,
            globals: &self.globals,
            tags: &self.tags,
            has_data_count: self.has_data_count,
        }
    }
}

/// A compiled module, ready to be instantiated any number of times; cheap to clone.
#[derive(Clone)]
pub struct Module {
    pub(crate) inner: Arc<ModuleInner>,
    engine: Engine,
}

impl core::fmt::Debug for Module {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Module").field("name", &self.inner.name).finish_non_exhaustive()
    }
}

/// The proposals `config` accepts.
pub(crate) fn features(config: &crate::config::Config) -> wp::WasmFeatures {
    use wp::WasmFeatures as F;
    let mut f = F::empty();
    f.set(F::TAIL_CALL, config.wasm_tail_call);
    f.set(F::EXTENDED_CONST, config.wasm_extended_const);
    f.set(F::WIDE_ARITHMETIC, config.wasm_wide_arithmetic);
    f.set(F::MULTI_MEMORY, config.wasm_multi_memory);
    f.set(F::MEMORY64, config.wasm_memory64);
    f.set(F::CUSTOM_PAGE_SIZES, config.wasm_custom_page_sizes);
    f.set(F::FUNCTION_REFERENCES, config.wasm_function_references);
    f.set(F::SIMD, config.wasm_simd);
    f.set(F::EXCEPTIONS, config.wasm_exceptions);
    f.set(F::GC, config.wasm_gc);
    f.set(F::LEGACY_EXCEPTIONS, config.wasm_exceptions && config.wasm_legacy_exceptions);
    f.set(F::RELAXED_SIMD, config.wasm_simd && config.wasm_relaxed_simd);
    f | F::MUTABLE_GLOBAL
        | F::SATURATING_FLOAT_TO_INT
        | F::SIGN_EXTENSION
        | F::MULTI_VALUE
        | F::BULK_MEMORY
        | F::REFERENCE_TYPES
        | F::FLOATS
        | F::GC_TYPES
}

/// One import of a module ([`Module::imports`]): where it comes from and
/// what it must be.
#[derive(Clone, Debug)]
pub struct ImportType<'module> {
    module: &'module str,
    name: &'module str,
    ty: ExternType,
}

impl<'module> ImportType<'module> {
    /// The module name the import is looked up in.
    pub fn module(&self) -> &'module str {
        self.module
    }
    /// The field name within that module.
    pub fn name(&self) -> &'module str {
        self.name
    }
    /// The type the imported item must have.
    pub fn ty(&self) -> ExternType {
        self.ty.clone()
    }
}

/// One export of a module ([`Module::exports`]): its name and type.
#[derive(Clone, Debug)]
pub struct ExportType<'module> {
    name: &'module str,
    ty: ExternType,
}

impl<'module> ExportType<'module> {
    /// The export's name.
    pub fn name(&self) -> &'module str {
        self.name
    }
    /// The exported item's type.
    pub fn ty(&self) -> ExternType {
        self.ty.clone()
    }
}

impl Module {
    /// Compile a module from its binary encoding, or (with the `std` feature)
    /// from the text format.
    ///
    /// # Errors
    /// If the module is malformed, invalid, or uses an unsupported feature.
    pub fn new(engine: &Engine, bytes: impl AsRef<[u8]>) -> Result<Module> {
        let bytes = bytes.as_ref();
        #[cfg(feature = "std")]
        {
            if !bytes.starts_with(b"\0asm") {
                let wasm = wat::parse_bytes(bytes)
                    .map_err(|e| Error::malformed(alloc::string::ToString::to_string(&e)))?;
                return Self::from_binary(engine, &wasm);
            }
        }
        Self::from_binary(engine, bytes)
    }

    /// Compile a module from its binary encoding.
    ///
    /// # Errors
    /// If the module is malformed, invalid, or uses an unsupported feature.
    pub fn from_binary(engine: &Engine, bytes: &[u8]) -> Result<Module> {
        let inner = Builder::default().build(bytes, engine.config())?;
        Ok(Module { inner: Arc::new(inner), engine: engine.clone() })
    }

    /// Check that `bytes` is a valid module, without keeping it.
    ///
    /// # Errors
    /// If it is not.
    pub fn validate(engine: &Engine, bytes: &[u8]) -> Result<()> {
        Self::from_binary(engine, bytes).map(drop)
    }

    /// The engine this module was compiled for.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The module's name from its name section, if any.
    pub fn name(&self) -> Option<&str> {
        self.inner.name.as_deref()
    }

    /// The imports, in the module's order: module name, field name and type.
    pub fn imports(&self) -> impl ExactSizeIterator<Item = ImportType<'_>> + '_ {
        self.inner.imports.iter().map(|i| {
            let ty = match &i.kind {
                ImportKind::Func(t) => ExternType::Func(self.inner.types[*t as usize].clone()),
                ImportKind::Table(t) => ExternType::Table(*t),
                ImportKind::Memory(m) => ExternType::Memory(*m),
                ImportKind::Global(g) => ExternType::Global(*g),
                ImportKind::Tag(t) => {
                    ExternType::Tag(TagType::new(self.inner.types[*t as usize].clone()))
                }
            };
            ImportType { module: &i.module, name: &i.name, ty }
        })
    }

    /// The exports, in the module's order: name and type.
    pub fn exports(&self) -> impl ExactSizeIterator<Item = ExportType<'_>> + '_ {
        let m = &self.inner;
        m.exports.iter().map(move |(name, kind, idx)| {
            let i = *idx as usize;
            let ty = match kind {
                ExportKind::Func => ExternType::Func(m.func_type(*idx).clone()),
                ExportKind::Table => ExternType::Table(m.tables[i]),
                ExportKind::Memory => ExternType::Memory(m.memories[i]),
                ExportKind::Global => ExternType::Global(m.globals[i]),
                ExportKind::Tag => {
                    ExternType::Tag(TagType::new(m.types[m.tags[i] as usize].clone()))
                }
            };
            ExportType { name, ty }
        })
    }

    /// The type of the export `name`, if the module has one.
    pub fn get_export(&self, name: &str) -> Option<ExternType> {
        self.exports().find(|e| e.name == name).map(|e| e.ty)
    }

    /// Number of functions, imported ones included (the function index space).
    pub fn num_funcs(&self) -> u32 {
        self.inner.funcs.len() as u32
    }

    /// Number of imported functions (they come first in the index space).
    pub fn num_imported_funcs(&self) -> u32 {
        self.inner.num_imported_funcs
    }

    /// The index of the function exported as `name`.
    pub fn exported_func_index(&self, name: &str) -> Option<u32> {
        self.inner.exports.iter().find_map(|(n, kind, idx)| {
            (n == name && matches!(kind, ExportKind::Func)).then_some(*idx)
        })
    }

    /// Bytes of Wasm code: the function bodies of the code section.
    pub fn wasm_code_bytes(&self) -> usize {
        self.inner.wasm_code_bytes
    }

    /// Bytes of translated code the module holds for its functions: every
    /// op (with its handler) plus its source offsets (for trap locations).
    /// Compare with [`Module::wasm_code_bytes`].
    pub fn ir_bytes(&self) -> usize {
        let per_op = core::mem::size_of::<crate::exec::TOp>();
        self.inner.code.iter().map(|f| f.threaded.len() * per_op + f.offsets.len_bytes()).sum()
    }

    /// The IR of function `func` (module index, imports included) as text:
    /// one op per line. `None` for imported or out-of-range functions.
    pub fn disassemble(&self, func: u32) -> Option<String> {
        let m = &self.inner;
        let def = func.checked_sub(m.num_imported_funcs)?;
        let f = m.code.get(def as usize)?;
        let mut s = format!(
            "func {}{} {} (params {}, locals {}, frame {})\n",
            func,
            m.func_name(func).map(|n| format!(" ${n}")).unwrap_or_default(),
            m.func_type(func),
            f.num_params,
            f.num_locals - f.num_params,
            f.frame_size
        );
        for (i, op) in f.threaded.iter().map(|t| t.op()).enumerate() {
            s.push_str(&format!("{i:5}: {op}\n"));
        }
        Some(s)
    }
}

fn decode_err(e: wp::BinaryReaderError) -> Error {
    Error::malformed(format!("{} (at offset {:#x})", e.message(), e.offset()))
}

fn invalid_err(e: wp::BinaryReaderError) -> Error {
    Error::invalid(format!("{} (at offset {:#x})", e.message(), e.offset()))
}

/// Decode every item of a section reader (so decode errors surface as malformed).
fn decode_all<'a, T: wp::FromReader<'a>>(r: &wp::SectionLimited<'a, T>) -> Result<Vec<T>> {
    r.clone().into_iter().map(|i| i.map_err(decode_err)).collect()
}

pub(crate) fn const_expr(e: &wp::ConstExpr<'_>) -> Result<ConstExpr> {
    let mut ops = Vec::new();
    let mut r = e.get_operators_reader();
    while !r.eof() {
        let op = r.read().map_err(decode_err)?;
        ops.push(match op {
            wp::Operator::I32Const { value } => ConstOp::Value(value as u32 as u64),
            wp::Operator::I64Const { value } => ConstOp::Value(value as u64),
            wp::Operator::F32Const { value } => ConstOp::Value(value.bits() as u64),
            wp::Operator::F64Const { value } => ConstOp::Value(value.bits()),
            wp::Operator::V128Const { value } => ConstOp::V128(value.i128() as u128),
            wp::Operator::RefNull { .. } => ConstOp::Value(0),
            wp::Operator::RefFunc { function_index } => ConstOp::RefFunc(function_index),
            wp::Operator::GlobalGet { global_index } => ConstOp::GlobalGet(global_index),
            wp::Operator::I32Add => ConstOp::I32Add,
            wp::Operator::I32Sub => ConstOp::I32Sub,
            wp::Operator::I32Mul => ConstOp::I32Mul,
            wp::Operator::I64Add => ConstOp::I64Add,
            wp::Operator::I64Sub => ConstOp::I64Sub,
            wp::Operator::I64Mul => ConstOp::I64Mul,
            wp::Operator::StructNew { struct_type_index } => ConstOp::StructNew(struct_type_index),
            wp::Operator::StructNewDefault { struct_type_index } => {
                ConstOp::StructNewDefault(struct_type_index)
            }
            wp::Operator::ArrayNew { array_type_index } => ConstOp::ArrayNew(array_type_index),
            wp::Operator::ArrayNewDefault { array_type_index } => {
                ConstOp::ArrayNewDefault(array_type_index)
            }
            wp::Operator::ArrayNewFixed { array_type_index, array_size } => {
                ConstOp::ArrayNewFixed(array_type_index, array_size)
            }
            wp::Operator::RefI31 => ConstOp::RefI31,
            wp::Operator::AnyConvertExtern | wp::Operator::ExternConvertAny => ConstOp::Nop,
            wp::Operator::End => break,
            // Not constant: the validator rejects it right after decoding.
            _ => ConstOp::Value(0),
        });
    }
    Ok(ConstExpr(ops))
}

#[derive(Default)]
struct Builder {
    m: ModuleInner,
    /// `Config::wasm_memory64`.
    memory64: bool,
    /// `Config::wasm_custom_page_sizes`.
    custom_page_sizes: bool,
}

impl Builder {
    fn build(mut self, bytes: &[u8], config: &crate::config::Config) -> Result<ModuleInner> {
        self.memory64 = config.wasm_memory64;
        self.custom_page_sizes = config.wasm_custom_page_sizes;
        let mut validator = wp::Validator::new_with_features(features(config));
        let mut allocs = wp::FuncValidatorAllocations::default();
        let mut tx = translator(config);
        // Function bodies left for `compile_parallel`, with their indices.
        let mut pending = Vec::new();
        let mut parallel = false;
        let mut code_index = 0u32;
        let mut parser = wp::Parser::new(0);
        parser.set_features(features(config));
        let mut payloads = parser.parse_all(bytes);
        while let Some(payload) = payloads.next() {
            let payload = payload.map_err(decode_err)?;
            self.decode(&payload, bytes)?;
            if let wp::Payload::CodeSectionStart { count, size, .. } = payload {
                parallel = config.parallel_compilation
                    && count >= PARALLEL_MIN_FUNCS
                    && size >= PARALLEL_MIN_BYTES;
            }
            let valid = match validator.payload(&payload) {
                Ok(v) => v,
                // A decode error later in the module takes precedence: the
                // module is malformed before it can be invalid.
                Err(e) => return Err(rest_malformed(payloads).unwrap_or_else(|| invalid_err(e))),
            };
            match valid {
                wp::ValidPayload::Func(fv, body) => {
                    let func = self.m.num_imported_funcs + code_index;
                    code_index += 1;
                    let range = body.range();
                    self.m.wasm_code_bytes += (range.end - range.start) as usize;
                    if parallel {
                        pending.push((func, fv, body));
                        continue;
                    }
                    let compiled = match tx.translate(&self.m.env(), func, &body, &fv, &mut allocs)
                    {
                        Ok(c) => c,
                        Err(e) if e.kind() == crate::error::ErrorKind::Invalid => {
                            return Err(rest_malformed(payloads).unwrap_or(e));
                        }
                        Err(e) => return Err(e),
                    };
                    self.m.code.push(Arc::new(compiled));
                }
                wp::ValidPayload::End(_) => break,
                _ => {}
            }
        }
        if !pending.is_empty() {
            self.m.code = compile_parallel(&self.m, config, pending)?;
        }
        Ok(self.m)
    }

    /// Record what a section says (after decoding it fully).
    fn decode(&mut self, payload: &wp::Payload<'_>, bytes: &[u8]) -> Result<()> {
        use wp::Payload as P;
        let m = &mut self.m;
        match payload {
            P::TypeSection(r) => {
                for group in decode_all(r)? {
                    let start = m.types.len() as u32;
                    let subs: Box<[wp::SubType]> = group.into_types().collect();
                    for sub in &subs {
                        m.layouts.push(crate::runtime::Layout::of(&sub.composite_type.inner));
                        m.types.push(match &sub.composite_type.inner {
                            wp::CompositeInnerType::Func(f) => conv::func(f),
                            _ => FuncType::from_types([], []),
                        });
                    }
                    m.rec_groups.push((start, subs));
                }
            }
            P::ImportSection(r) => {
                for imp in decode_all(r)? {
                    for imp in imports_of(imp)? {
                        let kind = match imp.ty {
                            wp::TypeRef::Func(t) | wp::TypeRef::FuncExact(t) => {
                                m.funcs.push(t);
                                m.num_imported_funcs += 1;
                                ImportKind::Func(t)
                            }
                            wp::TypeRef::Table(t) => {
                                m.tables.push(conv::table(t));
                                m.num_imported_tables += 1;
                                ImportKind::Table(conv::table(t))
                            }
                            wp::TypeRef::Memory(t) => {
                                m.memories.push(conv::memory(t));
                                m.num_imported_memories += 1;
                                ImportKind::Memory(conv::memory(t))
                            }
                            wp::TypeRef::Global(g) => {
                                check_global(g, r.range().start)?;
                                m.globals.push(conv::global(g));
                                m.num_imported_globals += 1;
                                ImportKind::Global(conv::global(g))
                            }
                            wp::TypeRef::Tag(t) => {
                                m.tags.push(t.func_type_idx);
                                m.num_imported_tags += 1;
                                ImportKind::Tag(t.func_type_idx)
                            }
                        };
                        m.imports.push(Import {
                            module: imp.module.to_owned(),
                            name: imp.name.to_owned(),
                            kind,
                        });
                    }
                }
            }
            P::FunctionSection(r) => m.funcs.extend(decode_all(r)?),
            P::TagSection(r) => m.tags.extend(decode_all(r)?.into_iter().map(|t| t.func_type_idx)),
            P::TableSection(r) => {
                for t in decode_all(r)? {
                    m.tables.push(conv::table(t.ty));
                    m.table_inits.push(match &t.init {
                        wp::TableInit::RefNull => None,
                        wp::TableInit::Expr(e) => Some(const_expr(e)?),
                    });
                }
            }
            P::MemorySection(r) => {
                let range = r.range();
                let section = &bytes[range.start as usize..range.end as usize];
                check_page_size_flags(section, range.start, self.custom_page_sizes)?;
                if !self.memory64 {
                    // (With memory64, limits are u64 in the binary format
                    // and the validator bounds a 32-bit memory's.)
                    check_memory_limits(section, range.start)?;
                }
                m.memories.extend(decode_all(r)?.into_iter().map(conv::memory));
            }
            P::UnknownSection { id, range, .. } => {
                return Err(Error::malformed(format!(
                    "malformed section id: {id} (at offset {:#x})",
                    range.start
                )));
            }
            P::GlobalSection(r) => {
                for g in decode_all(r)? {
                    check_global(g.ty, r.range().start)?;
                    m.globals.push(conv::global(g.ty));
                    m.global_inits.push(const_expr(&g.init_expr)?);
                }
            }
            P::ExportSection(r) => {
                for e in decode_all(r)? {
                    let kind = match e.kind {
                        wp::ExternalKind::Func | wp::ExternalKind::FuncExact => ExportKind::Func,
                        wp::ExternalKind::Table => ExportKind::Table,
                        wp::ExternalKind::Memory => ExportKind::Memory,
                        wp::ExternalKind::Global => ExportKind::Global,
                        wp::ExternalKind::Tag => ExportKind::Tag,
                    };
                    m.exports.push((e.name.to_owned(), kind, e.index));
                }
            }
            P::Version { encoding: wp::Encoding::Component, range, .. } => {
                return Err(Error::malformed(format!(
                    "unknown binary version: this is a WebAssembly component, not a core module \
                     (at offset {:#x})",
                    range.start
                )));
            }
            P::StartSection { func, .. } => m.start = Some(*func),
            P::DataCountSection { .. } => m.has_data_count = true,
            P::ElementSection(r) => {
                for e in decode_all(r)? {
                    let mode = match e.kind {
                        wp::ElementKind::Passive => ElemMode::Passive,
                        wp::ElementKind::Declared => ElemMode::Declared,
                        wp::ElementKind::Active { table_index, offset_expr } => ElemMode::Active {
                            table: table_index.unwrap_or(0),
                            offset: const_expr(&offset_expr)?,
                        },
                    };
                    let items = match e.items {
                        wp::ElementItems::Functions(r) => decode_all(&r)?
                            .into_iter()
                            .map(|f| ConstExpr(alloc::vec![ConstOp::RefFunc(f)]))
                            .collect(),
                        wp::ElementItems::Expressions(_, r) => {
                            decode_all(&r)?.iter().map(const_expr).collect::<Result<_>>()?
                        }
                    };
                    m.elems.push(ElemSegment { mode, items });
                }
            }
            P::DataSection(r) => {
                for d in decode_all(r)? {
                    let mode = match d.kind {
                        wp::DataKind::Passive => DataMode::Passive,
                        wp::DataKind::Active { memory_index, offset_expr } => DataMode::Active {
                            mem: memory_index,
                            offset: const_expr(&offset_expr)?,
                        },
                    };
                    m.datas.push(DataSegment { mode, bytes: d.data.into() });
                }
            }
            P::CustomSection(c) => {
                if let wp::KnownCustom::Name(r) = c.as_known() {
                    // Names are best-effort: a broken name section is ignored, as the spec says.
                    for n in r.into_iter().flatten() {
                        match n {
                            wp::Name::Module { name, .. } => m.name = Some(name.to_owned()),
                            wp::Name::Function(map) => {
                                for naming in map.into_iter().flatten() {
                                    Arc::make_mut(&mut m.func_names)
                                        .insert(naming.index, naming.name.to_owned());
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// A module's functions are translated on several threads only if it has
/// at least this many...
const PARALLEL_MIN_FUNCS: u32 = 16;
/// ... and at least this many bytes of code (about a millisecond of work).
const PARALLEL_MIN_BYTES: u32 = 64 << 10;

/// A translator with the configuration's settings.
fn translator(config: &crate::config::Config) -> crate::translate::Translator {
    let mut tx = crate::translate::Translator::default();
    tx.fuel = config.consume_fuel;
    tx.epoch = config.epoch_interruption;
    tx.canonicalize_nans = config.canonicalize_nans;
    tx.multi_memory = config.wasm_multi_memory;
    tx
}

/// A function body waiting for translation: its index, validator and code.
type Pending<'a> = (u32, wp::FuncToValidate<wp::ValidatorResources>, wp::FunctionBody<'a>);

/// Translate `pending` (the whole code section, in order, after every
/// section decoded) on the available threads, each taking the next
/// function from a shared counter. The error is the one a translation in
/// order would report: the first function's, or if it is invalid, a decode
/// error in a later function body.
fn compile_parallel(
    m: &ModuleInner,
    config: &crate::config::Config,
    pending: Vec<Pending<'_>>,
) -> Result<Vec<Arc<CompiledFunc>>> {
    use core::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let work = || {
        let mut tx = translator(config);
        let mut allocs = wp::FuncValidatorAllocations::default();
        let mut done = Vec::new();
        while let Some((func, fv, body)) = pending.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((*func, tx.translate(&m.env(), *func, body, fv, &mut allocs)));
        }
        done
    };
    #[cfg(feature = "std")]
    let mut results = {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
        std::thread::scope(|s| {
            // A thread that fails to start leaves its share to the others.
            let helpers: Vec<_> = (1..threads)
                .filter_map(|_| std::thread::Builder::new().spawn_scoped(s, work).ok())
                .collect();
            let mut all = work();
            for h in helpers {
                match h.join() {
                    Ok(done) => all.extend(done),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            all
        })
    };
    #[cfg(not(feature = "std"))]
    let mut results = work();
    results.sort_unstable_by_key(|r| r.0);
    let mut code = Vec::with_capacity(results.len());
    for (k, (_, compiled)) in results.into_iter().enumerate() {
        match compiled {
            Ok(c) => code.push(Arc::new(c)),
            Err(e) if e.kind() == crate::error::ErrorKind::Invalid => {
                let later = pending[k + 1..]
                    .iter()
                    .map(|(_, _, body)| Ok(wp::Payload::CodeSectionEntry(body.clone())));
                return Err(rest_malformed(later).unwrap_or(e));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(code)
}

/// After a validation error: does the rest of the module fail to decode?
/// (Function bodies included, so "unexpected end" wins over a type error.)
fn rest_malformed<'a>(
    payloads: impl Iterator<Item = core::result::Result<wp::Payload<'a>, wp::BinaryReaderError>>,
) -> Option<Error> {
    for p in payloads {
        match p {
            Err(e) => return Some(decode_err(e)),
            Ok(wp::Payload::CodeSectionEntry(body)) => {
                let mut ops = match body.get_operators_reader() {
                    Ok(o) => o,
                    Err(e) => return Some(decode_err(e)),
                };
                while !ops.eof() {
                    if let Err(e) = ops.read() {
                        return Some(decode_err(e));
                    }
                }
                if let Err(e) = ops.finish() {
                    return Some(decode_err(e));
                }
            }
            Ok(_) => {}
        }
    }
    None
}

/// wasmparser reads memory limits as 64-bit numbers (for memory64); a 32-bit
/// memory's limits are `u32` LEB128s in the binary format, so check them here.
/// Without the threads proposal a global's mutability byte is 0 or 1.
fn check_global(g: wp::GlobalType, offset: u64) -> Result<()> {
    if g.shared {
        return Err(Error::malformed(format!("malformed mutability (in section at {offset:#x})")));
    }
    Ok(())
}

/// Without the custom-page-sizes proposal, a memory's limits flags may not
/// have the page-size bit (0x08): wasmparser reads the page size anyway and
/// reports what follows, the spec says the flags are malformed.
fn check_page_size_flags(section: &[u8], offset: u64, custom_page_sizes: bool) -> Result<()> {
    if custom_page_sizes {
        return Ok(());
    }
    let mut r = wp::BinaryReader::new(section, offset);
    let Ok(count) = r.read_var_u32() else { return Ok(()) };
    for _ in 0..count {
        let Ok(flags) = r.read_u8() else { return Ok(()) };
        if flags & 0x08 != 0 {
            return Err(Error::malformed(format!(
                "malformed limits flags (at offset {:#x})",
                r.original_position() - 1
            )));
        }
        // Past the limits (wasmparser reports any fault in them).
        let limits = 1 + usize::from(flags & 0x01 != 0);
        for _ in 0..limits {
            if r.read_var_u64().is_err() {
                return Ok(());
            }
        }
    }
    Ok(())
}

fn check_memory_limits(section: &[u8], offset: u64) -> Result<()> {
    let mut r = wp::BinaryReader::new(section, offset);
    let count = r.read_var_u32().map_err(decode_err)?;
    for _ in 0..count {
        let flags = r.read_u8().map_err(decode_err)?;
        if flags & 0x04 != 0 {
            return Ok(()); // memory64: 64-bit limits are right
        }
        r.read_var_u32().map_err(decode_err)?;
        if flags & 0x01 != 0 {
            r.read_var_u32().map_err(decode_err)?;
        }
        if flags & 0x08 != 0 {
            r.read_var_u32().map_err(decode_err)?;
        }
    }
    Ok(())
}

fn imports_of(imp: wp::Imports<'_>) -> Result<Vec<wp::Import<'_>>> {
    Ok(match imp {
        wp::Imports::Single(_, i) => alloc::vec![i],
        wp::Imports::Compact1 { module, items } => decode_all(&items)?
            .into_iter()
            .map(|it| wp::Import { module, name: it.name, ty: it.ty })
            .collect(),
        wp::Imports::Compact2 { module, ty, names } => {
            decode_all(&names)?.into_iter().map(|name| wp::Import { module, name, ty }).collect()
        }
    })
}
