//! An explicit-state model checker for any [`stateright::Model`].
//!
//! It replaces stateright's own checker for two reasons: its BFS may report a
//! non-shortest `always` counterexample, and its `eventually` misses
//! violations on cycles and where two paths join. Here:
//!
//! * counterexamples and witnesses of Always/Sometimes are **shortest** (BFS
//!   parent tree);
//! * Eventually is CTL `AF condition` over all maximal **weakly fair** paths,
//!   decided on the whole state graph (SCCs), so cycles and joins are sound;
//! * results are identical for every thread count.
//!
//! States are identified by a deterministic 64-bit fingerprint of their
//! `Hash` (two distinct states colliding would be merged, as in TLC). No
//! state is kept but those of the BFS frontier, which wait on disk, and
//! about 45 bytes per state (parent, label, liveness edges, the fingerprint
//! table); traces are rebuilt by replaying actions, so the model must be
//! deterministic. [`Options::bitstate`] keeps a few bits per state instead,
//! for models too large for that.
//!
//! ```
//! use stateright::{Model, Property};
//! use synack_model::check::{check, Checkable, Options};
//!
//! /// A light that is switched on, unless someone waits forever.
//! struct Light { fair: bool }
//! #[derive(Clone, Debug, PartialEq)]
//! enum Act { Wait, Switch }
//! impl Model for Light {
//!     type State = bool;
//!     type Action = Act;
//!     fn init_states(&self) -> Vec<bool> { vec![false] }
//!     fn actions(&self, on: &bool, actions: &mut Vec<Act>) {
//!         if !on { actions.extend([Act::Wait, Act::Switch]) }
//!     }
//!     fn next_state(&self, _: &bool, act: Act) -> Option<bool> { Some(act == Act::Switch) }
//!     fn properties(&self) -> Vec<Property<Self>> {
//!         vec![Property::eventually("on", |_, on| *on)]
//!     }
//! }
//! impl Checkable for Light {
//!     fn fairness_class(&self, act: &Act) -> Option<u8> {
//!         (self.fair && *act == Act::Switch).then_some(0)
//!     }
//! }
//!
//! // Waiting forever is a counterexample: a lasso back to the initial state.
//! let report = check(&Light { fair: false }, &Options::default(), &mut |_| {});
//! let on = &report.properties[0];
//! assert!(!on.holds);
//! assert_eq!(on.trace.as_ref().unwrap().loop_back_to, Some(0));
//! // Unless switching is weakly fair: it is enabled all along that loop.
//! let report = check(&Light { fair: true }, &Options::default(), &mut |_| {});
//! assert!(report.properties[0].holds);
//! ```
//!
//! Files: `explore.rs` drives the BFS and builds the graph, `expand.rs`
//! computes successors in parallel, `table.rs` maps fingerprints to
//! indices, `frontier.rs` and `spill.rs` keep the BFS levels (on disk),
//! `properties.rs` evaluates conditions, `graph.rs` stores the graph,
//! `liveness.rs` decides Eventually, `trace.rs` rebuilds paths,
//! `bitstate.rs` is the supertrace search, `codec.rs` the compact frontier;
//! `tests.rs` and `proptests.rs` test them.

mod bitstate;
mod codec;
mod expand;
mod explore;
mod frontier;
mod graph;
mod liveness;
mod properties;
mod spill;
mod table;
mod trace;
mod verdict;

pub use bitstate::Coverage;
pub use verdict::{Stop, Verdict};

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use std::fmt;
use std::hash::Hash;
use std::time::{Duration, Instant};

use stateright::{Expectation, Model};

use self::graph::NONE;

/// What the checker needs from a model beyond [`stateright::Model`]: the weak
/// fairness of its actions, and properties of steps.
///
/// An infinite behaviour is weakly fair when every class that is enabled in
/// all of its states from some point on is also taken infinitely often.
/// Eventually-properties are only checked against weakly fair behaviours, so
/// e.g. "a retransmission timer keeps being ignored forever" is not a
/// counterexample when the timer action is fair.
pub trait Checkable: Model {
    /// Weak-fairness class of an action (index < 32), or None if the action is not fair.
    ///
    /// A class is enabled in a state when some action of that class has a
    /// successor (`next_state` returns `Some`) there.
    fn fairness_class(&self, action: &Self::Action) -> Option<u8> {
        let _ = action;
        None
    }

