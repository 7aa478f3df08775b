//! Model-guided paths through the transitions RFC 9293 §3.10 makes and
//! Figure 5 does not draw (`synack_model::model::properties::OFF_DIAGRAM`:
//! a RST in each synchronized state, ABORT in each state, the retry limit,
//! a FIN in SYN-RECEIVED). For each, the shortest path of the model's
//! scenarios (at the bounds of [`paths`](super::paths)) that takes it,
//! played by the stack, checked like a Figure 5 path: the oracle must take
//! the transition too.
//!
//! A transition no scenario takes at those bounds has no case; [`missing`]
//! lists them (`synack coverage` says why each is not reached).

use crate::generate::paths::{bfs, bounds, Avoid, End, ModelPath};
use crate::run::{Case, Step};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use synack_model::model::properties::{OffDiagram, OFF_DIAGRAM};
use synack_model::model::{scenario, Tcp};
use synack_model::State;

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

/// A shortest path through each off-diagram transition some scenario
/// takes, by name; found once per process.
pub fn paths() -> &'static BTreeMap<&'static str, ModelPath> {
    static PATHS: OnceLock<BTreeMap<&'static str, ModelPath>> = OnceLock::new();
    PATHS.get_or_init(explore)
}

fn explore() -> BTreeMap<&'static str, ModelPath> {
    let mut best: BTreeMap<&'static str, ModelPath> = BTreeMap::new();
    for scenario in scenario::all() {
        let search = bfs(Tcp::new(scenario, bounds()), &Avoid::new(), None);
        let mut ends: BTreeMap<&'static str, End> = BTreeMap::new();
        let mut actions = Vec::new();
        for (node, (sys, _, depth)) in search.nodes.iter().enumerate() {
            actions.clear();
            search.model.enabled(sys, &mut actions);
            for &action in &actions {
                let (next, _) = search.model.step(sys, action);
                for t in OFF_DIAGRAM {
                    if ends.contains_key(t.reach.name)
                        || !(t.reach.test)(&search.model, sys, &action, &next)
                    {
                        continue;
                    }
                    let (from, to) = endpoints(t);
                    let host = (0..2).find(|&h| {
                        sys.hosts[h].endpoint.state() == from
                            && next.hosts[h].endpoint.state() == to
                            && !next.hosts[h].app.crashed
                    });
                    if let Some(host) = host {
                        let end = End {
                            steps: depth + 1,
                            node,
                            host,
                            last: Some(action),
                        };
                        ends.insert(t.reach.name, end);
                    }
                }
            }
        }
        for (name, end) in ends {
            if !matches!(best.get(name), Some(b) if b.model_steps <= end.steps) {
                best.insert(name, search.project(end, &Avoid::new()));
            }
        }
    }
    best
}

/// One case per off-diagram transition a scenario takes.
pub fn cases() -> Vec<Case> {
    OFF_DIAGRAM
        .iter()
        .filter_map(|t| {
            let path = paths().get(t.reach.name)?;
            Some(Case {
                name: format!("{} (off Figure 5)", t.reach.name),
                origin: format!("{}; {}", path.origin(), t.rfc),
                steps: path.lines.iter().cloned().map(Step::Line).collect(),
                transition: Some(endpoints(t)),
            })
        })
        .collect()
}

/// The off-diagram transitions no scenario takes at the paths' bounds.
pub fn missing() -> Vec<&'static str> {
    OFF_DIAGRAM
        .iter()
        .map(|t| t.reach.name)
        .filter(|name| !paths().contains_key(name))
        .collect()
}
