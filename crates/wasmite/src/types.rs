//! The types of values, references, functions and the other kinds of externs,
//! in the shape the later proposals (typed function references, GC) extend:
//! a reference type is a nullability plus a heap type.

use alloc::sync::Arc;
use core::fmt;

/// The type of a WebAssembly value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ValType {
    /// 32-bit integer.
    I32,
    /// 64-bit integer.
    I64,
    /// 32-bit IEEE 754 float.
    F32,
    /// 64-bit IEEE 754 float.
    F64,
    /// 128-bit vector.
    V128,
    /// A reference.
    Ref(RefType),
}

impl ValType {
    /// `funcref`, the nullable function reference.
    pub const FUNCREF: ValType = ValType::Ref(RefType::FUNCREF);
    /// `externref`, the nullable external reference.
    pub const EXTERNREF: ValType = ValType::Ref(RefType::EXTERNREF);

    /// Whether this is a reference type.
    pub fn is_ref(&self) -> bool {
        matches!(self, ValType::Ref(_))
    }

    /// This type with each concrete heap type's index `i` replaced by `f(i)`
    /// (a module's type index by the store's canonical id).
    pub(crate) fn map_concrete(self, f: impl Fn(u32) -> u32) -> ValType {
        match self {
            ValType::Ref(r) => ValType::Ref(r.map_concrete(f)),
            v => v,
        }
    }
}

impl fmt::Display for ValType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValType::I32 => f.write_str("i32"),
            ValType::I64 => f.write_str("i64"),
            ValType::F32 => f.write_str("f32"),
            ValType::F64 => f.write_str("f64"),
            ValType::V128 => f.write_str("v128"),
            ValType::Ref(r) => write!(f, "{r}"),
        }
    }
}

/// A reference type: a heap type and whether `null` is a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RefType {
    /// Whether the null reference is a value of this type.
    pub nullable: bool,
    /// What the reference points to.
    pub heap: HeapType,
}

impl RefType {
    /// `funcref`.
    pub const FUNCREF: RefType = RefType { nullable: true, heap: HeapType::Func };
    /// `externref`.
    pub const EXTERNREF: RefType = RefType { nullable: true, heap: HeapType::Extern };

    /// See [`ValType::map_concrete`].
    pub(crate) fn map_concrete(self, f: impl Fn(u32) -> u32) -> RefType {
        match self.heap {
            HeapType::Concrete(i) => RefType { heap: HeapType::Concrete(f(i)), ..self },
            _ => self,
        }
    }
}

impl fmt::Display for RefType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.nullable, self.heap) {
            (true, HeapType::Func) => f.write_str("funcref"),
            (true, HeapType::Extern) => f.write_str("externref"),
            (true, HeapType::Exn) => f.write_str("exnref"),
            (n, h) => write!(f, "(ref {}{h})", if n { "null " } else { "" }),
        }
    }
}

impl fmt::Display for HeapType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeapType::Func => f.write_str("func"),
            HeapType::Extern => f.write_str("extern"),
            HeapType::NoFunc => f.write_str("nofunc"),
            HeapType::NoExtern => f.write_str("noextern"),
            HeapType::Exn => f.write_str("exn"),
            HeapType::NoExn => f.write_str("noexn"),
            HeapType::Any => f.write_str("any"),
            HeapType::Eq => f.write_str("eq"),
            HeapType::I31 => f.write_str("i31"),
            HeapType::Struct => f.write_str("struct"),
            HeapType::Array => f.write_str("array"),
            HeapType::None => f.write_str("none"),
            HeapType::Concrete(i) => write!(f, "{i}"),
        }
    }
}

/// What a reference points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum HeapType {
    /// Any function.
    Func,
    /// Any host (external) value.
    Extern,
    /// The bottom of the function hierarchy (only null).
    NoFunc,
    /// The bottom of the extern hierarchy (only null).
    NoExtern,
    /// Any exception (exception handling).
    Exn,
    /// The bottom of the exception hierarchy (only null).
    NoExn,
    /// Any internal reference (GC): the top of the `any` hierarchy.
    Any,
    /// A reference that `ref.eq` can compare (GC).
    Eq,
    /// An unboxed 31-bit integer (GC).
    I31,
    /// Any struct (GC).
    Struct,
    /// Any array (GC).
    Array,
    /// The bottom of the `any` hierarchy (only null).
    None,
    /// A function of the given type (typed function references). In a
    /// [`Module`](crate::Module)'s import and export types the number is
    /// the module's type index; in the types of store objects
    /// ([`Func::ty`](crate::Func::ty), [`Table::ty`](crate::Table::ty),
    /// [`Global::ty`](crate::Global::ty)) and of host functions it is the
    /// store's canonical type id, the same for equal types of any module.
    Concrete(u32),
}

