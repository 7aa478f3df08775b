//! The JUnit XML report, for CI (GitHub, GitLab and other JUnit readers).
//!
//! One `<testsuite>` named after the stack (inside a `<testsuites>` root,
//! which every reader accepts), with `tests`, `failures`, `errors` (always
//! 0), `skipped` and `time`, and `<properties>` naming the profile, the
//! seed, the random scripts run and the verdict. One `<testcase>` per case
//! the report holds: each matrix cell that ran (classname
//! `synack.<stack>.<STATE>`), each Figure 5 path (`synack.<stack>.figure5`),
//! each path through a transition off Figure 5 (`synack.<stack>.off-diagram`),
//! each of the stack's extra cases (`synack.<stack>.extra`), and each random
//! script the report keeps (`synack.<stack>.random`: the shrunk failure, the
//! first of each other kind, the skipped ones; random scripts that passed
//! are counted in the properties, not listed). The name is the case's name.
//!
//! * A **fail** or **non-strict** deviation is a `<failure>`: `type` its
//!   grade, `message` its signature and requirements, the body its full
//!   text with the reproducer and how to replay it.
//! * A **known** deviation (listed in the `--baseline` given) is *not* a
//!   failure: CI must be green on a stack whose deviations are all
//!   baselined, as the exit status is. Its testcase passes, with a
//!   `<system-out>` saying it is known and giving its full text; a new
//!   deviation, or one of a grade the baseline lists but that changed,
//!   still fails.
//! * An **informational** deviation passes, with a `<system-out>`.
//! * A case **skipped** for time is `<skipped message="why"/>`.
//!
//! So `failures` counts the fail and non-strict deviations outside the
//! baseline: a non-strict deviation fails the CI test (it should be
//! fixed or baselined) though it does not fail `synack conform`'s exit
//! status, which only fails outside the baseline do.

use super::escape;
use crate::baseline::Comparison;
use crate::deviation::Deviation;
use crate::grade::Grade;
use crate::run::CaseResult;
use crate::suite::{CellOutcome, Report};
use std::fmt::Write;

/// A case of the report and the group (the classname's last part) it
/// belongs to: a state's RFC name for matrix cells, else `figure5`,
/// `on-the-way` (a deviation met on a path to a cell), `extra` or `random`.
pub(crate) fn cases(report: &Report) -> Vec<(String, &CaseResult)> {
    let cells = report.matrix.iter().filter_map(|(cell, o)| match o {
        CellOutcome::Ran(r) => Some((cell.state.rfc_name().to_string(), &**r)),
        CellOutcome::Unproducible(_) | CellOutcome::NotRun | CellOutcome::Unreached(_) => None,
    });
    let random = report
        .random
        .failure
        .iter()
        .chain(&report.random.skipped)
        .chain(&report.random.tolerated);
    cells
        .chain(
            report
                .transitions
                .iter()
                .map(|r| ("figure5".to_string(), r)),
        )
        .chain(
            report
                .off_diagram
                .iter()
                .map(|r| ("off-diagram".to_string(), r)),
        )
        .chain(
            report
                .on_the_way
                .iter()
                .map(|r| ("on-the-way".to_string(), r)),
        )
        .chain(report.extra.iter().map(|r| ("extra".to_string(), r)))
        .chain(random.map(|r| ("random".to_string(), r)))
        .collect()
}

/// Whether a deviation is a `<failure>` in the JUnit report: a fail or a
/// non-strict deviation outside the baseline.
pub fn is_failure(d: &Deviation) -> bool {
    !d.known && matches!(d.grade, Grade::Fail | Grade::NonStrict)
}

/// A deviation's full text and how to replay it.
fn body(d: &Deviation, stack: &str) -> String {
    format!(
        "{d}\nreplay: save the reproducer above to a file, then run\n    synack replay FILE --stack {stack}\n"
    )
}

/// The JUnit XML report; see the module documentation.
pub fn junit(report: &Report, baseline: Option<&Comparison>) -> String {
    let cases = cases(report);
    let failures = cases
        .iter()
        .filter(|(_, r)| r.deviation.as_ref().is_some_and(is_failure))
        .count();
    let skipped = cases.iter().filter(|(_, r)| r.is_skipped()).count();
    // A run that stopped early is one error, a testcase of its own.
    let errors = usize::from(report.stopped.is_some());
    let tests = cases.len() + errors;
    let stack = escape(&report.stack);
    let time = format!("{:.3}", report.elapsed.as_secs_f64());
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<testsuites name=\"synack conform\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\" time=\"{time}\">",
    );
    let _ = writeln!(
        s,
        "  <testsuite name=\"{stack}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\" time=\"{time}\">",
    );
    let verdict = super::verdict(report);
    let mut properties = vec![
        ("profile", report.profile.clone()),
        ("seed", report.seed.to_string()),
        ("cases-run", report.cases_run().to_string()),
        ("random-scripts-run", report.random.cases_run.to_string()),
        ("verdict", verdict),
        ("cases-not-run", report.not_run.to_string()),
    ];
    if let Some(c) = baseline {
        properties.push(("baseline-new", c.new.join("; ")));
        properties.push(("baseline-gone", c.gone.join("; ")));
    }
    s.push_str("    <properties>\n");
    for (name, value) in properties {
        let _ = writeln!(
            s,
            "      <property name=\"{name}\" value=\"{}\"/>",
            escape(&value)
        );
    }
    s.push_str("    </properties>\n");
    if let Some(why) = &report.stopped {
        let _ = writeln!(
            s,
            "    <testcase classname=\"synack.{stack}.run\" name=\"every case runs\">\n      <error type=\"stopped\" message=\"{}\"/>\n    </testcase>",
            escape(&format!("the run stopped, {} case(s) not run: {why}", report.not_run))
        );
    }
    for (group, r) in &cases {
        let _ = write!(
            s,
            "    <testcase classname=\"synack.{stack}.{}\" name=\"{}\"",
            escape(group),
            escape(&r.name)
        );
        if let Some(why) = &r.skipped {
            let _ = writeln!(
                s,
                ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                escape(why)
            );
            continue;
        }
        let Some(d) = &r.deviation else {
            s.push_str("/>\n");
            continue;
        };
        s.push_str(">\n");
        let requirements = d.requirements().join(", ");
        if is_failure(d) {
            let _ = writeln!(
                s,
                "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                d.grade,
                escape(&format!("{} ({requirements})", d.signature())),
                escape(&body(d, &report.stack))
            );
        } else {
            let what = if d.known {
                format!(
                    "known {} deviation (in the baseline): {} ({requirements})",
                    d.grade,
                    d.signature()
                )
            } else {
                format!(
                    "informational deviation (permitted): {} ({requirements})",
                    d.signature()
                )
            };
            let _ = writeln!(
                s,
                "      <system-out>{}</system-out>",
                escape(&format!("{what}\n\n{}", body(d, &report.stack)))
            );
        }
        s.push_str("    </testcase>\n");
    }
    s.push_str("  </testsuite>\n</testsuites>\n");
    s
}
