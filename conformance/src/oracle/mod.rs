//! The oracle: synack's endpoint, run beside the stack under test.
//!
//! After each event the oracle asks the endpoint what it would have done
//! and compares: the segments sent, the state (if the stack reports one)
//! and whether a user call succeeded (if the profile checks that). It never
//! decides a TCP rule itself; the endpoint (`synack_model::Endpoint`, the
//! one the model checker proved things about) does.
//!
//! Two things make an endpoint comparable with a stack that chose its own
//! numbers and options:
//!
//! * **The ISS is learned.** The endpoint takes its ISS as an input. The
//!   oracle opens it with a provisional one; when the endpoint would send
//!   its SYN (or SYN,ACK), the oracle takes the sequence number of the
//!   stack's SYN and runs the event again with that ISS. Being sans-IO and
//!   deterministic, the endpoint can be rerun from a copy at no risk.
//! * **Choices are candidates.** A [`Profile`] lists the configurations RFC
//!   9293 allows; the oracle keeps one endpoint per configuration that still
//!   explains everything the stack did, preferred first.
//!
//! ```
//! use synack_conformance::oracle::{Event, Observed, Oracle};
//! use synack_conformance::{Call, Profile};
//! use synack_model::{Flags, Segment, SeqNum, State};
//!
//! let mut oracle = Oracle::new(&Profile::strict());
//! // The stack connected and sent its SYN with ISS 5000 and window 4.
//! let syn = Segment { flags: Flags::SYN, seq: SeqNum(5000), wnd: 4, ..Segment::default() };
//! let observed = Observed { call: Some(Ok(())), segments: vec![syn], state: Some(State::SynSent), received: None };
//! assert!(oracle.observe(&Event::Call(Call::Connect), &observed).is_ok());
//! assert_eq!(oracle.stack_iss(), SeqNum(5000), "learned from the SYN");
//!
//! // A stack that answers a SYN,ACK with nothing deviates.
//! let synack = Segment { flags: Flags::SYN | Flags::ACK, seq: SeqNum(9), ack: SeqNum(5001), wnd: 4, ..Segment::default() };
//! let silent = Observed { call: None, segments: vec![], state: None, received: None };
//! let expected = oracle.observe(&Event::Segment(synack), &silent).unwrap_err();
//! assert_eq!(expected.segments[0].to_string(), "ACK seq=5001 ack=10");
//! assert_eq!(expected.state, State::Established);
//! // ... and the rules that stack broke: SYN-SENT's fourth step.
//! assert_eq!(expected.rules, [synack_model::rule::Rule::SynSentEstablished]);
//! ```

mod compare;
pub mod rule;

use crate::profile::Profile;
use crate::stack::{Call, CallError};
use synack_model::{
    Config, Endpoint, Flags, Open, Output, Segment, SeqNum, State, Tcb, Ticks, UserError,
};

/// An event, with absolute sequence numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A user call.
    Call(Call),
    /// A segment arrives from the peer.
    Segment(Segment),
    /// Time passes.
    Wait(Ticks),
}

/// What the stack did in answer to one event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Observed {
    /// The result of the user call, if the event was one.
    pub call: Option<Result<(), CallError>>,
    /// The segments it sent.
    pub segments: Vec<Segment>,
    /// Its state afterwards, if it reports one.
    pub state: Option<State>,
    /// The octets its application received, if it tells.
    pub received: Option<Vec<u8>>,
}

/// What the endpoint would have done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// The result of the user call, if the event was one.
    pub call: Option<Result<(), UserError>>,
    /// The segments it sends.
    pub segments: Vec<Segment>,
    /// Its state afterwards.
    pub state: State,
    /// The octets it delivers to its user.
    pub delivered: Vec<u8>,
    /// The rules that decided it: what a stack that did otherwise broke.
    pub rules: Vec<synack_model::rule::Rule>,
    /// The rules of every configuration still allowed, the first's
    /// included: a stack that matched none is graded by the most lenient
    /// reading.
    pub readings: Vec<Vec<synack_model::rule::Rule>>,
}

/// One configuration the profile allows, with its endpoint.
#[derive(Clone, Debug)]
struct Candidate {
    cfg: Config,
    endpoint: Endpoint,
    preferred: bool,
}

