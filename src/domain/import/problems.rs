//! What can be wrong with one cell of an import file, in English and
//! Chinese: [`RowProblem`] names the row, the column and the value, and its
//! [`Reason`] says what is wrong. `Display` is English in the
//! `ROW:COLUMN: message (value "…")` shape of the CLI; [`RowProblem::text`]
//! gives the same in either language for the app.
//!
//! Also the checks every imported cell gets whatever its field
//! ([`cell_problem`]): not longer than a spreadsheet cell can be, no control
//! characters, no Excel error values.

use std::fmt;

use super::super::Lang;
use super::mapping::{MapError, Mapping};
use super::values::ValueError;

/// The longest cell accepted, in characters: the most an Excel cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Earliest and latest year of a date in an import. Anything outside is a
/// typing or conversion slip (`0026`, `2206`, an Excel serial read as a
/// year), not a date of business records.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// How many characters of a cell a problem keeps and shows.
const SHOWN_CHARS: usize = 60;

/// The text Excel writes for a formula that failed (and what a CSV saved by
/// Excel holds in its place).
const EXCEL_ERRORS: &[&str] = &[
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
];

/// A problem with one cell (or, for a ragged row, one position of a row).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based row number; the header is row 1.
    pub row: usize,
    /// The column's header as written in the file (`column N`, 1-based, if
    /// its header is blank or the row goes past the header).
    pub column: String,
    /// The cell's text (trimmed), shortened to 61 characters.
    pub value: String,
    /// What is wrong and what was expected.
    pub reason: Reason,
}

/// What is wrong with a cell. `Display` is the English text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A required field's cell is empty.
    Missing {
        field: &'static str,
    },
    /// The text is not a value of the field's type.
    Value(ValueError),
    /// Longer than the field allows (customer codes and names).
    TooLong {
        max: usize,
    },
    /// A code with spaces.
    HasSpaces,
    BadPhone,
    BadEmail,
    /// Not one of a closed vocabulary; `what` names it with its article
    /// (`an activity kind`), `codes` and `names` are its values in English
    /// and Chinese.
    NotTerm {
        what: &'static str,
        what_zh: &'static str,
        codes: Vec<&'static str>,
        names: Vec<&'static str>,
    },
    /// A complaint answered or resolved before it was received.
    EarlierThanReceived,
    /// A quantity below 0.
    NegativeQuantity,
    /// A cost below 0 (a churn record's win-back cost).
    NegativeCost,
    /// A date outside [`YEARS`].
    YearOutOfRange {
        year: i32,
    },
    /// More characters than [`MAX_CELL_CHARS`].
    CellTooLong {
        chars: usize,
    },
    /// A control character, a byte-order mark or a replacement character
    /// (`position` is 1-based, in characters).
    BadCharacter {
        ch: char,
        position: usize,
    },
    /// An Excel error value such as `#N/A`.
    ExcelError {
        code: String,
    },
    /// The row has fewer cells than the header has columns.
    TooFewCells {
        cells: usize,
        columns: usize,
    },
    /// The row has more (non-empty) cells than the header has columns.
    TooManyCells {
        cells: usize,
        columns: usize,
    },
    /// No customer has this code.
    UnknownCustomer {
        code: String,
    },
    /// The customer with this code is in the trash.
    CustomerInTrash {
        code: String,
    },
    /// A customer with this code exists already; `choices` adds how to
    /// import it anyway.
    CodeExists {
        code: String,
        choices: bool,
    },
    /// The code is used by another customer (`by` names it).
    CodeUsedBy {
        by: String,
    },
    /// A customer with the same name and phone or e-mail exists already.
    SamePerson,
    /// The same customer code is on an earlier row of this file.
    RepeatedInFile {
        code: String,
        first_row: usize,
    },
    /// No opportunity has this id.
    NoOpportunity {
        id: i64,
    },
    /// An opportunity with this id exists already (ids are kept on import).
    OpportunityExists {
        id: i64,
    },
    /// The same opportunity id is on an earlier row of this file.
    OpportunityRepeated {
        id: i64,
        first_row: usize,
    },
    /// The working calendar has this day already.
    DayExists {
        date: String,
    },
    /// The same day is on an earlier row of this file.
    DayRepeated {
        date: String,
        first_row: usize,
    },
    /// The database refused the row (its own message).
    Database(String),
}

impl From<ValueError> for Reason {
    fn from(e: ValueError) -> Self {
        Self::Value(e)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl Reason {
    /// What is wrong, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.text_zh(),
            Lang::En => self.text_en(),
        }
    }

