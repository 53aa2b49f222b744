(module (memory 1)
  (func $f (param i32 i64) (result i64)
    local.get 1
    memory.size
    local.get 0
    if (param i32) (result i32)
      block end
    end
    drop)
  (func (export "w") (result i64)
    (drop (call $f (i32.const 1) (i64.const 77)))
    (call $f (i32.const 0) (i64.const 5))))
