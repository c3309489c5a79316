//! The terminal interface, in The Elm Architecture: a model ([`model`]),
//! messages and effects ([`msg`]), one `update` function ([`update`]), views
//! that only read the model (`crate::ui`), and a worker thread that does all
//! disk and git work ([`worker`]) so the interface never blocks. The loop
//! that owns the terminal is `ui/terminal.rs`: `tui` never imports `ui`.

mod case_keys;
pub mod form;
mod form_effect;
mod form_key;
mod form_said;
mod form_work;
pub mod keymap;
mod keys;
pub mod keys_work;
pub mod letter;
mod messages;
pub mod model;
pub mod msg;
pub mod picker;
pub mod reports;
mod selection;
pub mod update;
mod watch;
pub mod worker;
mod worker_reports;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_conflict;
#[cfg(test)]
mod tests_form_keys;
#[cfg(test)]
mod tests_keys;
#[cfg(test)]
mod tests_letter;
#[cfg(test)]
mod tests_more;
#[cfg(test)]
mod tests_reports;
#[cfg(test)]
mod tests_sealed;
#[cfg(test)]
mod tests_work;
