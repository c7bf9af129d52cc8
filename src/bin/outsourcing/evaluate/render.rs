//! The readable report of `evaluate`.

use std::fmt::Write as _;

use super::report::{Bucket, Group, Miss, Report};
use crate::input::place;

/// The report as text. `text_read` says whether the text profiler ran (with `--no-text`,
/// misses show no reading).
pub(super) fn text(report: &Report, text_read: bool) -> String {
    let mut out = String::new();
    let errors = match report.errors.len() {
        0 => String::new(),
        1 => "; 1 row with an error not counted".to_owned(),
        n => format!("; {n} rows with errors not counted"),
    };
    let _ = writeln!(
        out,
        "records evaluated: {} (labels in column \"{}\"{errors})",
        report.evaluated, report.label_column
    );
    match report.accuracy {
        Some(accuracy) => {
            let _ = writeln!(
                out,
                "accuracy: {} of {} ({})",
                report.correct,
                report.evaluated,
                percent(accuracy)
            );
        }
        None => {
            let _ = writeln!(out, "accuracy: none (no record evaluated)");
        }
    }
    out.push('\n');
    confusion(&mut out, report);
    if let Some(column) = &report.group_column {
        let _ = writeln!(out, "\nby group (column \"{column}\"):");
        groups(&mut out, &report.by_group);
    }
    if let Some(column) = &report.language_column {
        let _ = writeln!(out, "\nby language (column \"{column}\"):");
        let rows: Vec<(usize, &Bucket)> = report.by_language.iter().map(|b| (0, b)).collect();
        buckets(&mut out, &rows);
    }
    out.push('\n');
    misses(&mut out, report, text_read);
    if !report.errors.is_empty() {
        let _ = writeln!(out, "\nerrors (not counted):");
        for error in &report.errors {
            let place = place(error.line, error.id.as_deref(), error.name.as_deref());
            let _ = writeln!(out, "  {place}: {}", error.error);
        }
    }
    out
}

fn percent(ratio: f64) -> String {
    format!("{:.1}%", 100.0 * ratio)
}

fn confusion(out: &mut String, report: &Report) {
    let _ = writeln!(
        out,
        "label \\ verdict     bpo     kpo  hybrid  undetermined"
    );
    let rows = [
        ("bpo", &report.confusion.bpo),
        ("kpo", &report.confusion.kpo),
        ("hybrid", &report.confusion.hybrid),
    ];
    for (label, row) in rows {
        let [bpo, kpo, hybrid, undetermined] = row.counts();
        let _ = writeln!(
            out,
            "{label:<15} {bpo:>7} {kpo:>7} {hybrid:>7} {undetermined:>13}"
        );
    }
}

/// The groups, each followed by its languages when it has more than one.
fn groups(out: &mut String, groups: &[Group]) {
    let mut rows: Vec<(usize, Bucket)> = Vec::new();
    for group in groups {
        rows.push((
            0,
            Bucket {
                value: group.value.clone(),
                evaluated: group.evaluated,
                correct: group.correct,
                accuracy: group.accuracy,
            },
        ));
        if group.by_language.len() > 1 {
            for language in &group.by_language {
                rows.push((
                    1,
                    Bucket {
                        value: language.value.clone(),
                        evaluated: language.evaluated,
                        correct: language.correct,
                        accuracy: language.accuracy,
                    },
                ));
            }
        }
    }
    let rows: Vec<(usize, &Bucket)> = rows.iter().map(|(depth, b)| (*depth, b)).collect();
    buckets(out, &rows);
}

/// Rows of `value  correct/evaluated  accuracy`, aligned; a depth of 1 indents the value.
fn buckets(out: &mut String, rows: &[(usize, &Bucket)]) {
    let value = |depth: usize, bucket: &Bucket| {
        format!(
            "{}{}",
            "  ".repeat(depth),
            bucket.value.as_deref().unwrap_or("(empty)")
        )
    };
    let fraction = |bucket: &Bucket| format!("{}/{}", bucket.correct, bucket.evaluated);
    let value_width = rows
        .iter()
        .map(|(d, b)| value(*d, b).chars().count())
        .max()
        .unwrap_or(0);
    let fraction_width = rows
        .iter()
        .map(|(_, b)| fraction(b).len())
        .max()
        .unwrap_or(0);
    for (depth, bucket) in rows {
        let _ = writeln!(
            out,
            "  {:<value_width$}  {:>fraction_width$}  {:>6}",
            value(*depth, bucket),
            fraction(bucket),
            percent(bucket.accuracy)
        );
    }
}

fn misses(out: &mut String, report: &Report, text_read: bool) {
    let shown = report.misses.len();
    let _ = match (report.missed, shown) {
        (0, _) => writeln!(out, "misses: none"),
        (missed, 0) => writeln!(out, "misses: {missed} (--misses N lists the first N)"),
        (missed, shown) if shown == missed => writeln!(out, "misses: {missed}"),
        (missed, shown) => writeln!(
            out,
            "misses: {missed}, the first {shown} below (--misses N lists more)"
        ),
    };
    for miss in &report.misses {
        miss_text(out, miss, text_read);
    }
}

fn miss_text(out: &mut String, miss: &Miss, text_read: bool) {
    let mut head = format!("  line {}", miss.line);
    if let Some(id) = &miss.id {
        let _ = write!(head, "  id {id}");
    }
    let _ = write!(
        head,
        "  label {}  verdict {}  KPO share {:.0}%",
        miss.label,
        miss.verdict,
        100.0 * miss.kpo_share
    );
    let tags: Vec<&str> = [miss.group.as_deref(), miss.language.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !tags.is_empty() {
        let _ = write!(head, "  [{}]", tags.join(", "));
    }
    let _ = writeln!(out, "{head}");
    if miss.id.as_deref() != Some(miss.name.as_str()) {
        let _ = writeln!(out, "    name: {}", miss.name);
    }
    if !text_read {
        return;
    }
    if miss.inferred.is_empty() {
        let _ = writeln!(out, "    nothing read from the text");
    }
    for inferred in &miss.inferred {
        let hits: Vec<String> = inferred
            .hits
            .iter()
            .map(|hit| {
                let mut note = hit.term.clone();
                if hit.negated {
                    note.push_str(", negated");
                }
                if hit.value != inferred.value {
                    let _ = write!(note, " → {}", hit.value);
                }
                format!("\"{}\" ({note})", hit.words)
            })
            .collect();
        let _ = writeln!(
            out,
            "    {} = {}: {}",
            inferred.field,
            inferred.value,
            hits.join(", ")
        );
    }
}
