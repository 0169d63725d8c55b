//! The import wizard: file → kind, encoding, sheet → a preview of the first
//! rows as they will be stored → check every row (a dry run on a worker)
//! → import with progress and cancel → the result, with Undo import.
//! The wizard only holds its choices and what the app reports back; reading
//! and writing happen in the app's jobs.

use std::path::PathBuf;

use egui::RichText;

use super::{AppCommand, AppCtx, theme};
use crate::domain::Lang;
use crate::domain::import::{FieldSpec, ImportKind};
use crate::store::import::EncodingChoice;
use crate::store::import::preview::Preview;

/// Where the wizard is.
#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    /// Choosing kind, encoding and sheet, with the preview.
    Setup,
    /// A check or an import is running (`true` = importing), with progress.
    Running { importing: bool, done: f32 },
    /// The dry run found these problems (all listed, and how many).
    Problems { listed: Vec<String>, total: usize },
    /// The dry run passed: rows and new customers.
    Checked { rows: usize, customers: usize },
    /// Imported: rows, new customers, bad rows left out, the backup written first.
    Imported { rows: usize, customers: usize, skipped: usize, backup: Option<PathBuf> },
    /// Stopped with a message (cancelled, a file error, …).
    Stopped(String),
    /// The import is being undone (the backup put back), with progress.
    Undoing { done: f32 },
    /// The import was undone.
    Undone,
}

/// The wizard's state (owned by the app while the wizard is open).
#[derive(Clone, Debug)]
pub struct ImportWizard {
    pub path: PathBuf,
    pub kind: ImportKind,
    pub encoding: EncodingChoice,
    pub sheet: Option<String>,
    pub create_customers: bool,
    /// What to do with customers already there (customers imports).
    pub duplicates: crate::store::import::Duplicates,
    /// The user's column choices, `(field, column)` as `--map` takes them
    /// (an empty column: the field is not imported).
    pub map: Vec<(String, String)>,
    /// True when `map` was remembered from an earlier file with the same headers.
    pub remembered: bool,
    /// The layout whose remembered choices were applied (not again).
    pub layout_seen: Option<String>,
    /// Leave rows with problems out and import the others.
    pub skip_bad: bool,
    pub preview: Option<Result<Preview, String>>,
    pub stage: Stage,
    /// The choices the preview was read with (re-read when they change).
    previewed: Option<Previewed>,
}

/// The choices a preview depends on.
#[derive(Clone, Debug, PartialEq)]
struct Previewed {
    kind: ImportKind,
    encoding: EncodingChoice,
    sheet: Option<String>,
    /// The column chosen for each field (field, column).
    map: Vec<(String, String)>,
}

impl ImportWizard {
    /// A wizard for a file; the kind is guessed from the file name.
    pub fn new(path: PathBuf) -> Self {
        let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
        let kind = ImportKind::ALL
            .iter()
            .copied()
            .find(|k| name.contains(k.cli_name()))
            .unwrap_or(ImportKind::Transactions);
        Self {
            path,
            kind,
            encoding: EncodingChoice::Auto,
            sheet: None,
            create_customers: false,
            duplicates: crate::store::import::Duplicates::Refuse,
            map: Vec::new(),
            remembered: false,
            layout_seen: None,
            skip_bad: false,
            preview: None,
            stage: Stage::Setup,
            previewed: None,
        }
    }

    /// True when the preview is out of date with the choices.
    pub fn needs_preview(&self) -> bool {
        self.previewed.as_ref() != Some(&self.choices())
    }

    fn choices(&self) -> Previewed {
        Previewed {
            kind: self.kind,
            encoding: self.encoding,
            sheet: self.sheet.clone(),
            map: self.map.clone(),
        }
    }

    /// Records that a preview was read for the current choices.
    pub fn set_preview(&mut self, preview: Result<Preview, String>) {
        self.previewed = Some(self.choices());
        self.preview = Some(preview);
    }

