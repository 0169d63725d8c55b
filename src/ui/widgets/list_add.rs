//! The one list with an add row: a titled list of lines and, under it, a
//! row of inputs ending in an "Add" button; and the row of hinted text
//! fields such rows are made of.

/// One-line text fields side by side, each `width` wide with its hint as a
/// placeholder.
pub fn hinted_fields<'a>(
    ui: &mut egui::Ui,
    width: f32,
    fields: impl IntoIterator<Item = (&'a str, &'a mut String)>,
) {
    for (hint, text) in fields {
        let _field = ui.add(egui::TextEdit::singleline(text).hint_text(hint).desired_width(width));
    }
}

/// A strong title, one label per line, then a wrapped row of `inputs` and
/// an `add` button; returns whether the button was clicked.
pub fn list_add_ui(
    ui: &mut egui::Ui,
    title: &str,
    lines: impl IntoIterator<Item = String>,
    add: &str,
    inputs: impl FnOnce(&mut egui::Ui),
) -> bool {
    ui.strong(title);
    for line in lines {
        ui.label(line);
    }
    ui.horizontal_wrapped(|ui| {
        inputs(ui);
        ui.button(add).clicked()
    })
    .inner
}
