//! The form of a record entered on a customer (DOMAIN §6): a sale, a
//! satisfaction survey or a contact person, in one modal. The customer is
//! chosen with the type-ahead picker; the text is parsed by
//! `domain::entry` (every problem shown under its field, nothing sent);
//! a valid form sends one undoable `SaveRecord` (and Delete, when editing,
//! a `DeleteRecord`). Opened from the customer detail and, for a sale, when
//! an opportunity is won.

use crate::domain::command::{Command, Record, RecordKind};
use crate::domain::entry::{self, ContactInput, EntryError, EntryField, SaleInput, SurveyInput};
use crate::domain::money::format_cents;
use crate::domain::records::{Contact, Survey, Transaction};
use crate::domain::terms::CustomerKind;
use crate::ui::widgets::{customer_picker, find_customer};
use crate::ui::{AppCommand, AppCtx, theme};

/// Which record the form enters, with its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryInput {
    Sale(SaleInput),
    Survey(SurveyInput),
    Contact(ContactInput),
}

/// An open record form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryForm {
    /// The stored record being edited (`None`: a new one).
    pub id: Option<i64>,
    /// The picker's text: the customer's code once chosen.
    pub customer: String,
    pub input: EntryInput,
    errors: Vec<EntryError>,
}

impl EntryForm {
    /// A new record of the kind `input` is for, on the customer `code`.
    pub fn new(code: &str, input: EntryInput) -> Self {
        Self { id: None, customer: code.to_owned(), input, errors: Vec::new() }
    }

    /// A new sale on `code`, dated `date`.
    pub fn sale(code: &str, date: chrono::NaiveDate) -> Self {
        Self::new(
            code,
            EntryInput::Sale(SaleInput { date: date.to_string(), ..SaleInput::default() }),
        )
    }

    /// A new sale prefilled from a won opportunity: its value and the day.
    pub fn won_sale(code: &str, date: chrono::NaiveDate, value_cents: i64, title: &str) -> Self {
        let input = SaleInput {
            date: date.to_string(),
            amount: if value_cents == 0 { String::new() } else { format_cents(value_cents) },
            product: title.to_owned(),
            ..SaleInput::default()
        };
        Self::new(code, EntryInput::Sale(input))
    }

    /// A new survey on `code`, dated `date`.
    pub fn survey(code: &str, date: chrono::NaiveDate) -> Self {
        let input = SurveyInput { date: date.to_string(), ..SurveyInput::default() };
        Self::new(code, EntryInput::Survey(input))
    }

    /// A new contact person of `code`.
    pub fn contact(code: &str) -> Self {
        Self::new(code, EntryInput::Contact(ContactInput::default()))
    }

    /// The form of a stored sale.
    pub fn edit_sale(code: &str, id: i64, t: &Transaction) -> Self {
        Self { id: Some(id), ..Self::new(code, EntryInput::Sale(entry::sale_input(t))) }
    }

    /// The form of a stored survey.
    pub fn edit_survey(code: &str, id: i64, s: &Survey) -> Self {
        Self { id: Some(id), ..Self::new(code, EntryInput::Survey(entry::survey_input(s))) }
    }

    /// The form of a stored contact person.
    pub fn edit_contact(code: &str, id: i64, c: &Contact) -> Self {
        Self { id: Some(id), ..Self::new(code, EntryInput::Contact(entry::contact_input(c))) }
    }

    fn kind(&self) -> RecordKind {
        match self.input {
            EntryInput::Sale(_) => RecordKind::Sale,
            EntryInput::Survey(_) => RecordKind::Survey,
            EntryInput::Contact(_) => RecordKind::Contact,
        }
    }

