//! Decision support: settledness, the ranking of questions, `flip` and robustness, checked
//! against brute force over every filling, for the built-in rules and a non-monotone set.

use std::sync::OnceLock;

use outsourcing::{
    Advice, Classifier, Criterion, Field, Flip, Location, Position, RuleSet, ServiceLine,
    TaskProfile, Verdict,
};
use proptest::prelude::*;

fn default_rules() -> &'static Classifier {
    static CLASSIFIER: OnceLock<Classifier> = OnceLock::new();
    CLASSIFIER.get_or_init(Classifier::default)
}

/// Not monotone: a middle value leans KPO and both poles BPO, an exclusive-or of two
/// criteria, a rule over six criteria and one over an attribute (both evaluated as trees),
/// a location rule, a negation and a decisive rule on a service line.
const TWISTED: &str = include_str!("fixtures/twisted.toml");

fn twisted() -> &'static Classifier {
    static CLASSIFIER: OnceLock<Classifier> = OnceLock::new();
    CLASSIFIER.get_or_init(|| Classifier::new(RuleSet::from_toml(TWISTED).unwrap()))
}

fn bit(v: Verdict) -> u8 {
    1 << (v as u8)
}

/// Every filling of the profile's unknown fields (criteria at their three positions, the
/// service line at every line when unknown): the verdicts reached overall, and per field
/// and answer (indexed by field, then value index).
fn brute_force(classifier: &Classifier, profile: &TaskProfile) -> (u8, Vec<(Field, Vec<u8>)>) {
    let unknown: Vec<Criterion> = profile.unknown().collect();
    let lines: Vec<Option<ServiceLine>> = match profile.service_line() {
        Some(line) => vec![Some(line)],
        None => ServiceLine::ALL.iter().copied().map(Some).collect(),
    };
    let mut per: Vec<(Field, Vec<u8>)> = unknown
        .iter()
        .map(|c| (Field::Criterion(*c), vec![0; 3]))
        .collect();
    if profile.service_line().is_none() {
        per.push((Field::ServiceLine, vec![0; ServiceLine::ALL.len()]));
    }
    let mut all = 0;
    let mut filled = profile.clone();
    for code in 0..3usize.pow(u32::try_from(unknown.len()).unwrap()) {
        let mut positions = Vec::with_capacity(unknown.len());
        let mut rest = code;
        for criterion in &unknown {
            let position = Position::ALL[rest % 3];
            rest /= 3;
            filled.set(*criterion, Some(position));
            positions.push(position.index());
        }
        for line in &lines {
            filled.set_service_line(*line);
            let verdict = bit(classifier.verdict(&filled));
            all |= verdict;
            for (i, p) in positions.iter().enumerate() {
                per[i].1[*p] |= verdict;
            }
            if profile.service_line().is_none() {
                let index = ServiceLine::ALL
                    .iter()
                    .position(|l| Some(*l) == *line)
                    .unwrap();
                per.last_mut().unwrap().1[index] |= verdict;
            }
        }
    }
    (all, per)
}

prop_compose! {
    fn any_profile()(
        criteria in proptest::array::uniform8(proptest::option::weighted(0.6, proptest::sample::select(&Position::ALL[..]))),
        line in proptest::option::weighted(0.6, proptest::sample::select(&ServiceLine::ALL[..])),
        location in proptest::option::of(proptest::sample::select(&Location::ALL[..])),
        regulated in proptest::option::of(proptest::bool::ANY),
    ) -> TaskProfile {
        let mut p = TaskProfile::new("task").unwrap();
        for (c, v) in Criterion::ALL.into_iter().zip(criteria) {
            p.set(c, v);
        }
        p.set_service_line(line);
        p.set_location(location);
        if let Some(yes) = regulated {
            p.insert_attribute("regulated", if yes { "yes" } else { "no" }).unwrap();
        }
        p
    }
}

