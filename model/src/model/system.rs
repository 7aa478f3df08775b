//! The system the model checker explores: two hosts, each an endpoint and
//! its application, and the network between them.

use super::app::{octet, App, Step};
use super::network::{HostId, Network};
use super::scenario::{iss, Bounds, Scenario};
use crate::config::Config;
use crate::endpoint::{Endpoint, Event, Open, Output, UserError};
use crate::mutant::{self, Stimulus};
use crate::state::State;
use crate::Segment;
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};

/// One host: its endpoint and its application.
#[derive(Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Host {
    /// The TCP endpoint.
    pub endpoint: Endpoint,
    /// The application using it.
    pub app: App,
}

/// `clone_from` copies in place (see `Tcb`'s).
impl Clone for Host {
    fn clone(&self) -> Self {
        Host {
            endpoint: self.endpoint.clone(),
            app: self.app.clone(),
        }
    }

    fn clone_from(&mut self, source: &Self) {
        self.endpoint.clone_from(&source.endpoint);
        self.app.clone_from(&source.app);
    }
}

/// The connection state in the application's word, then the TCB: the
/// fewer bytes a state's fingerprint hashes, the sooner it is done.
impl Hash for Host {
    #[inline(always)]
    fn hash<H: Hasher>(&self, h: &mut H) {
        let Host { endpoint, app } = self;
        h.write_u64(app.word() | (endpoint.state() as u64) << 56);
        endpoint.tcb().hash(h);
    }
}

/// A state of the whole system.
#[derive(Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Sys {
    /// The two hosts.
    pub hosts: [Host; 2],
    /// The network.
    pub net: Network,
}

/// Each host cloned straight into its place: the derived clone of an
/// array goes through an iterator that copied each host several times
/// over (`perf`, client-server 2/1/1: copying fell from 27% of the
/// checker's time to 15%, and a check took 10% less).
impl Clone for Sys {
    fn clone(&self) -> Self {
        let [a, b] = &self.hosts;
        Sys {
            hosts: [a.clone(), b.clone()],
            net: self.net.clone(),
        }
    }

    /// In place: the checker builds each successor over a state it keeps.
    fn clone_from(&mut self, source: &Self) {
        let [a, b] = &mut self.hosts;
        let [source_a, source_b] = &source.hosts;
        a.clone_from(source_a);
        b.clone_from(source_b);
        self.net.clone_from(&source.net);
    }
}

/// The hosts and the network, with no length before the hosts.
impl Hash for Sys {
    #[inline(always)]
    fn hash<H: Hasher>(&self, h: &mut H) {
        let Sys { hosts: [a, b], net } = self;
        a.hash(h);
        b.hash(h);
        net.hash(h);
    }
}

/// What can happen next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// The host's application takes its next script step.
    App(u8),
    /// The network delivers the segment at this index of `in_flight`.
    Deliver(u8),
    /// The network loses it.
    Lose(u8),
    /// The network delivers it and keeps a copy in flight: a duplicate.
    /// (Duplicating a segment at any other moment adds interleavings but no
    /// behaviour: the copy is identical and as old as the original.)
    Duplicate(u8),
    /// One tick of time passes for everyone.
    Tick,
}

/// Everything a step did, for charts: the model's state keeps only what
/// the properties need.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Effects {
    /// A user call made, with its result.
    pub call: Option<(HostId, Step, Result<(), UserError>)>,
    /// The segment delivered, lost or duplicated, and the host it was for.
    pub segment: Option<(HostId, Segment)>,
    /// Segments sent, by host.
    pub sent: Vec<(HostId, Segment)>,
    /// Octets delivered to an application, by host.
    pub delivered: Vec<(HostId, Vec<u8>)>,
    /// Signals raised, by host.
    pub events: Vec<(HostId, Event)>,
}

impl Effects {
    /// Forgets everything recorded, keeping the lists' buffers.
    fn clear(&mut self) {
        let Effects {
            call,
            segment,
            sent,
            delivered,
            events,
        } = self;
        *call = None;
        *segment = None;
        sent.clear();
        delivered.clear();
        events.clear();
    }
}

