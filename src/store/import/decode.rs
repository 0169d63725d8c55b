//! Turning the bytes of a text file into UTF-8: UTF-8 with or without a
//! byte-order mark, UTF-16 with one, and GBK / GB18030 as Excel writes CSV on
//! Chinese Windows (DOMAIN §5). The encoding is detected or chosen by the
//! user; bytes that are not valid in it are an error naming the line and byte
//! offset, never replaced.
//!
//! A byte-order mark always wins: it is unambiguous, and a file that starts
//! with one is not GBK. Without one, `--encoding` decides, and `auto` reads
//! the whole file once first (see [`Evidence`]): UTF-8 when it is UTF-8,
//! GBK (decoded as GB18030, its superset) when it is that, and a file that
//! mixes the two is refused naming the line where it changes.

use std::fmt;
use std::io::{self, Read, Seek, SeekFrom};

use encoding_rs::{Decoder, DecoderResult, Encoding, GB18030, GBK, UTF_8};

use super::evidence::Evidence;

/// How many bytes are looked at to detect the encoding, and the size of the
/// streaming buffers.
pub const SNIFF_LEN: usize = 64 * 1024;

/// The `--encoding` choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum EncodingChoice {
    /// Detect: byte-order mark, else UTF-8 or GBK as the whole file says.
    #[default]
    Auto,
    Utf8,
    Gbk,
    Gb18030,
}

impl EncodingChoice {
    /// Every choice, in menu order.
    pub const ALL: &'static [Self] = &[Self::Auto, Self::Utf8, Self::Gbk, Self::Gb18030];

    /// Reads a `--encoding` value: `auto`, `utf-8` (or `utf8`), `gbk`,
    /// `gb18030`, ignoring case.
    pub fn from_cli(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(Self::Auto),
            "utf-8" | "utf8" => Some(Self::Utf8),
            "gbk" => Some(Self::Gbk),
            "gb18030" => Some(Self::Gb18030),
            _ => None,
        }
    }

    /// The name used on the command line.
    pub fn cli_name(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Utf8 => "utf-8",
            Self::Gbk => "gbk",
            Self::Gb18030 => "gb18030",
        }
    }
}

/// Bytes that are not valid in the file's encoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The encoding the file was read as (`UTF-8`, `GBK`, …).
    pub encoding: &'static str,
    /// 1-based line of the bad bytes.
    pub line: u64,
    /// 0-based offset of the first bad byte from the start of the file.
    pub offset: u64,
    /// The bad bytes in hex (`FF`, `E4 B8`); may be shorter than the bad
    /// sequence when it began in an earlier buffer.
    pub bytes: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, byte offset {}: not valid {}", self.line, self.offset, self.encoding)?;
        if !self.bytes.is_empty() {
            write!(f, " (bytes {})", self.bytes)?;
        }
        let hint = if self.encoding == UTF_8.name() {
            "; if the file was saved by Excel on Chinese Windows, choose the GBK encoding \
             (--encoding gbk)"
        } else if self.encoding == GBK.name() || self.encoding == GB18030.name() {
            "; if the file is UTF-8, choose it (--encoding utf-8)"
        } else {
            ""
        };
        f.write_str(hint)
    }
}

impl std::error::Error for DecodeError {}

impl DecodeError {
    /// The message in `lang` (English is the `Display` text).
    pub fn text(&self, lang: crate::domain::Lang) -> String {
        super::in_language(self, lang, Self::zh)
    }

    /// The message in Chinese.
    fn zh(&self) -> String {
        let mut text = format!(
            "第 {} 行，字节位置 {}：不是有效的 {} 编码",
            self.line, self.offset, self.encoding
        );
        if !self.bytes.is_empty() {
            text.push_str(&format!("（字节 {}）", self.bytes));
        }
        if self.encoding == UTF_8.name() {
            text.push_str("；如果文件是中文 Windows 上的 Excel 保存的，请选择 GBK 编码");
        } else if self.encoding == GBK.name() || self.encoding == GB18030.name() {
            text.push_str("；如果文件是 UTF-8 编码，请选择 UTF-8");
        }
        text
    }
}

