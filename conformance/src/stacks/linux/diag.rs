//! Connection states and timers read with NETLINK_SOCK_DIAG (inet_diag):
//! unlike TCP_INFO, it sees a connection the application has not accepted
//! (SYN-RECEIVED), one it has closed, and TIME-WAIT.

use super::netns::{os_error, SetupError};
use super::tun::socket;
use std::net::SocketAddrV4;
use std::os::fd::{AsRawFd, OwnedFd};
use std::time::Duration;
use synack_model::State;

const NETLINK_SOCK_DIAG: i32 = 4;
const SOCK_DIAG_BY_FAMILY: u16 = 20;
const NLM_F_REQUEST: u16 = 1;
const NLM_F_DUMP: u16 = 0x300;
const NLMSG_ERROR: u16 = 2;
const NLMSG_DONE: u16 = 3;
/// nlmsghdr, then inet_diag_req_v2.
const REQUEST_LEN: usize = 16 + 56;
/// nlmsghdr, then inet_diag_msg up to idiag_inode.
const MESSAGE_LEN: usize = 16 + 72;

/// A kernel timer pending on a socket (inet_diag's `idiag_timer`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timer {
    /// Retransmission (or SYN,ACK retransmission of a request socket).
    Retransmit,
    /// Keep-alive.
    KeepAlive,
    /// TIME-WAIT's 2×MSL.
    TimeWait,
    /// Zero-window probe.
    Probe,
}

/// One socket of the namespace as inet_diag reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Local address.
    pub local: SocketAddrV4,
    /// Remote address (0.0.0.0:0 for a listener).
    pub remote: SocketAddrV4,
    /// The RFC state of the kernel's state number.
    pub state: State,
    /// The pending timer and when it expires.
    pub timer: Option<(Timer, Duration)>,
    /// Retransmissions so far (`idiag_retrans`).
    pub retransmits: u8,
}

/// The RFC state of one of the kernel's `TCP_*` state numbers
/// (include/net/tcp_states.h); TCP_NEW_SYN_RECV is a request socket.
pub(super) fn state(number: u8) -> Option<State> {
    Some(match number {
        1 => State::Established,
        2 => State::SynSent,
        3 | 12 => State::SynReceived,
        4 => State::FinWait1,
        5 => State::FinWait2,
        6 => State::TimeWait,
        7 => State::Closed,
        8 => State::CloseWait,
        9 => State::LastAck,
        10 => State::Listen,
        11 => State::Closing,
        _ => return None,
    })
}

/// A NETLINK_SOCK_DIAG socket of the calling thread's namespace.
pub(super) struct Diag {
    fd: OwnedFd,
}

impl Diag {
    /// Open one; it answers for the namespace it was made in.
    pub(super) fn open() -> Result<Diag, SetupError> {
        Ok(Diag {
            fd: socket(libc::AF_NETLINK, libc::SOCK_DGRAM, NETLINK_SOCK_DIAG)?,
        })
    }

    /// Every IPv4 TCP socket of the namespace, in every state.
    pub(super) fn dump(&self) -> Result<Vec<Entry>, SetupError> {
        let mut request = [0u8; REQUEST_LEN];
        request[0..4].copy_from_slice(&(REQUEST_LEN as u32).to_ne_bytes());
        request[4..6].copy_from_slice(&SOCK_DIAG_BY_FAMILY.to_ne_bytes());
        request[6..8].copy_from_slice(&(NLM_F_REQUEST | NLM_F_DUMP).to_ne_bytes());
        request[16] = libc::AF_INET as u8;
        request[17] = libc::IPPROTO_TCP as u8;
        request[20..24].copy_from_slice(&u32::MAX.to_ne_bytes()); // all states
                                                                  // SAFETY: a valid buffer; the kernel address is the default (0).
        let sent =
            unsafe { libc::send(self.fd.as_raw_fd(), request.as_ptr().cast(), REQUEST_LEN, 0) };
        if sent < 0 {
            return Err(os_error("sock_diag request"));
        }
        let mut entries = Vec::new();
        let mut buffer = vec![0u8; 32 * 1024];
        loop {
            // SAFETY: a valid buffer of that length.
            let n = unsafe {
                libc::recv(
                    self.fd.as_raw_fd(),
                    buffer.as_mut_ptr().cast(),
                    buffer.len(),
                    0,
                )
            };
            if n < 0 {
                return Err(os_error("sock_diag reply"));
            }
            let mut rest = &buffer[..n as usize];
            while rest.len() >= 16 {
                let len = u32::from_ne_bytes(rest[0..4].try_into().expect("4 bytes")) as usize;
                let kind = u16::from_ne_bytes(rest[4..6].try_into().expect("2 bytes"));
                if len < 16 || len > rest.len() {
                    return Err(SetupError(format!("sock_diag: a message of {len} bytes")));
                }
                match kind {
                    NLMSG_DONE => return Ok(entries),
                    NLMSG_ERROR => return Err(SetupError("sock_diag: an error reply".into())),
                    _ if len >= MESSAGE_LEN => entries.extend(entry(&rest[16..len])),
                    _ => {}
                }
                rest = &rest[(len + 3) & !3..];
            }
        }
    }
}

/// An `inet_diag_msg`, read field by field (network byte order where the
/// kernel says so).
fn entry(msg: &[u8]) -> Option<Entry> {
    let be16 = |at: usize| u16::from_be_bytes([msg[at], msg[at + 1]]);
    let ip = |at: usize| std::net::Ipv4Addr::new(msg[at], msg[at + 1], msg[at + 2], msg[at + 3]);
    let expires = u32::from_ne_bytes(msg[52..56].try_into().ok()?);
    let timer = match msg[2] {
        1 => Some(Timer::Retransmit),
        2 => Some(Timer::KeepAlive),
        3 => Some(Timer::TimeWait),
        4 => Some(Timer::Probe),
        _ => None,
    };
    Some(Entry {
        state: state(msg[1])?,
        timer: timer.map(|t| (t, Duration::from_millis(u64::from(expires)))),
        retransmits: msg[3],
        local: SocketAddrV4::new(ip(8), be16(4)),
        remote: SocketAddrV4::new(ip(24), be16(6)),
    })
}
