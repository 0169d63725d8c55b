//! The office air-conditioning rules (空调使用管理规定, DOMAIN §4.1): one
//! check per rule over the check sheet and its companion records.
//!
//! Every finding's subject is the area name, and its detail ends with the
//! area's responsible person (第一责任人). Row-based rules judge check-sheet
//! rows (scheduled checks and spot inspections alike) dated in the period.
//!
//! Boundaries (defaults from the settings):
//! - Season: months 6–10 inclusive; the months may wrap the year end.
//! - AC-HOT: AC on with reference `< 29.0 °C` is a violation; 29.0 is not.
//! - AC-SUMMER-SET: set `< 26.0 °C` violates; 26.0 is fine.
//! - AC-WINTER: heating conditions are reference `< 5.0 °C` (5.0 is not);
//!   set `> 26.0 °C` violates; lower is allowed.
//! - AC-SEASON owns "AC on out of season without heating conditions or a
//!   notice"; AC-WINTER only judges the setting of rows in heating
//!   conditions. On a notice day out of season no set-point rule applies.
//! - AC-CHECKS: windows `[09:00, 11:00]` and `[15:00, 17:00]`, both ends
//!   included (11:00 counts, 11:01 does not); only scheduled checks count.
//!   Required per area on in-season working days and on days with an
//!   overtime record *for that area*, from the day the area is in use (its
//!   `in_use_since`, else its first check-sheet row); judged for days
//!   before `today`.
//! - AC-OFF-EARLY: AC on is allowed on a working day from the start of the
//!   first working-hour range to the end of the last one minus 30 minutes,
//!   both included (09:00 … 17:30; lunch is inside). Otherwise an overtime
//!   record for the same area and date with `until >= time` covers it: on a
//!   working day only the evening after the cut-off (overtime runs on from
//!   the working day, so it never covers the morning before it starts), on
//!   a non-working day any time until then.
//! - AC-MAINT: a calendar year is judged once it has ended (31 December is
//!   before `today`) and when its 31 December is in the period; a
//!   maintenance record anywhere in that year satisfies it.
//! - AC-FAULT: due at the end of the 5th working day after the report day
//!   (the report day itself not counted); repaired on the due day is in time.
//!   An unrepaired fault is a violation once the due day is before `today`.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};

use super::{Context, Tally, Why, add_days, format_temp};
use crate::domain::records::{AcArea, AcCheckRow};
use crate::domain::terms::{AcCheckKind, FaultCause};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(month: u32) -> &'static str {
    MONTHS.get(month.wrapping_sub(1) as usize).copied().unwrap_or("?")
}

/// Appends the responsible person to a detail and returns the subject.
fn about(ctx: &Context, area: i64, mut why: Why) -> (String, Why) {
    let person = ctx.area(area).map_or("", |a| a.responsible_person.trim());
    if person.is_empty() {
        why.en.push_str("; no responsible person recorded");
        why.zh.push_str(";未登记责任人");
    } else {
        why.en.push_str(&format!("; responsible: {person}"));
        why.zh.push_str(&format!(";责任人:{person}"));
    }
    (ctx.area_name(area), why)
}

/// Records a violation about a check row.
fn row_violation(ctx: &Context, tally: &mut Tally, id: i64, row: &AcCheckRow, why: Why) {
    let (subject, why) = about(ctx, row.area, why);
    tally.violation(row.date, subject, format!("ac_checks#{id}"), why);
}

/// Records a missing set temperature.
fn row_missing(ctx: &Context, tally: &mut Tally, id: i64, row: &AcCheckRow, why: Why) {
    let (subject, why) = about(ctx, row.area, why);
    tally.missing(row.date, subject, format!("ac_checks#{id}"), why);
}

