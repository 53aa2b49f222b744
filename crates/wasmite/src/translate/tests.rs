//! Translator tests: run small functions and check both the result and the
//! shape of the IR where the shape is the point (fusion, local folding).

use crate::{Engine, Instance, Module, Store, Val};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

fn run(wat: &str, func: &str, args: &[Val]) -> (Vec<Val>, String) {
    let engine = Engine::default();
    let module = Module::new(&engine, wat).expect("compile");
    let mut store = Store::new(&engine, ());
    let inst = Instance::new(&mut store, &module, &[]).expect("instantiate");
    let f = inst.get_func(&store, func).unwrap();
    let mut results = vec![Val::I32(0); f.ty(&store).results().len()];
    f.call(&mut store, args, &mut results).expect("call");
    let ir = (0..module.inner.funcs.len() as u32).filter_map(|i| module.disassemble(i)).collect();
    (results, ir)
}

#[test]
fn loop_with_fused_branch_and_folded_local() {
    let (r, ir) = run(
        r#"(module (func (export "sum") (param i32) (result i32) (local i32 i32)
            (block (loop
              (br_if 1 (i32.ge_s (local.get 1) (local.get 0)))
              (local.set 2 (i32.add (local.get 2) (local.get 1)))
              (local.set 1 (i32.add (local.get 1) (i32.const 1)))
              (br 0)))
            (local.get 2)))"#,
        "sum",
        &[Val::I32(100)],
    );
    assert_eq!(r, vec![Val::I32(4950)]);
    assert!(ir.contains("BrI32GeS"), "{ir}");
    // (The step and the inverted exit test at the bottom fuse.)
    assert!(ir.contains("I32AddImmBrLtS a=1, imm=1, b=0, target=2"), "{ir}");
    assert!(!ir.contains("Copy"), "{ir}");
}

#[test]
fn local_preserved_when_overwritten_under_use() {
    // (local.get 0) is on the stack when local 0 is overwritten.
    let (r, _) = run(
        r#"(module (func (export "f") (param i32) (result i32)
            (local.get 0)
            (local.set 0 (i32.const 7))
            (local.get 0)
            (i32.sub)))"#,
        "f",
        &[Val::I32(10)],
    );
    assert_eq!(r, vec![Val::I32(3)]);
}

#[test]
fn if_with_params_keeps_originals_for_else() {
    let wat = r#"(module (func (export "f") (param i32 i32) (result i32)
        (local.get 0)
        (local.get 1)
        (if (param i32) (result i32) (i32.const 0)
          (then (i32.const 100) (i32.add))
          (else (i32.const 1) (i32.sub)))
        (i32.add)))"#;
    let (r, _) = run(wat, "f", &[Val::I32(5), Val::I32(8)]);
    assert_eq!(r, vec![Val::I32(5 + 7)]);
}

#[test]
fn multi_value_block_and_return() {
    let (r, _) = run(
        r#"(module (func (export "swap") (param i32 i32) (result i32 i32)
            (block (result i32 i32) (local.get 1) (local.get 0))))"#,
        "swap",
        &[Val::I32(1), Val::I32(2)],
    );
    assert_eq!(r, vec![Val::I32(2), Val::I32(1)]);
}

#[test]
fn br_table_with_values() {
    let wat = r#"(module (func (export "f") (param i32) (result i32)
        (block (result i32) (block (result i32) (block (result i32)
          (i32.const 10) (local.get 0) (br_table 0 1 2))
          (i32.const 1) (i32.add)) (i32.const 2) (i32.add))))"#;
    for (i, want) in [(0, 13), (1, 12), (2, 10), (9, 10)] {
        assert_eq!(run(wat, "f", &[Val::I32(i)]).0, vec![Val::I32(want)]);
    }
}

#[test]
fn accumulator_carries_single_use_temps() {
    // x * 31 + y: the product goes to the add through the accumulator; the
    // sum is returned by writing slot 0 directly.
    let (r, ir) = run(
        r#"(module (func (export "f") (param i32 i32) (result i32)
            (i32.add (i32.mul (local.get 0) (i32.const 31)) (local.get 1))))"#,
        "f",
        &[Val::I32(3), Val::I32(4)],
    );
    assert_eq!(r, vec![Val::I32(97)]);
    assert!(ir.contains("I32MulImm dst=acc, a=0, imm=31"), "{ir}");
    assert!(ir.contains("I32Add dst=0, a=acc, b=1"), "{ir}");
    assert!(ir.contains("Return \n"), "{ir}");
}

#[test]
fn accumulator_not_used_across_a_jump_target() {
    // The if's result is produced on two paths: it must land in a slot.
    let wat = r#"(module (func (export "f") (param i32) (result i32)
        (i32.add
          (if (result i32) (local.get 0)
            (then (i32.mul (local.get 0) (i32.const 3)))
            (else (i32.const 5)))
          (i32.const 1))))"#;
    let (r, ir) = run(wat, "f", &[Val::I32(2)]);
    assert_eq!(r, vec![Val::I32(7)]);
    let (r, ir2) = run(wat, "f", &[Val::I32(0)]);
    assert_eq!(r, vec![Val::I32(6)]);
    assert_eq!(ir, ir2);
    assert_no_target_reads_acc(&ir);
}

/// No op that a jump lands on reads the accumulator (written by whatever op
/// ran before the jump).
fn assert_no_target_reads_acc(ir: &str) {
    let targets: Vec<&str> =
        ir.split("target=").skip(1).map(|t| t.split(['\n', ',']).next().unwrap().trim()).collect();
    for line in ir.lines() {
        let Some((n, rest)) = line.trim().split_once(": ") else { continue };
        let reads_acc = rest
            .split(", ")
            .skip(1)
            .chain(rest.split(' ').nth(1))
            .any(|f| f.ends_with("=acc") && !f.starts_with("dst="));
        assert!(
            !(reads_acc && targets.contains(&n)),
            "op {n} is a jump target and reads acc:\n{ir}"
        );
    }
}

