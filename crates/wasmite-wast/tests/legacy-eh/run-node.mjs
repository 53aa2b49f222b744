#!/usr/bin/env node
// Runs .wast scripts in node (V8), as an independent check of the expected
// values in this directory. See README.md.
//
// usage: node run-node.mjs [--validate] FILE.wast|FILE.json ...
//
// A .wast argument is first turned into JSON + .wasm files with
// `wasm-tools json-from-wast` (the binary is $WASM_TOOLS, else `wasm-tools`
// on PATH) in a temporary directory. A .json argument must come from
// `wasm-tools json-from-wast`; its module files are looked up next to it.
//
// Every command is executed in node:
//   module, register, action, assert_return (values compared exactly:
//   integers as unsigned bit patterns, i64 via BigInt, floats bit for bit),
//   assert_exception (the call must throw a WebAssembly.Exception),
//   assert_trap (the call must throw a WebAssembly.RuntimeError),
//   assert_exhaustion (RangeError), assert_invalid / assert_malformed of a
//   binary module (new WebAssembly.Module must throw a CompileError),
//   assert_unlinkable (instantiation must throw a LinkError),
//   assert_uninstantiable (instantiation must throw a RuntimeError).
// assert_malformed of a text module (`module quote`) cannot be judged by
// node: it is checked with `wasm-tools parse` (it must fail) and counted
// apart, as "text (wasm-tools)".
//
// --validate also runs `wasm-tools validate --features
// legacy-exceptions` on every module: a `module` must validate, an
// `assert_invalid` module must not. Disagreements are listed and counted
// as failures.
//
// The last line printed is "N passed, N failed"; the exit code is 1 if
// anything failed.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';

const WASM_TOOLS = process.env.WASM_TOOLS || 'wasm-tools';
const FEATURES = process.env.WASM_TOOLS_FEATURES || 'legacy-exceptions';

// externref values: (ref.extern N) is one JS object per N, compared by
// identity.
const externs = new Map();
function externObj(n) {
  if (!externs.has(n)) externs.set(n, { externref: n });
  return externs.get(n);
}

const buf = new DataView(new ArrayBuffer(8));

function toJs(arg) {
  const { type, value } = arg;
  switch (type) {
    case 'i32':
      return Number(BigInt.asIntN(32, BigInt(value)));
    case 'i64':
      return BigInt.asIntN(64, BigInt(value));
    case 'f32':
      buf.setUint32(0, Number(BigInt.asUintN(32, BigInt(value))), true);
      return buf.getFloat32(0, true);
    case 'f64':
      buf.setBigUint64(0, BigInt.asUintN(64, BigInt(value)), true);
      return buf.getFloat64(0, true);
    case 'externref':
      return value === 'null' ? null : externObj(value);
    case 'funcref':
      if (value === 'null') return null;
      throw new Error('non-null funcref arguments are not supported');
    default:
      throw new Error(`argument type ${type} is not supported`);
  }
}

function f32Bits(x) {
  buf.setFloat32(0, x, true);
  return buf.getUint32(0, true);
}
function f64Bits(x) {
  buf.setFloat64(0, x, true);
  return buf.getBigUint64(0, true);
}

// Does the JS value `got` match the expected JSON value `exp`?
function matches(got, exp) {
  const { type, value } = exp;
  switch (type) {
    case 'either':
      return exp.values.some((v) => matches(got, v));
    case 'i32':
      return typeof got === 'number' &&
        BigInt.asUintN(32, BigInt(got)) === BigInt.asUintN(32, BigInt(value));
    case 'i64':
      return typeof got === 'bigint' &&
        BigInt.asUintN(64, got) === BigInt.asUintN(64, BigInt(value));
    case 'f32':
      if (typeof got !== 'number') return false;
      // A NaN's payload does not survive the trip into JS, so nan:* only
      // checks for a NaN (the files here check NaN bits inside wasm).
      if (value.startsWith('nan:')) return Number.isNaN(got);
      return f32Bits(got) === Number(BigInt.asUintN(32, BigInt(value)));
    case 'f64':
      if (typeof got !== 'number') return false;
      if (value.startsWith('nan:')) return Number.isNaN(got);
      return f64Bits(got) === BigInt.asUintN(64, BigInt(value));
    case 'externref':
      if (value === 'null') return got === null;
      return got === externObj(value);
    case 'funcref':
      if (value === 'null') return got === null;
      return typeof got === 'function';
    case 'refnull':
      return got === null;
    default:
      throw new Error(`result type ${type} is not supported`);
  }
}

