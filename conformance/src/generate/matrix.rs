//! The state × event matrix: for each of the eleven states, each kind of
//! incoming segment at each position, each user call, and a timeout.
//!
//! Each cell is one case: a model path to the state, then the event. A
//! state's row runs once for each way into it ([`Row`]): the shortest model
//! path (see [`paths`](super::paths)), a shortest path of each other
//! history class ([`histories`](super::histories)), and, where a timer
//! runs, the shortest path with part of the timer run before the event and
//! the rest after it. A cell that no peer can produce is listed with the
//! reason, never silently left out; a position whose segment coincides
//! with an earlier position's in that row is run once.

use crate::generate::histories::{histories, History};
use crate::generate::keepalive;
use crate::generate::paths::{paths, ModelPath};
use crate::probe::{self, Kind, Position};
use crate::run::{self, Case, Step};
use crate::script::{send, Line};
use crate::stack::Call;
use serde::Serialize;
use std::fmt;
use std::sync::OnceLock;
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

/// How a row's state is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Row {
    /// By the shortest model path.
    Shortest,
    /// By a shortest path of another history class.
    Entered(History),
    /// By the shortest path, then half the time to its next timeout: the
    /// event comes while a timer runs, with `left` ticks to go. After it,
    /// exactly those ticks pass, then time runs to the next timeout; so a
    /// timer the event should restart and does not expires early, and one
    /// it should leave alone and restarts expires late (§3.10.7.4, §3.10.8,
    /// §3.8.4). ESTABLISHED and CLOSE-WAIT run no timer of their own: there
    /// the application turns keep-alive on first (MUST-24).
    Aged {
        /// Ticks left on the timer when the event comes.
        left: synack_model::Ticks,
    },
}

impl Row {
    /// Whether a path around a deviation may take the row's place: the
    /// shortest and aged rows, yes; a row of another history keeps its
    /// history, and no other path is of its class.
    pub fn reroutes(self) -> bool {
        !matches!(self, Row::Entered(_))
    }
}

impl fmt::Display for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Row::Shortest => Ok(()),
            Row::Entered(h) => write!(f, " (entered {h})"),
            Row::Aged { .. } => f.write_str(" (timer half run)"),
        }
    }
}

/// A cell: a state, how it was reached, a column and, for segments, a
/// position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Cell {
    /// The state the stack is driven to.
    pub state: State,
    /// How.
    pub row: Row,
    /// What happens there.
    pub column: Column,
    /// Where the segment lies, for segment columns.
    pub position: Option<Position>,
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{} × {}", self.state.rfc_name(), self.row, self.column)?;
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

/// Every cell of the matrix, state by state, row by row.
pub fn matrix() -> Vec<Entry> {
    all_rows()
        .iter()
        .flat_map(|(state, row, prefix)| row_entries(*state, *row, prefix.clone()))
        .collect()
}

/// How a row reaches its state: the steps and their origin, or `None` if
/// no model path reaches it.
pub type Prefix = Option<(Vec<Step>, String)>;

/// Every row of the matrix: its state, how it is reached, and its steps
/// and origin (`None` if no model path reaches the state), found once per
/// process. Random scripts start from them too.
pub fn all_rows() -> &'static [(State, Row, Prefix)] {
    static ROWS: OnceLock<Vec<(State, Row, Prefix)>> = OnceLock::new();
    ROWS.get_or_init(|| {
        State::ALL
            .into_iter()
            .flat_map(|state| rows(state).into_iter().map(move |(r, p)| (state, r, p)))
            .collect()
    })
}

/// The rows of `state`: how each reaches it, as steps and their origin
/// (`None` if no model path reaches the state: its cases fail loudly
/// rather than leaving the cells empty).
fn rows(state: State) -> Vec<(Row, Prefix)> {
    let lines = |p: &ModelPath| p.lines.iter().cloned().map(Step::Line).collect::<Vec<_>>();
    let shortest = paths().to_state.get(&state);
    let mut rows = vec![(Row::Shortest, shortest.map(|p| (lines(p), p.origin())))];
    for ((s, history), path) in histories() {
        // The shortest path already is of one class: not twice.
        if *s == state && shortest.is_none_or(|p| p.lines != path.lines) {
            rows.push((Row::Entered(*history), Some((lines(path), path.origin()))));
        }
    }
    if let Some((steps, left)) = shortest.and_then(|p| aged(state, p)) {
        let origin = shortest.map(ModelPath::origin).unwrap_or_default();
        rows.push((Row::Aged { left }, Some((steps, origin))));
    }
    rows
}

