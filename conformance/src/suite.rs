//! The whole suite against one stack: the matrix, the Figure 5 paths, the
//! cases through the transitions off Figure 5, the keep-alive cases and
//! continuations, and random scripts; and the mutation score of the suite
//! itself.
//!
//! A matrix cell or a Figure 5 path first takes the model's shortest path
//! to its state. Where the stack leaves that path before the cell's own
//! event (it deviates, or takes another way RFC 9293 permits), the cell
//! is run again on the shortest model path that avoids the event it left
//! on, and so on until a path leads there or none is left: then the cell
//! is unreached, with the event that blocks it. A deviation on the way is
//! reported once, not as the failure of every cell behind it. A case off
//! Figure 5, like a row of another history, keeps its own path.

use crate::baseline::Baseline;
use crate::deviation::{Deviation, Failure};
use crate::generate::histories::histories;
use crate::generate::matrix::{self, matrix, Cell, Entry, Row};
use crate::generate::off_diagram;
use crate::generate::paths::{paths_avoiding, Avoid, EventKind, ModelPath};
use crate::generate::random::{self, RandomOutcome};
use crate::generate::transitions::{self, transitions};
use crate::grade::Grade;
use crate::hangs::{HangGuard, DEFAULT_MAX_HANGS};
use crate::profile::Profile;
use crate::run::{self, Case, CaseResult, Step};
use crate::stack::{factory, Factory};
use crate::stacks::mutants::{self, Mutant};
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use synack_model::State;

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
    /// The stack left every model path to the cell's state: what blocked
    /// the last one.
    Unreached(Box<Blocked>),
    /// The run stopped before the cell's case ran ([`Report::stopped`]).
    NotRun,
}

/// Why no model path led a stack to a case's state.
#[derive(Clone, Debug)]
pub struct Blocked {
    /// The event the stack left each path on, in its state, and how
    /// (`close in SYN-RECEIVED: deviates (close-syn-received ...)`), the
    /// shortest path's first, `; ` between them.
    pub reason: String,
    /// Model paths tried.
    pub paths_tried: usize,
    /// The last path's run, stopped or turned aside by that event.
    pub result: CaseResult,
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
    /// The Figure 5 paths the stack followed to their transition.
    pub transitions: Vec<CaseResult>,
    /// The cases through transitions off Figure 5 (§3.10's RST, ABORT,
    /// retry limit, FIN in SYN-RECEIVED) the stack followed to their
    /// transition.
    pub off_diagram: Vec<CaseResult>,
    /// The Figure 5 and off-diagram paths no model path led the stack to,
    /// by case name.
    pub unreached_transitions: Vec<(String, Blocked)>,
    /// The deviations met on the way to a cell or transition, one of each
    /// signature no case reports as its own.
    pub on_the_way: Vec<CaseResult>,
    /// The keep-alive cases.
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
            CellOutcome::Unproducible(_) | CellOutcome::Unreached(_) | CellOutcome::NotRun => None,
        });
        cells
            .chain(&self.transitions)
            .chain(&self.off_diagram)
            .chain(&self.on_the_way)
            .chain(&self.extra)
            .chain(self.random.failure.as_ref())
            .chain(&self.random.skipped)
            .chain(&self.random.tolerated)
    }

    /// The cases the stack skipped: neither passed nor failed.
    pub fn skipped(&self) -> Vec<&CaseResult> {
        self.results().filter(|r| r.is_skipped()).collect()
    }

    /// Cases run: matrix cells, Figure 5 and off-diagram paths, extra
    /// cases and random scripts (a cell counts once, however many paths
    /// it tried).
    pub fn cases_run(&self) -> u64 {
        let cells = self
            .matrix
            .iter()
            .filter(|(_, o)| matches!(o, CellOutcome::Ran(_)))
            .count();
        (cells + self.transitions.len() + self.off_diagram.len() + self.extra.len()) as u64
            + self.random.cases_run
    }

    /// Everything no model path led the stack to: matrix cells, Figure 5
    /// and off-diagram transitions, by name, with what blocked them.
    pub fn unreached(&self) -> Vec<(String, &Blocked)> {
        let cells = self.matrix.iter().filter_map(|(cell, o)| match o {
            CellOutcome::Unreached(b) => Some((cell.to_string(), &**b)),
            _ => None,
        });
        cells
            .chain(
                self.unreached_transitions
                    .iter()
                    .map(|(name, b)| (name.clone(), b)),
            )
            .collect()
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
    /// `done` only; a case run again on another path adds one).
    pub total: u64,
}

