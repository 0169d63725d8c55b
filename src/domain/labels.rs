//! The labels the app shows for the fields of its records, in 中文 and
//! English: once, here. The interface text (`ui::i18n*`) takes its form and
//! column labels from these constants, and the import accepts each of them
//! as a header for its field (`import::kinds`), so a column headed the way
//! the app's own form names the field (行业类别, `Order no.`) is recognised.

use super::Lang;

/// A field label in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Label {
    /// The label in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

const fn label(en: &'static str, zh: &'static str) -> Label {
    Label { en, zh }
}

// The customer form and the customer table.
pub const CODE: Label = label("Code", "客户代码");
pub const NAME: Label = label("Name", "客户名称");
pub const KIND: Label = label("Kind", "类型");
pub const GRADE: Label = label("Grade", "等级");
pub const LADDER_STEP: Label = label("Ladder step", "关系阶梯");
pub const INDUSTRY: Label = label("Industry", "行业类别");
/// The industry filter of the ladder board.
pub const INDUSTRY_FILTER: Label = label("Industry", "行业");
pub const PHONE: Label = label("Phone", "电话");
pub const SOURCE: Label = label("Source", "客户来源");
pub const EMAIL: Label = label("E-mail", "电子邮箱");
pub const ADDRESS: Label = label("Address", "地址");
pub const CREDIT_RATING: Label = label("Credit rating", "信用状况");
pub const NOTES: Label = label("Notes", "备注");

// A customer's purchases.
pub const DATE: Label = label("Date", "日期");
pub const AMOUNT: Label = label("Amount", "金额");
pub const ORDER_NO: Label = label("Order no.", "订单号");
pub const PRODUCT: Label = label("Product", "产品");
pub const QUANTITY: Label = label("Qty", "数量");

// The opportunity form and list, and the activity form.
pub const CUSTOMER_CODE: Label = label("Customer code", "客户代码");
/// The customer column of the opportunity list and the customer field of
/// the complaint ledger.
pub const CUSTOMER: Label = label("Customer", "客户");
pub const TITLE: Label = label("Title", "名称");
pub const STAGE: Label = label("Stage", "阶段");
pub const EXPECTED_VALUE: Label = label("Expected value", "预计金额");

// The churn record (流失记录).
/// The estimated cost of winning a lost customer back (optional money).
pub const WINBACK_COST: Label = label("Win-back cost", "挽回成本");
pub const PROBABILITY: Label = label("Probability %", "成功率 %");
pub const EXPECTED_CLOSE: Label = label("Expected close", "预计成交");
pub const CREATED: Label = label("Created", "创建");
pub const WHEN: Label = label("When", "时间");
pub const SUBJECT: Label = label("Subject", "主题");
pub const OUTCOME: Label = label("Outcome", "结果");
pub const NEXT_STEP: Label = label("Next step", "下一步");
pub const DUE: Label = label("Due", "期限");
pub const OPPORTUNITY: Label = label("Opportunity", "销售机会");

// The complaint ledger.
pub const RECEIVED_AT: Label = label("Received", "受理时间");
pub const CHANNEL: Label = label("Channel", "渠道");
pub const CATEGORY: Label = label("Category", "类别");
pub const DESCRIPTION: Label = label("Description", "内容");
pub const FIRST_HANDLER: Label = label("First handler", "首问负责人");
pub const FIRST_RESPONSE_AT: Label = label("First response", "首次响应");
pub const RESOLVED_AT: Label = label("Resolved", "解决时间");
pub const RESOLUTION: Label = label("Resolution", "处理结果");
pub const STATUS: Label = label("Status", "状态");

// The AC check sheet.
/// The day picker of the check sheet.
pub const DAY: Label = label("Day", "日期");
pub const AREA: Label = label("Area", "区域");
pub const TIME: Label = label("Time", "时间");
pub const REFERENCE_TEMP: Label = label("Reference °C", "参考温度 °C");
pub const AC_ON: Label = label("AC on", "空调开启");
pub const SET_TEMP: Label = label("Set °C", "设定 °C");
pub const WINDOWS_CLOSED: Label = label("Doors/windows closed", "门窗关闭");
pub const OCCUPIED: Label = label("Occupied", "有人");
pub const CHECKER: Label = label("Checked by", "检查人");
pub const NOTE: Label = label("Note", "备注");

// The survey and contact forms (the record entry of DOMAIN §6).
pub const EXPECTED_LEVEL: Label = label("Expected", "期望");
pub const PERCEIVED_LEVEL: Label = label("Perceived", "感知");
pub const COMMENT: Label = label("Comment", "意见");
pub const CONTACT_NAME: Label = label("Contact", "联系人");
pub const ROLE: Label = label("Role", "职务");
pub const CONTACT_PHONE: Label = label("Contact's phone", "联系人电话");
pub const CONTACT_EMAIL: Label = label("Contact's e-mail", "联系人邮箱");
