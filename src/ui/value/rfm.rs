//! The RFM tab: the recency × frequency grid coloured by count or average
//! monetary value, the segments table and the most common cells.

use egui::{Align2, FontId, Rect, RichText, pos2, vec2};
use egui_plot::{Bar, BarChart, Plot, PlotPoint, Text};

use super::{Chart, Selection, ValuePanel, clicked_at, legible, rfm_grid};
use crate::domain::analysis::explain_text::empty_line;
use crate::domain::analysis::report::Analysis;
use crate::domain::analysis::rfm::segment_name;
use crate::domain::money::format_cents_grouped;
use crate::ui::i18n_value::TrValue;
use crate::ui::{AppCtx, theme};

/// The size of the cell names written over the bars of the common cells.
const BAR_LABEL: f32 = 13.0;

impl ValuePanel {
    /// Draws the RFM tab.
    pub(super) fn rfm_ui(&mut self, ui: &mut egui::Ui, at: &Chart<'_, '_>) {
        let (ctx, a, d) = (at.ctx, at.a, at.d);
        let v = ctx.t.value;
        ui.horizontal(|ui| {
            ui.label(v.colour_by);
            ui.selectable_value(&mut self.colour_by_m, false, v.by_count);
            ui.selectable_value(&mut self.colour_by_m, true, v.by_avg_m);
        });
        let by_m = self.colour_by_m;
        let width = ui.available_width();
        // Side by side when there is room, else the grid above the tables.
        let wide = width >= ui.text_style_height(&egui::TextStyle::Body) * 40.0;
        let grid_width = if wide { width * 0.45 } else { width };
        let mut clicked_cell = None;
        let mut grid_ui = |ui: &mut egui::Ui| {
            ui.set_width(grid_width);
            ui.label(RichText::new(v.rfm_grid_title).strong());
            let notes = empty_notes(a, ctx);
            let line = ui.text_style_height(&egui::TextStyle::Body) * 1.3;
            #[allow(clippy::cast_precision_loss)] // A few lines of text.
            let notes_height = line * 2.0 * notes.len() as f32;
            // The height the chart area has with no customer list under it:
            // the grid keeps its size when a click lists a cell.
            let room = vec2(grid_width, at.full_height - line * 2.0 - notes_height);
            clicked_cell = rfm_grid::grid_ui(ui, v, &d.cells, by_m, room);
            for note in notes {
                ui.label(note);
            }
        };
        if wide {
            ui.horizontal_top(|ui| {
                ui.vertical(&mut grid_ui);
                ui.vertical(|ui| self.rfm_side_ui(ui, at));
            });
        } else {
            grid_ui(ui);
            self.rfm_side_ui(ui, at);
        }
        if let Some((r, f)) = clicked_cell {
            self.select_cell(a, r, f);
        }
    }

    /// The segments table and the most common cells, beside or under the grid.
    fn rfm_side_ui(&mut self, ui: &mut egui::Ui, at: &Chart<'_, '_>) {
        let (ctx, a, d, height) = (at.ctx, at.a, at.d, at.height);
        let v = ctx.t.value;
        ui.label(RichText::new(v.segments).strong());
        self.segments_table(ui, ctx, a, d);
        ui.add_space(8.0);
        ui.label(RichText::new(v.cells_title).strong());
        self.cells_chart(ui, a, d, (height * 0.45).max(160.0), v);
    }

    /// Lists the customers of one cell of the R × F grid.
    pub fn select_cell(&mut self, a: &Analysis, r: u8, f: u8) {
        self.selection =
            Selection::matching(format!("R {r} · F {f}"), a, |c| c.rfm.r == r && c.rfm.f == f);
    }

