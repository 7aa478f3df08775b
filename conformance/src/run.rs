//! Running one case: the stack and the oracle side by side, in a thread of
//! their own, under a time limit.
//!
//! A stack may panic, never return, or emit bytes that are not a segment;
//! each is a failed case with a clear message, never a crashed harness.
//! A panic is caught where it happens (`catch_unwind`); a hang is noticed
//! by the waiting side, which gives up on the thread (a thread cannot be
//! killed, so it is left parked or spinning: the price of not crashing).

use crate::deviation::{Deviation, Failure, Observation};
use crate::grade::{grade, Basis, Context, Grade};
use crate::oracle::{rule, Event, Expected, Observed, Oracle};
use crate::probe::{self, Kind, Numbers, Position};
use crate::profile::{Profile, RETRIES_WITHOUT_END};
use crate::script::{emitted_line, Line, Script, PEER_ISS};
use crate::stack::{Factory, Stack};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;
use synack_model::{Flags, Segment, SeqNum, State};

/// One step of a case, before it is turned into a script line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// A line as it stands.
    Line(Line),
    /// A segment of `Kind` at `Position`, placed when it is sent.
    Probe(Kind, Position),
    /// Wait until the stack's next timer should expire (one tick if none
    /// runs).
    Expire,
}

/// A generated case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    /// What it is: `ESTABLISHED × FIN,ACK at the left edge`.
    pub name: String,
    /// Where it was generated from (a model path, a seed): kept in the
    /// reproducer's comments.
    pub origin: String,
    /// Its steps.
    pub steps: Vec<Step>,
    /// A Figure 5 transition the oracle must take on the way, if the case
    /// was generated to cover one.
    pub transition: Option<(State, State)>,
}

impl Case {
    /// A case that replays a script as it stands.
    pub fn from_script(name: &str, script: &Script) -> Case {
        Case {
            name: name.to_string(),
            origin: script.comments.join("; "),
            steps: script.lines.iter().cloned().map(Step::Line).collect(),
            transition: None,
        }
    }
}

/// How a case ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseResult {
    /// The case's name.
    pub name: String,
    /// The failure, if it failed.
    pub deviation: Option<Deviation>,
    /// What the profile accepted on the way: one phrase each, with the event.
    pub accepted: Vec<String>,
    /// The script as run.
    pub script: Script,
    /// Why the case stopped early, neither passed nor failed: the stack
    /// would have had to wait longer than it may ([`Stack::skipped`]).
    pub skipped: Option<String>,
    /// The oracle's state after each step the stack got through: as long
    /// as the case's steps when it passed, shorter when it stopped early.
    pub states: Vec<State>,
}

impl CaseResult {
    /// Whether the case passed (or was skipped: it found nothing wrong).
    pub fn passed(&self) -> bool {
        self.deviation.is_none()
    }

    /// Whether the case was skipped ([`CaseResult::skipped`] says why).
    pub fn is_skipped(&self) -> bool {
        self.skipped.is_some()
    }
}

/// What the case's thread has done so far, for a report if it hangs.
#[derive(Default)]
struct Progress {
    script: Script,
    state: Option<State>,
    states: Vec<State>,
}

/// Run `case` against a fresh stack from `make`, judged under `profile`;
/// give up on the stack after `limit`.
pub fn run_case(case: &Case, make: &Factory, profile: &Profile, limit: Duration) -> CaseResult {
    let progress = Arc::new(Mutex::new(Progress {
        script: Script {
            comments: vec![case.name.clone(), case.origin.clone()],
            lines: Vec::new(),
        },
        state: None,
        states: Vec::new(),
    }));
    let (tx, rx) = mpsc::channel();
    let (case_copy, make, profile_copy, shared) = (
        case.clone(),
        make.clone(),
        profile.clone(),
        progress.clone(),
    );
    let spawned = std::thread::Builder::new()
        .name(format!("case {}", case.name))
        .spawn(move || {
            let result = drive(&case_copy, &make, &profile_copy, &shared);
            let _ = tx.send(result);
        });
    let outcome = match spawned {
        Ok(_) => rx.recv_timeout(limit).ok(),
        Err(e) => Some(Err(Box::new(harness_failure(format!(
            "could not start a thread: {e}"
        ))))),
    };
    let p = progress.lock().unwrap_or_else(|e| e.into_inner());
    let script = p.script.clone();
    let (deviation, accepted, skipped) = match outcome {
        Some(Ok((accepted, skipped))) => (None, accepted, skipped),
        Some(Err(partial)) => (Some(*partial), Vec::new(), None),
        None => {
            let event = script
                .lines
                .last()
                .map(ToString::to_string)
                .unwrap_or_default();
            (
                Some(Partial {
                    failure: Failure::Hang,
                    rule: "every event must return: each case has a time limit".into(),
                    state: p.state,
                    event,
                    expected: note(format!("returns within {limit:?}")),
                    observed: note(format!("still running after {limit:?}")),
                    graded: None,
                }),
                Vec::new(),
                None,
            )
        }
    };
    CaseResult {
        name: case.name.clone(),
        deviation: deviation.map(|d| d.finish(case, &script)),
        accepted,
        script,
        skipped,
        states: p.states.clone(),
    }
}

