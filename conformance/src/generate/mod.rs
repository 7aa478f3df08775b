//! Test generation, three ways, all from the model:
//!
//! * [`matrix`]: every state × every event, each state reached by a
//!   shortest path found in the model;
//! * [`transitions`]: a shortest model path through each Figure 5
//!   transition;
//! * [`off_diagram`]: a shortest model path through each transition of
//!   §3.10 that Figure 5 does not draw;
//! * [`keepalive`]: keep-alive turned on, the peer silent (§3.8.4);
//! * [`random`]: proptest scripts of user calls, probes and time from a
//!   random state, shrunk to a minimal reproducer when one fails.

pub mod continuations;
pub mod histories;
pub mod keepalive;
pub mod matrix;
pub mod off_diagram;
pub mod paths;
pub mod random;
pub mod transitions;
