//! Tests on tiny hand-written models.

use stateright::{Checker, Model, Property};

use super::{check, Checkable, Options, PropertyResult, Report, Trace};

/// An explicit graph whose states are `u8` and whose actions are edge ids.
/// Properties, in order: always `safe` (not `bad`), sometimes `reach`
/// (`goal`), eventually `live` (`goal`).
#[derive(Clone, Debug, Default)]
pub(super) struct Net {
    pub init: Vec<u8>,
    /// (from, to, fairness class, enabled).
    pub edges: Vec<(u8, u8, Option<u8>, bool)>,
    pub goal: Vec<u8>,
    pub bad: Vec<u8>,
    /// States outside the boundary.
    pub outside: Vec<u8>,
}

impl Net {
    fn new(init: u8) -> Self {
        Net {
            init: vec![init],
            ..Net::default()
        }
    }
    /// An unfair edge.
    fn e(mut self, from: u8, to: u8) -> Self {
        self.edges.push((from, to, None, true));
        self
    }
    /// An edge of fairness class `c`.
    fn f(mut self, from: u8, to: u8, c: u8) -> Self {
        self.edges.push((from, to, Some(c), true));
        self
    }
    /// An action of class `c` that is listed but never enabled.
    fn off(mut self, from: u8, to: u8, c: u8) -> Self {
        self.edges.push((from, to, Some(c), false));
        self
    }
    fn goal(mut self, s: &[u8]) -> Self {
        self.goal = s.to_vec();
        self
    }
    fn bad(mut self, s: &[u8]) -> Self {
        self.bad = s.to_vec();
        self
    }
    fn outside(mut self, s: &[u8]) -> Self {
        self.outside = s.to_vec();
        self
    }
}

impl Model for Net {
    type State = u8;
    type Action = usize;

    fn init_states(&self) -> Vec<u8> {
        self.init.clone()
    }
    fn actions(&self, state: &u8, actions: &mut Vec<usize>) {
        actions.extend((0..self.edges.len()).filter(|&i| self.edges[i].0 == *state));
    }
    fn next_state(&self, _: &u8, action: usize) -> Option<u8> {
        let (_, to, _, enabled) = self.edges[action];
        enabled.then_some(to)
    }
    fn properties(&self) -> Vec<Property<Self>> {
        vec![
            Property::always("safe", |m: &Net, s| !m.bad.contains(s)),
            Property::sometimes("reach", |m: &Net, s| m.goal.contains(s)),
            Property::eventually("live", |m: &Net, s| m.goal.contains(s)),
        ]
    }
    fn within_boundary(&self, state: &u8) -> bool {
        !self.outside.contains(state)
    }
}

impl Checkable for Net {
    fn fairness_class(&self, action: &usize) -> Option<u8> {
        self.edges[*action].2
    }
}

/// Counters with wraparound; `Inc(i)` needs counter `i - 1` even, `Reset`
/// needs all counters equal and non-zero. `Inc(0)` is weakly fair.
#[derive(Clone)]
struct Counters {
    moduli: Vec<u8>,
    /// Only an always-true property (so stateright explores everything).
    plain: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Inc(usize),
    Reset,
}

impl Model for Counters {
    type State = Vec<u8>;
    type Action = Step;

