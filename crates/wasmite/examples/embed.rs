//! Embedding wasmite: a host function that reads guest memory, and the host
//! writing into guest memory before calling an export.
//!
//! Run with `cargo run -p wasmite --example embed`.

use wasmite::{Caller, Engine, Extern, Linker, Module, Store};

/// Host state: every line the guest logs.
#[derive(Default)]
struct Host {
    lines: Vec<String>,
}

const GUEST: &str = r#"
(module
  (import "env" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hello from wasm")
  ;; Sum `len` bytes at `ptr`, logging the greeting first.
  (func (export "checksum") (param $ptr i32) (param $len i32) (result i32)
    (local $i i32) (local $sum i32)
    (call $log (i32.const 0) (i32.const 15))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $sum (i32.add (local.get $sum)
          (i32.load8_u (i32.add (local.get $ptr) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum)))
"#;

fn main() -> Result<(), wasmite::Error> {
    let engine = Engine::default();
    let module = Module::new(&engine, GUEST)?;
    let mut store = Store::new(&engine, Host::default());

    let mut linker = Linker::new(&engine);
    linker.func_wrap("env", "log", |mut caller: Caller<'_, Host>, ptr: i32, len: i32| {
        let Some(Extern::Memory(mem)) = caller.get_export("memory") else {
            return Err(wasmite::Error::msg("guest has no memory export"));
        };
        let mut buf = vec![0u8; len as usize];
        mem.read(&caller, ptr as usize, &mut buf)?;
        let line = String::from_utf8_lossy(&buf).into_owned();
        println!("guest says: {line}");
        caller.data_mut().lines.push(line);
        Ok(())
    })?;

    let instance = linker.instantiate(&mut store, &module)?;
    let memory = instance.get_memory(&store, "memory").expect("memory export");
    memory.write(&mut store, 1000, &[1, 2, 3, 4, 250])?;

    let checksum = instance.get_typed_func::<(i32, i32), i32>(&store, "checksum")?;
    let sum = checksum.call(&mut store, (1000, 5))?;
    println!("checksum of 5 bytes = {sum}");
    assert_eq!(sum, 260);
    assert_eq!(store.data().lines, ["hello from wasm"]);
    Ok(())
}
