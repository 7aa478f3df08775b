//! Cases per second through the driver protocol: the reference stack in a
//! child process (`synack-reference-driver`), against the same suite as
//! benches/cases.rs, processes pooled between cases (the default) and one
//! process a case. Prints both rates. Build the driver first:
//! `cargo build --release --bin synack-reference-driver`, then
//! `cargo bench -p synack-conformance --bench driver` (or set
//! `SYNACK_REFERENCE_DRIVER` to the binary).

use std::sync::Arc;
use std::time::Instant;
use synack_conformance::stacks::driver::{self, pool::Pool};
use synack_conformance::suite::{self, Options};

fn main() {
    let command = std::env::var("SYNACK_REFERENCE_DRIVER").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../target/release/synack-reference-driver"
        )
        .into()
    });
    if !std::path::Path::new(&command).exists() {
        eprintln!(
            "skipped: no driver at {command}; cargo build --release --bin synack-reference-driver"
        );
        return;
    }
    let options = Options {
        random_cases: 256,
        ..Options::default()
    };
    // The model's paths are searched once per process: do it before timing.
    let _ = synack_conformance::generate::paths::paths();
    for reuse in [true, false] {
        let mut best = 0.0f64;
        for round in 1..=3 {
            let pool = Pool::new(
                vec![command.clone()],
                driver::request_timeout(options.time_limit),
                reuse,
            );
            let make = driver::factory(Arc::new(pool));
            let start = Instant::now();
            let report = suite::run("reference driver", &make, &options, &mut |_| {});
            let secs = start.elapsed().as_secs_f64();
            assert!(
                report.conforms(),
                "the reference must pass through its driver"
            );
            let rate = report.cases_run() as f64 / secs;
            println!(
                "round {round}: {} cases in {secs:.3} s: {rate:.0} cases/s",
                report.cases_run()
            );
            best = best.max(rate);
        }
        let how = if reuse {
            "pooled processes"
        } else {
            "one process a case"
        };
        println!("reference driver, {how}: {best:.0} cases/s (best of 3)");
    }
}
