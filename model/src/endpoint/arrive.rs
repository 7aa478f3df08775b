//! SEGMENT ARRIVES (§3.10.7), state by state, step by step in the RFC's order.

use super::{Endpoint, Event, Output};
use crate::config::Config;
use crate::rule::Rule;
use crate::seq::SeqNum;
use crate::state::State;
use crate::{Flags, Segment};

impl Endpoint {
    /// A segment arrives for this connection (§3.10.7).
    pub fn segment_arrives(&mut self, cfg: &Config, seg: &Segment, out: &mut Output) {
        match self.state {
            State::Closed => self.arrive_closed(seg, out),
            State::Listen => self.arrive_listen(cfg, seg, out),
            State::SynSent => self.arrive_syn_sent(cfg, seg, out),
            _ => self.arrive_other(cfg, seg, out),
        }
    }

    /// §3.10.7.1: "An incoming segment not containing a RST causes a RST to
    /// be sent in response"; a RST is discarded.
    fn arrive_closed(&mut self, seg: &Segment, out: &mut Output) {
        if !seg.has(Flags::RST) {
            out.rules.push(Rule::ClosedReset);
            out.segments.push(Endpoint::reset_for(seg));
        } else {
            out.rules.push(Rule::ClosedDropsRst);
        }
    }

    /// §3.10.7.2 LISTEN.
    fn arrive_listen(&mut self, cfg: &Config, seg: &Segment, out: &mut Output) {
        // First: "An incoming RST should be ignored."
        if seg.has(Flags::RST) {
            out.rules.push(Rule::ListenIgnoresRst);
            return;
        }
        // Second: "Any acknowledgment is bad if it arrives on a connection
        // still in the LISTEN state": <SEQ=SEG.ACK><CTL=RST>.
        if seg.has(Flags::ACK) {
            out.rules.push(Rule::ListenAckReset);
            out.segments.push(Endpoint::reset_for(seg));
            return;
        }
        // Third: SYN. "Set RCV.NXT to SEG.SEQ+1, IRS is set to SEG.SEQ, and
        // any other control or text should be queued for processing later
        // ... <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> ... SND.NXT is set to
        // ISS+1 and SND.UNA to ISS. The connection state should be changed
        // to SYN-RECEIVED."
        if seg.has(Flags::SYN) {
            out.rules.push(Rule::ListenSyn);
            let iss = self.tcb.iss;
            self.tcb.irs = seg.seq;
            self.tcb.rcv_nxt = seg.seq + 1;
            self.queue_syn_rest(cfg, seg, out);
            self.tcb.snd_una = iss;
            self.tcb.snd_nxt = iss + 1;
            self.learn_window(seg);
            self.state = State::SynReceived;
            out.segments
                .push(self.control(Flags::SYN | Flags::ACK, iss));
            if cfg.broken.two_way_handshake {
                // Variant: no third segment. Our SYN counts as acknowledged
                // the moment it leaves, and we are open.
                self.tcb.snd_una = iss + 1;
                self.state = State::Established;
                self.keepalive_heard(cfg);
                return;
            }
            self.arm_retransmit(cfg);
            return;
        }
        // Fourth: "Drop the segment and return."
        out.rules.push(Rule::ListenDrops);
    }