    /// Makes `into` the successor of `state` by `action` and returns true,
    /// or returns false if there is none (`into` is then any state). The
    /// same as [`Model::next_state`]; a model whose states are large can
    /// build the successor over `into` (a state the checker keeps for
    /// this), with [`Clone::clone_from`] and a step in place, instead of
    /// making a new one and moving it there.
    fn next_state_into(
        &self,
        state: &Self::State,
        action: Self::Action,
        into: &mut Self::State,
    ) -> bool {
        match self.next_state(state, action) {
            Some(next) => {
                *into = next;
                true
            }
            None => false,
        }
    }

    /// Symmetry: states the checker may take for `state` because they
    /// behave alike up to a renaming that maps every property to itself
    /// (for two interchangeable hosts, the state with the hosts swapped).
    /// The checker identifies all of them with one another and explores one
    /// of them. `None` (the default): no symmetry.
    ///
    /// The forms must depend only on `state`'s class: two states have the
    /// same forms, as a set, exactly when they are to be identified. The
    /// fairness classes must be symmetric too (the checker cannot tell two
    /// mirror images apart, so nor may a class).
    fn symmetric_forms(&self, state: &Self::State) -> Option<[Self::State; 2]> {
        let _ = state;
        None
    }

    /// Properties of steps rather than states, each "sometimes": some
    /// reachable step satisfies it (a transition of a state diagram, an
    /// event). Reported after the state properties, as `Sometimes`, with the
    /// shortest path that ends in such a step.
    fn step_properties(&self) -> Vec<StepProperty<Self>> {
        Vec::new()
    }

    /// A compact byte encoding of states. With
    /// [`Options::compact_frontier`], the BFS frontier (the states found but
    /// not yet expanded, two levels of them at a time) holds each state as
    /// its bytes rather than whole: for the TCP model a third of the size
    /// or less.
    /// `None` (the default): states are always kept whole.
    fn state_codec(&self) -> Option<StateCodec<Self::State>> {
        None
    }
}

/// How a model's states are written to bytes and read back; see
/// [`Checkable::state_codec`]. `decode` must return a state equal to the
/// one `encode` wrote (with the same `Hash`).
pub struct StateCodec<S> {
    /// Appends the bytes of a state to the buffer.
    pub encode: fn(&S, &mut Vec<u8>),
    /// The state whose bytes are exactly these.
    pub decode: fn(&[u8]) -> S,
}

impl<S> Clone for StateCodec<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S> Copy for StateCodec<S> {}

/// A named condition on a step: (state before, action, state after).
pub struct StepProperty<M: Model> {
    /// The property's name.
    pub name: &'static str,
    /// Whether the step is one the property looks for.
    pub condition: fn(&M, &M::State, &M::Action, &M::State) -> bool,
}

/// How to run [`check`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Worker threads (0 is treated as 1); results do not depend on it.
    pub threads: usize,
    /// Stop expanding once this many distinct states are known: the report
    /// is then incomplete. Slightly more states may be listed, since the
    /// state being expanded adds all its successors.
    pub max_states: Option<usize>,
    /// Expand no state this deep (init = 0): paths of at most this many
    /// steps are explored, and the report is incomplete if longer ones exist.
    pub max_depth: Option<usize>,
    /// Stop at the end of the first BFS level in which some Always property
    /// is violated (its counterexample is still a shortest one). The report
    /// is then incomplete: other properties are decided on the explored
    /// part only, unexplored states being unknown.
    pub stop_on_violation: bool,
    /// With `stop_on_violation`: the Always properties whose violation
    /// stops exploration, by name; empty means any.
    pub watch: Vec<&'static str>,
    /// Stop exploring before the check would need more than this many
    /// bytes of memory (resident, as the system counts it: see
    /// [`resident_memory`]), liveness searches included. The report is then
    /// incomplete ([`Stop::MemoryLimit`]) and Eventually-properties are
    /// not searched. Without [`resident_memory`] (not Linux), no limit.
    pub memory_limit: Option<u64>,
    /// Keep the BFS frontier encoded with the model's
    /// [`state_codec`](Checkable::state_codec), if it has one, in memory:
    /// otherwise all but a chunk of each BFS level waits in a temporary
    /// file, whole (see `frontier.rs`). More time, no file.
    pub compact_frontier: bool,
    /// Search in bitstate mode (supertrace) with a bit array of this many
    /// bytes instead of storing states: for models too large to store.
    /// Violations and witnesses found are real; nothing is proven to hold
    /// ([`Stop::Bitstate`]), Eventually-properties are not searched, and
    /// [`Report::bitstate`] estimates the states missed.
    pub bitstate: Option<u64>,
}

