//! Hostile input: malformed binaries, resource exhaustion and edge-case
//! semantics. Every case must give the right result or a clean error (of the
//! right kind, with the right trap code), quickly and in bounded memory.
//!
//! Findings of the fuzz targets (`fuzz/`) also land here, one named test each.

use wasmite::{
    Config, Engine, Error, ErrorKind, FuncType, Instance, Linker, Module, Ref, ResumableCall,
    Store, StoreLimits, StoreLimitsBuilder, TrapCode, Val, ValType,
};

// ---------------------------------------------------------------------------
// A tiny binary encoder, so that each malformation is exact.

const HEADER: [u8; 8] = *b"\0asm\x01\0\0\0";

fn leb(mut v: u64, out: &mut Vec<u8>) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn section(id: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![id];
    leb(payload.len() as u64, &mut s);
    s.extend_from_slice(payload);
    s
}

fn name(s: &str) -> Vec<u8> {
    let mut v = Vec::new();
    leb(s.len() as u64, &mut v);
    v.extend_from_slice(s.as_bytes());
    v
}

fn module(sections: &[Vec<u8>]) -> Vec<u8> {
    let mut m = HEADER.to_vec();
    for s in sections {
        m.extend_from_slice(s);
    }
    m
}

/// A type section with one `() -> ()` type.
fn type_void() -> Vec<u8> {
    section(1, &[1, 0x60, 0, 0])
}

/// A type, function and code section for one `() -> ()` function with this
/// body (locals declarations included, `end` excluded).
fn one_func(body: &[u8]) -> Vec<Vec<u8>> {
    let mut b = body.to_vec();
    b.push(0x0b);
    let mut code = vec![1];
    leb(b.len() as u64, &mut code);
    code.extend_from_slice(&b);
    vec![type_void(), section(3, &[1, 0]), section(10, &code)]
}

// ---------------------------------------------------------------------------
// Helpers.

fn engine() -> Engine {
    Engine::default()
}

fn fuel_engine() -> Engine {
    Engine::new(Config::new().consume_fuel(true)).unwrap()
}

fn compile_err(bytes: &[u8]) -> Error {
    match Module::from_binary(&engine(), bytes) {
        Ok(_) => panic!("module {bytes:02x?} compiled"),
        Err(e) => e,
    }
}

fn assert_malformed(bytes: &[u8]) {
    let e = compile_err(bytes);
    assert_eq!(e.kind(), ErrorKind::Malformed, "{e}");
}

fn instance(engine: &Engine, store: &mut Store<()>, wat: &str) -> Instance {
    let module = Module::new(engine, wat).unwrap();
    Instance::new(store, &module, &[]).unwrap()
}

fn call(
    store: &mut Store<()>,
    inst: &Instance,
    name: &str,
    args: &[Val],
) -> Result<Vec<Val>, Error> {
    let f = inst.get_func(&*store, name).unwrap();
    let ty = f.ty(&*store);
    let mut results: Vec<Val> = vec![Val::I32(0); ty.results().len()];
    f.call(&mut *store, args, &mut results)?;
    Ok(results)
}

fn trap_of(r: Result<Vec<Val>, Error>) -> TrapCode {
    match r {
        Ok(v) => panic!("expected a trap, got {v:?}"),
        Err(e) => e.trap_code().unwrap_or_else(|| panic!("expected a trap, got {e}")),
    }
}

fn i32s(v: &[i32]) -> Vec<Val> {
    v.iter().map(|x| Val::I32(*x)).collect()
}

/// The process's peak resident set so far, in MiB (Linux only).
fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

fn assert_bounded_memory() {
    if let Some(mib) = peak_rss_mib() {
        assert!(mib < 1024, "peak RSS {mib} MiB");
    }
}

// ---------------------------------------------------------------------------
// Malformed binaries.

/// A module using most sections (import, function, table, memory, global,
/// export, start, element, data count, code, data, custom), and the byte
/// offsets where its sections end.
fn sample_module() -> (Vec<u8>, Vec<usize>) {
    let mut import = vec![1];
    import.extend(name("env"));
    import.extend(name("f"));
    import.extend([0x00, 0]);
    let mut export = vec![2];
    export.extend(name("f"));
    export.extend([0x00, 1]);
    export.extend(name("m"));
    export.extend([0x02, 0]);
    let body1 = [0x00, 0x20, 0x00, 0x41, 0x01, 0x6a, 0x0b]; // local.get 0; i32.const 1; i32.add
    let body2 = [0x00, 0x01, 0x0b]; // nop
    let mut code = vec![2, body1.len() as u8];
    code.extend(body1);
    code.push(body2.len() as u8);
    code.extend(body2);
    let mut custom = name("x");
    custom.extend(b"custom payload");
    let sections = [
        section(1, &[2, 0x60, 0, 0, 0x60, 1, 0x7f, 1, 0x7f]),
        section(2, &import),
        section(3, &[2, 1, 0]),
        section(4, &[1, 0x70, 0x00, 1]),
        section(5, &[1, 0x01, 1, 2]),
        section(6, &[1, 0x7f, 0x01, 0x41, 7, 0x0b]),
        section(7, &export),
        section(8, &[2]),
        section(9, &[1, 0x00, 0x41, 0, 0x0b, 1, 1]),
        section(12, &[1]),
        section(10, &code),
        section(11, &[1, 0x00, 0x41, 0, 0x0b, 2, b'h', b'i']),
        section(0, &custom),
    ];
    let mut ends = vec![HEADER.len()];
    for s in &sections {
        ends.push(ends.last().unwrap() + s.len());
    }
    (module(&sections), ends)
}

