//! Rebuilding concrete traces by replaying action indices.
//!
//! The graph stores no states, only (state index, action index) pairs, so a
//! trace is recomputed from `init_states()` by re-running `actions()` and
//! `next_state()`. Each replayed state is checked against the index it is
//! meant to have, which catches non-deterministic models.

use std::hash::Hash;

use super::graph::{state_fingerprint, Graph, NONE, UNFAIR};
use super::liveness::Lasso;

/// One step to replay: to the state with this index, by the action with
/// this index, by the first action to it, or by the first action to it of
/// this fairness class. The graph keeps no action (of the BFS tree nor of
/// edges): it is found again by trying each, the first one to the state's
/// fingerprint being the one exploration took.
#[derive(Clone, Copy)]
enum By {
    Action(u32),
    Any,
    Class(u8),
}
use super::{Checkable, Trace};

/// The BFS-tree path to `index`: its initial state and the states after it.
fn tree_path(graph: &Graph, index: u32) -> (u32, Vec<u32>) {
    let mut steps = Vec::new();
    let mut v = index;
    while graph.parent[v as usize] != NONE {
        steps.push(v);
        v = graph.parent[v as usize];
    }
    steps.reverse();
    (v, steps)
}

/// The shortest path (BFS tree) from an initial state to `index`.
pub(crate) fn shortest_path<M: Checkable>(model: &M, graph: &Graph, index: u32) -> Trace<M>
where
    M::State: Hash + Clone,
    M::Action: Clone,
{
    let (root, steps) = tree_path(graph, index);
    let steps = steps.into_iter().map(|t| (By::Any, t));
    replay(model, &|v| graph.fp(v), root, steps, None)
}

/// The shortest path to `source`, then the step by action index `action`
/// to `target`.
pub(crate) fn shortest_path_then<M: Checkable>(
    model: &M,
    graph: &Graph,
    source: u32,
    action: u32,
    target: u32,
) -> Trace<M>
where
    M::State: Hash + Clone,
    M::Action: Clone,
{
    let (root, steps) = tree_path(graph, source);
    let steps = steps.into_iter().map(|t| (By::Any, t));
    let steps = steps.chain([(By::Action(action), target)]);
    replay(model, &|v| graph.fp(v), root, steps, None)
}

/// The path through the states with fingerprints `fps` (the first
/// initial), each step the first action to the next one's, then, if given,
/// the step by action index `action` to the state with fingerprint `then`.
pub(crate) fn path_by_fingerprints<M: Checkable>(
    model: &M,
    fps: &[u64],
    then: Option<(u32, u64)>,
) -> Trace<M>
where
    M::State: Hash + Clone,
    M::Action: Clone,
{
    let last = fps.len() as u32;
    let fp_of = |i: u32| match then {
        Some((_, fp)) if i == last => fp,
        _ => fps[i as usize],
    };
    let steps = (1..last).map(|i| (By::Any, i));
    let steps = steps.chain(then.map(|(action, _)| (By::Action(action), last)));
    replay(model, &fp_of, 0, steps, None)
}

/// The concrete lasso (or terminal path) of a liveness counterexample.
pub(crate) fn lasso<M: Checkable>(model: &M, graph: &Graph, lasso: &Lasso) -> Trace<M>
where
    M::State: Hash + Clone,
    M::Action: Clone,
{
    let steps = lasso
        .prefix
        .iter()
        .chain(&lasso.cycle)
        .map(|&(target, class)| (By::Class(class), target));
    let loop_back_to = (!lasso.cycle.is_empty()).then_some(lasso.prefix.len());
    replay(model, &|v| graph.fp(v), lasso.root, steps, loop_back_to)
}

/// Replays `(action index, expected state index)` steps from initial state
/// `root`.
///
/// # Panics
/// If the model does not reproduce the explored graph (non-determinism).
fn replay<M: Checkable>(
    model: &M,
    fp_of: &dyn Fn(u32) -> u64,
    root: u32,
    steps: impl Iterator<Item = (By, u32)>,
    loop_back_to: Option<usize>,
) -> Trace<M>
where
    M::State: Hash + Clone,
    M::Action: Clone,
{
    let diverged = "model is not deterministic: replaying an explored path diverged";
    let is = |state: &M::State, index: u32| fp_of(index) == state_fingerprint(model, state);
    let init = model
        .init_states()
        .into_iter()
        .find(|s| is(s, root))
        .expect(diverged);
    let mut trace = Trace {
        init,
        steps: Vec::new(),
        loop_back_to,
    };
    let mut actions = Vec::new();
    for (by, target) in steps {
        let state = trace.steps.last().map_or(&trace.init, |(_, s)| s);
        actions.clear();
        model.actions(state, &mut actions);
        let step = match by {
            By::Action(action) => {
                assert!((action as usize) < actions.len(), "{diverged}");
                let action = actions.swap_remove(action as usize);
                let next = model.next_state(state, action.clone()).expect(diverged);
                assert!(is(&next, target), "{diverged}");
                (action, next)
            }
            By::Any | By::Class(_) => actions
                .drain(..)
                .filter(|a| match by {
                    By::Class(class) => model.fairness_class(a).unwrap_or(UNFAIR) == class,
                    _ => true,
                })
                .find_map(|a| {
                    let next = model.next_state(state, a.clone())?;
                    is(&next, target).then_some((a, next))
                })
                .expect(diverged),
        };
        trace.steps.push(step);
    }
    trace
}
