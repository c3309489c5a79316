//! The vocabulary every protocol understands: each kind of event with its
//! Dutch and English label and the extra fields it takes (issue 14), so the
//! CLI, the TUI form and the timeline all name kinds in words.
//! The kind table is here; the field table (what each field is, its
//! values) is in `field.rs`.

mod field;

pub use field::*;
use field::{opt, req};

use crate::domain::event::{KindSpec, Until};

/// (id, Dutch label, English label, until).
const KINDS: [(&str, &str, &str, Until); 38] = [
    ("ziek", "Ziekmelding", "Sick report", Until::Optional),
    ("beter", "Betermelding", "Recovery report", Until::No),
    (
        "ongeoorloofd",
        "Ongeoorloofd verzuim",
        "Unauthorised absence",
        Until::Optional,
    ),
    ("te-laat", "Te laat", "Late", Until::No),
    (
        "luxe",
        "Luxeverzuim",
        "Unauthorised holiday",
        Until::Optional,
    ),
    (
        "contact-ouders",
        "Contact mentor met ouders",
        "Mentor contacted parents",
        Until::No,
    ),
    (
        "gesprek",
        "Gesprek met leerling/ouders",
        "Talk with pupil/parents",
        Until::No,
    ),
    (
        "plan-van-aanpak",
        "Plan van aanpak",
        "Action plan",
        Until::No,
    ),
    (
        "evaluatie",
        "Evaluatie plan van aanpak",
        "Action plan review",
        Until::No,
    ),
    (
        "aanmelding-jgz",
        "Aanmelding bij de jeugdarts",
        "Referral to the school doctor",
        Until::No,
    ),
    (
        "uitnodiging-jgz",
        "Uitnodiging JGZ verstuurd",
        "School doctor invitation sent",
        Until::No,
    ),
    (
        "consult",
        "Consult jeugdarts",
        "School doctor consultation",
        Until::No,
    ),
    (
        "terugkoppeling",
        "Terugkoppeling jeugdarts",
        "School doctor feedback",
        Until::No,
    ),
    (
        "follow-up",
        "Follow-up jeugdarts",
        "School doctor follow-up",
        Until::No,
    ),
    (
        "melding-leerplicht",
        "Melding bij leerplicht",
        "Report to attendance officer",
        Until::No,
    ),
    (
        "reactie-leerplicht",
        "Reactie leerplicht",
        "Attendance officer's reply",
        Until::No,
    ),
    (
        "mdo",
        "Multidisciplinair overleg",
        "Multidisciplinary meeting",
        Until::No,
    ),
    ("vrijstelling", "Vrijstelling", "Exemption", Until::Optional),
    ("notitie", "Notitie", "Note", Until::No),
    (
        "hoorgesprek-uitnodiging",
        "Uitnodiging hoorgesprek",
        "Hearing invitation",
        Until::No,
    ),
    ("hoorgesprek", "Hoorgesprek", "Hearing", Until::No),
    (
        "proces-verbaal",
        "Proces-verbaal",
        "Official report (proces-verbaal)",
        Until::No,
    ),
    (
        "halt-verwijzing",
        "Halt-verwijzing",
        "Referral to Halt",
        Until::No,
    ),
    ("zorgmelding", "Zorgmelding", "Care report", Until::No),
    (
        "verlof-aanvraag",
        "Verlofaanvraag",
        "Leave request",
        Until::Optional,
    ),
    (
        "verlof-besluit",
        "Verlofbesluit",
        "Leave decision",
        Until::Optional,
    ),
    ("inschrijving", "Inschrijving", "Enrolment", Until::No),
    (
        "uitschrijving",
        "Uitschrijving",
        "Deregistration",
        Until::No,
    ),
    ("schorsing", "Schorsing", "Suspension", Until::Optional),
    (
        "startkwalificatie",
        "Startkwalificatie behaald",
        "Basic qualification obtained",
        Until::No,
    ),
    (
        "actie",
        "Actie (met de hand)",
        "Action (by hand)",
        Until::No,
    ),
    (
        "pauze",
        "Termijnen gepauzeerd",
        "Deadlines paused",
        Until::Optional,
    ),
    (
        "hervatting",
        "Termijnen hervat",
        "Deadlines resumed",
        Until::No,
    ),
    (
        "verlenging",
        "Termijn verlengd",
        "Deadline extended",
        Until::No,
    ),
    ("toestemming", "Toestemming", "Consent", Until::Optional),
    ("overdracht", "Overdracht", "Handover", Until::No),
    (
        crate::domain::event::LETTER_KIND,
        "Brief verstuurd",
        "Letter sent",
        Until::No,
    ),
    (
        crate::domain::event::DONE_KIND,
        "Afgerond",
        "Done",
        Until::No,
    ),
];

