//! Random small graphs checked against brute-force reference answers.
//!
//! The reference for Eventually enumerates every subset of states instead
//! of using SCCs, so it also tests the claim that weak fairness needs no
//! SCC refinement.

use std::collections::VecDeque;

use proptest::prelude::*;

use super::tests::Net;
use super::{check, Options, Report, Trace};

/// Nodes of the random graphs.
const N: u8 = 6;
/// Checkable classes used.
const CLASSES: u8 = 3;

fn nets() -> impl Strategy<Value = Net> {
    let edge = (
        0..N,
        0..N,
        prop::option::of(0..CLASSES),
        prop::bool::weighted(0.85),
    );
    (
        prop::collection::vec(0..N, 1..=2),
        prop::collection::vec(edge, 2..18),
        prop::collection::vec(0..N, 0..3),
        prop::collection::vec(0..N, 0..3),
        prop::collection::vec(0..N, 0..2),
    )
        .prop_map(|(init, edges, goal, bad, outside)| Net {
            init,
            edges,
            goal,
            bad,
            outside,
        })
}

/// Successors of `s` by enabled edges, with their edge ids.
fn successors(net: &Net, s: u8) -> impl Iterator<Item = (usize, u8)> + '_ {
    let edges = net.edges.iter().enumerate();
    edges.filter_map(move |(i, &(from, to, _, on))| (from == s && on).then_some((i, to)))
}

/// Classes enabled in `s`, as a bitmask.
fn enabled(net: &Net, s: u8) -> u32 {
    successors(net, s)
        .filter_map(|(i, _)| net.edges[i].2)
        .fold(0, |m, c| m | 1 << c)
}

/// BFS distances from the initial states, following edges out of states
/// for which `expand` holds.
fn distances(net: &Net, roots: &[u8], expand: impl Fn(u8) -> bool) -> Vec<Option<usize>> {
    let mut dist = vec![None; N as usize];
    let mut queue = VecDeque::new();
    for &r in roots {
        if dist[r as usize].is_none() {
            dist[r as usize] = Some(0);
            queue.push_back(r);
        }
    }
    while let Some(s) = queue.pop_front() {
        if !expand(s) {
            continue;
        }
        for (_, t) in successors(net, s) {
            if dist[t as usize].is_none() {
                dist[t as usize] = Some(dist[s as usize].unwrap() + 1);
                queue.push_back(t);
            }
        }
    }
    dist
}

/// Shortest distance to a state in `targets` among `dist`.
fn nearest(dist: &[Option<usize>], target: impl Fn(u8) -> bool) -> Option<usize> {
    (0..N)
        .filter(|&s| target(s))
        .filter_map(|s| dist[s as usize])
        .min()
}

/// Whether subset `set` of states is strongly connected by its internal
/// enabled edges, has one, and takes every class enabled in all its states.
fn fair_subset(net: &Net, set: u32) -> bool {
    let member = |s: u8| set >> s & 1 == 1;
    let internal: Vec<usize> = (0..net.edges.len())
        .filter(|&i| net.edges[i].3 && member(net.edges[i].0) && member(net.edges[i].1))
        .collect();
    let states: Vec<u8> = (0..N).filter(|&s| member(s)).collect();
    let connected = states.iter().all(|&a| {
        let dist = distances(net, &[a], member);
        states.iter().all(|&b| dist[b as usize].is_some())
    });
    let always = states.iter().fold(u32::MAX, |m, &s| m & enabled(net, s));
    let taken = internal
        .iter()
        .filter_map(|&i| net.edges[i].2)
        .fold(0, |m, c| m | 1 << c);
    !internal.is_empty() && connected && always & !taken == 0
}

/// Reference for `live`: `None` if it holds, else the prefix length of a
/// shortest counterexample.
fn reference_live(net: &Net) -> Option<usize> {
    let violating = |s: u8| !net.goal.contains(&s) && !net.outside.contains(&s);
    let roots: Vec<u8> = net.init.iter().copied().filter(|&s| violating(s)).collect();
    let dist = distances(net, &roots, violating);
    let reach = |s: u8| violating(s) && dist[s as usize].is_some();
    let mut target = 0u32;
    for s in (0..N).filter(|&s| reach(s) && successors(net, s).next().is_none()) {
        target |= 1 << s;
    }
    for set in 1..1u32 << N {
        if (0..N).all(|s| set >> s & 1 == 0 || reach(s)) && fair_subset(net, set) {
            target |= set;
        }
    }
    nearest(&dist, |s| target >> s & 1 == 1)
}