    /// §3.10.7.3 SYN-SENT.
    fn arrive_syn_sent(&mut self, cfg: &Config, seg: &Segment, out: &mut Output) {
        // First, check the ACK bit: "If SEG.ACK =< ISS or SEG.ACK > SND.NXT,
        // send a reset (unless the RST bit is set, if so drop the segment and
        // return) <SEQ=SEG.ACK><CTL=RST>" (O7: the RST to an old SYN,ACK).
        if seg.has(Flags::ACK) && (seg.ack.le(self.tcb.iss) || seg.ack.gt(self.tcb.snd_nxt)) {
            out.rules.push(Rule::SynSentBadAck);
            if !seg.has(Flags::RST) && !cfg.broken.ignore_stale_ack {
                out.segments.push(Endpoint::reset_for(seg));
            }
            return;
        }
        // Second, check the RST bit: "If the ACK was acceptable, then signal
        // to the user 'error: connection reset' ... enter CLOSED state".
        if seg.has(Flags::RST) {
            out.rules.push(Rule::SynSentReset);
            if seg.has(Flags::ACK) {
                out.events.push(Event::Reset);
                self.delete_tcb();
            }
            return;
        }
        // Fifth: "if neither of the SYN or RST bits is set, then drop".
        if !seg.has(Flags::SYN) {
            out.rules.push(Rule::SynSentDrops);
            return;
        }
        // Fourth, check the SYN bit.
        self.tcb.irs = seg.seq;
        self.tcb.rcv_nxt = seg.seq + 1;
        self.learn_window(seg);
        if seg.has(Flags::ACK) {
            self.acknowledged(cfg, seg.ack);
        }
        if self.tcb.snd_una.gt(self.tcb.iss) {
            // "If SND.UNA > ISS (our SYN has been ACKed), change the connection
            // state to ESTABLISHED, form an ACK segment ... and send it. Data
            // or controls that were queued for transmission MAY be included."
            // (O1: the third segment, which may carry data: O3.)
            out.rules.push(Rule::SynSentEstablished);
            self.state = State::Established;
            self.keepalive_heard(cfg);
            // "If there are other controls or text in the segment, then
            // continue processing at the sixth step under Section 3.10.7.4."
            let mut rest = seg.clone();
            rest.flags = Flags::from_bits(seg.flags.bits() & !Flags::SYN.bits());
            rest.seq = seg.seq + 1;
            let mut need_ack = true;
            self.text_and_fin(cfg, &rest, &mut need_ack, out);
            self.finish(cfg, need_ack, out);
        } else {
            // "Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment
            // <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and send it." (O9:
            // simultaneous open.)
            out.rules.push(Rule::SynSentSimultaneous);
            self.state = State::SynReceived;
            // "If there are other controls or text in the segment, queue
            // them for processing after the ESTABLISHED state has been
            // reached, return."
            self.queue_syn_rest(cfg, seg, out);
            out.segments
                .push(self.control(Flags::SYN | Flags::ACK, self.tcb.iss));
        }
    }

