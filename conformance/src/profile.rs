//! Profiles: what RFC 9293 leaves to the implementation, declared.
//!
//! The oracle never writes a TCP rule of its own. Where the RFC gives a
//! choice, the endpoint has a [`Config`] field for it, and a profile lists
//! the values a stack may have chosen. The oracle runs one endpoint per
//! combination (a *candidate*) and keeps those that agree with what the
//! stack did; a deviation is an event no candidate explains. The first
//! candidate is the profile's preferred configuration: when only another one
//! explains an event, the case passes and the difference is *accepted*
//! (reported, not failed).
//!
//! ```
//! use synack_conformance::Profile;
//! let strict = Profile::strict();
//! assert_eq!(strict.candidates().len(), 1, "one behaviour: the model's own");
//! let lenient = Profile::lenient();
//! assert!(lenient.candidates().len() > 1);
//! assert_eq!(lenient.candidates()[0], lenient.config, "preferred first");
//! ```

use serde::Serialize;
use std::ops::RangeInclusive;
use synack_model::model::Bounds;
use synack_model::{Config, Ticks};

/// What a stack may do where RFC 9293 gives a choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// A short name for reports.
    pub name: String,
    /// The preferred behaviour and timer values, in ticks. Scripts found in
    /// the model assume the model's values (RTO 2, TIME-WAIT 4).
    pub config: Config,
    /// RFC 5961 (challenge ACKs, exact-match RST, ACK range check) may be on
    /// or off: §3.10.7.4 says implementations "SHOULD" do it (RFC 5961 is
    /// cited as a SHLD in §3.10.7.4 and §3.5.3).
    pub rfc5961_optional: bool,
    /// RFC 1337 (RST ignored in TIME-WAIT) may be on or off: an
    /// informational fix, not required by RFC 9293.
    pub rfc1337_optional: bool,
    /// Retransmission timeouts allowed (§3.8.1: the RTO is computed per
    /// RFC 6298; the stack chooses its clock granularity).
    pub rto: RangeInclusive<Ticks>,
    /// TIME-WAIT durations allowed: 2×MSL (MUST-13), with MSL the stack's
    /// choice (§3.4.2 says 2 minutes "for engineering", not a rule).
    pub time_wait: RangeInclusive<Ticks>,
    /// Retransmissions before giving up allowed (§3.8.3: R2 "SHOULD"
    /// correspond to at least 100 seconds, MUST-20 for SYN 3 minutes).
    pub max_retries: RangeInclusive<u8>,
    /// SEG.WND is not compared, and the oracle's RCV.WND is learned from
    /// the stack's SYN: window management (§3.8.6) is the stack's.
    pub any_window: bool,
    /// An event's acknowledgments may be carried differently: a separate
    /// ACK instead of a piggybacked one or the reverse, as long as the same
    /// highest SEG.ACK is sent (§3.8.6.3 and MUST-58 let a receiver
    /// aggregate or delay acknowledgments).
    pub coalesced_acks: bool,
    /// Whether user calls must succeed or fail as the endpoint's do
    /// (§3.10.1–3.10.5 "error: ..."). Sockets often accept what the RFC
    /// answers with an error (a second shutdown).
    pub check_call_results: bool,
}

impl Profile {
    /// Exactly the model's endpoint: its timer values, RFC 5961 on, RFC 1337
    /// off, windows and acknowledgments compared octet for octet. The
    /// built-in reference stack passes it; mutants are judged by it.
    pub fn strict() -> Profile {
        let config = Bounds::default().config(None);
        Profile {
            name: "strict".into(),
            config,
            rfc5961_optional: false,
            rfc1337_optional: false,
            rto: config.rto..=config.rto,
            time_wait: config.time_wait..=config.time_wait,
            max_retries: config.max_retries..=config.max_retries,
            any_window: false,
            coalesced_acks: false,
            check_call_results: true,
        }
    }

    /// Everything RFC 9293 permits that the endpoint can express: RFC 5961
    /// and RFC 1337 either way, timers within a tick of the model's, any
    /// window, acknowledgments piggybacked or not, call results unchecked.
    pub fn lenient() -> Profile {
        let strict = Profile::strict();
        let c = strict.config;
        Profile {
            name: "lenient".into(),
            rfc5961_optional: true,
            rfc1337_optional: true,
            rto: c.rto.saturating_sub(1).max(1)..=c.rto + 1,
            time_wait: c.time_wait.saturating_sub(1).max(1)..=c.time_wait + 1,
            any_window: true,
            coalesced_acks: true,
            check_call_results: false,
            ..strict
        }
    }

    /// Every configuration the profile allows, the preferred one first.
    pub fn candidates(&self) -> Vec<Config> {
        let base = self.config;
        let flags = |optional: bool, preferred: bool| {
            if optional {
                vec![preferred, !preferred]
            } else {
                vec![preferred]
            }
        };
        // Each range is listed preferred value first, then the others.
        fn around<T: Copy + PartialEq>(range: impl Iterator<Item = T>, preferred: T) -> Vec<T> {
            let mut v = vec![preferred];
            v.extend(range.filter(|x| *x != preferred));
            v
        }
        let mut all = Vec::new();
        for rfc5961 in flags(self.rfc5961_optional, base.rfc5961) {
            for rfc1337 in flags(self.rfc1337_optional, base.rfc1337) {
                for rto in around(self.rto.clone(), base.rto) {
                    for time_wait in around(self.time_wait.clone(), base.time_wait) {
                        for max_retries in around(self.max_retries.clone(), base.max_retries) {
                            all.push(Config {
                                rfc5961,
                                rfc1337,
                                rto,
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

    /// Why `chosen` differs from the preferred configuration, in RFC terms:
    /// one phrase per field that differs.
    pub fn explain(&self, chosen: &Config) -> Vec<String> {
        let c = &self.config;
        let mut why = Vec::new();
        if chosen.rfc5961 != c.rfc5961 {
            let on = if chosen.rfc5961 { "on" } else { "off" };
            why.push(format!("RFC 5961 mitigations {on} (§3.10.7.4, SHOULD)"));
        }
        if chosen.rfc1337 != c.rfc1337 {
            let on = if chosen.rfc1337 { "on" } else { "off" };
            why.push(format!("RFC 1337 TIME-WAIT protection {on}"));
        }
        if chosen.rto != c.rto {
            why.push(format!("RTO {} ticks, not {} (§3.8.1)", chosen.rto, c.rto));
        }
        if chosen.time_wait != c.time_wait {
            why.push(format!(
                "TIME-WAIT {} ticks, not {} (§3.4.2 MSL)",
                chosen.time_wait, c.time_wait
            ));
        }
        if chosen.max_retries != c.max_retries {
            why.push(format!(
                "{} retransmissions, not {} (§3.8.3 R2)",
                chosen.max_retries, c.max_retries
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