    /// What is wrong, in Chinese.
    fn text_zh(&self) -> String {
        match self {
            Self::Missing { field } => format!("缺少：{field} 是必填项"),
            Self::Value(e) => e.text(Lang::Zh),
            Self::TooLong { max } => format!("太长：最多 {max} 个字符"),
            Self::HasSpaces => "不是代码：代码不能包含空格".to_owned(),
            Self::BadPhone => "不是电话号码：应为 5 到 20 位数字，可带 +、空格、横线、\
                                     括号和分机号（转123）"
                .to_owned(),
            Self::BadEmail => "不是电子邮件地址：应为 name@domain.tld".to_owned(),
            Self::NotTerm { what_zh, names, codes, .. } => {
                let mut text = format!("不是{what_zh}：应为{}之一", names.join("、"));
                if names != codes {
                    text.push_str(&format!("（英文：{}）", codes.join("、")));
                }
                text
            }
            Self::EarlierThanReceived => "早于受理时间 received_at".to_owned(),
            Self::NegativeQuantity => "数量不能为负数：退货请写成负的金额，数量写正数".to_owned(),
            Self::NegativeCost => "成本不能为负数：应为 0 或更多（未估计请留空）".to_owned(),
            Self::YearOutOfRange { year } => {
                format!("年份不合理：{year}，应在 {} 到 {} 之间", YEARS.start(), YEARS.end())
            }
            Self::CellTooLong { chars } => {
                format!("单元格太长：{chars} 个字符，最多 {MAX_CELL_CHARS} 个（Excel 的上限）")
            }
            Self::BadCharacter { ch, position } => bad_character(*ch, *position, Lang::Zh),
            Self::ExcelError { code } => {
                format!("Excel 错误值 {code}：这个单元格的公式在 Excel 中出错，请先在 Excel 中改正")
            }
            Self::TooFewCells { cells, columns } => {
                format!("这一行只有 {cells} 个单元格，但标题行有 {columns} 列（少了单元格或逗号）")
            }
            Self::TooManyCells { cells, columns } => format!(
                "这一行有 {cells} 个单元格，但标题行只有 {columns} 列（值里有没加引号的逗号？）"
            ),
            Self::UnknownCustomer { code } => {
                format!("没有代码为 {code:?} 的客户（请先添加客户，或选择自动创建客户）")
            }
            Self::CustomerInTrash { code } => format!("客户 {code} 在回收站中"),
            Self::CodeExists { code, choices: true } => {
                format!("客户代码 {code} 已存在（可选择跳过、更新或作为新客户导入）")
            }
            Self::CodeExists { code, choices: false } => format!("客户代码 {code} 已存在"),
            Self::CodeUsedBy { by } => format!("代码已被 {by} 使用"),
            Self::SamePerson => "已有同名且电话或邮箱相同的客户（可选择跳过、更新或作为新\
                                       客户导入）"
                .to_owned(),
            Self::RepeatedInFile { code, first_row } => {
                format!("客户代码 {code} 在本文件第 {first_row} 行已出现过")
            }
            Self::NoOpportunity { id } => format!("没有编号为 {id} 的销售机会"),
            Self::OpportunityExists { id } => {
                format!("编号为 {id} 的销售机会已存在（导入时保留编号；留空编号则自动分配）")
            }
            Self::OpportunityRepeated { id, first_row } => {
                format!("销售机会编号 {id} 在本文件第 {first_row} 行已出现过")
            }
            Self::DayExists { date } => format!("工作日历中已有 {date}"),
            Self::DayRepeated { date, first_row } => {
                format!("日期 {date} 在本文件第 {first_row} 行已出现过")
            }
            Self::Database(message) => format!("数据库拒绝了这一行：{message}"),
        }
    }

