//! Classifying a portfolio on several threads: one reads the input into batches (JSON Lines
//! as blocks of whole lines), workers parse, classify and render each batch (the JSON lines
//! of a batch into one buffer), and the calling thread writes the batches in input order.
//! A fixed number of batches is under way at once, so memory stays flat however long the
//! input. On one thread all of it runs on the calling thread, with no queues.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use outsourcing::limits::MAX_LISTED;
use outsourcing::{
    Advice, Classification, Classifier, LineWriter, Portfolio, ServiceLine, TaskProfile,
    TextProfiler, Verdict,
};

use crate::input::{Batch, Batches, Header, Item};
use crate::output::{Classified, Columns, ErrorLine, Failed, Outcome, Writer};

/// Batches under way at once per thread: read, being classified, or waiting to be written.
const IN_FLIGHT: usize = 2;

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

/// What a batch comes to. Its buffers are used again for later batches.
#[derive(Default)]
struct Done {
    /// The JSON lines of its records (JSON Lines output).
    text: Vec<u8>,
    /// What the summary counts of its records (JSON Lines output).
    tallies: Vec<Tally>,
    /// Its records' outcomes (the other outputs).
    outcomes: Vec<Outcome>,
    /// The failure of the input that ended it, if one did.
    fatal: Option<String>,
}

/// What the summary counts of a record, when the record's outcome is not kept.
enum Tally {
    /// A record that could not be read.
    Error,
    /// A hybrid or undetermined record, which the summary may list.
    Listed {
        id: Option<String>,
        profile: TaskProfile,
        classification: Classification,
    },
    /// A record the summary only counts.
    Counted {
        service_line: Option<ServiceLine>,
        classification: Classification,
    },
}

impl Work<'_> {
    /// Parses, classifies and renders a batch into `done`; `may_list` tells whether the
    /// summary may still list open cases.
    fn batch(&self, lines: &LineWriter, batch: Batch, done: &mut Done, may_list: bool) {
        let parsed = batch.parse(self.header, |item| self.item(lines, item, done, may_list));
        done.fatal = parsed.err();
    }

    /// Parses, classifies and (for JSON Lines) renders one record into `done`; `Err` for a
    /// failure of the input.
    fn item(
        &self,
        lines: &LineWriter,
        item: Item,
        done: &mut Done,
        may_list: bool,
    ) -> Result<(), String> {
        match item {
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
                        .write_json(&mut done.text)
                        .expect("writing to memory cannot fail");
                    done.text.push(b'\n');
                    drop(reading);
                    let open = matches!(
                        classification.verdict(),
                        Verdict::Hybrid | Verdict::Undetermined
                    );
                    done.tallies.push(if open && may_list {
                        Tally::Listed {
                            id,
                            profile,
                            classification,
                        }
                    } else {
                        Tally::Counted {
                            service_line: profile.service_line(),
                            classification,
                        }
                    });
                    return Ok(());
                }
                let inferred = inferred.to_vec();
                drop(reading);
                done.outcomes.push(Outcome {
                    line,
                    id,
                    columns,
                    result: Ok(Classified {
                        profile,
                        classification,
                        inferred,
                        advice,
                    }),
                });
                Ok(())
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
                        &mut done.text,
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
                    done.text.push(b'\n');
                    done.tallies.push(Tally::Error);
                    return Ok(());
                }
                done.outcomes.push(Outcome {
                    line,
                    id,
                    columns,
                    result: Err(Failed { name, message }),
                });
                Ok(())
            }
            Item::Fatal(message) => Err(message),
        }
    }
}

/// The writing end: the output and the summary.
struct Out<'w, 'c, W: Write> {
    writer: &'w mut Writer<'c, W>,
    portfolio: &'w mut Portfolio,
    classifier: &'w Classifier,
    /// Stands in for the profile of a record the summary only counts (by its service line).
    stand_in: TaskProfile,
}

