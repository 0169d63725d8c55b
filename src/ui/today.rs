//! The Today panel (今日, DOMAIN §6), the start page: what is overdue (in
//! red, always shown), due today and due in the next 7 days, each section
//! grouped by kind. Each row opens its record; "done" records what closes
//! it and "move to …" changes a next step's day, both as undoable
//! commands. The list itself is built on a worker (`domain::today`); this
//! panel lays out only the visible rows of it.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{Days, NaiveDate};
use egui::{Label, RichText};

use super::{AppCommand, AppCtx, theme};
use crate::domain::command::{Command, Purpose, Record};
use crate::domain::records::Activity;
use crate::domain::terms::ActivityKind;
use crate::domain::today::{ItemKind, Section, Target, TodayItem, TodayList};

/// The notice of a year with no holidays recorded (its time limits count
/// every weekday) and a button to the working calendar at that year.
fn no_holidays_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, year: i32) {
    let t = ctx.t.calendar;
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(theme::WARNING, (t.notice)(year));
        if ui.button(t.notice_open).clicked() {
            ctx.send(AppCommand::OpenToday(Box::new(Target::Calendar { year })));
        }
    });
}

/// One line of the list as drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    /// A section heading with its count.
    Section(Section, usize),
    /// A kind's heading inside a section, with its count (click: fold).
    Group(Section, ItemKind, usize),
    /// The item at this index of the list.
    Item(usize),
    /// A section with nothing in it.
    Empty,
}

/// The Today panel.
#[derive(Debug, Default)]
pub struct TodayPanel {
    /// The lines of the list, laid out when the list or a fold changes.
    lines: Vec<Line>,
    /// The list generation the lines were laid out for.
    lines_for: Option<u64>,
    /// Groups folded by a click on their heading.
    folded: HashSet<(Section, ItemKind)>,
    /// The day typed in a "move to" menu.
    move_day: String,
}

impl TodayPanel {
    /// Lines laid out now (tests: headings and items).
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let tt = ctx.t.today;
        ui.heading((tt.heading)(&ctx.now.date().to_string()));
        let Some(list) = ctx.data.today.clone() else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tt.building);
            });
            return;
        };
        if self.lines_for != Some(ctx.data.today.generation()) {
            self.lay_out(&list);
            self.lines_for = Some(ctx.data.today.generation());
        }
        ui.separator();
        if let Some(year) = list.no_holidays {
            no_holidays_ui(ui, ctx, year);
        }
        // Too narrow for an item on one line (presenter mode at 200 %, a
        // small window): each item takes two, its buttons on the second.
        let two_lines = ui.available_width() < ONE_LINE_WIDTH;
        let height = LINE_HEIGHT * if two_lines { 2.0 } else { 1.0 };
        let mut toggle = None;
        let (lines, folded, move_day) = (&self.lines, &self.folded, &mut self.move_day);
        egui::ScrollArea::vertical().id_salt("today").auto_shrink(false).show_rows(
            ui,
            height,
            lines.len(),
            |ui, range| {
                for line in &lines[range] {
                    match *line {
                        Line::Section(section, n) => {
                            line_ui(ui, height, |ui| section_ui(ui, ctx, section, n));
                        }
                        Line::Group(section, kind, n) => {
                            let folded = folded.contains(&(section, kind));
                            if line_ui(ui, height, |ui| group_ui(ui, ctx, kind, n, folded)) {
                                toggle = Some((section, kind));
                            }
                        }
                        Line::Item(i) => {
                            if let Some(item) = list.items.get(i) {
                                item_ui(ui, ctx, item, two_lines, move_day);
                            }
                        }
                        Line::Empty => {
                            line_ui(ui, height, |ui| {
                                ui.add_space(24.0);
                                ui.label(tt.nothing);
                            });
                        }
                    }
                }
            },
        );
        if let Some(group) = toggle {
            if !self.folded.remove(&group) {
                self.folded.insert(group);
            }
            self.lay_out(&list);
        }
        egui::CollapsingHeader::new(tt.about).id_salt("today_about").show(ui, |ui| {
            ui.label(tt.about_text);
        });
    }

    /// The lines of `list`: every section (overdue first, shown even when
    /// empty), each kind's group, and the items of unfolded groups.
    fn lay_out(&mut self, list: &Arc<TodayList>) {
        self.lines.clear();
        for section in Section::ALL {
            let start = list.items.partition_point(|i| i.section < section);
            let end = list.items.partition_point(|i| i.section <= section);
            let items = &list.items[start..end];
            self.lines.push(Line::Section(section, items.len()));
            if items.is_empty() {
                self.lines.push(Line::Empty);
            }
            // One pass over the section: its items by kind, in list order.
            let mut by_kind: Vec<Vec<usize>> = vec![Vec::new(); ItemKind::ALL.len()];
            for i in start..end {
                let kind = list.items[i].kind;
                if let Some(k) = ItemKind::ALL.iter().position(|&x| x == kind) {
                    by_kind[k].push(i);
                }
            }
            for (kind, indices) in ItemKind::ALL.into_iter().zip(by_kind) {
                if indices.is_empty() {
                    continue;
                }
                self.lines.push(Line::Group(section, kind, indices.len()));
                if !self.folded.contains(&(section, kind)) {
                    self.lines.extend(indices.into_iter().map(Line::Item));
                }
            }
        }
    }
}

