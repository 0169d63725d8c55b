//! One row of the settings panel: the parameter's label, its editor with
//! the unit, its default with a "back to default" button, and its message.

use egui::RichText;

use super::form::{Form, Period};
use crate::domain::settings::Acquisition;
use crate::domain::settings::form::{Field, Kind};
use crate::ui::{AppCtx, theme};

/// The least widths of the label, editor and default columns, the same in
/// every group's grid so that they line up.
const LABEL_WIDTH: f32 = 250.0;
const EDITOR_WIDTH: f32 = 490.0;
const DEFAULT_WIDTH: f32 = 280.0;

/// Which parameter to scroll to and focus this frame, and which to mark.
#[derive(Clone, Copy, Debug)]
pub(super) struct Focus {
    pub once: Option<&'static str>,
    pub mark: Option<&'static str>,
}

/// The parameter's label, marked when the rules view asked for it.
pub(super) fn label_ui(ui: &mut egui::Ui, text: &str, key: &str, focus: Focus) -> egui::Response {
    let text = RichText::new(text);
    let text = if focus.mark == Some(key) { text.strong().color(theme::ACCENT) } else { text };
    let label = ui.label(text);
    if focus.once == Some(key) {
        label.scroll_to_me(Some(egui::Align::Center));
    }
    label
}

/// Draws one parameter's row of the grid; true when it was edited.
pub(super) fn row_ui(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    form: &mut Form,
    defaults: &Form,
    field: &Field,
    focus: Focus,
) -> bool {
    let s = ctx.t.settings;
    let key = field.key;
    let label = ui.horizontal(|ui| {
        ui.set_min_width(LABEL_WIDTH);
        label_ui(ui, s.label(key), key, focus)
    });
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.set_min_width(EDITOR_WIDTH);
        changed = editor_ui(ui, ctx, form, field, label.inner.id, focus);
    });
    let (default_text, is_default) = default_of(ctx, form, defaults, field);
    ui.horizontal(|ui| {
        ui.set_min_width(DEFAULT_WIDTH);
        ui.weak((s.default_is)(&default_text));
        if ui.add_enabled(!is_default, egui::Button::new(s.back_to_default).small()).clicked() {
            form.show_one(&defaults.base, key);
            changed = true;
        }
    });
    ui.end_row();
    // The message goes right under the field, on a row of its own.
    if let Some(problem) = form.problem(key) {
        ui.label("");
        ui.colored_label(theme::ERROR, s.problem(problem));
        ui.end_row();
    }
    changed
}

/// The field's editor; true when edited.
fn editor_ui(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    form: &mut Form,
    field: &Field,
    label: egui::Id,
    focus: Focus,
) -> bool {
    let s = ctx.t.settings;
    match (field.key, field.kind) {
        ("working_days", _) => {
            let mut changed = false;
            for (day, name) in form.weekdays.iter_mut().zip(s.weekdays) {
                changed |= ui.toggle_value(day, name).changed();
            }
            changed
        }
        ("working_hours", _) => periods_ui(ui, ctx, &mut form.hours, "hours", label),
        ("ac_check_windows", _) => periods_ui(ui, ctx, &mut form.windows, "windows", label),
        ("acquisition", _) => {
            // On one line, as every editor is: the grid's rows stay one line high.
            let mut changed = false;
            for (value, name, hint) in [
                (Acquisition::Transaction, s.transaction_view, s.transaction_hint),
                (Acquisition::Process, s.process_view, s.process_hint),
            ] {
                changed |= ui
                    .radio_value(&mut form.acquisition, value, name)
                    .on_hover_text(hint)
                    .changed();
            }
            changed
        }
        (key, _) => {
            let Some(text) = form.texts.get_mut(key) else { return false };
            let edit = egui::TextEdit::singleline(text).desired_width(64.0);
            let response = ui.add(edit).labelled_by(label);
            if focus.once == Some(key) {
                response.request_focus();
            }
            ui.label(s.unit(field.unit));
            response.changed()
        }
    }
}

/// Periods as rows of two times with a remove button, and an add button.
fn periods_ui(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    rows: &mut Vec<Period>,
    salt: &str,
    label: egui::Id,
) -> bool {
    let s = ctx.t.settings;
    let mut changed = false;
    let mut remove = None;
    ui.horizontal(|ui| {
        for (i, (from, to)) in rows.iter_mut().enumerate() {
            ui.push_id((salt, i), |ui| {
                ui.horizontal(|ui| {
                    let width = 48.0;
                    changed |= ui
                        .add(egui::TextEdit::singleline(from).desired_width(width))
                        .labelled_by(label)
                        .changed();
                    ui.label("–");
                    changed |= ui
                        .add(egui::TextEdit::singleline(to).desired_width(width))
                        .labelled_by(label)
                        .changed();
                    if ui.small_button(s.remove).clicked() {
                        remove = Some(i);
                    }
                });
            });
        }
        if ui.small_button(s.add_range).clicked() {
            rows.push((String::new(), String::new()));
            changed = true;
        }
    });
    if let Some(i) = remove {
        rows.remove(i);
        changed = true;
    }
    changed
}

/// The default as shown beside the field, and whether the field holds it.
fn default_of(ctx: &AppCtx<'_>, form: &Form, defaults: &Form, field: &Field) -> (String, bool) {
    let s = ctx.t.settings;
    let periods = |rows: &[Period]| {
        rows.iter().map(|(a, b)| format!("{a}–{b}")).collect::<Vec<_>>().join(", ")
    };
    match field.key {
        "working_days" => {
            let days: Vec<&str> = s
                .weekdays
                .iter()
                .zip(defaults.weekdays)
                .filter(|(_, on)| *on)
                .map(|(d, _)| *d)
                .collect();
            (days.join(" "), form.weekdays == defaults.weekdays)
        }
        "working_hours" => (periods(&defaults.hours), form.hours == defaults.hours),
        "ac_check_windows" => (periods(&defaults.windows), form.windows == defaults.windows),
        "acquisition" => {
            let name = match defaults.acquisition {
                Acquisition::Transaction => s.transaction_view,
                Acquisition::Process => s.process_view,
            };
            (name.to_owned(), form.acquisition == defaults.acquisition)
        }
        key => {
            let default = defaults.texts.get(key).map_or("", String::as_str);
            let same = form.texts.get(key).is_some_and(|t| t.trim() == default);
            let shown = match field.kind {
                Kind::Special => default.to_owned(),
                _ => s.with_unit(default, field.unit),
            };
            (shown, same)
        }
    }
}
