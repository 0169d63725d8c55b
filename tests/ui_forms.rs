//! Form defects from the UI review (issue 13: bad input gets a clear
//! message and loses nothing), in both languages: the complaint ledger asks
//! for what SVC-LEDGER needs, a sale's negative amount is said to be a
//! refund before it is saved, the activity form names its fields and offers
//! the customer's complaints by words, an AC round is one undo step, and
//! the status line says what a move did.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use ladder::app::LadderApp;
use ladder::domain::Lang;
use ladder::domain::command::{Command, Record};
use ladder::domain::customer::{CustomerData, CustomerId};
use ladder::domain::records::{AcArea, Complaint};
use ladder::domain::terms::{ComplaintKind, ComplaintStatus};
use ladder::store::Store;

mod common;
use common::{app, harness, now};

const SIZE: [f32; 2] = [1400.0, 900.0];

/// A store with the customer 郑五 (C-000001), a complaint of theirs and
/// three AC areas.
fn store(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::create(&dir.path().join("f.db")).expect("create");
    store.apply(&Command::CreateCustomer(CustomerData::named("郑五")), now()).expect("customer");
    let complaint = Complaint {
        id: 0,
        customer: CustomerId(1),
        received_at: common::datetime(2026, 11, 20, 11, 34),
        channel: "电话".into(),
        kind: ComplaintKind::Complaint,
        category: "配送".into(),
        description: "送货晚了".into(),
        first_handler: "李明".into(),
        first_response_at: None,
        resolved_at: None,
        resolution: String::new(),
        status: ComplaintStatus::Open,
    };
    let record = Box::new(Record::Complaint(complaint));
    store.apply(&Command::SaveRecord { id: None, record }, now()).expect("complaint");
    for name in ["销售部", "财务部", "会议室"] {
        let area = AcArea {
            id: 0,
            name: name.into(),
            room: String::new(),
            responsible_person: "陈静".into(),
            department: name.into(),
            in_use_since: None,
        };
        let record = Box::new(Record::Area(area));
        store.apply(&Command::SaveRecord { id: None, record }, now()).expect("area");
    }
    store
}

fn zh(lang: Lang) -> bool {
    lang == Lang::Zh
}

/// Types `text` into the last text field labelled `label` (replacing its text).
fn type_into(harness: &mut Harness<'_, LadderApp>, label: &str, text: &str) {
    harness.get_all_by_role_and_label(Role::TextInput, label).last().expect(label).click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_all_by_role_and_label(Role::TextInput, label).last().expect(label).type_text(text);
    harness.run();
}

fn click(harness: &mut Harness<'_, LadderApp>, label: &str) {
    harness.get_all_by_label(label).last().expect(label).click();
    harness.run();
}

/// Opens the compliance panel's tab `tab` once the check has run.
fn compliance_tab(harness: &mut Harness<'_, LadderApp>, lang: Lang, tab: &str) {
    click(harness, if zh(lang) { "制度合规" } else { "Policy compliance" });
    common::step_while(harness, "the compliance check", |h| h.state().cache().compliance.is_none());
    harness.run();
    click(harness, tab);
}

/// The records of the open file, as the compliance check last saw them
/// (after the check that follows a write).
fn complaints(harness: &mut Harness<'_, LadderApp>) -> usize {
    common::step_while(harness, "the compliance check", |h| h.state().is_checking());
    harness.run();
    harness.state().cache().compliance.as_ref().expect("view").set.complaints.len()
}

fn an_empty_complaint_is_refused(lang: Lang) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(app(store(&dir), lang), SIZE);
    compliance_tab(&mut harness, lang, if zh(lang) { "投诉管理台账" } else { "Complaint ledger" });
    click(&mut harness, if zh(lang) { "新建登记" } else { "New entry" });
    type_into(&mut harness, if zh(lang) { "客户" } else { "Customer" }, "C-000001");
    harness.key_press(Key::Escape);
    harness.run();
    click(&mut harness, if zh(lang) { "保存" } else { "Save" });
    let required = if zh(lang) { "必填" } else { "Required" };
    assert_eq!(
        harness.query_all_by_label(required).count(),
        2,
        "the category and the first handler are asked for"
    );
    assert_eq!(complaints(&mut harness), 1, "nothing stored");
    type_into(&mut harness, if zh(lang) { "类别" } else { "Category" }, "配送");
    type_into(&mut harness, if zh(lang) { "首问负责人" } else { "First handler" }, "李明");
    click(&mut harness, if zh(lang) { "保存" } else { "Save" });
    assert_eq!(complaints(&mut harness), 2, "stored once both are given");
}

#[test]
fn an_empty_complaint_is_refused_with_field_messages_in_english() {
    an_empty_complaint_is_refused(Lang::En);
}

#[test]
fn an_empty_complaint_is_refused_with_field_messages_in_chinese() {
    an_empty_complaint_is_refused(Lang::Zh);
}

