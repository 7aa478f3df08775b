//! The user calls OPEN, SEND, CLOSE and ABORT (§3.10.1, §3.10.2, §3.10.4,
//! §3.10.5). RECEIVE (§3.10.3) is implicit: text is delivered in
//! [`Output::delivered`] as soon as it is in order.

use super::{Endpoint, Open, Output, Tcb, UserError};
use crate::config::Config;
use crate::rule::Rule;
use crate::state::State;
use crate::Flags;

impl Endpoint {
    /// OPEN (§3.10.1).
    pub fn open(&mut self, cfg: &Config, how: Open, out: &mut Output) -> Result<(), UserError> {
        match (self.state, how) {
            // "If passive, enter the LISTEN state and return."
            (State::Closed, Open::Passive { iss }) => {
                self.tcb = Tcb {
                    iss,
                    passive: true,
                    rcv_wnd: cfg.rcv_wnd,
                    ..Tcb::default()
                };
                self.state = State::Listen;
                out.rules.push(Rule::OpenPassive);
                Ok(())
            }
            // "A SYN segment of the form <SEQ=ISS><CTL=SYN> is sent. Set
            // SND.UNA to ISS, SND.NXT to ISS+1, enter SYN-SENT state."
            // LISTEN: "change the connection from passive to active".
            (State::Closed | State::Listen, Open::Active { iss }) => {
                out.rules.push(if self.state == State::Listen {
                    Rule::OpenListenActive
                } else {
                    Rule::OpenActive
                });
                self.tcb = Tcb {
                    iss,
                    snd_una: iss,
                    snd_nxt: iss + 1,
                    rcv_wnd: cfg.rcv_wnd,
                    ..Tcb::default()
                };
                self.state = State::SynSent;
                out.segments.push(self.control(Flags::SYN, iss));
                self.arm_retransmit(cfg);
                Ok(())
            }
            // "Return 'error: connection already exists'."
            _ => {
                self.refused(Rule::OpenExists, out);
                Err(UserError::ConnectionAlreadyExists)
            }
        }
    }

    /// SEND (§3.10.2): queue `data` and send what the window allows.
    pub fn send(&mut self, cfg: &Config, data: &[u8], out: &mut Output) -> Result<(), UserError> {
        match self.state {
            State::Closed => {
                self.refused(Rule::SendRefused, out);
                Err(UserError::ConnectionDoesNotExist)
            }
            // Our passive connections have no remote socket to turn active with.
            State::Listen => {
                self.refused(Rule::SendRefused, out);
                Err(UserError::RemoteSocketUnspecified)
            }
            // "Queue the data for transmission after entering ESTABLISHED."
            State::SynSent | State::SynReceived => {
                self.queue(data, out)?;
                out.rules.push(Rule::SendQueued);
                Ok(())
            }
            // "Segmentize the buffer and send it with a piggybacked acknowledgment."
            State::Established | State::CloseWait => {
                self.queue(data, out)?;
                out.rules.push(Rule::SendSegmentize);
                self.transmit(cfg, out);
                Ok(())
            }
            // "Return 'error: connection closing' and do not service request."
            State::FinWait1
            | State::FinWait2
            | State::Closing
            | State::LastAck
            | State::TimeWait => {
                self.refused(Rule::SendClosing, out);
                Err(UserError::ConnectionClosing)
            }
        }
    }

    fn queue(&mut self, data: &[u8], out: &mut Output) -> Result<(), UserError> {
        if self.tcb.snd_fin.is_some() {
            // A CLOSE is queued (SYN-RECEIVED, or CLOSE-WAIT waiting for the
            // window): no text may follow the FIN.
            self.refused(Rule::SendClosing, out);
            return Err(UserError::ConnectionClosing);
        }
        self.tcb.send_buffer.extend_from_slice(data);
        Ok(())
    }

