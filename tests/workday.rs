//! Issue 14, points 2-5 and 7, run as a user would: actions by hand,
//! pause and resume, extensions, escalation from verzuim.toml, the consent
//! register and handover. Each change is one commit whose message holds
//! ids, never titles, reasons or names.

mod common;
use common::Sandbox;

const ZHZ: &str = "zhz-lvs";

fn init() -> Sandbox {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    s
}

/// A case whose LVS mail (5 school days after the registration on Monday
/// 10 November 2025) is due Monday 17 November.
fn registered(s: &Sandbox) -> String {
    let id = s.new_case(ZHZ);
    s.ok(
        "2025-11-10",
        &["add", &id, "aanmelding-jgz", "--date", "2025-11-10"],
    );
    id
}

fn last_message(s: &Sandbox) -> String {
    s.git(&["log", "-1", "--format=%s"]).trim().to_string()
}

#[test]
fn an_action_added_by_hand_is_on_every_list_and_closed_by_done() {
    let s = init();
    let id = s.new_case(ZHZ);
    let commits = s.commit_count();
    let action = s.ok(
        "2025-11-10",
        &[
            "action",
            "add",
            &id,
            "--title",
            "Huisbezoek plannen",
            "--due",
            "14-11-2025",
            "--role",
            "leerplicht",
        ],
    );
    assert!(action.starts_with("actie-"), "{action}");
    assert_eq!(s.commit_count(), commits + 1);
    assert!(!last_message(&s).contains("Huisbezoek"));
    let check = s.ok("2025-11-12", &["check", "--json"]);
    assert!(
        check.contains(&format!("\"id\":\"{action}\"")) && check.contains("\"rule\":\"actie\""),
        "{check}"
    );
    let overdue = s.ok("2025-11-17", &["overdue"]);
    assert!(
        overdue.contains("Huisbezoek plannen") && overdue.contains("leerplicht"),
        "{overdue}"
    );
    let json = s.ok("2025-11-17", &["overdue", "--json"]);
    assert!(json.contains(&format!("\"action\":\"{action}\"")), "{json}");
    s.ok("2025-11-17", &["done", &id, &action]);
    assert!(s.ok("2025-11-17", &["overdue"]).contains("niets over tijd"));
    let err = s.fails(
        "2025-11-10",
        &[
            "action",
            "add",
            &id,
            "--title",
            "x",
            "--due",
            "14-11-2025",
            "--role",
            "mentor",
        ],
        1,
    );
    // clap refuses it (a `ValueEnum`), naming the roles there are.
    assert!(
        err.contains("--role") && err.contains("`mentor`") && err.contains("kies uit: school, jgz"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_pause_stops_the_clock_until_resume_each_one_commit() {
    let s = init();
    let id = registered(&s);
    let commits = s.commit_count();
    s.ok(
        "2025-11-13",
        &["pause", &id, "--reason", "ziekenhuisopname"],
    );
    assert_eq!(s.commit_count(), commits + 1);
    let msg = last_message(&s);
    assert!(
        msg.contains("pause deadlines") && !msg.contains("ziekenhuis"),
        "{msg}"
    );
    let show = s.ok("2025-11-17", &["show", &id]);
    assert!(
        show.contains("termijnen gepauzeerd sinds 13-11-2025: ziekenhuisopname"),
        "{show}"
    );
    assert!(show.contains("[gepauzeerd]"), "{show}");
    // Never overdue while paused.
    assert!(s.ok("2025-11-24", &["overdue"]).contains("niets over tijd"));
    let err = s.fails("2025-11-17", &["pause", &id, "--reason", "x"], 1);
    assert!(err.contains("al stil"), "{err}");
    s.ok("2025-11-19", &["resume", &id]);
    assert_eq!(s.commit_count(), commits + 2);
    // 13, 14, 17 and 18 paused: due Friday 21st.
    let json = s.ok("2025-11-21", &["check", "--json"]);
    assert!(json.contains("\"due\":\"2025-11-21\""), "{json}");
    assert!(s.ok("2025-11-24", &["overdue"]).contains("21-11-2025"));
    let err = s.fails("2025-11-24", &["resume", &id], 1);
    assert!(err.contains("staan niet stil"), "{err}");
}

#[test]
fn extensions_stack_with_their_reasons_in_show_and_history() {
    let s = init();
    let id = registered(&s);
    let day = "2025-11-12";
    let ext = |by: &str, why: &str| {
        s.ok(
            day,
            &[
                "extend",
                &id,
                "lvs-mail-jeugdarts",
                "--by",
                by,
                "--reason",
                why,
            ],
        )
    };
    ext("5 schooldagen", "wacht op school");
    ext("1 week", "consulent ziek");
    let show = s.ok(day, &["show", &id]);
    assert!(show.contains("01-12-2025"), "{show}");
    assert!(
        show.contains("met 5 schooldagen: wacht op school")
            && show.contains("met 1 week: consulent ziek"),
        "{show}"
    );
    let log = s.ok(day, &["log", &id]);
    assert_eq!(
        log.matches("extend action lvs-mail-jeugdarts-").count(),
        2,
        "{log}"
    );
    assert!(!log.contains("consulent"), "{log}");
    let err = s.fails(
        day,
        &[
            "extend",
            &id,
            "lvs-mail-jeugdarts",
            "--by",
            "5",
            "--reason",
            "x",
        ],
        1,
    );
    assert!(err.contains("schooldagen"), "{err}");
}

#[test]
fn an_escalation_from_verzuim_toml_reaches_the_team_lead_on_the_right_day() {
    let s = init();
    let id = registered(&s);
    let config = s.dir.join("verzuim.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text += "escalate = { after = \"5 schooldagen\", to = \"teamleider\" }\n";
    std::fs::write(&config, text).unwrap();
    // Due 17 November; five school days later is 24 November.
    let before = s.ok("2025-11-21", &["check", "--json"]);
    assert!(!before.contains("\"rule\":\"escalatie\""), "{before}");
    let on = s.ok("2025-11-24", &["check", "--json"]);
    assert!(
        on.contains("\"id\":\"escalatie-lvs-mail-jeugdarts-")
            && on.contains("\"role\":\"teamleider\""),
        "{on}"
    );
    let overdue = s.ok("2025-11-25", &["overdue"]);
    assert!(
        overdue.contains("Escalatie: School mailt") && overdue.contains("teamleider"),
        "{overdue}"
    );
    let _ = id;
    let mut bad = std::fs::read_to_string(&config).unwrap();
    bad = bad.replace("teamleider\" }", "baas\" }");
    std::fs::write(&config, bad).unwrap();
    let out = s.run("2025-11-25", &["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("verzuim.toml:") && err.contains("baas"),
        "{err}"
    );
}

#[test]
fn a_feedback_na_toestemming_shows_whether_consent_is_on_record() {
    let s = init();
    // Born 6 May 2011: 14, so the pupil and the parents must agree.
    let id = s.new_case("utrecht-west");
    let day = "2025-11-12";
    s.ok(
        day,
        &[
            "add",
            &id,
            "consult",
            "--date",
            "2025-11-10",
            "--outcome",
            "verschenen",
        ],
    );
    let show = s.ok(day, &["show", &id]);
    assert!(
        show.contains(
            "toestemming terugkoppeling-school: ONTBREEKT van leerling en ouders (14 jaar)"
        ),
        "{show}"
    );
    assert!(
        s.ok("2025-11-18", &["overdue"])
            .contains("[toestemming ontbreekt]")
    );
    for who in ["leerling", "ouders"] {
        s.ok(
            day,
            &[
                "add",
                &id,
                "toestemming",
                "--date",
                day,
                "--subject",
                who,
                "--scope",
                "terugkoppeling-school",
                "--given-by",
                "moeder en leerling",
            ],
        );
    }
    let show = s.ok(day, &["show", &id]);
    assert!(show.contains("vastgelegd van leerling en ouders"), "{show}");
    let err = s.fails(
        day,
        &[
            "add",
            &id,
            "toestemming",
            "--date",
            day,
            "--subject",
            "oom",
            "--scope",
            "overig",
        ],
        1,
    );
    assert!(err.contains("leerling, ouders"), "{err}");
}

#[test]
fn a_handover_changes_the_owner_in_one_commit_without_the_name() {
    let s = init();
    let id = s.new_case(ZHZ);
    let commits = s.commit_count();
    s.ok("2025-11-12", &["handover", &id, "--owner", "Bram Jansen"]);
    assert_eq!(s.commit_count(), commits + 1);
    let msg = last_message(&s);
    assert!(msg.contains("handover") && !msg.contains("Bram"), "{msg}");
    let file = std::fs::read_to_string(s.case_file(&id)).unwrap();
    assert!(
        file.contains("owner = \"Bram Jansen\"") && file.contains("kind = \"overdracht\""),
        "{file}"
    );
    let show = s.ok("2025-11-12", &["show", &id]);
    assert!(
        show.contains("eigenaar: Bram Jansen") && show.contains("Overdracht"),
        "{show}"
    );
    let err = s.fails(
        "2025-11-12",
        &["handover", &id, "--owner", "Bram Jansen"],
        1,
    );
    assert!(err.contains("al van"), "{err}");
}

#[test]
fn a_done_action_is_neither_done_again_nor_extended() {
    let s = init();
    let id = registered(&s);
    let day = "2025-11-12";
    s.ok(day, &["done", &id, "lvs-mail-jeugdarts"]);
    let commits = s.git(&["rev-list", "--count", "HEAD"]);
    let again = s.fails(day, &["done", &id, "lvs-mail-jeugdarts-"], 1);
    assert!(again.contains("is al afgerond"), "{again}");
    let extend = s.fails(
        day,
        &[
            "extend",
            &id,
            "lvs-mail-jeugdarts-",
            "--by",
            "5 schooldagen",
            "--reason",
            "x",
        ],
        1,
    );
    assert!(extend.contains("is al afgerond"), "{extend}");
    assert_eq!(extend.lines().count(), 1, "{extend}");
    // Nothing written.
    assert_eq!(s.git(&["rev-list", "--count", "HEAD"]), commits);
    assert_eq!(s.git(&["status", "--porcelain"]), "");
}
