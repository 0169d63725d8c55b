//! The findings tab: every rule's findings with filters (rule, status,
//! search, period), a click that opens the record a finding is about, the
//! monthly report export and the compliance rate by month.

use chrono::{Datelike as _, NaiveDate};
use egui::RichText;
use egui_extras::{Column, TableBuilder};
use egui_plot::{Legend, Line, Plot, PlotPoints};

use super::ac_sheet::CheckForm;
use super::ledger::ComplaintForm;
use super::{CompliancePanel, Tab, customer_code};
use crate::domain::Lang;
use crate::domain::command::Record;
use crate::domain::compliance::{Finding, Status, rules};
use crate::domain::import::values::parse_date;
use crate::domain::naming::{RecordName, customer_name, reference_text};
use crate::store::compliance::ComplianceView;
use crate::ui::widgets::find_customer;
use crate::ui::{AppCommand, AppCtx, theme};

/// What the visible findings depend on.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct FindingsKey {
    compliance_gen: u64,
    rule: Option<&'static str>,
    status: Option<Status>,
    /// The search text, trimmed and lower-case.
    search: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl FindingsKey {
    /// Whether a finding, whose reference reads `words`, passes these filters.
    fn keeps(&self, f: &Finding, words: &str) -> bool {
        self.rule.is_none_or(|r| f.rule_id == r)
            && self.status.is_none_or(|s| f.status == s)
            && self.from.is_none_or(|from| f.date >= from)
            && self.to.is_none_or(|to| f.date <= to)
            && (self.search.is_empty()
                || f.subject.to_lowercase().contains(&self.search)
                || f.record.contains(&self.search)
                || words.to_lowercase().contains(&self.search)
                || f.detail.to_lowercase().contains(&self.search)
                || f.detail_zh.contains(&self.search))
    }
}

/// The findings' references in words ("complaint of 郑五 received 07-08
/// 09:30"), built once per compliance result, customer list and language.
#[derive(Debug, Default)]
pub(super) struct RecordWords {
    key: Option<(u64, u64, Lang)>,
    words: Vec<String>,
}

impl RecordWords {
    /// Builds the words again when the findings, the customers or the
    /// language changed; true when it did.
    fn refresh(&mut self, ctx: &AppCtx<'_>, view: &ComplianceView) -> bool {
        let key = (ctx.data.compliance.generation(), ctx.data.customers.generation(), ctx.lang);
        if self.key == Some(key) {
            return false;
        }
        self.key = Some(key);
        self.words = words_of(ctx, view);
        true
    }

    /// The words of finding `i`.
    fn get(&self, i: usize) -> &str {
        self.words.get(i).map_or("", String::as_str)
    }
}

/// Every finding's reference in words, looked up in the view's records
/// and the customer list (by id, through maps built here once).
fn words_of(ctx: &AppCtx<'_>, view: &ComplianceView) -> Vec<String> {
    use std::collections::HashMap;
    let set = &view.set;
    let names: HashMap<i64, &str> =
        ctx.data.customers.iter().map(|c| (c.id.0, c.name.as_str())).collect();
    let areas: HashMap<i64, &str> = set.areas.iter().map(|a| (a.id, a.name.as_str())).collect();
    let checks: HashMap<i64, _> = set.ac_checks.iter().map(|(id, r)| (*id, r)).collect();
    let faults: HashMap<i64, _> = set.faults.iter().map(|(id, r)| (*id, r)).collect();
    let complaints: HashMap<i64, _> = set.complaints.iter().map(|c| (c.id, c)).collect();
    let opportunities: HashMap<i64, _> = set.opportunities.iter().map(|o| (o.id, o)).collect();
    let area = |id: i64| areas.get(&id).copied().unwrap_or_default();
    let customer =
        |id: crate::domain::customer::CustomerId| names.get(&id.0).copied().unwrap_or_default();
    let find = |table: &str, id: i64| -> Option<RecordName> {
        Some(match table {
            "ac_checks" => {
                let r = checks.get(&id)?;
                RecordName::of(&Record::AcCheck((*r).clone()), area(r.area))
            }
            "ac_faults" => {
                let r = faults.get(&id)?;
                RecordName::of(&Record::Fault((*r).clone()), area(r.area))
            }
            "ac_areas" => area_name(area(id))?,
            "complaints" => {
                let c = complaints.get(&id)?;
                RecordName::of(&Record::Complaint((*c).clone()), customer(c.customer))
            }
            "opportunities" => {
                let o = opportunities.get(&id)?;
                RecordName::of(&Record::Opportunity((*o).clone()), customer(o.customer))
            }
            "customers" => customer_name(names.get(&id)?),
            _ => return None,
        })
    };
    view.report.findings.iter().map(|f| reference_text(&f.record, &find, ctx.lang)).collect()
}

/// An area named for people ("area 一楼大厅"); `None` for an unknown one.
fn area_name(name: &str) -> Option<RecordName> {
    let mut named = customer_name(name);
    named.noun = crate::domain::naming::noun(crate::domain::command::RecordKind::Area);
    (!name.is_empty()).then_some(named)
}

