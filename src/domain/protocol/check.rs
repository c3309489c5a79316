//! Checking one rule definition into a typed [`Rule`]: the rule as a
//! whole and the body of its kind (count, hours, days, consecutive,
//! deadline). The single fields are checked in `check_fields.rs`. Every
//! error points at the rule in its file.

use super::kind::RuleKind;
use super::resolve::{Deadline, Rule, RuleBody, Trigger};
use super::{Role, RuleDef, SourcedProtocol};
use crate::domain::event::KindSpec;
use crate::domain::textpos::FileError;
use std::collections::BTreeSet;

// The field checks: a part of the rule check, in its own file.
#[path = "check_fields.rs"]
mod fields;
use fields::Ctx;

pub fn check_rule(
    def: &RuleDef,
    src: &SourcedProtocol,
    vocabulary: &[KindSpec],
    signals: &BTreeSet<&str>,
) -> Result<Rule, FileError> {
    let cx = Ctx {
        def,
        src,
        vocabulary,
    };
    let kind = cx.rule_kind()?;
    cx.reject_foreign(kind)?;
    // In the order of the checks before: the first error found is the one told.
    let owner = cx.owner()?;
    let message = cx.required("message", &def.message)?;
    let source = cx.required("source", &def.source)?;
    let levels = cx.levels()?;
    let term_source = cx.term_source()?;
    cx.known_kinds(&def.reset_by, def.id.span())?;
    cx.known_kinds(&def.unless, def.id.span())?;
    let body = body(&cx, kind, signals)?;
    Ok(Rule {
        escalate: cx.escalate()?,
        needs_consent: cx.needs_consent()?,
        id: def.id.get_ref().clone(),
        kind,
        owner,
        message,
        source,
        note: def.note.clone(),
        levels,
        active_for: def.active_for,
        term_source,
        body,
        origin: src.id().to_string(),
    })
}

/// Protocol files are checked in English, like every message about them.
pub fn escalate_message(err: &crate::domain::workflow::EscalateError) -> String {
    use crate::domain::workflow::EscalateError;
    match err {
        EscalateError::After(_) => {
            "`escalate.after` needs an amount and a unit, e.g. \"5 schooldagen\"".into()
        }
        EscalateError::UnknownRole(r) => {
            let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
            format!("`escalate.to`: unknown role `{r}` ({})", roles.join(", "))
        }
    }
}

fn body(cx: &Ctx, kind: RuleKind, signals: &BTreeSet<&str>) -> Result<RuleBody, FileError> {
    let d = cx.def;
    Ok(match kind {
        RuleKind::Count | RuleKind::OutcomeCount => {
            if kind == RuleKind::OutcomeCount && d.outcomes.is_empty() {
                return Err(cx.at_id("an outcome-count rule needs `outcomes`".into()));
            }
            RuleBody::Count {
                filter: cx.filter("events", &d.events, &d.outcomes)?,
                threshold: cx.whole_threshold()?,
                window: d.window.map(|w| cx.span("window", Some(w))).transpose()?,
                every: d.every,
                reset_by: d.reset_by.clone(),
            }
        }
        RuleKind::Hours => RuleBody::Hours {
            filter: cx.filter("events", &d.events, &d.outcomes)?,
            threshold: cx.threshold()?,
            window: cx.span("window", d.window)?,
        },
        RuleKind::Days => RuleBody::Days {
            filter: cx.filter("events", &d.events, &d.outcomes)?,
            threshold: cx.whole_threshold()?,
            window: cx.span("window", d.window)?,
        },
        RuleKind::Consecutive => {
            if d.threshold.is_some() {
                return Err(cx.at_id("a consecutive rule takes `length`, not `threshold`".into()));
            }
            RuleBody::Consecutive {
                filter: cx.filter("events", &d.events, &d.outcomes)?,
                length: cx.span("length", d.length)?,
                more_than: d.more_than,
                unless: d.unless.clone(),
            }
        }
        RuleKind::Deadline => RuleBody::Deadline(deadline(cx, signals)?),
    })
}

