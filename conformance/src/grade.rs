//! Grades: what RFC 9293's own requirement levels make of a deviation.
//!
//! The endpoint names the rules that decided what it did on an event
//! ([`synack_model::rule::Rule`]); a stack that did otherwise broke one of
//! them. The deviation is graded by the strongest of those rules:
//!
//! * **fail**: the rule is a MUST (a numbered MUST-n of Appendix B, or a
//!   sentence of §3.10 that says MUST), or the model checker shows that
//!   breaking the rule in that state leads to a property violation (a
//!   built-in mutant breaks it, [`synack_model::mutant::Spec::shown_by`]);
//! * **non-strict**: a SHOULD, or procedure text with no numbered
//!   requirement;
//! * **informational**: a MAY, or an error answer of a user call, whose
//!   form §3.9.1 leaves to the implementation.
//!
//! A stack that panics, hangs or sends what is not a segment fails.
//!
//! ```
//! use synack_conformance::grade::{grade, Grade};
//! use synack_model::{rule::Rule, State};
//! use synack_conformance::grade::Context;
//! // A stack found CLOSED where TIME-WAIT must linger:
//! let cx = Context { observed_state: Some(State::Closed), ..Context::ordinary(State::TimeWait, true) };
//! let (g, bases) = grade(&[vec![Rule::TimeWaitLingers]], &cx);
//! assert_eq!(g, Grade::Fail);
//! assert_eq!(bases[0].requirements[0].id, "MUST-13");
//! let cx = Context::ordinary(State::Established, true);
//! let (g, _) = grade(&[vec![Rule::OutOfOrder]], &cx);
//! assert_eq!(g, Grade::NonStrict, "SHLD-31");
//! ```

use serde::Serialize;
use std::fmt;
use synack_model::mutant::{self, Shape};
use synack_model::rule::{requirement, Keyword, Rule};
use synack_model::State;

/// How much a deviation matters, by RFC 9293's requirement levels.
/// Ordered from the most serious.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Grade {
    /// A MUST broken, or a behaviour the model shows leads to a property
    /// violation. The only grade that fails a run.
    Fail,
    /// A SHOULD, or text with no numbered requirement.
    NonStrict,
    /// Permitted: a MAY, or an interface choice of §3.9.1.
    Informational,
}

impl Grade {
    /// All grades, the most serious first.
    pub const ALL: [Grade; 3] = [Grade::Fail, Grade::NonStrict, Grade::Informational];

    /// The grade's name in reports: `fail`, `non-strict`, `informational`.
    pub fn name(self) -> &'static str {
        match self {
            Grade::Fail => "fail",
            Grade::NonStrict => "non-strict",
            Grade::Informational => "informational",
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A numbered requirement as reports show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequirementRef {
    /// `MUST-13`.
    pub id: String,
    /// Its level in Appendix B.
    pub level: Keyword,
}

/// One rule a deviation rests on, and the grade it earns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Basis {
    /// The rule's stable name (`time-wait-lingers`).
    pub rule: String,
    /// Where RFC 9293 writes it.
    pub section: String,
    /// What it says.
    pub says: String,
    /// The numbered requirements it rests on; empty: text alone.
    pub requirements: Vec<RequirementRef>,
    /// The grade breaking it earns.
    pub grade: Grade,
    /// Why that grade, in one phrase.
    pub why: String,
}

/// What is known of a deviation besides the rules: where it happened and
/// what the stack's answer looked like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Context {
    /// The state the stack should have been in.
    pub state: State,
    /// The state the endpoint entered.
    pub expected_state: State,
    /// The state the stack entered, if it tells.
    pub observed_state: Option<State>,
    /// The stack sent nothing.
    pub silent: bool,
    /// The event is one a conforming peer sends in this state (a segment at
    /// RCV.NXT with an acceptable ACK, a call, time passing): only then is
    /// a mutant's evidence about this event.
    pub ordinary: bool,
    /// The event is a segment with both SYN and FIN, which no conforming
    /// TCP sends.
    pub syn_fin: bool,
}

impl Context {
    /// An ordinary event in `state` whose answer was silence or not.
    pub fn ordinary(state: State, silent: bool) -> Context {
        Context {
            state,
            expected_state: state,
            observed_state: None,
            silent,
            ordinary: true,
            syn_fin: false,
        }
    }
}

