//! Arguments, environment, clocks, randomness, scheduling, sockets and
//! `poll_oneoff`.

#![allow(clippy::too_many_arguments, reason = "the parameters are those of the WASI function")]

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::WasiCtx;
use crate::errno::Errno;
use crate::limits;
use crate::memory::GuestMemory;
use crate::stdio::Input;
use crate::table::Kind;
use crate::types::{Event, Subscription, SubscriptionKind, clockid, eventtype, rights, size};

type R = Result<(), Errno>;

/// Write a list of strings the C way: pointers into `ptrs`, NUL-terminated
/// bytes into `buf`.
fn write_strings(mem: &mut GuestMemory<'_>, list: &[String], ptrs: u32, buf: u32) -> R {
    let mut at = u64::from(buf);
    for (i, s) in list.iter().enumerate() {
        let ptr = u32::try_from(at).map_err(|_| Errno::Fault)?;
        let slot = u64::from(ptrs) + i as u64 * 4;
        mem.write_u32(u32::try_from(slot).map_err(|_| Errno::Fault)?, ptr)?;
        mem.write(ptr, s.as_bytes())?;
        let nul = u32::try_from(at + s.len() as u64).map_err(|_| Errno::Fault)?;
        mem.write(nul, &[0])?;
        at = u64::from(nul) + 1;
    }
    Ok(())
}

fn write_sizes(mem: &mut GuestMemory<'_>, list: &[String], count: u32, buf_size: u32) -> R {
    let bytes: usize = list.iter().map(|s| s.len() + 1).sum();
    mem.write_u32(count, u32::try_from(list.len()).map_err(|_| Errno::Overflow)?)?;
    mem.write_u32(buf_size, u32::try_from(bytes).map_err(|_| Errno::Overflow)?)
}

/// Nanoseconds on `clock` now.
pub(crate) fn clock_now(clock: u32) -> Result<u64, Errno> {
    let ns = |d: Duration| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
    match clock {
        clockid::REALTIME => Ok(SystemTime::now().duration_since(UNIX_EPOCH).map(ns).unwrap_or(0)),
        clockid::MONOTONIC => Ok(monotonic_now()),
        #[cfg(unix)]
        clockid::PROCESS_CPUTIME => {
            Ok(timespec_ns(rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime)))
        }
        #[cfg(unix)]
        clockid::THREAD_CPUTIME => {
            Ok(timespec_ns(rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime)))
        }
        _ => Err(Errno::Inval),
    }
}

#[cfg(unix)]
fn timespec_ns(t: rustix::time::Timespec) -> u64 {
    u64::try_from(t.tv_sec)
        .unwrap_or(0)
        .saturating_mul(1_000_000_000)
        .saturating_add(t.tv_nsec as u64)
}

#[cfg(unix)]
fn monotonic_now() -> u64 {
    timespec_ns(rustix::time::clock_gettime(rustix::time::ClockId::Monotonic))
}

#[cfg(not(unix))]
fn monotonic_now() -> u64 {
    static EPOCH: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    let start = *EPOCH.get_or_init(Instant::now);
    u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX)
}

fn clock_resolution(clock: u32) -> Result<u64, Errno> {
    #[cfg(unix)]
    {
        use rustix::time::ClockId;
        let id = match clock {
            clockid::REALTIME => ClockId::Realtime,
            clockid::MONOTONIC => ClockId::Monotonic,
            clockid::PROCESS_CPUTIME => ClockId::ProcessCPUTime,
            clockid::THREAD_CPUTIME => ClockId::ThreadCPUTime,
            _ => return Err(Errno::Inval),
        };
        Ok(timespec_ns(rustix::time::clock_getres(id)).max(1))
    }
    #[cfg(not(unix))]
    {
        clock_now(clock).map(|_| 1_000)
    }
}

impl WasiCtx {
    pub(crate) fn args_get(&mut self, mem: &mut GuestMemory<'_>, argv: u32, argv_buf: u32) -> R {
        write_strings(mem, &self.args, argv, argv_buf)
    }

    pub(crate) fn args_sizes_get(
        &mut self,
        mem: &mut GuestMemory<'_>,
        argc: u32,
        argv_buf_size: u32,
    ) -> R {
        write_sizes(mem, &self.args, argc, argv_buf_size)
    }

