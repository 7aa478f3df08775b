//! Random scripts (proptest): from a random state, a few user calls,
//! probes and waits. A failing script is shrunk by proptest to a minimal
//! one, and every run is reproducible from its seed.

use crate::baseline::Baseline;
use crate::deviation::{Deviation, Failure, Observation};
use crate::generate::keepalive;
use crate::generate::matrix::all_rows;
use crate::hangs::HangGuard;
use crate::probe::{Kind, Position};
use crate::profile::Profile;
use crate::run::{Case, CaseResult, Step};
use crate::script::{send, Line};
use crate::stack::{Call, Factory};
use crate::suite::mark_known;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn kind() -> impl Strategy<Value = Kind> {
    proptest::sample::select(Kind::ALL.to_vec())
}

fn position() -> impl Strategy<Value = Position> {
    proptest::sample::select(Position::ALL.to_vec())
}

fn call() -> impl Strategy<Value = Call> {
    prop_oneof![
        Just(Call::Listen),
        Just(Call::Connect),
        (1usize..=3).prop_map(send),
        Just(Call::Close),
        Just(Call::Abort),
        // Keep-alive on (MUST-24): later waits and probes then lose,
        // answer or outlast its probes (§3.8.4, F1).
        Just(Call::KeepAlive(keepalive::SETTINGS)),
    ]
}

/// Weights measured with `benches/random_reach.rs` (docs/conformance.md):
/// time passing weighs as much as a call, and a run of timeouts (the peer
/// silent until the stack gives up, §3.8.3 R2, §3.8.4) is a step of its own,
/// so rules that fire only after several timeouts are reached in the
/// default run.
fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (kind(), position()).prop_map(|(k, p)| Step::Probe(k, p)),
        2 => call().prop_map(|c| Step::Line(Line::Call(c))),
        1 => (1u32..=4).prop_map(|n| Step::Line(Line::Wait(n))),
        2 => Just(Step::Expire),
    ]
}

/// One to eight steps, a silence (three timeouts in a row) among them at
/// times.
fn steps() -> impl Strategy<Value = Vec<Step>> {
    (
        proptest::collection::vec(step(), 1..=8),
        proptest::option::weighted(0.25, 0usize..8),
    )
        .prop_map(|(mut steps, silence)| {
            if let Some(at) = silence {
                let at = at.min(steps.len());
                steps.splice(at..at, std::iter::repeat_n(Step::Expire, 3));
            }
            steps
        })
}

/// A random case: a random row of the matrix (a state, reached by its
/// shortest model path, by another history, or with its timer half run),
/// then one to eight random steps. Shrinks towards earlier rows and fewer,
/// simpler steps.
pub fn case() -> impl Strategy<Value = Case> {
    let rows = all_rows();
    (0..rows.len(), steps()).prop_map(move |(r, tail)| {
        let (state, row, prefix) = &rows[r];
        let (mut steps, origin) = prefix.clone().unwrap_or_default();
        steps.extend(tail);
        Case {
            name: format!("random script from {}{row}", state.rfc_name()),
            origin,
            steps,
            transition: None,
        }
    })
}

/// What a run of random scripts found.
#[derive(Clone, Debug)]
pub struct RandomOutcome {
    /// Scripts run, shrinking included.
    pub cases_run: u64,
    /// The minimal failing script, if one failed.
    pub failure: Option<CaseResult>,
    /// The scripts the stack skipped ([`CaseResult::skipped`]): proptest
    /// counts them as passed.
    pub skipped: Vec<CaseResult>,
    /// The first script of each other kind of deviation (non-strict,
    /// informational, or known): they fail no run, so proptest goes on.
    pub tolerated: Vec<CaseResult>,
    /// Scripts not run because the run stopped ([`crate::hangs`]).
    pub not_run: u64,
}

