//! The customer record (DOMAIN §1): its typed data, the parse from a form's
//! text buffers into that data, and the field-by-field diff kept in history.

use chrono::NaiveDateTime;

use super::terms::{
    CreditRating, CustomerKind, Difficulty, Grade, Importance, LadderStep, RelationshipStage,
    RelationshipType, Source,
};

/// Row id of a customer in the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CustomerId(pub i64);

/// Everything about a customer that a person edits (no id, no timestamps).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerData {
    /// Unique code; `None` asks the store to generate the next `C-000123`.
    pub code: Option<String>,
    pub name: String,
    pub kind: CustomerKind,
    pub industry: String,
    pub source: Source,
    pub grade: Option<Grade>,
    pub owner: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    /// Person: gender; organisation: business scope, size, status (free text).
    pub demographics: String,
    pub credit_rating: Option<CreditRating>,
    pub payment_notes: String,
    pub importance_override: Option<Importance>,
    pub difficulty_override: Option<Difficulty>,
    pub relationship_type: Option<RelationshipType>,
    pub relationship_stage: RelationshipStage,
    pub dissolution_reason: String,
    pub ladder_step: LadderStep,
    pub notes: String,
    pub tags: String,
}

impl CustomerData {
    /// A new customer with only a name; everything else at its default.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            code: None,
            name: name.into(),
            kind: CustomerKind::Individual,
            industry: String::new(),
            source: Source::Other,
            grade: None,
            owner: String::new(),
            phone: String::new(),
            email: String::new(),
            address: String::new(),
            demographics: String::new(),
            credit_rating: None,
            payment_notes: String::new(),
            importance_override: None,
            difficulty_override: None,
            relationship_type: None,
            relationship_stage: RelationshipStage::Awareness,
            dissolution_reason: String::new(),
            ladder_step: LadderStep::Prospect,
            notes: String::new(),
            tags: String::new(),
        }
    }

    /// Every field as `(name, stored text)`, in a fixed order; the basis of
    /// the history diff.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        fn opt<T: Copy>(v: Option<T>, code: fn(T) -> &'static str) -> String {
            v.map(code).unwrap_or_default().to_owned()
        }
        vec![
            ("code", self.code.clone().unwrap_or_default()),
            ("name", self.name.clone()),
            ("kind", self.kind.code().to_owned()),
            ("industry", self.industry.clone()),
            ("source", self.source.code().to_owned()),
            ("grade", opt(self.grade, Grade::code)),
            ("owner", self.owner.clone()),
            ("phone", self.phone.clone()),
            ("email", self.email.clone()),
            ("address", self.address.clone()),
            ("demographics", self.demographics.clone()),
            ("credit_rating", opt(self.credit_rating, CreditRating::code)),
            ("payment_notes", self.payment_notes.clone()),
            ("importance_override", opt(self.importance_override, Importance::code)),
            ("difficulty_override", opt(self.difficulty_override, Difficulty::code)),
            ("relationship_type", opt(self.relationship_type, RelationshipType::code)),
            ("relationship_stage", self.relationship_stage.code().to_owned()),
            ("dissolution_reason", self.dissolution_reason.clone()),
            ("ladder_step", self.ladder_step.code().to_owned()),
            ("notes", self.notes.clone()),
            ("tags", self.tags.clone()),
        ]
    }

    /// The fields that differ between `self` (before) and `after`, as
    /// `(field, old, new)`.
    pub fn diff(&self, after: &Self) -> Vec<FieldChange> {
        self.fields()
            .into_iter()
            .zip(after.fields())
            .filter(|((_, old), (_, new))| old != new)
            .map(|((field, old), (_, new))| FieldChange { field, old, new })
            .collect()
    }
}

/// One changed field, as recorded in history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// A stored customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Customer {
    pub id: CustomerId,
    /// The stored code (always present once stored).
    pub code: String,
    pub data: CustomerData,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Formats the generated code for sequence number `n`, e.g. `C-000123`.
pub fn generated_code(n: u64) -> String {
    format!("C-{n:06}")
}

/// The sequence number of a generated-style code (`C-000123` → 123).
pub fn generated_code_number(code: &str) -> Option<u64> {
    let digits = code.strip_prefix("C-")?;
    if digits.len() < 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The form fields that can carry a validation problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Code,
    Name,
    Phone,
    Email,
    DissolutionReason,
}

/// What is wrong with a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    HasSpaces,
    BadPhone,
    BadEmail,
    /// The code is already used by customer `by` (maybe one in the trash).
    DuplicateCode {
        by: String,
    },
}

/// A problem tied to its field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

const MAX_CODE: usize = 32;
const MAX_NAME: usize = 200;

