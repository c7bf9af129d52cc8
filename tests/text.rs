//! The text profiler: matching, negation, explicit fields, limits, lexicon errors, and properties.

use std::sync::OnceLock;

use outsourcing::{
    Criterion, ErrorKind, Field, Lexicon, Position, ServiceLine, Source, TaskProfile, TextProfiler,
};
use proptest::prelude::*;

fn profiler() -> &'static TextProfiler {
    static PROFILER: OnceLock<TextProfiler> = OnceLock::new();
    PROFILER.get_or_init(TextProfiler::default)
}

fn read(description: &str) -> TaskProfile {
    profiler().profile("task", Some(description)).unwrap().0
}

#[test]
fn stems_match_inflected_polish_forms_with_or_without_diacritics() {
    for text in [
        "analiza",
        "analizy",
        "analizować",
        "Analizę",
        "ANALIZOWANIE",
    ] {
        assert_eq!(
            read(text).get(Criterion::DecisionBasis),
            Some(Position::Kpo),
            "{text}"
        );
    }
    for text in ["obsługa klienta", "Obsluga klientow", "OBSŁUGĄ KLIENTÓW"] {
        assert_eq!(
            read(text).service_line(),
            Some(ServiceLine::CustomerSupport),
            "{text}"
        );
    }
}

#[test]
fn words_match_on_boundaries_only() {
    // "reconciliation" starts with a stem, but "sort" is not inside "resort".
    assert_eq!(
        read("bank reconciliation").service_line(),
        Some(ServiceLine::FinanceAccounting)
    );
    let hits = profiler().scan("a resort").unwrap();
    assert!(hits.is_empty(), "{hits:?}");
}

#[test]
fn negation_flips_a_pole_within_its_clause() {
    for text in [
        "no judgement required",
        "without analysis",
        "does not require judgement",
        "bez analizy",
        "nie wymaga oceny",
    ] {
        assert_eq!(
            read(text).get(Criterion::DecisionBasis),
            Some(Position::Bpo),
            "{text}"
        );
    }
    // A clause break stops the negation.
    assert_eq!(
        read("no calls. Judgement on every case").get(Criterion::DecisionBasis),
        Some(Position::Kpo)
    );
    // "Not only" is a neutral phrase: it negates nothing.
    for text in [
        "Not only invoice processing but also supplier calls",
        "Nie tylko wprowadzanie faktur, ale też telefony",
    ] {
        let (profile, reading) = profiler().profile("task", Some(text)).unwrap();
        assert!(reading.hits().iter().all(|h| !h.negated), "{text}");
        assert_eq!(
            profile.get(Criterion::DecisionBasis),
            Some(Position::Bpo),
            "{text}"
        );
    }
}

/// What an employer offers (contracts, pay, development) is a neutral phrase: its words
/// imply nothing, while the same words elsewhere still do.
#[test]
fn neutral_phrases_imply_nothing() {
    for text in [
        "We offer an employment contract, hybrid work and career development",
        "Umowa o pracę, praca hybrydowa, możliwość rozwoju",
        "Oferujemy umowę o pracę i atrakcyjne wynagrodzenie",
    ] {
        let (_, reading) = profiler().profile("task", Some(text)).unwrap();
        assert_eq!(reading.hits(), &[], "{text}");
    }
    let (profile, _) = profiler()
        .profile("task", Some("Review every contract for risks"))
        .unwrap();
    assert_eq!(profile.service_line(), Some(ServiceLine::LegalProcess));
}

#[test]
fn conflicting_hits_settle_on_the_heavier_side_or_in_the_middle() {
    // Rules words outweigh one judgement word: the rules pole.
    let profile = read("Follow the script, but use judgement on disputes");
    assert_eq!(profile.get(Criterion::DecisionBasis), Some(Position::Bpo));
    // Hits that balance (mean position within 0.1 of the middle) settle in the middle.
    let profile = read("Follow the script, but use judgement and interpret each dispute");
    assert_eq!(
        profile.get(Criterion::DecisionBasis),
        Some(Position::Middle)
    );
    // So do hits of the middle value itself.
    let profile = read("Apply the guidelines");
    assert_eq!(
        profile.get(Criterion::DecisionBasis),
        Some(Position::Middle)
    );
}

