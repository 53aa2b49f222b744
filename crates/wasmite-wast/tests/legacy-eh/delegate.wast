;; Legacy exception handling: `try` ... `delegate l`.
;;
;; The label l of a delegate is resolved in the context *outside* the try
;; (the try's own label is not counted): `delegate 0` names the innermost
;; block around the try. An exception escaping the body of a try-delegate
;; is thrown again as if from inside the block named by l (just after the
;; blocks in between were left): if that block is a try and the delegate is
;; in its body, that try's clauses see the exception; if it is any other
;; block, or a try whose handler (rather than body) encloses the delegate,
;; the exception goes on outwards from there. l equal to the number of
;; enclosing blocks names the function body: the exception leaves the
;; function, to the caller.

(module
  (tag $e0)
  (tag $e1 (param i32))
  (tag $e2 (param i32))

  (global $count (mut i32) (i32.const 0))

  (func $throw-e1 (param i32) local.get 0 throw $e1)

  ;; delegate 0: to the immediately enclosing try.
  (func (export "delegate-0") (result i32)
    try (result i32)
      try (result i32)
        i32.const 1
        throw $e1
      delegate 0
    catch $e1
      i32.const 10
      i32.add
    end)

  ;; Nothing thrown: the values flow out.
  (func (export "delegate-no-throw") (param i32) (result i32)
    local.get 0
    try (param i32) (result i32)
      i32.const 1
      i32.add
    delegate 0)
  (func (export "delegate-no-throw-nested") (result i32 i32)
    try (result i32 i32)
      try (result i32 i32)
        i32.const 1
        i32.const 2
      delegate 0
    catch_all
      i32.const -1
      i32.const -1
    end)

  ;; delegate 1 skips the clauses of the try in between (even its
  ;; catch_all).
  (func (export "delegate-skip-1") (result i32)
    try (result i32)
      try (result i32)
        try (result i32)
          i32.const 1
          throw $e1
        delegate 1
      catch $e1
        i32.const 100
        i32.add
      catch_all
        i32.const 200
      end
    catch $e1
      i32.const 10
      i32.add
    end)
  (func (export "delegate-skip-by-name") (result i32)
    try $t0 (result i32)
      try $t1 (result i32)
        try (result i32)
          i32.const 1
          throw $e1
        delegate $t0
      catch_all
        i32.const 200
      end
    catch $e1
      i32.const 10
      i32.add
    end)
  ;; Three trys skipped, the label counting blocks and loops in between.
  (func (export "delegate-skip-3") (result i32)
    try $t0 (result i32)
      block $b (result i32)
        try (result i32)
          loop $l (result i32)
            try (result i32)
              try (result i32)
                i32.const 2
                throw $e1
              delegate $t0
            catch_all
              i32.const 300
            end
          end
        catch_all
          i32.const 200
        end
      end
    catch $e1
      i32.const 10
      i32.add
    end)

  ;; delegate to a block: the exception continues from that block outwards,
  ;; skipping the try between the block and the delegate.
  (func (export "delegate-to-block") (result i32)
    try (result i32)
      block $b (result i32)
        try (result i32)
          try (result i32)
            i32.const 1
            throw $e1
          delegate $b
        catch $e1
          i32.const 100
          i32.add
        end
      end
    catch $e1
      i32.const 10
      i32.add
    end)
  ;; ... to a loop ...
  (func (export "delegate-to-loop") (result i32)
    try (result i32)
      loop $l (result i32)
        try (result i32)
          try (result i32)
            i32.const 1
            throw $e1
          delegate $l
        catch_all
          i32.const 100
        end
      end
    catch $e1
      i32.const 10
      i32.add
    end)
  ;; ... to an if (then and else arms).
  (func (export "delegate-to-if") (param i32) (result i32)
    try (result i32)
      local.get 0
      if $i (result i32)
        try (result i32)
          try (result i32)
            i32.const 1
            throw $e1
          delegate $i
        catch_all
          i32.const 100
        end
      else
        try (result i32)
          try (result i32)
            i32.const 2
            throw $e1
          delegate $i
        catch_all
          i32.const 200
        end
      end
    catch $e1
      i32.const 10
      i32.add
    end)

  ;; delegate to a try whose clauses do not match: the exception goes on.
  (func (export "delegate-no-match") (result i32)
    try (result i32)
      try (result i32)
        try (result i32)
          i32.const 1
          throw $e1
        delegate 0
      catch $e2
        i32.const 100
        i32.add
      end
    catch $e1
      i32.const 10
      i32.add
    end)
  ;; ... and to one whose catch_all does.
  (func (export "delegate-to-catch-all") (result i32)
    try (result i32)
      try (result i32)
        try (result i32)
          i32.const 1
          throw $e1
        delegate 0
      catch $e2
        i32.const 100
        i32.add
      catch_all
        i32.const 99
      end
    catch $e1
      i32.const 10
      i32.add
    end)
  ;; ... and to one that rethrows it.
  (func (export "delegate-then-rethrow") (result i32)
    try (result i32)
      try (result i32)
        try (result i32)
          i32.const 1
          throw $e1
        delegate 0
      catch $e1
        i32.const 1000
        i32.add
        global.set $count
        rethrow 0
      end
    catch $e1
      global.get $count
      i32.add
    end)

  ;; An exception from a callee is delegated too.
  (func (export "delegate-callee") (param i32) (result i32)
    try (result i32)
      try (result i32)
        try (result i32)
          local.get 0
          call $throw-e1
          i32.const 0
        delegate 1
      catch_all
        i32.const -1
      end
    catch $e1
      i32.const 10
      i32.add
    end)

  ;; delegate to the function's label: the exception leaves the function,
  ;; skipping the function's own try.
  (func $delegate-to-caller (export "delegate-to-caller-uncaught") (result i32)
    try (result i32)
      try (result i32)
        i32.const 1
        throw $e1
      delegate 1
    catch $e1
      i32.const 100
      i32.add
    catch_all
      i32.const 200
    end)
  (func (export "delegate-to-caller") (result i32)
    try (result i32)
      call $delegate-to-caller
    catch $e1
      i32.const 10
      i32.add
    end)
  ;; At the top level of a function body, delegate 0 names the function.
  (func $delegate-0-top (export "delegate-0-top-uncaught") (result i32)
    try (result i32)
      i32.const 2
      throw $e1
    delegate 0)
  (func (export "delegate-0-top") (result i32)
    try (result i32)
      call $delegate-0-top
    catch $e1
      i32.const 10
      i32.add
    end)
  ;; From inside blocks: block, loop, try, so delegate 3 is the function.
  (func $delegate-3 (result i32)
    block (result i32)
      loop (result i32)
        try (result i32)
          try (result i32)
            i32.const 3
            throw $e1
          delegate 3
        catch_all
          i32.const 300
        end
      end
    end)
  (func (export "delegate-3-to-caller") (result i32)
    try (result i32)
      call $delegate-3
    catch $e1
      i32.const 10
      i32.add
    end)

  ;; A delegate inside a handler: the handler's own try is no longer active,
  ;; so delegating to it sends the exception past it (its later clauses do
  ;; not apply either).
  (func (export "delegate-in-handler") (result i32)
    try $t0 (result i32)
      try $t1 (result i32)
        throw $e0
      catch $e0
        try (result i32)
          i32.const 1
          throw $e1
        delegate $t1
      catch $e1
        i32.const 100
        i32.add
      catch_all
        i32.const 200
      end
    catch $e1
      i32.const 10
      i32.add
    end)
  ;; From a catch_all handler to the try one further out, which is in its
  ;; body: that try catches.
  (func (export "delegate-in-handler-outer") (result i32)
    try $t0 (result i32)
      try $t1 (result i32)
        throw $e0
      catch_all
        try (result i32)
          i32.const 1
          throw $e1
        delegate $t0
      end
    catch $e1
      i32.const 10
      i32.add
    end)
  ;; A delegate in a handler to the function: to the caller.
  (func $delegate-in-handler-to-caller (result i32)
    try (result i32)
      throw $e0
    catch_all
      try (result i32)
        i32.const 4
        throw $e1
      delegate 1
    end)
  (func (export "delegate-in-handler-to-caller") (result i32)
    try (result i32)
      call $delegate-in-handler-to-caller
    catch $e1
      i32.const 10
      i32.add
    end)

  ;; Chains: a try-delegate delegating to another try-delegate.
  (func (export "delegate-chain") (result i32)
    try $t0 (result i32)
      try $t1 (result i32)
        try $t2 (result i32)
          try (result i32)
            i32.const 1
            throw $e1
          delegate $t2
        delegate $t0
      catch_all
        i32.const 100
      end
    catch $e1
      i32.const 10
      i32.add
    end)
  (func (export "delegate-chain-0") (result i32)
    try (result i32)
      try (result i32)
        try (result i32)
          try (result i32)
            i32.const 1
            throw $e1
          delegate 0
        delegate 0
      delegate 0
    catch $e1
      i32.const 10
      i32.add
    end)
  ;; A chain ending at the caller.
  (func $delegate-chain-to-caller (result i32)
    try (result i32)
      try $t1 (result i32)
        try (result i32)
          i32.const 5
          throw $e1
        delegate $t1
      delegate 1
    catch_all
      i32.const 100
    end)
  (func (export "delegate-chain-to-caller") (result i32)
    try (result i32)
      call $delegate-chain-to-caller
    catch $e1
      i32.const 10
      i32.add
    end)
  ;; A chain through a function boundary: the callee delegates to its
  ;; caller, whose try-delegate delegates again.
  (func (export "delegate-chain-across-call") (result i32)
    try (result i32)
      try (result i32)
        try (result i32)
          call $delegate-to-caller
        delegate 1
      catch_all
        i32.const 100
      end
    catch $e1
      i32.const 10
      i32.add
    end)

  ;; Branching out of a try-delegate removes its handler: a throw after the
  ;; branch is caught by the try around it, not sent to the caller.
  (func (export "br-out-of-delegate") (result i32)
    try (result i32)
      block $b
        try
          br $b
        delegate 2
      end
      i32.const 6
      throw $e1
    catch $e1
      i32.const 10
      i32.add
    end)
  ;; A throw in the try around a try-delegate, after the try-delegate ended.
  (func (export "throw-after-delegate") (result i32)
    try (result i32)
      try
      delegate 1
      i32.const 7
      throw $e1
    catch $e1
      i32.const 10
      i32.add
    end)

  ;; A delegate in a loop, delegating every iteration to a try in the loop
  ;; body.
  (func (export "delegate-loop") (param i32) (result i32) (local $sum i32)
    block $done
      loop $l
        local.get 0
        i32.eqz
        br_if $done
        try
          try
            local.get 0
            throw $e1
          delegate 0
        catch $e1
          local.get $sum
          i32.add
          local.set $sum
        end
        local.get 0
        i32.const 1
        i32.sub
        local.set 0
        br $l
      end
    end
    local.get $sum)
)

(assert_return (invoke "delegate-0") (i32.const 11))
(assert_return (invoke "delegate-no-throw" (i32.const 41)) (i32.const 42))
(assert_return (invoke "delegate-no-throw-nested") (i32.const 1) (i32.const 2))
(assert_return (invoke "delegate-skip-1") (i32.const 11))
(assert_return (invoke "delegate-skip-by-name") (i32.const 11))
(assert_return (invoke "delegate-skip-3") (i32.const 12))
(assert_return (invoke "delegate-to-block") (i32.const 11))
(assert_return (invoke "delegate-to-loop") (i32.const 11))
(assert_return (invoke "delegate-to-if" (i32.const 1)) (i32.const 11))
(assert_return (invoke "delegate-to-if" (i32.const 0)) (i32.const 12))
(assert_return (invoke "delegate-no-match") (i32.const 11))
(assert_return (invoke "delegate-to-catch-all") (i32.const 99))
(assert_return (invoke "delegate-then-rethrow") (i32.const 1002))
(assert_return (invoke "delegate-callee" (i32.const 5)) (i32.const 15))
(assert_exception (invoke "delegate-to-caller-uncaught"))
(assert_return (invoke "delegate-to-caller") (i32.const 11))
(assert_exception (invoke "delegate-0-top-uncaught"))
(assert_return (invoke "delegate-0-top") (i32.const 12))
(assert_return (invoke "delegate-3-to-caller") (i32.const 13))
(assert_return (invoke "delegate-in-handler") (i32.const 11))
(assert_return (invoke "delegate-in-handler-outer") (i32.const 11))
(assert_return (invoke "delegate-in-handler-to-caller") (i32.const 14))
(assert_return (invoke "delegate-chain") (i32.const 11))
(assert_return (invoke "delegate-chain-0") (i32.const 11))
(assert_return (invoke "delegate-chain-to-caller") (i32.const 15))
(assert_return (invoke "delegate-chain-across-call") (i32.const 11))
(assert_return (invoke "br-out-of-delegate") (i32.const 16))
(assert_return (invoke "throw-after-delegate") (i32.const 17))
(assert_return (invoke "delegate-loop" (i32.const 10)) (i32.const 55))

;; Validation.
;; The label must exist; the function's label is the last one.
(assert_invalid (module (func try delegate 1)) "unknown label")
(assert_invalid (module (func block try delegate 2 end)) "unknown label")
(assert_invalid (module (func try try delegate 2 catch_all end)) "unknown label")
(assert_invalid (module (func try catch_all try delegate 2 end)) "unknown label")
;; The body must match the block type.
(assert_invalid (module (func (result i32) try (result i32) delegate 0)) "type mismatch")
(assert_invalid
  (module (func (result i32) try (result i32) i64.const 0 delegate 0))
  "type mismatch")
(assert_invalid
  (module (func (result i32) try (param i32) (result i32) delegate 0))
  "type mismatch")
;; The delegate's label may name a block of any type: only the try's own
;; type matters.
(module
  (func (result i64)
    block (result i64)
      f32.const 0
      loop (param f32) (result f64)
        drop
        try (result f64)
          f64.const 0
        delegate 1
      end
      drop
      i64.const 0
    end)
  (func
    try
      try
      delegate 1
    catch_all
    end))
;; In the text format the delegate cannot name its own try.
(assert_malformed (module quote "(func try $t delegate $t)") "unknown label")
;; In the binary format, delegate cannot close a try that has a catch
;; clause: try catch_all delegate 0 end-of-function.
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\01\04\01\60\00\00"
    "\03\02\01\00"
    "\0a\09\01\07\00\06\40\19\18\00\0b")
  "`delegate` found outside")