/// What the first bytes of a text file show is wrong with reading it,
/// before any row is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SniffProblem {
    /// NUL bytes: binary data (a picture, a zip, a database), not text.
    /// `line` (1-based) and `offset` (0-based) locate the first one.
    Binary { line: u64, offset: u64 },
    /// The text is UTF-8 with Chinese (or other non-ASCII) characters, but
    /// `encoding` (GBK or GB18030) was chosen: every character would be
    /// read as two or three wrong ones. `line` is the first such line.
    Utf8AsGbk { encoding: &'static str, line: u64 },
    /// Some lines are GBK and others UTF-8: whichever is chosen, part of
    /// the file would be garbled. `first` is the first line of the
    /// encoding seen first (`from`), `line` the first of the other (`to`).
    Mixed { line: u64, first: u64, from: &'static str, to: &'static str },
}

/// Looks at the first bytes of a file (see [`detect_encoding`] for
/// `complete` and `choice`) for a file that cannot be read as text: NUL
/// bytes in its first line or on three or more lines (a single stray NUL
/// in a cell is left to the row checks, which name its row and column),
/// or UTF-8 text with GBK or GB18030 chosen, or UTF-8 and GBK lines mixed.
/// Files with a byte-order mark (UTF-16 has NUL bytes) are not judged.
/// [`DecodingReader::problem`] judges the encoding from the whole file.
pub fn sniff_problem(
    sample: &[u8],
    complete: bool,
    choice: EncodingChoice,
) -> Option<SniffProblem> {
    if Encoding::for_bom(sample).is_some() {
        return None;
    }
    binary(sample).or_else(|| encoding_problem(sample_evidence(sample, complete), choice))
}

/// NUL bytes in the first line or on three or more lines of `sample`.
fn binary(sample: &[u8]) -> Option<SniffProblem> {
    let line_of =
        |offset: usize| 1 + sample[..offset].iter().filter(|&&b| b == b'\n').count() as u64;
    if let Some(first) = sample.iter().position(|&b| b == 0) {
        let first_line_end = sample.iter().position(|&b| b == b'\n').unwrap_or(sample.len());
        let mut lines_with_nul =
            sample.split(|&b| b == b'\n').filter(|line| line.contains(&0)).count();
        if first < first_line_end {
            lines_with_nul = lines_with_nul.max(3);
        }
        if lines_with_nul >= 3 {
            return Some(SniffProblem::Binary { line: line_of(first), offset: first as u64 });
        }
    }
    None
}

/// What the lines of a file say about reading it as `choice`: UTF-8 and
/// GBK lines mixed, or UTF-8 lines with GBK or GB18030 chosen.
fn encoding_problem(evidence: Evidence, choice: EncodingChoice) -> Option<SniffProblem> {
    if choice == EncodingChoice::Utf8 {
        return None;
    }
    if let Some((first, line)) = evidence.mixed() {
        let (from, to) =
            if evidence.gbk == Some(first) { ("GBK", "UTF-8") } else { ("UTF-8", "GBK") };
        return Some(SniffProblem::Mixed { line, first, from, to });
    }
    let encoding = match choice {
        EncodingChoice::Gbk => GBK,
        EncodingChoice::Gb18030 => GB18030,
        EncodingChoice::Auto | EncodingChoice::Utf8 => return None,
    };
    let line = evidence.utf8?;
    Some(SniffProblem::Utf8AsGbk { encoding: encoding.name(), line })
}

/// The [`Evidence`] of the first bytes of a file; when they are not the
/// whole file, a character cut at their end is left out.
fn sample_evidence(sample: &[u8], complete: bool) -> Evidence {
    match std::str::from_utf8(sample) {
        Err(e) if e.error_len().is_none() && !complete => Evidence::of(&sample[..e.valid_up_to()]),
        _ => Evidence::of(sample),
    }
}

impl DecodeError {
    /// The decode error inside an I/O error returned by [`DecodingReader`].
    pub fn from_io(error: &io::Error) -> Option<&Self> {
        error.get_ref().and_then(|inner| inner.downcast_ref::<Self>())
    }

    fn into_io(self) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, self)
    }
}

