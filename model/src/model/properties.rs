//! The properties synack proves, each tied to the claims of
//! `shared/seeds/CLAIMS.md` it checks.

use super::network::{HostId, InFlight};
use super::system::{Action, Sys, Tcp};
use crate::config::Ticks;
use crate::state::State;
use crate::Flags;
use stateright::Property;

/// A property of a step rather than of a state: "some reachable step does
/// this". Used for the transitions of Figure 5 and for events such as
/// "a RST answers an old SYN,ACK".
#[derive(Clone, Copy)]
pub struct Reach {
    /// Name, as printed.
    pub name: &'static str,
    /// The claims of CLAIMS.md it shows.
    pub claims: &'static str,
    /// Whether the step from `before` by `action` to `after` is one.
    pub test: fn(&Tcp, &Sys, &Action, &Sys) -> bool,
}

impl std::fmt::Debug for Reach {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

fn state_of(sys: &Sys, host: HostId) -> State {
    sys.hosts[host].endpoint.state()
}

/// A final state synack accepts: each host crashed, CLOSED (both closed, or
/// gave up after the retry limit and told its application), or back in
/// LISTEN (a server whose connection attempt failed keeps listening).
/// Anything else with nothing left to happen is a deadlock: a host holds a
/// connection its peer will never complete or close.
pub fn acceptable_end(sys: &Sys) -> bool {
    sys.hosts
        .iter()
        .all(|h| h.app.crashed || matches!(h.endpoint.state(), State::Closed | State::Listen))
}

fn no_deadlock(m: &Tcp, s: &Sys) -> bool {
    acceptable_end(s) || !m.is_terminal(s)
}

fn settled(m: &Tcp, s: &Sys) -> bool {
    acceptable_end(s) && m.is_terminal(s)
}

/// Both hosts are synchronized, or crashed (the crash comes only once its
/// connection was up).
fn both_synchronized(_: &Tcp, s: &Sys) -> bool {
    s.hosts
        .iter()
        .all(|h| h.app.crashed || h.endpoint.state().is_synchronized())
}

/// O4: "each side's IRS is the other's ISS" whenever both are ESTABLISHED.
fn synchronized_sequence_numbers(_: &Tcp, s: &Sys) -> bool {
    let [a, b] = [&s.hosts[0].endpoint, &s.hosts[1].endpoint];
    !(a.state() == State::Established && b.state() == State::Established)
        || (a.tcb().irs == b.tcb().iss && b.tcb().irs == a.tcb().iss)
}

/// C7b, O8: every octet an application received is the next one its peer
/// sent on this connection.
fn stream_integrity(_: &Tcp, s: &Sys) -> bool {
    s.hosts.iter().all(|h| !h.app.corrupted)
}

/// C2, C6: once the peer's FIN arrived, everything the peer sent before it
/// closed has arrived too: the passive closer's data sent in CLOSE-WAIT is
/// not lost to the close.
fn half_close_delivers(_: &Tcp, s: &Sys) -> bool {
    (0..2).all(|h| {
        let (me, peer) = (&s.hosts[h].app, &s.hosts[1 - h].app);
        !me.eof || me.opens != peer.opens || me.received == peer.sent
    })
}

/// C5, C8, C11: a host in TIME-WAIT called CLOSE before the peer's FIN
/// arrived. The passive closer ends in LAST-ACK; in a simultaneous close
/// both are active closers.
fn only_active_closer_time_waits(_: &Tcp, s: &Sys) -> bool {
    s.hosts
        .iter()
        .all(|h| h.endpoint.state() != State::TimeWait || h.app.active_closer)
}

/// O6: no connection is synchronized that the peer did not ask for.
fn no_unrequested_connection(_: &Tcp, s: &Sys) -> bool {
    s.hosts.iter().all(|h| !h.app.unrequested)
}

/// O5, O7: when losses leave room, no OPEN times out.
fn no_connect_timeout(_: &Tcp, s: &Sys) -> bool {
    s.hosts.iter().all(|h| !h.app.connect_timed_out)
}

/// C7a: the passive closer leaves LAST-ACK by the ACK of its FIN: a lost
/// last ACK is made good by the FIN's retransmission, never answered by a RST.
fn last_ack_closes_by_ack(_: &Tcp, s: &Sys) -> bool {
    s.hosts.iter().all(|h| !h.app.last_ack_reset)
}

/// C7a, F1 (§3.5.1, §3.8.3): a connection whose peer is alive is never
/// given up by timeout. The peer answers a retransmitted FIN with its ACK
/// (TIME-WAIT lasts for that), and a keep-alive probe or retransmission to
/// a peer that lost the connection with a RST: only a dead peer's
/// connection ends by R2 or by keep-alive giving up.
fn no_give_up_on_live_peer(_: &Tcp, s: &Sys) -> bool {
    s.hosts.iter().all(|h| !h.app.gave_up_on_live_peer)
}

fn both_syn_received(_: &Tcp, s: &Sys) -> bool {
    (0..2).all(|h| state_of(s, h) == State::SynReceived)
}

fn both_time_wait(_: &Tcp, s: &Sys) -> bool {
    (0..2).all(|h| state_of(s, h) == State::TimeWait)
}

fn data_in_close_wait_delivered(_: &Tcp, s: &Sys) -> bool {
    s.hosts[0].app.received > 0 && s.hosts[0].app.eof
}

fn second_connection_established(m: &Tcp, s: &Sys) -> bool {
    s.hosts.iter().all(|h| h.app.opens == 2) && both_synchronized(m, s)
}

/// Named state properties: (name, claims, property).
pub fn catalogue() -> Vec<(&'static str, Property<Tcp>)> {
    vec![
        ("O5, F1", Property::always("no-deadlock", no_deadlock)),
        (
            "O1, O4",
            Property::always(
                "synchronized-sequence-numbers",
                synchronized_sequence_numbers,
            ),
        ),
        (
            "C7b, O8",
            Property::always("stream-integrity", stream_integrity),
        ),
        (
            "C2, C6",
            Property::always("half-close-delivers", half_close_delivers),
        ),
        (
            "C5, C8, C11",
            Property::always(
                "only-active-closer-time-waits",
                only_active_closer_time_waits,
            ),
        ),
        (
            "O6",
            Property::always("no-unrequested-connection", no_unrequested_connection),
        ),
        (
            "O5, O7",
            Property::always("no-connect-timeout", no_connect_timeout),
        ),
        (
            "C7a",
            Property::always("last-ack-closes-by-ack", last_ack_closes_by_ack),
        ),
        (
            "C7a, F1",
            Property::always("no-give-up-on-live-peer", no_give_up_on_live_peer),
        ),
        (
            "O4",
            Property::eventually("eventually-established", both_synchronized),
        ),
        ("C5, F1", Property::eventually("eventually-closed", settled)),
        (
            "O9",
            Property::sometimes("both SYN-RECEIVED", both_syn_received),
        ),
        ("C8", Property::sometimes("both TIME-WAIT", both_time_wait)),
        (
            "C2, C6",
            Property::sometimes("data in CLOSE-WAIT delivered", data_in_close_wait_delivered),
        ),
        (
            "C7",
            Property::sometimes(
                "second connection established",
                second_connection_established,
            ),
        ),
    ]
}

/// The properties checked in `model`'s scenario: every safety and liveness
/// property that applies, and the reachability properties it lists.
pub fn for_scenario(model: &Tcp) -> Vec<Property<Tcp>> {
    catalogue()
        .into_iter()
        .filter(|(_, p)| {
            !model
                .scenario
                .exempt
                .iter()
                .any(|(name, _)| *name == p.name)
        })
        .filter(|(_, p)| match p.expectation {
            stateright::Expectation::Sometimes => model.scenario.reaches.contains(&p.name),
            _ if p.name == "eventually-established" => establishment_guaranteed(model),
            _ if p.name == "no-connect-timeout" => connect_cannot_time_out(model),
            // C7a is about one lost ACK: TIME-WAIT answers one retransmitted
            // FIN; if that is lost too, the next may come after 2MSL.
            _ if p.name == "last-ack-closes-by-ack" => model.bounds.losses <= 1,
            // Giving up takes more unanswered segments than the network can
            // lose, and keep-alive must give the peer time to answer.
            _ if p.name == "no-give-up-on-live-peer" => live_peer_cannot_be_given_up(model),
            _ => true,
        })
        .map(|(_, p)| p)
        .collect()
}

/// "Eventually ESTABLISHED when losses leave room": the network cannot lose
/// more segments than an endpoint retransmits, so no handshake can be given
/// up, and no host of the scenario crashes (a crash may come before the
/// peer learned the connection is up).
pub fn establishment_guaranteed(model: &Tcp) -> bool {
    model.scenario.establishes
        && model.bounds.losses <= model.bounds.max_retries
        && !model
            .scenario
            .scripts
            .iter()
            .flatten()
            .any(|s| *s == super::app::Step::Crash)
}

/// "No live peer's connection is given up": the network loses at most one
/// segment (as for C7a: a FIN retransmitted after 2MSL meets a CLOSED peer),
/// each host retransmits more often than that by one (R2 gives up an RTO
/// after the last retransmission, while its answer may take up to 2×MSL to
/// come back) and probes more often than that, and keep-alive
/// waits a round trip (2×MSL) for a probe's answer before the next. Its
/// first probe waits, too, until an old duplicate SYN can no longer hold the
/// peer in SYN-RECEIVED (which answers a probe with an ACK, not a RST, until
/// its retries run out): §3.8.4's two hours are far above that.
pub fn live_peer_cannot_be_given_up(model: &Tcp) -> bool {
    let b = &model.bounds;
    let syn_received_lasts = (Ticks::from(b.max_retries) + 1) * b.rto + b.msl;
    b.losses <= 1
        && b.losses < b.max_retries
        && model.configs.iter().all(|c| {
            c.keepalive.is_none_or(|k| {
                b.losses < k.probes && k.interval >= 2 * b.msl && k.idle >= syn_received_lasts
            })
        })
}

/// "No OPEN times out": where establishment is guaranteed and no old
/// connection's duplicates are about. Old duplicates of an earlier
/// connection cost the new one a round trip each (§3.5.1, the recovery from
/// an old duplicate SYN), so when a host opens twice the property is only
/// claimed on a network that loses nothing.
pub fn connect_cannot_time_out(model: &Tcp) -> bool {
    let opens_twice = model.scenario.scripts.iter().any(|script| {
        let count = |step| script.iter().filter(|s| **s == step).count();
        count(super::app::Step::Connect) > 1 || count(super::app::Step::Listen) > 1
    });
    establishment_guaranteed(model) && (!opens_twice || model.bounds.losses == 0)
}

/// The claims a property checks, by name.
pub fn claims_of(name: &str) -> &'static str {
    catalogue()
        .into_iter()
        .find(|(_, p)| p.name == name)
        .map(|(c, _)| c)
        .or_else(|| {
            REACH
                .iter()
                .chain(FIGURE_5)
                .chain(OFF_DIAGRAM.iter().map(|o| &o.reach))
                .find(|r| r.name == name)
                .map(|r| r.claims)
        })
        .unwrap_or("")
}

