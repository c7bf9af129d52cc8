//! The crate's one public error type.

use std::fmt;

use crate::limits::Limit;

/// The cause of an error, when it comes from another library; only its `Display` shows.
pub(crate) type Source = Box<dyn std::error::Error + Send + Sync>;

/// What kind of input an [`Error`] is about.
///
/// The list may grow in minor releases, so match it with a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not well-formed TOML or JSON (the error carries a line and column).
    Syntax,
    /// A rule set is well-formed but invalid: an unknown field or value, a bad weight, …
    RuleSet,
    /// A task profile is invalid: an empty name, an unknown criterion value, …
    Profile,
    /// An input exceeds one of the documented limits in [`crate::limits`].
    Limit,
    /// A text lexicon is well-formed but invalid.
    Lexicon,
    /// A table's header row is invalid: a duplicate column, no name column, or (read
    /// strictly) an unknown column.
    Table,
}

/// The error returned by every fallible function of this crate.
///
/// Its message is lowercase, has no trailing period, and names where the problem is (a rule
/// id, a field), the bad value and what was expected:
///
/// ```
/// use outsourcing::TaskProfile;
///
/// let err = TaskProfile::from_json(r#"{"name":"Payroll","complexity":"extreme"}"#).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "complexity: unknown value \"extreme\" (expected one of: low, medium, high)"
/// );
/// ```
pub struct Error {
    repr: Box<Repr>,
}

#[derive(Debug)]
pub(crate) struct Repr {
    kind: ErrorKind,
    context: Option<String>,
    detail: Detail,
    source: Option<Source>,
}

/// The private, structured description of what went wrong.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Detail {
    #[error("invalid {format} at {}: {message}", position(*line, *column))]
    Syntax {
        format: &'static str,
        /// `None` in a text of one line (a JSON Lines record), where only the column says
        /// where the problem is.
        line: Option<usize>,
        column: usize,
        message: String,
    },
    #[error("unknown {what} \"{found}\"{} (expected one of: {})", suggest(found, expected), expected.join(", "))]
    Unknown {
        what: String,
        found: String,
        expected: Vec<&'static str>,
    },
    #[error("{0} is empty")]
    Empty(String),
    #[error("{0} is missing")]
    Missing(String),
    #[error("duplicate {what} \"{found}\"")]
    Duplicate { what: &'static str, found: String },
    #[error("{what} must be {expected}, found {found}")]
    Invalid {
        what: String,
        expected: &'static str,
        found: String,
    },
    #[error(
        "{what} is {actual} {unit} long; the limit is {value} ({constant})",
        unit = .limit.unit, value = .limit.value, constant = .limit.constant
    )]
    TooLong {
        what: String,
        actual: usize,
        limit: Limit,
    },
    #[error(
        "{what} has {actual} {unit}; the limit is {value} ({constant})",
        unit = .limit.unit, value = .limit.value, constant = .limit.constant
    )]
    TooMany {
        what: String,
        actual: usize,
        limit: Limit,
    },
    #[error(
        "{what} is shorter than {value} {unit} ({constant})",
        unit = .limit.unit, value = .limit.value, constant = .limit.constant
    )]
    TooShort { what: String, limit: Limit },
    #[error("condition is nested deeper than {} {} ({})", .0.value, .0.unit, .0.constant)]
    TooDeep(Limit),
    #[error("{0}")]
    Other(String),
}

/// `line L, column C`, or `column C` in a text of one line.
fn position(line: Option<usize>, column: usize) -> String {
    match line {
        Some(line) => format!("line {line}, column {column}"),
        None => format!("column {column}"),
    }
}

