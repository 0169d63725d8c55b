//! Parsers for the text of one import cell: dates, times, amounts, booleans,
//! temperatures and levels, each refusing anything it does not fully
//! understand with a message that says what was expected (CLI.md `import`).
//!
//! Every parser takes text that is already trimmed and not empty (the row
//! parser handles empty cells); surrounding spaces are still tolerated.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::super::Lang;
use super::super::money::MAX_ROW_CENTS;

/// Why a cell's text is not a value of the expected type. The messages are
/// complete sentences for people, in English.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("not a date: expected YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD or YYYY年M月D日")]
    NotDate,
    #[error("no such day in the calendar: {year:04}-{month:02}-{day:02}")]
    NoSuchDay { year: i32, month: u32, day: u32 },
    #[error(
        "not a date-time: expected a date (YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD or YYYY年M月D日) \
         and a time HH:MM or HH:MM:SS, separated by a space or T"
    )]
    NotDateTime,
    #[error("not a time: expected HH:MM or HH:MM:SS (24-hour clock)")]
    NotTime,
    #[error(
        "not an amount: expected a number with at most 2 decimals, such as 1234.50, \
         ¥1,234.50, -20 or (20.00)"
    )]
    NotAmount,
    #[error("too many decimals: amounts have at most 2 (cents)")]
    AmountDecimals,
    #[error(
        "misplaced thousands separator: commas must separate groups of 3 digits, \
         as in 1,234,567.89"
    )]
    Grouping,
    #[error("amount too large: a row holds at most 1,000,000,000.00")]
    AmountTooLarge,
    #[error("not yes or no: expected yes/no, 是/否, true/false, 1/0, y/n or √/×")]
    NotBool,
    #[error(
        "not a temperature: expected degrees Celsius with at most 1 decimal, such as 26 or 28.5"
    )]
    NotTemp,
    #[error("too many decimals: temperatures have at most 1 decimal")]
    TempDecimals,
    #[error("temperature out of range: expected between -50 and 60 °C")]
    TempRange,
    #[error("not a level: expected a whole number from 1 to 5")]
    NotLevel,
    #[error("not a quantity: expected a number such as 3 or 2.5")]
    NotQuantity,
    #[error("not an id: expected a whole number greater than 0")]
    NotId,
    #[error("not a percentage: expected a whole number from 0 to 100, such as 40 or 40%")]
    NotPercent,
}

impl ValueError {
    /// The message in `lang` (English is the `Display` text).
    pub fn text(&self, lang: Lang) -> String {
        super::in_lang(lang, self, || self.text_zh())
    }

    /// The message in Chinese.
    fn text_zh(&self) -> String {
        match self {
            Self::NotDate => {
                "不是日期：应为 YYYY-MM-DD、YYYY/MM/DD、YYYYMMDD 或 YYYY年M月D日".to_owned()
            }
            Self::NoSuchDay { year, month, day } => {
                format!("日历上没有这一天：{year:04}-{month:02}-{day:02}")
            }
            Self::NotDateTime => "不是日期时间：应为日期（YYYY-MM-DD、YYYY/MM/DD、YYYYMMDD 或 \
                                  YYYY年M月D日）加时间 HH:MM 或 HH:MM:SS，中间用空格或 T 分开"
                .to_owned(),
            Self::NotTime => "不是时间：应为 HH:MM 或 HH:MM:SS（24 小时制）".to_owned(),
            Self::NotAmount => "不是金额：应为最多 2 位小数的数字，如 1234.50、¥1,234.50、-20 \
                                或 (20.00)"
                .to_owned(),
            Self::AmountDecimals => "小数位太多：金额最多 2 位小数（分）".to_owned(),
            Self::Grouping => "千位分隔符位置不对：逗号应每 3 位一组，如 1,234,567.89".to_owned(),
            Self::AmountTooLarge => "金额太大：每行最多 1,000,000,000.00".to_owned(),
            Self::NotBool => {
                "不是是或否：应为 是/否、yes/no、true/false、1/0、y/n 或 √/×".to_owned()
            }
            Self::NotTemp => "不是温度：应为摄氏度，最多 1 位小数，如 26 或 28.5".to_owned(),
            Self::TempDecimals => "小数位太多：温度最多 1 位小数".to_owned(),
            Self::TempRange => "温度超出范围：应在 -50 到 60 摄氏度之间".to_owned(),
            Self::NotLevel => "不是等级：应为 1 到 5 的整数".to_owned(),
            Self::NotQuantity => "不是数量：应为数字，如 3 或 2.5".to_owned(),
            Self::NotId => "不是编号：应为大于 0 的整数".to_owned(),
            Self::NotPercent => "不是百分比：应为 0 到 100 的整数，如 40 或 40%".to_owned(),
        }
    }
}

