//! Leaf helpers every layer may use; none of them knows what a site is.

pub mod digest;
pub mod intl;
pub mod langmark;
pub mod markdown;
pub mod markdown_extras;
pub mod particles;
pub mod stamp;
pub mod timing;

/// An I/O error that says which file and what was being done ("cannot write
/// public/en/index.html: No space left on device").
pub fn with_path(error: std::io::Error, doing: &str, path: &std::path::Path) -> std::io::Error {
    std::io::Error::new(error.kind(), format!("{doing} {}: {error}", path.display()))
}
