;; Legacy exception handling (`try`, `catch`, `catch_all`, `rethrow`,
;; `delegate`) mixed with the WebAssembly 3.0 instructions (`try_table`,
;; `throw_ref`, `exnref`).
;;
;; In the specification both kinds of try install an exception handler on
;; the stack and an exception is offered to the innermost handler first,
;; whichever kind it is (legacy exec.rst: a legacy try reduces to a label and
;; a handler, like try_table; rethrow is throw_ref of the caught exception).
;; A delegate throws the exception again inside the block its label names;
;; when that block is a try_table and the delegate is in its body, the
;; try_table's catch clauses apply.
;;
;; NOTE: node 20 (V8 11.3) has no try_table/exnref, so this file is not run
;; by run-node.mjs; it was checked with wasm-tools (validation) and wabt's
;; spectest-interp (execution). See README.md.

(module
  (tag $e0)
  (tag $e1 (param i32))
  (tag $e2 (param i32))

  (func $throw-e1 (param i32) local.get 0 throw $e1)

  ;; try_table inside a legacy try body: a tag the try_table does not catch
  ;; goes to the legacy try.
  (func (export "try-table-in-try") (param i32) (result i32)
    try (result i32)
      block $h (result i32)
        try_table (result i32) (catch $e2 $h)
          local.get 0
          call $throw-e1
          i32.const 0
        end
        return
      end
      i32.const 100
      i32.add
    catch $e1
      i32.const 1000
      i32.add
    end)
  ;; ... and one it does catch stays in the try_table.
  (func (export "try-table-in-try-caught") (param i32) (result i32)
    try (result i32)
      block $h (result i32)
        try_table (result i32) (catch $e1 $h)
          local.get 0
          call $throw-e1
          i32.const 0
        end
        return
      end
      i32.const 100
      i32.add
    catch $e1
      i32.const 1000
      i32.add
    end)

  ;; A legacy try inside a try_table: what the try does not catch goes to
  ;; the try_table.
  (func (export "try-in-try-table") (param i32) (result i32)
    block $h (result i32)
      try_table (result i32) (catch $e1 $h)
        try (result i32)
          local.get 0
          throw $e1
        catch $e2
          i32.const 100
          i32.add
        end
      end
      return
    end
    i32.const 1000
    i32.add)
  ;; ... and a catch_all that rethrows hands it on too.
  (func (export "rethrow-to-try-table") (param i32) (result i32)
    block $h (result i32)
      try_table (result i32) (catch $e1 $h)
        try (result i32)
          local.get 0
          throw $e1
        catch_all
          rethrow 0
        end
      end
      return
    end
    i32.const 2000
    i32.add)

  ;; Inside a legacy handler, rethrow from the body of a try_table: the label
  ;; counts the try_table, and the try_table catches the rethrown exception.
  (func (export "rethrow-into-try-table") (param i32) (result i32)
    try (result i32)
      local.get 0
      throw $e1
    catch $e1
      drop
      block $h (result i32)
        try_table (result i32) (catch $e1 $h)
          rethrow 2
        end
      end
      i32.const 3000
      i32.add
    end)

  ;; An exception caught by a legacy catch_all, rethrown, caught by
  ;; try_table's catch_ref and thrown again with throw_ref: a legacy catch
  ;; outside receives the original payload.
  (func (export "catch-ref-throw-ref") (param i32) (result i32)
    try (result i32)
      block $h (result exnref)
        try_table (catch_all_ref $h)
          try
            local.get 0
            throw $e1
          catch_all
            rethrow 0
          end
        end
        i32.const -1
        return
      end
      throw_ref
    catch $e1
      i32.const 4000
      i32.add
    end)

  ;; An exnref thrown with throw_ref in a legacy try body, caught by the
  ;; legacy catch, and rethrown from there to a try_table.
  (func (export "throw-ref-in-try") (param i32) (result i32) (local $x exnref)
    block $h (result i32 exnref)
      try_table (catch_ref $e1 $h)
        local.get 0
        call $throw-e1
      end
      unreachable
    end
    local.set $x
    drop
    block $h2 (result i32)
      try_table (result i32) (catch $e1 $h2)
        try (result i32)
          local.get $x
          throw_ref
        catch $e1
          drop
          rethrow 0
        end
      end
      return
    end
    i32.const 5000
    i32.add)

  ;; delegate to a try_table's label: the try_table's clauses apply.
  (func (export "delegate-to-try-table") (param i32) (result i32)
    block $h (result i32)
      try_table $tt (result i32) (catch $e1 $h)
        try (result i32)
          try (result i32)
            local.get 0
            throw $e1
          delegate $tt
        catch_all
          i32.const -1
        end
      end
      return
    end
    i32.const 6000
    i32.add)
  ;; delegate across a try_table to a legacy try: the try_table's clauses
  ;; do not apply.
  (func (export "delegate-across-try-table") (param i32) (result i32)
    try $t (result i32)
      block $h
        try_table (result i32) (catch_all $h)
          try (result i32)
            local.get 0
            throw $e1
          delegate $t
        end
        return
      end
      i32.const -1
    catch $e1
      i32.const 7000
      i32.add
    end)
  ;; try_table inside a delegating try: the try_table catches first.
  (func (export "try-table-in-delegate") (param i32) (result i32)
    try (result i32)
      try (result i32)
        block $h (result i32)
          try_table (result i32) (catch $e1 $h)
            local.get 0
            throw $e1
          end
        end
        i32.const 8000
        i32.add
      delegate 0
    catch $e1
      drop
      i32.const -1
    end)
)

(assert_return (invoke "try-table-in-try" (i32.const 1)) (i32.const 1001))
(assert_return (invoke "try-table-in-try-caught" (i32.const 1)) (i32.const 101))
(assert_return (invoke "try-in-try-table" (i32.const 2)) (i32.const 1002))
(assert_return (invoke "rethrow-to-try-table" (i32.const 3)) (i32.const 2003))
(assert_return (invoke "rethrow-into-try-table" (i32.const 4)) (i32.const 3004))
(assert_return (invoke "catch-ref-throw-ref" (i32.const 5)) (i32.const 4005))
(assert_return (invoke "throw-ref-in-try" (i32.const 6)) (i32.const 5006))
(assert_return (invoke "delegate-to-try-table" (i32.const 7)) (i32.const 6007))
(assert_return (invoke "delegate-across-try-table" (i32.const 8)) (i32.const 7008))
(assert_return (invoke "try-table-in-delegate" (i32.const 9)) (i32.const 8009))

;; Validation: a try_table is not a legacy catch, so rethrow cannot name it.
(assert_invalid
  (module (tag $e)
    (func
      block $h
        try_table (catch $e $h)
          rethrow 0
        end
      end))
  "invalid rethrow label")
(assert_invalid
  (module (tag $e)
    (func
      block $h
        try_table (catch_all $h)
        end
        rethrow 0
      end))
  "invalid rethrow label")
