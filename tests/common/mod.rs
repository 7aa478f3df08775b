//! Helpers shared by the integration tests.
#![allow(dead_code)]

use synack_model::check::{self, Options, PropertyResult, Report};
use synack_model::model::{scenario, Bounds, Tcp};

/// Small bounds: one loss, one duplicate, no reordering. Every scenario
/// checks in under a second at these (optimised test profile), and every
/// reachability property is reached.
pub fn small() -> Bounds {
    Bounds {
        losses: 1,
        duplicates: 1,
        reorders: 0,
        ..Bounds::default()
    }
}

pub fn model(name: &str, bounds: Bounds) -> Tcp {
    Tcp::new(scenario::by_name(name).expect("a known scenario"), bounds)
}

pub fn run(model: &Tcp) -> Report<Tcp> {
    check::check(
        model,
        &Options {
            threads: 2,
            ..Options::default()
        },
        &mut |_| {},
    )
}

/// Explore only until the first BFS level where `property` (an Always
/// property) is violated: enough for its shortest counterexample, much
/// cheaper than the whole space.
pub fn run_to_violation(model: &Tcp, property: &'static str) -> Report<Tcp> {
    let options = Options {
        threads: 2,
        stop_on_violation: true,
        watch: vec![property],
        ..Options::default()
    };
    check::check(model, &options, &mut |_| {})
}

pub fn property<'r>(report: &'r Report<Tcp>, name: &str) -> &'r PropertyResult<Tcp> {
    report
        .properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no property {name}"))
}
