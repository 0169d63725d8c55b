//! The policy-compliance panel: findings of every rule (filter, open the
//! record, compliance rate by month), the AC check sheet for daily entry
//! with its areas and companion records, the complaint ledger with live
//! time limits, and the rules with their original Chinese clauses.
//! Every write is a command (undoable); rules live in `domain::compliance`.

use std::collections::HashMap;

use chrono::{Datelike as _, Duration, NaiveDate, NaiveDateTime};
use egui::RichText;
use egui_extras::{Column, TableBuilder};
use egui_plot::{Legend, Line, Plot, PlotPoints};

use super::i18n_compliance::TrCompliance;
use super::{AppCommand, AppCtx, theme};
use crate::domain::Lang;
use crate::domain::command::{Command, Record, RecordKind};
use crate::domain::compliance::calendar::WorkingCalendar;
use crate::domain::compliance::{Finding, RuleGroup, Status, rules};
use crate::domain::customer::CustomerId;
use crate::domain::import::values::{parse_date, parse_datetime, parse_temp_tenths, parse_time};
use crate::domain::records::{
    AcArea, AcCheckRow, AcNotice, Complaint, Fault, Maintenance, Overtime,
};
use crate::domain::terms::{AcCheckKind, ComplaintKind, ComplaintStatus, FaultCause};
use crate::store::compliance::ComplianceView;

/// The panel's tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Findings,
    AcSheet,
    Ledger,
    Rules,
}

/// The check-row form's text buffers.
#[derive(Clone, Debug, Default)]
struct CheckForm {
    id: Option<i64>,
    area: Option<i64>,
    time: String,
    kind: Option<AcCheckKind>,
    reference: String,
    ac_on: bool,
    set_temp: String,
    windows_closed: bool,
    occupied: bool,
    checker: String,
    note: String,
    errors: Vec<(&'static str, &'static str)>,
}

impl CheckForm {
    fn new() -> Self {
        Self { windows_closed: true, occupied: true, ..Self::default() }
    }

    fn from_row(id: i64, row: &AcCheckRow) -> Self {
        Self {
            id: Some(id),
            area: Some(row.area),
            time: row.time.format("%H:%M").to_string(),
            kind: Some(row.kind),
            reference: tenths(row.reference_temp_tenths),
            ac_on: row.ac_on,
            set_temp: row.set_temp_tenths.map(tenths).unwrap_or_default(),
            windows_closed: row.windows_closed,
            occupied: row.occupied,
            checker: row.checker.clone(),
            note: row.note.clone(),
            errors: Vec::new(),
        }
    }

    /// The typed row, or every problem (field, message).
    fn parse(
        &self,
        day: NaiveDate,
        c: &TrCompliance,
    ) -> Result<AcCheckRow, Vec<(&'static str, &'static str)>> {
        let mut errors = Vec::new();
        let time = parse_time(&self.time).map_err(|_| errors.push(("time", c.bad_time))).ok();
        let reference = parse_temp_tenths(&self.reference)
            .map_err(|_| errors.push(("reference", c.bad_temp)))
            .ok();
        let set = if self.set_temp.trim().is_empty() {
            Some(None)
        } else {
            parse_temp_tenths(&self.set_temp)
                .map(Some)
                .map_err(|_| errors.push(("set", c.bad_temp)))
                .ok()
        };
        if self.area.is_none() {
            errors.push(("area", c.required));
        }
        match (time, reference, set, self.area) {
            (Some(time), Some(reference), Some(set), Some(area)) if errors.is_empty() => {
                Ok(AcCheckRow {
                    date: day,
                    time,
                    kind: self.kind.unwrap_or(AcCheckKind::Check),
                    area,
                    reference_temp_tenths: reference,
                    ac_on: self.ac_on,
                    set_temp_tenths: set,
                    windows_closed: self.windows_closed,
                    occupied: self.occupied,
                    checker: self.checker.trim().to_owned(),
                    note: self.note.trim().to_owned(),
                })
            }
            _ => Err(errors),
        }
    }

    fn error(&self, field: &str) -> Option<&'static str> {
        self.errors.iter().find(|(f, _)| *f == field).map(|(_, m)| *m)
    }
}

/// The ledger form's text buffers.
#[derive(Clone, Debug, Default)]
struct ComplaintForm {
    id: Option<i64>,
    received_at: String,
    customer_code: String,
    kind: Option<ComplaintKind>,
    channel: String,
    category: String,
    description: String,
    first_handler: String,
    first_response_at: String,
    resolved_at: String,
    resolution: String,
    status: Option<ComplaintStatus>,
    errors: Vec<(&'static str, &'static str)>,
}

fn stamp_text(t: Option<NaiveDateTime>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()
}

impl ComplaintForm {
    fn from_record(c: &Complaint, code: &str) -> Self {
        Self {
            id: Some(c.id),
            received_at: stamp_text(Some(c.received_at)),
            customer_code: code.to_owned(),
            kind: Some(c.kind),
            channel: c.channel.clone(),
            category: c.category.clone(),
            description: c.description.clone(),
            first_handler: c.first_handler.clone(),
            first_response_at: stamp_text(c.first_response_at),
            resolved_at: stamp_text(c.resolved_at),
            resolution: c.resolution.clone(),
            status: Some(c.status),
            errors: Vec::new(),
        }
    }

