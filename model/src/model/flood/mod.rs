//! The `syn-flood` scenario (claim O10): a listening server with a bounded
//! SYN queue and a bounded accept queue, an attacker that sends SYNs from
//! spoofed addresses that never answer, and a legitimate client.
//!
//! Every connection of the server is one [`Endpoint`], opened passively
//! when its SYN arrives and driven by the same rules as everywhere else:
//! this module only demultiplexes segments by the peer's address and
//! decides admission to the queues, the part of a listener RFC 9293 leaves
//! to the implementation (§3.10.7.2 "Note that any other incoming control
//! or data ... will be processed in SYN-RECEIVED", RFC 4987 §3).
//!
//! Admission: a SYN that would create a connection is **dropped** when the
//! SYN queue (connections in SYN-RECEIVED) or the accept queue (connections
//! synchronized but not yet accepted) is full, and so is a segment that
//! would move a connection from the SYN queue into a full accept queue.
//! The alternative, SYN cookies (RFC 4987 §3.6), keeps no state for a
//! half-open connection at all, so there is no queue to bound: it changes
//! the sequence numbers the server chooses and loses options, and RFC 9293
//! does not describe it. Dropping is what a listener without cookies does,
//! and it is the case where the attacker's budget and the queue sizes
//! matter; docs/model.md says more.
//!
//! The attacker's SYNs arrive at the server at once (network delay would add
//! interleavings but no behaviour), each from a fresh address, and whatever
//! the server sends to those addresses disappears: nobody answers, neither
//! with an ACK nor with a RST. The server's application never accepts, the
//! worst case for the accept queue. Spoofed connections are interchangeable,
//! so the server's connections are kept sorted: states that differ only in
//! the order of their connections are one state.

mod chart;
pub mod properties;

pub use chart::{chart, connections, describe, mermaid};

use super::network::{HostId, Network};
use super::scenario::Bounds;
use super::variant::Variant;
use crate::config::Config;
use crate::endpoint::{Endpoint, Open, Output};
use crate::state::State;
use crate::{Flags, Segment, SeqNum};
use serde::{Deserialize, Serialize};

/// The scenario's name on the command line.
pub const NAME: &str = "syn-flood";

/// One line on what it shows.
pub const SUMMARY: &str = "a spoofing attacker floods a listener's bounded SYN and accept queues; \
                           the legitimate client still connects once the attack is spent (O10)";

/// The client's host id on the network; the server is the other.
pub const CLIENT: HostId = 0;
/// The server's host id on the network.
pub const SERVER: HostId = 1;

/// The variants whose point this scenario makes: (variant, the property
/// expected to fail). A two-way handshake turns each spoofed SYN into a
/// full connection (O10's amplification).
pub const EXPECT: &[(&str, &str)] = &[("two-way-handshake", "accept-queue-not-flooded")];

/// ISS of the client's connection.
pub const CLIENT_ISS: SeqNum = SeqNum(0);
/// ISS of every connection of the server (§3.4.1's clock does not move in
/// the model's short run; connections are told apart by address).
pub const SERVER_ISS: SeqNum = SeqNum(100);
/// Sequence number of every spoofed SYN.
pub const SPOOF_ISN: SeqNum = SeqNum(500);

/// The sizes of the server's queues and the attacker's budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FloodBounds {
    /// Connections the server holds in SYN-RECEIVED at most (the SYN queue,
    /// Linux's `tcp_max_syn_backlog`).
    pub syn_queue: u8,
    /// Connections synchronized and not yet accepted it holds at most (the
    /// accept queue, the `backlog` of `listen`).
    pub accept_queue: u8,
    /// SYNs the attacker sends.
    pub spoofs: u8,
    /// Retransmissions of the client's SYN before it gives up; `None`: as
    /// many as [`FloodBounds::patient_client`] says outlast the attack.
    pub client_retries: Option<u8>,
}

impl Default for FloodBounds {
    fn default() -> FloodBounds {
        FloodBounds {
            syn_queue: 2,
            accept_queue: 2,
            spoofs: 3,
            client_retries: None,
        }
    }
}

