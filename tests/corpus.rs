//! The text profiler on a labelled corpus of English and Polish task descriptions: the
//! verdict of the classifier on the profile read from each text must match the label.

use std::collections::BTreeSet;

use outsourcing::{Classifier, Field, ServiceLine, TextProfiler, Verdict};

const ENGLISH: &str = include_str!("corpus/en.tsv");
const POLISH: &str = include_str!("corpus/pl.tsv");

struct Case<'a> {
    label: Verdict,
    name: &'a str,
    description: &'a str,
}

fn cases(corpus: &str) -> Vec<Case<'_>> {
    corpus
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let mut parts = line.splitn(3, '\t');
            let label = match parts.next() {
                Some("bpo") => Verdict::Bpo,
                Some("kpo") => Verdict::Kpo,
                other => panic!("bad label {other:?} in {line:?}"),
            };
            Case {
                label,
                name: parts.next().expect("a name"),
                description: parts.next().unwrap_or("").trim(),
            }
        })
        .collect()
}

/// Classifies every case, prints the confusion matrix and the misses, returns the accuracy
/// and the service lines read.
fn evaluate(language: &str, corpus: &str) -> (f64, BTreeSet<ServiceLine>) {
    let profiler = TextProfiler::default();
    let classifier = Classifier::default();
    let cases = cases(corpus);
    let mut matrix = [[0usize; 4]; 2];
    let mut misses = Vec::new();
    let mut lines = BTreeSet::new();
    for case in &cases {
        let description = (!case.description.is_empty()).then_some(case.description);
        let (profile, reading) = profiler
            .profile(case.name, description)
            .expect("valid text");
        if reading.inferred().contains(&Field::ServiceLine) {
            lines.extend(profile.service_line());
        }
        let verdict = classifier.verdict(&profile);
        let row = usize::from(case.label == Verdict::Kpo);
        matrix[row][verdict as usize] += 1;
        if verdict != case.label {
            misses.push(format!(
                "  expected {}, got {verdict}: {} | {} | {}",
                case.label,
                case.name,
                case.description,
                profile.to_json()
            ));
        }
    }
    let correct = matrix[0][0] + matrix[1][1];
    #[allow(clippy::cast_precision_loss)]
    let accuracy = correct as f64 / cases.len() as f64;
    println!(
        "{language}: {} cases, accuracy {:.1}%",
        cases.len(),
        100.0 * accuracy
    );
    println!("  label \\ verdict    bpo    kpo  hybrid  undetermined");
    for (label, row) in ["bpo", "kpo"].iter().zip(matrix) {
        println!(
            "  {label:<17} {:>5} {:>6} {:>7} {:>13}",
            row[0], row[1], row[2], row[3]
        );
    }
    for miss in &misses {
        println!("{miss}");
    }
    (accuracy, lines)
}

#[test]
fn english_corpus_accuracy() {
    let cases = cases(ENGLISH);
    assert!(cases.len() >= 100);
    let bpo = cases.iter().filter(|c| c.label == Verdict::Bpo).count();
    assert!(bpo.abs_diff(cases.len() - bpo) <= 6, "balanced corpus");
    let (accuracy, _) = evaluate("English", ENGLISH);
    assert!(accuracy >= 0.95, "English accuracy {accuracy}");
}

#[test]
fn polish_corpus_accuracy() {
    let cases = cases(POLISH);
    assert!(cases.len() >= 50);
    let (accuracy, _) = evaluate("Polish", POLISH);
    assert!(accuracy >= 0.95, "Polish accuracy {accuracy}");
}

#[test]
fn the_corpus_covers_every_service_line() {
    let (_, mut lines) = evaluate("English", ENGLISH);
    let (_, polish) = evaluate("Polish", POLISH);
    lines.extend(polish);
    let missing: Vec<_> = ServiceLine::ALL
        .iter()
        .filter(|l| !lines.contains(l))
        .collect();
    assert!(missing.is_empty(), "service lines never read: {missing:?}");
}
