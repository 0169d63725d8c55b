//! Money as integer cents (分), and its exact text form.

/// The largest amount one imported row may hold, in cents:
/// 1,000,000,000.00. Ten million rows at this amount still sum within an
/// `i64` of cents (at most 92,233,720,368,547,758.07), so no realistic file
/// can make a total overflow.
pub const MAX_ROW_CENTS: i64 = 100_000_000_000;

/// The largest sum of cents Ladder stores or shows per customer, as people
/// read it.
pub const MAX_SUM_TEXT: &str = "92,233,720,368,547,758.07";

/// Formats cents as `D.CC` with a leading `-` for negatives (no separators).
/// Takes sums (`i128`) as well as amounts.
pub fn format_cents(cents: impl Into<i128>) -> String {
    let cents: i128 = cents.into();
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Formats cents for people: thousands separators, two decimals.
pub fn format_cents_grouped(cents: impl Into<i128>) -> String {
    let plain = format_cents(cents);
    let (sign, rest) = plain.strip_prefix('-').map_or(("", plain.as_str()), |r| ("-", r));
    let (int, frac) = rest.split_once('.').unwrap_or((rest, "00"));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{sign}{grouped}.{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_exactly() {
        assert_eq!(format_cents(0), "0.00");
        assert_eq!(format_cents(5), "0.05");
        assert_eq!(format_cents(-123_456), "-1234.56");
        assert_eq!(format_cents_grouped(123_456_789), "1,234,567.89");
        assert_eq!(format_cents_grouped(-100), "-1.00");
        assert_eq!(format_cents_grouped(99_999), "999.99");
        let past_i64 = i128::from(i64::MAX) * 2;
        assert_eq!(format_cents(past_i64), "184467440737095516.14");
        assert_eq!(format_cents(-past_i64), "-184467440737095516.14");
        assert_eq!(format_cents(i64::MIN), "-92233720368547758.08");
    }
}