/// Parses a date: `YYYY-MM-DD`, `YYYY/MM/DD` (month and day may have one
/// digit), `YYYYMMDD`, or `YYYY年M月D日`. A well-formed date that is not in
/// the calendar (`2026-02-30`) is [`ValueError::NoSuchDay`].
pub fn parse_date(text: &str) -> Result<NaiveDate, ValueError> {
    let text = text.trim();
    let (year, month, day) = date_parts(text).ok_or(ValueError::NotDate)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(ValueError::NoSuchDay { year, month, day })
}

/// The year, month and day written in `text`, if it has one of the accepted
/// shapes (the numbers are not checked against the calendar).
fn date_parts(text: &str) -> Option<(i32, u32, u32)> {
    if text.len() == 8 && is_digits(text) {
        return Some((number(&text[..4])?, number(&text[4..6])?, number(&text[6..])?));
    }
    let (year, rest, month_end, day_end) = if let Some((y, rest)) = text.split_once('年') {
        (y, rest, '月', Some('日'))
    } else if let Some((y, rest)) = text.split_once('-') {
        (y, rest, '-', None)
    } else {
        let (y, rest) = text.split_once('/')?;
        (y, rest, '/', None)
    };
    let (month, day) = rest.split_once(month_end)?;
    let day = match day_end {
        Some(end) => day.strip_suffix(end)?,
        None => day,
    };
    let short = |s: &str| (1..=2).contains(&s.len()) && is_digits(s);
    if year.len() != 4 || !is_digits(year) || !short(month) || !short(day) {
        return None;
    }
    Some((number(year)?, number(month)?, number(day)?))
}

/// Parses a time of day: `H:MM`, `HH:MM` or `HH:MM:SS` on a 24-hour clock.
pub fn parse_time(text: &str) -> Result<NaiveTime, ValueError> {
    let text = text.trim();
    let mut parts = text.split(':');
    let hour = parts.next().ok_or(ValueError::NotTime)?;
    let minute = parts.next().ok_or(ValueError::NotTime)?;
    let second = parts.next();
    if parts.next().is_some()
        || !(1..=2).contains(&hour.len())
        || !is_digits(hour)
        || minute.len() != 2
        || !is_digits(minute)
        || second.is_some_and(|s| s.len() != 2 || !is_digits(s))
    {
        return Err(ValueError::NotTime);
    }
    let field = |s: &str| number::<u32>(s).ok_or(ValueError::NotTime);
    let second = second.map_or(Ok(0), field)?;
    NaiveTime::from_hms_opt(field(hour)?, field(minute)?, second).ok_or(ValueError::NotTime)
}

