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
            assert_eq!(
                p["verdict"],
                if p["kind"] == "sometimes" {
                    "reached"
                } else {
                    "holds"
                }
            );
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
        "both SYN-RECEIVED",
        "reached",
        "all hold",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    assert!(!text.contains("VIOLATED"));
}

#[test]
fn show_prints_the_shortest_witness_chart() {
    let mut args = vec![
        "-s",
        "syn-rcvd-close",
        "--show",
        "SYN-RECEIVED -> FIN-WAIT-1",
    ];
    args.extend_from_slice(SMALL);
    let out = synack(&args);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("SYN-RECEIVED -> FIN-WAIT-1 is reached in"),
        "{text}"
    );
    assert!(text.contains("server: close"), "{text}");
    assert!(text.contains("FIN-WAIT-1"), "{text}");
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

// Issue 17, item 4: under RUST_BACKTRACE a panicking stack printed a
// backtrace per case (about 21,800 stderr lines for 4 random scripts);
// once for the whole run is enough.
#[test]
fn under_rust_backtrace_a_panicking_stack_prints_one_backtrace_per_run() {
    let out = conform_panicking(Some("1"));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.matches("stack backtrace").count(), 1, "{err}");
    assert_eq!(err.matches("panicked at").count(), 1, "{err}");
    assert!(err.lines().count() < 200, "{} lines", err.lines().count());
    let text = String::from_utf8(out.stdout).unwrap();
    let panics = text.matches("observed: panicked:").count();
    assert!(
        panics > 100,
        "every case's panic is in the report: {panics}"
    );
}

// Issue 17, item 3: a stack that hangs in every case ran for ~25 minutes
// in silence (each case waits out its time limit); now the run stops after
// --max-hangs hangs in a row, says so, and fails.
#[test]
fn a_stack_that_keeps_hanging_is_stopped_and_the_run_fails() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_synack"));
    command.args([
        "conform",
        "--stack",
        "faulty:hang",
        "--time-limit-ms",
        "100",
        "--max-hangs",
        "3",
        "--format",
        "json",
        "-q",
    ]);
    let started = std::time::Instant::now();
    let out = command.output().expect("the synack binary runs");
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(1), "a stopped run never passes");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("stopped early") && err.contains("hung in 3 cases in a row"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["passes"], false);
    assert!(v["stopped"].as_str().unwrap().contains("--max-hangs 3"));
    let not_run = v["not_run"].as_u64().unwrap();
    assert!(not_run > 500, "{not_run}");
    let cells = v["matrix"].as_array().unwrap();
    assert!(cells.iter().any(|c| c["result"] == "not run"));
    assert!(
        cells.iter().all(|c| c["result"] != "pass"),
        "no case that did not run passes"
    );
}

