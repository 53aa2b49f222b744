;; Fibonacci numbers over i64, two ways.
;;   fib(0) = 0, fib(1) = 1, fib(n) = fib(n-1) + fib(n-2)
;; Run with:  wasmite run --invoke fib examples/fib.wat 20      (prints 6765)
;;            wasmite run --invoke fib_iter examples/fib.wat 90 (prints 2880067194370816120)
(module
  ;; Naive recursive version: exercises calls, if/else with results, i64 ops.
  (func $fib (export "fib") (param $n i64) (result i64)
    (if (result i64) (i64.lt_s (local.get $n) (i64.const 2))
      (then (local.get $n))
      (else
        (i64.add
          (call $fib (i64.sub (local.get $n) (i64.const 1)))
          (call $fib (i64.sub (local.get $n) (i64.const 2)))))))

  ;; Iterative version: exercises locals, block/loop/br_if. Wraps on overflow
  ;; (fib(93) and up do not fit in i64).
  (func (export "fib_iter") (param $n i64) (result i64)
    (local $a i64)
    (local $b i64)
    (local $t i64)
    (local.set $b (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i64.le_s (local.get $n) (i64.const 0)))
        (local.set $t (i64.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $next)))
    (local.get $a))
)