/// The model: a scenario at some bounds. Implements [`stateright::Model`].
#[derive(Clone, Debug)]
pub struct Tcp {
    /// The scenario.
    pub scenario: Scenario,
    /// The bounds.
    pub bounds: Bounds,
    /// Each host's endpoint configuration.
    pub configs: [Config; 2],
    /// Check every Figure 5 transition and every claimed event, not only
    /// those the scenario lists (for `synack coverage`).
    pub all_reaches: bool,
    /// Explore one of each pair of mirror-image states when the scenario's
    /// hosts are interchangeable (on by default; off to measure it).
    pub symmetry: bool,
    /// A mutant endpoint on one host, if any: every event of that host's
    /// endpoint goes through the mutant's tampering (see
    /// [`mutant`](crate::mutant)). None by default: the RFC protocol.
    pub mutant: Option<(HostId, &'static mutant::Spec)>,
}

impl Tcp {
    /// The model of `scenario` at `bounds`.
    pub fn new(scenario: Scenario, bounds: Bounds) -> Tcp {
        let configs = [
            bounds.config(scenario.keepalive[0]),
            bounds.config(scenario.keepalive[1]),
        ];
        Tcp {
            scenario,
            bounds,
            configs,
            all_reaches: false,
            symmetry: true,
            mutant: None,
        }
    }

    /// This model with `spec`'s mutant as `host`'s endpoint.
    pub fn with_mutant(self, host: HostId, spec: &'static mutant::Spec) -> Tcp {
        Tcp {
            mutant: Some((host, spec)),
            ..self
        }
    }

    /// The mutant on `host`, if it has one.
    fn mutant_on(&self, host: HostId) -> Option<&'static mutant::Spec> {
        self.mutant
            .filter(|(h, _)| *h == host)
            .map(|(_, spec)| spec)
    }

    /// Let `host`'s endpoint handle `stimulus` by `act`, through its
    /// mutant's output tampering if it has one (input tampering is the
    /// caller's: only a segment has input to tamper with).
    fn through_mutant<R>(
        &self,
        host: HostId,
        stimulus: Stimulus,
        endpoint: &mut Endpoint,
        out: &mut Output,
        act: impl FnOnce(&mut Endpoint, &mut Output) -> R,
    ) -> R {
        let Some(spec) = self.mutant_on(host) else {
            return act(endpoint, out);
        };
        let before = endpoint.clone();
        let result = act(endpoint, out);
        spec.tamper_output(&before, stimulus, endpoint, &mut out.segments);
        result
    }

    /// Whether mirror-image states are identified (see
    /// [`Checkable::symmetric_forms`](crate::check::Checkable::symmetric_forms)).
    pub fn reduces_symmetry(&self) -> bool {
        // A mutant on one host makes the hosts differ: no mirror images.
        self.symmetry && self.scenario.symmetric && self.mutant.is_none()
    }

    /// The initial state: both hosts CLOSED, nothing in flight, then the
    /// scenario's setup steps.
    pub fn initial(&self) -> Sys {
        let mut sys = Sys {
            hosts: Default::default(),
            net: Network {
                in_flight: Default::default(),
                losses_left: self.bounds.losses,
                duplicates_left: self.bounds.duplicates,
                reorders_left: self.bounds.reorders,
            },
        };
        for host in 0..2 {
            for _ in 0..self.scenario.setup[host] {
                sys = self.step(&sys, Action::App(host as u8)).0;
            }
        }
        sys
    }

    /// The host's next script step, if its application may take it now.
    pub fn ready_step(&self, sys: &Sys, host: HostId) -> Option<Step> {
        let h = &sys.hosts[host];
        if h.app.crashed {
            return None;
        }
        let step = *self.scenario.scripts[host].get(h.app.pc as usize)?;
        step.ready(h.endpoint.state(), h.app.eof).then_some(step)
    }

    /// Whether time may pass: some timer runs or something is in flight,
    /// and no original segment would outlive MSL.
    pub fn may_tick(&self, sys: &Sys) -> bool {
        let timers = sys
            .hosts
            .iter()
            .any(|h| !h.app.crashed && h.endpoint.next_timeout().is_some());
        (timers || !sys.net.in_flight.is_empty()) && sys.net.time_may_pass(self.bounds.msl)
    }

