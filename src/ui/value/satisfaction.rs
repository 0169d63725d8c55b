//! The satisfaction tab: surveys per month stacked by state, and the states
//! by tier; a click on a month lists the customers surveyed then.

use egui::RichText;
use egui_plot::{Bar, BarChart, Legend, Plot};

use super::{Chart, clicked_at, legible};
use crate::domain::analysis::satisfaction::{MonthCounts, SatisfactionState};
use crate::ui::theme;

/// A month's bar and the state of its part clicked (a month and a state).
type Clicked = ((i32, u32), Option<SatisfactionState>);

/// Draws the satisfaction chart and table; returns the month clicked and
/// the state of the part of its bar (none above the bar).
pub(super) fn satisfaction_ui(ui: &mut egui::Ui, at: &Chart<'_, '_>) -> Option<Clicked> {
    let (ctx, a, height) = (at.ctx, at.a, at.height);
    let (v, lang) = (ctx.t.value, ctx.lang);
    let months = &a.satisfaction;
    let states = SatisfactionState::ALL;
    let labels: Vec<String> = months.iter().map(MonthCounts::label).collect();
    let charts = stacked(months, lang);
    let width = ui.available_width();
    // The table goes under the chart when the row is narrow (large type).
    let wide = width >= ui.text_style_height(&egui::TextStyle::Body) * 45.0;
    let chart_width = if wide { width * 0.68 } else { width };
    // The legend goes over the months with the fewest surveys, and the y
    // range leaves it room above them.
    let totals: Vec<f64> =
        months.iter().map(|m| f64::from(m.dissatisfied + m.satisfied + m.delighted)).collect();
    let names: Vec<&str> = states.iter().map(|s| s.name(lang)).collect();
    let plot_height = height - 30.0;
    let legend = legible::legend_size(ui, &names);
    let row = ui.text_style_height(&egui::TextStyle::Body);
    let (corner, y_top) =
        legible::bar_legend(&totals, egui::vec2(chart_width, plot_height), legend, row);
    let mut clicked = None;
    let chart_ui = |ui: &mut egui::Ui| {
        ui.vertical(|ui| {
            ui.set_width(chart_width);
            ui.label(RichText::new(v.satisfaction_title).strong());
            let response = Plot::new("satisfaction")
                // The wheel scrolls the panel (large type makes it scroll).
                .allow_scroll(false)
                .height(plot_height)
                .legend(Legend::default().position(corner))
                .include_y(0.0)
                .include_y(y_top)
                .x_axis_label(v.month)
                .y_axis_label(v.surveys)
                .x_axis_formatter(move |mark, _| {
                    crate::ui::widgets::index_label(&labels, mark.value)
                })
                .show(ui, |plot| {
                    for chart in charts {
                        plot.bar_chart(chart);
                    }
                    plot.pointer_coordinate()
                });
            if let Some(p) = clicked_at(&response)
                && p.x >= -0.5
            {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // Checked ≥ 0.
                let i = p.x.round() as usize;
                clicked = months.get(i).map(|m| ((m.year, m.month), state_at(m, p.y)));
            }
        });
    };
    let table_ui = |ui: &mut egui::Ui| {
        ui.vertical(|ui| {
            ui.label(RichText::new(v.by_tier).strong());
            egui::Grid::new("satisfaction_by_tier").striped(true).num_columns(4).show(ui, |ui| {
                ui.strong(v.tier);
                for state in states {
                    ui.strong(state.name(lang));
                }
                ui.end_row();
                for (tier, counts) in &a.satisfaction_by_tier {
                    ui.colored_label(super::tier_ink(ui, *tier), tier.name(lang));
                    for n in counts {
                        ui.label(n.to_string());
                    }
                    ui.end_row();
                }
            });
        });
    };
    if wide {
        ui.horizontal_top(|ui| {
            chart_ui(ui);
            table_ui(ui);
        });
    } else {
        chart_ui(ui);
        table_ui(ui);
    }
    clicked
}

/// The state whose part of the month's stacked bar holds height `y`
/// (dissatisfied at the bottom); `None` above the bar or below 0.
pub fn state_at(m: &MonthCounts, y: f64) -> Option<SatisfactionState> {
    let mut top = 0.0;
    for (state, n) in SatisfactionState::ALL.iter().zip([m.dissatisfied, m.satisfied, m.delighted])
    {
        let bottom = top;
        top += f64::from(n);
        if n > 0 && y >= bottom && y < top {
            return Some(*state);
        }
    }
    None
}

/// One bar chart per state, each stacked on the ones before.
fn stacked(months: &[MonthCounts], lang: crate::domain::Lang) -> Vec<BarChart> {
    let colours = [theme::ERROR, theme::STEEL, theme::OK];
    let mut charts: Vec<BarChart> = Vec::new();
    for (k, state) in SatisfactionState::ALL.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let bars: Vec<Bar> = months
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let n = [m.dissatisfied, m.satisfied, m.delighted][k];
                Bar::new(i as f64, f64::from(n)).fill(colours[k]).name(format!(
                    "{} {}: {n}",
                    m.label(),
                    state.name(lang)
                ))
            })
            .collect();
        let mut chart = BarChart::new(state.name(lang), bars)
            .color(colours[k])
            .width(0.7)
            .element_formatter(Box::new(|bar, _| bar.name.clone()));
        let below: Vec<&BarChart> = charts.iter().collect();
        if !below.is_empty() {
            chart = chart.stack_on(&below);
        }
        charts.push(chart);
    }
    charts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_click_height_finds_the_part_of_the_stacked_bar() {
        let m = MonthCounts { year: 2025, month: 3, dissatisfied: 4, satisfied: 0, delighted: 5 };
        assert_eq!(state_at(&m, 0.0), Some(SatisfactionState::Dissatisfied));
        assert_eq!(state_at(&m, 3.9), Some(SatisfactionState::Dissatisfied));
        // No satisfied part: 4.0 is where the delighted part starts.
        assert_eq!(state_at(&m, 4.0), Some(SatisfactionState::Delighted));
        assert_eq!(state_at(&m, 8.9), Some(SatisfactionState::Delighted));
        assert_eq!(state_at(&m, 9.0), None, "above the bar");
        assert_eq!(state_at(&m, -0.1), None);
    }
}
