;; br_table dispatch: a state machine whose next state comes from a table
;; jump on the low bits of a pseudo-random number, 8 targets plus default.
(module
  (func (export "run") (result i64)
    (local $i i32) (local $x i32) (local $s i64)
    (local.set $x (i32.const 12345))
    (loop $l
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
      (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
      (block $b8 (block $b7 (block $b6 (block $b5 (block $b4
      (block $b3 (block $b2 (block $b1 (block $b0
        (br_table $b0 $b1 $b2 $b3 $b4 $b5 $b6 $b7 $b8
          (i32.and (local.get $x) (i32.const 15))))
        (local.set $s (i64.add (local.get $s) (i64.const 1))) (br $b8))
        (local.set $s (i64.mul (local.get $s) (i64.const 3))) (br $b8))
        (local.set $s (i64.xor (local.get $s) (i64.extend_i32_u (local.get $x)))) (br $b8))
        (local.set $s (i64.sub (local.get $s) (i64.const 7))) (br $b8))
        (local.set $s (i64.rotl (local.get $s) (i64.const 9))) (br $b8))
        (local.set $s (i64.add (local.get $s) (i64.extend_i32_s (local.get $i)))) (br $b8))
        (local.set $s (i64.shr_u (local.get $s) (i64.const 1))) (br $b8))
        (local.set $s (i64.or (local.get $s) (i64.const 0x100))) (br $b8))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 10000000))))
    (local.get $s)))
