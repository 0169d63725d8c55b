//! What can be imported (CLI.md `import`): the kinds and, per kind, its
//! fields with the header names (English and Chinese) that select them, and
//! the labels the app shows for each (`domain::labels`).

use std::fmt;

use crate::domain::labels::{self as l, Label};

/// A kind of file `ladder import --kind KIND` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportKind {
    Customers,
    Contacts,
    Transactions,
    Opportunities,
    Activities,
    Complaints,
    Surveys,
    AcChecks,
    Calendar,
    Churn,
}

/// One field of an import kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    /// The field name used on the command line (`--map FIELD=COLUMN`) and as
    /// the column name of an export.
    pub name: &'static str,
    /// A row without a value for it is refused.
    pub required: bool,
    /// Other header names that select this field (Chinese and English);
    /// matched like the name itself (see `mapping::normalise_header`).
    pub aliases: &'static [&'static str],
    /// The labels the app shows for this field (its forms and tables), in
    /// both languages: each selects the field too, after the name and the
    /// aliases (a column named by them wins over one named by a label).
    pub labels: &'static [Label],
}

impl FieldSpec {
    /// The field's Chinese header name (its first Chinese alias), shown
    /// beside the field name in the Chinese interface.
    pub fn chinese(&self) -> Option<&'static str> {
        self.aliases.iter().copied().find(|a| !a.is_ascii())
    }

    /// The same field, also selected by the app's `labels` for it.
    const fn shown_as(self, labels: &'static [Label]) -> Self {
        Self { labels, ..self }
    }
}

