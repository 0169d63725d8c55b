//! Turning one row of cells into a typed record of its import kind
//! (STYLE rule 7, "parse, don't validate"), with every problem of the row
//! reported by row, column and value.
//!
//! Customers are referred to by code: ids are resolved by the store, which
//! also creates unknown customers or AC areas when asked to.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use super::super::Lang;
use super::super::customer::{
    CustomerData, CustomerId, Field, Problem, is_email, is_phone, parse_customer,
};
use super::super::pipeline::default_probability;
use super::super::records::{CalendarDay, ChurnRecord, Opportunity};
use super::super::table::unescape_text;
use super::super::terms::{
    AcCheckKind, ActivityKind, ChurnReason, ComplaintKind, ComplaintStatus, CreditRating,
    CustomerKind, Grade, LadderStep, OpportunityStage, Source,
};
use super::kinds::ImportKind;
use super::mapping::Mapping;
use super::problems::{Reason, RowProblem, YEARS, cell_problem};
use super::values::{
    parse_amount_cents, parse_bool, parse_date, parse_date_maybe_time, parse_datetime, parse_id,
    parse_level_1_5, parse_percent, parse_quantity, parse_temp_tenths, parse_time,
};

/// One parsed row, ready for the store. Text fields are trimmed; empty
/// optional cells are `None` or empty strings.
#[derive(Clone, Debug, PartialEq)]
pub enum ParsedRow {
    /// A customer, already checked by [`parse_customer`] (code `None`:
    /// generate one).
    Customer(CustomerData),
    Transaction {
        customer_code: String,
        date: NaiveDate,
        amount_cents: i64,
        order_no: String,
        product: String,
        quantity: Option<f64>,
    },
    Activity {
        customer_code: String,
        /// A date without a time is that day at 00:00.
        at: NaiveDateTime,
        kind: ActivityKind,
        subject: String,
        outcome: String,
        next_step: String,
        next_step_due: Option<NaiveDate>,
        /// An opportunity id.
        opportunity: Option<i64>,
    },
    Complaint {
        customer_code: String,
        received_at: NaiveDateTime,
        kind: ComplaintKind,
        channel: String,
        category: String,
        description: String,
        first_handler: String,
        first_response_at: Option<NaiveDateTime>,
        resolved_at: Option<NaiveDateTime>,
        resolution: String,
        /// `None` when the file has no status: the store derives it.
        status: Option<ComplaintStatus>,
    },
    Survey {
        customer_code: String,
        date: NaiveDate,
        expected: u8,
        perceived: u8,
        comment: String,
    },
    Contact {
        customer_code: String,
        name: String,
        role: String,
        phone: String,
        email: String,
        notes: String,
    },
    /// An opportunity, ready but for its customer (resolved by the store).
    Opportunity {
        customer_code: String,
        /// The file's id, kept (`None`: SQLite chooses one).
        id: Option<i64>,
        /// `customer` is a placeholder; `created_at` is `None` when the file
        /// does not say (the store uses the import's time).
        record: Box<Opportunity>,
        created_at: Option<NaiveDateTime>,
    },
    /// A day of the working calendar: a holiday or a make-up working day.
    CalendarDay(CalendarDay),
    /// A churn record, ready but for its customer (`customer` is a
    /// placeholder, resolved by the store).
    Churn {
        customer_code: String,
        record: ChurnRecord,
    },
    AcCheck {
        /// The area's name; an unknown one is created by the store.
        area: String,
        date: NaiveDate,
        time: NaiveTime,
        /// `check` when the file does not say.
        kind: AcCheckKind,
        reference_temp_tenths: i32,
        ac_on: bool,
        set_temp_tenths: Option<i32>,
        /// `None` when not recorded.
        windows_closed: Option<bool>,
        /// `None` when not recorded.
        occupied: Option<bool>,
        checker: String,
        note: String,
    },
}