#[test]
fn sample_module_is_valid_and_runs() {
    let (bytes, _) = sample_module();
    let engine = engine();
    let module = Module::from_binary(&engine, &bytes).unwrap();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.func_wrap("env", "f", || {}).unwrap();
    let inst = linker.instantiate(&mut store, &module).unwrap();
    assert_eq!(call(&mut store, &inst, "f", &[Val::I32(41)]).unwrap(), [Val::I32(42)]);
    assert_eq!(&inst.get_memory(&store, "m").unwrap().data(&store)[..2], b"hi");
}

#[test]
fn truncated_at_every_offset() {
    let (bytes, section_ends) = sample_module();
    let engine = engine();
    for len in 0..bytes.len() {
        match Module::from_binary(&engine, &bytes[..len]) {
            Ok(_) => assert!(
                section_ends.contains(&len),
                "a module truncated to {len} bytes (inside a section) compiled"
            ),
            Err(e) => {
                // At a section boundary the prefix is a complete (possibly
                // invalid) module; anywhere else it is malformed.
                let ok_kinds: &[ErrorKind] = if section_ends.contains(&len) {
                    &[ErrorKind::Malformed, ErrorKind::Invalid]
                } else {
                    &[ErrorKind::Malformed]
                };
                assert!(ok_kinds.contains(&e.kind()), "truncated to {len}: {e:?}");
            }
        }
    }
}

#[test]
fn wrong_magic_or_version() {
    assert_malformed(b"");
    assert_malformed(b"\0as");
    assert_malformed(b"\0asm");
    assert_malformed(b"\0asm\x01\0\0");
    assert_malformed(b"\0asn\x01\0\0\0");
    assert_malformed(b"asm\0\x01\0\0\0");
    assert_malformed(b"\0asm\x02\0\0\0");
    assert_malformed(b"\0asm\0\0\0\x01");
    // The empty module is fine.
    Module::from_binary(&engine(), &HEADER).unwrap();
}

/// Finding 2 (`fuzz/FINDINGS.md`): the component preamble was reported as
/// `Invalid`, though it never gets to validation.
#[test]
fn component_binary_is_malformed_or_unsupported() {
    // A component (version 0x0d, layer 1) is not a core module.
    let e = compile_err(b"\0asm\x0d\0\x01\0");
    assert!(matches!(e.kind(), ErrorKind::Malformed | ErrorKind::Unsupported), "{e:?}");
}

#[test]
fn over_long_leb128s() {
    // A section size of 6 LEB bytes (a u32 has at most 5).
    let mut m = HEADER.to_vec();
    m.extend([1, 0x84, 0x80, 0x80, 0x80, 0x80, 0x00, 1, 0x60, 0, 0]);
    assert_malformed(&m);
    // 5 bytes, but the last one sets bits beyond 32.
    let mut m = HEADER.to_vec();
    m.extend([1, 0x84, 0x80, 0x80, 0x80, 0x70, 1, 0x60, 0, 0]);
    assert_malformed(&m);
    // 5 bytes, padded but in range: fine.
    let mut m = HEADER.to_vec();
    m.extend([1, 0x84, 0x80, 0x80, 0x80, 0x00, 1, 0x60, 0, 0]);
    Module::from_binary(&engine(), &m).unwrap();
    // An i32.const of 6 bytes, and one of 5 with bad high bits.
    assert_malformed(&module(&one_func(&[0, 0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1a])));
    assert_malformed(&module(&one_func(&[0, 0x41, 0x80, 0x80, 0x80, 0x80, 0x70, 0x1a])));
    // An i64.const of 11 bytes.
    let mut body = vec![0, 0x42];
    body.extend([0x80; 10]);
    body.extend([0x00, 0x1a]);
    assert_malformed(&module(&one_func(&body)));
    // A memory offset (memarg) of 6 bytes: malformed in WebAssembly 2.0 (a
    // u32); since 3.0 (memory64) offsets are u64 LEB128s, and this one is 0.
    let mut s = one_func(&[0, 0x41, 0, 0x28, 0x02, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1a]);
    s.insert(2, section(5, &[1, 0, 1]));
    let wasm2 = Engine::new(Config::new().wasm_memory64(false)).unwrap();
    let e = Module::from_binary(&wasm2, &module(&s)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Malformed, "{e}");
    Module::from_binary(&engine(), &module(&s)).unwrap();
    // A local count of 6 bytes.
    assert_malformed(&module(&one_func(&[1, 0x81, 0x80, 0x80, 0x80, 0x80, 0x00, 0x7f])));
}

#[test]
fn sections_past_the_end() {
    // Declared size beyond the end of the input.
    let mut m = HEADER.to_vec();
    m.extend([1, 10, 1, 0x60, 0, 0]);
    assert_malformed(&m);
    let mut m = HEADER.to_vec();
    m.extend([1, 0xff, 0xff, 0xff, 0xff, 0x0f]);
    assert_malformed(&m);
    // A code body longer than its section.
    let mut m = module(&[type_void(), section(3, &[1, 0])]);
    m.extend([10, 4, 1, 100, 0, 0x0b]);
    assert_malformed(&m);
    // A custom section whose name runs past its end.
    let mut m = HEADER.to_vec();
    m.extend([0, 2, 50, b'a']);
    assert_malformed(&m);
    // A section size that stops short of its contents.
    let mut m = HEADER.to_vec();
    m.extend([1, 3, 1, 0x60, 0, 0]);
    assert_malformed(&m);
    // A section id that does not exist.
    let mut m = HEADER.to_vec();
    m.extend([99, 0]);
    assert_malformed(&m);
}

fn assert_clean_failure(bytes: &[u8]) {
    let e = compile_err(bytes);
    assert!(matches!(e.kind(), ErrorKind::Malformed | ErrorKind::Invalid), "{e:?}");
}

