//! Dutch (and English) words for the working-day commands and options
//! (issue 14).

use crate::i18n::t;

pub fn arg_help(cmd: &str, arg: &str) -> Option<String> {
    let text = match (cmd, arg) {
        ("action add", "title") | ("add" | "edit", "title") => {
            t("wat er moet gebeuren (actie)", "what must be done (actie)")
        }
        ("action add", "due") | ("add" | "edit", "due") => t(
            "uiterlijk op (dd-mm-jjjj of jjjj-mm-dd; actie)",
            "due by (YYYY-MM-DD or DD-MM-YYYY; actie)",
        ),
        ("action add", "role") | ("add" | "edit", "role") => {
            t("wie het doet (actie)", "who does it (actie)")
        }
        ("action add", "date") => t(
            "datum waarop de actie is afgesproken (standaard vandaag)",
            "date the action was agreed (default today)",
        ),
        ("pause", "reason") => t(
            "waarom de termijnen stilstaan (bijv. ziekenhuisopname; verplicht)",
            "why the deadlines stand still (e.g. hospital admission; required)",
        ),
        ("pause", "until") => t(
            "laatste gepauzeerde dag (anders tot `verzuim resume`)",
            "last paused day (else until `verzuim resume`)",
        ),
        ("pause", "date") => t(
            "eerste gepauzeerde dag (standaard vandaag)",
            "first paused day (default today)",
        ),
        ("resume", "date") => t(
            "dag waarop de klok weer loopt (standaard vandaag)",
            "day the clock runs again (default today)",
        ),
        ("extend", "action") => t(
            "actie-id, een uniek begin ervan, of de regel-id",
            "action id, a unique prefix of it, or the rule id",
        ),
        ("extend", "by") | ("add" | "edit", "by") => t(
            "hoeveel, met eenheid: \"5 schooldagen\", \"2 weken\" (dagen, schooldagen, weken, schoolweken, werkdagen, maanden)",
            "how far, unit explicit: \"5 school-days\", \"2 weeks\" (days, school-days, weeks, school-weeks, working-days, months)",
        ),
        ("extend", "reason") => t("waarom (verplicht)", "why (required)"),
        ("extend", "date") | ("handover", "date") => {
            t("datum (standaard vandaag)", "date (default today)")
        }
        ("handover", "owner") => t(
            "de nieuwe eigenaar (persoon of team)",
            "the new owner (person or team)",
        ),
        ("add" | "edit", "owner") => t(
            "overdracht: de nieuwe eigenaar",
            "overdracht: the new owner",
        ),
        ("add" | "edit", "action") => t("verlenging: het actie-id", "verlenging: the action id"),
        ("add" | "edit", "subject") => t("toestemming: van wie", "toestemming: whose"),
        ("add" | "edit", "scope") => t("toestemming: waarvoor", "toestemming: for what"),
        ("add" | "edit", "given_by") => t("toestemming: gegeven door", "toestemming: given by"),
        _ => return None,
    };
    Some(text.to_string())
}

pub fn about(cmd: &str) -> Option<&'static str> {
    Some(match cmd {
        "action" => t("acties met de hand", "actions added by hand"),
        "action add" => t(
            "voeg een actie met de hand toe; drukt het actie-id af (voor done en extend)",
            "add an action by hand; print its id (for done and extend)",
        ),
        "pause" => t(
            "zet de klok van alle open termijnen van een dossier stil",
            "stop the clock of every open deadline of a case",
        ),
        "resume" => t(
            "laat de klok van een gepauzeerd dossier weer lopen",
            "let the clock of a paused case run again",
        ),
        "extend" => t(
            "verleng de termijn van één actie (stapelt, elk met een reden)",
            "extend one action's deadline (stacks, each with a reason)",
        ),
        "handover" => t(
            "draag een dossier over aan een andere eigenaar",
            "hand a case over to another owner",
        ),
        _ => return None,
    })
}

/// Dutch placeholders for the new values.
pub fn value_name(id: &str) -> Option<&'static str> {
    Some(match id {
        "title" => "TITEL",
        "due" => "DATUM",
        "role" => "ROL",
        "by" => "DUUR",
        "subject" => "WIE",
        "scope" => "WAARVOOR",
        "given_by" => "DOOR",
        _ => return None,
    })
}
