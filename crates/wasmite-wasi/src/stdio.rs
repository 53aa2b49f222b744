//! The guest's standard streams: the host process's own, in-memory buffers
//! for tests and embedders ([`OutputPipe`], any `Read`), or nothing.

use std::fmt;
use std::io::{self, IsTerminal, Read, Write};
use std::sync::{Arc, Mutex};

use crate::types::filetype;

/// Where the guest's stdin comes from.
pub(crate) enum Input {
    /// End of file at once.
    Empty,
    /// The host process's stdin, read unbuffered so `poll_oneoff` sees what is pending.
    Inherit,
    /// Any reader (always reported ready by `poll_oneoff`).
    Reader(Box<dyn Read + Send>),
}

impl Input {
    pub fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Input::Empty => Ok(0),
            Input::Inherit => read_host_stdin(buf),
            Input::Reader(r) => r.read(buf),
        }
    }

    pub fn filetype(&self) -> u8 {
        match self {
            Input::Inherit if io::stdin().is_terminal() => filetype::CHARACTER_DEVICE,
            _ => filetype::UNKNOWN,
        }
    }
}

#[cfg(unix)]
fn read_host_stdin(buf: &mut [u8]) -> io::Result<usize> {
    rustix::io::read(io::stdin(), buf).map_err(io::Error::from)
}

#[cfg(not(unix))]
fn read_host_stdin(buf: &mut [u8]) -> io::Result<usize> {
    io::stdin().read(buf)
}

/// Where the guest's stdout or stderr goes.
pub(crate) enum Output {
    /// Dropped (writes succeed).
    Discard,
    /// The host process's stdout, flushed after every write.
    Stdout,
    /// The host process's stderr.
    Stderr,
    /// Any writer.
    Writer(Box<dyn Write + Send>),
}

impl Output {
    pub fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Discard => Ok(buf.len()),
            Output::Stdout => {
                let mut out = io::stdout().lock();
                out.write_all(buf)?;
                out.flush()?;
                Ok(buf.len())
            }
            Output::Stderr => {
                io::stderr().lock().write_all(buf)?;
                Ok(buf.len())
            }
            Output::Writer(w) => w.write(buf),
        }
    }

    pub fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Discard | Output::Stderr => Ok(()),
            Output::Stdout => io::stdout().flush(),
            Output::Writer(w) => w.flush(),
        }
    }

    pub fn filetype(&self) -> u8 {
        let tty = match self {
            Output::Stdout => io::stdout().is_terminal(),
            Output::Stderr => io::stderr().is_terminal(),
            Output::Discard | Output::Writer(_) => false,
        };
        if tty { filetype::CHARACTER_DEVICE } else { filetype::UNKNOWN }
    }
}

/// An in-memory sink for the guest's stdout or stderr, shared between the
/// [`WasiCtx`](crate::WasiCtx) and the embedder (clones see the same bytes).
///
/// It holds at most its capacity; a write beyond that stores what fits, and
/// a write when full fails, which the guest sees as `ENOSPC`.
///
/// ```
/// use wasmite_wasi::{OutputPipe, WasiCtx};
///
/// let out = OutputPipe::new(1 << 20);
/// let ctx = WasiCtx::builder().stdout(out.clone()).build();
/// # drop(ctx);
/// // … run the guest, then:
/// assert_eq!(out.contents(), b"");
/// ```
#[derive(Clone)]
pub struct OutputPipe {
    buf: Arc<Mutex<Vec<u8>>>,
    capacity: usize,
}

impl OutputPipe {
    /// An empty pipe holding at most `capacity` bytes.
    pub fn new(capacity: usize) -> Self {
        OutputPipe { buf: Arc::default(), capacity }
    }

    /// A copy of everything written so far.
    pub fn contents(&self) -> Vec<u8> {
        self.buf.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl fmt::Debug for OutputPipe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let len = self.buf.lock().unwrap_or_else(|e| e.into_inner()).len();
        f.debug_struct("OutputPipe").field("len", &len).field("capacity", &self.capacity).finish()
    }
}

impl Write for OutputPipe {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let mut buf = self.buf.lock().unwrap_or_else(|e| e.into_inner());
        let room = self.capacity.saturating_sub(buf.len());
        if room == 0 && !data.is_empty() {
            return Err(io::ErrorKind::StorageFull.into());
        }
        let n = room.min(data.len());
        buf.extend_from_slice(&data[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipe_capacity() {
        let mut p = OutputPipe::new(4);
        assert_eq!(p.write(b"abc").unwrap(), 3);
        assert_eq!(p.write(b"def").unwrap(), 1);
        assert_eq!(p.write(b"g").unwrap_err().kind(), io::ErrorKind::StorageFull);
        assert_eq!(p.clone().contents(), b"abcd");
    }
}
