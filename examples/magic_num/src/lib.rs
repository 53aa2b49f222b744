//! Smallest useful Rust -> wasm32 example: one exported function, no imports.
#![no_std]

#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    loop {}
}

/// Returns the magic number 42.
#[no_mangle]
pub extern "C" fn magic_num() -> i32 {
    42
}
