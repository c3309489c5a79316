use super::*;
use crate::domain::case::{CaseFields, Level};
use crate::domain::dates;

fn d(s: &str) -> NaiveDate {
    dates::parse(s).unwrap()
}

fn case(name: &str) -> Case {
    CaseFields {
        name: name.into(),
        birth: d("2012-03-04"),
        school: "De Brug".into(),
        level: Level::Vo,
        protocol: "utrecht-west".into(),
        gemeente: None,
        owner: None,
    }
    .into_case("abc123".into(), d("2026-09-01"))
}

fn sender() -> Sender {
    Sender {
        name: "Anke Leerplicht".into(),
        email: String::new(),
    }
}

fn template(body: &str) -> Template {
    let text = format!("+++\ntitel = \"Test\"\npast_bij = [\"r1\"]\n+++\n{body}");
    Template::parse("templates/test.txt", &text).unwrap()
}

fn render(body: &str, name: &str) -> Result<String, LetterError> {
    let data = LetterData::new(&case(name), None, &sender(), d("2026-11-23"));
    template(body).render(&data)
}

#[test]
fn fields_are_filled_with_dutch_dates() {
    let out = render(
        "{{ leerling.naam }}, {{ leerling.geboortedatum }}, {{ datum }}, {{ dossier.id }}\n",
        "Zoë Ĳzerman",
    )
    .unwrap();
    assert_eq!(out, "Zoë Ĳzerman, 04-03-2012, 23-11-2026, abc123\n");
}

#[test]
fn a_hostile_name_prints_literally() {
    let name = "{{ afzender.naam }} <b>Jan</b> {% if x %}\u{1b}[31m\nrood";
    let out = render("Beste {{ leerling.naam }}.", name).unwrap();
    assert_eq!(
        out,
        "Beste {{ afzender.naam }} <b>Jan</b> {% if x %}\\u{1b}[31m\\nrood."
    );
}

#[test]
fn a_misspelt_field_is_named_with_its_line() {
    let err = render("regel 1\nregel 2 {{ leerling.nam }}\n", "Jan").unwrap_err();
    assert_eq!(
        err,
        LetterError::UnknownField {
            file: "templates/test.txt".into(),
            line: 6,
            field: "leerling.nam".into()
        }
    );
    let err = render("{{ lerling.naam }}", "Jan").unwrap_err();
    assert!(
        matches!(&err, LetterError::UnknownField { field, line: 5, .. } if field == "lerling.naam"),
        "{err:?}"
    );
}

#[test]
fn a_broken_template_names_its_line() {
    let err = render("a\n{% if %}\n", "Jan").unwrap_err();
    assert!(
        matches!(err, LetterError::Template { line: 6, .. }),
        "{err:?}"
    );
}

#[test]
fn the_action_is_data_only_when_given() {
    assert!(render("{{ actie.titel }}", "Jan").is_err());
    let out = render("{% if actie is defined %}x{% endif %}y", "Jan").unwrap();
    assert_eq!(out, "y");
}

#[test]
fn a_head_error_has_a_position() {
    let err = Template::parse("templates/x.txt", "+++\ntitel = 3\n+++\nbody").unwrap_err();
    assert!(
        matches!(&err, LetterError::Head(e) if e.line == 2 && e.file == "templates/x.txt"),
        "{err:?}"
    );
    assert!(Template::parse("templates/x.txt", "no head").is_err());
}

#[test]
fn every_shipped_template_renders_with_and_without_an_action() {
    for (name, text) in crate::store::embedded::TEMPLATES {
        let t = Template::parse(&format!("templates/{name}"), text).unwrap();
        assert!(!t.fits.is_empty(), "{name}");
        let data = LetterData::new(&case("Jan"), None, &sender(), d("2026-11-23"));
        let out = t.render(&data).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(out.contains("Jan"), "{name}");
    }
}

#[test]
fn the_digest_is_sha256_hex() {
    assert_eq!(
        digest(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn a_sealed_value_never_reaches_a_letter() {
    // A hand action whose title a compartment seals: the letter says
    // "vertrouwelijk (jgz)", never the ciphertext nor the text.
    let mut c = case("Jan");
    c.keys.insert(
        "k1".into(),
        crate::domain::compartments::KeyBlock {
            compartment: "jgz".into(),
            retired: false,
            wrapped: String::new(),
        },
    );
    let title = seal::seal(
        &[4; 32],
        "k1",
        &c.id,
        "events.e1.title",
        "buikpijn",
        [1; 24],
    );
    let action = Action {
        id: "e1".into(),
        rule: "hand".into(),
        title,
        role: crate::domain::protocol::Role::Jgz,
        triggered: d("2026-11-02"),
        due: d("2026-11-20"),
        status: crate::domain::engine::ActionStatus::Open,
        done_on: None,
        local_term: false,
        shifts: vec![],
        escalation_of: None,
        consent: None,
    };
    let data = LetterData::new(&c, Some(&action), &sender(), d("2026-11-23"));
    let out = template("{{ actie.titel }}").render(&data).unwrap();
    assert_eq!(out, "vertrouwelijk (jgz)");
}