/// Parses the cells of data row `row` (1-based, the header being row 1)
/// into a record of the mapping's kind. Cells are trimmed; a leading `'`
/// that an export added to keep text from running as a formula is removed.
/// Returns every problem of the row (at most one per cell), in column
/// order: a row that ends before a required field's column, or with
/// non-empty cells past the header's; any mapped cell that [`cell_problem`]
/// refuses; dates outside [`YEARS`]; and whatever the field's parser says.
/// Text that starts like a formula is data (DOMAIN §5): it is read as it is.
///
/// The kind comes from `mapping` (which was made for one kind), so the two
/// cannot disagree.
pub fn parse_row<S: AsRef<str>>(
    mapping: &Mapping,
    row: usize,
    cells: &[S],
) -> Result<ParsedRow, Vec<RowProblem>> {
    let mut r = RowReader { mapping, row, cells, errors: Vec::new() };
    r.check_shape();
    for (_, index) in mapping.mapped() {
        let raw = cells.get(index).map_or("", |c| c.as_ref().trim());
        if let Some(reason) = cell_problem(raw) {
            r.fail_at(index, raw, reason);
        }
    }
    let parsed = match mapping.kind() {
        ImportKind::Customers => customer(&mut r),
        ImportKind::Transactions => transaction(&mut r),
        ImportKind::Activities => activity(&mut r),
        ImportKind::Complaints => complaint(&mut r),
        ImportKind::Surveys => survey(&mut r),
        ImportKind::AcChecks => ac_check(&mut r),
        ImportKind::Contacts => contact(&mut r),
        ImportKind::Opportunities => opportunity(&mut r),
        ImportKind::Calendar => calendar_day(&mut r),
        ImportKind::Churn => churn(&mut r),
    };
    match parsed {
        Some(parsed) if r.errors.is_empty() => Ok(parsed),
        _ => {
            debug_assert!(!r.errors.is_empty(), "a missing value is always reported");
            r.errors.sort_by_key(|(column, _)| *column);
            Err(r.errors.into_iter().map(|(_, e)| e).collect())
        }
    }
}

/// A date in [`YEARS`].
fn date(text: &str) -> Result<NaiveDate, Reason> {
    let date = parse_date(text)?;
    plausible(date)
}

/// A date-time whose date is in [`YEARS`].
fn datetime(text: &str) -> Result<NaiveDateTime, Reason> {
    let at = parse_datetime(text)?;
    plausible(at.date()).map(|_| at)
}

/// A date with an optional time, the date in [`YEARS`].
fn date_maybe_time(text: &str) -> Result<NaiveDateTime, Reason> {
    let at = parse_date_maybe_time(text)?;
    plausible(at.date()).map(|_| at)
}

fn plausible(date: NaiveDate) -> Result<NaiveDate, Reason> {
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(Reason::YearOutOfRange { year: date.year() })
    }
}

/// A quantity of 0 or more.
fn quantity(text: &str) -> Result<f64, Reason> {
    let quantity = parse_quantity(text)?;
    if quantity < 0.0 { Err(Reason::NegativeQuantity) } else { Ok(quantity) }
}

fn customer<S: AsRef<str>>(r: &mut RowReader<'_, S>) -> Option<ParsedRow> {
    // `parse_customer` reports a missing name, a bad code, phone or e-mail.
    let mut data = CustomerData::named(r.string("name"));
    data.code = Some(r.string("code"));
    data.kind = r.optional("kind", term::<CustomerKind>).unwrap_or(CustomerKind::Individual);
    data.industry = r.string("industry");
    data.source = r.optional("source", term::<Source>).unwrap_or(Source::Other);
    data.grade = r.optional("grade", term::<Grade>);
    data.phone = r.string("phone");
    data.email = r.string("email");
    data.address = r.string("address");
    data.credit_rating = r.optional("credit_rating", term::<CreditRating>);
    data.ladder_step =
        r.optional("ladder_step", term::<LadderStep>).unwrap_or(LadderStep::Prospect);
    data.notes = r.string("notes");
    match parse_customer(data) {
        Ok(data) => Some(ParsedRow::Customer(data)),
        Err(problems) => {
            for problem in problems {
                let field = match problem.field {
                    Field::Code => "code",
                    Field::Name => "name",
                    Field::Phone => "phone",
                    Field::Email => "email",
                    // Not importable: the stage is never `dissolution` here.
                    Field::DissolutionReason => continue,
                };
                let value = r.text(field);
                r.fail(field, value, problem_reason(field, &problem.problem));
            }
            None
        }
    }
}

