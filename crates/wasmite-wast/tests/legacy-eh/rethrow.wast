;; Legacy exception handling: `rethrow`.
;;
;; `rethrow l` may only be used inside a `catch` / `catch_all` handler; the
;; label l counts every enclosing block (block, loop, if, try) from the
;; innermost one, and must name a try whose handler encloses the rethrow. It
;; throws again the exception that handler caught, with its original tag and
;; payload (also after a catch_all, which did not push the payload).

(module
  (tag $e0)
  (tag $e1 (param i32))
  (tag $e2 (param i32))
  (tag $e3 (param i32 i64 f64))

  (global $count (mut i32) (i32.const 0))

  (func $throw-e1 (param i32) local.get 0 throw $e1)

  ;; rethrow 0 from a catch, caught by the enclosing try.
  (func (export "rethrow-0") (param i32) (result i32)
    try (result i32)
      try (result i32)
        local.get 0
        throw $e1
      catch $e1
        drop
        rethrow 0
      end
    catch $e1
      i32.const 1000
      i32.add
    end)

  ;; The rethrown exception has its original payload, whatever the handler
  ;; did with the values it was given.
  (func (export "rethrow-original-payload") (param i32) (result i32) (local $seen i32)
    try (result i32)
      try (result i32)
        local.get 0
        throw $e1
      catch $e1
        i32.const 100
        i32.add
        local.tee $seen
        rethrow 0
      end
    catch $e1
      local.get $seen
      i32.const 1000
      i32.mul
      i32.add
    end)

  ;; rethrow 0 from a catch_all keeps the tag and payload.
  (func (export "rethrow-catch-all") (param i32) (result i32)
    try (result i32)
      try (result i32)
        local.get 0
        throw $e2
      catch_all
        rethrow 0
      end
    catch $e1
      i32.const 1000
      i32.add
    catch $e2
      i32.const 2000
      i32.add
    end)

  ;; Several values of several types survive a rethrow.
  (func (export "rethrow-multi") (result i32 i64 f64)
    try (result i32 i64 f64)
      try (result i32 i64 f64)
        i32.const -7
        i64.const 0x1122334455667788
        f64.const -0x1.8p3
        throw $e3
      catch_all
        rethrow 0
      end
    catch $e3
    end)

  ;; An exception rethrown in a callee's handler reaches the caller.
  (func $rethrow-in-callee (param i32)
    try
      local.get 0
      call $throw-e1
    catch $e1
      drop
      rethrow 0
    end)
  (func (export "rethrow-to-caller") (param i32) (result i32)
    try (result i32)
      local.get 0
      call $rethrow-in-callee
      i32.const 0
    catch $e1
    end)

  ;; Uncaught rethrows.
  (func (export "rethrow-uncaught")
    try
      throw $e0
    catch $e0
      rethrow 0
    end)
  (func (export "rethrow-catch-all-uncaught") (param i32)
    try
      local.get 0
      throw $e1
    catch_all
      rethrow 0
    end)

  ;; Handlers in three frames each count and rethrow.
  (func $level-1 (param i32)
    try
      local.get 0
      call $throw-e1
    catch_all
      global.get $count
      i32.const 1
      i32.add
      global.set $count
      rethrow 0
    end)
  (func $level-2 (param i32)
    try
      local.get 0
      call $level-1
    catch $e1
      drop
      global.get $count
      i32.const 10
      i32.add
      global.set $count
      rethrow 0
    end)
  (func (export "rethrow-chain") (param i32) (result i32)
    i32.const 0
    global.set $count
    try (result i32)
      local.get 0
      call $level-2
      i32.const -1
    catch $e1
      global.get $count
      i32.add
    end)

  ;; rethrow 1 from an inner handler rethrows the outer handler's exception
  ;; (payload 1), not the inner one (payload 2).
  (func (export "rethrow-1-nested-catch") (result i32)
    try (result i32)
      try
        i32.const 1
        throw $e1
      catch $e1
        drop
        try
          i32.const 2
          throw $e1
        catch $e1
          drop
          rethrow 1
        end
      end
      i32.const 0
    catch $e1
    end)

  ;; Same with rethrow 0: the inner exception.
  (func (export "rethrow-0-nested-catch") (result i32)
    try (result i32)
      try
        i32.const 1
        throw $e1
      catch $e1
        drop
        try
          i32.const 2
          throw $e1
        catch $e1
          drop
          rethrow 0
        end
      end
      i32.const 0
    catch $e1
    end)

  ;; rethrow 1 with different tags, from catch_all handlers.
  (func (export "rethrow-1-catch-all") (result i32)
    try (result i32)
      try
        i32.const 10
        throw $e1
      catch_all
        try
          i32.const 20
          throw $e2
        catch_all
          rethrow 1
        end
      end
      i32.const 0
    catch $e1
      i32.const 100
      i32.add
    catch $e2
      i32.const 200
      i32.add
    end)

  ;; rethrow from blocks nested inside a handler: the label counts the
  ;; blocks, loops and ifs in between.
  (func (export "rethrow-from-block") (result i32)
    try (result i32)
      try
        i32.const 3
        throw $e1
      catch $e1
        drop
        block $b
          block $c
            rethrow 2
          end
        end
      end
      i32.const 0
    catch $e1
    end)
  (func (export "rethrow-from-loop") (result i32)
    try (result i32)
      try
        i32.const 4
        throw $e1
      catch $e1
        drop
        loop $l
          rethrow 1
        end
      end
      i32.const 0
    catch $e1
    end)
  (func (export "rethrow-from-if") (param i32) (result i32)
    try (result i32)
      try (result i32)
        i32.const 5
        throw $e1
      catch $e1
        local.get 0
        if
          rethrow 1
        end
      end
    catch $e1
      i32.const 1000
      i32.add
    end)
  ;; Symbolic label.
  (func (export "rethrow-by-name") (result i32)
    try (result i32)
      try $outer
        i32.const 6
        throw $e1
      catch $e1
        drop
        block
          try $inner
            i32.const 7
            throw $e2
          catch_all
            rethrow $outer
          end
        end
      end
      i32.const 0
    catch $e1
    catch $e2
      i32.const 1000
      i32.add
    end)

  ;; A rethrow in the body of a try nested in a handler is caught by that
  ;; nested try (it is thrown inside its body).
  (func (export "rethrow-into-nested-try") (result i32)
    try (result i32)
      i32.const 7
      throw $e1
    catch $e1
      drop
      try (result i32)
        rethrow 1
      catch $e1
        i32.const 100
        i32.add
      end
    end)
  ;; ... also when the nested try only has catch_all, which then rethrows
  ;; its own exception: the same exception again.
  (func (export "rethrow-nested-catch-all") (result i32)
    try (result i32)
      try
        i32.const 8
        throw $e1
      catch $e1
        drop
        try
          rethrow 1
        catch_all
          rethrow 0
        end
      end
      i32.const 0
    catch $e1
      i32.const 200
      i32.add
    end)

  ;; After a nested try in a handler has finished, rethrow 0 refers to the
  ;; enclosing handler again.
  (func (export "rethrow-after-nested") (result i32)
    try (result i32)
      try
        i32.const 9
        throw $e1
      catch $e1
        drop
        try
          i32.const 99
          throw $e1
        catch $e1
          drop
        end
        rethrow 0
      end
      i32.const 0
    catch $e1
    end)

  ;; A handler that catches and rethrows only conditionally.
  (func (export "rethrow-if") (param i32) (result i32)
    try (result i32)
      try (result i32)
        local.get 0
        throw $e1
      catch $e1
        local.tee 0
        i32.const 10
        i32.lt_u
        if
          rethrow 1
        end
        local.get 0
      end
    catch $e1
      i32.const -1
      i32.mul
    end)

  ;; Rethrowing the same exception twice (from two nested handlers).
  (func (export "rethrow-twice") (result i32)
    try (result i32)
      try
        try
          i32.const 12
          throw $e1
        catch_all
          rethrow 0
        end
      catch $e1
        drop
        rethrow 0
      end
      i32.const 0
    catch $e1
    end)
)

