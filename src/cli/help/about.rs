//! What each command is for, and the Dutch placeholders of option values.

use crate::i18n::t;

/// A command's one-line description; "" is the top level.
pub fn about(cmd: &str) -> Option<&'static str> {
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
        _ => return super::workflow::about(cmd),
    })
}

/// A value's placeholder in Dutch (English keeps clap's upper-case id).
pub fn value_name(id: &str) -> Option<&'static str> {
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
        "compartment" => "COMPARTIMENT",
        "key" => "SLEUTEL",
        "schooljaar" => "SCHOOLJAAR",
        "pdf" => "BESTAND",
        "template" => "SJABLOON",
        _ => return super::workflow::value_name(id),
    })
}
