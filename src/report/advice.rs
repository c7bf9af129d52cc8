//! Advice for one result: whether it is settled, what to ask next, and what would flip it.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::classify::{Change, Classifier, Flip, Verdict};
use crate::model::criteria::{Criterion, Position};
use crate::model::field::Field;
use crate::model::profile::TaskProfile;

/// Advice for one result: whether the verdict is settled, the next question, and the
/// fewest changes to each other verdict worth naming (the opposite class for `bpo`/`kpo`,
/// both classes otherwise).
///
/// ```
/// use outsourcing::{Advice, Classifier, Field, TaskProfile, Verdict};
///
/// let classifier = Classifier::default();
/// let task = TaskProfile::from_json(r#"{"name":"Vendor helpline","decision_basis":"guided"}"#)?;
/// let advice = Advice::of(&classifier, &task);
/// assert_eq!(advice.settled, Some(false));
/// assert!(advice.next_question.is_some());
/// assert_eq!(advice.flips.len(), 2);
/// assert!(!advice.cut_short);
/// println!("{advice}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Advice {
    /// Whether the verdict is settled ([`Classifier::is_settled`]): `None` when the search
    /// budget ran out before it could tell.
    pub settled: Option<bool>,
    /// The unknown field to ask about next; `None` exactly when the verdict is settled.
    pub next_question: Option<Field>,
    /// For each target verdict, the fewest changes that reach it.
    pub flips: Vec<(Verdict, Flip)>,
    /// Whether the search budget cut any search behind this advice short: then `settled`
    /// may be `None`, a flip [`Flip::CutShort`] and the next question the best found so far.
    pub cut_short: bool,
}

impl Advice {
    /// The advice for a profile under `classifier`: one ranking search (settledness and the
    /// next question) and one flip search per target, each within the search budget.
    #[must_use]
    pub fn of(classifier: &Classifier, profile: &TaskProfile) -> Advice {
        let targets: &[Verdict] = match classifier.verdict(profile) {
            Verdict::Bpo => &[Verdict::Kpo],
            Verdict::Kpo => &[Verdict::Bpo],
            Verdict::Hybrid | Verdict::Undetermined => &[Verdict::Bpo, Verdict::Kpo],
        };
        let ranking = classifier.ranking(profile);
        let flips: Vec<(Verdict, Flip)> = targets
            .iter()
            .map(|t| (*t, classifier.flip(profile, *t)))
            .collect();
        let cut_short = ranking.reach.is_settled().is_none()
            || ranking.questions.iter().any(|q| !q.complete)
            || flips.iter().any(|(_, f)| f.is_cut_short());
        Advice {
            settled: ranking.reach.is_settled(),
            next_question: ranking.next_question(),
            flips,
            cut_short,
        }
    }

    /// Advice with the given parts, as read back from a result line.
    pub(crate) fn from_parts(
        settled: Option<bool>,
        next_question: Option<Field>,
        flips: Vec<(Verdict, Flip)>,
        cut_short: bool,
    ) -> Advice {
        Advice {
            settled,
            next_question,
            flips,
            cut_short,
        }
    }
}

/// The question to ask about a field, as a person reads it.
pub(crate) fn question(field: Field) -> &'static str {
    field.question()
}

impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.settled {
            Some(true) => writeln!(f, "settled: no answer to the unknown fields can change it")?,
            Some(false) => writeln!(
                f,
                "not settled: answers to the unknown fields can change it"
            )?,
            None => writeln!(f, "settledness unknown: the search budget ran out")?,
        }
        match self.next_question {
            Some(field) => writeln!(f, "ask next: {} ({})", question(field), field.name())?,
            None => writeln!(f, "ask next: nothing")?,
        }
        for (target, flip) in &self.flips {
            match flip {
                Flip::Changes(changes) => {
                    let list: Vec<String> = changes.iter().map(ToString::to_string).collect();
                    writeln!(f, "to make it {target}: {}", list.join("; "))?;
                }
                Flip::CutShort => {
                    writeln!(f, "to make it {target}: unknown, the search budget ran out")?;
                }
                _ => writeln!(f, "to make it {target}: not reachable by changing criteria")?,
            }
        }
        Ok(())
    }
}

/// Writes the advice fields of a result line, after `missing`: `settled`, `next_question`,
/// `flip`, and `cut_short` only when true.
pub(crate) fn serialize_fields<M: SerializeMap>(
    map: &mut M,
    advice: &Advice,
) -> Result<(), M::Error> {
    map.serialize_entry("settled", &advice.settled)?;
    map.serialize_entry("next_question", &advice.next_question.map(Field::name))?;
    map.serialize_entry("flip", &Flips(&advice.flips))?;
    if advice.cut_short {
        map.serialize_entry("cut_short", &true)?;
    }
    Ok(())
}

/// The advice fields of a result line as JSON text, starting with a comma.
pub(crate) fn json_fields(advice: &Advice) -> String {
    let mut text = String::new();
    text.push_str(",\"settled\":");
    text.push_str(match advice.settled {
        Some(true) => "true",
        Some(false) => "false",
        None => "null",
    });
    text.push_str(",\"next_question\":");
    match advice.next_question {
        Some(field) => {
            text.push('"');
            text.push_str(field.name());
            text.push('"');
        }
        None => text.push_str("null"),
    }
    text.push_str(",\"flip\":");
    text.push_str(&serde_json::to_string(&Flips(&advice.flips)).expect("changes always serialise"));
    if advice.cut_short {
        text.push_str(",\"cut_short\":true");
    }
    text
}

/// The `flip` object of a result line: each target verdict and its changes, `null` when
/// unreachable, or `"cut_short"`.
pub(crate) struct Flips<'a>(pub(crate) &'a [(Verdict, Flip)]);

impl Serialize for Flips<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (target, flip) in self.0 {
            match flip {
                Flip::Changes(changes) => map.serialize_entry(target, changes)?,
                Flip::CutShort => map.serialize_entry(target, "cut_short")?,
                _ => map.serialize_entry(target, &None::<()>)?,
            }
        }
        map.end()
    }
}

/// A flip as written in a result line.
#[derive(Deserialize)]
#[serde(untagged)]
enum FlipForm {
    Changes(Option<Vec<Change>>),
    Word(String),
}

/// A flip value of a result line, read back.
pub(crate) struct FlipValue(pub(crate) Flip);

impl<'de> Deserialize<'de> for FlipValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_flip(deserializer).map(FlipValue)
    }
}

fn read_flip<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Flip, D::Error> {
    match FlipForm::deserialize(deserializer)? {
        FlipForm::Changes(Some(changes)) => Ok(Flip::Changes(changes)),
        FlipForm::Changes(None) => Ok(Flip::Unreachable),
        FlipForm::Word(word) if word == "cut_short" => Ok(Flip::CutShort),
        FlipForm::Word(word) => Err(de::Error::custom(format!(
            "unknown flip \"{word}\" (expected a list of changes, null or \"cut_short\")"
        ))),
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
