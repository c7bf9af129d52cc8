//! What a Python classifier shares with its results: the compiled rules and what it reads,
//! and classifying many profiles on every core.

use std::sync::OnceLock;
use std::thread;

use outsourcing::{Advice, Classification, Classifier, Reading, TaskProfile, TextProfiler};

/// The built-in text profiler, built once per process (about 12 ms) and shared.
pub(crate) fn profiler() -> &'static TextProfiler {
    static PROFILER: OnceLock<TextProfiler> = OnceLock::new();
    PROFILER.get_or_init(TextProfiler::default)
}

/// A classifier and how it reads records.
#[derive(Debug)]
pub(crate) struct Engine {
    pub(crate) classifier: Classifier,
    /// Whether unknown fields are read from the task's name and description.
    pub(crate) text: bool,
    /// Whether results carry the hits and the advice (`classify --explain`).
    pub(crate) explain: bool,
}

/// One classified profile.
#[derive(Debug)]
pub(crate) struct Scored {
    pub(crate) profile: TaskProfile,
    pub(crate) classification: Classification,
    pub(crate) reading: Option<Reading<'static>>,
    pub(crate) advice: Option<Advice>,
}

impl Engine {
    /// Reads the profile's text (when on), classifies it, and with `explain` spells out the
    /// hits and works out the advice.
    pub(crate) fn score(&self, mut profile: TaskProfile) -> Scored {
        let reading = self.text.then(|| profiler().fill(&mut profile));
        let classification = self.classifier.classify(&profile);
        let advice = self.explain.then(|| {
            if let Some(reading) = &reading {
                let _spelled = reading.hits();
            }
            Advice::of(&self.classifier, &profile)
        });
        Scored {
            profile,
            classification,
            reading,
            advice,
        }
    }
}

/// Fewer items than this are classified on the calling thread.
const PARALLEL_FROM: usize = 2048;

/// Maps `f` over `items` on every core, keeping the order.
pub(crate) fn par_map<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    let threads = thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if threads < 2 || items.len() < PARALLEL_FROM {
        return items.into_iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let mut chunks: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut rest = items;
    while rest.len() > chunk {
        let tail = rest.split_off(chunk);
        chunks.push(rest);
        rest = tail;
    }
    chunks.push(rest);
    let f = &f;
    thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(f).collect::<Vec<U>>()))
            .collect();
        let mut out = Vec::new();
        for handle in handles {
            match handle.join() {
                Ok(part) => out.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}
