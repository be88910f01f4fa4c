//! Load: find a site's files ([`discover`]) and read each kind of them into the
//! [`site::Site`] model, with every problem of every file located for the author.

pub mod config;
pub(crate) mod data;
pub(crate) mod discover;
pub(crate) mod fallback;
pub(crate) mod fluent;
pub(crate) mod locale_qa;
pub mod locales;
pub mod lock;
pub mod pages;
pub mod site;
pub(crate) mod template_deps;
pub(crate) mod theme;
pub mod yaml;
