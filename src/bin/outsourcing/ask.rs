//! `outsourcing ask`: an interactive questionnaire on a terminal.

use std::collections::BTreeSet;
use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use outsourcing::{
    Advice, Classifier, Field, Location, Office, Position, ServiceLine, TaskProfile, TextProfiler,
};

use crate::Fatal;

/// How a session ended.
enum End {
    /// No answer to the fields left can change the verdict.
    Settled,
    /// Every question was answered or skipped, and the verdict is still open.
    NothingLeft,
    /// Every question was answered or skipped, and the search budget ran out before it could
    /// tell whether the verdict is settled.
    Unknown,
    /// The input ended (Ctrl-D).
    InputEnded,
}

/// The terminal: input lines and the screen.
struct Terminal<R, W> {
    input: R,
    out: W,
}

impl<R: BufRead, W: Write> Terminal<R, W> {
    /// Prints a prompt and reads one line; `None` at the end of input.
    fn prompt(&mut self, text: &str) -> io::Result<Option<String>> {
        write!(self.out, "{text}")?;
        self.out.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            writeln!(self.out)?;
            return Ok(None);
        }
        Ok(Some(line.trim_end_matches(['\n', '\r']).to_owned()))
    }
}

/// Asks for a task name and, unless given, a description (what the text profiler reads in
/// it is shown to confirm or change), then the fields in the order of
/// [`Classifier::questions`] until the verdict is settled or nothing is left to ask; then
/// prints the classification and how the session ended. Ctrl-D stops early and still
/// prints the classification so far.
pub(crate) fn ask(
    classifier: &Classifier,
    profiler: &TextProfiler,
    describe: Option<&str>,
) -> Result<ExitCode, Fatal> {
    if !io::stdin().is_terminal() {
        return Err(Fatal(
            "`outsourcing ask` is interactive and needs a terminal; to classify profiles from a \
             file or a pipe, use `outsourcing classify`"
                .into(),
        ));
    }
    let mut term = Terminal {
        input: io::stdin().lock(),
        out: io::stdout().lock(),
    };
    session(classifier, profiler, describe, &mut term).map_err(|e| {
        Fatal(format!(
            "cannot use the terminal: {}",
            crate::io_message(&e)
        ))
    })
}

fn session<R: BufRead, W: Write>(
    classifier: &Classifier,
    profiler: &TextProfiler,
    describe: Option<&str>,
    term: &mut Terminal<R, W>,
) -> io::Result<ExitCode> {
    writeln!(
        term.out,
        "Classify a task as BPO or KPO. Press Enter to skip a question; Ctrl-D stops and shows \
         the result so far.\n"
    )?;
    let mut profile = loop {
        let Some(name) = term.prompt("Task name: ")? else {
            writeln!(term.out, "No task to classify.")?;
            return Ok(ExitCode::SUCCESS);
        };
        match TaskProfile::new(name) {
            Ok(profile) => break profile,
            Err(e) => writeln!(term.out, "  {e}; please type the task's name")?,
        }
    };
    let end = match describe_task(&mut profile, profiler, describe, term)? {
        Some(()) => questionnaire(classifier, &mut profile, term)?,
        None => End::InputEnded,
    };
    let ending = match end {
        End::Settled => "The verdict is settled: no answer to the questions left can change it.",
        End::NothingLeft => {
            "Nothing left to ask, and the verdict is not settled: the skipped questions could \
             still change it."
        }
        End::Unknown => {
            "Nothing left to ask; whether the verdict is settled is unknown (the search budget \
             ran out)."
        }
        End::InputEnded => "Input ended; the classification so far:",
    };
    let result = classifier.classify(&profile);
    writeln!(
        term.out,
        "\n{ending}\n\n{}\n",
        result.explain(classifier).for_task(profile.name())
    )?;
    write!(term.out, "{}", Advice::of(classifier, &profile))?;
    writeln!(term.out, "\nprofile: {}", profile.to_json())?;
    Ok(ExitCode::SUCCESS)
}

