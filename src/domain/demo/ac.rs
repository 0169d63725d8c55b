//! Air conditioning (DOMAIN §4.1): areas, one cooling season of the check sheet
//! with planted violations, the notice, overtime, maintenance and faults.

use chrono::{Datelike, NaiveDate, Timelike, Weekday};

use crate::domain::compliance::calendar::WorkingCalendar;
use crate::domain::records::{AcArea, AcCheckRow, AcNotice, Fault, Maintenance, Overtime};
use crate::domain::settings::Settings;
use crate::domain::terms::{AcCheckKind, FaultCause};

use super::PlantedFinding;
use super::calendar::{
    Period, at, days, minute_of, month_last, next_working, office_minute, time_of, working_days,
    ymd,
};
use super::names::{AC_CHECKER, HR_INSPECTOR};
use super::rng::Rng;

/// Areas: (name, room, responsible person 第一责任人, department).
pub(super) const AREAS: [(&str, &str, &str, &str); 3] = [
    ("总经理办公室", "8楼 801室", "林志远", "总经理办公室"),
    ("财务部", "6楼 602–605室", "何秀英", "财务部"),
    ("销售部", "5楼 501–510室", "郑国强", "销售部"),
];

/// Weekday overtime: (area index, until, who, note).
pub(super) const WEEKDAY_OVERTIME: [(usize, u32, &str, &str); 3] = [
    (1, 20 * 60 + 30, "何秀英等3人", "半年度结账"),
    (2, 19 * 60 + 30, "郑国强、张伟", "准备投标文件"),
    (0, 21 * 60, "林志远", "接待重要客户"),
];

/// Weekend overtime: (area index, until, who, note).
pub(super) const WEEKEND_OVERTIME: (usize, u32, &str, &str) =
    (2, 17 * 60 + 30, "销售部5人", "周末客户答谢会筹备");

/// A violation planted on one check-sheet row.
#[derive(Clone, Copy, Debug)]
pub(super) enum RowPlant {
    /// AC on with this reference reading (below 29.0 °C).
    Hot(i32),
    /// AC on with this set temperature (below 26.0 °C).
    SummerSet(i32),
    /// AC on with windows open.
    Windows,
    /// AC on in an empty room.
    Empty,
    /// The scheduled check is not on the sheet.
    Missing,
    /// A spot inspection at 17:45 finds the AC on without overtime.
    OffEarly,
}

/// The planted row violations: (what, area index, afternoon window).
pub(super) const ROW_PLANTS: [(RowPlant, usize, bool); 8] = [
    (RowPlant::Hot(285), 0, false),
    (RowPlant::Hot(275), 2, true),
    (RowPlant::SummerSet(240), 1, true),
    (RowPlant::SummerSet(250), 2, false),
    (RowPlant::Windows, 2, true),
    (RowPlant::Empty, 0, true),
    (RowPlant::Missing, 1, true),
    (RowPlant::OffEarly, 2, true),
];

/// The area whose annual cleaning is left out in one year.
pub(super) const MAINTENANCE_GAP_AREA: usize = 2;
/// The area of the fault repaired late.
pub(super) const LATE_FAULT_AREA: usize = 1;

/// One moment of the check sheet: a reading of the reference thermometer
/// and, for each area, whether people are supposed to be there.
#[derive(Clone, Debug)]
pub(super) struct CheckEvent {
    pub(super) date: NaiveDate,
    pub(super) minute: u32,
    pub(super) kind: AcCheckKind,
    pub(super) reference: i32,
    pub(super) present: [bool; 3],
    /// Whether the policy allows the AC on in each area at that moment.
    pub(super) allowed: [bool; 3],
}

impl CheckEvent {
    /// An event at `(date, minute)`.
    fn new(
        (date, minute): (NaiveDate, u32),
        kind: AcCheckKind,
        reference: i32,
        present: [bool; 3],
        allowed: [bool; 3],
    ) -> Self {
        Self { date, minute, kind, reference, present, allowed }
    }
}

pub(super) struct AcData {
    pub(super) areas: Vec<AcArea>,
    pub(super) checks: Vec<AcCheckRow>,
    pub(super) notices: Vec<AcNotice>,
    pub(super) overtime: Vec<Overtime>,
    pub(super) maintenance: Vec<Maintenance>,
    pub(super) faults: Vec<Fault>,
    pub(super) planted: Vec<PlantedFinding>,
}

pub(super) fn area_id(index: usize) -> i64 {
    index as i64 + 1
}

