//! Leaf helpers every layer may use; none of them knows what a site is.

pub(crate) mod digest;
pub(crate) mod intl;
pub(crate) mod langmark;
pub mod markdown;
pub(crate) mod markdown_extras;
pub(crate) mod particles;
pub(crate) mod stamp;
pub(crate) mod timing;

/// An I/O error that says which file and what was being done ("cannot write
/// public/en/index.html: No space left on device").
pub(crate) fn with_path(
    error: std::io::Error,
    doing: &str,
    path: &std::path::Path,
) -> std::io::Error {
    std::io::Error::new(error.kind(), format!("{doing} {}: {error}", path.display()))
}