/// The extra fields of one kind.
fn fields_of(id: &str) -> Vec<FieldSpec> {
    match id {
        "zorgmelding" => vec![FieldSpec {
            values: &ZORGMELDING_TO,
            ..opt(Field::To)
        }],
        "verlof-aanvraag" | "verlof-besluit" => vec![opt(Field::Days)],
        "inschrijving" => vec![req(Field::School)],
        "uitschrijving" => vec![req(Field::School), opt(Field::Reason)],
        "schorsing" => vec![opt(Field::Reason)],
        "vrijstelling" => vec![FieldSpec {
            values: &VRIJSTELLING_ARTIKEL,
            ..opt(Field::Artikel)
        }],
        "consult" | "terugkoppeling" | "follow-up" => {
            vec![opt(Field::Advice), opt(Field::Findings)]
        }
        // A letter sent outside verzuim can be recorded by hand, without a hash.
        crate::domain::event::LETTER_KIND => vec![req(Field::Template), opt(Field::Sha256)],
        "melding-leerplicht" => vec![
            FieldSpec {
                values: &crate::domain::event::MELDING_SOORTEN,
                ..opt(Field::Soort)
            },
            opt(Field::Meldingsnummer),
            FieldSpec {
                values: &crate::domain::event::MELDING_STATUSES,
                ..opt(Field::Status)
            },
        ],
        "actie" => vec![
            req(Field::Title),
            req(Field::Due),
            FieldSpec {
                values: &crate::domain::protocol::role::ROLE_NAMES,
                ..req(Field::Role)
            },
        ],
        "pauze" => vec![req(Field::Reason)],
        "verlenging" => vec![req(Field::Action), req(Field::By), req(Field::Reason)],
        "toestemming" => vec![
            FieldSpec {
                values: &crate::domain::consent::SUBJECTS,
                ..req(Field::Subject)
            },
            FieldSpec {
                values: &crate::domain::consent::SCOPES,
                ..req(Field::Scope)
            },
            opt(Field::GivenBy),
        ],
        "overdracht" => vec![req(Field::Owner)],
        _ => vec![],
    }
}

/// The vocabulary every protocol understands (product specification).
pub fn base_vocabulary() -> Vec<KindSpec> {
    KINDS
        .iter()
        .filter(|(id, ..)| *id != crate::domain::event::DONE_KIND)
        .map(|&(id, nl, en, until)| KindSpec {
            id: id.into(),
            label: nl.into(),
            label_en: en.into(),
            until,
            hours: id == "ongeoorloofd",
            outcomes: match id {
                "consult" => CONSULT_OUTCOMES.iter().map(|s| s.to_string()).collect(),
                "verlof-besluit" => VERLOF_OUTCOMES.iter().map(|s| s.to_string()).collect(),
                _ => vec![],
            },
            note_required: id == "notitie",
            fields: fields_of(id),
        })
        .collect()
}

/// The Dutch and English labels of a kind: from the given vocabulary (a
/// protocol's own kinds), else the base one.
pub fn labels<'a>(kind: &str, vocabulary: &'a [KindSpec]) -> Option<(&'a str, &'a str)> {
    if let Some(k) = vocabulary.iter().find(|k| k.id == kind) {
        return Some((&k.label, &k.label_en));
    }
    KINDS
        .iter()
        .find(|(id, ..)| *id == kind)
        .map(|(_, nl, en, _)| (*nl, *en))
}
