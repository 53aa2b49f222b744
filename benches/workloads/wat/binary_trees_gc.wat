;; The benchmarks game's binary-trees on WasmGC structs: allocation and
;; collection of many small, short-lived objects, plus field loads and null
;; tests while walking them.
;;
;; As the benchmarks game's program (min depth 4, max depth N): a "stretch"
;; tree of depth N+1 is built, checked and dropped; a long-lived tree of
;; depth N is built and kept in a local (a GC root) for the whole run; then
;; for depth d = 4, 6, ..., N, 2^(N-d+4) trees of depth d are built bottom-up
;; and checked one at a time, each garbage once checked; finally the
;; long-lived tree is checked. Each tree of depth d has 2^(d+1)-1 nodes, and
;; its check (the node count) is 2^(d+1)-1. Every line the benchmarks game
;; prints (depth, iterations, check sum) is folded into the i64 result
;; with FNV-1a over i64 values instead.
;;
;; Assembled with the `wat` crate (wabt 1.0.32's wat2wasm has no GC): see
;; ../build.sh.
(module
  (type $node (struct (field $l (ref null $node)) (field $r (ref null $node))))

  (global $max_depth i32 (i32.const 13))

  ;; A complete tree of depth $d, built bottom-up: leaves have null children.
  (func $make (param $d i32) (result (ref $node))
    (if (result (ref $node)) (i32.eqz (local.get $d))
      (then (struct.new $node (ref.null $node) (ref.null $node)))
      (else
        (struct.new $node
          (call $make (i32.sub (local.get $d) (i32.const 1)))
          (call $make (i32.sub (local.get $d) (i32.const 1)))))))

  ;; The number of nodes in tree $t (1 for a leaf).
  (func $check (param $t (ref null $node)) (result i32)
    (local $l (ref null $node))
    (local.set $l (struct.get $node $l (local.get $t)))
    (if (result i32) (ref.is_null (local.get $l))
      (then (i32.const 1))
      (else
        (i32.add
          (i32.add (i32.const 1) (call $check (local.get $l)))
          (call $check (struct.get $node $r (local.get $t)))))))

  ;; FNV-1a step over one i64 value.
  (func $mix (param $h i64) (param $v i64) (result i64)
    (i64.mul (i64.xor (local.get $h) (local.get $v)) (i64.const 0x100000001b3)))

  (func (export "run") (result i64)
    (local $h i64)
    (local $long (ref null $node))
    (local $d i32)
    (local $iters i32)
    (local $i i32)
    (local $sum i32)
    (local.set $h (i64.const 0xcbf29ce484222325))

    ;; Stretch tree of depth max+1: built, checked, dropped.
    (local.set $d (i32.add (global.get $max_depth) (i32.const 1)))
    (local.set $h (call $mix (local.get $h) (i64.extend_i32_u (local.get $d))))
    (local.set $h (call $mix (local.get $h)
      (i64.extend_i32_u (call $check (call $make (local.get $d))))))

    ;; The long-lived tree, alive until the end.
    (local.set $long (call $make (global.get $max_depth)))

    ;; Many short-lived trees of increasing depth.
    (local.set $d (i32.const 4))
    (loop $depths
      (local.set $iters
        (i32.shl (i32.const 1)
          (i32.add (i32.sub (global.get $max_depth) (local.get $d)) (i32.const 4))))
      (local.set $sum (i32.const 0))
      (local.set $i (i32.const 0))
      (loop $trees
        (local.set $sum (i32.add (local.get $sum) (call $check (call $make (local.get $d)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $trees (i32.lt_u (local.get $i) (local.get $iters))))
      (local.set $h (call $mix (local.get $h) (i64.extend_i32_u (local.get $iters))))
      (local.set $h (call $mix (local.get $h) (i64.extend_i32_u (local.get $d))))
      (local.set $h (call $mix (local.get $h) (i64.extend_i32_u (local.get $sum))))
      (local.set $d (i32.add (local.get $d) (i32.const 2)))
      (br_if $depths (i32.le_u (local.get $d) (global.get $max_depth))))

    ;; The long-lived tree is still whole.
    (local.set $h (call $mix (local.get $h) (i64.extend_i32_u (global.get $max_depth))))
    (call $mix (local.get $h) (i64.extend_i32_u (call $check (local.get $long))))))
