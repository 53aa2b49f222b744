//! The store's registry of canonical types (typed function references, and
//! the base the GC proposal builds on).
//!
//! Every module's types are interned here when it is instantiated: a rec
//! group is the unit of equality (iso-recursive types), so two modules
//! declaring the same group get the same ids, and an import, a
//! `call_indirect` or a cast compares ids. A group's key is its sub types
//! with each reference to a type outside the group replaced by that type's
//! canonical id (stored as a wasmparser "module" index) and each reference
//! inside it by the group-relative index.
//!
//! Each canonical type has a supertype display: the ids of its supertype
//! chain from the root down to itself, so `a <: b` is one compare
//! (`supers[start(a) + depth(b)] == b`).

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use wasmparser as wp;

use crate::error::{Error, Result};
use crate::types::{FuncType, HeapType, RefType, ValType, conv};

/// One canonical type.
struct TypeInfo {
    /// Its function type (with concrete heap types as canonical ids); empty
    /// for struct and array types.
    func: Option<FuncType>,
    /// The length of its supertype chain (0 for a type without a supertype).
    depth: u32,
    /// Where its display starts in [`TypeRegistry::supers`].
    start: u32,
}

/// The canonical types of a store; see the module docs.
#[derive(Default)]
pub(crate) struct TypeRegistry {
    groups: BTreeMap<Vec<wp::SubType>, u32>,
    types: Vec<TypeInfo>,
    supers: Vec<u32>,
}

/// The most types a store holds (wasmparser's packed indices have 20 bits).
const MAX_TYPES: usize = 1 << 20;

impl TypeRegistry {
    /// Intern a module's rec groups (`(first type index, its sub types)`, in
    /// order); returns the canonical id of each module type index.
    pub fn intern_module<'a>(
        &mut self,
        groups: impl IntoIterator<Item = (u32, &'a [wp::SubType])>,
    ) -> Result<Vec<u32>> {
        let mut ids: Vec<u32> = Vec::new();
        for (start, subs) in groups {
            debug_assert_eq!(start as usize, ids.len());
            let first = self.intern_group(&ids, start, subs)?;
            ids.extend(first..first + subs.len() as u32);
        }
        Ok(ids)
    }

    /// The canonical id of a host function type: a final type without a
    /// supertype, in a group of its own. Its concrete heap types must be
    /// canonical ids of this store.
    pub fn intern_func(&mut self, ty: &FuncType) -> Result<u32> {
        let mut sub = |t: &ValType| -> Result<wp::ValType> {
            Ok(match *t {
                ValType::I32 => wp::ValType::I32,
                ValType::I64 => wp::ValType::I64,
                ValType::F32 => wp::ValType::F32,
                ValType::F64 => wp::ValType::F64,
                ValType::V128 => wp::ValType::V128,
                ValType::Ref(r) => wp::ValType::Ref(self.wp_ref(r)?),
            })
        };
        let params = ty.params().iter().map(&mut sub).collect::<Result<Vec<_>>>()?;
        let results = ty.results().iter().map(&mut sub).collect::<Result<Vec<_>>>()?;
        let group = [wp::SubType::func(wp::FuncType::new(params, results), false)];
        self.intern_group(&[], 0, &group)
    }

    fn wp_ref(&self, r: RefType) -> Result<wp::RefType> {
        let abs = |ty| wp::HeapType::Abstract { shared: false, ty };
        let heap = match r.heap {
            HeapType::Func => abs(wp::AbstractHeapType::Func),
            HeapType::Extern => abs(wp::AbstractHeapType::Extern),
            HeapType::NoFunc => abs(wp::AbstractHeapType::NoFunc),
            HeapType::NoExtern => abs(wp::AbstractHeapType::NoExtern),
            HeapType::Concrete(id) => {
                if id as usize >= self.types.len() {
                    return Err(Error::usage(
                        "a concrete type that is not in the store's registry",
                    ));
                }
                wp::HeapType::Concrete(packed(id)?.unpack())
            }
        };
        wp::RefType::new(r.nullable, heap).ok_or_else(|| Error::usage("unsupported reference type"))
    }

    /// Intern one rec group whose first type has module index `start`;
    /// `ids` are the canonical ids of the module's earlier types.
    fn intern_group(&mut self, ids: &[u32], start: u32, subs: &[wp::SubType]) -> Result<u32> {
        let key = subs
            .iter()
            .map(|s| remap_sub(s, |i| canon_or_rec(ids, start, i)))
            .collect::<Result<Vec<_>>>()?;
        if let Some(&first) = self.groups.get(&key) {
            return Ok(first);
        }
        let first = self.types.len() as u32;
        if self.types.len() + subs.len() > MAX_TYPES {
            return Err(Error::new(
                crate::error::ErrorKind::Resource,
                "too many distinct types in one store",
            ));
        }
        // Resolve group-relative references to the ids the group gets now.
        let resolve = |p: wp::UnpackedIndex| match p {
            wp::UnpackedIndex::RecGroup(r) => first + r,
            other => other.as_module_index().unwrap_or(0),
        };
        for s in &key {
            let func = match &s.composite_type.inner {
                wp::CompositeInnerType::Func(f) => Some(conv::func_with(f, &mut |p| resolve(p))),
                _ => None,
            };
            let (depth, start) = match s.supertype_idxs.first() {
                Some(p) => {
                    let sup = &self.types[resolve(p.unpack()) as usize];
                    let (d, s) = (sup.depth as usize, sup.start as usize);
                    let start = self.supers.len();
                    self.supers.extend_from_within(s..s + d + 1);
                    (d as u32 + 1, start as u32)
                }
                None => (0, self.supers.len() as u32),
            };
            self.supers.push(self.types.len() as u32);
            self.types.push(TypeInfo { func, depth, start });
        }
        self.groups.insert(key, first);
        Ok(first)
    }

