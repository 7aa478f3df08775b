//! Rebuilding concrete traces by replaying action indices.
//!
//! The graph stores no states, only (state index, action index) pairs, so a
//! trace is recomputed from `init_states()` by re-running `actions()` and
//! `next_state()`. Each replayed state is checked against the index it is
//! meant to have, which catches non-deterministic models.

use std::hash::Hash;

use super::graph::{state_fingerprint, Graph, NONE};
use super::liveness::Lasso;
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
    replay(model, graph, root, steps.into_iter(), None)
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
    replay(model, graph, root, steps.into_iter(), None)
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
        .map(|&e| (graph.edge_action[e], graph.edge_target[e]));
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
    steps: impl Iterator<Item = (u32, u32)>,
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
    for (action, target) in steps {
        let state = trace.steps.last().map_or(&trace.init, |(_, s)| s);
        actions.clear();
        model.actions(state, &mut actions);
        assert!((action as usize) < actions.len(), "{diverged}");
        let action = actions.swap_remove(action as usize);
        let next = model.next_state(state, action.clone()).expect(diverged);
        check(&next, target);
        trace.steps.push((action, next));
    }
    trace
}
