//! The built-in file dialog, for when the system's cannot open (a Linux
//! desktop with neither xdg-desktop-portal nor zenity): a message saying
//! what to install, a path field that completes names with Tab, and the
//! names in the folder typed. It reads no files itself: the app lists the
//! folder ([`PathDialog::folder`]) into [`PathDialog::listing`] before the
//! frame, and checks the path chosen.

use std::path::{Path, PathBuf, is_separator};

use egui::{Key, Modifiers};

use crate::ui::i18n_files::TrFiles;
use crate::ui::theme;

/// How many names of the folder are listed under the field.
const LISTED: usize = 200;

/// One name in the folder being typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    /// A folder (a click goes into it).
    pub dir: bool,
}

/// The names in a folder, folders first, each group by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    /// The folder listed.
    pub dir: PathBuf,
    pub entries: Vec<Entry>,
    /// The folder could not be read (missing, not a folder, no rights).
    pub unreadable: bool,
}

/// The built-in dialog's state.
#[derive(Debug)]
pub struct PathDialog {
    /// Naming a file to write (else choosing one to open).
    pub save: bool,
    /// The path as typed.
    pub text: String,
    /// The folder a relative path is read from.
    pub start: PathBuf,
    /// The folder of [`Self::text`] as last listed by the app.
    pub listing: Option<Listing>,
    /// Why the last path chosen was not taken (set by the app).
    pub error: Option<String>,
    /// The field is to take the keyboard focus (when the dialog opens, and
    /// after a name was clicked).
    focus: bool,
    /// `Some(Some(path))` chosen, `Some(None)` cancelled, until taken.
    decided: Option<Option<PathBuf>>,
}

impl PathDialog {
    /// A dialog in `folder` with `name` (empty to open) in the field.
    pub fn new(save: bool, folder: &Path, name: &str) -> Self {
        Self {
            save,
            text: folder.join(name).display().to_string(),
            start: folder.to_owned(),
            listing: None,
            error: None,
            focus: true,
            decided: None,
        }
    }

    /// The path the field names (a relative one from [`Self::start`]).
    pub fn path(&self) -> PathBuf {
        self.start.join(self.text.trim())
    }

    /// The folder whose names are to be listed: the one typed up to its
    /// last separator.
    pub fn folder(&self) -> PathBuf {
        let text = self.text.trim();
        match text.rfind(is_separator) {
            Some(at) => self.start.join(&text[..=at]),
            None => self.start.clone(),
        }
    }

    /// The decision, once: `Some(Some(path))` when a path was chosen,
    /// `Some(None)` when the dialog was cancelled.
    pub fn take_decision(&mut self) -> Option<Option<PathBuf>> {
        self.decided.take()
    }

    /// Draws the dialog (a modal: the window waits for it).
    pub fn ui(&mut self, ctx: &egui::Context, t: &TrFiles) {
        let modal = egui::Modal::new(egui::Id::unique("path_dialog")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(if self.save { t.title_save } else { t.title_open });
            ui.colored_label(theme::WARNING, t.no_native);
            ui.add_space(6.0);
            self.field_ui(ui, t);
            ui.small(t.hint);
            if let Some(error) = &self.error {
                ui.colored_label(theme::ERROR, error);
            }
            self.names_ui(ui, t);
            ui.horizontal(|ui| {
                let act = if self.save { t.save } else { t.open };
                if ui.button(act).clicked() {
                    self.decided = Some(Some(self.path()));
                }
                if ui.button(t.cancel).clicked() {
                    self.decided = Some(None);
                }
            });
        });
        if modal.should_close() && self.decided.is_none() {
            self.decided = Some(None);
        }
    }

    /// The path field: Tab completes, Enter chooses.
    fn field_ui(&mut self, ui: &mut egui::Ui, t: &TrFiles) {
        let label = ui.label(t.path);
        let id = ui.make_persistent_id("path_field");
        // The field keeps the focus on Tab (`lock_focus`; a single line
        // inserts no tab character), which completes once the field has
        // taken the text typed in the same frame.
        let field = egui::TextEdit::singleline(&mut self.text)
            .id(id)
            .lock_focus(true)
            .desired_width(f32::INFINITY);
        let response = ui.add(field).labelled_by(label.id);
        let mut completed = false;
        if response.has_focus() && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Tab)) {
            let entries = self.listing.as_ref().map_or(&[][..], |l| l.entries.as_slice());
            if let Some(text) = complete(&self.text, entries) {
                self.text = text;
                completed = true;
            }
        }
        if std::mem::take(&mut self.focus) || completed {
            response.request_focus();
            self.cursor_to_end(ui.ctx(), id);
        }
        if response.changed() || completed {
            self.error = None;
            // Another frame, so that the app lists the folder now typed.
            ui.ctx().request_repaint();
        }
        if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            self.decided = Some(Some(self.path()));
            // Back to the field if the app refuses the path.
            self.focus = true;
        }
    }

    fn cursor_to_end(&self, ctx: &egui::Context, id: egui::Id) {
        if let Some(mut state) = egui::TextEdit::load_state(ctx, id) {
            let end = egui::text::CCursor::new(self.text.chars().count());
            state.cursor.set_char_range(Some(egui::text::CCursorRange::one(end)));
            state.store(ctx, id);
        }
    }

    /// The names in the folder that fit what is typed; a click takes one.
    fn names_ui(&mut self, ui: &mut egui::Ui, t: &TrFiles) {
        let Some(listing) = &self.listing else { return };
        if listing.unreadable {
            let shown = listing.dir.display().to_string();
            ui.colored_label(theme::ERROR, (t.cannot_list)(&shown));
            return;
        }
        let (head, typed) = split(&self.text);
        let mut taken = None;
        egui::ScrollArea::vertical().max_height(220.0).show(ui, |ui| {
            for entry in matching(&listing.entries, typed).take(LISTED) {
                let shown = if entry.dir {
                    format!("{}{}", entry.name, std::path::MAIN_SEPARATOR)
                } else {
                    entry.name.clone()
                };
                if ui.selectable_label(false, shown.as_str()).clicked() {
                    taken = Some(format!("{head}{shown}"));
                }
            }
        });
        if let Some(text) = taken {
            self.text = text;
            self.error = None;
            self.focus = true;
            ui.ctx().request_repaint();
        }
    }
}