/// `path` to `state`, then half the time to the next timeout (keep-alive
/// on first where no timer of the state's own runs), and the ticks left;
/// `None` where no timer runs or it has less than two ticks to go.
fn aged(state: State, path: &ModelPath) -> Option<(Vec<Step>, synack_model::Ticks)> {
    let mut steps: Vec<Step> = path.lines.iter().cloned().map(Step::Line).collect();
    if matches!(state, State::Established | State::CloseWait) {
        steps.push(Step::Line(Line::Call(Call::KeepAlive(keepalive::SETTINGS))));
    }
    let t = run::after(&steps).1.filter(|&t| t >= 2)?;
    steps.push(Step::Line(Line::Wait(t / 2)));
    Some((steps, t - t / 2))
}

/// The case of `cell` after `prefix`: its event, and for an aged row the
/// ticks left on the timer and its next timeout.
fn build(cell: Cell, prefix: Vec<Step>, origin: &str) -> Case {
    let mut origin = origin.to_string();
    if let Some(p) = cell.position {
        origin = format!("{origin}; boundary of {}", p.boundary());
    }
    let mut steps = prefix;
    steps.push(cell.column.step(cell.position));
    if let (Row::Aged { left }, false) = (cell.row, cell.column == Column::Timeout) {
        steps.push(Step::Line(Line::Wait(left)));
        steps.push(Step::Expire);
    }
    Case {
        name: cell.to_string(),
        origin,
        steps,
        transition: None,
    }
}

/// The cells of one row.
fn row_entries(state: State, row: Row, prefix: Prefix) -> Vec<Entry> {
    let (prefix, origin) =
        prefix.unwrap_or_else(|| (Vec::new(), format!("no model path reaches {state}")));
    let numbers = run::after(&prefix).0;
    let mut entries = Vec::new();
    for column in Column::all() {
        let positions: Vec<Option<Position>> = match column {
            Column::Segment(_) => Position::ALL.into_iter().map(Some).collect(),
            _ => vec![None],
        };
        let mut placed = Vec::new();
        for position in positions {
            let cell = Cell {
                state,
                row,
                column,
                position,
            };
            if let (Column::Segment(kind), Some(p)) = (column, position) {
                if let Some(why) = p.unproducible(kind) {
                    entries.push(Entry::Unproducible(cell, why));
                    continue;
                }
                // Where two boundaries coincide (SND.UNA = SND.NXT when
                // nothing is outstanding, say), the segment is sent once.
                let line = probe::line(kind, p, &numbers);
                if placed.contains(&line) {
                    continue;
                }
                placed.push(line);
            }
            entries.push(Entry::Case(cell, build(cell, prefix.clone(), &origin)));
        }
    }
    entries
}

/// How many steps of `case`, the case of `cell`, come before the cell's
/// own event: an aged row's case goes on after it (the ticks left, the
/// next timeout).
pub fn event_index(cell: Cell, case: &Case) -> usize {
    let after = match (cell.row, cell.column) {
        (Row::Aged { .. }, column) if column != Column::Timeout => 2,
        _ => 0,
    };
    case.steps.len().saturating_sub(1 + after)
}

/// The case of `cell` on another model `path` to its state (a path
/// around a deviation, [`crate::suite`]): its event after the path, aged as
/// its row is. A state the model cannot reach gets a case with no path: it
/// fails loudly rather than leaving the cell empty.
pub fn case(cell: Cell, path: Option<&ModelPath>) -> Case {
    let Some(p) = path else {
        let origin = format!("no model path reaches {}", cell.state);
        return build(cell, Vec::new(), &origin);
    };
    if let (Row::Aged { .. }, Some((steps, left))) = (cell.row, aged(cell.state, p)) {
        // The same cell (its name does not carry the ticks), with the
        // ticks this path leaves on the timer.
        let cell = Cell {
            row: Row::Aged { left },
            ..cell
        };
        return build(cell, steps, &p.origin());
    }
    let prefix = p.lines.iter().cloned().map(Step::Line).collect();
    build(cell, prefix, &p.origin())
}
