//! The headless command line (../shared/CLI.md is the contract): the same
//! library code as the app, no window. Exit codes: 0 success, 1 refused
//! (message on stderr, nothing written), 2 usage (clap).

mod about;
mod check;
mod customers;
mod explain;
mod export;
mod files;
mod import;
mod progress;
mod report;
mod restore;
mod today;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

/// `ladder [--db FILE] [COMMAND]`.
#[derive(Debug, clap::Parser)]
#[command(name = "ladder", version, about = "Ladder: an offline CRM for small offices.")]
pub struct Cli {
    /// Database file to open in the app (default: the user's data directory).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Create a new, empty database file (refuses to overwrite a file).
    Init {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
    },
    /// Write the demo company to a new database file (refuses to overwrite a file).
    Demo {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Seed of the generator: the same seed gives the same company.
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Number of customers.
        #[arg(long, default_value_t = 300)]
        customers: usize,
        /// Years of history.
        #[arg(long, default_value_t = 2)]
        years: u32,
        /// Last day of the history (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        end: Option<NaiveDate>,
    },
    /// Check a database: integrity and schema; prints "ok" or the problem.
    CheckDb {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
    },
    /// Hold a database open as a Ladder window does (its lock), or with
    /// --transaction hold an SQLite write transaction as another program
    /// would, until stdin closes; prints "holding PID" once it holds it.
    /// For tests of what other windows and commands see.
    #[command(hide = true)]
    Hold {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[arg(long)]
        transaction: bool,
    },
    /// Write a consistent copy of a database to a new file.
    Backup {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Print all customers as CSV on stdout.
    Customers {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
    },
    /// Import a CSV (UTF-8, UTF-16 or GBK/GB18030) or spreadsheet: all rows or none.
    Import {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[command(flatten)]
        args: ImportArgs,
    },
    /// Write one table to a new .csv (UTF-8 with BOM, or GBK) or .xlsx file, in the columns import reads.
    Export {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// customers, contacts, transactions, opportunities, activities, complaints, surveys,
        /// ac-checks, calendar or churn.
        #[arg(long, value_parser = export::parse_table)]
        table: crate::store::export_tables::ExportTable,
        /// The .csv or .xlsx file to write (must not exist yet).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Text encoding of a .csv: utf-8 (with BOM) or gbk (refused when a
        /// cell holds a character GBK lacks).
        #[arg(long, default_value = "utf-8", value_parser = export::parse_encoding)]
        encoding: crate::store::export::CsvEncoding,
    },
    /// Replace a database's content with a backup's, after backing up the
    /// current state into <stem>.backups/ (restoring that copy undoes it).
    Restore {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// The backup: a Ladder database file (e.g. one in <stem>.backups/).
        #[arg(long, value_name = "BACKUP")]
        from: PathBuf,
    },
    /// Compliance findings for every rule (or one) as CSV: rule_id,status,date,subject,record,detail.
    Check {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// Only this rule (e.g. AC-HOT, SVC-QUERY-10MIN).
        #[arg(long, value_name = "ID", value_parser = check::parse_rule)]
        rule: Option<String>,
        /// First day judged (default: the earliest record).
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<NaiveDate>,
        /// Last day judged (default: the latest record).
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<NaiveDate>,
        /// Write to a .csv or .xlsx file instead of stdout.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Text encoding of a .csv --out: utf-8 (with BOM) or gbk.
        #[arg(long, default_value = "utf-8", value_parser = export::parse_encoding)]
        encoding: crate::store::export::CsvEncoding,
    },
    /// Value-analysis reports as CSV (stdout) or CSV/XLSX (--out):
    /// rfm, clv, tiers, pareto, ladder, satisfaction, summary, monthly-service.
    Report {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// Which report.
        #[arg(value_parser = report::parse_kind)]
        report: report::CliReport,
        /// Analyse as of this date (default: the day after the latest transaction).
        #[arg(long, value_name = "YYYY-MM-DD")]
        snapshot: Option<NaiveDate>,
        /// Write to a .csv or .xlsx file instead of stdout.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Text encoding of a .csv --out: utf-8 (with BOM) or gbk.
        #[arg(long, default_value = "utf-8", value_parser = export::parse_encoding)]
        encoding: crate::store::export::CsvEncoding,
    },
    /// What needs doing: overdue, today and the next 7 days, as CSV
    /// section,due,item,customer_code,record,detail.
    Today {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// The day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
        /// Write to a .csv or .xlsx file instead of stdout.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Text encoding of a .csv --out: utf-8 (with BOM) or gbk.
        #[arg(long, default_value = "utf-8", value_parser = export::parse_encoding)]
        encoding: crate::store::export::CsvEncoding,
    },
    /// Version, licence, data folder and default database; with --licences
    /// the licences of the third-party crates Ladder is built from.
    About {
        /// Print the third-party licences.
        #[arg(long)]
        licences: bool,
    },
    /// Every step behind one customer's R, F, M, segment, CLV, importance,
    /// difficulty and tier, as name,value CSV rows (or sentences with --text).
    Explain {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// The customer's code.
        #[arg(long, value_name = "CODE")]
        customer: String,
        /// Analyse as of this date (default: the day after the latest transaction).
        #[arg(long, value_name = "YYYY-MM-DD")]
        snapshot: Option<NaiveDate>,
        /// Sentences with the formulas filled in, in the interface language.
        #[arg(long)]
        text: bool,
        /// The language of --text: zh or en (default: the system's).
        #[arg(long, value_parser = explain::parse_lang)]
        lang: Option<crate::domain::Lang>,
    },
}

/// The flags of `ladder import` (besides `--db`), in the order `--help` lists them.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// customers, contacts, transactions, opportunities, activities, complaints, surveys,
    /// ac-checks, calendar or churn.
    #[arg(long, value_parser = import::parse_kind)]
    pub kind: crate::domain::import::ImportKind,
    /// The .csv, .xlsx, .xls or .ods file.
    #[arg(long, value_name = "PATH")]
    pub input: PathBuf,
    /// Text encoding of a CSV: auto, utf-8, gbk or gb18030.
    #[arg(long, default_value = "auto", value_parser = import::parse_encoding)]
    pub encoding: crate::store::import::EncodingChoice,
    /// The sheet of a workbook (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Read FIELD from the column headed COLUMN (repeatable).
    #[arg(long = "map", value_name = "FIELD=COLUMN", value_parser = import::parse_map)]
    pub map: Vec<(String, String)>,
    /// Create a customer (code = name) for each unknown customer code.
    #[arg(long)]
    pub create_customers: bool,
    /// Check every row and report counts without writing.
    #[arg(long)]
    pub dry_run: bool,
    /// Customers already there (same code, or same name and phone/e-mail):
    /// refuse, skip, update or new.
    #[arg(long, default_value = "refuse", value_parser = import::parse_duplicates)]
    pub duplicates: crate::store::import::Duplicates,
    /// Leave out rows with problems (listed on stderr) and import the rest.
    #[arg(long)]
    pub skip_bad: bool,
}

