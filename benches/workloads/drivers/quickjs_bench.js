// A small mixed JavaScript benchmark for the QuickJS workload: each part
// returns a number that is folded into the checksum printed at the end.
"use strict";

function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

function sieve(limit) {
  const composite = new Uint8Array(limit + 1);
  let count = 0;
  for (let i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    count++;
    for (let j = i * i; j <= limit; j += i) composite[j] = 1;
  }
  return count;
}

class Vec2 {
  constructor(x, y) { this.x = x; this.y = y; }
  add(o) { return new Vec2(this.x + o.x, this.y + o.y); }
  scale(k) { return new Vec2(this.x * k, this.y * k); }
  len2() { return this.x * this.x + this.y * this.y; }
}

function particles(n, steps) {
  let ps = [];
  for (let i = 0; i < n; i++) ps.push({ p: new Vec2(i, -i), v: new Vec2((i % 7) - 3, (i % 5) - 2) });
  for (let s = 0; s < steps; s++) {
    for (const q of ps) {
      q.p = q.p.add(q.v.scale(0.5));
      if (q.p.len2() > 1e4) q.v = q.v.scale(-1);
    }
  }
  let sum = 0;
  for (const q of ps) sum += Math.floor(q.p.x) * 3 + Math.floor(q.p.y);
  return sum;
}

function strings(n) {
  const parts = [];
  for (let i = 0; i < n; i++) parts.push("item" + i + ":" + (i * 7919 % 1000).toString(16));
  const joined = parts.join(",");
  let h = 0;
  for (let i = 0; i < joined.length; i++) h = (h * 31 + joined.charCodeAt(i)) | 0;
  const words = joined.split(",").map(w => w.toUpperCase()).filter(w => w.endsWith("A"));
  return h ^ words.length;
}

function sorting(n) {
  let x = 12345;
  const a = [];
  for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; a.push(x % 100000); }
  a.sort((p, q) => p - q);
  const objs = a.map((v, i) => ({ key: v % 97, i }));
  objs.sort((p, q) => p.key - q.key || p.i - q.i);
  return a[n >> 1] + objs[7].i;
}

function maps(n) {
  const m = new Map();
  for (let i = 0; i < n; i++) m.set("k" + (i % 500), (m.get("k" + (i % 500)) || 0) + i);
  let s = 0;
  for (const [k, v] of m) s = (s + v * k.length) % 1000000007;
  return s;
}

function json(n) {
  const o = { list: [], name: "bench" };
  for (let i = 0; i < n; i++) o.list.push({ id: i, tags: ["a" + i, "b"], ok: i % 3 === 0 });
  const text = JSON.stringify(o);
  const back = JSON.parse(text);
  return text.length + back.list.filter(e => e.ok).length;
}

function closures(n) {
  const fs = [];
  for (let i = 0; i < n; i++) fs.push(x => x + i);
  let acc = 0;
  for (let r = 0; r < 20; r++) for (const f of fs) acc = f(acc) % 1000003;
  return acc;
}

const results = [
  fib(18),
  sieve(50000),
  particles(150, 40),
  strings(2000),
  sorting(3000),
  maps(10000),
  json(800),
  closures(1000),
];
let check = 0;
for (const r of results) check = (Math.imul(check, 16777619) ^ r) >>> 0;
results.join(" ") + " checksum " + check.toString(16);
