//! The pure domain core: case model, school calendar and protocol engine.
//! Nothing here reads files, talks to git or looks at the clock; `today` is
//! always a parameter so every result is reproducible.

pub mod calendar;
pub mod calendar_file;
pub mod case;
pub mod caseload;
pub mod compartments;
pub mod consent;
pub mod correction;
pub mod dates;
pub mod engine;
pub mod errors;
pub mod event;
pub mod event_file;
pub mod ids;
pub mod import;
pub mod input;
pub mod letter;
pub mod merge;
pub mod plausible;
pub mod protocol;
pub mod report;
pub mod retention;
pub mod seal;
pub mod search;
pub mod text;
pub mod textpos;
pub mod units;
pub mod vocabulary;
pub mod workflow;