    fn init_states(&self) -> Vec<Vec<u8>> {
        vec![vec![0; self.moduli.len()]]
    }
    fn actions(&self, _: &Vec<u8>, actions: &mut Vec<Step>) {
        actions.extend((0..self.moduli.len()).map(Step::Inc));
        actions.push(Step::Reset);
    }
    fn next_state(&self, s: &Vec<u8>, action: Step) -> Option<Vec<u8>> {
        let mut next = s.clone();
        match action {
            Step::Inc(i) if i == 0 || s[i - 1].is_multiple_of(2) => {
                next[i] = (s[i] + 1) % self.moduli[i];
            }
            Step::Reset if s[0] != 0 && s.iter().all(|&c| c == s[0]) => next.fill(0),
            _ => return None,
        }
        Some(next)
    }
    fn properties(&self) -> Vec<Property<Self>> {
        let mut p = vec![Property::always("true", |_: &Counters, _: &Vec<u8>| true)];
        if !self.plain {
            p.extend([
                Property::always("small", |_: &Counters, s: &Vec<u8>| {
                    s.iter().map(|&c| u32::from(c)).sum::<u32>() < 20
                }),
                Property::sometimes("last_max", |m: &Counters, s: &Vec<u8>| {
                    s.last() == m.moduli.last().map(|m| m - 1).as_ref()
                }),
                // Inc(0) is always enabled and fair, and Reset needs a non-zero
                // first counter: holds only thanks to fairness.
                Property::eventually("first_moves", |_: &Counters, s: &Vec<u8>| s[0] != 0),
                // Nothing forces the last counter to move: violated by a lasso.
                Property::eventually("last_max_ev", |m: &Counters, s: &Vec<u8>| {
                    s.last() == m.moduli.last().map(|m| m - 1).as_ref()
                }),
            ]);
        }
        p
    }
}

impl Checkable for Counters {
    fn fairness_class(&self, action: &Step) -> Option<u8> {
        (*action == Step::Inc(0)).then_some(0)
    }
}

fn run<M>(model: &M, threads: usize, max_states: Option<usize>) -> Report<M>
where
    M: Checkable + Sync,
    M::State: std::hash::Hash + Clone + Send + Sync,
    M::Action: Clone + Send,
{
    let options = Options {
        threads,
        max_states,
        ..Options::default()
    };
    check(model, &options, &mut |_| {})
}

fn prop<'r, M: Model>(report: &'r Report<M>, name: &str) -> &'r PropertyResult<M> {
    report
        .properties
        .iter()
        .find(|p| p.name == name)
        .expect("property")
}

/// The states of a trace, init first.
fn states(trace: &Trace<Net>) -> Vec<u8> {
    std::iter::once(trace.init)
        .chain(trace.steps.iter().map(|s| s.1))
        .collect()
}

/// (holds, trace as (states, loop_back_to)).
type Verdict = (bool, Option<(Vec<u8>, Option<usize>)>);

/// The `live` result of `net`.
fn live(net: &Net) -> Verdict {
    let report = run(net, 1, None);
    let p = prop(&report, "live");
    (
        p.holds,
        p.trace.as_ref().map(|t| (states(t), t.loop_back_to)),
    )
}

/// A report on `Counters` without its elapsed time, for comparing runs.
#[derive(Debug, PartialEq)]
struct Summary {
    counts: (u64, usize, usize, usize),
    complete: bool,
    results: Vec<(bool, Option<Trace<Counters>>)>,
}

fn summary(r: Report<Counters>) -> Summary {
    Summary {
        counts: (
            r.states_generated,
            r.distinct_states,
            r.max_depth,
            r.boundary_states,
        ),
        complete: r.complete,
        results: r
            .properties
            .into_iter()
            .map(|p| (p.holds, p.trace))
            .collect(),
    }
}

#[test]
fn distinct_states_match_stateright_and_threads_agree() {
    let model = Counters {
        moduli: vec![6, 5, 4, 3],
        plain: true,
    };
    let ours = run(&model, 1, None);
    let theirs = model.clone().checker().spawn_bfs().join();
    assert!(ours.complete);
    assert!(ours.distinct_states > 100);
    assert_eq!(ours.distinct_states, theirs.unique_state_count());

    // Wide enough levels for several parallel batches per level.
    let big = Counters {
        moduli: vec![24, 24, 24, 24],
        plain: false,
    };
    let one = summary(run(&big, 1, None));
    let two = summary(run(&big, 2, None));
    assert!(one.counts.1 > 100_000, "{:?}", one.counts);
    assert_eq!(one, two);
    // More threads than cores: helpers are descheduled mid-batch.
    assert_eq!(one, summary(run(&big, 5, None)));
    let verdicts: Vec<bool> = one.results.iter().map(|p| p.0).collect();
    assert_eq!(verdicts, [true, false, true, true, false]);
    let lasso = one.results[4].1.as_ref().expect("lasso");
    let back = lasso.loop_back_to.expect("a cycle");
    let at_back = if back == 0 {
        &lasso.init
    } else {
        &lasso.steps[back - 1].1
    };
    assert_eq!(lasso.last_state(), at_back);

    // Cut short: still identical, and reported incomplete.
    let one = summary(run(&big, 1, Some(50_000)));
    let two = summary(run(&big, 2, Some(50_000)));
    assert!(!one.complete);
    let distinct = one.counts.1;
    assert!((50_000..50_100).contains(&distinct), "{distinct}");
    assert_eq!(one, two);
}

