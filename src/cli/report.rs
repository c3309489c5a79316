//! `verzuim report ...`: computes a report in the domain and renders it in
//! the chosen format (terminal table, CSV, Excel CSV, Markdown, JSON).

use super::ctx::{Ctx, parse_date};
use super::json;
use crate::domain::report::jaar::{self, SchoolYear, SchoolYearError};
use crate::domain::report::mazl;
use crate::domain::report::snapshot::Snapshot;
use crate::domain::report::thuiszitters::{self, Filter, Overview};
use crate::i18n::t;
use crate::render::thuiszitters::{CONFIDENTIAL, rows_table, summary_table};
use crate::render::{self, Format, Table};
use crate::store::{CaseRepo, Result, load, reports};
use clap::{Args, Subcommand};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub which: Which,
}

#[derive(Debug, Subcommand)]
pub enum Which {
    /// The thuiszitters overview for the 8-weekly SWV/RBL meeting.
    Thuiszitters {
        /// Only the cases of this SWV (its protocol id, e.g. utrecht-west).
        #[arg(long)]
        swv: Option<String>,
        #[arg(long)]
        gemeente: Option<String>,
        /// The overview's date (default: today).
        #[arg(long)]
        date: Option<String>,
        /// Per case, with names: marked VERTROUWELIJK.
        #[arg(long)]
        named: bool,
        /// Keep this overview's case ids as reports/thuiszitters-<date>.toml (one commit).
        #[arg(long)]
        save: bool,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// The yearly figures over a school year (leerplichttelling), per level.
    Jaar {
        /// The school year, e.g. 2025-2026.
        schooljaar: String,
        #[arg(long)]
        gemeente: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// M@ZL figures: registrations per school and trigger, norms, attendance.
    Mazl {
        #[arg(long)]
        school: Option<String>,
        /// First registration date (default: 1 August of this school year).
        #[arg(long)]
        from: Option<String>,
        /// Last registration date (default: today).
        #[arg(long)]
        to: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
}

#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct FormatArgs {
    #[arg(long)]
    csv: bool,
    /// CSV for Dutch Excel: `;`, UTF-8 BOM, dd-mm-jjjj.
    #[arg(long)]
    excel: bool,
    #[arg(long)]
    markdown: bool,
    #[arg(long)]
    json: bool,
    /// Write the report as PDF to this file.
    #[arg(long, value_name = "FILE")]
    pdf: Option<std::path::PathBuf>,
}

impl FormatArgs {
    fn format(&self) -> Format {
        match (self.csv, self.excel, self.markdown, self.json) {
            (true, ..) => Format::Csv,
            (_, true, ..) => Format::Excel,
            (_, _, true, _) => Format::Markdown,
            (.., true) => Format::Json,
            _ => Format::Terminal,
        }
    }
}

pub fn run(ctx: &Ctx, args: ReportArgs) -> Result<ExitCode> {
    match args.which {
        Which::Thuiszitters {
            swv,
            gemeente,
            date,
            named,
            save,
            format,
        } => {
            let date = match date {
                Some(text) => parse_date("--date", &text)?,
                None => ctx.today,
            };
            let filter = Filter { swv, gemeente };
            let out = Out {
                format: format.format(),
                pdf: format.pdf,
            };
            thuiszitters_cmd(ctx, &filter, date, named, save, out)
        }
        Which::Jaar {
            schooljaar,
            gemeente,
            format,
        } => {
            let year = SchoolYear::parse(&schooljaar)
                .map_err(|e| super::messages::user(school_year_error(&e)))?;
            let out = Out {
                format: format.format(),
                pdf: format.pdf.clone(),
            };
            jaar_cmd(ctx, year, gemeente.as_deref(), out)
        }
        Which::Mazl {
            school,
            from,
            to,
            format,
        } => {
            let to = match to {
                Some(text) => parse_date("--to", &text)?,
                None => ctx.today,
            };
            let from = match from {
                Some(text) => parse_date("--from", &text)?,
                None => school_year_start(to),
            };
            if from > to {
                return Err(super::messages::user(format!(
                    "--from {} {} --to {}",
                    crate::i18n::date(from),
                    t("ligt na", "is after"),
                    crate::i18n::date(to)
                )));
            }
            let filter = mazl::Filter { school, from, to };
            let out = Out {
                format: format.format(),
                pdf: format.pdf,
            };
            mazl_cmd(ctx, &filter, out)
        }
    }
}

fn school_year_error(e: &SchoolYearError) -> String {
    match e {
        SchoolYearError::Format(text) => format!(
            "{} `{text}`: {}",
            t("geen schooljaar", "not a school year"),
            t("schrijf bijvoorbeeld 2025-2026", "write e.g. 2025-2026")
        ),
        SchoolYearError::NotConsecutive(text) => format!(
            "{} `{text}`: {}",
            t("geen schooljaar", "not a school year"),
            t(
                "het tweede jaar volgt op het eerste (2025-2026)",
                "the second year follows the first (2025-2026)"
            )
        ),
    }
}

fn jaar_cmd(ctx: &Ctx, year: SchoolYear, gemeente: Option<&str>, out: Out) -> Result<ExitCode> {
    let format = out.format;
    let repo = CaseRepo::open(&ctx.dir)?;
    let loaded = load::load(&repo.root)?;
    let defs = reports::jaar_defs(&repo.root, &jaar::library_kinds(&loaded.caseload))?;
    let figures = jaar::compute(&loaded.caseload, &defs, year, gemeente, ctx.today);
    if let Some(path) = &out.pdf {
        let title = render::pdf::jaar_title(year);
        let doc = super::report_pdf::document(&title, &[render::jaar::table(&figures)], None);
        super::report_pdf::write(path, &doc)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match format {
        Format::Json => json_report(&mut out, &json::report::Jaar::from(&figures)),
        // A terminal gets the compact form (sections as headings); files
        // carry each row's id for the form.
        Format::Terminal => write_table(&mut out, &render::jaar::compact(&figures), format),
        _ => write_table(&mut out, &render::jaar::table(&figures), format),
    };
    let written = written.and_then(|()| out.flush());
    drop(out);
    super::out::done(written);
    Ok(ExitCode::SUCCESS)
}

fn school_year_start(d: chrono::NaiveDate) -> chrono::NaiveDate {
    let year = crate::domain::dates::school_year_of(d);
    chrono::NaiveDate::from_ymd_opt(year, 8, 1).unwrap_or(d)
}

/// Where a report goes: stdout in a format, or a PDF file.
struct Out {
    format: Format,
    pdf: Option<std::path::PathBuf>,
}

fn mazl_cmd(ctx: &Ctx, filter: &mazl::Filter, out: Out) -> Result<ExitCode> {
    let format = out.format;
    let repo = CaseRepo::open(&ctx.dir)?;
    let loaded = load::load(&repo.root)?;
    let defs = reports::mazl_defs(&repo.root)?;
    let figures = mazl::compute(&loaded.caseload, &defs, filter);
    let table = render::mazl::table(&figures, &defs);
    if let Some(path) = &out.pdf {
        let title = render::pdf::mazl_title();
        super::report_pdf::write(path, &super::report_pdf::document(title, &[table], None))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match format {
        Format::Json => json_report(&mut out, &json::report::Mazl::from(&figures)),
        _ => write_table(&mut out, &table, format),
    };
    let written = written.and_then(|()| out.flush());
    drop(out);
    // A reader that went away (`| head`) only ends the output.
    super::out::done(written);
    Ok(ExitCode::SUCCESS)
}

/// A report's JSON document, indented, and a newline.
fn json_report(out: &mut impl Write, doc: &impl serde::Serialize) -> std::io::Result<()> {
    json::to_writer_pretty(&mut *out, doc)?;
    writeln!(out)
}

/// One table in a human or CSV format.
fn write_table(out: &mut impl Write, table: &Table, format: Format) -> std::io::Result<()> {
    render::write(out, std::slice::from_ref(table), format, None)
}

fn thuiszitters_cmd(
    ctx: &Ctx,
    filter: &Filter,
    date: chrono::NaiveDate,
    named: bool,
    save: bool,
    out: Out,
) -> Result<ExitCode> {
    let format = out.format;
    let pdf = out.pdf;
    let repo = CaseRepo::open(&ctx.dir)?;
    let loaded = load::load(&repo.root)?;
    let defs = reports::thuiszitter_defs(&repo.root)?;
    let previous = reports::previous_snapshot(&repo.root, date)?;
    let prev = previous.as_ref().map(|s| (s.date, &s.ids));
    let overview = thuiszitters::compute(&loaded.caseload, &defs, filter, date, prev);
    let written = match &pdf {
        Some(path) => {
            let mut tables = vec![summary_table(&overview)];
            if named {
                tables.push(rows_table(&overview));
            }
            let title = render::pdf::thuiszitters_title();
            let footer = named.then_some(CONFIDENTIAL);
            let doc = super::report_pdf::document(title, &tables, footer);
            super::report_pdf::write(path, &doc)?;
            Ok(())
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            write_overview(&mut out, &overview, named, format).and_then(|()| out.flush())
        }
    };
    if save {
        let snap = Snapshot {
            date,
            ids: overview.ids(),
        };
        let file = repo.save_snapshot(&snap)?;
        super::out::errln!("{}: {file}", t("vastgelegd", "committed"));
    }
    // A reader that went away (`| head`) only ends the output (after the
    // snapshot is safe).
    super::out::done(written);
    Ok(ExitCode::SUCCESS)
}

fn write_overview(
    out: &mut impl Write,
    o: &Overview,
    named: bool,
    format: Format,
) -> std::io::Result<()> {
    if format == Format::Json {
        return json_report(out, &json::thuiszitters::Thuiszitters::new(o, named));
    }
    let tables = render::thuiszitters::tables(o, named);
    let mark = named.then_some(render::thuiszitters::CONFIDENTIAL);
    render::write(out, &tables, format, mark)
}
