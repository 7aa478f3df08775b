//! Keep-alive cases (§3.8.4; claim F1 on a real stack): from each state
//! keep-alive runs in (ESTABLISHED, CLOSE-WAIT, FIN-WAIT-2), the application turns keep-alive on (MUST-24) and the
//! peer stays silent: after the idle time a probe, another after the
//! interval, then the connection is given up. A stack that cannot do
//! keep-alive refuses the call, which the oracle accepts (§3.9.1), and the
//! report says so.

use crate::generate::paths::paths;
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

/// One case a state: its shortest model path, `keepalive`, then each
/// timer let run out in turn (probe, probe, give up).
pub fn cases() -> Vec<Case> {
    STATES
        .iter()
        .filter_map(|state| {
            let path = paths().to_state.get(state)?;
            let mut steps: Vec<Step> = path.lines.iter().cloned().map(Step::Line).collect();
            steps.push(Step::Line(Line::Call(Call::KeepAlive(SETTINGS))));
            steps.extend(std::iter::repeat_n(Step::Expire, 3));
            Some(Case {
                name: format!("{} × keep-alive, the peer silent", state.rfc_name()),
                origin: path.origin(),
                steps,
                transition: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_case_a_state_keep_alive_runs_in() {
        let cases = cases();
        assert_eq!(cases.len(), STATES.len());
        for case in &cases {
            assert!(case
                .steps
                .contains(&Step::Line(Line::Call(Call::KeepAlive(SETTINGS)))));
        }
    }
}
