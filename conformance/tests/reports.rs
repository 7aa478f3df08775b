//! The JUnit and HTML reports: the JUnit XML parsed by a real XML parser
//! and counted against the report (the reference stack, a mutant, smoltcp
//! with and without its baseline); the HTML page loaded by a real browser
//! (headless Chromium) and its DOM counted against the report.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use synack_conformance::baseline::{compare, Baseline, Comparison};
use synack_conformance::generate::matrix::Column;
use synack_conformance::grade::Grade;
use synack_conformance::report;
use synack_conformance::suite::{self, Options, Report};
use synack_conformance::{stacks, Profile};
use synack_model::State;

/// The suite against a built-in stack, with its own profile and extra
/// cases, and a baseline if given.
fn run(stack: &str, baseline: Option<Baseline>) -> Report {
    let make = stacks::by_name(stack).expect("a built-in stack");
    #[cfg(feature = "smoltcp")]
    let profile = if stack == "smoltcp" {
        stacks::smoltcp::profile::profile()
    } else {
        Profile::strict()
    };
    #[cfg(not(feature = "smoltcp"))]
    let profile = Profile::strict();
    // With a baseline, the run it was written from (the CLI's defaults);
    // without, a quicker one.
    let (random_cases, seed) = if baseline.is_some() { (64, 0) } else { (16, 1) };
    let options = Options {
        profile,
        random_cases,
        seed,
        baseline,
        ..Options::default()
    };
    suite::run(stack, &make, &options, &mut |_| {})
}

/// Check the JUnit XML of `report` against it; returns the failures.
fn check_junit(report: &Report, comparison: Option<&Comparison>) -> usize {
    let xml = report::junit(report, comparison);
    let doc = roxmltree::Document::parse(&xml)
        .unwrap_or_else(|e| panic!("the JUnit report is XML: {e}\n{xml}"));
    let suites: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 1, "one testsuite");
    let suite = suites[0];
    assert_eq!(suite.attribute("name"), Some(report.stack.as_str()));
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let failures: Vec<_> = cases
        .iter()
        .filter_map(|c| c.children().find(|n| n.has_tag_name("failure")))
        .collect();
    let skipped = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("skipped")))
        .count();
    // A testcase per case the report holds.
    assert_eq!(cases.len(), report.results().count(), "testcases");
    // Failures: fail and non-strict deviations outside the baseline.
    let expected_failures = report
        .deviations()
        .iter()
        .filter(|d| !d.known && d.grade != Grade::Informational)
        .count();
    assert_eq!(failures.len(), expected_failures, "failures");
    assert_eq!(skipped, report.skipped().len(), "skipped");
    let attr = |name: &str| -> usize {
        suite
            .attribute(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("testsuite has a numeric `{name}`"))
    };
    assert_eq!(attr("tests"), cases.len());
    assert_eq!(attr("failures"), failures.len());
    assert_eq!(attr("skipped"), skipped);
    assert_eq!(attr("errors"), 0);
    assert!(suite
        .attribute("time")
        .is_some_and(|t| t.parse::<f64>().is_ok()));
    for c in &cases {
        let class = c.attribute("classname").expect("a classname");
        assert!(
            class.starts_with(&format!("synack.{}.", report.stack)),
            "{class}"
        );
        assert!(c.attribute("name").is_some_and(|n| !n.is_empty()));
    }
    for f in &failures {
        let grade = f.attribute("type").expect("a type");
        assert!(grade == "fail" || grade == "non-strict", "{grade}");
        let message = f.attribute("message").expect("a message");
        assert!(message.contains(" × "), "a signature: {message}");
        let body = f.text().unwrap_or("");
        assert!(body.contains("reproducer:"), "{body}");
        assert!(body.contains("synack replay"), "{body}");
    }
    // Matrix cells are classed by state.
    let states: Vec<String> = State::ALL
        .iter()
        .map(|s| format!("synack.{}.{}", report.stack, s.rfc_name()))
        .collect();
    assert!(cases
        .iter()
        .any(|c| states.iter().any(|s| c.attribute("classname") == Some(s))));
    failures.len()
}

#[test]
fn junit_of_the_reference_stack_has_no_failure() {
    let report = run("reference", None);
    assert_eq!(check_junit(&report, None), 0);
}

#[test]
fn junit_of_a_mutant_has_its_failures() {
    let report = run("mutant:skips-time-wait", None);
    assert!(check_junit(&report, None) > 0);
}

#[cfg(feature = "smoltcp")]
fn smoltcp() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| run("smoltcp", None))
}

#[cfg(feature = "smoltcp")]
#[test]
fn junit_of_smoltcp_fails_on_its_fails_and_non_stricts() {
    let report = smoltcp();
    assert!(!report.graded(Grade::Fail).is_empty());
    assert!(!report.graded(Grade::NonStrict).is_empty());
    let failures = check_junit(report, None);
    assert_eq!(
        failures,
        report.graded(Grade::Fail).len() + report.graded(Grade::NonStrict).len()
    );
}

