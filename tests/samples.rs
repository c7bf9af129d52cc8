//! The sample files the README shows stay what the tool makes of the sample data.

mod common;

use common::{run, sample, text};

#[test]
fn the_readme_map_is_the_map_of_the_sample_portfolio() {
    let svg =
        std::env::temp_dir().join(format!("outsourcing-sample-map-{}.svg", std::process::id()));
    let out = run(
        &["map", &sample("portfolio.csv"), "-o", svg.to_str().unwrap()],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let drawn = std::fs::read_to_string(&svg).unwrap();
    std::fs::remove_file(&svg).unwrap();
    let shown = std::fs::read_to_string(sample("portfolio-map.svg")).unwrap();
    assert!(
        drawn == shown,
        "examples/data/portfolio-map.svg is stale: run \
         `cargo run --features cli -- map examples/data/portfolio.csv -o examples/data/portfolio-map.svg`"
    );
}
