//! Workbooks in bounded memory. A spreadsheet of a few kilobytes can claim
//! anything: a cell at XFD1048576 (`calamine` would allocate every cell of
//! the rectangle up to it: 512 GB), a shared-strings `uniqueCount` of 1e11
//! (reserved up front), a 3 GiB cell compressed into 3 MB (read whole). So:
//!
//! - [`inspect`] looks at the zip's central directory and at every part
//!   `calamine` will read of an XLSX/XLSM file before it opens it: the
//!   parts' declared sizes (the zip crate stops a part at its declared
//!   size, so they bound what is read), then one pass over each part
//!   ([`scan`]) that bounds every cell, tag and string, refuses markup Excel
//!   never writes, and reads the counts `calamine` would trust;
//! - XLSX/XLSM and XLSB sheets are streamed cell by cell ([`Stream`]) on a
//!   thread: a first pass finds the sheet's bounds (refusing a cell past
//!   [`MAX_ROWS`] or [`MAX_COLUMNS`] with its row and column), a second one
//!   hands over the rows, each as wide as the sheet's used columns;
//! - XLS and ODS sheets are read as a range and then checked
//!   ([`check_range`]).
//!
//! Every refusal is a [`Beyond`]: where (the row and column, the part) and
//! what, in both languages.

use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use calamine::{Data, DataRef, Sheets};

use super::ReadError;
use super::scan::{self, Kind, Place, Problem};
pub use super::scan::{MAX_CELL_BYTES, MAX_DEPTH};

/// The most rows a sheet may reach (Excel's own limit).
pub const MAX_ROWS: u64 = 1_048_576;
/// The most columns a sheet's used cells may reach (`AMJ`): no import has
/// more than a few dozen fields, and a row is held as wide as the sheet.
pub const MAX_COLUMNS: u32 = 1_024;
/// The most shared strings (claimed or present) a workbook may have.
pub const MAX_SHARED_STRINGS: u64 = 5_000_000;
/// The largest shared-strings part (held in memory whole by `calamine`).
pub const MAX_SHARED_STRINGS_BYTES: u64 = 256 << 20;
/// The largest sheet (streamed, so bounded only to bound the time).
pub const MAX_SHEET_BYTES: u64 = 2 << 30;
/// The largest other part read (relationships, workbook, styles, theme).
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// The most elements in such a part (each becomes a value in memory).
pub const MAX_ELEMENTS: u64 = 1_000_000;

/// A workbook beyond the bounds Ladder reads in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Beyond {
    /// A used cell past the last row or column read.
    Cell { row: u64, column: u32 },
    /// The sheet's `<dimension>` claims a cell past them.
    Dimension { reference: String, row: u64, column: u32 },
    /// A row after a later one (Excel writes rows in order).
    OutOfOrder { row: u64, after: u64 },
    /// A part larger than it may be.
    PartSize { part: String, size: u64, max: u64 },
    /// A cell, string, tag or text longer than [`MAX_CELL_BYTES`].
    Long { part: String, place: Place },
    /// Elements nested deeper than [`MAX_DEPTH`].
    Deep { part: String, place: Place },
    /// `<!DOCTYPE`/`<!ENTITY` markup.
    Declaration { part: String, place: Place },
    /// A cell or row reference that is none.
    Reference { part: String, place: Place, text: String },
    /// A `<dimension>` that is not a range.
    BadDimension { part: String, reference: String },
    /// More shared strings (claimed or present) than read.
    Strings { part: String, count: u64, claimed: bool },
    /// More elements in a part than read.
    Elements { part: String, count: u64 },
    /// A part that cannot be read to its end.
    Damaged { part: String, error: String },
}

