//! The working calendar editor's text (a tab of the compliance panel), the
//! notice of a year without holidays, and the calendar's undo label, in
//! 中文 and English.

use chrono::NaiveDate;

use crate::domain::compliance::calendar::PasteWhy;

/// Text of the working calendar editor in one language.
pub struct TrCalendar {
    pub tab: &'static str,
    /// The notice of a year with no calendar day recorded.
    pub notice: fn(i32) -> String,
    pub notice_open: &'static str,
    pub prev_year: &'static str,
    pub next_year: &'static str,
    pub legend: &'static str,
    pub holiday: &'static str,
    pub make_up: &'static str,
    pub weekend: &'static str,
    pub normal: &'static str,
    pub today: &'static str,
    pub click_hint: &'static str,
    /// Monday first.
    pub weekdays: [&'static str; 7],
    pub month: fn(u32) -> String,
    pub hours: fn(&str, &str) -> String,
    /// The popup of a day: its title.
    pub day_title: fn(NaiveDate) -> String,
    pub kind: &'static str,
    pub name: &'static str,
    pub through: &'static str,
    pub through_hint: &'static str,
    pub apply: &'static str,
    pub cancel: &'static str,
    pub bad_through: fn(NaiveDate) -> String,
    pub too_many: &'static str,
    pub paste_title: &'static str,
    pub paste_hint: &'static str,
    pub paste_add: &'static str,
    pub paste_problem: fn(usize, &PasteWhy) -> String,
    pub paste_empty: &'static str,
    pub copy_csv: &'static str,
    pub recorded: fn(i32, usize) -> String,
    pub col_date: &'static str,
    pub col_kind: &'static str,
    pub col_name: &'static str,
    pub make_normal: &'static str,
    /// The status line and undo menu after a change: days, first, last.
    pub changed: fn(usize, NaiveDate, NaiveDate) -> String,
    /// The areas' in-use date (AC-CHECKS judges an area from it).
    pub in_use_since: &'static str,
    pub in_use_hint: &'static str,
    pub from_first_check: fn(NaiveDate) -> String,
    pub never_checked: &'static str,
    pub edit_area: &'static str,
    pub save_area: &'static str,
    pub bad_in_use: &'static str,
    /// The rules view's calendar card: what it is for, a run of days
    /// (name, first, last, days, make-up) and the button to the editor.
    pub rules_intro: &'static str,
    pub run: fn(&str, NaiveDate, NaiveDate, usize, bool) -> String,
    pub open_editor: &'static str,
}

/// English.
pub const EN: TrCalendar = TrCalendar {
    tab: "Working calendar",
    notice: |year| format!("No holidays recorded for {year}: time limits count every weekday."),
    notice_open: "Record holidays…",
    prev_year: "Previous year",
    next_year: "Next year",
    legend: "Legend:",
    holiday: "Holiday",
    make_up: "Make-up working day (调休)",
    weekend: "Weekend",
    normal: "Normal day (by weekday)",
    today: "Today",
    click_hint: "Click a day to make it a holiday or a make-up working day.",
    weekdays: ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
    month: |m| {
        const NAMES: [&str; 12] = [
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
        NAMES.get(m.wrapping_sub(1) as usize).copied().unwrap_or("?").to_owned()
    },
    hours: |days, hours| {
        format!("Working days {days}, working hours {hours} (changed under Settings).")
    },
    day_title: |d| d.format("%A %-d %B %Y").to_string(),
    kind: "This day is",
    name: "Name",
    through: "Through",
    through_hint: "the same for every day up to this date",
    apply: "Apply",
    cancel: "Cancel",
    bad_through: |d| format!("Through must be a date (YYYY-MM-DD) on or after {d}."),
    too_many: "At most 366 days at once.",
    paste_title: "Paste days",
    paste_hint: "One day per line: date,working,name — working is no for a holiday, yes for a make-up working day (调休).",
    paste_add: "Add the pasted days",
    paste_problem: |line, why| match why {
        PasteWhy::BadDate(text) => format!("Line {line}: {text:?} is not a date (YYYY-MM-DD)."),
        PasteWhy::BadWorking(text) if text.is_empty() => {
            format!("Line {line}: working (yes or no) is missing.")
        }
        PasteWhy::BadWorking(text) => format!("Line {line}: working {text:?} is not yes or no."),
        PasteWhy::Repeated(date) => format!("Line {line}: {date} is given on an earlier line too."),
    },
    paste_empty: "Nothing to add: paste lines such as 2026-10-01,no,National Day.",
    copy_csv: "Copy a year from a CSV file…",
    recorded: |year, n| format!("Days recorded in {year}: {n}"),
    col_date: "Date",
    col_kind: "Kind",
    col_name: "Name",
    make_normal: "Make normal",
    changed: |days, first, last| {
        if days == 1 {
            format!("Working calendar: {first}")
        } else {
            format!("Working calendar: {days} days, {first} to {last}")
        }
    },
    in_use_since: "In use since",
    in_use_hint: "In use since (YYYY-MM-DD)",
    from_first_check: |d| format!("from its first check, {d}"),
    never_checked: "no check yet: not judged",
    edit_area: "Edit",
    save_area: "Save area",
    bad_in_use: "In use since must be a date (YYYY-MM-DD), or empty for the first check's date.",
    rules_intro: "Every time limit and check window counts working time on this calendar: \
        the working days of the week and hours (Settings), less the holidays, plus the \
        make-up working days.",
    run: |name, first, last, days, working| {
        let kind = if working { "make-up working day" } else { "holiday" };
        let days = if days == 1 { "1 day".to_owned() } else { format!("{days} days") };
        if first == last {
            format!("{name}: {} ({kind})", first.format("%-d %b"))
        } else {
            format!(
                "{name}: {} – {} ({days}, {kind})",
                first.format("%-d %b"),
                last.format("%-d %b")
            )
        }
    },
    open_editor: "Open the calendar…",
};

/// 中文.
pub const ZH: TrCalendar = TrCalendar {
    tab: "工作日历",
    notice: |year| format!("{year} 年没有登记节假日：时限按每个工作日计算。"),
    notice_open: "登记节假日…",
    prev_year: "上一年",
    next_year: "下一年",
    legend: "图例：",
    holiday: "节假日",
    make_up: "调休上班",
    weekend: "周末",
    normal: "普通日（按星期）",
    today: "今天",
    click_hint: "点击某一天，将其设为节假日或调休上班日。",
    weekdays: ["一", "二", "三", "四", "五", "六", "日"],
    month: |m| format!("{m}月"),
    hours: |days, hours| format!("工作日（星期）{days}，工作时间 {hours}（在“设置”中修改）。"),
    day_title: |d| {
        const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
        use chrono::Datelike as _;
        let w = WEEKDAYS[d.weekday().num_days_from_monday() as usize];
        format!("{} 年 {} 月 {} 日 星期{w}", d.year(), d.month(), d.day())
    },
    kind: "这一天是",
    name: "名称",
    through: "至",
    through_hint: "到此日期为止的每一天都一样",
    apply: "应用",
    cancel: "取消",
    bad_through: |d| format!("“至”须为不早于 {d} 的日期（YYYY-MM-DD）。"),
    too_many: "一次最多 366 天。",
    paste_title: "粘贴日期",
    paste_hint: "每行一天：日期,是否上班,名称 —— 节假日填“否”，调休上班填“是”。",
    paste_add: "添加粘贴的日期",
    paste_problem: |line, why| match why {
        PasteWhy::BadDate(text) => format!("第 {line} 行：“{text}”不是日期（YYYY-MM-DD）。"),
        PasteWhy::BadWorking(text) if text.is_empty() => {
            format!("第 {line} 行：缺少是否上班（是或否）。")
        }
        PasteWhy::BadWorking(text) => format!("第 {line} 行：是否上班“{text}”应为是或否。"),
        PasteWhy::Repeated(date) => format!("第 {line} 行：{date} 在前面的行中已出现。"),
    },
    paste_empty: "没有可添加的内容：请粘贴如 2026-10-01,否,国庆节 的行。",
    copy_csv: "从 CSV 文件复制一年…",
    recorded: |year, n| format!("{year} 年已登记 {n} 天"),
    col_date: "日期",
    col_kind: "类别",
    col_name: "名称",
    make_normal: "恢复普通日",
    changed: |days, first, last| {
        if days == 1 {
            format!("工作日历：{first}")
        } else {
            format!("工作日历：{first} 至 {last}，共 {days} 天")
        }
    },
    in_use_since: "启用日期",
    in_use_hint: "启用日期（YYYY-MM-DD）",
    from_first_check: |d| format!("自第一次检查起（{d}）"),
    never_checked: "尚无检查：暂不评判",
    edit_area: "编辑",
    save_area: "保存区域",
    bad_in_use: "启用日期须为日期（YYYY-MM-DD），留空则按第一次检查的日期。",
    rules_intro: "所有时限和检查时段都按这份日历计算工作时间：每周的工作日和工作时间（见“设置”），去掉节假日，加上调休上班日。",
    run: |name, first, last, days, working| {
        let kind = if working { "调休上班" } else { "节假日" };
        if first == last {
            format!("{name}：{}（{kind}）", first.format("%-m月%-d日"))
        } else {
            format!(
                "{name}：{} 至 {}（{days} 天，{kind}）",
                first.format("%-m月%-d日"),
                last.format("%-m月%-d日")
            )
        }
    },
    open_editor: "打开工作日历…",
};
