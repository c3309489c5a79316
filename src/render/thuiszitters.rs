//! The thuiszitters overview as tables: the summary (counts only, the
//! aggregate variant) and, for the named variant, one row per case
//! (marked VERTROUWELIJK).

use super::table::{Cell, Table};
use crate::domain::report::thuiszitters::{self, Change, Overview};
use crate::i18n::t;

/// The mark on every named (per case) variant.
pub const CONFIDENTIAL: &str = "VERTROUWELIJK";

/// The summary, and the cases when `named`.
pub fn tables(o: &Overview, named: bool) -> Vec<Table> {
    let mut tables = vec![summary_table(o)];
    if named {
        tables.push(rows_table(o));
    }
    tables
}

pub fn summary_table(o: &Overview) -> Table {
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

pub fn rows_table(o: &Overview) -> Table {
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
    let rows = o.rows.iter().map(row_cells);
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

/// One case of the named overview, in the order of the headers.
fn row_cells(r: &thuiszitters::Row) -> Vec<Cell> {
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
}
