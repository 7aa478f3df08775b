//! The scenarios: who opens, who closes, what each application sends.

use super::app::Step;
use crate::config::{Config, Keepalive, Ticks};
use crate::seq::SeqNum;
use serde::{Deserialize, Serialize};

/// A named scenario: two application scripts and how the hosts are set up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scenario {
    /// The name used on the command line.
    pub name: &'static str,
    /// One line on what it shows.
    pub summary: &'static str,
    /// The hosts' names, for charts.
    pub hosts: [&'static str; 2],
    /// Each host's application script.
    pub scripts: [Vec<Step>; 2],
    /// Script steps each host has taken before the model starts (host 0's
    /// first): a server listens before any client connects.
    pub setup: [u8; 2],
    /// Keep-alive per host (§3.8.4: off unless the application turns it on).
    pub keepalive: [Option<Keepalive>; 2],
    /// Whether a connection is the point: `eventually-established` applies
    /// (when losses leave room and nobody crashes).
    pub establishes: bool,
    /// Properties that do not apply here, each with the reason.
    pub exempt: &'static [(&'static str, &'static str)],
    /// The reachability properties this scenario must show, by name
    /// (see `properties::REACH` and `properties::FIGURE_5`).
    pub reaches: &'static [&'static str],
    /// The two hosts are interchangeable: the same script, setup,
    /// keep-alive and initial sequence numbers. The checker then explores
    /// one state of each pair of mirror images (symmetry reduction).
    pub symmetric: bool,
}

use Step::*;