    /// The key column choices are remembered by: the kind and the file's
    /// headers as matched (so `Customer Code` and `customer_code` are the
    /// same layout). `None` until the headers are read.
    pub fn layout_key(&self) -> Option<String> {
        let Some(Ok(preview)) = &self.preview else { return None };
        let headers: Vec<String> = preview
            .headers
            .iter()
            .map(|h| crate::domain::import::mapping::normalise_header(h))
            .collect();
        Some(format!("{}:{}", self.kind.cli_name(), headers.join("\u{1f}")))
    }

    /// Sets the column of `field` (`None`: not imported).
    fn choose_column(&mut self, field: &str, column: Option<usize>, headers: &[String]) {
        let column = column
            .map(|c| crate::domain::import::mapping::column_name(headers, c))
            .unwrap_or_default();
        self.map.retain(|(f, _)| f != field);
        self.map.push((field.to_owned(), column));
        self.remembered = false;
    }

    /// Draws the wizard window; `open` turns false when it is closed.
    pub fn ui(&mut self, ctx: &egui::Context, app: &AppCtx<'_>) {
        let w = app.t.import;
        let mut open = true;
        egui::Window::new(w.title)
            .id(egui::Id::unique("import_wizard"))
            .open(&mut open)
            .default_size([1000.0, 600.0])
            .collapsible(false)
            .show(ctx, |ui| self.body_ui(ui, app));
        if !open {
            app.send(AppCommand::ImportClose);
        }
    }

