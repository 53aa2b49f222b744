//! Errors: every failure the runtime reports is an [`Error`], shaped like
//! wasmtime's (and so like `anyhow::Error`): one pointer wide, built from
//! any error type with `?`, from a message with [`Error::msg`] or
//! [`format_err!`](crate::format_err), wrapped with
//! [`context`](Error::context), and inspected with
//! [`downcast_ref`](Error::downcast_ref): a [`Trap`], the
//! [`WasmBacktrace`], a host function's own error type (an exit code, say).
//! wasmite adds an [`ErrorKind`] to every error. `trap.rs` holds the traps
//! and backtraces.

mod trap;

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::any::Any;
use core::fmt;

pub(crate) use trap::TrapAt;
pub use trap::{FrameInfo, Trap, TrapCode, WasmBacktrace};

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
    /// Wasm execution trapped (also during instantiation), or a host
    /// function returned a [`Trap`].
    Trap,
    /// An error made outside wasmite: returned by a host function, or built
    /// by the embedder ([`Error::new`], [`Error::msg`], `?` on another error type).
    Host,
    /// A resource limit was hit outside of Wasm execution (e.g. a table too large to allocate).
    Resource,
    /// The embedder misused the API (wrong argument count or types, foreign store, …).
    Usage,
    /// A Wasm exception was thrown and not caught ([`ThrownException`]).
    Exception,
}

/// The error of a Wasm exception that no handler caught, or that a host
/// function throws ([`Store::throw`](crate::Store::throw)): the exception
/// itself is the store's pending exception, taken with
/// [`Store::take_pending_exception`](crate::Store::take_pending_exception)
/// (as wasmtime's `ThrownException`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrownException;

impl fmt::Display for ThrownException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("thrown Wasm exception")
    }
}

impl core::error::Error for ThrownException {}

/// The error type of every fallible wasmite operation.
///
/// Shaped like wasmtime's `Error` (itself like `anyhow::Error`), so
/// embedding code moves between the two unchanged:
///
/// - `?` converts any `E: core::error::Error + Send + Sync + 'static` into
///   it; [`Error::msg`], [`format_err!`](crate::format_err),
///   [`bail!`](crate::bail) and [`ensure!`](crate::ensure) make one from a
///   message;
/// - [`context`](Error::context) (and the [`Context`] trait on `Result` and
///   `Option`) wraps it in a message that `{}` shows first, `{:#}` shows the
///   chain, `{:?}` shows the chain and the [`WasmBacktrace`];
/// - [`downcast_ref`](Error::downcast_ref) finds a [`Trap`], a
///   [`WasmBacktrace`], a [`TrapCode`], a context value or the original error.
///
/// Like `anyhow::Error`, it does not implement `std::error::Error` itself
/// (that would collide with the blanket conversion); it converts into
/// `Box<dyn Error + Send + Sync>` for code that wants one.
///
/// One pointer wide, so a `Result<(), Error>` comes back in a register: the
/// translator returns one per operator, and a wide error type cost it store
/// forwarding stalls on every return.
pub struct Error {
    inner: Box<ErrorInner>,
}

struct ErrorInner {
    kind: ErrorKind,
    root: Root,
    /// Context added by [`Error::context`], innermost first.
    context: Vec<Box<dyn Payload>>,
    /// The Wasm call stack, when the error ended a Wasm call.
    backtrace: Option<WasmBacktrace>,
}

/// What an error is, before any context.
enum Root {
    /// A message or an error value: wasmite's own errors (a `String`),
    /// [`Error::msg`], [`Error::new`].
    Value(Box<dyn Payload>),
    /// A trap, with its location when the executor raised it.
    Trap { trap: Trap, at: Option<Located> },
}

/// A trap the executor raised, as an error value (for [`Error::chain`]).
#[derive(Debug)]
struct Located(TrapAt);

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
impl core::error::Error for Located {}

