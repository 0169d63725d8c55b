//! One bounded pass over an XML part of a workbook, before `calamine`
//! reads it: `calamine` (through `quick_xml`) holds a whole tag, text run,
//! comment or cell in memory, so one 3 GiB cell in a 3 MB zip would be read
//! into memory whole. This pass holds nothing but a few bytes of the
//! current tag: it refuses a tag, text, comment or cell longer than
//! [`MAX_CELL_BYTES`], nesting deeper than [`MAX_DEPTH`], markup Excel never
//! writes (`<!DOCTYPE`, `<!ENTITY`: the billion-laughs kind), and cell
//! references `calamine` would overflow on; and it collects what the
//! reader needs to know from the part (the relationships, the sheets, the
//! shared strings' claimed count).

use std::io::Read;

/// The most bytes of XML one cell (`<c>…</c>`), one shared string
/// (`<si>…</si>`) or any one tag or text may take. Excel holds at most
/// 32,767 characters in a cell: at most about 330 KB of escaped XML.
pub const MAX_CELL_BYTES: u64 = 1 << 20;

/// The deepest nesting of elements read (Excel's parts nest about 8 deep).
pub const MAX_DEPTH: u32 = 256;

/// The bytes of a tag kept for reading its attributes (the tags read are a
/// few dozen bytes long).
const KEEP_TAG: usize = 4096;

/// What a part is, for what the pass collects from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A `.rels` part: its relationships.
    Rels,
    /// The workbook: its sheets.
    Workbook,
    /// The shared strings: how many, and how many claimed.
    SharedStrings,
    /// A worksheet: its cell references are checked.
    Sheet,
    /// Styles, theme: only bounded.
    Other,
}

/// What a pass found in a part.
#[derive(Debug, Default)]
pub struct Facts {
    /// The shared strings' `uniqueCount` (saturated at `u64::MAX`).
    pub unique_count: Option<u64>,
    /// `<si>` elements (shared strings).
    pub strings: u64,
    /// Elements of any kind.
    pub elements: u64,
    /// Relationships: id, type, target (unescaped).
    pub relationships: Vec<(String, String, String)>,
    /// Sheets of the workbook: name and relationship id (unescaped).
    pub sheets: Vec<(String, String)>,
}

/// Where in a part a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A cell: 1-based row and 0-based column (as far as known).
    Cell { row: u64, column: u32 },
    /// The n-th (1-based) shared string.
    String(u64),
    /// A byte offset in the part.
    Offset(u64),
}

/// Why a part is refused.
#[derive(Debug)]
pub enum Problem {
    /// A cell, string, tag or text longer than [`MAX_CELL_BYTES`].
    TooLong(Place),
    /// Elements nested deeper than [`MAX_DEPTH`].
    TooDeep(Place),
    /// `<!DOCTYPE`, `<!ENTITY` or other `<!` markup (not a comment or CDATA).
    Declaration(Place),
    /// A cell or row reference that is not one (`r="AAAAAAAAAA1"`).
    BadReference { place: Place, text: String },
    /// A `<dimension ref>` that ends before it starts, or is no range.
    BadDimension(String),
    /// The part could not be read to its end (a damaged zip entry, or one
    /// longer than its declared size).
    Io(std::io::Error),
}

/// Reads `part` to its end, bounded as the module says.
pub fn scan(part: impl Read, kind: Kind) -> Result<Facts, Problem> {
    let mut scanner = Scanner::new(kind);
    let mut part = part;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match part.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Problem::Io(e)),
        };
        for &b in &buf[..n] {
            scanner.byte(b)?;
        }
    }
    Ok(scanner.facts)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Text,
    /// Just after `<`.
    Open,
    /// After `<!`: the bytes decide a comment, CDATA or a declaration.
    Bang,
    Comment,
    CData,
    /// A processing instruction (`<?xml …?>`).
    Pi,
    /// A start or end tag; the quote character when inside a value.
    Tag {
        end: bool,
        quote: Option<u8>,
    },
}

struct Scanner {
    kind: Kind,
    state: State,
    facts: Facts,
    offset: u64,
    /// Bytes of the current tag, text, comment…
    event: u64,
    /// The first bytes of the current tag (or of `<!…`).
    tag: Vec<u8>,
    /// The current tag is longer than what `tag` keeps.
    truncated: bool,
    /// The last two bytes (for `-->`, `]]>`, `?>`, `/>`).
    last: [u8; 2],
    depth: u32,
    /// The cell or string being read: its depth, bytes so far, where.
    inside: Option<(u32, u64, Place)>,
    /// The current row (1-based) and the next column (0-based), as
    /// `calamine` counts them for cells without a reference.
    row: u64,
    column: u32,
}

