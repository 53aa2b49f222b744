//! A minimal WASI preview 1 (`wasi_snapshot_preview1`) for the benchmark:
//! just what the workloads import, the same logic for every engine.
//!
//! Each engine module binds these functions with its own host-function API
//! (typed closures through the [`for_each_wasi_fn!`] list); the work done per
//! call is this file's, so every engine pays the same host cost. Output goes
//! to in-memory buffers, the clock and the random source are deterministic,
//! and nothing touches the real file system.

use std::fmt;

/// The import module name.
pub const MODULE: &str = "wasi_snapshot_preview1";

/// WASI errno values used here.
pub mod errno {
    pub const SUCCESS: i32 = 0;
    pub const BADF: i32 = 8;
    pub const FAULT: i32 = 21;
    pub const INVAL: i32 = 28;
    pub const NOSYS: i32 = 52;
    pub const SPIPE: i32 = 70;
}

/// `proc_exit` was called: the program stops with this status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exit(pub i32);

impl fmt::Display for Exit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "exit status {}", self.0)
    }
}

impl std::error::Error for Exit {}

/// Guest linear memory as the WASI functions see it. Every engine gives
/// either a byte slice (the blanket impl below) or its own wrapper.
pub trait GuestMemory {
    /// Copies `buf.len()` bytes from guest address `addr`.
    fn read(&self, addr: u32, buf: &mut [u8]) -> Result<(), i32>;
    /// Copies `data` to guest address `addr`.
    fn write(&mut self, addr: u32, data: &[u8]) -> Result<(), i32>;

