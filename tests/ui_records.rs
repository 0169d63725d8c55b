//! The day's records entered in the real app (issue 13, DOMAIN §6), in both
//! languages: a sale, a satisfaction survey and a contact person recorded
//! on a customer and undone; a bad amount named under its field with
//! nothing stored; a customer chosen in the complaint form by typing part
//! of its name; a contact found by the customer table's search; winning an
//! opportunity offers to record its sale.

use chrono::NaiveDateTime;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::command::{Command, Record};
use ladder::domain::customer::{CustomerData, CustomerId};
use ladder::domain::records::{Activity, Opportunity};
use ladder::domain::terms::{ActivityKind, CustomerKind, OpportunityStage};
use ladder::store::Store;

mod common;
use common::{app, harness, now};

const SIZE: [f32; 2] = [1400.0, 900.0];

/// The words the tests look for, in one language.
struct Words {
    record_sale: &'static str,
    record_survey: &'static str,
    add_contact: &'static str,
    save: &'static str,
    amount: &'static str,
    expected: &'static str,
    perceived: &'static str,
    contact: &'static str,
    phone: &'static str,
    customer: &'static str,
    compliance: &'static str,
    ledger: &'static str,
    new_entry: &'static str,
    not_amount: &'static str,
}

const EN: Words = Words {
    record_sale: "Record a sale",
    record_survey: "Record a survey",
    add_contact: "Add a contact person",
    save: "Save",
    amount: "Amount",
    expected: "Expected",
    perceived: "Perceived",
    contact: "Contact",
    phone: "Contact's phone",
    customer: "Customer",
    compliance: "Policy compliance",
    ledger: "Complaint ledger",
    new_entry: "New entry",
    not_amount: "not an amount",
};

