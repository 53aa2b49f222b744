// A small embedding written against wasmtime 48. `embedding.rs` next to it is
// the same file with only the `use` line changed (`main.rs` checks that).
use wasmite::*;

const GUEST: &str = r#"
(module
  (import "host" "log" (func $log (param i32 i32)))
  (import "host" "double" (func $double (param i32) (result i32)))
  (import "host" "check" (func $check (param i32) (result i32)))
  (memory (export "memory") 1)
  (global $counter (export "counter") (mut i32) (i32.const 0))
  (data (i32.const 16) "hello from wasm")
  (func (export "greet") (call $log (i32.const 16) (i32.const 15)))
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "half") (param f64) (result f64)
    (f64.mul (local.get 0) (f64.const 0.5)))
  (func (export "bump") (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (global.get $counter))
  (func (export "quadruple") (param i32) (result i32)
    (call $double (call $double (local.get 0))))
  (func $checked (export "checked") (param i32) (result i32)
    (i32.add (call $check (local.get 0)) (i32.const 1)))
  (func $div (export "div") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func $ratio (export "ratio") (param i32 i32) (result i32)
    (i32.mul (call $div (local.get 0) (local.get 1)) (i32.const 100)))
  (func (export "load") (param i32) (result i32)
    (i32.load (local.get 0)))
  (func (export "boom") unreachable)
  (func (export "spin") (loop $forever (br $forever)))
  (func (export "sum_to") (param $n i64) (result i64) (local $sum i64)
    (block $done
      (loop $next
        (br_if $done (i64.eqz (local.get $n)))
        (local.set $sum (i64.add (local.get $sum) (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $next)))
    (local.get $sum)))
"#;

/// The host's state: what the guest logged.
#[derive(Default)]
pub struct Host {
    pub lines: Vec<String>,
}

/// The error a host function ends the guest with.
#[derive(Debug, PartialEq)]
pub struct Exit(pub i32);

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "guest exited with {}", self.0)
    }
}

impl std::error::Error for Exit {}

fn linker(engine: &Engine) -> Result<Linker<Host>> {
    let mut linker = Linker::new(engine);
    linker.func_wrap(
        "host",
        "log",
        |mut caller: Caller<'_, Host>, ptr: i32, len: i32| -> Result<()> {
            let Some(Extern::Memory(memory)) = caller.get_export("memory") else {
                bail!("the guest exports no memory");
            };
            let (start, end) = (ptr as usize, ptr as usize + len as usize);
            let bytes = memory.data(&caller)[start..end].to_vec();
            let line = String::from_utf8(bytes)?;
            caller.data_mut().lines.push(line);
            Ok(())
        },
    )?;
    linker.func_wrap("host", "double", |x: i32| x * 2)?;
    linker.func_wrap("host", "check", |x: i32| -> Result<i32> {
        ensure!(x >= 0, "negative input {x}");
        if x == 7 {
            return Err(Error::new(Exit(7)));
        }
        Ok(x)
    })?;
    Ok(linker)
}

fn instantiate(engine: &Engine) -> Result<(Store<Host>, Instance)> {
    let module = Module::new(engine, GUEST)?;
    let mut store = Store::new(engine, Host::default());
    let instance = linker(engine)?.instantiate(&mut store, &module)?;
    Ok((store, instance))
}

/// Host functions: one reads guest memory through its `Caller` and records
/// in the store's data, one is called twice from Wasm.
pub fn host_functions() -> Result<()> {
    let engine = Engine::default();
    let (mut store, instance) = instantiate(&engine)?;
    let greet = instance.get_typed_func::<(), ()>(&mut store, "greet")?;
    greet.call(&mut store, ())?;
    greet.call(&mut store, ())?;
    assert_eq!(store.data().lines, ["hello from wasm", "hello from wasm"]);
    let quadruple = instance.get_typed_func::<i32, i32>(&mut store, "quadruple")?;
    assert_eq!(quadruple.call(&mut store, 5)?, 20);
    let double = Func::wrap(&mut store, |x: i32| x * 2);
    let typed = double.typed::<i32, i32>(&store)?;
    assert_eq!(typed.call(&mut store, 21)?, 42);
    Ok(())
}