#[test]
fn results_stored_to_locals_are_forwarded_in_the_accumulator() {
    // `local.set` keeps the value in its slot, and the next op reads it
    // from the accumulator (a commutative one swapping its operands to).
    let wat = r#"(module (func (export "f") (param i32) (result i32) (local i32 i32)
        (local.set 1 (i32.mul (local.get 0) (i32.const 3)))
        (local.set 2 (i32.sub (local.get 1) (local.get 0)))
        (local.set 2 (i32.add (local.get 0) (local.get 2)))
        (i32.add (local.get 2) (local.get 1))))"#;
    let (r, ir) = run(wat, "f", &[Val::I32(5)]);
    assert_eq!(r, vec![Val::I32(30)]);
    assert!(ir.contains("I32MulImm dst=1, a=0, imm=3\n"), "{ir}");
    assert!(ir.contains("I32Sub dst=2, a=acc, b=0\n"), "{ir}");
    assert!(ir.contains("I32Add dst=2, a=acc, b=0\n"), "{ir}");
    assert!(ir.contains("I32Add dst=0, a=acc, b=1\n"), "{ir}");
}

#[test]
fn address_arithmetic_fuses_into_loads_and_stores() {
    // a[i] = a[i + 1] + 1 over an i32 array at 64: shl+add fuses; a load
    // and a store take the add-immediate of their address.
    let (r, ir) = run(
        r#"(module (memory 1) (data (i32.const 68) "\07")
            (func (export "f") (param i32) (result i32)
              (i32.store (i32.add (i32.shl (local.get 0) (i32.const 2)) (i32.const 64))
                (i32.add (i32.load (i32.add (local.get 0) (i32.const 68))) (i32.const 1)))
              (i32.store (i32.add (local.get 0) (i32.const 72)) (local.get 0))
              (i32.add (i32.load offset=64 (local.get 0)) (i32.load offset=72 (local.get 0)))))"#,
        "f",
        &[Val::I32(0)],
    );
    assert_eq!(r, vec![Val::I32(8)]);
    assert!(ir.contains("I32ShlAddImm dst=1, a=0, shift=2, imm=64"), "{ir}");
    assert!(ir.contains("I32Load dst=acc, addr=0, offset=0, add=68"), "{ir}");
    assert!(ir.contains("Store32 src=0, addr=0, offset=0, add=72"), "{ir}");
}

#[test]
fn address_addend_wraps_like_the_add_it_replaces() {
    // (x + 0xffff_fff0) wraps to x - 16 before the offset is added.
    let (r, ir) = run(
        r#"(module (memory 1) (data (i32.const 16) "\2a")
            (func (export "f") (param i32) (result i32)
              (i32.load8_u (i32.add (local.get 0) (i32.const -16)))))"#,
        "f",
        &[Val::I32(32)],
    );
    assert_eq!(r, vec![Val::I32(42)]);
    assert!(ir.contains("add=-16"), "{ir}");
}

#[test]
fn indexed_loads_fuse_and_wrap_like_the_shift_and_add() {
    // a[i] for an i32 and an f64 array, read once each: shl+add+load fuse.
    // The scaled index wraps in 32 bits before the offset is added:
    // (0x4000_0001 << 2) + 12 = 16, and 16 + offset 4 = 20.
    let wat = r#"(module (memory 1) (data (i32.const 20) "\2a") (data (i32.const 24) "\00\00\00\00\00\00\f8\3f")
        (func (export "f") (param i32 i32) (result i32 f64)
          (i32.load offset=4 (i32.add (i32.shl (local.get 0) (i32.const 2)) (i32.const 12)))
          (f64.load (i32.add (i32.shl (local.get 1) (i32.const 3)) (i32.const 16)))))"#;
    let (r, ir) = run(wat, "f", &[Val::I32(0x4000_0001), Val::I32(1)]);
    assert_eq!(r, vec![Val::I32(42), Val::F64(1.5f64.to_bits())]);
    assert!(ir.contains("Load32Idx dst=2, a=0, shift=2, offset=4, add=12"), "{ir}");
    assert!(ir.contains("Load64Idx dst=3, a=1, shift=3, offset=0, add=16"), "{ir}");
    // Out of bounds traps as the unfused load does.
    let engine = Engine::default();
    let module = Module::new(&engine, wat).unwrap();
    let mut store = Store::new(&engine, ());
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    let f = inst.get_func(&store, "f").unwrap();
    let mut out = [Val::I32(0), Val::F64(0)];
    let e = f.call(&mut store, &[Val::I32(0x3fff), Val::I32(0)], &mut out).unwrap_err();
    assert!(e.to_string().contains("out of bounds"), "{e}");
}

#[test]
fn a_br_table_tail_is_copied_with_all_its_entries() {
    // Both arms of the `if` jump to the join point `i32.const 2; br_table`:
    // each gets a copy of it, with both entries.
    let wat = r#"(module
        (func (export "f") (param i32) (result i32)
          (block (result i32)
            (if (result i32) (local.get 0)
              (then (call $g) (i32.const 1))
              (else (call $g) (i32.const 0)))
            (i32.const 2)
            (br_table 0 0)))
        (func $g))"#;
    for (x, want) in [(7, 1), (0, 0)] {
        let (r, ir) = run(wat, "f", &[Val::I32(x)]);
        assert_eq!(r, vec![Val::I32(want)]);
        assert_eq!(ir.matches("BrTable").count(), 2, "{ir}");
    }
}