impl CompliancePanel {
    fn refresh_view(&mut self, ctx: &AppCtx<'_>, view: &ComplianceView) {
        let findings = &view.report.findings;
        let words_changed = self.words.refresh(ctx, view);
        let key = FindingsKey {
            compliance_gen: ctx.data.compliance.generation(),
            rule: self.rule,
            status: self.status,
            search: self.search.trim().to_lowercase(),
            from: parse_date(&self.from).ok(),
            to: parse_date(&self.to).ok(),
        };
        if self.view_key.as_ref() == Some(&key) && !words_changed {
            return;
        }
        let words = &self.words;
        self.view =
            (0..findings.len()).filter(|&i| key.keeps(&findings[i], words.get(i))).rev().collect();
        self.view_key = Some(key);
    }

    /// Draws the findings tab.
    pub(super) fn findings_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &AppCtx<'_>,
        view: &ComplianceView,
    ) {
        let c = ctx.t.compliance;
        let findings = &view.report.findings;
        self.refresh_view(ctx, view);
        // Large type (presenter mode) leaves less room than the table and
        // the chart need: the tab scrolls then (at other sizes they fill it).
        let room = ui.available_height();
        let scroll = egui::ScrollArea::vertical().id_salt("findings_tab").auto_shrink(false);
        scroll.show(ui, |ui| {
            let top = ui.cursor().top();
            ui.horizontal_wrapped(|ui| self.filters_ui(ui, ctx, findings.len()));
            ui.horizontal_wrapped(|ui| self.report_ui(ui, ctx));
            if findings.is_empty() {
                ui.label(c.no_findings);
            }
            let (table_height, chart_height) = split_room(room - (ui.cursor().top() - top));
            if let Some(i) = self.table_ui(ui, ctx, findings, table_height) {
                self.open_finding(ctx, view, &findings[i]);
            }
            self.rate_chart(ui, ctx, view, chart_height);
        });
    }

    /// The filter row: rule, status, search, period, counts and export.
    fn filters_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, total: usize) {
        let (c, lang) = (ctx.t.compliance, ctx.lang);
        let label = ui.label(c.rule);
        let name = |id: &'static str| {
            crate::domain::compliance::sources::text(id).map_or(id, |t| t.name(lang))
        };
        let _rule = egui::ComboBox::from_id_salt("finding_rule")
            .selected_text(self.rule.map_or(c.all, name))
            .width(170.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.rule, None, c.all);
                for r in rules() {
                    ui.selectable_value(&mut self.rule, Some(r.id), name(r.id)).on_hover_text(r.id);
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
                .add(egui::TextEdit::singleline(text).desired_width(90.0).hint_text("YYYY-MM-DD"))
                .labelled_by(label.id);
            if bad {
                ui.colored_label(theme::ERROR, c.bad_date);
            }
        }
        ui.label((c.n_findings)(self.view.len(), total));
        if ui.button(c.export_findings).clicked() {
            ctx.send(AppCommand::ExportFindings);
        }
    }

    /// The monthly service report: a month and its export button.
    fn report_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let c = ctx.t.compliance;
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
        ui.weak((ctx.t.settings.report_month_hint)(ctx.data.settings.monthly_report_day));
    }

    /// The visible findings as a table; returns the finding clicked.
    fn table_ui(
        &self,
        ui: &mut egui::Ui,
        ctx: &AppCtx<'_>,
        findings: &[Finding],
        height: f32,
    ) -> Option<usize> {
        let mut open = None;
        ui.push_id("findings_table", |ui| {
            ui.style_mut().interaction.selectable_labels = false;
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            // Too narrow for the columns (large type): they scroll sideways.
            let columns = egui::ScrollArea::horizontal().id_salt("findings_columns");
            columns.show(ui, |ui| self.table_body(ui, ctx, findings, height, &mut open));
        });
        open
    }

    /// The findings table itself; a click on a row sets `open`.
    fn table_body(
        &self,
        ui: &mut egui::Ui,
        ctx: &AppCtx<'_>,
        findings: &[Finding],
        height: f32,
        open: &mut Option<usize>,
    ) {
        let (c, lang) = (ctx.t.compliance, ctx.lang);
        TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .max_scroll_height(height)
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
                        // The rule's name in the reader's language, its
                        // id (as in the rules view) on hover.
                        let text = crate::domain::compliance::sources::text(f.rule_id);
                        ui.label(text.map_or(f.rule_id, |t| t.name(lang))).on_hover_text(f.rule_id);
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
                    let words = self.words.get(self.view[row.index()]);
                    row.col(|ui| {
                        ui.label(words);
                    });
                    row.col(|ui| {
                        ui.label(f.detail(lang));
                    });
                    if row.response().clicked() {
                        *open = Some(self.view[row.index()]);
                    }
                });
            });
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
                id.and_then(|id| view.set.ac_checks.iter().find(|(row_id, _)| *row_id == id))
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
        } else if let Some(row) = find_customer(&ctx.data.customers, &f.subject) {
            ctx.send(AppCommand::ShowCustomer(row.id));
        }
    }

    /// The compliance rate by month: every rule together, or the chosen one.
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
            .x_axis_formatter(move |mark, _| crate::ui::widgets::index_label(&labels, mark.value))
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
}

/// The heights of the findings table and of the rate chart in the `left`
/// points below the filters: the chart 180 and the table the rest while
/// there is room; with less, the chart shrinks to 120 and the table keeps
/// 160 (the tab scrolls).
fn split_room(left: f32) -> (f32, f32) {
    let chart = (left * 0.4).clamp(120.0, 180.0);
    ((left - chart - 30.0).max(160.0), chart)
}
