//! Mutants: the reference stack with one RFC rule broken each.
//!
//! A mutant never reimplements a rule. It tampers with what reaches the
//! endpoint (a segment rewritten or dropped), with what leaves it (a
//! segment dropped or altered), or with a transition (the endpoint replaced
//! by a closed one). If the suite is any good, every mutant fails some case
//! in the state where its rule lives: it is *killed*.

use super::Reference;
use crate::stack::{Call, CallError, Stack};
use crate::wire::WireError;
use synack_model::{Endpoint, Flags, Segment, State, Ticks};

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
    /// In `state`, drop what CLOSE sends.
    SilentOnClose,
    /// In `state`, drop what timers send.
    SilentOnTimeout,
    /// In `state`, add one to SEG.ACK of everything sent.
    AckOffByOne,
    /// On entering `state`, delete the TCB at once.
    SkipState,
}

/// A mutant: a name, the state and the rule it breaks, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// Its name (`synack conform --stack mutant:NAME`).
    pub name: &'static str,
    /// The state in which its rule lives.
    pub state: State,
    /// The rule it breaks, with its section.
    pub breaks: &'static str,
    tamper: Tamper,
}

/// Every built-in mutant; together they cover all eleven states.
pub const ALL: &[Spec] = &[
    Spec {
        name: "silent-in-closed",
        state: State::Closed,
        breaks: "never sends the RST §3.10.7.1 requires for a segment to a closed port",
        tamper: Tamper::SilentOnSegments,
    },
    Spec {
        name: "listen-ignores-ack",
        state: State::Listen,
        breaks: "drops an ACK in LISTEN instead of resetting it (§3.10.7.2 second)",
        tamper: Tamper::Ignore(Flags::ACK),
    },
    Spec {
        name: "syn-sent-accepts-any-ack",
        state: State::SynSent,
        breaks: "accepts a SYN,ACK whatever its SEG.ACK (§3.10.7.3 first)",
        tamper: Tamper::AcceptAnyAck(Flags::SYN),
    },
    Spec {
        name: "syn-sent-never-retransmits",
        state: State::SynSent,
        breaks: "does not retransmit its SYN on timeout (§3.10.8, §3.8.1)",
        tamper: Tamper::SilentOnTimeout,
    },
    Spec {
        name: "syn-rcvd-accepts-any-ack",
        state: State::SynReceived,
        breaks: "enters ESTABLISHED on any ACK (§3.10.7.4 fifth, SYN-RECEIVED)",
        tamper: Tamper::AcceptAnyAck(Flags::NONE),
    },
    Spec {
        name: "established-ignores-rst",
        state: State::Established,
        breaks: "ignores RST in ESTABLISHED (§3.10.7.4 second)",
        tamper: Tamper::Ignore(Flags::RST),
    },
    Spec {
        name: "established-ack-off-by-one",
        state: State::Established,
        breaks: "acknowledges RCV.NXT+1 (§3.10.7.4 seventh: <ACK=RCV.NXT>)",
        tamper: Tamper::AckOffByOne,
    },
    Spec {
        name: "fin-wait-1-ignores-fin",
        state: State::FinWait1,
        breaks: "does not process the peer's FIN in FIN-WAIT-1 (§3.10.7.4 eighth)",
        tamper: Tamper::StripFin,
    },
    Spec {
        name: "fin-wait-2-ignores-fin",
        state: State::FinWait2,
        breaks: "drops the peer's FIN in FIN-WAIT-2 (§3.10.7.4 eighth)",
        tamper: Tamper::Ignore(Flags::FIN),
    },
    Spec {
        name: "close-wait-forgets-fin",
        state: State::CloseWait,
        breaks: "CLOSE in CLOSE-WAIT sends no FIN (§3.10.4)",
        tamper: Tamper::SilentOnClose,
    },
    Spec {
        name: "closing-ignores-ack",
        state: State::Closing,
        breaks: "ignores the ACK of its FIN in CLOSING (§3.10.7.4 fifth)",
        tamper: Tamper::IgnorePureAck,
    },
    Spec {
        name: "last-ack-closes-early",
        state: State::LastAck,
        breaks: "deletes the TCB on sending its FIN, not on its ACK (§3.10.7.4 fifth, LAST-ACK)",
        tamper: Tamper::SkipState,
    },
    Spec {
        name: "skips-time-wait",
        state: State::TimeWait,
        breaks: "closes at once instead of waiting 2 MSL (§3.6.1, MUST-13)",
        tamper: Tamper::SkipState,
    },
    Spec {
        name: "time-wait-silent",
        state: State::TimeWait,
        breaks: "does not acknowledge a retransmitted FIN in TIME-WAIT (§3.10.7.4 fifth)",
        tamper: Tamper::SilentOnSegments,
    },
];

