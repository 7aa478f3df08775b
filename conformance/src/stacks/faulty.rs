//! Stacks that fail the harness rather than TCP: they panic, hang, or emit
//! bytes that are not a segment. Each must give a failed case with a clear
//! message, and the run must go on.

use super::Reference;
use crate::stack::{factory, Call, CallError, Factory, Stack};
use crate::wire::{self, Packet, WireError};
use synack_model::{Segment, State, Ticks};

/// The faulty stacks: name and what goes wrong.
pub const ALL: [(&str, &str); 3] = [
    ("panic", "panics when the first segment arrives"),
    ("hang", "never returns from the first segment"),
    ("garbage", "emits packets with a broken TCP checksum"),
];

/// A factory for the faulty stack called `name`.
pub fn by_name(name: &str) -> Option<Factory> {
    match name {
        "panic" => Some(factory(|| Faulty::new(Fault::Panic))),
        "hang" => Some(factory(|| Faulty::new(Fault::Hang))),
        "garbage" => Some(factory(|| Faulty::new(Fault::Garbage))),
        _ => None,
    }
}

/// What goes wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// `inject` panics.
    Panic,
    /// `inject` parks its thread forever (without burning a core).
    Hang,
    /// Every packet sent is corrupted on the way out, then decoded as an
    /// adapter would: the decoder reports the bad checksum.
    Garbage,
}

/// The reference stack with a fault.
#[derive(Clone, Debug)]
pub struct Faulty {
    inner: Reference,
    fault: Fault,
}

impl Faulty {
    /// A closed stack with `fault`.
    pub fn new(fault: Fault) -> Faulty {
        Faulty {
            inner: Reference::new(),
            fault,
        }
    }
}

impl Stack for Faulty {
    fn call(&mut self, call: &Call) -> Result<(), CallError> {
        self.inner.call(call)
    }

    fn inject(&mut self, segment: &Segment) {
        match self.fault {
            Fault::Panic => panic!("faulty stack: index out of bounds in the receive path"),
            Fault::Hang => loop {
                std::thread::park();
            },
            Fault::Garbage => self.inner.inject(segment),
        }
    }

    fn advance(&mut self, ticks: Ticks) {
        self.inner.advance(ticks)
    }

    fn emitted(&mut self) -> Result<Vec<Segment>, WireError> {
        let segments = self.inner.emitted()?;
        if self.fault != Fault::Garbage {
            return Ok(segments);
        }
        segments
            .into_iter()
            .map(|segment| {
                let mut bytes = wire::encode(&Packet {
                    src: "192.0.2.1:80".parse().expect("an address"),
                    dst: "192.0.2.2:4000".parse().expect("an address"),
                    segment,
                });
                let last = bytes.len() - 1;
                bytes[last] ^= 0x5a; // a flipped octet in the TCP header or text
                wire::decode(&bytes).map(|p| p.segment)
            })
            .collect()
    }

    fn state(&self) -> Option<State> {
        self.inner.state()
    }
}
