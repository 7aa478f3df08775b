//! The sans-IO TCP endpoint: RFC 9293 §3.10 event processing for one
//! connection.
//!
//! Every event is a method call: a user call (§3.10.1–3.10.5), a segment
//! arriving (§3.10.7) or time passing (§3.10.8, §3.8.4). Each call appends
//! what the endpoint does to an [`Output`]: the segments it sends, the text
//! it delivers to its user and the signals it raises. Nothing else happens:
//! no clock, no randomness (the ISS is an input), no I/O. This is the one
//! place synack writes a TCP rule; the model composes two endpoints and the
//! conformance oracle runs one beside a stack under test.
//!
//! ```
//! use synack_model::{Config, Endpoint, Flags, Open, Output, Segment, SeqNum, State};
//! let cfg = Config::default();
//! let mut client = Endpoint::new();
//! let mut out = Output::default();
//! client.open(&cfg, Open::Active { iss: SeqNum(100) }, &mut out).unwrap();
//! assert_eq!(client.state(), State::SynSent);
//! assert_eq!(out.segments[0].to_string(), "SYN seq=100");
//!
//! // The server's SYN,ACK arrives: the client answers with the third segment.
//! let synack = Segment {
//!     flags: Flags::SYN | Flags::ACK,
//!     seq: SeqNum(300),
//!     ack: SeqNum(101),
//!     wnd: 4,
//!     ..Segment::default()
//! };
//! let mut out = Output::default();
//! client.segment_arrives(&cfg, &synack, &mut out);
//! assert_eq!(client.state(), State::Established);
//! assert_eq!(out.segments[0].to_string(), "ACK seq=101 ack=301");
//! ```

mod arrive;
mod send;
mod timers;
mod user;

#[cfg(test)]
mod tests;

use crate::seq::SeqNum;
use crate::state::State;
use crate::Segment;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::hash::{Hash, Hasher};

pub use timers::Timers;

/// The send buffer: text the user has SENT and the peer not acknowledged.
///
/// Up to a few octets inline, as in the model: a model state is copied for
/// every successor, and on the heap each copy would allocate. Derefs to a
/// `SmallVec`.
#[derive(Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SendBuffer(smallvec::SmallVec<[u8; 8]>);

/// Copied as one block: `SmallVec`'s own `clone` copies octet by octet.
impl Clone for SendBuffer {
    fn clone(&self) -> Self {
        SendBuffer(smallvec::SmallVec::from_slice(&self.0))
    }
}

impl std::ops::Deref for SendBuffer {
    type Target = smallvec::SmallVec<[u8; 8]>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for SendBuffer {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

/// How a connection is opened (§3.10.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Open {
    /// Passive OPEN: LISTEN; `iss` is the ISS chosen when a SYN arrives.
    Passive {
        /// Initial send sequence number for the connection the SYN creates.
        iss: SeqNum,
    },
    /// Active OPEN: send `<SEQ=ISS><CTL=SYN>` and enter SYN-SENT.
    Active {
        /// Initial send sequence number (§3.4.1): an input, so runs repeat.
        iss: SeqNum,
    },
}

/// The error responses of the user calls (§3.10.1–3.10.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UserError {
    /// "error: connection does not exist" (a call in CLOSED).
    ConnectionDoesNotExist,
    /// "error: connection already exists" (OPEN on an open connection).
    ConnectionAlreadyExists,
    /// "error: connection closing" (SEND or CLOSE after CLOSE, or after the
    /// peer's FIN where the call cannot be served).
    ConnectionClosing,
    /// "error: remote socket unspecified" (SEND in LISTEN: a passive
    /// connection has no peer to send to).
    RemoteSocketUnspecified,
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UserError::ConnectionDoesNotExist => "error: connection does not exist",
            UserError::ConnectionAlreadyExists => "error: connection already exists",
            UserError::ConnectionClosing => "error: connection closing",
            UserError::RemoteSocketUnspecified => "error: remote socket unspecified",
        })
    }
}

impl std::error::Error for UserError {}

/// Signals the endpoint raises to its user, unasked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Event {
    /// The peer's FIN arrived: "connection closing" (§3.10.7.4 eighth step).
    Closing,
    /// "connection reset" (§3.10.7.3 second step, §3.10.7.4 second step).
    Reset,
    /// "connection refused": RST in SYN-RECEIVED after an active OPEN.
    Refused,
    /// Retransmissions or keep-alive probes went unanswered (§3.8.3 R2,
    /// §3.8.4): the connection was given up.
    TimedOut,
}

