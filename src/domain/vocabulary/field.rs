//! The fields an event may carry beyond date, until, hours and outcome:
//! their ids, labels, value lists (`zorgmelding` recipients, `vrijstelling`
//! articles, outcomes) and how a typed value is checked.

use crate::domain::errors::{Input, InputError};
use crate::domain::event::Event;

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

pub(super) const fn opt(field: Field) -> FieldSpec {
    FieldSpec {
        field,
        required: false,
        values: &[],
    }
}
pub(super) const fn req(field: Field) -> FieldSpec {
    FieldSpec {
        field,
        required: true,
        values: &[],
    }
}
