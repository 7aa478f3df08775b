//! Running a check: the model, the checker and a progress bar.

use crate::cli::CheckArgs;
use crate::report::{
    BitstateReport, Exemption, PropertyReport, ScenarioReport, StepReport, TraceReport,
};
use indicatif::{ProgressBar, ProgressStyle};
use std::time::Duration;
use synack_model::check::{self, Checkable, Options, Verdict};
use synack_model::model::flood::{self, Flood, FloodBounds};
use synack_model::model::variant::{self, Variant};
use synack_model::model::Tcp;
use synack_model::model::{chart, properties, scenario, Bounds, Scenario};

/// A usage error: printed on one line, exit code 2.
pub struct UsageError(pub String);

/// The bounds the arguments ask for, or why they make no model.
pub fn bounds(args: &CheckArgs) -> Result<Bounds, UsageError> {
    let b = Bounds {
        losses: args.losses.unwrap_or(Bounds::default().losses),
        duplicates: args.duplicates,
        reorders: args.reorders,
        msl: args.msl,
        rto: args.rto,
        max_retries: args.retries,
        ..Bounds::default()
    };
    b.validate().map_err(UsageError)?;
    if args.threads == 0 {
        return Err(UsageError("--threads must be at least 1".into()));
    }
    if args.bitstate.is_some() && !temporary_files_work() {
        return Err(UsageError(format!(
            "--bitstate keeps each state's parent in a temporary file, and none can be written in {} (set TMPDIR)",
            std::env::temp_dir().display()
        )));
    }
    if args.memory_limit.is_some() && check::resident_memory().is_none() {
        return Err(UsageError(
            "--memory-limit needs /proc/self/status (Linux) to see the memory in use".into(),
        ));
    }
    Ok(b)
}

/// Whether a file can be created in the temporary directory.
fn temporary_files_work() -> bool {
    let path = std::env::temp_dir().join(format!("synack-probe-{}", std::process::id()));
    let made = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let ok = made.is_ok();
    if ok {
        let _ = std::fs::remove_file(&path);
    }
    ok
}

/// The variant the arguments name, or the unknown name.
pub fn variant(args: &CheckArgs) -> Result<Option<&'static Variant>, UsageError> {
    args.variant
        .as_deref()
        .map(|name| {
            variant::by_name(name).ok_or_else(|| {
                let known: Vec<_> = variant::ALL.iter().map(|v| v.name).collect();
                UsageError(format!(
                    "unknown variant '{name}' (known: {})",
                    known.join(", ")
                ))
            })
        })
        .transpose()
}

/// One check to run: a scenario of two hosts, or the `syn-flood` scenario.
pub enum Job {
    /// A two-host scenario at these bounds.
    Pair(Scenario, Bounds),
    /// `syn-flood` at these bounds and queue sizes.
    Flood(Bounds, FloodBounds),
}

/// The queue sizes and attack budget the arguments ask for.
pub fn flood_bounds(args: &CheckArgs) -> Result<FloodBounds, UsageError> {
    let f = FloodBounds {
        syn_queue: args.syn_queue,
        accept_queue: args.accept_queue,
        spoofs: args.spoofs,
        client_retries: args.client_retries,
    };
    f.validate().map_err(UsageError)?;
    Ok(f)
}

/// The checks to run: the scenarios named (all if none), or for a variant
/// without --scenario, where it is expected to fail.
pub fn plan(
    args: &CheckArgs,
    bounds: Bounds,
    variant: Option<&Variant>,
) -> Result<Vec<Job>, UsageError> {
    let flood_bounds = flood_bounds(args)?;
    match variant {
        Some(v) if args.scenarios.is_empty() => {
            let mut jobs: Vec<Job> = v
                .expect
                .iter()
                .map(|e| {
                    let b = Bounds {
                        losses: args.losses.or(e.losses).unwrap_or(bounds.losses),
                        ..bounds
                    };
                    Job::Pair(
                        scenario::by_name(e.scenario).expect("a variant names a known scenario"),
                        b,
                    )
                })
                .collect();
            if flood::EXPECT.iter().any(|(name, _)| *name == v.name) {
                jobs.push(Job::Flood(bounds, flood_bounds));
            }
            Ok(jobs)
        }
        _ => Ok(scenarios(args)?
            .into_iter()
            .map(|s| match s {
                Some(s) => Job::Pair(s, bounds),
                None => Job::Flood(bounds, flood_bounds),
            })
            .collect()),
    }
}

