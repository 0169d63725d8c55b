//! Small reusable widgets: vocabulary pickers and field error lines.

use crate::domain::Lang;
use crate::domain::terms::Vocabulary;

/// A combo box choosing one value of a vocabulary.
pub fn vocab_combo<V: Vocabulary>(ui: &mut egui::Ui, id: &str, lang: Lang, value: &mut V) {
    egui::ComboBox::from_id_salt(id).selected_text(value.label(lang)).show_ui(ui, |ui| {
        for v in V::all() {
            ui.selectable_value(value, *v, v.label(lang));
        }
    });
}

/// A combo box choosing a vocabulary value or none (`none_label`).
pub fn vocab_combo_opt<V: Vocabulary>(
    ui: &mut egui::Ui,
    id: &str,
    lang: Lang,
    none_label: &str,
    value: &mut Option<V>,
) {
    let shown = value.map_or(none_label, |v| v.label(lang));
    egui::ComboBox::from_id_salt(id).selected_text(shown).show_ui(ui, |ui| {
        ui.selectable_value(value, None, none_label);
        for v in V::all() {
            ui.selectable_value(value, Some(*v), v.label(lang));
        }
    });
}

/// A red line under a field saying what is wrong with it.
pub fn field_error(ui: &mut egui::Ui, message: Option<String>) {
    if let Some(message) = message {
        ui.colored_label(super::theme::ERROR, message);
    }
}
