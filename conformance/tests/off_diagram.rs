//! The model-guided paths through the transitions Figure 5 does not draw:
//! each the reference (the endpoint itself) passes, the oracle taking the
//! transition, and those no scenario takes are listed, pinned. The paths
//! come from a network that loses nothing (the bounds of the Figure 5
//! paths), so no retry limit runs out and no RST meets LAST-ACK (in the
//! model that takes a lost ACK: `synack coverage` finds it in half-close).

use std::time::Duration;
use synack_conformance::generate::off_diagram::{cases, missing};
use synack_conformance::run::run_case;
use synack_conformance::stacks::Reference;
use synack_conformance::{factory, Profile};

#[test]
fn the_reference_takes_every_off_diagram_path() {
    let cases = cases();
    assert_eq!(cases.len(), 12, "off-diagram transitions with a model path");
    for case in &cases {
        let result = run_case(
            case,
            &factory(Reference::new),
            &Profile::default(),
            Duration::from_secs(5),
        );
        assert!(result.passed(), "{}: {:?}", case.name, result.deviation);
        assert!(!result.is_skipped(), "{}", case.name);
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