/// What a case is for: the matrix entry or Figure 5 transition it fills,
/// or a keep-alive case (which takes no model path).
#[derive(Clone, Copy, Debug)]
enum Target {
    Cell(Cell),
    Transition(State, State),
    /// A transition off Figure 5 (`generate::off_diagram`): its path is
    /// the only one of its kind, so it is not rerouted.
    /// The state it leaves and the steps before the event that takes it
    /// (a retry limit's case goes on waiting after it).
    OffDiagram(State, usize),
    Other,
}

/// A case and the paths tried for it so far.
struct Task {
    target: Target,
    case: Case,
    /// The host's state after each line of the path the case takes.
    path_states: Vec<State>,
    /// The events the path avoids.
    avoid: Avoid,
    tried: usize,
    /// Runs stopped or turned aside on the way, oldest first.
    blocked: Vec<CaseResult>,
    /// Where and how each of them left its path.
    reasons: Vec<String>,
    outcome: Option<Outcome>,
}

enum Outcome {
    Ran(CaseResult),
    Unreached(Blocked),
    /// The run stopped before this case ran.
    NotRun,
}

/// Paths a case tries at most: each avoids one more event than the last.
const MAX_PATHS: usize = 8;

impl Task {
    fn new(target: Target, case: Case, path: Option<&ModelPath>) -> Task {
        Task {
            target,
            case,
            path_states: path.map_or(Vec::new(), |p| p.states.clone()),
            avoid: Avoid::new(),
            tried: 1,
            blocked: Vec::new(),
            reasons: Vec::new(),
            outcome: None,
        }
    }

    /// The state the path must leave the stack in before the case's own
    /// event (its last step), and how many steps lead there.
    fn goal(&self) -> Option<(State, usize)> {
        match self.target {
            Target::Cell(cell) => {
                let before = matrix::event_index(cell, &self.case);
                (before > 0).then_some((cell.state, before))
            }
            Target::Transition(from, _) => {
                let before_last = self.case.steps.len().checked_sub(1)?;
                (before_last > 0).then_some((from, before_last))
            }
            Target::OffDiagram(from, before) => (before > 0).then_some((from, before)),
            _ => None,
        }
    }

    /// The host's state after step `i` of the path: past the model path's
    /// own lines (an aged row's keep-alive call and wait), its last state.
    fn path_state(&self, i: usize) -> Option<&State> {
        self.path_states.get(i).or(self.path_states.last())
    }

    /// Where the stack left the path before the case's own event: the
    /// event (in the state the path had it in) and how, or `None` when it
    /// followed the path to its goal (or stopped for time).
    fn left(&self, r: &CaseResult) -> Option<((State, EventKind), String)> {
        let (goal, steps) = self.goal()?;
        // A stack that panicked, hung or sent garbage is broken, not on
        // another way: its case stands (and a hang would cost a time limit
        // a path).
        if r.is_skipped()
            || r.deviation
                .as_ref()
                .is_some_and(|d| d.failure != Failure::Deviation)
        {
            return None;
        }
        let stopped = r.deviation.is_some() && r.states.len() < steps;
        if !stopped && r.states.get(steps - 1) == Some(&goal) {
            return None;
        }
        // The first step after which the oracle is not where the model
        // path is, or the step the case stopped at.
        let at = (0..steps)
            .find(|&i| r.states.get(i) != self.path_state(i))
            .unwrap_or(steps - 1);
        let before = at
            .checked_sub(1)
            .and_then(|i| self.path_state(i).copied())
            .unwrap_or(State::Closed);
        let Some(Step::Line(line)) = self.case.steps.get(at) else {
            return None;
        };
        let kind = EventKind::of(line);
        let how = match &r.deviation {
            Some(d) if stopped => format!("deviates ({})", d.signature()),
            _ => "the stack takes another way RFC 9293 permits".to_string(),
        };
        Some((
            (before, kind.clone()),
            format!("{kind} in {}: {how}", before.rfc_name()),
        ))
    }