/// Column letters of a 0-based column (`0` → `A`, `16383` → `XFD`).
pub fn column_name(column: u32) -> String {
    let mut n = u64::from(column) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = u8::try_from((n - 1) % 26).unwrap_or(0);
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

fn place_en(place: &Place) -> String {
    match place {
        Place::Cell { row, column } => format!("row {row}, column {}", column_name(*column)),
        Place::String(n) => format!("shared string {n}"),
        Place::Offset(at) => format!("byte {at}"),
    }
}

fn place_zh(place: &Place) -> String {
    match place {
        Place::Cell { row, column } => format!("第 {row} 行，{} 列", column_name(*column)),
        Place::String(n) => format!("第 {n} 个共享字符串"),
        Place::Offset(at) => format!("第 {at} 字节"),
    }
}

fn mib(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let value = bytes as f64 / f64::from(1u32 << 20);
    format!("{value:.1} MiB")
}

impl std::fmt::Display for Beyond {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (rows, columns) = (MAX_ROWS, column_name(MAX_COLUMNS - 1));
        match self {
            Self::Cell { row, column } => write!(
                f,
                "row {row}, column {}: a cell beyond what Ladder reads (rows 1 to {rows}, \
                 columns A to {columns}); delete it or move the table nearer to A1",
                column_name(*column)
            ),
            Self::Dimension { reference, row, column } => write!(
                f,
                "row {row}, column {}: the sheet says it spans {reference}, beyond what Ladder \
                 reads (rows 1 to {rows}, columns A to {columns})",
                column_name(*column)
            ),
            Self::OutOfOrder { row, after } => write!(
                f,
                "row {row}: it comes after row {after} in the file (rows must be in order; \
                 save the workbook again in Excel)"
            ),
            Self::PartSize { part, size, max } => write!(
                f,
                "the workbook's part {part} is {} uncompressed, more than the {} Ladder reads",
                mib(*size),
                mib(*max)
            ),
            Self::Long { part, place } => write!(
                f,
                "{part}, {}: more than {} of text in one cell or tag (Excel holds at most 32,767 \
                 characters in a cell)",
                place_en(place),
                mib(MAX_CELL_BYTES)
            ),
            Self::Deep { part, place } => write!(
                f,
                "{part}, {}: elements nested more than {MAX_DEPTH} deep (not a workbook Excel \
                 writes)",
                place_en(place)
            ),
            Self::Declaration { part, place } => write!(
                f,
                "{part}, {}: a DOCTYPE or ENTITY declaration (not a workbook Excel writes)",
                place_en(place)
            ),
            Self::Reference { part, place, text } => {
                write!(f, "{part}, {}: {text:?} is not a cell reference", place_en(place))
            }
            Self::BadDimension { part, reference } => {
                write!(f, "{part}: the sheet's dimension {reference:?} is not a range of cells")
            }
            Self::Strings { part, count, claimed } => write!(
                f,
                "{part}: the workbook {} {count} shared strings, more than the \
                 {MAX_SHARED_STRINGS} Ladder reads",
                if *claimed { "claims" } else { "holds" }
            ),
            Self::Elements { part, count } => write!(
                f,
                "{part}: {count} elements, more than the {MAX_ELEMENTS} Ladder reads in this part"
            ),
            Self::Damaged { part, error } => write!(
                f,
                "the workbook cannot be read (is it damaged or incomplete?): {part}: {error}"
            ),
        }
    }
}

impl std::error::Error for Beyond {}

impl Beyond {
    /// The message in Chinese.
    pub fn zh(&self) -> String {
        let (rows, columns) = (MAX_ROWS, column_name(MAX_COLUMNS - 1));
        match self {
            Self::Cell { row, column } => format!(
                "第 {row} 行，{} 列：单元格超出了 Ladder 读取的范围（第 1 至 {rows} 行，A 至 \
                 {columns} 列）；请删除它，或把表格移近 A1",
                column_name(*column)
            ),
            Self::Dimension { reference, row, column } => format!(
                "第 {row} 行，{} 列：工作表声称其范围是 {reference}，超出了 Ladder 读取的范围\
                 （第 1 至 {rows} 行，A 至 {columns} 列）",
                column_name(*column)
            ),
            Self::OutOfOrder { row, after } => format!(
                "第 {row} 行：在文件中排在第 {after} 行之后（行必须按顺序排列；请用 Excel \
                 重新保存工作簿）"
            ),
            Self::PartSize { part, size, max } => format!(
                "工作簿的部件 {part} 解压后有 {}，超过了 Ladder 读取的 {}",
                mib(*size),
                mib(*max)
            ),
            Self::Long { part, place } => format!(
                "{part}，{}：一个单元格或标记中的文字超过 {}（Excel 的单元格最多 32767 个字符）",
                place_zh(place),
                mib(MAX_CELL_BYTES)
            ),
            Self::Deep { part, place } => format!(
                "{part}，{}：元素嵌套超过 {MAX_DEPTH} 层（不是 Excel 写出的工作簿）",
                place_zh(place)
            ),
            Self::Declaration { part, place } => format!(
                "{part}，{}：含有 DOCTYPE 或 ENTITY 声明（不是 Excel 写出的工作簿）",
                place_zh(place)
            ),
            Self::Reference { part, place, text } => {
                format!("{part}，{}：{text:?} 不是单元格引用", place_zh(place))
            }
            Self::BadDimension { part, reference } => {
                format!("{part}：工作表的范围 {reference:?} 不是单元格区域")
            }
            Self::Strings { part, count, claimed } => format!(
                "{part}：工作簿{}有 {count} 个共享字符串，超过了 Ladder 读取的 {MAX_SHARED_STRINGS} 个",
                if *claimed { "声称" } else { "" }
            ),
            Self::Elements { part, count } => {
                format!(
                    "{part}：有 {count} 个元素，超过了 Ladder 在此部件中读取的 {MAX_ELEMENTS} 个"
                )
            }
            Self::Damaged { part, error } => {
                format!("无法读取工作簿（文件是否损坏或不完整？）：{part}：{error}")
            }
        }
    }

