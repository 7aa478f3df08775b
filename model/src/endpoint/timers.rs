//! Time passing: the retransmission and TIME-WAIT timeouts (§3.10.8) and
//! keep-alives (§3.8.4).

use super::{Endpoint, Event, Output};
use crate::config::{Config, Ticks};
use crate::rule::Rule;
use crate::state::State;
use crate::Flags;
use serde::{Deserialize, Serialize};

/// Ticks left on each timer; 0 means the timer is not running.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Timers {
    /// Retransmission timer: runs while sent sequence space is unacknowledged.
    pub retransmit: Ticks,
    /// The 2MSL TIME-WAIT timer.
    pub time_wait: Ticks,
    /// Keep-alive timer: idle time left, or time to the next probe.
    pub keepalive: Ticks,
}

impl Timers {
    fn running(&self) -> impl Iterator<Item = Ticks> {
        [self.retransmit, self.time_wait, self.keepalive]
            .into_iter()
            .filter(|t| *t > 0)
    }
}

impl Endpoint {
    /// Ticks until the next timer expires, or `None` if no timer runs (then
    /// nothing happens until the user or the peer acts).
    pub fn next_timeout(&self) -> Option<Ticks> {
        self.tcb.timers.running().min()
    }

    /// Let `ticks` of time pass, firing each timer that expires on the way,
    /// in order of expiry.
    pub fn advance(&mut self, cfg: &Config, mut ticks: Ticks, out: &mut Output) {
        while let Some(step) = self.next_timeout().map(|next| next.min(ticks)) {
            if step == 0 {
                break;
            }
            ticks -= step;
            let t = &mut self.tcb.timers;
            let mut expired = [false; 3];
            for (i, timer) in [&mut t.retransmit, &mut t.time_wait, &mut t.keepalive]
                .into_iter()
                .enumerate()
            {
                if *timer > 0 {
                    *timer -= step;
                    expired[i] = *timer == 0;
                }
            }
            self.fire(cfg, expired, out);
        }
        if self.state == State::TimeWait {
            // Time passed and TIME-WAIT goes on: MUST-13 is why.
            out.rules.push(Rule::TimeWaitLingers);
        }
    }

    /// Fire the timers that just expired: `[retransmit, time_wait, keepalive]`.
    fn fire(
        &mut self,
        cfg: &Config,
        [retransmit, time_wait, keepalive]: [bool; 3],
        out: &mut Output,
    ) {
        if time_wait && self.state == State::TimeWait {
            // §3.10.8 TIME-WAIT TIMEOUT: delete the TCB, enter CLOSED.
            out.rules.push(Rule::TimeWaitExpires);
            self.delete_tcb();
            return;
        }
        if retransmit {
            self.retransmission_timeout(cfg, out);
            if matches!(self.state, State::Closed | State::Listen) {
                return; // given up: the TCB is gone
            }
        }
        if keepalive && self.keepalive_applies(cfg) {
            self.keepalive_timeout(cfg, out);
        }
    }

    /// §3.10.8 RETRANSMISSION TIMEOUT: "send the segment at the front of the
    /// retransmission queue again, reinitialize the retransmission timer";
    /// after R2 retransmissions, give the connection up (§3.8.3).
    fn retransmission_timeout(&mut self, cfg: &Config, out: &mut Output) {
        if self.tcb.retries >= cfg.max_retries && !cfg.broken.no_retry_limit {
            out.rules.push(Rule::GiveUp);
            if self.state == State::SynReceived && self.tcb.passive {
                // The embryonic connection of a listener is dropped and the
                // listener stays: as on RST (§3.10.7.4), "the user need not be
                // informed".
                self.back_to_listen();
            } else {
                out.events.push(Event::TimedOut);
                self.delete_tcb();
            }
            return;
        }
        out.rules.push(Rule::Retransmit);
        // Without a limit the count stops at it: it has nothing left to decide.
        if self.tcb.retries < cfg.max_retries {
            self.tcb.retries += 1;
        }
        let seg = self.front_segment(cfg);
        out.segments.push(seg);
        // RFC 6298 5.5: "back off the timer" (MUST-19); the model keeps the
        // RTO fixed (it changes when, not which, transitions happen).
        self.tcb.timers.retransmit = if cfg.rto_backoff {
            cfg.rto.saturating_mul(1 << self.tcb.retries.min(16))
        } else {
            cfg.rto
        };
    }

    /// The synchronized states in which a connection can sit idle, nothing
    /// of ours unacknowledged and no timer of its own running, waiting for
    /// its peer to send: ESTABLISHED, CLOSE-WAIT, and FIN-WAIT-2 (our FIN
    /// acknowledged, the peer's yet to come, for ever if the peer died).
    /// Keep-alives run there (§3.8.4); elsewhere the retransmission timer
    /// (SYN-RECEIVED, FIN-WAIT-1, CLOSING, LAST-ACK) or the 2 MSL timer
    /// (TIME-WAIT) watches the connection.
    pub const KEEPALIVE_STATES: [State; 3] =
        [State::Established, State::CloseWait, State::FinWait2];

    /// Whether keep-alives run now: on, and in one of
    /// [`KEEPALIVE_STATES`](Endpoint::KEEPALIVE_STATES).
    pub(super) fn keepalive_applies(&self, cfg: &Config) -> bool {
        cfg.keepalive.is_some() && Endpoint::KEEPALIVE_STATES.contains(&self.state)
    }

    /// The user turns keep-alive on for this connection (MUST-24), with
    /// `cfg.keepalive` its settings: the idle time counts from now.
    pub fn keepalive_requested(&mut self, cfg: &Config) {
        self.keepalive_heard(cfg);
    }

    /// (Re)start the idle timer: something was heard from the peer.
    pub(super) fn keepalive_heard(&mut self, cfg: &Config) {
        self.tcb.probes = 0;
        self.tcb.timers.keepalive = match cfg.keepalive {
            Some(k) if self.keepalive_applies(cfg) => k.idle,
            _ => 0,
        };
    }

    /// §3.8.4: probe only an idle connection (MUST-26), with SEG.SEQ =
    /// SND.NXT-1 and no data (SHLD-12); declare the peer dead only after
    /// `probes` probes went unanswered, never after one (MUST-29).
    fn keepalive_timeout(&mut self, cfg: &Config, out: &mut Output) {
        let Some(k) = cfg.keepalive else { return };
        if self.has_unacknowledged() {
            // Not idle: the retransmission timer watches the peer instead.
            self.tcb.timers.keepalive = k.idle;
            return;
        }
        if self.tcb.probes >= k.probes {
            out.rules.push(Rule::KeepAliveGiveUp);
            out.events.push(Event::TimedOut);
            self.delete_tcb();
            return;
        }
        out.rules.push(Rule::KeepAliveProbe);
        self.tcb.probes += 1;
        out.segments
            .push(self.control(Flags::ACK, self.tcb.snd_nxt - 1));
        self.tcb.timers.keepalive = k.interval;
    }
}
