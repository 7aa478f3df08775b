//! Cases per second against the reference stack: the matrix and the Figure
//! 5 paths, run three times; prints the best rate. `cargo bench -p
//! synack-conformance`.

use std::time::Instant;
use synack_conformance::factory;
use synack_conformance::stacks::Reference;
use synack_conformance::suite::{self, Options};

fn main() {
    let options = Options {
        random_cases: 256,
        ..Options::default()
    };
    let make = factory(Reference::new);
    // The model's paths are searched once per process: do it before timing.
    let _ = synack_conformance::generate::paths::paths();
    let mut best = 0.0f64;
    for round in 1..=3 {
        let start = Instant::now();
        let report = suite::run("reference", &make, &options, &mut |_| {});
        let secs = start.elapsed().as_secs_f64();
        assert!(report.conforms(), "the reference must pass");
        let rate = report.cases_run() as f64 / secs;
        println!(
            "round {round}: {} cases in {secs:.3} s: {rate:.0} cases/s",
            report.cases_run()
        );
        best = best.max(rate);
    }
    println!("reference: {best:.0} cases/s (best of 3)");
}