    fn segments_table(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &AppCtx<'_>,
        a: &Analysis,
        d: &super::Derived,
    ) {
        let (v, lang) = (ctx.t.value, ctx.lang);
        let by_segment = &d.segments;
        let mut clicked = None;
        egui::Grid::new("segments").striped(true).num_columns(4).show(ui, |ui| {
            ui.strong(v.segment);
            ui.strong(v.customers);
            ui.strong(v.share);
            ui.strong(v.revenue);
            ui.end_row();
            for (segment, tally) in by_segment {
                let name = segment_name(&a.segments, *segment, lang);
                if ui.link(name).clicked() {
                    clicked = Some(*segment);
                }
                let n = tally.count;
                ui.label(n.to_string());
                #[allow(clippy::cast_precision_loss)]
                ui.label(format!("{:.1}%", n as f64 * 100.0 / a.customers.len() as f64));
                ui.label(format_cents_grouped(tally.monetary_cents));
                ui.end_row();
            }
        });
        if let Some(segment) = clicked {
            self.selection =
                Selection::matching(segment_name(&a.segments, segment, lang).to_owned(), a, |c| {
                    c.rfm.segment == segment
                });
        }
    }

    fn cells_chart(
        &mut self,
        ui: &mut egui::Ui,
        a: &Analysis,
        d: &super::Derived,
        height: f32,
        v: &TrValue,
    ) {
        let top = &d.top_cells;
        #[allow(clippy::cast_precision_loss)]
        let bars: Vec<Bar> = top
            .iter()
            .enumerate()
            .map(|(i, t)| Bar::new(i as f64, t.count as f64).name(&t.cell).fill(theme::ACCENT))
            .collect();
        // Each bar's RFM cell is written above it, where it does not run
        // into another one (the tallest bars first); the y range leaves
        // room for them.
        let font = FontId::proportional(BAR_LABEL);
        let colour = ui.visuals().text_color();
        let widths: Vec<f32> = top
            .iter()
            .map(|t| ui.painter().layout_no_wrap(t.cell.clone(), font.clone(), colour).size().x)
            .collect();
        let label_height = ui.fonts_mut(|f| f.row_height(&font));
        #[allow(clippy::cast_precision_loss)]
        let max = top.iter().map(|t| t.count).max().unwrap_or(0) as f64;
        let y_top = legible::headroom(max, height, label_height * 2.0);
        let response = Plot::new("rfm_cells")
            .height(height)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .x_axis_label(v.cell)
            .y_axis_label(v.customers)
            .show_axes([false, true])
            .include_y(0.0)
            .include_y(y_top)
            .show(ui, |plot| {
                plot.bar_chart(
                    BarChart::new(v.customers, bars).color(theme::ACCENT).element_formatter(
                        Box::new(|bar, _| format!("{}: {}", bar.name, bar.value)),
                    ),
                );
                #[allow(clippy::cast_precision_loss)]
                let at = |i: usize, n: usize| PlotPoint::new(i as f64, n as f64);
                let boxes: Vec<Rect> = top
                    .iter()
                    .zip(&widths)
                    .enumerate()
                    .map(|(i, (t, w))| {
                        let p = plot.screen_from_plot(at(i, t.count));
                        Rect::from_min_size(
                            pos2(p.x - w / 2.0, p.y - label_height),
                            vec2(*w, label_height),
                        )
                    })
                    .collect();
                let keep = legible::keep_apart(&boxes, 4.0);
                for (i, t) in top.iter().enumerate().filter(|(i, _)| keep[*i]) {
                    plot.text(
                        Text::new("", at(i, t.count), RichText::new(&t.cell).size(BAR_LABEL))
                            .anchor(Align2::CENTER_BOTTOM),
                    );
                }
                plot.pointer_coordinate()
            });
        if let Some(p) = clicked_at(&response) {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let i = p.x.round().max(0.0) as usize;
            if let Some(t) = top.get(i) {
                self.selection = Selection::matching(t.cell.clone(), a, |c| c.rfm.cell() == t.cell);
            }
        }
    }
}

/// Under the grid: which R rows and F columns no customer is in, and why
/// (the tie rule of DOMAIN §3.1), in the domain's words.
fn empty_notes(a: &Analysis, ctx: &AppCtx<'_>) -> Vec<String> {
    let n = a.customers.len();
    let mut notes: Vec<String> = [("R", 0), ("F", 1)]
        .iter()
        .flat_map(|&(letter, k)| {
            a.empty_scores[k].iter().map(move |e| empty_line(letter, k, n, e, ctx.lang))
        })
        .collect();
    if notes.is_empty() {
        notes.push(ctx.t.explain.no_empty.to_owned());
    }
    notes
}
