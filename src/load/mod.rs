//! Load: find a site's files ([`discover`]) and read each kind of them into the
//! [`site::Site`] model, with every problem of every file located for the author.

pub mod config;
pub mod data;
pub mod discover;
pub mod fallback;
pub mod fluent;
pub mod locale_qa;
pub mod locales;
pub mod lock;
pub mod pages;
pub mod site;
pub mod template_bounds;
pub mod template_deps;
pub mod template_html;
pub mod theme;
pub mod yaml;
