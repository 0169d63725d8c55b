//! `explain`: every step behind one customer's numbers (CLI.md), from the
//! same analysis as `ladder report` and the value panel.

use std::path::Path;

use chrono::NaiveDate;

use super::Refused;
use super::export::emit;
use super::progress::Progress;
use crate::domain::Lang;
use crate::domain::analysis::explain::{explain, find, table};
use crate::domain::analysis::explain_text::text;
use crate::domain::analysis::report::analyse;
use crate::store::Store;
use crate::store::export::CsvEncoding;
use crate::system::{local_now, system_lang};

/// Parses `--lang`: `zh` or `en`.
pub fn parse_lang(name: &str) -> Result<Lang, String> {
    match name.to_ascii_lowercase().as_str() {
        "zh" => Ok(Lang::Zh),
        "en" => Ok(Lang::En),
        _ => Err(format!("unknown language {name:?}; one of: zh, en")),
    }
}

/// `ladder explain --db FILE --customer CODE [--snapshot D] [--text] [--lang zh|en]`.
pub fn run(
    db: &Path,
    code: &str,
    snapshot: Option<NaiveDate>,
    as_text: bool,
    lang: Option<Lang>,
) -> Result<(), Refused> {
    let store = Store::open_reading(db, local_now())?;
    let settings = store.settings()?;
    let mut bar = Progress::new("reading transactions");
    let input = store
        .analysis_input(snapshot, &mut |done| {
            bar.set(done);
            true
        })
        .map_err(|e| Refused(format!("{}: {e}", db.display())))?;
    bar.finish();
    if !input.customers.iter().any(|c| c.code == code) {
        return Err(Refused(format!("{}: no customer with the code {code:?}", db.display())));
    }
    let analysis = analyse(input, &settings, settings.rfm_segments.clone());
    let explained = find(&analysis, code).and_then(|i| explain(&analysis, i));
    let Some(e) = explained else {
        let when = analysis.snapshot.map_or_else(String::new, |d| format!(" before {d}"));
        return Err(Refused(format!(
            "{}: customer {code} has no purchases{when}, so it is not ranked and has no R, F, M, CLV or tier",
            db.display()
        )));
    };
    if as_text {
        use std::io::Write as _;
        let sentences = text(&e, lang.unwrap_or_else(system_lang));
        let mut out = std::io::stdout().lock();
        return match out.write_all(sentences.as_bytes()).and_then(|()| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
            _ => Ok(()),
        };
    }
    emit(&table(&e), "explain", None, CsvEncoding::Utf8Bom)
}
