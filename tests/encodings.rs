//! `--encoding auto` decides for the whole file (valid UTF-8 is UTF-8,
//! otherwise GB18030 when that decodes it, a file that mixes the two is
//! refused naming the line), so Ladder's own GBK exports import back
//! unchanged and nothing is stored garbled (issue 16, item 1).

mod common;

use std::path::Path;

use common::{init, ladder, ok, p, stderr};
use ladder::store::import::EncodingChoice;
use ladder::store::import::table::{CsvSource, RowSource};

/// Imports `names` as customers into a new database, exports them in GBK,
/// imports that file with `--encoding auto` into another new database and
/// returns both customer lists.
fn gbk_round_trip(dir: &Path, names: &[&str]) -> (String, String) {
    let db = init(dir, "from.db");
    let csv = dir.join("names.csv");
    let rows: String =
        names.iter().enumerate().map(|(i, n)| format!("{n},C-{}\n", i + 1)).collect();
    common::import_customers(&db, &csv, &format!("name,code\n{rows}"));
    let gbk = dir.join("gbk.csv");
    ok(&["export", "--db", p(&db), "--table", "customers", "--out", p(&gbk), "--encoding", "gbk"]);
    let again = init(dir, "again.db");
    ok(&["import", "--db", p(&again), "--kind", "customers", "--input", p(&gbk)]);
    (ok(&["customers", "--db", p(&db)]), ok(&["customers", "--db", p(&again)]))
}

#[test]
fn own_gbk_exports_of_names_whose_gbk_bytes_look_like_utf8_import_back_unchanged() {
    for names in [&["郑爽"][..], &["袁隆平"], &["郑爽", "袁隆平"], &["张三", "郑爽", "袁隆平"]]
    {
        let dir = tempfile::tempdir().expect("tempdir");
        let (before, after) = gbk_round_trip(dir.path(), names);
        assert_eq!(after, before, "{names:?}");
        assert!(after.contains(names[0]), "{after}");
    }
}

/// Common surnames and given names, all in GB2312.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "爽", "隆平", "建国", "美玲", "梅", "蒙",
    "冬梅", "海燕", "志强", "玉兰", "婷", "欣怡", "子涵", "浩然", "雨轩",
];

/// One-row files as `ladder export --encoding gbk` writes them (the
/// English header, then the row in GBK), for every surname and given name
/// above: each reads back as GBK text under `auto`, never as UTF-8 mojibake.
#[test]
fn one_row_gbk_files_of_common_names_read_back_as_written() {
    let header = "code,name,kind,industry,source,grade,phone,email,address,credit_rating,\
                  ladder_step,notes\n";
    let mut tried = 0;
    for surname in SURNAMES.chars() {
        for given in GIVEN {
            let name = format!("{surname}{given}");
            let text = format!("{header}C-1,{name},individual,,other,,,,,,prospect,\n");
            let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
            assert!(!unmappable, "{name}");
            let input = std::io::Cursor::new(gbk.into_owned());
            let mut source = CsvSource::new(input, EncodingChoice::Auto).expect("opens");
            let row = source.next_row().expect("a row").expect("reads");
            assert_eq!(row.1[1], name, "read as {}", source.encoding().name());
            tried += 1;
        }
    }
    assert!(tried > 3_000, "{tried}");
}

/// A file of GBK rows followed by UTF-8 rows is refused, naming the line
/// where the text changes, and nothing is imported.
#[test]
fn a_file_of_gbk_rows_then_utf8_rows_is_refused_naming_the_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path(), "d.db");
    let mut bytes = b"name,code\n".to_vec();
    bytes.extend_from_slice(&encoding_rs::GBK.encode("郑爽,C-1\n王芳,C-2\n").0);
    bytes.extend_from_slice("张三,C-3\n李四,C-4\n".as_bytes());
    let csv = dir.path().join("mixed.csv");
    std::fs::write(&csv, &bytes).expect("write");
    let before = std::fs::read(&db).expect("read");
    let out = ladder(&["import", "--db", p(&db), "--kind", "customers", "--input", p(&csv)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("line 4"), "{said}");
    assert!(said.contains("GBK") && said.contains("UTF-8"), "{said}");
    assert_eq!(std::fs::read(&db).expect("read"), before);
    assert_eq!(ok(&["customers", "--db", p(&db)]).lines().count(), 1, "no customers");
}

/// UTF-8 text (Chinese, and Latin letters whose bytes would also be GBK)
/// stays UTF-8, with or without a byte-order mark.
#[test]
fn utf8_files_read_as_utf8() {
    for text in ["name,code\n张三,C-1\n袁隆平,C-2\n", "name,code\n@Home Café,C-1\n"] {
        for bom in [&b""[..], b"\xEF\xBB\xBF"] {
            let mut bytes = bom.to_vec();
            bytes.extend_from_slice(text.as_bytes());
            let mut source =
                CsvSource::new(std::io::Cursor::new(bytes), EncodingChoice::Auto).expect("opens");
            assert_eq!(source.encoding().name(), "UTF-8");
            let row = source.next_row().expect("a row").expect("reads");
            assert!(text.contains(&row.1[0]), "{:?}", row.1);
        }
    }
}

/// A long stretch of ASCII, then GBK: the decision is the whole file's,
/// not its first 64 KiB's.
#[test]
fn gbk_after_a_long_ascii_stretch_is_read_as_gbk() {
    let mut text = String::from("name,code\n");
    for i in 0..5_000 {
        text.push_str(&format!("Customer number {i},C-{i}\n"));
    }
    text.push_str("袁隆平,C-X\n");
    let gbk = encoding_rs::GBK.encode(&text).0.into_owned();
    assert!(gbk.len() > 64 * 1024);
    let mut source =
        CsvSource::new(std::io::Cursor::new(gbk), EncodingChoice::Auto).expect("opens");
    let last = std::iter::from_fn(|| source.next_row()).last().expect("rows").expect("reads");
    assert_eq!(last.1[0], "袁隆平");
}