/// Run `cases` random scripts from `seed` against stacks from `make`, on
/// `workers` threads; shrink the first (in the seed's order) that finds a
/// fail outside `baseline`. `on_case` is called after each script (for
/// progress bars). Once `guard` stops the run, no script starts.
///
/// The scripts are proptest values drawn one after another from the seed,
/// as proptest's own runner draws them, so a seed names the same scripts
/// however many threads run them; shrinking follows proptest's
/// simplify/complicate search, one script at a time.
#[allow(clippy::too_many_arguments)]
pub fn run(
    make: &Factory,
    profile: &Profile,
    baseline: Option<&Baseline>,
    limit: Duration,
    cases: u32,
    seed: u64,
    workers: usize,
    guard: &HangGuard,
    on_case: &mut dyn FnMut(),
) -> RandomOutcome {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &key),
    );
    let strategy = case();
    let mut trees = Vec::with_capacity(cases as usize);
    for _ in 0..cases {
        match strategy.new_tree(&mut runner) {
            Ok(tree) => trees.push(tree),
            // No strategy here filters values, so proptest has nothing to
            // give up on; should it ever, the run fails and says so.
            Err(why) => return gave_up(seed, why.to_string(), trees.len() as u64),
        }
    }
    let scripts: Vec<Case> = trees.iter().map(|t| t.current()).collect();
    let results = run_all(
        &scripts, make, profile, baseline, limit, workers, guard, on_case,
    );
    let not_run = results.iter().filter(|r| r.is_none()).count() as u64;
    let mut results: Vec<CaseResult> = results.into_iter().flatten().collect();
    let mut count = results.len() as u64;
    let first_fail = results
        .iter()
        .position(|r| r.deviation.as_ref().is_some_and(|d| d.fails_run()));
    let failure = first_fail.map(|i| {
        let mut tree = trees.swap_remove(i);
        let mut best = results.swap_remove(i);
        let fails = |r: &CaseResult| r.deviation.as_ref().is_some_and(|d| d.fails_run());
        let started = Instant::now();
        let mut iterations = 0;
        if tree.simplify() {
            while iterations < MAX_SHRINK_ITERS && started.elapsed() < MAX_SHRINK_TIME {
                iterations += 1;
                let Some(mut r) = guard.run(&tree.current(), make, profile, limit) else {
                    break;
                };
                mark_known(&mut r, baseline);
                count += 1;
                on_case();
                if fails(&r) {
                    best = r;
                    if !tree.simplify() {
                        break;
                    }
                } else if !tree.complicate() {
                    break;
                }
            }
        }
        best.name = format!("{} (seed {seed}, shrunk)", best.name);
        best
    });
    let mut skipped = Vec::new();
    let mut tolerated: Vec<CaseResult> = Vec::new();
    for r in results {
        if r.is_skipped() {
            skipped.push(r);
        } else if let Some(d) = &r.deviation {
            // The first script of each other kind is kept for the report.
            let signature = d.signature();
            let seen = tolerated.iter().any(|k| {
                k.deviation
                    .as_ref()
                    .is_some_and(|k| k.signature() == signature)
            });
            if !seen && !d.fails_run() {
                tolerated.push(r);
            }
        }
    }
    RandomOutcome {
        cases_run: count,
        failure,
        skipped,
        tolerated,
        not_run,
    }
}

/// Shrinking stops after this many tries ...
const MAX_SHRINK_ITERS: u32 = 256;
/// ... or this long (a real-time stack takes seconds a script).
const MAX_SHRINK_TIME: Duration = Duration::from_secs(20);

/// Run `scripts` on `workers` threads; results in the scripts' order,
/// `None` for a script not run because `guard` stopped the run.
#[allow(clippy::too_many_arguments)]
fn run_all(
    scripts: &[Case],
    make: &Factory,
    profile: &Profile,
    baseline: Option<&Baseline>,
    limit: Duration,
    workers: usize,
    guard: &HangGuard,
    on_case: &mut dyn FnMut(),
) -> Vec<Option<CaseResult>> {
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<CaseResult>> = vec![None; scripts.len()];
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..workers.max(1) {
            let (tx, next) = (tx.clone(), &next);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(script) = scripts.get(i) else { break };
                let mut r = guard.run(script, make, profile, limit);
                if let Some(r) = &mut r {
                    mark_known(r, baseline);
                }
                if tx.send((i, r)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for (i, r) in rx {
            results[i] = r;
            on_case();
        }
    });
    results
}

/// The outcome when proptest could not draw a script.
fn gave_up(seed: u64, why: String, cases_run: u64) -> RandomOutcome {
    RandomOutcome {
        cases_run,
        failure: Some(CaseResult {
            name: format!("random scripts (seed {seed})"),
            deviation: Some(Deviation {
                failure: Failure::Harness,
                rule: "the suite itself".into(),
                state: "-".into(),
                event: String::new(),
                expected: Observation::default(),
                observed: Observation {
                    note: Some(format!("proptest gave up: {why}")),
                    ..Observation::default()
                },
                case: format!("random scripts (seed {seed})"),
                reproducer: String::new(),
                grade: crate::grade::Grade::Fail,
                rests_on: Vec::new(),
                known: false,
            }),
            accepted: Vec::new(),
            script: Default::default(),
            skipped: None,
            states: Vec::new(),
        }),
        skipped: Vec::new(),
        tolerated: Vec::new(),
        not_run: 0,
    }
}
