#!/bin/sh
# Rebuild the CLI test programs. The .wasm files are committed, so `cargo
# test` needs none of this; run it after changing a source.
#
# Toolchain (Debian 12): apt-get install -y clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32
set -eu
cd "$(dirname "$0")"
CC=${CC:-clang-19}

for src in *.c; do
    out="${src%.c}.wasm"
    # backtrace.c keeps its name section (not its debug info): its tests read
    # the function names.
    strip=-s
    [ "$src" = backtrace.c ] && strip=-Wl,--strip-debug
    "$CC" --target=wasm32-wasi --sysroot=/usr -O2 $strip -Wall -o "$out" "$src"
    chmod 644 "$out"
    echo "built $out"
done
