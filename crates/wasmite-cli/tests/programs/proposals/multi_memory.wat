;; A WASI command with two memories (multi-memory). Memory $io (exported as
;; "memory", the one WASI reads) holds only what is printed; memory $text
;; holds the message. The program upper-cases the message from $text into
;; $io byte by byte, copies its tail with memory.copy between the two
;; memories, grows $text and prints its size, then writes it all to stdout.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory $io (export "memory") 1)
  (memory $text 1 4)
  (data (memory $text) (i32.const 100) "hello from memory 1! ")
  (data (memory $text) (i32.const 200) "(copied across memories)\n")

  ;; Write `len` bytes at `ptr` of $io to stdout.
  (func $print (param $ptr i32) (param $len i32)
    (i32.store $io (i32.const 0) (local.get $ptr))
    (i32.store $io (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))

  (func (export "_start")
    (local $i i32) (local $c i32) (local $n i32)
    ;; Upper-case the 21 bytes at $text[100..] into $io[1024..].
    (loop $next
      (local.set $c (i32.load8_u $text offset=100 (local.get $i)))
      (if (i32.and (i32.ge_u (local.get $c) (i32.const 97))
                   (i32.le_u (local.get $c) (i32.const 122)))
        (then (local.set $c (i32.sub (local.get $c) (i32.const 32)))))
      (i32.store8 $io offset=1024 (local.get $i) (local.get $c))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const 21))))
    ;; The second line, copied as is from $text to $io.
    (memory.copy $io $text (i32.const 1045) (i32.const 200) (i32.const 25))
    (call $print (i32.const 1024) (i32.const 46))
    ;; Grow $text by 2 pages and print its size ("3 pages"), then print 1 if
    ;; growing past its maximum of 4 is refused.
    (drop (memory.grow $text (i32.const 2)))
    (local.set $n (memory.size $text))
    (i64.store $io (i32.const 2048) (i64.const 0x000a736567617020))  ;; " pages\n"
    (i32.store8 $io (i32.const 2047) (i32.add (i32.const 48) (local.get $n)))
    (call $print (i32.const 2047) (i32.const 8))
    (i32.store8 $io (i32.const 2047)
      (i32.add (i32.const 48) (i32.eq (memory.grow $text (i32.const 2)) (i32.const -1))))
    (call $print (i32.const 2047) (i32.const 1))
    (i32.store8 $io (i32.const 2047) (i32.const 10))
    (call $print (i32.const 2047) (i32.const 1))))
