//! Properties of the model, the rule sets and the classifier, checked with proptest.

use outsourcing::{
    Arbitrage, Classifier, Complexity, Coordination, Criterion, DecisionBasis, Driver, Expertise,
    Field, Focus, Lean, Location, Office, Position, Record, RuleSet, ServiceLine, Talent,
    TaskProfile, TextProfiler, Verdict,
};
use proptest::prelude::*;
use std::str::FromStr;

fn profiler() -> &'static TextProfiler {
    static PROFILER: std::sync::OnceLock<TextProfiler> = std::sync::OnceLock::new();
    PROFILER.get_or_init(TextProfiler::default)
}

fn position() -> impl Strategy<Value = Option<Position>> {
    proptest::option::of(proptest::sample::select(&Position::ALL[..]))
}

prop_compose! {
    fn any_profile()(
        criteria in proptest::array::uniform8(position()),
        line in proptest::option::of(proptest::sample::select(&ServiceLine::ALL[..])),
        location in proptest::option::of(proptest::sample::select(&Location::ALL[..])),
        office in proptest::option::of(proptest::sample::select(&Office::ALL[..])),
        regulated in proptest::option::of(proptest::sample::select(&["yes", "no"][..])),
    ) -> TaskProfile {
        let mut p = TaskProfile::new("task").unwrap();
        for (c, v) in Criterion::ALL.into_iter().zip(criteria) {
            p.set(c, v);
        }
        p.set_service_line(line);
        p.set_location(location);
        p.set_office(office);
        if let Some(r) = regulated {
            p.insert_attribute("regulated", r).unwrap();
        }
        p
    }
}

/// A custom rule set with attributes, context fields, ranges and a decisive rule.
const CUSTOM: &str = r#"
name = "custom"
version = "2.1.0-beta.1"

[policy]
kpo_at = 0.6
bpo_at = 0.4
min_coverage = 0.2

[[rule]]
id = "regulated-advice"
lean = "kpo"
weight = 1.0
decisive = true
when = { all = [{ attribute = { name = "regulated", is = ["yes"] } }, { decision_basis = "judgement" }] }
because = "regulated judgement stays with qualified staff"

[[rule]]
id = "offshore-volume"
lean = "bpo"
weight = 2.0
when = { location = "offshore", driver = { at_most = "mixed" } }
because = "offshore volume work"

[[rule]]
id = "not-simple"
lean = "kpo"
weight = 1.5
when = { not = { complexity = "low" } }
because = "anything but simple"