#[test]
fn a_switch_loop_gets_a_dispatch_per_case() {
    // A bytecode loop: each case jumps back to the `br_table` head, which is
    // copied into it (so the tail `br` is gone and the dispatch replicated).
    let wat = r#"(module
        (func (export "f") (param i32) (result i32) (local $acc i32) (local $pc i32)
          (local.set $acc (i32.const 100))
          (loop $next
            (block $halt (block $dec (block $add3
              (br_table $add3 $dec $halt
                (i32.rem_u (local.get $pc) (i32.const 3))))
              ;; add3
              (local.set $acc (i32.add (local.get $acc) (i32.const 3)))
              (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
              (br $next))
              ;; dec
              (local.set $acc (i32.sub (local.get $acc) (i32.const 1)))
              (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
              (br $next))
            ;; halt, after the first pass unless the parameter says go on
            (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
            (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
            (br_if $next (i32.gt_s (local.get 0) (i32.const 0))))
          (local.get $acc)))"#;
    // 4 passes of add3, dec: 100 + 4 * (3 - 1).
    let (r, ir) = run(wat, "f", &[Val::I32(4)]);
    assert_eq!(r, vec![Val::I32(108)]);
    assert_eq!(ir.matches("BrTable").count(), 3, "{ir}");
}

#[test]
fn a_latch_is_copied_into_each_arm_that_jumps_to_it() {
    // Sum of the odd numbers below n plus twice the even ones: the `then`
    // arm ends in a `br` to the latch `i++; if (i < n) continue`, which is
    // copied there, with a `Br` for the copy's fallthrough (the loop exit).
    let wat = r#"(module
        (func (export "f") (param $n i32) (result i32) (local $i i32) (local $s i32)
          (loop $l
            (if (i32.and (local.get $i) (i32.const 1))
              (then (local.set $s (i32.add (local.get $s) (local.get $i))))
              (else (local.set $s (i32.add (local.get $s) (i32.shl (local.get $i) (i32.const 1))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
          (local.get $s)))"#;
    for (n, want) in [(10, 25 + 40), (1, 0), (0, 0)] {
        let (r, ir) = run(wat, "f", &[Val::I32(n)]);
        assert_eq!(r, vec![Val::I32(want)], "n = {n}");
        // The latch is one op, the counter step fused with its branch.
        assert_eq!(ir.matches("I32AddImmBrLtU a=1, imm=1, b=0").count(), 2, "{ir}");
    }
}

#[test]
fn forward_conditional_tails_are_not_copied() {
    // The join point ends in a forward `br_if` (no loop): left alone.
    let wat = r#"(module
        (func (export "f") (param i32) (result i32)
          (block $out
            (if (local.get 0)
              (then (local.set 0 (i32.add (local.get 0) (i32.const 5))))
              (else (local.set 0 (i32.const 9))))
            (br_if $out (i32.gt_u (local.get 0) (i32.const 8)))
            (local.set 0 (i32.const 0)))
          (local.get 0)))"#;
    for (x, want) in [(4, 9), (1, 0), (0, 9)] {
        let (r, ir) = run(wat, "f", &[Val::I32(x)]);
        assert_eq!(r, vec![Val::I32(want)], "x = {x}");
        assert_eq!(ir.matches("BrI32GtU").count(), 1, "{ir}");
    }
}

#[test]
fn a_loop_at_function_entry_is_not_op_zero() {
    // The threaded backend's branches take the target's handler from the op
    // before the target, so nothing may jump to op 0.
    let (r, ir) = run(
        r#"(module (func (export "f") (param i32) (result i32)
            (loop $l (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
            (local.get 0)))"#,
        "f",
        &[Val::I32(5)],
    );
    assert_eq!(r, vec![Val::I32(0)]);
    assert!(ir.contains("0: Br target=1"), "{ir}");
}

#[test]
fn additions_of_constants_fold_into_one() {
    // `(x + 112) + 8` and `(x + 112) - 120`: one add each, wrapping.
    let wat = r#"(module (func (export "f") (param i32) (result i32 i32)
        (i32.add (i32.add (local.get 0) (i32.const 112)) (i32.const 8))
        (i32.sub (i32.add (local.get 0) (i32.const 112)) (i32.const 120))))"#;
    for x in [0, 5, i32::MAX, -116] {
        let (r, ir) = run(wat, "f", &[Val::I32(x)]);
        assert_eq!(r, vec![Val::I32(x.wrapping_add(120)), Val::I32(x.wrapping_sub(8))]);
        assert!(ir.contains("I32AddImm dst=1, a=0, imm=120"), "{ir}");
        assert!(ir.contains("I32AddImm dst=2, a=0, imm=-8"), "{ir}");
        assert_eq!(ir.matches("I32AddImm").count(), 2, "{ir}");
    }
}

#[test]
fn a_counter_update_in_memory_is_one_op() {
    // `p->n += 5` at offset 8, twice; then at the end of memory (traps, and
    // leaves memory alone); a store elsewhere is not fused.
    let wat = r#"(module (memory 1)
        (func (export "f") (param i32) (result i32)
          (i32.store offset=8 (local.get 0) (i32.add (i32.load offset=8 (local.get 0)) (i32.const 5)))
          (i32.store offset=8 (local.get 0) (i32.add (i32.load offset=8 (local.get 0)) (i32.const -1)))
          (i32.load offset=8 (local.get 0)))
        (func (export "g") (param i32) (result i32)
          (i32.store offset=12 (local.get 0) (i32.add (i32.load offset=8 (local.get 0)) (i32.const 5)))
          (i32.load offset=12 (local.get 0))))"#;
    let engine = Engine::default();
    let module = Module::new(&engine, wat).unwrap();
    let ir = module.disassemble(0).unwrap();
    assert_eq!(ir.matches("I32AddImmMem addr=0, offset=8, add=0, imm=").count(), 2, "{ir}");
    assert!(!module.disassemble(1).unwrap().contains("I32AddImmMem"));
    let mut store = Store::new(&engine, ());
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    let f = inst.get_typed_func::<i32, i32>(&store, "f").unwrap();
    assert_eq!(f.call(&mut store, 100).unwrap(), 4);
    assert_eq!(f.call(&mut store, 100).unwrap(), 8);
    let e = f.call(&mut store, 65536 - 11).unwrap_err();
    assert!(e.to_string().contains("out of bounds"), "{e}");
    assert_eq!(f.call(&mut store, 65536 - 12).unwrap(), 4);
    let g = inst.get_typed_func::<i32, i32>(&store, "g").unwrap();
    assert_eq!(g.call(&mut store, 100).unwrap(), 13);
}

#[test]
fn a_trap_reports_the_offset_of_its_instruction() {
    // `nop nop unreachable end`, after a loop (copied latch) and a division
    // by zero: each trap names the byte of its own instruction.
    let wat = r#"(module
        (func (export "f") (param i32) (result i32) (local i32)
          (loop $l (local.set 1 (i32.add (local.get 1) (i32.const 1)))
            (br_if $l (i32.lt_u (local.get 1) (i32.const 3))))
          (if (local.get 0) (then (drop (i32.div_u (local.get 1) (i32.const 0)))))
          nop nop unreachable))"#;
    let wasm = wat::parse_str(wat).unwrap();
    let at = |pattern: &[u8]| wasm.windows(pattern.len()).position(|w| w == pattern).unwrap();
    let unreachable = at(&[0x01, 0x01, 0x00, 0x0b]) + 2;
    let div = at(&[0x41, 0x00, 0x6e]) + 2;
    let engine = Engine::default();
    let module = Module::new(&engine, &wasm).unwrap();
    let mut store = Store::new(&engine, ());
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    let f = inst.get_typed_func::<i32, i32>(&store, "f").unwrap();
    for (arg, want) in [(0, unreachable), (1, div)] {
        let e = f.call(&mut store, arg).unwrap_err();
        let frames = e.downcast_ref::<crate::WasmBacktrace>().expect("a backtrace").frames();
        assert_eq!(frames[0].module_offset(), Some(want), "{e}");
    }
}

#[test]
fn loop_counter_steps_fuse_with_their_branch() {
    // `a += step; if (a CMP limit) continue`, for each fused comparison;
    // returns the iteration count and the final `a`. Cases cross the
    // signed and unsigned wrap.
    type Cmp = fn(u32, u32) -> bool;
    let cmps: [(&str, &str, Option<i32>, Cmp); 7] = [
        ("ne", "I32AddImmBrNe ", None, |a, b| a != b),
        ("lt_u", "I32AddImmBrLtU ", None, |a, b| a < b),
        ("ge_u", "I32AddImmBrGeU ", None, |a, b| a >= b),
        ("lt_s", "I32AddImmBrLtS ", None, |a, b| (a as i32) < b as i32),
        ("ne", "I32AddImmBrNeImm ", Some(-8), |a, b| a != b),
        ("lt_u", "I32AddImmBrLtUImm ", Some(40), |a, b| a < b),
        ("gt_u", "I32AddImmBrGtUImm ", Some(-20), |a, b| a > b),
    ];
    for (cmp, op, imm, f) in cmps {
        let mut tested = 0;
        for step in [4i32, -4] {
            let limit = match imm {
                Some(n) => format!("(i32.const {n})"),
                None => "(local.get 1)".to_string(),
            };
            let wat = format!(
                r#"(module (func (export "f") (param i32 i32) (result i32 i32) (local i32)
                  (loop $l
                    (local.set 2 (i32.add (local.get 2) (i32.const 1)))
                    (local.set 0 (i32.add (local.get 0) (i32.const {step})))
                    (br_if $l (i32.{cmp} (local.get 0) {limit})))
                  (local.get 2) (local.get 0)))"#
            );
            let starts = [0u32, 0x7fff_fff0, 0xffff_fff0, 0x8000_0004, 20];
            for (start, lim) in starts.iter().flat_map(|&s| [(s, 16u32), (s, 0x8000_0000), (s, 8)])
            {
                let lim = imm.map_or(lim, |n| n as u32);
                // Reference, capped: skip cases that loop (nearly) forever.
                let (mut a, mut n) = (start, 0u32);
                loop {
                    n += 1;
                    a = a.wrapping_add(step as u32);
                    if !f(a, lim) || n > 64 {
                        break;
                    }
                }
                if n > 64 {
                    continue;
                }
                let (r, ir) = run(&wat, "f", &[Val::I32(start as i32), Val::I32(lim as i32)]);
                assert_eq!(
                    r,
                    vec![Val::I32(n as i32), Val::I32(a as i32)],
                    "{cmp} {step} {start:#x} {lim:#x}"
                );
                assert!(ir.contains(op), "{op}: {ir}");
                tested += 1;
            }
        }
        assert!(tested >= 4, "{op}: {tested} cases");
    }
}

