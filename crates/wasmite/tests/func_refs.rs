//! Typed function references through the public API, on every backend this
//! build can run: `call_ref`, `return_call_ref`, `ref.as_non_null`,
//! `br_on_null`, `br_on_non_null`, and the store's registry of canonical
//! types (types equal across modules, imports matched by subtyping, values
//! checked against concrete reference types).

use wasmite::{
    Backend, Config, Engine, Extern, Func, FuncType, HeapType, Instance, Module, RefType, Store,
    TrapCode, Val, ValType,
};

fn backends() -> Vec<Backend> {
    let mut b = vec![Backend::Portable];
    if !cfg!(debug_assertions) {
        b.push(Backend::Threaded);
    }
    b
}

fn engine(backend: Backend) -> Engine {
    Engine::new(Config::new().backend(backend)).unwrap()
}

fn trap_code(e: &wasmite::Error) -> Option<TrapCode> {
    e.trap_code()
}

const REFS: &str = r#"(module
  (type $ii (func (param i32) (result i32)))
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (elem declare func $inc $dbl)
  (global $null (ref null $ii) (ref.null $ii))
  (func (export "apply") (param i32 i32) (result i32)
    (call_ref $ii (local.get 1)
      (select (result (ref $ii)) (ref.func $inc) (ref.func $dbl) (local.get 0))))
  (func (export "call-null") (result i32)
    (call_ref $ii (i32.const 1) (global.get $null)))
  (func (export "as-non-null") (param i32) (result i32)
    (ref.is_null (ref.as_non_null
      (select (result (ref null $ii)) (ref.func $inc) (global.get $null) (local.get 0)))))
  ;; br_on_null: 0 for null, else call it on 10.
  (func (export "on-null") (param i32) (result i32)
    (block $null
      (return (call_ref $ii (i32.const 10) (br_on_null $null
        (select (result (ref null $ii)) (ref.func $dbl) (global.get $null) (local.get 0))))))
    (i32.const 0))
  ;; br_on_non_null with a value under the reference: 100 + f(5), or -1;
  ;; the reference goes through a non-nullable local.
  (func (export "on-non-null") (param i32) (result i32)
    (local $r (ref $ii))
    (block $some (result i32 (ref $ii))
      (br_on_non_null $some (i32.const 100)
        (select (result (ref null $ii)) (ref.func $inc) (global.get $null) (local.get 0)))
      (drop)
      (return (i32.const -1)))
    (local.set $r)
    (call_ref $ii (i32.const 5) (local.get $r))
    (i32.add))
  ;; An even/odd pair through references: tail calls in constant stack.
  (type $pred (func (param i64) (result i32)))
  (elem declare func $even $odd)
  (func $even (export "even") (type $pred)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 1))
      (else (return_call_ref $pred (i64.sub (local.get 0) (i64.const 1)) (ref.func $odd)))))
  (func $odd (type $pred)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 0))
      (else (return_call_ref $pred (i64.sub (local.get 0) (i64.const 1)) (ref.func $even)))))
  (func (export "tail-null") (result i32)
    (return_call_ref $pred (i64.const 1) (ref.null $pred))))"#;

#[test]
fn call_ref_and_the_null_checks() {
    for backend in backends() {
        let engine = engine(backend);
        let mut store = Store::new(&engine, ());
        let module = Module::new(&engine, REFS).unwrap();
        let inst = Instance::new(&mut store, &module, &[]).unwrap();
        let apply = inst.get_typed_func::<(i32, i32), i32>(&store, "apply").unwrap();
        assert_eq!(apply.call(&mut store, (1, 41)).unwrap(), 42, "{backend:?}");
        assert_eq!(apply.call(&mut store, (0, 21)).unwrap(), 42, "{backend:?}");

        let err = inst.get_typed_func::<(), i32>(&store, "call-null").unwrap().call(&mut store, ());
        let err = err.unwrap_err();
        assert_eq!(trap_code(&err), Some(TrapCode::NullFunctionReference), "{backend:?}");
        assert!(err.to_string().contains("null function reference"), "{err}");

        let as_non_null = inst.get_typed_func::<i32, i32>(&store, "as-non-null").unwrap();
        assert_eq!(as_non_null.call(&mut store, 1).unwrap(), 0, "{backend:?}");
        let err = as_non_null.call(&mut store, 0).unwrap_err();
        assert_eq!(trap_code(&err), Some(TrapCode::NullReference), "{backend:?}");

        let on_null = inst.get_typed_func::<i32, i32>(&store, "on-null").unwrap();
        assert_eq!(on_null.call(&mut store, 1).unwrap(), 20, "{backend:?}");
        assert_eq!(on_null.call(&mut store, 0).unwrap(), 0, "{backend:?}");
        let on_non_null = inst.get_typed_func::<i32, i32>(&store, "on-non-null").unwrap();
        assert_eq!(on_non_null.call(&mut store, 1).unwrap(), 106, "{backend:?}");
        assert_eq!(on_non_null.call(&mut store, 0).unwrap(), -1, "{backend:?}");

        let err = inst.get_typed_func::<(), i32>(&store, "tail-null").unwrap().call(&mut store, ());
        assert_eq!(trap_code(&err.unwrap_err()), Some(TrapCode::NullFunctionReference));
    }
}