/// What one event made the endpoint do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    /// Segments sent, in order.
    pub segments: Vec<Segment>,
    /// Text delivered to the user, in order (RECEIVE is implicit: the user
    /// reads everything as soon as it is deliverable).
    pub delivered: Vec<u8>,
    /// Signals raised.
    pub events: Vec<Event>,
    /// The rules that decided what happened, in order: what a conformance
    /// report grades a stack that did otherwise by.
    pub rules: crate::rule::Rules,
}

/// What came on a SYN besides the SYN, held for ESTABLISHED.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SynRest {
    /// The text.
    pub text: SendBuffer,
    /// A FIN after it.
    pub fin: bool,
}

/// The transmission control block (§3.3.1): the variables of one connection.
/// Reset to its default when the connection is deleted (CLOSED), so two
/// closed endpoints are equal whatever their history.
#[derive(Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Tcb {
    /// Initial send sequence number.
    pub iss: SeqNum,
    /// Initial receive sequence number.
    pub irs: SeqNum,
    /// Oldest unacknowledged sequence number.
    pub snd_una: SeqNum,
    /// Next sequence number to be sent.
    pub snd_nxt: SeqNum,
    /// Send window, as advertised by the peer.
    pub snd_wnd: u16,
    /// Largest window the peer ever advertised (MAX.SND.WND of RFC 5961).
    pub max_snd_wnd: u16,
    /// Sequence number of the segment last used to update SND.WND.
    pub snd_wl1: SeqNum,
    /// Acknowledgment number of the segment last used to update SND.WND.
    pub snd_wl2: SeqNum,
    /// Next sequence number expected.
    pub rcv_nxt: SeqNum,
    /// Receive window advertised (constant: the user reads at once).
    pub rcv_wnd: u16,
    /// Text the user has SENT that is not yet acknowledged, from the first
    /// unacknowledged octet: both the retransmission queue and the unsent rest.
    pub send_buffer: SendBuffer,
    /// Sequence number of our FIN, once CLOSE has queued it after the last
    /// octet of `send_buffer`.
    pub snd_fin: Option<SeqNum>,
    /// The connection came from LISTEN (§3.10.7.4: RST or SYN in SYN-RECEIVED
    /// returns it to LISTEN instead of closing it).
    pub passive: bool,
    /// Text and FIN that came on the peer's SYN, queued until ESTABLISHED
    /// (§3.10.7.2 third step, §3.10.7.3 fourth step). Boxed: rare, and
    /// every state's TCB is hashed and cloned for each successor (inline,
    /// it made a check a quarter slower).
    pub syn_rest: Option<Box<SynRest>>,
    /// The connection was reopened from TIME-WAIT by a new SYN (MAY-2): a
    /// RST to our SYN,ACK returns it to TIME-WAIT.
    pub reopened: bool,
    /// The ISS the next reopening from TIME-WAIT uses, if one was chosen
    /// for it (an oracle learns it from the stack's SYN,ACK); else one
    /// above SND.NXT.
    pub reopen_iss: Option<SeqNum>,
    /// Retransmissions of the segment at the front of the queue so far.
    pub retries: u8,
    /// Keep-alive probes sent and not answered.
    pub probes: u8,
    /// Running timers.
    pub timers: Timers,
}

/// `clone_from` copies in place: the model checker builds each successor
/// over a state it keeps, with no new buffers and nothing to drop.
impl Clone for Tcb {
    fn clone(&self) -> Self {
        Tcb {
            send_buffer: self.send_buffer.clone(),
            syn_rest: self.syn_rest.clone(),
            ..*self
        }
    }

    fn clone_from(&mut self, source: &Self) {
        // Field by field, every one named so that a new one cannot be
        // forgotten: refilling the two owning fields and writing
        // `*self = Tcb { .., ..*source }` builds the TCB aside and copies it
        // over, and copying rose from 8% to 11% of a check (`perf`, 2/1/1).
        let Tcb {
            iss,
            irs,
            snd_una,
            snd_nxt,
            snd_wnd,
            max_snd_wnd,
            snd_wl1,
            snd_wl2,
            rcv_nxt,
            rcv_wnd,
            send_buffer,
            snd_fin,
            passive,
            syn_rest,
            reopened,
            reopen_iss,
            retries,
            probes,
            timers,
        } = source;
        self.send_buffer.0.clone_from(&send_buffer.0);
        self.syn_rest.clone_from(syn_rest);
        (self.iss, self.irs, self.snd_una, self.snd_nxt) = (*iss, *irs, *snd_una, *snd_nxt);
        (self.snd_wnd, self.max_snd_wnd, self.rcv_wnd) = (*snd_wnd, *max_snd_wnd, *rcv_wnd);
        (self.snd_wl1, self.snd_wl2, self.rcv_nxt) = (*snd_wl1, *snd_wl2, *rcv_nxt);
        (self.snd_fin, self.reopen_iss) = (*snd_fin, *reopen_iss);
        (self.passive, self.reopened) = (*passive, *reopened);
        (self.retries, self.probes, self.timers) = (*retries, *probes, *timers);
    }
}

