//! `--help` and clap's own errors in the interface language: every command
//! and option described in Dutch or English, with its valid values, and a
//! usage error turned into one line in the same language.

use crate::domain::event::{CONSULT_OUTCOMES, base_vocabulary};
use crate::i18n::t;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// (command, argument id, Dutch, English); command "" is the top level.
fn arg_help(cmd: &str, arg: &str) -> Option<String> {
    let kinds = || {
        base_vocabulary()
            .iter()
            .map(|k| k.id.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let text = match (cmd, arg) {
        (_, "dir") => t(
            "de dossiermap (standaard: $VERZUIM_DIR, anders ~/.local/share/verzuim)",
            "the case repository (default: $VERZUIM_DIR, else ~/.local/share/verzuim)",
        )
        .to_string(),
        (_, "today") => t(
            "zet \"vandaag\" vast (dd-mm-jjjj of jjjj-mm-dd), voor herhaalbare uitvoer",
            "fix \"today\" (YYYY-MM-DD or DD-MM-YYYY) for reproducible output",
        )
        .to_string(),
        (_, "lang") => t(
            "taal van de interface: nl (standaard) of en",
            "interface language: nl (default) or en",
        )
        .to_string(),
        ("init", "author") => t(
            "leg vast als \"Naam <mail>\" ([author] in verzuim.toml; gaat voor de git-identiteit, GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL gaan daar weer voor)",
            "commit as \"Name <mail>\" ([author] in verzuim.toml; wins over the git identity, GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL win over it)",
        )
        .to_string(),
        ("init", "remote") => t(
            "sluit aan bij de dossiermap op deze URL (zoals `clone`)",
            "join the case repository at this URL (as `clone`)",
        )
        .to_string(),
        ("clone", "url") => t(
            "de remote: een pad, file://, ssh:// of https://",
            "the remote: a path, file://, ssh:// or https://",
        )
        .to_string(),
        ("sync", "join") => t(
            "voeg een andere dossier-branch van de remote samen met de jouwe (als sync twee uiteenlopende branches meldt)",
            "merge another case branch of the remote into yours (when sync reports two diverging case branches)",
        )
        .to_string(),
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
        ("report thuiszitters", "swv") => t(
            "alleen dit samenwerkingsverband (het protocol-id, bv. utrecht-west)",
            "only this SWV (its protocol id, e.g. utrecht-west)",
        )
        .to_string(),
        ("report thuiszitters", "gemeente") => t("alleen deze gemeente", "only this municipality").to_string(),
        ("report thuiszitters", "date") => t(
            "peildatum (standaard vandaag)",
            "the date of the overview (default today)",
        )
        .to_string(),
        ("report thuiszitters", "named") => t(
            "met een regel per dossier (namen; VERTROUWELIJK)",
            "with one row per case (names; CONFIDENTIAL)",
        )
        .to_string(),
        ("report thuiszitters", "save") => t(
            "leg de dossier-ids van dit overzicht vast (één commit), voor nieuw/lopend/opgelost de volgende keer",
            "commit this overview's case ids (one commit), for new/continuing/resolved next time",
        )
        .to_string(),
        ("report jaar", "schooljaar") => t(
            "het schooljaar, 1 augustus t/m 31 juli: 2025-2026",
            "the school year, 1 August to 31 July: 2025-2026",
        )
        .to_string(),
        ("report jaar", "gemeente") => t("alleen deze gemeente", "only this municipality").to_string(),
        ("report mazl", "school") => t("alleen deze school", "only this school").to_string(),
        ("report mazl", "from") => t(
            "vanaf (standaard 1 augustus van het schooljaar)",
            "from (default 1 August of the school year)",
        )
        .to_string(),
        ("report mazl", "to") => t("tot en met (standaard vandaag)", "up to (default today)").to_string(),
        (c, "csv") if c.starts_with("report") => t(
            "als CSV (komma's, datums jjjj-mm-dd)",
            "as CSV (commas, ISO dates)",
        )
        .to_string(),
        (c, "excel") if c.starts_with("report") => t(
            "als CSV voor Nederlandse Excel (;, UTF-8 BOM, dd-mm-jjjj)",
            "as CSV for Dutch Excel (;, UTF-8 BOM, dd-mm-yyyy)",
        )
        .to_string(),
        (c, "markdown") if c.starts_with("report") => t("als Markdown", "as Markdown").to_string(),
        (c, "pdf") if c.starts_with("report") => t(
            "schrijf het als PDF naar BESTAND",
            "write it as PDF to FILE",
        )
        .to_string(),
        ("letter", "case") => t(
            "het dossier (id of uniek begin ervan)",
            "the case (id or a unique prefix)",
        )
        .to_string(),
        ("letter", "template") => t(
            "het sjabloon (templates/ID.txt); zonder: de lijst, passende eerst (*)",
            "the template (templates/ID.txt); without: the list, fitting ones first (*)",
        )
        .to_string(),
        ("letter", "pdf") => t(
            "schrijf de brief als PDF naar BESTAND (anders de tekst op stdout)",
            "write the letter as PDF to FILE (else the text on stdout)",
        )
        .to_string(),
        ("letter", "action") => t(
            "de actie waar de brief bij hoort (id, begin van het id of regel-id)",
            "the action the letter is for (id, id prefix or rule id)",
        )
        .to_string(),
        ("keys init", "ssh_key") => t(
            "gebruik deze bestaande ssh-sleutel (ed25519 of rsa) in plaats van een nieuwe sleutel",
            "use this existing ssh key (ed25519 or rsa) instead of a new key",
        )
        .to_string(),
        (c, "label") if c.starts_with("keys") => t(
            "wie het is (bv. jeugdarts-jansen); staat naast de sleutel in compartments.toml",
            "who it is (e.g. jeugdarts-jansen); kept beside the key in compartments.toml",
        )
        .to_string(),
        ("keys add-recipient", "key") => t(
            "de publieke sleutel: age1..., \"ssh-ed25519 AAAA...\" of \"ssh-rsa AAAA...\"",
            "the public key: age1..., \"ssh-ed25519 AAAA...\" or \"ssh-rsa AAAA...\"",
        )
        .to_string(),
        (c, "compartment") if c.starts_with("keys") => {
            t("het compartiment", "the compartment").to_string()
        }
        ("keys add-recipient", "recovery") => t(
            "zet de verplichte herstelsleutel van de organisatie in plaats van een ontvanger",
            "set the organisation's mandatory recovery key instead of a recipient",
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
            "onderwijsniveau: po, vo, mbo of so",
            "level of education: po, vo, mbo or so",
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
            "zorgmelding: aan wie (veilig-thuis, raad-kinderbescherming, zorg-en-veiligheidshuis, wijkteam, leerplicht, overig)",
            "zorgmelding: to whom (veilig-thuis, raad-kinderbescherming, zorg-en-veiligheidshuis, wijkteam, leerplicht, overig)",
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
            "vrijstelling: artikel (5a, 5b, 5c, 15, 3a, 3b, 11g)",
            "vrijstelling: article (5a, 5b, 5c, 15, 3a, 3b, 11g)",
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
            "melding-leerplicht: soort DUO-melding (16u4w, lrv, luxe, overig, 18plus)",
            "melding-leerplicht: kind of DUO report (16u4w, lrv, luxe, overig, 18plus)",
        )
        .to_string(),
        ("add" | "edit", "meldingsnummer") => t(
            "melding-leerplicht: meldingsnummer van DUO",
            "melding-leerplicht: DUO's report number",
        )
        .to_string(),
        ("add" | "edit", "status") => t(
            "melding-leerplicht: stand van de melding (nieuw, in-behandeling, afgehandeld)",
            "melding-leerplicht: where the report stands (nieuw, in-behandeling, afgehandeld)",
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
        ("retention list" | "retention approve", "until") => t(
            "alles wat uiterlijk op deze datum vernietigd moet worden (standaard vandaag)",
            "everything due on or before this date (default today)",
        )
        .to_string(),
        ("retention list", "markdown") => t(
            "als Markdown, voor het goedkeuringsoverleg",
            "as Markdown, for the approval meeting",
        )
        .to_string(),
        ("retention approve" | "retention destroy", "list") => t(
            "de naam van de lijst (a-z, 0-9, -): retention/lists/NAAM.toml",
            "the list's name (a-z, 0-9, -): retention/lists/NAME.toml",
        )
        .to_string(),
        (_, "json") => t("uitvoer als JSON (datums jjjj-mm-dd)", "output as JSON").to_string(),
        ("sync", "remote") => t(
            "de git-remote (standaard [sync] remote in verzuim.toml, anders origin)",
            "the git remote (default [sync] remote in verzuim.toml, else origin)",
        )
        .to_string(),
        ("resolve", "field") => t("het veld met een conflict", "the field in conflict").to_string(),
        ("resolve", "choice") => t(
            "local (eigen waarde houden), remote of remote-2, remote-3, ... (een waarde van de andere kant nemen, zoals `verzuim conflicts` ze toont)",
            "local (keep ours), remote or remote-2, remote-3, ... (take another side's value, as `verzuim conflicts` shows them)",
        )
        .to_string(),
        ("protocols", "check") => t(
            "controleer een protocolbestand tegen de protocollen van deze map",
            "validate a protocol file against this repository's protocols",
        )
        .to_string(),
        ("protocols", "markdown") => t(
            "alle regels van alle protocollen als Markdown",
            "every protocol's rules as Markdown",
        )
        .to_string(),
        _ => return super::help_workflow::arg_help(cmd, arg),
    };
    Some(text)
}

fn about(cmd: &str) -> Option<&'static str> {
    Some(match cmd {
        "" => t(
            "Dossiers voor schoolverzuim (leerplicht, JGZ). Zonder opdracht: de TUI.",
            "Case tool for school-absence work (leerplicht, JGZ). Without a command: the TUI.",
        ),
        "demo" => t(
            "de TUI op een nieuwe demomap (tijdelijk); zonder terminal: de lijst over tijd",
            "the TUI on a fresh demo repository (temporary); off a terminal: the overdue list",
        ),
        "init" => t(
            "maak een dossiermap in DIR (git, protocollen, kalender, instellingen)",
            "create a case repository in DIR (git, protocols, calendar, settings)",
        ),
        "import" => t(
            "lees verzuim uit een export van school of DUO (CSV of XLSX); toont eerst, schrijft met --apply",
            "import absence rows from a school or DUO export (CSV or XLSX); a dry run unless --apply",
        ),
        "report thuiszitters" => t(
            "het 8-wekelijkse thuiszittersoverzicht (standaard zonder namen)",
            "the 8-weekly thuiszitters overview (aggregate unless --named)",
        ),
        "report jaar" => t(
            "de jaarcijfers voor DUO/OCW (leerplichttelling) over een schooljaar, per niveau",
            "the yearly figures for DUO/OCW (leerplichttelling) over a school year, per level",
        ),
        "report mazl" => t(
            "M@ZL-cijfers per school en aanleiding",
            "M@ZL figures per school and trigger",
        ),
        "clone" => t(
            "sluit aan bij een dossiermap op een remote: een werkkopie in MAP",
            "join a case repository from a remote: a working copy in DIR",
        ),
        "new" => t(
            "maak een dossier; drukt het id af",
            "create a case; print its id",
        ),
        "add" => t(
            "voeg een gebeurtenis toe aan een dossier; drukt het id af",
            "append an event to a case; print its id",
        ),
        "done" => t("rond een actie af", "mark an action done"),
        "edit" => t(
            "corrigeer velden van een vastgelegde gebeurtenis; drukt het id af",
            "correct fields of a recorded event; print the event id",
        ),
        "withdraw" => t(
            "trek een gebeurtenis in: ze blijft zichtbaar, gemarkeerd, en telt voor geen regel meer",
            "withdraw an event: it stays visible, marked, and no rule counts it any more",
        ),
        "check" => t(
            "signalen en acties van alle open dossiers",
            "signals and actions of every open case",
        ),
        "overdue" => t(
            "acties over tijd van alle dossiers, oudste eerst",
            "overdue actions of all cases, oldest due first",
        ),
        "show" => t(
            "één dossier: gegevens, gebeurtenissen, signalen, acties",
            "one case: fields, events, signals, actions",
        ),
        "log" => t(
            "de geschiedenis van een dossier uit git, nieuwste eerst",
            "the case's history from git, newest first",
        ),
        "sync" => t(
            "ophalen, samenvoegen en versturen via een git-remote",
            "pull, merge and push through a git remote",
        ),
        "conflicts" => t("open conflicten na synchroniseren", "open sync conflicts"),
        "resolve" => t("los een conflict op", "resolve a sync conflict"),
        "report" => t(
            "rapportages: thuiszitters, jaar, mazl",
            "reports: thuiszitters, jaar, mazl",
        ),
        "retention" => t(
            "bewaartermijnen: vernietigingslijst, goedkeuring, vernietiging",
            "retention: destruction list, approval, destruction",
        ),
        "retention list" => t(
            "dossiers en gebeurtenissen die vernietigd moeten worden, met regel en bron",
            "cases and events due for destruction, with rule and source",
        ),
        "retention approve" => t(
            "keur de lijst goed: retention/lists/NAAM.toml, één commit (ids en regels, geen namen)",
            "approve the list: retention/lists/NAME.toml, one commit (ids and rules, no names)",
        ),
        "retention destroy" => t(
            "vernietig wat een goedgekeurde lijst noemt, uit de hele geschiedenis",
            "destroy what an approved list names, from the whole history",
        ),
        "letter" => t(
            "een brief uit een sjabloon (tekst, of PDF met --pdf); het versturen wordt vastgelegd als gebeurtenis `brief`",
            "a letter from a template (text, or PDF with --pdf); the sending is recorded as a `brief` event",
        ),
        "keys" => t(
            "sleutels van vertrouwelijke compartimenten (jgz): je sleutel, ontvangers, opnieuw verpakken, roteren",
            "keys of confidential compartments (jgz): your key, recipients, rewrap, rotate",
        ),
        "keys init" => t(
            "maak je sleutel (met wachtwoordzin, 0600, in je configuratiemap) of wijs een ssh-sleutel aan; drukt de publieke sleutel af",
            "make your key (passphrase-protected, 0600, in your config folder) or point at an ssh key; prints the public key",
        ),
        "keys add-recipient" => t(
            "voeg een collega toe aan een compartiment en verpak elke dossiersleutel opnieuw (één commit)",
            "add a colleague to a compartment and rewrap every case key (one commit)",
        ),
        "keys remove-recipient" => t(
            "haal een ontvanger weg en roteer elke dossiersleutel (één commit); ontneem ook de toegang tot de remote",
            "remove a recipient and rotate every case key (one commit); remove their remote access too",
        ),
        "keys rewrap" => t(
            "verpak elke dossiersleutel opnieuw voor de huidige ontvangers; geen waarde verandert",
            "wrap every case key again to the current recipients; no value changes",
        ),
        "keys rotate" => t(
            "stel elke dossiersleutel buiten gebruik: nieuwe waarden krijgen een nieuwe sleutel",
            "retire every case key: new values get a new key",
        ),
        "keys seal-existing" => t(
            "verzegel bestaande platte waarden van vertrouwelijke velden (één commit)",
            "seal existing plain values of confidential fields (one commit)",
        ),
        "protocols" => t(
            "de protocollen en hun regels",
            "the protocols and their rules",
        ),
        _ => return super::help_workflow::about(cmd),
    })
}

/// A value's placeholder in Dutch (English keeps clap's upper-case id).
fn value_name(id: &str) -> Option<&'static str> {
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return None;
    }
    Some(match id {
        "dir" => "MAP",
        "today" | "date" | "until" | "birth" => "DATUM",
        "lang" => "TAAL",
        "hours" => "UREN",
        "outcome" => "UITKOMST",
        "note" => "TEKST",
        "name" => "NAAM",
        "level" => "NIVEAU",
        "gemeente" => "GEMEENTE",
        "owner" => "EIGENAAR",
        "case" => "DOSSIER",
        "kind" => "SOORT",
        "action" => "ACTIE",
        "field" => "VELD",
        "choice" => "KEUZE",
        "check" => "BESTAND",
        "author" => "AUTEUR",
        "leerlingnummer" => "NUMMER",
        "map" => "NAAM",
        "file" => "BESTAND",
        "event" => "GEBEURTENIS",
        "list" => "LIJST",
        "to" => "AAN",
        "reason" => "REDEN",
        "days" => "DAGEN",
        "artikel" => "ARTIKEL",
        "advice" => "ADVIES",
        "findings" => "BEVINDINGEN",
        "meldingsnummer" => "NUMMER",
        "schooljaar" => "SCHOOLJAAR",
        "pdf" => "BESTAND",
        "template" => "SJABLOON",
        "compartment" => "COMPARTIMENT",
        "key" => "SLEUTEL",
        _ => return super::help_workflow::value_name(id),
    })
}

