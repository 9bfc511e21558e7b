//! The README's quick start is the example that the engine test runs, word for word.

#[test]
fn the_readme_quick_start_is_the_tested_example() {
    let readme = include_str!("../README.md");
    let example = include_str!("../examples/quickstart.rs");
    let code = &example[example
        .find("use futures_util")
        .expect("the example's code")..];
    assert!(
        readme.contains(code),
        "README.md's quick start differs from examples/quickstart.rs; copy the example's code from `use futures_util` on"
    );
}