    /// The actions enabled in `sys`, in a fixed order.
    pub fn enabled(&self, sys: &Sys, actions: &mut Vec<Action>) {
        self.each_enabled(sys, |a| actions.push(a));
    }

    /// Whether no action is enabled in `sys`.
    pub fn is_terminal(&self, sys: &Sys) -> bool {
        let mut none = true;
        self.each_enabled(sys, |_| none = false);
        none
    }

    /// Calls `f` with each action enabled in `sys`, in a fixed order.
    fn each_enabled(&self, sys: &Sys, mut emit: impl FnMut(Action)) {
        for host in 0..2 {
            if self.ready_step(sys, host).is_some() {
                emit(Action::App(host as u8));
            }
        }
        let net = &sys.net;
        for (i, f) in net.in_flight.iter().enumerate() {
            let in_order = net.reorders_left > 0 || !net.is_reordering(i);
            if in_order {
                emit(Action::Deliver(i as u8));
            }
            // Losing a copy is the same as letting it die; only originals
            // draw on the loss budget.
            if net.losses_left > 0 && !f.duplicate {
                emit(Action::Lose(i as u8));
            }
            if in_order && net.duplicates_left > 0 && !f.duplicate {
                emit(Action::Duplicate(i as u8));
            }
        }
        if self.may_tick(sys) {
            emit(Action::Tick);
        }
    }

    /// Take `action` in `sys`: the next state and what happened on the way.
    pub fn step(&self, sys: &Sys, action: Action) -> (Sys, Effects) {
        let mut next = sys.clone();
        let mut fx = Effects::default();
        self.step_in_place(sys, &mut next, action, &mut fx);
        (next, fx)
    }

    /// [`step`](Self::step) into `next`, a copy of `sys` made by the
    /// caller where the successor is to be kept: a state is large, and
    /// moving it costs as much as a good part of computing it.
    fn step_in_place(&self, sys: &Sys, next: &mut Sys, action: Action, fx: &mut Effects) {
        match action {
            Action::App(host) => self.app_step(next, host as usize, fx),
            Action::Deliver(i) | Action::Duplicate(i) => {
                let i = i as usize;
                if next.net.is_reordering(i) {
                    next.net.reorders_left -= 1;
                }
                let f = if let Action::Duplicate(_) = action {
                    next.net.duplicates_left -= 1;
                    let copy = &mut next.net.in_flight[i];
                    copy.duplicate = true;
                    *copy
                } else {
                    next.net.in_flight.remove(i)
                };
                let to = 1 - f.from as usize;
                let segment = f.segment();
                if !next.hosts[to].app.crashed {
                    let mut out = Output::default();
                    let endpoint = &mut next.hosts[to].endpoint;
                    // The RFC protocol receives the segment as it is,
                    // without a copy (this is the hot path).
                    let tampered;
                    let arrives = match self.mutant_on(to) {
                        Some(spec) => {
                            tampered = spec.tamper_input(endpoint, &segment);
                            tampered.as_ref()
                        }
                        None => Some(&segment),
                    };
                    let cfg = &self.configs[to];
                    self.through_mutant(
                        to,
                        Stimulus::SegmentArrives,
                        endpoint,
                        &mut out,
                        |e, o| {
                            if let Some(seg) = arrives {
                                e.segment_arrives(cfg, seg, o);
                            }
                        },
                    );
                    self.absorb(next, to, out, fx);
                }
                fx.segment = Some((to, segment));
            }
            Action::Lose(i) => {
                let f = next.net.in_flight.remove(i as usize);
                next.net.losses_left -= 1;
                fx.segment = Some((1 - f.from as usize, f.segment()));
            }
            Action::Tick => {
                next.net.age(self.bounds.msl);
                for host in 0..2 {
                    if next.hosts[host].app.crashed {
                        continue;
                    }
                    let mut out = Output::default();
                    let cfg = &self.configs[host];
                    let endpoint = &mut next.hosts[host].endpoint;
                    self.through_mutant(host, Stimulus::Timeout, endpoint, &mut out, |e, o| {
                        e.advance(cfg, 1, o)
                    });
                    self.absorb(next, host, out, fx);
                }
            }
        }
        let give_ups = super::properties::live_peer_cannot_be_given_up(self);
        observe(sys, next, fx, give_ups);
    }

