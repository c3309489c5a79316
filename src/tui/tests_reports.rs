//! The Rapportages screen: keys to effects, the worker's answer shown as a
//! table (TestBackend + insta), and the prompt that writes it to a file.

use super::model::Screen;
use super::msg::{Effect, Msg};
use super::reports::{ReportKind, ReportRequest};
use super::tests::{app, key, type_text};
use super::update::update;
use crate::domain::report::jaar::{self, SchoolYear};
use crate::domain::report::jaar_defs::JaarDefs;
use crate::render::Format;
use crate::store::embedded;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn render(a: &super::model::App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 28)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, a)).unwrap();
    format!("{}", terminal.backend())
}

/// What the worker would answer: the yearly figures of the demo cases.
fn jaar_tables(a: &super::model::App) -> Vec<crate::render::Table> {
    let cl = embedded::caseload(a.data.cases.clone());
    let text = embedded::REPORTS
        .iter()
        .find(|(n, _)| *n == "jaar.toml")
        .unwrap()
        .1;
    let defs = JaarDefs::parse("jaar.toml", text, &[]).unwrap();
    let figures = jaar::compute(&cl, &defs, SchoolYear(2025), None, a.today);
    vec![crate::render::jaar::compact(&figures)]
}

#[test]
fn key_4_opens_the_screen_and_asks_the_worker_for_the_report() {
    let mut a = app();
    let effects = key(&mut a, KeyCode::Char('4'));
    assert_eq!(a.screen, Screen::Reports);
    let want = ReportRequest {
        kind: ReportKind::Thuiszitters,
        named: false,
        year: SchoolYear(2025),
    };
    assert_eq!(effects, vec![Effect::Report(want)]);
    // Down chooses the yearly figures and asks for them; `v` does nothing there.
    let effects = key(&mut a, KeyCode::Down);
    let jaar = ReportRequest {
        kind: ReportKind::Jaar,
        ..want
    };
    assert_eq!(effects, vec![Effect::Report(jaar)]);
    assert!(key(&mut a, KeyCode::Char('v')).is_empty());
    // `[` goes a school year back.
    let effects = key(&mut a, KeyCode::Char('['));
    assert_eq!(
        effects,
        vec![Effect::Report(ReportRequest {
            year: SchoolYear(2024),
            ..jaar
        })]
    );
    // An answer to an earlier choice is not shown over the current one.
    let tables = jaar_tables(&a);
    update(
        &mut a,
        Msg::Report {
            request: jaar,
            tables: tables.clone(),
        },
    );
    assert!(a.reports.shown.is_none());
    key(&mut a, KeyCode::Char(']'));
    update(
        &mut a,
        Msg::Report {
            request: jaar,
            tables,
        },
    );
    assert!(a.reports.shown.is_some());
    assert!(a.busy.is_none());
    key(&mut a, KeyCode::Char('q'));
    assert_eq!(a.screen, Screen::Today);
}

#[test]
fn screen_reports_jaar() {
    let mut a = app();
    key(&mut a, KeyCode::Char('4'));
    key(&mut a, KeyCode::Down);
    let request = a.reports.request;
    let tables = jaar_tables(&a);
    update(&mut a, Msg::Report { request, tables });
    insta::assert_snapshot!(render(&a));
}

#[test]
fn w_writes_through_the_worker_in_the_chosen_format_and_path() {
    let mut a = app();
    key(&mut a, KeyCode::Char('4'));
    key(&mut a, KeyCode::Char('v'));
    key(&mut a, KeyCode::Char('w'));
    let p = a.reports.export.clone().unwrap();
    assert_eq!(p.path, "exports/thuiszitters-2025-11-21-vertrouwelijk.csv");
    key(&mut a, KeyCode::Tab);
    let p = a.reports.export.clone().unwrap();
    assert_eq!(
        (p.format, p.path.as_str()),
        (
            Format::Excel,
            "exports/thuiszitters-2025-11-21-vertrouwelijk-excel.csv"
        )
    );
    insta::assert_snapshot!("screen_reports_export_prompt", render(&a));
    // `q` and digits are text here, not screen keys.
    for _ in 0..4 {
        key(&mut a, KeyCode::Backspace);
    }
    type_text(&mut a, ".q4.md");
    key(&mut a, KeyCode::Tab);
    let effects = key(&mut a, KeyCode::Enter);
    let request = a.reports.request;
    assert_eq!(
        effects,
        vec![Effect::Export {
            request,
            format: Format::Markdown,
            path: "exports/thuiszitters-2025-11-21-vertrouwelijk-excel.q4.md".into(),
        }]
    );
    assert!(request.named && a.reports.export.is_none() && a.busy.is_some());
    update(&mut a, Msg::Exported("/demo/exports/x.md".into()));
    assert!(a.busy.is_none());
    assert!(
        a.status
            .as_ref()
            .unwrap()
            .text
            .contains("/demo/exports/x.md")
    );
    // Esc closes the prompt without writing.
    key(&mut a, KeyCode::Char('w'));
    assert!(key(&mut a, KeyCode::Esc).is_empty());
    assert!(a.reports.export.is_none());
    assert_eq!(a.screen, Screen::Reports);
}

#[test]
fn screen_reports_mazl_turns_a_wide_table_on_its_side() {
    let mut a = app();
    key(&mut a, KeyCode::Char('4'));
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    let request = a.reports.request;
    assert_eq!(request.kind, ReportKind::Mazl);
    let text = embedded::REPORTS
        .iter()
        .find(|(n, _)| *n == "mazl.toml")
        .unwrap()
        .1;
    let defs = crate::domain::report::mazl::MazlDefs::parse("mazl.toml", text).unwrap();
    let cl = embedded::caseload(a.data.cases.clone());
    let filter = crate::domain::report::mazl::Filter {
        school: None,
        from: SchoolYear(2025).first_day(),
        to: a.today,
    };
    let m = crate::domain::report::mazl::compute(&cl, &defs, &filter);
    let tables = vec![crate::render::mazl::table(&m, &defs)];
    update(&mut a, Msg::Report { request, tables });
    insta::assert_snapshot!(render(&a));
}