/// Hashed as a few packed words: the model checker fingerprints every
/// successor state, and the derived hash, two dozen writes of a few bytes
/// each, took a seventh of a check's time (`perf`, client-server 2/1/1).
impl Hash for Tcb {
    #[inline(always)]
    fn hash<H: Hasher>(&self, h: &mut H) {
        // Every field, so that a new one cannot be forgotten here.
        let Tcb {
            iss,
            irs,
            snd_una,
            snd_nxt,
            snd_wnd,
            max_snd_wnd,
            snd_wl1,
            snd_wl2,
            rcv_nxt,
            rcv_wnd,
            send_buffer,
            snd_fin,
            passive,
            syn_rest,
            reopened,
            reopen_iss,
            retries,
            probes,
            timers:
                Timers {
                    retransmit,
                    time_wait,
                    keepalive,
                },
        } = self;
        let pair = |low: u32, high: u32| u64::from(low) | u64::from(high) << 32;
        let present = u32::from(snd_fin.is_some())
            | u32::from(*passive) << 1
            | u32::from(syn_rest.is_some()) << 2
            | u32::from(*reopened) << 3
            | u32::from(reopen_iss.is_some()) << 4;
        h.write_u64(pair(iss.0, irs.0));
        h.write_u64(pair(snd_una.0, snd_nxt.0));
        h.write_u64(pair(snd_wl1.0, snd_wl2.0));
        h.write_u64(pair(
            rcv_nxt.0,
            u32::from(*snd_wnd) | u32::from(*max_snd_wnd) << 16,
        ));
        h.write_u64(pair(
            u32::from(*rcv_wnd) | u32::from(*retries) << 16 | u32::from(*probes) << 24,
            present,
        ));
        h.write_u64(pair(
            snd_fin.map_or(0, |s| s.0),
            reopen_iss.map_or(0, |s| s.0),
        ));
        h.write_u64(pair(*retransmit, *time_wait));
        // The length first, then the octets eight to a word, zero-padded:
        // two buffers that differ write different words.
        h.write_u64(u64::from(*keepalive) | (send_buffer.len() as u64) << 32);
        for chunk in send_buffer.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            h.write_u64(u64::from_le_bytes(word));
        }
        if let Some(rest) = syn_rest {
            rest.hash(h);
        }
    }
}

/// One TCP endpoint: its state and its TCB.
#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Endpoint {
    state: State,
    tcb: Tcb,
}

/// `clone_from` copies in place, as the TCB's.
impl Clone for Endpoint {
    fn clone(&self) -> Self {
        Endpoint {
            state: self.state,
            tcb: self.tcb.clone(),
        }
    }

    fn clone_from(&mut self, source: &Self) {
        self.state = source.state;
        self.tcb.clone_from(&source.tcb);
    }
}

impl Default for Endpoint {
    fn default() -> Endpoint {
        Endpoint::new()
    }
}

impl Endpoint {
    /// A closed endpoint: no TCB.
    pub fn new() -> Endpoint {
        Endpoint {
            state: State::Closed,
            tcb: Tcb::default(),
        }
    }

    /// The connection state.
    pub fn state(&self) -> State {
        self.state
    }

    /// The TCB (all defaults in CLOSED).
    pub fn tcb(&self) -> &Tcb {
        &self.tcb
    }

    /// Delete the TCB and enter CLOSED.
    fn delete_tcb(&mut self) {
        self.state = State::Closed;
        self.tcb = Tcb::default();
    }

    /// Choose the ISS of the connection a new SYN may reopen from
    /// TIME-WAIT (MAY-2): an oracle learns it from the stack's SYN,ACK.
    pub fn set_reopen_iss(&mut self, iss: SeqNum) {
        self.tcb.reopen_iss = Some(iss);
    }

    /// Return a passive connection to LISTEN (§3.10.7.4 second and fourth
    /// steps, SYN-RECEIVED): keep the ISS it would use, forget the rest.
    fn back_to_listen(&mut self) {
        let (iss, rcv_wnd) = (self.tcb.iss, self.tcb.rcv_wnd);
        self.tcb = Tcb {
            iss,
            rcv_wnd,
            passive: true,
            ..Tcb::default()
        };
        self.state = State::Listen;
    }
}
