#!/usr/bin/env bash
# Rebuilds every benchmark workload in benches/workloads/wasm/ from source.
#
# Toolchain (Debian 12 "bookworm"; run as root or through sudo):
#   apt-get update && apt-get install -y clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32 wabt
# The script runs that line itself when one of the tools is missing.
#
# Inputs:
#   wat/*.wat                 WAT micro kernels          -> wat2wasm
#   wat/*_gc.wat              WasmGC WAT kernels         -> the `wat` crate (examples/wat2wasm.rs:
#                             wabt 1.0.32's wat2wasm cannot parse GC)
#   c/*.c                     freestanding C programs    -> clang --target=wasm32, export `run`;
#                             those in SIMD_TWINS also as NAME_simd with -msimd128
#   drivers/*                 drivers for third-party C  -> clang --target=wasm32-wasi, `_start`
#   memscan/                  Rust over memchr+simdutf8  -> cargo --target wasm32-wasip1, `_start`;
#                             memscan_simd with +simd128 (the crates' own Wasm SIMD code)
#   selfhost/                 wasmite itself (Rust)      -> cargo --target wasm32-wasip1, `_start`,
#                             running c/interp.c built smaller (selfhost/interp_small.wasm)
# The third-party sources (zstd, zlib, QuickJS) are NOT in this repository:
# the script asks cargo to fetch the registry crates that bundle them
# (zstd-sys, libz-sys, rquickjs-sys, pinned below) and compiles the C files
# straight out of cargo's registry cache.
#
# Usage: benches/workloads/build.sh [NAME...]   (no names: rebuild everything)
set -euo pipefail

TOOLS=(clang-19 wasm-ld-19 wat2wasm)
for tool in "${TOOLS[@]}"; do
    if ! command -v "$tool" >/dev/null; then
        SUDO=""
        if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
        $SUDO apt-get update && $SUDO apt-get install -y clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32 wabt
        break
    fi
done

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/wasm"
mkdir -p "$OUT"
CC=clang-19

# Pinned crate versions whose bundled C sources we build.
ZSTD_SYS="2.1.2+zstd.1.5.7"
LIBZ_SYS="1.1.31"
RQUICKJS_SYS="0.9.0"

wanted() {
    [ "${#SELECTED[@]}" -eq 0 ] && return 0
    local n
    for n in "${SELECTED[@]}"; do [ "$n" = "$1" ] && return 0; done
    return 1
}
SELECTED=("$@")

# Freestanding C: no libc; bench.h supplies memcpy/memset. The compiler-rt
# builtins archive covers any helper LLVM decides to call.
BUILTINS="$(ls /usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a)"
C_FLAGS=(--target=wasm32 -O2 -nostdlib -Wall -Wextra -Werror
         -Wl,--no-entry -Wl,-z,stack-size=262144 -Wl,--export=run)
# WASI programs: wasi-libc from Debian, a 1 MiB shadow stack for QuickJS.
WASI_FLAGS=(--target=wasm32-wasi -O2 -w -Wl,-z,stack-size=1048576)

# C workloads built twice from the same source: NAME is the plain wasm32
# build (the `#else` path of the source's `#ifdef __wasm_simd128__`), and
# NAME_simd adds -msimd128 (the wasm_simd128.h intrinsics path; clang may
# also autovectorise the rest). Both must compute the same checksum.
SIMD_TWINS=(imgblur f32dsp textscan)
is_twin() {
    local n
    for n in "${SIMD_TWINS[@]}"; do [ "$n" = "$1" ] && return 0; done
    return 1
}

for src in "$HERE"/wat/*.wat; do
    name="$(basename "$src" .wat)"
    wanted "$name" || continue
    echo "wat   $name"
    case "$name" in
        *_gc) cargo run --quiet --no-default-features --manifest-path "$HERE/../Cargo.toml" \
                  --example wat2wasm -- "$src" "$OUT/$name.wasm" ;;
        *) wat2wasm "$src" -o "$OUT/$name.wasm" ;;
    esac
done

for src in "$HERE"/c/*.c; do
    name="$(basename "$src" .c)"
    if wanted "$name"; then
        echo "c     $name"
        extra=()
        # The tail-call workload's handlers end in musttail calls.
        [ "$name" = tailcall ] && extra=(-mtail-call)
        $CC "${C_FLAGS[@]}" "${extra[@]}" -I"$HERE/c" "$src" "$BUILTINS" -o "$OUT/$name.wasm"
    fi
    if is_twin "$name" && wanted "${name}_simd"; then
        echo "c     ${name}_simd"
        $CC "${C_FLAGS[@]}" -msimd128 -I"$HERE/c" "$src" "$BUILTINS" -o "$OUT/${name}_simd.wasm"
    fi
done

THIRD_PARTY=(zstd zlib quickjs)
need_registry=0
for name in "${THIRD_PARTY[@]}"; do wanted "$name" && need_registry=1; done
if [ "$need_registry" -eq 1 ]; then
    # A throwaway manifest: `cargo fetch` downloads and unpacks the crates.
    FETCH="$(mktemp -d)"
    trap 'rm -rf "$FETCH"' EXIT
    mkdir -p "$FETCH/src"
    : > "$FETCH/src/lib.rs"
    cat > "$FETCH/Cargo.toml" <<EOF
[package]
name = "wasmite-bench-sources"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
zstd-sys = "=$ZSTD_SYS"
libz-sys = "=$LIBZ_SYS"
rquickjs-sys = "=$RQUICKJS_SYS"

[workspace]
EOF
    cargo fetch --quiet --manifest-path "$FETCH/Cargo.toml"
    REGISTRY="${CARGO_HOME:-$HOME/.cargo}/registry/src"
    crate_dir() { ls -d "$REGISTRY"/*/"$1" | head -n 1; }