impl<W: Write> Out<'_, '_, W> {
    /// Writes a batch and counts its records, leaving its buffers empty; the failure of the
    /// input that ended it, if one did.
    fn write(&mut self, done: &mut Done) -> io::Result<Option<String>> {
        self.writer.write_lines(&done.text)?;
        done.text.clear();
        for tally in done.tallies.drain(..) {
            match tally {
                Tally::Error => self.portfolio.add_error(),
                Tally::Listed {
                    id,
                    profile,
                    classification,
                } => self.portfolio.add_record(
                    id.as_deref(),
                    self.classifier,
                    &profile,
                    &classification,
                ),
                Tally::Counted {
                    service_line,
                    classification,
                } => {
                    // Not listed (not open, or the list is full): only the verdict, the
                    // service line and the confidence count.
                    self.stand_in.set_service_line(service_line);
                    self.portfolio
                        .add_record(None, self.classifier, &self.stand_in, &classification);
                }
            }
        }
        for outcome in done.outcomes.drain(..) {
            match &outcome.result {
                Ok(c) => self.portfolio.add_record(
                    outcome.id.as_deref(),
                    self.classifier,
                    &c.profile,
                    &c.classification,
                ),
                Err(_) => self.portfolio.add_error(),
            }
            self.writer.write(&outcome)?;
        }
        Ok(done.fatal.take())
    }

    /// Whether the summary may still list open cases.
    fn may_list(&self) -> bool {
        self.portfolio.open_cases().len() < MAX_LISTED
    }
}

/// Runs the whole portfolio through `work` on `threads` threads, writing in input order.
///
/// # Errors
///
/// When writing fails.
pub(crate) fn run<W: Write>(
    work: &Work<'_>,
    batches: Batches,
    threads: usize,
    writer: &mut Writer<'_, W>,
    portfolio: &mut Portfolio,
) -> io::Result<End> {
    let lines = LineWriter::new(work.classifier);
    let mut out = Out {
        writer,
        portfolio,
        classifier: work.classifier,
        stand_in: TaskProfile::new("counted").expect("a plain name is a valid name"),
    };
    if threads <= 1 {
        let mut done = Done::default();
        for batch in batches {
            work.batch(&lines, batch, &mut done, out.may_list());
            if let Some(message) = out.write(&mut done)? {
                return Ok(End::Fatal(message));
            }
        }
        return Ok(End::Done);
    }
    let slots = threads * IN_FLIGHT + 1;
    // How many open cases the summary lists, for the workers to know when it is full.
    let listed = AtomicUsize::new(out.portfolio.open_cases().len());
    let listed = &listed;
    std::thread::scope(|scope| {
        // A batch is read only when a slot is free: the writer hands slots back as it
        // writes, so at most `slots` batches are under way.
        let (free_tx, free_rx) = sync_channel::<Done>(slots);
        for _ in 0..slots {
            free_tx
                .send(Done::default())
                .expect("the queue has room for every slot");
        }
        let (batch_tx, batch_rx) = sync_channel::<(u64, Batch, Done)>(slots);
        let batch_rx = Arc::new(Mutex::new(batch_rx));
        let (done_tx, done_rx) = sync_channel::<(u64, Done)>(slots);
        scope.spawn(move || {
            for (seq, batch) in (0u64..).zip(batches) {
                let Ok(slot) = free_rx.recv() else {
                    break;
                };
                if batch_tx.send((seq, batch, slot)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..threads {
            let batch_rx = Arc::clone(&batch_rx);
            let done_tx = done_tx.clone();
            let lines = lines.clone();
            scope.spawn(move || {
                loop {
                    let received = batch_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((seq, batch, mut done))) = received else {
                        break;
                    };
                    let may_list = listed.load(Ordering::Relaxed) < MAX_LISTED;
                    work.batch(&lines, batch, &mut done, may_list);
                    if done_tx.send((seq, done)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        // Returning drops the receiver and the slots' sender, which stops the workers and
        // then the reader.
        write_in_order(&mut out, &done_rx, &free_tx, listed)
    })
}

/// Writes the batches in input order as they come, handing each one's buffers back.
fn write_in_order<W: Write>(
    out: &mut Out<'_, '_, W>,
    done_rx: &Receiver<(u64, Done)>,
    free_tx: &SyncSender<Done>,
    listed: &AtomicUsize,
) -> io::Result<End> {
    let mut pending = BTreeMap::new();
    let mut next = 0u64;
    for (seq, done) in done_rx {
        pending.insert(seq, done);
        while let Some(mut done) = pending.remove(&next) {
            if let Some(message) = out.write(&mut done)? {
                return Ok(End::Fatal(message));
            }
            listed.store(out.portfolio.open_cases().len(), Ordering::Relaxed);
            // The reader may have stopped at the end of the input.
            let _ = free_tx.send(done);
            next += 1;
        }
    }
    Ok(End::Done)
}
