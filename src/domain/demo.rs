//! Teaching mode (DOMAIN §6): a seeded, deterministic and pure generator of a
//! believable small Chinese company, an office-equipment dealer in Guangzhou,
//! with its customers, transactions, opportunities, activities, complaint
//! ledger, surveys, monthly service reports, working calendar and one cooling
//! season of the air-conditioning check sheet with a few planted violations.
//!
//! Pure means: no clock, no I/O, no global state and no external random
//! number crate. The same [`DemoOptions`] always give the same
//! [`DemoCompany`], byte for byte, and no collection with an unspecified
//! iteration order is ever iterated.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use super::compliance::calendar::WorkingCalendar;
use super::customer::{CustomerData, CustomerId, generated_code};
use super::pipeline::default_probability;
use super::records::{
    AcArea, AcCheckRow, AcNotice, Activity, CalendarDay, ChurnRecord, Complaint, Fault,
    Maintenance, NewCustomer, Opportunity, Overtime, ReportKind, ServiceReport, StageChange,
    Survey, Transaction,
};
use super::settings::Settings;
use super::terms::{
    AcCheckKind, ActivityKind, ChurnReason, ComplaintKind, ComplaintStatus, CreditRating,
    CustomerKind, Difficulty, FaultCause, Grade, Importance, LadderStep, OpportunityStage,
    RelationshipStage, RelationshipType, Source,
};

// ---------------------------------------------------------------------------
// Options and output
// ---------------------------------------------------------------------------

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoOptions {
    /// Seed of the generator: the same seed gives the same company.
    pub seed: u64,
    /// Number of customers.
    pub customers: usize,
    /// Length of the period in years of 365 days, ending at `end` (0 counts as 1).
    pub years: u32,
    /// Last day of the period: the demo's "today".
    pub end: NaiveDate,
}

impl Default for DemoOptions {
    /// Seed 7, 300 customers, two years ending 2026-10-31.
    fn default() -> Self {
        Self { seed: 7, customers: 300, years: 2, end: ymd(2026, 10, 31) }
    }
}

/// An AC-policy violation or missing record the generator planted on purpose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlantedFinding {
    /// The rule id of DOMAIN §4.1, e.g. `AC-HOT`.
    pub rule_id: &'static str,
    /// The day of the finding.
    pub date: NaiveDate,
    /// The area's name.
    pub subject: String,
    /// Why it is a finding, in Chinese and English.
    pub detail: String,
}

/// A whole demo company, ready to be stored in a fresh database.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoCompany {
    /// Customers with ids 1..=n and codes `C-000001`…, in id order.
    pub customers: Vec<NewCustomer>,
    /// Purchases by date, with order numbers `SO-<year>-<sequence>`.
    pub transactions: Vec<Transaction>,
    /// Opportunities with ids 1.. in order of creation.
    pub opportunities: Vec<Opportunity>,
    /// Every opportunity's path, from `None` to its current stage.
    pub stage_changes: Vec<StageChange>,
    /// General actions with ids 1.. in time order.
    pub activities: Vec<Activity>,
    /// Churn records of most churned customers.
    pub churn: Vec<ChurnRecord>,
    /// The complaint ledger, ids 1.. in order of receipt.
    pub complaints: Vec<Complaint>,
    /// Satisfaction surveys by date.
    pub surveys: Vec<Survey>,
    /// The three AC areas, ids 1..=3.
    pub areas: Vec<AcArea>,
    /// One cooling season of the AC check sheet, by date, time and area.
    pub ac_checks: Vec<AcCheckRow>,
    /// The temporary AC notice.
    pub notices: Vec<AcNotice>,
    /// Overtime records in the season.
    pub overtime: Vec<Overtime>,
    /// Annual AC cleanings.
    pub maintenance: Vec<Maintenance>,
    /// The AC fault log.
    pub faults: Vec<Fault>,
    /// Monthly complaint and visit summaries.
    pub reports: Vec<ServiceReport>,
    /// Weekday holidays and make-up working days in the period.
    pub calendar: Vec<CalendarDay>,
    /// The AC-policy violations the generator planted on purpose (rule id, date, area name, why).
    pub planted_ac: Vec<PlantedFinding>,
}

/// Generates the demo company described by `opts`.
///
/// Every event date lies in `[end - years·365 days, end]`. Only forecasts may
/// lie after `end`: the expected close date of an open opportunity and the
/// due date of a recent activity's next step.
pub fn generate(opts: &DemoOptions) -> DemoCompany {
    let settings = Settings::default();
    let period = Period::new(opts);
    let calendar = calendar_days(period);
    let cal = work_calendar(&calendar);
    let seed = opts.seed;

    let profiles = plan_profiles(&mut Rng::stream(seed, 1), opts.customers, period);
    let customers = build_customers(&mut Rng::stream(seed, 2), &profiles);
    let transactions = build_transactions(&mut Rng::stream(seed, 3), &profiles);
    let churn = build_churn(&mut Rng::stream(seed, 4), &profiles, &transactions, period);
    let (opportunities, stage_changes) =
        build_opportunities(&mut Rng::stream(seed, 5), &profiles, &customers, period);
    let ledger = build_complaints(&mut Rng::stream(seed, 6), &profiles, period, &cal, &settings);
    let surveys = build_surveys(&mut Rng::stream(seed, 7), &profiles, period);
    let world = World {
        period,
        cal: &cal,
        profiles: &profiles,
        opportunities: &opportunities,
        stage_changes: &stage_changes,
        complaints: &ledger.complaints,
    };
    let (activities, visit_stats) = build_activities(&mut Rng::stream(seed, 8), &world);
    let reports = build_reports(&mut Rng::stream(seed, 9), period, &cal, &ledger, &visit_stats);
    let ac = build_ac(&mut Rng::stream(seed, 10), period, &cal, &settings);

    DemoCompany {
        customers,
        transactions,
        opportunities,
        stage_changes,
        activities,
        churn,
        complaints: ledger.complaints,
        surveys,
        areas: ac.areas,
        ac_checks: ac.checks,
        notices: ac.notices,
        overtime: ac.overtime,
        maintenance: ac.maintenance,
        faults: ac.faults,
        reports,
        calendar,
        planted_ac: ac.planted,
    }
}

// ---------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------

/// SplitMix64 (Steele, Lea & Flood, 2014), hand-written here on purpose: the
/// demo must stay byte-identical across crate versions and platforms, which
/// an external random-number crate does not promise.
#[derive(Clone, Debug)]
struct Rng {
    state: u64,
}

