//! Reading a file to import as a header row and rows of cell text: CSV
//! (streamed through the decoder, so a 1 GB file is never held whole) or a
//! spreadsheet (XLSX, XLSM, XLSB, XLS, ODS through `calamine`), whose typed
//! cells are written as the text the value parsers read.
//!
//! Row numbers are 1-based and the header is row 1 in CSV. In a CSV file a
//! row is a record: a cell with a line break does not shift the numbers, so
//! they are the rows Excel shows for a file Excel wrote. (Completely blank
//! lines, which Excel never writes, are skipped by the csv crate and not
//! counted; the crate's line positions cannot tell them apart reliably with
//! CRLF endings.) In a spreadsheet they are the sheet's own row numbers.
//! Rows whose cells are all empty (`,,,`) are skipped but counted.

use std::fs::File;
use std::io::{self, Read, Seek};
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use chrono::{NaiveDateTime, SubsecRound, Timelike};
use encoding_rs::Encoding;

use super::decode::{DecodeError, DecodingReader, EncodingChoice, SniffProblem};
use crate::domain::Lang;
use crate::store::db::SpecialFile;

mod scan;
mod workbook;
pub use workbook::{Beyond, MAX_CELL_BYTES, MAX_COLUMNS, MAX_ROWS};

/// A header row and then numbered rows of cell text (trimmed).
pub trait RowSource {
    /// The header row.
    fn headers(&self) -> &[String];
    /// The next non-empty row with its 1-based row number, `None` at the
    /// end. After an error there are no more rows.
    fn next_row(&mut self) -> Option<Result<(usize, Vec<String>), ReadError>>;
    /// The text encoding the file was read in (`None` for spreadsheets).
    fn encoding(&self) -> Option<&'static Encoding> {
        None
    }
}

/// Rows handed over from the reading thread at a time.
const READ_AHEAD_ROWS: usize = 4_096;
/// Batches read ahead before the reading thread waits.
const READ_AHEAD_BATCHES: usize = 8;

/// What the reading thread makes of a row, once it has been given a way
/// ([`ReadAhead::prepare_with`]): `Some` is handed over in the row's place.
pub type Prepare<P> = Box<dyn Fn(&[String]) -> Option<P> + Send + Sync>;

/// A row as [`ReadAhead::next_item`] gives it: its cells, or what the
/// reading thread made of them.
#[derive(Debug, PartialEq)]
pub enum Item<P> {
    Cells(Vec<String>),
    Ready(P),
}

/// Rows read ahead, their cells' text in one buffer (so that handing them
/// from one thread to the other frees two allocations, not one per cell).
struct Batch<P> {
    text: String,
    /// Where each cell's text ends in `text` (it starts where the last ended).
    ends: Vec<usize>,
    /// Each row's number and how many cells it has (`None`: the next of
    /// `ready` stands for it).
    rows: Vec<(usize, Option<usize>)>,
    /// The rows the reading thread prepared, in order.
    ready: std::collections::VecDeque<P>,
    /// The read error after the rows, if reading stopped at one.
    error: Option<ReadError>,
    /// The reading thread's last batch: the file ended, or stopped at
    /// `error`. (Without it, a channel closed means the thread died.)
    last: bool,
}

impl<P> Default for Batch<P> {
    fn default() -> Self {
        Self {
            text: String::new(),
            ends: Vec::new(),
            rows: Vec::new(),
            ready: std::collections::VecDeque::new(),
            error: None,
            last: false,
        }
    }
}

