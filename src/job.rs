//! Long work on a named background thread: progress (0–1) and cancel shared
//! with the UI, and the result delivered through a channel that the app
//! drains in `logic` (never blocking a frame). A [`KeyedJob`] remembers what
//! its run was started for, so a result for data that changed since is known
//! to be stale.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What the worker sees: report progress, check for cancel.
#[derive(Clone)]
pub struct JobHandle {
    progress: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    wake: Arc<dyn Fn() + Send + Sync>,
}

impl std::fmt::Debug for JobHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobHandle").finish_non_exhaustive()
    }
}

impl JobHandle {
    /// Records the fraction done; returns `false` once cancel was asked.
    pub fn progress(&self, done: f32) -> bool {
        self.progress.store(done.clamp(0.0, 1.0).to_bits(), Ordering::Relaxed);
        (self.wake)();
        !self.cancel.load(Ordering::Relaxed)
    }
}

/// A running job whose result is a `Result<T, String>`.
#[derive(Debug)]
pub struct Job<T> {
    rx: Receiver<Result<T, String>>,
    progress: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
}

/// What polling a job found.
#[derive(Debug, PartialEq)]
pub enum Poll<T> {
    Running(f32),
    Done(Result<T, String>),
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a thread named `name`; `wake` is called whenever
    /// there is news (the app passes `ctx.request_repaint`).
    pub fn spawn(
        name: &str,
        wake: impl Fn() + Send + Sync + 'static,
        work: impl FnOnce(&JobHandle) -> Result<T, String> + Send + 'static,
    ) -> std::io::Result<Self> {
        let (tx, rx) = channel();
        let progress = Arc::new(AtomicU32::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let handle = JobHandle {
            progress: Arc::clone(&progress),
            cancel: Arc::clone(&cancel),
            wake: Arc::new(wake),
        };
        std::thread::Builder::new().name(name.to_owned()).spawn(move || {
            let result = work(&handle);
            // The receiver may be gone (a newer job replaced this one): fine.
            let _ignored = tx.send(result);
            (handle.wake)();
        })?;
        Ok(Self { rx, progress, cancel })
    }

    /// Asks the worker to stop at its next progress report.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Progress or the result, without blocking.
    pub fn poll(&self) -> Poll<T> {
        match self.rx.try_recv() {
            Ok(result) => Poll::Done(result),
            Err(TryRecvError::Empty) => {
                Poll::Running(f32::from_bits(self.progress.load(Ordering::Relaxed)))
            }
            Err(TryRecvError::Disconnected) => Poll::Done(Err("the worker stopped".into())),
        }
    }
}

/// A job started for a key (what it computes from: a data version, a
/// snapshot date), and the key of the last run that finished, so the app
/// knows whether its cached result is current and a stale result is not
/// taken for a fresh one.
#[derive(Debug)]
pub struct KeyedJob<K, T> {
    running: Option<(Job<T>, K)>,
    done_for: Option<K>,
}

impl<K, T> Default for KeyedJob<K, T> {
    fn default() -> Self {
        Self { running: None, done_for: None }
    }
}

/// What polling a keyed job found.
#[derive(Debug, PartialEq)]
pub enum KeyedPoll<K, T> {
    /// No job runs.
    Idle,
    /// The job runs: the fraction done.
    Running(f32),
    /// The job ended (and is gone): the key it was started for, and its result.
    Done(K, Result<T, String>),
}

impl<K: PartialEq, T: Send + 'static> KeyedJob<K, T> {
    /// Progress or the result of the running job, without blocking;
    /// `progress` follows it (the fraction while it runs, `None` once done).
    pub fn poll(&mut self, progress: &mut Option<f32>) -> KeyedPoll<K, T> {
        let Some((job, key)) = self.running.take() else { return KeyedPoll::Idle };
        match job.poll() {
            Poll::Running(done) => {
                *progress = Some(done);
                self.running = Some((job, key));
                KeyedPoll::Running(done)
            }
            Poll::Done(result) => {
                *progress = None;
                KeyedPoll::Done(key, result)
            }
        }
    }

