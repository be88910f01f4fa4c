//! Stele: a static site generator that keeps facts in data and prose in Fluent, so every
//! language of a site carries the same facts.
//!
//! The pipeline runs one way: [`discover`] finds files, the load stages ([`config`],
//! [`data`], [`locales`], [`lock`], [`pages`], [`theme`]) build the [`site::Site`] model,
//! [`check`] finds drift between languages, [`render`] renders every page in every locale,
//! and [`write`] puts the result in place atomically.

// A diagnostic is the cold path of every stage; boxing it everywhere would only add noise.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod config;
pub mod data;
pub mod diagnostics;
pub mod discover;
pub mod express;
pub mod incremental;
pub mod init;
pub mod intl;
pub mod live;
pub mod locales;
pub mod lock;
pub mod markdown;
pub mod markdown_extras;
pub mod pages;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod status;
pub mod template_deps;
pub mod theme;
pub mod timing;
pub mod write;
pub mod yaml;
