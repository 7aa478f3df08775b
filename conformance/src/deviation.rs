//! What a failed case reports: the rule, the state, the event, what was
//! expected and what was observed, and the script that shows it again.

use crate::grade::{Basis, Grade};
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

impl Failure {
    /// Its name in signatures and reports.
    pub fn name(self) -> &'static str {
        match self {
            Failure::Deviation => "deviation",
            Failure::Panic => "panic",
            Failure::Hang => "hang",
            Failure::Malformed => "malformed",
            Failure::Harness => "harness",
        }
    }
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
    /// The octets delivered to the application, in hex, if known and any.
    pub received: Option<String>,
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
        if let Some(hex) = &self.received {
            parts.push(format!("delivers {} octet(s) {hex}", hex.len() / 2));
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
    /// How much it matters (RFC 9293's requirement levels).
    pub grade: Grade,
    /// The endpoint's rules it breaks, each with its requirements and the
    /// grade it earns; empty for a stack that panicked, hung or sent
    /// garbage.
    pub rests_on: Vec<Basis>,
    /// Listed in the baseline the run was given: known, so it fails no run.
    pub known: bool,
}

impl fmt::Display for Deviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known = if self.known { ", in the baseline" } else { "" };
        writeln!(f, "{} [{}{known}]", self.case, self.grade)?;
        writeln!(f, "  rule:     {}", self.rule)?;
        for b in &self.rests_on {
            let reqs = if b.requirements.is_empty() {
                "no numbered requirement".to_string()
            } else {
                b.requirements
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            writeln!(
                f,
                "  rests on: {} ({}; {reqs}): {} -> {}",
                b.rule, b.section, b.why, b.grade
            )?;
        }
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
    /// A stable name for the kind of deviation: the rule that grades it
    /// (or the kind of failure), the state, and the kind of event (`<
    /// FLAGS`, `+text` when it carries some, a call's name, or `wait`),
    /// e.g. `syn-challenge-ack ESTABLISHED × < SYN`. Baselines list
    /// deviations by it, so a change in the stack or the oracle shows.
    pub fn signature(&self) -> String {
        use crate::script::{self, Line};
        let rule = self
            .rests_on
            .iter()
            .find(|b| b.grade == self.grade)
            .map_or_else(|| self.failure.name().to_string(), |b| b.rule.clone());
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
        format!("{rule} {} × {kind}", self.state)
    }

    /// The numbered requirements it rests on (`MUST-13`), or `text` when
    /// it rests on text alone, or the kind of failure.
    pub fn requirements(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .rests_on
            .iter()
            .filter(|b| b.grade == self.grade)
            .flat_map(|b| {
                if b.requirements.is_empty() {
                    vec![if b.why.starts_with("the model shows") {
                        "text, model-shown".to_string()
                    } else if b.why.contains("MUST") {
                        "MUST (unnumbered)".to_string()
                    } else {
                        "text".to_string()
                    }]
                } else {
                    b.requirements.iter().map(|r| r.id.clone()).collect()
                }
            })
            .collect();
        if ids.is_empty() {
            ids.push(self.failure.name().to_string());
        }
        ids.dedup();
        ids
    }

    /// Whether this deviation fails a run: a fail not in the baseline.
    pub fn fails_run(&self) -> bool {
        self.grade == Grade::Fail && !self.known
    }
}
