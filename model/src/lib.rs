//! # synack-model
//!
//! TCP connection management (RFC 9293) as one sans-IO endpoint state
//! machine, and a [stateright] model that composes two of them over a
//! network that loses, duplicates and reorders segments.
//!
//! * [`Endpoint`]: RFC 9293 §3.10 event processing for one connection. Every
//!   TCP rule synack knows is written there once, with its section cited.
//! * [`model`]: two endpoints, a network and an application script per
//!   scenario, as a `stateright::Model`, with the properties synack proves.
//! * [`check`]: an explicit-state checker for such models that returns
//!   shortest counterexamples and checks liveness soundly (cycles included,
//!   under weak fairness).
//! * [`mutant`]: the endpoint with one RFC rule broken each, by tampering
//!   with its inputs, outputs or transitions; shared by the model and the
//!   conformance suite.
#![deny(missing_docs)]

mod config;
mod endpoint;
mod segment;
mod seq;
mod state;

#[cfg(any(feature = "proptest", feature = "quickcheck"))]
mod arbitrary;

/// Exploration of models: shortest counterexamples and sound liveness.
pub mod check;
pub mod model;
pub mod mutant;
pub mod rule;

pub use config::{Broken, Config, Keepalive, Ticks};
pub use endpoint::{Endpoint, Event, Open, Output, SendBuffer, SynRest, Tcb, Timers, UserError};
pub use segment::{Flags, Segment};
pub use seq::SeqNum;
pub use state::State;