#[test]
fn always_counterexample_is_shortest() {
    // The long path to 9 is the first action; the short one the second.
    let net = Net::new(0)
        .e(0, 1)
        .e(0, 5)
        .e(1, 2)
        .e(2, 3)
        .e(3, 9)
        .e(5, 9)
        .bad(&[9]);
    let report = run(&net, 1, None);
    let safe = prop(&report, "safe");
    assert!(!safe.holds);
    assert_eq!(states(safe.trace.as_ref().unwrap()), [0, 5, 9]);
    assert_eq!(safe.trace.as_ref().unwrap().steps[0].0, 1);
    assert_eq!(report.max_depth, 3);
    // init + 2 + 1 + 1 + 1 + 1 successors.
    assert_eq!(report.states_generated, 7);
}

#[test]
fn sometimes_witness_is_shortest() {
    let net = Net::new(0)
        .e(0, 1)
        .e(1, 2)
        .e(2, 7)
        .e(0, 3)
        .e(3, 7)
        .goal(&[7]);
    let report = run(&net, 1, None);
    let reach = prop(&report, "reach");
    assert!(reach.holds);
    assert_eq!(states(reach.trace.as_ref().unwrap()), [0, 3, 7]);
    let unreachable = run(&net.clone().goal(&[42]), 1, None);
    assert!(!prop(&unreachable, "reach").holds);
    assert!(prop(&unreachable, "reach").trace.is_none());
}

#[test]
fn eventually_on_lassos_respects_weak_fairness() {
    // A cycle 1 <-> 2 avoiding the goal 3: violated, and stateright misses it.
    let cycle = Net::new(0).e(0, 1).e(1, 2).e(2, 1).e(1, 3).goal(&[3]);
    assert_eq!(live(&cycle), (false, Some((vec![0, 1, 2, 1], Some(1)))));
    let theirs = cycle.clone().checker().spawn_bfs().join();
    assert!(
        theirs.discovery("live").is_none(),
        "stateright misses cycles"
    );

    // Class 0 is enabled in every cycle state but never taken inside: unfair.
    let unfair = Net::new(0)
        .e(0, 1)
        .e(1, 2)
        .e(2, 1)
        .f(1, 3, 0)
        .f(2, 3, 0)
        .goal(&[3]);
    assert_eq!(live(&unfair), (true, None));

    // Class 0 disabled in state 2 (no such action): the cycle is fair again.
    let disabled = Net::new(0).e(0, 1).e(1, 2).e(2, 1).f(1, 3, 0).goal(&[3]);
    assert!(!live(&disabled).0);
    // Same when the action exists but `next_state` returns None.
    let guarded = disabled.clone().off(2, 3, 0);
    assert_eq!(live(&guarded), (false, Some((vec![0, 1, 2, 1], Some(1)))));

    // Class 0 enabled everywhere and taken inside only on 2 -> 4: the loop
    // must go through that edge rather than the shorter 1 -> 2 -> 1.
    let through = Net::new(0)
        .e(0, 1)
        .e(1, 2)
        .e(2, 1)
        .f(2, 4, 0)
        .e(4, 1)
        .f(1, 3, 0)
        .f(4, 3, 0)
        .goal(&[3]);
    assert_eq!(
        live(&through),
        (false, Some((vec![0, 1, 2, 4, 1], Some(1))))
    );

    // A self-loop is a cycle.
    let spin = Net::new(0).e(0, 0).e(0, 1).goal(&[1]);
    assert_eq!(live(&spin), (false, Some((vec![0, 0], Some(0)))));

    // Cycles among goal states, or after the goal, are fine.
    let settled = Net::new(0).e(0, 1).e(1, 2).e(2, 2).e(2, 1).goal(&[1]);
    assert_eq!(live(&settled), (true, None));
}