/// Module introspection (imports and exports with their types, in the
/// module's order), and a host function made from a `FuncType`.
pub fn introspection() -> Result<()> {
    let engine = Engine::default();
    let module = Module::new(&engine, GUEST)?;
    let imports: Vec<String> =
        module.imports().map(|i| format!("{}::{}", i.module(), i.name())).collect();
    assert_eq!(imports, ["host::log", "host::double", "host::check"]);
    let double = module.imports().nth(1).expect("`double` is imported");
    let ty = double.ty().unwrap_func().clone();
    assert_eq!((ty.params().len(), ty.results().len()), (1, 1));
    assert!(module.imports().all(|i| i.ty().func().is_some()));

    let exports: Vec<&str> = module.exports().map(|e| e.name()).collect();
    assert_eq!(exports.len(), 14);
    assert_eq!(exports[..3], ["memory", "counter", "greet"]);
    let memory = module.get_export("memory").expect("`memory` is exported");
    assert_eq!(memory.unwrap_memory().minimum(), 1);
    assert!(module.get_export("counter").and_then(|t| t.global().cloned()).is_some());
    assert!(module.get_export("missing").is_none());

    let (mut store, instance) = instantiate(&engine)?;
    let first = instance.exports(&mut store).next().map(|e| e.name().to_string());
    assert_eq!(first.as_deref(), Some("memory"));

    let triple_ty = FuncType::new(&engine, [ValType::I32], [ValType::I32]);
    let triple = Func::new(&mut store, triple_ty, |_caller, params, results| {
        results[0] = Val::I32(params[0].unwrap_i32() * 3);
        Ok(())
    });
    assert_eq!(triple.ty(&store).params().len(), 1);
    let mut results = [Val::I32(0)];
    triple.call(&mut store, &[Val::I32(14)], &mut results)?;
    assert_eq!(results[0].unwrap_i32(), 42);
    assert_eq!(triple.typed::<i32, i32>(&store)?.call(&mut store, 5)?, 15);
    Ok(())
}

/// Typed and untyped calls, and values in and out.
pub fn calls() -> Result<()> {
    let engine = Engine::default();
    let (mut store, instance) = instantiate(&engine)?;
    let add = instance.get_typed_func::<(i32, i32), i32>(&mut store, "add")?;
    assert_eq!(add.call(&mut store, (40, 2))?, 42);

    let add = instance.get_func(&mut store, "add").expect("`add` is exported");
    assert_eq!(add.ty(&store).params().len(), 2);
    let mut results = [Val::I32(0)];
    add.call(&mut store, &[Val::I32(7), Val::I32(8)], &mut results)?;
    assert_eq!(results[0].unwrap_i32(), 15);
    assert_eq!(results[0].i64(), None);

    let half = instance.get_func(&mut store, "half").expect("`half` is exported");
    half.call(&mut store, &[Val::from(5.0f64)], &mut results)?;
    assert_eq!(results[0].unwrap_f64(), 2.5);
    assert_eq!(results[0].f64(), Some(2.5));

    let mut exported: Vec<String> =
        instance.exports(&mut store).map(|e| e.name().to_string()).collect();
    exported.sort();
    assert_eq!(exported.len(), 14);
    assert_eq!(exported[..2], ["add", "boom"]);
    assert_eq!(instance.exports(&mut store).filter_map(|e| e.into_func()).count(), 12);

    let wrong = add.call(&mut store, &[Val::I32(1)], &mut results);
    assert!(wrong.is_err());
    assert!(add.typed::<i64, i64>(&store).is_err());
    Ok(())
}