/// The cooling season to put on the check sheet: the last full season
/// (June–October by default) before the end, clipped to the period, or the
/// current one if the last is not in the period.
pub(super) fn season_range(period: Period, s: &Settings) -> Option<(NaiveDate, NaiveDate)> {
    let season =
        |y: i32| (ymd(y, s.ac_season_first_month, 1), month_last(y, s.ac_season_last_month));
    let year = period.end.year();
    let last_full = if season(year).1 <= period.end { year } else { year - 1 };
    [last_full, last_full + 1].into_iter().find_map(|y| {
        let (from, to) = season(y);
        let (from, to) = (from.max(period.start), to.min(period.end));
        ((to - from).num_days() >= 30).then_some((from, to))
    })
}

/// A reading of the reference thermometer, in tenths, rounded to 0.5 °C.
pub(super) fn reference_reading(rng: &mut Rng, date: NaiveDate, minute: u32) -> i32 {
    let base = match date.month() {
        6 => 295,
        7 | 8 => 315,
        9 => 302,
        10 => 268,
        _ => 250,
    };
    let daily = match minute {
        m if m < 12 * 60 => -15,
        m if m < 18 * 60 => 15,
        _ => 5,
    };
    (base + daily + rng.range(-25, 25) as i32).clamp(240, 355) / 5 * 5
}

/// A compliant row for one area at one event.
pub(super) fn compliant_row(
    rng: &mut Rng,
    ev: &CheckEvent,
    area: usize,
    s: &Settings,
) -> AcCheckRow {
    let present = ev.present[area];
    let on = ev.allowed[area] && ev.reference > s.ac_hot_threshold_tenths && rng.chance(0.92);
    let windows_closed = on || !present || rng.chance(0.85);
    AcCheckRow {
        date: ev.date,
        time: time_of(ev.minute),
        kind: ev.kind,
        area: area_id(area),
        reference_temp_tenths: ev.reference,
        ac_on: on,
        set_temp_tenths: on.then(|| rng.pick(&[260, 260, 260, 265, 270, 280])),
        windows_closed,
        occupied: present,
        checker: if ev.kind == AcCheckKind::Check { AC_CHECKER } else { HR_INSPECTOR }.to_owned(),
        note: if windows_closed { String::new() } else { "空调未开，开窗通风".to_owned() },
    }
}

pub(super) fn tenths(t: i32) -> String {
    format!("{}.{}", t / 10, t % 10)
}

/// The three areas of [`AREAS`], ids 1..=3.
pub(super) fn ac_areas() -> Vec<AcArea> {
    AREAS
        .iter()
        .enumerate()
        .map(|(i, &(name, room, person, department))| AcArea {
            id: area_id(i),
            name: name.to_owned(),
            room: room.to_owned(),
            responsible_person: person.to_owned(),
            department: department.to_owned(),
            in_use_since: None,
        })
        .collect()
}

/// An overtime record on `date` from a table entry (area index, until,
/// who, note).
fn overtime_entry(date: NaiveDate, (area, until, who, note): (usize, u32, &str, &str)) -> Overtime {
    Overtime {
        date,
        area: area_id(area),
        until: time_of(until),
        who: who.to_owned(),
        note: note.to_owned(),
    }
}

/// The overtime of the season: the weekday overtime on `dates` and one
/// Saturday's, by date and area.
pub(super) fn plan_overtime(
    rng: &mut Rng,
    cal: &WorkingCalendar,
    (from, to): (NaiveDate, NaiveDate),
    dates: &[NaiveDate],
) -> Vec<Overtime> {
    let mut overtime: Vec<Overtime> = dates
        .iter()
        .zip(WEEKDAY_OVERTIME)
        .map(|(&day, entry)| overtime_entry(day, entry))
        .collect();
    let saturdays: Vec<NaiveDate> = from
        .iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| d.weekday() == Weekday::Sat && !cal.is_working_day(*d) && d.month() <= 9)
        .collect();
    if !saturdays.is_empty() {
        let day = saturdays[rng.index(saturdays.len())];
        overtime.push(overtime_entry(day, WEEKEND_OVERTIME));
    }
    overtime.sort_by_key(|o| (o.date, o.area));
    overtime
}

