//! Fuel for the bulk memory and table ops (`fuzz/FINDINGS.md`, findings 3
//! and 16), through the public API, on both backends: an op in bounds is
//! charged one unit per 64 bytes or 8 elements of its length before it
//! writes anything (a resumable call suspends before it and, resumed, does
//! it once); an op out of bounds traps out of bounds, charged nothing for
//! its length. Every variant: `memory.fill/copy/init`, `table.fill/copy/init`,
//! memory 0, another memory, memory64, table64, and copies between them.
//!
//! The programs are straight-line code of a few ops, so the threaded backend
//! runs here in debug builds too (its handlers' calls then nest, a few deep).

use wasmite::{
    Backend, Config, Engine, Extern, Instance, Module, ResumableCall, Store, TrapCode, Val,
};

fn backends() -> [Backend; 2] {
    [Backend::Portable, Backend::Threaded]
}

fn instance(backend: Backend, wat: &str) -> (Store<()>, Instance) {
    let engine = Engine::new(Config::new().backend(backend).consume_fuel(true)).unwrap();
    let mut store = Store::new(&engine, ());
    let module = Module::new(&engine, wat).unwrap();
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    (store, inst)
}

/// Bytes of a memory page; elements of each table.
const PAGE: u64 = 65536;
const TABLE: u64 = 100;
/// Lengths of the passive data and element segments.
const DATA: u64 = 200;
const ELEM: u64 = 40;

/// One export per variant, each `(param d s n)` running one bulk op (a
/// fill's `s` is its value; a table fill ignores it).
fn module() -> String {
    let data = "x".repeat(DATA as usize);
    let elem = " $f".repeat(ELEM as usize);
    format!(
        r#"(module
          (memory $m0 1)
          (memory $m1 1)
          (memory $m64 i64 1)
          (table $t0 {TABLE} funcref)
          (table $t64 i64 {TABLE} funcref)
          (data $d "{data}")
          (elem $e func{elem})
          (func $f)
          (func (export "fill0") (param i32 i32 i32) (memory.fill $m0 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "fill1") (param i32 i32 i32) (memory.fill $m1 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "fill64") (param i64 i32 i64) (memory.fill $m64 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "copy0") (param i32 i32 i32) (memory.copy $m0 $m0 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "copy1_0") (param i32 i32 i32) (memory.copy $m1 $m0 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "copy64") (param i64 i64 i64) (memory.copy $m64 $m64 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "copy0_64") (param i32 i64 i32) (memory.copy $m0 $m64 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "copy64_1") (param i64 i32 i32) (memory.copy $m64 $m1 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "init0") (param i32 i32 i32) (memory.init $m0 $d (local.get 0) (local.get 1) (local.get 2)))
          (func (export "init1") (param i32 i32 i32) (memory.init $m1 $d (local.get 0) (local.get 1) (local.get 2)))
          (func (export "init64") (param i64 i32 i32) (memory.init $m64 $d (local.get 0) (local.get 1) (local.get 2)))
          (func (export "tfill0") (param i32 i32 i32) (table.fill $t0 (local.get 0) (ref.null func) (local.get 2)))
          (func (export "tfill64") (param i64 i32 i64) (table.fill $t64 (local.get 0) (ref.null func) (local.get 2)))
          (func (export "tcopy0") (param i32 i32 i32) (table.copy $t0 $t0 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "tcopy64") (param i64 i64 i64) (table.copy $t64 $t64 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "tcopy0_64") (param i32 i64 i32) (table.copy $t0 $t64 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "tcopy64_0") (param i64 i32 i32) (table.copy $t64 $t0 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "tinit0") (param i32 i32 i32) (table.init $t0 $e (local.get 0) (local.get 1) (local.get 2)))
          (func (export "tinit64") (param i64 i32 i32) (table.init $t64 $e (local.get 0) (local.get 1) (local.get 2))))"#
    )
}

/// A variant: its export, which of `d s n` are i64, the extents of its
/// destination and source (`None`: a fill), and its unit of fuel
/// (`1 << shift` bytes or elements).
struct Variant {
    name: &'static str,
    wide: [bool; 3],
    dst: u64,
    src: Option<u64>,
    shift: u32,
    oob: TrapCode,
}