/// Exported and host-made globals.
pub fn globals() -> Result<()> {
    let engine = Engine::default();
    let (mut store, instance) = instantiate(&engine)?;
    let counter = instance.get_global(&mut store, "counter").expect("`counter` is exported");
    let bump = instance.get_typed_func::<(), i32>(&mut store, "bump")?;
    assert_eq!(bump.call(&mut store, ())?, 1);
    assert_eq!(counter.get(&mut store).unwrap_i32(), 1);
    counter.set(&mut store, Val::I32(41))?;
    assert_eq!(bump.call(&mut store, ())?, 42);
    assert!(counter.set(&mut store, Val::I64(0)).is_err());

    let ty = GlobalType::new(ValType::I64, Mutability::Const);
    let answer = Global::new(&mut store, ty, Val::I64(42))?;
    assert_eq!(answer.get(&mut store).i64(), Some(42));
    assert!(answer.set(&mut store, Val::I64(0)).is_err());
    Ok(())
}

/// Reading, writing and growing memory from the host.
pub fn memory() -> Result<()> {
    let engine = Engine::default();
    let (mut store, instance) = instantiate(&engine)?;
    let memory = instance.get_memory(&mut store, "memory").expect("`memory` is exported");
    assert_eq!(memory.size(&store), 1);
    assert_eq!(memory.data_size(&store), 65536);
    memory.write(&mut store, 100, &42i32.to_le_bytes())?;
    let load = instance.get_typed_func::<i32, i32>(&mut store, "load")?;
    assert_eq!(load.call(&mut store, 100)?, 42);
    let mut buf = [0u8; 15];
    memory.read(&store, 16, &mut buf)?;
    assert_eq!(&buf, b"hello from wasm");
    memory.data_mut(&mut store)[200] = 7;
    assert_eq!(load.call(&mut store, 200)?, 7);
    assert!(memory.read(&store, 65530, &mut buf).is_err());
    assert_eq!(memory.grow(&mut store, 1)?, 1);
    assert_eq!(memory.size(&store), 2);
    assert_eq!(load.call(&mut store, 65536 + 100)?, 0);

    let own = Memory::new(&mut store, MemoryType::new(1, Some(2)))?;
    assert_eq!(own.grow(&mut store, 1)?, 1);
    assert!(own.grow(&mut store, 1).is_err());
    Ok(())
}

/// Each kind of trap, and errors a host function returns.
pub fn traps() -> Result<()> {
    let engine = Engine::default();
    let (mut store, instance) = instantiate(&engine)?;
    let div = instance.get_typed_func::<(i32, i32), i32>(&mut store, "div")?;
    let err = div.call(&mut store, (1, 0)).unwrap_err();
    assert_eq!(err.downcast_ref::<Trap>(), Some(&Trap::IntegerDivisionByZero));
    let err = div.call(&mut store, (i32::MIN, -1)).unwrap_err();
    assert_eq!(err.downcast_ref::<Trap>(), Some(&Trap::IntegerOverflow));
    assert_eq!(div.call(&mut store, (7, 2))?, 3);

    let load = instance.get_typed_func::<i32, i32>(&mut store, "load")?;
    let err = load.call(&mut store, 65535).unwrap_err();
    assert_eq!(err.downcast_ref::<Trap>(), Some(&Trap::MemoryOutOfBounds));

    let boom = instance.get_typed_func::<(), ()>(&mut store, "boom")?;
    let err = boom.call(&mut store, ()).unwrap_err();
    assert_eq!(err.downcast::<Trap>()?, Trap::UnreachableCodeReached);

    let checked = instance.get_typed_func::<i32, i32>(&mut store, "checked")?;
    assert_eq!(checked.call(&mut store, 1)?, 2);
    let err = checked.call(&mut store, 7).unwrap_err();
    assert_eq!(err.downcast_ref::<Exit>(), Some(&Exit(7)));
    assert!(err.downcast_ref::<Trap>().is_none());
    let err = checked.call(&mut store, -3).unwrap_err();
    assert_eq!(err.root_cause().to_string(), "negative input -3");
    Ok(())
}

