//! [`Instance`] and instantiation: resolving imports, allocating the module's
//! objects in the store, running active segments and the start function.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::func::{Func, TypedFunc, WasmTyList, call_cells};
use super::handles::{Global, Memory, Table, Tag};
use super::store::{AsContext, AsContextMut, Store};
use crate::error::{Error, Result, TrapCode};
use crate::exec::{FuncEntity, FuncKind, InstanceEntity, StoreId};
use crate::module::{ConstExpr, ConstOp, DataMode, ElemMode, ExportKind, ImportKind, Module};
use crate::runtime::{Admit, GcHeap, Layout};
use crate::runtime::{GlobalEntity, MemoryEntity, TableEntity};
use crate::types::{ExternType, FuncType, Mutability, ValType};

/// An exported or importable object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extern {
    /// A function.
    Func(Func),
    /// A table.
    Table(Table),
    /// A linear memory.
    Memory(Memory),
    /// A global.
    Global(Global),
    /// An exception tag.
    Tag(Tag),
}

impl Extern {
    /// The function, if this is one.
    pub fn into_func(self) -> Option<Func> {
        if let Extern::Func(f) = self { Some(f) } else { None }
    }
    /// The table, if this is one.
    pub fn into_table(self) -> Option<Table> {
        if let Extern::Table(t) = self { Some(t) } else { None }
    }
    /// The memory, if this is one.
    pub fn into_memory(self) -> Option<Memory> {
        if let Extern::Memory(m) = self { Some(m) } else { None }
    }
    /// The global, if this is one.
    pub fn into_global(self) -> Option<Global> {
        if let Extern::Global(g) = self { Some(g) } else { None }
    }
    /// The tag, if this is one.
    pub fn into_tag(self) -> Option<Tag> {
        if let Extern::Tag(t) = self { Some(t) } else { None }
    }
    fn store(&self) -> StoreId {
        match self {
            Extern::Tag(t) => t.store,
            Extern::Func(f) => f.store,
            Extern::Table(t) => t.store,
            Extern::Memory(m) => m.store,
            Extern::Global(g) => g.store,
        }
    }
    /// The type of this extern.
    pub fn ty(&self, store: impl AsContext) -> ExternType {
        match self {
            Extern::Func(f) => ExternType::Func(f.ty(&store)),
            Extern::Table(t) => ExternType::Table(t.ty(&store)),
            Extern::Memory(m) => ExternType::Memory(m.ty(&store)),
            Extern::Global(g) => ExternType::Global(g.ty(&store)),
            Extern::Tag(t) => ExternType::Tag(t.ty(&store)),
        }
    }
}

impl From<Func> for Extern {
    fn from(f: Func) -> Self {
        Extern::Func(f)
    }
}
impl From<Table> for Extern {
    fn from(t: Table) -> Self {
        Extern::Table(t)
    }
}
impl From<Tag> for Extern {
    fn from(t: Tag) -> Self {
        Extern::Tag(t)
    }
}
impl From<Memory> for Extern {
    fn from(m: Memory) -> Self {
        Extern::Memory(m)
    }
}
impl From<Global> for Extern {
    fn from(g: Global) -> Self {
        Extern::Global(g)
    }
}

/// An instance's exports: in the module's order, and an index by name.
pub(crate) struct Exports {
    list: Vec<(String, Extern)>,
    /// Positions in `list`, sorted by name (export names are unique).
    by_name: Vec<u32>,
}

impl Exports {
    fn new(list: Vec<(String, Extern)>) -> Self {
        let mut by_name: Vec<u32> = (0..list.len() as u32).collect();
        by_name.sort_unstable_by(|&a, &b| list[a as usize].0.cmp(&list[b as usize].0));
        Exports { list, by_name }
    }