/// Settledness, reach, the next question and every answer's reach agree with brute force.
fn check_settledness(classifier: &Classifier, profile: &TaskProfile) -> Result<(), TestCaseError> {
    let current = classifier.verdict(profile);
    let (all, per) = brute_force(classifier, profile);
    let settled = all & !bit(current) == 0;
    prop_assert_eq!(classifier.is_settled(profile), Some(settled));
    let reach = classifier.reachable(profile);
    prop_assert!(reach.is_complete());
    let listed: u8 = reach.verdicts().map(bit).sum();
    prop_assert_eq!(listed, all);
    prop_assert_eq!(reach.is_settled(), Some(settled));
    let next = classifier.next_question(profile);
    prop_assert_eq!(next.is_none(), settled);
    if let Some(field) = next {
        prop_assert!(!profile.is_known(field));
    }
    let questions = classifier.questions(profile);
    prop_assert_eq!(questions.len(), per.len());
    for q in &questions {
        prop_assert!(q.complete);
        let answers = &per.iter().find(|(f, _)| *f == q.field).unwrap().1;
        prop_assert_eq!(q.answers, answers.len());
        let total: u32 = answers.iter().map(|a| a.count_ones()).sum();
        #[allow(clippy::cast_precision_loss)]
        let mean = f64::from(total) / answers.len() as f64;
        prop_assert!((q.reachable_after - mean).abs() < 1e-9);
        let settling = answers.iter().filter(|a| a.count_ones() == 1).count();
        prop_assert_eq!(q.settling_answers, settling);
    }
    prop_assert!(
        questions
            .windows(2)
            .all(|w| w[0].reachable_after <= w[1].reachable_after + 1e-9)
    );
    prop_assert_eq!(
        next,
        questions.first().map(|q| q.field).filter(|_| !settled)
    );
    Ok(())
}

/// The fewest changes reaching `target`, by trying every combination of the eight criteria
/// (each kept, or set to one of the positions it does not have).
fn brute_force_min(
    classifier: &Classifier,
    profile: &TaskProfile,
    target: Verdict,
) -> Option<usize> {
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
        if valid && best.is_none_or(|b| changes < b) && classifier.verdict(&candidate) == target {
            best = Some(changes);
        }
    }
    best
}