macro_rules! transition {
    ($name:literal, $claims:literal, $from:ident => $to:ident) => {
        Reach {
            name: $name,
            claims: $claims,
            test: |_, before, _, after| {
                (0..2).any(|h| {
                    state_of(before, h) == State::$from && state_of(after, h) == State::$to
                })
            },
        }
    };
}

/// The segment a delivery hands to a host, and that host.
fn arriving<'s>(before: &'s Sys, action: &Action) -> Option<(HostId, &'s InFlight)> {
    let Action::Deliver(i) = *action else {
        return None;
    };
    let f = &before.net.in_flight[i as usize];
    Some((1 - f.from as usize, f))
}

/// The transitions of RFC 9293 Figure 5, each as a reachability property.
pub const FIGURE_5: &[Reach] = &[
    transition!("CLOSED -> LISTEN", "", Closed => Listen),
    transition!("CLOSED -> SYN-SENT", "O1", Closed => SynSent),
    transition!("LISTEN -> SYN-RECEIVED", "O1", Listen => SynReceived),
    transition!("LISTEN -> SYN-SENT", "", Listen => SynSent),
    transition!("LISTEN -> CLOSED", "", Listen => Closed),
    transition!("SYN-SENT -> SYN-RECEIVED", "O9", SynSent => SynReceived),
    transition!("SYN-SENT -> ESTABLISHED", "O1", SynSent => Established),
    transition!("SYN-SENT -> CLOSED", "", SynSent => Closed),
    transition!("SYN-RECEIVED -> ESTABLISHED", "O1", SynReceived => Established),
    transition!("SYN-RECEIVED -> FIN-WAIT-1", "C9", SynReceived => FinWait1),
    transition!("ESTABLISHED -> FIN-WAIT-1", "C1", Established => FinWait1),
    transition!("ESTABLISHED -> CLOSE-WAIT", "C2", Established => CloseWait),
    transition!("FIN-WAIT-1 -> FIN-WAIT-2", "C3", FinWait1 => FinWait2),
    transition!("FIN-WAIT-1 -> CLOSING", "C8", FinWait1 => Closing),
    transition!("FIN-WAIT-1 -> TIME-WAIT", "C10", FinWait1 => TimeWait),
    transition!("FIN-WAIT-2 -> TIME-WAIT", "C5", FinWait2 => TimeWait),
    transition!("CLOSE-WAIT -> LAST-ACK", "C4", CloseWait => LastAck),
    transition!("CLOSING -> TIME-WAIT", "C8", Closing => TimeWait),
    transition!("LAST-ACK -> CLOSED", "C5, C11", LastAck => Closed),
    transition!("TIME-WAIT -> CLOSED", "C5, C7", TimeWait => Closed),
];

