//! The oracle judged on stacks whose verdict is known: the reference (the
//! endpoint itself) passes everything with no deviation of any grade; a
//! reference that takes a freedom RFC 9293 gives passes too; every mutant
//! fails, with a deviation graded fail, in the state where its rule lives.

use synack_conformance::generate::matrix::{matrix, Column, Entry, Row};
use synack_conformance::generate::paths::{figure_5, paths};
use synack_conformance::stacks::mutants::{Mutant, ALL};
use synack_conformance::stacks::Reference;
use synack_conformance::suite::{self, CellOutcome, Options};
use synack_conformance::{factory, Profile};
use synack_model::State;

#[test]
fn the_reference_passes_everything_under_the_strict_profile() {
    let report = suite::run(
        "reference",
        &factory(Reference::new),
        &Options::default(),
        &mut |_| {},
    );
    let first = report.deviations().first().map(|d| d.to_string());
    assert!(report.conforms(), "{}", first.unwrap_or_default());
    assert!(
        report.accepted().is_empty(),
        "the strict profile is the reference's own"
    );
    assert_eq!(report.random.cases_run, 64);
}

#[test]
fn every_state_and_every_figure_5_transition_has_a_model_path() {
    for state in State::ALL {
        assert!(paths().to_state.contains_key(&state), "{state}");
    }
    let wanted = figure_5();
    assert_eq!(wanted.len(), 20, "Figure 5 as the model lists it");
    for t in wanted {
        assert!(paths().transitions.contains_key(&t), "{t:?}");
    }
}

#[test]
fn the_matrix_has_no_empty_cell() {
    use std::collections::BTreeMap;
    let entries = matrix();
    let mut rows: BTreeMap<(State, Row), Vec<&Entry>> = BTreeMap::new();
    for e in &entries {
        rows.entry((e.cell().state, e.cell().row))
            .or_default()
            .push(e);
    }
    for ((state, row), cells) in &rows {
        // Every column, every position but those that coincide with an
        // earlier one, so at most 13 kinds × 11 positions + 5 calls + timeout.
        for column in Column::all() {
            assert!(
                cells.iter().any(|e| e.cell().column == column),
                "{state}{row}: no cell for {column}"
            );
        }
        assert!(cells.len() <= 13 * 11 + 6, "{state}{row}");
        // The six SEG.ACK positions of the five kinds without ACK.
        let unproducible = cells
            .iter()
            .filter(|e| matches!(e, Entry::Unproducible(..)))
            .count();
        assert_eq!(unproducible, 5 * 6, "{state}{row}");
    }
    // Every state has its shortest row; those the issue names have more.
    for state in State::ALL {
        assert!(rows.contains_key(&(state, Row::Shortest)), "{state}");
    }
    let count = |state: State| rows.keys().filter(|(s, _)| *s == state).count();
    assert!(count(State::SynReceived) >= 3, "passive, active, aged");
    assert!(
        count(State::TimeWait) >= 4,
        "from FIN-WAIT-1, FIN-WAIT-2, CLOSING; aged"
    );
    assert!(count(State::Closed) >= 4, "initial; by RST, timeout, call");
    for timed in [
        State::SynSent,
        State::SynReceived,
        State::Established,
        State::FinWait1,
        State::CloseWait,
        State::Closing,
        State::LastAck,
        State::TimeWait,
    ] {
        assert!(
            rows.keys()
                .any(|(s, r)| *s == timed && matches!(r, Row::Aged { .. })),
            "{timed}: no aged row"
        );
    }
}

#[test]
fn every_mutant_is_killed_in_the_state_where_its_rule_lives() {
    let options = Options {
        random_cases: 0,
        ..Options::default()
    };
    for spec in ALL {
        let report = suite::run(
            spec.name,
            &factory(move || Mutant::new(spec)),
            &options,
            &mut |_| {},
        );
        let failed_in_state = report.matrix.iter().any(|(cell, outcome)| {
            cell.state == spec.state && matches!(outcome, CellOutcome::Ran(r) if !r.passed())
        });
        // A mutant that never enters the state (skips-time-wait) leaves its
        // row unreached, each cell blocked by a deviation on the way in.
        let blocked_out = report.matrix.iter().any(|(cell, outcome)| {
            cell.state == spec.state
                && matches!(outcome, CellOutcome::Unreached(b) if b.result.deviation.is_some())
        });
        assert!(
            failed_in_state || blocked_out,
            "{} breaks a rule of {} but no cell of that state fails",
            spec.name,
            spec.state
        );
    }
}

