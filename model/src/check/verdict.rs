//! What a check decided about each property, and why it stopped early.
//!
//! [`PropertyResult::holds`](super::PropertyResult::holds) alone cannot say
//! this: once exploration stops early, "no counterexample among the
//! explored states" is not "holds". A [`Verdict`] keeps the three apart.

use std::fmt;

use stateright::Expectation;

use super::PropertyResult;

/// The verdict on one property: what was proven, or that nothing was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Always/Eventually: proven on the whole reachable state space.
    Holds,
    /// Always/Eventually: a counterexample exists (among explored states,
    /// so in the model).
    Violated,
    /// Sometimes: a reachable state (or step) satisfies it; a witness exists.
    Reached,
    /// Sometimes: proven that no reachable state satisfies it.
    Unreached,
    /// Exploration stopped early and found neither proof nor counterexample.
    Undecided,
}

impl Verdict {
    /// The verdict's name as reports print it: `holds`, `violated`,
    /// `reached`, `unreached`, `undecided`.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Holds => "holds",
            Verdict::Violated => "violated",
            Verdict::Reached => "reached",
            Verdict::Unreached => "unreached",
            Verdict::Undecided => "undecided",
        }
    }

    /// Whether the property is proven to be as expected (holds, reached).
    pub fn is_proven(self) -> bool {
        matches!(self, Verdict::Holds | Verdict::Reached)
    }

    /// Whether the property is proven not to be as expected (violated,
    /// unreached).
    pub fn is_refuted(self) -> bool {
        matches!(self, Verdict::Violated | Verdict::Unreached)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why exploration stopped before every reachable state was expanded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stop {
    /// [`Options::stop_on_violation`](super::Options::stop_on_violation):
    /// a watched Always property is violated.
    Violation,
    /// [`Options::max_states`](super::Options::max_states) states are known.
    MaxStates,
    /// [`Options::max_depth`](super::Options::max_depth): the states that
    /// deep were not expanded.
    MaxDepth,
    /// [`Options::memory_limit`](super::Options::memory_limit): going on
    /// would have needed more memory than that.
    MemoryLimit,
    /// [`Options::bitstate`](super::Options::bitstate): states were kept as
    /// bits, so some may have been taken for others and not explored.
    Bitstate,
}

impl Stop {
    /// A short name: `first-violation`, `max-states`, `max-depth`,
    /// `memory-limit`, `bitstate`.
    pub fn name(self) -> &'static str {
        match self {
            Stop::Violation => "first-violation",
            Stop::MaxStates => "max-states",
            Stop::MaxDepth => "max-depth",
            Stop::MemoryLimit => "memory-limit",
            Stop::Bitstate => "bitstate",
        }
    }
}

impl<M: stateright::Model> PropertyResult<M> {
    /// The verdict, given whether exploration was complete.
    ///
    /// A counterexample (Always, Eventually) or a witness (Sometimes) is a
    /// proof whether or not exploration completed: unexplored states never
    /// refute. Their absence proves something only on a complete graph.
    pub fn verdict(&self, complete: bool) -> Verdict {
        match self.expectation {
            Expectation::Sometimes if self.holds => Verdict::Reached,
            Expectation::Sometimes if complete => Verdict::Unreached,
            Expectation::Always | Expectation::Eventually if !self.holds => Verdict::Violated,
            _ if complete => Verdict::Holds,
            _ => Verdict::Undecided,
        }
    }
}