/// Help text with clap's remaining fixed English words in the current
/// language.
pub fn help_text(rendered: &str) -> String {
    match crate::i18n::lang() {
        crate::i18n::Lang::En => rendered.to_string(),
        crate::i18n::Lang::Nl => rendered
            .replace("[OPTIONS]", "[OPTIES]")
            .replace("[env: ", "[omgeving: ")
            .replace("[default: ", "[standaard: ")
            .replace("[possible values: ", "[mogelijke waarden: "),
    }
}

/// The command line described in the current language.
pub fn localize(cmd: Command) -> Command {
    let cmd = describe(cmd, "");
    cmd.mut_subcommands(|sub| localize_sub(sub, ""))
}

/// A subcommand and its own subcommands (`report thuiszitters`), each
/// described under its whole path.
fn localize_sub(sub: Command, parent: &str) -> Command {
    let path = if parent.is_empty() {
        sub.get_name().to_string()
    } else {
        format!("{parent} {}", sub.get_name())
    };
    let sub = describe(sub, &path);
    sub.mut_subcommands(|s| localize_sub(s, &path))
}

fn describe(cmd: Command, name: &str) -> Command {
    let template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        t("Gebruik:", "Usage:")
    );
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading(t("Opdrachten", "Commands"))
        .subcommand_value_name(t("OPDRACHT", "COMMAND"))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .mut_args(|a| {
            let heading = if a.is_positional() {
                t("Argumenten", "Arguments")
            } else {
                t("Opties", "Options")
            };
            let mut a = a.help_heading(heading);
            if let (Some(v), true) = (
                value_name(a.get_id().as_str()),
                a.get_action().takes_values(),
            ) {
                a = a.value_name(v);
            }
            match arg_help(name, a.get_id().as_str()) {
                Some(h) => a.help(h),
                None => a,
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(t("deze hulp", "this help"))
                .help_heading(t("Opties", "Options")),
        );
    if let Some(text) = about(name) {
        cmd = cmd.about(text);
    }
    if name.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t("de versie", "the version"))
                .help_heading(t("Opties", "Options")),
        );
    }
    cmd
}

