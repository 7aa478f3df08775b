//! Keep-alive cases (§3.8.4; claim F1 on a real stack): from each state
//! keep-alive runs in (ESTABLISHED, CLOSE-WAIT, FIN-WAIT-2), the application turns keep-alive on (MUST-24) and the
//! peer stays silent: after the idle time a probe, another after the
//! interval, then the connection is given up. A stack that cannot do
//! keep-alive refuses the call, which the oracle accepts (§3.9.1), and the
//! report says so. Beside the silent peer, one that loses the first probe
//! and answers the second, and one that answers half an interval late.

use crate::generate::paths::paths;
use crate::probe::{Kind, Position};
use crate::run::{Case, Step};
use crate::script::Line;
use crate::stack::Call;
use synack_model::{Endpoint, Keepalive, State};

/// Whole seconds at 500 ms a tick, so a kernel can take them: idle 1 s,
/// 1 s between probes, two probes (MUST-29: never one).
pub const SETTINGS: Keepalive = Keepalive {
    idle: 2,
    interval: 2,
    probes: 2,
};

/// The states keep-alive runs in: the endpoint's own list.
const STATES: [State; 3] = Endpoint::KEEPALIVE_STATES;

/// What the peer does once keep-alive is on, by name.
fn peers() -> Vec<(&'static str, Vec<Step>)> {
    let ack = Step::Probe(Kind::Ack, Position::LeftEdge);
    vec![
        // Each timer let run out in turn: probe, probe, give up (F1).
        ("the peer silent", vec![Step::Expire; 3]),
        // The first probe lost, the second answered: the connection lives
        // and the idle time starts again (MUST-29: one lost probe is no
        // death), so the next timeout probes again.
        (
            "the first probe lost",
            vec![Step::Expire, Step::Expire, ack.clone(), Step::Expire],
        ),
        // The answer comes half an interval late: still in time, the
        // count starts again.
        (
            "the answer late",
            vec![
                Step::Expire,
                Step::Line(Line::Wait(SETTINGS.interval / 2)),
                ack,
                Step::Expire,
                Step::Expire,
            ],
        ),
    ]
}

/// One case a state and peer: its shortest model path, `keepalive`, then
/// the peer's part.
pub fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for state in STATES {
        let Some(path) = paths().to_state.get(&state) else {
            continue;
        };
        for (what, tail) in peers() {
            let mut steps: Vec<Step> = path.lines.iter().cloned().map(Step::Line).collect();
            steps.push(Step::Line(Line::Call(Call::KeepAlive(SETTINGS))));
            steps.extend(tail);
            cases.push(Case {
                name: format!("{} × keep-alive, {what}", state.rfc_name()),
                origin: path.origin(),
                steps,
                transition: None,
            });
        }
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_case_a_state_keep_alive_runs_in() {
        let cases = cases();
        assert_eq!(cases.len(), STATES.len() * peers().len());
        for case in &cases {
            assert!(case
                .steps
                .contains(&Step::Line(Line::Call(Call::KeepAlive(SETTINGS)))));
        }
    }
}
