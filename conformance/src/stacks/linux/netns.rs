//! A private network namespace for one stack value, entered by the thread
//! that makes it and left when it is dropped.
//!
//! Why `unshare(CLONE_NEWNET)` on the calling thread and no `ip netns add`:
//! a namespace made that way has no name in the file system (no bind mount
//! under `/run/netns`), so nothing outside the process holds it. Once the
//! thread has gone back to its old namespace (`Drop`) and the sockets and
//! the TUN device are closed, the kernel frees it; and if the process dies
//! instead (a panic that aborts, Ctrl-C, `kill -9`), the kernel drops every
//! reference with it. No signal handler is needed and none can be missed:
//! cleanup is certain on every exit path. The namespace still has a unique
//! label, `synack-<pid>-<n>`, used in messages and as the TUN device's
//! owner.
//!
//! Every case's namespace is made from one parent namespace of the
//! process's own (held by a file descriptor, gone with the process) where
//! `net.ipv4.tcp_child_ehash_entries` is set: so each has a TCP hash table
//! of its own, a few buckets long, and an inet_diag dump walks those
//! instead of the host's whole table (262,144 buckets here: the dumps were
//! most of the suite's CPU time). Where the parent cannot be made (a
//! kernel before 6.1), namespaces are made from the thread's own as
//! before.

use std::ffi::CString;
use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::atomic::{AtomicU64, Ordering};

/// Namespaces made by this process so far, for unique labels.
static MADE: AtomicU64 = AtomicU64::new(0);

/// The sysctls set in every namespace, and why; see `docs/stacks/linux.md`.
pub(super) const SYSCTLS: &[(&str, &str)] = &[
    // Options the endpoint does not have: segments must carry what it sends.
    ("net/ipv4/tcp_timestamps", "0"),
    ("net/ipv4/tcp_sack", "0"),
    ("net/ipv4/tcp_window_scaling", "0"),
    ("net/ipv4/tcp_ecn", "0"),
    // Answers to invalid segments (challenge ACKs, duplicate ACKs) must not
    // be rate-limited away: the suite sends several within milliseconds.
    ("net/ipv4/tcp_invalid_ratelimit", "0"),
    ("net/ipv4/tcp_challenge_ack_limit", "2147483647"),
    // Every RTO is 1 s, as RFC 6298 (2.4) recommends and as the initial
    // one is: the endpoint's fixed RTO of 2 ticks (Linux's minimum is
    // otherwise 200 ms once an RTT has been measured).
    ("net/ipv4/tcp_rto_min_us", "1000000"),
    // No router solicitations or MLD reports on the TUN device.
    ("net/ipv6/conf/default/disable_ipv6", "1"),
    ("net/ipv6/conf/all/disable_ipv6", "1"),
];

/// Why a namespace could not be set up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetupError(pub String);

impl std::fmt::Display for SetupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SetupError {}

/// `what` failed with the last OS error.
pub(super) fn os_error(what: &str) -> SetupError {
    SetupError(format!("{what}: {}", io::Error::last_os_error()))
}

/// The calling thread's own network namespace, in a private copy.
pub(super) struct Namespace {
    /// `synack-<pid>-<n>`.
    pub(super) label: String,
    /// The namespace the thread was in before, to go back to.
    home: OwnedFd,
}

