//! The policy-compliance panel: findings of every rule (filter, open the
//! record, compliance rate by month), the AC check sheet for daily entry
//! with its areas and companion records, the complaint ledger with live
//! time limits, the rules with their original Chinese clauses, and the
//! working calendar (holidays and make-up days) the time limits run on.
//! Every write is a command (undoable); rules live in `domain::compliance`.

mod ac_sheet;
mod calendar;
mod companions;
mod findings;
mod ledger;
mod rules;

use chrono::{NaiveDate, NaiveDateTime};

use self::ac_sheet::{CheckForm, RoundForm};
use self::companions::AddForms;
use self::findings::FindingsKey;
use self::ledger::{CalendarOf, ComplaintForm};
use super::{AppCtx, theme};
use crate::domain::Lang;
use crate::domain::compliance::Status;
use crate::domain::customer::CustomerId;

/// The panel's tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Findings,
    AcSheet,
    Ledger,
    Rules,
    /// The working calendar editor (holidays, make-up days).
    Calendar,
}

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
    view_key: Option<FindingsKey>,
    /// The findings' references in words.
    words: findings::RecordWords,
    day: Option<NaiveDate>,
    day_text: String,
    check: Option<CheckForm>,
    round: RoundForm,
    complaint: Option<ComplaintForm>,
    unresolved_only: bool,
    adds: AddForms,
    report_month: String,
    /// The working calendar of the current view (for live time limits).
    calendar: Option<CalendarOf>,
    calendar_editor: calendar::CalendarEditor,
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

    /// Opens a ledger entry's form in the ledger (from Today).
    pub fn open_complaint(&mut self, complaint: &crate::domain::records::Complaint, code: &str) {
        self.tab = Tab::Ledger;
        self.complaint = Some(ComplaintForm::from_record(complaint, code));
    }

    /// Shows the AC check sheet of `day` (from Today).
    pub fn open_ac_day(&mut self, day: NaiveDate) {
        self.tab = Tab::AcSheet;
        self.set_day(day);
    }

    /// Shows the working calendar at `year` (Today's no-holidays notice).
    pub fn open_calendar(&mut self, year: i32) {
        self.tab = Tab::Calendar;
        self.calendar_editor.show_year(year);
    }

    /// Shows the findings with the monthly report of (year, month) chosen.
    pub fn open_report(&mut self, year: i32, month: u32) {
        self.tab = Tab::Findings;
        self.report_month = format!("{year:04}-{month:02}");
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
                (Tab::Calendar, ctx.t.calendar.tab),
            ] {
                ui.selectable_value(&mut self.tab, tab, title);
            }
        });
        ui.separator();
        let Some(view) = ctx.data.compliance.clone() else { return };
        calendar::notice_ui(self, ui, ctx, &view);
        match self.tab {
            Tab::Findings => self.findings_ui(ui, ctx, &view),
            Tab::AcSheet => {
                egui::ScrollArea::vertical()
                    .id_salt("ac_sheet")
                    .show(ui, |ui| self.ac_ui(ui, ctx, &view));
            }
            Tab::Ledger => self.ledger_ui(ui, ctx, &view),
            Tab::Rules => {
                if let Some(year) = rules::rules_ui(ui, ctx, &view.set.calendar) {
                    self.open_calendar(year);
                }
            }
            Tab::Calendar => {
                egui::ScrollArea::vertical()
                    .id_salt("calendar")
                    .show(ui, |ui| self.calendar_ui(ui, ctx, &view));
            }
        }
    }

    fn set_day(&mut self, day: NaiveDate) {
        self.day = Some(day);
        self.day_text = day.to_string();
        self.check = None;
    }
}

/// A date and time as the forms show it; empty for none.
fn stamp_text(t: Option<NaiveDateTime>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()
}

/// A temperature in tenths of a degree as text (`23.5`).
fn tenths(t: i32) -> String {
    format!("{}.{}", t / 10, (t % 10).abs())
}

/// "Yes" or "no" in the language shown.
fn yes_no(value: bool, lang: Lang) -> &'static str {
    match (value, lang) {
        (true, Lang::Zh) => "是",
        (false, Lang::Zh) => "否",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    }
}

/// A customer's code, or words saying it is not among the live customers
/// (in the trash), never its row id.
fn customer_code(ctx: &AppCtx<'_>, id: CustomerId) -> String {
    customer_name_code(ctx, id).1
}

/// A customer's name and code (the trash's words for both when it is not
/// among the live customers).
fn customer_name_code(ctx: &AppCtx<'_>, id: CustomerId) -> (String, String) {
    ctx.data.customers.by_id(id).map_or_else(
        || (ctx.t.polish.customer_gone.to_owned(), ctx.t.polish.customer_gone.to_owned()),
        |r| (r.name.clone(), r.code.clone()),
    )
}

/// A label and text field in a two-column grid, ending the row.
fn text_field(ui: &mut egui::Ui, label: &str, value: &mut String) {
    text_field_inline(ui, label, value);
    ui.end_row();
}

/// A label and text field (two grid cells), without ending the row.
fn text_field_inline(ui: &mut egui::Ui, label: &str, value: &mut String) {
    let label = ui.label(label);
    // At least its width: a grid cell's width is the column's from the last
    // frame, and a date-time field clipped to it ("2026-12-04 15:4").
    let field =
        egui::TextEdit::singleline(value).desired_width(160.0).min_size(egui::vec2(160.0, 0.0));
    let _field = ui.add(field).labelled_by(label.id);
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
        crate::ui::widgets::error_label(ui, message.unwrap_or(""));
    }
    ui.end_row();
}
