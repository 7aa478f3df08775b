//! The Linux kernel's TCP behind the [`Stack`] trait, driven through a TUN
//! device in a private network namespace (issue 6).
//!
//! Each stack value moves the thread that makes it into a network
//! namespace of its own (`netns.rs`: `unshare(CLONE_NEWNET)`, sysctls that
//! make output comparable), opens a TUN device there (`tun.rs`:
//! 192.0.2.1/24, the peer at 192.0.2.2) and a NETLINK_SOCK_DIAG socket
//! ([`diag`]) to read states and timers. User calls are real socket calls
//! made by that thread: `listen`/`accept`, a non-blocking `connect`,
//! `send`, `shutdown(SHUT_WR)` for CLOSE, `SO_LINGER {1, 0}` + `close`
//! for ABORT. A value is not `Send`: the sockets it creates must be made
//! from inside its namespace.
//!
//! Time is real: the kernel's timers cannot be sped up. One tick is
//! [`TICK`] (500 ms), so the initial RTO of 1 s is the endpoint's 2
//! ticks. `advance` sleeps only when a kernel timer is pending (inet_diag
//! shows every TCP timer but the delayed ACK, which `TCP_QUICKACK`
//! avoids); a wait with no timer pending changes nothing in the kernel and
//! returns at once. A wait longer than [`MAX_REAL_WAIT`] ticks with a
//! timer pending (TIME-WAIT's 60 s) is *skipped for time*: the adapter
//! does nothing more, [`Stack::skipped`] gives a reason starting
//! [`SKIPPED_FOR_TIME`] with the timer and its expiry, and the case ends
//! as skipped; `profile` checks those timers' lengths from inet_diag.
//!
//! The kernel's time is real time, so the suite runs many cases side by
//! side (`suite::Options::workers`, `--jobs`): each has a namespace of its
//! own, and most of a case's time is spent waiting for the kernel.

pub mod diag;
mod netns;
pub mod profile;
mod tun;

pub use netns::{namespaces_held, SetupError};

use crate::stack::{Call, CallError, Stack};
use crate::wire::{self, Packet, WireError};
use diag::{Diag, Entry};
use netns::Namespace;
use std::marker::PhantomData;
use std::net::SocketAddrV4;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::time::{Duration, Instant};
use synack_model::{Segment, State, Ticks};
use tun::Tun;

/// How much real time one tick of the suite is.
pub const TICK: Duration = Duration::from_millis(500);

/// The longest wait, in ticks, the adapter sleeps through while a kernel
/// timer is pending: the RTO and a tick more. Longer ones are skipped.
pub const MAX_REAL_WAIT: Ticks = 3;

/// Slept beyond a wait, so a timer due exactly at its end has fired (the
/// kernel's timers are late by a jiffy or two, and its RTO is 1 s plus the
/// measured round trip).
const MARGIN: Duration = Duration::from_millis(80);

/// How long the kernel must stay quiet before its answer counts as whole.
/// It answers a packet or a call before the system call returns; this
/// only catches stragglers.
const SETTLE: Duration = Duration::from_millis(4);

/// Real time between two events that the suite did not ask for (the
/// host busy elsewhere) beyond which a retransmission timer could have
/// fired unseen by the model: the case is skipped for time.
pub const MAX_STALL: Duration = Duration::from_millis(400);

/// A kernel timer due within this long after an event counts as part of
/// the event's answer (see `emitted`).
const SOON: Duration = Duration::from_millis(50);

/// Cases side by side against the kernel (`suite::Options::workers`):
/// most of a case's time is the kernel's real time, not a core's.
pub const WORKERS: usize = 8;

/// How a case skipped for time starts its reason.
pub const SKIPPED_FOR_TIME: &str = "skipped for time";

/// The stack's address and the peer's: the wire module's, shared by every
/// adapter that speaks bytes.
pub use crate::wire::{PEER, STACK};

