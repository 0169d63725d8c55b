//! `ladder import` on real files: `--skip-bad` leaves the bad rows out and
//! says so; the fixture files in `tests/data/` (the same customers as UTF-8,
//! UTF-8 with BOM, GBK, GB18030, UTF-16 and XLSX) import to identical rows.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::{beside, data, import_customers, init, ladder, ok, p};

/// `ladder export --table TABLE` as bytes.
fn export(db: &Path, table: &str) -> Vec<u8> {
    let out = db.with_extension(format!("{table}.csv"));
    let _ = std::fs::remove_file(&out);
    ok(&["export", "--db", p(db), "--table", table, "--out", p(&out)]);
    std::fs::read(&out).expect("read export")
}

#[test]
fn skip_bad_imports_every_good_row_and_lists_the_bad_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "d.db");
    let customers = dir.path().join("customers.csv");
    import_customers(&db, &customers, "code,name\nC-1,甲\nC-2,乙\n");
    let csv = dir.path().join("sales.csv");
    std::fs::write(
        &csv,
        "customer_code,date,amount\n\
         C-1,2026-03-01,10\n\
         C-1,2026-02-30,12.345\n\
         C-9,2026-03-02,5\n\
         C-2,2026/3/3,7.50\n",
    )
    .expect("write");
    let base = ["import", "--db", p(&db), "--kind", "transactions", "--input", p(&csv)];

    // Without --skip-bad: all or nothing.
    let out = ladder(&base);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("3 problems; nothing was imported"), "{stderr}");
    assert_eq!(export(&db, "transactions").iter().filter(|&&b| b == b'\n').count(), 1);

    // A dry run with --skip-bad counts without writing.
    let mut args = base.to_vec();
    args.extend(["--skip-bad", "--dry-run"]);
    let out = ladder(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("would import 2 rows"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("would skip 2 bad rows"));
    assert_eq!(export(&db, "transactions").iter().filter(|&&b| b == b'\n').count(), 1);

    let mut args = base.to_vec();
    args.push("--skip-bad");
    let out = ladder(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(stdout.contains("imported 2 rows"), "{stdout}");
    let at = p(&csv);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines[0], "skipped 2 bad rows", "{stderr}");
    assert!(lines[1].starts_with(&format!("{at}:3:date: no such day")), "{stderr}");
    assert!(lines[2].starts_with(&format!("{at}:3:amount: too many decimals")), "{stderr}");
    assert!(lines[3].starts_with(&format!("{at}:4:customer_code: unknown customer")), "{stderr}");
    assert_eq!(lines.len(), 4, "{stderr}");
    let exported = String::from_utf8(export(&db, "transactions")).expect("utf-8");
    let rows: Vec<&str> = exported.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{exported}");
    assert!(rows[0].starts_with("C-1,2026-03-01,10.00"), "{exported}");
    assert!(rows[1].starts_with("C-2,2026-03-03,7.50"), "{exported}");
}

// ---------------------------------------------------------------------------
// The fixture files: the same customers in every encoding and as XLSX.

/// The header names as Excel users on Chinese Windows write them (all
/// recognised by `src/domain/import/kinds.rs`).
const CUSTOMER_HEADERS_ZH: [&str; 12] = [
    "客户编号",
    "客户名称",
    "客户类型",
    "所属行业",
    "客户来源",
    "客户等级",
    "联系电话",
    "电子邮箱",
    "联系地址",
    "信用等级",
    "关系阶梯",
    "备注",
];

/// The same columns by their field names.
const CUSTOMER_HEADERS_EN: [&str; 12] = [
    "code",
    "name",
    "kind",
    "industry",
    "source",
    "grade",
    "phone",
    "email",
    "address",
    "credit_rating",
    "ladder_step",
    "notes",
];

