//! The applications: a short script of user calls per host, run in order.

use crate::state::State;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::hash::{Hash, Hasher};

/// One step of an application script.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Step {
    /// Passive OPEN.
    Listen,
    /// Active OPEN.
    Connect,
    /// SEND this many octets.
    Send(u8),
    /// CLOSE.
    Close,
    /// ABORT.
    Abort,
    /// Wait until the connection is synchronized, or gone.
    AwaitEstablished,
    /// Wait until a SYN has arrived: the connection has left LISTEN.
    AwaitSynReceived,
    /// Wait until the peer's FIN arrived ("connection closing"), or the
    /// connection is gone.
    AwaitEof,
    /// Wait until the connection is CLOSED.
    AwaitClosed,
    /// The host dies silently: it never sends or answers again.
    Crash,
}

impl Step {
    /// Whether a waiting step may proceed, given the endpoint state and
    /// whether the peer's FIN arrived. Other steps always may.
    pub fn ready(self, state: State, eof: bool) -> bool {
        let gone = state == State::Closed;
        match self {
            Step::AwaitEstablished => gone || state.is_synchronized(),
            Step::AwaitSynReceived => state != State::Listen,
            Step::AwaitEof => gone || eof,
            Step::AwaitClosed => gone,
            _ => true,
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Listen => f.write_str("listen"),
            Step::Connect => f.write_str("connect"),
            Step::Send(n) => write!(f, "send {n}"),
            Step::Close => f.write_str("close"),
            Step::Abort => f.write_str("abort"),
            Step::AwaitEstablished => f.write_str("await established"),
            Step::AwaitSynReceived => f.write_str("await SYN"),
            Step::AwaitEof => f.write_str("await EOF"),
            Step::AwaitClosed => f.write_str("await closed"),
            Step::Crash => f.write_str("crash"),
        }
    }
}

/// What an application has done and seen, as far as the properties need.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct App {
    /// Index of the next script step.
    pub pc: u8,
    /// Connections opened so far (each OPEN starts a new one).
    pub opens: u8,
    /// Octets this application sent on its current connection.
    pub sent: u8,
    /// Octets received in order on its current connection, each checked
    /// against what the peer sent.
    pub received: u8,
    /// The peer's FIN arrived on the current connection.
    pub eof: bool,
    /// This application called CLOSE before the peer's FIN arrived: it is
    /// the active closer (§3.6).
    pub active_closer: bool,
    /// It received an octet that its peer did not send on this connection,
    /// or out of order, or twice.
    pub corrupted: bool,
    /// The host crashed.
    pub crashed: bool,
    /// This host's connection became synchronized although its peer had
    /// asked for no such connection: the IRS is not the ISS of a connection
    /// the peer has open (O6).
    pub unrequested: bool,
    /// An OPEN of this host timed out before the connection was synchronized
    /// (O5, O7).
    pub connect_timed_out: bool,
    /// This host left LAST-ACK by a RST instead of the ACK of its FIN (C7a).
    pub last_ack_reset: bool,
    /// This host gave up a synchronized connection (R2 or keep-alive,
    /// §3.8.3, §3.8.4) while its peer was alive: no FIN, ACK or RST of the
    /// peer ended it.
    pub gave_up_on_live_peer: bool,
}

/// Hashed as one word: every successor state is hashed.
impl Hash for App {
    #[inline(always)]
    fn hash<H: Hasher>(&self, h: &mut H) {
        h.write_u64(self.word());
    }
}

impl App {
    /// Every field, packed in the low 40 bits of a word (the rest zero).
    #[inline(always)]
    pub(crate) fn word(&self) -> u64 {
        // Every field, so that a new one cannot be forgotten here.
        let App {
            pc,
            opens,
            sent,
            received,
            eof,
            active_closer,
            corrupted,
            crashed,
            unrequested,
            connect_timed_out,
            last_ack_reset,
            gave_up_on_live_peer,
        } = *self;
        let flags = [
            eof,
            active_closer,
            corrupted,
            crashed,
            unrequested,
            connect_timed_out,
            last_ack_reset,
            gave_up_on_live_peer,
        ]
        .iter()
        .enumerate()
        .fold(0u64, |acc, (i, &b)| acc | u64::from(b) << i);
        u64::from(pc)
            | u64::from(opens) << 8
            | u64::from(sent) << 16
            | u64::from(received) << 24
            | flags << 32
    }
}

impl App {
    /// A new connection begins: per-connection observations restart. A
    /// corruption seen earlier stays: it is a violation already.
    pub fn new_connection(&mut self) {
        self.opens += 1;
        self.sent = 0;
        self.received = 0;
        self.eof = false;
        self.active_closer = false;
    }
}

/// The octet an application sends as its `index`th on its `connection`th
/// connection: a value that says where it came from, so a receiver can tell
/// an octet of an earlier connection (C7b, O8).
pub fn octet(host: usize, connection: u8, index: u8) -> u8 {
    (host as u8) << 7 | (connection & 0x7) << 4 | (index & 0xf)
}
