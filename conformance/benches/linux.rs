//! Cases per second against the Linux kernel: the full suite of `synack
//! conform --stack linux` (the matrix, the Figure 5 paths and 64 random
//! scripts under the Linux profile), cases side by side (`suite::run` on
//! `stacks::linux::WORKERS` workers); the goal is under 10 s on 2 cores. Needs root or CAP_NET_ADMIN; prints why
//! not otherwise. `cargo bench -p synack-conformance --bench linux`.

#[cfg(target_os = "linux")]
fn main() {
    use std::time::Duration;
    use synack_conformance::stacks::linux::{profile::profile, Linux, WORKERS};
    use synack_conformance::{factory, suite, suite::Options};
    if let Err(why) = Linux::available() {
        println!("linux bench skipped: {why}");
        return;
    }
    let options = Options {
        profile: profile(),
        random_cases: 64,
        time_limit: Duration::from_secs(8),
        workers: WORKERS,
        ..Options::default()
    };
    // The model's paths are searched once per process: do it before timing.
    let _ = synack_conformance::generate::paths::paths();
    let report = suite::run("linux", &factory(Linux::new), &options, &mut |_| {});
    let secs = report.elapsed.as_secs_f64();
    let skipped = report.skipped().len();
    println!(
        "linux: {} cases in {secs:.1} s: {:.0} cases/s ({} fail, {} non-strict, {skipped} skipped for time, {} workers)",
        report.cases_run(),
        report.cases_run() as f64 / secs,
        report.graded(synack_conformance::grade::Grade::Fail).len(),
        report.graded(synack_conformance::grade::Grade::NonStrict).len(),
        options.workers
    );
}

#[cfg(not(target_os = "linux"))]
fn main() {
    println!("linux bench skipped: not Linux");
}