    fn title(&self, ctx: &AppCtx<'_>) -> &'static str {
        let r = ctx.t.records;
        match (&self.input, self.id.is_some()) {
            (EntryInput::Sale(_), false) => r.record_sale,
            (EntryInput::Sale(_), true) => r.edit_sale,
            (EntryInput::Survey(_), _) => r.record_survey,
            (EntryInput::Contact(_), false) => r.add_contact,
            (EntryInput::Contact(_), true) => r.edit_contact,
        }
    }

    /// Parses the form; the record to save, or every problem.
    fn parse(&self, ctx: &AppCtx<'_>) -> Result<Record, Vec<EntryError>> {
        let row = find_customer(&ctx.data.customers, &self.customer);
        let customer = row.map(|r| r.id);
        match &self.input {
            EntryInput::Sale(input) => entry::parse_sale(customer, input).map(Record::Sale),
            EntryInput::Survey(input) => entry::parse_survey(customer, input).map(Record::Survey),
            EntryInput::Contact(input) => {
                // An unknown customer is said once, not also "not an organisation".
                let organisation = row.is_none_or(|r| r.kind == CustomerKind::Organisation);
                entry::parse_contact(customer, organisation, input).map(Record::Contact)
            }
        }
    }

    fn error(&self, field: EntryField, ctx: &AppCtx<'_>) -> Option<String> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.problem_text(ctx.lang))
    }
}

/// A label, a one-line field it names, and the field's problem under it,
/// as rows of a two-column grid.
fn field_row(
    ui: &mut egui::Ui,
    ctx: &AppCtx<'_>,
    field: EntryField,
    text: &mut String,
    error: Option<String>,
) {
    let label = ui.label(field.label().text(ctx.lang));
    let _field =
        ui.add(egui::TextEdit::singleline(text).desired_width(FIELD_WIDTH)).labelled_by(label.id);
    ui.end_row();
    error_row(ui, error);
}

/// Under a field: its problem in red, wrapped to the field's width.
fn error_row(ui: &mut egui::Ui, error: Option<String>) {
    if let Some(error) = error {
        ui.label("");
        ui.scope(|ui| {
            ui.set_max_width(FIELD_WIDTH);
            ui.add(egui::Label::new(egui::RichText::new(error).color(theme::ERROR)).wrap());
        });
        ui.end_row();
    }
}

/// The width of the form's fields.
const FIELD_WIDTH: f32 = 240.0;

/// The fields of the form's record.
fn fields_ui(ui: &mut egui::Ui, ctx: &AppCtx<'_>, form: &mut EntryForm) {
    let errors: Vec<(EntryField, Option<String>)> = [
        EntryField::Date,
        EntryField::Amount,
        EntryField::OrderNo,
        EntryField::Product,
        EntryField::Quantity,
        EntryField::Expected,
        EntryField::Perceived,
        EntryField::Comment,
        EntryField::Name,
        EntryField::Role,
        EntryField::Phone,
        EntryField::Email,
    ]
    .into_iter()
    .map(|f| (f, form.error(f, ctx)))
    .collect();
    let err = |f: EntryField| errors.iter().find(|(g, _)| *g == f).and_then(|(_, e)| e.clone());
    let rows: Vec<(EntryField, &mut String)> = match &mut form.input {
        EntryInput::Sale(s) => vec![
            (EntryField::Date, &mut s.date),
            (EntryField::Amount, &mut s.amount),
            (EntryField::OrderNo, &mut s.order_no),
            (EntryField::Product, &mut s.product),
            (EntryField::Quantity, &mut s.quantity),
        ],
        EntryInput::Survey(s) => vec![
            (EntryField::Date, &mut s.date),
            (EntryField::Expected, &mut s.expected),
            (EntryField::Perceived, &mut s.perceived),
            (EntryField::Comment, &mut s.comment),
        ],
        EntryInput::Contact(c) => vec![
            (EntryField::Name, &mut c.name),
            (EntryField::Role, &mut c.role),
            (EntryField::Phone, &mut c.phone),
            (EntryField::Email, &mut c.email),
        ],
    };
    for (field, text) in rows {
        field_row(ui, ctx, field, text, err(field));
    }
}

/// Draws the open form in a modal; Save sends the record when it parses,
/// Delete (when editing) deletes it, Cancel, Escape or a click outside
/// closes the form.
pub fn entry_modal_ui(ui: &egui::Ui, ctx: &AppCtx<'_>, open: &mut Option<EntryForm>) {
    let r = ctx.t.records;
    let Some(form) = open else { return };
    let (mut close, mut save, mut delete) = (false, false, false);
    let modal = egui::Modal::new(egui::Id::unique("entry_form")).show(ui.ctx(), |ui| {
        ui.set_width(400.0);
        ui.heading(form.title(ctx));
        let mut name = None;
        egui::Grid::new("entry_form_grid").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            let label = EntryField::Customer.label().text(ctx.lang);
            let picked = customer_picker(ui, ctx, label, &mut form.customer, FIELD_WIDTH);
            name = picked.resolved.map(|(_, name)| name);
            ui.end_row();
            if let Some(name) = &name {
                ui.label("");
                ui.weak(name);
                ui.end_row();
            }
            error_row(ui, form.error(EntryField::Customer, ctx));
            fields_ui(ui, ctx, form);
        });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            save = ui.button(r.save).clicked();
            if form.id.is_some() {
                delete = ui.button(r.delete).clicked();
            }
            close = ui.button(r.cancel).clicked();
        });
    });
    if modal.should_close() {
        close = true;
    }
    if save {
        match form.parse(ctx) {
            Ok(record) => {
                let command = Command::SaveRecord { id: form.id, record: Box::new(record) };
                ctx.send(AppCommand::Write(Box::new(command)));
                close = true;
            }
            Err(errors) => {
                form.errors = errors;
                close = false;
            }
        }
    }
    if delete && let Some(id) = form.id {
        ctx.send(AppCommand::Write(Box::new(Command::DeleteRecord { kind: form.kind(), id })));
        close = true;
    }
    if close {
        *open = None;
    }
}