/// The kernel's TCP in a namespace of its own, one connection.
pub struct Linux {
    // Fields drop in this order: sockets, then the wire, then the
    // namespace (the thread goes home last).
    listener: Option<OwnedFd>,
    connection: Option<OwnedFd>,
    diag: Diag,
    tun: Tun,
    namespace: Namespace,
    /// When the kernel's answer to the last event was collected, and how
    /// much of the time since was a wait the suite asked for.
    collected: Instant,
    waited: Duration,
    /// Why the case was skipped for time, once it was: nothing more is
    /// done then.
    skipped: Option<String>,
    /// Text the application read and the suite has not collected.
    received: Vec<u8>,
    /// Sockets are made in the namespace of the thread that calls: keep
    /// the value on the thread that entered it.
    _same_thread: PhantomData<*const ()>,
}

impl Linux {
    /// A fresh namespace with its TUN device; no socket yet. Panics with
    /// the reason when the namespace cannot be made (see [`Linux::available`]).
    pub fn new() -> Linux {
        Linux::try_new().unwrap_or_else(|e| panic!("the Linux stack cannot be set up: {e}"))
    }

    /// A fresh namespace with its TUN device, or why not (no
    /// CAP_NET_ADMIN, no /dev/net/tun).
    pub fn try_new() -> Result<Linux, SetupError> {
        let namespace = Namespace::enter()?;
        let tun = Tun::open("synack0", *STACK.ip())
            .map_err(|e| SetupError(format!("{}: {e}", namespace.label)))?;
        Ok(Linux {
            listener: None,
            connection: None,
            diag: Diag::open()?,
            tun,
            namespace,
            collected: Instant::now(),
            waited: Duration::ZERO,
            skipped: None,
            received: Vec::new(),
            _same_thread: PhantomData,
        })
    }

    /// The namespace's label, `synack-<pid>-<n>`.
    pub fn label(&self) -> &str {
        &self.namespace.label
    }

    /// Every TCP socket of the namespace, as inet_diag sees it.
    pub fn sockets(&self) -> Vec<Entry> {
        self.diag
            .dump()
            .unwrap_or_else(|e| panic!("{}: {e}", self.namespace.label))
    }

    /// The connection's socket as inet_diag sees it: the one on the
    /// suite's 4-tuple, else the listener.
    pub fn connection(&self) -> Option<Entry> {
        let all = self.sockets();
        // The application's own socket stays on the 4-tuple, CLOSED, after
        // the kernel moved the connection to a TIME-WAIT socket.
        let on_tuple = all
            .iter()
            .find(|e| e.local == STACK && e.remote == PEER && e.state != State::Closed);
        on_tuple
            .or_else(|| all.iter().find(|e| e.state == State::Listen))
            .copied()
    }

    /// What the application does between events: accept a connection that
    /// completed (then stop listening: one OPEN, one connection), read
    /// everything received, and ask for the next ACK at once.
    fn serve(&mut self) {
        if let (Some(listener), None) = (&self.listener, &self.connection) {
            // SAFETY: accept4 on our listener; null peer address wanted.
            let fd = unsafe {
                libc::accept4(
                    listener.as_raw_fd(),
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                    libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
                )
            };
            if fd >= 0 {
                // SAFETY: a descriptor accept just made.
                let fd = unsafe { OwnedFd::from_raw_fd(fd) };
                set_int(&fd, libc::IPPROTO_TCP, libc::TCP_NODELAY, 1);
                self.connection = Some(fd);
                self.listener = None;
            }
        }
        if let Some(fd) = &self.connection {
            let mut buffer = [0u8; 4096];
            loop {
                // SAFETY: a valid buffer; non-blocking.
                let n = unsafe {
                    libc::recv(
                        fd.as_raw_fd(),
                        buffer.as_mut_ptr().cast(),
                        buffer.len(),
                        libc::MSG_DONTWAIT,
                    )
                };
                if n <= 0 {
                    break;
                }
                self.received.extend_from_slice(&buffer[..n as usize]);
            }
            set_int(fd, libc::IPPROTO_TCP, libc::TCP_QUICKACK, 1);
        }
    }

    /// The socket a call acts on: the connection unless the kernel has
    /// closed it, else the listener.
    fn live(&self) -> Option<&OwnedFd> {
        match &self.connection {
            Some(fd) if tcp_state(fd) != Some(State::Closed) => Some(fd),
            _ => self.listener.as_ref(),
        }
    }

