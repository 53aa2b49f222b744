//! The collector frees garbage, cycles included: a program allocating 10
//! GiB in all of short-lived cyclic structures (two structs pointing at
//! each other, each holding a 64 KiB array it fills) runs in a small,
//! stable peak memory, on both backends; and a GC heap limit holds. One
//! test alone in its test binary, so the process's peak resident set
//! (`VmHWM`) is this program's.

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
fn ten_gib_of_cyclic_garbage_runs_in_little_memory_and_a_heap_limit_holds() {
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
    the_gc_heap_limit_traps_what_is_kept_not_what_is_garbage();
}

/// A GC heap limit (`StoreLimitsBuilder::gc_heap_size`) refuses what a
/// program keeps (a trap, and the store stays usable) but not what it
/// throws away: garbage is collected to make room first. (Called by the
/// test above once it has measured: tests running at the same time would
/// blur the process's peak.)
fn the_gc_heap_limit_traps_what_is_kept_not_what_is_garbage() {
    use wasmite::{StoreLimits, StoreLimitsBuilder, Trap};
    let keep = r#"(module
      (type $b (array i8))
      (type $list (struct (field (ref null $list)) (field (ref $b))))
      (global $head (mut (ref null $list)) (ref.null $list))
      (func (export "keep") (param $n i32)
        (loop $l
          (global.set $head (struct.new $list (global.get $head)
            (array.new_default $b (i32.const 65536))))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
      (func (export "drop") (global.set $head (ref.null $list))))"#;
    for backend in [Backend::Portable, Backend::Threaded] {
        let mut config = Config::new();
        config.wasm_gc(true).backend(backend);
        let engine = Engine::new(&config).unwrap();
        let mut store: Store<StoreLimits> =
            Store::new(&engine, StoreLimitsBuilder::new().gc_heap_size(4 << 20).build());
        store.limiter(|l| l);
        let churn = Module::new(&engine, include_str!("gc/churn.wat")).unwrap();
        let churn = Instance::new(&mut store, &churn, &[]).unwrap();
        let churn = churn.get_typed_func::<i32, i64>(&mut store, "churn").unwrap();
        // 64 MiB of garbage under a 4 MiB limit.
        assert_eq!(churn.call(&mut store, 512).unwrap(), 512 * 513 / 2 + 7 * 512);
        let m = Module::new(&engine, keep).unwrap();
        let i = Instance::new(&mut store, &m, &[]).unwrap();
        let keep = i.get_typed_func::<i32, ()>(&mut store, "keep").unwrap();
        let err = keep.call(&mut store, 1000).unwrap_err();
        assert_eq!(err.downcast_ref::<Trap>(), Some(&Trap::AllocationTooLarge), "{err}");
        assert!(err.to_string().contains("allocation size too large"), "{err}");
        // Once the list is dropped, the heap has room again.
        i.get_typed_func::<(), ()>(&mut store, "drop").unwrap().call(&mut store, ()).unwrap();
        keep.call(&mut store, 10).unwrap();
        assert_eq!(churn.call(&mut store, 64).unwrap(), 64 * 65 / 2 + 7 * 64);
    }
}