#[test]
fn huge_counts_with_tiny_payloads() {
    let huge = |prefix: &[u8]| {
        let mut v = prefix.to_vec();
        leb(u32::MAX as u64, &mut v);
        v
    };
    // 2^32-1 types, functions, imports, globals, exports, elements, data segments.
    for id in [1u8, 2, 3, 4, 5, 6, 7, 9, 10, 11] {
        assert_clean_failure(&module(&[section(id, &huge(&[]))]));
    }
    // Data count and data section disagree, both huge.
    assert_clean_failure(&module(&[section(12, &huge(&[])), section(11, &[0])]));
    // Locals: one declaration of 2^32-1 i32s, and two that overflow together.
    let mut body = huge(&[1]);
    body.push(0x7f);
    assert_clean_failure(&module(&one_func(&body)));
    let mut body = vec![2];
    leb(u32::MAX as u64 / 2 + 1, &mut body);
    body.push(0x7f);
    leb(u32::MAX as u64 / 2 + 1, &mut body);
    body.push(0x7e);
    assert_clean_failure(&module(&one_func(&body)));
    // Locals: 50,000,000 (above any sane limit) in a few bytes.
    let mut body = vec![1];
    leb(50_000_000, &mut body);
    body.push(0x7f);
    assert_clean_failure(&module(&one_func(&body)));
    // br_table with 2^32-1 targets and none present.
    let mut body = vec![0, 0x41, 0, 0x0e];
    leb(u32::MAX as u64, &mut body);
    body.push(0);
    assert_clean_failure(&module(&one_func(&body)));
    // A data segment claiming 2^32-1 bytes.
    let mut data = vec![1, 0x00, 0x41, 0, 0x0b];
    leb(u32::MAX as u64, &mut data);
    data.extend(b"abc");
    assert_clean_failure(&module(&[section(5, &[1, 0, 1]), section(11, &data)]));
    // An element segment claiming 2^32-1 function indices.
    let mut elem = vec![1, 0x00, 0x41, 0, 0x0b];
    leb(u32::MAX as u64, &mut elem);
    elem.push(0);
    let mut s = one_func(&[0]);
    s.insert(2, section(4, &[1, 0x70, 0, 1]));
    s.insert(3, section(9, &elem));
    assert_clean_failure(&module(&s));
    // A function type with 2^32-1 parameters.
    assert_clean_failure(&module(&[section(1, &huge(&[1, 0x60]))]));
    // A name section with 2^32-1 function names.
    let mut names = name("name");
    names.push(1);
    let sub = huge(&[]);
    leb(sub.len() as u64, &mut names);
    names.extend(sub);
    let _ = Module::from_binary(&engine(), &module(&[section(0, &names)]));
    assert_bounded_memory();
}

fn nested_blocks(depth: usize, open: &[u8], inner: &[u8]) -> Vec<u8> {
    let mut body = vec![0];
    for _ in 0..depth {
        body.extend_from_slice(open);
    }
    body.extend_from_slice(inner);
    body.extend(std::iter::repeat_n(0x0b, depth));
    module(&[
        type_void(),
        section(3, &[1, 0]),
        {
            let mut e = vec![1];
            e.extend(name("f"));
            e.extend([0, 0]);
            section(7, &e)
        },
        {
            let mut b = body;
            b.push(0x0b);
            let mut code = vec![1];
            leb(b.len() as u64, &mut code);
            code.extend(b);
            section(10, &code)
        },
    ])
}

/// Run `f` on a thread with a normal 2 MiB stack.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(2 << 20).spawn(f).unwrap().join().unwrap();
}

#[test]
fn hundred_thousand_nested_blocks() {
    on_small_stack(|| {
        const DEPTH: usize = 100_000;
        let mut branch_out = vec![0x0c];
        leb(DEPTH as u64 - 1, &mut branch_out);
        let cases: [(&[u8], Vec<u8>); 3] = [
            (&[0x02, 0x40], vec![]),     // block
            (&[0x03, 0x40], vec![]),     // loop
            (&[0x02, 0x40], branch_out), // block, br to the outermost
        ];
        for (open, inner) in cases {
            compile_and_run_nested(DEPTH, open, &inner);
        }
    });
}

/// Compile `depth` nested blocks around `inner` and run them to the end: a
/// valid module this deep must compile and run (refusing it is not a pass).
fn compile_and_run_nested(depth: usize, open: &[u8], inner: &[u8]) {
    let engine = fuel_engine();
    let m = Module::from_binary(&engine, &nested_blocks(depth, open, inner))
        .unwrap_or_else(|e| panic!("{depth} nested blocks were refused: {e:?}"));
    let mut store = Store::new(&engine, ());
    store.set_fuel(10 * depth as u64).unwrap();
    let inst = Instance::new(&mut store, &m, &[]).unwrap();
    assert_eq!(call(&mut store, &inst, "f", &[]).unwrap(), []);
}

/// The check above fails when compilation is refused (it used to accept an
/// `Invalid`, `Unsupported` or `Resource` error as a pass): an `i32.add`
/// with no operands nested 1,000 deep is invalid.
#[test]
#[should_panic(expected = "1000 nested blocks were refused")]
fn nested_blocks_that_do_not_compile_fail_the_check() {
    compile_and_run_nested(1000, &[0x02, 0x40], &[0x6a]);
}

/// Finding 1 (`fuzz/FINDINGS.md`): every constant scanned the whole control
/// stack, so 100,000 nested `if (i32.const 1)` took half a minute to compile.
#[test]
fn hundred_thousand_nested_ifs_compile_in_linear_time() {
    on_small_stack(|| {
        let start = std::time::Instant::now();
        compile_and_run_nested(100_000, &[0x41, 1, 0x04, 0x40], &[0x01]);
        let took = start.elapsed();
        // Linear is well under a second; quadratic was ~30 s.
        assert!(took.as_secs() < 5, "took {took:?}");
    });
}

