//! Advice: `next_question`, `flip` and robustness, checked against brute force.

use std::sync::OnceLock;

use outsourcing::{Classifier, Criterion, Position, ServiceLine, TaskProfile, Verdict};
use proptest::prelude::*;

fn classifier() -> &'static Classifier {
    static CLASSIFIER: OnceLock<Classifier> = OnceLock::new();
    CLASSIFIER.get_or_init(Classifier::default)
}

prop_compose! {
    fn any_profile()(
        criteria in proptest::array::uniform8(proptest::option::of(proptest::sample::select(&Position::ALL[..]))),
        line in proptest::option::of(proptest::sample::select(&ServiceLine::ALL[..])),
    ) -> TaskProfile {
        let mut p = TaskProfile::new("task").unwrap();
        for (c, v) in Criterion::ALL.into_iter().zip(criteria) {
            p.set(c, v);
        }
        p.set_service_line(line);
        p
    }
}

/// The fewest changes reaching `target`, by trying every combination of the eight criteria
/// (each kept, or set to one of the positions it does not have).
fn brute_force_min(profile: &TaskProfile, target: Verdict) -> Option<usize> {
    let mut best: Option<usize> = None;
    for code in 0..4usize.pow(8) {
        let mut candidate = profile.clone();
        let mut changes = 0;
        let mut valid = true;
        for (i, criterion) in Criterion::ALL.into_iter().enumerate() {
            let choice = (code / 4usize.pow(u32::try_from(i).unwrap())) % 4;
            if choice == 0 {
                continue;
            }
            let to = Position::from_index(choice - 1).unwrap();
            if profile.get(criterion) == Some(to) {
                valid = false;
                break;
            }
            candidate.set(criterion, Some(to));
            changes += 1;
        }
        if valid && best.is_none_or(|b| changes < b) && classifier().verdict(&candidate) == target {
            best = Some(changes);
        }
    }
    best
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn prop_flip_reaches_the_target_with_the_fewest_changes(
        profile in any_profile(),
        target in proptest::sample::select(&Verdict::ALL[..]),
    ) {
        let found = classifier().flip(&profile, target);
        let minimum = brute_force_min(&profile, target);
        prop_assert_eq!(found.as_ref().map(Vec::len), minimum);
        if let Some(changes) = found {
            let mut changed = profile.clone();
            for change in &changes {
                prop_assert_eq!(profile.get(change.criterion), change.from);
                prop_assert_ne!(change.from, Some(change.to));
                changed.set(change.criterion, Some(change.to));
            }
            prop_assert_eq!(classifier().verdict(&changed), target);
            // Deterministic.
            prop_assert_eq!(classifier().flip(&profile, target), Some(changes));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn prop_next_question_names_an_unknown_criterion_that_can_change_the_verdict(
        profile in any_profile(),
    ) {
        let verdict = classifier().verdict(&profile);
        let can_change = |criterion: Criterion| {
            [Position::Bpo, Position::Middle, Position::Kpo].into_iter().any(|p| {
                let mut answered = profile.clone();
                answered.set(criterion, Some(p));
                classifier().verdict(&answered) != verdict
            })
        };
        match classifier().next_question(&profile) {
            Some(criterion) => {
                prop_assert_eq!(profile.get(criterion), None);
                prop_assert!(can_change(criterion));
            }
            None => {
                for criterion in profile.unknown() {
                    prop_assert!(!can_change(criterion), "{criterion} could change it");
                }
            }
        }
    }

    #[test]
    fn prop_robustness_matches_single_steps(profile in any_profile()) {
        let result = classifier().classify(&profile);
        let mut any_step_changes = false;
        for (criterion, position) in profile.known() {
            for to in [position.toward_bpo(), position.toward_kpo()].into_iter().flatten() {
                let mut stepped = profile.clone();
                stepped.set(criterion, Some(to));
                any_step_changes |= classifier().verdict(&stepped) != result.verdict();
            }
        }
        prop_assert_eq!(classifier().is_robust(&profile), !any_step_changes);
    }
}

#[test]
fn a_full_profile_has_no_next_question_and_a_pole_profile_is_robust() {
    let mut p = TaskProfile::new("task").unwrap();
    for c in Criterion::ALL {
        p.set(c, Some(Position::Bpo));
    }
    let classifier = classifier();
    assert_eq!(classifier.next_question(&p), None);
    assert!(classifier.is_robust(&p));
    assert_eq!(classifier.flip(&p, Verdict::Bpo), Some(vec![]));
    assert_eq!(classifier.flip(&p, Verdict::Undetermined), None);
    let to_kpo = classifier.flip(&p, Verdict::Kpo).unwrap();
    assert!(
        to_kpo
            .iter()
            .all(|c| c.to == Position::Kpo || c.to == Position::Middle)
    );
}

#[test]
fn questions_are_ranked_and_explained() {
    let p =
        TaskProfile::from_json(r#"{"name":"Vendor helpline","decision_basis":"guided"}"#).unwrap();
    let ranked = classifier().questions(&p);
    assert_eq!(ranked.len(), 7);
    assert_eq!(ranked[0].criterion, Criterion::Complexity);
    assert_eq!(ranked[0].changing_answers, 3);
    assert!(
        ranked
            .windows(2)
            .all(|w| w[0].changing_answers >= w[1].changing_answers)
    );
}
