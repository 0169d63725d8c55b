//! Importing records from files (CLI.md `import`, DOMAIN §5), the pure part:
//! cell values, the fields of each kind, matching headers to fields, and
//! parsing a row into a typed record. Reading files is in `crate::read`.

use std::fmt;

use super::Lang;

pub mod kinds;
pub mod mapping;
pub mod problems;
pub mod rows;
pub mod values;

pub use kinds::{FieldSpec, ImportKind};
pub use mapping::{MapError, Mapping, map_columns};
pub use problems::{Reason, RowProblem};
pub use rows::{ParsedRow, parse_row};
pub use values::ValueError;

/// A message in `lang`: `zh()` in Chinese, the `Display` text in English.
fn in_lang(lang: Lang, message: &impl fmt::Display, zh: impl FnOnce() -> String) -> String {
    match lang {
        Lang::Zh => zh(),
        Lang::En => message.to_string(),
    }
}
