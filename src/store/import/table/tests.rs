//! Tests of the row sources: reading ahead on a thread, CSV encodings,
//! spreadsheet cells as text.

use super::*;
use crate::domain::import::{ParsedRow, map_columns, parse_row};

fn rows(source: &mut dyn RowSource) -> Vec<(usize, Vec<String>)> {
    std::iter::from_fn(|| source.next_row()).map(|r| r.expect("row reads")).collect()
}

/// Rows from a list, then an error if there is one.
struct Listed {
    rows: std::vec::IntoIter<(usize, Vec<String>)>,
    error: Option<ReadError>,
}

impl RowSource for Listed {
    fn headers(&self) -> &[String] {
        &[]
    }

    fn next_row(&mut self) -> Option<Result<(usize, Vec<String>), ReadError>> {
        match self.rows.next() {
            Some(row) => Some(Ok(row)),
            None => self.error.take().map(Err),
        }
    }
}

#[test]
fn a_reading_thread_that_panics_ends_the_rows_with_an_error_not_as_if_the_file_ended() {
    // Far more rows than are read ahead, so that the reading thread is
    // still reading when it is given `prepare`.
    let n = READ_AHEAD_ROWS * (READ_AHEAD_BATCHES + 6);
    let rows: Vec<(usize, Vec<String>)> = (0..n).map(|i| (i + 2, vec![i.to_string()])).collect();
    let source = Listed { rows: rows.into_iter(), error: None };
    let bad = (n - 10).to_string();
    let items = read_ahead(Box::new(source), |ahead: &mut ReadAhead<'_, ()>| {
        ahead.prepare_with(Box::new(move |cells| {
            assert_ne!(cells[0], bad, "a bug in prepare");
            None
        }));
        std::iter::from_fn(|| ahead.next_item()).collect::<Vec<_>>()
    });
    // Rows before the panic (those of batches already handed over), in
    // order, then its error: never the end of the rows without one.
    let (last, before) = items.split_last().expect("items");
    assert!(before.len() < n - 10, "{} rows", before.len());
    for (i, item) in before.iter().enumerate() {
        assert!(matches!(item, Ok((row, Item::Cells(_))) if *row == i + 2), "{item:?}");
    }
    let Err(ReadError::Stopped(what)) = last else { panic!("{last:?}") };
    assert!(what.contains("a bug in prepare"), "{what}");
    let message = ReadError::Stopped(what.clone());
    assert!(message.to_string().contains("nothing was imported"), "{message}");
    assert!(message.text(Lang::Zh).contains("没有导入任何内容"));
}

#[test]
fn read_ahead_hands_over_every_row_in_order_as_cells_or_prepared() {
    let n = READ_AHEAD_ROWS * (READ_AHEAD_BATCHES + 12) + 7;
    let rows: Vec<(usize, Vec<String>)> = (0..n)
        .map(|i| (i + 2, vec![i.to_string(), if i % 3 == 0 { "ready" } else { "" }.into()]))
        .collect();
    let source = Listed { rows: rows.clone().into_iter(), error: Some(ReadError::NoHeader) };
    let items = read_ahead(Box::new(source), |ahead: &mut ReadAhead<'_, usize>| {
        // Rows read before the reading thread has a way to prepare them
        // come as cells.
        let first = ahead.next_item();
        ahead.prepare_with(Box::new(|cells| {
            (cells[1] == "ready").then(|| cells[0].parse().expect("a number"))
        }));
        first.into_iter().chain(std::iter::from_fn(|| ahead.next_item())).collect::<Vec<_>>()
    });
    assert_eq!(items.len(), n + 1, "every row, then the error");
    let mut prepared = 0;
    for (item, (row, cells)) in items.iter().zip(&rows) {
        let Ok((number, item)) = item else { panic!("{item:?}") };
        assert_eq!(number, row);
        match item {
            Item::Cells(got) => assert_eq!(got, cells),
            Item::Ready(i) => {
                assert_eq!(*i + 2, *row);
                assert_eq!(i % 3, 0, "only the rows `prepare` took");
                prepared += 1;
            }
        }
    }
    // At most READ_AHEAD_BATCHES + 2 batches were read before `prepare_with`.
    assert!(prepared >= READ_AHEAD_ROWS * 10 / 3, "{prepared} rows prepared");
    assert!(matches!(items[n], Err(ReadError::NoHeader)), "{:?}", items[n]);

    // A body that stops early stops the reading thread too.
    let source = Listed { rows: rows.into_iter(), error: None };
    let first = read_ahead(Box::new(source), |ahead: &mut ReadAhead<'_, ()>| ahead.next_item());
    assert!(matches!(first, Some(Ok((2, Item::Cells(_))))), "{first:?}");
}

