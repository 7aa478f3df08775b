//! Cases per second against the Linux kernel: the matrix, the Figure 5
//! paths and 16 random scripts under the Linux profile, cases side by
//! side (`stacks::linux::runner`). Needs root or CAP_NET_ADMIN; prints why
//! not otherwise. `cargo bench -p synack-conformance --bench linux`.

#[cfg(target_os = "linux")]
fn main() {
    use std::time::Duration;
    use synack_conformance::stacks::linux::{profile::profile, runner, Linux};
    use synack_conformance::{factory, suite::Options};
    if let Err(why) = Linux::available() {
        println!("linux bench skipped: {why}");
        return;
    }
    let options = Options {
        profile: profile(),
        random_cases: 16,
        time_limit: Duration::from_secs(8),
        ..Options::default()
    };
    // The model's paths are searched once per process: do it before timing.
    let _ = synack_conformance::generate::paths::paths();
    let report = runner::run(&factory(Linux::new), &options);
    let secs = report.elapsed.as_secs_f64();
    let skipped = report
        .results()
        .filter(|r| runner::skipped_for_time(r))
        .count();
    println!(
        "linux: {} cases in {secs:.1} s: {:.0} cases/s ({} failed cases, {skipped} skipped for time, {} workers)",
        report.cases_run(),
        report.cases_run() as f64 / secs,
        report.deviations().len(),
        runner::WORKERS
    );
}

#[cfg(not(target_os = "linux"))]
fn main() {
    println!("linux bench skipped: not Linux");
}