impl Namespace {
    /// Move the calling thread into a new, empty network namespace and set
    /// the sysctls of [`SYSCTLS`] there.
    pub(super) fn enter() -> Result<Namespace, SetupError> {
        let home = open_own_namespace()?;
        // SAFETY: setns only changes this thread's namespaces; on any
        // failure below the thread goes back home.
        let from_parent = parent()
            .is_some_and(|p| unsafe { libc::setns(p.as_raw_fd(), libc::CLONE_NEWNET) == 0 });
        // SAFETY: unshare only changes this thread's namespaces.
        if unsafe { libc::unshare(libc::CLONE_NEWNET) } != 0 {
            let error = io::Error::last_os_error();
            if from_parent {
                // SAFETY: back to the namespace the thread was in.
                unsafe { libc::setns(home.as_raw_fd(), libc::CLONE_NEWNET) };
            }
            return Err(SetupError(format!(
                "unshare(CLONE_NEWNET): {error} (the Linux stack needs root or CAP_NET_ADMIN)"
            )));
        }
        let n = MADE.fetch_add(1, Ordering::Relaxed);
        let namespace = Namespace {
            label: format!("synack-{}-{n}", std::process::id()),
            home,
        };
        for (key, value) in SYSCTLS {
            namespace.set(key, value)?;
        }
        Ok(namespace)
    }

    /// Write a sysctl of this namespace: `/proc/sys/net` shows the
    /// namespace of the thread that opens it.
    fn set(&self, key: &str, value: &str) -> Result<(), SetupError> {
        let path = format!("/proc/sys/{key}");
        File::options()
            .write(true)
            .open(&path)
            .and_then(|mut f| f.write_all(value.as_bytes()))
            .map_err(|e| SetupError(format!("{}: {path} = {value}: {e}", self.label)))
    }
}

impl Drop for Namespace {
    fn drop(&mut self) {
        // SAFETY: `home` is a namespace file descriptor we opened. Should it
        // fail (it cannot for a namespace we were in), the thread stays in
        // the private namespace, which dies with the thread.
        unsafe { libc::setns(self.home.as_raw_fd(), libc::CLONE_NEWNET) };
    }
}

/// Buckets of each case namespace's own TCP hash table (the kernel's
/// least is 128).
const CHILD_EHASH_ENTRIES: &str = "128";

/// The process's parent namespace for cases (see the module's comment),
/// made once by a thread of its own; `None` where it cannot be.
fn parent() -> Option<&'static OwnedFd> {
    static PARENT: std::sync::OnceLock<Option<OwnedFd>> = std::sync::OnceLock::new();
    PARENT
        .get_or_init(|| {
            std::thread::spawn(|| {
                // SAFETY: unshare only changes this (short-lived) thread's
                // namespaces.
                if unsafe { libc::unshare(libc::CLONE_NEWNET) } != 0 {
                    return None;
                }
                File::options()
                    .write(true)
                    .open("/proc/sys/net/ipv4/tcp_child_ehash_entries")
                    .and_then(|mut f| f.write_all(CHILD_EHASH_ENTRIES.as_bytes()))
                    .ok()?;
                open_own_namespace().ok()
            })
            .join()
            .ok()
            .flatten()
        })
        .as_ref()
}

/// The calling thread's network namespace, as a file descriptor.
fn open_own_namespace() -> Result<OwnedFd, SetupError> {
    let path = CString::new("/proc/thread-self/ns/net").expect("no NUL");
    // SAFETY: a valid C string; the result is checked.
    let fd = unsafe { libc::open(path.as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC) };
    if fd < 0 {
        return Err(os_error("open /proc/thread-self/ns/net"));
    }
    // SAFETY: a file descriptor we just opened and nobody else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// The network namespaces this process holds (by its threads or its open
/// file descriptors), by inode: what a leak would add to.
pub fn namespaces_held() -> std::collections::BTreeSet<String> {
    let mut held = std::collections::BTreeSet::new();
    let mut links = Vec::new();
    if let Ok(tasks) = std::fs::read_dir("/proc/self/task") {
        links.extend(tasks.flatten().map(|t| t.path().join("ns/net")));
    }
    if let Ok(fds) = std::fs::read_dir("/proc/self/fd") {
        links.extend(fds.flatten().map(|f| f.path()));
    }
    for link in links {
        if let Ok(target) = std::fs::read_link(&link) {
            let target = target.to_string_lossy().into_owned();
            if target.starts_with("net:[") {
                held.insert(target);
            }
        }
    }
    held
}