impl FloodBounds {
    /// Retransmissions of its SYN that let the client outlast the attack.
    /// A half-open connection lives (R + 1)·RTO (R retransmissions of the
    /// SYN,ACK, then R2 gives up, §3.8.3), and the attacker can refill each
    /// of the Q places of the SYN queue as it frees: ⌈B/Q⌉ times for a
    /// budget of B. The client's SYN must still be retransmitted after that,
    /// with one more RTO for each segment the network may lose, one to come
    /// round, and a round trip (2·MSL) for its answer. Enough, and tight
    /// when Q divides B (`tests/syn_flood.rs` shows one fewer fails); when
    /// it does not, the last refill leaves a place free and fewer do. §3.8.3 asks R2 for a
    /// SYN of "at least 3 minutes", far above a SYN,ACK's lifetime at Linux's
    /// defaults (5 SYN,ACK retries, about 1 minute): the client is patient.
    pub fn patient_client(&self, bounds: &Bounds) -> u8 {
        let refills = u32::from(self.spoofs.div_ceil(self.syn_queue.max(1)));
        let rounds = refills * (u32::from(bounds.max_retries) + 1)
            + u32::from(bounds.losses)
            + 1
            + (2 * bounds.msl).div_ceil(bounds.rto.max(1));
        // Retransmissions R of the client: it lives (R + 1)·RTO.
        u8::try_from(rounds).unwrap_or(u8::MAX)
    }

    /// Reject sizes that make no model: a one-line reason.
    pub fn validate(&self) -> Result<(), String> {
        if self.syn_queue == 0 || self.accept_queue == 0 {
            return Err("--syn-queue and --accept-queue must be at least 1".into());
        }
        if self.syn_queue > 4 || self.accept_queue > 4 || self.spoofs > 8 {
            return Err(
                "queues above 4 or more than 8 spoofed SYNs give no model anyone can check".into(),
            );
        }
        Ok(())
    }
}

/// Whose connection one of the server's connections is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Peer {
    /// The legitimate client's.
    Client,
    /// A spoofed address's: nobody there.
    Spoofed,
}

/// One connection of the server: whose, and its endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Conn {
    /// The peer's address.
    pub peer: Peer,
    /// The connection's endpoint.
    pub endpoint: Endpoint,
}

/// A state of the scenario.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FloodSys {
    /// The client's endpoint.
    pub client: Endpoint,
    /// The server's connections, sorted (spoofed ones are interchangeable).
    pub server: Vec<Conn>,
    /// The network between client and server.
    pub net: Network,
    /// SYNs the attacker may still send.
    pub spoofs_left: u8,
    /// A connection was created while its queue was full (history for
    /// `full-queue-drops-syn`).
    pub admitted_when_full: bool,
    /// The client's OPEN timed out.
    pub client_timed_out: bool,
}

/// What can happen next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FloodAction {
    /// A spoofed SYN arrives at the server.
    Spoof,
    /// The network delivers the segment at this index of `in_flight`.
    Deliver(u8),
    /// The network loses it.
    Lose(u8),
    /// The network delivers it and keeps a copy.
    Duplicate(u8),
    /// One tick passes for everyone.
    Tick,
}

/// What the server did with a SYN that would open a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    /// A connection was created for it.
    Admitted,
    /// Dropped: a queue is full.
    Dropped,
}

/// Everything a step did, for charts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FloodEffects {
    /// The segment delivered, lost or duplicated, for `to`; or the spoofed SYN.
    pub segment: Option<(HostId, Segment)>,
    /// How a connection-opening segment fared at the server.
    pub admission: Option<Admission>,
    /// Segments sent: (from, to the client or the spoofed void, segment).
    pub sent: Vec<(HostId, Peer, Segment)>,
    /// Spoofed half-open connections given up by the retry limit.
    pub given_up: u8,
}

