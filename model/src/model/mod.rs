//! The model: two [`Endpoint`](crate::Endpoint)s, their applications and a
//! network that loses, duplicates and reorders segments, as a
//! [`stateright::Model`].
//!
//! Time is discrete. A [`Action::Tick`] ages every segment in flight and
//! runs every timer down by one. A segment lives less than MSL ticks: an
//! original must be delivered or lost before then (time cannot pass
//! otherwise), a duplicate may simply die. TIME-WAIT is 2×MSL ticks and the
//! RTO below 2×MSL, as RFC 9293 relates them.
//!
//! ```
//! use synack_model::model::{scenario, Bounds, Tcp};
//! use stateright::{Checker, Model};
//! let model = Tcp::new(scenario::by_name("client-server").unwrap(), Bounds {
//!     losses: 0, duplicates: 0, reorders: 0, ..Bounds::default()
//! });
//! let checker = model.checker().spawn_bfs().join();
//! checker.assert_properties();
//! ```

pub mod app;
pub mod chart;
pub mod flood;
pub mod network;
pub mod properties;
pub mod scenario;
mod system;
pub mod variant;

pub use scenario::{Bounds, Scenario};
pub use system::{Action, Effects, Host, Sys, Tcp};
