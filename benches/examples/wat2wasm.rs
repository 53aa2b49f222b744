//! Assembles a WAT file with the `wat` crate (the version wasmite uses),
//! for the workloads that wabt 1.0.32's `wat2wasm` cannot parse (WasmGC);
//! `workloads/build.sh` runs it:
//!
//!     cargo run --quiet --no-default-features --manifest-path benches/Cargo.toml \
//!         --example wat2wasm -- IN.wat OUT.wasm

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = &args[..] else {
        eprintln!("usage: wat2wasm IN.wat OUT.wasm");
        std::process::exit(2)
    };
    let wasm = wat::parse_file(input).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    std::fs::write(output, wasm).unwrap_or_else(|e| {
        eprintln!("{output}: {e}");
        std::process::exit(1)
    });
}
