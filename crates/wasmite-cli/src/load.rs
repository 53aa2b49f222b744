//! Reading a module file: a binary (starts with `\0asm`) is compiled as is;
//! anything else is parsed as the text format with the `wast` crate, so a
//! text error can be reported on one line as `FILE:LINE:COL: message`.

use std::path::Path;

use wasmite::{Engine, Module};

/// Read a file, with an error naming it.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("failed to read `{}`: {e}", path.display()))
}

/// Read, decode (from binary or text), validate and compile the module at `path`.
pub(crate) fn module(engine: &Engine, path: &Path) -> Result<Module, String> {
    let bytes = read(path)?;
    let binary = if bytes.starts_with(b"\0asm") { bytes } else { text_to_binary(path, &bytes)? };
    Module::from_binary(engine, &binary).map_err(|e| format!("`{}`: {e}", path.display()))
}

fn text_to_binary(path: &Path, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| format!("`{}` is neither a wasm binary nor UTF-8 text", path.display()))?;
    let at = |e: wast::Error| {
        let (line, col) = e.span().linecol_in(text);
        format!("{}:{}:{}: {}", path.display(), line + 1, col + 1, e.message())
    };
    let buf = wast::parser::ParseBuffer::new(text).map_err(at)?;
    let mut wat = wast::parser::parse::<wast::Wat<'_>>(&buf).map_err(at)?;
    wat.encode().map_err(at)
}
