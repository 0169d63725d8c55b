//! The day's records as a user types them (DOMAIN §6): a sale on a
//! customer, a satisfaction survey, a contact person of an organisation.
//! Each form's text is parsed here, every problem at once and tied to its
//! field; the store checks the typed record again before writing it
//! ([`check_sale`], [`check_survey`], [`check_contact`]). Also the
//! customer's next follow-up ([`next_follow_up`]).

use chrono::NaiveDate;

use super::Lang;
use super::customer::{CustomerId, is_email, is_phone};
use super::import::values::{
    ValueError, parse_amount_cents, parse_date, parse_level_1_5, parse_quantity,
};
use super::labels::{self as l, Label};
use super::records::{Activity, Contact, Survey, Transaction};

/// A field of one of the entry forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryField {
    Customer,
    Date,
    Amount,
    OrderNo,
    Product,
    Quantity,
    Expected,
    Perceived,
    Comment,
    Name,
    Role,
    Phone,
    Email,
}

impl EntryField {
    /// The field's label, as the forms show it.
    pub fn label(self) -> Label {
        match self {
            Self::Customer => l::CUSTOMER,
            Self::Date => l::DATE,
            Self::Amount => l::AMOUNT,
            Self::OrderNo => l::ORDER_NO,
            Self::Product => l::PRODUCT,
            Self::Quantity => l::QUANTITY,
            Self::Expected => l::EXPECTED_LEVEL,
            Self::Perceived => l::PERCEIVED_LEVEL,
            Self::Comment => l::COMMENT,
            Self::Name => l::CONTACT_NAME,
            Self::Role => l::ROLE,
            Self::Phone => l::CONTACT_PHONE,
            Self::Email => l::CONTACT_EMAIL,
        }
    }
}

/// What is wrong with a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryProblem {
    Required,
    /// The text is not a value of the field's type.
    Value(ValueError),
    BadPhone,
    BadEmail,
    TooLong {
        max: usize,
    },
    /// No live customer has that code.
    UnknownCustomer,
    /// Contact persons belong to organisations only.
    NotOrganisation,
    /// An amount of zero is no sale.
    ZeroAmount,
}

/// A problem tied to its field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryError {
    pub field: EntryField,
    pub problem: EntryProblem,
}

impl EntryError {
    fn new(field: EntryField, problem: EntryProblem) -> Self {
        Self { field, problem }
    }

    /// What is wrong, without the field's name (shown under the field).
    pub fn problem_text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match &self.problem {
            EntryProblem::Required => if zh { "必填" } else { "Required" }.to_owned(),
            EntryProblem::Value(e) => e.text(lang),
            EntryProblem::BadPhone => if zh {
                "不是电话号码（5–20 位数字）"
            } else {
                "Not a phone number (5–20 digits)"
            }
            .to_owned(),
            EntryProblem::BadEmail => if zh {
                "不是电子邮箱（如 li@example.cn）"
            } else {
                "Not an e-mail address (like li@example.cn)"
            }
            .to_owned(),
            EntryProblem::TooLong { max } => {
                if zh {
                    format!("太长：最多 {max} 个字符")
                } else {
                    format!("Too long: at most {max} characters")
                }
            }
            EntryProblem::UnknownCustomer => if zh {
                "没有这个客户：输入名称或代码后从列表中选择"
            } else {
                "No such customer: type a name or code and choose from the list"
            }
            .to_owned(),
            EntryProblem::NotOrganisation => if zh {
                "只有企业客户才有联系人"
            } else {
                "Only organisation customers have contact persons"
            }
            .to_owned(),
            EntryProblem::ZeroAmount => {
                if zh { "金额不能为 0" } else { "An amount of 0 is no sale" }.to_owned()
            }
        }
    }

    /// The field and what is wrong with it ("Amount: …").
    pub fn text(&self, lang: Lang) -> String {
        let sep = if lang == Lang::Zh { "：" } else { ": " };
        format!("{}{sep}{}", self.field.label().text(lang), self.problem_text(lang))
    }
}

/// The longest text a free-text field takes.
pub const MAX_TEXT: usize = 500;

/// The text of the sale form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaleInput {
    pub date: String,
    pub amount: String,
    pub order_no: String,
    pub product: String,
    pub quantity: String,
}

/// The text of the survey form (levels 1–5).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SurveyInput {
    pub date: String,
    pub expected: String,
    pub perceived: String,
    pub comment: String,
}

/// The text of the contact form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactInput {
    pub name: String,
    pub role: String,
    pub phone: String,
    pub email: String,
}

/// Collects problems while fields are parsed.
#[derive(Default)]
struct Problems(Vec<EntryError>);

