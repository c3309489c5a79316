//! Resolving protocols: following `extends`, merging rules by id, and
//! validating every rule into the typed form the engine runs. A broken
//! protocol (and whatever extends it) is reported, never guessed at.

use super::RuleKind;
use super::check::check_rule;
use super::{Classification, Contact, RuleDef, SourcedProtocol};
use crate::domain::calendar::Region;
use crate::domain::case::Level;
use crate::domain::event::{KindSpec, Until, base_vocabulary};
use crate::domain::protocol::Role;
use crate::domain::textpos::FileError;
use crate::domain::units::Span;
use std::collections::{BTreeMap, BTreeSet};

/// Which events a rule looks at: kinds, optionally only some outcomes.
#[derive(Debug, Clone, PartialEq)]
pub struct KindFilter {
    pub kinds: Vec<String>,
    pub outcomes: Vec<String>,
}

impl KindFilter {
    pub fn matches(&self, kind: &str, outcome: Option<&str>) -> bool {
        self.kinds.iter().any(|k| k == kind)
            && (self.outcomes.is_empty()
                || outcome.is_some_and(|o| self.outcomes.iter().any(|x| x == o)))
    }
}

/// Where a rule's term (its deadline or window) comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermSource {
    /// The source document states it.
    #[default]
    Source,
    /// No source states it: a local default the region may change.
    Local,
}

impl TermSource {
    pub fn parse(text: &str) -> Option<TermSource> {
        match text {
            "source" => Some(TermSource::Source),
            "local" => Some(TermSource::Local),
            _ => None,
        }
    }
}

/// What starts a deadline.
#[derive(Debug, Clone, PartialEq)]
pub enum Trigger {
    Event(KindFilter),
    Signal(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    pub trigger: Trigger,
    pub due: Span,
    pub not_before: Option<Span>,
    pub when_lasting: Option<Span>,
    /// Only triggering events with an end date (a vrijstelling for a fixed period).
    pub after_with_until: bool,
    pub satisfied_by: KindFilter,
    /// A new action falls due `due` after each satisfying event while the
    /// trigger still holds (a recurring review).
    pub repeat: bool,
}

/// What a rule computes.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleBody {
    /// The n-th event of some kinds within a window.
    Count {
        filter: KindFilter,
        threshold: u32,
        window: Option<Span>,
        every: bool,
        reset_by: Vec<String>,
    },
    /// Lesson hours of some kinds within a window.
    Hours {
        filter: KindFilter,
        threshold: f64,
        window: Span,
    },
    /// School days of absence within a window.
    Days {
        filter: KindFilter,
        threshold: u32,
        window: Span,
    },
    /// One unbroken absence period reaching a length.
    Consecutive {
        filter: KindFilter,
        length: Span,
        more_than: bool,
        unless: Vec<String>,
    },
    /// An action due after an event or a signal.
    Deadline(Deadline),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub id: String,
    pub kind: RuleKind,
    pub owner: Role,
    pub message: String,
    pub source: String,
    pub note: Option<String>,
    pub levels: Vec<Level>,
    pub active_for: Option<Span>,
    pub term_source: TermSource,
    pub body: RuleBody,
    /// The protocol whose file defines this rule.
    pub origin: String,
    /// A deadline's escalation when it stays overdue (issue 14).
    pub escalate: Option<crate::domain::workflow::Escalation>,
    /// A deadline whose action needs this consent (a `toestemming` scope).
    pub needs_consent: Option<String>,
}

impl Rule {
    pub fn applies_to(&self, level: Level) -> bool {
        self.levels.is_empty() || self.levels.contains(&level)
    }
}

/// A protocol with its whole `extends` chain merged and checked.
#[derive(Debug, Clone)]
pub struct ResolvedProtocol {
    pub id: String,
    pub name: String,
    pub file: String,
    pub source: String,
    pub description: Option<String>,
    /// This protocol first, then what it extends.
    pub chain: Vec<String>,
    pub region: Option<Region>,
    pub lesson_hours_per_day: BTreeMap<String, f64>,
    pub vocabulary: Vec<KindSpec>,
    pub contacts: Vec<Contact>,
    pub classification: Option<Classification>,
    pub rules: Vec<Rule>,
    /// The repository's escalation for deadlines whose rule names none
    /// (`escalate` in verzuim.toml).
    pub escalate: Option<crate::domain::workflow::Escalation>,
}

