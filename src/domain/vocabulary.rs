//! The vocabulary every protocol understands: each kind of event with its
//! Dutch and English label and the extra fields it takes (issue 14), so the
//! CLI, the TUI form and the timeline all name kinds in words.

use crate::domain::errors::{Input, InputError};
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
    /// What must be done (actie).
    Title,
    /// By when (actie).
    Due,
    /// Who must do it (actie).
    Role,
    /// How far a deadline moves (verlenging).
    By,
    /// The action an event is about (verlenging; afgerond names it too).
    Action,
    /// Whose consent (toestemming).
    Subject,
    /// Consent for what (toestemming).
    Scope,
    /// Who gave the consent (toestemming).
    GivenBy,
    /// The new owner (overdracht).
    Owner,
    /// The letter template (brief).
    Template,
    /// The sha256 of the letter as sent (brief).
    Sha256,
}

impl Field {
    pub const ALL: [Field; 21] = [
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
        Field::Title,
        Field::Due,
        Field::Role,
        Field::By,
        Field::Action,
        Field::Subject,
        Field::Scope,
        Field::GivenBy,
        Field::Owner,
        Field::Template,
        Field::Sha256,
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
            Field::Title => "title",
            Field::Due => "due",
            Field::Role => "role",
            Field::By => "by",
            Field::Action => "action",
            Field::Subject => "subject",
            Field::Scope => "scope",
            Field::GivenBy => "given-by",
            Field::Owner => "owner",
            Field::Template => "template",
            Field::Sha256 => "sha256",
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
            Field::Title => ("Wat", "What"),
            Field::Due => ("Uiterlijk", "Due"),
            Field::Role => ("Rol", "Role"),
            Field::By => ("Verlengen met", "Extend by"),
            Field::Action => ("Actie", "Action"),
            Field::Subject => ("Van wie", "From whom"),
            Field::Scope => ("Waarvoor", "For what"),
            Field::GivenBy => ("Gegeven door", "Given by"),
            Field::Owner => ("Nieuwe eigenaar", "New owner"),
            Field::Template => ("Sjabloon", "Template"),
            Field::Sha256 => ("SHA-256 van de brief", "SHA-256 of the letter"),
        }
    }

    /// The values a choice field offers for a kind (empty: free text).
    pub fn values(self) -> &'static [&'static str] {
        match self {
            Field::To => &ZORGMELDING_TO,
            Field::Artikel => &VRIJSTELLING_ARTIKEL,
            Field::Soort => &crate::domain::event::MELDING_SOORTEN,
            Field::Status => &crate::domain::event::MELDING_STATUSES,
            Field::Role => &crate::domain::protocol::role::ROLE_NAMES,
            Field::Subject => &crate::domain::consent::SUBJECTS,
            Field::Scope => &crate::domain::consent::SCOPES,
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
            Field::Title => e.title.clone(),
            Field::Due => e.due.map(|d| d.to_string()),
            Field::Role => e.role.clone(),
            Field::By => e.by.map(|b| b.to_string()),
            Field::Action => e.action.clone(),
            Field::Subject => e.subject.clone(),
            Field::Scope => e.scope.clone(),
            Field::GivenBy => e.given_by.clone(),
            Field::Owner => e.owner.clone(),
            Field::Template => e.template.clone(),
            Field::Sha256 => e.sha256.clone(),
        }
    }

    /// Sets the field from typed text (`None` clears it).
    pub fn set(self, e: &mut Event, text: Option<&str>) -> Result<(), InputError> {
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
            Field::Title => e.title = owned,
            Field::Role => e.role = owned,
            Field::Action => e.action = owned,
            Field::Subject => e.subject = owned,
            Field::Scope => e.scope = owned,
            Field::GivenBy => e.given_by = owned,
            Field::Owner => e.owner = owned,
            Field::Due => {
                e.due = text
                    .map(|d| crate::domain::input::date(Input::Field(self), d))
                    .transpose()?
            }
            Field::By => {
                e.by = text
                    .map(|b| {
                        crate::domain::units::Span::parse_text(b).map_err(|_| {
                            InputError::NotADuration {
                                input: Input::Field(self),
                                text: b.to_string(),
                            }
                        })
                    })
                    .transpose()?
            }
            Field::Template => e.template = owned,
            Field::Sha256 => e.sha256 = owned,
            Field::Days => {
                e.days = text
                    .map(|d| {
                        d.parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| {
                            InputError::NotAPositiveWholeNumber {
                                input: Input::Field(self),
                                text: d.to_string(),
                            }
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