/// Every scenario, in the order `synack check` runs them.
pub fn all() -> Vec<Scenario> {
    vec![
        Scenario {
            name: "client-server",
            summary:
                "the client connects, sends one octet and closes first; the server closes on EOF",
            hosts: ["client", "server"],
            setup: [0, 1],
            scripts: [
                vec![Connect, Send(1), AwaitEstablished, Close],
                vec![Listen, AwaitEof, Close],
            ],
            establishes: true,
            keepalive: [None, None],
            exempt: &[],
            reaches: &[
                "CLOSED -> SYN-SENT",
                "LISTEN -> SYN-RECEIVED",
                "SYN-SENT -> ESTABLISHED",
                "SYN-RECEIVED -> ESTABLISHED",
                "ESTABLISHED -> FIN-WAIT-1",
                "ESTABLISHED -> CLOSE-WAIT",
                "FIN-WAIT-1 -> FIN-WAIT-2",
                "FIN-WAIT-1 -> TIME-WAIT",
                "FIN-WAIT-2 -> TIME-WAIT",
                "CLOSE-WAIT -> LAST-ACK",
                "LAST-ACK -> CLOSED",
                "TIME-WAIT -> CLOSED",
            ],
            symmetric: false,
        },
        Scenario {
            name: "simultaneous-open",
            summary: "both hosts open actively (one after listening), then close",
            hosts: ["A", "B"],
            // A's SYN is on its way before anything else: neither host can
            // meet a peer that has not opened yet.
            setup: [1, 1],
            scripts: [
                vec![Connect, AwaitEstablished, Close],
                vec![Listen, Connect, AwaitEof, Close],
            ],
            establishes: true,
            keepalive: [None, None],
            exempt: &[],
            reaches: &[
                "both SYN-RECEIVED",
                "LISTEN -> SYN-SENT",
                "SYN-SENT -> SYN-RECEIVED",
            ],
            symmetric: false,
        },
        Scenario {
            name: "simultaneous-close",
            summary: "both applications close as soon as the connection is up",
            hosts: ["client", "server"],
            setup: [0, 1],
            scripts: [
                vec![Connect, AwaitEstablished, Close],
                vec![Listen, AwaitEstablished, Close],
            ],
            establishes: true,
            keepalive: [None, None],
            exempt: &[],
            reaches: &[
                "FIN-WAIT-1 -> CLOSING",
                "CLOSING -> TIME-WAIT",
                "both TIME-WAIT",
            ],
            symmetric: false,
        },
        Scenario {
            name: "symmetric-open",
            summary: "both hosts open actively with one script and close: mirror-image states are \
                      explored once",
            hosts: ["A", "B"],
            setup: [0, 0],
            scripts: [
                vec![Connect, AwaitEstablished, Close],
                vec![Connect, AwaitEstablished, Close],
            ],
            // A SYN may reach a host before it opens: it answers RST and the
            // other's OPEN fails. Nothing promises a connection.
            establishes: false,
            keepalive: [None, None],
            exempt: &[],
            reaches: &[
                "both SYN-RECEIVED",
                "SYN-SENT -> SYN-RECEIVED",
                "FIN-WAIT-1 -> CLOSING",
                "both TIME-WAIT",
            ],
            symmetric: true,
        },
        Scenario {
            name: "half-close",
            summary: "the client closes at once; the server still sends one octet in CLOSE-WAIT",
            hosts: ["client", "server"],
            setup: [0, 1],
            scripts: [
                vec![Connect, AwaitEstablished, Close],
                vec![Listen, AwaitEof, Send(1), Close],
            ],
            establishes: true,
            keepalive: [None, None],
            exempt: &[(
                "last-ack-closes-by-ack",
                "RTO equals MSL in this model, and the ACK of the data sent in CLOSE-WAIT restarts \
                 the FIN's retransmission timer (RFC 6298 §5.3): a FIN retransmitted after a lost \
                 last ACK can then arrive just after 2MSL. RFC 9293's 2MSL assumes RTO far below MSL",
            )],
            reaches: &["data in CLOSE-WAIT delivered"],
            symmetric: false,
        },
        Scenario {
            name: "reconnect",
            summary: "two connections in a row on the same addresses and ports",
            hosts: ["client", "server"],
            setup: [0, 1],
            scripts: [
                vec![
                    Connect,
                    Send(1),
                    AwaitEstablished,
                    Close,
                    AwaitClosed,
                    Connect,
                    Send(1),
                    AwaitEstablished,
                    Close,
                ],
                vec![
                    Listen,
                    AwaitEof,
                    Close,
                    AwaitClosed,
                    Listen,
                    AwaitEof,
                    Close,
                ],
            ],
            establishes: true,
            keepalive: [None, None],
            exempt: &[],
            reaches: &[
                "second connection established",
                "CLOSED -> LISTEN",
                "SYN-RECEIVED -> LISTEN on RST",
                "RST answers an old SYN,ACK",
            ],
            symmetric: false,
        },
        Scenario {
            name: "peer-crash",
            summary: "the client dies silently once connected; the server's keep-alive finds out",
            hosts: ["client", "server"],
            setup: [0, 1],
            scripts: [
                vec![Connect, AwaitEstablished, Crash],
                vec![Listen, AwaitEof, Close],
            ],
            establishes: true,
            keepalive: [
                None,
                Some(Keepalive {
                    idle: 2,
                    interval: 1,
                    probes: 2,
                }),
            ],
            exempt: &[],
            reaches: &["keep-alive gives up"],
            symmetric: false,
        },
        Scenario {
            name: "half-open",
            summary: "the server aborts once connected and listens again; the idle client's \
                      keep-alive finds the half-open connection, reset by a RST (§3.5.1)",
            hosts: ["client", "server"],
            setup: [0, 1],
            scripts: [
                vec![Connect, AwaitEstablished],
                vec![Listen, AwaitEstablished, Abort, Listen],
            ],
            establishes: true,
            // Keep-alive as `no-give-up-on-live-peer` needs it (§3.8.4's
            // two hours and 75 s are far above any RTT): the interval leaves
            // a probe's answer 2×MSL to arrive, and the idle time outlasts a
            // SYN-RECEIVED born of the client's old duplicate SYN, which
            // answers probes with ACKs until its retries run out.
            keepalive: [
                Some(Keepalive {
                    idle: 10,
                    interval: 4,
                    probes: 2,
                }),
                None,
            ],
            exempt: &[],
            reaches: &["half-open connection reset"],
            symmetric: false,
        },
        Scenario {
            name: "syn-rcvd-close",
            summary: "the server's application closes while the connection is in SYN-RECEIVED",
            hosts: ["client", "server"],
            setup: [0, 1],
            scripts: [
                vec![Connect, AwaitEstablished, AwaitEof, Close],
                vec![Listen, AwaitSynReceived, Close],
            ],
            establishes: true,
            keepalive: [None, None],
            exempt: &[],
            reaches: &["SYN-RECEIVED -> FIN-WAIT-1"],
            symmetric: false,
        },
        Scenario {
            name: "abandon",
            summary:
                "the client gives up connecting (CLOSE in SYN-SENT); the server stops listening",
            hosts: ["client", "server"],
            setup: [0, 1],
            scripts: [vec![Connect, Close], vec![Listen, Close]],
            establishes: false,
            keepalive: [None, None],
            exempt: &[],
            reaches: &[
                "SYN-SENT -> CLOSED",
                "LISTEN -> CLOSED",
                "SYN-RECEIVED -> LISTEN on RST",
            ],
            symmetric: false,
        },
        Scenario {
            name: "abort-handshake",
            summary: "each application ABORTs at any moment of the opening: in LISTEN, SYN-SENT, \
                      SYN-RECEIVED or ESTABLISHED (§3.10.5)",
            hosts: ["client", "server"],
            setup: [0, 1],
            scripts: [vec![Connect, Abort], vec![Listen, Abort]],
            establishes: false,
            keepalive: [None, None],
            exempt: &[(
                "no-unrequested-connection",
                "the server may ABORT after its SYN,ACK left: the client's connection then opens \
                 to a peer that has already forgotten it, and learns so from the RST of §3.10.5",
            )],
            reaches: &[
                "LISTEN -> CLOSED on ABORT",
                "SYN-SENT -> CLOSED on ABORT",
                "SYN-RECEIVED -> CLOSED on ABORT",
                "ESTABLISHED -> CLOSED on ABORT",
            ],
            symmetric: false,
        },
        Scenario {
            name: "abort-close-wait",
            summary: "the server ABORTs once the client's FIN arrived: CLOSE-WAIT to CLOSED, and \
                      its RST ends the client's close",
            hosts: ["client", "server"],
            setup: [0, 1],
            scripts: [
                vec![Connect, AwaitEstablished, Close],
                vec![Listen, AwaitEof, Abort],
            ],
            establishes: false,
            keepalive: [None, None],
            exempt: &[
                (
                    "no-deadlock",
                    "a RST is never retransmitted: when the ABORT's RST is lost the client stays \
                     in FIN-WAIT-2 for ever, for RFC 9293 gives FIN-WAIT-2 no timer (§3.10.8; \
                     stacks add one, e.g. Linux's tcp_fin_timeout)",
                ),
                (
                    "eventually-closed",
                    "as no-deadlock: a lost RST leaves the client in FIN-WAIT-2",
                ),
            ],
            reaches: &[
                "CLOSE-WAIT -> CLOSED on ABORT",
                "FIN-WAIT-2 -> CLOSED on RST",
            ],
            symmetric: false,
        },
    ]
}