/// The mutant called `name`.
pub fn by_name(name: &str) -> Option<&'static Spec> {
    ALL.iter().find(|m| m.name == name)
}

/// The reference stack with `spec`'s tampering.
#[derive(Clone, Debug)]
pub struct Mutant {
    inner: Reference,
    spec: &'static Spec,
}

impl Mutant {
    /// A closed mutant stack.
    pub fn new(spec: &'static Spec) -> Mutant {
        Mutant {
            inner: Reference::new(),
            spec,
        }
    }

    /// Whether the tampering applies now: the endpoint is in the state.
    fn armed(&self) -> bool {
        self.inner.endpoint.state() == self.spec.state
    }

    /// The segment as the tampered endpoint receives it, if at all.
    fn tamper_input(&self, seg: &Segment) -> Option<Segment> {
        let mut seg = seg.clone();
        if !self.armed() {
            return Some(seg);
        }
        match self.spec.tamper {
            Tamper::AcceptAnyAck(extra) if seg.has(Flags::ACK | extra) && !seg.has(Flags::RST) => {
                seg.ack = self.inner.endpoint.tcb().snd_nxt;
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

    /// Tamper with what the endpoint just sent (from index `mark`) and with
    /// the state it entered. `silent` is the tampering that silences this
    /// kind of event, if any.
    fn tamper_output(&mut self, armed_before: bool, mark: usize, silent: Option<Tamper>) {
        let sent = &mut self.inner.sent;
        match self.spec.tamper {
            t if Some(t) == silent && armed_before => sent.truncate(mark),
            Tamper::AckOffByOne if armed_before => {
                for seg in &mut sent[mark..] {
                    if seg.has(Flags::ACK) {
                        seg.ack = seg.ack + 1;
                    }
                }
            }
            Tamper::SkipState if self.armed() => self.inner.endpoint = Endpoint::new(),
            _ => {}
        }
    }
}

impl Stack for Mutant {
    fn call(&mut self, call: &Call) -> Result<(), CallError> {
        let (armed, mark) = (self.armed(), self.inner.sent.len());
        let result = self.inner.call(call);
        let silent = (*call == Call::Close).then_some(Tamper::SilentOnClose);
        self.tamper_output(armed, mark, silent);
        result
    }

    fn inject(&mut self, segment: &Segment) {
        let (armed, mark) = (self.armed(), self.inner.sent.len());
        if let Some(seg) = self.tamper_input(segment) {
            self.inner.inject(&seg);
        }
        self.tamper_output(armed, mark, Some(Tamper::SilentOnSegments));
    }

    fn advance(&mut self, ticks: Ticks) {
        let (armed, mark) = (self.armed(), self.inner.sent.len());
        self.inner.advance(ticks);
        self.tamper_output(armed, mark, Some(Tamper::SilentOnTimeout));
    }

    fn emitted(&mut self) -> Result<Vec<Segment>, WireError> {
        self.inner.emitted()
    }

    fn state(&self) -> Option<State> {
        self.inner.state()
    }
}
