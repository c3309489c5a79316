//! The current case as this session may see it (issue 15): sealed values
//! opened with the session's key, else masked as "vertrouwelijk (jgz)".
//! Opened once, when the case, the data or the key changes (`stamp`), not
//! in every frame: the views read this copy. It is wiped when another case
//! is chosen, when it goes stale, and when the TUI leaves.

use super::*;
use crate::domain::compartments;
use crate::domain::merge::Conflict;
use std::borrow::Cow;

/// A revealed copy of one case and of its sync conflicts.
pub(super) struct Revealed {
    case_id: String,
    /// The `App::stamp` it was made at: another stamp means stale.
    stamp: u64,
    /// None when the case holds nothing sealed: the stored case is shown.
    case: Option<Case>,
    conflicts: Vec<Conflict>,
}

impl Drop for Revealed {
    fn drop(&mut self) {
        if let Some(case) = self.case.as_mut() {
            compartments::wipe(case);
        }
        self.conflicts
            .iter_mut()
            .for_each(compartments::wipe_conflict);
    }
}

impl App {
    /// Installs the session's key: every value is opened anew with it.
    pub fn set_keyring(&mut self, keyring: Option<std::sync::Arc<crate::store::keys::Keyring>>) {
        self.keyring = keyring;
        self.data_changed();
        self.reveal_diff();
    }

    /// Marks the revealed copy stale after the cases changed, and opens the
    /// current case again.
    pub(super) fn data_changed(&mut self) {
        self.stamp += 1;
        self.refresh_revealed();
    }

    /// Brings the revealed copy in line with the current case: opened again
    /// only when the case, the data or the key changed since; called after
    /// every message (`update`), so a frame never decrypts.
    pub fn refresh_revealed(&mut self) {
        let fresh =
            |r: &Revealed| Some(&r.case_id) == self.current.as_ref() && r.stamp == self.stamp;
        if self.revealed.as_ref().is_some_and(fresh) {
            return;
        }
        // The old copy is wiped (dropped) before the new one is made.
        self.revealed = None;
        let Some((case, _)) = self.current_case() else {
            return;
        };
        let key = |kid: &str| self.keyring.as_ref().and_then(|k| k.key(case, kid));
        let opened = compartments::sealed_in(case).then(|| compartments::reveal(case, &key));
        let stored = self
            .data
            .conflicts
            .get(case.id.as_str())
            .map_or(&[][..], |c| c.as_slice());
        let conflicts = stored
            .iter()
            .map(|c| compartments::reveal_conflict(case, c, &key))
            .collect();
        let revealed = Revealed {
            case_id: case.id.to_string(),
            stamp: self.stamp,
            case: opened,
            conflicts,
        };
        self.reveals += usize::from(revealed.case.is_some());
        self.revealed = Some(revealed);
    }

    /// Wipes every opened value (the TUI leaves).
    pub fn forget_revealed(&mut self) {
        self.revealed = None;
        if let Some(h) = self.history.as_mut() {
            h.shown = None;
        }
    }

    /// The copy revealed for `case`, when it is the current one and fresh.
    fn revealed_for(&self, case: &Case) -> Option<&Revealed> {
        self.revealed
            .as_ref()
            .filter(|r| r.case_id == case.id && r.stamp == self.stamp)
    }

    /// `case` as this session may see it (sealed values opened or masked),
    /// from the revealed copy; borrowed as is when it holds nothing sealed.
    /// A case that is not the current one is only masked (never decrypted
    /// here, in a frame).
    pub fn shown<'a>(&'a self, case: &'a Case) -> Cow<'a, Case> {
        match self.revealed_for(case) {
            Some(Revealed { case: Some(c), .. }) => Cow::Borrowed(c),
            Some(_) => Cow::Borrowed(case),
            None if !compartments::sealed_in(case) => Cow::Borrowed(case),
            None => Cow::Owned(compartments::reveal(case, &|_| None)),
        }
    }

    /// The sync conflicts of `case` as this session may see them: a sealed
    /// value in a side opened or masked, never the ciphertext.
    pub fn shown_conflicts<'a>(&'a self, case: &Case) -> Cow<'a, [Conflict]> {
        if let Some(r) = self.revealed_for(case) {
            return Cow::Borrowed(&r.conflicts);
        }
        let stored = self
            .data
            .conflicts
            .get(case.id.as_str())
            .map_or(&[][..], |c| c.as_slice());
        let masked = |c: &Conflict| compartments::reveal_conflict(case, c, &|_| None);
        Cow::Owned(stored.iter().map(masked).collect())
    }

    /// Opens the history diff on show, once, when it arrives (or the key
    /// changes): its sealed values opened or masked.
    pub fn reveal_diff(&mut self) {
        let Some(h) = self.history.as_ref() else {
            return;
        };
        let shown = h.diff.as_ref().map(|(_, text)| {
            let case = self.case_index(&h.case_id).map(|i| &self.data.cases[i]);
            match case {
                Some(case) => {
                    let key = |kid: &str| self.keyring.as_ref().and_then(|k| k.key(case, kid));
                    compartments::reveal_diff(text, case, &key)
                }
                None => text.to_string(),
            }
        });
        if let Some(h) = self.history.as_mut() {
            h.shown = shown.map(zeroize::Zeroizing::new);
        }
    }
}
