//! Reports: a table by state and event, the deviations by grade and
//! requirement with their reproducers and a verdict (text); one JSON
//! object; JUnit XML for CI ([`junit()`]); one self-contained HTML page
//! ([`html()`]).

mod html;
mod junit;

pub use html::html;
pub use junit::junit;

use crate::baseline::Comparison;
use crate::generate::matrix::Column;
use crate::grade::Grade;
use crate::run::CaseResult;
use crate::suite::{CellOutcome, Report};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use synack_model::State;

/// Deviations of a grade the text report shows in full, beyond the fails
/// (which it always shows in full).
const SHOWN_PER_GRADE: usize = 6;

/// Deviations by grade and requirement: `(grade, requirement) -> (count,
/// signatures)`.
pub fn by_requirement(report: &Report) -> BTreeMap<(Grade, String), (usize, BTreeSet<String>)> {
    let mut groups: BTreeMap<(Grade, String), (usize, BTreeSet<String>)> = BTreeMap::new();
    for d in report.deviations() {
        for req in d.requirements() {
            let entry = groups.entry((d.grade, req)).or_default();
            entry.0 += 1;
            entry.1.insert(d.signature());
        }
    }
    groups
}

/// Text escaped for XML 1.0 and HTML, in element content and in quoted
/// attribute values alike: `&`, `<`, `>`, `"` and `'` as entities, and the
/// characters XML 1.0 forbids (control characters but tab, newline and
/// carriage return; U+FFFE, U+FFFF) as U+FFFD, since no entity may stand
/// for them. Five entities and one filter: a dependency would add nothing.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The verdict line's words: `PASS` or `FAIL`, and why.
fn verdict(report: &Report) -> String {
    let failing = report.deviations().iter().filter(|d| d.fails_run()).count();
    if let Some(why) = &report.stopped {
        format!(
            "FAIL: the run stopped, {} case(s) not run: {why}",
            report.not_run
        )
    } else if failing == 0 {
        "PASS: no fail outside the baseline".into()
    } else {
        format!("FAIL: {failing} fail(s) outside the baseline")
    }
}

/// The text report: the matrix table, the Figure 5 and random lines, the
/// deviations by grade and requirement, the fails in full, the baseline's
/// news, what the oracle accepted, and a verdict line.
pub fn text(report: &Report, baseline: Option<&Comparison>) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "== {}: profile {}, seed {}",
        report.stack, report.profile, report.seed
    );
    table(report, &mut s);
    let _ = writeln!(
        s,
        "  (ok: every case passed; F, n, i: cases whose deviation is a fail, non-strict, informational; u: no model path the stack follows leads there; -: no peer can send it{})",
        if report.stopped.is_some() { "; ·: not run, the run stopped" } else { "" }
    );
    unreached(report, &mut s);
    let passed = |rs: &[CaseResult]| rs.iter().filter(|r| r.passed()).count();
    let _ = writeln!(
        s,
        "\nFigure 5 transitions: {}/{} pass",
        passed(&report.transitions),
        report.transitions.len()
    );
    let _ = writeln!(
        s,
        "transitions off Figure 5 (§3.10): {}/{} pass",
        passed(&report.off_diagram),
        report.off_diagram.len()
    );
    let random = match &report.random.failure {
        Some(r) if !r.passed() => "a fail (shrunk, below)",
        _ => "no fail",
    };
    let _ = writeln!(
        s,
        "random scripts: {} run from seed {}: {random}",
        report.random.cases_run, report.seed
    );
    let deviations = report.deviations();
    let groups = by_requirement(report);
    if !groups.is_empty() {
        let _ = writeln!(s, "\ndeviations by grade and requirement:");
        for grade in Grade::ALL {
            let n = deviations.iter().filter(|d| d.grade == grade).count();
            if n == 0 {
                continue;
            }
            let _ = writeln!(s, "  {grade}: {n}");
            for ((_, req), (count, signatures)) in groups.iter().filter(|((g, _), _)| *g == grade) {
                let mut some: Vec<&str> = signatures.iter().take(3).map(String::as_str).collect();
                if signatures.len() > 3 {
                    some.push("...");
                }
                let _ = writeln!(
                    s,
                    "    {req:<18} {count:>4} case(s), {} kind(s): {}",
                    signatures.len(),
                    some.join("; ")
                );
            }
        }
    }
    for grade in Grade::ALL {
        let mut shown = 0;
        let mut kinds = BTreeSet::new();
        let group: Vec<_> = deviations.iter().filter(|d| d.grade == grade).collect();
        for d in &group {
            // One case of each kind; every fail outside the baseline.
            if !kinds.insert(d.signature()) && !d.fails_run() {
                continue;
            }
            if grade != Grade::Fail && shown >= SHOWN_PER_GRADE {
                continue;
            }
            shown += 1;
            let _ = write!(s, "\n{d}");
        }
        if shown < kinds.len() {
            let _ = writeln!(
                s,
                "\n... {} more kind(s) of {grade} deviation (--format json or html lists them all)",
                kinds.len() - shown
            );
        }
    }
    if let Some(c) = baseline {
        let known = deviations.iter().filter(|d| d.known).count();
        let _ = writeln!(
            s,
            "\nbaseline: {known} deviation(s) known; {} new kind(s), {} no longer seen",
            c.new.len(),
            c.gone.len()
        );
        for sig in &c.new {
            let _ = writeln!(s, "  new:  {sig}");
        }
        for sig in &c.gone {
            let _ = writeln!(s, "  gone: {sig}");
        }
    }
    let accepted = report.accepted();
    if !accepted.is_empty() {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for a in &accepted {
            let why = a.split_once(": ").map_or(a.as_str(), |(_, why)| why);
            *counts.entry(why.to_string()).or_default() += 1;
        }
        let _ = writeln!(s, "\naccepted (RFC 9293 permits it):");
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
    if let Some(why) = &report.stopped {
        let _ = writeln!(s, "\nSTOPPED: {why}; {} case(s) not run", report.not_run);
    }
    let count = |g| deviations.iter().filter(|d| d.grade == g).count();
    let _ = writeln!(
        s,
        "\n{} cases run{}: {} fail, {} non-strict, {} informational, {} accepted, {} skipped; {:.2} s\n{}",
        report.cases_run(),
        if report.not_run > 0 {
            format!(", {} not run", report.not_run)
        } else {
            String::new()
        },
        count(Grade::Fail),
        count(Grade::NonStrict),
        count(Grade::Informational),
        accepted.len(),
        report.skipped().len(),
        report.elapsed.as_secs_f64(),
        verdict(report)
    );
    s
}

