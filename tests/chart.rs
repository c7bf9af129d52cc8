//! The default rules classify the comparison chart and the service lists as the domain says.

use outsourcing::{
    Classifier, Criterion, Lean, Location, Office, Position, ServiceLine, TaskProfile, Verdict,
};

/// The service lines named by the classic BPO/KPO comparison, with their side.
const CLASSIC_LINES: &[(&str, Verdict)] = &[
    ("customer_support", Verdict::Bpo),
    ("technical_support", Verdict::Bpo),
    ("recruitment", Verdict::Bpo),
    ("training", Verdict::Bpo),
    ("payroll", Verdict::Bpo),
    ("finance_accounting", Verdict::Bpo),
    ("web_hosting", Verdict::Bpo),
    ("transcription", Verdict::Bpo),
    ("data_entry", Verdict::Bpo),
    ("investment_research", Verdict::Kpo),
    ("market_research", Verdict::Kpo),
    ("data_analytics", Verdict::Kpo),
    ("business_research", Verdict::Kpo),
    ("legal_process", Verdict::Kpo),
    ("financial_analysis", Verdict::Kpo),
    ("media_content", Verdict::Kpo),
    ("research_development", Verdict::Kpo),
];

fn profile(fields: &[(&str, &str)]) -> TaskProfile {
    let mut builder = TaskProfile::builder();
    builder.name("task");
    for (field, value) in fields {
        builder.set(field, value).unwrap();
    }
    builder.build().unwrap()
}

fn at(position: Position) -> TaskProfile {
    let mut p = TaskProfile::new("task").unwrap();
    for c in Criterion::ALL {
        p.set(c, Some(position));
    }
    p
}

#[test]
fn every_service_line_alone_gets_its_side_with_less_confidence_than_a_full_profile() {
    let classifier = Classifier::default();
    let mut full = at(Position::Bpo);
    full.set_service_line(Some(ServiceLine::Payroll));
    let full_confidence = classifier.classify(&full).confidence();
    for (name, side) in CLASSIC_LINES {
        let p = profile(&[("service_line", name)]);
        let result = classifier.classify(&p);
        assert_eq!(result.verdict(), *side, "{name}");
        assert!(result.confidence() > 0.0, "{name}");
        assert!(result.confidence() < full_confidence, "{name}");
    }
    for line in &ServiceLine::ALL {
        let mut p = TaskProfile::new("task").unwrap();
        p.set_service_line(Some(*line));
        let expected = Verdict::from(line.lean());
        assert_eq!(Classifier::default().verdict(&p), expected, "{line}");
    }
}

#[test]
fn chart_columns() {
    let classifier = Classifier::default();
    let bpo = profile(&[
        ("decision_basis", "rules"),
        ("complexity", "low"),
        ("expertise", "process"),
        ("arbitrage", "cost"),
        ("driver", "volume"),
        ("coordination", "low"),
        ("talent", "communication"),
        ("focus", "low_level"),
    ]);
    let kpo = profile(&[
        ("decision_basis", "judgement"),
        ("complexity", "high"),
        ("expertise", "knowledge"),
        ("arbitrage", "knowledge"),
        ("driver", "insight"),
        ("coordination", "high"),
        ("talent", "professional"),
        ("focus", "high_level"),
    ]);
    assert_eq!(bpo, at(Position::Bpo));
    assert_eq!(kpo, at(Position::Kpo));
    let b = classifier.classify(&bpo);
    assert_eq!(b.verdict(), Verdict::Bpo);
    assert_eq!(b.kpo_share(), 0.0);
    let k = classifier.classify(&kpo);
    assert_eq!(k.verdict(), Verdict::Kpo);
    assert_eq!(k.kpo_share(), 1.0);
    let middle = at(Position::Middle);
    let m = classifier.classify(&middle);
    assert_eq!(m.verdict(), Verdict::Hybrid);
    assert_eq!(m.kpo_share(), 0.5);
    assert_eq!(m.missing().count(), 0);
}

#[test]
fn too_little_known_is_undetermined() {
    let classifier = Classifier::default();
    let nothing = TaskProfile::new("task").unwrap();
    let result = classifier.classify(&nothing);
    assert_eq!(result.verdict(), Verdict::Undetermined);
    assert_eq!(result.coverage(), 0.0);
    assert_eq!(result.confidence(), 0.0);
    assert_eq!(result.missing().count(), 8);

    let mut context_only = nothing.clone();
    context_only.set_location(Some(Location::Offshore));
    context_only.set_office(Some(Office::Back));
    assert_eq!(classifier.verdict(&context_only), Verdict::Undetermined);

    for criterion in Criterion::ALL {
        for position in [Position::Bpo, Position::Middle, Position::Kpo] {
            let mut one = nothing.clone();
            one.set(criterion, Some(position));
            assert_eq!(
                classifier.verdict(&one),
                Verdict::Undetermined,
                "{criterion} = {position} alone"
            );
        }
    }
}

#[test]
fn seven_at_one_pole_never_give_the_opposite_verdict() {
    let classifier = Classifier::default();
    let lines: Vec<Option<ServiceLine>> = std::iter::once(None)
        .chain(ServiceLine::ALL.iter().copied().map(Some))
        .collect();
    for (pole, other, opposite) in [
        (Position::Bpo, Position::Kpo, Verdict::Kpo),
        (Position::Kpo, Position::Bpo, Verdict::Bpo),
    ] {
        for odd in Criterion::ALL {
            for line in &lines {
                let mut p = at(pole);
                p.set(odd, Some(other));
                p.set_service_line(*line);
                let verdict = classifier.verdict(&p);
                assert_ne!(verdict, opposite, "{odd} at {other}, line {line:?}");
                assert_ne!(verdict, Verdict::Undetermined);
            }
        }
    }
}

