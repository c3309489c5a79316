//! `verzuim report ...`: computes a report in the domain and renders it in
//! the chosen format (terminal table, CSV, Excel CSV, Markdown, JSON).

use super::commands::{Ctx, parse_date};
use super::report_fmt::{self as fmt, Cell, Format, Table};
use crate::domain::report::mazl;
use crate::domain::report::snapshot::Snapshot;
use crate::domain::report::thuiszitters::{self, Change, Filter, Overview};
use crate::i18n::t;
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
                return Err(super::user(format!(
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
    let table = super::report_mazl::table(&figures, &defs);
    if let Some(path) = &out.pdf {
        let title = t("M@ZL-cijfers", "M@ZL figures");
        super::report_pdf::write(path, &super::report_pdf::document(title, &[table], None))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match format {
        Format::Json => writeln!(out, "{:#}", serde_json::json!(figures)),
        _ => write_table(&mut out, &table, format),
    };
    let written = written.and_then(|()| out.flush());
    drop(out);
    // A reader that went away (`| head`) only ends the output.
    super::out::done(written);
    Ok(ExitCode::SUCCESS)
}

/// One table in a human or CSV format.
fn write_table(out: &mut impl Write, table: &Table, format: Format) -> std::io::Result<()> {
    match format {
        Format::Csv | Format::Excel => fmt::csv(out, table, format == Format::Excel),
        Format::Markdown => fmt::markdown(out, table),
        _ => fmt::terminal(out, table),
    }
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
            let title = t("Thuiszittersoverzicht", "Thuiszitters overview");
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

const CONFIDENTIAL: &str = "VERTROUWELIJK";

fn write_overview(
    out: &mut impl Write,
    o: &Overview,
    named: bool,
    format: Format,
) -> std::io::Result<()> {
    if format == Format::Json {
        let doc = if named {
            serde_json::json!({ "vertrouwelijk": true, "overview": o })
        } else {
            serde_json::json!({ "vertrouwelijk": false, "date": o.date,
                "previous": o.previous, "summary": o.summary })
        };
        return writeln!(out, "{doc:#}");
    }
    let mut tables = vec![summary_table(o)];
    if named {
        tables.push(rows_table(o));
    }
    match format {
        // One table per CSV: the cases when named, else the summary.
        Format::Csv | Format::Excel => {
            let table = tables.last().map_or_else(|| summary_table(o), Clone::clone);
            fmt::csv(out, &table, format == Format::Excel)
        }
        _ => {
            if named {
                writeln!(out, "{CONFIDENTIAL}\n")?;
            }
            for table in &tables {
                if format == Format::Markdown {
                    fmt::markdown(out, table)?;
                } else {
                    fmt::terminal(out, table)?;
                }
            }
            Ok(())
        }
    }
}

fn summary_table(o: &Overview) -> Table {
    let s = &o.summary;
    let since = match o.previous {
        Some(d) => format!(" ({} {})", t("sinds", "since"), crate::i18n::date(d)),
        None => format!(" ({})", t("geen eerder overzicht", "no earlier overview")),
    };
    let mut rows = vec![
        vec![
            Cell::text(t("thuiszitters", "thuiszitters")),
            Cell::Int(s.total),
        ],
        vec![
            Cell::text(format!("{}{since}", t("nieuw", "new"))),
            Cell::Int(s.new),
        ],
        vec![
            Cell::text(t("lopend", "continuing")),
            Cell::Int(s.continuing),
        ],
        vec![Cell::text(t("opgelost", "resolved")), Cell::Int(s.resolved)],
        vec![
            Cell::text(t("langer dan 3 maanden", "over 3 months")),
            Cell::Int(s.over_three_months),
        ],
    ];
    rows.push(vec![
        Cell::text(t(
            "mediane duur (schoolweken)",
            "median duration (school weeks)",
        )),
        Cell::Num(s.median_school_weeks),
    ]);
    for (k, n) in &s.per_category {
        rows.push(vec![
            Cell::text(format!("{}: {k}", t("categorie", "category"))),
            Cell::Int(*n),
        ]);
    }
    for (k, n) in &s.per_type {
        rows.push(vec![
            Cell::text(format!("{}: {k}", t("type", "type"))),
            Cell::Int(*n),
        ]);
    }
    Table {
        title: format!(
            "{} {}",
            t("Thuiszitters op", "Thuiszitters on"),
            crate::i18n::date(o.date)
        ),
        headers: vec![t("telling", "count").into(), t("aantal", "number").into()],
        rows,
    }
}

fn rows_table(o: &Overview) -> Table {
    let headers = [
        ("dossier", "case"),
        ("naam", "name"),
        ("school", "school"),
        ("gemeente", "municipality"),
        ("categorie", "category"),
        ("type", "type"),
        ("kleur", "colour"),
        ("sinds", "since"),
        ("schoolweken", "school weeks"),
        ("> 3 mnd", "> 3 months"),
        ("DUO-melding", "DUO report"),
        ("soort", "kind"),
        ("status", "status"),
        ("aanbod", "offer"),
        ("regie", "lead"),
        ("laatste stap", "last step"),
        ("volgende stap", "next step"),
        ("uiterlijk", "due"),
        ("nieuw/lopend", "new/continuing"),
    ];
    let rows = o.rows.iter().map(|r| {
        let step = |s: &Option<thuiszitters::Step>| {
            Cell::opt(
                s.as_ref()
                    .map(|s| format!("{} {}", s.kind, crate::i18n::date(s.date))),
            )
        };
        let melding = r.melding.as_ref();
        vec![
            Cell::text(&r.case),
            Cell::text(&r.name),
            Cell::text(&r.school),
            Cell::opt(r.gemeente.clone()),
            Cell::text(&r.category_label),
            Cell::opt(r.regional_type.clone()),
            Cell::opt(r.colour.clone()),
            Cell::Date(Some(r.since)),
            Cell::Int(r.school_weeks as usize),
            Cell::Flag(r.over_three_months),
            Cell::Date(melding.map(|m| m.date)),
            Cell::opt(melding.and_then(|m| m.soort.clone())),
            Cell::opt(melding.and_then(|m| m.status.clone())),
            step(&r.offer),
            Cell::opt(r.lead.clone()),
            step(&r.last_step),
            Cell::opt(
                r.next_step
                    .as_ref()
                    .map(|n| format!("{} ({})", n.title, n.role)),
            ),
            Cell::Date(r.next_step.as_ref().map(|n| n.due)),
            Cell::text(match r.change {
                Change::New => t("nieuw", "new"),
                Change::Continuing => t("lopend", "continuing"),
            }),
        ]
    });
    Table {
        title: format!(
            "{} ({CONFIDENTIAL})",
            t("Thuiszitters per dossier", "Thuiszitters per case")
        ),
        headers: headers
            .iter()
            .map(|(nl, en)| t(nl, en).to_string())
            .collect(),
        rows: rows.collect(),
    }
}
