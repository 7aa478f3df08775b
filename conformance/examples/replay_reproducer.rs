//! Replay a reproducer against your own stack, from a program or a test:
//! `cargo run -p synack-conformance --example replay_reproducer`.
//! (`synack replay FILE --stack NAME` does the same for built-in stacks.)

use std::time::Duration;
use synack_conformance::stacks::{mutants, Reference};
use synack_conformance::{factory, replay, Factory, Profile};

/// A reproducer as a report printed it, `#` comments and all: here one
/// that `synack conform --stack mutant:skips-time-wait` found.
pub const REPRODUCER: &str = "\
# FIN-WAIT-2 × FIN,ACK at left edge
# shortest model path: scenario simultaneous-open, the stack plays A (6 model steps)
# expected: state TIME-WAIT; sends > ACK seq=2 ack=2 win=4
# observed: state CLOSED; sends > ACK seq=2 ack=2 win=4
connect
< SYN,ACK seq=0 ack=1 win=4
close
< ACK seq=1 ack=2 win=4
< FIN,ACK seq=1 ack=2 win=4
";

/// Replay [`REPRODUCER`] against stacks from `make`: the deviation's
/// report if the stack still deviates, `None` once it is fixed.
pub fn still_deviates(make: &Factory) -> Option<String> {
    let result = replay(REPRODUCER, make, &Profile::strict(), Duration::from_secs(2))
        .expect("the reproducer is a script");
    result.deviation.map(|d| d.to_string())
}

pub fn main() {
    // Your stack goes here, e.g. `factory(|| Adapter(my_tcp::Socket::new()))`
    // with the adapter of docs/plugging-a-stack.md. A built-in mutant
    // stands in for a stack with the bug, the reference for one without.
    let spec = mutants::by_name("skips-time-wait").expect("a built-in mutant");
    let buggy = factory(move || mutants::Mutant::new(spec));
    match still_deviates(&buggy) {
        Some(report) => print!("the bug is still there:\n{report}"),
        None => println!("fixed"),
    }
    let fixed = factory(Reference::new);
    match still_deviates(&fixed) {
        Some(report) => print!("the reference deviates?\n{report}"),
        None => println!("the reference replays it without a deviation"),
    }
}