    /// Whether canonical type `a` is `b` or declares it as a supertype
    /// (directly or not).
    #[inline]
    pub fn is_subtype(&self, a: u32, b: u32) -> bool {
        if a == b {
            return true;
        }
        let (Some(ta), Some(tb)) = (self.types.get(a as usize), self.types.get(b as usize)) else {
            return false;
        };
        tb.depth <= ta.depth && self.supers[(ta.start + tb.depth) as usize] == b
    }

    /// The function type of canonical type `id` (concrete heap types in it
    /// are canonical ids).
    pub fn func_type(&self, id: u32) -> Option<&FuncType> {
        self.types.get(id as usize)?.func.as_ref()
    }

    /// Whether a value of type `a` is one of type `b`; both canonical
    /// (concrete heap types are canonical ids).
    pub fn val_subtype(&self, a: ValType, b: ValType) -> bool {
        match (a, b) {
            (ValType::Ref(a), ValType::Ref(b)) => {
                (b.nullable || !a.nullable) && self.heap_subtype(a.heap, b.heap)
            }
            _ => a == b,
        }
    }

    /// Heap type subtyping (canonical).
    pub fn heap_subtype(&self, a: HeapType, b: HeapType) -> bool {
        use HeapType as H;
        match (a, b) {
            (H::Concrete(a), H::Concrete(b)) => self.is_subtype(a, b),
            (H::Concrete(a), H::Func) => self.func_type(a).is_some(),
            (H::NoFunc, H::Concrete(b)) => self.func_type(b).is_some(),
            (H::NoFunc, H::Func) | (H::NoExtern, H::Extern) => true,
            _ => a == b,
        }
    }
}

/// A canonical id as a wasmparser index (the "module" kind).
fn packed(id: u32) -> Result<wp::PackedIndex> {
    wp::PackedIndex::from_module_index(id)
        .ok_or_else(|| Error::new(crate::error::ErrorKind::Resource, "too many types in one store"))
}

/// A module type index in the key of a group starting at `start`.
fn canon_or_rec(ids: &[u32], start: u32, i: u32) -> Result<wp::PackedIndex> {
    if i >= start {
        return wp::PackedIndex::from_rec_group_index(i - start)
            .ok_or_else(|| Error::usage("rec group too large"));
    }
    packed(ids[i as usize])
}

/// A type-index rewrite: see [`remap_sub`].
type Remap<'a> = dyn FnMut(wp::PackedIndex) -> Result<wp::PackedIndex> + 'a;

/// `s` with each concrete type index (a module index) replaced by `f`'s.
fn remap_sub(
    s: &wp::SubType,
    mut f: impl FnMut(u32) -> Result<wp::PackedIndex>,
) -> Result<wp::SubType> {
    let idx = &mut |p: wp::PackedIndex| match p.as_module_index() {
        Some(i) => f(i),
        None => Ok(p),
    };
    let inner = match &s.composite_type.inner {
        wp::CompositeInnerType::Func(ft) => {
            let params =
                ft.params().iter().map(|v| remap_val(*v, idx)).collect::<Result<Vec<_>>>()?;
            let results =
                ft.results().iter().map(|v| remap_val(*v, idx)).collect::<Result<Vec<_>>>()?;
            wp::CompositeInnerType::Func(wp::FuncType::new(params, results))
        }
        wp::CompositeInnerType::Array(a) => {
            wp::CompositeInnerType::Array(wp::ArrayType(remap_field(a.0, idx)?))
        }
        wp::CompositeInnerType::Struct(st) => wp::CompositeInnerType::Struct(wp::StructType {
            fields: st.fields.iter().map(|t| remap_field(*t, idx)).collect::<Result<_>>()?,
        }),
        wp::CompositeInnerType::Cont(c) => wp::CompositeInnerType::Cont(wp::ContType(idx(c.0)?)),
    };
    let opt = |p: Option<wp::PackedIndex>, idx: &mut Remap<'_>| p.map(idx).transpose();
    Ok(wp::SubType {
        is_final: s.is_final,
        supertype_idxs: s.supertype_idxs.iter().map(|p| idx(*p)).collect::<Result<_>>()?,
        composite_type: wp::CompositeType {
            inner,
            shared: s.composite_type.shared,
            descriptor_idx: opt(s.composite_type.descriptor_idx, idx)?,
            describes_idx: opt(s.composite_type.describes_idx, idx)?,
        },
    })
}

fn remap_val(v: wp::ValType, idx: &mut Remap<'_>) -> Result<wp::ValType> {
    Ok(match v {
        wp::ValType::Ref(r) => match r.heap_type() {
            wp::HeapType::Concrete(p) | wp::HeapType::Exact(p) => {
                let p = p.pack().ok_or_else(|| Error::usage("type index out of range"))?;
                wp::ValType::Ref(wp::RefType::concrete(r.is_nullable(), idx(p)?))
            }
            _ => v,
        },
        v => v,
    })
}

fn remap_field(t: wp::FieldType, idx: &mut Remap<'_>) -> Result<wp::FieldType> {
    Ok(wp::FieldType {
        element_type: match t.element_type {
            wp::StorageType::Val(v) => wp::StorageType::Val(remap_val(v, idx)?),
            packed => packed,
        },
        mutable: t.mutable,
    })
}