/// The type of a function: parameters and results.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FuncType {
    params_results: Arc<[ValType]>,
    num_params: usize,
    /// Some parameter or result is a `v128` (it takes two cells at the
    /// API boundary).
    wide: bool,
}

impl FuncType {
    /// A function type with these parameters and results (the public
    /// constructor is [`FuncType::new`], which takes an engine as
    /// wasmtime's does).
    pub(crate) fn from_types(
        params: impl IntoIterator<Item = ValType>,
        results: impl IntoIterator<Item = ValType>,
    ) -> Self {
        let mut v: alloc::vec::Vec<ValType> = params.into_iter().collect();
        let num_params = v.len();
        v.extend(results);
        let wide = v.contains(&ValType::V128);
        FuncType { params_results: v.into(), num_params, wide }
    }
    /// Whether a parameter or result is a `v128`.
    #[inline]
    pub(crate) fn has_v128(&self) -> bool {
        self.wide
    }
    /// The parameter types.
    pub fn params(&self) -> &[ValType] {
        &self.params_results[..self.num_params]
    }
    /// The result types.
    pub fn results(&self) -> &[ValType] {
        &self.params_results[self.num_params..]
    }
}

/// Cells that values of `types` take at the API boundary: one each, two
/// for a `v128` (low half first).
pub(crate) fn cell_count(types: &[ValType]) -> usize {
    types.len() + types.iter().filter(|t| **t == ValType::V128).count()
}

impl fmt::Debug for FuncType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}

impl fmt::Display for FuncType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(func")?;
        if !self.params().is_empty() {
            f.write_str(" (param")?;
            for p in self.params() {
                write!(f, " {p}")?;
            }
            f.write_str(")")?;
        }
        if !self.results().is_empty() {
            f.write_str(" (result")?;
            for r in self.results() {
                write!(f, " {r}")?;
            }
            f.write_str(")")?;
        }
        f.write_str(")")
    }
}

/// Whether a global can be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mutability {
    /// Immutable (`const`).
    Const,
    /// Mutable (`var`).
    Var,
}

/// The type of a global.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GlobalType {
    /// Type of the value.
    pub content: ValType,
    /// Whether it can be written.
    pub mutability: Mutability,
}

impl GlobalType {
    /// A global type.
    pub fn new(content: ValType, mutability: Mutability) -> Self {
        GlobalType { content, mutability }
    }
}

/// The type of a linear memory: limits in pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MemoryType {
    /// Minimum (initial) size in pages.
    pub minimum: u64,
    /// Maximum size in pages, if bounded.
    pub maximum: Option<u64>,
    /// Whether addresses are 64-bit (memory64).
    pub memory64: bool,
    /// Whether the memory is shared (threads).
    pub shared: bool,
    /// log2 of the page size (16 for 64 KiB pages).
    pub page_size_log2: u8,
}

impl MemoryType {
    /// A 32-bit memory with 64 KiB pages.
    pub fn new(minimum: u32, maximum: Option<u32>) -> Self {
        MemoryType {
            minimum: minimum.into(),
            maximum: maximum.map(Into::into),
            memory64: false,
            shared: false,
            page_size_log2: 16,
        }
    }
    /// A 64-bit memory (memory64) with 64 KiB pages.
    pub fn new64(minimum: u64, maximum: Option<u64>) -> Self {
        MemoryType { minimum, maximum, memory64: true, shared: false, page_size_log2: 16 }
    }
    /// Whether addresses are 64-bit (memory64).
    pub fn is_64(&self) -> bool {
        self.memory64
    }
    /// Whether the memory is shared between threads.
    pub fn is_shared(&self) -> bool {
        self.shared
    }
    /// Minimum (initial) size in pages.
    pub fn minimum(&self) -> u64 {
        self.minimum
    }
    /// Maximum size in pages, if bounded.
    pub fn maximum(&self) -> Option<u64> {
        self.maximum
    }
    /// log2 of the page size: 16 (64 KiB pages) unless the custom-page-sizes
    /// proposal says 0 (1-byte pages).
    pub fn page_size_log2(&self) -> u8 {
        self.page_size_log2
    }
    /// The page size in bytes.
    pub fn page_size(&self) -> u64 {
        1 << self.page_size_log2
    }
    /// The largest number of pages the address space allows (2^64 pages
    /// of a memory64 with 1-byte pages saturate to `u64::MAX`).
    pub(crate) fn absolute_max_pages(&self) -> u64 {
        let bits = if self.memory64 { 64 } else { 32 };
        1u64.checked_shl(bits - u32::from(self.page_size_log2)).unwrap_or(u64::MAX)
    }
}

