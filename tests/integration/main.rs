//! Integration tests: real project folders in temp dirs, the real binary.
//! One test binary (autotests = false) keeps link time down.

mod attack;
mod build;
mod bundle;
mod chart_choice;
mod check;
mod credit;
mod diff;
mod disclosure;
mod factsheet;
mod fuzz;
mod harness;
mod hostile;
mod input;
mod pdf;
#[cfg(feature = "png")]
mod pngs;
mod props;
mod revision;
mod serve;
mod sources;
mod targets;
mod warnings;
mod xlsx;
