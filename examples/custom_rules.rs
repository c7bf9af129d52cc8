//! Load a custom rule set (context fields, attributes, ranges and a decisive rule) and
//! classify with it.
//!
//! Run with `cargo run --example custom_rules`.

use outsourcing::{Classifier, RuleSet, TaskProfile};

fn main() -> Result<(), outsourcing::Error> {
    let rules = RuleSet::from_toml(include_str!("rules/regulated.toml"))?;
    let classifier = Classifier::new(rules);
    println!("rule set {}\n", classifier.rules().label());

    let tasks = [
        r#"{"name":"Claims triage","decision_basis":"guided","location":"offshore","driver":"volume",
            "attributes":{"regulated":"yes"}}"#,
        r#"{"name":"Card dispute letters","decision_basis":"rules","location":"offshore","driver":"volume"}"#,
        r#"{"name":"Client portfolio reviews","decision_basis":"judgement","office":"front","expertise":"knowledge"}"#,
    ];
    for json in tasks {
        let task = TaskProfile::from_json(json)?;
        let result = classifier.classify(&task);
        println!("{}", result.explain(&classifier).for_task(task.name()));
        if let Some(rule) = result.settled_by(&classifier) {
            println!("  (settled by the decisive rule `{}`)", rule.id());
        }
        println!();
    }
    Ok(())
}