/// Eight customers in the columns of the headers above, with the things
/// that go wrong in real files: quotes, commas and line breaks inside cells,
/// full-width punctuation, extensions, empty cells, Chinese vocabulary.
const CUSTOMERS: [[&str; 12]; 8] = [
    [
        "C-0001",
        "广州白云电器有限公司",
        "企业",
        "制造业",
        "展会",
        "A",
        "020-8765 4321",
        "sales@baiyun.example.cn",
        "广州市白云区机场路 88 号",
        "良好",
        "客户",
        "老客户，年度框架协议",
    ],
    [
        "C-0002",
        "张伟",
        "个人",
        "零售",
        "介绍",
        "B",
        "138 0013 8000",
        "zhangwei@example.com",
        "深圳市南山区科技园",
        "一般",
        "顾客",
        "",
    ],
    [
        "C-0003",
        "李娜",
        "个人",
        "",
        "网站",
        "C",
        "+86 139 1234 5678",
        "",
        "北京市朝阳区",
        "",
        "潜在顾客",
        "备注里有逗号,和\"引号\"",
    ],
    [
        "C-0004",
        "上海浦江物流",
        "企业",
        "物流",
        "猎犬法",
        "A",
        "021-6666 8888转123",
        "info@pujiang.example.cn",
        "上海市浦东新区\n张江路 1 号",
        "良好",
        "伙伴",
        "两行地址",
    ],
    [
        "C-0005",
        "王芳",
        "个人",
        "教育",
        "其他",
        "",
        "",
        "wangfang@example.org",
        "",
        "差",
        "支持者",
        "",
    ],
    [
        "C-0006",
        "成都锦江餐饮管理有限公司",
        "企业",
        "餐饮",
        "逐户访问",
        "B",
        "028-8555 1234",
        "",
        "",
        "一般",
        "宣传者",
        "￥1,200 预付款（已收）",
    ],
    [
        "C-0007",
        "赵磊",
        "individual",
        "IT",
        "referral",
        "A",
        "(010) 5555-0101",
        "Zhao.Lei@Example.com",
        "",
        "good",
        "client",
        "English vocabulary",
    ],
    [
        "C-0008",
        "杭州西湖茶叶合作社",
        "企业",
        "农业",
        "中心开花",
        "C",
        "0571-8888 6666",
        "",
        "杭州市西湖区龙井村",
        "",
        "潜在顾客",
        "年产龙井 3,000 斤",
    ],
];

/// A ninth customer only the GB18030 file has: its name has 𠀀 (U+20000),
/// which GBK cannot write.
const GB18030_ONLY: [&str; 12] = [
    "C-0009",
    "𠀀记茶庄",
    "企业",
    "零售",
    "其他",
    "",
    "",
    "",
    "",
    "",
    "潜在顾客",
    "GB18030 四字节字符",
];

/// Transactions of those customers as an Excel user types them: dates and
/// amounts in several formats. Columns: 客户编号, 交易日期, 金额（元）,
/// 订单号, 商品名称, 数量.
const TRANSACTIONS: [[&str; 6]; 7] = [
    ["C-0001", "2026/3/1", "￥1,234.50", "SO-0001", "碎纸机", "2"],
    ["C-0002", "2026-03-02", "88", "SO-0002", "打印纸", "10"],
    ["C-0001", "2026年3月3日", "999.99", "SO-0003", "办公椅", "1"],
    ["C-0004", "20260315", "-20.00", "SO-0002-R", "打印纸（退货）", ""],
    ["C-0006", "2026/04/01", "12,000", "SO-0004", "空调 5 匹", "1"],
    ["C-0003", "2026-4-2", "0.5", "", "笔", "3"],
    ["C-0005", "2026/12/31", "12,345.67元", "SO-0005", "会议桌,长 2 米", "1"],
];

