//! The protocol library as users meet it: the list, the generated docs
//! (kept in sync with `protocols/`), validation of an edited protocol with
//! file:line:column errors, and a broken protocol that loses nothing.

mod common;
use common::Sandbox;

const ALL: [&str; 6] = [
    "leerplichtwet",
    "zhw-ziekteverzuim-als-signaal",
    "haaglanden",
    "zhz-lvs",
    "utrecht-west",
    "achterhoek",
];

#[test]
fn protocols_lists_every_source_protocol() {
    let out = Sandbox::new().ok("2025-09-01", &["protocols"]);
    for id in ALL {
        assert!(
            out.lines().any(|l| l.starts_with(id)),
            "{id} missing from:\n{out}"
        );
    }
}

#[test]
fn docs_protocols_md_is_the_generated_output() {
    let generated = Sandbox::new().ok("2025-09-01", &["protocols", "--markdown"]);
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/protocols.md")).unwrap();
    assert_eq!(
        committed.trim(),
        generated.trim(),
        "docs/protocols.md is stale: run `cargo run -- protocols --markdown > docs/protocols.md`"
    );
    // Every rule cites its source.
    let rules = committed.matches("\n### `").count();
    assert!(rules > 40, "{rules}");
    assert_eq!(committed.matches("\n- source: ").count(), rules);
}

fn check_file(text: &str) -> (i32, String) {
    let s = Sandbox::new();
    let path = s.home.path().join("mine.toml");
    std::fs::write(&path, text).unwrap();
    let out = s.run(
        "2025-09-01",
        &["protocols", "--check", path.to_str().unwrap()],
    );
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout),
    )
}

const GOOD: &str = r#"id = "mijn-regio"
name = "Mijn regio"
extends = "zhw-ziekteverzuim-als-signaal"
source = "eigen afspraken"

[[rules]]
id = "ziekmeldingen-frequent"
kind = "count"
events = ["ziek"]
threshold = 3
window = { amount = 10, unit = "school-weeks" }
owner = "school"
message = "3e ziekmelding in 10 schoolweken"
source = "regionale afspraak"
"#;

#[test]
fn a_valid_edited_protocol_passes() {
    let (code, out) = check_file(GOOD);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("mijn-regio: ok"));
}

#[test]
fn protocol_errors_name_file_line_and_column() {
    let cases = [
        (
            GOOD.replace("kind = \"count\"", "kind = \"aantal\""),
            8,
            "unknown rule kind `aantal`",
        ),
        (
            GOOD.replace("school-weeks", "lesweken"),
            11,
            "unknown variant `lesweken`",
        ),
        (
            GOOD.replace("owner = \"school\"\n", ""),
            7,
            "missing `owner`",
        ),
        (
            GOOD.replace("events = [\"ziek\"]", "events = [\"griep\"]"),
            9,
            "unknown event kind `griep`",
        ),
        (
            GOOD.replace(
                "extends = \"zhw-ziekteverzuim-als-signaal\"",
                "extends = \"mijn-regio\"",
            ),
            3,
            "cycle",
        ),
        (
            GOOD.replace(
                "extends = \"zhw-ziekteverzuim-als-signaal\"",
                "extends = \"nergens\"",
            ),
            3,
            "unknown protocol `nergens`",
        ),
    ];
    for (text, line, message) in cases {
        let (code, out) = check_file(&text);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains(&format!("mine.toml:{line}:")),
            "line {line} for {message}: {out}"
        );
        assert!(out.contains(message), "{message}: {out}");
    }
    let deadline = GOOD.replace(
        "[[rules]]",
        "[[rules]]\nid = \"x\"\nkind = \"deadline\"\nafter = [\"ziek\"]\ndue = { amount = 1, unit = \"days\" }\nsatisfied_by = [\"telefoon\"]\nowner = \"school\"\nmessage = \"m\"\nsource = \"s\"\n\n[[rules]]",
    );
    let (code, out) = check_file(&deadline);
    assert_eq!(code, 1);
    assert!(
        out.contains("rule `x`: unknown event kind `telefoon`"),
        "{out}"
    );
}

#[test]
fn a_broken_protocol_is_reported_and_its_cases_stay_visible_unchecked() {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    let id = s.new_case("achterhoek");
    let other = s.new_case("leerplichtwet");
    let path = s.dir.join("protocols/achterhoek.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("unit = \"school-days\"", "unit = \"werkdagen\"");
    std::fs::write(&path, &text).unwrap();
    let out = s.run("2025-09-02", &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("protocols/achterhoek.toml:"), "{stderr}");
    assert!(
        stdout.contains(&id) && stdout.contains("niet gecontroleerd"),
        "{stdout}"
    );
    assert!(stdout.contains(&other));
    let json: serde_json::Value =
        serde_json::from_str(&s.ok_or_2("2025-09-02", &["check", "--json"])).unwrap();
    let case = json["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id.as_str())
        .unwrap()
        .clone();
    assert!(case["unchecked"].as_str().unwrap().contains("achterhoek"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "left as the user wrote it"
    );
}
