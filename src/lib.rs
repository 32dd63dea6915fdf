//! maalrapport: static report sites for municipal social-goal indicators.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`config`] → [`load`] (files into [`model`] types, every problem with its
//! place) → [`check`] → [`compute`] (aggregates, disclosure control, targets) →
//! [`render`] (Markdown, charts, pages) → [`write`] (one door to the disk).
//! [`site`] runs the stages; [`serve`] serves them from memory while the
//! files change; [`cli`] is the thin command line on top.
//! Other media from the same build: [`pdf`] (printed with headless Chromium)
//! and [`bundle`] (one seminar as a zip), both rewriting links with [`links`].
//! [`diff`] compares two editions of the data, beside the pipeline (it loads,
//! never renders).

pub mod bundle;
pub mod check;
pub mod cleanup;
pub mod cli;
pub mod compute;
pub mod config;
pub mod diag;
pub mod diff;
pub mod embargo;
pub mod format;
pub mod links;
pub mod load;
pub mod model;
pub mod outpath;
pub mod pdf;
pub mod pdf_toc;
pub mod render;
pub mod serve;
pub mod site;
pub mod write;
