//! When the segments a stack sent are the segments the endpoint would
//! send: equal field by field, with the freedoms RFC 9293 grants every
//! stack.

use synack_model::{Flags, Segment, SeqNum};

/// Whether two segments agree. SEG.ACK is compared only with the ACK bit
/// (§3.1: otherwise the field is not significant); SEG.WND never: window
/// management is the stack's (§3.8.6). A RST may carry an ACK the endpoint
/// leaves off (§3.1: "once a connection is established, this is always
/// sent"); `rst_ack` notes that it did.
fn same(expected: &Segment, observed: &Segment, rst_ack: &mut bool) -> bool {
    let flags_agree = expected.flags == observed.flags
        || (expected.flags == Flags::RST && observed.flags == Flags::RST | Flags::ACK && {
            *rst_ack = true;
            true
        });
    flags_agree
        && expected.seq == observed.seq
        && (!expected.has(Flags::ACK) || expected.ack == observed.ack)
        && expected.payload == observed.payload
}

/// Whether the two lists agree segment by segment, in order; `rst_ack`
/// notes a RST that carried an ACK.
fn same_segments(expected: &[Segment], observed: &[Segment], rst_ack: &mut bool) -> bool {
    expected.len() == observed.len()
        && expected
            .iter()
            .zip(observed)
            .all(|(e, o)| same(e, o, rst_ack))
}

/// Whether what the stack sent is what the endpoint sends, up to the
/// freedoms every stack has: `None` if not, else the freedoms taken (none
/// for a window, which differs almost always).
pub fn explains(expected: &[Segment], observed: &[Segment]) -> Option<Vec<&'static str>> {
    let mut rst_ack = false;
    let mut freedoms = Vec::new();
    if !same_segments(expected, observed, &mut rst_ack) {
        rst_ack = false;
        if !same_up_to_acks(expected, observed, &mut rst_ack) {
            return None;
        }
        freedoms.push("acknowledgments carried differently (§3.8.6.3, MUST-58)");
    }
    if rst_ack {
        freedoms.push("a RST that carries an ACK (§3.1)");
    }
    Some(freedoms)
}
/// A segment that only acknowledges: ACK, no text, no SYN, FIN or RST.
fn pure_ack(s: &Segment) -> bool {
    s.flags == Flags::ACK && s.payload.is_empty()
}

/// The highest SEG.ACK sent (modulo 2³², §3.4), if any segment carries one.
fn highest_ack(segments: &[Segment]) -> Option<SeqNum> {
    segments
        .iter()
        .filter(|s| s.has(Flags::ACK))
        .map(|s| s.ack)
        .reduce(SeqNum::max)
}

/// Whether the lists agree once acknowledgments may travel differently:
/// the same segments apart from pure ACKs, and the same highest SEG.ACK
/// (§3.8.6.3: a receiver may aggregate ACKs; MUST-58).
fn same_up_to_acks(expected: &[Segment], observed: &[Segment], rst_ack: &mut bool) -> bool {
    let keep =
        |v: &[Segment]| -> Vec<Segment> { v.iter().filter(|s| !pure_ack(s)).cloned().collect() };
    same_segments(&keep(expected), &keep(observed), rst_ack)
        && highest_ack(expected) == highest_ack(observed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(flags: Flags, seq: u32, ack: u32, wnd: u16) -> Segment {
        Segment {
            flags,
            seq: SeqNum(seq),
            ack: SeqNum(ack),
            wnd,
            payload: Vec::new(),
        }
    }

    #[test]
    fn ack_field_counts_only_with_the_ack_bit() {
        let a = seg(Flags::RST, 5, 1, 0);
        let b = seg(Flags::RST, 5, 9, 0);
        assert_eq!(explains(std::slice::from_ref(&a), &[b]), Some(vec![]));
        let c = seg(Flags::RST, 6, 1, 0);
        assert_eq!(explains(&[a], &[c]), None);
    }

    #[test]
    fn windows_are_the_stacks() {
        let a = seg(Flags::ACK, 1, 1, 4);
        let b = seg(Flags::ACK, 1, 1, 64);
        assert_eq!(explains(&[a], &[b]), Some(vec![]));
    }

    #[test]
    fn a_rst_may_carry_an_ack_but_not_move() {
        let rst = seg(Flags::RST, 7, 0, 0);
        let rst_ack = seg(Flags::RST | Flags::ACK, 7, 3, 0);
        assert_eq!(
            explains(std::slice::from_ref(&rst), std::slice::from_ref(&rst_ack)),
            Some(vec!["a RST that carries an ACK (§3.1)"])
        );
        // The reverse is no freedom: a RST,ACK the RFC asks for (§3.10.7.1)
        // sent without its ACK is a deviation.
        assert_eq!(explains(&[rst_ack], std::slice::from_ref(&rst)), None);
        assert_eq!(explains(&[rst], &[seg(Flags::RST, 8, 0, 0)]), None);
    }

    #[test]
    fn a_piggybacked_ack_may_go_alone_but_not_vanish() {
        let fin = seg(Flags::FIN | Flags::ACK, 1, 2, 4);
        let ack = seg(Flags::ACK, 1, 2, 4);
        // The endpoint piggybacks; a stack that also sends a bare ACK first
        // acknowledges nothing more.
        assert!(explains(std::slice::from_ref(&fin), &[ack.clone(), fin.clone()]).is_some());
        // A missing acknowledgment is not a different way of carrying it.
        assert_eq!(explains(&[ack], &[]), None);
        assert_eq!(
            explains(&[fin], &[seg(Flags::FIN | Flags::ACK, 1, 1, 4)]),
            None
        );
    }
}
