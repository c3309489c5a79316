//! Issue 11 through the real binary: local terms are marked in `show` and
//! `protocols`, a `--until` absence ending on a Friday gives the same signal
//! as one ended by `beter` on Monday, and Utrecht's mentor contact is not
//! overdue when it first appears after a holiday.

mod common;
use common::Sandbox;

fn init() -> Sandbox {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    s
}

#[test]
fn show_marks_a_local_term() {
    let s = init();
    let id = s.new_case("zhz-lvs");
    s.ok(
        "2025-10-10",
        &[
            "add",
            &id,
            "ongeoorloofd",
            "--date",
            "2025-09-01",
            "--until",
            "2025-10-10",
        ],
    );
    let out = s.ok("2025-10-10", &["show", &id]);
    let line = out.lines().find(|l| l.contains("actietafel-")).unwrap();
    assert!(line.ends_with("(lokale termijn)"), "{line}");
    let duo = out.lines().find(|l| l.contains("duo-melding-")).unwrap();
    assert!(!duo.contains("lokale termijn"), "a source term: {duo}");
    let en = s.ok("2025-10-10", &["--lang", "en", "show", &id]);
    assert!(en.contains("(local term)"), "{en}");
    let list = s.ok("2025-10-10", &["protocols"]);
    let rule = list
        .lines()
        .find(|l| l.trim_start().starts_with("actietafel"))
        .unwrap();
    assert!(rule.contains("(lokale termijn)"), "{rule}");
}

#[test]
fn until_friday_and_beter_monday_agree() {
    let s = init();
    let until = s.new_case("achterhoek");
    let beter = s.new_case("achterhoek");
    s.ok(
        "2025-11-03",
        &[
            "add",
            &until,
            "ziek",
            "--date",
            "2025-11-03",
            "--until",
            "2025-11-14",
        ],
    );
    s.ok(
        "2025-11-03",
        &["add", &beter, "ziek", "--date", "2025-11-03"],
    );
    s.ok(
        "2025-11-17",
        &["add", &beter, "beter", "--date", "2025-11-17"],
    );
    let signals = |id: &str| -> serde_json::Value {
        let check: serde_json::Value =
            serde_json::from_str(&s.ok("2025-11-17", &["check", "--json"])).unwrap();
        let case = check["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone();
        case["actions"].clone()
    };
    let a = signals(&until);
    assert_eq!(a, signals(&beter));
    assert!(
        a.as_array()
            .unwrap()
            .iter()
            .any(|x| x["rule"] == "aanmelding-jeugdarts"),
        "{a}"
    );
}

#[test]
fn mentor_contact_after_the_holiday_is_open_not_overdue() {
    let s = init();
    let id = s.new_case("utrecht-west");
    s.ok("2025-10-16", &["add", &id, "ziek", "--date", "2025-10-16"]);
    let out = s.ok("2025-10-27", &["show", &id]);
    let line = out.lines().find(|l| l.contains("mentor-contact-")).unwrap();
    assert!(
        line.contains("open") && line.contains("30-10-2025"),
        "{line}"
    );
}
