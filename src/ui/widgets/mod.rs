//! Small reusable widgets: labelled vocabulary pickers, text rows and field
//! error lines; the confirm modal, the customer picker and the list with an
//! add row live in their own files.

pub mod confirm;
pub mod customer_picker;
pub mod list_add;
pub mod path_dialog;

pub use confirm::Confirm;
pub use customer_picker::{customer_picker, find_customer};
pub use list_add::{hinted_fields, list_add_ui};

use crate::domain::Lang;
use crate::domain::terms::Vocabulary;

/// A label that never breaks inside its text: in a wrapped row it moves
/// to the next line whole (short labels broke as "关 / 系阶梯", and
/// "没有这个客户代码" after its first character).
pub fn whole_label(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) -> egui::Response {
    ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend))
}

/// A message about a problem, in the error colour: wrapped at word
/// boundaries where there is room for a dozen characters a line, else
/// kept whole (a squeezed cell broke "没有这个客户代码" after its first
/// character; a whole long one ran past a panel's edge).
pub fn error_label(ui: &mut egui::Ui, text: &str) -> egui::Response {
    let text = egui::RichText::new(text).color(super::theme::ERROR);
    let room = ui.available_width() >= 12.0 * ui.text_style_height(&egui::TextStyle::Body);
    let mode = if room { egui::TextWrapMode::Wrap } else { egui::TextWrapMode::Extend };
    ui.add(egui::Label::new(text).wrap_mode(mode))
}

/// A label and a combo box choosing one value of a vocabulary; the label
/// names the combo box for screen readers and tests.
pub fn vocab_combo<V: Vocabulary>(ui: &mut egui::Ui, label: &str, lang: Lang, value: &mut V) {
    let label = whole_label(ui, label);
    let _combo = egui::ComboBox::from_id_salt(label.id)
        .selected_text(value.label(lang))
        .show_ui(ui, |ui| {
            for v in V::all() {
                ui.selectable_value(value, *v, v.label(lang));
            }
        })
        .response
        .labelled_by(label.id);
}

/// A label and a combo box choosing a vocabulary value or none
/// (`none_label`, e.g. "All" in a filter or "—" in a form).
pub fn vocab_combo_opt<V: Vocabulary>(
    ui: &mut egui::Ui,
    label: &str,
    lang: Lang,
    none_label: &str,
    value: &mut Option<V>,
) {
    let label = whole_label(ui, label);
    let shown = value.map_or(none_label, |v| v.label(lang));
    let _combo = egui::ComboBox::from_id_salt(label.id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, none_label);
            for v in V::all() {
                ui.selectable_value(value, Some(*v), v.label(lang));
            }
        })
        .response
        .labelled_by(label.id);
}

/// A group of widgets kept together on one line of a `horizontal_wrapped`
/// row (a label and its list): egui wraps single widgets, not groups, so a
/// group that does not fit what is left of the line would run past the
/// panel's edge (a filter cut off in presenter mode at 200 %). It starts
/// the next line first when the line has less room than the group took
/// last frame.
pub fn wrapped_group<R>(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let id = ui.make_persistent_id(("wrapped_group", id_salt));
    let width: Option<f32> = ui.data(|d| d.get_temp(id));
    let line_started = ui.cursor().min.x > ui.max_rect().min.x + 0.5;
    if line_started && width.is_some_and(|w| ui.available_size_before_wrap().x < w) {
        ui.end_row();
    }
    let group = ui.horizontal(add);
    ui.data_mut(|d| d.insert_temp(id, group.response.rect.width()));
    group.inner
}

/// A label and a combo box with a fixed id salt choosing one of `all`, each
/// shown by `name`; the label names the combo box.
pub fn labelled_combo<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    id_salt: &str,
    value: &mut T,
    all: &[T],
    name: impl Fn(T) -> &'static str,
) {
    let label = whole_label(ui, label);
    let _combo = egui::ComboBox::from_id_salt(id_salt)
        .selected_text(name(*value))
        .show_ui(ui, |ui| {
            for v in all {
                ui.selectable_value(value, *v, name(*v));
            }
        })
        .response
        .labelled_by(label.id);
}

/// A table heading that sorts by its column: its title with an arrow when
/// the table is sorted by it (`sorted`: `Some(ascending)`); returns whether
/// it was clicked.
pub fn sort_heading(ui: &mut egui::Ui, title: &str, sorted: Option<bool>) -> bool {
    let arrow = match sorted {
        Some(true) => " ↑",
        Some(false) => " ↓",
        None => "",
    };
    let label = egui::RichText::new(format!("{title}{arrow}")).strong();
    ui.add(egui::Button::new(label).frame(false)).clicked()
}

/// A label and a one-line text field it names.
pub fn text_row(ui: &mut egui::Ui, label: &str, value: &mut String, hint: Option<&str>) {
    let label = whole_label(ui, label);
    let mut edit = egui::TextEdit::singleline(value).desired_width(220.0);
    if let Some(hint) = hint {
        edit = edit.hint_text(hint);
    }
    let _field = ui.add(edit).labelled_by(label.id);
}

/// In a two-column grid: a row under a field saying in red what is wrong
/// with it; nothing when the field is fine.
pub fn error_row(ui: &mut egui::Ui, message: Option<String>) {
    if let Some(message) = message {
        ui.label("");
        ui.colored_label(super::theme::ERROR, message);
        ui.end_row();
    }
}

/// The label of a chart's x-axis mark when the x values are indices into
/// `labels` (months, categories); empty between indices.
pub fn index_label(labels: &[String], x: f64) -> String {
    let nearest = x.round();
    if (x - nearest).abs() >= 1e-6 || nearest < 0.0 {
        return String::new();
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // Checked non-negative.
    let i = nearest as usize;
    labels.get(i).cloned().unwrap_or_default()
}
