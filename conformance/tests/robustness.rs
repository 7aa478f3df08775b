//! A stack that panics, hangs or emits garbage fails its case with a clear
//! message; the harness neither crashes nor waits forever, and goes on.

use std::time::{Duration, Instant};
use synack_conformance::generate::matrix::{matrix, Entry};
use synack_conformance::run::run_case;
use synack_conformance::stacks::faulty::by_name;
use synack_conformance::suite::{self, CellOutcome, Options};
use synack_conformance::{Failure, Profile};

/// The matrix case `LISTEN × SYN at left edge`: one segment arrives.
fn listen_syn() -> synack_conformance::run::Case {
    matrix()
        .into_iter()
        .find_map(|e| match e {
            Entry::Case(cell, case) if cell.to_string() == "LISTEN × SYN at left edge" => {
                Some(case)
            }
            _ => None,
        })
        .expect("the cell exists")
}

/// The deviation of `LISTEN × SYN` against the faulty stack `name`.
fn fail_listen_syn(name: &str, limit: Duration) -> synack_conformance::Deviation {
    let make = by_name(name).unwrap();
    let r = run_case(&listen_syn(), &make, &Profile::strict(), limit);
    r.deviation.expect("the case fails")
}

#[test]
fn a_panicking_stack_fails_its_case_with_the_panic_message() {
    let d = fail_listen_syn("panic", Duration::from_secs(2));
    assert_eq!(d.failure, Failure::Panic);
    assert_eq!(d.event, "< SYN seq=0 win=4");
    assert!(
        d.observed
            .to_string()
            .contains("panicked: faulty stack: index out of bounds"),
        "{d}"
    );
    assert!(
        d.reproducer.contains("listen\n< SYN seq=0 win=4\n"),
        "{}",
        d.reproducer
    );
}

#[test]
fn a_hanging_stack_fails_its_case_once_the_time_limit_passes() {
    let start = Instant::now();
    let d = fail_listen_syn("hang", Duration::from_millis(100));
    // A 100 ms limit; the bound is loose because CI machines are loaded
    // (2 cores shared with the compiler), but a harness that waited for the
    // hang would never finish.
    assert!(
        start.elapsed() < Duration::from_secs(15),
        "the harness did not wait forever"
    );
    assert_eq!(d.failure, Failure::Hang);
    assert_eq!(d.event, "< SYN seq=0 win=4", "the event it hung on");
    assert_eq!(d.state, "LISTEN");
    assert!(
        d.observed.to_string().contains("still running after 100ms"),
        "{d}"
    );
}

#[test]
fn garbage_on_the_wire_fails_with_the_decoder_error() {
    let d = fail_listen_syn("garbage", Duration::from_secs(2));
    assert_eq!(d.failure, Failure::Malformed);
    assert!(d.observed.to_string().contains("bad TCP checksum"), "{d}");
}

#[test]
fn a_whole_run_against_a_broken_stack_completes_and_reports_every_case() {
    let options = Options {
        random_cases: 2,
        time_limit: Duration::from_millis(20),
        ..Options::default()
    };
    for name in ["panic", "garbage"] {
        let report = suite::run(name, &by_name(name).unwrap(), &options, &mut |_| {});
        assert!(!report.conforms());
        assert!(
            report.cases_run() > 500,
            "{name}: the run went on after failures"
        );
    }
}

#[test]
fn a_run_against_a_stack_that_keeps_hanging_stops_and_never_passes() {
    let options = Options {
        random_cases: 8,
        time_limit: Duration::from_millis(20),
        max_hangs: 3,
        ..Options::default()
    };
    let report = suite::run("hang", &by_name("hang").unwrap(), &options, &mut |_| {});
    let why = report.stopped.as_deref().expect("the run stopped");
    assert!(why.contains("hung in 3 cases in a row"), "{why}");
    assert!(!report.passes() && !report.conforms());
    assert!(report.not_run > 500, "{}", report.not_run);
    let not_run = report
        .matrix
        .iter()
        .filter(|(_, o)| matches!(o, CellOutcome::NotRun))
        .count();
    assert!(not_run > 0);
    let text = synack_conformance::report::text(&report, None);
    assert!(text.contains(&format!("STOPPED: {why}")), "{text}");
    assert!(
        text.contains(&format!("{} not run", report.not_run)),
        "{text}"
    );
    // With no limit every case runs (a hang each: the limit is short).
    let options = Options {
        max_hangs: 0,
        time_limit: Duration::from_millis(5),
        ..options
    };
    let report = suite::run("hang", &by_name("hang").unwrap(), &options, &mut |_| {});
    assert!(report.stopped.is_none());
    assert_eq!(report.not_run, 0);
}