/// One item: due, customer, what, why, and its buttons; on two lines (due,
/// customer and what; then why and the buttons) when `two_lines`.
fn item_ui(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    item: &TodayItem,
    two_lines: bool,
    move_day: &mut String,
) {
    if !two_lines {
        ui.horizontal(|ui| {
            ui.set_height(LINE_HEIGHT);
            ui.add_space(24.0);
            head_ui(ui, ctx, item, 230.0);
            tail_ui(ui, ctx, item, move_day);
        });
        return;
    }
    ui.vertical(|ui| {
        // Exactly two lines high: the list is laid out in lines of one height.
        ui.spacing_mut().item_spacing.y = 0.0;
        ui.horizontal(|ui| {
            ui.set_height(LINE_HEIGHT);
            ui.add_space(24.0);
            let record_width = ui.available_width() - 120.0 - 150.0 - 3.0 * GAP;
            head_ui(ui, ctx, item, record_width.max(80.0));
        });
        ui.horizontal(|ui| {
            ui.set_height(LINE_HEIGHT);
            ui.add_space(24.0);
            tail_ui(ui, ctx, item, move_day);
        });
    });
}

/// An item's due time, customer and record (the record `record_width` wide).
fn head_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, item: &TodayItem, record_width: f32) {
    let due = RichText::new(due_text(ctx, item));
    let due = if item.section == Section::Overdue { due.color(theme::ERROR) } else { due };
    cell(ui, 120.0, Label::new(due));
    let record = item.record.words(ctx.lang);
    // A cut line shows its whole text on hover (egui's own tooltip of
    // an elided label; one tooltip, not two); the customer's adds the
    // code, so its own is off.
    let name = Label::new(&item.customer_name).show_tooltip_when_elided(false);
    let customer = cell(ui, 150.0, name);
    if !item.customer_name.is_empty() {
        customer.on_hover_text(format!("{} {}", item.customer_code, item.customer_name));
    }
    cell(ui, record_width, Label::new(&record));
}

/// An item's detail (what the room leaves) and its buttons.
fn tail_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, item: &TodayItem, move_day: &mut String) {
    let tt = ctx.t.today;
    let detail = item.detail.get(ctx.lang);
    let width = (ui.available_width() - BUTTONS_WIDTH).max(80.0);
    cell(ui, width, Label::new(detail));
    if ui.button(tt.open).clicked() {
        ctx.send(AppCommand::OpenToday(Box::new(item.target.clone())));
    }
    if let Some((hint, command)) = done(ctx, item)
        && ui.button(tt.done).on_hover_text(hint).clicked()
    {
        ctx.send(command);
    }
    if let Target::Activity(activity) = &item.target {
        move_ui(ui, ctx, activity, move_day);
    }
}

/// The height of one line of the list.
const LINE_HEIGHT: f32 = theme::ROW_HEIGHT + 4.0;

/// The gap between a row's cells (egui's item spacing).
const GAP: f32 = 8.0;

/// The least width an item takes on one line: indent, due, customer,
/// record, the least detail and the buttons as drawn (about 190 points of
/// the room kept for them), with the gaps between (a 1024-point window
/// still has one line).
const ONE_LINE_WIDTH: f32 = 24.0 + 120.0 + 150.0 + 230.0 + 60.0 + 190.0 + 6.0 * GAP;

/// The room the buttons of a row take.
const BUTTONS_WIDTH: f32 = 240.0;

/// "Move to …": tomorrow, in 3 days, in a week, or a typed day.
fn move_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, activity: &Activity, move_day: &mut String) {
    let tt = ctx.t.today;
    let today = ctx.now.date();
    // A click in the day field must not close the menu (egui's menus close
    // on any click by default): it closes on a click outside, or as the
    // buttons close it.
    let config = egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    egui::containers::menu::MenuButton::new(tt.move_to).config(config).ui(ui, |ui| {
        for (label, days) in [(tt.tomorrow, 1), (tt.in_three_days, 3), (tt.next_week, 7)] {
            if ui.button(label).clicked() {
                if let Some(day) = today.checked_add_days(Days::new(days)) {
                    ctx.send(move_command(ctx, activity, day));
                }
                ui.close();
            }
        }
        ui.separator();
        ui.horizontal(|ui| {
            let label = ui.label(tt.day);
            ui.add(egui::TextEdit::singleline(move_day).desired_width(90.0)).labelled_by(label.id);
            let day = NaiveDate::parse_from_str(move_day.trim(), "%Y-%m-%d");
            if ui.button(tt.move_button).clicked()
                && let Ok(day) = day
            {
                ctx.send(move_command(ctx, activity, day));
                move_day.clear();
                ui.close();
            }
            if !move_day.trim().is_empty() && day.is_err() {
                ui.colored_label(theme::ERROR, tt.bad_day);
            }
        });
    });
}

