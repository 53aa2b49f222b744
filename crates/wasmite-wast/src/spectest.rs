//! The `spectest` host module that the official scripts import from: a
//! memory, a table, four globals and a few `print` functions (which do
//! nothing here, so test output stays quiet).

use wasmite::{
    Global, GlobalType, Linker, Memory, MemoryType, Mutability, Ref, RefType, Result, Store, Table,
    TableType, Val, ValType,
};

/// `spectest.global_f32` = 666.6.
const F32_666_6: u32 = 0x4426_a666;
/// `spectest.global_f64` = 666.6.
const F64_666_6: u64 = 0x4084_d4cc_cccc_cccd;

/// Define the `spectest` module in `linker`, creating its objects in `store`.
pub(crate) fn define(store: &mut Store<()>, linker: &mut Linker<()>) -> Result<()> {
    const M: &str = "spectest";
    let memory = Memory::new(&mut *store, MemoryType::new(1, Some(2)))?;
    linker.define(&*store, M, "memory", memory)?;
    let table =
        Table::new(&mut *store, TableType::new(RefType::FUNCREF, 10, Some(20)), Ref::Func(None))?;
    linker.define(&*store, M, "table", table)?;

    let globals = [
        ("global_i32", ValType::I32, Val::I32(666)),
        ("global_i64", ValType::I64, Val::I64(666)),
        ("global_f32", ValType::F32, Val::F32(F32_666_6)),
        ("global_f64", ValType::F64, Val::F64(F64_666_6)),
    ];
    for (name, ty, val) in globals {
        let g = Global::new(&mut *store, GlobalType::new(ty, Mutability::Const), val)?;
        linker.define(&*store, M, name, g)?;
    }

    linker.func_wrap(M, "print", || {})?;
    linker.func_wrap(M, "print_i32", |_: i32| {})?;
    linker.func_wrap(M, "print_i64", |_: i64| {})?;
    linker.func_wrap(M, "print_f32", |_: f32| {})?;
    linker.func_wrap(M, "print_f64", |_: f64| {})?;
    linker.func_wrap(M, "print_i32_f32", |_: i32, _: f32| {})?;
    linker.func_wrap(M, "print_f64_f64", |_: f64, _: f64| {})?;
    Ok(())
}
