//! The fields of one rule definition checked one by one: event kinds and
//! outcomes against the vocabulary, spans and thresholds, fields that
//! belong to another kind of rule, owner, levels, term source, escalation
//! and consent. Every error points at the field (or the rule) in its file.

use super::super::kind::RuleKind;
use super::super::resolve::{KindFilter, TermSource};
use super::super::{Role, RuleDef, SourcedProtocol};
use crate::domain::case::Level;
use crate::domain::event::KindSpec;
use crate::domain::textpos::FileError;
use crate::domain::units::Span;
use crate::domain::workflow::Escalation;
use std::ops::Range;
use toml::Spanned;

/// One rule definition being checked, with what its fields are checked
/// against: the file (for positions) and the event kinds known.
pub(super) struct Ctx<'a> {
    pub(super) def: &'a RuleDef,
    pub(super) src: &'a SourcedProtocol,
    pub(super) vocabulary: &'a [KindSpec],
}

impl Ctx<'_> {
    pub(super) fn err(&self, span: Range<usize>, msg: String) -> FileError {
        self.src
            .error_at(span, &format!("rule `{}`: {msg}", self.def.id.get_ref()))
    }
    pub(super) fn at_id(&self, msg: String) -> FileError {
        self.err(self.def.id.span(), msg)
    }

    pub(super) fn kinds(
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

    pub(super) fn known_kinds(
        &self,
        kinds: &[String],
        span: Range<usize>,
    ) -> Result<(), FileError> {
        for k in kinds {
            if !self.vocabulary.iter().any(|v| &v.id == k) {
                return Err(self.err(span.clone(), format!("unknown event kind `{k}`")));
            }
        }
        Ok(())
    }

    pub(super) fn filter(
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

    pub(super) fn span(&self, field: &str, value: Option<Span>) -> Result<Span, FileError> {
        match value {
            Some(s) if s.amount > 0 => Ok(s),
            Some(_) => Err(self.at_id(format!("`{field}` must be more than 0"))),
            None => Err(self.at_id(format!("missing `{field}`"))),
        }
    }

    pub(super) fn whole_threshold(&self) -> Result<u32, FileError> {
        let t = self.threshold()?;
        if t.fract() != 0.0 || t < 1.0 {
            return Err(self.at_id("`threshold` must be a whole number of at least 1".into()));
        }
        Ok(t as u32)
    }

    pub(super) fn threshold(&self) -> Result<f64, FileError> {
        match &self.def.threshold {
            Some(t) if *t.get_ref() > 0.0 && t.get_ref().is_finite() => Ok(*t.get_ref()),
            Some(t) => Err(self.err(t.span(), "`threshold` must be more than 0".into())),
            None => Err(self.at_id("missing `threshold`".into())),
        }
    }

    /// Fields that belong to other kinds of rule are mistakes, not noise.
    pub(super) fn reject_foreign(&self, kind: RuleKind) -> Result<(), FileError> {
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

    /// The rule's kind, one of `RuleKind::ALL`.
    pub(super) fn rule_kind(&self) -> Result<RuleKind, FileError> {
        let text = self.def.kind.get_ref().as_str();
        RuleKind::parse(text).ok_or_else(|| {
            let kinds: Vec<&str> = RuleKind::ALL.iter().map(|k| k.as_str()).collect();
            self.err(
                self.def.kind.span(),
                format!("unknown rule kind `{text}` ({})", kinds.join(", ")),
            )
        })
    }

    /// Who acts on the rule's signal or action.
    pub(super) fn owner(&self) -> Result<Role, FileError> {
        let Some(o) = &self.def.owner else {
            return Err(self.at_id("missing `owner`".into()));
        };
        Role::parse(o.get_ref()).ok_or_else(|| {
            let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
            self.err(
                o.span(),
                format!("unknown owner `{}` ({})", o.get_ref(), roles.join(", ")),
            )
        })
    }

    /// A text every rule must have (`message`, `source`).
    pub(super) fn required(
        &self,
        field: &str,
        value: &Option<String>,
    ) -> Result<String, FileError> {
        value
            .clone()
            .ok_or_else(|| self.at_id(format!("missing `{field}`")))
    }

    /// The school levels the rule is limited to (none: every level).
    pub(super) fn levels(&self) -> Result<Vec<Level>, FileError> {
        self.def
            .levels
            .iter()
            .map(|l| {
                Level::parse(l.get_ref())
                    .ok_or_else(|| self.err(l.span(), format!("unknown level `{}`", l.get_ref())))
            })
            .collect()
    }

    /// Where the rule's term comes from: the source (default) or local policy.
    pub(super) fn term_source(&self) -> Result<TermSource, FileError> {
        let Some(t) = &self.def.term_source else {
            return Ok(TermSource::Source);
        };
        TermSource::parse(t.get_ref()).ok_or_else(|| {
            self.err(
                t.span(),
                format!("unknown term_source `{}` (source, local)", t.get_ref()),
            )
        })
    }

    /// The escalation of an action left open, when the rule has one.
    pub(super) fn escalate(&self) -> Result<Option<Escalation>, FileError> {
        let Some(e) = &self.def.escalate else {
            return Ok(None);
        };
        e.get_ref()
            .resolve()
            .map(Some)
            .map_err(|err| self.err(e.span(), super::escalate_message(&err)))
    }

    /// The consent scope the rule's action needs, one of `consent::SCOPES`.
    pub(super) fn needs_consent(&self) -> Result<Option<String>, FileError> {
        let Some(s) = &self.def.needs_consent else {
            return Ok(None);
        };
        let scopes = crate::domain::consent::SCOPES;
        if !scopes.contains(&s.get_ref().as_str()) {
            return Err(self.err(
                s.span(),
                format!(
                    "unknown consent scope `{}` ({})",
                    s.get_ref(),
                    scopes.join(", ")
                ),
            ));
        }
        Ok(Some(s.get_ref().clone()))
    }
}