/// Look a scenario up by name.
pub fn by_name(name: &str) -> Option<Scenario> {
    all().into_iter().find(|s| s.name == name)
}

/// The bounds of one check: the network's budgets and time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Bounds {
    /// Segments the network may lose.
    pub losses: u8,
    /// Segments it may duplicate.
    pub duplicates: u8,
    /// Segments it may deliver out of order.
    pub reorders: u8,
    /// Maximum segment lifetime in ticks: a segment is delivered, lost or
    /// dead before it is MSL ticks old.
    pub msl: Ticks,
    /// Retransmission timeout in ticks (must be below 2×MSL).
    pub rto: Ticks,
    /// Retransmissions before a connection is given up.
    pub max_retries: u8,
    /// ISS of a host's next connection: `isn_base[host] + connection × isn_step`,
    /// a clock-driven generator as §3.4.1 describes.
    pub isn_step: u32,
}

impl Default for Bounds {
    fn default() -> Bounds {
        Bounds {
            losses: 1,
            duplicates: 1,
            reorders: 1,
            msl: 2,
            rto: 2,
            max_retries: 3,
            isn_step: 10,
        }
    }
}

impl Bounds {
    /// Reject bounds that make no model: a one-line reason.
    pub fn validate(&self) -> Result<(), String> {
        if self.msl < 2 {
            // With MSL = 1 a segment must arrive before any time passes, so
            // a conversation that never pauses stops the clock: a Zeno
            // artifact (TIME-WAIT would never end under an ACK exchange).
            return Err("--msl must be at least 2 ticks".into());
        }
        if self.rto == 0 || self.rto >= 2 * self.msl {
            return Err(format!(
                "--rto must be at least 1 and below 2×MSL = {} ticks",
                2 * self.msl
            ));
        }
        if self.msl > 100 {
            return Err("--msl above 100 ticks gives no model anyone can check".into());
        }
        Ok(())
    }

    /// The endpoint configuration for one host under these bounds.
    pub fn config(&self, keepalive: Option<Keepalive>) -> Config {
        Config {
            rto: self.rto,
            max_retries: self.max_retries,
            keepalive,
            ..Config::for_msl(self.msl)
        }
    }
}

/// First ISS of each host, far apart so charts tell the directions apart.
pub const ISN_BASE: [u32; 2] = [0, 100];

/// The ISS for `host`'s `connection`th connection (§3.4.1: chosen anew for
/// each connection).
pub fn iss(bounds: &Bounds, host: usize, connection: u8) -> SeqNum {
    SeqNum(ISN_BASE[host] + u32::from(connection) * bounds.isn_step)
}