    /// A step in words, for the Explorer: what happened, what was sent,
    /// and each host's state after it.
    pub fn describe(&self, before: &Sys, after: &Sys, fx: &Effects) -> String {
        let names = self.scenario.hosts;
        let mut lines = Vec::new();
        if let Some((h, step, result)) = &fx.call {
            lines.push(format!("{}: {}", names[*h], call_text(*step, result)));
        }
        if let Some((to, seg)) = &fx.segment {
            lines.push(format!("{} → {}: {seg}", names[1 - to], names[*to]));
        }
        for (h, seg) in &fx.sent {
            lines.push(format!("{} sends {seg}", names[*h]));
        }
        for (h, e) in &fx.events {
            lines.push(format!("{}: {e:?}", names[*h]));
        }
        for (h, name) in names.iter().enumerate() {
            let (was, now) = (
                before.hosts[h].endpoint.state(),
                after.hosts[h].endpoint.state(),
            );
            let crashed = if after.hosts[h].app.crashed {
                " (crashed)"
            } else {
                ""
            };
            lines.push(format!("{name}: {was} → {now}{crashed}"));
        }
        lines.push(format!("in flight: {}", after.net.in_flight.len()));
        lines.join("\n")
    }

    fn app_step(&self, sys: &mut Sys, host: HostId, fx: &mut Effects) {
        let cfg = &self.configs[host];
        let step = self.scenario.scripts[host][sys.hosts[host].app.pc as usize];
        let h = &mut sys.hosts[host];
        h.app.pc += 1;
        let mut out = Output::default();
        let mutant = self.mutant_on(host);
        // Only a mutant needs the endpoint as it was (the RFC's hot path
        // makes no copy).
        let before = mutant.map(|_| h.endpoint.clone());
        let result = match step {
            Step::Listen | Step::Connect => {
                // An OPEN from CLOSED starts a connection; an active OPEN in
                // LISTEN turns the same connection active (§3.10.1).
                let fresh = h.endpoint.state() == State::Closed;
                let connection = h.app.opens - u8::from(!fresh);
                // Interchangeable hosts choose their ISNs alike.
                let isn_host = if self.scenario.symmetric { 0 } else { host };
                let iss = iss(&self.bounds, isn_host, connection);
                let how = if step == Step::Listen {
                    Open::Passive { iss }
                } else {
                    Open::Active { iss }
                };
                let r = h.endpoint.open(cfg, how, &mut out);
                if r.is_ok() && fresh {
                    h.app.new_connection();
                }
                r
            }
            Step::Send(n) => {
                let conn = h.app.opens.saturating_sub(1);
                let data: Vec<u8> = (h.app.sent..h.app.sent + n)
                    .map(|i| octet(host, conn, i))
                    .collect();
                let r = h.endpoint.send(cfg, &data, &mut out);
                // Octets the application handed over count as sent, even if
                // TCP refused them because it had closed its side on its own
                // ("connection closing"): the application did not close.
                if matches!(r, Ok(()) | Err(UserError::ConnectionClosing)) {
                    h.app.sent += n;
                }
                r
            }
            Step::Close => {
                let r = h.endpoint.close(cfg, &mut out);
                if r.is_ok() && !h.app.eof {
                    h.app.active_closer = true;
                }
                r
            }
            Step::Abort => h.endpoint.abort(cfg, &mut out),
            Step::Crash => {
                h.app.crashed = true;
                h.endpoint = Endpoint::new();
                Ok(())
            }
            Step::AwaitEstablished
            | Step::AwaitSynReceived
            | Step::AwaitEof
            | Step::AwaitClosed => Ok(()),
        };
        if let (Some(spec), Some(before), Some(stimulus)) = (mutant, before, stimulus_of(step)) {
            spec.tamper_output(&before, stimulus, &mut h.endpoint, &mut out.segments);
        }
        fx.call = Some((host, step, result));
        self.absorb(sys, host, out, fx);
    }