#[test]
fn return_call_ref_runs_ten_million_calls_in_constant_stack() {
    // Default limits (100,000 frames), on a 256 KiB native stack.
    for backend in backends() {
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let engine = engine(backend);
                let mut store = Store::new(&engine, ());
                let module = Module::new(&engine, REFS).unwrap();
                let inst = Instance::new(&mut store, &module, &[]).unwrap();
                let even = inst.get_typed_func::<i64, i32>(&store, "even").unwrap();
                assert_eq!(even.call(&mut store, 10_000_000).unwrap(), 1, "{backend:?}");
                assert_eq!(even.call(&mut store, 10_000_001).unwrap(), 0, "{backend:?}");
            })
            .unwrap()
            .join()
            .unwrap();
    }
}

/// Two function types of the same shape, `(func (param (ref null X))
/// (result i32))`, whose `X` differ: only the registry (which sees through
/// the type indices) tells them apart.
const PROVIDER: &str = r#"(module
  (type $u (func))
  (type $t (func (param (ref null $u)) (result i32)))
  (type $v (func (param i32)))
  (type $w (func (param (ref null $v)) (result i32)))
  (func $f (export "f") (type $t) (i32.const 7))
  (func $g (export "g") (type $w) (i32.const 9))
  (table (export "table") funcref (elem $f $g))
  (global (export "gf") (ref $t) (ref.func $f)))"#;

/// [`PROVIDER`]'s types in another order (other indices, same types).
const TYPES: &str = r#"
  (type $v (func (param i32)))
  (type $w (func (param (ref null $v)) (result i32)))
  (type $u (func))
  (type $t (func (param (ref null $u)) (result i32)))"#;

#[test]
fn types_are_equal_across_modules_by_structure_through_references() {
    for backend in backends() {
        let engine = engine(backend);
        let mut store = Store::new(&engine, ());
        let provider = Module::new(&engine, PROVIDER).unwrap();
        let p = Instance::new(&mut store, &provider, &[]).unwrap();
        let table = p.get_export(&store, "table").unwrap();
        let caller = Module::new(
            &engine,
            format!(
                r#"(module {TYPES}
                  (import "p" "table" (table 2 funcref))
                  (func (export "as-t") (param i32) (result i32)
                    (call_indirect (type $t) (ref.null $u) (local.get 0)))
                  (func (export "as-w") (param i32) (result i32)
                    (call_indirect (type $w) (ref.null $v) (local.get 0))))"#
            ),
        )
        .unwrap();
        let c = Instance::new(&mut store, &caller, &[table]).unwrap();
        let call = |store: &mut Store<()>, name: &str, i: i32| {
            let f = c.get_typed_func::<i32, i32>(&*store, name).unwrap();
            f.call(store, i)
        };
        assert_eq!(call(&mut store, "as-t", 0).unwrap(), 7, "{backend:?}");
        assert_eq!(call(&mut store, "as-w", 1).unwrap(), 9, "{backend:?}");
        for (name, i) in [("as-t", 1), ("as-w", 0)] {
            let err = call(&mut store, name, i).unwrap_err();
            assert_eq!(
                trap_code(&err),
                Some(TrapCode::IndirectCallTypeMismatch),
                "{backend:?} {name} {i}"
            );
        }
    }
}

