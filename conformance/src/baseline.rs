//! Baselines: the deviations a stack is known to have, so CI fails only on
//! new ones.
//!
//! A baseline is a text file of [`Deviation::signature`]s, one a line;
//! `#` starts a comment (the grade, the requirement and an example case are
//! written there by [`write`]). A run given a baseline marks the deviations
//! it lists as *known*: they are reported, and a known fail fails no run.
//! Signatures listed but not seen are reported as *gone*, so a fixed bug
//! shows and its line can be dropped.
//!
//! ```
//! use synack_conformance::baseline::Baseline;
//! let b = Baseline::parse("# smoltcp\nclose-syn-received SYN-RECEIVED × close  # fail\n").unwrap();
//! assert!(b.contains("close-syn-received SYN-RECEIVED × close"));
//! assert!(Baseline::parse("x\n\u{0}").is_err(), "no control characters");
//! ```

use crate::deviation::Deviation;
use crate::suite::Report;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// Known deviations, by signature.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    signatures: BTreeSet<String>,
}

/// A line of a baseline file that is not a signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Its line number, from 1.
    pub line: usize,
    /// What is wrong with it.
    pub why: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.why)
    }
}

impl std::error::Error for ParseError {}

impl Baseline {
    /// Read a baseline file's text.
    pub fn parse(text: &str) -> Result<Baseline, ParseError> {
        let mut signatures = BTreeSet::new();
        for (i, line) in text.lines().enumerate() {
            let signature = line.split('#').next().unwrap_or("").trim();
            if signature.is_empty() {
                continue;
            }
            if signature.chars().any(char::is_control) {
                return Err(ParseError {
                    line: i + 1,
                    why: "a control character in a signature".into(),
                });
            }
            if !signature.contains(" × ") {
                return Err(ParseError {
                    line: i + 1,
                    why: format!(
                        "`{signature}` is not a signature (RULE STATE × EVENT, as `--write-baseline` writes them)"
                    ),
                });
            }
            signatures.insert(signature.to_string());
        }
        Ok(Baseline { signatures })
    }

    /// Whether `signature` is known.
    pub fn contains(&self, signature: &str) -> bool {
        self.signatures.contains(signature)
    }

    /// The signatures, sorted.
    pub fn signatures(&self) -> impl Iterator<Item = &str> {
        self.signatures.iter().map(String::as_str)
    }

    /// How many signatures it lists.
    pub fn len(&self) -> usize {
        self.signatures.len()
    }

    /// Whether it lists none.
    pub fn is_empty(&self) -> bool {
        self.signatures.is_empty()
    }
}

/// A report measured against a baseline.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Comparison {
    /// Signatures of deviations seen that the baseline does not list.
    pub new: Vec<String>,
    /// Signatures the baseline lists that no case showed.
    pub gone: Vec<String>,
}

impl Comparison {
    /// Whether the run found exactly what the baseline lists.
    pub fn is_exact(&self) -> bool {
        self.new.is_empty() && self.gone.is_empty()
    }
}

/// Compare `report`'s deviations with `baseline`.
pub fn compare(report: &Report, baseline: &Baseline) -> Comparison {
    let seen: BTreeSet<String> = report.deviations().iter().map(|d| d.signature()).collect();
    Comparison {
        new: seen
            .iter()
            .filter(|s| !baseline.contains(s))
            .cloned()
            .collect(),
        gone: baseline
            .signatures()
            .filter(|s| !seen.contains(*s))
            .map(str::to_string)
            .collect(),
    }
}

/// A baseline file listing every deviation of `report`, grouped by grade,
/// each with its requirement and one case that shows it.
pub fn write(report: &Report) -> String {
    let mut by_signature: BTreeMap<String, &Deviation> = BTreeMap::new();
    for d in report.deviations() {
        by_signature.entry(d.signature()).or_insert(d);
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# synack baseline: known deviations of `{}` (profile {}, seed {}).\n\
         # One signature a line (RULE STATE × EVENT); `#` starts a comment.\n\
         # Written by `synack conform --write-baseline`; read by `--baseline`.",
        report.stack, report.profile, report.seed
    );
    for grade in crate::grade::Grade::ALL {
        let group: Vec<_> = by_signature
            .iter()
            .filter(|(_, d)| d.grade == grade)
            .collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n# {grade}: {}", group.len());
        for (signature, d) in group {
            let _ = writeln!(
                s,
                "{signature}  # {}; e.g. {}",
                d.requirements().join(", "),
                d.case
            );
        }
    }
    s
}