/// Changes the events of the planted row violations (one per day of
/// `dates`, adding the late inspection) and returns them as (event index,
/// area index, what).
pub(super) fn plant_events(
    rng: &mut Rng,
    events: &mut Vec<CheckEvent>,
    dates: &[NaiveDate],
) -> Vec<(usize, usize, RowPlant)> {
    let mut overrides: Vec<(usize, usize, RowPlant)> = Vec::new();
    for (&(plant, area, afternoon), &day) in ROW_PLANTS.iter().zip(dates) {
        let index = match plant {
            RowPlant::OffEarly => {
                let reference = 300 + 5 * rng.range(0, 4) as i32;
                let kind = AcCheckKind::Inspection;
                events.push(CheckEvent::new(
                    (day, 17 * 60 + 45),
                    kind,
                    reference,
                    [true; 3],
                    [false; 3],
                ));
                events.len() - 1
            }
            _ => {
                let found = events.iter().position(|e| {
                    e.date == day
                        && e.kind == AcCheckKind::Check
                        && (e.minute >= 12 * 60) == afternoon
                });
                let Some(index) = found else { continue };
                index
            }
        };
        let e = &mut events[index];
        match plant {
            RowPlant::Hot(reading) => e.reference = reading,
            RowPlant::SummerSet(_) | RowPlant::Windows | RowPlant::Empty => {
                e.reference = e.reference.max(300 + 5 * rng.range(0, 4) as i32);
            }
            RowPlant::Missing | RowPlant::OffEarly => {}
        }
        overrides.push((index, area, plant));
    }
    overrides
}

/// Turns a compliant row into the planted violation `plant` (removing it for
/// a missing check) and returns the finding's (rule id, Chinese, English);
/// `None` when there is no row.
pub(super) fn plant_row(
    slot: &mut Option<AcCheckRow>,
    plant: RowPlant,
) -> Option<(&'static str, String, String)> {
    let row = slot.as_mut()?;
    let hhmm = row.time.format("%H:%M").to_string();
    let reference = tenths(row.reference_temp_tenths);
    row.ac_on = true;
    row.set_temp_tenths = Some(260);
    row.windows_closed = true;
    row.occupied = true;
    row.note = String::new();
    let window = if row.time.hour() < 12 { "09:00–11:00" } else { "15:00–17:00" };
    let planted = match plant {
        RowPlant::Hot(_) => (
            "AC-HOT",
            format!("{hhmm} 例行检查：参考温度 {reference} °C（未超过 29.0 °C）时空调已开启"),
            format!("AC on at a reference reading of {reference} °C, not above 29.0 °C"),
        ),
        RowPlant::SummerSet(set) => {
            row.set_temp_tenths = Some(set);
            let set = tenths(set);
            (
                "AC-SUMMER-SET",
                format!("{hhmm} 例行检查：空调设定温度 {set} °C，低于 26.0 °C"),
                format!("AC set to {set} °C, below 26.0 °C"),
            )
        }
        RowPlant::Windows => {
            row.windows_closed = false;
            (
                "AC-WINDOWS",
                format!("{hhmm} 例行检查：空调开启时门窗未关闭"),
                "doors and windows open while the AC was on".to_owned(),
            )
        }
        RowPlant::Empty => {
            row.occupied = false;
            row.note = "人员外出开会超过30分钟".to_owned();
            (
                "AC-EMPTY",
                format!("{hhmm} 例行检查：室内无人超过30分钟，空调仍开启"),
                "AC on in a room empty for over 30 minutes".to_owned(),
            )
        }
        RowPlant::Missing => {
            *slot = None;
            (
                "AC-CHECKS",
                format!("{window} 例行检查缺失"),
                format!("no scheduled check in the {window} window"),
            )
        }
        RowPlant::OffEarly => (
            "AC-OFF-EARLY",
            format!("{hhmm} 抽查：17:30 后空调仍开启，且无加班记录"),
            format!("AC still on at {hhmm}, after 17:30, with no overtime record"),
        ),
    };
    Some(planted)
}

