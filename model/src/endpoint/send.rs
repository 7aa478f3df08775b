//! Forming outgoing segments: new text and FIN as the window allows
//! (§3.10.2, §3.10.4), the front of the retransmission queue (§3.10.8), and
//! control segments (ACK, RST).

use super::{Endpoint, Output};
use crate::config::Config;
use crate::seq::SeqNum;
use crate::state::State;
use crate::{Flags, Segment};

impl Endpoint {
    /// Whether sequence space we sent is unacknowledged (SND.UNA < SND.NXT).
    pub(super) fn has_unacknowledged(&self) -> bool {
        self.tcb.snd_una.lt(self.tcb.snd_nxt)
    }

    /// Sequence number of the first octet in the send buffer: just past our
    /// SYN until it is acknowledged, SND.UNA afterwards.
    fn buffer_seq(&self) -> SeqNum {
        if self.tcb.snd_una == self.tcb.iss {
            self.tcb.iss + 1
        } else {
            self.tcb.snd_una
        }
    }

    /// Sequence number just past the last queued octet; our FIN takes it.
    pub(super) fn text_end(&self) -> SeqNum {
        self.tcb
            .snd_fin
            .unwrap_or_else(|| self.buffer_seq() + self.tcb.send_buffer.len() as u32)
    }

    /// Queue our FIN after the last queued octet (CLOSE, §3.10.4).
    pub(super) fn queue_fin(&mut self) {
        self.tcb.snd_fin = Some(self.text_end());
    }

    /// Whether our FIN has been sent and acknowledged.
    pub(super) fn fin_acked(&self) -> bool {
        self.tcb.snd_fin.is_some_and(|fin| fin.lt(self.tcb.snd_una))
    }

    /// Whether our FIN has been sent.
    pub(super) fn fin_sent(&self) -> bool {
        self.tcb.snd_fin.is_some_and(|fin| fin.lt(self.tcb.snd_nxt))
    }

    /// A segment with no text: `<SEQ=seq><ACK=RCV.NXT><CTL=flags>`, the
    /// acknowledgment field filled only when `flags` has ACK.
    pub(super) fn control(&self, flags: Flags, seq: SeqNum) -> Segment {
        Segment {
            flags,
            seq,
            ack: if flags.contains(Flags::ACK) {
                self.tcb.rcv_nxt
            } else {
                SeqNum(0)
            },
            wnd: if flags.contains(Flags::RST) {
                0
            } else {
                self.tcb.rcv_wnd
            },
            payload: Vec::new(),
        }
    }

    /// `<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>`, the acknowledgment §3.10.7.4
    /// sends for unacceptable segments, challenges and new text.
    pub(super) fn ack_now(&self) -> Segment {
        self.control(Flags::ACK, self.tcb.snd_nxt)
    }

    /// The text (and FIN) from `seq` up to `limit`, at most one MSS.
    fn segment_from(&self, cfg: &Config, seq: SeqNum, limit: SeqNum) -> Segment {
        let start = self.buffer_seq();
        let text_end = self.text_end();
        let mut end = seq + u32::from(cfg.mss);
        for bound in [limit, text_end] {
            if bound.lt(end) {
                end = bound;
            }
        }
        let offset = seq.distance(start).max(0) as usize;
        let len = end.distance(seq).max(0) as usize;
        let fin = self.tcb.snd_fin.is_some() && end == text_end && text_end.lt(limit);
        Segment {
            flags: if fin {
                Flags::ACK | Flags::FIN
            } else {
                Flags::ACK
            },
            seq,
            ack: self.tcb.rcv_nxt,
            wnd: self.tcb.rcv_wnd,
            payload: self.tcb.send_buffer[offset..offset + len].to_vec(),
        }
    }

    /// The segment at the front of the retransmission queue: our SYN (with
    /// ACK once the peer's SYN is known) or the oldest unacknowledged text
    /// and FIN.
    pub(super) fn front_segment(&self, cfg: &Config) -> Segment {
        if self.tcb.snd_una == self.tcb.iss {
            let flags = if self.state == State::SynSent {
                Flags::SYN
            } else {
                Flags::SYN | Flags::ACK
            };
            return self.control(flags, self.tcb.iss);
        }
        self.segment_from(cfg, self.tcb.snd_una, self.tcb.snd_nxt)
    }

    /// Start the retransmission timer if it is not running.
    pub(super) fn arm_retransmit(&mut self, cfg: &Config) {
        if self.tcb.timers.retransmit == 0 {
            self.tcb.timers.retransmit = cfg.rto;
        }
    }

    /// Send what the send buffer and the window allow: "segmentize the
    /// buffer and send it with a piggybacked acknowledgment" (§3.10.2), then
    /// the FIN once "all preceding SENDs have been segmentized" (§3.10.4).
    /// Returns whether anything was sent.
    pub(super) fn transmit(&mut self, cfg: &Config, out: &mut Output) -> bool {
        // New text and FIN go out only once synchronized (§3.10.2: queued in
        // SYN-SENT and SYN-RECEIVED "for transmission after entering
        // ESTABLISHED").
        if !matches!(
            self.state,
            State::Established | State::CloseWait | State::FinWait1 | State::LastAck
        ) {
            return false;
        }
        let window_end = self.tcb.snd_una + u32::from(self.tcb.snd_wnd);
        let queued_end = self.text_end() + u32::from(self.tcb.snd_fin.is_some());
        let limit = if window_end.lt(queued_end) {
            window_end
        } else {
            queued_end
        };
        let mut sent = false;
        while self.tcb.snd_nxt.lt(limit) {
            let seg = self.segment_from(cfg, self.tcb.snd_nxt, limit);
            if seg.is_empty() {
                break;
            }
            self.tcb.snd_nxt = seg.end();
            out.segments.push(seg);
            sent = true;
        }
        if sent {
            self.arm_retransmit(cfg);
            // §3.10.4 CLOSE-WAIT: "send a FIN segment, enter LAST-ACK state".
            if self.state == State::CloseWait && self.fin_sent() {
                self.state = State::LastAck;
            }
        }
        sent
    }

    /// The reset §3.5.2 forms for a segment that "apparently is not intended
    /// for the current connection": `<SEQ=SEG.ACK><CTL=RST>` if it carries an
    /// ACK, else `<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>`.
    pub fn reset_for(seg: &Segment) -> Segment {
        if seg.has(Flags::ACK) {
            Segment {
                flags: Flags::RST,
                seq: seg.ack,
                ..Segment::default()
            }
        } else {
            Segment {
                flags: Flags::RST | Flags::ACK,
                seq: SeqNum(0),
                ack: seg.end(),
                ..Segment::default()
            }
        }
    }
}
