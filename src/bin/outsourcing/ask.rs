//! `outsourcing ask`: an interactive questionnaire on a terminal.

use std::collections::BTreeSet;
use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use outsourcing::{Advice, Classifier, Criterion, Position, TaskProfile, Verdict};

use crate::Fatal;

/// Asks for a task name, then the criteria in the order of
/// [`Classifier::questions`], until the verdict is settled (decided and no answer could
/// change it) or every criterion is answered or skipped; then prints the classification.
pub(crate) fn ask(classifier: &Classifier) -> Result<ExitCode, Fatal> {
    if !io::stdin().is_terminal() {
        return Err(Fatal(
            "`outsourcing ask` is interactive and needs a terminal; to classify profiles from a \
             file or a pipe, use `outsourcing classify`"
                .into(),
        ));
    }
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut out = io::stdout().lock();
    let fail = |e: io::Error| {
        Fatal(format!(
            "cannot use the terminal: {}",
            crate::io_message(&e)
        ))
    };

    writeln!(
        out,
        "Classify a task as BPO or KPO. Press Enter to skip a question.\n"
    )
    .map_err(fail)?;
    let mut profile = loop {
        let Some(name) = prompt(&mut input, &mut out, "Task name: ").map_err(fail)? else {
            return Ok(ExitCode::SUCCESS);
        };
        match TaskProfile::new(name) {
            Ok(profile) => break profile,
            Err(e) => writeln!(out, "  {e}").map_err(fail)?,
        }
    };
    let mut skipped: BTreeSet<Criterion> = BTreeSet::new();
    loop {
        let verdict = classifier.verdict(&profile);
        let settled =
            verdict != Verdict::Undetermined && classifier.next_question(&profile).is_none();
        let next = classifier
            .questions(&profile)
            .into_iter()
            .map(|q| q.criterion)
            .find(|c| !skipped.contains(c));
        let Some(criterion) = next.filter(|_| !settled) else {
            break;
        };
        writeln!(out, "\n{} — {}", criterion.label(), criterion.question()).map_err(fail)?;
        for (i, (option, meaning)) in criterion
            .options()
            .iter()
            .zip(criterion.option_labels())
            .enumerate()
        {
            writeln!(out, "  {}) {option}: {meaning}", i + 1).map_err(fail)?;
        }
        loop {
            let Some(answer) = prompt(
                &mut input,
                &mut out,
                "Answer (1-3, a name, or Enter to skip): ",
            )
            .map_err(fail)?
            else {
                return Ok(ExitCode::SUCCESS);
            };
            let answer = answer.trim();
            if answer.is_empty() {
                skipped.insert(criterion);
                break;
            }
            let position = match answer {
                "1" => Some(Position::Bpo),
                "2" => Some(Position::Middle),
                "3" => Some(Position::Kpo),
                name => criterion.parse_value(name).ok(),
            };
            match position {
                Some(position) => {
                    profile.set(criterion, Some(position));
                    let result = classifier.classify(&profile);
                    writeln!(
                        out,
                        "  so far: {} (KPO share {:.0}%, coverage {:.0}%)",
                        result.verdict(),
                        100.0 * result.kpo_share(),
                        100.0 * result.coverage()
                    )
                    .map_err(fail)?;
                    break;
                }
                None => writeln!(
                    out,
                    "  please answer 1, 2 or 3, or one of: {}",
                    criterion.options().join(", ")
                )
                .map_err(fail)?,
            }
        }
    }
    let result = classifier.classify(&profile);
    writeln!(
        out,
        "\n{}\n",
        result.explain(classifier).for_task(profile.name())
    )
    .map_err(fail)?;
    write!(out, "{}", Advice::of(classifier, &profile)).map_err(fail)?;
    writeln!(out, "\nprofile: {}", profile.to_json()).map_err(fail)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints a prompt and reads one line; `None` at the end of input.
fn prompt(
    input: &mut impl BufRead,
    out: &mut impl Write,
    text: &str,
) -> io::Result<Option<String>> {
    write!(out, "{text}")?;
    out.flush()?;
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        writeln!(out)?;
        return Ok(None);
    }
    Ok(Some(line.trim_end_matches(['\n', '\r']).to_owned()))
}