#[test]
fn bit_tests_and_offset_switches_fuse() {
    let (r, ir) = run(
        r#"(module (func (export "f") (param i32) (result i32)
            (if (i32.and (local.get 0) (i32.const 4)) (then (return (i32.const 100))))
            (block (block (block
              (br_table 0 1 2 (i32.sub (local.get 0) (i32.const 1))))
              (return (i32.const 10)))
              (return (i32.const 20)))
            (i32.const 30)))"#,
        "f",
        &[Val::I32(2)],
    );
    assert_eq!(r, vec![Val::I32(20)]);
    assert!(ir.contains("BrI32AndEqz a=0, imm=4"), "{ir}");
    assert!(ir.contains("BrTable index=0, len=3, add=-1"), "{ir}");
}

#[test]
fn negated_bit_test_and_switch_on_computed_index_fuse() {
    let (r, ir) = run(
        r#"(module (func (export "f") (param i32) (result i32)
            (block (br_if 0 (i32.eqz (i32.and (local.get 0) (i32.const 1))))
              (return (i32.const 1)))
            (block (block
              (br_table 0 1 (i32.add (i32.mul (local.get 0) (i32.const 3)) (i32.const -6))))
              (return (i32.const 10)))
            (i32.const 20)))"#,
        "f",
        &[Val::I32(2)],
    );
    assert_eq!(r, vec![Val::I32(10)]);
    assert!(ir.contains("BrI32AndEqz a=0, imm=1"), "{ir}");
    assert!(ir.contains("I32MulImm dst=acc, a=0, imm=3"), "{ir}");
    assert!(ir.contains("BrTable index=acc, len=2, add=-6"), "{ir}");
}

