//! The op list, one file per family. `define_ops!` must see a single token
//! list, so each family's `ops!` appends its entries and calls the next
//! family's through [`next!`]; the order of the families is the order of
//! the op codes. A new family (SIMD, GC) is a new file and a name in the
//! chain in `ir/mod.rs`.

pub(crate) mod control;
pub(crate) mod gc;
pub(crate) mod memory;
pub(crate) mod numeric;
pub(crate) mod simd;
pub(crate) mod table;
pub(crate) mod variable;

/// Hand the entries gathered so far to the next family in the chain, or,
/// at its end, to `define_ops!`.
macro_rules! next {
    ([] $($acc:tt)*) => {
        $crate::ir::define_ops! { $($acc)* }
    };
    ([$next:ident $(, $rest:ident)*] $($acc:tt)*) => {
        $crate::ir::list::$next::ops! { [$($rest),*] $($acc)* }
    };
}
pub(crate) use next;
