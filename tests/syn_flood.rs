//! The `syn-flood` scenario (claim O10): its properties hold for RFC 9293's
//! listener with bounded queues, each can fail (a test model or a variant
//! violates it), and the state counts are pinned.

use stateright::{Checker, Model};
use synack_model::check::{self, Options, PropertyResult, Report};
use synack_model::model::flood::{self, Flood, FloodAction, FloodBounds, Peer};
use synack_model::model::{variant, Bounds};
use synack_model::{Flags, State};

fn bounds() -> Bounds {
    Bounds::default()
}

fn run(m: &Flood) -> Report<Flood> {
    check::check(
        m,
        &Options {
            threads: 2,
            ..Options::default()
        },
        &mut |_| {},
    )
}

fn property<'r>(r: &'r Report<Flood>, name: &str) -> &'r PropertyResult<Flood> {
    r.properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no property {name}"))
}

fn fails(r: &Report<Flood>, name: &str) -> bool {
    !property(r, name).holds
}

#[test]
fn can_check_syn_flood() {
    let m = Flood::new(bounds(), FloodBounds::default());
    let report = run(&m);
    for p in &report.properties {
        assert!(p.holds, "syn-flood: {} does not hold", p.name);
    }
    assert!(report.complete);
    assert_eq!(
        report.distinct_states, 61192,
        "syn-flood: state count changed"
    );
    let theirs = m.clone().checker().threads(2).spawn_bfs().join();
    assert_eq!(theirs.unique_state_count(), 61192, "stateright disagrees");
}

#[test]
fn can_check_syn_flood_lossless() {
    let b = Bounds {
        losses: 0,
        duplicates: 0,
        reorders: 0,
        ..bounds()
    };
    let report = run(&Flood::new(b, FloodBounds::default()));
    assert!(report.properties.iter().all(|p| p.holds));
    assert_eq!(report.distinct_states, 1276);
}

/// Without admission control the queues overflow: `queues-bounded` and
/// `full-queue-drops-syn` can fail, with shortest counterexamples: the SYN
/// queue's size plus one spoofed SYNs.
#[test]
fn queues_overflow_without_admission_control() {
    let mut m = Flood::new(bounds(), FloodBounds::default());
    m.admission = false;
    let report = run(&m);
    for name in ["queues-bounded", "full-queue-drops-syn"] {
        let p = property(&report, name);
        assert!(!p.holds, "{name} should fail");
        let t = p.trace.as_ref().expect("a counterexample");
        assert_eq!(t.steps.len(), 3, "{name}: SYN queue of 2, third SYN");
        assert!(t.steps.iter().all(|(a, _)| *a == FloodAction::Spoof));
    }
    assert!(!fails(&report, "no-unrequested-connection"));
}

/// The client connects only if it outlasts the attack. A client no more
/// patient than the server's SYN-RECEIVED loses to a single filling of the
/// SYN queue: its OPEN times out.
#[test]
fn an_impatient_client_is_denied_service() {
    let impatient = FloodBounds {
        client_retries: Some(bounds().max_retries),
        ..FloodBounds::default()
    };
    let report = run(&Flood::new(bounds(), impatient));
    let p = property(&report, "eventually-connects");
    assert!(!p.holds);
    let t = p.trace.as_ref().expect("a counterexample");
    assert!(
        t.last_state().client_timed_out,
        "the client's OPEN times out"
    );
    // Every safety property still holds: denial of service, not a bug.
    for name in [
        "queues-bounded",
        "full-queue-drops-syn",
        "no-unrequested-connection",
    ] {
        assert!(!fails(&report, name), "{name}");
    }
}

/// `patient_client` is tight where the budget is a multiple of the SYN
/// queue: one retransmission fewer and the attacker, refilling the queue
/// the moment its entry times out, outlasts the client.
#[test]
fn patient_client_is_just_patient_enough() {
    let f = FloodBounds {
        syn_queue: 1,
        accept_queue: 1,
        spoofs: 2,
        client_retries: None,
    };
    let patient = f.patient_client(&bounds());
    assert_eq!(patient, 12, "⌈2/1⌉·(3+1) + 1 loss + 1 + 2·2/2");
    let holds = |retries| {
        let f = FloodBounds {
            client_retries: Some(retries),
            ..f
        };
        property(&run(&Flood::new(bounds(), f)), "eventually-connects").holds
    };
    assert!(holds(patient));
    assert!(!holds(patient - 1));
}

