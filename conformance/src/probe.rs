//! Probes: a segment of some kind at some position, placed against the
//! numbers of the connection as it is when the probe is sent.
//!
//! A generated case cannot know in advance the numbers a stack will use
//! (its ISS, its window), so it says "a FIN,ACK at the right edge of the
//! window" and the runner turns that into a concrete segment from the
//! oracle's TCB at that moment. The reproducer records the concrete line.

use serde::Serialize;
use std::fmt;
use synack_model::{Flags, Segment, SeqNum, State};

use crate::script::{self, Line, PEER_ISS};

/// The kinds of incoming segment the matrix sends (§3.1 control bits).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Kind {
    /// SYN alone: a connection request (§3.5).
    Syn,
    /// SYN,ACK: the second segment of the handshake.
    SynAck,
    /// A bare ACK.
    Ack,
    /// FIN without ACK: the ACK bit is off, so §3.10.7.4 drops it.
    Fin,
    /// FIN,ACK: the peer closes.
    FinAck,
    /// RST without ACK.
    Rst,
    /// RST,ACK.
    RstAck,
    /// SYN and FIN together: no valid TCP sends it; stacks must cope.
    SynFin,
    /// One octet of text with ACK.
    Data,
}

impl Kind {
    /// All kinds, in table order.
    pub const ALL: [Kind; 9] = [
        Kind::Syn,
        Kind::SynAck,
        Kind::Ack,
        Kind::Fin,
        Kind::FinAck,
        Kind::Rst,
        Kind::RstAck,
        Kind::SynFin,
        Kind::Data,
    ];

    /// The control bits of this kind.
    pub fn flags(self) -> Flags {
        match self {
            Kind::Syn => Flags::SYN,
            Kind::SynAck => Flags::SYN | Flags::ACK,
            Kind::Ack | Kind::Data => Flags::ACK,
            Kind::Fin => Flags::FIN,
            Kind::FinAck => Flags::FIN | Flags::ACK,
            Kind::Rst => Flags::RST,
            Kind::RstAck => Flags::RST | Flags::ACK,
            Kind::SynFin => Flags::SYN | Flags::FIN,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Data => f.write_str("data"),
            k => write!(f, "{}", k.flags()),
        }
    }
}

/// Where a probe lies. The first five place SEG.SEQ against the receive
/// window (RCV.NXT, RCV.WND; §3.4 Table 6); the last two place SEG.ACK
/// outside what the stack may accept, with SEG.SEQ at the left edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Position {
    /// SEG.SEQ = RCV.NXT - 1: old, below the window.
    Below,
    /// SEG.SEQ = RCV.NXT.
    LeftEdge,
    /// SEG.SEQ = RCV.NXT + RCV.WND/2.
    Inside,
    /// SEG.SEQ = RCV.NXT + RCV.WND - 1: the last number in the window.
    RightEdge,
    /// SEG.SEQ = RCV.NXT + RCV.WND: just beyond it.
    Beyond,
    /// SEG.ACK = SND.UNA - 1 (in SYN-SENT, = ISS): acknowledges the past.
    AckBelow,
    /// SEG.ACK = SND.NXT + 1: acknowledges something not yet sent.
    AckBeyond,
}

impl Position {
    /// All positions, in table order.
    pub const ALL: [Position; 7] = [
        Position::Below,
        Position::LeftEdge,
        Position::Inside,
        Position::RightEdge,
        Position::Beyond,
        Position::AckBelow,
        Position::AckBeyond,
    ];

    /// Why no peer can send this probe as something distinct, if so: a
    /// segment without the ACK bit carries no SEG.ACK to misplace (§3.1).
    pub fn unproducible(self, kind: Kind) -> Option<&'static str> {
        let on_ack = matches!(self, Position::AckBelow | Position::AckBeyond);
        (on_ack && !kind.flags().contains(Flags::ACK))
            .then_some("without the ACK bit SEG.ACK is not significant (§3.1): no such segment")
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Position::Below => "below window",
            Position::LeftEdge => "left edge",
            Position::Inside => "inside",
            Position::RightEdge => "right edge",
            Position::Beyond => "beyond",
            Position::AckBelow => "ACK below",
            Position::AckBeyond => "ACK beyond",
        })
    }
}

/// The numbers a probe is placed against, read from the oracle.
#[derive(Clone, Copy, Debug)]
pub struct Numbers {
    /// The state the stack should be in.
    pub state: State,
    /// ISS of the stack's connection (learned).
    pub iss: SeqNum,
    /// SND.UNA, SND.NXT, RCV.NXT and RCV.WND of the oracle's TCB.
    pub snd_una: SeqNum,
    /// SND.NXT.
    pub snd_nxt: SeqNum,
    /// RCV.NXT.
    pub rcv_nxt: SeqNum,
    /// RCV.WND.
    pub rcv_wnd: u16,
}

/// The script line for `kind` at `position`, in relative numbers.
///
/// Where the state has no receive window yet (CLOSED, LISTEN, SYN-SENT),
/// SEG.SEQ is placed against the peer's ISS and a window of the model's
/// size: §3.10.7.1–3 read SEG.SEQ only to echo it, so all five positions
/// must get the same answer there, and the cells check that they do. Where
/// the stack has sent nothing (CLOSED, LISTEN), SEG.ACK = ISS + 1 stands
/// for "acknowledges the stack's SYN".
pub fn line(kind: Kind, position: Position, n: &Numbers) -> Line {
    let synchronizing = matches!(n.state, State::Closed | State::Listen | State::SynSent);
    let (left, wnd) = if synchronizing {
        (PEER_ISS, 4)
    } else {
        (n.rcv_nxt, u32::from(n.rcv_wnd.max(1)))
    };
    let (una, nxt) = if matches!(n.state, State::Closed | State::Listen) {
        (n.iss, n.iss + 1)
    } else {
        (n.snd_una, n.snd_nxt)
    };
    let seq = match position {
        Position::Below => left - 1,
        Position::Inside => left + wnd / 2,
        Position::RightEdge => left + (wnd - 1),
        Position::Beyond => left + wnd,
        Position::LeftEdge | Position::AckBelow | Position::AckBeyond => left,
    };
    let ack = match position {
        Position::AckBelow if n.state == State::SynSent => una,
        Position::AckBelow => una - 1,
        Position::AckBeyond => nxt + 1,
        _ => nxt,
    };
    let flags = kind.flags();
    script::inject(Segment {
        flags,
        seq: SeqNum(seq.0.wrapping_sub(PEER_ISS.0)),
        ack: if flags.contains(Flags::ACK) {
            SeqNum(ack.0.wrapping_sub(n.iss.0))
        } else {
            SeqNum(0)
        },
        wnd: 4,
        payload: if kind == Kind::Data {
            vec![0]
        } else {
            Vec::new()
        },
    })
}