    fn from_problem(part: &str, problem: Problem) -> Self {
        let part = part.to_owned();
        match problem {
            Problem::TooLong(place) => Self::Long { part, place },
            Problem::TooDeep(place) => Self::Deep { part, place },
            Problem::Declaration(place) => Self::Declaration { part, place },
            Problem::BadReference { place, text } => Self::Reference { part, place, text },
            Problem::BadDimension(reference) => Self::BadDimension { part, reference },
            Problem::Io(e) => Self::Damaged { part, error: e.to_string() },
        }
    }
}

/// Which sheets [`inspect`] reads through besides the workbook's own parts.
#[derive(Clone, Copy, Debug)]
pub enum Sheet<'a> {
    /// None (the sheet names only).
    None,
    /// The sheet `calamine` will read for this choice (the first when
    /// `None`); every sheet when no name matches.
    Chosen(Option<&'a str>),
}

/// Judges the workbook at `path` before `calamine` opens it (see the
/// module). A file that is not a zip is left to `calamine` to refuse.
pub fn inspect(path: &Path, sheet: Sheet<'_>) -> Result<(), ReadError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    let xlsx = matches!(ext.as_str(), "xlsx" | "xlsm" | "xlam");
    if !xlsx && !matches!(ext.as_str(), "xlsb" | "ods") {
        return Ok(());
    }
    let Ok(zip) = zip::ZipArchive::new(BufReader::new(File::open(path)?)) else {
        return Ok(()); // Not a zip, or a damaged one: `calamine` says so.
    };
    let mut parts = Parts::new(zip);
    if !xlsx {
        // XLSB and ODS: their parts are bounded by size only.
        for index in 0..parts.zip.len() {
            let (name, size) = parts.entry(index)?;
            if size > MAX_SHEET_BYTES {
                return Err(Beyond::PartSize { part: name, size, max: MAX_SHEET_BYTES }.into());
            }
        }
        return Ok(());
    }
    parts.inspect_xlsx(sheet).map_err(ReadError::from)
}

/// The zip of an XLSX file, its entries found as `calamine` finds them
/// (ignoring case, `\` read as `/`).
struct Parts<R> {
    zip: zip::ZipArchive<R>,
    names: HashMap<String, usize>,
}

impl<R: Read + Seek> Parts<R> {
    fn new(zip: zip::ZipArchive<R>) -> Self {
        let names = (0..zip.len())
            .filter_map(|i| {
                Some((zip.name_for_index(i)?.ok()?.replace('\\', "/").to_ascii_lowercase(), i))
            })
            .collect();
        Self { zip, names }
    }

    fn entry(&mut self, index: usize) -> Result<(String, u64), Beyond> {
        let damaged = |e: zip::result::ZipError| Beyond::Damaged {
            part: format!("entry {}", index + 1),
            error: e.to_string(),
        };
        let file = self.zip.by_index_raw(index).map_err(damaged)?;
        let name = file.name().map_err(damaged)?.into_owned();
        Ok((name, file.size()))
    }

