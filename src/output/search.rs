//! The search index: the built pages of every locale, indexed by Pagefind into
//! `pagefind/` at the output root, one index per language (Pagefind splits by each page's
//! `<html lang>`). The language chooser, the 404 pages and the health page are left out.
//! The theme's search box loads Pagefind's own UI from that folder.

use std::path::Path;

use crate::diagnostics::{Code, Diagnostic};
use crate::render::OutputFile;
use crate::util::digest::{Digest, Fingerprint};

/// The output folder of the index; a site's own `static/` may not write into it.
pub(crate) const BUNDLE_DIR: &str = "pagefind";

/// Whether the output file at `path` is a page readers should find by searching: a page of
/// a locale, but not a 404 page.
pub(crate) fn is_searchable(path: &str, locale_tags: &[String]) -> bool {
    let Some((first, rest)) = path.split_once('/') else {
        return false;
    };
    locale_tags.iter().any(|tag| tag == first)
        && rest.ends_with(".html")
        && rest.rsplit('/').next() != Some("404.html")
}

/// The fingerprint of what the index is made from: the pages' paths and contents and the
/// settings that shape it. The index is rebuilt only when this changes.
pub(crate) fn key<'a>(
    pages: impl Iterator<Item = (&'a str, &'a str)>,
    pretty_urls: bool,
) -> Digest {
    let mut print = Fingerprint::new();
    print
        .add(env!("CARGO_PKG_VERSION"))
        .add(if pretty_urls { "pretty" } else { "files" });
    for (path, hash) in pages {
        print.add(path).add(hash);
    }
    print.finish()
}

/// The address Pagefind shows for a page, from the site root: `/en/about/` with pretty
/// URLs, `/en/about/index.html` without (so results open from any server folder).
fn page_url(path: &str, pretty_urls: bool) -> String {
    match path.strip_suffix("index.html") {
        Some(folder) if pretty_urls => format!("/{folder}"),
        _ => format!("/{path}"),
    }
}

/// Indexes `pages` (each with its HTML) and returns the files of `pagefind/`.
pub(crate) fn index(
    pages: Vec<OutputFile>,
    pretty_urls: bool,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let failed = |error: String| {
        Diagnostic::error(
            Code::IoError,
            crate::load::discover::CONFIG_FILE,
            format!("the search index could not be built: {error}"),
        )
        .help("set `search: false` in content/site.yaml to build without search, and please report this")
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| failed(error.to_string()))?;
    runtime.block_on(async move {
        let options = pagefind::options::PagefindServiceConfig::builder()
            .keep_index_url(true)
            .build();
        let mut search =
            pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| failed(e.to_string()))?;
        for page in pages {
            let html =
                String::from_utf8_lossy(page.content.bytes().unwrap_or_default()).into_owned();
            search
                .add_html_file(None, Some(page_url(&page.path, pretty_urls)), html)
                .await
                .map_err(|e| failed(format!("{}: {e}", page.path)))?;
        }
        let files = search
            .get_files()
            .await
            .map_err(|e| failed(e.to_string()))?;
        let mut out: Vec<OutputFile> = files
            .into_iter()
            .map(|file| {
                let relative = crate::load::discover::slash_path(Path::new(&file.filename));
                OutputFile::new(format!("{BUNDLE_DIR}/{relative}"), file.contents)
            })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_locale_pages_are_searched() {
        let tags = vec!["en".to_string(), "ko".to_string()];
        assert!(is_searchable("en/index.html", &tags));
        assert!(is_searchable("ko/about/index.html", &tags));
        assert!(!is_searchable("index.html", &tags));
        assert!(!is_searchable("404.html", &tags));
        assert!(!is_searchable("en/404.html", &tags));
        assert!(!is_searchable("_status/index.html", &tags));
        assert!(!is_searchable("static/style.css", &tags));
        assert!(!is_searchable("nl/index.html", &tags));
    }

    #[test]
    fn urls_follow_the_site_setting() {
        assert_eq!(
            page_url("en/about/index.html", false),
            "/en/about/index.html"
        );
        assert_eq!(page_url("en/about/index.html", true), "/en/about/");
    }
}
