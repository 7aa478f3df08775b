//! What smoltcp declares about itself, in ticks of [`super::TICK`] (500 ms).
//! Only facts: what the RFC permits is the oracle's business.

use crate::profile::{Profile, RETRIES_WITHOUT_END};

/// smoltcp 0.14's facts, each with its source.
pub fn profile() -> Profile {
    let model = Profile::strict().config;
    Profile {
        name: "smoltcp".into(),
        config: synack_model::Config {
            // TIME-WAIT is `CLOSE_DELAY`, 10 s (§3.4.2 leaves MSL to the stack).
            time_wait: 20,
            // The initial RTO is 1 s (`RttEstimator` starts at 1000 ms).
            rto: 2,
            // It doubles the RTO on each retransmission (MUST-19).
            rto_backoff: true,
            // The adapter sets no user timeout: R2 is "infinity" (MUST-21).
            max_retries: RETRIES_WITHOUT_END,
            // It sends challenge ACKs only for SEG.ACK beyond SND.NXT and
            // takes any in-window RST: RFC 5961 §3 is off.
            rfc5961: false,
            rfc5961_syn: false,
            // ... but challenges SEG.ACK beyond SND.NXT (part of §5).
            rfc5961_ack: true,
            ..model
        },
    }
}
