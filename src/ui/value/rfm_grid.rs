//! The RFM tab's 5 × 5 recency × frequency grid, drawn as fixed squares
//! with their own axis labels (1–5 on both axes whatever its size, which a
//! plot's automatic ticks did not keep), coloured for the theme shown.

use std::f32::consts::TAU;

use egui::epaint::TextShape;
use egui::{Align2, FontId, Pos2, Rect, Sense, Vec2, pos2, vec2};

use super::derived::Tally;
use crate::domain::money::format_cents_grouped;
use crate::ui::i18n_value::TrValue;
use crate::ui::theme;

/// The number a cell is coloured by: its count, or its average monetary
/// value with `by_m`.
fn cell_value(cell: Tally, by_m: bool) -> f64 {
    #[allow(clippy::cast_precision_loss)] // Display only.
    if by_m {
        if cell.count == 0 { 0.0 } else { cell.monetary_cents as f64 / cell.count as f64 }
    } else {
        cell.count as f64
    }
}

/// The text written in a cell.
fn cell_text(cell: Tally, by_m: bool) -> String {
    if by_m && cell.count > 0 {
        let avg = cell.average_cents();
        format!("¥{}", format_cents_grouped(avg / 100 * 100).trim_end_matches(".00"))
    } else {
        cell.count.to_string()
    }
}

/// The side of one square when the grid and its labels must fit `room`
/// (`margin` taken by the labels on the left and below), never under `min`.
pub(super) fn cell_side(room: Vec2, margin: Vec2, min: f32) -> f32 {
    ((room.x - margin.x).min(room.y - margin.y) / 5.0).max(min)
}

/// Draws the grid in at most `room`; returns the (R, F) cell clicked.
pub(super) fn grid_ui(
    ui: &mut egui::Ui,
    v: &TrValue,
    cells: &[[Tally; 5]; 5],
    by_m: bool,
    room: Vec2,
) -> Option<(u8, u8)> {
    let dark = ui.visuals().dark_mode;
    let text_colour = ui.visuals().text_color();
    let body = ui.text_style_height(&egui::TextStyle::Body);
    let font = FontId::proportional(body);
    // Left: the rotated title and the R ticks; below: the F ticks and title.
    let margin = vec2(body * 1.4 + body * 1.2, body * 1.4 + body * 1.4);
    let side = cell_side(room, margin, body * 2.4);
    let size = vec2(margin.x + side * 5.0, margin.y + side * 5.0);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    let grid = Rect::from_min_size(rect.min + vec2(margin.x, 0.0), Vec2::splat(side * 5.0));
    let square = |ri: usize, fi: usize| {
        #[allow(clippy::cast_precision_loss)] // 0–4.
        let (x, y) = (fi as f32, (4 - ri) as f32);
        Rect::from_min_size(grid.min + vec2(x * side, y * side), Vec2::splat(side))
    };
    let max = cells.iter().flatten().map(|c| cell_value(*c, by_m)).fold(0.0_f64, f64::max).max(1.0);
    let painter = ui.painter_at(rect);
    painter.rect_filled(grid, 2.0, ui.visuals().extreme_bg_color);
    for (ri, row) in cells.iter().enumerate() {
        for (fi, cell) in row.iter().enumerate() {
            let level = cell_value(*cell, by_m) / max;
            let at = square(ri, fi).shrink(side * 0.03);
            painter.rect_filled(at, 3.0, theme::heat(level, dark));
            let colour = theme::heat_text(level, dark);
            let text = cell_text(*cell, by_m);
            let mut size = (side * 0.42).min(body * 1.2);
            let width =
                painter.layout_no_wrap(text.clone(), FontId::proportional(size), colour).size().x;
            if width > at.width() * 0.9 {
                size *= at.width() * 0.9 / width;
            }
            painter.text(
                at.center(),
                Align2::CENTER_CENTER,
                text,
                FontId::proportional(size),
                colour,
            );
        }
    }
    for k in 0..5 {
        let tick = (k + 1).to_string();
        let left = square(k, 0).left_center() - vec2(body * 0.4, 0.0);
        painter.text(left, Align2::RIGHT_CENTER, &tick, font.clone(), text_colour);
        let below = square(0, k).center_bottom() + vec2(0.0, body * 0.2);
        painter.text(below, Align2::CENTER_TOP, &tick, font.clone(), text_colour);
    }
    let f_title = pos2(grid.center().x, grid.bottom() + body * 1.5);
    painter.text(f_title, Align2::CENTER_TOP, v.frequency, font.clone(), text_colour);
    let galley = painter.layout_no_wrap(v.recency.to_owned(), font, text_colour);
    let r_title = pos2(rect.left(), grid.center().y + galley.size().x / 2.0);
    painter.add(TextShape::new(r_title, galley, text_colour).with_angle(-TAU / 4.0));

    let at_cell = |p: Pos2| -> Option<(usize, usize)> {
        if !grid.contains(p) {
            return None;
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // Inside: 0–4.
        let (fi, row) = (
            (((p.x - grid.left()) / side) as usize).min(4),
            (((p.y - grid.top()) / side) as usize).min(4),
        );
        Some((4 - row, fi))
    };
    if let Some((ri, fi)) = response.hover_pos().and_then(at_cell) {
        let cell = cells[ri][fi];
        let avg = format_cents_grouped(cell.average_cents());
        #[allow(clippy::cast_possible_truncation)] // 1–5.
        let (r, f) = (ri as u8 + 1, fi as u8 + 1);
        response.clone().on_hover_text_at_pointer((v.cell_hover)(r, f, cell.count, &avg));
    }
    if response.clicked()
        && let Some((ri, fi)) = response.interact_pointer_pos().and_then(at_cell)
    {
        #[allow(clippy::cast_possible_truncation)] // 1–5.
        return Some((ri as u8 + 1, fi as u8 + 1));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_squares_keep_their_size_when_only_the_height_below_changes() {
        let margin = vec2(40.0, 40.0);
        // Wide and tall: limited by the width.
        assert!((cell_side(vec2(540.0, 900.0), margin, 20.0) - 100.0).abs() < 1e-4);
        // Limited by the height, but never below the minimum.
        assert!((cell_side(vec2(540.0, 240.0), margin, 20.0) - 40.0).abs() < 1e-4);
        assert!((cell_side(vec2(540.0, 60.0), margin, 20.0) - 20.0).abs() < 1e-4);
    }
}
