//! Every public type can be shared across threads.

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn public_types_are_send_and_sync() {
    use outsourcing::*;
    assert_send_sync::<TaskProfile>();
    assert_send_sync::<TaskProfileBuilder>();
    assert_send_sync::<Classifier>();
    assert_send_sync::<Classification>();
    assert_send_sync::<Explanation<'static>>();
    assert_send_sync::<Evidence<'static>>();
    assert_send_sync::<Verdict>();
    assert_send_sync::<RuleSet>();
    assert_send_sync::<RuleSetVersion>();
    assert_send_sync::<Rule>();
    assert_send_sync::<RuleId>();
    assert_send_sync::<Condition>();
    assert_send_sync::<Policy>();
    assert_send_sync::<Criterion>();
    assert_send_sync::<Position>();
    assert_send_sync::<Lean>();
    assert_send_sync::<ServiceLine>();
    assert_send_sync::<Location>();
    assert_send_sync::<Office>();
    assert_send_sync::<Record>();
    assert_send_sync::<Error>();
    assert_send_sync::<ErrorKind>();
    assert_send_sync::<DecisionBasis>();
    assert_send_sync::<Complexity>();
    assert_send_sync::<Expertise>();
    assert_send_sync::<Arbitrage>();
    assert_send_sync::<Driver>();
    assert_send_sync::<Coordination>();
    assert_send_sync::<Talent>();
    assert_send_sync::<Focus>();
    assert_send_sync::<Field>();
    assert_send_sync::<Change>();
    assert_send_sync::<QuestionImpact>();
    assert_send_sync::<outsourcing::Reach>();
    assert_send_sync::<outsourcing::Flip>();
    assert_send_sync::<TextClassification<'static>>();
    assert_send_sync::<Advice>();
    assert_send_sync::<OpenCase>();
    assert_send_sync::<Portfolio>();
    assert_send_sync::<ResultLine>();
    assert_send_sync::<EvidenceEntry>();
    assert_send_sync::<HitEntry>();
    assert_send_sync::<LineWriter>();
    assert_send_sync::<LineRef<'static>>();
    assert_send_sync::<TextProfiler>();
    assert_send_sync::<Lexicon>();
    assert_send_sync::<Reading<'static>>();
    assert_send_sync::<Hit<'static>>();
    assert_send_sync::<Source>();
    assert_send_sync::<Column>();
    assert_send_sync::<TableHeader>();
    assert_send_sync::<CarriedColumn>();
}

fn assert_owned<T: Send + Sync + Copy + 'static>() {}
fn assert_owned_clone<T: Send + Sync + Clone + 'static>() {}

#[test]
fn results_are_owned() {
    use outsourcing::*;
    assert_owned::<Classification>();
    assert_owned_clone::<ResultLine>();
    assert_owned_clone::<Advice>();
}
