//! Bounds-checked access to the guest's linear memory.
//!
//! Every pointer and length a guest passes goes through [`GuestMemory`];
//! anything out of bounds is `EFAULT`, never a panic. Guest data is read and
//! written in place (no host copies), so the host allocates nothing in
//! proportion to guest-chosen sizes here.

use crate::errno::Errno;
use crate::limits;
use crate::types::size;

/// The guest's linear memory for the duration of one WASI call.
pub(crate) struct GuestMemory<'a> {
    bytes: &'a mut [u8],
}

impl<'a> GuestMemory<'a> {
    pub fn new(bytes: &'a mut [u8]) -> Self {
        GuestMemory { bytes }
    }

    fn range(&self, ptr: u32, len: u32) -> Result<std::ops::Range<usize>, Errno> {
        let start = ptr as usize;
        let end = start.checked_add(len as usize).ok_or(Errno::Fault)?;
        if end > self.bytes.len() {
            return Err(Errno::Fault);
        }
        Ok(start..end)
    }

    /// `len` bytes at `ptr`.
    pub fn slice(&self, ptr: u32, len: u32) -> Result<&[u8], Errno> {
        let r = self.range(ptr, len)?;
        Ok(&self.bytes[r])
    }

    /// `len` bytes at `ptr`, mutably.
    pub fn slice_mut(&mut self, ptr: u32, len: u32) -> Result<&mut [u8], Errno> {
        let r = self.range(ptr, len)?;
        Ok(&mut self.bytes[r])
    }

    /// Copy `data` to `ptr`.
    pub fn write(&mut self, ptr: u32, data: &[u8]) -> Result<(), Errno> {
        let len = u32::try_from(data.len()).map_err(|_| Errno::Fault)?;
        self.slice_mut(ptr, len)?.copy_from_slice(data);
        Ok(())
    }

    fn array<const N: usize>(&self, ptr: u32) -> Result<[u8; N], Errno> {
        let s = self.slice(ptr, N as u32)?;
        Ok(s.try_into().expect("slice of length N"))
    }

    pub fn read_u32(&self, ptr: u32) -> Result<u32, Errno> {
        self.array(ptr).map(u32::from_le_bytes)
    }

    pub fn write_u32(&mut self, ptr: u32, v: u32) -> Result<(), Errno> {
        self.write(ptr, &v.to_le_bytes())
    }

    pub fn write_u64(&mut self, ptr: u32, v: u64) -> Result<(), Errno> {
        self.write(ptr, &v.to_le_bytes())
    }

    /// A path argument: at most [`limits::MAX_PATH_LEN`] bytes of UTF-8.
    pub fn path(&self, ptr: u32, len: u32) -> Result<&str, Errno> {
        if len as usize > limits::MAX_PATH_LEN {
            return Err(Errno::Nametoolong);
        }
        let bytes = self.slice(ptr, len)?;
        let s = std::str::from_utf8(bytes).map_err(|_| Errno::Ilseq)?;
        if s.contains('\0') {
            return Err(Errno::Inval);
        }
        Ok(s)
    }

    /// The `i`th `iovec`/`ciovec` of the array at `ptr`: `(buf, buf_len)`.
    pub fn iovec(&self, ptr: u32, i: u32) -> Result<(u32, u32), Errno> {
        let at = ptr.checked_add(i.checked_mul(size::IOVEC).ok_or(Errno::Fault)?);
        let at = at.ok_or(Errno::Fault)?;
        Ok((self.read_u32(at)?, self.read_u32(at.checked_add(4).ok_or(Errno::Fault)?)?))
    }
}

/// Walk an iovec array, clamping the total to [`limits::MAX_IO_BYTES`]:
/// the `(buf, len)` pieces a single read or write call handles.
///
/// # Errors
/// `EINVAL` for more than [`limits::MAX_IOVS`] iovecs, `EFAULT` for an
/// array or buffer outside memory.
pub(crate) fn io_pieces(
    mem: &GuestMemory<'_>,
    iovs: u32,
    count: u32,
) -> Result<Vec<(u32, u32)>, Errno> {
    if count as usize > limits::MAX_IOVS {
        return Err(Errno::Inval);
    }
    let mut left = limits::MAX_IO_BYTES;
    let mut out = Vec::with_capacity(count as usize);
    for i in 0..count {
        let (buf, len) = mem.iovec(iovs, i)?;
        mem.slice(buf, len)?;
        let take = len.min(left);
        left -= take;
        if take > 0 {
            out.push((buf, take));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_bounds_is_efault() {
        let mut bytes = [0u8; 16];
        let mut m = GuestMemory::new(&mut bytes);
        assert_eq!(m.read_u32(12), Ok(0));
        assert_eq!(m.read_u32(13), Err(Errno::Fault));
        assert_eq!(m.write_u64(u32::MAX, 1), Err(Errno::Fault));
        assert_eq!(m.slice(u32::MAX, u32::MAX).err(), Some(Errno::Fault));
        assert_eq!(m.path(0, 5).err(), Some(Errno::Inval));
        assert!(matches!(m.iovec(u32::MAX - 3, 0), Err(Errno::Fault)));
    }

    #[test]
    fn io_pieces_are_bounded() {
        let mut bytes = vec![0u8; 64];
        let mut m = GuestMemory::new(&mut bytes);
        m.write_u32(0, 32).unwrap();
        m.write_u32(4, 8).unwrap();
        assert_eq!(io_pieces(&m, 0, 1).unwrap(), vec![(32, 8)]);
        assert_eq!(io_pieces(&m, 0, limits::MAX_IOVS as u32 + 1), Err(Errno::Inval));
        m.write_u32(4, 100).unwrap();
        assert_eq!(io_pieces(&m, 0, 1), Err(Errno::Fault));
    }
}
