//! Forms: add an event, create a case, edit a case. Fields are text or a
//! choice; validation uses the same functions (and messages) as the CLI.
//! A form stays open until its change is committed, so a failed commit
//! loses no input and Enter retries it.

pub use super::form_key::FieldKey;
use super::msg::ProtocolInfo;
use crate::domain::case::{Case, Level};
use crate::domain::event::{DONE_KIND, Event, Field as EventField, KindSpec, Until};
use crate::i18n::t;
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    AddEvent {
        case_id: String,
        kinds: Vec<KindSpec>,
    },
    NewCase,
    EditCase {
        case_id: String,
        original: Vec<(FieldKey, String)>,
    },
    /// Correct a recorded event's fields (issue 14).
    EditEvent {
        case_id: String,
        event_id: String,
        old: Box<Event>,
        spec: Box<KindSpec>,
        /// The event as this reader sees it (sealed values opened or
        /// masked), and the sealed fields it could not open.
        shown: Box<Event>,
        locked: Vec<FieldKey>,
    },
    /// Withdraw a recorded event, with the reason.
    Withdraw {
        case_id: String,
        event_id: String,
        old: Box<Event>,
    },
    /// Mark an action done: on which date, with an optional note.
    Done {
        case_id: String,
        action_id: String,
        title: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: FieldKey,
    pub value: String,
    /// A choice field cycles through these with ←/→ (empty: free text).
    pub choices: Vec<String>,
}

impl Field {
    pub(super) fn text(key: FieldKey, value: impl Into<String>) -> Field {
        Field::choice(key, value, vec![])
    }
    pub(super) fn choice(key: FieldKey, value: impl Into<String>, choices: Vec<String>) -> Field {
        Field {
            key,
            value: value.into(),
            choices,
        }
    }
    /// An event kind's own field: a choice when it has a value list
    /// (with an empty first choice), else free text.
    pub(super) fn event(f: EventField, value: impl Into<String>, values: &[&str]) -> Field {
        if values.is_empty() {
            return Field::text(FieldKey::Event(f), value);
        }
        let mut choices = vec![String::new()];
        choices.extend(values.iter().map(|v| v.to_string()));
        Field::choice(FieldKey::Event(f), value, choices)
    }
    pub fn label(&self) -> &'static str {
        let (nl, en) = self.key.labels();
        t(nl, en)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub kind: FormKind,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
    /// Submitted, waiting for the commit.
    pub pending: bool,
    /// What was typed into the focused choice field (type-ahead).
    pub(super) typed: String,
}

pub enum Outcome {
    Stay,
    Cancel,
    Submit,
}

fn levels() -> Vec<String> {
    Level::ALL.iter().map(|l| l.as_str().to_string()).collect()
}

impl Form {
    pub fn add_event(case: &Case, protocol: &ProtocolInfo, today: NaiveDate) -> Form {
        let kinds: Vec<KindSpec> = protocol
            .kinds
            .iter()
            .filter(|k| k.id != DONE_KIND)
            .cloned()
            .collect();
        let names: Vec<String> = kinds.iter().map(|k| k.id.clone()).collect();
        let fields = vec![
            Field::choice(FieldKey::Kind, "ziek", names),
            Field::text(FieldKey::Date, crate::i18n::date(today)),
            Field::text(FieldKey::Until, ""),
            Field::text(FieldKey::Hours, ""),
            Field::choice(FieldKey::Outcome, "", vec![]),
            Field::text(FieldKey::Note, ""),
        ];
        let mut fields = fields;
        fields.extend(
            EventField::ALL
                .into_iter()
                .map(|f| Field::event(f, "", f.values())),
        );
        let mut form = Form {
            kind: FormKind::AddEvent {
                case_id: case.id.to_string(),
                kinds,
            },
            fields,
            focus: 0,
            error: None,
            pending: false,
            typed: String::new(),
        };
        form.sync_outcomes();
        form
    }

    pub fn done(case_id: &str, action: &crate::domain::engine::Action, today: NaiveDate) -> Form {
        Form {
            kind: FormKind::Done {
                case_id: case_id.to_string(),
                action_id: action.id.to_string(),
                title: action.title.clone(),
            },
            fields: vec![
                Field::text(FieldKey::Date, crate::i18n::date(today)),
                Field::text(FieldKey::Note, ""),
            ],
            focus: 0,
            error: None,
            pending: false,
            typed: String::new(),
        }
    }

    pub fn new_case(protocols: &[ProtocolInfo]) -> Form {
        let ids: Vec<String> = protocols.iter().map(|p| p.id.clone()).collect();
        let first = ids.first().cloned().unwrap_or_default();
        Form {
            kind: FormKind::NewCase,
            fields: Self::case_fields("", "", "", "vo", &first, "", "", ids),
            focus: 0,
            error: None,
            pending: false,
            typed: String::new(),
        }
    }

