//! Variants: the RFC protocol with one rule removed, each answering a
//! question the seed articles ask ("why three segments to open?") with the
//! shortest trace in which the missing rule is missed.
//!
//! A variant changes one rule through the endpoint's configuration
//! ([`Config`](crate::Config) and its [`Broken`](crate::Broken) flags), never
//! through a copy of the state machine.

use super::scenario::Bounds;
use super::system::Tcp;

/// Where a variant shows its point: a scenario, the bounds, and the
/// property expected to fail there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Expect {
    /// The scenario.
    pub scenario: &'static str,
    /// The property the variant is expected to violate.
    pub property: &'static str,
    /// The network's loss budget, if not the default: a point that needs no
    /// loss is clearest without one.
    pub losses: Option<u8>,
}

/// The RFC protocol with one rule removed.
#[derive(Clone, Copy)]
pub struct Variant {
    /// The name used on the command line.
    pub name: &'static str,
    /// The question of the seed articles it answers.
    pub question: &'static str,
    /// The claims of CLAIMS.md it shows.
    pub claims: &'static str,
    /// The rule removed.
    pub change: &'static str,
    /// Where it goes wrong.
    pub expect: &'static [Expect],
    /// Remove the rule from a model.
    pub apply: fn(&mut Tcp),
}

impl std::fmt::Debug for Variant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl Variant {
    /// The bounds of `expect`, starting from `bounds`.
    pub fn bounds(expect: &Expect, bounds: Bounds) -> Bounds {
        Bounds {
            losses: expect.losses.unwrap_or(bounds.losses),
            ..bounds
        }
    }
}

const fn at(scenario: &'static str, property: &'static str) -> Expect {
    Expect {
        scenario,
        property,
        losses: None,
    }
}

/// Every variant, in the order of the seed articles' questions.
pub const ALL: &[Variant] = &[
    Variant {
        name: "two-way-handshake",
        question: "Why does opening take three segments, not two?",
        claims: "O4, O5, O6",
        change: "the passive side is ESTABLISHED as soon as it sends its SYN,ACK",
        expect: &[
            at("client-server", "no-deadlock"),
            at("reconnect", "no-unrequested-connection"),
        ],
        apply: |m| m.configs.iter_mut().for_each(|c| c.broken.two_way_handshake = true),
    },
    Variant {
        name: "no-time-wait",
        question: "Why does the active closer wait in TIME_WAIT?",
        claims: "C7a",
        change: "TIME_WAIT ends at once",
        expect: &[at("client-server", "last-ack-closes-by-ack")],
        apply: |m| m.configs.iter_mut().for_each(|c| c.time_wait = 0),
    },
    Variant {
        name: "short-time-wait",
        question: "Why does TIME_WAIT last 2MSL?",
        claims: "C7a",
        change: "TIME_WAIT lasts one tick instead of 2MSL",
        expect: &[at("client-server", "last-ack-closes-by-ack")],
        apply: |m| m.configs.iter_mut().for_each(|c| c.time_wait = 1),
    },
    Variant {
        name: "fixed-isn",
        question: "Why is the ISN chosen anew for each connection?",
        claims: "O8, C7b",
        change: "every connection of a host starts at the same ISN",
        expect: &[at("reconnect", "stream-integrity")],
        apply: |m| m.bounds.isn_step = 0,
    },
    Variant {
        name: "combined-fin",
        question: "Why does closing take four segments, not three?",
        claims: "C2, C6",
        change: "the passive side answers the peer's FIN with its own FIN at once, dropping what it had yet to send",
        expect: &[at("half-close", "half-close-delivers")],
        apply: |m| m.configs.iter_mut().for_each(|c| c.broken.combined_fin = true),
    },
    Variant {
        name: "no-keepalive",
        question: "Why does TCP have keep-alives?",
        claims: "F1",
        change: "keep-alive off on the server",
        expect: &[at("peer-crash", "eventually-closed")],
        apply: |m| m.configs.iter_mut().for_each(|c| c.keepalive = None),
    },
    Variant {
        name: "ignore-stale-synack",
        question: "Why does the client reset a SYN,ACK that does not acknowledge its SYN?",
        claims: "O7",
        change: "SYN_SENT drops a segment whose ACK does not acknowledge its SYN instead of sending RST",
        expect: &[Expect {
            scenario: "reconnect",
            property: "no-connect-timeout",
            losses: Some(0),
        }],
        apply: |m| m.configs.iter_mut().for_each(|c| c.broken.ignore_stale_ack = true),
    },
];

/// Look a variant up by name.
pub fn by_name(name: &str) -> Option<&'static Variant> {
    ALL.iter().find(|v| v.name == name)
}