#[test]
fn moves_fuse_but_not_across_a_jump_target() {
    // The call's two constants fuse. The block end is a jump target: the
    // copy before it must not fuse with the constant after it, or the
    // branch would skip the constant.
    let (r, ir) = run(
        r#"(module
            (func $sub (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
            (func (export "f") (param i32) (result i32) (local i32 i32)
              (block (br_if 0 (local.get 0)) (local.set 1 (local.get 0)))
              (local.set 2 (i32.const 9))
              (i32.add (i32.add (local.get 1) (local.get 2))
                       (call $sub (i32.const 50) (i32.const 8)))))"#,
        "f",
        &[Val::I32(1)],
    );
    assert_eq!(r, vec![Val::I32(51)]);
    assert!(ir.contains("Const2"), "{ir}");
    assert!(ir.contains("Copy dst=1, src=0\n"), "{ir}");
}

#[test]
fn code_size_accessors_count_bodies_and_ops() {
    let engine = Engine::default();
    // Two bodies: `(func)` is 2 bytes (no locals, `end`), the other 7
    // (no locals, local.get 0, i32.const 1, i32.add, end).
    let m = Module::new(
        &engine,
        r#"(module (func) (func (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))"#,
    )
    .unwrap();
    assert_eq!(m.wasm_code_bytes(), 2 + 7);
    // `Return` | `I32AddImm dst=0` + `Return`: three ops of 24 bytes, and
    // a byte each for their source offsets (all below 64, then small steps).
    assert_eq!(m.ir_bytes(), 3 * 24 + 3);
}

#[test]
fn untaken_if_yields_its_parameter_despite_a_set_in_a_loop() {
    // The `if` is not taken, so it yields its parameter: local 0 as it was
    // before the then-arm's `local.set` (wasmi 2.0.0 yields the condition's
    // temporary here: fuzz/FINDINGS.md #8; wabt's interpreter agrees with us).
    let wat = r#"(module (func (export "w") (param f32 i32) (result i32)
        local.get 0
        local.get 0 f32.const 5 f32.add i32.reinterpret_f32 local.get 1 i32.mul
        if (param f32) (result f32)
          f32.const 1
          loop (param f32) (result f32) local.set 0 f32.const 2 end
          drop
        end
        i32.reinterpret_f32))"#;
    let bits = |x: f32| Val::I32(x.to_bits() as i32);
    let (r, _) = run(wat, "w", &[Val::F32(3.0f32.to_bits()), Val::I32(0)]);
    assert_eq!(r, vec![bits(3.0)]);
    // Taken: the loop sets local 0 to 1.0, and the `if` yields the original 3.0.
    let (r, _) = run(wat, "w", &[Val::F32(3.0f32.to_bits()), Val::I32(1)]);
    assert_eq!(r, vec![bits(3.0)]);
}

#[test]
fn untaken_if_with_a_nested_block_keeps_the_values_below_it() {
    // Not taken, the `if` yields its parameter and leaves `local.get 1`
    // below it (wasmi 2.0.0 reads a register only the then-arm writes and
    // returns the first call's 77: fuzz/FINDINGS.md #9).
    let wat = r#"(module (memory 1)
        (func $f (param i32 i64) (result i64)
          local.get 1
          memory.size
          local.get 0
          if (param i32) (result i32)
            block end
          end
          drop)
        (func (export "w") (result i64)
          (drop (call $f (i32.const 1) (i64.const 77)))
          (call $f (i32.const 0) (i64.const 5))))"#;
    let (r, _) = run(wat, "w", &[]);
    assert_eq!(r, vec![Val::I64(5)]);
}

#[test]
fn a_result_returned_from_a_loop_of_a_function_without_locals() {
    // No params or locals, and a constant hoisted out of the loop: slot 0
    // is a temp that the constant's slot pushes up, so the result must not
    // be written to slot 0 before the layout is known (found by the
    // differential fuzzer: `ref.is_null` returned through `br` gave 0).
    let wat = r#"(module (global $g (mut i32) (i32.const 41))
        (func (export "f") (result i32)
          (loop $l (return (i32.sub (i32.const 100) (global.get $g))))
          (i32.const 0)))"#;
    let (r, ir) = run(wat, "f", &[]);
    assert_eq!(r, vec![Val::I32(59)], "{ir}");
}

#[test]
fn guarded_division_of_table_and_memory_size() {
    // `size / select(1, y, y == 0)` with y = 0 divides by 1 (wasmi 2.0.0
    // traps here: fuzz/FINDINGS.md #6; wabt's interpreter agrees with us).
    for (decl, size) in [("(table 4 funcref)", "table.size 0"), ("(memory 1)", "memory.size")] {
        let wat = alloc::format!(
            r#"(module {decl} (func (export "f") (result i32) (local i32)
                {size} (select (i32.const 1) (local.get 0) (i32.eqz (local.get 0))) (i32.div_u)))"#
        );
        let (r, _) = run(&wat, "f", &[]);
        assert_eq!(r, vec![Val::I32(if decl.contains("table") { 4 } else { 1 })], "{wat}");
    }
}

#[test]
fn a_countdown_fuses_with_its_branch_on_nonzero() {
    // `n -= 1; br_if $l n`: one op, and the loop runs n times.
    let wat = r#"(module (func (export "f") (param i32) (result i32) (local i32)
        (loop $l
          (local.set 1 (i32.add (local.get 1) (i32.const 3)))
          (br_if $l (local.tee 0 (i32.add (local.get 0) (i32.const -1)))))
        (local.get 1)))"#;
    for n in [1, 2, 7] {
        let (r, ir) = run(wat, "f", &[Val::I32(n)]);
        assert_eq!(r, vec![Val::I32(3 * n)]);
        assert!(ir.contains("I32AddImmBrNeImm a=0, imm=-1, n=0"), "{ir}");
    }
}