// ---------------------------------------------------------------------------
// Execution.

#[test]
fn infinite_recursion_twice_on_the_same_store() {
    on_small_stack(|| {
        let engine = engine();
        let mut store = Store::new(&engine, ());
        let inst = instance(
            &engine,
            &mut store,
            r#"(module
                 (func $r (export "r") (call $r))
                 (func $r2 (export "r2") (param i64 f64) (result i32)
                   (call $r2 (local.get 0) (local.get 1)) (i32.const 1) (i32.add))
                 (func (export "ok") (result i32) (i32.const 7)))"#,
        );
        for _ in 0..2 {
            assert_eq!(trap_of(call(&mut store, &inst, "r", &[])), TrapCode::StackExhausted);
            let args = [Val::I64(1), Val::from(2.0)];
            assert_eq!(trap_of(call(&mut store, &inst, "r2", &args)), TrapCode::StackExhausted);
            assert_eq!(call(&mut store, &inst, "ok", &[]).unwrap(), [Val::I32(7)]);
        }
        let e = call(&mut store, &inst, "r", &[]).unwrap_err();
        assert!(e.to_string().contains("call stack exhausted"), "{e}");
    });
}

#[test]
fn infinite_loops_under_fuel() {
    let engine = fuel_engine();
    let mut store = Store::new(&engine, ());
    let inst = instance(
        &engine,
        &mut store,
        r#"(module
             (memory 1)
             (func (export "spin") (loop (br 0)))
             (func (export "spin_if") (loop (br_if 0 (i32.const 1))))
             (func (export "spin_table") (loop (br_table 0 0 (i32.const 0))))
             (func (export "spin_fill") (loop (memory.fill (i32.const 0) (i32.const 0) (i32.const 65536)) (br 0)))
             (func $rec (export "spin_calls") (param i32) (call $rec (i32.const 0)) (loop (br 0))))"#,
    );
    for name in ["spin", "spin_if", "spin_table", "spin_fill"] {
        store.set_fuel(100_000).unwrap();
        let t = trap_of(call(&mut store, &inst, name, &[]));
        assert_eq!(t, TrapCode::OutOfFuel, "{name}");
    }
    // Recursion runs out of fuel or of stack, whichever comes first.
    store.set_fuel(100_000).unwrap();
    let t = trap_of(call(&mut store, &inst, "spin_calls", &[Val::I32(0)]));
    assert!(matches!(t, TrapCode::OutOfFuel | TrapCode::StackExhausted), "{t:?}");
    // Resumable: suspends, and keeps suspending while fuel is added.
    store.set_fuel(1_000).unwrap();
    let f = inst.get_func(&store, "spin").unwrap();
    let mut call = f.call_resumable(&mut store, &[], &mut []).unwrap();
    for _ in 0..3 {
        let ResumableCall::Resumable(inv) = call else { panic!("an infinite loop finished") };
        assert!(inv.out_of_fuel());
        store.set_fuel(1_000).unwrap();
        call = inv.resume(&mut store, &[], &mut []).unwrap();
    }
}

fn limited_store(engine: &Engine, limits: StoreLimits) -> Store<StoreLimits> {
    let mut store = Store::new(engine, limits);
    store.limiter(|l| l);
    store
}

