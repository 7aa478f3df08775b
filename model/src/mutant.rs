//! Mutants: the endpoint with one RFC rule broken each.
//!
//! A mutant never reimplements a rule. It tampers with what reaches the
//! endpoint (a segment rewritten or dropped), with what leaves it (a
//! segment dropped or altered), or with a transition (the endpoint replaced
//! by a closed one, or put back as it was). Keeping the tampering outside the endpoint means the
//! endpoint's rules stay written once, and the same mutant can be run both
//! by the conformance suite (which must *kill* it) and by the model checker
//! (which must show the broken rule leads to a property violation, so a
//! stack deviating from that rule is graded "fail" for a reason).
//!
//! Both users drive the tampering the same way: keep a copy of the endpoint
//! before an event, pass an arriving segment through [`Spec::tamper_input`],
//! and hand the copy and what the endpoint sent to [`Spec::tamper_output`]
//! after it.
#![deny(missing_docs)]

use crate::model::network::HostId;
use crate::model::variant::Expect;
use crate::rule::Rule;
use crate::{Endpoint, Flags, Segment, State};

/// How a mutant breaks its rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tamper {
    /// In `state`, rewrite SEG.ACK of arriving segments with ACK (and the
    /// given extra bits, without RST) to SND.NXT: any ACK is acceptable.
    AcceptAnyAck(Flags),
    /// In `state`, drop arriving segments that have all these bits.
    Ignore(Flags),
    /// In `state`, drop arriving segments that are pure ACKs.
    IgnorePureAck,
    /// In `state`, clear FIN on arriving segments.
    StripFin,
    /// In `state`, drop what the endpoint sends in answer to a segment.
    SilentOnSegments,
    /// In `state`, drop what timers send.
    SilentOnTimeout,
    /// In `state`, add one to SEG.ACK of everything sent.
    AckOffByOne,
    /// On entering `state`, delete the TCB at once.
    SkipState,
    /// In `state`, CLOSE sends nothing and leaves the endpoint as it was:
    /// the call is accepted and forgotten.
    ForgetClose,
}

/// What the endpoint was asked to do (RFC 9293 §3.10's events): a silencing
/// mutant is silent on one kind only, so the tampering must know which.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stimulus {
    /// SEGMENT ARRIVES.
    SegmentArrives,
    /// Time passed: a timer may have fired.
    Timeout,
    /// The CLOSE call.
    Close,
    /// Any other user call (OPEN, SEND, ABORT).
    OtherCall,
}

/// What a mutant's misbehaviour looks like from outside: a stack that
/// deviates the same way is doing what the model shows to be harmful.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// It stays silent where the rule asks for an answer, or ignores what
    /// arrives.
    Silent,
    /// It answers with wrong values (an ACK number).
    AltersValues,
    /// It takes a transition the rule forbids (an unacceptable ACK taken).
    Accepts,
    /// It is CLOSED where the rule keeps it in its state.
    ClosesEarly,
}

impl Tamper {
    fn shape(self) -> Shape {
        match self {
            Tamper::AckOffByOne => Shape::AltersValues,
            Tamper::AcceptAnyAck(_) => Shape::Accepts,
            Tamper::SkipState => Shape::ClosesEarly,
            _ => Shape::Silent,
        }
    }

    /// Whether this tampering drops what the endpoint sends on `stimulus`.
    fn silences(self, stimulus: Stimulus) -> bool {
        matches!(
            (self, stimulus),
            (Tamper::SilentOnSegments, Stimulus::SegmentArrives)
                | (Tamper::SilentOnTimeout, Stimulus::Timeout)
        )
    }
}

/// A mutant: a name, the state and the rule it breaks, how, and where the
/// model checker shows that breaking it violates a property.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// Its name (`synack conform --stack mutant:NAME`).
    pub name: &'static str,
    /// The state in which its rule lives.
    pub state: State,
    /// The rule it breaks, with its section.
    pub breaks: &'static str,
    /// The endpoint's rule it breaks: a stack that deviates from this rule
    /// in this state is graded by what the model shows of the mutant.
    pub rule: Rule,
    /// Where the model checker shows the broken rule matters, if it can.
    pub shown_by: Option<Shown>,
    tamper: Tamper,
}

/// Where the model shows a mutant's broken rule leads to a property
/// violation: the host running it, and the scenario, bounds and property as
/// variants record theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    /// The host that runs the mutant (0: the client or A, 1: the server or
    /// B): one that passes through the mutant's state there.
    pub host: HostId,
    /// The scenario, the network's budgets and the property violated.
    pub expect: Expect,
}

/// The client (or A) and the server (or B) of a scenario.
const CLIENT: HostId = 0;
const SERVER: HostId = 1;

/// Shown on `host` in `scenario`, violating `property`, when the network
/// may lose `losses` segments and duplicate `duplicates`: the smallest
/// budgets that show it, so the check is quick and the trace short.
const fn shown(
    host: HostId,
    scenario: &'static str,
    property: &'static str,
    (losses, duplicates): (u8, u8),
) -> Option<Shown> {
    Some(Shown {
        host,
        expect: Expect {
            scenario,
            property,
            losses: Some(losses),
            duplicates: Some(duplicates),
        },
    })
}