    fn parse(
        &self,
        customers: &HashMap<&str, CustomerId>,
        c: &TrCompliance,
    ) -> Result<Complaint, Vec<(&'static str, &'static str)>> {
        let mut errors = Vec::new();
        let optional = |text: &str, field, errors: &mut Vec<_>| {
            if text.trim().is_empty() {
                Some(None)
            } else {
                parse_datetime(text)
                    .map(Some)
                    .map_err(|_| errors.push((field, c.bad_datetime)))
                    .ok()
            }
        };
        let received = parse_datetime(&self.received_at)
            .map_err(|_| errors.push(("received", c.bad_datetime)))
            .ok();
        let first = optional(&self.first_response_at, "first", &mut errors);
        let resolved = optional(&self.resolved_at, "resolved", &mut errors);
        let customer = customers.get(self.customer_code.trim()).copied();
        if customer.is_none() {
            errors.push(("customer", c.unknown_customer));
        }
        match (received, first, resolved, customer) {
            (Some(received), Some(first), Some(resolved), Some(customer)) if errors.is_empty() => {
                let status = self.status.unwrap_or(if resolved.is_some() {
                    ComplaintStatus::Resolved
                } else {
                    ComplaintStatus::Open
                });
                Ok(Complaint {
                    id: self.id.unwrap_or(0),
                    customer,
                    received_at: received,
                    channel: self.channel.trim().to_owned(),
                    kind: self.kind.unwrap_or(ComplaintKind::Complaint),
                    category: self.category.trim().to_owned(),
                    description: self.description.trim().to_owned(),
                    first_handler: self.first_handler.trim().to_owned(),
                    first_response_at: first,
                    resolved_at: resolved,
                    resolution: self.resolution.trim().to_owned(),
                    status,
                })
            }
            _ => Err(errors),
        }
    }

    fn error(&self, field: &str) -> Option<&'static str> {
        self.errors.iter().find(|(f, _)| *f == field).map(|(_, m)| *m)
    }
}

/// The quick sheet: one round of checks for every area at once.
#[derive(Clone, Debug, Default)]
struct RoundForm {
    time: String,
    reference: String,
    checker: String,
    /// Per area: AC on, set temperature, windows closed, occupied.
    rows: Vec<(i64, bool, String, bool, bool)>,
    error: Option<&'static str>,
}

/// Buffers of the small "add" forms (areas and the companion records).
#[derive(Clone, Debug, Default)]
struct AddForms {
    area: [String; 4],
    overtime: [String; 3],
    overtime_area: Option<i64>,
    notice: [String; 3],
    maintenance: [String; 2],
    maintenance_area: Option<i64>,
    fault: [String; 4],
    fault_area: Option<i64>,
    fault_cause: Option<FaultCause>,
    error: Option<&'static str>,
}

fn tenths(t: i32) -> String {
    format!("{}.{}", t / 10, (t % 10).abs())
}

