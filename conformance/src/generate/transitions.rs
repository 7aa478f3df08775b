//! Model-guided paths: for each transition of RFC 9293 Figure 5, the
//! shortest model path that takes it, run against the stack. The case also
//! checks that the oracle took the transition, so a path that misses it is
//! a failure of the suite, not a silent gap.

use crate::generate::paths::{figure_5, paths, ModelPath};
use crate::run::{Case, Step};
use crate::script::Line;
use synack_model::State;

/// One case per Figure 5 transition.
pub fn transitions() -> Vec<Case> {
    figure_5()
        .into_iter()
        .map(|(from, to)| case(from, to, paths().transitions.get(&(from, to))))
        .collect()
}

/// The case of the transition `from -> to` along `path`. A transition
/// that time takes (TIME-WAIT -> CLOSED) waits for the stack's own timer,
/// not the model's number of ticks: a profile may declare a longer one.
pub fn case(from: State, to: State, path: Option<&ModelPath>) -> Case {
    let mut steps: Vec<Step> = path.map_or(Vec::new(), |p| {
        p.lines.iter().cloned().map(Step::Line).collect()
    });
    if let Some(last) = steps.last_mut() {
        if matches!(last, Step::Line(Line::Wait(_))) {
            *last = Step::Expire;
        }
    }
    Case {
        name: format!("{from} -> {to} (Figure 5)"),
        origin: path.map_or("no model path takes it".into(), |p| p.origin()),
        steps,
        transition: Some((from, to)),
    }
}
