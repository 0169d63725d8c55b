//! The 80/20 tab: the Pareto curve of cumulative revenue over customers,
//! with the 20 % and 80 % marks; a click lists the customers up to there.

use egui::RichText;
use egui_plot::{HLine, HoverPosition, Legend, Line, LineStyle, Plot, PlotPoints, Points, VLine};

use super::{Chart, Selection, ValuePanel, clicked_at};
use crate::ui::theme;

impl ValuePanel {
    /// Draws the 80/20 tab.
    pub(super) fn pareto_ui(&mut self, ui: &mut egui::Ui, at: &Chart<'_, '_>) {
        let (ctx, a, d, height) = (at.ctx, at.a, at.d, at.height);
        let v = ctx.t.value;
        let p = &a.pareto;
        ui.label(RichText::new((v.pareto_top20)(p.top20_count, p.top20_share * 100.0)).strong());
        ui.label(RichText::new((v.pareto_k80)(p.k80, p.k80_share_of_customers * 100.0)).strong());
        let points = PlotPoints::Borrowed(&d.pareto);
        let n = p.n;
        let response = Plot::new("pareto")
            // The wheel scrolls the panel (large type makes it scroll).
            .allow_scroll(false)
            .height(height - 50.0)
            // The curve rises steeply from the bottom left: the bottom right
            // is free of data.
            .legend(Legend::default().position(egui_plot::Corner::RightBottom))
            .x_axis_label(v.cum_customers)
            .y_axis_label(v.cum_revenue)
            .include_x(0.0)
            .include_x(100.0)
            .include_y(0.0)
            .include_y(100.0)
            .label_formatter(|pos| match pos {
                HoverPosition::NearDataPoint { plot_name, position, .. }
                    if !plot_name.is_empty() =>
                {
                    Some(format!("{plot_name}\n{:.1}% → {:.1}%", position.x, position.y))
                }
                _ => None,
            })
            .show(ui, |plot| {
                plot.line(Line::new(v.pareto_curve, points).color(theme::ACCENT).width(2.0));
                plot.vline(
                    VLine::new("20%", 20.0).style(LineStyle::dashed_loose()).color(theme::GOLD),
                );
                plot.hline(
                    HLine::new("80%", 80.0).style(LineStyle::dashed_loose()).color(theme::GOLD),
                );
                #[allow(clippy::cast_precision_loss)]
                let k80 = p.k80 as f64 * 100.0 / n.max(1) as f64;
                plot.points(
                    Points::new(v.pareto_curve, vec![[k80, 80.0_f64.min(100.0)]])
                        .radius(5.0)
                        .color(theme::GOLD),
                );
                plot.pointer_coordinate()
            });
        if let Some(point) = clicked_at(&response) {
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss
            )]
            let k = ((point.x.clamp(0.0, 100.0) / 100.0) * n as f64).ceil() as usize;
            self.selection = Selection {
                what: format!("{:.0}%", point.x.clamp(0.0, 100.0)),
                customers: a.pareto_rank.iter().take(k).copied().collect(),
            };
        }
    }
}
