//! The AC check sheet tab: a day's checks with edit and delete, the form of
//! one check, the quick round for every area at once, the areas, and the
//! companion records (see `companions`).

use chrono::{Duration, NaiveDate};
use egui::RichText;

use super::{CompliancePanel, error_line, tenths, text_field, yes_no};
use crate::domain::command::{Command, Purpose, Record, RecordKind};
use crate::domain::compliance::Finding;
use crate::domain::import::values::{parse_date, parse_temp_tenths, parse_time};
use crate::domain::records::{AcArea, AcCheckRow};
use crate::domain::terms::AcCheckKind;
use crate::store::compliance::ComplianceView;
use crate::ui::i18n_compliance::TrCompliance;
use crate::ui::widgets::labelled_combo;
use crate::ui::{AppCommand, AppCtx, theme};

/// The check-row form's text buffers.
#[derive(Clone, Debug, Default)]
pub(super) struct CheckForm {
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

    /// The form of a stored check row.
    pub(super) fn from_row(id: i64, row: &AcCheckRow) -> Self {
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

/// One area's line of the quick round.
#[derive(Clone, Debug)]
struct RoundRow {
    area: i64,
    ac_on: bool,
    set_temp: String,
    windows_closed: bool,
    occupied: bool,
}

impl RoundRow {
    fn new(area: i64) -> Self {
        Self { area, ac_on: false, set_temp: String::new(), windows_closed: true, occupied: true }
    }
}

/// The quick sheet: one round of checks for every area at once.
#[derive(Clone, Debug, Default)]
pub(super) struct RoundForm {
    time: String,
    reference: String,
    checker: String,
    /// Per area: AC on, set temperature, windows closed, occupied.
    rows: Vec<RoundRow>,
    /// Each problem naming its field.
    errors: Vec<String>,
}

/// The new-area row's buffers.
#[derive(Clone, Debug, Default)]
pub(super) struct AreaForm {
    /// The area being edited (`None`: a new one).
    id: Option<i64>,
    name: String,
    room: String,
    responsible: String,
    department: String,
    /// `YYYY-MM-DD`, or empty: from the area's first check.
    in_use_since: String,
}

impl CompliancePanel {
    /// Draws the AC check sheet tab.
    pub(super) fn ac_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, view: &ComplianceView) {
        let c = ctx.t.compliance;
        let day = self.day_ui(ui, ctx);
        let areas = &view.set.areas;
        if areas.is_empty() {
            ui.label(c.no_areas);
        }
        self.checks_ui(ui, ctx, view, day);
        ui.add_space(6.0);
        self.round_ui(ui, ctx, areas, day);
        ui.add_space(6.0);
        if self.check.is_none() && ui.button(c.add_check).clicked() {
            let mut form = CheckForm::new();
            form.area = areas.first().map(|a| a.id);
            form.time = ctx.now.format("%H:%M").to_string();
            self.check = Some(form);
        }
        self.check_form_ui(ui, ctx, areas, day);
        ui.add_space(8.0);
        self.areas_ui(ui, ctx, view);
        ui.add_space(8.0);
        egui::CollapsingHeader::new(c.other_records).id_salt("ac_other").show(ui, |ui| {
            self.others_ui(ui, ctx, view);
        });
        egui::CollapsingHeader::new(c.about).id_salt("ac_note").show(ui, |ui| {
            ui.label(c.note_ac);
        });
    }

    /// The day shown: previous, typed, next, today; returns the day.
    fn day_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) -> NaiveDate {
        let c = ctx.t.compliance;
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
        self.day.unwrap_or(day)
    }