/// Decides how to read a file from its first bytes: the encoding and the
/// length of its byte-order mark (to skip). `complete` says whether `sample`
/// is the whole file.
///
/// With a byte-order mark, the mark decides. Otherwise a choice other than
/// `Auto` decides. `Auto` takes what the [`Evidence`] of the sample says
/// (for [`DecodingReader`], of the whole file): GBK when some lines read
/// only as GBK and none only as UTF-8, else UTF-8 (so that in a file of
/// UTF-8 text with a bad byte the bad byte is reported, and a file that
/// mixes both is read as UTF-8 until [`SniffProblem::Mixed`] refuses it).
pub fn detect_encoding(
    sample: &[u8],
    complete: bool,
    choice: EncodingChoice,
) -> (&'static Encoding, usize) {
    if let Some(found) = Encoding::for_bom(sample) {
        return found;
    }
    (chosen(choice, || sample_evidence(sample, complete)), 0)
}

/// The encoding `choice` names, or for `Auto` the one `evidence` gives.
fn chosen(choice: EncodingChoice, evidence: impl FnOnce() -> Evidence) -> &'static Encoding {
    match choice {
        EncodingChoice::Utf8 => UTF_8,
        EncodingChoice::Gbk => GBK,
        EncodingChoice::Gb18030 => GB18030,
        EncodingChoice::Auto => match evidence() {
            Evidence { utf8: None, gbk: Some(_) } => GBK,
            _ => UTF_8,
        },
    }
}

/// Decodes a whole file held in memory. Returns the text (without a
/// byte-order mark) and the encoding used.
pub fn decode(
    bytes: &[u8],
    choice: EncodingChoice,
) -> Result<(String, &'static Encoding), DecodeError> {
    let (encoding, bom) = detect_encoding(bytes, true, choice);
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let src = &bytes[bom..];
    let mut out = String::new();
    let mut pos = 0;
    loop {
        let rest = src.len() - pos;
        out.reserve(decoder.max_utf8_buffer_length_without_replacement(rest).unwrap_or(rest) + 4);
        let (result, read) =
            decoder.decode_to_string_without_replacement(&src[pos..], &mut out, true);
        let chunk = &src[pos..pos + read];
        let chunk_offset = (bom + pos) as u64;
        pos += read;
        match result {
            DecoderResult::InputEmpty => return Ok((out, encoding)),
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, extra) => {
                let newlines = out.bytes().filter(|&b| b == b'\n').count() as u64;
                return Err(malformed(encoding, newlines, chunk_offset, chunk, bad, extra));
            }
        }
    }
}

/// The error for a malformed sequence reported by a decoder call that read
/// `chunk` (starting at file offset `chunk_offset`) and had produced
/// `newlines` line feeds before it.
fn malformed(
    encoding: &'static Encoding,
    newlines: u64,
    chunk_offset: u64,
    chunk: &[u8],
    bad: u8,
    extra: u8,
) -> DecodeError {
    let end = chunk.len().saturating_sub(usize::from(extra));
    let start = end.saturating_sub(usize::from(bad));
    let bytes: Vec<String> = chunk[start..end].iter().map(|b| format!("{b:02X}")).collect();
    let offset = (chunk_offset + end as u64).saturating_sub(u64::from(bad));
    DecodeError { encoding: encoding.name(), line: newlines + 1, offset, bytes: bytes.join(" ") }
}

/// Streams a file as UTF-8, decoding on the fly so that a large file is
/// never held whole. Made by [`decoding_reader`]. The text before a malformed
/// byte is delivered; then `read` fails with an [`io::ErrorKind::InvalidData`]
/// error holding a [`DecodeError`] (see [`DecodeError::from_io`]), and keeps
/// failing.
pub struct DecodingReader<R> {
    inner: R,
    encoding: &'static Encoding,
    /// What the lines of the whole file say (nothing with a byte-order
    /// mark or UTF-8 chosen), and the choice.
    evidence: Evidence,
    choice: EncodingChoice,
    decoder: Decoder,
    input: Box<[u8]>,
    in_start: usize,
    in_end: usize,
    output: Box<[u8]>,
    out_start: usize,
    out_end: usize,
    /// The inner reader is exhausted.
    eof: bool,
    /// The decoder has been flushed: nothing more to produce.
    done: bool,
    /// Input bytes handed to the decoder so far, from the start of the file.
    consumed: u64,
    /// Line feeds produced so far.
    newlines: u64,
    failed: Option<DecodeError>,
}

