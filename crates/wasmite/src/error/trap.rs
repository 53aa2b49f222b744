//! Traps: [`Trap`] (wasmtime's kinds, what an embedder matches on),
//! [`TrapCode`] (the specification's finer reasons, what the executor
//! raises), where a trap happened, and the Wasm call stack an error carries
//! ([`WasmBacktrace`]).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// The kind of a trap, with wasmtime's variant names and messages, so
/// `err.downcast_ref::<Trap>() == Some(&Trap::IntegerDivisionByZero)` reads
/// as it does with wasmtime.
///
/// wasmite keeps the variants core WebAssembly can raise; those of the
/// component model and stack switching are left out. A few are not raised
/// yet, because wasmite does not implement their proposal (threads:
/// `HeapMisaligned`, `AtomicWaitNonSharedMemory`; GC: `ArrayOutOfBounds`,
/// `AllocationTooLarge`, `CastFailure`). The reason in the specification's
/// words, which is finer (an out-of-bounds `call_indirect` is "undefined
/// element", a `table.get` "out of bounds table access"), is
/// [`Error::trap_code`](crate::Error::trap_code).
///
/// A host function may return a trap, `Err(Trap::Interrupt.into())`; it then
/// ends the call as the executor's own traps do.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Trap {
    /// The call stack was exhausted ([`Config::max_call_depth`](crate::Config::max_call_depth),
    /// [`Config::max_wasm_stack`](crate::Config::max_wasm_stack), or the
    /// nesting of host calls).
    StackOverflow,
    /// A memory access out of the memory's bounds.
    MemoryOutOfBounds,
    /// An atomic access at a misaligned address (threads; not raised yet).
    HeapMisaligned,
    /// A table access out of bounds, also a `call_indirect` past the table's end.
    TableOutOfBounds,
    /// A `call_indirect` to a null table entry.
    IndirectCallToNull,
    /// A `call_indirect` to a function of another type.
    BadSignature,
    /// Integer overflow (`i32.div_s(MIN, -1)`, a float-to-int conversion out of range).
    IntegerOverflow,
    /// Integer division or remainder by zero.
    IntegerDivisionByZero,
    /// A float-to-int conversion of NaN.
    BadConversionToInteger,
    /// An `unreachable` instruction was executed.
    UnreachableCodeReached,
    /// The store's epoch deadline passed ([`Config::epoch_interruption`](crate::Config::epoch_interruption)).
    Interrupt,
    /// The store ran out of fuel ([`Config::consume_fuel`](crate::Config::consume_fuel)).
    OutOfFuel,
    /// `memory.atomic.wait` on an unshared memory (threads; not raised yet).
    AtomicWaitNonSharedMemory,
    /// A null reference was dereferenced.
    NullReference,
    /// An array access out of bounds (GC; not raised yet).
    ArrayOutOfBounds,
    /// An allocation too large to succeed (GC; not raised yet).
    AllocationTooLarge,
    /// A failed reference cast (GC; not raised yet).
    CastFailure,
}

impl Trap {
    /// What went wrong, in wasmtime's words.
    fn description(self) -> &'static str {
        match self {
            Trap::StackOverflow => "call stack exhausted",
            Trap::MemoryOutOfBounds => "out of bounds memory access",
            Trap::HeapMisaligned => "unaligned atomic",
            Trap::TableOutOfBounds => "undefined element: out of bounds table access",
            Trap::IndirectCallToNull => "uninitialized element",
            Trap::BadSignature => "indirect call type mismatch",
            Trap::IntegerOverflow => "integer overflow",
            Trap::IntegerDivisionByZero => "integer divide by zero",
            Trap::BadConversionToInteger => "invalid conversion to integer",
            Trap::UnreachableCodeReached => "wasm `unreachable` instruction executed",
            Trap::Interrupt => "interrupt",
            Trap::OutOfFuel => "all fuel consumed by WebAssembly",
            Trap::AtomicWaitNonSharedMemory => "atomic wait on non-shared memory",
            Trap::NullReference => "null reference",
            Trap::ArrayOutOfBounds => "out of bounds array access",
            Trap::AllocationTooLarge => "allocation size too large",
            Trap::CastFailure => "cast failure",
        }
    }
}

impl fmt::Display for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "wasm trap: {}", self.description())
    }
}

impl core::error::Error for Trap {}