fn purchases(harness: &Harness<'_, LadderApp>) -> (i64, i128) {
    let detail = harness.state().cache().detail.as_ref().expect("a customer is shown");
    (detail.purchases.count, detail.purchases.total_cents)
}

fn a_negative_sale_is_said_to_be_a_refund_first(lang: Lang) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(app(store(&dir), lang), SIZE);
    click(&mut harness, "郑五");
    click(&mut harness, if zh(lang) { "记录销售" } else { "Record a sale" });
    type_into(&mut harness, if zh(lang) { "金额" } else { "Amount" }, "-12");
    let save = if zh(lang) { "保存" } else { "Save" };
    click(&mut harness, save);
    let note =
        if zh(lang) { "负数金额记为退款" } else { "A negative amount records a refund" };
    assert!(harness.query_by_label_contains(note).is_some(), "the refund is said");
    assert_eq!(purchases(&harness), (0, 0), "nothing stored yet");
    click(&mut harness, save);
    assert_eq!(purchases(&harness), (1, -1200), "the second Save records the refund");
}

#[test]
fn a_negative_sale_is_said_to_be_a_refund_before_it_is_saved_in_english() {
    a_negative_sale_is_said_to_be_a_refund_first(Lang::En);
}

#[test]
fn a_negative_sale_is_said_to_be_a_refund_before_it_is_saved_in_chinese() {
    a_negative_sale_is_said_to_be_a_refund_first(Lang::Zh);
}

/// The activities of 郑五 as stored.
fn activities(harness: &Harness<'_, LadderApp>) -> Vec<ladder::domain::records::Activity> {
    harness.state().store().expect("store").activities_of(CustomerId(1)).expect("activities")
}

fn the_activity_form_names_its_fields_and_offers_complaints(lang: Lang) {
    let z = zh(lang);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(app(store(&dir), lang), SIZE);
    click(&mut harness, if z { "客户关系阶梯" } else { "Pipeline" });
    click(&mut harness, if z { "一般行动" } else { "Activities" });
    type_into(&mut harness, if z { "客户代码" } else { "Customer code" }, "C-000001");
    harness.key_press(Key::Escape);
    harness.run();
    click(&mut harness, if z { "查看" } else { "Show" });
    type_into(&mut harness, if z { "主题" } else { "Subject" }, "回访");
    type_into(&mut harness, if z { "期限" } else { "Due" }, "12/08");
    click(&mut harness, if z { "添加行动" } else { "Add activity" });
    let due = if z { "期限：请用 YYYY-MM-DD" } else { "Due: use YYYY-MM-DD" };
    assert!(harness.query_by_label(due).is_some(), "the message names the field");
    assert!(activities(&harness).is_empty(), "nothing stored");
    let subject =
        harness.get_by_role_and_label(Role::TextInput, if z { "主题" } else { "Subject" });
    assert_eq!(subject.value().as_deref(), Some("回访"), "nothing typed is lost");

    // The complaint is chosen by words, from the customer's own.
    type_into(&mut harness, if z { "期限" } else { "Due" }, "2026-12-08");
    click(&mut harness, if z { "投诉" } else { "Complaint" });
    let words = if z {
        "11-20 11:34 收到的投诉 配送"
    } else {
        "complaint received 11-20 11:34 配送"
    };
    click(&mut harness, words);
    click(&mut harness, if z { "添加行动" } else { "Add activity" });
    let stored = activities(&harness);
    assert_eq!(stored.len(), 1, "stored");
    assert_eq!((stored[0].complaint, stored[0].subject.as_str()), (Some(1), "回访"));
}

#[test]
fn the_activity_form_names_its_fields_and_offers_complaints_in_english() {
    the_activity_form_names_its_fields_and_offers_complaints(Lang::En);
}

#[test]
fn the_activity_form_names_its_fields_and_offers_complaints_in_chinese() {
    the_activity_form_names_its_fields_and_offers_complaints(Lang::Zh);
}

/// The store's refusal of a record pointing at a missing one is said in the
/// interface language (the form refuses it before; this is the last guard).
#[test]
fn a_foreign_key_refusal_is_said_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    let activity = ladder::domain::records::Activity {
        id: 0,
        customer: CustomerId(1),
        opportunity: None,
        complaint: Some(99_999),
        kind: ladder::domain::terms::ActivityKind::Call,
        at: now(),
        subject: "回访".into(),
        outcome: String::new(),
        next_step: String::new(),
        next_step_due: None,
    };
    let record = Box::new(Record::Activity(activity));
    let err = store.apply(&Command::SaveRecord { id: None, record }, now()).expect_err("refused");
    assert!(
        matches!(err, ladder::store::StoreError::Constraint(ladder::store::Constraint::ForeignKey)),
        "{err:?}"
    );
    let zh = ladder::ui::i18n::ZH.store_error(&err);
    assert_eq!(zh, "未保存：仍有其他记录引用它，或它引用的记录不存在");
    let en = ladder::ui::i18n::EN.store_error(&err);
    assert!(en.starts_with("Not saved: other records still refer to it"), "{en}");
}

