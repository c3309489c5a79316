//! `verzuim report mazl`: the M@ZL figures as a table (one row per school
//! and trigger, and a total) in any report format.

use super::table::{Cell, Table};
use crate::domain::event::CONSULT_OUTCOMES;
use crate::domain::report::mazl::{ADVICE_NONE, ADVICE_OTHER, Figures, Mazl, MazlDefs};
use crate::i18n::{date, t};

pub fn table(m: &Mazl, defs: &MazlDefs) -> Table {
    let mut headers: Vec<String> = vec![
        "school".into(),
        t("aanleiding", "trigger").into(),
        t("aanmeldingen", "registrations").into(),
    ];
    for n in &defs.norms {
        headers.push(format!("{} ({})", n.id, t("binnen norm", "within norm")));
        headers.push(format!("{} ({})", n.id, t("van", "of")));
        headers.push(format!("{} %", n.id));
    }
    for o in CONSULT_OUTCOMES {
        headers.push(format!("consult {o}"));
    }
    for a in advice_ids(defs) {
        headers.push(format!("{} {a}", t("advies", "advice")));
    }
    headers.push(t("consulten gemeten", "consults measured").into());
    headers.push(t("ziek voor consult", "sick before consult").into());
    headers.push(t("ziek na consult", "sick after consult").into());
    let mut rows: Vec<Vec<Cell>> = m
        .rows
        .iter()
        .map(|r| cells(&r.school, &r.trigger, &r.figures, defs))
        .collect();
    rows.push(cells(t("totaal", "total"), "", &m.total, defs));
    Table {
        title: format!(
            "{} {} - {} ({}: {})",
            t("M@ZL-cijfers", "M@ZL figures"),
            date(m.from),
            date(m.to),
            t("venster ziekmeldingen", "sick reports window"),
            // Span's Display is English ("12 weeks"): worded here per language
            t(
                &format!(
                    "{} {}",
                    defs.sick_window.amount,
                    defs.sick_window.unit.dutch(defs.sick_window.amount)
                ),
                &defs.sick_window.to_string()
            )
        ),
        headers,
        rows,
    }
}

fn cells(school: &str, trigger: &str, f: &Figures, defs: &MazlDefs) -> Vec<Cell> {
    let mut row = vec![
        Cell::text(school),
        Cell::text(trigger),
        Cell::Int(f.registrations),
    ];
    for n in &defs.norms {
        let c = f.norms.get(&n.id).cloned().unwrap_or_default();
        row.push(Cell::Int(c.met));
        row.push(Cell::Int(c.of));
        row.push(Cell::Num(c.share()));
    }
    for o in CONSULT_OUTCOMES {
        row.push(Cell::Int(f.consults.get(o).copied().unwrap_or(0)));
    }
    for a in advice_ids(defs) {
        row.push(Cell::Int(f.advice.get(&a).copied().unwrap_or(0)));
    }
    row.push(Cell::Int(f.sick_consults));
    row.push(Cell::Int(f.sick_before));
    row.push(Cell::Int(f.sick_after));
    row
}

/// The advice categories as columns: the defined ones, `overig`, `geen`.
fn advice_ids(defs: &MazlDefs) -> Vec<String> {
    let mut ids: Vec<String> = defs.advice.iter().map(|a| a.id.clone()).collect();
    ids.push(ADVICE_OTHER.into());
    ids.push(ADVICE_NONE.into());
    ids
}
