//! Model-guided paths: for each transition of RFC 9293 Figure 5, the
//! shortest model path that takes it, run against the stack. The case also
//! checks that the oracle took the transition, so a path that misses it is
//! a failure of the suite, not a silent gap.

use crate::generate::paths::{figure_5, paths, ModelPath};
use crate::run::{Case, Step};
use synack_model::State;

/// One case per Figure 5 transition.
pub fn transitions() -> Vec<Case> {
    figure_5()
        .into_iter()
        .map(|(from, to)| case(from, to, paths().transitions.get(&(from, to))))
        .collect()
}

/// The case of the transition `from -> to` along `path`.
pub fn case(from: State, to: State, path: Option<&ModelPath>) -> Case {
    Case {
        name: format!("{from} -> {to} (Figure 5)"),
        origin: path.map_or("no model path takes it".into(), |p| p.origin()),
        steps: path.map_or(Vec::new(), |p| {
            p.lines.iter().cloned().map(Step::Line).collect()
        }),
        transition: Some((from, to)),
    }
}
