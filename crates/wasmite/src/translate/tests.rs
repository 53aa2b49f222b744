//! Translator tests: run small functions and check both the result and the
//! shape of the IR where the shape is the point (fusion, local folding).

use crate::{Engine, Instance, Module, Store, Val};
use alloc::string::String;
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
    assert!(ir.contains("I32AddImm dst=1, a=1, imm=1"), "{ir}");
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