/// A usage error as one line in the current language.
pub fn error_line(e: &clap::Error) -> String {
    let get = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let valid = get(ContextKind::ValidValue);
    let valid = if valid.is_empty() {
        String::new()
    } else {
        format!(" ({}: {valid})", t("kies uit", "choose from"))
    };
    match e.kind() {
        ErrorKind::UnknownArgument => format!("{} `{arg}`", t("onbekende optie", "unknown option")),
        ErrorKind::InvalidSubcommand => format!(
            "{} `{}` (`verzuim --help`)",
            t("onbekende opdracht", "unknown command"),
            get(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "{arg} `{value}`: {}{valid}",
            t("ongeldige waarde", "invalid value")
        ),
        ErrorKind::MissingRequiredArgument => format!("{}: {arg}", t("ontbreekt", "missing")),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => t(
            "opdracht ontbreekt (`verzuim --help`)",
            "command missing (`verzuim --help`)",
        )
        .to_string(),
        ErrorKind::ArgumentConflict => format!(
            "{arg} {}",
            t(
                "gaat niet samen met een andere optie",
                "cannot be used with another option"
            )
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!(
                "{arg}: {}",
                t("verkeerd aantal waarden", "wrong number of values")
            )
        }
        ErrorKind::NoEquals => format!("{arg}: {}", t("verwacht =WAARDE", "expected =VALUE")),
        ErrorKind::InvalidUtf8 => t(
            "ongeldige tekens (geen UTF-8)",
            "invalid characters (not UTF-8)",
        )
        .to_string(),
        _ => {
            let text = e.render().to_string();
            text.lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("usage error")
                .trim_start_matches("error: ")
                .to_string()
        }
    }
}

#[cfg(test)]
mod completeness {
    use super::*;
    use clap::CommandFactory;

    /// Every command and option has Dutch words: a new one without them
    /// would show an English line on a Dutch screen.
    #[test]
    fn every_command_and_option_is_described_in_dutch() {
        fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            if about(path).is_none() {
                missing.push(format!("about `{path}`"));
            }
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if matches!(id, "help" | "version") {
                    continue;
                }
                if arg_help(path, id).is_none() {
                    missing.push(format!("`{path}` --{id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                let p = if path.is_empty() {
                    sub.get_name().to_string()
                } else {
                    format!("{path} {}", sub.get_name())
                };
                walk(sub, &p, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&crate::cli::Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "no Dutch help for: {missing:?}");
    }
}
