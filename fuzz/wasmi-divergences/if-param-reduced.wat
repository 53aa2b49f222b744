(module (func (export "w") (result i32) (local f32)
        local.get 0
        local.get 0 f32.const 5 f32.add i32.reinterpret_f32 i32.const 0 i32.mul
        if (param f32) (result f32)
          f32.const 1
          loop (param f32) (result f32) local.set 0 f32.const 2 end
          drop
        end
        i32.reinterpret_f32))