    /// What is wrong, in English.
    fn text_en(&self) -> String {
        match self {
            Self::Missing { field } => format!("missing: {field} is required"),
            Self::Value(e) => e.text(Lang::En),
            Self::TooLong { max } => format!("too long: at most {max} characters"),
            Self::HasSpaces => "not a code: codes cannot contain spaces".to_owned(),
            Self::BadPhone => "not a phone number: expected 5 to 20 digits, with optional +, \
                               spaces, dashes, brackets and an extension (转123)"
                .to_owned(),
            Self::BadEmail => "not an e-mail address: expected name@domain.tld".to_owned(),
            Self::NotTerm { what, codes, names, .. } => {
                let mut text = format!("not {what}: expected {}", or_list(codes, "or"));
                if names != codes {
                    text.push_str(&format!(" ({})", or_list(names, "or")));
                }
                text
            }
            Self::EarlierThanReceived => "earlier than received_at".to_owned(),
            Self::NegativeQuantity => "negative quantity: a quantity is 0 or more (write a \
                                       refund as a negative amount)"
                .to_owned(),
            Self::NegativeCost => {
                "negative cost: a cost is 0 or more (leave it empty when not estimated)".to_owned()
            }
            Self::YearOutOfRange { year } => format!(
                "implausible year {year}: dates must be between {} and {}",
                YEARS.start(),
                YEARS.end()
            ),
            Self::CellTooLong { chars } => format!(
                "cell too long: {chars} characters; at most {MAX_CELL_CHARS} (the most an Excel \
                 cell holds)"
            ),
            Self::BadCharacter { ch, position } => bad_character(*ch, *position, Lang::En),
            Self::ExcelError { code } => format!(
                "an Excel error value ({code}): the formula of this cell failed in Excel; fix it \
                 there first"
            ),
            Self::TooFewCells { cells, columns } => format!(
                "this row has {cells} cells but the header row has {columns} columns (a cell or \
                 a comma is missing)"
            ),
            Self::TooManyCells { cells, columns } => format!(
                "this row has {cells} cells but the header row has {columns} columns (a comma \
                 inside a value without quotes?)"
            ),
            Self::UnknownCustomer { code } => format!(
                "unknown customer code {code:?} (add the customer first, or use \
                 --create-customers)"
            ),
            Self::CustomerInTrash { code } => format!("customer {code} is in the trash"),
            Self::CodeExists { code, choices: true } => {
                format!(
                    "customer code {code} already exists (choose --duplicates skip, update or new)"
                )
            }
            Self::CodeExists { code, choices: false } => {
                format!("customer code {code} already exists")
            }
            Self::CodeUsedBy { by } => format!("code already used by {by}"),
            Self::SamePerson => "a customer with the same name and phone or e-mail exists \
                                 (choose --duplicates skip, update or new)"
                .to_owned(),
            Self::RepeatedInFile { code, first_row } => {
                format!("customer code {code} is already on row {first_row} of this file")
            }
            Self::NoOpportunity { id } => format!("opportunity {id} does not exist"),
            Self::OpportunityExists { id } => format!(
                "opportunity {id} already exists (ids are kept on import; leave id empty for a \
                 new one)"
            ),
            Self::OpportunityRepeated { id, first_row } => {
                format!("opportunity {id} is already on row {first_row} of this file")
            }
            Self::DayExists { date } => format!("{date} is already in the working calendar"),
            Self::DayRepeated { date, first_row } => {
                format!("{date} is already on row {first_row} of this file")
            }
            Self::Database(message) => format!("the database refused the row: {message}"),
        }
    }
}

/// `a, b or c`.
fn or_list(items: &[&str], or: &str) -> String {
    match items {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [init @ .., last] => format!("{} {or} {last}", init.join(", ")),
    }
}

fn bad_character(ch: char, position: usize, lang: Lang) -> String {
    let code = format!("U+{:04X}", u32::from(ch));
    match (ch, lang) {
        ('\0', Lang::Zh) => {
            format!("第 {position} 个字符是空字符（{code}）：文件含有二进制数据或已损坏")
        }
        ('\0', Lang::En) => format!(
            "a NUL character ({code}) at character {position}: the file holds binary data or \
             is damaged"
        ),
        ('\u{feff}', Lang::Zh) => {
            format!("第 {position} 个字符是字节顺序标记（{code}）：是不是把两个文件拼在了一起？")
        }
        ('\u{feff}', Lang::En) => format!(
            "a byte-order mark ({code}) at character {position}: were two files joined \
             together?"
        ),
        ('\u{fffd}', Lang::Zh) => {
            format!("第 {position} 个字符是替换字符（{code}）：文字在之前的转换中已经损坏")
        }
        ('\u{fffd}', Lang::En) => format!(
            "a replacement character ({code}) at character {position}: the text was garbled \
             by an earlier conversion"
        ),
        (_, Lang::Zh) => format!("第 {position} 个字符是控制字符（{code}）"),
        (_, Lang::En) => format!("a control character ({code}) at character {position}"),
    }
}

