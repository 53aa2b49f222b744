;; Legacy exception handling across function calls and modules.
;;
;; An exception not handled in a function leaves it and continues in the
;; caller, at the call (through call, call_indirect, and over frames that
;; return_call replaced). Tags are compared by identity: an imported tag is
;; the exporting module's tag (also when imported twice or re-exported),
;; while a tag defined with the same type, or the "same" tag of another
;; instance of the same module, is a different tag.

(module $X
  (tag $e (param i32))
  (tag $other (param i32))

  (global $count (mut i32) (i32.const 0))

  (type $i32-to-v (func (param i32)))
  (type $i32-to-i32 (func (param i32) (result i32)))
  (table $t 4 funcref)
  (elem (table $t) (i32.const 0) func $thrower $thrower-i32 $no-throw)

  (func $thrower (param i32)
    local.get 0
    throw $e)
  (func $thrower-i32 (param i32) (result i32)
    local.get 0
    throw $e)
  (func $no-throw (param i32)
    nop)

  ;; Callee throws, caller catches.
  (func (export "caller-catches") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $thrower
      i32.const -1
    catch $e
      i32.const 10
      i32.add
    end)

  ;; Three frames: the middle one's try does not match.
  (func $middle (param i32) (result i32)
    try (result i32)
      local.get 0
      call $thrower-i32
    catch $other
      i32.const 100
      i32.add
    end)
  (func $top (param i32) (result i32)
    local.get 0
    call $middle)
  (func (export "three-frames") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $top
    catch $e
      i32.const 20
      i32.add
    end)

  ;; The caller's operand stack below the call is dropped too.
  (func (export "caller-stack") (result i32)
    i32.const 1000
    try (result i32)
      i32.const 1
      i32.const 2
      i32.const 3
      call $thrower
      drop
    catch $e
    end
    i32.add)

  ;; Through call_indirect.
  (func (export "call-indirect") (param i32 i32) (result i32)
    try (result i32)
      local.get 0
      local.get 1
      call_indirect $t (type $i32-to-v)
      i32.const -1
    catch $e
      i32.const 30
      i32.add
    end)

  ;; return_call replaces the frame, with its try: the exception thrown by
  ;; the tail-called function goes to the caller.
  (func $tail (param i32) (result i32)
    try (result i32)
      local.get 0
      return_call $thrower-i32
    catch_all
      i32.const -1
    end)
  (func (export "tail-call") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $tail
    catch $e
      i32.const 40
      i32.add
    end)
  (func (export "tail-call-uncaught") (param i32) (result i32)
    local.get 0
    call $tail)
  (func $tail-indirect (param i32) (result i32)
    try (result i32)
      local.get 0
      i32.const 1
      return_call_indirect $t (type $i32-to-i32)
    catch_all
      i32.const -1
    end)
  (func (export "tail-call-indirect") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $tail-indirect
    catch $e
      i32.const 50
      i32.add
    end)
  ;; A return_call from a catch handler: the callee's exception goes to the
  ;; caller as well.
  (func $tail-from-handler (param i32) (result i32)
    try (result i32)
      local.get 0
      throw $other
    catch $other
      return_call $thrower-i32
    end)
  (func (export "tail-from-handler") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $tail-from-handler
    catch $e
      i32.const 60
      i32.add
    catch $other
      drop
      i32.const -1
    end)

  ;; Recursion: every level catches, adds 1, throws again.
  (func $rec (param i32)
    local.get 0
    i32.eqz
    if
      i32.const 0
      throw $e
    end
    try
      local.get 0
      i32.const 1
      i32.sub
      call $rec
    catch $e
      i32.const 1
      i32.add
      throw $e
    end)
  (func (export "recursion") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $rec
      i32.const -1
    catch $e
    end)

  ;; Recursion with a catch_all + rethrow cleanup at every level.
  (func $rec-cleanup (param i32)
    local.get 0
    i32.eqz
    if
      local.get 0
      throw $e
    end
    try
      local.get 0
      i32.const 1
      i32.sub
      call $rec-cleanup
    catch_all
      global.get $count
      i32.const 1
      i32.add
      global.set $count
      rethrow 0
    end)
  (func (export "recursion-cleanup") (param i32) (result i32)
    i32.const 0
    global.set $count
    try (result i32)
      local.get 0
      call $rec-cleanup
      i32.const -1
    catch $e
      drop
      global.get $count
    end)

  ;; A handler that calls a throwing function: the same try does not catch
  ;; it, the caller does.
  (func $handler-calls (param i32) (result i32)
    try (result i32)
      local.get 0
      throw $other
    catch $other
      call $thrower-i32
    catch $e
      drop
      i32.const -1
    end)
  (func (export "handler-calls") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $handler-calls
    catch $e
      i32.const 70
      i32.add
    end)

  ;; The caller catches; calling again afterwards works normally.
  (func (export "no-throw-after") (result i32)
    try (result i32)
      i32.const 1
      call $thrower
      i32.const -1
    catch $e
    end
    i32.const 5
    i32.const 2
    call_indirect $t (type $i32-to-v)
    i32.const 10
    i32.add)

  (func (export "uncaught") (param i32)
    local.get 0
    call $thrower)
)