#[test]
fn huge_memory_and_table_grow_return_minus_one() {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
             (memory 1)
             (table $t 1 funcref)
             (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
             (func (export "tgrow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0))))"#,
    )
    .unwrap();
    let bounded = Module::new(
        &engine,
        r#"(module
             (memory 1 2)
             (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#,
    )
    .unwrap();
    let limits = StoreLimitsBuilder::new().memory_size(1 << 20).table_elements(1000).build();
    let mut store = limited_store(&engine, limits);
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    let grow = inst.get_typed_func::<i32, i32>(&store, "grow").unwrap();
    let inst_bounded = Instance::new(&mut store, &bounded, &[]).unwrap();
    let grow_bounded = inst_bounded.get_typed_func::<i32, i32>(&store, "grow").unwrap();
    let tgrow = inst.get_typed_func::<i32, i32>(&store, "tgrow").unwrap();
    for delta in [-1, i32::MIN, 0x1_0000, 0x1_0001, 17] {
        assert_eq!(grow.call(&mut store, delta).unwrap(), -1, "memory.grow {delta:#x}");
    }
    assert_eq!(grow_bounded.call(&mut store, 2).unwrap(), -1);
    assert_eq!(grow_bounded.call(&mut store, 0).unwrap(), 1);
    assert_eq!(grow_bounded.call(&mut store, 1).unwrap(), 1);
    assert_eq!(grow_bounded.call(&mut store, 1).unwrap(), -1);
    for delta in [-1, i32::MIN, 1000, 100_000_000] {
        assert_eq!(tgrow.call(&mut store, delta).unwrap(), -1, "table.grow {delta:#x}");
    }
    assert_eq!(tgrow.call(&mut store, 999).unwrap(), 1);
    assert_eq!(tgrow.call(&mut store, 1).unwrap(), -1);
    // Without a limiter: the address space bounds memory, u32 bounds tables.
    let mut store = Store::new(&engine, ());
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    let grow = inst.get_typed_func::<i32, i32>(&store, "grow").unwrap();
    let tgrow = inst.get_typed_func::<i32, i32>(&store, "tgrow").unwrap();
    assert_eq!(grow.call(&mut store, 0x1_0000).unwrap(), -1);
    assert_eq!(grow.call(&mut store, -1).unwrap(), -1);
    assert_eq!(tgrow.call(&mut store, -1).unwrap(), -1);
    assert_bounded_memory();
}

#[test]
fn huge_initial_memory_and_table_under_limits_fail_cleanly() {
    let engine = engine();
    let limits = || StoreLimitsBuilder::new().memory_size(1 << 20).table_elements(1000).build();
    for wat in [
        "(module (memory 65536))",
        "(module (memory 17))",
        "(module (table 1001 funcref))",
        "(module (table 0xffffffff funcref))",
    ] {
        let module = Module::new(&engine, wat).unwrap();
        let mut store = limited_store(&engine, limits());
        let e = Instance::new(&mut store, &module, &[]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Resource, "{wat}: {e:?}");
    }
    assert_bounded_memory();
}

#[test]
fn address_plus_offset_overflow() {
    let engine = engine();
    let mut store = Store::new(&engine, ());
    let inst = instance(
        &engine,
        &mut store,
        r#"(module
             (memory 1)
             (func (export "load_max") (param i32) (result i32) (i32.load offset=0xffffffff (local.get 0)))
             (func (export "load8_max") (param i32) (result i32) (i32.load8_u offset=0xffffffff (local.get 0)))
             (func (export "store_max") (param i32) (i64.store offset=0xfffffff8 (local.get 0) (i64.const 1)))
             (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
             (func (export "load64_off") (param i32) (result i64) (i64.load offset=8 (local.get 0))))"#,
    );
    for (name, addr) in [
        ("load_max", -1),
        ("load_max", 0),
        ("load_max", 1),
        ("load8_max", -1),
        ("load8_max", 1),
        ("store_max", -1),
        ("store_max", 8),
        ("load", -1),
        ("load", -4),
        ("load", 65533),
        ("load64_off", 65536 - 15),
        ("load64_off", -8),
    ] {
        assert_eq!(
            trap_of(call(&mut store, &inst, name, &[Val::I32(addr)])),
            TrapCode::MemoryOutOfBounds,
            "{name}({addr})"
        );
    }
    // The last in-bounds accesses.
    assert_eq!(call(&mut store, &inst, "load", &[Val::I32(65532)]).unwrap(), [Val::I32(0)]);
    assert_eq!(
        call(&mut store, &inst, "load64_off", &[Val::I32(65536 - 16)]).unwrap(),
        [Val::I64(0)]
    );
}

#[test]
fn bulk_memory_at_the_bounds_and_on_dropped_segments() {
    let engine = engine();
    let mut store = Store::new(&engine, ());
    let inst = instance(
        &engine,
        &mut store,
        r#"(module
             (memory 1)
             (data $d "abcd")
             (func (export "fill") (param i32 i32) (memory.fill (local.get 0) (i32.const 0x55) (local.get 1)))
             (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
             (func (export "init") (param i32 i32 i32) (memory.init $d (local.get 0) (local.get 1) (local.get 2)))
             (func (export "drop") (data.drop $d))
             (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0))))"#,
    );
    let ok = |store: &mut Store<()>, name: &str, args: &[i32]| {
        call(store, &inst, name, &i32s(args)).unwrap_or_else(|e| panic!("{name}{args:?}: {e}"));
    };
    let oob = |store: &mut Store<()>, name: &str, args: &[i32]| {
        assert_eq!(
            trap_of(call(store, &inst, name, &i32s(args))),
            TrapCode::MemoryOutOfBounds,
            "{name}{args:?}"
        );
    };
    const END: i32 = 65536;
    ok(&mut store, "fill", &[END - 10, 10]);
    ok(&mut store, "fill", &[END, 0]);
    oob(&mut store, "fill", &[END - 9, 10]);
    oob(&mut store, "fill", &[END + 1, 0]);
    oob(&mut store, "fill", &[0, -1]);
    oob(&mut store, "fill", &[-1, 2]);
    ok(&mut store, "copy", &[END - 10, 0, 10]);
    ok(&mut store, "copy", &[0, END - 10, 10]);
    ok(&mut store, "copy", &[END, END, 0]);
    oob(&mut store, "copy", &[END - 9, 0, 10]);
    oob(&mut store, "copy", &[0, END - 9, 10]);
    oob(&mut store, "copy", &[END + 1, 0, 0]);
    oob(&mut store, "copy", &[0, END + 1, 0]);
    oob(&mut store, "copy", &[0, 0, -1]);
    ok(&mut store, "init", &[END - 4, 0, 4]);
    ok(&mut store, "init", &[0, 4, 0]);
    ok(&mut store, "init", &[END, 0, 0]);
    oob(&mut store, "init", &[END - 3, 0, 4]);
    oob(&mut store, "init", &[0, 1, 4]);
    oob(&mut store, "init", &[0, 5, 0]);
    oob(&mut store, "init", &[END + 1, 0, 0]);
    assert_eq!(
        call(&mut store, &inst, "load8", &[Val::I32(END - 1)]).unwrap(),
        [Val::I32(b'd' as i32)]
    );
    // A trapping fill writes nothing (bounds are checked first).
    assert_eq!(call(&mut store, &inst, "load8", &[Val::I32(END - 20)]).unwrap(), [Val::I32(0)]);
    ok(&mut store, "drop", &[]);
    ok(&mut store, "drop", &[]);
    ok(&mut store, "init", &[0, 0, 0]);
    ok(&mut store, "init", &[END, 0, 0]);
    oob(&mut store, "init", &[0, 0, 1]);
    oob(&mut store, "init", &[0, 1, 0]);
}

#[test]
fn bulk_table_at_the_bounds_and_on_dropped_segments() {
    let engine = engine();
    let mut store = Store::new(&engine, ());
    let inst = instance(
        &engine,
        &mut store,
        r#"(module
             (table $t 10 funcref)
             (func $f)
             (elem $e func $f $f $f)
             (func (export "init") (param i32 i32 i32) (table.init $t $e (local.get 0) (local.get 1) (local.get 2)))
             (func (export "copy") (param i32 i32 i32) (table.copy (local.get 0) (local.get 1) (local.get 2)))
             (func (export "fill") (param i32 i32) (table.fill $t (local.get 0) (ref.func $f) (local.get 1)))
             (func (export "drop") (elem.drop $e)))"#,
    );
    let ok = |store: &mut Store<()>, name: &str, args: &[i32]| {
        call(store, &inst, name, &i32s(args)).unwrap_or_else(|e| panic!("{name}{args:?}: {e}"));
    };
    let oob = |store: &mut Store<()>, name: &str, args: &[i32]| {
        assert_eq!(
            trap_of(call(store, &inst, name, &i32s(args))),
            TrapCode::TableOutOfBounds,
            "{name}{args:?}"
        );
    };
    ok(&mut store, "init", &[7, 0, 3]);
    ok(&mut store, "init", &[10, 3, 0]);
    oob(&mut store, "init", &[8, 0, 3]);
    oob(&mut store, "init", &[0, 1, 3]);
    oob(&mut store, "init", &[11, 0, 0]);
    oob(&mut store, "init", &[0, 4, 0]);
    ok(&mut store, "copy", &[0, 7, 3]);
    ok(&mut store, "copy", &[10, 10, 0]);
    oob(&mut store, "copy", &[8, 0, 3]);
    oob(&mut store, "copy", &[11, 0, 0]);
    oob(&mut store, "copy", &[0, 0, -1]);
    ok(&mut store, "fill", &[0, 10]);
    ok(&mut store, "fill", &[10, 0]);
    oob(&mut store, "fill", &[1, 10]);
    oob(&mut store, "fill", &[11, 0]);
    ok(&mut store, "drop", &[]);
    ok(&mut store, "init", &[0, 0, 0]);
    oob(&mut store, "init", &[0, 0, 1]);
}

