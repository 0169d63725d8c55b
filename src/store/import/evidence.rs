//! What the lines of a text file without a byte-order mark say about its
//! encoding, judged over the whole file in one streaming pass (DOMAIN §5):
//! valid UTF-8 is UTF-8, otherwise GB18030 (GBK) when that decodes it, and
//! a file that mixes the two is refused naming the line where it changes.
//!
//! Short GBK text can also be valid UTF-8 by chance: 郑爽 in GBK is the
//! bytes `D6 A3 CB AC`, which UTF-8 reads as a Hebrew accent and a modifier
//! letter; and UTF-8 Chinese often decodes as GBK, into rare characters.
//! So a line that both read without error counts for the reading that
//! gives only the characters a Chinese office file holds (CJK, Chinese and
//! Latin punctuation, Latin letters, pinyin; GB2312 for GBK) while the
//! other gives odd ones. A line neither reading prefers counts for none.

use std::io::{self, Read};

use encoding_rs::GB18030;

/// The first line (1-based) that reads only as UTF-8, and the first that
/// reads only as GBK (both `None` for ASCII text).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    pub utf8: Option<u64>,
    pub gbk: Option<u64>,
}

impl Evidence {
    /// The evidence of a whole file held in memory.
    pub fn of(bytes: &[u8]) -> Self {
        let mut scan = Scan::default();
        scan.feed(bytes);
        scan.finish()
    }

