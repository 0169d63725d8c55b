//! Matching a file's header row to the fields of an import kind: by header
//! name (English or Chinese, case-insensitive) and by the user's
//! `--map FIELD=COLUMN` choices, with every problem reported at once.

use std::fmt;

use super::kinds::{FieldSpec, ImportKind};

/// Which column holds each field of an import kind. Only [`map_columns`]
/// makes one, so a `Mapping` always has a column for every required field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    kind: ImportKind,
    /// The header row as read, trimmed, without a byte-order mark.
    headers: Vec<String>,
    /// Parallel to `kind.fields()`: the column index of each field.
    columns: Vec<Option<usize>>,
    /// Columns no field uses, as shown to people.
    unknown: Vec<String>,
}

impl Mapping {
    /// The kind this mapping is for.
    pub fn kind(&self) -> ImportKind {
        self.kind
    }

    /// The header row (trimmed, without a byte-order mark).
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The column index of `field` (a CLI field name), if the file has it.
    pub fn column(&self, field: &str) -> Option<usize> {
        let index = self.kind.fields().iter().position(|f| f.name == field);
        debug_assert!(index.is_some(), "{} has no field {field}", self.kind);
        index.and_then(|i| self.columns.get(i).copied().flatten())
    }

    /// The header of the column that holds `field`, if any.
    pub fn header_of(&self, field: &str) -> Option<&str> {
        self.column(field).and_then(|c| self.headers.get(c)).map(String::as_str)
    }

    /// Each field that has a column, with that column's index, in field order
    /// (for a preview).
    pub fn mapped(&self) -> impl Iterator<Item = (&'static FieldSpec, usize)> + '_ {
        self.kind.fields().iter().zip(&self.columns).filter_map(|(f, c)| c.map(|c| (f, c)))
    }

    /// The columns that no field uses; they are ignored (and listed to the
    /// user). A column without a header is shown as `column N` (1-based).
    pub fn unknown_columns(&self) -> &[String] {
        &self.unknown
    }
}

/// Why the header row cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MapError {
    #[error("--map {field}=…: {kind} have no field {field:?}; the fields are {fields}")]
    UnknownField { kind: ImportKind, field: String, fields: String },
    #[error("--map {field}=… is given more than once")]
    MappedTwice { field: String },
    #[error("--map {field}={column}: there is no such column; the headers are {headers}")]
    NoSuchColumn { field: String, column: String, headers: HeaderList },
    #[error("--map {field}={column}: several columns match: {matches}")]
    AmbiguousColumn { field: String, column: String, matches: HeaderList },
    #[error("columns {columns} all match field {field}; choose one with --map {field}=COLUMN")]
    AmbiguousField { field: &'static str, columns: HeaderList },
    #[error(
        "no column for the required field {field} (header {names}); the headers are {headers}; \
         name the column with --map {field}=COLUMN"
    )]
    MissingRequired { field: &'static str, names: String, headers: HeaderList },
}

/// Header names, shown quoted and separated by commas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderList(pub Vec<String>);

impl fmt::Display for HeaderList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(none)");
        }
        for (i, header) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{header:?}")?;
        }
        Ok(())
    }
}

/// The key a header is matched by: trimmed, without a byte-order mark, a
/// trailing unit in brackets (`金额（元）`, `Temp (°C)`), spaces, `_` and
/// `-`, and lower-cased. So `Customer Code`, `customer-code` and
/// `CUSTOMER_CODE` all select `customer_code`.
pub fn normalise_header(header: &str) -> String {
    let header = header.trim().trim_start_matches('\u{feff}').trim();
    let header = strip_unit(header);
    header
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Removes a trailing `(…)` or `（…）` unless it is the whole header.
fn strip_unit(header: &str) -> &str {
    for (open, close) in [('(', ')'), ('（', '）')] {
        if header.ends_with(close)
            && let Some(start) = header.rfind(open)
            && start > 0
        {
            return header[..start].trim_end();
        }
    }
    header
}

/// How strongly a header selects a field: by its name or an alias, or only
/// by a label the app shows for it. A column of the first kind wins over one
/// of the second for the same field (`客户代码` over the ledger's `客户`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum By {
    Name,
    Label,
}

