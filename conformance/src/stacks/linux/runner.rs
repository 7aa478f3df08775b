//! The whole suite against Linux, cases side by side: each case has a
//! namespace of its own, and most of a case's time is the kernel's real
//! time (settling, RTOs), so several run at once on two cores.

use super::SKIPPED_FOR_TIME;
use crate::generate::matrix::{matrix, Entry};
use crate::generate::random;
use crate::generate::transitions::transitions;
use crate::run::{run_case, Case, CaseResult};
use crate::stack::Factory;
use crate::suite::{CellOutcome, Options, Report};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// Cases in flight at once.
pub const WORKERS: usize = 8;

/// Run `cases` on `workers` threads; results in the cases' order.
pub fn run_all(
    cases: &[Case],
    make: &Factory,
    options: &Options,
    workers: usize,
) -> Vec<CaseResult> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(vec![None; cases.len()]);
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(case) = cases.get(i) else { break };
                let result = run_case(case, make, &options.profile, options.time_limit);
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.expect("every case ran"))
        .collect()
}

/// The suite of [`crate::suite::run`] (the same matrix, Figure 5 paths
/// and random scripts), with the matrix and the paths on [`WORKERS`]
/// threads and the random scripts beside them.
pub fn run(make: &Factory, options: &Options) -> Report {
    let start = Instant::now();
    let entries = matrix();
    let paths = transitions();
    let cases: Vec<Case> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Case(_, case) => Some(case.clone()),
            Entry::Unproducible(..) => None,
        })
        .chain(paths.iter().cloned())
        .collect();
    let (results, random) = std::thread::scope(|scope| {
        let random = scope.spawn(|| {
            random::run(
                make,
                &options.profile,
                options.time_limit,
                options.random_cases,
                options.seed,
                &mut || {},
            )
        });
        let results = run_all(&cases, make, options, WORKERS);
        (results, random.join().expect("the random scripts ran"))
    });
    let mut results = results.into_iter();
    let matrix = entries
        .iter()
        .map(|e| match e {
            Entry::Case(..) => (
                e.cell(),
                CellOutcome::Ran(Box::new(results.next().expect("one each"))),
            ),
            Entry::Unproducible(_, why) => (e.cell(), CellOutcome::Unproducible(why)),
        })
        .collect();
    Report {
        stack: "linux".into(),
        profile: options.profile.name.clone(),
        matrix,
        transitions: results.collect(),
        random,
        seed: options.seed,
        elapsed: start.elapsed(),
    }
}

/// Whether a case stopped because it would have waited too long.
pub fn skipped_for_time(result: &CaseResult) -> bool {
    result.deviation.as_ref().is_some_and(|d| {
        d.observed
            .note
            .as_deref()
            .is_some_and(|n| n.contains(SKIPPED_FOR_TIME))
    })
}
