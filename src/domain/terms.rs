//! Closed vocabularies of the domain (ladder steps, kinds, grades, …): each a
//! `Copy` enum with a stable database code and its Chinese and English names.

use super::Lang;

/// What every vocabulary offers, for code that handles any of them
/// (combo boxes, CSV columns, import parsing).
pub trait Vocabulary: Copy + PartialEq + 'static {
    /// Every value, in display order.
    fn all() -> &'static [Self];
    /// The display name in `lang`.
    fn label(self, lang: Lang) -> &'static str;
}

/// Declares a closed vocabulary: an enum whose variants carry a stable code
/// (stored in SQLite and used in CSV), a Chinese name and an English name.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal, $zh:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stable code stored in the database and written to CSV.
            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }

            /// The value for a stored code.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some(Self::$variant),)+ _ => None }
            }

            /// The display name in `lang`.
            pub fn name(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::Zh => match self { $(Self::$variant => $zh),+ },
                    Lang::En => match self { $(Self::$variant => $en),+ },
                }
            }

            /// Reads a value a person typed: the code or either name,
            /// ignoring case and surrounding spaces.
            pub fn parse_loose(text: &str) -> Option<Self> {
                let text = text.trim();
                Self::ALL.iter().copied().find(|v| {
                    v.code().eq_ignore_ascii_case(text)
                        || v.name(Lang::En).eq_ignore_ascii_case(text)
                        || v.name(Lang::Zh) == text
                })
            }
        }

        impl Vocabulary for $name {
            fn all() -> &'static [Self] {
                Self::ALL
            }

            fn label(self, lang: Lang) -> &'static str {
                self.name(lang)
            }
        }
    };
}

vocabulary! {
    /// Individual person or organisation (个人 / 企业).
    CustomerKind {
        Individual => "individual", "个人", "Individual";
        Organisation => "organisation", "企业", "Organisation";
    }
}

vocabulary! {
    /// The relationship ladder, low → high closeness (DOMAIN §2).
    LadderStep {
        Prospect => "prospect", "潜在顾客", "Prospect";
        Customer => "customer", "顾客", "Customer";
        Client => "client", "客户", "Client";
        Supporter => "supporter", "支持者", "Supporter";
        Advocate => "advocate", "宣传者", "Advocate";
        Partner => "partner", "伙伴", "Partner";
    }
}

vocabulary! {
    /// Manual customer grade (客户等级).
    Grade {
        A => "A", "A", "A";
        B => "B", "B", "B";
        C => "C", "C", "C";
    }
}

vocabulary! {
    /// Where the customer came from (客户来源).
    Source {
        Referral => "referral", "介绍", "Referral";
        Exhibition => "exhibition", "展会", "Exhibition";
        Website => "website", "网站", "Website";
        Canvassing => "canvassing", "逐户访问", "Door-to-door canvassing";
        PaidLeads => "paid_leads", "咨询寻找", "Paid lead service";
        Intermediary => "intermediary", "猎犬法", "Intermediary";
        KeyInfluencer => "key_influencer", "中心开花", "Key influencer";
        Other => "other", "其他", "Other";
    }
}

vocabulary! {
    /// Credit rating in the financial information (信用).
    CreditRating {
        Good => "good", "良好", "Good";
        Fair => "fair", "一般", "Fair";
        Poor => "poor", "差", "Poor";
    }
}

vocabulary! {
    /// Relationship type by contact pattern (客户关系类型).
    RelationshipType {
        Basic => "basic", "基本型", "Basic";
        Reactive => "reactive", "反应型", "Reactive";
        Reliable => "reliable", "可靠型", "Reliable";
        Proactive => "proactive", "主动型", "Proactive";
        Partnership => "partnership", "合伙型", "Partnership";
    }
}

vocabulary! {
    /// The five stages of relationship evolution (关系演进五阶段).
    RelationshipStage {
        Awareness => "awareness", "注意", "Awareness";
        Exploration => "exploration", "熟悉", "Exploration";
        Expansion => "expansion", "深入", "Expansion";
        Commitment => "commitment", "信赖", "Commitment";
        Dissolution => "dissolution", "解散", "Dissolution";
    }
}

