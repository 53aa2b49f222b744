#!/bin/sh
# Rebuild the test programs. The .wasm files are committed, so `cargo test`
# needs none of this; run it after changing a source.
#
# Toolchain (Debian 12):
#   apt-get update && apt-get install -y clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32 libstd-rust-dev-wasm32
# C: clang-19 with wasi-libc (sysroot /usr: headers in /usr/include/wasm32-wasi,
# libraries in /usr/lib/wasm32-wasi). Rust: Debian's own rustc 1.63 by full
# path (/usr/bin/rustc; a rustup rustc on PATH may lack the wasm32-wasi target).
set -eu
cd "$(dirname "$0")"
CC=${CC:-clang-19}
RUSTC=${RUSTC:-/usr/bin/rustc}

for src in *.c; do
    out="${src%.c}.wasm"
    "$CC" --target=wasm32-wasi --sysroot=/usr -O2 -s -Wall -o "$out" "$src"
    echo "built $out"
done

"$RUSTC" --edition 2021 --target wasm32-wasi -O -C strip=symbols -o rust_demo.wasm rust_demo.rs
echo "built rust_demo.wasm"

chmod 644 ./*.wasm
