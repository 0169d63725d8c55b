//! Issue 16 item 10: a column headed as the app itself names the field — the
//! label on its form or the heading of its table, in either language — is
//! recognised by the import. The header rows here are built from the
//! interface text the panels draw (`ui::i18n::Tr`), not from the import's
//! own table of header names.

use ladder::domain::Lang;
use ladder::domain::import::ImportKind;
use ladder::domain::import::mapping::{MapError, map_columns_partly};
use ladder::ui::i18n::Tr;

mod common;
use common::{init, ladder, ok, p, stderr};

/// Header rows of form and table labels, each with the field every column
/// must select, per import kind. A field the app labels in two ways gets
/// one row per way (both in one row would be two columns for one field).
fn label_rows(tr: &Tr) -> Vec<(ImportKind, Vec<(&'static str, &'static str)>)> {
    let (pl, c) = (tr.pipeline, tr.compliance);
    let [date, amount, order_no, product, quantity] = tr.purchase_columns;
    vec![
        (
            ImportKind::Customers,
            vec![
                (tr.f_name, "name"),
                (tr.f_code, "code"),
                (tr.col_kind, "kind"),
                (tr.col_industry, "industry"),
                (tr.f_source, "source"),
                (tr.col_grade, "grade"),
                (tr.col_phone, "phone"),
                (tr.f_email, "email"),
                (tr.f_address, "address"),
                (tr.f_credit, "credit_rating"),
                (tr.col_step, "ladder_step"),
                (tr.f_notes, "notes"),
            ],
        ),
        (
            ImportKind::Customers,
            vec![
                (tr.col_name, "name"),
                (tr.col_code, "code"),
                (pl.industry, "industry"),
                (pl.grade, "grade"),
            ],
        ),
        (
            ImportKind::Transactions,
            vec![
                (date, "date"),
                (amount, "amount"),
                (order_no, "order_no"),
                (product, "product"),
                (quantity, "quantity"),
            ],
        ),
        (
            ImportKind::Opportunities,
            vec![
                (pl.customer_code, "customer_code"),
                (pl.title_col, "title"),
                (pl.stage, "stage"),
                (pl.value, "expected_value"),
                (pl.probability, "probability_pct"),
                (pl.expected_close, "expected_close"),
                (pl.created, "created_at"),
            ],
        ),
        (ImportKind::Opportunities, vec![(pl.customer, "customer_code")]),
        (
            ImportKind::Activities,
            vec![
                (pl.customer_code, "customer_code"),
                (pl.at, "date"),
                (pl.kind, "kind"),
                (pl.subject, "subject"),
                (pl.outcome, "outcome"),
                (pl.next_step, "next_step"),
                (pl.due, "next_step_due"),
                (pl.opportunity, "opportunity"),
            ],
        ),
        (
            ImportKind::Complaints,
            vec![
                (c.received_at, "received_at"),
                (c.customer_code, "customer_code"),
                (c.kind, "kind"),
                (c.channel, "channel"),
                (c.category, "category"),
                (c.description, "description"),
                (c.first_handler, "first_handler"),
                (c.first_response_at, "first_response_at"),
                (c.resolved_at, "resolved_at"),
                (c.resolution, "resolution"),
                (c.status, "status"),
            ],
        ),
        (
            ImportKind::AcChecks,
            vec![
                (c.date, "date"),
                (c.time, "time"),
                (c.area, "area"),
                (c.reference, "reference_temp_c"),
                (c.ac_on, "ac_on"),
                (c.set_temp, "set_temp_c"),
                (c.windows_closed, "windows_closed"),
                (c.occupied, "occupied"),
                (c.kind, "kind"),
                (c.checker, "checker"),
                (c.note, "note"),
            ],
        ),
        (ImportKind::AcChecks, vec![(c.day, "date")]),
    ]
}

/// The same for the record forms of the customer detail (a sale, a
/// survey, a contact person), whose labels are `EntryField`'s.
fn entry_rows(lang: Lang) -> Vec<(ImportKind, Vec<(&'static str, &'static str)>)> {
    use ladder::domain::entry::EntryField as F;
    let rows: [(ImportKind, Vec<(F, &'static str)>); 3] = [
        (
            ImportKind::Transactions,
            vec![
                (F::Customer, "customer_code"),
                (F::Date, "date"),
                (F::Amount, "amount"),
                (F::OrderNo, "order_no"),
                (F::Product, "product"),
                (F::Quantity, "quantity"),
            ],
        ),
        (
            ImportKind::Surveys,
            vec![
                (F::Customer, "customer_code"),
                (F::Date, "date"),
                (F::Expected, "expected"),
                (F::Perceived, "perceived"),
                (F::Comment, "comment"),
            ],
        ),
        (
            ImportKind::Contacts,
            vec![
                (F::Customer, "customer_code"),
                (F::Name, "name"),
                (F::Role, "role"),
                (F::Phone, "phone"),
                (F::Email, "email"),
            ],
        ),
    ];
    rows.into_iter()
        .map(|(kind, row)| {
            (kind, row.into_iter().map(|(f, n)| (f.label().text(lang), n)).collect())
        })
        .collect()
}

#[test]
fn every_label_the_forms_show_is_an_accepted_header_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        for (kind, row) in label_rows(Tr::of(lang)).into_iter().chain(entry_rows(lang)) {
            let headers: Vec<String> = row.iter().map(|(h, _)| (*h).to_owned()).collect();
            let (columns, errors) = map_columns_partly(kind, &headers, &[]);
            let only_missing = errors.iter().all(|e| matches!(e, MapError::MissingRequired { .. }));
            assert!(only_missing, "{lang:?} {kind}: {headers:?}: {errors:?}");
            for (index, (header, field)) in row.iter().enumerate() {
                let fi = kind.fields().iter().position(|f| f.name == *field);
                let fi = fi.unwrap_or_else(|| panic!("{kind} has no field {field}"));
                assert_eq!(
                    columns[fi],
                    Some(index),
                    "{lang:?} {kind}: the column headed {header:?} is {field}"
                );
            }
        }
    }
}

#[test]
fn a_gbk_customer_file_with_the_forms_industry_heading_keeps_the_industry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "office.db");
    let text = "客户名称,客户代码,行业类别,电话\r\n广州白云电器,C-7001,制造业,020-8765 4321\r\n";
    let (gbk, _, lossy) = encoding_rs::GBK.encode(text);
    assert!(!lossy);
    let input = dir.path().join("客户.csv");
    std::fs::write(&input, &gbk).expect("write");
    let run = ladder(&["import", "--db", p(&db), "--kind", "customers", "--input", p(&input)]);
    let (said, warned) = (String::from_utf8_lossy(&run.stdout), stderr(&run));
    assert!(run.status.success() && said.contains("imported 1 "), "{said}{warned}");
    assert!(!warned.contains("ignored columns"), "no column is ignored: {warned}");

    let out = dir.path().join("customers.csv");
    ok(&["export", "--db", p(&db), "--table", "customers", "--out", p(&out)]);
    let exported = std::fs::read_to_string(&out).expect("read");
    let row = exported.lines().nth(1).expect("a row");
    assert!(row.starts_with("广州白云电器,C-7001,individual,制造业,"), "{row}");
}
