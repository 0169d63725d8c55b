//! The value-analysis panel: RFM, 80/20, four tiers, CLV, the loyalty
//! ladder and satisfaction as egui_plot charts. Every chart has a title,
//! axis labels, a legend, hover values and a click that lists the customers
//! behind it. Draws only from the last finished [`Analysis`] in the cache.

mod clv;
mod derived;
mod loyalty;
mod pareto;
mod rfm;
mod satisfaction;
mod tiers;
mod whatif;

use std::collections::HashMap;

use chrono::NaiveDate;
use egui::{Color32, RichText};
use egui_extras::{Column, TableBuilder};
use egui_plot::{HoverPosition, PlotPoint};

pub use self::derived::{Derived, derive};
use super::explain::figure_link;
use super::i18n_value::TrValue;
use super::{AppCommand, AppCtx, theme};
use crate::domain::analysis::clv::ClvParams;
use crate::domain::analysis::explain::Figure;
use crate::domain::analysis::report::{Analysis, CustomerInfo, CustomerResult, ReportKind};
use crate::domain::analysis::rfm::segment_name;
use crate::domain::customer::CustomerId;
use crate::domain::money::format_cents_grouped;
use crate::domain::terms::Tier;

/// The charts of the panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Rfm,
    Pareto,
    Tiers,
    Clv,
    Loyalty,
    Satisfaction,
}

impl Tab {
    const ALL: [Self; 6] =
        [Self::Rfm, Self::Pareto, Self::Tiers, Self::Clv, Self::Loyalty, Self::Satisfaction];

    fn title(self, v: &TrValue) -> &'static str {
        match self {
            Self::Rfm => v.tab_rfm,
            Self::Pareto => v.tab_pareto,
            Self::Tiers => v.tab_tiers,
            Self::Clv => v.tab_clv,
            Self::Loyalty => v.tab_loyalty,
            Self::Satisfaction => v.tab_satisfaction,
        }
    }

    fn note(self, v: &TrValue) -> &'static str {
        match self {
            Self::Rfm => v.note_rfm,
            Self::Pareto => v.note_pareto,
            Self::Tiers => v.note_tiers,
            Self::Clv => v.note_clv,
            Self::Loyalty => v.note_loyalty,
            Self::Satisfaction => v.note_satisfaction,
        }
    }

    /// The report table exported from this tab.
    fn report(self) -> ReportKind {
        match self {
            Self::Rfm => ReportKind::Rfm,
            Self::Pareto => ReportKind::Pareto,
            Self::Tiers => ReportKind::Tiers,
            Self::Clv => ReportKind::Clv,
            Self::Loyalty => ReportKind::Ladder,
            Self::Satisfaction => ReportKind::Satisfaction,
        }
    }
}

/// Customers picked by a click: what was clicked and indices into
/// `Analysis::customers`.
#[derive(Clone, Debug, Default, PartialEq)]
struct Selection {
    what: String,
    customers: Vec<usize>,
}

impl Selection {
    /// The customers of the analysis for which `keep` holds, named `what`.
    fn matching(what: String, a: &Analysis, keep: impl Fn(&CustomerResult) -> bool) -> Self {
        Self {
            what,
            customers: (0..a.customers.len()).filter(|&i| keep(&a.customers[i])).collect(),
        }
    }
}

/// What every chart draws from: the context, the analysis, its chart data
/// and the height the chart may take.
struct Chart<'a, 'c> {
    ctx: &'a AppCtx<'c>,
    a: &'a Analysis,
    d: &'a Derived,
    height: f32,
}

/// Tier colours (design tokens live in `theme`).
fn tier_colour(tier: Tier) -> Color32 {
    match tier {
        Tier::Platinum => theme::PLATINUM,
        Tier::Gold => theme::GOLD,
        Tier::Steel => theme::STEEL,
        Tier::Lead => theme::LEAD,
    }
}

/// The value-analysis panel.
#[derive(Debug, Default)]
pub struct ValuePanel {
    tab: Tab,
    colour_by_m: bool,
    ladder_by_clv: bool,
    snapshot_text: String,
    snapshot_error: bool,
    selection: Selection,
    /// The analysis the selection belongs to (cleared when it changes).
    seen_gen: u64,
    clv_edit: Option<ClvParams>,
    /// Where the charts were drawn last frame (for "Save chart as PNG").
    chart_rect: Option<egui::Rect>,
    /// Chart data of the analysis with this generation.
    derived: Option<(u64, std::sync::Arc<Derived>)>,
}

/// A customer's name from the library's cached rows, which are in code
/// order: a binary search by code (no map of every customer to build).
fn name_of<'c>(ctx: &AppCtx<'c>, info: &CustomerInfo) -> &'c str {
    let rows = &ctx.data.customers;
    rows.binary_search_by(|r| r.code.as_str().cmp(&info.code))
        .ok()
        .map(|i| &rows[i])
        .filter(|r| r.id == info.id)
        .map_or("", |r| r.name.as_str())
}

