//! The value-analysis panel: RFM, 80/20, four tiers, CLV, the loyalty
//! ladder and satisfaction as egui_plot charts. Every chart has a title,
//! axis labels, a legend, hover values and a click that lists the customers
//! behind it. Draws only from the last finished [`Analysis`] in the cache.

mod clv;
mod derived;
mod legible;
mod loyalty;
mod pareto;
mod rfm;
mod rfm_grid;
mod satisfaction;
mod tiers;
mod whatif;

use std::collections::HashMap;

use chrono::NaiveDate;
use egui::{Color32, RichText};
use egui_extras::{Column, TableBuilder};
use egui_plot::PlotPoint;

pub use self::derived::{Derived, derive};
use super::explain::figure_link;
use super::i18n_value::TrValue;
use super::{AppCommand, AppCtx, theme};
use crate::domain::analysis::clv::ClvParams;
use crate::domain::analysis::explain::Figure;
use crate::domain::analysis::report::{Analysis, CustomerInfo, CustomerResult, ReportKind};
use crate::domain::analysis::rfm::segment_name;
use crate::domain::analysis::satisfaction::SatisfactionState;
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

/// What every chart draws from: the context, the analysis, its chart data,
/// the height the chart may take, and the height it would have with no
/// customer list under it.
struct Chart<'a, 'c> {
    ctx: &'a AppCtx<'c>,
    a: &'a Analysis,
    d: &'a Derived,
    height: f32,
    full_height: f32,
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

/// A tier's colour for text on the theme shown (darker on a light one).
fn tier_ink(ui: &egui::Ui, tier: Tier) -> Color32 {
    theme::on_background(tier_colour(tier), ui.visuals().dark_mode)
}

/// The value-analysis panel.
#[derive(Debug, Default)]
pub struct ValuePanel {
    tab: Tab,
    colour_by_m: bool,
    ladder_by_clv: bool,
    snapshot_text: String,
    snapshot_error: bool,
    /// The customers listed under the chart shown (clicked in it).
    selection: Selection,
    /// The lists of the other charts, kept while another chart is shown
    /// (by [`Tab`] index): a list belongs to the chart it was clicked in.
    kept: [Selection; 6],
    /// What the list drawn last frame showed (a new list is scrolled to).
    listed: Option<(String, usize)>,
    /// The analysis the selection belongs to (cleared when it changes).
    seen_gen: u64,
    clv_edit: Option<ClvParams>,
    /// Where the charts were drawn last frame (for "Save chart as PNG").
    chart_rect: Option<egui::Rect>,
    /// Chart data of the analysis with this generation.
    derived: Option<(u64, std::sync::Arc<Derived>)>,
}

/// A customer's name from the library's cached rows (by id, through their
/// index).
fn name_of<'c>(ctx: &AppCtx<'c>, info: &CustomerInfo) -> &'c str {
    ctx.data.customers.by_id(info.id).map_or("", |r| r.name.as_str())
}

impl ValuePanel {
    /// The chart shown now.
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Shows another chart: the customers listed from the last one are
    /// put away with it, and the list of this one (if any) comes back.
    pub fn set_tab(&mut self, tab: Tab) {
        if self.tab != tab {
            self.kept[self.tab as usize] = std::mem::take(&mut self.selection);
            self.selection = std::mem::take(&mut self.kept[tab as usize]);
            // A list coming back with its chart is not scrolled to.
            self.listed = Some((self.selection.what.clone(), self.selection.customers.len()));
        }
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
            self.kept = Default::default();
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
                if ui.selectable_label(self.tab == tab, tab.title(v)).clicked() {
                    self.set_tab(tab);
                }
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
        let viewport = ui.available_height();
        // Everything under the tabs scrolls when the window (or large type)
        // leaves less room than it takes; the chart then keeps a height of
        // its own, three quarters of the view at least.
        egui::ScrollArea::vertical()
            .id_salt(("value_chart", self.tab as u8))
            .auto_shrink(false)
            .show(ui, |ui| {
                self.header_ui(ui, ctx, analysis);
                let used = ui.min_rect().height();
                let full_height = (viewport - used - 12.0).max((viewport * 0.75).max(240.0));
                self.charts_ui(ui, ctx, analysis, full_height);
            });
    }