fn transaction<S: AsRef<str>>(r: &mut RowReader<'_, S>) -> Option<ParsedRow> {
    let customer_code = r.required("customer_code", customer_code);
    let date = r.required("date", date);
    let amount_cents = r.required("amount", parse_amount_cents);
    let quantity = r.optional("quantity", quantity);
    Some(ParsedRow::Transaction {
        customer_code: customer_code?,
        date: date?,
        amount_cents: amount_cents?,
        order_no: r.string("order_no"),
        product: r.string("product"),
        quantity,
    })
}

fn activity<S: AsRef<str>>(r: &mut RowReader<'_, S>) -> Option<ParsedRow> {
    let customer_code = r.required("customer_code", customer_code);
    let at = r.required("date", date_maybe_time);
    let kind = r.required("kind", term::<ActivityKind>);
    let next_step_due = r.optional("next_step_due", date);
    let opportunity = r.optional("opportunity", parse_id);
    Some(ParsedRow::Activity {
        customer_code: customer_code?,
        at: at?,
        kind: kind?,
        subject: r.string("subject"),
        outcome: r.string("outcome"),
        next_step: r.string("next_step"),
        next_step_due,
        opportunity,
    })
}

fn complaint<S: AsRef<str>>(r: &mut RowReader<'_, S>) -> Option<ParsedRow> {
    let received_at = r.required("received_at", datetime);
    let customer_code = r.required("customer_code", customer_code);
    let kind = r.required("kind", term::<ComplaintKind>);
    let first_response_at = not_before(r, "first_response_at", received_at);
    let resolved_at = not_before(r, "resolved_at", received_at);
    let status = r.optional("status", term::<ComplaintStatus>);
    Some(ParsedRow::Complaint {
        customer_code: customer_code?,
        received_at: received_at?,
        kind: kind?,
        channel: r.string("channel"),
        category: r.string("category"),
        description: r.string("description"),
        first_handler: r.string("first_handler"),
        first_response_at,
        resolved_at,
        resolution: r.string("resolution"),
        status,
    })
}

/// An optional date-time that cannot be earlier than `received`.
fn not_before<S: AsRef<str>>(
    r: &mut RowReader<'_, S>,
    field: &str,
    received: Option<NaiveDateTime>,
) -> Option<NaiveDateTime> {
    let at = r.optional(field, datetime)?;
    if received.is_some_and(|received| at < received) {
        let value = r.text(field);
        r.fail(field, value, Reason::EarlierThanReceived);
    }
    Some(at)
}

fn survey<S: AsRef<str>>(r: &mut RowReader<'_, S>) -> Option<ParsedRow> {
    let customer_code = r.required("customer_code", customer_code);
    let date = r.required("date", date);
    let expected = r.required("expected", parse_level_1_5);
    let perceived = r.required("perceived", parse_level_1_5);
    Some(ParsedRow::Survey {
        customer_code: customer_code?,
        date: date?,
        expected: expected?,
        perceived: perceived?,
        comment: r.string("comment"),
    })
}

fn churn<S: AsRef<str>>(r: &mut RowReader<'_, S>) -> Option<ParsedRow> {
    let customer_code = r.required("customer_code", customer_code);
    let recorded_at = r.required("recorded_at", date);
    let reason = r.required("reason", term::<ChurnReason>);
    let try_repair = r.optional("try_repair", parse_bool).unwrap_or(false);
    let estimated_loss_cents = r.optional("estimated_loss", parse_amount_cents).unwrap_or(0);
    let winback_cost_cents = r.optional("winback_cost", winback_cost);
    Some(ParsedRow::Churn {
        customer_code: customer_code?,
        record: ChurnRecord {
            customer: CustomerId(-1),
            recorded_at: recorded_at?,
            reason: reason?,
            root_cause: r.string("root_cause"),
            try_repair,
            estimated_loss_cents,
            winback_cost_cents,
        },
    })
}

/// A win-back cost: money, 0 or more.
fn winback_cost(text: &str) -> Result<i64, Reason> {
    let cents = parse_amount_cents(text)?;
    if cents < 0 { Err(Reason::NegativeCost) } else { Ok(cents) }
}

