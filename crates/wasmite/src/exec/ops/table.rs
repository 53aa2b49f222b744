//! The bodies of the table ops.
//!
//! One family of the shared op bodies: `$crate::exec::ops::next_family!` appends
//! them to the families before and hands the list on (see `ops/mod.rs`).

macro_rules! bodies {
    ([$($rest:ident),*] $cb:ident $args:tt $($arms:tt)*) => {
        $crate::exec::ops::next_family! { [$($rest),*] $cb $args $($arms)*
            TableGet { dst, index, table } => {
                let t = &tables!()[inst!().tables[table as usize] as usize];
                match t.elems.get(r!(index) as u32 as usize) {
                    Some(&v) => w!(dst, v),
                    None => trap!(TrapCode::TableOutOfBounds),
                }
            };
            TableSet { index, src, table } => {
                let v = r!(src);
                let t = &mut tables!()[inst!().tables[table as usize] as usize];
                match t.elems.get_mut(r!(index) as u32 as usize) {
                    Some(e) => *e = v,
                    None => trap!(TrapCode::TableOutOfBounds),
                }
            };
            TableSize { dst, table } => {
                w!(dst, tables!()[inst!().tables[table as usize] as usize].elems.len() as u64)
            };
            TableGrow { dst, init, delta, table } => {
                // (A table64's delta is clamped to 32 bits by the translator.)
                let (v, n) = (r!(init), r!(delta) as u32 as u64);
                let t = &mut tables!()[inst!().tables[table as usize] as usize];
                let fail = if t.ty.table64 { u64::MAX } else { u32::MAX as u64 };
                w!(dst, t.grow(n, v, limiter!()).unwrap_or(fail))
            };
            TableFill { d, v, n, table } => {
                let val = r!(v);
                let t = &mut tables!()[inst!().tables[table as usize] as usize];
                let Some(rg) = range(r!(d) as u32 as u64, r!(n) as u32 as u64, t.elems.len())
                else {
                    trap!(TrapCode::TableOutOfBounds)
                };
                t.elems[rg].fill(val);
            };
            TableCopy { d, s, n, dst_table, src_table } => {
                let (dt, stb) = (inst!().tables[dst_table as usize], inst!().tables[src_table as usize]);
                let n = r!(n) as u32 as u64;
                let (d, s) = (r!(d) as u32 as u64, r!(s) as u32 as u64);
                if !table_copy(tables!(), dt as usize, stb as usize, d, s, n) {
                    trap!(TrapCode::TableOutOfBounds)
                }
            };
            TableInit { d, s, n, table, elem } => {
                let items = &elems!()[inst!().elems[elem as usize] as usize];
                let t = &mut tables!()[inst!().tables[table as usize] as usize];
                let n = r!(n) as u32 as u64;
                let (Some(dr), Some(sr)) = (
                    range(r!(d) as u32 as u64, n, t.elems.len()),
                    range(r!(s) as u32 as u64, n, items.len()),
                ) else {
                    trap!(TrapCode::TableOutOfBounds)
                };
                t.elems[dr].copy_from_slice(&items[sr]);
            };
            ElemDrop { elem } => {
                elems!()[inst!().elems[elem as usize] as usize] = Default::default();
            };
        }
    };
}
pub(crate) use bodies;