/// Steps that are not a Figure 5 transition but that a claim is about.
pub const REACH: &[Reach] = &[
    Reach {
        name: "SYN-RECEIVED -> LISTEN on RST",
        claims: "O7",
        test: |_, before, action, after| {
            let Some((to, segment)) = arriving(before, action) else {
                return false;
            };
            segment.has(Flags::RST)
                && state_of(before, to) == State::SynReceived
                && state_of(after, to) == State::Listen
        },
    },
    Reach {
        name: "RST answers an old SYN,ACK",
        claims: "O7",
        test: |_, before, action, after| {
            let Some((to, segment)) = arriving(before, action) else {
                return false;
            };
            segment.has(Flags::SYN | Flags::ACK)
                && state_of(before, to) == State::SynSent
                && state_of(after, to) == State::SynSent
                && after
                    .net
                    .in_flight
                    .last()
                    .is_some_and(|g| g.from as usize == to && g.has(Flags::RST))
        },
    },
    Reach {
        name: "half-open connection reset",
        claims: "",
        test: |_, before, action, after| {
            let Some((to, segment)) = arriving(before, action) else {
                return false;
            };
            segment.has(Flags::RST)
                && matches!(state_of(before, 1 - to), State::Closed | State::Listen)
                && state_of(before, to) == State::Established
                && state_of(after, to) == State::Closed
        },
    },
    Reach {
        name: "keep-alive gives up",
        claims: "F1",
        test: |_, before, action, after| {
            *action == Action::Tick
                && (0..2).any(|h| {
                    before.hosts[1 - h].app.crashed
                        && state_of(before, h) == State::Established
                        && state_of(after, h) == State::Closed
                })
        },
    },
];

