//! Each rule's short name and its source document, in 中文 and English
//! (DOMAIN §4), and which of its limits are office targets rather than
//! policy clauses (SVC-FIRST-30MIN, AC-FAULT's repair days).

use crate::domain::Lang;

/// A rule's names and source, in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleText {
    pub id: &'static str,
    pub name_en: &'static str,
    pub name_zh: &'static str,
    pub source_en: &'static str,
    pub source_zh: &'static str,
    /// The rule as a whole is an office target (guidance), not a clause.
    pub target: bool,
}

impl RuleText {
    /// The short name in `lang`.
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.name_zh,
            Lang::En => self.name_en,
        }
    }

    /// The source document and clause in `lang`.
    pub fn source(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.source_zh,
            Lang::En => self.source_en,
        }
    }
}

macro_rules! rule {
    ($id:literal, $en:literal, $zh:literal, $src_en:expr, $src_zh:expr) => {
        RuleText {
            id: $id,
            name_en: $en,
            name_zh: $zh,
            source_en: $src_en,
            source_zh: $src_zh,
            target: false,
        }
    };
}

/// Every rule of `compliance::rules()`, in the same order.
pub const TEXTS: &[RuleText] = &[
    rule!(
        "AC-SEASON",
        "Cooling season",
        "空调使用月份",
        "Office air-conditioning policy 4.1.1.1",
        "《空调使用管理规定》4.1.1.1"
    ),
    rule!(
        "AC-CHECKS",
        "Two checks a day",
        "每日两次检查",
        "Office air-conditioning policy 4.1.1.3",
        "《空调使用管理规定》4.1.1.3"
    ),
    rule!(
        "AC-HOT",
        "AC only when hot",
        "高温方可开启",
        "Office air-conditioning policy 4.1.1.3",
        "《空调使用管理规定》4.1.1.3"
    ),
    rule!(
        "AC-SUMMER-SET",
        "Summer set temperature",
        "夏季设定温度",
        "Office air-conditioning policy 4.1.1.4",
        "《空调使用管理规定》4.1.1.4"
    ),
    rule!(
        "AC-WINTER",
        "Winter heating",
        "冬季制热",
        "Office air-conditioning policy 4.1.2.1, 4.1.2.3",
        "《空调使用管理规定》4.1.2.1、4.1.2.3"
    ),
    rule!(
        "AC-WINDOWS",
        "Doors and windows closed",
        "开空调须关门窗",
        "Office air-conditioning policy 4.1.1.2, 4.1.2.2",
        "《空调使用管理规定》4.1.1.2、4.1.2.2"
    ),
    rule!(
        "AC-EMPTY",
        "Off in an empty room",
        "无人须关空调",
        "Office air-conditioning policy 4.1.1.2, 4.2.1",
        "《空调使用管理规定》4.1.1.2、4.2.1"
    ),
    rule!(
        "AC-OFF-EARLY",
        "Off before the end of the day",
        "下班前关闭",
        "Office air-conditioning policy 4.1.1.2, 4.2.1",
        "《空调使用管理规定》4.1.1.2、4.2.1"
    ),
    rule!(
        "AC-MAINT",
        "Yearly cleaning",
        "每年保养清洁",
        "Office air-conditioning policy 4.2.3.1",
        "《空调使用管理规定》4.2.3.1"
    ),
    rule!(
        "AC-FAULT",
        "Faults reported and repaired",
        "故障上报与维修",
        "Office air-conditioning policy 4.2.3.2, 4.2.2",
        "《空调使用管理规定》4.2.3.2、4.2.2"
    ),
    rule!(
        "SVC-FOLLOWUP",
        "Monthly follow-up of opportunities",
        "销售机会每月跟进",
        "CRM system management rules, art. 3",
        "《CRM系统管理办法》第三条"
    ),
    rule!(
        "SVC-QUERY-10MIN",
        "Query answered in 10 minutes",
        "查询十分钟内答复",
        "Baiyun Airport Group CRM plan 3.2.2 (6)",
        "《广州白云机场集团客户关系管理方案》3.2.2（6）"
    ),
    rule!(
        "SVC-COMPLAINT-HALFDAY",
        "Complaint resolved in half a day",
        "投诉半个工作日内处理",
        "Baiyun Airport Group CRM plan 3.2.2 (6)",
        "《广州白云机场集团客户关系管理方案》3.2.2（6）"
    ),
    RuleText {
        id: "SVC-FIRST-30MIN",
        name_en: "Inquiry answered in 30 minutes",
        name_zh: "咨询三十分钟内响应",
        source_en: "CRM notes, the “30-minute principle” (guidance, not a clause)",
        source_zh: "《客户关系管理要点》“30分钟原则”（指导意见，并非条款）",
        target: true,
    },
    rule!(
        "SVC-REVISIT",
        "Revisits after delivery",
        "交付后回访",
        "Customer service system, §5 (revisits)",
        "《客户服务体系（管理制度）》五、客户回访制度"
    ),
    rule!(
        "SVC-VISIT-50",
        "Half of active customers visited",
        "每月走访半数活跃客户",
        "Baiyun Airport Group CRM plan 3.2.4 (5)",
        "《广州白云机场集团客户关系管理方案》3.2.4（5）"
    ),
    rule!(
        "SVC-MONTHLY-REPORT",
        "Monthly service report",
        "月度服务报告",
        "Baiyun Airport Group CRM plan 3.2.4 (5), (7)",
        "《广州白云机场集团客户关系管理方案》3.2.4（5）（7）"
    ),
    rule!(
        "SVC-LEDGER",
        "Complaint ledger",
        "投诉管理台账",
        "Power supply business rules, art. 17–18; Baiyun Airport Group CRM plan 3.2.4 (7)",
        "《供电营业管理制度》第十七、十八条；《广州白云机场集团客户关系管理方案》3.2.4（7）"
    ),
    rule!(
        "SVC-SURVEY",
        "Yearly satisfaction survey",
        "每年满意度调查",
        "Power supply business rules, art. 16",
        "《供电营业管理制度》第十六条"
    ),
];

/// The names and source of a rule.
pub fn text(id: &str) -> Option<&'static RuleText> {
    TEXTS.iter().find(|t| t.id == id)
}

/// True when the rule's limit set by `key` is an office target, not a
/// clause: the repair days of AC-FAULT, and SVC-FIRST-30MIN's minutes.
pub fn is_target(id: &str, key: &str) -> bool {
    matches!(
        (id, key),
        ("AC-FAULT", "fault_repair_working_days")
            | ("SVC-FIRST-30MIN", "inquiry_first_response_minutes")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::compliance::rules;

    #[test]
    fn every_rule_has_names_and_a_source_without_seed_numbers() {
        assert_eq!(TEXTS.len(), rules().len());
        for (rule, text) in rules().iter().zip(TEXTS) {
            assert_eq!(rule.id, text.id, "same order");
            for s in [text.name_en, text.name_zh, text.source_en, text.source_zh] {
                assert!(!s.is_empty() && !s.contains("seed"), "{}: {s}", rule.id);
            }
        }
        assert!(text("SVC-FIRST-30MIN").is_some_and(|t| t.target));
        assert!(is_target("AC-FAULT", "fault_repair_working_days"));
        assert!(!is_target("AC-FAULT", "working_days"));
    }
}
