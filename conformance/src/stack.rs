//! The trait a TCP implementation provides to be checked.
//!
//! The suite plays the application above the stack and the peer on the
//! wire. It needs five things from a stack, and nothing about how the stack
//! is built:
//!
//! 1. the user calls of RFC 9293 §3.9.1 ([`Stack::call`]);
//! 2. a way to hand it a segment as if it came off the wire
//!    ([`Stack::inject`]);
//! 3. a way to let time pass ([`Stack::advance`]): virtual ticks for an
//!    in-process stack, a sleep of however long a tick means for a kernel;
//! 4. the segments it sent since it was last asked ([`Stack::emitted`]);
//! 5. its connection state, if it can tell ([`Stack::state`]). A stack that
//!    cannot (a kernel seen from outside) keeps the default `None` and is
//!    judged by its segments alone.
//!
//! ```
//! use synack_conformance::{Call, CallError, Stack, WireError};
//! use synack_model::{Segment, State, Ticks};
//!
//! /// A stack that has not been written yet: it never answers.
//! struct Silent;
//! impl Stack for Silent {
//!     fn call(&mut self, _call: &Call) -> Result<(), CallError> { Ok(()) }
//!     fn inject(&mut self, _segment: &Segment) {}
//!     fn advance(&mut self, _ticks: Ticks) {}
//!     fn emitted(&mut self) -> Result<Vec<Segment>, WireError> { Ok(Vec::new()) }
//! }
//! let mut s = Silent;
//! assert_eq!(s.state(), None, "segments alone will judge it");
//! ```

use crate::wire::WireError;
use std::fmt;
use synack_model::{Keepalive, Segment, State, Ticks};

/// A user call (RFC 9293 §3.9.1), as the suite's application makes it.
///
/// RECEIVE is not a call: a stack under test should hand everything it
/// receives to its application at once, so its receive window stays open
/// (the model's application reads at once too).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Call {
    /// Passive OPEN: listen for a connection (§3.10.1).
    Listen,
    /// Active OPEN: connect to the peer (§3.10.1).
    Connect,
    /// SEND these octets (§3.10.2).
    Send(Vec<u8>),
    /// CLOSE: "I have no more data to send" (§3.10.4); a `shutdown(SHUT_WR)`
    /// for sockets.
    Close,
    /// ABORT (§3.10.5); `SO_LINGER` with a zero timeout for sockets.
    Abort,
    /// Turn keep-alive on for the connection (§3.8.4, MUST-24): the idle
    /// time before the first probe, the time between probes (both in
    /// ticks), and the unanswered probes after which it is given up. A
    /// stack that cannot do it refuses the call.
    KeepAlive(Keepalive),
}

impl fmt::Display for Call {
    /// The call as a script line: `listen`, `send 2`, ...
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Call::Listen => f.write_str("listen"),
            Call::Connect => f.write_str("connect"),
            Call::Send(data) => write!(f, "send {}", data.len()),
            Call::Close => f.write_str("close"),
            Call::Abort => f.write_str("abort"),
            Call::KeepAlive(k) => write!(f, "keepalive {} {} {}", k.idle, k.interval, k.probes),
        }
    }
}

/// A user call the stack refused, with its own words for why (an errno, an
/// "error: connection closing" of §3.10).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CallError(pub String);

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CallError {}

/// A TCP implementation under test: one connection, one peer.
///
/// Numbers are absolute: the suite learns the ISS the stack chose from its
/// SYN or SYN,ACK and writes its scripts relative to it. Methods may panic
/// or never return: the suite runs each case in a thread of its own, with a
/// time limit, and reports either as a failed case.
pub trait Stack {
    /// Make a user call. `Err` when the stack refuses it.
    fn call(&mut self, call: &Call) -> Result<(), CallError>;

    /// A segment from the peer arrives.
    fn inject(&mut self, segment: &Segment);

    /// `ticks` of time pass. One tick is what the profile's timer values
    /// are counted in (the model's RTO is 2 ticks, its TIME-WAIT 4).
    fn advance(&mut self, ticks: Ticks);

    /// The segments the stack sent since the last call, oldest first. An
    /// adapter that decodes bytes returns the [`WireError`] of a packet it
    /// could not decode: the case fails with it.
    fn emitted(&mut self) -> Result<Vec<Segment>, WireError>;

    /// The connection state, if the stack can tell; compared with the
    /// oracle's after every event.
    fn state(&self) -> Option<State> {
        None
    }

    /// The octets the stack delivered to its application since the last
    /// call, if it can tell. Compared with what the endpoint delivers, so
    /// stream integrity and half-close delivery (claims C2, C6) are
    /// checked on the stack itself, not only in the model. `None`: the
    /// stack is judged by its segments alone.
    fn received(&mut self) -> Option<Vec<u8>> {
        None
    }

    /// Why the case cannot go on, for a stack that runs in real time and
    /// would have to wait longer than it may (a kernel's 60 s TIME-WAIT):
    /// asked after every event, before the answer is judged. The case then
    /// ends as *skipped*, neither passed nor failed, and the stack is not
    /// called again. Keep the default `None` otherwise.
    fn skipped(&mut self) -> Option<String> {
        None
    }
}

impl<S: Stack + ?Sized> Stack for Box<S> {
    fn call(&mut self, call: &Call) -> Result<(), CallError> {
        (**self).call(call)
    }
    fn inject(&mut self, segment: &Segment) {
        (**self).inject(segment)
    }
    fn advance(&mut self, ticks: Ticks) {
        (**self).advance(ticks)
    }
    fn emitted(&mut self) -> Result<Vec<Segment>, WireError> {
        (**self).emitted()
    }
    fn state(&self) -> Option<State> {
        (**self).state()
    }
    fn skipped(&mut self) -> Option<String> {
        (**self).skipped()
    }
    fn received(&mut self) -> Option<Vec<u8>> {
        (**self).received()
    }
}

/// Makes a fresh stack for each case, in the case's own thread (so the
/// stack itself need not be `Send`).
pub type Factory = std::sync::Arc<dyn Fn() -> Box<dyn Stack> + Send + Sync>;

/// A [`Factory`] from a constructor: `factory(MyStack::new)`.
pub fn factory<S, F>(make: F) -> Factory
where
    S: Stack + 'static,
    F: Fn() -> S + Send + Sync + 'static,
{
    std::sync::Arc::new(move || Box::new(make()) as Box<dyn Stack>)
}