/// ` (did you mean "x"?)` when one accepted value is close to what was found.
fn suggest(found: &str, expected: &[&'static str]) -> String {
    crate::suggest::closest(found, expected)
        .map(|s| format!(", did you mean \"{s}\"?"))
        .unwrap_or_default()
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, detail: Detail) -> Self {
        Error {
            repr: Box::new(Repr {
                kind,
                context: None,
                detail,
                source: None,
            }),
        }
    }

    /// Keeps the error that caused this one, for [`std::error::Error::source`]. The message
    /// stays as it is: it already says, in this crate's words, what the cause says.
    pub(crate) fn caused_by(mut self, source: impl Into<Source>) -> Self {
        self.repr.source = Some(source.into());
        self
    }

    /// `what` is `actual` units long, over `limit`.
    pub(crate) fn too_long(limit: Limit, what: impl Into<String>, actual: usize) -> Self {
        let what = what.into();
        Error::new(
            ErrorKind::Limit,
            Detail::TooLong {
                what,
                actual,
                limit,
            },
        )
    }

    /// `what` has `actual` items, over `limit`.
    pub(crate) fn too_many(limit: Limit, what: impl Into<String>, actual: usize) -> Self {
        let what = what.into();
        Error::new(
            ErrorKind::Limit,
            Detail::TooMany {
                what,
                actual,
                limit,
            },
        )
    }

    /// `what` is shorter than the least `limit` allows.
    pub(crate) fn too_short(limit: Limit, what: impl Into<String>) -> Self {
        let what = what.into();
        Error::new(ErrorKind::Limit, Detail::TooShort { what, limit })
    }

    /// A condition nested deeper than `limit`.
    pub(crate) fn too_deep(limit: Limit) -> Self {
        Error::new(ErrorKind::Limit, Detail::TooDeep(limit))
    }

    /// Prefixes the message with where the problem is (`rule "x"`, `policy`, …), keeping an
    /// existing, more specific context after it.
    pub(crate) fn context(mut self, context: impl Into<String>) -> Self {
        let context = context.into();
        self.repr.context = Some(match self.repr.context.take() {
            Some(inner) => format!("{context}: {inner}"),
            None => context,
        });
        self
    }

    pub(crate) fn syntax(
        format: &'static str,
        line: Option<usize>,
        column: usize,
        message: String,
    ) -> Self {
        Error::new(
            ErrorKind::Syntax,
            Detail::Syntax {
                format,
                line,
                column,
                message,
            },
        )
    }

    /// The kind of input this error is about.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.repr.kind
    }

    /// The 1-based line and column of a syntax error, if this is one.
    #[must_use]
    pub fn line_column(&self) -> Option<(usize, usize)> {
        match self.repr.detail {
            Detail::Syntax { line, column, .. } => Some((line.unwrap_or(1), column)),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(context) = &self.repr.context {
            write!(f, "{context}: ")?;
        }
        fmt::Display::fmt(&self.repr.detail, f)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.repr.kind)
            .field("message", &self.to_string())
            .finish()
    }
}

impl std::error::Error for Error {
    /// The error of the TOML or JSON reader (or of the version parser) behind this one, if
    /// there is one.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.repr
            .source
            .as_deref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Converts a `serde_json` error into a syntax error; a data error (wrong shape of document)
/// becomes an error of `kind` with the position appended. The `serde_json` error is kept as
/// the source.
pub(crate) fn from_json(err: serde_json::Error, kind: ErrorKind) -> Error {
    json_error(err, kind, false)
}

/// [`from_json`] for a text of one line (a JSON Lines record): the position is the column
/// only, as the line within the text is always 1.
pub(crate) fn from_json_line(err: serde_json::Error, kind: ErrorKind) -> Error {
    json_error(err, kind, true)
}

fn json_error(err: serde_json::Error, kind: ErrorKind, one_line: bool) -> Error {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
    let line = (!one_line).then(|| err.line());
    let column = err.column().max(1);
    let error = if err.is_data() && kind != ErrorKind::Syntax {
        Error::new(
            kind,
            Detail::Other(format!("{message} (at {})", position(line, column))),
        )
    } else {
        Error::syntax("JSON", line, column, message)
    };
    error.caused_by(err)
}

/// Converts a `toml` error into a syntax error with the position of its span, keeping the
/// `toml` error as the source.
pub(crate) fn from_toml(err: toml::de::Error, text: &str) -> Error {
    let (line, column) = err
        .span()
        .map_or((1, 1), |span| line_column(text, span.start));
    let message = err.message().trim_end_matches('\n').replace('\n', "; ");
    Error::syntax("TOML", Some(line), column, message).caused_by(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\ncd", 0), (1, 1));
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
        assert_eq!(line_column("żó\nx", 4), (1, 3));
        assert_eq!(line_column("ż", 1), (1, 1));
    }
}
