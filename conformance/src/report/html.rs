//! The HTML report: one self-contained page (inline CSS, no script, no
//! external asset), for a browser or a CI artifact.
//!
//! A header with the stack, the profile, the seed and the verdict (PASS or
//! FAIL, as the exit status says); a summary by grade and by requirement;
//! the state × event table, each cell coloured by the worst verdict of its
//! cases *and* marked with a letter (F fail, N non-strict, I
//! informational, ✓ pass, – no peer can produce it, S skipped for time),
//! so colour is never the only sign; then every deviation, grouped by
//! grade and by kind (signature): the rules it rests on with their RFC
//! section, requirements, level and why, the expected and observed
//! segments side by side, and the reproducer with the `synack replay`
//! command that runs it. Known (baselined) deviations are marked.
//!
//! Every deviation case is one element of class `dev dev-<grade>`, every
//! kind one of class `kind kind-<grade>`, every table cell one of class
//! `cell cell-<verdict>`: tests count them in the browser's DOM.

use super::{by_requirement, escape, verdict};
use crate::baseline::Comparison;
use crate::deviation::{Deviation, Observation};
use crate::generate::matrix::Column;
use crate::grade::Grade;
use crate::suite::{CellOutcome, Report};
use std::collections::BTreeMap;
use std::fmt::Write;
use synack_model::State;

