//! `synack coverage`: which transitions of RFC 9293's Figure 5 the default
//! scenarios reach, and the shortest trace to each.

use crate::cli::{CoverageArgs, CoverageFormat};
use crate::run::UsageError;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use std::fmt::Write;
use std::process::ExitCode;
use synack_model::check::{self, Options, Trace};
use synack_model::model::properties::FIGURE_5;
use synack_model::model::{chart, scenario, Bounds, Tcp};
use synack_model::State;

/// One row of the table.
#[derive(Serialize)]
struct Row {
    transition: String,
    reached: bool,
    /// The scenario meant to reach it (it lists it), else the one with the
    /// shortest trace.
    scenario: Option<String>,
    /// That trace's length.
    steps: Option<usize>,
    /// The claims of CLAIMS.md about it.
    claims: String,
}

/// Figure 5 transitions no scenario reaches, and why.
const UNREACHED_BECAUSE: &[(&str, &str)] = &[];

pub fn run(args: &CoverageArgs) -> Result<ExitCode, UsageError> {
    if let Some(name) = &args.show {
        if !FIGURE_5.iter().any(|r| r.name == name) {
            let known: Vec<_> = FIGURE_5.iter().map(|r| r.name).collect();
            return Err(UsageError(format!(
                "unknown transition '{name}' (known: {})",
                known.join(", ")
            )));
        }
    }
    // A trace per transition: from the scenario meant to produce it, else
    // the shortest over every scenario.
    let mut best: Vec<Option<(String, Tcp, Trace<Tcp>)>> = FIGURE_5.iter().map(|_| None).collect();
    let all = scenario::all();
    // A full check of every scenario takes seconds: say so, and show which
    // scenario runs (the bar only on a terminal).
    if !args.quiet {
        eprintln!(
            "synack: model-checking the {} scenarios with every Figure 5 transition watched...",
            all.len()
        );
    }
    let bar = if args.quiet {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::new(all.len() as u64);
        if let Ok(style) =
            ProgressStyle::with_template("{bar:30} {pos}/{len} scenarios: {msg} [{elapsed}]")
        {
            bar.set_style(style);
        }
        bar
    };
    for s in all {
        bar.set_message(s.name);
        let bounds = Bounds {
            losses: args.losses,
            duplicates: args.duplicates,
            reorders: args.reorders,
            ..Bounds::default()
        };
        let mut model = Tcp::new(s, bounds);
        model.all_reaches = true;
        let options = Options {
            threads: args.threads.max(1),
            ..Options::default()
        };
        let report = check::check(&model, &options, &mut |_| {});
        bar.inc(1);
        for (i, r) in FIGURE_5.iter().enumerate() {
            let found = report.properties.iter().find(|p| p.name == r.name);
            if let Some(t) = found.and_then(|p| p.trace.as_ref()) {
                // The scenario meant to produce a transition (it lists it)
                // names it; among the others, the shortest trace.
                let meant = |name: &str| {
                    scenario::by_name(name).is_some_and(|s| s.reaches.contains(&r.name))
                };
                let better = match &best[i] {
                    None => true,
                    Some((name, _, b)) => {
                        let (here, there) = (model.scenario.reaches.contains(&r.name), meant(name));
                        (here && !there) || (here == there && t.steps.len() < b.steps.len())
                    }
                };
                if better {
                    best[i] = Some((model.scenario.name.to_string(), model.clone(), t.clone()));
                }
            }
        }
    }
    bar.finish_and_clear();
    if let Some(name) = &args.show {
        let i = FIGURE_5
            .iter()
            .position(|r| r.name == name)
            .expect("checked above");
        return Ok(match &best[i] {
            Some((scenario, model, t)) => {
                println!("{name}: shortest in {scenario}, {} steps\n", t.steps.len());
                print!("{}", chart::chart(model, &t.init, &t.steps, t.loop_back_to));
                ExitCode::SUCCESS
            }
            None => {
                println!("{name}: not reached by any scenario");
                ExitCode::from(1)
            }
        });
    }
    let rows: Vec<Row> = FIGURE_5
        .iter()
        .zip(&best)
        .map(|(r, b)| Row {
            transition: r.name.to_string(),
            reached: b.is_some(),
            scenario: b.as_ref().map(|(s, _, _)| s.clone()),
            steps: b.as_ref().map(|(_, _, t)| t.steps.len()),
            claims: r.claims.to_string(),
        })
        .collect();
    match args.format {
        CoverageFormat::Text => print!("{}", text(&rows)),
        CoverageFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&rows).expect("rows serialize")
        ),
        CoverageFormat::Dot => print!("{}", dot(&rows)),
    }
    Ok(if rows.iter().all(|r| r.reached) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn text(rows: &[Row]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<28} {:<9} {:<20} {:>5}  claims",
        "transition (Figure 5)", "reached", "scenario", "steps"
    );
    for r in rows {
        let _ = writeln!(
            out,
            "{:<28} {:<9} {:<20} {:>5}  {}",
            r.transition,
            if r.reached { "yes" } else { "NO" },
            r.scenario.as_deref().unwrap_or("-"),
            r.steps.map_or("-".to_string(), |s| s.to_string()),
            r.claims
        );
    }
    for (t, why) in UNREACHED_BECAUSE {
        let _ = writeln!(out, "{t}: {why}");
    }
    let reached = rows.iter().filter(|r| r.reached).count();
    let _ = writeln!(out, "\n{reached} of {} transitions reached", rows.len());
    out
}

/// The state diagram as reached, for Graphviz: reached transitions solid,
/// the others dashed and red.
fn dot(rows: &[Row]) -> String {
    let mut out = String::from(
        "digraph figure5 {\n  rankdir=TB;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n",
    );
    for s in State::ALL {
        let _ = writeln!(out, "  \"{s}\";");
    }
    for r in rows {
        let (from, to) = r
            .transition
            .split_once(" -> ")
            .expect("transitions are named FROM -> TO");
        let style = if r.reached {
            format!("label=\"{}\"", r.scenario.as_deref().unwrap_or(""))
        } else {
            "style=dashed, color=red, label=\"not reached\"".to_string()
        };
        let _ = writeln!(out, "  \"{from}\" -> \"{to}\" [{style}];");
    }
    out.push_str("}\n");
    out
}
