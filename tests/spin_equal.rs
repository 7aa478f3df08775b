//! The Promela model in bench/spin is the same system as synack's
//! `client-server` scenario: SPIN, without partial-order reduction, stores
//! exactly as many states as synack finds distinct (issue 7). bench/compare
//! times the two at larger bounds; this keeps them equal as the model
//! changes, at bounds that exercise each network fault.
//!
//! Needs `spin` and `gcc` (.ci/run installs them). Without them the test
//! says so and passes, except under CI, where it fails.

mod common;

use std::path::Path;
use std::process::Command;

use common::{model, run};
use synack_model::model::Bounds;

fn have(tool: &str, version_flag: &str) -> bool {
    Command::new(tool)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// SPIN's stored-state count at these bounds, with reduction off.
fn spin_states(bounds: &Bounds, dir: &Path) -> usize {
    let pml = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/spin/tcp.pml");
    let define = |name: &str, value: u64| format!("-D{name}={value}");
    let status = Command::new("spin")
        .current_dir(dir)
        .args([
            define("LOSSES", bounds.losses.into()),
            define("DUPLICATES", bounds.duplicates.into()),
            define("REORDERS", bounds.reorders.into()),
            define("MSL", bounds.msl.into()),
            define("RTO", bounds.rto.into()),
            define("MAX_RETRIES", bounds.max_retries.into()),
        ])
        .arg("-a")
        .arg(&pml)
        .status()
        .expect("spin runs");
    assert!(status.success(), "spin -a failed");
    // -O0: compiling pan.c dominates at these bounds, not running it.
    let status = Command::new("gcc")
        .current_dir(dir)
        .args(["-O0", "-DNOREDUCE", "-DSAFETY", "-o", "pan", "pan.c"])
        .status()
        .expect("gcc runs");
    assert!(status.success(), "gcc failed on pan.c");
    let out = Command::new(dir.join("pan"))
        .current_dir(dir)
        .args(["-m100000", "-w22"])
        .output()
        .expect("pan runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("errors: 0"), "pan reported an error:\n{text}");
    text.lines()
        .find_map(|l| l.trim().strip_suffix("states, stored"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no state count in pan's output:\n{text}"))
}

#[test]
fn spin_stores_as_many_states_as_synack_finds() {
    if !(have("spin", "-V") && have("gcc", "--version")) {
        assert!(
            std::env::var_os("CI").is_none(),
            "spin and gcc are missing: .ci/run installs them"
        );
        eprintln!("skipped: spin or gcc is not installed (apt-get install spin gcc)");
        return;
    }
    // One bounds each for losses with duplicates, and for reordering.
    let cases = [(1, 1, 0), (0, 0, 1)].map(|(losses, duplicates, reorders)| Bounds {
        losses,
        duplicates,
        reorders,
        ..Bounds::default()
    });
    std::thread::scope(|s| {
        for (k, bounds) in cases.iter().enumerate() {
            s.spawn(move || {
                let dir =
                    std::env::temp_dir().join(format!("synack-spin-{}-{k}", std::process::id()));
                std::fs::create_dir_all(&dir).expect("a scratch directory");
                let spin = spin_states(bounds, &dir);
                std::fs::remove_dir_all(&dir).ok();
                let synack = run(&model("client-server", *bounds)).distinct_states;
                assert_eq!(spin, synack, "bounds {bounds:?}");
            });
        }
    });
}
