//! The collector frees garbage, cycles included: a program allocating 10
//! GiB in all of short-lived cyclic structures (two structs pointing at
//! each other, each holding a 64 KiB array it fills) runs in a small,
//! stable peak memory, on both backends. Alone in its test binary, so the
//! process's peak resident set (`VmHWM`) is this test's.

use wasmite::{Backend, Config, Engine, Instance, Module, Store};

/// Bytes of array data one round allocates (two 64 KiB arrays).
const ROUND_BYTES: u64 = 2 * 8192 * 8;

/// The process's peak resident set in KiB (Linux), if known.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn ten_gib_of_cyclic_garbage_runs_in_little_memory() {
    let wat = include_str!("gc/churn.wat");
    let rounds: u32 = ((10u64 << 30) / ROUND_BYTES) as u32;
    for backend in [Backend::Portable, Backend::Threaded] {
        let mut config = Config::new();
        config.wasm_gc(true).backend(backend);
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, wat).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let churn = instance.get_typed_func::<i32, i64>(&mut store, "churn").unwrap();
        let sum = churn.call(&mut store, rounds as i32).unwrap();
        let r = u64::from(rounds);
        assert_eq!(sum as u64, r * (r + 1) / 2 + 7 * r, "{backend:?}");
        if let Some(kib) = peak_rss_kib() {
            println!(
                "{backend:?}: {} GiB allocated in {rounds} rounds, peak RSS {} MiB",
                (r * ROUND_BYTES) >> 30,
                kib >> 10
            );
            // (About 8 MiB when measured; the test binary itself is a few.)
            assert!(kib < 64 << 10, "{backend:?}: peak RSS {} MiB", kib >> 10);
        }
    }
}
