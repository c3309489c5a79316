//! verzuim: a keyboard-driven case tool for Dutch school-absence work.
//!
//! The crate is layered so the design is visible in the folders:
//! - [`domain`]: pure model, school calendar and protocol engine (no IO, no clock);
//! - [`store`]: case files on disk and their git history;
//! - [`cli`] and [`tui`] / [`ui`]: the two front ends over the same domain and store;
//! - [`render`]: reports as worded tables and their file formats, for both front ends.

pub mod cli;
pub mod domain;
pub mod i18n;
pub mod pdf;
pub mod render;
pub mod store;
/// Benchmark data; compiled for tests and with the `synth` feature only.
#[cfg(any(test, feature = "synth"))]
pub mod synth;
pub mod tui;
pub mod ui;
