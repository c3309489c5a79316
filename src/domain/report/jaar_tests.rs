//! The yearly figures on a generated caseload, against counts the test
//! keeps itself while generating (school days counted day by day).

use super::jaar::{self, Jaar, SchoolYear, SchoolYearError};
use super::jaar_defs::JaarDefs;
use super::tests::{case, caseload, d};
use crate::domain::case::{Case, Level};
use crate::domain::caseload::Caseload;
use crate::domain::event::Event;
use crate::store::embedded;
use chrono::{Duration, NaiveDate};
use std::collections::BTreeSet;

fn defs() -> JaarDefs {
    let text = embedded::REPORTS
        .iter()
        .find(|(n, _)| *n == "jaar.toml")
        .unwrap()
        .1;
    JaarDefs::parse("jaar.toml", text, &[]).unwrap()
}

fn add(c: &mut Case, e: Event) {
    let id = format!("ev{:02}", c.events.len());
    c.events.insert(id.into(), e);
}

const SOORTEN: [Option<&str>; 6] = [
    Some("16u4w"),
    Some("lrv"),
    Some("luxe"),
    Some("overig"),
    Some("18plus"),
    None,
];
const ARTIKELEN: [&str; 3] = ["5a", "5b", "15"];
/// Calendar days of each generated unauthorised absence (by `i / 6`).
const LENGTHS: [i64; 14] = [0, 10, 25, 40, 60, 90, 120, 150, 200, 400, 30, 100, 365, 20];

/// What the test knows of each case, written down while generating.
#[derive(Default)]
struct Truth {
    /// (case, soort) of every counted melding.
    meldingen: Vec<(usize, Option<&'static str>)>,
    /// (case, artikel, current on 31 July) of every exemption.
    vrijstellingen: Vec<(usize, &'static str, bool)>,
    /// (case, outcome, days) of every leave decision.
    verlof: Vec<(usize, &'static str, u32)>,
    /// (case, start, until) of every unauthorised absence.
    absences: Vec<(usize, NaiveDate, NaiveDate)>,
    uitgeschreven: BTreeSet<usize>,
    weer_ingeschreven: BTreeSet<usize>,
}

fn generated() -> (Vec<Case>, Truth) {
    let mut t = Truth::default();
    let cases = (0..84usize)
        .map(|i| {
            let gemeente = if i % 3 == 0 { "Woerden" } else { "Montfoort" };
            let mut c = case(i, "leerplichtwet", gemeente);
            c.level = Level::ALL[i % 4];
            // Meldingen: one a case (last school year for i % 10 == 9),
            // withdrawn for i % 11 == 0, a second one for i % 4 == 0.
            let soort = SOORTEN[i % 6];
            let mut m = Event::new(
                "melding-leerplicht",
                d("2025-09-01") + Duration::days(i as i64 % 30),
            );
            if i % 10 == 9 {
                m.date = d("2025-07-15");
            }
            m.soort = soort.map(str::to_string);
            if i % 11 == 0 {
                m.withdrawn = Some("dubbel".into());
            } else if i % 10 != 9 {
                t.meldingen.push((i, soort));
            }
            add(&mut c, m);
            if i % 4 == 0 {
                let mut m = Event::new("melding-leerplicht", d("2026-02-02"));
                m.soort = Some("16u4w".into());
                add(&mut c, m);
                t.meldingen.push((i, Some("16u4w")));
            }
            if i % 7 == 0 {
                let artikel = ARTIKELEN[i % 3];
                let mut v = Event::new("vrijstelling", d("2025-10-01"));
                v.artikel = Some(artikel.into());
                if i % 2 == 0 {
                    v.until = Some(d("2026-03-31"));
                }
                add(&mut c, v);
                t.vrijstellingen.push((i, artikel, i % 2 != 0));
            }
            if i % 5 == 1 || i % 5 == 2 {
                let outcome = if i % 5 == 1 { "verleend" } else { "geweigerd" };
                let mut v = Event::new("verlof-besluit", d("2026-03-02"));
                v.outcome = Some(outcome.into());
                let days = if i % 5 == 1 {
                    v.days = Some((i % 4 + 1) as u32);
                    (i % 4 + 1) as u32
                } else {
                    v.until = Some(d("2026-03-04"));
                    3
                };
                add(&mut c, v);
                t.verlof.push((i, outcome, days));
            }
            if i % 9 == 0 {
                let mut u = Event::new("uitschrijving", d("2025-11-03"));
                u.school = Some("De Brug".into());
                add(&mut c, u);
                if i % 18 == 0 {
                    let mut e = Event::new("inschrijving", d("2026-01-05"));
                    e.school = Some("Het Baken".into());
                    add(&mut c, e);
                    t.weer_ingeschreven.insert(i);
                } else {
                    // An exemption before the deregistration does not end it.
                    t.uitgeschreven.insert(i);
                }
            }
            if i % 6 == 0 {
                let start = d("2025-09-08") + Duration::days(7 * (i / 6) as i64);
                let until = start + Duration::days(LENGTHS[i / 6]);
                let mut e = Event::new("ongeoorloofd", start);
                e.until = Some(until);
                add(&mut c, e);
                t.absences.push((i, start, until));
            }
            c
        })
        .collect();
    (cases, t)
}

fn row<'a>(j: &'a Jaar, id: &str) -> &'a jaar::JaarRow {
    j.rows.iter().find(|r| r.id == id).unwrap()
}

fn level_of(i: usize) -> &'static str {
    Level::ALL[i % 4].as_str()
}