/// A value an error holds: printable, and reachable by its type.
trait Payload: Send + Sync + 'static {
    fn as_error(&self) -> &(dyn core::error::Error + 'static);
    fn display(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    fn debug(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
    /// This value as an `anyhow::Error` (as the root), or wrapped around `inner`.
    #[cfg(feature = "anyhow")]
    fn into_anyhow(self: Box<Self>, inner: Option<anyhow::Error>) -> anyhow::Error;
}

/// A message or error value (`Display + Debug`).
struct Message<M>(M);

impl<M: fmt::Display + fmt::Debug + Send + Sync + 'static> Payload for Message<M> {
    fn as_error(&self) -> &(dyn core::error::Error + 'static) {
        self
    }
    fn display(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
    fn debug(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
    fn as_any(&self) -> &dyn Any {
        &self.0
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        &mut self.0
    }
    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        Box::new(self.0)
    }
    #[cfg(feature = "anyhow")]
    fn into_anyhow(self: Box<Self>, inner: Option<anyhow::Error>) -> anyhow::Error {
        match inner {
            Some(inner) => inner.context(self.0),
            None => anyhow::Error::msg(self.0),
        }
    }
}

/// A context value (`Display` only, as `anyhow` asks).
struct ContextValue<C>(C);

impl<C: fmt::Display + Send + Sync + 'static> Payload for ContextValue<C> {
    fn as_error(&self) -> &(dyn core::error::Error + 'static) {
        self
    }
    fn display(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
    fn debug(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
    fn as_any(&self) -> &dyn Any {
        &self.0
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        &mut self.0
    }
    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        Box::new(self.0)
    }
    #[cfg(feature = "anyhow")]
    fn into_anyhow(self: Box<Self>, inner: Option<anyhow::Error>) -> anyhow::Error {
        match inner {
            Some(inner) => inner.context(self.0),
            None => anyhow::Error::msg(ContextValue(self.0)),
        }
    }
}

impl<M: fmt::Display> fmt::Display for Message<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
impl<M: fmt::Debug> fmt::Debug for Message<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
impl<M: fmt::Display + fmt::Debug> core::error::Error for Message<M> {}

impl<C: fmt::Display> fmt::Display for ContextValue<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
impl<C: fmt::Display> fmt::Debug for ContextValue<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
impl<C: fmt::Display> core::error::Error for ContextValue<C> {}

impl Error {
    fn from_root(kind: ErrorKind, root: Root) -> Self {
        Error { inner: Box::new(ErrorInner { kind, root, context: Vec::new(), backtrace: None }) }
    }
    /// An error of wasmite's own, of kind `kind`.
    pub(crate) fn of(kind: ErrorKind, message: impl Into<String>) -> Self {
        let message: String = message.into();
        Error::from_root(kind, Root::Value(Box::new(Message(message))))
    }
    /// An error holding `error`, which [`Error::downcast_ref`] gives back.
    /// A [`Trap`] makes a trap error (kind [`ErrorKind::Trap`]).
    pub fn new<E: core::error::Error + Send + Sync + 'static>(error: E) -> Self {
        if let Some(&trap) = (&error as &dyn Any).downcast_ref::<Trap>() {
            return Error::from_root(ErrorKind::Trap, Root::Trap { trap, at: None });
        }
        if (&error as &dyn Any).is::<ThrownException>() {
            return Error::from_root(ErrorKind::Exception, Root::Value(Box::new(Message(error))));
        }
        Error::from_root(ErrorKind::Host, Root::Value(Box::new(Message(error))))
    }
    /// An error whose message is `message` (which [`Error::downcast_ref`]
    /// gives back too).
    pub fn msg<M: fmt::Display + fmt::Debug + Send + Sync + 'static>(message: M) -> Self {
        Error::from_root(ErrorKind::Host, Root::Value(Box::new(Message(message))))
    }
    /// Wrap the error in `context`: `{}` then shows the context, `{:#}` and
    /// `{:?}` the context and what it wraps; the kind and everything
    /// [`downcast_ref`](Error::downcast_ref) finds stay.
    #[must_use]
    pub fn context<C: fmt::Display + Send + Sync + 'static>(mut self, context: C) -> Self {
        self.inner.context.push(Box::new(ContextValue(context)));
        self
    }
    pub(crate) fn malformed(message: impl Into<String>) -> Self {
        Error::of(ErrorKind::Malformed, message)
    }
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::of(ErrorKind::Invalid, message)
    }
    pub(crate) fn link(message: impl Into<String>) -> Self {
        Error::of(ErrorKind::Link, message)
    }
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Error::of(ErrorKind::Usage, message)
    }
    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }
    /// The trap code, if the executor raised this error as a trap. (A trap
    /// a host function returned has a [`Trap`] but no code.)
    pub fn trap_code(&self) -> Option<TrapCode> {
        match &self.inner.root {
            Root::Trap { at: Some(at), .. } => Some(at.0.code),
            _ => None,
        }
    }
    /// The message, without the kind prefix or any context.
    pub fn message(&self) -> String {
        struct Text<'a>(&'a ErrorInner);
        impl fmt::Display for Text<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt_root(f)
            }
        }
        Text(&self.inner).to_string()
    }

    /// Attach the Wasm call stack, unless the error has one (an error that
    /// crossed a host function keeps the stack of where it happened).
    pub(crate) fn set_backtrace_with(&mut self, f: impl FnOnce() -> WasmBacktrace) {
        if self.inner.backtrace.is_none() {
            self.inner.backtrace = Some(f());
        }
    }

    /// The `E` this error holds, if it holds one: its [`Trap`], its
    /// [`TrapCode`], its [`WasmBacktrace`], a context value, or the value it
    /// was made from ([`Error::new`], [`Error::msg`], `?`), outermost first.
    pub fn downcast_ref<E: fmt::Display + fmt::Debug + Send + Sync + 'static>(&self) -> Option<&E> {
        let inner = &*self.inner;
        if let Some(e) = inner.backtrace.as_ref().and_then(|b| (b as &dyn Any).downcast_ref()) {
            return Some(e);
        }
        for c in inner.context.iter().rev() {
            if let Some(e) = c.as_any().downcast_ref() {
                return Some(e);
            }
        }
        match &inner.root {
            Root::Value(v) => v.as_any().downcast_ref(),
            Root::Trap { trap, at } => (trap as &dyn Any)
                .downcast_ref()
                .or_else(|| at.as_ref().and_then(|at| (&at.0.code as &dyn Any).downcast_ref())),
        }
    }
    /// [`Error::downcast_ref`], mutably.
    pub fn downcast_mut<E: fmt::Display + fmt::Debug + Send + Sync + 'static>(
        &mut self,
    ) -> Option<&mut E> {
        let inner = &mut *self.inner;
        if let Some(b) = &mut inner.backtrace
            && (b as &dyn Any).is::<E>()
        {
            return (b as &mut dyn Any).downcast_mut();
        }
        if let Some(i) = inner.context.iter().rposition(|c| c.as_any().is::<E>()) {
            return inner.context[i].as_any_mut().downcast_mut();
        }
        match &mut inner.root {
            Root::Value(v) => v.as_any_mut().downcast_mut(),
            Root::Trap { trap, at } => {
                if (trap as &dyn Any).is::<E>() {
                    (trap as &mut dyn Any).downcast_mut()
                } else {
                    at.as_mut().and_then(|at| (&mut at.0.code as &mut dyn Any).downcast_mut())
                }
            }
        }
    }
    /// The `E` this error holds (see [`Error::downcast_ref`]), by value; the
    /// error itself if it holds none.
    ///
    /// # Errors
    /// The error unchanged if it holds no `E`.
    pub fn downcast<E: fmt::Display + fmt::Debug + Send + Sync + 'static>(self) -> Result<E, Self> {
        if !self.is::<E>() {
            return Err(self);
        }
        let inner = *self.inner;
        if let Some(b) = inner.backtrace
            && (&b as &dyn Any).is::<E>()
        {
            return Ok(*(Box::new(b) as Box<dyn Any>).downcast().expect("checked"));
        }
        let mut context = inner.context;
        if let Some(i) = context.iter().rposition(|c| c.as_any().is::<E>()) {
            return Ok(*context.swap_remove(i).into_any().downcast().expect("checked"));
        }
        let any: Box<dyn Any> = match inner.root {
            Root::Value(v) => v.into_any(),
            Root::Trap { trap, .. } if (&trap as &dyn Any).is::<E>() => Box::new(trap),
            Root::Trap { at, .. } => Box::new(at.expect("checked").0.code),
        };
        Ok(*any.downcast().expect("checked"))
    }
    /// The messages of the error, outermost context first, the error itself last.
    pub fn chain(&self) -> Chain<'_> {
        Chain { inner: &self.inner, next: 0 }
    }
    /// The innermost error: what the error was made from, under any context.
    pub fn root_cause(&self) -> &(dyn core::error::Error + 'static) {
        self.inner.root_error()
    }
    /// Whether the error holds an `E` (see [`Error::downcast_ref`]).
    pub fn is<E: fmt::Display + fmt::Debug + Send + Sync + 'static>(&self) -> bool {
        self.downcast_ref::<E>().is_some()
    }
}

