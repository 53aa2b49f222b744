#!/bin/sh
# Compile `original.rs` against wasmtime 48.0.8 and run the same tests on it
# that `main.rs` runs on the port, in a scratch crate outside the workspace
# (wasmtime is no dependency of `cargo test`; its build takes ~10 minutes).
#
#   crates/wasmite/tests/wasmtime_port/check-with-wasmtime.sh [SCRATCH_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-${TMPDIR:-/tmp}/wasmite-wasmtime-port}
mkdir -p "$dir/src" "$dir/tests"
cat > "$dir/Cargo.toml" <<'TOML'
[package]
name = "wasmtime-port-check"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
wasmtime = { version = "=48.0.8", default-features = false, features = ["cranelift", "runtime", "std", "wat"] }

[profile.dev]
debug = false
TOML
: > "$dir/src/lib.rs"
{
    echo "#[path = \"$here/original.rs\"]"
    echo "mod original;"
    # Every test `main.rs` runs on the port, here on the original.
    sed -n 's/^    embedding::\([a-z_]*\)().unwrap();$/#[test] fn \1() { original::\1().unwrap(); }/p' "$here/main.rs"
} > "$dir/tests/original.rs"
cd "$dir" && cargo test --test original