impl ResolvedProtocol {
    pub fn kind(&self, id: &str) -> Option<&KindSpec> {
        self.vocabulary.iter().find(|k| k.id == id)
    }

    /// Lesson hours in a whole school day for a level (6 when unset).
    pub fn lesson_hours(&self, level: Level) -> f64 {
        let m = &self.lesson_hours_per_day;
        m.get(level.as_str())
            .or_else(|| m.get("default"))
            .copied()
            .unwrap_or(6.0)
    }

    /// Contacts for a role, the case's municipality first.
    pub fn contacts_for(&self, role: Role, gemeente: Option<&str>) -> Vec<&Contact> {
        contacts_for(&self.contacts, role, gemeente)
    }
}

/// Of `contacts`, those for `role` that serve `gemeente` (or every
/// municipality), the municipality's own first.
pub fn contacts_for<'a>(
    contacts: &'a [Contact],
    role: Role,
    gemeente: Option<&str>,
) -> Vec<&'a Contact> {
    let mut v: Vec<&Contact> = contacts
        .iter()
        .filter(|c| c.role == role)
        .filter(|c| c.gemeente.is_none() || c.gemeente.as_deref() == gemeente)
        .collect();
    v.sort_by_key(|c| c.gemeente.is_none());
    v
}

/// The outcome of resolving every protocol in a repository.
#[derive(Debug, Default)]
pub struct Library {
    pub protocols: BTreeMap<String, ResolvedProtocol>,
    /// Protocols that could not be resolved, with why.
    pub broken: BTreeMap<String, Vec<FileError>>,
}

/// Resolves all protocols; each broken one is listed with its errors.
pub fn resolve_all(sources: &[SourcedProtocol]) -> Library {
    let by_id: BTreeMap<&str, &SourcedProtocol> = sources.iter().map(|s| (s.id(), s)).collect();
    let mut lib = Library::default();
    for src in sources {
        match resolve_one(src, &by_id) {
            Ok(p) => {
                lib.protocols.insert(p.id.clone(), p);
            }
            Err(errors) => {
                lib.broken.insert(src.id().to_string(), errors);
            }
        }
    }
    lib
}

/// Follows `extends` to the root, failing on a cycle or an unknown parent.
fn chain<'a>(
    src: &'a SourcedProtocol,
    by_id: &BTreeMap<&str, &'a SourcedProtocol>,
) -> Result<Vec<&'a SourcedProtocol>, FileError> {
    let mut chain = vec![src];
    let mut seen = BTreeSet::from([src.id()]);
    let mut current = src;
    while let Some(parent) = &current.def.extends {
        let name = parent.get_ref().as_str();
        let Some(next) = by_id.get(name) else {
            return Err(
                current.error_at(parent.span(), &format!("extends unknown protocol `{name}`"))
            );
        };
        if !seen.insert(next.id()) {
            return Err(
                current.error_at(parent.span(), &format!("`extends` cycle through `{name}`"))
            );
        }
        chain.push(next);
        current = next;
    }
    Ok(chain)
}

