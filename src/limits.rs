//! The documented limits on every input.
//!
//! Each limit is checked where the input enters the crate, and exceeding it gives an error
//! of kind [`ErrorKind::Limit`](crate::ErrorKind::Limit) that names the constant.

/// The longest task name, in characters, after trimming.
pub const MAX_NAME_CHARS: usize = 200;

/// The longest task description, in bytes of UTF-8.
pub const MAX_DESCRIPTION_BYTES: usize = 64 * 1024;

/// The most custom attributes one profile may carry.
pub const MAX_ATTRIBUTES: usize = 32;

/// The longest attribute name or value, in characters.
pub const MAX_ATTRIBUTE_CHARS: usize = 100;

/// The most rules one rule set may have (a classification keeps its fired rules in a 128-bit
/// set).
pub const MAX_RULES: usize = 128;

/// The deepest nesting of `all` / `any` / `not` in one rule's condition, counting the
/// condition itself as level 1.
pub const MAX_CONDITION_DEPTH: usize = 8;

/// The largest rule set or lexicon document, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

/// The longest rule id or rule set name, in characters.
pub const MAX_ID_CHARS: usize = 64;

/// The longest `because` text of a rule, in characters.
pub const MAX_BECAUSE_CHARS: usize = 300;

/// The most terms (including negators) one lexicon may have.
pub const MAX_LEXICON_TERMS: usize = 5000;

/// The shortest stem that is a whole term (a single word ending in `*`), in characters, so
/// stems stay specific. Stems in a phrase may be shorter, down to
/// [`MIN_PHRASE_STEM_CHARS`].
pub const MIN_STEM_CHARS: usize = 3;

/// The shortest stem in a phrase of several words (`check in*`, `job ad*`), in characters:
/// a stem of one letter (`to d*`) would match almost any word.
pub const MIN_PHRASE_STEM_CHARS: usize = 2;

/// The most lexicon terms (negators included, over all the lexicons of a profiler) that can
/// begin at one word of a text: the terms whose first word is that word, or a stem of it.
/// Every word of a text then starts at most this many matches, so reading a text takes time
/// and memory in proportion to its length whatever the lexicons (`a`, `a a`, `a a a`, …
/// would otherwise match at every word once per term). The built-in lexicons have at most 11.
pub const MAX_TERMS_PER_WORD: usize = 16;

/// The longest text [`TextProfiler::scan`](crate::TextProfiler::scan) reads, in bytes.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// How many hybrid and undetermined records a [`Portfolio`](crate::Portfolio) lists by name;
/// the rest are counted only, so its memory stays bounded.
pub const MAX_LISTED: usize = 50;

/// The smallest rule or lexicon weight.
///
/// Weights are read to six decimal places (micro-units): the smallest weight is a thousand
/// micro-units, so rounding moves no weight by more than a thousandth of itself.
pub const MIN_WEIGHT: f64 = 0.001;

/// The largest rule or lexicon weight.
///
/// Within [`MIN_WEIGHT`]`..=MAX_WEIGHT`, a sum of [`MAX_RULES`] weights in micro-units stays
/// below 2^53, so sums of weights are exact in micro-units (and in an `f64`).
pub const MAX_WEIGHT: f64 = 1_000_000.0;

/// The longest record the command-line tool reads, in bytes: a JSON Lines line, or a CSV
/// record with all its lines (checked while reading, so a runaway cell takes no more memory
/// than this); a longer record is reported as an error and skipped, and reading goes on.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// The work one decision-support search may do before it stops and says it was cut short:
/// settledness ([`Classifier::is_settled`](crate::Classifier::is_settled),
/// [`Classifier::reachable`](crate::Classifier::reachable)), the ranking of questions
/// ([`Classifier::questions`](crate::Classifier::questions)) and each flip
/// ([`Classifier::flip`](crate::Classifier::flip)) each get this budget.
///
/// A unit is one table entry read or one condition node evaluated while bounding a set of
/// fillings; evaluating the rule set at a single filling costs one unit per table and per
/// condition node. A unit takes about 10–15 ns, so the budget caps a search at roughly
/// 10–15 ms on any rule set within the other limits, while the built-in rules need at most
/// about 10,000 units (a profile with nothing known). Change it per classifier with
/// [`Classifier::set_search_budget`](crate::Classifier::set_search_budget).
pub const SEARCH_BUDGET: u64 = 1_000_000;

/// The longest record id the command-line tool reads (the `id` of a JSON Lines record or the
/// `id` cell of a table row), in characters; a record with a longer id is reported as an
/// error and skipped.
pub const MAX_RECORD_ID_CHARS: usize = 200;

/// A limit as an error message names it: its constant, its value and the unit it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limit {
    pub(crate) constant: &'static str,
    pub(crate) value: usize,
    pub(crate) unit: &'static str,
}

/// The descriptor of a `usize` limit constant, named by the constant itself.
macro_rules! limit {
    ($constant:ident, $unit:literal) => {
        Limit {
            constant: stringify!($constant),
            value: $constant,
            unit: $unit,
        }
    };
}

pub(crate) const NAME: Limit = limit!(MAX_NAME_CHARS, "characters");
pub(crate) const DESCRIPTION: Limit = limit!(MAX_DESCRIPTION_BYTES, "bytes");
pub(crate) const ATTRIBUTES: Limit = limit!(MAX_ATTRIBUTES, "attributes");
pub(crate) const ATTRIBUTE_CHARS: Limit = limit!(MAX_ATTRIBUTE_CHARS, "characters");
pub(crate) const RULES: Limit = limit!(MAX_RULES, "rules");
pub(crate) const CONDITION_DEPTH: Limit = limit!(MAX_CONDITION_DEPTH, "levels");
pub(crate) const DOCUMENT: Limit = limit!(MAX_DOCUMENT_BYTES, "bytes");
pub(crate) const ID: Limit = limit!(MAX_ID_CHARS, "characters");
pub(crate) const BECAUSE: Limit = limit!(MAX_BECAUSE_CHARS, "characters");
pub(crate) const LEXICON_TERMS: Limit = limit!(MAX_LEXICON_TERMS, "terms");
pub(crate) const STEM: Limit = limit!(MIN_STEM_CHARS, "characters");
pub(crate) const PHRASE_STEM: Limit = limit!(MIN_PHRASE_STEM_CHARS, "characters");
pub(crate) const TEXT: Limit = limit!(MAX_TEXT_BYTES, "bytes");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::cast_precision_loss, clippy::float_cmp)]
    fn sums_of_weights_are_exact_in_micro_units() {
        let most = MAX_WEIGHT * 1e6 * MAX_RULES as f64;
        assert!(most < 2f64.powi(53));
        assert_eq!((MIN_WEIGHT * 1e6).round(), 1000.0);
    }
}