    fn listen(&mut self) -> Result<(), CallError> {
        if let Some(fd) = self.live() {
            // SAFETY: listen(2) on our socket: the kernel's own answer.
            return check(unsafe { libc::listen(fd.as_raw_fd(), 1) }, "listen");
        }
        let fd = bound_socket()?;
        // SAFETY: listen(2) on a socket we own.
        check(unsafe { libc::listen(fd.as_raw_fd(), 1) }, "listen")?;
        self.connection = None;
        self.listener = Some(fd);
        Ok(())
    }

    fn connect(&mut self) -> Result<(), CallError> {
        if let Some(fd) = self.live() {
            return connect(fd);
        }
        let fd = bound_socket()?;
        connect(&fd)?;
        self.connection = Some(fd);
        Ok(())
    }

    fn send(&mut self, text: &[u8]) -> Result<(), CallError> {
        let fd = self.live().ok_or_else(no_socket)?;
        // SAFETY: a valid buffer; MSG_NOSIGNAL: EPIPE, never SIGPIPE.
        let n = unsafe {
            libc::send(
                fd.as_raw_fd(),
                text.as_ptr().cast(),
                text.len(),
                libc::MSG_NOSIGNAL | libc::MSG_DONTWAIT,
            )
        };
        check(n as i32, "send")?;
        match n as usize {
            n if n == text.len() => Ok(()),
            n => Err(CallError(format!(
                "send: {n} of {} octets queued",
                text.len()
            ))),
        }
    }

    fn close(&mut self) -> Result<(), CallError> {
        if let Some(fd) = &self.connection {
            // SAFETY: shutdown(2) on our socket.
            return check(
                unsafe { libc::shutdown(fd.as_raw_fd(), libc::SHUT_WR) },
                "shutdown",
            );
        }
        self.refuse_unaccepted()?;
        // CLOSE of a passive OPEN with nothing accepted: the application
        // stops listening (shutdown does nothing to a listener).
        self.listener.take().map(drop).ok_or_else(no_socket)
    }

    fn abort(&mut self) -> Result<(), CallError> {
        if self.connection.is_none() {
            self.refuse_unaccepted()?;
        }
        let fd = self
            .connection
            .take()
            .or_else(|| self.listener.take())
            .ok_or_else(no_socket)?;
        abort(fd);
        Ok(())
    }
}

impl Linux {
    /// SO_KEEPALIVE with TCP_KEEPIDLE, TCP_KEEPINTVL and TCP_KEEPCNT: the
    /// kernel counts in whole seconds, so odd tick counts are refused.
    fn keepalive(&mut self, k: &synack_model::Keepalive) -> Result<(), CallError> {
        let Some(fd) = &self.connection else {
            return Err(CallError("no connection to keep alive".into()));
        };
        let seconds = |ticks: u32| {
            let ms = u64::from(ticks) * TICK.as_millis() as u64;
            (ms.is_multiple_of(1000) && ms > 0)
                .then_some((ms / 1000) as i32)
                .ok_or_else(|| {
                    CallError(format!(
                        "Linux counts keep-alive time in whole seconds, not {ms} ms"
                    ))
                })
        };
        let (idle, interval) = (seconds(k.idle)?, seconds(k.interval)?);
        set_int(fd, libc::SOL_SOCKET, libc::SO_KEEPALIVE, 1);
        set_int(fd, libc::IPPROTO_TCP, libc::TCP_KEEPIDLE, idle);
        set_int(fd, libc::IPPROTO_TCP, libc::TCP_KEEPINTVL, interval);
        set_int(
            fd,
            libc::IPPROTO_TCP,
            libc::TCP_KEEPCNT,
            i32::from(k.probes),
        );
        Ok(())
    }

    /// A connection in SYN-RECEIVED has no socket the application holds
    /// until `accept` returns it after the handshake: sockets cannot name it
    /// (§3.9.1 leaves the interface to the implementation), so a CLOSE or
    /// ABORT meant for it is refused rather than spent on the listener.
    fn refuse_unaccepted(&self) -> Result<(), CallError> {
        if self.connection.is_none() && self.state() == Some(State::SynReceived) {
            return Err(CallError(
                "the connection is not accepted yet: a socket cannot name it".into(),
            ));
        }
        Ok(())
    }
}