/// Runs `body` on `source` while another thread reads it ahead: decoding
/// the text and splitting it into cells takes one core, while `body`
/// (parsing, looking up and inserting the rows) takes the other. Rows come
/// out in the same order and with the same errors; when `body` returns
/// early the reading thread stops at its next batch. `body` can hand the
/// reading thread work of its own with [`ReadAhead::prepare_with`].
pub fn read_ahead<P: Send, T>(
    source: Box<dyn RowSource + Send>,
    body: impl FnOnce(&mut ReadAhead<'_, P>) -> T,
) -> T {
    let encoding = source.encoding();
    let prepare = std::sync::OnceLock::<Prepare<P>>::new();
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Batch<P>>(READ_AHEAD_BATCHES);
        let prepared = &prepare;
        scope.spawn(move || {
            let mut source = source;
            // A panic while reading (a bug) must not look like the end of
            // the file, or the rows read so far would be imported as if
            // they were all: it ends the rows with an error instead.
            let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                read_batches(source.as_mut(), prepared, &sender);
            }));
            if let Err(panic) = read {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(ToString::to_string)
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let error = Some(ReadError::Stopped(what));
                let _ = sender.send(Batch { error, last: true, ..Batch::default() });
            }
        });
        let mut ahead = ReadAhead {
            encoding,
            receiver,
            prepare: &prepare,
            batch: Batch::default(),
            next_row: 0,
            next_cell: 0,
        };
        body(&mut ahead)
    })
}

/// The reading thread of [`read_ahead`]: reads `source` to its end (or its
/// first error) in batches, the last one marked.
fn read_batches<P>(
    source: &mut (dyn RowSource + Send),
    prepare: &std::sync::OnceLock<Prepare<P>>,
    sender: &std::sync::mpsc::SyncSender<Batch<P>>,
) {
    let mut batch = Batch::default();
    while let Some(row) = source.next_row() {
        match row {
            Ok((row, cells)) => match prepare.get().and_then(|prepare| prepare(&cells)) {
                Some(ready) => {
                    batch.rows.push((row, None));
                    batch.ready.push_back(ready);
                }
                None => {
                    batch.rows.push((row, Some(cells.len())));
                    for cell in &cells {
                        batch.text.push_str(cell);
                        batch.ends.push(batch.text.len());
                    }
                }
            },
            Err(e) => {
                batch.error = Some(e);
                batch.last = true;
                break;
            }
        }
        if batch.rows.len() == READ_AHEAD_ROWS && sender.send(std::mem::take(&mut batch)).is_err() {
            return; // `body` is done with the rows.
        }
    }
    batch.last = true;
    // (A failed send means `body` stopped reading: nothing to do.)
    let _ = sender.send(batch);
}

/// The receiving end of [`read_ahead`].
pub struct ReadAhead<'a, P> {
    encoding: Option<&'static Encoding>,
    receiver: std::sync::mpsc::Receiver<Batch<P>>,
    prepare: &'a std::sync::OnceLock<Prepare<P>>,
    batch: Batch<P>,
    /// The next row of `batch` to give, and its first cell.
    next_row: usize,
    next_cell: usize,
}

impl<P> ReadAhead<'_, P> {
    /// From now on the reading thread runs `prepare` on each row, and
    /// hands over what it returns instead of the row's cells (rows read
    /// before, and rows it returns `None` for, come as cells). Only the
    /// first call counts.
    pub fn prepare_with(&self, prepare: Prepare<P>) {
        let _ = self.prepare.set(prepare);
    }

    /// The next row, as cells or as what the reading thread made of it.
    pub fn next_item(&mut self) -> Option<Result<(usize, Item<P>), ReadError>> {
        loop {
            if let Some(&(row, cells)) = self.batch.rows.get(self.next_row) {
                self.next_row += 1;
                let Some(cells) = cells else {
                    let ready = self.batch.ready.pop_front().expect("a prepared row for each");
                    return Some(Ok((row, Item::Ready(ready))));
                };
                let first = self.next_cell;
                self.next_cell += cells;
                let text = &self.batch.text;
                let mut start = if first == 0 { 0 } else { self.batch.ends[first - 1] };
                let cells = self.batch.ends[first..self.next_cell]
                    .iter()
                    .map(|&end| {
                        let cell = text[start..end].to_owned();
                        start = end;
                        cell
                    })
                    .collect();
                return Some(Ok((row, Item::Cells(cells))));
            }
            if let Some(e) = self.batch.error.take() {
                return Some(Err(e));
            }
            if self.batch.last {
                return None; // Everything was taken.
            }
            self.batch = self.receiver.recv().unwrap_or_else(|_| Batch {
                error: Some(ReadError::Stopped(String::new())),
                last: true,
                ..Batch::default()
            });
            (self.next_row, self.next_cell) = (0, 0);
        }
    }

    /// The text encoding the file was read in (`None` for spreadsheets).
    pub fn encoding(&self) -> Option<&'static Encoding> {
        self.encoding
    }
}

