//! Money as integer cents (分), and its exact text form.

/// Formats cents as `D.CC` with a leading `-` for negatives (no separators).
pub fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Formats cents for people: thousands separators, two decimals.
pub fn format_cents_grouped(cents: i64) -> String {
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
    }
}
