//! What a check reports, as text tables and charts or as JSON.

use serde::Serialize;
use std::fmt::Write;
use synack_model::check::Trace;
use synack_model::model::{Bounds, Tcp};

/// The verdict on one property.
#[derive(Serialize, Debug, Clone)]
pub struct PropertyReport {
    pub name: String,
    /// always, eventually, sometimes or reach.
    pub kind: &'static str,
    /// The claims of CLAIMS.md it checks.
    pub claims: String,
    pub holds: bool,
    /// A variant is checked, and this is the property it is expected to
    /// violate.
    pub expected_to_fail: bool,
    /// The shortest counterexample, for a violated property that has one.
    pub counterexample: Option<TraceReport>,
    /// The shortest witness of a reachability property, when asked for
    /// with `--show`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub witness: Option<TraceReport>,
}

/// A counterexample.
#[derive(Serialize, Debug, Clone)]
pub struct TraceReport {
    /// One entry per step: what happened and each host's state after it.
    pub steps: Vec<StepReport>,
    /// For a lasso, the state (0 = initial) the last step returns to.
    pub loop_back_to: Option<usize>,
    /// The message sequence chart.
    pub chart: String,
    /// The same as a Mermaid `sequenceDiagram`.
    pub mermaid: String,
}

/// One step of a counterexample.
#[derive(Serialize, Debug, Clone)]
pub struct StepReport {
    pub action: String,
    pub states: [String; 2],
}

impl TraceReport {
    pub fn new(trace: &Trace<Tcp>, chart: String, mermaid: String) -> TraceReport {
        let steps = trace
            .steps
            .iter()
            .map(|(a, s)| StepReport {
                action: format!("{a:?}"),
                states: [0, 1].map(|h| {
                    if s.hosts[h].app.crashed {
                        "crashed".to_string()
                    } else {
                        s.hosts[h].endpoint.state().to_string()
                    }
                }),
            })
            .collect();
        TraceReport {
            steps,
            loop_back_to: trace.loop_back_to,
            chart,
            mermaid,
        }
    }
}

/// A property that does not apply to a scenario, and why.
#[derive(Serialize, Debug, Clone)]
pub struct Exemption {
    pub name: String,
    pub reason: String,
}

/// Everything about one scenario's check.
#[derive(Serialize, Debug, Clone)]
pub struct ScenarioReport {
    pub scenario: String,
    /// The variant checked, if not the RFC protocol.
    pub variant: Option<String>,
    /// Properties that do not apply here.
    pub exempt: Vec<Exemption>,
    pub summary: String,
    pub bounds: Bounds,
    pub threads: usize,
    pub states_generated: u64,
    pub distinct_states: usize,
    pub depth: usize,
    /// False when exploration stopped at the first violation: verdicts
    /// other than "violated" and "reached" are then undecided.
    pub complete: bool,
    pub elapsed_s: f64,
    pub states_per_s: f64,
    pub properties: Vec<PropertyReport>,
}

impl ScenarioReport {
    /// Whether every property holds.
    pub fn all_hold(&self) -> bool {
        self.properties.iter().all(|p| p.holds)
    }
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The text report of one scenario; traces as charts, or as Mermaid
/// diagrams with `mermaid`.
pub fn text(r: &ScenarioReport, mermaid: bool) -> String {
    let b = &r.bounds;
    let mut out = String::new();
    match &r.variant {
        Some(v) => {
            let _ = writeln!(out, "== {} with variant {v}: {}", r.scenario, r.summary);
        }
        None => {
            let _ = writeln!(out, "== {}: {}", r.scenario, r.summary);
        }
    }
    let _ = writeln!(
        out,
        "   bounds: {} loss, {} duplicate, {} reorder; MSL {} ticks, TIME-WAIT {}, RTO {}, {} retries",
        b.losses,
        b.duplicates,
        b.reorders,
        b.msl,
        2 * b.msl,
        b.rto,
        b.max_retries
    );
    let _ = writeln!(
        out,
        "   {} states generated, {} distinct states, depth {}, {} states/s, {:.2} s",
        thousands(r.states_generated),
        thousands(r.distinct_states as u64),
        r.depth,
        thousands(r.states_per_s as u64),
        r.elapsed_s
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "   {:<34} {:<11} {:<13} verdict",
        "property", "kind", "claims"
    );
    for p in &r.properties {
        let verdict = match (p.holds, p.kind) {
            (true, "sometimes") => "reached",
            (false, "sometimes") if !r.complete => "not decided (stopped early)",
            (true, _) if !r.complete => "not decided (stopped early)",
            (false, "sometimes") => "NOT REACHED",
            (true, _) => "holds",
            (false, _) => "VIOLATED",
        };
        let _ = writeln!(
            out,
            "   {:<34} {:<11} {:<13} {verdict}",
            p.name, p.kind, p.claims
        );
    }
    for p in &r.properties {
        if let Some(w) = &p.witness {
            let _ = writeln!(out);
            let _ = writeln!(
                out,
                "   {} is reached in {} steps (shortest):",
                p.name,
                w.steps.len()
            );
            let _ = writeln!(out);
            let drawing = if mermaid { &w.mermaid } else { &w.chart };
            for line in drawing.lines() {
                let _ = writeln!(out, "   {line}");
            }
        }
        if let Some(cx) = &p.counterexample {
            let _ = writeln!(out);
            let what = if cx.loop_back_to.is_some() {
                "a shortest path into a cycle that never satisfies it"
            } else {
                "shortest counterexample"
            };
            let _ = writeln!(
                out,
                "   {} is violated: {what}, {} steps",
                p.name,
                cx.steps.len()
            );
            let _ = writeln!(out);
            let drawing = if mermaid { &cx.mermaid } else { &cx.chart };
            for line in drawing.lines() {
                let _ = writeln!(out, "   {line}");
            }
        }
    }
    out
}
