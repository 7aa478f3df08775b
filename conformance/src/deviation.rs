//! What a failed case reports: the rule, the state, the event, what was
//! expected and what was observed, and the script that shows it again.

use serde::Serialize;
use std::fmt;

/// Why a case failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Failure {
    /// The stack did what no configuration of the endpoint the profile
    /// allows would do.
    Deviation,
    /// The stack panicked.
    Panic,
    /// The stack did not return within the case's time limit.
    Hang,
    /// The stack emitted bytes that are not a segment.
    Malformed,
    /// The generated path did not do what it was generated for (a bug in
    /// the suite, reported rather than hidden).
    Harness,
}

/// One side of the comparison: a state, the segments sent, a call result.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Observation {
    /// The connection state, if known.
    pub state: Option<String>,
    /// The segments, as script lines (`> ACK seq=1 ack=1 win=4`).
    pub segments: Vec<String>,
    /// The user call's result, if the event was a call.
    pub call: Option<String>,
    /// For failures that are not deviations: what happened.
    pub note: Option<String>,
}

impl fmt::Display for Observation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(note) = &self.note {
            parts.push(note.clone());
        }
        if let Some(state) = &self.state {
            parts.push(format!("state {state}"));
        }
        if let Some(call) = &self.call {
            parts.push(format!("call {call}"));
        }
        if self.segments.is_empty() {
            if self.note.is_none() {
                parts.push("sends nothing".into());
            }
        } else {
            parts.push(format!("sends {}", self.segments.join(", ")));
        }
        f.write_str(&parts.join("; "))
    }
}

/// A failed case, as reports show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deviation {
    /// What kind of failure.
    pub failure: Failure,
    /// The rule broken: the RFC section, or the harness's own words.
    pub rule: String,
    /// The state the stack should have been in when the event happened.
    pub state: String,
    /// The event, as a script line.
    pub event: String,
    /// What the endpoint did (or: what a working stack does).
    pub expected: Observation,
    /// What the stack did.
    pub observed: Observation,
    /// The case: its name, how it was generated.
    pub case: String,
    /// The script that shows it again (`synack replay`).
    pub reproducer: String,
}

impl fmt::Display for Deviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.case)?;
        writeln!(f, "  rule:     {}", self.rule)?;
        writeln!(f, "  state:    {}", self.state)?;
        writeln!(f, "  event:    {}", self.event)?;
        writeln!(f, "  expected: {}", self.expected)?;
        writeln!(f, "  observed: {}", self.observed)?;
        writeln!(f, "  reproducer:")?;
        for line in self.reproducer.lines() {
            writeln!(f, "    {line}")?;
        }
        Ok(())
    }
}

impl Deviation {
    /// A stable name for the kind of deviation: the RFC section of the rule,
    /// the state, and the kind of event (`< FLAGS`, `+text` when it carries
    /// some, a call's name, or `wait`), e.g. `§3.10.7.4 SYN-RECEIVED × <
    /// SYN`. A stack's profile lists the signatures it is known to produce,
    /// so a change in the stack or the oracle shows up as a test failure.
    pub fn signature(&self) -> String {
        use crate::script::{self, Line};
        let section = self
            .rule
            .split_whitespace()
            .find(|word| word.starts_with('§'))
            .unwrap_or("harness");
        let kind = match script::parse(&self.event).map(|s| s.lines) {
            Ok(lines) => match lines.first() {
                Some(Line::Inject(s)) if s.payload.is_empty() => format!("< {}", s.flags),
                Some(Line::Inject(s)) => format!("< {}+text", s.flags),
                Some(Line::Call(call)) => call.to_string().split(' ').next().unwrap_or("").into(),
                Some(Line::Wait(_)) => "wait".into(),
                None => "-".into(),
            },
            Err(_) => "-".into(),
        };
        format!("{section} {} × {kind}", self.state)
    }
}
