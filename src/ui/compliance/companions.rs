//! The AC sheet's companion records: overtime, temporary notices,
//! maintenance and faults, each a list with a row to add one.

use super::ac_sheet::{AreaForm, area_name};
use super::{CompliancePanel, stamp_text};
use crate::domain::command::{Command, Record};
use crate::domain::import::values::{parse_date, parse_datetime, parse_time};
use crate::domain::records::{AcArea, AcNotice, Fault, Maintenance, Overtime};
use crate::domain::terms::FaultCause;
use crate::store::compliance::ComplianceView;
use crate::ui::widgets::{hinted_fields, list_add_ui};
use crate::ui::{AppCommand, AppCtx, theme};

/// The new-overtime row's buffers.
#[derive(Clone, Debug, Default)]
struct OvertimeForm {
    area: Option<i64>,
    date: String,
    until: String,
    who: String,
}

/// The new-notice row's buffers.
#[derive(Clone, Debug, Default)]
struct NoticeForm {
    from: String,
    to: String,
    reason: String,
}

/// The new-maintenance row's buffers.
#[derive(Clone, Debug, Default)]
struct MaintenanceForm {
    area: Option<i64>,
    date: String,
    what: String,
}

/// The new-fault row's buffers.
#[derive(Clone, Debug, Default)]
struct FaultForm {
    area: Option<i64>,
    cause: Option<FaultCause>,
    reported_at: String,
    liable: String,
    repaired_at: String,
    note: String,
}

/// Buffers of the small "add" forms (areas and the companion records).
#[derive(Clone, Debug, Default)]
pub(super) struct AddForms {
    pub(super) area: AreaForm,
    overtime: OvertimeForm,
    notice: NoticeForm,
    maintenance: MaintenanceForm,
    fault: FaultForm,
    /// The last add's problem, shown under the areas and the records.
    pub(super) error: Option<&'static str>,
}

/// Asks the app to save a new record.
fn send_new(ctx: &AppCtx<'_>, record: Record) {
    ctx.send(AppCommand::Write(Box::new(Command::SaveRecord {
        id: None,
        record: Box::new(record),
    })));
}