/// Why a file could not be read. Each message says where: the row (and
/// line), the header row, the sheet, or the file as a whole.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Bytes that are not valid in the encoding, in CSV row `row`.
    #[error("row {row}, {error}")]
    Decode { row: usize, error: DecodeError },
    #[error("cannot read the file: {0}")]
    Io(#[from] io::Error),
    #[error("row {row}: {message}")]
    Csv { row: usize, message: String },
    #[error("the workbook cannot be read (is it damaged or incomplete?): {0}")]
    Workbook(#[from] calamine::Error),
    /// A workbook beyond the bounds Ladder reads in: where, and which.
    #[error("{0}")]
    Beyond(#[from] Beyond),
    #[error("there is no sheet {name:?}; the sheets are {sheets}")]
    NoSuchSheet { name: String, sheets: String },
    #[error("the workbook has no sheets")]
    NoSheets,
    #[error("row 1 (the header row): the file is empty: the first row must name the columns")]
    NoHeader,
    #[error("unknown file type {0:?}: expected .csv, .txt, .xlsx, .xlsm, .xlsb, .xls or .ods")]
    UnknownType(String),
    /// A folder, a named pipe or a device: never opened (a pipe would
    /// wait for a writer forever).
    #[error("the whole file: {0}, not a file; choose a CSV or spreadsheet file")]
    NotAFile(SpecialFile),
    /// A file named like a workbook whose bytes are not one.
    #[error(
        "the whole file: named .{ext} but not a workbook{}",
        if *.text { " (it holds text: a CSV file with the wrong extension? rename it to .csv)" } else { "" }
    )]
    NotWorkbook { ext: String, text: bool },
    /// NUL bytes near the start: not a text file.
    #[error(
        "line {line}, byte offset {offset}: a NUL byte: the file holds binary data, not CSV text"
    )]
    Binary { line: u64, offset: u64 },
    /// UTF-8 text read as GBK or GB18030 would be garbled.
    #[error(
        "line {line}: the file is UTF-8 text, but it was to be read as {encoding}, which would \
         garble every Chinese character; choose UTF-8 or auto (--encoding utf-8)"
    )]
    Utf8AsGbk { encoding: &'static str, line: u64 },
    /// Lines in two encodings: part of the file would be garbled.
    #[error(
        "line {line}: the text changes from {from} to {to} here (line {first} is {from}): \
         the file mixes two encodings, so part of it would be garbled; save it again in one \
         encoding"
    )]
    Mixed { line: u64, first: u64, from: &'static str, to: &'static str },
    /// A quoted cell that runs to the end of the file.
    #[error(
        "row {row}, column {column}: the quoted cell that starts on line {line} is never closed \
         (a \" is missing), so it swallows the rest of the file"
    )]
    UnclosedQuote { row: usize, column: String, line: u64 },
    /// The reading thread failed (a bug): what it said, if anything.
    #[error("reading the file stopped before its end (an internal error{}{}); nothing was imported", if .0.is_empty() { "" } else { ": " }, .0)]
    Stopped(String),
}

impl From<SniffProblem> for ReadError {
    fn from(problem: SniffProblem) -> Self {
        match problem {
            SniffProblem::Binary { line, offset } => Self::Binary { line, offset },
            SniffProblem::Utf8AsGbk { encoding, line } => Self::Utf8AsGbk { encoding, line },
            SniffProblem::Mixed { line, first, from, to } => Self::Mixed { line, first, from, to },
        }
    }
}

impl ReadError {
    /// The message in `lang` (English is the `Display` text).
    pub fn text(&self, lang: Lang) -> String {
        super::in_language(self, lang, Self::zh)
    }