/// What is wrong with a cell whatever its field, if anything: longer than
/// [`MAX_CELL_CHARS`], a control character (other than tab and line
/// breaks), a byte-order mark or replacement character, or an Excel error
/// value. `text` is the cell as read (trimmed).
pub fn cell_problem(text: &str) -> Option<Reason> {
    // Most cells are short ASCII: one pass over the bytes decides.
    if text.len() <= MAX_CELL_CHARS && text.bytes().all(|b| (b' '..0x7f).contains(&b)) {
        return excel_error(text);
    }
    let mut chars = 0;
    for (i, ch) in text.chars().enumerate() {
        chars += 1;
        let control = ch.is_control() && !matches!(ch, '\t' | '\n' | '\r');
        if control || ch == '\u{feff}' || ch == '\u{fffd}' {
            return Some(Reason::BadCharacter { ch, position: i + 1 });
        }
    }
    if chars > MAX_CELL_CHARS {
        return Some(Reason::CellTooLong { chars });
    }
    excel_error(text)
}

fn excel_error(text: &str) -> Option<Reason> {
    (text.starts_with('#') && EXCEL_ERRORS.iter().any(|e| e.eq_ignore_ascii_case(text)))
        .then(|| Reason::ExcelError { code: text.to_owned() })
}

impl RowProblem {
    /// A problem with column `index` (0-based) of `mapping`'s file; the
    /// value is kept shortened.
    pub fn at(mapping: &Mapping, row: usize, index: usize, value: &str, reason: Reason) -> Self {
        let column = match mapping.headers().get(index) {
            Some(header) if !header.is_empty() => header.clone(),
            _ => format!("column {}", index + 1),
        };
        Self { row, column, value: value.chars().take(SHOWN_CHARS + 1).collect(), reason }
    }

    /// A problem with the cell of `field` in `cells` (its value is the
    /// cell's trimmed text); a field without a column is named by itself.
    pub fn of_field<S: AsRef<str>>(
        mapping: &Mapping,
        row: usize,
        field: &str,
        cells: &[S],
        reason: Reason,
    ) -> Self {
        let index = mapping.kind().field(field).and_then(|_| mapping.column(field));
        match index {
            Some(index) => {
                let value = cells.get(index).map_or("", |c| c.as_ref().trim());
                Self::at(mapping, row, index, value, reason)
            }
            None => Self { row, column: field.to_owned(), value: String::new(), reason },
        }
    }

    /// The problem in `lang`: `ROW:COLUMN: message (value "…")` in English,
    /// `第ROW行，COLUMN：message（值 "…"）` in Chinese.
    pub fn text(&self, lang: Lang) -> String {
        let message = self.reason.text(lang);
        let value = self.shown_value();
        match lang {
            Lang::En => match value {
                Some(value) => format!("{}:{}: {message} (value {value})", self.row, self.column),
                None => format!("{}:{}: {message}", self.row, self.column),
            },
            Lang::Zh => {
                let column = match self.column.strip_prefix("column ") {
                    Some(n) if n.bytes().all(|b| b.is_ascii_digit()) => format!("第 {n} 列"),
                    _ => self.column.clone(),
                };
                match value {
                    Some(value) => {
                        format!("第 {} 行，{column}：{message}（值 {value}）", self.row)
                    }
                    None => format!("第 {} 行，{column}：{message}", self.row),
                }
            }
        }
    }

    /// The value quoted and shortened, `None` when the cell is empty.
    fn shown_value(&self) -> Option<String> {
        if self.value.is_empty() {
            return None;
        }
        if self.value.chars().count() > SHOWN_CHARS {
            let short: String = self.value.chars().take(SHOWN_CHARS).collect();
            Some(format!("{short:?}…"))
        } else {
            Some(format!("{:?}", self.value))
        }
    }
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for RowProblem {}

impl MapError {
    /// Whether the problem is with the file's header row (rather than with
    /// the `--map` choices alone).
    pub fn in_header(&self) -> bool {
        matches!(
            self,
            Self::NoSuchColumn { .. }
                | Self::AmbiguousColumn { .. }
                | Self::AmbiguousField { .. }
                | Self::MissingRequired { .. }
        )
    }

    /// The message in `lang` (English is the `Display` text). The Chinese
    /// text speaks of choosing a column rather than of `--map`, as the app
    /// does.
    pub fn text(&self, lang: Lang) -> String {
        super::in_lang(lang, self, || self.text_zh())
    }