pub(super) fn build_ac(
    rng: &mut Rng,
    period: Period,
    cal: &WorkingCalendar,
    s: &Settings,
) -> AcData {
    let areas = ac_areas();
    let mut data = AcData {
        areas,
        checks: Vec::new(),
        notices: Vec::new(),
        overtime: Vec::new(),
        maintenance: Vec::new(),
        faults: Vec::new(),
        planted: Vec::new(),
    };
    let season = season_range(period, s);
    maintenance(rng, period, cal, season, &mut data);
    let Some((from, to)) = season else { return data };
    data.notices.push(notice(period, from));

    // Distinct summer working days for the planted rows, the weekday
    // overtime and the faults (the late one must be repaired by the end).
    let summer: Vec<NaiveDate> =
        working_days(cal, from, to).into_iter().filter(|d| (6..=9).contains(&d.month())).collect();
    let mut pool = summer.clone();
    rng.shuffle(&mut pool);
    let mut pool = pool.into_iter();
    let plant_days: Vec<NaiveDate> = pool.by_ref().take(ROW_PLANTS.len()).collect();
    let overtime_days: Vec<NaiveDate> = pool.by_ref().take(WEEKDAY_OVERTIME.len()).collect();
    let fault_days: Vec<NaiveDate> =
        pool.filter(|d| cal.add_working_days(*d, 9) <= period.end).take(3).collect();

    data.overtime = plan_overtime(rng, cal, (from, to), &overtime_days);

    let mut events = check_events(rng, from, to, cal, &data.overtime);
    let overrides = plant_events(rng, &mut events, &plant_days);

    // Rows: compliant first, then the planted changes.
    let mut rows: Vec<Option<AcCheckRow>> = Vec::with_capacity(events.len() * AREAS.len());
    for e in &events {
        for area in 0..AREAS.len() {
            rows.push(Some(compliant_row(rng, e, area, s)));
        }
    }
    for &(index, area, plant) in &overrides {
        let slot = &mut rows[index * AREAS.len() + area];
        let Some(date) = slot.as_ref().map(|row| row.date) else { continue };
        let Some((rule_id, zh, en)) = plant_row(slot, plant) else { continue };
        let detail = format!("{zh} / {en}");
        data.planted.push(PlantedFinding {
            rule_id,
            date,
            subject: AREAS[area].0.to_owned(),
            detail,
        });
    }
    data.checks = rows.into_iter().flatten().collect();
    data.checks.sort_by_key(|r| (r.date, r.time, r.area));

    faults(rng, cal, &fault_days, &mut data);
    data.planted.sort_by(|a, b| {
        a.date.cmp(&b.date).then(a.rule_id.cmp(b.rule_id)).then(a.subject.cmp(&b.subject))
    });
    data
}

/// The scheduled checks of the season (two per working or overtime day, one
/// in each window) and a few compliant spot inspections, one of them in an
/// overtime evening.
pub(super) fn check_events(
    rng: &mut Rng,
    from: NaiveDate,
    to: NaiveDate,
    cal: &WorkingCalendar,
    overtime: &[Overtime],
) -> Vec<CheckEvent> {
    let mut events = Vec::new();
    for day in from.iter_days().take_while(|d| *d <= to) {
        let working = cal.is_working_day(day);
        let mut present = [working; 3];
        for o in overtime.iter().filter(|o| o.date == day) {
            present[(o.area - 1) as usize] = true;
        }
        if !present.contains(&true) {
            continue;
        }
        for (lo, hi) in [(9 * 60, 10 * 60 + 50), (15 * 60, 16 * 60 + 50)] {
            let minute = rng.range(lo, hi) as u32;
            let reference = reference_reading(rng, day, minute);
            let kind = AcCheckKind::Check;
            events.push(CheckEvent::new((day, minute), kind, reference, present, present));
        }
    }
    let working = working_days(cal, from, to);
    for _ in 0..4.min(working.len()) {
        let day = working[rng.index(working.len())];
        let minute = rng.range(10 * 60, 17 * 60 + 20) as u32;
        let reference = reference_reading(rng, day, minute);
        let kind = AcCheckKind::Inspection;
        events.push(CheckEvent::new((day, minute), kind, reference, [true; 3], [true; 3]));
    }
    if let Some(o) = overtime
        .iter()
        .find(|o| cal.is_working_day(o.date) && minute_of(o.date.and_time(o.until)) >= 19 * 60 + 30)
    {
        let mut present = [false; 3];
        present[(o.area - 1) as usize] = true;
        let minute = 19 * 60;
        let reference = reference_reading(rng, o.date, minute);
        let kind = AcCheckKind::Inspection;
        events.push(CheckEvent::new((o.date, minute), kind, reference, present, present));
    }
    events
}