/// The same transactions as typed XLSX cells: dates, amounts and quantities
/// as numbers.
/// A sale as typed cells: code, (year, month, day), amount, order number,
/// product, quantity.
type SaleCells = (&'static str, (i32, u32, u32), f64, &'static str, &'static str, Option<f64>);

const TRANSACTION_CELLS: [SaleCells; 7] = [
    ("C-0001", (2026, 3, 1), 1234.5, "SO-0001", "碎纸机", Some(2.0)),
    ("C-0002", (2026, 3, 2), 88.0, "SO-0002", "打印纸", Some(10.0)),
    ("C-0001", (2026, 3, 3), 999.99, "SO-0003", "办公椅", Some(1.0)),
    ("C-0004", (2026, 3, 15), -20.0, "SO-0002-R", "打印纸（退货）", None),
    ("C-0006", (2026, 4, 1), 12000.0, "SO-0004", "空调 5 匹", Some(1.0)),
    ("C-0003", (2026, 4, 2), 0.5, "", "笔", Some(3.0)),
    ("C-0005", (2026, 12, 31), 12345.67, "SO-0005", "会议桌,长 2 米", Some(1.0)),
];

const TRANSACTION_HEADERS_ZH: [&str; 6] =
    ["客户编号", "交易日期", "金额（元）", "订单号", "商品名称", "数量"];

/// One CSV record: cells with a comma, quote or line break are quoted.
fn csv_record(cells: &[&str], eol: &str) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                (*c).to_owned()
            }
        })
        .collect();
    format!("{}{eol}", quoted.join(","))
}

fn csv_text(headers: &[&str], rows: &[&[&str]], eol: &str) -> String {
    let mut text = csv_record(headers, eol);
    for row in rows {
        text.push_str(&csv_record(row, eol));
    }
    text
}

fn encode(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{} cannot write the text", encoding.name());
    bytes.into_owned()
}

/// The rows of `CUSTOMERS` (and the GB18030-only one).
fn customer_rows(extra: bool) -> Vec<&'static [&'static str]> {
    let mut rows: Vec<&[&str]> = CUSTOMERS.iter().map(<[&str; 12]>::as_slice).collect();
    if extra {
        rows.push(GB18030_ONLY.as_slice());
    }
    rows
}

fn fixed_properties() -> rust_xlsxwriter::DocProperties {
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1, 1).expect("date");
    rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created)
}

fn write_sheet_rows(
    sheet: &mut rust_xlsxwriter::Worksheet,
    headers: &[&str],
    rows: &[&[&str]],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, u16::try_from(c).expect("few columns"), *h)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                let (r, c) = (u32::try_from(r + 1).expect("few"), u16::try_from(c).expect("few"));
                sheet.write_string(r, c, *cell)?;
            }
        }
    }
    Ok(())
}

fn write_transaction_cells(
    sheet: &mut rust_xlsxwriter::Worksheet,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{ExcelDateTime, Format};
    let date = Format::new().set_num_format("yyyy/m/d");
    let money = Format::new().set_num_format("#,##0.00");
    for (c, h) in TRANSACTION_HEADERS_ZH.iter().enumerate() {
        sheet.write_string(0, u16::try_from(c).expect("few"), *h)?;
    }
    for (r, (code, (y, m, d), amount, order, product, quantity)) in
        TRANSACTION_CELLS.iter().enumerate()
    {
        let r = u32::try_from(r + 1).expect("few");
        sheet.write_string(r, 0, *code)?;
        let day = ExcelDateTime::from_ymd(u16::try_from(*y).expect("year"), *m as u8, *d as u8)?;
        sheet.write_datetime_with_format(r, 1, &day, &date)?;
        sheet.write_number_with_format(r, 2, *amount, &money)?;
        if !order.is_empty() {
            sheet.write_string(r, 3, *order)?;
        }
        sheet.write_string(r, 4, *product)?;
        if let Some(q) = quantity {
            sheet.write_number(r, 5, *q)?;
        }
    }
    Ok(())
}

