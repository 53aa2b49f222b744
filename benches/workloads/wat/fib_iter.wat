;; Iterative Fibonacci modulo 2^64, recomputed many times: a tight loop over
;; locals with a counter, an add and two copies per iteration.
(module
  (func $fib (param $n i32) (result i64)
    (local $a i64) (local $b i64) (local $t i64)
    (local.set $b (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (i64.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $a))
  (func (export "run") (result i64)
    (local $i i32) (local $acc i64)
    (loop $outer
      (local.set $acc
        (i64.xor (i64.rotl (local.get $acc) (i64.const 7))
                 (call $fib (i32.add (i32.const 5000) (i32.and (local.get $i) (i32.const 63))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (i32.const 4000))))
    (local.get $acc)))