    /// Scans part `path` if the workbook has it (`calamine` skips or
    /// refuses a missing one itself).
    fn scan(&mut self, path: &str, kind: Kind, max: u64) -> Result<scan::Facts, Beyond> {
        let index = self
            .names
            .get(&path.to_ascii_lowercase())
            .copied()
            .or_else(|| self.zip.index_for_name(path));
        let Some(index) = index else { return Ok(scan::Facts::default()) };
        let (part, size) = self.entry(index)?;
        if size > max {
            return Err(Beyond::PartSize { part, size, max });
        }
        let file = self
            .zip
            .by_index(index)
            .map_err(|e| Beyond::Damaged { part: part.clone(), error: e.to_string() })?;
        let facts = scan::scan(file, kind).map_err(|p| Beyond::from_problem(&part, p))?;
        if kind != Kind::Sheet && kind != Kind::SharedStrings && facts.elements > MAX_ELEMENTS {
            return Err(Beyond::Elements { part, count: facts.elements });
        }
        Ok(facts)
    }

    /// The parts of an XLSX file in the order `calamine` reads them.
    fn inspect_xlsx(&mut self, sheet: Sheet<'_>) -> Result<(), Beyond> {
        let package = self.scan("_rels/.rels", Kind::Rels, MAX_PART_BYTES)?;
        let (mut xl, mut book) = ("xl/".to_owned(), "workbook.xml".to_owned());
        if let Some((_, _, target)) = package
            .relationships
            .iter()
            .rev()
            .find(|(_, t, _)| t.ends_with("/relationships/officeDocument"))
        {
            let (dir, name) =
                target.rsplit_once('/').map_or(("", target.as_str()), |(d, n)| (d, n));
            xl = if dir.is_empty() {
                String::new()
            } else {
                format!("{}/", dir.strip_prefix('/').unwrap_or(dir))
            };
            if !name.is_empty() {
                book = name.to_owned();
            }
        }
        let strings = self.scan(
            &format!("{xl}sharedStrings.xml"),
            Kind::SharedStrings,
            MAX_SHARED_STRINGS_BYTES,
        )?;
        let part = format!("{xl}sharedStrings.xml");
        if let Some(claimed) = strings.unique_count.filter(|&n| n > MAX_SHARED_STRINGS) {
            return Err(Beyond::Strings { part, count: claimed, claimed: true });
        }
        if strings.strings > MAX_SHARED_STRINGS {
            return Err(Beyond::Strings { part, count: strings.strings, claimed: false });
        }
        self.scan(&format!("{xl}styles.xml"), Kind::Other, MAX_PART_BYTES)?;
        self.scan(&format!("{xl}theme/theme1.xml"), Kind::Other, MAX_PART_BYTES)?;
        let rels = self.scan(&format!("{xl}_rels/{book}.rels"), Kind::Rels, MAX_PART_BYTES)?;
        let workbook = self.scan(&format!("{xl}{book}"), Kind::Workbook, MAX_PART_BYTES)?;
        let Sheet::Chosen(wanted) = sheet else { return Ok(()) };
        let targets: HashMap<&str, &str> = rels
            .relationships
            .iter()
            .map(|(id, _, target)| (id.as_str(), target.as_str()))
            .collect();
        let path = |id: &str| {
            let target = targets.get(id)?;
            Some(target.strip_prefix('/').map_or_else(|| format!("{xl}{target}"), str::to_owned))
        };
        let names: Vec<&str> = workbook.sheets.iter().map(|(name, _)| name.as_str()).collect();
        let chosen = match wanted {
            None => (!names.is_empty()).then_some(0),
            Some(wanted) => names.iter().position(|n| *n == wanted).or_else(|| {
                names.iter().position(|n| n.trim().to_lowercase() == wanted.trim().to_lowercase())
            }),
        };
        let sheets: Vec<String> = match chosen {
            Some(i) => path(&workbook.sheets[i].1).into_iter().collect(),
            None => workbook.sheets.iter().filter_map(|(_, id)| path(id)).collect(),
        };
        for sheet in sheets {
            self.scan(&sheet, Kind::Sheet, MAX_SHEET_BYTES)?;
        }
        Ok(())
    }
}

