//! The import wizard's preview: the first rows of a file as they would be
//! stored (field by field), with every problem named, read without writing.

use std::path::Path;

use super::{EncodingChoice, table};
use crate::domain::import::{ImportKind, map_columns, parse_row};

/// How many rows the preview shows.
pub const PREVIEW_ROWS: usize = 12;

/// The first rows of a file, mapped and parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    /// Every field of the kind with the column it reads (`None`: not in the file).
    pub fields: Vec<(&'static str, bool, Option<String>)>,
    pub unknown_columns: Vec<String>,
    /// Problems with the columns (a required field missing, …).
    pub mapping_errors: Vec<String>,
    /// Per row: its number, the mapped cells in field order, and its problems.
    pub rows: Vec<(usize, Vec<String>, Vec<String>)>,
    pub encoding: Option<&'static str>,
    pub sheets: Vec<String>,
}

/// Reads the first [`PREVIEW_ROWS`] rows of `path` for `kind`.
pub fn preview(
    path: &Path,
    kind: ImportKind,
    encoding: EncodingChoice,
    sheet: Option<&str>,
) -> Result<Preview, String> {
    let sheets = table::sheet_names(path).unwrap_or_default();
    let mut source = table::open(path, encoding, sheet).map_err(|e| e.to_string())?;
    let headers = source.headers().to_vec();
    let mut out = Preview {
        encoding: source.encoding().map(encoding_rs::Encoding::name),
        sheets,
        ..Preview::default()
    };
    let mapping = match map_columns(kind, &headers, &[]) {
        Ok(mapping) => mapping,
        Err(errors) => {
            out.mapping_errors = errors.iter().map(ToString::to_string).collect();
            out.fields = kind.fields().iter().map(|f| (f.name, f.required, None)).collect();
            return Ok(out);
        }
    };
    out.fields = kind
        .fields()
        .iter()
        .map(|f| (f.name, f.required, mapping.header_of(f.name).map(str::to_owned)))
        .collect();
    out.unknown_columns = mapping.unknown_columns().to_vec();
    while out.rows.len() < PREVIEW_ROWS {
        let Some(next) = source.next_row() else { break };
        let (row, cells) = next.map_err(|e| e.to_string())?;
        let shown: Vec<String> = kind
            .fields()
            .iter()
            .map(|f| mapping.column(f.name).and_then(|c| cells.get(c)).cloned().unwrap_or_default())
            .collect();
        let problems = match parse_row(&mapping, row, &cells) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        };
        out.rows.push((row, shown, problems));
    }
    Ok(out)
}
