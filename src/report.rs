//! What a check reports, as text tables and charts or as JSON.

use serde::Serialize;
use std::fmt::Write;
use synack_model::check::Trace;
use synack_model::model::{chart, Bounds, Tcp};

/// The verdict on one property.
#[derive(Serialize, Debug, Clone)]
pub struct PropertyReport {
    pub name: String,
    /// always, eventually, sometimes or reach.
    pub kind: &'static str,
    /// The claims of CLAIMS.md it checks.
    pub claims: String,
    /// What was decided: `holds`, `violated` or `undecided` (always,
    /// eventually); `reached`, `unreached` or `undecided` (sometimes).
    pub verdict: &'static str,
    /// True only when proven: the verdict is `holds` or `reached`.
    pub holds: bool,
    /// Asked for with `--show`.
    #[serde(skip)]
    pub shown: bool,
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

/// One step of a counterexample, in the chart's words.
#[derive(Serialize, Debug, Clone)]
pub struct StepReport {
    /// What happened: `client: connect`, `client → server: SYN seq=0`,
    /// `server → client: SYN,ACK seq=100 ack=1 (lost)`, `tick`.
    pub action: String,
    /// What followed from it: segments sent, octets delivered, signals.
    pub then: Vec<String>,
    /// Each host's state after the step (RFC 9293's names), or `crashed`.
    pub states: [String; 2],
}

impl TraceReport {
    pub fn new(model: &Tcp, trace: &Trace<Tcp>, chart: String, mermaid: String) -> TraceReport {
        let mut before = &trace.init;
        let steps = trace
            .steps
            .iter()
            .map(|(a, s)| {
                let (action, then) = chart::step_words(model, before, *a);
                before = s;
                StepReport {
                    action,
                    then,
                    states: [0, 1].map(|h| {
                        if s.hosts[h].app.crashed {
                            "crashed".to_string()
                        } else {
                            s.hosts[h].endpoint.state().rfc_name().to_string()
                        }
                    }),
                }
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
    /// False when exploration stopped early (see `stopped`): verdicts
    /// other than "violated" and "reached" are then undecided.
    pub complete: bool,
    /// What stopped it early: `first-violation`, `max-states`,
    /// `max-depth`, `memory-limit`; null when complete.
    pub stopped: Option<&'static str>,
    pub elapsed_s: f64,
    pub states_per_s: f64,
    /// States are stored as 64-bit fingerprints: the chance that two
    /// distinct states shared one, so one went unexplored (n²/2^65, the
    /// bound TLC prints).
    pub collision_probability: f64,
    /// With `--bitstate`: how much of the state space was seen.
    pub bitstate: Option<BitstateReport>,
    pub properties: Vec<PropertyReport>,
}

/// The coverage estimate of a bitstate search (`check --bitstate`).
#[derive(Serialize, Debug, Clone)]
pub struct BitstateReport {
    /// Bits in the array.
    pub bits: u64,
    /// Bits set per state.
    pub hashes: u32,
    /// Bits per state stored (SPIN's hash factor).
    pub hash_factor: f64,
    /// Expected new states taken for seen ones (a lower bound on those
    /// missed: what only they lead to is not counted).
    pub expected_lost: f64,
    /// Estimated fraction of the states reached that were stored.
    pub coverage: f64,
}

impl ScenarioReport {
    /// How many properties have `verdict`.
    pub fn count(&self, verdict: &str) -> usize {
        self.properties
            .iter()
            .filter(|p| p.verdict == verdict)
            .count()
    }
}

/// The verdicts of a whole run, in the order the summary names them.
pub const VERDICTS: [&str; 5] = ["violated", "unreached", "undecided", "holds", "reached"];

/// The summary of verdicts over `reports`: `all hold` when every one is
/// proven, else each verdict's count (`2 violated, 12 undecided`).
pub fn summary(reports: &[ScenarioReport]) -> String {
    let count = |v: &str| reports.iter().map(|r| r.count(v)).sum::<usize>();
    if count("violated") + count("unreached") + count("undecided") == 0 {
        return "all hold".into();
    }
    VERDICTS
        .iter()
        .map(|v| (count(v), v))
        .filter(|(n, _)| *n > 0)
        .map(|(n, v)| format!("{n} {}", if *v == "holds" { "hold" } else { v }))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why an incomplete check stopped, in words.
fn stopped_because(stopped: &str) -> &'static str {
    match stopped {
        "first-violation" => "at the end of the BFS level where the first violation was found (--fail-fast, the default with --variant; --complete explores everything)",
        "max-states" => "at --max-states",
        "max-depth" => "at --max-depth",
        "memory-limit" => "at the memory limit (--memory-limit)",
        "bitstate" => "short of a proof: a bitstate search (--bitstate) may miss states, so only violations and witnesses are decided",
        _ => "early",
    }
}

/// Bytes as `512 MiB`, `4 GiB`.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 => format!("{} MiB", b >> 20),
        b => format!("{b} bytes"),
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
    match &r.bitstate {
        None => {
            let _ = writeln!(
                out,
                "   states kept as 64-bit fingerprints: collision probability at most {:.1e}",
                r.collision_probability
            );
        }
        Some(b) => {
            let _ = writeln!(
                out,
                "   bitstate: {} bits ({}), {} per state, hash factor {:.1}: about {} states missed, coverage about {:.4} %",
                thousands(b.bits),
                size(b.bits / 8),
                b.hashes,
                b.hash_factor,
                thousands(b.expected_lost.round() as u64),
                b.coverage * 100.0
            );
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "   {:<34} {:<11} {:<13} verdict",
        "property", "kind", "claims"
    );
    for p in &r.properties {
        let _ = writeln!(
            out,
            "   {:<34} {:<11} {:<13} {}",
            p.name, p.kind, p.claims, p.verdict
        );
    }
    if let Some(stopped) = r.stopped {
        let undecided = r.count("undecided");
        let _ = writeln!(
            out,
            "\n   stopped {}: {undecided} verdict(s) undecided",
            stopped_because(stopped)
        );
    }
    for p in r.properties.iter().filter(|p| p.shown) {
        if p.witness.is_none() && p.counterexample.is_none() {
            let _ = writeln!(out, "\n   {} {}: no trace to show", p.name, p.verdict);
        }
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
