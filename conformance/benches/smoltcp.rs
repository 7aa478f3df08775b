//! Cases per second against smoltcp: the matrix, the Figure 5 paths and
//! random scripts under the smoltcp profile, run three times; prints the
//! best rate. `cargo bench -p synack-conformance --bench smoltcp`.
//!
//! smoltcp deviates, so the random scripts stop at their first failure
//! and shrink it: the count includes the shrinking runs.

use std::time::Instant;
use synack_conformance::factory;
use synack_conformance::stacks::smoltcp::{profile::profile, Smoltcp};
use synack_conformance::suite::{self, Options};

fn main() {
    let options = Options {
        profile: profile(),
        random_cases: 256,
        ..Options::default()
    };
    let make = factory(Smoltcp::new);
    // The model's paths are searched once per process: do it before timing.
    let _ = synack_conformance::generate::paths::paths();
    let mut best = 0.0f64;
    for round in 1..=3 {
        let start = Instant::now();
        let report = suite::run("smoltcp", &make, &options, &mut |_| {});
        let secs = start.elapsed().as_secs_f64();
        let rate = report.cases_run() as f64 / secs;
        println!(
            "round {round}: {} cases in {secs:.3} s: {rate:.0} cases/s ({} deviations)",
            report.cases_run(),
            report.deviations().len()
        );
        best = best.max(rate);
    }
    println!("smoltcp: {best:.0} cases/s (best of 3)");
}