function show(v) {
  if (typeof v === 'bigint') return `${v}n`;
  if (v && typeof v === 'object' && 'externref' in v) return `ref.extern ${v.externref}`;
  if (typeof v === 'function') return 'funcref';
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (Object.is(v, -0)) return '-0';
  return String(v);
}

function spectestImports() {
  const noop = () => {};
  return {
    print: noop, print_i32: noop, print_i64: noop, print_f32: noop,
    print_f64: noop, print_i32_f32: noop, print_f64_f64: noop,
    global_i32: new WebAssembly.Global({ value: 'i32' }, 666),
    global_i64: new WebAssembly.Global({ value: 'i64' }, 666n),
    global_f32: new WebAssembly.Global({ value: 'f32' }, 666.6),
    global_f64: new WebAssembly.Global({ value: 'f64' }, 666.6),
    table: new WebAssembly.Table({ initial: 10, maximum: 20, element: 'anyfunc' }),
    memory: new WebAssembly.Memory({ initial: 1, maximum: 2 }),
  };
}

function wasmToolsOk(args) {
  const r = spawnSync(WASM_TOOLS, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`cannot run ${WASM_TOOLS}: ${r.error.message}`);
  return { ok: r.status === 0, stderr: (r.stderr || '').trim().split('\n').pop() };
}

