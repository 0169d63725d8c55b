//! What can be imported (CLI.md `import`): the six kinds and, per kind, its
//! fields with the header names (English and Chinese) that select them.

use std::fmt;

/// A kind of file `ladder import --kind KIND` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportKind {
    Customers,
    Transactions,
    Activities,
    Complaints,
    Surveys,
    AcChecks,
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
}

impl FieldSpec {
    /// The field's Chinese header name (its first Chinese alias), shown
    /// beside the field name in the Chinese interface.
    pub fn chinese(&self) -> Option<&'static str> {
        self.aliases.iter().copied().find(|a| !a.is_ascii())
    }
}

const fn req(name: &'static str, aliases: &'static [&'static str]) -> FieldSpec {
    FieldSpec { name, required: true, aliases }
}

const fn opt(name: &'static str, aliases: &'static [&'static str]) -> FieldSpec {
    FieldSpec { name, required: false, aliases }
}

/// Header names of the customer code in the kinds that refer to a customer.
const CUSTOMER_CODE: &[&str] = &["客户代码", "客户编号", "客户编码", "code"];

const CUSTOMERS: &[FieldSpec] = &[
    req("name", &["名称", "客户名称", "姓名", "客户姓名", "customer_name"]),
    opt("code", &["客户代码", "客户编号", "客户编码", "代码", "编号", "customer_code"]),
    opt("kind", &["类型", "客户类型", "customer_kind", "type"]),
    opt("industry", &["行业", "所属行业"]),
    opt("source", &["来源", "客户来源"]),
    opt("grade", &["等级", "客户等级", "级别"]),
    opt("phone", &["电话", "联系电话", "手机", "手机号", "tel", "telephone", "mobile"]),
    opt("email", &["邮箱", "电子邮件", "电子邮箱", "e-mail", "mail"]),
    opt("address", &["地址", "联系地址", "通讯地址"]),
    opt("credit_rating", &["信用", "信用等级", "信用评级", "credit"]),
    opt("ladder_step", &["阶梯", "关系阶梯", "客户阶梯", "ladder"]),
    opt("notes", &["备注", "说明", "note", "remarks"]),
];

const TRANSACTIONS: &[FieldSpec] = &[
    req("customer_code", CUSTOMER_CODE),
    req("date", &["日期", "交易日期", "消费日期", "购买日期", "下单日期"]),
    req("amount", &["金额", "消费金额", "交易金额", "订单金额", "销售额"]),
    opt("order_no", &["订单号", "订单编号", "单号", "order", "order_number"]),
    opt("product", &["产品", "商品", "产品名称", "商品名称"]),
    opt("quantity", &["数量", "qty"]),
];

const ACTIVITIES: &[FieldSpec] = &[
    req("customer_code", CUSTOMER_CODE),
    req("date", &["日期", "活动日期", "日期时间", "at"]),
    req("kind", &["类型", "活动类型", "行动类型", "方式"]),
    opt("subject", &["主题", "事由", "标题"]),
    opt("outcome", &["结果", "成果"]),
    // Not in the CLI.md list; the record has it, so an export can round-trip.
    opt("next_step", &["下一步", "下一步行动", "后续行动"]),
    opt("next_step_due", &["下一步日期", "下次跟进日期", "跟进日期", "next_step_date"]),
    opt("opportunity", &["销售机会", "机会", "opportunity_id"]),
];

const COMPLAINTS: &[FieldSpec] = &[
    req("received_at", &["受理时间", "接收时间", "来电时间", "投诉时间", "时间"]),
    req("customer_code", CUSTOMER_CODE),
    req("kind", &["类型", "性质"]),
    opt("channel", &["渠道", "受理渠道", "来源渠道"]),
    opt("category", &["分类", "类别", "问题分类"]),
    opt("description", &["描述", "内容", "问题描述", "投诉内容"]),
    opt("first_handler", &["首问负责人", "首问人", "受理人"]),
    opt("first_response_at", &["首次响应时间", "响应时间"]),
    opt("resolved_at", &["解决时间", "办结时间"]),
    opt("resolution", &["处理结果", "解决方案", "处理情况", "处理措施"]),
    // Not in the CLI.md list; the record has it, so an export can round-trip.
    opt("status", &["状态", "处理状态"]),
];

const SURVEYS: &[FieldSpec] = &[
    req("customer_code", CUSTOMER_CODE),
    req("date", &["日期", "调查日期"]),
    req("expected", &["期望", "期望值", "期望水平", "预期"]),
    req("perceived", &["感知", "感知值", "感知水平", "实际感受"]),
    opt("comment", &["意见", "评论", "建议", "备注"]),
];

const AC_CHECKS: &[FieldSpec] = &[
    req("date", &["日期", "检查日期"]),
    req("time", &["时间", "检查时间"]),
    req("area", &["区域", "办公区域", "区域名称"]),
    req("reference_temp_c", &["参考温度", "温度", "室温", "reference_temp"]),
    req("ac_on", &["空调开启", "是否开启", "空调是否开启", "开机"]),
    opt("set_temp_c", &["设定温度", "设置温度", "set_temp"]),
    opt("windows_closed", &["门窗关闭", "门窗是否关闭", "关窗"]),
    opt("occupied", &["有人", "是否有人", "人员在岗"]),
    opt("kind", &["类型", "检查类型"]),
    // Not in the CLI.md list; the record has them, so an export can round-trip.
    opt("checker", &["检查人", "检查员"]),
    opt("note", &["备注", "说明", "notes"]),
];

impl ImportKind {
    /// Every kind, in the order of CLI.md.
    pub const ALL: &'static [Self] = &[
        Self::Customers,
        Self::Transactions,
        Self::Activities,
        Self::Complaints,
        Self::Surveys,
        Self::AcChecks,
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
            Self::Transactions => "transactions",
            Self::Activities => "activities",
            Self::Complaints => "complaints",
            Self::Surveys => "surveys",
            Self::AcChecks => "ac-checks",
        }
    }

    /// The fields of this kind, required ones included, in export order.
    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            Self::Customers => CUSTOMERS,
            Self::Transactions => TRANSACTIONS,
            Self::Activities => ACTIVITIES,
            Self::Complaints => COMPLAINTS,
            Self::Surveys => SURVEYS,
            Self::AcChecks => AC_CHECKS,
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
        assert_eq!(ImportKind::from_cli("opportunities"), None);
    }

    #[test]
    fn required_fields_match_the_cli_contract() {
        let required = |kind: ImportKind| -> Vec<&str> {
            kind.fields().iter().filter(|f| f.required).map(|f| f.name).collect()
        };
        assert_eq!(required(ImportKind::Customers), ["name"]);
        assert_eq!(required(ImportKind::Transactions), ["customer_code", "date", "amount"]);
        assert_eq!(required(ImportKind::Activities), ["customer_code", "date", "kind"]);
        assert_eq!(required(ImportKind::Complaints), ["received_at", "customer_code", "kind"]);
        assert_eq!(
            required(ImportKind::Surveys),
            ["customer_code", "date", "expected", "perceived"]
        );
        assert_eq!(
            required(ImportKind::AcChecks),
            ["date", "time", "area", "reference_temp_c", "ac_on"]
        );
    }
}