impl Scanner {
    fn new(kind: Kind) -> Self {
        Self {
            kind,
            state: State::Text,
            facts: Facts::default(),
            offset: 0,
            event: 0,
            tag: Vec::with_capacity(64),
            truncated: false,
            last: [0; 2],
            depth: 0,
            inside: None,
            row: 1,
            column: 0,
        }
    }

    /// Where the scanner is: the cell or string being read, else the offset.
    fn place(&self) -> Place {
        match &self.inside {
            Some((_, _, place)) => place.clone(),
            None => Place::Offset(self.offset),
        }
    }

    fn byte(&mut self, b: u8) -> Result<(), Problem> {
        self.offset += 1;
        self.event += 1;
        if self.event > MAX_CELL_BYTES {
            return Err(Problem::TooLong(self.place()));
        }
        if let Some((_, bytes, place)) = &mut self.inside {
            *bytes += 1;
            if *bytes > MAX_CELL_BYTES {
                return Err(Problem::TooLong(place.clone()));
            }
        }
        match self.state {
            State::Text if b == b'<' => self.begin(State::Open),
            State::Text => {}
            State::Open => match b {
                b'!' => self.state = State::Bang,
                b'?' => self.state = State::Pi,
                b'/' => self.state = State::Tag { end: true, quote: None },
                _ => {
                    self.state = State::Tag { end: false, quote: None };
                    self.keep(b);
                }
            },
            State::Bang => {
                self.keep(b);
                if self.tag == b"--" {
                    self.state = State::Comment;
                } else if self.tag == b"[CDATA[" {
                    self.state = State::CData;
                } else if !b"--".starts_with(&self.tag) && !b"[CDATA[".starts_with(&self.tag) {
                    return Err(Problem::Declaration(Place::Offset(self.offset)));
                }
            }
            State::Comment if b == b'>' && self.last == *b"--" => self.begin(State::Text),
            State::CData if b == b'>' && self.last == *b"]]" => self.begin(State::Text),
            State::Pi if b == b'>' && self.last[1] == b'?' => self.begin(State::Text),
            State::Comment | State::CData | State::Pi => {}
            State::Tag { end, quote: Some(q) } => {
                if b == q {
                    self.state = State::Tag { end, quote: None };
                }
                self.keep(b);
            }
            State::Tag { end, quote: None } => match b {
                b'"' | b'\'' => {
                    self.state = State::Tag { end, quote: Some(b) };
                    self.keep(b);
                }
                b'>' => {
                    let closed = self.last[1] == b'/';
                    self.tag_done(end, closed)?;
                    self.begin(State::Text);
                }
                _ => self.keep(b),
            },
        }
        self.last = [self.last[1], b];
        Ok(())
    }

    /// Starts a new event in `state`.
    fn begin(&mut self, state: State) {
        self.state = state;
        self.event = 0;
        self.tag.clear();
        self.truncated = false;
    }

    fn keep(&mut self, b: u8) {
        if self.tag.len() < KEEP_TAG {
            self.tag.push(b);
        } else {
            self.truncated = true;
        }
    }