/// The step properties checked in `model`'s scenario: those it lists.
pub fn reaches_for(model: &Tcp) -> Vec<Reach> {
    REACH
        .iter()
        .chain(FIGURE_5)
        .chain(OFF_DIAGRAM.iter().map(|o| &o.reach))
        .filter(|r| model.all_reaches || model.scenario.reaches.contains(&r.name))
        .copied()
        .collect()
}

/// A transition RFC 9293 §3.10 makes that Figure 5 does not draw, with
/// the step of §3.10 (or §3.8.3) that makes it.
#[derive(Clone, Copy, Debug)]
pub struct OffDiagram {
    /// The step property: `FROM -> TO on CAUSE`.
    pub reach: Reach,
    /// Where RFC 9293 makes it.
    pub rfc: &'static str,
}

/// The host that went from `from` to `to` in this step, if one did.
fn moved(before: &Sys, after: &Sys, from: State, to: State) -> Option<HostId> {
    (0..2).find(|&h| state_of(before, h) == from && state_of(after, h) == to)
}

/// A RST delivered to a host took it from `from` to `to`.
fn on_rst(before: &Sys, action: &Action, after: &Sys, from: State, to: State) -> bool {
    let Some((h, f)) = arriving_any(before, action) else {
        return false;
    };
    f.has(Flags::RST) && state_of(before, h) == from && state_of(after, h) == to
}

