//! Running a check: the model, the checker and a progress bar.

use crate::cli::CheckArgs;
use crate::report::{Exemption, PropertyReport, ScenarioReport, TraceReport};
use indicatif::{ProgressBar, ProgressStyle};
use std::time::Duration;
use synack_model::check::{self, Options};
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
    if args.memory_limit.is_some() && check::resident_memory().is_none() {
        return Err(UsageError(
            "--memory-limit needs /proc/self/status (Linux) to see the memory in use".into(),
        ));
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

/// The (scenario, bounds) pairs to check: the scenarios named (all if
/// none), or for a variant without --scenario, where it is expected to fail.
pub fn plan(
    args: &CheckArgs,
    bounds: Bounds,
    variant: Option<&Variant>,
) -> Result<Vec<(Scenario, Bounds)>, UsageError> {
    match variant {
        Some(v) if args.scenarios.is_empty() => Ok(v
            .expect
            .iter()
            .map(|e| {
                let b = Bounds {
                    losses: args.losses.or(e.losses).unwrap_or(bounds.losses),
                    ..bounds
                };
                (
                    scenario::by_name(e.scenario).expect("a variant names a known scenario"),
                    b,
                )
            })
            .collect()),
        _ => Ok(scenarios(args)?.into_iter().map(|s| (s, bounds)).collect()),
    }
}

/// The scenarios the arguments name (all if none), or the unknown name.
pub fn scenarios(args: &CheckArgs) -> Result<Vec<Scenario>, UsageError> {
    if args.scenarios.is_empty() {
        return Ok(scenario::all());
    }
    args.scenarios
        .iter()
        .map(|name| {
            scenario::by_name(name).ok_or_else(|| {
                let known: Vec<_> = scenario::all().iter().map(|s| s.name).collect();
                UsageError(format!(
                    "unknown scenario '{name}' (known: {})",
                    known.join(", ")
                ))
            })
        })
        .collect()
}

/// Check one scenario at `bounds`, with a progress bar on stderr unless quiet.
pub fn check_scenario(
    scenario: Scenario,
    bounds: Bounds,
    variant: Option<&Variant>,
    args: &CheckArgs,
) -> ScenarioReport {
    let (threads, quiet) = (args.threads, args.quiet);
    let mut model = Tcp::new(scenario, bounds);
    model.symmetry = !args.no_symmetry;
    if let Some(v) = variant {
        (v.apply)(&mut model);
    }
    let bar = if quiet {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {prefix}: {msg} [{elapsed}]")
                .expect("a valid template"),
        );
        bar.set_prefix(model.scenario.name);
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    };
    let options = Options {
        threads,
        stop_on_violation: args.fail_fast || (variant.is_some() && !args.complete),
        compact_frontier: args.compact_frontier,
        memory_limit: args.memory_limit,
        // A variant stops once its own point is made, not at an earlier
        // violation of something else.
        watch: variant
            .into_iter()
            .flat_map(|v| v.expect)
            .filter(|e| e.scenario == model.scenario.name)
            .map(|e| e.property)
            .collect(),
        ..Options::default()
    };
    let report = check::check(&model, &options, &mut |p| {
        bar.set_message(format!(
            "{} distinct states, {} generated, depth {}",
            p.distinct_states, p.states_generated, p.depth
        ));
    });
    bar.finish_and_clear();
    if report.stop == Some(check::Stop::MemoryLimit) {
        eprintln!(
            "synack: {}: stopped before the memory limit after {} distinct states; \
             what was not explored is undecided",
            model.scenario.name, report.distinct_states
        );
    }

    let properties = report
        .properties
        .iter()
        .map(|r| {
            let kind = match r.expectation {
                stateright::Expectation::Always => "always",
                stateright::Expectation::Eventually => "eventually",
                stateright::Expectation::Sometimes => "sometimes",
            };
            let render = |t: &check::Trace<Tcp>| {
                TraceReport::new(
                    t,
                    chart::chart(&model, &t.init, &t.steps, t.loop_back_to),
                    chart::mermaid(&model, &t.init, &t.steps, t.loop_back_to),
                )
            };
            let counterexample = match (r.holds, &r.trace) {
                (false, Some(t)) => Some(render(t)),
                _ => None,
            };
            let witness = match (r.holds, &r.trace) {
                (true, Some(t)) if args.show.iter().any(|s| s == r.name) => Some(render(t)),
                _ => None,
            };
            let expected_to_fail = variant.is_some_and(|v| {
                v.expect
                    .iter()
                    .any(|e| e.scenario == model.scenario.name && e.property == r.name)
            });
            PropertyReport {
                expected_to_fail,
                name: r.name.to_string(),
                kind,
                claims: properties::claims_of(r.name).to_string(),
                holds: r.holds,
                counterexample,
                witness,
            }
        })
        .collect();
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
