//! Reports worded for people: the domain's figures as titled tables
//! (Dutch, English through `i18n`) and the formats they are written in.
//! Shared by the CLI (`verzuim report ...`) and the TUI's Rapportages
//! screen, so both show and write exactly the same table.

pub mod jaar;
pub mod mazl;
pub mod table;
pub mod thuiszitters;

pub use table::{Cell, Format, Table};
