//! lwIP (C) and gVisor's netstack (Go) against the endpoint, through the
//! driver protocol (issue 13): each driver is built from drivers/, the
//! whole suite runs through it under the facts it declares, and the
//! deviations are exactly those of its shipped baseline (no new fail).
//! Without a C or Go toolchain a test prints why and returns.

use std::path::{Path, PathBuf};
use std::process::Command;
use synack_conformance::baseline::{compare, Baseline};
use synack_conformance::grade::Grade;
use synack_conformance::stacks::driver;
use synack_conformance::suite::{self, Options, Report};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Build a driver with `program args` (run in the repository's root);
/// `None`, with the reason printed, when the toolchain is missing.
fn build(program: &str, args: &[&str], binary: &str, needs: &str) -> Option<PathBuf> {
    if Command::new(needs).arg("--version").output().is_err()
        && Command::new(needs).arg("version").output().is_err()
    {
        println!("skipped: `{needs}` is not installed (.ci/run installs it)");
        return None;
    }
    let out = Command::new(program)
        .args(args)
        .current_dir(root())
        .output()
        .expect("the build command starts");
    assert!(
        out.status.success(),
        "{program} {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(root().join(binary))
}

/// The whole suite through `binary`, under the profile its `hello`
/// declares, measured against `baseline`.
fn run(binary: &Path, baseline: &str) -> (Report, Baseline) {
    let baseline = Baseline::parse(baseline).expect("the baseline parses");
    let options = Options {
        baseline: Some(baseline.clone()),
        ..Options::default()
    };
    let started = driver::start(&binary.display().to_string(), options.time_limit)
        .expect("the driver starts and says hello");
    let options = Options {
        profile: started
            .declares
            .clone()
            .expect("the driver declares its facts"),
        ..options
    };
    let report = suite::run(&started.name, &started.make, &options, &mut |_| {});
    (report, baseline)
}

/// The checks both stacks share: the whole suite ran, its deviations are
/// the baseline's, the run passes, and the received octets were checked.
fn check(report: &Report, baseline: &Baseline) -> Vec<String> {
    let c = compare(report, baseline);
    assert!(
        c.is_exact(),
        "{}: deviations changed: new {:#?}, no longer found {:#?}",
        report.stack,
        c.new,
        c.gone
    );
    assert!(
        report.passes(),
        "{}: a fail outside the baseline",
        report.stack
    );
    assert!(report.cases_run() > 700, "the whole suite ran");
    assert!(
        !report
            .deviations()
            .iter()
            .any(|d| d.failure != synack_conformance::Failure::Deviation),
        "no broken-driver failure: {:?}",
        report
            .deviations()
            .iter()
            .find(|d| d.failure != synack_conformance::Failure::Deviation)
    );
    let mut fails: Vec<String> = report
        .graded(Grade::Fail)
        .iter()
        .map(|d| d.signature())
        .collect();
    fails.sort();
    fails.dedup();
    fails
}

#[test]
fn lwip_deviates_exactly_as_its_baseline_says() {
    if !root()
        .join("drivers/lwip/lwip-2.1.3/src/core/tcp.c")
        .exists()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "lwIP's sources are missing: .ci/run runs drivers/lwip/fetch-source.sh"
        );
        println!("skipped: lwIP's sources are not here: sh drivers/lwip/fetch-source.sh");
        return;
    }
    let Some(binary) = build(
        "make",
        &["-C", "drivers/lwip", "--quiet"],
        "drivers/lwip/build/synack-lwip-driver",
        "cc",
    ) else {
        return;
    };
    let (report, baseline) = run(
        &binary,
        include_str!("../conformance/baselines/lwip.baseline"),
    );
    assert!(report.stack.starts_with("lwIP 2.1.3"), "{}", report.stack);
    // lwIP 2.1.3 answers no SYN in SYN-SENT: no simultaneous open, which
    // MUST-10 requires (docs/stacks/lwip.md); a FIN after an accepted
    // connection was aborted meets the listener the driver keeps
    // (docs/stacks/lwip.md, "LISTEN again").
    assert_eq!(
        check(&report, &baseline),
        [
            "closed-reset CLOSED × < FIN",
            "syn-sent-simultaneous SYN-SENT × < SYN",
            "syn-sent-simultaneous SYN-SENT × < SYN+text"
        ]
    );
}

#[test]
fn gvisor_deviates_exactly_as_its_baseline_says() {
    if !Path::new("/usr/share/gocode/src/gvisor.dev/gvisor").exists() {
        println!(
            "skipped: Debian's golang-gvisor-gvisor-dev is not installed (.ci/run installs it)"
        );
        return;
    }
    let Some(binary) = build(
        "sh",
        &["drivers/gvisor/build.sh"],
        "drivers/gvisor/build/synack-gvisor-driver",
        "go",
    ) else {
        return;
    };
    let (report, baseline) = run(
        &binary,
        include_str!("../conformance/baselines/gvisor.baseline"),
    );
    assert!(
        report.stack.starts_with("gVisor netstack"),
        "{}",
        report.stack
    );
    // The listener the driver keeps, as lwIP's, and text beyond the
    // window taken (docs/stacks/gvisor.md).
    assert_eq!(
        check(&report, &baseline),
        [
            "closed-reset CLOSED × < FIN",
            "text ESTABLISHED × < FIN,ACK+text"
        ],
        "gVisor's fails"
    );
}