#[test]
fn eventually_sees_violations_behind_dag_joins() {
    // 0 -> 1 (goal) -> 3 and 0 -> 2 -> 3; 3 is terminal. The path through 2
    // never meets the goal, but 3 is first reached through 1.
    let join = Net::new(0).e(0, 1).e(0, 2).e(1, 3).e(2, 3).goal(&[1]);
    assert_eq!(live(&join), (false, Some((vec![0, 2, 3], None))));
    let theirs = join.clone().checker().spawn_bfs().join();
    assert!(
        theirs.discovery("live").is_none(),
        "stateright's BFS keeps one goal bit per state and misses this"
    );
    let report = run(&join, 2, None);
    assert_eq!((report.states_generated, report.max_depth), (5, 2));
}

#[test]
fn eventually_fails_on_terminal_states_only_inside_the_boundary() {
    let net = Net::new(0).e(0, 1).e(1, 2).e(0, 3).goal(&[3]);
    assert_eq!(live(&net), (false, Some((vec![0, 1, 2], None))));

    // 2 outside the boundary is unknown, not terminal.
    let bounded = net.clone().outside(&[2]);
    assert_eq!(live(&bounded), (true, None));
    assert_eq!(run(&bounded, 1, None).boundary_states, 1);

    // Cut by max_states before 1 is expanded: no violation claimed.
    let report = run(&net, 1, Some(2));
    assert!(!report.complete);
    assert_eq!(report.distinct_states, 3);
    assert!(prop(&report, "live").holds);
}

#[test]
fn progress_is_reported_at_the_end() {
    let model = Counters {
        moduli: vec![4, 4],
        plain: true,
    };
    let mut last = None;
    let report = check(&model, &Options::default(), &mut |p| last = Some(*p));
    let last = last.expect("called at least once");
    assert_eq!(last.distinct_states, report.distinct_states);
    assert_eq!(last.states_generated, report.states_generated);
    assert_eq!(last.depth, report.max_depth);
}

/// The TCP model explored with its frontier encoded (its serde codec)
/// gives the same report as with whole states: counts, verdicts, traces,
/// on one and two threads; a variant makes some property fail, so there
/// are traces to compare.
#[test]
fn compact_frontier_changes_nothing_but_memory() {
    use crate::model::{scenario, variant, Bounds, Tcp};
    let bounds = Bounds {
        losses: 1,
        duplicates: 1,
        reorders: 0,
        ..Bounds::default()
    };
    let mut models = vec![Tcp::new(
        scenario::by_name("client-server").expect("known"),
        bounds,
    )];
    let mut broken = models[0].clone();
    let v = variant::ALL.first().expect("a variant");
    (v.apply)(&mut broken);
    models.push(broken);
    for model in &models {
        let summary = |threads, compact_frontier| {
            let options = Options {
                threads,
                compact_frontier,
                ..Options::default()
            };
            let r = check(model, &options, &mut |_| {});
            let results: Vec<_> = r
                .properties
                .iter()
                .map(|p| {
                    (
                        p.holds,
                        p.trace.as_ref().map(|t| (t.steps.clone(), t.loop_back_to)),
                    )
                })
                .collect();
            (r.states_generated, r.distinct_states, r.max_depth, results)
        };
        let whole = summary(1, false);
        assert!(whole.1 > 10_000, "{} states", whole.1);
        assert_eq!(summary(1, true), whole);
        assert_eq!(summary(2, true), whole);
    }
    assert!(
        models.iter().any(|m| {
            check(m, &Options::default(), &mut |_| {})
                .properties
                .iter()
                .any(|p| !p.holds)
        }),
        "the variant breaks a property"
    );
}