    /// The evidence of `head` (already read) and the rest of `input`,
    /// read to its end (or until both encodings have been seen) in buffers
    /// of `buffer` bytes.
    pub fn of_stream(head: &[u8], input: &mut impl Read, buffer: usize) -> io::Result<Self> {
        let mut scan = Scan::default();
        scan.feed(head);
        let mut buf = vec![0; buffer];
        while !scan.decided() {
            match input.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => scan.feed(&buf[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(scan.finish())
    }

    /// Both encodings were seen: `(first, changes)`, the first line of
    /// the one seen first and the first line of the other.
    pub fn mixed(self) -> Option<(u64, u64)> {
        let (utf8, gbk) = (self.utf8?, self.gbk?);
        Some((utf8.min(gbk), utf8.max(gbk)))
    }
}

/// The streaming pass: whole lines are judged, a partial one is kept until
/// its end arrives.
#[derive(Default)]
struct Scan {
    evidence: Evidence,
    /// The number of the next line to judge.
    line: u64,
    /// The start of a line whose end has not arrived yet.
    pending: Vec<u8>,
}

impl Scan {
    fn decided(&self) -> bool {
        self.evidence.mixed().is_some()
    }

    fn feed(&mut self, mut bytes: &[u8]) {
        if !self.pending.is_empty() {
            let Some(end) = bytes.iter().position(|&b| b == b'\n') else {
                self.pending.extend_from_slice(bytes);
                return;
            };
            let mut line = std::mem::take(&mut self.pending);
            line.extend_from_slice(&bytes[..=end]);
            self.lines(&line);
            bytes = &bytes[end + 1..];
        }
        let whole = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |end| end + 1);
        self.lines(&bytes[..whole]);
        self.pending.extend_from_slice(&bytes[whole..]);
    }

    fn finish(mut self) -> Evidence {
        let last = std::mem::take(&mut self.pending);
        self.lines(&last);
        self.evidence
    }

    /// Judges whole lines: stretches of valid UTF-8 in one go, and each
    /// line that is not valid UTF-8 alone.
    fn lines(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() && !self.decided() {
            let bad = match std::str::from_utf8(bytes) {
                Ok(text) => return self.utf8_lines(text),
                Err(e) => e.valid_up_to(),
            };
            let start = bytes[..bad].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let end =
                bytes[bad..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| bad + i + 1);
            if let Ok(text) = std::str::from_utf8(&bytes[..start]) {
                self.utf8_lines(text);
            }
            if self.evidence.gbk.is_none() && gb_odd(&bytes[start..end]).is_some() {
                self.evidence.gbk = Some(self.line + 1);
            }
            self.line += 1;
            bytes = &bytes[end..];
        }
    }

    /// Judges lines of valid UTF-8.
    fn utf8_lines(&mut self, text: &str) {
        if text.is_ascii() {
            self.line += text.bytes().filter(|&b| b == b'\n').count() as u64;
            return;
        }
        for line in text.split_inclusive('\n') {
            self.line += 1;
            if line.is_ascii() {
                continue;
            }
            let utf8_odd = utf8_odd(line);
            // Once UTF-8 is seen, only a line with odd characters can be GBK.
            if self.evidence.utf8.is_some() && utf8_odd == 0 {
                continue;
            }
            let only_utf8 = match gb_odd(line.as_bytes()) {
                None => true,
                Some(gb_odd) if utf8_odd == 0 && gb_odd > 0 => true,
                Some(0) if utf8_odd > 0 => false,
                Some(_) => continue,
            };
            let seen = if only_utf8 { &mut self.evidence.utf8 } else { &mut self.evidence.gbk };
            seen.get_or_insert(self.line);
            if self.decided() {
                return;
            }
        }
    }
}

/// How many characters of `line` a Chinese office file would not hold
/// where they stand (see [`expected`]).
fn utf8_odd(line: &str) -> usize {
    let (mut odd, mut before) = (0, '\n');
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let after = chars.peek().copied().unwrap_or('\n');
        odd += usize::from(!c.is_ascii() && !expected(c, before, after));
        before = c;
    }
    odd
}

/// A character a Chinese office file holds between `before` and `after`:
/// the middle dot of names (·); Latin-1 (¥, °, é) and pinyin letters next
/// to an ASCII letter or digit (GBK names such as 卢梅 read as UTF-8 are
/// Latin-1 symbols standing alone: `¬÷`); punctuation and symbols; CJK
/// (ideographs, punctuation, kana, full-width forms); emoji and the rarer
/// ideographs beyond U+FFFF.
fn expected(c: char, before: char, after: char) -> bool {
    if c == '·' {
        return true;
    }
    if ('\u{A0}'..='\u{24F}').contains(&c) {
        let latin = matches!(u32::from(c), 0xA0..=0x17F | 0x1CE..=0x1DC);
        return latin && (before.is_ascii_alphanumeric() || after.is_ascii_alphanumeric());
    }
    matches!(
        u32::from(c),
        0x2000..=0x2BFF
            | 0x2E80..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFFEF
            | 0x1_0000..
    )
}

/// How many characters of `bytes` read as GB18030 lie outside GB2312 (the
/// characters of everyday Chinese text), or `None` when `bytes` are not
/// valid GB18030.
fn gb_odd(bytes: &[u8]) -> Option<usize> {
    GB18030.decode_without_bom_handling_and_without_replacement(bytes)?;
    let (mut odd, mut i) = (0, 0);
    while let Some(&lead) = bytes.get(i) {
        i += match (lead, bytes.get(i + 1)) {
            (0..=0x7F, _) => 1,
            (0x81..=0xFE, Some(0x30..=0x39)) => {
                odd += 1;
                4
            }
            (0x81..=0xFE, Some(&trail)) => {
                let gb2312 = matches!(lead, 0xA1..=0xA9 | 0xB0..=0xF7) && trail >= 0xA1;
                odd += usize::from(!gb2312);
                2
            }
            _ => {
                odd += 1;
                1
            }
        };
    }
    Some(odd)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(text: &str) -> Vec<u8> {
        encoding_rs::GBK.encode(text).0.into_owned()
    }

    #[test]
    fn gbk_that_is_also_utf8_counts_as_gbk() {
        let bytes = gbk("name\n郑爽\n袁隆平\n");
        assert!(std::str::from_utf8(&bytes).is_ok(), "valid UTF-8 by chance");
        assert_eq!(Evidence::of(&bytes), Evidence { utf8: None, gbk: Some(2) });
    }

    #[test]
    fn utf8_that_is_also_gbk_counts_as_utf8() {
        let text = "name\nCafé\n张三\n";
        assert!(
            GB18030.decode_without_bom_handling_and_without_replacement(text.as_bytes()).is_some()
        );
        assert_eq!(Evidence::of(text.as_bytes()), Evidence { utf8: Some(3), gbk: None });
        assert_eq!(Evidence::of(b"code\nC-1\n"), Evidence::default());
    }

    #[test]
    fn a_change_of_encoding_is_found_across_buffers() {
        let mut bytes = gbk("名称\n");
        bytes.extend(b"x\n".repeat(100_000));
        bytes.extend_from_slice("张三\n".as_bytes());
        bytes.extend_from_slice(&gbk("王芳\n"));
        let whole = Evidence::of(&bytes);
        assert_eq!(whole, Evidence { utf8: Some(100_002), gbk: Some(1) });
        assert_eq!(whole.mixed(), Some((1, 100_002)));
        for step in [7, 4096] {
            let (head, rest) = bytes.split_at(100);
            let streamed = Evidence::of_stream(head, &mut &rest[..], step).expect("reads");
            assert_eq!(streamed, whole, "{step}");
        }
    }
}
