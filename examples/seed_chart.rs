//! Classifies every service line of the catalogue and both columns of the BPO/KPO comparison
//! chart with the built-in rules, and prints each result next to the side the chart gives.
//!
//! Run with `cargo run --example seed_chart`. Exits with status 1 if any row disagrees.

use outsourcing::{Classifier, Criterion, Position, ServiceLine, TaskProfile, Verdict};

fn main() -> Result<(), outsourcing::Error> {
    let classifier = Classifier::default();
    let mut rows: Vec<(String, Verdict, TaskProfile)> = Vec::new();

    for line in &ServiceLine::ALL {
        let mut profile = TaskProfile::new(line.label())?;
        profile.set_service_line(Some(*line));
        rows.push((
            format!("service line: {}", line.name()),
            Verdict::from(line.lean()),
            profile,
        ));
    }
    for (title, position, expected) in [
        (
            "chart column: BPO (all eight rows)",
            Position::Bpo,
            Verdict::Bpo,
        ),
        (
            "chart column: KPO (all eight rows)",
            Position::Kpo,
            Verdict::Kpo,
        ),
        (
            "between the columns (all eight rows)",
            Position::Middle,
            Verdict::Hybrid,
        ),
    ] {
        let mut profile = TaskProfile::new(title)?;
        for criterion in Criterion::ALL {
            profile.set(criterion, Some(position));
        }
        rows.push((title.to_owned(), expected, profile));
    }
    for criterion in Criterion::ALL {
        for (position, expected) in [(Position::Bpo, Verdict::Bpo), (Position::Kpo, Verdict::Kpo)] {
            // One row of the chart against the other seven: the seven win.
            let mut profile = TaskProfile::new(criterion.label())?;
            for other in Criterion::ALL {
                profile.set(other, Some(position));
            }
            let flipped = if position == Position::Bpo {
                Position::Kpo
            } else {
                Position::Bpo
            };
            profile.set(criterion, Some(flipped));
            rows.push((
                format!(
                    "{} {}, other rows {}",
                    criterion.name(),
                    criterion.value_name(flipped),
                    expected
                ),
                expected,
                profile,
            ));
        }
    }

    println!(
        "{:<52} {:<9} {:<13} {:>9} {:>10} {:>9}",
        "case", "chart", "verdict", "KPO share", "confidence", "coverage"
    );
    println!("{}", "-".repeat(107));
    let mut disagreements = 0;
    for (title, expected, profile) in &rows {
        let result = classifier.classify(profile);
        let mark = if result.verdict() == *expected {
            ""
        } else {
            disagreements += 1;
            "  <- differs"
        };
        println!(
            "{:<52} {:<9} {:<13} {:>9.2} {:>10.2} {:>9.2}{mark}",
            title,
            expected.to_string(),
            result.verdict().to_string(),
            result.kpo_share(),
            result.confidence(),
            result.coverage(),
        );
    }
    println!("{}", "-".repeat(107));
    println!(
        "{} cases, {} agree with the chart, {disagreements} differ (rules {})",
        rows.len(),
        rows.len() - disagreements,
        classifier.rules().label()
    );
    if disagreements > 0 {
        std::process::exit(1);
    }
    Ok(())
}