impl CompliancePanel {
    /// Draws the companion records, each a list with a row to add one.
    pub(super) fn others_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, view: &ComplianceView) {
        self.overtime_ui(ui, ctx, view);
        self.notices_ui(ui, ctx, view);
        self.maintenance_ui(ui, ctx, view);
        self.faults_ui(ui, ctx, view);
        if let Some(e) = self.adds.error {
            ui.colored_label(theme::ERROR, e);
        }
    }

    fn overtime_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, view: &ComplianceView) {
        let c = ctx.t.compliance;
        let areas = &view.set.areas;
        let lines = view.set.overtime.iter().map(|o| {
            format!(
                "{} · {} · {} {} · {}",
                o.date,
                area_name(areas, o.area),
                c.until,
                o.until.format("%H:%M"),
                o.who
            )
        });
        let form = &mut self.adds.overtime;
        let add = list_add_ui(ui, c.overtime, lines, c.add, |ui| {
            area_combo(ui, "ot_area", areas, &mut form.area);
            hinted_fields(
                ui,
                100.0,
                [(c.date, &mut form.date), (c.until, &mut form.until), (c.who, &mut form.who)],
            );
        });
        if add {
            match (parse_date(&form.date), parse_time(&form.until), form.area) {
                (Ok(date), Ok(until), Some(area)) => {
                    send_new(
                        ctx,
                        Record::Overtime(Overtime {
                            date,
                            area,
                            until,
                            who: form.who.trim().to_owned(),
                            note: String::new(),
                        }),
                    );
                    form.date.clear();
                    form.until.clear();
                    form.who.clear();
                    self.adds.error = None;
                }
                _ => self.adds.error = Some(c.bad_date),
            }
        }
    }

    fn notices_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, view: &ComplianceView) {
        let c = ctx.t.compliance;
        let lines =
            view.set.notices.iter().map(|n| format!("{} – {} · {}", n.from, n.to, n.reason));
        let form = &mut self.adds.notice;
        let add = list_add_ui(ui, c.notices, lines, c.add, |ui| {
            hinted_fields(
                ui,
                100.0,
                [(c.from, &mut form.from), (c.to, &mut form.to), (c.reason, &mut form.reason)],
            );
        });
        if add {
            match (parse_date(&form.from), parse_date(&form.to)) {
                (Ok(from), Ok(to)) if from <= to => {
                    send_new(
                        ctx,
                        Record::Notice(AcNotice {
                            from,
                            to,
                            reason: form.reason.trim().to_owned(),
                        }),
                    );
                    *form = NoticeForm::default();
                    self.adds.error = None;
                }
                _ => self.adds.error = Some(c.bad_date),
            }
        }
    }

    fn maintenance_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, view: &ComplianceView) {
        let c = ctx.t.compliance;
        let areas = &view.set.areas;
        let lines = view
            .set
            .maintenance
            .iter()
            .map(|m| format!("{} · {} · {}", m.date, area_name(areas, m.area), m.what));
        let form = &mut self.adds.maintenance;
        let add = list_add_ui(ui, c.maintenance, lines, c.add, |ui| {
            area_combo(ui, "mt_area", areas, &mut form.area);
            hinted_fields(ui, 120.0, [(c.date, &mut form.date), (c.what, &mut form.what)]);
        });
        if add {
            match (parse_date(&form.date), form.area) {
                (Ok(date), Some(area)) => {
                    send_new(
                        ctx,
                        Record::Maintenance(Maintenance {
                            area,
                            date,
                            what: form.what.trim().to_owned(),
                        }),
                    );
                    form.date.clear();
                    form.what.clear();
                    self.adds.error = None;
                }
                _ => self.adds.error = Some(c.bad_date),
            }
        }
    }

    fn faults_ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, view: &ComplianceView) {
        let (c, lang) = (ctx.t.compliance, ctx.lang);
        let areas = &view.set.areas;
        let lines = view.set.faults.iter().map(|(_, f)| {
            format!(
                "{} · {} · {} · {} · {}",
                f.reported_at.format("%Y-%m-%d %H:%M"),
                area_name(areas, f.area),
                f.cause.name(lang),
                f.liable_person,
                stamp_text(f.repaired_at)
            )
        });
        let form = &mut self.adds.fault;
        let add = list_add_ui(ui, c.faults, lines, c.add, |ui| {
            area_combo(ui, "fault_area", areas, &mut form.area);
            let cause = form.cause.get_or_insert(FaultCause::Wear);
            egui::ComboBox::from_id_salt("fault_cause").selected_text(cause.name(lang)).show_ui(
                ui,
                |ui| {
                    for k in FaultCause::ALL {
                        ui.selectable_value(cause, *k, k.name(lang));
                    }
                },
            );
            hinted_fields(
                ui,
                120.0,
                [
                    (c.reported_at, &mut form.reported_at),
                    (c.liable, &mut form.liable),
                    (c.repaired_at, &mut form.repaired_at),
                    (c.note, &mut form.note),
                ],
            );
        });
        if add {
            let repaired = if form.repaired_at.trim().is_empty() {
                Ok(None)
            } else {
                parse_datetime(&form.repaired_at).map(Some)
            };
            match (parse_datetime(&form.reported_at), repaired, form.area) {
                (Ok(reported_at), Ok(repaired_at), Some(area)) => {
                    send_new(
                        ctx,
                        Record::Fault(Fault {
                            area,
                            reported_at,
                            cause: form.cause.unwrap_or(FaultCause::Wear),
                            liable_person: form.liable.trim().to_owned(),
                            repaired_at,
                            note: form.note.trim().to_owned(),
                        }),
                    );
                    form.reported_at.clear();
                    form.liable.clear();
                    form.repaired_at.clear();
                    form.note.clear();
                    self.adds.error = None;
                }
                _ => self.adds.error = Some(c.bad_datetime),
            }
        }
    }
}

/// A combo box choosing one of the areas ("—" for none yet).
fn area_combo(ui: &mut egui::Ui, id: &str, areas: &[AcArea], value: &mut Option<i64>) {
    let shown =
        value.and_then(|v| areas.iter().find(|a| a.id == v)).map_or("—", |a| a.name.as_str());
    egui::ComboBox::from_id_salt(id).selected_text(shown).show_ui(ui, |ui| {
        for a in areas {
            ui.selectable_value(value, Some(a.id), &a.name);
        }
    });
}