    /// The message in Chinese (choosing a column rather than `--map`).
    fn text_zh(&self) -> String {
        match self {
            Self::UnknownField { kind, field, fields } => {
                format!("{kind} 没有字段 {field:?}；字段有 {fields}")
            }
            Self::MappedTwice { field } => format!("字段 {field} 被指定了不止一次"),
            Self::NoSuchColumn { field, column, headers } => {
                format!("为 {field} 指定的列 {column:?} 不存在；文件的标题是 {headers}")
            }
            Self::AmbiguousColumn { field, column, matches } => {
                format!("为 {field} 指定的列 {column:?} 对应多列：{matches}")
            }
            Self::AmbiguousField { field, columns } => {
                format!("列 {columns} 都对应字段 {field}；请指定其中一列")
            }
            Self::MissingRequired { field, names, headers } => format!(
                "没有必填字段 {field} 的列（标题可以是 {names}）；文件的标题是 {headers}；\
                 请指定哪一列是 {field}"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(column: &str, value: &str, reason: Reason) -> RowProblem {
        RowProblem { row: 7, column: column.into(), value: value.into(), reason }
    }

    #[test]
    fn reasons_in_both_languages() {
        let p = problem(
            "日期",
            "2026-02-30",
            ValueError::NoSuchDay { year: 2026, month: 2, day: 30 }.into(),
        );
        assert_eq!(
            p.to_string(),
            r#"7:日期: no such day in the calendar: 2026-02-30 (value "2026-02-30")"#
        );
        assert_eq!(p.text(Lang::En), p.to_string());
        assert_eq!(
            p.text(Lang::Zh),
            r#"第 7 行，日期：日历上没有这一天：2026-02-30（值 "2026-02-30"）"#
        );

        let p = problem("amount", "", Reason::Missing { field: "amount" });
        assert_eq!(p.to_string(), "7:amount: missing: amount is required");
        assert_eq!(p.text(Lang::Zh), "第 7 行，amount：缺少：amount 是必填项");

        let p = problem("column 5", "x", Reason::TooManyCells { cells: 5, columns: 4 });
        assert!(
            p.text(Lang::Zh).starts_with("第 7 行，第 5 列：这一行有 5 个单元格"),
            "{}",
            p.text(Lang::Zh)
        );

        let term = Reason::NotTerm {
            what: "an activity kind",
            what_zh: "活动类型",
            codes: vec!["call", "visit"],
            names: vec!["电话", "走访"],
        };
        assert_eq!(term.to_string(), "not an activity kind: expected call or visit (电话 or 走访)");
        assert_eq!(term.text(Lang::Zh), "不是活动类型：应为电话、走访之一（英文：call、visit）");

        let unknown = Reason::UnknownCustomer { code: "C-9".into() };
        assert!(unknown.to_string().starts_with(r#"unknown customer code "C-9""#));
        assert!(unknown.text(Lang::Zh).starts_with(r#"没有代码为 "C-9" 的客户"#));
    }

    #[test]
    fn long_values_are_shortened() {
        let long = "甲".repeat(100);
        let p = RowProblem {
            row: 2,
            column: "name".into(),
            value: long.chars().take(61).collect(),
            reason: Reason::TooLong { max: 50 },
        };
        let shown = p.to_string();
        assert!(shown.ends_with(&format!("(value \"{}\"…)", "甲".repeat(60))), "{shown}");
    }

    #[test]
    fn every_cell_is_checked() {
        assert_eq!(cell_problem("C-000001"), None);
        assert_eq!(cell_problem("张三\n李四\t王五"), None);
        assert_eq!(cell_problem("#12 螺丝"), None);
        assert_eq!(cell_problem("#N/A"), Some(Reason::ExcelError { code: "#N/A".into() }));
        assert_eq!(cell_problem("#div/0!"), Some(Reason::ExcelError { code: "#div/0!".into() }));
        assert_eq!(cell_problem("ab\0c"), Some(Reason::BadCharacter { ch: '\0', position: 3 }));
        assert_eq!(
            cell_problem("\u{feff}客户代码"),
            Some(Reason::BadCharacter { ch: '\u{feff}', position: 1 })
        );
        assert_eq!(
            cell_problem("张\u{fffd}"),
            Some(Reason::BadCharacter { ch: '\u{fffd}', position: 2 })
        );
        assert_eq!(cell_problem(&"x".repeat(MAX_CELL_CHARS)), None);
        assert_eq!(
            cell_problem(&"x".repeat(MAX_CELL_CHARS + 1)),
            Some(Reason::CellTooLong { chars: MAX_CELL_CHARS + 1 })
        );
        assert_eq!(
            cell_problem(&"字".repeat(MAX_CELL_CHARS + 1)),
            Some(Reason::CellTooLong { chars: MAX_CELL_CHARS + 1 })
        );
        let nul = Reason::BadCharacter { ch: '\0', position: 3 };
        assert!(nul.to_string().starts_with("a NUL character (U+0000) at character 3"));
        assert!(nul.text(Lang::Zh).starts_with("第 3 个字符是空字符（U+0000）"));
    }
}
