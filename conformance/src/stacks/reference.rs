//! The reference stack: synack's endpoint behind the `Stack` trait.

use crate::profile::Profile;
use crate::stack::{Call, CallError, Stack};
use crate::wire::WireError;
use synack_model::{Config, Endpoint, Open, Output, Segment, SeqNum, State, Ticks};

/// The endpoint as a stack under test. It picks its ISS like a clock-driven
/// generator (§3.4.1), starting just below 2³¹ so comparisons across the
/// signed boundary are exercised.
#[derive(Clone, Debug)]
pub struct Reference {
    /// The endpoint (mutants reach in to tamper with its transitions).
    pub(crate) endpoint: Endpoint,
    cfg: Config,
    connections: u32,
    /// Segments sent and not yet collected.
    pub(crate) sent: Vec<Segment>,
    /// Text delivered to the application and not yet collected.
    delivered: Vec<u8>,
    /// Every rule the endpoint applied, in order: what a run exercised
    /// (`benches/random_reach.rs` counts them).
    fired: Vec<synack_model::rule::Rule>,
}

impl Reference {
    /// A closed endpoint with the strict profile's configuration.
    pub fn new() -> Reference {
        Reference::with_config(Profile::strict().config)
    }

    /// A closed endpoint with `cfg`.
    pub fn with_config(cfg: Config) -> Reference {
        Reference {
            endpoint: Endpoint::new(),
            cfg,
            connections: 0,
            sent: Vec::new(),
            delivered: Vec::new(),
            fired: Vec::new(),
        }
    }

    /// The rules the endpoint applied so far, in order.
    pub fn fired(&self) -> &[synack_model::rule::Rule] {
        &self.fired
    }

    /// The ISS of the next connection.
    fn next_iss(&mut self) -> SeqNum {
        self.connections += 1;
        SeqNum(0x7fff_fff0u32.wrapping_add(self.connections.wrapping_mul(64_000)))
    }

    fn absorb(&mut self, out: Output) {
        self.fired.extend_from_slice(out.rules.as_slice());
        self.sent.extend(out.segments);
        self.delivered.extend(out.delivered);
    }
}

impl Default for Reference {
    fn default() -> Reference {
        Reference::new()
    }
}

impl Stack for Reference {
    fn call(&mut self, call: &Call) -> Result<(), CallError> {
        let mut out = Output::default();
        let cfg = self.cfg;
        let result = match call {
            Call::Listen => {
                let iss = self.next_iss();
                self.endpoint.open(&cfg, Open::Passive { iss }, &mut out)
            }
            Call::Connect => {
                let iss = self.next_iss();
                self.endpoint.open(&cfg, Open::Active { iss }, &mut out)
            }
            Call::Send(data) => self.endpoint.send(&cfg, data, &mut out),
            Call::Close => self.endpoint.close(&cfg, &mut out),
            Call::Abort => self.endpoint.abort(&cfg, &mut out),
            Call::KeepAlive(k) => {
                self.cfg.keepalive = Some(*k);
                self.endpoint.keepalive_requested(&self.cfg);
                Ok(())
            }
        };
        self.absorb(out);
        result.map_err(|e| CallError(e.to_string()))
    }

    fn inject(&mut self, segment: &Segment) {
        let mut out = Output::default();
        self.endpoint.segment_arrives(&self.cfg, segment, &mut out);
        self.absorb(out);
    }

    fn advance(&mut self, ticks: Ticks) {
        let mut out = Output::default();
        self.endpoint.advance(&self.cfg, ticks, &mut out);
        self.absorb(out);
    }

    fn emitted(&mut self) -> Result<Vec<Segment>, WireError> {
        Ok(std::mem::take(&mut self.sent))
    }

    fn state(&self) -> Option<State> {
        Some(self.endpoint.state())
    }

    fn received(&mut self) -> Option<Vec<u8>> {
        Some(std::mem::take(&mut self.delivered))
    }
}