/// Grade a deviation from every configuration still allowed: `readings`
/// holds each one's rules. The stack matched none, so it is graded by the
/// most lenient reading (a stack without RFC 5961 is judged by RFC 793's
/// text, not by RFC 5961's MUST).
pub fn grade(readings: &[Vec<Rule>], cx: &Context) -> (Grade, Vec<Basis>) {
    let mut best: Option<(Grade, Vec<Basis>)> = None;
    for rules in readings {
        let bases: Vec<Basis> = rules.iter().map(|r| basis(*r, cx)).collect();
        let worst = bases
            .iter()
            .map(|b| b.grade)
            .min()
            .unwrap_or(Grade::NonStrict);
        if best.as_ref().is_none_or(|(g, _)| worst > *g) {
            best = Some((worst, bases));
        }
    }
    let (mut grade, mut bases) = best.unwrap_or((Grade::NonStrict, Vec::new()));
    if cx.syn_fin && grade == Grade::Fail {
        // No requirement's purpose is at stake for a segment nobody sends;
        // dropping SYN+FIN is common hardening (a scanner's signature).
        grade = Grade::NonStrict;
        for b in bases.iter_mut().filter(|b| b.grade == Grade::Fail) {
            b.grade = Grade::NonStrict;
            b.why
                .push_str("; but the segment has SYN and FIN, which no conforming TCP sends");
        }
    }
    (grade, bases)
}