/// The scenarios the arguments name (all if none), `None` standing for
/// `syn-flood`; or the unknown name.
pub fn scenarios(args: &CheckArgs) -> Result<Vec<Option<Scenario>>, UsageError> {
    if args.scenarios.is_empty() {
        let mut all: Vec<_> = scenario::all().into_iter().map(Some).collect();
        all.push(None);
        return Ok(all);
    }
    args.scenarios
        .iter()
        .map(|name| {
            if name == flood::NAME {
                return Ok(None);
            }
            scenario::by_name(name).map(Some).ok_or_else(|| {
                let mut known: Vec<_> = scenario::all().iter().map(|s| s.name).collect();
                known.push(flood::NAME);
                UsageError(format!(
                    "unknown scenario '{name}' (known: {})",
                    known.join(", ")
                ))
            })
        })
        .collect()
}

/// The model of one planned check.
pub enum Planned {
    /// A two-host scenario.
    Pair(Tcp),
    /// `syn-flood`.
    Flood(Flood),
}

impl Planned {
    /// The bounds the model runs at.
    pub fn bounds(&self) -> &Bounds {
        match self {
            Planned::Pair(m) => &m.bounds,
            Planned::Flood(m) => &m.bounds,
        }
    }
}

/// The model of one planned check, the variant applied.
pub fn model(job: Job, variant: Option<&Variant>, args: &CheckArgs) -> Planned {
    match job {
        Job::Pair(scenario, bounds) => {
            let mut model = Tcp::new(scenario, bounds);
            model.symmetry = !args.no_symmetry;
            if let Some(v) = variant {
                (v.apply)(&mut model);
            }
            Planned::Pair(model)
        }
        Job::Flood(bounds, sizes) => {
            let mut model = Flood::new(bounds, sizes);
            if let Some(v) = variant {
                model = model.with_variant(v);
            }
            Planned::Flood(model)
        }
    }
}

/// The names of a model's properties, state and step properties alike.
pub fn property_names<M: Checkable>(model: &M) -> Vec<&'static str> {
    let states = stateright::Model::properties(model);
    let steps = model.step_properties();
    states
        .iter()
        .map(|p| p.name)
        .chain(steps.iter().map(|p| p.name))
        .collect()
}

/// Every `--show` name is a property of some planned scenario, or a usage
/// error listing the names there are.
pub fn shows(args: &CheckArgs, models: &[Planned]) -> Result<(), UsageError> {
    let mut known: Vec<&'static str> = Vec::new();
    for m in models {
        let names = match m {
            Planned::Pair(m) => property_names(m),
            Planned::Flood(m) => property_names(m),
        };
        for name in names {
            if !known.contains(&name) {
                known.push(name);
            }
        }
    }
    for name in &args.show {
        if !known.contains(&name.as_str()) {
            return Err(UsageError(format!(
                "unknown property '{name}' for --show (known here: {})",
                known.join(", ")
            )));
        }
    }
    Ok(())
}

/// The largest budgets docs/performance.md measured a check at: 3
/// losses, 2 duplicates, 2 reorders, MSL 3 ticks, the default 3 retries.
/// Beyond them nobody has seen a check finish.
const MEASURED: [(&str, u32); 5] = [
    ("--losses", 3),
    ("--duplicates", 2),
    ("--reorders", 3),
    ("--msl", 3),
    ("--retries", 3),
];

/// A warning for stderr when `b` goes beyond the documented bounds, naming
/// what does and the bounds that keep the run's work finite.
pub fn bounds_warning(b: &Bounds) -> Option<String> {
    let asked = [
        u32::from(b.losses),
        u32::from(b.duplicates),
        u32::from(b.reorders),
        b.msl,
        u32::from(b.max_retries),
    ];
    let over: Vec<String> = MEASURED
        .iter()
        .zip(asked)
        .filter(|((_, most), asked)| asked > most)
        .map(|((flag, most), asked)| format!("{flag} {asked} (measured up to {most})"))
        .collect();
    (!over.is_empty()).then(|| {
        format!(
            "warning: {} goes beyond the bounds docs/performance.md measured; \
             the state space grows steeply (3/2/3: 105 million states, 6.4 minutes on 2 cores; \
             3/3/2 does not finish in 10). \
             --max-states, --max-depth and --memory-limit stop the check cleanly",
            over.join(", ")
        )
    })
}

