//! A stack that panics, hangs or emits garbage fails its case with a clear
//! message; the harness neither crashes nor waits forever, and goes on.

use std::time::{Duration, Instant};
use synack_conformance::generate::matrix::{matrix, Entry};
use synack_conformance::run::run_case;
use synack_conformance::stacks::faulty::by_name;
use synack_conformance::suite::{self, Options};
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
