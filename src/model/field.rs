//! Every field a rule can test, with its values, and a profile's compact state.

use super::context::{Location, Office};
use super::criteria::Criterion;
use super::service::ServiceLine;
use super::vocab::named_traits;

/// A field of a profile that rules can test and text can imply: the eight criteria, the
/// service line, and the two context fields.
///
/// Its name is the field's key in profiles and rules, and it parses, prints and serializes
/// as that name. More fields may come in minor releases, so match it with a wildcard arm.
///
/// ```
/// use outsourcing::{Criterion, Field};
///
/// assert_eq!(Field::from_name("talent"), Some(Field::Criterion(Criterion::Talent)));
/// assert_eq!(Field::ServiceLine.name(), "service_line");
/// assert_eq!(Field::Office.values(), ["front", "back"]);
/// assert_eq!("location".parse::<Field>()?, Field::Location);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Field {
    /// One of the eight criteria.
    Criterion(Criterion),
    /// The service line.
    ServiceLine,
    /// Onshore, nearshore or offshore.
    Location,
    /// Front or back office.
    Office,
}

/// How many criteria there are: the fields before the others.
const CRITERIA: usize = Criterion::ALL.len();

/// How many fields there are.
pub(crate) const FIELD_COUNT: usize = CRITERIA + 3;

impl Field {
    /// The one-line question a questionnaire asks for this field.
    ///
    /// ```
    /// use outsourcing::{Criterion, Field};
    ///
    /// assert_eq!(Field::ServiceLine.question(), "Which service line is the task part of?");
    /// assert_eq!(
    ///     Field::Criterion(Criterion::Complexity).question(),
    ///     Criterion::Complexity.question()
    /// );
    /// ```
    #[must_use]
    pub fn question(self) -> &'static str {
        match self {
            Field::Criterion(c) => c.question(),
            Field::ServiceLine => "Which service line is the task part of?",
            Field::Location => "Where is the work done: onshore, nearshore or offshore?",
            Field::Office => "Is it front-office or back-office work?",
        }
    }

    /// All fields: the criteria in chart order, then service line, location, office.
    pub const ALL: [Field; FIELD_COUNT] = {
        let mut fields = [Field::ServiceLine; FIELD_COUNT];
        let mut i = 0;
        while i < CRITERIA {
            fields[i] = Field::Criterion(Criterion::ALL[i]);
            i += 1;
        }
        fields[CRITERIA + 1] = Field::Location;
        fields[CRITERIA + 2] = Field::Office;
        fields
    };

    /// The names of [`Field::ALL`], in the same order.
    pub const NAMES: [&'static str; FIELD_COUNT] = {
        let mut names = [""; FIELD_COUNT];
        let mut i = 0;
        while i < FIELD_COUNT {
            names[i] = Field::ALL[i].name();
            i += 1;
        }
        names
    };

    /// What the values are values of, in error messages.
    pub(crate) const KIND: &'static str = "field";

    pub(crate) const fn index(self) -> usize {
        match self {
            Field::Criterion(c) => c.index(),
            Field::ServiceLine => CRITERIA,
            Field::Location => CRITERIA + 1,
            Field::Office => CRITERIA + 2,
        }
    }

    /// The field with a name, as in profiles and rules.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Field> {
        Field::NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| Field::ALL[i])
    }

    /// The name, as in profiles and rules: `decision_basis`, …, `service_line`, `location`,
    /// `office`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Field::Criterion(c) => c.name(),
            Field::ServiceLine => ServiceLine::KIND,
            Field::Location => Location::KIND,
            Field::Office => Office::KIND,
        }
    }

    /// The accepted values, in order (for criteria: BPO pole, middle, KPO pole).
    #[must_use]
    pub fn values(self) -> &'static [&'static str] {
        match self {
            Field::Criterion(c) => c.values(),
            Field::ServiceLine => &ServiceLine::NAMES,
            Field::Location => &Location::NAMES,
            Field::Office => &Office::NAMES,
        }
    }

    /// The accepted value that `text` names, read leniently as people write values in
    /// spreadsheets: case-insensitively, ignoring surrounding blanks, with spaces and hyphens
    /// for underscores (`Low level` is `low_level`), by the value's label (`Payroll
    /// processing`, or a service line's label before its parenthesis: `Customer support`), and
    /// by a few common variants in English and Polish (`judgment`, `med`, `wysoka`,
    /// `obsługa klienta`, …). `None` when nothing matches, also for blank text.
    ///
    /// The strict parsers ([`TaskProfileBuilder::set`](crate::TaskProfileBuilder::set),
    /// `FromStr`, JSON) accept only the exact names; this is for reading tables people keep.
    ///
    /// ```
    /// use outsourcing::{Criterion, Field};
    ///
    /// assert_eq!(Field::Criterion(Criterion::Complexity).match_value(" High "), Some("high"));
    /// assert_eq!(Field::Criterion(Criterion::Focus).match_value("Low-level"), Some("low_level"));
    /// assert_eq!(Field::ServiceLine.match_value("Customer support"), Some("customer_support"));
    /// assert_eq!(Field::ServiceLine.match_value("PAYROLL PROCESSING"), Some("payroll"));
    /// assert_eq!(Field::Criterion(Criterion::Complexity).match_value("wysoka"), Some("high"));
    /// assert_eq!(Field::Office.match_value("genius"), None);
    /// ```
    #[must_use]
    pub fn match_value(self, text: &str) -> Option<&'static str> {
        let wanted = normalise(text);
        if wanted.is_empty() {
            return None;
        }
        let values = self.values();
        if let Some(value) = values.iter().find(|v| **v == wanted) {
            return Some(value);
        }
        let labels: &[&str] = match self {
            Field::Criterion(c) => &c.meta_labels()[..],
            Field::ServiceLine => &ServiceLine::LABELS,
            Field::Location | Field::Office => &[],
        };
        for (value, label) in values.iter().zip(labels) {
            let short = label.split(" (").next().unwrap_or(label);
            if normalise(label) == wanted || normalise(short) == wanted {
                return Some(value);
            }
        }
        VARIANTS
            .iter()
            .find(|(field, _)| *field == self.name())
            .and_then(|(_, variants)| variants.iter().find(|(variant, _)| *variant == wanted))
            .map(|(_, value)| *value)
    }

    /// Whether the values are ordered (`at_least` / `at_most` apply): true for criteria.
    #[must_use]
    pub fn is_ordered(self) -> bool {
        matches!(self, Field::Criterion(_))
    }

    /// The number of states: unknown plus one per value.
    pub(crate) fn states(self) -> usize {
        self.values().len() + 1
    }
}