/// A heading line, as high as an item's line (the list is laid out in
/// lines of one height, so only the visible ones are drawn).
fn line_ui<R>(ui: &mut egui::Ui, height: f32, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    ui.horizontal(|ui| {
        ui.set_height(height);
        add(ui)
    })
    .inner
}

/// A cell of a row: `widget` truncated to `width`.
fn cell(ui: &mut egui::Ui, width: f32, widget: Label) -> egui::Response {
    let size = egui::vec2(width, ui.available_height());
    ui.allocate_ui_with_layout(size, egui::Layout::left_to_right(egui::Align::Center), |ui| {
        ui.set_width(width);
        ui.add(widget.truncate())
    })
    .inner
}

/// A section's heading: overdue in red.
fn section_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, section: Section, n: usize) {
    let tt = ctx.t.today;
    let name = match section {
        Section::Overdue => tt.overdue,
        Section::Today => tt.today,
        Section::Week => tt.week,
    };
    let text = RichText::new(format!("{name} ({n})")).heading().strong();
    let text = if section == Section::Overdue && n > 0 { text.color(theme::ERROR) } else { text };
    ui.label(text);
}

/// A kind's heading; returns whether it was clicked (fold or unfold).
fn group_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, kind: ItemKind, n: usize, folded: bool) -> bool {
    let arrow = if folded { "+" } else { "-" };
    let text = RichText::new(format!("{arrow} {} ({n})", kind.name(ctx.lang))).strong();
    ui.add(egui::Button::new(text).frame(false)).clicked()
}

/// The due column: `due 14:00` today, else the date (and time).
fn due_text(ctx: &AppCtx<'_>, item: &TodayItem) -> String {
    let today = ctx.now.date();
    match item.due_time {
        Some(time) if item.due == today => (ctx.t.today.due_at)(&time.format("%H:%M").to_string()),
        Some(time) => format!("{} {}", item.due, time.format("%H:%M")),
        None => item.due.to_string(),
    }
}

/// What "done" does for an item (its hover text and command), if it can be
/// done from here.
fn done(ctx: &AppCtx<'_>, item: &TodayItem) -> Option<(&'static str, AppCommand)> {
    let tt = ctx.t.today;
    let log = |customer, opportunity, complaint, kind, subject: String| {
        let activity = Activity {
            id: 0,
            customer,
            opportunity,
            complaint,
            kind,
            at: ctx.now,
            subject,
            outcome: String::new(),
            next_step: String::new(),
            next_step_due: None,
        };
        write(Record::Activity(activity), None)
    };
    match &item.target {
        Target::Activity(a) => {
            let step = if a.next_step.is_empty() { &a.subject } else { &a.next_step };
            let subject = (tt.logged_follow_up)(step);
            let kind = ActivityKind::Call;
            Some((tt.done_activity, log(a.customer, a.opportunity, a.complaint, kind, subject)))
        }
        Target::Opportunity(o) if item.kind == ItemKind::Revisit => Some((
            tt.done_revisit,
            log(o.customer, Some(o.id), None, ActivityKind::Revisit, (tt.logged_revisit)(&o.title)),
        )),
        Target::Opportunity(o) => Some((
            tt.done_opportunity,
            log(
                o.customer,
                Some(o.id),
                None,
                ActivityKind::Call,
                (tt.logged_opportunity)(&o.title),
            ),
        )),
        Target::Fault(id, fault) => {
            let mut repaired = fault.clone();
            repaired.repaired_at = Some(ctx.now);
            Some((tt.done_fault, write(Record::Fault(repaired), Some(*id))))
        }
        Target::Complaint(_) => {
            Some((tt.done_complaint, AppCommand::OpenToday(Box::new(item.target.clone()))))
        }
        Target::Customer(_)
        | Target::AcSheet { .. }
        | Target::MonthlyReport { .. }
        | Target::Calendar { .. } => None,
    }
}

fn write(record: Record, id: Option<i64>) -> AppCommand {
    AppCommand::Write(Box::new(Command::SaveRecord { id, record: Box::new(record) }))
}

/// Moves an activity's next step to `day` (said as a move, with whom).
fn move_command(ctx: &AppCtx<'_>, activity: &Activity, day: NaiveDate) -> AppCommand {
    let moved = Activity { next_step_due: Some(day), ..activity.clone() };
    let save =
        Command::SaveRecord { id: Some(activity.id), record: Box::new(Record::Activity(moved)) };
    let who = ctx.data.customers.by_id(activity.customer);
    let purpose = Purpose::MoveNextStep {
        kind: activity.kind,
        who: who.map(|c| c.name.clone()).unwrap_or_default(),
        to: day,
    };
    AppCommand::Write(Box::new(Command::Batch { purpose, commands: vec![save] }))
}
