//! The RFM segment table editor (DOMAIN §3.1): one row per segment, its two
//! names and three score ranges, moved up and down (the first match wins),
//! added, removed, or put back to the default table.

use super::fields::{Focus, label_ui};
use super::form::Form;
use crate::domain::analysis::rfm::SegmentRule;
use crate::ui::{AppCtx, theme};

/// What a row's buttons asked for.
enum RowAction {
    Up(usize),
    Down(usize),
    Remove(usize),
}

/// Draws the table; true when it was edited.
pub(super) fn segments_ui(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    form: &mut Form,
    defaults: &Form,
    focus: Focus,
) -> bool {
    let s = ctx.t.settings;
    let key = "rfm_segments";
    ui.add_space(6.0);
    let mut changed = false;
    ui.horizontal(|ui| {
        label_ui(ui, s.label(key), key, focus);
        let is_default = form.segments == defaults.segments;
        if ui.add_enabled(!is_default, egui::Button::new(s.back_to_default).small()).clicked() {
            form.show_one(&defaults.base, key);
            changed = true;
        }
    });
    ui.weak(s.seg_note);
    let mut action = None;
    let count = form.segments.len();
    egui::Grid::new("rfm_segments").num_columns(7).spacing([8.0, 4.0]).striped(true).show(
        ui,
        |ui| {
            let headers: Vec<egui::Id> = ["", s.seg_en, s.seg_zh, "R", "F", "M", ""]
                .into_iter()
                .map(|header| ui.strong(header).id)
                .collect();
            ui.end_row();
            for (i, rule) in form.segments.iter_mut().enumerate() {
                // No push_id: a child Ui would put the whole row in one cell.
                changed |= row_ui(ui, rule, i, (count, &headers[1..6]), &mut action, ctx);
                ui.end_row();
            }
        },
    );
    match action {
        Some(RowAction::Up(i)) if i > 0 => form.segments.swap(i, i - 1),
        Some(RowAction::Down(i)) if i + 1 < count => form.segments.swap(i, i + 1),
        Some(RowAction::Remove(i)) => {
            form.segments.remove(i);
        }
        _ => {}
    }
    changed |= action.is_some();
    if ui.small_button(s.add_segment).clicked() {
        form.segments.push(SegmentRule::new("", "", (1, 5), (1, 5), (1, 5)));
        changed = true;
    }
    if let Some(problem) = form.problem(key) {
        ui.colored_label(theme::ERROR, s.problem(problem));
    }
    changed
}

/// One segment: its position, names, ranges and buttons.
fn row_ui(
    ui: &mut egui::Ui,
    rule: &mut SegmentRule,
    i: usize,
    (count, headers): (usize, &[egui::Id]),
    action: &mut Option<RowAction>,
    ctx: &AppCtx<'_>,
) -> bool {
    let s = ctx.t.settings;
    let mut changed = false;
    ui.label(format!("{}", i + 1));
    for (name, header) in [&mut rule.name_en, &mut rule.name_zh].into_iter().zip(headers) {
        // Sized: a text edit in a grid cell would take the column's last width.
        let edit = egui::TextEdit::singleline(name);
        changed |= ui.add_sized([140.0, 20.0], edit).labelled_by(*header).changed();
    }
    for (range, header) in [&mut rule.r, &mut rule.f, &mut rule.m].into_iter().zip(&headers[2..]) {
        ui.horizontal(|ui| {
            for (i, end) in [&mut range.0, &mut range.1].into_iter().enumerate() {
                if i == 1 {
                    ui.label("–");
                }
                let drag = egui::DragValue::new(end).range(1..=5);
                changed |= ui.add(drag).labelled_by(*header).changed();
            }
        });
    }
    ui.horizontal(|ui| {
        if ui.add_enabled(i > 0, egui::Button::new(s.move_up).small()).clicked() {
            *action = Some(RowAction::Up(i));
        }
        if ui.add_enabled(i + 1 < count, egui::Button::new(s.move_down).small()).clicked() {
            *action = Some(RowAction::Down(i));
        }
        if ui.small_button(s.remove).clicked() {
            *action = Some(RowAction::Remove(i));
        }
    });
    changed
}
