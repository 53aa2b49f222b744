#!/usr/bin/env bash
# Installs the toolchain used to (re)build the example .wasm files in examples/:
#   - Debian's rustc (1.63 on bookworm) at /usr/bin/rustc
#   - the wasm32-unknown-unknown standard library for that rustc
#   - wabt (wat2wasm, wasm-objdump, ...)
# A rustup toolchain may also be on PATH but usually lacks the wasm32 target,
# so examples/build.sh calls Debian's compiler by its full path.
# Safe to run repeatedly: apt-get install is a no-op for installed packages.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y rustc libstd-rust-dev-wasm32 wabt

/usr/bin/rustc --version
/usr/bin/rustc --print target-list | grep -qx wasm32-unknown-unknown
command -v wat2wasm >/dev/null
echo "wasm toolchain ready: /usr/bin/rustc (wasm32-unknown-unknown) + wabt"
