//! Long work on a named background thread: progress (0–1) and cancel shared
//! with the UI, and the result delivered through a channel that the app
//! drains in `logic` (never blocking a frame).

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
}