(assert_return (invoke "caller-catches" (i32.const 1)) (i32.const 11))
(assert_return (invoke "three-frames" (i32.const 2)) (i32.const 22))
(assert_return (invoke "caller-stack") (i32.const 1003))
(assert_return (invoke "call-indirect" (i32.const 3) (i32.const 0)) (i32.const 33))
(assert_return (invoke "call-indirect" (i32.const 3) (i32.const 2)) (i32.const -1))
(assert_trap (invoke "call-indirect" (i32.const 3) (i32.const 3)) "uninitialized element")
(assert_trap (invoke "call-indirect" (i32.const 3) (i32.const 1)) "indirect call type mismatch")
(assert_return (invoke "tail-call" (i32.const 4)) (i32.const 44))
(assert_exception (invoke "tail-call-uncaught" (i32.const 4)))
(assert_return (invoke "tail-call-indirect" (i32.const 5)) (i32.const 55))
(assert_return (invoke "tail-from-handler" (i32.const 6)) (i32.const 66))
(assert_return (invoke "recursion" (i32.const 0)) (i32.const 0))
(assert_return (invoke "recursion" (i32.const 1)) (i32.const 1))
(assert_return (invoke "recursion" (i32.const 100)) (i32.const 100))
(assert_return (invoke "recursion" (i32.const 1000)) (i32.const 1000))
(assert_return (invoke "recursion-cleanup" (i32.const 0)) (i32.const 0))
(assert_return (invoke "recursion-cleanup" (i32.const 200)) (i32.const 200))
(assert_return (invoke "handler-calls" (i32.const 7)) (i32.const 77))
(assert_return (invoke "no-throw-after") (i32.const 11))
(assert_exception (invoke "uncaught" (i32.const 1)))

;; Tags across modules.
(module $M
  (tag $e (export "e") (param i32))
  (tag $other (export "other") (param i32))
  (table (export "tab") 2 funcref)
  (type $i32-to-v (func (param i32)))
  (func (export "throw") (param i32)
    local.get 0
    throw $e)
  (func (export "throw-other") (param i32)
    local.get 0
    throw $other)
  ;; Calls an entry of the table that another module fills.
  (func (export "call-tab-catch") (param i32 i32) (result i32)
    try (result i32)
      local.get 0
      local.get 1
      call_indirect (type $i32-to-v)
      i32.const 0
    catch $e
      i32.const 1000
      i32.add
    catch $other
      i32.const 2000
      i32.add
    catch_all
      i32.const -1
    end)
)
(register "M" $M)

(module $N
  (import "M" "e" (tag $e (param i32)))
  (import "M" "e" (tag $e-again (param i32)))
  (import "M" "other" (tag $m-other (param i32)))
  (import "M" "throw" (func $m-throw (param i32)))
  (import "M" "throw-other" (func $m-throw-other (param i32)))
  (import "M" "tab" (table 2 funcref))
  (tag $local (param i32))
  (export "e2" (tag $e))
  (export "local" (tag $local))
  (elem (i32.const 0) func $throw-e $throw-local)

  (func $throw-e (param i32)
    local.get 0
    throw $e)
  (func $throw-local (export "throw-local") (param i32)
    local.get 0
    throw $local)

  ;; M's exception is caught by the imported tag.
  (func (export "catch-imported") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $m-throw
      i32.const 0
    catch $e
      i32.const 1000
      i32.add
    end)
  ;; ... not by a tag of the same type defined here.
  (func (export "catch-local-only") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $m-throw
      i32.const 0
    catch $local
      i32.const 1000
      i32.add
    end)
  (func (export "catch-local-then-all") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $m-throw
      i32.const 0
    catch $local
      i32.const 1000
      i32.add
    catch_all
      i32.const -1
    end)
  ;; The tag imported twice is one tag.
  (func (export "catch-alias") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $m-throw
      i32.const 0
    catch $e-again
      i32.const 2000
      i32.add
    end)
  (func (export "throw-catch-alias") (param i32) (result i32)
    try (result i32)
      local.get 0
      throw $e
    catch $e-again
      i32.const 3000
      i32.add
    end)
  ;; M's two tags are told apart.
  (func (export "distinguish") (param i32) (result i32)
    try (result i32)
      local.get 0
      local.get 0
      i32.const 1
      i32.and
      if (param i32)
        call $m-throw-other
      else
        call $m-throw
      end
      i32.const 0
    catch $e
      i32.const 100
      i32.add
    catch $m-other
      i32.const 200
      i32.add
    end)
  ;; An uncaught throw of the imported tag.
  (func (export "throw-imported") (param i32)
    local.get 0
    throw $e)
)
(register "N" $N)