/// A failure before the case's name and script are attached.
struct Partial {
    failure: Failure,
    rule: String,
    state: Option<State>,
    event: String,
    expected: Observation,
    observed: Observation,
    /// A deviation's grade and the rules it rests on; `None` for a stack
    /// that panicked, hung or sent garbage, which fails.
    graded: Option<(Grade, Vec<Basis>)>,
}

impl Partial {
    fn finish(self, case: &Case, script: &Script) -> Deviation {
        let mut reproducer = script.clone();
        reproducer
            .comments
            .push(format!("{}: {}", self.event, self.rule));
        reproducer
            .comments
            .push(format!("expected: {}", self.expected));
        reproducer
            .comments
            .push(format!("observed: {}", self.observed));
        let (grade, rests_on) = self.graded.unwrap_or((Grade::Fail, Vec::new()));
        Deviation {
            grade,
            rests_on,
            known: false,
            failure: self.failure,
            rule: self.rule,
            state: self.state.map_or("-".into(), |s| s.rfc_name().to_string()),
            event: self.event,
            expected: self.expected,
            observed: self.observed,
            case: case.name.clone(),
            reproducer: reproducer.to_string(),
        }
    }
}

fn note(text: String) -> Observation {
    Observation {
        note: Some(text),
        ..Observation::default()
    }
}

fn harness_failure(message: String) -> Partial {
    Partial {
        failure: Failure::Harness,
        rule: "the suite itself".into(),
        state: None,
        event: String::new(),
        expected: note("a case that runs".into()),
        observed: note(message),
        graded: None,
    }
}

/// The message of a panic payload.
fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

/// The case's thread: every step on the stack, then on the oracle. `Ok`
/// with what the profile accepted, and why the stack skipped the rest if
/// it did.
fn drive(
    case: &Case,
    make: &Factory,
    profile: &Profile,
    progress: &Mutex<Progress>,
) -> Result<(Vec<String>, Option<String>), Box<Partial>> {
    let mut stack = catch_unwind(AssertUnwindSafe(|| make())).map_err(|p| Partial {
        event: "(creating the stack)".into(),
        ..panicked(None, panic_message(p))
    })?;
    let mut oracle = Oracle::new(profile);
    let mut accepted = Vec::new();
    let mut took_transition = false;
    for step in &case.steps {
        let line = resolve(step, &oracle);
        let before = oracle.state();
        {
            let mut p = progress.lock().unwrap_or_else(|e| e.into_inner());
            p.script.lines.push(line.clone());
            p.state = Some(before);
        }
        let event = absolute(&line, oracle.stack_iss());
        let observed = catch_unwind(AssertUnwindSafe(|| perform(&mut *stack, &event)))
            .map_err(|p| Partial {
                event: line.to_string(),
                ..panicked(Some(before), panic_message(p))
            })?
            .map_err(|e| Partial {
                failure: Failure::Malformed,
                rule: "a stack emits TCP segments (RFC 9293 §3.1)".into(),
                state: Some(before),
                event: line.to_string(),
                expected: note("well-formed segments".into()),
                observed: note(format!("a packet that is not one: {e}")),
                graded: None,
            })?;
        // Before the oracle judges: a stack that skipped has not answered.
        let skipped = catch_unwind(AssertUnwindSafe(|| stack.skipped())).map_err(|p| Partial {
            event: line.to_string(),
            ..panicked(Some(before), panic_message(p))
        })?;
        if let Some(why) = skipped {
            return Ok((accepted, Some(why)));
        }
        let ordinary = ordinary(&oracle, &event);
        match oracle.observe(&event, &observed) {
            Ok(more) => accepted.extend(
                more.into_iter()
                    .map(|why| format!("`{line}` in {}: {why}", before.rfc_name())),
            ),
            Err(expected) => {
                let cx = Context {
                    state: before,
                    expected_state: expected.state,
                    observed_state: observed.state,
                    silent: observed.segments.is_empty(),
                    ordinary,
                    syn_fin: matches!(&event, Event::Segment(s) if s.has(Flags::SYN | Flags::FIN)),
                };
                let graded = grade(&expected.readings, &cx);
                // The step that decided: the section of the rule the
                // deviation is graded by, not the steps its flags go
                // through (those only when no rule is named).
                let decided = graded
                    .1
                    .iter()
                    .find(|b| b.grade == graded.0)
                    .map(|b| format!("RFC 9293 {}", b.section));
                return Err(Box::new(Partial {
                    failure: Failure::Deviation,
                    rule: decided.unwrap_or_else(|| rule::cite(before, &event)),
                    state: Some(before),
                    event: line.to_string(),
                    expected: expected_view(&expected, &oracle),
                    observed: observed_view(&observed, &oracle),
                    graded: Some(graded),
                }));
            }
        }
        progress
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .states
            .push(oracle.state());
        took_transition |= case.transition == Some((before, oracle.state()));
    }
    if let (Some((from, to)), false) = (case.transition, took_transition) {
        // A retry limit for a stack that declares none: time ran, it kept
        // retransmitting, as the oracle did; the case cannot reach it.
        if profile.config.max_retries == RETRIES_WITHOUT_END
            && matches!(case.steps.last(), Some(Step::Expire))
            && oracle.state() == from
        {
            return Ok((
                accepted,
                Some(format!(
                    "{} -> {}: the profile declares retransmission without end (R2 is the stack's, §3.8.3, MUST-21): no retry limit to reach",
                    from.rfc_name(),
                    to.rfc_name()
                )),
            ));
        }
        if accepted.is_empty() {
            return Err(Box::new(harness_failure(format!(
                "the generated path never took {from} -> {to}"
            ))));
        }
        // The stack took a permitted other way (refused a call, say): the
        // path no longer leads there, and nothing is wrong with either.
        accepted.push(format!(
            "the path to {from} -> {to}: left after the variation above"
        ));
    }
    Ok((accepted, None))
}

