//! Checking one rule definition into a typed [`Rule`]: required fields per
//! kind, fields that do not belong, known event kinds, outcomes and signals.
//! Every error points at the rule in its file.

use super::kind::RuleKind;
use super::resolve::{Deadline, KindFilter, Rule, RuleBody, TermSource, Trigger};
use super::{Role, RuleDef, SourcedProtocol};
use crate::domain::case::Level;
use crate::domain::event::KindSpec;
use crate::domain::textpos::FileError;
use crate::domain::units::Span;
use std::collections::BTreeSet;
use std::ops::Range;
use toml::Spanned;

struct Ctx<'a> {
    def: &'a RuleDef,
    src: &'a SourcedProtocol,
    vocabulary: &'a [KindSpec],
}

impl Ctx<'_> {
    fn err(&self, span: Range<usize>, msg: String) -> FileError {
        self.src
            .error_at(span, &format!("rule `{}`: {msg}", self.def.id.get_ref()))
    }
    fn at_id(&self, msg: String) -> FileError {
        self.err(self.def.id.span(), msg)
    }

    fn kinds(
        &self,
        field: &str,
        value: &Option<Spanned<Vec<String>>>,
    ) -> Result<Vec<String>, FileError> {
        let Some(v) = value else {
            return Err(self.at_id(format!("missing `{field}`")));
        };
        if v.get_ref().is_empty() {
            return Err(self.err(v.span(), format!("`{field}` names no event kind")));
        }
        self.known_kinds(v.get_ref(), v.span())?;
        Ok(v.get_ref().clone())
    }

    fn known_kinds(&self, kinds: &[String], span: Range<usize>) -> Result<(), FileError> {
        for k in kinds {
            if !self.vocabulary.iter().any(|v| &v.id == k) {
                return Err(self.err(span.clone(), format!("unknown event kind `{k}`")));
            }
        }
        Ok(())
    }

    fn filter(
        &self,
        field: &str,
        kinds: &Option<Spanned<Vec<String>>>,
        outcomes: &[String],
    ) -> Result<KindFilter, FileError> {
        let kinds = self.kinds(field, kinds)?;
        for o in outcomes {
            let known = self
                .vocabulary
                .iter()
                .filter(|v| kinds.contains(&v.id))
                .any(|v| v.outcomes.contains(o));
            if !known {
                return Err(self.at_id(format!(
                    "outcome `{o}` is not an outcome of {}",
                    kinds.join(", ")
                )));
            }
        }
        Ok(KindFilter {
            kinds,
            outcomes: outcomes.to_vec(),
        })
    }

    fn span(&self, field: &str, value: Option<Span>) -> Result<Span, FileError> {
        match value {
            Some(s) if s.amount > 0 => Ok(s),
            Some(_) => Err(self.at_id(format!("`{field}` must be more than 0"))),
            None => Err(self.at_id(format!("missing `{field}`"))),
        }
    }

    fn whole_threshold(&self) -> Result<u32, FileError> {
        let t = self.threshold()?;
        if t.fract() != 0.0 || t < 1.0 {
            return Err(self.at_id("`threshold` must be a whole number of at least 1".into()));
        }
        Ok(t as u32)
    }

    fn threshold(&self) -> Result<f64, FileError> {
        match &self.def.threshold {
            Some(t) if *t.get_ref() > 0.0 && t.get_ref().is_finite() => Ok(*t.get_ref()),
            Some(t) => Err(self.err(t.span(), "`threshold` must be more than 0".into())),
            None => Err(self.at_id("missing `threshold`".into())),
        }
    }

    /// Fields that belong to other kinds of rule are mistakes, not noise.
    fn reject_foreign(&self, kind: RuleKind) -> Result<(), FileError> {
        let d = self.def;
        let signal_only = [
            ("events", d.events.is_some()),
            ("threshold", d.threshold.is_some()),
            ("window", d.window.is_some()),
            ("length", d.length.is_some()),
        ];
        let deadline_only = [
            ("after", d.after.is_some()),
            ("after_signal", d.after_signal.is_some()),
            ("due", d.due.is_some()),
            ("satisfied_by", d.satisfied_by.is_some()),
            ("when_lasting", d.when_lasting.is_some()),
            ("not_before", d.not_before.is_some()),
            ("after_with_until", d.after_with_until),
            ("escalate", d.escalate.is_some()),
            ("needs_consent", d.needs_consent.is_some()),
        ];
        let foreign: &[(&str, bool)] = if kind == RuleKind::Deadline {
            &signal_only
        } else {
            &deadline_only
        };
        match foreign.iter().find(|(_, present)| *present) {
            Some((field, _)) => {
                Err(self.at_id(format!("`{field}` does not apply to a {kind} rule")))
            }
            None => Ok(()),
        }
    }
}

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
    let text = def.kind.get_ref().as_str();
    let Some(kind) = RuleKind::parse(text) else {
        let kinds: Vec<&str> = RuleKind::ALL.iter().map(|k| k.as_str()).collect();
        return Err(cx.err(
            def.kind.span(),
            format!("unknown rule kind `{text}` ({})", kinds.join(", ")),
        ));
    };
    cx.reject_foreign(kind)?;
    let owner = match &def.owner {
        Some(o) => Role::parse(o.get_ref()).ok_or_else(|| {
            let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
            cx.err(
                o.span(),
                format!("unknown owner `{}` ({})", o.get_ref(), roles.join(", ")),
            )
        })?,
        None => return Err(cx.at_id("missing `owner`".into())),
    };
    let message = def
        .message
        .clone()
        .ok_or_else(|| cx.at_id("missing `message`".into()))?;
    let source = def
        .source
        .clone()
        .ok_or_else(|| cx.at_id("missing `source`".into()))?;
    let mut levels = Vec::new();
    for l in &def.levels {
        levels.push(
            Level::parse(l.get_ref())
                .ok_or_else(|| cx.err(l.span(), format!("unknown level `{}`", l.get_ref())))?,
        );
    }
    let term_source = match &def.term_source {
        None => TermSource::Source,
        Some(t) => TermSource::parse(t.get_ref()).ok_or_else(|| {
            cx.err(
                t.span(),
                format!("unknown term_source `{}` (source, local)", t.get_ref()),
            )
        })?,
    };
    cx.known_kinds(&def.reset_by, def.id.span())?;
    cx.known_kinds(&def.unless, def.id.span())?;
    let body = body(&cx, kind, signals)?;
    let escalate = match &def.escalate {
        None => None,
        Some(e) => Some(
            e.get_ref()
                .resolve()
                .map_err(|err| cx.err(e.span(), escalate_message(&err)))?,
        ),
    };
    let needs_consent = match &def.needs_consent {
        Some(s) if !crate::domain::consent::SCOPES.contains(&s.get_ref().as_str()) => {
            return Err(cx.err(
                s.span(),
                format!(
                    "unknown consent scope `{}` ({})",
                    s.get_ref(),
                    crate::domain::consent::SCOPES.join(", ")
                ),
            ));
        }
        s => s.as_ref().map(|s| s.get_ref().clone()),
    };
    Ok(Rule {
        escalate,
        needs_consent,
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
