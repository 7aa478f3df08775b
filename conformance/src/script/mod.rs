//! Scripts: a case as a short readable text, one packetdrill-like line per
//! event, that runs again against any stack.
//!
//! ```text
//! # ESTABLISHED × FIN,ACK at the left edge
//! connect
//! < SYN,ACK seq=0 ack=1 win=4
//! < FIN,ACK seq=1 ack=1 win=4
//! wait 2
//! ```
//!
//! * `listen`, `connect`, `send N` (N octets), `close`, `abort`: user calls.
//! * `< FLAGS seq=S [ack=A] [win=W] [len=N]`: the peer sends a segment.
//!   `seq` counts from the peer's ISS, `ack` from the ISS the stack chose
//!   (learned from its SYN or SYN,ACK), as packetdrill's relative numbers
//!   do; the same script therefore runs against stacks with any ISN.
//! * `wait N`: N ticks pass.
//! * `#` starts a comment; reproducers put the expected and observed
//!   segments there (`#> SYN,ACK seq=0 ack=1 win=4`).
//!
//! [`parse`] reads a script back, with an error naming the line.

mod format;
mod parse;

pub use format::emitted_line;
pub use parse::{parse, ParseError};

use crate::stack::Call;
use synack_model::{Segment, SeqNum, Ticks};

/// The peer's ISS on the wire. Close to 2³² on purpose: the first octets
/// of every case wrap around, so a stack comparing sequence numbers without
/// modular arithmetic (§3.4) fails at once.
pub const PEER_ISS: SeqNum = SeqNum(u32::MAX - 1);

/// One event of a script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// The application makes a user call.
    Call(Call),
    /// The peer sends this segment; `seq` relative to the peer's ISS, `ack`
    /// relative to the stack's.
    Inject(Segment),
    /// Time passes.
    Wait(Ticks),
}

/// A script: comments first (what the case is), then its lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script {
    /// Comment lines without their `#`: the case, its seed, what went wrong.
    pub comments: Vec<String>,
    /// The events, in order.
    pub lines: Vec<Line>,
}

/// The octets `send N` and `len=N` stand for: a fixed pattern, so a script
/// says everything that was sent.
pub fn octets(n: usize) -> Vec<u8> {
    (0..n).map(|i| b'a' + (i % 26) as u8).collect()
}

/// The user call `send N`.
pub fn send(n: usize) -> Call {
    Call::Send(octets(n))
}

/// A relative segment as the script writes it: the payload becomes the
/// pattern of its length, so the line says exactly what is injected.
pub fn inject(mut segment: Segment) -> Line {
    segment.payload = octets(segment.payload.len());
    Line::Inject(segment)
}
