//! The driver protocol end to end: the whole suite through a child
//! process (`synack-reference-driver`, `drivers/example/closed_port.py`).

use synack_conformance::stacks::driver;
use synack_conformance::suite::{self, CellOutcome, Options};
use synack_conformance::Failure;
use synack_model::State;

const REFERENCE: &str = env!("CARGO_BIN_EXE_synack-reference-driver");

fn run(command: &str) -> suite::Report {
    let options = Options::default();
    let started = driver::start(command, options.time_limit).expect("the driver starts");
    suite::run(&started.name, &started.make, &options, &mut |_| {})
}

#[test]
fn the_reference_behind_the_protocol_conforms_exactly() {
    let report = run(REFERENCE);
    assert_eq!(report.stack, "synack reference", "the name is the hello's");
    assert!(
        report.conforms(),
        "deviations through the driver: {:#?}",
        report.deviations()
    );
    assert!(report.cases_run() > 500, "the whole suite ran");
}

#[test]
fn a_mutant_behind_the_protocol_is_killed() {
    let report = run(&format!("{REFERENCE} --mutant skips-time-wait"));
    assert_eq!(report.stack, "synack mutant:skips-time-wait");
    assert!(!report.passes(), "the mutant survived the driver route");
    assert!(
        report
            .deviations()
            .iter()
            .all(|d| d.failure == Failure::Deviation),
        "killed by the oracle, not by a broken driver"
    );
}

/// Whether `python3` runs here; the Python tests skip, saying so, if not.
pub fn python3() -> bool {
    let ok = std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipped: python3 is not available");
    }
    ok
}

#[test]
fn the_python_closed_port_passes_its_row_and_the_run_completes() {
    if !python3() {
        return;
    }
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/drivers/example/closed_port.py"
    );
    let report = run(&format!("python3 '{script}'"));
    assert_eq!(report.stack, "closed port (Python example)");
    let closed: Vec<_> = report
        .matrix
        .iter()
        .filter(|(cell, _)| cell.state == State::Closed)
        .collect();
    assert!(!closed.is_empty());
    for (cell, outcome) in closed {
        if let CellOutcome::Ran(result) = outcome {
            assert!(result.passed(), "{cell}: {:?}", result.deviation);
        }
    }
    // Everywhere else it refuses every call: graded by the oracle, never
    // a broken driver.
    for d in report.deviations() {
        assert_eq!(d.failure, Failure::Deviation, "{d}");
    }
    assert!(!report.accepted().is_empty(), "its refusals were judged");
}

#[test]
fn replay_runs_a_script_through_a_driver() {
    let file =
        std::env::temp_dir().join(format!("synack-driver-replay-{}.txt", std::process::id()));
    std::fs::write(&file, "listen\n< SYN seq=0 win=4\n").expect("write the script");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_synack"))
        .arg("replay")
        .arg(&file)
        .args(["--driver", REFERENCE])
        .output()
        .expect("synack runs");
    let _ = std::fs::remove_file(&file);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("2 events, no deviation"), "{stdout}");
}