/// Reads a description (given, or asked for) and lets the user confirm or change what the
/// text profiler reads in it. `None` when the input ended.
fn describe_task<R: BufRead, W: Write>(
    profile: &mut TaskProfile,
    profiler: &TextProfiler,
    describe: Option<&str>,
    term: &mut Terminal<R, W>,
) -> io::Result<Option<()>> {
    let text = match describe {
        Some(text) => text.to_owned(),
        None => loop {
            let Some(text) = term.prompt("Description (Enter to skip): ")? else {
                return Ok(None);
            };
            match profile.set_description(Some(text.clone()).filter(|t| !t.trim().is_empty())) {
                Ok(()) => break text,
                Err(e) => writeln!(term.out, "  {e}")?,
            }
        },
    };
    if text.trim().is_empty() {
        return Ok(Some(()));
    }
    if let Err(e) = profile.set_description(Some(text)) {
        writeln!(term.out, "  {e}; going on without it")?;
        return Ok(Some(()));
    }
    let mut read: Vec<Field> = profiler.fill(profile).inferred().to_vec();
    if read.is_empty() {
        writeln!(term.out, "Nothing read from the description.")?;
        return Ok(Some(()));
    }
    loop {
        writeln!(term.out, "Read from the description:")?;
        for (i, field) in read.iter().enumerate() {
            let value = value_of(profile, *field).map_or("unknown", |v| field.values()[v]);
            writeln!(term.out, "  {}) {}: {value}", i + 1, field.name())?;
        }
        let Some(answer) = term.prompt(
            "Enter keeps these; type a number to change one, or \"none\" to drop them all: ",
        )?
        else {
            return Ok(None);
        };
        let answer = answer.trim().to_lowercase();
        if answer.is_empty() {
            return Ok(Some(()));
        }
        if answer == "none" {
            for field in read.drain(..) {
                set_value(profile, field, None);
            }
            writeln!(term.out, "  dropped")?;
            return Ok(Some(()));
        }
        let Some(field) = answer
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| read.get(i).copied())
        else {
            writeln!(
                term.out,
                "  please press Enter, type a number from 1 to {}, or \"none\"",
                read.len()
            )?;
            continue;
        };
        match ask_field(field, term)? {
            Answer::Value(value) => set_value(profile, field, Some(value)),
            Answer::Skip => set_value(profile, field, None),
            Answer::Ended => return Ok(None),
        }
    }
}

/// Asks the fields most telling first until the verdict is settled or nothing is left.
fn questionnaire<R: BufRead, W: Write>(
    classifier: &Classifier,
    profile: &mut TaskProfile,
    term: &mut Terminal<R, W>,
) -> io::Result<End> {
    let mut skipped: BTreeSet<Field> = BTreeSet::new();
    loop {
        let settled = classifier.is_settled(profile);
        if settled == Some(true) {
            return Ok(End::Settled);
        }
        let next = classifier
            .questions(profile)
            .into_iter()
            .map(|q| q.field)
            .find(|f| !skipped.contains(f));
        let Some(field) = next else {
            return Ok(if settled.is_none() {
                End::Unknown
            } else {
                End::NothingLeft
            });
        };
        match ask_field(field, term)? {
            Answer::Value(value) => {
                set_value(profile, field, Some(value));
                let result = classifier.classify(profile);
                writeln!(
                    term.out,
                    "  so far: {} (KPO share {:.0}%, coverage {:.0}%)",
                    result.verdict(),
                    100.0 * result.kpo_share(),
                    100.0 * result.coverage()
                )?;
            }
            Answer::Skip => {
                skipped.insert(field);
            }
            Answer::Ended => return Ok(End::InputEnded),
        }
    }
}

enum Answer {
    Value(usize),
    Skip,
    Ended,
}

/// The question of a field, as a person reads it.
fn question(field: Field) -> &'static str {
    match field {
        Field::Criterion(c) => c.question(),
        Field::ServiceLine => "Which service line is the task part of?",
        Field::Location => "Where is the work done?",
        _ => "Is it front-office or back-office work?",
    }
}

fn title(field: Field) -> &'static str {
    match field {
        Field::Criterion(c) => c.label(),
        Field::ServiceLine => "Service line",
        Field::Location => "Location",
        _ => "Office",
    }
}

/// The readable meaning of each value of a field, where it has one.
fn meanings(field: Field) -> Vec<&'static str> {
    match field {
        Field::Criterion(c) => c.option_labels().to_vec(),
        Field::ServiceLine => ServiceLine::ALL.iter().map(|l| l.label()).collect(),
        _ => Vec::new(),
    }
}

