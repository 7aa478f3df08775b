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
/// this index, or by the first action to it of this fairness class (edges
/// keep no action: it is found again by trying each).
#[derive(Clone, Copy)]
enum By {
    Action(u32),
    Class(u8),
}
use super::{Checkable, Trace};

/// The BFS-tree path to `index`: its initial state and its steps as
/// (action index, state index).
fn tree_path(graph: &Graph, index: u32) -> (u32, Vec<(u32, u32)>) {
    let mut steps = Vec::new();
    let mut v = index;
    while graph.parent[v as usize] != NONE {
        steps.push((graph.via[v as usize], v));
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
    let steps = steps.into_iter().map(|(a, t)| (By::Action(a), t));
    replay(model, graph, root, steps, None)
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
    let (root, mut steps) = tree_path(graph, source);
    steps.push((action, target));
    let steps = steps.into_iter().map(|(a, t)| (By::Action(a), t));
    replay(model, graph, root, steps, None)
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
    replay(model, graph, lasso.root, steps, loop_back_to)
}

/// Replays `(action index, expected state index)` steps from initial state
/// `root`.
///
/// # Panics
/// If the model does not reproduce the explored graph (non-determinism).
fn replay<M: Checkable>(
    model: &M,
    graph: &Graph,
    root: u32,
    steps: impl Iterator<Item = (By, u32)>,
    loop_back_to: Option<usize>,
) -> Trace<M>
where
    M::State: Hash + Clone,
    M::Action: Clone,
{
    let diverged = "model is not deterministic: replaying an explored path diverged";
    let init = model
        .init_states()
        .into_iter()
        .nth(graph.via[root as usize] as usize)
        .expect(diverged);
    let check = |state: &M::State, index: u32| {
        assert_eq!(
            graph.map.get(state_fingerprint(model, state)),
            Some(index),
            "{diverged}"
        );
    };
    check(&init, root);
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
                check(&next, target);
                (action, next)
            }
            By::Class(class) => actions
                .drain(..)
                .filter(|a| model.fairness_class(a).unwrap_or(UNFAIR) == class)
                .find_map(|a| {
                    let next = model.next_state(state, a.clone())?;
                    let to = graph.map.get(state_fingerprint(model, &next));
                    (to == Some(target)).then_some((a, next))
                })
                .expect(diverged),
        };
        trace.steps.push(step);
    }
    trace
}