/// The temporary notice: a late-May heat wave before the season if that is
/// in the period, else early November after it, else the season's first week.
pub(super) fn notice(period: Period, season_start: NaiveDate) -> AcNotice {
    let y = season_start.year();
    let candidates = [
        (
            ymd(y, 5, 25),
            ymd(y, 5, 31),
            "5月下旬持续高温（参考温度超过30 °C），经行政部批准提前开放空调",
        ),
        (ymd(y, 11, 2), ymd(y, 11, 6), "11月初异常高温，经行政部批准临时开放空调"),
    ];
    candidates
        .iter()
        .find(|(a, b, _)| period.contains(*a) && period.contains(*b))
        .map(|&(from, to, reason)| AcNotice { from, to, reason: reason.to_owned() })
        .unwrap_or_else(|| AcNotice {
            from: season_start,
            to: season_start + days(6),
            reason: "入夏首周空调集中调试，按正常季节规定使用".to_owned(),
        })
}

/// One annual cleaning per area and calendar year of the period, except one
/// planted gap (in a fully covered year other than the season's if possible).
pub(super) fn maintenance(
    rng: &mut Rng,
    period: Period,
    cal: &WorkingCalendar,
    season: Option<(NaiveDate, NaiveDate)>,
    data: &mut AcData,
) {
    let years: Vec<i32> = (period.start.year()..=period.end.year()).collect();
    let season_year = season.map(|(from, _)| from.year());
    let full = |y: i32| period.contains(ymd(y, 1, 1)) && period.contains(ymd(y, 12, 31));
    let gap_year = years
        .iter()
        .copied()
        .find(|&y| full(y) && Some(y) != season_year)
        .or(season_year)
        .or(years.last().copied());
    for &y in &years {
        let lo = ymd(y, 1, 1).max(period.start);
        let hi = ymd(y, 12, 31).min(period.end);
        // Mid-May before the season if that is in the period, else early in
        // the covered part of the year; on a weekend if the year is covered
        // only by rest days.
        let mut choices = working_days(cal, lo, hi);
        if choices.is_empty() {
            choices = lo.iter_days().take_while(|d| *d <= hi).collect();
        }
        let may = next_working(cal, ymd(y, 5, 12) + days(rng.range(0, 10)));
        let first = match choices.iter().position(|d| *d == may) {
            Some(k) if k + AREAS.len() <= choices.len() => k,
            _ => rng.index(choices.len().saturating_sub(AREAS.len()).min(15) + 1),
        };
        for (area, &(name, ..)) in AREAS.iter().enumerate() {
            let Some(&date) = choices.get(first + area).or(choices.last()) else { continue };
            if Some(y) == gap_year && area == MAINTENANCE_GAP_AREA {
                data.planted.push(PlantedFinding {
                    rule_id: "AC-MAINT",
                    date: hi,
                    subject: name.to_owned(),
                    detail: format!(
                        "{y}年度没有空调清洗保养记录 / no annual cleaning recorded in {y}"
                    ),
                });
                continue;
            }
            data.maintenance.push(Maintenance {
                area: area_id(area),
                date,
                what: "年度清洗：清洗过滤网、检查冷媒压力与排水管".to_owned(),
            });
        }
    }
    data.maintenance.sort_by_key(|m| (m.date, m.area));
}

/// Two faults repaired within the limit and one, planted, after eight
/// working days.
pub(super) fn faults(
    rng: &mut Rng,
    cal: &WorkingCalendar,
    fault_days: &[NaiveDate],
    data: &mut AcData,
) {
    let plan: [(usize, FaultCause, &str, u32, &str); 3] = [
        (0, FaultCause::Wear, "", 1, "室内机异响，更换风扇电机"),
        (
            2,
            FaultCause::Misuse,
            "孙浩（销售部）",
            2,
            "遥控器摔坏且面板被硬物划伤，已更换，责任人照价赔偿",
        ),
        (LATE_FAULT_AREA, FaultCause::Wear, "", 8, "制冷效果差，等待厂家冷凝器配件，逾期修复"),
    ];
    for (&day, &(area, cause, liable, after, note)) in fault_days.iter().zip(&plan) {
        let reported_at = at(day, office_minute(rng));
        let repaired = cal.add_working_days(day, after);
        data.faults.push(Fault {
            area: area_id(area),
            reported_at,
            cause,
            liable_person: liable.to_owned(),
            repaired_at: Some(at(repaired, 15 * 60 + 30)),
            note: note.to_owned(),
        });
        if after > 5 {
            data.planted.push(PlantedFinding {
                rule_id: "AC-FAULT",
                date: day,
                subject: AREAS[area].0.to_owned(),
                detail: format!(
                    "报修后第{after}个工作日才修复（时限5个工作日） / \
                     repaired {after} working days after the report, limit 5"
                ),
            });
        }
    }
    data.faults.sort_by_key(|f| f.reported_at);
}
