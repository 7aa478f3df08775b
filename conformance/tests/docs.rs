//! The documentation cannot rot: the example in docs/plugging-a-stack.md
//! is, character for character, the test file `plugging_a_stack.rs`,
//! which `cargo test` runs.

/// The ```rust block of a Markdown text that is the test file.
fn first_rust_block(markdown: &str) -> &str {
    let marker = "```rust\n//! tests/conformance.rs";
    let start = markdown.find(marker).expect("the test file's block") + "```rust\n".len();
    let len = markdown[start..].find("\n```").expect("the block ends") + 1;
    &markdown[start..start + len]
}

#[test]
fn the_plugging_guide_shows_the_test_that_runs() {
    let guide = include_str!("../../docs/plugging-a-stack.md");
    assert_eq!(
        first_rust_block(guide),
        include_str!("plugging_a_stack.rs"),
        "docs/plugging-a-stack.md and conformance/tests/plugging_a_stack.rs differ: copy the test file into the guide"
    );
}

#[test]
fn the_driver_route_shows_the_python_driver_that_runs() {
    let guide = include_str!("../../docs/plugging-a-stack.md");
    let start = guide.find("```python\n").expect("a python block") + "```python\n".len();
    let len = guide[start..].find("```\n").expect("the block ends");
    assert_eq!(
        &guide[start..start + len],
        include_str!("../../drivers/example/closed_port.py"),
        "docs/plugging-a-stack.md and drivers/example/closed_port.py differ: copy the driver into the guide"
    );
}

/// The replay example, compiled into this test so that it runs.
#[path = "../examples/replay_reproducer.rs"]
mod replay_reproducer;

#[test]
fn the_replay_example_runs_and_tells_a_bug_from_a_fix() {
    use synack_conformance::stacks::{mutants, Reference};
    replay_reproducer::main();
    let spec = mutants::by_name("skips-time-wait").unwrap();
    let buggy = synack_conformance::factory(move || mutants::Mutant::new(spec));
    let report = replay_reproducer::still_deviates(&buggy).expect("the mutant deviates");
    assert!(report.contains("FIN-WAIT-2"), "{report}");
    let fixed = synack_conformance::factory(Reference::new);
    assert_eq!(replay_reproducer::still_deviates(&fixed), None);
}

#[test]
fn the_plugging_guide_shows_the_replay_example_that_runs() {
    let guide = include_str!("../../docs/plugging-a-stack.md");
    let marker = "```rust\n//! Replay a reproducer";
    let start = guide.find(marker).expect("the replay example in the guide") + "```rust\n".len();
    let len = guide[start..].find("\n```").expect("the block ends") + 1;
    assert_eq!(
        &guide[start..start + len],
        include_str!("../examples/replay_reproducer.rs"),
        "docs/plugging-a-stack.md and conformance/examples/replay_reproducer.rs differ: copy the example into the guide"
    );
}
