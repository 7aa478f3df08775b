//! The documentation cannot rot: the example in docs/plugging-a-stack.md
//! is, character for character, the test file `plugging_a_stack.rs`,
//! which `cargo test` runs.

/// The first ```rust block of a Markdown text.
fn first_rust_block(markdown: &str) -> &str {
    let start = markdown.find("```rust\n").expect("a rust block") + "```rust\n".len();
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
