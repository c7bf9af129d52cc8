//! Classification speed: verdict only, full classification, loading the default rules.

use std::hint::black_box;

use criterion::{Criterion as Bench, Throughput, criterion_group, criterion_main};
use outsourcing::{Classifier, Criterion, Position, RuleSet, ServiceLine, TaskProfile};

fn fixed_profile() -> TaskProfile {
    TaskProfile::from_json(
        r#"{"name":"Invoice processing","service_line":"finance_accounting",
            "decision_basis":"rules","complexity":"low","expertise":"process",
            "arbitrage":"cost","driver":"volume","coordination":"medium",
            "talent":"communication","focus":"low_level"}"#,
    )
    .expect("valid profile")
}

/// 1024 profiles covering every mix of known, unknown and middle values.
fn varied_profiles() -> Vec<TaskProfile> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..1024)
        .map(|i| {
            let mut p = TaskProfile::new(format!("task {i}")).expect("valid name");
            for c in Criterion::ALL {
                let r = next() % 4;
                p.set(c, Position::from_index(usize::try_from(r).unwrap_or(3)));
            }
            let lines = &ServiceLine::ALL;
            let pick = usize::try_from(next() % (lines.len() as u64 + 1)).unwrap_or(0);
            p.set_service_line(lines.get(pick).copied());
            p
        })
        .collect()
}

fn benches(c: &mut Bench) {
    let classifier = Classifier::default();
    let profile = fixed_profile();
    let batch = varied_profiles();

    c.bench_function("verdict/fixed", |b| {
        b.iter(|| classifier.verdict(black_box(&profile)));
    });
    c.bench_function("classify/fixed", |b| {
        b.iter(|| {
            let result = classifier.classify(black_box(&profile));
            black_box((result.verdict(), result.kpo_share(), result.confidence()))
        });
    });
    c.bench_function("classify/fixed+top_reason", |b| {
        b.iter(|| {
            let result = classifier.classify(black_box(&profile));
            black_box(result.top_reason(&classifier).map(|r| r.weight()))
        });
    });

    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(batch.len() as u64));
    group.bench_function("verdict/1024-varied", |b| {
        b.iter(|| {
            for p in &batch {
                black_box(classifier.verdict(black_box(p)));
            }
        });
    });
    group.bench_function("classify/1024-varied", |b| {
        b.iter(|| {
            for p in &batch {
                let result = classifier.classify(black_box(p));
                black_box((result.verdict(), result.confidence()));
            }
        });
    });
    group.finish();

    let text = RuleSet::default().to_toml();
    c.bench_function("load/default-rules", |b| {
        b.iter(|| Classifier::new(RuleSet::from_toml(black_box(&text)).expect("valid rules")));
    });
    let rules = RuleSet::default();
    c.bench_function("build/default-rules", |b| {
        b.iter(|| Classifier::new(black_box(rules.clone())));
    });
    let deep = RuleSet::from_toml(&deep_rules()).expect("valid rules");
    let mut slow = c.benchmark_group("build-slow");
    slow.sample_size(10);
    slow.bench_function("128-deep-rules-over-5-criteria", |b| {
        b.iter(|| Classifier::new(black_box(deep.clone())));
    });
    slow.finish();
}

/// 128 rules, each a condition nested to the depth limit over five criteria: the most
/// expensive rule set to compile within the limits (every rule fills a 1,024-entry table).
fn deep_rules() -> String {
    const FIELDS: [(&str, &str); 5] = [
        ("decision_basis", "guided"),
        ("complexity", "medium"),
        ("expertise", "mixed"),
        ("driver", "mixed"),
        ("talent", "skilled"),
    ];
    let mut toml = String::from("name = \"deep\"\nversion = \"1.0.0\"\n");
    for i in 0..128 {
        // Seven levels of `all`/`any`/`not` around tests of all five criteria.
        let mut condition = String::from("[");
        for (j, (field, value)) in FIELDS.iter().enumerate() {
            if j > 0 {
                condition.push_str(", ");
            }
            let bound = if (i + j) % 2 == 0 {
                "at_least"
            } else {
                "at_most"
            };
            condition.push_str(&format!("{{ {field} = {{ {bound} = \"{value}\" }} }}"));
        }
        condition.push(']');
        let mut when = format!("{{ any = {condition} }}");
        for level in 0..6 {
            when = match level % 3 {
                0 => format!("{{ all = [{when}, {{ any = {condition} }}] }}"),
                1 => format!("{{ not = {when} }}"),
                _ => format!("{{ any = [{when}, {{ all = {condition} }}] }}"),
            };
        }
        let lean = if i % 2 == 0 { "kpo" } else { "bpo" };
        toml.push_str(&format!(
            "\n[[rule]]\nid = \"r{i}\"\nlean = \"{lean}\"\nwhen = {when}\nbecause = \"deep rule {i}\"\n"
        ));
    }
    toml
}

criterion_group!(classify, benches);
criterion_main!(classify);