    pub(crate) fn environ_get(
        &mut self,
        mem: &mut GuestMemory<'_>,
        environ: u32,
        environ_buf: u32,
    ) -> R {
        write_strings(mem, &self.env, environ, environ_buf)
    }

    pub(crate) fn environ_sizes_get(
        &mut self,
        mem: &mut GuestMemory<'_>,
        count: u32,
        buf_size: u32,
    ) -> R {
        write_sizes(mem, &self.env, count, buf_size)
    }

    pub(crate) fn clock_res_get(&mut self, mem: &mut GuestMemory<'_>, clock: u32, out: u32) -> R {
        let res = clock_resolution(clock)?;
        mem.write_u64(out, res)
    }

    pub(crate) fn clock_time_get(
        &mut self,
        mem: &mut GuestMemory<'_>,
        clock: u32,
        _precision: u64,
        out: u32,
    ) -> R {
        let now = clock_now(clock)?;
        mem.write_u64(out, now)
    }

    /// Fill guest memory in place: no host buffer, so any length the memory
    /// holds is fine.
    pub(crate) fn random_get(&mut self, mem: &mut GuestMemory<'_>, buf: u32, len: u32) -> R {
        let dst = mem.slice_mut(buf, len)?;
        getrandom::fill(dst).map_err(|_| Errno::Io)
    }

    pub(crate) fn sched_yield(&mut self, _mem: &mut GuestMemory<'_>) -> R {
        std::thread::yield_now();
        Ok(())
    }

    pub(crate) fn proc_raise(&mut self, _mem: &mut GuestMemory<'_>, _sig: u32) -> R {
        Err(Errno::Notsup)
    }

    /// No descriptor is ever a socket: `EBADF` for a closed one, `ENOTSOCK` otherwise.
    fn not_a_socket(&self, fd: u32) -> R {
        self.table.get(fd)?;
        Err(Errno::Notsock)
    }

    pub(crate) fn sock_accept(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        fd: u32,
        _flags: u32,
        _out: u32,
    ) -> R {
        self.not_a_socket(fd)
    }

    pub(crate) fn sock_recv(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        fd: u32,
        _data: u32,
        _data_len: u32,
        _flags: u32,
        _out_len: u32,
        _out_flags: u32,
    ) -> R {
        self.not_a_socket(fd)
    }

    pub(crate) fn sock_send(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        fd: u32,
        _data: u32,
        _data_len: u32,
        _flags: u32,
        _out_len: u32,
    ) -> R {
        self.not_a_socket(fd)
    }

    pub(crate) fn sock_shutdown(&mut self, _mem: &mut GuestMemory<'_>, fd: u32, _how: u32) -> R {
        self.not_a_socket(fd)
    }