/// Parses a date-time: a date as [`parse_date`] reads it, then `HH:MM` or
/// `HH:MM:SS`, separated by spaces or a `T` (after `日` the separator may be
/// left out: `2026年3月1日10:30`). A date alone is refused.
pub fn parse_datetime(text: &str) -> Result<NaiveDateTime, ValueError> {
    let text = text.trim();
    let split = text
        .split_once('T')
        .or_else(|| text.split_once(char::is_whitespace))
        .or_else(|| text.split_once('日').filter(|(_, t)| !t.is_empty()));
    let (date, time) = split.ok_or(ValueError::NotDateTime)?;
    // Spaces around a `T` separator belong to neither part.
    let (date, time) = (date.trim_end(), time.trim_start());
    // Put back the `日` that `split_once('日')` consumed.
    let date_text;
    let date = if text.contains('日') && !date.ends_with('日') {
        date_text = format!("{date}日");
        date_text.as_str()
    } else {
        date
    };
    let date = match parse_date(date) {
        Ok(date) => date,
        Err(no_such_day @ ValueError::NoSuchDay { .. }) => return Err(no_such_day),
        Err(_) => return Err(ValueError::NotDateTime),
    };
    let time = parse_time(time).map_err(|_| ValueError::NotDateTime)?;
    Ok(date.and_time(time))
}

/// Parses a date with an optional time (`parse_datetime` or `parse_date`);
/// a date alone is that day at 00:00.
pub fn parse_date_maybe_time(text: &str) -> Result<NaiveDateTime, ValueError> {
    match parse_date(text) {
        Ok(date) => Ok(date.and_time(NaiveTime::MIN)),
        Err(no_such_day @ ValueError::NoSuchDay { .. }) => Err(no_such_day),
        Err(_) => parse_datetime(text),
    }
}

/// Parses money into integer cents, exactly (no floating point).
///
/// Accepted: digits with at most 2 decimals (`1234`, `1234.5`, `1234.50`);
/// thousands separators `,` only in groups of 3 after a first group of 1–3
/// digits (`1,234,567.89`; `1,23` and `1234,567` are refused); a currency
/// sign `¥`, `￥`, `$` or `RMB` before the number and/or `元` after it; a
/// leading `-` or `+` (before or after the currency sign) or parentheses for
/// a negative amount (`(1,234.50)`). Three or more decimals are refused
/// rather than rounded, so that `1.234` (a European "1234") cannot slip in
/// as 1.23. An amount beyond [`MAX_ROW_CENTS`] either way is refused, so
/// that no file's sums can overflow.
pub fn parse_amount_cents(text: &str) -> Result<i64, ValueError> {
    let text = text.trim();
    let (negative_paren, text) = match text.strip_prefix(['(', '（']) {
        Some(inner) => {
            let inner = inner.strip_suffix([')', '）']).ok_or(ValueError::NotAmount)?;
            (true, inner.trim())
        }
        None => (false, text),
    };
    let (sign1, text) = strip_sign(text);
    let text = strip_currency(text);
    let (sign2, text) = strip_sign(text);
    let text = text.strip_suffix('元').map_or(text, str::trim_end);
    let negative = match (negative_paren, sign1, sign2) {
        (false, None, None) => false,
        (false, Some(neg), None) | (false, None, Some(neg)) => neg,
        (true, None, None) => true,
        _ => return Err(ValueError::NotAmount),
    };

    let (int, frac) = match text.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (text, None),
    };
    if int.is_empty() || !int.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return Err(ValueError::NotAmount);
    }
    if let Some(frac) = frac {
        if frac.is_empty() || !is_digits(frac) {
            return Err(ValueError::NotAmount);
        }
        if frac.len() > 2 {
            return Err(ValueError::AmountDecimals);
        }
    }
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or_default();
        if !(1..=3).contains(&first.len()) || groups.any(|g| g.len() != 3) {
            return Err(ValueError::Grouping);
        }
    }

    let digits = int.bytes().filter(u8::is_ascii_digit);
    let frac = frac.unwrap_or_default();
    let cents_digits = frac.bytes().chain(std::iter::repeat(b'0')).take(2);
    let mut cents: i64 = 0;
    for digit in digits.chain(cents_digits) {
        cents = cents
            .checked_mul(10)
            .and_then(|c| c.checked_add(i64::from(digit - b'0')))
            .ok_or(ValueError::AmountTooLarge)?;
    }
    if cents > MAX_ROW_CENTS {
        return Err(ValueError::AmountTooLarge);
    }
    Ok(if negative { -cents } else { cents })
}