    /// The export named `name`.
    pub(crate) fn get(&self, name: &str) -> Option<Extern> {
        let at = |i: &u32| &self.list[*i as usize];
        let k = self.by_name.binary_search_by(|i| at(i).0.as_str().cmp(name)).ok()?;
        Some(at(&self.by_name[k]).1)
    }
}

/// An export of an instance: its name and what it is ([`Instance::exports`]).
#[derive(Clone, Copy, Debug)]
pub struct Export<'a> {
    name: &'a str,
    definition: Extern,
}

impl<'a> Export<'a> {
    /// The export's name.
    pub fn name(&self) -> &'a str {
        self.name
    }
    /// What is exported.
    pub fn into_extern(self) -> Extern {
        self.definition
    }
    /// The function, if this is one.
    pub fn into_func(self) -> Option<Func> {
        self.definition.into_func()
    }
    /// The table, if this is one.
    pub fn into_table(self) -> Option<Table> {
        self.definition.into_table()
    }
    /// The memory, if this is one.
    pub fn into_memory(self) -> Option<Memory> {
        self.definition.into_memory()
    }
    /// The global, if this is one.
    pub fn into_global(self) -> Option<Global> {
        self.definition.into_global()
    }
}

/// An instantiated module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instance {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

impl Instance {
    /// Instantiate `module` with `imports` given in the module's import order.
    ///
    /// # Errors
    /// A link error if an import is missing or has the wrong type; a trap if
    /// an active segment is out of bounds or the start function traps.
    pub fn new(
        mut store: impl AsContextMut,
        module: &Module,
        imports: &[Extern],
    ) -> Result<Instance> {
        instantiate(store.as_context_mut(), module, imports)
    }

    fn exports_of<'a, T>(&self, store: &'a Store<T>) -> &'a Exports {
        assert_eq!(store.inner.id, self.store, "instance used with a foreign store");
        &store.exports[self.index as usize]
    }

    /// The export named `name`.
    pub fn get_export(&self, store: impl AsContext, name: &str) -> Option<Extern> {
        self.exports_of(store.as_context()).get(name)
    }
    /// All exports, in the module's order.
    pub fn exports<'a, S: AsContext + 'a>(
        &self,
        store: &'a S,
    ) -> impl ExactSizeIterator<Item = Export<'a>> + 'a {
        let exports = self.exports_of(store.as_context()).list.iter();
        exports.map(|(name, definition)| Export { name, definition: *definition })
    }
    /// The exported function `name`.
    pub fn get_func(&self, store: impl AsContext, name: &str) -> Option<Func> {
        self.get_export(store, name)?.into_func()
    }
    /// The exported function `name`, typed.
    ///
    /// # Errors
    /// If there is no such function or its type differs.
    pub fn get_typed_func<P: WasmTyList, R: WasmTyList>(
        &self,
        store: impl AsContext,
        name: &str,
    ) -> Result<TypedFunc<P, R>> {
        let f = self
            .get_func(&store, name)
            .ok_or_else(|| Error::usage(format!("no exported function named `{name}`")))?;
        f.typed(&store)
    }
    /// The exported memory `name`.
    pub fn get_memory(&self, store: impl AsContext, name: &str) -> Option<Memory> {
        self.get_export(store, name)?.into_memory()
    }
    /// The exported table `name`.
    pub fn get_table(&self, store: impl AsContext, name: &str) -> Option<Table> {
        self.get_export(store, name)?.into_table()
    }
    /// The exported global `name`.
    pub fn get_global(&self, store: impl AsContext, name: &str) -> Option<Global> {
        self.get_export(store, name)?.into_global()
    }
    /// The exported tag `name`.
    pub fn get_tag(&self, store: impl AsContext, name: &str) -> Option<Tag> {
        self.get_export(store, name)?.into_tag()
    }
}

fn limits_match(min: u64, max: Option<u64>, want_min: u64, want_max: Option<u64>) -> bool {
    min >= want_min
        && match (max, want_max) {
            (_, None) => true,
            (Some(m), Some(w)) => m <= w,
            (None, Some(_)) => false,
        }
}