    /// Wait for clock deadlines and descriptor readiness.
    ///
    /// Regular files, buffers and output streams are always ready. The host's
    /// stdin is polled for real (on Unix). With nothing ready, the call
    /// sleeps until the earliest clock deadline and reports every clock
    /// subscription that has expired by then.
    pub(crate) fn poll_oneoff(
        &mut self,
        mem: &mut GuestMemory<'_>,
        input: u32,
        output: u32,
        nsubs: u32,
        nevents: u32,
    ) -> R {
        if nsubs == 0 {
            return Err(Errno::Inval);
        }
        if nsubs as usize > limits::MAX_POLL_SUBSCRIPTIONS {
            return Err(Errno::Inval);
        }
        mem.slice(nevents, 4)?;
        let in_bytes = nsubs * size::SUBSCRIPTION;
        mem.slice(input, in_bytes)?;
        mem.slice(output, nsubs * size::EVENT)?;
        let mut subs = Vec::with_capacity(nsubs as usize);
        for i in 0..nsubs {
            let b = mem.slice(input + i * size::SUBSCRIPTION, size::SUBSCRIPTION)?;
            subs.push(Subscription::decode(b).ok_or(Errno::Inval)?);
        }

        let start = Instant::now();
        let mut events = Vec::new();
        // Earliest deadline, as a duration from `start`.
        let mut wait: Option<Duration> = None;
        let mut host_stdin = Vec::new();
        for s in &subs {
            match s.kind {
                SubscriptionKind::Clock { clock, timeout, absolute } => {
                    let d = if absolute {
                        match clock_now(clock) {
                            Ok(now) => Duration::from_nanos(timeout.saturating_sub(now)),
                            Err(e) => {
                                events.push(error_event(s, eventtype::CLOCK, e));
                                continue;
                            }
                        }
                    } else if let Err(e) = clock_now(clock) {
                        events.push(error_event(s, eventtype::CLOCK, e));
                        continue;
                    } else {
                        Duration::from_nanos(timeout)
                    };
                    wait = Some(wait.map_or(d, |w| w.min(d)));
                }
                SubscriptionKind::Read(fd) | SubscriptionKind::Write(fd) => {
                    let read = matches!(s.kind, SubscriptionKind::Read(_));
                    let kind = if read { eventtype::FD_READ } else { eventtype::FD_WRITE };
                    match self.fd_readiness(fd, read) {
                        Ok(Some(nbytes)) => events.push(Event {
                            userdata: s.userdata,
                            kind,
                            nbytes,
                            ..Event::default()
                        }),
                        Ok(None) => host_stdin.push(*s),
                        Err(e) => events.push(error_event(s, kind, e)),
                    }
                }
            }
        }

        if events.is_empty() {
            if !host_stdin.is_empty() && wait_host_stdin(wait) {
                for s in &host_stdin {
                    events.push(Event {
                        userdata: s.userdata,
                        kind: eventtype::FD_READ,
                        nbytes: 1,
                        ..Event::default()
                    });
                }
            } else if let Some(w) = wait {
                let left = w.saturating_sub(start.elapsed());
                if !left.is_zero() {
                    std::thread::sleep(left);
                }
            }
        }
        if events.is_empty() {
            let elapsed = start.elapsed();
            for s in &subs {
                if let SubscriptionKind::Clock { clock, timeout, absolute } = s.kind {
                    let due = if absolute {
                        clock_now(clock).is_ok_and(|now| now >= timeout)
                    } else {
                        elapsed >= Duration::from_nanos(timeout)
                    };
                    if due {
                        events.push(Event {
                            userdata: s.userdata,
                            kind: eventtype::CLOCK,
                            ..Event::default()
                        });
                    }
                }
            }
        }
        for (i, e) in events.iter().enumerate() {
            mem.write(output + i as u32 * size::EVENT, &e.encode())?;
        }
        mem.write_u32(nevents, events.len() as u32)
    }

    /// Bytes ready on `fd`, or `None` for the host's stdin (to be polled).
    fn fd_readiness(&self, fd: u32, read: bool) -> Result<Option<u64>, Errno> {
        let entry = self.table.get(fd)?;
        entry.require(rights::POLL_FD_READWRITE)?;
        match (&entry.kind, read) {
            (Kind::Stdin(Input::Inherit), true) => Ok(None),
            (Kind::Stdin(_), true) | (Kind::Output(_), false) => Ok(Some(0)),
            (Kind::File(f), true) => {
                let len = f.file.metadata()?.len();
                let pos = std::io::Seek::stream_position(&mut &f.file)?;
                Ok(Some(len.saturating_sub(pos)))
            }
            (Kind::File(_), false) => Ok(Some(0)),
            _ => Err(Errno::Badf),
        }
    }
}

fn error_event(s: &Subscription, kind: u8, e: Errno) -> Event {
    Event { userdata: s.userdata, error: e.raw(), kind, ..Event::default() }
}

/// Wait up to `timeout` (forever if `None`) for the host's stdin to be readable.
#[cfg(unix)]
fn wait_host_stdin(timeout: Option<Duration>) -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let ts = timeout.map(|d| Timespec {
        tv_sec: i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(d.subsec_nanos()),
    });
    loop {
        match poll(&mut fds, ts.as_ref()) {
            Ok(n) => return n > 0,
            Err(rustix::io::Errno::INTR) => continue,
            // Cannot poll (e.g. stdin closed): report it readable; the read says what happened.
            Err(_) => return true,
        }
    }
}

#[cfg(not(unix))]
fn wait_host_stdin(_timeout: Option<Duration>) -> bool {
    true
}
