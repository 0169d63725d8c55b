//! Help → About: the version, the licence, the data folder, the database in
//! use, the bundled font and the third-party licences (a long text, of
//! which only the visible lines are laid out); and the window icon.

use std::path::Path;
use std::sync::LazyLock;

use crate::about;
use crate::ui::Tr;

/// The third-party licence text, line by line (split once).
static LICENCE_LINES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| about::THIRD_PARTY_LICENSES.lines().collect());

/// How many crates that text names (counted once).
static CRATES: LazyLock<usize> =
    LazyLock::new(|| about::third_party_crates(about::THIRD_PARTY_LICENSES).len());

/// What the About window says about where the data is.
pub(super) struct AboutFacts<'a> {
    /// The folder of the default database and its backups.
    pub(super) data_dir: Option<&'a Path>,
    /// The open database file.
    pub(super) database: Option<&'a Path>,
    pub(super) read_only: bool,
}

/// The window icon (the mark in `assets/ladder.svg`); none if the embedded
/// PNG could not be read, which `tests/packaging.rs` rules out.
pub(super) fn window_icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(about::ICON_PNG).ok()
}

/// The About window; returns true when it is to close.
pub(super) fn about_ui(ctx: &egui::Context, t: &Tr, facts: &AboutFacts<'_>) -> bool {
    let a = t.about_window;
    let modal = egui::Modal::new(egui::Id::unique("about")).show(ctx, |ui| {
        ui.set_max_width(640.0);
        ui.heading(t.about);
        ui.label(t.about_text);
        ui.add_space(6.0);
        let path =
            |p: Option<&Path>| p.map_or_else(|| a.none.to_owned(), |p| p.display().to_string());
        let mut database = path(facts.database);
        if facts.read_only {
            database = format!("{database} {}", a.read_only);
        }
        egui::Grid::new("about_facts").num_columns(2).spacing([12.0, 4.0]).show(ui, |ui| {
            for (name, value) in [
                (a.version, format!("Ladder {}", about::VERSION)),
                (a.licence, format!("{} ({})", a.licence_text, about::LICENSE)),
                (a.data_dir, path(facts.data_dir)),
                (a.database, database),
                (t.schema_version, crate::store::db::schema_version().to_string()),
                (a.font, a.font_text.to_owned()),
            ] {
                ui.label(name);
                ui.label(value);
                ui.end_row();
            }
        });
        ui.add_space(6.0);
        ui.strong(a.third_party);
        ui.label((a.third_party_intro)(*CRATES));
        licences_ui(ui);
        ui.add_space(6.0);
        ui.button(t.close).clicked()
    });
    modal.inner || modal.should_close()
}

/// The third-party licences in a scroll area, one label per visible line.
fn licences_ui(ui: &mut egui::Ui) {
    let lines = &*LICENCE_LINES;
    let height = ui.text_style_height(&egui::TextStyle::Monospace);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::ScrollArea::both()
            .min_scrolled_height(260.0)
            .max_height(260.0)
            .auto_shrink(false)
            .show_rows(ui, height, lines.len(), |ui, rows| {
                for line in &lines[rows] {
                    ui.add(egui::Label::new(egui::RichText::new(*line).monospace()).extend());
                }
            });
    });
}