    /// Like [`Self::poll`], for a job whose every ending counts (a failure
    /// too is not tried again for the same key): the result once the job
    /// ended, its key then done; `None` while it runs or when none does.
    pub fn poll_done(&mut self, progress: &mut Option<f32>) -> Option<Result<T, String>> {
        match self.poll(progress) {
            KeyedPoll::Done(key, result) => {
                self.finish(key);
                Some(result)
            }
            KeyedPoll::Running(_) | KeyedPoll::Idle => None,
        }
    }

    /// Keeps `spawned` as the job running for `key`, its progress at 0; when
    /// its thread could not start, `key` counts as done and the error is
    /// returned, so it is not tried again for the same key.
    pub fn start(
        &mut self,
        key: K,
        spawned: std::io::Result<Job<T>>,
        progress: &mut Option<f32>,
    ) -> Result<(), String> {
        match spawned {
            Ok(job) => {
                *progress = Some(0.0);
                self.running = Some((job, key));
                Ok(())
            }
            Err(e) => {
                self.done_for = Some(key);
                Err(e.to_string())
            }
        }
    }

    /// True while a job runs.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// The key the running job was started for.
    pub fn running_key(&self) -> Option<&K> {
        self.running.as_ref().map(|(_, key)| key)
    }

    /// Asks the running job, if any, to stop at its next progress report.
    pub fn cancel(&self) {
        if let Some((job, _)) = &self.running {
            job.cancel();
        }
    }

    /// Records that the result for `key` is in (or failed: it is not tried
    /// again for the same key).
    pub fn finish(&mut self, key: K) {
        self.done_for = Some(key);
    }

    /// True when the last finished run was for `key`.
    pub fn is_done_for(&self, key: &K) -> bool {
        self.done_for.as_ref() == Some(key)
    }

    /// Cancels and forgets the running job and what the last one was for
    /// (another file was opened).
    pub fn reset(&mut self) {
        self.cancel();
        self.running = None;
        self.done_for = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reports_progress_and_its_result() {
        let job = Job::spawn(
            "test",
            || {},
            |h| {
                h.progress(0.5);
                Ok(42)
            },
        )
        .expect("spawn");
        let result = loop {
            match job.poll() {
                Poll::Running(p) => assert!((0.0..=1.0).contains(&p)),
                Poll::Done(r) => break r,
            }
            std::thread::yield_now();
        };
        assert_eq!(result, Ok(42));
    }

    #[test]
    fn cancel_is_seen_by_the_worker() {
        let (go_tx, go_rx) = channel::<()>();
        let job = Job::spawn(
            "test",
            || {},
            move |h| {
                go_rx.recv().map_err(|e| e.to_string())?;
                if h.progress(0.1) { Ok("finished") } else { Err("cancelled".into()) }
            },
        )
        .expect("spawn");
        job.cancel();
        go_tx.send(()).expect("start");
        let result = loop {
            if let Poll::Done(r) = job.poll() {
                break r;
            }
            std::thread::yield_now();
        };
        assert_eq!(result, Err("cancelled".into()));
    }

    #[test]
    fn a_keyed_job_says_which_key_its_result_is_for() {
        let mut keyed = KeyedJob::default();
        let mut progress = None;
        assert_eq!(keyed.poll(&mut progress), KeyedPoll::Idle);
        let spawned = Job::spawn("test", || {}, |_| Ok("rows"));
        keyed.start(7, spawned, &mut progress).expect("started");
        assert_eq!(progress, Some(0.0));
        assert_eq!(keyed.running_key(), Some(&7));
        let (key, result) = loop {
            match keyed.poll(&mut progress) {
                KeyedPoll::Running(_) => std::thread::yield_now(),
                KeyedPoll::Done(key, result) => break (key, result),
                KeyedPoll::Idle => panic!("the job went missing"),
            }
        };
        assert_eq!((key, result), (7, Ok("rows")));
        assert_eq!(progress, None);
        assert!(!keyed.is_running());
        assert!(!keyed.is_done_for(&7), "the caller says when a result is taken");
        keyed.finish(7);
        assert!(keyed.is_done_for(&7));
        keyed.reset();
        assert!(!keyed.is_done_for(&7));
    }
}
