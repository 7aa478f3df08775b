//! # synack-conformance
//!
//! Check a TCP stack's connection management against synack's endpoint,
//! the very state machine the model checker explored (RFC 9293 §3.10).
//!
//! Plug a stack in by implementing [`Stack`] (five methods), then run the
//! suite from a test with [`assert_conforms!`]:
//!
//! ```
//! use synack_conformance::{assert_conforms, stacks::Reference, Profile};
//! // The reference stack is the endpoint itself: it conforms.
//! assert_conforms!(Reference::new, Profile::strict());
//! ```
//!
//! The suite drives the stack through:
//!
//! * the **state × event matrix** ([`generate::matrix`]): each of the
//!   eleven states, reached by a shortest path found in the model, then
//!   each kind of segment at each position, each user call, a timeout;
//! * **model-guided paths** through every Figure 5 transition
//!   ([`generate::transitions`]);
//! * **random scripts** ([`generate::random`], proptest), shrunk to a
//!   minimal reproducer when one fails.
//!
//! After each event the [`oracle`] compares what the stack did with what
//! the endpoint does, allowing what the [`Profile`] allows. A failure is a
//! [`Deviation`]: the RFC rule, the state, the event, what was expected and
//! observed, and a [`script`] that replays it. A stack that panics, hangs
//! or emits garbage fails its case; the suite goes on ([`run`]).
//!
//! [`stacks`] has the reference stack and the mutants the suite must kill;
//! [`cli`] the `synack conform`, `synack mutants` and `synack replay`
//! commands; [`wire`] IPv4 and TCP encoding for adapters that speak bytes.
#![deny(missing_docs)]

pub mod baseline;
pub mod cli;
mod deviation;
pub mod generate;
pub mod grade;
pub mod hangs;
pub mod oracle;
pub mod probe;
mod profile;
mod replay;
pub mod report;
pub mod run;
pub mod script;
mod stack;
pub mod stacks;
pub mod suite;
pub mod wire;

pub use deviation::{Deviation, Failure, Observation};
pub use profile::Profile;
pub use replay::replay;
pub use stack::{factory, Call, CallError, Factory, Stack};
pub use suite::{Options, Report};
pub use wire::WireError;

/// Run the whole suite against stacks from `make` and panic with the report
/// if it finds a fail outside `baseline` (the text of a baseline file, as
/// `synack conform --write-baseline` writes it): the body of
/// [`assert_conforms!`]. Non-strict and informational deviations, and
/// known fails, are reported by `synack conform` but fail no test.
///
/// Random scripts: 64 from seed 0, or `SYNACK_CASES` from `SYNACK_SEED`
/// when those environment variables are set, so a failure seen in CI can be
/// run again with its seed.
pub fn assert_conforms(make: Factory, profile: &Profile, baseline: Option<&str>) {
    let baseline = baseline.map(|text| {
        baseline::Baseline::parse(text)
            .unwrap_or_else(|e| panic!("the baseline does not parse: {e}"))
    });
    let from_env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let options = Options {
        profile: profile.clone(),
        random_cases: from_env("SYNACK_CASES").map_or(64, |n| n as u32),
        seed: from_env("SYNACK_SEED").unwrap_or(0),
        baseline: baseline.clone(),
        ..Options::default()
    };
    let report = suite::run("stack under test", &make, &options, &mut |_| {});
    if !report.passes() {
        let comparison = baseline.as_ref().map(|b| baseline::compare(&report, b));
        panic!(
            "the stack does not conform\n{}",
            report::text(&report, comparison.as_ref())
        );
    }
}

/// Assert that a stack conforms: runs the matrix, the Figure 5 paths and
/// the random scripts against stacks made by the constructor, under the
/// profile (the model's if none is given), and fails the test with the
/// report if a fail is found outside the baseline, if one is given (the
/// file's text: `include_str!("synack.baseline")`).
///
/// ```should_panic
/// use synack_conformance::{assert_conforms, stacks::mutants::{by_name, Mutant}};
/// assert_conforms!(|| Mutant::new(by_name("skips-time-wait").unwrap()));
/// ```
///
/// ```
/// use synack_conformance::{assert_conforms, stacks::mutants::{by_name, Mutant}, Profile};
/// // A known fail, listed in the stack's baseline, fails no test.
/// let baseline = "retransmit SYN-SENT × wait  # text, model-shown\n";
/// let mutant = by_name("syn-sent-never-retransmits").unwrap();
/// assert_conforms!(move || Mutant::new(mutant), Profile::strict(), baseline);
/// ```
#[macro_export]
macro_rules! assert_conforms {
    ($make:expr) => {
        $crate::assert_conforms($crate::factory($make), &$crate::Profile::strict(), None)
    };
    ($make:expr, $profile:expr) => {
        $crate::assert_conforms($crate::factory($make), &$profile, None)
    };
    ($make:expr, $profile:expr, $baseline:expr) => {
        $crate::assert_conforms($crate::factory($make), &$profile, Some($baseline))
    };
}