/// Checks and normalises a customer before it is stored: trims text, turns an
/// empty code into `None` (generate), and returns every problem at once.
pub fn parse_customer(mut data: CustomerData) -> Result<CustomerData, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field, problem| errors.push(FieldError { field, problem });

    data.name = data.name.trim().to_owned();
    if data.name.is_empty() {
        fail(Field::Name, Problem::Required);
    } else if data.name.chars().count() > MAX_NAME {
        fail(Field::Name, Problem::TooLong { max: MAX_NAME });
    }

    let code = data.code.take().map(|c| c.trim().to_owned()).unwrap_or_default();
    if code.chars().any(char::is_whitespace) {
        fail(Field::Code, Problem::HasSpaces);
    } else if code.chars().count() > MAX_CODE {
        fail(Field::Code, Problem::TooLong { max: MAX_CODE });
    }
    data.code = (!code.is_empty()).then_some(code);

    data.phone = data.phone.trim().to_owned();
    if !data.phone.is_empty() && !is_phone(&data.phone) {
        fail(Field::Phone, Problem::BadPhone);
    }
    data.email = data.email.trim().to_owned();
    if !data.email.is_empty() && !is_email(&data.email) {
        fail(Field::Email, Problem::BadEmail);
    }
    data.dissolution_reason = data.dissolution_reason.trim().to_owned();
    if data.relationship_stage == RelationshipStage::Dissolution
        && data.dissolution_reason.is_empty()
    {
        fail(Field::DissolutionReason, Problem::Required);
    }

    if errors.is_empty() { Ok(data) } else { Err(errors) }
}

/// A phone number: digits with optional `+`, spaces, dashes, dots, brackets
/// and an extension (`转`, `ext`, `x`), 5 to 20 digits in all.
pub fn is_phone(text: &str) -> bool {
    let (main, ext) = split_extension(text);
    let allowed = |c: char| c.is_ascii_digit() || " -.()（）".contains(c);
    let main = main.trim();
    let main = main.strip_prefix('+').unwrap_or(main);
    let digits = main.chars().filter(char::is_ascii_digit).count();
    main.chars().all(allowed)
        && (5..=20).contains(&digits)
        && ext.is_none_or(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_digit()))
}

fn split_extension(text: &str) -> (&str, Option<&str>) {
    for sep in ["转", "ext.", "ext", "x", "#"] {
        if let Some((main, ext)) = text.split_once(sep) {
            return (main, Some(ext.trim()));
        }
    }
    (text, None)
}

/// An e-mail address: `local@domain.tld`, no spaces, one `@`.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && !text.chars().any(char::is_whitespace)
        && !domain.contains('@')
        && labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(data: CustomerData) -> Vec<(Field, Problem)> {
        match parse_customer(data) {
            Ok(_) => vec![],
            Err(e) => e.into_iter().map(|e| (e.field, e.problem)).collect(),
        }
    }

    #[test]
    fn name_is_required() {
        assert_eq!(problems(CustomerData::named("  ")), vec![(Field::Name, Problem::Required)]);
        assert!(problems(CustomerData::named("张三")).is_empty());
    }

    #[test]
    fn empty_code_means_generate_and_spaces_are_refused() {
        let mut data = CustomerData::named("A");
        data.code = Some("   ".into());
        assert_eq!(parse_customer(data.clone()).map(|d| d.code), Ok(None));
        data.code = Some("C 1".into());
        assert_eq!(problems(data), vec![(Field::Code, Problem::HasSpaces)]);
    }

    #[test]
    fn phone_and_email_formats() {
        for ok in ["13800138000", "+86 10 6552-9988", "(020) 8765 4321", "010-88886666转123"] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in ["abc", "12", "138-0013-800a", "1380013800013800138001"] {
            assert!(!is_phone(bad), "{bad}");
        }
        for ok in ["a@b.cn", "li.lei@example.com.cn"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in ["a@b", "@b.cn", "a b@c.cn", "a@@b.cn", "a@b..cn", "ab.cn"] {
            assert!(!is_email(bad), "{bad}");
        }
        let mut data = CustomerData::named("A");
        data.phone = "abc".into();
        data.email = "nope".into();
        assert_eq!(
            problems(data),
            vec![(Field::Phone, Problem::BadPhone), (Field::Email, Problem::BadEmail)]
        );
    }

    #[test]
    fn dissolution_needs_a_reason() {
        let mut data = CustomerData::named("A");
        data.relationship_stage = RelationshipStage::Dissolution;
        assert_eq!(problems(data), vec![(Field::DissolutionReason, Problem::Required)]);
    }

    #[test]
    fn generated_codes() {
        assert_eq!(generated_code(123), "C-000123");
        assert_eq!(generated_code_number("C-000123"), Some(123));
        assert_eq!(generated_code_number("C-1234567"), Some(1_234_567));
        assert_eq!(generated_code_number("C-12"), None);
        assert_eq!(generated_code_number("X-000001"), None);
    }

    #[test]
    fn diff_lists_only_changed_fields() {
        let before = CustomerData::named("A");
        let mut after = before.clone();
        after.name = "B".into();
        after.grade = Some(Grade::A);
        let changes = before.diff(&after);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0], FieldChange { field: "name", old: "A".into(), new: "B".into() });
        assert_eq!(changes[1].field, "grade");
    }
}
