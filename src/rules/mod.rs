//! Rule sets: rules as data, loaded from TOML or JSON and validated.

pub(crate) mod condition;
mod emit;
pub(crate) mod load;
mod version;

use std::fmt;

use serde::{Serialize, Serializer};

pub use condition::Condition;
pub use version::RuleSetVersion;

use crate::error::Error;
use crate::model::criteria::Lean;

/// The built-in rule set, grounded row by row in the BPO/KPO comparison chart.
pub(crate) const DEFAULT_RULES: &str = include_str!("default.toml");

/// A named, versioned, validated list of weighted rules and the policy that turns their
/// weights into a verdict.
///
/// The built-in default ([`RuleSet::default`]) is a TOML file inside the crate; print it with
/// [`RuleSet::to_toml`]. A custom set loads from TOML (the authoring format) or JSON:
///
/// ```
/// use outsourcing::RuleSet;
///
/// let rules = RuleSet::from_toml(r#"
///     name = "tiny"
///     version = "0.1.0"
///
///     [[rule]]
///     id = "judgement-based"
///     lean = "kpo"
///     weight = 3.0
///     when = { decision_basis = "judgement" }
///     because = "the work rests on judgement"
/// "#)?;
/// assert_eq!(rules.label(), "tiny@0.1.0");
/// assert_eq!(rules.rules().len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Loading checks everything and rejects, with a message naming the rule and the problem,
/// unknown fields, values and keys, empty or duplicate ids, weights outside
/// [`MIN_WEIGHT`](crate::limits::MIN_WEIGHT)`..=`[`MAX_WEIGHT`](crate::limits::MAX_WEIGHT),
/// thresholds outside `0..=1` or with `bpo_at >= kpo_at`, empty `all`/`any`, conditions
/// nested deeper than [`MAX_CONDITION_DEPTH`](crate::limits::MAX_CONDITION_DEPTH), more than
/// [`MAX_RULES`](crate::limits::MAX_RULES) rules, and a rule set whose TOML or JSON form
/// ([`RuleSet::to_toml`], [`RuleSet::to_json`]) would be longer than
/// [`MAX_DOCUMENT_BYTES`](crate::limits::MAX_DOCUMENT_BYTES), so that it could not be read
/// back:
///
/// ```
/// use outsourcing::RuleSet;
///
/// let err = RuleSet::from_toml(r#"
///     name = "tiny"
///     version = "0.1.0"
///     [[rule]]
///     id = "x"
///     lean = "kpo"
///     when = { decision_basis = "wisdom" }
///     because = "…"
/// "#).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"rule "x": decision_basis: unknown value "wisdom" (expected one of: rules, guided, judgement)"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    name: String,
    version: RuleSetVersion,
    policy: Policy,
    rules: Vec<Rule>,
    label: String,
}

impl RuleSet {
    /// Loads and validates a rule set written in TOML.
    ///
    /// # Errors
    ///
    /// A [`Syntax`](crate::ErrorKind::Syntax) error with line and column for malformed
    /// TOML, a [`RuleSet`](crate::ErrorKind::RuleSet) error for invalid content, and a
    /// [`Limit`](crate::ErrorKind::Limit) error for a document over
    /// [`MAX_DOCUMENT_BYTES`](crate::limits::MAX_DOCUMENT_BYTES), too many rules, or a rule
    /// set whose written form would be over `MAX_DOCUMENT_BYTES`.
    pub fn from_toml(text: &str) -> Result<RuleSet, Error> {
        load::from_toml(text)
    }

    /// Loads and validates a rule set written in JSON (the same structure as TOML, with the
    /// rules under `rules` or `rule`).
    ///
    /// # Errors
    ///
    /// As for [`RuleSet::from_toml`].
    pub fn from_json(text: &str) -> Result<RuleSet, Error> {
        load::from_json(text)
    }

    /// The rule set as TOML, in the form [`RuleSet::from_toml`] reads back to an equal set.
    ///
    /// The text is never longer than
    /// [`MAX_DOCUMENT_BYTES`](crate::limits::MAX_DOCUMENT_BYTES): loading rejects a rule set
    /// whose written form would be.
    #[must_use]
    pub fn to_toml(&self) -> String {
        emit::to_toml(self)
    }

    /// The rule set as compact JSON (one line), in the form [`RuleSet::from_json`] reads back
    /// to an equal set.
    ///
    /// The text is never longer than
    /// [`MAX_DOCUMENT_BYTES`](crate::limits::MAX_DOCUMENT_BYTES): loading rejects a rule set
    /// whose written form would be.
    #[must_use]
    pub fn to_json(&self) -> String {
        emit::to_json(self)
    }

    /// The name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The version.
    #[must_use]
    pub fn version(&self) -> &RuleSetVersion {
        &self.version
    }