/// Wraps `input`: reads up to [`SNIFF_LEN`] bytes, and unless they start
/// with a byte-order mark or UTF-8 is chosen, the rest of the file once
/// (see [`Evidence`]) to detect the encoding for the whole file (see
/// [`detect_encoding`]); then goes back and decodes as it is read.
pub fn decoding_reader<R: Read + Seek>(
    input: R,
    choice: EncodingChoice,
) -> io::Result<DecodingReader<R>> {
    DecodingReader::new(input, choice)
}

impl<R: Read + Seek> DecodingReader<R> {
    /// See [`decoding_reader`].
    pub fn new(mut inner: R, choice: EncodingChoice) -> io::Result<Self> {
        let start = inner.stream_position()?;
        let mut input = vec![0; SNIFF_LEN].into_boxed_slice();
        let mut filled = 0;
        let mut eof = false;
        while filled < input.len() {
            match inner.read(&mut input[filled..]) {
                Ok(0) => {
                    eof = true;
                    break;
                }
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let sample = &input[..filled];
        let (encoding, bom, evidence) = match Encoding::for_bom(sample) {
            Some((encoding, bom)) => (encoding, bom, Evidence::default()),
            None if choice == EncodingChoice::Utf8 => (UTF_8, 0, Evidence::default()),
            None if eof => {
                let evidence = Evidence::of(sample);
                (chosen(choice, || evidence), 0, evidence)
            }
            None => {
                let evidence = Evidence::of_stream(sample, &mut inner, SNIFF_LEN)?;
                inner.seek(SeekFrom::Start(start + filled as u64))?;
                (chosen(choice, || evidence), 0, evidence)
            }
        };
        Ok(Self {
            inner,
            encoding,
            evidence,
            choice,
            decoder: encoding.new_decoder_without_bom_handling(),
            input,
            in_start: bom,
            in_end: filled,
            output: vec![0; SNIFF_LEN * 2].into_boxed_slice(),
            out_start: 0,
            out_end: 0,
            eof,
            done: false,
            consumed: bom as u64,
            newlines: 0,
            failed: None,
        })
    }

    /// The encoding the file is read as.
    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    /// What makes the file unreadable before any row is read: binary data
    /// in its first bytes (see [`sniff_problem`]), or, judged from the whole
    /// file, UTF-8 and GBK lines mixed or UTF-8 text with GBK chosen.
    pub fn problem(&self) -> Option<SniffProblem> {
        let (sample, _) = self.sample();
        if Encoding::for_bom(sample).is_some() {
            return None;
        }
        binary(sample).or_else(|| encoding_problem(self.evidence, self.choice))
    }

    /// The first bytes of the file (up to [`SNIFF_LEN`], its byte-order
    /// mark included) and whether they are the whole file; only before the
    /// first `read`.
    pub fn sample(&self) -> (&[u8], bool) {
        (&self.input[..self.in_end], self.eof)
    }

    /// Reads more input once the buffer is used up.
    fn refill(&mut self) -> io::Result<()> {
        self.in_start = 0;
        self.in_end = 0;
        loop {
            match self.inner.read(&mut self.input) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.in_end = n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Runs the decoder once over the buffered input.
    fn decode_some(&mut self) {
        let chunk = &self.input[self.in_start..self.in_end];
        let last = self.eof;
        let (result, read, written) =
            self.decoder.decode_to_utf8_without_replacement(chunk, &mut self.output, last);
        let chunk_offset = self.consumed;
        self.newlines += self.output[..written].iter().filter(|&&b| b == b'\n').count() as u64;
        self.consumed += read as u64;
        self.out_start = 0;
        self.out_end = written;
        match result {
            DecoderResult::InputEmpty => self.done = last,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, extra) => {
                let chunk = &chunk[..read];
                let error =
                    malformed(self.encoding, self.newlines, chunk_offset, chunk, bad, extra);
                // The text before the bad bytes is still delivered first.
                self.failed = Some(error);
            }
        }
        self.in_start += read;
    }
}

impl<R: Read + Seek> Read for DecodingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_start < self.out_end {
                let n = buf.len().min(self.out_end - self.out_start);
                buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
                self.out_start += n;
                return Ok(n);
            }
            if let Some(error) = &self.failed {
                return Err(error.clone().into_io());
            }
            if self.done || buf.is_empty() {
                return Ok(0);
            }
            if self.in_start == self.in_end && !self.eof {
                self.refill()?;
                continue;
            }
            self.decode_some();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `step` bytes per call, to cross every
    /// buffer boundary.
    struct Trickle<'a> {
        bytes: io::Cursor<&'a [u8]>,
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.step);
            self.bytes.read(&mut buf[..n])
        }
    }

    impl Seek for Trickle<'_> {
        fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
            self.bytes.seek(to)
        }
    }

    fn stream(bytes: &[u8], choice: EncodingChoice) -> (Result<String, io::Error>, &'static str) {
        let mut reader =
            decoding_reader(Trickle { bytes: io::Cursor::new(bytes), step: 7 }, choice)
                .expect("sniff");
        let name = reader.encoding().name();
        let mut text = String::new();
        (reader.read_to_string(&mut text).map(|_| text), name)
    }

    // `￥` (full-width) is in GBK; `¥` is not.
    const TEXT: &str = "客户代码,日期,金额\nC-1,2026-03-01,￥1,234.50\n张三,李四,王五\n";

    #[test]
    fn gbk_is_detected_and_decoded() {
        let (gbk, _, unmappable) = GBK.encode(TEXT);
        assert!(!unmappable);
        assert_eq!(decode(&gbk, EncodingChoice::Auto), Ok((TEXT.to_owned(), GBK)));
        let (text, name) = stream(&gbk, EncodingChoice::Auto);
        assert_eq!(text.expect("decodes"), TEXT);
        assert_eq!(name, "GBK");
        assert_eq!(decode(&gbk, EncodingChoice::Gb18030).map(|(t, _)| t), Ok(TEXT.to_owned()));
    }

    #[test]
    fn gb18030_four_byte_characters_are_read_under_auto() {
        // 𠀀 and € have no two-byte GBK form: GB18030 writes them in four bytes.
        let text = "名称,备注\n𠀀,€1\n";
        let (bytes, _, unmappable) = GB18030.encode(text);
        assert!(!unmappable);
        assert_eq!(decode(&bytes, EncodingChoice::Auto).map(|(t, _)| t), Ok(text.to_owned()));
        let (streamed, _) = stream(&bytes, EncodingChoice::Auto);
        assert_eq!(streamed.expect("decodes"), text);
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(TEXT.as_bytes());
        for bytes in [TEXT.as_bytes(), bom.as_slice()] {
            assert_eq!(decode(bytes, EncodingChoice::Auto), Ok((TEXT.to_owned(), UTF_8)));
            let (text, name) = stream(bytes, EncodingChoice::Auto);
            assert_eq!((text.expect("decodes").as_str(), name), (TEXT, "UTF-8"));
        }
        // The mark wins over a contrary choice.
        assert_eq!(decode(&bom, EncodingChoice::Gbk), Ok((TEXT.to_owned(), UTF_8)));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(TEXT.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(TEXT.encode_utf16().flat_map(u16::to_be_bytes));
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            assert_eq!(
                decode(&bytes, EncodingChoice::Utf8).map(|(t, e)| (t, e.name())),
                Ok((TEXT.to_owned(), name))
            );
            let (text, found) = stream(&bytes, EncodingChoice::Auto);
            assert_eq!((text.expect("decodes").as_str(), found), (TEXT, name));
        }
    }

    #[test]
    fn invalid_utf8_names_line_and_offset() {
        let mut bytes = b"code,name\nC-1,ok\nC-2,bad".to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice(b"x\n");
        let expected = DecodeError { encoding: "UTF-8", line: 3, offset: 24, bytes: "FF".into() };
        assert_eq!(decode(&bytes, EncodingChoice::Utf8), Err(expected.clone()));
        let (text, _) = stream(&bytes, EncodingChoice::Utf8);
        let error = text.expect_err("malformed");
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert_eq!(DecodeError::from_io(&error), Some(&expected));
        assert_eq!(
            expected.to_string(),
            "line 3, byte offset 24: not valid UTF-8 (bytes FF); if the file was saved by Excel \
             on Chinese Windows, choose the GBK encoding (--encoding gbk)"
        );
    }

    #[test]
    fn broken_utf8_text_stays_utf8_under_auto() {
        let mut bytes = "名称,备注\n张三,很好\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xE4\xB8,x\n");
        let error = decode(&bytes, EncodingChoice::Auto).expect_err("truncated character");
        assert_eq!((error.encoding, error.line, error.offset), ("UTF-8", 3, 28));
        assert_eq!(error.bytes, "E4 B8");
    }

    #[test]
    fn errors_far_into_a_stream_count_lines_across_buffers() {
        let line = "C-000001,2026-03-01,100.00,广州\n";
        let lines = 10_000;
        let mut bytes = line.repeat(lines).into_bytes();
        let offset = bytes.len() as u64;
        bytes.push(0x80);
        let (text, name) = stream(&bytes, EncodingChoice::Auto);
        assert_eq!(name, "UTF-8");
        let error = text.expect_err("malformed");
        let error = DecodeError::from_io(&error).expect("a decode error");
        assert_eq!((error.line, error.offset), (lines as u64 + 1, offset));

        let repeated = line.repeat(lines);
        let (gbk, _, _) = GBK.encode(&repeated);
        let (text, name) = stream(&gbk, EncodingChoice::Auto);
        assert_eq!(name, "GBK");
        assert_eq!(text.expect("decodes").len(), line.len() * lines);
    }

    #[test]
    fn binary_data_and_utf8_read_as_gbk_are_found_first() {
        let csv = b"code,name\nC-1,ok\n";
        assert_eq!(sniff_problem(csv, true, EncodingChoice::Auto), None);
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend((0..=255u8).cycle().take(1024));
        assert_eq!(
            sniff_problem(&png, true, EncodingChoice::Auto),
            Some(SniffProblem::Binary { line: 3, offset: 8 })
        );
        let header_nul = b"co\0de,name\nC-1,ok\n";
        assert_eq!(
            sniff_problem(header_nul, true, EncodingChoice::Auto),
            Some(SniffProblem::Binary { line: 1, offset: 2 })
        );
        let one_cell = b"code,name\nC-1,o\0k\nC-2,x\n";
        assert_eq!(sniff_problem(one_cell, true, EncodingChoice::Auto), None, "left to the rows");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("code\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff_problem(&utf16, true, EncodingChoice::Auto), None);

        let utf8 = "code,name\nC-1,张三\n".as_bytes();
        assert_eq!(sniff_problem(utf8, true, EncodingChoice::Utf8), None);
        assert_eq!(sniff_problem(utf8, true, EncodingChoice::Auto), None);
        assert_eq!(
            sniff_problem(utf8, true, EncodingChoice::Gbk),
            Some(SniffProblem::Utf8AsGbk { encoding: "GBK", line: 2 })
        );
        assert_eq!(
            sniff_problem(&utf8[..utf8.len() - 2], false, EncodingChoice::Gb18030),
            Some(SniffProblem::Utf8AsGbk { encoding: "gb18030", line: 2 }),
            "a character cut at the end of the sample"
        );
        let (gbk, _, _) = GBK.encode("code,name\nC-1,张三\n");
        assert_eq!(sniff_problem(&gbk, true, EncodingChoice::Gbk), None);
        assert_eq!(sniff_problem(csv, true, EncodingChoice::Gbk), None, "ASCII is both");
    }

    #[test]
    fn cli_names() {
        for choice in EncodingChoice::ALL {
            assert_eq!(EncodingChoice::from_cli(choice.cli_name()), Some(*choice));
        }
        assert_eq!(EncodingChoice::from_cli("UTF8"), Some(EncodingChoice::Utf8));
        assert_eq!(EncodingChoice::from_cli("latin1"), None);
    }
}
