//! Compile (decode, validate, translate) one module many times on one
//! engine, for profiling translation cost with `perf`:
//!
//!     cargo run --profile quick-build --manifest-path benches/Cargo.toml \
//!         --example compile -- wasmite benches/workloads/wasm/quickjs.wasm 20

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [engine, path, n] = &args[..] else {
        eprintln!("usage: compile <wasmite|wasmi> FILE.wasm TIMES");
        std::process::exit(2)
    };
    let wasm = std::fs::read(path).expect("read module");
    let n: u32 = n.parse().expect("TIMES is a number");
    let t0 = Instant::now();
    for _ in 0..n {
        match engine.as_str() {
            "wasmite" => {
                let e = wasmite::Engine::default();
                std::hint::black_box(wasmite::Module::new(&e, &wasm).expect("compile"));
            }
            "wasmi" => {
                let mut c = wasmi::Config::default();
                c.compilation_mode(wasmi::CompilationMode::Eager);
                let e = wasmi::Engine::new(&c);
                std::hint::black_box(wasmi::Module::new(&e, &wasm).expect("compile"));
            }
            _ => panic!("unknown engine {engine}"),
        }
    }
    println!("{engine}: {:.2} ms per compile", t0.elapsed().as_secs_f64() * 1e3 / f64::from(n));
}