    /// Put what an endpoint did into the system: its segments on the wire,
    /// its delivered octets to its application (checked), its signals.
    fn absorb(&self, sys: &mut Sys, host: HostId, out: Output, fx: &mut Effects) {
        let peer = 1 - host;
        for b in &out.delivered {
            let app = &mut sys.hosts[host].app;
            let conn = app.opens.saturating_sub(1);
            if *b == octet(peer, conn, app.received) {
                app.received += 1;
            } else {
                app.corrupted = true;
            }
        }
        for e in &out.events {
            if *e == Event::Closing {
                sys.hosts[host].app.eof = true;
            }
            fx.events.push((host, *e));
        }
        if !out.delivered.is_empty() {
            fx.delivered.push((host, out.delivered));
        }
        for seg in out.segments {
            sys.net.send(host, &seg);
            fx.sent.push((host, seg));
        }
    }
}

/// The endpoint event a script step is, if it calls the endpoint at all
/// (a crash or a wait does not).
fn stimulus_of(step: Step) -> Option<Stimulus> {
    match step {
        Step::Close => Some(Stimulus::Close),
        Step::Listen | Step::Connect | Step::Send(_) | Step::Abort => Some(Stimulus::OtherCall),
        Step::Crash
        | Step::AwaitEstablished
        | Step::AwaitSynReceived
        | Step::AwaitEof
        | Step::AwaitClosed => None,
    }
}

/// A user call and its outcome: `close`, or `close → error: connection closing`.
pub fn call_text(step: Step, result: &Result<(), UserError>) -> String {
    match result {
        Ok(()) => step.to_string(),
        Err(e) => format!("{step} → {e}"),
    }
}

/// Record in the applications what properties need to know about a step:
/// history the endpoints themselves forget. `give_ups`: whether
/// `no-give-up-on-live-peer` is checked at these bounds (where it is not,
/// recording its flag would only split states).
fn observe(before: &Sys, after: &mut Sys, fx: &Effects, give_ups: bool) {
    // Open: synchronized, with our SYN acknowledged (a FIN-WAIT-1 entered
    // from SYN-RECEIVED is not open yet).
    let open = |e: &Endpoint| e.state().is_synchronized() && e.tcb().snd_una != e.tcb().iss;
    for h in 0..2 {
        let (was, now) = (
            before.hosts[h].endpoint.state(),
            after.hosts[h].endpoint.state(),
        );
        // O6: a connection that opens must belong to one the peer has open:
        // the peer is alive, in a connection (not CLOSED, LISTEN or the
        // TIME-WAIT of an older one) whose ISS is our IRS.
        if !open(&before.hosts[h].endpoint) && open(&after.hosts[h].endpoint) {
            let peer = &after.hosts[1 - h];
            let peer_has_it = matches!(
                peer.endpoint.state(),
                State::SynSent
                    | State::SynReceived
                    | State::Established
                    | State::FinWait1
                    | State::FinWait2
                    | State::CloseWait
                    | State::Closing
                    | State::LastAck
            ) && peer.endpoint.tcb().iss == after.hosts[h].endpoint.tcb().irs;
            if !peer.app.crashed && !peer_has_it {
                after.hosts[h].app.unrequested = true;
            }
        }
        let timed_out = fx
            .events
            .iter()
            .any(|(host, e)| *host == h && *e == Event::TimedOut);
        if timed_out && matches!(was, State::SynSent | State::SynReceived) {
            after.hosts[h].app.connect_timed_out = true;
        }
        // A synchronized connection given up while the peer is alive: the
        // peer never answered with the ACK, FIN or RST that ends it.
        if give_ups && timed_out && was.is_synchronized() && !after.hosts[1 - h].app.crashed {
            after.hosts[h].app.gave_up_on_live_peer = true;
        }
        let reset = fx
            .segment
            .as_ref()
            .is_some_and(|(to, seg)| *to == h && seg.has(crate::Flags::RST));
        if reset && was == State::LastAck && now == State::Closed {
            after.hosts[h].app.last_ack_reset = true;
        }
    }
}

