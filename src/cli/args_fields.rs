//! The extra fields some event kinds take, shared by `add` and `edit`
//! (`verzuim help kinds` lists which kind takes which).

use super::values::{
    ArtikelArg, OrEmpty, OrEmptyParser, RoleArg, ScopeArg, SoortArg, StatusArg, SubjectArg, ToArg,
};

/// The extra fields some kinds take (see `verzuim help kinds`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FieldArgs {
    /// zorgmelding: to whom.
    #[arg(long, value_parser = OrEmptyParser::<ToArg>::new())]
    pub to: Option<OrEmpty<ToArg>>,
    /// inschrijving/uitschrijving: the school.
    #[arg(long)]
    pub school: Option<String>,
    /// uitschrijving/schorsing: why.
    #[arg(long)]
    pub reason: Option<String>,
    /// verlof-aanvraag/verlof-besluit: number of days.
    #[arg(long)]
    pub days: Option<String>,
    /// vrijstelling: article.
    #[arg(long, value_parser = OrEmptyParser::<ArtikelArg>::new())]
    pub artikel: Option<OrEmpty<ArtikelArg>>,
    /// consult/terugkoppeling/follow-up: what may be shared.
    #[arg(long)]
    pub advice: Option<String>,
    /// actie: what must be done.
    #[arg(long)]
    pub title: Option<String>,
    /// actie: by when.
    #[arg(long)]
    pub due: Option<String>,
    /// actie: the role that must do it.
    #[arg(long, value_parser = OrEmptyParser::<RoleArg>::new())]
    pub role: Option<OrEmpty<RoleArg>>,
    /// verlenging: how far ("5 schooldagen").
    #[arg(long)]
    pub by: Option<String>,
    /// verlenging: the action's id.
    #[arg(long)]
    pub action: Option<String>,
    /// toestemming: whose.
    #[arg(long, value_parser = OrEmptyParser::<SubjectArg>::new())]
    pub subject: Option<OrEmpty<SubjectArg>>,
    /// toestemming: for what.
    #[arg(long, value_parser = OrEmptyParser::<ScopeArg>::new())]
    pub scope: Option<OrEmpty<ScopeArg>>,
    /// toestemming: who gave it.
    #[arg(long)]
    pub given_by: Option<String>,
    /// overdracht: the new owner.
    #[arg(long)]
    pub owner: Option<String>,
    /// consult/terugkoppeling/follow-up: the jeugdarts's findings (sealed).
    #[arg(long)]
    pub findings: Option<String>,
    /// melding-leerplicht: the kind of DUO report.
    #[arg(long, value_parser = OrEmptyParser::<SoortArg>::new())]
    pub soort: Option<OrEmpty<SoortArg>>,
    /// melding-leerplicht: DUO's number of the report.
    #[arg(long)]
    pub meldingsnummer: Option<String>,
    /// melding-leerplicht: where the report stands.
    #[arg(long, value_parser = OrEmptyParser::<StatusArg>::new())]
    pub status: Option<OrEmpty<StatusArg>>,
}
