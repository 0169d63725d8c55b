//! Records named for people: "complaint of 郑五 received 07-08 09:30",
//! "opportunity 会议室改造" — never a table name and a row id. One function
//! names every kind of record, in both languages; the caller looks up the
//! name of the customer or area a record belongs to ([`owner_of`]).

use chrono::{NaiveDate, NaiveDateTime};

use super::Lang;
use super::command::{Record, RecordKind};
use super::customer::CustomerId;
use super::terms::ComplaintKind;

/// When a named record happened (shown as `MM-DD` or `MM-DD HH:MM`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    None,
    Day(NaiveDate),
    At(NaiveDateTime),
}

/// Whose or where a record is, for the caller to look up its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    Customer(CustomerId),
    Area(i64),
    None,
}

/// A record as a person names it, in no language yet: what it is, whose
/// (a customer's name) or where (an area's name), its own words (an
/// opportunity's title, an activity's subject) and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordName {
    /// The noun, `(English, 中文)`: "complaint", "query", "AC check", ….
    pub noun: (&'static str, &'static str),
    /// The customer's or area's name; empty when none or unknown.
    pub owner: String,
    /// The record's own words; empty for none.
    pub title: String,
    pub when: When,
    /// How `when` is said: `(English, 中文)`, e.g. `("received", "收到")`.
    pub verb: (&'static str, &'static str),
}

/// The longest title kept (in characters); longer ones end in "…".
const TITLE_CHARS: usize = 24;

/// Which customer or area `record` belongs to.
pub fn owner_of(record: &Record) -> Owner {
    match record {
        Record::AcCheck(r) => Owner::Area(r.area),
        Record::Overtime(r) => Owner::Area(r.area),
        Record::Maintenance(r) => Owner::Area(r.area),
        Record::Fault(r) => Owner::Area(r.area),
        Record::Complaint(r) => Owner::Customer(r.customer),
        Record::Activity(r) => Owner::Customer(r.customer),
        Record::Opportunity(r) => Owner::Customer(r.customer),
        Record::Churn(r) => Owner::Customer(r.customer),
        Record::Sale(r) => Owner::Customer(r.customer),
        Record::Survey(r) => Owner::Customer(r.customer),
        Record::Contact(r) => Owner::Customer(r.customer),
        Record::Area(_) | Record::Notice(_) => Owner::None,
    }
}

/// The noun of a kind of record, `(English, 中文)`.
pub fn noun(kind: RecordKind) -> (&'static str, &'static str) {
    match kind {
        RecordKind::AcCheck => ("AC check", "空调检查"),
        RecordKind::Area => ("area", "区域"),
        RecordKind::Notice => ("temporary notice", "临时公告"),
        RecordKind::Overtime => ("overtime", "加班"),
        RecordKind::Maintenance => ("maintenance", "维护保养"),
        RecordKind::Fault => ("fault", "故障"),
        RecordKind::Complaint => ("complaint", "投诉"),
        RecordKind::Activity => ("activity", "联系活动"),
        RecordKind::Opportunity => ("opportunity", "销售机会"),
        RecordKind::Churn => ("churn record", "流失记录"),
        RecordKind::Sale => ("sale", "销售"),
        RecordKind::Survey => ("satisfaction survey", "满意度调查"),
        RecordKind::Contact => ("contact person", "联系人"),
    }
}

/// A ledger entry's noun: a query, a complaint or an inquiry.
fn ledger_noun(kind: ComplaintKind) -> (&'static str, &'static str) {
    match kind {
        ComplaintKind::Query => ("query", "查询"),
        ComplaintKind::Complaint => ("complaint", "投诉"),
        ComplaintKind::Inquiry => ("inquiry", "咨询"),
    }
}

impl RecordName {
    /// Names `record`, whose customer or area (see [`owner_of`]) is called
    /// `owner` (empty when unknown).
    pub fn of(record: &Record, owner: &str) -> Self {
        let mut name = Self {
            noun: noun(record.kind()),
            owner: owner.to_owned(),
            title: String::new(),
            when: When::None,
            verb: ("on", ""),
        };
        match record {
            Record::AcCheck(r) => name.when = When::At(r.date.and_time(r.time)),
            Record::Area(r) => name.title.clone_from(&r.name),
            Record::Notice(r) => {
                name.title = short(&r.reason);
                name.when = When::Day(r.from);
                name.verb = ("from", "起");
            }
            Record::Overtime(r) => name.when = When::Day(r.date),
            Record::Maintenance(r) => {
                name.title = short(&r.what);
                name.when = When::Day(r.date);
            }
            Record::Fault(r) => {
                name.when = When::At(r.reported_at);
                name.verb = ("reported", "报告");
            }
            Record::Complaint(r) => {
                name.noun = ledger_noun(r.kind);
                name.when = When::At(r.received_at);
                name.verb = ("received", "收到");
            }
            Record::Activity(r) => {
                name.title = short(&r.subject);
                name.when = When::At(r.at);
            }
            Record::Opportunity(r) if !r.title.trim().is_empty() => {
                // Its title says which; the customer would only lengthen it.
                name.title = short(&r.title);
                name.owner.clear();
            }
            Record::Opportunity(r) => name.when = When::At(r.created_at),
            Record::Churn(r) => name.when = When::Day(r.recorded_at),
            Record::Sale(r) => {
                name.title = short(&r.order_no);
                name.when = When::Day(r.date);
            }
            Record::Survey(r) => name.when = When::Day(r.date),
            Record::Contact(r) => name.title = short(&r.name),
        }
        name
    }