/// Writes the fixture files into `tests/data/`. Run by hand after changing
/// the data above: `cargo test --test import_files -- --ignored write_fixtures`.
#[test]
#[ignore = "writes tests/data; run by hand"]
fn write_fixtures() {
    let en = CUSTOMER_HEADERS_EN.as_slice();
    let zh = CUSTOMER_HEADERS_ZH.as_slice();
    let plain = csv_text(en, &customer_rows(false), "\n");
    std::fs::write(data("customers_utf8.csv"), &plain).expect("write");
    // Excel's "CSV UTF-8": a byte-order mark and CRLF.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(csv_text(zh, &customer_rows(false), "\r\n").as_bytes());
    std::fs::write(data("customers_utf8_bom.csv"), &bom).expect("write");
    // Excel's "CSV" on Chinese Windows: GBK and CRLF (line breaks inside
    // cells stay LF).
    let excel = csv_text(zh, &customer_rows(false), "\r\n");
    std::fs::write(data("customers_gbk.csv"), encode(encoding_rs::GBK, &excel)).expect("write");
    let gb18030 = csv_text(zh, &customer_rows(true), "\r\n");
    std::fs::write(data("customers_gb18030.csv"), encode(encoding_rs::GB18030, &gb18030))
        .expect("write");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(excel.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(data("customers_utf16.csv"), &utf16).expect("write");
    let transactions: Vec<&[&str]> = TRANSACTIONS.iter().map(<[&str; 6]>::as_slice).collect();
    let text = csv_text(&TRANSACTION_HEADERS_ZH, &transactions, "\r\n");
    std::fs::write(data("transactions_gbk.csv"), encode(encoding_rs::GBK, &text)).expect("write");

    let mut book = rust_xlsxwriter::Workbook::new();
    book.set_properties(&fixed_properties());
    let sheet = book.add_worksheet().set_name("客户").expect("name");
    write_sheet_rows(sheet, zh, &customer_rows(false)).expect("cells");
    book.save(data("customers.xlsx")).expect("save");

    // Several sheets: a note first (not a table), then customers and sales.
    let mut book = rust_xlsxwriter::Workbook::new();
    book.set_properties(&fixed_properties());
    let note = book.add_worksheet().set_name("说明").expect("name");
    note.write_string(0, 0, "2026 年客户与销售台账").expect("cell");
    note.write_string(1, 0, "第二张表是客户，第三张表是销售记录。").expect("cell");
    let sheet = book.add_worksheet().set_name("客户").expect("name");
    write_sheet_rows(sheet, en, &customer_rows(false)).expect("cells");
    let sheet = book.add_worksheet().set_name("交易").expect("name");
    write_transaction_cells(sheet).expect("cells");
    book.save(data("ledger_sheets.xlsx")).expect("save");
}

/// Imports `file` as `kind` into a new database (`extra` arguments added)
/// and returns the database; every column must be recognised.
fn import_new(dir: &Path, name: &str, kind: &str, file: &Path, extra: &[&str]) -> PathBuf {
    let db = init(dir, name);
    let mut args = vec!["import", "--db", p(&db), "--kind", kind, "--input", p(file)];
    args.extend_from_slice(extra);
    let out = ladder(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{}: {stderr}", file.display());
    assert!(!stderr.contains("ignored columns"), "{}: {stderr}", file.display());
    db
}

#[test]
fn the_same_customers_in_every_encoding_and_as_xlsx_import_to_identical_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let reference =
        import_new(dir.path(), "utf8.db", "customers", &data("customers_utf8.csv"), &[]);
    let expected = export(&reference, "customers");
    let text = String::from_utf8(expected.clone()).expect("utf-8");
    assert_eq!(text.lines().filter(|l| l.starts_with("C-0") || l.contains(",C-0")).count(), 8);
    assert!(text.contains("广州白云电器有限公司"), "{text}");
    assert!(text.contains("备注里有逗号,和\"\"引号\"\""), "{text}");
    for (file, encoding) in [
        ("customers_utf8_bom.csv", "auto"),
        ("customers_gbk.csv", "auto"),
        ("customers_gbk.csv", "gbk"),
        ("customers_gbk.csv", "gb18030"),
        ("customers_utf16.csv", "auto"),
        ("customers.xlsx", "auto"),
    ] {
        let db = import_new(
            dir.path(),
            &format!("{file}-{encoding}.db"),
            "customers",
            &data(file),
            &["--encoding", encoding],
        );
        assert_eq!(
            String::from_utf8(export(&db, "customers")).expect("utf-8"),
            text,
            "{file} read as {encoding}"
        );
    }

    // The GB18030 file has one more customer, whose name GBK cannot write.
    let db = import_new(dir.path(), "gb18030.db", "customers", &data("customers_gb18030.csv"), &[]);
    let got = String::from_utf8(export(&db, "customers")).expect("utf-8");
    let extra = got.strip_prefix(text.as_str()).expect("the same eight customers first");
    assert!(extra.starts_with("𠀀记茶庄,C-0009,organisation,零售,other,"), "{extra}");
    assert_eq!(extra.lines().count(), 1, "{extra}");
}

#[test]
fn a_gbk_sales_file_and_a_workbook_sheet_import_the_same_transactions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = import_new(dir.path(), "gbk.db", "customers", &data("customers_gbk.csv"), &[]);
    let out = ok(&[
        "import",
        "--db",
        p(&db),
        "--kind",
        "transactions",
        "--input",
        p(&data("transactions_gbk.csv")),
    ]);
    assert!(out.contains("imported 7 rows"), "{out}");
    let from_csv = String::from_utf8(export(&db, "transactions")).expect("utf-8");
    let rows: Vec<&str> = from_csv.lines().skip(1).collect();
    assert_eq!(
        rows,
        [
            "C-0001,2026-03-01,1234.50,SO-0001,碎纸机,2",
            "C-0002,2026-03-02,88.00,SO-0002,打印纸,10",
            "C-0001,2026-03-03,999.99,SO-0003,办公椅,1",
            "C-0004,2026-03-15,-20.00,SO-0002-R,打印纸（退货）,",
            "C-0006,2026-04-01,12000.00,SO-0004,空调 5 匹,1",
            "C-0003,2026-04-02,0.50,,笔,3",
            "C-0005,2026-12-31,12345.67,SO-0005,\"会议桌,长 2 米\",1",
        ]
    );

    // The workbook: the first sheet is a note, so the sheets are chosen.
    let book = data("ledger_sheets.xlsx");
    let db = init(dir.path(), "book.db");
    let out = ladder(&["import", "--db", p(&db), "--kind", "customers", "--input", p(&book)]);
    assert_eq!(out.status.code(), Some(1), "the first sheet is not a table");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("header row"), "{stderr}");
    for (kind, sheet) in [("customers", "客户"), ("transactions", "交易")] {
        let args =
            ["import", "--db", p(&db), "--kind", kind, "--input", p(&book), "--sheet", sheet];
        ok(&args);
    }
    let customers = export(&db, "customers");
    assert_eq!(
        customers,
        export(
            &import_new(dir.path(), "u.db", "customers", &data("customers_utf8.csv"), &[]),
            "customers"
        )
    );
    assert_eq!(String::from_utf8(export(&db, "transactions")).expect("utf-8"), from_csv);
}

