//! The worker's sync and conflict effects, and how they are told on the
//! status line (counts and ids only, never names).

use super::Worker;
use crate::i18n::{count, t};
use crate::store::Result;
use crate::tui::msg::Msg;

impl Worker {
    /// Syncs with the remote, tells what came in and went out, and reloads.
    pub(super) fn sync(&mut self) -> Result<Msg> {
        let r = self.repo.sync(None, None)?;
        let text = format!(
            "{} {}: {} {}, {} {}, {} {}{}",
            t("gesynchroniseerd met", "synced with"),
            r.remote,
            count(r.cases_in, ("dossier", "dossiers"), ("case", "cases")),
            t("binnen", "in"),
            count(
                r.events_in,
                ("gebeurtenis", "gebeurtenissen"),
                ("event", "events")
            ),
            t("binnen", "in"),
            count(r.commits_out, ("commit", "commits"), ("commit", "commits")),
            t("verstuurd", "out"),
            if r.conflicts > 0 {
                format!(
                    "; {}: {}",
                    count(
                        r.conflicts,
                        ("conflict", "conflicten"),
                        ("conflict", "conflicts")
                    ),
                    t("zie het dossier", "see the case")
                )
            } else {
                String::new()
            }
        );
        let text = text + &purge_note(&r.purge);
        let _ = self.out.send(Msg::Synced(text));
        self.load()
    }

    /// Resolves a conflicting field with one side's value (0 = ours) and
    /// reloads.
    pub(super) fn resolve(&mut self, case_id: &str, field: &str, choice: usize) -> Result<Msg> {
        self.repo.resolve_conflict_with(case_id, field, choice)?;
        let which = match choice {
            0 => t("eigen waarde gehouden", "local value kept").to_string(),
            1 => t("waarde van de andere kant genomen", "remote value taken").to_string(),
            n => format!(
                "{} {n} {}",
                t("waarde van andere kant", "value of remote side"),
                t("genomen", "taken")
            ),
        };
        let _ = self.out.send(Msg::Synced(format!(
            "{} {field}: {which}",
            t("conflict opgelost in", "conflict resolved in")
        )));
        self.load()
    }
}

/// What a sync destroyed here, for the status line (ids only).
fn purge_note(p: &crate::store::retention::remote::PurgeSync) -> String {
    let mut text = String::new();
    if !p.destroyed.is_empty() {
        text += &format!(
            "; {} {} ({})",
            t("vernietigd volgens lijst", "destroyed under list"),
            p.lists.join(", "),
            count(p.destroyed.len(), ("id", "ids"), ("id", "ids"))
        );
    }
    if !p.discarded.is_empty() {
        text += &format!(
            "; {}: {}",
            t(
                "niet-verstuurde wijzigingen aan vernietigde gegevens weggegooid",
                "unpushed changes to destroyed data discarded"
            ),
            p.discarded.join(", ")
        );
    }
    if p.forced {
        text += &format!(
            "; {}",
            t(
                "remote overschreven; ruim daar op met `git gc --prune=now`",
                "remote overwritten; clean it up there with `git gc --prune=now`"
            )
        );
    }
    text
}
