//! The working calendar tab: a year of twelve month grids where a click on
//! a day makes it a holiday or a make-up working day (调休) with a name, or
//! a normal day again; pasted lines `date,working,name`; "copy from CSV"
//! through the import wizard; the year's recorded days as a list. Every
//! change is one `Command::SetCalendarDays` (undoable); the findings and
//! the ledger's time limits follow when the compliance check reruns.

use std::collections::HashMap;

use chrono::{Datelike as _, NaiveDate};
use egui::{Color32, RichText, Sense, Stroke, StrokeKind, Vec2};

use super::CompliancePanel;
use crate::domain::command::Command;
use crate::domain::compliance::calendar::{calendar_notice, parse_calendar_lines, parse_weekdays};
use crate::domain::import::ImportKind;
use crate::domain::import::values::parse_date;
use crate::domain::records::CalendarDay;
use crate::store::compliance::ComplianceView;
use crate::ui::i18n_calendar::TrCalendar;
use crate::ui::{AppCommand, AppCtx, theme};

/// The fill of a holiday.
const HOLIDAY: Color32 = Color32::from_rgb(0xf3, 0xb6, 0xb6);
/// The fill of a make-up working day.
const MAKE_UP: Color32 = Color32::from_rgb(0xa9, 0xd3, 0xf5);
/// The size of one day's cell.
const CELL: Vec2 = Vec2::new(26.0, 20.0);
/// The most days one change may touch.
const MAX_DAYS: usize = 366;

/// What a day is made in the popup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DayKind {
    Holiday,
    MakeUp,
    Normal,
}

/// The popup of a clicked day.
#[derive(Clone, Debug)]
struct DayPopup {
    date: NaiveDate,
    /// Where the window first opens: beside the day clicked.
    at: egui::Pos2,
    kind: DayKind,
    name: String,
    through: String,
    error: Option<String>,
}

/// The editor's state.
#[derive(Debug, Default)]
pub(super) struct CalendarEditor {
    /// The year shown (`None`: today's).
    year: Option<i32>,
    popup: Option<DayPopup>,
    paste: String,
    paste_problems: Vec<String>,
}

impl CalendarEditor {
    /// Shows `year` next time.
    pub(super) fn show_year(&mut self, year: i32) {
        self.year = Some(year);
    }
}

/// The notice of a year with no holidays recorded, above every tab; its
/// button opens the calendar on that year.
pub(super) fn notice_ui(
    panel: &mut CompliancePanel,
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    view: &ComplianceView,
) {
    let Some(year) = calendar_notice(&view.set.calendar, ctx.now.date()) else { return };
    let t = ctx.t.calendar;
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(theme::WARNING, (t.notice)(year));
        if panel.tab != super::Tab::Calendar && ui.button(t.notice_open).clicked() {
            panel.tab = super::Tab::Calendar;
            panel.calendar_editor.show_year(year);
        }
    });
}

impl CompliancePanel {
    /// Draws the working calendar tab.
    pub(super) fn calendar_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &AppCtx<'_>,
        view: &ComplianceView,
    ) {
        let t = ctx.t.calendar;
        let days: HashMap<NaiveDate, &CalendarDay> =
            view.set.calendar.iter().map(|d| (d.date, d)).collect();
        let editor = &mut self.calendar_editor;
        let year = *editor.year.get_or_insert(ctx.now.date().year());
        // Wrapped lines and as many months to a row as fit: large type
        // (presenter mode) is never cut at the right edge.
        ui.horizontal_wrapped(|ui| {
            if ui.button(format!("< {}", year - 1)).on_hover_text(t.prev_year).clicked() {
                editor.year = Some(year - 1);
            }
            ui.heading(year.to_string());
            if ui.button(format!("{} >", year + 1)).on_hover_text(t.next_year).clicked() {
                editor.year = Some(year + 1);
            }
            ui.separator();
            legend_ui(ui, t);
        });
        let settings = &ctx.data.settings;
        let weekdays = parse_weekdays(&settings.working_days)
            .unwrap_or([true, true, true, true, true, false, false]);
        let working: Vec<&str> =
            t.weekdays.iter().zip(weekdays).filter(|(_, w)| *w).map(|(d, _)| *d).collect();
        let hours = settings.working_hours.replace(',', ", ");
        ui.label(RichText::new((t.hours)(&working.join(" "), &hours)).weak());
        ui.horizontal_wrapped(|ui| {
            ui.label(t.click_hint);
            if ui.button(t.copy_csv).clicked() {
                ctx.send(AppCommand::ImportFileAs(ImportKind::Calendar));
            }
        });
        let today = ctx.now.date();
        if let Some((clicked, at)) = year_ui(ui, t, year, &days, weekdays, today) {
            editor.popup = Some(popup_for(clicked, at, days.get(&clicked).copied(), weekdays));
        }
        ui.add_space(8.0);
        if ui.available_width() < 2.0 * MONTH_WIDTH {
            paste_ui(ui, ctx, editor);
            ui.add_space(8.0);
            recorded_ui(ui, ctx, year, &view.set.calendar);
        } else {
            ui.columns(2, |cols| {
                paste_ui(&mut cols[0], ctx, editor);
                recorded_ui(&mut cols[1], ctx, year, &view.set.calendar);
            });
        }
        popup_ui(ui.ctx(), ctx, editor, &days);
    }
}

