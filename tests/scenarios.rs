//! Every scenario's properties hold at small bounds, and the size of each
//! state space is pinned (as stateright's examples do) so that a change to
//! the model shows up as a visible diff. Each count is also what stateright's
//! own BFS finds: two independent explorers agree.

mod common;

use common::{model, run, small};
use stateright::{Checker, Model};

fn check_scenario(name: &str, expected_states: usize) {
    let m = model(name, small());
    let report = run(&m);
    for p in &report.properties {
        assert!(p.holds, "{name}: {} does not hold", p.name);
    }
    assert!(report.complete);
    assert_eq!(
        report.distinct_states, expected_states,
        "{name}: state count changed"
    );
    let theirs = m.clone().checker().threads(2).spawn_bfs().join();
    assert_eq!(
        theirs.unique_state_count(),
        expected_states,
        "{name}: stateright disagrees"
    );
}

#[test]
fn can_check_client_server() {
    check_scenario("client-server", 122872);
}

#[test]
fn can_check_simultaneous_open() {
    check_scenario("simultaneous-open", 82336);
}

#[test]
fn can_check_simultaneous_close() {
    check_scenario("simultaneous-close", 62919);
}

#[test]
fn can_check_half_close() {
    check_scenario("half-close", 89579);
}

#[test]
fn can_check_reconnect() {
    check_scenario("reconnect", 261854);
}

#[test]
fn can_check_peer_crash() {
    check_scenario("peer-crash", 7106);
}

#[test]
fn can_check_half_open() {
    check_scenario("half-open", 29057);
}

#[test]
fn can_check_syn_rcvd_close() {
    check_scenario("syn-rcvd-close", 47632);
}

#[test]
fn thread_count_changes_nothing() {
    let m = model("simultaneous-open", small());
    let one = synack_model::check::check(
        &m,
        &synack_model::check::Options {
            threads: 1,
            ..Default::default()
        },
        &mut |_| {},
    );
    let two = run(&m);
    assert_eq!(one.distinct_states, two.distinct_states);
    assert_eq!(one.states_generated, two.states_generated);
    assert_eq!(one.max_depth, two.max_depth);
}

#[test]
fn can_check_abandon() {
    check_scenario("abandon", 134341);
}

#[test]
fn can_check_abort_handshake() {
    check_scenario("abort-handshake", 53145);
}

#[test]
fn can_check_abort_close_wait() {
    check_scenario("abort-close-wait", 25085);
}