/// Whether `event` is one a conforming peer sends now (a call and time
/// passing always are; before synchronization, any segment): only then is
/// a mutant's evidence about it.
fn ordinary(oracle: &Oracle, event: &Event) -> bool {
    let Event::Segment(seg) = event else {
        return true;
    };
    if matches!(
        oracle.state(),
        State::Closed | State::Listen | State::SynSent
    ) {
        return true;
    }
    let t = oracle.tcb();
    // Once synchronized a conforming peer always sets ACK (§3.1), within
    // what was sent; after its FIN it sends nothing new, only its FIN again
    // (its end at RCV.NXT) when our ACK of it was lost, or bare ACKs.
    let acceptable_ack = seg.has(Flags::ACK) && t.snd_una.le(seg.ack) && seg.ack.le(t.snd_nxt);
    let fin_again = seg.has(Flags::FIN) && seg.end() == t.rcv_nxt;
    let after_peers_fin = matches!(
        oracle.state(),
        State::CloseWait | State::Closing | State::LastAck | State::TimeWait
    );
    let nothing_new = seg.payload.is_empty() && !seg.has(Flags::FIN);
    acceptable_ack
        && !seg.has(Flags::SYN)
        && (fin_again || (seg.seq == t.rcv_nxt && (nothing_new || !after_peers_fin)))
}

fn panicked(state: Option<State>, message: String) -> Partial {
    Partial {
        failure: Failure::Panic,
        rule: "a stack answers every event without panicking".into(),
        state,
        event: String::new(),
        expected: note("an answer".into()),
        observed: note(format!("panicked: {message}")),
        graded: None,
    }
}

/// Turn a step into the line it stands for now.
fn resolve(step: &Step, oracle: &Oracle) -> Line {
    match step {
        Step::Line(line) => line.clone(),
        Step::Expire => Line::Wait(oracle.next_timeout().unwrap_or(1)),
        Step::Probe(kind, position) => probe::line(*kind, *position, &numbers(oracle)),
    }
}

/// The numbers a probe is placed against now.
fn numbers(oracle: &Oracle) -> Numbers {
    let t = oracle.tcb();
    Numbers {
        state: oracle.state(),
        iss: oracle.stack_iss(),
        snd_una: t.snd_una,
        snd_nxt: t.snd_nxt,
        rcv_nxt: t.rcv_nxt,
        rcv_wnd: t.rcv_wnd,
    }
}

/// Where `steps` leave the model's own endpoint (the reference stack, judged
/// by the strict profile): the numbers a probe sent next is placed
/// against, and the ticks until its next timer, if one runs. The generators
/// use it to drop probes that coincide and to let part of a timer run.
pub fn after(steps: &[Step]) -> (Numbers, Option<synack_model::Ticks>) {
    let oracle = walk(steps, |_| {});
    (numbers(&oracle), oracle.next_timeout())
}

