//! Endpoint configuration: timer values in ticks and the behaviours RFC 9293
//! leaves optional. A behaviour that differs between stacks is a field here,
//! never a second copy of the state machine.

use serde::{Deserialize, Serialize};

/// A duration in the endpoint's abstract time unit. The model advances time
/// one tick at a time; an adapter for a real stack maps ticks to seconds.
pub type Ticks = u32;

/// Keep-alive settings (§3.8.4). Off unless present (MUST-25).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Keepalive {
    /// Idle time before the first probe (MUST-26, MUST-27).
    pub idle: Ticks,
    /// Time between unanswered probes.
    pub interval: Ticks,
    /// Unanswered probes after which the peer is declared dead. At least 1:
    /// "MUST NOT interpret failure to respond to any specific probe as a dead
    /// connection" (MUST-29).
    pub probes: u8,
}

/// How an endpoint behaves where RFC 9293 gives a choice, and its timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Config {
    /// Largest text carried by one segment (SMSS).
    pub mss: u16,
    /// RCV.WND advertised in every segment. The application reads at once,
    /// so the window never shrinks.
    pub rcv_wnd: u16,
    /// Retransmission timeout (§3.8.1). Fixed: back-off changes no state
    /// transition, only when one happens.
    pub rto: Ticks,
    /// Exponential back-off of the RTO for each retransmission of the same
    /// segment (RFC 6298 5.5, MUST-19). Off in the model: back-off changes
    /// when a transition happens, not which.
    pub rto_backoff: bool,
    /// Retransmissions of one segment before the connection is given up
    /// (R2 of §3.8.3).
    pub max_retries: u8,
    /// How long TIME-WAIT lasts: 2×MSL (§3.6.1, MUST-13). Zero means
    /// TIME-WAIT is left at once (a variant, not the RFC).
    pub time_wait: Ticks,
    /// Keep-alives (§3.8.4); `None` is the RFC's default, off.
    pub keepalive: Option<Keepalive>,
    /// RFC 5961 §3: only a RST exactly at RCV.NXT resets, any other in the
    /// window gets a challenge ACK (§3.10.7.4 second step). §4 and §5 are
    /// `rfc5961_syn` and `rfc5961_ack`.
    pub rfc5961: bool,
    /// RFC 5961 §5: SEG.ACK outside SND.UNA-MAX.SND.WND..SND.NXT is
    /// discarded with an ACK (§3.10.7.4 fifth step, MAY-12). Apart from
    /// `rfc5961` since RFC 9293 makes it a MAY where §3 and §4 are SHOULDs,
    /// and stacks differ (Linux's request sockets skip it).
    pub rfc5961_ack: bool,
    /// RFC 5961 §4: a SYN in a synchronized state gets a challenge ACK
    /// (§3.10.7.4 fourth step). Apart from `rfc5961` (§3, RST) because
    /// stacks take one without the other (gVisor challenges SYNs but takes
    /// any in-window RST).
    pub rfc5961_syn: bool,
    /// RFC 1337: ignore RST in TIME-WAIT, so an old RST cannot assassinate it.
    pub rfc1337: bool,
    /// A new SYN in TIME-WAIT reopens the connection (§3.6.1, MAY-2), as
    /// Linux and BSD do: SEG.SEQ above RCV.NXT tells a new incarnation from
    /// an old duplicate; the new ISS lies above every number the old one
    /// used; a RST answering our SYN,ACK (the SYN was an old duplicate
    /// after all) returns to TIME-WAIT. Off in the model: the RFC's
    /// default is to linger.
    pub time_wait_reopen: bool,
    /// Text and FIN carried on a SYN are queued and processed once
    /// ESTABLISHED is reached (§3.10.7.2 third step: "any other control or
    /// text should be queued for processing later"; §3.10.7.3 fourth step:
    /// "queue them for processing after the ESTABLISHED state has been
    /// reached"). Off: dropped unacknowledged, for the sender to send
    /// again, as stacks without TCP Fast Open do. On in the model.
    pub syn_text_queued: bool,
    /// Rules removed, each to show what it is for (the `variants` of
    /// `synack check --variant`). All off in RFC 9293.
    pub broken: Broken,
}

/// One RFC rule switched off, to show by a counterexample why it is there.
/// Each flag is read at exactly the place the rule is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Broken {
    /// A passive open is ESTABLISHED as soon as it sends its SYN,ACK, which
    /// nothing acknowledges: a two-segment handshake (O5, O6).
    pub two_way_handshake: bool,
    /// On the peer's FIN in ESTABLISHED, answer with our FIN at once,
    /// dropping what the application had yet to send (C6).
    pub combined_fin: bool,
    /// SYN-SENT drops a segment whose ACK does not acknowledge our SYN,
    /// instead of answering it with a RST (O7).
    pub ignore_stale_ack: bool,
    /// Retransmit for ever: R2 of §3.8.3 never gives a connection up, so a
    /// half-open connection to a spoofed address holds its place in the
    /// SYN queue for ever (O10).
    pub no_retry_limit: bool,
}

impl Config {
    /// The configuration the model uses for a given MSL: TIME-WAIT = 2×MSL,
    /// RTO = MSL (so RTO < 2MSL and a retransmitted FIN still finds the peer
    /// in TIME-WAIT), two retransmissions, RFC 5961 on, RFC 1337 off, no
    /// reopening from TIME-WAIT, text on a SYN queued.
    pub fn for_msl(msl: Ticks) -> Config {
        Config {
            mss: 1,
            rcv_wnd: 4,
            rto: msl,
            rto_backoff: false,
            max_retries: 2,
            time_wait: 2 * msl,
            keepalive: None,
            rfc5961: true,
            rfc5961_ack: true,
            rfc5961_syn: true,
            rfc1337: false,
            time_wait_reopen: false,
            syn_text_queued: true,
            broken: Broken::default(),
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config::for_msl(2)
    }
}
