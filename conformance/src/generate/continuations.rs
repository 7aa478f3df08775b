//! A second connection on every row of LISTEN and SYN-SENT, and the peer
//! silent on every row of a state that retransmits: after each way
//! into the state ([`all_rows`]), the handshake is completed and one octet
//! of text goes through. What a stack keeps of the way it came (its ISS,
//! its window, whether the open was passive) shows only in what it does
//! next, past the one event a matrix cell sends: a listener that a RST
//! returned to LISTEN (§3.10.7.4 second step) must open as it did the first
//! time (§3.10.7.2), and answer a RST in the new SYN-RECEIVED as a passive
//! open again.

use crate::generate::matrix::all_rows;
use crate::probe::{Kind, Position};
use crate::run::{Case, Step};
use crate::script::{send, Line};
use synack_model::State;

/// The peer's half of a handshake from `state`, then one octet, then a
/// RST at RCV.NXT in SYN-RECEIVED for a listener (back to LISTEN, the
/// passive open remembered) or time to the next timeout.
fn continuation(state: State) -> Option<Vec<Vec<Step>>> {
    let probe = |k| Step::Probe(k, Position::LeftEdge);
    match state {
        State::Listen => Some(vec![
            vec![probe(Kind::Syn), probe(Kind::Ack), probe(Kind::Data)],
            vec![probe(Kind::Syn), probe(Kind::Rst), probe(Kind::Syn)],
        ]),
        State::SynSent => Some(vec![
            vec![probe(Kind::SynAck), probe(Kind::Data), Step::Expire],
            silence(),
            // Text SENT before the handshake completes goes out after it
            // (§3.10.2: "queue the data for transmission after entering
            // ESTABLISHED").
            vec![send_three(), probe(Kind::SynAck), Step::Expire],
        ]),
        // The peer silent while the stack retransmits, until it gives up
        // (§3.8.3 R2; §3.10.8); where text is taken, more of it than the
        // window holds, with a FIN.
        State::FinWait1 => Some(vec![silence(), vec![probe(Kind::FinAckOverflow)]]),
        State::SynReceived | State::Closing | State::LastAck => Some(vec![silence()]),
        // Text sent and acknowledged in part (§3.10.7.4 fifth step: SND.UNA
        // < SEG.ACK =< SND.NXT), the rest retransmitted.
        State::Established => Some(vec![
            vec![probe(Kind::FinAckOverflow)],
            vec![
                send_three(),
                Step::Probe(Kind::Ack, Position::AckUnaPlus),
                Step::Expire,
            ],
        ]),
        State::FinWait2 => Some(vec![vec![probe(Kind::FinAckOverflow)]]),
        _ => None,
    }
}

/// SEND of three octets.
fn send_three() -> Step {
    Step::Line(Line::Call(send(3)))
}

/// Timeouts, one after another, until a retransmitting stack must have
/// given up (the model's R2 is two retransmissions).
fn silence() -> Vec<Step> {
    vec![Step::Expire; 4]
}

/// One case per row of LISTEN and SYN-SENT and continuation, a silence on
/// every row of a state that retransmits, and text beyond the window with a
/// FIN on every row of a state that takes text.
pub fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for (state, row, prefix) in all_rows() {
        let (Some(tails), Some((steps, origin))) = (continuation(*state), prefix) else {
            continue;
        };
        for tail in tails {
            let what = if tail == silence() {
                "the peer silent".to_string()
            } else {
                tail.iter()
                    .map(|s| match s {
                        Step::Probe(k, p) => format!("{k} at {p}"),
                        Step::Line(line) => line.to_string(),
                        Step::Expire => "timeout".into(),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let mut steps = steps.clone();
            steps.extend(tail);
            cases.push(Case {
                name: format!("{}{row} × {what}", state.rfc_name()),
                origin: origin.clone(),
                steps,
                transition: None,
            });
        }
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listen_and_syn_sent_row_continues() {
        let rows = |s: State| all_rows().iter().filter(|(st, ..)| *st == s).count();
        let silent = [
            State::SynReceived,
            State::FinWait1,
            State::Closing,
            State::LastAck,
        ];
        let text = [State::Established, State::FinWait1, State::FinWait2];
        assert_eq!(
            cases().len(),
            2 * rows(State::Listen)
                + 3 * rows(State::SynSent)
                + rows(State::Established)
                + silent.into_iter().map(rows).sum::<usize>()
                + text.into_iter().map(rows).sum::<usize>()
        );
    }
}
