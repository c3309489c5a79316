//! Dutch (and English) words for the options of recording: `new`, `import`, `add`, `edit`, `withdraw`, `done`, and the options many commands share (`--case`, `--note`, `--json`).

use crate::domain::event::{CONSULT_OUTCOMES, base_vocabulary};
use crate::i18n::t;

/// An option's help, if it is one of this area's.
pub fn arg_help(cmd: &str, arg: &str) -> Option<String> {
    let kinds = || {
        base_vocabulary()
            .iter()
            .map(|k| k.id.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let text = match (cmd, arg) {
        ("new", "leerlingnummer") => t(
            "leerlingnummer van de school (om import-regels aan het dossier te koppelen)",
            "the school's pupil number (to match import rows to the case)",
        )
        .to_string(),
        ("import", "file") => t(
            "het exportbestand: CSV (; of ,; UTF-8 of Windows-1252) of XLSX",
            "the export file: CSV (; or ,; UTF-8 or Windows-1252) or XLSX",
        )
        .to_string(),
        ("import", "map") => t(
            "de koppeling: imports/NAAM.toml (magister, somtoday, duo, ...)",
            "the mapping: imports/NAME.toml (magister, somtoday, duo, ...)",
        )
        .to_string(),
        ("import", "apply") => t(
            "schrijf de gebeurtenissen (één commit); zonder dit wordt niets geschreven",
            "write the events (one commit); without it nothing is written",
        )
        .to_string(),
        ("new", "name") => t("naam van de leerling", "the pupil's name").to_string(),
        ("new", "birth") => t(
            "geboortedatum (dd-mm-jjjj of jjjj-mm-dd)",
            "birth date (YYYY-MM-DD or DD-MM-YYYY)",
        )
        .to_string(),
        ("new", "school") => t("de school", "the school").to_string(),
        ("new", "level") => t(
            "onderwijsniveau",
            "level of education",
        )
        .to_string(),
        ("new", "protocol") => t(
            "protocol-id (zie `verzuim protocols`)",
            "protocol id (see `verzuim protocols`)",
        )
        .to_string(),
        ("new", "gemeente") => t("gemeente van de leerling", "the pupil's municipality").to_string(),
        ("new", "owner") => t(
            "eigenaar: wie het dossier behandelt",
            "owner: who handles the case",
        )
        .to_string(),
        (_, "case") => t(
            "dossier-id of een uniek begin ervan",
            "case id or a unique prefix of it",
        )
        .to_string(),
        ("add", "kind") => format!(
            "{}: {}",
            t("soort gebeurtenis", "kind of event"),
            kinds()
        ),
        ("add" | "edit", "to") => t(
            "zorgmelding: aan wie",
            "zorgmelding: to whom",
        )
        .to_string(),
        ("add" | "edit", "school") => t(
            "inschrijving/uitschrijving: de school",
            "inschrijving/uitschrijving: the school",
        )
        .to_string(),
        ("add" | "edit", "reason") => t(
            "uitschrijving/schorsing: de reden",
            "uitschrijving/schorsing: the reason",
        )
        .to_string(),
        ("withdraw", "reason") => t(
            "waarom de gebeurtenis wordt ingetrokken (verplicht)",
            "why the event is withdrawn (required)",
        )
        .to_string(),
        ("add" | "edit", "days") => t(
            "verlof-aanvraag/verlof-besluit: aantal dagen",
            "verlof-aanvraag/verlof-besluit: number of days",
        )
        .to_string(),
        ("add" | "edit", "artikel") => t(
            "vrijstelling: artikel van de Leerplichtwet",
            "vrijstelling: article of the Leerplichtwet",
        )
        .to_string(),
        ("add" | "edit", "advice") => t(
            "consult/terugkoppeling/follow-up: wat gedeeld mag worden",
            "consult/terugkoppeling/follow-up: what may be shared",
        )
        .to_string(),
        ("add" | "edit", "findings") => t(
            "consult/terugkoppeling/follow-up: bevindingen van de jeugdarts (vertrouwelijk, verzegeld)",
            "consult/terugkoppeling/follow-up: the jeugdarts's findings (confidential, sealed)",
        )
        .to_string(),
        ("add" | "edit", "soort") => t(
            "melding-leerplicht: soort DUO-melding",
            "melding-leerplicht: kind of DUO report",
        )
        .to_string(),
        ("add" | "edit", "meldingsnummer") => t(
            "melding-leerplicht: meldingsnummer van DUO",
            "melding-leerplicht: DUO's report number",
        )
        .to_string(),
        ("add" | "edit", "status") => t(
            "melding-leerplicht: stand van de melding",
            "melding-leerplicht: where the report stands",
        )
        .to_string(),
        ("edit" | "withdraw", "event") => t(
            "gebeurtenis-id of een uniek begin ervan (zie `verzuim show`)",
            "event id or a unique prefix of it (see `verzuim show`)",
        )
        .to_string(),
        ("add" | "edit", "date") => t(
            "datum (dd-mm-jjjj of jjjj-mm-dd)",
            "date (YYYY-MM-DD or DD-MM-YYYY)",
        )
        .to_string(),
        ("add" | "edit", "until") => t(
            "tot en met (laatste dag; ziek, ongeoorloofd, luxe, vrijstelling, verlof, schorsing)",
            "until (last day; ziek, ongeoorloofd, luxe, vrijstelling, verlof, schorsing)",
        )
        .to_string(),
        ("add" | "edit", "hours") => t(
            "lesuren op die dag (ongeoorloofd)",
            "lesson hours that day (ongeoorloofd)",
        )
        .to_string(),
        ("add" | "edit", "outcome") => format!(
            "{}: {}; verleend, geweigerd",
            t("uitkomst (consult; verlof-besluit)", "outcome (consult; verlof-besluit)"),
            CONSULT_OUTCOMES.join(", ")
        ),
        (_, "note") => t("notitie (verplicht bij notitie)", "note (required for notitie)").to_string(),
        ("add", "force") => t(
            "leg toch vast wat vreemd lijkt (ongeoorloofd op een dag zonder school, meer uren dan een schooldag)",
            "record it even though it looks odd (unauthorised absence on a day without school, more hours than a school day)",
        )
        .to_string(),
        ("done", "action") => t(
            "actie-id, een uniek begin ervan, of de regel-id",
            "action id, a unique prefix of it, or the rule id",
        )
        .to_string(),
        ("done", "date") => t(
            "datum van afronden (standaard vandaag)",
            "date it was done (default today)",
        )
        .to_string(),
        (_, "json") => t("uitvoer als JSON (datums jjjj-mm-dd)", "output as JSON").to_string(),
        _ => return None,
    };
    Some(text)
}