(assert_return (invoke $N "catch-imported" (i32.const 1)) (i32.const 1001))
(assert_exception (invoke $N "catch-local-only" (i32.const 1)))
(assert_return (invoke $N "catch-local-then-all" (i32.const 1)) (i32.const -1))
(assert_return (invoke $N "catch-alias" (i32.const 2)) (i32.const 2002))
(assert_return (invoke $N "throw-catch-alias" (i32.const 3)) (i32.const 3003))
(assert_return (invoke $N "distinguish" (i32.const 4)) (i32.const 104))
(assert_return (invoke $N "distinguish" (i32.const 5)) (i32.const 205))
;; M catches N's throw of M's tag by its own tag; N's own tag only by
;; catch_all.
(assert_return (invoke $M "call-tab-catch" (i32.const 5) (i32.const 0)) (i32.const 1005))
(assert_return (invoke $M "call-tab-catch" (i32.const 5) (i32.const 1)) (i32.const -1))
(assert_exception (invoke $N "throw-local" (i32.const 1)))
(assert_exception (invoke $N "throw-imported" (i32.const 1)))

;; A re-exported tag is still M's tag.
(module $P
  (import "N" "e2" (tag $e (param i32)))
  (import "N" "local" (tag $n-local (param i32)))
  (import "M" "throw" (func $m-throw (param i32)))
  (import "N" "throw-local" (func $n-throw-local (param i32)))
  (func (export "catch-reexported") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $m-throw
      i32.const 0
    catch $e
      i32.const 100
      i32.add
    end)
  (func (export "catch-n-local") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $n-throw-local
      i32.const 0
    catch $e
      i32.const 100
      i32.add
    catch $n-local
      i32.const 200
      i32.add
    end)
)
(assert_return (invoke $P "catch-reexported" (i32.const 1)) (i32.const 101))
(assert_return (invoke $P "catch-n-local" (i32.const 1)) (i32.const 201))

;; Two instances of the same module have different tags.
(module $A1
  (tag (export "t") (param i32))
  (func (export "throw") (param i32)
    local.get 0
    throw 0))
(register "A1" $A1)
(module $A2
  (tag (export "t") (param i32))
  (func (export "throw") (param i32)
    local.get 0
    throw 0))
(register "A2" $A2)
(module $B
  (import "A1" "t" (tag $t1 (param i32)))
  (import "A2" "t" (tag $t2 (param i32)))
  (import "A1" "throw" (func $throw1 (param i32)))
  (import "A2" "throw" (func $throw2 (param i32)))
  (func (export "which") (param i32 i32) (result i32)
    try (result i32)
      local.get 0
      local.get 1
      if (param i32)
        call $throw2
      else
        call $throw1
      end
      i32.const 0
    catch $t1
      i32.const 100
      i32.add
    catch $t2
      i32.const 200
      i32.add
    end)
  (func (export "only-t1") (result i32)
    try (result i32)
      i32.const 1
      call $throw2
      i32.const 0
    catch $t1
    end))
(assert_return (invoke $B "which" (i32.const 7) (i32.const 0)) (i32.const 107))
(assert_return (invoke $B "which" (i32.const 7) (i32.const 1)) (i32.const 207))
(assert_exception (invoke $B "only-t1"))

;; Tag imports must have the exported tag's type.
(assert_unlinkable
  (module (import "M" "e" (tag (param i64))))
  "incompatible import type")
(assert_unlinkable
  (module (import "M" "e" (tag (param i32 i32))))
  "incompatible import type")
(assert_unlinkable
  (module (import "M" "e" (tag)))
  "incompatible import type")
;; ... and be tags.
(assert_unlinkable
  (module (import "M" "throw" (tag (param i32))))
  "incompatible import type")
(assert_unlinkable
  (module (import "M" "e" (func (param i32))))
  "incompatible import type")
