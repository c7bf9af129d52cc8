//! Advice for one result: what to ask next, and what would flip the verdict.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::classify::{Change, Classifier, Verdict};
use crate::model::criteria::{Criterion, Position};
use crate::model::profile::TaskProfile;

/// Advice for one result: the next question and the fewest changes to each other verdict
/// worth naming (the opposite class for `bpo`/`kpo`, both classes otherwise).
///
/// ```
/// use outsourcing::{Advice, Classifier, Criterion, TaskProfile, Verdict};
///
/// let classifier = Classifier::default();
/// let task = TaskProfile::from_json(r#"{"name":"Vendor helpline","decision_basis":"guided"}"#)?;
/// let advice = Advice::of(&classifier, &task);
/// assert_eq!(advice.next_question, Some(Criterion::Complexity));
/// assert_eq!(advice.flips.len(), 2);
/// println!("{advice}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Advice {
    /// The unknown criterion to ask about next, if an answer can change the verdict.
    pub next_question: Option<Criterion>,
    /// For each target verdict, the fewest changes that reach it (`None`: unreachable).
    pub flips: Vec<(Verdict, Option<Vec<Change>>)>,
}

impl Advice {
    /// The advice for a profile under `classifier`.
    #[must_use]
    pub fn of(classifier: &Classifier, profile: &TaskProfile) -> Advice {
        let targets: &[Verdict] = match classifier.verdict(profile) {
            Verdict::Bpo => &[Verdict::Kpo],
            Verdict::Kpo => &[Verdict::Bpo],
            Verdict::Hybrid | Verdict::Undetermined => &[Verdict::Bpo, Verdict::Kpo],
        };
        Advice {
            next_question: classifier.next_question(profile),
            flips: targets
                .iter()
                .map(|t| (*t, classifier.flip(profile, *t)))
                .collect(),
        }
    }

    /// Advice with the given parts, as read back from a result line.
    pub(crate) fn from_parts(
        next_question: Option<Criterion>,
        flips: Vec<(Verdict, Option<Vec<Change>>)>,
    ) -> Advice {
        Advice {
            next_question,
            flips,
        }
    }
}

impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.next_question {
            Some(c) => writeln!(f, "ask next: {} ({})", c.question(), c.name())?,
            None => writeln!(f, "ask next: nothing; no answer would change the verdict")?,
        }
        for (target, changes) in &self.flips {
            match changes {
                Some(changes) => {
                    let list: Vec<String> = changes.iter().map(ToString::to_string).collect();
                    writeln!(f, "to make it {target}: {}", list.join("; "))?;
                }
                None => writeln!(f, "to make it {target}: not reachable by changing criteria")?,
            }
        }
        Ok(())
    }
}

/// The `flip` object of a result line: each target verdict and its changes (or `null`).
pub(crate) struct Flips<'a>(pub(crate) &'a [(Verdict, Option<Vec<Change>>)]);

impl Serialize for Flips<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (target, changes) in self.0 {
            map.serialize_entry(target, changes)?;
        }
        map.end()
    }
}

/// A change as written in a result line: `{"field":…,"from":…,"to":…}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeForm {
    field: String,
    from: Option<String>,
    to: String,
}

impl<'de> Deserialize<'de> for Change {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let form = ChangeForm::deserialize(deserializer)?;
        let criterion = Criterion::ALL
            .into_iter()
            .find(|c| c.name() == form.field)
            .ok_or_else(|| {
                de::Error::custom(format!("unknown criterion \"{}\" in a change", form.field))
            })?;
        let position = |value: &str| -> Result<Position, D::Error> {
            criterion.parse_value(value).map_err(de::Error::custom)
        };
        Ok(Change {
            criterion,
            from: form.from.as_deref().map(position).transpose()?,
            to: position(&form.to)?,
        })
    }
}
