"""Run a WASI command (or invoke an export) under wasmtime 48 (Python bindings)."""
import sys, wasmtime
path, args = sys.argv[1], sys.argv[2:]
invoke = None
if args and args[0] == "--invoke":
    invoke, args = args[1], args[2:]
cfg = wasmtime.Config()
cfg.wasm_tail_call = True
cfg.wasm_multi_memory = True
cfg.wasm_memory64 = True
engine = wasmtime.Engine(cfg)
store = wasmtime.Store(engine)
wasi = wasmtime.WasiConfig()
wasi.argv = [path] + args
wasi.inherit_stdout(); wasi.inherit_stderr()
store.set_wasi(wasi)
module = wasmtime.Module.from_file(engine, path)
linker = wasmtime.Linker(engine)
linker.define_wasi()
inst = linker.instantiate(store, module)
if invoke:
    print(inst.exports(store)[invoke](store))
else:
    try:
        inst.exports(store)["_start"](store)
    except wasmtime.ExitTrap as e:
        sys.exit(e.code)