// ---------------------------------------------------------------------------
// The malformed-file corpus in `tests/data/bad/` (its README.md is the
// manifest the test reads).

/// A file of the corpus that is made by the test instead of committed.
const GENERATED: &[&str] = &["cell_1mb.csv"];

/// Deterministic junk: a linear congruential generator's high bytes.
fn junk(len: usize, seed: u32) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            x.to_be_bytes()[0]
        })
        .collect()
}

/// A workbook with one sheet of `rows` (strings; a cell `=F|R` is the
/// formula F whose last result was R; a cell `#D:N` is the number N as a
/// date cell; a cell `#N:N` is the number N).
fn workbook(rows: &[&[&str]]) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Formula, Workbook};
    let mut book = Workbook::new();
    book.set_properties(&fixed_properties());
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r).expect("few");
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).expect("few");
            if let Some(formula) = cell.strip_prefix('=') {
                let (formula, result) = formula.split_once('|').expect("formula|result");
                let formula = Formula::new(format!("={formula}")).set_result(result);
                sheet.write_formula(r, c, formula).expect("cell");
            } else if let Some(serial) = cell.strip_prefix("#D:") {
                let serial: f64 = serial.parse().expect("number");
                sheet.write_number_with_format(r, c, serial, &date).expect("cell");
            } else if let Some(number) = cell.strip_prefix("#N:") {
                sheet.write_number(r, c, number.parse::<f64>().expect("number")).expect("cell");
            } else if !cell.is_empty() {
                sheet.write_string(r, c, *cell).expect("cell");
            }
        }
    }
    book.save_to_buffer().expect("save")
}

