//! smoltcp against the endpoint (issue 5): the deviations the suite finds
//! are exactly those of its shipped baseline, its fails are the documented
//! ones, and the adapter really drives smoltcp.
#![cfg(feature = "smoltcp")]

mod common;

use std::collections::BTreeSet;
use std::time::Duration;
use synack_conformance::baseline::{compare, Baseline};
use synack_conformance::grade::Grade;
use synack_conformance::stacks::smoltcp::profile::profile;
use synack_conformance::stacks::smoltcp::Smoltcp;
use synack_conformance::suite::{self, CellOutcome, Options};
use synack_conformance::{factory, Call, Stack};
use synack_model::{Flags, Segment, SeqNum, State};

const REPORT: &str = include_str!("../../docs/stacks/smoltcp.md");

/// The shipped baseline: every deviation the suite finds in smoltcp.
const BASELINE: &str = include_str!("../baselines/smoltcp.baseline");

#[test]
fn smoltcp_deviates_exactly_as_its_baseline_says() {
    let baseline = Baseline::parse(BASELINE).expect("the baseline parses");
    let options = Options {
        profile: profile(),
        baseline: Some(baseline.clone()),
        ..Options::default()
    };
    let report = suite::run("smoltcp", &factory(Smoltcp::new), &options, &mut |_| {});
    let c = compare(&report, &baseline);
    assert!(
        c.is_exact(),
        "smoltcp's deviations changed: new {:#?}, no longer found {:#?}",
        c.new,
        c.gone
    );
    // Its known fails are all in the baseline, so the run passes; without
    // the baseline it would not.
    assert!(report.passes());
    let fails: BTreeSet<String> = report
        .graded(Grade::Fail)
        .iter()
        .map(|d| d.signature())
        .collect();
    assert_eq!(
        fails.into_iter().collect::<Vec<_>>(),
        [
            "close-syn-received SYN-RECEIVED × close",
            // A random script's (issue 18): challenge ACKs throttled.
            "syn-challenge-ack FIN-WAIT-1 × < SYN",
            // Text beyond the window taken, with its FIN (issue 18).
            "text ESTABLISHED × < FIN,ACK+text",
            "time-wait-lingers TIME-WAIT × connect",
            "time-wait-lingers TIME-WAIT × listen",
        ]
    );
    // Each fail is argued in the report.
    for sig in [
        "close-syn-received",
        "syn-challenge-ack",
        "time-wait-lingers",
    ] {
        assert!(
            REPORT.contains(sig),
            "{sig} is argued in docs/stacks/smoltcp.md"
        );
    }
    // What RFC 9293 permits (RFC 5961 off, RST with ACK) passes and is
    // reported as accepted, not hidden.
    assert!(!report.accepted().is_empty());
    assert!(report.cases_run() > 700, "the whole suite ran");
    // The paths around CLOSE in SYN-RECEIVED reach FIN-WAIT-1 and
    // TIME-WAIT: every cell of the shortest and aged rows tested. Only a
    // row of another history (issue 18) or a path off Figure 5 (issue
    // 14), which keep their own path, is left unreached where smoltcp
    // leaves that path, and says why.
    for (name, b) in report.unreached() {
        assert!(
            name.contains("(entered") || name.contains("(off Figure 5"),
            "{name}: {}",
            b.reason
        );
        assert!(!b.reason.is_empty(), "{name}");
    }
    assert!(report.matrix.iter().any(|(cell, outcome)| {
        cell.state == State::TimeWait
            && matches!(outcome, CellOutcome::Ran(r) if r.script.comments[1].contains("avoiding close in SYN-RECEIVED"))
    }));
}

/// A script run against smoltcp under its profile: the deviation, if any.
fn replay(text: &str) -> Option<String> {
    common::replay(
        text,
        &factory(Smoltcp::new),
        &profile(),
        Duration::from_secs(2),
    )
}

