//! The command line as a user meets it: exit codes, one-line errors, JSON.

use std::process::Command;

fn synack(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(args)
        .output()
        .expect("the synack binary runs")
}

const SMALL: &[&str] = &[
    "--losses",
    "1",
    "--duplicates",
    "0",
    "--reorders",
    "0",
    "--quiet",
];

#[test]
fn unknown_scenario_is_a_one_line_error_with_exit_code_2() {
    let out = synack(&["check", "--scenario", "no-such-thing"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("unknown scenario 'no-such-thing'"), "{err}");
    assert!(
        err.contains("client-server"),
        "the error lists the known names: {err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn impossible_bounds_are_refused() {
    for args in [["--rto", "4"], ["--msl", "1"], ["--threads", "0"]] {
        let out = synack(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
    }
}

#[test]
fn json_has_an_object_per_scenario() {
    let mut args = vec![
        "check",
        "--format",
        "json",
        "-s",
        "client-server",
        "-s",
        "half-close",
    ];
    args.extend_from_slice(SMALL);
    let out = synack(&args);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON only");
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 2);
    for r in list {
        assert!(r["scenario"].is_string());
        assert!(r["distinct_states"].as_u64().unwrap() > 1000);
        assert!(r["elapsed_s"].as_f64().unwrap() >= 0.0);
        for p in r["properties"].as_array().unwrap() {
            assert!(p["name"].is_string());
            assert_eq!(p["holds"], true);
            assert!(p["counterexample"].is_null());
        }
    }
    assert_eq!(list[0]["scenario"], "client-server");
}

#[test]
fn text_report_prints_figures_and_verdicts_and_exits_0() {
    let mut args = vec!["-s", "simultaneous-open"];
    args.extend_from_slice(SMALL);
    let out = synack(&args);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "states generated",
        "distinct states",
        "depth",
        "states/s",
        "no-deadlock",
        "both SYN_RCVD",
        "reached",
        "all hold",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    assert!(!text.contains("VIOLATED"));
}

#[test]
fn show_prints_the_shortest_witness_chart() {
    let mut args = vec!["-s", "syn-rcvd-close", "--show", "SYN_RCVD -> FIN_WAIT_1"];
    args.extend_from_slice(SMALL);
    let out = synack(&args);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("SYN_RCVD -> FIN_WAIT_1 is reached in"),
        "{text}"
    );
    assert!(text.contains("server: close"), "{text}");
    assert!(text.contains("FIN_WAIT_1"), "{text}");
}

/// `synack conform --stack faulty:panic -q` with `RUST_BACKTRACE` as given.
fn conform_panicking(backtrace: Option<&str>) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_synack"));
    command.args(["conform", "--stack", "faulty:panic", "--cases", "4", "-q"]);
    command.env_remove("RUST_BACKTRACE");
    if let Some(value) = backtrace {
        command.env("RUST_BACKTRACE", value);
    }
    command.output().expect("the synack binary runs")
}

#[test]
fn a_stack_that_panics_is_reported_in_a_line_without_a_backtrace() {
    let out = conform_panicking(None);
    assert_eq!(out.status.code(), Some(1), "the stack does not conform");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "nothing on stderr: {err}");
    assert!(!err.contains("backtrace"), "{err}");
    let text = String::from_utf8(out.stdout).unwrap();
    let line = "observed: panicked: faulty stack: index out of bounds in the receive path";
    assert!(
        text.lines().any(|l| l.trim() == line),
        "the panic in one line of the report: {text}"
    );
    // Asked for, the stack's panics show with their backtrace.
    let err = String::from_utf8(conform_panicking(Some("1")).stderr).unwrap();
    assert!(err.contains("panicked at"), "{err}");
    assert!(err.contains("stack backtrace"), "{err}");
}