    fn body_ui(&mut self, ui: &mut egui::Ui, app: &AppCtx<'_>) {
        let w = app.t.import;
        let running = matches!(self.stage, Stage::Running { .. } | Stage::Undoing { .. });
        let finished = matches!(self.stage, Stage::Imported { .. } | Stage::Undone);
        ui.label(format!("{}: {}", w.file, self.path.display()));
        ui.add_enabled_ui(!running && !finished, |ui| {
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(w.kind);
                let (kind_before, encoding_before, sheet_before) =
                    (self.kind, self.encoding, self.sheet.clone());
                let _kind = egui::ComboBox::from_id_salt("import_kind")
                    .selected_text((w.kind_name)(self.kind))
                    .show_ui(ui, |ui| {
                        for k in ImportKind::ALL {
                            ui.selectable_value(&mut self.kind, *k, (w.kind_name)(*k));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                let label = ui.label(w.encoding);
                let _enc = egui::ComboBox::from_id_salt("import_encoding")
                    .selected_text(encoding_name(w, self.encoding))
                    .show_ui(ui, |ui| {
                        for e in [
                            EncodingChoice::Auto,
                            EncodingChoice::Utf8,
                            EncodingChoice::Gbk,
                            EncodingChoice::Gb18030,
                        ] {
                            ui.selectable_value(&mut self.encoding, e, encoding_name(w, e));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                let sheets = match &self.preview {
                    Some(Ok(p)) => p.sheets.clone(),
                    _ => Vec::new(),
                };
                if !sheets.is_empty() {
                    let label = ui.label(w.sheet);
                    let shown = self.sheet.clone().unwrap_or_else(|| sheets[0].clone());
                    let _sheet = egui::ComboBox::from_id_salt("import_sheet")
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            for s in &sheets {
                                ui.selectable_value(&mut self.sheet, Some(s.clone()), s);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                }
                ui.checkbox(&mut self.create_customers, w.create_customers);
                if self.kind == ImportKind::Customers {
                    let label = ui.label(w.duplicates);
                    let _dup = egui::ComboBox::from_id_salt("import_duplicates")
                        .selected_text((w.duplicate_choice)(self.duplicates))
                        .show_ui(ui, |ui| {
                            for d in crate::store::import::Duplicates::ALL {
                                ui.selectable_value(
                                    &mut self.duplicates,
                                    d,
                                    (w.duplicate_choice)(d),
                                );
                            }
                        })
                        .response
                        .labelled_by(label.id);
                }
                if kind_before != self.kind
                    || encoding_before != self.encoding
                    || sheet_before != self.sheet
                {
                    self.stage = Stage::Setup;
                    if kind_before != self.kind {
                        // Column choices belong to one kind's fields.
                        self.map.clear();
                        self.remembered = false;
                    }
                }
            });
        });
        ui.separator();
        let map = self.map.clone();
        ui.add_enabled_ui(!running && !finished, |ui| self.preview_ui(ui, app));
        if map != self.map {
            self.stage = Stage::Setup;
            self.skip_bad = false;
        }
        ui.separator();
        self.stage_ui(ui, app);
    }

    fn preview_ui(&mut self, ui: &mut egui::Ui, app: &AppCtx<'_>) {
        let w = app.t.import;
        let mut chosen: Option<(&'static str, Option<usize>)> = None;
        match &self.preview {
            None => {}
            Some(Err(e)) => {
                ui.colored_label(theme::ERROR, e);
            }
            Some(Ok(p)) => {
                ui.horizontal(|ui| {
                    ui.strong(w.preview);
                    if !self.map.is_empty() && ui.button(w.rematch).clicked() {
                        self.map.clear();
                        self.remembered = false;
                    }
                });
                if let Some(e) = p.encoding {
                    ui.weak((w.read_as)(e));
                }
                if self.remembered {
                    ui.weak(w.remembered);
                }
                for e in &p.mapping_errors {
                    ui.colored_label(theme::ERROR, e);
                }
                if !p.mapping_errors.is_empty() {
                    ui.label(w.choose_columns);
                }
                if !p.unknown_columns.is_empty() {
                    ui.weak((w.ignored)(&p.unknown_columns.join(", ")));
                }
                // Solid scroll bars: a floating one would lie over the lists of
                // columns when the preview has few rows, and take their clicks.
                ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
                egui::ScrollArea::both().id_salt("import_preview").max_height(260.0).show(
                    ui,
                    |ui| {
                        egui::Grid::new("import_preview_grid").striped(true).show(ui, |ui| {
                            ui.strong(w.row);
                            let mut heads = Vec::new();
                            let specs = self.kind.fields();
                            for (field, required, column) in &p.fields {
                                let name = field_name(specs, field, app.lang);
                                let head = match column {
                                    None if *required => format!("{name} ({})", w.required),
                                    _ => name,
                                };
                                let colour = if column.is_none() && *required {
                                    theme::ERROR
                                } else {
                                    ui.visuals().strong_text_color()
                                };
                                heads.push(ui.label(RichText::new(head).color(colour)).id);
                            }
                            ui.strong("");
                            ui.end_row();
                            ui.weak(w.column);
                            for ((field, _, column), head) in p.fields.iter().zip(heads) {
                                let choice = ColumnChoice { field, column: *column, head };
                                if let Some(c) = choice.ui(ui, w, &p.headers) {
                                    chosen = Some((field, c));
                                }
                            }
                            ui.label("");
                            ui.end_row();
                            for (row, cells, problems) in &p.rows {
                                ui.label(row.to_string());
                                for cell in cells {
                                    ui.label(cell);
                                }
                                if problems.is_empty() {
                                    // The preview reads the cells only; the
                                    // full check may still refuse the row.
                                    ui.weak(app.t.polish.not_checked);
                                } else {
                                    ui.colored_label(theme::ERROR, problems.join("; "));
                                }
                                ui.end_row();
                            }
                        });
                    },
                );
            }
        }
        if let Some((field, column)) = chosen {
            let headers = match &self.preview {
                Some(Ok(p)) => p.headers.clone(),
                _ => Vec::new(),
            };
            self.choose_column(field, column, &headers);
        }
    }

    fn stage_ui(&mut self, ui: &mut egui::Ui, app: &AppCtx<'_>) {
        let w = app.t.import;
        let usable = matches!(&self.preview, Some(Ok(p)) if p.mapping_errors.is_empty());
        match &self.stage {
            Stage::Setup => {
                if ui.add_enabled(usable, egui::Button::new(w.check)).clicked() {
                    app.send(AppCommand::ImportRun { write: false });
                }
            }
            Stage::Running { importing, done } => {
                ui.horizontal(|ui| {
                    let text = if *importing { w.importing } else { w.checking };
                    ui.add(egui::ProgressBar::new(*done).desired_width(300.0).text(text));
                    if ui.button(w.cancel).clicked() {
                        app.send(AppCommand::ImportCancel);
                    }
                });
            }
            Stage::Problems { listed, total } => {
                ui.colored_label(theme::ERROR, (w.checked_bad)(*total));
                egui::ScrollArea::vertical().id_salt("import_problems").max_height(140.0).show(
                    ui,
                    |ui| {
                        for line in listed {
                            ui.label(line);
                        }
                    },
                );
                ui.horizontal(|ui| {
                    if ui.button(w.export_errors).clicked() {
                        app.send(AppCommand::ImportSaveProblems);
                    }
                    if ui.add_enabled(usable, egui::Button::new(w.check)).clicked() {
                        app.send(AppCommand::ImportRun { write: false });
                    }
                });
                ui.checkbox(&mut self.skip_bad, w.skip_bad);
                // Nothing is imported past a problem unless the user chose to
                // leave the bad rows out.
                if ui.add_enabled(usable && self.skip_bad, egui::Button::new(w.import)).clicked() {
                    app.send(AppCommand::ImportRun { write: true });
                }
            }
            Stage::Checked { rows, customers } => {
                ui.colored_label(theme::OK, (w.checked_ok)(*rows, *customers));
                if ui.button(w.import).clicked() {
                    app.send(AppCommand::ImportRun { write: true });
                }
            }
            Stage::Imported { rows, customers, skipped, backup } => {
                ui.colored_label(theme::OK, (w.done)(*rows, *customers));
                if *skipped > 0 {
                    ui.colored_label(theme::GOLD, (w.skipped_bad)(*skipped));
                }
                if let Some(b) = backup {
                    ui.weak((w.backup_at)(&b.display().to_string()));
                }
                ui.horizontal(|ui| {
                    if ui.button(w.undo).clicked() {
                        app.send(AppCommand::ImportUndo);
                    }
                    if ui.button(w.close).clicked() {
                        app.send(AppCommand::ImportClose);
                    }
                });
            }
            Stage::Stopped(message) => {
                ui.colored_label(theme::ERROR, message);
                if ui.add_enabled(usable, egui::Button::new(w.check)).clicked() {
                    app.send(AppCommand::ImportRun { write: false });
                }
            }
            Stage::Undoing { done } => {
                ui.add(egui::ProgressBar::new(*done).desired_width(300.0).text(w.undoing));
            }
            Stage::Undone => {
                ui.colored_label(theme::OK, w.undone);
                if ui.button(w.close).clicked() {
                    app.send(AppCommand::ImportClose);
                }
            }
        }
    }
}

/// The list to choose the column of one field from.
struct ColumnChoice<'a> {
    field: &'a str,
    column: Option<usize>,
    /// The field's heading, which names the list.
    head: egui::Id,
}

impl ColumnChoice<'_> {
    /// Draws the list; `Some` is the new choice (`Some(None)`: not imported).
    fn ui(
        &self,
        ui: &mut egui::Ui,
        w: &crate::ui::i18n_import::TrImport,
        headers: &[String],
    ) -> Option<Option<usize>> {
        let name = |c: Option<usize>| match c.and_then(|c| headers.get(c)) {
            Some(h) if !h.is_empty() => h.clone(),
            Some(_) => format!("#{}", c.unwrap_or_default() + 1),
            None => w.not_imported.to_owned(),
        };
        let mut column = self.column;
        egui::ComboBox::from_id_salt(("import_column", self.field))
            .selected_text(name(column))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut column, None, w.not_imported);
                for c in 0..headers.len() {
                    ui.selectable_value(&mut column, Some(c), name(Some(c)));
                }
            })
            .response
            .labelled_by(self.head);
        (column != self.column).then_some(column)
    }
}

/// How an encoding choice is shown: "detect" for automatic, else its name.
fn encoding_name(w: &crate::ui::i18n_import::TrImport, encoding: EncodingChoice) -> &'static str {
    match encoding {
        EncodingChoice::Auto => w.auto_encoding,
        other => other.cli_name(),
    }
}

/// A field's heading in the preview: its Chinese name before it when the
/// window is in Chinese.
fn field_name(specs: &[FieldSpec], field: &str, lang: Lang) -> String {
    let chinese = match lang {
        Lang::Zh => specs.iter().find(|f| f.name == field).and_then(FieldSpec::chinese),
        Lang::En => None,
    };
    match chinese {
        Some(zh) => format!("{zh} {field}"),
        None => field.to_owned(),
    }
}
