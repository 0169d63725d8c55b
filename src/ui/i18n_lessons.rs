//! The lesson bar, the Lessons menu and the what-if controls, in 中文 and
//! English. (The lessons' own titles, questions and answers are domain
//! text, in `domain::lessons`, shared with the worksheet.)

/// Text of the lessons in one language.
pub struct TrLessons {
    /// The menu (Help and View) that lists the lessons.
    pub menu: &'static str,
    /// "Lesson: RFM · step 2/3".
    pub bar_title: fn(&str, usize, usize) -> String,
    pub question: &'static str,
    pub answer: &'static str,
    pub back: &'static str,
    pub next: &'static str,
    pub next_lesson: &'static str,
    pub show_answer: &'static str,
    pub hide_answer: &'static str,
    pub end: &'static str,
    pub export: &'static str,
    /// The open file is not the demo company.
    pub not_demo: &'static str,
    pub open_demo: &'static str,
    pub what_if: &'static str,
    pub critical_share: &'static str,
    pub difficult_threshold: &'static str,
    pub margin: &'static str,
    pub retention: &'static str,
    pub discount: &'static str,
    pub horizon: &'static str,
    pub segments: &'static str,
    /// Column heads of the segment table editor.
    pub segment: &'static str,
    pub undo: &'static str,
    pub reset: &'static str,
    /// Said beside Reset: lessons change parameters, never data.
    pub reset_note: &'static str,
    pub list_moved: &'static str,
    /// What the selection of moved customers is called.
    pub moved: &'static str,
    /// The tiers chart's series of moved customers.
    pub moved_series: &'static str,
    pub computing: &'static str,
    /// The parameters differ from the office's: what the chart shows.
    pub changed: &'static str,
    pub export_wait: &'static str,
    pub reset_done: &'static str,
    /// The lesson's default worksheet file name stem.
    pub file_stem: &'static str,
}

/// English.
pub const EN: TrLessons = TrLessons {
    menu: "Lessons",
    bar_title: |lesson, n, total| format!("Lesson: {lesson} · step {n}/{total}"),
    question: "Question for the class:",
    answer: "Answer:",
    back: "Back",
    next: "Next",
    next_lesson: "Next lesson",
    show_answer: "Show answer",
    hide_answer: "Hide answer",
    end: "End lesson",
    export: "Export worksheet…",
    not_demo: "This file is not the demo company; the lessons are written for it.",
    open_demo: "Open the demo company",
    what_if: "What if (this lesson only; the office's settings stay as they are):",
    critical_share: "Critical share",
    difficult_threshold: "Difficult at",
    margin: "Margin rate",
    retention: "Retention",
    discount: "Discount rate",
    horizon: "Years",
    segments: "Segment table",
    segment: "Segment",
    undo: "Undo change",
    reset: "Reset the lesson",
    reset_note: "Lessons change only these parameters, never the data.",
    list_moved: "List them",
    moved: "Moved in this lesson",
    moved_series: "Moved",
    computing: "Recomputing…",
    changed: "The charts show the lesson's parameters.",
    export_wait: "The analysis is not ready yet; try again in a moment.",
    reset_done: "The lesson's parameters are the office's again.",
    file_stem: "lesson",
};

/// 中文.
pub const ZH: TrLessons = TrLessons {
    menu: "课程",
    bar_title: |lesson, n, total| format!("课程：{lesson} · 第 {n}/{total} 步"),
    question: "课堂提问：",
    answer: "答案：",
    back: "上一步",
    next: "下一步",
    next_lesson: "下一课",
    show_answer: "显示答案",
    hide_answer: "隐藏答案",
    end: "结束课程",
    export: "导出练习表…",
    not_demo: "当前文件不是演示公司；课程是按演示公司编写的。",
    open_demo: "打开演示公司",
    what_if: "假如（仅本课有效，公司设置不变）：",
    critical_share: "关键客户比例",
    difficult_threshold: "困难阈值",
    margin: "利润率",
    retention: "留存率",
    discount: "折现率",
    horizon: "年数",
    segments: "细分表",
    segment: "细分",
    undo: "撤销更改",
    reset: "重置课程",
    reset_note: "课程只改这些参数，从不改动数据。",
    list_moved: "列出这些客户",
    moved: "本课中移动的客户",
    moved_series: "已移动",
    computing: "重新计算中…",
    changed: "图表显示的是本课的参数。",
    export_wait: "分析尚未完成，请稍后再试。",
    reset_done: "本课参数已恢复为公司设置。",
    file_stem: "lesson",
};