/// Checks a sheet read as a range (XLS, ODS): its last used cell.
pub fn check_range(range: &calamine::Range<Data>) -> Result<(), Beyond> {
    match range.end() {
        Some((row, column)) => check_cell(row, column),
        None => Ok(()),
    }
}

/// A used cell (0-based) within [`MAX_ROWS`] and [`MAX_COLUMNS`].
fn check_cell(row: u32, column: u32) -> Result<(), Beyond> {
    let row = u64::from(row) + 1;
    if row > MAX_ROWS || column >= MAX_COLUMNS {
        return Err(Beyond::Cell { row, column });
    }
    Ok(())
}

/// Rows handed from the streaming thread at a time.
const CHUNK_ROWS: usize = 256;

enum Message {
    Header(Vec<String>),
    Rows(Vec<(usize, Vec<String>)>),
    Error(ReadError),
    End,
}

/// A sheet streamed on a thread of its own (see the module).
pub struct Stream {
    pub headers: Vec<String>,
    receiver: Receiver<Message>,
    rows: VecDeque<(usize, Vec<String>)>,
    done: bool,
}

impl Stream {
    /// Streams sheet `name` of `book` (XLSX, XLSM or XLSB; any other kind
    /// comes back to be read as a range).
    pub fn start(
        book: Sheets<BufReader<File>>,
        name: &str,
    ) -> Result<Result<Self, Sheets<BufReader<File>>>, ReadError> {
        if !matches!(book, Sheets::Xlsx(_) | Sheets::Xlsb(_)) {
            return Ok(Err(book));
        }
        let (sender, receiver) = sync_channel(4);
        let name = name.to_owned();
        std::thread::Builder::new()
            .name("ladder-sheet".into())
            .spawn(move || stream(book, &name, &sender))
            .map_err(ReadError::Io)?;
        let headers = match receiver.recv() {
            Ok(Message::Header(headers)) => headers,
            Ok(Message::Error(e)) => return Err(e),
            Ok(_) | Err(_) => return Err(ReadError::Stopped(String::new())),
        };
        Ok(Ok(Self { headers, receiver, rows: VecDeque::new(), done: false }))
    }

    /// The next row, as [`super::RowSource::next_row`].
    pub fn next_row(&mut self) -> Option<Result<(usize, Vec<String>), ReadError>> {
        loop {
            if let Some(row) = self.rows.pop_front() {
                return Some(Ok(row));
            }
            if self.done {
                return None;
            }
            match self.receiver.recv() {
                Ok(Message::Rows(rows)) => self.rows = rows.into(),
                Ok(Message::End) => self.done = true,
                Ok(Message::Error(e)) => {
                    self.done = true;
                    return Some(Err(e));
                }
                Ok(Message::Header(_)) | Err(_) => {
                    self.done = true;
                    return Some(Err(ReadError::Stopped(String::new())));
                }
            }
        }
    }
}

/// The next cell of a sheet, whichever reader reads it.
type NextCell<'a> = Box<dyn FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, ReadError> + 'a>;

/// A used cell: its position (row, column; 0-based) and value.
type Used<'a> = ((u32, u32), DataRef<'a>);

/// A sheet's cells, one at a time, of either streamed kind.
struct Cells<'a> {
    next: NextCell<'a>,
    dimensions: calamine::Dimensions,
}

impl<'a> Cells<'a> {
    fn open(book: &'a mut Sheets<BufReader<File>>, name: &str) -> Result<Self, ReadError> {
        match book {
            Sheets::Xlsx(xlsx) => {
                let mut cells = match xlsx.worksheet_cells_reader(name) {
                    Ok(cells) => cells,
                    // A chart sheet: no cells (as `worksheet_range` reads it).
                    Err(calamine::XlsxError::NotAWorksheet(_)) => return Err(ReadError::NoHeader),
                    Err(e) => return Err(calamine::Error::Xlsx(e).into()),
                };
                let dimensions = cells.dimensions();
                let next =
                    Box::new(move || Ok(cells.next_cell().map_err(calamine::Error::Xlsx)?));
                Ok(Self { next, dimensions })
            }
            Sheets::Xlsb(xlsb) => {
                let mut cells = xlsb.worksheet_cells_reader(name).map_err(calamine::Error::Xlsb)?;
                let dimensions = cells.dimensions();
                let next =
                    Box::new(move || Ok(cells.next_cell().map_err(calamine::Error::Xlsb)?));
                Ok(Self { next, dimensions })
            }
            _ => Err(ReadError::Stopped("not a streamed workbook".into())),
        }
    }