/// Every committed file of the corpus, by name.
fn bad_files() -> Vec<(&'static str, Vec<u8>)> {
    let t = |s: &str| s.as_bytes().to_vec();
    let sales = "customer_code,date,amount\n";
    let people = "code,name,phone,email\n";
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        ("empty.csv", Vec::new()),
        ("header_only.csv", t("customer_code,date,amount\r\n")),
        ("whitespace_rows.csv", t("customer_code,date,amount\n  ,  , \n,,\n   \n\t,\t,\t\n")),
        ("binary_junk.csv", junk(4096, 7)),
        ("csv_named.xlsx", t("code,name\nC-2001,张三\n")),
        (
            "ragged_short.csv",
            t("customer_code,date,amount,product\nC-0001,2026-03-01,10,笔\nC-0001,2026-03-02\n"),
        ),
        ("ragged_long.csv", t(&format!("{sales}C-0001,2026-03-01,1,234.50\n"))),
        ("date_feb30.csv", t(&format!("{sales}C-0001,2026-02-30,10\n"))),
        ("date_31_31.csv", t(&format!("{sales}C-0001,31/31/2026,10\n"))),
        ("date_text.csv", t(&format!("{sales}C-0001,下周一,10\n"))),
        ("date_year_9999.csv", t(&format!("{sales}C-0001,9999-12-31,10\n"))),
        ("date_year_0026.csv", t(&format!("{sales}C-0001,0026-03-01,10\n"))),
        ("amount_3_decimals.csv", t(&format!("{sales}C-0001,2026-03-01,12.345\n"))),
        ("amount_letters.csv", t(&format!("{sales}C-0001,2026-03-01,12O.50\n"))),
        (
            "quantity_negative.csv",
            t("customer_code,date,amount,quantity\nC-0001,2026-03-01,10,-2\n"),
        ),
        (
            "unknown_customer.csv",
            t(&format!("{sales}C-0001,2026-03-01,10\nC-9999,2026-03-01,10\n")),
        ),
        ("customer_code_spaces.csv", t(&format!("{sales}C 0001,2026-03-01,10\n"))),
        (
            "duplicate_codes_in_file.csv",
            t(&format!("{people}C-2001,张三,,\nC-2002,李四,,\nC-2001,王五,,\n")),
        ),
        ("duplicate_code_in_db.csv", t(&format!("{people}C-2001,张三,,\nC-0001,广州白云,,\n"))),
        ("duplicate_person_in_db.csv", t(&format!("{people},张伟,13800138000,\n"))),
        ("long_name.csv", t(&format!("{people}C-2001,{},,\n", "长".repeat(201)))),
        ("long_code.csv", t(&format!("{people}{},张三,,\n", "C".repeat(40)))),
        ("bad_email.csv", t(&format!("{people}C-2001,张三,,zhang@\n"))),
        ("bad_phone.csv", t(&format!("{people}C-2001,张三,call me,\n"))),
        ("unknown_customer_kind.csv", t("code,name,kind\nC-2001,张三,机构\n")),
        (
            "mixed_eol_unclosed_quote.csv",
            t("customer_code,date,amount,product\r\nC-0001,2026-03-01,10,笔\n\
               C-0002,2026-03-02,20,\"打印纸\rC-0003,2026-03-03,30,本\r\nC-0004,2026-03-04,40,尺\n"),
        ),
        (
            "unclosed_quote_at_end.csv",
            t(&format!("{sales}C-0001,2026-03-01,10\nC-0002,2026-03-02,\"20.00\n")),
        ),
        (
            "nul_in_cell.csv",
            t(
                "customer_code,date,amount,product\nC-0001,2026-03-01,10,笔\nC-0001,2026-03-02,10,纸\0巾\n",
            ),
        ),
        ("control_character.csv", t(&format!("{people}C-2001,张\u{7}三,,\n"))),
        (
            "bom_in_the_middle.csv",
            t(&format!(
                "\u{feff}{sales}C-0001,2026-03-01,10\n\u{feff}{sales}C-0002,2026-03-02,20\n"
            )),
        ),
        ("replacement_character.csv", t(&format!("{people}C-2001,张\u{fffd}三,,\n"))),
        ("missing_required_column.csv", t("customer_code,date,product\nC-0001,2026-03-01,笔\n")),
        (
            "duplicate_header.csv",
            t("customer_code,date,date,amount\nC-0001,2026-03-01,2026-03-02,10\n"),
        ),
        ("blank_header.csv", t("customer_code,date,,product\nC-0001,2026-03-01,10,笔\n")),
        (
            "complaint_resolved_before_received.csv",
            t(
                "received_at,customer_code,kind,resolved_at\n2026-03-02 10:00,C-0001,complaint,2026-03-01 09:00\n",
            ),
        ),
        (
            "complaint_date_without_time.csv",
            t("received_at,customer_code,kind\n2026-03-02,C-0001,query\n"),
        ),
        ("survey_level_6.csv", t("customer_code,date,expected,perceived\nC-0001,2026-03-01,4,6\n")),
        (
            "ac_check_temperature_285.csv",
            t("date,time,area,reference_temp_c,ac_on\n2026-07-01,09:30,财务部,285,是\n"),
        ),
        (
            "activity_unknown_opportunity.csv",
            t("customer_code,date,kind,opportunity\nC-0001,2026-03-01,call,99\n"),
        ),
    ];
    // Excel on Chinese Windows: GBK, CRLF, Chinese headers.
    let gbk = |s: &str| encode(encoding_rs::GBK, s);
    files.push(("gbk_declared_utf8.csv", gbk("客户编号,客户名称\r\nC-2001,张三\r\n")));
    files.push(("gbk_rows_declared_utf8.csv", gbk("code,name\r\nC-2001,张三\r\n")));
    files.push((
        "gbk_chinese_headers_bad_amount.csv",
        gbk("客户编号,交易日期,金额（元）\r\nC-0001,2026/3/1,10\r\nC-0001,2026/3/2,1.234\r\n"),
    ));
    files.push(("utf8_declared_gbk.csv", t("code,name\nC-2001,张三\nC-2002,李四\n")));
    let mut invalid = t("code,name\nC-2001,张三\nC-2002,李四\nC-2003,王");
    invalid.push(0xFF);
    invalid.extend_from_slice("五\n".as_bytes());
    files.push(("utf8_invalid_byte.csv", invalid));
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend(junk(2048, 11));
    files.push(("picture_renamed.csv", png));
    let xlsx = std::fs::read(data("customers.xlsx")).expect("fixture");
    files.push(("truncated.xlsx", xlsx[..xlsx.len() * 3 / 5].to_vec()));
    files.push((
        "excel_error_na.xlsx",
        workbook(&[&["code", "name"], &["C-2001", "=VLOOKUP(1,A1:A2,2,FALSE)|#N/A"]]),
    ));
    files.push((
        "excel_error_div0.xlsx",
        workbook(&[&["customer_code", "date", "amount"], &["C-0001", "#D:46082", "=1/0|#DIV/0!"]]),
    ));
    files.push((
        "excel_serial_out_of_range.xlsx",
        workbook(&[&["customer_code", "date", "amount"], &["C-0001", "#D:3000000", "#N:10"]]),
    ));
    files.push((
        "excel_serial_zero.xlsx",
        workbook(&[&["customer_code", "date", "amount"], &["C-0001", "#D:0", "#N:10"]]),
    ));
    files
}

