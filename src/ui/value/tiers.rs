//! The four-tiers tab: customers by difficulty and importance, coloured by
//! tier, with the quadrant lines; a click picks the nearest customer.

use egui::{Align2, Color32, RichText};

/// The size of the quadrant names.
const QUADRANT: f32 = 18.0;
use egui_plot::{HLine, HoverPosition, LineStyle, Plot, PlotPoints, Points, Text, VLine};

use super::{Chart, Selection, ValuePanel, clicked_at, legible, name_of, tier_colour};
use crate::domain::analysis::report::Analysis;
use crate::domain::terms::Tier;
use crate::ui::theme;

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
        legend_ui(ui, at, moved.as_ref().map(|(name, _)| name.as_str()));
        let row = ui.text_style_height(&egui::TextStyle::Body);
        let dark = ui.visuals().dark_mode;
        let plot_height = height - 30.0 - row * 1.5;
        // The quadrant names sit in bands above and below the data (0–1),
        // as tall as the names at any type size.
        let name_height = ui.fonts_mut(|f| f.row_height(&egui::FontId::proportional(QUADRANT)));
        let pad = legible::band(plot_height - row * 2.5, name_height + 6.0);
        let labels: Vec<(Tier, [f64; 2], Align2)> = vec![
            (Tier::Platinum, [threshold * 0.5, 1.0 + pad], Align2::CENTER_TOP),
            (Tier::Gold, [(threshold + max_x) * 0.5, 1.0 + pad], Align2::CENTER_TOP),
            (Tier::Lead, [threshold * 0.5, -pad], Align2::CENTER_BOTTOM),
            (Tier::Steel, [(threshold + max_x) * 0.5, -pad], Align2::CENTER_BOTTOM),
        ];
        let response = Plot::new("tiers")
            // The wheel scrolls the panel (large type makes it scroll).
            .allow_scroll(false)
            .height(plot_height)
            .x_axis_label((v.difficulty_axis)(threshold))
            .y_axis_label((v.importance_axis)(a.tier_params.critical_share))
            .set_margin_fraction(egui::Vec2::new(0.05, 0.0))
            .include_y(-pad)
            .include_y(1.0 + pad)
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
                    VLine::new("", d.difficult_line)
                        .style(LineStyle::dashed_loose())
                        .color(Color32::GRAY),
                );
                plot.hline(
                    HLine::new("", cut).style(LineStyle::dashed_loose()).color(Color32::GRAY),
                );
                for (tier, at, anchor) in labels {
                    let name = RichText::new(tier.name(lang))
                        .size(QUADRANT)
                        .strong()
                        .color(theme::on_background(tier_colour(tier), dark));
                    plot.text(Text::new("", at.into(), name).anchor(anchor));
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
                            .color(super::tier_ink(ui, *tier)),
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

/// The legend, a row above the matrix (its dots fill the whole plot): the
/// tiers, the tiers set by hand and the customers a lesson moved.
fn legend_ui(ui: &mut egui::Ui, at: &Chart<'_, '_>, moved: Option<&str>) {
    let (d, lang) = (at.d, at.ctx.lang);
    let hand: Vec<(Tier, String)> = d
        .hand_points
        .iter()
        .map(|(tier, _)| (*tier, format!("{} · {}", tier.name(lang), at.ctx.t.explain.set_by_hand)))
        .collect();
    let mut entries: Vec<legible::Entry<'_>> = d
        .tier_points
        .iter()
        .map(|(tier, _)| legible::Entry {
            colour: tier_colour(*tier),
            ring: false,
            name: tier.name(lang),
        })
        .collect();
    entries.extend(hand.iter().map(|(tier, name)| legible::Entry {
        colour: tier_colour(*tier),
        ring: true,
        name,
    }));
    if let Some(name) = moved {
        entries.push(legible::Entry { colour: theme::ERROR, ring: true, name });
    }
    legible::legend_ui(ui, &entries);
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