/// Removes a leading sign; `Some(true)` for minus (`-` or `−`).
fn strip_sign(text: &str) -> (Option<bool>, &str) {
    if let Some(rest) = text.strip_prefix(['-', '−']) {
        (Some(true), rest.trim_start())
    } else if let Some(rest) = text.strip_prefix('+') {
        (Some(false), rest.trim_start())
    } else {
        (None, text)
    }
}

/// Removes a leading currency sign (`¥`, `￥`, `$`, `RMB`, `CNY`).
fn strip_currency(text: &str) -> &str {
    for sign in ["¥", "￥", "$", "RMB", "rmb", "CNY", "cny"] {
        if let Some(rest) = text.strip_prefix(sign) {
            return rest.trim_start();
        }
    }
    text
}

/// Parses a yes/no answer, ignoring case: `yes`/`no`, `y`/`n`, `true`/`false`,
/// `1`/`0`, `是`/`否`, and the check marks `√`/`✓`/`✔` and `×`/`✗`/`✘` of
/// paper check sheets.
pub fn parse_bool(text: &str) -> Result<bool, ValueError> {
    let lower = text.trim().to_lowercase();
    match lower.as_str() {
        "yes" | "y" | "true" | "1" | "是" | "√" | "✓" | "✔" => Ok(true),
        "no" | "n" | "false" | "0" | "否" | "×" | "✗" | "✘" => Ok(false),
        _ => Err(ValueError::NotBool),
    }
}

/// Lowest and highest temperature accepted, in tenths of °C. The range
/// catches a missing decimal point (`285` for 28.5) while leaving room for
/// any reading an office can have (AC-WINTER needs readings below 5 °C).
const TEMP_RANGE_TENTHS: std::ops::RangeInclusive<i32> = -500..=600;

/// Parses degrees Celsius into tenths of a degree: `28.5` → 285, `29` → 290,
/// `-3.5` → -35; a unit `°C`, `℃` or `°` may follow. At most 1 decimal;
/// readings outside -50 … 60 °C are refused.
pub fn parse_temp_tenths(text: &str) -> Result<i32, ValueError> {
    let text = text.trim();
    let text = ["°C", "°c", "℃", "°"]
        .iter()
        .find_map(|unit| text.strip_suffix(unit))
        .map_or(text, str::trim_end);
    let (sign, text) = strip_sign(text);
    let negative = sign == Some(true);
    let (int, frac) = match text.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (text, None),
    };
    if int.is_empty() || !is_digits(int) || frac.is_some_and(|f| f.is_empty() || !is_digits(f)) {
        return Err(ValueError::NotTemp);
    }
    let frac = frac.unwrap_or("0");
    if frac.len() > 1 {
        return Err(ValueError::TempDecimals);
    }
    // More than 4 integer digits is out of range anyway; this also keeps the
    // arithmetic below far from overflow.
    if int.trim_start_matches('0').len() > 4 {
        return Err(ValueError::TempRange);
    }
    let whole: i32 = number(int).ok_or(ValueError::NotTemp)?;
    let tenth: i32 = number(frac).ok_or(ValueError::NotTemp)?;
    let tenths = whole * 10 + tenth;
    let tenths = if negative { -tenths } else { tenths };
    if TEMP_RANGE_TENTHS.contains(&tenths) { Ok(tenths) } else { Err(ValueError::TempRange) }
}

/// Parses a satisfaction level, a whole number from 1 to 5.
pub fn parse_level_1_5(text: &str) -> Result<u8, ValueError> {
    match text.trim() {
        "1" => Ok(1),
        "2" => Ok(2),
        "3" => Ok(3),
        "4" => Ok(4),
        "5" => Ok(5),
        _ => Err(ValueError::NotLevel),
    }
}