fn ac_check<S: AsRef<str>>(r: &mut RowReader<'_, S>) -> Option<ParsedRow> {
    let date = r.required("date", date);
    let time = r.required("time", parse_time);
    let area = r.required("area", |s| Ok::<_, Reason>(s.to_owned()));
    let reference_temp_tenths = r.required("reference_temp_c", parse_temp_tenths);
    let ac_on = r.required("ac_on", parse_bool);
    let set_temp_tenths = r.optional("set_temp_c", parse_temp_tenths);
    let windows_closed = r.optional("windows_closed", parse_bool);
    let occupied = r.optional("occupied", parse_bool);
    let kind = r.optional("kind", term::<AcCheckKind>).unwrap_or(AcCheckKind::Check);
    Some(ParsedRow::AcCheck {
        area: area?,
        date: date?,
        time: time?,
        kind,
        reference_temp_tenths: reference_temp_tenths?,
        ac_on: ac_on?,
        set_temp_tenths,
        windows_closed,
        occupied,
        checker: r.string("checker"),
        note: r.string("note"),
    })
}

fn contact<S: AsRef<str>>(r: &mut RowReader<'_, S>) -> Option<ParsedRow> {
    let customer_code = r.required("customer_code", customer_code);
    let name = r.required("name", |s| Ok::<_, Reason>(s.to_owned()));
    let phone = r.optional("phone", |s| is_phone(s).then(|| s.to_owned()).ok_or(Reason::BadPhone));
    let email = r.optional("email", |s| is_email(s).then(|| s.to_owned()).ok_or(Reason::BadEmail));
    Some(ParsedRow::Contact {
        customer_code: customer_code?,
        name: name?,
        role: r.string("role"),
        phone: phone.unwrap_or_default(),
        email: email.unwrap_or_default(),
        notes: r.string("notes"),
    })
}

fn opportunity<S: AsRef<str>>(r: &mut RowReader<'_, S>) -> Option<ParsedRow> {
    let id = r.optional("id", parse_id);
    let customer_code = r.required("customer_code", customer_code);
    let title = r.required("title", |s| Ok::<_, Reason>(s.to_owned()));
    let stage = r.optional("stage", term::<OpportunityStage>).unwrap_or(OpportunityStage::Lead);
    let expected_value_cents = r.optional("expected_value", parse_amount_cents).unwrap_or(0);
    let probability_pct =
        r.optional("probability_pct", parse_percent).unwrap_or_else(|| default_probability(stage));
    let expected_close = r.optional("expected_close", date);
    let created_at = r.optional("created_at", date_maybe_time);
    let closed_at = r.optional("closed_at", date);
    let delivered_at = r.optional("delivered_at", date);
    let record = Opportunity {
        id: 0,
        customer: CustomerId(-1),
        title: title?,
        stage,
        expected_value_cents,
        probability_pct,
        expected_close,
        created_at: NaiveDateTime::default(),
        closed_at,
        delivered_at,
        owner: r.string("owner"),
        notes: r.string("notes"),
    };
    Some(ParsedRow::Opportunity {
        customer_code: customer_code?,
        id,
        record: Box::new(record),
        created_at,
    })
}

fn calendar_day<S: AsRef<str>>(r: &mut RowReader<'_, S>) -> Option<ParsedRow> {
    let date = r.required("date", date);
    let working = r.required("working", parse_bool);
    Some(ParsedRow::CalendarDay(CalendarDay {
        date: date?,
        working: working?,
        name: r.string("name"),
    }))
}

/// Reads the cells of one row by field name and collects its problems,
/// each with the column index it is sorted by (at most one per column).
struct RowReader<'a, S> {
    mapping: &'a Mapping,
    row: usize,
    cells: &'a [S],
    errors: Vec<(usize, RowProblem)>,
}