    /// §3.10.7.4: SYN-RECEIVED and the synchronized states.
    fn arrive_other(&mut self, cfg: &Config, seg: &Segment, out: &mut Output) {
        if self.state == State::TimeWait && cfg.time_wait_reopen && self.is_new_incarnation(seg) {
            self.reopen(cfg, seg, out);
            return;
        }
        // First, check sequence number.
        if !self.acceptable(seg) {
            if self.state == State::TimeWait && self.is_fin_retransmission(seg) {
                // TIME-WAIT, fifth step: "The only thing that can arrive in
                // this state is a retransmission of the remote FIN.
                // Acknowledge it, and restart the 2 MSL timeout." The
                // retransmitted FIN lies below RCV.NXT, so this is where it
                // arrives (C7a).
                out.rules.push(Rule::TimeWaitFinAgain);
                out.rules.push(Rule::TimeWaitLingers);
                out.segments.push(self.ack_now());
                self.tcb.timers.time_wait = cfg.time_wait;
                return;
            }
            // "If an incoming segment is not acceptable, an acknowledgment
            // should be sent in reply (unless the RST bit is set, if so drop
            // the segment and return)."
            out.rules.push(Rule::Unacceptable);
            if !seg.has(Flags::RST) {
                out.segments.push(self.ack_now());
            }
            return;
        }

        // Second, check the RST bit.
        if seg.has(Flags::RST) {
            // RFC 5961 §3: an in-window RST that is not exactly at RCV.NXT
            // gets a challenge ACK.
            if cfg.rfc5961 && seg.seq != self.tcb.rcv_nxt {
                out.rules.push(Rule::RstChallenge);
                out.segments.push(self.ack_now());
                return;
            }
            out.rules.push(match self.state {
                State::SynReceived if self.tcb.reopened => Rule::TimeWaitReopen,
                State::SynReceived if self.tcb.passive => Rule::RstToListen,
                State::SynReceived => Rule::RstRefused,
                State::TimeWait if cfg.rfc1337 => Rule::RstTimeWaitIgnored,
                _ if seg.seq != self.tcb.rcv_nxt => Rule::RstInWindow,
                State::Established | State::FinWait1 | State::FinWait2 | State::CloseWait => {
                    Rule::RstResets
                }
                _ => Rule::RstCloses,
            });
            match self.state {
                // MAY-2 (2): the SYN that reopened TIME-WAIT was an old
                // duplicate after all: "returns to TIME-WAIT state".
                State::SynReceived if self.tcb.reopened => self.enter_time_wait(cfg, out),
                // "If this connection was initiated with a passive OPEN ...
                // return this connection to LISTEN state" (O7); active:
                // "signal the user 'connection refused'".
                State::SynReceived if self.tcb.passive => self.back_to_listen(),
                State::SynReceived => {
                    out.events.push(Event::Refused);
                    self.delete_tcb();
                }
                State::Established | State::FinWait1 | State::FinWait2 | State::CloseWait => {
                    out.events.push(Event::Reset);
                    self.delete_tcb();
                }
                // RFC 1337: a RST must not assassinate TIME-WAIT.
                State::TimeWait if cfg.rfc1337 => {}
                // CLOSING, LAST-ACK, TIME-WAIT: "enter the CLOSED state".
                _ => self.delete_tcb(),
            }
            return;
        }

        // Third, security: not modelled (no compartments).
        self.keepalive_heard(cfg);
        let seg = &self.trim(seg);

        // Fourth, check the SYN bit (only a SYN inside the window is left).
        if seg.has(Flags::SYN) {
            if self.state == State::SynReceived && self.tcb.passive {
                // "If the connection was initiated with a passive OPEN, then
                // return this connection to the LISTEN state and return."
                out.rules.push(Rule::SynToListen);
                self.back_to_listen();
            } else if cfg.rfc5961_syn {
                // "TCP endpoints MUST send a 'challenge ACK'" (RFC 5961 §4).
                out.rules.push(Rule::SynChallenge);
                out.segments.push(self.ack_now());
            } else {
                out.rules.push(Rule::SynResets);
                // RFC 793: "If the SYN is in the window it is an error: send a
                // reset ... enter the CLOSED state".
                out.segments.push(Endpoint::reset_for(seg));
                out.events.push(Event::Reset);
                self.delete_tcb();
            }
            return;
        }

        // Fifth, check the ACK field: "if the ACK bit is off, drop the segment".
        if !seg.has(Flags::ACK) {
            out.rules.push(Rule::NoAckDrops);
            return;
        }
        let ack = seg.ack;
        if cfg.rfc5961_ack {
            // RFC 5961 §5: (SND.UNA - MAX.SND.WND) =< SEG.ACK =< SND.NXT, else
            // "discarded and an ACK sent back".
            let low = self.tcb.snd_una - u32::from(self.tcb.max_snd_wnd);
            if !(low.le(ack) && ack.le(self.tcb.snd_nxt)) {
                out.rules.push(Rule::AckChallenge);
                out.segments.push(self.ack_now());
                return;
            }
        }
        if self.state == State::SynReceived {
            if self.tcb.snd_una.lt(ack) && ack.le(self.tcb.snd_nxt) {
                // "enter ESTABLISHED state and continue processing"; a CLOSE
                // queued in SYN-RECEIVED now takes effect (§3.10.4).
                out.rules.push(Rule::SynReceivedEstablished);
                self.state = if self.tcb.snd_fin.is_some() {
                    State::FinWait1
                } else {
                    State::Established
                };
                self.update_window(seg, true);
                self.keepalive_heard(cfg);
            } else {
                // "If the segment acknowledgment is not acceptable, form a
                // reset segment <SEQ=SEG.ACK><CTL=RST> and send it." The
                // connection stays as it was (§3.5.2 group 2), so processing
                // stops here.
                out.rules.push(Rule::SynReceivedBadAck);
                out.segments.push(Endpoint::reset_for(seg));
                return;
            }
        }
        // ESTABLISHED processing, shared by the synchronized states.
        if ack.gt(self.tcb.snd_nxt) {
            // "If the ACK acks something not yet sent (SEG.ACK > SND.NXT),
            // then send an ACK, drop the segment, and return."
            out.rules.push(Rule::AckBeyond);
            out.segments.push(self.ack_now());
            return;
        }
        if self.tcb.snd_una.lt(ack) {
            out.rules.push(Rule::AckAdvances);
            self.acknowledged(cfg, ack);
        } else {
            out.rules.push(Rule::AckDuplicate);
        }
        if self.tcb.snd_una.le(ack) {
            self.update_window(seg, false);
        }
        match self.state {
            // "if the FIN segment is now acknowledged, then enter FIN-WAIT-2"
            // (C3).
            State::FinWait1 if self.fin_acked() => {
                out.rules.push(Rule::FinWait1Acked);
                self.state = State::FinWait2;
                // Idle from here until the peer's FIN: keep-alive's (§3.8.4).
                self.keepalive_heard(cfg);
            }
            // "if the ACK acknowledges our FIN, then enter the TIME-WAIT
            // state; otherwise, ignore the segment." (C8)
            State::Closing => {
                out.rules.push(Rule::ClosingAcked);
                if self.fin_acked() {
                    self.enter_time_wait(cfg, out);
                    self.finish(cfg, false, out);
                }
                return;
            }
            // "If our FIN is now acknowledged, delete the TCB, enter the
            // CLOSED state, and return." (C5: the passive closer closes first.)
            State::LastAck => {
                out.rules.push(Rule::LastAckAcked);
                if self.fin_acked() {
                    self.delete_tcb();
                }
                return;
            }
            _ => {}
        }

        let mut need_ack = false;
        // Text and FIN that came on the SYN, now that ESTABLISHED is
        // reached (§3.10.7.3 fourth step), before this segment's own.
        if let Some(rest) = self.tcb.syn_rest.take() {
            out.rules.push(Rule::SynTextQueued);
            let held = Segment {
                flags: if rest.fin {
                    Flags::ACK | Flags::FIN
                } else {
                    Flags::ACK
                },
                seq: self.tcb.rcv_nxt,
                ack: seg.ack,
                wnd: seg.wnd,
                payload: rest.text.to_vec(),
            };
            self.text_and_fin(cfg, &held, &mut need_ack, out);
        }
        self.text_and_fin(cfg, seg, &mut need_ack, out);
        self.finish(cfg, need_ack, out);
    }

