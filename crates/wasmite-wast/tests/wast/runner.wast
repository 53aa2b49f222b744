;; Exercises the runner itself: every kind of directive it supports, with
;; assertions that pass on a correct engine.

;; Named modules, register, and imports from spectest and registered modules.
(module $M
  (import "spectest" "global_i32" (global $g i32))
  (import "spectest" "print_i32" (func $print (param i32)))
  (global (export "g") i32 (global.get $g))
  (global $counter (export "counter") (mut i32) (i32.const 0))
  (memory (export "mem") 1)
  (table (export "tab") 2 funcref)
  (func (export "bump") (result i32)
    (call $print (global.get $counter))
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (global.get $counter))
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
)
(register "M" $M)
(assert_return (get "g") (i32.const 666))
(assert_return (get $M "counter") (i32.const 0))
(invoke "bump")
(assert_return (invoke $M "bump") (i32.const 2))

(module $N
  (import "M" "bump" (func $bump (result i32)))
  (func (export "bump-twice") (result i32) (drop (call $bump)) (call $bump))
)
(assert_return (invoke "bump-twice") (i32.const 4))
(assert_return (get $M "counter") (i32.const 4))

;; Partial side effects of a failed instantiation persist: the data segment
;; before the trapping one is written into M's memory.
(assert_trap
  (module
    (import "M" "mem" (memory 1))
    (data (i32.const 0) "\2a")
    (data (i32.const 65536) "\01"))
  "out of bounds memory access")
(assert_return (invoke $M "load" (i32.const 0)) (i32.const 42))

;; Floats by bits and by NaN pattern; either.
(module
  (func (export "f32") (param f32) (result f32) (local.get 0))
  (func (export "f64") (param f64) (result f64) (local.get 0))
  (func (export "div0") (result f32) (f32.div (f32.const 0) (f32.const 0)))
  (func (export "two") (result i32 i64) (i32.const 1) (i64.const 2))
)
(assert_return (invoke "f32" (f32.const -0x1.8p1)) (f32.const -3))
(assert_return (invoke "f64" (f64.const nan:0x8000000000000)) (f64.const nan:canonical))
(assert_return (invoke "f32" (f32.const -nan)) (f32.const nan:canonical))
(assert_return (invoke "f32" (f32.const nan:0x600000)) (f32.const nan:arithmetic))
(assert_return (invoke "div0") (f32.const nan:arithmetic))
(assert_return (invoke "f32" (f32.const -0)) (f32.const -0))
(assert_return (invoke "two") (i32.const 1) (i64.const 2))
(assert_return (invoke "two") (either (i32.const 7) (i32.const 1)) (i64.const 2))

;; References: ref.extern payloads round-trip, nulls, ref.func.
(module
  (func (export "id") (param externref) (result externref) (local.get 0))
  (func (export "null-func") (result funcref) (ref.null func))
  (func $f (export "f"))
  (func (export "get-f") (result funcref) (ref.func $f))
  (func (export "is-null") (param externref) (result i32) (ref.is_null (local.get 0)))
)
(assert_return (invoke "id" (ref.extern 7)) (ref.extern 7))
(assert_return (invoke "id" (ref.extern 7)) (ref.extern))
(assert_return (invoke "id" (ref.null extern)) (ref.null extern))
(assert_return (invoke "null-func") (ref.null func))
(assert_return (invoke "get-f") (ref.func))
(assert_return (invoke "is-null" (ref.extern 0)) (i32.const 0))
(assert_return (invoke "is-null" (ref.null extern)) (i32.const 1))

;; Traps by message.
(module
  (func (export "unreachable") (unreachable))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
)
(assert_trap (invoke "unreachable") "unreachable")
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "div" (i32.const 0x80000000) (i32.const -1)) "integer overflow")

;; Start function traps: the module is uninstantiable.
(assert_trap (module (func $s (unreachable)) (start $s)) "unreachable")

;; Validation, decoding and linking errors.
(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_malformed (module quote "(func (i32.const))") "unexpected token")
(assert_malformed (module binary "\00asm\02\00\00\00") "unknown binary version")
(assert_malformed (module binary "\00asm\01\00\00\00\01") "unexpected end")
(assert_unlinkable (module (import "M" "nope" (func))) "unknown import")
(assert_unlinkable (module (import "M" "bump" (func (param i32)))) "incompatible import type")

;; Binary modules, and a named module definition instantiated twice.
(module binary "\00asm" "\01\00\00\00")
(module definition $D (func (export "seven") (result i32) (i32.const 7)))
(module instance $D1 $D)
(module instance $D2 $D)
(assert_return (invoke $D1 "seven") (i32.const 7))
(assert_return (invoke $D2 "seven") (i32.const 7))
