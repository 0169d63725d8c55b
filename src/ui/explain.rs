//! "Explain this number": the window that shows the derivation of one
//! customer's figures (R, F, M, RFM cell, segment, CLV, importance,
//! difficulty, tier) with its own values filled in, in the interface
//! language, and the link every per-customer figure is drawn with.
//!
//! The explanation is computed once per analysis (on open, and when a new
//! analysis arrives) from the cached [`Analysis`](crate::domain::analysis::report::Analysis):
//! no SQL, and nothing recomputed per frame.

use egui::{RichText, WidgetText};

use super::{AppCommand, AppCtx, theme};
use crate::domain::analysis::explain::{Explanation, Figure, explain};
use crate::domain::analysis::explain_text::{section, title};
use crate::domain::customer::CustomerId;

/// The open Explain window: whose figures, which one was asked about, and
/// the explanation of the analysis it was computed from.
#[derive(Debug)]
pub struct ExplainWindow {
    customer: CustomerId,
    focus: Figure,
    /// (analysis generation, the explanation; `None`: not ranked).
    cached: Option<(u64, Option<Explanation>)>,
    /// The asked-about section was scrolled into view.
    scrolled: bool,
}

impl ExplainWindow {
    /// The window for one figure of a customer.
    pub fn new(customer: CustomerId, focus: Figure) -> Self {
        Self { customer, focus, cached: None, scrolled: false }
    }

    /// The customer explained.
    pub fn customer(&self) -> CustomerId {
        self.customer
    }

    /// The figure asked about.
    pub fn focus(&self) -> Figure {
        self.focus
    }

    /// The explanation shown (after the window was drawn once).
    pub fn explanation(&self) -> Option<&Explanation> {
        self.cached.as_ref().and_then(|(_, e)| e.as_ref())
    }

    /// Computes the explanation when the analysis changed (once per
    /// analysis: a search for the customer and [`explain`], O(n)).
    fn refresh(&mut self, app: &AppCtx<'_>) {
        let generation = app.data.analysis.generation();
        if self.cached.as_ref().is_some_and(|(g, _)| *g == generation) {
            return;
        }
        let explained = app.data.analysis.as_deref().and_then(|a| {
            let i = a.customers.iter().position(|c| c.info.id == self.customer)?;
            explain(a, i)
        });
        self.cached = Some((generation, explained));
    }

    /// Draws the window inside `area` (below the menu bar); returns
    /// whether it stays open.
    pub fn ui(&mut self, ctx: &egui::Context, app: &AppCtx<'_>, area: egui::Rect) -> bool {
        self.refresh(app);
        let (x, lang) = (app.t.explain, app.lang);
        let name =
            app.data.customers.by_id(self.customer).map_or_else(String::new, |r| r.name.clone());
        let code = self.explanation().map_or_else(String::new, |e| e.code.clone());
        let mut open = true;
        let mut close = false;
        egui::Window::new((x.title)(&name, &code))
            .id(egui::Id::unique("explain_window"))
            .constrain_to(area)
            .open(&mut open)
            .default_width(640.0)
            .default_height(560.0)
            .resizable(true)
            .vscroll(true)
            .show(ctx, |ui| {
                match &self.cached {
                    Some((_, Some(e))) => {
                        ui.label((x.intro)(&e.snapshot.to_string(), e.n));
                        ui.add_space(4.0);
                        for figure in Figure::ALL {
                            // A cell is its three scores: they are shown with it.
                            let focused = figure == self.focus
                                || (self.focus == Figure::Cell
                                    && matches!(
                                        figure,
                                        Figure::Recency | Figure::Frequency | Figure::Monetary
                                    ));
                            let frame = if focused {
                                egui::Frame::group(ui.style()).fill(ui.visuals().faint_bg_color)
                            } else {
                                egui::Frame::new().inner_margin(6.0)
                            };
                            let shown = frame.show(ui, |ui| {
                                ui.set_width(ui.available_width());
                                let head = RichText::new(title(figure, lang)).strong().size(15.0);
                                ui.label(if focused { head.color(theme::ACCENT) } else { head });
                                for line in section(e, figure, lang) {
                                    ui.label(line);
                                }
                            });
                            if focused && !self.scrolled {
                                shown.response.scroll_to_me(Some(egui::Align::TOP));
                                self.scrolled = true;
                            }
                        }
                    }
                    Some((_, None)) if app.data.analysis.is_some() => {
                        ui.label(x.not_ranked);
                    }
                    _ => {
                        ui.label(x.waiting);
                    }
                }
                ui.add_space(6.0);
                if ui.button(x.close).clicked() {
                    close = true;
                }
            });
        open && !close
    }
}

