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

use super::gc::{FieldType, Layout, Storage};
use crate::error::{Error, Result};
use crate::types::{FuncType, HeapType, RefType, ValType, conv};

/// One canonical type.
struct TypeInfo {
    /// Its function type (with concrete heap types as canonical ids); empty
    /// for struct and array types.
    func: Option<FuncType>,
    /// A struct's or array's layout (`None` for a function type).
    layout: Option<Layout>,
    /// A struct's field types, an array's element type (one); empty for a
    /// function type.
    fields: alloc::boxed::Box<[FieldType]>,
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
            let key = subs
                .iter()
                .map(|s| remap_sub(s, |i| canon_or_rec(&ids, start, i)))
                .collect::<Result<Vec<_>>>()?;
            let first = self.intern_group(key)?;
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
        // (Its concrete heap types are canonical ids already: the key as is.)
        self.intern_group(alloc::vec![wp::SubType::func(wp::FuncType::new(params, results), false)])
    }

    fn wp_ref(&self, r: RefType) -> Result<wp::RefType> {
        let abs = |ty| wp::HeapType::Abstract { shared: false, ty };
        let heap = match r.heap {
            HeapType::Func => abs(wp::AbstractHeapType::Func),
            HeapType::Extern => abs(wp::AbstractHeapType::Extern),
            HeapType::NoFunc => abs(wp::AbstractHeapType::NoFunc),
            HeapType::NoExtern => abs(wp::AbstractHeapType::NoExtern),
            HeapType::Exn => abs(wp::AbstractHeapType::Exn),
            HeapType::NoExn => abs(wp::AbstractHeapType::NoExn),
            HeapType::Any => abs(wp::AbstractHeapType::Any),
            HeapType::Eq => abs(wp::AbstractHeapType::Eq),
            HeapType::I31 => abs(wp::AbstractHeapType::I31),
            HeapType::Struct => abs(wp::AbstractHeapType::Struct),
            HeapType::Array => abs(wp::AbstractHeapType::Array),
            HeapType::None => abs(wp::AbstractHeapType::None),
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

    /// Intern one rec group given by its key (references outside the group
    /// as canonical ids, inside it as group-relative indices); returns the
    /// id of its first type.
    fn intern_group(&mut self, key: Vec<wp::SubType>) -> Result<u32> {
        if let Some(&first) = self.groups.get(&key) {
            return Ok(first);
        }
        let first = self.types.len() as u32;
        if self.types.len() + key.len() > MAX_TYPES {
            return Err(Error::of(
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
            let layout = Layout::of(&s.composite_type.inner);
            let field = |f: &wp::FieldType| FieldType {
                ty: match f.element_type {
                    wp::StorageType::Val(v) => conv::val_with(v, &mut |p| resolve(p)),
                    wp::StorageType::I8 | wp::StorageType::I16 => ValType::I32,
                },
                storage: Storage::of(f.element_type),
                mutable: f.mutable,
            };
            let fields = match &s.composite_type.inner {
                wp::CompositeInnerType::Struct(st) => st.fields.iter().map(field).collect(),
                wp::CompositeInnerType::Array(a) => [field(&a.0)].into(),
                _ => Default::default(),
            };
            self.types.push(TypeInfo { func, layout, fields, depth, start });
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

    /// The layout of struct or array type `id`.
    #[inline]
    pub fn layout(&self, id: u32) -> Option<&Layout> {
        self.types.get(id as usize)?.layout.as_ref()
    }

    /// The field types of struct type `id` (the element type of array type
    /// `id`, alone; empty for a function type).
    pub fn fields(&self, id: u32) -> &[FieldType] {
        self.types.get(id as usize).map_or(&[], |t| &t.fields)
    }

    fn is_struct(&self, id: u32) -> bool {
        matches!(self.layout(id), Some(Layout::Struct { .. }))
    }

    fn is_array(&self, id: u32) -> bool {
        matches!(self.layout(id), Some(Layout::Array { .. }))
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
            (H::NoFunc, H::Func) | (H::NoExtern, H::Extern) | (H::NoExn, H::Exn) => true,
            // The `any` hierarchy: none <: i31, struct, array <: eq <: any,
            // a concrete struct (array) type below struct (array).
            (H::None, H::Any | H::Eq | H::I31 | H::Struct | H::Array) => true,
            (H::I31 | H::Struct | H::Array, H::Eq | H::Any) | (H::Eq, H::Any) => true,
            (H::None, H::Concrete(b)) => self.func_type(b).is_none(),
            (H::Concrete(a), H::Eq | H::Any) => self.func_type(a).is_none(),
            (H::Concrete(a), H::Struct) => self.is_struct(a),
            (H::Concrete(a), H::Array) => self.is_array(a),
            _ => a == b,
        }
    }
}

/// A canonical id as a wasmparser index (the "module" kind).
fn packed(id: u32) -> Result<wp::PackedIndex> {
    wp::PackedIndex::from_module_index(id)
        .ok_or_else(|| Error::of(crate::error::ErrorKind::Resource, "too many types in one store"))
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

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn sub(params: Vec<wp::ValType>, sup: Option<u32>, is_final: bool) -> wp::SubType {
        let mut s = wp::SubType::func(wp::FuncType::new(params, []), false);
        s.is_final = is_final;
        s.supertype_idxs = sup.into_iter().filter_map(wp::PackedIndex::from_module_index).collect();
        s
    }

    fn ref_to(i: u32) -> wp::ValType {
        wp::ValType::Ref(wp::RefType::concrete(
            true,
            wp::PackedIndex::from_module_index(i).unwrap(),
        ))
    }

    #[test]
    fn equal_groups_get_equal_ids_through_references() {
        let mut r = TypeRegistry::default();
        // Module A: 0 = (func), 1 = (func (param (ref null 0))).
        let a0 = [sub(vec![], None, true)];
        let a1 = [sub(vec![ref_to(0)], None, true)];
        let a = r.intern_module([(0, &a0[..]), (1, &a1[..])]).unwrap();
        // Module B: 0 = (func (param i32)), 1 = (func), 2 = (func (param (ref null 1))),
        // 3 = (func (param (ref null 0))).
        let b0 = [sub(vec![wp::ValType::I32], None, true)];
        let b1 = [sub(vec![ref_to(1)], None, true)];
        let b3 = [sub(vec![ref_to(0)], None, true)];
        let b = r.intern_module([(0, &b0[..]), (1, &a0[..]), (2, &b1[..]), (3, &b3[..])]).unwrap();
        assert_eq!(a, [0, 1]);
        assert_eq!(b, [2, 0, 1, 3]);
        // A host type naming canonical id 0 is A's type 1.
        let host = FuncType::from_types(
            [ValType::Ref(RefType { nullable: true, heap: HeapType::Concrete(0) })],
            [],
        );
        assert_eq!(r.intern_func(&host).unwrap(), 1);
        assert_eq!(r.func_type(1), Some(&host));
        // A concrete type that is not in the registry is refused.
        let bad = FuncType::from_types(
            [ValType::Ref(RefType { nullable: true, heap: HeapType::Concrete(99) })],
            [],
        );
        assert!(r.intern_func(&bad).is_err());
    }

    #[test]
    fn rec_groups_are_equal_only_as_a_whole() {
        let mut r = TypeRegistry::default();
        // A group of two types that refer to each other, and the same
        // first type alone.
        let rec = |i| {
            wp::ValType::Ref(wp::RefType::concrete(
                true,
                wp::PackedIndex::from_module_index(i).unwrap(),
            ))
        };
        let pair = [sub(vec![rec(1)], None, true), sub(vec![rec(0)], None, true)];
        let x = r.intern_module([(0, &pair[..])]).unwrap();
        // The same group at other indices is the same group.
        let lone = [sub(vec![], None, true)];
        let pair_at_1 = [sub(vec![rec(2)], None, true), sub(vec![rec(1)], None, true)];
        let y = r.intern_module([(0, &lone[..]), (1, &pair_at_1[..])]).unwrap();
        assert_eq!(x, [0, 1]);
        assert_eq!(y, [2, 0, 1]);
        // A group whose members refer the other way round differs.
        let swapped = [sub(vec![rec(0)], None, true), sub(vec![rec(1)], None, true)];
        let z = r.intern_module([(0, &swapped[..])]).unwrap();
        assert_eq!(z, [3, 4]);
    }

    #[test]
    fn subtypes_are_found_through_the_display() {
        let mut r = TypeRegistry::default();
        // 0 <- 1 <- 2, and 3 <- nothing; 4 <- 0.
        let groups = [
            [sub(vec![], None, false)],
            [sub(vec![], Some(0), false)],
            [sub(vec![], Some(1), true)],
            [sub(vec![wp::ValType::I64], None, true)],
            [sub(vec![wp::ValType::I32], Some(0), true)],
        ];
        let ids =
            r.intern_module(groups.iter().enumerate().map(|(i, g)| (i as u32, &g[..]))).unwrap();
        assert_eq!(ids, [0, 1, 2, 3, 4]);
        for (a, b, want) in [
            (2, 0, true),
            (2, 1, true),
            (1, 0, true),
            (0, 1, false),
            (4, 0, true),
            (4, 1, false),
            (2, 4, false),
            (3, 0, false),
            (3, 3, true),
            (u32::MAX, 0, false),
        ] {
            assert_eq!(r.is_subtype(a, b), want, "{a} <: {b}");
        }
        let f = |id, nullable| ValType::Ref(RefType { nullable, heap: HeapType::Concrete(id) });
        assert!(r.val_subtype(f(2, false), f(0, true)));
        assert!(!r.val_subtype(f(2, true), f(0, false)));
        assert!(r.val_subtype(f(2, false), ValType::FUNCREF));
        assert!(!r.val_subtype(ValType::FUNCREF, f(2, true)));
        let nofunc = ValType::Ref(RefType { nullable: true, heap: HeapType::NoFunc });
        assert!(r.val_subtype(nofunc, f(3, true)));
        assert!(!r.val_subtype(ValType::EXTERNREF, ValType::FUNCREF));
    }
}