/// The type of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TableType {
    /// Element type.
    pub element: RefType,
    /// Minimum (initial) number of elements.
    pub minimum: u64,
    /// Maximum number of elements, if bounded.
    pub maximum: Option<u64>,
    /// Whether indices are 64-bit (memory64's table64).
    pub table64: bool,
}

impl TableType {
    /// A 32-bit table.
    pub fn new(element: RefType, minimum: u32, maximum: Option<u32>) -> Self {
        TableType {
            element,
            minimum: minimum.into(),
            maximum: maximum.map(Into::into),
            table64: false,
        }
    }
    /// A table with 64-bit indices (memory64's table64).
    pub fn new64(element: RefType, minimum: u64, maximum: Option<u64>) -> Self {
        TableType { element, minimum, maximum, table64: true }
    }
    /// Whether indices are 64-bit.
    pub fn is_64(&self) -> bool {
        self.table64
    }
    /// The element type.
    pub fn element(&self) -> &RefType {
        &self.element
    }
    /// Minimum (initial) number of elements.
    pub fn minimum(&self) -> u64 {
        self.minimum
    }
    /// Maximum number of elements, if bounded.
    pub fn maximum(&self) -> Option<u64> {
        self.maximum
    }
}

/// Builds a [`MemoryType`] field by field, as wasmtime's `MemoryTypeBuilder`:
/// `MemoryTypeBuilder::new().min(1).memory64(true).build()?`.
#[derive(Clone, Copy, Debug)]
pub struct MemoryTypeBuilder {
    ty: MemoryType,
}

impl Default for MemoryTypeBuilder {
    fn default() -> Self {
        MemoryTypeBuilder { ty: MemoryType::new(0, None) }
    }
}

impl MemoryTypeBuilder {
    /// A builder for a 32-bit, unshared memory of 0 pages of 64 KiB.
    pub fn new() -> Self {
        Self::default()
    }
    /// The minimum size in pages.
    pub fn min(&mut self, minimum: u64) -> &mut Self {
        self.ty.minimum = minimum;
        self
    }
    /// The maximum size in pages.
    pub fn max(&mut self, maximum: Option<u64>) -> &mut Self {
        self.ty.maximum = maximum;
        self
    }
    /// 64-bit addresses (memory64).
    pub fn memory64(&mut self, enable: bool) -> &mut Self {
        self.ty.memory64 = enable;
        self
    }
    /// log2 of the page size: 16 (the default) or 0.
    pub fn page_size_log2(&mut self, log2: u8) -> &mut Self {
        self.ty.page_size_log2 = log2;
        self
    }
    /// The memory type, if its limits are possible: minimum at most maximum,
    /// both within the address space, and a page size of 1 or 64 KiB.
    ///
    /// # Errors
    /// A usage error saying which rule the type breaks.
    pub fn build(&self) -> crate::error::Result<MemoryType> {
        let ty = self.ty;
        let usage = crate::error::Error::usage;
        if ty.page_size_log2 != 0 && ty.page_size_log2 != 16 {
            return Err(usage("page size must be 1 byte or 64 KiB"));
        }
        let abs = ty.absolute_max_pages();
        if ty.minimum > abs || ty.maximum.is_some_and(|m| m > abs) {
            return Err(usage("memory size exceeds the address space"));
        }
        if ty.maximum.is_some_and(|m| m < ty.minimum) {
            return Err(usage("memory maximum is below its minimum"));
        }
        Ok(ty)
    }
}

/// The type of an extern (import or export).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExternType {
    /// A function.
    Func(FuncType),
    /// A table.
    Table(TableType),
    /// A linear memory.
    Memory(MemoryType),
    /// A global.
    Global(GlobalType),
    /// An exception tag.
    Tag(TagType),
}

macro_rules! extern_type_accessors {
    ($($variant:ident: $t:ty, $get:ident, $unwrap:ident;)*) => {
        impl ExternType {
            $(
                #[doc = concat!("The ", stringify!($t), ", if this is a `", stringify!($variant), "`.")]
                pub fn $get(&self) -> Option<&$t> {
                    match self {
                        ExternType::$variant(t) => Some(t),
                        _ => None,
                    }
                }
                #[doc = concat!("The ", stringify!($t), ".\n\n# Panics\nIf this is not a `", stringify!($variant), "`.")]
                pub fn $unwrap(&self) -> &$t {
                    self.$get().unwrap_or_else(|| panic!(concat!("expected a ", stringify!($variant), " type, found {:?}"), self))
                }
            )*
        }
    };
}

extern_type_accessors! {
    Func: FuncType, func, unwrap_func;
    Table: TableType, table, unwrap_table;
    Memory: MemoryType, memory, unwrap_memory;
    Global: GlobalType, global, unwrap_global;
    Tag: TagType, tag, unwrap_tag;
}