impl Default for Options {
    /// One thread, no limit.
    fn default() -> Self {
        Options {
            threads: 1,
            max_states: None,
            max_depth: None,
            memory_limit: None,
            stop_on_violation: false,
            watch: Vec::new(),
            compact_frontier: false,
            bitstate: None,
        }
    }
}

/// Memory this process holds (resident set, in bytes), as Linux reports it
/// in `/proc/self/status`; `None` where that cannot be read.
pub fn resident_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Counters passed to the progress callback of [`check`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Distinct states found so far.
    pub distinct_states: usize,
    /// Successor states computed so far, duplicates included.
    pub states_generated: u64,
    /// BFS depth reached so far.
    pub depth: usize,
}

/// Outcome of [`check`].
pub struct Report<M: Model> {
    /// Successor states computed, duplicates included, plus initial states
    /// (TLC's "states generated").
    pub states_generated: u64,
    /// Distinct states found, boundary states included.
    pub distinct_states: usize,
    /// Length of the longest shortest path from an initial state (init = 0).
    pub max_depth: usize,
    /// States outside `within_boundary`: counted, not expanded, not checked.
    pub boundary_states: usize,
    /// False if a bound (`max_states`, `max_depth`, `memory_limit`) or
    /// `stop_on_violation` stopped exploration: then "holds" only means
    /// "no counterexample among the explored states"
    /// ([`PropertyResult::verdict`] says what was decided).
    pub complete: bool,
    /// What stopped exploration early, if anything (`None` iff `complete`).
    pub stopped: Option<Stop>,
    /// Wall-clock time of the whole check.
    pub elapsed: Duration,
    /// One result per property, in the order of `model.properties()`, then
    /// one per step property.
    pub properties: Vec<PropertyResult<M>>,
    /// With [`Options::bitstate`]: how much of the state space the search
    /// is estimated to have seen.
    pub bitstate: Option<Coverage>,
}

impl<M: Model> Report<M> {
    /// The chance that two of the distinct states found share a 64-bit
    /// fingerprint, so that one was taken for the other and not explored:
    /// about n²/2^65 for n states (the birthday bound, as TLC prints it).
    /// 2e-6 at 8.7 million states, 3e-4 at 100 million.
    pub fn collision_probability(&self) -> f64 {
        let n = self.distinct_states as f64;
        (n * n / 2f64.powi(65)).min(1.0)
    }
}

/// Verdict on one property.
pub struct PropertyResult<M: Model> {
    /// The property's name.
    pub name: &'static str,
    /// Always, Sometimes or Eventually.
    pub expectation: Expectation,
    /// Always: no reachable state violates the condition. Sometimes: some
    /// reachable state satisfies it. Eventually: every maximal weakly fair
    /// path from every initial state reaches a state satisfying it.
    /// Boundary (and unexpanded) states are unknown and never refute, so
    /// on an incomplete report `holds` may be true of a property nothing
    /// decided: use [`PropertyResult::verdict`] to tell.
    pub holds: bool,
    /// Always: shortest path to a violating state. Sometimes: shortest path
    /// to a satisfying state. Eventually: a counterexample through violating
    /// states, with a shortest prefix, ending in a terminal state or in a
    /// weakly fair cycle (a lasso). `None` when there is nothing to show.
    pub trace: Option<Trace<M>>,
}