impl<'a, S: AsRef<str>> RowReader<'a, S> {
    /// The cell of `field`: trimmed, formula escape removed; empty when the
    /// file has no such column or the row is short.
    fn text(&self, field: &str) -> &'a str {
        let cells: &'a [S] = self.cells;
        self.mapping
            .column(field)
            .and_then(|c| cells.get(c))
            .map_or("", |cell| unescape_text(cell.as_ref().trim()).trim())
    }

    fn string(&self, field: &str) -> String {
        self.text(field).to_owned()
    }

    /// A row that ends before the column of a required field, or that has
    /// non-empty cells past the header's columns. (A row that ends early
    /// with only optional columns left is read with those cells empty:
    /// Excel leaves out trailing empty cells on some rows of a CSV.)
    fn check_shape(&mut self) {
        let columns = self.mapping.headers().len();
        let cells = self.cells.len();
        if cells < columns {
            let first_required = self
                .mapping
                .mapped()
                .filter(|(field, index)| field.required && *index >= cells)
                .map(|(_, index)| index)
                .min();
            if let Some(index) = first_required {
                self.fail_at(index, "", Reason::TooFewCells { cells, columns });
            }
        } else if let Some(extra) =
            (columns..cells).find(|&i| !self.cells[i].as_ref().trim().is_empty())
        {
            let value = self.cells[extra].as_ref().trim();
            self.fail_at(extra, value, Reason::TooManyCells { cells, columns });
        }
    }

    /// Records a problem with column `index`, unless that column has one.
    fn fail_at(&mut self, index: usize, value: &str, reason: Reason) {
        if self.errors.iter().any(|(c, _)| *c == index) {
            return;
        }
        let problem = RowProblem::at(self.mapping, self.row, index, value, reason);
        self.errors.push((index, problem));
    }

    fn fail(&mut self, field: &str, value: &str, reason: Reason) {
        match self.mapping.column(field) {
            Some(index) => self.fail_at(index, value, reason),
            None => {
                let problem = RowProblem {
                    row: self.row,
                    column: field.to_owned(),
                    value: value.to_owned(),
                    reason,
                };
                self.errors.push((usize::MAX, problem));
            }
        }
    }

    /// A required field: an empty cell or a parse failure is a problem.
    fn required<T, E: Into<Reason>>(
        &mut self,
        field: &'static str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        let text = self.text(field);
        if text.is_empty() {
            self.fail(field, text, Reason::Missing { field });
            return None;
        }
        self.parse(field, text, parse)
    }

    /// An optional field: `None` when empty; a parse failure is a problem.
    fn optional<T, E: Into<Reason>>(
        &mut self,
        field: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        let text = self.text(field);
        if text.is_empty() {
            return None;
        }
        self.parse(field, text, parse)
    }

    fn parse<T, E: Into<Reason>>(
        &mut self,
        field: &str,
        text: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        match parse(text) {
            Ok(value) => Some(value),
            Err(e) => {
                self.fail(field, text, e.into());
                None
            }
        }
    }
}

/// A customer code as the customer form accepts it (no spaces, not too
/// long), so that `--create-customers` can store it.
fn customer_code(text: &str) -> Result<String, Reason> {
    let mut data = CustomerData::named(text);
    data.code = Some(text.to_owned());
    match parse_customer(data) {
        Ok(_) => Ok(text.to_owned()),
        Err(problems) => Err(problems
            .iter()
            .find(|p| p.field == Field::Code)
            .or(problems.first())
            .map_or(Reason::HasSpaces, |p| problem_reason("customer_code", &p.problem))),
    }
}

fn problem_reason(field: &'static str, problem: &Problem) -> Reason {
    match problem {
        Problem::Required => Reason::Missing { field },
        Problem::TooLong { max } => Reason::TooLong { max: *max },
        Problem::HasSpaces => Reason::HasSpaces,
        Problem::BadPhone => Reason::BadPhone,
        Problem::BadEmail => Reason::BadEmail,
        Problem::DuplicateCode { by } => Reason::CodeUsedBy { by: by.clone() },
    }
}

/// A closed vocabulary read from a cell: its code, English or Chinese name.
trait Term: Copy + 'static {
    /// What a value is called in messages, with its article (`an activity kind`).
    const WHAT: &'static str;
    /// The same in Chinese (`活动类型`).
    const WHAT_ZH: &'static str;
    fn values() -> &'static [Self];
    fn parse(text: &str) -> Option<Self>;
    fn code(self) -> &'static str;
    fn zh(self) -> &'static str;
}