const ZH: Words = Words {
    record_sale: "记录销售",
    record_survey: "记录满意度调查",
    add_contact: "添加联系人",
    save: "保存",
    amount: "金额",
    expected: "期望",
    perceived: "感知",
    contact: "联系人",
    phone: "联系人电话",
    customer: "客户",
    compliance: "制度合规",
    ledger: "投诉管理台账",
    new_entry: "新建登记",
    not_amount: "不是金额",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// A store with an organisation 北京华信科技 (C-000001) and a person 张三
/// (C-000002).
fn store(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::create(&dir.path().join("r.db")).expect("create");
    let org = CustomerData {
        kind: CustomerKind::Organisation,
        ..CustomerData::named("北京华信科技")
    };
    store.apply(&Command::CreateCustomer(org), now()).expect("org");
    store.apply(&Command::CreateCustomer(CustomerData::named("张三")), now()).expect("person");
    store
}

fn undo(harness: &mut Harness<'_, LadderApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
}

/// Types `text` into the text field labelled `label` (replacing its text).
fn type_into(harness: &mut Harness<'_, LadderApp>, label: &str, text: &str) {
    harness.get_by_role_and_label(Role::TextInput, label).click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_role_and_label(Role::TextInput, label).type_text(text);
    harness.run();
}

/// Clicks the form's Save (the customer form behind the modal has one too;
/// the modal's is drawn last).
fn save(harness: &mut Harness<'_, LadderApp>, w: &Words) {
    harness.get_all_by_label(w.save).last().expect("Save").click();
    harness.run();
}

fn counts(harness: &Harness<'_, LadderApp>) -> (i64, usize, usize) {
    let detail = harness.state().cache().detail.as_ref().expect("a customer is shown");
    (detail.purchases.count, detail.surveys.len(), detail.contacts.len())
}

/// The surveys the value analysis (its satisfaction chart) counted, after
/// it ran again on the Value panel; back on the customer library after.
fn surveys_analysed(harness: &mut Harness<'_, LadderApp>, lang: Lang) -> usize {
    let zh = lang == Lang::Zh;
    harness.get_by_label(if zh { "客户价值分析" } else { "Value analysis" }).click();
    harness.run();
    common::wait_for_analysis(harness);
    let analysis = harness.state().cache().analysis.clone().expect("analysis");
    let counted: u32 = analysis.satisfaction.iter().map(|m| m.dissatisfied).sum();
    assert_eq!(usize::try_from(counted).expect("fits"), analysis.surveys.len());
    harness.get_by_label(if zh { "客户信息库" } else { "Customers" }).click();
    harness.run();
    analysis.surveys.len()
}

fn record_each_and_undo(lang: Lang) {
    let w = words(lang);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(app(store(&dir), lang), SIZE);
    harness.get_by_label("北京华信科技").click();
    harness.run();
    assert_eq!(counts(&harness), (0, 0, 0));

    // A sale: the date is today's already; a bad amount is named first.
    harness.get_by_label(w.record_sale).click();
    harness.run();
    type_into(&mut harness, w.amount, "12,34.5");
    save(&mut harness, w);
    assert!(harness.query_by_label_contains("1,234,567.89").is_some(), "the grouping message");
    assert_eq!(counts(&harness).0, 0, "nothing stored");
    type_into(&mut harness, w.amount, "abc");
    save(&mut harness, w);
    assert!(harness.query_by_label_contains(w.not_amount).is_some());
    type_into(&mut harness, w.amount, "1,280.50");
    save(&mut harness, w);
    let detail = harness.state().cache().detail.as_ref().expect("detail");
    assert_eq!((detail.purchases.count, detail.purchases.total_cents), (1, 128_050));
    assert_eq!(detail.purchases.latest[0].date, now().date());
    assert_eq!(harness.state().cache().customers[0].revenue_cents, 128_050, "the table too");
    undo(&mut harness);
    assert_eq!(counts(&harness), (0, 0, 0), "undo removes the sale");

    // A survey, counted as dissatisfied.
    harness.get_by_label(w.record_survey).click();
    harness.run();
    type_into(&mut harness, w.expected, "4");
    type_into(&mut harness, w.perceived, "3");
    save(&mut harness, w);
    assert_eq!(counts(&harness), (0, 1, 0));
    let dissatisfied = if lang == Lang::Zh { "不满意" } else { "Dissatisfied" };
    assert!(harness.query_by_label(dissatisfied).is_some(), "its state is shown");
    assert_eq!(surveys_analysed(&mut harness, lang), 1, "the satisfaction chart counts it");
    undo(&mut harness);
    assert_eq!(counts(&harness), (0, 0, 0), "undo removes the survey");
    assert_eq!(surveys_analysed(&mut harness, lang), 0, "and the chart forgets it");

    // A contact person, found by the table's search, then undone.
    harness.get_by_label(w.add_contact).click();
    harness.run();
    type_into(&mut harness, w.contact, "王经理");
    type_into(&mut harness, w.phone, "13800138000");
    save(&mut harness, w);
    assert_eq!(counts(&harness), (0, 0, 1));
    assert!(harness.query_by_label_contains("王经理 · 13800138000").is_some());
    let search = if lang == Lang::Zh { "搜索" } else { "Search" };
    type_into(&mut harness, search, "王经理");
    assert_eq!(harness.state().customers_panel().visible_rows(), 1, "found by its contact");
    // Leave the search field, whose own Ctrl+Z would undo the typing.
    harness.key_press(Key::Escape);
    harness.run();
    undo(&mut harness);
    assert_eq!(counts(&harness), (0, 0, 0), "undo removes the contact");
}

#[test]
fn record_a_sale_a_survey_and_a_contact_and_undo_each_in_english() {
    record_each_and_undo(Lang::En);
}

#[test]
fn record_a_sale_a_survey_and_a_contact_and_undo_each_in_chinese() {
    record_each_and_undo(Lang::Zh);
}

fn choose_by_typing_part_of_a_name(lang: Lang) {
    let w = words(lang);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(app(store(&dir), lang), SIZE);
    harness.get_by_label(w.compliance).click();
    harness.run();
    common::step_while(&mut harness, "the compliance check", |h| {
        h.state().cache().compliance.is_none()
    });
    harness.run();
    harness.get_by_label(w.ledger).click();
    harness.run();
    harness.get_by_label(w.new_entry).click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, w.customer).click();
    harness.run();
    // By code, in any case: both listed; ↓ moves to the second, Enter takes it.
    harness.get_by_role_and_label(Role::TextInput, w.customer).type_text("c-0000");
    harness.run();
    assert!(harness.query_by_label("C-000001 · 北京华信科技").is_some());
    assert!(harness.query_by_label("C-000002 · 张三").is_some());
    harness.key_press(Key::ArrowDown);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, w.customer);
    assert_eq!(field.value().as_deref(), Some("C-000002"), "the code of the one chosen");
    // Part of a name.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_role_and_label(Role::TextInput, w.customer).type_text("华信");
    harness.run();
    assert!(harness.query_by_label("C-000001 · 北京华信科技").is_some(), "the match is listed");
    assert!(harness.query_by_label("C-000002 · 张三").is_none(), "the other is not");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("C-000001 · 北京华信科技").is_none(), "Esc closed it");
    harness.key_press(Key::ArrowDown);
    harness.run();
    assert!(harness.query_by_label("C-000001 · 北京华信科技").is_some(), "↓ opens it again");
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.query_by_label("C-000001 · 北京华信科技").is_none(), "the list closed");
    // What SVC-LEDGER asks of every entry, which the form asks for too.
    let zh = lang == Lang::Zh;
    type_into(&mut harness, if zh { "类别" } else { "Category" }, "配送");
    type_into(&mut harness, if zh { "首问负责人" } else { "First handler" }, "李明");
    save(&mut harness, w);
    common::step_while(&mut harness, "the ledger reloads", |h| {
        h.state().cache().compliance.as_ref().is_none_or(|v| v.set.complaints.is_empty())
    });
    let view = harness.state().cache().compliance.clone().expect("view");
    assert_eq!(view.set.complaints[0].customer, CustomerId(1), "the chosen customer's");
}