impl ImportArgs {
    /// The file to read and what to do with it.
    fn into_options(self) -> (PathBuf, crate::store::import::ImportOptions) {
        let options = crate::store::import::ImportOptions {
            kind: self.kind,
            encoding: self.encoding,
            sheet: self.sheet,
            map: self.map,
            create_customers: self.create_customers,
            dry_run: self.dry_run,
            duplicates: self.duplicates,
            skip_bad: self.skip_bad,
        };
        (self.input, options)
    }
}

/// A refusal: printed on stderr as one line, exit code 1.
#[derive(Debug)]
pub struct Refused(pub String);

impl<E: std::fmt::Display> From<E> for Refused {
    fn from(e: E) -> Self {
        Self(e.to_string())
    }
}

/// Runs one subcommand and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Init { db } => files::init(&db),
        Command::Demo { out, seed, customers, years, end } => {
            files::demo(&out, seed, customers, years, end)
        }
        Command::CheckDb { db } => files::check_db(&db),
        Command::Hold { db, transaction } => files::hold(&db, transaction),
        Command::Backup { db, out } => files::backup(&db, &out),
        Command::Customers { db } => customers::list(&db),
        Command::Import { db, args } => {
            let (input, options) = args.into_options();
            import::run(&db, &input, &options)
        }
        Command::Export { db, table, out, encoding } => export::run(&db, table, &out, encoding),
        Command::Restore { db, from } => restore::run(&db, &from),
        Command::Check { db, rule, from, to, out, encoding } => {
            check::run(&db, rule.as_deref(), from, to, out.as_ref(), encoding)
        }
        Command::Report { db, report, snapshot, out, encoding } => {
            report::run(&db, report, snapshot, out.as_ref(), encoding)
        }
        Command::About { licences } => about::run(licences),
        Command::Explain { db, customer, snapshot, text, lang } => {
            explain::run(&db, &customer, snapshot, text, lang)
        }
        Command::Today { db, date, out, encoding } => today::run(&db, date, out.as_ref(), encoding),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Refused(message)) => {
            eprintln!("ladder: {message}");
            ExitCode::from(1)
        }
    }
}
