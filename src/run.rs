//! Running a check: the model, the checker and a progress bar.

use crate::cli::CheckArgs;
use crate::report::{Exemption, PropertyReport, ScenarioReport, StepReport, TraceReport};
use indicatif::{ProgressBar, ProgressStyle};
use std::time::Duration;
use synack_model::check::{self, Options};
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
    Ok(b)
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

/// Run the checker with the bar showing progress.
fn run_checker<M>(model: &M, options: &Options, bar: &ProgressBar) -> check::Report<M>
where
    M: check::Checkable + Sync,
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

/// The verdicts of a report. `expected`: the properties the variant is
/// expected to violate here; `claims`: a property's claims; `render`: a
/// trace as a report.
fn property_reports<M: stateright::Model>(
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
            let counterexample = match (r.holds, &r.trace) {
                (false, Some(t)) => Some(render(t)),
                _ => None,
            };
            let witness = match (r.holds, &r.trace) {
                (true, Some(t)) if args.show.iter().any(|s| s == r.name) => Some(render(t)),
                _ => None,
            };
            PropertyReport {
                expected_to_fail: expected.contains(&r.name),
                name: r.name.to_string(),
                kind,
                claims: claims(r.name),
                holds: r.holds,
                counterexample,
                witness,
            }
        })
        .collect()
}

/// Check `syn-flood`, with a progress bar on stderr unless quiet.
pub fn check_flood(
    bounds: Bounds,
    sizes: FloodBounds,
    variant: Option<&Variant>,
    args: &CheckArgs,
) -> ScenarioReport {
    let mut model = Flood::new(bounds, sizes);
    if let Some(v) = variant {
        model = model.with_variant(v);
    }
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
    let options = Options {
        threads: args.threads,
        stop_on_violation: args.fail_fast || (variant.is_some() && !args.complete),
        watch: expected.clone(),
        ..Options::default()
    };
    let report = run_checker(&model, &options, &bar);
    let properties = property_reports(
        &report,
        args,
        &expected,
        |name| flood::properties::claims_of(name).unwrap_or("").to_string(),
        |t| {
            let steps = t
                .steps
                .iter()
                .map(|(a, s)| StepReport {
                    action: format!("{a:?}"),
                    states: [s.client.state().to_string(), flood::connections(s)],
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
    let secs = report.elapsed.as_secs_f64();
    ScenarioReport {
        variant: variant.map(|v| v.name.to_string()),
        exempt: Vec::new(),
        scenario: flood::NAME.to_string(),
        summary: format!(
            "{} [SYN queue {}, accept queue {}, {} spoofed SYNs, client retries {}]",
            flood::SUMMARY,
            sizes.syn_queue,
            sizes.accept_queue,
            sizes.spoofs,
            model.configs[flood::CLIENT].max_retries
        ),
        bounds: model.bounds,
        threads: args.threads,
        states_generated: report.states_generated,
        distinct_states: report.distinct_states,
        depth: report.max_depth,
        complete: report.complete,
        elapsed_s: secs,
        states_per_s: if secs > 0.0 {
            report.states_generated as f64 / secs
        } else {
            0.0
        },
        properties,
    }
}

/// Check one scenario at `bounds`, with a progress bar on stderr unless quiet.
pub fn check_scenario(
    scenario: Scenario,
    bounds: Bounds,
    variant: Option<&Variant>,
    args: &CheckArgs,
) -> ScenarioReport {
    let threads = args.threads;
    let mut model = Tcp::new(scenario, bounds);
    model.symmetry = !args.no_symmetry;
    if let Some(v) = variant {
        (v.apply)(&mut model);
    }
    let bar = progress_bar(model.scenario.name, args.quiet);
    // A variant stops once its own point is made, not at an earlier
    // violation of something else.
    let expected: Vec<&'static str> = variant
        .into_iter()
        .flat_map(|v| v.expect)
        .filter(|e| e.scenario == model.scenario.name)
        .map(|e| e.property)
        .collect();
    let options = Options {
        threads,
        stop_on_violation: args.fail_fast || (variant.is_some() && !args.complete),
        watch: expected.clone(),
        ..Options::default()
    };
    let report = run_checker(&model, &options, &bar);
    let properties = property_reports(
        &report,
        args,
        &expected,
        |name| properties::claims_of(name).to_string(),
        |t| {
            TraceReport::new(
                t,
                chart::chart(&model, &t.init, &t.steps, t.loop_back_to),
                chart::mermaid(&model, &t.init, &t.steps, t.loop_back_to),
            )
        },
    );
    let secs = report.elapsed.as_secs_f64();
    ScenarioReport {
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
        threads,
        states_generated: report.states_generated,
        distinct_states: report.distinct_states,
        depth: report.max_depth,
        complete: report.complete,
        elapsed_s: secs,
        states_per_s: if secs > 0.0 {
            report.states_generated as f64 / secs
        } else {
            0.0
        },
        properties,
    }
}
