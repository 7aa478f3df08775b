//! The command functions the `synack` binary wires in: exit statuses.

use std::process::ExitCode;
use synack_conformance::cli::{self, ConformArgs, Format, ProfileName, ReplayArgs};

fn conform(stack: &str) -> ExitCode {
    cli::conform(&ConformArgs {
        stack: stack.into(),
        cases: 4,
        seed: 1,
        format: Format::Json,
        profile: ProfileName::Strict,
        time_limit_ms: 2000,
        quiet: true,
        jobs: None,
    })
}

fn replay(text: &str, stack: &str) -> ExitCode {
    let file =
        std::env::temp_dir().join(format!("synack-replay-{}-{stack}.txt", std::process::id()));
    std::fs::write(&file, text).unwrap();
    let code = cli::replay(&ReplayArgs {
        file: file.clone(),
        stack: stack.into(),
        profile: ProfileName::Strict,
        time_limit_ms: 2000,
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