impl ValuePanel {
    /// The chart shown now.
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Shows another chart.
    pub fn set_tab(&mut self, tab: Tab) {
        self.tab = tab;
    }

    /// Lists these customers (indices into the analysis shown) under the
    /// chart, named `what` (a lesson's moved customers).
    pub fn select_customers(&mut self, what: String, customers: Vec<usize>) {
        self.selection = Selection { what, customers };
    }

    /// How many customers the last click selected.
    pub fn selected_customers(&self) -> usize {
        self.selection.customers.len()
    }

    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let v = ctx.t.value;
        if ctx.data.analysis.generation() != self.seen_gen {
            self.seen_gen = ctx.data.analysis.generation();
            self.selection = Selection::default();
        }
        ui.horizontal_wrapped(|ui| {
            ui.heading(v.title);
            ui.separator();
            self.snapshot_ui(ui, ctx);
            if let Some(done) = ctx.data.analysis_progress {
                ui.separator();
                ui.add(
                    egui::ProgressBar::new(done)
                        .desired_width(160.0)
                        .show_percentage()
                        .text(v.computing),
                );
                if ui.button(v.cancel).clicked() {
                    ctx.send(AppCommand::CancelAnalysis);
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            for tab in Tab::ALL {
                ui.selectable_value(&mut self.tab, tab, tab.title(v));
            }
        });
        ui.separator();
        let Some(analysis) = ctx.data.analysis.as_deref() else {
            if ctx.data.analysis_progress.is_none() {
                ui.label(v.no_data);
            }
            return;
        };
        if analysis.customers.is_empty() {
            ui.label(v.no_data);
            return;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new((v.headline)(
                    &analysis.snapshot.map(|d| d.to_string()).unwrap_or_default(),
                    analysis.customers.len(),
                    usize::try_from(analysis.transactions).unwrap_or(usize::MAX),
                    &format_cents_grouped(analysis.revenue_cents),
                ))
                .strong(),
            );
            if ui.button(v.export_table).clicked() {
                ctx.send(AppCommand::ExportReport(self.tab.report()));
            }
            if let Some(rect) = self.chart_rect
                && ui.button(v.export_chart).clicked()
            {
                ctx.send(AppCommand::ExportChartPng(rect));
            }
        });
        egui::CollapsingHeader::new(v.about).id_salt(("value_note", self.tab as u8)).show(
            ui,
            |ui| {
                ui.label(self.tab.note(v));
            },
        );

