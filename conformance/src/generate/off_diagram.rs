//! Cases through the transitions RFC 9293 §3.10 makes and Figure 5 does
//! not draw (`synack_model::model::properties::OFF_DIAGRAM`: a RST in each
//! synchronized state, ABORT in each state, the retry limit, a FIN in
//! SYN-RECEIVED), checked like a Figure 5 path: the oracle must take the
//! transition too.
//!
//! * A model-guided path: the shortest path of the model's scenarios that
//!   takes the transition, found in the same pass over the same searches
//!   as the Figure 5 paths (`paths::searches`: a network that neither
//!   loses nor duplicates).
//! * The retry limit where no such path exists (it needs a peer that
//!   stops answering, which that network never is) and no continuation
//!   already waits for it ("the peer silent" after SYN-SENT, SYN-RECEIVED,
//!   FIN-WAIT-1, CLOSING and LAST-ACK): a model path to the state, one
//!   octet sent where nothing is outstanding (ESTABLISHED, CLOSE-WAIT),
//!   then time until the stack gives up, one retransmission timeout at a
//!   time (§3.8.3 R2), nothing answered.
//!
//! The rest (ABORT during a close, a RST in CLOSE-WAIT, CLOSING and
//! LAST-ACK) the matrix covers: its abort and RST columns in those states.
//! [`coverage`] says which cases of the suite take each transition.

use crate::generate::continuations;
use crate::generate::histories::histories;
use crate::generate::paths::ModelPath;
use crate::run::{self, Case, Move, Step};
use crate::script::{send, Line};
use crate::stack::Call;
use std::collections::BTreeMap;
use synack_model::model::properties::{OffDiagram, OFF_DIAGRAM};
use synack_model::{Flags, State};

/// The (from, to) of an off-diagram transition, read from its name
/// (`FROM -> TO on CAUSE`).
pub fn endpoints(t: &OffDiagram) -> (State, State) {
    let by_name = |name: &str| State::ALL.into_iter().find(|s| s.to_string() == name);
    let (from, rest) = t
        .reach
        .name
        .split_once(" -> ")
        .expect("FROM -> TO on CAUSE");
    let to = rest.split_once(" on ").map_or(rest, |(to, _)| to);
    (
        by_name(from).expect("a state name"),
        by_name(to).expect("a state name"),
    )
}

/// The §3.10 step (or §3.8.3 rule) that makes `t`: its citation up to the
/// first colon (`§3.10.7.4 second step`).
pub fn step(t: &OffDiagram) -> &'static str {
    t.rfc.split_once(':').map_or(t.rfc, |(step, _)| step)
}

/// What takes a transition, as its name says after ` on `.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cause {
    Rst,
    Fin,
    Abort,
    RetryLimit,
}

fn cause(t: &OffDiagram) -> Cause {
    match t.reach.name.rsplit_once(" on ").map(|(_, c)| c) {
        Some("RST") => Cause::Rst,
        Some("FIN") => Cause::Fin,
        Some("ABORT") => Cause::Abort,
        Some("retry limit") => Cause::RetryLimit,
        other => panic!("an off-diagram transition's cause: {other:?}"),
    }
}

/// Whether a step of the reference takes `t`: the states it names, by the
/// cause it names. The retry limit as the model's property has it: time
/// ran out with something unacknowledged (keep-alive giving up is not it).
pub fn takes(t: &OffDiagram, m: &Move) -> bool {
    (m.from, m.to) == endpoints(t)
        && match (cause(t), &m.line) {
            (Cause::Rst, Line::Inject(seg)) => seg.has(Flags::RST),
            (Cause::Fin, Line::Inject(seg)) => seg.has(Flags::FIN) && !seg.has(Flags::RST),
            (Cause::Abort, Line::Call(call)) => *call == Call::Abort,
            (Cause::RetryLimit, Line::Wait(_)) => m.outstanding,
            _ => false,
        }
}

/// A shortest model path through each off-diagram transition some scenario
/// takes at the paths' bounds, by name: found by the search of the Figure
/// 5 paths, in the same pass ([`paths`](super::paths::paths)).
pub fn paths() -> &'static BTreeMap<&'static str, ModelPath> {
    &super::paths::paths().off_diagram
}

/// Retransmission timeouts a retry-limit case waits through: one more than
/// the most retransmissions a built-in profile declares (6: Linux, gVisor,
/// lwIP's SYNs; the strict profile gives up at the 4th timeout). No more:
/// past the 7th the model's doubled RTO exceeds 60 s, where RFC 6298 (2.5)
/// lets a stack cap it (smoltcp does, at 60 s) and the oracle does not
/// model a cap. Once a stack has given up, a timeout is one tick in CLOSED.
pub const MAX_TIMEOUTS: usize = 7;

