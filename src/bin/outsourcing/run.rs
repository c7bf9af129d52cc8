//! Classifying a portfolio on several threads. Each thread in turn takes the next batch of
//! the input (JSON Lines as a block of whole lines), parses, classifies and renders it on its
//! own (the JSON lines of a batch into one buffer), and hands it in; whoever hands in the
//! batch next in order writes it, and the ones done after it. Reading a batch and writing
//! one are the only steps taken one thread at a time, and both are short. A fixed number of
//! batches is under way at once, so memory stays flat however long the input. On one thread
//! all of it runs on the calling thread, with no locks.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::{Condvar, Mutex, PoisonError};

use outsourcing::limits::MAX_LISTED;
use outsourcing::{
    Advice, Classification, Classifier, LineWriter, Portfolio, ServiceLine, TaskProfile,
    TextProfiler, Verdict,
};

use crate::input::{Batch, Batches, Header, Item};
use crate::output::{
    Classified, Columns, ErrorLine, Failed, Outcome, Writer, csv_record, csv_writer,
};

/// Batches under way at once per thread: being classified, or waiting to be written.
const IN_FLIGHT: usize = 2;

/// What every worker needs.
pub(crate) struct Work<'a> {
    pub(crate) classifier: &'a Classifier,
    pub(crate) profiler: Option<&'a TextProfiler>,
    pub(crate) explain: bool,
    /// Whether to render JSON lines (the output is JSON Lines).
    pub(crate) jsonl: bool,
    /// The delimiter to render CSV rows with (the output is CSV).
    pub(crate) csv: Option<u8>,
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
    /// The JSON lines or CSV rows of its records (JSON Lines and CSV output).
    text: Vec<u8>,
    /// Renders CSV rows into `text` while the batch is processed (CSV output).
    rows: Option<csv::Writer<Vec<u8>>>,
    /// What the summary counts of its records (JSON Lines and CSV output).
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
        if let Some(delimiter) = self.csv {
            done.rows = Some(csv_writer(delimiter, std::mem::take(&mut done.text)));
        }
        let parsed = batch.parse(self.header, |item| self.item(lines, item, done, may_list));
        done.fatal = parsed.err();
        if let Some(rows) = done.rows.take() {
            done.text = rows
                .into_inner()
                .map_err(csv::IntoInnerError::into_error)
                .expect("writing to memory cannot fail");
        }
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
                        result = result.with_columns(self.extra, &columns.texts);
                    }
                    result
                        .write_json(&mut done.text)
                        .expect("writing to memory cannot fail");
                    done.text.push(b'\n');
                    drop(reading);
                    done.tallies
                        .push(Tally::of(id, profile, classification, may_list));
                    return Ok(());
                }
                let inferred = inferred.to_vec();
                drop(reading);
                self.keep(
                    Outcome {
                        line,
                        id,
                        columns,
                        result: Ok(Classified {
                            profile,
                            classification,
                            inferred,
                            advice,
                        }),
                    },
                    done,
                    may_list,
                );
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
                                values: &columns.texts,
                            }),
                        },
                    )
                    .expect("strings and numbers always serialise");
                    done.text.push(b'\n');
                    done.tallies.push(Tally::Error);
                    return Ok(());
                }
                self.keep(
                    Outcome {
                        line,
                        id,
                        columns,
                        result: Err(Failed { name, message }),
                    },
                    done,
                    may_list,
                );
                Ok(())
            }
            Item::Fatal(message) => Err(message),
        }
    }

    /// Renders an outcome's CSV row (CSV output), or keeps the outcome for the writer to
    /// lay out (the table and the workbook).
    fn keep(&self, outcome: Outcome, done: &mut Done, may_list: bool) {
        let Some(rows) = &mut done.rows else {
            done.outcomes.push(outcome);
            return;
        };
        rows.write_record(csv_record(self.classifier, self.explain, &outcome))
            .expect("every row has the header's cells, and goes to memory");
        done.tallies.push(match outcome.result {
            Ok(c) => Tally::of(outcome.id, c.profile, c.classification, may_list),
            Err(_) => Tally::Error,
        });
    }
}

impl Tally {
    /// What the summary needs of a classified record: the whole record while the summary
    /// may list it (a hybrid or undetermined one, before the list is full).
    fn of(
        id: Option<String>,
        profile: TaskProfile,
        classification: Classification,
        may_list: bool,
    ) -> Tally {
        let open = matches!(
            classification.verdict(),
            Verdict::Hybrid | Verdict::Undetermined
        );
        if open && may_list {
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
        }
    }
}

