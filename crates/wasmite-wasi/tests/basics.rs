//! Hello world, arguments, environment, exit codes and stdio.

mod common;

use common::run;

#[test]
fn hello_world() {
    let r = run("hello.wasm", |_| {});
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "Hello, world!\n");
}
