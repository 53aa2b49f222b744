// Hello world in C for WASI preview1: `cargo run --release -- run examples/hello.wasm`.
//
// hello.wasm was built (from examples/) with Debian 12's clang and wasi-libc:
//   apt-get install clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32
//   clang-19 --target=wasm32-wasi --sysroot=/usr -O2 -s -Wall -o hello.wasm hello.c
#include <stdio.h>

int main(void) {
    printf("Hello, world!\n");
    return 0;
}
