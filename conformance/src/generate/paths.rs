//! Shortest paths found in the model, seen from one host.
//!
//! The model (`synack_model::model::Tcp`) composes two endpoints, their
//! applications and a network. A breadth-first search over its steps, with
//! a network that neither loses nor duplicates, finds for each
//! state the fewest steps after which some host is in it, and for each
//! Figure 5 transition the fewest steps after which some host takes it.
//!
//! The stack under test then plays that host: its application's calls
//! become script calls, the segments delivered to it become injected
//! segments (numbers made relative to the two ISSs), ticks become waits.
//! What the host sent is not in the script: that is for the stack to send
//! and the oracle to judge.
//!
//! A stack that deviates on the way (or takes a permitted other way) never
//! reaches the state the path leads to. [`paths_avoiding`] finds the
//! shortest paths that avoid given events in given states: the suite asks
//! for them with each event a stack has left a path on, until a path
//! leads there or none is left (see `suite::run`).

use crate::script::{self, send, Line};
use crate::stack::Call;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};
use synack_model::model::app::Step;
use synack_model::model::properties::{FIGURE_5, OFF_DIAGRAM};
use synack_model::model::{scenario, Action, Bounds, Sys, Tcp};
use synack_model::{Flags, Segment, SeqNum, State};

/// A path in the model, projected on one host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelPath {
    /// The scenario it was found in.
    pub scenario: &'static str,
    /// The host the stack plays: its name in the scenario.
    pub host: &'static str,
    /// Steps of the whole model (both hosts and the network).
    pub model_steps: usize,
    /// The host's view, as script lines.
    pub lines: Vec<Line>,
    /// The host's state after each line.
    pub states: Vec<State>,
    /// Events the search avoided (empty for a shortest path).
    pub avoids: Avoid,
}

impl ModelPath {
    /// One line on where the path comes from, for reproducers.
    pub fn origin(&self) -> String {
        let avoiding = if self.avoids.is_empty() {
            String::new()
        } else {
            let events: Vec<String> = self
                .avoids
                .iter()
                .map(|(state, kind)| format!("{kind} in {}", state.rfc_name()))
                .collect();
            format!(" avoiding {}", events.join(", "))
        };
        format!(
            "shortest model path{avoiding}: scenario {}, the stack plays {} ({} model steps)",
            self.scenario, self.host, self.model_steps
        )
    }
}

/// The shortest paths: to each state, and through each Figure 5 transition.
#[derive(Clone, Debug)]
pub struct Paths {
    /// A shortest path to each of the eleven states.
    pub to_state: BTreeMap<State, ModelPath>,
    /// A shortest path ending with each Figure 5 transition, by (from, to).
    pub transitions: BTreeMap<(State, State), ModelPath>,
    /// A shortest path ending with each transition off Figure 5 some
    /// scenario takes (`OFF_DIAGRAM`), by name; only among the paths that
    /// avoid nothing ([`off_diagram`](super::off_diagram) reads them).
    pub off_diagram: BTreeMap<&'static str, ModelPath>,
}

/// The paths, found once per process (the model with these bounds has a
/// few tens of thousands of states: well under a second).
pub fn paths() -> &'static Paths {
    static PATHS: OnceLock<Paths> = OnceLock::new();
    PATHS.get_or_init(|| explore(&Avoid::new()))
}

/// What happens to the host at one step of a path, as far as choosing
/// another path goes: a user call, a segment by its flags and whether it
/// carries text, or time passing. Written as deviation signatures write
/// events (`close`, `< SYN,ACK`, `< ACK+text`, `wait`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKind {
    /// A user call, by name (`close`).
    Call(String),
    /// A segment from the peer: its flags, and whether it carries text.
    Segment(Flags, bool),
    /// Time passes.
    Wait,
}

impl EventKind {
    /// The kind of a script line.
    pub fn of(line: &Line) -> EventKind {
        match line {
            Line::Call(call) => EventKind::Call(call_name(call)),
            Line::Inject(seg) => EventKind::Segment(seg.flags, !seg.payload.is_empty()),
            Line::Wait(_) => EventKind::Wait,
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventKind::Call(name) => f.write_str(name),
            EventKind::Segment(flags, false) => write!(f, "< {flags}"),
            EventKind::Segment(flags, true) => write!(f, "< {flags}+text"),
            EventKind::Wait => f.write_str("wait"),
        }
    }
}