/// Parses a quantity: digits with an optional decimal part and sign, with or
/// without thousands separators (`3`, `2.5`, `-1`, `1,200`). No exponents,
/// no `inf` or `NaN`.
pub fn parse_quantity(text: &str) -> Result<f64, ValueError> {
    let text = text.trim();
    let (sign, body) = strip_sign(text);
    let negative = sign == Some(true);
    let (int, frac) = match body.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (body, None),
    };
    let grouped_ok = !int.contains(',') || {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or_default();
        (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
    };
    if int.is_empty()
        || !int.chars().all(|c| c.is_ascii_digit() || c == ',')
        || !grouped_ok
        || frac.is_some_and(|f| f.is_empty() || !is_digits(f))
    {
        return Err(ValueError::NotQuantity);
    }
    let plain: String = int.chars().filter(char::is_ascii_digit).collect();
    let plain = match frac {
        Some(frac) => format!("{plain}.{frac}"),
        None => plain,
    };
    let value: f64 = plain.parse().map_err(|_| ValueError::NotQuantity)?;
    if !value.is_finite() {
        return Err(ValueError::NotQuantity);
    }
    Ok(if negative { -value } else { value })
}

/// Parses a percentage: a whole number from 0 to 100, with or without `%`
/// (`40`, `40%`, `40 %`).
pub fn parse_percent(text: &str) -> Result<u8, ValueError> {
    let text = text.trim();
    let digits = text.strip_suffix('%').or_else(|| text.strip_suffix('％')).unwrap_or(text);
    let digits = digits.trim_end();
    match number::<u8>(digits) {
        Some(pct) if is_digits(digits) && digits.len() <= 3 && pct <= 100 => Ok(pct),
        _ => Err(ValueError::NotPercent),
    }
}

/// Parses a row id: a whole number greater than 0.
pub fn parse_id(text: &str) -> Result<i64, ValueError> {
    let text = text.trim();
    if text.is_empty() || !is_digits(text) {
        return Err(ValueError::NotId);
    }
    match text.parse::<i64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(ValueError::NotId),
    }
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

