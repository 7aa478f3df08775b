//! How often the default random run reaches each rule of the endpoint:
//! for seeds 0..N, the default number of random scripts (drawn as
//! `synack conform` draws them), run against the reference stack; for each
//! rule, on how many seeds' runs it fired. Beside it, whether the
//! deterministic part of the suite (matrix, Figure 5 paths, keep-alive and
//! continuation cases) fires it at all. A rule only random scripts reach,
//! and on few seeds, is a rare path the generator's weights should favour.
//!
//! `cargo bench -p synack-conformance --bench random_reach [-- N]` (N = 20).

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use synack_conformance::generate::{continuations, keepalive, matrix, random, transitions};
use synack_conformance::run::{run_case, Case};
use synack_conformance::stacks::Reference;
use synack_conformance::{factory, Call, CallError, Options, Profile, Stack, WireError};
use synack_model::rule::Rule;
use synack_model::{Segment, State, Ticks};

/// The reference, telling a shared set every rule it applied.
struct Recording {
    inner: Reference,
    seen: Arc<Mutex<BTreeSet<Rule>>>,
}

impl Recording {
    fn note(&mut self) {
        let mut seen = self.seen.lock().unwrap();
        seen.extend(self.inner.fired().iter().copied());
    }
}

impl Stack for Recording {
    fn call(&mut self, call: &Call) -> Result<(), CallError> {
        let r = self.inner.call(call);
        self.note();
        r
    }
    fn inject(&mut self, segment: &Segment) {
        self.inner.inject(segment);
        self.note();
    }
    fn advance(&mut self, ticks: Ticks) {
        self.inner.advance(ticks);
        self.note();
    }
    fn emitted(&mut self) -> Result<Vec<Segment>, WireError> {
        self.inner.emitted()
    }
    fn state(&self) -> Option<State> {
        self.inner.state()
    }
    fn received(&mut self) -> Option<Vec<u8>> {
        self.inner.received()
    }
}

/// The rules `cases` fire on the reference.
fn fired(cases: &[Case]) -> BTreeSet<Rule> {
    let seen = Arc::new(Mutex::new(BTreeSet::new()));
    let shared = seen.clone();
    let make = factory(move || Recording {
        inner: Reference::new(),
        seen: shared.clone(),
    });
    let options = Options::default();
    for case in cases {
        let r = run_case(case, &make, &Profile::strict(), options.time_limit);
        assert!(r.passed(), "the reference conforms: {}", r.name);
    }
    let set = seen.lock().unwrap().clone();
    set
}

/// The default run's random scripts for `seed`, drawn as `random::run` does.
fn scripts(seed: u64, n: u32) -> Vec<Case> {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &key),
    );
    let strategy = random::case();
    (0..n)
        .map(|_| strategy.new_tree(&mut runner).expect("a script").current())
        .collect()
}

fn main() {
    let seeds: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20);
    let n = Options::default().random_cases;
    let mut fixed: Vec<Case> = matrix::matrix()
        .into_iter()
        .filter_map(|e| match e {
            matrix::Entry::Case(_, c) => Some(c),
            matrix::Entry::Unproducible(..) => None,
        })
        .collect();
    fixed.extend(transitions::transitions());
    fixed.extend(keepalive::cases());
    fixed.extend(continuations::cases());
    let by_fixed = fired(&fixed);
    let mut counts = vec![0u64; Rule::ALL.len()];
    for seed in 0..seeds {
        let set = fired(&scripts(seed, n));
        for (i, rule) in Rule::ALL.iter().enumerate() {
            counts[i] += u64::from(set.contains(rule));
        }
    }
    println!("{n} random scripts a run, seeds 0..{seeds}; rule: runs that fired it / {seeds}; fixed: the matrix and other cases fire it");
    let mut only_random_rare = 0;
    for (i, rule) in Rule::ALL.iter().enumerate() {
        let fixed = by_fixed.contains(rule);
        if !fixed && counts[i] < seeds {
            only_random_rare += 1;
        }
        println!(
            "{:<28} {:>3}/{seeds} {}",
            rule.id(),
            counts[i],
            if fixed { "fixed" } else { "-" }
        );
    }
    let never = Rule::ALL.iter().filter(|r| !by_fixed.contains(r)).count();
    println!(
        "{} rules; {never} not fired by the fixed cases; {only_random_rare} of those missed by some seed's random run",
        Rule::ALL.len()
    );
}
