;; Call-heavy code: small non-recursive functions with 1-4 parameters, called
;; directly and through a table (call_indirect), in a loop.
(module
  (type $bin (func (param i32 i32) (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $add $sub $mix $xorsh)
  (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $bin) (i32.sub (local.get 0) (local.get 1)))
  (func $mix (type $bin) (i32.xor (i32.mul (local.get 0) (i32.const 31)) (local.get 1)))
  (func $xorsh (type $bin) (i32.xor (local.get 0) (i32.shl (local.get 1) (i32.const 3))))
  (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $three (param i32 i32 i32) (result i32)
    (call $add (call $mix (local.get 0) (local.get 1)) (local.get 2)))
  (func $four (param i64 i32 i32 i32) (result i64)
    (i64.add (local.get 0)
      (i64.extend_i32_u (call $three (local.get 1) (local.get 2) (call $inc (local.get 3))))))
  (func (export "run") (result i64)
    (local $i i32) (local $x i32) (local $acc i64)
    (local.set $x (i32.const 7))
    (loop $l
      (local.set $x
        (call_indirect (type $bin) (local.get $x) (local.get $i)
          (i32.and (local.get $i) (i32.const 3))))
      (local.set $acc (call $four (local.get $acc) (local.get $x) (local.get $i) (i32.const 5)))
      (local.set $i (call $inc (local.get $i)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 3000000))))
    (i64.xor (local.get $acc) (i64.extend_i32_u (local.get $x)))))