#[test]
fn a_gbk_csv_with_chinese_headers_decodes_and_maps() {
    let text = "客户代码,日期,金额,备注\n\
                C-000001,2026/3/1,\"￥1,234.50\",张三的订单\n\
                ,,,\n\
                C-000002,2026年3月2日,88,\"两行\n备注\"\n\
                C-000003,20260303,-5\r\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("交易.csv");
    std::fs::write(&path, &gbk).expect("write");

    let mut source = open_csv(&path, EncodingChoice::Auto).expect("opens");
    assert_eq!(source.encoding().name(), "GBK");
    assert_eq!(source.headers(), ["客户代码", "日期", "金额", "备注"]);
    let rows = rows(&mut source);
    let numbers: Vec<usize> = rows.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, [2, 4, 5], "the empty row 3 is skipped but counted");
    assert_eq!(rows[0].1[3], "张三的订单");
    assert_eq!(rows[1].1[3], "两行\n备注");
    assert_eq!(rows[2].1.len(), 3, "a short row stays short");

    let mapping =
        map_columns(crate::domain::import::ImportKind::Transactions, source.headers(), &[])
            .expect("maps");
    assert_eq!(mapping.unknown_columns(), ["备注"]);
    let parsed = parse_row(&mapping, rows[0].0, &rows[0].1).expect("parses");
    assert!(matches!(parsed, ParsedRow::Transaction { amount_cents: 123_450, .. }), "{parsed:?}");
    let parsed = parse_row(&mapping, rows[2].0, &rows[2].1).expect("parses");
    assert!(matches!(parsed, ParsedRow::Transaction { amount_cents: -500, .. }));
}

