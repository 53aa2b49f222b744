//! Rust -> wasm32 example taking two i32 arguments, no imports.
#![no_std]

#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    loop {}
}

/// Adds two 32-bit integers with wrapping (two's complement) overflow,
/// matching the semantics of the wasm `i32.add` instruction.
#[no_mangle]
pub extern "C" fn add(x: i32, y: i32) -> i32 {
    x.wrapping_add(y)
}
