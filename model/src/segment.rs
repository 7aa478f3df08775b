//! The TCP segment as the connection state machine sees it (RFC 9293 §3.1),
//! reduced to the fields connection management reads: control bits,
//! SEG.SEQ, SEG.ACK, SEG.WND and the text.

use crate::seq::SeqNum;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The control bits that matter to connection management (§3.1).
///
/// URG and PSH are left out: URG has no effect on state (§3.10.7.4 sixth
/// step) and "FIN implies PUSH".
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Flags(u8);

impl Flags {
    /// No control bits.
    pub const NONE: Flags = Flags(0);
    /// Synchronize sequence numbers.
    pub const SYN: Flags = Flags(1);
    /// Acknowledgment field is significant.
    pub const ACK: Flags = Flags(2);
    /// No more data from sender.
    pub const FIN: Flags = Flags(4);
    /// Reset the connection.
    pub const RST: Flags = Flags(8);

    /// Whether every bit of `other` is set in `self`.
    pub const fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    /// The raw bits (SYN=1, ACK=2, FIN=4, RST=8).
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// Flags from raw bits; bits other than the four are dropped.
    pub const fn from_bits(bits: u8) -> Flags {
        Flags(bits & 0x0f)
    }
}

impl std::ops::BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        Flags(self.0 | rhs.0)
    }
}

impl fmt::Display for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = [
            (Flags::SYN, "SYN"),
            (Flags::FIN, "FIN"),
            (Flags::RST, "RST"),
            (Flags::ACK, "ACK"),
        ];
        let mut first = true;
        for (flag, name) in names {
            if self.contains(flag) {
                if !first {
                    f.write_str(",")?;
                }
                f.write_str(name)?;
                first = false;
            }
        }
        if first {
            f.write_str("<none>")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A TCP segment: control bits, sequence and acknowledgment numbers, window
/// and text.
///
/// Build one as a struct update of a template, as tests do:
///
/// ```
/// use synack_model::{Flags, Segment, SeqNum};
/// let syn = Segment { flags: Flags::SYN, seq: SeqNum(100), ..Segment::default() };
/// assert_eq!(syn.len(), 1, "a SYN occupies one sequence number (§3.4)");
/// assert_eq!(syn.to_string(), "SYN seq=100");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Segment {
    /// Control bits.
    pub flags: Flags,
    /// SEG.SEQ: the first sequence number the segment occupies.
    pub seq: SeqNum,
    /// SEG.ACK: meaningful only with the ACK bit.
    pub ack: SeqNum,
    /// SEG.WND: the sender's receive window.
    pub wnd: u16,
    /// The segment text.
    pub payload: Vec<u8>,
}

impl Segment {
    /// Whether the segment carries all of `flags`.
    pub fn has(&self, flags: Flags) -> bool {
        self.flags.contains(flags)
    }

    /// SEG.LEN: octets of text plus one for SYN and one for FIN (§3.4).
    pub fn len(&self) -> u32 {
        self.payload.len() as u32
            + u32::from(self.has(Flags::SYN))
            + u32::from(self.has(Flags::FIN))
    }

    /// Whether the segment occupies no sequence space (a bare ACK or RST).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The sequence number just past the segment: SEG.SEQ + SEG.LEN.
    pub fn end(&self) -> SeqNum {
        self.seq + self.len()
    }
}

impl fmt::Display for Segment {
    /// The label used in charts: `SYN,ACK seq=0 ack=1`, `ACK seq=1 ack=1 len=2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} seq={}", self.flags, self.seq)?;
        if self.has(Flags::ACK) {
            write!(f, " ack={}", self.ack)?;
        }
        if !self.payload.is_empty() {
            write!(f, " len={}", self.payload.len())?;
        }
        Ok(())
    }
}

impl fmt::Debug for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syn_and_fin_consume_one_sequence_number_each_and_ack_none() {
        // O2, C1: SYN and FIN occupy sequence space, a bare ACK does not.
        let syn = Segment {
            flags: Flags::SYN,
            ..Segment::default()
        };
        let fin = Segment {
            flags: Flags::FIN | Flags::ACK,
            ..Segment::default()
        };
        let ack = Segment {
            flags: Flags::ACK,
            ..Segment::default()
        };
        let data = Segment {
            flags: Flags::ACK,
            payload: vec![1, 2],
            ..Segment::default()
        };
        assert_eq!((syn.len(), fin.len(), ack.len(), data.len()), (1, 1, 0, 2));
    }

    #[test]
    fn labels_read_like_the_rfc() {
        let synack = Segment {
            flags: Flags::SYN | Flags::ACK,
            seq: SeqNum(0),
            ack: SeqNum(1),
            ..Segment::default()
        };
        assert_eq!(synack.to_string(), "SYN,ACK seq=0 ack=1");
        let rst = Segment {
            flags: Flags::RST,
            seq: SeqNum(5),
            ..Segment::default()
        };
        assert_eq!(rst.to_string(), "RST seq=5");
    }
}