/// Every built-in mutant; together they cover all eleven states.
///
/// Where `shown_by` is None, no property of any scenario failed with the
/// mutant on either host at budgets of up to one loss and one duplicate;
/// the comment says why the model cannot tell the broken rule from the RFC.
pub const ALL: &[Spec] = &[
    Spec {
        name: "silent-in-closed",
        rule: Rule::ClosedReset,
        state: State::Closed,
        breaks: "never sends the RST §3.10.7.1 requires for a segment to a closed port",
        shown_by: shown(
            CLIENT,
            "symmetric-open",
            "no-unrequested-connection",
            (0, 0),
        ),
        tamper: Tamper::SilentOnSegments,
    },
    Spec {
        name: "listen-ignores-ack",
        rule: Rule::ListenAckReset,
        state: State::Listen,
        breaks: "drops an ACK in LISTEN instead of resetting it (§3.10.7.2 second)",
        // The server aborts and listens again, and its RST is lost: the client's
        // keep-alive probes reach LISTEN, whose RST would tell it the connection is
        // half-open (§3.5.1, Figure 10). Dropped, they leave the client to give up.
        shown_by: shown(SERVER, "half-open", "no-give-up-on-live-peer", (1, 0)),
        tamper: Tamper::Ignore(Flags::ACK),
    },
    Spec {
        name: "syn-sent-accepts-any-ack",
        rule: Rule::SynSentBadAck,
        state: State::SynSent,
        breaks: "accepts a SYN,ACK whatever its SEG.ACK (§3.10.7.3 first)",
        shown_by: shown(CLIENT, "reconnect", "no-unrequested-connection", (0, 1)),
        tamper: Tamper::AcceptAnyAck(Flags::SYN),
    },
    Spec {
        name: "syn-sent-never-retransmits",
        rule: Rule::Retransmit,
        state: State::SynSent,
        breaks: "does not retransmit its SYN on timeout (§3.10.8, §3.8.1)",
        shown_by: shown(CLIENT, "client-server", "no-connect-timeout", (1, 0)),
        tamper: Tamper::SilentOnTimeout,
    },
    Spec {
        name: "syn-rcvd-accepts-any-ack",
        rule: Rule::SynReceivedBadAck,
        state: State::SynReceived,
        breaks: "enters ESTABLISHED on any ACK (§3.10.7.4 fifth, SYN-RECEIVED)",
        shown_by: shown(SERVER, "reconnect", "no-unrequested-connection", (0, 1)),
        tamper: Tamper::AcceptAnyAck(Flags::NONE),
    },
    Spec {
        name: "established-ignores-rst",
        rule: Rule::RstResets,
        state: State::Established,
        breaks: "ignores RST in ESTABLISHED (§3.10.7.4 second)",
        // The server aborts; its RST, and the RSTs answering the client's
        // keep-alive probes, are ignored: the client gives up a connection its live
        // peer had reset.
        shown_by: shown(CLIENT, "half-open", "no-give-up-on-live-peer", (0, 0)),
        tamper: Tamper::Ignore(Flags::RST),
    },
    Spec {
        name: "established-ack-off-by-one",
        rule: Rule::Text,
        state: State::Established,
        breaks: "acknowledges RCV.NXT+1 (§3.10.7.4 seventh: <ACK=RCV.NXT>)",
        shown_by: shown(CLIENT, "client-server", "no-deadlock", (0, 0)),
        tamper: Tamper::AckOffByOne,
    },
    Spec {
        name: "fin-wait-1-ignores-fin",
        rule: Rule::Fin,
        state: State::FinWait1,
        breaks: "does not process the peer's FIN in FIN-WAIT-1 (§3.10.7.4 eighth)",
        // Not only a delay: each FIN ignored in FIN-WAIT-1 costs the peer one of its
        // retransmissions. With its first FIN lost and two more ignored, the peer's
        // last retransmission is acknowledged too late, and it gives up.
        shown_by: shown(CLIENT, "abandon", "no-give-up-on-live-peer", (1, 0)),
        tamper: Tamper::StripFin,
    },
    Spec {
        name: "fin-wait-2-ignores-fin",
        rule: Rule::Fin,
        state: State::FinWait2,
        breaks: "drops the peer's FIN in FIN-WAIT-2 (§3.10.7.4 eighth)",
        shown_by: shown(CLIENT, "client-server", "no-deadlock", (0, 0)),
        tamper: Tamper::Ignore(Flags::FIN),
    },
    Spec {
        name: "syn-rcvd-close-forgets-fin",
        rule: Rule::CloseSynReceived,
        state: State::SynReceived,
        breaks:
            "CLOSE in SYN-RECEIVED sends no FIN, ever (§3.10.4: \"form a FIN segment and send it\")",
        // What smoltcp 0.14 does (docs/stacks/smoltcp.md): the peer never
        // learns the connection is closing.
        shown_by: shown(SERVER, "syn-rcvd-close", "no-deadlock", (0, 0)),
        tamper: Tamper::ForgetClose,
    },
    Spec {
        name: "close-wait-forgets-fin",
        rule: Rule::CloseCloseWait,
        state: State::CloseWait,
        breaks: "CLOSE in CLOSE-WAIT sends no FIN and stays in CLOSE-WAIT (§3.10.4)",
        // Forgetting the CLOSE, not only its FIN: a FIN merely unsent is
        // still queued, and its first retransmission makes good the loss,
        // so the model could tell that mutant from the RFC in no scenario.
        shown_by: shown(SERVER, "client-server", "no-deadlock", (0, 0)),
        tamper: Tamper::ForgetClose,
    },
    Spec {
        name: "closing-ignores-ack",
        rule: Rule::ClosingAcked,
        state: State::Closing,
        breaks: "ignores the ACK of its FIN in CLOSING (§3.10.7.4 fifth)",
        // The FIN is retransmitted until the retry limit, each time acknowledged by
        // the peer in TIME-WAIT, and the connection is given up.
        shown_by: shown(
            CLIENT,
            "simultaneous-close",
            "no-give-up-on-live-peer",
            (0, 0),
        ),
        tamper: Tamper::IgnorePureAck,
    },
    Spec {
        name: "last-ack-closes-early",
        rule: Rule::CloseCloseWait,
        state: State::LastAck,
        breaks: "deletes the TCB on sending its FIN, not on its ACK (§3.10.7.4 fifth, LAST-ACK)",
        shown_by: shown(SERVER, "client-server", "no-deadlock", (1, 0)),
        tamper: Tamper::SkipState,
    },
    Spec {
        name: "skips-time-wait",
        rule: Rule::TimeWaitLingers,
        state: State::TimeWait,
        breaks: "closes at once instead of waiting 2 MSL (§3.6.1, MUST-13)",
        shown_by: shown(CLIENT, "client-server", "last-ack-closes-by-ack", (1, 0)),
        tamper: Tamper::SkipState,
    },
    Spec {
        name: "time-wait-silent",
        rule: Rule::TimeWaitFinAgain,
        state: State::TimeWait,
        breaks: "does not acknowledge a retransmitted FIN in TIME-WAIT (§3.10.7.4 fifth)",
        // The last ACK is lost; the peer in LAST-ACK retransmits its FIN until the
        // retry limit (each restarting the 2MSL timer) and gives up.
        shown_by: shown(CLIENT, "client-server", "no-give-up-on-live-peer", (1, 0)),
        tamper: Tamper::SilentOnSegments,
    },
];

