//! Broken drivers fail their cases, one line each, and synack survives:
//! one that exits at once, one that never answers, one that prints
//! garbage, one that speaks version 2, one that dies mid-case. Every child
//! is reaped. One test, so no other test's children are counted.

use std::sync::Arc;
use std::time::Duration;
use synack_conformance::generate::matrix::{matrix, Entry};
use synack_conformance::run::{run_case, Case};
use synack_conformance::stacks::driver::{self, pool::Pool, words};
use synack_conformance::{Failure, Profile};

/// The live or unreaped children of this process (Linux: /proc).
fn children() -> usize {
    // A pool reaps its idle processes when dropped (a `quit`, then a kill
    // 100 ms later): give that a moment before counting what is left.
    let deadline = std::time::Instant::now() + Duration::from_secs(3);
    loop {
        let n = children_now();
        if n == 0 || std::time::Instant::now() > deadline {
            return n;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// This process's children at this moment.
fn children_now() -> usize {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
        .map(|c| c.split_whitespace().count())
        .sum()
}

/// A few cases of the matrix: enough to see each fail on its own.
fn cases() -> Vec<Case> {
    matrix()
        .into_iter()
        .filter_map(|e| match e {
            Entry::Case(_, case) => Some(case),
            Entry::Unproducible(..) => None,
        })
        .step_by(40)
        .take(4)
        .collect()
}

/// Run `cases` against the Python driver `source` and return each case's
/// one-line reason.
fn reasons(dir: &std::path::Path, name: &str, source: &str) -> Vec<String> {
    let path = dir.join(format!("{name}.py"));
    std::fs::write(&path, source).expect("write the driver");
    let limit = Duration::from_millis(600);
    let argv = words::split(&format!("python3 '{}'", path.display())).expect("words");
    let pool = Arc::new(Pool::new(argv, driver::request_timeout(limit), true));
    let make = driver::factory(pool);
    cases()
        .iter()
        .map(|case| {
            let result = run_case(case, &make, &Profile::strict(), limit);
            let d = result
                .deviation
                .unwrap_or_else(|| panic!("{name}: {} passed", case.name));
            assert_eq!(d.failure, Failure::Malformed, "{name}: {d}");
            let note = d.observed.note.clone().unwrap_or_default();
            assert!(!note.contains('\n'), "{name}: not one line: {note}");
            note
        })
        .collect()
}

#[test]
fn broken_drivers_fail_their_cases_and_are_reaped() {
    if !std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        eprintln!("skipped: python3 is not available");
        return;
    }
    let dir = std::env::temp_dir().join(format!("synack-drivers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let hello = r#"import sys, json
for line in sys.stdin:
    op = json.loads(line)["op"]
"#;
    let expectations = [
        ("exits", "import sys\nsys.exit(3)\n".to_string(), "exit status: 3"),
        (
            "hangs",
            "import time\ntime.sleep(60)\n".to_string(),
            "no answer to",
        ),
        (
            "garbage",
            "import sys\nfor line in sys.stdin:\n    print('hello there', flush=True)\n".to_string(),
            "\"hello there\"",
        ),
        (
            "version2",
            format!("{hello}    print(json.dumps({{'version': 2, 'name': 'v2'}}), flush=True)\n"),
            "driver speaks protocol version 2, synack speaks 1",
        ),
        (
            "dies",
            format!(
                "{hello}    if op == 'hello': print(json.dumps({{'version': 1, 'name': 'd'}}), flush=True)\n    elif op == 'reset': print('{{}}', flush=True)\n    else: sys.exit(9)\n"
            ),
            "exit status: 9",
        ),
    ];
    for (name, source, expected) in expectations {
        for reason in reasons(&dir, name, &source) {
            assert!(reason.contains(expected), "{name}: {reason}");
        }
        assert_eq!(children(), 0, "{name}: a child left behind");
    }
    // A process that dies while it waits in the pool costs no case: the
    // next case gets a new one.
    let stale = format!(
        "{hello}    if op == 'reset' and resets: sys.exit(0)\n    resets = resets or op == 'reset'\n    print(json.dumps({{'version': 1, 'name': 's'}} if op == 'hello' else {{'packets': []}} if op == 'emitted' else {{'result': 'error', 'error': 'no'}} if op in ('listen', 'connect', 'send', 'close', 'abort') else {{}}), flush=True)\n"
    );
    let path = dir.join("stale.py");
    std::fs::write(
        &path,
        stale.replace("import sys, json\n", "import sys, json\nresets = False\n"),
    )
    .expect("write the driver");
    let argv = words::split(&format!("python3 '{}'", path.display())).expect("words");
    let limit = Duration::from_millis(600);
    let make = driver::factory(Arc::new(Pool::new(
        argv,
        driver::request_timeout(limit),
        true,
    )));
    for case in cases() {
        let result = run_case(&case, &make, &Profile::strict(), limit);
        if let Some(d) = result.deviation {
            assert_ne!(d.failure, Failure::Malformed, "stale: {d}");
        }
    }
    drop(make);
    assert_eq!(children(), 0, "stale: a child left behind");
    // The CLI: a driver that cannot say hello is exit status 2, one line.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(["conform", "--driver"])
        .arg(format!("python3 '{}'", dir.join("version2.py").display()))
        .output()
        .expect("synack runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("protocol version 2"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
