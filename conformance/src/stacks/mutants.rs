//! Mutants: the reference stack with one RFC rule broken each.
//!
//! The mutants themselves, and how each tampers with the endpoint, are
//! [`synack_model::mutant`]'s: the model checker runs the very same
//! tampering to show that each broken rule leads to a property violation.
//! Here they become stacks. If the suite is any good, every mutant fails
//! some case in the state where its rule lives: it is *killed*.

use super::Reference;
use crate::stack::{Call, CallError, Stack};
use crate::wire::WireError;
use synack_model::mutant::Stimulus;
use synack_model::{Segment, State, Ticks};

pub use synack_model::mutant::{by_name, Spec, ALL};

/// The reference stack with `spec`'s tampering.
#[derive(Clone, Debug)]
pub struct Mutant {
    inner: Reference,
    spec: &'static Spec,
}

impl Mutant {
    /// A closed mutant stack.
    pub fn new(spec: &'static Spec) -> Mutant {
        Mutant {
            inner: Reference::new(),
            spec,
        }
    }

    /// Let the reference handle `stimulus` by `act`, then tamper with what
    /// it sent meanwhile (segments sent earlier and not yet collected are
    /// not this event's) and with the state it entered.
    fn around<R>(&mut self, stimulus: Stimulus, act: impl FnOnce(&mut Reference) -> R) -> R {
        let (before, mark) = (self.inner.endpoint.clone(), self.inner.sent.len());
        let result = act(&mut self.inner);
        let mut sent = self.inner.sent.split_off(mark);
        self.spec
            .tamper_output(&before, stimulus, &mut self.inner.endpoint, &mut sent);
        self.inner.sent.append(&mut sent);
        result
    }
}

impl Stack for Mutant {
    fn call(&mut self, call: &Call) -> Result<(), CallError> {
        let stimulus = match call {
            Call::Close => Stimulus::Close,
            Call::Listen | Call::Connect | Call::Send(_) | Call::Abort | Call::KeepAlive(_) => {
                Stimulus::OtherCall
            }
        };
        self.around(stimulus, |inner| inner.call(call))
    }

    fn inject(&mut self, segment: &Segment) {
        let arrives = self.spec.tamper_input(&self.inner.endpoint, segment);
        self.around(Stimulus::SegmentArrives, |inner| {
            if let Some(seg) = &arrives {
                inner.inject(seg);
            }
        });
    }

    fn advance(&mut self, ticks: Ticks) {
        self.around(Stimulus::Timeout, |inner| inner.advance(ticks));
    }

    fn emitted(&mut self) -> Result<Vec<Segment>, WireError> {
        self.inner.emitted()
    }

    fn state(&self) -> Option<State> {
        self.inner.state()
    }

    fn received(&mut self) -> Option<Vec<u8>> {
        self.inner.received()
    }
}
