//! States moved out of memory into a temporary file, and back.
//!
//! A BFS level of a large model is hundreds of megabytes of states that are
//! only read once, in order: the frontier of a model checker is what TLC
//! keeps on disk. Here a chunk of whole states is *moved* to the file: its
//! bytes are written as they are and the vector forgets them, and reading
//! them back moves them into memory again. A move is a byte copy for every
//! Rust type, so nothing needs encoding (no CPU cost beyond the copy); any
//! heap memory a state owns stays where it is, owned by the bytes in the
//! file until they are read back. Every chunk written is read back exactly
//! once ([`Spilled`] is not `Clone`), so nothing is dropped twice or leaked.
//!
//! The file is unnamed (deleted as soon as it is created) in the system's
//! temporary directory (`TMPDIR`), so nothing is left behind, even after a
//! crash. Unix only: elsewhere, and whenever the file cannot be written
//! (a full disk), states simply stay in memory.

use std::fs::File;
use std::io;
use std::mem::size_of;

/// A temporary file that states are moved into and out of.
pub(crate) struct SpillFile {
    file: File,
    /// Bytes written so far.
    end: u64,
}

/// States moved to a [`SpillFile`]: where they are and how many.
#[derive(Debug)]
pub(crate) struct Spilled {
    at: u64,
    len: usize,
}

impl SpillFile {
    /// A new, empty, unnamed temporary file.
    pub fn create() -> io::Result<Self> {
        Ok(SpillFile {
            file: tempfile::tempfile()?,
            end: 0,
        })
    }

    /// Bytes the file holds.
    pub fn bytes(&self) -> u64 {
        self.end
    }

    /// Moves every state of `states` to the file, leaving it empty (its
    /// buffer kept). On an error the states stay in `states`.
    pub fn write<S>(&mut self, states: &mut Vec<S>) -> io::Result<Spilled> {
        let bytes = states.len() * size_of::<S>();
        // SAFETY: the pointer covers `states.len()` initialised values of
        // `S`; the system call only copies their bytes (padding included,
        // which no Rust code reads as a value).
        unsafe { pwrite_all(&self.file, states.as_ptr().cast(), bytes, self.end)? };
        let spilled = Spilled {
            at: self.end,
            len: states.len(),
        };
        self.end += bytes as u64;
        // SAFETY: the values now live in the file (moved out): the vector
        // must neither drop nor expose them again.
        unsafe { states.set_len(0) };
        Ok(spilled)
    }

    /// Moves the states of `spilled` back, appending them to `into`.
    ///
    /// `spilled` must come from [`write`](Self::write) on this file (it is
    /// consumed: each is read once), with the same `S`.
    pub fn read<S>(&self, spilled: Spilled, into: &mut Vec<S>) -> io::Result<()> {
        into.reserve(spilled.len);
        let bytes = spilled.len * size_of::<S>();
        // SAFETY: the reserve above leaves room for `spilled.len` values
        // after the current ones.
        let tail = unsafe { into.as_mut_ptr().add(into.len()) };
        // SAFETY: `tail` has room for `bytes` bytes.
        unsafe { pread_exact(&self.file, tail.cast(), bytes, spilled.at)? };
        // SAFETY: the bytes read are exactly those of `spilled.len` values
        // of `S` that `write` moved out and nobody has read back since
        // (`spilled` is consumed): moving them back in makes them valid
        // values again, owned by `into` alone.
        unsafe { into.set_len(into.len() + spilled.len) };
        Ok(())
    }

    /// Empties the file (every chunk must have been read back), returning
    /// its disk space.
    pub fn truncate(&mut self) -> io::Result<()> {
        self.end = 0;
        self.file.set_len(0)
    }
}

#[cfg(unix)]
unsafe fn pwrite_all(
    file: &File,
    mut at: *const u8,
    mut len: usize,
    mut offset: u64,
) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    while len > 0 {
        let off = libc::off_t::try_from(offset).map_err(|_| io::ErrorKind::FileTooLarge)?;
        // SAFETY: the caller passes `len` readable bytes at `at`.
        let n = unsafe { libc::pwrite(file.as_raw_fd(), at.cast(), len, off) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        if n == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        let n = n as usize;
        // SAFETY: `n <= len`, still inside the caller's bytes.
        at = unsafe { at.add(n) };
        len -= n;
        offset += n as u64;
    }
    Ok(())
}

#[cfg(unix)]
unsafe fn pread_exact(
    file: &File,
    mut at: *mut u8,
    mut len: usize,
    mut offset: u64,
) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    while len > 0 {
        let off = libc::off_t::try_from(offset).map_err(|_| io::ErrorKind::FileTooLarge)?;
        // SAFETY: the caller passes room for `len` bytes at `at`.
        let n = unsafe { libc::pread(file.as_raw_fd(), at.cast(), len, off) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let n = n as usize;
        // SAFETY: `n <= len`, still inside the caller's room.
        at = unsafe { at.add(n) };
        len -= n;
        offset += n as u64;
    }
    Ok(())
}

/// Elsewhere nothing is written: states stay in memory.
#[cfg(not(unix))]
unsafe fn pwrite_all(_: &File, _: *const u8, _: usize, _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(not(unix))]
unsafe fn pread_exact(_: &File, _: *mut u8, _: usize, _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn states_that_own_heap_memory_come_back_whole() {
        let mut file = SpillFile::create().expect("a temporary file");
        let mut a: Vec<(u8, String, Vec<u64>)> = (0..100)
            .map(|i| (i as u8, format!("state {i}"), vec![i; i as usize % 7]))
            .collect();
        let expected = a.clone();
        let first = file.write(&mut a).expect("written");
        assert!(a.is_empty());
        let mut b: Vec<(u8, String, Vec<u64>)> = vec![(9, "x".to_string(), vec![])];
        let second = file.write(&mut b).expect("written");
        assert_eq!(first.len, 100);
        let mut back: Vec<(u8, String, Vec<u64>)> = Vec::new();
        file.read(second, &mut back).expect("read");
        file.read(first, &mut back).expect("read");
        assert_eq!(back[0].1, "x");
        assert_eq!(&back[1..], &expected[..]);
        file.truncate().expect("truncated");
        assert_eq!(file.bytes(), 0);
    }
}
