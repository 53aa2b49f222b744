;; Legacy exception handling: `catch_all`.
;;
;; A `catch_all` clause catches every exception that no earlier `catch`
;; clause of its try matched; it pushes no payload. It does not catch traps:
;; a trap in a try body (or in a function called from it) is still a trap.

(module
  (tag $e0)
  (tag $e1 (param i32))
  (tag $e2 (param i64 f64))

  (memory 1)
  (table 2 funcref)
  (type $v-to-v (func))
  (type $v-to-i32 (func (result i32)))
  (elem (i32.const 0) $returns-7)

  (global $cleanups (mut i32) (i32.const 0))

  (func $returns-7 (type $v-to-i32) i32.const 7)
  (func $throw-e1 (param i32) local.get 0 throw $e1)
  (func $trap unreachable)

  ;; catch_all catches tags with and without payload; the payload is not
  ;; pushed.
  (func (export "catch-all") (param i32) (result i32)
    try (result i32)
      local.get 0
      i32.eqz
      if
        throw $e0
      end
      local.get 0
      i32.const 1
      i32.eq
      if
        i32.const 100
        throw $e1
      end
      local.get 0
      i32.const 2
      i32.eq
      if
        i64.const 1
        f64.const 2
        throw $e2
      end
      local.get 0
    catch_all
      i32.const -1
    end)

  ;; Nothing thrown: catch_all does not run.
  (func (export "no-throw") (result i32)
    try (result i32)
      i32.const 5
    catch_all
      i32.const 6
    end)

  ;; catch_all after catch clauses runs for the other tags only.
  (func (export "catch-then-all") (param i32) (result i32)
    try (result i32)
      local.get 0
      i32.eqz
      if
        throw $e0
      end
      local.get 0
      throw $e1
    catch $e1
      i32.const 1000
      i32.add
    catch_all
      i32.const 7
    end)

  ;; catch_all of an exception thrown in a callee.
  (func (export "catch-all-callee") (result i32)
    try (result i32)
      i32.const 3
      call $throw-e1
      i32.const 0
    catch_all
      i32.const 1
    end)

  ;; catch_all as a cleanup that lets the code after the try run.
  (func (export "cleanup") (param i32) (result i32)
    i32.const 0
    global.set $cleanups
    try
      local.get 0
      call $throw-e1
    catch_all
      global.get $cleanups
      i32.const 1
      i32.add
      global.set $cleanups
    end
    global.get $cleanups)

  ;; A throw from a catch_all handler goes to the enclosing try.
  (func (export "throw-from-catch-all") (result i32)
    try (result i32)
      try (result i32)
        throw $e0
      catch_all
        i32.const 55
        throw $e1
      end
    catch $e1
    end)

  ;; Nested catch_all: the innermost one catches.
  (func (export "nested-catch-all") (result i32)
    try (result i32)
      try (result i32)
        throw $e0
      catch_all
        i32.const 1
      end
      i32.const 10
      i32.add
    catch_all
      i32.const 2
    end)

  ;; Several results from catch_all.
  (func (export "catch-all-results") (result i32 i64 f32)
    try (result i32 i64 f32)
      throw $e0
    catch_all
      i32.const 1
      i64.const 2
      f32.const 3
    end)

  ;; A try with only catch_all, taking block parameters.
  (func (export "catch-all-param") (param i32) (result i32)
    local.get 0
    try (param i32) (result i32)
      i32.eqz
      if
        throw $e0
      end
      i32.const 1
    catch_all
      i32.const 2
    end)

  ;; Traps are not caught.
  (func (export "trap-unreachable") (result i32)
    try (result i32)
      unreachable
    catch_all
      i32.const 1
    end)
  (func (export "trap-in-callee") (result i32)
    try (result i32)
      call $trap
      i32.const 0
    catch_all
      i32.const 1
    end)
  (func (export "trap-div-zero") (param i32) (result i32)
    try (result i32)
      i32.const 1
      local.get 0
      i32.div_u
    catch_all
      i32.const -1
    end)
  (func (export "trap-oob-load") (result i32)
    try (result i32)
      i32.const 0x10000
      i32.load
    catch_all
      i32.const -1
    end)
  (func (export "trap-null-indirect") (result i32)
    try (result i32)
      i32.const 1
      call_indirect (type $v-to-i32)
    catch_all
      i32.const -1
    end)
  (func (export "trap-indirect-signature") (result i32)
    try (result i32)
      i32.const 0
      call_indirect (type $v-to-v)
      i32.const 0
    catch_all
      i32.const -1
    end)
  (func (export "trap-catch-clause") (result i32)
    try (result i32)
      unreachable
    catch $e0
      i32.const 1
    catch $e1
    catch_all
      i32.const 2
    end)
  ;; A trap in the handler itself is a trap as well, and a trap inside an
  ;; inner try is not caught by an outer catch_all either.
  (func (export "trap-in-handler") (result i32)
    try (result i32)
      throw $e0
    catch_all
      unreachable
    end)
  (func (export "trap-nested") (result i32)
    try (result i32)
      try (result i32)
        unreachable
      catch_all
        i32.const 1
      end
    catch_all
      i32.const 2
    end)
  (func (export "load-ok") (result i32)
    try (result i32)
      i32.const 0
      i32.load
    catch_all
      i32.const -1
    end)
  (func (export "call-indirect-ok") (result i32)
    try (result i32)
      i32.const 0
      call_indirect (type $v-to-i32)
    catch_all
      i32.const -1
    end)

  ;; No handler at all.
  (func (export "uncaught") throw $e0)
)

