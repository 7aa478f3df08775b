//! Reports: a table by state and event, the failures with their
//! reproducers and a summary (text); or one JSON object.

use crate::generate::matrix::Column;
use crate::suite::{CellOutcome, Report};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use synack_model::State;

/// Failures the text report shows in full; JSON has all of them.
const SHOWN: usize = 12;

/// The text report: the matrix table, the Figure 5 and random lines, the
/// failures, what the profile accepted, and a summary line.
pub fn text(report: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "== {}: profile {}, seed {}",
        report.stack, report.profile, report.seed
    );
    table(report, &mut s);
    let passed = report.transitions.iter().filter(|r| r.passed()).count();
    let _ = writeln!(
        s,
        "\nFigure 5 transitions: {passed}/{} pass",
        report.transitions.len()
    );
    let random = if report.random.failure.as_ref().is_some_and(|r| !r.passed()) {
        "a deviation (shrunk, below)"
    } else {
        "pass"
    };
    let _ = writeln!(
        s,
        "random scripts: {} run from seed {}: {random}",
        report.random.cases_run, report.seed
    );
    let deviations = report.deviations();
    for d in deviations.iter().take(SHOWN) {
        let _ = write!(s, "\n{d}");
    }
    if deviations.len() > SHOWN {
        let _ = writeln!(
            s,
            "\n... and {} more (--format json lists them all)",
            deviations.len() - SHOWN
        );
    }
    let accepted = report.accepted();
    if !accepted.is_empty() {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for a in &accepted {
            let why = a.split_once(": ").map_or(a.as_str(), |(_, why)| why);
            *counts.entry(why.to_string()).or_default() += 1;
        }
        let _ = writeln!(s, "\naccepted by the profile:");
        for (why, n) in counts {
            let _ = writeln!(s, "  {n:>4} × {why}");
        }
    }
    let skipped = report.skipped();
    if !skipped.is_empty() {
        let _ = writeln!(s, "\n{} skipped for time:", skipped.len());
        for r in skipped {
            let _ = writeln!(s, "  {}: {}", r.name, r.skipped.as_deref().unwrap_or(""));
        }
    }
    let _ = writeln!(
        s,
        "\n{} cases run, {} deviations, {} accepted, {:.2} s",
        report.cases_run(),
        deviations.len(),
        accepted.len(),
        report.elapsed.as_secs_f64()
    );
    s
}

/// The state × column table: `ok` when every case of the cell passed,
/// `✗n` when n failed; `-` when no peer can produce the cell at all.
fn table(report: &Report, s: &mut String) {
    let columns = Column::all();
    let _ = write!(s, "\n{:<13}", "state");
    for c in &columns {
        let _ = write!(s, "{:>8}", c.to_string());
    }
    s.push('\n');
    for state in State::ALL {
        let _ = write!(s, "{:<13}", state.rfc_name());
        for column in &columns {
            let cells = report
                .matrix
                .iter()
                .filter(|(c, _)| c.state == state && c.column == *column);
            let (mut ran, mut failed) = (0, 0);
            for (_, outcome) in cells {
                if let CellOutcome::Ran(r) = outcome {
                    ran += 1;
                    failed += usize::from(!r.passed());
                }
            }
            let mark = match (ran, failed) {
                (0, _) => "-".to_string(),
                (_, 0) => "ok".to_string(),
                (_, n) => format!("✗{n}"),
            };
            let _ = write!(s, "{mark:>8}");
        }
        s.push('\n');
    }
}

/// A matrix cell in JSON.
#[derive(Serialize)]
struct JsonCell {
    state: &'static str,
    event: String,
    position: Option<String>,
    result: &'static str,
    why: Option<&'static str>,
}

/// The JSON report.
#[derive(Serialize)]
struct Json<'a> {
    stack: &'a str,
    profile: &'a str,
    seed: u64,
    cases: u64,
    deviations: Vec<&'a crate::Deviation>,
    accepted: Vec<&'a String>,
    elapsed_s: f64,
    matrix: Vec<JsonCell>,
    figure_5: Vec<(&'a str, bool)>,
    random_cases: u64,
    skipped: Vec<JsonSkipped<'a>>,
}

/// A case the stack skipped, in JSON.
#[derive(Serialize)]
struct JsonSkipped<'a> {
    case: &'a str,
    why: &'a str,
}

/// The JSON report: `cases`, `deviations` (each with `rule`, `state`,
/// `event`, `expected`, `observed`, `reproducer`), `accepted`, the
/// matrix cell by cell, and `skipped` (each with `case` and `why`).
pub fn json(report: &Report) -> String {
    let matrix = report
        .matrix
        .iter()
        .map(|(cell, outcome)| JsonCell {
            state: cell.state.rfc_name(),
            event: cell.column.to_string(),
            position: cell.position.map(|p| p.to_string()),
            result: match outcome {
                CellOutcome::Ran(r) if r.is_skipped() => "skipped",
                CellOutcome::Ran(r) if r.passed() => "pass",
                CellOutcome::Ran(_) => "deviation",
                CellOutcome::Unproducible(_) => "unproducible",
            },
            why: match outcome {
                CellOutcome::Unproducible(why) => Some(why),
                CellOutcome::Ran(_) => None,
            },
        })
        .collect();
    let json = Json {
        stack: &report.stack,
        profile: &report.profile,
        seed: report.seed,
        cases: report.cases_run(),
        deviations: report.deviations(),
        accepted: report.accepted(),
        elapsed_s: report.elapsed.as_secs_f64(),
        matrix,
        figure_5: report
            .transitions
            .iter()
            .map(|r| (r.name.as_str(), r.passed()))
            .collect(),
        random_cases: report.random.cases_run,
        skipped: report
            .skipped()
            .into_iter()
            .filter_map(|r| {
                let why = r.skipped.as_deref()?;
                Some(JsonSkipped { case: &r.name, why })
            })
            .collect(),
    };
    serde_json::to_string_pretty(&json).expect("a report serializes")
}