/// The mutant called `name`.
pub fn by_name(name: &str) -> Option<&'static Spec> {
    ALL.iter().find(|m| m.name == name)
}

impl Spec {
    /// What its misbehaviour looks like from outside.
    pub fn shape(&self) -> Shape {
        self.tamper.shape()
    }

    /// Whether the tampering applies now: the endpoint is in the state.
    pub fn armed(&self, endpoint: &Endpoint) -> bool {
        endpoint.state() == self.state
    }

    /// The segment as the tampered endpoint receives it, if at all.
    pub fn tamper_input(&self, endpoint: &Endpoint, seg: &Segment) -> Option<Segment> {
        let mut seg = seg.clone();
        if !self.armed(endpoint) {
            return Some(seg);
        }
        match self.tamper {
            Tamper::AcceptAnyAck(extra) if seg.has(Flags::ACK | extra) && !seg.has(Flags::RST) => {
                seg.ack = endpoint.tcb().snd_nxt;
            }
            Tamper::Ignore(bits) if seg.has(bits) => return None,
            Tamper::IgnorePureAck if seg.flags == Flags::ACK && seg.payload.is_empty() => {
                return None
            }
            Tamper::StripFin => {
                seg.flags = Flags::from_bits(seg.flags.bits() & !Flags::FIN.bits());
            }
            _ => {}
        }
        Some(seg)
    }

    /// Tamper with what the endpoint just sent on `stimulus` (`sent`) and
    /// with the state it entered. `before` is the endpoint as it was before
    /// the event: output tampering applies to what an event sends from the
    /// state, even if the event leaves it.
    pub fn tamper_output(
        &self,
        before: &Endpoint,
        stimulus: Stimulus,
        endpoint: &mut Endpoint,
        sent: &mut Vec<Segment>,
    ) {
        let armed_before = self.armed(before);
        match self.tamper {
            Tamper::ForgetClose if stimulus == Stimulus::Close && armed_before => {
                sent.clear();
                endpoint.clone_from(before);
            }
            t if t.silences(stimulus) && armed_before => sent.clear(),
            Tamper::AckOffByOne if armed_before => {
                for seg in sent.iter_mut().filter(|s| s.has(Flags::ACK)) {
                    seg.ack = seg.ack + 1;
                }
            }
            // A fresh endpoint is CLOSED with its TCB deleted: the state
            // is skipped as if the connection had ended there.
            Tamper::SkipState if self.armed(endpoint) => *endpoint = Endpoint::new(),
            _ => {}
        }
    }
}