/// An iterator over an error's messages, from [`Error::chain`].
pub struct Chain<'a> {
    inner: &'a ErrorInner,
    next: usize,
}

impl<'a> Iterator for Chain<'a> {
    type Item = &'a (dyn core::error::Error + 'static);
    fn next(&mut self) -> Option<Self::Item> {
        let n = self.inner.context.len();
        let i = self.next;
        self.next += 1;
        match i.cmp(&n) {
            core::cmp::Ordering::Less => Some(self.inner.context[n - 1 - i].as_error()),
            core::cmp::Ordering::Equal => Some(self.inner.root_error()),
            core::cmp::Ordering::Greater => None,
        }
    }
}

impl ErrorInner {
    fn root_error(&self) -> &(dyn core::error::Error + 'static) {
        match &self.root {
            Root::Value(v) => v.as_error(),
            Root::Trap { at: Some(at), .. } => at,
            Root::Trap { trap, at: None } => trap,
        }
    }
    /// The root's text: a kind prefix and the message, or the trap and its location.
    fn fmt_root(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.root {
            Root::Value(v) => v.display(f),
            Root::Trap { at: Some(at), .. } => fmt::Display::fmt(&at.0, f),
            Root::Trap { trap, at: None } => fmt::Display::fmt(trap, f),
        }
    }
    fn fmt_prefixed_root(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = match self.kind {
            ErrorKind::Malformed => "malformed module: ",
            ErrorKind::Invalid => "invalid module: ",
            ErrorKind::Unsupported => "unsupported: ",
            ErrorKind::Link => "link error: ",
            ErrorKind::Resource => "resource limit: ",
            ErrorKind::Trap | ErrorKind::Host | ErrorKind::Usage | ErrorKind::Exception => "",
        };
        f.write_str(prefix)?;
        self.fmt_root(f)
    }
}