impl Problems {
    fn push(&mut self, field: EntryField, problem: EntryProblem) {
        self.0.push(EntryError::new(field, problem));
    }

    /// A required field parsed by `parse`; `None` (noted) when empty or bad.
    fn required<T>(
        &mut self,
        field: EntryField,
        text: &str,
        parse: impl FnOnce(&str) -> Result<T, ValueError>,
    ) -> Option<T> {
        if text.trim().is_empty() {
            self.push(field, EntryProblem::Required);
            return None;
        }
        parse(text.trim()).map_err(|e| self.push(field, EntryProblem::Value(e))).ok()
    }

    /// An optional field: `Some(None)` when empty, `None` (noted) when bad.
    fn optional<T>(
        &mut self,
        field: EntryField,
        text: &str,
        parse: impl FnOnce(&str) -> Result<T, ValueError>,
    ) -> Option<Option<T>> {
        if text.trim().is_empty() {
            return Some(None);
        }
        parse(text.trim()).map(Some).map_err(|e| self.push(field, EntryProblem::Value(e))).ok()
    }

    /// Free text, trimmed; too long is noted.
    fn text(&mut self, field: EntryField, text: &str) -> String {
        let text = text.trim();
        if text.chars().count() > MAX_TEXT {
            self.push(field, EntryProblem::TooLong { max: MAX_TEXT });
        }
        text.to_owned()
    }

    fn customer(&mut self, customer: Option<CustomerId>) -> CustomerId {
        customer.unwrap_or_else(|| {
            self.push(EntryField::Customer, EntryProblem::UnknownCustomer);
            CustomerId(0)
        })
    }

    fn done<T>(self, value: Option<T>) -> Result<T, Vec<EntryError>> {
        match value {
            Some(value) if self.0.is_empty() => Ok(value),
            _ => Err(self.0),
        }
    }
}

/// Parses the sale form for `customer` (`None`: none chosen).
pub fn parse_sale(
    customer: Option<CustomerId>,
    input: &SaleInput,
) -> Result<Transaction, Vec<EntryError>> {
    let mut p = Problems::default();
    let customer = p.customer(customer);
    let date = p.required(EntryField::Date, &input.date, parse_date);
    let amount = p.required(EntryField::Amount, &input.amount, parse_amount_cents);
    if amount == Some(0) {
        p.push(EntryField::Amount, EntryProblem::ZeroAmount);
    }
    let order_no = p.text(EntryField::OrderNo, &input.order_no);
    let product = p.text(EntryField::Product, &input.product);
    let quantity = p.optional(EntryField::Quantity, &input.quantity, parse_quantity);
    let sale = match (date, amount, quantity) {
        (Some(date), Some(amount_cents), Some(quantity)) => {
            Some(Transaction { customer, date, amount_cents, order_no, product, quantity })
        }
        _ => None,
    };
    p.done(sale)
}

/// Parses the survey form for `customer`.
pub fn parse_survey(
    customer: Option<CustomerId>,
    input: &SurveyInput,
) -> Result<Survey, Vec<EntryError>> {
    let mut p = Problems::default();
    let customer = p.customer(customer);
    let date = p.required(EntryField::Date, &input.date, parse_date);
    let expected = p.required(EntryField::Expected, &input.expected, parse_level_1_5);
    let perceived = p.required(EntryField::Perceived, &input.perceived, parse_level_1_5);
    let comment = p.text(EntryField::Comment, &input.comment);
    let survey = match (date, expected, perceived) {
        (Some(date), Some(expected), Some(perceived)) => {
            Some(Survey { customer, date, expected, perceived, comment })
        }
        _ => None,
    };
    p.done(survey)
}

/// Parses the contact form for `customer` (`organisation`: whether that
/// customer is one; persons have no contact persons).
pub fn parse_contact(
    customer: Option<CustomerId>,
    organisation: bool,
    input: &ContactInput,
) -> Result<Contact, Vec<EntryError>> {
    let mut p = Problems::default();
    let customer = p.customer(customer);
    if !organisation {
        p.push(EntryField::Customer, EntryProblem::NotOrganisation);
    }
    let name = p.text(EntryField::Name, &input.name);
    if name.is_empty() {
        p.push(EntryField::Name, EntryProblem::Required);
    }
    let role = p.text(EntryField::Role, &input.role);
    let phone = p.text(EntryField::Phone, &input.phone);
    if !phone.is_empty() && !is_phone(&phone) {
        p.push(EntryField::Phone, EntryProblem::BadPhone);
    }
    let email = p.text(EntryField::Email, &input.email);
    if !email.is_empty() && !is_email(&email) {
        p.push(EntryField::Email, EntryProblem::BadEmail);
    }
    p.done(Some(Contact { customer, name, role, phone, email, notes: String::new() }))
}

