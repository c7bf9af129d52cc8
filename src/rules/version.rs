//! The version of a rule set.

use std::fmt;
use std::str::FromStr;

use crate::error::{Detail, Error, ErrorKind};

/// The version of a rule set: a semantic version such as `1.0.0`, `2.1.0-beta.1` or
/// `1.0.0+build.5`, ordered by semantic-version precedence (a pre-release comes before its
/// release).
///
/// ```
/// use outsourcing::RuleSetVersion;
///
/// let version: RuleSetVersion = "2.1.0-beta.1".parse()?;
/// assert_eq!((version.major(), version.minor(), version.patch()), (2, 1, 0));
/// assert_eq!(version.pre(), "beta.1");
/// assert_eq!(version.to_string(), "2.1.0-beta.1");
/// assert!(version < "2.1.0".parse()?);
/// assert_eq!(
///     "1.0".parse::<RuleSetVersion>().unwrap_err().to_string(),
///     "version must be a semantic version like 1.0.0, found \"1.0\" (unexpected end of \
///      input while parsing minor version number)"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleSetVersion(semver::Version);

impl RuleSetVersion {
    /// The major version.
    #[must_use]
    pub fn major(&self) -> u64 {
        self.0.major
    }

    /// The minor version.
    #[must_use]
    pub fn minor(&self) -> u64 {
        self.0.minor
    }

    /// The patch version.
    #[must_use]
    pub fn patch(&self) -> u64 {
        self.0.patch
    }

    /// The pre-release part after `-` (`beta.1`), or `""`.
    #[must_use]
    pub fn pre(&self) -> &str {
        self.0.pre.as_str()
    }

    /// The build metadata after `+`, or `""`.
    #[must_use]
    pub fn build(&self) -> &str {
        self.0.build.as_str()
    }
}

impl FromStr for RuleSetVersion {
    type Err = Error;

    /// Reads a semantic version.
    ///
    /// # Errors
    ///
    /// A [`RuleSet`](crate::ErrorKind::RuleSet) error when the text is not a semantic
    /// version; its source is the parser's own error.
    fn from_str(text: &str) -> Result<RuleSetVersion, Error> {
        semver::Version::parse(text)
            .map(RuleSetVersion)
            .map_err(|e| {
                let detail = Detail::Invalid {
                    what: "version".into(),
                    expected: "a semantic version like 1.0.0",
                    found: format!("\"{text}\" ({e})"),
                };
                Error::new(ErrorKind::RuleSet, detail).caused_by(e)
            })
    }
}

impl fmt::Display for RuleSetVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for RuleSetVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RuleSetVersion(\"{}\")", self.0)
    }
}
