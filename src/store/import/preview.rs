//! The import wizard's preview: the first rows of a file as they would be
//! stored (field by field), with every problem named, read without writing.

use std::path::Path;

use super::{EncodingChoice, table};
use crate::domain::Lang;
use crate::domain::import::mapping::map_columns_partly;
use crate::domain::import::{ImportKind, map_columns, parse_row};

/// How many rows the preview shows.
pub const PREVIEW_ROWS: usize = 12;

/// The first rows of a file, mapped and parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    /// Every field of the kind: its name, whether it is required, and the
    /// index in `headers` of the column it reads (`None`: not imported).
    pub fields: Vec<(&'static str, bool, Option<usize>)>,
    pub unknown_columns: Vec<String>,
    /// Problems with the columns (a required field missing, …).
    pub mapping_errors: Vec<String>,
    /// Per row: its number, the mapped cells in field order, and its problems.
    pub rows: Vec<(usize, Vec<String>, Vec<String>)>,
    /// The file's header row (trimmed), for choosing columns.
    pub headers: Vec<String>,
    pub encoding: Option<&'static str>,
    pub sheets: Vec<String>,
}

/// Reads the first [`PREVIEW_ROWS`] rows of `path` for `kind`, with the
/// user's `(field, column)` choices `map` (as `--map`); messages in `lang`.
pub fn preview(
    path: &Path,
    kind: ImportKind,
    encoding: EncodingChoice,
    sheet: Option<&str>,
    map: &[(String, String)],
    lang: Lang,
) -> Result<Preview, String> {
    let sheets = table::sheet_names(path).unwrap_or_default();
    let mut source = table::open(path, encoding, sheet).map_err(|e| e.text(lang))?;
    let headers = source.headers().to_vec();
    let mut out = Preview {
        headers: headers
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').trim().to_owned())
            .collect(),
        encoding: source.encoding().map(encoding_rs::Encoding::name),
        sheets,
        ..Preview::default()
    };
    let mapping = match map_columns(kind, &headers, map) {
        Ok(mapping) => mapping,
        Err(errors) => {
            // Show what did match, so that the user can choose the rest.
            let (columns, _) = map_columns_partly(kind, &headers, map);
            out.mapping_errors = errors.iter().map(|e| e.text(lang)).collect();
            out.fields =
                kind.fields().iter().zip(columns).map(|(f, c)| (f.name, f.required, c)).collect();
            return Ok(out);
        }
    };
    out.fields =
        kind.fields().iter().map(|f| (f.name, f.required, mapping.column(f.name))).collect();
    out.unknown_columns = mapping.unknown_columns().to_vec();
    while out.rows.len() < PREVIEW_ROWS {
        let Some(next) = source.next_row() else { break };
        let (row, cells) = next.map_err(|e| e.text(lang))?;
        let shown: Vec<String> = kind
            .fields()
            .iter()
            .map(|f| mapping.column(f.name).and_then(|c| cells.get(c)).cloned().unwrap_or_default())
            .collect();
        let problems = match parse_row(&mapping, row, &cells) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(|e| e.text(lang)).collect(),
        };
        out.rows.push((row, shown, problems));
    }
    Ok(out)
}
