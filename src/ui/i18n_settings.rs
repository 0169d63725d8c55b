//! The settings panel's text (every business parameter's label, unit and
//! field message), the rules view's words for parameters and sources, and
//! the monthly report dialog's hint, in 中文 and English.

use crate::domain::settings::form::{FieldProblem, Group, Problem, Unit};
use crate::domain::settings::segments::{Score, SegmentProblem};

/// Text of the settings panel in one language.
pub struct TrSettings {
    pub group_working_time: &'static str,
    pub group_ac: &'static str,
    pub group_service: &'static str,
    pub group_customers: &'static str,
    pub group_interface: &'static str,
    /// The label of every parameter, by stored key.
    pub labels: &'static [(&'static str, &'static str)],
    pub u_minutes: &'static str,
    pub u_working_days: &'static str,
    pub u_days: &'static str,
    pub u_years: &'static str,
    pub u_month: &'static str,
    pub u_day_of_month: &'static str,
    /// "default 240 min", beside a field.
    pub default_is: fn(&str) -> String,
    pub back_to_default: &'static str,
    pub all_to_default: &'static str,
    pub all_to_default_hint: &'static str,
    pub apply: &'static str,
    pub discard: &'static str,
    pub unapplied: &'static str,
    pub n_problems: fn(usize) -> String,
    pub weekdays: [&'static str; 7],
    pub from: &'static str,
    pub to: &'static str,
    pub add_range: &'static str,
    pub remove: &'static str,
    pub transaction_view: &'static str,
    pub process_view: &'static str,
    pub transaction_hint: &'static str,
    pub process_hint: &'static str,
    pub seg_en: &'static str,
    pub seg_zh: &'static str,
    pub seg_note: &'static str,
    pub add_segment: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub p_not_a_number: &'static str,
    pub p_not_whole: &'static str,
    pub p_negative: &'static str,
    pub p_zero: &'static str,
    pub p_too_large: fn(&str) -> String,
    pub p_out_of_range: fn(&str, &str) -> String,
    pub p_decimals: &'static str,
    pub p_bad_time: fn(&str) -> String,
    pub p_overlap: &'static str,
    pub p_no_ranges: &'static str,
    pub p_window_outside: fn(&str) -> String,
    pub p_no_weekday: &'static str,
    pub p_acquisition: &'static str,
    pub p_seg_empty: &'static str,
    pub p_seg_row: fn(usize, &str) -> String,
    pub p_seg_parts: &'static str,
    pub p_seg_name: &'static str,
    pub p_seg_char: &'static str,
    pub p_seg_duplicate: &'static str,
    pub p_seg_range: fn(&str, &str) -> String,
    /// The undo menu's and status line's name of a settings change.
    pub e_settings: fn(&str) -> String,
    /// "Source: ", before a rule's source document.
    pub source: &'static str,
    /// A parameter and its value, in the rules view.
    pub param_value: fn(&str, &str) -> String,
    pub office_target: &'static str,
    pub open_setting: &'static str,
    /// The monthly report's month field: which month it offers, and why.
    pub report_month_hint: fn(u32) -> String,
}

/// English.
pub const EN: TrSettings = TrSettings {
    group_working_time: "Working time",
    group_ac: "Air-conditioning",
    group_service: "Service limits",
    group_customers: "Customers and analysis",
    group_interface: "Interface",
    labels: &[
        ("working_days", "Working weekdays"),
        ("working_hours", "Working hours (with the lunch break)"),
        ("ac_check_windows", "AC check windows"),
        ("ac_season_first_month", "Cooling season starts in month"),
        ("ac_season_last_month", "Cooling season ends in month"),
        ("ac_hot_threshold_tenths", "AC on only above (reference)"),
        ("ac_summer_min_set_tenths", "Lowest summer set temperature"),
        ("ac_winter_threshold_tenths", "Heating only below (indoor)"),
        ("ac_winter_max_set_tenths", "Highest winter set temperature"),
        ("ac_off_before_end_minutes", "AC off before the end of the day"),
        ("fault_repair_working_days", "Fault repaired within (office target)"),
        ("query_minutes", "Query answered within"),
        ("complaint_minutes", "Complaint limit"),
        ("inquiry_first_response_minutes", "Inquiry first response (office target)"),
        ("followup_days", "Opportunity follow-up every"),
        ("visit_coverage_share", "Active customers visited each month"),
        ("survey_interval_days", "Satisfaction survey every"),
        ("monthly_report_day", "Monthly report due by day"),
        ("churn_days", "Churned after no purchase for"),
        ("acquisition", "Acquisition definition"),
        ("rotting_days", "Opportunity rotting after"),
        ("clv_margin_rate", "CLV margin rate"),
        ("clv_retention", "CLV retention rate"),
        ("clv_discount", "CLV discount rate"),
        ("clv_horizon_years", "CLV horizon"),
        ("tier_critical_share", "Critical customers (top share by CLV)"),
        ("tier_difficult_threshold", "Difficult from a difficulty score of"),
        ("rfm_segments", "RFM segment table"),
    ],
    u_minutes: "min",
    u_working_days: "working days",
    u_days: "days",
    u_years: "years",
    u_month: "(1–12)",
    u_day_of_month: "of the month",
    default_is: |v| format!("default {v}"),
    back_to_default: "Default",
    all_to_default: "All back to default",
    all_to_default_hint: "Puts every field back to its default; Apply stores them.",
    apply: "Apply",
    discard: "Discard changes",
    unapplied: "Changes not applied yet.",
    n_problems: |n| {
        if n == 1 {
            "1 setting needs fixing; nothing was stored.".to_owned()
        } else {
            format!("{n} settings need fixing; nothing was stored.")
        }
    },
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    from: "from",
    to: "to",
    add_range: "Add a period",
    remove: "Remove",
    transaction_view: "Transaction view (交易观)",
    process_view: "Process view (过程观)",
    transaction_hint: "acquired at the first purchase",
    process_hint: "acquired at the first repeat purchase",
    seg_en: "English name",
    seg_zh: "Chinese name",
    seg_note: "A customer gets the first segment whose three score ranges (1–5, inclusive) \
               all contain its scores; none → Others.",
    add_segment: "Add a segment",
    move_up: "Up",
    move_down: "Down",
    p_not_a_number: "not a number",
    p_not_whole: "a whole number, please",
    p_negative: "cannot be negative",
    p_zero: "must be more than 0",
    p_too_large: |max| format!("at most {max}"),
    p_out_of_range: |min, max| format!("must be from {min} to {max}"),
    p_decimals: "one decimal at most",
    p_bad_time: |part| format!("{part:?} is not a time range such as 09:00 to 12:00 (HH:MM)"),
    p_overlap: "periods overlap",
    p_no_ranges: "at least one period",
    p_window_outside: |part| format!("{part} is outside the working hours"),
    p_no_weekday: "at least one working day",
    p_acquisition: "choose one of the two definitions",
    p_seg_empty: "the table needs at least one segment",
    p_seg_row: |row, what| format!("row {row}: {what}"),
    p_seg_parts: "unreadable row",
    p_seg_name: "both names are needed",
    p_seg_char: "a name cannot hold | or a line break",
    p_seg_duplicate: "the same name as an earlier segment",
    p_seg_range: |score, range| format!("{score} range {range} is not within 1–5, low to high"),
    e_settings: |labels| format!("settings change: {labels}"),
    source: "Source: ",
    param_value: |label, value| format!("{label}: {value}"),
    office_target: "Office target, not a policy clause",
    open_setting: "Open in Settings",
    report_month_hint: |day| {
        format!("Offered: the previous month, as its report is due by day {day} of this month.")
    },
};

/// 中文.
pub const ZH: TrSettings = TrSettings {
    group_working_time: "工作时间",
    group_ac: "空调",
    group_service: "服务时限",
    group_customers: "客户与分析",
    group_interface: "界面",
    labels: &[
        ("working_days", "每周工作日"),
        ("working_hours", "工作时间（含午休）"),
        ("ac_check_windows", "空调检查时段"),
        ("ac_season_first_month", "空调使用起始月份"),
        ("ac_season_last_month", "空调使用结束月份"),
        ("ac_hot_threshold_tenths", "参考温度高于此值方可开空调"),
        ("ac_summer_min_set_tenths", "夏季最低设定温度"),
        ("ac_winter_threshold_tenths", "室内温度低于此值方可制热"),
        ("ac_winter_max_set_tenths", "冬季最高设定温度"),
        ("ac_off_before_end_minutes", "下班前提前关闭空调"),
        ("fault_repair_working_days", "故障修复时限（办公室目标）"),
        ("query_minutes", "查询答复时限"),
        ("complaint_minutes", "投诉处理时限"),
        ("inquiry_first_response_minutes", "咨询首次响应时限（办公室目标）"),
        ("followup_days", "销售机会跟进间隔"),
        ("visit_coverage_share", "每月走访活跃客户比例"),
        ("survey_interval_days", "满意度调查间隔"),
        ("monthly_report_day", "月度报告截止日"),
        ("churn_days", "未购买多久视为流失"),
        ("acquisition", "客户获取定义"),
        ("rotting_days", "销售机会停滞天数"),
        ("clv_margin_rate", "CLV 利润率"),
        ("clv_retention", "CLV 保持率"),
        ("clv_discount", "CLV 贴现率"),
        ("clv_horizon_years", "CLV 年限"),
        ("tier_critical_share", "关键客户比例（按 CLV 前列）"),
        ("tier_difficult_threshold", "困难客户的难度分数下限"),
        ("rfm_segments", "RFM 客户细分表"),
    ],
    u_minutes: "分钟",
    u_working_days: "个工作日",
    u_days: "天",
    u_years: "年",
    u_month: "（1–12 月）",
    u_day_of_month: "日",
    default_is: |v| format!("默认 {v}"),
    back_to_default: "恢复默认",
    all_to_default: "全部恢复默认",
    all_to_default_hint: "把每一项都改回默认值；点“应用”后保存。",
    apply: "应用",
    discard: "放弃修改",
    unapplied: "修改尚未应用。",
    n_problems: |n| format!("有 {n} 项设置需要修改；没有保存任何内容。"),
    weekdays: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
    from: "从",
    to: "到",
    add_range: "添加时段",
    remove: "删除",
    transaction_view: "交易观",
    process_view: "过程观",
    transaction_hint: "首次购买即为获取",
    process_hint: "首次重复购买才算获取",
    seg_en: "英文名",
    seg_zh: "中文名",
    seg_note: "客户归入第一个 R、F、M 三项得分（1–5，含端点）都在范围内的细分；都不符合则为“其他”。",
    add_segment: "添加细分",
    move_up: "上移",
    move_down: "下移",
    p_not_a_number: "不是数字",
    p_not_whole: "请填整数",
    p_negative: "不能为负数",
    p_zero: "必须大于 0",
    p_too_large: |max| format!("最多 {max}"),
    p_out_of_range: |min, max| format!("应在 {min} 到 {max} 之间"),
    p_decimals: "最多一位小数",
    p_bad_time: |part| format!("“{part}”不是时段，应如 09:00 到 12:00（时:分）"),
    p_overlap: "时段有重叠",
    p_no_ranges: "至少需要一个时段",
    p_window_outside: |part| format!("{part} 不在工作时间内"),
    p_no_weekday: "至少需要一个工作日",
    p_acquisition: "请选择两种定义之一",
    p_seg_empty: "细分表至少需要一行",
    p_seg_row: |row, what| format!("第 {row} 行：{what}"),
    p_seg_parts: "无法读取这一行",
    p_seg_name: "中英文名称都要填写",
    p_seg_char: "名称中不能有 | 或换行",
    p_seg_duplicate: "与前面的细分同名",
    p_seg_range: |score, range| format!("{score} 的范围 {range} 应在 1–5 之内、由低到高"),
    e_settings: |labels| format!("设置修改：{labels}"),
    source: "出处：",
    param_value: |label, value| format!("{label}：{value}"),
    office_target: "办公室目标，并非制度条款",
    open_setting: "在设置中打开",
    report_month_hint: |day| format!("默认为上个月：上月报告须在本月 {day} 日前完成。"),
};

impl TrSettings {
    /// The label of a stored key (the key itself never shows: an unknown
    /// key gets the group-less word "setting").
    pub fn label(&self, key: &str) -> &'static str {
        self.labels.iter().find(|(k, _)| *k == key).map_or("—", |(_, label)| label)
    }

