//! The value-analysis panel: RFM, 80/20, four tiers, CLV, the loyalty
//! ladder and satisfaction as egui_plot charts. Every chart has a title,
//! axis labels, a legend, hover values and a click that lists the customers
//! behind it. Draws only from the last finished [`Analysis`] in the cache.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use egui::{Color32, RichText};
use egui_extras::{Column, TableBuilder};
use egui_plot::{
    Bar, BarChart, HLine, HoverPosition, Legend, Line, LineStyle, Plot, PlotPoint, PlotPoints,
    Points, Polygon, Text, VLine,
};

use super::i18n_value::TrValue;
use super::{AppCommand, AppCtx, theme};
use crate::domain::analysis::clv::ClvParams;
use crate::domain::analysis::pareto::curve;
use crate::domain::analysis::report::{Analysis, CustomerInfo, ReportKind, tier_counts};
use crate::domain::analysis::rfm::segment_name;
use crate::domain::analysis::satisfaction::SatisfactionState;
use crate::domain::customer::CustomerId;
use crate::domain::money::format_cents_grouped;
use crate::domain::settings::Settings;
use crate::domain::terms::{LadderStep, Tier};

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

/// Tier colours (design tokens live in `theme`).
fn tier_colour(tier: Tier) -> Color32 {
    match tier {
        Tier::Platinum => theme::PLATINUM,
        Tier::Gold => theme::GOLD,
        Tier::Steel => theme::STEEL,
        Tier::Lead => theme::LEAD,
    }
}

/// What the charts derive from one analysis: computed once per analysis on
/// the analysis worker ([`derive`]), never per frame (at a million
/// transactions these are hundreds of thousands of customers).
#[derive(Debug, Default)]
pub struct Derived {
    /// Count and monetary sum per (R, F) cell, `cells[r - 1][f - 1]`.
    cells: [[(usize, i64); 5]; 5],
    /// Count and monetary sum per segment index.
    segments: BTreeMap<usize, (usize, i64)>,
    /// The 15 most common RFM cells with their counts.
    top_cells: Vec<(String, usize)>,
    /// The Pareto curve in percent.
    pareto: Vec<PlotPoint>,
    /// Importance of the least important critical customer (the quadrant line).
    critical_cut: f64,
    /// (difficulty, importance) per tier.
    tier_points: Vec<(Tier, Vec<PlotPoint>)>,
    max_difficulty: f64,
    /// CLV histogram: lowest value, bin width (yuan) and members per bin.
    clv_lo: f64,
    clv_step: f64,
    clv_bins: Vec<Vec<usize>>,
    /// The 15 customers with the highest CLV.
    clv_top: Vec<usize>,
    /// Customers and revenue per tier.
    tier_counts: Vec<(Tier, usize, i64)>,
}

/// Number of bins of the CLV histogram.
const CLV_BINS: usize = 20;

/// Points the Pareto curve keeps at most (a chart is narrower than this).
const CURVE_POINTS: usize = 2_000;

/// Grid cells per axis of the tier scatter within which dots are merged.
const SCATTER_CELLS: u32 = 1_000;

/// The Pareto curve in percent with at most about `CURVE_POINTS` points:
/// every k-th point, the first and the last kept, so the drawn line stays
/// the same (it is monotone and changes slowly between neighbours).
fn thin_curve(points: &[(f64, f64)]) -> Vec<PlotPoint> {
    let step = points.len().div_ceil(CURVE_POINTS).max(1);
    let last = points.len().saturating_sub(1);
    points
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step == 0 || *i == last)
        .map(|(_, &(x, y))| PlotPoint::new(x * 100.0, y * 100.0))
        .collect()
}

