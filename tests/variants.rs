//! Each variant removes one rule and violates the property it names, with a
//! shortest counterexample; the RFC protocol, at the same bounds, violates
//! nothing. Every counterexample is pinned as a chart and as a Mermaid
//! diagram.

mod common;

use common::{model, property, run, run_to_violation, small};
use synack_model::model::variant::{self, Variant};
use synack_model::model::{chart, Bounds};

fn bounds_for(e: &variant::Expect) -> Bounds {
    Variant::bounds(e, small())
}

#[test]
fn every_variant_violates_what_it_names() {
    for v in variant::ALL {
        for e in v.expect {
            let mut m = model(e.scenario, bounds_for(e));
            (v.apply)(&mut m);
            let report = run_to_violation(&m, e.property);
            let p = property(&report, e.property);
            assert!(
                !p.holds,
                "{}: {} should fail in {}",
                v.name, e.property, e.scenario
            );
            let t = p.trace.as_ref().expect("a counterexample");
            let name = format!("{}__{}", v.name, e.scenario);
            insta::assert_snapshot!(
                format!("{name}__chart"),
                chart::chart(&m, &t.init, &t.steps, t.loop_back_to)
            );
            insta::assert_snapshot!(
                format!("{name}__mermaid"),
                chart::mermaid(&m, &t.init, &t.steps, t.loop_back_to)
            );
        }
    }
}

#[test]
fn the_rfc_protocol_violates_nothing_where_the_variants_fail() {
    let mut seen = std::collections::HashSet::new();
    for v in variant::ALL {
        for e in v.expect {
            let b = bounds_for(e);
            if !seen.insert((e.scenario, b.losses)) {
                continue;
            }
            let report = run(&model(e.scenario, b));
            for p in &report.properties {
                assert!(p.holds, "RFC, {} at {:?}: {} fails", e.scenario, b, p.name);
            }
        }
    }
}

#[test]
fn variants_are_listed_with_their_claims() {
    for v in variant::ALL {
        assert!(!v.claims.is_empty() && !v.question.is_empty() && !v.expect.is_empty());
        assert!(variant::by_name(v.name).is_some());
    }
    assert_eq!(variant::ALL.len(), 7);
}
