//! When the segments a stack sent are the segments the endpoint would
//! send: equal field by field, with the freedoms a profile grants.

use synack_model::{Flags, Segment, SeqNum};

/// Whether two segments agree. SEG.ACK is compared only with the ACK bit
/// (§3.1: otherwise the field is not significant), SEG.WND never on a RST
/// (§3.10.7 gives a reset no window) nor when the profile leaves windows to
/// the stack.
fn same(expected: &Segment, observed: &Segment, any_window: bool) -> bool {
    expected.flags == observed.flags
        && expected.seq == observed.seq
        && (!expected.has(Flags::ACK) || expected.ack == observed.ack)
        && expected.payload == observed.payload
        && (any_window || expected.has(Flags::RST) || expected.wnd == observed.wnd)
}

/// Whether the two lists agree segment by segment, in order.
pub fn same_segments(expected: &[Segment], observed: &[Segment], any_window: bool) -> bool {
    expected.len() == observed.len()
        && expected
            .iter()
            .zip(observed)
            .all(|(e, o)| same(e, o, any_window))
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
pub fn same_up_to_acks(expected: &[Segment], observed: &[Segment], any_window: bool) -> bool {
    let keep =
        |v: &[Segment]| -> Vec<Segment> { v.iter().filter(|s| !pure_ack(s)).cloned().collect() };
    same_segments(&keep(expected), &keep(observed), any_window)
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
        assert!(same_segments(std::slice::from_ref(&a), &[b], false));
        let c = seg(Flags::RST, 6, 1, 0);
        assert!(!same_segments(&[a], &[c], false));
    }

    #[test]
    fn windows_differ_only_if_allowed() {
        let a = seg(Flags::ACK, 1, 1, 4);
        let b = seg(Flags::ACK, 1, 1, 64);
        assert!(!same_segments(
            std::slice::from_ref(&a),
            std::slice::from_ref(&b),
            false
        ));
        assert!(same_segments(&[a], &[b], true));
    }

    #[test]
    fn a_piggybacked_ack_may_go_alone_but_not_vanish() {
        let fin = seg(Flags::FIN | Flags::ACK, 1, 2, 4);
        let ack = seg(Flags::ACK, 1, 2, 4);
        // The endpoint piggybacks; a stack that also sends a bare ACK first
        // acknowledges nothing more.
        assert!(same_up_to_acks(
            std::slice::from_ref(&fin),
            &[ack.clone(), fin.clone()],
            false
        ));
        // A missing acknowledgment is not a different way of carrying it.
        assert!(!same_up_to_acks(&[ack], &[], false));
        assert!(!same_up_to_acks(
            &[fin],
            &[seg(Flags::FIN | Flags::ACK, 1, 1, 4)],
            false
        ));
    }
}