/// What the visible findings depend on.
type ViewKey =
    (u64, Option<&'static str>, Option<Status>, String, Option<NaiveDate>, Option<NaiveDate>);

/// The compliance panel.
#[derive(Debug, Default)]
pub struct CompliancePanel {
    tab: Tab,
    rule: Option<&'static str>,
    status: Option<Status>,
    search: String,
    /// Period filter as typed (`YYYY-MM-DD`, empty = open).
    from: String,
    to: String,
    view: Vec<usize>,
    view_key: Option<ViewKey>,
    day: Option<NaiveDate>,
    day_text: String,
    check: Option<CheckForm>,
    round: RoundForm,
    complaint: Option<ComplaintForm>,
    unresolved_only: bool,
    adds: AddForms,
    report_month: String,
    /// The working calendar of the current view (for live time limits).
    calendar: Option<(u64, WorkingCalendar)>,
}

impl CompliancePanel {
    /// The tab shown now.
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Shows a tab.
    pub fn set_tab(&mut self, tab: Tab) {
        self.tab = tab;
    }

    /// Findings shown after the filters.
    pub fn visible_findings(&self) -> usize {
        self.view.len()
    }

    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let c = ctx.t.compliance;
        ui.horizontal_wrapped(|ui| {
            ui.heading(c.title);
            if let Some(done) = ctx.data.compliance_progress {
                ui.separator();
                ui.add(
                    egui::ProgressBar::new(done)
                        .desired_width(160.0)
                        .show_percentage()
                        .text(c.computing),
                );
            }
        });
        ui.horizontal_wrapped(|ui| {
            for (tab, title) in [
                (Tab::Findings, c.tab_findings),
                (Tab::AcSheet, c.tab_ac),
                (Tab::Ledger, c.tab_ledger),
                (Tab::Rules, c.tab_rules),
            ] {
                ui.selectable_value(&mut self.tab, tab, title);
            }
        });
        ui.separator();
        let Some(view) = ctx.data.compliance.clone() else { return };
        match self.tab {
            Tab::Findings => self.findings_ui(ui, ctx, &view),
            Tab::AcSheet => {
                egui::ScrollArea::vertical()
                    .id_salt("ac_sheet")
                    .show(ui, |ui| self.ac_ui(ui, ctx, &view));
            }
            Tab::Ledger => self.ledger_ui(ui, ctx, &view),
            Tab::Rules => rules_ui(ui, ctx),
        }
    }

    fn refresh_view(&mut self, ctx: &AppCtx<'_>, findings: &[Finding]) {
        let key = (
            ctx.data.compliance.generation(),
            self.rule,
            self.status,
            self.search.trim().to_lowercase(),
            parse_date(&self.from).ok(),
            parse_date(&self.to).ok(),
        );
        if self.view_key.as_ref() == Some(&key) {
            return;
        }
        self.view = (0..findings.len())
            .filter(|&i| {
                let f = &findings[i];
                key.1.is_none_or(|r| f.rule_id == r)
                    && key.2.is_none_or(|s| f.status == s)
                    && key.4.is_none_or(|from| f.date >= from)
                    && key.5.is_none_or(|to| f.date <= to)
                    && (key.3.is_empty()
                        || f.subject.to_lowercase().contains(&key.3)
                        || f.record.contains(&key.3)
                        || f.detail.to_lowercase().contains(&key.3)
                        || f.detail_zh.contains(&key.3))
            })
            .rev()
            .collect();
        self.view_key = Some(key);
    }

    fn findings_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, view: &ComplianceView) {
        let (c, lang) = (ctx.t.compliance, ctx.lang);
        let findings = &view.report.findings;
        self.refresh_view(ctx, findings);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(c.rule);
            let _rule = egui::ComboBox::from_id_salt("finding_rule")
                .selected_text(self.rule.unwrap_or(c.all))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.rule, None, c.all);
                    for r in rules() {
                        ui.selectable_value(&mut self.rule, Some(r.id), r.id);
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label(c.status);
            let _status = egui::ComboBox::from_id_salt("finding_status")
                .selected_text(self.status.map_or(c.all, |s| s.name(lang)))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.status, None, c.all);
                    for s in [Status::Violation, Status::Missing] {
                        ui.selectable_value(&mut self.status, Some(s), s.name(lang));
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label(c.search);
            let _search = ui
                .add(egui::TextEdit::singleline(&mut self.search).desired_width(160.0))
                .labelled_by(label.id);
            for (label, text) in [(c.from, &mut self.from), (c.to, &mut self.to)] {
                let label = ui.label(label);
                let bad = !text.trim().is_empty() && parse_date(text).is_err();
                let _date = ui
                    .add(
                        egui::TextEdit::singleline(text)
                            .desired_width(90.0)
                            .hint_text("YYYY-MM-DD"),
                    )
                    .labelled_by(label.id);
                if bad {
                    ui.colored_label(theme::ERROR, c.bad_date);
                }
            }
            ui.label((c.n_findings)(self.view.len(), findings.len()));
            if ui.button(c.export_findings).clicked() {
                ctx.send(AppCommand::ExportFindings);
            }
        });
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(c.report_month);
            if self.report_month.is_empty() {
                let (y, m) = crate::domain::compliance::monthly::previous_month(ctx.now.date());
                self.report_month = format!("{y:04}-{m:02}");
            }
            let _month = ui
                .add(egui::TextEdit::singleline(&mut self.report_month).desired_width(70.0))
                .labelled_by(label.id);
            let parsed =
                NaiveDate::parse_from_str(&format!("{}-01", self.report_month.trim()), "%Y-%m-%d");
            if ui.add_enabled(parsed.is_ok(), egui::Button::new(c.export_report)).clicked()
                && let Ok(first) = parsed
            {
                ctx.send(AppCommand::ExportMonthlyReport(first.year(), first.month()));
            }
        });
        if findings.is_empty() {
            ui.label(c.no_findings);
        }
        let chart_height = 180.0;
        let table_height = (ui.available_height() - chart_height - 30.0).max(160.0);
        let mut open = None;
        ui.push_id("findings_table", |ui| {
            ui.style_mut().interaction.selectable_labels = false;
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            TableBuilder::new(ui)
                .striped(true)
                .sense(egui::Sense::click())
                .max_scroll_height(table_height)
                .column(Column::initial(90.0))
                .column(Column::initial(170.0))
                .column(Column::initial(110.0))
                .column(Column::initial(110.0).clip(true))
                .column(Column::initial(150.0).clip(true))
                .column(Column::remainder().clip(true))
                .header(20.0, |mut h| {
                    for title in [c.date, c.rule, c.status, c.subject, c.record, c.detail] {
                        h.col(|ui| {
                            ui.strong(title);
                        });
                    }
                })
                .body(|body| {
                    body.rows(theme::ROW_HEIGHT, self.view.len(), |mut row| {
                        let f = &findings[self.view[row.index()]];
                        row.col(|ui| {
                            ui.label(f.date.to_string());
                        });
                        row.col(|ui| {
                            ui.label(f.rule_id);
                        });
                        row.col(|ui| {
                            let colour = match f.status {
                                Status::Violation => theme::ERROR,
                                Status::Missing => theme::GOLD,
                            };
                            ui.colored_label(colour, f.status.name(lang));
                        });
                        row.col(|ui| {
                            ui.label(&f.subject);
                        });
                        row.col(|ui| {
                            ui.label(&f.record);
                        });
                        row.col(|ui| {
                            ui.label(f.detail(lang));
                        });
                        if row.response().clicked() {
                            open = Some(self.view[row.index()]);
                        }
                    });
                });
        });
        if let Some(i) = open {
            self.open_finding(ctx, view, &findings[i]);
        }
        self.rate_chart(ui, ctx, view, chart_height);
    }

    /// Opens the record a finding is about.
    fn open_finding(&mut self, ctx: &AppCtx<'_>, view: &ComplianceView, f: &Finding) {
        let id = f.record.split_once('#').and_then(|(_, rest)| {
            rest.split(|ch: char| !ch.is_ascii_digit()).next().and_then(|n| n.parse::<i64>().ok())
        });
        if f.record.starts_with("ac_checks#") {
            self.tab = Tab::AcSheet;
            self.set_day(f.date);
            if let Some((row_id, row)) =
                id.and_then(|id| view.set.ac_checks.iter().find(|r| r.0 == id))
            {
                self.check = Some(CheckForm::from_row(*row_id, row));
            }
        } else if f.record.starts_with("ac_") {
            self.tab = Tab::AcSheet;
            self.set_day(f.date);
        } else if f.record.starts_with("complaints#") {
            self.tab = Tab::Ledger;
            if let Some(c) = id.and_then(|id| view.set.complaints.iter().find(|c| c.id == id)) {
                let code = customer_code(ctx, c.customer);
                self.complaint = Some(ComplaintForm::from_record(c, &code));
            }
        } else if let Some(row) = ctx.data.customers.iter().find(|c| c.code == f.subject) {
            ctx.send(AppCommand::ShowCustomer(row.id));
        }
    }

    fn set_day(&mut self, day: NaiveDate) {
        self.day = Some(day);
        self.day_text = day.to_string();
        self.check = None;
    }

    fn rate_chart(&self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, view: &ComplianceView, height: f32) {
        let c = ctx.t.compliance;
        ui.label(RichText::new(c.rate_title).strong());
        // One rule's line when a rule is chosen; otherwise all rules together.
        let wanted: Vec<&'static str> = self.rule.into_iter().collect();
        let labels: Vec<String> =
            view.monthly.iter().map(|(y, m, _)| format!("{y:04}-{m:02}")).collect();
        #[allow(clippy::cast_precision_loss)]
        let overall: Vec<[f64; 2]> = view
            .monthly
            .iter()
            .enumerate()
            .filter_map(|(i, (_, _, stats))| {
                let checked: u32 = stats.iter().map(|s| s.checked).sum();
                let bad: u32 = stats.iter().map(|s| s.violations + s.missing).sum();
                (checked > 0).then(|| {
                    [i as f64, 100.0 * (1.0 - f64::from(bad.min(checked)) / f64::from(checked))]
                })
            })
            .collect();
        let all_label = c.all;
        let lines: Vec<(&'static str, Vec<[f64; 2]>)> = wanted
            .iter()
            .filter_map(|rule| {
                #[allow(clippy::cast_precision_loss)]
                let points: Vec<[f64; 2]> = view
                    .monthly
                    .iter()
                    .enumerate()
                    .filter_map(|(i, (_, _, stats))| {
                        let rate = stats.iter().find(|s| s.rule_id == *rule)?.compliance_rate()?;
                        Some([i as f64, rate * 100.0])
                    })
                    .collect();
                (!points.is_empty()).then_some((*rule, points))
            })
            .collect();
        Plot::new("compliance_rate")
            .height(height)
            .legend(Legend::default())
            .include_y(0.0)
            .include_y(100.0)
            .x_axis_label(c.month)
            .y_axis_label(c.rate_axis)
            .x_axis_formatter(move |mark, _| super::widgets::index_label(&labels, mark.value))
            .show(ui, |plot| {
                if self.rule.is_none() {
                    plot.line(
                        Line::new(all_label, PlotPoints::new(overall))
                            .width(2.0)
                            .color(theme::ACCENT),
                    );
                }
                for (rule, points) in lines {
                    plot.line(
                        Line::new(rule, PlotPoints::new(points)).width(2.0).color(theme::ACCENT),
                    );
                }
            });
    }

    fn ac_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, view: &ComplianceView) {
        let (c, lang) = (ctx.t.compliance, ctx.lang);
        let day = *self.day.get_or_insert(ctx.now.date());
        if self.day_text.is_empty() {
            self.day_text = day.to_string();
        }
        ui.horizontal(|ui| {
            let label = ui.label(c.day);
            if ui.button(c.prev_day).clicked() {
                self.set_day(day - Duration::days(1));
            }
            let edit = ui
                .add(egui::TextEdit::singleline(&mut self.day_text).desired_width(96.0))
                .labelled_by(label.id);
            if edit.lost_focus()
                && let Ok(d) = parse_date(&self.day_text)
            {
                self.set_day(d);
            }
            if ui.button(c.next_day).clicked() {
                self.set_day(day + Duration::days(1));
            }
            if ui.button(c.today).clicked() {
                self.set_day(ctx.now.date());
            }
        });
        let day = self.day.unwrap_or(day);
        let areas = &view.set.areas;
        if areas.is_empty() {
            ui.label(c.no_areas);
        }
        let mut rows: Vec<&(i64, AcCheckRow)> =
            view.set.ac_checks.iter().filter(|(_, r)| r.date == day).collect();
        rows.sort_by_key(|(id, r)| (r.area, r.time, *id));
        let area_name =
            |id: i64| areas.iter().find(|a| a.id == id).map_or("?", |a| a.name.as_str());
        if rows.is_empty() {
            ui.label(c.no_checks);
        }
        let mut edit = None;
        let mut delete = None;
        egui::Grid::new("day_checks").striped(true).num_columns(10).show(ui, |ui| {
            if !rows.is_empty() {
                for title in [
                    c.area,
                    c.time,
                    c.kind,
                    c.reference,
                    c.ac_on,
                    c.set_temp,
                    c.windows_closed,
                    c.occupied,
                    c.checker,
                    "",
                ] {
                    ui.strong(title);
                }
                ui.end_row();
            }
            for (id, r) in &rows {
                ui.label(area_name(r.area));
                ui.label(r.time.format("%H:%M").to_string());
                ui.label(r.kind.name(lang));
                ui.label(tenths(r.reference_temp_tenths));
                ui.label(yes_no(r.ac_on, lang));
                ui.label(r.set_temp_tenths.map(tenths).unwrap_or_default());
                ui.label(yes_no(r.windows_closed, lang));
                ui.label(yes_no(r.occupied, lang));
                ui.label(&r.checker);
                ui.horizontal(|ui| {
                    if ui.small_button(c.edit).clicked() {
                        edit = Some(CheckForm::from_row(*id, r));
                    }
                    if ui.small_button(c.delete).clicked() {
                        delete = Some(*id);
                    }
                });
                ui.end_row();
            }
        });
        if let Some(form) = edit {
            self.check = Some(form);
        }
        if let Some(id) = delete {
            ctx.send(AppCommand::Write(Box::new(Command::DeleteRecord {
                kind: RecordKind::AcCheck,
                id,
            })));
        }
        let day_findings: Vec<&Finding> = view
            .report
            .findings
            .iter()
            .filter(|f| f.date == day && f.rule_id.starts_with("AC-"))
            .collect();
        if !day_findings.is_empty() {
            ui.label(RichText::new(c.day_findings).strong());
            for f in day_findings {
                ui.colored_label(
                    theme::ERROR,
                    format!("{} · {} · {}", f.rule_id, f.subject, f.detail(lang)),
                );
            }
        }
        ui.add_space(6.0);
        self.round_ui(ui, ctx, areas, day);
        ui.add_space(6.0);
        if self.check.is_none() && ui.button(c.add_check).clicked() {
            let mut form = CheckForm::new();
            form.area = areas.first().map(|a| a.id);
            form.time = ctx.now.format("%H:%M").to_string();
            self.check = Some(form);
        }
        if let Some(form) = &mut self.check {
            let mut close = false;
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.strong(if form.id.is_some() { c.edit_check } else { c.add_check });
                egui::Grid::new("check_form").num_columns(2).show(ui, |ui| {
                    let label = ui.label(c.area);
                    let _area = egui::ComboBox::from_id_salt("check_area")
                        .selected_text(form.area.map_or("—", area_name))
                        .show_ui(ui, |ui| {
                            for a in areas {
                                ui.selectable_value(&mut form.area, Some(a.id), &a.name);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                    error_line(ui, form.error("area"));
                    text_field(ui, c.time, &mut form.time);
                    error_line(ui, form.error("time"));
                    let label = ui.label(c.kind);
                    let kind = form.kind.get_or_insert(AcCheckKind::Check);
                    let _kind = egui::ComboBox::from_id_salt("check_kind")
                        .selected_text(kind.name(lang))
                        .show_ui(ui, |ui| {
                            for k in AcCheckKind::ALL {
                                ui.selectable_value(kind, *k, k.name(lang));
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                    text_field(ui, c.reference, &mut form.reference);
                    error_line(ui, form.error("reference"));
                    ui.label("");
                    ui.checkbox(&mut form.ac_on, c.ac_on);
                    ui.end_row();
                    text_field(ui, c.set_temp, &mut form.set_temp);
                    error_line(ui, form.error("set"));
                    ui.label("");
                    ui.checkbox(&mut form.windows_closed, c.windows_closed);
                    ui.end_row();
                    ui.label("");
                    ui.checkbox(&mut form.occupied, c.occupied);
                    ui.end_row();
                    text_field(ui, c.checker, &mut form.checker);
                    text_field(ui, c.note, &mut form.note);
                });
                ui.horizontal(|ui| {
                    if ui.button(c.save).clicked() {
                        match form.parse(day, c) {
                            Ok(row) => {
                                ctx.send(AppCommand::Write(Box::new(Command::SaveRecord {
                                    id: form.id,
                                    record: Box::new(Record::AcCheck(row)),
                                })));
                                close = true;
                            }
                            Err(errors) => form.errors = errors,
                        }
                    }
                    if ui.button(c.cancel).clicked() {
                        close = true;
                    }
                });
            });
            if close {
                self.check = None;
            }
        }
        ui.add_space(8.0);
        self.areas_ui(ui, ctx, areas);
        ui.add_space(8.0);
        egui::CollapsingHeader::new(c.other_records).id_salt("ac_other").show(ui, |ui| {
            self.others_ui(ui, ctx, view);
        });
        egui::CollapsingHeader::new(c.about).id_salt("ac_note").show(ui, |ui| {
            ui.label(c.note_ac);
        });
    }

    /// One round of the check sheet for every area: shared time, reading
    /// and checker; per area AC on, set temperature, windows and occupancy.
    fn round_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, areas: &[AcArea], day: NaiveDate) {
        let c = ctx.t.compliance;
        if areas.is_empty() {
            return;
        }
        let round = &mut self.round;
        if round.rows.len() != areas.len() || round.rows.iter().zip(areas).any(|(r, a)| r.0 != a.id)
        {
            round.rows = areas.iter().map(|a| (a.id, false, String::new(), true, true)).collect();
        }
        if round.time.is_empty() {
            round.time = ctx.now.format("%H:%M").to_string();
        }
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong(c.round_title);
            ui.horizontal_wrapped(|ui| {
                for (label, text) in [
                    (c.time, &mut round.time),
                    (c.reference, &mut round.reference),
                    (c.checker, &mut round.checker),
                ] {
                    let label = ui.label(label);
                    let _field = ui
                        .add(egui::TextEdit::singleline(text).desired_width(80.0))
                        .labelled_by(label.id);
                }
            });
            egui::Grid::new("round_grid").striped(true).num_columns(5).show(ui, |ui| {
                for title in [c.area, c.ac_on, c.set_temp, c.windows_closed, c.occupied] {
                    ui.strong(title);
                }
                ui.end_row();
                for (row, area) in round.rows.iter_mut().zip(areas) {
                    ui.label(&area.name);
                    let name = |what: &str| format!("{} {what}", area.name);
                    let _on = ui.checkbox(&mut row.1, "").accessible_name(name(c.ac_on));
                    let _set = ui
                        .add(egui::TextEdit::singleline(&mut row.2).desired_width(60.0))
                        .accessible_name(name(c.set_temp));
                    let _windows =
                        ui.checkbox(&mut row.3, "").accessible_name(name(c.windows_closed));
                    let _occupied = ui.checkbox(&mut row.4, "").accessible_name(name(c.occupied));
                    ui.end_row();
                }
            });
            if ui.button(c.save_round).clicked() {
                let time = parse_time(&round.time);
                let reference = parse_temp_tenths(&round.reference);
                let sets: Result<Vec<Option<i32>>, _> = round
                    .rows
                    .iter()
                    .map(|r| {
                        if r.2.trim().is_empty() {
                            Ok(None)
                        } else {
                            parse_temp_tenths(&r.2).map(Some)
                        }
                    })
                    .collect();
                round.error = match (time, reference, sets) {
                    (Err(_), ..) => Some(c.bad_time),
                    (_, Err(_), _) | (_, _, Err(_)) => Some(c.bad_temp),
                    (Ok(time), Ok(reference), Ok(sets)) => {
                        for (row, set) in round.rows.iter().zip(sets) {
                            let record = AcCheckRow {
                                date: day,
                                time,
                                kind: AcCheckKind::Check,
                                area: row.0,
                                reference_temp_tenths: reference,
                                ac_on: row.1,
                                set_temp_tenths: set,
                                windows_closed: row.3,
                                occupied: row.4,
                                checker: round.checker.trim().to_owned(),
                                note: String::new(),
                            };
                            ctx.send(AppCommand::Write(Box::new(Command::SaveRecord {
                                id: None,
                                record: Box::new(Record::AcCheck(record)),
                            })));
                        }
                        round.reference.clear();
                        None
                    }
                };
            }
            if let Some(e) = round.error {
                ui.colored_label(theme::ERROR, e);
            }
        });
    }

    fn areas_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, areas: &[AcArea]) {
        let c = ctx.t.compliance;
        ui.label(RichText::new(c.areas).strong());
        egui::Grid::new("areas").striped(true).num_columns(4).show(ui, |ui| {
            for title in [c.name, c.room, c.responsible, c.department] {
                ui.strong(title);
            }
            ui.end_row();
            for a in areas {
                ui.label(&a.name);
                ui.label(&a.room);
                ui.label(&a.responsible_person);
                ui.label(&a.department);
                ui.end_row();
            }
            for (i, hint) in [c.name, c.room, c.responsible, c.department].iter().enumerate() {
                let _field = ui.add(
                    egui::TextEdit::singleline(&mut self.adds.area[i])
                        .hint_text(*hint)
                        .desired_width(120.0),
                );
            }
            ui.end_row();
        });
        if ui.button(c.add_area).clicked() {
            let [name, room, responsible, department] = self.adds.area.clone();
            if name.trim().is_empty() {
                self.adds.error = Some(c.required);
            } else {
                self.adds.error = None;
                ctx.send(AppCommand::Write(Box::new(Command::SaveRecord {
                    id: None,
                    record: Box::new(Record::Area(AcArea {
                        id: 0,
                        name: name.trim().to_owned(),
                        room: room.trim().to_owned(),
                        responsible_person: responsible.trim().to_owned(),
                        department: department.trim().to_owned(),
                    })),
                })));
                self.adds.area = Default::default();
            }
        }
        if let Some(e) = self.adds.error {
            ui.colored_label(theme::ERROR, e);
        }
    }

    fn others_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, view: &ComplianceView) {
        let (c, lang) = (ctx.t.compliance, ctx.lang);
        let areas = &view.set.areas;
        let area_name =
            |id: i64| areas.iter().find(|a| a.id == id).map_or("?", |a| a.name.as_str());
        let send = |record: Record| {
            ctx.send(AppCommand::Write(Box::new(Command::SaveRecord {
                id: None,
                record: Box::new(record),
            })));
        };
        // Overtime.
        ui.strong(c.overtime);
        for o in &view.set.overtime {
            ui.label(format!(
                "{} · {} · {} {} · {}",
                o.date,
                area_name(o.area),
                c.until,
                o.until.format("%H:%M"),
                o.who
            ));
        }
        ui.horizontal_wrapped(|ui| {
            area_combo(ui, "ot_area", areas, &mut self.adds.overtime_area);
            for (i, hint) in [c.date, c.until, c.who].iter().enumerate() {
                let _f = ui.add(
                    egui::TextEdit::singleline(&mut self.adds.overtime[i])
                        .hint_text(*hint)
                        .desired_width(100.0),
                );
            }
            if ui.button(c.add).clicked() {
                match (
                    parse_date(&self.adds.overtime[0]),
                    parse_time(&self.adds.overtime[1]),
                    self.adds.overtime_area,
                ) {
                    (Ok(date), Ok(until), Some(area)) => {
                        send(Record::Overtime(Overtime {
                            date,
                            area,
                            until,
                            who: self.adds.overtime[2].trim().to_owned(),
                            note: String::new(),
                        }));
                        self.adds.overtime = Default::default();
                        self.adds.error = None;
                    }
                    _ => self.adds.error = Some(c.bad_date),
                }
            }
        });
        // Temporary notices.
        ui.strong(c.notices);
        for n in &view.set.notices {
            ui.label(format!("{} – {} · {}", n.from, n.to, n.reason));
        }
        ui.horizontal_wrapped(|ui| {
            for (i, hint) in [c.from, c.to, c.reason].iter().enumerate() {
                let _f = ui.add(
                    egui::TextEdit::singleline(&mut self.adds.notice[i])
                        .hint_text(*hint)
                        .desired_width(100.0),
                );
            }
            if ui.button(c.add).clicked() {
                match (parse_date(&self.adds.notice[0]), parse_date(&self.adds.notice[1])) {
                    (Ok(from), Ok(to)) if from <= to => {
                        send(Record::Notice(AcNotice {
                            from,
                            to,
                            reason: self.adds.notice[2].trim().to_owned(),
                        }));
                        self.adds.notice = Default::default();
                        self.adds.error = None;
                    }
                    _ => self.adds.error = Some(c.bad_date),
                }
            }
        });
        // Maintenance.
        ui.strong(c.maintenance);
        for m in &view.set.maintenance {
            ui.label(format!("{} · {} · {}", m.date, area_name(m.area), m.what));
        }
        ui.horizontal_wrapped(|ui| {
            area_combo(ui, "mt_area", areas, &mut self.adds.maintenance_area);
            for (i, hint) in [c.date, c.what].iter().enumerate() {
                let _f = ui.add(
                    egui::TextEdit::singleline(&mut self.adds.maintenance[i])
                        .hint_text(*hint)
                        .desired_width(120.0),
                );
            }
            if ui.button(c.add).clicked() {
                match (parse_date(&self.adds.maintenance[0]), self.adds.maintenance_area) {
                    (Ok(date), Some(area)) => {
                        send(Record::Maintenance(Maintenance {
                            area,
                            date,
                            what: self.adds.maintenance[1].trim().to_owned(),
                        }));
                        self.adds.maintenance = Default::default();
                        self.adds.error = None;
                    }
                    _ => self.adds.error = Some(c.bad_date),
                }
            }
        });
        // Faults.
        ui.strong(c.faults);
        for (_, f) in &view.set.faults {
            ui.label(format!(
                "{} · {} · {} · {} · {}",
                f.reported_at.format("%Y-%m-%d %H:%M"),
                area_name(f.area),
                f.cause.name(lang),
                f.liable_person,
                stamp_text(f.repaired_at)
            ));
        }
        ui.horizontal_wrapped(|ui| {
            area_combo(ui, "fault_area", areas, &mut self.adds.fault_area);
            let cause = self.adds.fault_cause.get_or_insert(FaultCause::Wear);
            egui::ComboBox::from_id_salt("fault_cause").selected_text(cause.name(lang)).show_ui(
                ui,
                |ui| {
                    for k in FaultCause::ALL {
                        ui.selectable_value(cause, *k, k.name(lang));
                    }
                },
            );
            for (i, hint) in [c.reported_at, c.liable, c.repaired_at, c.note].iter().enumerate() {
                let _f = ui.add(
                    egui::TextEdit::singleline(&mut self.adds.fault[i])
                        .hint_text(*hint)
                        .desired_width(120.0),
                );
            }
            if ui.button(c.add).clicked() {
                let repaired = if self.adds.fault[2].trim().is_empty() {
                    Ok(None)
                } else {
                    parse_datetime(&self.adds.fault[2]).map(Some)
                };
                match (parse_datetime(&self.adds.fault[0]), repaired, self.adds.fault_area) {
                    (Ok(reported_at), Ok(repaired_at), Some(area)) => {
                        send(Record::Fault(Fault {
                            area,
                            reported_at,
                            cause: self.adds.fault_cause.unwrap_or(FaultCause::Wear),
                            liable_person: self.adds.fault[1].trim().to_owned(),
                            repaired_at,
                            note: self.adds.fault[3].trim().to_owned(),
                        }));
                        self.adds.fault = Default::default();
                        self.adds.error = None;
                    }
                    _ => self.adds.error = Some(c.bad_datetime),
                }
            }
        });
        if let Some(e) = self.adds.error {
            ui.colored_label(theme::ERROR, e);
        }
    }

    fn ledger_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, view: &ComplianceView) {
        let (c, lang) = (ctx.t.compliance, ctx.lang);
        if self.calendar.as_ref().is_none_or(|(g, _)| *g != ctx.data.compliance.generation()) {
            self.calendar = WorkingCalendar::from_settings(&ctx.data.settings, &view.set.calendar)
                .ok()
                .map(|cal| (ctx.data.compliance.generation(), cal));
        }
        let mut repeats: HashMap<CustomerId, usize> = HashMap::new();
        for e in view.set.complaints.iter().filter(|e| e.kind == ComplaintKind::Complaint) {
            *repeats.entry(e.customer).or_default() += 1;
        }
        ui.horizontal(|ui| {
            ui.checkbox(&mut self.unresolved_only, c.unresolved_only);
            if ui.button(c.add_complaint).clicked() {
                self.complaint = Some(ComplaintForm {
                    received_at: stamp_text(Some(ctx.now)),
                    ..ComplaintForm::default()
                });
            }
        });
        let mut entries: Vec<&Complaint> = view
            .set
            .complaints
            .iter()
            .filter(|e| !self.unresolved_only || e.resolved_at.is_none())
            .collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.received_at));
        let limit_of = |kind: ComplaintKind| match kind {
            ComplaintKind::Query => ctx.data.settings.query_minutes,
            ComplaintKind::Complaint => ctx.data.settings.complaint_minutes,
            ComplaintKind::Inquiry => ctx.data.settings.inquiry_first_response_minutes,
        };
        let calendar = self.calendar.as_ref().map(|(_, cal)| cal);
        let mut edit = None;
        let height = if self.complaint.is_some() { 260.0 } else { ui.available_height() - 20.0 };
        ui.push_id("ledger", |ui| {
            ui.style_mut().interaction.selectable_labels = false;
            TableBuilder::new(ui)
                .striped(true)
                .sense(egui::Sense::click())
                .max_scroll_height(height)
                .column(Column::initial(120.0))
                .column(Column::initial(90.0))
                .column(Column::initial(60.0))
                .column(Column::initial(90.0).clip(true))
                .column(Column::initial(80.0))
                .column(Column::initial(120.0))
                .column(Column::remainder().clip(true))
                .header(20.0, |mut h| {
                    for title in [
                        c.received_at,
                        c.customer_code,
                        c.kind,
                        c.category,
                        c.status,
                        c.sla,
                        c.description,
                    ] {
                        h.col(|ui| {
                            ui.strong(title);
                        });
                    }
                })
                .body(|body| {
                    body.rows(theme::ROW_HEIGHT, entries.len(), |mut row| {
                        let e = entries[row.index()];
                        let code = customer_code(ctx, e.customer);
                        row.col(|ui| {
                            ui.label(e.received_at.format("%Y-%m-%d %H:%M").to_string());
                        });
                        row.col(|ui| {
                            ui.label(&code);
                            if repeats.get(&e.customer).copied().unwrap_or(0) >= 2 {
                                ui.colored_label(theme::GOLD, c.repeat);
                            }
                        });
                        row.col(|ui| {
                            ui.label(e.kind.name(lang));
                        });
                        row.col(|ui| {
                            ui.label(&e.category);
                        });
                        row.col(|ui| {
                            ui.label(e.status.name(lang));
                        });
                        row.col(|ui| {
                            let limit = i64::from(limit_of(e.kind));
                            let done = match e.kind {
                                ComplaintKind::Inquiry => e.first_response_at.or(e.resolved_at),
                                _ => e.resolved_at,
                            };
                            let Some(cal) = calendar else { return };
                            let used =
                                cal.working_minutes_between(e.received_at, done.unwrap_or(ctx.now));
                            match (done, used <= limit) {
                                (Some(_), true) => ui.colored_label(theme::OK, c.met),
                                (Some(_), false) => ui.colored_label(theme::ERROR, c.missed),
                                (None, true) => {
                                    ui.colored_label(theme::GOLD, (c.time_left)(limit - used))
                                }
                                (None, false) => {
                                    ui.colored_label(theme::ERROR, (c.overdue_by)(used - limit))
                                }
                            };
                        });
                        row.col(|ui| {
                            ui.label(&e.description);
                        });
                        if row.response().clicked() {
                            edit = Some(ComplaintForm::from_record(e, &code));
                        }
                    });
                });
        });
        if let Some(form) = edit {
            self.complaint = Some(form);
        }
        self.complaint_form_ui(ui, ctx);
        egui::CollapsingHeader::new(c.about).id_salt("ledger_note").show(ui, |ui| {
            ui.label(c.note_service);
        });
    }

    fn complaint_form_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let (c, lang) = (ctx.t.compliance, ctx.lang);
        let Some(form) = &mut self.complaint else { return };
        let mut close = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong(if form.id.is_some() { c.edit_complaint } else { c.add_complaint });
            egui::Grid::new("complaint_form").num_columns(4).show(ui, |ui| {
                text_field_inline(ui, c.received_at, &mut form.received_at);
                text_field_inline(ui, c.customer_code, &mut form.customer_code);
                ui.end_row();
                error_pair(ui, form.error("received"), form.error("customer"));
                let label = ui.label(c.kind);
                let kind = form.kind.get_or_insert(ComplaintKind::Complaint);
                let _kind = egui::ComboBox::from_id_salt("complaint_kind")
                    .selected_text(kind.name(lang))
                    .show_ui(ui, |ui| {
                        for k in ComplaintKind::ALL {
                            ui.selectable_value(kind, *k, k.name(lang));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                text_field_inline(ui, c.channel, &mut form.channel);
                ui.end_row();
                text_field_inline(ui, c.category, &mut form.category);
                text_field_inline(ui, c.first_handler, &mut form.first_handler);
                ui.end_row();
                text_field_inline(ui, c.first_response_at, &mut form.first_response_at);
                text_field_inline(ui, c.resolved_at, &mut form.resolved_at);
                ui.end_row();
                error_pair(ui, form.error("first"), form.error("resolved"));
                text_field_inline(ui, c.description, &mut form.description);
                text_field_inline(ui, c.resolution, &mut form.resolution);
                ui.end_row();
                let label = ui.label(c.status);
                let status = form.status.get_or_insert(ComplaintStatus::Open);
                let _status = egui::ComboBox::from_id_salt("complaint_status")
                    .selected_text(status.name(lang))
                    .show_ui(ui, |ui| {
                        for s in ComplaintStatus::ALL {
                            ui.selectable_value(status, *s, s.name(lang));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
            });
            ui.horizontal(|ui| {
                if ui.button(c.save).clicked() {
                    let codes: HashMap<&str, CustomerId> =
                        ctx.data.customers.iter().map(|r| (r.code.as_str(), r.id)).collect();
                    match form.parse(&codes, c) {
                        Ok(record) => {
                            ctx.send(AppCommand::Write(Box::new(Command::SaveRecord {
                                id: form.id,
                                record: Box::new(Record::Complaint(record)),
                            })));
                            close = true;
                        }
                        Err(errors) => form.errors = errors,
                    }
                }
                if let Some(id) = form.id
                    && ui.button(c.delete).clicked()
                {
                    ctx.send(AppCommand::Write(Box::new(Command::DeleteRecord {
                        kind: RecordKind::Complaint,
                        id,
                    })));
                    close = true;
                }
                if ui.button(c.cancel).clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.complaint = None;
        }
    }
}

fn rules_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
    let (c, lang) = (ctx.t.compliance, ctx.lang);
    egui::ScrollArea::vertical().id_salt("rules").show(ui, |ui| {
        for group in [RuleGroup::Ac, RuleGroup::Service] {
            ui.heading(group.name(lang));
            ui.label(match group {
                RuleGroup::Ac => c.note_ac,
                RuleGroup::Service => c.note_service,
            });
            ui.add_space(4.0);
            for rule in rules().iter().filter(|r| r.group == group) {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        ui.strong(rule.id);
                        ui.label(format!("{} {}", c.clause, rule.clause));
                    });
                    ui.label(match lang {
                        Lang::Zh => rule.summary_zh,
                        Lang::En => rule.summary_en,
                    });
                    ui.label(
                        RichText::new(format!("{}：{}", c.original, rule.original_zh))
                            .italics()
                            .weak(),
                    );
                    if !rule.params.is_empty() {
                        ui.label(
                            RichText::new(format!("{}: {}", c.params, rule.params.join(", ")))
                                .small(),
                        );
                    }
                });
            }
            ui.add_space(8.0);
        }
    });
}