/// Whether `key` (a normalised header) selects `field`, and how.
fn selects(field: &FieldSpec, key: &str) -> Option<By> {
    if key.is_empty() {
        None
    } else if normalise_header(field.name) == key
        || field.aliases.iter().any(|a| normalise_header(a) == key)
    {
        Some(By::Name)
    } else if field
        .labels
        .iter()
        .any(|l| normalise_header(l.en) == key || normalise_header(l.zh) == key)
    {
        Some(By::Label)
    } else {
        None
    }
}

/// Matches `headers` to the fields of `kind`. `user_map` holds the
/// `--map FIELD=COLUMN` pairs; they win over matching by name. A column is
/// found by its exact (trimmed) header first, then by [`normalise_header`].
/// Returns every problem: unknown or repeated `--map` fields, `--map`
/// columns that do not exist, two columns matching one field, and required
/// fields without a column.
pub fn map_columns(
    kind: ImportKind,
    headers: &[String],
    user_map: &[(String, String)],
) -> Result<Mapping, Vec<MapError>> {
    let (mapping, errors) = match_columns(kind, headers, user_map);
    if errors.is_empty() { Ok(mapping) } else { Err(errors) }
}

/// What [`map_columns`] found even when there are problems: the column of
/// each field (parallel to `kind.fields()`), and the problems. The wizard
/// shows it while the user is still choosing columns.
pub fn map_columns_partly(
    kind: ImportKind,
    headers: &[String],
    user_map: &[(String, String)],
) -> (Vec<Option<usize>>, Vec<MapError>) {
    let (mapping, errors) = match_columns(kind, headers, user_map);
    (mapping.columns, errors)
}

fn match_columns(
    kind: ImportKind,
    headers: &[String],
    user_map: &[(String, String)],
) -> (Mapping, Vec<MapError>) {
    let headers: Vec<String> =
        headers.iter().map(|h| h.trim().trim_start_matches('\u{feff}').trim().to_owned()).collect();
    let keys: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let fields = kind.fields();
    let mut columns: Vec<Option<usize>> = vec![None; fields.len()];
    let mut by_user = vec![false; fields.len()];
    let mut used = vec![false; headers.len()];
    let mut errors = Vec::new();

    for (field, column) in user_map {
        let Some(fi) = fields.iter().position(|f| f.name.eq_ignore_ascii_case(field.trim())) else {
            let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
            errors.push(MapError::UnknownField {
                kind,
                field: field.clone(),
                fields: names.join(", "),
            });
            continue;
        };
        if by_user[fi] {
            errors.push(MapError::MappedTwice { field: fields[fi].name.to_owned() });
            continue;
        }
        // `FIELD=` (no column): the field is not imported, even if a column
        // has its name.
        if column.trim().is_empty() {
            by_user[fi] = true;
            continue;
        }
        match find_column(&headers, &keys, column) {
            Ok(ci) => {
                columns[fi] = Some(ci);
                by_user[fi] = true;
                used[ci] = true;
            }
            Err(matches) if matches.is_empty() => errors.push(MapError::NoSuchColumn {
                field: fields[fi].name.to_owned(),
                column: column.clone(),
                headers: HeaderList(headers.clone()),
            }),
            Err(matches) => errors.push(MapError::AmbiguousColumn {
                field: fields[fi].name.to_owned(),
                column: column.clone(),
                matches: HeaderList(matches.iter().map(|&i| headers[i].clone()).collect()),
            }),
        }
    }

    let mut candidates: Vec<Vec<(By, usize)>> = vec![Vec::new(); fields.len()];
    let mut unused = Vec::new();
    for (ci, key) in keys.iter().enumerate() {
        if used[ci] {
            continue;
        }
        match fields.iter().enumerate().find_map(|(fi, f)| Some((fi, selects(f, key)?))) {
            Some((fi, by)) if !by_user[fi] => candidates[fi].push((by, ci)),
            _ => unused.push(ci),
        }
    }
    for (fi, found) in candidates.iter_mut().enumerate() {
        unused.extend(keep_the_best(found));
        match found.as_slice() {
            [] => {}
            [(_, ci)] => columns[fi] = Some(*ci),
            several => errors.push(MapError::AmbiguousField {
                field: fields[fi].name,
                columns: HeaderList(several.iter().map(|&(_, i)| headers[i].clone()).collect()),
            }),
        }
    }
    unused.sort_unstable();
    let unknown = unused
        .into_iter()
        .map(|ci| {
            if headers[ci].is_empty() { format!("column {}", ci + 1) } else { headers[ci].clone() }
        })
        .collect();

    for (fi, field) in fields.iter().enumerate() {
        if field.required && columns[fi].is_none() && candidates[fi].len() < 2 {
            let names: Vec<&str> =
                std::iter::once(field.name).chain(field.aliases.iter().copied()).collect();
            errors.push(MapError::MissingRequired {
                field: field.name,
                names: names.join(", "),
                headers: HeaderList(headers.clone()),
            });
        }
    }

    (Mapping { kind, headers, columns, unknown }, errors)
}