vocabulary! {
    /// Strategic importance override (客户战略重要性).
    Importance {
        Critical => "critical", "关键", "Critical";
        NotCritical => "not_critical", "不关键", "Not critical";
    }
}

vocabulary! {
    /// Management difficulty override (管理难度).
    Difficulty {
        Difficult => "difficult", "困难", "Difficult";
        Easy => "easy", "容易", "Easy";
    }
}

vocabulary! {
    /// Opportunity stages (线索 → 签约/失败). Distinct from [`Tier::Lead`].
    OpportunityStage {
        Lead => "lead", "线索", "Lead";
        Qualified => "qualified", "意向", "Qualified";
        Proposal => "proposal", "方案", "Proposal";
        Negotiation => "negotiation", "谈判", "Negotiation";
        Won => "won", "签约", "Won";
        Lost => "lost", "失败", "Lost";
    }
}

vocabulary! {
    /// The four value tiers (四分法). `Lead` is the metal 重铅, not a sales lead.
    Tier {
        Platinum => "platinum", "铂金层级", "Platinum";
        Gold => "gold", "黄金层级", "Gold";
        Steel => "steel", "钢铁层级", "Steel";
        Lead => "lead", "重铅层级", "Lead";
    }
}

vocabulary! {
    /// General actions (一般行动).
    ActivityKind {
        Call => "call", "电话", "Call";
        Visit => "visit", "走访", "Visit";
        Revisit => "revisit", "回访", "Revisit";
        Email => "email", "邮件", "Email";
        Meeting => "meeting", "会议", "Meeting";
        Note => "note", "备注", "Note";
    }
}

vocabulary! {
    /// Why a relationship ended or was lost (流失原因).
    ChurnReason {
        Price => "price", "价格", "Price";
        Service => "service", "服务", "Service";
        Quality => "quality", "质量", "Quality";
        Competitor => "competitor", "竞争对手", "Competitor";
        ContractEnded => "contract_ended", "合同期满", "Contract ended";
        NoLongerNeeds => "no_longer_needs", "不再有需求", "No longer needs";
        CannotMeet => "cannot_meet", "我方无法满足", "We cannot meet the need";
        Moved => "moved", "迁移", "Moved";
        Other => "other", "其他", "Other";
    }
}

vocabulary! {
    /// Kinds of ledger entries (查询 / 投诉 / 咨询).
    ComplaintKind {
        Query => "query", "查询", "Query";
        Complaint => "complaint", "投诉", "Complaint";
        Inquiry => "inquiry", "咨询", "Inquiry";
    }
}

vocabulary! {
    /// Ledger entry status.
    ComplaintStatus {
        Open => "open", "待处理", "Open";
        InProgress => "in_progress", "处理中", "In progress";
        Resolved => "resolved", "已解决", "Resolved";
        Closed => "closed", "已关闭", "Closed";
    }
}

vocabulary! {
    /// Scheduled check or HR spot inspection of the AC check sheet.
    AcCheckKind {
        Check => "check", "例行检查", "Scheduled check";
        Inspection => "inspection", "不定期调查", "Spot inspection";
    }
}

vocabulary! {
    /// Cause of an AC fault.
    FaultCause {
        Wear => "wear", "正常损耗", "Normal wear";
        Misuse => "misuse", "人为", "Human misuse";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_names_parse() {
        for step in LadderStep::ALL {
            assert_eq!(LadderStep::from_code(step.code()), Some(*step));
            assert_eq!(LadderStep::parse_loose(step.name(Lang::Zh)), Some(*step));
            assert_eq!(LadderStep::parse_loose(step.name(Lang::En)), Some(*step));
        }
        assert_eq!(CustomerKind::parse_loose(" 企业 "), Some(CustomerKind::Organisation));
        assert_eq!(CustomerKind::parse_loose("INDIVIDUAL"), Some(CustomerKind::Individual));
        assert_eq!(Grade::parse_loose("d"), None);
    }

    #[test]
    fn tier_lead_and_opportunity_lead_are_distinct() {
        assert_ne!(Tier::Lead.name(Lang::Zh), OpportunityStage::Lead.name(Lang::Zh));
    }
}
