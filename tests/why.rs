//! docs/why.md is what `synack why` prints: regenerate it with
//! `cargo run --release -- why > docs/why.md` when the model changes.

use std::process::Command;

#[test]
fn docs_why_md_is_what_synack_why_prints() {
    let out = Command::new(env!("CARGO_BIN_EXE_synack"))
        .arg("why")
        .output()
        .expect("the synack binary runs");
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).unwrap();
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/why.md")).unwrap();
    assert!(
        printed == committed,
        "docs/why.md is stale: run `cargo run --release -- why > docs/why.md`"
    );
    for question in [
        "three segments",
        "TIME-WAIT",
        "2MSL",
        "ISN",
        "four segments",
        "keep-alives",
        "SYN,ACK",
        "SYN flood",
    ] {
        assert!(
            committed.contains(question),
            "why.md answers nothing about {question}"
        );
    }
    assert_eq!(
        committed.matches("```mermaid").count(),
        9,
        "one diagram per expected violation"
    );
}
