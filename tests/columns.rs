//! The input's own columns in a result line: the fast writer and the owned line agree, and the
//! line reads back with the columns in their order.

use outsourcing::{
    Advice, Classifier, Criterion, Field, LineWriter, Position, ResultLine, ServiceLine,
    TaskProfile,
};
use proptest::prelude::*;

fn position() -> impl Strategy<Value = Option<Position>> {
    proptest::option::of(proptest::sample::select(&Position::ALL[..]))
}

prop_compose! {
    fn any_profile()(
        criteria in proptest::array::uniform8(position()),
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

prop_compose! {
    /// Distinct column names with a cell each (cells may be empty, quoted, non-ASCII).
    fn any_columns()(
        cells in proptest::collection::btree_map("[A-Za-zł \"\\\\]{1,8}", "[a-zśż0-9 ,;\"\\n]{0,8}", 0..5),
        seed in any::<u64>(),
    ) -> Vec<(String, String)> {
        let mut cells: Vec<(String, String)> = cells.into_iter().collect();
        let n = cells.len().max(1);
        cells.rotate_left(usize::try_from(seed % n as u64).unwrap());
        cells
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn prop_columns_agree_and_read_back(
        profile in any_profile(),
        columns in any_columns(),
        advice in any::<bool>(),
    ) {
        let classifier = Classifier::default();
        let writer = LineWriter::new(&classifier);
        let result = classifier.classify(&profile);
        let names: Vec<String> = columns.iter().map(|(n, _)| n.clone()).collect();
        let values: Vec<String> = columns.iter().map(|(_, v)| v.clone()).collect();
        let inferred = [Field::ServiceLine];
        let the_advice = Advice::of(&classifier, &profile);
        let mut fast_line = writer
            .line(Some("r1"), &profile, &result)
            .with_inferred(&inferred);
        let mut owned = ResultLine::new(&classifier, Some("r1"), &profile, &result)
            .with_inferred(&inferred);
        if advice {
            fast_line = fast_line.with_advice(&the_advice);
            owned = owned.with_advice(the_advice.clone());
        }
        let fast_line = fast_line.with_columns(&names, &values);
        let owned = owned.with_columns(columns.clone());
        let mut fast = Vec::new();
        fast_line.write_json(&mut fast).unwrap();
        let json = serde_json::to_string(&owned).unwrap();
        prop_assert_eq!(String::from_utf8(fast).unwrap(), json.clone());
        prop_assert!(json.ends_with('}'), "{}", json);
        let back: ResultLine = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back.columns(), Some(&columns[..]));
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
        prop_assert_eq!(back, owned);
    }
}

#[test]
fn a_missing_cell_is_written_empty() {
    let classifier = Classifier::default();
    let profile = TaskProfile::new("Payroll").unwrap();
    let result = classifier.classify(&profile);
    let names = ["owner".to_owned(), "FTE".to_owned()];
    let values = ["Ann".to_owned()];
    let mut out = Vec::new();
    LineWriter::new(&classifier)
        .line(None, &profile, &result)
        .with_columns(&names, &values)
        .write_json(&mut out)
        .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.ends_with(r#","columns":{"owner":"Ann","FTE":""}}"#),
        "{text}"
    );
    let line: ResultLine = serde_json::from_str(&text).unwrap();
    assert_eq!(
        line.columns(),
        Some(
            &[
                ("owner".into(), "Ann".into()),
                ("FTE".into(), String::new())
            ][..]
        )
    );
}