/// The host's ABORT took it from `from` to CLOSED.
fn on_abort(m: &Tcp, before: &Sys, action: &Action, after: &Sys, from: State) -> bool {
    let Action::App(h) = *action else {
        return false;
    };
    let h = usize::from(h);
    let pc = usize::from(before.hosts[h].app.pc);
    m.scenario.scripts[h].get(pc) == Some(&super::app::Step::Abort)
        && state_of(before, h) == from
        && state_of(after, h) == State::Closed
}

/// Time gave the connection up with something unacknowledged: the
/// retransmission timer's retry limit (R2 of §3.8.3), not keep-alive.
fn on_retry_limit(before: &Sys, action: &Action, after: &Sys, from: State, to: State) -> bool {
    *action == Action::Tick
        && moved(before, after, from, to).is_some_and(|h| {
            let tcb = before.hosts[h].endpoint.tcb();
            tcb.snd_una != tcb.snd_nxt
        })
}

/// The segment a delivery or a duplication hands to a host, and that host.
fn arriving_any<'s>(before: &'s Sys, action: &Action) -> Option<(HostId, &'s InFlight)> {
    let (Action::Deliver(i) | Action::Duplicate(i)) = *action else {
        return None;
    };
    let f = &before.net.in_flight[i as usize];
    Some((1 - f.from as usize, f))
}

macro_rules! off {
    ($name:literal, $rfc:literal, rst: $from:ident => $to:ident) => {
        OffDiagram {
            reach: Reach {
                name: $name,
                claims: "",
                test: |_, b, a, after| on_rst(b, a, after, State::$from, State::$to),
            },
            rfc: $rfc,
        }
    };
    ($name:literal, $rfc:literal, abort: $from:ident) => {
        OffDiagram {
            reach: Reach {
                name: $name,
                claims: "",
                test: |m, b, a, after| on_abort(m, b, a, after, State::$from),
            },
            rfc: $rfc,
        }
    };
    ($name:literal, $rfc:literal, retry: $from:ident => $to:ident) => {
        OffDiagram {
            reach: Reach {
                name: $name,
                claims: "",
                test: |_, b, a, after| on_retry_limit(b, a, after, State::$from, State::$to),
            },
            rfc: $rfc,
        }
    };
}

