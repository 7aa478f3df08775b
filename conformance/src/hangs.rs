//! Stopping a run against a stack that keeps hanging.
//!
//! A hung case costs its whole time limit and leaves its thread behind (a
//! thread cannot be killed, [`crate::run`]): a stack that hangs in every
//! case would take the limit times the ~750 cases (25 minutes for
//! `faulty:hang`) and as many threads. After `max` hangs in a row the run
//! stops: cases not yet started are not run, and the report says so.

use crate::deviation::Failure;
use crate::profile::Profile;
use crate::run::{run_case, Case, CaseResult};
use crate::stack::Factory;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::Duration;

/// Hangs in a row that stop a run by default: a stack hung this often is
/// stuck (a hang per transient slow-down would be one here and there).
pub const DEFAULT_MAX_HANGS: u32 = 5;

/// Counts hangs in a row, across the threads of a run.
#[derive(Debug, Default)]
pub struct HangGuard {
    /// Hangs in a row that stop the run; 0: never stop.
    max: u32,
    in_a_row: AtomicU32,
    stopped: AtomicBool,
}

impl HangGuard {
    /// A guard that stops a run after `max` hangs in a row (0: never).
    pub fn new(max: u32) -> HangGuard {
        HangGuard {
            max,
            ..HangGuard::default()
        }
    }

    /// Run `case` as [`run_case`] does, unless the run has stopped: then
    /// `None`, the case not run.
    pub fn run(
        &self,
        case: &Case,
        make: &Factory,
        profile: &Profile,
        limit: Duration,
    ) -> Option<CaseResult> {
        if self.stopped() {
            return None;
        }
        let result = run_case(case, make, profile, limit);
        let hung = result
            .deviation
            .as_ref()
            .is_some_and(|d| d.failure == Failure::Hang);
        if !hung {
            self.in_a_row.store(0, Ordering::Relaxed);
        } else if self.max > 0 && self.in_a_row.fetch_add(1, Ordering::Relaxed) + 1 >= self.max {
            self.stopped.store(true, Ordering::Relaxed);
        }
        Some(result)
    }

    /// Whether the run has stopped.
    pub fn stopped(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
    }

    /// Why the run stopped, in words, if it has.
    pub fn reason(&self) -> Option<String> {
        self.stopped().then(|| {
            format!(
                "the stack hung in {} cases in a row (--max-hangs {}; 0 runs every case)",
                self.max, self.max
            )
        })
    }
}