/// Check that `ext` satisfies import `i` of the module, whose types have
/// the canonical ids `types` (module type index → id).
fn check_import<T>(
    store: &Store<T>,
    module: &Module,
    types: &[u32],
    i: usize,
    ext: &Extern,
) -> Result<()> {
    let m = &module.inner;
    let imp = &m.imports[i];
    let what = || format!("import `{}`::`{}`", imp.module, imp.name);
    store.inner.check(ext.store())?;
    let reg = &store.inner.types;
    let canon = |t: ValType| t.map_concrete(|i| types[i as usize]);
    let ok = match (&imp.kind, ext) {
        (ImportKind::Func(t), Extern::Func(f)) => {
            let have = &store.inner.funcs[f.index as usize];
            if !reg.is_subtype(have.sig, types[*t as usize]) {
                return Err(Error::link(format!(
                    "{}: incompatible import type: expected {}, found {}",
                    what(),
                    m.types[*t as usize],
                    have.ty
                )));
            }
            true
        }
        (ImportKind::Table(want), Extern::Table(t)) => {
            let have = &store.inner.tables[t.index as usize];
            // Tables are invariant: canonical element types are equal.
            ValType::Ref(have.ty.element) == canon(ValType::Ref(want.element))
                && have.ty.table64 == want.table64
                && limits_match(
                    have.elems.len() as u64,
                    have.ty.maximum,
                    want.minimum,
                    want.maximum,
                )
        }
        (ImportKind::Memory(want), Extern::Memory(mem)) => {
            let have = &store.inner.memories[mem.index as usize];
            have.ty.memory64 == want.memory64
                && have.ty.shared == want.shared
                && have.ty.page_size_log2 == want.page_size_log2
                && limits_match(have.pages(), have.ty.maximum, want.minimum, want.maximum)
        }
        (ImportKind::Global(want), Extern::Global(g)) => {
            let have = store.inner.globals[g.index as usize].ty;
            let want_content = canon(want.content);
            have.mutability == want.mutability
                && match have.mutability {
                    Mutability::Const => reg.val_subtype(have.content, want_content),
                    Mutability::Var => have.content == want_content,
                }
        }
        (ImportKind::Tag(t), Extern::Tag(tag)) => {
            // Tag types match when they are equivalent.
            store.inner.tags[tag.index as usize].sig == types[*t as usize]
        }
        _ => false,
    };
    if ok { Ok(()) } else { Err(Error::link(format!("{}: incompatible import type", what()))) }
}

fn eval_const(store: &mut Store<impl Sized>, inst: &InstanceEntity, e: &ConstExpr) -> Result<u64> {
    Ok(eval_const_wide(store, inst, e)? as u64)
}

