//! Lexicons: the words that imply a profile's fields, as data.

use super::normalize::normalize_words;
use crate::document::{self, Value};
use crate::error::{Detail, Error, ErrorKind};
use crate::limits;
use crate::model::field::Field;

/// The built-in English lexicon.
const ENGLISH: &str = include_str!("en.toml");
/// The built-in Polish lexicon.
const POLISH: &str = include_str!("pl.toml");

/// The words of one language that imply a profile's fields, loaded from TOML and validated.
///
/// ```toml
/// language = "en"
/// negation_window = 3             # words after a negator that it reaches (default 3)
/// negators = ["no", "not", "without"]
/// neutral = ["not only"]          # phrases read whole that imply nothing (optional)
///
/// markers = ["the", "and", "of"]  # common words of the language (optional)
/// letters = ""                    # letters of the language beyond a to z (pl: "ąćęłńóśźż")
/// endings = ["tion", "ing"]       # word endings of the language (optional)
/// name_weight = 2.0               # a hit in the task's name counts this many times (default 1)
///
/// [[section]]                     # headings of parts of longer texts (optional)
/// terms = ["requirements", "we offer"]
/// weight = 0.25                   # the weight of hits in the part a heading starts
///
/// [[entry]]
/// terms = ["script*", "checklist*", "standard operating procedure*"]
/// decision_basis = "rules"        # one or more field = value implications
/// weight = 1.0                    # optional, default 1
/// ```
///
/// **Languages.** When two or more lexicons have markers, letters or endings, each clause of
/// a text is read only by the lexicons of its language (and by those that have none): the
/// language whose markers the clause has most of; without markers, whose letters its words
/// have most of; without either, whose word endings; a clause that cannot be told takes its text's language, then the language of
/// everything read. So a Polish stem does not fire on an English word.
///
/// **Neutral phrases.** A phrase listed in `neutral` (two words or more, not also a marker
/// or a heading) is matched like any term and implies nothing, and as the longest match it
/// silences the shorter terms inside it: `not only` negates nothing, `employment contract`
/// names no legal work, and a heading inside a neutral phrase starts no section. A term on
/// exactly the same words is not silenced. Like negators, neutral phrases apply in clauses
/// of every language.
///
/// **Sections.** A heading that is a clause of its own (`Requirements:`, `Oferujemy:`) starts
/// a part of a description that lasts until the next heading; its hits count with the
/// section's weight.
///
/// A term is one or more words; a word ending in `*` is a stem and matches any word it
/// begins (`analy*` matches analyse, analysis, analyst). Terms are matched case-insensitively,
/// with Latin diacritics folded (`obsługa` and `obsluga` are the same), on word boundaries.
///
/// ```
/// use outsourcing::Lexicon;
///
/// let lexicon = Lexicon::from_toml(r#"
///     language = "en"
///     [[entry]]
///     terms = ["triage*"]
///     decision_basis = "guided"
/// "#)?;
/// assert_eq!(lexicon.language(), "en");
/// let err = Lexicon::from_toml("language = \"en\"\n[[entry]]\nterms = [\"x\"]\ntalnt = \"skilled\"\n")
///     .unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "entry #1: unknown key \"talnt\", did you mean \"talent\"? (expected one of: terms, \
///      weight, decision_basis, complexity, expertise, arbitrage, driver, coordination, talent, \
///      focus, service_line, location, office)"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Lexicon {
    pub(crate) language: String,
    pub(crate) window: usize,
    pub(crate) negators: Vec<Term>,
    /// Phrases read whole that imply nothing (`not only`, `employment contract`).
    pub(crate) neutral: Vec<Term>,
    pub(crate) entries: Vec<Entry>,
    /// Words that tell the language from others (`the`, `and`; `oraz`, `się`).
    pub(crate) markers: Vec<Term>,
    /// Letters only the language uses among the lexicons (`ą`, `ł`), in lower case.
    pub(crate) letters: Vec<char>,
    /// Word endings typical of the language (`tion`; `anie`), normalised, for clauses
    /// without markers or letters.
    pub(crate) endings: Vec<String>,
    /// How much a hit in a task's name counts, against one in its description.
    pub(crate) name_weight: f64,
    /// Headings that start a part of a text whose hits count with another weight.
    pub(crate) sections: Vec<Section>,
    /// Weights of single terms learned from labelled texts: each multiplies the weight of
    /// every entry the term stands in.
    pub(crate) fitted: Vec<(Term, f64)>,
}

