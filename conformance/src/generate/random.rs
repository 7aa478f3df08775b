//! Random scripts (proptest): from a random state, a few user calls,
//! probes and waits. A failing script is shrunk by proptest to a minimal
//! one, and every run is reproducible from its seed.

use crate::baseline::Baseline;
use crate::deviation::{Deviation, Failure, Observation};
use crate::generate::paths::paths;
use crate::probe::{Kind, Position};
use crate::profile::Profile;
use crate::run::{run_case, Case, CaseResult, Step};
use crate::script::{send, Line};
use crate::stack::{Call, Factory};
use crate::suite::mark_known;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestError, TestRng, TestRunner};
use std::cell::Cell;
use std::time::Duration;
use synack_model::State;

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
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (kind(), position()).prop_map(|(k, p)| Step::Probe(k, p)),
        2 => call().prop_map(|c| Step::Line(Line::Call(c))),
        1 => (1u32..=4).prop_map(|n| Step::Line(Line::Wait(n))),
        1 => Just(Step::Expire),
    ]
}

/// A random case: the shortest model path to a random state, then one to
/// eight random steps. Shrinks towards earlier states and fewer, simpler
/// steps.
pub fn case() -> impl Strategy<Value = Case> {
    (
        0..State::ALL.len(),
        proptest::collection::vec(step(), 1..=8),
    )
        .prop_map(|(s, tail)| {
            let state = State::ALL[s];
            let path = paths().to_state.get(&state);
            let mut steps: Vec<Step> = path.map_or(Vec::new(), |p| {
                p.lines.iter().cloned().map(Step::Line).collect()
            });
            steps.extend(tail);
            Case {
                name: format!("random script from {}", state.rfc_name()),
                origin: path.map_or(String::new(), |p| p.origin()),
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
}

/// Run `cases` random scripts from `seed` against stacks from `make`.
/// `on_case` is called after each script (for progress bars).
pub fn run(
    make: &Factory,
    profile: &Profile,
    baseline: Option<&Baseline>,
    limit: Duration,
    cases: u32,
    seed: u64,
    on_case: &mut dyn FnMut(),
) -> RandomOutcome {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 256,
        max_shrink_time: 20_000,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &key));
    let count = Cell::new(0u64);
    let on_case = std::cell::RefCell::new(on_case);
    let skipped = std::cell::RefCell::new(Vec::new());
    let tolerated = std::cell::RefCell::new(Vec::<CaseResult>::new());
    let result = runner.run(&case(), |case| {
        count.set(count.get() + 1);
        (on_case.borrow_mut())();
        let mut r = run_case(&case, make, profile, limit);
        mark_known(&mut r, baseline);
        match &r.deviation {
            None if r.is_skipped() => {
                skipped.borrow_mut().push(r);
                Ok(())
            }
            None => Ok(()),
            // Only a fail the baseline does not know is worth shrinking;
            // the first case of any other kind is kept for the report.
            Some(d) if d.fails_run() => Err(TestCaseError::fail(d.rule.clone())),
            Some(d) => {
                let signature = d.signature();
                let mut kept = tolerated.borrow_mut();
                let seen = kept.iter().any(|k| {
                    k.deviation
                        .as_ref()
                        .is_some_and(|k| k.signature() == signature)
                });
                if !seen {
                    kept.push(r);
                }
                Ok(())
            }
        }
    });
    let failure = match result {
        Ok(()) => None,
        Err(TestError::Fail(_, minimal)) => {
            let mut minimal = minimal;
            minimal.name = format!("{} (seed {seed}, shrunk)", minimal.name);
            let mut r = run_case(&minimal, make, profile, limit);
            mark_known(&mut r, baseline);
            Some(r)
        }
        // No strategy here filters values, so proptest has nothing to give
        // up on; should it ever, the run fails and says so.
        Err(TestError::Abort(why)) => Some(CaseResult {
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
        }),
    };
    RandomOutcome {
        cases_run: count.get(),
        failure,
        skipped: skipped.into_inner(),
        tolerated: tolerated.into_inner(),
    }
}