/// Why Wasm execution stopped abnormally, as finely as the WebAssembly
/// specification words it: what the executor raises, and what an error's
/// message says. [`Trap`] is the coarser kind an embedder matches on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TrapCode {
    /// An `unreachable` instruction was executed.
    Unreachable,
    /// Integer division or remainder by zero.
    IntegerDivideByZero,
    /// Integer overflow (`i32.div_s(MIN, -1)`, or a float-to-int conversion out of range).
    IntegerOverflow,
    /// A float-to-int conversion of NaN.
    InvalidConversionToInteger,
    /// A memory access out of the memory's bounds.
    MemoryOutOfBounds,
    /// A table access out of the table's bounds.
    TableOutOfBounds,
    /// `call_indirect` to an index past the end of the table.
    UndefinedElement,
    /// `call_indirect` to a null table entry.
    UninitializedElement,
    /// `call_indirect` to a function of another type.
    IndirectCallTypeMismatch,
    /// Call depth or value stack limit exceeded.
    StackExhausted,
    /// A null reference was dereferenced.
    NullReference,
    /// The store ran out of fuel.
    OutOfFuel,
    /// The store's epoch deadline passed.
    Interrupt,
    /// `call_ref` or `return_call_ref` of a null function reference.
    NullFunctionReference,
    /// A struct access through a null reference (GC).
    NullStructReference,
    /// An array access through a null reference (GC).
    NullArrayReference,
    /// `i31.get_s`/`i31.get_u` of a null reference (GC).
    NullI31Reference,
    /// An array access out of the array's bounds (GC).
    ArrayOutOfBounds,
    /// A `ref.cast` whose operand is not of the target type (GC).
    CastFailure,
    /// A GC allocation the store's limits refuse, or larger than the
    /// host can allocate.
    AllocationTooLarge,
}

impl TrapCode {
    /// Every trap code, in the order of [`TrapCode::index`].
    pub(crate) const ALL: [TrapCode; 20] = [
        TrapCode::Unreachable,
        TrapCode::IntegerDivideByZero,
        TrapCode::IntegerOverflow,
        TrapCode::InvalidConversionToInteger,
        TrapCode::MemoryOutOfBounds,
        TrapCode::TableOutOfBounds,
        TrapCode::UndefinedElement,
        TrapCode::UninitializedElement,
        TrapCode::IndirectCallTypeMismatch,
        TrapCode::StackExhausted,
        TrapCode::NullReference,
        TrapCode::OutOfFuel,
        TrapCode::Interrupt,
        TrapCode::NullFunctionReference,
        TrapCode::NullStructReference,
        TrapCode::NullArrayReference,
        TrapCode::NullI31Reference,
        TrapCode::ArrayOutOfBounds,
        TrapCode::CastFailure,
        TrapCode::AllocationTooLarge,
    ];

    /// The position of the code in [`TrapCode::ALL`].
    pub(crate) fn index(self) -> u8 {
        match self {
            TrapCode::Unreachable => 0,
            TrapCode::IntegerDivideByZero => 1,
            TrapCode::IntegerOverflow => 2,
            TrapCode::InvalidConversionToInteger => 3,
            TrapCode::MemoryOutOfBounds => 4,
            TrapCode::TableOutOfBounds => 5,
            TrapCode::UndefinedElement => 6,
            TrapCode::UninitializedElement => 7,
            TrapCode::IndirectCallTypeMismatch => 8,
            TrapCode::StackExhausted => 9,
            TrapCode::NullReference => 10,
            TrapCode::OutOfFuel => 11,
            TrapCode::Interrupt => 12,
            TrapCode::NullFunctionReference => 13,
            TrapCode::NullStructReference => 14,
            TrapCode::NullArrayReference => 15,
            TrapCode::NullI31Reference => 16,
            TrapCode::ArrayOutOfBounds => 17,
            TrapCode::CastFailure => 18,
            TrapCode::AllocationTooLarge => 19,
        }
    }