#[test]
fn call_indirect_null_and_wrong_signature() {
    let engine = engine();
    let mut store = Store::new(&engine, ());
    let inst = instance(
        &engine,
        &mut store,
        r#"(module
             (type $v (func))
             (type $i (func (result i32)))
             (table 4 funcref)
             (func $f (result i32) (i32.const 5))
             (elem (i32.const 1) $f)
             (func (export "call_v") (param i32) (call_indirect (type $v) (local.get 0)))
             (func (export "call_i") (param i32) (result i32) (call_indirect (type $i) (local.get 0))))"#,
    );
    let t = |store: &mut Store<()>, name: &str, i: i32| {
        trap_of(call(store, &inst, name, &[Val::I32(i)]))
    };
    assert_eq!(t(&mut store, "call_i", 0), TrapCode::UninitializedElement);
    assert_eq!(t(&mut store, "call_v", 0), TrapCode::UninitializedElement);
    assert_eq!(t(&mut store, "call_v", 1), TrapCode::IndirectCallTypeMismatch);
    assert_eq!(t(&mut store, "call_i", 4), TrapCode::UndefinedElement);
    assert_eq!(t(&mut store, "call_i", -1), TrapCode::UndefinedElement);
    assert_eq!(call(&mut store, &inst, "call_i", &[Val::I32(1)]).unwrap(), [Val::I32(5)]);
    let e = call(&mut store, &inst, "call_i", &[Val::I32(0)]).unwrap_err();
    assert!(e.to_string().contains("uninitialized element"), "{e}");
    let e = call(&mut store, &inst, "call_v", &[Val::I32(1)]).unwrap_err();
    assert!(e.to_string().contains("indirect call type mismatch"), "{e}");
}