/// `text` split after its last separator: the folder part and the name
/// being typed.
fn split(text: &str) -> (&str, &str) {
    match text.rfind(is_separator) {
        Some(at) => text.split_at(at + 1),
        None => ("", text),
    }
}

/// The entries whose names start with `typed`; names beginning with a dot
/// only when `typed` does.
fn matching<'a>(entries: &'a [Entry], typed: &'a str) -> impl Iterator<Item = &'a Entry> {
    entries.iter().filter(move |e| {
        e.name.starts_with(typed) && (typed.starts_with('.') || !e.name.starts_with('.'))
    })
}

/// Tab completion of `text` from the names in its folder: as far as every
/// fitting name agrees, and a separator after the only one that is a
/// folder; `None` when nothing fits or nothing would be added.
pub fn complete(text: &str, entries: &[Entry]) -> Option<String> {
    let (head, typed) = split(text);
    let fits: Vec<&Entry> = matching(entries, typed).collect();
    let first = fits.first()?;
    let mut common = first.name.as_str();
    for entry in &fits[1..] {
        let agreed: usize = common
            .chars()
            .zip(entry.name.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        common = &common[..agreed];
    }
    let mut completed = format!("{head}{common}");
    if let [only] = fits.as_slice()
        && only.dir
    {
        completed.push(std::path::MAIN_SEPARATOR);
    }
    (completed != text).then_some(completed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Vec<Entry> {
        let entry = |name: &str, dir| Entry { name: name.to_owned(), dir };
        vec![
            entry("reports", true),
            entry(".hidden", true),
            entry("customers-2026-11-01.csv", false),
            entry("customers-2026-12-04.xlsx", false),
            entry("客户.xlsx", false),
        ]
    }

    #[test]
    fn tab_completes_as_far_as_the_names_agree() {
        let sep = std::path::MAIN_SEPARATOR;
        let e = entries();
        assert_eq!(complete("/d/cu", &e).as_deref(), Some("/d/customers-2026-1"));
        assert_eq!(complete("/d/customers-2026-1", &e), None, "nothing more to add");
        assert_eq!(
            complete("/d/customers-2026-12", &e).as_deref(),
            Some("/d/customers-2026-12-04.xlsx")
        );
        assert_eq!(
            complete("/d/r", &e),
            Some(format!("/d/reports{sep}")),
            "a folder gets its separator"
        );
        assert_eq!(complete("/d/客", &e).as_deref(), Some("/d/客户.xlsx"));
        assert_eq!(complete("/d/x", &e), None);
        assert_eq!(
            complete("/d/.h", &e),
            Some(format!("/d/.hidden{sep}")),
            "hidden when asked for"
        );
        assert_eq!(complete("/d/", &e).as_deref(), None, "no common start");
    }

    #[test]
    fn the_folder_listed_is_the_one_typed() {
        let mut dialog = PathDialog::new(true, Path::new("/home/a/Documents"), "x.xlsx");
        assert_eq!(dialog.folder(), Path::new("/home/a/Documents/"));
        dialog.text = "reports/y.csv".to_owned();
        assert_eq!(dialog.folder(), Path::new("/home/a/Documents/reports/"));
        assert_eq!(dialog.path(), Path::new("/home/a/Documents/reports/y.csv"));
        dialog.text = "/tmp/z.csv".to_owned();
        assert_eq!(dialog.path(), Path::new("/tmp/z.csv"));
    }
}