        let list_height = if self.selection.customers.is_empty() { 0.0 } else { 200.0 };
        let chart_height = (ui.available_height() - list_height - 12.0).max(240.0);
        let d = self.derived_of(ctx, analysis);
        let at = Chart { ctx, a: analysis, d: &d, height: chart_height };
        let charts = ui.scope(|ui| match self.tab {
            Tab::Rfm => self.rfm_ui(ui, &at),
            Tab::Pareto => self.pareto_ui(ui, &at),
            Tab::Tiers => self.tiers_ui(ui, &at),
            Tab::Clv => self.clv_ui(ui, &at),
            Tab::Loyalty => self.loyalty_ui(ui, &at),
            Tab::Satisfaction => {
                if let Some(month) = satisfaction::satisfaction_ui(ui, &at) {
                    self.select_month(analysis, month);
                }
            }
        });
        self.chart_rect = Some(charts.response.rect);
        self.selection_ui(ui, ctx, analysis);
    }

    /// The chart data of the analysis shown: the worker's when it is ready,
    /// else derived here once.
    fn derived_of(&mut self, ctx: &AppCtx<'_>, analysis: &Analysis) -> std::sync::Arc<Derived> {
        if self.derived.as_ref().is_none_or(|(g, _)| *g != ctx.data.analysis.generation()) {
            let gen_now = ctx.data.analysis.generation();
            let ready = ctx.data.value_charts.as_ref().filter(|(g, _)| *g == gen_now);
            let charts = match ready {
                Some((_, d)) => std::sync::Arc::clone(d),
                None => std::sync::Arc::new(derive(analysis, analysis.tier_params.critical_share)),
            };
            self.derived = Some((gen_now, charts));
        }
        self.derived.as_ref().map(|(_, d)| std::sync::Arc::clone(d)).unwrap_or_default()
    }

    fn snapshot_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let v = ctx.t.value;
        let label = ui.label(v.snapshot);
        if self.snapshot_text.is_empty()
            && !ui.ctx().egui_wants_keyboard_input()
            && let Some(date) = ctx.data.analysis.as_ref().and_then(|a| a.snapshot)
        {
            self.snapshot_text = date.to_string();
        }
        let edit = ui
            .add(egui::TextEdit::singleline(&mut self.snapshot_text).desired_width(96.0))
            .labelled_by(label.id);
        let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button(v.snapshot_apply).clicked() || entered {
            match NaiveDate::parse_from_str(self.snapshot_text.trim(), "%Y-%m-%d") {
                Ok(date) => {
                    self.snapshot_error = false;
                    ctx.send(AppCommand::SetSnapshot(Some(date)));
                }
                Err(_) => self.snapshot_error = true,
            }
        }
        if ui.button(v.snapshot_default).clicked() {
            self.snapshot_error = false;
            self.snapshot_text.clear();
            ctx.send(AppCommand::SetSnapshot(None));
        }
        if self.snapshot_error {
            ui.colored_label(theme::ERROR, v.snapshot_bad);
        }
    }

    /// Lists the customers surveyed in a month.
    pub fn select_month(&mut self, a: &Analysis, (year, month): (i32, u32)) {
        use chrono::Datelike as _;
        let index: HashMap<CustomerId, usize> =
            a.customers.iter().enumerate().map(|(i, c)| (c.info.id, i)).collect();
        let mut picked: Vec<usize> = a
            .surveys
            .iter()
            .filter(|(_, d)| d.year() == year && d.month() == month)
            .filter_map(|(id, _)| index.get(id).copied())
            .collect();
        picked.sort_unstable();
        picked.dedup();
        self.selection = Selection { what: format!("{year:04}-{month:02}"), customers: picked };
    }

    fn selection_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, a: &Analysis) {
        if self.selection.customers.is_empty() {
            return;
        }
        let (v, lang) = (ctx.t.value, ctx.lang);
        ui.separator();
        ui.label(
            RichText::new((v.selected)(&self.selection.what, self.selection.customers.len()))
                .strong(),
        );
        let rows = &self.selection.customers;
        ui.push_id("selection", |ui| {
            ui.style_mut().interaction.selectable_labels = false;
            TableBuilder::new(ui)
                .striped(true)
                .max_scroll_height(170.0)
                .column(Column::initial(80.0))
                .column(Column::initial(180.0).clip(true))
                .column(Column::initial(50.0))
                .column(Column::initial(130.0))
                .column(Column::initial(100.0))
                .column(Column::initial(100.0))
                .column(Column::initial(80.0))
                .column(Column::initial(70.0))
                .column(Column::initial(130.0))
                .column(Column::remainder())
                .header(20.0, |mut h| {
                    let x = ctx.t.explain;
                    for title in [
                        v.code,
                        v.name,
                        "RFM",
                        v.segment,
                        v.monetary,
                        v.clv,
                        x.importance,
                        x.difficulty,
                        v.tier,
                        "",
                    ] {
                        h.col(|ui| {
                            ui.strong(title);
                        });
                    }
                })
                .body(|body| {
                    body.rows(theme::ROW_HEIGHT, rows.len(), |mut row| {
                        let c = &a.customers[rows[row.index()]];
                        let id = c.info.id;
                        row.col(|ui| {
                            ui.label(&c.info.code);
                        });
                        row.col(|ui| {
                            ui.label(name_of(ctx, &c.info));
                        });
                        row.col(|ui| {
                            figure_link(ui, ctx, c.rfm.cell(), id, Figure::Cell);
                        });
                        row.col(|ui| {
                            let name = segment_name(&a.segments, c.rfm.segment, lang);
                            figure_link(ui, ctx, name, id, Figure::Segment);
                        });
                        row.col(|ui| {
                            let m = format_cents_grouped(c.agg.monetary_cents);
                            figure_link(ui, ctx, m, id, Figure::Monetary);
                        });
                        row.col(|ui| {
                            #[allow(clippy::cast_possible_truncation)]
                            let clv = format_cents_grouped(c.clv.clv.round() as i64);
                            figure_link(ui, ctx, clv, id, Figure::Clv);
                        });
                        row.col(|ui| {
                            let importance = format!("{:.3}", c.tier.importance);
                            figure_link(ui, ctx, importance, id, Figure::Importance);
                        });
                        row.col(|ui| {
                            let difficulty = format!("{:.1}", c.tier.difficulty);
                            figure_link(ui, ctx, difficulty, id, Figure::Difficulty);
                        });
                        row.col(|ui| {
                            let name = c.tier.tier.name(lang);
                            let by_hand = c.info.importance_override.is_some()
                                || c.info.difficulty_override.is_some();
                            let text = if by_hand {
                                format!("{name} · {}", ctx.t.explain.set_by_hand)
                            } else {
                                name.to_owned()
                            };
                            let tier = RichText::new(text).color(tier_colour(c.tier.tier));
                            figure_link(ui, ctx, tier, id, Figure::Tier);
                        });
                        row.col(|ui| {
                            if ui.small_button(v.open_customer).clicked() {
                                ctx.send(AppCommand::ShowCustomer(c.info.id));
                            }
                        });
                    });
                });
        });
    }
}

/// The plot position under the pointer, near a data point or not.
fn hover_point(pos: &HoverPosition<'_>) -> PlotPoint {
    match pos {
        HoverPosition::NearDataPoint { position, .. } | HoverPosition::Elsewhere { position } => {
            *position
        }
    }
}

/// Where a plot was clicked, in plot units, when it was clicked.
fn clicked_at(response: &egui_plot::PlotResponse<Option<PlotPoint>>) -> Option<PlotPoint> {
    if response.response.clicked() { response.inner } else { None }
}