// Issue 17, item 2: replaying an empty script said "0 events, no
// deviation" and exited 0.
#[test]
fn replaying_a_script_without_events_is_a_usage_error() {
    let dir = std::env::temp_dir().join(format!("synack-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("empty.script");
    std::fs::write(&file, "# a comment and nothing else\n").unwrap();
    let out = synack(&["replay", file.to_str().unwrap(), "--stack", "reference"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no events to replay"), "{err}");
    assert!(out.stdout.is_empty());
    let out = synack(&["conform", "--stack", "reference", "--time-limit-ms", "0"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `synack check ARGS --format json`, parsed: (exit code, reports, stderr).
fn check_json(args: &[&str]) -> (Option<i32>, Vec<serde_json::Value>, String) {
    let mut all = vec!["check", "--format", "json", "--quiet"];
    all.extend_from_slice(args);
    let out = synack(&all);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON only");
    let list = v.as_array().expect("an array of scenarios").clone();
    (
        out.status.code(),
        list,
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Every property of `report` carries one verdict of its kind, and
/// `holds` is true exactly when the verdict is a proof.
fn assert_verdicts_consistent(report: &serde_json::Value) {
    for p in report["properties"].as_array().unwrap() {
        let verdict = p["verdict"].as_str().expect("every property has a verdict");
        let allowed: &[&str] = if p["kind"] == "sometimes" {
            &["reached", "unreached", "undecided"]
        } else {
            &["holds", "violated", "undecided"]
        };
        assert!(allowed.contains(&verdict), "{p}");
        let proven = verdict == "holds" || verdict == "reached";
        assert_eq!(p["holds"], proven, "holds only when proven: {p}");
        assert_eq!(
            p["counterexample"].is_object(),
            verdict == "violated",
            "a counterexample exactly for a violation: {p}"
        );
    }
}

// Issue 17, item 1: a check that stops early (a variant stops at its first
// violation) decided nothing about the properties it found no
// counterexample for; JSON said `"holds": true` of them.
#[test]
fn a_check_stopped_early_reports_undecided_never_holds() {
    let (code, reports, _) = check_json(&["--variant", "two-way-handshake", "-s", "client-server"]);
    assert_eq!(code, Some(1), "a violation found");
    let r = &reports[0];
    assert_eq!(r["complete"], false);
    assert_eq!(r["stopped"], "first-violation");
    assert_verdicts_consistent(r);
    let verdicts: Vec<&str> = r["properties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["verdict"].as_str().unwrap())
        .collect();
    assert!(verdicts.contains(&"violated"), "{verdicts:?}");
    assert!(verdicts.contains(&"undecided"), "{verdicts:?}");
    assert!(
        !verdicts.contains(&"holds") && !verdicts.contains(&"unreached"),
        "nothing is proven absent on part of the space: {verdicts:?}"
    );
    // The same run, complete: undecided verdicts all become decided.
    let (_, complete, _) = check_json(&[
        "--variant",
        "two-way-handshake",
        "-s",
        "client-server",
        "--complete",
    ]);
    assert_eq!(complete[0]["complete"], true);
    assert_eq!(complete[0]["stopped"], serde_json::Value::Null);
    assert_verdicts_consistent(&complete[0]);
    assert!(complete[0]["properties"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["verdict"] != "undecided"));
}

// Issue 17, item 1: the text summary counts what the table shows (it said
// "4 violated" under a table with 2).
#[test]
fn the_text_summary_counts_the_verdicts_of_the_table() {
    let out = synack(&[
        "check",
        "--variant",
        "two-way-handshake",
        "-s",
        "client-server",
        "-q",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    let mut table: std::collections::BTreeMap<&str, usize> = Default::default();
    let header = text.lines().position(|l| l.contains("verdict")).unwrap();
    for line in text.lines().skip(header + 1).take_while(|l| !l.is_empty()) {
        let verdict = line.split_whitespace().last().unwrap();
        *table.entry(verdict).or_default() += 1;
    }
    assert_eq!(table.get("violated"), Some(&2), "{text}");
    assert!(table.get("undecided").is_some_and(|&n| n > 0), "{text}");
    let summary = text.lines().last().unwrap();
    let expected: Vec<String> = ["violated", "unreached", "undecided", "holds", "reached"]
        .iter()
        .filter_map(|v| {
            let word = if *v == "holds" { "hold" } else { v };
            table.get(v).map(|n| format!("{n} {word}"))
        })
        .collect();
    assert!(
        summary.contains(&format!("properties: {} in", expected.join(", "))),
        "summary {summary:?} against the table {table:?}"
    );
}

// Issue 17, item 2: a typo in --show was ignored with exit 0.
#[test]
fn an_unknown_property_to_show_is_a_usage_error_listing_the_names() {
    let out = synack(&["check", "-s", "client-server", "--show", "nope", "-q"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("unknown property 'nope'"), "{err}");
    assert!(err.contains("no-deadlock"), "the known names: {err}");
    assert!(out.stdout.is_empty(), "nothing checked");
    // Zero bounds on work are nonsense too.
    for args in [
        ["--max-states", "0"],
        ["--max-depth", "0"],
        ["--memory-limit", "0"],
    ] {
        let out = synack(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

// Issue 17, item 3: --max-states and --max-depth bound the work; the check
// stops cleanly, reports what is decided, and exits 3 (nothing violated,
// something undecided), never 0.
#[test]
fn bounds_on_work_stop_the_check_with_undecided_verdicts() {
    for (flag, value, stopped) in [
        ("--max-states", "1000", "max-states"),
        ("--max-depth", "6", "max-depth"),
        // Far below what reconnect's 1.9 million states need.
        ("--memory-limit", "40M", "memory-limit"),
    ] {
        let (code, reports, _) = check_json(&["-s", "reconnect", flag, value]);
        assert_eq!(code, Some(3), "{flag}: undecided is not success");
        let r = &reports[0];
        assert_eq!(r["complete"], false, "{flag}");
        assert_eq!(r["stopped"], stopped, "{flag}");
        assert_verdicts_consistent(r);
        let undecided = r["properties"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["verdict"] == "undecided")
            .count();
        assert!(undecided > 0, "{flag}");
        if flag == "--max-states" {
            let states = r["distinct_states"].as_u64().unwrap();
            assert!((1000..1100).contains(&states), "{states}");
        }
        if flag == "--max-depth" {
            assert_eq!(r["depth"], 6);
        }
    }
}

// Issue 17, item 3: bounds far beyond the measured ones warn on stderr
// (`--losses 255` reached 2.6 GB in 20 s silently).
#[test]
fn bounds_beyond_the_measured_ones_warn() {
    let (code, _, err) = check_json(&[
        "-s",
        "client-server",
        "--losses",
        "255",
        "--max-states",
        "20000",
    ]);
    assert_eq!(code, Some(3));
    assert!(
        err.contains("warning") && err.contains("--losses 255"),
        "{err}"
    );
    assert!(
        err.contains("--max-states"),
        "it says how to bound the work: {err}"
    );
    let (_, _, err) = check_json(&[
        "-s",
        "client-server",
        "--losses",
        "1",
        "--max-states",
        "20000",
    ]);
    assert!(
        !err.contains("warning"),
        "no warning at documented bounds: {err}"
    );
    assert!(
        err.contains("client-server: stopped at --max-states"),
        "the stop is said on stderr too: {err}"
    );
}

// Issue 17, item 5: JSON counterexample steps in TCP's words, states as
// RFC 9293 spells them.
#[test]
fn json_counterexample_steps_are_in_tcp_words() {
    let (_, reports, _) = check_json(&["--variant", "two-way-handshake", "-s", "client-server"]);
    let p = reports[0]["properties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "no-deadlock")
        .unwrap()
        .clone();
    let steps = p["counterexample"]["steps"].as_array().unwrap();
    assert_eq!(steps[0]["action"], "client: connect");
    assert_eq!(steps[0]["then"][0], "client sends SYN seq=0");
    assert_eq!(steps[0]["states"][0], "SYN-SENT");
    assert!(steps.iter().any(|s| s["action"] == "tick"));
    assert!(steps
        .iter()
        .any(|s| s["action"].as_str().unwrap().contains("(lost)")));
    for s in steps {
        let action = s["action"].as_str().unwrap();
        assert!(
            !action.starts_with("Deliver") && !action.starts_with("App"),
            "{action}"
        );
    }
}

// Issue 17, item 5: the help of conform and replay names every stack.
#[test]
fn conform_and_replay_help_name_every_stack() {
    for command in ["conform", "replay"] {
        for flag in ["-h", "--help"] {
            let out = synack(&[command, flag]);
            assert_eq!(out.status.code(), Some(0));
            let help = String::from_utf8(out.stdout).unwrap();
            for stack in [
                "reference",
                "smoltcp",
                "linux",
                "mutant:NAME",
                "faulty:panic",
                "faulty:hang",
                "faulty:garbage",
                "--driver",
            ] {
                assert!(
                    help.contains(stack),
                    "{command} {flag}: no {stack}:\n{help}"
                );
            }
        }
    }
    let help = String::from_utf8(synack(&["conform", "--help"]).stdout).unwrap();
    assert!(
        help.contains("established-ignores-rst"),
        "the mutants by name"
    );
}

// Issue 17, item 5: README's usage lines name every flag each command has.
#[test]
fn readme_usage_lists_every_flag() {
    let readme = include_str!("../README.md");
    let start = readme.find("## Using it").expect("a usage section");
    let usage = &readme[start..start + readme[start..].find("\n```\n").unwrap()];
    for command in [
        "check", "coverage", "explore", "conform", "mutants", "replay",
    ] {
        let help = String::from_utf8(synack(&[command, "--help"]).stdout).unwrap();
        let flags = help.lines().filter_map(|l| {
            let l = l.trim_start();
            let l = l
                .strip_prefix("-")
                .filter(|r| r.chars().nth(1) == Some(','))
                .map_or(l, |r| r[2..].trim_start());
            let name = l.strip_prefix("--")?.split([' ', '<']).next()?;
            Some(format!("--{name}"))
        });
        for flag in flags.filter(|f| f != "--help") {
            let head = if command == "check" {
                "synack [check]".to_string()
            } else {
                format!("synack {command}")
            };
            let mut lines = usage.lines().skip_while(|l| !l.starts_with(&head));
            let first = lines.next().expect("a usage line for the command");
            let line: String = std::iter::once(first)
                .chain(lines.take_while(|l| l.starts_with(' ')))
                .collect();
            assert!(
                line.contains(&flag),
                "README's `synack {command}` lacks {flag}: {line}"
            );
        }
    }
}

#[test]
fn every_report_states_the_chance_of_a_fingerprint_collision() {
    // States are kept as 64-bit fingerprints (issue 15): a verdict is as
    // sure as no two of them collided, and the report says how sure.
    let args = [
        "--scenario",
        "client-server",
        "--losses",
        "1",
        "--duplicates",
        "0",
        "--reorders",
        "0",
    ];
    let (code, reports, _) = check_json(&args);
    assert_eq!(code, Some(0));
    let r = &reports[0];
    let n = r["distinct_states"].as_f64().expect("a count");
    let p = r["collision_probability"].as_f64().expect("a probability");
    assert!(p > 0.0 && p < 1e-6, "{p}");
    assert!(
        (p - n * n / 2f64.powi(65)).abs() <= p * 1e-9,
        "{p} for {n} states"
    );
    let mut text = vec!["check", "--scenario", "client-server"];
    text.extend_from_slice(SMALL);
    let out = String::from_utf8(synack(&text).stdout).expect("utf-8");
    assert!(out.contains("collision probability at most"), "{out}");
}

#[test]
fn a_bitstate_search_reports_its_coverage_and_proves_nothing_it_did_not_find() {
    // `--bitstate` (issue 15): states kept as bits; what it finds is real,
    // the rest undecided (exit status 3), with an estimate of what it missed.
    let args = [
        "--scenario",
        "client-server",
        "--bitstate",
        "1M",
        "--losses",
        "1",
        "--duplicates",
        "0",
        "--reorders",
        "0",
    ];
    let (code, reports, _) = check_json(&args);
    assert_eq!(code, Some(3), "nothing violated, something undecided");
    let r = &reports[0];
    assert_eq!(r["stopped"], "bitstate");
    assert_eq!(r["complete"], false);
    let b = &r["bitstate"];
    assert_eq!(b["bits"], 8 << 20);
    assert_eq!(b["hashes"], 3);
    let coverage = b["coverage"].as_f64().expect("a fraction");
    assert!(coverage > 0.99 && coverage <= 1.0, "{coverage}");
    let verdicts: Vec<&str> = r["properties"]
        .as_array()
        .expect("properties")
        .iter()
        .map(|p| p["verdict"].as_str().expect("a verdict"))
        .collect();
    assert!(verdicts.contains(&"reached"));
    assert!(!verdicts.contains(&"holds"), "{verdicts:?}");
    // A variant's violation is found and shown, exit status 1.
    let out = synack(&[
        "check",
        "--variant",
        "two-way-handshake",
        "--bitstate",
        "16M",
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("bitstate: 134,217,728 bits (16 MiB)"),
        "{text}"
    );
    assert!(text.contains("violated"), "{text}");
}
