//! The vocabulary every protocol understands: each kind of event with its
//! Dutch and English label and the extra fields it takes (issue 14), so the
//! CLI, the TUI form and the timeline all name kinds in words.

use crate::domain::event::{Event, KindSpec, Until};

/// An extra field of an event beyond date, until, hours and outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// To whom a report went (zorgmelding).
    To,
    /// The school (inschrijving, uitschrijving).
    School,
    /// Why (uitschrijving, schorsing).
    Reason,
    /// Number of days (verlof).
    Days,
    /// The article of the Leerplichtwet (vrijstelling).
    Artikel,
    /// What the jeugdarts' advice allows to be shared (JGZ kinds).
    Advice,
    /// The jeugdarts's findings (JGZ kinds; sealed by `compartments.toml`).
    Findings,
    /// The kind of DUO report (melding-leerplicht).
    Soort,
    /// DUO's number of the report (melding-leerplicht).
    Meldingsnummer,
    /// Where the DUO report stands (melding-leerplicht).
    Status,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::To,
        Field::School,
        Field::Reason,
        Field::Days,
        Field::Artikel,
        Field::Advice,
        Field::Findings,
        Field::Soort,
        Field::Meldingsnummer,
        Field::Status,
    ];

    /// Its name in files, `--json` and as a command-line flag.
    pub fn name(self) -> &'static str {
        match self {
            Field::To => "to",
            Field::School => "school",
            Field::Reason => "reason",
            Field::Days => "days",
            Field::Artikel => "artikel",
            Field::Advice => "advice",
            Field::Findings => "findings",
            Field::Soort => "soort",
            Field::Meldingsnummer => "meldingsnummer",
            Field::Status => "status",
        }
    }

    /// Its label (Dutch, English) in forms and timelines.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Field::To => ("Aan", "To"),
            Field::School => ("School", "School"),
            Field::Reason => ("Reden", "Reason"),
            Field::Days => ("Dagen", "Days"),
            Field::Artikel => ("Artikel", "Article"),
            Field::Advice => ("Advies (delen)", "Advice (sharing)"),
            Field::Findings => ("Bevindingen (vertrouwelijk)", "Findings (confidential)"),
            Field::Soort => ("Soort melding", "Report type"),
            Field::Meldingsnummer => ("Meldingsnummer", "Report number"),
            Field::Status => ("Status melding", "Report status"),
        }
    }

    /// The values a choice field offers for a kind (empty: free text).
    pub fn values(self) -> &'static [&'static str] {
        match self {
            Field::To => &ZORGMELDING_TO,
            Field::Artikel => &VRIJSTELLING_ARTIKEL,
            Field::Soort => &crate::domain::event::MELDING_SOORTEN,
            Field::Status => &crate::domain::event::MELDING_STATUSES,
            _ => &[],
        }
    }

    pub fn get(self, e: &Event) -> Option<String> {
        match self {
            Field::To => e.to.clone(),
            Field::School => e.school.clone(),
            Field::Reason => e.reason.clone(),
            Field::Days => e.days.map(|d| d.to_string()),
            Field::Artikel => e.artikel.clone(),
            Field::Advice => e.advice.clone(),
            Field::Findings => e.findings.clone(),
            Field::Soort => e.soort.clone(),
            Field::Meldingsnummer => e.meldingsnummer.clone(),
            Field::Status => e.status.clone(),
        }
    }

    /// Sets the field from typed text (`None` clears it).
    pub fn set(self, e: &mut Event, text: Option<&str>) -> Result<(), String> {
        let text = text.map(str::trim).filter(|s| !s.is_empty());
        let owned = text.map(str::to_string);
        match self {
            Field::To => e.to = owned,
            Field::School => e.school = owned,
            Field::Reason => e.reason = owned,
            Field::Artikel => e.artikel = owned,
            Field::Advice => e.advice = owned,
            Field::Findings => e.findings = owned,
            Field::Soort => e.soort = owned,
            Field::Meldingsnummer => e.meldingsnummer = owned,
            Field::Status => e.status = owned,
            Field::Days => {
                e.days = text
                    .map(|d| {
                        d.parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| {
                            format!(
                                "--days `{d}`: {}",
                                crate::i18n::t(
                                    "geen positief geheel getal",
                                    "not a positive whole number"
                                )
                            )
                        })
                    })
                    .transpose()?;
            }
        }
        Ok(())
    }
}

/// A field a kind takes: whether it is required and, if it is a choice,
/// which values it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub field: Field,
    pub required: bool,
    pub values: &'static [&'static str],
}

pub const ZORGMELDING_TO: [&str; 6] = [
    "veilig-thuis",
    "raad-kinderbescherming",
    "zorg-en-veiligheidshuis",
    "wijkteam",
    "leerplicht",
    "overig",
];
pub const VRIJSTELLING_ARTIKEL: [&str; 7] = ["5a", "5b", "5c", "15", "3a", "3b", "11g"];
pub const VERLOF_OUTCOMES: [&str; 2] = ["verleend", "geweigerd"];
pub const CONSULT_OUTCOMES: [&str; 3] = ["verschenen", "afgemeld", "niet-verschenen"];

const fn opt(field: Field) -> FieldSpec {
    FieldSpec {
        field,
        required: false,
        values: &[],
    }
}
const fn req(field: Field) -> FieldSpec {
    FieldSpec {
        field,
        required: true,
        values: &[],
    }
}

/// (id, Dutch label, English label, until).
const KINDS: [(&str, &str, &str, Until); 31] = [
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

/// The label of a kind in the interface language: from the given
/// vocabulary (a protocol's own kinds), else the base one, else the id.
pub fn label(kind: &str, vocabulary: &[KindSpec]) -> String {
    if let Some(k) = vocabulary.iter().find(|k| k.id == kind) {
        return crate::i18n::t(&k.label, &k.label_en).to_string();
    }
    KINDS
        .iter()
        .find(|(id, ..)| *id == kind)
        .map(|(_, nl, en, _)| crate::i18n::t(nl, en).to_string())
        .unwrap_or_else(|| kind.to_string())
}