/// `?` on any error type makes an [`Error`] holding it (see [`Error::new`]).
impl<E: core::error::Error + Send + Sync + 'static> From<E> for Error {
    fn from(e: E) -> Self {
        Error::new(e)
    }
}

impl From<TrapCode> for Error {
    fn from(c: TrapCode) -> Self {
        TrapAt::new(c).into()
    }
}

impl From<TrapAt> for Error {
    fn from(at: TrapAt) -> Self {
        Error::from_root(
            ErrorKind::Trap,
            Root::Trap { trap: at.code.trap(), at: Some(Located(at)) },
        )
    }
}

impl fmt::Display for Error {
    /// `{}`: the outermost context, or the error itself; `{:#}`: every
    /// context and the error, joined by `: `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        if f.alternate() {
            for c in inner.context.iter().rev() {
                c.display(f)?;
                f.write_str(": ")?;
            }
        } else if let Some(c) = inner.context.last() {
            return c.display(f);
        }
        inner.fmt_prefixed_root(f)
    }
}

impl fmt::Debug for Error {
    /// `{:?}`: as `anyhow` prints an error from `main`: the outermost
    /// message, then `Caused by:` and the rest of the chain, then the Wasm
    /// backtrace. `{:#?}`: the structure.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        if f.alternate() {
            struct Chain<'a>(&'a ErrorInner);
            impl fmt::Debug for Chain<'_> {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    let mut list = f.debug_list();
                    for c in self.0.context.iter().rev() {
                        list.entry(&format_args!("{}", Shown(&**c)));
                    }
                    list.finish()
                }
            }
            struct RootOf<'a>(&'a ErrorInner);
            impl fmt::Debug for RootOf<'_> {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    match &self.0.root {
                        Root::Value(v) => v.debug(f),
                        Root::Trap { trap, at } => {
                            f.debug_struct("Trap").field("trap", trap).field("at", at).finish()
                        }
                    }
                }
            }
            return f
                .debug_struct("Error")
                .field("kind", &inner.kind)
                .field("context", &Chain(inner))
                .field("error", &RootOf(inner))
                .field("backtrace", &inner.backtrace)
                .finish();
        }
        match inner.context.last() {
            None => inner.fmt_prefixed_root(f)?,
            Some(outer) => {
                outer.display(f)?;
                f.write_str("\n\nCaused by:")?;
                let rest = inner.context.len() - 1;
                for (i, c) in inner.context[..rest].iter().rev().enumerate() {
                    write!(f, "\n    {i}: {}", Shown(&**c))?;
                }
                write!(f, "\n    {rest}: ")?;
                inner.fmt_prefixed_root(f)?;
            }
        }
        if let Some(b) = &inner.backtrace {
            write!(f, "\n\n{b}")?;
        }
        Ok(())
    }
}