#[test]
fn the_mutation_score_is_perfect() {
    let options = Options {
        random_cases: 0,
        ..Options::default()
    };
    let score = suite::mutation_score(&options, &mut |_| {});
    assert!(score.total >= 15);
    // Killed means: some deviation graded fail (RFC 9293's MUST, or a rule
    // the model shows matters), not merely non-strict.
    assert_eq!(score.survivors, Vec::<String>::new());
    assert_eq!(score.killed, score.total);
    for m in &score.mutants {
        assert!(m.fails > 0, "{}: no fail", m.name);
    }
}

/// A stack that cannot tell its state, like a kernel seen from outside.
struct Blind(Mutant);

impl synack_conformance::Stack for Blind {
    fn call(&mut self, c: &synack_conformance::Call) -> Result<(), synack_conformance::CallError> {
        self.0.call(c)
    }
    fn inject(&mut self, s: &synack_model::Segment) {
        self.0.inject(s)
    }
    fn advance(&mut self, t: synack_model::Ticks) {
        self.0.advance(t)
    }
    fn emitted(&mut self) -> Result<Vec<synack_model::Segment>, synack_conformance::WireError> {
        self.0.emitted()
    }
}

#[test]
fn segments_alone_kill_every_mutant() {
    use synack_conformance::Stack as _;
    // Random scripts go on after a probe: a RST ignored unseen (RFC 5961
    // off would reset silently) shows in what the stack does next.
    let options = Options {
        random_cases: 64,
        ..Options::default()
    };
    for spec in ALL {
        let blind = factory(move || Blind(Mutant::new(spec)));
        assert_eq!(blind().state(), None);
        let report = suite::run(spec.name, &blind, &options, &mut |_| {});
        assert!(
            !report.conforms(),
            "{} survives when judged by segments alone",
            spec.name
        );
    }
}

/// The reference with another configuration: a stack that took a freedom
/// RFC 9293 gives.
fn reference_with(change: fn(&mut synack_model::Config)) -> synack_conformance::Factory {
    let mut cfg = Profile::strict().config;
    change(&mut cfg);
    factory(move || Reference::with_config(cfg))
}

