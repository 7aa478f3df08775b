//! What smoltcp may do differently, declared: its timer values in ticks,
//! and the deviations the suite finds and `docs/stacks/smoltcp.md` judges.

use crate::profile::Profile;

/// The strict profile with smoltcp's timers, in ticks of [`super::TICK`].
pub fn profile() -> Profile {
    let strict = Profile::strict();
    // smoltcp's TIME-WAIT lasts CLOSE_DELAY, 10 s (§3.4.2 leaves MSL to the
    // stack): 20 ticks. Its RTO starts at 1 s, the endpoint's 2 ticks.
    let time_wait = 20;
    Profile {
        name: "smoltcp".into(),
        config: synack_model::Config {
            time_wait,
            ..strict.config
        },
        time_wait: time_wait..=time_wait,
        // smoltcp does part of RFC 5961 (challenge ACKs for SEG.ACK beyond
        // SND.NXT, rate-limited) but accepts any in-window RST: §3.10.7.4
        // makes RFC 5961 a SHOULD, so both behaviours are candidates.
        rfc5961_optional: true,
        ..strict
    }
}

/// Every deviation the suite finds in smoltcp (matrix, Figure 5 paths,
/// random scripts from seed 0, and [`detour_cases`](super::detour_cases)),
/// by [`Deviation::signature`](crate::Deviation::signature), with the cause it is filed under: the row of
/// `docs/stacks/smoltcp.md` that judges it against RFC 9293. A test checks
/// that the suite finds exactly these, so a change in smoltcp or in the
/// oracle fails it.
pub const KNOWN: &[(&str, &str)] = &[
    ("§3.10.1 LISTEN × connect", "listen-cannot-become-active"),
    ("§3.10.1 LISTEN × listen", "call-succeeds-where-rfc-errs"),
    ("§3.10.1 TIME-WAIT × connect", "time-wait-cut-short-by-open"),
    ("§3.10.1 TIME-WAIT × listen", "time-wait-cut-short-by-open"),
    (
        "§3.10.2 SYN-RECEIVED × send",
        "send-refused-before-established",
    ),
    ("§3.10.2 SYN-SENT × send", "send-refused-before-established"),
    ("§3.10.4 CLOSED × close", "call-succeeds-where-rfc-errs"),
    ("§3.10.4 CLOSING × close", "call-succeeds-where-rfc-errs"),
    ("§3.10.4 FIN-WAIT-1 × close", "call-succeeds-where-rfc-errs"),
    ("§3.10.4 FIN-WAIT-2 × close", "call-succeeds-where-rfc-errs"),
    ("§3.10.4 LAST-ACK × close", "call-succeeds-where-rfc-errs"),
    ("§3.10.4 SYN-RECEIVED × close", "no-fin-in-syn-received"),
    ("§3.10.4 SYN-SENT × close", "rst-where-rfc-sends-none"),
    ("§3.10.4 TIME-WAIT × close", "call-succeeds-where-rfc-errs"),
    ("§3.10.5 CLOSE-WAIT × abort", "abort-rst-carries-ack"),
    ("§3.10.5 CLOSED × abort", "call-succeeds-where-rfc-errs"),
    ("§3.10.5 CLOSING × abort", "rst-where-rfc-sends-none"),
    ("§3.10.5 ESTABLISHED × abort", "abort-rst-carries-ack"),
    ("§3.10.5 FIN-WAIT-1 × abort", "abort-rst-carries-ack"),
    ("§3.10.5 FIN-WAIT-2 × abort", "abort-rst-carries-ack"),
    ("§3.10.5 LAST-ACK × abort", "rst-where-rfc-sends-none"),
    ("§3.10.5 SYN-RECEIVED × abort", "abort-rst-carries-ack"),
    ("§3.10.5 SYN-SENT × abort", "rst-where-rfc-sends-none"),
    ("§3.10.5 TIME-WAIT × abort", "rst-where-rfc-sends-none"),
    ("§3.10.7.1 CLOSED × < FIN", "closed-rst-without-ack"),
    ("§3.10.7.1 CLOSED × < SYN,FIN", "syn-fin-dropped"),
    ("§3.10.7.2 LISTEN × < SYN,FIN", "syn-fin-dropped"),
    (
        "§3.10.7.3 SYN-SENT × < FIN,ACK",
        "syn-sent-bad-ack-unanswered",
    ),
    ("§3.10.7.3 SYN-SENT × < SYN,FIN", "syn-fin-dropped"),
    (
        "§3.10.7.4 CLOSE-WAIT × < ACK+text",
        "text-after-fin-acknowledged",
    ),
    ("§3.10.7.4 CLOSE-WAIT × < FIN", "fin-without-ack-unanswered"),
    ("§3.10.7.4 CLOSE-WAIT × < FIN,ACK", "second-fin-dropped"),
    ("§3.10.7.4 CLOSE-WAIT × < SYN", "syn-dropped"),
    ("§3.10.7.4 CLOSE-WAIT × < SYN,ACK", "syn-dropped"),
    ("§3.10.7.4 CLOSE-WAIT × < SYN,FIN", "syn-fin-dropped"),
    (
        "§3.10.7.4 CLOSING × < ACK+text",
        "text-after-fin-acknowledged",
    ),
    ("§3.10.7.4 CLOSING × < FIN", "fin-without-ack-unanswered"),
    ("§3.10.7.4 CLOSING × < FIN,ACK", "second-fin-dropped"),
    ("§3.10.7.4 CLOSING × < SYN", "syn-dropped"),
    ("§3.10.7.4 CLOSING × < SYN,ACK", "syn-dropped"),
    ("§3.10.7.4 CLOSING × < SYN,FIN", "syn-fin-dropped"),
    ("§3.10.7.4 ESTABLISHED × < ACK+text", "old-ack-drops-text"),
    (
        "§3.10.7.4 ESTABLISHED × < FIN",
        "fin-without-ack-unanswered",
    ),
    (
        "§3.10.7.4 ESTABLISHED × < FIN,ACK",
        "out-of-order-unacknowledged",
    ),
    ("§3.10.7.4 ESTABLISHED × < SYN", "syn-dropped"),
    ("§3.10.7.4 ESTABLISHED × < SYN,ACK", "syn-dropped"),
    ("§3.10.7.4 ESTABLISHED × < SYN,FIN", "syn-fin-dropped"),
    ("§3.10.7.4 FIN-WAIT-1 × < ACK+text", "old-ack-drops-text"),
    ("§3.10.7.4 FIN-WAIT-1 × < FIN", "fin-without-ack-unanswered"),
    (
        "§3.10.7.4 FIN-WAIT-1 × < FIN,ACK",
        "out-of-order-unacknowledged",
    ),
    ("§3.10.7.4 FIN-WAIT-1 × < SYN", "syn-dropped"),
    ("§3.10.7.4 FIN-WAIT-1 × < SYN,ACK", "syn-dropped"),
    ("§3.10.7.4 FIN-WAIT-1 × < SYN,FIN", "syn-fin-dropped"),
    ("§3.10.7.4 FIN-WAIT-2 × < ACK+text", "old-ack-drops-text"),
    ("§3.10.7.4 FIN-WAIT-2 × < FIN", "fin-without-ack-unanswered"),
    (
        "§3.10.7.4 FIN-WAIT-2 × < FIN,ACK",
        "out-of-order-unacknowledged",
    ),
    ("§3.10.7.4 FIN-WAIT-2 × < SYN", "syn-dropped"),
    ("§3.10.7.4 FIN-WAIT-2 × < SYN,ACK", "syn-dropped"),
    ("§3.10.7.4 FIN-WAIT-2 × < SYN,FIN", "syn-fin-dropped"),
    (
        "§3.10.7.4 LAST-ACK × < ACK+text",
        "text-after-fin-acknowledged",
    ),
    ("§3.10.7.4 LAST-ACK × < FIN", "fin-without-ack-unanswered"),
    ("§3.10.7.4 LAST-ACK × < FIN,ACK", "second-fin-dropped"),
    ("§3.10.7.4 LAST-ACK × < SYN", "syn-dropped"),
    ("§3.10.7.4 LAST-ACK × < SYN,ACK", "syn-dropped"),
    ("§3.10.7.4 LAST-ACK × < SYN,FIN", "syn-fin-dropped"),
    (
        "§3.10.7.4 SYN-RECEIVED × < FIN",
        "fin-without-ack-unanswered",
    ),
    (
        "§3.10.7.4 SYN-RECEIVED × < FIN,ACK",
        "out-of-order-unacknowledged",
    ),
    ("§3.10.7.4 SYN-RECEIVED × < SYN", "syn-dropped"),
    ("§3.10.7.4 SYN-RECEIVED × < SYN,ACK", "syn-dropped"),
    ("§3.10.7.4 SYN-RECEIVED × < SYN,FIN", "syn-fin-dropped"),
    (
        "§3.10.7.4 TIME-WAIT × < ACK+text",
        "out-of-order-unacknowledged",
    ),
    ("§3.10.7.4 TIME-WAIT × < FIN", "fin-without-ack-unanswered"),
    ("§3.10.7.4 TIME-WAIT × < FIN,ACK", "second-fin-dropped"),
    ("§3.10.7.4 TIME-WAIT × < SYN", "syn-dropped"),
    ("§3.10.7.4 TIME-WAIT × < SYN,ACK", "syn-dropped"),
    ("§3.10.7.4 TIME-WAIT × < SYN,FIN", "syn-fin-dropped"),
];
