;; Long-running loops: 100,000 iterations and more.

(module
  ;; Sum 0 + 1 + ... + (n - 1), wrapping.
  (func (export "sum") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; Count down with br_if at the bottom of the loop, in i64.
  (func (export "countdown") (param $n i64) (result i64)
    (local $steps i64)
    (loop $again
      (local.set $steps (i64.add (local.get $steps) (i64.const 1)))
      (local.set $n (i64.sub (local.get $n) (i64.const 1)))
      (br_if $again (i64.gt_s (local.get $n) (i64.const 0))))
    (local.get $steps))

  ;; A loop that calls a function and writes memory on every iteration.
  (memory 1)
  (func $square (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func (export "fill") (param $n i32) (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store
          (i32.shl (i32.and (local.get $i) (i32.const 0x3fff)) (i32.const 2))
          (call $square (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    ;; The last value written: (n - 1)^2 at slot (n - 1) & 0x3fff.
    (i32.load (i32.shl (i32.and (i32.sub (local.get $n) (i32.const 1)) (i32.const 0x3fff)) (i32.const 2))))
)

(assert_return (invoke "sum" (i32.const 0)) (i32.const 0))
(assert_return (invoke "sum" (i32.const 100000)) (i32.const 704982704))
(assert_return (invoke "countdown" (i64.const 100000)) (i64.const 100000))
(assert_return (invoke "countdown" (i64.const 1000000)) (i64.const 1000000))
(assert_return (invoke "fill" (i32.const 100000)) (i32.const 1409865409))