/// The sale form's text for a stored sale (to edit it).
pub fn sale_input(t: &Transaction) -> SaleInput {
    SaleInput {
        date: t.date.to_string(),
        amount: super::money::format_cents(t.amount_cents),
        order_no: t.order_no.clone(),
        product: t.product.clone(),
        quantity: t.quantity.map(|q| q.to_string()).unwrap_or_default(),
    }
}

/// The survey form's text for a stored survey.
pub fn survey_input(s: &Survey) -> SurveyInput {
    SurveyInput {
        date: s.date.to_string(),
        expected: s.expected.to_string(),
        perceived: s.perceived.to_string(),
        comment: s.comment.clone(),
    }
}

/// The contact form's text for a stored contact.
pub fn contact_input(c: &Contact) -> ContactInput {
    ContactInput {
        name: c.name.clone(),
        role: c.role.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
    }
}

/// The store's check of a sale before writing it (the form's rules on the
/// typed record).
pub fn check_sale(t: &Transaction) -> Result<(), Vec<EntryError>> {
    let mut p = Problems::default();
    if t.amount_cents == 0 {
        p.push(EntryField::Amount, EntryProblem::ZeroAmount);
    }
    if t.amount_cents.unsigned_abs() > super::money::MAX_ROW_CENTS.unsigned_abs() {
        p.push(EntryField::Amount, EntryProblem::Value(ValueError::AmountTooLarge));
    }
    if t.quantity.is_some_and(|q| !q.is_finite()) {
        p.push(EntryField::Quantity, EntryProblem::Value(ValueError::NotQuantity));
    }
    let _ = p.text(EntryField::OrderNo, &t.order_no);
    let _ = p.text(EntryField::Product, &t.product);
    p.done(Some(()))
}

/// The store's check of a survey (levels 1–5).
pub fn check_survey(s: &Survey) -> Result<(), Vec<EntryError>> {
    let mut p = Problems::default();
    for (field, level) in [(EntryField::Expected, s.expected), (EntryField::Perceived, s.perceived)]
    {
        if !(1..=5).contains(&level) {
            p.push(field, EntryProblem::Value(ValueError::NotLevel));
        }
    }
    let _ = p.text(EntryField::Comment, &s.comment);
    p.done(Some(()))
}

/// The store's check of a contact (`organisation`: whether its customer is one).
pub fn check_contact(c: &Contact, organisation: bool) -> Result<(), Vec<EntryError>> {
    let input = contact_input(c);
    parse_contact(Some(c.customer), organisation, &input).map(|_| ())
}

/// A customer's next follow-up: the due date of the next step of their
/// latest activity (DOMAIN §6). A later activity without a next step closes
/// an earlier one; of activities at the same moment the last listed counts.
pub fn next_follow_up<'a>(activities: impl IntoIterator<Item = &'a Activity>) -> Option<NaiveDate> {
    let mut latest: Option<&Activity> = None;
    for a in activities {
        if latest.is_none_or(|l| a.at >= l.at) {
            latest = Some(a);
        }
    }
    latest.and_then(follow_up_of_latest)
}