fn yes_no(value: bool, lang: Lang) -> &'static str {
    match (value, lang) {
        (true, Lang::Zh) => "是",
        (false, Lang::Zh) => "否",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    }
}

fn customer_code(ctx: &AppCtx<'_>, id: CustomerId) -> String {
    ctx.data
        .customers
        .iter()
        .find(|r| r.id == id)
        .map(|r| r.code.clone())
        .unwrap_or_else(|| format!("#{}", id.0))
}

fn area_combo(ui: &mut egui::Ui, id: &str, areas: &[AcArea], value: &mut Option<i64>) {
    let shown =
        value.and_then(|v| areas.iter().find(|a| a.id == v)).map_or("—", |a| a.name.as_str());
    egui::ComboBox::from_id_salt(id).selected_text(shown).show_ui(ui, |ui| {
        for a in areas {
            ui.selectable_value(value, Some(a.id), &a.name);
        }
    });
}

/// A label and text field in a two-column grid, ending the row.
fn text_field(ui: &mut egui::Ui, label: &str, value: &mut String) {
    text_field_inline(ui, label, value);
    ui.end_row();
}

/// A label and text field (two grid cells), without ending the row.
fn text_field_inline(ui: &mut egui::Ui, label: &str, value: &mut String) {
    let label = ui.label(label);
    let _field =
        ui.add(egui::TextEdit::singleline(value).desired_width(160.0)).labelled_by(label.id);
}

/// A red message under a field in a two-column grid, when there is one.
fn error_line(ui: &mut egui::Ui, message: Option<&str>) {
    if let Some(message) = message {
        ui.label("");
        ui.colored_label(theme::ERROR, message);
        ui.end_row();
    }
}

/// Red messages under two fields of a four-column grid row.
fn error_pair(ui: &mut egui::Ui, left: Option<&str>, right: Option<&str>) {
    if left.is_none() && right.is_none() {
        return;
    }
    for message in [left, right] {
        ui.label("");
        ui.colored_label(theme::ERROR, message.unwrap_or(""));
    }
    ui.end_row();
}
