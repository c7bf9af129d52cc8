//! Decision-support speed: settledness, the next question, flips and whole advice, on
//! profiles with 0, 4 and 8 unknown criteria (the service line unknown too when 8 are), for
//! the built-in rules, a non-monotone rule set, and a rule set at the limits.

use std::hint::black_box;

use criterion::{Criterion as Bench, criterion_group, criterion_main};
use outsourcing::{Advice, Classifier, RuleSet, TaskProfile, Verdict};

/// Three profiles: everything known, four criteria unknown, nothing known.
fn profiles() -> [(&'static str, TaskProfile); 3] {
    let full = TaskProfile::from_json(
        r#"{"name":"Vendor invoice exception handling","service_line":"finance_accounting",
            "decision_basis":"guided","complexity":"medium","expertise":"mixed",
            "arbitrage":"mixed","driver":"mixed","coordination":"medium",
            "talent":"skilled","focus":"mid_level"}"#,
    )
    .expect("valid profile");
    let half = TaskProfile::from_json(
        r#"{"name":"Vendor invoice exception handling","service_line":"finance_accounting",
            "decision_basis":"guided","complexity":"medium","expertise":"mixed",
            "arbitrage":"mixed"}"#,
    )
    .expect("valid profile");
    let empty = TaskProfile::new("Special projects").expect("valid name");
    [
        ("0-unknown", full),
        ("4-unknown", half),
        ("8-unknown", empty),
    ]
}

/// Not monotone: a middle value leans KPO and both poles BPO, an exclusive-or of two
/// criteria, a rule over six criteria and one over an attribute (both evaluated as trees),
/// a location rule, a negation and a decisive rule on a service line; the rule set the
/// property tests in `tests/advice.rs` check against brute force.
const TWISTED: &str = include_str!("../tests/fixtures/twisted.toml");

/// 128 rules, each a condition nested to the depth limit over every criterion and the
/// service line (too many fields for a table, so every rule is evaluated as a tree), about
/// 0.95 MB in its JSON form: the costliest rule set to search within the limits.
fn limit_rules() -> String {
    const TESTS: [&str; 9] = [
        "{ decision_basis = { at_least = \"guided\" } }",
        "{ complexity = \"high\" }",
        "{ expertise = { at_most = \"mixed\" } }",
        "{ arbitrage = [\"cost\", \"knowledge\"] }",
        "{ driver = \"mixed\" }",
        "{ coordination = { at_least = \"medium\" } }",
        "{ talent = \"professional\" }",
        "{ focus = [\"low_level\", \"high_level\"] }",
        "{ service_line = [\"payroll\", \"legal_process\", \"data_analytics\"] }",
    ];
    fn node(rule: usize, level: usize, path: usize) -> String {
        let leaf = |k: usize| TESTS[(rule * 7 + path * 3 + k) % TESTS.len()];
        if level == 7 {
            return if path.is_multiple_of(3) {
                leaf(0).to_owned()
            } else {
                format!("{{ any = [{}, {}] }}", leaf(0), leaf(1))
            };
        }
        let left = node(rule, level + 1, path * 2);
        let right = node(rule, level + 1, path * 2 + 1);
        match (rule + level) % 3 {
            0 => format!("{{ all = [{left}, {right}, {}] }}", leaf(2)),
            1 => format!("{{ any = [{left}, {right}, {{ not = {} }}] }}", leaf(3)),
            _ => format!("{{ any = [{left}, {right}, {}] }}", leaf(4)),
        }
    }
    let mut toml = String::from("name = \"limits\"\nversion = \"1.0.0\"\n");
    for i in 0..128 {
        let lean = if i % 2 == 0 { "kpo" } else { "bpo" };
        let weight = 1.0 + f64::from(u8::try_from(i % 5).unwrap_or(0));
        toml.push_str(&format!(
            "\n[[rule]]\nid = \"r{i}\"\nlean = \"{lean}\"\nweight = {weight:.1}\nwhen = {}\nbecause = \"rule {i}\"\n",
            node(i, 1, 0)
        ));
    }
    toml
}

fn benches(c: &mut Bench) {
    let twisted = Classifier::new(RuleSet::from_toml(TWISTED).expect("valid rules"));
    let limits = Classifier::new(RuleSet::from_toml(&limit_rules()).expect("valid rules"));
    let sets = [
        ("default", Classifier::default()),
        ("non-monotone", twisted),
    ];
    for (set, classifier) in &sets {
        let mut group = c.benchmark_group(format!("advice/{set}"));
        for (name, profile) in profiles() {
            group.bench_function(format!("is_settled/{name}"), |b| {
                b.iter(|| classifier.is_settled(black_box(&profile)));
            });
            group.bench_function(format!("next_question/{name}"), |b| {
                b.iter(|| classifier.next_question(black_box(&profile)));
            });
            group.bench_function(format!("advice/{name}"), |b| {
                b.iter(|| Advice::of(classifier, black_box(&profile)));
            });
        }
        group.finish();
    }
    let mut group = c.benchmark_group("advice/limits");
    group.sample_size(10);
    for (name, profile) in profiles() {
        group.bench_function(format!("is_settled/{name}"), |b| {
            b.iter(|| limits.is_settled(black_box(&profile)));
        });
        group.bench_function(format!("advice/{name}"), |b| {
            b.iter(|| Advice::of(&limits, black_box(&profile)));
        });
        group.bench_function(format!("flip-undetermined/{name}"), |b| {
            b.iter(|| limits.flip(black_box(&profile), Verdict::Undetermined));
        });
    }
    group.finish();
}

criterion_group!(advice, benches);
criterion_main!(advice);