/// Headings that start a part of a longer text (`requirements:`, `we offer`), and the
/// weight of the hits in that part.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Section {
    pub(crate) terms: Vec<Term>,
    pub(crate) weight: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub(crate) terms: Vec<Term>,
    pub(crate) implies: Vec<(Field, usize)>,
    pub(crate) weight: f64,
}

/// A term as written, and its normalised words with a stem flag each.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Term {
    pub(crate) written: String,
    pub(crate) words: Vec<(String, bool)>,
}

impl Lexicon {
    /// The built-in English lexicon.
    #[must_use]
    pub fn english() -> Lexicon {
        // Checked by the test suite.
        Lexicon::from_toml(ENGLISH).expect("the built-in English lexicon is valid")
    }

    /// The built-in Polish lexicon.
    #[must_use]
    pub fn polish() -> Lexicon {
        Lexicon::from_toml(POLISH).expect("the built-in Polish lexicon is valid")
    }

    /// Loads and validates a lexicon written in TOML.
    ///
    /// # Errors
    ///
    /// A [`Syntax`](ErrorKind::Syntax) error for malformed TOML, a
    /// [`Lexicon`](ErrorKind::Lexicon) error for an unknown key, field or value, an empty or
    /// malformed term, a duplicate term or an entry that implies nothing, and a
    /// [`Limit`](ErrorKind::Limit) error past [`MAX_LEXICON_TERMS`](limits::MAX_LEXICON_TERMS)
    /// or for a stem shorter than [`MIN_STEM_CHARS`](limits::MIN_STEM_CHARS) (in a phrase,
    /// [`MIN_PHRASE_STEM_CHARS`](limits::MIN_PHRASE_STEM_CHARS)). A weight must
    /// be within [`MIN_WEIGHT`](limits::MIN_WEIGHT)`..=`[`MAX_WEIGHT`](limits::MAX_WEIGHT).
    pub fn from_toml(text: &str) -> Result<Lexicon, Error> {
        from_document(&document::read_toml(text, "lexicon")?)
    }

    /// The language code, e.g. `en`.
    #[must_use]
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The number of terms: negators, neutral phrases, markers and section headings
    /// included.
    #[must_use]
    pub fn term_count(&self) -> usize {
        self.negators.len()
            + self.neutral.len()
            + self.markers.len()
            + self.entries.iter().map(|e| e.terms.len()).sum::<usize>()
            + self.sections.iter().map(|s| s.terms.len()).sum::<usize>()
    }
}

fn invalid(detail: Detail) -> Error {
    Error::new(ErrorKind::Lexicon, detail)
}

fn wrong_type(what: &str, expected: &'static str, found: &Value) -> Error {
    invalid(Detail::Invalid {
        what: what.to_owned(),
        expected,
        found: found.describe(),
    })
}