/// A call's name: its script line's first word.
fn call_name(call: &Call) -> String {
    call.to_string()
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Events a path must not take, each in the state the host is in.
pub type Avoid = BTreeSet<(State, EventKind)>;

/// The shortest paths that take none of the events in `avoid` (each in its
/// state) on the host the stack plays. Found once per set and kept: a
/// stack's deviations ask for a handful of sets.
pub fn paths_avoiding(avoid: &Avoid) -> Arc<Paths> {
    static FOUND: OnceLock<Mutex<HashMap<Avoid, Arc<Paths>>>> = OnceLock::new();
    if avoid.is_empty() {
        return Arc::new(paths().clone());
    }
    let found = FOUND.get_or_init(Mutex::default);
    if let Some(p) = found.lock().unwrap_or_else(|e| e.into_inner()).get(avoid) {
        return p.clone();
    }
    // Searched outside the lock: two threads may both search the same set,
    // and find the same paths.
    let p = Arc::new(explore(avoid));
    found
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(avoid.clone())
        .or_insert(p)
        .clone()
}

/// The bounds of the search: a network that never loses or duplicates, and
/// reorders at most once, with the model's timers. One reordering is the
/// least that takes FIN-WAIT-1 straight to TIME-WAIT (the peer's FIN,ACK
/// overtakes its ACK of our FIN); shortest paths use it only where needed.
pub(crate) fn bounds() -> Bounds {
    Bounds {
        losses: 0,
        duplicates: 0,
        reorders: 1,
        ..Bounds::default()
    }
}

/// The (from, to) pairs Figure 5 draws, read from the model's own list.
pub fn figure_5() -> Vec<(State, State)> {
    let by_name = |name: &str| State::ALL.into_iter().find(|s| s.to_string() == name);
    FIGURE_5
        .iter()
        .filter_map(|r| {
            let (from, to) = r.name.split_once(" -> ")?;
            Some((by_name(from)?, by_name(to)?))
        })
        .collect()
}

/// Where a shortest path ends: a node of one scenario's search, a host,
/// and maybe one more action.
#[derive(Clone, Copy)]
pub(crate) struct End {
    pub(crate) steps: usize,
    pub(crate) node: usize,
    pub(crate) host: usize,
    pub(crate) last: Option<Action>,
}

/// A node of a search: the system, the parent node and the action from
/// it (none for the initial state), and the depth.
pub(crate) type Node = (Sys, Option<(usize, Action)>, usize);

/// One scenario's breadth-first search: nodes with parent pointers.
pub(crate) struct Search {
    pub(crate) model: Tcp,
    pub(crate) nodes: Vec<Node>,
}

/// Shortest paths avoiding `avoid`: with nothing to avoid, one search a
/// scenario serves both hosts; otherwise one search a scenario and host,
/// the events avoided on that host only.
fn explore(avoid: &Avoid) -> Paths {
    let wanted = figure_5();
    let mut to_state: BTreeMap<State, ModelPath> = BTreeMap::new();
    let mut transitions: BTreeMap<(State, State), ModelPath> = BTreeMap::new();
    let mut best_state: BTreeMap<State, usize> = BTreeMap::new();
    let mut best_transition: BTreeMap<(State, State), usize> = BTreeMap::new();
    let mut off_diagram: BTreeMap<&'static str, ModelPath> = BTreeMap::new();
    let runs: Vec<(usize, Option<usize>)> = if avoid.is_empty() {
        (0..scenario::all().len()).map(|s| (s, None)).collect()
    } else {
        (0..scenario::all().len())
            .flat_map(|s| [(s, Some(0)), (s, Some(1))])
            .collect()
    };
    for (index, only) in runs {
        // Nothing to avoid: the searches every process makes once.
        let owned;
        let search = if avoid.is_empty() {
            &searches()[index]
        } else {
            let scenario = scenario::all().swap_remove(index);
            owned = bfs(Tcp::new(scenario, bounds()), avoid, only);
            &owned
        };
        let hosts: Vec<usize> = only.map_or(vec![0, 1], |h| vec![h]);
        let mut ends_state: BTreeMap<State, End> = BTreeMap::new();
        let mut ends_transition: BTreeMap<(State, State), End> = BTreeMap::new();
        let mut ends_off: BTreeMap<&'static str, End> = BTreeMap::new();
        for (node, (sys, _, depth)) in search.nodes.iter().enumerate() {
            for &host in &hosts {
                if sys.hosts[host].app.crashed {
                    continue;
                }
                let end = End {
                    steps: *depth,
                    node,
                    host,
                    last: None,
                };
                ends_state
                    .entry(sys.hosts[host].endpoint.state())
                    .or_insert(end);
            }
            let mut actions = Vec::new();
            search.model.enabled(sys, &mut actions);
            for action in actions {
                if only.is_some_and(|h| avoided(&search.model, sys, action, h, avoid)) {
                    continue;
                }
                let (next, _) = search.model.step(sys, action);
                for &host in &hosts {
                    let key = (
                        sys.hosts[host].endpoint.state(),
                        next.hosts[host].endpoint.state(),
                    );
                    if next.hosts[host].app.crashed || !wanted.contains(&key) {
                        continue;
                    }
                    let end = End {
                        steps: depth + 1,
                        node,
                        host,
                        last: Some(action),
                    };
                    ends_transition.entry(key).or_insert(end);
                }
                if avoid.is_empty() {
                    off_diagram_ends(
                        &search.model,
                        sys,
                        action,
                        &next,
                        *depth,
                        node,
                        &mut ends_off,
                    );
                }
            }
        }
        for (state, end) in ends_state {
            if !matches!(best_state.get(&state), Some(b) if *b <= end.steps) {
                best_state.insert(state, end.steps);
                to_state.insert(state, search.project(end, avoid));
            }
        }
        for (key, end) in ends_transition {
            if !matches!(best_transition.get(&key), Some(b) if *b <= end.steps) {
                best_transition.insert(key, end.steps);
                transitions.insert(key, search.project(end, avoid));
            }
        }
        for (name, end) in ends_off {
            if !matches!(off_diagram.get(name), Some(b) if b.model_steps <= end.steps) {
                off_diagram.insert(name, search.project(end, avoid));
            }
        }
    }
    Paths {
        to_state,
        transitions,
        off_diagram,
    }
}

/// Record, for each transition off Figure 5 the step `sys --action-->
/// next` takes on a host that has not crashed, where it ends, unless a
/// shorter end is known (nodes come in order of depth).
fn off_diagram_ends(
    model: &Tcp,
    sys: &Sys,
    action: Action,
    next: &Sys,
    depth: usize,
    node: usize,
    ends: &mut BTreeMap<&'static str, End>,
) {
    let moved = |h: usize| sys.hosts[h].endpoint.state() != next.hosts[h].endpoint.state();
    // Every one of them changes a host's state: most steps change none.
    if !moved(0) && !moved(1) {
        return;
    }
    for t in OFF_DIAGRAM {
        if ends.contains_key(t.reach.name) || !(t.reach.test)(model, sys, &action, next) {
            continue;
        }
        let (from, to) = super::off_diagram::endpoints(t);
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

/// Every scenario's search, run once per process: the shortest paths and
/// the [`histories`](super::histories) are read from the same nodes.
pub(crate) fn searches() -> &'static [Search] {
    static SEARCHES: OnceLock<Vec<Search>> = OnceLock::new();
    SEARCHES.get_or_init(|| {
        scenario::all()
            .into_iter()
            .map(|scenario| bfs(Tcp::new(scenario, bounds()), &Avoid::new(), None))
            .collect()
    })
}

/// Whether `action` is an event `avoid` lists for `host` in its state.
fn avoided(model: &Tcp, sys: &Sys, action: Action, host: usize, avoid: &Avoid) -> bool {
    let kind = match action {
        Action::App(h) if usize::from(h) == host => {
            let pc = usize::from(sys.hosts[host].app.pc);
            match model.scenario.scripts[host].get(pc).copied().and_then(call) {
                Some(c) => EventKind::Call(call_name(&c)),
                None => return false,
            }
        }
        Action::Deliver(i) | Action::Duplicate(i) => {
            let f = &sys.net.in_flight[usize::from(i)];
            if usize::from(f.from) == host {
                return false;
            }
            let seg = f.segment();
            EventKind::Segment(seg.flags, !seg.payload.is_empty())
        }
        Action::Tick => EventKind::Wait,
        _ => return false,
    };
    avoid.contains(&(sys.hosts[host].endpoint.state(), kind))
}

/// Breadth-first search from the scenario's initial state, never taking an
/// event `avoid` lists for host `only`. Nodes are in order of depth, so
/// the first node with a property is a shortest one.
pub(crate) fn bfs(model: Tcp, avoid: &Avoid, only: Option<usize>) -> Search {
    let start = model.initial();
    let mut index: HashMap<Sys, usize> = HashMap::from([(start.clone(), 0)]);
    let mut nodes = vec![(start, None, 0)];
    let mut next = 0;
    let mut actions = Vec::new();
    while next < nodes.len() {
        let (sys, _, depth) = nodes[next].clone();
        actions.clear();
        model.enabled(&sys, &mut actions);
        for &action in &actions {
            if only.is_some_and(|h| avoided(&model, &sys, action, h, avoid)) {
                continue;
            }
            let (after, _) = model.step(&sys, action);
            if !index.contains_key(&after) {
                index.insert(after.clone(), nodes.len());
                nodes.push((after, Some((next, action)), depth + 1));
            }
        }
        next += 1;
    }
    Search { model, nodes }
}

impl Search {
    /// The path to `end` as the host sees it.
    pub(crate) fn project(&self, end: End, avoid: &Avoid) -> ModelPath {
        let mut trail = Vec::new();
        let mut at = end.node;
        while let Some((parent, action)) = self.nodes[at].1 {
            trail.push((parent, action));
            at = parent;
        }
        trail.reverse();
        if let Some(action) = end.last {
            trail.push((end.node, action));
        }
        let host = end.host;
        let scenario = &self.model.scenario;
        // The setup steps ran before the initial state: the host's first.
        let mut lines: Vec<Line> = scenario.scripts[host][..usize::from(scenario.setup[host])]
            .iter()
            .filter_map(|step| call(*step))
            .map(Line::Call)
            .collect();
        let mut states = vec![self.nodes[0].0.hosts[host].endpoint.state(); lines.len()];
        for (node, action) in trail {
            let sys = &self.nodes[node].0;
            let before = lines.len();
            match action {
                Action::App(h) if usize::from(h) == host => {
                    let pc = usize::from(sys.hosts[host].app.pc);
                    lines.extend(call(scenario.scripts[host][pc]).map(Line::Call));
                }
                Action::Deliver(i) | Action::Duplicate(i) => {
                    let f = &sys.net.in_flight[usize::from(i)];
                    if usize::from(f.from) != host {
                        lines.push(self.relative(sys, host, &f.segment()));
                    }
                }
                Action::Tick => match lines.last_mut() {
                    Some(Line::Wait(n)) => *n += 1,
                    _ => lines.push(Line::Wait(1)),
                },
                _ => {}
            }
            let after = self.model.step(sys, action).0.hosts[host].endpoint.state();
            if lines.len() > before {
                states.push(after);
            } else if matches!(action, Action::Tick) {
                if let Some(last) = states.last_mut() {
                    *last = after;
                }
            }
        }
        ModelPath {
            scenario: scenario.name,
            host: scenario.hosts[host],
            model_steps: end.steps,
            lines,
            states,
            avoids: avoid.clone(),
        }
    }

    /// A segment from the peer to `host`, its numbers relative to the ISS
    /// of each side's current connection.
    fn relative(&self, sys: &Sys, host: usize, seg: &Segment) -> Line {
        let iss = |h: usize| {
            let connection = sys.hosts[h].app.opens.saturating_sub(1);
            scenario::iss(&self.model.bounds, h, connection)
        };
        script::inject(Segment {
            seq: SeqNum(seg.seq.0.wrapping_sub(iss(1 - host).0)),
            ack: if seg.has(Flags::ACK) {
                SeqNum(seg.ack.0.wrapping_sub(iss(host).0))
            } else {
                SeqNum(0)
            },
            ..seg.clone()
        })
    }
}

/// The user call an application step makes, if it makes one.
fn call(step: Step) -> Option<Call> {
    match step {
        Step::Listen => Some(Call::Listen),
        Step::Connect => Some(Call::Connect),
        Step::Send(n) => Some(send(usize::from(n))),
        Step::Close => Some(Call::Close),
        Step::Abort => Some(Call::Abort),
        _ => None,
    }
}
