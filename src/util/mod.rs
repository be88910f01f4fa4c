//! Leaf helpers every layer may use; none of them knows what a site is.

pub mod digest;
pub mod intl;
pub mod markdown;
pub mod markdown_extras;
pub mod stamp;
pub mod timing;