[[rule]]
id = "either"
lean = "bpo"
weight = 0.5
when = { any = [{ office = "back" }, { talent = ["communication", "skilled"] }] }
because = "back office or non-professional staff"
"#;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn prop_monotone_toward_kpo(profile in any_profile(), which in 0usize..8) {
        let classifier = Classifier::default();
        let criterion = Criterion::ALL[which];
        if let Some(next) = profile.get(criterion).and_then(Position::toward_kpo) {
            let mut moved = profile.clone();
            moved.set(criterion, Some(next));
            let before = classifier.classify(&profile).kpo_share();
            let after = classifier.classify(&moved).kpo_share();
            prop_assert!(after >= before, "{criterion}: {before} -> {after}");
        }
    }

    #[test]
    fn prop_numbers_in_range_and_fast_path_agrees(profile in any_profile()) {
        for classifier in [Classifier::default(), Classifier::new(RuleSet::from_toml(CUSTOM).unwrap())] {
            let result = classifier.classify(&profile);
            for x in [result.kpo_share(), result.coverage(), result.confidence()] {
                prop_assert!((0.0..=1.0).contains(&x), "{x}");
            }
            prop_assert_eq!(classifier.verdict(&profile), result.verdict());
            prop_assert_eq!(result.missing().count(), profile.unknown().count());
            let fired_kpo: f64 = result.evidence(&classifier).filter(|r| r.lean() == Lean::Kpo).map(|r| r.weight()).sum();
            prop_assert!((fired_kpo - result.kpo_weight()).abs() < 1e-9);
        }
    }

    #[test]
    fn prop_deterministic_and_independent_of_field_order(profile in any_profile(), seed in any::<u64>()) {
        let classifier = Classifier::default();
        let a = serde_json::to_string(&classifier.classify(&profile).explain(&classifier)).unwrap();
        let b = serde_json::to_string(&classifier.classify(&profile.clone()).explain(&classifier)).unwrap();
        prop_assert_eq!(&a, &b);

        // The same profile written with its keys in another order reads the same.
        let value: serde_json::Value = serde_json::from_str(&profile.to_json()).unwrap();
        let mut entries: Vec<(String, serde_json::Value)> = value.as_object().unwrap().clone().into_iter().collect();
        let n = entries.len();
        entries.rotate_left(usize::try_from(seed % n as u64).unwrap());
        let shuffled = format!("{{{}}}", entries.iter().map(|(k, v)| format!("{}:{}", serde_json::to_string(k).unwrap(), v)).collect::<Vec<_>>().join(","));
        let reread = TaskProfile::from_json(&shuffled).unwrap();
        prop_assert_eq!(&reread, &profile);
        prop_assert_eq!(serde_json::to_string(&classifier.classify(&reread).explain(&classifier)).unwrap(), a);
    }

    #[test]
    fn prop_result_line_fast_writer_matches_serialize_and_reads_back(profile in any_profile(), id in proptest::option::of("[a-z0-9\"]{0,6}")) {
        for classifier in [Classifier::default(), Classifier::new(RuleSet::from_toml(CUSTOM).unwrap())] {
            let writer = outsourcing::LineWriter::new(&classifier);
            let result = classifier.classify(&profile);
            let hits = profiler().scan("Analyse trends; no judgement required, follow the script.").unwrap();
            let inferred = [Field::ServiceLine, Field::Criterion(Criterion::Talent)];
            let advice = outsourcing::Advice::of(&classifier, &profile);
            let id = id.as_deref();
            let owned = outsourcing::ResultLine::new(&classifier, id, &profile, &result);
            for (fast_line, line) in [
                (writer.line(id, &profile, &result), owned.clone()),
                (
                    writer.line(id, &profile, &result).with_inferred(&inferred).with_hits(&hits).with_advice(&advice),
                    owned.clone().with_inferred(&inferred).with_hits(&hits).with_advice(advice.clone()),
                ),
            ] {
                let mut fast = Vec::new();
                fast_line.write_json(&mut fast).unwrap();
                let json = serde_json::to_string(&line).unwrap();
                prop_assert_eq!(String::from_utf8(fast).unwrap(), json.clone());
                let back: outsourcing::ResultLine = serde_json::from_str(&json).unwrap();
                prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
                prop_assert_eq!(back, line);
            }
        }
    }

    #[test]
    fn prop_profile_round_trips_through_json(profile in any_profile()) {
        let json = profile.to_json();
        prop_assert_eq!(TaskProfile::from_json(&json).unwrap(), profile.clone());
        let record = Record::from_json(&json);
        prop_assert_eq!(record.profile.unwrap(), profile);
    }

    #[test]
    fn prop_decisive_rule_settles(profile in any_profile()) {
        let classifier = Classifier::new(RuleSet::from_toml(CUSTOM).unwrap());
        let result = classifier.classify(&profile);
        let settles = profile.attribute("regulated") == Some("yes")
            && profile.get(Criterion::DecisionBasis) == Some(Position::Kpo);
        prop_assert_eq!(result.settled_by(&classifier).is_some(), settles);
        if settles {
            prop_assert_eq!(result.verdict(), Verdict::Kpo);
            prop_assert_eq!(result.confidence(), 1.0);
        }
    }

    #[test]
    fn prop_rule_set_text_never_panics(text in "\\PC{0,400}") {
        let _ = RuleSet::from_toml(&text);
        let _ = RuleSet::from_json(&text);
    }

    #[test]
    fn prop_mutated_rule_sets_never_panic(cut in 0usize..4000, replace in "\\PC{0,8}") {
        let original = RuleSet::default().to_toml();
        let mut cut = cut.min(original.len());
        while !original.is_char_boundary(cut) {
            cut -= 1;
        }
        let end = (cut + replace.len()).min(original.len());
        let mut end = end;
        while !original.is_char_boundary(end) {
            end -= 1;
        }
        let mutated = format!("{}{}{}", &original[..cut], replace, &original[end..]);
        if let Ok(rules) = RuleSet::from_toml(&mutated) {
            // Whatever loads must classify without panicking and round-trip.
            let reloaded = RuleSet::from_toml(&rules.to_toml()).unwrap();
            prop_assert_eq!(&reloaded, &rules);
            let _ = Classifier::new(rules).verdict(&TaskProfile::new("x").unwrap());
        }
        let json = RuleSet::default().to_json();
        let cut = cut.min(json.len());
        let _ = RuleSet::from_json(&format!("{}{}", &json[..cut], replace));
    }

    #[test]
    fn prop_profile_text_never_panics(text in "\\PC{0,300}") {
        let _ = TaskProfile::from_json(&text);
        let _ = Record::from_json(&text);
    }

    #[test]
    fn prop_profile_like_json_never_panics(
        key in proptest::sample::select(&["name", "talent", "attributes", "id", "service_line", "focus", "x"][..]),
        value in prop_oneof![
            Just("null".to_owned()), Just("3".to_owned()), Just("[]".to_owned()), Just("{}".to_owned()),
            Just("true".to_owned()), "\\PC{0,20}".prop_map(|s| serde_json::to_string(&s).unwrap()),
            Just(r#"{"a":"b","c":1}"#.to_owned()),
        ],
    ) {
        let json = format!(r#"{{"name":"n","{key}":{value}}}"#);
        let _ = TaskProfile::from_json(&json);
        let _ = Record::from_json(&json);
    }
}

/// Checks that every value of an enum round-trips through `Display`, `FromStr` and serde.
fn round_trip<T>(values: &[T])
where
    T: Copy
        + PartialEq
        + std::fmt::Debug
        + std::fmt::Display
        + FromStr
        + serde::Serialize
        + serde::de::DeserializeOwned,
    <T as FromStr>::Err: std::fmt::Debug,
{
    for value in values {
        let text = value.to_string();
        assert_eq!(text.parse::<T>().unwrap(), *value);
        let json = serde_json::to_string(value).unwrap();
        assert_eq!(json, format!("\"{text}\""));
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *value);
    }
}