/// A payload's `Display`, as a value.
struct Shown<'a>(&'a dyn Payload);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.display(f)
    }
}

/// An [`Error`] as a `dyn core::error::Error`, for the conversions into a box.
struct Boxed(Error);

impl fmt::Display for Boxed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}
impl fmt::Debug for Boxed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}
impl core::error::Error for Boxed {}

impl From<Error> for Box<dyn core::error::Error + Send + Sync + 'static> {
    fn from(e: Error) -> Self {
        Box::new(Boxed(e))
    }
}
impl From<Error> for Box<dyn core::error::Error + Send + 'static> {
    fn from(e: Error) -> Self {
        Box::new(Boxed(e))
    }
}
impl From<Error> for Box<dyn core::error::Error + 'static> {
    fn from(e: Error) -> Self {
        Box::new(Boxed(e))
    }
}

/// With the `anyhow` feature, `?` turns a wasmite [`Error`] into an
/// `anyhow::Error` that holds the same values, so its `downcast_ref` finds
/// them: the root (a [`Trap`], a host function's error, a message), then
/// the [`WasmBacktrace`] as context (as wasmtime attaches it), then each
/// context. (The other way, which coherence rules out as a `From`, is
/// [`Error::from_anyhow`].)
#[cfg(feature = "anyhow")]
impl From<Error> for anyhow::Error {
    fn from(e: Error) -> Self {
        let inner = *e.inner;
        let mut out = match inner.root {
            Root::Value(v) => v.into_anyhow(None),
            Root::Trap { trap, .. } => anyhow::Error::new(trap),
        };
        if let Some(b) = inner.backtrace {
            out = out.context(b);
        }
        for c in inner.context {
            out = c.into_anyhow(Some(out));
        }
        out
    }
}