    /// Hold the text and FIN a SYN carries for ESTABLISHED, unless `cfg`
    /// drops them (then they stay unacknowledged and the peer sends them
    /// again).
    fn queue_syn_rest(&mut self, cfg: &Config, seg: &Segment, out: &mut Output) {
        if cfg.syn_text_queued && (seg.has(Flags::FIN) || !seg.payload.is_empty()) {
            out.rules.push(Rule::SynTextQueued);
            self.tcb.syn_rest = Some(Box::new(super::SynRest {
                text: super::SendBuffer(seg.payload.iter().copied().collect()),
                fin: seg.has(Flags::FIN),
            }));
        }
    }

    /// Whether `seg` is a SYN that may open a new incarnation of this
    /// connection in TIME-WAIT: a SYN alone, above RCV.NXT (what Linux and
    /// BSD check; a SYN at or below it is an old duplicate).
    fn is_new_incarnation(&self, seg: &Segment) -> bool {
        seg.has(Flags::SYN) && !seg.has(Flags::ACK | Flags::RST) && seg.seq.gt(self.tcb.rcv_nxt)
    }

    /// §3.6.1 (MAY-2): "it MAY accept a new SYN from the remote TCP
    /// endpoint to reopen the connection directly from TIME-WAIT state,
    /// if it: (1) assigns its initial sequence number for the new
    /// connection to be larger than the largest sequence number it used
    /// on the previous connection incarnation, and (2) returns to
    /// TIME-WAIT state if the SYN turns out to be an old duplicate." The
    /// new connection answers as LISTEN does (§3.10.7.2 third step).
    fn reopen(&mut self, cfg: &Config, seg: &Segment, out: &mut Output) {
        out.rules.push(Rule::TimeWaitReopen);
        let iss = self.tcb.reopen_iss.unwrap_or(self.tcb.snd_nxt + 1);
        self.tcb = super::Tcb {
            iss,
            rcv_wnd: self.tcb.rcv_wnd,
            reopened: true,
            ..super::Tcb::default()
        };
        self.state = State::Listen;
        self.arrive_listen(cfg, seg, out);
    }