/// Asks one field: its question, its numbered values, until an answer is understood.
fn ask_field<R: BufRead, W: Write>(field: Field, term: &mut Terminal<R, W>) -> io::Result<Answer> {
    writeln!(term.out, "\n{} — {}", title(field), question(field))?;
    let values = field.values();
    let meanings = meanings(field);
    for (i, value) in values.iter().enumerate() {
        match meanings.get(i) {
            Some(meaning) => writeln!(term.out, "  {}) {value}: {meaning}", i + 1)?,
            None => writeln!(term.out, "  {}) {value}", i + 1)?,
        }
    }
    loop {
        let text = format!("Answer (1-{}, a name, or Enter to skip): ", values.len());
        let Some(answer) = term.prompt(&text)? else {
            return Ok(Answer::Ended);
        };
        if answer.trim().is_empty() {
            return Ok(Answer::Skip);
        }
        match parse_answer(field, &answer) {
            Some(value) => return Ok(Answer::Value(value)),
            None => writeln!(
                term.out,
                "  please answer a number from 1 to {}, or one of: {}",
                values.len(),
                values.join(", ")
            )?,
        }
    }
}

/// Folds an answer for comparison: lower case, spaces and hyphens as underscores, and
/// `judgment` spelled `judgement`.
fn fold(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .replace([' ', '-'], "_")
        .replace("judgment", "judgement")
}

/// The value an answer names: its number, its name or label in any case, a common variant
/// (`judgment`, `low level`), or a prefix of at least three letters shared by no other value.
fn parse_answer(field: Field, answer: &str) -> Option<usize> {
    let values = field.values();
    if let Ok(n) = answer.trim().parse::<usize>() {
        return (1..=values.len()).contains(&n).then(|| n - 1);
    }
    let folded = fold(answer);
    let labels = meanings(field);
    if let Some(i) = values
        .iter()
        .position(|v| fold(v) == folded)
        .or_else(|| labels.iter().position(|l| fold(l) == folded))
    {
        return Some(i);
    }
    if folded.chars().count() >= 3 {
        let mut matching = values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.starts_with(&folded));
        if let (Some((i, _)), None) = (matching.next(), matching.next()) {
            return Some(i);
        }
    }
    None
}

/// The value index of a field of the profile.
fn value_of(profile: &TaskProfile, field: Field) -> Option<usize> {
    match field {
        Field::Criterion(c) => profile.get(c).map(Position::index),
        Field::ServiceLine => profile.service_line().map(|l| l as usize),
        Field::Location => profile.location().map(|l| l as usize),
        Field::Office => profile.office().map(|o| o as usize),
        _ => None,
    }
}

/// Sets a field of the profile to a value index, or to unknown.
fn set_value(profile: &mut TaskProfile, field: Field, value: Option<usize>) {
    match field {
        Field::Criterion(c) => profile.set(c, value.and_then(Position::from_index)),
        Field::ServiceLine => {
            profile.set_service_line(value.and_then(|v| ServiceLine::ALL.get(v).copied()));
        }
        Field::Location => profile.set_location(value.and_then(|v| Location::ALL.get(v).copied())),
        Field::Office => profile.set_office(value.and_then(|v| Office::ALL.get(v).copied())),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use outsourcing::Criterion;

    #[test]
    fn answers_are_read_by_number_name_label_and_variant() {
        let basis = Field::Criterion(Criterion::DecisionBasis);
        for (answer, expected) in [
            ("3", Some(2)),
            ("Judgement", Some(2)),
            ("judgment", Some(2)),
            ("JUDG", Some(2)),
            ("rules", Some(0)),
            ("4", None),
            ("maybe", None),
        ] {
            assert_eq!(parse_answer(basis, answer), expected, "{answer}");
        }
        let complexity = Field::Criterion(Criterion::Complexity);
        assert_eq!(parse_answer(complexity, "High"), Some(2));
        let focus = Field::Criterion(Criterion::Focus);
        assert_eq!(parse_answer(focus, "low level"), Some(0));
        assert_eq!(parse_answer(focus, "Mid-Level"), Some(1));
        let line = Field::ServiceLine;
        assert_eq!(parse_answer(line, "21"), Some(20));
        assert_eq!(parse_answer(line, "Payroll"), Some(4));
        assert_eq!(
            parse_answer(line, ServiceLine::MarketResearch.label()),
            Some(ServiceLine::MarketResearch as usize)
        );
    }
}
