//! What a Python classifier shares with its results: the compiled rules and what it reads,
//! and classifying many profiles on every core, alongside the work that needs the GIL.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, OnceLock, PoisonError, mpsc};
use std::thread;

use outsourcing::{Advice, Classification, Classifier, Reading, TaskProfile, TextProfiler};
use pyo3::prelude::*;

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

/// Jobs under way at once, per worker: being done, or waiting to be taken.
const IN_FLIGHT: usize = 4;

fn stopped() -> PyErr {
    pyo3::exceptions::PyRuntimeError::new_err("the classifying threads stopped")
}

/// Runs a pipeline: this thread (holding the GIL) makes job after job with `next` (`None`
/// at the end) and takes the outcome of each job done, in order, with `take`, while one
/// worker per core does the jobs with `work`, without the GIL. So the work that needs the
/// GIL (reading Python objects, making them) runs alongside the work that does not. A fixed
/// number of jobs is under way at once, so memory stays flat however many there are. This
/// thread lets go of the GIL only while it waits for a job to be done. A panic in a worker
/// is raised again on this thread, when its job's turn to be taken comes.
pub(crate) fn pipeline<T: Send, U: Send>(
    py: Python<'_>,
    mut next: impl FnMut() -> PyResult<Option<T>>,
    work: impl Fn(T) -> U + Sync,
    mut take: impl FnMut(U) -> PyResult<()>,
) -> PyResult<()> {
    let workers = thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let limit = workers * IN_FLIGHT;
    let (jobs, jobs_out) = mpsc::channel::<(usize, T)>();
    let jobs_out = &Mutex::new(jobs_out);
    let work = &work;
    // `move`: the closure owns `jobs`, so the workers hear the end however it returns.
    thread::scope(move |scope| -> PyResult<()> {
        let (done_in, done) = mpsc::channel::<(usize, thread::Result<U>)>();
        let done = Mutex::new(done);
        for _ in 0..workers {
            let done_in = done_in.clone();
            scope.spawn(move || {
                loop {
                    let job = jobs_out
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .recv();
                    let Ok((n, job)) = job else { break };
                    let outcome = panic::catch_unwind(AssertUnwindSafe(|| work(job)));
                    if done_in.send((n, outcome)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_in);
        // Outcomes done but not yet taken, by job number; the next to take.
        let mut pending = BTreeMap::new();
        let mut taken = 0;
        let mut arrived = |n: usize, outcome: thread::Result<U>, taken: &mut usize| {
            pending.insert(n, outcome);
            while let Some(outcome) = pending.remove(taken) {
                take(outcome.unwrap_or_else(|payload| panic::resume_unwind(payload)))?;
                *taken += 1;
            }
            PyResult::Ok(())
        };
        let wait = || {
            py.detach(|| done.lock().unwrap_or_else(PoisonError::into_inner).recv())
                .map_err(|_| stopped())
        };
        let mut sent = 0;
        while let Some(job) = next()? {
            while sent - taken >= limit {
                let (n, outcome) = wait()?;
                arrived(n, outcome, &mut taken)?;
            }
            jobs.send((sent, job)).map_err(|_| stopped())?;
            sent += 1;
            loop {
                let ready = done
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .try_recv();
                let Ok((n, outcome)) = ready else { break };
                arrived(n, outcome, &mut taken)?;
            }
        }
        drop(jobs);
        while taken < sent {
            let (n, outcome) = wait()?;
            arrived(n, outcome, &mut taken)?;
        }
        Ok(())
    })
}
