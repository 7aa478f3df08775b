//! The wire between the suite and smoltcp: a `phy::Device` of medium IP
//! (no link layer, so no ARP to answer) that hands smoltcp the packets the
//! suite injected and keeps the packets smoltcp sends until they are
//! collected.

use smoltcp::phy::{self, Device, DeviceCapabilities, Medium};
use smoltcp::time::Instant;
use std::collections::VecDeque;

/// Packets in flight between the suite and smoltcp, as raw IPv4 bytes.
#[derive(Debug, Default)]
pub(super) struct Wire {
    /// Injected by the suite, not yet read by smoltcp.
    pub(super) inbound: VecDeque<Vec<u8>>,
    /// Sent by smoltcp, not yet collected by the suite.
    pub(super) outbound: Vec<Vec<u8>>,
}

impl Device for Wire {
    type RxToken<'a> = Arrival;
    type TxToken<'a> = Departure<'a>;

    fn capabilities(&self) -> DeviceCapabilities {
        let mut caps = DeviceCapabilities::default();
        caps.medium = Medium::Ip;
        // An Ethernet-sized MTU: the suite's segments carry three octets at
        // most, so nothing is ever fragmented. Checksums stay on (the
        // default): smoltcp verifies ours and computes its own, which
        // `wire::decode` then checks.
        caps.max_transmission_unit = 1500;
        caps
    }

    fn receive(&mut self, _now: Instant) -> Option<(Arrival, Departure<'_>)> {
        let packet = self.inbound.pop_front()?;
        Some((
            Arrival(packet),
            Departure {
                outbound: &mut self.outbound,
            },
        ))
    }

    fn transmit(&mut self, _now: Instant) -> Option<Departure<'_>> {
        Some(Departure {
            outbound: &mut self.outbound,
        })
    }
}

/// One injected packet, as smoltcp reads it.
pub(super) struct Arrival(Vec<u8>);

impl phy::RxToken for Arrival {
    fn consume<R, F: FnOnce(&[u8]) -> R>(self, f: F) -> R {
        f(&self.0)
    }
}

/// Room for one packet smoltcp sends.
pub(super) struct Departure<'a> {
    outbound: &'a mut Vec<Vec<u8>>,
}

impl phy::TxToken for Departure<'_> {
    fn consume<R, F: FnOnce(&mut [u8]) -> R>(self, len: usize, f: F) -> R {
        let mut packet = vec![0; len];
        let result = f(&mut packet);
        self.outbound.push(packet);
        result
    }
}