    /// The day's checks with edit and delete, and the day's AC findings.
    fn checks_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &AppCtx<'_>,
        view: &ComplianceView,
        day: NaiveDate,
    ) {
        let (c, lang) = (ctx.t.compliance, ctx.lang);
        let areas = &view.set.areas;
        let mut rows: Vec<&(i64, AcCheckRow)> =
            view.set.ac_checks.iter().filter(|(_, r)| r.date == day).collect();
        rows.sort_by_key(|(id, r)| (r.area, r.time, *id));
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
                ui.label(area_name(areas, r.area));
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
    }

    /// The form of one check (new or edited), when open.
    fn check_form_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &AppCtx<'_>,
        areas: &[AcArea],
        day: NaiveDate,
    ) {
        let c = ctx.t.compliance;
        let Some(form) = &mut self.check else { return };
        let mut close = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong(if form.id.is_some() { c.edit_check } else { c.add_check });
            egui::Grid::new("check_form").num_columns(2).show(ui, |ui| {
                check_fields_ui(ui, ctx, form, areas);
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

    /// One round of the check sheet for every area: shared time, reading
    /// and checker; per area AC on, set temperature, windows and occupancy.
    fn round_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, areas: &[AcArea], day: NaiveDate) {
        let c = ctx.t.compliance;
        if areas.is_empty() {
            return;
        }
        let round = &mut self.round;
        if round.rows.len() != areas.len()
            || round.rows.iter().zip(areas).any(|(r, a)| r.area != a.id)
        {
            round.rows = areas.iter().map(|a| RoundRow::new(a.id)).collect();
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
                    let _on = ui.checkbox(&mut row.ac_on, "").accessible_name(name(c.ac_on));
                    let _set = ui
                        .add(egui::TextEdit::singleline(&mut row.set_temp).desired_width(60.0))
                        .accessible_name(name(c.set_temp));
                    let _windows = ui
                        .checkbox(&mut row.windows_closed, "")
                        .accessible_name(name(c.windows_closed));
                    let _occupied =
                        ui.checkbox(&mut row.occupied, "").accessible_name(name(c.occupied));
                    ui.end_row();
                }
            });
            if ui.button(c.save_round).clicked() {
                round.errors = round.save(ctx, day, areas);
            }
            for e in &round.errors {
                ui.colored_label(theme::ERROR, e);
            }
        });
    }

    /// The areas with their in-use date (AC-CHECKS judges an area from it,
    /// else from its first check), and the form that adds or edits one.
    fn areas_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, view: &ComplianceView) {
        let (c, k) = (ctx.t.compliance, ctx.t.calendar);
        let areas = &view.set.areas;
        let first_check = |id: i64| {
            view.set.ac_checks.iter().filter(|(_, r)| r.area == id).map(|(_, r)| r.date).min()
        };
        ui.label(RichText::new(c.areas).strong());
        let form = &mut self.adds.area;
        egui::Grid::new("areas").striped(true).num_columns(6).show(ui, |ui| {
            for title in [c.name, c.room, c.responsible, c.department, k.in_use_since] {
                ui.strong(title);
            }
            ui.label("");
            ui.end_row();
            for a in areas {
                ui.label(&a.name);
                ui.label(&a.room);
                ui.label(&a.responsible_person);
                ui.label(&a.department);
                match (a.in_use_since, first_check(a.id)) {
                    (Some(since), _) => ui.label(since.to_string()),
                    (None, Some(first)) => {
                        ui.label(RichText::new((k.from_first_check)(first)).weak())
                    }
                    (None, None) => ui.label(RichText::new(k.never_checked).weak()),
                };
                if ui.small_button(k.edit_area).clicked() {
                    *form = AreaForm::of(a);
                }
                ui.end_row();
            }
            crate::ui::widgets::hinted_fields(
                ui,
                120.0,
                [
                    (c.name, &mut form.name),
                    (c.room, &mut form.room),
                    (c.responsible, &mut form.responsible),
                    (c.department, &mut form.department),
                    (k.in_use_hint, &mut form.in_use_since),
                ],
            );
            ui.end_row();
        });
        ui.horizontal(|ui| {
            let save = if form.id.is_some() { k.save_area } else { c.add_area };
            if ui.button(save).clicked() {
                match form.record(c.required, k.bad_in_use) {
                    Ok(area) => {
                        self.adds.error = None;
                        let record = Box::new(Record::Area(area));
                        ctx.send(AppCommand::Write(Box::new(Command::SaveRecord {
                            id: form.id,
                            record,
                        })));
                        *form = AreaForm::default();
                    }
                    Err(e) => self.adds.error = Some(e),
                }
            }
            if form.id.is_some() && ui.button(k.cancel).clicked() {
                *form = AreaForm::default();
            }
        });
        if let Some(e) = self.adds.error {
            ui.colored_label(theme::ERROR, e);
        }
    }
}