impl Default for Linux {
    fn default() -> Linux {
        Linux::new()
    }
}

impl Drop for Linux {
    fn drop(&mut self) {
        // Abortive closes: no socket lingers in FIN-WAIT or retransmits
        // into a namespace that is going away.
        for fd in [self.connection.take(), self.listener.take()]
            .into_iter()
            .flatten()
        {
            abort(fd);
        }
    }
}

/// Nothing to call on: the application holds no socket.
fn no_socket() -> CallError {
    CallError("no socket: connection does not exist".into())
}

/// A system call's result: `Err` with errno's words when negative.
fn check(result: i32, what: &str) -> Result<(), CallError> {
    if result < 0 {
        return Err(CallError(format!(
            "{what}: {}",
            std::io::Error::last_os_error()
        )));
    }
    Ok(())
}

/// setsockopt of an int option; a failure only loses the option.
fn set_int(fd: &OwnedFd, level: i32, option: i32, value: i32) {
    // SAFETY: a valid int of its own size.
    unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            level,
            option,
            (&value as *const i32).cast(),
            std::mem::size_of::<i32>() as libc::socklen_t,
        )
    };
}

/// ABORT: `SO_LINGER {1, 0}` then close, so the kernel resets the
/// connection instead of closing it gracefully.
fn abort(fd: OwnedFd) {
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: a valid linger of its own size.
    unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            (&linger as *const libc::linger).cast(),
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        )
    };
    drop(fd);
}

fn sockaddr_in(address: SocketAddrV4) -> libc::sockaddr_in {
    libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: address.port().to_be(),
        sin_addr: libc::in_addr {
            s_addr: u32::from(*address.ip()).to_be(),
        },
        sin_zero: [0; 8],
    }
}

/// A non-blocking TCP socket bound to [`STACK`], Nagle off.
fn bound_socket() -> Result<OwnedFd, CallError> {
    let fd = tun::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_NONBLOCK, 0)
        .map_err(|e| CallError(e.0))?;
    set_int(&fd, libc::SOL_SOCKET, libc::SO_REUSEADDR, 1);
    set_int(&fd, libc::IPPROTO_TCP, libc::TCP_NODELAY, 1);
    check(to_address(&fd, STACK, libc::bind), "bind")?;
    Ok(fd)
}

/// `bind(2)` or `connect(2)` (one signature) of `fd` to `address`.
fn to_address(
    fd: &OwnedFd,
    address: SocketAddrV4,
    call: unsafe extern "C" fn(i32, *const libc::sockaddr, libc::socklen_t) -> i32,
) -> i32 {
    let address = sockaddr_in(address);
    // SAFETY: a valid sockaddr_in of its own length.
    unsafe {
        call(
            fd.as_raw_fd(),
            (&address as *const libc::sockaddr_in).cast(),
            std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t,
        )
    }
}

/// A non-blocking connect to [`PEER`]: "in progress" is success (the SYN
/// is out).
fn connect(fd: &OwnedFd) -> Result<(), CallError> {
    let r = to_address(fd, PEER, libc::connect);
    if r < 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::EINPROGRESS) {
        return Ok(());
    }
    check(r, "connect")
}

/// The state of the socket behind `fd` itself (TCP_INFO), which is CLOSED
/// once the kernel is done with it, even while a TIME-WAIT remains.
fn tcp_state(fd: &OwnedFd) -> Option<State> {
    // SAFETY: tcp_info is plain data; the kernel fills up to `len`.
    let mut info: libc::tcp_info = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::tcp_info>() as libc::socklen_t;
    // SAFETY: a valid buffer and length.
    let r = unsafe {
        libc::getsockopt(
            fd.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_INFO,
            (&mut info as *mut libc::tcp_info).cast(),
            &mut len,
        )
    };
    (r == 0).then(|| diag::state(info.tcpi_state)).flatten()
}

