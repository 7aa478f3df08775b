//! Each mutant the model can show violates the property its spec names,
//! on the host it names, with a shortest counterexample of pinned length;
//! the RFC protocol at the same scenario and bounds satisfies it, so each
//! check can fail. The conformance suite grades a deviation from such a rule
//! "fail" on the strength of this.

mod common;

use common::{model, property, run, run_to_violation, small};
use synack_model::mutant::{self, Shown};

/// The shortest counterexample's length in steps, by mutant: a change in
/// the endpoint or the model that makes one longer or shorter shows here.
const STEPS: &[(&str, usize)] = &[
    ("silent-in-closed", 16),
    ("listen-ignores-ack", 28),
    ("syn-sent-accepts-any-ack", 30),
    ("syn-sent-never-retransmits", 10),
    ("syn-rcvd-accepts-any-ack", 19),
    ("established-ignores-rst", 29),
    ("established-ack-off-by-one", 23),
    ("fin-wait-1-ignores-fin", 20),
    ("fin-wait-2-ignores-fin", 24),
    ("syn-rcvd-close-forgets-fin", 7),
    ("close-wait-forgets-fin", 12),
    ("closing-ignores-ack", 25),
    ("last-ack-closes-early", 13),
    ("skips-time-wait", 18),
    ("time-wait-silent", 25),
];

/// The mutants whose broken rule no property of any scenario catches
/// (see the comments in `synack_model::mutant::ALL`): none since
/// `no-give-up-on-live-peer` and the `half-open` scenario.
const NOT_SHOWN: &[&str] = &[];

fn shown() -> impl Iterator<Item = (&'static mutant::Spec, Shown)> {
    mutant::ALL
        .iter()
        .filter_map(|spec| Some((spec, spec.shown_by?)))
}

#[test]
fn every_shown_mutant_violates_its_property_in_the_pinned_steps() {
    for (spec, shown) in shown() {
        let e = shown.expect;
        let m = model(e.scenario, e.bounds(small())).with_mutant(shown.host, spec);
        let report = run_to_violation(&m, e.property);
        let p = property(&report, e.property);
        assert!(
            !p.holds,
            "{} on host {}: {} should fail in {}",
            spec.name, shown.host, e.property, e.scenario
        );
        let steps = p.trace.as_ref().expect("a counterexample").steps.len();
        let pinned = STEPS.iter().find(|(name, _)| *name == spec.name);
        assert_eq!(pinned, Some(&(spec.name, steps)), "{}", spec.name);
    }
}

#[test]
fn the_rfc_protocol_satisfies_what_each_mutant_violates() {
    for (spec, shown) in shown() {
        let e = shown.expect;
        let report = run(&model(e.scenario, e.bounds(small())));
        assert!(report.complete, "{}: explored in full", spec.name);
        assert!(
            property(&report, e.property).holds,
            "RFC, {} at {:?}: {} fails",
            e.scenario,
            e.bounds(small()),
            e.property
        );
    }
}

#[test]
fn every_mutant_is_shown_or_listed_as_not_shown() {
    for spec in mutant::ALL {
        assert_eq!(
            spec.shown_by.is_none(),
            NOT_SHOWN.contains(&spec.name),
            "{}",
            spec.name
        );
    }
    assert_eq!(STEPS.len() + NOT_SHOWN.len(), mutant::ALL.len());
}
