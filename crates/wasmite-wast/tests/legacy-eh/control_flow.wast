;; Legacy exception handling and ordinary control flow: br, br_if, br_table
;; and return out of try bodies and out of handlers, branches to a try's own
;; label, loops around trys. A try is a block: its label's type is its
;; result type, and a branch to it goes to its end. Leaving a try body by a
;; branch or return removes its handler; leaving a handler ends it.

(module
  (tag $e0)
  (tag $e1 (param i32))

  (global $count (mut i32) (i32.const 0))

  (func $thrower (param i32) local.get 0 throw $e1)

  ;; br out of a try body to an enclosing block.
  (func (export "br-out-of-body") (result i32)
    block $b (result i32)
      try (result i32)
        i32.const 3
        br $b
      catch_all
        i32.const 4
      end
      i32.const 100
      i32.add
    end)
  ;; br to the try's own label from its body: to the try's end.
  (func (export "br-try-label") (result i32)
    try $t (result i32)
      i32.const 5
      br $t
    catch_all
      i32.const 6
    end
    i32.const 100
    i32.add)
  ;; br_if and br_table in a try body.
  (func (export "br-if-body") (param i32) (result i32)
    block $b (result i32)
      try (result i32)
        i32.const 1
        local.get 0
        br_if $b
        drop
        i32.const 2
        throw $e1
      catch $e1
        i32.const 10
        i32.add
      end
    end)
  (func (export "br-table-body") (param i32) (result i32)
    block $b0 (result i32)
      block $b1 (result i32)
        try $t (result i32)
          i32.const 7
          local.get 0
          br_table $b0 $b1 $t
        catch_all
          i32.const -1
        end
        i32.const 100
        i32.add
      end
      i32.const 1000
      i32.add
    end)

  ;; After a branch out of a try body, its handler is gone: a later throw
  ;; goes to the outer try.
  (func (export "br-then-throw") (result i32)
    try (result i32)
      block $b
        try
          br $b
        catch_all
          i32.const 999
          return
        end
      end
      i32.const 1
      throw $e1
    catch $e1
      i32.const 10
      i32.add
    end)
  ;; ... also when the branch goes out of several trys at once.
  (func (export "br-out-of-nested") (result i32)
    try (result i32)
      block $b
        try
          try
            try
              br $b
            catch $e1
              i32.const 999
              return
            end
          catch_all
            i32.const 998
            return
          end
        catch_all
          i32.const 997
          return
        end
      end
      i32.const 2
      throw $e1
    catch $e1
      i32.const 20
      i32.add
    end)

  ;; br out of a handler.
  (func (export "br-from-catch") (result i32)
    block $b (result i32)
      try (result i32)
        i32.const 3
        throw $e1
      catch $e1
        i32.const 10
        i32.add
        br $b
      end
      i32.const 100
      i32.add
    end)
  (func (export "br-from-catch-all") (result i32)
    block $b (result i32)
      try (result i32)
        throw $e0
      catch_all
        i32.const 4
        br $b
      end
      i32.const 100
      i32.add
    end)
  ;; br from a handler to its own try's label: to that try's end.
  (func (export "br-catch-to-try-label") (result i32)
    try $t (result i32)
      i32.const 5
      throw $e1
    catch $e1
      i32.const 10
      i32.add
      br $t
    end
    i32.const 100
    i32.add)
  ;; br_if from a handler.
  (func (export "br-if-catch") (param i32) (result i32)
    block $b (result i32)
      try (result i32)
        i32.const 6
        throw $e1
      catch $e1
        local.get 0
        br_if $b
        i32.const 10
        i32.add
      end
      i32.const 100
      i32.add
    end)
  ;; A handler left by br: the exception it caught is finished; a new throw
  ;; in the outer try is caught there.
  (func (export "br-from-catch-then-throw") (result i32)
    try (result i32)
      block $b
        try
          i32.const 1
          throw $e1
        catch $e1
          drop
          br $b
        end
      end
      i32.const 7
      throw $e1
    catch $e1
      i32.const 30
      i32.add
    end)

  ;; return from a try body and from handlers.
  (func (export "return-from-body") (result i32)
    try
      i32.const 5
      return
    catch_all
    end
    i32.const 6)
  (func (export "return-from-catch") (result i32)
    try
      i32.const 5
      throw $e1
    catch $e1
      i32.const 100
      i32.add
      return
    end
    i32.const 6)
  (func (export "return-from-catch-all") (result i32)
    try
      throw $e0
    catch_all
      i32.const 7
      return
    end
    i32.const 8)
  ;; return from a nested try body inside a handler.
  (func (export "return-nested") (result i32)
    try (result i32)
      throw $e0
    catch $e0
      try (result i32)
        i32.const 9
        return
      catch_all
        i32.const -1
      end
    end
    drop
    i32.const -2)
  ;; A callee that returned from inside a try: its handler does not catch
  ;; what the caller throws afterwards.
  (func $returns-from-try (result i32)
    try (result i32)
      i32.const 1
      return
    catch_all
      i32.const 500
    end)
  (func (export "return-then-throw") (result i32)
    try (result i32)
      call $returns-from-try
      throw $e1
    catch $e1
      i32.const 40
      i32.add
    end)

  ;; A retry loop: the handler branches back to the loop around the try
  ;; until the body stops throwing.
  (func (export "retry") (param i32) (result i32)
    i32.const 0
    global.set $count
    loop $again (result i32)
      try (result i32)
        global.get $count
        local.get 0
        i32.lt_u
        if
          global.get $count
          call $thrower
        end
        global.get $count
      catch $e1
        drop
        global.get $count
        i32.const 1
        i32.add
        global.set $count
        br $again
      end
    end)
  ;; A loop inside a try body: br to the loop does not leave the try, so the
  ;; try still catches later.
  (func (export "loop-in-try") (param i32) (result i32) (local $i i32)
    try (result i32)
      loop $l
        local.get $i
        i32.const 1
        i32.add
        local.tee $i
        local.get 0
        i32.lt_u
        br_if $l
      end
      local.get $i
      throw $e1
    catch $e1
      i32.const 100
      i32.add
    end)
  ;; br out of a try-delegate body.
  (func (export "br-out-of-delegate") (result i32)
    block $b (result i32)
      try (result i32)
        i32.const 8
        br $b
      delegate 0
    end)
  ;; br to a try-delegate's own label.
  (func (export "br-delegate-label") (result i32)
    try $t (result i32)
      i32.const 9
      br $t
    delegate 0
    i32.const 1
    i32.add)
  ;; A try with block parameters as a branch target: the label takes the
  ;; results (not the parameters).
  (func (export "br-param-try") (param i32) (result i64)
    local.get 0
    try $t (param i32) (result i64)
      i64.extend_i32_u
      i64.const 1
      i64.add
      br $t
    catch_all
      i64.const -1
    end)
  ;; A loop label around a try with parameters takes the parameters.
  (func (export "br-loop-param") (result i32) (local $n i32)
    i32.const 0
    loop $l (param i32) (result i32)
      try (param i32) (result i32)
        local.get $n
        i32.const 3
        i32.eq
        if (param i32) (result i32)
          throw $e1
        end
        i32.const 10
        i32.add
        local.get $n
        i32.const 1
        i32.add
        local.set $n
        br $l
      catch $e1
        i32.const 1000
        i32.add
      end
    end)
)

