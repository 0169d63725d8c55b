//! Name tables: staff, people's names, cities, trade names, industries, contact
//! details.

/// Sales staff: the owners (负责人) of customers and opportunities. The first
/// two are senior and take most grade-A customers (专人负责制).
pub(super) const STAFF: [&str; 5] = ["张伟", "李娜", "陈静", "刘洋", "黄磊"];
/// The service desk (客服), first handlers of most ledger entries.
pub(super) const SERVICE_DESK: [&str; 2] = ["周敏", "吴婷"];
/// The administration clerk who fills in the AC check sheet.
pub(super) const AC_CHECKER: &str = "赵丽";
/// The HR officer who makes spot inspections (4.2.3.3).
pub(super) const HR_INSPECTOR: &str = "钱进";

/// Surnames with their pinyin (for e-mail addresses).
pub(super) const SURNAMES: [(&str, &str); 30] = [
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

pub(super) const GIVEN_FEMALE: [(&str, &str); 18] = [
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

pub(super) const GIVEN_MALE: [(&str, &str); 18] = [
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

pub(super) const FAMILIES: [&str; 5] =
    ["单身", "已婚", "已婚，有一个孩子", "已婚，有两个孩子", "三代同堂"];
pub(super) const PERSON_INDUSTRIES: [&str; 7] =
    ["零售", "餐饮", "教育", "医疗", "个体经营", "自由职业", "IT"];
pub(super) const PERSON_EMAIL_DOMAINS: [&str; 3] = ["example.com", "example.cn", "example.net"];

/// A city: name, short pinyin code, telephone area code, districts, roads.
pub(super) struct City {
    pub(super) name: &'static str,
    pub(super) code: &'static str,
    pub(super) area_code: &'static str,
    pub(super) districts: [&'static str; 3],
    pub(super) roads: [&'static str; 3],
}

/// A [`City`] of the table below, one line each: (name, code, area code,
/// districts, roads).
pub(super) const fn city(
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
pub(super) const CITIES: [City; 10] = [
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
pub(super) const CITY_WEIGHTS: [u32; 10] = [30, 16, 10, 8, 5, 7, 6, 6, 6, 6];

/// Trade names (字号) of organisations with their pinyin (for domains).
pub(super) const TRADE_NAMES: [(&str, &str); 30] = [
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
pub(super) struct Industry {
    pub(super) label: &'static str,
    pub(super) words: [&'static str; 3],
    pub(super) scope: &'static str,
}

/// An [`Industry`] of the table below, one line each.
pub(super) const fn industry(
    label: &'static str,
    words: [&'static str; 3],
    scope: &'static str,
) -> Industry {
    Industry { label, words, scope }
}

pub(super) const INDUSTRIES: [Industry; 9] = [
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

pub(super) const ORG_EMAIL_PREFIXES: [&str; 5] = ["info", "sales", "purchase", "service", "admin"];
pub(super) const MOBILE_PREFIXES: [&str; 22] = [
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
    "156", "158", "159", "180", "181", "186", "187", "188", "189",
];

/// Sources in `Source::ALL` order, and how often each brings a customer.
pub(super) const SOURCE_WEIGHTS: [u32; 8] = [22, 16, 18, 10, 8, 9, 9, 8];

/// Churn reasons in `ChurnReason::ALL` order, how often each happens, the
/// root-cause note and the dissolution reason written on the customer.
pub(super) const CHURN_REASONS: [(u32, &str, &str); 9] = [
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
