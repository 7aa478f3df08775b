//! The state × event matrix: for each of the eleven states, each kind of
//! incoming segment at each position, each user call, and a timeout.
//!
//! Each cell is one case: the shortest model path to the state (see
//! [`paths`](super::paths)), then the event. A cell that no peer can
//! produce is listed with the reason, never silently left out.

use crate::generate::paths::{paths, ModelPath};
use crate::probe::{Kind, Position};
use crate::run::{Case, Step};
use crate::script::{send, Line};
use crate::stack::Call;
use serde::Serialize;
use std::fmt;
use synack_model::State;

/// A column of the matrix: what happens to the stack in the state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Column {
    /// A segment of this kind arrives (at each [`Position`]).
    Segment(Kind),
    /// Passive OPEN.
    Listen,
    /// Active OPEN.
    Connect,
    /// SEND of one octet.
    Send,
    /// CLOSE.
    Close,
    /// ABORT.
    Abort,
    /// Time passes until the next timer expires.
    Timeout,
}

impl Column {
    /// All columns, in table order.
    pub fn all() -> Vec<Column> {
        let mut all: Vec<Column> = Kind::ALL.into_iter().map(Column::Segment).collect();
        all.extend([
            Column::Listen,
            Column::Connect,
            Column::Send,
            Column::Close,
            Column::Abort,
            Column::Timeout,
        ]);
        all
    }

    /// The steps of the event this column stands for.
    fn step(self, position: Option<Position>) -> Step {
        match (self, position) {
            (Column::Segment(kind), Some(p)) => Step::Probe(kind, p),
            (Column::Segment(kind), None) => Step::Probe(kind, Position::LeftEdge),
            (Column::Listen, _) => Step::Line(Line::Call(Call::Listen)),
            (Column::Connect, _) => Step::Line(Line::Call(Call::Connect)),
            (Column::Send, _) => Step::Line(Line::Call(send(1))),
            (Column::Close, _) => Step::Line(Line::Call(Call::Close)),
            (Column::Abort, _) => Step::Line(Line::Call(Call::Abort)),
            (Column::Timeout, _) => Step::Expire,
        }
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Column::Segment(kind) => write!(f, "{kind}"),
            Column::Listen => f.write_str("listen"),
            Column::Connect => f.write_str("connect"),
            Column::Send => f.write_str("send"),
            Column::Close => f.write_str("close"),
            Column::Abort => f.write_str("abort"),
            Column::Timeout => f.write_str("timeout"),
        }
    }
}

/// A cell: a state, a column and, for segments, a position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Cell {
    /// The state the stack is driven to.
    pub state: State,
    /// What happens there.
    pub column: Column,
    /// Where the segment lies, for segment columns.
    pub position: Option<Position>,
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} × {}", self.state.rfc_name(), self.column)?;
        if let Some(p) = self.position {
            write!(f, " at {p}")?;
        }
        Ok(())
    }
}

/// A cell of the matrix: a case to run, or why there is none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// The case that fills the cell.
    Case(Cell, Case),
    /// No peer can produce this cell, and why.
    Unproducible(Cell, &'static str),
}

impl Entry {
    /// The cell.
    pub fn cell(&self) -> Cell {
        match self {
            Entry::Case(cell, _) | Entry::Unproducible(cell, _) => *cell,
        }
    }
}

/// Every cell of the matrix, state by state.
pub fn matrix() -> Vec<Entry> {
    let mut entries = Vec::new();
    for state in State::ALL {
        let prefix = paths().to_state.get(&state);
        for column in Column::all() {
            let positions: Vec<Option<Position>> = match column {
                Column::Segment(_) => Position::ALL.into_iter().map(Some).collect(),
                _ => vec![None],
            };
            for position in positions {
                let cell = Cell {
                    state,
                    column,
                    position,
                };
                if let (Column::Segment(kind), Some(p)) = (column, position) {
                    if let Some(why) = p.unproducible(kind) {
                        entries.push(Entry::Unproducible(cell, why));
                        continue;
                    }
                }
                entries.push(Entry::Case(cell, case(cell, prefix)));
            }
        }
    }
    entries
}

/// The case of `cell`: `path` to its state, then its event. A state the
/// model cannot reach gets a case with no path: it fails loudly rather
/// than leaving the cell empty.
pub fn case(cell: Cell, path: Option<&ModelPath>) -> Case {
    let (mut steps, origin): (Vec<Step>, String) = match path {
        Some(p) => (
            p.lines.iter().cloned().map(Step::Line).collect(),
            p.origin(),
        ),
        None => (Vec::new(), format!("no model path reaches {}", cell.state)),
    };
    steps.push(cell.column.step(cell.position));
    Case {
        name: cell.to_string(),
        origin,
        steps,
        transition: None,
    }
}
