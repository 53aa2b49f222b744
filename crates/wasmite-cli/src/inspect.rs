//! `wasmite inspect`: a module's imports and exports in text-format notation,
//! or the IR of its functions (from [`wasmite::Module::disassemble`]).

use crate::out;
use wasmite::{ExternType, MemoryType, Module, Mutability, TableType};

/// Print the imports and exports, one per line.
pub(crate) fn interface(module: &Module) {
    for i in module.imports() {
        out!("(import {:?} {:?} {})\n", i.module(), i.name(), extern_type(&i.ty()));
    }
    for e in module.exports() {
        out!("(export {:?} {})\n", e.name(), extern_type(&e.ty()));
    }
}

/// Print the IR of function `func` (an index or an export name), or of every
/// defined function.
pub(crate) fn ir(module: &Module, func: Option<&str>) -> Result<(), String> {
    let imported = module.num_imported_funcs();
    let Some(func) = func else {
        for i in imported..module.num_funcs() {
            out!("{}", module.disassemble(i).unwrap_or_default());
        }
        return Ok(());
    };
    let index = match func.parse::<u32>() {
        Ok(i) => i,
        Err(_) => module.exported_func_index(func).ok_or_else(|| {
            if module.get_export(func).is_some() {
                format!("export `{func}` is not a function")
            } else {
                format!("module has no exported function `{func}`")
            }
        })?,
    };
    if index < imported {
        return Err(format!("function {index} is imported; it has no IR"));
    }
    let text =
        module.disassemble(index).ok_or_else(|| format!("module has no function {index}"))?;
    out!("{text}");
    Ok(())
}

fn extern_type(ty: &ExternType) -> String {
    match ty {
        ExternType::Func(f) => f.to_string(),
        ExternType::Table(t) => table(t),
        ExternType::Memory(m) => memory(m),
        ExternType::Global(g) => match g.mutability {
            Mutability::Const => format!("(global {})", g.content),
            Mutability::Var => format!("(global (mut {}))", g.content),
        },
        ExternType::Tag(f) => format!("(tag {f})"),
    }
}

fn limits(min: u64, max: Option<u64>) -> String {
    match max {
        Some(max) => format!("{min} {max}"),
        None => min.to_string(),
    }
}

fn table(t: &TableType) -> String {
    let idx = if t.table64 { "i64 " } else { "" };
    format!("(table {idx}{} {})", limits(t.minimum, t.maximum), t.element)
}

fn memory(m: &MemoryType) -> String {
    let idx = if m.memory64 { "i64 " } else { "" };
    let shared = if m.shared { " shared" } else { "" };
    let page = if m.page_size_log2 == 16 {
        String::new()
    } else {
        format!(" (pagesize {})", m.page_size())
    };
    format!("(memory {idx}{}{shared}{page})", limits(m.minimum, m.maximum))
}
