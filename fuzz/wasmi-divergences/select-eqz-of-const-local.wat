;; FINDINGS #12: local 0 holds 7, so `i32.eqz (local.get 0)` is 0 and the
;; select yields its second operand, 7 (wasmite and wabt's wasm-interp).
;; wasmi 2.0.0 yields 1. With a parameter, a local set from a global, an
;; i64 local, or the condition stored in a local first, wasmi is right.
(module
  (func (export "f") (result i32) (local i32)
    (local.set 0 (i32.const 7))
    (select (i32.const 1) (local.get 0) (i32.eqz (local.get 0)))))
