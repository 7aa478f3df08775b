//! Every failure is reproducible: its script, parsed back and replayed,
//! fails the same way; against the reference it passes.

use std::time::Duration;
use synack_conformance::run::{run_case, Case};
use synack_conformance::script::parse;
use synack_conformance::stacks::{by_name, mutants::ALL};
use synack_conformance::suite::{self, Options};
use synack_conformance::Profile;

#[test]
fn each_mutants_reproducers_replay_to_the_same_deviation() {
    let options = Options {
        random_cases: 8,
        ..Options::default()
    };
    for spec in ALL {
        let name = format!("mutant:{}", spec.name);
        let make = by_name(&name).unwrap();
        let report = suite::run(&name, &make, &options, &mut |_| {});
        for d in report.deviations().into_iter().take(5) {
            let script =
                parse(&d.reproducer).unwrap_or_else(|e| panic!("{name}: {e}\n{}", d.reproducer));
            let again = run_case(
                &Case::from_script("replay", &script),
                &make,
                &Profile::strict(),
                Duration::from_secs(2),
            );
            let again = again
                .deviation
                .unwrap_or_else(|| panic!("{name}: replay passed\n{}", d.reproducer));
            assert_eq!(
                (&again.rule, &again.event, &again.expected, &again.observed),
                (&d.rule, &d.event, &d.expected, &d.observed)
            );
            // The same script against the reference: no deviation, so the
            // script shows the mutant's fault, not the suite's.
            let reference = run_case(
                &Case::from_script("replay", &script),
                &by_name("reference").unwrap(),
                &Profile::strict(),
                Duration::from_secs(2),
            );
            assert!(reference.passed(), "{name}: {}", d.reproducer);
        }
    }
}

#[test]
fn a_random_failure_is_shrunk_and_names_its_seed() {
    let options = Options {
        random_cases: 64,
        seed: 7,
        ..Options::default()
    };
    let make = by_name("mutant:established-ignores-rst").unwrap();
    let report = suite::run("m", &make, &options, &mut |_| {});
    let failure = report.random.failure.expect("random scripts find it too");
    assert!(failure.name.contains("seed 7, shrunk"), "{}", failure.name);
    let d = failure.deviation.expect("a deviation");
    // Shrunk: the path to a state, then the one RST that matters.
    assert!(d.event.starts_with("< RST"), "{d}");
    assert!(failure.script.lines.len() <= 6, "{}", failure.script);
}
