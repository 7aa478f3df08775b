//! The command functions the `synack` binary wires in: exit statuses.

use std::process::ExitCode;
use synack_conformance::cli::{self, ConformArgs, Format, ProfileName, ReplayArgs, TargetArgs};

fn args(stack: &str) -> ConformArgs {
    ConformArgs {
        target: TargetArgs {
            stack: Some(stack.into()),
            driver: None,
        },
        cases: 4,
        seed: 1,
        format: Format::Json,
        profile: None,
        time_limit_ms: None,
        quiet: true,
        jobs: None,
        baseline: None,
        write_baseline: None,
        max_hangs: synack_conformance::hangs::DEFAULT_MAX_HANGS,
    }
}

fn conform(stack: &str) -> ExitCode {
    cli::conform(&args(stack))
}

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("synack-{}-{name}", std::process::id()))
}

fn replay(text: &str, stack: &str) -> ExitCode {
    let file =
        std::env::temp_dir().join(format!("synack-replay-{}-{stack}.txt", std::process::id()));
    std::fs::write(&file, text).unwrap();
    let code = cli::replay(&ReplayArgs {
        file: file.clone(),
        target: TargetArgs {
            stack: Some(stack.into()),
            driver: None,
        },
        profile: Some(ProfileName::Model),
        time_limit_ms: None,
    });
    let _ = std::fs::remove_file(file);
    code
}

#[test]
fn conform_exits_0_iff_the_stack_conforms_and_2_on_an_unknown_stack() {
    assert_eq!(conform("reference"), ExitCode::SUCCESS);
    assert_eq!(conform("mutant:skips-time-wait"), ExitCode::from(1));
    assert_eq!(conform("no-such-stack"), ExitCode::from(2));
}

#[test]
fn replay_exits_0_1_or_2() {
    let script = "listen\n< SYN seq=0 win=4\n< ACK seq=1 ack=1 win=4\n< RST seq=1 win=4\n";
    assert_eq!(replay(script, "reference"), ExitCode::SUCCESS);
    assert_eq!(
        replay(script, "mutant:established-ignores-rst"),
        ExitCode::from(1)
    );
    assert_eq!(
        replay("listen\nsend x\n", "reference"),
        ExitCode::from(2),
        "bad script"
    );
}

#[cfg(feature = "smoltcp")]
#[test]
fn a_baseline_turns_known_fails_into_exit_0_and_a_new_one_still_fails() {
    // smoltcp has fails: without its baseline the run fails.
    assert_eq!(conform("smoltcp"), ExitCode::from(1));
    // With the baseline it writes, the same run passes.
    let file = temp("smoltcp.baseline");
    let write = ConformArgs {
        write_baseline: Some(file.clone()),
        ..args("smoltcp")
    };
    assert_eq!(cli::conform(&write), ExitCode::from(1));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("close-syn-received SYN-RECEIVED × close"),
        "{text}"
    );
    let with = ConformArgs {
        baseline: Some(file.clone()),
        ..args("smoltcp")
    };
    assert_eq!(cli::conform(&with), ExitCode::SUCCESS);
    // A baseline that lacks one fail lets that one fail the run.
    let less: String = text
        .lines()
        .filter(|l| !l.starts_with("close-syn-received"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&file, less).unwrap();
    assert_eq!(cli::conform(&with), ExitCode::from(1));
    // A file that is not a baseline is a usage error.
    std::fs::write(&file, "this is not a signature\n").unwrap();
    assert_eq!(cli::conform(&with), ExitCode::from(2));
    let _ = std::fs::remove_file(&file);
    let missing = ConformArgs {
        baseline: Some(temp("no-such-file")),
        ..args("smoltcp")
    };
    assert_eq!(cli::conform(&missing), ExitCode::from(2));
}

#[test]
fn conform_and_replay_need_exactly_one_of_stack_and_driver() {
    let neither = ConformArgs {
        target: TargetArgs::default(),
        ..args("reference")
    };
    assert_eq!(cli::conform(&neither), ExitCode::from(2));
    let both = ConformArgs {
        target: TargetArgs {
            stack: Some("reference".into()),
            driver: Some("true".into()),
        },
        ..args("reference")
    };
    assert_eq!(cli::conform(&both), ExitCode::from(2));
    let missing = ConformArgs {
        target: TargetArgs {
            stack: None,
            driver: Some("/nonexistent/synack-driver".into()),
        },
        ..args("reference")
    };
    assert_eq!(cli::conform(&missing), ExitCode::from(2), "cannot start: 2");
}