    /// §3.10.7.4 seventh (text) and eighth (FIN) steps on a segment trimmed
    /// to begin at or after RCV.NXT.
    fn text_and_fin(&mut self, cfg: &Config, seg: &Segment, need_ack: &mut bool, out: &mut Output) {
        if seg.seq != self.tcb.rcv_nxt {
            // In the window but not at its left edge. Such segments "SHOULD be
            // held for later processing" (SHLD-31); this endpoint does not
            // hold them (the sender retransmits) but acknowledges RCV.NXT at
            // once (MAY-13), so neither its text nor its FIN is taken.
            if !seg.is_empty() {
                out.rules.push(Rule::OutOfOrder);
                *need_ack = true;
            }
            return;
        }
        // Seventh, process the segment text.
        if !seg.payload.is_empty() {
            if matches!(
                self.state,
                State::Established | State::FinWait1 | State::FinWait2
            ) {
                out.rules.push(Rule::Text);
                let room = usize::from(self.tcb.rcv_wnd);
                let take = seg.payload.len().min(room);
                out.delivered.extend_from_slice(&seg.payload[..take]);
                self.tcb.rcv_nxt = self.tcb.rcv_nxt + take as u32;
                *need_ack = true;
                if take < seg.payload.len() {
                    return; // the FIN, if any, lies beyond what was taken
                }
            } else {
                // CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: "This should not
                // occur since a FIN has been received from the remote side.
                // Ignore the segment text."
                out.rules.push(Rule::TextAfterFin);
                return;
            }
        }
        // Eighth, check the FIN bit.
        if seg.has(Flags::FIN) {
            // "signal the user 'connection closing' ... advance RCV.NXT over
            // the FIN, and send an acknowledgment for the FIN."
            out.rules.push(Rule::Fin);
            out.events.push(Event::Closing);
            self.tcb.rcv_nxt = self.tcb.rcv_nxt + 1;
            *need_ack = true;
            match self.state {
                // "Enter the CLOSE-WAIT state." (C2)
                State::SynReceived | State::Established => {
                    self.state = State::CloseWait;
                    self.keepalive_heard(cfg);
                    if cfg.broken.combined_fin {
                        // Variant: close at once, the FIN riding on the ACK
                        // of the peer's FIN; unsent text is dropped.
                        let len = self.tcb.send_buffer.len();
                        let unsent = self.text_end().distance(self.tcb.snd_nxt).max(0) as usize;
                        self.tcb.send_buffer.truncate(len - unsent.min(len));
                        self.queue_fin();
                    }
                }
                // "If our FIN has been ACKed (perhaps in this segment), then
                // enter TIME-WAIT ... otherwise, enter the CLOSING state."
                // (C10, C8)
                State::FinWait1 => {
                    if self.fin_acked() {
                        self.enter_time_wait(cfg, out);
                    } else {
                        self.state = State::Closing;
                    }
                }
                // "Enter the TIME-WAIT state." (C5)
                State::FinWait2 => self.enter_time_wait(cfg, out),
                // "Remain in the TIME-WAIT state. Restart the 2 MSL time-wait
                // timeout."
                State::TimeWait => self.tcb.timers.time_wait = cfg.time_wait,
                _ => {}
            }
        }
    }

