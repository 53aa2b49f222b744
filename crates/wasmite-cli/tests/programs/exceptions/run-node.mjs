// Runs a wasm32-wasi command on node's own engine (V8) and WASI:
//   node run-node.mjs FILE.wasm [ARGS...]
// Its stdout is the program's; it exits with the program's exit code.
// node 20's V8 runs the legacy exception encoding only (no exnref).
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';

process.removeAllListeners('warning'); // node:wasi is "experimental"
const [file, ...args] = process.argv.slice(2);
if (!file) {
    console.error('usage: node run-node.mjs FILE.wasm [ARGS...]');
    process.exit(2);
}
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