    /// `name@version`, as reported in every classification.
    #[must_use]
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The thresholds.
    #[must_use]
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The rules, in file order.
    #[must_use]
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with an id, if there is one.
    #[must_use]
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id.as_str() == id)
    }

    pub(crate) fn from_parts(
        name: String,
        version: RuleSetVersion,
        policy: Policy,
        rules: Vec<Rule>,
    ) -> RuleSet {
        let label = format!("{name}@{version}");
        RuleSet {
            name,
            version,
            policy,
            rules,
            label,
        }
    }
}

impl Default for RuleSet {
    /// The built-in rule set.
    fn default() -> RuleSet {
        // The built-in file is checked by the test suite; it cannot fail to load.
        load::from_toml(DEFAULT_RULES).expect("the built-in rule set is valid")
    }
}

/// The thresholds that turn a KPO share and a coverage into a verdict.
///
/// ```
/// use outsourcing::Policy;
///
/// let policy = Policy::new(0.7, 0.3, 0.25)?;
/// assert_eq!(policy.kpo_at(), 0.7);
/// assert_eq!(
///     Policy::new(0.4, 0.6, 0.25).unwrap_err().to_string(),
///     "policy: bpo_at (0.6) must be below kpo_at (0.4)"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    kpo_at: f64,
    bpo_at: f64,
    min_coverage: f64,
}

impl Policy {
    /// The default thresholds: `kpo_at = 0.65`, `bpo_at = 0.35`, `min_coverage = 0.2`.
    pub const DEFAULT: Policy = Policy {
        kpo_at: 0.65,
        bpo_at: 0.35,
        min_coverage: 0.2,
    };

    /// Checked thresholds.
    ///
    /// # Errors
    ///
    /// When a value is outside `0..=1` (or not a number), or `bpo_at >= kpo_at`.
    pub fn new(kpo_at: f64, bpo_at: f64, min_coverage: f64) -> Result<Policy, Error> {
        load::check_policy(kpo_at, bpo_at, min_coverage).map_err(|e| e.context("policy"))
    }

    /// A KPO share at or above this gives `kpo`.
    #[must_use]
    pub fn kpo_at(&self) -> f64 {
        self.kpo_at
    }

    /// A KPO share at or below this gives `bpo`; between the two, `hybrid`.
    #[must_use]
    pub fn bpo_at(&self) -> f64 {
        self.bpo_at
    }

    /// A coverage below this gives `undetermined`.
    #[must_use]
    pub fn min_coverage(&self) -> f64 {
        self.min_coverage
    }
}

impl Default for Policy {
    fn default() -> Policy {
        Policy::DEFAULT
    }
}

/// The id of a rule: 1 to [`MAX_ID_CHARS`](crate::limits::MAX_ID_CHARS) ASCII letters,
/// digits, `-`, `_` or `.`, unique within its rule set.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(String);

impl RuleId {
    /// Checks an id.
    ///
    /// # Errors
    ///
    /// When the id is empty, too long, or has other characters.
    pub fn new(id: &str) -> Result<RuleId, Error> {
        load::check_id(id).map(|()| RuleId(id.to_owned()))
    }

    /// The id as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl AsRef<str> for RuleId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// One weighted rule: when its condition holds, it pulls the verdict toward its lean.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    id: RuleId,
    lean: Lean,
    weight: f64,
    decisive: bool,
    condition: Condition,
    because: String,
}

impl Rule {
    /// The id.
    #[must_use]
    pub fn id(&self) -> &RuleId {
        &self.id
    }

    /// The side the rule pulls toward.
    #[must_use]
    pub fn lean(&self) -> Lean {
        self.lean
    }

    /// The weight, within [`MIN_WEIGHT`](crate::limits::MIN_WEIGHT)`..=`
    /// [`MAX_WEIGHT`](crate::limits::MAX_WEIGHT).
    #[must_use]
    pub fn weight(&self) -> f64 {
        self.weight
    }

    /// The weight in micro-units (millionths), rounded: from 1,000 to 10^12, so that the
    /// weights of up to [`MAX_RULES`](crate::limits::MAX_RULES) rules add up exactly.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "the weight is within MIN_WEIGHT..=MAX_WEIGHT, so its micro-units are a \
                  positive whole number below 2^40"
    )]
    pub(crate) fn micros(&self) -> u64 {
        (self.weight * 1e6).round() as u64
    }

    /// Whether the rule settles the verdict when it fires.
    #[must_use]
    pub fn is_decisive(&self) -> bool {
        self.decisive
    }

    /// When the rule fires.
    #[must_use]
    pub fn condition(&self) -> &Condition {
        &self.condition
    }

    /// Why the rule holds, in words a business user understands.
    #[must_use]
    pub fn because(&self) -> &str {
        &self.because
    }
}