fi

# No SIMD twins of zstd and zlib: built with -msimd128 (autovectorised),
# neither runs faster on any engine, wasmtime included (0.97-1.01x of the
# scalar build; docs/benchmarks.md), as clang vectorises none of their hot
# loops and their hand-written SIMD is for x86 and Arm only.
if wanted zstd; then
    echo "wasi  zstd (zstd-sys $ZSTD_SYS)"
    Z="$(crate_dir "zstd-sys-$ZSTD_SYS")/zstd/lib"
    $CC "${WASI_FLAGS[@]}" -DZSTD_DISABLE_ASM -DZSTD_LEGACY_SUPPORT=0 \
        -I"$Z" -I"$Z/common" -I"$HERE/drivers" \
        "$HERE/drivers/zstd_driver.c" "$Z"/common/*.c "$Z"/compress/*.c "$Z"/decompress/*.c \
        -o "$OUT/zstd.wasm"
fi

if wanted zlib; then
    echo "wasi  zlib (libz-sys $LIBZ_SYS)"
    Z="$(crate_dir "libz-sys-$LIBZ_SYS")/src/zlib"
    $CC "${WASI_FLAGS[@]}" -I"$Z" -I"$HERE/drivers" \
        "$HERE/drivers/zlib_driver.c" \
        "$Z"/{adler32,compress,crc32,deflate,inffast,inflate,inftrees,trees,uncompr,zutil}.c \
        -o "$OUT/zlib.wasm"
fi

if wanted quickjs; then
    echo "wasi  quickjs (rquickjs-sys $RQUICKJS_SYS)"
    Q="$(crate_dir "rquickjs-sys-$RQUICKJS_SYS")/quickjs"
    $CC "${WASI_FLAGS[@]}" -std=gnu23 -D_GNU_SOURCE -DFE_DOWNWARD=0 -DFE_UPWARD=0 \
        -I"$Q" -I"$HERE/drivers" --embed-dir="$HERE/drivers" \
        "$HERE/drivers/quickjs_driver.c" \
        "$Q"/{quickjs,libregexp,libunicode,cutils,libbf}.c \
        -o "$OUT/quickjs.wasm"
fi

if wanted selfhost; then
    # wasmite for WASI running the bytecode VM: an interpreter running an
    # interpreter. The VM's program is made smaller (about 1/50 of
    # `interp`'s work), as the nested run is some 50 times slower.
    echo "rust  selfhost (wasmite for wasm32-wasip1, running interp_small.wasm)"
    $CC "${C_FLAGS[@]}" -DPRIME_LIMIT=3000 -DCOLLATZ_LIMIT=500 -I"$HERE/c" "$HERE/c/interp.c" \
        "$BUILTINS" -o "$HERE/selfhost/interp_small.wasm"
    rustup target add wasm32-wasip1
    cargo build --quiet --release --locked --target wasm32-wasip1 \
        --manifest-path "$HERE/selfhost/Cargo.toml" --target-dir "$HERE/../target/selfhost"
    cp "$HERE/../target/selfhost/wasm32-wasip1/release/wasmite-selfhost-workload.wasm" \
        "$OUT/selfhost.wasm"
fi

# memscan: one Rust source over two registry crates whose Wasm SIMD code is
# chosen at compile time (memchr, simdutf8); memscan_simd turns it on.
for variant in memscan memscan_simd; do
    wanted "$variant" || continue
    echo "rust  $variant (memchr, simdutf8)"
    rustup target add wasm32-wasip1
    flags=""
    [ "$variant" = memscan_simd ] && flags="-C target-feature=+simd128"
    RUSTFLAGS="$flags" cargo build --quiet --release --locked --target wasm32-wasip1 \
        --manifest-path "$HERE/memscan/Cargo.toml" --target-dir "$HERE/../target/$variant"
    cp "$HERE/../target/$variant/wasm32-wasip1/release/wasmite-memscan-workload.wasm" \
        "$OUT/$variant.wasm"
done

# The SIMD builds must contain SIMD instructions, their scalar twins none.
simd_ops() {
    wasm2wat "$1" | { grep -oE '\b(v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\.[a-z0-9_]+' || true; } | wc -l
}
for name in "${SIMD_TWINS[@]}" memscan; do
    for variant in "$name" "${name}_simd"; do
        wanted "$variant" || continue
        n="$(simd_ops "$OUT/$variant.wasm")"
        echo "simd  $variant: $n SIMD instructions"
        if [ "$variant" = "$name" ] && [ "$n" -ne 0 ]; then
            echo "error: $variant is a scalar build but contains SIMD instructions" >&2
            exit 1
        elif [ "$variant" != "$name" ] && [ "$n" -eq 0 ]; then
            echo "error: $variant is a SIMD build but contains no SIMD instructions" >&2
            exit 1
        fi
    done
done

chmod -x "$OUT"/*.wasm "$HERE/selfhost/interp_small.wasm"
ls -l "$OUT"