/// The type of an exception tag: the types of the values an exception of
/// the tag carries, as the parameters of a function type without results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagType {
    ty: FuncType,
}

impl TagType {
    /// The tag type whose payload is `ty`'s parameters.
    pub fn new(ty: FuncType) -> Self {
        TagType { ty }
    }
    /// The function type the tag was declared with.
    pub fn ty(&self) -> &FuncType {
        &self.ty
    }
}

impl fmt::Display for TagType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.ty.fmt(f)
    }
}

/// Convert wasmparser types to ours (the crate's only dependency on wasmparser's type model).
pub(crate) mod conv {
    use super::*;
    use wasmparser as wp;

    /// How a concrete heap type's index is read: as a module index, or by
    /// the type registry (which resolves rec-group-relative indices).
    pub(crate) type Resolve<'a> = dyn FnMut(wp::UnpackedIndex) -> u32 + 'a;

    fn module_index(p: wp::UnpackedIndex) -> u32 {
        p.as_module_index().unwrap_or(0)
    }

    pub(crate) fn val(t: wp::ValType) -> ValType {
        val_with(t, &mut module_index)
    }

    pub(crate) fn val_with(t: wp::ValType, res: &mut Resolve<'_>) -> ValType {
        match t {
            wp::ValType::I32 => ValType::I32,
            wp::ValType::I64 => ValType::I64,
            wp::ValType::F32 => ValType::F32,
            wp::ValType::F64 => ValType::F64,
            wp::ValType::V128 => ValType::V128,
            wp::ValType::Ref(r) => ValType::Ref(reft_with(r, res)),
        }
    }

    pub(crate) fn reft(r: wp::RefType) -> RefType {
        reft_with(r, &mut module_index)
    }

    fn reft_with(r: wp::RefType, res: &mut Resolve<'_>) -> RefType {
        let heap = match r.heap_type() {
            wp::HeapType::Abstract { ty: wp::AbstractHeapType::Func, .. } => HeapType::Func,
            wp::HeapType::Abstract { ty: wp::AbstractHeapType::Extern, .. } => HeapType::Extern,
            wp::HeapType::Abstract { ty: wp::AbstractHeapType::NoFunc, .. } => HeapType::NoFunc,
            wp::HeapType::Abstract { ty: wp::AbstractHeapType::NoExtern, .. } => HeapType::NoExtern,
            wp::HeapType::Abstract { ty: wp::AbstractHeapType::Exn, .. } => HeapType::Exn,
            wp::HeapType::Abstract { ty: wp::AbstractHeapType::NoExn, .. } => HeapType::NoExn,
            wp::HeapType::Abstract { ty: wp::AbstractHeapType::Any, .. } => HeapType::Any,
            wp::HeapType::Abstract { ty: wp::AbstractHeapType::Eq, .. } => HeapType::Eq,
            wp::HeapType::Abstract { ty: wp::AbstractHeapType::I31, .. } => HeapType::I31,
            wp::HeapType::Abstract { ty: wp::AbstractHeapType::Struct, .. } => HeapType::Struct,
            wp::HeapType::Abstract { ty: wp::AbstractHeapType::Array, .. } => HeapType::Array,
            wp::HeapType::Abstract { ty: wp::AbstractHeapType::None, .. } => HeapType::None,
            wp::HeapType::Concrete(i) | wp::HeapType::Exact(i) => HeapType::Concrete(res(i)),
            _ => HeapType::Extern,
        };
        RefType { nullable: r.is_nullable(), heap }
    }

    pub(crate) fn func(f: &wp::FuncType) -> FuncType {
        func_with(f, &mut module_index)
    }

    pub(crate) fn func_with(f: &wp::FuncType, res: &mut Resolve<'_>) -> FuncType {
        let params: alloc::vec::Vec<ValType> =
            f.params().iter().map(|t| val_with(*t, res)).collect();
        let results: alloc::vec::Vec<ValType> =
            f.results().iter().map(|t| val_with(*t, res)).collect();
        FuncType::from_types(params, results)
    }

    pub(crate) fn global(g: wp::GlobalType) -> GlobalType {
        GlobalType {
            content: val(g.content_type),
            mutability: if g.mutable { Mutability::Var } else { Mutability::Const },
        }
    }

    pub(crate) fn memory(m: wp::MemoryType) -> MemoryType {
        MemoryType {
            minimum: m.initial,
            maximum: m.maximum,
            memory64: m.memory64,
            shared: m.shared,
            page_size_log2: m.page_size_log2.map(|p| p as u8).unwrap_or(16),
        }
    }

    pub(crate) fn table(t: wp::TableType) -> TableType {
        TableType {
            element: reft(t.element_type),
            minimum: t.initial,
            maximum: t.maximum,
            table64: t.table64,
        }
    }
}
