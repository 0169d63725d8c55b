//! The CLV tab: the lifetime-value parameters (applied to the settings),
//! the histogram of customer CLV and the customers with the highest CLV.

use egui::RichText;
use egui_plot::{Bar, BarChart, Legend, Plot};

use super::derived::CLV_BINS;
use super::{Chart, Selection, ValuePanel, clicked_at, legible, name_of};
use crate::domain::analysis::explain::Figure;
use crate::domain::money::format_cents_grouped;
use crate::domain::settings::Settings;
use crate::ui::explain::figure_link;
use crate::ui::{AppCommand, theme};

impl ValuePanel {
    /// Draws the CLV tab.
    pub(super) fn clv_ui(&mut self, ui: &mut egui::Ui, at: &Chart<'_, '_>) {
        let (ctx, a, d, height) = (at.ctx, at.a, at.d, at.height);
        let v = ctx.t.value;
        self.clv_params_ui(ui, at);
        // Histogram of CLV (bins computed once per analysis).
        let (lo, step, bins, members) = (d.clv_lo, d.clv_step, CLV_BINS, &d.clv_bins);
        #[allow(clippy::cast_precision_loss)]
        let bars: Vec<Bar> = members
            .iter()
            .enumerate()
            .map(|(b, m)| {
                let from = lo + step * b as f64;
                Bar::new(from + step / 2.0, m.len() as f64)
                    .width(step * 0.95)
                    .name(format!("¥{:.0} – ¥{:.0}", from, from + step))
                    .fill(theme::ACCENT)
            })
            .collect();
        let width = ui.available_width();
        // The top customers go under the chart when the row is narrow.
        let wide = width >= ui.text_style_height(&egui::TextStyle::Body) * 45.0;
        let chart_width = if wide { width * 0.6 } else { width };
        #[allow(clippy::cast_precision_loss)]
        let counts: Vec<f64> = members.iter().map(|m| m.len() as f64).collect();
        let plot_height = height - 80.0;
        let legend = legible::legend_size(ui, &[v.customers]);
        let row = ui.text_style_height(&egui::TextStyle::Body);
        let (corner, y_top) =
            legible::bar_legend(&counts, egui::vec2(chart_width, plot_height), legend, row);
        let mut clicked_bin = None;
        let chart_ui = |ui: &mut egui::Ui| {
            ui.vertical(|ui| {
                ui.set_width(chart_width);
                ui.label(RichText::new(v.clv_title).strong());
                let response = Plot::new("clv_hist")
                    // The wheel scrolls the panel (large type makes it scroll).
                    .allow_scroll(false)
                    .height(plot_height)
                    .legend(Legend::default().position(corner))
                    .include_y(0.0)
                    .include_y(y_top)
                    .x_axis_label(format!("{} (¥)", v.clv))
                    .y_axis_label(v.customers)
                    .show(ui, |plot| {
                        plot.bar_chart(
                            BarChart::new(v.customers, bars)
                                .color(theme::ACCENT)
                                .element_formatter(Box::new(|bar, _| {
                                    format!("{}\n{}", bar.name, bar.value)
                                })),
                        );
                        plot.pointer_coordinate()
                    });
                if let Some(p) = clicked_at(&response) {
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let b = (((p.x - lo) / step).max(0.0) as usize).min(bins - 1);
                    clicked_bin = Some(b);
                }
            });
        };
        let top_ui = |ui: &mut egui::Ui| {
            ui.vertical(|ui| {
                ui.label(RichText::new(v.top_customers).strong());
                egui::Grid::new("top_clv").striped(true).num_columns(2).show(ui, |ui| {
                    for &i in &d.clv_top {
                        let c = &a.customers[i];
                        if ui.link(name_of(ctx, &c.info)).clicked() {
                            ctx.send(AppCommand::ShowCustomer(c.info.id));
                        }
                        #[allow(clippy::cast_possible_truncation)]
                        let clv = format!("¥{}", format_cents_grouped(c.clv.clv.round() as i64));
                        figure_link(ui, ctx, clv, c.info.id, Figure::Clv);
                        ui.end_row();
                    }
                });
            });
        };
        if wide {
            ui.horizontal_top(|ui| {
                chart_ui(ui);
                top_ui(ui);
            });
        } else {
            chart_ui(ui);
            top_ui(ui);
        }
        if let Some(b) = clicked_bin {
            self.selection = Selection {
                what: format!(
                    "{} ¥{:.0} – ¥{:.0}",
                    v.clv,
                    lo + step * b as f64,
                    lo + step * (b + 1) as f64
                ),
                customers: members[b].clone(),
            };
        }
    }

    /// The CLV formula and its parameters, with a button that applies them
    /// to the settings; unapplied edits are kept between frames.
    fn clv_params_ui(&mut self, ui: &mut egui::Ui, at: &Chart<'_, '_>) {
        let (ctx, a) = (at.ctx, at.a);
        let v = ctx.t.value;
        ui.label(RichText::new(v.clv_formula).monospace());
        let mut params = self.clv_edit.take().unwrap_or(a.clv_params);
        let mut applied = false;
        // The fields' own state (a value being typed) belongs to this
        // analysis: after Apply or Edit → Undo the next one shows its values.
        ui.push_id(("clv_params", ctx.data.analysis.generation()), |ui| {
            ui.horizontal_wrapped(|ui| {
                percent_drag(ui, v.margin_rate, &mut params.margin_rate);
                percent_drag(ui, v.retention, &mut params.retention);
                percent_drag(ui, v.discount, &mut params.discount);
                let label = ui.label(v.horizon);
                let _horizon = ui
                    .add(egui::DragValue::new(&mut params.horizon_years).range(1..=50))
                    .labelled_by(label.id)
                    .on_hover_text("1 – 50");
                let changed = params != a.clv_params;
                if ui.add_enabled(changed, egui::Button::new(v.apply)).clicked() {
                    let settings = Settings {
                        clv_margin_rate: params.margin_rate,
                        clv_retention: params.retention,
                        clv_discount: params.discount,
                        clv_horizon_years: params.horizon_years,
                        ..ctx.data.settings.clone()
                    };
                    ctx.send(AppCommand::Write(Box::new(
                        crate::domain::command::Command::UpdateSettings(Box::new(settings)),
                    )));
                    applied = true;
                }
            })
        });
        if !applied && params != a.clv_params {
            self.clv_edit = Some(params);
        }
    }
}

/// A label and a percentage drag value editing a share (0–1).
fn percent_drag(ui: &mut egui::Ui, label: &str, value: &mut f64) {
    let label = ui.label(label);
    let mut percent = *value * 100.0;
    let response = ui
        .add(egui::DragValue::new(&mut percent).range(0.0..=100.0).speed(0.5).suffix("%"))
        .labelled_by(label.id)
        // A typed value outside is taken as the nearest bound: say them.
        .on_hover_text("0 – 100 %");
    if response.changed() {
        *value = (percent * 100.0).round() / 10_000.0;
    }
}