#[test]
fn loads_from_a_sum_of_registers_fuse_and_wrap() {
    // Memory: bytes 0x80 0xff at 16 and 17, so each load width and sign shows.
    // The sum wraps in 32 bits before the offset is added.
    let loads = [
        ("i32.load", "Load32Sum", 0xff80u64),
        ("f32.load", "Load32Sum", 0xff80),
        ("i64.load32_u", "Load32Sum", 0xff80),
        ("i64.load", "Load64Sum", 0xff80),
        ("f64.load", "Load64Sum", 0xff80),
        ("i32.load8_u", "Load8USum", 0x80),
        ("i64.load8_u", "Load8USum", 0x80),
        ("i32.load8_s", "Load8SSum", 0xffff_ff80),
        ("i32.load16_u", "Load16USum", 0xff80),
        ("i64.load16_u", "Load16USum", 0xff80),
        ("i32.load16_s", "Load16SSum", 0xffff_ff80),
    ];
    for (load, op, want) in loads {
        let ty = &load[..3];
        let wat = format!(
            r#"(module (memory 1) (data (i32.const 16) "\80\ff")
              (func (export "add") (param i32 i32) (result {ty})
                ({load} offset=4 (i32.add (local.get 0) (local.get 1))))
              (func (export "shl") (param i32 i32) (result {ty})
                ({load} offset=4 (i32.add (i32.shl (local.get 0) (i32.const 2)) (local.get 1)))))"#
        );
        let val = |r: &[Val]| match r[0] {
            Val::I32(v) => v as u32 as u64,
            Val::I64(v) => v as u64,
            Val::F32(v) => u64::from(v),
            Val::F64(v) => v,
            _ => unreachable!(),
        };
        // 0xffff_fff4 + 8 wraps to 4; (0x4000_0001 << 2) + 8 wraps to 12.
        let (r, ir) = run(&wat, "add", &[Val::I32(-12), Val::I32(24)]);
        assert_eq!(val(&r), want, "{load}");
        assert!(ir.contains(&format!("{op} dst=0, a=0, b=1, shift=0, offset=4")), "{ir}");
        let (r, ir) = run(&wat, "shl", &[Val::I32(0x4000_0001), Val::I32(8)]);
        assert_eq!(val(&r), want, "{load}");
        assert!(ir.contains(&format!("{op} dst=0, a=0, b=1, shift=2, offset=4")), "{ir}");
        // Past the end of memory: the offset does not wrap, so this traps.
        let engine = Engine::default();
        let module = Module::new(&engine, &wat).unwrap();
        let mut store = Store::new(&engine, ());
        let inst = Instance::new(&mut store, &module, &[]).unwrap();
        let f = inst.get_func(&store, "add").unwrap();
        let mut out = [Val::I32(0)];
        let e = f.call(&mut store, &[Val::I32(-1), Val::I32(0)], &mut out).unwrap_err();
        assert!(e.to_string().contains("out of bounds"), "{load}: {e}");
    }
}

#[test]
fn bit_fields_and_multiply_adds_fuse() {
    // `(x >> k) & m`, `(x & m) >> k` (shift counts taken mod 32) and
    // `x * y + z`, against a reference.
    let wat = r#"(module
        (func (export "f") (param i32 i32 i32) (result i32 i32 i32 i32)
          (i32.and (i32.shr_u (local.get 0) (i32.const 7)) (i32.const 0x1ff))
          (i32.shr_u (i32.and (local.get 0) (i32.const 0xff00ff0)) (i32.const 36))
          (i32.and (i32.shr_u (local.get 0) (i32.const 0)) (i32.const -2))
          (i32.add (i32.mul (local.get 0) (local.get 1)) (local.get 2))))"#;
    for (x, y, z) in [(0u32, 0u32, 0u32), (0xdead_beef, 3, 7), (u32::MAX, u32::MAX, 0x8000_0000)] {
        let args = [Val::I32(x as i32), Val::I32(y as i32), Val::I32(z as i32)];
        let (r, ir) = run(wat, "f", &args);
        let want =
            [(x >> 7) & 0x1ff, (x & 0xff0_0ff0) >> 4, x & !1, x.wrapping_mul(y).wrapping_add(z)];
        assert_eq!(r, want.map(|v| Val::I32(v as i32)).to_vec(), "{x:#x} {y:#x} {z:#x}");
        assert!(ir.contains("I32ShrUAndImm dst=3, a=0, shift=7, mask=511"), "{ir}");
        assert!(ir.contains("I32ShrUAndImm dst=4, a=0, shift=4, mask=16711935"), "{ir}");
        assert!(ir.contains("I32MulAdd dst=6, a=0, b=1, c=2"), "{ir}");
    }
}

