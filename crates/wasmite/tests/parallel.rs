//! Parallel compilation: a module big enough to be split across threads
//! compiles to the same code, runs the same, and fails with the same error
//! as when it is translated in order on one thread.

use wasmite::{Config, Engine, ErrorKind, Instance, Module, Store, Val};

/// `n` functions `f<i>(x) -> i32`, each a long chain of arithmetic on `x`
/// (about 3 KiB of code each), plus `sum(x)`, which calls them all.
/// `body(i)` may replace function `i`'s body.
fn big_module(n: usize, body: impl Fn(usize) -> Option<String>) -> Vec<u8> {
    let mut wat = String::from("(module\n");
    for i in 0..n {
        let text = body(i).unwrap_or_else(|| {
            let mut b = String::from("(local.get 0)");
            for k in 0..300 {
                b = format!("(i32.xor (i32.add {b} (i32.const {})) (local.get 0))", i * 7 + k);
            }
            b
        });
        wat.push_str(&format!("(func $f{i} (param i32) (result i32) {text})\n"));
    }
    wat.push_str("(func (export \"sum\") (param i32) (result i32) (i32.const 0)");
    for i in 0..n {
        wat.push_str(&format!(" (call $f{i} (local.get 0)) (i32.add)"));
    }
    wat.push_str("))");
    wat::parse_str(&wat).expect("wat")
}

fn engine(parallel: bool) -> Engine {
    let mut c = Config::new();
    c.parallel_compilation(parallel);
    Engine::new(&c).unwrap()
}

fn sum(module: &Module, x: i32) -> Val {
    let mut store = Store::new(module.engine(), ());
    let inst = Instance::new(&mut store, module, &[]).expect("instantiate");
    let f = inst.get_func(&store, "sum").unwrap();
    let mut out = [Val::I32(0)];
    f.call(&mut store, &[Val::I32(x)], &mut out).expect("call");
    out[0]
}

#[test]
fn parallel_compilation_gives_the_same_code_and_results() {
    let wasm = big_module(48, |_| None);
    // (Modules with at least 64 KiB of code in 16 functions are split.)
    assert!(wasm.len() > 96 << 10, "big enough to be split: {} bytes", wasm.len());
    let serial = Module::new(&engine(false), &wasm).expect("compile");
    let parallel = Module::new(&engine(true), &wasm).expect("compile");
    for f in 0..serial.num_funcs() {
        assert_eq!(serial.disassemble(f), parallel.disassemble(f), "function {f}");
    }
    for x in [0, 1, -5, 123_456] {
        assert_eq!(sum(&serial, x), sum(&parallel, x));
    }
}

/// The error both ways, which must agree: same kind, same place. (The
/// parallel one may also name the function: the name section, after the
/// code, has been read by then.)
fn error_both_ways(wasm: &[u8]) -> wasmite::Error {
    let serial = Module::new(&engine(false), wasm).map(drop).expect_err("serial");
    let parallel = Module::new(&engine(true), wasm).map(drop).expect_err("parallel");
    assert_eq!(serial.kind(), parallel.kind());
    let (s, p) = (serial.to_string(), parallel.to_string());
    let place = |m: &str| m.rsplit_once("(at offset ").map(|(_, at)| at.to_string());
    assert!(place(&s).is_some(), "{s}");
    assert_eq!(place(&s), place(&p), "{s} / {p}");
    let func = |m: &str| {
        m.split_once("function #").map(|(_, f)| f.split([' ', ':']).next().map(str::to_string))
    };
    assert_eq!(func(&s), func(&p), "{s} / {p}");
    serial
}

#[test]
fn parallel_compilation_reports_the_first_invalid_function() {
    let bad = |i| [20, 31].contains(&i).then(|| format!("(i64.const {i})"));
    let e = error_both_ways(&big_module(40, bad));
    assert_eq!(e.kind(), ErrorKind::Invalid);
    assert!(e.to_string().contains("function #20"), "{e}");
}

#[test]
fn a_later_malformed_body_wins_over_an_invalid_one() {
    // Function 10 is invalid; function 30 holds a marker (`i32.const
    // 1234567` then `drop`) overwritten with bytes that are no opcode.
    let body = |i| match i {
        10 => Some("(i64.const 1)".to_string()),
        30 => Some("(drop (i32.const 1234567)) (local.get 0)".to_string()),
        _ => None,
    };
    let mut wasm = big_module(40, body);
    let marker = [0x41, 0x87, 0xad, 0xcb, 0x00, 0x1a];
    let at = wasm.windows(marker.len()).position(|w| w == marker).expect("marker");
    wasm[at..at + marker.len()].fill(0xff);
    let e = error_both_ways(&wasm);
    assert_eq!(e.kind(), ErrorKind::Malformed, "{e}");
}