#[test]
fn explicit_fields_win_and_inferred_fields_are_named() {
    let mut profile = TaskProfile::builder()
        .name("Contract review")
        .description("Lawyers negotiate clauses")
        .criterion(Criterion::Talent, Position::Middle)
        .build()
        .unwrap();
    let reading = profiler().fill(&mut profile);
    assert_eq!(profile.get(Criterion::Talent), Some(Position::Middle));
    assert!(
        !reading
            .inferred()
            .contains(&Field::Criterion(Criterion::Talent))
    );
    assert!(reading.inferred().contains(&Field::ServiceLine));
    assert_eq!(profile.service_line(), Some(ServiceLine::LegalProcess));
    let deciding: Vec<&str> = reading
        .hits_for(Field::ServiceLine)
        .map(|h| h.term)
        .collect();
    assert!(deciding.contains(&"contract*"), "{deciding:?}");
    let hit = reading.hits().iter().find(|h| h.term == "lawyer*").unwrap();
    assert_eq!(hit.source, Source::Description);
    assert_eq!(hit.span, 0..7);
    assert_eq!(hit.language, "en");
}

#[test]
fn the_longest_match_wins() {
    let hits = profiler().scan("equity research").unwrap();
    assert!(hits.iter().all(|h| h.term == "equity research"), "{hits:?}");
}

#[test]
fn a_term_inside_a_hyphenated_word_is_read_once() {
    // "non" negates "standard*"; the two words are not read again as a plain "standard".
    let hits = profiler().scan("Negotiate non-standard clauses.").unwrap();
    let standard: Vec<_> = hits.iter().filter(|h| h.term == "standard*").collect();
    assert_eq!(standard.len(), 1, "{hits:?}");
    assert_eq!(standard[0].span, 14..22);
    assert!(standard[0].negated);
    assert_eq!(standard[0].value, Some("judgement"));
}

#[test]
fn name_and_description_are_read_apart() {
    // A negator at the end of the name does not reach into the description...
    let (profile, reading) = profiler()
        .profile("Reporting, no", Some("judgement calls on credit limits"))
        .unwrap();
    let judgement = reading
        .hits()
        .iter()
        .find(|h| h.term.starts_with("judg"))
        .unwrap();
    assert_eq!(judgement.source, Source::Description);
    assert_eq!(judgement.span, 0..9);
    assert!(!judgement.negated);
    assert_eq!(profile.get(Criterion::DecisionBasis), Some(Position::Kpo));
    // ...and no term runs from one into the other.
    let (_, reading) = profiler()
        .profile("Standard operating", Some("procedure updates"))
        .unwrap();
    assert!(
        reading
            .hits()
            .iter()
            .all(|h| h.term != "standard operating procedure*"),
        "{:?}",
        reading.hits()
    );
}

#[test]
fn lexicons_past_the_dfa_budget_read_the_same_with_an_nfa() {
    // 5,000 terms, most of 61 letters: 300 KiB of patterns, past the DFA's 256 KiB.
    let mut toml = String::from(
        "language = \"xx\"\nnegators = [\"no\"]\n[[entry]]\nterms = [\"analy*\", \"script*\"]\ndecision_basis = \"judgement\"\n[[entry]]\nterms = [",
    );
    for i in 0..4_997 {
        let word: String = format!("{i:04}")
            .bytes()
            .map(|d| char::from(b'a' + (d - b'0')))
            .collect();
        toml.push_str(&format!("\"{word}{}\",", "q".repeat(57)));
    }
    toml.push_str("]\nservice_line = \"market_research\"\n");
    let big = TextProfiler::new(vec![Lexicon::from_toml(&toml).unwrap()]).unwrap();
    assert!(format!("{big:?}").contains("NFA of"));
    let text = format!("No analysis; scripts, then bcde{} again.", "q".repeat(57));
    let hits = big.scan(&text).unwrap();
    let read: Vec<(&str, bool, Option<&str>)> =
        hits.iter().map(|h| (h.term, h.negated, h.value)).collect();
    assert_eq!(
        read,
        [
            ("analy*", true, Some("rules")),
            ("script*", false, Some("judgement")),
            (
                &*format!("bcde{}", "q".repeat(57)),
                false,
                Some("market_research")
            ),
        ]
    );
}

