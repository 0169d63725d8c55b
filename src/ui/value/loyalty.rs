//! The loyalty tab: the ladder as bars as wide as each step's customers and
//! as high as their average revenue or CLV; a click lists a step.

use egui::{Align2, FontId, Rect, RichText, pos2, vec2};
use egui_plot::{Bar, BarChart, Plot, PlotPoint, PlotUi, Text};

use super::{Chart, Selection, ValuePanel, clicked_at, legible};
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
        // The legend: a row of the steps shown, above the chart (never over
        // a bar); each bar is named above it where the names do not run into
        // each other, and the y range leaves them room.
        let entries: Vec<legible::Entry<'_>> = a
            .ladder
            .iter()
            .enumerate()
            .filter(|(_, row)| row.customers > 0)
            .map(|(i, row)| legible::Entry {
                colour: theme::ladder(i),
                ring: false,
                name: row.step.name(lang),
            })
            .collect();
        legible::legend_ui(ui, &entries);
        let font = FontId::proportional(ui.text_style_height(&egui::TextStyle::Body));
        let colour = ui.visuals().text_color();
        let names: Vec<(String, f32)> = spans
            .iter()
            .map(|s| {
                let name = s.step.name(lang).to_owned();
                let w = ui.painter().layout_no_wrap(name.clone(), font.clone(), colour).size().x;
                (name, w)
            })
            .collect();
        let label_height = ui.fonts_mut(|f| f.row_height(&font));
        let plot_height = height - 30.0 - label_height * 1.5;
        let top = spans.iter().map(|s| s.height).fold(0.0_f64, f64::max);
        let y_top = legible::headroom(top, plot_height - label_height * 2.5, label_height * 1.5);
        let response = Plot::new("loyalty")
            // The wheel scrolls the panel (large type makes it scroll).
            .allow_scroll(false)
            .height(plot_height)
            .x_axis_label(v.customers)
            .y_axis_label(format!(
                "{} (¥)",
                if self.ladder_by_clv { v.avg_clv } else { v.avg_revenue }
            ))
            .include_y(0.0)
            .include_y(y_top)
            .show(ui, |plot| {
                plot.bar_chart(
                    BarChart::new(v.step, bars)
                        .color(theme::ACCENT)
                        .element_formatter(Box::new(|bar, _| bar.name.clone())),
                );
                step_names(plot, &spans, &names, &font, label_height);
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

/// Writes each step's name above its bar where it does not run into
/// another name (the widest steps first: their names are kept).
fn step_names(
    plot: &mut PlotUi<'_>,
    spans: &[Span],
    names: &[(String, f32)],
    font: &FontId,
    height: f32,
) {
    let at = |s: &Span| PlotPoint::new((s.from + s.to) / 2.0, s.height);
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by(|&i, &j| (spans[j].to - spans[j].from).total_cmp(&(spans[i].to - spans[i].from)));
    let boxes: Vec<Rect> = order
        .iter()
        .map(|&i| {
            let p = plot.screen_from_plot(at(&spans[i]));
            let w = names[i].1;
            Rect::from_min_size(pos2(p.x - w / 2.0, p.y - height), vec2(w, height))
        })
        .collect();
    let keep = legible::keep_apart(&boxes, 6.0);
    for (_, &i) in order.iter().enumerate().filter(|(k, _)| keep[*k]) {
        let text = RichText::new(&names[i].0).font(font.clone()).strong();
        plot.text(Text::new("", at(&spans[i]), text).anchor(Align2::CENTER_BOTTOM));
    }
}
