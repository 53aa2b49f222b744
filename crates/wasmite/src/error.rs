//! Errors and traps: every failure the runtime reports is an [`Error`]; a
//! failure of Wasm execution is a [`Trap`] with a [`TrapCode`].

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use core::fmt;

/// Why Wasm execution stopped abnormally.
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
    /// `call_ref` or `return_call_ref` of a null function reference.
    NullFunctionReference,
}

impl TrapCode {
    /// Every trap code, in the order of [`TrapCode::index`].
    pub(crate) const ALL: [TrapCode; 13] = [
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
        TrapCode::NullFunctionReference,
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
            TrapCode::NullFunctionReference => 12,
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
            TrapCode::NullFunctionReference => "null function reference",
        }
    }
}

impl fmt::Display for TrapCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

/// A Wasm trap: its kind and, when known, where it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trap {
    code: TrapCode,
    /// Function index and (if the name section has one) name.
    func: Option<(u32, Option<String>)>,
    /// Byte offset of the trapping instruction in the module.
    offset: Option<u32>,
}

impl Trap {
    /// A trap of kind `code` with no location.
    pub fn new(code: TrapCode) -> Self {
        Trap { code, func: None, offset: None }
    }
    pub(crate) fn at(code: TrapCode, func: u32, name: Option<String>, offset: Option<u32>) -> Self {
        Trap { code, func: Some((func, name)), offset }
    }
    /// The kind of trap.
    pub fn code(&self) -> TrapCode {
        self.code
    }
    /// Index of the function the trap happened in, if known.
    pub fn func_index(&self) -> Option<u32> {
        self.func.as_ref().map(|f| f.0)
    }
    /// Byte offset of the trapping instruction in the module binary, if known.
    pub fn offset(&self) -> Option<u32> {
        self.offset
    }
}

impl fmt::Display for Trap {
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

/// What kind of failure an [`Error`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The binary (or text) could not be decoded.
    Malformed,
    /// The module decoded but failed validation.
    Invalid,
    /// The module uses a feature this build or configuration does not support.
    Unsupported,
    /// Instantiation failed to resolve or type-check an import.
    Link,
    /// Wasm execution trapped (also during instantiation).
    Trap,
    /// A host function returned an error.
    Host,
    /// A resource limit was hit outside of Wasm execution (e.g. a table too large to allocate).
    Resource,
    /// The embedder misused the API (wrong argument count or types, foreign store, …).
    Usage,
}

/// The error type of every fallible wasmite operation.
///
/// One pointer wide, so a `Result<(), Error>` comes back in a register: the
/// translator returns one per operator, and a wide error type cost it store
/// forwarding stalls on every return.
pub struct Error {
    inner: Box<ErrorInner>,
}

struct ErrorInner {
    kind: ErrorKind,
    message: String,
    trap: Option<Trap>,
    host: Option<Box<dyn core::any::Any + Send + Sync>>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            inner: Box::new(ErrorInner { kind, message: message.into(), trap: None, host: None }),
        }
    }
    /// An error raised by a host function; it aborts the Wasm call that reached the host.
    pub fn host(message: impl fmt::Display) -> Self {
        Error::new(ErrorKind::Host, message.to_string())
    }
    /// An error carrying a typed payload (e.g. a process exit code), which the
    /// embedder gets back with [`Error::downcast_ref`].
    pub fn host_with<P: fmt::Display + Send + Sync + 'static>(payload: P) -> Self {
        let mut e = Error::new(ErrorKind::Host, payload.to_string());
        e.inner.host = Some(Box::new(payload));
        e
    }
    pub(crate) fn malformed(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Malformed, message)
    }
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Invalid, message)
    }
    pub(crate) fn link(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Link, message)
    }
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Usage, message)
    }
    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }
    /// The trap, if this error is one.
    pub fn as_trap(&self) -> Option<&Trap> {
        self.inner.trap.as_ref()
    }
    /// The trap code, if this error is a trap.
    pub fn trap_code(&self) -> Option<TrapCode> {
        self.inner.trap.as_ref().map(Trap::code)
    }
    /// The payload given to [`Error::host_with`], if it is a `P`.
    pub fn downcast_ref<P: 'static>(&self) -> Option<&P> {
        self.inner.host.as_ref()?.downcast_ref()
    }
    /// The message, without the kind prefix.
    pub fn message(&self) -> &str {
        &self.inner.message
    }
}

impl From<Trap> for Error {
    fn from(t: Trap) -> Self {
        let message = t.to_string();
        Error {
            inner: Box::new(ErrorInner {
                kind: ErrorKind::Trap,
                message,
                trap: Some(t),
                host: None,
            }),
        }
    }
}

impl From<TrapCode> for Error {
    fn from(c: TrapCode) -> Self {
        Trap::new(c).into()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = match self.inner.kind {
            ErrorKind::Malformed => "malformed module: ",
            ErrorKind::Invalid => "invalid module: ",
            ErrorKind::Unsupported => "unsupported: ",
            ErrorKind::Link => "link error: ",
            ErrorKind::Resource => "resource limit: ",
            ErrorKind::Trap | ErrorKind::Host | ErrorKind::Usage => "",
        };
        write!(f, "{prefix}{}", self.inner.message)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({:?}: {})", self.inner.kind, self)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}

/// Shorthand for `core::result::Result<T, wasmite::Error>`.
pub type Result<T, E = Error> = core::result::Result<T, E>;