    /// The message in Chinese.
    fn zh(&self) -> String {
        match self {
            Self::Decode { row, error } => format!("第 {row} 行，{}", error.text(Lang::Zh)),
            Self::Io(e) => format!("无法读取文件：{e}"),
            Self::Csv { row, message } => format!("第 {row} 行：{message}"),
            Self::Workbook(e) => format!("无法读取工作簿（文件是否损坏或不完整？）：{e}"),
            Self::Beyond(beyond) => beyond.zh(),
            Self::NoSuchSheet { name, sheets } => {
                format!("没有名为 {name:?} 的工作表；工作表有 {sheets}")
            }
            Self::NoSheets => "工作簿中没有工作表".to_owned(),
            Self::NoHeader => "第 1 行（标题行）：文件是空的，第一行应为各列的标题".to_owned(),
            Self::UnknownType(name) => format!(
                "不认识的文件类型 {name:?}：应为 .csv、.txt、.xlsx、.xlsm、.xlsb、.xls 或 .ods"
            ),
            Self::NotAFile(special) => {
                format!("整个文件：这是{}，不是文件；请选择 CSV 或电子表格文件", special.zh())
            }
            Self::NotWorkbook { ext, text: true } => format!(
                "整个文件：扩展名是 .{ext}，但内容不是工作簿，而是文字（是不是扩展名错了的 CSV \
                 文件？请改为 .csv）"
            ),
            Self::NotWorkbook { ext, text: false } => {
                format!("整个文件：扩展名是 .{ext}，但内容不是工作簿")
            }
            Self::Binary { line, offset } => format!(
                "第 {line} 行，字节位置 {offset}：空字节，文件是二进制数据，不是 CSV 文字文件"
            ),
            Self::Utf8AsGbk { encoding, line } => format!(
                "第 {line} 行：文件是 UTF-8 文字，按 {encoding} 读取会使每个汉字变成乱码；请选择 \
                 UTF-8 或自动"
            ),
            Self::Mixed { line, first, from, to } => format!(
                "第 {line} 行：文字编码从这里由 {from} 变成了 {to}（第 {first} 行是 {from}），\
                 文件混用了两种编码，其中一部分会变成乱码；请用同一种编码重新保存文件"
            ),
            Self::UnclosedQuote { row, column, line } => format!(
                "第 {row} 行，{column}：从第 {line} 行开始的带引号单元格没有结束（缺少一个 \"），\
                 文件其余部分都被当成了这个单元格"
            ),
            Self::Stopped(what) => {
                let what = if what.is_empty() { String::new() } else { format!("：{what}") };
                format!("读取文件时中途停止（内部错误{what}），没有导入任何内容")
            }
        }
    }
}

/// The kinds of file [`open`] reads, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    Csv,
    Spreadsheet,
}

impl FileType {
    /// The type of `path` by its extension (case-insensitive).
    pub fn of(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "txt" => Some(Self::Csv),
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(Self::Spreadsheet),
            _ => None,
        }
    }
}

/// Opens `path` by its extension: CSV decoded with `encoding`, or a
/// spreadsheet's `sheet` (default: the first sheet; `encoding` is unused).
pub fn open(
    path: &Path,
    encoding: EncodingChoice,
    sheet: Option<&str>,
) -> Result<Box<dyn RowSource + Send>, ReadError> {
    if let Some(special) = SpecialFile::at(path) {
        return Err(ReadError::NotAFile(special));
    }
    match FileType::of(path) {
        Some(FileType::Csv) => Ok(Box::new(open_csv(path, encoding)?)),
        Some(FileType::Spreadsheet) => {
            check_workbook(path)?;
            Ok(Box::new(open_sheet(path, sheet)?))
        }
        None => Err(ReadError::UnknownType(path.display().to_string())),
    }
}

/// Refuses a file named like a workbook whose first bytes are neither a
/// zip archive (XLSX, XLSM, XLSB, ODS) nor an OLE compound file (XLS), with
/// a hint when it holds text (a CSV file with the wrong extension).
fn check_workbook(path: &Path) -> Result<(), ReadError> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    let mut head = Vec::with_capacity(512);
    File::open(path)?.take(512).read_to_end(&mut head)?;
    if head.starts_with(ZIP) || head.starts_with(OLE) {
        return Ok(());
    }
    // Text files have no NUL bytes; workbooks and other binary files do.
    let text = !head.is_empty() && !head.contains(&0);
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_owned();
    Err(ReadError::NotWorkbook { ext, text })
}