/// The states of a trace, init first.
fn states(trace: &Trace<Net>) -> Vec<u8> {
    std::iter::once(trace.init)
        .chain(trace.steps.iter().map(|s| s.1))
        .collect()
}

/// Checks that `trace` is a real path of `net`.
fn assert_path(net: &Net, trace: &Trace<Net>) {
    assert!(net.init.contains(&trace.init));
    let mut at = trace.init;
    for &(action, to) in &trace.steps {
        let (from, target, _, on) = net.edges[action];
        assert!(from == at && target == to && on, "bad step {action}");
        at = to;
    }
}

/// Checks a counterexample to `live` against the reference prefix length.
fn assert_live_counterexample(net: &Net, trace: &Trace<Net>, prefix: usize) {
    assert_path(net, trace);
    let states = states(trace);
    for s in &states {
        assert!(!net.goal.contains(s) && !net.outside.contains(s));
    }
    match trace.loop_back_to {
        None => {
            assert_eq!(trace.steps.len(), prefix);
            assert!(successors(net, *states.last().unwrap()).next().is_none());
        }
        Some(back) => {
            assert_eq!(back, prefix);
            assert!(back < trace.steps.len());
            assert_eq!(states[back], *states.last().unwrap());
            // The loop itself is weakly fair.
            let always = states[back..]
                .iter()
                .fold(u32::MAX, |m, &s| m & enabled(net, s));
            let taken = trace.steps[back..]
                .iter()
                .filter_map(|&(a, _)| net.edges[a].2)
                .fold(0, |m, c| m | 1 << c);
            assert_eq!(always & !taken, 0, "unfair loop");
        }
    }
}

/// Checks Always/Sometimes and the counters against a plain BFS.
fn assert_safety_and_counts(net: &Net, report: &Report<Net>) {
    let inside = |s: u8| !net.outside.contains(&s);
    let dist = distances(net, &net.init, inside);
    let reached = (0..N).filter(|&s| dist[s as usize].is_some());
    assert_eq!(report.distinct_states, reached.clone().count());
    assert_eq!(
        report.boundary_states,
        reached.clone().filter(|&s| !inside(s)).count()
    );
    assert_eq!(
        report.max_depth,
        dist.iter().flatten().copied().max().unwrap()
    );
    let generated: usize = reached
        .filter(|&s| inside(s))
        .map(|s| successors(net, s).count())
        .sum();
    assert_eq!(report.states_generated, (net.init.len() + generated) as u64);
    assert!(report.complete);

    let bad = nearest(&dist, |s| inside(s) && net.bad.contains(&s));
    let safe = &report.properties[0];
    assert_eq!(safe.holds, bad.is_none());
    assert_eq!(safe.trace.as_ref().map(|t| t.steps.len()), bad);
    let goal = nearest(&dist, |s| inside(s) && net.goal.contains(&s));
    let reach = &report.properties[1];
    assert_eq!(reach.holds, goal.is_some());
    assert_eq!(reach.trace.as_ref().map(|t| t.steps.len()), goal);
    for trace in [&safe.trace, &reach.trace].into_iter().flatten() {
        assert_path(net, trace);
        assert_eq!(trace.loop_back_to, None);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn random_graphs_match_brute_force(net in nets()) {
        let report = check(&net, &Options { threads: 1, ..Options::default() }, &mut |_| {});
        assert_safety_and_counts(&net, &report);
        let live = &report.properties[2];
        match reference_live(&net) {
            None => prop_assert!(live.holds && live.trace.is_none()),
            Some(prefix) => {
                prop_assert!(!live.holds);
                assert_live_counterexample(&net, live.trace.as_ref().unwrap(), prefix);
            }
        }
    }
}
