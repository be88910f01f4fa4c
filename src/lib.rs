//! Stele: a static site generator that keeps facts in data and prose in Fluent, so every
//! language of a site carries the same facts.
//!
//! The folders are the pipeline, and every import points down them:
//!
//! - [`cli`]: the commands that are more than a call (the dev server, `init`);
//! - [`pipeline`]: the one place that knows the order of the stages, and its shortcuts;
//! - [`cache`]: the record of what every output was made from, kept between builds;
//! - [`output`]: the files around the pages, the staging tree and the atomic swap;
//! - [`check`]: pure checks of the loaded site and the rendered pages;
//! - [`render`]: every page in every locale through its template;
//! - [`load`]: discover the site's files and read them into the [`load::site::Site`] model;
//! - [`util`] and [`diagnostics`]: leaf helpers and the problems every stage reports.
//!
//! `fuzzing` (hidden) stands above them all: the entry points of the fuzz targets in `fuzz/`.
//!
//! `tests/layering.rs` keeps the direction true.

// A diagnostic is the cold path of every stage; boxing it everywhere would only add noise.
#![allow(clippy::result_large_err)]

pub mod cache;
pub mod check;
pub mod cli;
pub mod diagnostics;
#[doc(hidden)]
pub mod fuzzing;
pub mod load;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod util;