/// A per-customer figure drawn as a link: hovering says it can be
/// explained, a click opens its derivation.
pub fn figure_link(
    ui: &mut egui::Ui,
    app: &AppCtx<'_>,
    text: impl Into<WidgetText>,
    customer: CustomerId,
    figure: Figure,
) -> egui::Response {
    let response = ui.link(text).on_hover_text(app.t.explain.hint);
    if response.clicked() {
        app.send(AppCommand::Explain(customer, figure));
    }
    response
}

/// The customer detail's value figures (R, F, M, RFM cell, segment, CLV,
/// importance, difficulty, tier) from the cached analysis, each a link to
/// its explanation. A binary search by code per frame; no query.
pub fn customer_figures_ui(ui: &mut egui::Ui, app: &AppCtx<'_>, id: CustomerId, code: &str) {
    use crate::domain::analysis::explain::find;
    use crate::domain::analysis::rfm::segment_name;
    use crate::domain::money::format_cents_grouped;
    let (x, v, lang) = (app.t.explain, app.t.value, app.lang);
    egui::CollapsingHeader::new(x.figures).id_salt("customer_figures").default_open(true).show(
        ui,
        |ui| {
            let Some(a) = app.data.analysis.as_deref() else {
                ui.label(x.no_analysis);
                if ui.button(x.open_value).clicked() {
                    app.send(AppCommand::ShowPanel(super::Panel::Value));
                }
                return;
            };
            let Some(c) = find(a, code).map(|i| &a.customers[i]).filter(|c| c.info.id == id) else {
                ui.label(x.not_ranked);
                return;
            };
            #[allow(clippy::cast_possible_truncation)] // Display of a money figure.
            let clv = format!("¥{}", format_cents_grouped(c.clv.clv.round() as i64));
            let monetary =
                format!("¥{} (M {})", format_cents_grouped(c.agg.monetary_cents), c.rfm.m);
            let by_hand =
                c.info.importance_override.is_some() || c.info.difficulty_override.is_some();
            let tier = if by_hand {
                format!("{} · {}", c.tier.tier.name(lang), x.set_by_hand)
            } else {
                c.tier.tier.name(lang).to_owned()
            };
            let rows: [(&str, String, Figure); 9] = [
                (v.recency, (x.recency_value)(c.rfm.r, c.rfm.recency_days), Figure::Recency),
                (v.frequency, (x.frequency_value)(c.rfm.f, c.rfm.frequency), Figure::Frequency),
                (v.monetary, monetary, Figure::Monetary),
                ("RFM", c.rfm.cell(), Figure::Cell),
                (
                    v.segment,
                    segment_name(&a.segments, c.rfm.segment, lang).to_owned(),
                    Figure::Segment,
                ),
                (v.clv, clv, Figure::Clv),
                (x.importance, format!("{:.3}", c.tier.importance), Figure::Importance),
                (x.difficulty, format!("{:.1}", c.tier.difficulty), Figure::Difficulty),
                (v.tier, tier, Figure::Tier),
            ];
            egui::Grid::new("customer_figures_grid").num_columns(2).striped(true).show(ui, |ui| {
                for (label, value, figure) in rows {
                    ui.label(label);
                    figure_link(ui, app, value, id, figure);
                    ui.end_row();
                }
            });
        },
    );
}