(assert_return (invoke "br-out-of-body") (i32.const 3))
(assert_return (invoke "br-try-label") (i32.const 105))
(assert_return (invoke "br-if-body" (i32.const 1)) (i32.const 1))
(assert_return (invoke "br-if-body" (i32.const 0)) (i32.const 12))
(assert_return (invoke "br-table-body" (i32.const 0)) (i32.const 7))
(assert_return (invoke "br-table-body" (i32.const 1)) (i32.const 1007))
(assert_return (invoke "br-table-body" (i32.const 2)) (i32.const 1107))
(assert_return (invoke "br-table-body" (i32.const 9)) (i32.const 1107))
(assert_return (invoke "br-then-throw") (i32.const 11))
(assert_return (invoke "br-out-of-nested") (i32.const 22))
(assert_return (invoke "br-from-catch") (i32.const 13))
(assert_return (invoke "br-from-catch-all") (i32.const 4))
(assert_return (invoke "br-catch-to-try-label") (i32.const 115))
(assert_return (invoke "br-if-catch" (i32.const 1)) (i32.const 6))
(assert_return (invoke "br-if-catch" (i32.const 0)) (i32.const 116))
(assert_return (invoke "br-from-catch-then-throw") (i32.const 37))
(assert_return (invoke "return-from-body") (i32.const 5))
(assert_return (invoke "return-from-catch") (i32.const 105))
(assert_return (invoke "return-from-catch-all") (i32.const 7))
(assert_return (invoke "return-nested") (i32.const 9))
(assert_return (invoke "return-then-throw") (i32.const 41))
(assert_return (invoke "retry" (i32.const 0)) (i32.const 0))
(assert_return (invoke "retry" (i32.const 5)) (i32.const 5))
(assert_return (invoke "loop-in-try" (i32.const 4)) (i32.const 104))
(assert_return (invoke "br-out-of-delegate") (i32.const 8))
(assert_return (invoke "br-delegate-label") (i32.const 10))
(assert_return (invoke "br-param-try" (i32.const 41)) (i64.const 42))
(assert_return (invoke "br-loop-param") (i32.const 1030))

;; Validation: branch types through try labels.
(assert_invalid
  (module (func (result i32)
    try $t (result i32)
      i64.const 0
      br $t
    catch_all
      i32.const 0
    end))
  "type mismatch")
(assert_invalid
  (module (func (result i32)
    try $t (result i32)
      i32.const 0
    catch_all
      br $t
    end))
  "type mismatch")
(assert_invalid
  (module (func (param i32) (result i32)
    local.get 0
    try $t (param i32) (result i64)
      br $t
    catch_all
      i64.const 0
    end
    drop
    i32.const 0))
  "type mismatch")
(assert_invalid (module (func try br 2 catch_all end)) "unknown label")
(assert_invalid (module (func try catch_all br 2 end)) "unknown label")
(assert_invalid (module (func try br 2 delegate 0)) "unknown label")
