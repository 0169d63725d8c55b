//! The four-tiers tab: customers by difficulty and importance, coloured by
//! tier, with the quadrant lines; a click picks the nearest customer.

use egui::{Color32, RichText};
use egui_plot::{HLine, HoverPosition, Legend, LineStyle, Plot, PlotPoints, Points, Text, VLine};

use super::{Chart, Selection, ValuePanel, clicked_at, name_of, tier_colour};
use crate::domain::analysis::report::Analysis;
use crate::domain::terms::Tier;

impl ValuePanel {
    /// Draws the four-tiers tab.
    pub(super) fn tiers_ui(&mut self, ui: &mut egui::Ui, at: &Chart<'_, '_>) {
        let (ctx, a, d, height) = (at.ctx, at.a, at.d, at.height);
        let (v, lang) = (ctx.t.value, ctx.lang);
        self.tier_links_ui(ui, at);
        // The analysis's own threshold: a lesson's what-if may differ from
        // the office's setting.
        let threshold = a.tier_params.difficult_threshold;
        let moved = super::whatif::moved_points(ctx, a);
        let max_x = d.max_difficulty.max(threshold * 2.0);
        let cut = d.critical_cut;
        let series = &d.tier_points;
        let labels: Vec<(Tier, [f64; 2])> = vec![
            (Tier::Platinum, [threshold * 0.5, 1.04]),
            (Tier::Gold, [(threshold + max_x) * 0.5, 1.04]),
            (Tier::Lead, [threshold * 0.5, -0.04]),
            (Tier::Steel, [(threshold + max_x) * 0.5, -0.04]),
        ];
        let response = Plot::new("tiers")
            .height(height - 30.0)
            .legend(Legend::default())
            .x_axis_label(v.difficulty)
            .y_axis_label(v.importance)
            .include_y(-0.08)
            .include_y(1.08)
            .include_x(0.0)
            .include_x(max_x + 0.5)
            .label_formatter(|pos| match pos {
                HoverPosition::NearDataPoint { plot_name, position, .. }
                    if !plot_name.is_empty() =>
                {
                    Some(format!("{plot_name}\n{:.1} · {:.3}", position.x, position.y))
                }
                _ => None,
            })
            .show(ui, |plot| {
                for (tier, pts) in series {
                    plot.points(
                        Points::new(tier.name(lang), PlotPoints::Borrowed(pts))
                            .radius(3.5)
                            .filled(true)
                            .color(tier_colour(*tier)),
                    );
                }
                for (tier, pts) in &d.hand_points {
                    let name = format!("{} · {}", tier.name(lang), ctx.t.explain.set_by_hand);
                    plot.points(
                        Points::new(name, PlotPoints::Borrowed(pts))
                            .radius(6.0)
                            .filled(false)
                            .color(tier_colour(*tier)),
                    );
                }
                if let Some((name, pts)) = &moved {
                    super::whatif::draw_moved(plot, name, pts);
                }
                plot.vline(
                    VLine::new("", threshold - 0.25)
                        .style(LineStyle::dashed_loose())
                        .color(Color32::GRAY),
                );
                plot.hline(
                    HLine::new("", cut).style(LineStyle::dashed_loose()).color(Color32::GRAY),
                );
                for (tier, at) in labels {
                    plot.text(Text::new(
                        "",
                        at.into(),
                        RichText::new(tier.name(lang)).size(18.0).strong().color(tier_colour(tier)),
                    ));
                }
                plot.pointer_coordinate()
            });
        if let Some(p) = clicked_at(&response)
            && let Some(i) = nearest_customer(a, p, max_x)
        {
            self.selection = Selection {
                what: name_of(ctx, &a.customers[i].info).to_owned(),
                customers: vec![i],
            };
        }
    }

    /// One link per tier with its customers and share of revenue; a click
    /// lists the tier.
    fn tier_links_ui(&mut self, ui: &mut egui::Ui, at: &Chart<'_, '_>) {
        let (a, lang) = (at.a, at.ctx.lang);
        ui.horizontal_wrapped(|ui| {
            for (tier, n, revenue) in &at.d.tier_counts {
                #[allow(clippy::cast_precision_loss)]
                let share = if a.revenue_cents == 0 {
                    0.0
                } else {
                    *revenue as f64 * 100.0 / a.revenue_cents as f64
                };
                if ui
                    .link(
                        RichText::new(format!("{}: {n} · {share:.1}%", tier.name(lang)))
                            .color(tier_colour(*tier)),
                    )
                    .clicked()
                {
                    self.selection = Selection::matching(tier.name(lang).to_owned(), a, |c| {
                        c.tier.tier == *tier
                    });
                }
            }
        });
    }
}

/// The customer nearest to a click on the matrix, in plot units.
fn nearest_customer(a: &Analysis, p: egui_plot::PlotPoint, max_x: f64) -> Option<usize> {
    (0..a.customers.len()).min_by(|&i, &j| {
        let d = |k: usize| {
            let t = &a.customers[k].tier;
            ((t.difficulty - p.x) / max_x.max(1.0)).powi(2) + (t.importance - p.y).powi(2)
        };
        d(i).total_cmp(&d(j))
    })
}