/// The TCP model client-server at `losses`/`duplicates`/no reorders, and
/// every state it reaches (explored by hand, without the checker).
fn small_tcp_space(losses: u8, duplicates: u8) -> (crate::model::Tcp, Vec<crate::model::Sys>) {
    use crate::model::{scenario, Bounds, Sys, Tcp};
    let bounds = Bounds {
        losses,
        duplicates,
        reorders: 0,
        ..Bounds::default()
    };
    let model = Tcp::new(scenario::by_name("client-server").expect("known"), bounds);
    let mut seen: std::collections::HashSet<Sys> = model.init_states().into_iter().collect();
    let mut todo: Vec<Sys> = seen.iter().cloned().collect();
    let mut actions = Vec::new();
    while let Some(state) = todo.pop() {
        model.actions(&state, &mut actions);
        for a in actions.drain(..) {
            if let Some(next) = model.next_state(&state, a) {
                if seen.insert(next.clone()) {
                    todo.push(next);
                }
            }
        }
    }
    (model, seen.into_iter().collect())
}

/// Every state of a small TCP space comes back from its bytes equal, in
/// a fraction of its size.
#[test]
fn tcp_states_round_trip_through_the_codec() {
    let (model, states) = small_tcp_space(1, 0);
    let codec = model.state_codec().expect("the TCP model has a codec");
    let (mut bytes, mut longest) = (Vec::new(), 0);
    for state in &states {
        bytes.clear();
        (codec.encode)(state, &mut bytes);
        longest = longest.max(bytes.len());
        assert_eq!(&(codec.decode)(&bytes), state);
    }
    assert!(states.len() > 1_000, "{} states", states.len());
    assert!(
        longest * 2 < std::mem::size_of::<crate::model::Sys>(),
        "{longest} bytes"
    );
}

/// The hand-written parts of the TCP state's `Clone` and `Hash` (the
/// checker builds successors with `clone_from` and knows states by their
/// fingerprints): over a small space, building any state over any other
/// gives it back equal, and no two distinct states share a fingerprint,
/// so no field is left out of either.
#[test]
fn tcp_states_clone_in_place_and_fingerprint_apart() {
    let (_, states) = small_tcp_space(1, 1);
    assert!(states.len() > 10_000, "{} states", states.len());
    let mut fingerprints = std::collections::HashSet::new();
    for (i, state) in states.iter().enumerate() {
        assert!(
            fingerprints.insert(super::graph::fingerprint(state)),
            "two distinct states share a fingerprint"
        );
        // Over a few others, which differ from it in assorted fields.
        for other in states.iter().skip(i % 97).step_by(997) {
            let mut built = other.clone();
            built.clone_from(state);
            assert_eq!(&built, state);
        }
    }
}

/// A memory limit below what the process already holds stops exploration
/// at once, says so, and searches no Eventually-property (whose verdict is
/// then no verdict: the report is incomplete); a limit far above changes
/// nothing.
#[test]
fn a_memory_limit_stops_cleanly_and_says_why() {
    let model = Counters {
        moduli: vec![10, 10, 10, 10],
        plain: false,
    };
    let full = run(&model, 1, None);
    assert!(full.complete && full.stopped.is_none());
    assert!(full.distinct_states > 5_000, "several batches");
    assert!(!prop(&full, "last_max_ev").holds, "violated when searched");
    if super::resident_memory().is_none() {
        return; // no /proc: no limit to test
    }
    for threads in [1, 2] {
        let options = Options {
            threads,
            memory_limit: Some(1),
            ..Options::default()
        };
        let stopped = check(&model, &options, &mut |_| {});
        assert_eq!(stopped.stopped, Some(super::Stop::MemoryLimit));
        assert!(!stopped.complete);
        assert!(stopped.distinct_states < full.distinct_states);
        let ev = prop(&stopped, "last_max_ev");
        assert!(ev.holds && ev.trace.is_none(), "not searched");
        let roomy = Options {
            threads,
            memory_limit: Some(u64::MAX / 2),
            ..Options::default()
        };
        let report = check(&model, &roomy, &mut |_| {});
        assert_eq!(report.distinct_states, full.distinct_states);
        assert!(report.complete && report.stopped.is_none());
    }
}