fn check_flip(
    classifier: &Classifier,
    profile: &TaskProfile,
    target: Verdict,
) -> Result<(), TestCaseError> {
    let found = classifier.flip(profile, target);
    let minimum = brute_force_min(classifier, profile, target);
    prop_assert_eq!(found.changes().map(<[_]>::len), minimum);
    prop_assert!(!found.is_cut_short());
    if let Some(changes) = found.changes() {
        let mut changed = profile.clone();
        for change in changes {
            prop_assert_eq!(profile.get(change.criterion), change.from);
            prop_assert_ne!(change.from, Some(change.to));
            changed.set(change.criterion, Some(change.to));
        }
        prop_assert_eq!(classifier.verdict(&changed), target);
        prop_assert_eq!(&classifier.flip(profile, target), &found);
    } else {
        prop_assert_eq!(found, Flip::Unreachable);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn prop_next_question_is_none_iff_no_filling_gives_another_verdict(profile in any_profile()) {
        check_settledness(default_rules(), &profile)?;
    }

    #[test]
    fn prop_settledness_is_exact_for_a_non_monotone_rule_set(profile in any_profile()) {
        check_settledness(twisted(), &profile)?;
    }

    #[test]
    fn prop_flip_reaches_the_target_with_the_fewest_changes(
        profile in any_profile(),
        target in proptest::sample::select(&Verdict::ALL[..]),
    ) {
        check_flip(default_rules(), &profile, target)?;
    }

    #[test]
    fn prop_flip_is_exact_for_a_non_monotone_rule_set(
        profile in any_profile(),
        target in proptest::sample::select(&Verdict::ALL[..]),
    ) {
        check_flip(twisted(), &profile, target)?;
    }

    /// However small the budget, what is presented as exact is exact.
    #[test]
    fn prop_a_search_cut_short_says_so(
        profile in any_profile(),
        budget in 0u64..400,
        target in proptest::sample::select(&Verdict::ALL[..]),
    ) {
        for rules in [default_rules(), twisted()] {
            let mut classifier = rules.clone();
            classifier.set_search_budget(budget);
            let (all, _) = brute_force(rules, &profile);
            let current = rules.verdict(&profile);
            if let Some(settled) = classifier.is_settled(&profile) {
                prop_assert_eq!(settled, all & !bit(current) == 0);
            }
            let reach = classifier.reachable(&profile);
            let listed: u8 = reach.verdicts().map(bit).sum();
            prop_assert_eq!(listed & !all, 0);
            if reach.is_complete() {
                prop_assert_eq!(listed, all);
            }
            let advice = Advice::of(&classifier, &profile);
            if let Some(settled) = advice.settled {
                prop_assert_eq!(settled, all & !bit(current) == 0);
            } else {
                prop_assert!(advice.cut_short);
            }
            prop_assert_eq!(advice.next_question.is_none(), advice.settled == Some(true));
            match classifier.flip(&profile, target) {
                Flip::Changes(changes) => {
                    prop_assert_eq!(Some(changes.len()), brute_force_min(rules, &profile, target));
                }
                Flip::Unreachable => prop_assert_eq!(brute_force_min(rules, &profile, target), None),
                _ => {}
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn prop_robustness_matches_single_steps(profile in any_profile()) {
        let classifier = default_rules();
        let result = classifier.classify(&profile);
        let mut any_step_changes = false;
        for (criterion, position) in profile.known() {
            for to in [position.toward_bpo(), position.toward_kpo()].into_iter().flatten() {
                let mut stepped = profile.clone();
                stepped.set(criterion, Some(to));
                any_step_changes |= classifier.verdict(&stepped) != result.verdict();
            }
        }
        prop_assert_eq!(classifier.is_robust(&profile), !any_step_changes);
    }
}

#[test]
fn the_empty_profile_is_checked_against_every_filling() {
    let empty = TaskProfile::new("task").unwrap();
    check_settledness(default_rules(), &empty).unwrap();
    check_settledness(twisted(), &empty).unwrap();
}

#[test]
fn a_full_profile_is_settled_and_a_pole_profile_is_robust() {
    let mut p = TaskProfile::new("task").unwrap();
    for c in Criterion::ALL {
        p.set(c, Some(Position::Bpo));
    }
    let classifier = default_rules();
    assert_eq!(classifier.is_settled(&p), Some(true));
    assert_eq!(
        classifier.next_question(&p),
        Some(Field::ServiceLine).filter(|_| false)
    );
    assert!(classifier.is_robust(&p));
    assert_eq!(classifier.flip(&p, Verdict::Bpo), Flip::Changes(vec![]));
    assert_eq!(
        classifier.flip(&p, Verdict::Undetermined),
        Flip::Unreachable
    );
    let to_kpo = classifier.flip(&p, Verdict::Kpo);
    assert!(
        to_kpo
            .changes()
            .unwrap()
            .iter()
            .all(|c| c.to == Position::Kpo || c.to == Position::Middle)
    );
}

/// The three cases that used to get no question while the verdict was still open.
#[test]
fn open_verdicts_get_a_question() {
    let classifier = default_rules();
    let case_a = TaskProfile::from_json(
        r#"{"name":"Case A","decision_basis":"guided","complexity":"medium"}"#,
    )
    .unwrap();
    assert_eq!(classifier.verdict(&case_a), Verdict::Hybrid);
    assert_eq!(classifier.is_settled(&case_a), Some(false));
    assert!(classifier.next_question(&case_a).is_some());
    let advice = Advice::of(classifier, &case_a);
    assert_eq!(advice.settled, Some(false));
    assert!(advice.next_question.is_some());

    let nothing = TaskProfile::new("Anything").unwrap();
    let ranked = classifier.questions(&nothing);
    assert_eq!(ranked.len(), 9);
    assert_eq!(classifier.next_question(&nothing), Some(ranked[0].field));
}

#[test]
fn questions_rank_every_unknown_field_with_their_figures() {
    let p =
        TaskProfile::from_json(r#"{"name":"Vendor helpline","decision_basis":"guided"}"#).unwrap();
    let ranked = default_rules().questions(&p);
    assert_eq!(ranked.len(), 8);
    assert!(
        ranked
            .iter()
            .any(|q| q.field == Field::ServiceLine && q.answers == 21)
    );
    assert!(ranked.iter().all(|q| q.complete));
    assert!(
        ranked
            .windows(2)
            .all(|w| w[0].reachable_after <= w[1].reachable_after)
    );
}

#[test]
fn a_tiny_budget_cuts_the_search_short_and_says_so() {
    let mut classifier = Classifier::default();
    classifier.set_search_budget(1);
    let nothing = TaskProfile::new("Anything").unwrap();
    assert_eq!(classifier.is_settled(&nothing), None);
    assert!(!classifier.reachable(&nothing).is_complete());
    assert_eq!(classifier.flip(&nothing, Verdict::Kpo), Flip::CutShort);
    let advice = Advice::of(&classifier, &nothing);
    assert!(advice.cut_short);
    assert_eq!(advice.settled, None);
    assert!(advice.next_question.is_some());
    assert!(
        advice
            .to_string()
            .contains("settledness unknown: the search budget ran out")
    );
}