/// Check-sheet rows dated in the period.
fn rows<'a>(ctx: &'a Context) -> impl Iterator<Item = (i64, &'a AcCheckRow)> + 'a {
    ctx.records.ac_checks.iter().filter(|(_, r)| ctx.period.contains(r.date)).map(|(i, r)| (*i, r))
}

fn hm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// AC-SEASON: out of season, AC on needs heating conditions or a notice.
pub(crate) fn season(ctx: &Context, tally: &mut Tally) {
    let s = ctx.settings;
    let season_en =
        format!("{}–{}", month_name(s.ac_season_first_month), month_name(s.ac_season_last_month));
    let season_zh = format!("{}月–{}月", s.ac_season_first_month, s.ac_season_last_month);
    for (id, row) in rows(ctx).filter(|(_, r)| !ctx.in_season(r.date)) {
        tally.judged();
        let heating = row.reference_temp_tenths < s.ac_winter_threshold_tenths;
        let notice = ctx.records.notices.iter().any(|n| n.from <= row.date && row.date <= n.to);
        if row.ac_on && !heating && !notice {
            let reading = format_temp(row.reference_temp_tenths);
            let limit = format_temp(s.ac_winter_threshold_tenths);
            let why = Why::new(
                format!(
                    "AC on at {} outside the cooling season ({season_en}): reference {reading} is \
                     not below {limit} and no temporary notice covers {}",
                    hm(row.time),
                    row.date
                ),
                format!(
                    "非空调使用月份({season_zh}){}开启空调:参考温度{reading}不低于{limit},且{}无临时公告",
                    hm(row.time),
                    row.date
                ),
            );
            row_violation(ctx, tally, id, row, why);
        }
    }
}

/// AC-CHECKS: two scheduled checks per area and in-season day that needs them.
pub(crate) fn checks(ctx: &Context, tally: &mut Tally) {
    let mut times: HashMap<(i64, NaiveDate), Vec<NaiveTime>> = HashMap::new();
    for (_, row) in rows(ctx).filter(|(_, r)| r.kind == AcCheckKind::Check) {
        times.entry((row.area, row.date)).or_default().push(row.time);
    }
    let overtime: HashSet<(i64, NaiveDate)> =
        ctx.records.overtime.iter().map(|o| (o.area, o.date)).collect();
    let last = ctx.period.to.min(add_days(ctx.today, -1));
    // Each area is judged from the day it is in use: its in-use date, else
    // its first check-sheet row (days before the office kept the sheet are
    // not "missing" checks); an area with neither is not judged.
    let mut first_rows: HashMap<i64, NaiveDate> = HashMap::new();
    for (_, row) in ctx.records.ac_checks {
        let first = first_rows.entry(row.area).or_insert(row.date);
        *first = (*first).min(row.date);
    }
    let since: Vec<(&AcArea, NaiveDate)> = ctx
        .records
        .areas
        .iter()
        .filter_map(|a| Some((a, a.in_use_since.or_else(|| first_rows.get(&a.id).copied())?)))
        .collect();
    let Some(first) = since.iter().map(|s| s.1).min() else { return };
    let mut day = ctx.period.from.max(first);
    while day <= last {
        if ctx.in_season(day) {
            let working = ctx.calendar.is_working_day(day);
            for &(area, from) in &since {
                if day < from || (!working && !overtime.contains(&(area.id, day))) {
                    continue;
                }
                let done = times.get(&(area.id, day)).map_or(&[][..], Vec::as_slice);
                for &(from, to) in &ctx.windows {
                    tally.judged();
                    if done.iter().any(|&t| from <= t && t <= to) {
                        continue;
                    }
                    let (kind_en, kind_zh) = if working {
                        ("a working day", "工作日")
                    } else {
                        ("a day with an overtime record", "加班日")
                    };
                    let window = format!("{}-{}", hm(from), hm(to));
                    let why = Why::new(
                        format!("no scheduled check in {window} on {kind_en}"),
                        format!("{kind_zh}{window}无例行检查记录"),
                    );
                    let (subject, why) = about(ctx, area.id, why);
                    tally.missing(day, subject, format!("ac_areas#{} {window}", area.id), why);
                }
            }
        }
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
}

/// AC-HOT: in season, AC on below the threshold reading.
pub(crate) fn hot(ctx: &Context, tally: &mut Tally) {
    let limit = ctx.settings.ac_hot_threshold_tenths;
    for (id, row) in rows(ctx).filter(|(_, r)| ctx.in_season(r.date)) {
        tally.judged();
        if row.ac_on && row.reference_temp_tenths < limit {
            let (reading, limit) = (format_temp(row.reference_temp_tenths), format_temp(limit));
            let why = Why::new(
                format!("AC on at {reading} (below {limit})"),
                format!("参考温度{reading}(低于{limit})时空调开启"),
            );
            row_violation(ctx, tally, id, row, why);
        }
    }
}

/// AC-SUMMER-SET: in season, a running AC is set at or above the minimum.
pub(crate) fn summer_set(ctx: &Context, tally: &mut Tally) {
    let min = ctx.settings.ac_summer_min_set_tenths;
    for (id, row) in rows(ctx).filter(|(_, r)| ctx.in_season(r.date) && r.ac_on) {
        tally.judged();
        match row.set_temp_tenths {
            None => {
                let why =
                    Why::new("AC on but no set temperature recorded", "空调开启但未记录设定温度");
                row_missing(ctx, tally, id, row, why);
            }
            Some(set) if set < min => {
                let (set, min) = (format_temp(set), format_temp(min));
                let why = Why::new(
                    format!("set to {set} (below {min})"),
                    format!("设定温度{set}(低于{min})"),
                );
                row_violation(ctx, tally, id, row, why);
            }
            Some(_) => {}
        }
    }
}

/// AC-WINTER: heating (out of season, reference below 5 °C) set at most 26 °C.
pub(crate) fn winter(ctx: &Context, tally: &mut Tally) {
    let s = ctx.settings;
    let heating = |r: &AcCheckRow| {
        !ctx.in_season(r.date) && r.ac_on && r.reference_temp_tenths < s.ac_winter_threshold_tenths
    };
    for (id, row) in rows(ctx).filter(|(_, r)| heating(r)) {
        tally.judged();
        let reading = format_temp(row.reference_temp_tenths);
        match row.set_temp_tenths {
            None => {
                let why = Why::new(
                    format!("heating at {reading} but no set temperature recorded"),
                    format!("制热(参考温度{reading})但未记录设定温度"),
                );
                row_missing(ctx, tally, id, row, why);
            }
            Some(set) if set > s.ac_winter_max_set_tenths => {
                let (set, max) = (format_temp(set), format_temp(s.ac_winter_max_set_tenths));
                let why = Why::new(
                    format!("heating at {reading} set to {set} (above {max})"),
                    format!("制热(参考温度{reading})设定{set}(高于{max})"),
                );
                row_violation(ctx, tally, id, row, why);
            }
            Some(_) => {}
        }
    }
}

/// AC-WINDOWS: doors and windows closed whenever the AC is on.
pub(crate) fn windows(ctx: &Context, tally: &mut Tally) {
    for (id, row) in rows(ctx).filter(|(_, r)| r.ac_on) {
        tally.judged();
        if !row.windows_closed {
            let why = Why::new("AC on with doors or windows open", "空调开启时门窗未关闭");
            row_violation(ctx, tally, id, row, why);
        }
    }
}

/// AC-EMPTY: AC on in a room recorded as unoccupied (empty over 30 minutes).
pub(crate) fn empty(ctx: &Context, tally: &mut Tally) {
    for (id, row) in rows(ctx).filter(|(_, r)| r.ac_on) {
        tally.judged();
        if !row.occupied {
            let why = Why::new(
                "AC on in an unoccupied room (left empty over 30 minutes)",
                "室内无人(离开30分钟以上)而空调开启",
            );
            row_violation(ctx, tally, id, row, why);
        }
    }
}

/// AC-OFF-EARLY: AC off by 30 minutes before the end of the working day and
/// outside working hours, unless overtime covers the area and time.
pub(crate) fn off_early(ctx: &Context, tally: &mut Tally) {
    let (start, end) = ctx.calendar.day_span();
    let before = Duration::minutes(i64::from(ctx.settings.ac_off_before_end_minutes));
    let cutoff = if end - start > before { end - before } else { start };
    let (start_hm, end_hm, cutoff_hm) = (hm(start), hm(end), hm(cutoff));
    let minutes = ctx.settings.ac_off_before_end_minutes;
    // The latest overtime end per area and date.
    let mut overtime: HashMap<(i64, NaiveDate), NaiveTime> = HashMap::new();
    for o in ctx.records.overtime {
        let until = overtime.entry((o.area, o.date)).or_insert(o.until);
        *until = (*until).max(o.until);
    }
    for (id, row) in rows(ctx).filter(|(_, r)| r.ac_on) {
        tally.judged();
        let at = hm(row.time);
        let why = if !ctx.calendar.is_working_day(row.date) {
            Why::new(format!("AC on at {at} on a non-working day"), format!("非工作日{at}空调开启"))
        } else if row.time < start {
            Why::new(
                format!("AC on at {at}, before working hours start at {start_hm}"),
                format!("{at}空调开启,早于上班时间{start_hm}"),
            )
        } else if row.time > cutoff {
            Why::new(
                format!(
                    "AC on at {at}, after {cutoff_hm} ({minutes} minutes before the {end_hm} \
                     end of the working day)"
                ),
                format!("{at}空调开启,晚于{cutoff_hm}(下班{end_hm}前{minutes}分钟须关闭)"),
            )
        } else {
            continue;
        };
        let evening = !ctx.calendar.is_working_day(row.date) || row.time > cutoff;
        let why = match overtime.get(&(row.area, row.date)).copied() {
            Some(until) if evening && row.time <= until => continue,
            Some(_) if !evening => Why::new(
                format!("{}; the overtime record covers the evening, not the morning", why.en),
                format!("{};加班记录只覆盖下班后,不覆盖上班前", why.zh),
            ),
            Some(until) => {
                let until = hm(until);
                Why::new(
                    format!("{}, and the overtime record only runs until {until}", why.en),
                    format!("{},加班记录仅到{until}", why.zh),
                )
            }
            None => Why::new(
                format!("{}, with no overtime record for the area", why.en),
                format!("{},且该区域无加班记录", why.zh),
            ),
        };
        row_violation(ctx, tally, id, row, why);
    }
}

/// AC-MAINT: at least one maintenance record per area and ended year.
pub(crate) fn maintenance(ctx: &Context, tally: &mut Tally) {
    let done: HashSet<(i64, i32)> =
        ctx.records.maintenance.iter().map(|m| (m.area, m.date.year())).collect();
    for year in ctx.period.from.year()..=ctx.period.to.year() {
        let Some(last_day) = NaiveDate::from_ymd_opt(year, 12, 31) else { continue };
        if !ctx.period.contains(last_day) || last_day >= ctx.today {
            continue;
        }
        for area in ctx.records.areas {
            tally.judged();
            if !done.contains(&(area.id, year)) {
                let why = Why::new(
                    format!("no maintenance (annual cleaning, filters washed) recorded in {year}"),
                    format!("{year}年无空调保养清洁(清洗滤网)记录"),
                );
                let (subject, why) = about(ctx, area.id, why);
                tally.missing(last_day, subject, format!("ac_areas#{} {year}", area.id), why);
            }
        }
    }
}

/// AC-FAULT: repaired or closed within the working days; misuse names a person.
pub(crate) fn fault(ctx: &Context, tally: &mut Tally) {
    let days = ctx.settings.fault_repair_working_days;
    for (id, fault) in
        ctx.records.faults.iter().filter(|(_, f)| ctx.period.contains(f.reported_at.date()))
    {
        tally.judged();
        let reported = fault.reported_at.date();
        let due = ctx.calendar.add_working_days(reported, days);
        let mut reasons = Vec::new();
        match fault.repaired_at.map(|r| r.date()) {
            Some(repaired) if repaired > due => {
                let took = ctx.calendar.working_days_between(reported, repaired);
                reasons.push(Why::new(
                    format!(
                        "repaired on {repaired}, {took} working days after the report on \
                         {reported} (limit {days}, due {due})"
                    ),
                    format!(
                        "{reported}报修,{repaired}修复,用时{took}个工作日(限{days}个,应于{due}前)"
                    ),
                ));
            }
            None if due < ctx.today => reasons.push(Why::new(
                format!(
                    "not repaired or closed; due {due} ({days} working days after the report on \
                     {reported})"
                ),
                format!("未修复或关闭,应于{due}前完成({reported}报修后{days}个工作日)"),
            )),
            _ => {}
        }
        if fault.cause == FaultCause::Misuse && fault.liable_person.trim().is_empty() {
            reasons.push(Why::new(
                "caused by human misuse but no liable person is named",
                "人为损坏但未写明责任人",
            ));
        }
        if !reasons.is_empty() {
            let (subject, why) = about(ctx, fault.area, Why::join(&reasons));
            tally.violation(reported, subject, format!("ac_faults#{id}"), why);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{World, check, d, dt, t};
    use crate::domain::records::{AcArea, AcNotice, CalendarDay, Fault, Maintenance, Overtime};
    use crate::domain::terms::{AcCheckKind, FaultCause};

    const JULY: (&str, &str) = ("2024-07-01", "2024-07-31");

    fn overtime(date: &str, area: i64, until: &str) -> Overtime {
        Overtime { date: d(date), area, until: t(until), who: "李四".into(), note: String::new() }
    }

    fn holiday(date: &str, working: bool) -> CalendarDay {
        CalendarDay { date: d(date), working, name: String::new() }
    }

    #[test]
    fn hot_boundary_is_29_0_with_the_ac_on() {
        let mut w = World::with_area();
        w.row("2024-07-01", "10:00", 290, true); // #1 exactly 29.0: compliant
        w.row("2024-07-01", "15:00", 289, true); // #2 28.9 with AC on: violation
        w.row("2024-07-02", "10:00", 291, false); // #3 29.1 with AC off: fine
        w.row("2024-07-02", "15:00", 250, false); // #4 cool and off: fine
        w.row("2024-07-03", "13:00", 280, true).kind = AcCheckKind::Inspection; // #5
        w.row("2024-05-10", "10:00", 250, true); // #6 out of season: not AC-HOT's
        let found = check(
            &w,
            "AC-HOT",
            ("2024-05-01", "2024-07-31"),
            "2024-08-01",
            &["violation 2024-07-01 财务部 ac_checks#2", "violation 2024-07-03 财务部 ac_checks#5"],
        );
        assert_eq!(found[0].detail, "AC on at 28.9 °C (below 29.0 °C); responsible: 王经理");
        assert_eq!(found[0].detail_zh, "参考温度28.9 °C(低于29.0 °C)时空调开启;责任人:王经理");
        assert_eq!(w.checked("AC-HOT", ("2024-05-01", "2024-07-31"), "2024-08-01"), 5);
    }

    #[test]
    fn summer_set_temperature_25_violates_26_complies() {
        let mut w = World::with_area();
        w.row("2024-07-01", "10:00", 300, true).set_temp_tenths = Some(250); // #1
        w.row("2024-07-01", "15:00", 300, true).set_temp_tenths = Some(260); // #2
        w.row("2024-07-02", "10:00", 300, true).set_temp_tenths = None; // #3 missing
        w.row("2024-07-02", "15:00", 280, false).set_temp_tenths = Some(200); // #4 off
        w.row("2024-11-04", "10:00", 40, true).set_temp_tenths = Some(200); // #5 winter
        let found = check(
            &w,
            "AC-SUMMER-SET",
            ("2024-07-01", "2024-11-30"),
            "2024-12-01",
            &["violation 2024-07-01 财务部 ac_checks#1", "missing 2024-07-02 财务部 ac_checks#3"],
        );
        assert!(found[0].detail.starts_with("set to 25.0 °C (below 26.0 °C)"), "{found:?}");
    }

    #[test]
    fn checks_need_both_windows_on_working_and_overtime_days() {
        let mut w = World::with_area();
        // 2024-07-05 (Fri) is a holiday, 07-07 (Sun) a make-up working day.
        w.calendar = vec![holiday("2024-07-05", false), holiday("2024-07-07", true)];
        w.overtime.push(overtime("2024-07-06", 1, "20:00")); // Saturday overtime
        w.row("2024-07-01", "10:00", 300, true);
        w.row("2024-07-01", "16:00", 300, true);
        w.row("2024-07-02", "11:00", 300, true); // 11:00 counts for the morning
        w.row("2024-07-02", "17:00", 300, true); // 17:00 counts for the afternoon
        w.row("2024-07-03", "11:01", 300, true); // 11:01 does not count
        w.row("2024-07-03", "10:00", 300, true).kind = AcCheckKind::Inspection; // nor this
        w.row("2024-07-03", "15:00", 300, true);
        // 07-04: nothing at all. 07-05: holiday, nothing needed.
        w.row("2024-07-06", "10:00", 300, true); // overtime day, afternoon missing
        w.row("2024-07-07", "09:00", 300, true);
        w.row("2024-07-07", "15:00", 300, true);
        let week = ("2024-07-01", "2024-07-07");
        let found = check(
            &w,
            "AC-CHECKS",
            week,
            "2024-07-08",
            &[
                "missing 2024-07-03 财务部 ac_areas#1 09:00-11:00",
                "missing 2024-07-04 财务部 ac_areas#1 09:00-11:00",
                "missing 2024-07-04 财务部 ac_areas#1 15:00-17:00",
                "missing 2024-07-06 财务部 ac_areas#1 15:00-17:00",
            ],
        );
        assert_eq!(
            found[0].detail,
            "no scheduled check in 09:00-11:00 on a working day; responsible: 王经理"
        );
        assert!(found[3].detail.contains("overtime"), "{}", found[3].detail);
        // Six days needed checks (Mon–Thu, Sat overtime, Sun make-up): 12 windows.
        assert_eq!(w.checked("AC-CHECKS", week, "2024-07-08"), 12);
        // Today and later are not judged yet.
        check(
            &w,
            "AC-CHECKS",
            week,
            "2024-07-04",
            &["missing 2024-07-03 财务部 ac_areas#1 09:00-11:00"],
        );
        // Out of season nothing is required.
        check(&w, "AC-CHECKS", ("2024-05-27", "2024-05-31"), "2024-07-08", &[]);
    }

    #[test]
    fn season_allows_heating_and_notices_only() {
        let mut w = World::with_area();
        w.notices.push(AcNotice {
            from: d("2024-05-18"),
            to: d("2024-05-25"),
            reason: "气温反常".into(),
        });
        w.row("2024-05-10", "10:00", 220, true); // #1 no reason: violation
        w.row("2024-05-20", "10:00", 300, true); // #2 notice: fine
        w.row("2024-12-10", "10:00", 40, true); // #3 heating below 5.0: fine
        w.row("2024-12-11", "10:00", 50, true); // #4 exactly 5.0 is not below: violation
        w.row("2024-07-01", "10:00", 220, true); // #5 in season: not this rule
        w.row("2024-05-13", "10:00", 220, false); // #6 off: fine
        let found = check(
            &w,
            "AC-SEASON",
            ("2024-01-01", "2024-12-31"),
            "2025-01-01",
            &["violation 2024-05-10 财务部 ac_checks#1", "violation 2024-12-11 财务部 ac_checks#4"],
        );
        assert!(
            found[0].detail.starts_with(
                "AC on at 10:00 outside the cooling season (June–October): reference 22.0 °C is \
                 not below 5.0 °C and no temporary notice covers 2024-05-10"
            ),
            "{}",
            found[0].detail
        );
        assert_eq!(w.checked("AC-SEASON", ("2024-01-01", "2024-12-31"), "2025-01-01"), 5);
    }

    #[test]
    fn winter_setting_above_26_violates_lower_is_allowed() {
        let mut w = World::with_area();
        w.row("2024-12-10", "10:00", 40, true).set_temp_tenths = Some(260); // #1 fine
        w.row("2024-12-11", "10:00", 30, true).set_temp_tenths = Some(270); // #2 violation
        w.row("2024-12-12", "10:00", 30, true).set_temp_tenths = Some(200); // #3 lower: fine
        w.row("2024-12-13", "10:00", 30, true).set_temp_tenths = None; // #4 missing
        w.row("2024-12-16", "10:00", 120, true).set_temp_tenths = Some(300); // #5 not heating
        let found = check(
            &w,
            "AC-WINTER",
            ("2024-12-01", "2024-12-31"),
            "2025-01-01",
            &["violation 2024-12-11 财务部 ac_checks#2", "missing 2024-12-13 财务部 ac_checks#4"],
        );
        assert!(found[0].detail.starts_with("heating at 3.0 °C set to 27.0 °C (above 26.0 °C)"));
        assert_eq!(w.checked("AC-WINTER", ("2024-12-01", "2024-12-31"), "2025-01-01"), 4);
    }

    #[test]
    fn windows_closed_whenever_the_ac_is_on() {
        let mut w = World::with_area();
        w.row("2024-07-01", "10:00", 300, true).windows_closed = false; // #1 violation
        w.row("2024-07-01", "15:00", 280, false).windows_closed = false; // #2 off: fine
        w.row("2024-07-02", "10:00", 300, true); // #3 closed: fine
        let found = check(
            &w,
            "AC-WINDOWS",
            JULY,
            "2024-08-01",
            &["violation 2024-07-01 财务部 ac_checks#1"],
        );
        assert!(found[0].detail.starts_with("AC on with doors or windows open"));
    }

    #[test]
    fn unoccupied_room_with_the_ac_on_is_a_violation() {
        let mut w = World::with_area();
        w.row("2024-07-01", "10:00", 300, true).occupied = false; // #1 violation
        w.row("2024-07-01", "15:00", 300, false).occupied = false; // #2 off: fine
        w.row("2024-07-02", "10:00", 300, true); // #3 occupied: fine
        let found =
            check(&w, "AC-EMPTY", JULY, "2024-08-01", &["violation 2024-07-01 财务部 ac_checks#1"]);
        assert_eq!(
            found[0].detail,
            "AC on in an unoccupied room (left empty over 30 minutes); responsible: 王经理"
        );
    }

    #[test]
    fn off_early_at_17_45_without_and_with_overtime() {
        let mut w = World::with_area();
        w.calendar = vec![holiday("2024-07-05", false)];
        w.overtime.push(overtime("2024-07-02", 1, "20:00"));
        w.overtime.push(overtime("2024-07-03", 2, "20:00")); // another area
        w.overtime.push(overtime("2024-07-07", 1, "18:00")); // Sunday overtime
        w.row("2024-07-01", "17:30", 300, true); // #1 exactly the cutoff: fine
        w.row("2024-07-01", "17:45", 300, true); // #2 no overtime: violation
        w.row("2024-07-01", "12:30", 300, true); // #3 lunch is working hours: fine
        w.row("2024-07-01", "08:30", 300, true); // #4 before 09:00: violation
        w.row("2024-07-01", "18:30", 300, false); // #5 off: fine
        w.row("2024-07-02", "17:45", 300, true); // #6 overtime until 20:00: fine
        w.row("2024-07-02", "20:30", 300, true); // #7 after the overtime: violation
        w.row("2024-07-03", "17:45", 300, true); // #8 overtime is another area's
        w.row("2024-07-05", "10:00", 300, true); // #9 holiday: violation
        w.row("2024-07-06", "10:00", 300, true); // #10 Saturday: violation
        w.row("2024-07-07", "10:00", 300, true); // #11 Sunday with overtime: fine
        let found = check(
            &w,
            "AC-OFF-EARLY",
            JULY,
            "2024-08-01",
            &[
                "violation 2024-07-01 财务部 ac_checks#2",
                "violation 2024-07-01 财务部 ac_checks#4",
                "violation 2024-07-02 财务部 ac_checks#7",
                "violation 2024-07-03 财务部 ac_checks#8",
                "violation 2024-07-05 财务部 ac_checks#9",
                "violation 2024-07-06 财务部 ac_checks#10",
            ],
        );
        assert_eq!(
            found[0].detail,
            "AC on at 17:45, after 17:30 (30 minutes before the 18:00 end of the working day), \
             with no overtime record for the area; responsible: 王经理"
        );
        assert!(found[2].detail.contains("only runs until 20:00"), "{}", found[2].detail);
        assert!(found[4].detail.starts_with("AC on at 10:00 on a non-working day"));
    }

    #[test]
    fn maintenance_once_per_ended_calendar_year() {
        let mut w = World::with_area();
        w.areas.push(AcArea {
            id: 2,
            name: "销售部".into(),
            room: "305".into(),
            responsible_person: String::new(),
            department: "销售部".into(),
            in_use_since: None,
        });
        for (area, date) in [(1, "2023-08-01"), (1, "2024-01-15"), (2, "2023-12-31")] {
            w.maintenance.push(Maintenance { area, date: d(date), what: "清洗滤网".into() });
        }
        let all = ("2023-01-01", "2025-12-31");
        let found = check(
            &w,
            "AC-MAINT",
            all,
            "2025-03-01",
            &["missing 2024-12-31 销售部 ac_areas#2 2024"],
        );
        assert_eq!(
            found[0].detail,
            "no maintenance (annual cleaning, filters washed) recorded in 2024; no responsible \
             person recorded"
        );
        // 2023 and 2024 judged for both areas; 2025 has not ended.
        assert_eq!(w.checked("AC-MAINT", all, "2025-03-01"), 4);
        // A year is judged only when its 31 December is in the period.
        check(&w, "AC-MAINT", ("2024-06-01", "2024-12-30"), "2025-03-01", &[]);
        // ... and before today.
        check(&w, "AC-MAINT", all, "2024-12-31", &[]);
    }

    #[test]
    fn faults_repaired_within_five_working_days_and_misuse_names_someone() {
        let mut w = World::with_area();
        let fault = |reported: &str, cause, liable: &str, repaired: Option<&str>| Fault {
            area: 1,
            reported_at: dt(reported),
            cause,
            liable_person: liable.into(),
            repaired_at: repaired.map(dt),
            note: String::new(),
        };
        use FaultCause::{Misuse, Wear};
        w.faults = vec![
            (1, fault("2024-07-01 10:00", Wear, "", Some("2024-07-08 17:00"))), // 5 days: ok
            (2, fault("2024-07-01 10:00", Wear, "", Some("2024-07-09 09:00"))), // 6: late
            (3, fault("2024-07-01 10:00", Misuse, " ", Some("2024-07-02 10:00"))), // no one
            (4, fault("2024-07-01 10:00", Wear, "", None)),                     // open past due
            (5, fault("2024-07-05 10:00", Wear, "", None)),                     // open, due 07-12
            (6, fault("2024-07-01 10:00", Misuse, "张三", Some("2024-07-03 10:00"))), // ok
        ];
        let found = check(
            &w,
            "AC-FAULT",
            JULY,
            "2024-07-09",
            &[
                "violation 2024-07-01 财务部 ac_faults#2",
                "violation 2024-07-01 财务部 ac_faults#3",
                "violation 2024-07-01 财务部 ac_faults#4",
            ],
        );
        assert_eq!(
            found[0].detail,
            "repaired on 2024-07-09, 6 working days after the report on 2024-07-01 (limit 5, due \
             2024-07-08); responsible: 王经理"
        );
        assert!(found[1].detail.starts_with("caused by human misuse but no liable person"));
        assert!(found[2].detail.starts_with("not repaired or closed; due 2024-07-08"));
        // A holiday on 07-03 moves the due day to 07-09: #2 is in time, #4 not yet late.
        w.calendar = vec![holiday("2024-07-03", false)];
        check(&w, "AC-FAULT", JULY, "2024-07-09", &["violation 2024-07-01 财务部 ac_faults#3"]);
    }
}
