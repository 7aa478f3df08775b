//! The whole suite against one stack: the matrix, the Figure 5 paths and
//! random scripts; and the mutation score of the suite itself.

use crate::baseline::Baseline;
use crate::deviation::Deviation;
use crate::generate::matrix::{matrix, Cell, Entry};
use crate::generate::random::{self, RandomOutcome};
use crate::generate::transitions::transitions;
use crate::grade::Grade;
use crate::hangs::{HangGuard, DEFAULT_MAX_HANGS};
use crate::profile::Profile;
use crate::run::{Case, CaseResult};
use crate::stack::{factory, Factory};
use crate::stacks::mutants::{self, Mutant};
use serde::Serialize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How to run the suite.
#[derive(Clone, Debug)]
pub struct Options {
    /// What the stack may do where RFC 9293 gives a choice.
    pub profile: Profile,
    /// Random scripts to run after the matrix and the Figure 5 paths.
    pub random_cases: u32,
    /// Seed of the random scripts: the same seed, the same scripts.
    pub seed: u64,
    /// How long one case may take before the stack counts as hung.
    pub time_limit: Duration,
    /// Cases run side by side (at least one): the matrix and the Figure 5
    /// paths share them, the random scripts run beside.
    pub workers: usize,
    /// Deviations known and accepted ([`Baseline`]): reported, but a known
    /// fail fails no run.
    pub baseline: Option<Baseline>,
    /// Cases of the stack's own, run after the Figure 5 paths: detours to
    /// rows the model's shortest paths cannot reach in this stack
    /// ([`crate::stacks::extra_cases`]).
    pub extra: Vec<Case>,
    /// Stop the run after this many hangs in a row (0: never): the cases
    /// not yet started are reported as not run ([`crate::hangs`]).
    pub max_hangs: u32,
}

/// The cores this process may use (one if it cannot tell).
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

impl Default for Options {
    fn default() -> Options {
        Options {
            profile: Profile::strict(),
            random_cases: 64,
            seed: 0,
            time_limit: Duration::from_secs(2),
            workers: cores(),
            baseline: None,
            extra: Vec::new(),
            max_hangs: DEFAULT_MAX_HANGS,
        }
    }
}

/// A matrix cell's outcome.
#[derive(Clone, Debug)]
pub enum CellOutcome {
    /// The cell's case ran.
    Ran(Box<CaseResult>),
    /// No peer can produce the cell: why.
    Unproducible(&'static str),
    /// The run stopped before the cell's case ran ([`Report::stopped`]).
    NotRun,
}

/// Everything one run of the suite found.
#[derive(Clone, Debug)]
pub struct Report {
    /// The stack's name.
    pub stack: String,
    /// The profile's name.
    pub profile: String,
    /// The matrix, cell by cell.
    pub matrix: Vec<(Cell, CellOutcome)>,
    /// The Figure 5 paths.
    pub transitions: Vec<CaseResult>,
    /// The stack's own extra cases ([`Options::extra`]).
    pub extra: Vec<CaseResult>,
    /// The random scripts.
    pub random: RandomOutcome,
    /// Their seed.
    pub seed: u64,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
    /// Why the run stopped before every case ran, if it did (the stack
    /// kept hanging): such a run never passes.
    pub stopped: Option<String>,
    /// Cases not run because the run stopped: matrix cells, Figure 5
    /// paths, extra cases and random scripts.
    pub not_run: u64,
}

impl Report {
    /// Every case result: matrix, transitions, and the random failure.
    pub fn results(&self) -> impl Iterator<Item = &CaseResult> {
        let cells = self.matrix.iter().filter_map(|(_, o)| match o {
            CellOutcome::Ran(r) => Some(&**r),
            CellOutcome::Unproducible(_) | CellOutcome::NotRun => None,
        });
        cells
            .chain(&self.transitions)
            .chain(&self.extra)
            .chain(self.random.failure.as_ref())
            .chain(&self.random.skipped)
            .chain(&self.random.tolerated)
    }

    /// The cases the stack skipped: neither passed nor failed.
    pub fn skipped(&self) -> Vec<&CaseResult> {
        self.results().filter(|r| r.is_skipped()).collect()
    }

    /// Cases run: matrix cells, Figure 5 paths and random scripts.
    pub fn cases_run(&self) -> u64 {
        let cells = self
            .matrix
            .iter()
            .filter(|(_, o)| matches!(o, CellOutcome::Ran(_)))
            .count();
        (cells + self.transitions.len() + self.extra.len()) as u64 + self.random.cases_run
    }

    /// The failures: deviations from the model and broken stacks alike.
    pub fn deviations(&self) -> Vec<&Deviation> {
        self.results()
            .filter_map(|r| r.deviation.as_ref())
            .collect()
    }

    /// What the profile accepted, one line each.
    pub fn accepted(&self) -> Vec<&String> {
        self.results().flat_map(|r| &r.accepted).collect()
    }

    /// Whether the stack conforms exactly: every case ran, no deviation
    /// of any grade.
    pub fn conforms(&self) -> bool {
        self.stopped.is_none() && self.results().all(CaseResult::passed)
    }

    /// Whether the run passes: it ran every case and found no fail
    /// outside the baseline. The exit status of `synack conform` and the
    /// verdict of `assert_conforms!`.
    pub fn passes(&self) -> bool {
        self.stopped.is_none() && !self.deviations().iter().any(|d| d.fails_run())
    }

    /// The deviations of `grade`.
    pub fn graded(&self, grade: Grade) -> Vec<&Deviation> {
        self.deviations()
            .into_iter()
            .filter(|d| d.grade == grade)
            .collect()
    }
}

/// Progress of a run, for progress bars.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    /// Cases run (or given up on because the run stopped).
    pub done: u64,
    /// Cases to run: matrix cells a peer can produce, Figure 5 paths,
    /// extra cases and random scripts (scripts run while shrinking add to
    /// `done` only).
    pub total: u64,
}