    /// CLOSE (§3.10.4): "I have no more data to send."
    pub fn close(&mut self, cfg: &Config, out: &mut Output) -> Result<(), UserError> {
        match self.state {
            State::Closed => {
                self.refused(Rule::CloseRefused, out);
                Err(UserError::ConnectionDoesNotExist)
            }
            // LISTEN: "Delete TCB, enter CLOSED state"; SYN-SENT: "Delete the TCB".
            State::Listen | State::SynSent => {
                out.rules.push(Rule::CloseDeletes);
                self.delete_tcb();
                Ok(())
            }
            State::SynReceived => {
                // "If no SENDs have been issued and there is no pending data
                // to send, then form a FIN segment and send it, and enter
                // FIN-WAIT-1 state; otherwise, queue for processing after
                // entering ESTABLISHED state." (C9)
                out.rules.push(Rule::CloseSynReceived);
                self.queue_fin();
                if self.tcb.send_buffer.is_empty() {
                    self.state = State::FinWait1;
                    self.transmit(cfg, out);
                }
                Ok(())
            }
            // "Queue this until all preceding SENDs have been segmentized,
            // then form a FIN segment and send it. In any case, enter
            // FIN-WAIT-1 state."
            State::Established => {
                out.rules.push(Rule::CloseEstablished);
                self.queue_fin();
                self.state = State::FinWait1;
                self.tcb.timers.keepalive = 0; // FIN-WAIT-1: the FIN's retransmission timer watches
                self.transmit(cfg, out);
                Ok(())
            }
            // "Queue this request until all preceding SENDs have been
            // segmentized; then send a FIN segment, enter LAST-ACK state."
            // (`transmit` enters LAST-ACK when the FIN goes out.)
            State::CloseWait => {
                if self.tcb.snd_fin.is_some() {
                    self.refused(Rule::CloseRefused, out);
                    return Err(UserError::ConnectionClosing);
                }
                out.rules.push(Rule::CloseCloseWait);
                self.queue_fin();
                if self.transmit(cfg, out) {
                    self.tcb.timers.keepalive = 0;
                }
                Ok(())
            }
            // FIN-WAIT-1/2: "Strictly speaking, this is an error and should
            // receive an 'error: connection closing' response."
            State::FinWait1
            | State::FinWait2
            | State::Closing
            | State::LastAck
            | State::TimeWait => {
                self.refused(Rule::CloseRefused, out);
                Err(UserError::ConnectionClosing)
            }
        }
    }

    /// A call answered with an error changes nothing; in TIME-WAIT that is
    /// MUST-13 too (no call cuts the 2 MSL short).
    fn refused(&self, rule: Rule, out: &mut Output) {
        out.rules.push(rule);
        if self.state == State::TimeWait {
            out.rules.push(Rule::TimeWaitLingers);
        }
    }

    /// ABORT (§3.10.5).
    pub fn abort(&mut self, _cfg: &Config, out: &mut Output) -> Result<(), UserError> {
        match self.state {
            State::Closed => {
                self.refused(Rule::AbortRefused, out);
                Err(UserError::ConnectionDoesNotExist)
            }
            State::Listen | State::SynSent => {
                out.rules.push(Rule::AbortSilently);
                self.delete_tcb();
                Ok(())
            }
            // "Send a reset segment: <SEQ=SND.NXT><CTL=RST>", flush, CLOSED.
            State::SynReceived
            | State::Established
            | State::FinWait1
            | State::FinWait2
            | State::CloseWait => {
                out.rules.push(Rule::AbortReset);
                out.segments
                    .push(self.control(Flags::RST, self.tcb.snd_nxt));
                self.delete_tcb();
                Ok(())
            }
            // "Respond with 'ok' and delete the TCB, enter CLOSED state."
            State::Closing | State::LastAck | State::TimeWait => {
                out.rules.push(Rule::AbortSilently);
                self.delete_tcb();
                Ok(())
            }
        }
    }
}