    /// Send what became sendable, and the acknowledgment owed if nothing else
    /// carried it (MUST-58: aggregate ACKs). A TIME-WAIT of zero length ends
    /// here, after its ACK left.
    fn finish(&mut self, cfg: &Config, need_ack: bool, out: &mut Output) {
        let sent = self.transmit(cfg, out);
        if need_ack && !sent {
            out.segments.push(self.ack_now());
        }
        if self.state == State::TimeWait && cfg.time_wait == 0 {
            self.delete_tcb();
        }
    }

    /// "enter TIME-WAIT, start the time-wait timer, turn off the other timers".
    fn enter_time_wait(&mut self, cfg: &Config, out: &mut Output) {
        out.rules.push(Rule::TimeWaitLingers);
        self.state = State::TimeWait;
        self.tcb.timers.retransmit = 0;
        self.tcb.timers.keepalive = 0;
        self.tcb.timers.time_wait = cfg.time_wait;
    }

    /// The acceptability test of Table 6 (§3.10.7.4 first step).
    fn acceptable(&self, seg: &Segment) -> bool {
        let (nxt, wnd) = (self.tcb.rcv_nxt, u32::from(self.tcb.rcv_wnd));
        let right = nxt + wnd;
        match (seg.len(), wnd) {
            (0, 0) => seg.seq == nxt,
            (0, _) => seg.seq.in_window(nxt, right),
            (_, 0) => false,
            (len, _) => {
                seg.seq.in_window(nxt, right) || (seg.seq + (len - 1)).in_window(nxt, right)
            }
        }
    }

    /// Whether `seg` is the peer's FIN again: its FIN sits just below RCV.NXT.
    fn is_fin_retransmission(&self, seg: &Segment) -> bool {
        seg.has(Flags::FIN) && !seg.has(Flags::RST) && seg.end() == self.tcb.rcv_nxt
    }

    /// "If a segment's contents straddle the boundary between old and new,
    /// only the new parts are processed": drop the SYN and text below
    /// RCV.NXT.
    fn trim(&self, seg: &Segment) -> Segment {
        let mut seg = seg.clone();
        let mut old = self.tcb.rcv_nxt.distance(seg.seq);
        if old > 0 && seg.has(Flags::SYN) {
            seg.flags = Flags::from_bits(seg.flags.bits() & !Flags::SYN.bits());
            seg.seq = seg.seq + 1;
            old -= 1;
        }
        if old > 0 {
            let cut = (old as usize).min(seg.payload.len());
            seg.payload.drain(..cut);
            seg.seq = seg.seq + cut as u32;
        }
        seg
    }

    /// SND.UNA advances to `ack`: drop acknowledged text from the buffer and
    /// restart or stop the retransmission timer.
    fn acknowledged(&mut self, cfg: &Config, ack: SeqNum) {
        let start = if self.tcb.snd_una == self.tcb.iss {
            self.tcb.iss + 1
        } else {
            self.tcb.snd_una
        };
        let acked_text = ack
            .distance(start)
            .clamp(0, self.tcb.send_buffer.len() as i32);
        self.tcb.send_buffer.drain(..acked_text as usize);
        self.tcb.snd_una = ack;
        self.tcb.retries = 0;
        self.tcb.timers.retransmit = if self.has_unacknowledged() {
            cfg.rto
        } else {
            0
        };
    }

    /// The window of a SYN (no update test: it is the first).
    fn learn_window(&mut self, seg: &Segment) {
        self.tcb.snd_wnd = seg.wnd;
        self.tcb.max_snd_wnd = self.tcb.max_snd_wnd.max(seg.wnd);
        self.tcb.snd_wl1 = seg.seq;
        self.tcb.snd_wl2 = seg.ack;
    }

    /// "If (SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK)),
    /// set SND.WND <- SEG.WND, set SND.WL1 <- SEG.SEQ, and set SND.WL2 <-
    /// SEG.ACK." In SYN-RECEIVED the update is unconditional.
    fn update_window(&mut self, seg: &Segment, force: bool) {
        let t = &self.tcb;
        if force || t.snd_wl1.lt(seg.seq) || (t.snd_wl1 == seg.seq && t.snd_wl2.le(seg.ack)) {
            self.learn_window(seg);
        }
    }
}