/// School days in `from..=to` on the case's own calendar, day by day.
fn school_days(cl: &Caseload, i: usize, from: NaiveDate, to: NaiveDate) -> u32 {
    let c = &cl.cases[i];
    let cal = cl
        .calendars
        .for_case(c, cl.library.protocols.get(&c.protocol));
    from.iter_days()
        .take_while(|x| *x <= to)
        .filter(|x| cal.is_school_day(*x))
        .count() as u32
}

#[test]
fn yearly_figures_match_an_independent_count() {
    let (cases, t) = generated();
    let cl = caseload(cases);
    let year = SchoolYear::parse("2025-2026").unwrap();
    let j = jaar::compute(&cl, &defs(), year, None, d("2026-10-01"));
    assert_eq!(
        (j.from, j.to, j.as_of),
        (d("2025-08-01"), d("2026-07-31"), d("2026-07-31"))
    );

    let total = |id: &str| row(&j, id).total;
    assert_eq!(total("relatief-meldingen"), t.meldingen.len() as u64);
    let pupils: BTreeSet<usize> = t.meldingen.iter().map(|m| m.0).collect();
    assert_eq!(total("relatief-leerlingen"), pupils.len() as u64);
    for (soort, id) in [
        ("16u4w", "16u4w"),
        ("luxe", "luxe"),
        ("lrv", "lrv"),
        ("overig", "overig"),
        ("18plus", "18plus"),
    ] {
        let of: Vec<usize> = t
            .meldingen
            .iter()
            .filter(|m| m.1 == Some(soort))
            .map(|m| m.0)
            .collect();
        let r = row(&j, &format!("relatief-{id}-meldingen"));
        assert_eq!(r.total, of.len() as u64, "{soort}");
        for level in Level::ALL {
            let n = of
                .iter()
                .filter(|i| level_of(**i) == level.as_str())
                .count() as u64;
            assert_eq!(r.per_level[level.as_str()], n, "{soort} {level}");
        }
        let distinct: BTreeSet<usize> = of.into_iter().collect();
        assert_eq!(
            total(&format!("relatief-{id}-leerlingen")),
            distinct.len() as u64
        );
    }
    let unset = t.meldingen.iter().filter(|m| m.1.is_none()).count() as u64;
    assert_eq!(total("relatief-zonder-soort"), unset);

    let exempt = |art: &[&str], current: bool| {
        t.vrijstellingen
            .iter()
            .filter(|v| art.contains(&v.1) && (!current || v.2))
            .count() as u64
    };
    assert_eq!(total("vrijstelling-5a-nieuw"), exempt(&["5a"], false));
    assert_eq!(total("vrijstelling-5a-lopend"), exempt(&["5a"], true));
    assert_eq!(total("vrijstelling-5b-lopend"), exempt(&["5b"], true));
    assert_eq!(total("vrijstelling-overig-nieuw"), exempt(&["15"], false));
    assert_eq!(total("vrijstelling-overig-lopend"), exempt(&["15"], true));
    assert_eq!(total("vrijstelling-zonder-artikel"), 0);

    let verlof = |o: &str| t.verlof.iter().filter(|v| v.1 == o).count() as u64;
    assert_eq!(total("verlof-verleend"), verlof("verleend"));
    assert_eq!(total("verlof-geweigerd"), verlof("geweigerd"));
    let days = |o: &str| {
        t.verlof
            .iter()
            .filter(|v| v.1 == o)
            .map(|v| u64::from(v.2))
            .sum::<u64>()
    };
    assert_eq!(total("verlof-verleend-dagen"), days("verleend"));
    assert_eq!(total("verlof-geweigerd-dagen"), days("geweigerd"));
    assert_eq!(school_days(&cl, 2, d("2026-03-02"), d("2026-03-04")), 3);

    assert_eq!(
        total("absoluut-uitschrijvingen"),
        t.uitgeschreven.len() as u64 + t.weer_ingeschreven.len() as u64
    );
    assert_eq!(total("absoluut-leerlingen"), t.uitgeschreven.len() as u64);
    assert_eq!(
        total("absoluut-weer-ingeschreven"),
        t.weer_ingeschreven.len() as u64
    );

    let (mut long, mut short_band, mut long_band, mut at_end, mut back) = (0, 0, 0, 0, 0);
    for &(i, start, until) in &t.absences {
        let sd = school_days(&cl, i, start, until.min(j.as_of));
        if sd >= 21 {
            long += 1;
            if sd < 65 {
                short_band += 1;
            } else {
                long_band += 1;
            }
            at_end += u64::from(until >= j.as_of);
        }
        back += u64::from(until < d("2026-07-01") && sd >= 1);
    }
    assert!(
        long > 4 && short_band > 1 && long_band > 1 && at_end > 1,
        "a varied caseload"
    );
    assert_eq!(total("langdurig-totaal"), long);
    assert_eq!(total("langdurig-tot-3-maanden"), short_band);
    assert_eq!(total("langdurig-3-maanden-of-langer"), long_band);
    assert_eq!(total("langdurig-einde-jaar"), at_end);
    assert_eq!(total("afhandeling-terug-naar-school"), back);
    for r in &j.rows {
        assert_eq!(r.total, r.per_level.values().sum::<u64>(), "{}", r.id);
    }
}