#[test]
fn a_big_dispatch_is_copied_without_its_entries() {
    // As above with a 70-entry table: each copy of the dispatch (in each case
    // and at the loop entry) is a `BrTableAt` sharing the one table's
    // entries. pc % 71 picks add3 for 0, dec for 1..=69, the default (halt)
    // for 70.
    let labels = format!("$add3{}", " $dec".repeat(69));
    let wat = format!(
        r#"(module
        (func (export "f") (param i32) (result i32) (local $acc i32) (local $pc i32)
          (loop $next
            (block $halt (block $dec (block $add3
              (br_table {labels} $halt (i32.rem_u (local.get $pc) (i32.const 71))))
              (local.set $acc (i32.add (local.get $acc) (i32.const 3)))
              (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
              (br $next))
              (local.set $acc (i32.sub (local.get $acc) (i32.const 1)))
              (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
              (br $next))
            (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
            (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
            (br_if $next (i32.gt_s (local.get 0) (i32.const 0))))
          (local.get $acc)))"#
    );
    // Each pass: +3, then 69 times -1.
    for n in [1, 3] {
        let (r, ir) = run(&wat, "f", &[Val::I32(n)]);
        assert_eq!(r, vec![Val::I32(n * (3 - 69))], "{n}");
        assert_eq!(ir.matches("BrTableAt").count(), 3, "{ir}");
        assert_eq!(ir.matches("BrTable ").count(), 1, "{ir}");
    }
}

#[test]
fn a_wrap_read_only_as_i32_is_dropped() {
    // Readers of the low 32 bits take the i64 as it is; others (extend,
    // convert, a local) keep the wrap. x has high bits set throughout.
    let wat = r#"(module (memory 1) (data (i32.const 8) "\2a")
        (func (export "f") (param i64) (result i32 i32 i32 i32 i64 f64 i32)
          (i32.add (i32.wrap_i64 (local.get 0)) (i32.const 5))
          (i32.eqz (i32.wrap_i64 (local.get 0)))
          (i32.load8_u (i32.wrap_i64 (local.get 0)))
          (i32.wrap_i64 (i64.shr_u (local.get 0) (i64.const 36)))
          (i64.extend_i32_u (i32.wrap_i64 (local.get 0)))
          (f64.convert_i32_u (i32.wrap_i64 (local.get 0)))
          (i32.wrap_i64 (local.get 0))))"#;
    for x in [0xffff_fff0_0000_0008u64, 0x1_0000_0000] {
        let (r, ir) = run(wat, "f", &[Val::I64(x as i64)]);
        let lo = x as u32;
        let want = vec![
            Val::I32(lo.wrapping_add(5) as i32),
            Val::I32((lo == 0) as i32),
            Val::I32(if lo == 8 { 42 } else { 0 }),
            Val::I32((x >> 36) as i32),
            Val::I64(lo as i64),
            Val::F64((lo as f64).to_bits()),
            Val::I32(lo as i32),
        ];
        assert_eq!(r, want, "{x:#x}");
        // Kept for extend, convert and the plain result; one shift, no wrap.
        assert_eq!(ir.matches("I32WrapI64").count(), 3, "{ir}");
        assert!(ir.contains("I64ShrUImm dst=4, a=0, imm=36"), "{ir}");
    }
}

#[test]
fn a_load_fuses_into_the_add_sub_or_mul_that_reads_it() {
    // mem[8] = 2.5 (f64), mem[16] = 0xffff_fff0 (i32), mem[20] = 0xf0 (byte).
    let wat = r#"(module (memory 1)
        (data (i32.const 8) "\00\00\00\00\00\00\04\40") (data (i32.const 16) "\f0\ff\ff\ff\f0")
        (func (export "f") (param i32 f64 i32) (result f64 f64 f64 i32 i32)
          (f64.add (f64.load offset=4 (local.get 0)) (local.get 1))
          (f64.sub (f64.load offset=4 (local.get 0)) (local.get 1))
          (f64.mul (f64.load offset=4 (local.get 0)) (local.get 1))
          (i32.add (i32.load offset=12 (local.get 0)) (local.get 2))
          (i32.add (local.get 2) (i32.load8_u offset=16 (local.get 0)))))"#;
    let (r, ir) = run(wat, "f", &[Val::I32(4), Val::F64(0.5f64.to_bits()), Val::I32(0x20)]);
    let f = |v: f64| Val::F64(v.to_bits());
    assert_eq!(r, vec![f(3.0), f(2.0), f(1.25), Val::I32(0x10), Val::I32(0x110)]);
    for op in ["F64LoadAdd", "F64LoadSub", "F64LoadMul", "I32LoadAdd", "I32Load8UAdd"] {
        assert!(ir.contains(&format!("{op} dst=")), "{op}: {ir}");
    }
    // The load still traps past the end of memory.
    let engine = Engine::default();
    let module = Module::new(&engine, wat).unwrap();
    let mut store = Store::new(&engine, ());
    let inst = Instance::new(&mut store, &module, &[]).unwrap();
    let func = inst.get_func(&store, "f").unwrap();
    let mut out = [Val::I32(0), Val::I32(0), Val::I32(0), Val::I32(0), Val::I32(0)];
    let args = [Val::I32(65530), Val::F64(0), Val::I32(0)];
    let e = func.call(&mut store, &args, &mut out).unwrap_err();
    assert!(e.to_string().contains("out of bounds"), "{e}");
}

#[test]
fn hoisted_constants_are_set_two_per_op() {
    // Three constants used as slots in a loop: two 32-bit ones set by one
    // `Const2` at entry, the 64-bit one by a `Const64`; the loop's branch
    // targets move past them.
    let wat = r#"(module (func (export "f") (param i32) (result i32 i64) (local i32 i64)
        (loop $l
          (local.set 1 (i32.sub (i32.const 100) (local.get 1)))
          (local.set 1 (i32.sub (i32.const 7) (local.get 1)))
          (local.set 2 (i64.sub (i64.const 0x1234567890) (local.get 2)))
          (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
        (local.get 1) (local.get 2)))"#;
    for n in [1, 2, 5] {
        let (r, ir) = run(wat, "f", &[Val::I32(n)]);
        let (mut a, mut b) = (0i32, 0i64);
        for _ in 0..n {
            a = 7 - (100 - a);
            b = 0x1234567890 - b;
        }
        assert_eq!(r, vec![Val::I32(a), Val::I64(b)], "{n}");
        assert!(ir.contains("0: Const2 to=3, val=100, to2=4, val2=7"), "{ir}");
        assert!(ir.contains("1: Const64 dst=5, val=78187493520"), "{ir}");
    }
}

#[test]
fn a_jump_to_the_return_becomes_the_return() {
    // The `then` arm's jump to the function end is replaced by a copy of
    // the `Return1`: no `Br` is left. And each arm's last op then writes
    // the result to slot 0 itself, before a plain `Return`.
    let wat = r#"(module (func (export "f") (param i32) (result i64)
        (if (result i64) (i32.lt_u (local.get 0) (i32.const 2))
          (then (i64.extend_i32_u (local.get 0)))
          (else (i64.mul (i64.extend_i32_u (local.get 0)) (i64.const 3))))))"#;
    for (x, want) in [(0, 0), (1, 1), (2, 6), (-1, 0xffff_ffff * 3)] {
        let (r, ir) = run(wat, "f", &[Val::I32(x)]);
        assert_eq!(r, vec![Val::I64(want)], "{x}");
        assert!(!ir.contains("Br "), "{ir}");
        assert!(!ir.contains("Return1"), "{ir}");
        assert_eq!(ir.matches("dst=0, ").count(), 2, "{ir}");
        assert_eq!(ir.matches("Return \n").count(), 2, "{ir}");
    }
}