/// The memory limit: `--memory-limit`, else three quarters of the
/// machine's memory where the system tells (Linux), else none.
pub fn memory_limit(args: &CheckArgs) -> Option<u64> {
    args.memory_limit.or_else(|| {
        let info = std::fs::read_to_string("/proc/meminfo").ok()?;
        let line = info.lines().find(|l| l.starts_with("MemTotal:"))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024 / 4 * 3)
    })
}

/// A spinner on stderr, hidden when quiet.
fn progress_bar(name: &str, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {prefix}: {msg} [{elapsed}]")
            .expect("a valid template"),
    );
    bar.set_prefix(name.to_string());
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// The checker's options for one scenario. `watch`: the properties a
/// variant is expected to violate here; it stops once its own point is made,
/// not at an earlier violation of something else.
fn options(args: &CheckArgs, variant: Option<&Variant>, watch: Vec<&'static str>) -> Options {
    // Every field is set today; the update keeps this building when the
    // checker gains options with defaults.
    #[allow(clippy::needless_update)]
    Options {
        threads: args.threads,
        max_states: args
            .max_states
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        max_depth: args
            .max_depth
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        memory_limit: memory_limit(args),
        stop_on_violation: args.fail_fast || (variant.is_some() && !args.complete),
        compact_frontier: args.compact_frontier,
        bitstate: args.bitstate,
        watch,
        ..Options::default()
    }
}

/// Run the checker with the bar showing progress.
fn run_checker<M>(model: &M, options: &Options, bar: &ProgressBar) -> check::Report<M>
where
    M: Checkable + Sync,
    M::State: std::hash::Hash + Clone + Send + Sync,
    M::Action: Clone + Send,
{
    let report = check::check(model, options, &mut |p| {
        bar.set_message(format!(
            "{} distinct states, {} generated, depth {}",
            p.distinct_states, p.states_generated, p.depth
        ));
    });
    bar.finish_and_clear();
    report
}

/// One verdict per property of a report. `expected`: the properties the
/// variant is expected to violate here; `claims`: a property's claims;
/// `render`: a trace as a report.
fn property_reports<M: Checkable>(
    report: &check::Report<M>,
    args: &CheckArgs,
    expected: &[&str],
    claims: impl Fn(&str) -> String,
    render: impl Fn(&check::Trace<M>) -> TraceReport,
) -> Vec<PropertyReport> {
    report
        .properties
        .iter()
        .map(|r| {
            let kind = match r.expectation {
                stateright::Expectation::Always => "always",
                stateright::Expectation::Eventually => "eventually",
                stateright::Expectation::Sometimes => "sometimes",
            };
            let verdict = r.verdict(report.complete);
            let counterexample = match (verdict, &r.trace) {
                (Verdict::Violated, Some(t)) => Some(render(t)),
                _ => None,
            };
            let shown = args.show.iter().any(|s| s == r.name);
            let witness = match (verdict, &r.trace) {
                (Verdict::Reached, Some(t)) if shown => Some(render(t)),
                _ => None,
            };
            PropertyReport {
                expected_to_fail: expected.contains(&r.name),
                name: r.name.to_string(),
                kind,
                claims: claims(r.name),
                verdict: verdict.name(),
                holds: verdict.is_proven(),
                shown,
                counterexample,
                witness,
            }
        })
        .collect()
}

/// What a scenario's report says before its figures.
struct Head {
    variant: Option<String>,
    exempt: Vec<Exemption>,
    scenario: String,
    summary: String,
    bounds: Bounds,
}

/// The figures of a report, around its scenario's words and verdicts.
fn scenario_report<M: Checkable>(
    report: &check::Report<M>,
    head: Head,
    args: &CheckArgs,
    properties: Vec<PropertyReport>,
) -> ScenarioReport {
    let secs = report.elapsed.as_secs_f64();
    ScenarioReport {
        variant: head.variant,
        exempt: head.exempt,
        scenario: head.scenario,
        summary: head.summary,
        bounds: head.bounds,
        threads: args.threads,
        states_generated: report.states_generated,
        distinct_states: report.distinct_states,
        depth: report.max_depth,
        complete: report.complete,
        stopped: report.stopped.map(|s| s.name()),
        elapsed_s: secs,
        states_per_s: if secs > 0.0 {
            report.states_generated as f64 / secs
        } else {
            0.0
        },
        collision_probability: report.collision_probability(),
        bitstate: report.bitstate.map(|c| BitstateReport {
            bits: c.bits,
            hashes: c.hashes,
            hash_factor: c.hash_factor(),
            expected_lost: c.expected_lost,
            coverage: c.estimate(),
        }),
        properties,
    }
}