#[test]
fn every_enum_round_trips() {
    /// Every value of each enum: its name is its entry in `NAMES`, its `Display`, and it
    /// round-trips.
    macro_rules! check {
        ($($ty:ty),+ $(,)?) => {$(
            assert_eq!(<$ty>::ALL.len(), <$ty>::NAMES.len());
            for (value, name) in <$ty>::ALL.into_iter().zip(<$ty>::NAMES) {
                assert_eq!(value.name(), name);
                assert_eq!(value.to_string(), name);
                assert_eq!(format!("{value:>20}"), format!("{name:>20}"));
            }
            round_trip(&<$ty>::ALL);
        )+};
    }
    check!(
        DecisionBasis,
        Complexity,
        Expertise,
        Arbitrage,
        Driver,
        Coordination,
        Talent,
        Focus,
        Criterion,
        ServiceLine,
        Location,
        Office,
        Position,
        Lean,
        Verdict,
        Field,
    );
    assert_eq!(
        "judgement".parse::<DecisionBasis>().unwrap(),
        DecisionBasis::Judgement
    );
    assert_eq!(Focus::HighLevel.to_string(), "high_level");
    for criterion in Criterion::ALL {
        for (i, option) in criterion.options().into_iter().enumerate() {
            let position = Position::from_index(i).unwrap();
            assert_eq!(criterion.parse_value(option).unwrap(), position);
            assert_eq!(criterion.value_name(position), option);
        }
        assert!(!criterion.question().is_empty());
    }
}

#[test]
fn default_rule_set_round_trips() {
    let rules = RuleSet::default();
    let toml = rules.to_toml();
    let reread = RuleSet::from_toml(&toml).unwrap();
    assert_eq!(reread, rules);
    assert_eq!(reread.to_toml(), toml);
    let json = rules.to_json();
    assert_eq!(RuleSet::from_json(&json).unwrap(), rules);
    let custom = RuleSet::from_toml(CUSTOM).unwrap();
    assert_eq!(RuleSet::from_toml(&custom.to_toml()).unwrap(), custom);
    assert_eq!(RuleSet::from_json(&custom.to_json()).unwrap(), custom);
    assert_eq!(custom.label(), "custom@2.1.0-beta.1");
}
