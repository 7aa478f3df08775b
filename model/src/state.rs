//! The eleven connection states of RFC 9293 §3.3.2 (Figure 5).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A connection state (§3.3.2). CLOSED is "fictional because it represents
/// the state when there is no TCB".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum State {
    /// No connection.
    Closed,
    /// Waiting for a connection request (passive OPEN).
    Listen,
    /// SYN sent, waiting for a matching SYN.
    SynSent,
    /// SYN received and sent, waiting for the ACK of ours.
    SynReceived,
    /// Open: data flows both ways.
    Established,
    /// We closed: FIN sent, waiting for its ACK or the peer's FIN.
    FinWait1,
    /// Our FIN is acknowledged; waiting for the peer's FIN.
    FinWait2,
    /// The peer closed; waiting for our application to close.
    CloseWait,
    /// Both sent FIN (simultaneous close); waiting for the ACK of ours.
    Closing,
    /// The peer closed first, we then closed; waiting for the ACK of our FIN.
    LastAck,
    /// Waiting 2 MSL so the peer got our ACK and old segments died (§3.6).
    TimeWait,
}

impl State {
    /// All eleven states, in the order of Figure 5's description.
    pub const ALL: [State; 11] = [
        State::Closed,
        State::Listen,
        State::SynSent,
        State::SynReceived,
        State::Established,
        State::FinWait1,
        State::FinWait2,
        State::CloseWait,
        State::Closing,
        State::LastAck,
        State::TimeWait,
    ];

    /// The synchronized states (§3.5.2 group 3): both ISNs are known.
    pub fn is_synchronized(self) -> bool {
        !matches!(
            self,
            State::Closed | State::Listen | State::SynSent | State::SynReceived
        )
    }

    /// The RFC's own spelling, e.g. `SYN-RECEIVED`.
    pub fn rfc_name(self) -> &'static str {
        match self {
            State::Closed => "CLOSED",
            State::Listen => "LISTEN",
            State::SynSent => "SYN-SENT",
            State::SynReceived => "SYN-RECEIVED",
            State::Established => "ESTABLISHED",
            State::FinWait1 => "FIN-WAIT-1",
            State::FinWait2 => "FIN-WAIT-2",
            State::CloseWait => "CLOSE-WAIT",
            State::Closing => "CLOSING",
            State::LastAck => "LAST-ACK",
            State::TimeWait => "TIME-WAIT",
        }
    }

    /// The state whose RFC spelling is `name` (`SYN-RECEIVED`), the
    /// inverse of [`State::rfc_name`]: what a driver reports across a pipe.
    pub fn from_rfc_name(name: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| s.rfc_name() == name)
    }

    /// Index into [`State::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for State {
    /// RFC 9293's own spelling ([`State::rfc_name`]): `SYN-RECEIVED`,
    /// `FIN-WAIT-1`; one spelling in every chart, table and report.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rfc_name())
    }
}