/// The writing end: the output and the summary.
struct Out<'w, 'c, W: Write> {
    writer: &'w mut Writer<'c, W>,
    portfolio: &'w mut Portfolio,
    classifier: &'w Classifier,
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
                    self.portfolio.add_unlisted(service_line, &classification);
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
pub(crate) fn run<W: Write + Send>(
    work: &Work<'_>,
    mut batches: Batches,
    threads: usize,
    writer: &mut Writer<'_, W>,
    portfolio: &mut Portfolio,
) -> io::Result<End> {
    let lines = LineWriter::new(work.classifier);
    let mut out = Out {
        writer,
        portfolio,
        classifier: work.classifier,
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
    let shared = Shared {
        reading: Mutex::new(Reading {
            batches: &mut batches,
            seq: 0,
        }),
        writing: Mutex::new(Writing {
            out,
            pending: BTreeMap::new(),
            next: 0,
            free: Vec::new(),
            end: None,
            waiting: false,
        }),
        room: Condvar::new(),
        slots: (threads * IN_FLIGHT) as u64,
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            let lines = lines.clone();
            let shared = &shared;
            scope.spawn(move || shared.work(work, &lines));
        }
        shared.work(work, &lines);
    });
    let writing = shared
        .writing
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    writing.end.unwrap_or(Ok(End::Done))
}

/// What the threads share: every thread reads the next batch (holding the reading end),
/// classifies it, and writes the batches that are next in order (holding the writing end).
struct Shared<'r, 'w, 'c, W: Write> {
    reading: Mutex<Reading<'r>>,
    writing: Mutex<Writing<'w, 'c, W>>,
    /// Signalled when a batch is written, for a thread waiting for room.
    room: Condvar,
    /// Batches under way at most: read and not yet written.
    slots: u64,
}

/// The reading end.
struct Reading<'r> {
    batches: &'r mut Batches,
    /// The number of the next batch.
    seq: u64,
}

/// The writing end.
struct Writing<'w, 'c, W: Write> {
    out: Out<'w, 'c, W>,
    /// Batches done before the ones ahead of them.
    pending: BTreeMap<u64, Done>,
    /// The number of the next batch to write.
    next: u64,
    /// Buffers of written batches, to use again.
    free: Vec<Done>,
    /// How the run ended, once it has: the input failed, or writing did.
    end: Option<io::Result<End>>,
    /// Whether a thread waits for room.
    waiting: bool,
}

impl<W: Write> Shared<'_, '_, '_, W> {
    /// One thread's share of the work, until the input ends or the run does.
    fn work(&self, work: &Work<'_>, lines: &LineWriter) {
        while let Some((seq, batch, mut done, may_list)) = self.take() {
            work.batch(lines, batch, &mut done, may_list);
            self.put(seq, done);
        }
    }

    /// The next batch, its number, buffers for it and whether the summary may still list
    /// open cases; `None` at the end of the input or of the run.
    fn take(&self) -> Option<(u64, Batch, Done, bool)> {
        let mut reading = self.reading.lock().ok()?;
        let seq = reading.seq;
        let mut writing = self.writing.lock().ok()?;
        while writing.end.is_none() && seq >= writing.next + self.slots {
            writing.waiting = true;
            writing = self.room.wait(writing).ok()?;
        }
        if writing.end.is_some() {
            return None;
        }
        let done = writing.free.pop().unwrap_or_default();
        let may_list = writing.out.may_list();
        drop(writing);
        let batch = reading.batches.next()?;
        reading.seq += 1;
        Some((seq, batch, done, may_list))
    }

    /// Hands in a batch done, and writes the batches now next in order.
    fn put(&self, seq: u64, done: Done) {
        let Ok(mut writing) = self.writing.lock() else {
            return;
        };
        let writing = &mut *writing;
        writing.pending.insert(seq, done);
        while writing.end.is_none() {
            let Some(mut done) = writing.pending.remove(&writing.next) else {
                break;
            };
            match writing.out.write(&mut done) {
                Ok(None) => {}
                Ok(Some(message)) => writing.end = Some(Ok(End::Fatal(message))),
                Err(e) => writing.end = Some(Err(e)),
            }
            writing.free.push(done);
            writing.next += 1;
        }
        if writing.waiting {
            writing.waiting = false;
            self.room.notify_all();
        }
    }
}
