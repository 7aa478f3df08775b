//! The model's properties, split by how they are checked, and their
//! evaluation on a newly found state.

use super::StepProperty;
use stateright::{Expectation, Model, Property};

/// A property condition.
type Condition<M> = fn(&M, &<M as Model>::State) -> bool;

/// A step property condition.
type StepCondition<M> =
    fn(&M, &<M as Model>::State, &<M as Model>::Action, &<M as Model>::State) -> bool;

/// The model's properties, split by how they are checked.
pub(crate) struct Checks<M: Model> {
    /// Always / Sometimes conditions with `true` for Always. A state is a
    /// discovery for one of them iff `condition(state) != always`.
    pub safety: Vec<(Condition<M>, bool)>,
    /// Eventually conditions; their holds-bits feed the liveness analysis.
    pub eventually: Vec<Condition<M>>,
    /// For each property, its index in `safety` or `eventually`.
    pub slot: Vec<usize>,
    /// Step properties (sometimes): a discovery is a step that satisfies one.
    pub steps: Vec<StepCondition<M>>,
}

impl<M: Model> Checks<M> {
    /// Splits `properties`.
    ///
    /// # Panics
    /// With more than 64 Always/Sometimes or 32 Eventually properties (the
    /// per-state bitmasks are `u64` / `u32`).
    pub fn new(properties: &[Property<M>], steps: &[StepProperty<M>]) -> Self {
        let mut checks = Checks {
            safety: Vec::new(),
            eventually: Vec::new(),
            slot: Vec::new(),
            steps: steps.iter().map(|s| s.condition).collect(),
        };
        for p in properties {
            match p.expectation {
                Expectation::Always | Expectation::Sometimes => {
                    checks.slot.push(checks.safety.len());
                    let always = p.expectation == Expectation::Always;
                    checks.safety.push((p.condition, always));
                }
                Expectation::Eventually => {
                    checks.slot.push(checks.eventually.len());
                    checks.eventually.push(p.condition);
                }
            }
        }
        assert!(
            checks.safety.len() <= 64,
            "at most 64 always/sometimes properties"
        );
        assert!(
            checks.eventually.len() <= 32,
            "at most 32 eventually properties"
        );
        assert!(checks.steps.len() <= 64, "at most 64 step properties");
        checks
    }

    /// Mask of all Eventually bits.
    pub fn eventually_mask(&self) -> u32 {
        low_bits(self.eventually.len()) as u32
    }

    /// Evaluates a newly found state: (inside boundary, holds-bits, discoveries
    /// among the still `pending` safety properties).
    pub fn evaluate(&self, model: &M, state: &M::State, pending: u64) -> (bool, u32, u64) {
        let inside = model.within_boundary(state);
        let mut holds = 0;
        for (p, condition) in self.eventually.iter().enumerate() {
            if condition(model, state) {
                holds |= 1 << p;
            }
        }
        let mut found = 0;
        if inside {
            let mut todo = pending;
            while todo != 0 {
                let p = todo.trailing_zeros() as usize;
                todo &= todo - 1;
                let (condition, always) = self.safety[p];
                if condition(model, state) != always {
                    found |= 1 << p;
                }
            }
        }
        (inside, holds, found)
    }
}

impl<M: Model> Checks<M> {
    /// Which of the `pending` step properties the step `state --action-->
    /// next` satisfies.
    pub fn evaluate_step(
        &self,
        model: &M,
        state: &M::State,
        action: &M::Action,
        next: &M::State,
        pending: u64,
    ) -> u64 {
        let mut found = 0;
        let mut todo = pending;
        while todo != 0 {
            let p = todo.trailing_zeros() as usize;
            todo &= todo - 1;
            if (self.steps[p])(model, state, action, next) {
                found |= 1 << p;
            }
        }
        found
    }
}

/// Mask with the `n` lowest bits set (`n <= 64`).
pub(crate) fn low_bits(n: usize) -> u64 {
    if n >= 64 {
        u64::MAX
    } else {
        (1 << n) - 1
    }
}

/// Takes the bits of `found` still in `pending` out of it, calling `record`
/// with the slot of each: the first discovery of a property is the one
/// kept (BFS order makes it a shallowest one).
pub(crate) fn take_fresh(found: u64, pending: &mut u64, mut record: impl FnMut(usize)) {
    let mut fresh = found & *pending;
    *pending &= !fresh;
    while fresh != 0 {
        record(fresh.trailing_zeros() as usize);
        fresh &= fresh - 1;
    }
}

/// Whether a slot in `watched` has a discovery (`discoveries` holds the
/// discovering state per slot, `NONE` for none).
pub(crate) fn watched_found(discoveries: &[u32], watched: u64) -> bool {
    discoveries
        .iter()
        .enumerate()
        .any(|(slot, &found)| watched & (1 << slot) != 0 && found != super::graph::NONE)
}