fn deadline(cx: &Ctx, signals: &BTreeSet<&str>) -> Result<Deadline, FileError> {
    let d = cx.def;
    let trigger = match (&d.after, &d.after_signal) {
        (Some(_), None) => Trigger::Event(cx.filter("after", &d.after, &d.after_outcomes)?),
        (None, Some(s)) => {
            for id in s.get_ref() {
                if !signals.contains(id.as_str()) {
                    return Err(cx.err(
                        s.span(),
                        format!("`after_signal` names unknown signal rule `{id}`"),
                    ));
                }
            }
            Trigger::Signal(s.get_ref().clone())
        }
        _ => {
            return Err(
                cx.at_id("a deadline needs exactly one of `after` and `after_signal`".into())
            );
        }
    };
    let due = cx.span("due", d.due)?;
    // An action must not fall due before it appears: the span that makes
    // it appear and its due date count in the same unit.
    for (field, shown) in [
        ("when_lasting", d.when_lasting),
        ("not_before", d.not_before),
    ] {
        if let Some(s) = shown
            && (s.unit != due.unit || s.amount > due.amount)
        {
            return Err(cx.at_id(format!(
                "`{field}` ({s}) and `due` ({due}) must use one unit, with `due` at least as long: else the action is overdue before it appears"
            )));
        }
    }
    if d.after_with_until && d.after.is_none() {
        return Err(cx.at_id("`after_with_until` needs `after`".into()));
    }
    Ok(Deadline {
        trigger,
        due,
        not_before: d.not_before,
        when_lasting: d.when_lasting,
        after_with_until: d.after_with_until,
        satisfied_by: cx.filter("satisfied_by", &d.satisfied_by, &d.satisfied_outcomes)?,
        repeat: d.repeat,
    })
}

#[cfg(test)]
mod tests {
    use crate::domain::protocol::{TermSource, parse, resolve_all};

    fn resolve(rule: &str) -> Result<crate::domain::protocol::Rule, String> {
        let text = format!(
            "id = \"p\"\nname = \"P\"\nsource = \"s\"\n\n[[rules]]\nid = \"r\"\nkind = \"deadline\"\nafter = [\"ziek\"]\nowner = \"school\"\nmessage = \"m\"\nsource = \"s\"\nsatisfied_by = [\"gesprek\"]\n{rule}\n"
        );
        let lib = resolve_all(&[parse("p.toml", &text).unwrap()]);
        match lib.protocols.get("p") {
            Some(p) => Ok(p.rules[0].clone()),
            None => Err(format!("{:?}", lib.broken)),
        }
    }

    #[test]
    fn an_action_cannot_fall_due_before_it_appears() {
        let err = resolve(
            "when_lasting = { amount = 3, unit = \"school-days\" }\ndue = { amount = 1, unit = \"weeks\" }",
        )
        .unwrap_err();
        assert!(err.contains("must use one unit"), "{err}");
        let err = resolve(
            "when_lasting = { amount = 6, unit = \"school-days\" }\ndue = { amount = 5, unit = \"school-days\" }",
        )
        .unwrap_err();
        assert!(err.contains("at least as long"), "{err}");
        assert!(
            resolve(
                "when_lasting = { amount = 3, unit = \"school-days\" }\ndue = { amount = 5, unit = \"school-days\" }"
            )
            .is_ok()
        );
    }

    #[test]
    fn term_source_is_source_unless_marked_local() {
        let due = "due = { amount = 5, unit = \"school-days\" }";
        assert_eq!(resolve(due).unwrap().term_source, TermSource::Source);
        let local = resolve(&format!("{due}\nterm_source = \"local\"")).unwrap();
        assert_eq!(local.term_source, TermSource::Local);
        let err = resolve(&format!("{due}\nterm_source = \"guess\"")).unwrap_err();
        assert!(err.contains("unknown term_source"), "{err}");
    }

    #[test]
    fn escalation_and_consent_are_checked_where_they_are_written() {
        let due = "due = { amount = 5, unit = \"school-days\" }";
        let ok = resolve(&format!(
            "{due}\nescalate = {{ after = \"5 schooldagen\", to = \"teamleider\" }}\nneeds_consent = \"terugkoppeling-school\""
        ))
        .unwrap();
        assert_eq!(
            ok.escalate.unwrap().to,
            crate::domain::protocol::Role::Teamleider
        );
        assert_eq!(ok.needs_consent.as_deref(), Some("terugkoppeling-school"));
        let err = resolve(&format!(
            "{due}\nescalate = {{ after = \"5\", to = \"teamleider\" }}"
        ))
        .unwrap_err();
        assert!(
            err.contains("escalate.after") && err.contains("line: 14"),
            "{err}"
        );
        let err = resolve(&format!("{due}\nneeds_consent = \"alles\"")).unwrap_err();
        assert!(err.contains("unknown consent scope"), "{err}");
    }
}
