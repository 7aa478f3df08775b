//! Symmetry reduction: in `symmetric-open` the two hosts are interchangeable,
//! and the checker explores one state of each pair of mirror images. It must
//! change the number of states and nothing else: every verdict, of the RFC
//! protocol and of every variant, is the same with and without it.

mod common;

use common::{model, run, small};
use stateright::{Checker, Model};
use synack_model::model::app::Step;
use synack_model::model::{scenario, variant};

/// The verdicts of a report: each property and whether it holds.
fn verdicts(report: &synack_model::check::Report<synack_model::model::Tcp>) -> Vec<(String, bool)> {
    report
        .properties
        .iter()
        .map(|p| (p.name.to_string(), p.holds))
        .collect()
}

#[test]
fn can_check_symmetric_open_with_and_without_symmetry() {
    let reduced = model("symmetric-open", small());
    let mut full = reduced.clone();
    full.symmetry = false;
    let (r, f) = (run(&reduced), run(&full));
    for p in r.properties.iter().chain(&f.properties) {
        assert!(p.holds, "{} does not hold", p.name);
    }
    assert_eq!(r.distinct_states, 52_495, "reduced state count changed");
    assert_eq!(f.distinct_states, 173_021, "full state count changed");
    // stateright knows nothing of the symmetry: it finds the full space.
    let theirs = full.checker().threads(2).spawn_bfs().join();
    assert_eq!(theirs.unique_state_count(), f.distinct_states);
}

#[test]
fn symmetry_keeps_every_verdict_of_every_variant() {
    let mut violations = 0;
    for v in variant::ALL {
        let mut reduced = model("symmetric-open", small());
        (v.apply)(&mut reduced);
        let mut full = reduced.clone();
        full.symmetry = false;
        let (r, f) = (run(&reduced), run(&full));
        assert_eq!(verdicts(&r), verdicts(&f), "variant {}", v.name);
        assert!(r.distinct_states < f.distinct_states, "variant {}", v.name);
        violations += r.properties.iter().filter(|p| !p.holds).count();
    }
    // Not a comparison of two empty lists: variants break properties here,
    // and the reduced checker finds each break the full one finds.
    assert!(violations > 0);
}

#[test]
fn symmetric_scenarios_have_interchangeable_hosts() {
    for s in scenario::all().into_iter().filter(|s| s.symmetric) {
        assert_eq!(s.scripts[0], s.scripts[1], "{}", s.name);
        assert_eq!(s.setup[0], s.setup[1], "{}", s.name);
        assert_eq!(s.keepalive[0], s.keepalive[1], "{}", s.name);
        // The mirror image swaps hosts but does not rename octets, which
        // say which host sent them: a symmetric scenario sends none.
        assert!(
            s.scripts[0]
                .iter()
                .all(|step| !matches!(step, Step::Send(_))),
            "{} sends text",
            s.name
        );
    }
}
