//! The yearly figures as one table: per row of the layout its section,
//! label, what it counts, the total and the count per level.

use super::table::{Cell, Table};
use crate::domain::case::Level;
use crate::domain::report::jaar::Jaar;
use crate::domain::report::jaar_defs::Measure;
use crate::i18n::{date, t};

/// What a row counts, in words.
pub fn measure(m: Measure) -> &'static str {
    match m {
        Measure::Meldingen => t("aantal", "number"),
        Measure::Leerlingen => t("leerlingen", "pupils"),
        Measure::Dagen => t("dagen", "days"),
    }
}

/// For a screen: the label under a line per section, what it counts, the
/// total and the levels (the row ids are for files: `table`).
pub fn compact(j: &Jaar) -> Table {
    let mut headers: Vec<String> = vec![
        t("omschrijving", "description").into(),
        t("telt", "counts").into(),
        t("totaal", "total").into(),
    ];
    headers.extend(Level::ALL.iter().map(|l| l.as_str().to_string()));
    let mut rows = Vec::new();
    let mut section = None;
    for r in &j.rows {
        if section != Some(&r.section) {
            section = Some(&r.section);
            let mut heading = vec![Cell::text(format!("{}:", r.section))];
            heading.resize(headers.len(), Cell::text(""));
            rows.push(heading);
        }
        let mut cells = vec![
            Cell::text(format!("  {}", r.label)),
            Cell::text(measure(r.count)),
            Cell::Int(r.total as usize),
        ];
        cells.extend(
            Level::ALL
                .iter()
                .map(|l| Cell::Int(r.per_level.get(l.as_str()).copied().unwrap_or(0) as usize)),
        );
        rows.push(cells);
    }
    Table {
        title: table(j).title,
        headers,
        rows,
    }
}

pub fn table(j: &Jaar) -> Table {
    let mut headers: Vec<String> = vec![
        t("rij", "row").into(),
        t("onderdeel", "section").into(),
        t("omschrijving", "description").into(),
        t("telt", "counts").into(),
        t("totaal", "total").into(),
    ];
    headers.extend(Level::ALL.iter().map(|l| l.as_str().to_string()));
    let rows =
        j.rows
            .iter()
            .map(|r| {
                let mut cells = vec![
                    Cell::text(&r.id),
                    Cell::text(&r.section),
                    Cell::text(&r.label),
                    Cell::text(measure(r.count)),
                    Cell::Int(r.total as usize),
                ];
                cells.extend(Level::ALL.iter().map(|l| {
                    Cell::Int(r.per_level.get(l.as_str()).copied().unwrap_or(0) as usize)
                }));
                cells
            })
            .collect();
    let mut title = format!(
        "{} {} ({} {} {}, {} {})",
        t("Jaarcijfers schooljaar", "Yearly figures school year"),
        j.schooljaar,
        date(j.from),
        t("t/m", "to"),
        date(j.to),
        t("stand per", "as of"),
        date(j.as_of),
    );
    if let Some(g) = &j.gemeente {
        title += &format!(", {} {g}", t("gemeente", "municipality"));
    }
    Table {
        title,
        headers,
        rows,
    }
}