const fn req(name: &'static str, aliases: &'static [&'static str]) -> FieldSpec {
    FieldSpec { name, required: true, aliases, labels: &[] }
}

const fn opt(name: &'static str, aliases: &'static [&'static str]) -> FieldSpec {
    FieldSpec { name, required: false, aliases, labels: &[] }
}

/// Header names of the customer code in the kinds that refer to a customer.
const CUSTOMER_CODE: &[&str] = &["客户代码", "客户编号", "客户编码", "code"];
const PHONE: &[&str] = &["电话", "联系电话", "手机", "手机号", "tel", "telephone", "mobile"];
const EMAIL: &[&str] = &["邮箱", "电子邮件", "电子邮箱", "e-mail", "mail"];
const NOTES: &[&str] = &["备注", "说明", "note", "remarks"];

const CUSTOMERS: &[FieldSpec] = &[
    req("name", &["名称", "客户名称", "姓名", "客户姓名", "customer_name"]).shown_as(&[l::NAME]),
    opt("code", &["客户代码", "客户编号", "客户编码", "代码", "编号", "customer_code"])
        .shown_as(&[l::CODE]),
    opt("kind", &["类型", "客户类型", "customer_kind", "type"]).shown_as(&[l::KIND]),
    opt("industry", &["行业", "所属行业"]).shown_as(&[l::INDUSTRY, l::INDUSTRY_FILTER]),
    opt("source", &["来源", "客户来源"]).shown_as(&[l::SOURCE]),
    opt("grade", &["等级", "客户等级", "级别"]).shown_as(&[l::GRADE]),
    opt("phone", PHONE).shown_as(&[l::PHONE]),
    opt("email", EMAIL).shown_as(&[l::EMAIL]),
    opt("address", &["地址", "联系地址", "通讯地址"]).shown_as(&[l::ADDRESS]),
    opt("credit_rating", &["信用", "信用等级", "信用评级", "credit"]).shown_as(&[l::CREDIT_RATING]),
    opt("ladder_step", &["阶梯", "关系阶梯", "客户阶梯", "ladder"]).shown_as(&[l::LADDER_STEP]),
    opt("notes", NOTES).shown_as(&[l::NOTES]),
];

const CONTACTS: &[FieldSpec] = &[
    req("customer_code", CUSTOMER_CODE).shown_as(&[l::CUSTOMER]),
    req("name", &["姓名", "联系人", "联系人姓名", "名称", "contact", "contact_name"])
        .shown_as(&[l::CONTACT_NAME]),
    opt("role", &["职务", "职位", "角色", "position"]).shown_as(&[l::ROLE]),
    opt("phone", PHONE).shown_as(&[l::CONTACT_PHONE]),
    opt("email", EMAIL).shown_as(&[l::CONTACT_EMAIL]),
    opt("notes", NOTES),
];

const TRANSACTIONS: &[FieldSpec] = &[
    req("customer_code", CUSTOMER_CODE).shown_as(&[l::CUSTOMER]),
    req("date", &["日期", "交易日期", "消费日期", "购买日期", "下单日期"]).shown_as(&[l::DATE]),
    req("amount", &["金额", "消费金额", "交易金额", "订单金额", "销售额"]).shown_as(&[l::AMOUNT]),
    opt("order_no", &["订单号", "订单编号", "单号", "order", "order_number"])
        .shown_as(&[l::ORDER_NO]),
    opt("product", &["产品", "商品", "产品名称", "商品名称"]).shown_as(&[l::PRODUCT]),
    opt("quantity", &["数量", "qty"]).shown_as(&[l::QUANTITY]),
];

/// In export order: the id first, as `ladder export` has always written it.
const OPPORTUNITIES: &[FieldSpec] = &[
    opt("id", &["机会编号", "销售机会编号", "编号", "opportunity_id"]),
    req("customer_code", CUSTOMER_CODE).shown_as(&[l::CUSTOMER_CODE, l::CUSTOMER]),
    req("title", &["标题", "机会名称", "销售机会名称", "名称"]).shown_as(&[l::TITLE]),
    opt("stage", &["阶段", "销售阶段"]).shown_as(&[l::STAGE]),
    opt("expected_value", &["预计金额", "预期金额", "金额", "value"])
        .shown_as(&[l::EXPECTED_VALUE]),
    opt("probability_pct", &["成功率", "成功概率", "概率", "probability"])
        .shown_as(&[l::PROBABILITY]),
    opt("expected_close", &["预计成交", "预计成交日期", "预计签约日期"])
        .shown_as(&[l::EXPECTED_CLOSE]),
    opt("created_at", &["创建时间", "创建日期", "created"]).shown_as(&[l::CREATED]),
    opt("closed_at", &["关闭日期", "成交日期", "结束日期", "closed"]),
    opt("delivered_at", &["交付日期", "交付使用日期", "delivered"]),
    opt("owner", &["负责人", "销售负责人", "销售员"]),
    opt("notes", NOTES),
];

const ACTIVITIES: &[FieldSpec] = &[
    req("customer_code", CUSTOMER_CODE).shown_as(&[l::CUSTOMER_CODE]),
    req("date", &["日期", "活动日期", "日期时间", "at"]).shown_as(&[l::WHEN]),
    req("kind", &["类型", "活动类型", "行动类型", "方式"]).shown_as(&[l::KIND]),
    opt("subject", &["主题", "事由", "标题"]).shown_as(&[l::SUBJECT]),
    opt("outcome", &["结果", "成果"]).shown_as(&[l::OUTCOME]),
    // Not in the CLI.md list; the record has it, so an export can round-trip.
    opt("next_step", &["下一步", "下一步行动", "后续行动"]).shown_as(&[l::NEXT_STEP]),
    opt("next_step_due", &["下一步日期", "下次跟进日期", "跟进日期", "next_step_date"])
        .shown_as(&[l::DUE]),
    opt("opportunity", &["销售机会", "机会", "opportunity_id"]).shown_as(&[l::OPPORTUNITY]),
];

const COMPLAINTS: &[FieldSpec] = &[
    req("received_at", &["受理时间", "接收时间", "来电时间", "投诉时间", "时间"])
        .shown_as(&[l::RECEIVED_AT]),
    req("customer_code", CUSTOMER_CODE).shown_as(&[l::CUSTOMER]),
    req("kind", &["类型", "性质"]).shown_as(&[l::KIND]),
    opt("channel", &["渠道", "受理渠道", "来源渠道"]).shown_as(&[l::CHANNEL]),
    opt("category", &["分类", "类别", "问题分类"]).shown_as(&[l::CATEGORY]),
    opt("description", &["描述", "内容", "问题描述", "投诉内容"]).shown_as(&[l::DESCRIPTION]),
    opt("first_handler", &["首问负责人", "首问人", "受理人"]).shown_as(&[l::FIRST_HANDLER]),
    opt("first_response_at", &["首次响应时间", "响应时间"]).shown_as(&[l::FIRST_RESPONSE_AT]),
    opt("resolved_at", &["解决时间", "办结时间"]).shown_as(&[l::RESOLVED_AT]),
    opt("resolution", &["处理结果", "解决方案", "处理情况", "处理措施"]).shown_as(&[l::RESOLUTION]),
    // Not in the CLI.md list; the record has it, so an export can round-trip.
    opt("status", &["状态", "处理状态"]).shown_as(&[l::STATUS]),
];

const SURVEYS: &[FieldSpec] = &[
    req("customer_code", CUSTOMER_CODE).shown_as(&[l::CUSTOMER]),
    req("date", &["日期", "调查日期"]).shown_as(&[l::DATE]),
    req("expected", &["期望", "期望值", "期望水平", "预期"]).shown_as(&[l::EXPECTED_LEVEL]),
    req("perceived", &["感知", "感知值", "感知水平", "实际感受"]).shown_as(&[l::PERCEIVED_LEVEL]),
    opt("comment", &["意见", "评论", "建议", "备注"]).shown_as(&[l::COMMENT]),
];

const AC_CHECKS: &[FieldSpec] = &[
    req("date", &["日期", "检查日期"]).shown_as(&[l::DATE, l::DAY]),
    req("time", &["时间", "检查时间"]).shown_as(&[l::TIME]),
    req("area", &["区域", "办公区域", "区域名称"]).shown_as(&[l::AREA]),
    req("reference_temp_c", &["参考温度", "温度", "室温", "reference_temp"])
        .shown_as(&[l::REFERENCE_TEMP]),
    req("ac_on", &["空调开启", "是否开启", "空调是否开启", "开机"]).shown_as(&[l::AC_ON]),
    opt("set_temp_c", &["设定温度", "设置温度", "set_temp"]).shown_as(&[l::SET_TEMP]),
    opt("windows_closed", &["门窗关闭", "门窗是否关闭", "关窗"]).shown_as(&[l::WINDOWS_CLOSED]),
    opt("occupied", &["有人", "是否有人", "人员在岗"]).shown_as(&[l::OCCUPIED]),
    opt("kind", &["类型", "检查类型"]).shown_as(&[l::KIND]),
    // Not in the CLI.md list; the record has them, so an export can round-trip.
    opt("checker", &["检查人", "检查员"]).shown_as(&[l::CHECKER]),
    opt("note", &["备注", "说明", "notes"]).shown_as(&[l::NOTE]),
];

/// Churn records (流失记录, DOMAIN §2 "Retention and churn").
const CHURN: &[FieldSpec] = &[
    req("customer_code", CUSTOMER_CODE).shown_as(&[l::CUSTOMER_CODE, l::CUSTOMER]),
    req("recorded_at", &["记录日期", "流失日期", "日期", "date"]),
    req("reason", &["流失原因", "原因"]),
    opt("root_cause", &["根本原因", "原因分析", "root cause"]),
    opt("try_repair", &["尝试挽回", "是否挽回", "修复关系", "repair"]),
    opt("estimated_loss", &["估计损失", "损失", "loss", "estimated_loss_cents"]),
    opt("winback_cost", &["挽回成本", "win_back_cost", "winback_cost_cents"])
        .shown_as(&[l::WINBACK_COST]),
];

const CALENDAR: &[FieldSpec] = &[
    req("date", &["日期"]),
    req("working", &["工作日", "是否工作日", "上班", "workday", "working_day"]),
    opt("name", &["名称", "节日", "节假日", "说明", "holiday"]),
];

impl ImportKind {
    /// Every kind, in the order of CLI.md (which is also an order in which
    /// the exports of a whole database import: customers before what
    /// refers to them, opportunities before the activities that name them).
    pub const ALL: &'static [Self] = &[
        Self::Customers,
        Self::Contacts,
        Self::Transactions,
        Self::Opportunities,
        Self::Activities,
        Self::Complaints,
        Self::Surveys,
        Self::AcChecks,
        Self::Calendar,
        Self::Churn,
    ];

    /// The kind named on the command line (`ac-checks`); `None` for any
    /// other text.
    pub fn from_cli(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|kind| kind.cli_name() == name)
    }

    /// The name used on the command line.
    pub fn cli_name(self) -> &'static str {
        match self {
            Self::Customers => "customers",
            Self::Contacts => "contacts",
            Self::Transactions => "transactions",
            Self::Opportunities => "opportunities",
            Self::Activities => "activities",
            Self::Complaints => "complaints",
            Self::Surveys => "surveys",
            Self::AcChecks => "ac-checks",
            Self::Calendar => "calendar",
            Self::Churn => "churn",
        }
    }

    /// The fields of this kind, required ones included, in export order.
    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            Self::Customers => CUSTOMERS,
            Self::Contacts => CONTACTS,
            Self::Transactions => TRANSACTIONS,
            Self::Opportunities => OPPORTUNITIES,
            Self::Activities => ACTIVITIES,
            Self::Complaints => COMPLAINTS,
            Self::Surveys => SURVEYS,
            Self::AcChecks => AC_CHECKS,
            Self::Calendar => CALENDAR,
            Self::Churn => CHURN,
        }
    }

    /// The field with this CLI name.
    pub fn field(self, name: &str) -> Option<&'static FieldSpec> {
        self.fields().iter().find(|f| f.name == name)
    }
}

