//! Running a check: the model, the checker and a progress bar.

use crate::cli::CheckArgs;
use crate::report::{PropertyReport, ScenarioReport, TraceReport};
use indicatif::{ProgressBar, ProgressStyle};
use std::time::Duration;
use synack_model::check::{self, Options};
use synack_model::model::Tcp;
use synack_model::model::{chart, properties, scenario, Bounds, Scenario};

/// A usage error: printed on one line, exit code 2.
pub struct UsageError(pub String);

/// The bounds the arguments ask for, or why they make no model.
pub fn bounds(args: &CheckArgs) -> Result<Bounds, UsageError> {
    let b = Bounds {
        losses: args.losses,
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
pub fn check_scenario(scenario: Scenario, bounds: Bounds, args: &CheckArgs) -> ScenarioReport {
    let (threads, quiet) = (args.threads, args.quiet);
    let model = Tcp::new(scenario, bounds);
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
        ..Options::default()
    };
    let report = check::check(&model, &options, &mut |p| {
        bar.set_message(format!(
            "{} distinct states, {} generated, depth {}",
            p.distinct_states, p.states_generated, p.depth
        ));
    });
    bar.finish_and_clear();

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
                TraceReport::new(t, chart::chart(&model, &t.init, &t.steps, t.loop_back_to))
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
        scenario: model.scenario.name.to_string(),
        summary: model.scenario.summary.to_string(),
        bounds,
        threads,
        states_generated: report.states_generated,
        distinct_states: report.distinct_states,
        depth: report.max_depth,
        elapsed_s: secs,
        states_per_s: if secs > 0.0 {
            report.states_generated as f64 / secs
        } else {
            0.0
        },
        properties,
    }
}