impl AreaForm {
    /// The form of a stored area (to edit it).
    fn of(a: &AcArea) -> Self {
        Self {
            id: Some(a.id),
            name: a.name.clone(),
            room: a.room.clone(),
            responsible: a.responsible_person.clone(),
            department: a.department.clone(),
            in_use_since: a.in_use_since.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// The area the form describes, or its problem (`required`: no name;
    /// `bad_date`: an in-use date that is not a date).
    fn record(
        &self,
        required: &'static str,
        bad_date: &'static str,
    ) -> Result<AcArea, &'static str> {
        if self.name.trim().is_empty() {
            return Err(required);
        }
        let in_use_since = match self.in_use_since.trim() {
            "" => None,
            text => Some(crate::domain::import::values::parse_date(text).map_err(|_| bad_date)?),
        };
        Ok(AcArea {
            id: self.id.unwrap_or(0),
            name: self.name.trim().to_owned(),
            room: self.room.trim().to_owned(),
            responsible_person: self.responsible.trim().to_owned(),
            department: self.department.trim().to_owned(),
            in_use_since,
        })
    }
}

impl RoundForm {
    /// Checks the round and sends one check per area as one command (one
    /// undo step, named by the round's time and areas); returns every
    /// problem, each naming its field (nothing is sent then).
    fn save(&mut self, ctx: &AppCtx<'_>, day: NaiveDate, areas: &[AcArea]) -> Vec<String> {
        let c = ctx.t.compliance;
        let mut errors = Vec::new();
        let problem = |field: &str, what: &str| (c.field_problem)(field, what);
        let time =
            parse_time(&self.time).map_err(|_| errors.push(problem(c.time, c.use_time))).ok();
        let reference = if self.reference.trim().is_empty() {
            errors.push(problem(c.reference, c.is_required));
            None
        } else {
            parse_temp_tenths(&self.reference)
                .map_err(|_| errors.push(problem(c.reference, c.a_temperature)))
                .ok()
        };
        let mut sets = Vec::with_capacity(self.rows.len());
        for (row, area) in self.rows.iter().zip(areas) {
            if row.set_temp.trim().is_empty() {
                sets.push(None);
            } else if let Ok(set) = parse_temp_tenths(&row.set_temp) {
                sets.push(Some(set));
            } else {
                errors.push(problem(&format!("{} {}", area.name, c.set_temp), c.a_temperature));
            }
        }
        let (Some(time), Some(reference), true) = (time, reference, errors.is_empty()) else {
            return errors;
        };
        let commands = self
            .rows
            .iter()
            .zip(sets)
            .map(|(row, set)| {
                let record = AcCheckRow {
                    date: day,
                    time,
                    kind: AcCheckKind::Check,
                    area: row.area,
                    reference_temp_tenths: reference,
                    ac_on: row.ac_on,
                    set_temp_tenths: set,
                    windows_closed: row.windows_closed,
                    occupied: row.occupied,
                    checker: self.checker.trim().to_owned(),
                    note: String::new(),
                };
                Command::SaveRecord { id: None, record: Box::new(Record::AcCheck(record)) }
            })
            .collect::<Vec<_>>();
        let purpose = Purpose::AcRound { at: day.and_time(time), areas: commands.len() };
        ctx.send(AppCommand::Write(Box::new(Command::Batch { purpose, commands })));
        self.reference.clear();
        Vec::new()
    }
}

/// The fields of the check form, in its two-column grid.
fn check_fields_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, form: &mut CheckForm, areas: &[AcArea]) {
    let (c, lang) = (ctx.t.compliance, ctx.lang);
    let label = ui.label(c.area);
    let _area = egui::ComboBox::from_id_salt("check_area")
        .selected_text(form.area.map_or("—", |id| area_name(areas, id)))
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
    let kind = form.kind.get_or_insert(AcCheckKind::Check);
    labelled_combo(ui, c.kind, "check_kind", kind, AcCheckKind::ALL, |k| k.name(lang));
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
}

/// An area's name, or "?" for an unknown area.
pub(super) fn area_name(areas: &[AcArea], id: i64) -> &str {
    areas.iter().find(|a| a.id == id).map_or("?", |a| a.name.as_str())
}
