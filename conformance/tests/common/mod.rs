//! Helpers shared by the stacks' integration tests.

use std::time::Duration;
use synack_conformance::run::{run_case, Case};
use synack_conformance::{script, Factory, Profile};

/// A reproducer script run against a stack under a profile: the deviation,
/// if any, as the report prints it.
pub fn replay(text: &str, make: &Factory, profile: &Profile, limit: Duration) -> Option<String> {
    let parsed = script::parse(text).expect("the script parses");
    let case = Case::from_script("replay", &parsed);
    run_case(&case, make, profile, limit)
        .deviation
        .map(|d| d.to_string())
}