#[test]
fn integer_division_edge_cases() {
    let engine = engine();
    let mut store = Store::new(&engine, ());
    let inst = instance(
        &engine,
        &mut store,
        r#"(module
             (func (export "rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
             (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
             (func (export "rem_s64") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
             (func (export "div_s64") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
             (func (export "rem_s_const") (result i32) (i32.rem_s (i32.const 0x80000000) (i32.const -1)))
             (func (export "div_s_const") (result i32) (i32.div_s (i32.const 0x80000000) (i32.const -1))))"#,
    );
    let min_m1 = i32s(&[i32::MIN, -1]);
    assert_eq!(call(&mut store, &inst, "rem_s", &min_m1).unwrap(), [Val::I32(0)]);
    assert_eq!(call(&mut store, &inst, "rem_s_const", &[]).unwrap(), [Val::I32(0)]);
    assert_eq!(trap_of(call(&mut store, &inst, "div_s", &min_m1)), TrapCode::IntegerOverflow);
    assert_eq!(trap_of(call(&mut store, &inst, "div_s_const", &[])), TrapCode::IntegerOverflow);
    let e = call(&mut store, &inst, "div_s", &min_m1).unwrap_err();
    assert!(e.to_string().contains("integer overflow"), "{e}");
    assert_eq!(
        trap_of(call(&mut store, &inst, "div_s", &i32s(&[1, 0]))),
        TrapCode::IntegerDivideByZero
    );
    assert_eq!(
        trap_of(call(&mut store, &inst, "rem_s", &i32s(&[1, 0]))),
        TrapCode::IntegerDivideByZero
    );
    let min_m1 = [Val::I64(i64::MIN), Val::I64(-1)];
    assert_eq!(call(&mut store, &inst, "rem_s64", &min_m1).unwrap(), [Val::I64(0)]);
    assert_eq!(trap_of(call(&mut store, &inst, "div_s64", &min_m1)), TrapCode::IntegerOverflow);
}

#[test]
fn host_function_with_300_parameters() {
    const N: usize = 300;
    let engine = engine();
    let params = " i32".repeat(N);
    let args: String = (1..=N).map(|i| format!("(i32.const {i}) ")).collect();
    let wat = format!(
        r#"(module
             (import "env" "sum" (func $sum (param{params}) (result i32)))
             (func (export "run") (result i32) (call $sum {args}))
             (func (export "wasm_sum") (param{params}) (result i32)
               (local $i i32) (local $acc i32)
               (local.get 0) (local.get 299) (i32.add)))"#
    );
    let module = Module::new(&engine, wat).unwrap();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    let ty = FuncType::new(&engine, vec![ValType::I32; N], [ValType::I32]);
    linker
        .func_new("env", "sum", ty, |_caller, params, results| {
            assert_eq!(params.len(), N);
            results[0] = Val::I32(params.iter().map(|p| p.i32().unwrap()).sum());
            Ok(())
        })
        .unwrap();
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let expected = (N * (N + 1) / 2) as i32;
    assert_eq!(call(&mut store, &inst, "run", &[]).unwrap(), [Val::I32(expected)]);
    // And the other direction: a Wasm function with 300 parameters called from the host.
    let args: Vec<Val> = (1..=N as i32).map(Val::I32).collect();
    assert_eq!(call(&mut store, &inst, "wasm_sum", &args).unwrap(), [Val::I32(1 + 300)]);
    // The wrong number of arguments is a usage error, not a panic.
    let e = call(&mut store, &inst, "wasm_sum", &args[..N - 1]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Usage);
}

#[test]
fn unbounded_host_reentry_is_a_clean_error() {
    on_small_stack(|| {
        let engine = engine();
        let module = Module::new(
            &engine,
            r#"(module
                 (import "env" "reenter" (func $reenter (param i32) (result i32)))
                 (func (export "f") (param i32) (result i32)
                   (call $reenter (i32.add (local.get 0) (i32.const 1)))))"#,
        )
        .unwrap();
        let mut store = Store::new(&engine, ());
        let mut linker = Linker::new(&engine);
        linker
            .func_wrap("env", "reenter", |mut caller: wasmite::Caller<'_, ()>, depth: i32| {
                let f = caller.get_export("f").unwrap().into_func().unwrap();
                let mut r = [Val::I32(0)];
                f.call(&mut caller, &[Val::I32(depth)], &mut r)?;
                Ok(r[0].i32().unwrap())
            })
            .unwrap();
        let inst = linker.instantiate(&mut store, &module).unwrap();
        for _ in 0..2 {
            let e = call(&mut store, &inst, "f", &[Val::I32(0)]).unwrap_err();
            assert!(e.to_string().contains("call stack exhausted"), "{e:?}");
        }
    });
}

#[test]
fn memory_grown_by_the_host_during_a_call_is_visible() {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
             (import "env" "grow" (func $grow))
             (memory (export "m") 1)
             (func (export "f") (result i32)
               (drop (i32.load (i32.const 0)))
               (call $grow)
               (i32.store (i32.const 65536) (i32.const 0x1234))
               (i32.add (i32.load (i32.const 65536)) (memory.size))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("env", "grow", |mut caller: wasmite::Caller<'_, ()>| {
            let m = caller.get_export("m").unwrap().into_memory().unwrap();
            m.grow(&mut caller, 1).unwrap();
        })
        .unwrap();
    let inst = linker.instantiate(&mut store, &module).unwrap();
    assert_eq!(call(&mut store, &inst, "f", &[]).unwrap(), [Val::I32(0x1234 + 2)]);
}

#[test]
fn table_changed_by_the_host_during_a_call_is_visible() {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
             (import "env" "grow" (func $grow))
             (table (export "t") 1 funcref)
             (func $seven (export "seven") (result i32) (i32.const 7))
             (func (export "f") (result i32)
               (call $grow)
               (call_indirect (result i32) (i32.const 1))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("env", "grow", |mut caller: wasmite::Caller<'_, ()>| {
            let t = caller.get_export("t").unwrap().into_table().unwrap();
            let seven = caller.get_export("seven").unwrap().into_func().unwrap();
            t.grow(&mut caller, 1, Ref::Func(Some(seven))).unwrap();
        })
        .unwrap();
    let inst = linker.instantiate(&mut store, &module).unwrap();
    assert_eq!(call(&mut store, &inst, "f", &[]).unwrap(), [Val::I32(7)]);
}

#[test]
fn start_function_out_of_fuel_and_instance_limits() {
    let engine = fuel_engine();
    let module = Module::new(&engine, "(module (func $s (loop (br 0))) (start $s))").unwrap();
    let mut store = Store::new(&engine, ());
    store.set_fuel(10_000).unwrap();
    let e = Instance::new(&mut store, &module, &[]).unwrap_err();
    assert_eq!(e.trap_code(), Some(TrapCode::OutOfFuel), "{e:?}");
    // Instance, memory and table counts.
    let limits = StoreLimitsBuilder::new().instances(2).memories(1).tables(1).build();
    let mut store = limited_store(&engine, limits);
    store.set_fuel(10_000).unwrap();
    let m = Module::new(&engine, "(module (memory 1) (table 1 funcref))").unwrap();
    let empty = Module::new(&engine, "(module)").unwrap();
    Instance::new(&mut store, &m, &[]).unwrap();
    let e = Instance::new(&mut store, &m, &[]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Resource, "{e:?}");
    Instance::new(&mut store, &empty, &[]).unwrap_or_else(|e| panic!("{e:?}"));
    let e = Instance::new(&mut store, &empty, &[]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Resource, "{e:?}");
}

#[test]
fn value_stack_exhaustion_with_many_locals() {
    on_small_stack(|| {
        let engine = Engine::new(Config::new().max_wasm_stack(1 << 20)).unwrap();
        let mut store = Store::new(&engine, ());
        let locals = " i64".repeat(1000);
        let inst = instance(
            &engine,
            &mut store,
            &format!(
                r#"(module (func $r (export "r") (param i32) (local{locals})
                     (call $r (i32.add (local.get 0) (i32.const 1)))))"#
            ),
        );
        for _ in 0..2 {
            let t = trap_of(call(&mut store, &inst, "r", &[Val::I32(0)]));
            assert_eq!(t, TrapCode::StackExhausted);
        }
    });
}