/// One case per off-diagram transition a model path takes, and one per
/// retry limit neither a model path nor a continuation takes: a path to
/// its state and time until the stack gives up.
pub fn cases() -> Vec<Case> {
    let silent = covered_by(&continuations::cases());
    OFF_DIAGRAM
        .iter()
        .filter_map(|t| {
            let name = format!("{} (off Figure 5: {})", t.reach.name, step(t));
            if let Some(path) = paths().get(t.reach.name) {
                return Some(Case {
                    name,
                    origin: format!("{}; {}", path.origin(), t.rfc),
                    steps: path.lines.iter().cloned().map(Step::Line).collect(),
                    transition: Some(endpoints(t)),
                });
            }
            if cause(t) != Cause::RetryLimit || !silent[t.reach.name].is_empty() {
                return None;
            }
            let (steps, origin) = retry_limit(t)?;
            Some(Case {
                name,
                origin: format!("{origin}; {}", t.rfc),
                steps,
                transition: Some(endpoints(t)),
            })
        })
        .collect()
}

/// The shortest case that takes the retry limit `t`: a model path to its
/// state (the shortest, or one of another history: SYN-RECEIVED gives up
/// to LISTEN or CLOSED by the way it came), one octet sent if nothing is
/// outstanding there, then [`MAX_TIMEOUTS`] retransmission timeouts.
fn retry_limit(t: &OffDiagram) -> Option<(Vec<Step>, String)> {
    let (from, _) = endpoints(t);
    let shortest = crate::generate::paths::paths().to_state.get(&from);
    let others = histories()
        .iter()
        .filter(|((state, _), _)| *state == from)
        .map(|(_, p)| p);
    let mut best: Option<(Vec<Step>, String)> = None;
    for path in shortest.into_iter().chain(others) {
        for sends in [false, true] {
            let mut steps: Vec<Step> = path.lines.iter().cloned().map(Step::Line).collect();
            if sends {
                steps.push(Step::Line(Line::Call(send(1))));
            }
            let before = steps.len();
            steps.extend(std::iter::repeat_n(Step::Expire, MAX_TIMEOUTS));
            let moves = run::moves(&steps);
            // The path ends in the state, and time alone takes it out: by
            // the retry limit, or this path is not one for it.
            if before == 0 || moves[before - 1].to != from {
                continue;
            }
            let Some(at) = moves[before..].iter().position(|m| m.to != from) else {
                continue;
            };
            if !takes(t, &moves[before + at]) {
                continue;
            }
            if best.as_ref().is_none_or(|(b, _)| steps.len() < b.len()) {
                let what = if sends { ", one octet sent" } else { "" };
                let origin = format!(
                    "{}{what}, then {MAX_TIMEOUTS} retransmission timeouts unanswered (the model's endpoint gives up at the {})",
                    path.origin(),
                    ordinal(at + 1)
                );
                best = Some((steps, origin));
            }
        }
    }
    best
}

/// `1st`, `2nd`, `3rd`, `4th`...
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// How many steps of `case` come before the one that takes its
/// transition on the model's own endpoint (the reference); `None` if none
/// does.
pub fn event_index(case: &Case) -> Option<usize> {
    let (from, to) = case.transition?;
    run::moves(&case.steps)
        .iter()
        .position(|m| m.from == from && m.to == to)
}

/// For each off-diagram transition, by name, the cases of the suite
/// (`suite::cases`) whose steps take it on the reference, shortest first.
pub fn coverage() -> BTreeMap<&'static str, Vec<String>> {
    covered_by(&crate::suite::cases())
}

/// For each off-diagram transition, by name, the cases of `cases` whose
/// steps take it on the reference, shortest first (every transition has
/// an entry, empty if none takes it).
pub fn covered_by(cases: &[Case]) -> BTreeMap<&'static str, Vec<String>> {
    let mut by: BTreeMap<&'static str, Vec<(usize, String)>> = OFF_DIAGRAM
        .iter()
        .map(|t| (t.reach.name, Vec::new()))
        .collect();
    for case in cases {
        let moves = run::moves(&case.steps);
        for t in OFF_DIAGRAM {
            if moves.iter().any(|m| takes(t, m)) {
                if let Some(v) = by.get_mut(t.reach.name) {
                    v.push((case.steps.len(), case.name.clone()));
                }
            }
        }
    }
    by.into_iter()
        .map(|(name, mut v)| {
            v.sort_by_key(|(len, _)| *len);
            (name, v.into_iter().map(|(_, n)| n).collect())
        })
        .collect()
}

/// The off-diagram transitions no model path takes at the paths' bounds.
pub fn missing() -> Vec<&'static str> {
    OFF_DIAGRAM
        .iter()
        .map(|t| t.reach.name)
        .filter(|name| !paths().contains_key(name))
        .collect()
}
