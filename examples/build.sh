#!/usr/bin/env bash
# Rebuilds the committed example .wasm files from their Rust sources.
#
# Requires Debian's rustc with the wasm32-unknown-unknown std (and wabt to
# check the WAT example); install them with:
#     scripts/install-wasm-toolchain.sh
# The rustup rustc that may be first on PATH typically has no wasm32 target,
# so the Debian compiler is called by its full path (override with RUSTC=...).
set -euo pipefail

cd "$(dirname "$0")"

RUSTC="${RUSTC:-/usr/bin/rustc}"
if [ ! -x "$RUSTC" ]; then
    echo "error: $RUSTC not found; run scripts/install-wasm-toolchain.sh" >&2
    exit 1
fi

RUSTFLAGS_WASM=(
    --target wasm32-unknown-unknown
    --crate-type cdylib
    -C opt-level=s
    -C panic=abort
    -C lto
    -C strip=symbols
)

for ex in magic_num add; do
    "$RUSTC" "${RUSTFLAGS_WASM[@]}" -o "$ex.wasm" "$ex/src/lib.rs"
    chmod 644 "$ex.wasm"
    echo "built examples/$ex.wasm ($(wc -c < "$ex.wasm") bytes)"
done

# The WAT example is committed as text; just check that it assembles.
if command -v wat2wasm >/dev/null; then
    tmp="$(mktemp)"
    wat2wasm fib.wat -o "$tmp"
    echo "checked examples/fib.wat ($(wc -c < "$tmp") bytes as binary)"
    rm -f "$tmp"
fi
