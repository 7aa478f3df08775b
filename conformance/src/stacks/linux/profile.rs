//! What the Linux kernel declares about itself, in ticks of [`super::TICK`]
//! (500 ms). Only facts: what the RFC permits is the oracle's business.

use crate::profile::Profile;

/// Linux's facts, each with its source.
pub fn profile() -> Profile {
    let model = Profile::strict().config;
    Profile {
        name: "linux".into(),
        config: synack_model::Config {
            // TIME-WAIT is TCP_TIMEWAIT_LEN, 60 s (checked from inet_diag's
            // timer, never waited for).
            time_wait: 120,
            // Every RTO starts at 1 s: the adapter sets tcp_rto_min_us to
            // 1 s in its namespace (RFC 6298 2.4's minimum).
            rto: 2,
            // The RTO doubles on each retransmission (MUST-19).
            rto_backoff: true,
            // tcp_syn_retries: 6 SYNs resent before giving up.
            max_retries: 6,
            // Challenge ACKs for in-window RST and SYN, ACK range check
            // (RFC 5961), never rate-limited in the namespace.
            rfc5961: true,
            rfc5961_ack: true,
            ..model
        },
    }
}
