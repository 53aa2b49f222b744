;; WasmGC arrays: a sieve over a packed byte array, a heapsort of an i32
;; array, and a stable merge sort of an array of struct references; every
;; round allocates its arrays afresh, so the previous round's are garbage.
;;
;; Each of 8 rounds:
;; - sieve of Eratosthenes below 2^18 over an `(array (mut i8))`
;;   (`array.new_default`, `array.get_u`, `array.set`): the prime count;
;; - heapsort of 2^14 pseudo-random i32s in an `(array (mut i32))`
;;   (`array.get`/`array.set`, signed order): every element, in order;
;; - bottom-up merge sort of 2^14 `$item` structs (a key below 4096, so many
;;   ties, and the item's original index) in an `(array (mut (ref null
;;   $item)))`, ping-ponging with a second such array (`array.new`), runs'
;;   tails moved with `array.copy`; ties keep their order (stable): every
;;   item's index, in order.
;; Many rounds of moderate size rather than a few large ones, so that the
;; collector runs throughout and the time grows in step with the rounds (with
;; 3-4 rounds of 4 times the size, wasmtime's time jumped at the round in
;; which its first collection came: 2 rounds took no longer than 1).
;; All of it is folded into the i64 result with FNV-1a over i64 values.
;; src/workloads.rs's tests compute the same in plain Rust.
;;
;; Assembled with the `wat` crate (wabt 1.0.32's wat2wasm has no GC): see
;; ../build.sh.
(module
  (type $bytes (array (mut i8)))
  (type $ints (array (mut i32)))
  (type $item (struct (field $key i32) (field $id i32)))
  (type $items (array (mut (ref null $item))))

  (global $rounds i32 (i32.const 8))
  (global $sieve_n i32 (i32.const 262144))
  (global $ints_n i32 (i32.const 16384))
  (global $items_n i32 (i32.const 16384))

  ;; The pseudo-random source: an LCG over i32.
  (global $rng (mut i32) (i32.const 0x2545f491))
  (func $next (result i32)
    (global.set $rng
      (i32.add (i32.mul (global.get $rng) (i32.const 1103515245)) (i32.const 12345)))
    (global.get $rng))

  ;; FNV-1a step over one i64 value.
  (func $mix (param $h i64) (param $v i64) (result i64)
    (i64.mul (i64.xor (local.get $h) (local.get $v)) (i64.const 0x100000001b3)))

  ;; The number of primes below $n.
  (func $sieve (param $n i32) (result i32)
    (local $composite (ref $bytes))
    (local $i i32)
    (local $j i32)
    (local $count i32)
    (local.set $composite (array.new_default $bytes (local.get $n)))
    (local.set $i (i32.const 2))
    (block $done
      (loop $outer
        (br_if $done (i32.gt_u (i32.mul (local.get $i) (local.get $i)) (local.get $n)))
        (if (i32.eqz (array.get_u $bytes (local.get $composite) (local.get $i)))
          (then
            (local.set $j (i32.mul (local.get $i) (local.get $i)))
            (block $end
              (loop $inner
                (br_if $end (i32.ge_u (local.get $j) (local.get $n)))
                (array.set $bytes (local.get $composite) (local.get $j) (i32.const 1))
                (local.set $j (i32.add (local.get $j) (local.get $i)))
                (br $inner)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (local.set $i (i32.const 2))
    (loop $counting
      (local.set $count
        (i32.add (local.get $count)
          (i32.eqz (array.get_u $bytes (local.get $composite) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $counting (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $count))

  ;; Heapsort's sift-down of $a[$root] within $a[0..$end].
  (func $sift (param $a (ref $ints)) (param $root i32) (param $end i32)
    (local $child i32)
    (local $t i32)
    (block $done
      (loop $down
        (local.set $child (i32.add (i32.shl (local.get $root) (i32.const 1)) (i32.const 1)))
        (br_if $done (i32.ge_u (local.get $child) (local.get $end)))
        (if (i32.lt_u (i32.add (local.get $child) (i32.const 1)) (local.get $end))
          (then
            (if (i32.lt_s
                  (array.get $ints (local.get $a) (local.get $child))
                  (array.get $ints (local.get $a) (i32.add (local.get $child) (i32.const 1))))
              (then (local.set $child (i32.add (local.get $child) (i32.const 1)))))))
        (br_if $done
          (i32.ge_s
            (array.get $ints (local.get $a) (local.get $root))
            (array.get $ints (local.get $a) (local.get $child))))
        (local.set $t (array.get $ints (local.get $a) (local.get $root)))
        (array.set $ints (local.get $a) (local.get $root)
          (array.get $ints (local.get $a) (local.get $child)))
        (array.set $ints (local.get $a) (local.get $child) (local.get $t))
        (local.set $root (local.get $child))
        (br $down))))

  ;; $n pseudo-random i32s, heapsorted, folded into $h in order.
  (func $heapsort (param $h i64) (param $n i32) (result i64)
    (local $a (ref $ints))
    (local $i i32)
    (local $t i32)
    (local.set $a (array.new_default $ints (local.get $n)))
    (loop $fill
      (array.set $ints (local.get $a) (local.get $i) (call $next))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (array.len (local.get $a)))))
    ;; Heapify, then move the maximum to the end, n-1 times.
    (local.set $i (i32.shr_u (array.len (local.get $a)) (i32.const 1)))
    (loop $heapify
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (call $sift (local.get $a) (local.get $i) (array.len (local.get $a)))
      (br_if $heapify (local.get $i)))
    (local.set $i (i32.sub (array.len (local.get $a)) (i32.const 1)))
    (loop $extract
      (local.set $t (array.get $ints (local.get $a) (i32.const 0)))
      (array.set $ints (local.get $a) (i32.const 0)
        (array.get $ints (local.get $a) (local.get $i)))
      (array.set $ints (local.get $a) (local.get $i) (local.get $t))
      (call $sift (local.get $a) (i32.const 0) (local.get $i))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br_if $extract (local.get $i)))
    (local.set $i (i32.const 0))
    (loop $fold
      (local.set $h (call $mix (local.get $h)
        (i64.extend_i32_s (array.get $ints (local.get $a) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fold (i32.lt_u (local.get $i) (array.len (local.get $a)))))
    (local.get $h))

  ;; One merge pass: the sorted runs of $width in $src, merged pairwise into
  ;; $dst. On equal keys the left run's item goes first (stable).
  (func $merge_pass (param $src (ref $items)) (param $dst (ref $items)) (param $width i32)
    (local $n i32)
    (local $lo i32)
    (local $mid i32)
    (local $hi i32)
    (local $i i32)
    (local $j i32)
    (local $k i32)
    (local $x (ref null $item))
    (local $y (ref null $item))
    (local.set $n (array.len (local.get $src)))
    (loop $runs
      (local.set $mid (i32.add (local.get $lo) (local.get $width)))
      (if (i32.gt_u (local.get $mid) (local.get $n)) (then (local.set $mid (local.get $n))))
      (local.set $hi (i32.add (local.get $mid) (local.get $width)))
      (if (i32.gt_u (local.get $hi) (local.get $n)) (then (local.set $hi (local.get $n))))
      (local.set $i (local.get $lo))
      (local.set $j (local.get $mid))
      (local.set $k (local.get $lo))
      (block $tails
        (loop $merge
          (br_if $tails (i32.ge_u (local.get $i) (local.get $mid)))
          (br_if $tails (i32.ge_u (local.get $j) (local.get $hi)))
          (local.set $x (array.get $items (local.get $src) (local.get $i)))
          (local.set $y (array.get $items (local.get $src) (local.get $j)))
          (if (i32.lt_s (struct.get $item $key (local.get $y)) (struct.get $item $key (local.get $x)))
            (then
              (array.set $items (local.get $dst) (local.get $k) (local.get $y))
              (local.set $j (i32.add (local.get $j) (i32.const 1))))
            (else
              (array.set $items (local.get $dst) (local.get $k) (local.get $x))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $merge)))
      ;; One run is used up: the rest of the other one follows as it is.
      (array.copy $items $items (local.get $dst) (local.get $k)
        (local.get $src) (local.get $i) (i32.sub (local.get $mid) (local.get $i)))
      (local.set $k (i32.add (local.get $k) (i32.sub (local.get $mid) (local.get $i))))
      (array.copy $items $items (local.get $dst) (local.get $k)
        (local.get $src) (local.get $j) (i32.sub (local.get $hi) (local.get $j)))
      (local.set $lo (local.get $hi))
      (br_if $runs (i32.lt_u (local.get $lo) (local.get $n)))))

  ;; $n items with pseudo-random keys, merge-sorted by key, their indices
  ;; folded into $h in order.
  (func $mergesort (param $h i64) (param $n i32) (result i64)
    (local $a (ref $items))
    (local $b (ref $items))
    (local $t (ref $items))
    (local $i i32)
    (local $width i32)
    (local.set $a (array.new $items (ref.null $item) (local.get $n)))
    (local.set $b (array.new $items (ref.null $item) (local.get $n)))
    (loop $fill
      (array.set $items (local.get $a) (local.get $i)
        (struct.new $item (i32.shr_u (call $next) (i32.const 20)) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (local.get $n))))
    (local.set $width (i32.const 1))
    (loop $passes
      (call $merge_pass (local.get $a) (local.get $b) (local.get $width))
      (local.set $t (local.get $a))
      (local.set $a (local.get $b))
      (local.set $b (local.get $t))
      (local.set $width (i32.shl (local.get $width) (i32.const 1)))
      (br_if $passes (i32.lt_u (local.get $width) (local.get $n))))
    (local.set $i (i32.const 0))
    (loop $fold
      (local.set $h (call $mix (local.get $h)
        (i64.extend_i32_u
          (struct.get $item $id (array.get $items (local.get $a) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fold (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $h))

  (func (export "run") (result i64)
    (local $h i64)
    (local $round i32)
    (local.set $h (i64.const 0xcbf29ce484222325))
    (loop $rounds
      (local.set $h (call $mix (local.get $h)
        (i64.extend_i32_u (call $sieve (global.get $sieve_n)))))
      (local.set $h (call $heapsort (local.get $h) (global.get $ints_n)))
      (local.set $h (call $mergesort (local.get $h) (global.get $items_n)))
      (local.set $round (i32.add (local.get $round) (i32.const 1)))
      (br_if $rounds (i32.lt_u (local.get $round) (global.get $rounds))))
    (local.get $h)))
