//! Which part of RFC 9293 §3.10 an event falls under: the citation a
//! deviation carries. A citation only; the rule itself lives in the
//! endpoint.

use super::Event;
use crate::stack::Call;
use synack_model::{Flags, State};

/// The section (and for an arriving segment, the steps) of RFC 9293 that
/// decide what a stack in `state` does on `event`.
pub fn cite(state: State, event: &Event) -> String {
    match event {
        Event::Call(Call::Listen | Call::Connect) => "RFC 9293 §3.10.1 OPEN".into(),
        Event::Call(Call::Send(_)) => "RFC 9293 §3.10.2 SEND".into(),
        Event::Call(Call::Close) => "RFC 9293 §3.10.4 CLOSE".into(),
        Event::Call(Call::Abort) => "RFC 9293 §3.10.5 ABORT".into(),
        Event::Call(Call::KeepAlive(_)) => "RFC 9293 §3.8.4 keep-alive (MUST-24)".into(),
        Event::Wait(_) if state == State::TimeWait => {
            "RFC 9293 §3.10.8 TIME-WAIT timeout (MUST-13)".into()
        }
        Event::Wait(_) => "RFC 9293 §3.10.8 retransmission timeout (§3.8.1, §3.8.3)".into(),
        Event::Segment(seg) => {
            let section = match state {
                State::Closed => "§3.10.7.1 SEGMENT ARRIVES, CLOSED".to_string(),
                State::Listen => "§3.10.7.2 SEGMENT ARRIVES, LISTEN".to_string(),
                State::SynSent => "§3.10.7.3 SEGMENT ARRIVES, SYN-SENT".to_string(),
                s => format!(
                    "§3.10.7.4 SEGMENT ARRIVES, {}, {}",
                    s.rfc_name(),
                    steps(seg)
                ),
            };
            format!("RFC 9293 {section}")
        }
    }
}

/// The steps of §3.10.7.4 a segment of this kind goes through.
fn steps(seg: &synack_model::Segment) -> &'static str {
    if seg.has(Flags::RST) {
        "first (sequence number) and second (RST bit) steps"
    } else if seg.has(Flags::SYN) {
        "first (sequence number) and fourth (SYN bit) steps"
    } else if seg.has(Flags::FIN) {
        "first (sequence number), fifth (ACK field) and eighth (FIN bit) steps"
    } else if !seg.payload.is_empty() {
        "first (sequence number), fifth (ACK field) and seventh (text) steps"
    } else {
        "first (sequence number) and fifth (ACK field) steps"
    }
}
