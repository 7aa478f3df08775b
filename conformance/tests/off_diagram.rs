//! The cases through the transitions Figure 5 does not draw: each the
//! reference (the endpoint itself) passes, the oracle taking the
//! transition; those no model path takes at the Figure 5 paths' bounds
//! listed, pinned; and every one of the 28 taken by some case of the
//! suite the reference passes. The paths come from a network that loses
//! nothing (the bounds of the Figure 5 paths), so no retry limit runs out
//! there and no RST meets LAST-ACK (in the model that takes a lost ACK:
//! `synack coverage` finds it in half-close).

use std::collections::BTreeSet;
use std::time::Duration;
use synack_conformance::generate::off_diagram::{cases, coverage, covered_by, missing};
use synack_conformance::run::run_case;
use synack_conformance::stacks::Reference;
use synack_conformance::suite::{self, Options};
use synack_conformance::{factory, Profile};
use synack_model::model::properties::OFF_DIAGRAM;

#[test]
fn the_reference_takes_every_off_diagram_path() {
    let cases = cases();
    // 12 model paths, and the two retry limits no continuation waits for.
    assert_eq!(cases.len(), 14, "off-diagram cases");
    let timed: Vec<&str> = cases
        .iter()
        .filter(|c| c.origin.contains("retransmission timeouts unanswered"))
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        timed,
        [
            "ESTABLISHED -> CLOSED on retry limit (off Figure 5: §3.8.3 R2)",
            "CLOSE-WAIT -> CLOSED on retry limit (off Figure 5: §3.8.3 R2)",
        ]
    );
    for case in &cases {
        let result = run_case(
            case,
            &factory(Reference::new),
            &Profile::default(),
            Duration::from_secs(5),
        );
        assert!(result.passed(), "{}: {:?}", case.name, result.deviation);
        assert!(!result.is_skipped(), "{}", case.name);
        // The last step is the transition, named with its step of §3.10.
        let (from, to) = case.transition.expect("its transition");
        assert_eq!(result.states.last(), Some(&to), "{}", case.name);
        assert!(case.name.contains("(off Figure 5: §3."), "{}", case.name);
        assert!(
            case.name.starts_with(&format!("{} -> {} on ", from, to)),
            "{}",
            case.name
        );
    }
}

#[test]
fn the_transitions_without_a_path_are_those_coverage_explains() {
    assert_eq!(
        missing(),
        [
            "CLOSE-WAIT -> CLOSED on RST",
            "CLOSING -> CLOSED on RST",
            "LAST-ACK -> CLOSED on RST",
            "FIN-WAIT-1 -> CLOSED on ABORT",
            "FIN-WAIT-2 -> CLOSED on ABORT",
            "CLOSING -> CLOSED on ABORT",
            "LAST-ACK -> CLOSED on ABORT",
            "TIME-WAIT -> CLOSED on ABORT",
            "SYN-SENT -> CLOSED on retry limit",
            "SYN-RECEIVED -> LISTEN on retry limit",
            "SYN-RECEIVED -> CLOSED on retry limit",
            "ESTABLISHED -> CLOSED on retry limit",
            "FIN-WAIT-1 -> CLOSED on retry limit",
            "CLOSE-WAIT -> CLOSED on retry limit",
            "CLOSING -> CLOSED on retry limit",
            "LAST-ACK -> CLOSED on retry limit",
        ]
    );
}