fn from_document(doc: &Value) -> Result<Lexicon, Error> {
    let Value::Table(entries) = doc else {
        return Err(wrong_type("lexicon", "a table", doc));
    };
    let (mut language, mut window, mut negators, mut list) = (None, 3, Vec::new(), Vec::new());
    let (mut markers, mut letters, mut name_weight, mut sections) =
        (Vec::new(), Vec::new(), 1.0, Vec::new());
    let mut endings = Vec::new();
    let mut fitted = Vec::new();
    let mut neutral = Vec::new();
    for (key, value) in entries {
        match key.as_str() {
            "language" => match value {
                Value::Str(code)
                    if (2..=8).contains(&code.len())
                        && code.chars().all(|c| c.is_ascii_lowercase() || c == '-') =>
                {
                    language = Some(code.clone());
                }
                other => {
                    return Err(invalid(Detail::Invalid {
                        what: "language".into(),
                        expected: "a lower-case language code such as \"en\"",
                        found: other.describe(),
                    }));
                }
            },
            "negation_window" => match value {
                Value::Int(n) if (1..=10).contains(n) => {
                    window = usize::try_from(*n).expect("a number from 1 to 10 fits a usize");
                }
                other => {
                    return Err(invalid(Detail::Invalid {
                        what: "negation_window".into(),
                        expected: "a whole number of words from 1 to 10",
                        found: other.describe(),
                    }));
                }
            },
            "negators" => {
                negators = parse_terms(value).map_err(|e| e.context("negators"))?;
            }
            "markers" => {
                markers = parse_terms(value).map_err(|e| e.context("markers"))?;
            }
            "neutral" => {
                neutral = parse_terms(value).map_err(|e| e.context("neutral"))?;
            }
            "letters" => match value {
                Value::Str(text) if text.chars().all(|c| c.is_alphabetic() && !c.is_ascii()) => {
                    letters = text.chars().flat_map(char::to_lowercase).collect();
                }
                other => {
                    return Err(invalid(Detail::Invalid {
                        what: "letters".into(),
                        expected: "a string of letters other than a to z, such as \"ąęł\"",
                        found: other.describe(),
                    }));
                }
            },
            "endings" => {
                endings = parse_endings(value)?;
            }
            "fitted" => {
                let Value::Table(weights) = value else {
                    return Err(wrong_type("fitted", "a table of term = weight", value));
                };
                for (term, weight) in weights {
                    let weight = document::read_weight(weight, ErrorKind::Lexicon)
                        .map_err(|e| e.context(format!("fitted \"{term}\"")))?;
                    fitted.push((parse_term(term).map_err(|e| e.context("fitted"))?, weight));
                }
            }
            "name_weight" => {
                name_weight = document::read_weight(value, ErrorKind::Lexicon)
                    .map_err(|e| e.context("name_weight"))?;
            }
            "section" => {
                let Value::Array(items) = value else {
                    return Err(wrong_type("section", "an array of tables", value));
                };
                for (i, item) in items.iter().enumerate() {
                    sections.push(
                        parse_section(item)
                            .map_err(|e| e.context(format!("section #{}", i + 1)))?,
                    );
                }
            }
            "entry" => {
                let Value::Array(items) = value else {
                    return Err(wrong_type("entry", "an array of tables", value));
                };
                for (i, item) in items.iter().enumerate() {
                    list.push(
                        parse_entry(item).map_err(|e| e.context(format!("entry #{}", i + 1)))?,
                    );
                }
            }
            _ => {
                return Err(invalid(Detail::Unknown {
                    what: "key".into(),
                    found: key.clone(),
                    expected: vec![
                        "language",
                        "negation_window",
                        "negators",
                        "neutral",
                        "markers",
                        "letters",
                        "endings",
                        "name_weight",
                        "section",
                        "entry",
                        "fitted",
                    ],
                }));
            }
        }
    }
    let language = language.ok_or_else(|| invalid(Detail::Missing("language".into())))?;
    let lexicon = Lexicon {
        language,
        window,
        negators,
        neutral,
        entries: list,
        markers,
        letters,
        endings,
        name_weight,
        sections,
        fitted,
    };
    let count = lexicon.term_count();
    if count > limits::LEXICON_TERMS.value {
        return Err(Error::too_many(limits::LEXICON_TERMS, "lexicon", count));
    }
    check_duplicates(&lexicon)?;
    check_neutral(&lexicon)?;
    for (term, _) in &lexicon.fitted {
        let known = lexicon
            .entries
            .iter()
            .any(|entry| entry.terms.iter().any(|t| t.words == term.words));
        if !known {
            return Err(invalid(Detail::Other(format!(
                "fitted: \"{}\" is not a term of any entry",
                term.written
            ))));
        }
    }
    Ok(lexicon)
}

