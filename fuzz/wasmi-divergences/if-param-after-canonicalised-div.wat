(module
  (type (;0;) (func))
  (type (;1;) (func (param i32) (result i32)))
  (type (;2;) (func (param i64 f64) (result i64)))
  (type (;3;) (func (param f32) (result f32)))
  (type (;4;) (func (param i32 i64 funcref) (result i32 i64 f64)))
  (type (;5;) (func (param i32)))
  (type (;6;) (func (param externref f32) (result i32 i32 i32)))
  (type (;7;) (func (param i32 f64)))
  (type (;8;) (func (param f64 f64 f64 f64 f64)))
  (func (;0;) (type 1) local.get 0)
  (func (;1;) (type 5))
  (global (;0;) i32 (i32.const 0))
  (global (;1;) (mut i64) (i64.const 0))
  (global (;2;) f64 (f64.const 0))
  (memory (;0;) 1 16)
  (table (;0;) 4 100 funcref)
  (func (;2;) (type 6) (param externref f32) (result i32 i32 i32)
    (local funcref f32 f32 f32 f32 f32 f32 f32 f32)
    i32.const 0
    memory.grow
    local.get 3
    local.get 3
    f32.nearest
    local.tee 4
    f32.const nan (;=nan;)
    local.get 4
    local.get 4
    f32.eq
    select
    f32.nearest
    local.tee 5
    f32.const nan (;=nan;)
    local.get 5
    local.get 5
    f32.eq
    select
    f32.nearest
    local.tee 6
    f32.const nan (;=nan;)
    local.get 6
    local.get 6
    f32.eq
    select
    f32.nearest
    local.tee 7
    f32.const nan (;=nan;)
    local.get 7
    local.get 7
    f32.eq
    select
    f32.nearest
    local.tee 8
    f32.const nan (;=nan;)
    local.get 8
    local.get 8
    f32.eq
    select
    f32.nearest
    local.tee 9
    f32.const nan (;=nan;)
    local.get 9
    local.get 9
    f32.eq
    select
    local.get 3
    f32.div
    local.tee 10
    f32.const nan (;=nan;)
    local.get 10
    local.get 10
    f32.eq
    select
    i32.trunc_sat_f32_s
    if (param f32) (result f32)  ;; label = @1
      f32.const 0x1.p-139 (;=1.43493e-42;)
      loop (param f32) (result f32)  ;; label = @2
        f32.abs
        f32.abs
        f32.abs
        f32.abs
        f32.abs
        block (param f32) (result f32)  ;; label = @3
          block (param f32) (result f32)  ;; label = @4
            f32.abs
            local.set 3
            block  ;; label = @5
              memory.size
              table.size 0
              i32.mul
              table.size 0
              i32.mul
              table.size 0
              memory.size
              memory.size
              memory.size
              memory.size
              unreachable
            end
            f32.const 0x1.fffcp-134 (;=9.18327e-41;)
          end
        end
      end
      i32.reinterpret_f32
      global.get 3
      i32.xor
      global.set 3
    end
    i32.reinterpret_f32
    global.get 3
    i32.xor
    global.set 3
    i32.const 1
    i32.const 1)
  (global (;3;) (mut i32) (i32.const 0))
  (func (export "w") (result i32) ref.null extern f32.const 0 call 2 drop drop drop global.get 3)
  (export "" (func 0))
  (export "1" (func 1))
  (export "2" (func 2))
  (export "3" (table 0))
  (export "4" (memory 0))
  (export "5" (global 0))
  (export "6" (global 1))
  (export "7" (global 2))
  (export "8" (global 3)))