/// SYN-RECEIVED entries leave the SYN queue only through the retry limit
/// (R2, §3.8.3): without it a spoofed entry stays for ever, and the client
/// never gets in.
#[test]
fn half_open_entries_drain_only_by_the_retry_limit() {
    let mut m = Flood::new(bounds(), FloodBounds::default());
    m.configs[flood::SERVER].broken.no_retry_limit = true;
    let report = run(&m);
    assert!(fails(&report, "syn-queue-drains"));
    assert!(fails(&report, "eventually-connects"));
    assert!(fails(&report, "half-open connection given up"));
    assert!(!fails(&report, "queues-bounded"));
}

/// The shortest trace in which a half-open entry is given up: it sends
/// its SYN,ACK, retransmits it `max_retries` times, one RTO apart, and
/// is dropped an RTO after the last.
#[test]
fn a_half_open_entry_times_out_after_its_retransmissions() {
    let m = Flood::new(bounds(), FloodBounds::default());
    let report = run(&m);
    let p = property(&report, "half-open connection given up");
    let t = p.trace.as_ref().expect("a witness");
    let mut synacks_to_spoofed = 0;
    let mut ticks = 0;
    let mut before = &t.init;
    for (action, after) in &t.steps {
        let (_, fx) = m.step(before, *action);
        synacks_to_spoofed += fx
            .sent
            .iter()
            .filter(|(_, peer, seg)| *peer == Peer::Spoofed && seg.has(Flags::SYN | Flags::ACK))
            .count();
        ticks += usize::from(*action == FloodAction::Tick);
        before = after;
    }
    let b = bounds();
    assert_eq!(synacks_to_spoofed, 1 + usize::from(b.max_retries));
    assert_eq!(ticks as u32, (u32::from(b.max_retries) + 1) * b.rto);
    assert_eq!(t.steps[0].0, FloodAction::Spoof);
}

/// O10's amplification: with a two-way handshake each spoofed SYN is a full
/// connection, and the shortest trace fills the accept queue with them, one
/// SYN per place, without the client ever getting in.
#[test]
fn two_way_handshake_fills_the_accept_queue_with_spoofed_connections() {
    let v = variant::by_name("two-way-handshake").expect("the variant");
    let m = Flood::new(bounds(), FloodBounds::default()).with_variant(v);
    let report = run(&m);
    let p = property(&report, "accept-queue-not-flooded");
    assert!(!p.holds);
    let t = p.trace.as_ref().expect("a counterexample");
    assert_eq!(
        t.steps.iter().map(|(a, _)| *a).collect::<Vec<_>>(),
        vec![FloodAction::Spoof; 2],
        "one spoofed SYN per place of the accept queue, nothing else"
    );
    let last = t.last_state();
    assert!(last
        .server
        .iter()
        .all(|c| c.peer == Peer::Spoofed && c.endpoint.state() == State::Established));
    insta::assert_snapshot!(
        "two_way_handshake__syn_flood__chart",
        flood::chart(&m, &t.init, &t.steps, t.loop_back_to)
    );
    insta::assert_snapshot!(
        "two_way_handshake__syn_flood__mermaid",
        flood::mermaid(&m, &t.init, &t.steps, t.loop_back_to)
    );
    for name in [
        "no-unrequested-connection",
        "eventually-connects",
        "syn-queue-drains",
    ] {
        assert!(fails(&report, name), "{name}");
    }
    // Memory stays bounded even so: the queues hold.
    assert!(!fails(&report, "queues-bounded"));
}

#[test]
fn bad_sizes_are_refused() {
    let zero = FloodBounds {
        syn_queue: 0,
        ..FloodBounds::default()
    };
    assert!(zero.validate().is_err());
    assert!(FloodBounds::default().validate().is_ok());
}
