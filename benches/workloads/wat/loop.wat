;; A counter loop with a little integer arithmetic: the dispatch cost of the
;; simplest possible hot loop.
(module
  (func (export "run") (result i64)
    (local $i i32) (local $x i32) (local $y i32)
    (local.set $x (i32.const 1))
    (loop $l
      (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1664525)) (i32.const 1013904223)))
      (local.set $y (i32.add (local.get $y) (i32.shr_u (local.get $x) (i32.const 16))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.ne (local.get $i) (i32.const 30000000))))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $x)) (i64.const 32))
            (i64.extend_i32_u (local.get $y)))))