#[test]
fn the_collision_probability_is_the_birthday_bound() {
    let mut report = run(&Net::new(0).e(0, 1).goal(&[1]), 1, None);
    assert_eq!(report.distinct_states, 2);
    report.distinct_states = 8_700_605;
    let p = report.collision_probability();
    assert!((2.0e-6..2.1e-6).contains(&p), "{p}");
    report.distinct_states = 1 << 40;
    assert_eq!(report.collision_probability(), 1.0);
}

/// A bitstate search with room to spare stores every state, finds the same
/// shortest counterexamples and witnesses, and proves nothing else; with
/// too little room it loses states and says so.
#[test]
fn a_bitstate_search_decides_only_what_it_finds() {
    use super::{Stop, Verdict};
    let model = Counters {
        moduli: vec![24, 24, 24, 24],
        plain: false,
    };
    let full = run(&model, 1, None);
    let bitstate = |bytes| {
        let options = Options {
            bitstate: Some(bytes),
            ..Options::default()
        };
        check(&model, &options, &mut |_| {})
    };
    let roomy = bitstate(64 << 20);
    assert_eq!(roomy.distinct_states, full.distinct_states);
    assert_eq!(roomy.states_generated, full.states_generated);
    assert_eq!(roomy.max_depth, full.max_depth);
    assert!(!roomy.complete);
    assert_eq!(roomy.stopped, Some(Stop::Bitstate));
    let coverage = roomy.bitstate.expect("a bitstate report");
    assert_eq!(coverage.stored, full.distinct_states as u64);
    assert!(coverage.estimate() > 0.999_99, "{coverage:?}");
    let verdicts: Vec<Verdict> = roomy.properties.iter().map(|p| p.verdict(false)).collect();
    // true (holds), small (violated), last_max (reached), first_moves
    // (holds), last_max_ev (violated): only what a trace shows is decided.
    assert_eq!(
        verdicts,
        [
            Verdict::Undecided,
            Verdict::Violated,
            Verdict::Reached,
            Verdict::Undecided,
            Verdict::Undecided
        ]
    );
    for name in ["small", "last_max"] {
        let ours = prop(&roomy, name).trace.as_ref().expect("a trace");
        let theirs = prop(&full, name).trace.as_ref().expect("a trace");
        assert_eq!(ours.steps, theirs.steps, "{name}: the same shortest trace");
    }

    // 8,192 bits for 331,776 states: most are taken for others, which the
    // estimate sees in part (what only lost states lead to, it cannot).
    let cramped = bitstate(1024);
    assert!(cramped.distinct_states < full.distinct_states / 10);
    let coverage = cramped.bitstate.expect("a bitstate report");
    assert!(coverage.estimate() < 0.8, "{coverage:?}");
    assert!(coverage.hash_factor() < 2.0);
}

/// The TCP model's violations are found in bitstate mode too, with the
/// full search's shortest trace.
#[test]
fn a_bitstate_search_finds_a_variants_counterexample() {
    use crate::model::{scenario, variant, Bounds, Tcp};
    let mut model = Tcp::new(
        scenario::by_name("client-server").expect("known"),
        Bounds::default(),
    );
    let v = variant::by_name("two-way-handshake").expect("known");
    (v.apply)(&mut model);
    let full = check(&model, &Options::default(), &mut |_| {});
    let options = Options {
        bitstate: Some(16 << 20),
        ..Options::default()
    };
    let bits = check(&model, &options, &mut |_| {});
    let violated: Vec<_> = full
        .properties
        .iter()
        .filter(|p| !p.holds)
        .map(|p| p.name)
        .collect();
    assert!(!violated.is_empty());
    for name in violated.iter().filter(|n| {
        let p = prop(&full, n);
        p.expectation == stateright::Expectation::Always
    }) {
        let ours = prop(&bits, name)
            .trace
            .as_ref()
            .expect("found in bitstate mode");
        let theirs = prop(&full, name).trace.as_ref().expect("a trace");
        assert_eq!(ours.steps.len(), theirs.steps.len(), "{name}");
        assert_eq!(ours.last_state(), theirs.last_state(), "{name}");
    }
}
