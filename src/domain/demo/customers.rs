//! Customers: people and organisations built from their profiles.

use std::collections::BTreeSet;

use crate::domain::customer::{CustomerData, CustomerId, generated_code};
use crate::domain::records::NewCustomer;
use crate::domain::terms::{
    ChurnReason, CreditRating, CustomerKind, Difficulty, Grade, Importance, LadderStep,
    RelationshipStage, RelationshipType, Source,
};

use super::names::{
    CHURN_REASONS, CITIES, CITY_WEIGHTS, City, FAMILIES, GIVEN_FEMALE, GIVEN_MALE, INDUSTRIES,
    MOBILE_PREFIXES, ORG_EMAIL_PREFIXES, PERSON_EMAIL_DOMAINS, PERSON_INDUSTRIES, SOURCE_WEIGHTS,
    STAFF, SURNAMES, TRADE_NAMES,
};
use super::profiles::Profile;
use super::rng::Rng;

pub(super) fn build_customers(rng: &mut Rng, profiles: &[Profile]) -> Vec<NewCustomer> {
    let mut names: BTreeSet<String> = STAFF.iter().map(|s| (*s).to_owned()).collect();
    let mut emails = BTreeSet::new();
    let mut importance_override_left = usize::from(profiles.len() >= 30);
    let mut difficulty_override_left = usize::from(profiles.len() >= 30);
    let mut out = Vec::with_capacity(profiles.len());
    for (i, p) in profiles.iter().enumerate() {
        let code = generated_code(i as u64 + 1);
        let mut data = match p.kind {
            CustomerKind::Individual => person(rng, &mut names, &mut emails),
            CustomerKind::Organisation => organisation(rng, p, &mut names, &mut emails),
        };
        data.code = Some(code.clone());
        data.source = Source::ALL[rng.weighted(&SOURCE_WEIGHTS)];
        data.grade = p.grade;
        data.owner = if p.grade == Some(Grade::A) {
            rng.pick(&STAFF[..2]).to_owned()
        } else {
            rng.pick(&STAFF).to_owned()
        };
        data.credit_rating = p.credit;
        data.payment_notes = match p.credit.filter(|_| p.first.is_some()) {
            Some(CreditRating::Good) => "按时付款，月结30天".to_owned(),
            Some(CreditRating::Fair) => "偶有延迟，一般在45天内结清".to_owned(),
            Some(CreditRating::Poor) => "多次逾期，新订单需预付50%".to_owned(),
            None => String::new(),
        };
        data.ladder_step = p.step;
        (data.relationship_type, data.relationship_stage) = relationship(rng, p.step);
        if p.dissolved {
            data.relationship_stage = RelationshipStage::Dissolution;
            let reason = p.churn.unwrap_or(ChurnReason::Other);
            data.dissolution_reason = CHURN_REASONS[reason_index(reason)].2.to_owned();
        }
        let mut tags = Vec::new();
        let mut notes = Vec::new();
        if p.grade == Some(Grade::A) {
            tags.push("VIP");
            notes.push("大客户，专人负责。");
        }
        if p.step == LadderStep::Partner {
            tags.push("框架协议");
            notes.push("签有年度框架协议，季度对账。");
        }
        if data.source == Source::Exhibition {
            tags.push("展会");
        }
        if importance_override_left > 0
            && p.step == LadderStep::Supporter
            && p.grade == Some(Grade::B)
        {
            importance_override_left -= 1;
            data.importance_override = Some(Importance::Critical);
            notes.push("行业标杆客户，手动设为关键。");
        }
        if difficulty_override_left > 0 && p.credit == Some(CreditRating::Fair) && p.size > 3.0 {
            difficulty_override_left -= 1;
            data.difficulty_override = Some(Difficulty::Difficult);
            notes.push("需求变更频繁，手动设为管理困难。");
        }
        data.tags = tags.join(",");
        data.notes = notes.concat();
        out.push(NewCustomer { id: CustomerId(i as i64 + 1), code, data, created_at: p.created });
    }
    out
}

pub(super) fn reason_index(reason: ChurnReason) -> usize {
    ChurnReason::ALL.iter().position(|r| *r == reason).unwrap_or(0)
}

/// A default relationship type and evolution stage for a ladder step.
pub(super) fn relationship(
    rng: &mut Rng,
    step: LadderStep,
) -> (Option<RelationshipType>, RelationshipStage) {
    use RelationshipStage as S;
    use RelationshipType as T;
    let coin = rng.chance(0.5);
    match step {
        LadderStep::Prospect => {
            (coin.then_some(T::Basic), if rng.chance(0.7) { S::Awareness } else { S::Exploration })
        }
        LadderStep::Customer => (Some(if coin { T::Basic } else { T::Reactive }), S::Exploration),
        LadderStep::Client => (
            Some(if coin { T::Reactive } else { T::Reliable }),
            if rng.chance(0.6) { S::Expansion } else { S::Exploration },
        ),
        LadderStep::Supporter => {
            (Some(if coin { T::Reliable } else { T::Proactive }), S::Expansion)
        }
        LadderStep::Advocate => (
            Some(if rng.chance(0.8) { T::Proactive } else { T::Reliable }),
            if coin { S::Expansion } else { S::Commitment },
        ),
        LadderStep::Partner => (Some(T::Partnership), S::Commitment),
    }
}