/// A candidate's answer to one event.
struct Prediction {
    candidate: Candidate,
    out: Output,
    call: Option<Result<(), UserError>>,
    learned: Option<SeqNum>,
    /// The stack refused the call and nothing happened.
    refused: bool,
}

/// The endpoint (one per allowed configuration) beside a stack.
#[derive(Clone, Debug)]
pub struct Oracle {
    profile: Profile,
    candidates: Vec<Candidate>,
    stack_iss: SeqNum,
}

impl Oracle {
    /// An oracle for a stack that starts CLOSED, allowing what `profile`
    /// allows.
    pub fn new(profile: &Profile) -> Oracle {
        let candidates = profile
            .candidates()
            .into_iter()
            .enumerate()
            .map(|(i, cfg)| Candidate {
                cfg,
                endpoint: Endpoint::new(),
                preferred: i == 0,
            })
            .collect();
        Oracle {
            profile: profile.clone(),
            candidates,
            stack_iss: SeqNum(0),
        }
    }

    /// The state the stack should be in (the first candidate's).
    pub fn state(&self) -> State {
        self.candidates[0].endpoint.state()
    }

    /// The TCB the stack should have: what probes are placed against.
    pub fn tcb(&self) -> &Tcb {
        self.candidates[0].endpoint.tcb()
    }

    /// Ticks until the first candidate's next timer expires.
    pub fn next_timeout(&self) -> Option<Ticks> {
        self.candidates[0].endpoint.next_timeout()
    }

    /// The ISS the stack chose for its latest connection (0 before its
    /// first SYN): scripts count the stack's sequence numbers from it.
    pub fn stack_iss(&self) -> SeqNum {
        self.stack_iss
    }

    /// Compare what the stack did on `event` with what the endpoint does.
    ///
    /// `Ok` carries the permitted differences it accepted (empty when the
    /// declared configuration explains the event exactly); `Err` what the
    /// first remaining candidate expected, when none explains it.
    pub fn observe(&mut self, event: &Event, observed: &Observed) -> Result<Vec<String>, Expected> {
        let mut predictions: Vec<Prediction> = Vec::with_capacity(self.candidates.len() * 2);
        for c in &self.candidates {
            predictions.push(self.predict(c, event, &observed.segments));
        }
        // A SYN in TIME-WAIT may reopen the connection or not (MAY-2): each
        // candidate there also answers it the other way. Forked here, not
        // in the profile's candidates: nowhere else does the choice show.
        if let Event::Segment(seg) = event {
            if seg.has(Flags::SYN) {
                for c in &self.candidates {
                    if c.endpoint.state() == State::TimeWait {
                        let mut other = c.clone();
                        other.cfg.time_wait_reopen = !c.cfg.time_wait_reopen;
                        other.preferred = false;
                        predictions.push(self.predict(&other, event, &observed.segments));
                    }
                }
            }
        }
        if let (Event::Call(_), Some(Err(_))) = (event, &observed.call) {
            // A stack may refuse a call the endpoint would serve (§3.9.1:
            // the interface is the implementation's): then, as for every
            // refused call, nothing happens.
            for c in &self.candidates {
                predictions.push(Prediction {
                    candidate: c.clone(),
                    out: Output::default(),
                    call: Some(Err(UserError::ConnectionClosing)),
                    learned: None,
                    refused: true,
                });
            }
        }
        let mut accepted = Vec::new();
        let mut survivors = Vec::new();
        let mut learned = None;
        for p in &predictions {
            let Some(freedoms) = self.explains(p, observed) else {
                continue;
            };
            if survivors.is_empty() {
                if self.candidates[0].preferred && !p.candidate.preferred {
                    accepted.extend(self.profile.explain(&p.candidate.cfg));
                }
                accepted.extend(freedoms);
                learned = p.learned;
            }
            survivors.push(p.candidate.clone());
        }
        if survivors.is_empty() {
            let first = &predictions[0];
            return Err(Expected {
                call: first.call,
                segments: first.out.segments.clone(),
                state: first.candidate.endpoint.state(),
                delivered: first.out.delivered.clone(),
                rules: first.out.rules.as_slice().to_vec(),
                readings: predictions
                    .iter()
                    .filter(|p| !p.refused)
                    .map(|p| p.out.rules.as_slice().to_vec())
                    .collect(),
            });
        }
        survivors.dedup_by(|a, b| a.cfg == b.cfg && a.endpoint == b.endpoint);
        self.candidates = survivors;
        if let Some(iss) = learned {
            self.stack_iss = iss;
        }
        Ok(accepted)
    }

