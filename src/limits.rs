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
/// stems stay specific. Stems ending a phrase may be shorter.
pub const MIN_STEM_CHARS: usize = 3;

/// The longest text [`TextProfiler::scan`](crate::TextProfiler::scan) reads, in bytes.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// How many hybrid and undetermined records a [`Portfolio`](crate::Portfolio) lists by name;
/// the rest are counted only, so its memory stays bounded.
pub const MAX_LISTED: usize = 50;
