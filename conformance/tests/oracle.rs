//! The oracle judged on stacks whose verdict is known: the reference (the
//! endpoint itself) passes everything, under both profiles; every mutant
//! fails, and fails in the state where its rule lives.

use synack_conformance::generate::matrix::{matrix, Entry};
use synack_conformance::generate::paths::{figure_5, paths};
use synack_conformance::stacks::mutants::{Mutant, ALL};
use synack_conformance::stacks::Reference;
use synack_conformance::suite::{self, CellOutcome, Options};
use synack_conformance::{factory, Profile};
use synack_model::State;

#[test]
fn the_reference_passes_everything_under_the_strict_profile() {
    let report = suite::run(
        "reference",
        &factory(Reference::new),
        &Options::default(),
        &mut |_| {},
    );
    let first = report.deviations().first().map(|d| d.to_string());
    assert!(report.conforms(), "{}", first.unwrap_or_default());
    assert!(
        report.accepted().is_empty(),
        "the strict profile is the reference's own"
    );
    assert_eq!(report.random.cases_run, 64);
}

#[test]
fn the_reference_passes_everything_under_the_lenient_profile() {
    let options = Options {
        profile: Profile::lenient(),
        random_cases: 16,
        ..Options::default()
    };
    let report = suite::run("reference", &factory(Reference::new), &options, &mut |_| {});
    let first = report.deviations().first().map(|d| d.to_string());
    assert!(report.conforms(), "{}", first.unwrap_or_default());
}

#[test]
fn every_state_and_every_figure_5_transition_has_a_model_path() {
    for state in State::ALL {
        assert!(paths().to_state.contains_key(&state), "{state}");
    }
    let wanted = figure_5();
    assert_eq!(wanted.len(), 20, "Figure 5 as the model lists it");
    for t in wanted {
        assert!(paths().transitions.contains_key(&t), "{t:?}");
    }
}

#[test]
fn the_matrix_has_no_empty_cell() {
    let entries = matrix();
    // 11 states × (9 kinds × 7 positions + 5 calls + timeout).
    assert_eq!(entries.len(), 11 * (9 * 7 + 6));
    let unproducible = entries
        .iter()
        .filter(|e| matches!(e, Entry::Unproducible(..)))
        .count();
    // The two SEG.ACK positions of the four kinds without ACK, in each state.
    assert_eq!(unproducible, 11 * 4 * 2);
}

#[test]
fn every_mutant_is_killed_in_the_state_where_its_rule_lives() {
    let options = Options {
        random_cases: 0,
        ..Options::default()
    };
    for spec in ALL {
        let report = suite::run(
            spec.name,
            &factory(move || Mutant::new(spec)),
            &options,
            &mut |_| {},
        );
        let failed_in_state = report.matrix.iter().any(|(cell, outcome)| {
            cell.state == spec.state && matches!(outcome, CellOutcome::Ran(r) if !r.passed())
        });
        assert!(
            failed_in_state,
            "{} breaks a rule of {} but no cell of that state fails",
            spec.name, spec.state
        );
    }
}

#[test]
fn the_mutation_score_is_perfect() {
    let options = Options {
        random_cases: 0,
        ..Options::default()
    };
    let score = suite::mutation_score(&options, &mut |_| {});
    assert!(score.total >= 12);
    assert_eq!(score.survivors, Vec::<String>::new());
    assert_eq!(score.killed, score.total);
}

/// A stack that cannot tell its state, like a kernel seen from outside.
struct Blind(Mutant);

impl synack_conformance::Stack for Blind {
    fn call(&mut self, c: &synack_conformance::Call) -> Result<(), synack_conformance::CallError> {
        self.0.call(c)
    }
    fn inject(&mut self, s: &synack_model::Segment) {
        self.0.inject(s)
    }
    fn advance(&mut self, t: synack_model::Ticks) {
        self.0.advance(t)
    }
    fn emitted(&mut self) -> Result<Vec<synack_model::Segment>, synack_conformance::WireError> {
        self.0.emitted()
    }
}

#[test]
fn segments_alone_kill_every_mutant() {
    use synack_conformance::Stack as _;
    let options = Options {
        random_cases: 0,
        ..Options::default()
    };
    for spec in ALL {
        let blind = factory(move || Blind(Mutant::new(spec)));
        assert_eq!(blind().state(), None);
        let report = suite::run(spec.name, &blind, &options, &mut |_| {});
        assert!(
            !report.conforms(),
            "{} survives when judged by segments alone",
            spec.name
        );
    }
}

/// The reference with another configuration: a stack that took a freedom
/// RFC 9293 gives.
fn reference_with(change: fn(&mut synack_model::Config)) -> synack_conformance::Factory {
    let mut cfg = Profile::strict().config;
    change(&mut cfg);
    factory(move || Reference::with_config(cfg))
}

/// A change of configuration, and a phrase the acceptance names it by.
type Freedom = (fn(&mut synack_model::Config), &'static str);

#[test]
fn a_freedom_the_rfc_gives_is_a_deviation_when_strict_and_accepted_when_lenient() {
    let options = |profile| Options {
        profile,
        random_cases: 0,
        ..Options::default()
    };
    let freedoms: [Freedom; 3] = [
        (|c| c.rfc5961 = false, "RFC 5961 mitigations off"),
        (|c| c.rto = 3, "RTO 3 ticks, not 2"),
        (|c| c.rcv_wnd = 6, "window"),
    ];
    for (change, phrase) in freedoms {
        let make = reference_with(change);
        let strict = suite::run("variant", &make, &options(Profile::strict()), &mut |_| {});
        assert!(
            !strict.conforms(),
            "{phrase}: the strict profile allows nothing"
        );
        let lenient = suite::run("variant", &make, &options(Profile::lenient()), &mut |_| {});
        let first = lenient.deviations().first().map(|d| d.to_string());
        assert!(
            lenient.conforms(),
            "{phrase}: {}",
            first.unwrap_or_default()
        );
        if phrase != "window" {
            // A window is compared nowhere under the lenient profile, so
            // there is nothing to accept; the others are accepted by name.
            assert!(
                lenient.accepted().iter().any(|a| a.contains(phrase)),
                "{phrase}: {:?}",
                lenient.accepted()
            );
        }
    }
}