#[test]
fn utf8_bom_and_utf16_csv() {
    let text = "客户代码,日期,金额\nC-1,2026-03-01,10\n";
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend_from_slice(text.as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    for (bytes, name) in [(utf8, "UTF-8"), (utf16, "UTF-16LE")] {
        let mut source =
            CsvSource::new(io::Cursor::new(bytes), EncodingChoice::Auto).expect("opens");
        assert_eq!(source.encoding().name(), name);
        assert_eq!(source.headers(), ["客户代码", "日期", "金额"], "no BOM in the header");
        assert_eq!(rows(&mut source), [(2, vec!["C-1".into(), "2026-03-01".into(), "10".into()])]);
    }
}

#[test]
fn an_invalid_byte_with_utf8_chosen_names_the_line() {
    let mut bytes = b"code,name\nC-1,ok\nC-2,".to_vec();
    bytes.extend_from_slice(&encoding_rs::GBK.encode("张三").0);
    bytes.push(b'\n');
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.csv");
    std::fs::write(&path, &bytes).expect("write");

    let mut source = open_csv(&path, EncodingChoice::Utf8).expect("header is fine");
    assert_eq!(rows_until_error(&mut source), 1);
    assert!(source.next_row().is_none(), "no rows after an error");

    let mut source = open_csv(&path, EncodingChoice::Utf8).expect("opens again");
    let message = loop {
        match source.next_row() {
            Some(Ok(_)) => {}
            Some(Err(e)) => break e.to_string(),
            None => panic!("expected an error"),
        }
    };
    assert!(
        message.starts_with("row 3, line 3, byte offset 21: not valid UTF-8 (bytes D5)"),
        "{message}"
    );
}

fn rows_until_error(source: &mut dyn RowSource) -> usize {
    let mut count = 0;
    while let Some(row) = source.next_row() {
        match row {
            Ok(_) => count += 1,
            Err(ReadError::Decode { row, error }) => {
                assert_eq!((row, error.line), (3, 3));
                return count;
            }
            Err(e) => panic!("unexpected error {e}"),
        }
    }
    panic!("expected an error")
}

#[test]
fn an_empty_csv_has_no_header() {
    assert!(matches!(
        CsvSource::new(io::Cursor::new(b""), EncodingChoice::Auto),
        Err(ReadError::NoHeader)
    ));
}

#[test]
fn xlsx_dates_and_numbers_read_back_as_text() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("book.xlsx");
    let mut book = Workbook::new();
    book.add_worksheet().set_name("说明").expect("name");
    let sheet = book.add_worksheet();
    sheet.set_name("交易").expect("name");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let time = Format::new().set_num_format("hh:mm");
    let headers = ["客户代码", "日期", "金额", "数量", "受理时间", "时间", "备注"];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    let day = ExcelDateTime::from_ymd(2026, 3, 1).expect("date");
    let at = ExcelDateTime::parse_from_str("2026-03-01 10:30:15").expect("date-time");
    let clock = ExcelDateTime::from_hms(9, 30, 0).expect("time");
    sheet.write_string(1, 0, "C-000001").expect("cell");
    sheet.write_datetime_with_format(1, 1, &day, &date).expect("cell");
    sheet.write_number(1, 2, 1234.5).expect("cell");
    sheet.write_number(1, 3, 3.0).expect("cell");
    sheet.write_datetime_with_format(1, 4, &at, &datetime).expect("cell");
    sheet.write_datetime_with_format(1, 5, &clock, &time).expect("cell");
    sheet.write_boolean(1, 6, true).expect("cell");
    sheet.write_number(3, 2, 0.1 + 0.2).expect("cell");
    sheet.write_number(3, 3, -0.0).expect("cell");
    sheet.write_number(3, 4, 1e20).expect("cell");
    book.save(&path).expect("save");

    assert_eq!(sheet_names(&path).expect("names"), ["说明", "交易"]);
    let mut source = open_sheet(&path, Some("交易")).expect("opens");
    assert_eq!(source.headers(), headers);
    let rows = rows(&mut source);
    let text = |r: usize| rows[r].1.iter().map(String::as_str).collect::<Vec<_>>();
    assert_eq!(rows[0].0, 2);
    assert_eq!(
        text(0),
        ["C-000001", "2026-03-01", "1234.5", "3", "2026-03-01 10:30:15", "09:30:00", "true"]
    );
    assert_eq!(rows[1].0, 4, "the empty row 3 is skipped");
    assert_eq!(text(1), ["", "", "0.3", "0", "100000000000000000000", "", ""]);

    let mapping =
        map_columns(crate::domain::import::ImportKind::Transactions, source.headers(), &[])
            .expect("maps");
    let parsed = parse_row(&mapping, rows[0].0, &rows[0].1).expect("parses");
    assert!(
        matches!(parsed, ParsedRow::Transaction { amount_cents: 123_450, quantity: Some(3.0), .. }),
        "{parsed:?}"
    );

    let first = open_sheet(&path, None).err().expect("the first sheet is empty");
    assert!(matches!(first, ReadError::NoHeader), "{first}");
    let error = open_sheet(&path, Some("nope")).err().expect("no such sheet");
    assert_eq!(error.to_string(), r#"there is no sheet "nope"; the sheets are "说明", "交易""#);
    assert!(open_sheet(&path, Some(" 交易 ")).is_ok(), "names are matched loosely");
}

#[test]
fn open_picks_the_reader_by_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("a.CSV");
    std::fs::write(&csv, "code,name\nC-1,A\n").expect("write");
    let mut source = open(&csv, EncodingChoice::Auto, None).expect("opens");
    assert_eq!(source.headers(), ["code", "name"]);
    assert_eq!(rows(source.as_mut()).len(), 1);
    let other = dir.path().join("a.pdf");
    assert!(matches!(open(&other, EncodingChoice::Auto, None), Err(ReadError::UnknownType(_))));
}

