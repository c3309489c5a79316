//! The letter choice: `b` on a case offers the templates that fit the
//! selected action first, Enter asks the worker for the PDF, Esc cancels.

use super::msg::Effect;
use super::tests::{app, key, open, render};
use ratatui::crossterm::event::KeyCode;

#[test]
fn b_offers_the_fitting_letters_first_and_enter_makes_the_pdf() {
    let mut a = app();
    // A sample case with an open action some template fits.
    let templates = a.data.templates.clone();
    let (name, action) = a
        .data
        .cases
        .iter()
        .zip(&a.data.checks)
        .find_map(|(c, check)| {
            let e = check.as_ref().ok()?;
            let act = e
                .open_actions()
                .find(|x| templates.iter().any(|t| t.fits(x)))?;
            Some((c.name.clone(), act.clone()))
        })
        .expect("a sample case with an action a letter fits");
    open(&mut a, &name);
    a.action_sel = Some(action.id.to_string());
    assert!(key(&mut a, KeyCode::Char('b')).is_empty());
    let choice = a.letter.clone().expect("the letter choice is open");
    assert_eq!(choice.action_id.as_deref(), Some(action.id.as_str()));
    let fits: Vec<bool> = choice.choices.iter().map(|c| c.2).collect();
    assert!(fits[0], "a fitting letter first: {:?}", choice.choices);
    assert!(fits.windows(2).all(|w| w[0] >= w[1]), "{fits:?}");
    assert_eq!(choice.choices.len(), templates.len());
    let screen = render(&a);
    assert!(screen.contains("Brief"), "{screen}");
    assert!(
        screen.contains(&format!("* {}", choice.choices[0].1)),
        "{screen}"
    );
    let effects = key(&mut a, KeyCode::Enter);
    assert_eq!(
        effects,
        vec![Effect::Letter {
            case_id: choice.case_id.clone(),
            action_id: Some(action.id.to_string()),
            template: choice.choices[0].0.clone(),
        }]
    );
    assert!(a.letter.is_none() && a.busy.is_some());
}

#[test]
fn esc_closes_the_letter_choice_without_an_effect() {
    let mut a = app();
    let name = a.data.cases[0].name.clone();
    open(&mut a, &name);
    key(&mut a, KeyCode::Char('b'));
    assert!(a.letter.is_some());
    key(&mut a, KeyCode::Down);
    assert_eq!(a.letter.as_ref().unwrap().selected, 1);
    assert!(key(&mut a, KeyCode::Esc).is_empty());
    assert!(a.letter.is_none());
}