    /// The message the WebAssembly specification uses for this trap.
    pub fn message(self) -> &'static str {
        match self {
            TrapCode::Unreachable => "unreachable",
            TrapCode::IntegerDivideByZero => "integer divide by zero",
            TrapCode::IntegerOverflow => "integer overflow",
            TrapCode::InvalidConversionToInteger => "invalid conversion to integer",
            TrapCode::MemoryOutOfBounds => "out of bounds memory access",
            TrapCode::TableOutOfBounds => "out of bounds table access",
            TrapCode::UndefinedElement => "undefined element",
            TrapCode::UninitializedElement => "uninitialized element",
            TrapCode::IndirectCallTypeMismatch => "indirect call type mismatch",
            TrapCode::StackExhausted => "call stack exhausted",
            TrapCode::NullReference => "null reference",
            TrapCode::OutOfFuel => "all fuel consumed",
            TrapCode::Interrupt => "interrupt",
            TrapCode::NullFunctionReference => "null function reference",
            TrapCode::NullStructReference => "null structure reference",
            TrapCode::NullArrayReference => "null array reference",
            TrapCode::NullI31Reference => "null i31 reference",
            TrapCode::ArrayOutOfBounds => "out of bounds array access",
            TrapCode::CastFailure => "cast failure",
            TrapCode::AllocationTooLarge => "allocation size too large",
        }
    }

    /// The [`Trap`] kind of this code.
    pub fn trap(self) -> Trap {
        match self {
            TrapCode::Unreachable => Trap::UnreachableCodeReached,
            TrapCode::IntegerDivideByZero => Trap::IntegerDivisionByZero,
            TrapCode::IntegerOverflow => Trap::IntegerOverflow,
            TrapCode::InvalidConversionToInteger => Trap::BadConversionToInteger,
            TrapCode::MemoryOutOfBounds => Trap::MemoryOutOfBounds,
            TrapCode::TableOutOfBounds | TrapCode::UndefinedElement => Trap::TableOutOfBounds,
            TrapCode::UninitializedElement => Trap::IndirectCallToNull,
            TrapCode::IndirectCallTypeMismatch => Trap::BadSignature,
            TrapCode::StackExhausted => Trap::StackOverflow,
            TrapCode::NullReference
            | TrapCode::NullFunctionReference
            | TrapCode::NullStructReference
            | TrapCode::NullArrayReference
            | TrapCode::NullI31Reference => Trap::NullReference,
            TrapCode::ArrayOutOfBounds => Trap::ArrayOutOfBounds,
            TrapCode::CastFailure => Trap::CastFailure,
            TrapCode::AllocationTooLarge => Trap::AllocationTooLarge,
            TrapCode::OutOfFuel => Trap::OutOfFuel,
            TrapCode::Interrupt => Trap::Interrupt,
        }
    }
}

impl fmt::Display for TrapCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

/// A trap as the executor reports it: its code and, when known, the
/// function and module offset of the trapping instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TrapAt {
    pub code: TrapCode,
    /// Function index and (if the name section has one) name.
    pub func: Option<(u32, Option<String>)>,
    /// Byte offset of the trapping instruction in the module.
    pub offset: Option<u32>,
}

impl TrapAt {
    /// A trap of kind `code` with no location.
    pub fn new(code: TrapCode) -> Self {
        TrapAt { code, func: None, offset: None }
    }
    /// A trap in function `func` (named `name`) at module offset `offset`.
    pub fn at(code: TrapCode, func: u32, name: Option<String>, offset: Option<u32>) -> Self {
        TrapAt { code, func: Some((func, name)), offset }
    }
}

impl fmt::Display for TrapAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "wasm trap: {}", self.code)?;
        if let Some((idx, name)) = &self.func {
            match name {
                Some(n) => write!(f, " in function `{n}` (#{idx})")?,
                None => write!(f, " in function #{idx}")?,
            }
        }
        if let Some(off) = self.offset {
            write!(f, " at offset {off:#x}")?;
        }
        Ok(())
    }
}

/// The Wasm call stack of a failed call, innermost frame first, as
/// wasmtime's `WasmBacktrace`: every trap and every error a host function
/// returns to Wasm carries one (`err.downcast_ref::<WasmBacktrace>()`).
///
/// It is read from the executor's explicit frame stack when the error
/// happens, so code that does not fail pays nothing for it. Frames of every
/// Wasm activation are included, also those below a host function that
/// called back into Wasm; host functions themselves have no frame.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WasmBacktrace {
    pub(crate) frames: Vec<FrameInfo>,
}

impl WasmBacktrace {
    /// The frames, innermost (where the error happened) first.
    pub fn frames(&self) -> &[FrameInfo] {
        &self.frames
    }
}

impl fmt::Display for WasmBacktrace {
    /// `wasm backtrace:`, then a line per frame: its number, module offset
    /// and function (its name, or `<wasm function N>`), as wasmtime prints them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("wasm backtrace:")?;
        for (i, frame) in self.frames.iter().enumerate() {
            write!(f, "\n  {i:>3}: ")?;
            if let Some(offset) = frame.module_offset {
                write!(f, "{offset:#8x} - ")?;
            }
            match &frame.func_name {
                Some(name) => f.write_str(name)?,
                None => write!(f, "<wasm function {}>", frame.func_index)?,
            }
        }
        Ok(())
    }
}

/// One frame of a [`WasmBacktrace`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameInfo {
    pub(crate) func_index: u32,
    pub(crate) func_name: Option<String>,
    pub(crate) module_offset: Option<usize>,
}

impl FrameInfo {
    /// The function's index in its module (imports included).
    pub fn func_index(&self) -> u32 {
        self.func_index
    }
    /// The function's name from the module's name section, if it has one.
    pub fn func_name(&self) -> Option<&str> {
        self.func_name.as_deref()
    }
    /// The byte offset in the module binary of the instruction the frame is
    /// at: the trapping one in the innermost frame of a trap, else the call.
    pub fn module_offset(&self) -> Option<usize> {
        self.module_offset
    }
}