#[test]
fn numbers_are_written_exactly() {
    for (value, text) in [
        (1234.5, "1234.5"),
        (1234.0, "1234"),
        (1234.56, "1234.56"),
        (0.1 + 0.2, "0.3"),
        (-20.0, "-20"),
        (123_456_789.12, "123456789.12"),
        (-0.0, "0"),
    ] {
        assert_eq!(number_text(value), text, "{value}");
    }
    assert_eq!(iso_duration_text("PT10H30M00S"), "10:30:00");
    assert_eq!(iso_datetime_text("2026-03-01T00:00:00"), "2026-03-01");
    assert_eq!(iso_datetime_text("2026-03-01T10:30:00.000"), "2026-03-01 10:30:00");
}

#[test]
fn a_streamed_sheet_keeps_the_used_columns_and_the_sheets_row_numbers() {
    use rust_xlsxwriter::Workbook;

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("offset.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    // The table starts at B3; a note to the right of it in E6; row 5 is
    // formatted but empty.
    sheet.write_string(2, 1, "code").expect("cell");
    sheet.write_string(2, 2, "name").expect("cell");
    sheet.write_string(3, 1, "C-1").expect("cell");
    sheet.write_string(3, 2, "张三").expect("cell");
    sheet.write_blank(4, 1, &rust_xlsxwriter::Format::new().set_bold()).expect("cell");
    sheet.write_string(5, 1, "C-2").expect("cell");
    sheet.write_string(5, 4, "note").expect("cell");
    book.save(&path).expect("save");

    let mut source = open_sheet(&path, None).expect("opens");
    assert_eq!(source.headers(), ["code", "name", "", ""], "as wide as the used columns B:E");
    assert_eq!(
        rows(&mut source),
        [
            (4, vec!["C-1".to_owned(), "张三".into(), String::new(), String::new()]),
            (6, vec!["C-2".to_owned(), String::new(), String::new(), "note".into()]),
        ]
    );
}

#[test]
fn a_far_cell_is_refused_with_its_row_and_column_in_both_languages() {
    use rust_xlsxwriter::Workbook;

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("far.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "code").expect("cell");
    sheet.write_string(9, u16::try_from(MAX_COLUMNS).expect("fits"), "x").expect("cell");
    book.save(&path).expect("save");
    let error = open_sheet(&path, None).err().expect("refused");
    // (rust_xlsxwriter writes the dimension A1:AMK10, which says it first.)
    assert!(error.to_string().starts_with("row 10, column AMK: the sheet says"), "{error}");
    assert!(error.text(Lang::Zh).starts_with("第 10 行，AMK 列："), "{}", error.text(Lang::Zh));
    assert_eq!(workbook::column_name(0), "A");
    assert_eq!(workbook::column_name(16_383), "XFD");
}

#[test]
fn csv_cells_and_headers_are_trimmed_and_rows_of_blanks_skipped() {
    // ASCII blanks, a tab, a form feed and the ideographic space (U+3000)
    // that Chinese input methods type; a quoted cell is trimmed outside and
    // inside its quotes alike; a row of blank cells is no row.
    let text = " 客户代码 ,\t日期\u{3000}, 金额\n\
                \u{3000}C-1 ,\x0c2026-03-01\t,\" 10 \"\n\
                 , \t ,\u{3000}\n\
                C-2,2026-03-02,  \n";
    let mut source =
        CsvSource::new(io::Cursor::new(text.as_bytes()), EncodingChoice::Utf8).expect("opens");
    assert_eq!(source.headers(), ["客户代码", "日期", "金额"]);
    assert_eq!(
        rows(&mut source),
        [
            (2, vec!["C-1".into(), "2026-03-01".into(), "10".into()]),
            (4, vec!["C-2".into(), "2026-03-02".into(), String::new()]),
        ]
    );
}
