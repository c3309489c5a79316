use super::*;
use crate::domain::case::{CaseFields, Level};

const RULES: &str = include_str!("../../retention.toml");

fn d(s: &str) -> NaiveDate {
    crate::domain::dates::parse(s).unwrap()
}

fn rules() -> RetentionRules {
    RetentionRules::parse("retention.toml", RULES).unwrap()
}

fn case(birth: &str, events: &[(&str, &str, &str)]) -> Case {
    let mut c = CaseFields {
        name: "Test".into(),
        birth: d(birth),
        school: "S".into(),
        level: Level::Vo,
        protocol: "leerplichtwet".into(),
        gemeente: None,
        owner: None,
    }
    .into_case("c1".into(), d("2020-01-01"));
    for (id, kind, date) in events {
        c.events.insert((*id).into(), Event::new(kind, d(date)));
    }
    c
}

#[test]
fn a_young_pupils_case_ends_19_years_after_birth() {
    let r = rules()
        .compute(&case("2010-03-15", &[("e1", "ziek", "2020-01-10")]))
        .unwrap();
    assert_eq!(r.case.date, d("2029-03-15"));
    assert_eq!(r.case.rule, "selectielijst-12.1.3");
}

#[test]
fn kwalificatieplicht_runs_to_two_years_after_the_18th_birthday() {
    let r = rules()
        .compute(&case("2008-05-01", &[("e1", "ziek", "2024-05-01")]))
        .unwrap();
    assert_eq!(r.case.date, d("2028-05-01"));
    assert_eq!(r.case.rule, "selectielijst-12.1.4");
    // The day before the 16th birthday: the rule does not apply.
    let r = rules()
        .compute(&case("2008-05-01", &[("e1", "ziek", "2024-04-30")]))
        .unwrap();
    assert_eq!(r.case.rule, "selectielijst-12.1.3");
}

#[test]
fn a_startkwalificatie_ends_kwalificatieplicht_earlier() {
    let c = case(
        "2006-01-01",
        &[
            ("e1", "ziek", "2022-06-01"),
            ("e2", "startkwalificatie", "2022-07-01"),
        ],
    );
    let without = case("2006-01-01", &[("e1", "ziek", "2022-06-01")]);
    assert_eq!(
        rules().compute(&without).unwrap().case.date,
        d("2026-01-01")
    );
    let r = rules().compute(&c).unwrap();
    // 2 years after 1 July 2022 is before 19 years after birth: 12.1.3 wins.
    assert_eq!(r.case.date, d("2025-01-01"));
    assert_eq!(r.case.rule, "selectielijst-12.1.3");
}

#[test]
fn a_wpg_event_expires_five_years_after_its_date_before_its_case() {
    let c = case(
        "2012-02-29",
        &[
            ("h1", "hoorgesprek", "2025-03-01"),
            ("z1", "ziek", "2025-01-01"),
        ],
    );
    let r = rules().compute(&c).unwrap();
    assert_eq!(r.case.date, d("2031-02-28"));
    assert_eq!(
        r.events,
        vec![(
            "h1".to_string(),
            Due {
                date: d("2030-03-01"),
                rule: "wpg-art-14".into()
            }
        )]
    );
    let (due, _) = due_list(&rules(), &[&c], d("2030-02-28"));
    assert!(due.is_empty());
    let (due, _) = due_list(&rules(), &[&c], d("2030-03-01"));
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].event.as_deref(), Some("h1"));
    let (due, _) = due_list(&rules(), &[&c], d("2031-02-28"));
    assert_eq!((due.len(), due[0].event.as_deref()), (1, None));
}

#[test]
fn the_jgz_rule_counts_only_when_declared_a_ggd_dossier() {
    let c = case("2010-01-01", &[("j1", "consult", "2024-01-10")]);
    assert_eq!(rules().compute(&c).unwrap().case.date, d("2029-01-01"));
    let text = RULES.replace("ggd_dossier = false", "ggd_dossier = true");
    let declared = RetentionRules::parse("retention.toml", &text).unwrap();
    let r = declared.compute(&c).unwrap();
    assert_eq!(
        (r.case.date, r.case.rule.as_str()),
        (d("2044-01-10"), "bw-7-454-lid-3")
    );
}

#[test]
fn errors_name_file_line_and_column() {
    let text = RULES.replace(
        "unit = \"years\" }\nsource = \"Wet",
        "unit = \"eons\" }\nsource = \"Wet",
    );
    let e = RetentionRules::parse("retention.toml", &text).unwrap_err();
    assert_eq!(e.file, "retention.toml");
    assert!(e.line > 1, "{e}");
    let twice = RULES.replace("id = \"wpg-art-14\"", "id = \"selectielijst-12.1.3\"");
    let e = RetentionRules::parse("retention.toml", &twice).unwrap_err();
    assert!(e.to_string().contains("twice"), "{e}");
    let line = RULES
        .lines()
        .position(|l| {
            l.contains("selectielijst-12.1.3\"") && l.starts_with("id = \"selectielijst-12.1.3")
        })
        .unwrap();
    let second = twice
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("id = \"selectielijst-12.1.3"))
        .nth(1)
        .unwrap()
        .0;
    assert_eq!((e.line, e.column), (second + 1, 6), "{line}");
}