/// A CSV file: comma-separated, quoted fields may hold commas and line
/// breaks, rows may have fewer or more cells than the header.
pub struct CsvSource<R> {
    reader: csv::Reader<QuoteTracker<DecodingReader<R>>>,
    encoding: &'static Encoding,
    headers: Vec<String>,
    record: csv::StringRecord,
    row: usize,
    done: bool,
}

/// Opens a CSV file (see [`CsvSource::new`]).
pub fn open_csv(path: &Path, encoding: EncodingChoice) -> Result<CsvSource<File>, ReadError> {
    CsvSource::new(File::open(path)?, encoding)
}

impl<R: Read + Seek> CsvSource<R> {
    /// Reads the header row of `input`, decoded as `encoding` says.
    pub fn new(input: R, encoding: EncodingChoice) -> Result<Self, ReadError> {
        let decoded = DecodingReader::new(input, encoding)?;
        if let Some(problem) = decoded.problem() {
            return Err(problem.into());
        }
        let encoding = decoded.encoding();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            // Cells are trimmed as they are copied out: the csv crate's own
            // trimming builds two new records for every row (a fifth of the
            // reading thread's time on a big file).
            .trim(csv::Trim::None)
            .from_reader(QuoteTracker::new(decoded));
        let mut record = csv::StringRecord::new();
        if !reader.read_record(&mut record).map_err(|e| csv_error(e, 1))? {
            return Err(ReadError::NoHeader);
        }
        let headers = record.iter().map(|cell| cell.trim().to_owned()).collect();
        let mut source = Self { reader, encoding, headers, record, row: 1, done: false };
        source.check_quotes()?;
        Ok(source)
    }

    /// At the end of the file, a quoted cell still open is an error (the
    /// csv crate would end it there silently).
    fn check_quotes(&mut self) -> Result<(), ReadError> {
        let tracker = self.reader.get_ref();
        match tracker.unclosed() {
            Some((line, field)) => {
                let column = match self.headers.get(field) {
                    Some(header) if !header.is_empty() => header.clone(),
                    _ => format!("column {}", field + 1),
                };
                Err(ReadError::UnclosedQuote { row: self.row, column, line })
            }
            None => Ok(()),
        }
    }

    /// The encoding the file is read as (detected or chosen).
    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }
}

impl<R: Read + Seek> RowSource for CsvSource<R> {
    fn headers(&self) -> &[String] {
        &self.headers
    }

    fn encoding(&self) -> Option<&'static Encoding> {
        Some(self.encoding)
    }

    fn next_row(&mut self) -> Option<Result<(usize, Vec<String>), ReadError>> {
        while !self.done {
            self.row += 1;
            let read = self.reader.read_record(&mut self.record);
            if read.is_ok()
                && let Err(e) = self.check_quotes()
            {
                self.done = true;
                return Some(Err(e));
            }
            match read {
                Ok(false) => self.done = true,
                Ok(true) if self.record.iter().all(|cell| cell.trim().is_empty()) => {}
                Ok(true) => {
                    let cells = self.record.iter().map(|cell| cell.trim().to_owned()).collect();
                    return Some(Ok((self.row, cells)));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(csv_error(e, self.row)));
                }
            }
        }
        None
    }
}