/// The transitions of §3.10 that Figure 5 does not draw ("the diagram is
/// only a summary", §3.3.2). Figure 5's own arrows are [`FIGURE_5`]; the
/// RST from SYN-RECEIVED back to LISTEN and keep-alive giving up are in
/// [`REACH`].
pub const OFF_DIAGRAM: &[OffDiagram] = &[
    OffDiagram {
        reach: Reach {
            name: "SYN-RECEIVED -> CLOSE-WAIT on FIN",
            claims: "",
            test: |_, before, action, after| {
                let Some((h, f)) = arriving_any(before, action) else {
                    return false;
                };
                f.has(Flags::FIN)
                    && state_of(before, h) == State::SynReceived
                    && state_of(after, h) == State::CloseWait
            },
        },
        rfc: "§3.10.7.4 eighth step (FIN): SYN-RECEIVED, ESTABLISHED: enter CLOSE-WAIT",
    },
    off!("SYN-SENT -> CLOSED on RST", "§3.10.7.3 second step: ACK acceptable, RST: connection reset, enter CLOSED", rst: SynSent => Closed),
    off!("SYN-RECEIVED -> CLOSED on RST", "§3.10.7.4 second step: SYN-RECEIVED from an active OPEN: connection refused, enter CLOSED", rst: SynReceived => Closed),
    off!("ESTABLISHED -> CLOSED on RST", "§3.10.7.4 second step: ESTABLISHED..CLOSE-WAIT: connection reset, enter CLOSED", rst: Established => Closed),
    off!("FIN-WAIT-1 -> CLOSED on RST", "§3.10.7.4 second step: ESTABLISHED..CLOSE-WAIT: connection reset, enter CLOSED", rst: FinWait1 => Closed),
    off!("FIN-WAIT-2 -> CLOSED on RST", "§3.10.7.4 second step: ESTABLISHED..CLOSE-WAIT: connection reset, enter CLOSED", rst: FinWait2 => Closed),
    off!("CLOSE-WAIT -> CLOSED on RST", "§3.10.7.4 second step: ESTABLISHED..CLOSE-WAIT: connection reset, enter CLOSED", rst: CloseWait => Closed),
    off!("CLOSING -> CLOSED on RST", "§3.10.7.4 second step: CLOSING, LAST-ACK, TIME-WAIT: enter CLOSED", rst: Closing => Closed),
    off!("LAST-ACK -> CLOSED on RST", "§3.10.7.4 second step: CLOSING, LAST-ACK, TIME-WAIT: enter CLOSED", rst: LastAck => Closed),
    off!("TIME-WAIT -> CLOSED on RST", "§3.10.7.4 second step: CLOSING, LAST-ACK, TIME-WAIT: enter CLOSED (RFC 1337 off)", rst: TimeWait => Closed),
    off!("LISTEN -> CLOSED on ABORT", "§3.10.5 ABORT: LISTEN: delete the TCB, enter CLOSED", abort: Listen),
    off!("SYN-SENT -> CLOSED on ABORT", "§3.10.5 ABORT: SYN-SENT: delete the TCB, enter CLOSED", abort: SynSent),
    off!("SYN-RECEIVED -> CLOSED on ABORT", "§3.10.5 ABORT: SYN-RECEIVED..CLOSE-WAIT: send RST, enter CLOSED", abort: SynReceived),
    off!("ESTABLISHED -> CLOSED on ABORT", "§3.10.5 ABORT: SYN-RECEIVED..CLOSE-WAIT: send RST, enter CLOSED", abort: Established),
    off!("FIN-WAIT-1 -> CLOSED on ABORT", "§3.10.5 ABORT: SYN-RECEIVED..CLOSE-WAIT: send RST, enter CLOSED", abort: FinWait1),
    off!("FIN-WAIT-2 -> CLOSED on ABORT", "§3.10.5 ABORT: SYN-RECEIVED..CLOSE-WAIT: send RST, enter CLOSED", abort: FinWait2),
    off!("CLOSE-WAIT -> CLOSED on ABORT", "§3.10.5 ABORT: SYN-RECEIVED..CLOSE-WAIT: send RST, enter CLOSED", abort: CloseWait),
    off!("CLOSING -> CLOSED on ABORT", "§3.10.5 ABORT: CLOSING, LAST-ACK, TIME-WAIT: delete the TCB, enter CLOSED", abort: Closing),
    off!("LAST-ACK -> CLOSED on ABORT", "§3.10.5 ABORT: CLOSING, LAST-ACK, TIME-WAIT: delete the TCB, enter CLOSED", abort: LastAck),
    off!("TIME-WAIT -> CLOSED on ABORT", "§3.10.5 ABORT: CLOSING, LAST-ACK, TIME-WAIT: delete the TCB, enter CLOSED", abort: TimeWait),
    off!("SYN-SENT -> CLOSED on retry limit", "§3.8.3 R2 (§3.10.8 RETRANSMISSION TIMEOUT): the SYN unanswered, connection timed out", retry: SynSent => Closed),
    off!("SYN-RECEIVED -> LISTEN on retry limit", "§3.8.3 R2: a passive OPEN's SYN,ACK unanswered, back to LISTEN", retry: SynReceived => Listen),
    off!("SYN-RECEIVED -> CLOSED on retry limit", "§3.8.3 R2: an active OPEN's SYN,ACK unanswered, connection timed out", retry: SynReceived => Closed),
    off!("ESTABLISHED -> CLOSED on retry limit", "§3.8.3 R2: data unacknowledged, connection timed out", retry: Established => Closed),
    off!("FIN-WAIT-1 -> CLOSED on retry limit", "§3.8.3 R2: the FIN unacknowledged, connection timed out", retry: FinWait1 => Closed),
    off!("CLOSE-WAIT -> CLOSED on retry limit", "§3.8.3 R2: data unacknowledged, connection timed out", retry: CloseWait => Closed),
    off!("CLOSING -> CLOSED on retry limit", "§3.8.3 R2: the FIN unacknowledged, connection timed out", retry: Closing => Closed),
    off!("LAST-ACK -> CLOSED on retry limit", "§3.8.3 R2: the FIN unacknowledged, connection timed out", retry: LastAck => Closed),
];
