//! The judge `scripts/cargo-mutants` gives cargo-mutants: the default
//! conformance suite, run by a `synack` built from the unmutated tree
//! (`SYNACK_JUDGE`), against the reference stack built from the mutated one
//! (`synack-reference-driver`, through the driver protocol). The oracle must
//! not be mutated with the stack it judges: in one process both would share
//! the one endpoint, and every mutant would conform to itself.
//!
//! The reference must conform exactly (as `tests/driver.rs` asks of the
//! unmutated one), so a deviation of any grade catches a mutant; the
//! message names the grades, so the run's logs tell which mutants only a
//! non-strict or informational deviation caught.
//!
//! Ignored by `cargo test`: it needs a judge built beforehand, and the
//! driver tests already run the suite through the protocol against the
//! unmutated reference.

use std::process::Command;

const REFERENCE: &str = env!("CARGO_BIN_EXE_synack-reference-driver");

#[test]
#[ignore = "run by scripts/cargo-mutants, with SYNACK_JUDGE set"]
fn the_default_suite_finds_the_reference_conforms() {
    let judge = std::env::var("SYNACK_JUDGE")
        .expect("SYNACK_JUDGE: the path of a synack built from the unmutated tree");
    let out = Command::new(&judge)
        .args(["conform", "--driver", REFERENCE, "--format", "json"])
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap_or_else(|e| panic!("{judge}: {e}"));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no report from the judge ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let deviations: Vec<String> = report["deviations"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| format!("{} [{}]", d["signature"], d["grade"]))
        .collect();
    assert!(
        deviations.is_empty(),
        "JUDGE grades {}; first deviations:\n{}",
        report["grades"],
        deviations[..deviations.len().min(5)].join("\n")
    );
    assert!(out.status.success(), "the judge's verdict is FAIL");
}