(assert_return (invoke "rethrow-0" (i32.const 5)) (i32.const 1005))
(assert_return (invoke "rethrow-original-payload" (i32.const 5)) (i32.const 105005))
(assert_return (invoke "rethrow-catch-all" (i32.const 5)) (i32.const 2005))
(assert_return (invoke "rethrow-multi") (i32.const -7) (i64.const 0x1122334455667788) (f64.const -12))
(assert_return (invoke "rethrow-to-caller" (i32.const 31)) (i32.const 31))
(assert_exception (invoke "rethrow-uncaught"))
(assert_exception (invoke "rethrow-catch-all-uncaught" (i32.const 1)))
(assert_return (invoke "rethrow-chain" (i32.const 100)) (i32.const 111))
(assert_return (invoke "rethrow-1-nested-catch") (i32.const 1))
(assert_return (invoke "rethrow-0-nested-catch") (i32.const 2))
(assert_return (invoke "rethrow-1-catch-all") (i32.const 110))
(assert_return (invoke "rethrow-from-block") (i32.const 3))
(assert_return (invoke "rethrow-from-loop") (i32.const 4))
(assert_return (invoke "rethrow-from-if" (i32.const 0)) (i32.const 5))
(assert_return (invoke "rethrow-from-if" (i32.const 1)) (i32.const 1005))
(assert_return (invoke "rethrow-by-name") (i32.const 6))
(assert_return (invoke "rethrow-into-nested-try") (i32.const 107))
(assert_return (invoke "rethrow-nested-catch-all") (i32.const 208))
(assert_return (invoke "rethrow-after-nested") (i32.const 9))
(assert_return (invoke "rethrow-if" (i32.const 3)) (i32.const -3))
(assert_return (invoke "rethrow-if" (i32.const 30)) (i32.const 30))
(assert_return (invoke "rethrow-twice") (i32.const 12))

