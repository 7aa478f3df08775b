//! The network between the two hosts: segments in flight, which it may
//! deliver late, out of order, twice, or not at all, each within a budget.

use crate::config::Ticks;
use crate::{Flags, Segment, SeqNum};
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use std::fmt;
use std::hash::{Hash, Hasher};

/// Which of the two hosts: 0 or 1.
pub type HostId = usize;

/// Octets a segment in flight may carry: the model's MSS is 1, and longer
/// text would not fit its sequence space anyway.
pub const MAX_TEXT: usize = 4;

/// Segments in flight kept inline in a state; more spill to the heap.
const INLINE_IN_FLIGHT: usize = 8;

/// A segment in flight, stored inline and packed: a state is copied for each
/// of its successors, and a [`Segment`] owns its text on the heap.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct InFlight {
    /// The sending host; the other one receives.
    pub from: u8,
    /// Ticks since it was sent. A segment lives less than MSL ticks.
    pub age: u8,
    /// A copy the network kept when it delivered the original: it may arrive
    /// again at any time, or die of age. An original must be delivered or
    /// lost (from the loss budget) before it would die.
    pub duplicate: bool,
    flags: Flags,
    len: u8,
    text: [u8; MAX_TEXT],
    wnd: u16,
    seq: SeqNum,
    ack: SeqNum,
}

impl InFlight {
    /// A segment `from` sends, new on the wire.
    ///
    /// # Panics
    /// If it carries more than [`MAX_TEXT`] octets: a scenario sent more
    /// than the model's MSS allows.
    pub fn new(from: HostId, segment: &Segment) -> InFlight {
        let len = segment.payload.len();
        assert!(
            len <= MAX_TEXT,
            "a segment in flight carries at most {MAX_TEXT} octets, this one {len}"
        );
        let mut text = [0; MAX_TEXT];
        text[..len].copy_from_slice(&segment.payload);
        InFlight {
            from: from as u8,
            age: 0,
            duplicate: false,
            flags: segment.flags,
            len: len as u8,
            text,
            wnd: segment.wnd,
            seq: segment.seq,
            ack: segment.ack,
        }
    }

    /// The segment.
    pub fn segment(&self) -> Segment {
        Segment {
            flags: self.flags,
            seq: self.seq,
            ack: self.ack,
            wnd: self.wnd,
            payload: self.text[..self.len as usize].to_vec(),
        }
    }

    /// Whether its control bits include all of `flags`.
    pub fn has(&self, flags: Flags) -> bool {
        self.flags.contains(flags)
    }
}

/// Hashed as three words rather than field by field: every successor
/// state is hashed, and segments in flight are most of a state.
impl Hash for InFlight {
    #[inline(always)]
    fn hash<H: Hasher>(&self, h: &mut H) {
        // Every field, so that a new one cannot be forgotten here.
        let InFlight {
            from,
            age,
            duplicate,
            flags,
            len,
            text,
            wnd,
            seq,
            ack,
        } = *self;
        h.write_u64(
            u64::from(from)
                | u64::from(age) << 8
                | u64::from(duplicate) << 16
                | u64::from(flags.bits()) << 24
                | u64::from(len) << 32
                | u64::from(wnd) << 40,
        );
        h.write_u64(u64::from(seq.0) | u64::from(ack.0) << 32);
        h.write_u32(u32::from_le_bytes(text));
    }
}

impl fmt::Debug for InFlight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InFlight")
            .field("from", &self.from)
            .field("segment", &self.segment())
            .field("age", &self.age)
            .field("duplicate", &self.duplicate)
            .finish()
    }
}

/// What the network still may do wrong, and what is in flight, in the order
/// sent. Delivering anything but the oldest segment of its direction is a
/// reordering.
#[derive(Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Network {
    /// Segments in flight, oldest first.
    pub in_flight: SmallVec<[InFlight; INLINE_IN_FLIGHT]>,
    /// Losses the network may still cause.
    pub losses_left: u8,
    /// Duplications it may still cause.
    pub duplicates_left: u8,
    /// Reorderings it may still cause.
    pub reorders_left: u8,
}

/// Hashed inline into the state's fingerprint, the counters in one word
/// with the number of segments in flight.
impl Hash for Network {
    #[inline(always)]
    fn hash<H: Hasher>(&self, h: &mut H) {
        // Every field, so that a new one cannot be forgotten here.
        let Network {
            in_flight,
            losses_left,
            duplicates_left,
            reorders_left,
        } = self;
        h.write_u64(
            in_flight.len() as u64
                | u64::from(*losses_left) << 32
                | u64::from(*duplicates_left) << 40
                | u64::from(*reorders_left) << 48,
        );
        for f in in_flight {
            f.hash(h);
        }
    }
}

/// Copied as one block: `SmallVec`'s own `clone` copies element by element.
impl Clone for Network {
    fn clone(&self) -> Self {
        let Network {
            in_flight,
            losses_left,
            duplicates_left,
            reorders_left,
        } = self;
        Network {
            in_flight: SmallVec::from_slice(in_flight),
            losses_left: *losses_left,
            duplicates_left: *duplicates_left,
            reorders_left: *reorders_left,
        }
    }

    /// In place, the segments as one block; field by field, for the reason
    /// `Tcb::clone_from` gives.
    fn clone_from(&mut self, source: &Self) {
        let Network {
            in_flight,
            losses_left,
            duplicates_left,
            reorders_left,
        } = source;
        self.in_flight.clear();
        self.in_flight.extend_from_slice(in_flight);
        self.losses_left = *losses_left;
        self.duplicates_left = *duplicates_left;
        self.reorders_left = *reorders_left;
    }
}

impl Network {
    /// Put a segment from `from` on the wire.
    pub fn send(&mut self, from: HostId, segment: &Segment) {
        self.in_flight.push(InFlight::new(from, segment));
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
