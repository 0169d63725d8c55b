//! The RFM tab: the recency × frequency grid coloured by count or average
//! monetary value, the segments table and the most common cells.

use egui::RichText;
use egui_plot::{Bar, BarChart, Legend, Plot, PlotPoints, Polygon, Text};

use super::derived::Tally;
use super::{Chart, Selection, ValuePanel, clicked_at, hover_point};
use crate::domain::analysis::explain_text::empty_line;
use crate::domain::analysis::report::Analysis;
use crate::domain::analysis::rfm::segment_name;
use crate::domain::money::format_cents_grouped;
use crate::ui::i18n_value::TrValue;
use crate::ui::{AppCtx, theme};

impl ValuePanel {
    /// Draws the RFM tab.
    pub(super) fn rfm_ui(&mut self, ui: &mut egui::Ui, at: &Chart<'_, '_>) {
        let (ctx, a, d, height) = (at.ctx, at.a, at.d, at.height);
        let v = ctx.t.value;
        ui.horizontal(|ui| {
            ui.label(v.colour_by);
            ui.selectable_value(&mut self.colour_by_m, false, v.by_count);
            ui.selectable_value(&mut self.colour_by_m, true, v.by_avg_m);
        });
        let by_m = self.colour_by_m;
        let width = ui.available_width();
        let mut clicked_cell = None;
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                ui.set_width(width * 0.45);
                ui.label(RichText::new(v.rfm_grid_title).strong());
                let notes = empty_notes(a, ctx);
                #[allow(clippy::cast_precision_loss)] // A few lines of text.
                let notes_height = 20.0 * notes.len() as f32;
                clicked_cell = grid_chart(ui, v, &d.cells, by_m, height - 40.0 - notes_height);
                for note in notes {
                    ui.label(note);
                }
            });
            ui.vertical(|ui| {
                ui.label(RichText::new(v.segments).strong());
                self.segments_table(ui, ctx, a, d);
                ui.add_space(8.0);
                ui.label(RichText::new(v.cells_title).strong());
                self.cells_chart(ui, a, d, (height * 0.45).max(160.0), v);
            });
        });
        if let Some((r, f)) = clicked_cell {
            self.select_cell(a, r, f);
        }
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
        let response = Plot::new("rfm_cells")
            .height(height)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .legend(Legend::default())
            .x_axis_label(v.cell)
            .y_axis_label(v.customers)
            .show_axes([false, true])
            .show(ui, |plot| {
                plot.bar_chart(
                    BarChart::new(v.customers, bars).color(theme::ACCENT).element_formatter(
                        Box::new(|bar, _| format!("{}: {}", bar.name, bar.value)),
                    ),
                );
                // Each bar's RFM cell, written above it.
                for (i, t) in top.iter().enumerate() {
                    #[allow(clippy::cast_precision_loss)]
                    let at = [i as f64, t.count as f64 + 0.8];
                    plot.text(Text::new("", at.into(), RichText::new(&t.cell).size(13.0)));
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

/// The number a cell is coloured by: its count, or its average monetary
/// value with `by_m`.
fn cell_value(cell: Tally, by_m: bool) -> f64 {
    if by_m {
        #[allow(clippy::cast_precision_loss)] // Display only.
        let avg =
            if cell.count == 0 { 0.0 } else { cell.monetary_cents as f64 / cell.count as f64 };
        avg
    } else {
        #[allow(clippy::cast_precision_loss)] // Display only.
        let count = cell.count as f64;
        count
    }
}

/// The 5 × 5 grid of recency and frequency scores; returns the (R, F)
/// cell clicked.
fn grid_chart(
    ui: &mut egui::Ui,
    v: &TrValue,
    cells: &[[Tally; 5]; 5],
    by_m: bool,
    height: f32,
) -> Option<(u8, u8)> {
    let max = cells.iter().flatten().map(|c| cell_value(*c, by_m)).fold(0.0_f64, f64::max).max(1.0);
    let response = Plot::new("rfm_grid")
        .height(height)
        .data_aspect(1.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show_grid(false)
        .x_axis_label(v.frequency)
        .y_axis_label(v.recency)
        .label_formatter(|pos| {
            let p = hover_point(pos);
            let (f, r) = (p.x.round(), p.y.round());
            if !(1.0..=5.0).contains(&f) || !(1.0..=5.0).contains(&r) {
                return None;
            }
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let (fi, ri) = (f as usize - 1, r as usize - 1);
            let cell = cells[ri][fi];
            let avg = cell.average_cents();
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Some((v.cell_hover)(r as u8, f as u8, cell.count, &format_cents_grouped(avg)))
        })
        .show(ui, |plot| {
            for (ri, row) in cells.iter().enumerate() {
                for (fi, cell) in row.iter().enumerate() {
                    #[allow(clippy::cast_precision_loss)]
                    let (x, y) = (fi as f64 + 1.0, ri as f64 + 1.0);
                    let level = cell_value(*cell, by_m) / max;
                    let square = vec![
                        [x - 0.48, y - 0.48],
                        [x + 0.48, y - 0.48],
                        [x + 0.48, y + 0.48],
                        [x - 0.48, y + 0.48],
                    ];
                    plot.polygon(
                        Polygon::new(format!("R{} F{}", ri + 1, fi + 1), PlotPoints::new(square))
                            .fill_color(theme::heat(level))
                            .width(0.0),
                    );
                    let text = if by_m && cell.count > 0 {
                        let avg = cell.average_cents();
                        format!(
                            "¥{}",
                            format_cents_grouped(avg / 100 * 100).trim_end_matches(".00")
                        )
                    } else {
                        cell.count.to_string()
                    };
                    plot.text(Text::new(
                        "",
                        [x, y].into(),
                        RichText::new(text).size(16.0).color(theme::heat_text(level)),
                    ));
                }
            }
            plot.pointer_coordinate()
        });
    let p = clicked_at(&response)?;
    let (f, r) = (p.x.round(), p.y.round());
    if (1.0..=5.0).contains(&f) && (1.0..=5.0).contains(&r) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        return Some((r as u8, f as u8));
    }
    None
}