/// Run the suite against stacks from `make`: the matrix and the Figure 5
/// paths on `options.workers` threads, the random scripts beside them.
/// `progress` is called from the calling thread, once a case.
pub fn run(
    stack: &str,
    make: &Factory,
    options: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Report {
    let start = Instant::now();
    let entries = matrix();
    let paths = transitions();
    // The stack's own cases, then keep-alive's (every stack: one that
    // cannot refuses the call).
    let extra: Vec<Case> = options
        .extra
        .iter()
        .cloned()
        .chain(crate::generate::keepalive::cases())
        .chain(crate::generate::continuations::cases())
        .collect();
    let cases: Vec<&Case> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Case(_, case) => Some(case),
            Entry::Unproducible(..) => None,
        })
        .chain(&paths)
        .chain(&extra)
        .collect();
    // Only cases that run count: unproducible cells are none.
    let total = cases.len() as u64 + u64::from(options.random_cases);
    let mut done = 0;
    let guard = HangGuard::new(options.max_hangs);
    let next = AtomicUsize::new(0);
    let (results, random) = std::thread::scope(|scope| {
        // `Some` a case done (its result `None` if not run), `None` a
        // random script done.
        let (tx, rx) = mpsc::channel::<Option<(usize, Option<CaseResult>)>>();
        let random = {
            let (tx, guard) = (tx.clone(), &guard);
            scope.spawn(move || {
                random::run(
                    make,
                    &options.profile,
                    options.baseline.as_ref(),
                    options.time_limit,
                    options.random_cases,
                    options.seed,
                    options.workers,
                    guard,
                    &mut || {
                        let _ = tx.send(None);
                    },
                )
            })
        };
        for _ in 0..options.workers.max(1) {
            let (tx, next, cases, guard) = (tx.clone(), &next, &cases, &guard);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(case) = cases.get(i) else { break };
                let mut result = guard.run(case, make, &options.profile, options.time_limit);
                if let Some(result) = &mut result {
                    mark_known(result, options.baseline.as_ref());
                }
                if tx.send(Some((i, result))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut results: Vec<Option<CaseResult>> = vec![None; cases.len()];
        for message in rx {
            if let Some((i, result)) = message {
                results[i] = result;
            }
            done += 1;
            progress(Progress { done, total });
        }
        let random = random
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (results, random)
    });
    let not_run = results.iter().filter(|r| r.is_none()).count() as u64 + random.not_run;
    let mut results = results.into_iter();
    let matrix = entries
        .iter()
        .map(|e| match e {
            Entry::Case(..) => (
                e.cell(),
                match results.next().expect("a result a case") {
                    Some(r) => CellOutcome::Ran(Box::new(r)),
                    None => CellOutcome::NotRun,
                },
            ),
            Entry::Unproducible(_, why) => (e.cell(), CellOutcome::Unproducible(why)),
        })
        .collect();
    Report {
        stack: stack.to_string(),
        profile: options.profile.name.clone(),
        matrix,
        transitions: results.by_ref().take(paths.len()).flatten().collect(),
        extra: results.flatten().collect(),
        random,
        seed: options.seed,
        elapsed: start.elapsed(),
        stopped: guard.reason(),
        not_run,
    }
}

/// Mark a case's deviation known if `baseline` lists it.
pub fn mark_known(result: &mut CaseResult, baseline: Option<&Baseline>) {
    if let (Some(d), Some(b)) = (result.deviation.as_mut(), baseline) {
        d.known = b.contains(&d.signature());
    }
}

/// One mutant's fate.
#[derive(Clone, Debug, Serialize)]
pub struct MutantOutcome {
    /// The mutant's name.
    pub name: String,
    /// The state its rule lives in.
    pub state: String,
    /// The rule it breaks.
    pub breaks: String,
    /// Failed cases.
    pub failed_cases: usize,
    /// Of those, deviations graded fail.
    pub fails: usize,
    /// The first case that killed it with a fail, and the deviation's
    /// signature, if any.
    pub killed_by: Option<String>,
}

/// The mutation score: how many built-in mutants the suite kills.
#[derive(Clone, Debug, Serialize)]
pub struct Score {
    /// Mutants run.
    pub total: usize,
    /// Mutants some case failed.
    pub killed: usize,
    /// The names of the others.
    pub survivors: Vec<String>,
    /// Each mutant's fate.
    pub mutants: Vec<MutantOutcome>,
}

/// Run the suite against every built-in mutant, with `options`.
pub fn mutation_score(options: &Options, progress: &mut dyn FnMut(&str)) -> Score {
    let mut outcomes = Vec::new();
    for spec in mutants::ALL {
        progress(spec.name);
        let report = run(
            spec.name,
            &factory(move || Mutant::new(spec)),
            options,
            &mut |_| {},
        );
        let deviations = report.deviations();
        outcomes.push(MutantOutcome {
            name: spec.name.to_string(),
            state: spec.state.rfc_name().to_string(),
            breaks: spec.breaks.to_string(),
            failed_cases: deviations.len(),
            fails: deviations.iter().filter(|d| d.grade == Grade::Fail).count(),
            killed_by: deviations
                .iter()
                .find(|d| d.grade == Grade::Fail)
                .map(|d| format!("{} [{}]", d.case, d.signature())),
        });
    }
    let survivors: Vec<String> = outcomes
        .iter()
        .filter(|m| m.killed_by.is_none())
        .map(|m| m.name.clone())
        .collect();
    Score {
        total: outcomes.len(),
        killed: outcomes.len() - survivors.len(),
        survivors,
        mutants: outcomes,
    }
}