/// Writes the corpus into `tests/data/bad/`. Run by hand after changing it:
/// `cargo test --test import_files -- --ignored write_bad_corpus`.
#[test]
#[ignore = "writes tests/data/bad; run by hand"]
fn write_bad_corpus() {
    let dir = data("bad");
    std::fs::create_dir_all(&dir).expect("mkdir");
    for (name, bytes) in bad_files() {
        std::fs::write(dir.join(name), bytes).expect("write");
    }
}

/// One row of the manifest `tests/data/bad/README.md`.
#[derive(Debug)]
struct BadCase {
    file: String,
    generated: bool,
    kind: String,
    flags: Vec<String>,
    at: String,
    what: String,
}

/// The manifest's table.
fn bad_cases() -> Vec<BadCase> {
    let manifest = std::fs::read_to_string(data("bad/README.md")).expect("manifest");
    let unquote = |cell: &str| cell.trim().trim_matches('`').to_owned();
    manifest
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            // No cell of the table holds a `|`.
            let cells: Vec<&str> = line.trim().trim_matches('|').split('|').collect();
            assert_eq!(cells.len(), 5, "{line}");
            let generated = cells[0].contains("*generated*");
            let file = unquote(cells[0].split(" (").next().expect("name"));
            let flags = unquote(cells[2]);
            BadCase {
                file,
                generated,
                kind: cells[1].trim().to_owned(),
                flags: flags.split_whitespace().map(str::to_owned).collect(),
                at: unquote(cells[3]),
                what: unquote(cells[4]),
            }
        })
        .collect()
}