/// [`eval_const`] keeping a `v128` result whole. GC objects it allocates
/// are not collected before they are stored: no collection runs during
/// instantiation.
fn eval_const_wide(
    store: &mut Store<impl Sized>,
    inst: &InstanceEntity,
    e: &ConstExpr,
) -> Result<u128> {
    let (inner, mut limiter) = store.split();
    let mut stack: Vec<u128> = Vec::with_capacity(4);
    let too_large = || Error::from(TrapCode::AllocationTooLarge);
    for op in &e.0 {
        let v = match *op {
            ConstOp::Value(v) => u128::from(v),
            ConstOp::V128(v) => v,
            ConstOp::RefFunc(f) => u128::from(inst.funcs[f as usize]) + 1,
            ConstOp::GlobalGet(g) => {
                let g = &inner.globals[inst.globals[g as usize] as usize];
                u128::from(g.value) | u128::from(g.high) << 64
            }
            ConstOp::Nop => continue,
            ConstOp::RefI31 => {
                let v = stack.pop().unwrap_or(0) as u32;
                u128::from(crate::runtime::i31(v))
            }
            ConstOp::StructNew(ty) | ConstOp::StructNewDefault(ty) => {
                let id = inst.types[ty as usize];
                let Some(Layout::Struct { fields, size, .. }) = inner.types.layout(id) else {
                    return Err(Error::usage("struct.new of a non-struct type"));
                };
                let mut data = admit(&mut inner.heap, &mut limiter, *size as usize)?;
                if let ConstOp::StructNew(_) = op {
                    let vals = stack.split_off(stack.len().saturating_sub(fields.len()));
                    for (&(st, off), v) in fields.iter().zip(vals) {
                        crate::runtime::write(&mut data, off as usize, v, st.size() as usize);
                    }
                }
                u128::from(inner.heap.alloc(crate::runtime::Kind::Struct, id, 0, data))
            }
            ConstOp::ArrayNew(ty)
            | ConstOp::ArrayNewDefault(ty)
            | ConstOp::ArrayNewFixed(ty, _) => {
                let id = inst.types[ty as usize];
                let Some(&Layout::Array { elem }) = inner.types.layout(id) else {
                    return Err(Error::usage("array.new of a non-array type"));
                };
                let size = elem.size() as usize;
                // The elements: given (at most 10,000, by validation), or
                // `n` copies of one.
                let (fixed, n, init) = match *op {
                    ConstOp::ArrayNewFixed(_, n) => {
                        (stack.split_off(stack.len().saturating_sub(n as usize)), n, 0)
                    }
                    _ => {
                        let n = stack.pop().unwrap_or(0) as u32;
                        let init = match op {
                            ConstOp::ArrayNew(_) => stack.pop().unwrap_or(0),
                            _ => 0,
                        };
                        (Vec::new(), n, init)
                    }
                };
                let bytes = (n as usize).checked_mul(size).ok_or_else(too_large)?;
                let mut data = admit(&mut inner.heap, &mut limiter, bytes)?;
                if fixed.is_empty() {
                    let v = init.to_le_bytes();
                    crate::exec::ops::gc::fill(&mut data, &v[..size]);
                } else {
                    for (i, v) in fixed.iter().enumerate() {
                        crate::runtime::write(&mut data, i * size, *v, size);
                    }
                }
                u128::from(inner.heap.alloc(crate::runtime::Kind::Array, id, n, data))
            }
            bin => {
                let b = stack.pop().unwrap_or(0) as u64;
                let a = stack.pop().unwrap_or(0) as u64;
                match bin {
                    ConstOp::I32Add => (a as u32).wrapping_add(b as u32) as u64,
                    ConstOp::I32Sub => (a as u32).wrapping_sub(b as u32) as u64,
                    ConstOp::I32Mul => (a as u32).wrapping_mul(b as u32) as u64,
                    ConstOp::I64Add => a.wrapping_add(b),
                    ConstOp::I64Sub => a.wrapping_sub(b),
                    _ => a.wrapping_mul(b),
                }
                .into()
            }
        };
        stack.push(v);
    }
    Ok(stack.pop().unwrap_or(0))
}

/// The zeroed bytes of an object a constant expression allocates, admitted
/// as at run time by the heap's limit and the resource limiter (FINDINGS
/// #21); instantiation never collects.
fn admit(
    heap: &mut GcHeap,
    limiter: &mut Option<&mut dyn crate::limits::ResourceLimiter>,
    bytes: usize,
) -> Result<alloc::boxed::Box<[u8]>> {
    match heap.admit(bytes, crate::exec::ops::reborrow(limiter), false) {
        Admit::Go => crate::runtime::zeroed(bytes),
        _ => None,
    }
    .ok_or_else(|| Error::from(TrapCode::AllocationTooLarge))
}