#[test]
fn comparisons_mirror_to_read_the_accumulator() {
    // `x CMP y` where `y` was just computed: the op becomes `y CMP' x` with
    // `y` in the accumulator. Every ordering, as a value (`f`) and as a
    // branch condition (`g`), on operands below, equal to and above each
    // other (and NaN for floats).
    let orderings = ["lt", "gt", "le", "ge"];
    for ty in ["i32", "i64", "f32", "f64"] {
        let float = ty.starts_with('f');
        let ops: Vec<String> = if float {
            orderings.iter().map(|o| o.to_string()).collect()
        } else {
            orderings.iter().flat_map(|o| [format!("{o}_s"), format!("{o}_u")]).collect()
        };
        let values: &[f64] = if float { &[-2.0, 5.0, 7.0, f64::NAN] } else { &[-2.0, 5.0, 7.0] };
        for op in &ops {
            let wat = format!(
                r#"(module (func (export "f") (param {ty} {ty}) (result i32) (local {ty})
                    (local.set 2 ({ty}.mul (local.get 1) ({ty}.const 1)))
                    ({ty}.{op} (local.get 0) (local.get 2)))
                  (func (export "g") (param {ty} {ty}) (result i32) (local {ty})
                    (block (local.set 2 ({ty}.mul (local.get 1) ({ty}.const 1)))
                      (br_if 0 ({ty}.{op} (local.get 0) (local.get 2)))
                      (return (i32.const 0)))
                    (i32.const 1)))"#
            );
            for &x in values {
                for &y in values {
                    let val = |v: f64| match ty {
                        "i32" => Val::I32(v as i32),
                        "i64" => Val::I64(v as i64),
                        "f32" => Val::F32((v as f32).to_bits()),
                        _ => Val::F64(v.to_bits()),
                    };
                    // Unsigned: -2 is the largest value.
                    let (ux, uy) = (x as i64 as u64, y as i64 as u64);
                    let want = match op.as_str() {
                        "lt" | "lt_s" => x < y,
                        "gt" | "gt_s" => x > y,
                        "le" | "le_s" => x <= y,
                        "ge" | "ge_s" => x >= y,
                        "lt_u" => ux < uy,
                        "gt_u" => ux > uy,
                        "le_u" => ux <= uy,
                        _ => ux >= uy,
                    };
                    for f in ["f", "g"] {
                        let (r, ir) = run(&wat, f, &[val(x), val(y)]);
                        assert_eq!(r, vec![Val::I32(want as i32)], "{ty}.{op} {x} {y} ({f})\n{ir}");
                        assert_eq!(ir.matches("a=acc, b=0").count(), 2, "{ty}.{op}\n{ir}");
                    }
                }
            }
        }
    }
}

#[test]
fn a_while_loop_tests_its_condition_at_the_bottom() {
    // `while (n) { s += n; n -= 1; }`: the `br` back to the head's exit
    // test becomes the negated test (fused with the counter step), jumping
    // back past the head.
    let wat = r#"(module (func (export "f") (param i32) (result i32) (local i32)
        (block $done
          (loop $l
            (br_if $done (i32.eqz (local.get 0)))
            (local.set 1 (i32.add (local.get 1) (local.get 0)))
            (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
            (br $l)))
        (local.get 1)))"#;
    for (n, want) in [(0, 0), (1, 1), (10, 55), (1000, 500500)] {
        let (r, ir) = run(wat, "f", &[Val::I32(n)]);
        assert_eq!(r, vec![Val::I32(want)], "{n}\n{ir}");
        assert_eq!(ir.matches("BrEqz").count(), 1, "{ir}");
        assert!(ir.contains("I32AddImmBrNeImm a=0, imm=-1, n=0, target=2"), "{ir}");
        // (Only the jump into the loop at function entry.)
        assert!(ir.contains("0: Br target=1\n"), "{ir}");
        assert_eq!(ir.matches(": Br ").count(), 1, "{ir}");
    }
}

#[test]
fn copies_that_save_locals_keep_the_accumulator() {
    // The `if` condition is passed in the accumulator from `popcnt` to the
    // fused `eqz` branch; between them the translator copies local 1 (on
    // the stack below, and written by the then-branch). That copy must
    // leave the accumulator alone (found by the differential fuzzer).
    let wat = r#"(module (func (export "f") (param i32 i32) (result i32)
        (local.get 1)
        (if (i32.eqz (i32.popcnt (local.get 0))) (then (local.set 1 (i32.const 7))))
        (i32.add (local.get 1))))"#;
    for (a, b, want) in [(0, 0, 7), (1, 0, 0), (0, 3, 10), (1, 3, 6)] {
        let (r, ir) = run(wat, "f", &[Val::I32(a), Val::I32(b)]);
        assert_eq!(r, vec![Val::I32(want)], "f({a}, {b})\n{ir}");
        assert!(ir.contains("Copy dst=2, src=1\n"), "{ir}");
        assert!(ir.contains("BrNez cond=acc"), "{ir}");
    }
}

/// FINDINGS #26: more results than locals, a loop, and a constant result:
/// the constant came back as the branch index a temp below the constants
/// held.
#[test]
fn constant_results_past_the_locals_survive_a_loop() {
    let (r, ir) = run(
        r#"(module (func (export "f") (param i64) (result i32 i32)
            (block (loop (br_table 1 (i32.const 32))))
            (i32.const 16777216)
            (i32.const 0)))"#,
        "f",
        &[Val::I64(0)],
    );
    assert_eq!(r, vec![Val::I32(16777216), Val::I32(0)], "{ir}");
}

/// #26 with `v128` results (their return moves them to the result slots,
/// FINDINGS #23), a hoisted `v128` constant in the loop, and a call whose
/// arguments are a run of temps across the result slots.
#[test]
fn v128_results_past_the_locals_survive_a_loop() {
    let (r, ir) = run(
        r#"(module
          (func $sum (param i32 i32 i32 i32) (result i32)
            (i32.add (i32.add (local.get 0) (local.get 1))
                     (i32.add (local.get 2) (i32.mul (local.get 3) (i32.const 1000)))))
          (func (export "f") (param i64) (result i32 v128 i32 i64)
            (local.set 0 (i64.const 3))
            (block (loop
              (br_if 1 (i64.eqz (local.get 0)))
              (local.set 0 (i64.sub (local.get 0) (i64.const 1)))
              (drop (v128.const i64x2 5 6))
              (br_table 0 (i32.const 32))))
            (call $sum (i32.const 1) (i32.const 2) (i32.const 3) (i32.wrap_i64 (local.get 0)))
            (v128.const i64x2 7 8)
            (i32.const 0)
            (local.get 0)))"#,
        "f",
        &[Val::I64(0)],
    );
    let v = crate::V128::from(8u128 << 64 | 7);
    assert_eq!(r, vec![Val::I32(6), Val::V128(v), Val::I32(0), Val::I64(0)], "{ir}");
}