fn number<T: std::str::FromStr>(digits: &str) -> Option<T> {
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn check<T: PartialEq + std::fmt::Debug>(
        parse: fn(&str) -> Result<T, ValueError>,
        cases: &[(&str, Result<T, ValueError>)],
    ) {
        for (text, expected) in cases {
            assert_eq!(&parse(text), expected, "input {text:?}");
        }
    }

    #[test]
    fn dates_in_every_accepted_format() {
        let d = Ok(date(2026, 3, 1));
        check(
            parse_date,
            &[
                ("2026-03-01", d.clone()),
                ("2026-3-1", d.clone()),
                ("2026/03/01", d.clone()),
                ("2026/3/1", d.clone()),
                ("20260301", d.clone()),
                ("2026年3月1日", d.clone()),
                ("2026年03月01日", d.clone()),
                ("  2026-03-01 ", d),
                ("2024-02-29", Ok(date(2024, 2, 29))),
            ],
        );
    }

    #[test]
    fn dates_refused() {
        check(
            parse_date,
            &[
                ("2026-02-30", Err(ValueError::NoSuchDay { year: 2026, month: 2, day: 30 })),
                ("2026-13-01", Err(ValueError::NoSuchDay { year: 2026, month: 13, day: 1 })),
                ("20260230", Err(ValueError::NoSuchDay { year: 2026, month: 2, day: 30 })),
                ("2026年2月30日", Err(ValueError::NoSuchDay { year: 2026, month: 2, day: 30 })),
                ("26-03-01", Err(ValueError::NotDate)),
                ("2026-003-01", Err(ValueError::NotDate)),
                ("2026-03/01", Err(ValueError::NotDate)),
                ("2026.03.01", Err(ValueError::NotDate)),
                ("2026年3月1", Err(ValueError::NotDate)),
                ("2026031", Err(ValueError::NotDate)),
                ("01/03/2026", Err(ValueError::NotDate)),
                ("2026-03-01 10:00", Err(ValueError::NotDate)),
                ("yesterday", Err(ValueError::NotDate)),
                ("", Err(ValueError::NotDate)),
            ],
        );
        assert_eq!(
            ValueError::NotDate.to_string(),
            "not a date: expected YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD or YYYY年M月D日"
        );
        assert_eq!(
            ValueError::NoSuchDay { year: 2026, month: 2, day: 30 }.to_string(),
            "no such day in the calendar: 2026-02-30"
        );
    }

    #[test]
    fn times_and_date_times() {
        let t = |h, m, s| NaiveTime::from_hms_opt(h, m, s).expect("valid test time");
        check(
            parse_time,
            &[
                ("09:30", Ok(t(9, 30, 0))),
                ("9:30", Ok(t(9, 30, 0))),
                ("23:59:59", Ok(t(23, 59, 59))),
                ("24:00", Err(ValueError::NotTime)),
                ("09:60", Err(ValueError::NotTime)),
                ("09:5", Err(ValueError::NotTime)),
                ("0930", Err(ValueError::NotTime)),
                ("09:30:00:00", Err(ValueError::NotTime)),
                ("09:30:0", Err(ValueError::NotTime)),
            ],
        );
        let at = Ok(date(2026, 3, 1).and_time(t(10, 5, 0)));
        check(
            parse_datetime,
            &[
                ("2026-03-01 10:05", at.clone()),
                ("2026-03-01T10:05:00", at.clone()),
                ("2026/3/1  10:05", at.clone()),
                ("20260301 10:05", at.clone()),
                ("2026年3月1日 10:05", at.clone()),
                ("2026年3月1日10:05", at),
                ("2026-03-01", Err(ValueError::NotDateTime)),
                ("2026-03-01 25:00", Err(ValueError::NotDateTime)),
                ("10:05 2026-03-01", Err(ValueError::NotDateTime)),
                ("2026-02-30 10:00", Err(ValueError::NoSuchDay { year: 2026, month: 2, day: 30 })),
            ],
        );
        check(
            parse_date_maybe_time,
            &[
                ("2026-03-01", Ok(date(2026, 3, 1).and_time(NaiveTime::MIN))),
                ("2026-03-01 08:00", Ok(date(2026, 3, 1).and_time(t(8, 0, 0)))),
                ("2026-02-30", Err(ValueError::NoSuchDay { year: 2026, month: 2, day: 30 })),
                ("soon", Err(ValueError::NotDateTime)),
            ],
        );
    }

    #[test]
    fn amounts_exact_in_cents() {
        check(
            parse_amount_cents,
            &[
                ("0", Ok(0)),
                ("1234", Ok(123_400)),
                ("1234.5", Ok(123_450)),
                ("1234.50", Ok(123_450)),
                ("0.01", Ok(1)),
                ("¥1,234.50", Ok(123_450)),
                ("￥1,234.50", Ok(123_450)),
                ("$ 99.99", Ok(9_999)),
                ("RMB 1,000", Ok(100_000)),
                ("1,234,567.89", Ok(123_456_789)),
                ("1234.50元", Ok(123_450)),
                ("+5", Ok(500)),
                ("-20", Ok(-2_000)),
                ("-¥20.5", Ok(-2_050)),
                ("¥-20.5", Ok(-2_050)),
                ("(1,234.50)", Ok(-123_450)),
                ("（20）", Ok(-2_000)),
                ("1,000,000,000.00", Ok(MAX_ROW_CENTS)),
                ("-1000000000", Ok(-MAX_ROW_CENTS)),
            ],
        );
    }

    #[test]
    fn amounts_refused() {
        check(
            parse_amount_cents,
            &[
                ("12.345", Err(ValueError::AmountDecimals)),
                ("1.234", Err(ValueError::AmountDecimals)),
                ("1,23", Err(ValueError::Grouping)),
                ("1234,567", Err(ValueError::Grouping)),
                ("1,2345", Err(ValueError::Grouping)),
                (",123", Err(ValueError::Grouping)),
                ("1,,234", Err(ValueError::Grouping)),
                ("1000000000.01", Err(ValueError::AmountTooLarge)),
                ("-1,000,000,000.01", Err(ValueError::AmountTooLarge)),
                ("92233720368547758.07", Err(ValueError::AmountTooLarge)),
                ("92233720368547758.08", Err(ValueError::AmountTooLarge)),
                ("99999999999999999999999", Err(ValueError::AmountTooLarge)),
                ("12.", Err(ValueError::NotAmount)),
                (".5", Err(ValueError::NotAmount)),
                ("1.2.3", Err(ValueError::NotAmount)),
                ("1e5", Err(ValueError::NotAmount)),
                ("--5", Err(ValueError::NotAmount)),
                ("-(5)", Err(ValueError::NotAmount)),
                ("(-5)", Err(ValueError::NotAmount)),
                ("(5", Err(ValueError::NotAmount)),
                ("¥", Err(ValueError::NotAmount)),
                ("abc", Err(ValueError::NotAmount)),
                ("1 234", Err(ValueError::NotAmount)),
                ("", Err(ValueError::NotAmount)),
            ],
        );
    }

    #[test]
    fn booleans_in_both_languages() {
        for yes in ["yes", "YES", "Y", "true", "True", "1", "是", "√"] {
            assert_eq!(parse_bool(yes), Ok(true), "{yes}");
        }
        for no in ["no", "No", "n", "FALSE", "0", "否", "×"] {
            assert_eq!(parse_bool(no), Ok(false), "{no}");
        }
        for bad in ["", "maybe", "开", "关", "2", "yes!"] {
            assert_eq!(parse_bool(bad), Err(ValueError::NotBool), "{bad}");
        }
    }

    #[test]
    fn temperatures_in_tenths() {
        check(
            parse_temp_tenths,
            &[
                ("28.5", Ok(285)),
                ("29", Ok(290)),
                ("29.0", Ok(290)),
                ("28.5°C", Ok(285)),
                ("28.5 ℃", Ok(285)),
                ("26°", Ok(260)),
                ("-3.5", Ok(-35)),
                ("0", Ok(0)),
                ("60", Ok(600)),
                ("28.55", Err(ValueError::TempDecimals)),
                ("28.50", Err(ValueError::TempDecimals)),
                ("285", Err(ValueError::TempRange)),
                ("-51", Err(ValueError::TempRange)),
                ("99999999999", Err(ValueError::TempRange)),
                ("28,5", Err(ValueError::NotTemp)),
                ("28.", Err(ValueError::NotTemp)),
                ("warm", Err(ValueError::NotTemp)),
            ],
        );
    }

    #[test]
    fn levels_quantities_and_ids() {
        check(
            parse_level_1_5,
            &[
                ("1", Ok(1)),
                ("5", Ok(5)),
                (" 3 ", Ok(3)),
                ("0", Err(ValueError::NotLevel)),
                ("6", Err(ValueError::NotLevel)),
                ("3.5", Err(ValueError::NotLevel)),
            ],
        );
        check(
            parse_quantity,
            &[
                ("3", Ok(3.0)),
                ("2.5", Ok(2.5)),
                ("-1", Ok(-1.0)),
                ("1,200", Ok(1200.0)),
                ("1e3", Err(ValueError::NotQuantity)),
                ("inf", Err(ValueError::NotQuantity)),
                ("NaN", Err(ValueError::NotQuantity)),
                ("1,20", Err(ValueError::NotQuantity)),
            ],
        );
        check(
            parse_id,
            &[
                ("7", Ok(7)),
                ("0", Err(ValueError::NotId)),
                ("-7", Err(ValueError::NotId)),
                ("x", Err(ValueError::NotId)),
                ("99999999999999999999", Err(ValueError::NotId)),
            ],
        );
    }
}