/// Inserts `local@domain`, or `local2@domain`, `local3@domain`… if taken.
pub(super) fn unique_email(emails: &mut BTreeSet<String>, local: &str, domain: &str) -> String {
    let mut email = format!("{local}@{domain}");
    let mut n = 2;
    while emails.contains(&email) {
        email = format!("{local}{n}@{domain}");
        n += 1;
    }
    emails.insert(email.clone());
    email
}

pub(super) fn mobile(rng: &mut Rng) -> String {
    let prefix = rng.pick(&MOBILE_PREFIXES);
    let (a, b) = (rng.below(10_000), rng.below(10_000));
    if rng.chance(0.3) {
        format!("{prefix} {a:04} {b:04}")
    } else {
        format!("{prefix}{a:04}{b:04}")
    }
}

pub(super) fn street_address(rng: &mut Rng, city: &City) -> String {
    format!(
        "{}市{}{}{}号",
        city.name,
        rng.pick(&city.districts),
        rng.pick(&city.roads),
        rng.range(1, 399)
    )
}

pub(super) fn person(
    rng: &mut Rng,
    names: &mut BTreeSet<String>,
    emails: &mut BTreeSet<String>,
) -> CustomerData {
    let mut chosen = None;
    for _ in 0..20 {
        let surname = rng.pick(&SURNAMES);
        let female = rng.chance(0.5);
        let given = rng.pick(if female { &GIVEN_FEMALE } else { &GIVEN_MALE });
        let name = format!("{}{}", surname.0, given.0);
        let fresh = !names.contains(&name);
        chosen = Some((name, format!("{}{}", surname.1, given.1), female));
        if fresh {
            break;
        }
    }
    let (name, pinyin, female) = chosen.unwrap_or_else(|| ("王芳".into(), "wangfang".into(), true));
    names.insert(name.clone());
    let mut data = CustomerData::named(name);
    data.kind = CustomerKind::Individual;
    data.industry = rng.pick(&PERSON_INDUSTRIES).to_owned();
    data.phone = mobile(rng);
    if rng.chance(0.75) {
        data.email = unique_email(emails, &pinyin, rng.pick(&PERSON_EMAIL_DOMAINS));
    }
    let city = &CITIES[rng.weighted(&CITY_WEIGHTS)];
    data.address = format!(
        "{}{}栋{}室",
        street_address(rng, city),
        rng.range(1, 12),
        rng.range(1, 30) * 100 + rng.range(1, 8)
    );
    let gender = if female { "女" } else { "男" };
    data.demographics = format!("{gender}，{}", rng.pick(&FAMILIES));
    data
}

pub(super) fn organisation(
    rng: &mut Rng,
    p: &Profile,
    names: &mut BTreeSet<String>,
    emails: &mut BTreeSet<String>,
) -> CustomerData {
    let mut chosen = None;
    for _ in 0..20 {
        let city = &CITIES[rng.weighted(&CITY_WEIGHTS)];
        let trade = rng.pick(&TRADE_NAMES);
        let industry = &INDUSTRIES[rng.index(INDUSTRIES.len())];
        let legal =
            if p.size > 15.0 && rng.chance(0.5) { "股份有限公司" } else { "有限公司" };
        let name = format!("{}{}{}{legal}", city.name, trade.0, rng.pick(&industry.words));
        let fresh = !names.contains(&name);
        chosen = Some((name, city, trade, industry));
        if fresh {
            break;
        }
    }
    let (name, city, trade, industry) = chosen.unwrap_or_else(|| {
        ("广州恒信贸易有限公司".into(), &CITIES[0], TRADE_NAMES[0], &INDUSTRIES[1])
    });
    names.insert(name.clone());
    let mut data = CustomerData::named(name);
    data.kind = CustomerKind::Organisation;
    data.industry = industry.label.to_owned();
    data.phone = if rng.chance(0.8) {
        let number = format!(
            "{}-{}{:03} {:04}",
            city.area_code,
            rng.range(3, 8),
            rng.below(1000),
            rng.below(10_000)
        );
        if rng.chance(0.2) { format!("{number}转{}", rng.range(800, 899)) } else { number }
    } else {
        mobile(rng)
    };
    if rng.chance(0.9) {
        let prefix = rng.pick(&ORG_EMAIL_PREFIXES);
        let plain = format!("{}.com.cn", trade.1);
        let taken = ORG_EMAIL_PREFIXES.iter().any(|p| emails.contains(&format!("{p}@{plain}")));
        let domain = if taken { format!("{}{}.com", trade.1, city.code) } else { plain };
        data.email = unique_email(emails, prefix, &domain);
    }
    data.address = if rng.chance(0.5) {
        format!("{}{}楼", street_address(rng, city), rng.range(2, 28))
    } else {
        format!(
            "{}{}座{}室",
            street_address(rng, city),
            rng.pick(&["A", "B", "C"]),
            rng.range(1, 25) * 100 + rng.range(1, 20)
        )
    };
    let staff = match p.size {
        s if s >= 20.0 => "500人以上",
        s if s >= 8.0 => "200–500人",
        s if s >= 3.0 => "50–200人",
        s if s >= 1.5 => "10–50人",
        _ => "10人以下",
    };
    data.demographics = format!("经营范围：{}；规模：{staff}；状态：存续", industry.scope);
    data
}