/// Check one planned model, with a progress bar on stderr unless quiet.
pub fn check_planned(
    model: Planned,
    variant: Option<&Variant>,
    args: &CheckArgs,
) -> ScenarioReport {
    match model {
        Planned::Pair(m) => check_scenario(m, variant, args),
        Planned::Flood(m) => check_flood(m, variant, args),
    }
}

/// Check one scenario's `model`, with a progress bar on stderr unless quiet.
pub fn check_scenario(model: Tcp, variant: Option<&Variant>, args: &CheckArgs) -> ScenarioReport {
    let bar = progress_bar(model.scenario.name, args.quiet);
    let expected: Vec<&'static str> = variant
        .into_iter()
        .flat_map(|v| v.expect)
        .filter(|e| e.scenario == model.scenario.name)
        .map(|e| e.property)
        .collect();
    let report = run_checker(&model, &options(args, variant, expected.clone()), &bar);
    let properties = property_reports(
        &report,
        args,
        &expected,
        |name| properties::claims_of(name).to_string(),
        |t| {
            TraceReport::new(
                &model,
                t,
                chart::chart(&model, &t.init, &t.steps, t.loop_back_to),
                chart::mermaid(&model, &t.init, &t.steps, t.loop_back_to),
            )
        },
    );
    let head = Head {
        variant: variant.map(|v| v.name.to_string()),
        exempt: model
            .scenario
            .exempt
            .iter()
            .map(|(name, reason)| Exemption {
                name: name.to_string(),
                reason: reason.to_string(),
            })
            .collect(),
        scenario: model.scenario.name.to_string(),
        summary: model.scenario.summary.to_string(),
        bounds: model.bounds,
    };
    scenario_report(&report, head, args, properties)
}

/// Check `syn-flood`, with a progress bar on stderr unless quiet.
pub fn check_flood(model: Flood, variant: Option<&Variant>, args: &CheckArgs) -> ScenarioReport {
    let bar = progress_bar(flood::NAME, args.quiet);
    let expected: Vec<&'static str> = variant
        .into_iter()
        .flat_map(|v| {
            flood::EXPECT
                .iter()
                .filter(move |(name, _)| *name == v.name)
        })
        .map(|(_, property)| *property)
        .collect();
    let report = run_checker(&model, &options(args, variant, expected.clone()), &bar);
    let properties = property_reports(
        &report,
        args,
        &expected,
        |name| flood::properties::claims_of(name).unwrap_or("").to_string(),
        |t| {
            let mut before = &t.init;
            let steps = t
                .steps
                .iter()
                .map(|(a, s)| {
                    let (_, fx) = model.step(before, *a);
                    // The chart's words: the first line is what happened,
                    // the others what followed from it.
                    let words = flood::describe(a, before, s, &fx);
                    let mut lines = words.lines().map(str::to_string);
                    before = s;
                    StepReport {
                        action: lines.next().unwrap_or_default(),
                        then: lines.collect(),
                        states: [
                            s.client.state().rfc_name().to_string(),
                            flood::connections(s),
                        ],
                    }
                })
                .collect();
            TraceReport {
                steps,
                loop_back_to: t.loop_back_to,
                chart: flood::chart(&model, &t.init, &t.steps, t.loop_back_to),
                mermaid: flood::mermaid(&model, &t.init, &t.steps, t.loop_back_to),
            }
        },
    );
    let head = Head {
        variant: variant.map(|v| v.name.to_string()),
        exempt: Vec::new(),
        scenario: flood::NAME.to_string(),
        summary: format!(
            "{} [SYN queue {}, accept queue {}, {} spoofed SYNs, client retries {}]",
            flood::SUMMARY,
            model.flood.syn_queue,
            model.flood.accept_queue,
            model.flood.spoofs,
            model.configs[flood::CLIENT].max_retries
        ),
        bounds: model.bounds,
    };
    scenario_report(&report, head, args, properties)
}