fn variants() -> Vec<Variant> {
    let (n, w) = (false, true);
    let mem = |name, wide, src| Variant {
        name,
        wide,
        dst: PAGE,
        src,
        shift: 6,
        oob: TrapCode::MemoryOutOfBounds,
    };
    let table = |name, wide, src| Variant {
        name,
        wide,
        dst: TABLE,
        src,
        shift: 3,
        oob: TrapCode::TableOutOfBounds,
    };
    vec![
        mem("fill0", [n, n, n], None),
        mem("fill1", [n, n, n], None),
        mem("fill64", [w, n, w], None),
        mem("copy0", [n, n, n], Some(PAGE)),
        mem("copy1_0", [n, n, n], Some(PAGE)),
        mem("copy64", [w, w, w], Some(PAGE)),
        mem("copy0_64", [n, w, n], Some(PAGE)),
        mem("copy64_1", [w, n, n], Some(PAGE)),
        mem("init0", [n, n, n], Some(DATA)),
        mem("init1", [n, n, n], Some(DATA)),
        mem("init64", [w, n, n], Some(DATA)),
        table("tfill0", [n, n, n], None),
        table("tfill64", [w, n, w], None),
        table("tcopy0", [n, n, n], Some(TABLE)),
        table("tcopy64", [w, w, w], Some(TABLE)),
        table("tcopy0_64", [n, w, n], Some(TABLE)),
        table("tcopy64_0", [w, n, n], Some(TABLE)),
        table("tinit0", [n, n, n], Some(ELEM)),
        table("tinit64", [w, n, n], Some(ELEM)),
    ]
}

/// The all-ones value of an operand: -1 as an i32 or an i64.
fn ones(wide: bool) -> u64 {
    if wide { u64::MAX } else { u64::from(u32::MAX) }
}

/// Call `v` with `args` and plenty of fuel: the fuel it took and how it ended.
fn run(
    store: &mut Store<()>,
    inst: &Instance,
    v: &Variant,
    args: [u64; 3],
) -> (u64, Result<(), TrapCode>) {
    let f = inst.get_func(&*store, v.name).unwrap();
    let args: Vec<Val> = args
        .iter()
        .zip(v.wide)
        .map(|(&a, wide)| if wide { Val::I64(a as i64) } else { Val::I32(a as u32 as i32) })
        .collect();
    const FUEL: u64 = 1 << 40;
    store.set_fuel(FUEL).unwrap();
    let r = f.call(&mut *store, &args, &mut []).map_err(|e| e.trap_code().expect("a trap"));
    (FUEL - store.get_fuel().unwrap(), r)
}

#[test]
fn bulk_ops_out_of_bounds_trap_without_charging_their_length() {
    for backend in backends() {
        let (mut store, inst) = instance(backend, &module());
        for v in variants() {
            let at = |what: &str| format!("{} on {backend:?}: {what}", v.name);
            // The basic block's own cost: a call of length 0.
            let (base, r) = run(&mut store, &inst, &v, [0, 0, 0]);
            assert_eq!(r, Ok(()), "{}", at("length 0"));
            assert!(base < 10, "{}", at(&format!("a call of length 0 took {base} fuel")));
            let (dw, sw, nw) = (v.wide[0], v.wide[1], v.wide[2]);
            let mut cases = vec![
                ("all-ones length", [0, 0, ones(nw)]),
                ("all-ones destination", [ones(dw), 0, 1]),
                ("whole destination, one past", [1, 0, v.dst]),
                ("twice the destination", [0, 0, 2 * v.dst]),
            ];
            if let Some(src) = v.src {
                cases.push(("all-ones source", [0, ones(sw), 1]));
                cases.push(("whole source, one past", [0, 1, src]));
            }
            if nw {
                cases.push(("a length past 32 bits", [0, 0, 1 << 40]));
            }
            for (what, args) in cases {
                let (fuel, r) = run(&mut store, &inst, &v, args);
                assert_eq!(r, Err(v.oob), "{}", at(what));
                assert_eq!(fuel, base, "{}", at(&format!("{what}: charged beyond its block")));
            }
        }
    }
}