/// The bytes of the database file and of its WAL (if any).
fn db_bytes(db: &Path) -> (Vec<u8>, Option<Vec<u8>>) {
    (std::fs::read(db).expect("read db"), std::fs::read(beside(db, "-wal")).ok())
}

/// Runs `ladder` with a time limit, so that a hang fails the test.
fn ladder_within(args: &[String], seconds: u64) -> Output {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(common::BIN)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ladder");
    let mut stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        stderr.read_to_end(&mut text).map(|_| text)
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().expect("kill");
            panic!("{args:?} did not finish within {seconds} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let mut stdout = Vec::new();
    child.stdout.take().expect("stdout").read_to_end(&mut stdout).expect("stdout");
    Output { status, stdout, stderr: reader.join().expect("reader").expect("stderr") }
}

#[test]
fn every_malformed_file_is_refused_saying_where_and_the_database_is_untouched() {
    let cases = bad_cases();
    let dir = tempfile::tempdir().expect("tempdir");
    // Every committed file is in the manifest, and the other way round.
    let mut listed: Vec<&str> =
        cases.iter().filter(|c| !c.generated).map(|c| c.file.as_str()).collect();
    listed.sort_unstable();
    listed.dedup();
    let mut present: Vec<String> = std::fs::read_dir(data("bad"))
        .expect("corpus")
        .map(|e| e.expect("entry").file_name().into_string().expect("name"))
        .filter(|name| name != "README.md")
        .collect();
    present.sort_unstable();
    assert_eq!(listed, present, "tests/data/bad and its README.md");
    assert!(listed.len() + GENERATED.len() >= 30, "{} files", listed.len());

    let big = dir.path().join("cell_1mb.csv");
    std::fs::write(&big, format!("code,name,notes\nC-2001,张三,{}\n", "x".repeat(1 << 20)))
        .expect("write");
    let base = init(dir.path(), "base.db");
    ok(&[
        "import",
        "--db",
        p(&base),
        "--kind",
        "customers",
        "--input",
        p(&data("customers_utf8.csv")),
    ]);
    std::fs::remove_dir_all(dir.path().join("base.backups")).expect("the import's backup");
    let before = db_bytes(&base);
    assert!(before.1.is_none(), "the WAL is checkpointed when ladder exits");

    for case in &cases {
        let input = if case.generated {
            assert!(GENERATED.contains(&case.file.as_str()), "{}", case.file);
            dir.path().join(&case.file)
        } else {
            data("bad").join(&case.file)
        };
        let mut args: Vec<String> =
            ["import", "--db", p(&base), "--kind", &case.kind, "--input", p(&input)]
                .iter()
                .map(|s| (*s).to_owned())
                .collect();
        args.extend(case.flags.iter().cloned());
        let out = ladder_within(&args, 30);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let name = format!("{} {:?}", case.file, case.flags);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        let at = format!("{}{}", input.display(), case.at);
        assert!(stderr.contains(&at), "{name}: expected {at:?} in\n{stderr}");
        assert!(stderr.contains(&case.what), "{name}: expected {:?} in\n{stderr}", case.what);
        assert!(stderr.contains("nothing was imported"), "{name}: {stderr}");
        assert!(out.stdout.is_empty(), "{name}: {}", String::from_utf8_lossy(&out.stdout));
        assert!(db_bytes(&base) == before, "{name}: the database changed");
        assert!(!dir.path().join("base.backups").exists(), "{name}: a backup was written");
    }
}