#[test]
fn choose_a_customer_by_typing_part_of_its_name_in_english() {
    choose_by_typing_part_of_a_name(Lang::En);
}

#[test]
fn choose_a_customer_by_typing_part_of_its_name_in_chinese() {
    choose_by_typing_part_of_a_name(Lang::Zh);
}

fn winning_offers_the_sale(lang: Lang) {
    let (zh, w) = (lang == Lang::Zh, words(lang));
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    let opportunity = Opportunity {
        id: 0,
        customer: CustomerId(1),
        title: "会议室改造".into(),
        stage: OpportunityStage::Negotiation,
        expected_value_cents: 5_000_000,
        probability_pct: 80,
        expected_close: None,
        created_at: now(),
        closed_at: None,
        delivered_at: None,
        owner: String::new(),
        notes: String::new(),
    };
    let record = Box::new(Record::Opportunity(opportunity));
    store.apply(&Command::SaveRecord { id: None, record }, now()).expect("opportunity");
    let mut harness = harness(app(store, lang), SIZE);
    harness.get_by_label(if zh { "客户关系阶梯" } else { "Pipeline" }).click();
    harness.run();
    harness.get_by_label(if zh { "销售机会" } else { "Opportunities" }).click();
    harness.run();
    harness.get_by_label("会议室改造").click_secondary();
    harness.run();
    harness.get_by_label(if zh { "移到 签约" } else { "Move to Won" }).click();
    harness.run();
    let offer = if zh {
        "“会议室改造”已签约。现在记录这笔销售吗？"
    } else {
        "“会议室改造” is won. Record its sale now?"
    };
    assert!(harness.query_by_label(offer).is_some(), "the sale is offered");
    harness.get_by_label(if zh { "记录销售" } else { "Record the sale" }).click();
    harness.run();
    let amount = harness.get_by_role_and_label(Role::TextInput, w.amount);
    assert_eq!(amount.value().as_deref(), Some("50000.00"), "prefilled with its value");
    let customer = harness.get_by_role_and_label(Role::TextInput, w.customer);
    assert_eq!(customer.value().as_deref(), Some("C-000001"), "and its customer");
    save(&mut harness, w);
    let purchases = |h: &Harness<'_, LadderApp>| {
        h.state().store().expect("store").customer_purchases(CustomerId(1)).expect("purchases")
    };
    let sale = purchases(&harness);
    assert_eq!((sale.count, sale.total_cents), (1, 5_000_000));
    assert_eq!(sale.latest[0].date, now().date(), "dated today");
    undo(&mut harness);
    assert_eq!(purchases(&harness).count, 0, "undo removes the sale");
}

#[test]
fn winning_an_opportunity_offers_to_record_its_sale_in_english() {
    winning_offers_the_sale(Lang::En);
}

#[test]
fn winning_an_opportunity_offers_to_record_its_sale_in_chinese() {
    winning_offers_the_sale(Lang::Zh);
}

#[test]
fn the_next_follow_up_is_a_sortable_column_of_the_customer_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    let call = |customer: i64, at: NaiveDateTime, due: Option<&str>| {
        let record = Box::new(Record::Activity(Activity {
            id: 0,
            customer: CustomerId(customer),
            opportunity: None,
            complaint: None,
            kind: ActivityKind::Call,
            at,
            subject: "回访".into(),
            outcome: String::new(),
            next_step: if due.is_some() { "再联系".into() } else { String::new() },
            next_step_due: due.map(|d| d.parse().expect("date")),
        }));
        Command::SaveRecord { id: None, record }
    };
    let earlier = now() - chrono::Duration::days(3);
    for command in [
        call(1, earlier, Some("2026-12-01")),
        call(2, earlier, Some("2026-11-20")),
        // 张三's later call has no next step: it closes the earlier one…
        call(2, now(), None),
        // …and a new one, later still, sets it again.
        call(2, now() + chrono::Duration::minutes(5), Some("2026-11-27")),
    ] {
        store.apply(&command, now()).expect("activity");
    }
    let mut harness = harness(app(store, Lang::En), SIZE);
    let top = |h: &Harness<'_, LadderApp>, label: &str| h.get_by_label(label).rect().min.y;
    assert!(harness.query_by_label("2026-11-20").is_none(), "closed by the later call");
    harness.get_by_label("Next follow-up").click();
    harness.run();
    assert!(top(&harness, "2026-11-27") < top(&harness, "2026-12-01"), "soonest first");
    harness.get_by_label("Next follow-up ↑").click();
    harness.run();
    assert!(top(&harness, "2026-12-01") < top(&harness, "2026-11-27"), "then the latest first");
}
