//! The repositories `tests/json_contract.rs` runs the commands on: cases
//! that carry every optional field of the JSON documents.
#![allow(dead_code)]

use crate::common::Sandbox;

pub const DAY: &str = "2025-12-08";

/// A repository with a case that fills every optional field of `show`:
/// contacts, pseudonym, region, a pause and an extension, consent, an
/// escalation, a withdrawn event, a hand action done, a Wpg event with its
/// own destruction date; and a case whose protocol is broken (unchecked).
/// Returns (the full case, the unchecked case).
pub fn caseload(s: &Sandbox) -> (String, String) {
    s.ok("2025-09-01", &["init"]);
    let config = s.dir.join("verzuim.toml");
    let text = std::fs::read_to_string(&config).unwrap()
        + "escalate = { after = \"5 schooldagen\", to = \"teamleider\" }\n";
    std::fs::write(&config, text).unwrap();
    let id = s.new_case_with(
        "utrecht-west",
        &[
            "--gemeente",
            "Utrecht",
            "--owner",
            "Lotte Leerplicht",
            "--leerlingnummer",
            "L123",
        ],
    );
    let add = |args: &[&str]| s.ok(DAY, &[&["add", &id][..], args].concat());
    add(&["ziek", "--date", "2025-10-06", "--note", "belt zelf"]);
    add(&["aanmelding-jgz", "--date", "2025-10-13"]);
    add(&["consult", "--date", "2025-10-20", "--outcome", "verschenen"]);
    add(&[
        "toestemming",
        "--date",
        "2025-10-20",
        "--subject",
        "leerling",
        "--scope",
        "terugkoppeling-school",
        "--given-by",
        "leerling",
    ]);
    let late = add(&["ongeoorloofd", "--date", "2025-10-08", "--hours", "3"]);
    s.ok(DAY, &["withdraw", &id, &late, "--reason", "dubbel"]);
    // A Wpg event: destroyed five years on, before its case.
    add(&["hoorgesprek", "--date", "2021-01-04"]);
    add(&[
        "melding-leerplicht",
        "--date",
        "2025-10-27",
        "--soort",
        "16u4w",
        "--meldingsnummer",
        "M-1",
        "--status",
        "nieuw",
    ]);
    add(&[
        "zorgmelding",
        "--date",
        "2025-10-28",
        "--to",
        "veilig-thuis",
    ]);
    add(&[
        "terugkoppeling",
        "--date",
        "2025-10-29",
        "--advice",
        "deels: rooster",
    ]);
    add(&[
        "verlof-besluit",
        "--date",
        "2025-10-30",
        "--outcome",
        "verleend",
        "--days",
        "2",
    ]);
    add(&[
        "inschrijving",
        "--date",
        "2025-09-01",
        "--school",
        "De Brug",
    ]);
    // Withdrawn at once: an exemption would end the case's deadlines.
    let exemption = add(&["vrijstelling", "--date", "2025-09-02", "--artikel", "5a"]);
    s.ok(
        DAY,
        &["withdraw", &id, &exemption, "--reason", "fout dossier"],
    );
    s.ok(DAY, &["letter", &id, "uitnodiging-ouders"]);
    let hand = |title: &str, on: &str, due: &str| {
        s.ok(
            on,
            &[
                "action",
                "add",
                &id,
                "--title",
                title,
                "--due",
                due,
                "--role",
                "leerplicht",
            ],
        )
    };
    let done = hand("Huisbezoek", "2025-11-03", "2025-11-14");
    s.ok(DAY, &["done", &id, &done, "--date", "2025-11-12"]);
    let moved = hand("Gesprek ouders", "2025-11-24", "2025-12-19");
    s.ok(
        DAY,
        &[
            "extend",
            &id,
            &moved,
            "--by",
            "5 schooldagen",
            "--reason",
            "ouders op vakantie",
        ],
    );
    s.ok(
        DAY,
        &[
            "pause",
            &id,
            "--reason",
            "opname",
            "--date",
            "2025-12-01",
            "--until",
            "2025-12-03",
        ],
    );
    s.ok(DAY, &["handover", &id, "--owner", "Bram Jansen"]);
    // Fields only a file (or an import) sets.
    let file = s.case_file(&id);
    let text = std::fs::read_to_string(&file).unwrap().replacen(
        "school = \"De Brug\"",
        "school = \"De Brug\"\npseudonym = \"P-17\"\nregion = \"midden\"",
        1,
    ) + "\n[contacts]\nmentor = \"M. de Vries\"\n";
    std::fs::write(&file, text).unwrap();
    let broken = s.new_case("achterhoek");
    let path = s.dir.join("protocols/achterhoek.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("unit = \"school-days\"", "unit = \"werkdagen\"");
    std::fs::write(&path, text).unwrap();
    (id, broken)
}

/// Thuiszitters on 2026-01-20: a sick case with a DUO report, an offer,
/// a gemeente and an owner; an exempted case with none of those.
pub fn thuiszitters(s: &Sandbox) {
    s.ok("2025-09-01", &["init"]);
    let a = s.new_case_with(
        "utrecht-west",
        &["--gemeente", "Utrecht", "--owner", "Lotte Leerplicht"],
    );
    let b = s.new_case("leerplichtwet");
    let day = "2026-01-20";
    s.ok(day, &["add", &a, "ziek", "--date", "2025-10-06"]);
    s.ok(
        day,
        &[
            "add",
            &a,
            "melding-leerplicht",
            "--date",
            "2025-12-01",
            "--soort",
            "16u4w",
            "--status",
            "nieuw",
        ],
    );
    s.ok(day, &["add", &a, "plan-van-aanpak", "--date", "2025-12-08"]);
    s.ok(
        day,
        &[
            "add",
            &b,
            "vrijstelling",
            "--date",
            "2025-09-01",
            "--artikel",
            "5a",
        ],
    );
}
