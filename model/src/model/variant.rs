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
    /// The network's duplicate budget, if not the default: likewise.
    pub duplicates: Option<u8>,
}

impl Expect {
    /// The bounds at which the point is made, starting from `bounds`.
    pub fn bounds(&self, bounds: Bounds) -> Bounds {
        Bounds {
            losses: self.losses.unwrap_or(bounds.losses),
            duplicates: self.duplicates.unwrap_or(bounds.duplicates),
            ..bounds
        }
    }
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
    /// The answer to the question, in two sentences.
    pub answer: &'static str,
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
        expect.bounds(bounds)
    }
}

const fn at(scenario: &'static str, property: &'static str) -> Expect {
    Expect {
        scenario,
        property,
        losses: None,
        duplicates: None,
    }
}

/// Every variant, in the order of the seed articles' questions.
pub const ALL: &[Variant] = &[
    Variant {
        name: "two-way-handshake",
        question: "Why does opening take three segments, not two?",
        claims: "O4, O5, O6",
        change: "the passive side is ESTABLISHED as soon as it sends its SYN,ACK",
        answer: "With two segments the server believes in a connection as soon as its SYN,ACK leaves: if that segment is lost, the client gives up while the server holds a connection for ever (O5), and an old duplicate SYN opens a connection the client never asked for (O6). The third segment is the client's proof that it has the server's ISN and wants this very connection (O4).",
        expect: &[
            at("client-server", "no-deadlock"),
            at("reconnect", "no-unrequested-connection"),
        ],
        apply: |m| m.configs.iter_mut().for_each(|c| c.broken.two_way_handshake = true),
    },
    Variant {
        name: "no-time-wait",
        question: "Why does the active closer wait in TIME-WAIT?",
        claims: "C7a",
        change: "TIME-WAIT ends at once",
        answer: "If the active closer forgets the connection as soon as it has sent the last ACK, and that ACK is lost, the peer's retransmitted FIN finds no connection and is answered with a RST: the peer's close ends in an error instead of an acknowledgment (C7a). TIME-WAIT keeps just enough of the connection to acknowledge the FIN again.",
        expect: &[at("client-server", "last-ack-closes-by-ack")],
        apply: |m| m.configs.iter_mut().for_each(|c| c.time_wait = 0),
    },
    Variant {
        name: "short-time-wait",
        question: "Why does TIME-WAIT last 2MSL?",
        claims: "C7a",
        change: "TIME-WAIT lasts one tick instead of 2MSL",
        answer: "TIME-WAIT must outlast the peer's retransmission of its FIN, which comes up to RTO + MSL after the first FIN; a TIME-WAIT shorter than that meets the retransmission closed and answers RST (C7a). 2MSL covers it for any RTO up to MSL.",
        expect: &[at("client-server", "last-ack-closes-by-ack")],
        apply: |m| m.configs.iter_mut().for_each(|c| c.time_wait = 1),
    },
    Variant {
        name: "fixed-isn",
        question: "Why is the ISN chosen anew for each connection?",
        claims: "O8, C7b",
        change: "every connection of a host starts at the same ISN",
        answer: "With the same ISN for every connection, a segment of the previous connection still in flight fits the window of the next one on the same ports and is accepted as its data (O8, C7b). TIME-WAIT alone is no guarantee: here a RST answering an old ACK ends it early (the assassination RFC 1337 describes), and only a clock-driven ISN would have kept the old segment out.",
        expect: &[at("reconnect", "stream-integrity")],
        apply: |m| m.bounds.isn_step = 0,
    },
    Variant {
        name: "combined-fin",
        question: "Why does closing take four segments, not three?",
        claims: "C2, C6",
        change: "the passive side answers the peer's FIN with its own FIN at once, dropping what it had yet to send",
        answer: "The passive closer may still have data to send when the peer's FIN arrives, so it acknowledges the FIN at once and sends its own FIN only when its application closes: four segments (C2, C6). Answering the FIN with a FIN right away cuts off what the application was about to send, and the peer never receives it.",
        expect: &[at("half-close", "half-close-delivers")],
        apply: |m| m.configs.iter_mut().for_each(|c| c.broken.combined_fin = true),
    },
    Variant {
        name: "no-keepalive",
        question: "Why does TCP have keep-alives?",
        claims: "F1",
        change: "keep-alive off on the server",
        answer: "A host that crashes sends nothing, so its peer's idle connection gets no segment that could tell it: without keep-alive probes it stays ESTABLISHED for ever (F1). Keep-alive probes an idle connection and, after several unanswered probes, gives it up.",
        expect: &[at("peer-crash", "eventually-closed")],
        apply: |m| m.configs.iter_mut().for_each(|c| c.keepalive = None),
    },
    Variant {
        name: "ignore-stale-synack",
        question: "Why does the client reset a SYN,ACK that does not acknowledge its SYN?",
        claims: "O7",
        change: "SYN-SENT drops a segment whose ACK does not acknowledge its SYN instead of sending RST",
        answer: "A SYN,ACK whose ACK does not acknowledge the client's SYN answers an old duplicate SYN; the client's RST tells the server to drop the half-open connection that old SYN created (O7). A client that ignores it leaves the server holding that connection, answering the client's real SYN with ACKs of the wrong connection until the client's connect times out.",
        expect: &[Expect {
            scenario: "reconnect",
            property: "no-connect-timeout",
            losses: Some(0),
            duplicates: None,
        }],
        apply: |m| m.configs.iter_mut().for_each(|c| c.broken.ignore_stale_ack = true),
    },
];

/// Look a variant up by name.
pub fn by_name(name: &str) -> Option<&'static Variant> {
    ALL.iter().find(|v| v.name == name)
}