/// Keeps the columns that select a field most strongly (a column named by a
/// label gives way to one named by the field's name or an alias); returns
/// the others.
fn keep_the_best(found: &mut Vec<(By, usize)>) -> Vec<usize> {
    let best = found.iter().map(|(by, _)| *by).min();
    let mut dropped = Vec::new();
    found.retain(|&(by, ci)| {
        let keep = Some(by) == best;
        if !keep {
            dropped.push(ci);
        }
        keep
    });
    dropped
}

/// The column a `--map` names: its exact header, or else the one header with
/// the same normalised key, or else `#N`, the N-th column (1-based; for
/// files with repeated or blank headers). `Err` holds the matching columns
/// (none or several).
fn find_column(headers: &[String], keys: &[String], column: &str) -> Result<usize, Vec<usize>> {
    let column = column.trim();
    let exact: Vec<usize> = (0..headers.len()).filter(|&i| headers[i] == column).collect();
    if let [only] = exact.as_slice() {
        return Ok(*only);
    }
    if exact.len() > 1 {
        return Err(exact);
    }
    let key = normalise_header(column);
    let loose: Vec<usize> =
        (0..keys.len()).filter(|&i| !key.is_empty() && keys[i] == key).collect();
    match loose.as_slice() {
        [only] => Ok(*only),
        [] => match column.strip_prefix('#').and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if (1..=headers.len()).contains(&n) => Ok(n - 1),
            _ => Err(loose),
        },
        _ => Err(loose),
    }
}

