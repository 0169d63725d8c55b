//! A progress bar on stderr when stderr is a terminal, and nothing when it
//! is not (CLI.md).

use std::io::IsTerminal as _;

/// Draws `label [#####     ] 42%` on stderr, only on a terminal.
pub struct Progress {
    label: &'static str,
    shown: Option<u32>,
    enabled: bool,
}

impl Progress {
    /// A bar for one long step.
    pub fn new(label: &'static str) -> Self {
        Self { label, shown: None, enabled: std::io::stderr().is_terminal() }
    }

    /// Shows the fraction done (0.0–1.0); redraws only when the percent moves.
    pub fn set(&mut self, done: f32) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // Clamped 0–100.
        let percent = (done.clamp(0.0, 1.0) * 100.0) as u32;
        if !self.enabled || self.shown == Some(percent) {
            return;
        }
        self.shown = Some(percent);
        let filled = (percent / 4) as usize;
        eprint!(
            "\r{} [{}{}] {percent:3}%",
            self.label,
            "#".repeat(filled),
            " ".repeat(25 - filled)
        );
    }

    /// Ends the bar's line.
    pub fn finish(&mut self) {
        if self.enabled && self.shown.is_some() {
            eprintln!();
        }
    }
}