/// The state × column table: `ok` when every case of the cell passed,
/// `F3` when 3 failed, the worst a fail (`n`: non-strict, `i`:
/// informational); `-` when no peer can produce the cell at all.
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
            let (mut ran, mut failed, mut worst) = (0, 0, Grade::Informational);
            let (mut unreached, mut not_run) = (0, 0);
            for (_, outcome) in cells {
                match outcome {
                    CellOutcome::Ran(r) => {
                        ran += 1;
                        if let Some(d) = &r.deviation {
                            failed += 1;
                            worst = worst.min(d.grade);
                        }
                    }
                    CellOutcome::Unreached(_) => unreached += 1,
                    CellOutcome::NotRun => not_run += 1,
                    CellOutcome::Unproducible(_) => {}
                }
            }
            let letter = match worst {
                Grade::Fail => 'F',
                Grade::NonStrict => 'n',
                Grade::Informational => 'i',
            };
            let mark = match (ran, failed) {
                (0, _) if unreached > 0 => "u".to_string(),
                (0, _) if not_run > 0 => "·".to_string(),
                (0, _) => "-".to_string(),
                (_, 0) => "ok".to_string(),
                (_, n) => format!("{letter}{n}"),
            };
            let _ = write!(s, "{mark:>8}");
        }
        s.push('\n');
    }
}

/// The matrix in figures (cells tested, unreached, unproducible), then
/// what blocks the unreached cells and transitions, one line a reason.
fn unreached(report: &Report, s: &mut String) {
    let count = |f: fn(&CellOutcome) -> bool| report.matrix.iter().filter(|(_, o)| f(o)).count();
    // A case's origin (its second comment) names the events its path
    // avoids when it is not the shortest: `... avoiding close in
    // SYN-RECEIVED: scenario ...`.
    let mut around: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, o) in &report.matrix {
        if let CellOutcome::Ran(r) = o {
            let avoided = r.script.comments.get(1).and_then(|c| {
                let (_, rest) = c.split_once(" avoiding ")?;
                Some(rest.split_once(": ").map_or(rest, |(events, _)| events))
            });
            if let Some(events) = avoided {
                *around.entry(events).or_default() += 1;
            }
        }
    }
    let _ = writeln!(
        s,
        "matrix cells: {} tested, {} unreached, {} unproducible",
        count(|o| matches!(o, CellOutcome::Ran(_))),
        count(|o| matches!(o, CellOutcome::Unreached(_))),
        count(|o| matches!(o, CellOutcome::Unproducible(_))),
    );
    for (events, n) in around {
        let _ = writeln!(
            s,
            "  {n} tested on a model path avoiding {events} (the stack left the shortest there)"
        );
    }
    let mut reasons: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (name, b) in report.unreached() {
        reasons.entry(&b.reason).or_default().push(name);
    }
    for (reason, names) in reasons {
        let _ = writeln!(
            s,
            "  unreached: {} case(s), e.g. {}; blocked by {reason}",
            names.len(),
            names[0]
        );
    }
}

/// A matrix cell in JSON.
#[derive(Serialize)]
struct JsonCell {
    state: &'static str,
    event: String,
    position: Option<String>,
    result: &'static str,
    why: Option<String>,
}

