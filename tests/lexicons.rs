//! A lint of the built-in lexicons, and a negative corpus: words that say nothing about how
//! work is done must imply nothing.
//!
//! The lint's rules, for every entry of `src/text/en.toml` and `src/text/pl.toml`:
//! - a term is written as people write it: no blanks at either end, no letter standing alone
//!   where punctuation was left out (`R&D`, not `r d`; `don't`, not `don t`), no number split
//!   in two (`24/7`, not `24 7`);
//! - no term of an entry is subsumed by another of the same entry (`analys*` beside `analy*`);
//! - a stem standing alone has at least [`MIN_LINT_STEM_CHARS`] letters, one more than the
//!   profiler's hard limit, so built-in stems stay specific;
//! - no stem matches a word of the per-language list of unrelated words
//!   (`tests/lexicon/unrelated-*.txt`), which the negative corpus below checks through the
//!   profiler itself.

use outsourcing::TextProfiler;

const LEXICONS: [(&str, &str); 2] = [
    ("en", include_str!("../src/text/en.toml")),
    ("pl", include_str!("../src/text/pl.toml")),
];

/// The shortest stem a built-in lexicon uses alone, in letters.
const MIN_LINT_STEM_CHARS: usize = 4;

/// Words of one letter that each language writes as words.
fn one_letter_words(language: &str) -> &'static [&'static str] {
    match language {
        "pl" => &["a", "i", "o", "u", "w", "z"],
        _ => &["a", "i"],
    }
}

/// A term's words as the profiler compares them: lower case, Polish letters folded, runs of
/// other characters as one blank; each word with whether it is a stem.
fn words(term: &str) -> Vec<(String, bool)> {
    term.split_whitespace()
        .flat_map(|raw| {
            let stem = raw.ends_with('*');
            let folded: String = raw
                .trim_end_matches('*')
                .chars()
                .flat_map(char::to_lowercase)
                .map(|c| match c {
                    'ą' => 'a',
                    'ć' => 'c',
                    'ę' => 'e',
                    'ł' => 'l',
                    'ń' => 'n',
                    'ó' => 'o',
                    'ś' => 's',
                    'ź' | 'ż' => 'z',
                    c if c.is_alphanumeric() => c,
                    _ => ' ',
                })
                .collect();
            let parts: Vec<String> = folded.split_whitespace().map(str::to_owned).collect();
            let last = parts.len().saturating_sub(1);
            parts
                .into_iter()
                .enumerate()
                .map(move |(i, p)| (p, stem && i == last))
        })
        .collect()
}

/// Whether every text `b` matches is matched by `a` too (same number of words, each word of
/// `a` equal to or a stem of `b`'s).
fn subsumes(a: &[(String, bool)], b: &[(String, bool)]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|((wa, sa), (wb, sb))| {
            if *sa {
                wb.starts_with(wa.as_str())
            } else {
                !sb && wa == wb
            }
        })
}

/// Every entry's terms, as written, with the entry's number.
fn entries(text: &str) -> Vec<(usize, Vec<String>)> {
    let doc: toml::Table = text.parse().expect("a built-in lexicon is valid TOML");
    let list = doc["entry"].as_array().expect("entries are an array");
    list.iter()
        .enumerate()
        .map(|(i, entry)| {
            let terms = entry["terms"]
                .as_array()
                .expect("terms are an array")
                .iter()
                .map(|t| t.as_str().expect("a term is a string").to_owned())
                .collect();
            (i + 1, terms)
        })
        .collect()
}

/// The problems the lint finds in a lexicon, one line each.
fn lint(language: &str, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let singles = one_letter_words(language);
    for (n, terms) in entries(text) {
        let place = format!("{language} entry #{n}");
        for term in &terms {
            if term.trim() != term {
                problems.push(format!("{place}: \"{term}\" has blanks at an end"));
            }
            let split: Vec<&str> = term.split_whitespace().collect();
            for pair in split.windows(2) {
                if pair.iter().all(|w| w.chars().all(|c| c.is_ascii_digit())) {
                    problems.push(format!("{place}: \"{term}\" splits a number in two"));
                }
            }
            for word in &split {
                let letters = word.trim_end_matches('*');
                if letters.chars().count() == 1
                    && letters.chars().all(char::is_alphabetic)
                    && !singles.contains(&letters)
                {
                    problems.push(format!(
                        "{place}: \"{term}\" has the lone letter \"{letters}\" (write it as \
                         people do: R&D, don't)"
                    ));
                }
            }
            let w = words(term);
            if let [(stem, true)] = w.as_slice()
                && stem.chars().count() < MIN_LINT_STEM_CHARS
            {
                problems.push(format!(
                    "{place}: the stem \"{term}\" is shorter than {MIN_LINT_STEM_CHARS} letters"
                ));
            }
        }
        for (i, a) in terms.iter().enumerate() {
            for (j, b) in terms.iter().enumerate() {
                if i != j && subsumes(&words(a), &words(b)) && (words(a) != words(b) || i < j) {
                    problems.push(format!("{place}: \"{b}\" is subsumed by \"{a}\""));
                }
            }
        }
    }
    problems
}

#[test]
fn built_in_lexicons_pass_the_lint() {
    let problems: Vec<String> = LEXICONS
        .iter()
        .flat_map(|(language, text)| lint(language, text))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_lint_finds_what_it_looks_for() {
    let text = r#"
        language = "en"
        [[entry]]
        terms = ["analy*", "analys*", "r d", " routine", "24 7", "tag*"]
        decision_basis = "judgement"
    "#;
    assert_eq!(
        lint("en", text),
        [
            "en entry #1: \"r d\" has the lone letter \"r\" (write it as people do: R&D, don't)",
            "en entry #1: \"r d\" has the lone letter \"d\" (write it as people do: R&D, don't)",
            "en entry #1: \" routine\" has blanks at an end",
            "en entry #1: \"24 7\" splits a number in two",
            "en entry #1: the stem \"tag*\" is shorter than 4 letters",
            "en entry #1: \"analys*\" is subsumed by \"analy*\"",
        ]
    );
}

#[test]
fn unrelated_words_imply_nothing() {
    let profiler = TextProfiler::default();
    for list in [
        include_str!("lexicon/unrelated-en.txt"),
        include_str!("lexicon/unrelated-pl.txt"),
    ] {
        let mut read = 0;
        for line in list
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let hits = profiler.scan(line).unwrap();
            let terms: Vec<&str> = hits.iter().map(|h| h.term).collect();
            assert!(terms.is_empty(), "{line:?} hits {terms:?}");
            read += 1;
        }
        assert!(read >= 45, "{read} words");
    }
}
