//! `synack coverage`: which transitions of RFC 9293's Figure 5, and which
//! transitions of §3.10 that Figure 5 does not draw, the default scenarios
//! reach, and the shortest trace to each.

use crate::cli::{CoverageArgs, CoverageFormat};
use crate::run::UsageError;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use std::fmt::Write;
use std::process::ExitCode;
use synack_model::check::{self, Options, Trace};
use synack_model::model::properties::{Reach, FIGURE_5, OFF_DIAGRAM};
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
    /// Drawn in Figure 5, or made by §3.10 off the diagram.
    figure_5: bool,
    /// The step of RFC 9293 that makes it (off the diagram).
    #[serde(skip_serializing_if = "str::is_empty")]
    rfc: &'static str,
    /// Why no default scenario reaches it, if none does.
    #[serde(skip_serializing_if = "Option::is_none")]
    unreached_because: Option<&'static str>,
    /// The cases of the conformance suite whose steps take it on the
    /// reference, shortest first (off the diagram; Figure 5's each have
    /// their own path, `X -> Y (Figure 5)`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    conformance: Vec<String>,
}

/// Transitions no default scenario reaches, and why.
const UNREACHED_BECAUSE: &[(&str, &str)] = &[
    ("CLOSE-WAIT -> CLOSED on RST", ABORT_IN_A_CLOSE),
    ("CLOSING -> CLOSED on RST", ABORT_IN_A_CLOSE),
    ("FIN-WAIT-1 -> CLOSED on ABORT", ABORT_IN_A_CLOSE),
    ("FIN-WAIT-2 -> CLOSED on ABORT", ABORT_IN_A_CLOSE),
    ("CLOSING -> CLOSED on ABORT", ABORT_IN_A_CLOSE),
    ("LAST-ACK -> CLOSED on ABORT", ABORT_IN_A_CLOSE),
    ("TIME-WAIT -> CLOSED on ABORT", ABORT_IN_A_CLOSE),
    ("SYN-RECEIVED -> CLOSED on retry limit", RETRY_LIMIT),
    ("ESTABLISHED -> CLOSED on retry limit", RETRY_LIMIT),
    ("FIN-WAIT-1 -> CLOSED on retry limit", RETRY_LIMIT),
    ("CLOSE-WAIT -> CLOSED on retry limit", RETRY_LIMIT),
    ("CLOSING -> CLOSED on retry limit", RETRY_LIMIT),
    ("LAST-ACK -> CLOSED on retry limit", RETRY_LIMIT),
];

/// Why ABORT during a close is in no default scenario.
const ABORT_IN_A_CLOSE: &str = "an ABORT at any moment of a close is a scenario of 2.1 M states \
     (the client aborting, 10.5 s) or 10.3 M (both, 68 s) at the default bounds: more than the \
     default run may spend (30 s on 2 cores). The endpoint's ABORT and RST rules are one match \
     over every state (§3.10.5, §3.10.7.4), and the conformance matrix runs ABORT and a RST in \
     each state against every stack (the cases named under each)";

/// Why these retry limits are in no default scenario.
const RETRY_LIMIT: &str = "the network loses 1 segment and a host retransmits 3 times, so only \
     a peer that vanishes exhausts the retries (R2, §3.8.3); peer-crash's client crashes once \
     ESTABLISHED with nothing outstanding, and its server's keep-alive gives up first. A \
     scenario whose peer vanishes mid-transfer or mid-close would reach them; none is in the \
     default run yet. R2 is one rule for every state (§3.10.8 RETRANSMISSION TIMEOUT), and the \
     conformance suite runs it in each with a silent peer (the cases named under each)";

/// Every transition the table lists: Figure 5's, then those off it.
fn targets() -> Vec<(Reach, bool, &'static str)> {
    FIGURE_5
        .iter()
        .map(|r| (*r, true, ""))
        .chain(OFF_DIAGRAM.iter().map(|o| (o.reach, false, o.rfc)))
        .collect()
}