function runFile(jsonPath, opts) {
  const dir = path.dirname(jsonPath);
  const script = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  const name = path.basename(script.source_filename || jsonPath);
  const registry = { spectest: spectestImports() };
  const named = new Map();
  let current = null;
  const stats = { passed: 0, failed: 0, text: 0, validated: 0, failures: [] };
  const kinds = {};

  const fail = (cmd, msg) => {
    stats.failed++;
    stats.failures.push(`${name}:${cmd.line}: ${cmd.type}: ${msg}`);
  };
  const pass = (cmd) => {
    stats.passed++;
    kinds[cmd.type] = (kinds[cmd.type] || 0) + 1;
  };
  const bytesOf = (cmd) => fs.readFileSync(path.join(dir, cmd.filename));

  const imports = (mod) => {
    const obj = {};
    for (const imp of WebAssembly.Module.imports(mod)) {
      const src = registry[imp.module];
      if (src === undefined) continue;
      (obj[imp.module] ||= {})[imp.name] = src[imp.name];
    }
    return obj;
  };

  const instance = (modName) => {
    const inst = modName === undefined ? current : named.get(modName);
    if (!inst) throw new Error(`no module ${modName ?? '(current)'}`);
    return inst;
  };

  const act = (action) => {
    const inst = instance(action.module);
    if (action.type === 'invoke') {
      const f = inst.exports[action.field];
      if (typeof f !== 'function') throw new Error(`no exported function ${action.field}`);
      return f(...action.args.map(toJs));
    }
    if (action.type === 'get') return inst.exports[action.field].value;
    throw new Error(`action ${action.type} is not supported`);
  };

  const validate = (cmd, shouldBeValid) => {
    if (!opts.validate || cmd.module_type !== 'binary') return;
    const r = wasmToolsOk(['validate', '--features', FEATURES, path.join(dir, cmd.filename)]);
    stats.validated++;
    if (r.ok !== shouldBeValid) {
      fail(cmd, `wasm-tools validate says ${r.ok ? 'valid' : `invalid (${r.stderr})`}`);
    }
  };

  for (const cmd of script.commands) {
    try {
      switch (cmd.type) {
        case 'module': {
          validate(cmd, true);
          const mod = new WebAssembly.Module(bytesOf(cmd));
          const inst = new WebAssembly.Instance(mod, imports(mod));
          current = inst;
          if (cmd.name !== undefined) named.set(cmd.name, inst);
          break;
        }
        case 'register': {
          const inst = instance(cmd.name);
          registry[cmd.as] = inst.exports;
          break;
        }
        case 'action':
          act(cmd.action);
          pass(cmd);
          break;
        case 'assert_return': {
          let got;
          try {
            got = act(cmd.action);
          } catch (e) {
            fail(cmd, `${cmd.action.field}: threw ${e && e.constructor && e.constructor.name}: ${e && e.message}`);
            break;
          }
          const exp = cmd.expected;
          const vals = exp.length === 0 ? [] : exp.length === 1 ? [got] : got;
          const ok = exp.length === 0
            ? got === undefined
            : Array.isArray(vals) && vals.length === exp.length && exp.every((e, i) => matches(vals[i], e));
          if (ok) pass(cmd);
          else fail(cmd, `${cmd.action.field}: got ${show(got)}, expected ${JSON.stringify(exp)}`);
          break;
        }
        case 'assert_exception':
        case 'assert_trap':
        case 'assert_exhaustion': {
          const want = {
            assert_exception: WebAssembly.Exception,
            assert_trap: WebAssembly.RuntimeError,
            assert_exhaustion: RangeError,
          }[cmd.type];
          let got;
          try {
            got = act(cmd.action);
          } catch (e) {
            if (e instanceof want) pass(cmd);
            else fail(cmd, `${cmd.action.field}: threw ${e && e.constructor && e.constructor.name} (${e && e.message}), expected ${want.name}`);
            break;
          }
          fail(cmd, `${cmd.action.field}: returned ${show(got)}, expected ${want.name}`);
          break;
        }
        case 'assert_invalid':
        case 'assert_malformed': {
          if (cmd.module_type === 'text') {
            // node cannot parse the text format: ask wasm-tools.
            const r = wasmToolsOk(['parse', path.join(dir, cmd.filename), '-o', os.devNull]);
            if (r.ok) fail(cmd, 'wasm-tools parsed this text module');
            else stats.text++;
            break;
          }
          validate(cmd, false);
          try {
            new WebAssembly.Module(bytesOf(cmd));
          } catch (e) {
            if (e instanceof WebAssembly.CompileError) pass(cmd);
            else fail(cmd, `threw ${e.constructor.name}, expected CompileError`);
            break;
          }
          fail(cmd, `node compiled the module (expected: ${cmd.text})`);
          break;
        }
        case 'assert_unlinkable':
        case 'assert_uninstantiable': {
          validate(cmd, true);
          const want = cmd.type === 'assert_unlinkable' ? WebAssembly.LinkError : WebAssembly.RuntimeError;
          const mod = new WebAssembly.Module(bytesOf(cmd));
          try {
            new WebAssembly.Instance(mod, imports(mod));
          } catch (e) {
            if (e instanceof want) pass(cmd);
            else fail(cmd, `threw ${e.constructor.name}, expected ${want.name}`);
            break;
          }
          fail(cmd, 'instantiation succeeded');
          break;
        }
        default:
          fail(cmd, 'command not supported by this runner');
      }
    } catch (e) {
      fail(cmd, `runner error: ${e && e.stack}`);
    }
  }
  return { name, stats, kinds };
}

function toJson(wastPath) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'legacy-eh-'));
  const json = path.join(out, path.basename(wastPath, '.wast') + '.json');
  execFileSync(WASM_TOOLS, ['json-from-wast', wastPath, '-o', json, '--wasm-dir', out], { stdio: 'inherit' });
  return json;
}

const argv = process.argv.slice(2);
const opts = { validate: false };
const files = [];
for (const a of argv) {
  if (a === '--validate') opts.validate = true;
  else files.push(a);
}
if (files.length === 0) {
  console.error('usage: node run-node.mjs [--validate] FILE.wast|FILE.json ...');
  process.exit(2);
}

let passed = 0, failed = 0, text = 0, validated = 0;
for (const f of files) {
  const json = f.endsWith('.wast') ? toJson(f) : f;
  const { name, stats, kinds } = runFile(json, opts);
  for (const line of stats.failures) console.log(`FAIL ${line}`);
  const detail = Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`${name}: ${stats.passed} passed, ${stats.failed} failed` +
    `; text (wasm-tools) ${stats.text}` +
    (opts.validate ? `; wasm-tools validate ${stats.validated}` : '') +
    ` [${detail}]`);
  passed += stats.passed;
  failed += stats.failed;
  text += stats.text;
  validated += stats.validated;
}
console.log(`files: ${files.length}; text modules checked by wasm-tools: ${text}` +
  (opts.validate ? `; modules checked by wasm-tools validate: ${validated}` : ''));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