    /// What the analysis covers, the export buttons and the chart's note.
    fn header_ui(&self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, analysis: &Analysis) {
        let v = ctx.t.value;
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
    }

    /// The chart of the tab shown, `full_height` tall with no customer list
    /// under it, and the list.
    fn charts_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &AppCtx<'_>,
        analysis: &Analysis,
        full_height: f32,
    ) {
        let list_height = if self.selection.customers.is_empty() { 0.0 } else { 200.0 };
        let chart_height = (full_height - list_height).max(240.0);
        let d = self.derived_of(ctx, analysis);
        let at = Chart { ctx, a: analysis, d: &d, height: chart_height, full_height };
        let charts = ui.scope(|ui| match self.tab {
            Tab::Rfm => self.rfm_ui(ui, &at),
            Tab::Pareto => self.pareto_ui(ui, &at),
            Tab::Tiers => self.tiers_ui(ui, &at),
            Tab::Clv => self.clv_ui(ui, &at),
            Tab::Loyalty => self.loyalty_ui(ui, &at),
            Tab::Satisfaction => {
                if let Some((month, state)) = satisfaction::satisfaction_ui(ui, &at) {
                    self.select_month(analysis, month, state, ctx.lang);
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
    pub fn select_month(
        &mut self,
        a: &Analysis,
        (year, month): (i32, u32),
        state: Option<SatisfactionState>,
        lang: crate::domain::Lang,
    ) {
        use chrono::Datelike as _;
        let index: HashMap<CustomerId, usize> =
            a.customers.iter().enumerate().map(|(i, c)| (c.info.id, i)).collect();
        let mut picked: Vec<usize> = a
            .surveys
            .iter()
            .filter(|(_, d, s)| {
                d.year() == year && d.month() == month && state.is_none_or(|x| x == *s)
            })
            .filter_map(|(id, _, _)| index.get(id).copied())
            .collect();
        picked.sort_unstable();
        picked.dedup();
        let what = match state {
            Some(s) => format!("{year:04}-{month:02} · {}", s.name(lang)),
            None => format!("{year:04}-{month:02}"),
        };
        self.selection = Selection { what, customers: picked };
    }

    /// What the list under the chart holds, and a button that clears it;
    /// false when it was cleared.
    fn selection_heading_ui(&mut self, ui: &mut egui::Ui, v: &TrValue) -> bool {
        ui.separator();
        let key = (self.selection.what.clone(), self.selection.customers.len());
        let heading = ui.horizontal(|ui| {
            ui.label(RichText::new((v.selected)(&key.0, key.1)).strong());
            if ui.small_button(v.clear_list).clicked() {
                self.selection = Selection::default();
            }
        });
        // A list just clicked may lie below the view (large type): show it.
        if self.listed.as_ref() != Some(&key) {
            heading.response.scroll_to_me(Some(egui::Align::TOP));
            self.listed = Some(key);
        }
        !self.selection.customers.is_empty()
    }

    fn selection_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, a: &Analysis) {
        if self.selection.customers.is_empty() {
            return;
        }
        if !self.selection_heading_ui(ui, ctx.t.value) {
            return;
        }
        let rows = &self.selection.customers;
        ui.push_id("selection", |ui| {
            ui.style_mut().interaction.selectable_labels = false;
            // Large type: the columns scroll sideways rather than wrap (a
            // wrapped Open button made every row four lines tall).
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            egui::ScrollArea::horizontal().show(ui, |ui| selection_table(ui, ctx, a, rows));
        });
    }
}

/// The customers of a selection, one row each, with their figures.
fn selection_table(ui: &mut egui::Ui, ctx: &AppCtx<'_>, a: &Analysis, rows: &[usize]) {
    let (v, lang) = (ctx.t.value, ctx.lang);
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
                    let tier = RichText::new(text).color(tier_ink(ui, c.tier.tier));
                    figure_link(ui, ctx, tier, id, Figure::Tier);
                });
                row.col(|ui| {
                    if ui.small_button(v.open_customer).clicked() {
                        ctx.send(AppCommand::ShowCustomer(c.info.id));
                    }
                });
            });
        });
}

/// Where a plot was clicked, in plot units, when it was clicked.
fn clicked_at(response: &egui_plot::PlotResponse<Option<PlotPoint>>) -> Option<PlotPoint> {
    if response.response.clicked() { response.inner } else { None }
}