    /// Judge a run (`None`: not run, the run stopped): done, or another
    /// path to try (`true`).
    fn judge(&mut self, r: Option<CaseResult>) -> bool {
        let Some(r) = r else {
            self.outcome = Some(Outcome::NotRun);
            return false;
        };
        let Some((event, reason)) = self.left(&r) else {
            self.outcome = Some(Outcome::Ran(r));
            return false;
        };
        self.reasons.push(reason);
        let mut avoid = self.avoid.clone();
        let new = avoid.insert(event);
        let next = (new && self.tried < MAX_PATHS)
            .then(|| paths_avoiding(&avoid))
            .and_then(|paths| match self.target {
                // A row of another history keeps its history: no other
                // path is of its class, so a stack that leaves it leaves
                // the cell unreached (its deviation reported once, where
                // it happened).
                Target::Cell(cell) if !cell.row.reroutes() => None,
                Target::Cell(cell) => paths
                    .to_state
                    .get(&cell.state)
                    .map(|p| (matrix::case(cell, Some(p)), p.states.clone())),
                Target::Transition(from, to) => paths
                    .transitions
                    .get(&(from, to))
                    .map(|p| (transitions::case(from, to, Some(p)), p.states.clone())),
                Target::OffDiagram(..) | Target::Other => None,
            });
        match next {
            Some((case, states)) => {
                self.blocked.push(r);
                self.case = case;
                self.path_states = states;
                self.avoid = avoid;
                self.tried += 1;
                true
            }
            None => {
                self.outcome = Some(Outcome::Unreached(Blocked {
                    reason: self.reasons.join("; "),
                    paths_tried: self.tried,
                    result: r.clone(),
                }));
                self.blocked.push(r);
                false
            }
        }
    }
}

/// Every case the suite runs but the random scripts, each on its first
/// path: the matrix's cells, the Figure 5 and off-diagram paths, the
/// keep-alive cases and the continuations.
pub fn cases() -> Vec<Case> {
    tasks(&matrix()).into_iter().map(|t| t.case).collect()
}

