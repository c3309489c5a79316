//! The worker's writes to one case (an event added or replaced, case
//! fields edited), each one commit through `CaseRepo`, and the doubt a
//! person may overrule before an event is added.

use super::Worker;
use crate::domain::case::CaseEdit;
use crate::domain::event::Event;
use crate::domain::plausible;
use crate::i18n::t;
use crate::store::load;
use crate::store::{Result, StoreError};
use crate::tui::msg::{Effect, Msg};

impl Worker {
    /// Adds an event, unless it raises a doubt not yet overruled (`force`):
    /// then the question goes back, with the effect that answers yes.
    pub(super) fn add_event(
        &self,
        case_id: String,
        event: Event,
        summary: String,
        force: bool,
    ) -> Result<Msg> {
        if let Some(doubt) = self.doubt(&case_id, &event, force)? {
            let effect = Effect::AddEvent {
                case_id,
                event,
                summary,
                force: true,
            };
            return Ok(Msg::Doubt {
                text: doubt,
                effect,
            });
        }
        self.repo.add_event(&case_id, &event, &summary)?;
        self.changed(case_id, summary, true)
    }

    /// Replaces an event (an edit or a withdrawal), refused when the stored
    /// event is no longer the one the form started from.
    pub(super) fn replace_event(
        &self,
        case_id: String,
        event_id: &str,
        old: &Event,
        new: &Event,
        summary: String,
    ) -> Result<Msg> {
        self.repo.modify_case(&case_id, |case, doc| {
            if case.events.get(event_id) != Some(old) {
                return Err(StoreError::User(
                    t(
                        "de gebeurtenis is intussen gewijzigd; bekijk ze opnieuw",
                        "the event changed meanwhile; look at it again",
                    )
                    .into(),
                ));
            }
            doc.add_event(event_id, new);
            Ok(((), format!("case {case_id}: {summary}")))
        })?;
        self.changed(case_id, summary, true)
    }

    /// Sets or clears the case's own fields.
    pub(super) fn edit_case(
        &self,
        case_id: String,
        edit: &CaseEdit,
        summary: String,
    ) -> Result<Msg> {
        self.repo.modify_case(&case_id, |_, doc| {
            for (key, value) in edit.entries() {
                doc.set_str(key, value.as_deref());
            }
            Ok(((), format!("case {case_id}: {summary}")))
        })?;
        self.changed(case_id, summary, true)
    }

    /// A doubt a person may overrule; a refusal is an error.
    fn doubt(&self, case_id: &str, event: &Event, force: bool) -> Result<Option<String>> {
        let Some(cl) = &self.caseload else {
            return Ok(None);
        };
        let case = load::load_case(&self.repo.root, case_id)?.map_err(StoreError::Broken)?;
        let Some(protocol) = cl.library.protocols.get(&case.protocol) else {
            return Ok(None);
        };
        let cal = cl.calendars.for_case(&case, Some(protocol));
        let hours = protocol.lesson_hours(case.level);
        let doubts = plausible::check(event, &case, cal, hours, self.today);
        match plausible::blocking(&doubts, force) {
            Some(d) if !d.forcible() => Err(StoreError::User(crate::i18n::doubt(d))),
            Some(d) => Ok(Some(crate::i18n::doubt(d))),
            None => Ok(None),
        }
    }
}