pub fn run(args: &CoverageArgs) -> Result<ExitCode, UsageError> {
    let targets = targets();
    if let Some(name) = &args.show {
        if !targets.iter().any(|(r, _, _)| r.name == name) {
            let known: Vec<_> = targets.iter().map(|(r, _, _)| r.name).collect();
            return Err(UsageError(format!(
                "unknown transition '{name}' (known: {})",
                known.join(", ")
            )));
        }
    }
    // A trace per transition: from the scenario meant to produce it, else
    // the shortest over every scenario.
    let mut best: Vec<Option<(String, Tcp, Trace<Tcp>)>> = targets.iter().map(|_| None).collect();
    let all = scenario::all();
    // A full check of every scenario takes seconds: say so, and show which
    // scenario runs (the bar only on a terminal).
    if !args.quiet {
        eprintln!(
            "synack: model-checking the {} scenarios with every transition watched...",
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
        for (i, (r, _, _)) in targets.iter().enumerate() {
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
        let i = targets
            .iter()
            .position(|(r, _, _)| r.name == name)
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
    // Which conformance cases take each transition off the diagram: the
    // suite's own generators, walked on the reference (a second or so).
    let mut conformance = synack_conformance::generate::off_diagram::coverage();
    let rows: Vec<Row> = targets
        .iter()
        .zip(&best)
        .map(|((r, figure_5, rfc), b)| Row {
            transition: r.name.to_string(),
            reached: b.is_some(),
            scenario: b.as_ref().map(|(s, _, _)| s.clone()),
            steps: b.as_ref().map(|(_, _, t)| t.steps.len()),
            claims: r.claims.to_string(),
            figure_5: *figure_5,
            rfc,
            unreached_because: UNREACHED_BECAUSE
                .iter()
                .find(|(t, _)| *t == r.name)
                .map(|(_, why)| *why),
            conformance: conformance.remove(r.name).unwrap_or_default(),
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
    Ok(
        if rows
            .iter()
            .all(|r| r.reached || r.unreached_because.is_some())
        {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        },
    )
}

fn text(rows: &[Row]) -> String {
    let mut out = String::new();
    // Each reason once, under the table: rows cite it by number.
    let mut reasons: Vec<&str> = Vec::new();
    for figure_5 in [true, false] {
        let title = if figure_5 {
            "transition (Figure 5)"
        } else {
            "transition (§3.10, off the diagram)"
        };
        if !figure_5 {
            let _ = writeln!(out);
        }
        let _ = writeln!(
            out,
            "{:<38} {:<9} {:<20} {:>5}  {}",
            title,
            "reached",
            "scenario",
            "steps",
            if figure_5 { "claims" } else { "RFC 9293" }
        );
        for r in rows.iter().filter(|r| r.figure_5 == figure_5) {
            let _ = writeln!(
                out,
                "{:<38} {:<9} {:<20} {:>5}  {}",
                r.transition,
                if r.reached { "yes" } else { "NO" },
                r.scenario.as_deref().unwrap_or("-"),
                r.steps.map_or("-".to_string(), |s| s.to_string()),
                if figure_5 { &r.claims } else { r.rfc }
            );
            if let (false, Some(why)) = (r.reached, r.unreached_because) {
                let n = match reasons.iter().position(|w| *w == why) {
                    Some(i) => i + 1,
                    None => {
                        reasons.push(why);
                        reasons.len()
                    }
                };
                let _ = writeln!(out, "{:<38} why not: [{n}] below", "");
            }
            if !figure_5 {
                let cases = match r.conformance.as_slice() {
                    [] => "NO case of the suite takes it".to_string(),
                    [one] => format!("1 case: {one}"),
                    [first, rest @ ..] => format!("{} cases, e.g. {first}", rest.len() + 1),
                };
                let _ = writeln!(out, "{:<38} conformance: {cases}", "");
            }
        }
    }
    let count = |f: bool| {
        let of = rows.iter().filter(|r| r.figure_5 == f);
        (of.clone().filter(|r| r.reached).count(), of.count())
    };
    let ((a, b), (c, d)) = (count(true), count(false));
    let _ = writeln!(
        out,
        "\n{a} of {b} Figure 5 transitions reached; {c} of {d} transitions off the diagram"
    );
    for (i, why) in reasons.iter().enumerate() {
        let _ = writeln!(out, "[{}] {why}", i + 1);
    }
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
    for r in rows.iter().filter(|r| r.figure_5) {
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