/// The legend: holiday, make-up day, weekend, today.
fn legend_ui(ui: &mut egui::Ui, t: &TrCalendar) {
    ui.label(t.legend);
    for (fill, text) in [(HOLIDAY, t.holiday), (MAKE_UP, t.make_up)] {
        let (rect, _) = ui.allocate_exact_size(Vec2::new(14.0, 14.0), Sense::hover());
        ui.painter().rect_filled(rect, 2.0, fill);
        ui.label(text);
    }
    ui.label(RichText::new(t.weekend).weak());
    let (rect, _) = ui.allocate_exact_size(Vec2::new(14.0, 14.0), Sense::hover());
    ui.painter().rect_stroke(rect, 2.0, Stroke::new(1.5, theme::ACCENT), StrokeKind::Inside);
    ui.label(t.today);
}

/// The width of one month's grid: seven cells and the gaps between.
const MONTH_WIDTH: f32 = 7.0 * CELL.x + 6.0 * 2.0;

/// The gap between two months in a row.
const MONTH_GAP: f32 = 18.0;

/// How many months fit side by side in `width` (one to four).
fn months_per_row(width: f32) -> u32 {
    let fit = ((width + MONTH_GAP) / (MONTH_WIDTH + MONTH_GAP)).floor();
    // Truncation is intended: a whole number of months, 1–4.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let fit = fit.clamp(1.0, 4.0) as u32;
    fit
}

/// Twelve month grids, up to four to a row (as many as fit); returns the
/// day clicked and where.
fn year_ui(
    ui: &mut egui::Ui,
    t: &TrCalendar,
    year: i32,
    days: &HashMap<NaiveDate, &CalendarDay>,
    weekdays: [bool; 7],
    today: NaiveDate,
) -> Option<(NaiveDate, egui::Pos2)> {
    let mut clicked = None;
    let per_row = months_per_row(ui.available_width());
    egui::Grid::new("calendar_year").spacing([MONTH_GAP, 10.0]).show(ui, |ui| {
        for month in 1..=12 {
            ui.vertical(|ui| {
                ui.strong((t.month)(month));
                if let Some(day) = month_ui(ui, t, year, month, days, weekdays, today) {
                    clicked = Some(day);
                }
            });
            if month % per_row == 0 {
                ui.end_row();
            }
        }
    });
    clicked
}

/// One month as a grid of weeks (Monday first); returns the day clicked
/// and where.
fn month_ui(
    ui: &mut egui::Ui,
    t: &TrCalendar,
    year: i32,
    month: u32,
    days: &HashMap<NaiveDate, &CalendarDay>,
    weekdays: [bool; 7],
    today: NaiveDate,
) -> Option<(NaiveDate, egui::Pos2)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let mut clicked = None;
    let grid = egui::Grid::new(("calendar_month", year, month)).spacing([2.0, 2.0]);
    grid.min_col_width(CELL.x).show(ui, |ui| {
        for head in t.weekdays {
            ui.add_sized(CELL, egui::Label::new(RichText::new(head).small().weak()));
        }
        ui.end_row();
        for _ in 0..first.weekday().num_days_from_monday() {
            ui.allocate_exact_size(CELL, Sense::hover());
        }
        let mut day = first;
        while day.month() == month {
            if let Some(at) = day_cell(ui, t, day, days.get(&day).copied(), weekdays, day == today)
            {
                clicked = Some((day, at));
            }
            if day.weekday().num_days_from_monday() == 6 {
                ui.end_row();
            }
            let Some(next) = day.succ_opt() else { break };
            day = next;
        }
    });
    clicked
}