#[test]
fn float_to_int_traps() {
    let engine = engine();
    let mut store = Store::new(&engine, ());
    let inst = instance(
        &engine,
        &mut store,
        r#"(module
             (func (export "t32") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
             (func (export "t64u") (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
             (func (export "sat") (param f64) (result i32) (i32.trunc_sat_f64_s (local.get 0))))"#,
    );
    let t32 = |s: &mut Store<()>, x: f32| call(s, &inst, "t32", &[Val::from(x)]);
    assert_eq!(trap_of(t32(&mut store, f32::NAN)), TrapCode::InvalidConversionToInteger);
    assert_eq!(trap_of(t32(&mut store, 2147483648.0)), TrapCode::IntegerOverflow);
    assert_eq!(trap_of(t32(&mut store, f32::NEG_INFINITY)), TrapCode::IntegerOverflow);
    assert_eq!(t32(&mut store, -2147483648.0).unwrap(), [Val::I32(i32::MIN)]);
    let t64u = |s: &mut Store<()>, x: f64| call(s, &inst, "t64u", &[Val::from(x)]);
    assert_eq!(trap_of(t64u(&mut store, -1.0)), TrapCode::IntegerOverflow);
    assert_eq!(t64u(&mut store, -0.9).unwrap(), [Val::I64(0)]);
    assert_eq!(trap_of(t64u(&mut store, 18446744073709551616.0)), TrapCode::IntegerOverflow);
    let sat = |s: &mut Store<()>, x: f64| call(s, &inst, "sat", &[Val::from(x)]);
    assert_eq!(sat(&mut store, f64::NAN).unwrap(), [Val::I32(0)]);
    assert_eq!(sat(&mut store, 1e300).unwrap(), [Val::I32(i32::MAX)]);
    assert_eq!(sat(&mut store, -1e300).unwrap(), [Val::I32(i32::MIN)]);
}

/// Finding 3 (`fuzz/FINDINGS.md`): bulk operations cost one unit of fuel
/// whatever their length, so fuel did not bound running time: 10,000 units
/// of `memory.fill` over 64 MiB ran for 13 s (100,000 units: minutes).
#[test]
fn fuel_bounds_the_time_of_bulk_operations() {
    let engine = fuel_engine();
    let mut store = Store::new(&engine, ());
    let inst = instance(
        &engine,
        &mut store,
        r#"(module
             (memory 1024)
             (table 10000 funcref)
             (func (export "fill") (loop (memory.fill (i32.const 0) (i32.const 0) (i32.const 0x4000000)) (br 0)))
             (func (export "copy") (loop (memory.copy (i32.const 0) (i32.const 0x2000000) (i32.const 0x2000000)) (br 0)))
             (func (export "tfill") (loop (table.fill (i32.const 0) (ref.null func) (i32.const 10000)) (br 0))))"#,
    );
    for name in ["fill", "copy", "tfill"] {
        store.set_fuel(10_000).unwrap();
        let start = std::time::Instant::now();
        assert_eq!(trap_of(call(&mut store, &inst, name, &[])), TrapCode::OutOfFuel, "{name}");
        let took = start.elapsed();
        assert!(took.as_millis() < 2_000, "{name}: 10,000 units of fuel took {took:?}");
    }
}

/// GC is on by default; with `Config::wasm_gc(false)` a module using a GC
/// instruction or type is refused, not accepted or mistranslated. Rec
/// groups and subtypes compile and run by default.
#[test]
fn gc_modules_are_refused_with_gc_off() {
    let mut off = wasmite::Config::new();
    off.wasm_gc(false);
    let off = wasmite::Engine::new(&off).unwrap();
    let engine = wasmite::Engine::default();
    for body in [
        "(struct.new $s (i32.const 1)) (drop)",
        "(array.new_default $a (i32.const 3)) (drop)",
        "(ref.i31 (i32.const 5)) (drop)",
        "(any.convert_extern (ref.null extern)) (drop)",
    ] {
        let wat =
            format!("(module (type $s (struct (field i32))) (type $a (array i8)) (func {body}))");
        let err = Module::new(&off, &wat).map(drop).unwrap_err();
        assert!(
            matches!(err.kind(), wasmite::ErrorKind::Invalid | wasmite::ErrorKind::Malformed),
            "{body}: {err}"
        );
        Module::new(&engine, &wat).unwrap();
    }
    let module = Module::new(
        &engine,
        r#"(module
             (rec (type $f (sub (func (result i32)))) (type $g (sub $f (func (result i32)))))
             (func $k (type $g) (i32.const 42))
             (elem declare func $k)
             (func (export "run") (result i32) (call_ref $f (ref.func $k))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let inst = wasmite::Instance::new(&mut store, &module, &[]).unwrap();
    let run = inst.get_typed_func::<(), i32>(&store, "run").unwrap();
    assert_eq!(run.call(&mut store, ()).unwrap(), 42);
}