impl stateright::Model for Tcp {
    type State = Sys;
    type Action = Action;

    fn init_states(&self) -> Vec<Sys> {
        vec![self.initial()]
    }

    fn actions(&self, state: &Sys, actions: &mut Vec<Action>) {
        self.enabled(state, actions);
    }

    fn next_state(&self, state: &Sys, action: Action) -> Option<Sys> {
        Some(self.step(state, action).0)
    }

    fn format_action(&self, action: &Action) -> String {
        let names = self.scenario.hosts;
        match action {
            Action::App(h) => format!("{}: next script step", names[*h as usize]),
            Action::Deliver(i) => format!("deliver in-flight segment #{i}"),
            Action::Lose(i) => format!("lose in-flight segment #{i}"),
            Action::Duplicate(i) => format!("deliver #{i} and keep a copy"),
            Action::Tick => "one tick passes".to_string(),
        }
    }

    fn format_step(&self, last_state: &Sys, action: Action) -> Option<String> {
        let (next, fx) = self.step(last_state, action);
        Some(self.describe(last_state, &next, &fx))
    }

    fn properties(&self) -> Vec<stateright::Property<Self>> {
        super::properties::for_scenario(self)
    }
}

/// Weak fairness: an application that can take its next step eventually
/// does, and time eventually passes. Network deliveries need no fairness of
/// their own: an original segment must be delivered or lost before it is
/// MSL old, and time passing forces that.
impl crate::check::Checkable for Tcp {
    fn fairness_class(&self, action: &Action) -> Option<u8> {
        match action {
            // Under symmetry a state stands for its mirror image too, so the
            // two applications share a class: weaker fairness, which can
            // only add counterexamples, never hide one.
            Action::App(_) if self.reduces_symmetry() => Some(0),
            Action::App(h) => Some(*h),
            Action::Tick => Some(2),
            _ => None,
        }
    }

    /// For a symmetric scenario: the state and its mirror image (hosts
    /// swapped), each with the segments in flight listed one direction
    /// after the other. Both rearrangements keep every behaviour: the
    /// scripts, configurations and ISNs of the hosts are the same, and the
    /// order of two segments going opposite ways matters to nothing (a
    /// reordering is judged within one direction).
    fn symmetric_forms(&self, state: &Sys) -> Option<[Sys; 2]> {
        if !self.reduces_symmetry() {
            return None;
        }
        let by_direction = |mut s: Sys| {
            // Stable: each direction keeps its order.
            s.net.in_flight.sort_by_key(|f| f.from);
            s
        };
        let mut mirror = state.clone();
        mirror.hosts.swap(0, 1);
        for f in &mut mirror.net.in_flight {
            f.from = 1 - f.from;
        }
        Some([by_direction(state.clone()), by_direction(mirror)])
    }

    fn next_state_into(&self, state: &Sys, action: Action, into: &mut Sys) -> bool {
        into.clone_from(state);
        // One record of effects a thread, emptied each time, rather than a
        // new one whose lists are allocated and freed for every successor.
        thread_local! {
            static EFFECTS: std::cell::RefCell<Effects> = std::cell::RefCell::default();
        }
        EFFECTS.with_borrow_mut(|fx| {
            fx.clear();
            self.step_in_place(state, into, action, fx);
        });
        true
    }

    /// The state's serde form, compact (see `check::StateCodec::serde`):
    /// at most a third of the 400 bytes of a `Sys`.
    fn state_codec(&self) -> Option<crate::check::StateCodec<Sys>> {
        Some(crate::check::StateCodec::serde())
    }

    fn step_properties(&self) -> Vec<crate::check::StepProperty<Tcp>> {
        super::properties::reaches_for(self)
            .into_iter()
            .map(|r| crate::check::StepProperty {
                name: r.name,
                condition: r.test,
            })
            .collect()
    }
}
