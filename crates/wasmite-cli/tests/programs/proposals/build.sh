#!/bin/sh
# Rebuild the 3.0 feature programs (the .wasm files are committed, so
# `cargo test` needs none of this). multi_memory.wat runs as text.
#
# Toolchain (Debian 12): apt-get install -y clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32
set -eu
cd "$(dirname "$0")"
CC=${CC:-clang-19}

# A threaded interpreter whose handlers end in [[clang::musttail]] calls:
# -mtail-call makes them return_call_indirect.
"$CC" --target=wasm32-wasi --sysroot=/usr -O2 -s -Wall -mtail-call -o tailcall.wasm tailcall.c
# Freestanding C for wasm64 (memory64).
"$CC" --target=wasm64-unknown-unknown -O2 -nostdlib -Wall \
    -Wl,--no-entry -Wl,--export=run -Wl,--export=pointer_size -o wasm64.wasm wasm64.c
chmod 644 tailcall.wasm wasm64.wasm
echo "built tailcall.wasm wasm64.wasm"
