//! Ladder: an offline desktop CRM for small offices.
//!
//! Layers, one direction: [`domain`] (pure types and rules) ← [`store`]
//! (SQLite) ← [`ui`] (egui panels) and [`cli`] (headless commands);
//! [`app`] wires the store, caches, commands and undo for the window;
//! [`system`] is the clock and environment both faces read; [`about`] the
//! version, licences and icon both show.

pub mod about;
pub mod app;
pub mod cli;
pub mod domain;
pub mod job;
pub mod store;
pub mod system;
pub mod ui;
