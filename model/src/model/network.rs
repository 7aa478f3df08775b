//! The network between the two hosts: segments in flight, which it may
//! deliver late, out of order, twice, or not at all, each within a budget.

use crate::config::Ticks;
use crate::Segment;
use serde::{Deserialize, Serialize};

/// Which of the two hosts: 0 or 1.
pub type HostId = usize;

/// A segment in flight.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct InFlight {
    /// The sending host; the other one receives.
    pub from: u8,
    /// The segment.
    pub segment: Segment,
    /// Ticks since it was sent. A segment lives less than MSL ticks.
    pub age: u8,
    /// A copy the network kept when it delivered the original: it may arrive
    /// again at any time, or die of age. An original must be delivered or
    /// lost (from the loss budget) before it would die.
    pub duplicate: bool,
}

/// What the network still may do wrong, and what is in flight, in the order
/// sent. Delivering anything but the oldest segment of its direction is a
/// reordering.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Network {
    /// Segments in flight, oldest first.
    pub in_flight: Vec<InFlight>,
    /// Losses the network may still cause.
    pub losses_left: u8,
    /// Duplications it may still cause.
    pub duplicates_left: u8,
    /// Reorderings it may still cause.
    pub reorders_left: u8,
}

impl Network {
    /// Put a segment from `from` on the wire.
    pub fn send(&mut self, from: HostId, segment: Segment) {
        self.in_flight.push(InFlight {
            from: from as u8,
            segment,
            age: 0,
            duplicate: false,
        });
    }

    /// Whether delivering `index` takes it out of order: an older original
    /// segment of the same direction is still in flight. A duplicate may
    /// arrive at any time in its life and holds nothing up.
    pub fn is_reordering(&self, index: usize) -> bool {
        let f = &self.in_flight[index];
        !f.duplicate
            && self.in_flight[..index]
                .iter()
                .any(|g| g.from == f.from && !g.duplicate)
    }

    /// Whether time may pass: no original segment would outlive MSL.
    pub fn time_may_pass(&self, msl: Ticks) -> bool {
        self.in_flight
            .iter()
            .all(|f| f.duplicate || Ticks::from(f.age) + 1 < msl)
    }

    /// One tick passes: every segment ages; duplicates reaching MSL die.
    pub fn age(&mut self, msl: Ticks) {
        for f in &mut self.in_flight {
            f.age += 1;
        }
        self.in_flight.retain(|f| Ticks::from(f.age) < msl);
    }
}
