//! What `retention destroy` and a sync that applies a purge print: what
//! was destroyed, the check that it is gone, and what to tell remotes.

use super::*;

pub(super) fn print_destruction(d: &Destruction) {
    for (case, event, rule) in &d.destroyed {
        match event {
            None => outln!(
                "{} {case} ({rule})",
                t("vernietigd: dossier", "destroyed: case")
            ),
            Some(e) => outln!(
                "{} {e} {} {case} ({rule})",
                t("vernietigd: gebeurtenis", "destroyed: event"),
                t("van", "of")
            ),
        }
    }
    for (case, event, why) in &d.skipped {
        let what = event
            .as_deref()
            .map(|e| format!("{case}/{e}"))
            .unwrap_or_else(|| case.clone());
        let why = match why {
            Skip::Gone => t(
                "niet (meer) in deze map",
                "not (or no longer) in this repository",
            ),
            Skip::NotDue => t(
                "volgens de regels nu nog niet aan de beurt",
                "not due under the rules today",
            ),
            Skip::Broken => t(
                "het dossierbestand is kapot; herstel het eerst",
                "the case file is broken; fix it first",
            ),
        };
        outln!("{} {what}: {why}", t("overgeslagen:", "skipped:"));
    }
    if d.destroyed.is_empty() {
        outln!("{}", t("niets vernietigd", "nothing destroyed"));
        return;
    }
    outln!(
        "{}",
        count(
            d.commits_rewritten,
            ("commit herschreven", "commits herschreven"),
            ("commit rewritten", "commits rewritten")
        )
    );
    verified(&d.verified);
    remotes_note(&d.remotes, true);
}

/// Says what the check of the object database found.
pub(super) fn verified(v: &Verified) {
    if v.remaining.is_empty() {
        outln!(
            "{} ({})",
            t(
                "gecontroleerd: geen spoor meer in de objectdatabase",
                "checked: no trace left in the object database"
            ),
            count(
                v.checked,
                ("bestandsversie", "bestandsversies"),
                ("file version", "file versions")
            )
        );
    } else {
        crate::cli::out::errln!(
            "{}: {}",
            t(
                "NIET alles is verwijderd; nog aanwezig",
                "NOT everything was removed; still present"
            ),
            v.remaining.join(", ")
        );
    }
}

/// The remotes that still hold the old objects, with what to run there.
pub(super) fn remotes_note(remotes: &[(String, String)], before_sync: bool) {
    for (name, url) in remotes {
        if before_sync {
            outln!(
                "{} `{name}`: {}",
                t("remote", "remote"),
                t(
                    "`verzuim sync` overschrijft de geschiedenis daar (force-with-lease)",
                    "`verzuim sync` overwrites the history there (force-with-lease)"
                )
            );
        }
        outln!(
            "{} `{name}` ({}) {}:\n  git -C {} reflog expire --expire=now --all && git -C {} gc --prune=now",
            t("de remote", "the remote"),
            escape(url),
            t(
                "bewaart de oude objecten tot zijn eigen opruiming; voer daar na de sync uit",
                "keeps the old objects until its own gc; after the sync run there"
            ),
            escape(url),
            escape(url)
        );
    }
}

/// The destruction part of a sync report.
pub fn sync_note(p: &PurgeSync) {
    if !p.lists.is_empty() {
        outln!(
            "{} {}: {}",
            t(
                "vernietiging uitgevoerd (lijst",
                "destruction applied (list"
            ),
            p.lists.join(", ") + ")",
            p.destroyed.join(", ")
        );
    }
    for c in &p.discarded {
        let what = if c.contains('/') {
            t(
                "niet-verstuurde wijzigingen aan vernietigde gebeurtenis",
                "unpushed changes to destroyed event",
            )
        } else {
            t(
                "niet-verstuurde wijzigingen aan vernietigd dossier",
                "unpushed changes to destroyed case",
            )
        };
        outln!(
            "{what} {c} {}",
            t(
                "zijn weggegooid (niets ervan bewaard)",
                "were discarded (nothing of them kept)"
            )
        );
    }
    if let Some(v) = &p.verified {
        verified(v);
    }
    if p.forced {
        outln!(
            "{}",
            t(
                "de geschiedenis op de remote is overschreven (force-with-lease)",
                "the remote's history was overwritten (force-with-lease)"
            )
        );
        remotes_note(&p.remotes, false);
    }
}