#[cfg(feature = "anyhow")]
impl Error {
    /// An error holding `error` (which [`Error::downcast_ref`] gives back),
    /// of kind [`ErrorKind::Host`]; as wasmtime's.
    pub fn from_anyhow(error: anyhow::Error) -> Self {
        Error::msg(error)
    }
}

/// Shorthand for `core::result::Result<T, wasmite::Error>`.
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// Context for the error of a `Result` or the `None` of an `Option`, as
/// wasmtime's (and `anyhow`'s) `Context` trait: `.context("reading the
/// config")?` wraps the error in that message (see [`Error::context`]).
pub trait Context<T, E>: Sized {
    /// Wrap the error in `context`.
    ///
    /// # Errors
    /// The error (or, for `None`, an error made of `context`), wrapped.
    fn context<C: fmt::Display + Send + Sync + 'static>(self, context: C) -> Result<T>;
    /// Wrap the error in the context `f` makes (called only on an error).
    ///
    /// # Errors
    /// As [`Context::context`].
    fn with_context<C: fmt::Display + Send + Sync + 'static, F: FnOnce() -> C>(
        self,
        f: F,
    ) -> Result<T>;
}

impl<T, E: core::error::Error + Send + Sync + 'static> Context<T, E> for Result<T, E> {
    fn context<C: fmt::Display + Send + Sync + 'static>(self, context: C) -> Result<T> {
        self.map_err(|e| Error::new(e).context(context))
    }
    fn with_context<C: fmt::Display + Send + Sync + 'static, F: FnOnce() -> C>(
        self,
        f: F,
    ) -> Result<T> {
        self.map_err(|e| Error::new(e).context(f()))
    }
}

impl<T> Context<T, Error> for Result<T> {
    fn context<C: fmt::Display + Send + Sync + 'static>(self, context: C) -> Result<T> {
        self.map_err(|e| e.context(context))
    }
    fn with_context<C: fmt::Display + Send + Sync + 'static, F: FnOnce() -> C>(
        self,
        f: F,
    ) -> Result<T> {
        self.map_err(|e| e.context(f()))
    }
}

impl<T> Context<T, core::convert::Infallible> for Option<T> {
    fn context<C: fmt::Display + Send + Sync + 'static>(self, context: C) -> Result<T> {
        self.ok_or_else(|| Error::msg(context.to_string()))
    }
    fn with_context<C: fmt::Display + Send + Sync + 'static, F: FnOnce() -> C>(
        self,
        f: F,
    ) -> Result<T> {
        self.ok_or_else(|| Error::msg(f().to_string()))
    }
}

/// What the error macros expand to (not part of the API).
#[doc(hidden)]
pub mod __private {
    pub use alloc::format;
    pub use core::result::Result::Err;
}

/// Make an [`Error`](crate::Error) from a format string and its arguments,
/// or from one value (an error or a message): wasmtime's `format_err!`,
/// `anyhow`'s `anyhow!`.
#[macro_export]
macro_rules! format_err {
    ($msg:literal $(,)?) => {
        $crate::Error::msg($crate::error::__private::format!($msg))
    };
    ($err:expr $(,)?) => {
        $crate::Error::msg($err)
    };
    ($fmt:expr, $($arg:tt)*) => {
        $crate::Error::msg($crate::error::__private::format!($fmt, $($arg)*))
    };
}

/// Return early with an [`Error`](crate::Error) made as
/// [`format_err!`](crate::format_err) makes one.
#[macro_export]
macro_rules! bail {
    ($($arg:tt)*) => {
        return $crate::error::__private::Err($crate::format_err!($($arg)*).into())
    };
}