#[test]
fn text_over_the_limit_is_refused() {
    let big = "a".repeat(outsourcing::limits::MAX_TEXT_BYTES + 1);
    let err = profiler().scan(&big).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit);
    assert_eq!(
        err.to_string(),
        "text is 1048577 bytes long; the limit is 1048576 (MAX_TEXT_BYTES)"
    );
    let description = "a".repeat(outsourcing::limits::MAX_DESCRIPTION_BYTES + 1);
    assert_eq!(
        profiler()
            .profile("x", Some(&description))
            .unwrap_err()
            .to_string(),
        "description is 65537 bytes long; the limit is 65536 (MAX_DESCRIPTION_BYTES)"
    );
}

/// A lexicon whose terms are `a`, `a a`, … with `n` words at most.
fn nested(n: usize) -> Lexicon {
    let terms: Vec<String> = (1..=n)
        .map(|k| format!("\"{}\"", vec!["a"; k].join(" ")))
        .collect();
    Lexicon::from_toml(&format!(
        "language = \"xx\"\n[[entry]]\nterms = [{}]\ndecision_basis = \"rules\"\n",
        terms.join(", ")
    ))
    .unwrap()
}

#[test]
fn terms_nested_past_the_limit_are_refused() {
    let err = TextProfiler::new(vec![nested(17)]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit);
    assert_eq!(
        err.to_string(),
        "lexicons: 17 terms begin at the word \"a\"; the limit is 16 (MAX_TERMS_PER_WORD)"
    );
    // Stems count at every word they begin: `anal*` and `analy*` both begin `analysis`.
    let stems: Vec<String> = (0..17).map(|k| format!("\"analy* w{k}\"")).collect();
    let lexicon = Lexicon::from_toml(&format!(
        "language = \"xx\"\n[[entry]]\nterms = [\"analysis\", {}]\ndecision_basis = \"rules\"\n",
        stems.join(", ")
    ))
    .unwrap();
    assert_eq!(
        TextProfiler::new(vec![lexicon]).unwrap_err().to_string(),
        "lexicons: 18 terms begin at the word \"analysis\"; the limit is 16 (MAX_TERMS_PER_WORD)"
    );
}

#[test]
fn nested_terms_within_the_limit_read_a_long_text_match_by_match() {
    // At the limit, every word begins up to 16 matches; the longest at each word is kept, so
    // a text of n words gives one hit per word but the last 15, whose runs lie inside the
    // run before them.
    let profiler = TextProfiler::new(vec![nested(16)]).unwrap();
    let words = 200_000;
    let text = "a ".repeat(words);
    let hits = profiler.scan(&text).unwrap();
    assert_eq!(hits.len(), words - 15);
    assert_eq!(hits[0].span, 0..31);
    assert_eq!(hits[words - 16].span, 2 * (words - 16)..2 * words - 1);
}

#[test]
fn a_profiler_needs_a_lexicon() {
    let err = TextProfiler::new(vec![]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Lexicon);
    assert_eq!(
        err.to_string(),
        "a text profiler needs at least one lexicon"
    );
    // A lexicon without terms is enough, and reads nothing.
    let quiet = TextProfiler::new(vec![Lexicon::from_toml("language = \"xx\"").unwrap()]).unwrap();
    assert!(
        quiet
            .scan("No judgement required; analysis.")
            .unwrap()
            .is_empty()
    );
    let (_, reading) = quiet.profile("Market analysis", Some("Forecasts")).unwrap();
    assert!(reading.hits().is_empty() && reading.inferred().is_empty());
}

#[test]
fn debug_forms_are_short_summaries() {
    let debug = format!("{:?}", profiler());
    assert!(debug.len() < 1024, "{} bytes: {debug}", debug.len());
    let (en, pl) = (
        Lexicon::english().term_count(),
        Lexicon::polish().term_count(),
    );
    assert!(
        debug.starts_with(&format!(
            "TextProfiler {{ lexicons: [en: {en} terms, pl: {pl} terms], engine: DFA of "
        )),
        "{debug}"
    );
    assert!(debug.contains(" bytes, patterns: "), "{debug}");
    let (_, reading) = profiler()
        .profile("Inbound billing calls", Some("Follow the script."))
        .unwrap();
    // The hits are counted before they are spelled out, and the count is theirs.
    let debug = format!("{reading:?}");
    let count = reading.hits().len();
    let names: Vec<&str> = reading.inferred().iter().map(|f| f.name()).collect();
    assert!(count > 0 && !names.is_empty(), "{debug}");
    assert_eq!(
        debug,
        format!(
            "Reading {{ hits: {count}, inferred: [{}] }}",
            names.join(", ")
        )
    );
    assert_eq!(
        format!("{:?}", outsourcing::Reading::default()),
        "Reading { hits: 0, inferred: [] }"
    );
}