#[test]
fn a_municipality_and_a_running_year_count_only_their_part() {
    let (cases, t) = generated();
    let cl = caseload(cases);
    let year = SchoolYear(2025);
    let j = jaar::compute(&cl, &defs(), year, Some("woerden"), d("2026-10-01"));
    let want = t.meldingen.iter().filter(|m| m.0 % 3 == 0).count() as u64;
    assert_eq!(row(&j, "relatief-meldingen").total, want);
    // On 1 December only what was known then, and "at the end" is that day.
    let j = jaar::compute(&cl, &defs(), year, None, d("2025-12-01"));
    assert_eq!(j.as_of, d("2025-12-01"));
    let second = (0..84).filter(|i| i % 4 == 0).count();
    let want = (t.meldingen.len() - second) as u64;
    assert_eq!(row(&j, "relatief-meldingen").total, want);
    assert_eq!(row(&j, "verlof-verleend").total, 0);
}

#[test]
fn school_years_parse_strictly() {
    assert_eq!(SchoolYear::parse("2025-2026"), Ok(SchoolYear(2025)));
    assert_eq!(SchoolYear::parse(" 2025/2026 "), Ok(SchoolYear(2025)));
    assert!(matches!(
        SchoolYear::parse("2025-2027"),
        Err(SchoolYearError::NotConsecutive(_))
    ));
    for bad in ["2025", "25-26", "2025-26", "abcd-efgh", ""] {
        assert!(
            matches!(SchoolYear::parse(bad), Err(SchoolYearError::Format(_))),
            "{bad}"
        );
    }
    assert_eq!(SchoolYear::of(d("2026-07-31")), SchoolYear(2025));
    assert_eq!(SchoolYear(2025).to_string(), "2025-2026");
}

#[test]
fn layout_errors_name_file_line_and_column() {
    let base = "source = \"s\"\n[[rows]]\nid = \"a\"\nsection = \"S\"\nlabel = \"L\"\ncount = \"meldingen\"\nsource = \"q\"\n";
    let bad = |extra: &str| {
        JaarDefs::parse("reports/jaar.toml", &format!("{base}{extra}"), &[]).unwrap_err()
    };
    let e = bad("kinds = [\"ziek\", \"zeik\"]\n");
    assert_eq!((e.line, e.column), (8, 18), "{e}");
    assert!(e.to_string().starts_with("reports/jaar.toml:8:18:"), "{e}");
    assert!(e.to_string().contains("zeik"), "{e}");
    let e = bad("kinds = [\"melding-leerplicht\"]\nsoort = [\"16uur\"]\n");
    assert_eq!(e.line, 9, "{e}");
    let e = bad("kinds = [\"ongeoorloofd\"]\ncount2 = 1\n");
    assert_eq!(e.line, 9, "{e}");
    let e = bad(
        "kinds = [\"ongeoorloofd\"]\nsoort = [\"lrv\"]\nat_least = { amount = 21, unit = \"school-days\" }\n",
    );
    assert_eq!(e.line, 3, "the row's id: {e}");
    let e = bad(
        "kinds = [\"ziek\"]\n[[rows]]\nid = \"a\"\nsection = \"S\"\nlabel = \"L\"\ncount = \"leerlingen\"\nkinds = [\"ziek\"]\nsource = \"q\"\n",
    );
    assert_eq!(e.line, 10, "duplicate id: {e}");
    // A protocol's own kind is known when the library says so.
    let text = format!("{base}kinds = [\"eigen-soort\"]\n");
    assert!(JaarDefs::parse("f", &text, &["eigen-soort".into()]).is_ok());
}
