//! Every way into a state: for each state, one shortest model path per
//! *history class*, the state it was entered from and what took it there
//! (a user call, a segment, a RST, a timer). The RFC's answer can depend
//! on it: a RST in SYN-RECEIVED returns a passive open to LISTEN and
//! refuses an active one (§3.10.7.4 second step); TIME-WAIT is entered from
//! FIN-WAIT-1, FIN-WAIT-2 or CLOSING (§3.10.7.4 eighth step, fifth step of
//! CLOSING); CLOSED by a RST, a timeout or a user call. A stack that keeps
//! something of the way it came (an embryonic connection, a timer) shows it
//! only on the row of that history.
//!
//! CLOSED has no TCB to remember where it came from (§3.10.7.1), so its
//! classes are by cause alone.
//!
//! The search is the one [`paths`](super::paths) runs (same bounds, every
//! scenario, both hosts, the same nodes); the paths are kept apart from the
//! shortest ones so each can change without the other.

use super::paths::{searches, Avoid, End, ModelPath};
use crate::run::{self, Step};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;
use synack_model::model::{Action, Sys};
use synack_model::{Flags, State};

/// What took a host into its state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Cause {
    /// A user call (OPEN, CLOSE, ABORT).
    Call,
    /// A segment without RST.
    Segment,
    /// A RST.
    Reset,
    /// A timer ran out.
    Timer,
}

/// A history class: the state a host came from (none for CLOSED, which
/// keeps nothing of it) and the cause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct History {
    /// The state before.
    pub from: Option<State>,
    /// What made it change.
    pub by: Cause,
}

impl fmt::Display for History {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let by = match self.by {
            Cause::Call => "a call",
            Cause::Segment => "a segment",
            Cause::Reset => "a RST",
            Cause::Timer => "a timeout",
        };
        match self.from {
            Some(from) => write!(f, "from {} by {by}", from.rfc_name()),
            None => write!(f, "by {by}"),
        }
    }
}

/// For each state, a shortest path of each history class by which the
/// model enters it, found once per process.
pub fn histories() -> &'static BTreeMap<(State, History), ModelPath> {
    static HISTORIES: OnceLock<BTreeMap<(State, History), ModelPath>> = OnceLock::new();
    HISTORIES.get_or_init(explore)
}

fn explore() -> BTreeMap<(State, History), ModelPath> {
    let mut best: BTreeMap<(State, History), (usize, ModelPath)> = BTreeMap::new();
    for search in searches() {
        let mut ends: BTreeMap<(State, History), End> = BTreeMap::new();
        // Nodes are in order of depth: the first that enters by a class is
        // a shortest one.
        for (node, (sys, parent, depth)) in search.nodes.iter().enumerate() {
            let Some((parent, action)) = parent else {
                continue;
            };
            let before = &search.nodes[*parent].0;
            for host in 0..2 {
                let (from, to) = (
                    before.hosts[host].endpoint.state(),
                    sys.hosts[host].endpoint.state(),
                );
                if from == to || sys.hosts[host].app.crashed {
                    continue;
                }
                let Some(by) = cause(before, *action, host) else {
                    continue;
                };
                let history = History {
                    from: Some(from),
                    by,
                };
                ends.entry((to, history)).or_insert(End {
                    steps: *depth,
                    node,
                    host,
                    last: None,
                });
            }
        }
        for (key, end) in ends {
            if !matches!(best.get(&key), Some((b, _)) if *b <= end.steps) {
                best.insert(key, (end.steps, search.project(end, &Avoid::new())));
            }
        }
    }
    // A path the stack can be driven along (the model's scenarios may set
    // what a script cannot: keep-alive on from the start, say) and that
    // ends in the state; CLOSED's classes by cause alone, the shortest.
    let mut kept: BTreeMap<(State, History), (usize, ModelPath)> = BTreeMap::new();
    for ((state, history), (steps, path)) in best {
        let lines: Vec<Step> = path.lines.iter().cloned().map(Step::Line).collect();
        if run::after(&lines).0.state != state {
            continue;
        }
        let history = if state == State::Closed {
            History {
                from: None,
                by: history.by,
            }
        } else {
            history
        };
        if !matches!(kept.get(&(state, history)), Some((b, _)) if *b <= steps) {
            kept.insert((state, history), (steps, path));
        }
    }
    kept.into_iter().map(|(k, (_, path))| (k, path)).collect()
}

/// What `action` did to `host`, if it was the host's own doing or a
/// segment or time reaching it.
fn cause(sys: &Sys, action: Action, host: usize) -> Option<Cause> {
    match action {
        Action::App(h) if usize::from(h) == host => Some(Cause::Call),
        Action::Deliver(i) | Action::Duplicate(i) => {
            let f = &sys.net.in_flight[usize::from(i)];
            (usize::from(f.from) != host).then(|| {
                if f.segment().has(Flags::RST) {
                    Cause::Reset
                } else {
                    Cause::Segment
                }
            })
        }
        Action::Tick => Some(Cause::Timer),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syn_received_time_wait_and_closed_each_have_several_histories() {
        let classes = |state: State| histories().keys().filter(|(s, _)| *s == state).count();
        // Passive (from LISTEN) and active (from SYN-SENT, simultaneous open).
        let syn_rcvd: Vec<_> = histories()
            .keys()
            .filter(|(s, _)| *s == State::SynReceived)
            .filter_map(|(_, h)| h.from)
            .collect();
        assert!(syn_rcvd.contains(&State::Listen), "{syn_rcvd:?}");
        assert!(syn_rcvd.contains(&State::SynSent), "{syn_rcvd:?}");
        let time_wait: Vec<_> = histories()
            .keys()
            .filter(|(s, _)| *s == State::TimeWait)
            .filter_map(|(_, h)| h.from)
            .collect();
        for from in [State::FinWait1, State::FinWait2, State::Closing] {
            assert!(time_wait.contains(&from), "TIME-WAIT from {from}");
        }
        let closed: Vec<Cause> = histories()
            .keys()
            .filter(|(s, _)| *s == State::Closed)
            .map(|(_, h)| h.by)
            .collect();
        for by in [Cause::Call, Cause::Reset, Cause::Timer] {
            assert!(closed.contains(&by), "CLOSED by {by:?}: {closed:?}");
        }
        assert!(classes(State::Listen) >= 2, "LISTEN after a RST too");
    }
}