    /// A whole tag was read (`closed`: it ends with `/>`).
    fn tag_done(&mut self, end: bool, closed: bool) -> Result<(), Problem> {
        if end {
            self.depth = self.depth.saturating_sub(1);
            if matches!(self.inside, Some((depth, _, _)) if self.depth < depth) {
                self.inside = None;
            }
            if self.kind == Kind::Sheet && local_name(&self.tag) == b"row" {
                self.row += 1;
                self.column = 0;
            }
            return Ok(());
        }
        self.facts.elements += 1;
        if !closed {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(Problem::TooDeep(Place::Offset(self.offset)));
            }
        }
        let tag = std::mem::take(&mut self.tag);
        let name = local_name(&tag);
        let result = match (self.kind, name) {
            (Kind::Sheet, b"row" | b"c" | b"dimension") if self.truncated => {
                Err(Problem::TooLong(Place::Offset(self.offset)))
            }
            (Kind::Sheet, b"row") => self.row_tag(&tag, closed),
            (Kind::Sheet, b"c") => self.cell_tag(&tag, closed),
            (Kind::Sheet, b"dimension") => dimension(&tag),
            (Kind::SharedStrings, b"sst") => {
                self.facts.unique_count = attr(&tag, b"uniqueCount").map(|v| saturating(&v));
                Ok(())
            }
            (Kind::SharedStrings, b"si") => {
                self.facts.strings += 1;
                if !closed {
                    self.inside = Some((self.depth, 0, Place::String(self.facts.strings)));
                }
                Ok(())
            }
            (Kind::Rels, b"Relationship") => {
                let get = |key: &[u8]| attr(&tag, key).map(|v| unescape(&v)).unwrap_or_default();
                let relationship = (get(b"Id"), get(b"Type"), get(b"Target"));
                self.facts.relationships.push(relationship);
                Ok(())
            }
            (Kind::Workbook, b"sheet") => {
                let get = |key: &[u8]| attr(&tag, key).map(|v| unescape(&v)).unwrap_or_default();
                self.facts.sheets.push((get(b"name"), get(b"id")));
                Ok(())
            }
            _ => Ok(()),
        };
        self.tag = tag;
        result
    }

    fn row_tag(&mut self, tag: &[u8], closed: bool) -> Result<(), Problem> {
        if let Some(r) = attr(tag, b"r") {
            let row = reference(&r, false).ok_or_else(|| Problem::BadReference {
                place: Place::Offset(self.offset),
                text: String::from_utf8_lossy(&r).into_owned(),
            })?;
            self.row = row.0;
        }
        self.column = 0;
        if closed {
            self.row += 1;
        }
        Ok(())
    }

    fn cell_tag(&mut self, tag: &[u8], closed: bool) -> Result<(), Problem> {
        if let Some(r) = attr(tag, b"r") {
            let (row, column) = reference(&r, true).ok_or_else(|| Problem::BadReference {
                place: Place::Cell { row: self.row, column: self.column },
                text: String::from_utf8_lossy(&r).into_owned(),
            })?;
            (self.row, self.column) = (row, column);
        }
        let place = Place::Cell { row: self.row, column: self.column };
        self.column = self.column.saturating_add(1);
        if !closed {
            self.inside = Some((self.depth, 0, place));
        }
        Ok(())
    }
}

/// A `<dimension ref>`: one cell or a range that does not end before it
/// starts (`calamine` would subtract and overflow).
fn dimension(tag: &[u8]) -> Result<(), Problem> {
    let Some(value) = attr(tag, b"ref") else { return Ok(()) };
    let text = String::from_utf8_lossy(&value).into_owned();
    let mut parts = value.split(|&b| b == b':').map(|p| reference(p, true));
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Some(_)), None, None) => Ok(()),
        (Some(Some(start)), Some(Some(end)), None) if start.0 <= end.0 && start.1 <= end.1 => {
            Ok(())
        }
        _ => Err(Problem::BadDimension(text)),
    }
}

/// A cell reference (`B12`: 1-based row 12, 0-based column 1), in the
/// bounds `calamine` parses without overflow: at most 3 letters and 7
/// digits, row at least 1. Without `column`, the letters may be missing.
pub fn reference(text: &[u8], column: bool) -> Option<(u64, u32)> {
    let letters = text.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = &text[letters..];
    if letters > 3 || (column && letters == 0) || digits.is_empty() || digits.len() > 7 {
        return None;
    }
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let row: u64 = std::str::from_utf8(digits).ok()?.parse().ok()?;
    let col = text[..letters]
        .iter()
        .fold(0u32, |c, b| c * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1);
    (row >= 1).then(|| (row, col.saturating_sub(1)))
}

/// The name of a tag without its namespace prefix (`x:c` → `c`).
fn local_name(tag: &[u8]) -> &[u8] {
    let end = tag
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
        .unwrap_or(tag.len());
    let name = &tag[..end];
    name.iter().rposition(|&b| b == b':').map_or(name, |i| &name[i + 1..])
}

/// The raw value of attribute `key` (matched by local name) of a tag.
fn attr(tag: &[u8], key: &[u8]) -> Option<Vec<u8>> {
    let mut rest = &tag[local_name_end(tag)..];
    loop {
        rest = rest.trim_ascii_start();
        let eq = rest.iter().position(|&b| b == b'=')?;
        let name = rest[..eq].trim_ascii();
        rest = rest[eq + 1..].trim_ascii_start();
        let quote = *rest.first()?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let len = rest[1..].iter().position(|&b| b == quote)?;
        let value = &rest[1..=len];
        rest = &rest[len + 2..];
        let local = name.iter().rposition(|&b| b == b':').map_or(name, |i| &name[i + 1..]);
        if local == key {
            return Some(value.to_vec());
        }
    }
}

fn local_name_end(tag: &[u8]) -> usize {
    tag.iter().position(|b| b.is_ascii_whitespace() || *b == b'/').unwrap_or(tag.len())
}

