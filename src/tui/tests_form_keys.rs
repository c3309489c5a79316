//! Form fields are typed keys (issue 12): every form holds each key once,
//! and reading a key a form lacks says so (`None`), never an empty string.

use super::form::{FieldKey, Form, FormKind};
use super::messages::FormError;
use super::tests::{TODAY, snapshot};
use crate::domain::correction;
use crate::domain::dates;
use crate::domain::event::Field as EventField;

/// One of every form the TUI builds, from the demo's cases.
fn every_form() -> Vec<Form> {
    let today = dates::parse(TODAY).unwrap();
    let snap = snapshot();
    let case = &snap.cases[0];
    let protocol = snap
        .protocols
        .iter()
        .find(|p| p.id == case.protocol)
        .unwrap();
    let action = snap
        .checks
        .iter()
        .flatten()
        .flat_map(|e| &e.actions)
        .next()
        .expect("a demo case with an action");
    let (eid, event) = case
        .events
        .iter()
        .next()
        .expect("a demo case with an event");
    let spec = correction::lenient_spec(event);
    let kind = &protocol
        .kinds
        .iter()
        .find(|k| k.id != "afgerond")
        .unwrap()
        .id;
    vec![
        Form::add_event(case, protocol, today),
        Form::add_kind(case, protocol, today, kind, &[]).unwrap(),
        Form::done(&case.id, action, today),
        Form::new_case(&snap.protocols),
        Form::edit_case(case, &snap.protocols),
        Form::edit_event(&case.id, eid, (event, event), vec![], spec),
        Form::withdraw(&case.id, eid, event),
    ]
}

#[test]
fn every_form_holds_each_key_once() {
    for form in every_form() {
        let keys: Vec<FieldKey> = form.fields.iter().map(|f| f.key).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[..i].contains(k), "{k:?} twice in {:?}", form.kind);
        }
    }
}

#[test]
fn a_key_the_form_lacks_reads_as_none_not_empty() {
    let forms = every_form();
    let withdraw = forms.last().unwrap();
    assert!(matches!(withdraw.kind, FormKind::Withdraw { .. }));
    assert_eq!(withdraw.value(FieldKey::Reason), Some(""));
    assert_eq!(withdraw.value(FieldKey::Date), None);
    let new_case = &forms[3];
    assert_eq!(new_case.value(FieldKey::Kind), None);
    // The case's school and an event's school are different keys.
    assert_eq!(new_case.value(FieldKey::School), Some(""));
    assert_eq!(new_case.value(FieldKey::Event(EventField::School)), None);
    assert_eq!(forms[0].value(FieldKey::School), None);
    assert_eq!(
        forms[0].value(FieldKey::Event(EventField::School)),
        Some("")
    );
}

#[test]
fn a_missing_field_is_a_clear_error_in_the_forms_words() {
    let forms = every_form();
    let done = &forms[2];
    let e = done.required(FieldKey::Reason).unwrap_err();
    assert_eq!(e, FormError::NoField(FieldKey::Reason));
    assert_eq!(done.form_error(&e), "dit formulier mist het veld 'Reden'");
}

#[test]
fn the_domain_names_of_event_fields_map_to_the_edit_forms_keys() {
    assert_eq!(FieldKey::of_event_name("note"), Some(FieldKey::Note));
    assert_eq!(
        FieldKey::of_event_name("findings"),
        Some(FieldKey::Event(EventField::Findings))
    );
    assert_eq!(
        FieldKey::of_event_name("school"),
        Some(FieldKey::Event(EventField::School))
    );
    assert_eq!(FieldKey::of_event_name("naam"), None);
}