/// One day's cell; when clicked, the point beside it where its popup opens.
/// Its accessible label is the date.
fn day_cell(
    ui: &mut egui::Ui,
    t: &TrCalendar,
    date: NaiveDate,
    recorded: Option<&CalendarDay>,
    weekdays: [bool; 7],
    today: bool,
) -> Option<egui::Pos2> {
    let (rect, response) = ui.allocate_exact_size(CELL, Sense::click());
    let weekend = !weekdays[date.weekday().num_days_from_monday() as usize];
    let visuals = ui.visuals();
    let (fill, text) = match recorded {
        Some(d) if d.working => (MAKE_UP, Color32::BLACK),
        Some(_) => (HOLIDAY, Color32::BLACK),
        None if weekend => (Color32::TRANSPARENT, visuals.weak_text_color()),
        None => (Color32::TRANSPARENT, visuals.text_color()),
    };
    let painter = ui.painter();
    painter.rect_filled(rect, 3.0, fill);
    if response.hovered() {
        painter.rect_stroke(rect, 3.0, visuals.widgets.hovered.bg_stroke, StrokeKind::Inside);
    }
    if today {
        painter.rect_stroke(rect, 3.0, Stroke::new(1.5, theme::ACCENT), StrokeKind::Inside);
    }
    let font = egui::TextStyle::Body.resolve(ui.style());
    painter.text(rect.center(), egui::Align2::CENTER_CENTER, date.day().to_string(), font, text);
    let label = date.to_string();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    let response = match recorded {
        Some(d) => {
            let kind = if d.working { t.make_up } else { t.holiday };
            let name = if d.name.is_empty() { String::new() } else { format!(" · {}", d.name) };
            response.on_hover_text(format!("{date} · {kind}{name}"))
        }
        None => response.on_hover_text(date.to_string()),
    };
    response.clicked().then(|| rect.right_top() + Vec2::new(8.0, 0.0))
}

/// The popup of a day as it is now: a recorded day keeps its kind and
/// name; a new one is a holiday on a working weekday, a make-up day on a
/// weekend.
fn popup_for(
    date: NaiveDate,
    at: egui::Pos2,
    recorded: Option<&CalendarDay>,
    weekdays: [bool; 7],
) -> DayPopup {
    let (kind, name) = match recorded {
        Some(d) => (if d.working { DayKind::MakeUp } else { DayKind::Holiday }, d.name.clone()),
        None if weekdays[date.weekday().num_days_from_monday() as usize] => {
            (DayKind::Holiday, String::new())
        }
        None => (DayKind::MakeUp, String::new()),
    };
    DayPopup { date, at, kind, name, through: date.to_string(), error: None }
}

/// The day's popup window: kind, name, through; Apply sends one command.
fn popup_ui(
    egui_ctx: &egui::Context,
    ctx: &AppCtx<'_>,
    editor: &mut CalendarEditor,
    days: &HashMap<NaiveDate, &CalendarDay>,
) {
    let t = ctx.t.calendar;
    let Some(popup) = &mut editor.popup else { return };
    let mut close = false;
    egui::Window::new((t.day_title)(popup.date))
        .id(egui::Id::unique("calendar_day_popup").with(popup.date))
        .default_pos(popup.at)
        .collapsible(false)
        .resizable(false)
        .show(egui_ctx, |ui| {
            egui::Grid::new("calendar_popup").num_columns(2).show(ui, |ui| {
                ui.label(t.kind);
                ui.vertical(|ui| {
                    ui.radio_value(&mut popup.kind, DayKind::Holiday, t.holiday);
                    ui.radio_value(&mut popup.kind, DayKind::MakeUp, t.make_up);
                    ui.radio_value(&mut popup.kind, DayKind::Normal, t.normal);
                });
                ui.end_row();
                if popup.kind != DayKind::Normal {
                    super::text_field(ui, t.name, &mut popup.name);
                }
                let label = ui.label(t.through);
                ui.add(egui::TextEdit::singleline(&mut popup.through).desired_width(160.0))
                    .labelled_by(label.id)
                    .on_hover_text(t.through_hint);
                ui.end_row();
                super::error_line(ui, popup.error.as_deref());
            });
            ui.horizontal(|ui| {
                if ui.button(t.apply).clicked() {
                    match command_of(popup, days, t) {
                        Ok(Some(command)) => {
                            ctx.send(AppCommand::Write(Box::new(command)));
                            close = true;
                        }
                        Ok(None) => close = true,
                        Err(e) => popup.error = Some(e),
                    }
                }
                if ui.button(t.cancel).clicked() {
                    close = true;
                }
            });
        });
    if close {
        editor.popup = None;
    }
}