/// Fuel: metered calls stop when it runs out, and it can be refilled.
pub fn fuel() -> Result<()> {
    let mut config = Config::new();
    config.consume_fuel(true);
    let engine = Engine::new(&config)?;
    let (mut store, instance) = instantiate(&engine)?;
    store.set_fuel(10_000)?;
    let sum_to = instance.get_typed_func::<i64, i64>(&mut store, "sum_to")?;
    assert_eq!(sum_to.call(&mut store, 100)?, 5050);
    let left = store.get_fuel()?;
    assert!(left < 10_000);
    assert!(left > 0);

    let spin = instance.get_typed_func::<(), ()>(&mut store, "spin")?;
    let err = spin.call(&mut store, ()).unwrap_err();
    assert_eq!(err.downcast_ref::<Trap>(), Some(&Trap::OutOfFuel));
    assert!(store.get_fuel()? < left);

    store.set_fuel(1_000_000)?;
    assert_eq!(sum_to.call(&mut store, 1000)?, 500_500);
    assert!(Store::new(&Engine::default(), ()).set_fuel(1).is_err());
    Ok(())
}

/// The Wasm call stack of a trap and of a host function's error.
pub fn backtraces() -> Result<()> {
    let engine = Engine::default();
    let (mut store, instance) = instantiate(&engine)?;
    let ratio = instance.get_typed_func::<(i32, i32), i32>(&mut store, "ratio")?;
    assert_eq!(ratio.call(&mut store, (6, 3))?, 200);
    let err = ratio.call(&mut store, (6, 0)).unwrap_err();
    assert_eq!(err.downcast_ref::<Trap>(), Some(&Trap::IntegerDivisionByZero));
    let trace = err.downcast_ref::<WasmBacktrace>().expect("a trap has a backtrace");
    let frames: Vec<(u32, Option<&str>)> =
        trace.frames().iter().map(|f| (f.func_index(), f.func_name())).collect();
    assert_eq!(frames, [(9, Some("div")), (10, Some("ratio"))]);
    let (div, call) = (trace.frames()[0].module_offset(), trace.frames()[1].module_offset());
    assert!(div.is_some() && call.is_some() && div < call);

    let checked = instance.get_typed_func::<i32, i32>(&mut store, "checked")?;
    let err = checked.call(&mut store, 7).unwrap_err();
    assert_eq!(err.downcast_ref::<Exit>(), Some(&Exit(7)));
    let trace = err.downcast_ref::<WasmBacktrace>().expect("a host error has a backtrace");
    assert_eq!(trace.frames().len(), 1);
    assert_eq!(trace.frames()[0].func_name(), Some("checked"));
    Ok(())
}

/// Epoch interruption: another thread stops an endless loop; a callback
/// keeps code running past its deadline.
pub fn interruption() -> Result<()> {
    let mut config = Config::new();
    config.epoch_interruption(true);
    let engine = Engine::new(&config)?;
    let (mut store, instance) = instantiate(&engine)?;
    store.set_epoch_deadline(1);
    let spin = instance.get_typed_func::<(), ()>(&mut store, "spin")?;
    let ticker = engine.clone();
    let thread = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(20));
        ticker.increment_epoch();
    });
    let err = spin.call(&mut store, ()).unwrap_err();
    thread.join().expect("the ticking thread");
    assert_eq!(err.downcast_ref::<Trap>(), Some(&Trap::Interrupt));

    let sum_to = instance.get_typed_func::<i64, i64>(&mut store, "sum_to")?;
    store.epoch_deadline_callback(|_store| Ok(UpdateDeadline::Continue(1)));
    assert_eq!(sum_to.call(&mut store, 100)?, 5050);
    store.epoch_deadline_trap();
    engine.increment_epoch();
    assert!(sum_to.call(&mut store, 100).is_err());
    store.set_epoch_deadline(1);
    assert_eq!(sum_to.call(&mut store, 100)?, 5050);
    Ok(())
}
