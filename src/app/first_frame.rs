//! The start-up timing hook (BENCHMARKS.md): with `LADDER_FIRST_FRAME_EXIT=1`
//! the window prints how long the first frame and the customer table took
//! from process start, then closes.

use egui::ViewportCommand;

/// When the process started: `main` sets it first thing (for the timing hook).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The start-up timing hook: with `LADDER_FIRST_FRAME_EXIT=1` the window
/// prints the seconds from process start until the first frame was painted
/// (measured when the next frame begins) and until the customer table was
/// filled, then closes.
pub(super) fn first_frame_hook(ctx: &egui::Context, customers_loaded: bool) {
    use std::sync::atomic::{AtomicU32, Ordering};
    static ENABLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    static FRAMES: AtomicU32 = AtomicU32::new(0);
    if !*ENABLED.get_or_init(|| std::env::var_os("LADDER_FIRST_FRAME_EXIT").is_some()) {
        return;
    }
    let since_start = || STARTED.get().map_or(0.0, |s| s.elapsed().as_secs_f64());
    let frame = FRAMES.fetch_add(1, Ordering::Relaxed);
    if frame == 1 {
        println!("first frame painted after {:.3} s", since_start());
    }
    if frame == 0 {
        ctx.request_repaint(); // The next frame begins once this one is painted.
    } else if customers_loaded && FRAMES.swap(u32::MAX / 2, Ordering::Relaxed) < u32::MAX / 2 {
        println!("customer table filled after {:.3} s", since_start());
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }
}