/// The reference stack, but one that would have to wait too long for any
/// wait of `MAX` ticks or more: it skips the case there.
struct Impatient {
    inner: synack_conformance::stacks::Reference,
    skipped: Option<String>,
}

const MAX: u32 = 2;

impl synack_conformance::Stack for Impatient {
    fn call(
        &mut self,
        call: &synack_conformance::Call,
    ) -> Result<(), synack_conformance::CallError> {
        self.inner.call(call)
    }
    fn inject(&mut self, segment: &synack_model::Segment) {
        self.inner.inject(segment)
    }
    fn advance(&mut self, ticks: synack_model::Ticks) {
        if ticks >= MAX {
            self.skipped = Some(format!("skipped for time: wait {ticks} ticks"));
        } else {
            self.inner.advance(ticks)
        }
    }
    fn emitted(&mut self) -> Result<Vec<synack_model::Segment>, synack_conformance::WireError> {
        self.inner.emitted()
    }
    fn state(&self) -> Option<synack_model::State> {
        self.inner.state()
    }
    fn skipped(&mut self) -> Option<String> {
        self.skipped.clone()
    }
}

fn impatient() -> synack_conformance::Factory {
    synack_conformance::factory(|| Impatient {
        inner: synack_conformance::stacks::Reference::new(),
        skipped: None,
    })
}

#[test]
fn a_case_the_stack_skips_is_skipped_neither_passed_nor_failed() {
    let script =
        synack_conformance::script::parse("connect\nwait 1\nwait 4\n< RST seq=0 ack=99 win=4\n")
            .unwrap();
    let case = synack_conformance::run::Case::from_script("waits", &script);
    let r = run_case(
        &case,
        &impatient(),
        &Profile::strict(),
        Duration::from_secs(2),
    );
    assert!(r.passed() && r.is_skipped(), "{r:?}");
    assert_eq!(r.skipped.as_deref(), Some("skipped for time: wait 4 ticks"));
    assert_eq!(r.script.lines.len(), 3, "stopped at the wait: {r:?}");

    let options = Options {
        random_cases: 8,
        ..Options::default()
    };
    let report = suite::run("impatient", &impatient(), &options, &mut |_| {});
    let skipped = report.skipped();
    assert!(!skipped.is_empty(), "some timer waits 2 ticks or more");
    assert!(report.conforms(), "skipping is not failing");
    let text = synack_conformance::report::text(&report, None);
    assert!(
        text.contains(&format!("\n{} skipped for time:\n", skipped.len())),
        "{text}"
    );
    for r in &skipped {
        assert!(text.contains(&format!("  {}: skipped for time: wait", r.name)));
    }
    let json: serde_json::Value =
        serde_json::from_str(&synack_conformance::report::json(&report, None)).unwrap();
    assert_eq!(json["skipped"].as_array().unwrap().len(), skipped.len());
    assert_eq!(json["skipped"][0]["case"], skipped[0].name.as_str());
}

// Issue 17, item 5: the progress bar counts the cases that run, not the
// matrix cells no peer can produce.
#[test]
fn progress_counts_the_cases_that_run() {
    let options = Options {
        random_cases: 4,
        ..Options::default()
    };
    let mut last = None;
    let report = suite::run(
        "reference",
        &synack_conformance::factory(synack_conformance::stacks::Reference::new),
        &options,
        &mut |p| last = Some(p),
    );
    let last = last.expect("progress was reported");
    assert_eq!(last.done, last.total);
    assert_eq!(last.total, report.cases_run());
}