/// A path of the model, possibly closing into a loop.
pub struct Trace<M: Model> {
    /// The initial state.
    pub init: M::State,
    /// Each action with the state it leads to.
    pub steps: Vec<(M::Action, M::State)>,
    /// For a lasso: the state the last step returns to, as an index into the
    /// states of the trace (0 = `init`, i = the state after step i); the
    /// steps after it repeat forever. `None` for a finite path.
    pub loop_back_to: Option<usize>,
}

impl<M: Model> Trace<M> {
    /// The last state of the path.
    pub fn last_state(&self) -> &M::State {
        self.steps.last().map_or(&self.init, |(_, s)| s)
    }
}

impl<M: Model> Clone for Trace<M>
where
    M::State: Clone,
    M::Action: Clone,
{
    fn clone(&self) -> Self {
        Trace {
            init: self.init.clone(),
            steps: self.steps.clone(),
            loop_back_to: self.loop_back_to,
        }
    }
}

impl<M: Model> PartialEq for Trace<M>
where
    M::State: PartialEq,
    M::Action: PartialEq,
{
    fn eq(&self, other: &Self) -> bool {
        self.init == other.init
            && self.steps == other.steps
            && self.loop_back_to == other.loop_back_to
    }
}

impl<M: Model> fmt::Debug for Trace<M>
where
    M::State: fmt::Debug,
    M::Action: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Trace")
            .field("init", &self.init)
            .field("steps", &self.steps)
            .field("loop_back_to", &self.loop_back_to)
            .finish()
    }
}

impl<M: Model> Clone for PropertyResult<M>
where
    M::State: Clone,
    M::Action: Clone,
{
    fn clone(&self) -> Self {
        PropertyResult {
            name: self.name,
            expectation: self.expectation.clone(),
            holds: self.holds,
            trace: self.trace.clone(),
        }
    }
}

impl<M: Model> fmt::Debug for PropertyResult<M>
where
    M::State: fmt::Debug,
    M::Action: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PropertyResult")
            .field("name", &self.name)
            .field("expectation", &self.expectation)
            .field("holds", &self.holds)
            .field("trace", &self.trace)
            .finish()
    }
}

impl<M: Model> fmt::Debug for Report<M>
where
    M::State: fmt::Debug,
    M::Action: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report")
            .field("states_generated", &self.states_generated)
            .field("distinct_states", &self.distinct_states)
            .field("max_depth", &self.max_depth)
            .field("boundary_states", &self.boundary_states)
            .field("complete", &self.complete)
            .field("stopped", &self.stopped)
            .field("elapsed", &self.elapsed)
            .field("properties", &self.properties)
            .finish()
    }
}

