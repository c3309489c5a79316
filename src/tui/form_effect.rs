//! What a submitted form asks of the store: the typed text validated into
//! an `Effect`, or a `FormError` the form words in its own terms.

use super::form::{FieldKey, Form, FormKind};
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
                let fields = input::case_fields(&self.case_input()?, today)?;
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
        let shown = |key| self.shown(key);
        let input = EventInput {
            kind: self.required(FieldKey::Kind)?,
            date: self.required(FieldKey::Date)?,
            until: shown(FieldKey::Until),
            hours: shown(FieldKey::Hours),
            outcome: shown(FieldKey::Outcome),
            note: shown(FieldKey::Note),
            fields: EventField::ALL
                .into_iter()
                .filter_map(|f| shown(FieldKey::Event(f)).map(|v| (f, v)))
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
        let date = input::date(Input::Date, self.required(FieldKey::Date)?)?;
        let mut event = Event::new(DONE_KIND, date);
        event.action = Some(action_id.to_string());
        event.note = self
            .value(FieldKey::Note)
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty());
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
        original: &[(FieldKey, String)],
        today: NaiveDate,
    ) -> Result<Effect, FormError> {
        let new = input::case_fields(&self.case_input()?, today)?;
        let changed = |key| {
            self.value(key)
                .is_some_and(|now| original.iter().any(|(k, v)| *k == key && v != now))
        };
        let edit = CaseEdit {
            name: changed(FieldKey::Name).then(|| new.name.clone()),
            birth: changed(FieldKey::Birth).then_some(new.birth),
            school: changed(FieldKey::School).then(|| new.school.clone()),
            level: changed(FieldKey::Level).then_some(new.level),
            protocol: changed(FieldKey::Protocol).then(|| new.protocol.clone()),
            gemeente: changed(FieldKey::Gemeente).then(|| new.gemeente.clone()),
            owner: changed(FieldKey::Owner).then(|| new.owner.clone()),
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

    fn case_input(&self) -> Result<CaseInput<'_>, FormError> {
        Ok(CaseInput {
            name: self.required(FieldKey::Name)?,
            birth: self.required(FieldKey::Birth)?,
            school: self.required(FieldKey::School)?,
            level: self.required(FieldKey::Level)?,
            protocol: self.required(FieldKey::Protocol)?,
            gemeente: self.value(FieldKey::Gemeente),
            owner: self.value(FieldKey::Owner),
        })
    }

    /// The value of a field this form must have: its absence is a bug
    /// named as such, not an empty value validated as typed.
    pub(super) fn required(&self, key: FieldKey) -> Result<&str, FormError> {
        self.value(key).ok_or(FormError::NoField(key))
    }

    /// The value of `key` if this form has it and it is shown (an event
    /// kind shows only its own fields).
    pub(super) fn shown(&self, key: FieldKey) -> Option<&str> {
        let i = self.fields.iter().position(|f| f.key == key)?;
        self.visible()
            .contains(&i)
            .then(|| self.fields[i].value.as_str())
    }
}