impl fmt::Display for ImportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.cli_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_names_round_trip() {
        for kind in ImportKind::ALL {
            assert_eq!(ImportKind::from_cli(kind.cli_name()), Some(*kind));
        }
        assert_eq!(ImportKind::from_cli("ac-checks"), Some(ImportKind::AcChecks));
        assert_eq!(ImportKind::from_cli("ac_checks"), None);
        assert_eq!(ImportKind::from_cli("opportunities"), Some(ImportKind::Opportunities));
        assert_eq!(ImportKind::from_cli("calendar-days"), None);
    }

    #[test]
    fn required_fields_match_the_cli_contract() {
        let required = |kind: ImportKind| -> Vec<&str> {
            kind.fields().iter().filter(|f| f.required).map(|f| f.name).collect()
        };
        assert_eq!(required(ImportKind::Customers), ["name"]);
        assert_eq!(required(ImportKind::Transactions), ["customer_code", "date", "amount"]);
        assert_eq!(required(ImportKind::Contacts), ["customer_code", "name"]);
        assert_eq!(required(ImportKind::Opportunities), ["customer_code", "title"]);
        assert_eq!(required(ImportKind::Calendar), ["date", "working"]);
        assert_eq!(required(ImportKind::Activities), ["customer_code", "date", "kind"]);
        assert_eq!(required(ImportKind::Complaints), ["received_at", "customer_code", "kind"]);
        assert_eq!(
            required(ImportKind::Surveys),
            ["customer_code", "date", "expected", "perceived"]
        );
        assert_eq!(required(ImportKind::Churn), ["customer_code", "recorded_at", "reason"]);
        assert_eq!(
            required(ImportKind::AcChecks),
            ["date", "time", "area", "reference_temp_c", "ac_on"]
        );
    }
}
