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

/// The kinds of incoming segment the matrix sends (§3.1 control bits), each
/// that may carry text also with one octet of it (§3.10.7.2, §3.10.7.3:
/// text on a SYN is queued, and acknowledged only with the SYN).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Kind {
    /// SYN alone: a connection request (§3.5).
    Syn,
    /// SYN with one octet of text.
    SynData,
    /// SYN,ACK: the second segment of the handshake.
    SynAck,
    /// SYN,ACK with one octet of text.
    SynAckData,
    /// SYN,ACK with FIN: the peer's last segment too (§3.10.7.3 fourth
    /// step: "other controls or text in the segment" go on to the sixth
    /// step of §3.10.7.4).
    SynAckFin,
    /// A bare ACK.
    Ack,
    /// FIN without ACK: the ACK bit is off, so §3.10.7.4 drops it.
    Fin,
    /// FIN,ACK: the peer closes.
    FinAck,
    /// FIN,ACK with one octet of text before the FIN.
    FinAckData,
    /// RST without ACK.
    Rst,
    /// RST,ACK.
    RstAck,
    /// SYN and FIN together: no valid TCP sends it; stacks must cope.
    SynFin,
    /// One octet of text with ACK.
    Data,
    /// FIN,ACK with a window of text and one octet more: the last octet
    /// and the FIN lie beyond the window, so neither is taken (§3.10.7.4
    /// first step: trimmed to the window; seventh and eighth steps). Not a
    /// matrix column: the continuations send it where text is taken.
    FinAckOverflow,
}

impl Kind {
    /// All kinds, in table order.
    pub const ALL: [Kind; 13] = [
        Kind::Syn,
        Kind::SynData,
        Kind::SynAck,
        Kind::SynAckData,
        Kind::SynAckFin,
        Kind::Ack,
        Kind::Fin,
        Kind::FinAck,
        Kind::FinAckData,
        Kind::Rst,
        Kind::RstAck,
        Kind::SynFin,
        Kind::Data,
    ];

    /// The control bits of this kind.
    pub fn flags(self) -> Flags {
        match self {
            Kind::Syn | Kind::SynData => Flags::SYN,
            Kind::SynAck | Kind::SynAckData => Flags::SYN | Flags::ACK,
            Kind::SynAckFin => Flags::SYN | Flags::ACK | Flags::FIN,
            Kind::Ack | Kind::Data => Flags::ACK,
            Kind::Fin => Flags::FIN,
            Kind::FinAck | Kind::FinAckData | Kind::FinAckOverflow => Flags::FIN | Flags::ACK,
            Kind::Rst => Flags::RST,
            Kind::RstAck => Flags::RST | Flags::ACK,
            Kind::SynFin => Flags::SYN | Flags::FIN,
        }
    }

    /// Whether the segment carries one octet of text.
    pub fn text(self) -> bool {
        matches!(
            self,
            Kind::SynData | Kind::SynAckData | Kind::FinAckData | Kind::Data | Kind::FinAckOverflow
        )
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Data => f.write_str("data"),
            Kind::FinAckOverflow => f.write_str("FIN,ACK+window+1"),
            k if k.text() => write!(f, "{}+1", k.flags()),
            k => write!(f, "{}", k.flags()),
        }
    }
}

/// Where a probe lies: at a boundary of one of the tests RFC 9293 makes of
/// an arriving segment's numbers ([`Position::boundary`] cites it). The
/// first five place SEG.SEQ against the receive window (RCV.NXT, RCV.WND),
/// SEG.ACK = SND.NXT; the others place SEG.ACK, SEG.SEQ = RCV.NXT.
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
    /// SEG.ACK = SND.UNA - 1: acknowledges the past.
    AckBelow,
    /// SEG.ACK = SND.UNA: acknowledges nothing new.
    AckUna,
    /// SEG.ACK = SND.UNA + 1: the least that acknowledges something.
    AckUnaPlus,
    /// SEG.ACK = SND.NXT + 1: acknowledges something not yet sent.
    AckBeyond,
    /// SEG.ACK = ISS.
    AckIss,
    /// SEG.ACK = ISS + 1: acknowledges the SYN and nothing more.
    AckIssPlus,
}

impl Position {
    /// All positions, in table order.
    pub const ALL: [Position; 11] = [
        Position::Below,
        Position::LeftEdge,
        Position::Inside,
        Position::RightEdge,
        Position::Beyond,
        Position::AckBelow,
        Position::AckUna,
        Position::AckUnaPlus,
        Position::AckBeyond,
        Position::AckIss,
        Position::AckIssPlus,
    ];

    /// Why no peer can send this probe as something distinct, if so: a
    /// segment without the ACK bit carries no SEG.ACK to misplace (§3.1).
    pub fn unproducible(self, kind: Kind) -> Option<&'static str> {
        (self.on_ack() && !kind.flags().contains(Flags::ACK))
            .then_some("without the ACK bit SEG.ACK is not significant (§3.1): no such segment")
    }

    /// Whether the position places SEG.ACK (else SEG.SEQ).
    pub fn on_ack(self) -> bool {
        self >= Position::AckBelow
    }

    /// The test of RFC 9293 this position is a boundary of.
    pub fn boundary(self) -> &'static str {
        match self {
            Position::Below | Position::LeftEdge => {
                "§3.10.7.4 first step, Table 6: RCV.NXT =< SEG.SEQ"
            }
            Position::Inside => "§3.10.7.4 first step, Table 6: inside the window",
            Position::RightEdge | Position::Beyond => {
                "§3.10.7.4 first step, Table 6: SEG.SEQ < RCV.NXT+RCV.WND"
            }
            Position::AckBelow | Position::AckUna | Position::AckUnaPlus => {
                "§3.4 acceptable ACK, §3.10.7.4 fifth step: SND.UNA < SEG.ACK"
            }
            Position::AckBeyond => "§3.4 acceptable ACK, §3.10.7.4 fifth step: SEG.ACK =< SND.NXT",
            Position::AckIss | Position::AckIssPlus => {
                "§3.10.7.3 first step: SEG.ACK =< ISS is unacceptable"
            }
        }
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
            Position::AckUna => "ACK = SND.UNA",
            Position::AckUnaPlus => "ACK = SND.UNA+1",
            Position::AckBeyond => "ACK beyond",
            Position::AckIss => "ACK = ISS",
            Position::AckIssPlus => "ACK = ISS+1",
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
        _ => left,
    };
    let ack = match position {
        Position::AckBelow => una - 1,
        Position::AckUna => una,
        Position::AckUnaPlus => una + 1,
        Position::AckBeyond => nxt + 1,
        Position::AckIss => n.iss,
        Position::AckIssPlus => n.iss + 1,
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
        payload: if kind == Kind::FinAckOverflow {
            vec![0; wnd as usize + 1]
        } else if kind.text() {
            vec![0]
        } else {
            Vec::new()
        },
    })
}
