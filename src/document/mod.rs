//! Reading TOML and JSON documents (rule sets and lexicons) into a [`Value`] tree: the size
//! limit, the syntax errors with their positions, and the values every document shares.

mod value;

pub(crate) use value::Value;

use crate::error::{self, Detail, Error, ErrorKind};
use crate::limits::{self, MAX_WEIGHT, MIN_WEIGHT};

/// Checks that a document of `len` bytes is within
/// [`MAX_DOCUMENT_BYTES`](crate::limits::MAX_DOCUMENT_BYTES); `what` names it in the error.
pub(crate) fn check_size(len: usize, what: &str) -> Result<(), Error> {
    if len > limits::DOCUMENT.value {
        return Err(Error::too_long(limits::DOCUMENT, what, len));
    }
    Ok(())
}

/// Reads a TOML document of at most `MAX_DOCUMENT_BYTES`.
pub(crate) fn read_toml(text: &str, what: &str) -> Result<Value, Error> {
    check_size(text.len(), what)?;
    toml::from_str::<Value>(text).map_err(|e| error::from_toml(e, text))
}

/// Reads a JSON document of at most `MAX_DOCUMENT_BYTES`.
pub(crate) fn read_json(text: &str, what: &str) -> Result<Value, Error> {
    check_size(text.len(), what)?;
    serde_json::from_str::<Value>(text).map_err(|e| error::from_json(e, ErrorKind::Syntax))
}

/// Reads a weight: a number within [`MIN_WEIGHT`]`..=`[`MAX_WEIGHT`]. Every bad weight (not
/// a number, NaN, infinite, or out of range) gets the same message, as an error of `kind`.
pub(crate) fn read_weight(value: &Value, kind: ErrorKind) -> Result<f64, Error> {
    let weight = value.as_f64();
    match weight {
        Some(weight) if (MIN_WEIGHT..=MAX_WEIGHT).contains(&weight) => Ok(weight),
        _ => Err(Error::new(
            kind,
            Detail::Other(format!(
                "weight must be a number from {MIN_WEIGHT} to {MAX_WEIGHT}, found {}",
                weight.map_or_else(|| value.describe(), number)
            )),
        )),
    }
}

/// A number as an error message shows it: in plain decimals, or in exponent form when that
/// would take more than 16 digits (`1e308`, `5e-324`).
pub(crate) fn number(x: f64) -> String {
    let magnitude = x.abs();
    if x.is_finite() && magnitude != 0.0 && !(1e-5..1e16).contains(&magnitude) {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_written() {
        let cases = [
            (1e308, "1e308"),
            (5e-324, "5e-324"),
            (-1e20, "-1e20"),
            (0.0, "0"),
            (-1.0, "-1"),
            (0.001, "0.001"),
            (1_000_000.0, "1000000"),
            (2.5, "2.5"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
        ];
        for (x, text) in cases {
            assert_eq!(number(x), text);
        }
    }

    #[test]
    fn many_distinct_keys_read_and_a_late_duplicate_is_found() {
        let keys: String = (0..1000).map(|i| format!(",\"k{i}\":{i}")).collect();
        let text = format!("{{\"a\":0{keys}}}");
        let Value::Table(entries) = read_json(&text, "document").unwrap() else {
            panic!("a table");
        };
        assert_eq!(entries.len(), 1001);
        assert_eq!(entries[500].0, "k499");
        let err = read_json(&format!("{{\"a\":0{keys},\"k999\":1}}"), "document").unwrap_err();
        assert!(err.to_string().ends_with("duplicate key \"k999\""), "{err}");
    }
}
