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
const BATCH: usize = 256;

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
    /// Parses, classifies and (for JSON Lines) renders one record, appending its line to
    /// `text`; `Err` for a failure of the input.
    fn outcome(&self, lines: &LineWriter, raw: Raw, text: &mut Vec<u8>) -> Result<Outcome, String> {
        let start = text.len();
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
                        .write_json(&mut *text)
                        .expect("writing to memory cannot fail");
                    text.push(b'\n');
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
                    json: start..text.len(),
                })
            }
            Item::Error {
                id,
                name,
                line,
                message,
                columns,
            } => {
                if self.jsonl {
                    serde_json::to_writer(
                        &mut *text,
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
                    text.push(b'\n');
                }
                Ok(Outcome {
                    line,
                    id,
                    columns,
                    result: Err(Failed { name, message }),
                    json: start..text.len(),
                })
            }
            Item::Fatal(message) => Err(message),
        }
    }
}

/// A processed batch: its outcomes, the text of their JSON lines, and the failure of the
/// input that ended it, if one did.
struct Done {
    seq: u64,
    outcomes: Vec<Outcome>,
    text: Vec<u8>,
    fatal: Option<String>,
}

/// Writes one outcome and counts it.
fn write<W: Write>(
    writer: &mut Writer<'_, W>,
    portfolio: &mut Portfolio,
    classifier: &Classifier,
    outcome: &Outcome,
    text: &[u8],
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
    writer.write(outcome, text)
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
        // One record at a time, one buffer for its line.
        let mut text = Vec::with_capacity(4096);
        for raw in raws {
            text.clear();
            match work.outcome(&lines, raw, &mut text) {
                Ok(outcome) => write(writer, portfolio, work.classifier, &outcome, &text)?,
                Err(message) => return Ok(End::Fatal(message)),
            }
        }
        return Ok(End::Done);
    }
    std::thread::scope(|scope| {
        let (raw_tx, raw_rx) = sync_channel::<(u64, Vec<Raw>)>(threads * 2);
        let raw_rx = Arc::new(Mutex::new(raw_rx));
        let (done_tx, done_rx) = sync_channel::<Done>(threads * 2);
        // Buffers go back and forth, so the batches' text is not allocated anew each time.
        let pool: Arc<Mutex<Vec<Vec<u8>>>> = Arc::new(Mutex::new(Vec::new()));
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
            let pool = Arc::clone(&pool);
            scope.spawn(move || {
                loop {
                    let received = raw_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((seq, batch))) = received else {
                        break;
                    };
                    let mut text = pool
                        .lock()
                        .ok()
                        .and_then(|mut p| p.pop())
                        .unwrap_or_default();
                    let mut outcomes = Vec::with_capacity(batch.len());
                    let mut fatal = None;
                    for raw in batch {
                        match work.outcome(&lines, raw, &mut text) {
                            Ok(outcome) => outcomes.push(outcome),
                            Err(message) => {
                                fatal = Some(message);
                                break;
                            }
                        }
                    }
                    let done = Done {
                        seq,
                        outcomes,
                        text,
                        fatal,
                    };
                    if done_tx.send(done).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        // Dropping the receiver on the way out stops the workers and then the reader.
        write_in_order(done_rx, &pool, writer, portfolio, work.classifier)
    })
}

fn write_in_order<W: Write>(
    done_rx: Receiver<Done>,
    pool: &Mutex<Vec<Vec<u8>>>,
    writer: &mut Writer<'_, W>,
    portfolio: &mut Portfolio,
    classifier: &Classifier,
) -> io::Result<End> {
    let mut pending = BTreeMap::new();
    let mut next = 0u64;
    for done in done_rx {
        pending.insert(done.seq, done);
        while let Some(done) = pending.remove(&next) {
            for outcome in &done.outcomes {
                write(writer, portfolio, classifier, outcome, &done.text)?;
            }
            if let Some(message) = done.fatal {
                return Ok(End::Fatal(message));
            }
            let mut text = done.text;
            text.clear();
            if let Ok(mut pool) = pool.lock() {
                pool.push(text);
            }
            next += 1;
        }
    }
    Ok(End::Done)
}