    pub fn edit_case(case: &Case, protocols: &[ProtocolInfo]) -> Form {
        let ids: Vec<String> = protocols.iter().map(|p| p.id.clone()).collect();
        let fields = Self::case_fields(
            &case.name,
            &crate::i18n::date(case.birth),
            &case.school,
            case.level.as_str(),
            &case.protocol,
            case.gemeente.as_deref().unwrap_or(""),
            case.owner.as_deref().unwrap_or(""),
            ids,
        );
        let original = fields.iter().map(|f| (f.key, f.value.clone())).collect();
        Form {
            kind: FormKind::EditCase {
                case_id: case.id.to_string(),
                original,
            },
            fields,
            focus: 0,
            error: None,
            pending: false,
            typed: String::new(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn case_fields(
        name: &str,
        birth: &str,
        school: &str,
        level: &str,
        protocol: &str,
        gemeente: &str,
        owner: &str,
        protocols: Vec<String>,
    ) -> Vec<Field> {
        vec![
            Field::text(FieldKey::Name, name),
            Field::text(FieldKey::Birth, birth),
            Field::text(FieldKey::School, school),
            Field::choice(FieldKey::Level, level, levels()),
            Field::choice(FieldKey::Protocol, protocol, protocols),
            Field::text(FieldKey::Gemeente, gemeente),
            Field::text(FieldKey::Owner, owner),
        ]
    }

    pub fn title(&self) -> String {
        match &self.kind {
            // A form for one kind (a hand action, a pause) is named by it.
            FormKind::AddEvent { kinds, .. } if kinds.len() == 1 => {
                t(&kinds[0].label, &kinds[0].label_en).to_string()
            }
            FormKind::EditEvent { .. } => t("Gebeurtenis corrigeren", "Correct event").into(),
            FormKind::Withdraw { .. } => t("Gebeurtenis intrekken", "Withdraw event").into(),
            _ => self.fixed_title().into(),
        }
    }

    fn fixed_title(&self) -> &'static str {
        match self.kind {
            FormKind::AddEvent { .. } => t("Gebeurtenis toevoegen", "Add event"),
            FormKind::NewCase => t("Nieuw dossier", "New case"),
            FormKind::EditCase { .. } => t("Dossier bewerken", "Edit case"),
            FormKind::Done { .. } => t("Actie afronden", "Mark action done"),
            FormKind::EditEvent { .. } | FormKind::Withdraw { .. } => "",
        }
    }

    /// The value of the field `key`; `None` when this form has no such
    /// field (never an empty string standing in for a missing field).
    pub fn value(&self, key: FieldKey) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.as_str())
    }

    pub(super) fn spec(&self) -> Option<&KindSpec> {
        match &self.kind {
            FormKind::AddEvent { kinds, .. } => {
                let kind = self.value(FieldKey::Kind)?;
                kinds.iter().find(|k| k.id == kind)
            }
            FormKind::EditEvent { spec, .. } => Some(spec),
            _ => None,
        }
    }

    /// Indices of the fields that apply (an event kind shows only its fields).
    pub fn visible(&self) -> Vec<usize> {
        let spec = self.spec();
        (0..self.fields.len())
            .filter(|&i| match (self.fields[i].key, spec) {
                (FieldKey::Until, Some(s)) => s.until != Until::No,
                (FieldKey::Hours, Some(s)) => s.hours,
                (FieldKey::Outcome, Some(s)) => !s.outcomes.is_empty(),
                (FieldKey::Event(f), spec) => {
                    spec.is_none_or(|s| s.fields.iter().any(|x| x.field == f))
                }
                _ => true,
            })
            .collect()
    }

    /// The outcome choices follow the chosen kind.
    pub(super) fn sync_outcomes(&mut self) {
        let outcomes = self.spec().map(|s| s.outcomes.clone()).unwrap_or_default();
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == FieldKey::Outcome) {
            if !outcomes.contains(&f.value) {
                f.value = outcomes.first().cloned().unwrap_or_default();
            }
            f.choices = outcomes;
        }
    }

    pub fn key(&mut self, key: KeyEvent) -> Outcome {
        if self.pending {
            return if key.code == KeyCode::Esc {
                Outcome::Cancel
            } else {
                Outcome::Stay
            };
        }
        let visible = self.visible();
        let pos = visible.iter().position(|&i| i == self.focus).unwrap_or(0);
        if !matches!(key.code, KeyCode::Char(_)) {
            self.typed.clear();
        }
        match key.code {
            KeyCode::Esc => return Outcome::Cancel,
            KeyCode::Enter => return Outcome::Submit,
            KeyCode::Tab | KeyCode::Down => self.focus = visible[(pos + 1) % visible.len()],
            KeyCode::BackTab | KeyCode::Up => {
                self.focus = visible[(pos + visible.len() - 1) % visible.len()]
            }
            KeyCode::Left | KeyCode::Right => self.cycle(key.code == KeyCode::Right),
            KeyCode::Backspace => {
                let f = &mut self.fields[self.focus];
                if f.choices.is_empty() {
                    f.value.pop();
                }
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => self.type_char(c),
            _ => {}
        }
        Outcome::Stay
    }

    fn cycle(&mut self, forward: bool) {
        let f = &mut self.fields[self.focus];
        if f.choices.is_empty() {
            return;
        }
        let n = f.choices.len();
        let i = f.choices.iter().position(|c| c == &f.value).unwrap_or(0);
        f.value = f.choices[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
        .clone();
        if f.key == FieldKey::Kind {
            self.sync_outcomes();
        }
    }

    /// Typing in a choice field jumps to the first choice starting with it.
    fn type_char(&mut self, c: char) {
        let f = &mut self.fields[self.focus];
        if f.choices.is_empty() {
            f.value.push(c);
            return;
        }
        self.typed.push(c);
        if !f.choices.iter().any(|x| x.starts_with(&self.typed)) {
            self.typed = c.to_string();
        }
        if let Some(choice) = f.choices.iter().find(|x| x.starts_with(&self.typed)) {
            f.value = choice.clone();
        }
        if f.key == FieldKey::Kind {
            self.sync_outcomes();
        }
    }
}