/// A term may stand in several entries (one per field it implies), but not twice in one
/// entry, not for the same field twice, and not both as a negator or a neutral phrase and as
/// a term.
fn check_duplicates(lexicon: &Lexicon) -> Result<(), Error> {
    // For each term's words: where it first stands and the fields it implies so far.
    type Seen<'a> = std::collections::HashMap<&'a [(String, bool)], (String, Vec<Field>)>;
    let mut seen: Seen<'_> = Seen::new();
    for term in &lexicon.negators {
        if seen
            .insert(&term.words, ("negators".to_owned(), Vec::new()))
            .is_some()
        {
            return Err(duplicate(&term.written, "negators", "negators"));
        }
    }
    for term in &lexicon.neutral {
        if let Some((first, _)) = seen.insert(&term.words, ("neutral".to_owned(), Vec::new())) {
            return Err(duplicate(&term.written, &first, "neutral"));
        }
    }
    for (i, entry) in lexicon.entries.iter().enumerate() {
        let place = format!("entry #{}", i + 1);
        let fields: Vec<Field> = entry.implies.iter().map(|(f, _)| *f).collect();
        for term in &entry.terms {
            match seen.get_mut(term.words.as_slice()) {
                None => {
                    seen.insert(&term.words, (place.clone(), fields.clone()));
                }
                Some((first, known)) => {
                    if *first == "negators"
                        || *first == "neutral"
                        || *first == place
                        || fields.iter().any(|f| known.contains(f))
                    {
                        return Err(duplicate(&term.written, first, &place));
                    }
                    known.extend(fields.iter().copied());
                }
            }
        }
    }
    Ok(())
}

/// A neutral phrase silences the shorter terms inside it, so it has two words or more, and
/// it is not also a marker or a heading (which it would silence as well).
fn check_neutral(lexicon: &Lexicon) -> Result<(), Error> {
    for term in &lexicon.neutral {
        let problem = if term.words.len() < 2 {
            "is one word; a neutral phrase has two words or more"
        } else if lexicon.markers.iter().any(|m| m.words == term.words) {
            "is also a marker"
        } else if lexicon
            .sections
            .iter()
            .any(|s| s.terms.iter().any(|h| h.words == term.words))
        {
            "is also a section heading"
        } else {
            continue;
        };
        return Err(invalid(Detail::Other(format!(
            "neutral: \"{}\" {problem}",
            term.written
        ))));
    }
    Ok(())
}

fn duplicate(term: &str, first: &str, second: &str) -> Error {
    // Negators and neutral phrases imply no field: any repeat of them is a duplicate.
    let field = if [first, second]
        .iter()
        .any(|place| matches!(*place, "negators" | "neutral"))
    {
        ""
    } else {
        ", for the same field"
    };
    invalid(Detail::Other(format!(
        "duplicate term \"{term}\" (in {first} and {second}{field})"
    )))
}

/// The keys of an entry: its terms, its weight, and the fields it can imply.
fn entry_keys() -> Vec<&'static str> {
    let mut keys = vec!["terms", "weight"];
    keys.extend(Field::NAMES);
    keys
}

fn parse_entry(value: &Value) -> Result<Entry, Error> {
    let Value::Table(entries) = value else {
        return Err(wrong_type("entry", "a table", value));
    };
    let (mut terms, mut implies, mut weight) = (None, Vec::new(), 1.0);
    for (key, item) in entries {
        match key.as_str() {
            "terms" => terms = Some(parse_terms(item)?),
            "weight" => weight = document::read_weight(item, ErrorKind::Lexicon)?,
            _ => {
                let Some(field) = Field::from_name(key) else {
                    return Err(invalid(Detail::Unknown {
                        what: "key".into(),
                        found: key.clone(),
                        expected: entry_keys(),
                    }));
                };
                let Value::Str(text) = item else {
                    return Err(wrong_type(key, "a string", item));
                };
                let index = field
                    .values()
                    .iter()
                    .position(|v| v == text)
                    .ok_or_else(|| {
                        invalid(Detail::Unknown {
                            what: "value".into(),
                            found: text.clone(),
                            expected: field.values().to_vec(),
                        })
                        .context(field.name())
                    })?;
                implies.push((field, index));
            }
        }
    }
    let terms = terms.ok_or_else(|| invalid(Detail::Missing("terms".into())))?;
    if implies.is_empty() {
        return Err(invalid(Detail::Other(
            "implies nothing (add a field such as decision_basis = \"rules\")".into(),
        )));
    }
    Ok(Entry {
        terms,
        implies,
        weight,
    })
}