/// The chart data of one analysis (the app calls it on the worker thread);
/// `critical_share` is the setting that places the matrix's importance line.
pub fn derive(a: &Analysis, critical_share: f64) -> Derived {
    let mut d = Derived::default();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for c in &a.customers {
        let cell = &mut d.cells[usize::from(c.rfm.r.max(1) - 1)][usize::from(c.rfm.f.max(1) - 1)];
        cell.0 += 1;
        cell.1 += c.rfm.monetary_cents;
        let seg = d.segments.entry(c.rfm.segment).or_default();
        seg.0 += 1;
        seg.1 += c.rfm.monetary_cents;
        *counts.entry(c.rfm.cell()).or_default() += 1;
    }
    d.top_cells = counts.into_iter().collect();
    d.top_cells.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    d.top_cells.truncate(15);
    d.pareto = thin_curve(&curve(&a.pareto));
    // Between the last computed-critical importance and the next one down
    // (critical ⇔ h < ⌈share·n⌉, importance = 1 − h/n), so that the line
    // splits the axis as the rule does; a customer whose importance was set
    // by hand keeps its dot where it was computed, in its tier's colour.
    #[allow(clippy::cast_precision_loss)] // Customer counts.
    let n = a.customers.len() as f64;
    #[allow(clippy::cast_precision_loss)]
    let cut =
        crate::domain::analysis::tiers::critical_count(critical_share, a.customers.len()) as f64;
    d.critical_cut = if n > 0.0 { 1.0 - (cut - 0.5) / n } else { 1.0 };
    d.max_difficulty = a.customers.iter().map(|c| c.tier.difficulty).fold(0.0, f64::max);
    // One dot per tier and cell of a fine grid: customers whose dots would
    // cover each other on screen are drawn once (there can be hundreds of
    // thousands; what the matrix shows does not change).
    let x_cell = d.max_difficulty.max(1.0) / f64::from(SCATTER_CELLS);
    d.tier_points = Tier::ALL
        .iter()
        .map(|tier| {
            let mut seen = std::collections::HashSet::new();
            let pts = a
                .customers
                .iter()
                .filter(|c| c.tier.tier == *tier)
                .filter(|c| {
                    #[allow(clippy::cast_possible_truncation)] // Grid cells are small.
                    let cell = (
                        (c.tier.difficulty / x_cell).round() as i64,
                        (c.tier.importance * f64::from(SCATTER_CELLS)).round() as i64,
                    );
                    seen.insert(cell)
                })
                .map(|c| PlotPoint::new(c.tier.difficulty, c.tier.importance))
                .collect();
            (*tier, pts)
        })
        .collect();
    let values: Vec<f64> = a.customers.iter().map(|c| c.clv.clv / 100.0).collect();
    let (lo, hi) = values.iter().fold((f64::MAX, f64::MIN), |(lo, hi), x| (lo.min(*x), hi.max(*x)));
    d.clv_lo = if values.is_empty() { 0.0 } else { lo };
    #[allow(clippy::cast_precision_loss)]
    let step = ((hi - lo) / CLV_BINS as f64).max(1.0);
    d.clv_step = step;
    d.clv_bins = vec![Vec::new(); CLV_BINS];
    for (i, x) in values.iter().enumerate() {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let b = (((x - lo) / step) as usize).min(CLV_BINS - 1);
        d.clv_bins[b].push(i);
    }
    let mut top: Vec<usize> = (0..a.customers.len()).collect();
    top.sort_by(|&i, &j| a.customers[j].clv.clv.total_cmp(&a.customers[i].clv.clv));
    top.truncate(15);
    d.clv_top = top;
    d.tier_counts = tier_counts(a);
    d
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
        if self.derived.as_ref().is_none_or(|(g, _)| *g != ctx.data.analysis.generation()) {
            let gen_now = ctx.data.analysis.generation();
            let ready = ctx.data.value_charts.as_ref().filter(|(g, _)| *g == gen_now);
            let charts = match ready {
                Some((_, d)) => std::sync::Arc::clone(d),
                None => {
                    std::sync::Arc::new(derive(analysis, ctx.data.settings.tier_critical_share))
                }
            };
            self.derived = Some((gen_now, charts));
        }
        let d = self.derived.as_ref().map(|(_, d)| std::sync::Arc::clone(d)).unwrap_or_default();
        let charts = ui.scope(|ui| match self.tab {
            Tab::Rfm => self.rfm_ui(ui, ctx, analysis, &d, chart_height),
            Tab::Pareto => self.pareto_ui(ui, ctx, analysis, &d, chart_height),
            Tab::Tiers => self.tiers_ui(ui, ctx, analysis, &d, chart_height),
            Tab::Clv => self.clv_ui(ui, ctx, analysis, &d, chart_height),
            Tab::Loyalty => self.loyalty_ui(ui, ctx, analysis, chart_height),
            Tab::Satisfaction => {
                if let Some(month) = satisfaction_ui(ui, ctx, analysis, chart_height) {
                    self.select_month(analysis, month);
                }
            }
        });
        self.chart_rect = Some(charts.response.rect);
        self.selection_ui(ui, ctx, analysis);
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

    fn rfm_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &AppCtx<'_>,
        a: &Analysis,
        d: &Derived,
        height: f32,
    ) {
        let v = ctx.t.value;
        let cells = d.cells;
        ui.horizontal(|ui| {
            ui.label(v.colour_by);
            ui.selectable_value(&mut self.colour_by_m, false, v.by_count);
            ui.selectable_value(&mut self.colour_by_m, true, v.by_avg_m);
        });
        let by_m = self.colour_by_m;
        let value_of = |(n, m): (usize, i64)| {
            if by_m {
                #[allow(clippy::cast_precision_loss)] // Display only.
                let avg = if n == 0 { 0.0 } else { m as f64 / n as f64 };
                avg
            } else {
                #[allow(clippy::cast_precision_loss)] // Display only.
                let count = n as f64;
                count
            }
        };
        let max = cells.iter().flatten().map(|c| value_of(*c)).fold(0.0_f64, f64::max).max(1.0);
        let width = ui.available_width();
        let mut clicked_cell = None;
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                ui.set_width(width * 0.45);
                ui.label(RichText::new(v.rfm_grid_title).strong());
                let response = Plot::new("rfm_grid")
                    .height(height - 40.0)
                    .data_aspect(1.0)
                    .allow_zoom(false)
                    .allow_drag(false)
                    .allow_scroll(false)
                    .show_grid(false)
                    .x_axis_label(v.frequency)
                    .y_axis_label(v.recency)
                    .label_formatter(|pos| {
                        let p = hover_point(pos);
                        let (f, r) = (p.x.round(), p.y.round());
                        if !(1.0..=5.0).contains(&f) || !(1.0..=5.0).contains(&r) {
                            return None;
                        }
                        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                        let (fi, ri) = (f as usize - 1, r as usize - 1);
                        let (n, m) = cells[ri][fi];
                        let avg = if n == 0 { 0 } else { m / i64::try_from(n).unwrap_or(1) };
                        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                        Some((v.cell_hover)(r as u8, f as u8, n, &format_cents_grouped(avg)))
                    })
                    .show(ui, |plot| {
                        for (ri, row) in cells.iter().enumerate() {
                            for (fi, cell) in row.iter().enumerate() {
                                #[allow(clippy::cast_precision_loss)]
                                let (x, y) = (fi as f64 + 1.0, ri as f64 + 1.0);
                                let level = value_of(*cell) / max;
                                let fill = theme::heat(level);
                                let square = vec![
                                    [x - 0.48, y - 0.48],
                                    [x + 0.48, y - 0.48],
                                    [x + 0.48, y + 0.48],
                                    [x - 0.48, y + 0.48],
                                ];
                                plot.polygon(
                                    Polygon::new(
                                        format!("R{} F{}", ri + 1, fi + 1),
                                        PlotPoints::new(square),
                                    )
                                    .fill_color(fill)
                                    .width(0.0),
                                );
                                let text = if by_m && cell.0 > 0 {
                                    let avg = cell.1 / i64::try_from(cell.0).unwrap_or(1);
                                    format!(
                                        "¥{}",
                                        format_cents_grouped(avg / 100 * 100)
                                            .trim_end_matches(".00")
                                    )
                                } else {
                                    cell.0.to_string()
                                };
                                plot.text(Text::new(
                                    "",
                                    [x, y].into(),
                                    RichText::new(text).size(16.0).color(theme::heat_text(level)),
                                ));
                            }
                        }
                        plot.pointer_coordinate()
                    });
                if response.response.clicked()
                    && let Some(p) = response.inner
                {
                    let (f, r) = (p.x.round(), p.y.round());
                    if (1.0..=5.0).contains(&f) && (1.0..=5.0).contains(&r) {
                        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                        {
                            clicked_cell = Some((r as u8, f as u8));
                        }
                    }
                }
            });
            ui.vertical(|ui| {
                ui.label(RichText::new(v.segments).strong());
                self.segments_table(ui, ctx, a, d);
                ui.add_space(8.0);
                ui.label(RichText::new(v.cells_title).strong());
                self.cells_chart(ui, a, d, (height * 0.45).max(160.0), v);
            });
        });
        if let Some((r, f)) = clicked_cell {
            self.selection = Selection {
                what: format!("R {r} · F {f}"),
                customers: (0..a.customers.len())
                    .filter(|&i| a.customers[i].rfm.r == r && a.customers[i].rfm.f == f)
                    .collect(),
            };
        }
    }

    fn segments_table(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, a: &Analysis, d: &Derived) {
        let (v, lang) = (ctx.t.value, ctx.lang);
        let by_segment = &d.segments;
        let mut clicked = None;
        egui::Grid::new("segments").striped(true).num_columns(4).show(ui, |ui| {
            ui.strong(v.segment);
            ui.strong(v.customers);
            ui.strong(v.share);
            ui.strong(v.revenue);
            ui.end_row();
            for (segment, (n, m)) in by_segment {
                let name = segment_name(&a.segments, *segment, lang);
                if ui.link(name).clicked() {
                    clicked = Some(*segment);
                }
                ui.label(n.to_string());
                #[allow(clippy::cast_precision_loss)]
                ui.label(format!("{:.1}%", *n as f64 * 100.0 / a.customers.len() as f64));
                ui.label(format_cents_grouped(*m));
                ui.end_row();
            }
        });
        if let Some(segment) = clicked {
            self.selection = Selection {
                what: segment_name(&a.segments, segment, lang).to_owned(),
                customers: (0..a.customers.len())
                    .filter(|&i| a.customers[i].rfm.segment == segment)
                    .collect(),
            };
        }
    }

    fn cells_chart(
        &mut self,
        ui: &mut egui::Ui,
        a: &Analysis,
        d: &Derived,
        height: f32,
        v: &TrValue,
    ) {
        let top = &d.top_cells;
        #[allow(clippy::cast_precision_loss)]
        let bars: Vec<Bar> = top
            .iter()
            .enumerate()
            .map(|(i, (cell, n))| Bar::new(i as f64, *n as f64).name(cell).fill(theme::ACCENT))
            .collect();
        let names: Vec<String> = top.iter().map(|(c, _)| c.clone()).collect();
        let response = Plot::new("rfm_cells")
            .height(height)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .legend(Legend::default())
            .x_axis_label(v.cell)
            .y_axis_label(v.customers)
            .show_axes([false, true])
            .show(ui, |plot| {
                plot.bar_chart(
                    BarChart::new(v.customers, bars).color(theme::ACCENT).element_formatter(
                        Box::new(|bar, _| format!("{}: {}", bar.name, bar.value)),
                    ),
                );
                // Each bar's RFM cell, written above it.
                for (i, (cell, n)) in names.iter().zip(top.iter().map(|t| t.1)).enumerate() {
                    #[allow(clippy::cast_precision_loss)]
                    let at = [i as f64, n as f64 + 0.8];
                    plot.text(Text::new("", at.into(), RichText::new(cell).size(13.0)));
                }
                plot.pointer_coordinate()
            });
        if response.response.clicked()
            && let Some(p) = response.inner
        {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let i = p.x.round().max(0.0) as usize;
            if let Some((cell, _)) = top.get(i) {
                self.selection = Selection {
                    what: cell.clone(),
                    customers: (0..a.customers.len())
                        .filter(|&j| &a.customers[j].rfm.cell() == cell)
                        .collect(),
                };
            }
        }
    }

    fn pareto_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &AppCtx<'_>,
        a: &Analysis,
        d: &Derived,
        height: f32,
    ) {
        let v = ctx.t.value;
        let p = &a.pareto;
        ui.label(RichText::new((v.pareto_top20)(p.top20_count, p.top20_share * 100.0)).strong());
        ui.label(RichText::new((v.pareto_k80)(p.k80, p.k80_share_of_customers * 100.0)).strong());
        let points = PlotPoints::Borrowed(&d.pareto);
        let n = p.n;
        let response = Plot::new("pareto")
            .height(height - 50.0)
            .legend(Legend::default())
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
        if response.response.clicked()
            && let Some(point) = response.inner
        {
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

    fn tiers_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &AppCtx<'_>,
        a: &Analysis,
        d: &Derived,
        height: f32,
    ) {
        let (v, lang) = (ctx.t.value, ctx.lang);
        let counts = &d.tier_counts;
        ui.horizontal_wrapped(|ui| {
            for (tier, n, revenue) in counts {
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
                    self.selection = Selection {
                        what: tier.name(lang).to_owned(),
                        customers: (0..a.customers.len())
                            .filter(|&i| a.customers[i].tier.tier == *tier)
                            .collect(),
                    };
                }
            }
        });
        let threshold = ctx.data.settings.tier_difficult_threshold;
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
        if response.response.clicked()
            && let Some(p) = response.inner
        {
            // The nearest customer to the click, in plot units.
            let nearest = (0..a.customers.len()).min_by(|&i, &j| {
                let d = |k: usize| {
                    let t = &a.customers[k].tier;
                    ((t.difficulty - p.x) / max_x.max(1.0)).powi(2) + (t.importance - p.y).powi(2)
                };
                d(i).total_cmp(&d(j))
            });
            if let Some(i) = nearest {
                self.selection = Selection {
                    what: name_of(ctx, &a.customers[i].info).to_owned(),
                    customers: vec![i],
                };
            }
        }
    }

    fn clv_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &AppCtx<'_>,
        a: &Analysis,
        d: &Derived,
        height: f32,
    ) {
        let v = ctx.t.value;
        ui.label(RichText::new(v.clv_formula).monospace());
        let mut params = self.clv_edit.take().unwrap_or(a.clv_params);
        let mut applied = false;
        ui.horizontal_wrapped(|ui| {
            percent_drag(ui, v.margin_rate, &mut params.margin_rate);
            percent_drag(ui, v.retention, &mut params.retention);
            percent_drag(ui, v.discount, &mut params.discount);
            let label = ui.label(v.horizon);
            let _horizon = ui
                .add(egui::DragValue::new(&mut params.horizon_years).range(1..=50))
                .labelled_by(label.id);
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
        });
        if !applied && params != a.clv_params {
            self.clv_edit = Some(params);
        }
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
        let mut clicked_bin = None;
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                ui.set_width(width * 0.6);
                ui.label(RichText::new(v.clv_title).strong());
                let response = Plot::new("clv_hist")
                    .height(height - 80.0)
                    .legend(Legend::default())
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
                if response.response.clicked()
                    && let Some(p) = response.inner
                {
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let b = (((p.x - lo) / step).max(0.0) as usize).min(bins - 1);
                    clicked_bin = Some(b);
                }
            });
            ui.vertical(|ui| {
                ui.label(RichText::new(v.top_customers).strong());
                egui::Grid::new("top_clv").striped(true).num_columns(2).show(ui, |ui| {
                    for &i in &d.clv_top {
                        let c = &a.customers[i];
                        if ui.link(name_of(ctx, &c.info)).clicked() {
                            ctx.send(AppCommand::ShowCustomer(c.info.id));
                        }
                        #[allow(clippy::cast_possible_truncation)]
                        ui.label(format!("¥{}", format_cents_grouped(c.clv.clv.round() as i64)));
                        ui.end_row();
                    }
                });
            });
        });
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

    fn loyalty_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, a: &Analysis, height: f32) {
        let (v, lang) = (ctx.t.value, ctx.lang);
        ui.horizontal(|ui| {
            ui.label(v.height_by);
            ui.selectable_value(&mut self.ladder_by_clv, false, v.avg_revenue);
            ui.selectable_value(&mut self.ladder_by_clv, true, v.avg_clv);
        });
        let mut x = 0.0;
        let mut spans: Vec<(LadderStep, f64, f64, f64)> = Vec::new();
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
                spans.push((row.step, x, x + w, h));
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
                let top = spans.iter().map(|s| s.3).fold(1.0_f64, f64::max);
                for (step, from, to, h) in &spans {
                    plot.text(Text::new(
                        "",
                        [(from + to) / 2.0, h + top * 0.03].into(),
                        RichText::new(step.name(lang)).size(14.0).strong(),
                    ));
                }
                plot.pointer_coordinate()
            });
        if response.response.clicked()
            && let Some(p) = response.inner
            && let Some((step, _, _, _)) =
                spans.iter().find(|(_, from, to, _)| p.x >= *from && p.x < *to)
        {
            self.selection = Selection {
                what: step.name(lang).to_owned(),
                customers: (0..a.customers.len())
                    .filter(|&i| a.customers[i].info.ladder_step == *step)
                    .collect(),
            };
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
                .column(Column::initial(200.0).clip(true))
                .column(Column::initial(60.0))
                .column(Column::initial(140.0))
                .column(Column::initial(110.0))
                .column(Column::initial(110.0))
                .column(Column::initial(90.0))
                .column(Column::remainder())
                .header(20.0, |mut h| {
                    for title in [v.code, v.name, "RFM", v.segment, v.monetary, v.clv, v.tier, ""] {
                        h.col(|ui| {
                            ui.strong(title);
                        });
                    }
                })
                .body(|body| {
                    body.rows(theme::ROW_HEIGHT, rows.len(), |mut row| {
                        let c = &a.customers[rows[row.index()]];
                        row.col(|ui| {
                            ui.label(&c.info.code);
                        });
                        row.col(|ui| {
                            ui.label(name_of(ctx, &c.info));
                        });
                        row.col(|ui| {
                            ui.label(c.rfm.cell());
                        });
                        row.col(|ui| {
                            ui.label(segment_name(&a.segments, c.rfm.segment, lang));
                        });
                        row.col(|ui| {
                            ui.label(format_cents_grouped(c.agg.monetary_cents));
                        });
                        row.col(|ui| {
                            #[allow(clippy::cast_possible_truncation)]
                            ui.label(format_cents_grouped(c.clv.clv.round() as i64));
                        });
                        row.col(|ui| {
                            ui.colored_label(tier_colour(c.tier.tier), c.tier.tier.name(lang));
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

fn percent_drag(ui: &mut egui::Ui, label: &str, value: &mut f64) {
    let label = ui.label(label);
    let mut percent = *value * 100.0;
    let response = ui
        .add(egui::DragValue::new(&mut percent).range(0.0..=100.0).speed(0.5).suffix("%"))
        .labelled_by(label.id);
    if response.changed() {
        *value = (percent * 100.0).round() / 10_000.0;
    }
}

/// Draws the satisfaction chart and table; returns the month clicked.
fn satisfaction_ui(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    a: &Analysis,
    height: f32,
) -> Option<(i32, u32)> {
    let (v, lang) = (ctx.t.value, ctx.lang);
    let months = &a.satisfaction;
    let states = SatisfactionState::ALL;
    let colours = [theme::ERROR, theme::STEEL, theme::OK];
    let labels: Vec<String> = months
        .iter()
        .map(super::super::domain::analysis::satisfaction::MonthCounts::label)
        .collect();
    let mut charts: Vec<BarChart> = Vec::new();
    for (k, state) in states.iter().enumerate() {
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
    let width = ui.available_width();
    let mut clicked = None;
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.set_width(width * 0.68);
            ui.label(RichText::new(v.satisfaction_title).strong());
            let response = Plot::new("satisfaction")
                .height(height - 30.0)
                .legend(Legend::default())
                .x_axis_label(v.month)
                .y_axis_label(v.surveys)
                .x_axis_formatter(move |mark, _| super::widgets::index_label(&labels, mark.value))
                .show(ui, |plot| {
                    for chart in charts {
                        plot.bar_chart(chart);
                    }
                    plot.pointer_coordinate()
                });
            if response.response.clicked()
                && let Some(p) = response.inner
                && p.x >= -0.5
            {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // Checked ≥ 0.
                let i = p.x.round() as usize;
                clicked = months.get(i).map(|m| (m.year, m.month));
            }
        });
        ui.vertical(|ui| {
            ui.label(RichText::new(v.by_tier).strong());
            egui::Grid::new("satisfaction_by_tier").striped(true).num_columns(4).show(ui, |ui| {
                ui.strong(v.tier);
                for state in states {
                    ui.strong(state.name(lang));
                }
                ui.end_row();
                for (tier, counts) in &a.satisfaction_by_tier {
                    ui.colored_label(tier_colour(*tier), tier.name(lang));
                    for n in counts {
                        ui.label(n.to_string());
                    }
                    ui.end_row();
                }
            });
        });
    });
    clicked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_pareto_curve_is_thinned_keeping_both_ends() {
        let n = 294_301;
        #[allow(clippy::cast_precision_loss)]
        let points: Vec<(f64, f64)> = (0..n)
            .map(|i| (i as f64 / (n - 1) as f64, (i as f64 / (n - 1) as f64).sqrt()))
            .collect();
        let thin = thin_curve(&points);
        assert!(thin.len() <= CURVE_POINTS + 1, "{} points", thin.len());
        assert!(thin.len() >= CURVE_POINTS / 2);
        assert_eq!((thin[0].x, thin[0].y), (0.0, 0.0));
        let end = thin.last().expect("points");
        assert_eq!((end.x, end.y), (100.0, 100.0));
        assert!(thin.windows(2).all(|w| w[0].x < w[1].x && w[0].y <= w[1].y), "still monotone");
    }

    #[test]
    fn a_short_pareto_curve_is_kept_whole() {
        let points = [(0.0, 0.0), (0.5, 0.8), (1.0, 1.0)];
        let thin = thin_curve(&points);
        let got: Vec<(f64, f64)> = thin.iter().map(|p| (p.x, p.y)).collect();
        assert_eq!(got, vec![(0.0, 0.0), (50.0, 80.0), (100.0, 100.0)]);
    }
}
