//! The text of the records entered in the app (a sale, a satisfaction
//! survey, a contact person), the customer picker and the customer table's
//! next follow-up, in 中文 and English. The forms' field labels come from
//! `domain::labels` (through `domain::entry::EntryField`).

/// Text of the record forms and the customer picker in one language.
pub struct TrRecords {
    /// In the empty customer picker.
    pub picker_hint: &'static str,
    /// In the picker's list when nothing matches.
    pub picker_no_match: &'static str,
    /// Under the picker's list: how many more matched than it shows.
    pub picker_more: fn(usize) -> String,
    pub record_sale: &'static str,
    pub edit_sale: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    /// The heading of a customer's surveys, with their count.
    pub surveys: fn(usize) -> String,
    pub record_survey: &'static str,
    pub no_surveys: &'static str,
    /// The column of a survey's state (dissatisfied, satisfied, delighted).
    pub survey_state: &'static str,
    /// The heading of a customer's contact persons, with their count.
    pub contacts: fn(usize) -> String,
    pub add_contact: &'static str,
    pub edit_contact: &'static str,
    pub no_contacts: &'static str,
    /// Shown instead of the contact persons for an individual.
    pub contacts_org_only: &'static str,
    /// Under a form's heading: the customer it is entered on.
    pub for_customer: fn(&str) -> String,
    /// The customer table's column of the next follow-up.
    pub col_next_follow_up: &'static str,
    /// Moving an opportunity to won offers to record its sale.
    pub won_title: &'static str,
    pub won_body: fn(&str) -> String,
    pub won_record: &'static str,
    pub won_later: &'static str,
    /// Under a sale's amount when it is negative: a refund (as the import
    /// reads one), saved only when Save is clicked again.
    pub refund_note: &'static str,
}

/// English.
pub const EN: TrRecords = TrRecords {
    picker_hint: "name or code",
    picker_no_match: "No customer matches",
    picker_more: |n| format!("… and {n} more: type more of the name or code"),
    record_sale: "Record a sale",
    edit_sale: "Edit the sale",
    edit: "Edit",
    delete: "Delete",
    save: "Save",
    cancel: "Cancel",
    surveys: |n| format!("Satisfaction surveys ({n})"),
    record_survey: "Record a survey",
    no_surveys: "No survey yet.",
    survey_state: "State",
    contacts: |n| format!("Contact persons ({n})"),
    add_contact: "Add a contact person",
    edit_contact: "Edit the contact person",
    no_contacts: "No contact person yet.",
    contacts_org_only: "Contact persons are kept for organisation customers.",
    for_customer: |c| format!("Customer: {c}"),
    col_next_follow_up: "Next follow-up",
    won_title: "Opportunity won",
    won_body: |title| format!("“{title}” is won. Record its sale now?"),
    won_record: "Record the sale",
    won_later: "Not now",
    refund_note: "A negative amount records a refund: it lowers the customer's total. \
                  Click Save again to record it.",
};

/// 中文.
pub const ZH: TrRecords = TrRecords {
    picker_hint: "名称或代码",
    picker_no_match: "没有匹配的客户",
    picker_more: |n| format!("……还有 {n} 个：请多输入几个字"),
    record_sale: "记录销售",
    edit_sale: "修改销售",
    edit: "修改",
    delete: "删除",
    save: "保存",
    cancel: "取消",
    surveys: |n| format!("满意度调查（{n}）"),
    record_survey: "记录满意度调查",
    no_surveys: "还没有满意度调查。",
    survey_state: "状态",
    contacts: |n| format!("联系人（{n}）"),
    add_contact: "添加联系人",
    edit_contact: "修改联系人",
    no_contacts: "还没有联系人。",
    contacts_org_only: "只有企业客户才登记联系人。",
    for_customer: |c| format!("客户：{c}"),
    col_next_follow_up: "下次跟进",
    won_title: "销售机会已签约",
    won_body: |title| format!("“{title}”已签约。现在记录这笔销售吗？"),
    won_record: "记录销售",
    won_later: "暂不",
    refund_note: "负数金额记为退款，会减少该客户的销售额。确认请再点一次“保存”。",
};