#[test]
fn a_whole_connection_conforms() {
    // Active open, text both ways, active close, TIME-WAIT expires after
    // smoltcp's 10 s (20 ticks): every segment as the endpoint sends it.
    // One octet a SEND: the endpoint's MSS is 1, smoltcp's at least 48.
    let script = "connect\n< SYN,ACK seq=0 ack=1 win=4\nsend 1\n< ACK seq=1 ack=2 win=4 len=1\n\
                  close\n< FIN,ACK seq=2 ack=3 win=4\nwait 20\n";
    assert_eq!(replay(script), None);
    let passive =
        "listen\n< SYN seq=0 win=4\n< ACK seq=1 ack=1 win=4\n< FIN,ACK seq=1 ack=1 win=4\n\
                   close\n< ACK seq=2 ack=2 win=4\n";
    assert_eq!(replay(passive), None);
}

#[test]
fn the_first_known_bug_replays() {
    // no-fin-in-syn-received: CLOSE in SYN-RECEIVED sends no FIN.
    let d = replay("listen\n< SYN seq=0 win=4\nclose\n").expect("a deviation");
    assert!(
        d.contains("expected: state FIN-WAIT-1; call ok; sends > FIN,ACK"),
        "{d}"
    );
}

#[test]
fn a_segment_smoltcp_cannot_parse_is_dropped_not_a_crash() {
    let mut stack = Smoltcp::new();
    stack.call(&Call::Listen).unwrap();
    let nonsense = Segment {
        flags: Flags::SYN | Flags::FIN | Flags::RST,
        seq: SeqNum(7),
        wnd: 4,
        ..Segment::default()
    };
    stack.inject(&nonsense);
    assert_eq!(stack.emitted(), Ok(Vec::new()));
    assert_eq!(stack.state(), Some(State::Listen));
}

#[test]
fn time_jumps_to_the_retransmission_deadline() {
    let mut stack = Smoltcp::new();
    stack.call(&Call::Connect).unwrap();
    let syn = stack.emitted().unwrap();
    assert_eq!(syn.len(), 1);
    assert!(syn[0].has(Flags::SYN));
    stack.advance(1); // 500 ms: before the 1 s RTO
    assert_eq!(stack.emitted(), Ok(Vec::new()));
    stack.advance(1);
    assert_eq!(stack.emitted(), Ok(syn), "the same SYN again after one RTO");
}

#[test]
fn the_second_retransmission_conforms_in_every_retransmitting_state() {
    // MUST-19 (RFC 6298 5.5): smoltcp doubles its RTO, as its profile
    // declares; after two timeouts in each state that retransmits, nothing
    // deviates. Paths avoid CLOSE in SYN-RECEIVED, smoltcp's known bug.
    use synack_conformance::generate::paths::{paths_avoiding, Avoid, EventKind};
    use synack_conformance::run::{run_case, Case, Step};
    let around = paths_avoiding(&Avoid::from([(
        State::SynReceived,
        EventKind::Call("close".into()),
    )]));
    for state in [
        State::SynSent,
        State::SynReceived,
        State::FinWait1,
        State::Closing,
        State::LastAck,
    ] {
        let path = &around.to_state[&state];
        let mut steps: Vec<Step> = path.lines.iter().cloned().map(Step::Line).collect();
        steps.extend([Step::Expire, Step::Expire]);
        let case = Case {
            name: format!("{state} × two timeouts"),
            origin: path.origin(),
            steps,
            transition: None,
        };
        let r = run_case(
            &case,
            &factory(Smoltcp::new),
            &profile(),
            Duration::from_secs(2),
        );
        assert!(
            r.passed(),
            "{state}: {}",
            r.deviation.map(|d| d.to_string()).unwrap_or_default()
        );
        // Two retransmissions were sent: the second after twice the RTO.
        let waits: Vec<String> = r
            .script
            .lines
            .iter()
            .rev()
            .take(2)
            .map(ToString::to_string)
            .collect();
        assert_eq!(waits, ["wait 4", "wait 2"], "{state}");
    }
}
