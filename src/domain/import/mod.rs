//! Importing records from files (CLI.md `import`, DOMAIN §5), the pure part:
//! cell values, the fields of each kind, matching headers to fields, and
//! parsing a row into a typed record. Reading files is in `crate::read`.

pub mod kinds;
pub mod mapping;
pub mod rows;
pub mod values;

pub use kinds::{FieldSpec, ImportKind};
pub use mapping::{MapError, Mapping, map_columns};
pub use rows::{ParsedRow, RowProblem, parse_row};
pub use values::ValueError;