/// Explores every state of `model` reachable from its initial states and
/// checks all of its properties.
///
/// `progress` is called from the calling thread at most about ten times a
/// second during exploration, and once when exploration ends.
///
/// # Panics
/// If the model has more than 64 Always/Sometimes or 32 Eventually
/// properties, a fairness class is not below 32, there are 2^32 or more
/// states, or the model is not deterministic (replaying a trace diverges).
pub fn check<M>(model: &M, options: &Options, progress: &mut dyn FnMut(&Progress)) -> Report<M>
where
    M: Checkable + Sync,
    M::State: Hash + Clone + Send + Sync,
    M::Action: Clone + Send,
{
    let start = Instant::now();
    let properties = model.properties();
    let step_properties = model.step_properties();
    let checks = properties::Checks::new(&properties, &step_properties);
    // Safety slots whose violation stops exploration (with stop_on_violation).
    let watched: u64 = properties
        .iter()
        .zip(&checks.slot)
        .filter(|(p, _)| p.expectation == Expectation::Always)
        .filter(|(p, _)| options.watch.is_empty() || options.watch.contains(&p.name))
        .fold(0, |mask, (_, &slot)| mask | 1 << slot);
    if let Some(bytes) = options.bitstate {
        return check_bitstate(model, &checks, options, bytes, watched, progress, start);
    }
    let explored = explore::explore(model, &checks, options, watched, progress);
    let graph = &explored.graph;

    // Each Eventually-property is a search of its own over the whole graph:
    // they are shared out among as many threads as exploration had.
    // After a memory limit, no liveness search: it would need more.
    let searched = explored.stopped != Some(Stop::MemoryLimit);
    let slots: Vec<usize> = (0..checks.eventually.len()).filter(|_| searched).collect();
    let per_thread = slots.len().div_ceil(options.threads.max(1)).max(1);
    let mut lassos: Vec<Option<liveness::Lasso>> = std::thread::scope(|scope| {
        let searches: Vec<_> = slots
            .chunks(per_thread)
            .map(|chunk| {
                scope.spawn(move || {
                    let search = |&slot: &usize| liveness::counterexample(graph, 1 << slot);
                    chunk.iter().map(search).collect::<Vec<_>>()
                })
            })
            .collect();
        searches
            .into_iter()
            .flat_map(|s| s.join().expect("a liveness search panicked"))
            .collect()
    });

    let results = properties
        .iter()
        .zip(&checks.slot)
        .map(|(property, &slot)| {
            let (holds, trace) = match property.expectation {
                Expectation::Always | Expectation::Sometimes => {
                    let found = explored.discoveries[slot];
                    let trace = (found != NONE).then(|| trace::shortest_path(model, graph, found));
                    let holds = (found == NONE) == (property.expectation == Expectation::Always);
                    (holds, trace)
                }
                Expectation::Eventually => match lassos.get_mut(slot).and_then(Option::take) {
                    Some(lasso) => (false, Some(trace::lasso(model, graph, &lasso))),
                    None => (true, None),
                },
            };
            PropertyResult {
                name: property.name,
                expectation: property.expectation.clone(),
                holds,
                trace,
            }
        })
        .chain(
            step_properties
                .iter()
                .zip(&explored.step_discoveries)
                .map(|(property, found)| PropertyResult {
                    name: property.name,
                    expectation: Expectation::Sometimes,
                    holds: found.is_some(),
                    trace: found.map(|(v, action, target)| {
                        trace::shortest_path_then(model, graph, v, action, target)
                    }),
                }),
        )
        .collect();

    Report {
        states_generated: explored.states_generated,
        distinct_states: graph.len(),
        max_depth: explored.max_depth,
        boundary_states: explored.boundary_states,
        complete: explored.stopped.is_none(),
        stopped: explored.stopped,
        elapsed: start.elapsed(),
        properties: results,
        bitstate: None,
    }
}

/// [`check`] in bitstate mode.
///
/// # Panics
/// If the temporary files cannot be written, or as [`check`].
fn check_bitstate<M>(
    model: &M,
    checks: &properties::Checks<M>,
    options: &Options,
    bytes: u64,
    watched: u64,
    progress: &mut dyn FnMut(&Progress),
    start: Instant,
) -> Report<M>
where
    M: Checkable + Sync,
    M::State: Hash + Clone + Send + Sync,
    M::Action: Clone + Send,
{
    let mut searched = bitstate::search(model, checks, options, bytes, watched, progress)
        .unwrap_or_else(|e| panic!("bitstate search: cannot use a temporary file: {e}"));
    let properties = model.properties();
    let results = properties
        .iter()
        .zip(&checks.slot)
        .map(|(property, &slot)| {
            let trace = match property.expectation {
                Expectation::Always | Expectation::Sometimes => searched.discoveries[slot].take(),
                Expectation::Eventually => None,
            };
            PropertyResult {
                name: property.name,
                expectation: property.expectation.clone(),
                holds: trace.is_some() == (property.expectation == Expectation::Sometimes),
                trace,
            }
        })
        .chain(
            model
                .step_properties()
                .iter()
                .zip(searched.step_discoveries.iter_mut())
                .map(|(property, found)| PropertyResult {
                    name: property.name,
                    expectation: Expectation::Sometimes,
                    holds: found.is_some(),
                    trace: found.take(),
                }),
        )
        .collect();
    Report {
        states_generated: searched.states_generated,
        distinct_states: searched.coverage.stored as usize,
        max_depth: searched.max_depth,
        boundary_states: searched.boundary_states,
        complete: false,
        stopped: Some(searched.stopped.unwrap_or(Stop::Bitstate)),
        elapsed: start.elapsed(),
        properties: results,
        bitstate: Some(searched.coverage),
    }
}
