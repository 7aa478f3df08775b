//! What Linux may do differently, declared: its timers in ticks of
//! [`super::TICK`], the freedoms it takes, and the deviations the suite
//! finds and `docs/stacks/linux.md` judges.

use crate::profile::Profile;

/// The strict profile with the kernel's timers and the freedoms a socket
/// API takes.
pub fn profile() -> Profile {
    let strict = Profile::strict();
    // TIME-WAIT is TCP_TIMEWAIT_LEN, 60 s: 120 ticks (checked from
    // inet_diag's timer, never waited for). The RTO is 1 s = 2 ticks
    // (tcp_rto_min_us is set to 1 s in the namespace).
    let time_wait = 120;
    Profile {
        name: "linux".into(),
        config: synack_model::Config {
            time_wait,
            ..strict.config
        },
        time_wait: time_wait..=time_wait,
        // The window is the kernel's (64 KiB less headers), learned from
        // its SYN (§3.8.6).
        any_window: true,
        ..strict
    }
}

/// Every deviation the suite finds in Linux (matrix, Figure 5 paths and
/// random scripts from seed 0), by [`Deviation::signature`](crate::Deviation::signature), with the cause it is
/// filed under in `docs/stacks/linux.md`. Cases skipped for time are not
/// deviations and are not listed.
pub const KNOWN: &[(&str, &str)] = &[
    (
        "§3.10.1 ESTABLISHED × connect",
        "call-succeeds-where-rfc-errs",
    ),
    ("§3.10.1 LISTEN × connect", "listen-cannot-become-active"),
    ("§3.10.1 LISTEN × listen", "call-succeeds-where-rfc-errs"),
    (
        "§3.10.1 SYN-RECEIVED × listen",
        "call-succeeds-where-rfc-errs",
    ),
    (
        "§3.10.2 SYN-RECEIVED × send",
        "send-refused-before-established",
    ),
    ("§3.10.2 SYN-SENT × send", "send-refused-before-established"),
    ("§3.10.4 CLOSING × close", "call-succeeds-where-rfc-errs"),
    ("§3.10.4 FIN-WAIT-2 × close", "call-succeeds-where-rfc-errs"),
    ("§3.10.4 LAST-ACK × close", "call-succeeds-where-rfc-errs"),
    (
        "§3.10.4 SYN-RECEIVED × close",
        "unaccepted-connection-unreachable",
    ),
    ("§3.10.5 CLOSE-WAIT × abort", "abort-rst-carries-ack"),
    ("§3.10.5 ESTABLISHED × abort", "abort-rst-carries-ack"),
    ("§3.10.5 FIN-WAIT-2 × abort", "abort-rst-carries-ack"),
    (
        "§3.10.5 SYN-RECEIVED × abort",
        "unaccepted-connection-unreachable",
    ),
    ("§3.10.7.2 LISTEN × < SYN,FIN", "syn-fin-dropped"),
    ("§3.10.7.3 SYN-SENT × < ACK", "syn-sent-bad-ack-resends-syn"),
    (
        "§3.10.7.3 SYN-SENT × < ACK+text",
        "syn-sent-bad-ack-resends-syn",
    ),
    (
        "§3.10.7.3 SYN-SENT × < FIN,ACK",
        "syn-sent-bad-ack-resends-syn",
    ),
    (
        "§3.10.7.3 SYN-SENT × < RST,ACK",
        "syn-sent-bad-ack-resends-syn",
    ),
    (
        "§3.10.7.3 SYN-SENT × < SYN,ACK",
        "syn-sent-bad-ack-resends-syn",
    ),
    ("§3.10.7.4 CLOSE-WAIT × < ACK", "after-fin-answers-differ"),
    (
        "§3.10.7.4 CLOSE-WAIT × < ACK+text",
        "after-fin-answers-differ",
    ),
    ("§3.10.7.4 CLOSE-WAIT × < FIN", "fin-without-ack-unanswered"),
    (
        "§3.10.7.4 CLOSE-WAIT × < FIN,ACK",
        "after-fin-answers-differ",
    ),
    (
        "§3.10.7.4 CLOSE-WAIT × < RST",
        "rst-at-fin-sequence-accepted",
    ),
    (
        "§3.10.7.4 CLOSE-WAIT × < RST,ACK",
        "rst-at-fin-sequence-accepted",
    ),
    ("§3.10.7.4 CLOSE-WAIT × < SYN,FIN", "syn-fin-challenge-ack"),
    ("§3.10.7.4 CLOSING × < ACK+text", "old-fin-acknowledges"),
    ("§3.10.7.4 CLOSING × < FIN", "fin-without-ack-unanswered"),
    ("§3.10.7.4 CLOSING × < FIN,ACK", "old-fin-acknowledges"),
    ("§3.10.7.4 CLOSING × < RST", "rst-at-fin-sequence-accepted"),
    (
        "§3.10.7.4 CLOSING × < RST,ACK",
        "rst-at-fin-sequence-accepted",
    ),
    ("§3.10.7.4 CLOSING × < SYN,FIN", "syn-fin-challenge-ack"),
    ("§3.10.7.4 ESTABLISHED × < ACK", "right-edge-accepted"),
    (
        "§3.10.7.4 ESTABLISHED × < FIN",
        "fin-without-ack-unanswered",
    ),
    ("§3.10.7.4 ESTABLISHED × < RST", "right-edge-accepted"),
    ("§3.10.7.4 ESTABLISHED × < RST,ACK", "right-edge-accepted"),
    ("§3.10.7.4 ESTABLISHED × < SYN,FIN", "syn-fin-challenge-ack"),
    ("§3.10.7.4 FIN-WAIT-2 × < ACK", "right-edge-accepted"),
    ("§3.10.7.4 FIN-WAIT-2 × < FIN", "fin-without-ack-unanswered"),
    ("§3.10.7.4 FIN-WAIT-2 × < RST", "right-edge-accepted"),
    ("§3.10.7.4 FIN-WAIT-2 × < RST,ACK", "right-edge-accepted"),
    ("§3.10.7.4 FIN-WAIT-2 × < SYN,FIN", "syn-fin-challenge-ack"),
    ("§3.10.7.4 LAST-ACK × < ACK+text", "old-fin-acknowledges"),
    ("§3.10.7.4 LAST-ACK × < FIN", "fin-without-ack-unanswered"),
    ("§3.10.7.4 LAST-ACK × < FIN,ACK", "old-fin-acknowledges"),
    ("§3.10.7.4 LAST-ACK × < RST", "rst-at-fin-sequence-accepted"),
    (
        "§3.10.7.4 LAST-ACK × < RST,ACK",
        "rst-at-fin-sequence-accepted",
    ),
    ("§3.10.7.4 LAST-ACK × < SYN,FIN", "syn-fin-challenge-ack"),
    ("§3.10.7.4 SYN-RECEIVED × < ACK", "right-edge-accepted"),
    (
        "§3.10.7.4 SYN-RECEIVED × < ACK+text",
        "syn-received-bad-ack-reset",
    ),
    (
        "§3.10.7.4 SYN-RECEIVED × < FIN,ACK",
        "syn-received-bad-ack-reset",
    ),
    ("§3.10.7.4 SYN-RECEIVED × < RST", "right-edge-accepted"),
    ("§3.10.7.4 SYN-RECEIVED × < RST,ACK", "right-edge-accepted"),
    (
        "§3.10.7.4 SYN-RECEIVED × < SYN",
        "syn-received-duplicate-syn",
    ),
    (
        "§3.10.7.4 SYN-RECEIVED × < SYN,ACK",
        "syn-ack-in-syn-received-takes-ack",
    ),
    ("§3.10.7.4 SYN-RECEIVED × < SYN,FIN", "syn-fin-dropped"),
];
