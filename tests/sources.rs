//! Errors keep their causes from other libraries; versions are the crate's own type.

use std::error::Error as _;

use outsourcing::{ErrorKind, RuleId, RuleSet, RuleSetVersion, TaskProfile};

const HEAD: &str = "name = \"t\"\nversion = \"1.0.0\"\n";

#[test]
fn causes_from_other_libraries_are_sources() {
    let err = RuleSet::from_toml("name = \"t\"\nversion = \n").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax);
    assert!(
        err.to_string()
            .starts_with("invalid TOML at line 2, column "),
        "{err}"
    );
    let source = err.source().expect("a TOML syntax error has a source");
    assert!(!source.to_string().is_empty());

    let err = RuleSet::from_json("{\"name\": \n 3,").unwrap_err();
    assert!(err.source().is_some());
    let err = TaskProfile::from_json(r#"{"name":"a",}"#).unwrap_err();
    assert!(err.source().is_some());

    // The message says in its own words what the cause says, once.
    let err = "1.0".parse::<RuleSetVersion>().unwrap_err();
    let cause = err
        .source()
        .expect("a bad version has a source")
        .to_string();
    assert_eq!(
        cause,
        "unexpected end of input while parsing minor version number"
    );
    assert_eq!(err.to_string().matches(&cause).count(), 1);

    // Errors found by this crate itself have no source.
    assert!(RuleId::new("").unwrap_err().source().is_none());
    assert!(RuleSet::from_toml(HEAD).unwrap_err().source().is_none());
}

#[test]
fn versions_are_the_crates_own_type() {
    let rules = RuleSet::from_toml(&format!(
        "{HEAD}[[rule]]\nid = \"a\"\nlean = \"kpo\"\nwhen = {{ talent = \"skilled\" }}\nbecause = \"x\""
    ))
    .unwrap();
    let version = rules.version();
    assert_eq!(
        (version.major(), version.minor(), version.patch()),
        (1, 0, 0)
    );
    assert_eq!((version.pre(), version.build()), ("", ""));
    assert_eq!(version.to_string(), "1.0.0");
    let later: RuleSetVersion = "1.0.1-rc.1+b7".parse().unwrap();
    assert!(*version < later);
    assert_eq!((later.pre(), later.build()), ("rc.1", "b7"));
    assert_eq!(format!("{later:?}"), "RuleSetVersion(\"1.0.1-rc.1+b7\")");
    let err = "v1".parse::<RuleSetVersion>().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RuleSet);
}