/// The grade of breaking `rule` in `state`, and why.
pub fn basis(rule: Rule, cx: &Context) -> Basis {
    let requirements: Vec<RequirementRef> = rule
        .requirements()
        .iter()
        .filter_map(|id| requirement(id))
        .map(|r| RequirementRef {
            id: r.id.to_string(),
            level: r.level,
        })
        .collect();
    let musts: Vec<&str> = requirements
        .iter()
        .filter(|r| r.level == Keyword::Must)
        .map(|r| r.id.as_str())
        .collect();
    let shown = shown_by_model(rule, cx);
    let (grade, why) = if rule.asserts_only_state() && !(left_early(cx) && cx.ordinary) {
        (
            Grade::Informational,
            "not broken: the stack is still there (or does not tell)".to_string(),
        )
    } else if rule.is_interface() {
        (
            Grade::Informational,
            "an error answer to a call: §3.9.1 leaves the interface to the implementation"
                .to_string(),
        )
    } else if !musts.is_empty() {
        (Grade::Fail, format!("{} broken", musts.join(", ")))
    } else if rule.keyword() == Keyword::Must {
        (
            Grade::Fail,
            "the text says MUST (no numbered requirement)".to_string(),
        )
    } else if let Some(why) = shown {
        (Grade::Fail, why)
    } else {
        match rule.level() {
            Keyword::Should => (
                Grade::NonStrict,
                format!(
                    "SHOULD ({})",
                    requirements
                        .iter()
                        .map(|r| r.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
            Keyword::May => (Grade::Informational, "MAY: the stack chooses".to_string()),
            _ => (
                Grade::NonStrict,
                "procedure text with no numbered requirement".to_string(),
            ),
        }
    };
    Basis {
        rule: rule.id().to_string(),
        section: rule.section().to_string(),
        says: rule.says().to_string(),
        requirements,
        grade,
        why,
    }
}

/// Whether the stack left the state the endpoint stays in for a closed or
/// new connection: what breaking a rule that only keeps a state means.
fn left_early(cx: &Context) -> bool {
    cx.observed_state.is_some_and(|o| {
        o != cx.expected_state
            && matches!(
                o,
                State::Closed | State::Listen | State::SynSent | State::SynReceived
            )
    })
}

/// Whether a built-in mutant is shown by the model to violate a property
/// and deviates as the stack did: the evidence that the stack's deviation
/// matters. A silent mutant speaks for a stack that stayed silent on an
/// event a conforming peer sends, a value-altering one for a stack that
/// answered otherwise, an accepting one for a stack that took the
/// transition the rule forbids, one that closes early for a stack found
/// CLOSED where the rule keeps it in the mutant's state.
fn shown_by_model(rule: Rule, cx: &Context) -> Option<String> {
    let changed = cx.observed_state.is_some_and(|o| o != cx.expected_state);
    mutant::ALL
        .iter()
        .filter(|m| {
            let same_rule = m.rule == rule && m.state == cx.state;
            match m.shape() {
                Shape::Silent => same_rule && cx.silent && cx.ordinary,
                Shape::AltersValues => same_rule && !cx.silent && cx.ordinary,
                Shape::Accepts => same_rule && changed,
                Shape::ClosesEarly => {
                    m.rule == rule
                        && cx.expected_state == m.state
                        && cx.observed_state == Some(State::Closed)
                }
            }
        })
        .find_map(|m| {
            m.shown_by.map(|s| {
                format!(
                    "the model shows it: mutant {} violates {} in {}",
                    m.name, s.expect.property, s.expect.scenario
                )
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(rules: &[Rule], state: State, silent: bool) -> (Grade, Vec<Basis>) {
        grade(&[rules.to_vec()], &Context::ordinary(state, silent))
    }

    #[test]
    fn interface_errors_are_informational() {
        let (g, _) = one(&[Rule::CloseRefused], State::FinWait2, true);
        assert_eq!(g, Grade::Informational);
    }

    #[test]
    fn an_interface_error_in_time_wait_still_rests_on_must_13() {
        // A stack that opened anew from TIME-WAIT left it early.
        let cx = Context {
            observed_state: Some(State::SynSent),
            ..Context::ordinary(State::TimeWait, false)
        };
        let (g, b) = grade(&[vec![Rule::OpenExists, Rule::TimeWaitLingers]], &cx);
        assert_eq!(g, Grade::Fail);
        assert_eq!(b[1].why, "MUST-13 broken");
        // One that stayed and only answered the call otherwise did not.
        let cx = Context {
            observed_state: Some(State::TimeWait),
            ..cx
        };
        let (g, _) = grade(&[vec![Rule::OpenExists, Rule::TimeWaitLingers]], &cx);
        assert_eq!(g, Grade::Informational);
    }

    #[test]
    fn text_is_non_strict_unless_the_model_shows_it_matters() {
        // No mutant breaks LISTEN's drop rule.
        let (g, _) = one(&[Rule::ListenDrops], State::Listen, false);
        assert_eq!(g, Grade::NonStrict);
        // CLOSE in CLOSE-WAIT: close-wait-forgets-fin deadlocks the model.
        let (g, b) = one(&[Rule::CloseCloseWait], State::CloseWait, true);
        assert_eq!(g, Grade::Fail);
        assert!(b[0].why.contains("close-wait-forgets-fin"), "{}", b[0].why);
        // The same rule text in another state: no evidence.
        let (g, _) = one(&[Rule::Fin], State::CloseWait, true);
        assert_eq!(g, Grade::NonStrict);
        // Nor for an event no conforming peer sends there.
        let odd = Context {
            ordinary: false,
            ..Context::ordinary(State::CloseWait, true)
        };
        assert_eq!(
            grade(&[vec![Rule::CloseCloseWait]], &odd).0,
            Grade::NonStrict
        );
    }

    #[test]
    fn the_evidence_must_look_like_the_stack() {
        // established-ack-off-by-one sends wrong ACKs; a stack that sends
        // none is another matter, and a silent mutant says nothing of a
        // stack that answered differently.
        let (loud, _) = one(&[Rule::Text], State::Established, false);
        let (quiet, _) = one(&[Rule::Text], State::Established, true);
        assert_eq!((loud, quiet), (Grade::Fail, Grade::NonStrict));
        let (g, _) = one(&[Rule::CloseCloseWait], State::CloseWait, false);
        assert_eq!(g, Grade::NonStrict);
    }

    #[test]
    fn the_most_lenient_reading_grades() {
        // A SYN in ESTABLISHED: RFC 5961 asks a challenge ACK (MUST), RFC
        // 793 a reset (text). A stack that does neither is judged by the
        // reading that asks least of it.
        let cx = Context::ordinary(State::Established, true);
        let (g, b) = grade(&[vec![Rule::SynChallenge], vec![Rule::SynResets]], &cx);
        assert_eq!(g, Grade::NonStrict);
        assert_eq!(b[0].rule, "syn-resets");
    }

    #[test]
    fn syn_with_fin_fails_nothing() {
        let cx = Context {
            syn_fin: true,
            ..Context::ordinary(State::SynSent, true)
        };
        let (g, b) = grade(&[vec![Rule::SynSentSimultaneous]], &cx);
        assert_eq!(g, Grade::NonStrict);
        assert!(b[0].why.starts_with("MUST-10 broken; but"), "{}", b[0].why);
    }
}
