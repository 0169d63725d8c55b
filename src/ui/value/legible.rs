//! Keeping charts legible at any zoom and in both themes: which text labels
//! over a chart fit without overlapping, the headroom above the data for
//! them, and legends drawn as a row above the chart (never over the data).

use egui::{Color32, Rect, RichText, Vec2};

/// Which labels to draw: walking `boxes` (screen rectangles) in order of
/// priority, a label is kept when it does not come within `gap` points of
/// one already kept. Returns one flag per box.
pub fn keep_apart(boxes: &[Rect], gap: f32) -> Vec<bool> {
    let mut kept: Vec<Rect> = Vec::new();
    boxes
        .iter()
        .map(|b| {
            let fits = kept.iter().all(|k| !k.expand(gap / 2.0).intersects(b.expand(gap / 2.0)));
            if fits {
                kept.push(*b);
            }
            fits
        })
        .collect()
}

/// The top of the y range that leaves `label` points free above data as
/// high as `max` in a plot `height` points tall (bottom at 0): the data
/// then takes `height − label` points. Never below `max`; with no room at
/// all for the data, twice `max`.
pub fn headroom(max: f64, height: f32, label: f32) -> f64 {
    let max = max.max(0.0);
    let free = height - label;
    if free <= height * 0.5 || free <= 0.0 {
        return max * 2.0;
    }
    max * f64::from(height) / f64::from(free)
}

/// One entry of a legend row: its colour, whether it is a ring (hand-set
/// tiers) rather than a filled swatch, and its name.
pub struct Entry<'a> {
    pub colour: Color32,
    pub ring: bool,
    pub name: &'a str,
}

/// A legend as a row above a chart: a swatch and a name per series,
/// wrapping when the row is narrow.
pub fn legend_ui(ui: &mut egui::Ui, entries: &[Entry<'_>]) {
    ui.horizontal_wrapped(|ui| {
        for e in entries {
            let size = Vec2::splat(ui.text_style_height(&egui::TextStyle::Body) * 0.8);
            let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
            if e.ring {
                let stroke = egui::Stroke::new(2.0, e.colour);
                ui.painter().circle_stroke(rect.center(), size.x * 0.4, stroke);
            } else {
                ui.painter().rect_filled(rect, 2.0, e.colour);
            }
            ui.label(RichText::new(e.name));
            ui.add_space(8.0);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    fn label(x: f32, y: f32, w: f32) -> Rect {
        Rect::from_min_size(pos2(x, y), egui::vec2(w, 14.0))
    }

    #[test]
    fn labels_that_would_touch_are_thinned_in_priority_order() {
        // "555", "111", "455" side by side 20 points apart, each 24 wide:
        // drawn together they read "555111455"; the first and third stay.
        let boxes = [label(0.0, 0.0, 24.0), label(20.0, 0.0, 24.0), label(40.0, 0.0, 24.0)];
        assert_eq!(keep_apart(&boxes, 4.0), [true, false, true]);
        // Wide apart, all stay.
        let boxes = [label(0.0, 0.0, 24.0), label(40.0, 0.0, 24.0), label(80.0, 0.0, 24.0)];
        assert_eq!(keep_apart(&boxes, 4.0), [true, true, true]);
        // Side by side but at different heights (bars of other heights): both.
        assert_eq!(keep_apart(&[label(0.0, 0.0, 24.0), label(20.0, 30.0, 24.0)], 4.0), [
            true, true
        ]);
    }

    #[test]
    fn headroom_keeps_the_label_band_free_above_the_highest_bar() {
        // 300 points tall, 30 for labels: the data takes 270, so the top is
        // 20 × 300 / 270.
        let top = headroom(20.0, 300.0, 30.0);
        assert!((top - 20.0 * 300.0 / 270.0).abs() < 1e-9);
        // At 200 % the same labels take twice the points of a plot half as tall.
        let zoomed = headroom(20.0, 150.0, 60.0);
        assert!(zoomed > top, "{zoomed} > {top}");
        assert!((zoomed - 20.0 * 150.0 / 90.0).abs() < 1e-9);
        // No room: twice the data; no data: zero.
        assert!((headroom(20.0, 40.0, 30.0) - 40.0).abs() < 1e-9);
        assert!(headroom(0.0, 300.0, 30.0).abs() < 1e-9);
    }
}
