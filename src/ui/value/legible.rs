//! Keeping charts legible at any zoom and in both themes: which text labels
//! over a chart fit without overlapping, the headroom above the data for
//! them, and legends drawn as a row above the chart (never over the data).

use egui::{Color32, Rect, Vec2};
use egui_plot::Corner;

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

/// The band, in units of a data range of 1, to leave above and below the
/// data so that `band` points stay free at each end of a plot frame
/// `height` points tall (at most a third of the frame each).
pub fn band(height: f32, band: f32) -> f64 {
    let band = band.clamp(0.0, height.max(0.0) / 3.0);
    let data = height - 2.0 * band;
    if data <= 0.0 { 0.5 } else { f64::from(band / data) }
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
        let row = ui.text_style_height(&egui::TextStyle::Body);
        let font = egui::TextStyle::Body.resolve(ui.style());
        let colour = ui.visuals().text_color();
        for e in entries {
            // The swatch and its name are one item: they wrap together.
            let galley = ui.painter().layout_no_wrap(e.name.to_owned(), font.clone(), colour);
            let size = Vec2::new(row * 1.3 + galley.size().x + row * 0.6, row);
            let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
            let swatch = Rect::from_center_size(
                egui::pos2(rect.left() + row * 0.4, rect.center().y),
                Vec2::splat(row * 0.8),
            );
            if e.ring {
                let stroke = egui::Stroke::new(2.0, e.colour);
                ui.painter().circle_stroke(swatch.center(), row * 0.32, stroke);
            } else {
                ui.painter().rect_filled(swatch, 2.0, e.colour);
            }
            let at = egui::pos2(rect.left() + row * 1.3, rect.center().y - galley.size().y / 2.0);
            ui.painter().galley(at, galley, colour);
        }
    });
}

/// Where a bar chart's legend goes inside the plot: the top corner over
/// the lower bars. `heights` are the bars' heights from left to right and
/// `share` the part of the plot's width the legend takes (0–1). Returns the
/// corner and the highest bar under the legend (right when both sides are
/// as high, as egui_plot places legends by default).
pub fn legend_corner(heights: &[f64], share: f64) -> (Corner, f64) {
    let n = heights.len();
    if n == 0 {
        return (Corner::RightTop, 0.0);
    }
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let under = ((share.clamp(0.0, 1.0) * n as f64).ceil() as usize).clamp(1, n);
    let highest = |bars: &[f64]| bars.iter().copied().fold(0.0_f64, f64::max);
    let left = highest(&heights[..under]);
    let right = highest(&heights[n - under..]);
    if left < right { (Corner::LeftTop, left) } else { (Corner::RightTop, right) }
}

/// The size in points egui_plot's legend takes with these entry names
/// (body text, a swatch per row, the legend's frame).
pub fn legend_size(ui: &egui::Ui, names: &[&str]) -> Vec2 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let row = ui.text_style_height(&egui::TextStyle::Body);
    let colour = ui.visuals().text_color();
    let widest = names
        .iter()
        .map(|n| ui.painter().layout_no_wrap((*n).to_owned(), font.clone(), colour).size().x)
        .fold(0.0_f32, f32::max);
    let spacing = ui.spacing().item_spacing;
    #[allow(clippy::cast_precision_loss)] // A few entries.
    let rows = names.len() as f32;
    Vec2::new(widest + row * 2.0 + 24.0, rows * (row + spacing.y) + 24.0)
}

/// A bar chart's legend placed off the bars: the corner from
/// [`legend_corner`] and the top of the y range that keeps the bars under
/// the legend below it, for bars `heights` in a plot of `size` points
/// (axes included) with a legend of `legend` points.
pub fn bar_legend(heights: &[f64], size: Vec2, legend: Vec2, row: f32) -> (Corner, f64) {
    // The axes take about two rows below and four columns on the left.
    let frame = Vec2::new((size.x - row * 4.0).max(1.0), (size.y - row * 2.5).max(1.0));
    let (corner, under) = legend_corner(heights, f64::from(legend.x / frame.x));
    let highest = heights.iter().copied().fold(0.0_f64, f64::max);
    (corner, headroom(under, frame.y, legend.y).max(highest * 1.05))
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
        assert_eq!(
            keep_apart(&[label(0.0, 0.0, 24.0), label(20.0, 30.0, 24.0)], 4.0),
            [true, true]
        );
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

    #[test]
    fn the_band_keeps_its_points_at_any_height() {
        // 300 points, 30 free at each end: the data takes 240, so the band
        // is 30 / 240 of the data range.
        assert!((band(300.0, 30.0) - 0.125).abs() < 1e-9);
        // Twice the type in half the height: a larger share.
        assert!(band(150.0, 60.0) > band(300.0, 30.0));
        assert!((band(150.0, 60.0) - 50.0 / 50.0).abs() < 1e-9, "{}", band(150.0, 60.0));
        // Never more than a third of the frame each.
        assert!((band(90.0, 60.0) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn the_legend_goes_over_the_lower_side() {
        // Satisfaction: the last months hold the most surveys, so the legend
        // goes left, over the three first bars (0.3 of eight, rounded up).
        let rising = [2.0, 3.0, 5.0, 6.0, 8.0, 9.0, 12.0, 14.0];
        let (corner, under) = legend_corner(&rising, 0.3);
        assert!(matches!(corner, Corner::LeftTop));
        assert!((under - 5.0).abs() < 1e-9, "{under}");
        // A histogram of lifetime values: tall on the left, so right.
        let falling = [40.0, 22.0, 9.0, 4.0, 2.0, 1.0];
        let (corner, under) = legend_corner(&falling, 0.3);
        assert!(matches!(corner, Corner::RightTop));
        assert!((under - 2.0).abs() < 1e-9, "{under}");
        // A legend as wide as the chart lies over every bar.
        assert!((legend_corner(&falling, 1.0).1 - 40.0).abs() < 1e-9);
    }

    #[test]
    fn the_y_range_leaves_the_legend_room_above_the_bars_under_it() {
        let rising = [2.0, 3.0, 5.0, 6.0, 8.0, 9.0, 12.0, 14.0];
        // 1000 × 400 points, a legend 200 × 100: the two first bars (up to
        // 3) under it; their top must stay below the legend's band.
        let (corner, top) =
            bar_legend(&rising, Vec2::new(1000.0, 400.0), Vec2::new(200.0, 100.0), 20.0);
        assert!(matches!(corner, Corner::LeftTop));
        let frame_height = 400.0 - 50.0;
        let bar_top_points = 3.0 / top * frame_height;
        assert!(bar_top_points <= frame_height - 100.0 + 1e-6, "{bar_top_points}");
        // And the tallest bar still fits.
        assert!(top >= 14.0);
    }
}