#[test]
fn imports_match_by_canonical_type_and_subtyping() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let provider = Module::new(&engine, PROVIDER).unwrap();
    let p = Instance::new(&mut store, &provider, &[]).unwrap();
    let [f, g, gf] = ["f", "g", "gf"].map(|n| p.get_export(&store, n).unwrap());
    let link = |store: &mut Store<()>, wat: &str, ext: Extern| {
        let m = Module::new(store.engine(), wat).unwrap();
        Instance::new(store, &m, &[ext]).map(|_| ())
    };
    let func_import = |ty: &str| format!(r#"(module {TYPES} (import "p" "f" (func (type {ty}))))"#);
    link(&mut store, &func_import("$t"), f).unwrap();
    link(&mut store, &func_import("$w"), g).unwrap();
    let e = link(&mut store, &func_import("$w"), f).unwrap_err();
    assert!(e.to_string().contains("incompatible import type"), "{e}");
    assert!(link(&mut store, &func_import("$t"), g).is_err());

    // An immutable global of type (ref $t) imports as (ref null $t) and as
    // funcref, not as a reference to another function type.
    for (ty, ok) in [
        ("(ref $t)", true),
        ("(ref null $t)", true),
        ("funcref", true),
        ("(ref func)", true),
        ("(ref null $w)", false),
        ("externref", false),
    ] {
        let wat = format!(r#"(module {TYPES} (import "p" "gf" (global {ty})))"#);
        assert_eq!(link(&mut store, &wat, gf).is_ok(), ok, "{ty}");
    }
}

#[test]
fn host_values_are_checked_against_concrete_types() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let provider = Module::new(&engine, PROVIDER).unwrap();
    let p = Instance::new(&mut store, &provider, &[]).unwrap();
    let (f, g) = (p.get_func(&store, "f").unwrap(), p.get_func(&store, "g").unwrap());
    let user = Module::new(
        &engine,
        r#"(module
          (type $u (func))
          (type $t (func (param (ref null $u)) (result i32)))
          (func (export "call") (param (ref null $t)) (result i32)
            (call_ref $t (ref.null $u) (local.get 0)))
          (func (export "id") (param (ref $t)) (result (ref $t)) (local.get 0)))"#,
    )
    .unwrap();
    let u = Instance::new(&mut store, &user, &[]).unwrap();
    let call = u.get_func(&store, "call").unwrap();
    let mut out = [Val::I32(0)];
    call.call(&mut store, &[Val::FuncRef(Some(f))], &mut out).unwrap();
    assert_eq!(out[0].i32(), Some(7));
    // `g` is a function of another type.
    let e = call.call(&mut store, &[Val::FuncRef(Some(g))], &mut out).unwrap_err();
    assert!(e.to_string().contains("expected a value of type"), "{e}");
    let e = call.call(&mut store, &[Val::FuncRef(None)], &mut out).unwrap_err();
    assert_eq!(trap_code(&e), Some(TrapCode::NullFunctionReference));

    // A non-nullable parameter refuses null; the type names the canonical id.
    let id = u.get_func(&store, "id").unwrap();
    let ty: FuncType = id.ty(&store);
    let ValType::Ref(RefType { nullable: false, heap: HeapType::Concrete(t) }) = ty.params()[0]
    else {
        panic!("unexpected parameter type {ty}");
    };
    assert_eq!(f.ty(&store).results(), [ValType::I32]);
    let e = id.call(&mut store, &[Val::FuncRef(None)], &mut out).unwrap_err();
    assert!(e.to_string().contains("expected a value of type"), "{e}");
    let mut out = [Val::FuncRef(None)];
    id.call(&mut store, &[Val::FuncRef(Some(f))], &mut out).unwrap();
    assert!(matches!(out[0], Val::FuncRef(Some(r)) if r == f));
    // A host function's type may name canonical types: this one matches
    // an import of `(func (param (ref null $t)) (result i32))`.
    let nullable_t = ValType::Ref(RefType { nullable: true, heap: HeapType::Concrete(t) });
    let host = Func::new(
        &mut store,
        FuncType::new(&engine, [nullable_t], [ValType::I32]),
        |_, args, out| {
            out[0] = Val::I32(i32::from(matches!(args[0], Val::FuncRef(Some(_)))));
            Ok(())
        },
    );
    let importer = Module::new(
        &engine,
        r#"(module
          (type $u (func))
          (type $t (func (param (ref null $u)) (result i32)))
          (import "h" "f" (func $h (param (ref null $t)) (result i32)))
          (func $f (type $t) (i32.const 0))
          (elem declare func $f)
          (func (export "run") (result i32)
            (i32.add (call $h (ref.func $f)) (call $h (ref.null $t)))))"#,
    )
    .unwrap();
    let i = Instance::new(&mut store, &importer, &[host.into()]).unwrap();
    let run = i.get_typed_func::<(), i32>(&store, "run").unwrap();
    assert_eq!(run.call(&mut store, ()).unwrap(), 1);
    // Not as an import of another type.
    let other = Module::new(
        &engine,
        r#"(module (type $u (func)) (import "h" "f" (func (param (ref null $u)) (result i32))))"#,
    )
    .unwrap();
    assert!(Instance::new(&mut store, &other, &[host.into()]).is_err());
}

#[test]
fn function_references_can_be_switched_off() {
    let mut config = Config::new();
    config.wasm_function_references(false);
    let engine = Engine::new(&config).unwrap();
    let e = Module::new(&engine, REFS).unwrap_err();
    assert!(e.to_string().contains("function references"), "{e}");
}