/// The model of the `syn-flood` scenario.
#[derive(Clone, Debug)]
pub struct Flood {
    /// The network's budgets and timers (the server's retry limit is
    /// `bounds.max_retries`).
    pub bounds: Bounds,
    /// The queues and the attack.
    pub flood: FloodBounds,
    /// Client's and server's endpoint configuration.
    pub configs: [Config; 2],
    /// Admission control on (the RFC 4987 §3 drop). Off only in tests, to
    /// show that `queues-bounded` and `full-queue-drops-syn` can fail.
    pub admission: bool,
}

impl Flood {
    /// The model at these bounds.
    pub fn new(bounds: Bounds, flood: FloodBounds) -> Flood {
        let server = bounds.config(None);
        let client = Config {
            max_retries: flood
                .client_retries
                .unwrap_or_else(|| flood.patient_client(&bounds)),
            ..server
        };
        Flood {
            bounds,
            flood,
            configs: [client, server],
            admission: true,
        }
    }

    /// This model with `variant`'s rule removed. A variant is written
    /// against the two-host model; its change is to configurations and
    /// bounds, which are taken over from there.
    pub fn with_variant(mut self, variant: &Variant) -> Flood {
        let scenario = super::scenario::by_name("client-server").expect("a built-in scenario");
        let mut two = super::Tcp::new(scenario, self.bounds);
        two.configs = self.configs;
        (variant.apply)(&mut two);
        self.configs = two.configs;
        self.bounds = two.bounds;
        self
    }

    /// The initial state: the server listens, the client's SYN is on its way.
    pub fn initial(&self) -> FloodSys {
        let mut client = Endpoint::new();
        let mut out = Output::default();
        client
            .open(
                &self.configs[CLIENT],
                Open::Active { iss: CLIENT_ISS },
                &mut out,
            )
            .expect("an OPEN from CLOSED succeeds");
        let mut sys = FloodSys {
            client,
            server: Vec::new(),
            net: Network {
                in_flight: Default::default(),
                losses_left: self.bounds.losses,
                duplicates_left: self.bounds.duplicates,
                reorders_left: self.bounds.reorders,
            },
            spoofs_left: self.flood.spoofs,
            admitted_when_full: false,
            client_timed_out: false,
        };
        for seg in &out.segments {
            sys.net.send(CLIENT, seg);
        }
        sys
    }

    /// Connections in the SYN queue (SYN-RECEIVED).
    pub fn syn_queued(sys: &FloodSys) -> usize {
        sys.server
            .iter()
            .filter(|c| c.endpoint.state() == State::SynReceived)
            .count()
    }

    /// Connections in the accept queue (synchronized; the application
    /// accepts none).
    pub fn accept_queued(sys: &FloodSys) -> usize {
        sys.server
            .iter()
            .filter(|c| c.endpoint.state().is_synchronized())
            .count()
    }

    /// Whether a queue has no room for a connection in `state`.
    fn full_for(&self, sys: &FloodSys, state: State) -> bool {
        if state.is_synchronized() {
            Self::accept_queued(sys) >= usize::from(self.flood.accept_queue)
        } else {
            // A new connection needs room in both: a full accept queue has
            // no room for it once it completes (Linux drops SYNs then too).
            Self::syn_queued(sys) >= usize::from(self.flood.syn_queue)
                || Self::accept_queued(sys) >= usize::from(self.flood.accept_queue)
        }
    }

    /// Calls `emit` with each enabled action, in a fixed order.
    fn each_enabled(&self, sys: &FloodSys, mut emit: impl FnMut(FloodAction)) {
        if sys.spoofs_left > 0 {
            emit(FloodAction::Spoof);
        }
        let net = &sys.net;
        for (i, f) in net.in_flight.iter().enumerate() {
            let in_order = net.reorders_left > 0 || !net.is_reordering(i);
            if in_order {
                emit(FloodAction::Deliver(i as u8));
            }
            if net.losses_left > 0 && !f.duplicate {
                emit(FloodAction::Lose(i as u8));
            }
            if in_order && net.duplicates_left > 0 && !f.duplicate {
                emit(FloodAction::Duplicate(i as u8));
            }
        }
        if self.may_tick(sys) {
            emit(FloodAction::Tick);
        }
    }