    /// The name in `lang`, e.g. "complaint of 郑五 received 07-08 09:30"
    /// or "郑五 07-08 09:30 收到的投诉".
    pub fn text(&self, lang: Lang) -> String {
        let when = match self.when {
            When::None => String::new(),
            When::Day(d) => d.format("%m-%d").to_string(),
            When::At(t) => t.format("%m-%d %H:%M").to_string(),
        };
        let mut parts: Vec<String> = Vec::with_capacity(6);
        let mut push = |s: &str| {
            if !s.is_empty() {
                parts.push(s.to_owned());
            }
        };
        match lang {
            Lang::En => {
                push(self.noun.0);
                push(&self.title);
                if !self.owner.is_empty() {
                    push(&format!("of {}", self.owner));
                }
                if !when.is_empty() {
                    push(self.verb.0);
                    push(&when);
                }
            }
            Lang::Zh => {
                let lead = !self.owner.is_empty() || !when.is_empty();
                push(&self.owner);
                push(&when);
                push(&format!("{}{}{}", self.verb.1, if lead { "的" } else { "" }, self.noun.1));
                push(&self.title);
            }
        }
        parts.join(" ")
    }
}

/// The kinds of record, to find one by its table.
const KINDS: [RecordKind; 13] = [
    RecordKind::AcCheck,
    RecordKind::Area,
    RecordKind::Notice,
    RecordKind::Overtime,
    RecordKind::Maintenance,
    RecordKind::Fault,
    RecordKind::Complaint,
    RecordKind::Activity,
    RecordKind::Opportunity,
    RecordKind::Churn,
    RecordKind::Sale,
    RecordKind::Survey,
    RecordKind::Contact,
];

/// The kind of record stored in `table`.
pub fn kind_of_table(table: &str) -> Option<RecordKind> {
    KINDS.into_iter().find(|k| k.table() == table)
}

/// A customer named for people: "customer 郑五".
pub fn customer_name(name: &str) -> RecordName {
    RecordName {
        noun: ("customer", "客户"),
        owner: String::new(),
        title: name.to_owned(),
        when: When::None,
        verb: ("", ""),
    }
}

/// A finding's reference (`complaints#61`, `ac_areas#3 09:00-11:00`,
/// `customers#7`, `visits 2026-06`, `service_reports visits 2026-06`, as
/// `ladder check` writes it) in words. `find` names the record of a table
/// and id (`customers` included), `None` when it is not known: then the
/// kind alone is said.
pub fn reference_text(
    reference: &str,
    find: &dyn Fn(&str, i64) -> Option<RecordName>,
    lang: Lang,
) -> String {
    let say = |pair: (&str, &str)| if lang == Lang::Zh { pair.1 } else { pair.0 }.to_owned();
    let (head, rest) = reference.split_once(' ').unwrap_or((reference, ""));
    let named = match head.split_once('#') {
        Some((table, id)) => {
            let id = id.parse::<i64>().ok();
            let found = id.and_then(|id| find(table, id));
            match (found, kind_of_table(table)) {
                (Some(name), _) => name.text(lang),
                (None, Some(kind)) => say(noun(kind)),
                (None, None) if table == "customers" => say(("customer", "客户")),
                (None, None) => say(("record", "记录")),
            }
        }
        None if head == "visits" => say(("visits", "走访")),
        None if head == "service_reports" => {
            let (kind, label) = rest.split_once(' ').unwrap_or((rest, ""));
            let what = match kind {
                "visits" => ("visit summary", "走访总结"),
                _ => ("complaint/query summary", "投诉查询汇总"),
            };
            return format!("{} {label}", say(what)).trim_end().to_owned();
        }
        None => head.to_owned(),
    };
    if rest.is_empty() { named } else { format!("{named} {rest}") }
}