/// With its baseline every deviation of smoltcp is known: CI is green, and
/// each known one says so.
#[cfg(feature = "smoltcp")]
#[test]
fn junit_of_smoltcp_with_its_baseline_has_no_failure() {
    let baseline = Baseline::parse(include_str!("../baselines/smoltcp.baseline")).unwrap();
    let report = run("smoltcp", Some(baseline.clone()));
    let comparison = compare(&report, &baseline);
    assert_eq!(check_junit(&report, Some(&comparison)), 0);
    let xml = report::junit(&report, Some(&comparison));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let known = doc
        .descendants()
        .filter(|n| n.has_tag_name("system-out"))
        .filter(|n| n.text().is_some_and(|t| t.starts_with("known ")))
        .count();
    assert_eq!(
        known,
        report.deviations().iter().filter(|d| d.known).count()
    );
    assert!(known > 0);
}

#[test]
fn escaping_survives_a_real_parser() {
    let nasty = "a<b>&c\"d'e\u{1}f\u{7f}g\u{FFFE}h\ttab\nline ]]> × §";
    let xml = format!(
        "<x a=\"{}\">{}</x>",
        report::escape(nasty),
        report::escape(nasty)
    );
    let doc = roxmltree::Document::parse(&xml).expect("escaped text is XML");
    let x = doc.root_element();
    let expected = "a<b>&c\"d'e\u{FFFD}f\u{FFFD}g\u{FFFD}h\ttab\nline ]]> × §";
    assert_eq!(x.text(), Some(expected));
    // Attribute values are normalized (tab, newline as spaces) by XML itself.
    assert_eq!(
        x.attribute("a"),
        Some(expected.replace(['\t', '\n'], " ").as_str())
    );
}

#[test]
fn mutants_refuse_the_formats_of_conform() {
    use synack_conformance::cli::{self, Format, MutantsArgs};
    for format in [Format::Junit, Format::Html] {
        let code = cli::mutants(&MutantsArgs {
            format,
            cases: 0,
            quiet: true,
        });
        assert_eq!(code, std::process::ExitCode::from(2));
    }
}

// The HTML report in a real browser.

/// Chromium, if installed: `/usr/bin/chromium` or `chromium` on the PATH.
fn chromium() -> Option<PathBuf> {
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.exists() {
        return Some(fixed);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("chromium"))
        .find(|p| p.exists())
}

/// A fresh directory under the system's temporary one.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("synack-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Headless Chromium's serialized DOM of `file`, offline and with a fresh
/// profile; panics if it does not finish within two minutes.
fn dump_dom(chromium: &std::path::Path, file: &std::path::Path) -> String {
    let profile = temp_dir("chromium-profile");
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", file.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 2 minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let dom = reader.join().unwrap();
    let _ = std::fs::remove_dir_all(&profile);
    dom
}

#[cfg(feature = "smoltcp")]
#[test]
fn html_of_smoltcp_renders_in_a_browser() {
    let Some(chromium) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but chromium is not installed (.ci/run installs it)"
        );
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    };
    let report = smoltcp();
    let html = report::html(report, None);
    assert!(!html.contains("<script"), "no script");
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
    let dir = temp_dir("html");
    let file = dir.join("smoltcp.html");
    std::fs::write(&file, &html).unwrap();
    let dom = dump_dom(&chromium, &file);
    let _ = std::fs::remove_dir_all(&dir);
    let count = |needle: &str| dom.matches(needle).count();
    assert!(
        dom.contains("<table class=\"matrix\">"),
        "the browser's DOM has the table:\n{}",
        &dom[..dom.len().min(2000)]
    );
    // Every cell of the table, with a row header per state.
    assert_eq!(
        count("<td class=\"cell cell-"),
        State::ALL.len() * Column::all().len()
    );
    assert_eq!(count("<th scope=\"row\">"), State::ALL.len());
    // Every deviation, by grade; every kind, by grade.
    for grade in Grade::ALL {
        let class = match grade {
            Grade::Fail => "fail",
            Grade::NonStrict => "non-strict",
            Grade::Informational => "informational",
        };
        let deviations = report.graded(grade);
        assert_eq!(
            count(&format!("class=\"dev dev-{class}\"")),
            deviations.len(),
            "{grade} deviations"
        );
        let kinds: std::collections::BTreeSet<String> =
            deviations.iter().map(|d| d.signature()).collect();
        assert_eq!(
            count(&format!("class=\"kind kind-{class}\"")),
            kinds.len(),
            "{grade} kinds"
        );
    }
    // The verdict, as the exit status says.
    assert!(!report.passes());
    assert!(dom.contains("<div class=\"verdict fail\" role=\"status\">FAIL"));
    // Reproducers with the command that replays them.
    assert!(dom.contains("synack replay case.synack --stack smoltcp"));
}