    /// Whether time may pass: a timer runs or something is in flight, and
    /// no original segment would outlive MSL.
    pub fn may_tick(&self, sys: &FloodSys) -> bool {
        let timers = sys.client.next_timeout().is_some()
            || sys
                .server
                .iter()
                .any(|c| c.endpoint.next_timeout().is_some());
        (timers || !sys.net.in_flight.is_empty()) && sys.net.time_may_pass(self.bounds.msl)
    }

    /// Whether no action is enabled.
    pub fn is_terminal(&self, sys: &FloodSys) -> bool {
        let mut none = true;
        self.each_enabled(sys, |_| none = false);
        none
    }

    /// Take `action`: the next state and what happened.
    pub fn step(&self, sys: &FloodSys, action: FloodAction) -> (FloodSys, FloodEffects) {
        let mut next = sys.clone();
        let mut fx = FloodEffects::default();
        self.step_in_place(&mut next, action, &mut fx);
        (next, fx)
    }

    fn step_in_place(&self, next: &mut FloodSys, action: FloodAction, fx: &mut FloodEffects) {
        match action {
            FloodAction::Spoof => {
                next.spoofs_left -= 1;
                let syn = Segment {
                    flags: Flags::SYN,
                    seq: SPOOF_ISN,
                    wnd: self.configs[CLIENT].rcv_wnd,
                    ..Segment::default()
                };
                self.listener_arrives(next, Peer::Spoofed, &syn, fx);
                fx.segment = Some((SERVER, syn));
            }
            FloodAction::Deliver(i) | FloodAction::Duplicate(i) => {
                let i = i as usize;
                if next.net.is_reordering(i) {
                    next.net.reorders_left -= 1;
                }
                let f = if let FloodAction::Duplicate(_) = action {
                    next.net.duplicates_left -= 1;
                    let copy = &mut next.net.in_flight[i];
                    copy.duplicate = true;
                    *copy
                } else {
                    next.net.in_flight.remove(i)
                };
                let segment = f.segment();
                if f.from as usize == CLIENT {
                    self.server_arrives(next, &segment, fx);
                    fx.segment = Some((SERVER, segment));
                } else {
                    let mut out = Output::default();
                    next.client
                        .segment_arrives(&self.configs[CLIENT], &segment, &mut out);
                    self.client_output(next, out, fx);
                    fx.segment = Some((CLIENT, segment));
                }
            }
            FloodAction::Lose(i) => {
                let f = next.net.in_flight.remove(i as usize);
                next.net.losses_left -= 1;
                fx.segment = Some((1 - f.from as usize, f.segment()));
            }
            FloodAction::Tick => {
                next.net.age(self.bounds.msl);
                let mut out = Output::default();
                next.client.advance(&self.configs[CLIENT], 1, &mut out);
                self.client_output(next, out, fx);
                let cfg = &self.configs[SERVER];
                for k in 0..next.server.len() {
                    let mut out = Output::default();
                    let was = next.server[k].endpoint.state();
                    next.server[k].endpoint.advance(cfg, 1, &mut out);
                    let conn = &next.server[k];
                    let peer = conn.peer;
                    if peer == Peer::Spoofed && was == State::SynReceived && !alive(conn) {
                        fx.given_up += 1;
                    }
                    self.server_output(next, peer, out, fx);
                }
                next.server.retain(alive);
            }
        }
        next.server.sort();
    }

    /// What the client's endpoint did: its segments on the wire, its
    /// OPEN's time-out noted.
    fn client_output(&self, sys: &mut FloodSys, out: Output, fx: &mut FloodEffects) {
        if out.events.contains(&crate::Event::TimedOut) {
            sys.client_timed_out = true;
        }
        for seg in out.segments {
            sys.net.send(CLIENT, &seg);
            fx.sent.push((CLIENT, Peer::Client, seg));
        }
    }

    /// What one of the server's connections did: its segments to the client
    /// go on the wire, those to a spoofed address vanish.
    fn server_output(&self, sys: &mut FloodSys, peer: Peer, out: Output, fx: &mut FloodEffects) {
        for seg in out.segments {
            if peer == Peer::Client {
                sys.net.send(SERVER, &seg);
            }
            fx.sent.push((SERVER, peer, seg));
        }
    }

