//! Integration tests: real project folders in temp dirs, the real binary.
//! One test binary (autotests = false) keeps link time down.

mod bundle;
mod harness;
mod pdf;
