//! The properties of the `syn-flood` scenario, each tied to claim O10.

use super::{Flood, FloodAction, FloodSys, Peer, CLIENT};
use crate::check::StepProperty;
use crate::state::State;
use crate::Flags;
use stateright::Property;

/// O10: the server's memory is bounded: neither queue holds more
/// connections than its size.
fn queues_bounded(m: &Flood, s: &FloodSys) -> bool {
    Flood::syn_queued(s) <= usize::from(m.flood.syn_queue)
        && Flood::accept_queued(s) <= usize::from(m.flood.accept_queue)
}

/// O10: no connection was created while its queue was full: the SYN was
/// dropped instead.
fn full_queue_drops_syn(_: &Flood, s: &FloodSys) -> bool {
    !s.admitted_when_full
}

/// The server's connections synchronized with an address that never
/// asked for one: what each spoofed SYN costs once the handshake is
/// skipped (the `two-way-handshake` variant).
fn unrequested(s: &FloodSys) -> impl Iterator<Item = &super::Conn> {
    s.server
        .iter()
        .filter(|c| c.peer == Peer::Spoofed && c.endpoint.state().is_synchronized())
}

/// O6, O10: no connection is synchronized with an address that never
/// asked for one.
fn no_unrequested_connection(_: &Flood, s: &FloodSys) -> bool {
    unrequested(s).next().is_none()
}

/// O10: the accept queue is never full of connections nobody asked for.
fn accept_queue_not_flooded(m: &Flood, s: &FloodSys) -> bool {
    unrequested(s).count() < usize::from(m.flood.accept_queue)
}

/// O10: the client and its connection at the server are both
/// ESTABLISHED.
fn connected(_: &Flood, s: &FloodSys) -> bool {
    s.client.state() == State::Established
        && s.server
            .iter()
            .any(|c| c.peer == Peer::Client && c.endpoint.state() == State::Established)
}

/// O10 (§3.8.3 R2): the attack is spent and every half-open connection it
/// made is gone.
fn drained(_: &Flood, s: &FloodSys) -> bool {
    s.spoofs_left == 0 && s.server.iter().all(|c| c.peer != Peer::Spoofed)
}

/// Every property of the scenario: (claims, property).
pub fn catalogue() -> Vec<(&'static str, Property<Flood>)> {
    vec![
        ("O10", Property::always("queues-bounded", queues_bounded)),
        (
            "O10",
            Property::always("full-queue-drops-syn", full_queue_drops_syn),
        ),
        (
            "O6, O10",
            Property::always("no-unrequested-connection", no_unrequested_connection),
        ),
        (
            "O10",
            Property::always("accept-queue-not-flooded", accept_queue_not_flooded),
        ),
        (
            "O10",
            Property::eventually("eventually-connects", connected),
        ),
        ("O10", Property::eventually("syn-queue-drains", drained)),
    ]
}

/// The state properties checked.
pub fn all() -> Vec<Property<Flood>> {
    catalogue().into_iter().map(|(_, p)| p).collect()
}

/// Half-open connections of spoofed addresses.
fn spoofed_half_open(s: &FloodSys) -> usize {
    s.server
        .iter()
        .filter(|c| c.peer == Peer::Spoofed && c.endpoint.state() == State::SynReceived)
        .count()
}

/// The events the scenario must show: (name, claims, test).
pub const REACH: &[(&str, &str, StepTest)] = &[
    (
        "spoofed SYN dropped: queue full",
        "O10",
        |_, before, action, after| {
            // A spoofed SYN always opens a connection, unless it is dropped.
            *action == FloodAction::Spoof && after.server.len() == before.server.len()
        },
    ),
    (
        "client SYN dropped: queue full",
        "O10",
        |m, before, action, after| {
            let FloodAction::Deliver(i) = *action else {
                return false;
            };
            let f = &before.net.in_flight[i as usize];
            let no_conn = |s: &FloodSys| s.server.iter().all(|c| c.peer != Peer::Client);
            f.from as usize == CLIENT
                && f.has(Flags::SYN)
                && !f.has(Flags::ACK)
                && no_conn(before)
                && no_conn(after)
                && m.full_for(before, State::SynReceived)
        },
    ),
    (
        "half-open connection given up",
        "O10",
        |_, before, action, after| {
            *action == FloodAction::Tick && spoofed_half_open(after) < spoofed_half_open(before)
        },
    ),
];

/// A step property's test.
pub type StepTest = fn(&Flood, &FloodSys, &FloodAction, &FloodSys) -> bool;

/// The step properties checked.
pub fn reaches() -> Vec<StepProperty<Flood>> {
    REACH
        .iter()
        .map(|&(name, _, condition)| StepProperty { name, condition })
        .collect()
}

/// The claims a property checks, by name; `None` for no property of this
/// scenario.
pub fn claims_of(name: &str) -> Option<&'static str> {
    catalogue()
        .into_iter()
        .find(|(_, p)| p.name == name)
        .map(|(c, _)| c)
        .or_else(|| REACH.iter().find(|r| r.0 == name).map(|r| r.1))
}