/// How a user mapping names column `index` of `headers`: its header when
/// that picks it alone, else `#N`.
pub fn column_name(headers: &[String], index: usize) -> String {
    let keys: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    match headers.get(index) {
        Some(h) if !h.trim().is_empty() && find_column(headers, &keys, h) == Ok(index) => {
            h.trim().to_owned()
        }
        _ => format!("#{}", index + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    fn map(
        kind: ImportKind,
        headers: &[&str],
        user: &[(&str, &str)],
    ) -> Result<Mapping, Vec<MapError>> {
        let user: Vec<(String, String)> =
            user.iter().map(|(f, c)| ((*f).to_owned(), (*c).to_owned())).collect();
        map_columns(kind, &strings(headers), &user)
    }

    #[test]
    fn an_empty_user_column_leaves_a_field_out_and_hash_n_picks_a_column() {
        let m = map(
            ImportKind::Transactions,
            &["customer_code", "date", "amount", "amount", "notes"],
            &[("amount", "#4"), ("product", "")],
        )
        .expect("mapped");
        assert_eq!(m.column("amount"), Some(3));
        assert_eq!(m.column("product"), None);
        let errors =
            map(ImportKind::Transactions, &["customer_code", "date", "amount"], &[("amount", "")])
                .expect_err("amount is required");
        assert!(matches!(errors[0], MapError::MissingRequired { field: "amount", .. }));
        let headers = strings(&["a", "b", "b", ""]);
        assert_eq!(column_name(&headers, 0), "a");
        assert_eq!(column_name(&headers, 1), "#2");
        assert_eq!(column_name(&headers, 3), "#4");
        assert!(
            map(
                ImportKind::Transactions,
                &["customer_code", "date", "amount"],
                &[("amount", "#9")]
            )
            .is_err()
        );
    }

    #[test]
    fn chinese_and_english_headers_match() {
        let m = map(
            ImportKind::Transactions,
            &["\u{feff}客户代码", " 日期 ", "金额（元）", "备注"],
            &[],
        )
        .expect("maps");
        assert_eq!(m.column("customer_code"), Some(0));
        assert_eq!(m.column("date"), Some(1));
        assert_eq!(m.column("amount"), Some(2));
        assert_eq!(m.column("product"), None);
        assert_eq!(m.header_of("customer_code"), Some("客户代码"));
        assert_eq!(m.unknown_columns(), ["备注"]);

        let m = map(
            ImportKind::Transactions,
            &["Customer Code", "DATE", "Amount", "Order-No", ""],
            &[],
        )
        .expect("maps");
        assert_eq!(m.column("order_no"), Some(3));
        assert_eq!(m.unknown_columns(), ["column 5"]);
        let mapped: Vec<(&str, usize)> = m.mapped().map(|(f, c)| (f.name, c)).collect();
        assert_eq!(mapped, [("customer_code", 0), ("date", 1), ("amount", 2), ("order_no", 3)]);
    }

    #[test]
    fn missing_required_fields_name_the_field_and_the_headers() {
        let errors = map(ImportKind::Transactions, &["客户代码", "when", "金额"], &[])
            .expect_err("date is missing");
        assert_eq!(errors.len(), 1);
        let text = errors[0].to_string();
        assert!(text.contains("required field date"), "{text}");
        assert!(text.contains(r#""客户代码", "when", "金额""#), "{text}");
        assert!(text.contains("--map date=COLUMN"), "{text}");
    }

    #[test]
    fn user_map_wins_and_is_checked() {
        let m = map(
            ImportKind::Transactions,
            &["客户代码", "when", "金额", "日期"],
            &[("date", "WHEN")],
        )
        .expect("maps");
        assert_eq!(m.column("date"), Some(1));
        assert_eq!(m.unknown_columns(), ["日期"], "the name match loses to --map");

        let errors = map(
            ImportKind::Transactions,
            &["客户代码", "日期", "金额"],
            &[("price", "金额"), ("date", "nope"), ("amount", "金额"), ("amount", "日期")],
        )
        .expect_err("bad --map");
        assert!(matches!(&errors[0], MapError::UnknownField { field, .. } if field == "price"));
        assert!(matches!(&errors[1], MapError::NoSuchColumn { column, .. } if column == "nope"));
        assert!(matches!(&errors[2], MapError::MappedTwice { field } if field == "amount"));
        assert_eq!(errors.len(), 3);
        assert_eq!(
            errors[1].to_string(),
            r#"--map date=nope: there is no such column; the headers are "客户代码", "日期", "金额""#
        );
    }

    #[test]
    fn two_columns_for_one_field_are_refused() {
        let errors = map(ImportKind::Transactions, &["客户代码", "日期", "交易日期", "金额"], &[])
            .expect_err("ambiguous");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0].to_string(),
            r#"columns "日期", "交易日期" all match field date; choose one with --map date=COLUMN"#
        );
    }

    #[test]
    fn no_two_fields_of_a_kind_share_a_header_name() {
        for kind in ImportKind::ALL {
            let mut seen = std::collections::HashMap::new();
            for field in kind.fields() {
                let labels = field.labels.iter().flat_map(|l| [l.en, l.zh]);
                for name in
                    std::iter::once(field.name).chain(field.aliases.iter().copied()).chain(labels)
                {
                    let key = normalise_header(name);
                    if let Some(other) = seen.insert(key.clone(), field.name) {
                        assert_eq!(other, field.name, "{kind}: {key} selects two fields");
                    }
                }
            }
        }
    }

    #[test]
    fn every_label_the_app_shows_selects_its_field_in_both_languages() {
        use crate::domain::Lang;
        for kind in ImportKind::ALL {
            for lang in [Lang::En, Lang::Zh] {
                for field in kind.fields() {
                    for label in field.labels {
                        let header = label.text(lang);
                        let (columns, _) = map_columns_partly(*kind, &strings(&[header]), &[]);
                        let fi = kind.fields().iter().position(|f| f.name == field.name);
                        let found = fi.and_then(|fi| columns[fi]);
                        assert_eq!(found, Some(0), "{kind}: {header:?} selects {}", field.name);
                    }
                }
            }
        }
    }

    #[test]
    fn a_column_named_by_name_or_alias_wins_over_one_named_by_a_label() {
        // The ledger labels the customer code 客户; a file with both columns
        // takes the code from 客户代码 and leaves 客户 (say, names) alone.
        let m = map(ImportKind::Complaints, &["受理时间", "客户", "客户代码", "类型"], &[])
            .expect("maps");
        assert_eq!(m.column("customer_code"), Some(2));
        assert_eq!(m.unknown_columns(), ["客户"]);
        let m = map(ImportKind::Complaints, &["受理时间", "客户", "类型"], &[]).expect("maps");
        assert_eq!(m.column("customer_code"), Some(1));
        let m = map(ImportKind::Customers, &["客户名称", "行业类别"], &[]).expect("maps");
        assert_eq!(m.column("industry"), Some(1), "the customer form's label");
    }
}