/// What one step of a case did to the model's own endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    /// Its state before the step.
    pub from: State,
    /// The step, as the line it stood for.
    pub line: Line,
    /// Whether something it had sent was unacknowledged before the step
    /// (SND.UNA < SND.NXT): time then runs the retransmission timer.
    pub outstanding: bool,
    /// Its state after the step.
    pub to: State,
}

/// What each of `steps` does to the model's own endpoint (the reference
/// stack, judged by the strict profile): which transitions a case takes
/// and on what, for the suite's coverage of §3.10.
pub fn moves(steps: &[Step]) -> Vec<Move> {
    let mut moves = Vec::with_capacity(steps.len());
    walk(steps, |m| moves.push(m));
    moves
}

/// Play `steps` on the reference and its oracle, `each` told every move;
/// the oracle at the end.
fn walk(steps: &[Step], mut each: impl FnMut(Move)) -> Oracle {
    let mut stack = crate::stacks::Reference::new();
    let mut oracle = Oracle::new(&Profile::strict());
    for step in steps {
        let line = resolve(step, &oracle);
        let from = oracle.state();
        let outstanding = oracle.tcb().snd_una != oracle.tcb().snd_nxt;
        let event = absolute(&line, oracle.stack_iss());
        if let Ok(observed) = perform(&mut stack, &event) {
            // The reference is the oracle's first candidate: it conforms.
            let _ = oracle.observe(&event, &observed);
        }
        let to = oracle.state();
        each(Move {
            from,
            line,
            outstanding,
            to,
        });
    }
    oracle
}

/// A line with absolute numbers: relative `seq` from the peer's ISS,
/// relative `ack` from the stack's.
fn absolute(line: &Line, stack_iss: SeqNum) -> Event {
    match line {
        Line::Call(call) => Event::Call(call.clone()),
        Line::Wait(n) => Event::Wait(*n),
        Line::Inject(rel) => Event::Segment(Segment {
            seq: PEER_ISS + rel.seq.0,
            ack: if rel.has(Flags::ACK) {
                stack_iss + rel.ack.0
            } else {
                SeqNum(0)
            },
            ..rel.clone()
        }),
    }
}

/// Do `event` to the stack and collect what it did.
fn perform(stack: &mut dyn Stack, event: &Event) -> Result<Observed, crate::wire::WireError> {
    let call = match event {
        Event::Call(call) => Some(stack.call(call)),
        Event::Segment(seg) => {
            stack.inject(seg);
            None
        }
        Event::Wait(n) => {
            stack.advance(*n);
            None
        }
    };
    Ok(Observed {
        call,
        segments: stack.emitted()?,
        state: stack.state(),
        received: stack.received(),
    })
}

/// A segment the stack sent, relative as scripts write it.
fn relative(seg: &Segment, stack_iss: SeqNum) -> String {
    emitted_line(&Segment {
        seq: SeqNum(seg.seq.0.wrapping_sub(stack_iss.0)),
        ack: SeqNum(seg.ack.0.wrapping_sub(PEER_ISS.0)),
        ..seg.clone()
    })
}

/// Octets in hex, or `None` if there are none.
fn hex(octets: &[u8]) -> Option<String> {
    (!octets.is_empty()).then(|| octets.iter().map(|b| format!("{b:02x}")).collect())
}

fn expected_view(e: &Expected, oracle: &Oracle) -> Observation {
    Observation {
        state: Some(e.state.rfc_name().into()),
        segments: e
            .segments
            .iter()
            .map(|s| relative(s, oracle.stack_iss()))
            .collect(),
        call: e
            .call
            .map(|r| r.map_or_else(|err| err.to_string(), |()| "ok".into())),
        received: hex(&e.delivered),
        note: None,
    }
}

fn observed_view(o: &Observed, oracle: &Oracle) -> Observation {
    // A SYN the oracle could not learn from still shows the stack's own
    // numbering when it carries one.
    let iss = o
        .segments
        .iter()
        .find(|s| s.has(Flags::SYN))
        .map_or(oracle.stack_iss(), |s| s.seq);
    Observation {
        state: o.state.map(|s| s.rfc_name().into()),
        segments: o.segments.iter().map(|s| relative(s, iss)).collect(),
        call: o.call.as_ref().map(|r| {
            r.as_ref()
                .map_or_else(|e| format!("error: {e}"), |()| "ok".into())
        }),
        received: o.received.as_deref().and_then(hex),
        note: None,
    }
}
