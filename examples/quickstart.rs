//! Classify one task and print the explanation.
//!
//! Run with `cargo run --example quickstart`.

use outsourcing::{
    Classifier, Complexity, DecisionBasis, Driver, Expertise, ServiceLine, Talent, TaskProfile,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let classifier = Classifier::default();

    let task = TaskProfile::builder()
        .name("Accounts payable: invoice matching")
        .service_line(ServiceLine::FinanceAccounting)
        .decision_basis(DecisionBasis::Rules)
        .complexity(Complexity::Low)
        .expertise(Expertise::Process)
        .driver(Driver::Volume)
        .talent(Talent::Communication)
        .build()?;

    let result = classifier.classify(&task);
    println!("{}\n", result.explain(&classifier).for_task(task.name()));
    println!("verdict:    {}", result.verdict());
    println!("KPO share:  {:.2}", result.kpo_share());
    println!("confidence: {:.2}", result.confidence());
    println!("coverage:   {:.2}", result.coverage());
    println!("evidence:");
    for rule in result.evidence(&classifier) {
        println!(
            "  {:<28} {} {:>4.1}  {}",
            rule.id(),
            rule.lean(),
            rule.weight(),
            rule.because()
        );
    }
    println!(
        "\nas JSON: {}",
        serde_json::to_string(&result.explain(&classifier))?
    );
    Ok(())
}