/// Follows the quoting of the CSV text passing through it (as the csv
/// crate reads it: a `"` opens a quoted cell only at the start of a cell,
/// `""` inside one is a quote), to tell at the end of the file whether a
/// quoted cell was never closed, where it started, and in which column.
pub struct QuoteTracker<R> {
    inner: R,
    state: Quoting,
    /// 1-based line of the text read so far.
    line: u64,
    /// 0-based cell of the current record.
    field: usize,
    /// Where the open quoted cell started: line and cell.
    opened: (u64, usize),
    /// The last byte was a CR (a following LF ends the same line).
    after_cr: bool,
    eof: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quoting {
    CellStart,
    Unquoted,
    Quoted,
    /// A `"` inside a quoted cell: its end, or the first of `""`.
    QuoteInQuoted,
}

impl<R: Read> QuoteTracker<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            state: Quoting::CellStart,
            line: 1,
            field: 0,
            opened: (0, 0),
            after_cr: false,
            eof: false,
        }
    }

    /// Once the end of the file was read: the line and cell where a quoted
    /// cell that never closed started.
    fn unclosed(&self) -> Option<(u64, usize)> {
        (self.eof && self.state == Quoting::Quoted).then_some(self.opened)
    }

    fn follow(&mut self, bytes: &[u8]) {
        for &b in bytes {
            // Lines end with LF, CRLF or a lone CR (as the csv crate reads them).
            if b == b'\r' || (b == b'\n' && !self.after_cr) {
                self.line += 1;
            }
            self.after_cr = b == b'\r';
            self.state = match (self.state, b) {
                (Quoting::Quoted, b'"') => Quoting::QuoteInQuoted,
                (Quoting::Quoted, _) | (Quoting::QuoteInQuoted, b'"') => Quoting::Quoted,
                (Quoting::CellStart, b'"') => {
                    self.opened = (self.line, self.field);
                    Quoting::Quoted
                }
                (_, b',') => {
                    self.field += 1;
                    Quoting::CellStart
                }
                (_, b'\n' | b'\r') => {
                    self.field = 0;
                    Quoting::CellStart
                }
                _ => Quoting::Unquoted,
            };
        }
    }
}

impl<R: Read> Read for QuoteTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.eof = true;
        }
        self.follow(&buf[..n]);
        Ok(n)
    }
}

/// A CSV error as a [`ReadError`]: decode errors come back out of the I/O
/// error the decoding reader wrapped them in.
fn csv_error(error: csv::Error, row: usize) -> ReadError {
    let message = error.to_string();
    match error.into_kind() {
        csv::ErrorKind::Io(io) => match DecodeError::from_io(&io) {
            Some(decode) => ReadError::Decode { row, error: decode.clone() },
            None => ReadError::Io(io),
        },
        _ => ReadError::Csv { row, message },
    }
}

/// The sheet names of a workbook, in order.
pub fn sheet_names(path: &Path) -> Result<Vec<String>, ReadError> {
    workbook::inspect(path, workbook::Sheet::None)?;
    Ok(open_workbook_auto(path)?.sheet_names())
}

/// Opens sheet `sheet` of a workbook (exact name, else ignoring case and
/// surrounding spaces), or the first sheet. The first non-empty row is the
/// header. Read in bounded memory: see [`workbook`].
pub fn open_sheet(path: &Path, sheet: Option<&str>) -> Result<SheetSource, ReadError> {
    workbook::inspect(path, workbook::Sheet::Chosen(sheet))?;
    let workbook = open_workbook_auto(path)?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| *n == wanted)
            .or_else(|| {
                names.iter().find(|n| n.trim().to_lowercase() == wanted.trim().to_lowercase())
            })
            .ok_or_else(|| ReadError::NoSuchSheet {
                name: wanted.to_owned(),
                sheets: names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", "),
            })?,
        None => names.first().ok_or(ReadError::NoSheets)?,
    };
    let name = name.clone();
    let mut workbook = match workbook::Stream::start(workbook, &name)? {
        Ok(mut stream) => {
            let headers = std::mem::take(&mut stream.headers);
            return Ok(SheetSource { headers, rows: SheetRows::Stream(stream) });
        }
        Err(workbook) => workbook,
    };
    let range = workbook.worksheet_range(&name)?;
    workbook::check_range(&range)?;
    SheetSource::new(range)
}

/// One sheet of a workbook: streamed (XLSX, XLSM), or held in memory as
/// `calamine` reads it (XLSB, XLS, ODS).
pub struct SheetSource {
    headers: Vec<String>,
    rows: SheetRows,
}

enum SheetRows {
    Stream(workbook::Stream),
    Range {
        range: calamine::Range<Data>,
        /// 0-based sheet row of the range's first row.
        first_row: usize,
        /// Next row to return, relative to the range.
        next: usize,
    },
}

impl SheetSource {
    /// A source over a sheet's cells; the range's first row is the header.
    pub fn new(range: calamine::Range<Data>) -> Result<Self, ReadError> {
        let Some((first_row, _)) = range.start() else {
            return Err(ReadError::NoHeader);
        };
        let headers = (0..range.width()).map(|c| cell_text(range.get((0, c)))).collect();
        let rows = SheetRows::Range { range, first_row: first_row as usize, next: 1 };
        Ok(Self { headers, rows })
    }
}

