(module
  ;; Short-lived cyclic garbage: each round makes two nodes pointing at
  ;; each other, each holding a 64 KiB array it fills, and drops them.
  (type $blob (array (mut i64)))
  (rec (type $node (struct (field $next (mut (ref null $node))) (field $data (ref $blob)))))
  (global $keep (mut (ref null $node)) (ref.null $node))
  (func (export "churn") (param $rounds i32) (result i64)
    (local $a (ref null $node)) (local $b (ref null $node)) (local $sum i64)
    (loop $l
      (local.set $a (struct.new $node (ref.null $node) (array.new_default $blob (i32.const 8192))))
      (local.set $b (struct.new $node (local.get $a) (array.new $blob (i64.const 7) (i32.const 8192))))
      (struct.set $node $next (local.get $a) (local.get $b))
      (array.fill $blob (struct.get $node $data (local.get $a)) (i32.const 0) (i64.extend_i32_u (local.get $rounds)) (i32.const 8192))
      (local.set $sum (i64.add (local.get $sum)
        (i64.add (array.get $blob (struct.get $node $data (local.get $a)) (i32.const 8191))
                 (array.get $blob (struct.get $node $data (struct.get $node $next (local.get $a))) (i32.const 0)))))
      (br_if $l (local.tee $rounds (i32.sub (local.get $rounds) (i32.const 1)))))
    (local.get $sum))
)
