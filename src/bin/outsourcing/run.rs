//! Classifying a portfolio on several threads: one reads the input into batches, workers
//! parse, classify and render each batch, and the calling thread writes the batches in input
//! order. The queues between them are bounded, so memory stays flat however long the input.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};

use outsourcing::{Advice, Classifier, LineWriter, Portfolio, TextProfiler};

use crate::input::{Header, Item, Raw, Raws};
use crate::output::{Classified, Columns, ErrorLine, Failed, Outcome, Writer};

/// Records per batch: enough that handing a batch over costs little next to its work.
const BATCH: usize = 512;

/// What every worker needs.
pub(crate) struct Work<'a> {
    pub(crate) classifier: &'a Classifier,
    pub(crate) profiler: Option<&'a TextProfiler>,
    pub(crate) explain: bool,
    /// Whether to render JSON lines (the output is JSON Lines).
    pub(crate) jsonl: bool,
    pub(crate) header: Option<&'a Header>,
    pub(crate) extra: &'a [String],
}

/// How a run ended.
pub(crate) enum End {
    /// Every record was written.
    Done,
    /// The input failed: the message.
    Fatal(String),
}

impl Work<'_> {
    /// Parses, classifies and renders one record; `None` for a failure of the input.
    fn outcome(&self, lines: &LineWriter, raw: Raw) -> Result<Outcome, String> {
        match raw.parse(self.header) {
            Item::Profile {
                id,
                line,
                mut profile,
                columns,
            } => {
                let reading = self.profiler.map(|p| p.fill(&mut profile));
                let classification = self.classifier.classify(&profile);
                let advice = self.explain.then(|| Advice::of(self.classifier, &profile));
                let (inferred, hits) = match &reading {
                    Some(r) => (r.inferred(), self.explain.then(|| r.hits())),
                    None => (&[][..], None),
                };
                let mut json = Vec::new();
                if self.jsonl {
                    let mut result = lines
                        .line(id.as_deref(), &profile, &classification)
                        .with_inferred(inferred);
                    if let Some(hits) = hits {
                        result = result.with_hits(hits);
                    }
                    if let Some(advice) = &advice {
                        result = result.with_advice(advice);
                    }
                    if !self.extra.is_empty() {
                        result = result.with_columns(self.extra, &columns);
                    }
                    result
                        .write_json(&mut json)
                        .expect("writing to memory cannot fail");
                    json.push(b'\n');
                }
                let inferred = inferred.to_vec();
                drop(reading);
                Ok(Outcome {
                    line,
                    id,
                    columns,
                    result: Ok(Classified {
                        profile,
                        classification,
                        inferred,
                        advice,
                    }),
                    json,
                })
            }
            Item::Error {
                id,
                name,
                line,
                message,
                columns,
            } => {
                let mut json = Vec::new();
                if self.jsonl {
                    serde_json::to_writer(
                        &mut json,
                        &ErrorLine {
                            id: id.as_deref(),
                            name: name.as_deref(),
                            line,
                            error: &message,
                            columns: (!self.extra.is_empty()).then_some(Columns {
                                names: self.extra,
                                values: &columns,
                            }),
                        },
                    )
                    .expect("strings and numbers always serialise");
                    json.push(b'\n');
                }
                Ok(Outcome {
                    line,
                    id,
                    columns,
                    result: Err(Failed { name, message }),
                    json,
                })
            }
            Item::Fatal(message) => Err(message),
        }
    }

    /// Processes a batch; a failure of the input ends it.
    fn batch(&self, lines: &LineWriter, raws: Vec<Raw>) -> (Vec<Outcome>, Option<String>) {
        let mut outcomes = Vec::with_capacity(raws.len());
        for raw in raws {
            match self.outcome(lines, raw) {
                Ok(outcome) => outcomes.push(outcome),
                Err(message) => return (outcomes, Some(message)),
            }
        }
        (outcomes, None)
    }
}

/// Writes one outcome and counts it.
fn write<W: Write>(
    writer: &mut Writer<'_, W>,
    portfolio: &mut Portfolio,
    classifier: &Classifier,
    outcome: &Outcome,
) -> io::Result<()> {
    match &outcome.result {
        Ok(c) => portfolio.add_record(
            outcome.id.as_deref(),
            classifier,
            &c.profile,
            &c.classification,
        ),
        Err(_) => portfolio.add_error(),
    }
    writer.write(outcome)
}

/// The next batch of raw records (empty at the end of the input).
fn next_batch(raws: &mut Raws) -> Vec<Raw> {
    let mut batch = Vec::with_capacity(BATCH);
    for raw in raws.by_ref() {
        let fatal = matches!(raw, Raw::Done(Item::Fatal(_)));
        batch.push(raw);
        if fatal || batch.len() == BATCH {
            break;
        }
    }
    batch
}

/// Runs the whole portfolio through `work` on `threads` threads, writing in input order.
///
/// # Errors
///
/// When writing fails.
pub(crate) fn run<W: Write>(
    work: &Work<'_>,
    mut raws: Raws,
    threads: usize,
    writer: &mut Writer<'_, W>,
    portfolio: &mut Portfolio,
) -> io::Result<End> {
    let lines = LineWriter::new(work.classifier);
    if threads <= 1 {
        loop {
            let batch = next_batch(&mut raws);
            if batch.is_empty() {
                return Ok(End::Done);
            }
            let (outcomes, fatal) = work.batch(&lines, batch);
            for outcome in &outcomes {
                write(writer, portfolio, work.classifier, outcome)?;
            }
            if let Some(message) = fatal {
                return Ok(End::Fatal(message));
            }
        }
    }
    std::thread::scope(|scope| {
        let (raw_tx, raw_rx) = sync_channel::<(u64, Vec<Raw>)>(threads * 2);
        let raw_rx = Arc::new(Mutex::new(raw_rx));
        let (done_tx, done_rx) = sync_channel::<(u64, Vec<Outcome>, Option<String>)>(threads * 2);
        scope.spawn(move || {
            let mut seq = 0;
            loop {
                let batch = next_batch(&mut raws);
                if batch.is_empty() || raw_tx.send((seq, batch)).is_err() {
                    break;
                }
                seq += 1;
            }
        });
        for _ in 0..threads {
            let raw_rx = Arc::clone(&raw_rx);
            let done_tx = done_tx.clone();
            let lines = lines.clone();
            scope.spawn(move || {
                loop {
                    let received = raw_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((seq, batch))) = received else {
                        break;
                    };
                    let (outcomes, fatal) = work.batch(&lines, batch);
                    if done_tx.send((seq, outcomes, fatal)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        // Dropping the receiver on the way out stops the workers and then the reader.
        write_in_order(done_rx, writer, portfolio, work.classifier)
    })
}

fn write_in_order<W: Write>(
    done_rx: Receiver<(u64, Vec<Outcome>, Option<String>)>,
    writer: &mut Writer<'_, W>,
    portfolio: &mut Portfolio,
    classifier: &Classifier,
) -> io::Result<End> {
    let mut pending = BTreeMap::new();
    let mut next = 0u64;
    for (seq, outcomes, fatal) in done_rx {
        pending.insert(seq, (outcomes, fatal));
        while let Some((outcomes, fatal)) = pending.remove(&next) {
            for outcome in &outcomes {
                write(writer, portfolio, classifier, outcome)?;
            }
            if let Some(message) = fatal {
                return Ok(End::Fatal(message));
            }
            next += 1;
        }
    }
    Ok(End::Done)
}