fn resolve_one(
    src: &SourcedProtocol,
    by_id: &BTreeMap<&str, &SourcedProtocol>,
) -> Result<ResolvedProtocol, Vec<FileError>> {
    let chain = chain(src, by_id).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let base = base_vocabulary();
    let mut vocabulary = base.clone();
    let mut contacts = Vec::new();
    let mut lesson_hours = BTreeMap::new();
    let mut region = None;
    let mut classification = None;
    // Rule definitions by id in order of first appearance, root first.
    let mut defs: Vec<(&RuleDef, &SourcedProtocol)> = Vec::new();
    for p in chain.iter().rev() {
        add_kinds(p, &base, &mut vocabulary, &mut errors);
        contacts.splice(0..0, p.def.contacts.iter().cloned());
        lesson_hours.extend(p.def.params.lesson_hours_per_day.clone());
        if let Some(r) = &p.def.region {
            match Region::parse(r) {
                Some(r) => region = Some(r),
                None => errors.push(p.error_at(
                    p.def.id.span(),
                    &format!("unknown region `{r}` (noord, midden, zuid)"),
                )),
            }
        }
        if p.def.classification.is_some() {
            classification = p.def.classification.clone();
        }
        for def in &p.def.rules {
            // A later protocol's definition replaces the earlier one in place.
            match defs
                .iter()
                .position(|(d, _)| d.id.get_ref() == def.id.get_ref())
            {
                Some(i) => defs[i] = (def, p),
                None => defs.push((def, p)),
            }
        }
    }
    defs.retain(|(d, _)| !d.disabled);
    let rules = check_rules(&defs, &vocabulary, &mut errors);
    if let Some(c) = &classification {
        check_classification(src, c, &vocabulary, &mut errors);
    }
    let mut seen = BTreeSet::new();
    errors.retain(|e| seen.insert(e.to_string()));
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ResolvedProtocol {
        id: src.id().to_string(),
        name: src.def.name.clone(),
        file: src.file.clone(),
        source: src.def.source.clone(),
        description: src.def.description.clone(),
        chain: chain.iter().map(|p| p.id().to_string()).collect(),
        region,
        lesson_hours_per_day: lesson_hours,
        vocabulary,
        contacts,
        classification,
        rules,
        escalate: None,
    })
}

/// The event kinds protocol `p` declares, added to `vocabulary`.
fn add_kinds(
    p: &SourcedProtocol,
    base: &[KindSpec],
    vocabulary: &mut Vec<KindSpec>,
    errors: &mut Vec<FileError>,
) {
    for k in &p.def.kinds {
        // Copies of protocols made before the base vocabulary took a
        // kind over (e.g. `zorgmelding`) still declare it: one kind, the
        // base one, so such a repository keeps working.
        if base.iter().any(|v| v.id == *k.id.get_ref()) {
            continue;
        }
        if vocabulary.iter().any(|v| v.id == *k.id.get_ref()) {
            errors.push(p.error_at(
                k.id.span(),
                &format!("kind `{}` is already defined", k.id.get_ref()),
            ));
            continue;
        }
        vocabulary.push(KindSpec {
            id: k.id.get_ref().clone(),
            label: k.label.clone(),
            label_en: k.label.clone(),
            until: if k.until { Until::Optional } else { Until::No },
            hours: false,
            outcomes: k.outcomes.clone(),
            note_required: false,
            fields: Vec::new(),
        });
    }
}

/// Every rule definition checked into a typed rule; the broken ones'
/// errors added to `errors`. A deadline may follow any signal rule.
fn check_rules(
    defs: &[(&RuleDef, &SourcedProtocol)],
    vocabulary: &[KindSpec],
    errors: &mut Vec<FileError>,
) -> Vec<Rule> {
    let signal_ids: BTreeSet<&str> = defs
        .iter()
        .filter(|(d, _)| RuleKind::parse(d.kind.get_ref()) != Some(RuleKind::Deadline))
        .map(|(d, _)| d.id.get_ref().as_str())
        .collect();
    let mut rules = Vec::new();
    for (def, origin) in defs {
        match check_rule(def, origin, vocabulary, &signal_ids) {
            Ok(rule) => rules.push(rule),
            Err(e) => errors.push(e),
        }
    }
    rules
}

/// A classification may count only event kinds the protocol knows.
fn check_classification(
    src: &SourcedProtocol,
    c: &Classification,
    vocabulary: &[KindSpec],
    errors: &mut Vec<FileError>,
) {
    let kinds = c.classes.iter().flat_map(|class| class.events.iter());
    for k in kinds.filter(|k| !vocabulary.iter().any(|v| &v.id == *k)) {
        errors.push(src.error_at(
            src.def.id.span(),
            &format!("classification counts unknown event kind `{k}`"),
        ));
    }
}
