//! The bodies of moves, constants, `select`, globals, function references
//! and NaN canonicalisation.
//!
//! One family of the shared op bodies: `$crate::exec::ops::next_family!` appends
//! them to the families before and hands the list on (see `ops/mod.rs`).

macro_rules! bodies {
    ([$($rest:ident),*] $cb:ident $args:tt $($arms:tt)*) => {
        $crate::exec::ops::next_family! { [$($rest),*] $cb $args $($arms)*
            CanonF32 { dst, src } => {
                let v = r!(src);
                w!(dst, if f32_of(v).is_nan() { 0x7fc0_0000 } else { v })
            };
            CanonF64 { dst, src } => {
                let v = r!(src);
                w!(dst, if f64_of(v).is_nan() { 0x7ff8_0000_0000_0000 } else { v })
            };
            Copy { dst, src } => { w!(@keep dst, r!(src)) };
            Copy2 { to, from, to2, from2 } => {
                w!(to, r!(from));
                w!(to2, r!(from2))
            };
            CopyConst { to, from, to2, val2 } => {
                w!(to, r!(from));
                w!(to2, val2 as u64)
            };
            ConstCopy { to, val, to2, from2 } => {
                w!(to, val as u64);
                w!(to2, r!(from2))
            };
            Const2 { to, val, to2, val2 } => {
                w!(to, val as u64);
                w!(to2, val2 as u64)
            };
            Const32 { dst, val } => { w!(@keep dst, val as u64) };
            Const64 { dst, val } => { w!(@keep dst, val) };
            Select { dst, cond, a, b } => {
                w!(dst, if r!(cond) as u32 != 0 { r!(a) } else { r!(b) })
            };
            GlobalGet { dst, global } => {
                w!(dst, globals!()[inst!().globals[global as usize] as usize].value)
            };
            GlobalSet { src, global } => {
                globals!()[inst!().globals[global as usize] as usize].value = r!(src);
            };
            RefFunc { dst, func } => { w!(dst, inst!().funcs[func as usize] as u64 + 1) };
            RefAsNonNull { src } => {
                if r!(src) == 0 {
                    trap!(TrapCode::NullReference)
                }
            };
        }
    };
}
pub(crate) use bodies;
