//! Matrix rows smoltcp never reaches by the suite's own paths.
//!
//! The shortest model paths to FIN-WAIT-1 and TIME-WAIT close in
//! SYN-RECEIVED (scenario `syn-rcvd-close`), where smoltcp deviates at
//! once (it sends no FIN): every cell of those two rows stops at that
//! CLOSE and says nothing of the rows themselves. These cases reach the two
//! states by an active open and close instead, then run the same cells.

use crate::generate::matrix::{matrix, Entry};
use crate::run::{Case, Step};
use crate::script;
use synack_model::State;

/// An active open, then CLOSE in ESTABLISHED: FIN-WAIT-1.
const TO_FIN_WAIT_1: &str = "connect\n< SYN,ACK seq=0 ack=1 win=4\nclose\n";
/// Then the peer acknowledges our FIN and sends its own: TIME-WAIT.
const TO_TIME_WAIT: &str = "< ACK seq=1 ack=2 win=4\n< FIN,ACK seq=1 ack=2 win=4\n";

/// The matrix cells of FIN-WAIT-1 and TIME-WAIT, each reached by an
/// active open and close instead of the model's shortest path.
pub fn detour_cases() -> Vec<Case> {
    let prefix = |state: State| -> Option<(String, Vec<Step>)> {
        let text = match state {
            State::FinWait1 => TO_FIN_WAIT_1.to_string(),
            State::TimeWait => format!("{TO_FIN_WAIT_1}{TO_TIME_WAIT}"),
            _ => return None,
        };
        let parsed = script::parse(&text).expect("the detour scripts parse");
        Some((text, parsed.lines.into_iter().map(Step::Line).collect()))
    };
    matrix()
        .into_iter()
        .filter_map(|entry| match entry {
            Entry::Case(cell, case) => {
                let (text, mut steps) = prefix(cell.state)?;
                steps.extend(case.steps.last().cloned());
                Some(Case {
                    name: format!("{} (by active close)", case.name),
                    origin: format!("detour: {}", text.trim().replace('\n', "; ")),
                    steps,
                    transition: None,
                })
            }
            Entry::Unproducible(..) => None,
        })
        .collect()
}