/// Every transition of §3.10 off Figure 5 is taken by some case of the
/// suite, and every such case passes against the reference: the oracle
/// checks the stack at that step.
#[test]
fn every_off_diagram_transition_is_taken_by_a_case_the_reference_passes() {
    let options = Options {
        random_cases: 0,
        ..Options::default()
    };
    let report = suite::run("reference", &factory(Reference::new), &options, &mut |_| {});
    assert!(report.conforms());
    assert_eq!(report.off_diagram.len(), cases().len());
    let passed: BTreeSet<&str> = report
        .results()
        .filter(|r| r.passed() && !r.is_skipped())
        .map(|r| r.name.as_str())
        .collect();
    let coverage = coverage();
    assert_eq!(coverage.len(), OFF_DIAGRAM.len());
    assert_eq!(coverage.len(), 28);
    for (transition, by) in &coverage {
        assert!(!by.is_empty(), "no case of the suite takes {transition}");
        for name in by {
            assert!(passed.contains(name.as_str()), "{transition}: {name}");
        }
    }
}

/// The coverage check has teeth: without the off-diagram cases two retry
/// limits are taken by no case; without the matrix's abort column and the
/// off-diagram ABORT paths, ABORT is taken only in ESTABLISHED, on the
/// way to the rows of CLOSED entered by a call.
#[test]
fn dropping_a_generator_leaves_transitions_uncovered() {
    let uncovered = |keep: &dyn Fn(&str) -> bool| -> Vec<&'static str> {
        let cases: Vec<_> = suite::cases()
            .into_iter()
            .filter(|c| keep(&c.name))
            .collect();
        covered_by(&cases)
            .into_iter()
            .filter(|(_, by)| by.is_empty())
            .map(|(t, _)| t)
            .collect()
    };
    assert!(uncovered(&|_| true).is_empty());
    assert_eq!(
        uncovered(&|name| !name.contains("(off Figure 5")),
        [
            "CLOSE-WAIT -> CLOSED on retry limit",
            "ESTABLISHED -> CLOSED on retry limit"
        ]
    );
    assert_eq!(
        uncovered(&|name| !name.ends_with("× abort") && !name.contains("on ABORT")),
        [
            "CLOSE-WAIT -> CLOSED on ABORT",
            "CLOSING -> CLOSED on ABORT",
            "FIN-WAIT-1 -> CLOSED on ABORT",
            "FIN-WAIT-2 -> CLOSED on ABORT",
            "LAST-ACK -> CLOSED on ABORT",
            "LISTEN -> CLOSED on ABORT",
            "SYN-RECEIVED -> CLOSED on ABORT",
            "SYN-SENT -> CLOSED on ABORT",
            "TIME-WAIT -> CLOSED on ABORT",
        ]
    );
}

/// The check has teeth: a case that claims a transition its path does not
/// take fails against the reference.
#[test]
fn a_path_that_misses_its_transition_fails() {
    let mut case = cases()
        .into_iter()
        .find(|c| c.name.starts_with("ESTABLISHED -> CLOSED on ABORT"))
        .expect("the case");
    case.transition = Some((
        synack_model::State::Established,
        synack_model::State::CloseWait,
    ));
    let result = run_case(
        &case,
        &factory(Reference::new),
        &Profile::default(),
        Duration::from_secs(5),
    );
    assert!(!result.passed(), "{}", case.name);
}

/// A stack that declares retransmission without end (smoltcp without a
/// user timeout, MUST-21) cannot take a retry limit: its cases are skipped
/// with that reason, neither a pass nor a harness failure.
#[cfg(feature = "smoltcp")]
#[test]
fn a_stack_without_a_retry_limit_skips_the_retry_limit_cases() {
    use synack_conformance::stacks::smoltcp::profile::profile;
    use synack_conformance::stacks::smoltcp::Smoltcp;
    let case = cases()
        .into_iter()
        .find(|c| c.name.starts_with("ESTABLISHED -> CLOSED on retry limit"))
        .expect("the case");
    let result = run_case(
        &case,
        &factory(Smoltcp::new),
        &profile(),
        Duration::from_secs(5),
    );
    assert!(result.passed(), "{:?}", result.deviation);
    let why = result.skipped.expect("skipped");
    assert!(why.contains("retransmission without end"), "{why}");
    // Every timeout ran: it kept retransmitting, as the oracle did.
    assert_eq!(result.states.len(), case.steps.len());
}