impl Stack for Linux {
    fn call(&mut self, call: &Call) -> Result<(), CallError> {
        if self.skipped.is_some() {
            return Ok(());
        }
        match call {
            Call::Listen => self.listen(),
            Call::Connect => self.connect(),
            Call::Send(text) => self.send(text),
            Call::Close => self.close(),
            Call::Abort => self.abort(),
            Call::KeepAlive(k) => self.keepalive(k),
        }
    }

    fn inject(&mut self, segment: &Segment) {
        if self.skipped.is_some() {
            return;
        }
        self.serve();
        let packet = wire::encode(&Packet {
            src: PEER,
            dst: STACK,
            segment: segment.clone(),
        });
        if let Err(e) = self.tun.write(&packet) {
            panic!("{}: writing to the TUN device: {e}", self.namespace.label);
        }
    }

    fn advance(&mut self, ticks: Ticks) {
        if self.skipped.is_some() {
            return;
        }
        let pending = self
            .sockets()
            .into_iter()
            .filter_map(|e| e.timer)
            .min_by_key(|t| t.1);
        let Some((timer, expires)) = pending else {
            // No timer: nothing in the kernel can happen, however long.
            return;
        };
        if ticks > MAX_REAL_WAIT {
            self.skipped = Some(format!(
                "{SKIPPED_FOR_TIME}: wait {ticks} ticks ({:.1} s) with the kernel's {timer:?} \
                 timer due in {:.3} s (inet_diag); the adapter sleeps at most {MAX_REAL_WAIT} ticks",
                (TICK * ticks).as_secs_f64(),
                expires.as_secs_f64()
            ));
            return;
        }
        std::thread::sleep(TICK * ticks + MARGIN);
        self.waited += TICK * ticks + MARGIN;
    }

    fn emitted(&mut self) -> Result<Vec<Segment>, WireError> {
        if self.skipped.is_some() {
            return Ok(Vec::new());
        }
        self.serve();
        let mut segments = self.tun.drain(SETTLE)?;
        // A timer the event itself set to fire at once (Linux resends its
        // SYN 2 jiffies after a bad ACK in SYN-SENT) is part of the answer:
        // wait for it, so it is never credited to whichever event is next.
        let soon = self.sockets().into_iter().filter_map(|e| e.timer);
        if let Some(due) = soon.map(|(_, at)| at).filter(|at| *at <= SOON).min() {
            std::thread::sleep(due + SETTLE);
            segments.extend(self.tun.drain(SETTLE)?);
        }
        // The model sees no time pass between events; the kernel does.
        let stalled = self.collected.elapsed().saturating_sub(self.waited);
        if stalled > MAX_STALL {
            self.skipped = Some(format!(
                "{SKIPPED_FOR_TIME}: the host took {} ms of real time for one event \
                 (at most {} ms): a kernel timer may have fired that the model cannot see",
                stalled.as_millis(),
                MAX_STALL.as_millis()
            ));
        }
        (self.collected, self.waited) = (Instant::now(), Duration::ZERO);
        Ok(segments)
    }

    /// What `emitted` read (its `serve`): the kernel delivers an injected
    /// segment's text before the TUN write returns, so nothing is left.
    fn received(&mut self) -> Option<Vec<u8>> {
        Some(std::mem::take(&mut self.received))
    }

    fn state(&self) -> Option<State> {
        Some(self.connection().map_or(State::Closed, |e| e.state))
    }

    fn skipped(&mut self) -> Option<String> {
        self.skipped.clone()
    }
}

impl Linux {
    /// Whether this process may make namespaces and TUN devices (root or
    /// CAP_NET_ADMIN): tried once, on a thread of its own, and remembered.
    pub fn available() -> Result<(), SetupError> {
        static TRIED: std::sync::OnceLock<Result<(), SetupError>> = std::sync::OnceLock::new();
        TRIED
            .get_or_init(|| {
                std::thread::spawn(|| Linux::try_new().map(drop))
                    .join()
                    .unwrap_or_else(|_| Err(SetupError("setting up panicked".into())))
            })
            .clone()
    }
}
