//! The loyalty tab: the ladder as bars as wide as each step's customers and
//! as high as their average revenue or CLV; a click lists a step.

use egui::RichText;
use egui_plot::{Bar, BarChart, Legend, Plot, Text};

use super::{Chart, Selection, ValuePanel, clicked_at};
use crate::domain::money::format_cents_grouped;
use crate::domain::terms::LadderStep;
use crate::ui::theme;

impl ValuePanel {
    /// Draws the loyalty tab.
    pub(super) fn loyalty_ui(&mut self, ui: &mut egui::Ui, at: &Chart<'_, '_>) {
        let (ctx, a, height) = (at.ctx, at.a, at.height);
        let (v, lang) = (ctx.t.value, ctx.lang);
        ui.horizontal(|ui| {
            ui.label(v.height_by);
            ui.selectable_value(&mut self.ladder_by_clv, false, v.avg_revenue);
            ui.selectable_value(&mut self.ladder_by_clv, true, v.avg_clv);
        });
        let mut x = 0.0;
        let mut spans: Vec<Span> = Vec::new();
        let bars: Vec<Bar> = a
            .ladder
            .iter()
            .enumerate()
            .filter(|(_, row)| row.customers > 0)
            .map(|(i, row)| {
                #[allow(clippy::cast_precision_loss)]
                let w = row.customers as f64;
                let h = if self.ladder_by_clv { row.avg_clv } else { row.avg_revenue } / 100.0;
                let centre = x + w / 2.0;
                spans.push(Span { step: row.step, from: x, to: x + w, height: h });
                x += w;
                Bar::new(centre, h)
                    .width(w)
                    .name(format!(
                        "{}: {} · ¥{:.0} · ¥{}",
                        row.step.name(lang),
                        row.customers,
                        h,
                        format_cents_grouped(row.revenue_cents)
                    ))
                    .fill(theme::ladder(i))
            })
            .collect();
        let response = Plot::new("loyalty")
            .height(height - 30.0)
            .legend(Legend::default())
            .x_axis_label(v.customers)
            .y_axis_label(format!(
                "{} (¥)",
                if self.ladder_by_clv { v.avg_clv } else { v.avg_revenue }
            ))
            .show(ui, |plot| {
                plot.bar_chart(
                    BarChart::new(v.step, bars)
                        .color(theme::ACCENT)
                        .element_formatter(Box::new(|bar, _| bar.name.clone())),
                );
                let top = spans.iter().map(|s| s.height).fold(1.0_f64, f64::max);
                for Span { step, from, to, height: h } in &spans {
                    plot.text(Text::new(
                        "",
                        [(from + to) / 2.0, h + top * 0.03].into(),
                        RichText::new(step.name(lang)).size(14.0).strong(),
                    ));
                }
                plot.pointer_coordinate()
            });
        if let Some(p) = clicked_at(&response)
            && let Some(span) = spans.iter().find(|s| p.x >= s.from && p.x < s.to)
        {
            let step = span.step;
            self.selection =
                Selection::matching(step.name(lang).to_owned(), a, |c| c.info.ladder_step == step);
        }
    }
}

/// One step's bar on the x-axis: where it starts and ends, and how high it is.
#[derive(Clone, Copy, Debug)]
struct Span {
    step: LadderStep,
    from: f64,
    to: f64,
    height: f64,
}