/// The AC checks stored, as the compliance check last saw them.
fn ac_checks(harness: &mut Harness<'_, LadderApp>) -> usize {
    common::step_while(harness, "the compliance check", |h| h.state().is_checking());
    harness.run();
    harness.state().cache().compliance.as_ref().expect("view").set.ac_checks.len()
}

fn menu_undo_label(harness: &mut Harness<'_, LadderApp>, lang: Lang) -> String {
    // The menu bar's Edit is drawn first (the AC sheet's rows have Edit too).
    harness.get_all_by_label(if zh(lang) { "编辑" } else { "Edit" }).next().expect("menu").click();
    harness.run();
    let undo = if zh(lang) { "撤销: " } else { "Undo: " };
    let label = harness
        .query_all_by_label_contains(undo)
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.starts_with(undo))
        .expect("the undo entry");
    harness.key_press(Key::Escape);
    harness.run();
    label
}

fn an_ac_round_is_one_change(lang: Lang) {
    let z = zh(lang);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = harness(app(store(&dir), lang), SIZE);
    compliance_tab(&mut harness, lang, if z { "空调开关温度检查表" } else { "AC check sheet" });
    click(&mut harness, if z { "保存本轮" } else { "Save the round" });
    let required = if z { "参考温度 °C：必填" } else { "Reference °C: required" };
    assert!(harness.query_by_label(required).is_some(), "the empty field is named");
    assert_eq!(ac_checks(&mut harness), 0, "nothing stored");

    type_into(&mut harness, if z { "参考温度 °C" } else { "Reference °C" }, "28.5");
    click(&mut harness, if z { "保存本轮" } else { "Save the round" });
    assert_eq!(ac_checks(&mut harness), 3, "a check per area");
    let round = if z {
        "已保存空调检查 11-23 10:00，3 个区域"
    } else {
        "saved AC check round 11-23 10:00, 3 areas"
    };
    assert_eq!(harness.state().status_text(), round);
    let label = menu_undo_label(&mut harness, lang);
    assert!(label.contains(round), "{label}");

    harness.state().send(ladder::ui::AppCommand::Undo);
    harness.run();
    assert_eq!(ac_checks(&mut harness), 0, "one undo takes the whole round back");
    harness.state().send(ladder::ui::AppCommand::Redo);
    harness.run();
    assert_eq!(ac_checks(&mut harness), 3, "and one redo brings it again");
}

#[test]
fn an_ac_round_is_one_change_named_in_words_in_english() {
    an_ac_round_is_one_change(Lang::En);
}

#[test]
fn an_ac_round_is_one_change_named_in_words_in_chinese() {
    an_ac_round_is_one_change(Lang::Zh);
}

fn moves_are_said_as_moves(lang: Lang) {
    let z = zh(lang);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    let call = ladder::domain::records::Activity {
        id: 0,
        customer: CustomerId(1),
        opportunity: None,
        complaint: None,
        kind: ladder::domain::terms::ActivityKind::Call,
        at: now() - chrono::Duration::days(3),
        subject: "客户办公室搬迁".into(),
        outcome: String::new(),
        next_step: "再联系".into(),
        next_step_due: Some(now().date() - chrono::Duration::days(1)),
    };
    let record = Box::new(Record::Activity(call));
    store.apply(&Command::SaveRecord { id: None, record }, now()).expect("activity");
    let opportunity = ladder::domain::records::Opportunity {
        id: 0,
        customer: CustomerId(1),
        title: "会议室改造".into(),
        stage: ladder::domain::terms::OpportunityStage::Negotiation,
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
    let app = LadderApp::with_store(Some(store), lang, Box::new(now));
    let mut harness = common::harness(app, SIZE);
    common::step_while(&mut harness, "the day's list", |h| {
        h.state().is_building_today() || h.state().cache().today.is_none()
    });
    harness.run();

    harness.get_all_by_label(if z { "改期到…" } else { "Move to…" }).next().expect("move").click();
    harness.run();
    click(&mut harness, if z { "明天" } else { "Tomorrow" });
    let moved = if z {
        "已把与郑五的电话的下一步移到 11-24"
    } else {
        "moved the next step of the call with 郑五 to 11-24"
    };
    assert_eq!(harness.state().status_text(), moved);
    let label = menu_undo_label(&mut harness, lang);
    assert!(label.contains(moved), "{label}");

    click(&mut harness, if z { "客户关系阶梯" } else { "Pipeline" });
    click(&mut harness, if z { "销售机会" } else { "Opportunities" });
    harness.get_by_label("会议室改造").click_secondary();
    harness.run();
    click(&mut harness, if z { "移到 签约" } else { "Move to Won" });
    let won =
        if z { "已签约销售机会 会议室改造" } else { "won opportunity 会议室改造" };
    assert_eq!(harness.state().status_text(), won);
}

#[test]
fn moves_are_said_as_moves_in_english() {
    moves_are_said_as_moves(Lang::En);
}

#[test]
fn moves_are_said_as_moves_in_chinese() {
    moves_are_said_as_moves(Lang::Zh);
}
