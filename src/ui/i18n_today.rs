//! The Today panel's text (今日), in 中文 and English. The names of the
//! item kinds and the items' details come with the list
//! (`domain::today`), in both languages.

/// Text of the Today panel in one language.
pub struct TrToday {
    /// The panel's name in the navigation.
    pub title: &'static str,
    /// The heading, with the day.
    pub heading: fn(&str) -> String,
    pub overdue: &'static str,
    pub today: &'static str,
    pub week: &'static str,
    /// Under a section with nothing in it.
    pub nothing: &'static str,
    /// While the list is built the first time.
    pub building: &'static str,
    pub open: &'static str,
    pub done: &'static str,
    /// The menu that moves a next step to another day.
    pub move_to: &'static str,
    pub tomorrow: &'static str,
    pub in_three_days: &'static str,
    pub next_week: &'static str,
    /// The typed day of "move to".
    pub day: &'static str,
    pub move_button: &'static str,
    pub bad_day: &'static str,
    /// Hover text of the buttons.
    pub done_activity: &'static str,
    pub done_opportunity: &'static str,
    pub done_revisit: &'static str,
    pub done_fault: &'static str,
    pub done_complaint: &'static str,
    /// The subject of the activity "done" logs: the next step it closes.
    pub logged_follow_up: fn(&str) -> String,
    pub logged_opportunity: fn(&str) -> String,
    pub logged_revisit: fn(&str) -> String,
    /// The note on a fault "done" marks repaired.
    pub repaired_note: &'static str,
    /// Due column: "due 14:00" for a time today, the date otherwise.
    pub due_at: fn(&str) -> String,
    /// What the list is and where its items come from.
    pub about: &'static str,
    pub about_text: &'static str,
}

/// English.
pub const EN: TrToday = TrToday {
    title: "Today",
    heading: |day| format!("Today · {day}"),
    overdue: "Overdue",
    today: "Today",
    week: "Next 7 days",
    nothing: "Nothing here.",
    building: "Building the day's list…",
    open: "Open",
    done: "Done",
    move_to: "Move to…",
    tomorrow: "Tomorrow",
    in_three_days: "In 3 days",
    next_week: "In a week",
    day: "Day",
    move_button: "Move",
    bad_day: "Write the day as YYYY-MM-DD",
    done_activity: "Log the follow-up as a call now (closes this next step)",
    done_opportunity: "Log a call on this opportunity now",
    done_revisit: "Log a revisit now",
    done_fault: "Mark the fault repaired now",
    done_complaint: "Open it in the ledger to record the resolution",
    logged_follow_up: |step| format!("Follow-up: {step}"),
    logged_opportunity: |title| format!("Follow-up call: {title}"),
    logged_revisit: |title| format!("Revisit: {title}"),
    repaired_note: "repaired (marked from Today)",
    due_at: |when| format!("due {when}"),
    about: "About this list",
    about_text: "What is overdue, due today and due in the next 7 days: next steps of \
        activities, opportunities that need their monthly activity (SVC-FOLLOWUP), open \
        queries, complaints and inquiries with the working time left to their limit, today's \
        AC check windows not yet recorded, unrepaired faults, revisits (SVC-REVISIT), \
        satisfaction surveys (SVC-SURVEY), the monthly service report before the 5th, and \
        customers newly at risk. Every change is undoable (Edit → Undo).",
};

/// 中文.
pub const ZH: TrToday = TrToday {
    title: "今日",
    heading: |day| format!("今日 · {day}"),
    overdue: "已逾期",
    today: "今天",
    week: "未来7天",
    nothing: "暂无。",
    building: "正在生成今日清单…",
    open: "打开",
    done: "完成",
    move_to: "改期到…",
    tomorrow: "明天",
    in_three_days: "3天后",
    next_week: "一周后",
    day: "日期",
    move_button: "改期",
    bad_day: "日期格式为 YYYY-MM-DD",
    done_activity: "现在记录一次跟进电话(结束这一下一步)",
    done_opportunity: "现在为这个销售机会记录一次电话",
    done_revisit: "现在记录一次回访",
    done_fault: "现在标记故障已修复",
    done_complaint: "在台账中打开,填写处理结果",
    logged_follow_up: |step| format!("跟进:{step}"),
    logged_opportunity: |title| format!("跟进电话:{title}"),
    logged_revisit: |title| format!("回访:{title}"),
    repaired_note: "已修复(从今日清单标记)",
    due_at: |when| format!("{when}到期"),
    about: "关于本清单",
    about_text: "已逾期、今天到期和未来7天到期的事项:行动的下一步、需要每月一般行动的销售机会\
        (SVC-FOLLOWUP)、未处理的查询/投诉/咨询及其剩余工作时间、今天尚未记录的空调检查时段、\
        未修复的故障、回访(SVC-REVISIT)、满意度调查(SVC-SURVEY)、每月5日前的月度服务报告,\
        以及新近有流失风险的客户。所有修改都可撤销(编辑 → 撤销)。",
};