/// Word endings: each one word of two letters or more, normalised as texts are.
fn parse_endings(value: &Value) -> Result<Vec<String>, Error> {
    let Value::Array(items) = value else {
        return Err(wrong_type("endings", "an array of strings", value));
    };
    items
        .iter()
        .map(|item| {
            let Value::Str(text) = item else {
                return Err(wrong_type("ending", "a string", item));
            };
            let ending = normalize_words(text);
            if ending.chars().count() < 2 || !ending.chars().all(char::is_alphanumeric) {
                return Err(invalid(Detail::Other(format!(
                    "endings: \"{text}\" is not a word ending of two letters or more"
                ))));
            }
            Ok(ending)
        })
        .collect()
}

fn parse_section(value: &Value) -> Result<Section, Error> {
    let Value::Table(entries) = value else {
        return Err(wrong_type("section", "a table", value));
    };
    let (mut terms, mut weight) = (None, None);
    for (key, item) in entries {
        match key.as_str() {
            "terms" => terms = Some(parse_terms(item)?),
            "weight" => weight = Some(document::read_weight(item, ErrorKind::Lexicon)?),
            _ => {
                return Err(invalid(Detail::Unknown {
                    what: "key".into(),
                    found: key.clone(),
                    expected: vec!["terms", "weight"],
                }));
            }
        }
    }
    Ok(Section {
        terms: terms.ok_or_else(|| invalid(Detail::Missing("terms".into())))?,
        weight: weight.ok_or_else(|| invalid(Detail::Missing("weight".into())))?,
    })
}

fn parse_terms(value: &Value) -> Result<Vec<Term>, Error> {
    let Value::Array(items) = value else {
        return Err(wrong_type("terms", "an array of strings", value));
    };
    if items.is_empty() {
        return Err(invalid(Detail::Empty("terms".into())));
    }
    items
        .iter()
        .map(|item| match item {
            Value::Str(text) => parse_term(text),
            other => Err(wrong_type("term", "a string", other)),
        })
        .collect()
}

pub(crate) fn parse_term(written: &str) -> Result<Term, Error> {
    let mut words = Vec::new();
    for raw in written.split_whitespace() {
        let stem = raw.ends_with('*');
        let body = raw.trim_end_matches('*');
        if body.contains('*') {
            return Err(invalid(Detail::Other(format!(
                "term \"{written}\": '*' may only end a word"
            ))));
        }
        let normalized = normalize_words(body);
        if normalized.is_empty() || normalized == "|" {
            return Err(invalid(Detail::Other(format!(
                "term \"{written}\" has a word without letters or digits"
            ))));
        }
        let mut parts: Vec<(String, bool)> = normalized
            .split(' ')
            .filter(|p| !p.is_empty() && *p != "|")
            .map(|p| (p.to_owned(), false))
            .collect();
        if stem {
            let alone =
                words.is_empty() && written.split_whitespace().count() == 1 && parts.len() == 1;
            if let Some(last) = parts.last_mut() {
                let limit = if alone {
                    limits::STEM
                } else {
                    limits::PHRASE_STEM
                };
                if last.0.chars().count() < limit.value {
                    let stem = format!("the stem \"{}\"", last.0);
                    return Err(
                        Error::too_short(limit, stem).context(format!("term \"{written}\""))
                    );
                }
                last.1 = true;
            }
        }
        words.extend(parts);
    }
    if words.is_empty() {
        return Err(invalid(Detail::Empty("term".into())));
    }
    Ok(Term {
        written: written.trim().to_owned(),
        words,
    })
}
