//! `synack explore` serves stateright's Explorer for our model on loopback;
//! `synack coverage` reaches every Figure 5 transition, and every
//! transition off it that it does not reach has its reason; each off it
//! names the conformance cases that take it.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn free_loopback_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut body = String::new();
    s.read_to_string(&mut body).ok()?;
    Some(body)
}

/// Kills the explorer whatever happens in the test.
struct Child(std::process::Child);
impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn explorer_status_answers_for_our_model() {
    let port = free_loopback_port();
    let _child = Child(
        Command::new(env!("CARGO_BIN_EXE_synack"))
            .args([
                "explore",
                "--addr",
                &format!("127.0.0.1:{port}"),
                "-s",
                "simultaneous-open",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(r) = get(port, "/.status") {
            break r;
        }
        assert!(Instant::now() < deadline, "the explorer never answered");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        status.starts_with("HTTP/1.") && status.contains("200"),
        "{status}"
    );
    let json = &status[status.find('{').unwrap()..];
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    assert!(v["model"].as_str().unwrap().ends_with("Tcp"), "{v}");
    let props: Vec<_> = v["properties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert!(props.iter().any(|p| p.contains("no-deadlock")), "{props:?}");
    // The initial state, with readable labels.
    let states = get(port, "/.states").unwrap();
    assert!(
        states.contains("SynSent") || states.contains("SYN"),
        "{states}"
    );
}

#[test]
fn busy_address_is_a_one_line_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(["explore", "--addr", &addr])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("cannot listen"));
}

#[test]
fn coverage_json_lists_every_transition_reached() {
    // At the default bounds, those the table's reasons are written for
    // (one reordering is what lets reconnect's SYN run out of retries).
    let out = Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(["coverage", "--format", "json", "--threads", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // Issue 17, item 5: it says it is running the check.
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(err.contains("model-checking the"), "{err}");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    let figure_5: Vec<_> = rows.iter().filter(|r| r["figure_5"] == true).collect();
    assert_eq!(figure_5.len(), 20, "Figure 5 has 20 transitions");
    for r in figure_5 {
        assert_eq!(r["reached"], true, "{r}");
        assert!(r["scenario"].is_string());
    }
    // Off the diagram: each reached, or the table says why not (and a
    // reason is never given for one that is reached).
    let off: Vec<_> = rows.iter().filter(|r| r["figure_5"] == false).collect();
    assert_eq!(off.len(), 28, "§3.10's transitions off Figure 5");
    for r in &off {
        assert!(r["rfc"].as_str().is_some_and(|s| s.contains('§')), "{r}");
        let explained = r["unreached_because"].is_string();
        assert!(
            (r["reached"] == true) != explained,
            "reached or explained, not both: {r}"
        );
        // And the conformance suite's cases that take it (issue 14).
        let cases = r["conformance"].as_array().map_or(0, Vec::len);
        assert!(cases > 0, "no conformance case takes it: {r}");
    }
    assert_eq!(off.iter().filter(|r| r["reached"] == true).count(), 15);
}