impl Rng {
    /// An independent stream for one record group, so that a change in one
    /// group does not reshuffle the others.
    fn stream(seed: u64, stream: u64) -> Self {
        let mut rng = Self { state: seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F) };
        rng.next_u64();
        rng
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, n)`; 0 when `n` is 0.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform index into a slice of length `len` (0 when empty).
    fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// Uniform in `[lo, hi]`, both inclusive; `lo` when `hi < lo`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below(hi.abs_diff(lo) + 1) as i64
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One item of a non-empty constant table.
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    /// An index drawn with the given weights (0 when they are all 0).
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut ticket = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if ticket < u64::from(w) {
                return i;
            }
            ticket -= u64::from(w);
        }
        0
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }
}

/// `n` category indices in shuffled order, with counts proportional to
/// `weights` (largest remainders) and every category present once `n` allows.
fn quota(rng: &mut Rng, n: usize, weights: &[u32]) -> Vec<usize> {
    let total: usize = weights.iter().map(|&w| w as usize).sum::<usize>().max(1);
    let mut counts: Vec<usize> = weights.iter().map(|&w| n * w as usize / total).collect();
    let mut rest: Vec<(usize, usize)> =
        weights.iter().enumerate().map(|(i, &w)| (n * w as usize % total, i)).collect();
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let missing = n - counts.iter().sum::<usize>();
    for &(_, i) in rest.iter().take(missing) {
        counts[i] += 1;
    }
    if n >= weights.len() {
        for i in 0..counts.len() {
            if counts[i] == 0 {
                let donor = (0..counts.len()).max_by_key(|&j| (counts[j], usize::MAX - j));
                if let Some(donor) = donor {
                    counts[donor] -= 1;
                    counts[i] = 1;
                }
            }
        }
    }
    let mut out: Vec<usize> =
        counts.iter().enumerate().flat_map(|(i, &c)| std::iter::repeat_n(i, c)).collect();
    rng.shuffle(&mut out);
    out
}

// ---------------------------------------------------------------------------
// Dates, the period and the working calendar
// ---------------------------------------------------------------------------

/// A date from the generator's own tables and arithmetic.
fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("the generator only builds valid calendar dates")
}

/// The time `minute` minutes after midnight (clamped to the day).
fn time_of(minute: u32) -> NaiveTime {
    let minute = minute.min(24 * 60 - 1);
    NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).expect("a minute of the day is valid")
}

fn at(date: NaiveDate, minute: u32) -> NaiveDateTime {
    date.and_time(time_of(minute))
}

fn minute_of(t: NaiveDateTime) -> u32 {
    t.hour() * 60 + t.minute()
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

/// Month `k` months after `(y, m)`.
fn add_months(y: i32, m: u32, k: i32) -> (i32, u32) {
    let index = y * 12 + m as i32 - 1 + k;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

fn month_last(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = add_months(y, m, 1);
    ymd(ny, nm, 1) - days(1)
}

/// A minute of an office day: 09:00–11:50 or 13:30–17:20.
fn office_minute(rng: &mut Rng) -> u32 {
    let minute = if rng.chance(0.55) {
        rng.range(9 * 60, 11 * 60 + 50)
    } else {
        rng.range(13 * 60 + 30, 17 * 60 + 20)
    };
    minute as u32
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The demo's period `[start, end]`.
#[derive(Clone, Copy, Debug)]
struct Period {
    start: NaiveDate,
    end: NaiveDate,
}

impl Period {
    fn new(opts: &DemoOptions) -> Self {
        let years = i64::from(opts.years.max(1));
        Self { start: opts.end - days(years * 365), end: opts.end }
    }

    fn days(self) -> i64 {
        (self.end - self.start).num_days()
    }

    fn contains(self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// Every month touching the period, in order.
    fn months(self) -> Vec<(i32, u32)> {
        let mut out = Vec::new();
        let (mut y, mut m) = (self.start.year(), self.start.month());
        while (y, m) <= (self.end.year(), self.end.month()) {
            out.push((y, m));
            (y, m) = add_months(y, m, 1);
        }
        out
    }
}

/// Published holiday schedules (国务院办公厅 notices), as
/// (year, month, day, length in days, name). Weekend days inside a span are
/// ordinary rest days and are not stored.
const HOLIDAYS: [(i32, u32, u32, i64, &str); 20] = [
    (2024, 1, 1, 1, "元旦"),
    (2024, 2, 10, 8, "春节"),
    (2024, 4, 4, 3, "清明节"),
    (2024, 5, 1, 5, "劳动节"),
    (2024, 6, 10, 1, "端午节"),
    (2024, 9, 15, 3, "中秋节"),
    (2024, 10, 1, 7, "国庆节"),
    (2025, 1, 1, 1, "元旦"),
    (2025, 1, 28, 8, "春节"),
    (2025, 4, 4, 3, "清明节"),
    (2025, 5, 1, 5, "劳动节"),
    (2025, 5, 31, 3, "端午节"),
    (2025, 10, 1, 8, "国庆节、中秋节"),
    (2026, 1, 1, 3, "元旦"),
    (2026, 2, 15, 9, "春节"),
    (2026, 4, 4, 3, "清明节"),
    (2026, 5, 1, 5, "劳动节"),
    (2026, 6, 19, 3, "端午节"),
    (2026, 9, 25, 3, "中秋节"),
    (2026, 10, 1, 7, "国庆节"),
];

/// Published make-up working days (调休上班), all on weekends.
const MAKEUP_DAYS: [(i32, u32, u32, &str); 19] = [
    (2024, 2, 4, "春节调休"),
    (2024, 2, 18, "春节调休"),
    (2024, 4, 7, "清明节调休"),
    (2024, 4, 28, "劳动节调休"),
    (2024, 5, 11, "劳动节调休"),
    (2024, 9, 14, "中秋节调休"),
    (2024, 9, 29, "国庆节调休"),
    (2024, 10, 12, "国庆节调休"),
    (2025, 1, 26, "春节调休"),
    (2025, 2, 8, "春节调休"),
    (2025, 4, 27, "劳动节调休"),
    (2025, 9, 28, "国庆节调休"),
    (2025, 10, 11, "国庆节调休"),
    (2026, 1, 4, "元旦调休"),
    (2026, 2, 14, "春节调休"),
    (2026, 2, 28, "春节调休"),
    (2026, 5, 9, "劳动节调休"),
    (2026, 9, 20, "国庆节调休"),
    (2026, 10, 10, "国庆节调休"),
];

/// Fixed-date holidays assumed for years without a published schedule above
/// (month, day, length in days, name); no make-up days.
const FIXED_HOLIDAYS: [(u32, u32, i64, &str); 3] =
    [(1, 1, 1, "元旦"), (5, 1, 3, "劳动节"), (10, 1, 7, "国庆节")];

/// The calendar exceptions inside the period: weekday holidays and make-up
/// working days, by date.
fn calendar_days(period: Period) -> Vec<CalendarDay> {
    let mut out = Vec::new();
    for year in period.start.year()..=period.end.year() {
        let mut spans: Vec<(NaiveDate, i64, &str)> = HOLIDAYS
            .iter()
            .filter(|h| h.0 == year)
            .map(|&(y, m, d, len, name)| (ymd(y, m, d), len, name))
            .collect();
        if spans.is_empty() {
            spans = FIXED_HOLIDAYS
                .iter()
                .map(|&(m, d, len, name)| (ymd(year, m, d), len, name))
                .collect();
        }
        for (first, len, name) in spans {
            for k in 0..len {
                let date = first + days(k);
                if !is_weekend(date) && period.contains(date) {
                    out.push(CalendarDay { date, working: false, name: name.to_owned() });
                }
            }
        }
        for &(y, m, d, name) in MAKEUP_DAYS.iter().filter(|h| h.0 == year) {
            let date = ymd(y, m, d);
            if period.contains(date) {
                out.push(CalendarDay { date, working: true, name: name.to_owned() });
            }
        }
    }
    out.sort_by_key(|c| c.date);
    out
}

/// The demo's working calendar is the domain's own (DOMAIN §4.1), with the
/// default settings' working days and hours (Mon–Fri, 09:00–12:00 and
/// 13:00–18:00) and the demo's holidays and make-up days.
fn work_calendar(exceptions: &[CalendarDay]) -> WorkingCalendar {
    WorkingCalendar::from_settings(&Settings::default(), exceptions)
        .expect("the default working days and hours are valid")
}

/// The first working day on or after `d`.
fn next_working(cal: &WorkingCalendar, mut d: NaiveDate) -> NaiveDate {
    while !cal.is_working_day(d) {
        d += days(1);
    }
    d
}

/// The working days in `[from, to]`.
fn working_days(cal: &WorkingCalendar, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    from.iter_days().take_while(|d| *d <= to).filter(|d| cal.is_working_day(*d)).collect()
}

// ---------------------------------------------------------------------------
// Name tables
// ---------------------------------------------------------------------------

/// Sales staff: the owners (负责人) of customers and opportunities. The first
/// two are senior and take most grade-A customers (专人负责制).
const STAFF: [&str; 5] = ["张伟", "李娜", "陈静", "刘洋", "黄磊"];
/// The service desk (客服), first handlers of most ledger entries.
const SERVICE_DESK: [&str; 2] = ["周敏", "吴婷"];
/// The administration clerk who fills in the AC check sheet.
const AC_CHECKER: &str = "赵丽";
/// The HR officer who makes spot inspections (4.2.3.3).
const HR_INSPECTOR: &str = "钱进";

/// Surnames with their pinyin (for e-mail addresses).
const SURNAMES: [(&str, &str); 30] = [
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("黄", "huang"),
    ("赵", "zhao"),
    ("吴", "wu"),
    ("周", "zhou"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("马", "ma"),
    ("朱", "zhu"),
    ("胡", "hu"),
    ("郭", "guo"),
    ("何", "he"),
    ("林", "lin"),
    ("罗", "luo"),
    ("高", "gao"),
    ("梁", "liang"),
    ("郑", "zheng"),
    ("谢", "xie"),
    ("宋", "song"),
    ("唐", "tang"),
    ("许", "xu"),
    ("邓", "deng"),
    ("冯", "feng"),
    ("韩", "han"),
    ("曹", "cao"),
];

const GIVEN_FEMALE: [(&str, &str); 18] = [
    ("芳", "fang"),
    ("娜", "na"),
    ("静", "jing"),
    ("丽", "li"),
    ("敏", "min"),
    ("婷", "ting"),
    ("雪", "xue"),
    ("慧", "hui"),
    ("颖", "ying"),
    ("倩", "qian"),
    ("秀英", "xiuying"),
    ("晓燕", "xiaoyan"),
    ("欣怡", "xinyi"),
    ("佳琪", "jiaqi"),
    ("梦瑶", "mengyao"),
    ("雨桐", "yutong"),
    ("淑华", "shuhua"),
    ("丹丹", "dandan"),
];

const GIVEN_MALE: [(&str, &str); 18] = [
    ("强", "qiang"),
    ("伟", "wei"),
    ("磊", "lei"),
    ("军", "jun"),
    ("洋", "yang"),
    ("勇", "yong"),
    ("杰", "jie"),
    ("涛", "tao"),
    ("斌", "bin"),
    ("超", "chao"),
    ("建华", "jianhua"),
    ("志强", "zhiqiang"),
    ("海峰", "haifeng"),
    ("俊杰", "junjie"),
    ("子轩", "zixuan"),
    ("浩然", "haoran"),
    ("国栋", "guodong"),
    ("文博", "wenbo"),
];

const FAMILIES: [&str; 5] = ["单身", "已婚", "已婚，有一个孩子", "已婚，有两个孩子", "三代同堂"];
const PERSON_INDUSTRIES: [&str; 7] = ["零售", "餐饮", "教育", "医疗", "个体经营", "自由职业", "IT"];
const PERSON_EMAIL_DOMAINS: [&str; 3] = ["example.com", "example.cn", "example.net"];

/// A city: name, short pinyin code, telephone area code, districts, roads.
struct City {
    name: &'static str,
    code: &'static str,
    area_code: &'static str,
    districts: [&'static str; 3],
    roads: [&'static str; 3],
}

/// A [`City`] of the table below, one line each: (name, code, area code,
/// districts, roads).
const fn city(
    name: &'static str,
    code: &'static str,
    area_code: &'static str,
    districts: [&'static str; 3],
    roads: [&'static str; 3],
) -> City {
    City { name, code, area_code, districts, roads }
}

// One city a line reads better than rustfmt's one field a line.
#[rustfmt::skip]
const CITIES: [City; 10] = [
    city("广州", "gz", "020", ["天河区", "越秀区", "海珠区"], ["体育西路", "中山五路", "江南大道中"]),
    city("深圳", "sz", "0755", ["福田区", "南山区", "罗湖区"], ["深南大道", "科技园南路", "人民南路"]),
    city("佛山", "fs", "0757", ["禅城区", "南海区", "顺德区"], ["季华五路", "南海大道北", "德胜东路"]),
    city("东莞", "dg", "0769", ["南城街道", "东城街道", "松山湖"], ["鸿福路", "东城大道", "工业北路"]),
    city("珠海", "zh", "0756", ["香洲区", "金湾区", "斗门区"], ["情侣中路", "金湖路", "白蕉路"]),
    city("上海", "sh", "021", ["浦东新区", "徐汇区", "闵行区"], ["张江路", "漕溪北路", "虹梅路"]),
    city("北京", "bj", "010", ["朝阳区", "海淀区", "东城区"], ["建国路", "中关村大街", "东直门内大街"]),
    city("杭州", "hz", "0571", ["西湖区", "滨江区", "拱墅区"], ["文三路", "江南大道", "湖墅南路"]),
    city("成都", "cd", "028", ["武侯区", "高新区", "锦江区"], ["人民南路", "天府大道", "春熙路"]),
    city("武汉", "wh", "027", ["江汉区", "洪山区", "武昌区"], ["解放大道", "珞喻路", "中北路"]),
];

/// The company sells mostly in Guangdong.
const CITY_WEIGHTS: [u32; 10] = [30, 16, 10, 8, 5, 7, 6, 6, 6, 6];

/// Trade names (字号) of organisations with their pinyin (for domains).
const TRADE_NAMES: [(&str, &str); 30] = [
    ("恒信", "hengxin"),
    ("华晟", "huasheng"),
    ("鼎盛", "dingsheng"),
    ("宏达", "hongda"),
    ("瑞丰", "ruifeng"),
    ("嘉禾", "jiahe"),
    ("金桥", "jinqiao"),
    ("新源", "xinyuan"),
    ("永安", "yongan"),
    ("天成", "tiancheng"),
    ("盛世", "shengshi"),
    ("博远", "boyuan"),
    ("凯越", "kaiyue"),
    ("联创", "lianchuang"),
    ("众合", "zhonghe"),
    ("德润", "derun"),
    ("明达", "mingda"),
    ("汇通", "huitong"),
    ("远航", "yuanhang"),
    ("安泰", "antai"),
    ("锦程", "jincheng"),
    ("浩博", "haobo"),
    ("志诚", "zhicheng"),
    ("正和", "zhenghe"),
    ("广益", "guangyi"),
    ("启航", "qihang"),
    ("润达", "runda"),
    ("华美", "huamei"),
    ("信达", "xinda"),
    ("伟业", "weiye"),
];

/// An industry: label (行业类别), name words of its companies, business scope.
struct Industry {
    label: &'static str,
    words: [&'static str; 3],
    scope: &'static str,
}

/// An [`Industry`] of the table below, one line each.
const fn industry(label: &'static str, words: [&'static str; 3], scope: &'static str) -> Industry {
    Industry { label, words, scope }
}

const INDUSTRIES: [Industry; 9] = [
    industry("制造", ["机械制造", "精密制造", "电子科技"], "机械设备、电子元件的制造与销售"),
    industry("零售", ["商贸", "贸易", "百货"], "日用百货、办公用品零售"),
    industry("餐饮", ["餐饮管理", "食品", "酒店管理"], "餐饮服务、食品经营"),
    industry("教育", ["教育科技", "培训", "文化传播"], "教育培训、文化交流活动策划"),
    industry("医疗", ["医疗器械", "健康科技", "生物科技"], "医疗器械销售、健康咨询"),
    industry("物流", ["物流", "供应链管理", "货运代理"], "道路货物运输、仓储服务"),
    industry("IT", ["信息技术", "软件", "网络科技"], "软件开发、信息系统集成服务"),
    industry("建筑", ["建筑工程", "装饰工程", "建设"], "建筑工程施工、室内装饰"),
    industry("金融服务", ["投资咨询", "财务咨询", "商务服务"], "企业管理咨询、财务咨询"),
];

const ORG_EMAIL_PREFIXES: [&str; 5] = ["info", "sales", "purchase", "service", "admin"];
const MOBILE_PREFIXES: [&str; 22] = [
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
    "156", "158", "159", "180", "181", "186", "187", "188", "189",
];

/// Sources in `Source::ALL` order, and how often each brings a customer.
const SOURCE_WEIGHTS: [u32; 8] = [22, 16, 18, 10, 8, 9, 9, 8];

/// Churn reasons in `ChurnReason::ALL` order, how often each happens, the
/// root-cause note and the dissolution reason written on the customer.
const CHURN_REASONS: [(u32, &str, &str); 9] = [
    (20, "竞品报价低约12%，我方未及时调整价格", "改用报价更低的供应商，合作终止"),
    (12, "两次送货延误后未及时回访，客户失去信任", "对售后响应速度不满，终止合作"),
    (12, "一批硒鼓出现漏粉，退换货处理周期过长", "产品质量问题未妥善解决，终止合作"),
    (18, "竞争对手提供免费上门维保，客户转向对方", "与竞争对手签订了年度合同"),
    (8, "年度框架合同到期，续约谈判未启动", "合同期满未续约"),
    (10, "客户业务收缩，办公设备需求大幅下降", "客户业务调整，不再有采购需求"),
    (8, "客户需要定制化的打印管理系统，我方无法提供", "我方无法满足其系统集成需求"),
    (6, "客户搬迁至外省，超出我方配送范围", "客户迁址至服务范围之外"),
    (6, "客户采购负责人离职，新负责人另有合作方", "采购负责人更换后终止合作"),
];

// ---------------------------------------------------------------------------
// Customer profiles: the plan behind every customer
// ---------------------------------------------------------------------------

/// Where a customer stands at the end of the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    /// No purchase yet.
    Prospect,
    /// Last purchase within 182 days before the end.
    Active,
    /// Last purchase 183–364 days before the end.
    AtRisk,
    /// Last purchase 365 days or more before the end.
    Churned,
}

/// The plan behind one customer, decided before any record is written.
#[derive(Clone, Debug)]
struct Profile {
    step: LadderStep,
    kind: CustomerKind,
    status: Status,
    /// Relative size of the account (≥ 1 for buyers, 0 for prospects).
    size: f64,
    grade: Option<Grade>,
    credit: Option<CreditRating>,
    created: NaiveDateTime,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    purchases: usize,
    churn: Option<ChurnReason>,
    dissolved: bool,
}

/// Ladder steps in `LadderStep::ALL` order: many at the low steps.
const LADDER_WEIGHTS: [u32; 6] = [25, 30, 20, 12, 8, 5];

/// Purchases per year of an account of the given size.
fn purchases_per_year(size: f64) -> f64 {
    10.0 + 16.0 * size.powf(0.6)
}

/// A Pareto-distributed account size (shape 1.2, minimum 1, capped at 60).
fn pareto_size(rng: &mut Rng) -> f64 {
    (1.0 - rng.unit()).powf(-1.0 / 1.5).min(40.0)
}

fn step_rank(step: LadderStep) -> usize {
    LadderStep::ALL.iter().position(|s| *s == step).unwrap_or(0)
}

fn plan_profiles(rng: &mut Rng, n: usize, period: Period) -> Vec<Profile> {
    let mut profiles: Vec<Profile> = quota(rng, n, &LADDER_WEIGHTS)
        .into_iter()
        .map(|s| Profile {
            step: LadderStep::ALL[s],
            kind: CustomerKind::Individual,
            status: Status::Prospect,
            size: 0.0,
            grade: None,
            credit: None,
            created: at(period.start, 9 * 60),
            first: None,
            last: None,
            purchases: 0,
            churn: None,
            dissolved: false,
        })
        .collect();

    // Sizes: sorted Pareto draws go to buyers ordered by ladder step plus
    // noise, so partners are mostly big and 顾客 mostly small. Grades follow
    // the size rank: A for the top 15%, B for the next 35%.
    let buyers: Vec<usize> = (0..n).filter(|&i| profiles[i].step != LadderStep::Prospect).collect();
    let mut sizes: Vec<f64> = buyers.iter().map(|_| pareto_size(rng)).collect();
    sizes.sort_by(|a, b| b.total_cmp(a));
    let mut order: Vec<(f64, usize)> = buyers
        .iter()
        .map(|&i| (step_rank(profiles[i].step) as f64 + rng.unit() * 2.5, i))
        .collect();
    order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (rank, (&(_, i), &size)) in order.iter().zip(&sizes).enumerate() {
        profiles[i].size = size;
        profiles[i].grade = Some(if rank * 100 < buyers.len() * 15 {
            Grade::A
        } else if rank * 100 < buyers.len() * 50 {
            Grade::B
        } else {
            Grade::C
        });
    }

    for profile in &mut profiles {
        plan_one(rng, profile, period);
    }
    let dissolutions = (n / 75).max(1);
    for profile in profiles.iter_mut().filter(|p| p.churn.is_some()).take(dissolutions) {
        profile.dissolved = true;
    }
    profiles
}

fn plan_one(rng: &mut Rng, p: &mut Profile, period: Period) {
    use Status::{Active, AtRisk, Churned};
    let Period { start, end } = period;
    if p.step == LadderStep::Prospect {
        p.kind =
            if rng.chance(0.5) { CustomerKind::Organisation } else { CustomerKind::Individual };
        p.grade = match rng.below(10) {
            0 => None,
            1 | 2 => Some(Grade::B),
            _ => Some(Grade::C),
        };
        // Only a few prospects have had a credit check yet.
        p.credit = match rng.below(20) {
            0..=13 => None,
            14..=18 => Some(CreditRating::Good),
            _ => Some(CreditRating::Fair),
        };
        let created = start + days(rng.range(0, (period.days() - 14).max(0)));
        p.created = at(created, office_minute(rng));
        return;
    }

    p.kind = if rng.chance((0.45 + p.size / 20.0).min(0.92)) {
        CustomerKind::Organisation
    } else {
        CustomerKind::Individual
    };
    p.credit = Some(match rng.weighted(&[75, 20, 5]) {
        0 => CreditRating::Good,
        1 => CreditRating::Fair,
        _ => CreditRating::Poor,
    });
    let weights = match p.step {
        LadderStep::Customer => [55, 20, 25],
        LadderStep::Client => [70, 15, 15],
        LadderStep::Supporter => [85, 10, 5],
        LadderStep::Advocate => [92, 8, 0],
        _ => [100, 0, 0],
    };
    let mut status = [Active, AtRisk, Churned][rng.weighted(&weights)];
    // A churned customer needs a purchase at least 365 days before the end
    // and a creation day before that, inside the period.
    if status == Churned && period.days() < 367 {
        status = AtRisk;
    }
    p.status = status;

    let per_year = purchases_per_year(p.size);
    let last = match status {
        Active => end - days(rng.range(0, (365.0 / per_year).clamp(3.0, 150.0) as i64)),
        AtRisk => end - days(rng.range(183, 364)),
        _ => end - days(rng.range(365, (period.days() - 1).min(700))),
    };
    let span = (last - start).num_days() - 1;
    let long_standing = rng.chance(0.35 + 0.1 * step_rank(p.step) as f64);
    let offset = if long_standing { rng.range(0, span.min(60)) } else { rng.range(0, span) };
    let mut first = (start + days(1 + offset)).min(last);
    let years = ((last - first).num_days() as f64 / 365.25).max(1.0 / 12.0);
    let mut count = ((per_year * years).round() as usize).max(1);
    if p.step == LadderStep::Customer {
        count = count.min(4);
    }
    if count == 1 {
        first = last;
    }
    p.first = Some(first);
    p.last = Some(last);
    p.purchases = count;
    let created = (first - days(rng.range(1, 45))).max(start);
    p.created = at(created, office_minute(rng));
    if status == Churned && rng.chance(0.85) {
        let weights: Vec<u32> = CHURN_REASONS.iter().map(|r| r.0).collect();
        p.churn = Some(ChurnReason::ALL[rng.weighted(&weights)]);
    }
}

// ---------------------------------------------------------------------------
// Customers
// ---------------------------------------------------------------------------

fn build_customers(rng: &mut Rng, profiles: &[Profile]) -> Vec<NewCustomer> {
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

fn reason_index(reason: ChurnReason) -> usize {
    ChurnReason::ALL.iter().position(|r| *r == reason).unwrap_or(0)
}

/// A default relationship type and evolution stage for a ladder step.
fn relationship(rng: &mut Rng, step: LadderStep) -> (Option<RelationshipType>, RelationshipStage) {
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
fn unique_email(emails: &mut BTreeSet<String>, local: &str, domain: &str) -> String {
    let mut email = format!("{local}@{domain}");
    let mut n = 2;
    while emails.contains(&email) {
        email = format!("{local}{n}@{domain}");
        n += 1;
    }
    emails.insert(email.clone());
    email
}

fn mobile(rng: &mut Rng) -> String {
    let prefix = rng.pick(&MOBILE_PREFIXES);
    let (a, b) = (rng.below(10_000), rng.below(10_000));
    if rng.chance(0.3) {
        format!("{prefix} {a:04} {b:04}")
    } else {
        format!("{prefix}{a:04}{b:04}")
    }
}

fn street_address(rng: &mut Rng, city: &City) -> String {
    format!(
        "{}市{}{}{}号",
        city.name,
        rng.pick(&city.districts),
        rng.pick(&city.roads),
        rng.range(1, 399)
    )
}

fn person(
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

fn organisation(
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

// ---------------------------------------------------------------------------
// Transactions and churn
// ---------------------------------------------------------------------------

/// Consumables: (product, unit price in cents).
const CONSUMABLES: [(&str, i64); 8] = [
    ("A4复印纸（箱）", 12_800),
    ("硒鼓", 35_650),
    ("碳粉盒", 26_800),
    ("墨盒套装", 19_900),
    ("文件夹（百个装）", 8_650),
    ("签字笔（盒）", 3_600),
    ("净水器滤芯", 26_800),
    ("标签打印纸（卷）", 2_850),
];

/// Equipment: (product, unit price in cents).
const EQUIPMENT: [(&str, i64); 10] = [
    ("激光打印机", 128_000),
    ("彩色多功能一体机", 468_000),
    ("办公椅", 89_900),
    ("会议桌", 368_000),
    ("文件柜", 115_000),
    ("投影仪", 429_900),
    ("笔记本电脑", 599_900),
    ("网络交换机", 238_000),
    ("监控摄像头", 69_900),
    ("碎纸机", 135_600),
];

/// Services: (product, price in cents).
const SERVICES: [(&str, i64); 3] =
    [("安装调试服务", 80_000), ("年度维保服务", 1_200_000), ("设备租赁（月）", 350_000)];

/// One order line for an account of the given size: (product, cents, quantity).
fn pick_item(rng: &mut Rng, size: f64) -> (&'static str, i64, i64) {
    let bigness = size.min(30.0) / 30.0;
    let (product, price, quantity) = if rng.chance(0.03 + 0.05 * bigness) {
        let (product, price) = rng.pick(&SERVICES);
        (product, price, 1)
    } else if rng.chance(0.12 + 0.45 * bigness) {
        let (product, price) = rng.pick(&EQUIPMENT);
        (product, price, 1 + rng.below(1 + (size.sqrt() * 1.5) as u64) as i64)
    } else {
        let (product, price) = rng.pick(&CONSUMABLES);
        (product, price, 1 + rng.below(2 + (size.powf(0.6) * 3.0) as u64) as i64)
    };
    let mut amount = price * quantity;
    if rng.chance(0.1) {
        // A 5% discount, rounded down to whole yuan.
        amount = amount * 95 / 100 / 100 * 100;
    }
    (product, amount, quantity)
}

fn customer_id(index: usize) -> CustomerId {
    CustomerId(index as i64 + 1)
}

fn build_transactions(rng: &mut Rng, profiles: &[Profile]) -> Vec<Transaction> {
    let mut out = Vec::new();
    for (i, p) in profiles.iter().enumerate() {
        let (Some(first), Some(last)) = (p.first, p.last) else { continue };
        let span = (last - first).num_days();
        let mut dates = vec![first];
        if p.purchases >= 2 {
            dates.push(last);
        }
        for _ in 2..p.purchases {
            dates.push(first + days(rng.range(0, span)));
        }
        dates.sort();
        for date in dates {
            let (product, amount_cents, quantity) = pick_item(rng, p.size);
            out.push(Transaction {
                customer: customer_id(i),
                date,
                amount_cents,
                order_no: String::new(),
                product: product.to_owned(),
                quantity: Some(quantity as f64),
            });
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.customer.cmp(&b.customer)));
    let mut sequence: BTreeMap<i32, u32> = BTreeMap::new();
    for t in &mut out {
        let n = sequence.entry(t.date.year()).or_insert(0);
        *n += 1;
        t.order_no = format!("SO-{}-{:06}", t.date.year(), n);
    }
    out
}

fn build_churn(
    rng: &mut Rng,
    profiles: &[Profile],
    transactions: &[Transaction],
    period: Period,
) -> Vec<ChurnRecord> {
    let s = Settings::default();
    let clv_factor: f64 = (1..=s.clv_horizon_years as i32)
        .map(|t| s.clv_retention.powi(t - 1) / (1.0 + s.clv_discount).powi(t))
        .sum();
    let mut revenue = vec![0i64; profiles.len()];
    for t in transactions {
        revenue[(t.customer.0 - 1) as usize] += t.amount_cents;
    }
    let snapshot = period.end + days(1);
    let mut out = Vec::new();
    for (i, p) in profiles.iter().enumerate() {
        let (Some(reason), Some(first), Some(last)) = (p.churn, p.first, p.last) else { continue };
        let years = ((snapshot - first).num_days() as f64 / 365.25).max(1.0 / 12.0);
        let margin = revenue[i] as f64 / years * s.clv_margin_rate;
        let loss = ((margin * clv_factor).round() as i64).max(100);
        let try_repair = match reason {
            ChurnReason::Price | ChurnReason::Service | ChurnReason::Quality => rng.chance(0.75),
            ChurnReason::Competitor | ChurnReason::ContractEnded => rng.chance(0.5),
            _ => false,
        };
        out.push(ChurnRecord {
            customer: customer_id(i),
            recorded_at: (last + days(365 + rng.range(0, 30))).min(period.end),
            reason,
            root_cause: CHURN_REASONS[reason_index(reason)].1.to_owned(),
            try_repair,
            estimated_loss_cents: loss,
        });
    }
    out.sort_by(|a, b| a.recorded_at.cmp(&b.recorded_at).then(a.customer.cmp(&b.customer)));
    out
}

// ---------------------------------------------------------------------------
// Opportunities
// ---------------------------------------------------------------------------

/// Opportunity stages in `OpportunityStage::ALL` order.
const OPPORTUNITY_WEIGHTS: [u32; 6] = [14, 14, 14, 12, 28, 18];

const OPPORTUNITY_TITLES: [&str; 8] = [
    "办公设备年度框架协议",
    "新办公区整体配置方案",
    "打印设备租赁项目",
    "会议室视听系统改造",
    "年度维保服务续约",
    "监控系统升级项目",
    "分公司开业办公用品采购",
    "财务部文印中心建设",
];

/// The funnel before the outcome.
const FUNNEL: [OpportunityStage; 4] = [
    OpportunityStage::Lead,
    OpportunityStage::Qualified,
    OpportunityStage::Proposal,
    OpportunityStage::Negotiation,
];

fn stage_note(stage: OpportunityStage) -> &'static str {
    match stage {
        OpportunityStage::Lead => "录入线索",
        OpportunityStage::Qualified => "确认需求与预算",
        OpportunityStage::Proposal => "提交方案与报价",
        OpportunityStage::Negotiation => "进入商务谈判",
        OpportunityStage::Won => "签订合同",
        OpportunityStage::Lost => "客户选择了其他供应商",
    }
}

/// The stages an opportunity went through to reach `last`.
fn stage_path(rng: &mut Rng, last: OpportunityStage) -> Vec<OpportunityStage> {
    match last {
        OpportunityStage::Won => FUNNEL.iter().copied().chain([last]).collect(),
        OpportunityStage::Lost => {
            FUNNEL[..=rng.index(FUNNEL.len())].iter().copied().chain([last]).collect()
        }
        open => {
            let reached = FUNNEL.iter().position(|s| *s == open).unwrap_or(0);
            FUNNEL[..=reached].to_vec()
        }
    }
}

/// A customer suited to an opportunity that ends in `stage`, created at
/// least ten days before the end.
fn opportunity_customer(
    rng: &mut Rng,
    profiles: &[Profile],
    stage: OpportunityStage,
    period: Period,
) -> usize {
    let latest = period.end - days(10);
    let fits = |p: &Profile| match stage {
        OpportunityStage::Won => matches!(p.status, Status::Active | Status::AtRisk),
        OpportunityStage::Lost => p.step != LadderStep::Partner,
        _ => matches!(p.status, Status::Active | Status::Prospect),
    };
    let candidates: Vec<usize> = (0..profiles.len())
        .filter(|&i| fits(&profiles[i]) && profiles[i].created.date() <= latest)
        .collect();
    if !candidates.is_empty() {
        return candidates[rng.index(candidates.len())];
    }
    let early: Vec<usize> =
        (0..profiles.len()).filter(|&i| profiles[i].created.date() <= latest).collect();
    if early.is_empty() { rng.index(profiles.len()) } else { early[rng.index(early.len())] }
}

/// One opportunity that ends in `stage` (id 0) and its stage changes.
fn draft_opportunity(
    rng: &mut Rng,
    profiles: &[Profile],
    customers: &[NewCustomer],
    period: Period,
    stage: OpportunityStage,
) -> (Opportunity, Vec<StageChange>) {
    let path = stage_path(rng, stage);
    let c = opportunity_customer(rng, profiles, stage, period);
    let closed = matches!(stage, OpportunityStage::Won | OpportunityStage::Lost);
    let mut gaps: Vec<i64> = (1..path.len()).map(|_| rng.range(3, 20)).collect();
    let total: i64 = gaps.iter().sum();
    let earliest = (profiles[c].created.date() + days(1)).max(period.start);
    let mut first = if closed {
        period.start + days(rng.range(0, (period.days() - total - 1).max(0)))
    } else {
        period.end - days(total + rng.range(1, 40))
    };
    first = first.max(earliest);
    let room = (period.end - first).num_days();
    if total > room {
        let k = gaps.len().max(1) as i64;
        gaps = vec![(room / k).max(1); gaps.len()];
        first = first.min(period.end - days(gaps.iter().sum()));
    }

    let mut date = first;
    let mut changes = Vec::with_capacity(path.len());
    for (k, &to) in path.iter().enumerate() {
        if k > 0 {
            date += days(gaps[k - 1]);
        }
        changes.push(StageChange {
            opportunity: 0,
            from: k.checked_sub(1).map(|j| path[j]),
            to,
            at: at(date, office_minute(rng)),
            note: stage_note(to).to_owned(),
        });
    }
    let last_date = date;
    let size = profiles[c].size.max(1.0);
    let yuan = 20_000.0 * (0.6 + size.sqrt() * 0.5) * (0.5 + rng.unit());
    let expected_value_cents = ((yuan / 1000.0).round().max(3.0) as i64) * 1000 * 100;
    let product = rng.pick(&EQUIPMENT).0;
    let title = if rng.chance(0.4) {
        format!("{product}采购项目")
    } else {
        rng.pick(&OPPORTUNITY_TITLES).to_owned()
    };
    let expected_close = if closed {
        (last_date + days(rng.range(-10, 10))).clamp(first, period.end)
    } else {
        last_date + days(rng.range(14, 75))
    };
    let delivered_at = (stage == OpportunityStage::Won && rng.chance(0.65))
        .then(|| last_date + days(rng.range(7, 40)))
        .filter(|d| *d <= period.end);
    let notes = match stage {
        OpportunityStage::Won => {
            format!("合同编号 HT-{}-{:03}", last_date.year(), rng.range(1, 999))
        }
        OpportunityStage::Lost => "价格高于竞争对手约8%，客户选择了对方".to_owned(),
        _ => String::new(),
    };
    let opportunity = Opportunity {
        id: 0,
        customer: customer_id(c),
        title,
        stage,
        expected_value_cents,
        probability_pct: default_probability(stage),
        expected_close: Some(expected_close),
        created_at: changes[0].at,
        closed_at: closed.then_some(last_date),
        delivered_at,
        owner: customers[c].data.owner.clone(),
        notes,
    };
    (opportunity, changes)
}

fn build_opportunities(
    rng: &mut Rng,
    profiles: &[Profile],
    customers: &[NewCustomer],
    period: Period,
) -> (Vec<Opportunity>, Vec<StageChange>) {
    let n = profiles.len();
    if n == 0 {
        return (Vec::new(), Vec::new());
    }
    let count = ((n as f64 * 0.28).round() as usize).max(6);
    let mut drafts: Vec<(Opportunity, Vec<StageChange>)> = Vec::new();
    for s in quota(rng, count, &OPPORTUNITY_WEIGHTS) {
        drafts.push(draft_opportunity(rng, profiles, customers, period, OpportunityStage::ALL[s]));
    }
    drafts
        .sort_by(|a, b| a.0.created_at.cmp(&b.0.created_at).then(a.0.customer.cmp(&b.0.customer)));
    let mut opportunities = Vec::with_capacity(drafts.len());
    let mut stage_changes = Vec::new();
    for (k, (mut opportunity, changes)) in drafts.into_iter().enumerate() {
        opportunity.id = k as i64 + 1;
        for mut change in changes {
            change.opportunity = opportunity.id;
            stage_changes.push(change);
        }
        opportunities.push(opportunity);
    }
    (opportunities, stage_changes)
}

// ---------------------------------------------------------------------------
// Complaint ledger
// ---------------------------------------------------------------------------

const CHANNELS: [&str; 4] = ["电话", "微信", "邮件", "现场"];
const CHANNEL_WEIGHTS: [u32; 4] = [45, 25, 15, 15];

/// (category, description, resolution) of queries (查询).
const QUERY_TOPICS: [(&str, &str, &str); 4] = [
    ("账单", "查询上月对账单金额", "核对后告知金额并重发对账单"),
    ("配送", "查询订单的配送进度", "告知物流单号及预计到货时间"),
    ("订单", "查询订单是否已发货", "确认已出库并告知发货时间"),
    ("账单", "查询发票开具进度", "告知发票已开具并寄出"),
];

/// (category, description, resolution) of complaints (投诉).
const COMPLAINT_TOPICS: [(&str, &str, &str); 6] = [
    ("产品质量", "新购硒鼓漏粉，打印件有黑条", "上门更换硒鼓并赠送清洁套装"),
    ("配送", "送货比约定时间晚了两天", "致歉并减免本单运费，调整配送排班"),
    ("账单", "发票金额与合同不符", "重开发票并加急寄出"),
    ("服务态度", "客服电话中答复不耐烦", "主管致电道歉，对客服进行培训"),
    ("安装", "打印机安装后无法联网打印", "工程师上门重新配置网络"),
    ("产品质量", "办公椅扶手断裂", "更换新椅并延长保修一年"),
];

/// (category, description, resolution) of inquiries (咨询).
const INQUIRY_TOPICS: [(&str, &str, &str); 5] = [
    ("产品咨询", "咨询彩色多功能一体机的耗材成本", "发送耗材价格表与单页成本测算"),
    ("价格", "咨询批量采购办公椅的优惠政策", "提供阶梯报价方案"),
    ("安装", "咨询会议室投影仪的安装条件", "说明安装要求并预约现场勘测"),
    ("售后维修", "咨询过保设备的维修收费标准", "发送维修收费标准"),
    ("产品咨询", "咨询设备租赁与购买的区别", "发送租购对比方案"),
];

/// The ledger with, per entry, whether it missed its SLA.
struct Ledger {
    complaints: Vec<Complaint>,
    late: Vec<bool>,
}

fn topic(rng: &mut Rng, kind: ComplaintKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        ComplaintKind::Query => rng.pick(&QUERY_TOPICS),
        ComplaintKind::Complaint => rng.pick(&COMPLAINT_TOPICS),
        ComplaintKind::Inquiry => rng.pick(&INQUIRY_TOPICS),
    }
}

/// Whether a ledger entry missed its SLA as of the end of the period.
fn misses_sla(c: &Complaint, cal: &WorkingCalendar, s: &Settings, now: NaiveDateTime) -> bool {
    let minutes =
        |to: Option<NaiveDateTime>| cal.working_minutes_between(c.received_at, to.unwrap_or(now));
    match c.kind {
        ComplaintKind::Query => minutes(c.resolved_at) > i64::from(s.query_minutes),
        ComplaintKind::Complaint => minutes(c.resolved_at) > i64::from(s.complaint_minutes),
        ComplaintKind::Inquiry => {
            minutes(c.first_response_at) > i64::from(s.inquiry_first_response_minutes)
        }
    }
}

/// When an entry is received: a day in `[lo, hi]`, mostly an office minute
/// of a working day, sometimes an evening.
fn received_time(
    rng: &mut Rng,
    cal: &WorkingCalendar,
    period: Period,
    lo: NaiveDate,
    hi: NaiveDate,
) -> NaiveDateTime {
    let mut date = (lo + days(rng.range(0, (hi - lo).num_days()))).min(period.end);
    let minute = if rng.chance(0.88) {
        let working = next_working(cal, date);
        if working <= period.end {
            date = working;
        }
        office_minute(rng)
    } else {
        // Evening messages: the SLA clock starts at the next working minute.
        rng.range(18 * 60 + 30, 21 * 60) as u32
    };
    at(date, minute)
}

/// Working minutes to resolve and to respond first to an entry of `kind`;
/// about one in seven is late.
fn handling_minutes(rng: &mut Rng, kind: ComplaintKind) -> (i64, i64) {
    let late = rng.chance(0.15);
    match kind {
        ComplaintKind::Query => {
            let r = if late { rng.range(15, 90) } else { rng.range(2, 9) };
            (r, rng.range(1, 3).min(r))
        }
        ComplaintKind::Complaint => {
            let r = if late { rng.range(300, 960) } else { rng.range(40, 225) };
            (r, rng.range(5, 25))
        }
        ComplaintKind::Inquiry => {
            let f = if late { rng.range(45, 150) } else { rng.range(3, 25) };
            (f + rng.range(10, 600), f)
        }
    }
}

fn build_complaints(
    rng: &mut Rng,
    profiles: &[Profile],
    period: Period,
    cal: &WorkingCalendar,
    s: &Settings,
) -> Ledger {
    let n = profiles.len();
    if n == 0 {
        return Ledger { complaints: Vec::new(), late: Vec::new() };
    }
    let count = ((n as f64 * 0.2).round() as usize).max(3);
    let kinds: Vec<ComplaintKind> =
        quota(rng, count, &[35, 35, 30]).into_iter().map(|k| ComplaintKind::ALL[k]).collect();
    let complaint_kinds = kinds.iter().filter(|k| **k == ComplaintKind::Complaint).count();
    let buyers: Vec<usize> = (0..n).filter(|&i| profiles[i].first.is_some()).collect();
    let mut repeaters: Vec<usize> =
        buyers.iter().copied().filter(|&i| profiles[i].status == Status::Active).collect();
    rng.shuffle(&mut repeaters);
    let repeat = repeaters.len() >= 2 && complaint_kinds >= 6;
    let unresolved = match count {
        10.. => 3,
        4.. => 1,
        _ => 0,
    };
    let now = at(period.end, 23 * 60 + 59);

    let mut drafts = Vec::with_capacity(count);
    let mut complaint_no = 0;
    for (k, &kind) in kinds.iter().enumerate() {
        let c = if kind == ComplaintKind::Complaint && repeat && complaint_no < 5 {
            repeaters[usize::from(complaint_no >= 3)]
        } else if kind == ComplaintKind::Inquiry || buyers.is_empty() {
            rng.index(n)
        } else {
            buyers[rng.index(buyers.len())]
        };
        if kind == ComplaintKind::Complaint {
            complaint_no += 1;
        }
        let p = &profiles[c];
        let earliest =
            p.first.unwrap_or(p.created.date() + days(1)).max(p.created.date() + days(1));
        let open = k >= count - unresolved;
        let (lo, hi) = if open {
            (earliest.max(period.end - days(6)), period.end)
        } else {
            (earliest, period.end - days(10))
        };
        let received_at = received_time(rng, cal, period, lo, hi);
        let (resolve_minutes, first_minutes) = handling_minutes(rng, kind);
        let (category, description, resolution) = topic(rng, kind);
        let handler = if rng.chance(0.7) {
            rng.pick(&SERVICE_DESK).to_owned()
        } else {
            rng.pick(&STAFF).to_owned()
        };
        let mut first_response_at = Some(cal.add_working_minutes(received_at, first_minutes));
        let mut resolved_at = Some(cal.add_working_minutes(received_at, resolve_minutes));
        if open || resolved_at.is_some_and(|t| t > now) {
            resolved_at = None;
        }
        if first_response_at.is_some_and(|t| t > now) || (open && k + 1 == count) {
            first_response_at = None;
        }
        let status = match (resolved_at, first_response_at) {
            (Some(r), _) if r.date() + days(30) < period.end => ComplaintStatus::Closed,
            (Some(_), _) => ComplaintStatus::Resolved,
            (None, Some(_)) => ComplaintStatus::InProgress,
            (None, None) => ComplaintStatus::Open,
        };
        drafts.push(Complaint {
            id: 0,
            customer: customer_id(c),
            received_at,
            channel: CHANNELS[rng.weighted(&CHANNEL_WEIGHTS)].to_owned(),
            kind,
            category: category.to_owned(),
            description: description.to_owned(),
            first_handler: handler,
            first_response_at,
            resolved_at,
            resolution: if resolved_at.is_some() { resolution.to_owned() } else { String::new() },
            status,
        });
    }
    drafts.sort_by(|a, b| a.received_at.cmp(&b.received_at).then(a.customer.cmp(&b.customer)));
    for (k, c) in drafts.iter_mut().enumerate() {
        c.id = k as i64 + 1;
    }
    let late = drafts.iter().map(|c| misses_sla(c, cal, s, now)).collect();
    Ledger { complaints: drafts, late }
}

// ---------------------------------------------------------------------------
// Surveys
// ---------------------------------------------------------------------------

const SURVEY_COMMENTS_LOW: [&str; 4] = ["送货不够及时", "价格偏高", "售后响应慢", "耗材质量不稳定"];
const SURVEY_COMMENTS_EQUAL: [&str; 4] = ["整体满意", "服务正常", "符合预期", ""];
const SURVEY_COMMENTS_HIGH: [&str; 4] =
    ["工程师很专业，超出预期", "响应非常快", "主动提供了节省耗材的建议", "包装和送货都很用心"];

fn build_surveys(rng: &mut Rng, profiles: &[Profile], period: Period) -> Vec<Survey> {
    let mut out = Vec::new();
    for (i, p) in profiles.iter().enumerate() {
        let (Some(first), Some(last)) = (p.first, p.last) else { continue };
        let stop = if p.status == Status::Churned { last + days(60) } else { period.end };
        let mut from = first + days(20);
        while from <= stop {
            let to = (from + days(364)).min(stop);
            if rng.chance(0.7) {
                let date = from + days(rng.range(0, (to - from).num_days()));
                let expected = [3, 4, 5][rng.weighted(&[30, 50, 20])];
                let mut shift = [-2, -1, 0, 1, 2][rng.weighted(&[6, 22, 44, 22, 6])];
                if matches!(p.status, Status::Churned | Status::AtRisk) && shift > 0 {
                    shift = -shift;
                }
                let perceived = (expected + shift).clamp(1, 5);
                let comment = match perceived.cmp(&expected) {
                    std::cmp::Ordering::Less => rng.pick(&SURVEY_COMMENTS_LOW),
                    std::cmp::Ordering::Equal => rng.pick(&SURVEY_COMMENTS_EQUAL),
                    std::cmp::Ordering::Greater => rng.pick(&SURVEY_COMMENTS_HIGH),
                };
                out.push(Survey {
                    customer: customer_id(i),
                    date,
                    expected: expected as u8,
                    perceived: perceived as u8,
                    comment: comment.to_owned(),
                });
            }
            from += days(365);
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.customer.cmp(&b.customer)));
    out
}

// ---------------------------------------------------------------------------
// Activities
// ---------------------------------------------------------------------------

/// (subject, outcome) of general calls, e-mails, meetings and notes.
const CALLS: [(&str, &str); 5] = [
    ("确认订单交期", "客户确认下周三到货即可"),
    ("报价跟进", "客户在比价，约定周五前答复"),
    ("了解设备使用情况", "设备运行正常，暂无新需求"),
    ("对账与回款提醒", "客户答应本月底前付款"),
    ("新品推荐", "客户对新款多功能一体机感兴趣"),
];
const EMAILS: [(&str, &str); 4] = [
    ("发送报价单", "客户回复已收到"),
    ("发送产品目录", "已发送新版产品目录"),
    ("发送月度对账单", "客户确认无误"),
    ("发送节日问候及促销信息", "已发送"),
];
const MEETINGS: [(&str, &str); 3] = [
    ("年度合作洽谈", "初步确定明年采购框架"),
    ("需求调研会", "梳理了三个部门的办公设备需求"),
    ("季度业务回顾", "客户对交付及时性表示满意"),
];
const NOTES: [(&str, &str); 4] = [
    ("客户更换采购负责人", "新联系人为行政部刘主管"),
    ("客户反馈价格偏高", "需准备更有竞争力的方案"),
    ("客户办公室搬迁", "已更新地址"),
    ("记录客户沟通偏好", "偏好微信沟通，工作日上午联系"),
];
const VISIT_OUTCOMES: [&str; 5] = [
    "了解设备使用情况，运行正常",
    "客户提出增加两台打印机的需求",
    "现场检查耗材库存，建议补货",
    "客户对服务表示满意",
    "收集到客户对送货时间的意见",
];
const REVISIT_OUTCOMES: [&str; 4] = [
    "客户对交付设备使用满意",
    "反馈一处小问题，已安排工程师处理",
    "客户暂无新需求",
    "客户询问延保服务",
];
const NEXT_STEPS: [&str; 6] =
    ["发送正式报价", "安排上门演示", "确认合同条款", "跟进付款进度", "预约下次拜访", "寄送样品"];

/// What the activity generator reads.
struct World<'a> {
    period: Period,
    cal: &'a WorkingCalendar,
    profiles: &'a [Profile],
    opportunities: &'a [Opportunity],
    stage_changes: &'a [StageChange],
    complaints: &'a [Complaint],
}

/// Per month: (customers visited, customers eligible for a visit).
type VisitStats = BTreeMap<(i32, u32), (usize, usize)>;

fn activity(
    customer: CustomerId,
    kind: ActivityKind,
    at: NaiveDateTime,
    subject: String,
    outcome: &str,
) -> Activity {
    Activity {
        id: 0,
        customer,
        opportunity: None,
        complaint: None,
        kind,
        at,
        subject,
        outcome: outcome.to_owned(),
        next_step: String::new(),
        next_step_due: None,
    }
}

fn with_next_step(rng: &mut Rng, mut a: Activity) -> Activity {
    a.next_step = rng.pick(&NEXT_STEPS).to_owned();
    a.next_step_due = Some(a.at.date() + days(rng.range(3, 14)));
    a
}

/// A random working day in `[from, to]`, if there is one.
fn working_day_between(
    rng: &mut Rng,
    cal: &WorkingCalendar,
    from: NaiveDate,
    to: NaiveDate,
) -> Option<NaiveDate> {
    let choices = working_days(cal, from, to);
    (!choices.is_empty()).then(|| choices[rng.index(choices.len())])
}

fn build_activities(rng: &mut Rng, w: &World) -> (Vec<Activity>, VisitStats) {
    let mut acts = Vec::new();
    opportunity_activities(rng, w, &mut acts);
    revisits(rng, w, &mut acts);
    complaint_activities(rng, w, &mut acts);
    general_activities(rng, w, &mut acts);
    let stats = monthly_visits(rng, w, &mut acts);
    acts.retain(|a| {
        let created = w.profiles[(a.customer.0 - 1) as usize].created;
        a.at.date() <= w.period.end && a.at > created
    });
    acts.sort_by(|a, b| {
        a.at.cmp(&b.at).then(a.customer.cmp(&b.customer)).then(a.kind.cmp(&b.kind))
    });
    plant_overdue_follow_ups(rng, w, &mut acts);
    for (k, a) in acts.iter_mut().enumerate() {
        a.id = k as i64 + 1;
    }
    (acts, stats)
}

/// One activity per stage change, follow-up calls on open opportunities
/// (about a quarter of them neglected), and a next step on the latest one.
fn opportunity_activities(rng: &mut Rng, w: &World, acts: &mut Vec<Activity>) {
    for o in w.opportunities {
        let mut latest: Option<Activity> = None;
        for change in w.stage_changes.iter().filter(|c| c.opportunity == o.id) {
            let (kind, subject, outcome) = match change.to {
                OpportunityStage::Lead => (ActivityKind::Call, "初次沟通", "客户有初步意向"),
                OpportunityStage::Qualified => {
                    (ActivityKind::Meeting, "需求调研", "确认预算与时间表")
                }
                OpportunityStage::Proposal => {
                    (ActivityKind::Email, "发送方案与报价", "客户已收到方案")
                }
                OpportunityStage::Negotiation => {
                    (ActivityKind::Meeting, "商务谈判", "就付款条件进行磋商")
                }
                OpportunityStage::Won => (ActivityKind::Meeting, "签约", "合同签订"),
                OpportunityStage::Lost => {
                    (ActivityKind::Call, "确认未成交原因", "客户选择了报价更低的对手")
                }
            };
            let mut a =
                activity(o.customer, kind, change.at, format!("{subject}：{}", o.title), outcome);
            a.opportunity = Some(o.id);
            if let Some(previous) = latest.replace(a) {
                acts.push(previous);
            }
        }
        let open = !matches!(o.stage, OpportunityStage::Won | OpportunityStage::Lost);
        if open
            && !rng.chance(0.25)
            && let Some(mut day) = latest.as_ref().map(|a| a.at.date())
        {
            loop {
                day += days(rng.range(7, 25));
                if day > w.period.end {
                    break;
                }
                let mut a = activity(
                    o.customer,
                    ActivityKind::Call,
                    at(day, office_minute(rng)),
                    format!("跟进：{}", o.title),
                    rng.pick(&CALLS).1,
                );
                a.opportunity = Some(o.id);
                if let Some(previous) = latest.replace(a) {
                    acts.push(previous);
                }
            }
        }
        if let Some(a) = latest {
            acts.push(if open { with_next_step(rng, a) } else { a });
        }
    }
}

/// SVC-REVISIT: revisits (回访) in months 1–12 after delivery, then each
/// calendar quarter; about one in eight is skipped.
fn revisits(rng: &mut Rng, w: &World, acts: &mut Vec<Activity>) {
    for o in w.opportunities.iter().filter(|o| o.stage == OpportunityStage::Won) {
        let Some(delivered) = o.delivered_at.or(o.closed_at) else { continue };
        let (y0, m0) = (delivered.year(), delivered.month());
        let mut slots: Vec<(NaiveDate, NaiveDate, String)> = (1..=12)
            .map(|k| {
                let (y, m) = add_months(y0, m0, k);
                (ymd(y, m, 1), month_last(y, m), format!("交付后第{k}个月回访：{}", o.title))
            })
            .collect();
        let (mut y, mut m) = add_months(y0, m0, 13);
        while m % 3 != 1 {
            (y, m) = add_months(y, m, 1);
        }
        while ymd(y, m, 1) <= w.period.end {
            let (qy, qm) = add_months(y, m, 2);
            slots.push((ymd(y, m, 1), month_last(qy, qm), format!("季度回访：{}", o.title)));
            (y, m) = add_months(y, m, 3);
        }
        for (from, to, subject) in slots {
            if from > w.period.end || rng.chance(0.12) {
                continue;
            }
            let from = from.max(delivered + days(1));
            let Some(day) = working_day_between(rng, w.cal, from, to.min(w.period.end)) else {
                continue;
            };
            let mut a = activity(
                o.customer,
                ActivityKind::Revisit,
                at(day, office_minute(rng)),
                subject,
                rng.pick(&REVISIT_OUTCOMES),
            );
            a.opportunity = Some(o.id);
            acts.push(a);
        }
    }
}

/// The first response to every ledger entry, and a revisit after each
/// resolved complaint.
fn complaint_activities(rng: &mut Rng, w: &World, acts: &mut Vec<Activity>) {
    for c in w.complaints {
        let Some(first) = c.first_response_at else { continue };
        let kind = if c.channel == "邮件" { ActivityKind::Email } else { ActivityKind::Call };
        let mut a = activity(
            c.customer,
            kind,
            first,
            format!("{}受理：{}", c.kind.name(super::Lang::Zh), c.category),
            &format!("已受理，由{}负责跟进到底", c.first_handler),
        );
        a.complaint = Some(c.id);
        if c.resolved_at.is_none() {
            a.next_step = "跟进处理结果并答复客户".to_owned();
            a.next_step_due = Some(first.date() + days(2));
        }
        acts.push(a);
        if let (ComplaintKind::Complaint, Some(resolved)) = (c.kind, c.resolved_at) {
            let day = w.cal.add_working_days(resolved.date(), rng.range(1, 3) as u32);
            if day <= w.period.end {
                let outcome = if rng.chance(0.8) {
                    "客户对处理结果满意"
                } else {
                    "客户基本满意，希望加快响应"
                };
                let mut a = activity(
                    c.customer,
                    ActivityKind::Revisit,
                    at(day, office_minute(rng)),
                    format!("投诉处理回访：{}", c.category),
                    outcome,
                );
                a.complaint = Some(c.id);
                acts.push(a);
            }
        }
    }
}

/// A first contact for prospects and, for everyone, about two calls,
/// e-mails, meetings or notes a year; a third of them with a next step.
fn general_activities(rng: &mut Rng, w: &World, acts: &mut Vec<Activity>) {
    for (i, p) in w.profiles.iter().enumerate() {
        let created = p.created.date();
        if p.status == Status::Prospect {
            let day = next_working(w.cal, created + days(rng.range(1, 3)));
            let kind = if rng.chance(0.3) { ActivityKind::Visit } else { ActivityKind::Call };
            let subject = if kind == ActivityKind::Visit {
                "上门拜访，介绍公司产品"
            } else {
                "首次电话联系"
            };
            let a = activity(
                customer_id(i),
                kind,
                at(day, office_minute(rng)),
                subject.to_owned(),
                "客户愿意进一步了解",
            );
            acts.push(with_next_step(rng, a));
        }
        let lifetime = (w.period.end - created).num_days();
        let count = rng.range(0, 2) + lifetime * 2 / 365;
        for _ in 0..count {
            let day = next_working(w.cal, created + days(rng.range(1, lifetime.max(1))));
            let kind = [
                ActivityKind::Call,
                ActivityKind::Email,
                ActivityKind::Meeting,
                ActivityKind::Note,
            ][rng.weighted(&[40, 25, 10, 25])];
            let (subject, outcome) = match kind {
                ActivityKind::Call => rng.pick(&CALLS),
                ActivityKind::Email => rng.pick(&EMAILS),
                ActivityKind::Meeting => rng.pick(&MEETINGS),
                _ => rng.pick(&NOTES),
            };
            let a = activity(
                customer_id(i),
                kind,
                at(day, office_minute(rng)),
                subject.to_owned(),
                outcome,
            );
            acts.push(if rng.chance(0.35) { with_next_step(rng, a) } else { a });
        }
    }
}

/// Whether a customer counts for the month's visit target at `day`: created
/// by then and not churned (a purchase in the 365 days before, or none yet).
fn visit_eligible(p: &Profile, day: NaiveDate) -> bool {
    p.created.date() < day
        && match (p.first, p.last) {
            (Some(first), Some(last)) => first > day || last > day || (day - last).num_days() < 365,
            _ => true,
        }
}

/// SVC-VISIT-50: each month, visits (走访) to 56–70% of the eligible
/// customers, except two months that fall short (35–44%).
fn monthly_visits(rng: &mut Rng, w: &World, acts: &mut Vec<Activity>) -> VisitStats {
    let months = w.period.months();
    let mut low = BTreeSet::new();
    if months.len() >= 6 {
        while low.len() < 2 {
            low.insert(rng.range(1, months.len() as i64 - 2) as usize);
        }
    }
    let mut stats = VisitStats::new();
    for (k, &(y, m)) in months.iter().enumerate() {
        let from = ymd(y, m, 1).max(w.period.start);
        let to = month_last(y, m).min(w.period.end);
        let working = working_days(w.cal, from, to);
        if working.is_empty() {
            continue;
        }
        let mut eligible: Vec<usize> =
            (0..w.profiles.len()).filter(|&i| visit_eligible(&w.profiles[i], to)).collect();
        let share = if low.contains(&k) { rng.range(35, 44) } else { rng.range(56, 70) } as usize;
        let target = (eligible.len() * share).div_ceil(100);
        rng.shuffle(&mut eligible);
        let mut visited = 0;
        for &i in eligible.iter().take(target) {
            let created = w.profiles[i].created.date();
            let days_left: Vec<NaiveDate> =
                working.iter().copied().filter(|d| *d > created).collect();
            if days_left.is_empty() {
                continue;
            }
            let day = days_left[rng.index(days_left.len())];
            let a = activity(
                customer_id(i),
                ActivityKind::Visit,
                at(day, office_minute(rng)),
                "月度走访".to_owned(),
                rng.pick(&VISIT_OUTCOMES),
            );
            acts.push(if rng.chance(0.1) { with_next_step(rng, a) } else { a });
            visited += 1;
        }
        stats.insert((y, m), (visited, eligible.len()));
    }
    stats
}

/// Gives a few customers an overdue follow-up: a next step on their latest
/// activity (at least three weeks old) that is due before the end.
fn plant_overdue_follow_ups(rng: &mut Rng, w: &World, acts: &mut [Activity]) {
    let mut latest: BTreeMap<CustomerId, usize> = BTreeMap::new();
    for (k, a) in acts.iter().enumerate() {
        latest.insert(a.customer, k);
    }
    let mut candidates: Vec<usize> = latest
        .values()
        .copied()
        .filter(|&k| acts[k].at.date() + days(21) <= w.period.end)
        .collect();
    rng.shuffle(&mut candidates);
    for k in candidates.into_iter().take((w.profiles.len() / 40).max(1)) {
        let a = &mut acts[k];
        if a.next_step.is_empty() {
            a.next_step = "约定下次拜访时间".to_owned();
        }
        a.next_step_due = Some(a.at.date() + days(rng.range(7, 14)));
    }
}

// ---------------------------------------------------------------------------
// Monthly service reports
// ---------------------------------------------------------------------------

const COMPLAINT_ANALYSES: [&str; 4] = [
    "共性问题：月底订单集中导致配送延迟；个性问题：个别客户对发票格式有特殊要求。",
    "共性问题：耗材质量投诉集中在同一批次硒鼓；个性问题：一位客户的网络打印配置较复杂。",
    "共性问题：对账单查询较多，说明对账单不够清晰；个性问题：一位客户多次投诉送货时间。",
    "共性问题：咨询集中在设备租赁方案；个性问题：个别客户对客服答复态度不满。",
];
const COMPLAINT_SOLUTIONS: [&str; 4] = [
    "月底增加一条配送线路，并提前一天确认送货时间。",
    "暂停该批次硒鼓出库并联系厂家质检；为复杂网络客户建立配置档案。",
    "改版对账单，增加明细与汇总页；对重复投诉客户指定专人跟进。",
    "整理租赁方案常见问答；对客服开展服务礼仪培训。",
];
const VISIT_ANALYSES: [&str; 3] = [
    "多数客户对设备运行情况满意，部分客户提出耗材补货需求。",
    "走访发现三家客户计划扩充办公区，存在新增设备机会。",
    "部分客户反映送货时间不固定，希望提前预约。",
];
const VISIT_SOLUTIONS: [&str; 3] = [
    "建立耗材自动补货提醒。",
    "将扩充办公区的客户转为销售线索并指定负责人。",
    "推行送货前一天电话预约。",
];

fn build_reports(
    rng: &mut Rng,
    period: Period,
    cal: &WorkingCalendar,
    ledger: &Ledger,
    visits: &VisitStats,
) -> Vec<ServiceReport> {
    // Months whose report is due (the 5th of the next month) by the end.
    let months: Vec<(i32, u32)> = period
        .months()
        .into_iter()
        .filter(|&(y, m)| {
            let (ny, nm) = add_months(y, m, 1);
            ymd(ny, nm, 5) <= period.end
        })
        .collect();
    // Two reports produced late and one visit summary never produced.
    let mut late = BTreeSet::new();
    let mut missing = None;
    if months.len() >= 6 {
        while late.len() < 2 {
            late.insert((rng.index(months.len()), rng.index(2)));
        }
        missing = Some(loop {
            let k = rng.index(months.len());
            if !late.contains(&(k, 1)) {
                break k;
            }
        });
    }
    let mut out = Vec::new();
    for (k, &(y, m)) in months.iter().enumerate() {
        let (ny, nm) = add_months(y, m, 1);
        for (j, kind) in [ReportKind::Complaints, ReportKind::Visits].into_iter().enumerate() {
            if kind == ReportKind::Visits && missing == Some(k) {
                continue;
            }
            let (lo, hi) = if late.contains(&(k, j)) { (6, 12) } else { (1, 5) };
            let day = working_day_between(rng, cal, ymd(ny, nm, lo), ymd(ny, nm, hi))
                .unwrap_or(ymd(ny, nm, hi))
                .min(period.end);
            let produced_at = at(day, office_minute(rng));
            let (summary, analysis, solutions) = match kind {
                ReportKind::Complaints => {
                    let summary = complaint_summary(ledger, y, m);
                    let t = rng.index(COMPLAINT_ANALYSES.len());
                    (summary, COMPLAINT_ANALYSES[t], COMPLAINT_SOLUTIONS[t])
                }
                ReportKind::Visits => {
                    let (visited, eligible) = visits.get(&(y, m)).copied().unwrap_or((0, 0));
                    let pct = (visited * 100).checked_div(eligible).unwrap_or(0);
                    let summary = format!(
                        "{y}年{m}月走访客户 {visited} 家，\
                         占应走访（活跃）客户 {eligible} 家的 {pct}%。"
                    );
                    let t = rng.index(VISIT_ANALYSES.len());
                    (summary, VISIT_ANALYSES[t], VISIT_SOLUTIONS[t])
                }
            };
            out.push(ServiceReport {
                year: y,
                month: m,
                kind,
                produced_at,
                summary,
                analysis: analysis.to_owned(),
                solutions: solutions.to_owned(),
            });
        }
    }
    out
}

/// Counts by kind and category, SLA misses, open items and repeated
/// complaints of one month of the ledger.
fn complaint_summary(ledger: &Ledger, y: i32, m: u32) -> String {
    let in_month: Vec<(&Complaint, bool)> = ledger
        .complaints
        .iter()
        .zip(&ledger.late)
        .filter(|(c, _)| c.received_at.year() == y && c.received_at.month() == m)
        .map(|(c, late)| (c, *late))
        .collect();
    if in_month.is_empty() {
        return format!("{y}年{m}月未收到查询、投诉或咨询。");
    }
    let count = |kind: ComplaintKind| in_month.iter().filter(|(c, _)| c.kind == kind).count();
    let mut categories: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_customer: BTreeMap<CustomerId, usize> = BTreeMap::new();
    for (c, _) in &in_month {
        *categories.entry(c.category.as_str()).or_default() += 1;
        if c.kind == ComplaintKind::Complaint {
            *per_customer.entry(c.customer).or_default() += 1;
        }
    }
    let categories: Vec<String> = categories.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let late = in_month.iter().filter(|(_, late)| *late).count();
    let open = in_month.iter().filter(|(c, _)| c.resolved_at.is_none()).count();
    let repeated = per_customer.values().filter(|v| **v > 1).count();
    let (total, categories) = (in_month.len(), categories.join("，"));
    let (query, complaint, inquiry) = (
        count(ComplaintKind::Query),
        count(ComplaintKind::Complaint),
        count(ComplaintKind::Inquiry),
    );
    format!(
        "{y}年{m}月共受理 {total} 件：查询 {query} 件、投诉 {complaint} 件、咨询 {inquiry} 件。\
         按类别：{categories}。超出时限 {late} 件，未解决 {open} 件，重复投诉客户 {repeated} 家。"
    )
}

// ---------------------------------------------------------------------------
// Air conditioning (DOMAIN §4.1)
// ---------------------------------------------------------------------------

/// Areas: (name, room, responsible person 第一责任人, department).
const AREAS: [(&str, &str, &str, &str); 3] = [
    ("总经理办公室", "8楼 801室", "林志远", "总经理办公室"),
    ("财务部", "6楼 602–605室", "何秀英", "财务部"),
    ("销售部", "5楼 501–510室", "郑国强", "销售部"),
];

/// Weekday overtime: (area index, until, who, note).
const WEEKDAY_OVERTIME: [(usize, u32, &str, &str); 3] = [
    (1, 20 * 60 + 30, "何秀英等3人", "半年度结账"),
    (2, 19 * 60 + 30, "郑国强、张伟", "准备投标文件"),
    (0, 21 * 60, "林志远", "接待重要客户"),
];

/// Weekend overtime: (area index, until, who, note).
const WEEKEND_OVERTIME: (usize, u32, &str, &str) =
    (2, 17 * 60 + 30, "销售部5人", "周末客户答谢会筹备");

/// A violation planted on one check-sheet row.
#[derive(Clone, Copy, Debug)]
enum RowPlant {
    /// AC on with this reference reading (below 29.0 °C).
    Hot(i32),
    /// AC on with this set temperature (below 26.0 °C).
    SummerSet(i32),
    /// AC on with windows open.
    Windows,
    /// AC on in an empty room.
    Empty,
    /// The scheduled check is not on the sheet.
    Missing,
    /// A spot inspection at 17:45 finds the AC on without overtime.
    OffEarly,
}

/// The planted row violations: (what, area index, afternoon window).
const ROW_PLANTS: [(RowPlant, usize, bool); 8] = [
    (RowPlant::Hot(285), 0, false),
    (RowPlant::Hot(275), 2, true),
    (RowPlant::SummerSet(240), 1, true),
    (RowPlant::SummerSet(250), 2, false),
    (RowPlant::Windows, 2, true),
    (RowPlant::Empty, 0, true),
    (RowPlant::Missing, 1, true),
    (RowPlant::OffEarly, 2, true),
];

/// The area whose annual cleaning is left out in one year.
const MAINTENANCE_GAP_AREA: usize = 2;
/// The area of the fault repaired late.
const LATE_FAULT_AREA: usize = 1;

/// One moment of the check sheet: a reading of the reference thermometer
/// and, for each area, whether people are supposed to be there.
#[derive(Clone, Debug)]
struct CheckEvent {
    date: NaiveDate,
    minute: u32,
    kind: AcCheckKind,
    reference: i32,
    present: [bool; 3],
    /// Whether the policy allows the AC on in each area at that moment.
    allowed: [bool; 3],
}

struct AcData {
    areas: Vec<AcArea>,
    checks: Vec<AcCheckRow>,
    notices: Vec<AcNotice>,
    overtime: Vec<Overtime>,
    maintenance: Vec<Maintenance>,
    faults: Vec<Fault>,
    planted: Vec<PlantedFinding>,
}

fn area_id(index: usize) -> i64 {
    index as i64 + 1
}

/// The cooling season to put on the check sheet: the last full season
/// (June–October by default) before the end, clipped to the period, or the
/// current one if the last is not in the period.
fn season_range(period: Period, s: &Settings) -> Option<(NaiveDate, NaiveDate)> {
    let season =
        |y: i32| (ymd(y, s.ac_season_first_month, 1), month_last(y, s.ac_season_last_month));
    let year = period.end.year();
    let last_full = if season(year).1 <= period.end { year } else { year - 1 };
    [last_full, last_full + 1].into_iter().find_map(|y| {
        let (from, to) = season(y);
        let (from, to) = (from.max(period.start), to.min(period.end));
        ((to - from).num_days() >= 30).then_some((from, to))
    })
}

/// A reading of the reference thermometer, in tenths, rounded to 0.5 °C.
fn reference_reading(rng: &mut Rng, date: NaiveDate, minute: u32) -> i32 {
    let base = match date.month() {
        6 => 295,
        7 | 8 => 315,
        9 => 302,
        10 => 268,
        _ => 250,
    };
    let daily = match minute {
        m if m < 12 * 60 => -15,
        m if m < 18 * 60 => 15,
        _ => 5,
    };
    (base + daily + rng.range(-25, 25) as i32).clamp(240, 355) / 5 * 5
}

/// A compliant row for one area at one event.
fn compliant_row(rng: &mut Rng, ev: &CheckEvent, area: usize, s: &Settings) -> AcCheckRow {
    let present = ev.present[area];
    let on = ev.allowed[area] && ev.reference > s.ac_hot_threshold_tenths && rng.chance(0.92);
    let windows_closed = on || !present || rng.chance(0.85);
    AcCheckRow {
        date: ev.date,
        time: time_of(ev.minute),
        kind: ev.kind,
        area: area_id(area),
        reference_temp_tenths: ev.reference,
        ac_on: on,
        set_temp_tenths: on.then(|| rng.pick(&[260, 260, 260, 265, 270, 280])),
        windows_closed,
        occupied: present,
        checker: if ev.kind == AcCheckKind::Check { AC_CHECKER } else { HR_INSPECTOR }.to_owned(),
        note: if windows_closed { String::new() } else { "空调未开，开窗通风".to_owned() },
    }
}

fn tenths(t: i32) -> String {
    format!("{}.{}", t / 10, t % 10)
}

/// The three areas of [`AREAS`], ids 1..=3.
fn ac_areas() -> Vec<AcArea> {
    AREAS
        .iter()
        .enumerate()
        .map(|(i, &(name, room, person, department))| AcArea {
            id: area_id(i),
            name: name.to_owned(),
            room: room.to_owned(),
            responsible_person: person.to_owned(),
            department: department.to_owned(),
        })
        .collect()
}

/// The overtime of the season: the weekday overtime on `dates` and one
/// Saturday's, by date and area.
fn plan_overtime(
    rng: &mut Rng,
    cal: &WorkingCalendar,
    (from, to): (NaiveDate, NaiveDate),
    dates: &[NaiveDate],
) -> Vec<Overtime> {
    let mut overtime = Vec::new();
    for (&day, &(area, until, who, note)) in dates.iter().zip(&WEEKDAY_OVERTIME) {
        overtime.push(Overtime {
            date: day,
            area: area_id(area),
            until: time_of(until),
            who: who.to_owned(),
            note: note.to_owned(),
        });
    }
    let saturdays: Vec<NaiveDate> = from
        .iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| d.weekday() == Weekday::Sat && !cal.is_working_day(*d) && d.month() <= 9)
        .collect();
    if !saturdays.is_empty() {
        let (area, until, who, note) = WEEKEND_OVERTIME;
        overtime.push(Overtime {
            date: saturdays[rng.index(saturdays.len())],
            area: area_id(area),
            until: time_of(until),
            who: who.to_owned(),
            note: note.to_owned(),
        });
    }
    overtime.sort_by_key(|o| (o.date, o.area));
    overtime
}

/// Changes the events of the planted row violations (one per day of
/// `dates`, adding the late inspection) and returns them as (event index,
/// area index, what).
fn plant_events(
    rng: &mut Rng,
    events: &mut Vec<CheckEvent>,
    dates: &[NaiveDate],
) -> Vec<(usize, usize, RowPlant)> {
    let mut overrides: Vec<(usize, usize, RowPlant)> = Vec::new();
    for (&(plant, area, afternoon), &day) in ROW_PLANTS.iter().zip(dates) {
        let index = match plant {
            RowPlant::OffEarly => {
                events.push(CheckEvent {
                    date: day,
                    minute: 17 * 60 + 45,
                    kind: AcCheckKind::Inspection,
                    reference: 300 + 5 * rng.range(0, 4) as i32,
                    present: [true; 3],
                    allowed: [false; 3],
                });
                events.len() - 1
            }
            _ => {
                let found = events.iter().position(|e| {
                    e.date == day
                        && e.kind == AcCheckKind::Check
                        && (e.minute >= 12 * 60) == afternoon
                });
                let Some(index) = found else { continue };
                index
            }
        };
        let e = &mut events[index];
        match plant {
            RowPlant::Hot(reading) => e.reference = reading,
            RowPlant::SummerSet(_) | RowPlant::Windows | RowPlant::Empty => {
                e.reference = e.reference.max(300 + 5 * rng.range(0, 4) as i32);
            }
            RowPlant::Missing | RowPlant::OffEarly => {}
        }
        overrides.push((index, area, plant));
    }
    overrides
}

/// Turns a compliant row into the planted violation `plant` (removing it for
/// a missing check) and returns the finding's (rule id, Chinese, English);
/// `None` when there is no row.
fn plant_row(
    slot: &mut Option<AcCheckRow>,
    plant: RowPlant,
) -> Option<(&'static str, String, String)> {
    let row = slot.as_mut()?;
    let hhmm = row.time.format("%H:%M").to_string();
    let reference = tenths(row.reference_temp_tenths);
    row.ac_on = true;
    row.set_temp_tenths = Some(260);
    row.windows_closed = true;
    row.occupied = true;
    row.note = String::new();
    let window = if row.time.hour() < 12 { "09:00–11:00" } else { "15:00–17:00" };
    let planted = match plant {
        RowPlant::Hot(_) => (
            "AC-HOT",
            format!("{hhmm} 例行检查：参考温度 {reference} °C（未超过 29.0 °C）时空调已开启"),
            format!("AC on at a reference reading of {reference} °C, not above 29.0 °C"),
        ),
        RowPlant::SummerSet(set) => {
            row.set_temp_tenths = Some(set);
            let set = tenths(set);
            (
                "AC-SUMMER-SET",
                format!("{hhmm} 例行检查：空调设定温度 {set} °C，低于 26.0 °C"),
                format!("AC set to {set} °C, below 26.0 °C"),
            )
        }
        RowPlant::Windows => {
            row.windows_closed = false;
            (
                "AC-WINDOWS",
                format!("{hhmm} 例行检查：空调开启时门窗未关闭"),
                "doors and windows open while the AC was on".to_owned(),
            )
        }
        RowPlant::Empty => {
            row.occupied = false;
            row.note = "人员外出开会超过30分钟".to_owned();
            (
                "AC-EMPTY",
                format!("{hhmm} 例行检查：室内无人超过30分钟，空调仍开启"),
                "AC on in a room empty for over 30 minutes".to_owned(),
            )
        }
        RowPlant::Missing => {
            *slot = None;
            (
                "AC-CHECKS",
                format!("{window} 例行检查缺失"),
                format!("no scheduled check in the {window} window"),
            )
        }
        RowPlant::OffEarly => (
            "AC-OFF-EARLY",
            format!("{hhmm} 抽查：17:30 后空调仍开启，且无加班记录"),
            format!("AC still on at {hhmm}, after 17:30, with no overtime record"),
        ),
    };
    Some(planted)
}

fn build_ac(rng: &mut Rng, period: Period, cal: &WorkingCalendar, s: &Settings) -> AcData {
    let areas = ac_areas();
    let mut data = AcData {
        areas,
        checks: Vec::new(),
        notices: Vec::new(),
        overtime: Vec::new(),
        maintenance: Vec::new(),
        faults: Vec::new(),
        planted: Vec::new(),
    };
    let season = season_range(period, s);
    maintenance(rng, period, cal, season, &mut data);
    let Some((from, to)) = season else { return data };
    data.notices.push(notice(period, from));

    // Distinct summer working days for the planted rows, the weekday
    // overtime and the faults (the late one must be repaired by the end).
    let summer: Vec<NaiveDate> =
        working_days(cal, from, to).into_iter().filter(|d| (6..=9).contains(&d.month())).collect();
    let mut pool = summer.clone();
    rng.shuffle(&mut pool);
    let mut pool = pool.into_iter();
    let plant_days: Vec<NaiveDate> = pool.by_ref().take(ROW_PLANTS.len()).collect();
    let overtime_days: Vec<NaiveDate> = pool.by_ref().take(WEEKDAY_OVERTIME.len()).collect();
    let fault_days: Vec<NaiveDate> =
        pool.filter(|d| cal.add_working_days(*d, 9) <= period.end).take(3).collect();

    data.overtime = plan_overtime(rng, cal, (from, to), &overtime_days);

    let mut events = check_events(rng, from, to, cal, &data.overtime);
    let overrides = plant_events(rng, &mut events, &plant_days);

    // Rows: compliant first, then the planted changes.
    let mut rows: Vec<Option<AcCheckRow>> = Vec::with_capacity(events.len() * AREAS.len());
    for e in &events {
        for area in 0..AREAS.len() {
            rows.push(Some(compliant_row(rng, e, area, s)));
        }
    }
    for &(index, area, plant) in &overrides {
        let slot = &mut rows[index * AREAS.len() + area];
        let Some(date) = slot.as_ref().map(|row| row.date) else { continue };
        let Some((rule_id, zh, en)) = plant_row(slot, plant) else { continue };
        let detail = format!("{zh} / {en}");
        data.planted.push(PlantedFinding {
            rule_id,
            date,
            subject: AREAS[area].0.to_owned(),
            detail,
        });
    }
    data.checks = rows.into_iter().flatten().collect();
    data.checks.sort_by_key(|r| (r.date, r.time, r.area));

    faults(rng, cal, &fault_days, &mut data);
    data.planted.sort_by(|a, b| {
        a.date.cmp(&b.date).then(a.rule_id.cmp(b.rule_id)).then(a.subject.cmp(&b.subject))
    });
    data
}

/// The scheduled checks of the season (two per working or overtime day, one
/// in each window) and a few compliant spot inspections, one of them in an
/// overtime evening.
fn check_events(
    rng: &mut Rng,
    from: NaiveDate,
    to: NaiveDate,
    cal: &WorkingCalendar,
    overtime: &[Overtime],
) -> Vec<CheckEvent> {
    let mut events = Vec::new();
    for day in from.iter_days().take_while(|d| *d <= to) {
        let working = cal.is_working_day(day);
        let mut present = [working; 3];
        for o in overtime.iter().filter(|o| o.date == day) {
            present[(o.area - 1) as usize] = true;
        }
        if !present.contains(&true) {
            continue;
        }
        for (lo, hi) in [(9 * 60, 10 * 60 + 50), (15 * 60, 16 * 60 + 50)] {
            let minute = rng.range(lo, hi) as u32;
            let reference = reference_reading(rng, day, minute);
            let kind = AcCheckKind::Check;
            events.push(CheckEvent {
                date: day,
                minute,
                kind,
                reference,
                present,
                allowed: present,
            });
        }
    }
    let working = working_days(cal, from, to);
    for _ in 0..4.min(working.len()) {
        let day = working[rng.index(working.len())];
        let minute = rng.range(10 * 60, 17 * 60 + 20) as u32;
        let reference = reference_reading(rng, day, minute);
        let kind = AcCheckKind::Inspection;
        events.push(CheckEvent {
            date: day,
            minute,
            kind,
            reference,
            present: [true; 3],
            allowed: [true; 3],
        });
    }
    if let Some(o) = overtime
        .iter()
        .find(|o| cal.is_working_day(o.date) && minute_of(o.date.and_time(o.until)) >= 19 * 60 + 30)
    {
        let mut present = [false; 3];
        present[(o.area - 1) as usize] = true;
        let minute = 19 * 60;
        let reference = reference_reading(rng, o.date, minute);
        let kind = AcCheckKind::Inspection;
        events.push(CheckEvent {
            date: o.date,
            minute,
            kind,
            reference,
            present,
            allowed: present,
        });
    }
    events
}

/// The temporary notice: a late-May heat wave before the season if that is
/// in the period, else early November after it, else the season's first week.
fn notice(period: Period, season_start: NaiveDate) -> AcNotice {
    let y = season_start.year();
    let candidates = [
        (
            ymd(y, 5, 25),
            ymd(y, 5, 31),
            "5月下旬持续高温（参考温度超过30 °C），经行政部批准提前开放空调",
        ),
        (ymd(y, 11, 2), ymd(y, 11, 6), "11月初异常高温，经行政部批准临时开放空调"),
    ];
    candidates
        .iter()
        .find(|(a, b, _)| period.contains(*a) && period.contains(*b))
        .map(|&(from, to, reason)| AcNotice { from, to, reason: reason.to_owned() })
        .unwrap_or_else(|| AcNotice {
            from: season_start,
            to: season_start + days(6),
            reason: "入夏首周空调集中调试，按正常季节规定使用".to_owned(),
        })
}

/// One annual cleaning per area and calendar year of the period, except one
/// planted gap (in a fully covered year other than the season's if possible).
fn maintenance(
    rng: &mut Rng,
    period: Period,
    cal: &WorkingCalendar,
    season: Option<(NaiveDate, NaiveDate)>,
    data: &mut AcData,
) {
    let years: Vec<i32> = (period.start.year()..=period.end.year()).collect();
    let season_year = season.map(|(from, _)| from.year());
    let full = |y: i32| period.contains(ymd(y, 1, 1)) && period.contains(ymd(y, 12, 31));
    let gap_year = years
        .iter()
        .copied()
        .find(|&y| full(y) && Some(y) != season_year)
        .or(season_year)
        .or(years.last().copied());
    for &y in &years {
        let lo = ymd(y, 1, 1).max(period.start);
        let hi = ymd(y, 12, 31).min(period.end);
        // Mid-May before the season if that is in the period, else early in
        // the covered part of the year; on a weekend if the year is covered
        // only by rest days.
        let mut choices = working_days(cal, lo, hi);
        if choices.is_empty() {
            choices = lo.iter_days().take_while(|d| *d <= hi).collect();
        }
        let may = next_working(cal, ymd(y, 5, 12) + days(rng.range(0, 10)));
        let first = match choices.iter().position(|d| *d == may) {
            Some(k) if k + AREAS.len() <= choices.len() => k,
            _ => rng.index(choices.len().saturating_sub(AREAS.len()).min(15) + 1),
        };
        for (area, &(name, ..)) in AREAS.iter().enumerate() {
            let Some(&date) = choices.get(first + area).or(choices.last()) else { continue };
            if Some(y) == gap_year && area == MAINTENANCE_GAP_AREA {
                data.planted.push(PlantedFinding {
                    rule_id: "AC-MAINT",
                    date: hi,
                    subject: name.to_owned(),
                    detail: format!(
                        "{y}年度没有空调清洗保养记录 / no annual cleaning recorded in {y}"
                    ),
                });
                continue;
            }
            data.maintenance.push(Maintenance {
                area: area_id(area),
                date,
                what: "年度清洗：清洗过滤网、检查冷媒压力与排水管".to_owned(),
            });
        }
    }
    data.maintenance.sort_by_key(|m| (m.date, m.area));
}

/// Two faults repaired within the limit and one, planted, after eight
/// working days.
fn faults(rng: &mut Rng, cal: &WorkingCalendar, fault_days: &[NaiveDate], data: &mut AcData) {
    let plan: [(usize, FaultCause, &str, u32, &str); 3] = [
        (0, FaultCause::Wear, "", 1, "室内机异响，更换风扇电机"),
        (
            2,
            FaultCause::Misuse,
            "孙浩（销售部）",
            2,
            "遥控器摔坏且面板被硬物划伤，已更换，责任人照价赔偿",
        ),
        (LATE_FAULT_AREA, FaultCause::Wear, "", 8, "制冷效果差，等待厂家冷凝器配件，逾期修复"),
    ];
    for (&day, &(area, cause, liable, after, note)) in fault_days.iter().zip(&plan) {
        let reported_at = at(day, office_minute(rng));
        let repaired = cal.add_working_days(day, after);
        data.faults.push(Fault {
            area: area_id(area),
            reported_at,
            cause,
            liable_person: liable.to_owned(),
            repaired_at: Some(at(repaired, 15 * 60 + 30)),
            note: note.to_owned(),
        });
        if after > 5 {
            data.planted.push(PlantedFinding {
                rule_id: "AC-FAULT",
                date: day,
                subject: AREAS[area].0.to_owned(),
                detail: format!(
                    "报修后第{after}个工作日才修复（时限5个工作日） / \
                     repaired {after} working days after the report, limit 5"
                ),
            });
        }
    }
    data.faults.sort_by_key(|f| f.reported_at);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::parse_customer;

    fn opts(seed: u64, customers: usize, years: u32) -> DemoOptions {
        DemoOptions { seed, customers, years, ..DemoOptions::default() }
    }

    fn start_of(o: &DemoOptions) -> NaiveDate {
        o.end - Duration::days(i64::from(o.years.max(1)) * 365)
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    /// Working day per DOMAIN §4.1, read from the generated calendar only.
    fn working(c: &DemoCompany, d: NaiveDate) -> bool {
        match c.calendar.iter().find(|x| x.date == d) {
            Some(x) => x.working,
            None => d.weekday().num_days_from_monday() < 5,
        }
    }

    /// Working minutes from `a` to `b`, counted minute by minute.
    fn working_minutes(c: &DemoCompany, a: NaiveDateTime, b: NaiveDateTime) -> i64 {
        let mut t = a;
        let mut n = 0;
        while t < b {
            let tm = t.time();
            let in_hours =
                (hm(9, 0) <= tm && tm < hm(12, 0)) || (hm(13, 0) <= tm && tm < hm(18, 0));
            if in_hours && working(c, t.date()) {
                n += 1;
            }
            t += Duration::minutes(1);
        }
        n
    }

    /// An independent checker of the AC rules of DOMAIN §4.1: every finding
    /// as (rule id, date, area id).
    fn ac_findings(c: &DemoCompany, o: &DemoOptions) -> BTreeSet<(&'static str, NaiveDate, i64)> {
        let mut out = BTreeSet::new();
        let in_season = |d: NaiveDate| (6..=10).contains(&d.month());
        let covered = |d: NaiveDate, area: i64, t: NaiveTime| {
            c.overtime.iter().any(|x| x.date == d && x.area == area && t <= x.until)
        };
        for r in &c.ac_checks {
            if !r.ac_on {
                continue;
            }
            let noticed = c.notices.iter().any(|n| n.from <= r.date && r.date <= n.to);
            if !in_season(r.date) && !noticed {
                out.insert(("AC-SEASON", r.date, r.area));
            }
            if r.reference_temp_tenths < 290 {
                out.insert(("AC-HOT", r.date, r.area));
            }
            if r.set_temp_tenths.is_none_or(|s| s < 260) {
                out.insert(("AC-SUMMER-SET", r.date, r.area));
            }
            if !r.windows_closed {
                out.insert(("AC-WINDOWS", r.date, r.area));
            }
            if !r.occupied {
                out.insert(("AC-EMPTY", r.date, r.area));
            }
            let outside = !working(c, r.date) || r.time < hm(9, 0) || r.time > hm(17, 30);
            if outside && !covered(r.date, r.area, r.time) {
                out.insert(("AC-OFF-EARLY", r.date, r.area));
            }
        }
        // Scheduled checks on every working or overtime day of the season
        // on the sheet, clipped to the period.
        if let Some(first) = c.ac_checks.first() {
            let y = first.date.year();
            let from = NaiveDate::from_ymd_opt(y, 6, 1).unwrap().max(start_of(o));
            let to = NaiveDate::from_ymd_opt(y, 10, 31).unwrap().min(o.end);
            for d in from.iter_days().take_while(|d| *d <= to) {
                if !working(c, d) && !c.overtime.iter().any(|x| x.date == d) {
                    continue;
                }
                for a in &c.areas {
                    for (lo, hi) in [(hm(9, 0), hm(11, 0)), (hm(15, 0), hm(17, 0))] {
                        let found = c.ac_checks.iter().any(|r| {
                            r.date == d
                                && r.area == a.id
                                && r.kind == AcCheckKind::Check
                                && lo <= r.time
                                && r.time <= hi
                        });
                        if !found {
                            out.insert(("AC-CHECKS", d, a.id));
                        }
                    }
                }
            }
        }
        for y in start_of(o).year()..=o.end.year() {
            for a in &c.areas {
                if !c.maintenance.iter().any(|m| m.area == a.id && m.date.year() == y) {
                    let end = NaiveDate::from_ymd_opt(y, 12, 31).unwrap().min(o.end);
                    out.insert(("AC-MAINT", end, a.id));
                }
            }
        }
        for f in &c.faults {
            let repaired = f.repaired_at.map_or(o.end, |t| t.date());
            let spent = f
                .reported_at
                .date()
                .iter_days()
                .skip(1)
                .take_while(|d| *d <= repaired)
                .filter(|d| working(c, *d))
                .count();
            if spent > 5 {
                out.insert(("AC-FAULT", f.reported_at.date(), f.area));
            }
            if f.cause == FaultCause::Misuse {
                assert!(!f.liable_person.is_empty(), "a human-caused fault names the person");
            }
        }
        out
    }

    fn planted_set(c: &DemoCompany) -> BTreeSet<(&'static str, NaiveDate, i64)> {
        c.planted_ac
            .iter()
            .map(|p| {
                let area = c.areas.iter().find(|a| a.name == p.subject).expect("planted area").id;
                (p.rule_id, p.date, area)
            })
            .collect()
    }

    /// Invariants that hold for every size of demo.
    /// The customer with `id` (ids are 1..=n in order).
    fn customer(c: &DemoCompany, id: CustomerId) -> &NewCustomer {
        &c.customers[(id.0 - 1) as usize]
    }

    /// The default probability of each stage, as the pipeline rules give it.
    const EXPECTED_PCT: [(OpportunityStage, u8); 6] = [
        (OpportunityStage::Lead, 10),
        (OpportunityStage::Qualified, 25),
        (OpportunityStage::Proposal, 50),
        (OpportunityStage::Negotiation, 75),
        (OpportunityStage::Won, 100),
        (OpportunityStage::Lost, 0),
    ];

    /// Customers: ids, codes, the parse, the created time.
    fn check_customers(c: &DemoCompany, within: &dyn Fn(NaiveDate) -> bool) {
        // Customers: ids, codes, the parse, the created time.
        let mut codes = BTreeSet::new();
        for (k, cu) in c.customers.iter().enumerate() {
            assert_eq!(cu.id, CustomerId(k as i64 + 1));
            assert_eq!(cu.code, generated_code(k as u64 + 1));
            assert_eq!(cu.data.code.as_deref(), Some(cu.code.as_str()));
            assert!(codes.insert(cu.code.clone()), "duplicate code {}", cu.code);
            assert_eq!(parse_customer(cu.data.clone()), Ok(cu.data.clone()), "{}", cu.code);
            assert!(within(cu.created_at.date()));
            assert!(!cu.data.owner.is_empty());
        }
    }

    /// Transactions; returns every buyer's first purchase date.
    fn check_transactions(
        c: &DemoCompany,
        within: &dyn Fn(NaiveDate) -> bool,
    ) -> BTreeMap<CustomerId, NaiveDate> {
        // Transactions: buyers only, after creation, order numbers unique.
        let mut orders = BTreeSet::new();
        let mut first_purchase: BTreeMap<CustomerId, NaiveDate> = BTreeMap::new();
        for t in &c.transactions {
            assert!(within(t.date));
            assert!(t.amount_cents > 0);
            assert_ne!(customer(c, t.customer).data.ladder_step, LadderStep::Prospect);
            assert!(customer(c, t.customer).created_at.date() < t.date);
            assert!(t.order_no.starts_with(&format!("SO-{}-", t.date.year())));
            assert_eq!(t.order_no.len(), "SO-2025-000123".len());
            assert!(orders.insert(t.order_no.clone()));
            first_purchase.entry(t.customer).or_insert(t.date);
        }
        for cu in &c.customers {
            let buyer = cu.data.ladder_step != LadderStep::Prospect;
            assert_eq!(first_purchase.contains_key(&cu.id), buyer, "{}", cu.code);
        }
        first_purchase
    }

    /// Opportunities and their stage changes.
    fn check_opportunities(c: &DemoCompany, within: &dyn Fn(NaiveDate) -> bool) {
        // Opportunities and their stage changes.
        for (k, op) in c.opportunities.iter().enumerate() {
            assert_eq!(op.id, k as i64 + 1);
            assert!(customer(c, op.customer).created_at < op.created_at);
            let expected_pct = EXPECTED_PCT.iter().find(|(stage, _)| *stage == op.stage);
            assert_eq!(Some(op.probability_pct), expected_pct.map(|(_, pct)| *pct));
            let closed = matches!(op.stage, OpportunityStage::Won | OpportunityStage::Lost);
            assert_eq!(op.closed_at.is_some(), closed);
            assert!(op.expected_value_cents > 0 && op.expected_close.is_some());
            if let Some(d) = op.delivered_at {
                assert_eq!(op.stage, OpportunityStage::Won);
                assert!(d >= op.closed_at.unwrap() && within(d));
            }
            let path: Vec<&StageChange> =
                c.stage_changes.iter().filter(|s| s.opportunity == op.id).collect();
            assert!(!path.is_empty());
            assert_eq!(path[0].from, None);
            assert_eq!(path[0].at, op.created_at);
            for pair in path.windows(2) {
                assert_eq!(pair[1].from, Some(pair[0].to));
                assert!(pair[0].at < pair[1].at);
            }
            let last = path[path.len() - 1];
            assert_eq!(last.to, op.stage);
            assert!(within(path[0].at.date()) && within(last.at.date()));
            if closed {
                assert_eq!(op.closed_at, Some(last.at.date()));
                assert!(within(op.expected_close.unwrap()));
            }
        }
        assert!(
            c.stage_changes
                .iter()
                .all(|s| s.opportunity >= 1 && s.opportunity <= c.opportunities.len() as i64)
        );
    }

    /// The complaint ledger and the activities.
    fn check_service(c: &DemoCompany, within: &dyn Fn(NaiveDate) -> bool) {
        // Complaints.
        for (k, x) in c.complaints.iter().enumerate() {
            assert_eq!(x.id, k as i64 + 1);
            assert!(within(x.received_at.date()));
            assert!(customer(c, x.customer).created_at < x.received_at);
            let resolved = matches!(x.status, ComplaintStatus::Resolved | ComplaintStatus::Closed);
            assert_eq!(x.resolved_at.is_some(), resolved, "complaint {}", x.id);
            if x.status == ComplaintStatus::Open {
                assert!(x.first_response_at.is_none());
            }
            if let Some(f) = x.first_response_at {
                assert!(x.received_at <= f && within(f.date()));
            }
            if let Some(r) = x.resolved_at {
                assert!(x.first_response_at.is_some_and(|f| f <= r));
                assert!(within(r.date()) && !x.resolution.is_empty());
            }
        }

        // Activities: ids, times, consistent references.
        for (k, a) in c.activities.iter().enumerate() {
            assert_eq!(a.id, k as i64 + 1);
            assert!(within(a.at.date()));
            assert!(customer(c, a.customer).created_at < a.at);
            if let Some(id) = a.opportunity {
                let op = &c.opportunities[(id - 1) as usize];
                assert_eq!(op.customer, a.customer);
            }
            if let Some(id) = a.complaint {
                let x = &c.complaints[(id - 1) as usize];
                assert_eq!(x.customer, a.customer);
            }
            assert_eq!(a.next_step.is_empty(), a.next_step_due.is_none());
            if let Some(due) = a.next_step_due {
                assert!(due > a.at.date());
            }
        }
        assert!(c.activities.windows(2).all(|w| w[0].at <= w[1].at));
    }

    /// Churn, surveys, reports, calendar and the AC records.
    fn check_others(
        c: &DemoCompany,
        within: &dyn Fn(NaiveDate) -> bool,
        end: NaiveDate,
        first_purchase: &BTreeMap<CustomerId, NaiveDate>,
    ) {
        // Churn, surveys, reports, calendar.
        for ch in &c.churn {
            assert!(within(ch.recorded_at) && ch.estimated_loss_cents > 0);
            assert!(!ch.root_cause.is_empty());
            let last =
                c.transactions.iter().filter(|t| t.customer == ch.customer).map(|t| t.date).max();
            assert!(last.is_some_and(|d| (end - d).num_days() >= 365));
        }
        for s in &c.surveys {
            assert!(
                within(s.date) && (1..=5).contains(&s.expected) && (1..=5).contains(&s.perceived)
            );
            assert!(first_purchase.get(&s.customer).is_some_and(|d| *d < s.date));
        }
        for r in &c.reports {
            assert!(within(r.produced_at.date()));
            assert!((r.year, r.month) < (r.produced_at.year(), r.produced_at.month()));
        }
        for d in &c.calendar {
            assert!(within(d.date));
            assert_eq!(d.working, is_weekend(d.date), "{:?}", d);
        }

        // AC: dates in the period, and exactly the planted findings.
        for r in &c.ac_checks {
            assert!(within(r.date) && (1..=3).contains(&r.area));
        }
        assert!(c.overtime.iter().all(|x| within(x.date)));
        assert!(c.maintenance.iter().all(|x| within(x.date)));
        assert!(c.faults.iter().all(|x| within(x.reported_at.date())
            && x.repaired_at.is_some_and(|r| within(r.date()) && r > x.reported_at)));
        assert!(c.notices.iter().all(|x| within(x.from) && within(x.to) && x.from <= x.to));
    }

    fn check_invariants(o: &DemoOptions) -> DemoCompany {
        let c = generate(o);
        let (start, end) = (start_of(o), o.end);
        let within = |d: NaiveDate| start <= d && d <= end;
        assert_eq!(c.customers.len(), o.customers);
        check_customers(&c, &within);
        let first_purchase = check_transactions(&c, &within);
        check_opportunities(&c, &within);
        check_service(&c, &within);
        check_others(&c, &within, end, &first_purchase);
        assert_eq!(ac_findings(&c, o), planted_set(&c));
        c
    }

    #[test]
    fn same_seed_same_company_and_other_seed_other_company() {
        let o = DemoOptions::default();
        let a = format!("{:?}", generate(&o));
        assert_eq!(a, format!("{:?}", generate(&o)));
        assert_ne!(a, format!("{:?}", generate(&DemoOptions { seed: 8, ..o })));
    }

    #[test]
    fn default_demo_has_the_expected_shape() {
        let o = DemoOptions::default();
        let c = check_invariants(&o);
        assert_eq!(c.customers.len(), 300);
        assert!((8_000..=15_000).contains(&c.transactions.len()), "{}", c.transactions.len());
        assert!((60..=120).contains(&c.opportunities.len()));
        assert!((40..=80).contains(&c.complaints.len()));
        for step in LadderStep::ALL {
            let n = c.customers.iter().filter(|x| x.data.ladder_step == *step).count();
            assert!(n > 0, "{step:?}");
        }
        let count = |step| c.customers.iter().filter(|x| x.data.ladder_step == step).count();
        assert!(
            count(LadderStep::Prospect) + count(LadderStep::Customer)
                > 3 * count(LadderStep::Partner)
        );
        for stage in OpportunityStage::ALL {
            assert!(c.opportunities.iter().any(|x| x.stage == *stage), "{stage:?}");
        }
        for kind in ComplaintKind::ALL {
            assert!(c.complaints.iter().any(|x| x.kind == *kind), "{kind:?}");
        }
        for kind in ActivityKind::ALL {
            assert!(c.activities.iter().any(|x| x.kind == *kind), "{kind:?}");
        }
        for source in Source::ALL {
            assert!(c.customers.iter().any(|x| x.data.source == *source), "{source:?}");
        }
        for rating in CreditRating::ALL {
            assert!(c.customers.iter().any(|x| x.data.credit_rating == Some(*rating)));
        }
        for kind in CustomerKind::ALL {
            assert!(c.customers.iter().filter(|x| x.data.kind == *kind).count() > 60);
        }
        let dissolved: Vec<_> = c
            .customers
            .iter()
            .filter(|x| x.data.relationship_stage == RelationshipStage::Dissolution)
            .collect();
        assert!(
            !dissolved.is_empty()
                && dissolved.iter().all(|x| !x.data.dissolution_reason.is_empty())
        );
        assert!(c.surveys.len() > 150);
        let states: BTreeSet<_> = c.surveys.iter().map(|s| s.perceived.cmp(&s.expected)).collect();
        assert_eq!(states.len(), 3);
        assert!(c.reports.len() >= 40);
        assert!(c.calendar.iter().any(|d| d.name.contains("国庆")));
        assert!(c.calendar.iter().any(|d| d.working));
        assert!((8..=12).contains(&c.planted_ac.len()));
        let rules: BTreeSet<_> = c.planted_ac.iter().map(|p| p.rule_id).collect();
        for rule in [
            "AC-HOT",
            "AC-SUMMER-SET",
            "AC-WINDOWS",
            "AC-EMPTY",
            "AC-CHECKS",
            "AC-OFF-EARLY",
            "AC-FAULT",
            "AC-MAINT",
        ] {
            assert!(rules.contains(rule), "{rule}");
        }
        assert_eq!(c.areas.len(), 3);
        assert_eq!(c.notices.len(), 1);
        assert!(c.overtime.len() >= 3 && c.faults.len() >= 3);
    }

    #[test]
    fn revenue_is_skewed_and_churn_and_risk_exist() {
        for seed in [7, 8, 9, 10, 11] {
            let o = opts(seed, 300, 2);
            let c = generate(&o);
            let mut revenue: BTreeMap<CustomerId, i64> = BTreeMap::new();
            let mut last: BTreeMap<CustomerId, NaiveDate> = BTreeMap::new();
            for t in &c.transactions {
                *revenue.entry(t.customer).or_default() += t.amount_cents;
                last.insert(t.customer, t.date);
            }
            let mut m: Vec<i64> = revenue.values().copied().collect();
            m.sort_by(|a, b| b.cmp(a));
            let total: i64 = m.iter().sum();
            let top: i64 = m.iter().take(m.len().div_ceil(5)).sum();
            assert!(top * 100 >= total * 60, "seed {seed}: top 20% have {top} of {total}");
            let idle = |lo: i64, hi: i64| {
                last.values().filter(|d| (lo..=hi).contains(&(o.end - **d).num_days())).count()
            };
            let churned = idle(365, 10_000);
            assert!(churned >= 10, "seed {seed}");
            assert!(idle(183, 364) >= 10, "seed {seed}");
            // Most churned customers have a churn record.
            assert!(c.churn.len() * 10 >= churned * 7, "seed {seed}");
        }
    }

    #[test]
    fn the_ledger_mostly_meets_its_slas() {
        let c = generate(&DemoOptions::default());
        let mut late = 0;
        for x in &c.complaints {
            let limit = match x.kind {
                ComplaintKind::Query => 10,
                ComplaintKind::Complaint => 240,
                ComplaintKind::Inquiry => 30,
            };
            let until = match x.kind {
                ComplaintKind::Inquiry => x.first_response_at,
                _ => x.resolved_at,
            };
            let until = until.unwrap_or_else(|| {
                c.customers[0].created_at.max(at(DemoOptions::default().end, 23 * 60 + 59))
            });
            if working_minutes(&c, x.received_at, until) > limit {
                late += 1;
            }
        }
        assert!(late >= 2, "some entries are late");
        assert!(late * 100 <= c.complaints.len() * 30, "{late} late of {}", c.complaints.len());
        assert!(c.complaints.iter().any(|x| x.resolved_at.is_none()));
        let mut per_customer: BTreeMap<CustomerId, usize> = BTreeMap::new();
        for x in c.complaints.iter().filter(|x| x.kind == ComplaintKind::Complaint) {
            *per_customer.entry(x.customer).or_default() += 1;
        }
        assert!(per_customer.values().filter(|n| **n >= 2).count() >= 2);
        assert!(
            c.complaints
                .iter()
                .any(|x| !working(&c, x.received_at.date()) || x.received_at.time() >= hm(18, 0)),
            "some entries arrive outside working time"
        );
    }

    #[test]
    fn follow_ups_visits_revisits_and_reports() {
        let o = DemoOptions::default();
        let c = generate(&o);
        // Overdue follow-ups: due before the end with no later activity.
        let mut latest: BTreeMap<CustomerId, &Activity> = BTreeMap::new();
        for a in &c.activities {
            latest.insert(a.customer, a);
        }
        let overdue =
            latest.values().filter(|a| a.next_step_due.is_some_and(|d| d < o.end)).count();
        assert!(overdue >= 3, "{overdue}");
        // Some activities are linked to opportunities and to complaints.
        assert!(c.activities.iter().filter(|a| a.opportunity.is_some()).count() > 100);
        assert!(c.activities.iter().filter(|a| a.complaint.is_some()).count() > 40);
        // Revisits after won opportunities, not every month.
        let won = c.opportunities.iter().filter(|x| x.stage == OpportunityStage::Won).count();
        let revisits = c
            .activities
            .iter()
            .filter(|a| a.kind == ActivityKind::Revisit && a.opportunity.is_some())
            .count();
        assert!(revisits > won * 3);
        // Visits every month of the period.
        let months: BTreeSet<(i32, u32)> = c
            .activities
            .iter()
            .filter(|a| a.kind == ActivityKind::Visit)
            .map(|a| (a.at.year(), a.at.month()))
            .collect();
        assert!(months.len() >= 24);
        // Reports: most by the 5th of the next month, one or two late.
        let late = c.reports.iter().filter(|r| r.produced_at.day() > 5).count();
        assert!((1..=3).contains(&late), "{late}");
        assert!(c.reports.iter().all(|r| !r.summary.is_empty() && !r.analysis.is_empty()));
    }

    #[test]
    fn ac_season_has_both_windows_every_working_day_except_the_planted_one() {
        let o = DemoOptions::default();
        let c = generate(&o);
        let missing: Vec<_> = c.planted_ac.iter().filter(|p| p.rule_id == "AC-CHECKS").collect();
        assert_eq!(missing.len(), 1);
        // The independent checker finds exactly the planted findings: one
        // missing window, and each planted row breaks only its own rule.
        let found = ac_findings(&c, &o);
        assert_eq!(found, planted_set(&c));
        assert_eq!(found.iter().filter(|f| f.0 == "AC-CHECKS").count(), 1);
        assert_eq!(found.len(), c.planted_ac.len());
        // Every non-planted row is compliant with the row rules.
        let planted = planted_set(&c);
        for r in &c.ac_checks {
            for (rule, bad) in [
                ("AC-HOT", r.ac_on && r.reference_temp_tenths < 290),
                ("AC-SUMMER-SET", r.ac_on && r.set_temp_tenths.is_none_or(|s| s < 260)),
                ("AC-WINDOWS", r.ac_on && !r.windows_closed),
                ("AC-EMPTY", r.ac_on && !r.occupied),
            ] {
                if bad {
                    assert!(planted.contains(&(rule, r.date, r.area)), "{rule} {r:?}");
                }
            }
            assert!(!r.ac_on || r.reference_temp_tenths >= 270, "plausible readings");
        }
        // The season is June–October 2026: about 100 working days, 3 areas,
        // 2 checks each, minus the planted gap, plus overtime and spot checks.
        let scheduled = c.ac_checks.iter().filter(|r| r.kind == AcCheckKind::Check).count();
        assert!((550..=700).contains(&scheduled), "{scheduled}");
        assert!(c.ac_checks.iter().any(|r| r.kind == AcCheckKind::Inspection));
        assert!(c.ac_checks.iter().any(|r| r.ac_on) && c.ac_checks.iter().any(|r| !r.ac_on));
        // A weekend overtime day has its checks.
        let weekend = c.overtime.iter().find(|x| !working(&c, x.date)).expect("weekend overtime");
        assert_eq!(c.ac_checks.iter().filter(|r| r.date == weekend.date).count(), 6);
    }

    #[test]
    fn small_demos_work() {
        for o in [opts(7, 20, 1), opts(3, 1, 2), opts(5, 1, 1), opts(7, 0, 2), opts(11, 20, 0)] {
            let c = check_invariants(&o);
            assert_eq!(c.customers.len(), o.customers);
            assert!(!c.planted_ac.is_empty(), "{o:?}");
        }
        let c = generate(&opts(7, 20, 1));
        assert_eq!(c.opportunities.len(), 6);
        for stage in OpportunityStage::ALL {
            assert!(c.opportunities.iter().any(|x| x.stage == *stage));
        }
        for step in LadderStep::ALL {
            assert!(c.customers.iter().any(|x| x.data.ladder_step == *step));
        }
        assert!(!c.transactions.is_empty());
    }

    #[test]
    fn other_end_dates_work() {
        for end in [(2025, 7, 15), (2027, 3, 1), (2026, 6, 20), (2030, 12, 31)] {
            let end = NaiveDate::from_ymd_opt(end.0, end.1, end.2).unwrap();
            let o = DemoOptions { end, customers: 60, ..DemoOptions::default() };
            check_invariants(&o);
            check_invariants(&DemoOptions { years: 1, ..o });
        }
    }

    #[test]
    fn calendar_tables_are_consistent() {
        for &(y, m, d, len, _) in &HOLIDAYS {
            assert!(len >= 1 && NaiveDate::from_ymd_opt(y, m, d).is_some());
        }
        for &(y, m, d, name) in &MAKEUP_DAYS {
            assert!(is_weekend(NaiveDate::from_ymd_opt(y, m, d).unwrap()), "{name} {y}-{m}-{d}");
        }
    }

    #[test]
    fn working_minute_arithmetic() {
        let cal = work_calendar(&[]);
        let fri = NaiveDate::from_ymd_opt(2026, 7, 3).unwrap();
        assert_eq!(cal.add_working_minutes(at(fri, 11 * 60 + 50), 20), at(fri, 13 * 60 + 10));
        let mon = NaiveDate::from_ymd_opt(2026, 7, 6).unwrap();
        assert_eq!(cal.add_working_minutes(at(fri, 19 * 60), 5), at(mon, 9 * 60 + 5));
        assert_eq!(cal.working_minutes_between(at(fri, 17 * 60 + 30), at(mon, 9 * 60 + 30)), 60);
        assert_eq!(cal.add_working_days(fri, 1), mon);
    }

    #[test]
    fn invariants_hold_across_seeds_sizes_and_periods() {
        for seed in 0..6 {
            for (customers, years, (y, m, d)) in
                [(40, 2, (2026, 10, 31)), (5, 1, (2025, 9, 30)), (25, 3, (2031, 2, 28))]
            {
                let end = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                check_invariants(&DemoOptions { seed, customers, years, end });
            }
        }
    }
}