named_traits!(Field);

/// Text as [`Field::match_value`] compares it: lowercase, trimmed, a trailing full stop
/// dropped, and runs of spaces, hyphens and slashes as one underscore.
fn normalise(text: &str) -> String {
    let text = text.trim().trim_end_matches('.').trim();
    snake_case(text, |c| matches!(c, ' ' | '-' | '/' | '_' | '\t'))
}

/// Lowercase, with each run of characters that `separates` as one `_`, none at either end.
/// How values ([`Field::match_value`]) and table headers are compared.
pub(crate) fn snake_case(text: &str, separates: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if separates(c) {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// Common variants of low, medium and high, normalised: (variant, value).
const LEVELS: &[(&str, &str)] = &[
    ("med", "medium"),
    ("mid", "medium"),
    ("moderate", "medium"),
    ("niska", "low"),
    ("niski", "low"),
    ("średnia", "medium"),
    ("średni", "medium"),
    ("wysoka", "high"),
    ("wysoki", "high"),
];

/// Common variants of values, normalised, per field: (field, [(variant, value)]).
const VARIANTS: &[(&str, &[(&str, &str)])] = &[
    (
        "decision_basis",
        &[
            ("rule", "rules"),
            ("rule_based", "rules"),
            ("rules_based", "rules"),
            ("judgment", "judgement"),
            ("reguły", "rules"),
            ("procedury", "rules"),
            ("wytyczne", "guided"),
            ("osąd", "judgement"),
        ],
    ),
    ("complexity", LEVELS),
    ("coordination", LEVELS),
    (
        "expertise",
        &[
            ("procesowa", "process"),
            ("mieszana", "mixed"),
            ("wiedza", "knowledge"),
            ("domain_knowledge", "knowledge"),
        ],
    ),
    (
        "arbitrage",
        &[
            ("koszt", "cost"),
            ("mieszany", "mixed"),
            ("wiedza", "knowledge"),
        ],
    ),
    (
        "driver",
        &[
            ("wolumen", "volume"),
            ("mieszany", "mixed"),
            ("wgląd", "insight"),
        ],
    ),
    (
        "talent",
        &[
            ("komunikacja", "communication"),
            ("wykwalifikowani", "skilled"),
            ("profesjonaliści", "professional"),
        ],
    ),
    (
        "focus",
        &[
            ("low", "low_level"),
            ("mid", "mid_level"),
            ("medium", "mid_level"),
            ("high", "high_level"),
            ("niski", "low_level"),
            ("średni", "mid_level"),
            ("wysoki", "high_level"),
        ],
    ),
    (
        "location",
        &[
            ("on_shore", "onshore"),
            ("near_shore", "nearshore"),
            ("off_shore", "offshore"),
            ("kraj", "onshore"),
        ],
    ),
    (
        "office",
        &[
            ("front_office", "front"),
            ("back_office", "back"),
            ("frontoffice", "front"),
            ("backoffice", "back"),
        ],
    ),
    (
        "service_line",
        &[
            ("call_centre", "customer_support"),
            ("call_center", "customer_support"),
            ("help_desk", "customer_support"),
            ("helpdesk", "technical_support"),
            ("it_support", "technical_support"),
            ("hr", "recruitment"),
            ("accounting", "finance_accounting"),
            ("finance", "finance_accounting"),
            ("hosting", "web_hosting"),
            ("legal", "legal_process"),
            ("r&d", "research_development"),
            ("obsługa_klienta", "customer_support"),
            ("wsparcie_techniczne", "technical_support"),
            ("rekrutacja", "recruitment"),
            ("szkolenia", "training"),
            ("płace", "payroll"),
            ("lista_płac", "payroll"),
            ("kadry_i_płace", "payroll"),
            ("księgowość", "finance_accounting"),
            ("finanse_i_księgowość", "finance_accounting"),
            ("transkrypcja", "transcription"),
            ("wprowadzanie_danych", "data_entry"),
            ("moderacja_treści", "content_moderation"),
            ("obsługa_szkód", "claims_processing"),
            ("badania_inwestycyjne", "investment_research"),
            ("badania_rynku", "market_research"),
            ("analityka_danych", "data_analytics"),
            ("badania_biznesowe", "business_research"),
            ("usługi_prawne", "legal_process"),
            ("analizy_finansowe", "financial_analysis"),
            ("treści_medialne", "media_content"),
            ("badania_i_rozwój", "research_development"),
            ("projektowanie_inżynierskie", "engineering_design"),
            ("badania_patentowe", "patent_research"),
        ],
    ),
];

/// A profile's fields as small integers: 0 is unknown, `i + 1` is the `i`-th value.
pub(crate) type States = [u8; FIELD_COUNT];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_tables_agree_with_the_model() {
        for (i, field) in Field::ALL.iter().enumerate() {
            assert_eq!(field.index(), i);
            assert_eq!(Field::from_name(field.name()), Some(*field));
            assert!(field.states() <= usize::from(u8::MAX));
        }
        for (i, (field, variants)) in VARIANTS.iter().enumerate() {
            assert!(VARIANTS[..i].iter().all(|(earlier, _)| earlier != field));
            let field = Field::from_name(field).expect("a field name");
            for (variant, value) in *variants {
                assert!(field.values().contains(value), "{value}");
                assert_eq!(normalise(variant), *variant);
                assert_eq!(field.match_value(variant), Some(*value));
            }
        }
        for field in Field::ALL {
            for value in field.values() {
                assert_eq!(field.match_value(&value.to_uppercase()), Some(*value));
            }
        }
        for line in ServiceLine::ALL {
            assert_eq!(
                Field::ServiceLine.match_value(line.label()),
                Some(line.name())
            );
        }
        for c in Criterion::ALL {
            assert_eq!(Field::Criterion(c).values(), c.options());
            assert_eq!(Field::Criterion(c).name(), c.name());
        }
    }
}
