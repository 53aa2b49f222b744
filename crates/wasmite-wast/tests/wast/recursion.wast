;; Deep recursion must work; unbounded recursion must trap with
;; "call stack exhausted", repeatably, and leave the instance usable.

(module
  (func $depth (export "depth") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $depth (i32.sub (local.get $n) (i32.const 1)))))))

  ;; The same with many locals per frame, to stress the value stack.
  (func $wide (export "wide") (param $n i64) (result i64)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (i64.const 0))
      (else (i64.add (i64.const 2) (call $wide (i64.sub (local.get $n) (i64.const 1)))))))

  (func $runaway (export "runaway") (call $runaway))
  (func $ping (export "ping") (param i32) (result i32) (call $pong (local.get 0)))
  (func $pong (param i32) (result i32) (call $ping (i32.add (local.get 0) (i32.const 1))))
)

(assert_return (invoke "depth" (i32.const 0)) (i32.const 0))
(assert_return (invoke "depth" (i32.const 10000)) (i32.const 10000))
(assert_return (invoke "wide" (i64.const 10000)) (i64.const 20000))

(assert_exhaustion (invoke "runaway") "call stack exhausted")
(assert_exhaustion (invoke "runaway") "call stack exhausted")
(assert_exhaustion (invoke "ping" (i32.const 0)) "call stack exhausted")

;; Still usable after exhaustion.
(assert_return (invoke "depth" (i32.const 10000)) (i32.const 10000))
(assert_exhaustion (invoke "runaway") "call stack exhausted")
(assert_return (invoke "depth" (i32.const 3)) (i32.const 3))
