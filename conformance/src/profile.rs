//! Profiles: the facts a stack declares, and nothing else.
//!
//! What RFC 9293 permits is the oracle's business, for every stack alike
//! ([`crate::oracle`]): any advertised window, acknowledgments piggybacked
//! or not, a RST carrying an ACK, RFC 5961 and RFC 1337 on or off, an RTO
//! backed off or not, retransmission for longer than R2, a TIME-WAIT at or
//! above the declared length, errors or silent success on user calls. A
//! profile only says what a stack *is*: its timer values in ticks, and
//! which optional mechanisms it has on, where it prefers one. The oracle
//! runs one endpoint per configuration the freedoms allow (a *candidate*),
//! the profile's own first, and keeps those that explain what the stack
//! did.
//!
//! ```
//! use synack_conformance::Profile;
//! let model = Profile::strict();
//! let c = model.candidates();
//! assert_eq!(c[0], model.config, "the declared configuration first");
//! assert!(c.iter().any(|c| !c.rfc5961), "RFC 5961 may be off");
//! assert!(c.iter().any(|c| c.time_wait > model.config.time_wait), "TIME-WAIT may be longer");
//! ```

use serde::Serialize;
use synack_model::model::Bounds;
use synack_model::{Config, Ticks};

/// A TIME-WAIT that outlasts any case: a stack that lingers longer than it
/// declared (MUST-13 asks for at least 2 MSL) is explained by it.
pub const LINGERS: Ticks = Ticks::MAX / 4;

/// Retransmissions without end: R2 is the stack's (§3.8.3; MUST-21 lets an
/// application choose "infinity").
pub const RETRIES_WITHOUT_END: u8 = u8::MAX;

/// What a stack declares about itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// A short name for reports.
    pub name: String,
    /// The stack's configuration: its timer values in ticks (initial RTO,
    /// TIME-WAIT, retransmissions before giving up) and whether it prefers
    /// RFC 5961 and RFC 1337 on. Scripts found in the model assume the
    /// model's values (RTO 2, TIME-WAIT 4).
    pub config: Config,
}

impl Profile {
    /// The model's own endpoint: RTO 2 ticks, TIME-WAIT 4, two
    /// retransmissions, RFC 5961 on, RFC 1337 off. The built-in reference
    /// stack and the mutants are judged by it.
    pub fn strict() -> Profile {
        Profile {
            name: "model".into(),
            config: Bounds::default().config(None),
        }
    }

    /// Every configuration the oracle allows a stack with this profile,
    /// the declared one first: RFC 5961 and RFC 1337 either way (MAY-12;
    /// RFC 1337 is informational), the RTO backed off or not (RFC 6298
    /// 5.5), TIME-WAIT as declared or longer, retransmissions up to the
    /// declared R2 or without end.
    pub fn candidates(&self) -> Vec<Config> {
        let base = self.config;
        let either = |preferred: bool| [preferred, !preferred];
        let mut all = Vec::with_capacity(128);
        let rfc5961_all = either(base.rfc5961).into_iter().flat_map(|rst| {
            either(base.rfc5961_syn)
                .into_iter()
                .flat_map(move |syn| either(base.rfc5961_ack).map(move |ack| (rst, syn, ack)))
        });
        for (rfc5961, rfc5961_syn, rfc5961_ack) in rfc5961_all {
            for rfc1337 in either(base.rfc1337) {
                for rto_backoff in either(base.rto_backoff) {
                    for time_wait in [base.time_wait, LINGERS] {
                        for max_retries in [base.max_retries, RETRIES_WITHOUT_END] {
                            all.push(Config {
                                rfc5961,
                                rfc5961_syn,
                                rfc5961_ack,
                                rfc1337,
                                rto_backoff,
                                time_wait,
                                max_retries,
                                ..base
                            });
                        }
                    }
                }
            }
        }
        all
    }

    /// Why `chosen` differs from the declared configuration, in RFC terms:
    /// one phrase per field that differs.
    pub fn explain(&self, chosen: &Config) -> Vec<String> {
        let c = &self.config;
        let on = |b: bool| if b { "on" } else { "off" };
        let mut why = Vec::new();
        let switches = [
            (
                chosen.rfc5961,
                c.rfc5961,
                "RFC 5961 §3 challenge ACK for RST",
                "(§3.10.7.4 second step, SHOULD)",
            ),
            (
                chosen.rfc5961_syn,
                c.rfc5961_syn,
                "RFC 5961 §4 challenge ACK for SYN",
                "(§3.10.7.4 fourth step)",
            ),
            (
                chosen.rfc5961_ack,
                c.rfc5961_ack,
                "RFC 5961 §5 ACK range check",
                "(MAY-12)",
            ),
            (
                chosen.rfc1337,
                c.rfc1337,
                "RFC 1337 TIME-WAIT protection",
                "",
            ),
            (
                chosen.rto_backoff,
                c.rto_backoff,
                "RTO back-off",
                "(RFC 6298 5.5, MUST-19)",
            ),
            (
                chosen.time_wait_reopen,
                c.time_wait_reopen,
                "a new SYN reopening TIME-WAIT",
                "(§3.6.1, MAY-2)",
            ),
        ];
        for (chosen, declared, what, why_allowed) in switches {
            if chosen != declared {
                why.push(
                    format!("{what} {} {why_allowed}", on(chosen))
                        .trim_end()
                        .to_string(),
                );
            }
        }
        if chosen.time_wait != c.time_wait {
            why.push(format!(
                "TIME-WAIT longer than the declared {} ticks (MUST-13 asks at least 2 MSL)",
                c.time_wait
            ));
        }
        if chosen.max_retries != c.max_retries {
            why.push(format!(
                "more than {} retransmissions (§3.8.3: R2 is the stack's)",
                c.max_retries
            ));
        }
        why
    }
}

impl Default for Profile {
    fn default() -> Profile {
        Profile::strict()
    }
}