;; Validation: the label must name a try whose handler encloses the rethrow.
(assert_invalid (module (func rethrow 0)) "invalid rethrow label")
(assert_invalid (module (func block rethrow 0 end)) "invalid rethrow label")
;; In the try body, not in a handler.
(assert_invalid (module (func try rethrow 0 catch_all end)) "invalid rethrow label")
(assert_invalid (module (tag $e) (func try rethrow 0 catch $e end)) "invalid rethrow label")
;; In a try ... delegate body (which has no handler).
(assert_invalid (module (func try rethrow 0 delegate 0)) "invalid rethrow label")
;; A block between the handler and the rethrow is label 0.
(assert_invalid (module (func try catch_all block rethrow 0 end end)) "invalid rethrow label")
(assert_invalid (module (func try catch_all loop rethrow 0 end end)) "invalid rethrow label")
(assert_invalid
  (module (func (param i32) try catch_all local.get 0 if rethrow 0 end end))
  "invalid rethrow label")
;; The explainer's example: in a handler nested in a block nested in a
;; handler, label 2 is the block.
(assert_invalid
  (module (func
    try
    catch_all
      block
        try
        catch_all
          try
          catch_all
            rethrow 2
          end
        end
      end
    end))
  "invalid rethrow label")
;; The same from the body of the innermost try: label 0 is that try's body.
(assert_invalid
  (module (func
    try
    catch_all
      block
        try
        catch_all
          try
            rethrow 0
          catch_all
          end
        end
      end
    end))
  "invalid rethrow label")
;; Labels past the function's.
(assert_invalid (module (func try catch_all rethrow 2 end)) "unknown label")
(assert_invalid (module (func try catch_all rethrow 1 end)) "invalid rethrow label")
;; The handler of the outer try does not enclose its own body.
(assert_invalid (module (func try try catch_all end rethrow 0 catch_all end)) "invalid rethrow label")

;; The valid counterparts of the explainer's example.
(module
  (func
    try
    catch_all
      block
        try
        catch_all
          try
            rethrow 1
            rethrow 3
          catch_all
            rethrow 0
            rethrow 1
            rethrow 3
          end
        end
      end
    end))

;; rethrow is stack-polymorphic.
(module
  (func (result i32 i64)
    try (result i32 i64)
      i32.const 0
      i64.const 0
    catch_all
      rethrow 0
    end)
  (func (result f32)
    try
    catch_all
      f32.const 1
      i64.const 2
      rethrow 0
      i32.add
      drop
    end
    f32.const 0))

;; Malformed text: an unknown label name.
(assert_malformed (module quote "(func try catch_all rethrow $l end)") "unknown label")