    /// The next cell that is not empty: its position and value.
    fn next(&mut self) -> Result<Option<Used<'a>>, ReadError> {
        loop {
            match (self.next)()? {
                None => return Ok(None),
                Some(cell) if matches!(cell.get_value(), DataRef::Empty) => {}
                Some(cell) => return Ok(Some((cell.get_position(), cell.get_value().clone()))),
            }
        }
    }
}

/// The used cells' bounds: their first and last column (0-based).
struct Bounds {
    columns: (u32, u32),
}

/// The first pass: every used cell within bounds and rows in order.
fn survey(cells: &mut Cells<'_>) -> Result<Option<Bounds>, ReadError> {
    let dimensions = cells.dimensions;
    let (end_row, end_column) = dimensions.end;
    if check_cell(end_row, end_column).is_err() {
        let reference = format!(
            "{}{}:{}{}",
            column_name(dimensions.start.1),
            u64::from(dimensions.start.0) + 1,
            column_name(end_column),
            u64::from(end_row) + 1
        );
        let (row, column) = (u64::from(end_row) + 1, end_column);
        return Err(Beyond::Dimension { reference, row, column }.into());
    }
    let mut bounds: Option<Bounds> = None;
    let mut last_row = 0;
    while let Some(((row, column), _)) = cells.next()? {
        check_cell(row, column)?;
        if row < last_row {
            return Err(Beyond::OutOfOrder {
                row: u64::from(row) + 1,
                after: u64::from(last_row) + 1,
            }
            .into());
        }
        last_row = row;
        let b = bounds.get_or_insert(Bounds { columns: (column, column) });
        b.columns = (b.columns.0.min(column), b.columns.1.max(column));
    }
    Ok(bounds)
}

/// The streaming thread: surveys the sheet, then sends its header and rows.
fn stream(mut book: Sheets<BufReader<File>>, name: &str, sender: &SyncSender<Message>) {
    let bounds = Cells::open(&mut book, name).and_then(|mut cells| survey(&mut cells));
    let bounds = match bounds {
        Ok(Some(bounds)) => bounds,
        Ok(None) => return drop(sender.send(Message::Error(ReadError::NoHeader))),
        Err(e) => return drop(sender.send(Message::Error(e))),
    };
    if let Err(e) = send_rows(&mut book, name, &bounds, sender) {
        let _ = sender.send(Message::Error(e));
    }
}

/// The second pass: the header row, then the other rows with a used cell,
/// each as wide as the used columns. `Err` only for a read error (a send
/// that fails means the reader is done with the rows).
fn send_rows(
    book: &mut Sheets<BufReader<File>>,
    name: &str,
    bounds: &Bounds,
    sender: &SyncSender<Message>,
) -> Result<(), ReadError> {
    let (first, last) = bounds.columns;
    let width = (last - first + 1) as usize;
    let mut cells = Cells::open(book, name)?;
    let mut row: Option<(u32, Vec<String>)> = None;
    let mut chunk = Vec::new();
    let mut header = true;
    loop {
        let next = cells.next()?;
        let same = matches!((&row, &next), (Some((r, _)), Some(((n, _), _))) if r == n);
        if !same && let Some((number, cells)) = row.take() {
            if header {
                header = false;
                if sender.send(Message::Header(cells)).is_err() {
                    return Ok(());
                }
            } else if cells.iter().any(|c| !c.is_empty()) {
                chunk.push((number as usize + 1, cells));
                if chunk.len() == CHUNK_ROWS
                    && sender.send(Message::Rows(std::mem::take(&mut chunk))).is_err()
                {
                    return Ok(());
                }
            }
        }
        let Some(((r, c), value)) = next else { break };
        let (_, cells) = row.get_or_insert_with(|| (r, vec![String::new(); width]));
        cells[(c - first) as usize] = super::cell_text(Some(&Data::from(value)));
    }
    if !chunk.is_empty() && sender.send(Message::Rows(chunk)).is_err() {
        return Ok(());
    }
    let _ = sender.send(Message::End);
    Ok(())
}