#[test]
fn built_in_lexicons_load() {
    let en = Lexicon::english();
    let pl = Lexicon::polish();
    assert_eq!(en.language(), "en");
    assert_eq!(pl.language(), "pl");
    assert!(en.term_count() > 500, "{}", en.term_count());
    assert!(pl.term_count() > 400, "{}", pl.term_count());
}

const LEXICON_CASES: &[(&str, ErrorKind, &str)] = &[
    (
        "language = \"en\"\nmarker = [\"the\"]\n",
        ErrorKind::Lexicon,
        "unknown key \"marker\", did you mean \"markers\"? (expected one of: language, \
         negation_window, negators, neutral, markers, letters, endings, name_weight, section, \
         entry, fitted)",
    ),
    (
        "language = \"en\"\nneutral = [\"not only\"]\n[[entry]]\nterms = [\"Not only\"]\ntalent = \"skilled\"\n",
        ErrorKind::Lexicon,
        "duplicate term \"Not only\" (in neutral and entry #1)",
    ),
    (
        "language = \"en\"\nnegators = [\"no\"]\nneutral = [\"no\"]\n",
        ErrorKind::Lexicon,
        "duplicate term \"no\" (in negators and neutral)",
    ),
    (
        "language = \"en\"\nneutral = [\"salary\"]\n",
        ErrorKind::Lexicon,
        "neutral: \"salary\" is one word; a neutral phrase has two words or more",
    ),
    (
        "language = \"en\"\nmarkers = [\"not only\"]\nneutral = [\"Not only\"]\n",
        ErrorKind::Lexicon,
        "neutral: \"Not only\" is also a marker",
    ),
    (
        "language = \"en\"\nneutral = [\"we offer\"]\n[[section]]\nterms = [\"we offer\"]\nweight = 0.25\n",
        ErrorKind::Lexicon,
        "neutral: \"we offer\" is also a section heading",
    ),
    (
        "language = \"en\"\nneutral = [\"\"]\n",
        ErrorKind::Lexicon,
        "neutral: term is empty",
    ),
    (
        "language = \"pl\"\nletters = \"ąe\"\n",
        ErrorKind::Lexicon,
        "letters must be a string of letters other than a to z, such as \"ąęł\", found string \"ąe\"",
    ),
    (
        "language = \"pl\"\nendings = [\"anie\", \"a\"]\n",
        ErrorKind::Lexicon,
        "endings: \"a\" is not a word ending of two letters or more",
    ),
    (
        "language = \"en\"\n[[section]]\nterms = [\"requirements\"]\n",
        ErrorKind::Lexicon,
        "section #1: weight is missing",
    ),
    (
        "language = \"en\"\nname_weight = 0\n",
        ErrorKind::Lexicon,
        "name_weight: weight must be a number from 0.001 to 1000000, found 0",
    ),
    (
        "[[entry]]\nterms = [\"x\"]\ntalent = \"skilled\"\n",
        ErrorKind::Lexicon,
        "language is missing",
    ),
    (
        "language = \"English\"\n",
        ErrorKind::Lexicon,
        "language must be a lower-case language code such as \"en\", found string \"English\"",
    ),
    (
        "language = \"en\"\n[[entry]]\nterms = [\"x\"]\ntalent = \"genius\"\n",
        ErrorKind::Lexicon,
        "entry #1: talent: unknown value \"genius\" (expected one of: communication, skilled, professional)",
    ),
    (
        "language = \"en\"\n[[entry]]\nterms = []\ntalent = \"skilled\"\n",
        ErrorKind::Lexicon,
        "entry #1: terms is empty",
    ),
    (
        "language = \"en\"\n[[entry]]\nterms = [\"x\"]\n",
        ErrorKind::Lexicon,
        "entry #1: implies nothing (add a field such as decision_basis = \"rules\")",
    ),
    (
        "language = \"en\"\n[[entry]]\nterms = [\"an*al\"]\ntalent = \"skilled\"\n",
        ErrorKind::Lexicon,
        "entry #1: term \"an*al\": '*' may only end a word",
    ),
    (
        "language = \"en\"\n[[entry]]\nterms = [\"an*\"]\ntalent = \"skilled\"\n",
        ErrorKind::Limit,
        "entry #1: term \"an*\": the stem \"an\" is shorter than 3 characters (MIN_STEM_CHARS)",
    ),
    (
        "language = \"en\"\n[[entry]]\nterms = [\"to d*\"]\ntalent = \"skilled\"\n",
        ErrorKind::Limit,
        "entry #1: term \"to d*\": the stem \"d\" is shorter than 2 characters \
         (MIN_PHRASE_STEM_CHARS)",
    ),
    (
        "language = \"en\"\n[[entry]]\nterms = [\"--\"]\ntalent = \"skilled\"\n",
        ErrorKind::Lexicon,
        "entry #1: term \"--\" has a word without letters or digits",
    ),
    (
        "language = \"en\"\n[[entry]]\nterms = [\"Clerk\"]\ntalent = \"communication\"\n[[entry]]\nterms = [\"clerk\"]\ntalent = \"skilled\"\n",
        ErrorKind::Lexicon,
        "duplicate term \"clerk\" (in entry #1 and entry #2, for the same field)",
    ),
    (
        "language = \"en\"\nnegation_window = 0\n",
        ErrorKind::Lexicon,
        "negation_window must be a whole number of words from 1 to 10, found integer 0",
    ),
    (
        "language = \"en\"\n[[entry]]\nterms = [\"x\"]\ntalent = \"skilled\"\nweight = -1\n",
        ErrorKind::Lexicon,
        "entry #1: weight must be a number from 0.001 to 1000000, found -1",
    ),
    (
        "language = \"en\"\n[[entry\n",
        ErrorKind::Syntax,
        "invalid TOML at line 2, column 8: unclosed array table, expected `]]`",
    ),
];