/// The page's style: system fonts, a readable width, grade colours.
const STYLE: &str = r#"
:root { --fail:#b3261e; --fail-bg:#fde2df; --ns:#8a5300; --ns-bg:#ffefc2; --info:#0b57a4; --info-bg:#dcebfb;
  --pass:#1e6b2e; --pass-bg:#dff3e2; --none:#6b6b6b; --none-bg:#efefef; --line:#d9dce1; --muted:#5b6270; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color: #1d2330; background: #f6f7f9; }
main { max-width: 1320px; margin: 0 auto; padding: 24px 28px 48px; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
h1 { font-size: 26px; margin: 0; font-weight: 650; }
h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 0; font-weight: 600; }
h4 { font-size: 12px; margin: 0 0 4px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.top { display: flex; justify-content: space-between; align-items: center; gap: 24px; background: #fff;
  border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px; }
.meta { margin: 4px 0 0; color: var(--muted); }
.meta b { color: #1d2330; font-weight: 600; }
.verdict { text-align: center; border-radius: 8px; padding: 8px 20px; font-size: 24px; font-weight: 750; letter-spacing: .06em; }
.verdict small { display: block; font-size: 12px; font-weight: 500; letter-spacing: 0; }
.verdict.pass { color: var(--pass); background: var(--pass-bg); border: 2px solid var(--pass); }
.verdict.fail { color: var(--fail); background: var(--fail-bg); border: 2px solid var(--fail); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; }
.card { background: #fff; border: 1px solid var(--line); border-left-width: 6px; border-radius: 8px; padding: 10px 14px; }
.card .n { font-size: 26px; font-weight: 700; line-height: 1.2; }
.card .l { color: var(--muted); font-size: 13px; }
.card.g-fail { border-left-color: var(--fail); } .card.g-non-strict { border-left-color: var(--ns); }
.card.g-informational { border-left-color: var(--info); } .card.g-other { border-left-color: var(--none); }
table { border-collapse: collapse; background: #fff; }
.reqs { width: 100%; margin-top: 14px; border: 1px solid var(--line); }
.reqs th, .reqs td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
.reqs thead th { background: #eef0f3; font-size: 13px; }
.reqs td.grade { white-space: nowrap; }
.reqs td.num { text-align: right; font-variant-numeric: tabular-nums; }
.reqs td.sigs { color: var(--muted); font-size: 13px; }
.scroll { overflow-x: auto; }
.matrix { width: 100%; border: 1px solid var(--line); font-size: 13px; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: 4px 6px; text-align: center; min-width: 52px; }
.matrix thead th { background: #eef0f3; font-weight: 600; white-space: nowrap; }
.matrix tbody th { text-align: left; background: #eef0f3; white-space: nowrap; font-weight: 600; }
.cell { font-weight: 700; font-variant-numeric: tabular-nums; }
.cell-fail { color: var(--fail); background: var(--fail-bg); }
.cell-non-strict { color: var(--ns); background: var(--ns-bg); }
.cell-informational { color: var(--info); background: var(--info-bg); }
.cell-pass { color: var(--pass); background: var(--pass-bg); }
.cell-unproducible { color: var(--none); background: var(--none-bg); font-weight: 400; }
.cell-skipped { color: var(--none); background: repeating-linear-gradient(45deg, #eee, #eee 4px, #dcdcdc 4px, #dcdcdc 8px); }
.legend { display: flex; flex-wrap: wrap; gap: 8px 16px; margin: 10px 0 0; padding: 0; list-style: none; font-size: 13px; color: var(--muted); }
.legend .cell { display: inline-block; min-width: 28px; padding: 0 6px; text-align: center; border: 1px solid var(--line); margin-right: 4px; }
.paths { margin: 12px 0 0; color: var(--muted); }
.kind { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--none); border-radius: 8px; padding: 12px 16px; margin: 12px 0; }
.kind-fail { border-left-color: var(--fail); } .kind-non-strict { border-left-color: var(--ns); } .kind-informational { border-left-color: var(--info); }
.kind > header { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
.badge { display: inline-block; min-width: 24px; text-align: center; border-radius: 4px; font-weight: 700; font-size: 13px; padding: 0 6px; }
.badge.g-fail { color: #fff; background: var(--fail); } .badge.g-non-strict { color: #fff; background: var(--ns); }
.badge.g-informational { color: #fff; background: var(--info); }
.tag { font-size: 12px; border-radius: 10px; padding: 0 8px; border: 1px solid var(--line); color: var(--muted); }
.tag.known { border-color: var(--none); background: var(--none-bg); color: #333; }
.tag.new { border-color: var(--fail); color: var(--fail); font-weight: 600; }
.count { margin-left: auto; color: var(--muted); font-size: 13px; }
.basis { margin: 8px 0; padding: 0; list-style: none; }
.basis li { margin: 4px 0; }
.basis .says { color: var(--muted); font-style: italic; }
.req { display: inline-block; font-size: 12px; border-radius: 4px; padding: 0 5px; background: #eef0f3; margin-right: 3px; }
.req.MUST { background: var(--fail-bg); color: var(--fail); } .req.SHOULD { background: var(--ns-bg); color: var(--ns); }
.req.MAY { background: var(--info-bg); color: var(--info); }
.where { margin: 6px 0; color: var(--muted); }
.where code { color: #1d2330; }
.cmp { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin: 8px 0; }
.cmp pre { margin: 0; padding: 8px 10px; border-radius: 6px; white-space: pre-wrap; word-break: break-word; min-height: 2.6em; }
.cmp .expected pre { background: var(--pass-bg); } .cmp .observed pre { background: var(--fail-bg); }
details { margin: 6px 0; }
summary { cursor: pointer; color: var(--muted); font-size: 13px; }
pre.repro { background: #1f2430; color: #e8eaf0; padding: 10px 12px; border-radius: 6px; overflow-x: auto; margin: 6px 0; }
.cases { margin: 4px 0 0; padding-left: 20px; font-size: 13px; color: var(--muted); columns: 2; }
.other { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; }
.other li { font-size: 13px; }
@media (max-width: 800px) { .cmp { grid-template-columns: 1fr; } .cases { columns: 1; } }
"#;

/// Cases of a kind listed in sight; the others are folded.
const CASES_SHOWN: usize = 6;

/// A grade's CSS class suffix and letter.
fn mark(grade: Grade) -> (&'static str, &'static str) {
    match grade {
        Grade::Fail => ("fail", "F"),
        Grade::NonStrict => ("non-strict", "N"),
        Grade::Informational => ("informational", "I"),
    }
}

/// A requirement's level, from its ID (`MUST-13`, `SHLD-31`, `MAY-2`).
fn level(id: &str) -> &'static str {
    match id.split('-').next() {
        Some("MUST") => "MUST",
        Some("SHLD") => "SHOULD",
        Some("MAY") => "MAY",
        _ if id.starts_with("MUST") => "MUST",
        _ => "text",
    }
}

/// An observation, one fact a line: the state, the call's result, a note,
/// the segments.
fn observation(o: &Observation) -> String {
    let mut lines = Vec::new();
    if let Some(note) = &o.note {
        lines.push(note.clone());
    }
    if let Some(state) = &o.state {
        lines.push(format!("state {state}"));
    }
    if let Some(call) = &o.call {
        lines.push(format!("call  {call}"));
    }
    if o.segments.is_empty() {
        if o.note.is_none() {
            lines.push("(sends nothing)".into());
        }
    } else {
        lines.extend(o.segments.iter().cloned());
    }
    escape(&lines.join("\n"))
}

/// One state × column cell of the table: class, letter and count, title.
fn cell(report: &Report, state: State, column: Column) -> (&'static str, String, String) {
    let (mut ran, mut skipped, mut passed, mut unproducible) = (0, 0, 0, 0);
    let (mut not_run, mut unreached) = (0, 0);
    let mut worst: Option<Grade> = None;
    let mut deviating = 0;
    for (_, outcome) in report
        .matrix
        .iter()
        .filter(|(c, _)| c.state == state && c.column == column)
    {
        match outcome {
            CellOutcome::Unproducible(_) => unproducible += 1,
            CellOutcome::NotRun => not_run += 1,
            CellOutcome::Unreached(_) => unreached += 1,
            CellOutcome::Ran(r) => {
                ran += 1;
                if r.is_skipped() {
                    skipped += 1;
                } else if let Some(d) = &r.deviation {
                    deviating += 1;
                    worst = Some(worst.map_or(d.grade, |w| w.min(d.grade)));
                } else {
                    passed += 1;
                }
            }
        }
    }
    let title = format!(
        "{} × {column}: {ran} case(s) run: {passed} passed, {deviating} deviated, {skipped} skipped; {unreached} unreached; {unproducible} unproducible; {not_run} not run (the run stopped)",
        state.rfc_name()
    );
    match worst {
        Some(g) => {
            let (class, letter) = mark(g);
            (class, format!("{letter}{deviating}"), title)
        }
        None if passed > 0 => ("pass", "✓".into(), title),
        None if skipped > 0 => ("skipped", "S".into(), title),
        None if unreached > 0 => ("skipped", "U".into(), title),
        None if not_run > 0 => ("skipped", "·".into(), title),
        None => ("unproducible", "–".into(), title),
    }
}

/// The state × event table.
fn table(report: &Report, s: &mut String) {
    let columns = Column::all();
    s.push_str("<div class=\"scroll\"><table class=\"matrix\">\n<caption class=\"paths\" style=\"caption-side:bottom;text-align:left\">Each cell: the worst verdict of the cases at that state and event (all positions of the segment); the number counts its deviating cases. Hover for details.</caption>\n<thead><tr><th scope=\"col\">state \\ event</th>");
    for c in &columns {
        let _ = write!(s, "<th scope=\"col\">{}</th>", escape(&c.to_string()));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for state in State::ALL {
        let _ = write!(s, "<tr><th scope=\"row\">{}</th>", state.rfc_name());
        for column in &columns {
            let (class, text, title) = cell(report, state, *column);
            let _ = write!(
                s,
                "<td class=\"cell cell-{class}\" title=\"{}\">{}</td>",
                escape(&title),
                escape(&text)
            );
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table></div>\n");
    s.push_str(concat!(
        "<ul class=\"legend\" aria-label=\"legend\">",
        "<li><span class=\"cell cell-fail\">F</span>fail (a MUST, or shown by the model)</li>",
        "<li><span class=\"cell cell-non-strict\">N</span>non-strict (a SHOULD, or text)</li>",
        "<li><span class=\"cell cell-informational\">I</span>informational (a MAY, an interface choice)</li>",
        "<li><span class=\"cell cell-pass\">✓</span>every case passed</li>",
        "<li><span class=\"cell cell-skipped\">S</span>skipped for time</li>",
        "<li><span class=\"cell cell-unproducible\">–</span>no peer can produce it</li>",
        "</ul>\n"
    ));
}

/// A summary card.
fn card(s: &mut String, class: &str, n: usize, label: &str) {
    let _ = write!(
        s,
        "<div class=\"card {class}\"><div class=\"n\">{n}</div><div class=\"l\">{}</div></div>",
        escape(label)
    );
}

/// The deviations of one kind (same signature): the first in full, the
/// others by case name.
fn kind(s: &mut String, stack: &str, group: &[&Deviation], new: bool) {
    let d = group[0];
    let (class, letter) = mark(d.grade);
    let _ = write!(
        s,
        "<article class=\"kind kind-{class}\">\n<header><span class=\"badge g-{class}\" title=\"{}\">{letter}</span><h3><code>{}</code></h3>",
        d.grade,
        escape(&d.signature())
    );
    let known = group.iter().filter(|d| d.known).count();
    if known > 0 {
        let _ = write!(
            s,
            "<span class=\"tag known\">known: in the baseline{}</span>",
            if known < group.len() {
                format!(" ({known} of {})", group.len())
            } else {
                String::new()
            }
        );
    }
    if new {
        s.push_str("<span class=\"tag new\">new: not in the baseline</span>");
    }
    let _ = writeln!(
        s,
        "<span class=\"count\">{} case(s)</span></header>",
        group.len()
    );
    s.push_str("<ul class=\"basis\">");
    if d.rests_on.is_empty() {
        let _ = write!(
            s,
            "<li><b>{}</b>: {}</li>",
            escape(d.failure.name()),
            escape(&d.rule)
        );
    }
    for b in &d.rests_on {
        let reqs: String = if b.requirements.is_empty() {
            "<span class=\"req\">no numbered requirement</span>".into()
        } else {
            b.requirements
                .iter()
                .map(|r| {
                    format!(
                        "<span class=\"req {}\" title=\"level {}\">{} ({})</span>",
                        r.level,
                        r.level,
                        escape(&r.id),
                        r.level
                    )
                })
                .collect()
        };
        let (bclass, bletter) = mark(b.grade);
        let _ = write!(
            s,
            "<li><span class=\"badge g-{bclass}\" title=\"{}\">{bletter}</span> <b class=\"mono\">{}</b> — RFC 9293 §{} — {reqs} — {}<br><span class=\"says\">{}</span></li>",
            b.grade,
            escape(&b.rule),
            escape(b.section.trim_start_matches('§')),
            escape(&b.why),
            escape(&b.says)
        );
    }
    s.push_str("</ul>\n");
    let _ = writeln!(
        s,
        "<p class=\"where\">In <code>{}</code> on <code>{}</code> (case {}; rule: {})</p>",
        escape(&d.state),
        escape(&d.event),
        escape(&d.case),
        escape(&d.rule)
    );
    let _ = writeln!(
        s,
        "<div class=\"cmp\"><div class=\"expected\"><h4>expected (the endpoint)</h4><pre>{}</pre></div><div class=\"observed\"><h4>observed ({})</h4><pre>{}</pre></div></div>",
        observation(&d.expected),
        escape(stack),
        observation(&d.observed)
    );
    let open = if d.grade == Grade::Fail { " open" } else { "" };
    let _ = writeln!(
        s,
        "<details{open}><summary>reproducer: copy and paste to replay</summary><pre class=\"repro\">cat &gt; case.synack &lt;&lt;'EOF'\n{}EOF\nsynack replay case.synack --stack {}</pre></details>",
        escape(&ensure_newline(&d.reproducer)),
        escape(stack)
    );
    // The cases of this kind: a few in sight, the rest folded.
    let item = |d: &Deviation| {
        format!(
            "<li class=\"dev dev-{class}\">{}{}</li>",
            escape(&d.case),
            if d.known { " (known)" } else { "" }
        )
    };
    let (shown, folded) = group.split_at(group.len().min(CASES_SHOWN));
    s.push_str("<ul class=\"cases\">");
    for d in shown {
        s.push_str(&item(d));
    }
    s.push_str("</ul>\n");
    if !folded.is_empty() {
        let _ = write!(
            s,
            "<details><summary>{} more case(s) of this kind</summary><ul class=\"cases\">",
            folded.len()
        );
        for d in folded {
            s.push_str(&item(d));
        }
        s.push_str("</ul></details>\n");
    }
    s.push_str("</article>\n");
}

fn ensure_newline(text: &str) -> String {
    if text.ends_with('\n') {
        text.to_string()
    } else {
        format!("{text}\n")
    }
}

/// The HTML report; see the module documentation.
pub fn html(report: &Report, baseline: Option<&Comparison>) -> String {
    let deviations = report.deviations();
    let passes = report.passes();
    let word = if passes { "PASS" } else { "FAIL" };
    let stack = escape(&report.stack);
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>synack conform: {stack}: {word}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
    );
    let _ = writeln!(
        s,
        "<header class=\"top\"><div><h1>synack conform: <span class=\"mono\" style=\"font-size:24px\">{stack}</span></h1><p class=\"meta\">profile <b>{}</b> · seed <b>{}</b> · <b>{}</b> cases run ({} random scripts) · <b>{:.2}</b> s · checked against RFC 9293's model-checked endpoint</p></div><div class=\"verdict {}\" role=\"status\">{word}<small>{}</small></div></header>",
        escape(&report.profile),
        report.seed,
        report.cases_run(),
        report.random.cases_run,
        report.elapsed.as_secs_f64(),
        word.to_lowercase(),
        escape(verdict(report).split_once(": ").map_or("", |(_, why)| why))
    );

    // Summary.
    s.push_str("<section aria-labelledby=\"summary\"><h2 id=\"summary\">Summary</h2>\n<div class=\"cards\">");
    let mut kinds: BTreeMap<(Grade, String), Vec<&Deviation>> = BTreeMap::new();
    for d in &deviations {
        kinds.entry((d.grade, d.signature())).or_default().push(d);
    }
    for grade in Grade::ALL {
        let (class, letter) = mark(grade);
        let n = deviations.iter().filter(|d| d.grade == grade).count();
        let k = kinds.keys().filter(|(g, _)| *g == grade).count();
        card(
            &mut s,
            &format!("g-{class}"),
            n,
            &format!("{grade} case(s) ({letter}), {k} kind(s)"),
        );
    }
    let known = deviations.iter().filter(|d| d.known).count();
    card(&mut s, "g-other", known, "known (in the baseline)");
    card(
        &mut s,
        "g-other",
        report.accepted().len(),
        "accepted (RFC 9293 permits it)",
    );
    card(
        &mut s,
        "g-other",
        report.skipped().len(),
        "skipped for time",
    );
    s.push_str("</div>\n");
    let groups = by_requirement(report);
    if !groups.is_empty() {
        s.push_str("<table class=\"reqs\"><caption class=\"paths\" style=\"caption-side:top;text-align:left;margin:0 0 6px\">Deviations by grade and requirement (RFC 9293 Appendix B)</caption><thead><tr><th scope=\"col\">grade</th><th scope=\"col\">requirement</th><th scope=\"col\">level</th><th scope=\"col\">cases</th><th scope=\"col\">kinds</th><th scope=\"col\">signatures</th></tr></thead><tbody>\n");
        for ((grade, req), (count, signatures)) in &groups {
            let (class, letter) = mark(*grade);
            let mut some: Vec<String> = signatures.iter().take(3).map(|s| escape(s)).collect();
            if signatures.len() > 3 {
                some.push(format!("… {} more", signatures.len() - 3));
            }
            let _ = writeln!(
                s,
                "<tr><td class=\"grade\"><span class=\"badge g-{class}\">{letter}</span> {grade}</td><td class=\"mono\">{}</td><td>{}</td><td class=\"num\">{count}</td><td class=\"num\">{}</td><td class=\"sigs\">{}</td></tr>",
                escape(req),
                level(req),
                signatures.len(),
                some.join("; ")
            );
        }
        s.push_str("</tbody></table>\n");
    }
    s.push_str("</section>\n");

    // The table.
    s.push_str("<section aria-labelledby=\"matrix\"><h2 id=\"matrix\">States × events</h2>\n");
    table(report, &mut s);
    let passed = report.transitions.iter().filter(|r| r.passed()).count();
    let off_passed = report.off_diagram.iter().filter(|r| r.passed()).count();
    let failing: Vec<String> = report
        .transitions
        .iter()
        .chain(&report.off_diagram)
        .filter(|r| !r.passed())
        .map(|r| format!("<code>{}</code>", escape(&r.name)))
        .collect();
    let _ = writeln!(
        s,
        "<p class=\"paths\">Figure 5 transitions: <b>{passed}/{}</b> pass; transitions off Figure 5 (§3.10): <b>{off_passed}/{}</b> pass{}. Extra cases of the stack: {} ({} pass). Random scripts: {} run from seed {}, {}.</p>",
        report.transitions.len(),
        report.off_diagram.len(),
        if failing.is_empty() {
            String::new()
        } else {
            format!(" (deviating: {})", failing.join(", "))
        },
        report.extra.len(),
        report.extra.iter().filter(|r| r.passed()).count(),
        report.random.cases_run,
        report.seed,
        match &report.random.failure {
            Some(r) if !r.passed() => "a fail (shrunk, listed below)",
            _ => "no fail",
        }
    );
    s.push_str("</section>\n");

    // The deviations.
    let new: std::collections::BTreeSet<&str> = baseline
        .map(|c| c.new.iter().map(String::as_str).collect())
        .unwrap_or_default();
    for grade in Grade::ALL {
        let group: Vec<_> = kinds.iter().filter(|((g, _), _)| *g == grade).collect();
        if group.is_empty() {
            continue;
        }
        let (class, letter) = mark(grade);
        let n: usize = group.iter().map(|(_, v)| v.len()).sum();
        let _ = writeln!(
            s,
            "<section aria-labelledby=\"g-{class}\"><h2 id=\"g-{class}\"><span class=\"badge g-{class}\">{letter}</span> {} deviations: {} kind(s), {n} case(s)</h2>",
            match grade {
                Grade::Fail => "Fail",
                Grade::NonStrict => "Non-strict",
                Grade::Informational => "Informational",
            },
            group.len()
        );
        for ((_, signature), ds) in group {
            kind(&mut s, &report.stack, ds, new.contains(signature.as_str()));
        }
        s.push_str("</section>\n");
    }

    // The baseline's news, what was accepted, what was skipped.
    if let Some(c) = baseline {
        let _ = write!(
            s,
            "<section aria-labelledby=\"baseline\"><h2 id=\"baseline\">Baseline</h2><div class=\"other\"><p>{known} deviation(s) known; {} new kind(s), {} no longer seen.</p><ul>",
            c.new.len(),
            c.gone.len()
        );
        for sig in &c.new {
            let _ = write!(s, "<li>new: <code>{}</code></li>", escape(sig));
        }
        for sig in &c.gone {
            let _ = write!(s, "<li>gone: <code>{}</code></li>", escape(sig));
        }
        s.push_str("</ul></div></section>\n");
    }
    let accepted = report.accepted();
    let skipped = report.skipped();
    if !accepted.is_empty() || !skipped.is_empty() {
        s.push_str("<section aria-labelledby=\"other\"><h2 id=\"other\">Accepted and skipped</h2><div class=\"other\">");
        if !accepted.is_empty() {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for a in &accepted {
                let why = a.split_once(": ").map_or(a.as_str(), |(_, why)| why);
                *counts.entry(why).or_default() += 1;
            }
            let _ = write!(
                s,
                "<details><summary>{} difference(s) accepted: RFC 9293 permits them</summary><ul>",
                accepted.len()
            );
            for (why, n) in counts {
                let _ = write!(s, "<li>{n} × {}</li>", escape(why));
            }
            s.push_str("</ul></details>");
        }
        if !skipped.is_empty() {
            let _ = write!(
                s,
                "<details><summary>{} case(s) skipped for time</summary><ul>",
                skipped.len()
            );
            for r in skipped {
                let _ = write!(
                    s,
                    "<li>{}: {}</li>",
                    escape(&r.name),
                    escape(r.skipped.as_deref().unwrap_or(""))
                );
            }
            s.push_str("</ul></details>");
        }
        s.push_str("</div></section>\n");
    }
    s.push_str("</main>\n</body>\n</html>\n");
    s
}
