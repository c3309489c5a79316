//! The working-day forms (issue 14): one kind of event with some fields
//! filled in (a hand action, a pause, an extension of the selected action,
//! a handover, a consent), and the corrections of a timeline event (edit,
//! withdraw). Validation is the CLI's: the same domain functions.

use super::form::{Field, FieldKey, Form, FormKind};
use super::messages::FormError;
use super::msg::{Effect, ProtocolInfo};
use crate::domain::case::Case;
use crate::domain::compartments;
use crate::domain::correction::{self, EventEdit};
use crate::domain::event::{Event, Field as EventField, KindSpec};
use crate::i18n::date;
use chrono::NaiveDate;

impl Form {
    /// The add form for one kind only, with `presets` filled in; the
    /// focus on the first field still empty.
    pub fn add_kind(
        case: &Case,
        protocol: &ProtocolInfo,
        today: NaiveDate,
        kind: &str,
        presets: &[(FieldKey, String)],
    ) -> Option<Form> {
        let mut form = Form::add_event(case, protocol, today);
        if let FormKind::AddEvent { kinds, .. } = &mut form.kind {
            let spec = kinds.iter().find(|k| k.id == kind)?.clone();
            *kinds = vec![spec];
        }
        for f in form.fields.iter_mut() {
            if f.key == FieldKey::Kind {
                f.value = kind.to_string();
                f.choices = vec![kind.to_string()];
            }
            if let Some((_, v)) = presets.iter().find(|(k, _)| *k == f.key) {
                f.value = v.clone();
            }
        }
        form.sync_outcomes();
        form.focus_first_empty();
        Some(form)
    }

    /// The focus on the first required field still empty.
    fn focus_first_empty(&mut self) {
        let visible = self.visible();
        let required: Vec<FieldKey> = self
            .spec()
            .map(|s| {
                s.fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| FieldKey::Event(f.field))
                    .collect()
            })
            .unwrap_or_default();
        self.focus = visible
            .iter()
            .copied()
            .find(|&i| {
                let f = &self.fields[i];
                required.contains(&f.key) && f.value.is_empty()
            })
            .or_else(|| visible.first().copied())
            .unwrap_or(0);
    }

    /// Correct a recorded event: every field it takes, as it is now and as
    /// this reader may see it (`shown`: sealed values opened or masked;
    /// `locked`: the sealed fields it could not open).
    pub fn edit_event(
        case_id: &str,
        event_id: &str,
        (raw, old): (&Event, &Event),
        locked: Vec<FieldKey>,
        spec: KindSpec,
    ) -> Form {
        let mut fields = vec![
            Field::text(FieldKey::Date, date(old.date)),
            Field::text(FieldKey::Until, old.until.map(date).unwrap_or_default()),
            Field::text(
                FieldKey::Hours,
                old.hours.map(|h| h.to_string()).unwrap_or_default(),
            ),
            Field::choice(
                FieldKey::Outcome,
                old.outcome.clone().unwrap_or_default(),
                spec.outcomes.clone(),
            ),
            Field::text(FieldKey::Note, old.note.clone().unwrap_or_default()),
        ];
        fields.extend(spec.fields.iter().map(|s| {
            let value = match s.field {
                EventField::Due => old.due.map(date),
                f => f.get(old),
            };
            Field::event(s.field, value.unwrap_or_default(), s.values)
        }));
        Form {
            kind: FormKind::EditEvent {
                case_id: case_id.into(),
                event_id: event_id.into(),
                old: Box::new(raw.clone()),
                spec: Box::new(spec),
                shown: Box::new(old.clone()),
                locked,
            },
            fields,
            focus: 0,
            error: None,
            pending: false,
            typed: String::new(),
        }
    }

    /// Withdraw a recorded event: only the reason.
    pub fn withdraw(case_id: &str, event_id: &str, old: &Event) -> Form {
        Form {
            kind: FormKind::Withdraw {
                case_id: case_id.into(),
                event_id: event_id.into(),
                old: Box::new(old.clone()),
            },
            fields: vec![Field::text(FieldKey::Reason, "")],
            focus: 0,
            error: None,
            pending: false,
            typed: String::new(),
        }
    }

    pub(super) fn edit_effect(
        &self,
        case_id: &str,
        event_id: &str,
        (old, shown_event): (&Event, &Event),
        spec: &KindSpec,
        locked: &[FieldKey],
    ) -> Result<Effect, FormError> {
        let change = EventEdit {
            date: Some(self.required(FieldKey::Date)?),
            until: self.shown(FieldKey::Until),
            hours: self.shown(FieldKey::Hours),
            outcome: self.shown(FieldKey::Outcome),
            note: Some(self.required(FieldKey::Note)?),
            fields: spec
                .fields
                .iter()
                .map(|s| Ok((s.field, self.required(FieldKey::Event(s.field))?)))
                .collect::<Result<_, FormError>>()?,
        };
        // Edited on the copy this reader sees; what it left alone keeps
        // its stored ciphertext.
        let (mut new, changed) =
            correction::edit(shown_event, spec, &change).map_err(FormError::Correction)?;
        if changed.is_empty() {
            return Err(FormError::NothingChanged);
        }
        let sealed = changed
            .iter()
            .filter_map(|name| FieldKey::of_event_name(name))
            .find(|k| locked.contains(k));
        if let Some(key) = sealed {
            return Err(self.sealed_error(key));
        }
        compartments::keep_sealed(old, &mut new, &changed);
        Ok(Effect::ReplaceEvent {
            case_id: case_id.into(),
            event_id: event_id.into(),
            old: Box::new(old.clone()),
            new: Box::new(new),
            summary: format!("edit event {event_id} ({})", changed.join(", ")),
        })
    }

    /// A sealed field this reader cannot open was changed: refused.
    fn sealed_error(&self, key: FieldKey) -> FormError {
        let (nl, en) = key.labels();
        let label = crate::i18n::t(nl, en);
        FormError::Text(format!(
            "{label}: {}",
            crate::i18n::t(
                "vertrouwelijk; wijzigen kan alleen met de sleutel van het compartiment (verzuim keys init)",
                "confidential; only a holder of the compartment's key can change it (verzuim keys init)"
            )
        ))
    }

    pub(super) fn withdraw_effect(
        &self,
        case_id: &str,
        event_id: &str,
        old: &Event,
    ) -> Result<Effect, FormError> {
        let new = correction::withdraw(old, self.required(FieldKey::Reason)?)
            .map_err(FormError::Correction)?;
        Ok(Effect::ReplaceEvent {
            case_id: case_id.into(),
            event_id: event_id.into(),
            old: Box::new(old.clone()),
            new: Box::new(new),
            summary: format!("withdraw event {event_id}"),
        })
    }
}
