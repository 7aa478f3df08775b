//! Replaying a reproducer: the script a deviation prints, run again
//! against a stack, from a test or a program (`synack replay` is this on
//! the command line).

use crate::profile::Profile;
use crate::run::{run_case, Case, CaseResult};
use crate::script;
use crate::stack::Factory;
use std::time::Duration;

/// Run the reproducer `text` (a script as a deviation prints it; `#`
/// lines are comments) against a fresh stack from `make`, judged under
/// `profile`, giving up on the stack after `limit`. `Err` says why `text`
/// is not a script to replay: a line that does not parse, or no event.
///
/// ```
/// use std::time::Duration;
/// use synack_conformance::{factory, replay, stacks::mutants::{by_name, Mutant}, Profile};
///
/// // A reproducer `synack conform --stack mutant:skips-time-wait` printed.
/// let reproducer = "connect\n< SYN,ACK seq=0 ack=1 win=4\nclose\n\
///                   < ACK seq=1 ack=2 win=4\n< FIN,ACK seq=1 ack=2 win=4\n";
/// let mutant = by_name("skips-time-wait").unwrap();
/// let make = factory(move || Mutant::new(mutant));
/// let result = replay(reproducer, &make, &Profile::strict(), Duration::from_secs(2)).unwrap();
/// let deviation = result.deviation.expect("it still deviates");
/// assert_eq!(deviation.state, "FIN-WAIT-2");
/// ```
pub fn replay(
    text: &str,
    make: &Factory,
    profile: &Profile,
    limit: Duration,
) -> Result<CaseResult, String> {
    let script = script::parse(text).map_err(|e| e.to_string())?;
    if script.lines.is_empty() {
        return Err(
            "no events to replay (a reproducer has at least one line such as `listen` or `< SYN seq=0`)"
                .into(),
        );
    }
    let name = script
        .comments
        .first()
        .cloned()
        .unwrap_or_else(|| "replayed script".into());
    Ok(run_case(
        &Case::from_script(&name, &script),
        make,
        profile,
        limit,
    ))
}