#[test]
fn bulk_ops_in_bounds_are_charged_for_their_length() {
    for backend in backends() {
        let (mut store, inst) = instance(backend, &module());
        for v in variants() {
            let at = |what: &str| format!("{} on {backend:?}: {what}", v.name);
            let (base, r) = run(&mut store, &inst, &v, [0, 0, 0]);
            assert_eq!(r, Ok(()), "{}", at("length 0"));
            // Up to the last byte or element of both sides, and shorter.
            let longest = v.src.map_or(v.dst, |s| s.min(v.dst));
            let lengths = [longest, longest - 1, longest / 2, 64, 63, 8, 7, 1];
            for n in lengths.into_iter().filter(|&n| n <= longest) {
                let s = v.src.map_or(0, |s| s - n);
                let (fuel, r) = run(&mut store, &inst, &v, [v.dst - n, s, n]);
                assert_eq!(r, Ok(()), "{}", at(&format!("length {n}")));
                assert_eq!(fuel, base + (n >> v.shift), "{}", at(&format!("length {n}")));
            }
        }
    }
}

/// Finding 16's module: with fuel, it must trap out of bounds at once (it
/// ran out of fuel, or suspended asking for 67,108,863 units).
#[test]
fn finding_16_traps_out_of_bounds_with_fuel() {
    let wat = r#"(module (memory 0) (func (export "w") (memory.copy (i32.const 0) (i32.const 0) (i32.const -1))))"#;
    for backend in backends() {
        let (mut store, inst) = instance(backend, wat);
        let w = inst.get_func(&store, "w").unwrap();
        store.set_fuel(100).unwrap();
        let e = w.call(&mut store, &[], &mut []).unwrap_err();
        assert_eq!(e.trap_code(), Some(TrapCode::MemoryOutOfBounds), "{backend:?}: {e}");
        assert!(store.get_fuel().unwrap() > 90, "{backend:?}");
        store.set_fuel(100).unwrap();
        match w.call_resumable(&mut store, &[], &mut []) {
            Err(e) => {
                assert_eq!(e.trap_code(), Some(TrapCode::MemoryOutOfBounds), "{backend:?}: {e}")
            }
            Ok(ResumableCall::Finished) => panic!("{backend:?}: finished"),
            Ok(ResumableCall::Resumable(inv)) => {
                panic!("{backend:?}: suspended asking for {:?} fuel", inv.required_fuel())
            }
        }
    }
}

/// A resumable call short of fuel for an in-bounds bulk op suspends before
/// it, with nothing written, and resumed with enough does it once (an
/// overlapping copy: done twice, it would shift the bytes twice).
#[test]
fn a_resumed_call_does_a_bulk_op_once() {
    let wat = r#"(module
      (memory (export "mem") 1)
      (data (i32.const 0) "\01\02\03\04\05")
      (func (export "shift") (memory.copy (i32.const 1) (i32.const 0) (i32.const 65535))))"#;
    let cost = 65535 >> 6;
    for backend in backends() {
        let (mut store, inst) = instance(backend, wat);
        let mem = inst.get_export(&store, "mem").and_then(Extern::into_memory).unwrap();
        let shift = inst.get_func(&store, "shift").unwrap();
        store.set_fuel(100).unwrap();
        let mut call = shift.call_resumable(&mut store, &[], &mut []).unwrap();
        // Short of fuel, again and again: nothing written.
        for fuel in [cost - 1, 0, cost - 1] {
            let ResumableCall::Resumable(inv) = call else {
                panic!("{backend:?}: finished with {fuel} fuel short")
            };
            assert!(inv.out_of_fuel(), "{backend:?}");
            assert_eq!(inv.required_fuel(), Some(cost), "{backend:?}");
            assert_eq!(mem.data(&store)[..7], [1, 2, 3, 4, 5, 0, 0], "{backend:?}");
            store.set_fuel(fuel).unwrap();
            call = inv.resume(&mut store, &[], &mut []).unwrap();
        }
        let ResumableCall::Resumable(inv) = call else { panic!("{backend:?}: finished") };
        store.set_fuel(cost).unwrap();
        let done = inv.resume(&mut store, &[], &mut []).unwrap();
        assert!(matches!(done, ResumableCall::Finished), "{backend:?}");
        assert_eq!(mem.data(&store)[..7], [1, 1, 2, 3, 4, 5, 0], "{backend:?}");
        assert_eq!(store.get_fuel().unwrap(), 0, "{backend:?}: the block was charged again");
    }
}
