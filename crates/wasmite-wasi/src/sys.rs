//! The filesystem backend, chosen by target: `cap-std` natively, whose
//! `Dir` resolves every path beneath itself; inside a WASI guest
//! (`target_os = "wasi"`), where `cap-std` does not build on stable Rust,
//! the outer runtime's descriptors (`nested.rs`), with the same shape, so
//! `path.rs` and `fd.rs` are one code for both.

#[cfg(not(target_os = "wasi"))]
pub(crate) use cap_fs_ext::{FollowSymlinks, SystemTimeSpec};
#[cfg(not(target_os = "wasi"))]
pub(crate) use cap_std::ambient_authority;
#[cfg(not(target_os = "wasi"))]
pub(crate) use cap_std::fs::{Dir, DirEntry, FileType, Metadata, OpenOptions};
#[cfg(not(target_os = "wasi"))]
pub(crate) use cap_std::time::SystemTime;

#[cfg(target_os = "wasi")]
pub(crate) use crate::nested::{
    Dir, DirEntry, FileType, FollowSymlinks, Metadata, OpenOptions, SystemTime, SystemTimeSpec,
    ambient_authority,
};
