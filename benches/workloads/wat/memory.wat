;; Memory fill and sum: i32/i64 loads and stores with bounds checks, plus
;; byte-wide accesses, over 1 MiB, repeated.
(module
  (memory 16)
  (func $fill (param $seed i32)
    (local $p i32) (local $x i32)
    (local.set $x (local.get $seed))
    (loop $l
      (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (i32.const 12345)))
      (i32.store (local.get $p) (local.get $x))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $l (i32.lt_u (local.get $p) (i32.const 1048576)))))
  (func $sum64 (result i64)
    (local $p i32) (local $s i64)
    (loop $l
      (local.set $s (i64.add (local.get $s) (i64.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if $l (i32.lt_u (local.get $p) (i32.const 1048576))))
    (local.get $s))
  (func $bytes (result i64)
    (local $p i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.xor (i32.load8_u (local.get $p)) (i32.load8_s offset=1 (local.get $p)))))
      (i32.store8 offset=2 (local.get $p) (local.get $s))
      (local.set $p (i32.add (local.get $p) (i32.const 3)))
      (br_if $l (i32.lt_u (local.get $p) (i32.const 1048000))))
    (i64.extend_i32_u (local.get $s)))
  (func (export "run") (result i64)
    (local $r i32) (local $acc i64)
    (loop $l
      (call $fill (local.get $r))
      (local.set $acc (i64.add (local.get $acc) (call $sum64)))
      (local.set $acc (i64.xor (local.get $acc) (call $bytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $r) (i32.const 30))))
    (local.get $acc)))