pub(crate) fn instantiate<T>(
    store: &mut Store<T>,
    module: &Module,
    imports: &[Extern],
) -> Result<Instance> {
    let m = module.inner.clone();
    if imports.len() != m.imports.len() {
        return Err(Error::link(format!(
            "expected {} imports, got {}",
            m.imports.len(),
            imports.len()
        )));
    }
    // The module's types in the store's registry (kept if instantiation
    // fails: the next instantiation finds them there).
    let types = store.inner.types.intern_module(m.rec_groups.iter().map(|(s, g)| (*s, &g[..])))?;
    for (i, ext) in imports.iter().enumerate() {
        check_import(store, module, &types, i, ext)?;
    }
    let (inner, limiter) = store.split();
    if let Some(l) = limiter {
        let defined = |total: usize, imported: u32| total - imported as usize;
        if inner.instances.len() + 1 > l.instances()
            || inner.memories.len() + defined(m.memories.len(), m.num_imported_memories)
                > l.memories()
            || inner.tables.len() + defined(m.tables.len(), m.num_imported_tables) > l.tables()
        {
            return Err(Error::of(
                crate::error::ErrorKind::Resource,
                "instantiation exceeds the store's limit on instances, memories or tables",
            ));
        }
    }
    if m.code.iter().any(|c| c.simd) {
        store.inner.stack.simd = true;
    }
    let index = store.inner.instances.len() as u32;
    let mut inst = InstanceEntity {
        names: m.func_names.clone(),
        funcs: Vec::with_capacity(m.funcs.len()),
        tables: Vec::new(),
        memories: Vec::new(),
        globals: Vec::new(),
        tags: Vec::new(),
        types: types.clone(),
        elems: Vec::new(),
        datas: Vec::new(),
    };
    for ext in imports {
        match ext {
            Extern::Func(f) => inst.funcs.push(f.index),
            Extern::Table(t) => inst.tables.push(t.index),
            Extern::Memory(mm) => inst.memories.push(mm.index),
            Extern::Global(g) => inst.globals.push(g.index),
            Extern::Tag(t) => inst.tags.push(t.index),
        }
    }
    let canon = |t: ValType| t.map_concrete(|i| types[i as usize]);
    // The function type of module type `t`, by its canonical id.
    let func_type = |store: &Store<T>, t: u32| {
        let sig = types[t as usize];
        let ty = store.inner.types.func_type(sig).cloned();
        (sig, ty.unwrap_or_else(|| FuncType::from_types([], [])))
    };
    for code in &m.code {
        let (sig, ty) = func_type(store, m.funcs[code.index as usize]);
        let fidx = store.inner.funcs.len() as u32;
        store.inner.funcs.push(FuncEntity {
            sig,
            ty,
            kind: FuncKind::Wasm { instance: index, code: code.clone() },
        });
        inst.funcs.push(fidx);
    }
    for &t in &m.tags[m.num_imported_tags as usize..] {
        let (sig, ty) = func_type(store, t);
        inst.tags.push(store.inner.tags.len() as u32);
        store.inner.tags.push(crate::exec::TagEntity { sig, ty });
    }
    // Globals may refer to imported (and, with extended-const/GC, earlier) globals.
    for (i, init) in m.global_inits.iter().enumerate() {
        let mut ty = m.globals[m.num_imported_globals as usize + i];
        ty.content = canon(ty.content);
        let v = eval_const_wide(store, &inst, init)?;
        let (value, high) = (v as u64, (v >> 64) as u64);
        inst.globals.push(store.inner.globals.len() as u32);
        store.inner.globals.push(GlobalEntity { ty, value, high });
    }
    for (i, init) in m.table_inits.iter().enumerate() {
        let mut ty = m.tables[m.num_imported_tables as usize + i];
        ty.element = ty.element.map_concrete(|i| types[i as usize]);
        let v = match init {
            Some(e) => eval_const(store, &inst, e)?,
            None => 0,
        };
        let (inner, limiter) = store.split();
        inst.tables.push(inner.tables.len() as u32);
        inner.tables.push(TableEntity::new(ty, v, limiter)?);
    }
    for ty in &m.memories[m.num_imported_memories as usize..] {
        let (inner, limiter) = store.split();
        inst.memories.push(inner.memories.len() as u32);
        inner.memories.push(MemoryEntity::new(*ty, limiter)?);
    }
    for seg in &m.elems {
        let items: Vec<u64> = match seg.mode {
            ElemMode::Passive => {
                seg.items.iter().map(|e| eval_const(store, &inst, e)).collect::<Result<_>>()?
            }
            // Active and declared segments are dropped once instantiation uses them.
            _ => Vec::new(),
        };
        inst.elems.push(store.inner.elems.len() as u32);
        store.inner.elems.push(items.into_boxed_slice());
    }
    for seg in &m.datas {
        inst.datas.push(store.inner.datas.len() as u32);
        store.inner.datas.push(match seg.mode {
            DataMode::Passive => seg.bytes.clone(),
            DataMode::Active { .. } => alloc::sync::Arc::from(&[][..]),
        });
    }
    let mut exports = Vec::with_capacity(m.exports.len());
    for (name, kind, idx) in &m.exports {
        let i = *idx as usize;
        let id = store.inner.id;
        let ext = match kind {
            ExportKind::Func => Extern::Func(Func { store: id, index: inst.funcs[i] }),
            ExportKind::Table => Extern::Table(Table { store: id, index: inst.tables[i] }),
            ExportKind::Memory => Extern::Memory(Memory { store: id, index: inst.memories[i] }),
            ExportKind::Global => Extern::Global(Global { store: id, index: inst.globals[i] }),
            ExportKind::Tag => Extern::Tag(Tag { store: id, index: inst.tags[i] }),
        };
        exports.push((String::from(name.as_str()), ext));
    }
    // Active element segments, then data segments, in order; a failing one
    // traps, keeping what earlier segments wrote.
    let mut pending: Vec<(u32, u64, Vec<u64>)> = Vec::new();
    for seg in &m.elems {
        if let ElemMode::Active { table, offset } = &seg.mode {
            let off = eval_const(store, &inst, offset)?;
            let items =
                seg.items.iter().map(|e| eval_const(store, &inst, e)).collect::<Result<_>>()?;
            pending.push((inst.tables[*table as usize], off, items));
        }
    }
    let mut datas: Vec<(u32, u64, alloc::sync::Arc<[u8]>)> = Vec::new();
    for seg in &m.datas {
        if let DataMode::Active { mem, offset } = &seg.mode {
            let off = eval_const(store, &inst, offset)?;
            datas.push((inst.memories[*mem as usize], off, seg.bytes.clone()));
        }
    }
    let start = m.start.map(|s| inst.funcs[s as usize]);
    store.inner.instances.push(inst);
    store.exports.push(Exports::new(exports));
    let instance = Instance { store: store.inner.id, index };

    for (table, off, items) in pending {
        let t = &mut store.inner.tables[table as usize];
        let dst = usize::try_from(off)
            .ok()
            .and_then(|o| Some(o..o.checked_add(items.len())?))
            .and_then(|r| t.elems.get_mut(r))
            .ok_or_else(|| Error::from(TrapCode::TableOutOfBounds))?;
        dst.copy_from_slice(&items);
    }
    for (mem, off, bytes) in datas {
        let mm = &mut store.inner.memories[mem as usize];
        let off = if mm.ty.memory64 { off } else { off as u32 as u64 };
        let dst = usize::try_from(off)
            .ok()
            .and_then(|o| Some(o..o.checked_add(bytes.len())?))
            .and_then(|r| mm.data.get_mut(r))
            .ok_or_else(|| Error::from(TrapCode::MemoryOutOfBounds))?;
        dst.copy_from_slice(&bytes);
    }
    if let Some(start) = start {
        call_cells(store, start, &mut [])?;
    }
    Ok(instance)
}
