//! Results own their data: the ordinary Rust a library user writes compiles and works.
//!
//! Each test here would not compile if a classification borrowed its classifier or profile.

use std::sync::Arc;
use std::thread;

use outsourcing::{Classification, Classifier, Error, ResultLine, TaskProfile, Verdict};

const TASKS: [&str; 3] = [
    r#"{"name":"Invoice processing","decision_basis":"rules","driver":"volume","complexity":"low"}"#,
    r#"{"name":"Equity research","decision_basis":"judgement","driver":"insight","talent":"professional"}"#,
    r#"{"name":"Vendor helpline","decision_basis":"guided","complexity":"medium"}"#,
];

/// Parses a profile and returns its classification: the profile is dropped here.
fn classify_json(classifier: &Classifier, json: &str) -> Result<Classification, Error> {
    let profile = TaskProfile::from_json(json)?;
    Ok(classifier.classify(&profile))
}

#[test]
fn a_result_outlives_the_profile_it_was_made_from() {
    let classifier = Classifier::default();
    let result = classify_json(&classifier, TASKS[0]).unwrap();
    assert_eq!(result.verdict(), Verdict::Bpo);
    assert!(result.evidence(&classifier).len() >= 3);
}

#[test]
fn results_of_temporary_profiles_collect_into_a_vec() {
    let classifier = Classifier::default();
    let results: Result<Vec<Classification>, Error> = TASKS
        .iter()
        .map(|p| Ok(classifier.classify(&TaskProfile::from_json(p)?)))
        .collect();
    let verdicts: Vec<Verdict> = results
        .unwrap()
        .iter()
        .map(Classification::verdict)
        .collect();
    assert_eq!(verdicts, [Verdict::Bpo, Verdict::Kpo, Verdict::Hybrid]);
}

/// A struct holding a profile next to its result.
struct Assessed {
    profile: TaskProfile,
    result: Classification,
}

#[test]
fn a_struct_holds_a_profile_next_to_its_result() {
    let classifier = Classifier::default();
    let assessed: Vec<Assessed> = TASKS
        .iter()
        .map(|json| {
            let profile = TaskProfile::from_json(json).unwrap();
            let result = classifier.classify(&profile);
            Assessed { profile, result }
        })
        .collect();
    let text = assessed[1]
        .result
        .explain(&classifier)
        .for_task(assessed[1].profile.name())
        .to_string();
    assert!(text.starts_with("Equity research fits KPO"), "{text}");
}

#[test]
fn a_shared_classifier_classifies_on_other_threads() {
    let classifier = Arc::new(Classifier::default());
    let handles: Vec<thread::JoinHandle<Classification>> = TASKS
        .iter()
        .map(|json| {
            let classifier = Arc::clone(&classifier);
            let p = TaskProfile::from_json(json).unwrap();
            thread::spawn(move || classifier.classify(&p))
        })
        .collect();
    let verdicts: Vec<Verdict> = handles
        .into_iter()
        .map(|h| h.join().unwrap().verdict())
        .collect();
    assert_eq!(verdicts, [Verdict::Bpo, Verdict::Kpo, Verdict::Hybrid]);
}

#[test]
fn result_lines_collect_and_read_back() {
    let classifier = Classifier::default();
    let lines: Vec<ResultLine> = TASKS
        .iter()
        .enumerate()
        .map(|(i, json)| {
            let p = TaskProfile::from_json(json).unwrap();
            ResultLine::new(
                &classifier,
                Some(&i.to_string()),
                &p,
                &classifier.classify(&p),
            )
        })
        .collect();
    let jsonl: String = lines
        .iter()
        .map(|line| serde_json::to_string(line).unwrap() + "\n")
        .collect();
    let back: Vec<ResultLine> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(back, lines);
    assert_eq!(back[2].id(), Some("2"));
    assert_eq!(back[2].name(), "Vendor helpline");
    assert_eq!(back[2].verdict(), Verdict::Hybrid);
}

#[test]
fn a_result_line_that_does_not_fit_is_refused_with_the_reason() {
    let err = serde_json::from_str::<ResultLine>(r#"{"id":null,"name":"x"}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "missing field `verdict` at line 1 column 22"
    );
    let line = r#"{"id":null,"name":"x","verdict":"bpo","kpo_share":0.0,"confidence":0.5,"coverage":0.5,"rule_set":"default@1.0.0","profile":{"talent":"genius"},"inferred":[],"evidence":[],"missing":[]}"#;
    let err = serde_json::from_str::<ResultLine>(line).unwrap_err();
    assert!(
        err.to_string().starts_with(
            "profile: talent: unknown value \"genius\" (expected one of: communication, skilled, professional)"
        ),
        "{err}"
    );
}

#[test]
fn classifier_debug_is_a_summary() {
    let text = format!("{:?}", Classifier::default());
    assert!(text.len() < 300, "{} bytes: {text}", text.len());
    assert!(
        text.starts_with("Classifier { rule_set: \"default@1.0.0\", rules: 47"),
        "{text}"
    );
}