/// A count as written (`100000000000`), saturating; `None` parses as 0.
fn saturating(digits: &[u8]) -> u64 {
    digits
        .trim_ascii()
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .fold(0u64, |n, b| n.saturating_mul(10).saturating_add(u64::from(b - b'0')))
}

/// An attribute value with XML's five entities and character references
/// replaced (as `calamine` reads sheet names).
pub fn unescape(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_ref();
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';') else { break };
        let entity = &rest[1..semi];
        let ch = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match ch {
            Some(ch) => {
                out.push(ch);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(kind: Kind, xml: &str) -> Result<Facts, Problem> {
        scan(xml.as_bytes(), kind)
    }

    #[test]
    fn references_in_calamine_bounds() {
        assert_eq!(reference(b"A1", true), Some((1, 0)));
        assert_eq!(reference(b"XFD1048576", true), Some((1_048_576, 16_383)));
        assert_eq!(reference(b"b12", true), Some((12, 1)));
        assert_eq!(reference(b"12", false), Some((12, 0)));
        for bad in ["12", "A0", "AAAA1", "A12345678", "A1B", "", "A"] {
            assert_eq!(reference(bad.as_bytes(), true), None, "{bad}");
        }
    }

    #[test]
    fn collects_relationships_sheets_and_counts() {
        let rels = r#"<?xml version="1.0"?><Relationships xmlns="x"><Relationship Id="rId1"
            Type="t/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
        let facts = run(Kind::Rels, rels).expect("scans");
        assert_eq!(
            facts.relationships,
            [("rId1".into(), "t/worksheet".into(), "worksheets/sheet1.xml".into())]
        );
        let book = r#"<workbook><sheets><sheet name="A &amp; B" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
        assert_eq!(
            run(Kind::Workbook, book).expect("scans").sheets,
            [("A & B".into(), "rId1".into())]
        );
        let sst = r#"<sst uniqueCount="100000000000" count="3"><si><t>a</t></si><si><r><t>b</t></r></si></sst>"#;
        let facts = run(Kind::SharedStrings, sst).expect("scans");
        assert_eq!((facts.unique_count, facts.strings), (Some(100_000_000_000), 2));
    }

    #[test]
    fn refuses_long_cells_deep_nesting_and_declarations() {
        let long = format!(
            "<sheetData><row r=\"3\"><c r=\"B3\"><v>{}</v></c></row></sheetData>",
            "1".repeat(2 << 20)
        );
        assert!(matches!(
            run(Kind::Sheet, &long),
            Err(Problem::TooLong(Place::Cell { row: 3, column: 1 }))
        ));
        // Many short runs of one rich-text string add up.
        let runs = format!("<sst><si>{}</si></sst>", "<r><t>ab</t></r>".repeat(100_000));
        assert!(matches!(run(Kind::SharedStrings, &runs), Err(Problem::TooLong(Place::String(1)))));
        let deep = "<a>".repeat(300);
        assert!(matches!(run(Kind::Other, &deep), Err(Problem::TooDeep(_))));
        let laughs =
            r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><lolz>&lol;</lolz>"#;
        assert!(matches!(run(Kind::Sheet, laughs), Err(Problem::Declaration(_))));
        let fine = r#"<!-- a > b --><x><![CDATA[ <not a tag> ]]></x>"#;
        assert!(run(Kind::Other, fine).is_ok());
        let quoted = r#"<c r="A1" t="s" x="a>b"><v>1</v></c>"#;
        assert!(run(Kind::Sheet, quoted).is_ok());
    }

    #[test]
    fn refuses_references_calamine_would_overflow_on() {
        let bad = r#"<sheetData><row><c r="AAAAAAAAAAAAA1"/></row></sheetData>"#;
        assert!(matches!(run(Kind::Sheet, bad), Err(Problem::BadReference { .. })));
        let reversed = r#"<worksheet><dimension ref="B2:A1"/></worksheet>"#;
        assert!(
            matches!(run(Kind::Sheet, reversed), Err(Problem::BadDimension(r)) if r == "B2:A1")
        );
        let far = r#"<worksheet><dimension ref="A1:XFD1048576"/></worksheet>"#;
        assert!(run(Kind::Sheet, far).is_ok(), "far, but a range: the reader judges it");
    }

    #[test]
    fn cells_without_references_are_placed_as_calamine_places_them() {
        let long = format!(
            "<sheetData><row r=\"7\"><c/><c><v>{}</v></c></row></sheetData>",
            "1".repeat(2 << 20)
        );
        assert!(matches!(
            run(Kind::Sheet, &long),
            Err(Problem::TooLong(Place::Cell { row: 7, column: 1 }))
        ));
    }
}
