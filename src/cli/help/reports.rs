//! Dutch (and English) words for the options of what is made from the cases: `report ...`, `letter`, `retention ...`.

use crate::i18n::t;

/// An option's help, if it is one of this area's.
pub fn arg_help(cmd: &str, arg: &str) -> Option<String> {
    let text = match (cmd, arg) {
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
        _ => return None,
    };
    Some(text)
}
