;; Legacy exception handling: `try` ... `catch` tag ... `end`.
;;
;; Semantics (legacy proposal, Exceptions.md): a `throw` in the body of a
;; try block is matched against the try's `catch` clauses in order; the
;; first clause whose tag is the thrown tag runs, with the exception's
;; payload pushed on an operand stack that was reset to the height it had
;; at the try (after the block parameters were popped). A throw in a catch
;; handler is not seen by the same try's clauses. An exception that no
;; clause matches continues outwards.

(module
  (tag $e0)
  (tag $e1 (param i32))
  (tag $e2 (param i32))
  (tag $e3 (param i32 i64))
  (type $t-i32-to-i32-i32 (func (param i32) (result i32 i32)))

  (global $g (mut i32) (i32.const 0))

  ;; Empty try blocks.
  (func (export "empty-try") try end)
  (func (export "empty-try-catch") try catch $e0 end)
  (func (export "empty-try-catch-all") try catch_all end)
  (func (export "empty-try-catches") try catch $e0 catch $e1 drop catch_all end)

  ;; Nothing thrown: the body's values leave the try, no handler runs.
  (func (export "no-throw") (result i32)
    try (result i32)
      i32.const 1
    catch $e0
      i32.const 2
    end)

  (func (export "catch-e0") (result i32)
    try (result i32)
      throw $e0
    catch $e0
      i32.const 2
    end)

  ;; The payload is delivered to the handler.
  (func (export "catch-e1") (param i32) (result i32)
    try (result i32)
      local.get 0
      throw $e1
    catch $e1
    end)

  (func (export "catch-e1-add") (param i32) (result i32)
    try (result i32)
      local.get 0
      throw $e1
    catch $e1
      i32.const 100
      i32.add
    end)

  (func (export "maybe-throw") (param i32) (result i32)
    try (result i32)
      local.get 0
      if
        i32.const 42
        throw $e1
      end
      i32.const 7
    catch $e1
      i32.const 1000
      i32.add
    end)

  ;; Several clauses: the one for the thrown tag runs.
  (func (export "select-clause") (param i32) (result i32)
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
        i32.const 11
        throw $e1
      end
      local.get 0
      i32.const 2
      i32.eq
      if
        i32.const 22
        throw $e2
      end
      local.get 0
      i32.const 3
      i32.eq
      if
        i32.const 33
        i64.const 44
        throw $e3
      end
      i32.const -1
    catch $e0
      i32.const 100
    catch $e1
      i32.const 200
      i32.add
    catch $e2
      i32.const 300
      i32.add
    catch $e3
      i32.wrap_i64
      i32.add
      i32.const 400
      i32.add
    end)

  ;; Two clauses for the same tag: the first one wins.
  (func (export "first-match-wins") (result i32)
    try (result i32)
      i32.const 5
      throw $e1
    catch $e1
      i32.const 10
      i32.add
    catch $e1
      i32.const 20
      i32.add
    catch_all
      i32.const 99
    end)

  ;; catch followed by catch_all.
  (func (export "catch-then-catch-all") (param i32) (result i32)
    try (result i32)
      local.get 0
      if
        i32.const 1
        throw $e1
      else
        throw $e0
      end
      i32.const 0
    catch $e1
      i32.const 10
      i32.add
    catch_all
      i32.const 20
    end)

  ;; A different tag passes through an inner try to an outer handler.
  (func (export "pass-through") (result i32)
    try (result i32)
      try (result i32)
        i32.const 3
        throw $e2
      catch $e1
        i32.const 1000
        i32.add
      end
    catch $e2
      i32.const 2000
      i32.add
    end)

  ;; The inner try catches its own tag, the outer handler does not run.
  (func (export "inner-catches") (result i32)
    try (result i32)
      try (result i32)
        i32.const 3
        throw $e1
      catch $e1
        i32.const 1000
        i32.add
      end
    catch $e1
      i32.const 2000
      i32.add
    end)

  ;; Handler of the inner try runs, then the code after it in the outer
  ;; body throws again and the outer handler catches that.
  (func (export "inner-then-outer") (result i32)
    try (result i32)
      try (result i32)
        i32.const 3
        throw $e1
      catch $e1
      end
      throw $e1
    catch $e1
      i32.const 2000
      i32.add
    end)

  ;; Uncaught exceptions.
  (func (export "throw-no-try") throw $e0)
  (func (export "try-no-catch") try throw $e0 end)
  (func (export "uncaught-other-tag") (result i32)
    try (result i32)
      i32.const 1
      throw $e2
    catch $e1
    end)

  ;; A throw in a handler is not caught by a later clause of the same try.
  (func (export "throw-in-handler-outer") (result i32)
    try (result i32)
      try (result i32)
        throw $e0
      catch $e0
        i32.const 1
        throw $e1
      catch $e1
        i32.const 500
        i32.add
      end
    catch $e1
      i32.const 10
      i32.add
    end)
  (func (export "throw-in-handler-escapes") (result i32)
    try (result i32)
      throw $e0
    catch $e0
      i32.const 1
      throw $e1
    catch $e1
      i32.const 500
      i32.add
    end)

  ;; A try in a handler catches what is thrown inside it.
  (func (export "try-in-handler") (result i32)
    try (result i32)
      throw $e0
    catch $e0
      try (result i32)
        i32.const 3
        throw $e1
      catch $e1
        i32.const 30
        i32.add
      end
    end)

  ;; The operand stack is reset to the height at the try.
  (func (export "stack-reset") (result i32)
    i32.const 1000
    try (result i32)
      i32.const 1
      i32.const 2
      i32.const 3
      i32.const 4
      throw $e1
    catch $e1
    end
    i32.add)

  ;; Locals and globals written before the throw keep their values.
  (func (export "locals-persist") (result i32) (local i32)
    try
      i32.const 5
      local.set 0
      throw $e0
    catch $e0
      local.get 0
      i32.const 10
      i32.add
      local.set 0
    end
    local.get 0)
  (func (export "globals-persist") (result i32)
    i32.const 0
    global.set $g
    try
      i32.const 7
      global.set $g
      throw $e0
      i32.const 8
      global.set $g
    catch $e0
      global.get $g
      i32.const 100
      i32.add
      global.set $g
    end
    global.get $g)

  ;; Block parameters.
  (func (export "try-param") (param i32) (result i32)
    local.get 0
    try (param i32) (result i32)
      i32.const 1
      i32.add
    catch $e0
      i32.const -1
    end)
  (func (export "try-param-thrown") (param i32) (result i32)
    local.get 0
    try (param i32) (result i32)
      throw $e1
    catch $e1
      i32.const 1
      i32.add
    end)
  ;; The parameter still on the try's stack is dropped when it throws.
  (func (export "try-param-discarded") (result i32)
    i32.const 10
    i32.const 20
    try (param i32) (result i32)
      i32.const 30
      throw $e1
    catch $e1
    end
    i32.add)
  ;; A block type given by a type index, two results.
  (func (export "try-type-index") (param i32) (result i32 i32)
    local.get 0
    try (type $t-i32-to-i32-i32)
      local.get 0
      i32.eqz
      if (param i32) (result i32 i32)
        i32.const 2
      else
        throw $e1
      end
    catch $e1
      i32.const 3
    catch_all
      i32.const -1
      i32.const -1
    end)

  ;; Several results, from the body or from the handlers.
  (func (export "multi-result") (param i32) (result i32 i64)
    try (result i32 i64)
      local.get 0
      i32.const 1
      i32.eq
      if
        i32.const 7
        i64.const 8
        throw $e3
      end
      local.get 0
      i32.const 2
      i32.eq
      if
        throw $e0
      end
      i32.const 1
      i64.const 2
    catch $e3
    catch_all
      i32.const -1
      i64.const -1
    end)

  ;; A loop whose body catches an exception every iteration.
  (func (export "loop-catch") (param i32) (result i32) (local $sum i32)
    block $done
      loop $l
        local.get 0
        i32.eqz
        br_if $done
        try
          local.get 0
          throw $e1
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

  ;; A try whose body is a loop that throws on the n-th iteration.
  (func (export "throw-from-loop") (param i32) (result i32) (local $i i32)
    try (result i32)
      loop $l
        local.get $i
        local.get 0
        i32.eq
        if
          local.get $i
          i32.const 1000
          i32.mul
          throw $e1
        end
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $l
      end
      unreachable
    catch $e1
      local.get $i
      i32.add
    end)

  ;; Deep nesting: the exception passes through 4 non-matching trys.
  (func (export "deep-nesting") (result i32)
    try (result i32)
      try (result i32)
        try (result i32)
          try (result i32)
            try (result i32)
              i32.const 1
              throw $e1
            catch $e2
              i32.const 10
              i32.add
            end
          catch $e0
            i32.const 20
          end
        catch $e2
          i32.const 30
          i32.add
        end
      catch $e0
        i32.const 40
      end
    catch $e1
      i32.const 50
      i32.add
    end)

  ;; Two tags of the same type are different tags.
  (func (export "same-type-different-tag") (result i32)
    try (result i32)
      i32.const 1
      throw $e2
    catch $e1
      i32.const 10
      i32.add
    catch $e2
      i32.const 20
      i32.add
    end)
)

(assert_return (invoke "empty-try"))
(assert_return (invoke "empty-try-catch"))
(assert_return (invoke "empty-try-catch-all"))
(assert_return (invoke "empty-try-catches"))
(assert_return (invoke "no-throw") (i32.const 1))
(assert_return (invoke "catch-e0") (i32.const 2))
(assert_return (invoke "catch-e1" (i32.const 0)) (i32.const 0))
(assert_return (invoke "catch-e1" (i32.const 42)) (i32.const 42))
(assert_return (invoke "catch-e1" (i32.const -1)) (i32.const -1))
(assert_return (invoke "catch-e1" (i32.const 0x80000000)) (i32.const 0x80000000))
(assert_return (invoke "catch-e1-add" (i32.const 5)) (i32.const 105))
(assert_return (invoke "maybe-throw" (i32.const 0)) (i32.const 7))
(assert_return (invoke "maybe-throw" (i32.const 1)) (i32.const 1042))
(assert_return (invoke "select-clause" (i32.const 0)) (i32.const 100))
(assert_return (invoke "select-clause" (i32.const 1)) (i32.const 211))
(assert_return (invoke "select-clause" (i32.const 2)) (i32.const 322))
(assert_return (invoke "select-clause" (i32.const 3)) (i32.const 477))
(assert_return (invoke "select-clause" (i32.const 4)) (i32.const -1))
(assert_return (invoke "first-match-wins") (i32.const 15))
(assert_return (invoke "catch-then-catch-all" (i32.const 1)) (i32.const 11))
(assert_return (invoke "catch-then-catch-all" (i32.const 0)) (i32.const 20))
(assert_return (invoke "pass-through") (i32.const 2003))
(assert_return (invoke "inner-catches") (i32.const 1003))
(assert_return (invoke "inner-then-outer") (i32.const 2003))
(assert_exception (invoke "throw-no-try"))
(assert_exception (invoke "try-no-catch"))
(assert_exception (invoke "uncaught-other-tag"))
(assert_return (invoke "throw-in-handler-outer") (i32.const 11))
(assert_exception (invoke "throw-in-handler-escapes"))
(assert_return (invoke "try-in-handler") (i32.const 33))
(assert_return (invoke "stack-reset") (i32.const 1004))
(assert_return (invoke "locals-persist") (i32.const 15))
(assert_return (invoke "globals-persist") (i32.const 107))
(assert_return (invoke "try-param" (i32.const 41)) (i32.const 42))
(assert_return (invoke "try-param-thrown" (i32.const 41)) (i32.const 42))
(assert_return (invoke "try-param-discarded") (i32.const 40))
(assert_return (invoke "try-type-index" (i32.const 0)) (i32.const 0) (i32.const 2))
(assert_return (invoke "try-type-index" (i32.const 5)) (i32.const 5) (i32.const 3))
(assert_return (invoke "multi-result" (i32.const 0)) (i32.const 1) (i64.const 2))
(assert_return (invoke "multi-result" (i32.const 1)) (i32.const 7) (i64.const 8))
(assert_return (invoke "multi-result" (i32.const 2)) (i32.const -1) (i64.const -1))
(assert_return (invoke "loop-catch" (i32.const 0)) (i32.const 0))
(assert_return (invoke "loop-catch" (i32.const 10)) (i32.const 55))
(assert_return (invoke "throw-from-loop" (i32.const 0)) (i32.const 0))
(assert_return (invoke "throw-from-loop" (i32.const 3)) (i32.const 3003))
(assert_return (invoke "deep-nesting") (i32.const 51))
(assert_return (invoke "same-type-different-tag") (i32.const 21))
;; The instance is still usable after an uncaught exception.
(assert_exception (invoke "throw-no-try"))
(assert_return (invoke "catch-e1" (i32.const 9)) (i32.const 9))

;; Validation.

;; The handler must produce the try's result type.
(assert_invalid
  (module (tag $e) (func (result i32) try (result i32) i32.const 1 catch $e end))
  "type mismatch")
;; A catch of a tag with two parameters pushes two values.
(assert_invalid
  (module (tag $e (param i32 i64))
    (func (result i32) try (result i32) i32.const 1 catch $e end))
  "type mismatch")
;; ... and of a tag with an i64 parameter pushes an i64.
(assert_invalid
  (module (tag $e (param i64))
    (func (result i32) try (result i32) i32.const 1 catch $e end))
  "type mismatch")
;; The body must produce the try's result type.
(assert_invalid
  (module (tag $e) (func (result i32) try (result i32) catch $e i32.const 1 end))
  "type mismatch")
(assert_invalid
  (module (tag $e) (func (result i32) try (result i32) i64.const 1 catch $e i32.const 1 end))
  "type mismatch")
;; The parameters must be on the stack.
(assert_invalid
  (module (func (result i32) try (param i32) (result i32) catch_all i32.const 0 end))
  "type mismatch")
;; A handler starts from an empty stack: the block parameters are gone.
(assert_invalid
  (module (tag $e)
    (func (result i32) i32.const 1 try (param i32) (result i32) catch $e end))
  "type mismatch")
;; The try's body cannot see values from outside it.
(assert_invalid
  (module (tag $e) (func (result i32) i32.const 1 try (result i32) i32.const 2 i32.add catch $e i32.const 0 end))
  "type mismatch")
;; Unknown tags.
(assert_invalid (module (func try catch 0 end)) "unknown tag")
(assert_invalid (module (tag) (func try catch 1 end)) "unknown tag")
(assert_invalid (module (func throw 0)) "unknown tag")
;; throw needs the tag's parameters.
(assert_invalid (module (tag $e (param i32)) (func throw $e)) "type mismatch")
(assert_invalid (module (tag $e (param i32)) (func i64.const 0 throw $e)) "type mismatch")
(assert_invalid (module (tag $e (param i32 i32)) (func i32.const 0 throw $e)) "type mismatch")
;; A tag's function type has no results.
(assert_invalid (module (tag (param i32) (result i32))) "non-empty tag result type")
(assert_invalid (module (type $t (func (result i32))) (tag (type $t))) "non-empty tag result type")

;; Malformed text. (`try catch_all catch $e end` and friends are malformed
;; text too, but the `wast` crate encodes them instruction by instruction, so
;; they are tested in the binary format below.)
(assert_malformed
  (module quote "(func try $a end $b)")
  "mismatching label")
(assert_malformed
  (module quote "(func try $a catch_all end $b)")
  "mismatching label")
(assert_malformed
  (module quote "(tag $e) (func try $a catch $e end $b)")
  "mismatching label")

;; Malformed binary: a catch clause after catch_all, two catch_all clauses,
;; a catch outside a try. (The messages are wasmparser's wording.)
;; Type section: one type [] -> []; function section: one function of type 0;
;; tag section (id 13): one tag, attribute 0, type 0; code section: one body.
;; try (0x06 0x40) catch_all (0x19) catch 0 (0x07 0x00) end end
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\01\04\01\60\00\00"
    "\03\02\01\00"
    "\0d\03\01\00\00"
    "\0a\0a\01\08\00\06\40\19\07\00\0b\0b")
  "`catch` found outside")
;; try catch_all catch_all end
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\01\04\01\60\00\00"
    "\03\02\01\00"
    "\0d\03\01\00\00"
    "\0a\09\01\07\00\06\40\19\19\0b\0b")
  "`catch_all` found outside")
;; catch 0 outside any try
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\01\04\01\60\00\00"
    "\03\02\01\00"
    "\0d\03\01\00\00"
    "\0a\06\01\04\00\07\00\0b")
  "`catch` found outside")