/// The JSON report.
#[derive(Serialize)]
struct Json<'a> {
    stack: &'a str,
    profile: &'a str,
    seed: u64,
    cases: u64,
    passes: bool,
    grades: BTreeMap<&'static str, usize>,
    by_requirement: Vec<JsonGroup>,
    deviations: Vec<JsonDeviation<'a>>,
    baseline: Option<&'a Comparison>,
    accepted: Vec<&'a String>,
    elapsed_s: f64,
    matrix: Vec<JsonCell>,
    figure_5: Vec<(&'a str, bool)>,
    off_diagram: Vec<(&'a str, bool)>,
    unreached: Vec<JsonUnreached>,
    random_cases: u64,
    skipped: Vec<JsonSkipped<'a>>,
    /// Why the run stopped before every case ran; null if it did not.
    stopped: Option<&'a str>,
    /// Cases not run because it stopped.
    not_run: u64,
}

/// Deviations of one grade resting on one requirement.
#[derive(Serialize)]
struct JsonGroup {
    grade: Grade,
    requirement: String,
    cases: usize,
    signatures: Vec<String>,
}

/// A deviation in JSON, with its signature.
#[derive(Serialize)]
struct JsonDeviation<'a> {
    signature: String,
    requirements: Vec<String>,
    #[serde(flatten)]
    deviation: &'a crate::Deviation,
}

/// A cell or transition no model path led the stack to, in JSON.
#[derive(Serialize)]
struct JsonUnreached {
    case: String,
    why: String,
    paths_tried: usize,
}

/// A case the stack skipped, in JSON.
#[derive(Serialize)]
struct JsonSkipped<'a> {
    case: &'a str,
    why: &'a str,
}

/// The JSON report: `cases`, `passes` (the exit status's verdict),
/// `grades` (count by grade), `by_requirement`, `deviations` (each with
/// `signature`, `grade`, `rests_on`, `requirements`, `known`, `rule`,
/// `state`, `event`, `expected`, `observed`, `reproducer`), `baseline`
/// (`new`, `gone`), `accepted`, the matrix cell by cell (`result`
/// `unreached` with `why` when no model path led the stack there),
/// `figure_5`, `off_diagram` (the transitions §3.10 makes off Figure 5),
/// `unreached` (cells and transitions, with what blocks them),
/// `skipped`, and `stopped` (why the run stopped early, or null) with
/// `not_run`.
pub fn json(report: &Report, baseline: Option<&Comparison>) -> String {
    let matrix = report
        .matrix
        .iter()
        .map(|(cell, outcome)| JsonCell {
            state: cell.state.rfc_name(),
            event: cell.column.to_string(),
            position: cell.position.map(|p| p.to_string()),
            result: match outcome {
                CellOutcome::Ran(r) if r.is_skipped() => "skipped",
                CellOutcome::Ran(r) => match &r.deviation {
                    None => "pass",
                    Some(d) => d.grade.name(),
                },
                CellOutcome::Unproducible(_) => "unproducible",
                CellOutcome::Unreached(_) => "unreached",
                CellOutcome::NotRun => "not run",
            },
            why: match outcome {
                CellOutcome::Unproducible(why) => Some(why.to_string()),
                CellOutcome::Unreached(b) => Some(b.reason.clone()),
                CellOutcome::Ran(_) | CellOutcome::NotRun => None,
            },
        })
        .collect();
    let json = Json {
        stack: &report.stack,
        profile: &report.profile,
        seed: report.seed,
        cases: report.cases_run(),
        passes: report.passes(),
        grades: Grade::ALL
            .iter()
            .map(|g| (g.name(), report.graded(*g).len()))
            .collect(),
        by_requirement: by_requirement(report)
            .into_iter()
            .map(|((grade, requirement), (cases, signatures))| JsonGroup {
                grade,
                requirement,
                cases,
                signatures: signatures.into_iter().collect(),
            })
            .collect(),
        deviations: report
            .deviations()
            .into_iter()
            .map(|d| JsonDeviation {
                signature: d.signature(),
                requirements: d.requirements(),
                deviation: d,
            })
            .collect(),
        baseline,
        accepted: report.accepted(),
        elapsed_s: report.elapsed.as_secs_f64(),
        matrix,
        figure_5: report
            .transitions
            .iter()
            .map(|r| (r.name.as_str(), r.passed()))
            .collect(),
        off_diagram: report
            .off_diagram
            .iter()
            .map(|r| (r.name.as_str(), r.passed()))
            .collect(),
        unreached: report
            .unreached()
            .into_iter()
            .map(|(case, b)| JsonUnreached {
                case,
                why: b.reason.clone(),
                paths_tried: b.paths_tried,
            })
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
        stopped: report.stopped.as_deref(),
        not_run: report.not_run,
    };
    serde_json::to_string_pretty(&json).expect("a report serializes")
}