/// `text` trimmed and cut to [`TITLE_CHARS`] characters.
fn short(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= TITLE_CHARS {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(TITLE_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// A count with thousands separators: `69659` → `69,659`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::NaiveTime;

    use super::*;
    use crate::domain::records::{AcArea, AcCheckRow, Complaint, Opportunity};
    use crate::domain::terms::{AcCheckKind, ComplaintStatus, OpportunityStage};

    fn at(m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, m, d).and_then(|d| d.and_hms_opt(h, min, 0)).expect("date")
    }

    fn check(record: &Record, owner: &str, en: &str, zh: &str) {
        let name = RecordName::of(record, owner);
        assert_eq!(name.text(Lang::En), en);
        assert_eq!(name.text(Lang::Zh), zh);
        for text in [name.text(Lang::En), name.text(Lang::Zh)] {
            assert!(!text.contains('#') && !text.contains('_'), "no table or id: {text}");
        }
    }

    fn complaint(kind: ComplaintKind) -> Record {
        Record::Complaint(Complaint {
            id: 61,
            customer: CustomerId(7),
            received_at: at(7, 8, 9, 30),
            channel: String::new(),
            kind,
            category: String::new(),
            description: "空调不制冷".into(),
            first_handler: String::new(),
            first_response_at: None,
            resolved_at: None,
            resolution: String::new(),
            status: ComplaintStatus::Open,
        })
    }

    fn opportunity(title: &str) -> Record {
        Record::Opportunity(Opportunity {
            id: 12,
            customer: CustomerId(7),
            title: title.into(),
            stage: OpportunityStage::Lead,
            expected_value_cents: 0,
            probability_pct: 10,
            expected_close: None,
            created_at: at(3, 2, 14, 0),
            closed_at: None,
            delivered_at: None,
            owner: String::new(),
            notes: String::new(),
        })
    }

    #[test]
    fn records_are_named_by_whose_what_and_when_in_both_languages() {
        check(
            &complaint(ComplaintKind::Complaint),
            "郑五",
            "complaint of 郑五 received 07-08 09:30",
            "郑五 07-08 09:30 收到的投诉",
        );
        check(
            &complaint(ComplaintKind::Query),
            "郑五",
            "query of 郑五 received 07-08 09:30",
            "郑五 07-08 09:30 收到的查询",
        );
        check(&opportunity("会议室改造"), "郑五", "opportunity 会议室改造", "销售机会 会议室改造");
        check(
            &opportunity(" "),
            "郑五",
            "opportunity of 郑五 on 03-02 14:00",
            "郑五 03-02 14:00 的销售机会",
        );
        let area = AcArea {
            id: 3,
            name: "一楼大厅".into(),
            room: String::new(),
            responsible_person: String::new(),
            department: String::new(),
            in_use_since: None,
        };
        check(&Record::Area(area), "", "area 一楼大厅", "区域 一楼大厅");
        let row = AcCheckRow {
            date: at(7, 8, 0, 0).date(),
            time: NaiveTime::from_hms_opt(10, 0, 0).expect("time"),
            kind: AcCheckKind::Check,
            area: 3,
            reference_temp_tenths: 300,
            ac_on: true,
            set_temp_tenths: Some(260),
            windows_closed: true,
            occupied: true,
            checker: String::new(),
            note: String::new(),
        };
        check(
            &Record::AcCheck(row),
            "一楼大厅",
            "AC check of 一楼大厅 on 07-08 10:00",
            "一楼大厅 07-08 10:00 的空调检查",
        );
    }

    #[test]
    fn an_unknown_owner_and_a_long_title_still_read_well() {
        check(
            &complaint(ComplaintKind::Inquiry),
            "",
            "inquiry received 07-08 09:30",
            "07-08 09:30 收到的咨询",
        );
        let long = "一".repeat(40);
        let name = RecordName::of(&opportunity(&long), "");
        assert_eq!(name.title.chars().count(), TITLE_CHARS);
        assert!(name.text(Lang::En).ends_with('…'));
        assert_eq!(owner_of(&opportunity("x")), Owner::Customer(CustomerId(7)));
    }

    #[test]
    fn finding_references_are_said_in_words() {
        let find = |table: &str, id: i64| match (table, id) {
            ("complaints", 61) => {
                Some(RecordName::of(&complaint(ComplaintKind::Complaint), "郑五"))
            }
            ("customers", 7) => Some(customer_name("郑五")),
            _ => None,
        };
        let en = |r: &str| reference_text(r, &find, Lang::En);
        let zh = |r: &str| reference_text(r, &find, Lang::Zh);
        assert_eq!(en("complaints#61"), "complaint of 郑五 received 07-08 09:30");
        assert_eq!(zh("complaints#61"), "郑五 07-08 09:30 收到的投诉");
        assert_eq!(en("customers#7"), "customer 郑五");
        assert_eq!(zh("customers#7"), "客户 郑五");
        assert_eq!(en("complaints#99"), "complaint", "gone: the kind alone");
        assert_eq!(zh("ac_areas#3 09:00-11:00"), "区域 09:00-11:00");
        assert_eq!(en("visits 2026-06"), "visits 2026-06");
        assert_eq!(zh("service_reports visits 2026-06"), "走访总结 2026-06");
        assert_eq!(en("service_reports complaints 2026-06"), "complaint/query summary 2026-06");
        assert_eq!(en("opportunities#x"), "opportunity");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(69_659), "69,659");
        assert_eq!(grouped(1_000_000), "1,000,000");
    }
}