/// A change of configuration, and a phrase the acceptance names it by.
type Freedom = (fn(&mut synack_model::Config), &'static str);

#[test]
fn a_freedom_the_rfc_gives_is_accepted_by_the_oracle_itself() {
    let options = Options {
        random_cases: 16,
        ..Options::default()
    };
    let freedoms: [Freedom; 6] = [
        (
            |c| c.rfc5961 = false,
            "RFC 5961 §3 challenge ACK for RST off",
        ),
        (
            |c| c.rfc5961_syn = false,
            "RFC 5961 §4 challenge ACK for SYN off",
        ),
        (|c| c.rfc5961_ack = false, "RFC 5961 §5 ACK range check off"),
        (|c| c.rfc1337 = true, "RFC 1337 TIME-WAIT protection on"),
        (
            |c| c.time_wait = 9,
            "TIME-WAIT longer than the declared 4 ticks",
        ),
        (|c| c.rcv_wnd = 6, "window"),
    ];
    for (change, phrase) in freedoms {
        let report = suite::run("variant", &reference_with(change), &options, &mut |_| {});
        let first = report.deviations().first().map(|d| d.to_string());
        assert!(report.conforms(), "{phrase}: {}", first.unwrap_or_default());
        if phrase != "window" {
            // Windows are compared nowhere (§3.8.6: the stack's), so there
            // is nothing to accept; the others are accepted by name.
            assert!(
                report.accepted().iter().any(|a| a.contains(phrase)),
                "{phrase}: {:?}",
                report.accepted()
            );
        }
    }
}

/// One script against the reference with another configuration, under
/// the model's profile.
fn run_script(
    change: fn(&mut synack_model::Config),
    text: &str,
) -> synack_conformance::run::CaseResult {
    let script = synack_conformance::script::parse(text).expect("a script");
    let case = synack_conformance::run::Case::from_script("script", &script);
    synack_conformance::run::run_case(
        &case,
        &reference_with(change),
        &Profile::strict(),
        std::time::Duration::from_secs(2),
    )
}

#[test]
fn an_rto_backed_off_is_accepted() {
    // RFC 6298 5.5: the second retransmission comes 2 RTOs after the first.
    let r = run_script(
        |c| c.rto_backoff = true,
        "connect\nwait 2\nwait 2\nwait 2\n",
    );
    assert!(r.passed(), "{:?}", r.deviation.map(|d| d.to_string()));
    assert!(
        r.accepted.iter().any(|a| a.contains("RTO back-off on")),
        "{:?}",
        r.accepted
    );
}

#[test]
fn what_the_rfc_does_not_permit_is_graded_by_its_requirement() {
    use synack_conformance::grade::Grade;
    // A TIME-WAIT shorter than declared (2 ticks, not 4) breaks MUST-13.
    let r = run_script(
        |c| c.time_wait = 2,
        "connect\n< SYN,ACK seq=0 ack=1 win=4\nclose\n< ACK seq=1 ack=2 win=4\n\
         < FIN,ACK seq=1 ack=2 win=4\nwait 3\n",
    );
    let d = r.deviation.expect("a deviation");
    assert_eq!(d.grade, Grade::Fail, "{d}");
    assert_eq!(d.requirements(), ["MUST-13"]);
    // A longer one than declared is what MUST-13 allows.
    let r = run_script(
        |c| c.time_wait = 40,
        "connect\n< SYN,ACK seq=0 ack=1 win=4\nclose\n< ACK seq=1 ack=2 win=4\n\
         < FIN,ACK seq=1 ack=2 win=4\n",
    );
    assert!(r.passed(), "a longer TIME-WAIT is no deviation");
}

/// The reference with one thing wrong: its application receives every
/// octet twice, or it takes a keep-alive call and never probes.
struct Altered {
    inner: Reference,
    stutters: bool,
    ignores_keepalive: bool,
}

impl synack_conformance::Stack for Altered {
    fn call(&mut self, c: &synack_conformance::Call) -> Result<(), synack_conformance::CallError> {
        match c {
            synack_conformance::Call::KeepAlive(_) if self.ignores_keepalive => Ok(()),
            _ => self.inner.call(c),
        }
    }
    fn inject(&mut self, s: &synack_model::Segment) {
        self.inner.inject(s)
    }
    fn advance(&mut self, t: synack_model::Ticks) {
        self.inner.advance(t)
    }
    fn emitted(&mut self) -> Result<Vec<synack_model::Segment>, synack_conformance::WireError> {
        self.inner.emitted()
    }
    fn state(&self) -> Option<State> {
        self.inner.state()
    }
    fn received(&mut self) -> Option<Vec<u8>> {
        let r = self.inner.received();
        if self.stutters {
            r.map(|r| r.iter().flat_map(|b| [*b, *b]).collect())
        } else {
            r
        }
    }
}

#[test]
fn a_stack_that_takes_keep_alive_and_never_probes_deviates() {
    // F1 on a real stack: the keep-alive cases of the suite expect a probe
    // after the idle time; the reference passes them (it conforms).
    let make = factory(|| Altered {
        inner: Reference::new(),
        stutters: false,
        ignores_keepalive: true,
    });
    let report = suite::run(
        "no probes",
        &make,
        &Options {
            random_cases: 0,
            ..Options::default()
        },
        &mut |_| {},
    );
    let keepalive: Vec<_> = report
        .extra
        .iter()
        .filter(|r| r.name.contains("keep-alive"))
        .collect();
    // Each state keep-alive runs in (ESTABLISHED, CLOSE-WAIT and
    // FIN-WAIT-2, §3.8.4) × the peer silent, losing a probe, answering late.
    assert_eq!(
        keepalive.len(),
        3 * synack_model::Endpoint::KEEPALIVE_STATES.len()
    );
    assert_eq!(keepalive.len(), 9);
    for r in keepalive {
        let d = r.deviation.as_ref().expect("a deviation");
        assert!(d.signature().starts_with("keep-alive-probe"), "{d}");
    }
}

#[test]
fn octets_the_application_receives_are_checked() {
    // Claims C2, C6: what a stack delivers is compared with the endpoint's
    // delivery, so a stream that arrives wrong deviates though every
    // segment is right.
    let r = synack_conformance::run::run_case(
        &synack_conformance::run::Case::from_script(
            "data",
            &synack_conformance::script::parse(
                "listen\n< SYN seq=0 win=4\n< ACK seq=1 ack=1 win=4\n< ACK seq=1 ack=1 win=4 len=1\n",
            )
            .unwrap(),
        ),
        &factory(|| Altered {
            inner: Reference::new(),
            stutters: true,
            ignores_keepalive: false,
        }),
        &Profile::strict(),
        std::time::Duration::from_secs(2),
    );
    let d = r.deviation.expect("a deviation");
    assert_eq!(d.state, "ESTABLISHED");
    assert!(d.event.contains("len=1"), "{d}");
}