/// The tasks of `entries` (the matrix) and of the other generators, in
/// the order the report lists them.
fn tasks(entries: &[Entry]) -> Vec<Task> {
    let shortest = crate::generate::paths::paths();
    let mut tasks: Vec<Task> = Vec::new();
    for e in entries {
        if let Entry::Case(cell, case) = e {
            let path = match cell.row {
                Row::Entered(history) => histories().get(&(cell.state, history)),
                _ => shortest.to_state.get(&cell.state),
            };
            tasks.push(Task::new(Target::Cell(*cell), case.clone(), path));
        }
    }
    for case in transitions() {
        let (from, to) = case.transition.expect("a Figure 5 case has its transition");
        let path = shortest.transitions.get(&(from, to));
        tasks.push(Task::new(Target::Transition(from, to), case, path));
    }
    // The off-diagram cases: the path's states are the reference's along
    // the case.
    for case in off_diagram::cases() {
        let (from, _) = case
            .transition
            .expect("an off-diagram case has its transition");
        let before = off_diagram::event_index(&case).expect("the reference takes it");
        let states = run::moves(&case.steps).into_iter().map(|m| m.to).collect();
        let mut task = Task::new(Target::OffDiagram(from, before), case, None);
        task.path_states = states;
        tasks.push(task);
    }
    // Keep-alive's cases (every stack: one that cannot refuse the call).
    // And the continuations of issue 18 (cases that go on after an event).
    for case in crate::generate::keepalive::cases()
        .into_iter()
        .chain(crate::generate::continuations::cases())
    {
        tasks.push(Task::new(Target::Other, case, None));
    }
    tasks
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
    let mut tasks = tasks(&entries);
    // Only cases that run count: unproducible cells are none.
    let mut total = tasks.len() as u64 + u64::from(options.random_cases);
    let mut done = 0;
    let guard = HangGuard::new(options.max_hangs);
    let random = std::thread::scope(|scope| {
        // `Some` a case done, `None` a random script started.
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
        // Rounds: every case, then the cases that left their path, each
        // on its next path.
        let mut pending: Vec<usize> = (0..tasks.len()).collect();
        while !pending.is_empty() {
            let cases: Vec<&Case> = pending.iter().map(|&t| &tasks[t].case).collect();
            let mut results: Vec<Option<Option<CaseResult>>> = vec![None; cases.len()];
            let next = AtomicUsize::new(0);
            std::thread::scope(|round| {
                for _ in 0..options.workers.max(1) {
                    let (tx, next, cases, guard) = (tx.clone(), &next, &cases, &guard);
                    round.spawn(move || loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(case) = cases.get(i) else { break };
                        let mut result =
                            guard.run(case, make, &options.profile, options.time_limit);
                        if let Some(result) = &mut result {
                            mark_known(result, options.baseline.as_ref());
                        }
                        if tx.send(Some((i, result))).is_err() {
                            break;
                        }
                    });
                }
                let mut got = 0;
                while got < cases.len() {
                    match rx.recv() {
                        Ok(Some((i, result))) => {
                            results[i] = Some(result);
                            got += 1;
                        }
                        Ok(None) => {}
                        Err(_) => break,
                    }
                    done += 1;
                    progress(Progress { done, total });
                }
            });
            let mut again = Vec::new();
            for (t, result) in pending.into_iter().zip(results) {
                let result = result.expect("every case sends its result");
                if tasks[t].judge(result) {
                    again.push(t);
                }
            }
            total += again.len() as u64;
            pending = again;
        }
        drop(tx);
        for _ in rx {
            done += 1;
            progress(Progress { done, total });
        }
        random
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
    });
    let mut matrix = Vec::new();
    let mut transitions_run = Vec::new();
    let mut off_diagram_run = Vec::new();
    let mut unreached_transitions = Vec::new();
    let mut extra = Vec::new();
    let mut blocked = Vec::new();
    let mut not_run = random.not_run;
    let mut tasks = tasks.into_iter();
    for e in &entries {
        match e {
            Entry::Unproducible(cell, why) => matrix.push((*cell, CellOutcome::Unproducible(why))),
            Entry::Case(cell, _) => {
                let task = tasks.next().expect("a task a case");
                blocked.extend(task.blocked);
                matrix.push((
                    *cell,
                    match task.outcome.expect("every task ends") {
                        Outcome::Ran(r) => CellOutcome::Ran(Box::new(r)),
                        Outcome::Unreached(b) => CellOutcome::Unreached(Box::new(b)),
                        Outcome::NotRun => {
                            not_run += 1;
                            CellOutcome::NotRun
                        }
                    },
                ));
            }
        }
    }
    for task in tasks {
        blocked.extend(task.blocked);
        match (task.target, task.outcome.expect("every task ends")) {
            (Target::Other, Outcome::Ran(r)) => extra.push(r),
            (Target::OffDiagram(..), Outcome::Ran(r)) => off_diagram_run.push(r),
            (_, Outcome::Ran(r)) => transitions_run.push(r),
            (_, Outcome::Unreached(b)) => unreached_transitions.push((task.case.name, b)),
            (_, Outcome::NotRun) => not_run += 1,
        }
    }
    let mut report = Report {
        stack: stack.to_string(),
        profile: options.profile.name.clone(),
        matrix,
        transitions: transitions_run,
        off_diagram: off_diagram_run,
        unreached_transitions,
        on_the_way: Vec::new(),
        extra,
        random,
        seed: options.seed,
        elapsed: Duration::ZERO,
        stopped: guard.reason(),
        not_run,
    };
    // A deviation on the way is reported once, unless a case reports it
    // as its own.
    let mut seen: BTreeSet<String> = report.deviations().iter().map(|d| d.signature()).collect();
    for r in blocked {
        if let Some(d) = &r.deviation {
            if seen.insert(d.signature()) {
                report.on_the_way.push(r);
            }
        }
    }
    report.elapsed = start.elapsed();
    report
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