/// Return early with an [`Error`](crate::Error) unless a condition holds:
/// `ensure!(cond, "format", args…)`, or `ensure!(cond)` for a message
/// naming the condition.
#[macro_export]
macro_rules! ensure {
    ($cond:expr $(,)?) => {
        if !$cond {
            $crate::bail!(concat!("Condition failed: `", stringify!($cond), "`"))
        }
    };
    ($cond:expr, $($arg:tt)*) => {
        if !$cond {
            $crate::bail!($($arg)*)
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[derive(Debug, PartialEq)]
    struct Exit(i32);
    impl fmt::Display for Exit {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "exit {}", self.0)
        }
    }
    impl core::error::Error for Exit {}

    fn fails(x: u32) -> Result<()> {
        crate::ensure!(x.is_multiple_of(2), "{x} is odd");
        crate::ensure!(x < 10);
        crate::bail!("{} is even", x)
    }

    #[test]
    fn one_pointer_wide() {
        assert_eq!(core::mem::size_of::<Error>(), core::mem::size_of::<usize>());
        assert_eq!(core::mem::size_of::<Result<()>>(), core::mem::size_of::<usize>());
    }

    #[test]
    fn macros_format_and_return() {
        assert_eq!(fails(3).unwrap_err().to_string(), "3 is odd");
        assert_eq!(fails(12).unwrap_err().to_string(), "Condition failed: `x < 10`");
        assert_eq!(fails(4).unwrap_err().to_string(), "4 is even");
        let e = crate::format_err!("plain");
        assert_eq!(e.kind(), ErrorKind::Host);
        assert_eq!(e.downcast_ref::<String>().map(String::as_str), Some("plain"));
    }

    #[test]
    fn downcasts_find_values_traps_and_context() {
        let e: Error = Exit(3).into();
        assert_eq!(e.downcast_ref::<Exit>(), Some(&Exit(3)));
        assert!(e.downcast_ref::<Trap>().is_none());
        let e = e.context("running the guest").context(7u32);
        assert_eq!(e.to_string(), "7");
        assert_eq!(format!("{e:#}"), "7: running the guest: exit 3");
        assert_eq!(format!("{e:?}"), "7\n\nCaused by:\n    0: running the guest\n    1: exit 3");
        assert_eq!(e.downcast_ref::<u32>(), Some(&7));
        assert_eq!(e.downcast_ref::<&str>(), Some(&"running the guest"));
        assert_eq!(e.kind(), ErrorKind::Host);
        let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
        assert_eq!(chain, ["7", "running the guest", "exit 3"]);
        assert_eq!(e.root_cause().to_string(), "exit 3");
        let e = e.downcast::<Exit>().unwrap();
        assert_eq!(e, Exit(3));

        let t: Error = Trap::Interrupt.into();
        assert_eq!(t.kind(), ErrorKind::Trap);
        assert_eq!(t.downcast_ref::<Trap>(), Some(&Trap::Interrupt));
        assert_eq!(t.to_string(), "wasm trap: interrupt");
        assert_eq!(t.trap_code(), None);

        let mut c: Error = TrapCode::UndefinedElement.into();
        assert_eq!(c.downcast_ref::<Trap>(), Some(&Trap::TableOutOfBounds));
        assert_eq!(c.downcast_ref::<TrapCode>(), Some(&TrapCode::UndefinedElement));
        assert_eq!(c.to_string(), "wasm trap: undefined element");
        c.set_backtrace_with(WasmBacktrace::default);
        assert!(c.is::<WasmBacktrace>());
        assert_eq!(c.downcast::<Trap>().ok(), Some(Trap::TableOutOfBounds));

        let e = Error::of(ErrorKind::Link, "unknown import");
        assert_eq!(e.to_string(), "link error: unknown import");
        assert_eq!(e.message(), "unknown import");
        assert!(e.downcast::<Trap>().is_err());
    }

    #[test]
    fn context_trait_on_results_and_options() {
        let r: core::result::Result<(), Exit> = Err(Exit(1));
        let e = r.context("outer").unwrap_err();
        assert_eq!(format!("{e:#}"), "outer: exit 1");
        let n: Option<u8> = None;
        assert_eq!(n.with_context(|| "missing").unwrap_err().to_string(), "missing");
        let boxed: Box<dyn core::error::Error + Send + Sync> = Error::msg("x").into();
        assert_eq!(boxed.to_string(), "x");
    }
}
