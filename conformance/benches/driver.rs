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
    foreign_stacks();
}

/// The drivers of drivers/, if built (`make -C drivers/lwip`, `sh
/// drivers/gvisor/build.sh`): the whole suite of `synack conform --driver`
/// (64 random scripts, the profile the driver declares), best of 3.
fn foreign_stacks() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../drivers");
    for (name, binary) in [
        ("lwIP", "lwip/build/synack-lwip-driver"),
        ("gVisor", "gvisor/build/synack-gvisor-driver"),
    ] {
        let path = format!("{root}/{binary}");
        if !std::path::Path::new(&path).exists() {
            eprintln!("{name}: skipped: {path} is not built");
            continue;
        }
        let options = Options::default();
        let mut best = (0.0f64, f64::MAX);
        for _ in 1..=3 {
            let Ok(started) = driver::start(&path, options.time_limit) else {
                eprintln!("{name}: skipped: the driver does not start");
                break;
            };
            let options = Options {
                profile: started.declares.clone().unwrap_or_default(),
                ..Options::default()
            };
            let start = Instant::now();
            let report = suite::run(&started.name, &started.make, &options, &mut |_| {});
            let secs = start.elapsed().as_secs_f64();
            best = (
                best.0.max(report.cases_run() as f64 / secs),
                best.1.min(secs),
            );
        }
        println!(
            "{name} driver: {:.0} cases/s, the whole suite in {:.2} s (best of 3)",
            best.0, best.1
        );
    }
}
