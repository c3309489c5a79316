//! Messages into the update function, and effects out of it. Effects are
//! store work (disk and git) that the worker thread runs off the UI thread;
//! their results come back as messages.

use crate::domain::case::{Case, CaseEdit};
use crate::domain::caseload::CaseCheck;
use crate::domain::event::{Event, KindSpec};
use crate::store::git::LogEntry;
use ratatui::crossterm::event::KeyEvent;

/// What the UI knows of a protocol: enough for forms and filters.
#[derive(Debug, Clone, PartialEq)]
pub struct ProtocolInfo {
    pub id: String,
    pub name: String,
    pub kinds: Vec<KindSpec>,
    pub contacts: Vec<crate::domain::protocol::Contact>,
}

impl From<&crate::domain::protocol::ResolvedProtocol> for ProtocolInfo {
    fn from(p: &crate::domain::protocol::ResolvedProtocol) -> Self {
        ProtocolInfo {
            id: p.id.clone(),
            name: p.name.clone(),
            kinds: p.vocabulary.clone(),
            contacts: p.contacts.clone(),
        }
    }
}

impl ProtocolInfo {
    /// Every resolved protocol of a library.
    pub fn all(lib: &crate::domain::protocol::resolve::Library) -> Vec<ProtocolInfo> {
        lib.protocols.values().map(ProtocolInfo::from).collect()
    }
}

/// The loaded repository as the UI holds it.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub cases: Vec<Case>,
    pub checks: Vec<CaseCheck>,
    pub protocols: Vec<ProtocolInfo>,
    /// Broken case and protocol files, as `file:line:column: message`.
    pub broken: Vec<String>,
    /// Letter templates (the repository's, else the built-in ones).
    pub templates: Vec<crate::domain::letter::Template>,
    /// Open sync conflicts by case id.
    pub conflicts: std::collections::BTreeMap<String, Vec<crate::domain::merge::Conflict>>,
    /// The retention rules, for each case's destruction date (None when
    /// `retention.toml` does not parse: `broken` says why).
    pub retention: Option<crate::domain::retention::RetentionRules>,
}

// One message or effect at a time passes through a channel: the size of
// an event (issue 14's extra fields) costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Resize,
    Loaded(Box<Snapshot>),
    /// A change was committed; the case as it now is (None: file removed).
    Changed {
        case_id: String,
        case: Option<Box<(Case, CaseCheck)>>,
        commit: String,
        summary: String,
        undoable: bool,
        /// What the store noticed on the way (recovered files, a wait).
        notices: Vec<String>,
    },
    /// The worker doubts a change a person may mean: ask, then send
    /// `effect` (now forced) on yes.
    Doubt {
        text: String,
        effect: Effect,
    },
    /// Someone else changed the repository (the CLI, a sync in another
    /// terminal): the data is reloaded.
    Outside,
    History {
        case_id: String,
        entries: Vec<LogEntry>,
    },
    Diff {
        commit: String,
        text: String,
    },
    /// A sync finished (the data is reloaded after it).
    Synced(String),
    /// A report computed for the Rapportages screen.
    Report {
        request: super::reports::ReportRequest,
        tables: Vec<crate::render::Table>,
    },
    /// A report was written to this file.
    Exported(String),
    Failed(String),
}

/// Store work for the worker.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Load,
    AddEvent {
        case_id: String,
        event: Event,
        summary: String,
        /// Recorded even when it looks odd (the person confirmed it).
        force: bool,
    },
    CreateCase {
        case: Box<Case>,
    },
    /// A correction of one event (edit or withdraw): written only if the
    /// event in the file is still `old`.
    ReplaceEvent {
        case_id: String,
        event_id: String,
        old: Box<Event>,
        new: Box<Event>,
        summary: String,
    },
    EditCase {
        case_id: String,
        edit: CaseEdit,
        summary: String,
    },
    Undo {
        case_id: String,
        commit: String,
        summary: String,
    },
    History {
        case_id: String,
    },
    /// One commit's changes to one case's file.
    Diff {
        commit: String,
        case_id: String,
    },
    Sync,
    /// Compute a report (the Rapportages screen).
    Report(super::reports::ReportRequest),
    /// Compute a report and write it to `path` (relative: in the repository).
    Export {
        request: super::reports::ReportRequest,
        format: crate::render::Format,
        path: String,
    },
    /// Make a letter as PDF in `exports/` and record its sending.
    Letter {
        case_id: String,
        action_id: Option<String>,
        template: String,
    },
    Resolve {
        case_id: String,
        field: String,
        /// 0 keeps local, 1 takes `remote`, 2 and up `remote-2`, ...
        choice: usize,
    },
}
