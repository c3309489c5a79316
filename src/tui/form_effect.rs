//! What a submitted form asks of the store: the typed text validated into
//! an `Effect`, or a `FormError` the form words in its own terms.

use super::form::{Form, FormKind};
use super::messages::FormError;
use super::msg::Effect;
use crate::domain::case::CaseEdit;
use crate::domain::event::{DONE_KIND, Event, Field as EventField, KindSpec};
use crate::domain::input::{self, CaseInput, EventInput, Input};
use chrono::NaiveDate;

impl Form {
    /// Validates the form into the store work it asks for. Messages name
    /// the form's fields, not the command line's flags.
    /// `new_id` is the id a new case gets (drawn by the caller).
    pub fn effect(&self, today: NaiveDate, new_id: &str) -> Result<Effect, String> {
        self.build(today, new_id).map_err(|e| self.form_error(&e))
    }

    fn build(&self, today: NaiveDate, new_id: &str) -> Result<Effect, FormError> {
        match &self.kind {
            FormKind::AddEvent { case_id, kinds } => self.add_effect(case_id, kinds),
            FormKind::EditEvent {
                case_id,
                event_id,
                old,
                spec,
                shown,
                locked,
            } => self.edit_effect(case_id, event_id, (old, shown), spec, locked),
            FormKind::Withdraw {
                case_id,
                event_id,
                old,
            } => self.withdraw_effect(case_id, event_id, old),
            FormKind::NewCase => {
                let fields = input::case_fields(&self.case_input(), today)?;
                Ok(Effect::CreateCase {
                    case: Box::new(fields.into_case(new_id.to_string(), today)),
                })
            }
            FormKind::Done {
                case_id, action_id, ..
            } => self.done_effect(case_id, action_id, today),
            FormKind::EditCase { case_id, original } => {
                self.edit_case_effect(case_id, original, today)
            }
        }
    }

    /// `a`: the typed event, from the fields the chosen kind shows.
    fn add_effect(&self, case_id: &str, kinds: &[KindSpec]) -> Result<Effect, FormError> {
        let visible = self.visible();
        let shown = |key: &str| {
            let i = self.fields.iter().position(|f| f.key == key)?;
            visible.contains(&i).then(|| self.fields[i].value.as_str())
        };
        let input = EventInput {
            kind: self.value("kind"),
            date: self.value("date"),
            until: shown("until"),
            hours: shown("hours"),
            outcome: shown("outcome"),
            note: shown("note"),
            fields: EventField::ALL
                .into_iter()
                .filter_map(|f| shown(f.name()).map(|v| (f, v)))
                .collect(),
        };
        let event = input::event(kinds, &input)?;
        crate::domain::workflow::check_kind(&event)
            .map_err(|e| FormError::Text(crate::i18n::work::workflow_error(&e)))?;
        let summary = format!("add {} {}", event.kind, event.date);
        Ok(Effect::AddEvent {
            case_id: case_id.to_string(),
            event,
            summary,
            force: false,
        })
    }

    /// `x`: an action marked done on a date not after today.
    fn done_effect(
        &self,
        case_id: &str,
        action_id: &str,
        today: NaiveDate,
    ) -> Result<Effect, FormError> {
        let mut event = Event::new(DONE_KIND, input::date(Input::Date, self.value("date"))?);
        event.action = Some(action_id.to_string());
        event.note = Some(self.value("note").trim().to_string()).filter(|n| !n.is_empty());
        if event.date > today {
            return Err(FormError::AfterToday(event.date));
        }
        Ok(Effect::AddEvent {
            case_id: case_id.to_string(),
            event,
            summary: format!("action {action_id} done"),
            force: false,
        })
    }

    /// `e`: only the case fields the person changed.
    fn edit_case_effect(
        &self,
        case_id: &str,
        original: &[(String, String)],
        today: NaiveDate,
    ) -> Result<Effect, FormError> {
        let new = input::case_fields(&self.case_input(), today)?;
        let changed = |key: &str| {
            self.fields
                .iter()
                .any(|f| f.key == key && original.iter().any(|(k, v)| k == key && v != &f.value))
        };
        let edit = CaseEdit {
            name: changed("name").then(|| new.name.clone()),
            birth: changed("birth").then_some(new.birth),
            school: changed("school").then(|| new.school.clone()),
            level: changed("level").then_some(new.level),
            protocol: changed("protocol").then(|| new.protocol.clone()),
            gemeente: changed("gemeente").then(|| new.gemeente.clone()),
            owner: changed("owner").then(|| new.owner.clone()),
            status: None,
        };
        if edit.is_empty() {
            return Err(FormError::NothingChanged);
        }
        let keys: Vec<&str> = edit.entries().iter().map(|(k, _)| *k).collect();
        Ok(Effect::EditCase {
            case_id: case_id.to_string(),
            summary: format!("edit {}", keys.join(", ")),
            edit,
        })
    }

    fn case_input(&self) -> CaseInput<'_> {
        CaseInput {
            name: self.value("name"),
            birth: self.value("birth"),
            school: self.value("school"),
            level: self.value("level"),
            protocol: self.value("protocol"),
            gemeente: Some(self.value("gemeente")),
            owner: Some(self.value("owner")),
        }
    }
}
