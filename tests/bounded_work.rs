//! Bounds on a check's work (issue 17): exploration stops cleanly, a
//! counterexample found before the bound is still a proof (and still the
//! shortest), and nothing the bound left unexplored is reported as holding.

mod common;

use common::{model, property, run, small};
use stateright::Expectation;
use synack_model::check::{self, Options, Report, Stop, Verdict};
use synack_model::model::Tcp;

/// peer-crash without keep-alive: `no-deadlock` is violated (a half-open
/// connection), the rest holds.
fn half_open() -> Tcp {
    let mut m = model("peer-crash", small());
    m.configs[1].keepalive = None;
    m
}

fn bounded(m: &Tcp, options: Options) -> Report<Tcp> {
    check::check(m, &options, &mut |_| {})
}

/// No property of an incomplete report is said to hold, or to be
/// unreached: absence is only proven on the whole space.
fn nothing_proven_absent(r: &Report<Tcp>) {
    assert!(!r.complete);
    for p in &r.properties {
        let v = p.verdict(r.complete);
        assert!(
            !matches!(v, Verdict::Holds | Verdict::Unreached),
            "{}: {v}",
            p.name
        );
        if p.expectation != Expectation::Sometimes && v == Verdict::Undecided {
            assert!(p.holds, "undecided means no counterexample found");
        }
    }
}

#[test]
fn max_depth_keeps_shortest_counterexamples_within_it_and_decides_nothing_beyond() {
    let m = half_open();
    let full = run(&m);
    let deadlock = property(&full, "no-deadlock");
    assert_eq!(deadlock.verdict(full.complete), Verdict::Violated);
    let len = deadlock.trace.as_ref().unwrap().steps.len();

    // Deep enough for the counterexample: found, and as short as in full.
    let deep = bounded(
        &m,
        Options {
            threads: 2,
            max_depth: Some(len + 1),
            ..Options::default()
        },
    );
    assert_eq!(deep.stopped, Some(Stop::MaxDepth));
    assert_eq!(deep.max_depth, len + 1, "states that deep are checked");
    nothing_proven_absent(&deep);
    let found = property(&deep, "no-deadlock");
    assert_eq!(found.verdict(deep.complete), Verdict::Violated);
    assert_eq!(found.trace.as_ref().unwrap().steps.len(), len);

    // Too shallow: undecided, not "holds".
    let shallow = bounded(
        &m,
        Options {
            threads: 2,
            max_depth: Some(len - 1),
            ..Options::default()
        },
    );
    nothing_proven_absent(&shallow);
    let p = property(&shallow, "no-deadlock");
    assert_eq!(p.verdict(shallow.complete), Verdict::Undecided);
}

#[test]
fn max_states_stops_with_undecided_verdicts() {
    let m = half_open();
    let r = bounded(
        &m,
        Options {
            threads: 2,
            max_states: Some(500),
            ..Options::default()
        },
    );
    assert_eq!(r.stopped, Some(Stop::MaxStates));
    assert!(
        (500..600).contains(&r.distinct_states),
        "{}",
        r.distinct_states
    );
    nothing_proven_absent(&r);
}

#[test]
fn a_complete_check_decides_every_property() {
    let r = run(&model("client-server", small()));
    assert!(r.complete && r.stopped.is_none());
    for p in &r.properties {
        let v = p.verdict(true);
        assert!(v.is_proven(), "{}: {v}", p.name);
    }
}
