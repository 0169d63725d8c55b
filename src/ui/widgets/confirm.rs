//! The one confirm modal: a heading, a body, a confirm and a cancel button;
//! closing it (Escape, a click outside) counts as cancel.

/// A confirm modal's id, texts and width.
#[derive(Clone, Copy, Debug)]
pub struct Confirm<'a> {
    /// The salt of the modal's `Id` (kept stable for tests).
    pub id: &'a str,
    /// The heading.
    pub title: &'a str,
    /// The confirm button's label.
    pub confirm: &'a str,
    /// The cancel button's label.
    pub cancel: &'a str,
    /// The modal's widest, when it is limited.
    pub max_width: Option<f32>,
}

impl<'a> Confirm<'a> {
    /// A modal with this id salt, heading and buttons, as wide as it needs.
    pub fn new(id: &'a str, title: &'a str, confirm: &'a str, cancel: &'a str) -> Self {
        Self { id, title, confirm, cancel, max_width: None }
    }

    /// Limits the modal's width.
    #[must_use]
    pub fn max_width(self, width: f32) -> Self {
        Self { max_width: Some(width), ..self }
    }

    /// Shows the modal with `body` under its heading; returns `Some(true)`
    /// when confirmed, `Some(false)` when cancelled or closed, `None` while
    /// undecided.
    pub fn show(self, ui: &egui::Ui, body: impl FnOnce(&mut egui::Ui)) -> Option<bool> {
        let mut decided = None;
        let modal = egui::Modal::new(egui::Id::unique(self.id)).show(ui.ctx(), |ui| {
            if let Some(width) = self.max_width {
                ui.set_max_width(width);
            }
            ui.heading(self.title);
            body(ui);
            ui.horizontal(|ui| {
                if ui.button(self.confirm).clicked() {
                    decided = Some(true);
                }
                if ui.button(self.cancel).clicked() {
                    decided = Some(false);
                }
            });
        });
        if modal.should_close() && decided.is_none() {
            decided = Some(false);
        }
        decided
    }
}