    /// Whether a prediction explains what the stack did: `None` if not,
    /// else the permitted differences it took, one phrase each.
    fn explains(&self, p: &Prediction, observed: &Observed) -> Option<Vec<String>> {
        if observed
            .state
            .is_some_and(|s| s != p.candidate.endpoint.state())
        {
            return None;
        }
        if observed
            .received
            .as_ref()
            .is_some_and(|r| *r != p.out.delivered)
        {
            return None;
        }
        let mut freedoms = Vec::new();
        if let (Some(expected), Some(got)) = (&p.call, &observed.call) {
            match (expected.is_ok(), got.is_ok()) {
                (true, false) | (false, false) if p.refused => freedoms.push(
                    "a call refused with an error where the endpoint serves it (§3.9.1 interface)"
                        .to_string(),
                ),
                (true, false) => return None,
                (false, true) => freedoms.push(
                    "a call answered with success where the RFC answers an error (§3.9.1 interface)"
                        .to_string(),
                ),
                _ => {}
            }
        }
        freedoms.extend(
            compare::explains(&p.out.segments, &observed.segments)?
                .into_iter()
                .map(str::to_string),
        );
        Some(freedoms)
    }

    /// What one candidate does on `event`, its ISS learned from the stack's
    /// SYN if the event makes the endpoint send its own.
    fn predict(&self, c: &Candidate, event: &Event, observed: &[Segment]) -> Prediction {
        let first = apply(c.clone(), event, self.stack_iss);
        let reopening = c.endpoint.state() == State::TimeWait && c.cfg.time_wait_reopen;
        let opening = matches!(c.endpoint.state(), State::Closed | State::Listen) || reopening;
        let sends_syn = first.out.segments.iter().any(|s| s.has(Flags::SYN));
        let Some(syn) = observed.iter().find(|s| s.has(Flags::SYN)) else {
            return first;
        };
        if !(opening && sends_syn) {
            return first;
        }
        let mut again = c.clone();
        // The stack's window is its own (§3.8.6): acceptability is judged
        // against the window it advertised.
        again.cfg.rcv_wnd = syn.wnd;
        if reopening {
            // The new incarnation's ISS is the stack's (MAY-2 asks only that
            // it lie above the old numbers).
            again.endpoint.set_reopen_iss(syn.seq);
        }
        if c.endpoint.state() == State::Listen {
            // A listening endpoint holds nothing but its ISS and window: a
            // passive OPEN with the learned ISS is the same endpoint.
            again.endpoint = Endpoint::new();
            let _ = again.endpoint.open(
                &again.cfg,
                Open::Passive { iss: syn.seq },
                &mut Output::default(),
            );
        }
        let mut p = apply(again, event, syn.seq);
        p.learned = Some(syn.seq);
        p
    }
}

/// Run `event` on a candidate's endpoint; `iss` serves an OPEN.
fn apply(mut c: Candidate, event: &Event, iss: SeqNum) -> Prediction {
    let mut out = Output::default();
    let (cfg, ep) = (&c.cfg, &mut c.endpoint);
    let call = match event {
        Event::Call(Call::Listen) => Some(ep.open(cfg, Open::Passive { iss }, &mut out)),
        Event::Call(Call::Connect) => Some(ep.open(cfg, Open::Active { iss }, &mut out)),
        Event::Call(Call::Send(data)) => Some(ep.send(cfg, data, &mut out)),
        Event::Call(Call::Close) => Some(ep.close(cfg, &mut out)),
        Event::Call(Call::Abort) => Some(ep.abort(cfg, &mut out)),
        Event::Call(Call::KeepAlive(k)) => {
            c.cfg.keepalive = Some(*k);
            c.endpoint.keepalive_requested(&c.cfg);
            Some(Ok(()))
        }
        Event::Segment(seg) => {
            ep.segment_arrives(cfg, seg, &mut out);
            None
        }
        Event::Wait(ticks) => {
            ep.advance(cfg, *ticks, &mut out);
            None
        }
    };
    Prediction {
        candidate: c,
        out,
        call,
        learned: None,
        refused: false,
    }
}
