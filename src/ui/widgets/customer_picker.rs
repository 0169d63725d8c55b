//! The one customer picker: a labelled field where a customer's code is
//! typed, and the look-up of that code among the cached customer rows.

use crate::store::CustomerRow;

/// A label and a one-line field of `width` for a customer code.
pub fn code_field(ui: &mut egui::Ui, label: &str, code: &mut String, width: f32) -> egui::Response {
    let label = ui.label(label);
    ui.add(egui::TextEdit::singleline(code).desired_width(width)).labelled_by(label.id)
}

/// The customer whose code is `code` (surrounding spaces ignored).
pub fn find_customer<'r>(rows: &'r [CustomerRow], code: &str) -> Option<&'r CustomerRow> {
    let code = code.trim();
    rows.iter().find(|c| c.code == code)
}
