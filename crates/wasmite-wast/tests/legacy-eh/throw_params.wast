;; Legacy exception handling: exception payloads of every value type.
;;
;; A `catch $t` handler receives the values given to `throw $t`, bit for
;; bit (no numeric operation touches them, so NaN payloads and the sign of
;; zero are kept) and in order.

(module
  (tag $i32 (param i32))
  (tag $i64 (param i64))
  (tag $f32 (param f32))
  (tag $f64 (param f64))
  (tag $v128 (param v128))
  (tag $funcref (param funcref))
  (tag $externref (param externref))
  (tag $multi (param i32 i64 f32 f64))
  (tag $three (param i32 i32 i32))
  (tag $ten (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32))
  (tag $refs (param externref funcref externref))
  (type $pair (func (param i64 i32)))
  (tag $typed (type $pair))

  (type $v-to-i32 (func (result i32)))
  (table $table 1 funcref)
  (func $seven (type $v-to-i32) i32.const 7)
  (func $eight (type $v-to-i32) i32.const 8)
  (elem declare func $seven $eight)

  (func (export "i32") (param i32) (result i32)
    try (result i32)
      local.get 0
      throw $i32
    catch $i32
    end)
  (func (export "i64") (param i64) (result i64)
    try (result i64)
      local.get 0
      throw $i64
    catch $i64
    end)
  (func (export "f32") (param f32) (result f32)
    try (result f32)
      local.get 0
      throw $f32
    catch $f32
    end)
  (func (export "f64") (param f64) (result f64)
    try (result f64)
      local.get 0
      throw $f64
    catch $f64
    end)

  ;; Float payloads by bit pattern, checked inside wasm (NaNs included).
  (func (export "f32-bits") (param i32) (result i32)
    try (result f32)
      local.get 0
      f32.reinterpret_i32
      throw $f32
    catch $f32
    end
    i32.reinterpret_f32)
  (func (export "f64-bits") (param i64) (result i64)
    try (result f64)
      local.get 0
      f64.reinterpret_i64
      throw $f64
    catch $f64
    end
    i64.reinterpret_f64)

  ;; v128, returned as two i64 lanes.
  (func (export "v128") (param i64 i64) (result i64 i64) (local $v v128)
    try (result v128)
      v128.const i64x2 0 0
      local.get 0
      i64x2.replace_lane 0
      local.get 1
      i64x2.replace_lane 1
      throw $v128
    catch $v128
    end
    local.tee $v
    i64x2.extract_lane 0
    local.get $v
    i64x2.extract_lane 1)
  (func (export "v128-const") (result i32) (local $v v128)
    try (result v128)
      v128.const i32x4 1 2 3 4
      throw $v128
    catch $v128
    end
    local.set $v
    local.get $v
    i32x4.extract_lane 0
    local.get $v
    i32x4.extract_lane 1
    i32.const 10
    i32.mul
    i32.add
    local.get $v
    i32x4.extract_lane 2
    i32.const 100
    i32.mul
    i32.add
    local.get $v
    i32x4.extract_lane 3
    i32.const 1000
    i32.mul
    i32.add)

  ;; funcref: the caught reference is called.
  (func (export "funcref-call") (param i32) (result i32)
    i32.const 0
    try (result funcref)
      local.get 0
      if (result funcref)
        ref.func $seven
      else
        ref.func $eight
      end
      throw $funcref
    catch $funcref
    end
    table.set $table
    i32.const 0
    call_indirect $table (type $v-to-i32))
  (func (export "funcref-null") (result i32)
    try (result funcref)
      ref.null func
      throw $funcref
    catch $funcref
    end
    ref.is_null)
  (func (export "funcref-out") (param i32) (result funcref)
    try (result funcref)
      local.get 0
      if (result funcref)
        ref.func $seven
      else
        ref.null func
      end
      throw $funcref
    catch $funcref
    end)

  ;; externref: the host reference comes back unchanged.
  (func (export "externref") (param externref) (result externref)
    try (result externref)
      local.get 0
      throw $externref
    catch $externref
    end)

  ;; Several references in one payload: [a f b] comes back as
  ;; [b (f is null) a].
  (func (export "refs") (param externref externref) (result externref i32 externref)
    (local $x externref) (local $y externref) (local $f funcref)
    try
      local.get 0
      ref.func $seven
      local.get 1
      throw $refs
    catch $refs
      local.set $y
      local.set $f
      local.set $x
    end
    local.get $y
    local.get $f
    ref.is_null
    local.get $x)

  ;; Four values of four types, in order.
  (func (export "multi") (param i32 i64 f32 f64) (result i32 i64 f32 f64)
    try (result i32 i64 f32 f64)
      local.get 0
      local.get 1
      local.get 2
      local.get 3
      throw $multi
    catch $multi
    end)
  ;; Only the first value is kept.
  (func (export "multi-first") (result i32)
    try (result i32)
      i32.const 11
      i64.const 22
      f32.const 33
      f64.const 44
      throw $multi
    catch $multi
      drop
      drop
      drop
    end)

  ;; Order: the first operand of throw is the deepest value in the handler.
  (func (export "three") (result i32)
    try (result i32)
      i32.const 1
      i32.const 2
      i32.const 3
      throw $three
    catch $three
      ;; c=3 on top, then b=2, then a=1: a - (b - c) = 1 - (2 - 3) = 2
      i32.sub
      i32.sub
    end)
  (func (export "three-digits") (result i32) (local $a i32) (local $b i32) (local $c i32)
    try
      i32.const 1
      i32.const 2
      i32.const 3
      throw $three
    catch $three
      local.set $c
      local.set $b
      local.set $a
    end
    local.get $a
    i32.const 100
    i32.mul
    local.get $b
    i32.const 10
    i32.mul
    i32.add
    local.get $c
    i32.add)

  (func (export "ten") (result i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    try (result i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
      i32.const 1
      i32.const 2
      i32.const 3
      i32.const 4
      i32.const 5
      i32.const 6
      i32.const 7
      i32.const 8
      i32.const 9
      i32.const 10
      throw $ten
    catch $ten
    end)

  ;; A tag declared by a type index.
  (func (export "typed") (param i64 i32) (result i64 i32)
    try (result i64 i32)
      local.get 0
      local.get 1
      throw $typed
    catch $typed
    end)

  ;; Payload from a callee, built from its parameters.
  (func $throw-multi (param i32 i64 f32 f64)
    local.get 0
    local.get 1
    local.get 2
    local.get 3
    throw $multi)
  (func (export "multi-from-callee") (result i32 i64 f32 f64)
    try (result i32 i64 f32 f64)
      i32.const -2
      i64.const -3
      f32.const -4.5
      f64.const 0x1p-1074
      call $throw-multi
      unreachable
    catch $multi
    end)
)

(assert_return (invoke "i32" (i32.const 0)) (i32.const 0))
(assert_return (invoke "i32" (i32.const -1)) (i32.const -1))
(assert_return (invoke "i32" (i32.const 0x7fffffff)) (i32.const 0x7fffffff))
(assert_return (invoke "i32" (i32.const 0x80000000)) (i32.const 0x80000000))
(assert_return (invoke "i64" (i64.const 0)) (i64.const 0))
(assert_return (invoke "i64" (i64.const -1)) (i64.const -1))
(assert_return (invoke "i64" (i64.const 0x8000000000000000)) (i64.const 0x8000000000000000))
(assert_return (invoke "i64" (i64.const 0x7fffffffffffffff)) (i64.const 0x7fffffffffffffff))
(assert_return (invoke "i64" (i64.const 0x0123456789abcdef)) (i64.const 0x0123456789abcdef))
(assert_return (invoke "f32" (f32.const 1.5)) (f32.const 1.5))
(assert_return (invoke "f32" (f32.const -0.0)) (f32.const -0.0))
(assert_return (invoke "f32" (f32.const inf)) (f32.const inf))
(assert_return (invoke "f32" (f32.const -0x1p-149)) (f32.const -0x1p-149))
(assert_return (invoke "f32" (f32.const 0x1.fffffep127)) (f32.const 0x1.fffffep127))
(assert_return (invoke "f64" (f64.const -2.25)) (f64.const -2.25))
(assert_return (invoke "f64" (f64.const -0.0)) (f64.const -0.0))
(assert_return (invoke "f64" (f64.const -inf)) (f64.const -inf))
(assert_return (invoke "f64" (f64.const 0x1p-1074)) (f64.const 0x1p-1074))
(assert_return (invoke "f64" (f64.const 0x1.fffffffffffffp1023)) (f64.const 0x1.fffffffffffffp1023))
(assert_return (invoke "f32-bits" (i32.const 0x7fc00000)) (i32.const 0x7fc00000))
(assert_return (invoke "f32-bits" (i32.const 0xffc00000)) (i32.const 0xffc00000))
(assert_return (invoke "f32-bits" (i32.const 0x7fa00001)) (i32.const 0x7fa00001))
(assert_return (invoke "f32-bits" (i32.const 0x7f800001)) (i32.const 0x7f800001))
(assert_return (invoke "f32-bits" (i32.const 0xffffffff)) (i32.const 0xffffffff))
(assert_return (invoke "f32-bits" (i32.const 0x80000000)) (i32.const 0x80000000))
(assert_return (invoke "f64-bits" (i64.const 0x7ff8000000000000)) (i64.const 0x7ff8000000000000))
(assert_return (invoke "f64-bits" (i64.const 0x7ff0000000000001)) (i64.const 0x7ff0000000000001))
(assert_return (invoke "f64-bits" (i64.const 0xfff4000000000abc)) (i64.const 0xfff4000000000abc))
(assert_return (invoke "f64-bits" (i64.const 0xffffffffffffffff)) (i64.const 0xffffffffffffffff))
(assert_return (invoke "f64-bits" (i64.const 0x8000000000000000)) (i64.const 0x8000000000000000))
(assert_return (invoke "v128" (i64.const 0x0123456789abcdef) (i64.const -2))
  (i64.const 0x0123456789abcdef) (i64.const -2))
(assert_return (invoke "v128-const") (i32.const 4321))
(assert_return (invoke "funcref-call" (i32.const 1)) (i32.const 7))
(assert_return (invoke "funcref-call" (i32.const 0)) (i32.const 8))
(assert_return (invoke "funcref-null") (i32.const 1))
(assert_return (invoke "funcref-out" (i32.const 1)) (ref.func))
(assert_return (invoke "funcref-out" (i32.const 0)) (ref.null func))
(assert_return (invoke "externref" (ref.extern 1)) (ref.extern 1))
(assert_return (invoke "externref" (ref.extern 2)) (ref.extern 2))
(assert_return (invoke "externref" (ref.null extern)) (ref.null extern))
(assert_return (invoke "refs" (ref.extern 1) (ref.extern 2)) (ref.extern 2) (i32.const 0) (ref.extern 1))
(assert_return (invoke "refs" (ref.null extern) (ref.extern 3)) (ref.extern 3) (i32.const 0) (ref.null extern))
(assert_return (invoke "multi" (i32.const -1) (i64.const 0x8000000000000000) (f32.const -0.0) (f64.const inf))
  (i32.const -1) (i64.const 0x8000000000000000) (f32.const -0.0) (f64.const inf))
(assert_return (invoke "multi" (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4))
  (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4))
(assert_return (invoke "multi-first") (i32.const 11))
(assert_return (invoke "three") (i32.const 2))
(assert_return (invoke "three-digits") (i32.const 123))
(assert_return (invoke "ten")
  (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5)
  (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10))
(assert_return (invoke "typed" (i64.const -5) (i32.const 6)) (i64.const -5) (i32.const 6))
(assert_return (invoke "multi-from-callee")
  (i32.const -2) (i64.const -3) (f32.const -4.5) (f64.const 0x1p-1074))

;; Validation: the handler's stack holds the tag's parameter types.
(assert_invalid
  (module (tag $e (param f32))
    (func (result f64) try (result f64) f64.const 0 catch $e end))
  "type mismatch")
(assert_invalid
  (module (tag $e (param externref))
    (func (result funcref) try (result funcref) ref.null func catch $e end))
  "type mismatch")
(assert_invalid
  (module (tag $e (param i32 i64))
    (func (result i64 i32) try (result i64 i32) i64.const 0 i32.const 0 catch $e end))
  "type mismatch")
(assert_invalid
  (module (tag $e (param i32 i64))
    (func (result i32 i64) try (result i32 i64) i32.const 0 i64.const 0 catch $e drop drop end))
  "type mismatch")
(assert_invalid
  (module (tag $e (param funcref))
    (func ref.null extern throw $e))
  "type mismatch")
(assert_invalid
  (module (tag $e (param i32 i64))
    (func i64.const 0 i32.const 0 throw $e))
  "type mismatch")