    fn read_u32(&self, addr: u32) -> Result<u32, i32> {
        let mut b = [0; 4];
        self.read(addr, &mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn write_u32(&mut self, addr: u32, v: u32) -> Result<(), i32> {
        self.write(addr, &v.to_le_bytes())
    }
    fn write_u64(&mut self, addr: u32, v: u64) -> Result<(), i32> {
        self.write(addr, &v.to_le_bytes())
    }
}

impl GuestMemory for [u8] {
    fn read(&self, addr: u32, buf: &mut [u8]) -> Result<(), i32> {
        let start = addr as usize;
        let src = self.get(start..start + buf.len()).ok_or(errno::FAULT)?;
        buf.copy_from_slice(src);
        Ok(())
    }
    fn write(&mut self, addr: u32, data: &[u8]) -> Result<(), i32> {
        let start = addr as usize;
        let dst = self.get_mut(start..start + data.len()).ok_or(errno::FAULT)?;
        dst.copy_from_slice(data);
        Ok(())
    }
}

/// Per-run state: captured output, the simulated clock, the random source.
#[derive(Debug, Default)]
pub struct WasiCtx {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Set by `proc_exit` (also carried in the engine's error).
    pub exit: Option<i32>,
    clock_calls: u64,
    random: u64,
}

/// The program's arguments (`argv[0]` only) and environment (empty).
const ARGV0: &[u8] = b"bench\0";
/// The simulated wall clock starts here (2025-01-01T00:00:00Z) and advances
/// 1 ms per query, so programs that read it stay deterministic.
const CLOCK_START_NS: u64 = 1_735_689_600_000_000_000;
const CLOCK_STEP_NS: u64 = 1_000_000;

fn ok(r: Result<(), i32>) -> i32 {
    match r {
        Ok(()) => errno::SUCCESS,
        Err(e) => e,
    }
}

/// A WASI function's outcome: an errno, or the program exited.
pub type WasiResult = Result<i32, Exit>;

impl WasiCtx {
    /// A fresh context for one run.
    pub fn new() -> Self {
        WasiCtx { random: 0x853C_49E6_748F_EA9B, ..Default::default() }
    }

    /// Output digest for a finished WASI run: FNV-1a of stdout, stderr and
    /// the exit status.
    pub fn checksum(&self, status: i32) -> u64 {
        let mut h = 0xCBF2_9CE4_8422_2325u64;
        for &b in self.stdout.iter().chain(b"\0").chain(&self.stderr).chain(&status.to_le_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01B3);
        }
        h
    }

    pub fn args_sizes_get(
        &mut self,
        mem: &mut (impl GuestMemory + ?Sized),
        argc: i32,
        size: i32,
    ) -> WasiResult {
        Ok(ok(mem
            .write_u32(argc as u32, 1)
            .and_then(|()| mem.write_u32(size as u32, ARGV0.len() as u32))))
    }

    pub fn args_get(
        &mut self,
        mem: &mut (impl GuestMemory + ?Sized),
        argv: i32,
        buf: i32,
    ) -> WasiResult {
        Ok(ok(mem.write_u32(argv as u32, buf as u32).and_then(|()| mem.write(buf as u32, ARGV0))))
    }

    pub fn environ_sizes_get(
        &mut self,
        mem: &mut (impl GuestMemory + ?Sized),
        count: i32,
        size: i32,
    ) -> WasiResult {
        Ok(ok(mem.write_u32(count as u32, 0).and_then(|()| mem.write_u32(size as u32, 0))))
    }

    pub fn environ_get(
        &mut self,
        _mem: &mut (impl GuestMemory + ?Sized),
        _env: i32,
        _buf: i32,
    ) -> WasiResult {
        Ok(errno::SUCCESS)
    }

    pub fn clock_res_get(
        &mut self,
        mem: &mut (impl GuestMemory + ?Sized),
        id: i32,
        out: i32,
    ) -> WasiResult {
        if !(0..=3).contains(&id) {
            return Ok(errno::INVAL);
        }
        Ok(ok(mem.write_u64(out as u32, CLOCK_STEP_NS)))
    }

    pub fn clock_time_get(
        &mut self,
        mem: &mut (impl GuestMemory + ?Sized),
        id: i32,
        _precision: i64,
        out: i32,
    ) -> WasiResult {
        if !(0..=3).contains(&id) {
            return Ok(errno::INVAL);
        }
        self.clock_calls += 1;
        let base = if id == 0 { CLOCK_START_NS } else { 0 };
        Ok(ok(mem.write_u64(out as u32, base + self.clock_calls * CLOCK_STEP_NS)))
    }

    pub fn fd_close(&mut self, _mem: &mut (impl GuestMemory + ?Sized), fd: i32) -> WasiResult {
        Ok(if (0..=2).contains(&fd) { errno::SUCCESS } else { errno::BADF })
    }

    pub fn fd_fdstat_get(
        &mut self,
        mem: &mut (impl GuestMemory + ?Sized),
        fd: i32,
        out: i32,
    ) -> WasiResult {
        if !(0..=2).contains(&fd) {
            return Ok(errno::BADF);
        }
        // A character device without seek/tell rights: libc treats it as a
        // terminal (line-buffered stdout).
        const CHARACTER_DEVICE: u8 = 2;
        let rights: u64 = 0x1FFF_FFFF & !((1 << 2) | (1 << 5));
        let mut stat = [0u8; 24];
        stat[0] = CHARACTER_DEVICE;
        stat[8..16].copy_from_slice(&rights.to_le_bytes());
        Ok(ok(mem.write(out as u32, &stat)))
    }

    pub fn fd_fdstat_set_flags(
        &mut self,
        _mem: &mut (impl GuestMemory + ?Sized),
        fd: i32,
        _flags: i32,
    ) -> WasiResult {
        Ok(if (0..=2).contains(&fd) { errno::NOSYS } else { errno::BADF })
    }

    pub fn fd_prestat_get(
        &mut self,
        _mem: &mut (impl GuestMemory + ?Sized),
        _fd: i32,
        _out: i32,
    ) -> WasiResult {
        Ok(errno::BADF) // no preopened directories
    }

    pub fn fd_prestat_dir_name(
        &mut self,
        _mem: &mut (impl GuestMemory + ?Sized),
        _fd: i32,
        _path: i32,
        _len: i32,
    ) -> WasiResult {
        Ok(errno::BADF)
    }

    pub fn fd_seek(
        &mut self,
        _mem: &mut (impl GuestMemory + ?Sized),
        fd: i32,
        _offset: i64,
        _whence: i32,
        _out: i32,
    ) -> WasiResult {
        Ok(if (0..=2).contains(&fd) { errno::SPIPE } else { errno::BADF })
    }

    pub fn fd_read(
        &mut self,
        mem: &mut (impl GuestMemory + ?Sized),
        fd: i32,
        _iovs: i32,
        _iovs_len: i32,
        nread: i32,
    ) -> WasiResult {
        if fd != 0 {
            return Ok(errno::BADF);
        }
        Ok(ok(mem.write_u32(nread as u32, 0))) // stdin is empty
    }

    pub fn fd_write(
        &mut self,
        mem: &mut (impl GuestMemory + ?Sized),
        fd: i32,
        iovs: i32,
        iovs_len: i32,
        nwritten: i32,
    ) -> WasiResult {
        let sink = match fd {
            1 => &mut self.stdout,
            2 => &mut self.stderr,
            _ => return Ok(errno::BADF),
        };
        let mut total = 0u32;
        for i in 0..iovs_len as u32 {
            let iov = (iovs as u32).wrapping_add(i * 8);
            let (ptr, len) = match (mem.read_u32(iov), mem.read_u32(iov.wrapping_add(4))) {
                (Ok(p), Ok(l)) => (p, l),
                (Err(e), _) | (_, Err(e)) => return Ok(e),
            };
            let start = sink.len();
            sink.resize(start + len as usize, 0);
            if let Err(e) = mem.read(ptr, &mut sink[start..]) {
                sink.truncate(start);
                return Ok(e);
            }
            total += len;
        }
        Ok(ok(mem.write_u32(nwritten as u32, total)))
    }

    pub fn proc_exit(
        &mut self,
        _mem: &mut (impl GuestMemory + ?Sized),
        code: i32,
    ) -> Result<(), Exit> {
        self.exit = Some(code);
        Err(Exit(code))
    }

    pub fn random_get(
        &mut self,
        mem: &mut (impl GuestMemory + ?Sized),
        buf: i32,
        len: i32,
    ) -> WasiResult {
        let mut bytes = vec![0u8; len as u32 as usize];
        for chunk in bytes.chunks_mut(8) {
            // splitmix64
            self.random = self.random.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.random;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
        }
        Ok(ok(mem.write(buf as u32, &bytes)))
    }

    pub fn sched_yield(&mut self, _mem: &mut (impl GuestMemory + ?Sized)) -> WasiResult {
        Ok(errno::SUCCESS)
    }

    pub fn poll_oneoff(
        &mut self,
        _mem: &mut (impl GuestMemory + ?Sized),
        _in: i32,
        _out: i32,
        _nsubs: i32,
        _nevents: i32,
    ) -> WasiResult {
        Ok(errno::NOSYS)
    }
}

/// Calls `$m!(name, result_type, (param: type, ...))` for every WASI function
/// above. Engine modules use it to bind them all with typed closures.
/// `proc_exit` returns `()`; the others an `i32` errno.
macro_rules! for_each_wasi_fn {
    ($m:ident) => {
        $m!(args_get, i32, (argv: i32, buf: i32));
        $m!(args_sizes_get, i32, (argc: i32, size: i32));
        $m!(environ_get, i32, (env: i32, buf: i32));
        $m!(environ_sizes_get, i32, (count: i32, size: i32));
        $m!(clock_res_get, i32, (id: i32, out: i32));
        $m!(clock_time_get, i32, (id: i32, precision: i64, out: i32));
        $m!(fd_close, i32, (fd: i32));
        $m!(fd_fdstat_get, i32, (fd: i32, out: i32));
        $m!(fd_fdstat_set_flags, i32, (fd: i32, flags: i32));
        $m!(fd_prestat_get, i32, (fd: i32, out: i32));
        $m!(fd_prestat_dir_name, i32, (fd: i32, path: i32, len: i32));
        $m!(fd_read, i32, (fd: i32, iovs: i32, iovs_len: i32, nread: i32));
        $m!(fd_seek, i32, (fd: i32, offset: i64, whence: i32, out: i32));
        $m!(fd_write, i32, (fd: i32, iovs: i32, iovs_len: i32, nwritten: i32));
        $m!(proc_exit, (), (code: i32));
        $m!(random_get, i32, (buf: i32, len: i32));
        $m!(sched_yield, i32, ());
        $m!(poll_oneoff, i32, (in_: i32, out: i32, nsubs: i32, nevents: i32));
    };
}
pub(crate) use for_each_wasi_fn;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fd_write_gathers_iovecs() {
        let mut mem = [0u8; 64];
        mem[32..35].copy_from_slice(b"abc");
        mem[40..42].copy_from_slice(b"de");
        // two iovecs at 0: (32, 3), (40, 2)
        for (i, v) in [32u32, 3, 40, 2].iter().enumerate() {
            mem[i * 4..i * 4 + 4].copy_from_slice(&v.to_le_bytes());
        }
        let mut ctx = WasiCtx::new();
        assert_eq!(ctx.fd_write(&mut mem[..], 1, 0, 2, 16), Ok(0));
        assert_eq!(ctx.stdout, b"abcde");
        assert_eq!(u32::from_le_bytes(mem[16..20].try_into().unwrap()), 5);
        assert_eq!(ctx.fd_write(&mut mem[..], 1, 60, 1, 16), Ok(errno::FAULT));
    }
}