    /// A group's heading.
    pub fn group(&self, group: Group) -> &'static str {
        match group {
            Group::WorkingTime => self.group_working_time,
            Group::AirConditioning => self.group_ac,
            Group::ServiceLimits => self.group_service,
            Group::CustomersAnalysis => self.group_customers,
        }
    }

    /// A unit's word after a value ("" for none).
    pub fn unit(&self, unit: Unit) -> &'static str {
        match unit {
            Unit::Minutes => self.u_minutes,
            Unit::WorkingDays => self.u_working_days,
            Unit::Days => self.u_days,
            Unit::Celsius => "°C",
            Unit::Percent => "%",
            Unit::Years => self.u_years,
            Unit::Month => self.u_month,
            Unit::DayOfMonth => self.u_day_of_month,
            Unit::Score | Unit::None => "",
        }
    }

    /// A value with its unit: `240 min`, `26.0 °C`, `30%`.
    pub fn with_unit(&self, value: &str, unit: Unit) -> String {
        match unit {
            Unit::Percent => format!("{value}%"),
            Unit::Score | Unit::None => value.to_owned(),
            _ => format!("{value} {}", self.unit(unit)),
        }
    }

    /// What is wrong with a field, in words.
    pub fn problem(&self, problem: &FieldProblem) -> String {
        match &problem.problem {
            Problem::NotANumber => self.p_not_a_number.to_owned(),
            Problem::NotWhole => self.p_not_whole.to_owned(),
            Problem::Negative => self.p_negative.to_owned(),
            Problem::Zero => self.p_zero.to_owned(),
            Problem::TooLarge { max } => (self.p_too_large)(max),
            Problem::OutOfRange { min, max } => (self.p_out_of_range)(min, max),
            Problem::TooManyDecimals => self.p_decimals.to_owned(),
            Problem::BadTime { part } => (self.p_bad_time)(part),
            Problem::Overlap => self.p_overlap.to_owned(),
            Problem::NoRanges => self.p_no_ranges.to_owned(),
            Problem::WindowOutsideHours { part } => (self.p_window_outside)(part),
            Problem::NoWeekday => self.p_no_weekday.to_owned(),
            Problem::Acquisition => self.p_acquisition.to_owned(),
            Problem::Segments(table) => {
                let mut lines: Vec<String> = Vec::new();
                if table.empty {
                    lines.push(self.p_seg_empty.to_owned());
                }
                for (row, p) in &table.rows {
                    lines.push((self.p_seg_row)(*row, &self.segment_problem(p)));
                }
                lines.join("; ")
            }
        }
    }

    fn segment_problem(&self, problem: &SegmentProblem) -> String {
        match problem {
            SegmentProblem::Parts => self.p_seg_parts.to_owned(),
            SegmentProblem::EmptyName => self.p_seg_name.to_owned(),
            SegmentProblem::BadCharacter => self.p_seg_char.to_owned(),
            SegmentProblem::Duplicate => self.p_seg_duplicate.to_owned(),
            SegmentProblem::BadRange { score, text } => {
                let score = match score {
                    Score::R => "R",
                    Score::F => "F",
                    Score::M => "M",
                };
                (self.p_seg_range)(score, text)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{EN, ZH};
    use crate::domain::settings::form::FIELDS;

    #[test]
    fn every_parameter_has_a_label_in_both_languages() {
        for t in [&EN, &ZH] {
            assert_eq!(t.labels.len(), FIELDS.len());
            for field in FIELDS {
                let label = t.label(field.key);
                assert!(label != "—" && !label.contains('_'), "{}: {label}", field.key);
            }
        }
    }
}