#[test]
fn lexicon_errors_have_exact_messages() {
    for (text, kind, message) in LEXICON_CASES {
        let err = Lexicon::from_toml(text).unwrap_err();
        assert_eq!(err.to_string(), *message, "{text}");
        assert_eq!(err.kind(), *kind, "{text}");
    }
}

#[test]
fn a_custom_lexicon_replaces_the_built_in_ones() {
    let lexicon = Lexicon::from_toml(
        "language = \"de\"\nnegators = [\"ohne\"]\n[[entry]]\nterms = [\"Urteil*\"]\ndecision_basis = \"judgement\"\n",
    )
    .unwrap();
    let profiler = TextProfiler::new(vec![lexicon]).unwrap();
    let (profile, reading) = profiler
        .profile("Prüfung", Some("ohne Urteilsvermögen"))
        .unwrap();
    assert_eq!(profile.get(Criterion::DecisionBasis), Some(Position::Bpo));
    assert_eq!(reading.hits()[0].language, "de");
    assert!(reading.hits()[0].negated);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn prop_any_text_reads_without_panic_and_spans_lie_on_char_boundaries(
        name in "\\PC{1,40}",
        description in "\\PC{0,300}",
    ) {
        if let Ok((_, reading)) = profiler().profile(&name, Some(&description)) {
            for hit in reading.hits() {
                let text = match hit.source {
                    Source::Name => name.trim(),
                    _ => description.as_str(),
                };
                prop_assert!(hit.span.start < hit.span.end);
                prop_assert!(text.is_char_boundary(hit.span.start));
                prop_assert!(text.is_char_boundary(hit.span.end));
                prop_assert!(hit.span.end <= text.len());
            }
        }
    }

    #[test]
    fn prop_mixed_vocabulary_spans_are_valid(
        words in proptest::collection::vec(
            prop_oneof![
                Just("analizę"), Just("Obsługa"), Just("klientów"), Just("no"), Just("bez"),
                Just("script"), Just("ŻÓŁĆ"), Just("İstanbul"), Just("ﬁle"), Just("—"),
                Just("R&D"), Just("per hour"), Just("."), Just("équipe"), Just("ß"),
            ],
            0..30,
        ),
    ) {
        let text = words.join(" ");
        let hits = profiler().scan(&text).unwrap();
        for hit in &hits {
            prop_assert!(text.is_char_boundary(hit.span.start) && text.is_char_boundary(hit.span.end));
            prop_assert!(hit.span.start < hit.span.end && hit.span.end <= text.len());
        }
    }

    #[test]
    fn prop_lexicon_text_never_panics(text in "\\PC{0,300}") {
        let _ = Lexicon::from_toml(&text);
    }
}