(assert_return (invoke "catch-all" (i32.const 0)) (i32.const -1))
(assert_return (invoke "catch-all" (i32.const 1)) (i32.const -1))
(assert_return (invoke "catch-all" (i32.const 2)) (i32.const -1))
(assert_return (invoke "catch-all" (i32.const 3)) (i32.const 3))
(assert_return (invoke "no-throw") (i32.const 5))
(assert_return (invoke "catch-then-all" (i32.const 0)) (i32.const 7))
(assert_return (invoke "catch-then-all" (i32.const 4)) (i32.const 1004))
(assert_return (invoke "catch-all-callee") (i32.const 1))
(assert_return (invoke "cleanup" (i32.const 9)) (i32.const 1))
(assert_return (invoke "throw-from-catch-all") (i32.const 55))
(assert_return (invoke "nested-catch-all") (i32.const 11))
(assert_return (invoke "catch-all-results") (i32.const 1) (i64.const 2) (f32.const 3))
(assert_return (invoke "catch-all-param" (i32.const 0)) (i32.const 2))
(assert_return (invoke "catch-all-param" (i32.const 1)) (i32.const 1))

(assert_trap (invoke "trap-unreachable") "unreachable")
(assert_trap (invoke "trap-in-callee") "unreachable")
(assert_trap (invoke "trap-div-zero" (i32.const 0)) "integer divide by zero")
(assert_return (invoke "trap-div-zero" (i32.const 1)) (i32.const 1))
(assert_trap (invoke "trap-oob-load") "out of bounds memory access")
(assert_trap (invoke "trap-null-indirect") "uninitialized element")
(assert_trap (invoke "trap-indirect-signature") "indirect call type mismatch")
(assert_trap (invoke "trap-catch-clause") "unreachable")
(assert_trap (invoke "trap-in-handler") "unreachable")
(assert_trap (invoke "trap-nested") "unreachable")
;; The instance keeps working after the traps.
(assert_return (invoke "load-ok") (i32.const 0))
(assert_return (invoke "call-indirect-ok") (i32.const 7))
(assert_return (invoke "catch-all" (i32.const 1)) (i32.const -1))
(assert_exception (invoke "uncaught"))

;; Validation.
(assert_invalid
  (module (func (result i32) try (result i32) i32.const 0 catch_all end))
  "type mismatch")
(assert_invalid
  (module (func (result i32) try (result i32) i32.const 0 catch_all i64.const 0 end))
  "type mismatch")
(assert_invalid
  (module (func try catch_all i32.const 0 end))
  "type mismatch")
;; catch_all pushes no payload, even for a tag with parameters.
(assert_invalid
  (module (tag $e (param i32))
    (func (result i32) try (result i32) i32.const 1 i32.const 2 throw $e catch_all end))
  "type mismatch")