macro_rules! term {
    ($($ty:ty => $what:literal, $what_zh:literal),+ $(,)?) => {$(
        impl Term for $ty {
            const WHAT: &'static str = $what;
            const WHAT_ZH: &'static str = $what_zh;
            fn values() -> &'static [Self] {
                <$ty>::ALL
            }
            fn parse(text: &str) -> Option<Self> {
                <$ty>::parse_loose(text)
            }
            fn code(self) -> &'static str {
                <$ty>::code(self)
            }
            fn zh(self) -> &'static str {
                self.name(Lang::Zh)
            }
        }
    )+};
}

term! {
    ChurnReason => "a churn reason", "流失原因",
    CustomerKind => "a customer kind", "客户类型",
    Source => "a source", "客户来源",
    Grade => "a grade", "客户等级",
    CreditRating => "a credit rating", "信用等级",
    LadderStep => "a ladder step", "关系阶梯",
    ActivityKind => "an activity kind", "活动类型",
    ComplaintKind => "a complaint kind", "投诉类型",
    ComplaintStatus => "a complaint status", "处理状态",
    AcCheckKind => "a check kind", "检查类型",
    OpportunityStage => "an opportunity stage", "销售阶段",
}

/// Parses a vocabulary value; the error lists the codes and Chinese names.
fn term<T: Term>(text: &str) -> Result<T, Reason> {
    T::parse(text).ok_or_else(|| Reason::NotTerm {
        what: T::WHAT,
        what_zh: T::WHAT_ZH,
        codes: T::values().iter().map(|v| v.code()).collect(),
        names: T::values().iter().map(|v| v.zh()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::mapping::map_columns;
    use super::super::values::ValueError;
    use super::*;

    fn mapping(kind: ImportKind, headers: &[&str]) -> Mapping {
        let headers: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
        map_columns(kind, &headers, &[]).expect("headers map")
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn a_transaction_row_parses() {
        let m = mapping(ImportKind::Transactions, &["客户代码", "日期", "金额", "数量", "产品"]);
        let row = parse_row(&m, 2, &["C-000001", "2026/3/1", "¥1,234.50", "2", " 空调 "]);
        assert_eq!(
            row,
            Ok(ParsedRow::Transaction {
                customer_code: "C-000001".into(),
                date: date(2026, 3, 1),
                amount_cents: 123_450,
                order_no: String::new(),
                product: "空调".into(),
                quantity: Some(2.0),
            })
        );
    }

    #[test]
    fn a_transaction_row_reports_every_problem() {
        let m = mapping(ImportKind::Transactions, &["客户代码", "日期", "金额"]);
        let errors = parse_row(&m, 7, &["C-000001", "2026-02-30", "12.345"]).expect_err("bad row");
        assert_eq!(
            errors,
            vec![
                RowProblem {
                    row: 7,
                    column: "日期".into(),
                    value: "2026-02-30".into(),
                    reason: ValueError::NoSuchDay { year: 2026, month: 2, day: 30 }.into(),
                },
                RowProblem {
                    row: 7,
                    column: "金额".into(),
                    value: "12.345".into(),
                    reason: ValueError::AmountDecimals.into(),
                },
            ]
        );
        assert_eq!(
            errors[0].to_string(),
            r#"7:日期: no such day in the calendar: 2026-02-30 (value "2026-02-30")"#
        );
    }

    #[test]
    fn empty_required_cells_and_short_rows() {
        let m = mapping(ImportKind::Transactions, &["amount", "customer_code", "date"]);
        let errors = parse_row(&m, 3, &["", "C 1"]).expect_err("bad row");
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "3:amount: missing: amount is required",
                r#"3:customer_code: not a code: codes cannot contain spaces (value "C 1")"#,
                "3:date: this row has 2 cells but the header row has 3 columns (a cell or a comma \
                 is missing)",
            ]
        );
        assert_eq!(parse_row(&m, 3, &["", "C 1", ""]).expect_err("bad row").len(), 3);
        let errors = parse_row(&m, 4, &["1", "C-1", "2026-03-01", "", "x"]).expect_err("long");
        assert_eq!(
            errors[0].to_string(),
            "4:column 5: this row has 5 cells but the header row has 3 columns (a comma inside \
             a value without quotes?) (value \"x\")"
        );
        assert!(parse_row(&m, 5, &["1", "C-1", "2026-03-01", "", ""]).is_ok(), "empty extras");
        let m = mapping(ImportKind::Transactions, &["customer_code", "date", "amount", "product"]);
        assert!(parse_row(&m, 3, &["C-1", "2026-03-01", "1"]).is_ok(), "optional cells left out");
    }

    #[test]
    fn customers_use_the_customer_rules() {
        let m = mapping(
            ImportKind::Customers,
            &["客户名称", "客户代码", "客户类型", "电话", "信用等级", "阶梯"],
        );
        let Ok(ParsedRow::Customer(data)) =
            parse_row(&m, 2, &["广州白云", "C-9", "企业", "'+86 20 8765 4321", "良好", "client"])
        else {
            panic!("row parses");
        };
        assert_eq!(data.code.as_deref(), Some("C-9"));
        assert_eq!(data.kind, CustomerKind::Organisation);
        assert_eq!(data.phone, "+86 20 8765 4321", "the export's formula escape is removed");
        assert_eq!(data.credit_rating, Some(CreditRating::Good));
        assert_eq!(data.ladder_step, LadderStep::Client);

        let errors =
            parse_row(&m, 4, &["", "", "机构", "abc", "", ""]).expect_err("three problems");
        let columns: Vec<&str> = errors.iter().map(|e| e.column.as_str()).collect();
        assert_eq!(columns, ["客户名称", "客户类型", "电话"]);
        assert_eq!(
            errors[1].reason.to_string(),
            "not a customer kind: expected individual or organisation (个人 or 企业)"
        );
    }

    #[test]
    fn activities_complaints_and_surveys() {
        let m = mapping(ImportKind::Activities, &["客户代码", "日期", "类型", "主题"]);
        let row = parse_row(&m, 2, &["C-1", "2026-03-01 09:30", "回访", "电话回访"]);
        assert!(
            matches!(row, Ok(ParsedRow::Activity { kind: ActivityKind::Revisit, .. })),
            "{row:?}"
        );
        let errors = parse_row(&m, 3, &["C-1", "2026-03-01", "lunch"]).expect_err("bad kind");
        assert_eq!(
            errors[0].reason.to_string(),
            "not an activity kind: expected call, visit, revisit, email, meeting or note \
             (电话, 走访, 回访, 邮件, 会议 or 备注)"
        );

        let m = mapping(ImportKind::Complaints, &["受理时间", "客户代码", "类型", "解决时间"]);
        let errors = parse_row(&m, 5, &["2026-03-02 10:00", "C-1", "投诉", "2026-03-01 10:00"])
            .expect_err("resolved before received");
        assert_eq!(
            errors[0].to_string(),
            r#"5:解决时间: earlier than received_at (value "2026-03-01 10:00")"#
        );

        let m = mapping(ImportKind::Surveys, &["客户代码", "日期", "期望", "感知"]);
        let errors = parse_row(&m, 2, &["C-1", "2026-03-01", "0", "6"]).expect_err("levels");
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn ac_check_rows() {
        let m = mapping(
            ImportKind::AcChecks,
            &["日期", "时间", "区域", "参考温度(℃)", "空调开启", "设定温度", "门窗关闭"],
        );
        let row = parse_row(&m, 2, &["2026-07-01", "09:30", "财务部", "28.5℃", "是", "26", ""]);
        assert_eq!(
            row,
            Ok(ParsedRow::AcCheck {
                area: "财务部".into(),
                date: date(2026, 7, 1),
                time: NaiveTime::from_hms_opt(9, 30, 0).expect("time"),
                kind: AcCheckKind::Check,
                reference_temp_tenths: 285,
                ac_on: true,
                set_temp_tenths: Some(260),
                windows_closed: None,
                occupied: None,
                checker: String::new(),
                note: String::new(),
            })
        );
        let errors = parse_row(&m, 3, &["2026-07-01", "9:30", "财务部", "28.55", "开", "26", "x"])
            .expect_err("bad");
        let columns: Vec<&str> = errors.iter().map(|e| e.column.as_str()).collect();
        assert_eq!(columns, ["参考温度(℃)", "空调开启", "门窗关闭"]);
    }
}