/// The command the popup asks for (`None`: nothing changes), or why not.
fn command_of(
    popup: &DayPopup,
    days: &HashMap<NaiveDate, &CalendarDay>,
    t: &TrCalendar,
) -> Result<Option<Command>, String> {
    let through = match popup.through.trim() {
        "" => popup.date,
        text => parse_date(text)
            .ok()
            .filter(|d| *d >= popup.date)
            .ok_or_else(|| (t.bad_through)(popup.date))?,
    };
    let span = usize::try_from((through - popup.date).num_days()).unwrap_or(usize::MAX);
    if span >= MAX_DAYS {
        return Err(t.too_many.to_owned());
    }
    let dates: Vec<NaiveDate> = popup.date.iter_days().take(span + 1).collect();
    Ok(match popup.kind {
        DayKind::Normal => {
            let clear: Vec<NaiveDate> =
                dates.into_iter().filter(|d| days.contains_key(d)).collect();
            (!clear.is_empty()).then(|| Command::SetCalendarDays { set: Vec::new(), clear })
        }
        kind => {
            let working = kind == DayKind::MakeUp;
            let name = popup.name.trim().to_owned();
            let set = dates
                .into_iter()
                .map(|date| CalendarDay { date, working, name: name.clone() })
                .collect();
            Some(Command::SetCalendarDays { set, clear: Vec::new() })
        }
    })
}

/// Pasting lines `date,working,name`, and copying a CSV file through the
/// import wizard.
fn paste_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, editor: &mut CalendarEditor) {
    let t = ctx.t.calendar;
    let label = ui.strong(t.paste_title);
    ui.label(RichText::new(t.paste_hint).small());
    ui.add(
        egui::TextEdit::multiline(&mut editor.paste).desired_rows(5).desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.horizontal(|ui| {
        if ui.button(t.paste_add).clicked() {
            editor.paste_problems = match parse_calendar_lines(&editor.paste) {
                Ok(set) if set.is_empty() => vec![t.paste_empty.to_owned()],
                Ok(set) => {
                    ctx.send(AppCommand::Write(Box::new(Command::SetCalendarDays {
                        set,
                        clear: Vec::new(),
                    })));
                    editor.paste.clear();
                    Vec::new()
                }
                Err(problems) => {
                    problems.iter().map(|p| (t.paste_problem)(p.line, &p.why)).collect()
                }
            };
        }
    });
    for problem in &editor.paste_problems {
        ui.colored_label(theme::ERROR, problem);
    }
}

/// The days recorded in `year`, each with a button back to a normal day.
fn recorded_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, year: i32, all: &[CalendarDay]) {
    let t = ctx.t.calendar;
    let mut days: Vec<&CalendarDay> = all.iter().filter(|d| d.date.year() == year).collect();
    days.sort_by_key(|d| d.date);
    ui.strong((t.recorded)(year, days.len()));
    egui::ScrollArea::vertical().id_salt("calendar_recorded").max_height(180.0).show(ui, |ui| {
        egui::Grid::new("calendar_recorded_grid").striped(true).show(ui, |ui| {
            ui.strong(t.col_date);
            ui.strong(t.col_kind);
            ui.strong(t.col_name);
            ui.label("");
            ui.end_row();
            for d in days {
                ui.label(d.date.to_string());
                let (fill, kind) =
                    if d.working { (MAKE_UP, t.make_up) } else { (HOLIDAY, t.holiday) };
                ui.label(RichText::new(kind).background_color(fill).color(Color32::BLACK));
                ui.label(&d.name);
                if ui.small_button(t.make_normal).clicked() {
                    let command = Command::SetCalendarDays { set: Vec::new(), clear: vec![d.date] };
                    ctx.send(AppCommand::Write(Box::new(command)));
                }
                ui.end_row();
            }
        });
    });
}