    /// A segment from the client reaches the server: its connection takes
    /// it, or the listener does.
    fn server_arrives(&self, sys: &mut FloodSys, seg: &Segment, fx: &mut FloodEffects) {
        let Some(k) = sys.server.iter().position(|c| c.peer == Peer::Client) else {
            return self.listener_arrives(sys, Peer::Client, seg, fx);
        };
        let cfg = &self.configs[SERVER];
        let mut endpoint = sys.server[k].endpoint.clone();
        let mut out = Output::default();
        let was = endpoint.state();
        endpoint.segment_arrives(cfg, seg, &mut out);
        // The handshake's last ACK finds the accept queue full: dropped, as
        // if it had never come (the SYN,ACK is retransmitted, RFC 4987 §3).
        let completes = !was.is_synchronized() && endpoint.state().is_synchronized();
        if completes && self.admission && self.full_for(sys, State::Established) {
            fx.admission = Some(Admission::Dropped);
            return;
        }
        sys.server[k].endpoint = endpoint;
        self.server_output(sys, Peer::Client, out, fx);
        if !alive(&sys.server[k]) {
            sys.server.remove(k);
        }
    }

    /// A segment for no connection meets the listener: a passive OPEN made
    /// for it handles it by §3.10.7.2, and a connection it opens is kept
    /// if its queue has room.
    fn listener_arrives(
        &self,
        sys: &mut FloodSys,
        peer: Peer,
        seg: &Segment,
        fx: &mut FloodEffects,
    ) {
        let cfg = &self.configs[SERVER];
        let mut endpoint = Endpoint::new();
        let mut out = Output::default();
        endpoint
            .open(cfg, Open::Passive { iss: SERVER_ISS }, &mut out)
            .expect("an OPEN from CLOSED succeeds");
        endpoint.segment_arrives(cfg, seg, &mut out);
        let conn = Conn { peer, endpoint };
        if alive(&conn) {
            if self.full_for(sys, conn.endpoint.state()) {
                if self.admission {
                    fx.admission = Some(Admission::Dropped);
                    return;
                }
                sys.admitted_when_full = true;
            }
            fx.admission = Some(Admission::Admitted);
            sys.server.push(conn);
        }
        // Either a new connection's SYN,ACK, or the listener's answer to a
        // stray segment (a RST for an ACK, §3.10.7.2 second step).
        self.server_output(sys, peer, out, fx);
    }
}

/// Whether a server connection still exists: one back in LISTEN (after a
/// RST or the retry limit, §3.10.7.4, §3.8.3) or CLOSED is gone.
fn alive(conn: &Conn) -> bool {
    !matches!(conn.endpoint.state(), State::Listen | State::Closed)
}

impl stateright::Model for Flood {
    type State = FloodSys;
    type Action = FloodAction;

    fn init_states(&self) -> Vec<FloodSys> {
        vec![self.initial()]
    }

    fn actions(&self, state: &FloodSys, actions: &mut Vec<FloodAction>) {
        self.each_enabled(state, |a| actions.push(a));
    }

    fn next_state(&self, state: &FloodSys, action: FloodAction) -> Option<FloodSys> {
        Some(self.step(state, action).0)
    }

    fn format_step(&self, last_state: &FloodSys, action: FloodAction) -> Option<String> {
        let (next, fx) = self.step(last_state, action);
        Some(chart::describe(&action, last_state, &next, &fx))
    }

    fn properties(&self) -> Vec<stateright::Property<Self>> {
        properties::all()
    }
}

/// Weak fairness: time passes, and the attacker spends its budget (the
/// liveness properties are about what happens once the attack is over).
impl crate::check::Checkable for Flood {
    fn fairness_class(&self, action: &FloodAction) -> Option<u8> {
        match action {
            FloodAction::Spoof => Some(0),
            FloodAction::Tick => Some(1),
            _ => None,
        }
    }

    fn step_properties(&self) -> Vec<crate::check::StepProperty<Flood>> {
        properties::reaches()
    }
}