#[test]
fn a_middle_profile_stays_hybrid_whatever_the_service_line() {
    let classifier = Classifier::default();
    for line in &ServiceLine::ALL {
        let mut p = at(Position::Middle);
        p.set_service_line(Some(*line));
        assert_eq!(classifier.verdict(&p), Verdict::Hybrid, "{line}");
    }
}

#[test]
fn criteria_outweigh_the_service_line() {
    let classifier = Classifier::default();
    let analysis = profile(&[
        ("service_line", "finance_accounting"),
        ("decision_basis", "judgement"),
        ("complexity", "high"),
        ("expertise", "knowledge"),
        ("talent", "professional"),
        ("driver", "insight"),
    ]);
    let result = classifier.classify(&analysis);
    assert_eq!(result.verdict(), Verdict::Kpo);
    assert!(
        result
            .evidence(&classifier)
            .any(|r| r.id().as_str() == "transactional-finance-line")
    );

    let mut survey_entry = at(Position::Bpo);
    survey_entry.set_service_line(Some(ServiceLine::MarketResearch));
    let result = classifier.classify(&survey_entry);
    assert_eq!(result.verdict(), Verdict::Bpo);
    assert!(result.evidence(&classifier).any(|r| r.lean() == Lean::Kpo));
}

#[test]
fn every_default_rule_cites_its_source_and_is_used() {
    let classifier = Classifier::default();
    let rules = classifier.rules();
    assert_eq!(rules.label(), "default@1.0.0");
    for rule in rules.rules() {
        assert!(
            rule.because().contains("(chart: ") || rule.because().contains("services list)"),
            "{} does not name its source",
            rule.id()
        );
    }
    // Every chart row has a rule at each pole.
    for criterion in Criterion::ALL {
        for position in [Position::Bpo, Position::Kpo] {
            let mut p = TaskProfile::new("task").unwrap();
            p.set(criterion, Some(position));
            let result = classifier.classify(&p);
            let fired: Vec<_> = result.evidence(&classifier).collect();
            assert_eq!(fired.len(), 1, "{criterion} = {position}");
            let mut middle = TaskProfile::new("task").unwrap();
            middle.set(criterion, Some(Position::Middle));
            let both: Vec<_> = classifier
                .classify(&middle)
                .evidence(&classifier)
                .map(|r| r.lean())
                .collect();
            assert_eq!(both, [Lean::Bpo, Lean::Kpo], "{criterion} in the middle");
            let expected = if position == Position::Bpo {
                Lean::Bpo
            } else {
                Lean::Kpo
            };
            assert_eq!(fired[0].lean(), expected);
            assert!(fired[0].because().contains(criterion.chart_row()));
        }
    }
}

#[test]
fn classification_reads_well() {
    let classifier = Classifier::default();
    let task = TaskProfile::builder()
        .name("Inbound billing calls")
        .service_line(ServiceLine::CustomerSupport)
        .criterion(Criterion::DecisionBasis, Position::Bpo)
        .criterion(Criterion::Driver, Position::Bpo)
        .criterion(Criterion::Complexity, Position::Bpo)
        .build()
        .unwrap();
    let text = classifier
        .classify(&task)
        .explain(&classifier)
        .for_task(task.name())
        .to_string();
    assert_eq!(
        text,
        "Inbound billing calls fits BPO (KPO share 0%, confidence 63%, coverage 63%; rules \
         default@1.0.0). For BPO: each case is settled by set rules and procedures (chart: \
         based on); the steps are simple and repetitive (chart: degree of complexity); value \
         grows with the number of items handled (chart: driving force); and 2 more. Still \
         unknown: expertise, arbitrage, coordination, talent, focus."
    );
    let nothing = TaskProfile::new("Mystery task").unwrap();
    assert_eq!(
        classifier
            .classify(&nothing)
            .explain(&classifier)
            .for_task(nothing.name())
            .to_string(),
        "Mystery task cannot be classified yet (KPO share 50%, confidence 0%, coverage 0%; \
         rules default@1.0.0). Answer these to decide: decision_basis, complexity, expertise, \
         arbitrage, driver, coordination, talent, focus."
    );
    let middle = at(Position::Middle);
    assert_eq!(
        classifier
            .classify(&middle)
            .explain(&classifier)
            .for_task(middle.name())
            .to_string(),
        "task is a hybrid, for a provider that offers both BPO and KPO (KPO share 50%, \
         confidence 76%, coverage 76%; rules default@1.0.0). Both ways: decisions follow rules \
         with some room for judgement (chart: based on, between the poles); the work mixes \
         routine steps with some non-routine cases (chart: degree of complexity, between the \
         poles); the work needs process know-how and some domain knowledge (chart: \
         requirement, between the poles); and 5 more."
    );
}

#[test]
fn classification_serializes_with_the_documented_fields() {
    let classifier = Classifier::default();
    let p = TaskProfile::from_json(
        r#"{"name":"Payroll","service_line":"payroll","decision_basis":"rules"}"#,
    )
    .unwrap();
    let json = serde_json::to_value(classifier.classify(&p).explain(&classifier)).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "confidence",
            "coverage",
            "evidence",
            "kpo_share",
            "missing",
            "rule_set",
            "verdict"
        ]
    );
    assert_eq!(json["verdict"], "bpo");
    assert_eq!(json["rule_set"], "default@1.0.0");
    assert_eq!(json["evidence"][0]["rule"], "rules-based");
    assert_eq!(json["evidence"][0]["lean"], "bpo");
    assert_eq!(json["evidence"][0]["weight"], 3.0);
    assert_eq!(json["missing"].as_array().unwrap().len(), 7);
}
