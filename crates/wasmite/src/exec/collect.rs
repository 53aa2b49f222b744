//! Collecting the store's GC heap (`runtime/gc.rs`) from the executor's
//! roots. Out of line: code that allocates nothing never comes here.

use super::machine::StoreInner;
use crate::types::{HeapType, ValType};

/// Collect the store's garbage. The roots: the live value stack (every
/// frame, host calls' arguments and nested runs included), scanned
/// conservatively (a cell that is a live handle keeps its object); the
/// globals, tables and element segments; the pending exception; the host's
/// roots (the heap's LIFO and owned root lists, which `GcHeap::collect`
/// adds itself: see `runtime/gc.rs`); and `extra` (values being moved into
/// a new object). Called when Wasm code allocates, when the host allocates
/// (`ExternRef::new`, `ExnRef::new`), and by `Store::gc`. Suspended
/// resumable calls hold values outside the store, so while one exists no
/// collection runs (the next is postponed by a budget).
pub(crate) fn collect(store: &mut StoreInner, extra: &[u64]) {
    if alloc::sync::Arc::strong_count(&store.suspended) != 1 {
        store.heap.postpone();
        return;
    }
    let types = &store.types;
    let refs = |t: ValType| matches!(t, ValType::Ref(r) if holds_objects(types, r.heap));
    let top = store.stack.top();
    let stack = store.stack.values.get(..top).unwrap_or(&[]);
    let globals = store.globals.iter().filter(|g| refs(g.ty.content)).map(|g| g.value);
    let tables = store
        .tables
        .iter()
        .filter(|t| refs(ValType::Ref(t.ty.element)))
        .flat_map(|t| t.elems.iter().copied());
    let elems = store.elems.iter().flat_map(|e| e.iter().copied());
    let roots = stack
        .iter()
        .copied()
        .chain(extra.iter().copied())
        .chain(store.pending_exn)
        .chain(globals)
        .chain(tables)
        .chain(elems);
    store.heap.collect(roots, &store.types);
}

/// Whether references of heap type `h` (canonical) can be GC objects.
fn holds_objects(types: &crate::runtime::TypeRegistry, h: HeapType) -> bool {
    match h {
        HeapType::Func | HeapType::NoFunc => false,
        HeapType::Concrete(id) => types.func_type(id).is_none(),
        _ => true,
    }
}