impl RowSource for SheetSource {
    fn headers(&self) -> &[String] {
        &self.headers
    }

    fn next_row(&mut self) -> Option<Result<(usize, Vec<String>), ReadError>> {
        let (range, first_row, next) = match &mut self.rows {
            SheetRows::Stream(stream) => return stream.next_row(),
            SheetRows::Range { range, first_row, next } => (range, first_row, next),
        };
        while *next < range.height() {
            let r = *next;
            *next += 1;
            let cells: Vec<String> =
                (0..range.width()).map(|c| cell_text(range.get((r, c)))).collect();
            if cells.iter().any(|c| !c.is_empty()) {
                return Some(Ok((*first_row + r + 1, cells)));
            }
        }
        None
    }
}

/// The text of a spreadsheet cell, as the value parsers read it: dates as
/// `YYYY-MM-DD`, date-times as `YYYY-MM-DD HH:MM:SS`, times of day as
/// `HH:MM:SS` (rounded to the second), numbers in their shortest exact form
/// at Excel's 15 significant digits (`1234.5`, `1234`, `0.3`), booleans as
/// `true`/`false`, error cells as their code (`#DIV/0!`).
pub fn cell_text(cell: Option<&Data>) -> String {
    match cell {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.trim().to_owned(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Float(f)) => number_text(*f),
        Some(Data::Bool(b)) => b.to_string(),
        Some(Data::DateTime(dt)) if dt.is_duration() => {
            dt.as_duration().map_or_else(|| number_text(dt.as_f64()), duration_text)
        }
        Some(Data::DateTime(dt)) => match dt.as_datetime() {
            Some(at) if (0.0..1.0).contains(&dt.as_f64()) => {
                at.round_subsecs(0).format("%H:%M:%S").to_string()
            }
            Some(at) => datetime_text(at),
            None => number_text(dt.as_f64()),
        },
        Some(Data::DateTimeIso(s)) => iso_datetime_text(s),
        Some(Data::DurationIso(s)) => iso_duration_text(s),
        Some(Data::Error(e)) => e.to_string(),
    }
}

/// A number at 15 significant digits (what Excel shows and stores from
/// typing), in the shortest form: no `.0`, no exponent, no float noise
/// (`0.1 + 0.2` → `0.3`).
fn number_text(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let rounded: f64 = format!("{value:.14e}").parse().unwrap_or(value);
    if rounded == 0.0 { "0".to_owned() } else { rounded.to_string() }
}

fn datetime_text(at: NaiveDateTime) -> String {
    let at = at.round_subsecs(0);
    if at.time().num_seconds_from_midnight() == 0 {
        at.format("%Y-%m-%d").to_string()
    } else {
        at.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

fn duration_text(duration: chrono::Duration) -> String {
    let seconds = (duration.num_milliseconds() + 500).div_euclid(1000);
    format!("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
}

/// An ISO date or date-time from an ODS file (`2026-03-01`,
/// `2026-03-01T10:30:00.000`) in the form of [`cell_text`].
fn iso_datetime_text(text: &str) -> String {
    match NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f") {
        Ok(at) => datetime_text(at),
        Err(_) => text.trim().to_owned(),
    }
}

/// An ISO duration from an ODS time cell (`PT10H30M00S`) as `HH:MM:SS`.
fn iso_duration_text(text: &str) -> String {
    let parse = || -> Option<String> {
        let rest = text.trim().strip_prefix("PT")?;
        let (hours, rest) = rest.split_once('H')?;
        let (minutes, rest) = rest.split_once('M')?;
        let seconds = rest.strip_suffix('S')?;
        let seconds: f64 = seconds.parse().ok()?;
        let (h, m): (u64, u64) = (hours.parse().ok()?, minutes.parse().ok()?);
        Some(format!("{h:02}:{m:02}:{:02}", seconds.round() as u64))
    };
    parse().unwrap_or_else(|| text.trim().to_owned())
}

#[cfg(test)]
mod tests;