/// The follow-up the latest activity leaves: its next step's due date.
pub fn follow_up_of_latest(latest: &Activity) -> Option<NaiveDate> {
    latest.next_step_due
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;
    use crate::domain::terms::ActivityKind;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn sale(date: &str, amount: &str, quantity: &str) -> SaleInput {
        SaleInput {
            date: date.into(),
            amount: amount.into(),
            order_no: " SO-1 ".into(),
            product: "空调清洗".into(),
            quantity: quantity.into(),
        }
    }

    fn fields(errors: &[EntryError]) -> Vec<EntryField> {
        errors.iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_sale_parses_with_its_amount_in_cents_and_trimmed_text() {
        let t =
            parse_sale(Some(CustomerId(3)), &sale("2026-12-05", "¥1,234.50", "2")).expect("valid");
        assert_eq!(t.customer, CustomerId(3));
        assert_eq!(t.date, day("2026-12-05"));
        assert_eq!(t.amount_cents, 123_450);
        assert_eq!((t.order_no.as_str(), t.quantity), ("SO-1", Some(2.0)));
        let t = parse_sale(Some(CustomerId(3)), &sale("2026/1/2", "-20", "")).expect("a refund");
        assert_eq!((t.amount_cents, t.quantity), (-2000, None));
    }

    #[test]
    fn every_bad_sale_field_is_named_at_once() {
        let errors = parse_sale(None, &sale("2026-02-30", "12.345", "two")).expect_err("bad");
        assert_eq!(
            fields(&errors),
            [EntryField::Customer, EntryField::Date, EntryField::Amount, EntryField::Quantity]
        );
        assert_eq!(errors[1].text(Lang::En), "Date: no such day in the calendar: 2026-02-30");
        assert!(errors[2].text(Lang::Zh).starts_with("金额：小数位太多"), "{:?}", errors[2]);
        let errors = parse_sale(Some(CustomerId(1)), &sale("", "0", "")).expect_err("bad");
        assert_eq!(
            errors,
            [
                EntryError::new(EntryField::Date, EntryProblem::Required),
                EntryError::new(EntryField::Amount, EntryProblem::ZeroAmount)
            ]
        );
        assert_eq!(errors[0].text(Lang::Zh), "日期：必填");
    }

    #[test]
    fn a_survey_takes_levels_from_1_to_5() {
        let input = SurveyInput {
            date: "2026-12-05".into(),
            expected: "4".into(),
            perceived: "5".into(),
            comment: " 很好 ".into(),
        };
        let s = parse_survey(Some(CustomerId(2)), &input).expect("valid");
        assert_eq!((s.expected, s.perceived, s.comment.as_str()), (4, 5, "很好"));
        assert_eq!(check_survey(&s), Ok(()));
        let bad = SurveyInput { expected: "6".into(), perceived: String::new(), ..input };
        let errors = parse_survey(Some(CustomerId(2)), &bad).expect_err("bad");
        assert_eq!(fields(&errors), [EntryField::Expected, EntryField::Perceived]);
        assert_eq!(
            errors[0].text(Lang::En),
            "Expected: not a level: expected a whole number from 1 to 5"
        );
        let stored = Survey { expected: 0, ..s };
        assert_eq!(fields(&check_survey(&stored).expect_err("0")), [EntryField::Expected]);
    }

    #[test]
    fn a_contact_needs_a_name_an_organisation_and_well_formed_phone_and_mail() {
        let input = ContactInput {
            name: "王经理".into(),
            role: "采购".into(),
            phone: "010-8888 6666".into(),
            email: "wang@example.cn".into(),
        };
        let c = parse_contact(Some(CustomerId(7)), true, &input).expect("valid");
        assert_eq!((c.name.as_str(), c.customer), ("王经理", CustomerId(7)));
        assert_eq!(check_contact(&c, true), Ok(()));
        let bad =
            ContactInput { name: " ".into(), phone: "12".into(), email: "x@".into(), ..input };
        let errors = parse_contact(Some(CustomerId(7)), false, &bad).expect_err("bad");
        assert_eq!(
            fields(&errors),
            [EntryField::Customer, EntryField::Name, EntryField::Phone, EntryField::Email]
        );
        assert_eq!(errors[1].text(Lang::En), "Contact: Required");
    }

    #[test]
    fn a_stored_sale_is_checked_again_and_round_trips_through_its_form() {
        let t = parse_sale(Some(CustomerId(1)), &sale("2026-12-05", "99.90", "1.5")).expect("ok");
        assert_eq!(parse_sale(Some(CustomerId(1)), &sale_input(&t)), Ok(t.clone()));
        assert_eq!(check_sale(&t), Ok(()));
        let zero = Transaction { amount_cents: 0, ..t.clone() };
        assert_eq!(fields(&check_sale(&zero).expect_err("zero")), [EntryField::Amount]);
        let nan = Transaction { quantity: Some(f64::NAN), ..t };
        assert_eq!(fields(&check_sale(&nan).expect_err("nan")), [EntryField::Quantity]);
    }

    fn activity(at: &str, due: Option<&str>) -> Activity {
        Activity {
            id: 0,
            customer: CustomerId(1),
            opportunity: None,
            complaint: None,
            kind: ActivityKind::Call,
            at: NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").expect("at"),
            subject: String::new(),
            outcome: String::new(),
            next_step: if due.is_some() { "回访".into() } else { String::new() },
            next_step_due: due.map(day),
        }
    }

    #[test]
    fn the_next_follow_up_is_the_latest_activitys_and_a_later_one_without_closes_it() {
        let call = activity("2026-12-01 09:00", Some("2026-12-08"));
        assert_eq!(next_follow_up([&call]), Some(day("2026-12-08")));
        let visit = activity("2026-12-03 10:00", None);
        assert_eq!(next_follow_up([&visit, &call]), None, "the visit closed it, in any order");
        let earlier = activity("2026-11-20 10:00", Some("2026-11-25"));
        assert_eq!(next_follow_up([&call, &earlier]), Some(day("2026-12-08")));
        assert_eq!(next_follow_up(std::iter::empty()), None);
    }
}
