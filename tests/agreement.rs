//! The verdict is the documented policy applied to the numbers reported with it, for every
//! profile the criteria and service lines can make, and it does not depend on the scale of
//! the weights.

use outsourcing::{
    Classification, Classifier, Criterion, Position, RuleSet, ServiceLine, TaskProfile, Verdict,
};

/// Every service-line state: unknown, then each line.
fn service_lines() -> Vec<Option<ServiceLine>> {
    std::iter::once(None)
        .chain(ServiceLine::ALL.iter().copied().map(Some))
        .collect()
}

/// Calls `f` with every profile: each criterion unknown or at one of its three positions, and
/// every service-line state (4⁸ × 22 = 1,441,792 profiles).
fn every_profile(mut f: impl FnMut(&TaskProfile)) {
    let mut profile = TaskProfile::new("task").unwrap();
    let lines = service_lines();
    for code in 0..4usize.pow(8) {
        let mut rest = code;
        for criterion in Criterion::ALL {
            profile.set(criterion, Position::from_index((rest % 4).wrapping_sub(1)));
            rest /= 4;
        }
        for line in &lines {
            profile.set_service_line(*line);
            f(&profile);
        }
    }
}

/// The documented policy applied to a share and a coverage.
fn policy_verdict(rules: &RuleSet, share: f64, coverage: f64) -> Verdict {
    let policy = rules.policy();
    if coverage < policy.min_coverage() {
        Verdict::Undetermined
    } else if share >= policy.kpo_at() {
        Verdict::Kpo
    } else if share <= policy.bpo_at() {
        Verdict::Bpo
    } else {
        Verdict::Hybrid
    }
}

#[test]
fn every_verdict_agrees_with_its_reported_numbers() {
    let classifier = Classifier::default();
    let mut count = 0usize;
    every_profile(|profile| {
        let result = classifier.classify(profile);
        count += 1;
        for x in [result.kpo_share(), result.coverage(), result.confidence()] {
            assert!((0.0..=1.0).contains(&x), "{x} for {}", profile.to_json());
        }
        if result.settled_by(&classifier).is_none() {
            assert_eq!(
                result.verdict(),
                policy_verdict(classifier.rules(), result.kpo_share(), result.coverage()),
                "{}: share {}, coverage {}",
                profile.to_json(),
                result.kpo_share(),
                result.coverage()
            );
        }
        assert_eq!(classifier.verdict(profile), result.verdict());
    });
    assert_eq!(count, 1_441_792);
}

#[test]
fn the_threshold_case_reports_the_coverage_it_was_decided_on() {
    let classifier = Classifier::default();
    let profile = TaskProfile::from_json(
        r#"{"name":"x","arbitrage":"cost","driver":"volume","coordination":"low"}"#,
    )
    .unwrap();
    let result = classifier.classify(&profile);
    assert_eq!(result.verdict(), Verdict::Bpo);
    assert!(result.coverage() >= classifier.rules().policy().min_coverage());
    assert_eq!(result.coverage(), 0.2);
}

/// The default rule set with every weight multiplied by `factor`.
fn scaled(factor: f64) -> Classifier {
    let toml = RuleSet::default().to_toml();
    let mut out = String::new();
    for line in toml.lines() {
        match line.strip_prefix("weight = ") {
            Some(w) => {
                let w: f64 = w.parse().unwrap();
                out.push_str(&format!("weight = {}\n", w * factor));
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    assert_ne!(out, toml, "the rule set has weights to scale");
    Classifier::new(RuleSet::from_toml(&out).unwrap())
}

fn same(a: &Classification, b: &Classification) -> bool {
    a.verdict() == b.verdict()
        && a.kpo_share() == b.kpo_share()
        && a.coverage() == b.coverage()
        && a.confidence() == b.confidence()
        && a.fired().eq(b.fired())
}

#[test]
fn results_do_not_depend_on_the_scale_of_the_weights() {
    let base = Classifier::default();
    let others = [scaled(0.01), scaled(1000.0), scaled(300_000.0)];
    let mut checked = 0;
    every_profile(|profile| {
        // One profile in 7 keeps the test quick while visiting every criterion state.
        checked += 1;
        if checked % 7 != 0 {
            return;
        }
        let expected = base.classify(profile);
        for other in &others {
            let got = other.classify(profile);
            assert!(
                same(&expected, &got),
                "{}: {expected:?} vs {got:?}",
                profile.to_json()
            );
        }
    });
}

/// The default rule set with every weight set to `weight`.
fn flat(weight: &str) -> Classifier {
    let toml: String = RuleSet::default()
        .to_toml()
        .lines()
        .map(|line| match line.strip_prefix("weight = ") {
            Some(_) => format!("weight = {weight}\n"),
            None => format!("{line}\n"),
        })
        .collect();
    Classifier::new(RuleSet::from_toml(&toml).unwrap())
}

#[test]
fn weights_at_both_limits_give_the_same_finite_results() {
    use outsourcing::limits::{MAX_WEIGHT, MIN_WEIGHT};
    let one = flat("1.0");
    let ends = [flat(&MIN_WEIGHT.to_string()), flat(&MAX_WEIGHT.to_string())];
    assert_eq!(ends[0].rules().rules()[0].weight(), MIN_WEIGHT);
    assert_eq!(ends[1].rules().rules()[0].weight(), MAX_WEIGHT);
    let mut checked = 0;
    every_profile(|profile| {
        checked += 1;
        if checked % 5 != 0 {
            return;
        }
        let expected = one.classify(profile);
        for end in &ends {
            let got = end.classify(profile);
            assert!(
                same(&expected, &got),
                "{}: {expected:?} vs {got:?}",
                profile.to_json()
            );
            for x in [
                got.kpo_share(),
                got.coverage(),
                got.confidence(),
                got.kpo_weight(),
            ] {
                assert!(x.is_finite(), "{x}");
            }
        }
    });
}
