//! One record's outcome as every output format shows it: what a worker made of it, and the
//! cells derived from it (the reason, the flips, the fields shown).

use outsourcing::{
    Advice, Classification, Classifier, Criterion, Field, Flip, ServiceLine, TaskProfile, Verdict,
};

use crate::input::Carried;

/// One record's result, made by a worker and written in input order (for the outputs other
/// than JSON Lines, whose lines are rendered where the record is classified).
pub(crate) struct Outcome {
    pub(crate) line: u64,
    pub(crate) id: Option<String>,
    /// The cells of the columns carried through.
    pub(crate) columns: Carried,
    pub(crate) result: Result<Classified, Failed>,
}

/// A classified record.
pub(crate) struct Classified {
    pub(crate) profile: TaskProfile,
    pub(crate) classification: Classification,
    pub(crate) inferred: Vec<Field>,
    pub(crate) advice: Option<Advice>,
}

/// A record that could not be read.
pub(crate) struct Failed {
    pub(crate) name: Option<String>,
    pub(crate) message: String,
}

/// The reason a table shows for a classification.
pub(crate) fn reason<'a>(classifier: &'a Classifier, c: &Classification) -> &'a str {
    c.top_reason(classifier).map_or(
        if c.verdict() == Verdict::Undetermined {
            "too little known: answer the missing criteria"
        } else {
            "the known criteria sit between the poles"
        },
        |r| r.because(),
    )
}

/// What a flip to `target` takes, as one line: the changes, "not reachable", or empty when
/// the advice has no flip to `target`.
pub(crate) fn flip_text(advice: &Advice, target: Verdict) -> String {
    advice
        .flips
        .iter()
        .find(|(t, _)| *t == target)
        .map_or_else(String::new, |(_, flip)| match flip {
            Flip::Changes(changes) => changes
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
            Flip::CutShort => "unknown: the search budget ran out".to_owned(),
            _ => "not reachable by changing criteria".to_owned(),
        })
}

/// The value of a field in a profile, by name; empty when unknown.
pub(crate) fn field_value(profile: &TaskProfile, field: Field) -> &'static str {
    match field {
        Field::Criterion(c) => profile.get(c).map_or("", |p| c.value_name(p)),
        Field::ServiceLine => profile.service_line().map_or("", ServiceLine::name),
        Field::Location => profile.location().map_or("", |l| l.name()),
        Field::Office => profile.office().map_or("", |o| o.name()),
        _ => "",
    }
}

/// The fields shown after the scores: the service line and the eight criteria.
pub(crate) const SHOWN_FIELDS: [Field; 9] = {
    let mut fields = [Field::ServiceLine; 9];
    let mut i = 0;
    while i < 8 {
        fields[i + 1] = Field::Criterion(Criterion::ALL[i]);
        i += 1;
    }
    fields
};
